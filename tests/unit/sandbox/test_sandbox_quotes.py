"""Quotes as section 9.3 describes them: options with stable ids and a transit time, the
preferred option from the account's shipping preferences, field errors keyed under
``request.``, and the option ids for cross-reference."""

from __future__ import annotations

import pytest
from sandbox_wire import METAL_SKU, Wire, order

from fwdesk.sandbox.config import SandboxConfig
from fwdesk.sandbox.core import Sandbox

OPTION_FIELDS = {
    "id",
    "rate",
    "shipping_method",
    "shipping_class_code",
    "carrier",
    "transit_time",
    "shipping_code",
    "calculated_total",
}
TOTAL_FIELDS = {
    "order_po",
    "order_subtotal",
    "order_discount",
    "order_shipping_rate",
    "order_sales_tax",
    "order_grand_total",
    "order_credits_used",
}


@pytest.fixture
def wire() -> Wire:
    return Wire(Sandbox(SandboxConfig()))


def quote(wire: Wire, *orders: dict) -> list[dict]:
    body = {"account_key": None, "orders": list(orders)}
    return wire.ok("list_shipping_options_multiple", body)["orders"]


def test_each_order_gets_its_options_in_the_section_9_shape(wire):
    [first, second] = quote(wire, order("Q-1"), order("Q-2", METAL_SKU, items=2))
    assert (first["order_po"], second["order_po"]) == ("Q-1", "Q-2")
    for quoted in (first, second):
        assert quoted["options"]
        for option in quoted["options"]:
            assert set(option) >= OPTION_FIELDS
            assert isinstance(option["id"], int) and not isinstance(option["id"], bool)
            assert option["transit_time"].endswith("business days")
            assert set(option["calculated_total"]) >= TOTAL_FIELDS
            assert option["calculated_total"]["order_po"] == quoted["order_po"]
    assert (
        first["options"][0]["calculated_total"]["order_subtotal"]
        < (second["options"][0]["calculated_total"]["order_subtotal"])
    )


def test_option_ids_are_stable_for_one_service_and_destination(wire):
    cheap, dear = quote(wire, order("Q-3"), order("Q-4", METAL_SKU, items=3))
    ids = {o["shipping_code"]: o["id"] for o in cheap["options"]}
    assert ids == {o["shipping_code"]: o["id"] for o in dear["options"]}
    [abroad] = quote(
        wire, order("Q-5", country_code="de", state_code=None, zip_postal_code="10115")
    )
    assert {o["shipping_code"]: o["id"] for o in abroad["options"]}["EC"] != ids["EC"]


def preferred(wire: Wire) -> dict:
    [quoted] = quote(wire, order("Q-P"))
    return quoted


@pytest.mark.parametrize(
    ("preferences", "pick"),
    [
        (None, "cheapest"),
        (["1"], "cheapest"),
        (["4"], "fastest"),
        (["4", "1"], "fastest"),
        (["2", "3"], "cheapest"),
        (["2", "4"], "fastest"),
        ([3, 4], "fastest"),
        ([], "cheapest"),
    ],
)
def test_the_preferred_option_follows_the_shipping_preferences(wire, preferences, pick):
    if preferences is not None:
        wire.ok("update_user", {"shipping_preferences": preferences}, verb="PUT")
    quoted = preferred(wire)
    options = quoted["options"]
    assert quoted["preferred_option"] in options
    if pick == "cheapest":
        assert quoted["preferred_option"]["rate"] == min(o["rate"] for o in options)
    else:
        assert quoted["preferred_option"]["shipping_code"] == "ON"
        assert quoted["preferred_option"]["transit_time"] == "1-2 business days"


def test_field_errors_are_keyed_like_aspnet_binds_the_request(wire):
    bad_zip = order("Q-E1", zip_postal_code="12345678901")
    bad_qty = order("Q-E2", items=2)
    bad_qty["order_items"][1]["product_qty"] = 0
    errors = wire.model_state("list_shipping_options_multiple", {"orders": [bad_zip, bad_qty]})
    assert set(errors) == {
        "request.orders[0].recipient.zip_postal_code",
        "request.orders[1].order_items[1].product_qty",
    }
    single = wire.model_state("list_shipping_options", {**order("Q-E3"), "order_items": []})
    assert list(single) == ["request.order_items"]


def test_a_quote_needs_no_shipping_code(wire):
    unquoted = {**order("Q-6"), "shipping_code": None}
    assert quote(wire, unquoted)[0]["options"]


def test_an_unknown_sku_in_a_quote_is_refused(wire):
    answer = wire.refused("list_shipping_options_multiple", {"orders": [order("Q-7", "AP1P1")]})
    assert "AP1P1" in answer["status"]["message"]


def test_the_single_order_quote_has_the_same_option_shape(wire):
    options = wire.ok("list_shipping_options", order("Q-8"))["shipping_options"]
    assert options == quote(wire, order("Q-8"))[0]["options"]


@pytest.mark.parametrize("verb", ["GET", "POST"])
def test_shipping_option_ids_cross_reference_the_quotes(wire, verb):
    listed = wire.ok("get_shipping_options_ids", verb=verb)["shipping_options"]
    assert all({"id", "shipping_code", "shipping_method"} <= set(o) for o in listed)
    assert len({o["id"] for o in listed}) == len(listed)
    quoted = {(o["id"], o["shipping_code"]) for o in quote(wire, order("Q-9"))[0]["options"]}
    assert quoted <= {(o["id"], o["shipping_code"]) for o in listed}


def test_shipping_option_ids_of_one_type(wire):
    domestic = wire.ok("get_shipping_options_ids", verb="GET", query={"type": "1"})
    ids = [o["id"] for o in domestic["shipping_options"]]
    assert ids and all(100 < i < 200 for i in ids)
    assert not any(o["is_international"] for o in domestic["shipping_options"])
    by_body = wire.ok("get_shipping_options_ids", {"type": 4})["shipping_options"]
    assert by_body and all(o["is_international"] for o in by_body)
    assert (
        wire.ok("get_shipping_options_ids", verb="GET", query={"type": "9"})["shipping_options"]
        == []
    )
    errors = wire.model_state("get_shipping_options_ids", verb="GET", query={"type": "x"})
    assert list(errors) == ["type"]
