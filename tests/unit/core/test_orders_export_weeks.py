"""Orders exported to CSV with tracking numbers, and counted per week for the chart."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

from fwdesk.core.order_history import TrackedOrder
from fwdesk.core.order_weeks import weekly
from fwdesk.core.orders_export import HEADER, orders_csv


def tracked(po: str, placed: str, total: str, label: str = "Shipped", shipments=()) -> TrackedOrder:
    return TrackedOrder(
        po, 1, "Ann Lee", placed, 2, Decimal(total), 6, label, False, {"shipments": list(shipments)}
    )


def test_export_has_one_row_per_order_with_its_tracking_numbers():
    parcels = [
        {"carrier": "UPS", "tracking_number": "1Z999AA10123456784"},
        {"carrier": "UPS", "tracking_number": "1Z999AA10123456785"},
    ]
    text = orders_csv(
        [
            tracked("SHOP-1", "2026-11-20T10:00:00-06:00", "45.5", shipments=parcels),
            tracked("SHOP-2", "2026-11-21T10:00:00-06:00", "10", "Order Received"),
        ]
    )
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(HEADER)
    assert rows[1][0] == "SHOP-1" and rows[1][5] == "45.50" and rows[1][8] == "UPS"
    assert rows[1][9] == "1Z999AA10123456784 1Z999AA10123456785"
    assert rows[2][6] == "Order Received" and rows[2][9] == ""


def test_weeks_count_orders_and_spend_without_cancelled_orders():
    orders = [
        tracked("A", "2026-11-23T09:00:00-06:00", "10"),  # this week (Mon 23 Nov)
        tracked("B", "2026-11-26T09:00:00-06:00", "5", "Cancelled"),
        tracked("C", "2026-11-16T09:00:00-06:00", "7"),  # last week
        tracked("D", "2026-08-01T09:00:00-06:00", "99"),  # too old
        tracked("E", "garbled", "1"),
    ]
    weeks = weekly(orders, date(2026, 11, 27))
    assert len(weeks) == 12 and weeks[-1].start == date(2026, 11, 23)
    assert (weeks[-1].orders, weeks[-1].spend) == (2, Decimal(10))
    assert (weeks[-2].orders, weeks[-2].spend) == (1, Decimal(7))
    assert sum(w.orders for w in weeks) == 3
