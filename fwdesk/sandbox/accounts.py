"""The demo accounts behind the configured key pairs: who they are, what they may pay with,
and the profile settings a shop can change.

Each account has two keys. The internal one (``acct-0001``) owns orders in the state file and
never changes, so state files written by older versions still map to the same account; the
public ``account_key`` is a GUID, as FinerWorks' is (API.md 9.7), derived from the internal key
so it is the same on every run.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from fwdesk.sandbox.catalog import json_money
from fwdesk.sandbox.config import SandboxConfig

_ACCOUNT_NAMESPACE = uuid.UUID("0b7e9f3c-2d41-4c8a-9a57-51d0e6c3b2f4")
SHIPPING_PREFERENCES = {
    "1": "Most Economical",
    "2": "Ship Prints Rolled",
    "3": "Ship Prints Flat",
    "4": "Fastest",
}
"""FinerWorks' ranked shipping preference values (API.md 9.3), stored as strings."""
MAX_PREFERENCES = 3


@dataclass(frozen=True)
class PaymentToken:
    token: str
    label: str
    is_default: bool
    declined: bool

    def wire(self) -> dict[str, Any]:
        return {
            "token": self.token,
            "associated_payment_method": self.label,
            "is_default": self.is_default,
        }


SAVED_CARDS = (
    PaymentToken("tok_demo_visa_4242", "Visa ending in 4242", is_default=True, declined=False),
    PaymentToken(
        "tok_demo_mastercard_0005", "Mastercard ending in 0005", is_default=False, declined=True
    ),
)
"""Every demo account's saved cards: one that pays, and one the processor always declines, so
the app's payment-failure path can be tried on purpose."""


def _demo_address(email: str) -> dict[str, Any]:
    return {
        "first_name": "Robin",
        "last_name": "Alvarez",
        "company_name": "Demo Print Shop",
        "address_1": "401 Congress Ave",
        "city": "Austin",
        "state_code": "TX",
        "zip_postal_code": "78701",
        "country_code": "us",
        "phone": "512-555-0100",
        "email": email,
    }


@dataclass
class Account:
    key: str
    account_id: int
    username: str
    invoice_allowed: bool
    app_live_mode: bool
    credits: Decimal
    shipping_preferences: list[str] = field(default_factory=lambda: ["1"])
    billing_info: dict[str, Any] = field(default_factory=dict)
    business_info: dict[str, Any] = field(default_factory=dict)
    logo_url: str | None = None
    payment_profile_id: str = ""
    connections: list[dict[str, Any]] = field(default_factory=list)

    @property
    def guid(self) -> str:
        return str(uuid.uuid5(_ACCOUNT_NAMESPACE, self.key))

    @property
    def email(self) -> str:
        return f"{self.username}@example.com"

    def user_account(self) -> dict[str, Any]:
        return {
            "account_id": self.account_id,
            "account_username": self.username,
            "account_email": self.email,
            "account_title": "Demo Print Shop",
            "account_firstname": "Robin",
            "account_lastname": "Alvarez",
            "billing_info": self.billing_info,
            "business_info": self.business_info,
            "logo_url": self.logo_url,
            "profile_img_url": None,
            "payment_profile_id": self.payment_profile_id,
            "user_account_credits": json_money(self.credits),
            "enable_invoice_payment": self.invoice_allowed,
            "account_key": self.guid,
            "shipping_preferences": list(self.shipping_preferences),
            "connections": self.connections,
            "user_profile_complete": True,
        }

    def saved_card(self, token: str) -> PaymentToken | None:
        return next((card for card in SAVED_CARDS if card.token == token), None)

    # -- persistence: what a shop can change survives a restart ----------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "credits": json_money(self.credits),
            "shipping_preferences": self.shipping_preferences,
            "billing_info": self.billing_info,
            "business_info": self.business_info,
            "logo_url": self.logo_url,
            "payment_profile_id": self.payment_profile_id,
            "connections": self.connections,
        }

    def restore(self, data: dict[str, Any]) -> None:
        if "credits" in data:
            self.credits = Decimal(str(data["credits"]))
        for name in ("shipping_preferences", "billing_info", "business_info", "connections"):
            if isinstance(data.get(name), type(getattr(self, name))):
                setattr(self, name, data[name])
        for name in ("logo_url", "payment_profile_id"):
            if name in data:
                setattr(self, name, data[name])


def demo_accounts(config: SandboxConfig) -> dict[tuple[str, str], Account]:
    """One account per configured key pair, numbered in order; demo/demo is called "demo"."""
    accounts = {}
    for index, pair in enumerate(config.credentials):
        username = "demo" if pair == ("demo", "demo") else f"shop{index + 1}"
        account_id = 70_001 + index
        email = f"{username}@example.com"
        accounts[pair] = Account(
            key=f"acct-{index + 1:04d}",
            account_id=account_id,
            username=username,
            invoice_allowed=config.invoice_allowed,
            app_live_mode=config.app_live_mode,
            credits=Decimal(str(config.credits)),
            billing_info=_demo_address(email),
            business_info=_demo_address(email),
            payment_profile_id=f"bt-{account_id}",
        )
    return accounts
