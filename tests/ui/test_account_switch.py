"""Switching accounts is total: nothing of the previous account stays on screen, and a refresh
of the previous account still on its way when the switch happens never lands."""

from __future__ import annotations

from dataclasses import replace

import pytest
from fault_report import record
from sample_orders import AUSTIN, order
from sandboxes import start_sandbox

from fwdesk.api.keys import Credentials
from fwdesk.core.accounts import Account, Environment
from fwdesk.core.order_history import OrderHistory

SAME_PO = "SAME-000001"
FIRST = Credentials("shopa-web", "shopa-app")
SECOND = Credentials("shopb-web", "shopb-app")
OTHER_CUSTOMER = replace(AUSTIN, first_name="Jonas", last_name="Berg")


def orders_title(window) -> str:
    return window.tabs.tabText(window.tabs.indexOf(window.orders))


def shown_pos(window) -> list[str]:
    model = window.orders.model
    return [model.order(r).order_po for r in range(model.rowCount())]


@pytest.mark.timeout(120)
def test_switching_while_a_refresh_is_in_flight_shows_nothing_of_the_old_account(
    open_window, qtbot, memory_keyring
):
    running = start_sandbox(
        "--credentials",
        "demo:demo",
        "shopa-web:shopa-app",
        "shopb-web:shopb-app",
        "--speed",
        "36000",
        "--latency-ms",
        "150",
    )
    try:
        for keys, recipient in ((FIRST, AUSTIN), (SECOND, OTHER_CUSTOMER)):
            with running.client(keys) as api:
                sku = api.list_virtual_inventory(per_page=1).items[0].sku
                api.submit_orders([order(SAME_PO, sku, recipient=recipient)])
        window = open_window("--demo")
        for name, keys in (("First shop", FIRST), ("Second shop", SECOND)):
            window.credentials.save(name, keys)
            window.settings.upsert(Account(name, Environment.CUSTOM, running.url))
        window.tabs.setCurrentWidget(window.catalog)
        window.switch_account("First shop")
        tab = window.orders
        tab.refresh_ms = 400
        tab._timer.setInterval(400)
        # The order moves on quickly at this speed: its shipping is a change worth a badge.
        qtbot.waitUntil(lambda: orders_title(window).startswith("&Orders ("), timeout=60000)
        tab.view.selectRow(0)
        assert "Quintero" in tab.detail.text()
        assert tab.summary.count() > 1 and tab.chart.weeks[-1].orders == 1
        tab.refresh()
        assert tab.refreshing, "the first account's refresh is on its way"
        old_refresh = tab._refresh

        window.switch_account("Second shop")

        assert orders_title(window) == "&Orders"
        assert shown_pos(window) == [] and not tab.view.selectionModel().selectedRows()
        assert "Select an order" in tab.detail.text() and "Quintero" not in tab.detail.text()
        assert tab.chart.weeks[-1].orders == 0
        assert all(tab.summary.itemAt(i).widget() is None for i in range(tab.summary.count())), (
            "no counts of the first account"
        )
        qtbot.waitUntil(
            lambda: shown_pos(window) == [SAME_PO] and not tab.refreshing, timeout=30000
        )
        qtbot.waitUntil(lambda: old_refresh.over, timeout=30000)  # its thread let it go
        assert tab.model.order(0).customer.startswith("Jonas")
        assert "Quintero" not in tab.detail.text()
        assert [o.customer for o in OrderHistory(window.session.store).orders()] == [
            tab.model.order(0).customer
        ], "the second account's history holds only its own order"
        record("account-switch", case="switch with a refresh in flight", tried=1, held=1)
    finally:
        running.stop()
