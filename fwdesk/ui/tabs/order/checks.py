"""What the form asks FinerWorks to check while the order is typed: the address
(validate_recipient_address, its correction offered to accept or reject), and a typed SKU
(get_product_details) before it joins the order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fwdesk.api.catalog import ProductDetails
from fwdesk.api.orders import Address, AddressCheck
from fwdesk.core.drafts import DraftItem
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


class SkuChecker(QObject):
    found = Signal(object)
    """The DraftItem of a SKU FinerWorks knows, named as FinerWorks names it."""
    said = Signal(str)
    """What to show beside the items while checking, or why the SKU was not added."""

    def __init__(self, service: JobRunner, parent: QObject) -> None:
        super().__init__(parent)
        self._service = service

    def use_service(self, service: JobRunner) -> None:
        self._service = service

    @Slot(str, int)
    def check(self, sku: str, quantity: int) -> None:
        self.said.emit(f"Checking {sku} with FinerWorks…")
        Job(
            self,
            "check product",
            lambda context: context.client.get_product_details([(sku, quantity)]),
            key="check-sku",
            report=False,
        ).on_done(lambda found: self._checked(sku, quantity, found)).on_failed(
            lambda error: self.said.emit(f"{sku}: {explain(error)}")
        ).start(self._service)

    def _checked(self, sku: str, quantity: int, found: list[ProductDetails]) -> None:
        known = [details for details in found if details.available]
        if not known:
            self.said.emit(f"FinerWorks does not know {sku}.")
            return
        self.said.emit("")
        self.found.emit(DraftItem(sku, quantity, (known[0].name or "")[:50]))
