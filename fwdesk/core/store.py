"""The shop's local SQLite database: one file per account (and one for demo mode).

WAL mode with full fsync, so a crash or power cut never loses a committed draft or order;
the schema is upgraded in place by numbered migrations tracked in ``PRAGMA user_version``.
SQLite connections are not shared between threads: each thread gets its own.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

STORAGE_ERRORS = (sqlite3.Error, OSError)
"""What a failed write to the local disk raises (a full disk among them); callers that write
on the GUI thread catch these and keep what the user typed."""

MIGRATIONS = [
    # 1: the catalogue cache
    """
    CREATE TABLE catalog_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE catalog_lists (kind TEXT PRIMARY KEY, json TEXT NOT NULL);
    CREATE TABLE catalog_products (
        sku TEXT PRIMARY KEY,
        product_code TEXT NOT NULL,
        in_inventory INTEGER NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        type_id INTEGER, type_name TEXT NOT NULL DEFAULT '',
        media_id INTEGER, media_name TEXT NOT NULL DEFAULT '',
        style_id INTEGER, style_name TEXT NOT NULL DEFAULT '',
        width REAL NOT NULL DEFAULT 0, height REAL NOT NULL DEFAULT 0,
        price TEXT,
        image_guid TEXT, thumbnail_url TEXT
    );
    """,
    # 2: a packed copy of the catalogue, read in one go when the tab opens
    """
    CREATE TABLE catalog_blob (id INTEGER PRIMARY KEY CHECK (id = 1), data BLOB NOT NULL);
    """,
    # 3: orders being written and sent (the outbox)
    """
    CREATE TABLE drafts (
        id INTEGER PRIMARY KEY,
        order_po TEXT NOT NULL UNIQUE,
        state TEXT NOT NULL,
        data TEXT NOT NULL,
        message TEXT NOT NULL DEFAULT '',
        order_id INTEGER,
        confirmation_id INTEGER,
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX drafts_state ON drafts (state);
    CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
    """,
    # 4: the account's orders and when each status was first seen
    """
    CREATE TABLE orders (
        order_po TEXT PRIMARY KEY,
        order_id INTEGER,
        confirmation_id INTEGER,
        order_guid TEXT,
        customer TEXT NOT NULL DEFAULT '',
        placed_at TEXT NOT NULL DEFAULT '',
        item_count INTEGER NOT NULL DEFAULT 0,
        grand_total TEXT,
        status_id INTEGER,
        status_label TEXT NOT NULL DEFAULT '',
        test_mode INTEGER NOT NULL DEFAULT 0,
        detail TEXT NOT NULL DEFAULT '{}',
        updated_at TEXT NOT NULL
    );
    CREATE TABLE order_events (
        order_po TEXT NOT NULL,
        status_id INTEGER NOT NULL,
        status_label TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        PRIMARY KEY (order_po, status_id)
    );
    """,
    # 5: orders staged on FinerWorks for review (its pending table), as last listed
    """
    CREATE TABLE pending_orders (
        fulfillment_id INTEGER PRIMARY KEY,
        order_po TEXT NOT NULL,
        data TEXT NOT NULL,
        seen_at TEXT NOT NULL
    );
    """,
    # 6: which sender holds a draft while it is sent, and until when (a crashed one's claim
    # runs out)
    """
    ALTER TABLE drafts ADD COLUMN claimed_by TEXT;
    ALTER TABLE drafts ADD COLUMN claim_expires REAL;
    """,
    # 7: imports: the source's own order number and what the customer paid, on each order;
    # which FinerWorks product a marketplace item is; the column mappings a shop made
    """
    ALTER TABLE orders ADD COLUMN reference TEXT NOT NULL DEFAULT '';
    ALTER TABLE orders ADD COLUMN sale_total TEXT;
    CREATE INDEX orders_reference ON orders (reference);
    CREATE TABLE product_links (
        source TEXT NOT NULL,
        item_key TEXT NOT NULL,
        product_sku TEXT NOT NULL,
        image_url TEXT,
        pixel_width INTEGER,
        pixel_height INTEGER,
        label TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        PRIMARY KEY (source, item_key)
    );
    CREATE TABLE import_mappings (
        signature TEXT PRIMARY KEY,
        mapping TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    """,
    # 8: the shop's own note on each order, kept here and never sent
    """
    ALTER TABLE orders ADD COLUMN note TEXT NOT NULL DEFAULT '';
    """,
]


class StoreTooNew(Exception):
    """The file was written by a newer fwdesk, whose schema this one does not know."""

    def __init__(self, found: int) -> None:
        super().__init__(f"data version {found}, this fwdesk knows up to {len(MIGRATIONS)}")
        self.found = found
        self.known = len(MIGRATIONS)


class StoreDamaged(Exception):
    """SQLite's own check found the file inconsistent (a page overwritten, say)."""


class Store:
    def __init__(self, path: Path, *, read_only: bool = False, immutable: bool = False) -> None:
        """`read_only` opens without ever writing (a newer fwdesk's file, a folder that cannot
        be written); `immutable` also skips SQLite's locks, for a folder where even they
        cannot be made. A file that is not a database, or fails SQLite's quick check, raises
        before anything is written to it."""
        self.path = path
        self.read_only = read_only or immutable
        self._immutable = immutable
        self._local = threading.local()
        self._opened: list[sqlite3.Connection] = []
        self._opened_lock = threading.Lock()
        if not self.read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            connection = self.connection()
            problem = connection.execute("PRAGMA quick_check(1)").fetchone()[0]
            if problem != "ok":
                raise StoreDamaged(problem)
            if not self.read_only:
                self._migrate(connection)
        except BaseException:
            self.close()
            raise

    def connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            if self.read_only:
                flags = "mode=ro&immutable=1" if self._immutable else "mode=ro"
                target = f"{self.path.resolve().as_uri()}?{flags}"
                connection = sqlite3.connect(
                    target, uri=True, isolation_level=None, timeout=10, check_same_thread=False
                )
            else:
                connection = sqlite3.connect(
                    self.path, isolation_level=None, timeout=10, check_same_thread=False
                )
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("PRAGMA synchronous=FULL")
            connection.execute("PRAGMA foreign_keys=ON")
            self._local.connection = connection
            with self._opened_lock:
                self._opened.append(connection)
        return connection

    def version(self) -> int:
        return self.connection().execute("PRAGMA user_version").fetchone()[0]

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing: the block's writes commit together or not at all."""
        connection = self.connection()
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    def close(self) -> None:
        """Closes this thread's connection (others may still be at work)."""
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            with self._opened_lock:
                self._opened.remove(connection)
            connection.close()
            self._local.connection = None

    def close_all(self) -> None:
        """Closes every thread's connection, once the threads that used them have ended: the
        last one to close folds the write-ahead log into the file, so a clean exit leaves one
        file behind (the one a shop would copy or back up)."""
        with self._opened_lock:
            opened, self._opened = self._opened, []
        for connection in opened:
            connection.close()
        self._local = threading.local()

    def _migrate(self, connection: sqlite3.Connection) -> None:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise StoreTooNew(version)
        if version == len(MIGRATIONS):
            return
        # One transaction for every step due: all of them land or none (a new file pays for
        # one sync to disk, not one per step).
        with self.transaction() as tx:
            for script in MIGRATIONS[version:]:
                for statement in script.split(";"):
                    if statement.strip():
                        tx.execute(statement)
            tx.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
