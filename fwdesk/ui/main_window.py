"""The main window: mode banner, the three tabs, menus, status bar, and the active connection."""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QByteArray, Qt, QUrl, Slot
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSystemTrayIcon,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fwdesk import __version__
from fwdesk.connection import Connection
from fwdesk.core.catalog import CatalogProduct
from fwdesk.core.credentials import CredentialStore, backend_name
from fwdesk.core.messages import explain
from fwdesk.core.paths import AppPaths
from fwdesk.core.settings import SettingsFile
from fwdesk.core.store import Store
from fwdesk.ui.accounts_menu import AccountsMenu, add_action
from fwdesk.ui.dialogs.import_dialog import ImportDialog
from fwdesk.ui.session import Session
from fwdesk.ui.tabs.catalog.tab import CatalogTab
from fwdesk.ui.tabs.catalog.thumbnails import Thumbnails
from fwdesk.ui.tabs.order.tab import OrderTab
from fwdesk.ui.tabs.orders.tab import OrdersTab
from fwdesk.ui.widgets.banner import ModeBanner
from fwdesk.ui.work.jobs import ApiService

log = logging.getLogger(__name__)

DEFAULT_SIZE = (1180, 760)
STATUS_CHARS = 90
"""A longer message is cut in the status bar (it would push the window wider); its tooltip
holds all of it."""


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

        self.banner = ModeBanner()
        self.banner.connect_requested.connect(self.connect_account)
        self.tabs = QTabWidget(objectName="mainTabs")
        self.tabs.setDocumentMode(True)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.connection_label = QLabel(objectName="connectionStatus")
        self.busy_label = QLabel(objectName="busyLabel")
        self.error_label = QLabel(objectName="lastErrorLabel")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addWidget(self.connection_label, 1)
        self.statusBar().addPermanentWidget(self.error_label)
        self.statusBar().addPermanentWidget(self.busy_label)

        self.session = Session(paths, self.settings, credentials, forced, self)
        self.session.mode_shown.connect(self.banner.show_mode)
        self.session.status.connect(self._connection_status)
        self.session.problem.connect(self._note_error)
        self.service.job_failed.connect(self._job_failed)
        self.service.activity.connect(self._activity)
        store = self.session.store
        self.thumbnails = Thumbnails(self.service, paths.cache / "thumbnails", self)
        self.catalog = CatalogTab(self.service, store, self.thumbnails)
        self.catalog.add_to_order.connect(self._add_to_order)
        self.order = OrderTab(
            self.service,
            store,
            self.session.sender,
            self.session.mode_text,
            prefix=self.settings.po_prefix,
        )
        self.order.import_requested.connect(self.import_csv)
        self.orders = OrdersTab(
            self.service, store, refresh_minutes=self.settings.orders_refresh_minutes
        )
        self.tabs.addTab(self.catalog, "&Catalogue")
        self.tabs.addTab(self.order, "&New order")
        self.tabs.addTab(self.orders, "&Orders")
        self.orders.unseen_changed.connect(self._orders_badge)
        self.orders.notify.connect(self._notify)
        self.session.sender.placed.connect(self.orders.record_placed)
        for part in (self.thumbnails, self.catalog, self.order, self.orders):
            self.session.switched.connect(part.use_source)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.tray: QSystemTrayIcon | None = None
        self._build_menus()
        self._restore_layout()
        self.session.start()
        self.catalog.load_cache()
        self.order.recover()
        self.orders.load_local()
        self.orders.refresh()

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
        file_menu = self.menuBar().addMenu("&File")
        self.import_action = add_action(
            self, file_menu, "&Import orders from CSV…", "importCsvAction", "Ctrl+I"
        )
        self.export_action = add_action(
            self, file_menu, "&Export orders…", "exportOrdersAction", "Ctrl+E"
        )
        self.import_action.triggered.connect(self.import_csv)
        self.export_action.triggered.connect(self.orders.export)
        file_menu.addSeparator()
        quit_action = add_action(
            self, file_menu, "&Quit", "quitAction", QKeySequence.StandardKey.Quit
        )
        quit_action.triggered.connect(self.close)

        self.accounts = AccountsMenu(self, self.session, self.settings, self.credentials)
        self.accounts.chosen.connect(self.use_connection)
        self.accounts.problem.connect(self._note_error)
        self.accounts.changed.connect(self._save_settings)
        self.accounts.preferences_saved.connect(self.order.requote)
        self.switch_menu = self.accounts.switch_menu

        help_menu = self.menuBar().addMenu("&Help")
        about = add_action(
            self, help_menu, "&About fwdesk", "aboutAction", QKeySequence.StandardKey.HelpContents
        )
        about.triggered.connect(self.show_about)
        logs = add_action(self, help_menu, "Open &log folder", "openLogsAction")
        logs.triggered.connect(self.open_log_folder)

        for index in range(self.tabs.count()):
            jump = QAction(self)
            jump.setShortcut(f"Ctrl+{index + 1}")
            jump.triggered.connect(lambda _checked=False, i=index: self.tabs.setCurrentIndex(i))
            self.addAction(jump)

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
        dialog = ImportDialog(
            self.service,
            self.store,
            self.session.sender,
            self.order.po_prefix,
            self.session.mode_text,
            self,
        )
        dialog.exec()
        self.order.refresh_list()

    @Slot(int)
    def _orders_badge(self, unseen: int) -> None:
        index = self.tabs.indexOf(self.orders)
        self.tabs.setTabText(index, f"&Orders ({unseen})" if unseen else "&Orders")

    @Slot(int)
    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.orders:
            self.orders.mark_seen()

    @Slot(str, str)
    def _notify(self, title: str, text: str) -> None:
        """A desktop notification where the desktop has a tray; the tab's count otherwise."""
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        if self.tray is None:
            self.tray = QSystemTrayIcon(self.windowIcon(), self)
            self.tray.show()
        self.tray.showMessage(title, text)

    @Slot(object, int)
    def _add_to_order(self, product: CatalogProduct, quantity: int) -> None:
        self.order.add_item(product, quantity)
        self.tabs.setCurrentWidget(self.order)

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
        shown = message if len(message) <= STATUS_CHARS else message[: STATUS_CHARS - 1] + "…"
        self.error_label.setText(f"{stamp} — {shown}")
        self.error_label.setToolTip(message)
        log.warning("%s", message)

    @Slot(int)
    def _activity(self, pending: int) -> None:
        self.busy_label.setText("Working…" if pending else "")

    @Slot()
    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "About fwdesk",
            f"<h3>fwdesk {__version__}</h3>"
            "<p>Place and follow FinerWorks print-on-demand orders from your desktop.</p>"
            f"<p>Connected to: {self.connection.description}<br>"
            f"Keychain: {backend_name()}<br>Logs: {self.paths.logs}</p>",
        )

    @Slot()
    def open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.paths.logs)))

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
        self.tabs.setCurrentIndex(min(max(self.settings.current_tab, 0), self.tabs.count() - 1))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_leave_draft("Quit anyway"):
            event.ignore()
            return
        self.settings.window_geometry = bytes(self.saveGeometry().toBase64()).decode()
        self.settings.current_tab = self.tabs.currentIndex()
        self._save_settings()
        self.service.shutdown()
        event.accept()

    def _may_leave_draft(self, leave: str) -> bool:
        """True when the order being typed is on disk, or the user chose to give it up.

        It is only ever off disk when the disk refused it (full); then the user decides."""
        if self.order.save_now():
            return True
        self.tabs.setCurrentWidget(self.order)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Order not saved",
            "The order on the New order tab could not be saved: "
            f"{self.order.save_problem.text()}\n\nFree some disk space and keep the window "
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
