"""The account calls of section 9.7: the profile, its shipping preferences, saved cards and
FinerWorks' company details."""

from __future__ import annotations

import uuid

import pytest
from sandbox_wire import KEYS, Clock, Wire

from fwdesk.sandbox.config import SandboxConfig
from fwdesk.sandbox.core import Sandbox


@pytest.fixture
def wire() -> Wire:
    return Wire(Sandbox(SandboxConfig()))


def user(wire: Wire) -> dict:
    return wire.ok("get_user", verb="GET")["user_account"]


def test_get_user_answers_the_section_9_profile(wire):
    account = user(wire)
    assert {
        "account_id",
        "account_key",
        "payment_profile_id",
        "user_account_credits",
        "enable_invoice_payment",
        "shipping_preferences",
        "connections",
        "account_username",
        "account_email",
        "business_info",
        "billing_info",
    } <= set(account)
    assert uuid.UUID(account["account_key"])
    assert account["shipping_preferences"] == ["1"]
    assert account["user_account_credits"] == SandboxConfig.credits
    assert account["enable_invoice_payment"] is False
    assert account["billing_info"]["state_code"] == "TX"


def test_the_account_key_is_a_stable_guid_per_account():
    pairs = [("demo", "demo"), ("k2", "a2")]
    first = Sandbox(SandboxConfig(credentials=pairs))
    again = Sandbox(SandboxConfig(credentials=pairs))
    keys = [
        user(Wire(s, {"web_api_key": k, "app_key": a})) for s in (first, again) for k, a in pairs
    ]
    assert keys[0]["account_key"] == keys[2]["account_key"]
    assert keys[0]["account_key"] != keys[1]["account_key"]


def test_an_account_key_is_ignored_whether_own_or_foreign(wire):
    own = user(wire)["account_key"]
    for key in (own, str(uuid.uuid4()), "not-a-guid"):
        answer = wire.ok("get_user", verb="GET", query={"account_key": key})
        assert answer["user_account"]["account_key"] == own
        assert wire.ok("list_product_types", {"account_key": key})["product_types"]


def test_test_my_credentials_also_names_the_app(wire):
    answer = wire.ok("test_my_credentials", verb="GET")
    assert answer["user_account"]["account_username"] == "demo"
    assert answer["app"]["app_live_mode"] is True


def test_update_user_changes_what_it_is_given_and_nothing_else(wire):
    business = {**user(wire)["business_info"], "company_name": "Heronwood Print Studio"}
    body = {
        "account_key": None,
        "shipping_preferences": [4, "2"],
        "business_info": business,
        "billing_info": None,
        "logo_url": "https://heronwood.example/logo.jpg",
        "payment_profile_id": None,
        "connections": [{"name": "shopify", "id": "heronwood", "data": "{}"}],
    }
    before = user(wire)
    wire.ok("update_user", body, verb="PUT")
    after = user(wire)
    assert after["shipping_preferences"] == ["4", "2"]
    assert after["business_info"]["company_name"] == "Heronwood Print Studio"
    assert after["billing_info"] == before["billing_info"]
    assert after["payment_profile_id"] == before["payment_profile_id"]
    assert after["logo_url"] == "https://heronwood.example/logo.jpg"
    assert after["connections"] == [{"name": "shopify", "id": "heronwood", "data": "{}"}]


@pytest.mark.parametrize(
    "preferences",
    [["1", "2", "3", "4"], ["1", "1"], ["5"], ["0"], [True], "1", [None], [1.5], {"1": 1}],
)
def test_bad_shipping_preferences_are_a_field_error(wire, preferences):
    errors = wire.model_state("update_user", {"shipping_preferences": preferences}, verb="PUT")
    assert list(errors) == ["request.shipping_preferences"]
    assert user(wire)["shipping_preferences"] == ["1"]


def test_a_bad_address_changes_nothing(wire):
    bad = {**user(wire)["billing_info"], "state_code": "ZZ"}
    errors = wire.model_state("update_user", {"billing_info": bad, "shipping_preferences": ["4"]})
    assert list(errors) == ["request.billing_info.state_code"]
    assert user(wire)["shipping_preferences"] == ["1"]


def test_the_profile_survives_a_restart(tmp_path):
    config = SandboxConfig(state_file=tmp_path / "state.json")
    Wire(Sandbox(config, clock=Clock())).ok("update_user", {"shipping_preferences": ["4"]})
    assert user(Wire(Sandbox(config, clock=Clock())))["shipping_preferences"] == ["4"]


def test_payment_tokens_list_the_saved_cards_of_the_accounts_profile(wire):
    profile = user(wire)["payment_profile_id"]
    query = {"payment_profile_id": profile, "sandbox": "false"}
    answer = wire.ok("get_payment_tokens", verb="GET", query=query)
    assert answer["payment_profile_id"] == profile
    tokens = answer["payment_tokens"]
    assert [t["associated_payment_method"] for t in tokens] == [
        "Visa ending in 4242",
        "Mastercard ending in 0005",
    ]
    assert [t["is_default"] for t in tokens] == [True, False]
    by_body = wire.ok("get_payment_tokens", {"payment_profile_id": profile})["payment_tokens"]
    assert by_body == tokens
    assert wire.ok("get_payment_tokens", verb="GET")["payment_tokens"] == tokens


def test_another_profiles_tokens_are_not_listed(wire):
    query = {"payment_profile_id": "bt-somebody-else"}
    assert wire.ok("get_payment_tokens", verb="GET", query=query)["payment_tokens"] == []


def test_company_info_answers_with_keys_in_the_query_string(wire):
    answer = wire.ok("get_company_info", verb="GET", headers={}, query=KEYS)
    assert isinstance(answer["site_id"], int)
    assert answer["address"]["state_code"] == "TX" and answer["address"]["city"]
    assert answer["lobby_hours"]
