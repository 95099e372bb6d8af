"""Submitting and paying: tokens, credits, payment failures, reused POs, lagging lookups, and
the shapes a submit accepts (API.md 9.2, 1.4, 9.7)."""

from __future__ import annotations

import pytest
from sandbox_wire import CARD_SKU, METAL_SKU, Clock, Wire, order

from fwdesk.sandbox.config import SandboxConfig
from fwdesk.sandbox.core import Sandbox

VISA = "tok_demo_visa_4242"
DECLINED = "tok_demo_mastercard_0005"
GUID = "1b4e28ba-2fa1-11d2-883f-0016d3cca427"


@pytest.fixture
def clock() -> Clock:
    return Clock()


SMALL_BALANCE = 25.0
"""Enough for one small print, not for a metal one or several: both sides of the credit check."""


def sandbox(clock: Clock | None = None, **config) -> Wire:
    config.setdefault("credits", SMALL_BALANCE)
    return Wire(Sandbox(SandboxConfig(**config), clock=clock or Clock()))


@pytest.fixture
def wire(clock) -> Wire:
    return sandbox(clock)


def grand_total(wire: Wire, placed_order: dict) -> float:
    found = wire.ok("list_orders", {"order_pos": [placed_order["order_po"]]})["orders"]
    return found[0]["totals"]["order_grand_total"]


# -- credits ------------------------------------------------------------------------------


@pytest.mark.parametrize("token", ["absent", None, ""])
def test_no_token_pays_from_credits(wire, token):
    extra = {} if token == "absent" else {"payment_token": token}
    assert wire.credits() == 25.0
    [placed] = wire.submit(order("C-1"), **extra)["orders"]
    total = grand_total(wire, placed)
    assert 0 < total < 25
    assert wire.credits() == pytest.approx(25.0 - total)
    [receipt] = wire.ok("list_orders", {"order_pos": ["C-1"]})["orders"]
    assert receipt["totals"]["order_credits_used"] == total
    assert receipt["payment_type_name"] == "Account Credits"
    assert wire.status_id("C-1") == 3


def test_credits_that_do_not_cover_the_orders_leave_them_unpaid(wire, clock):
    answer = wire.refused("submit_orders_v2", {"orders": [order("C-2", METAL_SKU)]})
    message = answer["status"]["message"]
    assert message.startswith("Payment failed")
    assert "not enough account credits" in message
    [listed] = answer["orders"]
    assert listed["order_po"] == "C-2" and listed["order_id"]
    assert listed["order_status"] == "Payment Failed"
    assert wire.credits() == 25.0
    clock.advance_sim(48 * 3600, 1.0)
    assert wire.status_of("C-2")["order_status_label"] == "Payment Failed"
    assert wire.status_id("C-2") == 49


def test_the_credit_check_covers_every_live_order_of_the_request(wire):
    cheap = [order(f"C-3-{n}") for n in range(4)]
    answer = wire.refused("submit_orders_v2", {"orders": cheap})
    assert "not enough account credits" in answer["status"]["message"]
    assert [wire.status_id(o["order_po"]) for o in cheap] == [49] * 4
    assert wire.credits() == 25.0


def test_the_opening_balance_comes_from_the_config():
    rich = sandbox(credits=1000.0)
    [placed] = rich.submit(order("C-4", METAL_SKU))["orders"]
    assert rich.credits() == pytest.approx(1000.0 - grand_total(rich, placed))


def test_test_orders_cost_nothing_and_are_placed_even_beside_an_unpaid_one(wire):
    answer = wire.refused(
        "submit_orders_v2",
        {"orders": [order("C-5", METAL_SKU), {**order("C-6"), "test_mode": True}]},
    )
    assert [o["order_status"] for o in answer["orders"]] == ["Payment Failed", "Order Received"]
    assert [o["test_mode"] for o in answer["orders"]] == [False, True]


# -- tokens -------------------------------------------------------------------------------


def test_xxxx_makes_every_order_a_test_order_and_charges_nothing(wire):
    received = wire.submit(order("T-1", METAL_SKU), order("T-2"), payment_token="xxxx")["orders"]
    assert [o["test_mode"] for o in received] == [True, True]
    assert wire.credits() == 25.0
    assert wire.status_id("T-1") == 3


def test_an_app_in_test_mode_charges_nothing():
    test_app = sandbox(app_live_mode=False)
    [placed] = test_app.submit(order("T-3", METAL_SKU))["orders"]
    assert placed["test_mode"] is True and test_app.credits() == 25.0


def test_a_saved_card_pays_and_the_declined_one_fails(wire):
    [paid] = wire.submit(order("K-1", METAL_SKU), payment_token=VISA)["orders"]
    [receipt] = wire.ok("list_orders", {"order_pos": ["K-1"]})["orders"]
    assert receipt["payment_type_name"] == "Credit Card"
    assert receipt["card_number"].endswith("4242")
    assert wire.credits() == 25.0 and paid["order_status"] == "Order Received"
    answer = wire.refused("submit_orders_v2", {"orders": [order("K-2")], "payment_token": DECLINED})
    assert answer["status"]["message"].startswith("Payment failed")
    assert "declined" in answer["status"]["message"] and "0005" in answer["status"]["message"]
    assert wire.status_id("K-2") == 49


def test_an_unknown_token_fails_payment(wire):
    answer = wire.refused("submit_orders_v2", {"orders": [order("K-3")], "payment_token": "tok_x"})
    assert answer["status"]["message"].startswith("Payment failed")
    assert wire.status_id("K-3") == 49


def test_a_token_that_is_not_text_is_a_field_error(wire):
    errors = wire.model_state("submit_orders_v2", {"orders": [order("K-4")], "payment_token": 7})
    assert list(errors) == ["request.payment_token"]


def test_invoice_needs_the_account_flag(wire):
    answer = wire.refused(
        "submit_orders_v2", {"orders": [order("I-1")], "payment_token": "invoice"}
    )
    assert "invoice" in answer["status"]["message"].lower()
    assert wire.status_id("I-1") == 49
    invoiced = sandbox(invoice_allowed=True)
    [placed] = invoiced.submit(order("I-2", METAL_SKU), payment_token="invoice")["orders"]
    assert placed["order_status"] == "Order Received" and invoiced.credits() == 25.0


def test_submit_orders_v1_bills_the_card_on_file(wire):
    [placed] = wire.ok("submit_orders", {"orders": [order("V1-1", METAL_SKU)]})["orders"]
    assert placed["order_status"] == "Order Received"
    assert wire.credits() == 25.0


def test_validate_only_never_charges_nor_creates(wire):
    answer = wire.ok("submit_orders_v2", {"orders": [order("VO-1")], "validate_only": True})
    assert "orders" not in answer
    assert wire.credits() == 25.0
    assert wire.ok("_sandbox_orders")["orders"] == []
    bad = wire.refused(
        "submit_orders_v2", {"orders": [order("VO-2", "AP1P1")], "validate_only": True}
    )
    assert "AP1P1" in bad["status"]["message"]


# -- a reused PO --------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["submit_orders", "submit_orders_v2"])
def test_a_reused_po_is_a_400_and_nothing_of_the_request_is_placed(wire, method):
    wire.submit(order("D-1"), payment_token="xxxx")
    errors = wire.model_state(method, {"orders": [order("D-NEW"), order("D-1")]})
    assert errors == {
        "request.orders[1].order_po": [
            "Duplicate order_po 'D-1' - this order has already been submitted."
        ]
    }
    assert [o["order_po"] for o in wire.ok("_sandbox_orders")["orders"]] == ["D-1"]


def test_the_same_po_twice_in_one_request_is_a_duplicate(wire):
    errors = wire.model_state("submit_orders_v2", {"orders": [order("D-2"), order("D-2")]})
    assert "Duplicate order_po" in errors["request.orders[1].order_po"][0]
    assert wire.ok("_sandbox_orders")["orders"] == []


def test_an_unpaid_order_keeps_its_po_and_a_cancelled_one_frees_it(wire):
    wire.refused("submit_orders_v2", {"orders": [order("D-3", METAL_SKU)]})
    assert "Duplicate order_po" in str(
        wire.model_state("submit_orders_v2", {"orders": [order("D-3")]})
    )
    [unpaid] = wire.ok("_sandbox_orders")["orders"]
    assert wire.update(unpaid["order_id"], "cancel")["status"]["success"]
    wire.submit(order("D-3"), payment_token="xxxx")
    assert [o["submission"] for o in wire.ok("_sandbox_orders")["orders"]] == ["cancel", "pending"]


# -- lookups that lag ---------------------------------------------------------------------


def test_a_new_order_is_invisible_to_lookups_for_the_lag_but_its_po_is_used_at_once(clock):
    lagging = sandbox(clock, lookup_lag_s=5.0)
    [placed] = lagging.submit(order("L-1"), payment_token="xxxx")["orders"]
    assert lagging.ok("fetch_order_status", {"order_pos": ["L-1"]})["orders"] == []
    assert lagging.ok("fetch_order_status", {"order_ids": [placed["order_id"]]})["orders"] == []
    listed = lagging.ok("list_orders", {"order_pos": ["L-1"]})
    assert listed["orders"] == [] and listed["total_count"] == 0
    query = {"order_guid": placed["order_guid"], "order_email": "ann@example.net"}
    lagging.refused("get_order", verb="GET", query=query)
    resend = lagging.model_state("submit_orders_v2", {"orders": [order("L-1")]})
    assert "Duplicate order_po" in resend["request.orders[0].order_po"][0]
    assert [o["order_po"] for o in lagging.ok("_sandbox_orders")["orders"]] == ["L-1"]
    clock.now += 5.0
    assert lagging.status_id("L-1") == 3
    assert lagging.ok("list_orders", {"order_pos": ["L-1"]})["total_count"] == 1
    assert lagging.ok("get_order", verb="GET", query=query)["order"]["order_po"] == "L-1"


# -- what a submit accepts ----------------------------------------------------------------


def option_ids(wire: Wire) -> dict[str, int]:
    quote = wire.ok("list_shipping_options_multiple", {"orders": [order("Q")]})["orders"][0]
    return {option["shipping_code"]: option["id"] for option in quote["options"]}


@pytest.mark.parametrize("form", ["letters", "lower", "number", "text"])
def test_shipping_code_is_a_letter_code_or_an_option_id(wire, form):
    ids = option_ids(wire)
    code = {"letters": "EX", "lower": "ex", "number": ids["EX"], "text": str(ids["EX"])}[form]
    wire.submit(order("S-1", code=code), payment_token="xxxx")
    [receipt] = wire.ok("list_orders", {"order_pos": ["S-1"]})["orders"]
    assert receipt["shipping_code"] == "EX" and receipt["shipping_method"] == "2Day"


def test_an_unknown_shipping_code_is_refused(wire):
    answer = wire.refused("submit_orders_v2", {"orders": [order("S-2", code=99999)]})
    assert "99999" in answer["status"]["message"]
    assert wire("submit_orders_v2", {"orders": [order("S-3", code=True)]})[0] == 400


@pytest.mark.parametrize("key", [None, GUID, GUID.upper()])
def test_order_key_may_be_null_or_a_guid(wire, key):
    wire.submit({**order("OK-1"), "order_key": key}, payment_token="xxxx")


@pytest.mark.parametrize("key", ["not-a-guid", 12, ["x"]])
def test_any_other_order_key_is_a_field_error(wire, key):
    errors = wire.model_state("submit_orders_v2", {"orders": [{**order("OK-2"), "order_key": key}]})
    assert list(errors) == ["request.orders[0].order_key"]


def test_the_extra_order_fields_are_accepted_and_source_is_echoed(wire):
    extra = {
        "source": "shopify",
        "order_status": "open",
        "webhook_order_status_url": "https://shop.example/hook",
    }
    [placed] = wire.submit({**order("X-1"), **extra}, payment_token="xxxx")["orders"]
    assert placed["order_source"] == "shopify"
    assert wire.status_of("X-1")["order_source"] == "shopify"


def test_received_orders_carry_the_documented_fields(wire):
    [placed] = wire.submit(order("R-1"), payment_token="xxxx")["orders"]
    assert {
        "order_po",
        "order_id",
        "order_confirmation_id",
        "order_confirmation_datetime",
        "order_source",
        "order_guid",
        "order_email",
        "order_status",
    } <= set(placed)
    assert placed["order_email"] == "ann@example.net"
    assert placed["order_confirmation_id"] != placed["order_id"]


def test_the_batch_limits(wire):
    many = {"orders": [order(f"B-{n}") for n in range(51)], "payment_token": "xxxx"}
    assert list(wire.model_state("submit_orders_v2", many)) == ["request.orders"]
    many["orders"] = many["orders"][:50]
    assert len(wire.submit(*many["orders"], payment_token="xxxx")["orders"]) == 50
    six = {"orders": [order(f"B1-{n}") for n in range(6)]}
    assert list(wire.model_state("submit_orders", six)) == ["request.orders"]


def test_a_product_code_needs_its_image(wire):
    answer = wire.refused("submit_orders_v2", {"orders": [order("PC-1", "1M11M102S16X20")]})
    assert "missing or invalid info" in answer["status"]["message"]
    with_image = order("PC-2", "1M11M102S16X20")
    with_image["order_items"][0]["product_image"] = {"pixel_width": 4800, "pixel_height": 6000}
    wire.submit(with_image, payment_token="xxxx")


def test_credits_persist_across_a_restart(tmp_path, clock):
    config = SandboxConfig(state_file=tmp_path / "state.json")
    first = Wire(Sandbox(config, clock=clock))
    [placed] = first.submit(order("P-1", CARD_SKU))["orders"]
    left = first.credits()
    assert left < config.credits
    again = Wire(Sandbox(config, clock=clock))
    assert again.credits() == left
    assert again.status_of("P-1")["order_id"] == placed["order_id"]
