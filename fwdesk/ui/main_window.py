"""The main window: mode banner, the three tabs, menus, status bar, and the active connection.

Only the tab in view is built before the window is first painted. The Catalogue and Orders
tabs, and the work they start with (the cached catalogue, the orders known locally and their
refresh), follow right after that paint, one per turn of the event loop; so do the connection
check and the settling of interrupted sends, which the order sender does whether or not a tab
shows them. The New order tab, the heaviest to build (about 130 ms here, too long for one turn
of a window the user may already be using), is built when first chosen or asked for.
Asking for a tab from code (`catalog`, `order`, `orders`) builds it at once. The tabs'
modules are imported where they are built, which keeps them off the path to the first frame
(tests/unit/test_startup_imports.py holds that line), and so are the Qt classes only a
dialog, a notification or the log folder needs.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSignalBlocker, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fwdesk import __version__
from fwdesk.connection import Connection
from fwdesk.core.credentials import CredentialStore, backend_name
from fwdesk.core.messages import explain
from fwdesk.core.paths import AppPaths
from fwdesk.core.settings import SettingsFile
from fwdesk.ui.accounts_menu import AccountsMenu, add_action
from fwdesk.ui.first_paint import AfterFirstPaint
from fwdesk.ui.session import Session
from fwdesk.ui.widgets.banner import ModeBanner
from fwdesk.ui.widgets.elided_label import ElidedLabel
from fwdesk.ui.widgets.notice_bar import NoticeBar

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QSystemTrayIcon

    from fwdesk.core.catalog import CatalogProduct
    from fwdesk.core.store import Store
    from fwdesk.ui.tabs.catalog.tab import CatalogTab
    from fwdesk.ui.tabs.order.tab import OrderTab
    from fwdesk.ui.tabs.orders.tab import OrdersTab
    from fwdesk.ui.work.jobs import ApiService

log = logging.getLogger(__name__)

DEFAULT_SIZE = (1180, 760)
CATALOG, ORDER, ORDERS = range(3)
TAB_TITLES = ("&Catalogue", "&New order", "&Orders")


class MainWindow(QMainWindow):
    def __init__(
        self,
        paths: AppPaths,
        settings_file: SettingsFile,
        credentials: CredentialStore,
        forced: Connection | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("fwdesk")
        self.paths = paths
        self.settings_file = settings_file
        self.settings = settings_file.load()
        self.credentials = credentials
        self._error_stays = False
        self._closed = False
        self._parts: dict[int, QWidget] = {}
        """The tabs built so far, by index; the others are placeholders in the tab widget."""
        self._started: set[int] = set()
        self._to_start: list[int] | None = None
        """The tabs still to build and start once the window's own start has begun."""

        self.banner = ModeBanner()
        self.banner.connect_requested.connect(self.connect_account)
        self.tabs = QTabWidget(objectName="mainTabs")
        self.tabs.setDocumentMode(True)
        for title in TAB_TITLES:
            self.tabs.addTab(QWidget(), title)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        self.notices = NoticeBar()
        for message in self._startup_notices():
            self.notices.add(message)
        layout.addWidget(self.notices)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.connection_label = QLabel(objectName="connectionStatus")
        self.busy_label = QLabel(objectName="busyLabel")
        self.error_label = ElidedLabel(objectName="lastErrorLabel")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addWidget(self.connection_label, 1)
        self.statusBar().addPermanentWidget(self.error_label)
        self.statusBar().addPermanentWidget(self.busy_label)

        self.session = Session(paths, self.settings, credentials, forced, self)
        self.session.mode_shown.connect(self.banner.show_mode)
        self.session.status.connect(self._connection_status)
        self.session.problem.connect(self._note_error)
        self.session.notice.connect(self.notices.add)
        self.service.job_failed.connect(self._job_failed)
        self.service.activity.connect(self._activity)
        self.session.announce()
        self.tray: QSystemTrayIcon | None = None
        self._build_menus()
        self._restore_layout()
        self._built(self.tabs.currentIndex())
        self._tab_actions_follow(self.tabs.currentIndex())
        self.tabs.currentChanged.connect(self._tab_changed)
        AfterFirstPaint(self, self._start)

    # -- the tabs -------------------------------------------------------------------------

    @property
    def catalog(self) -> CatalogTab:
        return self._tab(CATALOG)

    @property
    def order(self) -> OrderTab:
        return self._tab(ORDER)

    @property
    def orders(self) -> OrdersTab:
        return self._tab(ORDERS)

    def _tab(self, index: int) -> QWidget:
        """The tab, built and started (asking for one starts the window's own work too)."""
        self._start(all_at_once=True)
        part = self._built(index)
        if index not in self._started:
            self._started.add(index)
            self._first_work(index, part)
        return part

    def _built(self, index: int) -> QWidget:
        """The tab, built and in its place (its start may be still to come)."""
        part = self._parts.get(index)
        if part is None:
            part = self._parts[index] = self._build(index)
            placeholder, title = self.tabs.widget(index), self.tabs.tabText(index)
            current = self.tabs.currentIndex()
            with QSignalBlocker(self.tabs):
                self.tabs.removeTab(index)
                self.tabs.insertTab(index, part, title)
                self.tabs.setCurrentIndex(current)
            placeholder.deleteLater()
        return part

    def _build(self, index: int) -> QWidget:
        if index == CATALOG:
            return self._build_catalog()
        if index == ORDER:
            return self._build_order()
        return self._build_orders()

    @staticmethod
    def _first_work(index: int, part: QWidget) -> None:
        """What each tab does first: open the cached catalogue (downloading one when there is
        none), list the orders staged on FinerWorks, show the orders known locally and then
        refresh them."""
        if index == CATALOG:
            part.load_cache()
        elif index == ORDER:
            part.list_pending()
        else:
            part.load_local()
            part.refresh()

    def _build_catalog(self) -> QWidget:
        from fwdesk.ui.tabs.catalog.tab import CatalogTab
        from fwdesk.ui.tabs.catalog.thumbnails import Thumbnails

        self.thumbnails = Thumbnails(self.service, self.paths.cache / "thumbnails", self)
        tab = CatalogTab(self.service, self.store, self.thumbnails)
        tab.add_to_order.connect(self._add_to_order)
        self.session.switched.connect(self.thumbnails.use_source)
        self.session.switched.connect(tab.use_source)
        return tab

    def _build_order(self) -> QWidget:
        from fwdesk.ui.tabs.order.tab import OrderTab

        tab = OrderTab(
            self.service,
            self.store,
            self.session.sender,
            self.session.mode_text,
            prefix=self.settings.po_prefix,
        )
        self._default_shipping(tab)
        tab.import_requested.connect(self.import_csv)
        self.session.switched.connect(tab.use_source)
        return tab

    def _build_orders(self) -> QWidget:
        """Orders placed before this tab existed are in the local history it loads first."""
        from fwdesk.ui.tabs.orders.tab import OrdersTab

        tab = OrdersTab(
            self.service,
            self.store,
            refresh_minutes=self.settings.orders_refresh_minutes,
            prefix=self.settings.po_prefix,
        )
        tab.reorder_requested.connect(self._open_reorder)
        tab.unseen_changed.connect(self._orders_badge)
        tab.notify.connect(self._notify)
        self.session.sender.placed.connect(tab.record_placed)
        self.session.switched.connect(tab.use_source)
        return tab

    def _start(self, *, all_at_once: bool = False) -> None:
        """The window's start-up work, once: the connection check, the settling of interrupted
        sends and the tab in view, then the Catalogue and Orders tabs in a turn of the event
        loop each, so the window stays responsive.

        It runs at the first paint, or as soon as a tab is asked for; a window asked for a
        tab before it was painted is driven from code (the tests, the smoke test) and gets all
        of it at once, the New order tab too."""
        if self._closed or self._to_start is not None:
            return
        current = self.tabs.currentIndex()
        later = range(len(TAB_TITLES)) if all_at_once else (CATALOG, ORDERS)
        self._to_start = [i for i in later if i != current]
        self.session.start()
        self.session.switched.connect(self._recover_sends)
        self._recover_sends()
        self._tab(current)
        if all_at_once:
            while self._to_start:
                self._tab(self._to_start.pop(0))
        else:
            QTimer.singleShot(0, self, self._start_next)

    @Slot()
    def _recover_sends(self) -> None:
        self.session.sender.recover()

    @Slot()
    def _start_next(self) -> None:
        if self._closed or not self._to_start:
            return
        self._tab(self._to_start.pop(0))
        if self._to_start:
            QTimer.singleShot(0, self, self._start_next)

    @property
    def service(self) -> ApiService:
        return self.session.service

    @property
    def store(self) -> Store:
        return self.session.store

    @property
    def connection(self) -> Connection:
        return self.session.connection

    @property
    def account_name(self) -> str:
        return self.session.account_name

    def _mode_text(self) -> str:
        return self.session.mode_text()

    # -- menus ----------------------------------------------------------------------------

    def _build_menus(self) -> None:
        """Alt+F, Alt+A and Alt+H open the menus, so no widget of the window takes those
        letters for its own mnemonic (tests/ui/test_shortcuts.py holds that)."""
        file_menu = self.menuBar().addMenu("&File")
        self.new_order_action = add_action(
            self, file_menu, "&New order", "newOrderAction", QKeySequence.StandardKey.New
        )
        self.new_order_action.triggered.connect(self.new_order)
        file_menu.addSeparator()
        self.import_action = add_action(
            self, file_menu, "&Import orders…", "importCsvAction", "Ctrl+I"
        )
        self.template_action = add_action(
            self, file_menu, "Save import &template…", "saveTemplateAction"
        )
        self.export_action = add_action(
            self, file_menu, "&Export orders…", "exportOrdersAction", "Ctrl+E"
        )
        self.import_action.triggered.connect(self.import_csv)
        self.template_action.triggered.connect(self.save_import_template)
        self.export_action.triggered.connect(self._export_orders)
        file_menu.addSeparator()
        preferences = add_action(self, file_menu, "&Preferences…", "preferencesAction", "Ctrl+,")
        preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        preferences.triggered.connect(self.open_preferences)
        file_menu.addSeparator()
        quit_action = add_action(
            self, file_menu, "&Quit", "quitAction", QKeySequence.StandardKey.Quit
        )
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)

        self.accounts = AccountsMenu(self, self.session, self.settings, self.credentials)
        self.accounts.chosen.connect(self.use_connection)
        self.accounts.problem.connect(self._note_error)
        self.accounts.changed.connect(self._save_settings)
        self.accounts.preferences_saved.connect(self._requote)
        self.switch_menu = self.accounts.switch_menu

        help_menu = self.menuBar().addMenu("&Help")
        guide = add_action(
            self,
            help_menu,
            "&Getting started",
            "gettingStartedAction",
            QKeySequence.StandardKey.HelpContents,
        )
        guide.triggered.connect(self.show_getting_started)
        keys = add_action(self, help_menu, "&Keyboard shortcuts", "shortcutsAction", "Ctrl+/")
        keys.triggered.connect(self.show_shortcuts)
        support = add_action(self, help_menu, "FinerWorks &support", "supportAction")
        support.triggered.connect(self.open_support)
        help_menu.addSeparator()
        logs = add_action(self, help_menu, "Open &log folder", "openLogsAction")
        logs.triggered.connect(self.open_log_folder)
        about = add_action(self, help_menu, "&About fwdesk", "aboutAction")
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self.show_about)
        self._build_tab_actions()

    def _build_tab_actions(self) -> None:
        """Shortcuts for the tab in view, in no menu (the shortcuts list shows them). Each is
        enabled only where it does something, so elsewhere the keys reach the widgets."""
        for index, title in enumerate(TAB_TITLES):
            jump = QAction(f"Show the {title.replace('&', '')} tab", self)
            jump.setObjectName(f"showTab{index + 1}Action")
            jump.setShortcut(f"Ctrl+{index + 1}")
            jump.triggered.connect(lambda _checked=False, i=index: self.tabs.setCurrentIndex(i))
            self.addAction(jump)
        self.validate_action = self._window_action(
            "Validate the order (New order tab)", "validateOrderAction", "Ctrl+Return"
        )
        self.validate_action.triggered.connect(self._validate_order)
        self.submit_action = self._window_action(
            "Submit the order… (New order tab)", "submitOrderAction", "Ctrl+Shift+Return"
        )
        self.submit_action.triggered.connect(self._submit_order)
        self.refresh_action = self._window_action(
            "Refresh the tab in view", "refreshTabAction", "F5"
        )
        self.refresh_action.triggered.connect(self._refresh_tab)
        self.search_action = self._window_action(
            "Search the tab in view", "searchTabAction", QKeySequence.StandardKey.Find
        )
        self.search_action.triggered.connect(self._search_tab)

    def _window_action(
        self, text: str, name: str, shortcut: str | QKeySequence.StandardKey
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        keys = QKeySequence(shortcut)
        if isinstance(shortcut, str) and shortcut.endswith("+Return"):
            # the keypad's Enter too, which is a key of its own to Qt
            action.setShortcuts([keys, QKeySequence(shortcut.replace("Return", "Enter"))])
        else:
            action.setShortcut(keys)
        self.addAction(action)
        return action

    def _tab_actions_follow(self, index: int) -> None:
        self.validate_action.setEnabled(index == ORDER)
        self.submit_action.setEnabled(index == ORDER)
        self.search_action.setEnabled(index in (CATALOG, ORDERS))

    @Slot()
    def new_order(self) -> None:
        """Ctrl+N: a blank form on the New order tab (the order typed before is saved)."""
        self.tabs.setCurrentIndex(ORDER)
        self.order.new_draft()

    @Slot()
    def _validate_order(self) -> None:
        """As the tab's Validate button, and only when it could be clicked (a placed order
        cannot be validated)."""
        order = self.order
        if order.validate_button.isEnabled():
            order.validate()

    @Slot()
    def _submit_order(self) -> None:
        """As the tab's Submit button: the same question comes before anything is sent."""
        order = self.order
        if order.submit_button.isEnabled():
            order.submit()

    @Slot()
    def _refresh_tab(self) -> None:
        """F5: the catalogue downloaded again, the orders asked for again, or on the New order
        tab the orders staged on FinerWorks listed again."""
        index = self.tabs.currentIndex()
        if index == CATALOG:
            self.catalog.refresh()
        elif index == ORDERS:
            self.orders.refresh()
        else:
            self.order.list_pending()

    @Slot()
    def _search_tab(self) -> None:
        index = self.tabs.currentIndex()
        box = self.catalog.search if index == CATALOG else self.orders.search
        box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        box.selectAll()

    # -- connections ----------------------------------------------------------------------

    def switch_account(self, name: str | None) -> None:
        self.accounts.switch_account(name)

    @Slot()
    def disconnect_account(self) -> None:
        self.accounts.switch_account(None)

    @Slot()
    def connect_account(self, name: str | None = None) -> None:
        self.accounts.connect_account(name)

    def use_connection(self, chosen: Connection) -> None:
        if not self._may_leave_draft("Switch anyway"):
            return
        self._error_stays = False  # whatever kept the old connection from working is behind us
        self._save_settings()
        self.accounts.rebuild()
        self.session.use(chosen)

    @Slot()
    def import_csv(self) -> None:
        from fwdesk.ui.dialogs.import_dialog import ImportDialog

        order = self.order
        dialog = ImportDialog(
            self.service,
            self.store,
            self.session.sender,
            order.po_prefix,
            self.session.mode_text,
            self,
        )
        dialog.exec()
        dialog.deleteLater()  # its file, plan and preview go with it; a send stops between batches
        order.refresh_list()

    @Slot()
    def save_import_template(self, path: Path | None = None) -> None:
        """FinerWorks' own spreadsheet layout with one example row (.xlsx or CSV, as the name
        asks), for a shop whose orders are not in a store's export."""
        from PySide6.QtWidgets import QFileDialog

        from fwdesk.core.imports.template import save_template

        if path is None:
            name, _filter = QFileDialog.getSaveFileName(
                self,
                "Save import template",
                str(Path.home() / "fwdesk-orders-template.xlsx"),
                "Excel workbook (*.xlsx);;CSV (*.csv)",
            )
            if not name:
                return
            path = Path(name)
        try:
            save_template(path)
        except OSError as error:
            self._note_error(f"The template was not saved: {explain(error)}")
            return
        self.statusBar().showMessage(f"Template saved as {path}", 8000)

    @Slot()
    def _export_orders(self) -> None:
        self.orders.export()

    @Slot()
    def _requote(self) -> None:
        """New shipping preferences: the order on the form is quoted again (a New order tab
        not built yet quotes with them anyway)."""
        order = self._parts.get(ORDER)
        if order is not None:
            order.requote()

    @Slot(int)
    def _orders_badge(self, unseen: int) -> None:
        title = TAB_TITLES[ORDERS]
        self.tabs.setTabText(ORDERS, f"{title} ({unseen})" if unseen else title)

    @Slot(int)
    def _tab_changed(self, index: int) -> None:
        """A tab not built yet is built the moment it is chosen."""
        part = self._tab(index)
        self._tab_actions_follow(index)
        if index == ORDERS:
            part.mark_seen()

    @Slot(str, str)
    def _notify(self, title: str, text: str) -> None:
        """A desktop notification where the desktop has a tray and the shop wants them; the
        tab's count otherwise."""
        from PySide6.QtWidgets import QSystemTrayIcon

        if not self.settings.notifications or not QSystemTrayIcon.isSystemTrayAvailable():
            return
        if self.tray is None:
            self.tray = QSystemTrayIcon(self.windowIcon(), self)
            self.tray.show()
        self.tray.showMessage(title, text)

    @Slot(int)
    def _open_reorder(self, draft_id: int) -> None:
        """Reorder made a draft from a placed order: it opens in the New order tab."""
        self.tabs.setCurrentWidget(self.order)
        self.order.open_draft(draft_id)

    @Slot(object, int, object)
    def _add_to_order(self, product: CatalogProduct, quantity: int, framing: object) -> None:
        """`framing` is the catalogue's Framing, or None for the print alone."""
        self.order.add_item(product, quantity, framing)
        self.tabs.setCurrentWidget(self.order)

    def _startup_notices(self) -> list[str]:
        """The folders and the settings file the start found unusable (each already logged
        with its reason); the account's database tells its own through the session."""
        found = [
            f"fwdesk cannot write to {folder} ({why}). For this session it uses {spare} "
            "instead; check the folder's permissions, or that the disk is attached."
            for folder, spare, why in self.paths.stand_ins
        ]
        if self.settings_file.damage is not None:
            found.append(self.settings_file.damage.message)
        return found

    @Slot(str)
    def _connection_status(self, text: str) -> None:
        self.connection_label.setText(text)
        if text.startswith("Connected") and not self._error_stays:
            self.error_label.clear()

    # -- status and help ------------------------------------------------------------------

    @Slot(str, str)
    def _job_failed(self, name: str, message: str) -> None:
        self._note_error(message)

    @Slot(str, bool)
    def _note_error(self, message: str, stays: bool = False) -> None:
        """The latest problem, in the status bar. One that `stays` is not cleared when the
        connection then works: demo mode working does not fix a missing keychain."""
        self._error_stays = stays
        stamp = time.strftime("%H:%M")
        self.error_label.set_full_text(f"{stamp} — {message}")
        log.warning("%s", message)

    @Slot(int)
    def _activity(self, pending: int) -> None:
        self.busy_label.setText("Working…" if pending else "")

    @Slot()
    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            "About fwdesk",
            f"<h3>fwdesk {__version__}</h3>"
            "<p>Place and follow FinerWorks print-on-demand orders from your desktop.</p>"
            f"<p>Connected to: {self.connection.description}<br>"
            f"Keychain: {backend_name()}<br>Logs: {self.paths.logs}</p>",
        )

    @Slot()
    def show_getting_started(self) -> None:
        from fwdesk.ui.dialogs.getting_started import GettingStartedDialog

        dialog = GettingStartedDialog(self)
        dialog.exec()
        dialog.deleteLater()

    @Slot()
    def show_shortcuts(self) -> None:
        """Listed from the window's actions as they are now, so the list cannot drift from
        the keys that work."""
        from fwdesk.ui.dialogs.shortcuts import ShortcutsDialog, menu_rows, shortcut_rows

        rows = menu_rows(self.menuBar().actions()) + shortcut_rows(self.findChildren(QAction))
        dialog = ShortcutsDialog(rows, self)
        dialog.exec()
        dialog.deleteLater()

    @Slot()
    def open_support(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        from fwdesk.ui.dialogs.getting_started import SUPPORT_URL

        QDesktopServices.openUrl(QUrl(SUPPORT_URL))

    @Slot()
    def open_log_folder(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.paths.logs)))

    # -- preferences ----------------------------------------------------------------------

    @Slot()
    def open_preferences(self) -> None:
        from fwdesk.ui.dialogs.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self)
        if dialog.exec():
            self._save_settings()
            self._apply_preferences()
        dialog.deleteLater()

    def _apply_preferences(self) -> None:
        """The tabs built so far take the new preferences at once; the others are built with
        them. The Orders tab asks FinerWorks straight away, and its next refreshes follow
        the new interval from there."""
        order = self._parts.get(ORDER)
        if order is not None:
            order.po_prefix = self.settings.po_prefix
            self._default_shipping(order)
        orders = self._parts.get(ORDERS)
        if orders is not None:
            orders.po_prefix = self.settings.po_prefix
        wanted_ms = self.settings.orders_refresh_minutes * 60_000
        if orders is not None and orders.refresh_ms != wanted_ms:
            orders.refresh_ms = wanted_ms
            orders.refresh()

    def _default_shipping(self, order: OrderTab) -> None:
        """The shipping method new drafts start with (Preferences)."""
        order.default_shipping = self.settings.default_shipping

    # -- window state ---------------------------------------------------------------------

    def _restore_layout(self) -> None:
        restored = False
        if self.settings.window_geometry:
            restored = self.restoreGeometry(
                QByteArray.fromBase64(self.settings.window_geometry.encode())
            )
        if not restored:
            self.resize(*DEFAULT_SIZE)
            screen = QApplication.primaryScreen()
            if screen is not None:
                frame = self.frameGeometry()
                frame.moveCenter(screen.availableGeometry().center())
                self.move(frame.topLeft())
        self.tabs.setCurrentIndex(min(max(self.settings.current_tab, 0), len(TAB_TITLES) - 1))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_leave_draft("Quit anyway"):
            event.ignore()
            return
        self.settings.window_geometry = bytes(self.saveGeometry().toBase64()).decode()
        self.settings.current_tab = self.tabs.currentIndex()
        self._save_settings()
        self._closed = True
        if self.service.shutdown():
            self.store.close_all()
        event.accept()

    def _may_leave_draft(self, leave: str) -> bool:
        """True when the order being typed is on disk, or the user chose to give it up.

        It is only ever off disk when the disk refused it (full); then the user decides."""
        from PySide6.QtWidgets import QMessageBox

        order = self._parts.get(ORDER)
        if order is None or order.save_now():
            return True
        self.tabs.setCurrentWidget(order)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Order not saved",
            "The order on the New order tab could not be saved: "
            f"{order.save_problem.text()}\n\nFree some disk space and keep the window "
            "open, or leave and lose what was typed since the last save.",
            parent=self,
        )
        box.setObjectName("unsavedDraftBox")
        stay = box.addButton("Keep it open", QMessageBox.ButtonRole.RejectRole)
        box.addButton(leave, QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(stay)
        box.exec()
        return box.clickedButton() is not stay

    def _save_settings(self) -> None:
        """Settings (accounts, window layout) are small; a failed write is reported, and the
        settings in memory hold for this session."""
        try:
            self.settings_file.save(self.settings)
        except OSError as error:
            self._note_error(f"Settings not saved: {explain(error)}")
