"""Every way an account's database can be unusable at start-up, on real files: the app still
gets a store, the shop gets a message naming the file, and the damaged file is kept as it was."""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import tempfile
from datetime import datetime

import pytest
from fault_report import record

from fwdesk.core.damage import COMPANIONS, set_aside
from fwdesk.core.drafts import DraftItem, DraftStore
from fwdesk.core.store import MIGRATIONS, Store
from fwdesk.core.store_open import open_store

PAGE = 4096


@pytest.fixture
def database(tmp_path):
    """A real shop database with a few drafts, closed cleanly."""
    path = tmp_path / "data" / "shop.sqlite"
    store = Store(path)
    drafts = DraftStore(store)
    for n in range(200):
        drafts.create(items=(DraftItem("AP1P1", 1 + n % 3),), gift_message="x" * 300)
    store.close()
    return path


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def kept_copies(path) -> list:
    """The kept databases, without the SQLite side files that travel with them."""
    return sorted(
        p for p in path.parent.glob(f"{path.name}.damaged-*") if not p.name.endswith(COMPANIONS)
    )


def assert_fresh_and_usable(opened, path) -> None:
    assert opened.store.path == path and not opened.store.read_only
    assert DraftStore(opened.store).create().order_po, "the new store takes drafts"


@pytest.mark.parametrize(
    "damage",
    ["garbage", "truncated", "header only", "page overwritten", "empty schema page"],
)
def test_a_damaged_database_is_kept_aside_and_replaced(database, damage, caplog):
    data = database.read_bytes()
    if damage == "garbage":
        broken = os.urandom(len(data))
    elif damage == "truncated":
        broken = data[: len(data) // 2]
    elif damage == "header only":
        broken = data[:100]
    elif damage == "page overwritten":
        middle = (len(data) // PAGE // 2) * PAGE
        broken = data[:middle] + b"\xa5" * PAGE + data[middle + PAGE :]
    else:
        broken = data[:100] + b"\0" * (PAGE - 100) + data[PAGE:]
    database.write_bytes(broken)
    opened = open_store(database)
    [kept] = kept_copies(database)
    assert kept.read_bytes() == broken, "the damaged file is kept untouched"
    assert_fresh_and_usable(opened, database)
    assert opened.damage.kept_as == kept
    assert database.name in opened.damage.message and kept.name in opened.damage.message
    assert "fwdesk started a new one" in opened.damage.message
    [logged] = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    record("damaged-data", case=f"database {damage}", tried=1, held=1, lost=0)
    assert kept.name in logged and (
        "malformed" in logged or "not a database" in logged or "check" in logged
    ), "the log says why"


def test_a_newer_fwdesks_database_is_read_but_never_written(database, caplog):
    connection = sqlite3.connect(database)
    connection.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 3}")
    connection.close()
    before = digest(database)
    opened = open_store(database)
    assert opened.store.read_only
    assert len(DraftStore(opened.store).in_states("draft")) == 200, "its drafts are shown"
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        DraftStore(opened.store).create()
    opened.store.close()
    assert digest(database) == before
    assert not kept_copies(database), "a newer file is not damaged: it stays where it is"
    message = opened.damage.message
    assert f"data version {len(MIGRATIONS) + 3}" in message
    assert f"up to version {len(MIGRATIONS)}" in message
    assert "read-only" in caplog.text
    record("damaged-data", case="database from a newer fwdesk", tried=1, held=1, lost=0)


def test_a_folder_that_cannot_be_made_gives_a_session_folder(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temporary"))
    (tmp_path / "blocked").write_text("a file where the data folder should be")
    path = tmp_path / "blocked" / "data" / "shop.sqlite"
    opened = open_store(path)
    assert opened.store.path.parent.parent.parent == tmp_path / "temporary"
    assert DraftStore(opened.store).create().order_po
    assert f"cannot write to {path.parent}" in opened.damage.message
    assert str(opened.store.path.parent) in opened.damage.message
    assert "Not a directory" in caplog.text
    record("damaged-data", case="data folder cannot be made", tried=1, held=1, lost=0)


def test_set_aside_moves_the_write_ahead_log_with_the_file(tmp_path, caplog):
    path = tmp_path / "shop.sqlite"
    writer = Store(path)
    DraftStore(writer).create(gift_message="only in the log so far")
    assert path.with_name("shop.sqlite-wal").exists()
    kept = set_aside(path, "test", now=datetime(2026, 12, 1, 9, 30))
    writer.close()
    assert kept.name == "shop.sqlite.damaged-2026-12-01-093000"
    assert not path.exists() and not path.with_name("shop.sqlite-wal").exists()
    reopened = sqlite3.connect(kept)
    [(message,)] = reopened.execute("SELECT json_extract(data, '$.gift_message') FROM drafts")
    assert message == "only in the log so far", "the kept copy still has its last commit"


def test_two_damages_on_one_second_keep_both_files(tmp_path, caplog):
    when = datetime(2026, 12, 1, 9, 30)
    path = tmp_path / "shop.sqlite"
    path.write_bytes(b"first")
    first = set_aside(path, "test", now=when)
    path.write_bytes(b"second")
    second = set_aside(path, "test", now=when)
    assert first != second
    assert (first.read_bytes(), second.read_bytes()) == (b"first", b"second")
