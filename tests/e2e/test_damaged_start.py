"""The real app started on damaged data, in its own process, as a shop would meet it: it
starts, says which file and what it did, logs why, and keeps the damaged file as it was.

`--smoke-test` builds the whole window, makes one call through the worker and prints each
start-up notice on a line of its own, so the exit code and the output tell the story."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from fault_report import record

from fwdesk.core.damage import COMPANIONS
from fwdesk.core.store import MIGRATIONS

SMOKE = [sys.executable, "-m", "fwdesk.app", "--smoke-test"]
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def smoke(home: Path, *, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FWDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    if prefix:  # another user: a home of its own (root's is closed to it)
        env["HOME"] = str(home.parent)
    result = subprocess.run([*prefix, *SMOKE], env=env, capture_output=True, text=True, timeout=90)
    assert "Traceback" not in result.stderr, result.stderr
    assert "QThread: Destroyed" not in result.stderr, result.stderr
    return result


def notices(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [
        line.removeprefix("notice: ")
        for line in result.stdout.splitlines()
        if line.startswith("notice: ")
    ]


def log_text(home: Path) -> str:
    return "".join(p.read_text(errors="replace") for p in (home / "logs").glob("fwdesk.log*"))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def used_home(tmp_path) -> Path:
    """A home an earlier, healthy run has used: its demo database exists and is closed."""
    home = tmp_path / "home"
    first = smoke(home)
    assert first.returncode == 0 and notices(first) == [], first.stdout
    return home


@pytest.mark.timeout(200)
@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_database_is_kept_aside_and_the_app_starts(used_home, damage):
    database = used_home / "data" / "demo.sqlite"
    data = database.read_bytes()
    broken = os.urandom(len(data)) if damage == "garbage" else data[: len(data) // 3]
    database.write_bytes(broken)
    result = smoke(used_home)
    assert result.returncode == 0, result.stdout + result.stderr
    [notice] = notices(result)
    [kept] = [
        p for p in database.parent.glob("demo.sqlite.damaged-*") if not p.name.endswith(COMPANIONS)
    ]
    assert kept.read_bytes() == broken
    assert "demo.sqlite" in notice and kept.name in notice and "damaged" in notice
    assert kept.name in log_text(used_home)
    record("damaged-data", case=f"app started on a {damage} database", tried=1, held=1, lost=0)


@pytest.mark.timeout(200)
def test_a_newer_database_is_not_written(used_home):
    database = used_home / "data" / "demo.sqlite"
    connection = sqlite3.connect(database)
    connection.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    connection.close()
    before = digest(database)
    result = smoke(used_home)
    assert result.returncode == 0, result.stdout + result.stderr
    [notice] = notices(result)
    assert f"data version {len(MIGRATIONS) + 1}" in notice
    assert f"up to version {len(MIGRATIONS)}" in notice
    assert digest(database) == before
    assert "read-only" in log_text(used_home)
    record("damaged-data", case="app started on a newer database", tried=1, held=1, lost=0)


@pytest.mark.timeout(200)
def test_damaged_settings_start_the_app_with_defaults(used_home):
    settings = used_home / "config" / "settings.json"
    settings.write_bytes(b"\x00\x01{not json")
    result = smoke(used_home)
    assert result.returncode == 0, result.stdout + result.stderr
    [notice] = notices(result)
    [kept] = settings.parent.glob("settings.json.damaged-*")
    assert kept.read_bytes() == b"\x00\x01{not json" and kept.name in notice
    record("damaged-data", case="app started on damaged settings", tried=1, held=1, lost=0)


@pytest.mark.timeout(200)
def test_one_bad_account_entry_keeps_the_others(used_home):
    settings = used_home / "config" / "settings.json"
    accounts = [
        {"name": "Good shop", "environment": "test"},
        {"name": "Bad shop", "environment": "the moon"},
    ]
    settings.write_text(json.dumps({"accounts": accounts}))
    result = smoke(used_home)
    assert result.returncode == 0, result.stdout + result.stderr
    [notice] = notices(result)
    assert "“Bad shop”" in notice and "Good shop" not in notice
    [kept] = settings.parent.glob("settings.json.damaged-*")
    assert "Bad shop" in kept.read_text(), "the entry left out is kept in the copy"
    record("damaged-data", case="app started with one bad account", tried=1, held=1, lost=0)


@pytest.mark.timeout(200)
def test_a_folder_the_user_cannot_write_is_read_in_place(used_home):
    assert shutil.which("setpriv"), "util-linux's setpriv runs the app as an unprivileged user"
    # pytest's own folders are private to root: the unprivileged run gets a copy it can reach
    # and read, but not write.
    base = Path(tempfile.mkdtemp(prefix="fwdesk-readonly-"))
    try:
        base.chmod(0o755)
        home = base / "home"
        shutil.copytree(used_home, home, ignore=shutil.ignore_patterns("logs"))
        database = home / "data" / "demo.sqlite"
        before = digest(database)
        result = smoke(home, prefix=tuple(NOBODY))
        assert result.returncode == 0, result.stdout + result.stderr
        shown = notices(result)
        assert any(f"cannot write to {database.parent}" in n and "read-only" in n for n in shown), (
            shown
        )
        assert digest(database) == before
    finally:
        shutil.rmtree(base)
    record("damaged-data", case="app started on a folder it cannot write", tried=1, held=1, lost=0)
