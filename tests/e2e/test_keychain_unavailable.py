"""The keychain gone (no Secret Service on the session bus): the app says so, runs in demo
mode, and forgets nothing; once the keychain is back the account connects as before."""

from __future__ import annotations

import json
import uuid

import keyring
import pytest
from desktop_runs import drive
from fault_report import record
from sandboxes import start_sandbox

from fwdesk.core.credentials import keychain_available

NO_BUS = "unix:path=/nonexistent/fwdesk-no-bus"


@pytest.mark.real_keychain
@pytest.mark.timeout(120)
def test_without_a_keychain_the_app_explains_runs_in_demo_and_keeps_the_account(fwdesk_home):
    assert keychain_available(), "needs a Secret Service (make test starts gnome-keyring)"
    web_key, app_key = f"web-{uuid.uuid4()}", f"app-{uuid.uuid4()}"
    account = f"Gallery {uuid.uuid4().hex[:6]}"
    running = start_sandbox("--credentials", f"{web_key}:{app_key}")
    try:
        connected = drive(fwdesk_home, "connect", account, web_key, app_key, running.url)
        assert connected[-1].startswith("Connected to Custom URL as"), connected

        without = drive(fwdesk_home, "status", DBUS_SESSION_BUS_ADDRESS=NO_BUS)
        connection, banner, error = without[-3:]
        assert connection.startswith("Connected to Built-in FinerWorks simulator"), without
        assert "keychain" in banner and account in banner and "Demo mode" in banner, banner
        assert "keychain, where fwdesk keeps the API keys, could not be used" in error, error
        settings = json.loads(next(fwdesk_home.rglob("settings.json")).read_text())
        assert settings["active_account"] == account
        assert [a["name"] for a in settings["accounts"]] == [account]

        back = drive(fwdesk_home, "status")
        assert back[-3] == connected[-1], back
        assert back[-1] == "error:", "nothing left to report"
        assert app_key in keyring.get_password("fwdesk", account)
        record(
            "keychain",
            case="started with no session bus, then with the keychain back",
            banner=banner.removeprefix("banner: "),
            account_kept=True,
            connected_again=True,
        )
    finally:
        running.stop()
        keyring.delete_password("fwdesk", account)
