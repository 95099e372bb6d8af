"""Orders to a spreadsheet, with their tracking numbers, for the shop's own records.

Every cell that a spreadsheet would run as a formula (one starting with =, +, -, @, a tab or a
carriage return: OWASP's CSV injection) is written with a leading apostrophe, whatever it came
from: a customer's name typed on a web shop, or a carrier or status text from FinerWorks.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from fwdesk.core.order_history import TrackedOrder

HEADER = (
    "order_po",
    "order_id",
    "customer",
    "placed_at",
    "items",
    "grand_total",
    "status",
    "stage",
    "mode",
    "carriers",
    "tracking_numbers",
)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """The value as a spreadsheet shows it as text, never runs it."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def orders_csv(orders: Iterable[TrackedOrder]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for tracked in orders:
        shipments = tracked.detail.get("shipments") or []
        writer.writerow(
            safe_cell(cell)
            for cell in [
                tracked.order_po,
                tracked.order_id or "",
                tracked.customer,
                tracked.placed_at,
                tracked.item_count,
                "" if tracked.grand_total is None else f"{tracked.grand_total:.2f}",
                tracked.status_label,
                tracked.meaning.stage.title,
                "test" if tracked.test_mode else "live",
                " ".join(dict.fromkeys(str(s.get("carrier") or "") for s in shipments)).strip(),
                " ".join(str(s.get("tracking_number") or "") for s in shipments).strip(),
            ]
        )
    return out.getvalue()
