"""Help: the built-in guide, which names only menus that exist, and FinerWorks' support site,
opened in the browser from the guide and from the menu."""

from __future__ import annotations

import re

import pytest
from layout_checks import clipped
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence

from fwdesk.ui.dialogs.getting_started import SUPPORT_URL, GettingStartedDialog
from fwdesk.ui.dialogs.shortcuts import ShortcutsDialog, shortcut_rows


class Browser(QObject):
    """Stands in for the browser: the addresses the app asked the desktop to open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())


@pytest.fixture
def browser():
    receiver = Browser()
    QDesktopServices.setUrlHandler("https", receiver, "open")
    yield receiver
    QDesktopServices.unsetUrlHandler("https")


@pytest.fixture
def window(open_window):
    return open_window("--demo")


def guide_from_menu(window, monkeypatch) -> GettingStartedDialog:
    opened = []
    monkeypatch.setattr(GettingStartedDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    action = window.findChild(QAction, "gettingStartedAction")
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    action.trigger()
    [dialog] = opened
    return dialog


def test_the_guide_covers_a_first_day(window, monkeypatch):
    text = guide_from_menu(window, monkeypatch).text.toPlainText()
    for topic in ("demo mode", "Connect your FinerWorks account", "Place an order", "Import"):
        assert topic in text
    assert "Follow your orders" in text and SUPPORT_URL in text


def test_every_menu_the_guide_names_is_in_the_window(window, qtbot):
    menus = {
        menu.title().replace("&", ""): [a.text().replace("&", "") for a in menu.actions()]
        for menu in (action.menu() for action in window.menuBar().actions())
    }
    dialog = GettingStartedDialog(window)
    qtbot.addWidget(dialog)
    guide = " ".join(dialog.text.toPlainText().split())
    named = list(re.finditer(r"(File|Account|Help) > ", guide))
    assert len(named) >= 5
    for found in named:
        rest = guide[found.end() :]
        entries = [e for e in menus[found.group(1)] if e and rest.startswith(e)]
        assert entries, f"{found.group(1)} > {rest[:30]}"


def test_the_support_site_opens_from_the_guide_and_the_menu(window, browser, qtbot):
    dialog = GettingStartedDialog(window)
    qtbot.addWidget(dialog)
    dialog.support_button.click()
    window.findChild(QAction, "supportAction").trigger()
    assert browser.opened == [SUPPORT_URL, SUPPORT_URL]
    assert QUrl(SUPPORT_URL).host() == "support.finerworks.com"


def test_the_help_dialogs_fit_1024_by_700(window, qtbot):
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    for dialog in (
        GettingStartedDialog(window),
        ShortcutsDialog(shortcut_rows(window.findChildren(QAction)), window),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.width() <= 1024 and dialog.height() <= 700, dialog.objectName()
        assert clipped(dialog) == [], dialog.objectName()
        dialog.reject()
