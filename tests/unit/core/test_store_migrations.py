"""Every schema step of the local database, on a real file: a database left at any earlier
version by an older fwdesk opens, upgrades one step at a time, and keeps what it held."""

from __future__ import annotations

import sqlite3

import pytest

from fwdesk.core.drafts import DraftStore
from fwdesk.core.order_history import OrderHistory
from fwdesk.core.pending_orders import PendingOrders
from fwdesk.core.store import MIGRATIONS, Store

LATEST = len(MIGRATIONS)
TABLES_BY_VERSION = {
    1: {"catalog_meta", "catalog_lists", "catalog_products"},
    2: {"catalog_blob"},
    3: {"drafts", "counters"},
    4: {"orders", "order_events"},
    5: {"pending_orders"},
    6: set(),
    7: {"product_links", "import_mappings"},
    8: set(),
}
"""The tables each step adds; a new migration must say what it adds here."""
SEED = {
    1: "INSERT INTO catalog_meta (key, value) VALUES ('fetched_at', '2026-11-01T10:00:00+00:00')",
    2: "INSERT INTO catalog_blob (id, data) VALUES (1, x'00')",
    3: "INSERT INTO drafts (order_po, state, data, created_at, updated_at) VALUES "
    '(\'SHOP-000042\', \'draft\', \'{"recipient": {"first_name": "Ada"}, "items": []}\', '
    "'2026-11-01', '2026-11-01')",
    4: "INSERT INTO orders (order_po, order_id, status_id, status_label, updated_at) VALUES "
    "('SHOP-000041', 5530001, 7, 'Shipped', '2026-11-02')",
    5: "INSERT INTO pending_orders (fulfillment_id, order_po, data, seen_at) VALUES "
    "(300001, 'WEB-1', '{\"fulfillment_id\": 300001, \"order_po\": \"WEB-1\"}', '2026-11-03')",
    6: "UPDATE drafts SET claimed_by = 'sender-1', claim_expires = 0 "
    "WHERE order_po = 'SHOP-000042'",
    7: "UPDATE orders SET reference = '#1001', sale_total = '45.00' WHERE order_po = 'SHOP-000041'",
    8: "UPDATE orders SET note = 'Reprint if the frame arrives cracked' "
    "WHERE order_po = 'SHOP-000041'",
}
"""A row written at each step by the fwdesk of that version, which later steps must keep."""


def database_at(path, version: int) -> None:
    """A file as an fwdesk whose schema ended at `version` left it, with its rows."""
    connection = sqlite3.connect(path)
    for number, script in enumerate(MIGRATIONS[:version], start=1):
        connection.executescript(script)
        connection.execute(SEED[number])
        connection.execute(f"PRAGMA user_version = {number}")
        connection.commit()
    connection.close()


def user_version(path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA user_version").fetchone()[0]
    finally:
        connection.close()


def tables(path) -> set[str]:
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {name for (name,) in rows}
    finally:
        connection.close()


def test_every_step_is_listed_here():
    assert sorted(TABLES_BY_VERSION) == sorted(SEED) == list(range(1, LATEST + 1))


@pytest.mark.parametrize("version", range(LATEST + 1))
def test_a_database_left_at_any_version_upgrades_and_keeps_its_rows(tmp_path, version):
    path = tmp_path / "shop.sqlite"
    database_at(path, version)
    assert user_version(path) == version
    store = Store(path)
    store.close()
    assert user_version(path) == LATEST
    assert set().union(*TABLES_BY_VERSION.values()) <= tables(path)
    kept = Store(path)
    if version >= 3:
        assert DraftStore(kept).by_po("SHOP-000042").recipient.first_name == "Ada"
    if version >= 4:
        [order] = OrderHistory(kept).orders()
        assert (order.order_po, order.status_id) == ("SHOP-000041", 7)
        assert order.reference == ("#1001" if version >= 7 else "")
        assert order.note == ("Reprint if the frame arrives cracked" if version >= 8 else "")
    if version >= 5:
        assert PendingOrders(kept).get(300001).order_po == "WEB-1"
    assert DraftStore(kept).create().order_po.startswith("SHOP-"), "the upgraded file is usable"


@pytest.mark.parametrize("version", range(1, LATEST + 1))
def test_each_step_adds_exactly_its_tables(tmp_path, version):
    before, after = tmp_path / "before.sqlite", tmp_path / "after.sqlite"
    database_at(before, version - 1)
    database_at(after, version)
    assert tables(after) - tables(before) == TABLES_BY_VERSION[version]


def test_opening_an_upgraded_file_again_changes_nothing(tmp_path):
    path = tmp_path / "shop.sqlite"
    Store(path).close()
    first = tables(path)
    Store(path).close()
    assert tables(path) == first and user_version(path) == LATEST
