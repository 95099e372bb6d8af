"""The status table of API.md 9.1: every id means one thing for the shop, whatever its label."""

from __future__ import annotations

import pytest

from fwdesk.core import order_status
from fwdesk.core.order_status import MEANINGS, Stage, display_label, meaning

STAGES = {
    Stage.WAITING: (1, 2, 3, 25),
    Stage.ON_HOLD: (30,),
    Stage.IN_PRODUCTION: (
        *(4, 5, 8, 9, 13, 17, 20, 21, 22, 24, 26, 27, 28, 31, 34, 36, 37, 38),
        *(39, 40, 41, 42, 43, 44, 45, 46, 47, 50),
    ),
    Stage.READY_TO_SHIP: (6, 51),
    Stage.PARTLY_SHIPPED: (48,),
    Stage.SHIPPED: (7,),
    Stage.COMPLETE: (10, 11, 12, 32),
    Stage.CANCELLATION_REQUESTED: (29,),
    Stage.CANCELLED: (14,),
    Stage.NEEDS_ATTENTION: (15, 16, 18, 19, 23, 33, 35, 49),
}


def test_the_table_holds_each_of_the_51_ids_once():
    listed = [status_id for ids in STAGES.values() for status_id in ids]
    assert sorted(listed) == list(range(1, 52))
    assert sorted(MEANINGS) == list(range(1, 52))


@pytest.mark.parametrize(
    ("status_id", "stage"), [(i, stage) for stage, ids in STAGES.items() for i in ids]
)
def test_each_id_means_its_stage(status_id, stage):
    assert meaning(status_id).stage is stage
    assert meaning(status_id).known


@pytest.mark.parametrize("status_id", [10, 11, 12, 32, 14, 19])
def test_finished_orders_are_no_longer_polled(status_id):
    assert meaning(status_id).final


@pytest.mark.parametrize("status_id", [None, 3, 30, 4, 6, 48, 7, 29, 35, 49, 99])
def test_open_orders_are_polled(status_id):
    assert not meaning(status_id).final


def test_every_status_needing_attention_says_what_to_do():
    for status_id in STAGES[Stage.NEEDS_ATTENTION]:
        assert len(meaning(status_id).advice) > 30, status_id
    assert "Change recipient" in meaning(35).advice
    assert "card" in meaning(49).advice
    assert not any(meaning(i).advice for i in (3, 4, 7, 12, 14, 99))


def test_an_id_finerworks_added_later_is_handled_safely():
    unknown = meaning(77)
    assert unknown.stage is Stage.IN_PRODUCTION and not unknown.known and not unknown.final
    assert not order_status.can_hold(77) and not order_status.can_cancel(77)
    assert display_label(77, {77: "Quality Check"}) == "Quality Check"
    assert display_label(77, {}, reported="Quality Check") == "Quality Check"
    assert display_label(77, {}) == "Status 77"


def test_labels_are_shown_but_never_decide():
    reworded = {7: "Dispatched", 30: "Paused by you"}
    assert display_label(7, reworded, reported="Shipped") == "Dispatched"
    assert meaning(7).stage is Stage.SHIPPED
    assert order_status.can_release(30)
    assert display_label(None, reworded) == "Submitted"
    assert display_label(4, {}) == "In production"


@pytest.mark.parametrize(
    ("status_id", "hold", "release", "cancel", "readdress"),
    [
        (None, True, False, True, True),
        (3, True, False, True, True),
        (25, True, False, True, True),
        (30, False, True, True, True),
        (4, False, False, False, False),
        (36, False, False, False, False),
        (6, False, False, False, False),
        (7, False, False, False, False),
        (12, False, False, False, False),
        (14, False, False, False, False),
        (29, False, False, False, False),
        (35, False, False, False, True),
        (49, False, False, True, False),
    ],
)
def test_actions_follow_the_status_id(status_id, hold, release, cancel, readdress):
    assert order_status.can_hold(status_id) is hold
    assert order_status.can_release(status_id) is release
    assert order_status.can_cancel(status_id) is cancel
    assert order_status.can_change_recipient(status_id) is readdress


@pytest.mark.parametrize(
    ("before", "after", "noteworthy"),
    [
        (3, 7, True),
        (4, 48, True),
        (7, 12, True),
        (3, 14, True),
        (6, 35, True),
        (None, 49, True),
        (None, 3, False),
        (3, 13, False),
        (13, 4, False),
        (4, 6, False),
        (3, 30, False),
        (7, 7, False),
        (4, 99, False),
    ],
)
def test_the_shop_is_told_of_parcels_endings_and_problems(before, after, noteworthy):
    assert order_status.is_noteworthy(before, after) is noteworthy


def test_cancelled_orders_cost_nothing():
    assert not order_status.counts_as_spend(14)
    assert not order_status.counts_as_spend(29)
    assert all(order_status.counts_as_spend(i) for i in (None, 3, 7, 12, 49, 99))
