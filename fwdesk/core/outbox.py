"""Sending drafts to FinerWorks so that no order is ever lost or placed twice.

The rules, in order of importance:

* A draft is marked ``submitting`` (committed to disk) before its request leaves, so a crash
  at any moment leaves a trace that is resolved on the next start.
* An answer that may have been lost (timeout, cut connection, 5xx, garbled body) makes the
  draft ``unknown``. It is never sent again until FinerWorks has been asked, by `order_po`,
  whether it already has the order. FinerWorks refuses a PO that is already in use, so even a
  request still travelling while we look cannot create a second order.
* A refusal (validation or business error) rejects the draft with the server's reason; in a
  batch, the orders are retried one by one so one bad order does not block the others.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fwdesk.api.errors import (
    ApiError,
    ApiValidationError,
    AuthError,
    BusinessError,
    NetworkError,
    RateLimited,
)
from fwdesk.api.limits import SUBMIT_BATCH
from fwdesk.core.drafts import DRAFT, REJECTED, SUBMITTED, SUBMITTING, UNKNOWN, Draft, DraftStore
from fwdesk.core.messages import explain

if TYPE_CHECKING:
    from fwdesk.api.client import FinerWorksClient

log = logging.getLogger(__name__)
ALREADY_USED = "already used"
NOT_RECEIVED = "FinerWorks has not received this order; it will be sent again."


@dataclass
class SendReport:
    submitted: list[str] = field(default_factory=list)
    rejected: dict[str, str] = field(default_factory=dict)
    waiting: list[str] = field(default_factory=list)
    """Not placed yet, for reasons that may pass (network, FinerWorks busy, unresolved)."""


class Outbox:
    def __init__(
        self,
        drafts: DraftStore,
        *,
        rounds: int = 6,
        sleep: Callable[[float], None] = time.sleep,
        pause: float = 0.5,
    ) -> None:
        self.drafts = drafts
        self.rounds = rounds
        self.sleep = sleep
        self.pause = pause

    # -- recovery -------------------------------------------------------------------------

    def recover(self, client: FinerWorksClient) -> None:
        """Resolve drafts whose fate is open: left ``submitting`` by a crash, or ``unknown``."""
        open_drafts = self.drafts.in_states(SUBMITTING, UNKNOWN)
        if open_drafts:
            if any(d.state == SUBMITTING for d in open_drafts):
                self.drafts.mark([d.id for d in open_drafts if d.state == SUBMITTING], UNKNOWN)
            self.reconcile(client, open_drafts)

    def reconcile(self, client: FinerWorksClient, drafts: Sequence[Draft]) -> bool:
        """Ask FinerWorks which of these orders it has. Found: submitted. Not found: back to
        draft, safe to send. Returns False (states untouched) when FinerWorks cannot be asked."""
        by_po = {d.order_po: d for d in drafts}
        try:
            statuses = client.fetch_order_status(order_pos=list(by_po))
        except ApiError as error:
            log.info("could not reconcile %d orders yet: %s", len(by_po), error)
            return False
        found = {s.order_po: s for s in statuses if s.order_po in by_po}
        placed = [by_po[po].id for po in found]
        ids = {by_po[po].id: (s.order_id, s.order_confirmation_id) for po, s in found.items()}
        if placed:
            self.drafts.mark(placed, SUBMITTED, ids=ids)
        missing = [d.id for po, d in by_po.items() if po not in found]
        if missing:
            self.drafts.mark(missing, DRAFT, message=NOT_RECEIVED)
        return True

    # -- sending --------------------------------------------------------------------------

    def send(
        self,
        client: FinerWorksClient,
        draft_ids: Sequence[int],
        progress: Callable[[int, int], None] | None = None,
    ) -> SendReport:
        """Place the given drafts, in API-sized batches, retrying what may pass. `progress`
        is only called between batches (never while a batch's fate is open), and may raise
        to stop."""
        wanted = list(dict.fromkeys(draft_ids))
        self.recover(client)
        for round_number in range(self.rounds):
            pending = [d for d in self._drafts(wanted) if d.state in (DRAFT, UNKNOWN)]
            if not pending:
                break
            if round_number:
                self.sleep(self.pause * round_number)
                unknown = [d for d in pending if d.state == UNKNOWN]
                if unknown:
                    # An answer lost in an earlier round, whose check failed too: settled
                    # before anything is sent again, so it is neither resent nor left waiting.
                    self.reconcile(client, unknown)
            ready = [d for d in self._drafts(wanted) if d.state == DRAFT]
            batches = [ready[i : i + SUBMIT_BATCH] for i in range(0, len(ready), SUBMIT_BATCH)]
            while batches:
                batch = batches.pop(0)
                batches[:0] = self._send_batch(client, batch)
                if progress is not None:
                    done = sum(1 for d in self._drafts(wanted) if d.state in (SUBMITTED, REJECTED))
                    progress(done, len(wanted))
        return self._report(wanted)

    def _send_batch(self, client: FinerWorksClient, batch: list[Draft]) -> list[list[Draft]]:
        """Sends one batch; returns batches still to send in this round (a split batch)."""
        ids = [d.id for d in batch]
        self.drafts.mark(ids, SUBMITTING)
        try:
            received = client.submit_orders([d.to_order() for d in batch])
        except AuthError:
            self.drafts.mark(ids, DRAFT, message="FinerWorks did not accept the API keys.")
            raise
        except (BusinessError, ApiValidationError) as refusal:
            return self._refused(client, batch, refusal)
        except ApiError as error:
            self._lost(client, batch, error)
            return []
        confirmed = {r.order_po: r for r in received}
        placed = [d for d in batch if d.order_po in confirmed]
        if placed:
            self.drafts.mark(
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
            self.drafts.mark([d.id for d in unconfirmed], UNKNOWN)
            self.reconcile(client, unconfirmed)
        return []

    def _lost(self, client: FinerWorksClient, batch: list[Draft], error: ApiError) -> None:
        ids = [d.id for d in batch]
        if isinstance(error, NetworkError) and not error.may_have_reached_server:
            self.drafts.mark(ids, DRAFT, message=explain(error))
            return
        if isinstance(error, RateLimited):
            self.drafts.mark(ids, DRAFT, message=explain(error))
            self.sleep(min(error.retry_after or self.pause, 10.0))
            return
        self.drafts.mark(ids, UNKNOWN, message=explain(error))
        self.reconcile(client, batch)

    def _refused(
        self, client: FinerWorksClient, batch: list[Draft], refusal: ApiError
    ) -> list[list[Draft]]:
        ids = [d.id for d in batch]
        if len(batch) > 1:
            # Which order was refused? Whatever FinerWorks already has stays placed; the rest
            # go again one at a time, so each gets its own answer.
            self.drafts.mark(ids, UNKNOWN)
            if not self.reconcile(client, batch):
                return []
            return [[d] for d in self._drafts(ids) if d.state == DRAFT]
        if ALREADY_USED in refusal.message.lower() and batch[0].attempts > 0:
            self.drafts.mark(ids, UNKNOWN)
            self.reconcile(client, batch)
            if self._drafts(ids)[0].state == SUBMITTED:
                return []
        self.drafts.mark(ids, REJECTED, message=_reason(refusal))
        return []

    def _drafts(self, ids: Sequence[int]) -> list[Draft]:
        return [d for d in (self.drafts.get(i) for i in ids) if d is not None]

    def _report(self, wanted: list[int]) -> SendReport:
        report = SendReport()
        for draft in self._drafts(wanted):
            if draft.state == SUBMITTED:
                report.submitted.append(draft.order_po)
            elif draft.state == REJECTED:
                report.rejected[draft.order_po] = draft.message
            else:
                report.waiting.append(draft.order_po)
        return report


def _reason(refusal: ApiError) -> str:
    if isinstance(refusal, ApiValidationError) and refusal.field_errors:
        details = "; ".join(
            f"{field_path.split('.', 1)[-1]}: {' '.join(messages)}"
            for field_path, messages in refusal.field_errors.items()
        )
        return f"FinerWorks refused the order: {details}"
    return f"FinerWorks refused the order: {refusal.message}"
