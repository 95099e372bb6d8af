"""Orders being written, kept in SQLite from the first keystroke until FinerWorks has them.

A draft's `order_po` is chosen when the draft is created and written before anything is sent:
it is the key that lets a lost answer be resolved by asking FinerWorks, instead of sending
the order again. The state column is the outbox:

    draft -> submitting -> submitted | rejected | unknown
                            (unknown and rejected go back to draft only via reconciliation)
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import UTC, datetime
from typing import Any

from fwdesk.api.orders import Address, Order, OrderItem, ProductImage
from fwdesk.core.store import Store

DRAFT, SUBMITTING, SUBMITTED, REJECTED, UNKNOWN = (
    "draft",
    "submitting",
    "submitted",
    "rejected",
    "unknown",
)
PENDING = "pending"
"""An order staged on FinerWorks for review (`pending_orders`), shown in the form like a
draft that cannot be edited; never a state of a stored draft."""
EDITABLE_STATES = (DRAFT, REJECTED)
DEFAULT_PREFIX = "SHOP-"
EXTRAS = (
    "gift_message",
    "ship_by_date",
    "document_url",
    "custom_data_1",
    "custom_data_2",
    "custom_data_3",
    "acct_number_ups",
    "acct_number_fedex",
)
"""The optional text fields of an order, sent only when filled in."""


@dataclass(frozen=True)
class DraftItem:
    sku: str
    quantity: int = 1
    title: str = ""
    image_url: str | None = None
    pixel_width: int | None = None
    pixel_height: int | None = None
    sale_price: str | None = None
    """The unit price the customer paid the shop (decimal text), where an import said; never
    sent to FinerWorks."""
    template: dict[str, Any] | None = None
    """A frame, mat and glazing as FinerWorks' frame_builder took them (catalog_framing);
    None for the print alone."""

    def to_api(self) -> OrderItem:
        image = None
        if self.image_url or self.pixel_width:
            image = ProductImage(
                pixel_width=self.pixel_width,
                pixel_height=self.pixel_height,
                product_url_file=self.image_url,
                product_url_thumbnail=self.image_url,
            )
        return OrderItem(
            product_sku=self.sku.strip(),
            product_qty=self.quantity,
            product_title=self.title.strip() or None,
            product_image=image,
            template=self.template,
        )


@dataclass(frozen=True)
class Draft:
    order_po: str
    id: int | None = None
    recipient: Address = field(default_factory=lambda: Address(country_code="us"))
    items: tuple[DraftItem, ...] = ()
    shipping_code: str | None = None
    gift_message: str | None = None
    ship_by_date: str | None = None
    document_url: str | None = None
    custom_data_1: str | None = None
    custom_data_2: str | None = None
    custom_data_3: str | None = None
    acct_number_ups: str | None = None
    acct_number_fedex: str | None = None
    test_mode: bool = False
    state: str = DRAFT
    message: str = ""
    order_id: int | None = None
    confirmation_id: int | None = None
    attempts: int = 0
    """How many times this draft has been sent: a PO refused as 'already used' on the first
    attempt belongs to some other order; on a later one it may be this order, arrived."""
    updated_at: str = ""
    reference: str = ""
    """The order's number where it came from (Shopify's "#1001", an Etsy order id), kept
    beside the PO; the Orders tab searches it."""
    sale_total: str | None = None
    """What the customer paid for the whole order (decimal text), where an import said."""

    @property
    def editable(self) -> bool:
        return self.state in EDITABLE_STATES

    def to_order(self) -> Order:
        blank_to_none = {name: (getattr(self, name) or "").strip() or None for name in EXTRAS}
        recipient = replace(
            self.recipient,
            **{
                f.name: (getattr(self.recipient, f.name) or "").strip() or None
                for f in fields(Address)
                if f.name
                not in ("first_name", "last_name", "address_1", "zip_postal_code", "country_code")
            },
        )
        return Order(
            order_po=self.order_po.strip(),
            recipient=recipient,
            order_items=[item.to_api() for item in self.items],
            shipping_code=self.shipping_code,
            test_mode=self.test_mode,
            **blank_to_none,
        )

    def content(self) -> dict[str, Any]:
        data = asdict(self)
        for key in (
            "id",
            "state",
            "message",
            "order_id",
            "confirmation_id",
            "attempts",
            "updated_at",
        ):
            data.pop(key)
        return data

    @classmethod
    def from_row(cls, row: sqlite3.Row | tuple) -> Draft:
        draft_id, order_po, state, data, message, order_id, confirmation_id, attempts, updated = row
        content = json.loads(data)
        content.pop("order_po", None)
        recipient = Address(**content.pop("recipient"))
        items = tuple(DraftItem(**item) for item in content.pop("items"))
        return cls(
            order_po=order_po,
            id=draft_id,
            recipient=recipient,
            items=items,
            state=state,
            message=message,
            order_id=order_id,
            confirmation_id=confirmation_id,
            attempts=attempts,
            updated_at=updated,
            **content,
        )


_SELECT = (
    "SELECT id, order_po, state, data, message, order_id, confirmation_id, attempts, updated_at "
    "FROM drafts"
)


class DuplicatePo(ValueError):
    """Another draft already uses this order_po."""


class DraftStore:
    def __init__(self, store: Store) -> None:
        self.store = store

    def create(self, prefix: str = DEFAULT_PREFIX, **content: Any) -> Draft:
        """A new draft with the next free PO for `prefix`, saved before it is returned."""
        return self.create_many(prefix, [content])[0]

    def create_many(
        self,
        prefix: str,
        contents: list[dict[str, Any]],
        pos: Sequence[str | None] | None = None,
    ) -> list[Draft]:
        """One new draft per content, all saved or (when the disk refuses) none. `pos` gives
        some their own PO (a spreadsheet's order number); the rest are numbered. A PO already
        taken raises DuplicatePo and nothing is saved."""
        now = _now()
        created = []
        chosen = list(pos) if pos is not None else [None] * len(contents)
        with self.store.transaction() as tx:
            for content, own_po in zip(contents, chosen, strict=True):
                if own_po is None:
                    number = self._next_number(tx, prefix)
                    while tx.execute(
                        "SELECT 1 FROM drafts WHERE order_po = ?", (f"{prefix}{number:06d}",)
                    ).fetchone():
                        number = self._next_number(tx, prefix)
                    own_po = f"{prefix}{number:06d}"
                elif tx.execute("SELECT 1 FROM drafts WHERE order_po = ?", (own_po,)).fetchone():
                    raise DuplicatePo(f"Another order already uses {own_po}.")
                draft = Draft(order_po=own_po, **content)
                cursor = tx.execute(
                    "INSERT INTO drafts (order_po, state, data, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (draft.order_po, DRAFT, json.dumps(draft.content()), now, now),
                )
                created.append(replace(draft, id=cursor.lastrowid, updated_at=now))
        return created

    def create_with_po(self, order_po: str, **content: Any) -> Draft:
        """A new draft under a PO chosen elsewhere (a pending order's, a spreadsheet's)."""
        now = _now()
        draft = Draft(order_po=order_po, **content)
        try:
            with self.store.transaction() as tx:
                cursor = tx.execute(
                    "INSERT INTO drafts (order_po, state, data, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (draft.order_po, DRAFT, json.dumps(draft.content()), now, now),
                )
        except sqlite3.IntegrityError:
            raise DuplicatePo(f"Another order already uses {order_po}.") from None
        return replace(draft, id=cursor.lastrowid, updated_at=now)

    @staticmethod
    def _next_number(tx: sqlite3.Connection, prefix: str) -> int:
        tx.execute(
            "INSERT INTO counters (name, value) VALUES (?, 1) "
            "ON CONFLICT (name) DO UPDATE SET value = value + 1",
            (f"po:{prefix}",),
        )
        return tx.execute(
            "SELECT value FROM counters WHERE name = ?", (f"po:{prefix}",)
        ).fetchone()[0]

    def save(self, draft: Draft) -> Draft:
        """Store an edited draft. Only drafts not yet sent can change, and POs stay unique."""
        assert draft.id is not None
        now = _now()
        try:
            with self.store.transaction() as tx:
                cursor = tx.execute(
                    "UPDATE drafts SET order_po = ?, data = ?, updated_at = ? "
                    "WHERE id = ? AND state IN (?, ?)",
                    (draft.order_po, json.dumps(draft.content()), now, draft.id, *EDITABLE_STATES),
                )
        except sqlite3.IntegrityError:
            raise DuplicatePo(f"Another order already uses {draft.order_po}.") from None
        if cursor.rowcount != 1:
            raise ValueError(f"{draft.order_po} has been sent and can no longer be changed")
        return replace(draft, updated_at=now)

    def get(self, draft_id: int) -> Draft | None:
        row = self.store.connection().execute(f"{_SELECT} WHERE id = ?", (draft_id,)).fetchone()
        return None if row is None else Draft.from_row(row)

    def by_po(self, order_po: str) -> Draft | None:
        row = (
            self.store.connection().execute(f"{_SELECT} WHERE order_po = ?", (order_po,)).fetchone()
        )
        return None if row is None else Draft.from_row(row)

    def in_states(self, *states: str) -> list[Draft]:
        marks = ", ".join("?" * len(states))
        rows = self.store.connection().execute(
            f"{_SELECT} WHERE state IN ({marks}) ORDER BY id", states
        )
        return [Draft.from_row(row) for row in rows]

    def delete(self, draft_id: int) -> None:
        with self.store.transaction() as tx:
            tx.execute(
                "DELETE FROM drafts WHERE id = ? AND state IN (?, ?)", (draft_id, *EDITABLE_STATES)
            )

    def mark(
        self,
        draft_ids: list[int],
        state: str,
        *,
        message: str = "",
        ids: dict[int, tuple[int | None, int | None]] | None = None,
        owner: str | None = None,
    ) -> None:
        """Move drafts to `state` together; `ids` gives (order_id, confirmation_id) per draft.
        With `owner`, only drafts that owner holds move: a sender whose claim ran out (and was
        taken by another) changes nothing."""
        now = _now()
        held = " AND claimed_by = ?" if owner is not None else ""
        with self.store.transaction() as tx:
            for draft_id in draft_ids:
                order_id, confirmation_id = (ids or {}).get(draft_id, (None, None))
                tx.execute(
                    "UPDATE drafts SET state = ?, message = ?, updated_at = ?, "
                    "order_id = COALESCE(?, order_id), "
                    "confirmation_id = COALESCE(?, confirmation_id), "
                    f"attempts = attempts + (? = 'submitting') WHERE id = ?{held}",
                    (state, message, now, order_id, confirmation_id, state, draft_id)
                    + ((owner,) if owner is not None else ()),
                )

    def claim(self, draft_ids: Sequence[int], owner: str, seconds: float) -> list[int]:
        """Takes the drafts still to be settled (draft, submitting, unknown) for `owner` until
        `seconds` from now, in one step: those another sender holds (its claim not run out)
        are left to it. Returns the ids `owner` now holds; claiming again renews."""
        if not draft_ids:
            return []
        now = time.time()
        marks = ", ".join("?" * len(draft_ids))
        with self.store.transaction() as tx:
            tx.execute(
                f"UPDATE drafts SET claimed_by = ?, claim_expires = ? WHERE id IN ({marks}) "
                "AND state IN (?, ?, ?) AND (claimed_by IS NULL OR claimed_by = ? "
                "OR claim_expires < ?)",
                (owner, now + seconds, *draft_ids, DRAFT, SUBMITTING, UNKNOWN, owner, now),
            )
            rows = tx.execute(
                f"SELECT id FROM drafts WHERE id IN ({marks}) AND claimed_by = ?",
                (*draft_ids, owner),
            )
            return [draft_id for (draft_id,) in rows]

    def release(self, draft_ids: Sequence[int], owner: str) -> None:
        if not draft_ids:
            return
        marks = ", ".join("?" * len(draft_ids))
        with self.store.transaction() as tx:
            tx.execute(
                f"UPDATE drafts SET claimed_by = NULL, claim_expires = NULL "
                f"WHERE id IN ({marks}) AND claimed_by = ?",
                (*draft_ids, owner),
            )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
