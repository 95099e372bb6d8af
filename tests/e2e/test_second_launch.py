"""Double-clicking the icon twice: the real app, launched twice on one data folder on the X
server, runs once; the second launch brings the first window forward and exits."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest
from desktop_runs import desktop_env
from fault_report import record

APP = [sys.executable, "-m", "fwdesk.app", "--demo"]


def wait_for_line(process: subprocess.Popen[str], start: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if line.startswith(start):
            return line
        if not line and process.poll() is not None:
            break
    raise AssertionError(f"no line starting {start!r}")


@pytest.mark.timeout(120)
def test_a_second_launch_raises_the_first_window_and_exits(tmp_path):
    home = tmp_path / "home"
    env = desktop_env(home, FWDESK_STARTUP_PROBE="1")
    first = subprocess.Popen(APP, env=env, stdout=subprocess.PIPE, text=True)
    try:
        wait_for_line(first, "first-paint", 60)
        started = time.monotonic()
        second = subprocess.run(APP, env=env, capture_output=True, text=True, timeout=60)
        took = time.monotonic() - started
        assert second.returncode == 0, second.stderr
        assert "already running" in second.stdout and "first-paint" not in second.stdout
        assert first.poll() is None, "the first window is still open"
        log = (home / "logs" / "fwdesk.log").read_text()
        deadline = time.monotonic() + 10
        while "brought to the front" not in log and time.monotonic() < deadline:
            time.sleep(0.1)
            log = (home / "logs" / "fwdesk.log").read_text()
        assert "brought to the front" in log
        assert log.count("starting (Qt") == 1, "the second launch built no window"
    finally:
        first.send_signal(signal.SIGTERM)
        code = first.wait(timeout=30)
        first.stdout.close()
    assert code == 0
    record("two-senders", case="launched twice on one folder", second_exit_s=round(took, 2))
