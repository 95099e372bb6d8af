"""The simulator core's wire behaviour, request by request, without any transport."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from sandbox_wire import CARD_SKU, KEYS, Wire, order

from fwdesk.sandbox.config import SandboxConfig
from fwdesk.sandbox.core import DECISIONS, HOOKS, ROUTES, Sandbox
from fwdesk.sandbox.protocol import Fault, SandboxRequest


@pytest.fixture(scope="module")
def core() -> Sandbox:
    return Sandbox(SandboxConfig())


@pytest.fixture
def wire(core) -> Wire:
    return Wire(core)


def test_success_envelope(wire):
    status, body = wire("list_order_status_definitions", verb="GET")
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
def test_bad_credentials_answer_400_with_model_state(wire, headers, query):
    errors = wire.model_state("list_product_types", {}, headers=headers, query=query)
    assert errors == {"credentials": ["Missing or unauthorized api credentials"]}


def test_query_string_is_the_fallback_for_keys(wire):
    status, body = wire("list_product_types", {}, headers={}, query=KEYS)
    assert status == 200 and body["product_types"]


def test_headers_win_over_the_query_string(wire):
    status, _ = wire("list_product_types", {}, query={"web_api_key": "bad", "app_key": "bad"})
    assert status == 200


def test_unknown_method_and_wrong_verbs(wire):
    assert wire("list_everything", {})[0] == 404
    assert wire("list_product_types", {}, verb="DELETE")[0] == 405
    assert wire("list_product_types", verb="GET")[0] == 405
    assert wire("submit_orders_v2", verb="GET")[0] == 405
    assert wire("update_order", {}, verb="DELETE")[0] == 405
    assert wire("delete_virtual_inventory", {"skus": ["X"]}, verb="PUT")[0] == 405


GET_METHODS = sorted(name for name, route in ROUTES.items() if "GET" in route.verbs)


def test_the_get_methods_are_the_documented_ones():
    assert GET_METHODS == [
        "get_company_info",
        "get_order",
        "get_payment_tokens",
        "get_shipping_options_ids",
        "get_user",
        "list_order_status_definitions",
        "test_my_credentials",
    ]


@pytest.mark.parametrize("method", [m for m in GET_METHODS if m != "get_order"])
def test_every_get_method_also_answers_post_with_a_null_body(wire, method):
    by_get = wire(method, verb="GET")
    by_post = wire(method, None, verb="POST")
    assert by_get[0] == by_post[0] == 200
    assert by_post[1]["status"]["success"] is True
    assert set(by_post[1]) == set(by_get[1])


def test_a_third_party_client_calls_work_as_it_sends_them(wire):
    """POST with the body null for two GET methods, and list_images with a bare filter."""
    assert wire.ok("list_order_status_definitions", None)["definitions"]
    assert wire.ok("test_my_credentials", None)["user_account"]["account_username"] == "demo"
    assert wire.ok("list_images", {"search_filter": ""})["images"]


@pytest.mark.parametrize(
    ("method", "verb"),
    [(m, v) for m, route in sorted({**ROUTES, **HOOKS}.items()) for v in route.verbs],
)
@pytest.mark.parametrize("body", [{}, None, [], "text"])
def test_every_method_answers_any_body_without_crashing(wire, method, verb, body):
    status, answer = wire(method, body, verb=verb)
    assert status in (200, 400), answer
    assert "status" in answer or "ModelState" in answer


def test_an_address_check_corrects_and_refuses(wire):
    recipient = {**order("A")["recipient"], "city": "PORTLAND", "zip_postal_code": "972051234"}
    address = wire.ok("validate_recipient_address", {"recipient": recipient})["address"]
    assert (address["city"], address["zip_postal_code"]) == ("Portland", "97205-1234")
    elsewhere = {**recipient, "state_code": "TX"}
    answer = wire.refused("validate_recipient_address", {"recipient": elsewhere})
    assert "not in TX" in answer["status"]["message"]
    assert list(wire.model_state("validate_recipient_address", {})) == ["request.recipient"]


def test_put_methods_also_take_post(wire):
    assert wire.ok("update_user", {"logo_url": None}, verb="POST")
    assert wire.ok("update_user", {"logo_url": None}, verb="PUT")


def test_malformed_json_and_non_object_bodies_are_400_keyed_request(core, wire):
    answer = core.handle(SandboxRequest("POST", "/v3/list_mats", dict(KEYS), {}, b'{"id": '))
    assert answer.status == 400
    assert list(json.loads(answer.body)["ModelState"]) == ["request"]
    assert list(wire.model_state("list_orders", [1, 2])) == ["request"]


def test_documented_limits(wire):
    item = {"product_sku": CARD_SKU, "product_qty": 1}
    assert wire("get_product_details", [item] * 26)[0] == 400
    assert wire("get_product_details", [item] * 25)[0] == 200
    assert wire("get_prices", {"products": [item] * 51})[0] == 400
    assert wire("get_prices", {"products": []})[0] == 400
    assert wire("get_prices", [item] * 50)[0] == 200
    assert wire("list_virtual_inventory", {"per_page": 51})[0] == 400
    assert wire("list_orders", {"per_page": 26})[0] == 400
    errors = wire.model_state("get_prices", {"products": [item, {**item, "product_qty": 1000}]})
    assert list(errors) == ["request.products[1].product_qty"]
    assert wire("get_prices", {"products": [{**item, "product_qty": 0}]})[0] == 400


def test_a_filter_longer_than_50_is_ignored(wire):
    skus = [p["sku"] for p in wire.ok("list_virtual_inventory", {"per_page": 50})["products"]]
    few = wire.ok("list_virtual_inventory", {"sku_filter": skus[:2], "per_page": 50})
    assert few["count"] == 2
    too_many = wire.ok("list_virtual_inventory", {"sku_filter": skus[:2] * 26, "per_page": 50})
    assert too_many["count"] == len(skus)


def test_field_errors_are_keyed_under_request(wire):
    bad = order("P-1", first_name="A" * 51, country_code="ca", zip_postal_code="K1A 0B1")
    errors = wire.model_state("submit_orders", {"orders": [bad]})
    assert errors["request.orders[0].recipient.first_name"] == [
        "The field first_name must be a string with a maximum length of 50."
    ]
    assert errors["request.orders[0].recipient.state_code"] == [
        "Must be left blank when country_code does not equal 'us'"
    ]
    too_many = wire.model_state("submit_orders", {"orders": [order(f"P-{n}") for n in range(6)]})
    assert list(too_many) == ["request.orders"]


def test_query_parameter_errors_keep_their_own_names(wire):
    errors = wire.model_state("get_order", verb="GET", query={"order_guid": "x"})
    assert list(errors) == ["order_email"]


def test_a_rejected_batch_places_nothing(wire):
    unknown = order("BATCH-BAD", "AP9999999P9999999")
    answer = wire.refused("submit_orders", {"orders": [order("BATCH-OK"), unknown]})
    assert "AP9999999P9999999" in answer["status"]["message"]
    assert wire.ok("fetch_order_status", {"order_pos": ["BATCH-OK"]})["orders"] == []


def test_fetch_order_status_finds_nothing_for_nothing(wire):
    assert wire.ok("fetch_order_status", {})["orders"] == []
    assert wire.ok("fetch_order_status", {"order_pos": ["NOPE"]})["orders"] == []
    assert wire("fetch_order_status", {"order_pos": "NOPE"})[0] == 400


def test_the_decisions_name_the_wire_choices_a_client_meets():
    assert "Nowhere" in DECISIONS["rejected address"]
    assert "Duplicate order_po" in DECISIONS["reused order_po"]
    assert "tok_demo_mastercard_0005" in DECISIONS["saved cards"]
    assert all(isinstance(text, str) and text for text in DECISIONS.values())


def submit_request(po: str) -> SandboxRequest:
    body = json.dumps({"orders": [order(po)]}).encode()
    return SandboxRequest("POST", "/v3/submit_orders", dict(KEYS), {}, body)


def test_faults_strike_before_or_after_applying():
    core = Sandbox(SandboxConfig(fail_rate=1.0, seed=7, latency_ms=40))
    seen = Counter()
    for n in range(120):
        answer = core.handle(submit_request(f"F-{n}"))
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


@pytest.mark.parametrize(
    ("hook", "body"),
    [
        ("_sandbox_orders", None),
        ("_sandbox_set_status", {"order_po": "H-1", "order_status_id": 7}),
        ("_sandbox_place_pending", {"ids": []}),
    ],
)
def test_hooks_are_never_faulted_or_delayed(hook, body):
    core = Sandbox(SandboxConfig(fail_rate=1.0, seed=3, latency_ms=500))
    core.faults.fail_rate = 0
    Wire(core).submit(order("H-1"), payment_token="xxxx")
    core.faults.fail_rate = 1.0
    for _ in range(20):
        raw = b"" if body is None else json.dumps(body).encode()
        answer = core.handle(SandboxRequest("POST", f"/v3/{hook}", dict(KEYS), {}, raw))
        assert answer.status == 200 and answer.fault is Fault.NONE and answer.delay_s == 0
        assert json.loads(answer.body)["status"]["success"] is True


def test_control_hooks_change_faults_and_list_orders():
    core = Sandbox(SandboxConfig())
    control = SandboxRequest("POST", "/v3/_sandbox_control", dict(KEYS), {}, b'{"fail_rate": 0.5}')
    assert json.loads(core.handle(control).body)["fail_rate"] == 0.5
    assert core.faults.fail_rate == 0.5
    listing = core.handle(SandboxRequest("GET", "/v3/_sandbox_orders", dict(KEYS)))
    assert json.loads(listing.body)["orders"] == []
    for hook in ("_sandbox_orders", "_sandbox_set_status", "_sandbox_place_pending"):
        anonymous = core.handle(SandboxRequest("POST", f"/v3/{hook}", {}, {}, b"{}"))
        assert anonymous.status == 400
    assert core.handle(SandboxRequest("POST", "/v3/_sandbox_nothing", dict(KEYS))).status == 404
