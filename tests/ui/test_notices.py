"""The notice under the banner: what the start found wrong with the local files stays in
view, in plain words, until the user dismisses it; a healthy start shows none."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QPushButton

from fwdesk.core.paths import AppPaths


def test_a_healthy_start_shows_no_notice(open_window):
    window = open_window("--demo")
    assert window.notices.messages == [] and not window.notices.isVisibleTo(window)


def test_a_damaged_database_and_settings_are_both_shown_until_dismissed(open_window, qtbot, caplog):
    paths = AppPaths.detect().ensure()
    (paths.data / "demo.sqlite").write_bytes(b"this is no database" * 300)
    paths.settings_file.write_bytes(b"{ broken")
    window = open_window("--demo")
    window.show()
    qtbot.waitUntil(lambda: len(window.notices.messages) == 2, timeout=5000)
    settings_notice, database_notice = window.notices.messages
    assert "settings file" in settings_notice and "damaged" in settings_notice
    [kept] = list(Path(paths.data).glob("demo.sqlite.damaged-*"))
    assert "demo.sqlite" in database_notice and kept.name in database_notice
    assert "file is not a database" in caplog.text, "the log says why"
    assert window.notices.isVisible()

    window.notices.findChildren(QPushButton)[0].click()
    qtbot.waitUntil(lambda: len(window.notices.messages) == 1, timeout=2000)
    assert window.notices.messages == [database_notice] and window.notices.isVisible()
    window.notices.findChildren(QPushButton)[-1].click()
    qtbot.waitUntil(lambda: not window.notices.isVisible(), timeout=2000)
    assert window.notices.messages == []


def test_the_new_database_after_damage_is_used_for_drafts(open_window, qtbot, caplog):
    """Carrying on means carrying on: the new file takes the next draft."""
    paths = AppPaths.detect().ensure()
    (paths.data / "demo.sqlite").write_bytes(os.urandom(8192))
    window = open_window("--demo")
    qtbot.waitUntil(lambda: len(window.notices.messages) == 1, timeout=5000)
    assert window.store.path == paths.data / "demo.sqlite"
    assert window.store.version() > 0 and not window.store.read_only
