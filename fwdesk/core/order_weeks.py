"""Orders, spend and sales per week, for the Orders tab's chart: what FinerWorks charged
beside what the shop's customers paid (known for imported marketplace orders)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from decimal import Decimal

from fwdesk.core import shop_time
from fwdesk.core.order_history import TrackedOrder
from fwdesk.core.order_status import counts_as_spend


@dataclass(frozen=True)
class Week:
    start: date
    orders: int
    spend: Decimal
    sales: Decimal = Decimal(0)
    """What customers paid for this week's orders, where the import kept it."""


def weekly(
    orders: Iterable[TrackedOrder], today: date, weeks: int = 12, zone: tzinfo | None = None
) -> list[Week]:
    """The last `weeks` weeks (Monday to Sunday), oldest first; cancelled orders cost nothing.
    An order counts in the week of the shop's own day it was placed (`zone`, or the
    computer's), not FinerWorks' day: a Monday 01:00 in Paris is still Sunday in Texas."""
    first = today - timedelta(days=today.weekday(), weeks=weeks - 1)
    counts = [0] * weeks
    spend = [Decimal(0)] * weeks
    sales = [Decimal(0)] * weeks
    for tracked in orders:
        placed = shop_time.local_day(tracked.placed_at, zone)
        if placed is None:
            continue
        index = (placed - first).days // 7
        if 0 <= index < weeks:
            counts[index] += 1
            if not counts_as_spend(tracked.status_id):
                continue
            if tracked.grand_total is not None:
                spend[index] += tracked.grand_total
            if tracked.sale_total is not None:
                sales[index] += tracked.sale_total
    return [Week(first + timedelta(weeks=i), counts[i], spend[i], sales[i]) for i in range(weeks)]
