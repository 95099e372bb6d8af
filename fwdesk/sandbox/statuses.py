"""FinerWorks' order status ids (API.md 9.1) and the few the simulator's timeline uses.

The table itself lives in ``data/statuses.json`` so it can be compared with the published list
line by line; the names below exist so that the timeline reads as prose instead of numbers.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

RECEIVED = 3
FORWARDED = 13
PROCESSING = 4
FRAMING = 36
READY_TO_SHIP = 6
PARTLY_SHIPPED = 48
SHIPPED = 7
COMPLETE = 12
REJECTED_ADDRESS = 35
PAYMENT_FAILED = 49
# 9.1 does not show which ids update_order's hold and cancel lead to; these are the nearest
# labels in the table, and the choice is uncertain.
CUSTOMER_HOLD = 30
CANCELLATION_REQUEST = 29
CANCELLED = 14

EDITABLE = frozenset({1, 2, RECEIVED, 25, CUSTOMER_HOLD, REJECTED_ADDRESS, PAYMENT_FAILED})
"""Statuses in which update_order and update_customer are still allowed: nothing has gone to
production yet, or the order waits for exactly the fix those calls make (a new recipient, a
release)."""

IN_PRODUCTION = frozenset({FORWARDED, PROCESSING, FRAMING, READY_TO_SHIP, PARTLY_SHIPPED})
"""What the ``processing`` flag of an order_status reports as true."""


def _load_definitions() -> list[dict[str, Any]]:
    text = resources.files("fwdesk.sandbox").joinpath("data/statuses.json").read_text("utf-8")
    return [
        {"order_status_id": d["order_status_id"], "order_status_label": d["order_status_label"]}
        for d in json.loads(text)["definitions"]
    ]


DEFINITIONS = _load_definitions()
LABELS = {d["order_status_id"]: d["order_status_label"] for d in DEFINITIONS}


def label(status_id: int) -> str:
    """The label of an id; a pinned id outside the table (a test of the client's unknown-id
    handling) reads as plainly unknown rather than crashing the answer."""
    return LABELS.get(status_id, f"Unknown status {status_id}")
