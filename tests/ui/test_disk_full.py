"""A full disk while a shop types and sends orders: a clear message, and nothing typed lost."""

from __future__ import annotations

import uuid

import pytest
from fault_report import record
from full_disk import full_disk
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sample_orders import PORTLAND
from window_checks import JobLog, SendAnswers

from fwdesk.core.drafts import DRAFT, DraftItem
from fwdesk.ui.tabs.order import tab as order_tab


@pytest.fixture
def shop(open_window, sandbox, monkeypatch, qtbot):
    monkeypatch.setattr(order_tab, "SAVE_RETRY_MS", 200)
    window = open_window("--sandbox-url", sandbox.url)
    window.order.po_prefix = f"F{uuid.uuid4().hex[:6].upper()}-"
    window.tabs.setCurrentWidget(window.order)
    window.show()
    monkeypatch.setattr(
        QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes
    )
    SendAnswers().install(monkeypatch)
    window.jobs = JobLog().install(monkeypatch)
    with sandbox.client() as api:
        window.sku = api.list_virtual_inventory(per_page=1).items[0].sku
    # The start-up work (catalogue, orders, pending orders) is over before the disk fills, so
    # only what a test does meets the full disk.
    qtbot.waitUntil(lambda: window.service.pending() == 0, timeout=30000)
    return window


def type_name(order, name: str) -> None:
    order.recipient.first_name.setText(name)
    order.recipient.first_name.textEdited.emit(name)


def test_typing_on_a_full_disk_says_so_keeps_the_text_and_saves_once_there_is_room(shop, qtbot):
    order = shop.order
    with full_disk(shop.store):
        type_name(order, "Marisol")
        assert order.draft is None and order.unsaved
        assert order.save_problem.isVisible()
        assert "disk is full" in order.save_problem.text()
        assert not order.save_now()
        assert order.recipient.first_name.text() == "Marisol"
        assert order.session.drafts.in_states(DRAFT) == []
    qtbot.waitUntil(lambda: not order.unsaved, timeout=5000)
    assert not order.save_problem.isVisible()
    saved = order.session.drafts.get(order.draft.id)
    assert saved.recipient.first_name == "Marisol"
    record("disk-full", case="typing a new order (store refusing writes)", lost=0)


def test_an_unsaved_draft_is_neither_left_nor_sent(shop, qtbot, sandbox):
    order = shop.order
    order.recipient.set_address(PORTLAND)
    order._edited()
    order.items.add_item(DraftItem(shop.sku, 1, "Heron at Dusk"))
    qtbot.waitUntil(lambda: order.quote.table.rowCount() > 0, timeout=10000)
    assert order.save_now()
    po = order.draft.order_po
    with full_disk(shop.store):
        type_name(order, "Jonas")
        assert not order.save_now()
        order.new_draft()
        assert order.draft is not None and order.draft.order_po == po, "still on screen"
        assert order.recipient.first_name.text() == "Jonas"
        order.submit()
        assert "Nothing was sent" in order.result.text()
        assert shop.jobs.named("payment options") == shop.jobs.named("submit order") == []
        assert [o for o in sandbox.server_orders() if o["order_po"] == po] == []
    qtbot.waitUntil(lambda: not order.unsaved, timeout=5000)
    assert order.session.drafts.by_po(po).recipient.first_name == "Jonas"
    record("disk-full", case="switching drafts and sending while unsaved", sent=0, lost=0)


def test_closing_with_an_unsaved_draft_asks_first(shop, qtbot):
    order = shop.order
    with full_disk(shop.store):
        type_name(order, "Ada")
        seen = []

        def keep_it_open() -> None:
            box = QApplication.activeModalWidget()
            seen.append(box.text() if isinstance(box, QMessageBox) else None)
            next(b for b in box.buttons() if b.text() == "Keep it open").click()

        QTimer.singleShot(200, keep_it_open)
        assert not shop.close()
        assert shop.isVisible() and seen and "disk is full" in seen[0]
        assert order.recipient.first_name.text() == "Ada"
    qtbot.waitUntil(lambda: not order.unsaved, timeout=5000)


def test_a_catalogue_refresh_on_a_full_disk_keeps_the_old_catalogue(shop, qtbot, caplog):
    catalog = shop.catalog
    qtbot.waitUntil(lambda: catalog.model.total() > 0 and not catalog.refreshing, timeout=20000)
    before = catalog.model.total()
    with full_disk(shop.store):
        catalog.refresh()
        qtbot.waitUntil(lambda: not catalog.refreshing, timeout=20000)
        assert "disk is full" in catalog.message.text()
        assert "still shown" in catalog.message.text()
        assert catalog.model.total() == before
    assert not [r for r in caplog.records if r.levelname == "ERROR"], "a full disk is no crash"
    record("disk-full", case="catalogue refresh", message=catalog.message.text(), kept=before)
