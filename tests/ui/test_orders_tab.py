"""The Orders tab against fwdesk-sandbox over HTTP: listing, filtering, the journey of an
order to shipped without user action, and actions enabled only while allowed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sample_orders import order
from sandboxes import new_po, start_sandbox

from fwdesk.core.order_status import Stage


def refreshed(window) -> bool:
    return not window.orders.refreshing and window.orders.model.rowCount() > 0


def select(window, po: str) -> None:
    model = window.orders.model
    for row in range(model.rowCount()):
        if model.order(row).order_po == po:
            window.orders.view.selectRow(row)
            return
    raise AssertionError(f"{po} not listed")


@pytest.fixture
def slow_world(open_window, qtbot):
    """A real-time sandbox: orders stay before production for the whole test."""
    running = start_sandbox()
    with running.client() as api:
        sku = api.list_virtual_inventory(per_page=1).items[0].sku
        pos = [new_po("O") for _ in range(4)]
        placed = api.submit_orders([order(po, sku) for po in pos])
        api.update_order(placed[1].order_id, "hold")
    window = open_window("--sandbox-url", running.url)
    qtbot.waitUntil(
        lambda: refreshed(window) and window.orders.model.rowCount() == 4, timeout=15000
    )
    yield window, running, pos
    running.stop()


def test_orders_are_listed_searchable_and_filterable(slow_world, qtbot):
    window, _running, pos = slow_world
    tab = window.orders
    assert {tab.model.order(r).order_po for r in range(4)} == set(pos)
    tab.search.setText(pos[2])
    assert [tab.model.order(r).order_po for r in range(tab.model.rowCount())] == [pos[2]]
    tab.search.clear()
    buttons = [tab.summary.itemAt(i).widget() for i in range(tab.summary.count())]
    on_hold = next(b for b in buttons if b is not None and b.property("stage") == "ON_HOLD")
    assert on_hold.text() == "On hold: 1"
    waiting = next(b for b in buttons if b is not None and b.property("stage") == "WAITING")
    assert waiting.text() == "Waiting: 3"
    on_hold.click()
    assert [tab.model.order(r).order_po for r in range(tab.model.rowCount())] == [pos[1]]


def test_actions_follow_the_status_and_cancel_reaches_the_server(slow_world, qtbot, monkeypatch):
    window, running, pos = slow_world
    tab = window.orders
    select(window, pos[1])
    assert tab.release_button.isEnabled() and not tab.hold_button.isEnabled()
    select(window, pos[0])
    assert tab.hold_button.isEnabled() and tab.cancel_button.isEnabled()
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes,
    )
    tab.cancel_button.click()
    assert pos[0] in asked[0]
    qtbot.waitUntil(
        lambda: any(
            o["order_po"] == pos[0] and o["submission"] == "cancel" for o in running.server_orders()
        ),
        timeout=10000,
    )
    qtbot.waitUntil(lambda: "Cancellation" in tab.detail.text(), timeout=10000)
    assert not tab.cancel_button.isEnabled() and not tab.hold_button.isEnabled()


@pytest.mark.timeout(90)
def test_submitted_orders_ship_with_tracking_without_user_action(open_window, qtbot):
    running = start_sandbox("--speed", "36000")
    try:
        window = open_window("--sandbox-url", running.url)
        window.orders.refresh_ms = 500
        window.orders._timer.setInterval(500)
        with running.client() as api:
            sku = api.list_virtual_inventory(per_page=1).items[0].sku
            po = new_po("S")
            api.submit_orders([order(po, sku)])
        qtbot.waitUntil(
            lambda: any(
                window.orders.model.order(r).order_po == po
                and window.orders.model.order(r).meaning.stage in (Stage.SHIPPED, Stage.COMPLETE)
                for r in range(window.orders.model.rowCount())
            ),
            timeout=60000,
        )
        select(window, po)
        assert 'href="https://www.ups.com/track?tracknum=1Z' in window.orders.detail.text()
        assert window.tabs.tabText(window.tabs.indexOf(window.orders)).startswith("&Orders (")
        window.tabs.setCurrentWidget(window.orders)
        assert window.tabs.tabText(window.tabs.indexOf(window.orders)) == "&Orders"
    finally:
        running.stop()


def test_export_writes_the_orders_shown(slow_world, tmp_path):
    window, _running, pos = slow_world
    window.orders.search.setText(pos[3])
    target = tmp_path / "orders.csv"
    window.orders.export_to(target)
    lines = target.read_text().splitlines()
    assert len(lines) == 2 and lines[1].startswith(pos[3])
    assert window.orders.message.text() == "1 order written to orders.csv."
    assert window.orders.chart.weeks[-1].orders == 4


def test_change_recipient_reaches_the_server(slow_world, qtbot, monkeypatch):
    from fwdesk.ui.tabs.orders.tab import RecipientDialog

    window, running, pos = slow_world

    def fill_and_accept(dialog):
        dialog.form.city.setText("Eugene")
        dialog.form.zip.setText("97401")
        dialog._accept()
        return dialog.result()

    monkeypatch.setattr(RecipientDialog, "exec", fill_and_accept)
    select(window, pos[2])
    assert window.orders.recipient_button.isEnabled()
    window.orders.recipient_button.click()

    def city() -> str:
        with running.client() as api:
            [receipt] = api.iter_orders(order_pos=[pos[2]])
            return receipt.recipient.city

    qtbot.waitUntil(lambda: city() == "Eugene", timeout=10000)
    qtbot.waitUntil(lambda: "Eugene" in window.orders.detail.text(), timeout=10000)


def test_the_date_filter_leaves_out_older_orders(slow_world):
    window, _running, _pos = slow_world
    tab = window.orders
    tab.date_filter.setCurrentIndex(1)  # last 7 days: the orders were placed today
    assert tab.model.rowCount() == 4
    tab.model.apply_filter("", None, "2999-01-01")
    assert tab.model.rowCount() == 0


def test_orders_sort_by_any_column(slow_world):
    window, _running, _pos = slow_world
    model = window.orders.model
    model.sort(4, Qt.SortOrder.DescendingOrder)
    totals = [model.order(r).grand_total for r in range(model.rowCount())]
    assert totals == sorted(totals, reverse=True)
    model.sort(5)
    labels = [model.order(r).status_label for r in range(model.rowCount())]
    assert labels == sorted(labels, key=str.lower)
