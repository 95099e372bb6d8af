"""The client against fwdesk-sandbox, over real HTTP and in-process, for the shapes FinerWorks'
own Order Fulfillment app sends and reads (API.md section 9)."""

from __future__ import annotations

import re
import uuid
from dataclasses import replace
from decimal import Decimal

import pytest
from sample_orders import AUSTIN, TORONTO, inventory_sku, order
from sandboxes import new_po

from fwdesk.api.errors import PaymentFailed
from fwdesk.core.payment import PaymentKind, ask_account


def days(transit_time: str | None) -> int:
    """The fewest days a transit time names ("1-2 business days" -> 1)."""
    return int(re.match(r"\s*(\d+)", transit_time or "").group(1))


@pytest.fixture
def sku(api) -> str:
    return inventory_sku(api)


def test_the_account_carries_what_paying_needs(api):
    account = api.get_user()
    assert uuid.UUID(account.account_key), "account_key is a GUID (9.7)"
    assert account.payment_profile_id and account.user_account_credits >= 0
    assert account.shipping_preferences and set(account.shipping_preferences) <= set("1234")
    tokens = api.get_payment_tokens(account.payment_profile_id)
    assert any(t.is_default for t in tokens)
    assert all(t.associated_payment_method[-4:].isdigit() for t in tokens)
    offer = ask_account(api)
    assert offer.problem == "" and offer.account.account_key == account.account_key
    kinds = {c.kind for c in offer.choices(Decimal("1000"))}
    assert PaymentKind.CARD in kinds


def test_each_payment_token_is_taken_as_section_9_says(api, sku):
    account = api.get_user()
    visa, *others = sorted(
        api.get_payment_tokens(account.payment_profile_id), key=lambda t: not t.is_default
    )
    [paid] = api.submit_orders_v2([order(new_po("V"), sku)], visa.token)
    [test] = api.submit_orders_v2([order(new_po("X"), sku)], "xxxx")
    assert [r.test_mode for r in api.find_orders([test.order_po])] == [True]
    assert [r.test_mode for r in api.find_orders([paid.order_po])] == [False]
    [declined] = others  # the simulator's second card always fails (a Mastercard)
    po = new_po("D")
    with pytest.raises(PaymentFailed):
        api.submit_orders_v2([order(po, sku)], declined.token)
    [unpaid] = api.fetch_order_status(order_pos=[po])
    assert unpaid.order_status_id == 49, "the order stays, unpaid (API.md 1.3)"


def test_a_quote_names_its_options_by_id_and_the_preferred_one(api, sku):
    [quote] = api.list_shipping_options_multiple([order(new_po("Q"), sku)])
    assert quote.options and all(o.id is not None and o.transit_time for o in quote.options)
    assert quote.preferred_option is not None
    cheapest = min(quote.options, key=lambda o: o.calculated_total.order_grand_total)
    assert quote.preferred_option.choice == cheapest.choice, "preference 1: most economical"
    assert all(o.calculated_total.adds_up for o in quote.options)
    [placed] = api.submit_orders_v2(
        [replace(order(new_po("I"), sku), shipping_code=cheapest.choice)], "xxxx"
    )
    [receipt] = api.find_orders([placed.order_po])
    assert receipt.shipping_method == cheapest.shipping_method, "the option id chose the method"


def test_the_preferences_written_are_the_ones_quotes_follow(api, sku):
    key = api.get_user().account_key
    before = api.get_user().shipping_preferences
    try:
        api.update_user(shipping_preferences=["4", "1"], account_key=key)
        assert api.get_user().shipping_preferences == ["4", "1"]
        [quote] = api.list_shipping_options_multiple([order(new_po("Q"), sku)])
        quickest = min(days(o.transit_time) for o in quote.options)
        assert days(quote.preferred_option.transit_time) == quickest, "preference 4: fastest"
    finally:
        api.update_user(shipping_preferences=before, account_key=key)


def test_shipping_method_ids_match_the_quotes(api, sku):
    methods = {m.id: m for m in api.get_shipping_options_ids()}
    [quote] = api.list_shipping_options_multiple([order(new_po("Q"), sku, recipient=TORONTO)])
    for option in quote.options:
        assert methods[option.id].shipping_method == option.shipping_method


def test_quote_field_errors_are_keyed_per_field(api, sku):
    from fwdesk.api.errors import ApiValidationError

    broken = order(new_po("Q"), sku, recipient=replace(AUSTIN, zip_postal_code="", last_name=""))
    with pytest.raises(ApiValidationError) as caught:
        api.list_shipping_options_multiple([broken])
    assert all(key.startswith("request.") for key in caught.value.field_errors)
    assert {"recipient.zip_postal_code", "recipient.last_name"} <= set(caught.value.by_field)


def test_pending_orders_are_saved_listed_and_deleted(api, sku):
    po = new_po("P")
    [saved] = api.save_pending_orders([order(po, sku)], source="fwdesk")
    listed = {p.fulfillment_id: p for p in api.list_pending_orders()}
    assert listed[saved.id].order_po == po and listed[saved.id].source == "fwdesk"
    [by_id] = api.list_pending_orders(ids=[saved.id])
    assert by_id.order_items[0].product_sku == sku
    api.delete_pending_orders([saved.id])
    assert saved.id not in {p.fulfillment_id for p in api.list_pending_orders()}
