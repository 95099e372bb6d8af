"""The worker lanes: each an `ApiWorker` QObject moved to its own QThread with its own
`FinerWorksClient`, taking jobs one at a time from a queue.

Results travel back as queued signals carrying the job's id; the `ApiService` on the GUI
thread turns them into the job's handlers. Nothing here knows about owners or handlers.
"""

from __future__ import annotations

import enum
import logging
import threading
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from fwdesk.api.errors import ApiError
from fwdesk.core.jobs import JobCancelled
from fwdesk.core.store import STORAGE_ERRORS

if TYPE_CHECKING:
    from fwdesk.api.client import FinerWorksClient
    from fwdesk.ui.work.jobs import Job

log = logging.getLogger(__name__)

EXPECTED_FAILURES = (ApiError, *STORAGE_ERRORS)
"""Failures a job meets in ordinary use (FinerWorks refused or could not be reached, the disk
is full): its owner shows them, in words; only anything else is logged with its traceback."""

ClientFactory = Callable[[Callable[[float], None]], "FinerWorksClient"]
"""Builds a lane's client, given the sleep function its retries must use (so a retry's wait
ends the moment the job is cancelled or the app quits)."""


class Priority(enum.IntEnum):
    INTERACTIVE = 0
    BACKGROUND = 1


class WorkerContext:
    """The `JobContext` of a job running in a lane: the lane's client, and ways to stop."""

    def __init__(self, worker: ApiWorker, job: Job) -> None:
        self._worker = worker
        self._job = job

    @property
    def client(self) -> FinerWorksClient:
        return self._worker.client

    def check(self) -> None:
        if self._job.cancelled.is_set() or self._worker.stopping:
            raise JobCancelled

    def sleep(self, seconds: float) -> None:
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

    def cancel(self, job: Job) -> bool:
        """True when the job was still queued (it will never run, and nothing more is
        heard of it); False when it is running and will report back once it has stopped."""
        with self._condition:
            if job in self._queue:
                self._queue.remove(job)
                return True
            current = self._current
        if current is job:
            self._interrupt.set()
            if job.abortable and self._client is not None:
                self._client.abort()
        return False

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
        result: Any = None
        try:
            if job.cancelled.is_set():
                raise JobCancelled
            result = job.run(WorkerContext(self, job))
        except JobCancelled as cancelled:
            self.failed.emit(job.id, cancelled)
        except EXPECTED_FAILURES as error:
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
