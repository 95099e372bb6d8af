"""Background work with an owner: the one way the app runs anything off the GUI thread.

A `Job` is built where it is needed, with the widget it belongs to, its handlers and a key, in
the manner of Anki's QueryOp::

    Job(self, "shipping quote", lambda context: quote(context, order), key="quote")
        .on_done(self._quoted).on_failed(self._quote_failed).start(self._service)

Destroying the owner cancels the job, so a closed dialog never hears from its work. A key lets
a new job supersede a live one (a newer quote) or be skipped while one runs (a refresh).
`settled` is emitted once the job is truly over (its handler ran, or it was cancelled and has
stopped), which is what tests wait for instead of sleeping.

`ApiService` runs jobs on two worker lanes (interactive work never queues behind background
work); `SyncRunner` (in `sync.py`) runs them at once in the caller's thread, for tab tests.
"""

from __future__ import annotations

import enum
import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from fwdesk.core.jobs import JobCancelled, JobContext
from fwdesk.core.messages import explain
from fwdesk.ui.work.lanes import ApiWorker, ClientFactory, Priority

log = logging.getLogger(__name__)
_ids = itertools.count(1)


class Clash(enum.Enum):
    """What a job does when another live job has the same key."""

    SUPERSEDE = "supersede"
    """The new job cancels the old one, whose result is never delivered (a newer quote)."""
    SKIP = "skip"
    """The new job is not run while the old one is live (a refresh already on its way)."""


class JobRunner(Protocol):
    def start(self, job: Job) -> Job: ...
    def cancel(self, job: Job) -> None: ...


class Job(QObject):
    settled = Signal()

    def __init__(
        self,
        owner: QObject,
        name: str,
        run: Callable[[JobContext], Any],
        *,
        priority: Priority = Priority.INTERACTIVE,
        key: str | None = None,
        clash: Clash = Clash.SUPERSEDE,
        abortable: bool = True,
        report: bool = True,
    ) -> None:
        """`abortable=False` for writes: a cancel never cuts them off mid-flight, it only
        keeps their result from being delivered. `report=False` keeps a failure out of the
        status bar (a thumbnail that would not load, say)."""
        super().__init__()
        self.id = next(_ids)
        self.name = name
        self.run = run
        self.priority = priority
        self.key = key
        self.clash = clash
        self.abortable = abortable
        self.report = report
        self.cancelled = threading.Event()
        self.skipped = False
        self._done: Callable[[Any], None] | None = None
        self._failed: Callable[[Exception], None] | None = None
        self._progress: Callable[[int, int], None] | None = None
        self._runner: JobRunner | None = None
        self._over = False
        owner.destroyed.connect(self._owner_gone)

    def on_done(self, handler: Callable[[Any], None]) -> Job:
        self._done = handler
        return self

    def on_failed(self, handler: Callable[[Exception], None]) -> Job:
        self._failed = handler
        return self

    def on_progress(self, handler: Callable[[int, int], None]) -> Job:
        self._progress = handler
        return self

    def start(self, runner: JobRunner) -> Job:
        """Hands the job to a runner; returns it, to keep for a later `cancel`."""
        return runner.start(self)

    @property
    def live(self) -> bool:
        """Neither over nor cancelled: its result will still be delivered."""
        return not self._over and not self.cancelled.is_set()

    @property
    def over(self) -> bool:
        return self._over

    @Slot()
    def cancel(self) -> None:
        if self._runner is not None and self.live:
            self._runner.cancel(self)
        else:
            self.cancelled.set()

    @Slot()
    def _owner_gone(self) -> None:
        self._done = self._failed = self._progress = None
        self.cancel()

    # -- called by the runner, on the GUI thread -----------------------------------------

    def deliver(self, result: Any) -> None:
        if self.live and self._done is not None:
            self._done(result)
        self.settle()

    def fail(self, error: Exception) -> None:
        if self.live and not isinstance(error, JobCancelled) and self._failed is not None:
            self._failed(error)
        self.settle()

    def progressed(self, done: int, total: int) -> None:
        if self.live and self._progress is not None:
            self._progress(done, total)

    def settle(self) -> None:
        if not self._over:
            self._over = True
            self.settled.emit()


class JobLedger:
    """The live jobs of a runner, and the rule for keys shared by both runners."""

    def __init__(self) -> None:
        self.jobs: dict[int, Job] = {}

    def admit(self, job: Job, cancel: Callable[[Job], None]) -> bool:
        """False when the job must not run (a live job has its key and it skips)."""
        if job.key is not None:
            rivals = [j for j in self.jobs.values() if j.key == job.key and j.live]
            if rivals and job.clash is Clash.SKIP:
                return False
            for rival in rivals:
                cancel(rival)
        self.jobs[job.id] = job
        return True

    def pending(self) -> int:
        return sum(1 for job in self.jobs.values() if job.live)


def settle_soon(job: Job) -> None:
    """Settles a job that will never run, after the caller had the chance to connect."""
    QTimer.singleShot(0, job.settle)


class ApiService(QObject):
    """The GUI thread's door to the worker lanes."""

    #: A job failed: (job name, message for the status bar).
    job_failed = Signal(str, str)
    #: Number of jobs queued or running, for a busy indicator.
    activity = Signal(int)

    def __init__(self, client_factory: ClientFactory, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ledger = JobLedger()
        self._lanes: dict[Priority, tuple[ApiWorker, QThread]] = {}
        self._start_lanes(client_factory)

    def _start_lanes(self, client_factory: ClientFactory) -> None:
        for priority in Priority:
            worker = ApiWorker(client_factory, priority.name.lower())
            thread = QThread()
            thread.setObjectName(f"fwdesk-{worker.lane}")
            worker.moveToThread(thread)
            thread.started.connect(worker.run)
            worker.finished.connect(self._on_finished)
            worker.failed.connect(self._on_failed)
            worker.progressed.connect(self._on_progress)
            thread.start()
            self._lanes[priority] = (worker, thread)

    def lane(self, priority: Priority) -> ApiWorker:
        return self._lanes[priority][0]

    def start(self, job: Job) -> Job:
        job._runner = self
        if not self._lanes:
            log.debug("%s asked for after shutdown; dropped", job.name)
            job.cancelled.set()
            settle_soon(job)
            return job
        if not self._ledger.admit(job, self.cancel):
            job.skipped = True
            settle_soon(job)
            return job
        self.lane(job.priority).enqueue(job)
        self.activity.emit(self.pending())
        return job

    def cancel(self, job: Job) -> None:
        if job.over or job.cancelled.is_set():
            return
        job.cancelled.set()
        lane = self._lanes.get(job.priority)
        if lane is None or lane[0].cancel(job):
            self._forget(job.id)
            settle_soon(job)

    def pending(self) -> int:
        return self._ledger.pending()

    def restart(self, client_factory: ClientFactory) -> None:
        """Switch to another account: drop every job and start fresh lanes."""
        self.shutdown()
        self._start_lanes(client_factory)

    def shutdown(self, grace_ms: int = 1500) -> bool:
        """Stop both lanes within about `grace_ms`; True when both threads ended."""
        jobs = list(self._ledger.jobs.values())
        self._ledger.jobs.clear()
        for job in jobs:
            job.cancelled.set()
        for worker, _thread in self._lanes.values():
            worker.stop(abort_writes=False)
        ended = all(thread.wait(grace_ms) for _worker, thread in self._lanes.values())
        if not ended:
            # A write was in flight and did not finish in time: cut it. Its order is found
            # again by PO on the next start, so cutting it loses nothing.
            for worker, _thread in self._lanes.values():
                worker.stop(abort_writes=True)
            ended = all(thread.wait(500) for _worker, thread in self._lanes.values())
        if ended:
            for worker, thread in self._lanes.values():
                worker.deleteLater()
                thread.deleteLater()
        else:
            log.warning("a worker thread did not stop in time; leaving it to the process exit")
            _abandoned.extend(self._lanes.values())
        self._lanes = {}
        for job in jobs:
            job.settle()
        self.activity.emit(0)
        return ended

    # -- results, on the GUI thread -------------------------------------------------------

    def _forget(self, job_id: int) -> Job | None:
        job = self._ledger.jobs.pop(job_id, None)
        self.activity.emit(self.pending())
        return job

    @Slot(int, object)
    def _on_finished(self, job_id: int, result: object) -> None:
        job = self._forget(job_id)
        if job is not None:
            job.deliver(result)

    @Slot(int, object)
    def _on_failed(self, job_id: int, error: object) -> None:
        job = self._forget(job_id)
        if job is None:
            return
        assert isinstance(error, Exception)
        if job.live and job.report and not isinstance(error, JobCancelled):
            self.job_failed.emit(job.name, explain(error))
        job.fail(error)

    @Slot(int, int, int)
    def _on_progress(self, job_id: int, done: int, total: int) -> None:
        job = self._ledger.jobs.get(job_id)
        if job is not None:
            job.progressed(done, total)


_abandoned: list[tuple[ApiWorker, QThread]] = []
"""Lanes whose threads outlived shutdown; kept referenced so Qt never destroys a running
QThread (which aborts the process). The app exits the process directly when this is not empty."""


def abandoned_threads() -> bool:
    return any(thread.isRunning() for _worker, thread in _abandoned)
