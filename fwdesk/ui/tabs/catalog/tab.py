"""The Catalogue tab: browse, search and filter every product, see its prices, add it to an
order. It opens from the local cache, so it is instant and works offline; a refresh downloads
a fresh catalogue in the background and swaps it in only once it is complete."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QItemSelection, QSize, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fwdesk.core.catalog import (
    CatalogCache,
    CatalogFilter,
    CatalogIndex,
    CatalogSnapshot,
    download_catalog,
)
from fwdesk.core.jobs import JobContext
from fwdesk.core.messages import explain
from fwdesk.core.store import Store
from fwdesk.ui.tabs.catalog.detail import ProductDetail, as_of
from fwdesk.ui.tabs.catalog.model import PRICE_COLUMN, SIZE_COLUMN, CatalogModel, ProductRole
from fwdesk.ui.tabs.catalog.thumbnails import Thumbnails
from fwdesk.ui.work import collector
from fwdesk.ui.work.jobs import Clash, Job, JobRunner
from fwdesk.ui.work.lanes import Priority

ANY = "Any"
SIZE_LABEL = "&Both sides (in)"
SIZE_RULE = (
    "Shows prints whose width and height are both within this range, in inches: 16 to 20 "
    "shows 16 × 16, 16 × 20 and 20 × 20, but not 12 × 16 or 16 × 24."
)
NAME_LINES = 2
"""Lines of the Product column: enough for the full name at the narrowest window, so rows
that differ only in style or size at the end of the name can be told apart."""
MIN_LIST_WIDTH = 560
"""The list is never dragged narrower than this: its Product column then still holds the
longest demo names in two lines, beside a thumbnail."""


class CatalogTab(QWidget):
    add_to_order = Signal(object, int, object)
    """(product, quantity, `Framing` or None): what the detail pane's Add button asks for."""

    def __init__(self, service: JobRunner, store: Store, thumbnails: Thumbnails) -> None:
        super().__init__()
        self.setObjectName("catalogPage")
        self._service = service
        self._store = store
        self._thumbnails = thumbnails
        self._snapshot: CatalogSnapshot | None = None
        self._refresh: Job | None = None
        self.model = CatalogModel(thumbnails.icon)
        thumbnails.ready.connect(self._thumbnail_ready)
        self._build()

    # -- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.search = QLineEdit(objectName="catalogSearch")
        self.search.setPlaceholderText("Search products, media, styles, sizes or SKUs…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the catalogue")
        self.search.textChanged.connect(self._filter_changed)
        self.type_filter = self._combo("catalogTypeFilter", "Product type")
        self.media_filter = self._combo("catalogMediaFilter", "Media")
        self.min_side = self._spin("catalogSizeMin", "Both sides at least, inches", 0, 120)
        self.max_side = self._spin("catalogSizeMax", "Both sides at most, inches", 0, 120)
        self.min_price = self._money("catalogPriceMin", "Lowest price")
        self.max_price = self._money("catalogPriceMax", "Highest price")
        self.inventory_only = QCheckBox("&Saved products only", objectName="catalogInventoryOnly")
        self.inventory_only.toggled.connect(self._filter_changed)

        searching = QHBoxLayout()
        searching.addWidget(self.search, 1)
        searching.addWidget(self.inventory_only)
        filters = QHBoxLayout()
        for label, widget in (("T&ype", self.type_filter), ("&Media", self.media_filter)):
            filters.addWidget(self._label(label, widget))
            filters.addWidget(widget, 1)
        size_label = self._label(SIZE_LABEL, self.min_side)
        for widget in (size_label, self.min_side, self.max_side):
            widget.setToolTip(SIZE_RULE)
        filters.addSpacing(8)
        filters.addWidget(size_label)
        filters.addWidget(self.min_side)
        filters.addWidget(QLabel("–"))
        filters.addWidget(self.max_side)
        filters.addSpacing(8)
        filters.addWidget(self._label("&Price ($)", self.min_price))
        filters.addWidget(self.min_price)
        filters.addWidget(QLabel("–"))
        filters.addWidget(self.max_price)

        self.count = QLabel(objectName="catalogCount")
        self.freshness = QLabel(objectName="catalogFreshness")
        self.freshness.setProperty("role", "hint")
        self.message = QLabel(objectName="catalogMessage")
        self.message.setWordWrap(True)
        self.progress = QProgressBar(objectName="catalogProgress")
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton("Cancel", objectName="catalogCancelButton")
        self.cancel_button.clicked.connect(self.cancel_refresh)
        self.refresh_button = QPushButton("&Refresh catalogue", objectName="catalogRefreshButton")
        self.refresh_button.clicked.connect(self.refresh)
        status = QHBoxLayout()
        status.addWidget(self.count)
        status.addWidget(self.freshness)
        status.addWidget(self.message, 1)
        status.addWidget(self.progress)
        status.addWidget(self.cancel_button)
        status.addWidget(self.refresh_button)
        self.progress.hide()
        self.cancel_button.hide()

        self.view = QTableView(objectName="catalogView")
        self.view.setModel(self.model)
        self.view.setAccessibleName("Products")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        lines = self.view.fontMetrics().lineSpacing() * NAME_LINES
        self.view.verticalHeader().setDefaultSectionSize(lines + 10)
        self.view.setIconSize(QSize(36, 26))
        self.view.setMinimumWidth(MIN_LIST_WIDTH)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        for column, width in ((SIZE_COLUMN, 84), (PRICE_COLUMN, 80)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.view.doubleClicked.connect(self._double_clicked)
        self.list_stack = QStackedWidget(objectName="catalogListStack")
        self.list_stack.addWidget(self.view)
        self.list_stack.addWidget(self._no_match_page())

        self.detail = ProductDetail(self._service)
        self.detail.add_requested.connect(self.add_to_order)
        detail_scroll = QScrollArea()
        detail_scroll.setWidget(self.detail)
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        splitter = QSplitter()
        splitter.addWidget(self.list_stack)
        splitter.addWidget(detail_scroll)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([780, 440])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addLayout(searching)
        layout.addLayout(filters)
        layout.addLayout(status)
        layout.addWidget(splitter, 1)

    def _no_match_page(self) -> QWidget:
        """Shown instead of an empty table: what matched nothing, and the way back."""
        page = QWidget(objectName="catalogNoMatchPage")
        self.no_match = QLabel(objectName="catalogNoMatch")
        self.no_match.setWordWrap(True)
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reset_button = QPushButton("Reset fi&lters", objectName="catalogResetFilters")
        self.reset_button.clicked.connect(self.reset_filters)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.no_match)
        layout.addWidget(self.reset_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return page

    def _combo(self, name: str, accessible: str) -> QComboBox:
        combo = QComboBox(objectName=name)
        combo.setAccessibleName(accessible)
        combo.addItem(ANY, None)
        combo.setMinimumContentsLength(10)
        combo.currentIndexChanged.connect(self._filter_changed)
        return combo

    def _spin(self, name: str, accessible: str, low: int, high: int) -> QSpinBox:
        spin = QSpinBox(objectName=name)
        spin.setRange(low, high)
        spin.setSpecialValueText(ANY)
        spin.setAccessibleName(accessible)
        spin.valueChanged.connect(self._filter_changed)
        return spin

    def _money(self, name: str, accessible: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(objectName=name)
        spin.setRange(0, 100_000)
        spin.setDecimals(0)
        spin.setSingleStep(10)
        spin.setSpecialValueText(ANY)
        spin.setAccessibleName(accessible)
        spin.valueChanged.connect(self._filter_changed)
        return spin

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    # -- data source ----------------------------------------------------------------------

    def use_source(self, service: JobRunner, store: Store) -> None:
        """A new connection: its own cache, its own worker lanes."""
        self.cancel_refresh()
        self._service = service
        self._store = store
        self.detail.use_service(service)
        self.load_cache()

    def load_cache(self) -> None:
        snapshot = CatalogCache(self._store).load()
        if snapshot is None:
            self._snapshot = None
            self.model.set_products([], CatalogIndex([], [], [], []))
            self._fill_filters()
            self._update_counts()
            self.freshness.setText("No catalogue downloaded yet.")
            self.refresh()
            return
        self._show_snapshot(snapshot)

    def _show_snapshot(self, snapshot: CatalogSnapshot) -> None:
        self._snapshot = snapshot
        self.model.set_products(snapshot.products, snapshot.index)
        self._fill_filters()
        self._update_counts()
        self.freshness.setText(f"Prices as of {as_of(snapshot.fetched_at)}")
        self.detail.show_product(None, snapshot)
        collector.set_aside_long_lived()

    def _fill_filters(self) -> None:
        snapshot = self._snapshot
        for combo, items in (
            (self.type_filter, snapshot.product_types if snapshot else []),
            (self.media_filter, snapshot.media_types if snapshot else []),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(ANY, None)
            for item in items:
                combo.addItem(item.name, item.id)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.blockSignals(False)

    # -- filtering ------------------------------------------------------------------------

    def current_filter(self) -> CatalogFilter:
        return CatalogFilter(
            text=self.search.text(),
            type_id=self.type_filter.currentData(),
            media_id=self.media_filter.currentData(),
            min_side=self.min_side.value() or None,
            max_side=self.max_side.value() or None,
            min_price=Decimal(int(self.min_price.value())) if self.min_price.value() else None,
            max_price=Decimal(int(self.max_price.value())) if self.max_price.value() else None,
            inventory_only=self.inventory_only.isChecked(),
        )

    @Slot()
    def _filter_changed(self) -> None:
        chosen = self.detail.product
        self.model.apply_filter(self.current_filter())
        self._update_counts()
        row = self.model.row_of(chosen.sku) if chosen else None
        if row is not None:
            self.view.selectRow(row)

    @Slot()
    def reset_filters(self) -> None:
        """Back to the whole catalogue, in one filtering pass rather than one per control."""
        controls = (self.search, self.type_filter, self.media_filter, self.inventory_only)
        spins = (self.min_side, self.max_side, self.min_price, self.max_price)
        for control in (*controls, *spins):
            control.blockSignals(True)
        self.search.clear()
        self.type_filter.setCurrentIndex(0)
        self.media_filter.setCurrentIndex(0)
        self.inventory_only.setChecked(False)
        for spin in spins:
            spin.setValue(spin.minimum())
        for control in (*controls, *spins):
            control.blockSignals(False)
        self._filter_changed()
        self.search.setFocus()

    def _update_counts(self) -> None:
        shown, total = self.model.rowCount(), self.model.total()
        self.count.setText(
            f"{total:,} products" if shown == total else f"{shown:,} of {total:,} products"
        )
        nothing = total > 0 and shown == 0
        if nothing:
            self.no_match.setText(no_match_text(self.current_filter()))
        self.list_stack.setCurrentIndex(1 if nothing else 0)

    # -- selection ------------------------------------------------------------------------

    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.view.selectionModel().selectedRows()
        product = rows[0].data(ProductRole) if rows else None
        if product is not None and (
            self.detail.product is None or self.detail.product.sku != product.sku
        ):
            self.detail.show_product(product, self._snapshot)
            if product.thumbnail_url:
                pixmap = self._thumbnails.pixmap(product.thumbnail_url)
                if pixmap is not None:
                    self.detail.show_image(product.thumbnail_url, pixmap)

    @Slot()
    def _double_clicked(self) -> None:
        self.detail.request_add()

    @Slot(str)
    def _thumbnail_ready(self, url: str) -> None:
        self.model.thumbnail_ready(url)
        pixmap = self._thumbnails.pixmap(url)
        if pixmap is not None:
            self.detail.show_image(url, pixmap)

    # -- refresh --------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        if self.refreshing:
            return
        store = self._store
        self.message.setText("Downloading the catalogue from FinerWorks…")
        self.message.setProperty("role", "hint")
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.refresh_button.setEnabled(False)
        self._refresh = (
            Job(
                self,
                "catalogue refresh",
                lambda context: _refresh(context, store),
                priority=Priority.BACKGROUND,
                key="catalogue-refresh",
                clash=Clash.SKIP,
                report=False,
            )
            .on_done(self._refreshed)
            .on_failed(self._refresh_failed)
            .on_progress(self._refresh_progress)
            .start(self._service)
        )

    @Slot()
    def cancel_refresh(self) -> None:
        if not self.refreshing:
            return
        self._refresh.cancel()
        self._refresh_done("Refresh cancelled; the catalogue shown is unchanged.")

    def _refresh_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        collector.set_aside_long_lived()  # the products downloaded so far

    def _refreshed(self, snapshot: CatalogSnapshot) -> None:
        self._refresh_done("")
        self._show_snapshot(snapshot)
        self._filter_changed()

    def _refresh_failed(self, error: Exception) -> None:
        kept = (
            f" The catalogue from {as_of(self._snapshot.fetched_at)} is still shown."
            if self._snapshot
            else ""
        )
        self._refresh_done(f"Refresh failed: {explain(error)}{kept}")

    def _refresh_done(self, message: str) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.refresh_button.setEnabled(True)
        self.message.setText(message)

    @property
    def refreshing(self) -> bool:
        return self._refresh is not None and self._refresh.live


def no_match_text(wanted: CatalogFilter) -> str:
    text = wanted.text.strip()
    if text and wanted.has_choices:
        return f"No products match “{text}” with the filters chosen."
    if text:
        return f"No products match “{text}”."
    return "No products match the filters chosen."


def _refresh(context: JobContext, store: Store) -> CatalogSnapshot:
    """In the worker: download everything, then swap it into the cache in one transaction."""
    snapshot = download_catalog(context.client, context.progress)
    context.check()
    CatalogCache(store).save(snapshot)
    return snapshot
