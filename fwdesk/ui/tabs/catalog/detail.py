"""The selected product in full: what it is, what it can be framed with, and what it costs.

Prices are always FinerWorks' own answer from `get_prices`, asked for the standard quantities
and the one typed in; nothing is multiplied locally. When FinerWorks cannot be asked, the
cached unit price is shown with the date it was fetched.
"""

from __future__ import annotations

from datetime import datetime

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
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from fwdesk.api.catalog import Price
from fwdesk.core.catalog import CatalogProduct, CatalogSnapshot
from fwdesk.core.jobs import JobContext
from fwdesk.core.messages import explain
from fwdesk.core.money import money
from fwdesk.ui.work.jobs import Job, JobRunner

STANDARD_QUANTITIES = (1, 2, 5, 10)
QUANTITY_DELAY_MS = 250


def as_of(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%d %b %Y, %H:%M") if moment else "an unknown date"


class ProductDetail(QFrame):
    add_requested = Signal(object, int)

    def __init__(self, service: JobRunner) -> None:
        super().__init__()
        self.setObjectName("productDetail")
        self.setMinimumWidth(340)
        self._service = service
        self._product: CatalogProduct | None = None
        self._snapshot: CatalogSnapshot | None = None
        self._quantity_timer = QTimer(self, singleShot=True, interval=QUANTITY_DELAY_MS)
        self._quantity_timer.timeout.connect(self._ask_prices)

        self.image = QLabel(objectName="detailImage")
        self.image.setFixedSize(160, 120)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = QLabel(objectName="detailTitle")
        self.title.setWordWrap(True)
        self.sku = QLabel(objectName="detailSku")
        self.sku.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sku.setWordWrap(True)
        self.description = QLabel(objectName="detailDescription")
        self.description.setWordWrap(True)
        self.facts = QLabel(objectName="detailFacts")
        self.facts.setWordWrap(True)
        self.framing = QLabel(objectName="detailFraming")
        self.framing.setWordWrap(True)
        self.frames = QTreeWidget(objectName="detailFrames")
        self.frames.setHeaderLabels(["Framing option", "Colour", "From"])
        self.frames.setAccessibleName("Frames, mats and glazing for this product")
        self.frames.setRootIsDecorated(True)
        self.frames.setMaximumHeight(150)
        self.frames.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

        self.prices = QTableWidget(len(STANDARD_QUANTITIES) + 1, 3, objectName="detailPriceTable")
        self.prices.setHorizontalHeaderLabels(["Quantity", "Per item", "Total"])
        self.prices.verticalHeader().hide()
        self.prices.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.prices.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.prices.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.prices.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.prices.setFixedHeight(self.prices.verticalHeader().defaultSectionSize() * 6 + 6)
        self.prices.setAccessibleName("Prices by quantity")
        self.price_note = QLabel(objectName="detailPriceNote")
        self.price_note.setWordWrap(True)
        self.price_note.setProperty("role", "hint")

        self.quantity = QSpinBox(objectName="detailQuantity")
        self.quantity.setRange(1, 999)
        self.quantity.setAccessibleName("Quantity")
        self.quantity.valueChanged.connect(self._quantity_changed)
        self.add_button = QPushButton("&Add to order", objectName="addToOrderButton")
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self._add)
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
        self.empty = QLabel("Select a product to see its details and prices.")
        self.empty.setProperty("role", "hint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.empty)
        layout.addLayout(header)
        for widget in (self.facts, self.description, self.framing, self.frames):
            layout.addWidget(widget)
        for widget in (self.prices, self.price_note):
            layout.addWidget(widget)
        layout.addLayout(order_row)
        layout.addStretch(1)
        self._body = [self.image, self.title, self.sku, self.facts, self.description]
        self._body += [self.framing, self.frames, self.prices, self.price_note]
        self._body += [self.quantity, self.add_button]
        self.show_product(None, None)

    def use_service(self, service: JobRunner) -> None:
        self._service = service

    @property
    def product(self) -> CatalogProduct | None:
        return self._product

    def show_product(
        self, product: CatalogProduct | None, snapshot: CatalogSnapshot | None
    ) -> None:
        self._product = product
        self._snapshot = snapshot
        self.empty.setVisible(product is None)
        for widget in self._body:
            widget.setVisible(product is not None)
        if product is None:
            return
        self.title.setText(f"<b>{product.name}</b>")
        kind = "Saved product" if product.in_inventory else "Product code"
        self.sku.setText(f"{kind}: {product.sku}")
        facts = [f"<b>Size</b> {product.size_text}" if product.size_text else ""]
        facts += [f"<b>Media</b> {product.media_name}" if product.media_name else ""]
        facts += [f"<b>Style</b> {product.style_name}" if product.style_name else ""]
        facts += [f"<b>Type</b> {product.type_name}" if product.type_name else ""]
        self.facts.setText(" &nbsp;·&nbsp; ".join(f for f in facts if f))
        self.description.setText(product.description)
        self.framing.setText(self._framing_text(product))
        self._fill_frames(product)
        self.image.setVisible(bool(product.thumbnail_url))
        self.image.clear()
        self._show_cached_prices()
        self._ask_prices()

    def show_image(self, url: str, pixmap: QPixmap) -> None:
        if self._product is not None and self._product.thumbnail_url == url:
            self.image.setPixmap(pixmap)

    def _framing_text(self, product: CatalogProduct) -> str:
        style = self._snapshot.style(product.style_id) if self._snapshot else None
        if style is None or not style.can_frame:
            return "This style is sold unframed."
        names = [c.name for c in self._snapshot.collections] if self._snapshot else []
        extras = [
            name for flag, name in ((style.can_mat, "mats"), (style.can_glaze, "glazing")) if flag
        ]
        text = f"Can be framed: {', '.join(names)}" if names else "Can be framed."
        return text + (f"; with {' and '.join(extras)}." if extras else ".")

    def _fill_frames(self, product: CatalogProduct) -> None:
        """Frames by collection, then mats and glazing, each with its starting price."""
        self.frames.clear()
        style = self._snapshot.style(product.style_id) if self._snapshot else None
        if style is None or not style.can_frame or self._snapshot is None:
            self.frames.hide()
            return
        for collection in self._snapshot.collections:
            parent = QTreeWidgetItem([collection.name, "", money(collection.starting_price)])
            for frame in collection.frames:
                parent.addChild(
                    QTreeWidgetItem([frame.name, frame.color or "", money(frame.starting_price)])
                )
            self.frames.addTopLevelItem(parent)
        extras = [(style.can_mat, "Mats", self._snapshot.mats)]
        extras.append((style.can_glaze, "Glazing", self._snapshot.glazing))
        for allowed, title, options in extras:
            if allowed and options:
                parent = QTreeWidgetItem([title, "", ""])
                for option in options:
                    colour = getattr(option, "color", None) or ""
                    parent.addChild(
                        QTreeWidgetItem([option.name, colour, money(option.starting_price)])
                    )
                self.frames.addTopLevelItem(parent)
        self.frames.show()

    # -- prices ---------------------------------------------------------------------------

    def _quantities(self) -> list[int]:
        return [*STANDARD_QUANTITIES, self.quantity.value()]

    def _show_cached_prices(self) -> None:
        product = self._product
        assert product is not None
        for row, quantity in enumerate(self._quantities()):
            self._set_row(row, quantity, None, None)
        fetched = self._snapshot.fetched_at if self._snapshot else None
        self.price_note.setText(
            f"Asking FinerWorks for current prices… Catalogue price {money(product.price)} "
            f"each, as of {as_of(fetched)}."
        )

    def _set_row(self, row: int, quantity: int, unit: object, total: object) -> None:
        typed = row == len(STANDARD_QUANTITIES)
        cells = [
            f"{quantity}",
            "…" if unit is None else money(unit),
            "…" if total is None else money(total),
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
        for row, price in enumerate(prices[: len(self._quantities())]):
            self._set_row(row, price.product_qty, price.product_price, price.total_price)
        self.price_note.setText("Current prices from FinerWorks, in US dollars.")

    def _prices_failed(self, error: Exception) -> None:
        product = self._product
        if product is None:
            return
        fetched = self._snapshot.fetched_at if self._snapshot else None
        self.price_note.setText(
            f"Could not get current prices: {explain(error)} The catalogue price was "
            f"{money(product.price)} each on {as_of(fetched)}; totals need a connection."
        )

    @Slot()
    def _add(self) -> None:
        if self._product is not None:
            self.add_requested.emit(self._product, self.quantity.value())


def _prices(context: JobContext, asked: list[tuple[str, int]]) -> list[Price]:
    return context.client.get_prices(asked)
