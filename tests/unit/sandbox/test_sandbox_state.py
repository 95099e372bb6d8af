"""The ``--state`` file: everything an account changes survives a restart, and files written
by the previous version (orders only, version 1) still load."""

from __future__ import annotations

import json

import pytest
from sandbox_wire import HOUR, Clock, Wire, order

from fwdesk.sandbox.config import SandboxConfig
from fwdesk.sandbox.core import Sandbox

SPEED = 60.0


def v1_order(**changes) -> dict:
    """An order exactly as the version 1 simulator wrote it."""
    record = {
        "account": "acct-0001",
        "order_id": 5530007,
        "confirmation_id": 8810007,
        "order_guid": "0d6f3e1a-5b7c-5d2e-9f10-2a3b4c5d6e7f",
        "order_po": "OLD-1",
        "details": order("OLD-1"),
        "totals": {"order_po": "OLD-1", "order_grand_total": 17.5},
        "shipping_method": "Ground",
        "carrier": "UPS",
        "transit_days": 5,
        "test_mode": False,
        "payment_type": "Credit Card",
        "submitted_at": 1_800_000_000.0,
        "released_at": 1_800_000_000.0,
        "aged_before_hold": 0.0,
        "submission": "pending",
        "cancelled_at": None,
        "held_at": None,
        "history": [],
    }
    return {**record, **changes}


def write_v1(path, orders: list[dict]) -> None:
    data = {"version": 1, "next_id": 5530008, "next_confirmation": 8810008, "orders": orders}
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture
def clock() -> Clock:
    return Clock()


def test_a_version_1_file_loads_and_is_rewritten_as_version_2(tmp_path, clock):
    state = tmp_path / "state.json"
    held = v1_order(
        order_id=5530006,
        confirmation_id=8810006,
        order_po="OLD-HELD",
        submission="hold",
        released_at=None,
        held_at=1_800_000_000.0,
    )
    write_v1(state, [v1_order(), held])
    wire = Wire(Sandbox(SandboxConfig(speed=SPEED, state_file=state), clock=clock))
    assert wire.status_id("OLD-1") == 3
    assert wire.status_id("OLD-HELD") == 30
    clock.advance_sim(5 * HOUR, SPEED)
    assert wire.status_id("OLD-1") == 4
    [receipt] = wire.ok("list_orders", {"order_pos": ["OLD-1"]})["orders"]
    assert receipt["shipping_code"] == "SD" and receipt["card_number"].endswith("4242")
    resend = wire.model_state("submit_orders_v2", {"orders": [order("OLD-1")]})
    assert "Duplicate order_po" in resend["request.orders[0].order_po"][0]
    [placed] = wire.submit(order("NEW-1"), payment_token="xxxx")["orders"]
    assert placed["order_id"] == 5530008
    saved = json.loads(state.read_text(encoding="utf-8"))
    assert saved["version"] == 2
    assert {"accounts", "pending", "inventory", "images"} <= set(saved)


def test_unknown_keys_are_ignored_and_missing_ones_defaulted(tmp_path, clock, caplog):
    state = tmp_path / "state.json"
    sparse = v1_order(order_po="OLD-SPARSE", order_id=5530009, future_field={"x": 1})
    for key in ("totals", "shipping_method", "transit_days", "history", "aged_before_hold"):
        del sparse[key]
    broken = {"order_po": "OLD-BROKEN"}
    write_v1(state, [sparse, broken])
    wire = Wire(Sandbox(SandboxConfig(state_file=state), clock=clock))
    assert wire.status_id("OLD-SPARSE") == 3
    assert [o["order_po"] for o in wire.ok("_sandbox_orders")["orders"]] == ["OLD-SPARSE"]
    assert ["unreadable order" in r.getMessage() for r in caplog.records] == [True]


def test_an_unreadable_file_is_kept_aside_and_the_sandbox_starts_empty(tmp_path, clock, caplog):
    state = tmp_path / "state.json"
    state.write_text("{not json", encoding="utf-8")
    wire = Wire(Sandbox(SandboxConfig(state_file=state), clock=clock))
    assert wire.ok("_sandbox_orders")["orders"] == []
    assert (tmp_path / "state.json.unreadable").read_text(encoding="utf-8") == "{not json"
    assert any("moved it to" in r.getMessage() for r in caplog.records)


def test_everything_an_account_changes_survives_a_restart(tmp_path, clock):
    config = SandboxConfig(speed=SPEED, state_file=tmp_path / "state.json")
    first = Wire(Sandbox(config, clock=clock))
    [held] = first.submit(order("ST-1"), payment_token="xxxx")["orders"]
    first.update(held["order_id"], "hold")
    first.submit(order("ST-2"))
    first.ok("update_user", {"shipping_preferences": ["4", "1"]})
    first.ok("save_pending_orders", {"orders": [order("ST-3")]})
    first.ok(
        "update_virtual_inventory", {"virtual_inventory": [{"sku": "AP2222P48844", "name": "Z"}]}
    )
    first.ok("delete_virtual_inventory", {"skus": ["AP2210P48817"]}, verb="DELETE")
    library = {"name": "inventory", "session_id": "session-0001", "site_id": 2}
    [image] = first.ok("add_images", {"images": [{"title": "kept"}], "library": library})["images"]
    credits = first.credits()

    again = Wire(Sandbox(config, clock=clock))
    assert again.status_id("ST-1") == 30
    assert again.credits() == credits < SandboxConfig.credits
    assert again.ok("get_user", verb="GET")["user_account"]["shipping_preferences"] == ["4", "1"]
    assert [o["order_po"] for o in again.ok("list_pending_orders", {})["orders"]] == ["ST-3"]
    inventory = again.ok("list_virtual_inventory", {"sku_filter": ["AP2222P48844"]})
    assert inventory["products"][0]["name"] == "Z"
    assert again.ok("list_virtual_inventory", {"sku_filter": ["AP2210P48817"]})["products"] == []
    found = again.ok("list_images", {"library": library, "guid_filter": [image["guid"]]})
    assert [i["title"] for i in found["images"]] == ["kept"]
    [next_image] = again.ok("add_images", {"images": [{"title": "new"}], "library": library})[
        "images"
    ]
    assert next_image["guid"] != image["guid"]


def test_accounts_without_a_key_pair_this_run_keep_their_saved_profile(tmp_path, clock):
    state = tmp_path / "state.json"
    both = SandboxConfig(state_file=state, credentials=[("demo", "demo"), ("k2", "a2")])
    second = Wire(Sandbox(both, clock=clock), {"web_api_key": "k2", "app_key": "a2"})
    second.ok("update_user", {"shipping_preferences": ["4"]})
    Sandbox(SandboxConfig(state_file=state), clock=clock).close()
    back = Wire(Sandbox(both, clock=clock), {"web_api_key": "k2", "app_key": "a2"})
    assert back.ok("get_user", verb="GET")["user_account"]["shipping_preferences"] == ["4"]
