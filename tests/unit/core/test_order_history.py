"""The order history: merged from list_orders, updated by status polls, with a timeline."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sample_orders import order
from sandboxes import inprocess_client, new_po

from fwdesk.core.order_history import OrderHistory
from fwdesk.core.store import Store
from fwdesk.sandbox.config import SandboxConfig
from fwdesk.sandbox.core import Sandbox
from fwdesk.sandbox.orders import HOUR


class Clock:
    now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def world(tmp_path):
    clock = Clock()
    sandbox = Sandbox(SandboxConfig(speed=3600.0), clock=clock)
    with inprocess_client(sandbox) as api:
        sku = api.list_virtual_inventory(per_page=1).items[0].sku
        yield api, clock, sku, OrderHistory(Store(tmp_path / "shop.sqlite"))


def test_orders_from_the_account_are_listed_with_totals(world):
    api, _clock, sku, history = world
    pos = [new_po("H") for _ in range(3)]
    api.submit_orders([order(po, sku, qty=2) for po in pos])
    history.record_receipts(api.iter_orders())
    tracked = {o.order_po: o for o in history.orders()}
    assert set(pos) <= set(tracked)
    first = tracked[pos[0]]
    assert first.customer == "Marisol Quintero" and first.item_count == 2
    assert first.grand_total and first.grand_total > 0
    assert first.status_label == "Order Received" and not first.finished
    assert history.timeline(pos[0]) == [("Order Received", history.timeline(pos[0])[0][1])]


def test_polls_record_changes_shipments_and_the_timeline(world):
    api, clock, sku, history = world
    po = new_po("H")
    api.submit_orders([order(po, sku)])
    history.record_receipts(api.iter_orders(order_pos=[po]), seen_at="2026-11-27T10:00:00+00:00")
    clock.now += 3 / 3600 * HOUR  # three simulated hours
    changes = history.apply_statuses(
        api.fetch_order_status(order_pos=[po]), "2026-11-27T10:03:00+00:00"
    )
    assert [(c.before_id, c.after_id) for c in changes] == [(3, 13)]
    assert [(c.before, c.after) for c in changes] == [("Order Received", "Forwarded to Production")]
    assert not changes[0].noteworthy
    assert history.apply_statuses(api.fetch_order_status(order_pos=[po])) == []
    clock.now += 30  # 30 simulated hours: shipped
    history.apply_statuses(api.fetch_order_status(order_pos=[po]), "2026-11-27T10:04:00+00:00")
    tracked = next(o for o in history.orders() if o.order_po == po)
    assert tracked.status_label == "Shipped"
    assert tracked.detail["shipments"][0]["tracking_number"].startswith("1Z")
    assert [label for label, _seen in history.timeline(po)] == [
        "Order Received",
        "Forwarded to Production",
        "Shipped",
    ]
    assert po in history.open_pos()
    clock.now += 10 * 24  # ten simulated days: delivered, complete, no longer polled
    [done] = history.apply_statuses(api.fetch_order_status(order_pos=[po]))
    assert done.after_id == 12 and done.noteworthy
    assert po not in history.open_pos()


def test_statuses_for_unknown_orders_are_ignored(world):
    api, _clock, sku, history = world
    po = new_po("H")
    api.submit_orders([order(po, sku)])
    assert history.apply_statuses(api.fetch_order_status(order_pos=[po])) == []
    assert history.orders() == []


def test_list_orders_also_reports_moves_of_known_orders(world):
    api, clock, sku, history = world
    po = new_po("H")
    api.submit_orders([order(po, sku)])
    assert history.record_receipts(api.iter_orders(order_pos=[po])) == [], "new is not a move"
    clock.now += 3
    [change] = history.record_receipts(api.iter_orders(order_pos=[po]))
    assert (change.order_po, change.before_id, change.after_id) == (po, 3, 13)
    assert change.after == "Forwarded to Production"


def test_labels_come_from_the_definitions_by_id(world):
    api, _clock, sku, history = world
    po = new_po("H")
    api.submit_orders([order(po, sku)])
    history.record_receipts(api.iter_orders(order_pos=[po]))
    from fwdesk.api.orders import StatusDefinition

    definitions = api.list_order_status_definitions()
    reworded = [
        StatusDefinition(
            d.order_status_id,
            "Received, queued" if d.order_status_id == 3 else d.order_status_label,
        )
        for d in definitions
    ]
    history.set_definitions(reworded)
    assert history.labels()[3] == "Received, queued"
    assert next(o for o in history.orders() if o.order_po == po).status_label == "Received, queued"


def test_orders_placed_here_are_listed_before_finerworks_lists_them(world, tmp_path):
    _api, _clock, sku, history = world
    from sample_orders import AUSTIN

    from fwdesk.core.drafts import SUBMITTED, DraftItem, DraftStore

    drafts = DraftStore(history.store)
    draft = drafts.create(recipient=AUSTIN, items=(DraftItem(sku, 2),), shipping_code="SD")
    drafts.mark([draft.id], SUBMITTED, ids={draft.id: (5550001, 8880001)})
    history.record_placed(drafts.in_states(SUBMITTED))
    [listed] = history.orders()
    assert (listed.order_po, listed.order_id, listed.item_count) == (draft.order_po, 5550001, 2)
    assert listed.status_label == "Submitted" and listed.customer == "Marisol Quintero"


def placed_here(history, sku, **content):
    from sample_orders import AUSTIN

    from fwdesk.core.drafts import SUBMITTED, DraftItem, DraftStore

    drafts = DraftStore(history.store)
    content.setdefault("recipient", AUSTIN)
    draft = drafts.create(items=(DraftItem(sku, 1),), shipping_code="SD", **content)
    drafts.mark([draft.id], SUBMITTED, ids={draft.id: (5550002, 8880002)})
    return drafts.get(draft.id)


def test_the_gift_message_sent_stays_when_finerworks_lists_the_order(world):
    api, _clock, sku, history = world
    draft = placed_here(history, sku, gift_message="Happy housewarming!")
    history.record_placed([draft])
    api.submit_orders([order(draft.order_po, sku)])
    history.record_receipts(api.iter_orders(order_pos=[draft.order_po]))
    [listed] = history.orders()
    assert listed.grand_total, "FinerWorks' facts arrived"
    assert listed.detail["gift_message"] == "Happy housewarming!"


def test_the_gift_message_is_added_to_an_order_finerworks_listed_first(world):
    api, _clock, sku, history = world
    draft = placed_here(history, sku, gift_message="For Ana")
    api.submit_orders([order(draft.order_po, sku)])
    history.record_receipts(api.iter_orders(order_pos=[draft.order_po]))
    history.record_placed([draft])
    [listed] = history.orders()
    assert listed.detail["gift_message"] == "For Ana" and listed.grand_total


def test_a_note_is_kept_through_refreshes_and_searched(world):
    api, _clock, sku, history = world
    from fwdesk.core.order_history import search_text

    po = new_po("N")
    api.submit_orders([order(po, sku)])
    history.record_receipts(api.iter_orders(order_pos=[po]))
    history.set_note(po, "Customer asked for a matte finish")
    history.record_receipts(api.iter_orders(order_pos=[po]))
    [listed] = history.orders()
    assert listed.note == "Customer asked for a matte finish"
    found = search_text(listed)
    for word in ("matte", "austin", "lantern lane", "78701", po.lower(), "marisol"):
        assert word in found, word


def test_the_shops_reference_is_searched():
    from fwdesk.core.order_history import TrackedOrder, search_text

    tracked = TrackedOrder("SHOP-1", 1, "Ann", "", 1, None, 3, "Order Received", False, {}, "#1001")
    assert "#1001" in search_text(tracked)


def test_newest_first_by_the_instant_whatever_the_offset(world):
    _api, _clock, _sku, history = world
    with history.store.transaction() as tx:
        for po, placed in (
            ("EARLY", "2026-11-20T19:00:00+00:00"),  # 19:00 UTC, written by this desk
            ("LATE", "2026-11-20T14:00:00-06:00"),  # 20:00 UTC, written by FinerWorks
            ("UNDATED", ""),
        ):
            tx.execute(
                "INSERT INTO orders (order_po, placed_at, updated_at) VALUES (?, ?, '')",
                (po, placed),
            )
    assert [o.order_po for o in history.orders()] == ["LATE", "EARLY", "UNDATED"]


def test_each_order_says_demo_test_or_live(tmp_path, world):
    api, _clock, sku, history = world
    live, test = new_po("L"), new_po("T")
    api.submit_orders([order(live, sku), replace(order(test, sku), test_mode=True)])
    receipts = list(api.iter_orders(order_pos=[live, test]))
    history.record_receipts(receipts)
    assert {o.order_po: o.mode for o in history.orders()} == {live: "live", test: "test"}
    demo = OrderHistory(Store(tmp_path / "demo.sqlite"), demo=True)
    demo.record_receipts(receipts)
    assert {o.mode for o in demo.orders()} == {"demo"}
