"""The order's lines: SKU, title, quantity and print file; prices come from FinerWorks'
quote, never from here."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fwdesk.core.drafts import DraftItem
from fwdesk.core.order_rules import check_items
from fwdesk.ui.tabs.order.order_form import error_label


class ItemsEditor(QWidget):
    """The order's lines: SKU, title, quantity; prices come from FinerWorks, not from here."""

    edited = Signal()
    add_requested = Signal(str, int)

    COLUMNS = (
        "SKU or product code",
        "Title",
        "Quantity",
        "Print file URL",
        "Pixels (w × h)",
        "Unit price",
        "Line total",
    )
    PRICE_COLUMN = 5

    def __init__(self) -> None:
        super().__init__()
        self.table = QTableWidget(0, len(self.COLUMNS), objectName="itemsTable")
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.setAccessibleName("Order items")
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(140)
        self.table.cellChanged.connect(self._cell_changed)
        self.sku = QLineEdit(objectName="addSkuEdit")
        self.sku.setPlaceholderText("Type a SKU or product code, then Enter")
        self.sku.setAccessibleName("SKU to add")
        self.sku.returnPressed.connect(self._add_typed)
        self.quantity = QSpinBox(objectName="addQuantitySpin")
        self.quantity.setRange(1, 999)
        self.quantity.setAccessibleName("Quantity to add")
        self.add_button = QPushButton("Add item", objectName="addItemButton")
        self.add_button.clicked.connect(self._add_typed)
        self.remove_button = QPushButton("Remove selected", objectName="removeItemButton")
        self.remove_button.clicked.connect(self._remove_selected)
        self.message = error_label()
        row = QHBoxLayout()
        row.addWidget(self.sku, 1)
        row.addWidget(self.quantity)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self._items: list[DraftItem] = []
        self._prices: dict[str, tuple[str, str]] = {}

    def items(self) -> tuple[DraftItem, ...]:
        return tuple(self._items)

    def set_items(self, items: tuple[DraftItem, ...]) -> None:
        self._items = list(items)
        self._render()

    def add_item(self, item: DraftItem) -> None:
        self._items.append(item)
        self._render()
        self.edited.emit()

    def set_prices(self, prices: dict[str, tuple[str, str]]) -> None:
        """(unit, line total) text per SKU, as FinerWorks quoted them."""
        self._prices = prices
        self._render()

    def _render(self) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._items))
        for row, item in enumerate(self._items):
            unit, total = self._prices.get(f"{item.sku.upper()}#{item.quantity}", ("", ""))
            pixels = f"{item.pixel_width} × {item.pixel_height}" if item.pixel_width else ""
            cells = [item.sku, item.title, str(item.quantity), item.image_url or "", pixels]
            for column, text in enumerate([*cells, unit, total]):
                cell = QTableWidgetItem(text)
                if column >= self.PRICE_COLUMN:
                    cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, cell)
        self.table.blockSignals(False)

    @Slot(int, int)
    def _cell_changed(self, row: int, column: int) -> None:
        text = self.table.item(row, column).text().strip()
        item = self._items[row]
        if column == 0:
            item = replace(item, sku=text)
        elif column == 1:
            item = replace(item, title=text)
        elif column == 2:
            item = replace(item, quantity=int(text) if text.lstrip("-").isdigit() else 0)
        elif column == 3:
            item = replace(item, image_url=text or None)
        elif column == 4:
            width, height = _pixels(text)
            item = replace(item, pixel_width=width, pixel_height=height)
        self._items[row] = item
        self.check()
        self.edited.emit()

    @Slot()
    def _add_typed(self) -> None:
        sku = self.sku.text().strip()
        if not sku:
            self.show_message("Type a SKU or product code first.")
            return
        self.add_requested.emit(sku, self.quantity.value())

    @Slot()
    def _remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            del self._items[row]
        if rows:
            self._render()
            self.edited.emit()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def check(self) -> dict[str, str]:
        problems = check_items(self._items)
        self.show_message(" ".join(dict.fromkeys(problems.values())))
        return problems


def _pixels(text: str) -> tuple[int | None, int | None]:
    """ "4800 x 6000" (or ×, or a comma) as two numbers; anything else as unknown."""
    parts = [p for p in text.lower().replace("×", "x").replace(",", "x").split("x") if p.strip()]
    if len(parts) == 2 and all(p.strip().isdigit() for p in parts):
        return int(parts[0]), int(parts[1])
    return None, None
