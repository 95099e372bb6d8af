"""The account behind a key pair, and the keys themselves."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from fwdesk.api.fields import Model
from fwdesk.api.orders import Address


def key_problem(key: str) -> str:
    """Why `key` cannot be a FinerWorks key, in words that never repeat it; "" when it can.

    Keys travel as HTTP header values, so only printable ASCII without spaces survives the
    trip: anything else would fail on the wire (and a copied line break would put the key
    into the error text)."""
    if not key:
        return "Paste the key from your FinerWorks account."
    if any(ch.isspace() for ch in key):
        return "A key has no spaces or line breaks; copy it again."
    if not all(" " < ch <= "~" for ch in key):
        return "A key is made of plain letters, digits and punctuation; copy it again."
    return ""


@dataclass(frozen=True)
class Credentials:
    """A FinerWorks key pair. `repr` shows neither key, so it is safe in logs and tracebacks.

    `public` marks a pair that is no secret (the simulator's demo/demo): it is not masked in
    text, where masking a word like "demo" would garble every line."""

    web_api_key: str = field(repr=False)
    app_key: str = field(repr=False)
    public: bool = False

    def __post_init__(self) -> None:
        for name, key in (("web_api_key", self.web_api_key), ("app_key", self.app_key)):
            problem = key_problem(key)
            if problem:
                raise ValueError(f"{name}: {problem}")

    def secrets(self) -> tuple[str, str]:
        return (self.web_api_key, self.app_key)

    def to_mask(self) -> tuple[str, ...]:
        """What text must never show: both keys, unless the pair is public."""
        return () if self.public else self.secrets()


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
