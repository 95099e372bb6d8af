"""Pending orders (API.md 9.6): the staging table, and the hook that places them as the shop
would from FinerWorks' dashboard."""

from __future__ import annotations

import pytest
from sandbox_wire import METAL_SKU, Clock, Wire, order

from fwdesk.sandbox.config import SandboxConfig
from fwdesk.sandbox.core import Sandbox

OTHER_KEYS = {"web_api_key": "shop-2", "app_key": "app-2"}


@pytest.fixture
def sandbox() -> Sandbox:
    return Sandbox(SandboxConfig(credentials=[("demo", "demo"), ("shop-2", "app-2")], credits=25.0))


@pytest.fixture
def wire(sandbox) -> Wire:
    return Wire(sandbox)


def save(wire: Wire, *orders: dict, source: str = "spreadsheet") -> list[dict]:
    body = {"orders": list(orders), "source": source, "account_key": None}
    return wire.ok("save_pending_orders", body)["imports"]


def test_saved_orders_get_their_own_ids_and_list_back(wire):
    imports = save(wire, order("PE-1"), order("PE-2"))
    assert [i["order_po"] for i in imports] == ["PE-1", "PE-2"]
    ids = [i["id"] for i in imports]
    assert len(set(ids)) == 2 and all(isinstance(i, int) for i in ids)
    listed = wire.ok("list_pending_orders", {"account_key": None})["orders"]
    assert [o["order_po"] for o in listed] == ["PE-1", "PE-2"]
    assert [o["fulfillment_id"] for o in listed] == ids
    first = listed[0]
    assert first["created_at"] and first["source"] == "spreadsheet"
    assert first["recipient"]["city"] == "Portland"
    assert first["order_items"] == order("PE-1")["order_items"]
    [chosen] = wire.ok("list_pending_orders", {"ids": [ids[1], 424242]})["orders"]
    assert chosen["order_po"] == "PE-2"


def test_pending_orders_are_not_orders(wire):
    save(wire, order("PE-3"))
    assert wire.ok("_sandbox_orders")["orders"] == []
    assert wire.ok("fetch_order_status", {"order_pos": ["PE-3"]})["orders"] == []
    wire.submit(order("PE-3"), payment_token="xxxx")


def test_each_account_has_its_own_table(wire, sandbox):
    save(wire, order("PE-4"))
    assert Wire(sandbox, OTHER_KEYS).ok("list_pending_orders", {})["orders"] == []


def test_saving_checks_the_quote_rules_and_the_order_key(wire):
    bad_qty = order("PE-5")
    bad_qty["order_items"][0]["product_qty"] = 0
    bad_key = {**order("PE-6"), "order_key": "not-a-guid"}
    errors = wire.model_state("save_pending_orders", {"orders": [bad_qty, bad_key]})
    assert set(errors) == {
        "request.orders[0].order_items[0].product_qty",
        "request.orders[1].order_key",
    }
    long_source = wire.model_state(
        "save_pending_orders", {"orders": [order("PE-7")], "source": "s" * 51}
    )
    assert list(long_source) == ["request.source"]
    assert wire.ok("list_pending_orders", {})["orders"] == []


def test_delete_removes_the_named_ones_and_ignores_unknown_ids(wire):
    ids = [i["id"] for i in save(wire, order("PE-8"), order("PE-9"))]
    wire.ok("delete_pending_orders", {"ids": [ids[0], 999_999]})
    assert [o["order_po"] for o in wire.ok("list_pending_orders", {})["orders"]] == ["PE-9"]
    assert list(wire.model_state("delete_pending_orders", {})) == ["request.ids"]
    assert list(wire.model_state("list_pending_orders", {"ids": ["x"]})) == ["request.ids"]


def test_placing_submits_them_from_credits_and_empties_the_table(wire):
    ids = [
        i["id"]
        for i in save(wire, order("PE-10"), {**order("PE-11", METAL_SKU), "test_mode": True})
    ]
    answer = wire.ok("_sandbox_place_pending", {"ids": ids})
    assert [o["order_po"] for o in answer["orders"]] == ["PE-10", "PE-11"]
    assert answer["not_placed"] == []
    assert wire.ok("list_pending_orders", {})["orders"] == []
    assert wire.status_id("PE-10") == 3 and wire.status_id("PE-11") == 3
    assert wire.credits() < 25.0
    assert [o["test_mode"] for o in answer["orders"]] == [False, True]


def test_placing_without_enough_credits_leaves_the_order_unpaid(wire):
    [entry] = save(wire, order("PE-12", METAL_SKU))
    answer = wire.ok("_sandbox_place_pending", {"ids": [entry["id"]]})
    assert answer["orders"][0]["order_status"] == "Payment Failed"
    assert wire.status_id("PE-12") == 49
    assert wire.ok("list_pending_orders", {})["orders"] == []


def test_an_order_that_cannot_be_placed_stays_pending(wire):
    wire.submit(order("PE-13"), payment_token="xxxx")
    unknown = order("PE-14", "AP1P1")
    ids = [i["id"] for i in save(wire, order("PE-13"), unknown)]
    answer = wire.ok("_sandbox_place_pending", {"ids": ids})
    assert answer["orders"] == []
    reasons = {entry["order_po"]: entry["reason"] for entry in answer["not_placed"]}
    assert "Duplicate order_po" in reasons["PE-13"] and "AP1P1" in reasons["PE-14"]
    assert len(wire.ok("list_pending_orders", {})["orders"]) == 2


def test_a_pending_order_without_a_shipping_code_ships_as_preferred(wire):
    wire.ok("update_user", {"shipping_preferences": ["4"]})
    [entry] = save(wire, {**order("PE-15"), "shipping_code": None})
    wire.ok("_sandbox_place_pending", {"ids": [entry["id"]]})
    [receipt] = wire.ok("list_orders", {"order_pos": ["PE-15"]})["orders"]
    assert receipt["shipping_code"] == "ON"


def test_the_table_survives_a_restart(tmp_path):
    config = SandboxConfig(state_file=tmp_path / "state.json")
    [entry] = save(Wire(Sandbox(config, clock=Clock())), order("PE-16"))
    again = Wire(Sandbox(config, clock=Clock()))
    [kept] = again.ok("list_pending_orders", {})["orders"]
    assert kept["fulfillment_id"] == entry["id"]
    [fresh] = save(again, order("PE-17"))
    assert fresh["id"] > entry["id"]
