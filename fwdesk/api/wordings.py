"""The few texts of FinerWorks' answers that carry meaning no id or field does.

FinerWorks may reword any message, so the app decides by ids and structure wherever the API
gives them. These are the exceptions, each documented in API.md, matched here and nowhere else
(case-insensitively, anywhere in the text) and tested in one place, so a rewording is a
one-line change.
"""

from __future__ import annotations

AUTH_REFUSED = "missing or unauthorized api credentials"
"""HTTP 400 for bad keys: the API never answers 401 for them (API.md 1.2)."""
DUPLICATE_PO = "duplicate order_po"
"""HTTP 400 ModelState when an order_po is already in use (API.md 9.2)."""
NOT_AVAILABLE = "not available"
"""get_product_details' `description_short` for a SKU FinerWorks does not know (API.md 9.5)."""
PAYMENT_FAILED = "payment failed"
"""`status.message` of a submit whose payment was refused; the order may exist, unpaid
(API.md 1.3)."""


def _says(text: str | None, wording: str) -> bool:
    return wording in (text or "").casefold()


def is_auth_refusal(text: str | None) -> bool:
    return _says(text, AUTH_REFUSED)


def is_duplicate_po(text: str | None) -> bool:
    return _says(text, DUPLICATE_PO)


def is_not_available(description: str | None) -> bool:
    return (description or "").strip().casefold() == NOT_AVAILABLE


def is_payment_failure(text: str | None) -> bool:
    return _says(text, PAYMENT_FAILED)
