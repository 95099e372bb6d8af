"""Sending drafts to FinerWorks so that no order is ever lost or placed twice.

The rules, in order of importance:

* A draft is marked ``submitting`` (committed to disk) before its request leaves, so a crash
  at any moment leaves a trace that is resolved on the next start.
* An answer that may have been lost (timeout, cut connection, 5xx, garbled body, a refused
  payment that may have left an unpaid order) makes the draft ``unknown``. It is never sent
  again until FinerWorks has been asked, by `order_po`, whether it already has the order.
* A refusal of a PO this app sent ("Duplicate order_po", API.md 9.2) is settled the same way:
  the PO is looked up, and the order FinerWorks holds is adopted only when it is this draft's
  (same recipient and items, `order_match`); otherwise the draft says plainly that another
  order uses the PO. Even a request still travelling while we look cannot create a second
  order, because FinerWorks refuses a PO that is in use.
* Any other refusal rejects the draft with the server's reason; in a batch, what FinerWorks
  already has is settled first and the rest are retried one by one, so one bad order does not
  block the others.

Orders are placed with submit_orders_v2, as FinerWorks' own app does, five to a call (the
limit both of its documented limits allow).
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fwdesk.api.errors import (
    ApiError,
    ApiValidationError,
    AuthError,
    BusinessError,
    DuplicatePo,
    NetworkError,
    PaymentFailed,
    RateLimited,
)
from fwdesk.api.limits import SUBMIT_BATCH
from fwdesk.api.orders import Receipt
from fwdesk.core.drafts import DRAFT, REJECTED, SUBMITTED, SUBMITTING, UNKNOWN, Draft, DraftStore
from fwdesk.core.jobs import JobContext
from fwdesk.core.messages import explain
from fwdesk.core.order_match import same_order
from fwdesk.core.payment import CREDITS_FALLBACK, Payment
from fwdesk.core.store import Store

if TYPE_CHECKING:
    from fwdesk.api.client import FinerWorksClient

log = logging.getLogger(__name__)
CLAIM_SECONDS = 120.0
"""How long a sender holds a draft it works on before it must renew the claim (before each
call); more than a call's deadline, so a live sender never loses one mid-call, and short
enough that a crashed one's drafts are free again soon."""
UNEXPECTED = (
    "fwdesk met an unexpected problem while sending; it checks with FinerWorks whether the "
    "order arrived before anything is sent again."
)
ELSEWHERE = (
    "Another fwdesk, in a second window or on a computer sharing this folder, is sending this "
    "order right now; it is not sent twice. Its result shows here when it is done."
)
NOT_RECEIVED = "FinerWorks has not received this order; it will be sent again."
PO_HELD = (
    "FinerWorks says it already has an order with the PO {po}, but does not list it yet; "
    "fwdesk keeps checking before anything is sent again."
)
OTHER_ORDER = (
    "FinerWorks already has a different order under the PO {po}{which}. Give this order a "
    "new PO, then send it again."
)
UNPAID = (
    "Placed, but FinerWorks could not take the payment: {reason} The order waits until it is "
    "paid: update your card or add credits in your FinerWorks account."
)
NOT_PAID = (
    "FinerWorks refused the payment and did not place the order: {reason} Choose another "
    "way to pay, then send it again."
)


@dataclass
class SendReport:
    submitted: list[str] = field(default_factory=list)
    rejected: dict[str, str] = field(default_factory=dict)
    waiting: list[str] = field(default_factory=list)
    """Not placed yet, for reasons that may pass (network, FinerWorks busy, unresolved)."""
    elsewhere: list[str] = field(default_factory=list)
    """Waiting because another sender (a second fwdesk on a shared folder) holds them now."""
    notes: dict[str, str] = field(default_factory=dict)
    """Placed, with something the shop must know (a refused payment: the order waits,
    unpaid)."""


@dataclass(frozen=True)
class _Held:
    """An order FinerWorks holds under a PO; `receipt` is None when only its status was found."""

    order_id: int | None
    confirmation_id: int | None
    receipt: Receipt | None


class Outbox:
    def __init__(
        self,
        drafts: DraftStore,
        *,
        rounds: int = 6,
        sleep: Callable[[float], None] = time.sleep,
        pause: float = 0.5,
        claim_s: float = CLAIM_SECONDS,
    ) -> None:
        """Each outbox is one sender: it claims the drafts it works on (`DraftStore.claim`)
        for `claim_s` at a time, so another process, or another desk on a shared folder,
        never sends them too."""
        self.drafts = drafts
        self.rounds = rounds
        self.sleep = sleep
        self.pause = pause
        self.claim_s = claim_s
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"
        self._held: set[int] = set()

    def _mark(self, draft_ids: list[int], state: str, **changes) -> None:
        held = [i for i in draft_ids if i in self._held]
        if held:
            self.drafts.mark(held, state, owner=self.owner, **changes)

    def _claim(self, draft_ids: Sequence[int]) -> list[int]:
        """Claims (or renews) what no other sender holds; returns what this one holds."""
        if not draft_ids:
            return []
        mine = self.drafts.claim(list(draft_ids), self.owner, self.claim_s)
        self._held.update(mine)
        return mine

    def _release(self, draft_ids: Sequence[int]) -> None:
        if draft_ids:
            self.drafts.release(list(draft_ids), self.owner)
            self._held.difference_update(draft_ids)

    # -- recovery -------------------------------------------------------------------------

    def recover(self, client: FinerWorksClient) -> None:
        """Resolve drafts whose fate is open: left ``submitting`` by a crash, or ``unknown``.
        A draft another live sender holds is its business, not ours."""
        kept = set(self._held)
        mine = set(self._claim([d.id for d in self.drafts.in_states(SUBMITTING, UNKNOWN)]))
        try:
            open_drafts = [
                d for d in self._drafts(sorted(mine)) if d.state in (SUBMITTING, UNKNOWN)
            ]
            if open_drafts:
                if any(d.state == SUBMITTING for d in open_drafts):
                    self._mark([d.id for d in open_drafts if d.state == SUBMITTING], UNKNOWN)
                self.reconcile(client, self._drafts([d.id for d in open_drafts]))
        finally:
            self._release(sorted(mine - kept))

    def reconcile(
        self,
        client: FinerWorksClient,
        drafts: Sequence[Draft],
        *,
        unverified_is_ours: Callable[[Draft], bool] = lambda _draft: True,
        missing_state: str = DRAFT,
    ) -> bool:
        """Ask FinerWorks which of these orders it has. This draft's order: submitted. Another
        order under its PO: rejected, saying so. Not found: `missing_state` (back to draft,
        safe to send). `unverified_is_ours` decides for an order found without a recipient or
        items to compare. Returns False (states untouched) when FinerWorks cannot be asked."""
        still_mine = set(self._claim([d.id for d in drafts]))  # renewed before the lookup
        by_po = {d.order_po: d for d in drafts if d.id in still_mine}
        if not by_po:
            return False
        try:
            held = _look_up(client, list(by_po))
        except ApiError as error:
            log.info("could not reconcile %d orders yet: %s", len(by_po), error)
            return False
        placed, others, missing = [], [], []
        for po, draft in by_po.items():
            found = held.get(po)
            if found is None:
                missing.append(draft)
                continue
            verdict = None if found.receipt is None else same_order(draft, found.receipt)
            ours = unverified_is_ours(draft) if verdict is None else verdict
            (placed if ours else others).append((draft, found))
        if placed:
            self._mark(
                [d.id for d, _found in placed],
                SUBMITTED,
                ids={d.id: (f.order_id, f.confirmation_id) for d, f in placed},
            )
        for draft, found in others:
            which = f" (order {found.order_id})" if found.order_id else ""
            message = OTHER_ORDER.format(po=draft.order_po, which=which)
            self._mark([draft.id], REJECTED, message=message)
        template = NOT_RECEIVED if missing_state == DRAFT else PO_HELD
        for draft in missing:
            self._mark([draft.id], missing_state, message=template.format(po=draft.order_po))
        return True

    # -- sending --------------------------------------------------------------------------

    def send(
        self,
        client: FinerWorksClient,
        draft_ids: Sequence[int],
        progress: Callable[[int, int], None] | None = None,
        *,
        payment: Payment = CREDITS_FALLBACK,
    ) -> SendReport:
        """Place the given drafts, in API-sized batches, retrying what may pass. Test orders
        go with the test token, the others as `payment` says. `progress` is only called
        between batches (never while a batch's fate is open), and may raise to stop."""
        wanted = list(dict.fromkeys(draft_ids))
        mine = self._claim(wanted)
        try:
            self.recover(client)
            self._rounds(client, mine, wanted, payment, progress)
        finally:
            self._release(mine)
        report = self._report(wanted)
        report.elsewhere = [
            d.order_po
            for d in self._drafts(wanted)
            if d.id not in mine and d.order_po in report.waiting
        ]
        return report

    def _rounds(
        self,
        client: FinerWorksClient,
        mine: list[int],
        wanted: list[int],
        payment: Payment,
        progress: Callable[[int, int], None] | None,
    ) -> None:
        for round_number in range(self.rounds):
            pending = [d for d in self._drafts(mine) if d.state in (DRAFT, UNKNOWN)]
            if not pending:
                break
            if round_number:
                self.sleep(self.pause * round_number)
                unknown = [d for d in pending if d.state == UNKNOWN]
                if unknown:
                    # An answer lost in an earlier round, whose check failed too: settled
                    # before anything is sent again, so it is neither resent nor left waiting.
                    self.reconcile(client, unknown)
            batches = self._batches([d for d in self._drafts(mine) if d.state == DRAFT], payment)
            while batches:
                batch, token = batches.pop(0)
                held = set(self._claim([d.id for d in batch]))  # renewed before each call
                batch = [d for d in batch if d.id in held]
                if batch:
                    batches[:0] = [(b, token) for b in self._send_batch(client, batch, token)]
                if progress is not None:
                    done = sum(1 for d in self._drafts(wanted) if d.state in (SUBMITTED, REJECTED))
                    progress(done, len(wanted))

    @staticmethod
    def _batches(ready: list[Draft], payment: Payment) -> list[tuple[list[Draft], str | None]]:
        """One payment token per call, so test orders never share a call with paid ones."""
        groups: dict[str | None, list[Draft]] = {}
        for draft in ready:
            groups.setdefault(payment.token_for(draft.test_mode), []).append(draft)
        return [
            (drafts[i : i + SUBMIT_BATCH], token)
            for token, drafts in groups.items()
            for i in range(0, len(drafts), SUBMIT_BATCH)
        ]

    def _send_batch(
        self, client: FinerWorksClient, batch: list[Draft], token: str | None
    ) -> list[list[Draft]]:
        """Sends one batch; returns batches still to send in this round (a split batch)."""
        ids = [d.id for d in batch]
        self._mark(ids, SUBMITTING)
        try:
            received = client.submit_orders_v2([d.to_order() for d in batch], token)
        except AuthError:
            self._mark(ids, DRAFT, message="FinerWorks did not accept the API keys.")
            raise
        except PaymentFailed as refusal:
            self._unpaid(client, batch, refusal)
            return []
        except (BusinessError, ApiValidationError) as refusal:
            return self._refused(client, batch, refusal)
        except ApiError as error:
            self._lost(client, batch, error)
            return []
        except Exception:
            # A fault of this computer, not an answer: whether anything left is not known, so
            # the drafts are looked up before anything is sent again, never left "submitting".
            self._mark(ids, UNKNOWN, message=UNEXPECTED)
            raise
        confirmed = {r.order_po: r for r in received}
        placed = [d for d in batch if d.order_po in confirmed]
        if placed:
            self._mark(
                [d.id for d in placed],
                SUBMITTED,
                ids={
                    d.id: (
                        confirmed[d.order_po].order_id,
                        confirmed[d.order_po].order_confirmation_id,
                    )
                    for d in placed
                },
            )
        unconfirmed = [d for d in batch if d.order_po not in confirmed]
        if unconfirmed:
            # Test-mode submissions may answer without confirmations: ask by PO.
            self._mark([d.id for d in unconfirmed], UNKNOWN)
            self.reconcile(client, unconfirmed)
        return []

    def _lost(self, client: FinerWorksClient, batch: list[Draft], error: ApiError) -> None:
        ids = [d.id for d in batch]
        if isinstance(error, NetworkError) and not error.may_have_reached_server:
            self._mark(ids, DRAFT, message=explain(error))
            return
        if isinstance(error, RateLimited):
            self._mark(ids, DRAFT, message=explain(error))
            self.sleep(min(error.retry_after or self.pause, 10.0))
            return
        self._mark(ids, UNKNOWN, message=explain(error))
        self.reconcile(client, batch)

    def _unpaid(self, client: FinerWorksClient, batch: list[Draft], refusal: ApiError) -> None:
        """A refused payment may have left the orders on FinerWorks, unpaid: what is there is
        kept as placed (never sent again), what is not is handed back to choose another way."""
        ids = [d.id for d in batch]
        self._mark(ids, UNKNOWN, message=explain(refusal))
        if not self.reconcile(client, batch):
            return
        for draft in self._drafts(ids):
            if draft.state == SUBMITTED:
                message = UNPAID.format(reason=_sentence(refusal.message))
                self._mark([draft.id], SUBMITTED, message=message)
            elif draft.state == DRAFT:
                message = NOT_PAID.format(reason=_sentence(refusal.message))
                self._mark([draft.id], REJECTED, message=message)

    def _refused(
        self, client: FinerWorksClient, batch: list[Draft], refusal: ApiError
    ) -> list[list[Draft]]:
        ids = [d.id for d in batch]
        about_po = _refuses_a_po(refusal, batch)
        if len(batch) > 1 or about_po:
            # Whatever FinerWorks already has of this batch is settled by looking it up; the
            # rest go again one at a time, so each gets its own answer. A PO FinerWorks says
            # it holds is trusted as ours only if this draft was sent before.
            self._mark(ids, UNKNOWN)
            sent_before = {d.id for d in batch if d.attempts > 0}
            settled = self.reconcile(
                client,
                batch,
                unverified_is_ours=lambda d: d.id in sent_before,
                missing_state=UNKNOWN if about_po and len(batch) == 1 else DRAFT,
            )
            if not settled:
                return []
            return [[d] for d in self._drafts(ids) if d.state == DRAFT]
        self._mark(ids, REJECTED, message=_reason(refusal))
        return []

    def _drafts(self, ids: Sequence[int]) -> list[Draft]:
        return [d for d in (self.drafts.get(i) for i in ids) if d is not None]

    def _report(self, wanted: list[int]) -> SendReport:
        report = SendReport()
        for draft in self._drafts(wanted):
            if draft.state == SUBMITTED:
                report.submitted.append(draft.order_po)
                if draft.message:
                    report.notes[draft.order_po] = draft.message
            elif draft.state == REJECTED:
                report.rejected[draft.order_po] = draft.message
            else:
                report.waiting.append(draft.order_po)
        return report


def _look_up(client: FinerWorksClient, pos: list[str]) -> dict[str, _Held]:
    """The orders FinerWorks holds under these POs: list_orders by PO first (it carries the
    recipient and items to compare), then fetch_order_status for any it did not list (test
    orders may not be listed, and a server may ignore the filter)."""
    held = {
        r.order_po: _Held(r.order_id, r.order_confirmation_id, r) for r in client.find_orders(pos)
    }
    rest = [po for po in pos if po not in held]
    if rest:
        for status in client.fetch_order_status(order_pos=rest):
            if status.order_po in rest:
                held.setdefault(
                    status.order_po, _Held(status.order_id, status.order_confirmation_id, None)
                )
    return held


def _refuses_a_po(refusal: ApiError, batch: list[Draft]) -> bool:
    """Whether the refusal is about an order_po being in use: FinerWorks' "Duplicate
    order_po", or any refusal that names the order_po field or one of the batch's POs."""
    if isinstance(refusal, DuplicatePo):
        return True
    if isinstance(refusal, ApiValidationError) and any(
        path.rsplit(".", 1)[-1] == "order_po" for path in refusal.field_errors
    ):
        return True
    return any(d.order_po and d.order_po in refusal.message for d in batch)


def _sentence(text: str) -> str:
    text = text.strip() or "no reason given."
    return text if text.endswith((".", "!", "?")) else text + "."


def _reason(refusal: ApiError) -> str:
    if isinstance(refusal, ApiValidationError) and refusal.field_errors:
        details = "; ".join(
            f"{field_path}: {' '.join(messages)}"
            for field_path, messages in refusal.by_field.items()
        )
        return f"FinerWorks refused the order: {details}"
    return f"FinerWorks refused the order: {refusal.message}"


def send_drafts(
    context: JobContext, store: Store, draft_ids: Sequence[int], payment: Payment
) -> SendReport:
    """The job behind every send (one order from the form, or an imported batch): progress
    is reported between batches, and a cancel stops there, never while a batch's fate is
    open."""
    outbox = Outbox(DraftStore(store), sleep=context.sleep)
    return outbox.send(context.client, draft_ids, context.progress, payment=payment)


def recover_drafts(context: JobContext, store: Store) -> list[Draft]:
    """At start-up: drafts whose sending was interrupted, settled by asking FinerWorks; the
    ones it has are returned, placed."""
    drafts = DraftStore(store)
    open_ids = [d.id for d in drafts.in_states(SUBMITTING, UNKNOWN)]
    Outbox(drafts, sleep=context.sleep).recover(context.client)
    return [d for d in (drafts.get(i) for i in open_ids) if d is not None and d.state == SUBMITTED]
