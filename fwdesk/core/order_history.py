"""The account's orders as the shop follows them: what FinerWorks last said about each one,
when each status was first seen (FinerWorks reports only the current one), and the shop's own
facts FinerWorks never returns (the gift message sent, a note kept here).

Fed from three sources: orders this app placed, `list_orders` (everything on the account),
and `fetch_order_status` polls of the open ones. Status changes come back to the caller so
the app can tell the user when something shipped or needs attention. What a status means is
`order_status`'s business, by id; the labels stored here are only ever shown.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from decimal import Decimal

from fwdesk.api.orders import OrderStatus, Receipt, StatusDefinition
from fwdesk.core import order_status, shop_time
from fwdesk.core.drafts import Draft
from fwdesk.core.order_status import SUBMITTED_LABEL, Meaning
from fwdesk.core.store import Store


@dataclass(frozen=True)
class TrackedOrder:
    order_po: str
    order_id: int | None
    customer: str
    placed_at: str
    item_count: int
    grand_total: Decimal | None
    status_id: int | None
    status_label: str
    test_mode: bool
    detail: dict
    reference: str = ""
    """The shop's own order number where the order came from (an Etsy or Shopify order, a
    spreadsheet's): searchable, and shown beside the PO."""
    sale_total: Decimal | None = None
    """What the customer paid the shop, where the import said; beside FinerWorks' charge it
    is the shop's margin."""
    note: str = ""
    """The shop's own note, kept on this computer only and never sent to FinerWorks."""
    demo: bool = False
    """Placed in demo mode: the simulator's order, whatever its test_mode says."""

    @property
    def mode(self) -> str:
        """What placing it did: "demo" (the simulator), "test" (accepted, never printed or
        billed) or "live"."""
        if self.demo:
            return "demo"
        return "test" if self.test_mode else "live"

    @property
    def margin(self) -> Decimal | None:
        if self.sale_total is None or self.grand_total is None:
            return None
        return self.sale_total - self.grand_total

    @property
    def meaning(self) -> Meaning:
        return order_status.meaning(self.status_id)

    @property
    def finished(self) -> bool:
        return self.meaning.final


@dataclass(frozen=True)
class StatusChange:
    order_po: str
    before_id: int | None
    after_id: int | None
    before: str
    """FinerWorks' labels, for the message; the ids decide."""
    after: str

    @property
    def meaning(self) -> Meaning:
        return order_status.meaning(self.after_id)

    @property
    def noteworthy(self) -> bool:
        return order_status.is_noteworthy(self.before_id, self.after_id)


SHOP_FACTS = ("gift_message",)
"""Detail keys only this desk knows (list_orders does not return them): kept when FinerWorks'
newer facts replace the rest of an order's detail."""


def search_text(tracked: TrackedOrder) -> str:
    """What a search of the Orders tab looks in, lower-cased: who and where the order goes,
    its PO and the shop's own reference, the note, and the status."""
    recipient = tracked.detail.get("recipient") or {}
    where = (
        str(recipient.get(key) or "")
        for key in (
            "company_name",
            "address_1",
            "address_2",
            "address_3",
            "city",
            "state_code",
            "province",
            "zip_postal_code",
        )
    )
    words = (
        tracked.order_po,
        tracked.reference,
        tracked.customer,
        *where,
        tracked.note,
        tracked.status_label,
        tracked.meaning.stage.title,
    )
    return " ".join(w for w in words if w).lower()


class OrderHistory:
    def __init__(self, store: Store, *, demo: bool = False) -> None:
        """`demo`: the store is demo mode's own, so every order in it is a demo order."""
        self.store = store
        self.demo = demo

    def set_definitions(self, definitions: Iterable[StatusDefinition]) -> None:
        """FinerWorks' labels by status id: ids are stable, labels may be reworded."""
        labels = {d.order_status_id: d.order_status_label for d in definitions}
        with self.store.transaction() as tx:
            tx.execute(
                "INSERT OR REPLACE INTO catalog_meta (key, value) VALUES ('status_labels', ?)",
                (json.dumps(labels),),
            )

    def labels(self) -> dict[int, str]:
        row = (
            self.store.connection()
            .execute("SELECT value FROM catalog_meta WHERE key = 'status_labels'")
            .fetchone()
        )
        return {int(k): v for k, v in json.loads(row[0]).items()} if row else {}

    def record_receipts(
        self, receipts: Iterable[Receipt], seen_at: str | None = None
    ) -> list[StatusChange]:
        """Orders as `list_orders` describes them; newer facts replace older ones. Returns
        the known orders whose status moved (an order seen for the first time did not)."""
        now = seen_at or _now()
        changes = []
        with self.store.transaction() as tx:
            for receipt in receipts:
                known = tx.execute(
                    "SELECT status_id, status_label, detail FROM orders WHERE order_po = ?",
                    (receipt.order_po,),
                ).fetchone()
                label = receipt.order_status_label or receipt.order_status or ""
                if known and receipt.order_status_id not in (None, known[0]):
                    changes.append(
                        StatusChange(
                            receipt.order_po, known[0], receipt.order_status_id, known[1], label
                        )
                    )
                recipient = receipt.recipient
                customer = (
                    f"{recipient.first_name} {recipient.last_name}".strip() if recipient else ""
                )
                totals = receipt.totals
                detail = {
                    "recipient": recipient.to_json() if recipient else None,
                    "items": [i.to_json() for i in receipt.order_items],
                    "totals": totals.to_json() if totals else None,
                    "shipments": [asdict(s) for s in receipt.shipments],
                    "shipping_method": receipt.shipping_method,
                    "shipping_code": receipt.shipping_code,
                }
                if known:
                    detail.update(_shop_facts(json.loads(known[2])))
                tx.execute(
                    "INSERT INTO orders (order_po, order_id, confirmation_id, order_guid, "
                    "customer, placed_at, item_count, grand_total, status_id, status_label, "
                    "test_mode, detail, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) "
                    "ON CONFLICT (order_po) DO UPDATE SET order_id = excluded.order_id, "
                    "confirmation_id = excluded.confirmation_id, order_guid = excluded.order_guid, "
                    "customer = excluded.customer, placed_at = excluded.placed_at, "
                    "item_count = excluded.item_count, grand_total = excluded.grand_total, "
                    "status_id = COALESCE(excluded.status_id, status_id), "
                    "status_label = excluded.status_label, test_mode = excluded.test_mode, "
                    "detail = excluded.detail, updated_at = excluded.updated_at",
                    (
                        receipt.order_po,
                        receipt.order_id,
                        receipt.order_confirmation_id,
                        receipt.order_guid,
                        customer,
                        receipt.date_time or "",
                        sum(i.product_qty for i in receipt.order_items),
                        str(totals.order_grand_total) if totals else None,
                        receipt.order_status_id,
                        label,
                        int(bool(receipt.test_mode)),
                        json.dumps(detail, default=str),
                        now,
                    ),
                )
                if receipt.order_status_id is not None:
                    _event(tx, receipt.order_po, receipt.order_status_id, label, now)
        return changes

    def record_placed(self, drafts: Iterable[Draft]) -> None:
        """Orders this app placed, listed at once and even while FinerWorks cannot be asked
        (list_orders may lag, and test orders may not be listed); list_orders then adds
        the rest of what FinerWorks knows."""
        with self.store.transaction() as tx:
            for draft in drafts:
                recipient = draft.recipient
                shop = {"gift_message": (draft.gift_message or "").strip() or None}
                known = tx.execute(
                    "SELECT detail FROM orders WHERE order_po = ?", (draft.order_po,)
                ).fetchone()
                if known:
                    # FinerWorks listed it first: its facts stay, the shop's are added
                    tx.execute(
                        "UPDATE orders SET reference = ?, sale_total = ?, detail = ? "
                        "WHERE order_po = ?",
                        (
                            draft.reference,
                            draft.sale_total,
                            json.dumps({**json.loads(known[0]), **shop}, default=str),
                            draft.order_po,
                        ),
                    )
                    continue
                detail = {
                    "recipient": recipient.to_json(),
                    "items": [i.to_api().to_json() for i in draft.items],
                    "totals": None,
                    "shipments": [],
                    "shipping_code": draft.shipping_code,
                    **shop,
                }
                tx.execute(
                    "INSERT INTO orders (order_po, order_id, confirmation_id, customer, "
                    "placed_at, item_count, status_label, test_mode, detail, updated_at, "
                    "reference, sale_total) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        draft.order_po,
                        draft.order_id,
                        draft.confirmation_id,
                        f"{recipient.first_name} {recipient.last_name}".strip(),
                        draft.updated_at,
                        sum(i.quantity for i in draft.items),
                        SUBMITTED_LABEL,
                        int(draft.test_mode),
                        json.dumps(detail),
                        draft.updated_at,
                        draft.reference,
                        draft.sale_total,
                    ),
                )

    def set_note(self, order_po: str, note: str) -> None:
        """The shop's note on one order, as typed (a few hundred bytes, written at once)."""
        with self.store.transaction() as tx:
            tx.execute("UPDATE orders SET note = ? WHERE order_po = ?", (note, order_po))

    def knows(self, order_po: str) -> bool:
        row = (
            self.store.connection()
            .execute("SELECT 1 FROM orders WHERE order_po = ?", (order_po,))
            .fetchone()
        )
        return row is not None

    def apply_statuses(
        self, statuses: Iterable[OrderStatus], seen_at: str | None = None
    ) -> list[StatusChange]:
        """Store fresh statuses and shipments; returns the orders whose status changed."""
        now = seen_at or _now()
        changes = []
        with self.store.transaction() as tx:
            for status in statuses:
                row = tx.execute(
                    "SELECT status_id, status_label, detail FROM orders WHERE order_po = ?",
                    (status.order_po,),
                ).fetchone()
                if row is None:
                    continue
                before_id, before_label, detail_text = row
                detail = json.loads(detail_text)
                detail["shipments"] = [asdict(s) for s in status.shipments]
                tx.execute(
                    "UPDATE orders SET status_id = ?, status_label = ?, detail = ?, "
                    "updated_at = ? WHERE order_po = ?",
                    (
                        status.order_status_id,
                        status.order_status_label,
                        json.dumps(detail, default=str),
                        now,
                        status.order_po,
                    ),
                )
                _event(tx, status.order_po, status.order_status_id, status.order_status_label, now)
                if before_id != status.order_status_id:
                    changes.append(
                        StatusChange(
                            status.order_po,
                            before_id,
                            status.order_status_id,
                            before_label,
                            status.order_status_label,
                        )
                    )
        return changes

    def orders(self, only: Sequence[str] | None = None) -> list[TrackedOrder]:
        """Every order, newest first; or just those under the POs `only` names (a few just
        placed, read without reading thousands). Newest by the instant, not the text: the
        stamps FinerWorks writes (Central time) and this desk writes (UTC) sort apart."""
        labels = self.labels()
        where, args = "", ()
        if only is not None:
            where, args = f"WHERE order_po IN ({', '.join('?' * len(only))})", tuple(only)
        rows = self.store.connection().execute(
            "SELECT order_po, order_id, customer, placed_at, item_count, grand_total, status_id, "
            f"status_label, test_mode, detail, reference, sale_total, note FROM orders {where}",
            args,
        )
        tracked = [
            TrackedOrder(
                po,
                order_id,
                customer,
                placed,
                count,
                None if total is None else Decimal(total),
                status_id,
                order_status.display_label(status_id, labels, label),
                bool(test),
                json.loads(detail),
                reference,
                None if sale is None else Decimal(sale),
                note,
                self.demo,
            )
            for (
                po,
                order_id,
                customer,
                placed,
                count,
                total,
                status_id,
                label,
                test,
                detail,
                reference,
                sale,
                note,
            ) in rows
        ]
        tracked.sort(key=lambda o: o.order_po, reverse=True)
        tracked.sort(key=_placed_instant, reverse=True)  # stable: a tie keeps the higher PO first
        return tracked

    def open_pos(self) -> list[str]:
        return [o.order_po for o in self.orders() if not o.finished]

    def timeline(self, order_po: str) -> list[tuple[str, str]]:
        """(status label, first seen) in the order the statuses were seen: by insertion, not
        by timestamp, since the computer's clock may have been set back in between."""
        labels = self.labels()
        rows = self.store.connection().execute(
            "SELECT status_id, status_label, first_seen FROM order_events WHERE order_po = ? "
            "ORDER BY rowid",
            (order_po,),
        )
        return [
            (order_status.display_label(status_id, labels, label), seen)
            for status_id, label, seen in rows
        ]


def _placed_instant(tracked: TrackedOrder) -> float:
    """Epoch seconds of the placing; an undated order sorts as the oldest."""
    placed = shop_time.moment(tracked.placed_at)
    return placed.timestamp() if placed else float("-inf")


def _shop_facts(detail: dict) -> dict:
    return {key: detail[key] for key in SHOP_FACTS if detail.get(key)}


def _event(tx: sqlite3.Connection, order_po: str, status_id: int, label: str, seen: str) -> None:
    tx.execute(
        "INSERT OR IGNORE INTO order_events (order_po, status_id, status_label, first_seen) "
        "VALUES (?, ?, ?, ?)",
        (order_po, status_id, label, seen),
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
