"""What the order form calls each field, and which form field a FinerWorks field path is.

FinerWorks names a refused field by its JSON path (``recipient.last_name``,
``order_items[0].product_sku``); the shop sees the form's own label ("Last name", "Item 1
SKU") and the field itself marked, never the path.
"""

from __future__ import annotations

import re

LABELS = {
    "order_po": "Order PO",
    "first_name": "First name",
    "last_name": "Last name",
    "company_name": "Company",
    "address_1": "Address",
    "address_2": "Address line 2",
    "address_3": "Address line 3",
    "city": "City",
    "state_code": "State",
    "province": "Province",
    "zip_postal_code": "Postal code",
    "country_code": "Country",
    "phone": "Phone",
    "email": "Email",
    "items": "Items",
    "shipping_code": "Shipping method",
    "gift_message": "Gift message",
    "ship_by_date": "Ship by",
    "document_url": "Packing slip URL",
    "custom_data_1": "Custom data 1",
    "custom_data_2": "Custom data 2",
    "custom_data_3": "Custom data 3",
    "acct_number_ups": "Own UPS account",
    "acct_number_fedex": "Own FedEx account",
}
ITEM_PARTS = {"sku": "SKU", "quantity": "quantity", "title": "title", "image": "print file"}
_SERVER_ITEM_PARTS = {
    "product_sku": "sku",
    "product_qty": "quantity",
    "product_title": "title",
    "product_image": "image",
}
_ITEM = re.compile(r"^(?:order_)?items\[(\d+)\](?:\.(\w+))?")
_PREFIX = re.compile(r"^(?:request\.)?(?:orders?\[\d+\]\.)?(?:order\.)?")


def form_key(path: str) -> str | None:
    """The form's key for a FinerWorks field path (``recipient.city`` -> ``city``,
    ``order_items[1].product_sku`` -> ``items[1].sku``); None for a path the form has no
    field for."""
    plain = _PREFIX.sub("", path.strip(), count=1)
    item = _ITEM.match(plain)
    if item:
        index, part = item.groups()
        part = _SERVER_ITEM_PARTS.get(part or "", part or "")
        if part.startswith("product_image") or part.startswith("image"):
            part = "image"
        return f"items[{index}].{part}" if part in ITEM_PARTS else "items"
    name = plain.removeprefix("recipient.").removeprefix("customer_info.")
    return name if name in LABELS else None


def label(key: str) -> str:
    """The form's label of a key of `form_key` or of the order rules (``items[0].sku`` ->
    "Item 1 SKU")."""
    item = _ITEM.match(key)
    if item:
        index, part = item.groups()
        return f"Item {int(index) + 1} {ITEM_PARTS.get(part or '', 'line')}"
    return LABELS.get(key, key.replace("_", " ").capitalize())


def labels_of(paths: list[str]) -> str:
    """The fields FinerWorks named, as the form calls them, once each, in the given order."""
    named = [label(form_key(p) or p.rsplit(".", 1)[-1]) for p in paths]
    return ", ".join(dict.fromkeys(named))
