"""The real installer: built with `make package`, installed with dpkg, started, removed."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*command: str, **options) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, check=False, **options)


@pytest.mark.timeout(900)
def test_the_deb_installs_starts_and_uninstalls_cleanly(tmp_path):
    assert os.geteuid() == 0 and shutil.which("dpkg"), "needs root and dpkg (make test on Debian)"
    built = run("make", "--no-print-directory", "package", cwd=ROOT, timeout=800)
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    [line] = [line for line in built.stdout.splitlines() if line.endswith(".deb")]
    deb = Path(ROOT, line.strip())
    assert deb.suffix == ".deb" and deb.stat().st_size <= 60 * 1024 * 1024
    fields = run("dpkg-deb", "-f", str(deb), "Depends").stdout
    assert "libc6 (>= " in fields and "libxcb1" in fields and "libegl1" in fields
    installed = run("dpkg", "-i", str(deb))
    assert installed.returncode == 0, installed.stderr
    try:
        env = {**os.environ, "FWDESK_HOME": str(tmp_path / "home")}
        smoke = run("/usr/bin/fwdesk", "--smoke-test", env=env, timeout=60)
        assert smoke.returncode == 0, smoke.stdout + smoke.stderr
        assert "9 product types" in smoke.stdout
        assert Path("/usr/share/applications/fwdesk.desktop").exists()
        assert Path("/usr/share/icons/hicolor/256x256/apps/fwdesk.png").exists()
        display_env = {k: v for k, v in env.items() if k != "QT_QPA_PLATFORM"}
        assert display_env.get("DISPLAY"), "run under Xvfb (make test)"
        app = subprocess.Popen(["/usr/bin/fwdesk", "--demo"], env=display_env)
        try:
            found = ""
            deadline = time.monotonic() + 30
            while not found and time.monotonic() < deadline:
                found = run("xdotool", "search", "--onlyvisible", "--name", "^fwdesk$").stdout
                time.sleep(0.2)
            assert found.strip(), "the installed app's window never appeared"
        finally:
            app.terminate()
            assert app.wait(timeout=10) == 0
    finally:
        removed = run("dpkg", "-r", "fwdesk")
    assert removed.returncode == 0, removed.stderr
    assert not Path("/opt/fwdesk").exists()
    assert not Path("/usr/bin/fwdesk").exists()
