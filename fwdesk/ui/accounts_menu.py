"""The Account menu and what it opens: connecting an account (its keys go to the keychain),
managing the saved ones, switching between them and demo mode, and the account's shipping
preferences on FinerWorks. The dialogs are imported when opened, not with the window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from fwdesk import connection
from fwdesk.core.credentials import CredentialStore, KeychainError
from fwdesk.core.settings import Settings
from fwdesk.ui.session import Session

if TYPE_CHECKING:
    from fwdesk.ui.dialogs.manage_accounts import ManageAccountsDialog


def add_action(
    owner: QObject,
    menu: QMenu,
    text: str,
    name: str,
    shortcut: str | QKeySequence.StandardKey | None = None,
) -> QAction:
    action = QAction(text, owner)
    action.setObjectName(name)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    menu.addAction(action)
    return action


class AccountsMenu(QObject):
    chosen = Signal(object)
    """A Connection the shop chose to use (the window makes sure nothing is lost first)."""
    problem = Signal(str)
    changed = Signal()
    """The saved accounts changed (the window saves the settings)."""
    preferences_saved = Signal()

    def __init__(
        self,
        window: QMainWindow,
        session: Session,
        settings: Settings,
        credentials: CredentialStore,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self._settings = settings
        self._credentials = credentials
        self._manage_dialog: ManageAccountsDialog | None = None
        menu = window.menuBar().addMenu("&Account")
        add_action(
            window, menu, "&Connect an account…", "connectAccountAction", "Ctrl+Shift+C"
        ).triggered.connect(self.connect_account)
        add_action(
            window, menu, "&Manage accounts…", "manageAccountsAction", "Ctrl+Shift+M"
        ).triggered.connect(self.manage_accounts)
        add_action(
            window, menu, "Shipping &preferences…", "shippingPreferencesAction"
        ).triggered.connect(self.shipping_preferences)
        self.switch_menu = menu.addMenu("&Switch to")
        self.switch_menu.setObjectName("switchAccountMenu")
        menu.addSeparator()
        self.disconnect_action = add_action(
            window, menu, "&Disconnect (back to demo)", "disconnectAction"
        )
        self.disconnect_action.triggered.connect(self.disconnect_account)
        self.rebuild()

    def rebuild(self) -> None:
        """The Switch to menu, with the account in use ticked."""
        self.switch_menu.clear()
        group = QActionGroup(self.switch_menu)
        demo = self.switch_menu.addAction("Demo (built-in simulator)")
        demo.setCheckable(True)
        demo.setChecked(self._settings.active_account is None)
        demo.triggered.connect(self.disconnect_account)
        group.addAction(demo)
        for account in self._settings.accounts:
            action = self.switch_menu.addAction(account.name)
            action.setCheckable(True)
            action.setChecked(account.name == self._settings.active_account)
            action.setData(account.name)
            action.triggered.connect(self._switch_from_menu)
            group.addAction(action)
        self.disconnect_action.setEnabled(self._settings.active_account is not None)

    @Slot()
    def _switch_from_menu(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.switch_account(action.data())

    def switch_account(self, name: str | None) -> None:
        try:
            chosen = self._session.for_account(name)
        except KeychainError:
            return
        if chosen is None:
            self.connect_account(name)
            return
        self._settings.active_account = name if chosen.account else None
        self.chosen.emit(chosen)

    @Slot()
    def disconnect_account(self) -> None:
        self.switch_account(None)

    @Slot()
    def connect_account(self, name: str | None = None) -> None:
        from fwdesk.ui.dialogs.account_dialog import AccountDialog

        account = self._settings.account(name) if isinstance(name, str) else None
        credentials = None
        if account is not None:
            try:
                credentials = self._credentials.load(account.name)
            except KeychainError as problem:
                self.problem.emit(str(problem))
        dialog = AccountDialog(
            self._session.service,
            self._credentials,
            {a.name for a in self._settings.accounts},
            account,
            credentials,
            self._window,
        )
        if dialog.exec() and dialog.choice is not None:
            choice = dialog.choice
            self._settings.upsert(choice.account, replacing=account.name if account else None)
            self._settings.active_account = choice.account.name
            self.chosen.emit(connection.finerworks(choice.account, choice.credentials))

    @Slot()
    def shipping_preferences(self) -> None:
        """Kept on FinerWorks (update_user), so they apply to every desk; the quote then
        preselects what they pick."""
        from fwdesk.ui.dialogs.shipping_preferences import ShippingPreferencesDialog

        dialog = ShippingPreferencesDialog(self._session.service, self._window)
        if dialog.exec():
            self.preferences_saved.emit()

    @Slot()
    def manage_accounts(self) -> None:
        from fwdesk.ui.dialogs.manage_accounts import ManageAccountsDialog

        dialog = ManageAccountsDialog(self._window)
        dialog.add_requested.connect(self._manage_add)
        dialog.edit_requested.connect(self._manage_edit)
        dialog.remove_requested.connect(self._manage_remove)
        dialog.use_requested.connect(self.switch_account)
        self._manage_dialog = dialog
        dialog.show_accounts(self._settings.accounts, self._settings.active_account)
        dialog.exec()
        self._manage_dialog = None

    def _refresh_manage(self) -> None:
        if self._manage_dialog is not None:
            self._manage_dialog.show_accounts(
                self._settings.accounts, self._settings.active_account
            )

    @Slot()
    def _manage_add(self) -> None:
        self.connect_account()
        self._refresh_manage()

    @Slot(str)
    def _manage_edit(self, name: str) -> None:
        self.connect_account(name)
        self._refresh_manage()

    @Slot(str)
    def _manage_remove(self, name: str) -> None:
        try:
            self._credentials.delete(name)
        except KeychainError as problem:
            self.problem.emit(str(problem))
        was_active = self._settings.active_account == name
        self._settings.remove(name)
        if was_active:
            self.chosen.emit(self._session.demo())
        else:
            self.changed.emit()
            self.rebuild()
        self._refresh_manage()
