"""The ``--state`` file: one JSON document, written whole and atomically, read from any
version this simulator has written.

Version 1 held the order book only (``next_id``, ``next_confirmation``, ``orders``). Version 2
keeps those keys where they were and adds each account's profile and credits, pending orders,
inventory edits and added images, so a version 1 file is read as a version 2 file whose new
sections are empty. Demo state files live on users' machines: loading must never fail on one
written by an older release.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

VERSION = 2
SECTIONS = ("accounts", "pending", "inventory", "images")
"""The version 2 sections, each an object; absent from version 1 files."""


def read(path: Path) -> dict[str, Any]:
    """The state in the current layout. A file that is not a JSON object is moved aside to
    ``<name>.unreadable`` (kept, never overwritten) and the sandbox starts empty, because a
    demo that will not start helps nobody."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        data = None
    if not isinstance(data, dict):
        aside = path.with_name(path.name + ".unreadable")
        os.replace(path, aside)
        log.warning("state file %s is unreadable; moved it to %s and started afresh", path, aside)
        return migrated({})
    return migrated(data)


def migrated(data: dict[str, Any]) -> dict[str, Any]:
    version = data.get("version", 1)
    if isinstance(version, int) and version > VERSION:
        log.warning(
            "state file version %s is newer than %s; reading what it shares", version, VERSION
        )
    current = dict(data)
    for section in SECTIONS:
        if not isinstance(current.get(section), dict):
            current[section] = {}
    if not isinstance(current.get("orders"), list):
        current["orders"] = []
    current["version"] = VERSION
    return current


def write(path: Path, data: dict[str, Any]) -> None:
    """Replaces the file in one step, so a killed sandbox never leaves half a file."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps({**data, "version": VERSION}), encoding="utf-8")
    os.replace(temporary, path)
