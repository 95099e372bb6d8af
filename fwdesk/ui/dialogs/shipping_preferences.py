"""Account > Shipping preferences: the ranked choices FinerWorks uses to preselect a method."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from fwdesk.api.account import UserAccount
from fwdesk.core.messages import explain
from fwdesk.core.shipping_preferences import MOST, PREFERENCES, checked
from fwdesk.ui.work.jobs import Job, JobRunner

RANKS = ("&First choice", "&Second choice", "&Third choice")


class ShippingPreferencesDialog(QDialog):
    def __init__(self, service: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shippingPreferencesDialog")
        self.setWindowTitle("Shipping preferences")
        self._service = service
        self._account_key: str | None = None
        intro = QLabel(
            "FinerWorks uses these, highest first, to preselect a shipping method in every "
            "quote. They are kept in your FinerWorks account, so every desk shares them."
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        self.choices: list[QComboBox] = []
        for rank in range(MOST):
            combo = QComboBox(objectName=f"shippingPreference{rank + 1}")
            combo.addItem("—", "")
            for key, name in PREFERENCES.items():
                combo.addItem(name, key)
            combo.setAccessibleName(RANKS[rank].replace("&", ""))
            combo.setEnabled(False)
            form.addRow(RANKS[rank], combo)
            self.choices.append(combo)
        self.message = QLabel("Reading your FinerWorks account…", objectName="preferencesMessage")
        self.message.setWordWrap(True)
        self.message.setProperty("role", "hint")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        Job(
            self,
            "shipping preferences",
            lambda context: context.client.get_user(),
            key="shipping-preferences",
            report=False,
        ).on_done(self._loaded).on_failed(lambda error: self.message.setText(explain(error))).start(
            service
        )

    def ranked(self) -> list[str]:
        return [combo.currentData() for combo in self.choices if combo.currentData()]

    def _loaded(self, account: UserAccount) -> None:
        self._account_key = account.account_key
        for combo, key in zip(
            self.choices, [*account.shipping_preferences, "", "", ""], strict=False
        ):
            combo.setCurrentIndex(max(0, combo.findData(str(key))))
            combo.setEnabled(True)
        self.save_button.setEnabled(True)
        self.message.setText("")

    @Slot()
    def _save(self) -> None:
        try:
            ranked = checked(self.ranked())
        except ValueError as problem:
            self.message.setText(str(problem))
            return
        account_key = self._account_key
        self.save_button.setEnabled(False)
        self.message.setText("Saving…")
        Job(
            self,
            "save shipping preferences",
            lambda context: context.client.update_user(
                shipping_preferences=ranked, account_key=account_key
            ),
            abortable=False,
            report=False,
        ).on_done(lambda _none: self.accept()).on_failed(self._failed).start(self._service)

    def _failed(self, error: Exception) -> None:
        self.save_button.setEnabled(True)
        self.message.setText(f"Not saved: {explain(error)}")
