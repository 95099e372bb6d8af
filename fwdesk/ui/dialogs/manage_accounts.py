"""The list of saved accounts: add, edit, remove, and choose the one to use."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fwdesk.core.accounts import Account


class ManageAccountsDialog(QDialog):
    """Emits what the user asked for; the main window does it and calls `show_accounts`."""

    add_requested = Signal()
    edit_requested = Signal(str)
    remove_requested = Signal(str)
    use_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("manageAccountsDialog")
        self.setWindowTitle("FinerWorks accounts")
        self.setMinimumSize(480, 320)
        self.list = QListWidget(objectName="accountsList")
        self.list.setAccessibleName("Saved accounts")
        self.list.currentItemChanged.connect(self._selection_changed)
        self.list.itemDoubleClicked.connect(self._use)
        self.empty = QLabel("No account saved yet. Add one to leave demo mode.")
        self.empty.setProperty("role", "hint")
        self.add_button = QPushButton("&Add…", objectName="addAccountButton")
        self.edit_button = QPushButton("&Edit…", objectName="editAccountButton")
        self.remove_button = QPushButton("&Remove", objectName="removeAccountButton")
        self.use_button = QPushButton("&Use this account", objectName="useAccountButton")
        self.add_button.clicked.connect(self.add_requested)
        self.edit_button.clicked.connect(self._edit)
        self.remove_button.clicked.connect(self._remove)
        self.use_button.clicked.connect(self._use)
        side = QVBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button, self.use_button):
            side.addWidget(button)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addLayout(side)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addLayout(body)
        layout.addWidget(close)

    def show_accounts(self, accounts: list[Account], active: str | None) -> None:
        self.list.clear()
        for account in accounts:
            suffix = "  (in use)" if account.name == active else ""
            item = QListWidgetItem(f"{account.name} — {account.environment.label}{suffix}")
            item.setData(Qt.ItemDataRole.UserRole, account.name)
            self.list.addItem(item)
            if account.name == active:
                self.list.setCurrentItem(item)
        self.empty.setVisible(not accounts)
        if self.list.currentItem() is None and accounts:
            self.list.setCurrentRow(0)
        self._selection_changed()

    def _selected(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    @Slot()
    def _selection_changed(self) -> None:
        chosen = self._selected() is not None
        for button in (self.edit_button, self.remove_button, self.use_button):
            button.setEnabled(chosen)

    @Slot()
    def _edit(self) -> None:
        if (name := self._selected()) is not None:
            self.edit_requested.emit(name)

    @Slot()
    def _use(self) -> None:
        if (name := self._selected()) is not None:
            self.use_requested.emit(name)
            self.accept()

    @Slot()
    def _remove(self) -> None:
        name = self._selected()
        if name is None:
            return
        answer = QMessageBox.question(
            self,
            "Remove account",
            f"Remove “{name}” and delete its keys from this computer's keychain?\n"
            "Orders already placed with FinerWorks are not affected.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove_requested.emit(name)
