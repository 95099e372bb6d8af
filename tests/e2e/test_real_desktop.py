"""The app as a process on a real X server, with the real Secret Service keychain.

These need what `make test` provides: Xvfb (DISPLAY) and gnome-keyring on a D-Bus session.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import uuid

import keyring
import pytest
from desktop_runs import desktop_env, drive
from sandboxes import start_sandbox
from silent_server import silent_server

from fwdesk.core.credentials import keychain_available


@pytest.mark.real_keychain
@pytest.mark.timeout(120)
def test_keys_survive_a_restart_in_the_keychain_and_nowhere_else(fwdesk_home):
    assert keychain_available(), "needs a Secret Service (make test starts gnome-keyring)"
    web_key, app_key = f"web-{uuid.uuid4()}", f"app-{uuid.uuid4()}"
    account = f"Studio {uuid.uuid4().hex[:6]}"
    running = start_sandbox("--credentials", f"{web_key}:{app_key}")
    try:
        first = drive(fwdesk_home, "connect", account, web_key, app_key, running.url)[-1]
        assert first.startswith("Connected to Custom URL as"), first
        second = drive(fwdesk_home, "reopen")[-1]
        assert second == first
        assert app_key in keyring.get_password("fwdesk", account)
    finally:
        running.stop()
        keyring.delete_password("fwdesk", account)
    files = [p for p in fwdesk_home.rglob("*") if p.is_file()]
    assert any(p.name == "settings.json" for p in files) and any(p.suffix == ".log" for p in files)
    for path in files:
        content = path.read_bytes()
        assert web_key.encode() not in content and app_key.encode() not in content, path


@pytest.mark.timeout(60)
def test_the_window_appears_and_quits_fast_while_a_call_hangs(fwdesk_home):
    with silent_server() as (url, accepted):
        app = subprocess.Popen(
            [sys.executable, "-m", "fwdesk.app", "--sandbox-url", url],
            env=desktop_env(fwdesk_home),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            deadline = time.monotonic() + 30
            window_ids = ""
            while time.monotonic() < deadline and not (window_ids and accepted):
                found = subprocess.run(
                    ["xdotool", "search", "--onlyvisible", "--name", "^fwdesk$"],
                    capture_output=True,
                    text=True,
                    env=desktop_env(fwdesk_home),
                )
                window_ids = found.stdout.strip()
                time.sleep(0.1)
            assert window_ids, "the fwdesk window never appeared on the X server"
            assert accepted, "the app never called the (silent) server"
            app.send_signal(signal.SIGTERM)
            _out, err = app.communicate(timeout=10)
        finally:
            if app.poll() is None:
                app.kill()
                app.communicate()
    assert app.returncode == 0, err
    assert "Traceback" not in err and "QThread: Destroyed" not in err, err
