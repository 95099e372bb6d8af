"""Orders exported to CSV with tracking numbers, and counted per week for the chart."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import UTC, date
from decimal import Decimal
from zoneinfo import ZoneInfo

from fault_report import record

from fwdesk.core.order_history import TrackedOrder
from fwdesk.core.order_weeks import weekly
from fwdesk.core.orders_export import header, orders_csv


def tracked(
    po: str, placed: str, total: str, status_id: int = 7, label: str = "Shipped", shipments=()
) -> TrackedOrder:
    return TrackedOrder(
        po,
        1,
        "Ann Lee",
        placed,
        2,
        Decimal(total),
        status_id,
        label,
        False,
        {"shipments": list(shipments)},
    )


def test_export_has_one_row_per_order_with_its_tracking_numbers():
    parcels = [
        {"carrier": "UPS", "tracking_number": "1Z999AA10123456784"},
        {"carrier": "UPS", "tracking_number": "1Z999AA10123456785"},
    ]
    text = orders_csv(
        [
            tracked("SHOP-1", "2026-11-20T10:00:00-06:00", "45.5", shipments=parcels),
            tracked("SHOP-2", "2026-11-21T10:00:00-06:00", "10", 3, "Order Received"),
            tracked("SHOP-3", "2026-11-22T10:00:00-06:00", "12", 36, "Framing - Processing"),
        ],
        UTC,
    )
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == header(UTC)
    column = {name: i for i, name in enumerate(header(UTC))}
    assert rows[1][0] == "SHOP-1" and rows[1][column["grand_total"]] == "45.50"
    assert rows[1][column["carriers"]] == "UPS"
    assert rows[1][column["tracking_numbers"]] == "1Z999AA10123456784 1Z999AA10123456785"
    assert (rows[1][column["status"]], rows[1][column["stage"]]) == ("Shipped", "Shipped")
    assert (rows[2][column["status"]], rows[2][column["stage"]]) == ("Order Received", "Waiting")
    assert rows[2][column["tracking_numbers"]] == ""
    assert rows[3][column["stage"]] == "In production"


def test_weeks_count_orders_and_spend_without_cancelled_orders():
    orders = [
        tracked("A", "2026-11-23T09:00:00-06:00", "10"),  # this week (Mon 23 Nov)
        tracked("B", "2026-11-26T09:00:00-06:00", "5", 14, "Cancellation"),
        tracked("B2", "2026-11-26T10:00:00-06:00", "6", 29, "Shipped"),  # a label never decides
        tracked("C", "2026-11-16T09:00:00-06:00", "7"),  # last week
        tracked("D", "2026-08-01T09:00:00-06:00", "99"),  # too old
        tracked("E", "garbled", "1"),
    ]
    weeks = weekly(orders, date(2026, 11, 27))
    assert len(weeks) == 12 and weeks[-1].start == date(2026, 11, 23)
    assert (weeks[-1].orders, weeks[-1].spend) == (3, Decimal(10))
    assert (weeks[-2].orders, weeks[-2].spend) == (1, Decimal(7))
    assert sum(w.orders for w in weeks) == 4
    assert all(w.sales == 0 for w in weeks), "no sale price known: no sales"


def test_weeks_add_what_customers_paid_beside_the_spend():
    sold = replace(tracked("A", "2026-11-23T09:00:00-06:00", "40"), sale_total=Decimal("65"))
    cancelled = replace(
        tracked("B", "2026-11-24T09:00:00-06:00", "30", 14, "Cancelled"), sale_total=Decimal("50")
    )
    unsold = tracked("C", "2026-11-25T09:00:00-06:00", "10")
    this_week = weekly([sold, cancelled, unsold], date(2026, 11, 27))[-1]
    assert (this_week.spend, this_week.sales) == (Decimal(50), Decimal(65))
    assert sold.margin == Decimal(25)


def test_no_cell_of_the_export_can_run_as_a_formula():
    from fwdesk.core.order_history import TrackedOrder

    hostile = TrackedOrder(
        "SHOP-9",
        9,
        '=HYPERLINK("http://evil.example","Open")',
        "2026-11-20T10:00:00-06:00",
        1,
        Decimal("5"),
        7,
        "+cmd|' /C calc'!A0",
        False,
        {"shipments": [{"carrier": "@SUM(1+1)", "tracking_number": "-2+3"}]},
    )
    rows = list(csv.reader(io.StringIO(orders_csv([hostile]))))
    cells = rows[1]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells), cells
    column = {name: i for i, name in enumerate(header())}
    assert cells[column["customer"]] == '\'=HYPERLINK("http://evil.example","Open")'
    assert cells[column["status"]] == "'+cmd|' /C calc'!A0"
    assert cells[column["carriers"]] == "'@SUM(1+1)"
    assert cells[column["tracking_numbers"]] == "'-2+3"
    assert cells[column["order_po"]] == "SHOP-9", "ordinary text is left as it is"
    hostile_cells = [c for c in cells if c.startswith("'")]
    record("csv-injection", case="export", tried=len(hostile_cells), held=len(hostile_cells))


def test_the_export_shows_the_shops_clock_and_names_its_zone():
    paris = ZoneInfo("Europe/Paris")
    order = tracked("SHOP-1", "2026-11-20T14:37:00-06:00", "45.5")
    rows = list(csv.reader(io.StringIO(orders_csv([order], paris))))
    assert rows[0][4] == "placed_at (Europe/Paris)"
    assert rows[1][4] == "2026-11-20 21:37:00", "FinerWorks' 14:37 in Texas"


def test_the_export_says_demo_test_or_live_and_keeps_the_shops_own_words():
    live = replace(tracked("L", "2026-11-20T10:00:00-06:00", "1"), reference="#1001")
    test = replace(live, order_po="T", test_mode=True, note="Reprint if late")
    demo = replace(live, order_po="D", demo=True)
    rows = list(csv.DictReader(io.StringIO(orders_csv([live, test, demo], UTC))))
    assert [(r["order_po"], r["mode"]) for r in rows] == [
        ("L", "live"),
        ("T", "test"),
        ("D", "demo"),
    ]
    assert (rows[1]["reference"], rows[1]["note"]) == ("#1001", "Reprint if late")


def test_an_order_counts_in_the_week_of_the_shops_own_day():
    sunday_night_in_texas = tracked("A", "2026-11-22T18:30:00-06:00", "10")  # Monday in Paris
    paris = weekly([sunday_night_in_texas], date(2026, 11, 27), zone=ZoneInfo("Europe/Paris"))
    texas = weekly([sunday_night_in_texas], date(2026, 11, 27), zone=ZoneInfo("America/Chicago"))
    assert (paris[-1].orders, paris[-2].orders) == (1, 0)
    assert (texas[-1].orders, texas[-2].orders) == (0, 1)
