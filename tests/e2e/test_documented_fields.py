"""Checks against the machine-readable API reference (tests/data/methods.json):

* the client sends every documented required field, under exactly the documented names, with
  the documented verb and path, for every method it implements;
* the sandbox accepts a request holding nothing but the documented required fields.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from sample_orders import AUSTIN, inventory_sku, order, product_code
from sandboxes import DEMO, FAST_RETRY, new_po

from fwdesk.api.catalog import FrameConfig
from fwdesk.api.client import API_METHODS, FinerWorksClient
from fwdesk.sandbox.config import SandboxConfig
from fwdesk.sandbox.core import Sandbox
from fwdesk.sandbox.transport import SandboxTransport

METHODS = json.loads((Path(__file__).parents[1] / "data" / "methods.json").read_text())
SECTION_9_WRAPPED = {"get_product_details": "products"}
"""Bodies that methods.json documents as a bare array and FinerWorks' own app sends wrapped
in an object under this key (API.md 9.5); section 9 wins."""
SECTION_9_OPTIONAL = {"list_pending_orders": {"ids"}}
"""Fields methods.json marks required that FinerWorks' own app leaves out (9.6: all pending
orders are listed with no ids)."""


class Recorder(httpx.BaseTransport):
    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.requests: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        return self.inner.handle_request(request)


@pytest.fixture(scope="module")
def recorded():
    """Calls every client method once against the in-process sandbox, recording the wire."""
    recorder = Recorder(SandboxTransport(Sandbox(SandboxConfig()).handle))
    api = FinerWorksClient(DEMO, "http://sandbox.invalid/v3/", transport=recorder, retry=FAST_RETRY)
    with api:
        sku, code = inventory_sku(api), product_code(api)
        frame_id = api.list_collections()[0].frames[0].id
        [placed] = api.submit_orders([order(new_po("R"), sku)])
        account = api.get_user()
        [pending] = api.save_pending_orders([order(new_po("P"), sku)])
        recipes = {
            "test_my_credentials": lambda: api.test_my_credentials(),
            "get_user": lambda: api.get_user(),
            "list_product_types": lambda: api.list_product_types([1]),
            "list_media_types": lambda: api.list_media_types([1]),
            "list_style_types": lambda: api.list_style_types([1]),
            "list_collections": lambda: api.list_collections(),
            "frame_details": lambda: api.frame_details(frame_id),
            "frame_builder": lambda: api.frame_builder(
                FrameConfig(frame_id, Decimal(16), Decimal(20)), code
            ),
            "list_mats": lambda: api.list_mats(),
            "list_glazing": lambda: api.list_glazing(),
            "get_product_details": lambda: api.get_product_details([(code, 2)]),
            "get_prices": lambda: api.get_prices([(code, 2)]),
            "list_virtual_inventory": lambda: api.list_virtual_inventory(search_filter="a"),
            "list_images": lambda: api.list_images(search_filter="a"),
            "list_shipping_options": lambda: api.list_shipping_options(order(new_po("Q"), sku)),
            "list_shipping_options_multiple": lambda: api.list_shipping_options_multiple(
                [order(new_po("Q"), sku)]
            ),
            "validate_recipient_address": lambda: api.validate_recipient_address(AUSTIN),
            "submit_orders": lambda: api.submit_orders([order(new_po("R"), code)]),
            "submit_orders_v2": lambda: api.submit_orders_v2([order(new_po("R"), sku)], "xxxx"),
            "fetch_order_status": lambda: api.fetch_order_status(order_pos=[placed.order_po]),
            "list_orders": lambda: api.list_orders(search_filter="R"),
            "get_order": lambda: api.get_order(placed.order_guid, AUSTIN.email),
            "update_customer": lambda: api.update_customer(placed.order_id, AUSTIN),
            "update_order": lambda: api.update_order(placed.order_id, "hold"),
            "list_order_status_definitions": lambda: api.list_order_status_definitions(),
            "update_user": lambda: api.update_user(
                shipping_preferences=["1"], account_key=account.account_key
            ),
            "get_payment_tokens": lambda: api.get_payment_tokens(account.payment_profile_id),
            "get_shipping_options_ids": lambda: api.get_shipping_options_ids(),
            "save_pending_orders": lambda: api.save_pending_orders([order(new_po("P"), sku)]),
            "list_pending_orders": lambda: api.list_pending_orders(),
            "delete_pending_orders": lambda: api.delete_pending_orders([pending.id]),
        }
        assert set(recipes) == set(API_METHODS)
        sent = {}
        for method, call in recipes.items():
            recorder.requests.clear()
            call()
            sent[method] = list(recorder.requests)
    return sent


def documented_problems(value: object, fields: dict, path: str = "") -> list[str]:
    """Missing required fields and undocumented names in one sent value."""
    problems = []
    if not isinstance(value, dict):
        return [f"{path or 'body'}: not an object"]
    for name, spec in fields.items():
        if isinstance(spec, dict) and spec.get("required") and name not in value:
            problems.append(f"missing {path}{name}")
    for name, item in value.items():
        spec = fields.get(name)
        if not isinstance(spec, dict):
            problems.append(f"undocumented {path}{name}")
        elif "fields" in spec and item is not None:
            for element in item if isinstance(item, list) else [item]:
                problems += documented_problems(element, spec["fields"], f"{path}{name}.")
    return problems


@pytest.mark.parametrize("method", API_METHODS)
def test_client_sends_documented_fields(recorded, method):
    spec = METHODS[method]
    [request] = recorded[method]
    assert request.url.path == spec["path"]
    assert request.method in [spec["http"], *spec.get("alt_http", [])]
    for name, query_spec in (spec.get("query") or {}).items():
        if query_spec.get("required"):
            assert name in request.url.params, f"query parameter {name}"
    documented = spec["request"] if isinstance(spec["request"], dict) else {}
    if not request.content:
        assert not any(f.get("required") for f in documented.values() if isinstance(f, dict))
        return
    body = json.loads(request.content)
    if method in SECTION_9_WRAPPED:
        body = body[SECTION_9_WRAPPED[method]]
    elements = body if str(spec.get("body_shape", "")).startswith("array") else [body]
    optional = SECTION_9_OPTIONAL.get(method, set())
    documented = {
        k: {**f, "required": False} if k in optional else f for k, f in documented.items()
    }
    for element in elements:
        assert documented_problems(element, documented) == []


# -- the sandbox side --------------------------------------------------------------------------


def needs_inside(spec: dict) -> bool:
    """An optional object whose own fields are required (update_customer's customer_info)."""
    return any(isinstance(f, dict) and f.get("required") for f in spec.get("fields", {}).values())


def minimal(fields: dict, values: dict) -> dict:
    """A body holding only the documented required fields, filled from `values`."""
    body = {}
    for name, spec in fields.items():
        if not isinstance(spec, dict) or not (spec.get("required") or needs_inside(spec)):
            continue
        if "fields" in spec:
            inner = minimal(spec["fields"], values)
            body[name] = [inner] if spec["type"].startswith("array") else inner
        else:
            body[name] = values[name]
    return body


@pytest.fixture(scope="module")
def sandbox_values(sandbox):
    with sandbox.client() as api:
        sku = inventory_sku(api)
        [placed] = api.submit_orders([order(new_po("M"), sku)])
        account = api.get_user()
        [pending] = api.save_pending_orders([order(new_po("M"), sku)])
        return {
            "order_po": new_po("M"),
            "first_name": "Ada",
            "last_name": "Lovelace",
            "address_1": "1 King St W",
            "zip_postal_code": "M5V 2T6",
            "country_code": "ca",
            "product_qty": 1,
            "product_sku": sku,
            "shipping_code": "SD",
            "payment_token": "xxxx",
            "id": api.list_collections()[0].frames[0].id,
            "order_id": placed.order_id,
            "update_command": "hold",
            "name": "inventory",
            "session_id": "fwdesk-session-0001",
            "site_id": 0,
            "order_guid": placed.order_guid,
            "order_email": AUSTIN.email,
            "account_key": account.account_key,
            "payment_profile_id": account.payment_profile_id,
            "ids": [pending.id],
        }


@pytest.mark.parametrize("method", API_METHODS)
def test_sandbox_accepts_only_the_required_fields(sandbox, sandbox_values, method):
    spec = METHODS[method]
    documented = spec["request"] if isinstance(spec["request"], dict) else {}
    values = {**sandbox_values, "order_po": new_po("M")}
    body = minimal(documented, values) if documented else None
    if str(spec.get("body_shape", "")).startswith("array"):
        body = [body]
    elif not body and spec["http"] == "POST":
        body = {}
    query = {k: values[k] for k, q in (spec.get("query") or {}).items() if q.get("required")}
    answer = sandbox.raw(spec["http"], method, body, params=query)
    assert answer.status_code == 200, answer.text
    assert answer.json()["status"]["success"] is True, answer.text
