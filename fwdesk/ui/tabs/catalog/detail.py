"""The selected product in full: what it is, how it can be framed, and what it costs.

Prices are always FinerWorks' own answers: `get_prices` for the print, asked for the standard
quantities and the one typed in, and for a framed print `frame_builder`'s price of the framing
of one piece, added once per piece (`framed_rows`); nothing else is computed here. When
FinerWorks cannot be asked, the cached unit price is shown with the date it was fetched.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fwdesk.api.catalog import Price
from fwdesk.core.catalog import CatalogProduct, CatalogSnapshot
from fwdesk.core.catalog_framing import PriceRow, framed_rows
from fwdesk.core.jobs import JobContext
from fwdesk.core.messages import explain
from fwdesk.core.money import UNKNOWN, money
from fwdesk.ui.tabs.catalog.framing import FramingPicker
from fwdesk.ui.tabs.catalog.model import display_name
from fwdesk.ui.work.jobs import Job, JobRunner

STANDARD_QUANTITIES = (1, 2, 5, 10)
QUANTITY_DELAY_MS = 250


def as_of(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%d %b %Y, %H:%M") if moment else "an unknown date"


class ProductDetail(QFrame):
    add_requested = Signal(object, int, object)
    """(product, quantity, `Framing` or None for the print alone)."""

    def __init__(self, service: JobRunner) -> None:
        super().__init__()
        self.setObjectName("productDetail")
        self.setMinimumWidth(320)
        self._service = service
        self._product: CatalogProduct | None = None
        self._snapshot: CatalogSnapshot | None = None
        self._print_prices: list[Price] | None = None
        self._quantity_timer = QTimer(self, singleShot=True, interval=QUANTITY_DELAY_MS)
        self._quantity_timer.timeout.connect(self._ask_prices)

        self.placeholder = self._placeholder()
        self.body = QWidget(objectName="detailBody")
        self.image = QLabel(objectName="detailImage")
        self.image.setFixedSize(160, 120)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = QLabel(objectName="detailTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        self.sku = QLabel(objectName="detailSku")
        self.sku.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sku.setWordWrap(True)
        self.description = QLabel(objectName="detailDescription")
        self.description.setWordWrap(True)
        self.facts = QLabel(objectName="detailFacts")
        self.facts.setWordWrap(True)
        self.framing = FramingPicker(service)
        self.framing.changed.connect(self._framing_changed)

        self.prices = QTableWidget(len(STANDARD_QUANTITIES) + 1, 3, objectName="detailPriceTable")
        self.prices.setHorizontalHeaderLabels(["Quantity", "Per item", "Total"])
        self.prices.verticalHeader().hide()
        self.prices.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.prices.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.prices.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.prices.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        row_height = self.prices.fontMetrics().lineSpacing() + 10
        self.prices.verticalHeader().setDefaultSectionSize(row_height)
        self.prices.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header_height = self.prices.horizontalHeader().sizeHint().height()
        frame = 2 * self.prices.frameWidth()
        self.prices.setFixedHeight(header_height + row_height * self.prices.rowCount() + frame)
        self.prices.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.prices.setAccessibleName("Prices by quantity")
        self.price_note = QLabel(objectName="detailPriceNote")
        self.price_note.setWordWrap(True)
        self.price_note.setProperty("role", "hint")

        self.quantity = QSpinBox(objectName="detailQuantity")
        self.quantity.setRange(1, 999)
        self.quantity.setAccessibleName("Quantity")
        self.quantity.valueChanged.connect(self._quantity_changed)
        self.add_button = QPushButton("A&dd to order", objectName="addToOrderButton")
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self.request_add)
        quantity_label = QLabel("&Quantity")
        quantity_label.setBuddy(self.quantity)
        order_row = QHBoxLayout()
        order_row.addWidget(quantity_label)
        order_row.addWidget(self.quantity)
        order_row.addStretch(1)
        order_row.addWidget(self.add_button)

        header = QGridLayout()
        header.addWidget(self.image, 0, 0, 3, 1)
        header.addWidget(self.title, 0, 1)
        header.addWidget(self.sku, 1, 1)
        header.setColumnStretch(1, 1)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(header)
        for widget in (self.facts, self.description, self.framing, self.prices, self.price_note):
            body.addWidget(widget)
        body.addLayout(order_row)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.body)
        layout.addStretch(1)
        self.show_product(None, None)

    @staticmethod
    def _placeholder() -> QWidget:
        """What the pane says before anything is chosen: where to start, nothing to fill in."""
        placeholder = QWidget(objectName="detailPlaceholder")
        heading = QLabel("No product selected", objectName="detailPlaceholderTitle")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        heading.setFont(font)
        hint = QLabel(
            "Choose a product in the list to see its prices and how it can be framed. "
            "Double-click one to add it to the order.",
            objectName="detailPlaceholderHint",
        )
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setProperty("role", "hint")
        layout = QVBoxLayout(placeholder)
        layout.setContentsMargins(12, 48, 12, 12)
        layout.addWidget(heading)
        layout.addWidget(hint)
        return placeholder

    def use_service(self, service: JobRunner) -> None:
        self._service = service
        self.framing.use_service(service)

    @property
    def product(self) -> CatalogProduct | None:
        return self._product

    def show_product(
        self, product: CatalogProduct | None, snapshot: CatalogSnapshot | None
    ) -> None:
        self._product = product
        self._snapshot = snapshot
        self._print_prices = None
        self.placeholder.setVisible(product is None)
        self.body.setVisible(product is not None)
        if product is None:
            return
        self.title.setText(display_name(product))
        kind = "Saved product" if product.in_inventory else "Product code"
        self.sku.setText(f"{kind}: {product.sku}")
        facts = [f"<b>Size</b> {product.size_text}" if product.size_text else ""]
        facts += [f"<b>Media</b> {product.media_name}" if product.media_name else ""]
        facts += [f"<b>Style</b> {product.style_name}" if product.style_name else ""]
        facts += [f"<b>Type</b> {product.type_name}" if product.type_name else ""]
        self.facts.setText(" &nbsp;·&nbsp; ".join(f for f in facts if f))
        self.description.setText(product.description)
        self.image.setVisible(bool(product.thumbnail_url))
        self.image.clear()
        self.framing.show_product(product, snapshot)
        fetched = snapshot.fetched_at if snapshot else None
        self.price_note.setText(
            f"Asking FinerWorks for current prices… Catalogue price {money(product.price)} "
            f"each, as of {as_of(fetched)}."
        )
        self._ask_prices()

    def show_image(self, url: str, pixmap: QPixmap) -> None:
        if self._product is not None and self._product.thumbnail_url == url:
            self.image.setPixmap(pixmap)

    # -- prices ---------------------------------------------------------------------------

    def _quantities(self) -> list[int]:
        return [*STANDARD_QUANTITIES, self.quantity.value()]

    def _render_prices(self) -> None:
        """The table and its note from what FinerWorks has answered so far."""
        product = self._product
        assert product is not None
        framing, framing_price = self.framing.framing, self.framing.price
        rows: list[PriceRow] | None = None
        if self._print_prices is not None and framing is None:
            rows = [
                PriceRow(p.product_qty, p.product_price, p.total_price) for p in self._print_prices
            ]
        elif self._print_prices is not None and framing_price is not None:
            rows = framed_rows(self._print_prices, framing_price)
        waiting = UNKNOWN if self.framing.refused else "…"
        for row, quantity in enumerate(self._quantities()):
            if rows is not None and row < len(rows):
                self._set_row(row, rows[row].quantity, rows[row].unit, rows[row].total)
            else:
                self._set_row(row, quantity, None, None, waiting)
        if self._print_prices is None:
            return
        if framing is None:
            self.price_note.setText("Current prices from FinerWorks, in US dollars.")
        elif framing_price is not None:
            self.price_note.setText(
                "Current prices from FinerWorks, in US dollars, for the framed print."
            )
        else:
            self.price_note.setText(
                f"The print alone costs {money(self._print_prices[0].product_price)} each."
            )

    def _set_row(
        self,
        row: int,
        quantity: int,
        unit: Decimal | None,
        total: Decimal | None,
        waiting: str = "…",
    ) -> None:
        """`waiting` stands in for a price still being asked for, or "—" for one that will
        not come."""
        typed = row == len(STANDARD_QUANTITIES)
        cells = [
            f"{quantity}",
            waiting if unit is None else money(unit),
            waiting if total is None else money(total),
        ]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            alignment = Qt.AlignmentFlag.AlignRight if column else Qt.AlignmentFlag.AlignCenter
            item.setTextAlignment(alignment | Qt.AlignmentFlag.AlignVCenter)
            if typed:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.prices.setItem(row, column, item)

    @Slot(int)
    def _quantity_changed(self, _value: int) -> None:
        if self._product is not None:
            self._set_row(len(STANDARD_QUANTITIES), self.quantity.value(), None, None)
            self._quantity_timer.start()

    @Slot()
    def _ask_prices(self) -> None:
        product = self._product
        if product is None:
            return
        asked = [(product.sku, quantity) for quantity in self._quantities()]
        Job(
            self,
            "prices",
            lambda context: _prices(context, asked),
            key="detail-prices",
            report=False,
        ).on_done(lambda prices: self._prices_arrived(product.sku, prices)).on_failed(
            self._prices_failed
        ).start(self._service)

    def _prices_arrived(self, sku: str, prices: list[Price]) -> None:
        if self._product is None or self._product.sku != sku:
            return
        self._print_prices = prices[: len(self._quantities())]
        self._render_prices()

    def _prices_failed(self, error: Exception) -> None:
        product = self._product
        if product is None:
            return
        fetched = self._snapshot.fetched_at if self._snapshot else None
        self.price_note.setText(
            f"Could not get current prices: {explain(error)} The catalogue price was "
            f"{money(product.price)} each on {as_of(fetched)}; totals need a connection."
        )

    # -- adding ---------------------------------------------------------------------------

    @Slot()
    def _framing_changed(self) -> None:
        framed = self.framing.framing is not None
        self.add_button.setText("A&dd framed print to order" if framed else "A&dd to order")
        self.add_button.setEnabled(self.framing.orderable)
        if self._product is not None:
            self._render_prices()

    @Slot()
    def request_add(self) -> None:
        """Adds the product as chosen; a framing FinerWorks has not priced is never dropped
        silently: the button is off and the picker says why."""
        if self._product is not None and self.framing.orderable:
            self.add_requested.emit(self._product, self.quantity.value(), self.framing.framing)


def _prices(context: JobContext, asked: list[tuple[str, int]]) -> list[Price]:
    return context.client.get_prices(asked)
