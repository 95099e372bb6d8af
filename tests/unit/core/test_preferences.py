"""The preferences the shop sets: what the dialog accepts, and what settings.json keeps of them
(a file from an older fwdesk, or one edited by hand, still loads)."""

from __future__ import annotations

import json

import pytest

from fwdesk.core import order_rules
from fwdesk.core.drafts import DraftStore
from fwdesk.core.preferences import (
    PO_LIMIT,
    PO_NUMBER_DIGITS,
    PREFIX_LIMIT,
    po_prefix_problem,
    shipping_problem,
)
from fwdesk.core.settings import Settings, SettingsFile
from fwdesk.core.store import Store


def test_the_po_limit_is_the_one_orders_are_checked_against():
    assert PO_LIMIT == order_rules.PO_LIMIT


def test_the_longest_prefix_accepted_makes_pos_finerworks_takes(tmp_path):
    prefix = "P" * PREFIX_LIMIT
    assert po_prefix_problem(prefix) == ""
    store = Store(tmp_path / "shop.sqlite")
    draft = DraftStore(store).create(prefix)
    store.close_all()
    assert len(draft.order_po) == PO_LIMIT == PREFIX_LIMIT + PO_NUMBER_DIGITS


@pytest.mark.parametrize(
    ("prefix", "said"),
    [
        ("", "Enter a prefix"),
        ("   ", "Enter a prefix"),
        ("P" * (PREFIX_LIMIT + 1), f"at most {PREFIX_LIMIT} characters"),
        ("MY SHOP-", "no spaces"),
        ("SHOP\u0007-", "letters, digits and punctuation"),
    ],
)
def test_a_prefix_finerworks_would_refuse_is_explained(prefix, said):
    assert said in po_prefix_problem(prefix)


def test_spaces_around_a_prefix_are_not_part_of_it():
    assert po_prefix_problem("  HW- ") == ""


def test_only_documented_shipping_codes_are_defaults():
    assert shipping_problem("") == shipping_problem("EC") == shipping_problem("FS") == ""
    assert shipping_problem("ON") != ""  # unconfirmed in API.md, so not offered


def test_preferences_survive_a_save_and_load(tmp_path):
    file = SettingsFile(tmp_path / "settings.json")
    file.save(
        Settings(
            po_prefix="HW-",
            orders_refresh_minutes=15,
            default_shipping="EC",
            notifications=False,
        )
    )
    loaded = file.load()
    assert (
        loaded.po_prefix,
        loaded.orders_refresh_minutes,
        loaded.default_shipping,
        loaded.notifications,
    ) == ("HW-", 15, "EC", False)


def test_a_file_from_before_the_preferences_loads_with_their_defaults(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps({"version": 1, "accounts": [], "po_prefix": "OLD-", "current_tab": 2}),
        encoding="utf-8",
    )
    file = SettingsFile(path)
    loaded = file.load()
    assert file.damage is None
    assert loaded.po_prefix == "OLD-" and loaded.current_tab == 2
    assert loaded.default_shipping == "" and loaded.notifications is True
    assert loaded.orders_refresh_minutes == 5


def test_a_value_the_dialog_would_refuse_falls_back_alone(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps(
            {
                "po_prefix": "MY SHOP",
                "orders_refresh_minutes": "often",
                "default_shipping": "TELEPORT",
                "notifications": "no",
                "current_tab": 1,
            }
        ),
        encoding="utf-8",
    )
    file = SettingsFile(path)
    loaded = file.load()
    defaults = Settings()
    assert file.damage is None and loaded.current_tab == 1
    assert loaded.po_prefix == defaults.po_prefix
    assert loaded.orders_refresh_minutes == defaults.orders_refresh_minutes
    assert loaded.default_shipping == defaults.default_shipping
    assert loaded.notifications is defaults.notifications


@pytest.mark.parametrize(("saved", "used"), [(0, 1), (-4, 1), (90, 60), (12.7, 12)])
def test_a_refresh_interval_out_of_range_is_brought_into_it(tmp_path, saved, used):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"orders_refresh_minutes": saved}), encoding="utf-8")
    assert SettingsFile(path).load().orders_refresh_minutes == used
