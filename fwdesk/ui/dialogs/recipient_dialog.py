"""The new shipping address of a placed order (update_customer), checked like the form's."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from fwdesk.api.orders import Address
from fwdesk.core.order_history import TrackedOrder
from fwdesk.core.order_rules import check_recipient
from fwdesk.ui.tabs.order.order_form import RecipientForm


class RecipientDialog(QDialog):
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
