"""Orders staged on FinerWorks for review, on the New order tab: the notice above one that is
shown, and the work behind saving, taking in and deleting them (`core.pending_orders`)."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from fwdesk.core import pending_orders
from fwdesk.core.messages import explain
from fwdesk.core.pending_orders import Staged
from fwdesk.core.store import Store
from fwdesk.ui.work.jobs import Job, JobRunner
from fwdesk.ui.work.lanes import Priority

PENDING_REFRESH_KEY = "pending-refresh"


class PendingPanel(QFrame):
    listed = Signal()
    """FinerWorks' pending orders were listed again (the drafts list shows them)."""
    saved = Signal(object)
    """A draft now staged on FinerWorks (Staged)."""
    taken = Signal(object)
    """A pending order that became this desk's draft (Draft)."""
    deleted = Signal(str)
    save_failed = Signal(str)
    """Why a draft could not be saved for review (it stays a draft)."""
    said = Signal(str)
    """A message for the order's result line."""

    def __init__(self, service: JobRunner, store: Store) -> None:
        super().__init__(objectName="pendingPanel")
        self._service = service
        self._store = store
        self.setProperty("role", "warning")
        self.text = QLabel(objectName="pendingText")
        self.text.setWordWrap(True)
        self.take_button = QPushButton("Take into my drafts", objectName="takePendingButton")
        self.take_button.setToolTip(
            "Makes it a draft on this computer (same PO) to change or send it, and removes it "
            "from FinerWorks' pending orders so no other desk places it too."
        )
        self.delete_button = QPushButton(
            "Delete from FinerWorks…", objectName="deletePendingButton"
        )
        self.take_button.clicked.connect(self._take)
        self.delete_button.clicked.connect(self._delete)
        buttons = QHBoxLayout()
        buttons.addWidget(self.take_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.shown: Staged | None = None
        self.hide()

    def use_source(self, service: JobRunner, store: Store) -> None:
        self._service = service
        self._store = store
        self.show_staged(None)

    def show_staged(self, staged: Staged | None) -> None:
        self.shown = staged
        if staged is None:
            self.hide()
            return
        origin = f" (saved from {staged.order.source})" if staged.order.source else ""
        self.text.setText(
            f"<b>{staged.order_po} is on FinerWorks for review{origin}.</b> Any desk of your "
            "shop, or FinerWorks' dashboard, can place it. Take it into your drafts to change "
            "or send it from here."
        )
        self._busy(False)
        self.show()

    def _busy(self, busy: bool) -> None:
        self.take_button.setEnabled(not busy)
        self.delete_button.setEnabled(not busy)

    # -- the work -------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """List FinerWorks' pending orders again (other desks add to them)."""
        store = self._store
        Job(
            self,
            "pending orders",
            lambda context: pending_orders.refresh(context.client, store),
            priority=Priority.BACKGROUND,
            key=PENDING_REFRESH_KEY,
            report=False,
        ).on_done(lambda _staged: self.listed.emit()).start(self._service)

    def save_for_review(self, draft_id: int, order_po: str) -> Job:
        store = self._store
        self.said.emit(f"Saving {order_po} to FinerWorks for review…")
        return (
            Job(
                self,
                "save for review",
                lambda context: pending_orders.save_for_review(context.client, store, draft_id),
                abortable=False,
            )
            .on_done(self.saved.emit)
            .on_failed(lambda error: self.save_failed.emit(explain(error)))
            .start(self._service)
        )

    @Slot()
    def _take(self) -> None:
        if self.shown is None:
            return
        store, fulfillment_id = self._store, self.shown.fulfillment_id
        self._busy(True)
        Job(
            self,
            "take pending order",
            lambda context: pending_orders.take_in(context.client, store, fulfillment_id),
            abortable=False,
        ).on_done(self.taken.emit).on_failed(self._failed).start(self._service)

    @Slot()
    def _delete(self) -> None:
        if self.shown is None:
            return
        store, fulfillment_id, po = self._store, self.shown.fulfillment_id, self.shown.order_po
        answer = QMessageBox.question(
            self,
            "Delete pending order",
            f"Delete {po} from FinerWorks' pending orders? No desk will be able to place it.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._busy(True)
        Job(
            self,
            "delete pending order",
            lambda context: pending_orders.delete(context.client, store, fulfillment_id),
            abortable=False,
        ).on_done(lambda _none: self.deleted.emit(po)).on_failed(self._failed).start(self._service)

    def _failed(self, error: Exception) -> None:
        self._busy(False)
        self.said.emit(explain(error))
