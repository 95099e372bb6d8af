"""Suite-wide fixtures: real sandbox processes on loopback, shared where state allows."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from sandboxes import SandboxProcess, start_sandbox


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
