"""Every shipping option for the order being typed, side by side, with its full price."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fwdesk.api.shipping import ShippingOption
from fwdesk.ui.catalog_model import money

TRANSIT = {"EC": "3–7 days", "SD": "2–5 days", "EX": "2–3 days", "ON": "1–2 days", "FS": "Fastest"}
"""FinerWorks' published delivery ranges per code (EX, ON: API.md marks them uncertain)."""
COLUMNS = ("Method", "Carrier", "Delivery", "Shipping", "Tax", "Total")


class QuotePanel(QWidget):
    chosen = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        title = QLabel("Shipping", objectName="pageTitle")
        self.table = QTableWidget(0, len(COLUMNS), objectName="quoteTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Shipping options")
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.status = QLabel(objectName="quoteStatus")
        self.status.setWordWrap(True)
        self.status.setProperty("role", "hint")
        self.totals = QLabel(objectName="quoteTotals")
        self.totals.setWordWrap(True)
        self.totals.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.totals)
        self._options: list[ShippingOption] = []
        self.show_message("Enter the destination and at least one item to see shipping costs.")

    @property
    def options(self) -> list[ShippingOption]:
        return self._options

    def updating(self) -> None:
        self.status.setText("Updating…")

    def show_message(self, text: str) -> None:
        self._options = []
        self.table.setRowCount(0)
        self.status.setText(text)
        self.totals.clear()

    def show_options(self, options: list[ShippingOption], preferred: str | None) -> str | None:
        """Fill the table; keep the user's method when still offered, else the cheapest."""
        self._options = sorted(options, key=lambda o: _total(o))
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._options))
        for row, option in enumerate(self._options):
            totals = option.calculated_total
            cells = [
                option.shipping_method or option.shipping_code,
                option.carrier or "",
                TRANSIT.get(option.shipping_code, ""),
                money(option.rate),
                money(totals.order_sales_tax if totals else None),
                money(_total(option)),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 3:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        codes = [o.shipping_code for o in self._options]
        chosen = preferred if preferred in codes else (codes[0] if codes else None)
        if chosen is not None:
            self.table.selectRow(codes.index(chosen))
        self.table.blockSignals(False)
        self.status.setText(
            "Prices in US dollars, from FinerWorks."
            if options
            else "No shipping options for this destination."
        )
        self._show_totals(chosen)
        return chosen

    def _show_totals(self, code: str | None) -> None:
        option = next((o for o in self._options if o.shipping_code == code), None)
        totals = option.calculated_total if option else None
        if totals is None:
            self.totals.clear()
            return
        self.totals.setText(
            f"Items {money(totals.order_subtotal)} · Shipping {money(totals.order_shipping_rate)} "
            f"· Tax {money(totals.order_sales_tax)}"
            f"<br><b>Total {money(totals.order_grand_total)}</b>"
        )

    def grand_total(self, code: str | None) -> Decimal | None:
        option = next((o for o in self._options if o.shipping_code == code), None)
        return _total(option) if option else None

    @Slot()
    def _selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            code = self._options[rows[0].row()].shipping_code
            self._show_totals(code)
            self.chosen.emit(code)


def _total(option: ShippingOption) -> Decimal:
    totals = option.calculated_total
    return totals.order_grand_total if totals else option.rate
