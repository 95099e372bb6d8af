"""Test hooks outside the FinerWorks API, under ``/v3/_sandbox_*``: never faulted, never
delayed, but keyed like any call so each account sees only its own orders.

* ``_sandbox_orders`` lists every order with its PO, including those lookups cannot see yet:
  the fault suite's ground truth.
* ``_sandbox_set_status`` pins an order at any status id (even one outside the table), so the
  app's handling of every status can be tried on demand.
* ``_sandbox_place_pending`` does what the shop's "place" button in FinerWorks' dashboard does
  to pending orders.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fwdesk.sandbox import shipping
from fwdesk.sandbox.envelope import Call, Invalid, Refusal
from fwdesk.sandbox.payments import payment_for
from fwdesk.sandbox.pending import ids_of
from fwdesk.sandbox.shipping_calls import quote
from fwdesk.sandbox.submit_calls import DUPLICATE_PO, place, plan

if TYPE_CHECKING:
    from fwdesk.sandbox.store import Store


def sandbox_orders(store: Store, call: Call) -> dict[str, Any]:
    return {
        "orders": [
            {
                "order_po": o.order_po,
                "order_id": o.order_id,
                "submission": o.submission,
                "order_status_id": store.book.status_id(o),
            }
            for o in store.book.of_account(call.account.key)
        ]
    }


def sandbox_set_status(store: Store, call: Call) -> dict[str, Any]:
    """``{"order_po", "order_status_id"}``; a null id releases the pin."""
    body = call.obj()
    po, status_id = body.get("order_po"), body.get("order_status_id")
    if not isinstance(po, str) or not po:
        raise Invalid({"order_po": ["The order_po field is required."]}, bound=False)
    if status_id is not None and (isinstance(status_id, bool) or not isinstance(status_id, int)):
        raise Invalid({"order_status_id": ["An integer or null is expected."]}, bound=False)
    order = store.book.latest_po(call.account.key, po)
    if order is None:
        raise Invalid({"order_po": [f"No order has order_po '{po}'."]}, bound=False)
    store.book.pin(order, status_id)
    return {
        "order": {
            "order_po": order.order_po,
            "order_id": order.order_id,
            "order_status_id": store.book.status_id(order),
        }
    }


def sandbox_place_pending(store: Store, call: Call) -> dict[str, Any]:
    """Places the named pending orders one by one, each paid from credits (or as a test
    order), and takes them off the pending list. One that breaks a rule stays pending and is
    reported under ``not_placed``; one whose payment fails is placed unpaid, as a submit's is.
    A pending order without a shipping_code ships as the account's preferences choose."""
    ids = ids_of(call.obj())
    if ids is None:
        raise Invalid({"ids": ["The ids field is required."]}, bound=False)
    account = call.account
    credits = payment_for(account, None)
    placed: list[dict[str, Any]] = []
    not_placed: list[dict[str, Any]] = []
    for entry in store.pending.of_account(account.key, ids):
        order = dict(entry["order"])
        try:
            if store.book.active_po(account.key, str(order["order_po"])) is not None:
                raise Refusal(DUPLICATE_PO.format(po=order["order_po"]))
            if not order.get("shipping_code"):
                options = quote(store, account, order)
                preferred = shipping.preferred_option(
                    options, order["recipient"], account.shipping_preferences
                )
                order["shipping_code"] = preferred["shipping_code"]
            planned = plan(store, account, order, f"pending order {entry['id']}", credits)
        except Refusal as refusal:
            reason = str(refusal)
            not_placed.append({"id": entry["id"], "order_po": order["order_po"], "reason": reason})
            continue
        try:
            placed.extend(place(store, account, [planned], credits)["orders"])
        except Refusal as unpaid:
            placed.extend(unpaid.payload["orders"])
        store.pending.remove(account.key, [entry["id"]])
    return {"orders": placed, "not_placed": not_placed}
