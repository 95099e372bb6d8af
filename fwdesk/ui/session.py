"""Which FinerWorks the app talks to, and everything that changes with it.

The session chooses the connection at start (the account in use, or demo mode when its keys
cannot be had, saying why), owns the worker lanes, the account's local database and the order
sender, and switches them all at once: one `switched` signal tells every part to start again
on the new account. It also knows the mode (demo, test, live) as FinerWorks confirmed it,
which the question before an order is sent repeats.

Nothing here talks to FinerWorks before `start()`, which the window calls once it is on
screen: each lane builds its client on its first job (see `ClientOnFirstUse`), and the order
sender is made when first asked for.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from fwdesk import connection
from fwdesk.connection import Connection
from fwdesk.core.accounts import Mode
from fwdesk.core.credentials import CredentialStore, KeychainError
from fwdesk.core.jobs import JobContext
from fwdesk.core.paths import AppPaths
from fwdesk.core.settings import Settings
from fwdesk.core.store import Store
from fwdesk.core.store_open import open_store
from fwdesk.ui.widgets.banner import TITLES
from fwdesk.ui.work.jobs import ApiService, Job
from fwdesk.ui.work.lanes import ClientFactory

if TYPE_CHECKING:
    from fwdesk.api.account import CredentialCheck
    from fwdesk.api.client import FinerWorksClient
    from fwdesk.ui.work.sender import OrderSender

log = logging.getLogger(__name__)


class Session(QObject):
    switched = Signal(object, object)
    """(runner, store) of the connection now in use."""
    mode_shown = Signal(object, str)
    """(Mode, what the banner says about it)."""
    status = Signal(str)
    """The connection line of the status bar."""
    problem = Signal(str, bool)
    """(message, whether it stays once a connection works)."""
    notice = Signal(str)
    """A local file that could not be used as it was, and what was done about it; the window
    keeps it in view until dismissed."""

    def __init__(
        self,
        paths: AppPaths,
        settings: Settings,
        credentials: CredentialStore,
        forced: Connection | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.settings = settings
        self.credentials = credentials
        self._forced = forced
        self.demo_because = ""
        """Why demo mode runs although an account is chosen; the banner says it."""
        self._early_problems: list[tuple[str, bool]] = []
        self._early_notices: list[str] = []
        self.connection = self._initial()
        self.mode = self.connection.mode
        self.service = ApiService(_on_first_use(self.connection.client_factory), self)
        self.store = self._store_for(self.connection)
        self._sender: OrderSender | None = None

    @property
    def sender(self) -> OrderSender:
        """The one path placed orders travel; made when first needed (its modules are not
        needed for the first window)."""
        if self._sender is None:
            from fwdesk.ui.work.sender import OrderSender

            self._sender = OrderSender(self.service, self.store, self)
        return self._sender

    @property
    def account_name(self) -> str:
        return self.connection.account.name if self.connection.account else ""

    def announce(self) -> None:
        """Shows the mode and the connection being made, before anything is asked of it."""
        self.mode_shown.emit(self.mode, self.banner_text(self.mode))
        self.status.emit(f"Connecting to {self.connection.description}…")

    def start(self) -> None:
        """Reports what the start-up found (once someone listens) and checks the keys."""
        for message, stays in self._early_problems:
            self.problem.emit(message, stays)
        self._early_problems.clear()
        self._tell_notices()
        self._check()

    # -- choosing -------------------------------------------------------------------------

    def _initial(self) -> Connection:
        if self._forced is not None:
            return self._forced
        account = self.settings.account(self.settings.active_account)
        if account is None:
            return self.demo()
        try:
            credentials = self.credentials.load(account.name)
        except KeychainError as problem:
            self.demo_because = (
                f"The keychain could not be reached, so “{account.name}” is not used (its keys "
                "are kept)."
            )
            self._early_problems.append(
                (
                    f"{problem} Running in demo mode; the account “{account.name}” and its keys "
                    "are kept and used again once the keychain can be reached.",
                    True,
                )
            )
            return self.demo()
        if credentials is None:
            self.demo_because = f"The keys for “{account.name}” are missing from the keychain."
            self._early_problems.append(
                (
                    f"The keys for “{account.name}” are not in the keychain any more. "
                    "Connect the account again (Account menu).",
                    True,
                )
            )
            return self.demo()
        return connection.finerworks(account, credentials)

    def demo(self) -> Connection:
        return connection.demo(self.paths.demo_state_file)

    def for_account(self, name: str | None) -> Connection | None:
        """The connection of a saved account (demo for None); None when its keys are not in
        the keychain (the caller asks for them). A keychain failure is reported."""
        account = self.settings.account(name)
        if account is None:
            return self.demo()
        try:
            credentials = self.credentials.load(account.name)
        except KeychainError as problem:
            self.problem.emit(str(problem), False)
            raise
        return None if credentials is None else connection.finerworks(account, credentials)

    def use(self, chosen: Connection) -> None:
        """Every part starts again on `chosen`: fresh lanes (jobs of the old account are
        dropped), its own database, then the check of its keys."""
        self._forced = None
        self.demo_because = ""
        self.connection = chosen
        self.mode = chosen.mode
        self.service.restart(_on_first_use(chosen.client_factory))
        self.store.close()
        self.store = self._store_for(chosen)
        if self._sender is not None:
            self._sender.use_source(self.service, self.store)
        self.switched.emit(self.service, self.store)
        self._tell_notices()
        self._check()

    def _store_for(self, chosen: Connection) -> Store:
        """Whatever state its file is in, a store comes back (see core.store_open); what was
        wrong is told once the window listens (at start) or right after a switch."""
        opened = open_store(self.paths.data / f"{chosen.key}.sqlite")
        if opened.damage is not None:
            self._early_notices.append(opened.damage.message)
        return opened.store

    def _tell_notices(self) -> None:
        for message in self._early_notices:
            self.notice.emit(message)
        self._early_notices.clear()

    # -- the mode -------------------------------------------------------------------------

    def _check(self) -> None:
        self.announce()
        Job(self, "connection check", _check_connection, key="connection-check").on_done(
            self._confirmed
        ).on_failed(self._not_confirmed).start(self.service)

    def _confirmed(self, check: CredentialCheck) -> None:
        mode = self.connection.mode
        if mode is Mode.LIVE and check.app is not None and check.app.app_live_mode is False:
            mode = Mode.TEST
        self.mode = mode
        self.mode_shown.emit(mode, self.banner_text(mode))
        who = check.account.account_username if check.account else "FinerWorks"
        self.status.emit(f"Connected to {self.connection.description} as {who}")

    def _not_confirmed(self, _error: Exception) -> None:
        self.status.emit(f"Not connected to {self.connection.description}")

    def banner_text(self, mode: Mode) -> str:
        shown = self.connection
        if mode is Mode.DEMO and self.demo_because:
            return f"{self.demo_because} Demo mode: nothing is printed, shipped or billed."
        if mode is Mode.DEMO:
            return f"{shown.description}. Nothing is printed, shipped or billed."
        plain = "" if shown.encrypted else " Not encrypted (plain http)."
        name = f"“{self.account_name}”"
        if mode is Mode.TEST:
            return (
                f"Account {name} · {shown.description}. Orders are accepted but not printed, "
                f"shipped or billed.{plain}"
            )
        return (
            f"Account {name}. Orders are printed, shipped and billed to your FinerWorks "
            f"account.{plain}"
        )

    def mode_text(self) -> str:
        """The mode in a sentence, for the question asked before orders are sent."""
        return f"{TITLES[self.mode]}: {self.banner_text(self.mode)}"


def _check_connection(context: JobContext):
    return context.client.test_my_credentials()


class ClientOnFirstUse:
    """A lane's client, made by the first job that uses it rather than as the lane starts.

    Making one imports httpx and the client, and in demo mode builds the simulator: a good
    part of a second of Python that both lanes would otherwise run while the first window is
    being built and painted, taking the interpreter from the GUI thread. A lane calls its
    client only from its own thread; `abort` (from the GUI thread) has nothing to cut before
    the client exists, and `close` nothing to close.
    """

    def __init__(self, factory: ClientFactory, sleep: Callable[[float], None]) -> None:
        self._factory = factory
        self._sleep = sleep
        self._client: FinerWorksClient | None = None

    def __getattr__(self, name: str) -> Any:
        if self._client is None:
            self._client = self._factory(self._sleep)
        return getattr(self._client, name)

    def abort(self) -> None:
        if self._client is not None:
            self._client.abort()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()


def _on_first_use(factory: ClientFactory) -> ClientFactory:
    return partial(ClientOnFirstUse, factory)
