"""The Orders tab: every order of the account with its production status, shipments and
tracking links, refreshed in the background, with Hold, Release and Cancel while FinerWorks
still allows them, Reorder, and a note of the shop's own on each order.

Orders this desk places arrive through `record_placed` the moment they are placed (the order
sender calls it), and a refresh then adds what FinerWorks knows beyond them. Reorder makes
the draft here and says so with `reorder_requested`; the window opens it in the New order tab.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fwdesk import connection
from fwdesk.core import order_status, order_sync
from fwdesk.core.drafts import DEFAULT_PREFIX, Draft
from fwdesk.core.messages import explain
from fwdesk.core.order_history import OrderHistory, StatusChange, TrackedOrder
from fwdesk.core.order_status import STAGE_ORDER, Stage
from fwdesk.core.order_sync import OrdersUpdate
from fwdesk.core.order_weeks import weekly
from fwdesk.core.orders_export import orders_csv
from fwdesk.core.reorder import reorder
from fwdesk.core.store import STORAGE_ERRORS, Store
from fwdesk.ui.dialogs.recipient_dialog import RecipientDialog
from fwdesk.ui.tabs.orders.chart import OrdersChart
from fwdesk.ui.tabs.orders.detail import OrderDetail
from fwdesk.ui.tabs.orders.model import OrdersModel
from fwdesk.ui.work.jobs import Clash, Job, JobRunner
from fwdesk.ui.work.lanes import Priority

DATE_RANGES = (
    ("Any time", 0),
    ("Last 7 days", 7),
    ("Last 30 days", 30),
    ("Last 12 weeks", 84),
    ("Last year", 365),
)
REFRESH_MINUTES = 5
LONGEST_WAIT_MINUTES = 60
"""After failed refreshes the wait doubles, up to this."""
REFRESH_KEY = "orders-refresh"
COMMAND_WORDS = {"hold": "hold", "pending": "release", "cancel": "cancel"}
"""update_order's commands as the shop says them."""


class OrdersTab(QWidget):
    unseen_changed = Signal(int)
    """How many orders shipped, finished or need attention since the user last looked."""
    notify = Signal(str, str)
    refreshed = Signal()
    """A refresh from FinerWorks has been shown."""
    reorder_requested = Signal(int)
    """The id of a draft just made by Reorder, saved and ready to open."""

    def __init__(
        self,
        service: JobRunner,
        store: Store,
        refresh_minutes: int = REFRESH_MINUTES,
        prefix: str = DEFAULT_PREFIX,
    ) -> None:
        super().__init__()
        self.setObjectName("ordersPage")
        self.refresh_ms = refresh_minutes * 60_000
        self.po_prefix = prefix
        """What Reorder's new POs start with (the shop's setting, as for the New order tab)."""
        self._service = service
        self._history = _history_of(store)
        self._unseen = 0
        self._refresh_again = False
        """A refresh was asked for while one was on its way (which may predate the change)."""
        self._refresh: Job | None = None
        self.model = OrdersModel()
        self._build()
        self._timer = QTimer(self)
        self._timer.setInterval(self.refresh_ms)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()

    def _build(self) -> None:
        self.search = QLineEdit(objectName="ordersSearch")
        self.search.setPlaceholderText("Name, city, address, PO, note…")
        self.search.setToolTip(
            "Finds orders by customer name, city or address, PO, your own order number, your "
            "note or status"
        )
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search orders")
        self.search.textChanged.connect(self._filter)
        self.status_filter = QComboBox(objectName="ordersStatusFilter")
        self.status_filter.setAccessibleName("Status")
        self.status_filter.currentIndexChanged.connect(self._filter)
        self.date_filter = QComboBox(objectName="ordersDateFilter")
        self.date_filter.setAccessibleName("Placed")
        for label, days in DATE_RANGES:
            self.date_filter.addItem(label, days)
        self.date_filter.currentIndexChanged.connect(self._filter)
        self.refresh_button = QPushButton("&Refresh", objectName="refreshOrdersButton")
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton("&Export…", objectName="exportOrdersButton")
        self.export_button.clicked.connect(self.export)
        # A message takes more lines rather than widening the window (a long refusal).
        self.message = QLabel(objectName="ordersMessage")
        self.message.setProperty("role", "hint")
        self.message.setWordWrap(True)
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top = QHBoxLayout()
        top.addWidget(self.search, 2)
        top.addWidget(QLabel("Status"))
        top.addWidget(self.status_filter, 1)
        top.addWidget(QLabel("Placed"))
        top.addWidget(self.date_filter)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.export_button)
        self.summary = QHBoxLayout()
        self.summary.setContentsMargins(0, 0, 0, 0)
        self.summary_box = QWidget(objectName="statusSummary")
        self.summary_box.setLayout(self.summary)
        status_row = QHBoxLayout()
        status_row.addWidget(self.summary_box)
        status_row.addWidget(self.message, 1)

        self.view = QTableView(objectName="ordersView")
        self.view.setModel(self.model)
        self.view.setAccessibleName("Orders")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().selectionChanged.connect(self._selected)

        self.order_detail = OrderDetail()
        self.order_detail.act.connect(self._act)
        self.order_detail.change_recipient.connect(self._change_recipient)
        self.order_detail.reorder.connect(self._reorder)
        self.order_detail.note_edited.connect(self._save_note)
        self.detail = self.order_detail.text
        self.chart = OrdersChart()
        # The chart is of all orders, so it sits under their table; the detail pane beside
        # them has the full height for the order chosen, its note included.
        listing = QWidget()
        listing_layout = QVBoxLayout(listing)
        listing_layout.setContentsMargins(0, 0, 0, 0)
        listing_layout.addWidget(self.view, 1)
        listing_layout.addWidget(self.chart)
        scroll = QScrollArea()
        scroll.setWidget(self.order_detail)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        splitter = QSplitter()
        splitter.addWidget(listing)
        splitter.addWidget(scroll)
        splitter.setSizes([720, 500])
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addLayout(top)
        layout.addLayout(status_row)
        layout.addWidget(splitter, 1)

    @property
    def hold_button(self) -> QPushButton:
        return self.order_detail.buttons["hold"]

    @property
    def release_button(self) -> QPushButton:
        return self.order_detail.buttons["pending"]

    @property
    def cancel_button(self) -> QPushButton:
        return self.order_detail.buttons["cancel"]

    @property
    def recipient_button(self) -> QPushButton:
        return self.order_detail.recipient_button

    @property
    def copy_button(self) -> QPushButton:
        return self.order_detail.copy_button

    # -- data -----------------------------------------------------------------------------

    def use_source(self, service: JobRunner, store: Store) -> None:
        """Another account: nothing of the previous one stays on screen (its orders, the one
        selected in the detail pane, the counts, the chart, the unseen badge), and its jobs
        were dropped with the old lanes, so a late answer of theirs never lands here."""
        self.order_detail.save_note()  # into the account it was typed for
        self._service = service
        self._history = _history_of(store)
        self._refresh_again = False
        self._refresh = None
        self._unseen = 0
        self.unseen_changed.emit(0)
        self.view.clearSelection()
        self.model.forget_notes()
        self.model.set_orders([])
        self.order_detail.show_order(None, [])
        self.search.clear()
        self.message.setText("")
        self._show_counts()
        self._timer.start(self.refresh_ms)
        self.load_local()
        self.refresh()

    def load_local(self) -> None:
        """What is already known, shown at once while the refresh asks FinerWorks."""
        history = self._history
        Job(self, "orders from history", lambda _context: order_sync.load(history)).on_done(
            self._updated
        ).start(self._service)

    @Slot()
    def refresh(self) -> None:
        """List every order of the account, then poll the open ones for fresh statuses. Asked
        while a refresh is on its way, another follows it."""
        history = self._history
        job = (
            Job(
                self,
                "orders refresh",
                lambda context: order_sync.refresh(context, history),
                priority=Priority.BACKGROUND,
                key=REFRESH_KEY,
                clash=Clash.SKIP,
            )
            .on_done(self._refreshed)
            .on_failed(self._refresh_failed)
            .start(self._service)
        )
        if job.skipped:
            self._refresh_again = True
        elif not job.over:
            self._refresh = job
            self.message.setText("Refreshing orders…")
            job.settled.connect(self._refresh_settled)

    @property
    def refreshing(self) -> bool:
        return self._refresh is not None and self._refresh.live

    @Slot()
    def _refresh_settled(self) -> None:
        if self._refresh_again:
            self._refresh_again = False
            self.refresh()

    @Slot(list)
    def record_placed(self, drafts: list[Draft]) -> None:
        """Orders this desk just placed, shown at once (a few rows, written and read here),
        then a refresh to learn what FinerWorks says of them."""
        if not drafts:
            return
        self._history.record_placed(drafts)
        self.model.upsert(self._history.orders(only=[d.order_po for d in drafts]))
        self._show_counts()
        self.refresh()

    def _refreshed(self, update: OrdersUpdate) -> None:
        self.message.setText("")
        self._timer.setInterval(self.refresh_ms)
        self._updated(update)
        self.refreshed.emit()

    def _updated(self, update: OrdersUpdate) -> None:
        """Orders read in a worker thread: thousands of rows are never read on this one."""
        chosen = self._selected_po()
        self.model.set_orders(update.orders)
        self._show_counts()
        if chosen is not None:
            row = self.model.row_of(chosen)
            if row is not None:
                self.view.selectRow(row)
        for change in update.changes:
            if change.noteworthy:
                self._unseen += 1
                self.notify.emit(f"Order {change.order_po}", _change_text(change))
        if update.changes:
            self.unseen_changed.emit(self._unseen)

    def _show_counts(self) -> None:
        counts = Counter(o.meaning.stage for o in self.model.all_orders())
        stages = [stage for stage in STAGE_ORDER if counts[stage]]
        current = self.status_filter.currentData() or ""
        self.status_filter.blockSignals(True)
        self.status_filter.clear()
        self.status_filter.addItem("Any", "")
        for stage in stages:
            self.status_filter.addItem(f"{stage.title} ({counts[stage]})", stage.name)
        self.status_filter.setCurrentIndex(max(0, self.status_filter.findData(current)))
        self.status_filter.blockSignals(False)
        while self.summary.count():
            widget = self.summary.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        for stage in stages:
            button = QPushButton(f"{stage.title}: {counts[stage]}")
            button.setFlat(True)
            button.setProperty("stage", stage.name)
            button.clicked.connect(self._summary_clicked)
            self.summary.addWidget(button)
        self.summary.addStretch(1)
        self.chart.show_weeks(weekly(self.model.all_orders(), date.today()))
        self._filter()

    @Slot()
    def _summary_clicked(self) -> None:
        stage = self.sender().property("stage")
        self.status_filter.setCurrentIndex(max(0, self.status_filter.findData(stage)))

    @Slot()
    def _filter(self) -> None:
        days = self.date_filter.currentData()
        since = (date.today() - timedelta(days=days)).isoformat() if days else ""
        stage = self.status_filter.currentData()
        self.model.apply_filter(self.search.text(), Stage[stage] if stage else None, since)

    def _refresh_failed(self, error: Exception) -> None:
        waiting = min(self._timer.interval() * 2, LONGEST_WAIT_MINUTES * 60_000)
        self._timer.setInterval(waiting)
        self.message.setText(
            f"Could not refresh: {explain(error)} Next try in {waiting // 60_000} minutes."
        )

    @Slot()
    def export(self) -> None:
        """The orders shown (search and filter applied) to a CSV file the user picks."""
        name, _filter = QFileDialog.getSaveFileName(
            self, "Export orders", str(Path.home() / "fwdesk-orders.csv"), "CSV files (*.csv)"
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> None:
        """Times as the table shows them (this computer's clock), its zone in the header."""
        shown = [self.model.order(row) for row in range(self.model.rowCount())]
        try:
            path.write_text(orders_csv(shown), encoding="utf-8")
        except OSError as problem:
            self.message.setText(f"Could not write {path.name}: {problem.strerror}")
            return
        noun = "order" if len(shown) == 1 else "orders"
        self.message.setText(f"{len(shown)} {noun} written to {path.name}.")

    def mark_seen(self) -> None:
        self._unseen = 0
        self.unseen_changed.emit(0)

    # -- detail and actions ---------------------------------------------------------------

    def _selected_po(self) -> str | None:
        tracked = self._selected_order()
        return tracked.order_po if tracked else None

    def _selected_order(self) -> TrackedOrder | None:
        selection = self.view.selectionModel()
        rows = selection.selectedRows() if selection is not None else []
        return self.model.order(rows[0].row()) if rows else None

    @Slot()
    def _selected(self) -> None:
        tracked = self._selected_order()
        timeline = self._history.timeline(tracked.order_po) if tracked else []
        self.order_detail.show_order(tracked, timeline)

    @Slot()
    def _change_recipient(self) -> None:
        tracked = self._selected_order()
        if tracked is None or tracked.order_id is None:
            return
        dialog = RecipientDialog(tracked, self)
        if not dialog.exec() or dialog.address is None:
            return
        order_id, address, history, po = (
            tracked.order_id,
            dialog.address,
            self._history,
            tracked.order_po,
        )
        self.order_detail.show_message(f"Sending the new address of {po}…")
        Job(
            self,
            "change recipient",
            lambda context: order_sync.new_recipient(context, history, order_id, address, po),
            abortable=False,
        ).on_done(self._changed).on_failed(self._change_failed).start(self._service)

    @Slot(str)
    def _act(self, command: str) -> None:
        tracked = self._selected_order()
        if tracked is None or tracked.order_id is None:
            return
        if command == "cancel":
            answer = QMessageBox.question(
                self,
                "Cancel order",
                f"Cancel order {tracked.order_po} for {tracked.customer}? FinerWorks will not "
                "print or ship it.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        order_id, history, po = tracked.order_id, self._history, tracked.order_po
        self.order_detail.show_message(f"Asking FinerWorks to {COMMAND_WORDS[command]} {po}…")
        Job(
            self,
            f"{command} order",
            lambda context: order_sync.change(context, history, order_id, command, po),
            abortable=False,
        ).on_done(self._changed).on_failed(self._change_failed).start(self._service)

    def _changed(self, update: OrdersUpdate) -> None:
        self.order_detail.show_message("")
        self._updated(update)
        self._selected()

    def _change_failed(self, error: Exception) -> None:
        self.order_detail.show_message(explain(error))

    @Slot()
    def _reorder(self) -> None:
        """A saved draft (one small write), then the window is asked to open it."""
        tracked = self._selected_order()
        if tracked is None:
            return
        try:
            draft = reorder(self._history, tracked, self.po_prefix)
        except STORAGE_ERRORS as error:
            self.order_detail.show_message(f"The new draft could not be saved: {explain(error)}")
            return
        self.order_detail.show_message(
            f"Draft {draft.order_po} made from {tracked.order_po}, ready to check and send."
        )
        self.reorder_requested.emit(draft.id)

    @Slot(str, str)
    def _save_note(self, order_po: str, note: str) -> None:
        try:
            self._history.set_note(order_po, note)
        except STORAGE_ERRORS as error:
            self.order_detail.show_message(f"The note could not be saved: {explain(error)}")
            return
        self.model.set_note(order_po, note)


def _history_of(store: Store) -> OrderHistory:
    """Demo mode keeps a database of its own, so its orders are demo orders one and all."""
    return OrderHistory(store, demo=connection.is_demo_key(store.path.stem))


def _change_text(change: StatusChange) -> str:
    """A notification: the move, and what to do when the new status needs the shop."""
    text = f"{change.before or order_status.SUBMITTED_LABEL} → {change.after}"
    advice = change.meaning.advice
    return f"{text}. {advice}" if advice else text
