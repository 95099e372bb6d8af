"""Money as the shop reads it. FinerWorks prices everything in US dollars (API.md 2.3)."""

from __future__ import annotations

from decimal import Decimal

UNKNOWN = "—"


def money(value: Decimal | None) -> str:
    """``$1,234.50``; a dash when there is no figure (not quoted yet, not known)."""
    return UNKNOWN if value is None else f"${value:,.2f}"
