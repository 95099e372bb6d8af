"""The only places the app reads FinerWorks' wording: one test per documented text."""

from __future__ import annotations

import pytest

from fwdesk.api import wordings


@pytest.mark.parametrize(
    ("check", "said", "meant"),
    [
        (wordings.is_auth_refusal, "Missing or unauthorized api credentials", True),
        (wordings.is_auth_refusal, "Error: MISSING OR UNAUTHORIZED API CREDENTIALS.", True),
        (wordings.is_auth_refusal, "The request is invalid.", False),
        (wordings.is_duplicate_po, "Duplicate order_po 'HW-1' - already submitted.", True),
        (wordings.is_duplicate_po, "duplicate ORDER_PO", True),
        (wordings.is_duplicate_po, "order_po is required", False),
        (wordings.is_duplicate_po, "Duplicate Order", False),
        (wordings.is_payment_failure, "Payment failed: card declined", True),
        (wordings.is_payment_failure, "The payment failed.", True),
        (wordings.is_payment_failure, "Order 12 was not found.", False),
        (wordings.is_not_available, "Not Available", True),
        (wordings.is_not_available, "  not available ", True),
        (wordings.is_not_available, "Available in 3 sizes, not available framed", False),
        (wordings.is_not_available, "", False),
    ],
)
def test_documented_wordings_are_recognised_and_nothing_else(check, said, meant):
    assert check(said) is meant


@pytest.mark.parametrize(
    "check",
    [
        wordings.is_auth_refusal,
        wordings.is_duplicate_po,
        wordings.is_payment_failure,
        wordings.is_not_available,
    ],
)
def test_no_text_is_no_match(check):
    assert check(None) is False
