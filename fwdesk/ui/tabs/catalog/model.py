"""The catalogue list: a table model over tens of thousands of products that follows every
keystroke. Filtering is `CatalogIndex.matching` (precomputed, Qt-free); the view only ever
asks for the rows it shows.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon

from fwdesk.core.catalog import CatalogFilter, CatalogIndex, CatalogProduct, narrows
from fwdesk.core.money import money
from fwdesk.ui.widgets.table_model import FilteredTableModel, Index

COLUMNS = ("Product", "Size", "Price")
"""No type or media columns: every product's name already says both, and the room they took
is what lets the full name show."""
SIZE_COLUMN = 1
PRICE_COLUMN = 2
ProductRole = Qt.ItemDataRole.UserRole + 1
_UNBROKEN_SIZE = re.compile(r"(?<=\d) (?=[×x] \d)|(?<=[×x]) (?=\d)|(?<=\d) (?=in\b)")
"""The spaces inside "16 × 20 in"."""


def display_name(product: CatalogProduct) -> str:
    """The name as shown where it wraps: never with its size split across two lines."""
    return _UNBROKEN_SIZE.sub("\u00a0", product.name)


class CatalogModel(FilteredTableModel):
    COLUMNS = COLUMNS

    def __init__(self, thumbnail: Callable[[str], QIcon | None] | None = None) -> None:
        super().__init__()
        self._products: list[CatalogProduct] = []
        self._index = CatalogIndex([], [], [], [])
        self._keys: dict[int, list] = {}
        self._matched: list[int] = []
        """The filter's result in catalogue order, kept to narrow the next keystroke's."""
        self._filter = CatalogFilter()
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._thumbnail = thumbnail

    # -- content --------------------------------------------------------------------------

    def set_products(self, products: list[CatalogProduct], index: CatalogIndex) -> None:
        self.beginResetModel()
        self._products = products
        self._index = index
        self._keys: dict[int, list] = {}
        self._matched = index.matching(products, self._filter)
        self._visible = list(self._matched)
        self._apply_sort()
        self.endResetModel()

    def apply_filter(self, wanted: CatalogFilter) -> None:
        self.beginResetModel()
        within = self._matched if narrows(self._filter, wanted) else None
        self._filter = wanted
        self._matched = self._index.matching(self._products, wanted, within)
        self._visible = list(self._matched)
        self._apply_sort()
        self.endResetModel()

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
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{product.name}\n{product.sku}"
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and product.thumbnail_url:
            return self._thumbnail(product.thumbnail_url) if self._thumbnail else None
        return None

    @staticmethod
    def _text(product: CatalogProduct, column: int) -> str:
        if column == 0:
            return display_name(product)
        if column == SIZE_COLUMN:
            return product.size_text
        return money(product.price)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Column -1 (Qt's "unsorted") restores the catalogue's own order."""
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order) if column >= 0 else None
        if self._sort is None:
            self._visible = list(self._matched)
        self._apply_sort()
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        if self._sort is None:
            return
        column, order = self._sort
        self._visible.sort(
            key=self._sort_keys(column).__getitem__,
            reverse=order == Qt.SortOrder.DescendingOrder,
        )

    def _sort_keys(self, column: int) -> list:
        """One key per product, made once per catalogue and column, so re-sorting after each
        keystroke is a plain C-level sort."""
        keys = self._keys.get(column)
        if keys is None:
            if column == PRICE_COLUMN:
                keys = self._index.prices
            elif column == SIZE_COLUMN:
                keys = self._index.longest
            else:
                keys = [p.name.lower() for p in self._products]
            self._keys[column] = keys
        return keys
