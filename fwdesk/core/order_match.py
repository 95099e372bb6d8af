"""Whether the order FinerWorks holds under a PO is the one this app sent.

A PO can be in use because an earlier send of this very order arrived (its answer was lost)
or because some other order took it. Adopting another order would lose this one; refusing our
own would make the shop type it again and pay twice. So the verdict rests on what identifies a
parcel: who it goes to, where, and what is in it. FinerWorks may tidy an address it stores
(casing, ZIP+4, abbreviations), so only the parts it cannot change are compared.
"""

from __future__ import annotations

import re
from collections import Counter

from fwdesk.api.orders import Address, OrderItem, Receipt
from fwdesk.core.drafts import Draft

_HOUSE_NUMBER = re.compile(r"^\s*(\d+)")


def same_order(draft: Draft, receipt: Receipt) -> bool | None:
    """True when the receipt is this draft's order, False when it is another one, None when
    the receipt carries neither a recipient nor items to tell by."""
    sent = draft.to_order()
    verdicts = []
    if receipt.recipient is not None:
        verdicts.append(_recipient_key(receipt.recipient) == _recipient_key(sent.recipient))
    if receipt.order_items:
        verdicts.append(_items_key(receipt.order_items) == _items_key(sent.order_items))
    if not verdicts:
        return None
    return all(verdicts)


def _plain(text: str | None) -> str:
    return "".join(ch for ch in (text or "").casefold() if ch.isalnum())


def _recipient_key(address: Address) -> tuple[str, ...]:
    house = _HOUSE_NUMBER.match(address.address_1 or "")
    return (
        _plain(address.first_name),
        _plain(address.last_name),
        house.group(1) if house else "",
        _plain(address.zip_postal_code)[:5],  # a stored ZIP+4 still matches the ZIP sent
        _plain(address.country_code),
    )


def _items_key(items: list[OrderItem]) -> Counter[tuple[str, int]]:
    return Counter((item.product_sku.strip().upper(), item.product_qty) for item in items)
