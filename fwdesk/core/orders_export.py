"""Orders to a spreadsheet, with their tracking numbers, for the shop's own records.

Every cell that a spreadsheet would run as a formula (one starting with =, +, -, @, a tab or a
carriage return: OWASP's CSV injection) is written with a leading apostrophe, whatever it came
from: a customer's name typed on a web shop, or a carrier or status text from FinerWorks.

Times are the shop's own clock, as the Orders tab shows them, and the header names the zone.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import tzinfo

from fwdesk.core import shop_time
from fwdesk.core.order_history import TrackedOrder

COLUMNS = (
    "order_po",
    "order_id",
    "reference",
    "customer",
    "placed_at",
    "items",
    "grand_total",
    "status",
    "stage",
    "mode",
    "carriers",
    "tracking_numbers",
    "note",
)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """The value as a spreadsheet shows it as text, never runs it."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def header(zone: tzinfo | None = None) -> list[str]:
    """The columns, placed_at with its zone: "placed_at (Europe/Paris)"."""
    named = f"placed_at ({shop_time.zone_name(zone)})"
    return [named if column == "placed_at" else column for column in COLUMNS]


def orders_csv(orders: Iterable[TrackedOrder], zone: tzinfo | None = None) -> str:
    """`zone` is the shop's clock; None is the computer's own."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header(zone))
    for tracked in orders:
        shipments = tracked.detail.get("shipments") or []
        writer.writerow(
            safe_cell(cell)
            for cell in [
                tracked.order_po,
                tracked.order_id or "",
                tracked.reference,
                tracked.customer,
                shop_time.exported(tracked.placed_at, zone),
                tracked.item_count,
                "" if tracked.grand_total is None else f"{tracked.grand_total:.2f}",
                tracked.status_label,
                tracked.meaning.stage.title,
                tracked.mode,
                " ".join(dict.fromkeys(str(s.get("carrier") or "") for s in shipments)).strip(),
                " ".join(str(s.get("tracking_number") or "") for s in shipments).strip(),
                tracked.note,
            ]
        )
    return out.getvalue()
