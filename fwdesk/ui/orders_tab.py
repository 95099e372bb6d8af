"""The Orders tab: every order of the account with its production status, shipments and
tracking links, refreshed in the background, with Hold, Release and Cancel while FinerWorks
still allows them."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fwdesk.api.orders import Address
from fwdesk.core import order_status
from fwdesk.core.drafts import SUBMITTED, DraftStore
from fwdesk.core.messages import explain
from fwdesk.core.order_history import OrderHistory, StatusChange, TrackedOrder
from fwdesk.core.order_rules import check_recipient
from fwdesk.core.order_status import STAGE_ORDER, Stage
from fwdesk.core.order_weeks import weekly
from fwdesk.core.orders_export import orders_csv
from fwdesk.core.store import Store
from fwdesk.core.tracking import tracking_link
from fwdesk.ui.catalog_model import money
from fwdesk.ui.order_form import RecipientForm
from fwdesk.ui.orders_chart import OrdersChart
from fwdesk.ui.table_model import FilteredTableModel, Index
from fwdesk.ui.worker import ApiService, JobContext, Priority

if TYPE_CHECKING:
    from fwdesk.api.client import FinerWorksClient

COLUMNS = ("PO", "Customer", "Placed", "Items", "Total", "Status", "Mode")
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


class OrdersModel(FilteredTableModel):
    COLUMNS = COLUMNS

    def __init__(self) -> None:
        super().__init__()
        self._orders: list[TrackedOrder] = []
        self._haystacks: list[str] = []
        self._text = ""
        self._stage: Stage | None = None
        self._since = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_orders(self, orders: list[TrackedOrder]) -> None:
        self.beginResetModel()
        self._orders = orders
        self._haystacks = [
            f"{o.order_po} {o.customer} {o.status_label} {o.meaning.stage.title}".lower()
            for o in orders
        ]
        self._visible = self._matching()
        self.endResetModel()

    def apply_filter(self, text: str, stage: Stage | None, since: str = "") -> None:
        """`since` is an ISO date; orders placed before it are left out."""
        self.beginResetModel()
        self._text, self._stage, self._since = text.lower(), stage, since
        self._visible = self._matching()
        self.endResetModel()

    def _matching(self) -> list[int]:
        rows = range(len(self._orders))
        for word in self._text.split():
            rows = [i for i in rows if word in self._haystacks[i]]
        if self._stage is not None:
            rows = [i for i in rows if self._orders[i].meaning.stage is self._stage]
        if self._since:
            rows = [i for i in rows if self._orders[i].placed_at[:10] >= self._since]
        rows = list(rows)
        if self._sort is not None:
            column, order = self._sort
            rows.sort(key=self._sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)
        return rows

    def order(self, row: int) -> TrackedOrder:
        return self._orders[self._visible[row]]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Column -1 (Qt's "unsorted") keeps the newest-first order of the history."""
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order) if column >= 0 else None
        self._visible = self._matching()
        self.layoutChanged.emit()

    def _sort_key(self, column: int) -> Callable[[int], object]:
        orders = self._orders
        if column == 3:
            return lambda i: orders[i].item_count
        if column == 4:
            return lambda i: orders[i].grand_total or 0
        return lambda i: str(self._cells(orders[i])[column]).lower()

    def all_orders(self) -> list[TrackedOrder]:
        return self._orders

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._cells(self._orders[self._visible[index.row()]])[index.column()]

    @staticmethod
    def _cells(tracked: TrackedOrder) -> tuple[str, ...]:
        return (
            tracked.order_po,
            tracked.customer,
            tracked.placed_at[:16].replace("T", " "),
            str(tracked.item_count),
            money(tracked.grand_total),
            tracked.status_label,
            "test" if tracked.test_mode else "live",
        )


class OrdersTab(QWidget):
    unseen_changed = Signal(int)
    """How many orders shipped or were refused since the user last looked."""
    notify = Signal(str, str)

    def __init__(
        self, service: ApiService, store: Store, refresh_minutes: int = REFRESH_MINUTES
    ) -> None:
        super().__init__()
        self.setObjectName("ordersPage")
        self.refresh_ms = refresh_minutes * 60_000
        self._service = service
        self._history = OrderHistory(store)
        self._unseen = 0
        self._refresh_id: int | None = None
        self.model = OrdersModel()
        self._build()
        self._timer = QTimer(self)
        self._timer.setInterval(self.refresh_ms)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()

    def _build(self) -> None:
        self.search = QLineEdit(objectName="ordersSearch")
        self.search.setPlaceholderText("Search by PO, customer or status…")
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
        self.message = QLabel(objectName="ordersMessage")
        self.message.setProperty("role", "hint")
        top = QHBoxLayout()
        top.addWidget(self.search, 2)
        top.addWidget(QLabel("Status"))
        top.addWidget(self.status_filter, 1)
        top.addWidget(QLabel("Placed"))
        top.addWidget(self.date_filter)
        top.addWidget(self.message, 2)
        top.addWidget(self.refresh_button)
        top.addWidget(self.export_button)
        self.summary = QHBoxLayout()
        self.summary_box = QWidget(objectName="statusSummary")
        self.summary_box.setLayout(self.summary)

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

        self.detail = QLabel(objectName="orderDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setOpenExternalLinks(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.copy_button = QPushButton("Copy tracking numbers", objectName="copyTrackingButton")
        self.copy_button.clicked.connect(self._copy_tracking)
        self.hold_button = QPushButton("&Hold", objectName="holdOrderButton")
        self.release_button = QPushButton("Re&lease", objectName="releaseOrderButton")
        self.cancel_button = QPushButton("Ca&ncel order…", objectName="cancelOrderButton")
        self.recipient_button = QPushButton(
            "Change &recipient…", objectName="changeRecipientButton"
        )
        self.recipient_button.clicked.connect(self._change_recipient)
        self.hold_button.clicked.connect(lambda: self._act("hold"))
        self.release_button.clicked.connect(lambda: self._act("pending"))
        self.cancel_button.clicked.connect(lambda: self._act("cancel"))
        actions = QHBoxLayout()
        for button in (
            self.hold_button,
            self.release_button,
            self.cancel_button,
            self.recipient_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        copy_row = QHBoxLayout()
        copy_row.addStretch(1)
        copy_row.addWidget(self.copy_button)
        self.chart = OrdersChart()
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.chart)
        side_layout.addLayout(actions)
        side_layout.addWidget(self.detail, 1)
        side_layout.addLayout(copy_row)
        scroll = QScrollArea()
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(scroll)
        splitter.setSizes([720, 500])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addLayout(top)
        layout.addWidget(self.summary_box)
        layout.addWidget(splitter, 1)
        self._show_detail(None)

    # -- data -----------------------------------------------------------------------------

    def use_source(self, service: ApiService, store: Store) -> None:
        self._service = service
        self._history = OrderHistory(store)
        self._refresh_id = None
        self.model.set_orders([])
        self.refresh()

    def _show_orders(self, orders: list[TrackedOrder]) -> None:
        """Orders read in a worker thread: thousands of rows are never read on this one."""
        chosen = self._selected_po()
        self.model.set_orders(orders)
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
        if chosen:
            for row in range(self.model.rowCount()):
                if self.model.order(row).order_po == chosen:
                    self.view.selectRow(row)

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

    def load_local(self) -> None:
        """What is already known, shown at once while the refresh asks FinerWorks."""
        history = self._history
        self._service.submit(
            "orders from history",
            lambda _context: _local(history),
            key="orders-local",
            on_done=self._show_orders,
        )

    @Slot()
    def refresh(self) -> None:
        """List every order of the account, then poll the open ones for fresh statuses."""
        if self._refresh_id is not None:
            return
        history = self._history
        self.message.setText("Refreshing orders…")
        self._refresh_id = self._service.submit(
            "orders refresh",
            lambda context: _refresh(context, history),
            priority=Priority.BACKGROUND,
            key="orders-refresh",
            on_done=self._refreshed,
            on_error=self._refresh_failed,
        )

    def _refreshed(self, result: tuple[list[StatusChange], list[TrackedOrder]]) -> None:
        self._refresh_id = None
        self.message.setText("")
        self._timer.setInterval(self.refresh_ms)
        changes, orders = result
        self._show_orders(orders)
        for change in changes:
            if change.noteworthy:
                self._unseen += 1
                self.notify.emit(f"Order {change.order_po}", _change_text(change))
        self.unseen_changed.emit(self._unseen)

    def _refresh_failed(self, error: Exception) -> None:
        self._refresh_id = None
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
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return self.model.order(rows[0].row()).order_po if rows else None

    def _selected_order(self) -> TrackedOrder | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.order(rows[0].row()) if rows else None

    @Slot()
    def _selected(self) -> None:
        self._show_detail(self._selected_order())

    def _show_detail(self, tracked: TrackedOrder | None) -> None:
        status_id = tracked.status_id if tracked is not None else None
        for button, allowed in (
            (self.hold_button, order_status.can_hold),
            (self.release_button, order_status.can_release),
            (self.cancel_button, order_status.can_cancel),
            (self.recipient_button, order_status.can_change_recipient),
        ):
            button.setEnabled(tracked is not None and allowed(status_id))
        shipments = tracked.detail.get("shipments") or [] if tracked else []
        self.copy_button.setEnabled(bool(shipments))
        if tracked is None:
            self.detail.setText("<p>Select an order to see its journey.</p>")
            return
        self.detail.setText(self._detail_html(tracked))

    def _detail_html(self, tracked: TrackedOrder) -> str:
        esc = html.escape
        recipient = tracked.detail.get("recipient") or {}
        address = ", ".join(
            esc(str(recipient[k]))
            for k in ("address_1", "city", "state_code", "zip_postal_code", "country_code")
            if recipient.get(k)
        )
        items = "".join(
            f"<li>{i.get('product_qty')} × "
            f"{esc(str(i.get('product_title') or i.get('product_sku')))}</li>"
            for i in tracked.detail.get("items") or []
        )
        totals = tracked.detail.get("totals") or {}
        timeline = "".join(
            f"<li>{esc(label)} — first seen {esc(seen[:16].replace('T', ' '))}</li>"
            for label, seen in self._history.timeline(tracked.order_po)
        )
        parcels = []
        for shipment in tracked.detail.get("shipments") or []:
            number = shipment.get("tracking_number") or ""
            link = tracking_link(shipment.get("carrier"), number)
            shown = f'<a href="{esc(link)}">{esc(number)}</a>' if link else esc(number)
            carrier = esc(str(shipment.get("carrier") or ""))
            service = esc(str(shipment.get("service") or ""))
            shipped = esc(str(shipment.get("shipment_date") or "")[:10])
            parcels.append(f"<li>{carrier} {service}: {shown}, shipped {shipped}</li>")
        meaning = tracked.meaning
        advice = (
            f'<p style="color:#B45309"><b>{esc(meaning.advice)}</b></p>' if meaning.advice else ""
        )
        same = meaning.stage.title.casefold() == tracked.status_label.casefold()
        stage = "" if same else f" ({meaning.stage.title})"
        return (
            f"<h3>{esc(tracked.order_po)} · {esc(tracked.status_label)}{esc(stage)}</h3>"
            f"{advice}"
            f"<p><b>{esc(tracked.customer)}</b><br>{address}</p>"
            f"<p><b>Items</b></p><ul>{items}</ul>"
            f"<p><b>Total</b> {money(tracked.grand_total)}"
            f" (shipping {esc(str(totals.get('order_shipping_rate', '—')))})</p>"
            f"<p><b>Status history</b></p><ul>{timeline}</ul>"
            f"<p><b>Shipments</b></p><ul>{''.join(parcels) or '<li>Not shipped yet.</li>'}</ul>"
        )

    @Slot()
    def _copy_tracking(self) -> None:
        tracked = self._selected_order()
        if tracked is not None:
            numbers = [
                s.get("tracking_number") or "" for s in tracked.detail.get("shipments") or []
            ]
            QGuiApplication.clipboard().setText("\n".join(n for n in numbers if n))

    @Slot()
    def _change_recipient(self) -> None:
        tracked = self._selected_order()
        if tracked is None or tracked.order_id is None:
            return
        dialog = RecipientDialog(tracked, self)
        if not dialog.exec() or dialog.address is None:
            return
        order_id, address, history = tracked.order_id, dialog.address, self._history
        self.message.setText(f"Sending the new address of {tracked.order_po}…")
        self._service.submit(
            "change recipient",
            lambda context: _new_recipient(
                context.client, history, order_id, address, tracked.order_po
            ),
            abortable=False,
            on_done=self._refreshed,
            on_error=lambda error: self.message.setText(explain(error)),
        )

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
        order_id, history = tracked.order_id, self._history
        self.message.setText(f"Asking FinerWorks to {command} {tracked.order_po}…")
        self._service.submit(
            f"{command} order",
            lambda context: _change(context.client, history, order_id, command, tracked.order_po),
            abortable=False,
            on_done=self._refreshed,
            on_error=lambda error: self.message.setText(explain(error)),
        )


class RecipientDialog(QDialog):
    """The new shipping address of an order that has not entered production yet."""

    def __init__(self, tracked: TrackedOrder, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("changeRecipientDialog")
        self.setWindowTitle(f"Change the recipient of {tracked.order_po}")
        self.form = RecipientForm()
        known = tracked.detail.get("recipient") or {}
        self.form.set_address(Address.from_json(known) if known else Address())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.address: Address | None = None

    @Slot()
    def _accept(self) -> None:
        address = self.form.address()
        problems = check_recipient(address)
        self.form.show_problems(problems)
        if not problems:
            self.address = address
            self.accept()


def _change_text(change: StatusChange) -> str:
    """A notification: the move, and what to do when the new status needs the shop."""
    text = f"{change.before or order_status.SUBMITTED_LABEL} → {change.after}"
    advice = change.meaning.advice
    return f"{text}. {advice}" if advice else text


def _local(history: OrderHistory) -> list[TrackedOrder]:
    history.record_placed(DraftStore(history.store).in_states(SUBMITTED))
    return history.orders()


def _refresh(
    context: JobContext, history: OrderHistory
) -> tuple[list[StatusChange], list[TrackedOrder]]:
    history.record_placed(DraftStore(history.store).in_states(SUBMITTED))
    if not history.labels():
        history.set_definitions(context.client.list_order_status_definitions())
    changes = history.record_receipts(context.client.iter_orders())
    context.check()
    open_pos = history.open_pos()
    if open_pos:
        changes += history.apply_statuses(context.client.fetch_order_status(order_pos=open_pos))
    return changes, history.orders()


def _change(
    client: FinerWorksClient, history: OrderHistory, order_id: int, command: str, po: str
) -> tuple[list[StatusChange], list[TrackedOrder]]:
    client.update_order(order_id, command)
    return history.apply_statuses(client.fetch_order_status(order_pos=[po])), history.orders()


def _new_recipient(
    client: FinerWorksClient, history: OrderHistory, order_id: int, address: Address, po: str
) -> tuple[list[StatusChange], list[TrackedOrder]]:
    client.update_customer(order_id, address)
    return history.record_receipts(client.iter_orders(order_pos=[po])), history.orders()
