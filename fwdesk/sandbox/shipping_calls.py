"""The shipping calls: quotes for one order or many, and the option ids for cross-reference.

Quotes are the section 9.3 shape: each option carries a stable numeric ``id`` a submit may send
back as its ``shipping_code``, and each order gets the ``preferred_option`` the account's
shipping preferences pick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fwdesk.sandbox import shipping
from fwdesk.sandbox.accounts import Account
from fwdesk.sandbox.catalog import UnknownProduct
from fwdesk.sandbox.envelope import Call, Invalid, Refusal
from fwdesk.sandbox.validation import check_order, check_orders

if TYPE_CHECKING:
    from fwdesk.sandbox.store import Store

QUOTE_ORDERS_MAX = 50


def quote(store: Store, account: Account, order: dict[str, Any]) -> list[dict[str, Any]]:
    """The options for one checked order; a SKU the account cannot order is a refusal."""
    items = [(str(i["product_sku"]), int(i["product_qty"])) for i in order["order_items"]]
    try:
        for sku, _qty in items:
            store.inventory.lookup(account.key, sku)
        return shipping.quote_options(
            store.catalog, items, order["recipient"], str(order["order_po"])
        )
    except UnknownProduct as unknown:
        raise Refusal(str(unknown)) from None


def list_shipping_options(store: Store, call: Call) -> dict[str, Any]:
    errors = check_order(call.body)
    if errors:
        raise Invalid(errors)
    return {"shipping_options": quote(store, call.account, call.body)}


def list_shipping_options_multiple(store: Store, call: Call) -> dict[str, Any]:
    errors = check_orders(call.body, max_orders=QUOTE_ORDERS_MAX, for_submit=False)
    if errors:
        raise Invalid(errors)
    quoted = []
    for order in call.body["orders"]:
        options = quote(store, call.account, order)
        preferences = call.account.shipping_preferences
        quoted.append(
            {
                "order_po": order["order_po"],
                "options": options,
                "preferred_option": shipping.preferred_option(
                    options, order["recipient"], preferences
                ),
            }
        )
    return {"orders": quoted}


def get_shipping_options_ids(store: Store, call: Call) -> dict[str, Any]:
    """``type`` is read as the zone an id belongs to (its hundreds: 1 contiguous US, 2 the
    rest of the US, 3 Canada, 4 elsewhere); API.md does not say what it means."""
    wanted = call.param("type")
    if wanted in (None, ""):
        return {"shipping_options": shipping.shipping_option_ids(None)}
    if isinstance(wanted, bool) or not str(wanted).strip().isdigit():
        raise Invalid({"type": [f"The value '{wanted}' is not valid for type."]}, bound=False)
    return {"shipping_options": shipping.shipping_option_ids(int(str(wanted).strip()))}
