"""Drafts in SQLite and the outbox's state machine, against the in-process sandbox."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sample_orders import AUSTIN, TORONTO
from sandboxes import inprocess_client

from fwdesk.core.drafts import (
    DRAFT,
    REJECTED,
    SUBMITTED,
    SUBMITTING,
    UNKNOWN,
    DraftItem,
    DraftStore,
    DuplicatePo,
)
from fwdesk.core.outbox import Outbox
from fwdesk.core.store import Store
from fwdesk.sandbox.config import SandboxConfig
from fwdesk.sandbox.core import Sandbox
from fwdesk.sandbox.faults import Injected


@pytest.fixture
def drafts(tmp_path) -> DraftStore:
    return DraftStore(Store(tmp_path / "shop.sqlite"))


@pytest.fixture
def world():
    sandbox = Sandbox(SandboxConfig())
    with inprocess_client(sandbox) as api:
        sku = api.list_virtual_inventory(per_page=1).items[0].sku
        yield sandbox, api, sku


def ready(drafts: DraftStore, sku: str, **changes):
    return drafts.create(
        recipient=AUSTIN, items=(DraftItem(sku, 2),), shipping_code="SD", **changes
    )


class ScriptedFaults:
    """Makes the sandbox misbehave on chosen calls only (the nth submit, say)."""

    def __init__(self, sandbox: Sandbox, plan: dict[int, Injected]) -> None:
        self.plan, self.calls = plan, 0
        sandbox.faults.draw = self.draw
        self.sandbox = sandbox
        self.submits = 0

    def draw(self):
        self.calls += 1
        return self.plan.get(self.calls)


def test_pos_are_unique_sequential_and_survive_a_restart(drafts, tmp_path):
    first, second = drafts.create(), drafts.create(prefix="SHOP-")
    assert (first.order_po, second.order_po) == ("SHOP-000001", "SHOP-000002")
    other = drafts.create(prefix="GALLERY-")
    assert other.order_po == "GALLERY-000001"
    edited = drafts.save(replace(first, recipient=replace(AUSTIN, first_name="Ada")))
    reopened = DraftStore(Store(tmp_path / "shop.sqlite"))
    assert reopened.get(first.id).recipient.first_name == "Ada"
    assert reopened.create().order_po == "SHOP-000003"
    with pytest.raises(DuplicatePo):
        reopened.save(replace(edited, order_po=second.order_po))


def test_a_sent_draft_can_no_longer_change(drafts):
    draft = drafts.create()
    drafts.mark([draft.id], SUBMITTING)
    with pytest.raises(ValueError, match="can no longer be changed"):
        drafts.save(replace(draft, gift_message="late edit"))
    assert drafts.get(draft.id).attempts == 1


def test_a_clean_send_places_each_order_once(drafts, world):
    sandbox, api, sku = world
    ids = [ready(drafts, sku).id for _ in range(7)]
    report = Outbox(drafts).send(api, ids)
    assert len(report.submitted) == 7
    assert sorted(o.order_po for o in sandbox.book.orders) == sorted(report.submitted)
    assert all(drafts.get(i).order_id for i in ids)


@pytest.mark.parametrize(
    "fault", [Injected.DROP_AFTER, Injected.TIMEOUT_AFTER, Injected.MALFORMED_AFTER]
)
def test_a_lost_answer_is_looked_up_not_resent(drafts, world, fault):
    sandbox, api, sku = world
    draft = ready(drafts, sku)
    faults = ScriptedFaults(sandbox, {1: fault})
    report = Outbox(drafts).send(api, [draft.id])
    assert report.submitted == [draft.order_po]
    assert [o.order_po for o in sandbox.book.orders] == [draft.order_po]
    assert drafts.get(draft.id).attempts == 1, "looked up by PO, never sent a second time"
    assert faults.calls >= 2


@pytest.mark.parametrize("fault", [Injected.SERVER_ERROR, Injected.TIMEOUT_BEFORE])
def test_a_request_that_never_arrived_is_sent_again_after_the_lookup(drafts, world, fault):
    sandbox, api, sku = world
    draft = ready(drafts, sku)
    ScriptedFaults(sandbox, {1: fault})
    report = Outbox(drafts, sleep=lambda s: None).send(api, [draft.id])
    assert report.submitted == [draft.order_po]
    assert [o.order_po for o in sandbox.book.orders] == [draft.order_po]
    assert drafts.get(draft.id).attempts == 2


def test_one_bad_order_in_a_batch_does_not_block_the_others(drafts, world):
    _sandbox, api, sku = world
    good = [ready(drafts, sku) for _ in range(3)]
    bad = ready(drafts, "AP999999P999999")
    report = Outbox(drafts).send(api, [d.id for d in [*good[:2], bad, good[2]]])
    assert sorted(report.submitted) == sorted(d.order_po for d in good)
    assert drafts.get(bad.id).state == REJECTED
    assert "AP999999P999999" in drafts.get(bad.id).message


def test_field_refusals_are_kept_with_the_draft(drafts, world):
    _sandbox, api, sku = world
    draft = ready(drafts, sku)
    drafts.save(replace(draft, recipient=replace(TORONTO, first_name="A" * 60)))
    Outbox(drafts).send(api, [draft.id])
    stored = drafts.get(draft.id)
    assert stored.state == REJECTED
    assert "first_name" in stored.message and "maximum length of 50" in stored.message


def test_a_po_taken_by_another_order_is_rejected_not_adopted(drafts, world):
    sandbox, api, sku = world
    from sample_orders import order

    api.submit_orders([order("SHOP-000001", sku)])  # placed elsewhere, e.g. the website
    draft = ready(drafts, sku)
    assert draft.order_po == "SHOP-000001"
    Outbox(drafts).send(api, [draft.id])
    stored = drafts.get(draft.id)
    assert stored.state == REJECTED and "different order" in stored.message
    assert len(sandbox.book.orders) == 1


def test_a_crash_mid_send_is_resolved_on_the_next_start(drafts, world):
    sandbox, api, sku = world
    arrived, lost = ready(drafts, sku), ready(drafts, sku)
    api.submit_orders([arrived.to_order()])  # the request got there, then the app died
    drafts.mark([arrived.id, lost.id], SUBMITTING)
    Outbox(drafts).recover(api)
    assert drafts.get(arrived.id).state == SUBMITTED
    assert drafts.get(lost.id).state == DRAFT
    Outbox(drafts).send(api, [lost.id])
    assert sorted(o.order_po for o in sandbox.book.orders) == sorted(
        [arrived.order_po, lost.order_po]
    )


@pytest.mark.parametrize(
    ("fault", "attempts"), [(Injected.DROP_AFTER, 1), (Injected.TIMEOUT_BEFORE, 2)]
)
def test_a_lookup_that_fails_too_is_tried_again_within_the_same_send(
    drafts, world, fault, attempts
):
    sandbox, api, sku = world
    draft = ready(drafts, sku)
    lookup_fails = {n: Injected.SERVER_ERROR for n in range(2, 5)}  # all of its retries
    faults = ScriptedFaults(sandbox, {1: fault, **lookup_fails})
    report = Outbox(drafts, sleep=lambda s: None).send(api, [draft.id])
    assert report.submitted == [draft.order_po], "settled in this send, not left waiting"
    assert [o.order_po for o in sandbox.book.orders] == [draft.order_po]
    assert drafts.get(draft.id).attempts == attempts
    assert faults.calls >= 5


def test_when_finerworks_cannot_be_asked_the_fate_stays_unknown(drafts, world):
    sandbox, api, sku = world
    draft = ready(drafts, sku)
    ScriptedFaults(sandbox, {i: Injected.DROP_AFTER for i in range(1, 50)})
    report = Outbox(drafts, rounds=2, sleep=lambda s: None).send(api, [draft.id])
    assert report.waiting == [draft.order_po]
    assert drafts.get(draft.id).state == UNKNOWN
    assert drafts.get(draft.id).attempts == 1


# -- two senders on one database (a second window, or a desk sharing the folder) ------------


def test_a_claimed_draft_is_left_to_its_sender(drafts, world):
    sandbox, api, sku = world
    draft = ready(drafts, sku)
    other = Outbox(drafts)
    assert drafts.claim([draft.id], other.owner, 60) == [draft.id]
    report = Outbox(drafts).send(api, [draft.id])
    assert report.elsewhere == [draft.order_po] and report.waiting == [draft.order_po]
    assert sandbox.book.orders == [], "nothing sent while another sender holds it"
    assert drafts.get(draft.id).state == DRAFT


def test_a_crashed_senders_claim_runs_out(drafts, world):
    sandbox, api, sku = world
    draft = ready(drafts, sku)
    drafts.claim([draft.id], "crashed-sender", 0.0)  # its time is already up
    drafts.mark([draft.id], SUBMITTING, owner="crashed-sender")
    report = Outbox(drafts).send(api, [draft.id])
    assert report.submitted == [draft.order_po]
    assert [o.order_po for o in sandbox.book.orders] == [draft.order_po]


def test_a_sender_whose_claim_was_taken_changes_nothing(drafts, world):
    _sandbox, _api, sku = world
    draft = ready(drafts, sku)
    drafts.claim([draft.id], "slow", 0.0)
    assert drafts.claim([draft.id], "fast", 60) == [draft.id], "a lapsed claim can be taken"
    drafts.mark([draft.id], SUBMITTING, owner="slow")
    assert drafts.get(draft.id).state == DRAFT
    drafts.mark([draft.id], SUBMITTING, owner="fast")
    assert drafts.get(draft.id).state == SUBMITTING


def test_claims_are_released_when_a_send_ends(drafts, world):
    _sandbox, api, sku = world
    first, second = ready(drafts, sku), ready(drafts, sku)
    Outbox(drafts, rounds=1).send(api, [first.id])
    assert drafts.claim([first.id, second.id], "next", 60) == [second.id], (
        "the placed draft is settled; the other was never held"
    )
    assert drafts.claim([], "next", 60) == []


def test_recovery_leaves_another_senders_open_draft_alone(drafts, world):
    sandbox, api, sku = world
    draft = ready(drafts, sku)
    drafts.claim([draft.id], "live-sender", 60)
    drafts.mark([draft.id], SUBMITTING, owner="live-sender")
    Outbox(drafts).recover(api)
    assert drafts.get(draft.id).state == SUBMITTING, "still in the live sender's hands"
    assert sandbox.book.orders == []


def test_a_key_that_cannot_be_sent_leaves_the_draft_ready_not_submitting(drafts, world):
    """A key from an older fwdesk's keychain that cannot go in a header fails before anything
    leaves: the draft is ready to send again, and its message never holds the key."""
    import httpx

    from fwdesk.api.client import FinerWorksClient
    from fwdesk.api.keys import Credentials

    _sandbox, _api, sku = world
    draft = ready(drafts, sku)
    credentials = object.__new__(Credentials)
    for name, value in (("web_api_key", "clé-secrète"), ("app_key", "app-1234"), ("public", False)):
        object.__setattr__(credentials, name, value)
    sent = []
    transport = httpx.MockTransport(lambda request: sent.append(request))
    with FinerWorksClient(credentials, "https://fw.test/v3/", transport=transport) as client:
        report = Outbox(drafts, rounds=1, sleep=lambda s: None).send(client, [draft.id])
    kept = drafts.get(draft.id)
    assert report.waiting == [draft.order_po] and kept.state == DRAFT and sent == []
    assert "secr" not in kept.message and kept.message
