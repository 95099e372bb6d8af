"""Orders to a spreadsheet, with their tracking numbers, for the shop's own records."""

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


def orders_csv(orders: Iterable[TrackedOrder]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for tracked in orders:
        shipments = tracked.detail.get("shipments") or []
        writer.writerow(
            [
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
