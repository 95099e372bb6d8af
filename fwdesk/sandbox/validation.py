"""Request checks with the documented limits, reported the way ASP.NET model binding does.

FinerWorks answers a malformed or over-long field with HTTP 400 and a ``ModelState`` map from
field path (``orders[0].recipient.first_name``) to messages; the simulator does the same so the
client's per-field error handling meets something realistic. Paths here are relative to the
body; `fwdesk.sandbox.envelope` adds the ``request.`` prefix ASP.NET puts in front.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Any

Errors = dict[str, list[str]]

US_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU AS MP AA AE AP".split()
)
NON_US_STATE = "Must be left blank when country_code does not equal 'us'"
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Text:
    max_len: int | None = None
    required: bool = False


@dataclass(frozen=True)
class Whole:
    low: int | None = None
    high: int | None = None
    required: bool = False


@dataclass(frozen=True)
class Money:
    """A non-negative JSON number (an integer or a decimal)."""

    required: bool = False


@dataclass(frozen=True)
class Flag:
    required: bool = False


@dataclass(frozen=True)
class Guid:
    """A GUID in any of the spellings .NET's Guid parser reads, or null."""

    required: bool = False


@dataclass(frozen=True)
class Code:
    """A shipping code: a letter code such as ``SD``, or a quote option's id as a JSON number
    or as text (API.md 9.2)."""

    required: bool = False


@dataclass(frozen=True)
class Obj:
    schema: dict[str, Any]
    required: bool = False


@dataclass(frozen=True)
class Many:
    item: Any
    min_items: int = 0
    max_items: int | None = None
    required: bool = False


@dataclass(frozen=True)
class Anything:
    required: bool = False


ADDRESS = {
    "first_name": Text(50, required=True),
    "last_name": Text(50, required=True),
    "company_name": Text(50),
    "address_1": Text(100, required=True),
    "address_2": Text(100),
    "address_3": Text(100),
    "city": Text(50),
    "state_code": Text(2),
    "province": Text(50),
    "zip_postal_code": Text(10, required=True),
    "country_code": Text(2, required=True),
    "phone": Text(50),
    "email": Text(50),
    "address_order_po": Text(50),
}

PRODUCT_IMAGE = {
    "pixel_width": Whole(1),
    "pixel_height": Whole(1),
    "product_url_file": Text(),
    "product_url_thumbnail": Text(),
    "library_file": Anything(),
}

PRODUCT = {
    "product_order_po": Text(50),
    "product_qty": Whole(1, 999, required=True),
    "product_sku": Text(required=True),
    "product_image": Obj(PRODUCT_IMAGE),
    "product_title": Text(50),
    "template": Anything(),
    "product_guid": Text(),
    "custom_data_1": Text(255),
    "custom_data_2": Text(255),
    "custom_data_3": Text(255),
    "coa": Anything(),
}

ORDER = {
    "order_po": Text(50, required=True),
    "order_key": Guid(),
    "recipient": Obj(ADDRESS, required=True),
    "order_items": Many(Obj(PRODUCT), min_items=1, required=True),
    "shipping_code": Code(),
    "ship_by_date": Text(),
    "customs_tax_info": Anything(),
    "gift_message": Text(),
    "test_mode": Flag(),
    "webhook_order_status_url": Text(),
    "document_url": Text(200),
    "acct_number_ups": Text(50),
    "acct_number_fedex": Text(50),
    "custom_data_1": Text(255),
    "custom_data_2": Text(255),
    "custom_data_3": Text(255),
    "source": Text(50),
    "order_status": Anything(),
    "fulfillment_id": Whole(),
}


@dataclass
class Checker:
    """Collects every problem in a body rather than stopping at the first, as a form would."""

    errors: Errors = field(default_factory=dict)

    def add(self, path: str, message: str) -> None:
        self.errors.setdefault(path, []).append(message)

    def fields(self, data: object, schema: dict[str, Any], path: str) -> None:
        if not isinstance(data, dict):
            self.add(path, "An object is expected.")
            return
        for name, spec in schema.items():
            self.value(data.get(name), spec, f"{path}.{name}" if path else name, name)

    def value(self, value: object, spec: Any, path: str, name: str) -> None:
        if value is None or value == "":
            if spec.required:
                self.add(path, f"The {name} field is required.")
            return
        if isinstance(spec, Text):
            self._text(value, spec, path, name)
        elif isinstance(spec, Whole):
            self._whole(value, spec, path, name)
        elif isinstance(spec, (Flag, Money, Code)):
            if not _SCALARS[type(spec)](value):
                self.add(path, f"The value is not valid for {name}.")
        elif isinstance(spec, Guid) and not _is_guid(value):
            self.add(path, f"The value '{value}' is not valid for {name}.")
        elif isinstance(spec, Obj):
            self.fields(value, spec.schema, path)
        elif isinstance(spec, Many):
            self._many(value, spec, path, name)

    def _text(self, value: object, spec: Text, path: str, name: str) -> None:
        if not isinstance(value, str):
            self.add(path, f"The value is not valid for {name}.")
        elif spec.max_len is not None and len(value) > spec.max_len:
            self.add(
                path,
                f"The field {name} must be a string with a maximum length of {spec.max_len}.",
            )

    def _whole(self, value: object, spec: Whole, path: str, name: str) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(path, f"The value is not valid for {name}.")
        elif (spec.low is not None and value < spec.low) or (
            spec.high is not None and value > spec.high
        ):
            low = spec.low if spec.low is not None else "any"
            high = spec.high if spec.high is not None else "any"
            self.add(path, f"The field {name} must be between {low} and {high}.")

    def _many(self, value: object, spec: Many, path: str, name: str) -> None:
        if not isinstance(value, list):
            self.add(path, f"The value is not valid for {name}.")
            return
        if len(value) < spec.min_items:
            self.add(path, f"At least {spec.min_items} {name} entry is required.")
        if spec.max_items is not None and len(value) > spec.max_items:
            self.add(path, f"No more than {spec.max_items} {name} entries are allowed per call.")
            return
        for i, item in enumerate(value):
            self.value(item, spec.item, f"{path}[{i}]", name)
            if item is None:
                self.add(f"{path}[{i}]", "An object is expected.")

    def address_rules(self, address: object, path: str) -> None:
        """The cross-field rules of an address: a US state only in the US, and a real one there."""
        if not isinstance(address, dict):
            return
        country = address.get("country_code")
        state = address.get("state_code")
        email = address.get("email")
        if isinstance(country, str) and country and not _COUNTRY.match(country):
            self.add(f"{path}.country_code", "country_code must be an ISO 3166 two-letter code.")
        is_us = isinstance(country, str) and country.lower() == "us"
        if state not in (None, "") and not is_us:
            self.add(f"{path}.state_code", NON_US_STATE)
        elif is_us and not state:
            self.add(f"{path}.state_code", "The state_code field is required for US addresses.")
        elif is_us and isinstance(state, str) and state.upper() not in US_STATES:
            self.add(f"{path}.state_code", f"'{state}' is not a USPS state code.")
        if isinstance(email, str) and email and not _EMAIL.match(email):
            self.add(f"{path}.email", "The email field is not a valid e-mail address.")

    def order(self, order: object, path: str, *, for_submit: bool) -> None:
        self.fields(order, ORDER, path)
        if not isinstance(order, dict):
            return
        recipient_path = f"{path}.recipient" if path else "recipient"
        self.address_rules(order.get("recipient"), recipient_path)
        if for_submit and not order.get("shipping_code"):
            code_path = f"{path}.shipping_code" if path else "shipping_code"
            self.add(code_path, "The shipping_code field is required.")


def check_orders(body: object, *, max_orders: int | None, for_submit: bool) -> Errors:
    """Errors of an ``{"orders": [...]}`` body, keyed as ``orders[i].field``; `max_orders`
    None means the call documents no limit."""
    checker = Checker()
    if not isinstance(body, dict):
        checker.add("", "An object is expected.")
        return checker.errors
    orders = body.get("orders")
    if not isinstance(orders, list) or not orders:
        checker.add("orders", "The orders field is required.")
        return checker.errors
    if max_orders is not None and len(orders) > max_orders:
        checker.add("orders", f"No more than {max_orders} orders are allowed per call.")
        return checker.errors
    for i, order in enumerate(orders):
        checker.order(order, f"orders[{i}]", for_submit=for_submit)
    return checker.errors


def check_order(body: object) -> Errors:
    """Errors of a single bare `order_details` body (list_shipping_options)."""
    checker = Checker()
    checker.order(body, "", for_submit=False)
    return checker.errors


def check_address(address: object, path: str) -> Errors:
    checker = Checker()
    checker.value(address, Obj(ADDRESS, required=True), path, path)
    checker.address_rules(address, path)
    return checker.errors


def _is_money(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0


def _is_guid(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _is_code(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return value >= 0
    return isinstance(value, str) and len(value.strip()) <= 10


_SCALARS = {Flag: lambda value: isinstance(value, bool), Money: _is_money, Code: _is_code}
