"""What each FinerWorks order status means for the shop, decided by `order_status_id` alone.

FinerWorks' labels repeat (24 ids are all "Processing") and may be reworded, so nothing in the
app decides by a label: polling, the actions offered, notifications, the status filter, the
chart and the export all ask this table. The ids and their meanings follow API.md 9.1, the
status list of FinerWorks' own Order Fulfillment app. Labels come from
`list_order_status_definitions` and are shown, never read.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Stage(enum.Enum):
    """Where an order is, in the words a shop uses; the value is the stage's title."""

    NEEDS_ATTENTION = "Needs attention"
    WAITING = "Waiting"
    ON_HOLD = "On hold"
    IN_PRODUCTION = "In production"
    READY_TO_SHIP = "Ready to ship"
    PARTLY_SHIPPED = "Partly shipped"
    SHIPPED = "Shipped"
    COMPLETE = "Complete"
    CANCELLATION_REQUESTED = "Cancellation requested"
    CANCELLED = "Cancelled"

    @property
    def title(self) -> str:
        return self.value


STAGE_ORDER = tuple(Stage)
"""The order stages are listed in (filter, counts): what needs the shop first."""


@dataclass(frozen=True)
class Meaning:
    stage: Stage
    advice: str = ""
    """What the shop should do about it; set for the statuses that need attention."""
    final: bool = False
    """The order will not change again, so it is no longer polled."""
    known: bool = True
    """False for an id this table has never heard of (FinerWorks added one)."""


_W, _H, _P = Stage.WAITING, Stage.ON_HOLD, Stage.IN_PRODUCTION
_ATTENTION = Stage.NEEDS_ATTENTION

_PRODUCTION_IDS = (
    *(4, 5, 8, 9, 20, 21, 22, 24, 27, 28, 31, 38, 39, 40, 41, 42, 43, 44, 47, 50),  # processing
    *(13, 17),  # forwarded to production, design phase
    *(26, 36, 37),  # framing
    *(34, 45, 46),  # priority processing
)

_ADVICE = {
    35: "The carrier rejected the delivery address. Confirm it with your customer, then use "
    "Change recipient to send the corrected address.",
    49: "The payment failed. Update your card or add credits in your FinerWorks account; the "
    "order waits until it is paid (or cancel it).",
    23: "FinerWorks marked this as a duplicate of another order. Check your orders, and contact "
    "FinerWorks support about the one that should not be printed.",
    15: "A replacement was requested for this order. FinerWorks support will be in touch if "
    "they need anything from you.",
    16: "FinerWorks is making a replacement for this order. Nothing to do unless they contact you.",
    33: "The parcel was returned to FinerWorks. Confirm the address with your customer and "
    "contact FinerWorks support to have it sent again.",
    18: "FinerWorks refunded part of this order. Your FinerWorks account has the details.",
    19: "FinerWorks refunded this order in full. Your FinerWorks account has the details.",
}

MEANINGS: dict[int, Meaning] = {
    **{status_id: Meaning(_W) for status_id in (1, 2, 3, 25)},
    30: Meaning(_H),
    **{status_id: Meaning(_P) for status_id in _PRODUCTION_IDS},
    6: Meaning(Stage.READY_TO_SHIP),
    51: Meaning(Stage.READY_TO_SHIP),
    48: Meaning(Stage.PARTLY_SHIPPED),
    7: Meaning(Stage.SHIPPED),
    **{status_id: Meaning(Stage.COMPLETE, final=True) for status_id in (10, 11, 12, 32)},
    29: Meaning(Stage.CANCELLATION_REQUESTED),
    14: Meaning(Stage.CANCELLED, final=True),
    **{
        status_id: Meaning(_ATTENTION, advice, final=status_id == 19)
        for status_id, advice in _ADVICE.items()
    },
}
"""Every id of API.md 9.1."""

SUBMITTED = Meaning(_W)
"""An order this app placed that FinerWorks has not yet given a status."""
UNKNOWN = Meaning(_P, known=False)
"""An id FinerWorks added after this table was written: shown with FinerWorks' own label,
treated as in production (so nothing is offered that production would refuse) and polled."""

SUBMITTED_LABEL = "Submitted"

_HOLDABLE = frozenset({_W})
_CANCELLABLE = frozenset({_W, _H})
_CANCELLABLE_IDS = frozenset({49})
"""An unpaid order has not gone into production, so it may still be cancelled."""
_READDRESSABLE_IDS = frozenset({35})
"""A rejected address is fixed by sending the corrected one."""
_NOTEWORTHY = frozenset(
    {Stage.NEEDS_ATTENTION, Stage.PARTLY_SHIPPED, Stage.SHIPPED, Stage.COMPLETE, Stage.CANCELLED}
)


def meaning(status_id: int | None) -> Meaning:
    if status_id is None:
        return SUBMITTED
    return MEANINGS.get(status_id, UNKNOWN)


def can_hold(status_id: int | None) -> bool:
    return meaning(status_id).stage in _HOLDABLE


def can_release(status_id: int | None) -> bool:
    return meaning(status_id).stage is Stage.ON_HOLD


def can_cancel(status_id: int | None) -> bool:
    return meaning(status_id).stage in _CANCELLABLE or status_id in _CANCELLABLE_IDS


def can_change_recipient(status_id: int | None) -> bool:
    return meaning(status_id).stage in _CANCELLABLE or status_id in _READDRESSABLE_IDS


def is_noteworthy(before: int | None, after: int | None) -> bool:
    """Whether a move from `before` to `after` is worth telling the shop about (a parcel left,
    an order finished or was cancelled, or something needs the shop)."""
    if before == after:
        return False
    return meaning(after).stage in _NOTEWORTHY


def counts_as_spend(status_id: int | None) -> bool:
    """Cancelled orders (or ones being cancelled) cost the shop nothing."""
    return meaning(status_id).stage not in (Stage.CANCELLED, Stage.CANCELLATION_REQUESTED)


def display_label(status_id: int | None, labels: dict[int, str], reported: str = "") -> str:
    """The status as FinerWorks names it: its definitions first, then the label the order came
    with, then the stage's own title."""
    if status_id is None:
        return reported or SUBMITTED_LABEL
    found = meaning(status_id)
    fallback = found.stage.title if found.known else f"Status {status_id}"
    return labels.get(status_id) or reported or fallback
