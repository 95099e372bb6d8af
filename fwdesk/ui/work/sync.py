"""A runner that does each job at once, in the caller's thread (Picard's synchronous
executor): tab tests then run the tab's real jobs deterministically, with no thread to wait
for. The app itself always runs jobs on the worker lanes (`ApiService`)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from fwdesk.core.jobs import JobCancelled
from fwdesk.core.messages import explain
from fwdesk.ui.work.jobs import Job, JobLedger, settle_soon
from fwdesk.ui.work.lanes import EXPECTED_FAILURES

if TYPE_CHECKING:
    from fwdesk.api.client import FinerWorksClient

log = logging.getLogger(__name__)


class SyncContext:
    def __init__(self, client: FinerWorksClient, job: Job) -> None:
        self.client = client
        self._job = job

    def check(self) -> None:
        if self._job.cancelled.is_set():
            raise JobCancelled

    def sleep(self, seconds: float) -> None:
        self.check()

    def progress(self, done: int, total: int) -> None:
        self.check()
        self._job.progressed(done, total)


class SyncRunner(QObject):
    job_failed = Signal(str, str)
    activity = Signal(int)

    def __init__(self, client: FinerWorksClient, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self._ledger = JobLedger()
        self.started: list[str] = []
        """The names of the jobs run, in order, for tests that count them."""

    def start(self, job: Job) -> Job:
        job._runner = self
        if not self._ledger.admit(job, self.cancel):
            job.skipped = True
            settle_soon(job)
            return job
        self.started.append(job.name)
        try:
            result = job.run(SyncContext(self.client, job))
        except JobCancelled as cancelled:
            self._ledger.jobs.pop(job.id, None)
            job.fail(cancelled)
        except Exception as error:
            self._ledger.jobs.pop(job.id, None)
            if not isinstance(error, EXPECTED_FAILURES):
                log.exception("job %s failed", job.name)
            if job.live and job.report:
                self.job_failed.emit(job.name, explain(error))
            job.fail(error)
        else:
            self._ledger.jobs.pop(job.id, None)
            job.deliver(result)
        return job

    def cancel(self, job: Job) -> None:
        job.cancelled.set()

    def pending(self) -> int:
        return self._ledger.pending()
