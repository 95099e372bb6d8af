"""The account's ranked shipping preferences, which FinerWorks uses to pick the default
option of a quote (`preferred_option`, API.md 9.3)."""

from __future__ import annotations

from collections.abc import Sequence

PREFERENCES = {
    "1": "Most economical",
    "2": "Ship prints rolled",
    "3": "Ship prints flat",
    "4": "Fastest",
}
"""FinerWorks' preference ids (strings) and what its own app calls them."""
MOST = 3


def checked(ranked: Sequence[str]) -> list[str]:
    """The preferences as FinerWorks takes them: known ids, no repeats, at most three, highest
    first. Raises ValueError with a sentence for the shop otherwise."""
    chosen = [str(p).strip() for p in ranked if str(p).strip()]
    unknown = [p for p in chosen if p not in PREFERENCES]
    if unknown:
        raise ValueError(f"FinerWorks has no shipping preference {unknown[0]!r}.")
    if len(set(chosen)) != len(chosen):
        raise ValueError("Each preference can be chosen only once.")
    if len(chosen) > MOST:
        raise ValueError(f"FinerWorks keeps at most {MOST} shipping preferences.")
    return chosen
