"""Pending orders: FinerWorks' staging table, where imported orders wait for the shop to
review and place them from the dashboard (API.md 9.6).

Nothing here is an order yet: a pending order has no order id, reserves no PO and is never
priced. The ``_sandbox_place_pending`` hook stands in for the dashboard's "place" button.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fwdesk.sandbox.envelope import Call, Invalid
from fwdesk.sandbox.orders import iso
from fwdesk.sandbox.validation import Checker, Text, check_orders

if TYPE_CHECKING:
    from fwdesk.sandbox.store import Store

FIRST_PENDING_ID = 300_001


class PendingTable:
    def __init__(self) -> None:
        self.entries: list[dict[str, Any]] = []
        self._next_id = FIRST_PENDING_ID

    def add(self, account: str, order: dict[str, Any], source: str | None, stamp: str) -> int:
        entry_id = self._next_id
        self._next_id += 1
        entry = {"id": entry_id, "account": account, "order": order}
        self.entries.append({**entry, "created_at": stamp, "source": source})
        return entry_id

    def of_account(self, account: str, ids: list[int] | None = None) -> list[dict[str, Any]]:
        return [
            entry
            for entry in self.entries
            if entry["account"] == account and (ids is None or entry["id"] in ids)
        ]

    def remove(self, account: str, ids: list[int]) -> None:
        self.entries = [
            entry
            for entry in self.entries
            if not (entry["account"] == account and entry["id"] in ids)
        ]

    def to_json(self) -> dict[str, Any]:
        return {"next_id": self._next_id, "entries": self.entries}

    def restore(self, data: dict[str, Any]) -> None:
        self._next_id = int(data.get("next_id", FIRST_PENDING_ID))
        self.entries = [
            entry
            for entry in data.get("entries") or []
            if isinstance(entry, dict) and {"id", "account", "order"} <= set(entry)
        ]


def wire(entry: dict[str, Any]) -> dict[str, Any]:
    """A pending order as list_pending_orders answers it: the order's own fields, the id the
    table gave it as ``fulfillment_id``, and when it was saved."""
    order = entry["order"]
    return {
        **order,
        "source": order.get("source") or entry.get("source"),
        "fulfillment_id": entry["id"],
        "created_at": entry.get("created_at"),
    }


def ids_of(body: dict[str, Any]) -> list[int] | None:
    """The ``ids`` of a pending-orders call; None when the body names none."""
    ids = body.get("ids")
    if ids is None:
        return None
    if not isinstance(ids, list) or not all(
        isinstance(i, int) and not isinstance(i, bool) for i in ids
    ):
        raise Invalid({"ids": ["The ids field must be a list of pending order ids."]})
    return ids


def save_pending_orders(store: Store, call: Call) -> dict[str, Any]:
    body = call.obj()
    checker = Checker(check_orders(body, max_orders=None, for_submit=False))
    checker.value(body.get("source"), Text(50), "source", "source")
    if checker.errors:
        raise Invalid(checker.errors)
    stamp = iso(store.book.now())
    imports = []
    for order in body["orders"]:
        entry_id = store.pending.add(call.account.key, order, body.get("source"), stamp)
        imports.append({"id": entry_id, "order_po": order["order_po"]})
    return {"imports": imports}


def list_pending_orders(store: Store, call: Call) -> dict[str, Any]:
    """All the account's pending orders, or those `ids` names; an empty list of ids counts as
    no filter, since the app sends the key either way."""
    ids = ids_of(call.obj())
    entries = store.pending.of_account(call.account.key, ids or None)
    return {"orders": [wire(entry) for entry in entries]}


def delete_pending_orders(store: Store, call: Call) -> dict[str, Any]:
    """Unknown ids are ignored: deleting what is already gone changes nothing."""
    ids = ids_of(call.obj())
    if ids is None:
        raise Invalid({"ids": ["The ids field is required."]})
    store.pending.remove(call.account.key, ids)
    return {}
