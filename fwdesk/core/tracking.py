"""Tracking links from a carrier's name and a tracking number.

The number's shape decides when the carrier's name is missing or unfamiliar, since FinerWorks'
`carrier` field is free text.
"""

from __future__ import annotations

import re
from urllib.parse import quote

PATTERNS = (
    ("UPS", re.compile(r"^1Z[0-9A-Z]{16}$"), "https://www.ups.com/track?tracknum={}"),
    (
        "USPS",
        re.compile(r"^(9[1-5]\d{20}|\d{20}|[A-Z]{2}\d{9}US)$"),
        "https://tools.usps.com/go/TrackConfirmAction?tLabels={}",
    ),
    (
        "FedEx",
        re.compile(r"^(\d{12}|\d{15}|\d{20})$"),
        "https://www.fedex.com/fedextrack/?trknbr={}",
    ),
    ("DHL", re.compile(r"^\d{10}$"), "https://www.dhl.com/en/express/tracking.html?AWB={}"),
)


def carrier_of(carrier: str | None, number: str) -> str | None:
    """The carrier a number belongs to: the one named if its pattern fits, else by shape."""
    cleaned = number.replace(" ", "").upper()
    named = (carrier or "").strip().lower()
    for name, pattern, _url in PATTERNS:
        if name.lower() in named and pattern.match(cleaned):
            return name
    return next((name for name, pattern, _url in PATTERNS if pattern.match(cleaned)), None)


def tracking_link(carrier: str | None, number: str) -> str | None:
    cleaned = number.replace(" ", "").upper()
    found = carrier_of(carrier, cleaned)
    if found is None:
        return None
    template = next(url for name, _pattern, url in PATTERNS if name == found)
    return template.format(quote(cleaned))
