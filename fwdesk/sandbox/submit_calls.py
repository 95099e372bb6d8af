"""Placing orders: submit_orders and submit_orders_v2, whose checks and placing the
``_sandbox_place_pending`` hook reuses.

A request is checked whole before anything is placed: field errors and a reused PO are HTTP
400 (API.md 9.2), a business rule (an unknown SKU, a product code without an image, a service
the destination lacks) is a refusal, and either way no order of the request exists afterwards.
Only payment can fail after the orders were placed, and then they stay, unpaid.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from fwdesk.sandbox import shipping, statuses
from fwdesk.sandbox.accounts import Account
from fwdesk.sandbox.catalog import UnknownProduct
from fwdesk.sandbox.envelope import Call, Invalid, Refusal
from fwdesk.sandbox.orders import SimOrder, iso
from fwdesk.sandbox.payments import Payment, card_on_file, charge, failure_message, payment_for
from fwdesk.sandbox.shipping_calls import quote
from fwdesk.sandbox.validation import Checker, check_orders

if TYPE_CHECKING:
    from fwdesk.sandbox.store import Store

SUBMIT_MAX = 5
SUBMIT_V2_MAX = 50
DUPLICATE_PO = "Duplicate order_po '{po}' - this order has already been submitted."


@dataclass
class Plan:
    """One checked order and what it will be charged, ready to place."""

    order: dict[str, Any]
    option: dict[str, Any]
    test_mode: bool
    framed: bool

    @property
    def grand_total(self) -> Decimal:
        return Decimal(str(self.option["calculated_total"]["order_grand_total"]))


def submit_orders(store: Store, call: Call) -> dict[str, Any]:
    return _submit(store, call, SUBMIT_MAX, card_on_file())


def submit_orders_v2(store: Store, call: Call) -> dict[str, Any]:
    payment = payment_for(call.account, call.obj().get("payment_token"))
    return _submit(store, call, SUBMIT_V2_MAX, payment)


def _submit(store: Store, call: Call, max_orders: int, payment: Payment) -> dict[str, Any]:
    body = call.obj()
    errors = check_orders(body, max_orders=max_orders, for_submit=True)
    if errors:
        raise Invalid(errors)
    orders = body["orders"]
    if not store.config.allow_reused_pos:
        _refuse_reused_pos(store, call.account, orders)
    plans = [
        plan(store, call.account, order, f"orders[{i}]", payment) for i, order in enumerate(orders)
    ]
    if body.get("validate_only") is True:
        return {}
    return place(store, call.account, plans, payment)


def _refuse_reused_pos(store: Store, account: Account, orders: list[dict[str, Any]]) -> None:
    """A PO used by a live order of the account, or twice in this request, is a field error."""
    checker = Checker()
    seen: set[str] = set()
    for i, order in enumerate(orders):
        po = str(order["order_po"])
        if po in seen or store.book.active_po(account.key, po) is not None:
            checker.add(f"orders[{i}].order_po", DUPLICATE_PO.format(po=po))
        seen.add(po)
    if checker.errors:
        raise Invalid(checker.errors)


def plan(
    store: Store, account: Account, order: dict[str, Any], where: str, payment: Payment
) -> Plan:
    """The business rules of one order; raises `Refusal` naming the first one broken."""
    for n, item in enumerate(order["order_items"]):
        try:
            product = store.inventory.lookup(account.key, str(item["product_sku"]))
        except UnknownProduct as unknown:
            raise Refusal(str(unknown)) from None
        image = item.get("product_image")
        has_pixels = (
            isinstance(image, dict) and image.get("pixel_width") and image.get("pixel_height")
        )
        if not product.in_inventory and not has_pixels:
            raise Refusal(
                f"{where}.order_items[{n}]: missing or invalid info (product_image with "
                "pixel_width and pixel_height is required for product codes)."
            )
    code = str(order["shipping_code"]).strip().upper()
    option = next(
        (o for o in quote(store, account, order) if code in (o["shipping_code"], str(o["id"]))),
        None,
    )
    if option is None:
        raise Refusal(f"{where}.shipping_code '{code}' is not available for this destination.")
    test_mode = bool(order.get("test_mode")) or payment.forced_test or not account.app_live_mode
    return Plan(order, option, test_mode, _framed(store, order))


def _framed(store: Store, order: dict[str, Any]) -> bool:
    """An item is framed when its ``template`` names a catalogue frame by ``frame_id``, at its
    top level or in a frame_builder ``config``; product codes themselves never carry a frame."""
    for item in order["order_items"]:
        template = item.get("template")
        if not isinstance(template, dict):
            continue
        config = template.get("config")
        frame_id = template.get("frame_id")
        if frame_id is None and isinstance(config, dict):
            frame_id = config.get("frame_id")
        if isinstance(frame_id, int) and store.catalog.frame(frame_id) is not None:
            return True
    return False


def place(store: Store, account: Account, plans: list[Plan], payment: Payment) -> dict[str, Any]:
    """Places every planned order; if the live ones cannot be paid for, they are placed as
    unpaid (49) and the answer is a refusal that still lists them."""
    live_total = sum((p.grand_total for p in plans if not p.test_mode), Decimal(0))
    payment = charge(account, payment, live_total)
    received = [_received(store, _place_one(store, account, p, payment)) for p in plans]
    if payment.failure is not None:
        raise Refusal(failure_message(payment), {"orders": received})
    return {"orders": received}


def _place_one(store: Store, account: Account, planned: Plan, payment: Payment) -> SimOrder:
    totals = dict(planned.option["calculated_total"])
    unpaid = not planned.test_mode and payment.failure is not None
    if not planned.test_mode and not unpaid and payment.from_credits:
        totals["order_credits_used"] = totals["order_grand_total"]
    code = planned.option["shipping_code"]
    return store.book.place(
        account.key,
        planned.order,
        totals,
        shipping.services(planned.order["recipient"])[code],
        shipping_code=code,
        test_mode=planned.test_mode,
        payment_type="Test" if planned.test_mode else payment.kind,
        payment_failed=unpaid,
        framed=planned.framed,
        card_number=None if planned.test_mode else payment.card_number,
    )


def order_source(order: SimOrder) -> str:
    return str(order.details.get("source") or "api")


def _received(store: Store, order: SimOrder) -> dict[str, Any]:
    return {
        "order_po": order.order_po,
        "order_id": order.order_id,
        "order_confirmation_id": order.confirmation_id,
        "order_confirmation_datetime": iso(order.submitted_at),
        "order_source": order_source(order),
        "order_guid": order.order_guid,
        "order_email": order.recipient.get("email"),
        "order_status": statuses.label(store.book.status_id(order)),
        "test_mode": order.test_mode,
    }
