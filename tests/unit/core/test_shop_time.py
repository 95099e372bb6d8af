"""One clock: FinerWorks' Central-time stamps and this desk's UTC stamps come out as the same
local time, on a fixed zone passed in and on the computer's own (TZ set for the test)."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from fwdesk.core import shop_time

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def computer_zone(monkeypatch):
    """Sets the computer's zone for one test (and puts the real one back after it)."""

    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield use
    monkeypatch.undo()
    time.tzset()


def test_finerworks_and_this_desk_name_one_instant_the_same_way():
    placed_by_finerworks = "2026-11-20T14:37:00-06:00"
    seen_by_this_desk = "2026-11-20T20:37:00+00:00"
    assert shop_time.shown(placed_by_finerworks, PARIS) == "2026-11-20 21:37"
    assert shop_time.shown(seen_by_this_desk, PARIS) == "2026-11-20 21:37"
    assert shop_time.exported(placed_by_finerworks, PARIS) == "2026-11-20 21:37:00"


def test_a_stamp_without_an_offset_is_finerworks_central_time():
    assert shop_time.shown("2026-11-20T14:37:00", PARIS) == "2026-11-20 21:37", "CST, UTC-6"
    assert shop_time.shown("2026-07-01T10:00:00", PARIS) == "2026-07-01 17:00", "CDT, UTC-5"
    assert shop_time.shown("2026-11-20T14:37:00Z", PARIS) == "2026-11-20 15:37"


def test_the_central_rule_matches_the_tz_database():
    chicago = ZoneInfo("America/Chicago")
    wall = datetime(2025, 1, 1)
    while wall.year < 2028:
        in_spring_gap = wall.month == 3 and wall.hour == 2 and wall.day < 15
        if not in_spring_gap:  # 2 a.m. does not exist that night; either reading will do
            assert shop_time.FINERWORKS_ZONE.utcoffset(wall) == chicago.utcoffset(wall), wall
        wall += timedelta(minutes=30)


def test_unknown_times_show_nothing():
    for stamp in ("", None, "garbled", "2026-13-45T10:00:00"):
        assert shop_time.shown(stamp, PARIS) == ""
        assert shop_time.local_day(stamp, PARIS) is None


def test_the_shops_day_is_its_own_and_a_bare_date_stays_as_it_is():
    sunday_night_in_texas = "2026-11-22T18:30:00-06:00"
    assert shop_time.local_day(sunday_night_in_texas, PARIS) == date(2026, 11, 23)
    assert shop_time.local_day("2026-11-22", PARIS) == date(2026, 11, 22)


def test_the_computers_own_zone_is_used_when_none_is_given(computer_zone):
    computer_zone("Asia/Tokyo")
    assert shop_time.shown("2026-11-20T14:37:00-06:00") == "2026-11-21 05:37"
    assert shop_time.zone_name() == "UTC+09:00", "no summer time: the offset is the name"
    computer_zone("Europe/Paris")
    assert shop_time.shown("2026-11-20T14:37:00-06:00") == "2026-11-20 21:37"
    assert shop_time.zone_name() == "Europe/Paris", "with summer time, one offset would lie"


def test_zone_names_of_zones_passed_in():
    assert shop_time.zone_name(UTC) == "UTC"
    assert shop_time.zone_name(PARIS) == "Europe/Paris"
    assert shop_time.zone_name(ZoneInfo("Asia/Kolkata")) == "UTC+05:30"
    assert shop_time.zone_name(ZoneInfo("America/Denver")) == "America/Denver"
