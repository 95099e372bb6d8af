"""One path for a placed order: whoever sends it, the Orders tab shows it the moment it is
placed, even while a slow refresh is on its way, and refreshes again after it."""

from __future__ import annotations

import uuid

import httpx
from sample_orders import AUSTIN
from sandboxes import start_sandbox
from window_checks import JobLog

from fwdesk.core.drafts import DraftItem
from fwdesk.core.payment import Payment, PaymentKind


def set_latency(running, latency_ms: int) -> None:
    answer = httpx.post(
        running.url + "_sandbox_control",
        headers={"web_api_key": "demo", "app_key": "demo"},
        json={"latency_ms": latency_ms},
    )
    answer.raise_for_status()


CARD = Payment(PaymentKind.CARD, "Visa ending in 4242", token="tok_demo_visa_4242")


def test_a_placed_order_is_listed_while_a_refresh_is_still_on_its_way(
    open_window, qtbot, monkeypatch
):
    slow = start_sandbox()
    try:
        jobs = JobLog().install(monkeypatch)
        window = open_window("--sandbox-url", slow.url)
        with slow.client() as api:
            sku = api.list_virtual_inventory(per_page=1).items[0].sku
        drafts = window.order.session.drafts
        draft = drafts.create(
            prefix=f"P{uuid.uuid4().hex[:6].upper()}-",
            recipient=AUSTIN,
            items=(DraftItem(sku, 1, "Heron at Dusk"),),
            shipping_code="SD",
        )
        qtbot.waitUntil(
            lambda: not window.orders.refreshing and not window.catalog.refreshing, timeout=60000
        )
        set_latency(slow, 700)  # from now on every answer takes 0.7 s
        window.orders.refresh()
        assert window.orders.refreshing
        refreshes = len(jobs.named("orders refresh"))
        seen_while_refreshing = []

        def listed() -> bool:
            found = window.orders.model.row_of(draft.order_po) is not None
            if found:
                seen_while_refreshing.append(window.orders.refreshing)
            return found

        window.session.sender.send(window, [draft.id], CARD)
        qtbot.waitUntil(listed, timeout=30000)
        assert seen_while_refreshing == [True], "shown before the refresh came back"
        row = window.orders.model.row_of(draft.order_po)
        assert window.orders.model.order(row).customer == "Marisol Quintero"
        qtbot.waitUntil(lambda: len(jobs.named("orders refresh")) > refreshes, timeout=30000)
        qtbot.waitUntil(lambda: jobs.all_over("orders refresh"), timeout=30000)
        assert window.orders.model.order(window.orders.model.row_of(draft.order_po)).status_id == 3
    finally:
        slow.stop()
