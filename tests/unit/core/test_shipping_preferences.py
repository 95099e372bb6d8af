"""Ranked shipping preferences as FinerWorks keeps them (API.md 9.3)."""

from __future__ import annotations

import pytest

from fwdesk.core.shipping_preferences import checked


def test_preferences_are_kept_in_rank_without_blanks():
    assert checked(["4", " 1 ", ""]) == ["4", "1"]
    assert checked([2]) == ["2"]
    assert checked([]) == []


@pytest.mark.parametrize(
    ("ranked", "says"),
    [
        (["5"], "no shipping preference"),
        (["1", "1"], "only once"),
        (["1", "2", "3", "4"], "at most 3"),
    ],
)
def test_what_finerworks_would_refuse_is_refused_in_words(ranked, says):
    with pytest.raises(ValueError, match=says):
        checked(ranked)
