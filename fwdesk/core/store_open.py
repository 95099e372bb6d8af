"""Opening an account's database so that no state of the file stops the app from starting.

Each way a file can be unusable gets its own answer, said in words the shop can act on:
damaged files are kept aside and replaced by a new one, a newer fwdesk's file is only read
(never written: that fwdesk must still find it as it left it), and a folder that cannot be
written is read where it is, or replaced for this session by a temporary folder.
"""

from __future__ import annotations

import logging
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from fwdesk.core.damage import Damage, set_aside
from fwdesk.core.paths import login_name
from fwdesk.core.store import Store, StoreDamaged, StoreTooNew

log = logging.getLogger(__name__)

_DAMAGED_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_FORMAT}


@dataclass(frozen=True)
class OpenedStore:
    store: Store
    damage: Damage | None = None
    """Set when the file could not be used as it was; the window shows the message."""


def open_store(path: Path) -> OpenedStore:
    try:
        return OpenedStore(Store(path))
    except StoreTooNew as newer:
        return _newer(path, newer)
    except StoreDamaged as problem:
        return _damaged(path, f"SQLite's check: {problem}")
    except sqlite3.DatabaseError as problem:
        code = (getattr(problem, "sqlite_errorcode", 0) or 0) & 0xFF
        if code in _DAMAGED_CODES:
            return _damaged(path, str(problem))
        return _unwritable(path, problem)
    except OSError as problem:
        return _unwritable(path, problem)


def _newer(path: Path, newer: StoreTooNew) -> OpenedStore:
    log.warning("%s: %s; opened read-only", path, newer)
    message = (
        f"{path.name} was saved by a newer fwdesk (data version {newer.found}; this fwdesk "
        f"knows up to version {newer.known}). It is shown read-only and left exactly as it "
        "is: nothing can be saved or sent until you install the newer fwdesk again."
    )
    return OpenedStore(Store(path, read_only=True), Damage(message, path))


def _damaged(path: Path, reason: str) -> OpenedStore:
    try:
        kept = set_aside(path, reason)
    except OSError as problem:
        return _unwritable(path, problem)
    message = (
        f"{path.name} in {path.parent} is damaged and cannot be read ({reason}). It was kept "
        f"untouched as {kept.name} and fwdesk started a new one. Orders already placed come "
        "back from FinerWorks with the next refresh; drafts and unsent orders that were only "
        "in the damaged file are not in the new one."
    )
    try:
        store = Store(path)
    except (sqlite3.Error, OSError, StoreDamaged) as problem:
        return _unwritable(path, problem)
    return OpenedStore(store, Damage(message, path, kept))


def _unwritable(path: Path, problem: BaseException) -> OpenedStore:
    """The folder (or file) refuses writes: what is there is read in place; with nothing to
    read, this session works in a temporary folder so typing and sending still work."""
    log.warning("%s cannot be written (%s)", path, problem)
    if path.is_file():
        try:
            store = Store(path, immutable=True)
        except (sqlite3.Error, OSError, StoreDamaged):
            pass
        else:
            message = (
                f"fwdesk cannot write to {path.parent} ({_reason(problem)}). Your orders are "
                "shown read-only; nothing new can be saved or sent until the folder can be "
                "written again (check its permissions, or that the disk is attached)."
            )
            return OpenedStore(store, Damage(message, path))
    spare = Path(tempfile.gettempdir()) / f"fwdesk-{login_name()}" / "data" / path.name
    message = (
        f"fwdesk cannot write to {path.parent} ({_reason(problem)}). For now it keeps this "
        f"session's drafts and orders in {spare.parent}; check the folder's permissions, or "
        "that the disk is attached, and start fwdesk again."
    )
    return OpenedStore(Store(spare), Damage(message, path))


def _reason(problem: BaseException) -> str:
    if isinstance(problem, OSError) and problem.strerror:
        return problem.strerror
    return str(problem) or type(problem).__name__
