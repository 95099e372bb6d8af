"""The account behind a key pair: who it is, how it pays, what its keys may do."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from fwdesk.api.fields import Model
from fwdesk.api.orders import Address


@dataclass(frozen=True)
class UserAccount(Model):
    account_id: int | None = None
    account_username: str = ""
    account_email: str = ""
    account_title: str | None = None
    account_firstname: str = ""
    account_lastname: str = ""
    billing_info: Address | None = None
    business_info: Address | None = None
    logo_url: str | None = None
    payment_profile_id: str | None = None
    """The payment processor's customer id, which get_payment_tokens takes."""
    user_account_credits: Decimal = Decimal(0)
    enable_invoice_payment: bool = False
    account_key: str | None = None
    shipping_preferences: list[str] = field(default_factory=list)
    """Ranked, highest first: "1" most economical, "2" rolled, "3" flat, "4" fastest (API.md
    9.3). corsair types them as numbers, which are read as the same text."""
    connections: list[dict[str, Any]] = field(default_factory=list)
    user_profile_complete: bool = False


@dataclass(frozen=True)
class PaymentToken(Model):
    """A saved way to pay; `associated_payment_method` names it, e.g. "Visa ending in 4242"."""

    token: str = field(default="", metadata={"required": True})
    associated_payment_method: str = ""
    is_default: bool = False


@dataclass(frozen=True)
class AppInfo(Model):
    """The registered app; `app_live_mode` False means every order is a test order."""

    app_name: str = ""
    app_description: str = ""
    app_live_mode: bool | None = None


@dataclass(frozen=True)
class CredentialCheck:
    """What `test_my_credentials` learned: whose keys they are, and whether the app is live."""

    account: UserAccount | None
    app: AppInfo | None
