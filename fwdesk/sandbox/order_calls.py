"""Following and changing placed orders: status lookups, the order list, one order in full,
hold/release/cancel, a new recipient, and the status definitions.

Lookups see an order only once ``lookup_lag_s`` has passed since it was placed (FinerWorks'
lists can lag behind a submit); changes find it at once by the ids the submit returned.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fwdesk.sandbox import statuses
from fwdesk.sandbox.accounts import Account
from fwdesk.sandbox.addresses import normalised
from fwdesk.sandbox.envelope import Call, Invalid, Refusal
from fwdesk.sandbox.orders import SimOrder, iso, matching, parse_date
from fwdesk.sandbox.paging import paged
from fwdesk.sandbox.submit_calls import order_source
from fwdesk.sandbox.validation import Errors, check_address

if TYPE_CHECKING:
    from fwdesk.sandbox.store import Store

ORDERS_PAGE_MAX = 25
UPDATE_COMMANDS = ("pending", "hold", "cancel")


def _visible(store: Store, account: Account) -> list[SimOrder]:
    return store.book.visible(account.key, store.config.lookup_lag_s)


def fetch_order_status(store: Store, call: Call) -> dict[str, Any]:
    """Unknown ids and POs are left out, never an error (API.md 2.1)."""
    body = call.obj()
    pos = body.get("order_pos") or []
    ids = body.get("order_ids") or []
    if not isinstance(pos, list) or not isinstance(ids, list):
        raise Invalid({"order_ids": ["order_ids and order_pos must be lists."]})
    found = [
        order
        for order in _visible(store, call.account)
        if order.order_po in pos or order.order_id in ids or order.confirmation_id in ids
    ]
    return {"orders": [status_of(store, order) for order in found]}


def status_of(store: Store, order: SimOrder) -> dict[str, Any]:
    status_id = store.book.status_id(order)
    return {
        "order_confirmation_id": order.confirmation_id,
        "order_po": order.order_po,
        "order_id": order.order_id,
        "order_status_id": status_id,
        "order_status_label": statuses.label(status_id),
        "shipments": store.book.shipments(order),
        "order_source": order_source(order),
        "processing": status_id in statuses.IN_PRODUCTION,
    }


def list_orders(store: Store, call: Call) -> dict[str, Any]:
    """Newest first. ``status`` matches an id (as text or a number) or a label, ignoring
    case; labels repeat, so a label may match several ids."""
    body = call.obj()
    orders = list(reversed(_visible(store, call.account)))
    if body.get("show_cancelled") is False:
        orders = [o for o in orders if o.submission != "cancel"]
    if body.get("search_filter"):
        orders = matching(orders, str(body["search_filter"]))
    if body.get("status") not in (None, ""):
        wanted = str(body["status"]).strip().lower()
        orders = [o for o in orders if wanted in _status_names(store.book.status_id(o))]
    if isinstance(body.get("order_ids"), list) and body["order_ids"]:
        wanted_ids = body["order_ids"]
        orders = [o for o in orders if o.order_id in wanted_ids or o.confirmation_id in wanted_ids]
    if isinstance(body.get("order_pos"), list) and body["order_pos"]:
        wanted_pos = [str(po) for po in body["order_pos"]]
        orders = [o for o in orders if o.order_po in wanted_pos]
    orders = _between(orders, body.get("date_from"), body.get("date_to"))
    page = paged(orders, body, "orders", ORDERS_PAGE_MAX)
    page["orders"] = [receipt(store, call.account, o) for o in page["orders"]]
    page["total_count"] = page["count"]
    return page


def _status_names(status_id: int) -> tuple[str, str]:
    return str(status_id), statuses.label(status_id).lower()


def get_order(store: Store, call: Call) -> dict[str, Any]:
    guid, email = call.param("order_guid"), call.param("order_email")
    missing = {
        k: [f"The {k} parameter is required."]
        for k, v in (("order_guid", guid), ("order_email", email))
        if not v
    }
    if missing:
        raise Invalid(missing, bound=False)
    for order in _visible(store, call.account):
        emails = {str(order.recipient.get("email") or "").lower(), call.account.email}
        if order.order_guid == guid and str(email).lower() in emails:
            return {"order": receipt(store, call.account, order)}
    raise Refusal("No order matches that order_guid and order_email.")


def receipt(store: Store, account: Account, order: SimOrder) -> dict[str, Any]:
    status_id = store.book.status_id(order)
    return {
        "order_id": order.order_id,
        "order_guid": order.order_guid,
        "date_time": iso(order.submitted_at),
        "order_status": statuses.label(status_id),
        "order_status_id": status_id,
        "order_status_label": statuses.label(status_id),
        "order_confirmation_id": order.confirmation_id,
        "transaction_id": f"TX{order.confirmation_id}",
        "payment_type_name": order.payment_type,
        "order_po": order.order_po,
        "card_number": order.card_number,
        "shipping_method": order.shipping_method,
        "shipping_code": order.shipping_code,
        "billing": account.billing_info,
        "recipient": order.recipient,
        "totals": order.totals,
        "order_items": order.details.get("order_items") or [],
        "shipments": store.book.shipments(order),
        "test_mode": order.test_mode,
    }


def update_order(store: Store, call: Call) -> dict[str, Any]:
    body = call.obj()
    command = body.get("update_command")
    errors: Errors = {}
    if not _is_whole(body.get("order_id")):
        errors["order_id"] = ["The order_id field is required."]
    if command not in UPDATE_COMMANDS:
        errors["update_command"] = ["update_command must be pending, hold or cancel."]
    if errors:
        raise Invalid(errors)
    order = _editable(store, call.account, body["order_id"])
    store.book.pin(order, None)
    {"pending": store.book.release, "hold": store.book.hold, "cancel": store.book.cancel}[command](
        order
    )
    return {}


def update_customer(store: Store, call: Call) -> dict[str, Any]:
    """A new recipient is also how an order the carrier turned back (35) carries on."""
    body = call.obj()
    errors = check_address(body.get("customer_info"), "customer_info")
    if not _is_whole(body.get("order_id")):
        errors["order_id"] = ["The order_id field is required."]
    if errors:
        raise Invalid(errors)
    order = _editable(store, call.account, body["order_id"])
    store.book.pin(order, None)
    store.book.change_recipient(order, normalised(body["customer_info"]))
    return {}


def _is_whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _editable(store: Store, account: Account, reference: int) -> SimOrder:
    """The order, if it may still be changed; a pinned status counts as its status."""
    order = store.book.find(account.key, reference)
    if order is None:
        raise Refusal(f"Order {reference} was not found.")
    if order.submission == "cancel":
        raise Refusal(f"Order {reference} has been cancelled.")
    if store.book.status_id(order) not in statuses.EDITABLE:
        raise Refusal(
            f"Order {reference} is already in production and can no longer be changed; "
            "please contact FinerWorks customer support."
        )
    return order


def list_order_status_definitions(store: Store, call: Call) -> dict[str, Any]:
    return {"definitions": statuses.DEFINITIONS}


def _between(orders: list[SimOrder], date_from: Any, date_to: Any) -> list[SimOrder]:
    bounds = []
    for key, value in (("date_from", date_from), ("date_to", date_to)):
        if value in (None, ""):
            bounds.append(None)
            continue
        moment = parse_date(str(value))
        if moment is None:
            raise Invalid({key: [f"The value '{value}' is not a valid date."]})
        bounds.append(moment)
    low, high = bounds
    return [
        o
        for o in orders
        if (low is None or o.submitted_at >= low) and (high is None or o.submitted_at <= high)
    ]
