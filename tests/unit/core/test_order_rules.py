"""Every invalid input gets a message on its own field, before anything is sent."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sample_orders import AUSTIN, TORONTO

from fwdesk.core.drafts import Draft, DraftItem
from fwdesk.core.order_rules import check_draft, quote_ready

TODAY = date(2026, 11, 27)
GOOD = Draft(
    order_po="SHOP-000001",
    recipient=AUSTIN,
    items=(DraftItem("AP2210P48817", 2, "Heron at Dusk"),),
    shipping_code="SD",
)
CODE_ITEM = DraftItem("1M11M101S8X10", 1, "Print", "https://f.example/p.tif", 2400, 3000)


def with_recipient(**changes):
    return replace(GOOD, recipient=replace(GOOD.recipient, **changes))


def with_item(**changes):
    return replace(GOOD, items=(replace(GOOD.items[0], **changes),))


INVALID = [
    (with_recipient(first_name=""), "first_name"),
    (with_recipient(first_name="   "), "first_name"),
    (with_recipient(first_name="A" * 51), "first_name"),
    (with_recipient(last_name=""), "last_name"),
    (with_recipient(last_name="B" * 51), "last_name"),
    (with_recipient(company_name="C" * 51), "company_name"),
    (with_recipient(address_1=""), "address_1"),
    (with_recipient(address_1="D" * 101), "address_1"),
    (with_recipient(address_2="E" * 101), "address_2"),
    (with_recipient(address_3="F" * 101), "address_3"),
    (with_recipient(city=""), "city"),
    (with_recipient(city="G" * 51), "city"),
    (with_recipient(zip_postal_code=""), "zip_postal_code"),
    (with_recipient(zip_postal_code="1234"), "zip_postal_code"),
    (with_recipient(zip_postal_code="ABCDE"), "zip_postal_code"),
    (with_recipient(zip_postal_code="12345678901"), "zip_postal_code"),
    (with_recipient(state_code=None), "state_code"),
    (with_recipient(state_code="XX"), "state_code"),
    (with_recipient(country_code=""), "country_code"),
    (with_recipient(country_code="USA"), "country_code"),
    (with_recipient(country_code="u1"), "country_code"),
    (replace(GOOD, recipient=replace(TORONTO, state_code="ON")), "state_code"),
    (replace(GOOD, recipient=replace(TORONTO, zip_postal_code="12345")), "zip_postal_code"),
    (replace(GOOD, recipient=replace(TORONTO, province="P" * 51)), "province"),
    (with_recipient(email="marisol.example.net"), "email"),
    (with_recipient(email="m@x"), "email"),
    (with_recipient(email="m" * 45 + "@example.net"), "email"),
    (with_recipient(phone="call me"), "phone"),
    (with_recipient(phone="5" * 51), "phone"),
    (replace(GOOD, items=()), "items"),
    (with_item(sku=""), "items[0].sku"),
    (with_item(sku="AP 1 P2"), "items[0].sku"),
    (with_item(quantity=0), "items[0].quantity"),
    (with_item(quantity=1000), "items[0].quantity"),
    (with_item(quantity=-3), "items[0].quantity"),
    (with_item(title="T" * 51), "items[0].title"),
    (replace(GOOD, items=(replace(CODE_ITEM, image_url=None),)), "items[0].image"),
    (replace(GOOD, items=(replace(CODE_ITEM, pixel_width=None),)), "items[0].image"),
    (replace(GOOD, order_po=""), "order_po"),
    (replace(GOOD, order_po="P" * 51), "order_po"),
    (replace(GOOD, shipping_code=None), "shipping_code"),
    (replace(GOOD, document_url="ftp://x/slip.pdf"), "document_url"),
    (replace(GOOD, document_url="https://" + "u" * 200), "document_url"),
    (replace(GOOD, acct_number_ups="9" * 51), "acct_number_ups"),
    (replace(GOOD, acct_number_fedex="9" * 51), "acct_number_fedex"),
    (replace(GOOD, custom_data_1="c" * 256), "custom_data_1"),
    (replace(GOOD, custom_data_3="c" * 256), "custom_data_3"),
    (replace(GOOD, gift_message="g" * 501), "gift_message"),
    (replace(GOOD, ship_by_date="24/12/2026"), "ship_by_date"),
    (replace(GOOD, ship_by_date="2026-11-01"), "ship_by_date"),
]


def test_a_good_order_has_no_problems():
    assert check_draft(GOOD, for_submit=True, today=TODAY) == {}
    assert check_draft(replace(GOOD, items=(CODE_ITEM,)), for_submit=True, today=TODAY) == {}
    assert check_draft(replace(GOOD, recipient=TORONTO), for_submit=True, today=TODAY) == {}


@pytest.mark.parametrize(("draft", "field"), INVALID)
def test_each_invalid_input_is_named_with_a_message(draft, field):
    problems = check_draft(draft, for_submit=True, today=TODAY)
    assert field in problems, problems
    assert problems[field].strip().endswith((".", "!")) and len(problems[field]) > 10
    assert set(problems) == {field}, f"only {field} is wrong, yet {problems}"


def test_there_are_at_least_fifty_cases():
    assert len(INVALID) >= 50


def test_a_quote_needs_destination_and_items_not_a_finished_address():
    assert quote_ready(replace(GOOD, recipient=replace(AUSTIN, first_name="", address_1="")))
    assert not quote_ready(with_recipient(zip_postal_code=""))
    assert not quote_ready(with_recipient(state_code=None))
    assert not quote_ready(replace(GOOD, items=()))
    assert not quote_ready(with_item(quantity=0))


LONDON = replace(
    AUSTIN, state_code=None, city="London", zip_postal_code="SW1A 1AA", country_code="gb"
)
SYDNEY = replace(TORONTO, city="Sydney", province="NSW", zip_postal_code="2000", country_code="au")


@pytest.mark.parametrize(
    ("recipient", "field", "message"),
    [
        (replace(LONDON, zip_postal_code="12345"), "zip_postal_code", "A UK postcode looks like"),
        (replace(SYDNEY, zip_postal_code="200"), "zip_postal_code", "An Australian postcode"),
        (replace(TORONTO, zip_postal_code="12345"), "zip_postal_code", "A Canadian postal code"),
        (replace(TORONTO, province=None), "province", "Choose the province."),
        (replace(TORONTO, province="Ontari"), "province", "“Ontari” is not a Canadian province"),
        (replace(SYDNEY, province=""), "province", "Choose the state or territory."),
    ],
)
def test_postcodes_and_regions_of_canada_the_uk_and_australia(recipient, field, message):
    problems = check_draft(replace(GOOD, recipient=recipient), for_submit=True, today=TODAY)
    assert problems.get(field, "").startswith(message), problems


@pytest.mark.parametrize("recipient", [LONDON, replace(LONDON, zip_postal_code="m1 1ae"), SYDNEY])
def test_well_formed_addresses_abroad_pass(recipient):
    assert check_draft(replace(GOOD, recipient=recipient), for_submit=True, today=TODAY) == {}
