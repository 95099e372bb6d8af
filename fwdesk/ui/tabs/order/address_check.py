"""Check address: FinerWorks' validate_recipient_address, and its correction offered to accept
or reject beside the form."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fwdesk.api.orders import Address, AddressCheck
from fwdesk.core.messages import explain
from fwdesk.ui.work.jobs import Job, JobRunner


class AddressChecker(QWidget):
    accepted = Signal(object)
    """The suggested Address, which the shop chose to use."""
    said = Signal(str)
    """A result for the order's message line ("confirmed", or why it could not be asked)."""

    def __init__(self, service: JobRunner, current: Callable[[], Address]) -> None:
        super().__init__()
        self._service = service
        self._current = current
        self.button = QPushButton("Check address", objectName="checkAddressButton")
        self.button.clicked.connect(self.check_requested)
        self.suggestion = QFrame(objectName="addressSuggestion")
        self.suggestion.setProperty("role", "warning")
        self.suggestion_text = QLabel()
        self.suggestion_text.setWordWrap(True)
        self.accept_button = QPushButton(
            "Use suggested address", objectName="acceptSuggestionButton"
        )
        self.accept_button.clicked.connect(self._accept)
        reject = QPushButton("Keep mine", objectName="rejectSuggestionButton")
        reject.clicked.connect(self.suggestion.hide)
        suggestion_layout = QVBoxLayout(self.suggestion)
        suggestion_layout.addWidget(self.suggestion_text)
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(reject)
        buttons.addStretch(1)
        suggestion_layout.addLayout(buttons)
        self.suggestion.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.suggestion)
        self._suggested: Address | None = None

    def use_service(self, service: JobRunner) -> None:
        self._service = service
        self.suggestion.hide()

    @Slot()
    def check_requested(self) -> None:
        address = self._current()
        self.suggestion.hide()
        Job(
            self,
            "check address",
            lambda context: context.client.validate_recipient_address(address),
            key="check-address",
            report=False,
        ).on_done(lambda check: self._checked(address, check)).on_failed(
            lambda error: self.said.emit(explain(error))
        ).start(self._service)

    def _checked(self, sent: Address, check: AddressCheck) -> None:
        if not check.ok:
            self.suggestion_text.setText(
                f"<b>FinerWorks could not confirm this address.</b> {check.message}"
            )
            self._suggested = None
        elif check.address is not None and check.address.to_json() != sent.to_json():
            self._suggested = replace(
                check.address, country_code=check.address.country_code or sent.country_code
            )
            lines = [
                check.address.address_1,
                check.address.city,
                check.address.state_code,
                check.address.zip_postal_code,
            ]
            self.suggestion_text.setText(
                "<b>FinerWorks suggests:</b> " + ", ".join(x for x in lines if x)
            )
        else:
            self.said.emit("FinerWorks confirmed the address.")
            return
        self.accept_button.setVisible(self._suggested is not None)
        self.suggestion.show()

    @Slot()
    def _accept(self) -> None:
        if self._suggested is not None:
            self.accepted.emit(self._suggested)
        self.suggestion.hide()
