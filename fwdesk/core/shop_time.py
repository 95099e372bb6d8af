"""One clock for the shop: every time the Orders tab shows or exports is the computer's own.

FinerWorks stamps orders and shipments in its own US Central time, with an offset ("-06:00",
"-05:00" in summer), and this app stamps what it sees in UTC. Shown as written, one order was
"placed 14:37" and "first seen 20:37" on the same screen. Every stamp therefore passes through
here on its way to the screen or a spreadsheet. A stamp without an offset can only be
FinerWorks' (this app always writes one), so it is read as Central time.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ZERO = timedelta(0)
HOUR = timedelta(hours=1)


class UsCentral(tzinfo):
    """FinerWorks' clock (Texas): UTC-6, and UTC-5 from the second Sunday of March to the
    first Sunday of November at 2 a.m. (the US rule since 2007). Written out because Windows
    has no time zone database for `zoneinfo` to read."""

    def utcoffset(self, moment: datetime | None) -> timedelta:
        return -6 * HOUR + self.dst(moment)

    def dst(self, moment: datetime | None) -> timedelta:
        if moment is None:
            return ZERO
        wall = moment.replace(tzinfo=None)
        begins = _sunday(wall.year, 3, 2).replace(hour=2)
        ends = _sunday(wall.year, 11, 1).replace(hour=2)
        return HOUR if begins <= wall < ends else ZERO

    def tzname(self, moment: datetime | None) -> str:
        return "CDT" if self.dst(moment) else "CST"


FINERWORKS_ZONE = UsCentral()


def _sunday(year: int, month: int, nth: int) -> datetime:
    first = datetime(year, month, 1)
    return first + timedelta(days=(6 - first.weekday()) % 7 + 7 * (nth - 1))


def moment(stamp: str | None) -> datetime | None:
    """The instant a stored stamp names; None for an empty or unreadable one (an order
    FinerWorks listed without a date)."""
    if not stamp:
        return None
    try:
        parsed = datetime.fromisoformat(stamp.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=FINERWORKS_ZONE)


def local(stamp: str | None, zone: tzinfo | None = None) -> datetime | None:
    """The stamp on the shop's clock (`zone`, or the computer's own zone when None)."""
    instant = moment(stamp)
    return None if instant is None else instant.astimezone(zone)


def local_day(stamp: str | None, zone: tzinfo | None = None) -> date | None:
    """The shop's calendar day of a stamp; a bare date ("2026-11-27") is that day as it is,
    since a day has no time of its own to convert."""
    if stamp and len(stamp.strip()) == 10:
        try:
            return date.fromisoformat(stamp.strip())
        except ValueError:
            return None
    shown = local(stamp, zone)
    return None if shown is None else shown.date()


def shown(stamp: str | None, zone: tzinfo | None = None) -> str:
    """ "2026-11-27 14:37" on the shop's clock; "" when the stamp says no time."""
    when = local(stamp, zone)
    return "" if when is None else when.strftime("%Y-%m-%d %H:%M")


def exported(stamp: str | None, zone: tzinfo | None = None) -> str:
    """ "2026-11-27 14:37:05": a spreadsheet reads it as a date and time; the column's header
    names the zone."""
    when = local(stamp, zone)
    return "" if when is None else when.strftime("%Y-%m-%d %H:%M:%S")


def shown_day(stamp: str | None, zone: tzinfo | None = None) -> str:
    day = local_day(stamp, zone)
    return "" if day is None else day.isoformat()


def zone_name(zone: tzinfo | None = None) -> str:
    """What the shop's clock is called in a column header: its offset where it never
    changes ("UTC", "UTC+09:00"), and otherwise its name ("Europe/Paris"), since one offset
    would be wrong for half the year's orders."""
    winter, summer = (_offset(datetime(time.localtime().tm_year, m, 1), zone) for m in (1, 7))
    if winter == summer:
        return _offset_name(winter)
    named = getattr(zone, "key", None) if zone is not None else _system_zone_key()
    return named or f"{_offset_name(winter)}/{_offset_name(summer)[3:]}"


def _offset(wall: datetime, zone: tzinfo | None) -> timedelta:
    at = wall.replace(tzinfo=UTC).astimezone(zone)
    return at.utcoffset() or ZERO


def _offset_name(offset: timedelta) -> str:
    if not offset:
        return "UTC"
    sign = "+" if offset > ZERO else "-"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _system_zone_key() -> str | None:
    """The computer's zone by its tz database name, where the system says it (TZ, or the
    /etc/localtime link of Linux and macOS); None elsewhere (Windows)."""
    key = os.environ.get("TZ", "").lstrip(":")
    link = Path("/etc/localtime")
    if not key and link.is_symlink():
        target = str(link.resolve())
        key = target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else ""
    if not key:
        return None
    try:
        return ZoneInfo(key).key
    except (ZoneInfoNotFoundError, ValueError):
        return None
