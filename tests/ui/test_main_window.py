"""The main window in demo mode: tabs, banner, menus, status bar, and remembered layout."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QPushButton, QTabWidget
from window_checks import connected

from fwdesk.core.accounts import Mode


def test_demo_window_has_tabs_banner_and_connects(open_window, qtbot):
    window = open_window("--demo")
    assert window.windowTitle() == "fwdesk"
    tabs = window.findChild(QTabWidget, "mainTabs")
    assert [tabs.tabText(i).replace("&", "") for i in range(tabs.count())] == [
        "Catalogue",
        "New order",
        "Orders",
    ]
    banner = window.banner
    assert banner.objectName() == "modeBanner" and banner.mode is Mode.DEMO
    assert banner.title.text() == "DEMO"
    assert "Nothing is printed, shipped or billed" in banner.detail.text()
    assert window.findChild(QPushButton, "connectAccountButton").isVisibleTo(window)
    qtbot.waitUntil(lambda: connected(window), timeout=5000)
    assert window.connection_label.text() == ("Connected to Built-in FinerWorks simulator as demo")


def test_menus_have_keyboard_shortcuts(open_window):
    window = open_window("--demo")
    menus = {m.title().replace("&", ""): m for m in (a.menu() for a in window.menuBar().actions())}
    assert list(menus) == ["File", "Account", "Help"]
    texts = {a.objectName(): a for m in menus.values() for a in m.actions() if a.objectName()}
    assert texts["quitAction"].shortcut() == QKeySequence(QKeySequence.StandardKey.Quit)
    assert texts["importCsvAction"].shortcut().toString() == "Ctrl+I"
    assert texts["connectAccountAction"].shortcut().toString() == "Ctrl+Shift+C"
    assert {"manageAccountsAction", "disconnectAction", "aboutAction", "openLogsAction"} <= set(
        texts
    )


def test_ctrl_number_actions_switch_tabs(open_window):
    window = open_window("--demo")
    jumps = {a.shortcut().toString(): a for a in window.actions()}
    jumps["Ctrl+3"].trigger()
    assert window.tabs.currentIndex() == 2
    jumps["Ctrl+2"].trigger()
    assert window.tabs.currentIndex() == 1


def test_geometry_and_tab_are_restored(open_window, qtbot):
    screen = QApplication.primaryScreen().availableGeometry()
    size = (min(1000, screen.width() - 60), min(690, screen.height() - 60))
    first = open_window("--demo")
    first.resize(*size)
    first.tabs.setCurrentIndex(2)
    first.close()
    second = open_window("--demo")
    assert second.tabs.currentIndex() == 2
    assert (second.width(), second.height()) == size


def test_a_window_saved_on_a_larger_screen_fits_this_one(open_window, qtbot):
    screen = QApplication.primaryScreen().availableGeometry()
    first = open_window("--demo")
    first.resize(screen.width() + 400, screen.height() + 300)
    first.close()
    second = open_window("--demo")
    assert second.width() <= screen.width() and second.height() <= screen.height()


def test_api_errors_reach_the_status_bar(open_window, qtbot, caplog):
    window = open_window("--sandbox-url", "http://127.0.0.1:9/v3/")
    qtbot.waitUntil(lambda: window.error_label.full_text() != "", timeout=10000)
    assert "could not be reached" in window.error_label.full_text()
    assert any("could not be reached" in r.getMessage() for r in caplog.records)
    assert window.connection_label.text().startswith("Not connected")
