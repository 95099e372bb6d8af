"""What the client puts on the wire: keys, verbs, bodies and batch sizes."""

from __future__ import annotations

import httpx
from scripted_api import APP_KEY, WEB_KEY, ok
from test_retries import order

from fwdesk.api.errors import ServerError


def test_keys_go_in_headers_by_default(script, client):
    script.queue(ok(user_account={"account_username": "demo"}))
    check = client.test_my_credentials()
    request = script.requests[0]
    assert request.method == "GET"
    assert request.url.path == "/v3/test_my_credentials"
    assert request.headers["web_api_key"] == WEB_KEY
    assert request.headers["app_key"] == APP_KEY
    assert "web_api_key" not in request.url.params
    assert check.account is not None and check.account.account_username == "demo"


def test_keys_can_go_in_the_query_string(script):
    script.queue(ok(definitions=[]))
    with script.client(keys_in_query=True) as api:
        api.list_order_status_definitions()
    request = script.requests[0]
    assert request.url.params["web_api_key"] == WEB_KEY
    assert request.url.params["app_key"] == APP_KEY
    assert "web_api_key" not in request.headers


def test_submit_splits_into_calls_of_five(script, client):
    orders = [order(f"SHOP-{n}") for n in range(12)]

    def confirm(request: httpx.Request) -> httpx.Response:
        import json

        sent = json.loads(request.content)["orders"]
        return ok(
            orders=[{"order_po": o["order_po"], "order_id": 100 + i} for i, o in enumerate(sent)]
        )

    script.queue(confirm, confirm, confirm)
    received = client.submit_orders(orders)
    assert [len(script.body(i)["orders"]) for i in range(3)] == [5, 5, 2]
    assert [r.order_po for r in received] == [f"SHOP-{n}" for n in range(12)]
    assert all(script.body(i)["validate_only"] is False for i in range(3))


def test_failed_batch_reports_what_was_already_placed(script, client):
    orders = [order(f"SHOP-{n}") for n in range(7)]
    first = ok(orders=[{"order_po": f"SHOP-{n}", "order_id": n} for n in range(5)])
    script.queue(first, httpx.Response(500))
    try:
        client.submit_orders(orders)
    except ServerError as error:
        assert [r.order_po for r in error.completed] == [f"SHOP-{n}" for n in range(5)]
    else:
        raise AssertionError("the second batch's failure must surface")


def test_test_mode_submit_may_answer_null_orders(script, client):
    script.queue(ok(orders=None))
    assert client.submit_orders_v2([order("SHOP-1")], "xxxx") == []
    assert script.body()["payment_token"] == "xxxx"


def test_order_body_uses_documented_names_and_cases(script, client):
    script.queue(ok(orders=[{"order_po": "SHOP-1", "order_id": 1}]))
    client.submit_orders([order("SHOP-1")])
    sent = script.body()["orders"][0]
    assert sent["order_po"] == "SHOP-1"
    assert sent["shipping_code"] == "SD"
    assert sent["recipient"]["country_code"] == "US"  # as FinerWorks' own app sends it
    assert sent["recipient"]["state_code"] == "TX"
    assert sent["order_items"] == [
        {"product_sku": "AP1P1", "product_qty": 1, "product_title": "Heron at Dusk"}
    ]
    assert "company_name" not in sent["recipient"]


def test_state_code_is_never_sent_outside_the_us(script, client):
    from dataclasses import replace

    canadian = replace(
        order("SHOP-2"),
        recipient=replace(order("x").recipient, country_code="CA", state_code="ON", province="ON"),
    )
    script.queue(ok(shipping_options=[]))
    client.list_shipping_options(canadian)
    sent = script.body()
    assert sent["recipient"]["country_code"] == "CA"
    assert "state_code" not in sent["recipient"]
    assert sent["recipient"]["province"] == "ON"


def test_prices_and_details_respect_per_call_limits(script, client):
    items = [(f"1M2M3S{n}X10", 1) for n in range(120)]
    script.queue(ok(prices=[]), ok(prices=[]), ok(prices=[]))
    client.get_prices(items)
    assert [len(script.body(i)["products"]) for i in range(3)] == [50, 50, 20]
    script.queue(ok(product_list=[]), ok(product_list=[]))
    client.get_product_details(items[:30])
    assert [len(script.body(i)["products"]) for i in (3, 4)] == [25, 5]


def test_update_calls_use_put(script, client):
    from fwdesk.api.orders import Address

    script.queue(ok(), ok())
    client.update_order(42, "hold")
    client.update_customer(42, Address(first_name="Ann", country_code="US", state_code="tx"))
    assert [r.method for r in script.requests] == ["PUT", "PUT"]
    assert script.body(0) == {"order_id": 42, "update_command": "hold"}
    assert script.body(1)["customer_info"]["state_code"] == "TX"


def test_list_orders_walks_every_page(script, client):
    def page(n: int, size: int) -> httpx.Response:
        return ok(
            orders=[{"order_po": f"P{n}-{i}"} for i in range(size)],
            page_number=n,
            per_page=25,
            count=60,
        )

    script.queue(page(1, 25), page(2, 25), page(3, 10))
    pos = [r.order_po for r in client.iter_orders(show_cancelled=False)]
    assert len(pos) == 60 and pos[0] == "P1-0" and pos[-1] == "P3-9"
    assert [script.body(i)["page_number"] for i in range(3)] == [1, 2, 3]
    assert all(script.body(i)["per_page"] == 25 for i in range(3))
    assert script.body(0)["show_cancelled"] is False


def test_get_order_sends_query_parameters(script, client):
    script.queue(ok(order={"order_po": "SHOP-9", "order_id": 9}))
    receipt = client.get_order("guid-1", "ann@example.com")
    assert script.requests[0].url.params["order_guid"] == "guid-1"
    assert script.requests[0].url.params["order_email"] == "ann@example.com"
    assert receipt.order_po == "SHOP-9"


def test_fetch_order_status_needs_something_to_look_for(script, client):
    import pytest

    with pytest.raises(ValueError):
        client.fetch_order_status()
    assert script.requests == []
