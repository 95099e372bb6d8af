"""An order's life on the simulated clock, on FinerWorks' real status ids: production,
framing, parcels, holds, cancellation, a rejected address, and pinned statuses."""

from __future__ import annotations

import pytest
from sandbox_wire import HOUR, Clock, Wire, order

from fwdesk.sandbox.config import SandboxConfig
from fwdesk.sandbox.core import Sandbox
from fwdesk.sandbox.orders import parse_date
from fwdesk.sandbox.shipping import SHIPPING_METHODS

SPEED = 60.0
DAY = 24 * HOUR
SD_TRANSIT = SHIPPING_METHODS["SD"].days_max * DAY


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def wire(clock) -> Wire:
    return Wire(Sandbox(SandboxConfig(speed=SPEED), clock=clock))


def later(clock: Clock, hours: float) -> None:
    clock.advance_sim(hours * HOUR, SPEED)


def place(wire: Wire, po: str, **options) -> dict:
    [received] = wire.submit(order(po, **options), payment_token="xxxx")["orders"]
    return received


def test_statuses_follow_the_clock(wire, clock):
    place(wire, "J-2")
    timeline = []
    elapsed = 0.0
    for hour in (0, 1.9, 2, 3.9, 4, 15.9, 16, 25.9, 26, 26 + SD_TRANSIT / HOUR - 0.1):
        later(clock, hour - elapsed)
        elapsed = hour
        timeline.append(wire.status_id("J-2"))
    later(clock, 0.2)
    timeline.append(wire.status_id("J-2"))
    assert timeline == [3, 3, 13, 13, 4, 4, 6, 6, 7, 7, 12]
    labels = wire.status_of("J-2")
    assert labels["order_status_label"] == "Complete"
    assert labels["processing"] is False
    assert labels["shipments"][0]["delivery_date"]


def test_a_framed_item_passes_through_framing(wire, clock):
    framed = order("J-FRAMED")
    framed["order_items"][0]["template"] = {"config": {"frame_id": 1101, "width": 5}}
    wire.submit(framed, payment_token="xxxx")
    unknown_frame = order("J-NO-FRAME")
    unknown_frame["order_items"][0]["template"] = {"frame_id": 424242}
    wire.submit(unknown_frame, payment_token="xxxx")
    later(clock, 9)
    assert wire.status_id("J-FRAMED") == 4
    later(clock, 2)
    assert wire.status_of("J-FRAMED")["order_status_label"] == "Framing - Processing"
    assert wire.status_of("J-FRAMED")["processing"] is True
    assert wire.status_id("J-NO-FRAME") == 4
    later(clock, 5)
    assert wire.status_id("J-FRAMED") == 6


def test_some_multi_item_orders_ship_in_two_parcels(wire, clock):
    pos = [f"J-SPLIT-{n}" for n in range(3)]
    for po in pos:
        place(wire, po, items=2)
    later(clock, 20)
    assert sorted(wire.status_id(po) for po in pos) == [6, 6, 48]
    split = next(po for po in pos if wire.status_id(po) == 48)
    assert wire.status_of(split)["order_status_label"] == "Partially Shipped"
    assert len(wire.status_of(split)["shipments"]) == 1
    later(clock, 7)
    assert [wire.status_id(po) for po in pos] == [7, 7, 7]
    counts = sorted(len(wire.status_of(po)["shipments"]) for po in pos)
    assert counts == [1, 1, 2]
    numbers = [s["tracking_number"] for po in pos for s in wire.status_of(po)["shipments"]]
    assert len(set(numbers)) == 4


def test_changes_are_refused_once_production_starts(wire, clock):
    placed = place(wire, "J-LOCK")
    later(clock, 2.1)
    assert wire.status_id("J-LOCK") == 13
    new_recipient = {"order_id": placed["order_id"], "customer_info": order("x")["recipient"]}
    for answer in (
        wire.update(placed["order_id"], "hold"),
        wire("update_customer", new_recipient, verb="PUT")[1],
    ):
        assert answer["status"]["success"] is False
        assert "production" in answer["status"]["message"]


def test_a_hold_stops_the_clock_and_a_release_resumes_it(wire, clock):
    placed = place(wire, "J-HOLD")
    later(clock, 1)
    assert wire.update(placed["order_id"], "hold")["status"]["success"]
    later(clock, 30)
    assert wire.status_of("J-HOLD")["order_status_label"] == "Customer Hold Request"
    assert wire.status_id("J-HOLD") == 30
    assert wire.update(placed["order_id"], "pending")["status"]["success"]
    assert wire.status_id("J-HOLD") == 3
    later(clock, 1.1)
    assert wire.status_id("J-HOLD") == 13


def test_a_cancel_is_requested_at_once_and_done_half_an_hour_later(wire, clock):
    placed = place(wire, "J-CANCEL")
    assert wire.update(placed["order_id"], "cancel")["status"]["success"]
    assert wire.status_of("J-CANCEL")["order_status_label"] == "Cancellation Request"
    later(clock, 0.49)
    assert wire.status_id("J-CANCEL") == 29
    later(clock, 0.02)
    assert wire.status_of("J-CANCEL")["order_status_label"] == "Cancellation"
    again = place(wire, "J-CANCEL")
    assert again["order_id"] != placed["order_id"]
    answer = wire.update(placed["order_id"], "pending")
    assert "cancelled" in answer["status"]["message"]


@pytest.mark.parametrize("street", ["12 Nowhere Road", "12 NOWHERE road", "Road to nowhere 5"])
def test_a_rejected_address_stops_the_order_until_a_new_recipient_fixes_it(wire, clock, street):
    placed = place(wire, "J-REJECT", address_1=street)
    later(clock, 15.9)
    assert wire.status_id("J-REJECT") == 4
    later(clock, 0.2)
    assert wire.status_of("J-REJECT")["order_status_label"] == "UPS/USPS Rejected Address"
    later(clock, 48)
    assert wire.status_id("J-REJECT") == 35
    assert wire.status_of("J-REJECT")["shipments"] == []
    still_wrong = {**order("x")["recipient"], "address_1": "3 Nowhere Lane"}
    assert wire.ok(
        "update_customer", {"order_id": placed["order_id"], "customer_info": still_wrong}
    )
    assert wire.status_id("J-REJECT") == 35
    fixed = {**order("x")["recipient"], "address_1": "3 Somewhere Lane"}
    wire.ok("update_customer", {"order_id": placed["order_id"], "customer_info": fixed}, verb="PUT")
    assert wire.status_id("J-REJECT") == 6, "it carries on from where it stopped"
    later(clock, 10.1)
    assert wire.status_id("J-REJECT") == 7
    later(clock, SD_TRANSIT / HOUR)
    assert wire.status_id("J-REJECT") == 12


def test_the_trigger_is_a_whole_word(wire, clock):
    place(wire, "J-TOWN", address_1="9 Nowhereville Ave")
    later(clock, 17)
    assert wire.status_id("J-TOWN") == 6


def test_a_pinned_status_stands_until_released(wire, clock):
    placed = place(wire, "J-PIN")
    pinned = wire.ok("_sandbox_set_status", {"order_po": "J-PIN", "order_status_id": 99})
    assert pinned["order"]["order_status_id"] == 99
    later(clock, 40)
    status = wire.status_of("J-PIN")
    assert status["order_status_id"] == 99 and "99" in status["order_status_label"]
    listed = wire.ok("_sandbox_orders")["orders"]
    assert [o["order_status_id"] for o in listed if o["order_po"] == "J-PIN"] == [99]
    assert wire.update(placed["order_id"], "hold")["status"]["success"] is False
    wire.ok("_sandbox_set_status", {"order_po": "J-PIN", "order_status_id": None})
    assert wire.status_id("J-PIN") == 7


def test_an_update_releases_a_pin(wire):
    placed = place(wire, "J-PIN-2")
    wire.ok("_sandbox_set_status", {"order_po": "J-PIN-2", "order_status_id": 2})
    assert wire.status_id("J-PIN-2") == 2
    assert wire.update(placed["order_id"], "hold")["status"]["success"]
    assert wire.status_id("J-PIN-2") == 30


def test_set_status_checks_its_body(wire):
    assert wire("_sandbox_set_status", {"order_po": "NONE", "order_status_id": 3})[0] == 400
    place(wire, "J-PIN-3")
    assert wire("_sandbox_set_status", {"order_po": "J-PIN-3", "order_status_id": "7"})[0] == 400
    assert wire("_sandbox_set_status", {"order_status_id": 7})[0] == 400


def test_a_clock_set_back_holds_production_still_instead_of_undoing_it(wire, clock):
    place(wire, "J-JUMP")
    later(clock, 26)
    assert wire.status_id("J-JUMP") == 7
    clock.now -= 3 * 24 * 3600  # the computer's clock goes back three days
    assert wire.status_id("J-JUMP") == 7
    clock.now += 3 * 24 * 3600 - 1
    assert wire.status_id("J-JUMP") == 7, "still standing: the clock has not caught up"
    later(clock, SD_TRANSIT / HOUR + 1)
    assert wire.status_id("J-JUMP") == 12


def test_dates_are_real_moments_not_simulated_ones(wire, clock):
    place(wire, "J-DATES", code="EX")
    later(clock, 30)
    [shipment] = wire.status_of("J-DATES")["shipments"]
    shipped = parse_date(shipment["shipment_date"])
    assert clock.now - 30 * HOUR / SPEED <= shipped <= clock.now
    assert shipment["carrier"] == "FedEx" and shipment["service"] == "2Day"
