"""The order's lines: SKU, title, quantity and print file; prices come from FinerWorks'
quote, never from here.

The table's cells can be typed in directly; the print file of the selected product-code item
is also chosen and checked below the table (`print_file`), which writes into the same item,
so the cells and the picker always show the same thing."""

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

from fwdesk.core.artwork import print_size
from fwdesk.core.drafts import DraftItem
from fwdesk.core.order_rules import check_items
from fwdesk.ui.tabs.order.order_form import error_label
from fwdesk.ui.tabs.order.print_file import PrintFilePicker
from fwdesk.ui.tabs.order.print_file_labels import never_widens, soft_breaks
from fwdesk.ui.work.jobs import JobRunner


class ItemsEditor(QWidget):
    """The order's lines: SKU, title, quantity, print file; prices come from FinerWorks."""

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
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.sku = QLineEdit(objectName="addSkuEdit")
        self.sku.setPlaceholderText("SKU or product code")
        self.sku.setToolTip("Type a SKU or product code, then press Enter")
        self.sku.setAccessibleName("SKU to add")
        self.sku.setMinimumWidth(
            self.sku.fontMetrics().horizontalAdvance(self.sku.placeholderText()) + 24
        )
        self.sku.returnPressed.connect(self._add_typed)
        self.quantity = QSpinBox(objectName="addQuantitySpin")
        self.quantity.setRange(1, 999)
        self.quantity.setAccessibleName("Quantity to add")
        self.add_button = QPushButton("Add item", objectName="addItemButton")
        self.add_button.clicked.connect(self._add_typed)
        self.remove_button = QPushButton("Remove", objectName="removeItemButton")
        self.remove_button.setToolTip("Remove the selected items from the order")
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self._remove_selected)
        self.message = never_widens(error_label())
        self.picker = PrintFilePicker(self._item_at)
        self.picker.edited.connect(self._picked)
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
        layout.addWidget(self.picker)
        self._items: list[DraftItem] = []
        self._prices: dict[str, tuple[str, str]] = {}

    def use_runner(self, runner: JobRunner) -> None:
        """Where the print file is read in the background (the tab's job runner)."""
        self.picker.use_runner(runner)

    def items(self) -> tuple[DraftItem, ...]:
        return tuple(self._items)

    def set_items(self, items: tuple[DraftItem, ...]) -> None:
        self._items = list(items)
        self.table.clearSelection()
        self._render()
        codes = [row for row, item in enumerate(items) if print_size(item.sku) is not None]
        if codes:
            self.table.selectRow(codes[0])  # its print file shows without a click

    def add_item(self, item: DraftItem) -> None:
        """A new line, selected so that its print file can be given at once; the quantity
        box goes back to 1 for the next one."""
        self._items.append(item)
        self._render()
        self.quantity.setValue(1)
        self.table.selectRow(len(self._items) - 1)
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
        if row == self.picker.row:
            self.picker.show_row(row)

    @Slot(int, object)
    def _picked(self, row: int, item: DraftItem) -> None:
        """The print-file picker wrote a URL or a pixel size into the item at `row`."""
        self._items[row] = item
        self._render()
        self.check()
        self.edited.emit()
        self.picker.show_row(self.picker.row)

    def _item_at(self, row: int) -> DraftItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    @Slot()
    def _selection_changed(self) -> None:
        rows = self._selected_rows()
        self.remove_button.setEnabled(bool(rows))
        self.picker.show_row(rows[0] if len(rows) == 1 else -1)

    def _selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.table.selectedIndexes()})

    @Slot()
    def _add_typed(self) -> None:
        sku = self.sku.text().strip()
        if not sku:
            self.show_message("Type a SKU or product code first.")
            return
        self.add_requested.emit(sku, self.quantity.value())

    @Slot()
    def _remove_selected(self) -> None:
        rows = self._selected_rows()
        for row in reversed(rows):
            del self._items[row]
        if rows:
            self.table.clearSelection()
            self._render()
            self.edited.emit()

    def show_message(self, text: str) -> None:
        self.message.setText(soft_breaks(text))
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
