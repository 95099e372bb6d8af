"""FinerWorks calls off the GUI thread.

`ApiService` lives on the GUI thread and owns two lanes, each an `ApiWorker` QObject moved to
its own QThread with its own `FinerWorksClient`: one for interactive work (a quote while the
user types, a credentials check) and one for background work (catalogue refresh, status
polling). A quote therefore never queues behind a slow refresh. Results travel back as queued
signals to `@Slot` methods of `ApiService`, which hands them to the caller's callbacks on the
GUI thread, unless the job was cancelled or superseded in the meantime: then they vanish.
"""

from __future__ import annotations

import enum
import itertools
import logging
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from fwdesk.api.errors import ApiError
from fwdesk.core.messages import explain

if TYPE_CHECKING:
    from fwdesk.api.client import FinerWorksClient

log = logging.getLogger(__name__)

ClientFactory = Callable[[Callable[[float], None]], "FinerWorksClient"]
"""Builds a lane's client, given the sleep function its retries must use (so a retry's wait
ends the moment the job is cancelled or the app quits)."""


class Priority(enum.IntEnum):
    INTERACTIVE = 0
    BACKGROUND = 1


class JobCancelled(Exception):
    """Raised inside a job that was cancelled, superseded or interrupted by shutdown."""


@dataclass(eq=False)
class Job:
    id: int
    name: str
    run: Callable[[JobContext], Any]
    abortable: bool
    cancelled: threading.Event = field(default_factory=threading.Event)


class JobContext:
    """What a job's code sees in the worker thread: the client, and ways to report and stop."""

    def __init__(self, worker: ApiWorker, job: Job) -> None:
        self._worker = worker
        self._job = job

    @property
    def client(self) -> FinerWorksClient:
        return self._worker.client

    def check(self) -> None:
        """Long jobs call this between steps; it raises once the job should stop."""
        if self._job.cancelled.is_set() or self._worker.stopping:
            raise JobCancelled

    def sleep(self, seconds: float) -> None:
        """A wait that ends (raising JobCancelled) the moment the job is cancelled."""
        self._worker.sleep(seconds)

    def progress(self, done: int, total: int) -> None:
        self.check()
        self._worker.progressed.emit(self._job.id, done, total)


class ApiWorker(QObject):
    """One lane: a queue of jobs run one at a time in the QThread this object is moved to."""

    finished = Signal(int, object)
    failed = Signal(int, object)
    progressed = Signal(int, int, int)

    def __init__(self, client_factory: ClientFactory, lane: str) -> None:
        super().__init__()
        self.lane = lane
        self._factory = client_factory
        self._queue: deque[Job] = deque()
        self._condition = threading.Condition()
        self._current: Job | None = None
        self._stopping = threading.Event()
        self._interrupt = threading.Event()
        self._client: FinerWorksClient | None = None
        self.thread_ident: int | None = None

    @property
    def client(self) -> FinerWorksClient:
        assert self._client is not None, "the lane's client exists while it runs"
        return self._client

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    # -- called from the GUI thread -------------------------------------------------------

    def enqueue(self, job: Job) -> None:
        with self._condition:
            self._queue.append(job)
            self._condition.notify()

    def cancel(self, job_id: int) -> None:
        with self._condition:
            for job in list(self._queue):
                if job.id == job_id:
                    self._queue.remove(job)
                    return
            current = self._current
        if current is not None and current.id == job_id:
            current.cancelled.set()
            self._interrupt.set()
            if current.abortable and self._client is not None:
                self._client.abort()

    def stop(self, *, abort_writes: bool) -> None:
        """Stop taking jobs and cut the running call if it may be cut (or if told to)."""
        self._stopping.set()
        self._interrupt.set()
        with self._condition:
            self._queue.clear()
            self._condition.notify_all()
            current = self._current
        if current is not None and (current.abortable or abort_writes) and self._client:
            self._client.abort()

    # -- the worker thread ----------------------------------------------------------------

    @Slot()
    def run(self) -> None:
        self.thread_ident = threading.get_ident()
        try:
            self._client = self._factory(self.sleep)
            while (job := self._next()) is not None:
                self._execute(job)
        except Exception:  # the loop itself must never die silently
            log.exception("the %s worker stopped unexpectedly", self.lane)
        finally:
            if self._client is not None:
                self._client.close()
            QThread.currentThread().quit()

    def _next(self) -> Job | None:
        with self._condition:
            while not self._queue and not self._stopping.is_set():
                self._condition.wait()
            if self._stopping.is_set():
                return None
            self._current = self._queue.popleft()
            self._interrupt.clear()
            return self._current

    def _execute(self, job: Job) -> None:
        try:
            if job.cancelled.is_set():
                raise JobCancelled
            result = job.run(JobContext(self, job))
        except JobCancelled as cancelled:
            self.failed.emit(job.id, cancelled)
        except ApiError as error:
            self.failed.emit(job.id, error)
        except Exception as error:
            log.exception("job %s failed", job.name)
            self.failed.emit(job.id, error)
        else:
            self.finished.emit(job.id, result)
        finally:
            with self._condition:
                self._current = None

    def sleep(self, seconds: float) -> None:
        if self._interrupt.wait(seconds):
            raise JobCancelled


@dataclass(eq=False)
class _Ticket:
    job: Job
    lane: ApiWorker
    key: str | None
    on_done: Callable[[Any], None] | None
    on_error: Callable[[Exception], None] | None
    on_progress: Callable[[int, int], None] | None
    report: bool = True
    live: bool = True


class ApiService(QObject):
    """The GUI thread's door to the workers."""

    #: A job failed: (job name, message for the status bar).
    job_failed = Signal(str, str)
    #: Number of jobs queued or running, for a busy indicator.
    activity = Signal(int)

    def __init__(self, client_factory: ClientFactory, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._tickets: dict[int, _Ticket] = {}
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

    def submit(
        self,
        name: str,
        run: Callable[[JobContext], Any],
        *,
        priority: Priority = Priority.INTERACTIVE,
        key: str | None = None,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        abortable: bool = True,
        report: bool = True,
    ) -> int:
        """Queue `run(context)` on a lane. A job with the same `key` as an earlier live one
        supersedes it: the earlier one is cancelled and its result is never delivered.
        Writes must pass ``abortable=False`` so a cancel never cuts them off mid-flight;
        ``report=False`` keeps a failure out of the status bar (thumbnails, say)."""
        if not self._lanes:
            log.debug("%s asked for after shutdown; dropped", name)
            return 0
        if key is not None:
            for job_id, ticket in list(self._tickets.items()):
                if ticket.key == key and ticket.live:
                    self.cancel(job_id)
        worker = self.lane(priority)
        job = Job(id=next(self._ids), name=name, run=run, abortable=abortable)
        self._tickets[job.id] = _Ticket(job, worker, key, on_done, on_error, on_progress, report)
        worker.enqueue(job)
        self.activity.emit(self.pending())
        return job.id

    def cancel(self, job_id: int) -> None:
        ticket = self._tickets.get(job_id)
        if ticket is None or not ticket.live:
            return
        ticket.live = False
        ticket.job.cancelled.set()
        ticket.lane.cancel(job_id)

    def pending(self) -> int:
        return sum(1 for ticket in self._tickets.values() if ticket.live)

    def restart(self, client_factory: ClientFactory) -> None:
        """Switch to another account: drop every job and start fresh lanes."""
        self.shutdown()
        self._start_lanes(client_factory)

    def shutdown(self, grace_ms: int = 1500) -> bool:
        """Stop both lanes within about `grace_ms`; True when both threads ended."""
        for ticket in self._tickets.values():
            ticket.live = False
        self._tickets.clear()
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
        self.activity.emit(0)
        return ended

    # -- results, on the GUI thread ---------------------------------------------------------

    def _settle(self, job_id: int) -> _Ticket | None:
        ticket = self._tickets.pop(job_id, None)
        self.activity.emit(self.pending())
        return ticket if ticket is not None and ticket.live else None

    @Slot(int, object)
    def _on_finished(self, job_id: int, result: object) -> None:
        ticket = self._settle(job_id)
        if ticket is not None and ticket.on_done is not None:
            ticket.on_done(result)

    @Slot(int, object)
    def _on_failed(self, job_id: int, error: object) -> None:
        ticket = self._settle(job_id)
        if ticket is None or isinstance(error, JobCancelled):
            return
        assert isinstance(error, Exception)
        if ticket.report:
            self.job_failed.emit(ticket.job.name, explain(error))
        if ticket.on_error is not None:
            ticket.on_error(error)

    @Slot(int, int, int)
    def _on_progress(self, job_id: int, done: int, total: int) -> None:
        ticket = self._tickets.get(job_id)
        if ticket is not None and ticket.live and ticket.on_progress is not None:
            ticket.on_progress(done, total)


_abandoned: list[tuple[ApiWorker, QThread]] = []
"""Lanes whose threads outlived shutdown; kept referenced so Qt never destroys a running
QThread (which aborts the process). The app exits the process directly when this is not empty."""


def abandoned_threads() -> bool:
    return any(thread.isRunning() for _worker, thread in _abandoned)
