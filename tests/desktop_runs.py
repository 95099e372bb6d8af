"""Runs the real app in its own process on the X server, driven by tests/e2e/gui_driver.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

DRIVER = Path(__file__).parent / "e2e" / "gui_driver.py"


def desktop_env(home: Path, **changes: str) -> dict[str, str]:
    """This environment on the real display (not offscreen), with its own FWDESK_HOME."""
    assert os.environ.get("DISPLAY"), "run under Xvfb (make test) for the desktop tests"
    env = {**os.environ, "FWDESK_HOME": str(home), **changes}
    env.pop("QT_QPA_PLATFORM", None)
    return env


def drive(home: Path, *args: str, **env_changes: str) -> list[str]:
    """The lines the driver printed; fails on a non-zero exit or any traceback."""
    result = subprocess.run(
        [sys.executable, str(DRIVER), *args],
        env=desktop_env(home, **env_changes),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout.strip().splitlines()
