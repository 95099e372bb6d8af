"""The app's folders when the disk refuses them: each folder that cannot be made or written is
replaced for the session by a temporary one, and the app is told which and why."""

from __future__ import annotations

import tempfile

from fwdesk.core.paths import AppPaths


def test_folders_that_cannot_be_made_get_stand_ins(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temporary"))
    (tmp_path / "blocked").write_text("a file where folders should be")
    wanted = AppPaths(
        config=tmp_path / "home" / "config",
        data=tmp_path / "blocked" / "data",
        cache=tmp_path / "home" / "cache",
        logs=tmp_path / "blocked" / "logs",
    )
    paths = wanted.ensure()
    assert paths.config == wanted.config and paths.cache == wanted.cache
    assert paths.data.is_dir() and paths.data.is_relative_to(tmp_path / "temporary")
    assert paths.logs.is_dir() and paths.logs.is_relative_to(tmp_path / "temporary")
    assert [(folder, why) for folder, _spare, why in paths.stand_ins] == [
        (wanted.data, "Not a directory"),
        (wanted.logs, "Not a directory"),
    ]
    assert "cannot be written" in caplog.text


def test_writable_folders_are_used_as_they_are(tmp_path):
    wanted = AppPaths(*(tmp_path / name for name in ("config", "data", "cache", "logs")))
    paths = wanted.ensure()
    assert paths == wanted and paths.stand_ins == ()
    assert all(folder.is_dir() for folder in (paths.config, paths.data, paths.cache, paths.logs))
