"""What the simulator knows about addresses: how the validator corrects them, which US ZIP
codes are plausible, and which recipients the carrier will turn back.

The carrier's rejection is simulated by a trigger word so a test or a demo can produce
status 35 ("UPS/USPS Rejected Address") on purpose: a recipient whose ``address_1`` contains
the word "Nowhere" (any letter case) is accepted at submit and rejected when the order would
become ready to ship.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from fwdesk.sandbox.envelope import Call, Invalid, Refusal
from fwdesk.sandbox.validation import check_address

if TYPE_CHECKING:
    from fwdesk.sandbox.store import Store

REJECTED_WORD = "Nowhere"
_REJECTED = re.compile(rf"\b{REJECTED_WORD}\b", re.IGNORECASE)

# The first digit of a US ZIP code names a group of states: enough for a plausible check.
_ZIP_REGIONS = {
    "0": "CT MA ME NH NJ PR RI VT VI AE",
    "1": "DE NY PA",
    "2": "DC MD NC SC VA WV",
    "3": "AL FL GA MS TN AA",
    "4": "IN KY MI OH",
    "5": "IA MN MT ND SD WI",
    "6": "IL KS MO NE",
    "7": "AR LA OK TX",
    "8": "AZ CO ID NM NV UT WY",
    "9": "AK CA HI OR WA GU AS MP AP",
}


def is_rejected(recipient: dict[str, Any]) -> bool:
    return bool(_REJECTED.search(str(recipient.get("address_1") or "")))


def normalised(address: dict[str, Any]) -> dict[str, Any]:
    """The address as the validator would correct it: trimmed, cased, ZIP+4 hyphenated."""
    fixed = {k: v.strip() if isinstance(v, str) else v for k, v in address.items()}
    fixed["country_code"] = str(fixed.get("country_code") or "").lower()
    if fixed.get("state_code"):
        fixed["state_code"] = str(fixed["state_code"]).upper()
    city = fixed.get("city")
    if isinstance(city, str) and (city.islower() or city.isupper()):
        fixed["city"] = city.title()
    zip_code = str(fixed.get("zip_postal_code") or "")
    if fixed["country_code"] == "us":
        digits = "".join(ch for ch in zip_code if ch.isdigit())
        if len(digits) == 9:
            fixed["zip_postal_code"] = f"{digits[:5]}-{digits[5:]}"
    else:
        fixed["zip_postal_code"] = zip_code.upper()
    return fixed


def validate_recipient_address(store: Store, call: Call) -> dict[str, Any]:
    recipient = call.obj().get("recipient")
    errors = check_address(recipient, "recipient")
    if errors:
        raise Invalid(errors)
    address = normalised(recipient)
    if address["country_code"] == "us":
        _check_us_zip(address)
    return {"address": address}


def _check_us_zip(address: dict[str, Any]) -> None:
    zip_code = str(address.get("zip_postal_code") or "")
    digits = zip_code.replace("-", "")
    if not digits.isdigit() or len(digits) not in (5, 9):
        raise Refusal(f"'{zip_code}' is not a valid US ZIP code.")
    state = str(address.get("state_code") or "")
    if state not in _ZIP_REGIONS[digits[0]].split():
        raise Refusal(f"The ZIP code {zip_code} is not in {state}.")
