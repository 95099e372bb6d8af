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
from fwdesk.core.money import money

TRANSIT = {"EC": "3–7 days", "SD": "2–5 days", "EX": "2–3 days", "ON": "1–2 days", "FS": "Fastest"}
"""Delivery ranges per code, for answers without FinerWorks' own `transit_time` (EX, ON: API.md
marks them uncertain)."""
COLUMNS = ("Method", "Delivery", "Shipping", "Total")
"""Few enough to read at 1024 px; the chosen option's tax is in the totals under them."""
TOTAL = COLUMNS.index("Total")


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

    def show_options(
        self,
        options: list[ShippingOption],
        kept: str | None,
        preferred: ShippingOption | None = None,
    ) -> str | None:
        """Fill the table; keep the order's method (`kept`, an option id or letter code) when
        still offered, else the option the account's shipping preferences pick, else the
        cheapest. Returns the chosen option's `choice`."""
        self._options = sorted(options, key=lambda o: _total(o))
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._options))
        for row, option in enumerate(self._options):
            totals = option.calculated_total
            method = option.shipping_method or option.shipping_code
            cells = [
                " ".join(p for p in (option.carrier, method) if p),
                option.transit_time or TRANSIT.get(option.shipping_code, ""),
                money(option.rate),
                money(_total(option)),
            ]
            tax = money(totals.order_sales_tax if totals else None)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{cells[0]}: {cells[1]}, shipping {cells[2]}, tax {tax}")
                if column >= 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        row = self._row_of(kept)
        by_preference = row is None and preferred is not None
        if by_preference:
            row = self._row_of(preferred.choice)
        by_preference = by_preference and row is not None
        if row is None and self._options:
            row = 0
        chosen = None if row is None else self._options[row].choice
        if row is not None:
            self.table.selectRow(row)
        self.table.blockSignals(False)
        if not options:
            self.status.setText("No shipping options for this destination.")
        elif by_preference:
            self.status.setText(
                "Prices in US dollars, from FinerWorks. The method chosen follows your shipping "
                "preferences (Account menu)."
            )
        else:
            self.status.setText("Prices in US dollars, from FinerWorks.")
        self._show_totals(chosen)
        return chosen

    def _row_of(self, shipping_code: str | None) -> int | None:
        return next(
            (row for row, o in enumerate(self._options) if o.answers_to(shipping_code)), None
        )

    def option(self, shipping_code: str | None) -> ShippingOption | None:
        """The option an order's shipping_code (an id or a letter code) names, if quoted."""
        row = self._row_of(shipping_code)
        return None if row is None else self._options[row]

    def _show_totals(self, code: str | None) -> None:
        option = self.option(code)
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
        option = self.option(code)
        return _total(option) if option else None

    @Slot()
    def _selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            code = self._options[rows[0].row()].choice
            self._show_totals(code)
            self.chosen.emit(code)


def _total(option: ShippingOption) -> Decimal:
    totals = option.calculated_total
    return totals.order_grand_total if totals else option.rate
