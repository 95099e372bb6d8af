"""What makes an order sendable, checked before anything is sent, with one message per field.

Limits are FinerWorks' own (API.md: address, product, order_details); a few checks go further
where the API would accept something that cannot be delivered (a US ZIP code that is not one,
an email without a domain). Keys name the form fields: ``first_name``, ``items[2].quantity``.
"""

from __future__ import annotations

import re
from datetime import date

from fwdesk.api.orders import Address
from fwdesk.core.drafts import Draft, DraftItem
from fwdesk.core.imports import geo

Problems = dict[str, str]

US_STATES = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "DC": "District of Columbia",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
    "PR": "Puerto Rico",
    "VI": "U.S. Virgin Islands",
    "GU": "Guam",
    "AS": "American Samoa",
    "MP": "Northern Mariana Islands",
    "AA": "Armed Forces Americas",
    "AE": "Armed Forces Europe",
    "AP": "Armed Forces Pacific",
}

LIMITS = {
    "first_name": 50,
    "last_name": 50,
    "company_name": 50,
    "address_1": 100,
    "address_2": 100,
    "address_3": 100,
    "city": 50,
    "province": 50,
    "zip_postal_code": 10,
    "phone": 50,
    "email": 50,
}
REQUIRED = {
    "first_name": "Enter the recipient's first name.",
    "last_name": "Enter the recipient's last name.",
    "address_1": "Enter the street address.",
    "city": "Enter the city.",
    "zip_postal_code": "Enter the postal code.",
}
EXTRA_LIMITS = {
    "document_url": 200,
    "acct_number_ups": 50,
    "acct_number_fedex": 50,
    "custom_data_1": 255,
    "custom_data_2": 255,
    "custom_data_3": 255,
    "gift_message": 500,
}
PO_LIMIT, TITLE_LIMIT, QTY_MAX = 50, 50, 999

_US_ZIP = re.compile(r"^\d{5}(-?\d{4})?$")
_CA_POSTAL = re.compile(r"^[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d$")
_UK_POSTCODE = re.compile(r"^[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}$")
_AU_POSTCODE = re.compile(r"^\d{4}$")
POSTCODES = {
    "ca": (_CA_POSTAL, "A Canadian postal code looks like K1A 0B1."),
    "gb": (_UK_POSTCODE, "A UK postcode looks like SW1A 1AA."),
    "au": (_AU_POSTCODE, "An Australian postcode has 4 digits."),
}
"""Countries whose postcode shape is checked before FinerWorks is asked (the US is checked
with its state, above them)."""
REGIONS = {
    "ca": ("Choose the province.", "a Canadian province"),
    "au": ("Choose the state or territory.", "an Australian state or territory"),
}
"""Countries where FinerWorks needs the region, given as its code in `province`."""
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_PHONE = re.compile(r"^[0-9+()./\- x]{5,}$")
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")
_SKU = re.compile(r"^\S+$")


def check_recipient(address: Address) -> Problems:
    problems: Problems = {}
    for name, message in REQUIRED.items():
        if not (getattr(address, name) or "").strip():
            problems[name] = message
    for name, limit in LIMITS.items():
        value = getattr(address, name) or ""
        if len(value.strip()) > limit:
            problems[name] = f"At most {limit} characters (now {len(value.strip())})."
    country = (address.country_code or "").strip()
    state = (address.state_code or "").strip()
    zip_code = (address.zip_postal_code or "").strip()
    if not _COUNTRY.match(country):
        problems["country_code"] = "Choose the country."
    elif country.lower() == "us":
        if not state:
            problems["state_code"] = "Choose the state."
        elif state.upper() not in US_STATES:
            problems["state_code"] = f"“{state}” is not a US state code."
        if zip_code and "zip_postal_code" not in problems and not _US_ZIP.match(zip_code):
            problems["zip_postal_code"] = "A US ZIP code has 5 digits (or 5+4)."
    else:
        if state:
            problems["state_code"] = "Only US addresses have a state; use Province instead."
        _check_region(country.lower(), (address.province or "").strip(), problems)
        shape = POSTCODES.get(country.lower())
        if shape and zip_code and "zip_postal_code" not in problems:
            pattern, message = shape
            if not pattern.match(zip_code):
                problems["zip_postal_code"] = message
    email = (address.email or "").strip()
    if email and "email" not in problems and not _EMAIL.match(email):
        problems["email"] = "This is not an email address."
    phone = (address.phone or "").strip()
    if phone and "phone" not in problems and not _PHONE.match(phone):
        problems["phone"] = "Use digits, spaces and + ( ) - only."
    return problems


def _check_region(country: str, province: str, problems: Problems) -> None:
    if country not in REGIONS:
        return
    ask, noun = REGIONS[country]
    if not province:
        problems["province"] = ask
    elif province.upper() not in {code for code, _name in geo.subdivisions(country)}:
        problems["province"] = f"“{province}” is not {noun}."


def check_items(items: tuple[DraftItem, ...] | list[DraftItem]) -> Problems:
    problems: Problems = {}
    if not items:
        problems["items"] = "Add at least one product."
    for index, item in enumerate(items):
        key = f"items[{index}]"
        if not item.sku.strip() or not _SKU.match(item.sku.strip()):
            problems[f"{key}.sku"] = "Enter a SKU or product code without spaces."
        if not 1 <= item.quantity <= QTY_MAX:
            problems[f"{key}.quantity"] = f"Quantity must be 1 to {QTY_MAX}."
        if len(item.title.strip()) > TITLE_LIMIT:
            problems[f"{key}.title"] = f"At most {TITLE_LIMIT} characters."
        is_code = bool(item.sku.strip()) and not item.sku.strip().upper().startswith("AP")
        if is_code and not (item.pixel_width and item.pixel_height and item.image_url):
            problems[f"{key}.image"] = (
                "A product code needs its print file: the image URL and its pixel size."
            )
    return problems


def check_extras(draft: Draft, today: date | None = None) -> Problems:
    problems: Problems = {}
    for name, limit in EXTRA_LIMITS.items():
        value = (getattr(draft, name) or "").strip()
        if len(value) > limit:
            problems[name] = f"At most {limit} characters (now {len(value)})."
    url = (draft.document_url or "").strip()
    if url and "document_url" not in problems and not url.startswith(("https://", "http://")):
        problems["document_url"] = "Enter a full web address starting with https://."
    ship_by = (draft.ship_by_date or "").strip()
    if ship_by:
        try:
            if date.fromisoformat(ship_by) < (today or date.today()):
                problems["ship_by_date"] = "The ship-by date is in the past."
        except ValueError:
            problems["ship_by_date"] = "Use a date like 2026-12-24."
    return problems


def check_draft(draft: Draft, *, for_submit: bool, today: date | None = None) -> Problems:
    """Everything wrong with a draft; with `for_submit`, also what only sending requires."""
    problems = {**check_recipient(draft.recipient), **check_items(draft.items)}
    problems.update(check_extras(draft, today))
    po = draft.order_po.strip()
    if not po:
        problems["order_po"] = "Every order needs a PO number."
    elif len(po) > PO_LIMIT:
        problems["order_po"] = f"At most {PO_LIMIT} characters."
    if for_submit and not draft.shipping_code:
        problems["shipping_code"] = "Choose a shipping method."
    return problems


def quote_ready(draft: Draft) -> bool:
    """A quote needs a destination and valid items, not a finished address."""
    address = draft.recipient
    if not address.country_code or not (address.zip_postal_code or "").strip():
        return False
    recipient_problems = check_recipient(address)
    if {"country_code", "state_code", "zip_postal_code"} & set(recipient_problems):
        return False
    item_problems = check_items(draft.items)
    return bool(draft.items) and not any(
        key.endswith((".sku", ".quantity")) or key == "items" for key in item_problems
    )
