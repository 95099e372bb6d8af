"""What a piece of background work sees while it runs, whoever runs it.

The work itself (refresh the orders, send drafts, download the catalogue) is plain Python in
`core`, so it is tested without Qt. It receives a `JobContext`: the worker lanes of the app
give one that lives in a worker thread, the tests a synchronous one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from fwdesk.api.client import FinerWorksClient


class JobCancelled(Exception):
    """Raised inside work that was cancelled, superseded or interrupted by shutdown."""


class JobContext(Protocol):
    @property
    def client(self) -> FinerWorksClient:
        """The FinerWorks client of the lane the work runs on."""

    def check(self) -> None:
        """Long work calls this between steps; it raises JobCancelled once it should stop."""

    def sleep(self, seconds: float) -> None:
        """A wait that ends, raising JobCancelled, the moment the work is cancelled."""

    def progress(self, done: int, total: int) -> None:
        """Reports how far the work is; may raise JobCancelled."""
