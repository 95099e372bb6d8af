"""Reorder: a new draft from an order already placed, for the shop that sells the same print
to the same customer again (or replaces one lost in the post).

The draft takes the recipient, the items and the shipping of the order as FinerWorks last
described it, under a new PO. It keeps the order's test_mode as it was: a test order's
reorder is a test order and a live one's is live (the send dialog says which before
anything goes). What was particular to the first sale stays behind: the gift message, the
shop's own reference and what the customer paid.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from fwdesk.api.orders import Address
from fwdesk.core.drafts import DEFAULT_PREFIX, Draft, DraftItem, DraftStore
from fwdesk.core.order_history import OrderHistory, TrackedOrder

ADDRESS_FIELDS = frozenset(f.name for f in fields(Address)) - {"address_order_po"}


def reorder_content(tracked: TrackedOrder) -> dict[str, Any]:
    """The new draft's fields, read from the order's stored detail."""
    detail = tracked.detail
    recipient = detail.get("recipient") or {}
    address = Address(**{k: v for k, v in recipient.items() if k in ADDRESS_FIELDS})
    return {
        "recipient": address,
        "items": tuple(_item(item) for item in detail.get("items") or []),
        "shipping_code": detail.get("shipping_code") or None,
        "test_mode": tracked.test_mode,
    }


def reorder(history: OrderHistory, tracked: TrackedOrder, prefix: str = DEFAULT_PREFIX) -> Draft:
    """A saved draft copying `tracked`. Its PO is new to the drafts and to the account's
    orders too: FinerWorks refuses a PO it already has, and an account may hold orders under
    this prefix that this desk never numbered (placed before a reinstall, say)."""
    drafts = DraftStore(history.store)
    content = reorder_content(tracked)
    draft = drafts.create(prefix, **content)
    while history.knows(draft.order_po):
        drafts.delete(draft.id)
        draft = drafts.create(prefix, **content)
    return draft


def _item(item: dict[str, Any]) -> DraftItem:
    image = item.get("product_image") or {}
    return DraftItem(
        sku=str(item.get("product_sku") or ""),
        quantity=int(item.get("product_qty") or 1),
        title=str(item.get("product_title") or ""),
        image_url=image.get("product_url_file") or None,
        pixel_width=image.get("pixel_width"),
        pixel_height=image.get("pixel_height"),
        template=item.get("template") or None,
    )
