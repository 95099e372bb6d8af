"""Orders staged on FinerWorks for review: its pending table (API.md 9.6).

This is how the desks of one shop share work: a draft saved for review can be placed from any
desk or from FinerWorks' dashboard, and what the shop staged there (its spreadsheet import,
another desk) shows up here. The account on FinerWorks is the one shared truth; this module
keeps only the last list it gave, so the tab opens at once and offline.

A pending order is taken into this desk's drafts before it is placed (same PO, so FinerWorks
itself refuses a second copy), and removed from FinerWorks once the draft is safely on disk.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from fwdesk.api.errors import ApiError
from fwdesk.api.orders import Address, PendingOrder
from fwdesk.core.drafts import EXTRAS, Draft, DraftItem, DraftStore
from fwdesk.core.store import Store

if TYPE_CHECKING:
    from fwdesk.api.client import FinerWorksClient

log = logging.getLogger(__name__)
SOURCE = "fwdesk"
"""What FinerWorks' dashboard shows as the origin of orders saved from here."""


@dataclass(frozen=True)
class Staged:
    """A pending order as this desk shows it."""

    order: PendingOrder

    @property
    def fulfillment_id(self) -> int:
        return self.order.fulfillment_id

    @property
    def order_po(self) -> str:
        return self.order.order_po

    def as_draft(self) -> Draft:
        """The pending order as a (not yet saved) draft, to show, quote and take in."""
        return Draft(order_po=self.order_po, **_draft_fields(self.order))


class PendingOrders:
    def __init__(self, store: Store) -> None:
        self.store = store

    def all(self) -> list[Staged]:
        """The last list, without the POs this desk already has as a draft or an order (a
        pending copy of an order already placed is never offered again)."""
        rows = self.store.connection().execute(
            "SELECT data FROM pending_orders WHERE order_po NOT IN (SELECT order_po FROM drafts) "
            "AND order_po NOT IN (SELECT order_po FROM orders) ORDER BY fulfillment_id"
        )
        return [Staged(PendingOrder.from_json(json.loads(data))) for (data,) in rows]

    def get(self, fulfillment_id: int) -> Staged | None:
        row = (
            self.store.connection()
            .execute("SELECT data FROM pending_orders WHERE fulfillment_id = ?", (fulfillment_id,))
            .fetchone()
        )
        return None if row is None else Staged(PendingOrder.from_json(json.loads(row[0])))

    def replace_all(self, orders: list[PendingOrder]) -> None:
        now = _now()
        with self.store.transaction() as tx:
            tx.execute("DELETE FROM pending_orders")
            tx.executemany(
                "INSERT OR REPLACE INTO pending_orders (fulfillment_id, order_po, data, seen_at) "
                "VALUES (?, ?, ?, ?)",
                [(o.fulfillment_id, o.order_po, json.dumps(o.to_json()), now) for o in orders],
            )

    def forget(self, fulfillment_ids: list[int]) -> None:
        with self.store.transaction() as tx:
            tx.executemany(
                "DELETE FROM pending_orders WHERE fulfillment_id = ?",
                [(i,) for i in fulfillment_ids],
            )


# -- jobs (run in a worker: they call FinerWorks) ----------------------------------------


def refresh(client: FinerWorksClient, store: Store) -> list[Staged]:
    """FinerWorks' pending orders, kept locally; returns those this desk can offer."""
    pending = PendingOrders(store)
    pending.replace_all(client.list_pending_orders())
    return pending.all()


def save_for_review(client: FinerWorksClient, store: Store, draft_id: int) -> Staged:
    """Stage a draft on FinerWorks; the draft then lives there (and here as pending), not in
    this desk's drafts. A PO FinerWorks already placed is refused first, and a lost answer is
    settled by listing the pending orders, so a retry never stages the order twice."""
    drafts = DraftStore(store)
    draft = drafts.get(draft_id)
    if draft is None or not draft.editable:
        raise ValueError("only a draft that has not been sent can be saved for review")
    staged = _staged_under(client, draft.order_po)
    if staged is None and client.find_orders([draft.order_po]):
        # As FinerWorks' own app does before staging (API.md 9.6): a PO already placed would
        # only be refused when the pending order is placed.
        raise ValueError(
            f"FinerWorks already has a placed order with the PO {draft.order_po}; give this "
            "draft another PO before saving it for review."
        )
    if staged is None:
        try:
            client.save_pending_orders([draft.to_order()], source=SOURCE)
        except ApiError as error:
            if not error.outcome_unknown:
                raise
            log.info("saving %s for review: answer lost, looking it up", draft.order_po)
        staged = _staged_under(client, draft.order_po)
        if staged is None:
            raise ApiError(
                f"FinerWorks did not confirm that {draft.order_po} was saved for review; "
                "it stays in your drafts."
            )
    with store.transaction() as tx:  # one step: the order is never in both lists, nor neither
        tx.execute(
            "DELETE FROM drafts WHERE id = ? AND state IN ('draft', 'rejected')", (draft_id,)
        )
        tx.execute(
            "INSERT OR REPLACE INTO pending_orders (fulfillment_id, order_po, data, seen_at) "
            "VALUES (?, ?, ?, ?)",
            (staged.fulfillment_id, staged.order_po, json.dumps(staged.order.to_json()), _now()),
        )
    return staged


def take_in(client: FinerWorksClient, store: Store, fulfillment_id: int) -> Draft:
    """A pending order becomes this desk's draft (same PO), then leaves FinerWorks' pending
    table, so no other desk places it too. The draft is on disk before anything is deleted."""
    pending = PendingOrders(store)
    staged = pending.get(fulfillment_id)
    if staged is None:
        raise ValueError(f"pending order {fulfillment_id} is no longer listed")
    drafts = DraftStore(store)
    draft = drafts.by_po(staged.order_po) or drafts.create_with_po(
        staged.order_po, **_draft_fields(staged.order)
    )
    client.delete_pending_orders([fulfillment_id])
    pending.forget([fulfillment_id])
    return draft


def delete(client: FinerWorksClient, store: Store, fulfillment_id: int) -> None:
    client.delete_pending_orders([fulfillment_id])
    PendingOrders(store).forget([fulfillment_id])


def _staged_under(client: FinerWorksClient, order_po: str) -> Staged | None:
    for order in client.list_pending_orders():
        if order.order_po == order_po:
            return Staged(order)
    return None


def _draft_fields(order: PendingOrder) -> dict:
    recipient = order.recipient or Address()
    items = tuple(
        DraftItem(
            sku=item.product_sku,
            quantity=item.product_qty,
            title=item.product_title or "",
            image_url=item.product_image.product_url_file if item.product_image else None,
            pixel_width=item.product_image.pixel_width if item.product_image else None,
            pixel_height=item.product_image.pixel_height if item.product_image else None,
        )
        for item in order.order_items
    )
    return {
        "recipient": recipient,
        "items": items,
        "shipping_code": order.shipping_code,
        "test_mode": order.test_mode,
        **{name: getattr(order, name) for name in EXTRAS},
    }


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
