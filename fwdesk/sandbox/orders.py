"""The simulator's order book: placed orders, their journey through production, and persistence.

Time is compressed without moving the calendar: an order's *age* runs `speed` times faster than
real time, and every event is stamped with the real moment it happened. A demo order placed a
minute ago at speed 3600 has lived an hour, and its timestamps are all from the last minute.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fwdesk.sandbox.shipping import Method

RECEIVED, IN_PRODUCTION, PARTIALLY_SHIPPED, SHIPPED, DELIVERED, ON_HOLD, CANCELLED = (
    3,
    4,
    5,
    6,
    7,
    8,
    9,
)
EDITABLE = frozenset({RECEIVED, ON_HOLD})
"""Statuses in which update_order and update_customer are still allowed (before production)."""

HOUR = 3600.0
DAY = 24 * HOUR
PRODUCTION_AFTER = 2 * HOUR
FIRST_PARCEL_AFTER = 18 * HOUR
SHIPPED_AFTER = 26 * HOUR
CENTRAL = timezone(timedelta(hours=-6))
_GUID_NAMESPACE = uuid.UUID("6f0c2a52-8a8e-4a4e-9d55-0b8c6f1e2a10")


def load_definitions() -> list[dict[str, Any]]:
    text = resources.files("fwdesk.sandbox").joinpath("data/statuses.json").read_text("utf-8")
    return [
        {"order_status_id": d["order_status_id"], "order_status_label": d["order_status_label"]}
        for d in json.loads(text)["definitions"]
    ]


LABELS = {d["order_status_id"]: d["order_status_label"] for d in load_definitions()}


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
    """When production may start; None while on hold."""
    aged_before_hold: float = 0.0
    """Simulated seconds of progress banked before a hold (a hold keeps it, a release resumes)."""
    submission: str = "pending"
    cancelled_at: float | None = None
    held_at: float | None = None
    history: list[list[Any]] = field(default_factory=list)

    @property
    def shipping_code(self) -> str:
        return str(self.details.get("shipping_code") or "SD").upper()

    @property
    def recipient(self) -> dict[str, Any]:
        return self.details.get("recipient") or {}

    @property
    def splits(self) -> bool:
        """Some multi-item orders ship in two parcels (deterministic, by id)."""
        return len(self.details.get("order_items") or []) > 1 and self.order_id % 3 == 0


class OrderBook:
    def __init__(
        self, *, speed: float, now: Callable[[], float], state_file: Path | None = None
    ) -> None:
        self.speed = speed
        self.now = _never_backwards(now)
        self.state_file = state_file
        self.orders: list[SimOrder] = []
        self._next_id = 5_530_001
        self._next_confirmation = 8_810_001
        if state_file is not None and state_file.exists():
            self._load(state_file)

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

    def age(self, order: SimOrder) -> float:
        """Simulated seconds of production progress."""
        running = 0.0
        if order.submission == "pending" and order.released_at is not None:
            running = max(0.0, self.now() - order.released_at) * self.speed
        return order.aged_before_hold + running

    def status_id(self, order: SimOrder) -> int:
        if order.submission == "cancel":
            return CANCELLED
        if order.submission == "hold":
            return ON_HOLD
        age = self.age(order)
        if age < PRODUCTION_AFTER:
            return RECEIVED
        if age < FIRST_PARCEL_AFTER or (age < SHIPPED_AFTER and not order.splits):
            return IN_PRODUCTION
        if age < SHIPPED_AFTER:
            return PARTIALLY_SHIPPED
        if age < SHIPPED_AFTER + order.transit_days * DAY:
            return SHIPPED
        return DELIVERED

    def when(self, order: SimOrder, age: float) -> float:
        """The real moment an order reaches a given age (in the future if it has not yet)."""
        if order.released_at is None:
            return order.held_at or order.submitted_at
        return order.released_at + (age - order.aged_before_hold) / self.speed

    def shipments(self, order: SimOrder) -> list[dict[str, Any]]:
        if order.submission != "pending":
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
        test_mode: bool,
        payment_type: str,
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
            released_at=now,
        )
        self._next_id += 1
        self._next_confirmation += 1
        self.orders.append(order)
        self.save()
        return order

    def hold(self, order: SimOrder) -> None:
        if order.submission == "pending":
            order.aged_before_hold = self.age(order)
            order.released_at = None
            order.held_at = self.now()
            order.submission = "hold"
            self._note(order, "hold")

    def release(self, order: SimOrder) -> None:
        if order.submission == "hold":
            order.released_at = self.now()
            order.held_at = None
            order.submission = "pending"
            self._note(order, "pending")

    def cancel(self, order: SimOrder) -> None:
        order.submission = "cancel"
        order.cancelled_at = self.now()
        self._note(order, "cancel")

    def change_recipient(self, order: SimOrder, recipient: dict[str, Any]) -> None:
        order.details = {**order.details, "recipient": recipient}
        self._note(order, "update_customer")

    def _note(self, order: SimOrder, what: str) -> None:
        order.history.append([iso(self.now()), what])
        self.save()

    # -- persistence ----------------------------------------------------------------------

    def save(self) -> None:
        """Write the whole book atomically, so a killed sandbox never leaves half a file."""
        if self.state_file is None:
            return
        data = {
            "version": 1,
            "next_id": self._next_id,
            "next_confirmation": self._next_confirmation,
            "orders": [asdict(order) for order in self.orders],
        }
        temporary = self.state_file.with_name(self.state_file.name + ".tmp")
        temporary.write_text(json.dumps(data), encoding="utf-8")
        os.replace(temporary, self.state_file)

    def _load(self, path: Path) -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        self._next_id = int(data["next_id"])
        self._next_confirmation = int(data["next_confirmation"])
        self.orders = [SimOrder(**order) for order in data["orders"]]


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
