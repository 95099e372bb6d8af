"""The simulator's order book: placed orders and their journey through production.

Time is compressed without moving the calendar: an order's *age* runs `speed` times faster than
real time, and every event is stamped with the real moment it happened. A demo order placed a
minute ago at speed 3600 has lived an hour, and its timestamps are all from the last minute.
Statuses are not stored but follow from the age, so a restart or a clock jump cannot leave an
order in a state its timeline does not explain; only a test hook's pin overrides them.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from fwdesk.sandbox import statuses
from fwdesk.sandbox.addresses import is_rejected

if TYPE_CHECKING:
    from fwdesk.sandbox.shipping import Method

log = logging.getLogger(__name__)

HOUR = 3600.0
DAY = 24 * HOUR
# Ages (simulated seconds since release) at which an order moves on.
PRODUCTION_AFTER = 2 * HOUR
PROCESSING_AFTER = 4 * HOUR
FRAMING_AFTER = 10 * HOUR
READY_AFTER = 16 * HOUR
FIRST_PARCEL_AFTER = 18 * HOUR
SHIPPED_AFTER = 26 * HOUR
CANCELLATION_TAKES = 30 * 60.0
"""Simulated seconds from a cancel request (29) to the cancellation itself (14)."""
CENTRAL = timezone(timedelta(hours=-6))
_GUID_NAMESPACE = uuid.UUID("6f0c2a52-8a8e-4a4e-9d55-0b8c6f1e2a10")
DEMO_CARD_NUMBER = "************4242"


def iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, CENTRAL).isoformat(timespec="seconds")


def parse_date(text: str) -> float | None:
    """Epoch seconds of an ISO date or date-time; None when it is neither."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


@dataclass
class SimOrder:
    account: str
    order_id: int
    confirmation_id: int
    order_guid: str
    order_po: str
    details: dict[str, Any]
    totals: dict[str, Any]
    shipping_method: str
    carrier: str
    transit_days: int
    test_mode: bool
    payment_type: str
    submitted_at: float
    """Real epoch seconds; so are all the stamps below."""
    released_at: float | None
    """When production may start; None while on hold or unpaid."""
    aged_before_hold: float = 0.0
    """Simulated seconds of progress banked before the clock was last stopped or rebased."""
    submission: str = "pending"
    cancelled_at: float | None = None
    held_at: float | None = None
    history: list[list[Any]] = field(default_factory=list)
    shipping_code: str = "SD"
    """The letter code of the service chosen, whether the caller sent it or an option id."""
    framed: bool = False
    payment_failed: bool = False
    pinned_status: int | None = None
    """A status forced by the ``_sandbox_set_status`` hook, standing until an update."""
    card_number: str | None = None

    @property
    def recipient(self) -> dict[str, Any]:
        return self.details.get("recipient") or {}

    @property
    def splits(self) -> bool:
        """Some multi-item orders ship in two parcels (deterministic, by id)."""
        return len(self.details.get("order_items") or []) > 1 and self.order_id % 3 == 0

    @classmethod
    def from_json(cls, record: dict[str, Any]) -> SimOrder:
        """An order from any state-file version: unknown keys are dropped, and what older
        versions did not record is derived from what they did."""
        known = {f.name for f in fields(cls)}
        data = {key: value for key, value in record.items() if key in known}
        details = data.setdefault("details", {})
        data.setdefault("totals", {})
        data.setdefault("shipping_method", "")
        data.setdefault("carrier", "UPS")
        data.setdefault("transit_days", 5)
        data.setdefault("test_mode", False)
        data.setdefault("payment_type", "Account")
        data.setdefault("released_at", data["submitted_at"])
        data.setdefault(
            "order_guid",
            str(uuid.uuid5(_GUID_NAMESPACE, f"{data['account']}/{data['order_id']}")),
        )
        data.setdefault("shipping_code", str(details.get("shipping_code") or "SD").upper())
        if data["payment_type"] == "Credit Card":
            data.setdefault("card_number", DEMO_CARD_NUMBER)
        return cls(**data)


class OrderBook:
    def __init__(self, *, speed: float, now: Callable[[], float]) -> None:
        self.speed = speed
        self.now = _never_backwards(now)
        self.orders: list[SimOrder] = []
        self._next_id = 5_530_001
        self._next_confirmation = 8_810_001

    # -- queries --------------------------------------------------------------------------

    def of_account(self, account: str) -> list[SimOrder]:
        return [o for o in self.orders if o.account == account]

    def find(self, account: str, reference: int) -> SimOrder | None:
        """By order_id or order_confirmation_id: API.md leaves open which one callers hold."""
        for order in self.of_account(account):
            if reference in (order.order_id, order.confirmation_id):
                return order
        return None

    def active_po(self, account: str, order_po: str) -> SimOrder | None:
        for order in self.of_account(account):
            if order.order_po == order_po and order.submission != "cancel":
                return order
        return None

    def latest_po(self, account: str, order_po: str) -> SimOrder | None:
        """The live order with this PO, else the newest cancelled one."""
        active = self.active_po(account, order_po)
        if active is not None:
            return active
        matches = [o for o in self.of_account(account) if o.order_po == order_po]
        return matches[-1] if matches else None

    def visible(self, account: str, lag_s: float) -> list[SimOrder]:
        """The account's orders that lookups can see: those placed at least `lag_s` real
        seconds ago, since FinerWorks' lists lag behind its submits."""
        cutoff = self.now() - lag_s
        return [o for o in self.of_account(account) if o.submitted_at <= cutoff]

    def age(self, order: SimOrder) -> float:
        """Simulated seconds of production progress; an order whose address the carrier
        rejects cannot get past the moment it would be ready to ship."""
        running = 0.0
        if order.submission == "pending" and order.released_at is not None:
            running = max(0.0, self.now() - order.released_at) * self.speed
        age = order.aged_before_hold + running
        return min(age, READY_AFTER) if is_rejected(order.recipient) else age

    def status_id(self, order: SimOrder) -> int:
        if order.pinned_status is not None:
            return order.pinned_status
        if order.submission == "cancel":
            waited = (self.now() - (order.cancelled_at or self.now())) * self.speed
            return (
                statuses.CANCELLED
                if waited >= CANCELLATION_TAKES
                else statuses.CANCELLATION_REQUEST
            )
        if order.submission == "hold":
            return statuses.CUSTOMER_HOLD
        if order.payment_failed:
            return statuses.PAYMENT_FAILED
        return self._production_status(order, self.age(order))

    def _production_status(self, order: SimOrder, age: float) -> int:
        if age < PRODUCTION_AFTER:
            return statuses.RECEIVED
        if age < PROCESSING_AFTER:
            return statuses.FORWARDED
        if age < READY_AFTER:
            framing = order.framed and age >= FRAMING_AFTER
            return statuses.FRAMING if framing else statuses.PROCESSING
        if is_rejected(order.recipient):
            return statuses.REJECTED_ADDRESS
        if age < FIRST_PARCEL_AFTER or (age < SHIPPED_AFTER and not order.splits):
            return statuses.READY_TO_SHIP
        if age < SHIPPED_AFTER:
            return statuses.PARTLY_SHIPPED
        if age < SHIPPED_AFTER + order.transit_days * DAY:
            return statuses.SHIPPED
        return statuses.COMPLETE

    def when(self, order: SimOrder, age: float) -> float:
        """The real moment an order reaches a given age (in the future if it has not yet)."""
        if order.released_at is None:
            return order.held_at or order.submitted_at
        return order.released_at + (age - order.aged_before_hold) / self.speed

    def shipments(self, order: SimOrder) -> list[dict[str, Any]]:
        if order.submission != "pending" or order.payment_failed:
            return []
        age = self.age(order)
        parcel_ages = [FIRST_PARCEL_AFTER, SHIPPED_AFTER] if order.splits else [SHIPPED_AFTER]
        transit = order.transit_days * DAY
        return [
            self._shipment(order, index, shipped_age, transit, age)
            for index, shipped_age in enumerate(parcel_ages)
            if age >= shipped_age
        ]

    def _shipment(
        self, order: SimOrder, index: int, shipped_age: float, transit: float, age: float
    ) -> dict[str, Any]:
        carrier = order.carrier
        number = tracking_number(carrier, f"{order.order_id}-{index}")
        delivered = age >= shipped_age + transit
        return {
            "creation_date": iso(self.when(order, shipped_age - HOUR)),
            "shipment_date": iso(self.when(order, shipped_age)),
            "eta_date": iso(self.when(order, shipped_age + transit)),
            "delivery_date": iso(self.when(order, shipped_age + transit)) if delivered else None,
            "weight": 2.5 + index,
            "width": 24.0,
            "height": 4.0,
            "depth": 4.0,
            "tracking_number": number,
            "tracking_url": tracking_url(carrier, number),
            "carrier": carrier,
            "service": order.shipping_method,
            "history": None,
        }

    # -- changes --------------------------------------------------------------------------

    def place(
        self,
        account: str,
        details: dict[str, Any],
        totals: dict[str, Any],
        service: Method,
        *,
        shipping_code: str,
        test_mode: bool,
        payment_type: str,
        payment_failed: bool = False,
        framed: bool = False,
        card_number: str | None = None,
    ) -> SimOrder:
        now = self.now()
        order = SimOrder(
            account=account,
            order_id=self._next_id,
            confirmation_id=self._next_confirmation,
            order_guid=str(uuid.uuid5(_GUID_NAMESPACE, f"{account}/{self._next_id}")),
            order_po=str(details["order_po"]),
            details=details,
            totals=totals,
            shipping_method=service.name,
            carrier=service.carrier,
            transit_days=service.days_max,
            test_mode=test_mode,
            payment_type=payment_type,
            submitted_at=now,
            released_at=None if payment_failed else now,
            shipping_code=shipping_code,
            framed=framed,
            payment_failed=payment_failed,
            card_number=card_number,
        )
        self._next_id += 1
        self._next_confirmation += 1
        self.orders.append(order)
        return order

    def hold(self, order: SimOrder) -> None:
        if order.submission == "pending":
            self._bank(order)
            order.released_at = None
            order.held_at = self.now()
            order.submission = "hold"
            self._note(order, "hold")

    def release(self, order: SimOrder) -> None:
        if order.submission == "hold":
            order.released_at = None if order.payment_failed else self.now()
            order.held_at = None
            order.submission = "pending"
            self._note(order, "pending")

    def cancel(self, order: SimOrder) -> None:
        order.submission = "cancel"
        order.cancelled_at = self.now()
        self._note(order, "cancel")

    def change_recipient(self, order: SimOrder, recipient: dict[str, Any]) -> None:
        """Progress so far is banked first, so an order held back by a rejected address
        carries on from where it stopped rather than from where its clock would be."""
        if order.released_at is not None:
            self._bank(order)
            order.released_at = self.now()
        order.details = {**order.details, "recipient": recipient}
        self._note(order, "update_customer")

    def pin(self, order: SimOrder, status_id: int | None) -> None:
        if order.pinned_status != status_id:
            order.pinned_status = status_id
            self._note(order, f"pinned {status_id}")

    def _bank(self, order: SimOrder) -> None:
        order.aged_before_hold = self.age(order)

    def _note(self, order: SimOrder, what: str) -> None:
        order.history.append([iso(self.now()), what])

    # -- persistence ----------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "next_id": self._next_id,
            "next_confirmation": self._next_confirmation,
            "orders": [asdict(order) for order in self.orders],
        }

    def restore(self, data: dict[str, Any]) -> None:
        """Loads a saved book; an order record too broken to rebuild is skipped, not fatal,
        so one bad entry in a user's old demo file does not lose the rest."""
        self._next_id = int(data.get("next_id", self._next_id))
        self._next_confirmation = int(data.get("next_confirmation", self._next_confirmation))
        self.orders = []
        for record in data.get("orders") or []:
            try:
                self.orders.append(SimOrder.from_json(record))
            except (AttributeError, KeyError, TypeError) as broken:
                log.warning("skipping an unreadable order in the state file: %s", broken)


def tracking_number(carrier: str, seed: str) -> str:
    """A number in the carrier's real pattern, so the app's tracking-link rules meet real shapes."""
    digits = str(int(hashlib.sha256(seed.encode()).hexdigest(), 16))
    if carrier == "UPS":
        return "1Z" + hashlib.sha256(seed.encode()).hexdigest()[:6].upper() + "03" + digits[:8]
    if carrier == "USPS":
        return "9400" + digits[:18]
    return digits[:12]


def tracking_url(carrier: str, number: str) -> str:
    return {
        "UPS": "https://www.ups.com/track?tracknum={}",
        "USPS": "https://tools.usps.com/go/TrackConfirmAction?tLabels={}",
        "FedEx": "https://www.fedex.com/fedextrack/?trknbr={}",
    }.get(carrier, "https://www.fedex.com/fedextrack/?trknbr={}").format(number)


def matching(orders: Iterable[SimOrder], text: str) -> list[SimOrder]:
    """Orders whose PO, recipient, email or item titles contain `text` (case-insensitive)."""
    needle = text.strip().lower()
    found = []
    for order in orders:
        recipient = order.recipient
        haystack = [
            order.order_po,
            str(recipient.get("first_name", "")),
            str(recipient.get("last_name", "")),
            str(recipient.get("email", "")),
            str(recipient.get("company_name", "")),
        ] + [
            f"{item.get('product_title', '')} {item.get('product_sku', '')}"
            for item in order.details.get("order_items") or []
        ]
        if any(needle in str(value).lower() for value in haystack):
            found.append(order)
    return found


def _never_backwards(clock: Callable[[], float]) -> Callable[[], float]:
    """Production does not undo itself when the computer's clock is set back: the simulated
    clock stands still until the wall clock has caught up. (Callers serialise requests.)"""
    latest = float("-inf")

    def now() -> float:
        nonlocal latest
        latest = max(latest, clock())
        return latest

    return now
