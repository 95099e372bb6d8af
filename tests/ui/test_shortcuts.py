"""The window's keyboard shortcuts, pressed as keys (not triggered from code): a new order,
Validate and Submit on the New order tab, refresh and search on the tab in view; the menus'
Alt letters free of any widget's mnemonic; and the list of shortcuts under Help."""

from __future__ import annotations

import re
import uuid

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel
from sample_orders import PORTLAND
from window_checks import JobLog, SendAnswers

from fwdesk.core.drafts import DraftItem
from fwdesk.ui.dialogs.shortcuts import ShortcutsDialog
from fwdesk.ui.main_window import CATALOG, ORDER, ORDERS

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
MENU_LETTERS = set("FAH")


@pytest.fixture
def desk(open_window, sandbox, qtbot, monkeypatch):
    """A window in view and active (shortcuts go to the active window only), on the shared
    sandbox with a PO prefix of its own."""
    window = open_window("--sandbox-url", sandbox.url)
    window.order.po_prefix = f"K{uuid.uuid4().hex[:6].upper()}-"
    window.answers = SendAnswers(send=False).install(monkeypatch)
    window.jobs = JobLog().install(monkeypatch)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    with sandbox.client() as api:
        window.sku = api.list_virtual_inventory(per_page=1).items[0].sku
    return window


def press(window, key: Qt.Key, modifiers=CTRL) -> None:
    """A key as the keyboard sends it: to the widget with the focus."""
    QTest.keyClick(QApplication.focusWidget() or window, key, modifiers)


def fill(window, qtbot) -> None:
    order = window.order
    order.recipient.set_address(PORTLAND)
    order._edited()
    order.items.add_item(DraftItem(window.sku, 1, "Heron at Dusk"))
    qtbot.waitUntil(lambda: order.quote.table.rowCount() > 0, timeout=10000)


def test_ctrl_n_keeps_the_order_typed_and_opens_a_blank_one(desk, qtbot):
    order = desk.order
    desk.tabs.setCurrentIndex(ORDER)
    order.recipient.set_address(PORTLAND)
    order._edited()
    typed = order.draft
    desk.tabs.setCurrentIndex(CATALOG)
    press(desk, Qt.Key.Key_N)
    assert desk.tabs.currentIndex() == ORDER
    assert order.draft is None and order.po_edit.text() == ""
    assert order.session.drafts.get(typed.id).recipient.city == PORTLAND.city


def test_ctrl_return_validates_and_ctrl_shift_return_asks_before_sending(desk, qtbot, sandbox):
    order = desk.order
    desk.tabs.setCurrentIndex(ORDER)
    fill(desk, qtbot)
    order.recipient.first_name.setFocus()
    press(desk, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "found no problems" in order.result.text(), timeout=10000)

    order.recipient.first_name.setFocus()
    press(desk, Qt.Key.Key_Return, CTRL | SHIFT)
    qtbot.waitUntil(lambda: len(desk.answers.asked) == 1, timeout=10000)
    assert order.draft.order_po in desk.answers.asked[0].summary
    qtbot.waitUntil(lambda: not order.submission.busy, timeout=5000)
    placed = [o for o in sandbox.server_orders() if o["order_po"] == order.draft.order_po]
    assert placed == [], "the shop said no: nothing is sent"


def test_validate_and_submit_keys_do_nothing_off_the_new_order_tab(desk, qtbot):
    order = desk.order
    desk.tabs.setCurrentIndex(ORDER)
    fill(desk, qtbot)
    desk.tabs.setCurrentIndex(ORDERS)
    desk.orders.search.setFocus()
    press(desk, Qt.Key.Key_Return)
    press(desk, Qt.Key.Key_Return, CTRL | SHIFT)
    assert desk.jobs.named("validate order") == [] and desk.answers.asked == []
    assert order.result.text() == ""


def test_f5_refreshes_the_tab_in_view(desk, qtbot):
    idle = {
        ORDERS: lambda: not desk.orders.refreshing,
        CATALOG: lambda: not desk.catalog.refreshing,  # the first download, without a cache
        ORDER: lambda: desk.jobs.all_over("pending orders"),
    }
    for index, job in (
        (ORDERS, "orders refresh"),
        (CATALOG, "catalogue refresh"),
        (ORDER, "pending orders"),
    ):
        desk.tabs.setCurrentIndex(index)
        qtbot.waitUntil(idle[index], timeout=30000)
        before = len(desk.jobs.named(job))
        press(desk, Qt.Key.Key_F5, Qt.KeyboardModifier.NoModifier)
        assert len(desk.jobs.named(job)) == before + 1, job
        qtbot.waitUntil(idle[index], timeout=30000)


def test_ctrl_f_puts_the_cursor_in_the_search_box_of_the_tab_in_view(desk, qtbot):
    for index, box in ((CATALOG, desk.catalog.search), (ORDERS, desk.orders.search)):
        desk.tabs.setCurrentIndex(index)
        box.setText("heron")
        desk.tabs.setFocus()
        press(desk, Qt.Key.Key_F)
        assert QApplication.focusWidget() is box
        assert box.selectedText() == "heron", "typing replaces the last search"


def mnemonics(window) -> list[tuple[str, str]]:
    """(letter, text) of the mnemonic of every button and labelled field of the window, in
    every tab, shown or not (a hidden one shows later)."""
    found = []
    for widget in [*window.findChildren(QLabel), *window.findChildren(QAbstractButton)]:
        if widget.window() is not window:
            continue
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue
        for letter in re.findall(r"&([^&\s])", widget.text().replace("&&", "")):
            found.append((letter.upper(), widget.text()))
    tab_bar = window.tabs.tabBar()
    for index in range(tab_bar.count()):
        for letter in re.findall(r"&(\w)", tab_bar.tabText(index)):
            found.append((letter.upper(), tab_bar.tabText(index)))
    return found


def test_no_widget_of_the_window_takes_a_menu_letter(desk):
    built = [desk.catalog, desk.order, desk.orders]
    assert [desk.tabs.widget(i) for i in range(3)] == built, "every tab, with all it makes"
    menus = {a.text() for a in desk.menuBar().actions()}
    assert menus == {"&File", "&Account", "&Help"}
    taken = [(letter, text) for letter, text in mnemonics(desk) if letter in MENU_LETTERS]
    assert taken == []


def shown_shortcuts(window, monkeypatch) -> dict[str, str]:
    """What Help > Keyboard shortcuts lists: keys → what they do."""
    opened = []
    monkeypatch.setattr(ShortcutsDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    window.findChild(QAction, "shortcutsAction").trigger()
    [dialog] = opened
    table = dialog.table
    return {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}


def test_the_shortcuts_list_shows_every_key_the_window_answers_to(desk, monkeypatch):
    listed = shown_shortcuts(desk, monkeypatch)
    native = QKeySequence.SequenceFormat.NativeText
    for action in desk.findChildren(QAction):
        for keys in action.shortcuts():
            assert any(keys.toString(native) in shown for shown in listed), action.text()
    assert listed[QKeySequence("Ctrl+N").toString(native)] == "New order"
    assert (
        "Validate the order"
        in listed[
            ", ".join(QKeySequence(k).toString(native) for k in ("Ctrl+Return", "Ctrl+Enter"))
        ]
    )
    assert listed["F5"] == "Refresh the tab in view"
    for menu in ("File", "Account", "Help"):
        assert listed[f"Alt+{menu[0]}"] == f"Open the {menu} menu"

    added = QAction("Print the quote", desk)
    added.setShortcut("Ctrl+P")
    desk.addAction(added)
    assert shown_shortcuts(desk, monkeypatch)[QKeySequence("Ctrl+P").toString(native)] == (
        "Print the quote"
    ), "the list follows the actions"
