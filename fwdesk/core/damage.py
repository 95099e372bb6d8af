"""Local files fwdesk cannot use as they are: kept aside untouched, and said in plain words.

A damaged file is never repaired or deleted in place: the shop (or whoever helps it) may still
recover something from it, so it is renamed beside the original with the date, and the app
carries on without it.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

log = logging.getLogger(__name__)

COMPANIONS = ("-wal", "-shm", "-journal")
"""SQLite's side files; a database moved without its write-ahead log would lose its last
commits, so they travel with it."""


@dataclass(frozen=True)
class Damage:
    """What the shop is told about a file at start-up, and where the file now is."""

    message: str
    file: Path
    kept_as: Path | None = None


def set_aside(path: Path, reason: str, *, now: datetime | None = None) -> Path:
    """Renames `path` (and its SQLite side files) to ``<name>.damaged-<date>``, untouched, and
    logs why; a second damage on the same day gets its own name."""
    target = _aside(path, now)
    os.replace(path, target)
    for suffix in COMPANIONS:
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            os.replace(companion, target.with_name(target.name + suffix))
    log.warning("%s could not be used (%s); kept as %s", path, reason, target.name)
    return target


def keep_copy(path: Path, reason: str, *, now: datetime | None = None) -> Path:
    """A copy under the same kind of name, for a file read only in part: the part left out
    would otherwise be gone at the next save."""
    target = _aside(path, now)
    shutil.copy2(path, target)
    log.warning("%s was read only in part (%s); a copy is kept as %s", path, reason, target.name)
    return target


def _aside(path: Path, now: datetime | None) -> Path:
    stamp = (now or datetime.now()).strftime("%Y-%m-%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
    return target
