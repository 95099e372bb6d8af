"""Unknown keys and missing optional fields are fine; wrong types are a clear error."""

from __future__ import annotations

from decimal import Decimal

import pytest
from scripted_api import ok

from fwdesk.api.errors import ResponseFormatError
from fwdesk.api.orders import OrderStatus, QuoteTotals


def test_unknown_fields_are_ignored_and_missing_ones_default(script, client):
    script.queue(
        ok(orders=[{"order_po": "SHOP-1", "order_status_id": 6, "brand_new_field": {"x": 1}}])
    )
    [status] = client.fetch_order_status(order_pos=["SHOP-1"])
    assert status.order_status_id == 6
    assert status.shipments == []
    assert status.order_status_label == ""
    assert status.order_id is None


def test_numbers_sent_as_text_are_read(script, client):
    script.queue(
        ok(
            prices=[
                {
                    "product_sku": "AP1P2",
                    "product_qty": "3",
                    "total_price": "45.30",
                    "product_price": 15.1,
                }
            ]
        )
    )
    [price] = client.get_prices([("AP1P2", 3)])
    assert price.product_qty == 3
    assert price.total_price == Decimal("45.30")
    assert price.product_price == Decimal("15.1")


@pytest.mark.parametrize(
    ("entry", "path"),
    [
        ({"order_po": "A", "order_status_id": {"id": 6}}, "orders[0].order_status_id"),
        ({"order_po": "A", "order_status_id": 6, "shipments": "none"}, "orders[0].shipments"),
        (
            {"order_po": "A", "order_status_id": 6, "shipments": [{"weight": "heavy"}]},
            "orders[0].shipments[0].weight",
        ),
        ({"order_po": "A", "order_status_id": 6, "processing": "maybe"}, "orders[0].processing"),
        ({"order_po": "A"}, "orders[0].order_status_id"),
        # Digits to str.isdigit() but not to int(): found by the fuzzer in a page's count.
        ({"order_po": "A", "order_status_id": "\u00b9"}, "orders[0].order_status_id"),
        ({"order_po": "A", "order_status_id": "1_000"}, "orders[0].order_status_id"),
        ("not an object", "orders[0]"),
    ],
)
def test_wrong_types_name_the_path(script, client, entry, path):
    script.queue(ok(orders=[entry]))
    with pytest.raises(ResponseFormatError) as caught:
        client.fetch_order_status(order_pos=["A"])
    assert path in str(caught.value)
    assert caught.value.method == "fetch_order_status"


def test_either_collections_key_is_accepted(script, client):
    script.queue(ok(frame_collections=[{"id": 1, "name": "Gallery", "frames": [{"id": 7}]}]))
    [collection] = client.list_collections()
    assert collection.frames[0].id == 7
    script.queue(ok(frame_details={"id": 7, "name": "Walnut"}))
    assert client.frame_details(7).name == "Walnut"


def test_list_under_error_key_is_accepted(script, client):
    """API.md open question 12: some list calls have answered under 'error'."""
    script.queue(ok(error=[{"id": 3, "name": "Canvas", "media_ids": [1, 2]}]))
    [product_type] = client.list_product_types()
    assert product_type.media_ids == [1, 2]


@pytest.mark.parametrize(
    "payload",
    [
        {"shipping_options": [{"shipping_code": "SD", "rate": 9.5}]},
        {"options": [{"shipping_code": "SD", "rate": 9.5}]},
        {"orders": [{"order_po": "Q", "options": [{"shipping_code": "SD", "rate": 9.5}]}]},
        {"whatever": [{"shipping_code": "SD", "rate": 9.5}]},
    ],
)
def test_single_order_quote_shapes(script, client, payload):
    from test_retries import order

    script.queue(ok(**payload))
    [option] = client.list_shipping_options(order("Q"))
    assert option.shipping_code == "SD" and option.rate == Decimal("9.5")
    assert script.body()["order_po"] == "Q"


def test_quote_arithmetic_check():
    good = QuoteTotals.from_json(
        {
            "order_subtotal": 64,
            "order_shipping_rate": 11.4,
            "order_sales_tax": 6.22,
            "order_discount": 1,
            "order_grand_total": 80.62,
        }
    )
    assert good.adds_up
    assert not QuoteTotals.from_json({"order_subtotal": 64, "order_grand_total": 70}).adds_up


def test_model_parse_errors_are_never_bare_python_errors():
    for junk in (
        None,
        [],
        "x",
        3,
        {"order_status_id": []},
        {"order_status_id": 1, "shipments": [3]},
    ):
        with pytest.raises(ResponseFormatError):
            OrderStatus.from_json(junk)
