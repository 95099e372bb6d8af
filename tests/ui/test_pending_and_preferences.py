"""Work shared through the FinerWorks account (API.md 9.6 and 9.3): orders staged for review,
seen and taken in by a desk, and the ranked shipping preferences every quote follows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sample_orders import PORTLAND, order
from sandboxes import new_po, start_sandbox

from fwdesk.core.drafts import DRAFT, PENDING, DraftItem
from fwdesk.ui.dialogs.shipping_preferences import ShippingPreferencesDialog
from fwdesk.ui.tabs.order.drafts_list import PENDING_HEADING


@pytest.fixture
def desk(open_window, qtbot):
    running = start_sandbox()
    window = open_window("--sandbox-url", running.url)
    window.tabs.setCurrentWidget(window.order)
    with running.client() as api:
        window.sku = api.list_virtual_inventory(per_page=1).items[0].sku
        window.api = api
        yield window
    running.stop()


def pending_items(window) -> list:
    return window.order.drafts.pending_items


def test_an_order_staged_elsewhere_is_shown_quoted_and_taken_in(desk, qtbot):
    po = new_po("WEB")
    desk.api.save_pending_orders([order(po, desk.sku, recipient=PORTLAND)], source="dashboard")
    tab = desk.order
    tab.pending_panel.refresh()
    qtbot.waitUntil(lambda: len(pending_items(desk)) == 1, timeout=10000)
    headings = [
        tab.drafts_list.item(i).text()
        for i in range(tab.drafts_list.count())
        if tab.drafts_list.item(i).flags() == Qt.ItemFlag.NoItemFlags
    ]
    assert headings == [PENDING_HEADING]
    [item] = pending_items(desk)
    assert item.text().startswith(po)
    tab.drafts_list.itemClicked.emit(item)
    assert tab.draft.state == PENDING and not tab.recipient.isEnabled()
    assert not tab.submit_button.isEnabled() and not tab.pending_panel.isHidden()
    assert "saved from dashboard" in tab.pending_panel.text.text()
    qtbot.waitUntil(lambda: tab.quote.table.rowCount() > 0, timeout=10000)
    tab.pending_panel.take_button.click()
    qtbot.waitUntil(lambda: tab.draft is not None and tab.draft.state == DRAFT, timeout=10000)
    assert tab.draft.order_po == po and tab.recipient.isEnabled() and tab.pending_panel.isHidden()
    assert desk.api.list_pending_orders() == []
    assert pending_items(desk) == []


def test_a_draft_saved_for_review_leaves_the_drafts_and_can_be_deleted(desk, qtbot, monkeypatch):
    tab = desk.order
    tab.recipient.set_address(PORTLAND)
    tab._edited()
    tab.items.add_item(DraftItem(desk.sku, 1, "Heron at Dusk"))
    qtbot.waitUntil(lambda: tab.quote.table.rowCount() > 0, timeout=10000)
    po = tab.draft.order_po
    tab.review_button.click()
    qtbot.waitUntil(lambda: "saved on FinerWorks for review" in tab.result.text(), timeout=10000)
    assert [o.order_po for o in desk.api.list_pending_orders()] == [po]
    assert tab.session.drafts.by_po(po) is None, "it lives on FinerWorks now, not in the drafts"
    assert [item.text().split()[0] for item in pending_items(desk)] == [po]
    assert not tab.pending_panel.isHidden()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    tab.pending_panel.delete_button.click()
    qtbot.waitUntil(lambda: "was deleted" in tab.result.text(), timeout=10000)
    assert desk.api.list_pending_orders() == [] and pending_items(desk) == []


def test_shipping_preferences_are_kept_on_finerworks_and_pick_the_quoted_method(desk, qtbot):
    tab = desk.order
    tab.recipient.set_address(PORTLAND)
    tab._edited()
    tab.items.add_item(DraftItem(desk.sku, 1, "Heron at Dusk"))
    qtbot.waitUntil(lambda: tab.quote.table.rowCount() > 0, timeout=10000)
    cheapest = min(tab.quote.options, key=lambda o: o.calculated_total.order_grand_total)
    assert tab.draft.shipping_code == cheapest.choice, "the default preference: most economical"
    dialog = ShippingPreferencesDialog(desk.service, desk)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=10000)
    assert dialog.ranked() == ["1"]
    first, second = dialog.choices[:2]
    first.setCurrentIndex(first.findData("4"))
    second.setCurrentIndex(second.findData("4"))
    dialog.save_button.click()
    assert "only once" in dialog.message.text()
    assert desk.api.get_user().shipping_preferences == ["1"], "nothing was saved"
    second.setCurrentIndex(second.findData("1"))
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.save_button.click()
    assert desk.api.get_user().shipping_preferences == ["4", "1"]
    tab.requote()
    fastest = {"Standard Overnight", "Fastest available (Standard Overnight)"}
    qtbot.waitUntil(
        lambda: (
            tab.quote.option(tab.draft.shipping_code) is not None
            and tab.quote.option(tab.draft.shipping_code).shipping_method in fastest
        ),
        timeout=10000,
    )
    assert "shipping preferences" in tab.quote.status.text()
