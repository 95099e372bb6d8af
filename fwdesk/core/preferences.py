"""What the Preferences dialog accepts, in the shop's words: the checks run both when the shop
types a value and when settings.json is read, so a value edited by hand that the dialog would
refuse falls back to its default instead of reaching FinerWorks.

Kept apart from `order_rules`, whose address models the first window does not need (the
settings are read before it is painted): the PO limit is repeated here, and a test holds the
two equal.
"""

from __future__ import annotations

PO_LIMIT = 50
"""FinerWorks' longest order_po (API.md, order_details), as `order_rules.PO_LIMIT`."""
PO_NUMBER_DIGITS = 6
"""The counter after the prefix (core.drafts numbers POs as prefix + six digits)."""
PREFIX_LIMIT = PO_LIMIT - PO_NUMBER_DIGITS

REFRESH_MINUTES = range(1, 61)
"""How often the Orders tab may ask FinerWorks: every minute at most (the refresh lists every
order, so faster would only load FinerWorks), every hour at least (the longest wait the tab
backs off to after failures)."""

SHIPPING_DEFAULTS = {
    "": "As my FinerWorks shipping preferences choose",
    "EC": "Economy (the cheapest)",
    "SD": "Standard ground",
    "FS": "Fastest available",
}
"""The codes API.md section 5 documents (EX and ON are unconfirmed, so not offered). A new
order starts with the one chosen; the quote keeps it when FinerWorks offers it for the
destination, and otherwise picks as it would without it."""


def po_prefix_problem(prefix: str) -> str:
    """Why FinerWorks would not take POs starting with `prefix`; "" when it would."""
    text = prefix.strip()
    if not text:
        return "Enter a prefix, for example SHOP-."
    if len(text) > PREFIX_LIMIT:
        return (
            f"Use at most {PREFIX_LIMIT} characters: FinerWorks takes order numbers of up to "
            f"{PO_LIMIT}, and {PO_NUMBER_DIGITS} digits follow the prefix."
        )
    if any(ch.isspace() for ch in text):
        return "Use no spaces (they get lost when an order number is copied), e.g. MY-SHOP-."
    if not text.isprintable():
        return "Use letters, digits and punctuation only."
    return ""


def shipping_problem(code: str) -> str:
    return "" if code.strip() in SHIPPING_DEFAULTS else "Choose one of the shipping methods."
