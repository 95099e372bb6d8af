"""The simulator core's wire behaviour, request by request, without any transport."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from fwdesk.sandbox.config import SandboxConfig
from fwdesk.sandbox.core import Sandbox
from fwdesk.sandbox.protocol import Fault, SandboxRequest

KEYS = {"web_api_key": "demo", "app_key": "demo"}


@pytest.fixture(scope="module")
def core() -> Sandbox:
    return Sandbox(SandboxConfig())


def call(
    core: Sandbox, method: str, body: object = None, *, verb: str = "POST", headers=KEYS, query=None
):
    raw = b"" if body is None else json.dumps(body).encode()
    answer = core.handle(
        SandboxRequest(verb, f"/v3/{method}", dict(headers), dict(query or {}), raw)
    )
    return answer.status, json.loads(answer.body)


def test_success_envelope(core):
    status, body = call(core, "list_order_status_definitions", verb="GET")
    assert status == 200
    assert body["status"]["success"] is True
    assert body["status"]["status_code"] == 200
    assert body["status"]["message"] == ""
    assert body["status"]["debug"] is None
    assert body["definitions"][0] == {
        "order_status_id": 1,
        "order_status_label": "Waiting Customer Response",
    }


@pytest.mark.parametrize(
    ("headers", "query"),
    [
        ({}, {}),
        ({"web_api_key": "demo"}, {}),
        ({"web_api_key": "demo", "app_key": "nope"}, {}),
        ({"web_api_key": "x", "app_key": "x"}, {}),
        ({}, {"web_api_key": "demo", "app_key": "wrong"}),
    ],
)
def test_bad_credentials_answer_400_with_model_state(core, headers, query):
    status, body = call(core, "list_product_types", {}, headers=headers, query=query)
    assert status == 400
    assert body["Message"] == "The request is invalid."
    assert body["ModelState"]["credentials"] == ["Missing or unauthorized api credentials"]


def test_query_string_is_the_fallback_for_keys(core):
    status, body = call(core, "list_product_types", {}, headers={}, query=KEYS)
    assert status == 200 and body["product_types"]


def test_headers_win_over_the_query_string(core):
    status, _ = call(core, "list_product_types", {}, query={"web_api_key": "bad", "app_key": "bad"})
    assert status == 200


def test_unknown_method_and_wrong_verb(core):
    assert call(core, "list_everything", {})[0] == 404
    assert call(core, "list_product_types", {}, verb="DELETE")[0] == 405
    assert call(core, "update_order", {"order_id": 1, "update_command": "hold"}, verb="POST")[1][
        "status"
    ]["message"].startswith("Order 1 was not found")


def test_malformed_json_body_is_a_400(core):
    answer = core.handle(SandboxRequest("POST", "/v3/list_mats", dict(KEYS), {}, b'{"id": '))
    assert answer.status == 400
    assert "body" in json.loads(answer.body)["ModelState"]


def test_documented_limits(core):
    sku = call(core, "list_virtual_inventory", {"per_page": 1})[1]["products"][0]["sku"]
    item = {"product_sku": sku, "product_qty": 1}
    assert call(core, "get_product_details", [item] * 26)[0] == 400
    assert call(core, "get_product_details", [item] * 25)[0] == 200
    assert call(core, "get_prices", {"products": [item] * 51})[0] == 400
    assert call(core, "get_prices", {"products": []})[0] == 400
    assert call(core, "get_prices", [item] * 50)[0] == 200
    assert call(core, "list_virtual_inventory", {"per_page": 51})[0] == 400
    assert call(core, "list_orders", {"per_page": 26})[0] == 400
    assert call(core, "get_prices", {"products": [{**item, "product_qty": 1000}]})[0] == 400
    assert call(core, "get_prices", {"products": [{**item, "product_qty": 0}]})[0] == 400


def test_a_filter_longer_than_50_is_ignored(core):
    skus = [p["sku"] for p in call(core, "list_virtual_inventory", {"per_page": 50})[1]["products"]]
    few = call(core, "list_virtual_inventory", {"sku_filter": skus[:2], "per_page": 50})[1]
    assert len(few["products"]) == 2
    too_many = call(core, "list_virtual_inventory", {"sku_filter": skus[:2] * 26, "per_page": 50})[
        1
    ]
    assert too_many["count"] == few["count"] + (too_many["count"] - 2) and too_many["count"] > 2


def order_body(po: str, sku: str, **recipient: object) -> dict:
    address = {
        "first_name": "Ann",
        "last_name": "Lee",
        "address_1": "1 Main St",
        "city": "Austin",
        "state_code": "TX",
        "zip_postal_code": "78701",
        "country_code": "us",
        **recipient,
    }
    return {
        "order_po": po,
        "recipient": address,
        "shipping_code": "SD",
        "order_items": [{"product_sku": sku, "product_qty": 1}],
    }


def test_field_limits_and_state_code_rule(core):
    sku = call(core, "list_virtual_inventory", {"per_page": 1})[1]["products"][0]["sku"]
    bad = order_body("P-1", sku, first_name="A" * 51, country_code="ca", zip_postal_code="K1A 0B1")
    status, body = call(core, "submit_orders", {"orders": [bad]})
    assert status == 400
    errors = body["ModelState"]
    assert errors["orders[0].recipient.first_name"] == [
        "The field first_name must be a string with a maximum length of 50."
    ]
    assert errors["orders[0].recipient.state_code"] == [
        "Must be left blank when country_code does not equal 'us'"
    ]
    status, body = call(
        core, "submit_orders", {"orders": [order_body(f"P-{n}", sku) for n in range(6)]}
    )
    assert status == 400 and "orders" in body["ModelState"]


def test_a_rejected_batch_places_nothing(core):
    sku = call(core, "list_virtual_inventory", {"per_page": 1})[1]["products"][0]["sku"]
    good = order_body("BATCH-OK", sku)
    unknown = order_body("BATCH-BAD", "AP9999999P9999999")
    status, body = call(core, "submit_orders", {"orders": [good, unknown]})
    assert status == 200 and body["status"]["success"] is False
    assert call(core, "fetch_order_status", {"order_pos": ["BATCH-OK"]})[1]["orders"] == []


def test_fetch_order_status_finds_nothing_for_nothing(core):
    assert call(core, "fetch_order_status", {})[1]["orders"] == []
    assert call(core, "fetch_order_status", {"order_pos": ["NOPE"]})[1]["orders"] == []
    assert call(core, "fetch_order_status", {"order_pos": "NOPE"})[0] == 400


def submit_request(sku: str, po: str) -> SandboxRequest:
    body = json.dumps({"orders": [order_body(po, sku)]}).encode()
    return SandboxRequest("POST", "/v3/submit_orders", dict(KEYS), {}, body)


def test_faults_strike_before_or_after_applying():
    core = Sandbox(SandboxConfig(fail_rate=1.0, seed=7, latency_ms=40))
    core.faults.fail_rate = 0
    sku = call(core, "list_virtual_inventory", {"per_page": 1})[1]["products"][0]["sku"]
    core.faults.fail_rate = 1.0
    seen = Counter()
    for n in range(120):
        answer = core.handle(submit_request(sku, f"F-{n}"))
        assert answer.delay_s == pytest.approx(0.04)
        placed = any(o.order_po == f"F-{n}" for o in core.book.orders)
        assert placed == answer.applied
        if answer.fault is Fault.NONE and answer.status == 200:
            seen["malformed"] += 1
            with pytest.raises(ValueError):
                json.loads(answer.body)
        else:
            seen[answer.fault.value if answer.fault is not Fault.NONE else str(answer.status)] += 1
    assert {"500", "503", "429", "timeout", "drop", "malformed"} <= set(seen)


def test_fault_free_runs_add_only_latency():
    core = Sandbox(SandboxConfig(latency_ms=200))
    answer = core.handle(SandboxRequest("GET", "/v3/list_order_status_definitions", dict(KEYS)))
    assert answer.status == 200 and answer.fault is Fault.NONE and answer.delay_s == 0.2


def test_control_hooks_change_faults_and_list_orders():
    core = Sandbox(SandboxConfig())
    control = SandboxRequest("POST", "/v3/_sandbox_control", dict(KEYS), {}, b'{"fail_rate": 0.5}')
    assert json.loads(core.handle(control).body)["fail_rate"] == 0.5
    assert core.faults.fail_rate == 0.5
    listing = core.handle(SandboxRequest("GET", "/v3/_sandbox_orders", dict(KEYS)))
    assert json.loads(listing.body)["orders"] == []
    anonymous = core.handle(SandboxRequest("GET", "/v3/_sandbox_orders", {}))
    assert anonymous.status == 400
