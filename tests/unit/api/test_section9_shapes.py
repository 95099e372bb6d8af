"""The shapes FinerWorks' own Order Fulfillment app sends and reads (API.md section 9), and the
older documented ones the client still reads."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import httpx
import pytest
from scripted_api import ok
from test_retries import order

from fwdesk.api.errors import ApiValidationError, BusinessError, DuplicatePo, PaymentFailed
from fwdesk.api.orders import OrderItem, ProductImage

CODE_ENTRY = {
    "sku": None,
    "product_code": "5M6M9S16X20",
    "product_guid": "0b1e-guid",
    "name": "Giclée on cotton rag, 16×20",
    "quantity": 2,
    "description_short": "Museum rag, 16x20",
    "total_price": 64.0,
}
UNKNOWN_ENTRY = {"sku": "AP9P9", "quantity": 1, "description_short": "Not Available"}


# -- products (9.5) ------------------------------------------------------------------------


def test_product_details_are_asked_as_section_9_sends_them(script, client):
    script.queue(ok(product_list=[CODE_ENTRY]))
    image = ProductImage(pixel_width=4800, pixel_height=6000, product_url_file="https://f/x.tif")
    client.get_product_details([OrderItem("5M6M9S16X20", 2, product_image=image)])
    body = script.body()
    assert body == {
        "products": [
            {
                "product_sku": "5M6M9S16X20",
                "product_qty": 2,
                "product_image": {
                    "pixel_width": 4800,
                    "pixel_height": 6000,
                    "product_url_file": "https://f/x.tif",
                },
            }
        ]
    }


def test_codes_come_under_product_list_and_skus_under_products(script, client):
    sku_entry = {**CODE_ENTRY, "sku": "AP1P1", "product_code": "5M6M9S8X10", "name": "Heron"}
    script.queue(ok(product_list=[CODE_ENTRY], products=[sku_entry, UNKNOWN_ENTRY]))
    found = client.get_product_details([("5M6M9S16X20", 2), ("AP1P1", 1), ("AP9P9", 1)])
    assert [(d.product_code, d.sku, d.available) for d in found] == [
        ("5M6M9S16X20", "", True),
        ("5M6M9S8X10", "AP1P1", True),
        (None, "AP9P9", False),
    ]
    assert found[0].total_price == Decimal("64.0")


@pytest.mark.parametrize("key", ["product_details", "details"])
def test_older_product_keys_are_still_read(script, client, key):
    script.queue(ok(**{key: [CODE_ENTRY]}))
    [found] = client.get_product_details([("5M6M9S16X20", 2)])
    assert found.available and found.name.startswith("Giclée")


def test_a_4xx_answer_that_carries_products_is_an_answer(script, client):
    script.queue(httpx.Response(404, json={"product_list": [UNKNOWN_ENTRY]}))
    [found] = client.get_product_details([("AP9P9", 1)])
    assert not found.available
    assert len(script.requests) == 1


def test_a_4xx_without_products_is_still_an_error(script, client):
    script.queue(httpx.Response(400, json={"Message": "The request is invalid."}))
    with pytest.raises(ApiValidationError):
        client.get_product_details([("AP9P9", 1)])


# -- looking orders up (9.4) ---------------------------------------------------------------


def test_total_count_bounds_the_pages(script, client):
    script.queue(
        ok(orders=[{"order_po": f"P{i}"} for i in range(25)], total_count=30, per_page=25),
        ok(orders=[{"order_po": f"Q{i}"} for i in range(25)], total_count=30, per_page=25),
    )
    pos = [r.order_po for r in client.iter_orders()]
    assert len(pos) == 50 and len(script.requests) == 2
    assert client.list_orders.__name__ == "list_orders"


def test_find_orders_asks_ten_pos_a_call_and_keeps_only_what_was_asked(script, client):
    pos = [f"SHOP-{n:03d}" for n in range(23)]

    def answer(request: httpx.Request) -> httpx.Response:
        import json

        asked = json.loads(request.content)["order_pos"]
        listed = [{"order_po": po, "order_id": 1} for po in asked[:2]] + [{"order_po": "ELSE"}]
        return ok(orders=listed, total_count=len(listed))

    script.queue(answer, answer, answer)
    found = client.find_orders(pos)
    assert [len(script.body(i)["order_pos"]) for i in range(3)] == [10, 10, 3]
    assert sorted(r.order_po for r in found) == sorted(pos[0:2] + pos[10:12] + pos[20:22])


# -- quotes (9.3) --------------------------------------------------------------------------

OPTION = {
    "id": 17,
    "rate": 11.4,
    "shipping_method": "Ground",
    "shipping_class_code": "GND",
    "carrier": "UPS",
    "transit_time": "2-5 business days",
    "calculated_total": {"order_po": "Q", "order_subtotal": 64, "order_grand_total": 75.4},
}


def test_quote_options_are_known_by_id_and_carry_the_preferred_one(script, client):
    fast = {**OPTION, "id": 21, "rate": 30.0, "shipping_method": "2Day", "shipping_code": "EX"}
    script.queue(
        ok(orders=[{"order_po": "Q", "options": [OPTION, fast], "preferred_option": fast}])
    )
    [quote] = client.list_shipping_options_multiple([order("Q")])
    ground, second = quote.options
    assert ground.shipping_code == "" and ground.choice == "17"
    assert ground.transit_time == "2-5 business days"
    assert second.choice == "21" and second.answers_to("ex") and second.answers_to("21")
    assert quote.preferred_option is not None and quote.preferred_option.choice == "21"


def test_an_option_without_an_id_is_chosen_by_its_code(script, client):
    script.queue(ok(orders=[{"order_po": "Q", "options": [{"shipping_code": "SD", "rate": 9}]}]))
    [quote] = client.list_shipping_options_multiple([order("Q")])
    assert quote.options[0].choice == "SD" and quote.preferred_option is None


def test_a_chosen_option_id_is_sent_as_a_number(script, client):
    script.queue(ok(orders=[{"order_po": "SHOP-1", "order_id": 1}]))
    client.submit_orders_v2([replace(order("SHOP-1"), shipping_code="17")], "tok")
    assert script.body()["orders"][0]["shipping_code"] == 17
    script.queue(ok(orders=[{"order_po": "SHOP-2", "order_id": 2}]))
    client.submit_orders_v2([order("SHOP-2")], "tok")
    assert script.body()["orders"][0]["shipping_code"] == "SD"


def test_quote_field_errors_are_read_by_field_whatever_the_prefix(script, client):
    script.queue(
        httpx.Response(
            400,
            json={
                "Message": "The request is invalid.",
                "ModelState": {
                    "request.orders[0].recipient.zip_postal_code": ["The zip is invalid."],
                    "request.orders[0].order_items[1].product_qty": ["Must be 1 to 999."],
                    "orders[0].recipient.city": ["Required."],
                },
            },
        )
    )
    with pytest.raises(ApiValidationError) as caught:
        client.list_shipping_options_multiple([order("Q")])
    assert caught.value.by_field == {
        "recipient.zip_postal_code": ["The zip is invalid."],
        "order_items[1].product_qty": ["Must be 1 to 999."],
        "recipient.city": ["Required."],
    }


def test_shipping_method_ids_in_either_documented_shape(script, client):
    script.queue(ok(shipping_options=[{"id": 17, "shipping_code": "SD", "shipping_method": "Gr"}]))
    assert [(m.id, m.shipping_code) for m in client.get_shipping_options_ids()] == [(17, "SD")]
    script.queue(ok(shipping_options_ids=[3, 4]))
    assert [m.id for m in client.get_shipping_options_ids(option_type=1)] == [3, 4]
    assert script.requests[-1].url.params["type"] == "1"


# -- submitting and paying (9.2) -----------------------------------------------------------


def test_credits_payment_leaves_the_token_out(script, client):
    script.queue(ok(orders=[{"order_po": "SHOP-1", "order_id": 1}]))
    client.submit_orders_v2([order("SHOP-1")], None)
    assert "payment_token" not in script.body()
    assert script.requests[-1].url.path == "/v3/submit_orders_v2"


def test_a_reused_po_is_its_own_error(script, client):
    script.queue(
        httpx.Response(
            400,
            json={
                "Message": "The request is invalid.",
                "ModelState": {"request.orders[0].order_po": ["Duplicate order_po 'SHOP-1'."]},
            },
        )
    )
    with pytest.raises(DuplicatePo) as caught:
        client.submit_orders_v2([order("SHOP-1")], "tok")
    assert caught.value.by_field == {"order_po": ["Duplicate order_po 'SHOP-1'."]}


def test_a_refused_payment_may_have_left_an_order(script, client):
    refused = {"success": False, "status_code": 400, "message": "Payment failed: card declined"}
    script.queue(httpx.Response(200, json={"status": refused, "orders": []}))
    with pytest.raises(PaymentFailed) as caught:
        client.submit_orders_v2([order("SHOP-1")], "tok")
    assert caught.value.outcome_unknown
    script.queue(httpx.Response(200, json={"status": {**refused, "message": "Order not found."}}))
    with pytest.raises(BusinessError) as other:
        client.update_order(4, "hold")
    assert not isinstance(other.value, PaymentFailed) and not other.value.outcome_unknown


# -- account (9.7) -------------------------------------------------------------------------


def test_the_account_as_section_9_reads_it(script, client):
    script.queue(
        ok(
            user_account={
                "account_id": 70001,
                "account_key": "4b1f6c7e-1d2a-5c3b-9e8f-0a1b2c3d4e5f",
                "payment_profile_id": "bt-70001",
                "user_account_credits": "25.50",
                "enable_invoice_payment": True,
                "shipping_preferences": ["1", 4],
                "connections": [{"name": "etsy", "id": 5, "data": None}],
            }
        )
    )
    account = client.get_user()
    assert account.account_key.startswith("4b1f6c7e")
    assert account.payment_profile_id == "bt-70001"
    assert account.user_account_credits == Decimal("25.50")
    assert account.enable_invoice_payment is True
    assert account.shipping_preferences == ["1", "4"]
    assert account.connections[0]["name"] == "etsy"


def test_payment_tokens_and_shipping_preferences(script, client):
    script.queue(
        ok(
            payment_profile_id="bt-1",
            payment_tokens=[
                {"token": "t1", "associated_payment_method": "Visa ending in 4242"},
                {"token": "t2", "associated_payment_method": "MC 0005", "is_default": True},
            ],
        ),
        ok(),
    )
    tokens = client.get_payment_tokens("bt-1")
    assert [(t.token, t.is_default) for t in tokens] == [("t1", False), ("t2", True)]
    assert script.requests[0].url.params["payment_profile_id"] == "bt-1"
    assert script.requests[0].url.params["sandbox"] == "false"
    client.update_user(shipping_preferences=["4", "1"])
    assert script.requests[1].method == "PUT"
    assert script.body(1) == {"shipping_preferences": ["4", "1"]}


# -- pending orders (9.6) ------------------------------------------------------------------


def test_pending_orders_round_trip(script, client):
    script.queue(
        ok(imports=[{"id": 31, "order_po": "SHOP-1"}]),
        ok(orders=[{"fulfillment_id": 31, "order_po": "SHOP-1", "shipping_code": 17}]),
        ok(
            orders=[
                {
                    "id": 32,
                    "order_po": "SHOP-2",
                    "order_items": [{"product_sku": "AP1P1", "product_qty": 2}],
                }
            ]
        ),
        ok(),
    )
    [saved] = client.save_pending_orders([order("SHOP-1")], source="fwdesk")
    assert (saved.id, saved.order_po) == (31, "SHOP-1")
    assert script.body(0)["source"] == "fwdesk" and len(script.body(0)["orders"]) == 1
    [listed] = client.list_pending_orders()
    assert listed.fulfillment_id == 31 and listed.shipping_code == "17"
    assert script.body(1) == {}
    [by_id] = client.list_pending_orders(ids=[32])
    assert by_id.fulfillment_id == 32 and by_id.order_items[0].product_sku == "AP1P1"
    assert script.body(2) == {"ids": [32]}
    client.delete_pending_orders([31, 32])
    assert script.body(3) == {"ids": [31, 32]}
    assert [r.method for r in script.requests] == ["POST"] * 4
