"""Keeping the Orders tab's history in step with FinerWorks: the work behind a refresh, a
hold, release or cancel, and a new recipient. Each runs in a worker (it calls FinerWorks and
reads thousands of rows) and returns what the tab shows."""

from __future__ import annotations

from dataclasses import dataclass, field

from fwdesk.api.orders import Address
from fwdesk.core.drafts import SUBMITTED, DraftStore
from fwdesk.core.jobs import JobContext
from fwdesk.core.order_history import OrderHistory, StatusChange, TrackedOrder


@dataclass(frozen=True)
class OrdersUpdate:
    orders: list[TrackedOrder]
    changes: list[StatusChange] = field(default_factory=list)
    """Status moves seen by this update, for notifications."""


def load(history: OrderHistory) -> OrdersUpdate:
    """What is known locally, including orders this desk placed while FinerWorks could not be
    asked (sent by a recovery at start-up, say)."""
    history.record_placed(DraftStore(history.store).in_states(SUBMITTED))
    return OrdersUpdate(history.orders())


def refresh(context: JobContext, history: OrderHistory) -> OrdersUpdate:
    """Every order of the account (list_orders), then fresh statuses of the open ones."""
    if not history.labels():
        history.set_definitions(context.client.list_order_status_definitions())
    changes = history.record_receipts(context.client.iter_orders())
    context.check()
    open_pos = history.open_pos()
    if open_pos:
        changes += history.apply_statuses(context.client.fetch_order_status(order_pos=open_pos))
    return OrdersUpdate(history.orders(), changes)


def change(
    context: JobContext, history: OrderHistory, order_id: int, command: str, order_po: str
) -> OrdersUpdate:
    """Hold, release (`pending`) or cancel one order, then read its status back."""
    context.client.update_order(order_id, command)
    changes = history.apply_statuses(context.client.fetch_order_status(order_pos=[order_po]))
    return OrdersUpdate(history.orders(), changes)


def new_recipient(
    context: JobContext, history: OrderHistory, order_id: int, address: Address, order_po: str
) -> OrdersUpdate:
    context.client.update_customer(order_id, address)
    changes = history.record_receipts(context.client.find_orders([order_po]))
    return OrdersUpdate(history.orders(), changes)
