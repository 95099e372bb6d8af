"""Adopting an order FinerWorks holds under a PO only when it is the one that was sent."""

from __future__ import annotations

from dataclasses import replace

from sample_orders import AUSTIN

from fwdesk.api.orders import Address, OrderItem, Receipt
from fwdesk.core.drafts import Draft, DraftItem
from fwdesk.core.order_match import same_order

DRAFT = Draft(
    order_po="SHOP-000007",
    recipient=AUSTIN,
    items=(DraftItem("AP1234P5678", 2), DraftItem("5M6M9S16X20", 1, pixel_width=4800)),
)
HELD_ITEMS = [OrderItem(product_sku="5m6m9s16x20", product_qty=1), OrderItem("AP1234P5678", 2)]


def test_the_same_parcel_is_ours_even_as_finerworks_tidied_it():
    stored = replace(
        AUSTIN,
        first_name="MARISOL",
        address_1="1208 Lantern Ln.",
        city="AUSTIN",
        zip_postal_code="78701-2231",
        country_code="US",
    )
    receipt = Receipt(order_po=DRAFT.order_po, recipient=stored, order_items=HELD_ITEMS)
    assert same_order(DRAFT, receipt) is True


def test_another_recipient_under_the_po_is_another_order():
    other = Address("Jonas", "Berg", "55 Harbor Rd", "04101", "us", state_code="ME")
    receipt = Receipt(order_po=DRAFT.order_po, recipient=other, order_items=HELD_ITEMS)
    assert same_order(DRAFT, receipt) is False


def test_other_items_for_the_same_customer_are_another_order():
    receipt = Receipt(
        order_po=DRAFT.order_po,
        recipient=AUSTIN,
        order_items=[OrderItem(product_sku="AP1234P5678", product_qty=3)],
    )
    assert same_order(DRAFT, receipt) is False


def test_a_different_house_number_is_another_address():
    moved = replace(AUSTIN, address_1="1280 Lantern Lane")
    assert same_order(DRAFT, Receipt(order_po=DRAFT.order_po, recipient=moved)) is False


def test_what_finerworks_says_is_judged_on_what_it_says():
    assert same_order(DRAFT, Receipt(order_po=DRAFT.order_po, recipient=AUSTIN)) is True
    assert same_order(DRAFT, Receipt(order_po=DRAFT.order_po, order_items=HELD_ITEMS)) is True


def test_a_bare_receipt_cannot_tell():
    assert same_order(DRAFT, Receipt(order_po=DRAFT.order_po)) is None
