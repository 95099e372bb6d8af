"""What the app is talking to: the built-in simulator, a simulator over HTTP, or FinerWorks.

This is wiring (it joins the api, sandbox and core layers) and so sits beside `app.py`; it has
no Qt. Each `Connection` knows its mode and builds a `FinerWorksClient` per worker lane. The
factories run in the worker threads and import the client (and so httpx) there, which keeps
that import off the path to the first painted window.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fwdesk.api.keys import Credentials
from fwdesk.core.accounts import Account, Mode

if TYPE_CHECKING:
    from fwdesk.api.client import FinerWorksClient
    from fwdesk.sandbox.core import Sandbox
    from fwdesk.sandbox.protocol import SandboxRequest, SandboxResponse

DEMO_SPEED = 600.0
"""In demo mode a day of production passes in under two and a half minutes."""
DEMO_URL = "http://simulator.fwdesk.invalid/v3/"
DEMO_KEYS = Credentials("demo", "demo", public=True)
DEMO_KEY = "demo"
SANDBOX_KEY_PREFIX = "sandbox-"
"""Keys of demo mode's databases: the built-in simulator's, and one per simulator URL."""

Sleep = Callable[[float], None]


@dataclass(frozen=True)
class Connection:
    mode: Mode
    description: str
    base_url: str
    client_factory: Callable[[Sleep], FinerWorksClient]
    account: Account | None = None
    key: str = DEMO_KEY
    """Names this connection's local database: each account keeps its own cache and orders."""

    @property
    def encrypted(self) -> bool:
        return self.base_url.startswith("https://")


class _LazySandbox:
    """The in-process simulator, built on first use in a worker thread (not at start-up) and
    shared by both lanes; its core serialises requests itself."""

    def __init__(self, state_file: Path) -> None:
        self._state_file = state_file
        self._lock = threading.Lock()
        self._sandbox: Sandbox | None = None

    def handler(self) -> Callable[[SandboxRequest], SandboxResponse]:
        with self._lock:
            if self._sandbox is None:
                from fwdesk.sandbox.config import SandboxConfig
                from fwdesk.sandbox.core import Sandbox

                config = SandboxConfig(speed=DEMO_SPEED, state_file=self._state_file)
                self._sandbox = Sandbox(config)
            return self._sandbox.handle


def demo(state_file: Path) -> Connection:
    sandbox = _LazySandbox(state_file)

    def factory(sleep: Sleep) -> FinerWorksClient:
        from fwdesk.api.client import FinerWorksClient
        from fwdesk.sandbox.transport import SandboxTransport

        transport = SandboxTransport(sandbox.handler(), sleep=sleep)
        return FinerWorksClient(DEMO_KEYS, DEMO_URL, transport=transport, sleep=sleep)

    return Connection(Mode.DEMO, "Built-in FinerWorks simulator", DEMO_URL, factory)


def sandbox_url(url: str) -> Connection:
    def factory(sleep: Sleep) -> FinerWorksClient:
        from fwdesk.api.abortable import AbortableTransport
        from fwdesk.api.client import FinerWorksClient

        return FinerWorksClient(DEMO_KEYS, url, transport=AbortableTransport(), sleep=sleep)

    return Connection(
        Mode.DEMO,
        f"FinerWorks simulator at {url}",
        url,
        factory,
        key=f"{SANDBOX_KEY_PREFIX}{_digest(url)}",
    )


def finerworks(account: Account, credentials: Credentials) -> Connection:
    def factory(sleep: Sleep) -> FinerWorksClient:
        from fwdesk.api.abortable import AbortableTransport
        from fwdesk.api.client import FinerWorksClient

        return FinerWorksClient(
            credentials, account.base_url, transport=AbortableTransport(), sleep=sleep
        )

    return Connection(
        account.provisional_mode(),
        account.environment.label,
        account.base_url,
        factory,
        account,
        key=f"account-{_digest(account.name)}",
    )


def is_demo_key(key: str) -> bool:
    """Whether the database this key names (its file name) holds demo mode's orders only."""
    return key == DEMO_KEY or key.startswith(SANDBOX_KEY_PREFIX)


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:12]
