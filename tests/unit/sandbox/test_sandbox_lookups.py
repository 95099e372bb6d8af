"""Looking orders up (API.md 9.4): list_orders with its filters and counts, fetch_order_status
by id or PO, and get_order by GET or POST."""

from __future__ import annotations

import pytest
from sandbox_wire import HOUR, Clock, Wire, order

from fwdesk.sandbox.config import SandboxConfig
from fwdesk.sandbox.core import Sandbox

SPEED = 60.0


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def wire(clock) -> Wire:
    return Wire(Sandbox(SandboxConfig(speed=SPEED), clock=clock))


def pos(answer: dict) -> list[str]:
    return [o["order_po"] for o in answer["orders"]]


def test_list_orders_filters_by_po_and_counts_all_matches(wire):
    wire.submit(*[order(f"LO-{n}") for n in range(12)], payment_token="xxxx")
    batch = [f"LO-{n}" for n in range(10)] + ["LO-UNKNOWN"]
    first = wire.ok("list_orders", {"account_key": None, "order_pos": batch, "per_page": 4})
    assert (first["total_count"], first["count"], first["per_page"]) == (10, 10, 4)
    assert pos(first) == ["LO-9", "LO-8", "LO-7", "LO-6"], "newest first"
    last = wire.ok("list_orders", {"order_pos": batch, "per_page": 4, "page_number": 3})
    assert pos(last) == ["LO-1", "LO-0"] and last["page_number"] == 3
    assert wire.ok("list_orders", {})["total_count"] == 12


@pytest.mark.parametrize("wanted", [13, "13", "Forwarded to Production", "forwarded TO production"])
def test_the_status_filter_matches_an_id_or_a_label(wire, clock, wanted):
    wire.submit(order("LS-OLD"), payment_token="xxxx")
    clock.advance_sim(3 * HOUR, SPEED)
    wire.submit(order("LS-NEW"), payment_token="xxxx")
    assert pos(wire.ok("list_orders", {"status": wanted})) == ["LS-OLD"]
    assert pos(wire.ok("list_orders", {"status": 3})) == ["LS-NEW"]


def test_show_cancelled_false_leaves_cancelled_orders_out(wire):
    [kept, cancelled] = wire.submit(order("LC-1"), order("LC-2"), payment_token="xxxx")["orders"]
    wire.update(cancelled["order_id"], "cancel")
    assert pos(wire.ok("list_orders", {"show_cancelled": False})) == ["LC-1"]
    assert sorted(pos(wire.ok("list_orders", {}))) == ["LC-1", "LC-2"]
    assert kept["order_po"] == "LC-1"


def test_fetch_order_status_by_id_or_po(wire, clock):
    [placed] = wire.submit(order("LF-1"), payment_token="xxxx")["orders"]
    by_id = wire.ok("fetch_order_status", {"order_ids": [placed["order_id"]]})["orders"]
    by_confirmation = wire.ok(
        "fetch_order_status", {"order_ids": [placed["order_confirmation_id"]]}
    )["orders"]
    assert by_id == by_confirmation == [wire.status_of("LF-1")]
    clock.advance_sim(27 * HOUR, SPEED)
    status = wire.status_of("LF-1")
    assert {"order_po", "order_id", "order_confirmation_id", "order_status_id"} <= set(status)
    assert (status["order_status_id"], status["order_status_label"]) == (7, "Shipped")
    [shipment] = status["shipments"]
    assert {"tracking_number", "tracking_url", "carrier", "service", "shipment_date"} <= set(
        shipment
    )
    assert shipment["tracking_number"] in shipment["tracking_url"]


@pytest.mark.parametrize("verb", ["GET", "POST"])
def test_get_order_finds_one_order_by_guid_and_email(wire, verb):
    [placed] = wire.submit(order("LG-1"), payment_token="xxxx")["orders"]
    keys = {"order_guid": placed["order_guid"], "order_email": "ANN@example.net"}
    if verb == "GET":
        answer = wire.ok("get_order", verb="GET", query=keys)
    else:
        answer = wire.ok("get_order", keys, verb="POST")
    receipt = answer["order"]
    assert receipt["order_po"] == "LG-1" and receipt["order_status_id"] == 3
    assert receipt["totals"]["order_grand_total"] > 0
    wrong = {**keys, "order_email": "someone@else.example"}
    assert wire.refused("get_order", verb="GET", query=wrong)
