"""How a submit is paid for (API.md 1.4, 9.2, 9.7): the payment token's meaning, the account's
credit balance, and why a payment fails.

A failed payment does not undo the submit: FinerWorks keeps the orders, unpaid, at status 49
"Payment Failed" and says so in ``status.message`` (API.md 1.3). Payment is only attempted when
the request holds a live order; test orders cost nothing whatever the token.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from fwdesk.sandbox.accounts import SAVED_CARDS, Account, PaymentToken
from fwdesk.sandbox.envelope import Invalid

TEST_TOKEN = "xxxx"
INVOICE_TOKEN = "invoice"
CARD_ON_FILE = next(card for card in SAVED_CARDS if card.is_default)
"""What submit_orders (v1, which takes no token) charges: the account's default card."""
FAILED = "Payment failed"


@dataclass(frozen=True)
class Payment:
    kind: str
    """The receipt's payment_type_name."""
    forced_test: bool = False
    failure: str | None = None
    """Why the charge fails, whatever the amount; None when it may go ahead."""
    from_credits: bool = False
    card_number: str | None = None


def payment_for(account: Account, token: Any) -> Payment:
    """What a submit_orders_v2 ``payment_token`` means; missing, null and "" pay from credits."""
    if token is not None and not isinstance(token, str):
        raise Invalid({"payment_token": ["The value is not valid for payment_token."]})
    token = (token or "").strip()
    if not token:
        return Payment("Account Credits", from_credits=True)
    if token == TEST_TOKEN:
        return Payment("Test", forced_test=True)
    if token == INVOICE_TOKEN:
        if account.invoice_allowed:
            return Payment("Invoice")
        return Payment("Invoice", failure="invoice payment is not enabled for this account")
    card = account.saved_card(token)
    if card is None:
        return Payment("Credit Card", failure="the payment token was not recognised")
    if card.declined:
        failure = f"the card was declined ({card.label})"
        return Payment("Credit Card", failure=failure, card_number=_masked(card))
    return Payment("Credit Card", card_number=_masked(card))


def card_on_file() -> Payment:
    return Payment("Credit Card", card_number=_masked(CARD_ON_FILE))


def _masked(card: PaymentToken) -> str:
    """The receipt's card_number: the last four digits the card's label ends with."""
    return "************" + card.label[-4:]


def charge(account: Account, payment: Payment, live_total: Decimal) -> Payment:
    """Settles `live_total` (the grand totals of the request's live orders): credits are
    deducted only when they cover all of it. Returns the payment with any failure set."""
    if live_total <= 0 or payment.failure is not None or not payment.from_credits:
        return payment
    if account.credits < live_total:
        return replace(
            payment,
            failure=(
                f"not enough account credits (balance {account.credits:.2f} USD, "
                f"orders total {live_total:.2f} USD)"
            ),
        )
    account.credits -= live_total
    return payment


def failure_message(payment: Payment) -> str:
    return f"{FAILED}: {payment.failure}."
