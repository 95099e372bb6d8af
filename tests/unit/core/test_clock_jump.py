"""The computer's clock set back (or forward) in the middle of the work: nothing reorders,
regresses or is lost. Wall-clock time only labels things; order comes from the database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fault_report import record
from sample_orders import AUSTIN, order
from sandboxes import inprocess_client, new_po

from fwdesk.core import drafts as drafts_module
from fwdesk.core import order_history as history_module
from fwdesk.core.drafts import SUBMITTED, DraftItem, DraftStore
from fwdesk.core.order_history import OrderHistory
from fwdesk.core.outbox import Outbox
from fwdesk.core.store import Store
from fwdesk.sandbox.config import SandboxConfig
from fwdesk.sandbox.core import Sandbox
from fwdesk.sandbox.orders import HOUR


class Clock:
    """A wall clock that can be moved by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 27, 10, 0, tzinfo=UTC).timestamp()

    def __call__(self) -> float:
        return self.now

    def iso(self) -> str:
        return datetime.fromtimestamp(self.now, UTC).isoformat(timespec="seconds")


@pytest.fixture
def world(tmp_path, monkeypatch):
    """FinerWorks keeps its own time; only the shop computer's clock (`local`) jumps."""
    server, local = Clock(), Clock()
    monkeypatch.setattr(drafts_module, "_now", local.iso)
    monkeypatch.setattr(history_module, "_now", local.iso)
    sandbox = Sandbox(SandboxConfig(speed=3600.0), clock=server)
    with inprocess_client(sandbox) as api:
        sku = api.list_virtual_inventory(per_page=1).items[0].sku
        yield api, server, local, sku, Store(tmp_path / "shop.sqlite")


def test_a_clock_set_back_keeps_the_timeline_in_the_order_it_was_seen(world):
    api, server, local, sku, store = world
    history = OrderHistory(store)
    po = new_po("C")
    api.submit_orders([order(po, sku)])
    history.record_receipts(api.iter_orders(order_pos=[po]))
    server.now += 3 / 3600 * HOUR  # three simulated hours: in production
    local.now += 60
    history.apply_statuses(api.fetch_order_status(order_pos=[po]))
    local.now -= timedelta(days=2).total_seconds()  # the shop's clock is set back two days
    server.now += 30  # thirty simulated hours: shipped
    history.apply_statuses(api.fetch_order_status(order_pos=[po]))
    labels = [label for label, _seen in history.timeline(po)]
    assert labels == ["Order Received", "Forwarded to Production", "Shipped"]
    assert next(o for o in history.orders() if o.order_po == po).status_label == "Shipped"
    record("clock-jump", case="timeline after the clock went back two days", statuses=labels)


@pytest.mark.parametrize("jump_days", [-3, 5])
def test_orders_sent_across_a_clock_jump_arrive_once_and_are_recorded(world, jump_days):
    api, _server, local, sku, store = world
    drafts = DraftStore(store)
    ids = [
        drafts.create("J-", recipient=AUSTIN, items=(DraftItem(sku, 1),), shipping_code="SD").id
        for _ in range(12)
    ]
    outbox = Outbox(drafts, sleep=lambda _seconds: None)
    outbox.send(api, ids[:6])
    local.now += timedelta(days=jump_days).total_seconds()
    outbox.send(api, ids)
    placed = [o.order_po for o in api.iter_orders()]
    mine = [drafts.get(i).order_po for i in ids]
    assert sorted(p for p in placed if p in mine) == sorted(mine)
    assert len(placed) == len(set(placed))
    assert all(drafts.get(i).state == SUBMITTED for i in ids)
    assert [d.id for d in drafts.in_states(SUBMITTED)] == ids, "listed in the order made"
    record(
        "clock-jump",
        case=f"12 orders sent across a {jump_days:+d} day jump",
        on_server=len(mine),
        duplicates=len(placed) - len(set(placed)),
        lost=len(set(mine) - set(placed)),
    )
