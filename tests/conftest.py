"""Suite-wide fixtures: isolated app folders, an in-memory keychain, and real sandbox
processes on loopback shared where state allows."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

import keyring
import pytest

sys.path.insert(0, str(Path(__file__).parent))
# Widget tests use the X server when there is one (make test runs under Xvfb), and Qt's
# offscreen platform otherwise, so a quick run needs no display.
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from memory_keyring import MemoryKeyring
from sandboxes import SandboxProcess, start_sandbox

pytest_plugins = ["hygiene"]


@pytest.fixture(autouse=True)
def fwdesk_home(tmp_path, monkeypatch) -> Path:
    """Every test gets its own FWDESK_HOME, so none touches the real profile or another test."""
    home = tmp_path / "fwdesk-home"
    monkeypatch.setenv("FWDESK_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def nothing_set_aside():
    """Whatever a test's catalogue set aside from the cycle collector goes back to it, so no
    test sees another's frozen objects (or keeps its garbage)."""
    gc.unfreeze()
    yield
    gc.unfreeze()


@pytest.fixture(autouse=True)
def memory_keyring(request):
    """The in-memory keychain, unless the test asks for the OS one."""
    if request.node.get_closest_marker("real_keychain"):
        yield None
        return
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def sandbox() -> SandboxProcess:
    """A real `fwdesk-sandbox` at real-time speed, so orders stay editable during a test."""
    running = start_sandbox("--credentials", "demo:demo", "shop2-web:shop2-app")
    yield running
    assert running.stop() == 0


@pytest.fixture(scope="session")
def fast_sandbox() -> SandboxProcess:
    """A sandbox where an hour of production passes in 0.1 s: orders ship within seconds."""
    running = start_sandbox("--speed", "36000")
    yield running
    assert running.stop() == 0
