"""How an order is paid for, chosen from what the FinerWorks account itself offers.

submit_orders_v2 takes one `payment_token` per call (API.md 9.2): a saved card's token,
``"invoice"`` for accounts allowed to pay later, ``"xxxx"`` for test orders, or nothing at all
when the account's credits cover the orders. The shop sees the choice before anything is sent.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from fwdesk.api.account import PaymentToken, UserAccount
from fwdesk.api.errors import ApiError
from fwdesk.core.messages import explain

if TYPE_CHECKING:
    from fwdesk.api.client import FinerWorksClient

TEST_TOKEN = "xxxx"
INVOICE_TOKEN = "invoice"


class PaymentKind(enum.Enum):
    CREDITS = "credits"
    CARD = "card"
    INVOICE = "invoice"


@dataclass(frozen=True)
class Payment:
    kind: PaymentKind
    description: str
    token: str | None = None
    """What submit_orders_v2 is sent; None leaves it out (account credits)."""

    def token_for(self, test_mode: bool) -> str | None:
        """Test orders are always sent with the test token, which charges nothing."""
        return TEST_TOKEN if test_mode else self.token


CREDITS_FALLBACK = Payment(
    PaymentKind.CREDITS, "the account's default payment (FinerWorks did not say which)"
)
"""When the account could not be read: sent as FinerWorks' own app sends a credits payment,
so FinerWorks applies whatever the account has on file."""


def payment_choices(
    account: UserAccount, tokens: Sequence[PaymentToken], total: Decimal | None = None
) -> list[Payment]:
    """The ways this account can pay, best first: credits when they cover `total`, then the
    default card, other cards, invoice where FinerWorks allows it, and last the credits that
    do not cover the total, or may not (a batch whose total is not known yet)."""
    credits = account.user_account_credits
    credit = Payment(
        PaymentKind.CREDITS, f"Account credits (${credits:,.2f} available)", token=None
    )
    covered = credits > 0 and total is not None and credits >= total
    cards = sorted(tokens, key=lambda t: not t.is_default)
    choices = [credit] if covered else []
    choices += [
        Payment(PaymentKind.CARD, t.associated_payment_method or "Saved card", token=t.token)
        for t in cards
    ]
    if account.enable_invoice_payment:
        choices.append(Payment(PaymentKind.INVOICE, "Invoice (pay later)", token=INVOICE_TOKEN))
    if not covered and credits > 0:
        choices.append(credit)
    return choices


@dataclass(frozen=True)
class PaymentOffer:
    """What the account offers, as read just before a send; `problem` says what could not be
    read (the send still works, with what is known)."""

    account: UserAccount | None
    tokens: list[PaymentToken] = field(default_factory=list)
    problem: str = ""

    def choices(self, total: Decimal | None) -> list[Payment]:
        if self.account is None:
            return [CREDITS_FALLBACK]
        return payment_choices(self.account, self.tokens, total)


def ask_account(client: FinerWorksClient) -> PaymentOffer:
    """The account's balance, invoicing and saved cards (get_user, get_payment_tokens)."""
    try:
        account = client.get_user()
    except ApiError as error:
        return PaymentOffer(
            None, problem=f"FinerWorks could not say how this account pays. {explain(error)}"
        )
    if not account.payment_profile_id:
        return PaymentOffer(account)
    try:
        tokens = client.get_payment_tokens(account.payment_profile_id)
    except ApiError as error:
        return PaymentOffer(account, problem=f"The saved cards could not be read. {explain(error)}")
    return PaymentOffer(account, tokens)
