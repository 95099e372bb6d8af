"""The New order tab as a shop uses it all day: by keyboard, with the mouse wheel passing over
its boxes, and with FinerWorks refusing a field and the shop fixing it."""

from __future__ import annotations

import re
import uuid
from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTabBar
from sample_orders import PORTLAND, TORONTO
from window_checks import SendAnswers

from fwdesk.core.drafts import DraftItem
from fwdesk.core.order_history import OrderHistory

MENU_LETTERS = set("FAH")


@pytest.fixture
def shop(open_window, sandbox, qtbot, monkeypatch):
    window = open_window("--sandbox-url", sandbox.url)
    window.order.po_prefix = f"K{uuid.uuid4().hex[:6].upper()}-"
    window.show()
    window.tabs.setCurrentWidget(window.order)
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    window.answers = SendAnswers().install(monkeypatch)
    with sandbox.client() as api:
        window.sku = api.list_virtual_inventory(per_page=1).items[0].sku
    return window


def wheel(widget, notches: int = -1) -> None:
    """One turn of the wheel over the middle of `widget`, as a mouse sends it."""
    where = QPointF(widget.rect().center())
    event = QWheelEvent(
        where,
        QPointF(widget.mapToGlobal(where.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_passing_over_a_box_scrolls_the_form_and_changes_nothing(shop, qtbot):
    order = shop.order
    order.recipient.set_address(PORTLAND)
    scroll = order.editor.verticalScrollBar()
    qtbot.waitUntil(lambda: scroll.maximum() > 0, timeout=5000)
    state, country = order.recipient.state, order.recipient.country
    before = (state.currentData(), country.currentData())
    order.items.sku.setFocus()
    for _ in range(3):
        wheel(state)
        wheel(country)
    assert (state.currentData(), country.currentData()) == before == ("OR", "US")
    assert scroll.value() > 0, "the form scrolled instead"
    state.setFocus()
    wheel(state)
    assert state.currentData() != "OR", "a box the shop is in still takes the wheel"


def test_tab_walks_the_whole_form_in_and_out_of_the_tables_to_submit(shop, qtbot):
    order = shop.order
    order.recipient.set_address(PORTLAND)
    order._edited()
    order.items.add_item(DraftItem(shop.sku, 1, "Heron"))
    qtbot.waitUntil(lambda: order.quote.table.rowCount() > 0, timeout=10000)
    order.recipient.first_name.setFocus()
    seen = []
    for _ in range(80):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
        if seen[-1] is order.submit_button:
            break
    names = [w.objectName() for w in seen]
    for wanted in ("itemsTable", "addSkuEdit", "addItemButton", "quoteTable", "validateButton"):
        assert wanted in names, f"Tab never reached {wanted}: {names}"
    assert names[-1] == "submitButton"
    assert names.count("itemsTable") == 1 and names.count("quoteTable") == 1, "no trap"
    QTest.keyClick(order.submit_button, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is order.validate_button


def mnemonics(root) -> list[tuple[str, str]]:
    """(letter, text) of every visible mnemonic under `root`."""
    found = []
    for widget in [*root.findChildren(QLabel), *root.findChildren(QAbstractButton)]:
        if widget.isVisibleTo(root):
            text = widget.text()
            if isinstance(widget, QLabel) and widget.buddy() is None:
                continue
            for letter in re.findall(r"&([^&\s])", text.replace("&&", "")):
                found.append((letter.upper(), text))
    return found


def test_each_mnemonic_of_the_order_tab_is_one_field_and_none_shadows_a_menu(shop):
    order = shop.order
    order.extras.setChecked(True)
    letters = mnemonics(order)
    tab_bar = shop.tabs.findChild(QTabBar)
    tabs = [
        (m.upper(), tab_bar.tabText(i))
        for i in range(tab_bar.count())
        for m in re.findall(r"&(\w)", tab_bar.tabText(i))
    ]
    everything = letters + tabs
    repeated = {k for k, _t in everything if [x for x, _ in everything].count(k) > 1}
    assert not repeated, [t for t in everything if t[0] in repeated]
    assert not {k for k, _ in letters} & MENU_LETTERS, letters
    assert ("S", "&Submit order…") in letters and ("V", "&Validate") in letters


def test_a_refused_field_is_marked_and_fixing_it_brings_the_quote_back(shop, qtbot):
    order = shop.order
    order.recipient.set_address(replace(PORTLAND, last_name="", address_1=""))
    order._edited()
    order.items.add_item(DraftItem(shop.sku, 1, "Heron"))
    qtbot.waitUntil(lambda: "No quote right now" in order.quote.status.text(), timeout=10000)
    status = order.quote.status.text()
    assert "recipient." not in status and "Last name" in status, status
    errors = order.recipient.errors
    assert not errors["last_name"].isHidden() and not errors["address_1"].isHidden()
    qtbot.keyClicks(order.recipient.last_name, "Quintero")
    assert errors["last_name"].isHidden(), "the message goes once the field is right"
    qtbot.keyClicks(order.recipient.address_1, "1220 SE Hawthorne Blvd")
    qtbot.waitUntil(lambda: order.quote.table.rowCount() > 0, timeout=10000)


def test_validate_marks_what_it_names_and_takes_the_cursor_there(shop, qtbot):
    order = shop.order
    order.recipient.set_address(PORTLAND)
    order._edited()
    order.items.add_item(DraftItem(shop.sku, 1, "Heron"))
    qtbot.waitUntil(lambda: order.quote.table.rowCount() > 0, timeout=10000)
    order.recipient.city.clear()
    order.recipient.email.setText("not-an-email")
    order.validate_button.click()
    said = order.result.text()
    assert said == "Check City, Email: see the message beside each.", said
    assert QApplication.focusWidget() is order.recipient.city, "the first named field"
    marked = {k for k, label in order.recipient.errors.items() if not label.isHidden()}
    assert marked == {"city", "email"}
    qtbot.keyClicks(order.recipient.city, "Portland")
    assert order.recipient.errors["city"].isHidden()


def test_the_state_is_judged_once_left_and_its_message_goes_when_chosen(shop, qtbot):
    recipient = shop.order.recipient
    recipient.first_name.setFocus()
    qtbot.keyClicks(recipient.first_name, "Ann")
    QTest.keyClick(recipient.first_name, Qt.Key.Key_Tab)
    assert recipient.errors["state_code"].isHidden(), "not judged before it is reached"
    recipient.state.setFocus()
    recipient.zip.setFocus()
    assert recipient.errors["state_code"].text() == "Choose the state."
    recipient.state.setCurrentIndex(recipient.state.findData("TX"))
    assert recipient.errors["state_code"].isHidden()


def test_canada_and_australia_choose_their_region_from_a_list(shop, qtbot):
    recipient = shop.order.recipient
    recipient.set_address(TORONTO)
    assert recipient.region.isVisibleTo(recipient) and not recipient.province.isVisibleTo(recipient)
    assert recipient.region.currentData() == "ON"
    assert recipient.address().province == "ON"
    recipient.country.setCurrentIndex(recipient.country.findData("AU"))
    assert recipient.region.findData("NSW") > 0 and recipient.region.currentData() is None
    assert recipient.captions["region"].text() == "Stat&e"
    shop.order._edited()
    shop.order.validate_button.click()
    assert recipient.errors["region"].text() == "Choose the state or territory."
    order_widgets = [recipient.country, recipient.region, recipient.zip]
    recipient.country.setFocus()
    for expected in order_widgets[1:]:
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is expected, "Tab reaches the region"


def test_a_new_draft_can_be_deleted_at_once_and_a_placed_one_shows_no_hints(shop, qtbot):
    order = shop.order
    qtbot.keyClicks(order.recipient.first_name, "Ann")
    assert order.draft is not None and order.drafts.delete_button.isEnabled()
    order.recipient.set_address(PORTLAND)
    order._edited()
    order.items.add_item(DraftItem(shop.sku, 1, "Heron"))
    qtbot.waitUntil(lambda: order.quote.table.rowCount() > 0, timeout=10000)
    po = order.draft.order_po
    order.submit_button.click()
    qtbot.waitUntil(lambda: "placed with FinerWorks" in order.result.text(), timeout=20000)
    placed = order.session.drafts.by_po(po)
    order._open_draft(placed.id)
    assert not order.recipient.company.isEnabled()
    assert order.recipient.company.placeholderText() == "", "no 'optional' posing as data"
    assert any(o.order_po == po for o in OrderHistory(order.session.drafts.store).orders())


def test_a_new_order_starts_with_the_shipping_chosen_in_preferences(shop, qtbot):
    order = shop.order
    order.default_shipping = "FS"
    order.recipient.set_address(PORTLAND)
    order._edited()
    assert order.draft.shipping_code == "FS"
    order.items.add_item(DraftItem(shop.sku, 1, "Heron"))
    qtbot.waitUntil(lambda: order.quote.table.rowCount() > 0, timeout=10000)
    chosen = order.quote.option(order.draft.shipping_code)
    assert chosen is not None and chosen.shipping_code == "FS", "the quote kept it"
    cheapest = min(order.quote.options, key=lambda o: o.rate)
    assert chosen != cheapest, "not the account's usual pick"


def test_a_refusal_is_forgotten_once_finerworks_quotes_the_form(shop, qtbot):
    order = shop.order
    order.recipient.set_address(PORTLAND)
    order._edited()
    order.items.add_item(DraftItem(shop.sku, 1, "Heron"))
    qtbot.waitUntil(lambda: order.quote.table.rowCount() > 0, timeout=10000)
    order._refused({"orders[0].recipient.city": ["The request is invalid."]})
    assert not order.recipient.errors["city"].isHidden()
    with qtbot.waitSignal(order.quotes.quoted, timeout=10000):
        order.requote()  # the account's preferences changed: asked again with no edit
    order.validate_button.click()
    assert order.recipient.errors["city"].isHidden(), "FinerWorks took the city since"
