"""A store that refuses writes the way SQLite does when the disk is full (SQLITE_FULL).

For fast widget tests; `make faults` also fills a real (tmpfs) disk."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from fwdesk.core.store import Store


def disk_full_error() -> sqlite3.OperationalError:
    error = sqlite3.OperationalError("database or disk is full")
    error.sqlite_errorcode = sqlite3.SQLITE_FULL
    error.sqlite_errorname = "SQLITE_FULL"
    return error


@contextmanager
def full_disk(store: Store) -> Iterator[None]:
    """Every write transaction on `store`, from any thread, fails until the block ends."""

    @contextmanager
    def refuse() -> Iterator[sqlite3.Connection]:
        raise disk_full_error()
        yield store.connection()

    store.transaction = refuse
    try:
        yield
    finally:
        del store.transaction
