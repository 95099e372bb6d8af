"""The account calls: who the keys belong to, the profile a shop can change, its saved cards,
and FinerWorks' own company details (API.md 2.7, 9.7).

``account_key`` may ride on any of them and is always ignored: the simulator has no reseller
accounts, and FinerWorks ignores a key the app has no permission for (API.md 1.6).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fwdesk.sandbox.accounts import MAX_PREFERENCES, SAVED_CARDS, SHIPPING_PREFERENCES
from fwdesk.sandbox.envelope import Call, Invalid
from fwdesk.sandbox.validation import (
    Anything,
    Checker,
    Many,
    Obj,
    Text,
    check_address,
)

if TYPE_CHECKING:
    from fwdesk.sandbox.store import Store

COMPANY = {
    "site_id": 2,
    "address": {
        "first_name": None,
        "last_name": None,
        "company_name": "FinerWorks Sandbox Lab",
        "address_1": "1250 Gallery Row",
        "address_2": "Suite 100",
        "address_3": None,
        "city": "San Antonio",
        "state_code": "TX",
        "province": None,
        "zip_postal_code": "78216",
        "country_code": "us",
        "phone": "210-555-0142",
        "email": "lab@sandbox.invalid",
        "address_order_po": None,
    },
    "lobby_hours": "Monday to Friday, 9:00 AM to 5:00 PM Central",
}
"""A made-up print lab in Texas, where FinerWorks is; the simulator's sales tax is Texan too."""
CONNECTION = {"name": Text(required=True), "id": Anything(), "data": Anything()}
PREFERENCES_RULE = (
    f"shipping_preferences takes up to {MAX_PREFERENCES} distinct entries, each one of "
    + ", ".join(f'"{key}"' for key in SHIPPING_PREFERENCES)
    + "."
)


def test_my_credentials(store: Store, call: Call) -> dict[str, Any]:
    app = {"app_name": "fwdesk", "app_description": "", "app_live_mode": call.account.app_live_mode}
    return {"user_account": call.account.user_account(), "app": app}


def get_user(store: Store, call: Call) -> dict[str, Any]:
    return {"user_account": call.account.user_account()}


def update_user(store: Store, call: Call) -> dict[str, Any]:
    """Null or absent fields are left as they are; nothing changes unless all of it is valid."""
    body = call.obj()
    checker = Checker()
    preferences = _preferences(body.get("shipping_preferences"), checker)
    for name in ("billing_info", "business_info"):
        if body.get(name) is not None:
            checker.errors.update(check_address(body[name], name))
    checker.value(body.get("logo_url"), Text(), "logo_url", "logo_url")
    profile = body.get("payment_profile_id")
    checker.value(profile, Text(50), "payment_profile_id", "payment_profile_id")
    checker.value(body.get("connections"), Many(Obj(CONNECTION)), "connections", "connections")
    if checker.errors:
        raise Invalid(checker.errors)
    account = call.account
    if preferences is not None:
        account.shipping_preferences = preferences
    for name in ("billing_info", "business_info", "logo_url", "payment_profile_id", "connections"):
        if body.get(name) is not None:
            setattr(account, name, body[name])
    return {}


def _preferences(value: Any, checker: Checker) -> list[str] | None:
    """Ranked preferences as strings; numbers are read as the same values."""
    if value is None:
        return None
    ranked = [_preference(entry) for entry in value] if isinstance(value, list) else [None]
    if len(ranked) > MAX_PREFERENCES or None in ranked or len(set(ranked)) != len(ranked):
        checker.add("shipping_preferences", PREFERENCES_RULE)
        return None
    return [entry for entry in ranked if entry is not None]


def _preference(entry: Any) -> str | None:
    if isinstance(entry, bool) or not isinstance(entry, (str, int)):
        return None
    text = str(entry).strip()
    return text if text in SHIPPING_PREFERENCES else None


def get_payment_tokens(store: Store, call: Call) -> dict[str, Any]:
    """The account's saved cards; another profile's id finds none. With no id given, the
    account's own profile is meant."""
    account = call.account
    profile = call.param("payment_profile_id") or account.payment_profile_id
    mine = profile == account.payment_profile_id
    tokens = [card.wire() for card in SAVED_CARDS] if mine else []
    return {"payment_profile_id": profile, "payment_tokens": tokens}


def get_company_info(store: Store, call: Call) -> dict[str, Any]:
    return COMPANY
