"""The column mappings a shop made, kept per account and found again by the file's headers.

A shop's own site exports the same layout every week: mapping it once is enough.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from fwdesk.core.store import Store


class SavedMappings:
    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, signature: str) -> dict[str, Any] | None:
        row = (
            self.store.connection()
            .execute("SELECT mapping FROM import_mappings WHERE signature = ?", (signature,))
            .fetchone()
        )
        if row is None:
            return None
        try:
            data = json.loads(row[0])
        except ValueError:
            return None  # a damaged entry is a mapping to make again, not a crash
        return data if isinstance(data, dict) else None

    def save(self, signature: str, mapping: dict[str, Any]) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.store.transaction() as tx:
            tx.execute(
                "INSERT INTO import_mappings (signature, mapping, updated_at) VALUES (?,?,?) "
                "ON CONFLICT (signature) DO UPDATE SET mapping = excluded.mapping, "
                "updated_at = excluded.updated_at",
                (signature, json.dumps(mapping), now),
            )
