"""How an order will be paid, from what the account offers (API.md 9.2 and 9.7)."""

from __future__ import annotations

from decimal import Decimal

from fwdesk.api.account import PaymentToken, UserAccount
from fwdesk.core.payment import PaymentKind, payment_choices

VISA = PaymentToken("tok_visa", "Visa ending in 4242", is_default=True)
MASTERCARD = PaymentToken("tok_mc", "Mastercard ending in 0005")


def test_credits_that_cover_the_order_come_first_then_the_default_card():
    account = UserAccount(user_account_credits=Decimal("120.00"))
    choices = payment_choices(account, [MASTERCARD, VISA], Decimal("64.10"))
    assert [c.kind for c in choices] == [PaymentKind.CREDITS, PaymentKind.CARD, PaymentKind.CARD]
    assert choices[0].token is None and "$120.00" in choices[0].description
    assert [c.token for c in choices[1:]] == ["tok_visa", "tok_mc"]
    assert choices[1].description == "Visa ending in 4242"


def test_credits_too_small_for_the_order_come_last():
    account = UserAccount(user_account_credits=Decimal("25.00"), enable_invoice_payment=True)
    choices = payment_choices(account, [VISA], Decimal("64.10"))
    assert [c.kind for c in choices] == [
        PaymentKind.CARD,
        PaymentKind.INVOICE,
        PaymentKind.CREDITS,
    ]
    assert choices[1].token == "invoice"


def test_a_batch_of_unknown_total_is_not_put_on_credits_first():
    account = UserAccount(user_account_credits=Decimal("25.00"))
    kinds = [c.kind for c in payment_choices(account, [VISA], None)]
    assert kinds == [PaymentKind.CARD, PaymentKind.CREDITS]
    assert [c.kind for c in payment_choices(account, [], None)] == [PaymentKind.CREDITS]


def test_invoice_only_where_finerworks_allows_it():
    account = UserAccount(enable_invoice_payment=False)
    assert payment_choices(account, [VISA]) == payment_choices(account, [VISA])[:1]
    assert all(c.kind is not PaymentKind.INVOICE for c in payment_choices(account, [VISA]))


def test_an_account_with_nothing_on_file_has_no_choice():
    assert payment_choices(UserAccount(), []) == []


def test_test_orders_always_go_with_the_test_token():
    card = payment_choices(UserAccount(), [VISA])[0]
    assert card.token_for(test_mode=True) == "xxxx"
    assert card.token_for(test_mode=False) == "tok_visa"
