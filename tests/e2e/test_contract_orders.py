"""The client against the sandbox: quotes, addresses, submission and order changes."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from sample_orders import AUSTIN, PORTLAND, TORONTO, inventory_sku, order, product_code
from sandboxes import new_po

from fwdesk.api.errors import ApiValidationError, BusinessError, DuplicatePo
from fwdesk.api.orders import Address


@pytest.fixture
def sku(api):
    return inventory_sku(api)


def test_quote_lists_every_method_and_adds_up(api, sku):
    options = api.list_shipping_options(order(new_po("Q"), sku, qty=2, recipient=PORTLAND))
    codes = [o.shipping_code for o in options]
    assert {"EC", "SD", "EX", "ON", "FS"} <= set(codes)
    rates = {o.shipping_code: o.rate for o in options}
    assert rates["EC"] < rates["SD"] < rates["EX"] < rates["ON"]
    for option in options:
        totals = option.calculated_total
        assert totals is not None and totals.adds_up
        assert totals.order_shipping_rate == option.rate
        assert totals.order_subtotal == sum(p.total_price for p in totals.product_pricing)
        assert totals.order_sales_tax == 0  # Oregon


def test_texas_is_taxed_and_abroad_has_no_overnight(api, sku):
    texas = api.list_shipping_options(order(new_po("Q"), sku, recipient=AUSTIN))
    assert all(o.calculated_total.order_sales_tax > 0 for o in texas)
    canada = api.list_shipping_options(order(new_po("Q"), sku, recipient=TORONTO))
    assert canada and "ON" not in {o.shipping_code for o in canada}


def test_quotes_for_several_orders_at_once(api, sku):
    pos = [new_po("Q"), new_po("Q")]
    quotes = api.list_shipping_options_multiple(
        [order(pos[0], sku), order(pos[1], sku, qty=3, recipient=PORTLAND)]
    )
    assert [q.order_po for q in quotes] == pos
    cheapest = [min(o.calculated_total.order_grand_total for o in q.options) for q in quotes]
    assert cheapest[1] != cheapest[0]


def test_address_check_offers_a_correction(api):
    check = api.validate_recipient_address(
        replace(PORTLAND, city="PORTLAND", state_code="or", zip_postal_code="972051234")
    )
    assert check.ok
    assert check.address.city == "Portland"
    assert check.address.state_code == "OR"
    assert check.address.zip_postal_code == "97205-1234"


def test_address_check_refuses_a_zip_from_another_state(api):
    check = api.validate_recipient_address(replace(AUSTIN, zip_postal_code="97205"))
    assert not check.ok and "97205" in check.message


def test_address_field_errors_come_back_per_field(api):
    with pytest.raises(ApiValidationError) as caught:
        api.validate_recipient_address(
            Address(last_name="X" * 51, address_1="1 Main", zip_postal_code="1")
        )
    assert set(caught.value.by_field) >= {"recipient.first_name", "recipient.last_name"}


def test_validate_only_creates_nothing(api, sku):
    po = new_po("V")
    assert api.submit_orders([order(po, sku)], validate_only=True) == []
    assert api.fetch_order_status(order_pos=[po]) == []


def test_validate_only_reports_what_is_missing(api, sku):
    incomplete = replace(
        order(new_po("V"), sku), shipping_code=None, recipient=replace(AUSTIN, first_name="")
    )
    with pytest.raises(ApiValidationError) as caught:
        api.submit_orders([incomplete], validate_only=True)
    assert set(caught.value.field_errors) >= {
        "request.orders[0].shipping_code",
        "request.orders[0].recipient.first_name",
    }, "ModelState keys as FinerWorks sends them (API.md 9.3)"
    assert {"shipping_code", "recipient.first_name"} <= set(caught.value.by_field)


def test_submit_seven_orders_in_two_calls_and_find_them(api, sku):
    pos = [new_po("S") for _ in range(7)]
    received = api.submit_orders([order(po, sku) for po in pos])
    assert [r.order_po for r in received] == pos
    assert all(r.order_id and r.order_confirmation_id for r in received)
    statuses = api.fetch_order_status(order_pos=pos)
    assert sorted(s.order_po for s in statuses) == sorted(pos)
    assert {s.order_status_label for s in statuses} == {"Order Received"}
    by_id = api.fetch_order_status(
        order_ids=[received[0].order_id, received[1].order_confirmation_id]
    )
    assert sorted(s.order_po for s in by_id) == sorted(pos[:2])


def test_unknown_orders_are_silently_left_out(api, sku):
    [placed] = api.submit_orders([order(new_po("S"), sku)])
    found = api.fetch_order_status(order_pos=[placed.order_po, "NO-SUCH-PO"], order_ids=[1, 2])
    assert [s.order_po for s in found] == [placed.order_po]


def test_a_po_cannot_be_reused_until_cancelled(api, sku):
    po = new_po("D")
    [placed] = api.submit_orders([order(po, sku)])
    with pytest.raises(DuplicatePo, match="invalid") as caught:
        api.submit_orders([order(po, sku)])
    assert any("Duplicate order_po" in m for ms in caught.value.field_errors.values() for m in ms)
    with pytest.raises(DuplicatePo):
        api.submit_orders_v2([order(po, sku)], "xxxx")
    api.update_order(placed.order_id, "cancel")
    [again] = api.submit_orders([order(po, sku)])
    assert again.order_id != placed.order_id


def test_product_codes_need_a_print_file(api):
    code = product_code(api)
    placed = api.submit_orders([order(new_po("P"), code)])
    assert placed[0].order_id
    no_file = order(new_po("P"), code)
    no_file = replace(no_file, order_items=[replace(no_file.order_items[0], product_image=None)])
    with pytest.raises(BusinessError, match="missing or invalid info"):
        api.submit_orders([no_file])


def test_payment_tokens(api, sku):
    [test_order] = api.submit_orders_v2([order(new_po("X"), sku)], "xxxx")
    assert [r.test_mode for r in api.iter_orders(order_pos=[test_order.order_po])] == [True]
    with pytest.raises(BusinessError, match="invoice"):
        api.submit_orders_v2([order(new_po("X"), sku)], "invoice")
    with pytest.raises(BusinessError, match="Payment failed"):
        api.submit_orders_v2([order(new_po("X"), sku)], "tok_made_up")
    [paid] = api.submit_orders_v2([order(new_po("X"), sku)], "tok_demo_visa_4242")
    [receipt] = api.iter_orders(order_pos=[paid.order_po])
    assert receipt.test_mode is False and receipt.payment_type_name == "Credit Card"


def test_hold_release_cancel(api, sku):
    [placed] = api.submit_orders([order(new_po("H"), sku)])

    def status() -> int:
        return api.fetch_order_status(order_pos=[placed.order_po])[0].order_status_id

    api.update_order(placed.order_id, "hold")
    assert status() == 30  # Customer Hold Request: the nearest id of API.md 9.1
    api.update_order(placed.order_id, "pending")
    assert status() == 3
    api.update_order(placed.order_id, "cancel")
    assert status() in (29, 14)  # a cancellation request, then the cancellation
    with pytest.raises(BusinessError, match="cancelled"):
        api.update_order(placed.order_id, "pending")
    with pytest.raises(BusinessError, match="not found"):
        api.update_order(1, "hold")


def test_change_recipient_and_read_the_order_back(api, sku):
    [placed] = api.submit_orders([order(new_po("C"), sku)])
    api.update_customer(placed.order_id, PORTLAND)
    receipt = api.get_order(placed.order_guid, PORTLAND.email)
    assert receipt.recipient.city == "Portland" and receipt.order_po == placed.order_po
    assert receipt.totals.adds_up and receipt.totals.order_grand_total > Decimal(0)
    assert receipt.order_items[0].product_sku == sku
    with pytest.raises(BusinessError):
        api.get_order(placed.order_guid, "someone.else@example.com")


def test_list_orders_pages_newest_first_and_filters(api, sku):
    tag = new_po("L")
    pos = [f"{tag}-{n}" for n in range(4)]
    received = api.submit_orders([order(po, sku) for po in pos])
    api.update_order(received[0].order_id, "cancel")
    first_page = api.list_orders(per_page=2, search_filter=tag)
    assert first_page.count == 4 and [r.order_po for r in first_page.items] == [pos[3], pos[2]]
    listed = [r.order_po for r in api.iter_orders(search_filter=tag, show_cancelled=False)]
    assert listed == [pos[3], pos[2], pos[1]]
    cancelled = api.iter_orders(search_filter=tag, status=str(29))
    assert [r.order_po for r in cancelled] == [pos[0]]
    found = api.find_orders([pos[2], pos[1], "NO-SUCH"])
    assert sorted(r.order_po for r in found) == sorted([pos[1], pos[2]])
    assert api.list_orders(order_pos=pos[:3]).count == 3
