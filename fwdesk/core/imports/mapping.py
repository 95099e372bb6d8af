"""A shop's own say in which column holds what, for a file whose layout fwdesk does not know.

A shop's own site or spreadsheet exports the same columns every week, so a mapping is made
once, pre-filled by the headers' names, and found again by the headers' signature.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    """What the mapping dialog calls the field."""
    required: bool = False
    """Required on its own; the name and the product are required as a choice (CHOICES)."""
    recipient: bool = False
    """Part of the address: a "Ship"/"Shipping"/"Delivery" column wins over a plain one, so
    "Shipping Name" is taken rather than "Name" (often the buyer, or the order number)."""


FIELDS = (
    Field("reference", "Order number"),
    Field("full_name", "Full name", recipient=True),
    Field("first_name", "First name", recipient=True),
    Field("last_name", "Last name", recipient=True),
    Field("company", "Company", recipient=True),
    Field("address_1", "Address line 1", required=True, recipient=True),
    Field("address_2", "Address line 2", recipient=True),
    Field("city", "City", recipient=True),
    Field("state", "State or province", recipient=True),
    Field("zip", "ZIP or postal code", required=True, recipient=True),
    Field("country", "Country", required=True, recipient=True),
    Field("phone", "Phone", recipient=True),
    Field("email", "Email", recipient=True),
    Field("product_sku", "Product SKU (FinerWorks)"),
    Field("source_sku", "Shop SKU"),
    Field("title", "Item title"),
    Field("quantity", "Quantity", required=True),
    Field("sale_price", "Sale price"),
    Field("image_url", "Image URL"),
    Field("shipping_code", "Shipping code"),
)
"""Without an order number every row is an order of its own; city and state are left to the
order check, which knows which countries need them."""
FIELD_KEYS = tuple(f.key for f in FIELDS)
CHOICES = (
    (("full_name",), ("first_name", "last_name")),
    (("product_sku",), ("source_sku",)),
)
"""Required groups of which one alternative must be mapped in full."""

SYNONYMS = {
    "reference": "order number, order no, order id, order ref, order reference, order, "
    "reference, ref, po, po #, purchase order, order po",
    "full_name": "full name, name, recipient, recipient name, customer name, customer",
    "first_name": "first name, firstname, given name, forename",
    "last_name": "last name, lastname, surname, family name",
    "company": "company, company name, business, organisation, organization",
    "address_1": "address 1, address1, address line 1, address, street, street 1, street address",
    "address_2": "address 2, address2, address line 2, street 2, apartment, suite",
    "city": "city, town, town/city, city/town, locality",
    "state": "state, state code, province, state/province, region, county",
    "zip": "zip, zip code, zipcode, postcode, post code, postal code, zip/postal code",
    "country": "country, country code, country name",
    "phone": "phone, phone number, telephone, tel, mobile",
    "email": "email, e-mail, email address",
    "product_sku": "product sku, product code, finerworks sku, fw sku, finerworks product code",
    "source_sku": "sku, shop sku, item sku, variant sku, listing sku",
    "title": "title, item, item name, item title, product, product name, description",
    "quantity": "quantity, qty, quantity ordered, count, units, pieces",
    "sale_price": "price, unit price, item price, sale price, price each",
    "image_url": "image url, image, image link, print file, file url, artwork url",
    "shipping_code": "shipping code, ship code",
}
"""Header names a field is guessed from, best first, compared by their letters and digits
only: "Order #" reads as "order number", "ship_zip" as "ship zip"."""
RECIPIENT_PREFIXES = ("shipping", "ship to", "ship", "delivery", "deliver to", "recipient")


@dataclass(frozen=True)
class ColumnMapping:
    columns: Mapping[str, str] = field(default_factory=dict)
    """Field key -> the file's header, for the fields the shop mapped."""

    def __post_init__(self) -> None:
        mapped = {k: v for k, v in self.columns.items() if k in FIELD_KEYS and v}
        object.__setattr__(self, "columns", MappingProxyType(mapped))

    def missing(self) -> list[str]:
        """The labels of what must still be mapped before the file can be read."""
        missing = [f.label for f in FIELDS if f.required and f.key not in self.columns]
        for alternatives in CHOICES:
            if not any(all(k in self.columns for k in keys) for keys in alternatives):
                names = (" + ".join(_LABELS[k] for k in keys) for keys in alternatives)
                missing.append(", or ".join(names))
        return missing

    def to_json(self) -> dict[str, Any]:
        return {"columns": dict(self.columns)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ColumnMapping:
        """A stored mapping; unknown fields and non-text headers (a damaged or newer entry) are
        left out rather than refused, so the shop only maps those again."""
        columns = data.get("columns")
        if not isinstance(columns, Mapping):
            return cls()
        return cls({k: v for k, v in columns.items() if isinstance(v, str)})


_LABELS = {f.key: f.label for f in FIELDS}


def header_key(header: str) -> str:
    """A header as Table.column compares it: case and spacing do not count."""
    return " ".join(header.split()).casefold()


def header_signature(headers: Sequence[str]) -> str:
    """A short name for a set of headers, whatever their order, to find a saved mapping by."""
    keys = sorted(header_key(h) for h in headers if h.strip())
    return hashlib.sha256("\n".join(keys).encode("utf-8")).hexdigest()[:16]


def guess_mapping(headers: Sequence[str]) -> ColumnMapping:
    """Fields pre-filled by header names. A full name is not guessed when first and last name
    both are."""
    words = [_words(h) for h in headers]
    columns: dict[str, str] = {}
    for spec in FIELDS:
        index = _best_header(spec, words)
        if index is not None:
            columns[spec.key] = headers[index]
    if "first_name" in columns and "last_name" in columns:
        columns.pop("full_name", None)
    return ColumnMapping(columns)


def _best_header(spec: Field, words: list[str]) -> int | None:
    synonyms = [_words(s) for s in SYNONYMS[spec.key].split(",")]
    if spec.recipient:
        for synonym in synonyms:
            for i, header in enumerate(words):
                if _unprefixed(header) == synonym:
                    return i
    for synonym in synonyms:
        for i, header in enumerate(words):
            if header == synonym:
                return i
    return None


def _words(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.casefold().replace("#", " number ")))


def _unprefixed(words: str) -> str:
    """The words after a shipping prefix ("shipping zip" -> "zip"), or "" without one."""
    for prefix in RECIPIENT_PREFIXES:
        if words.startswith(prefix + " "):
            return words[len(prefix) + 1 :]
    return ""
