"""The settings file at start-up, damaged in the ways real files get damaged: the app always
gets settings, one bad account entry never hides the good ones, and a file that cannot be
read is kept aside as it was."""

from __future__ import annotations

import json

import pytest
from fault_report import record

from fwdesk.core.accounts import Account, Environment
from fwdesk.core.settings import Settings, SettingsFile


@pytest.fixture
def settings_path(tmp_path):
    path = tmp_path / "config" / "settings.json"
    path.parent.mkdir()
    saved = Settings(
        accounts=[
            Account("Main shop", Environment.PRODUCTION),
            Account("Second shop", Environment.TEST_HOST),
        ],
        active_account="Second shop",
        po_prefix="MAIN-",
    )
    SettingsFile(path).save(saved)
    return path


def entries(path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_one_unreadable_account_leaves_the_others(settings_path, caplog):
    data = entries(settings_path)
    data["accounts"].insert(1, {"name": "Broken", "environment": "moon"})
    data["accounts"].append({"environment": "test"})
    settings_path.write_text(json.dumps(data), encoding="utf-8")
    file = SettingsFile(settings_path)
    settings = file.load()
    assert [a.name for a in settings.accounts] == ["Main shop", "Second shop"]
    assert settings.active_account == "Second shop" and settings.po_prefix == "MAIN-"
    assert "“Broken”" in file.damage.message and "entry 4" in file.damage.message
    assert "the other accounts are as they were" in file.damage.message
    assert settings_path.exists(), "a readable file is not moved"
    [kept] = settings_path.parent.glob("settings.json.damaged-*")
    assert json.loads(kept.read_text())["accounts"][1]["name"] == "Broken", "nothing is lost"
    assert kept.name in file.damage.message
    assert "account entry 2 unreadable" in caplog.text
    record("damaged-data", case="settings: 2 bad account entries", tried=1, held=1, lost=0)


@pytest.mark.parametrize(
    "content",
    [b'{"accounts": [', b"\xff\xfe\x00garbage", b"[1, 2, 3]", b"", b'{"accounts": 7}'],
)
def test_an_unreadable_settings_file_is_kept_aside(settings_path, content, caplog):
    settings_path.write_bytes(content)
    file = SettingsFile(settings_path)
    settings = file.load()
    assert settings == Settings()
    [kept] = settings_path.parent.glob("settings.json.damaged-*")
    assert kept.read_bytes() == content and not settings_path.exists()
    assert kept.name in file.damage.message and "damaged" in file.damage.message
    assert kept.name in caplog.text
    record("damaged-data", case=f"settings file {content[:12]!r}", tried=1, held=1, lost=0)


def test_a_good_file_reports_nothing(settings_path):
    file = SettingsFile(settings_path)
    assert [a.name for a in file.load().accounts] == ["Main shop", "Second shop"]
    assert file.damage is None


def test_a_folder_refusing_the_write_raises_for_the_window_to_say(tmp_path):
    (tmp_path / "config").write_text("a file where the folder should be")
    with pytest.raises(OSError):
        SettingsFile(tmp_path / "config" / "settings.json").save(Settings())
