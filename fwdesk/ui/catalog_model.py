"""The catalogue list: a table model that filters and sorts tens of thousands of products
fast enough to follow every keystroke.

Filtering runs over precomputed lowercase search strings and plain number lists (no Python
call per row per keystroke beyond a containment test), and the view only ever asks for the
rows it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPixmap

from fwdesk.core.catalog import CatalogProduct

COLUMNS = ("Product", "Type", "Media", "Size", "Price")
PRICE_COLUMN = 4
ProductRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class CatalogFilter:
    text: str = ""
    type_id: int | None = None
    media_id: int | None = None
    min_side: float | None = None
    max_side: float | None = None
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    inventory_only: bool = False


def money(value: Decimal | None) -> str:
    return "—" if value is None else f"${value:,.2f}"


class CatalogModel(QAbstractTableModel):
    def __init__(self, thumbnail: Callable[[str], QPixmap | None] | None = None) -> None:
        super().__init__()
        self._products: list[CatalogProduct] = []
        self._haystacks: list[str] = []
        self._sides: list[float] = []
        self._prices: list[float] = []
        self._visible: list[int] = []
        self._filter = CatalogFilter()
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._thumbnail = thumbnail

    # -- content --------------------------------------------------------------------------

    def set_products(self, products: list[CatalogProduct]) -> None:
        self.beginResetModel()
        self._products = products
        self._haystacks = [
            f"{p.name} {p.sku} {p.type_name} {p.media_name} {p.style_name} {p.size_text}".lower()
            for p in products
        ]
        self._sides = [p.longest_side for p in products]
        self._prices = [float(p.price) if p.price is not None else -1.0 for p in products]
        self._visible = self._matching(self._filter)
        self._apply_sort()
        self.endResetModel()

    def apply_filter(self, wanted: CatalogFilter) -> None:
        self.beginResetModel()
        self._filter = wanted
        self._visible = self._matching(wanted)
        self._apply_sort()
        self.endResetModel()

    def _matching(self, wanted: CatalogFilter) -> list[int]:
        rows = range(len(self._products))
        for word in wanted.text.lower().split():
            haystacks = self._haystacks
            rows = [i for i in rows if word in haystacks[i]]
        products = self._products
        if wanted.type_id is not None:
            rows = [i for i in rows if products[i].type_id == wanted.type_id]
        if wanted.media_id is not None:
            rows = [i for i in rows if products[i].media_id == wanted.media_id]
        if wanted.inventory_only:
            rows = [i for i in rows if products[i].in_inventory]
        sides, prices = self._sides, self._prices
        if wanted.min_side is not None:
            rows = [i for i in rows if sides[i] >= wanted.min_side]
        if wanted.max_side is not None:
            rows = [i for i in rows if sides[i] <= wanted.max_side]
        if wanted.min_price is not None:
            low = float(wanted.min_price)
            rows = [i for i in rows if prices[i] >= low]
        if wanted.max_price is not None:
            high = float(wanted.max_price)
            rows = [i for i in rows if 0 <= prices[i] <= high]
        return list(rows)

    def total(self) -> int:
        return len(self._products)

    def product(self, row: int) -> CatalogProduct:
        return self._products[self._visible[row]]

    def row_of(self, sku: str) -> int | None:
        for row, index in enumerate(self._visible):
            if self._products[index].sku == sku:
                return row
        return None

    def thumbnail_ready(self, url: str) -> None:
        """Repaints the rows showing the image that just arrived."""
        for row, index in enumerate(self._visible):
            if self._products[index].thumbnail_url == url:
                cell = self.index(row, 0)
                self.dataChanged.emit(cell, cell, [Qt.ItemDataRole.DecorationRole])

    # -- Qt model interface ---------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        product = self._products[self._visible[index.row()]]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(product, column)
        if role == ProductRole:
            return product
        if role == Qt.ItemDataRole.TextAlignmentRole and column == PRICE_COLUMN:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return f"{product.name}\n{product.sku}"
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and product.thumbnail_url:
            return self._thumbnail(product.thumbnail_url) if self._thumbnail else None
        return None

    @staticmethod
    def _text(product: CatalogProduct, column: int) -> str:
        if column == 0:
            return product.name
        if column == 1:
            return product.type_name
        if column == 2:
            return product.media_name
        if column == 3:
            return product.size_text
        return money(product.price)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._apply_sort()
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        if self._sort is None:
            return
        column, order = self._sort
        products = self._products
        if column == PRICE_COLUMN:
            prices = self._prices
            key = prices.__getitem__
        elif column == 3:
            key = self._sides.__getitem__
        else:
            key = lambda i: self._text(products[i], column).lower()  # noqa: E731
        self._visible.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
