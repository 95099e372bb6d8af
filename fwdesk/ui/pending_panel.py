"""The notice above an order staged on FinerWorks for review, with what can be done to it."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from fwdesk.core.pending_orders import Staged


class PendingPanel(QFrame):
    take_requested = Signal(int)
    delete_requested = Signal(int)

    def __init__(self) -> None:
        super().__init__(objectName="pendingPanel")
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
        self._shown: Staged | None = None
        self.hide()

    def show_staged(self, staged: Staged | None) -> None:
        self._shown = staged
        if staged is None:
            self.hide()
            return
        origin = f" (saved from {staged.order.source})" if staged.order.source else ""
        self.text.setText(
            f"<b>{staged.order_po} is on FinerWorks for review{origin}.</b> Any desk of your "
            "shop, or FinerWorks' dashboard, can place it. Take it into your drafts to change "
            "or send it from here."
        )
        self.set_busy(False)
        self.show()

    def set_busy(self, busy: bool) -> None:
        self.take_button.setEnabled(not busy)
        self.delete_button.setEnabled(not busy)

    @Slot()
    def _take(self) -> None:
        if self._shown is not None:
            self.take_requested.emit(self._shown.fulfillment_id)

    @Slot()
    def _delete(self) -> None:
        if self._shown is not None:
            self.delete_requested.emit(self._shown.fulfillment_id)
