"""The one path a placed order travels, whoever sends it (the New order tab, the import).

Drafts go through the outbox in a worker; once the send is over, however it ended (done,
refused, failed, cancelled between batches), `placed` announces every draft of it that
FinerWorks now has, so the Orders tab records them at once instead of waiting for a refresh.
The send's job belongs to the sender, not to the window that asked: closing the import
dialog mid-send still records what was placed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal, Slot

from fwdesk.core.drafts import SUBMITTED, SUBMITTING, UNKNOWN, Draft, DraftStore
from fwdesk.core.outbox import SendReport, recover_drafts, send_drafts
from fwdesk.core.payment import Payment
from fwdesk.core.store import Store
from fwdesk.ui.work.jobs import Job, JobRunner
from fwdesk.ui.work.lanes import Priority


class _Asker(QObject):
    """The window that asked for a send, and its handlers, forgotten if it closes."""

    def __init__(self, owner: QObject, done, failed, progress) -> None:
        super().__init__()
        self.done, self.failed, self.progress = done, failed, progress
        owner.destroyed.connect(self._gone)

    @Slot()
    def _gone(self) -> None:
        self.done = self.failed = self.progress = None


class OrderSender(QObject):
    placed = Signal(list)
    recovered = Signal()
    """Interrupted sends were settled: the drafts' states may have changed."""
    """Drafts FinerWorks has just placed (a list of Draft)."""

    def __init__(self, service: JobRunner, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._store = store

    def use_source(self, service: JobRunner, store: Store) -> None:
        self._service = service
        self._store = store

    def send(
        self,
        owner: QObject,
        draft_ids: Sequence[int],
        payment: Payment,
        *,
        name: str = "submit order",
        priority: Priority = Priority.INTERACTIVE,
        on_done: Callable[[SendReport], None] | None = None,
        on_failed: Callable[[Exception], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> Job:
        """Sends the drafts; `owner`'s handlers hear how it went. Cancel the returned job to
        stop between batches."""
        store, ids = self._store, list(draft_ids)
        asker = _Asker(owner, on_done, on_failed, on_progress)
        job = Job(
            self,
            name,
            lambda context: send_drafts(context, store, ids, payment),
            priority=priority,
            abortable=False,
        )
        job.on_done(lambda report: asker.done and asker.done(report))
        job.on_failed(lambda error: asker.failed and asker.failed(error))
        job.on_progress(lambda done, total: asker.progress and asker.progress(done, total))
        job.settled.connect(lambda: self._announce(store, ids, asker))
        return job.start(self._service)

    def recover(self) -> Job | None:
        """Drafts left `submitting` or `unknown` by an earlier run, settled before anything is
        sent; the ones FinerWorks has are announced like any placed order. None when no send
        was interrupted. The window asks at start and after each switch, whether or not the
        New order tab is built yet."""
        store = self._store
        if not DraftStore(store).in_states(SUBMITTING, UNKNOWN):
            return None
        job = Job(
            self,
            "recover orders",
            lambda context: recover_drafts(context, store),
            priority=Priority.BACKGROUND,
            abortable=False,
            report=False,
        ).on_done(self._announce_drafts)
        job.settled.connect(self.recovered)
        return job.start(self._service)

    def _announce(self, store: Store, ids: list[int], asker: _Asker) -> None:
        """After a send: its drafts FinerWorks now has (a few rows, read on this thread)."""
        asker.deleteLater()
        if store is not self._store:
            return  # the account was switched meanwhile: the Orders tab shows another one
        drafts = DraftStore(store)
        self._announce_drafts(
            [d for d in (drafts.get(i) for i in ids) if d is not None and d.state == SUBMITTED]
        )

    def _announce_drafts(self, drafts: list[Draft]) -> None:
        if drafts:
            self.placed.emit(drafts)
