"""Jobs and the worker lanes: the right thread, priority, keys that supersede or skip, owners
whose end cancels their work, `settled` once a job is truly over, and a clean shutdown."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
from PySide6.QtCore import QObject
from shiboken6 import delete
from silent_server import silent_server

from fwdesk.api.abortable import AbortableTransport
from fwdesk.api.client import FinerWorksClient
from fwdesk.api.errors import AuthError
from fwdesk.api.keys import Credentials
from fwdesk.ui.work.jobs import ApiService, Clash, Job
from fwdesk.ui.work.lanes import Priority
from fwdesk.ui.work.sync import SyncRunner

DEFINITIONS = {"status": {"success": True}, "definitions": [{"order_status_id": 3}]}


class Recorded:
    """A client factory whose requests remember the thread they ran on."""

    def __init__(self) -> None:
        self.threads: list[int] = []

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.threads.append(threading.get_ident())
        if request.url.path.endswith("test_my_credentials"):
            return httpx.Response(400, json={"Message": "Missing or unauthorized api credentials"})
        return httpx.Response(200, json=DEFINITIONS)

    def factory(self, sleep):
        return FinerWorksClient(
            Credentials("worker-web-key", "worker-app-key"),
            "https://fw.test/v3/",
            transport=httpx.MockTransport(self.handler),
            sleep=sleep,
        )


@pytest.fixture
def service(qtbot):
    recorded = Recorded()
    api = ApiService(recorded.factory)
    api.recorded = recorded
    yield api
    api.shutdown()


@pytest.fixture
def owner(qtbot) -> QObject:
    return QObject()


class Inbox:
    def __init__(self) -> None:
        self.results: list[object] = []
        self.errors: list[Exception] = []

    def done(self, result: object) -> None:
        self.results.append(result)

    def error(self, error: Exception) -> None:
        self.errors.append(error)


def definitions(context):
    return [d.order_status_id for d in context.client.list_order_status_definitions()]


def started(owner, service, name, run, inbox=None, **options) -> Job:
    job = Job(owner, name, run, **options)
    if inbox is not None:
        job.on_done(inbox.done).on_failed(inbox.error)
    return job.start(service)


@pytest.mark.parametrize("priority", list(Priority))
def test_the_client_is_called_from_the_lane_thread(service, owner, qtbot, priority):
    inbox = Inbox()
    job = Job(owner, "definitions", definitions, priority=priority).on_done(inbox.done)
    with qtbot.waitSignal(job.settled):
        job.start(service)
    assert inbox.results == [[3]]
    lane_thread = service.lane(priority).thread_ident
    assert service.recorded.threads == [lane_thread]
    assert lane_thread != threading.main_thread().ident


def test_interactive_work_never_waits_behind_background_work(service, owner, qtbot):
    gate = threading.Event()
    slow, quick = Inbox(), Inbox()
    background = started(
        owner, service, "refresh", lambda c: gate.wait(10), slow, priority=Priority.BACKGROUND
    )
    quote = Job(owner, "quote", definitions).on_done(quick.done)
    with qtbot.waitSignal(quote.settled):
        quote.start(service)
    assert quick.results == [[3]] and slow.results == []
    with qtbot.waitSignal(background.settled):
        gate.set()
    assert slow.results == [True]


def test_a_newer_job_supersedes_an_older_one(service, owner, qtbot):
    gate = threading.Event()
    inbox = Inbox()
    old = started(owner, service, "quote", lambda c: gate.wait(10) and "old", inbox, key="q")
    new = started(owner, service, "quote", lambda c: "new", inbox, key="q")
    with qtbot.waitSignals([old.settled, new.settled]):
        gate.set()
    assert inbox.results == ["new"], "the superseded result is never delivered"


def test_a_job_skips_while_one_with_its_key_runs(service, owner, qtbot):
    gate = threading.Event()
    inbox = Inbox()
    first = started(
        owner,
        service,
        "refresh",
        lambda c: gate.wait(10) and "first",
        inbox,
        key="r",
        clash=Clash.SKIP,
    )
    second = Job(owner, "refresh", lambda c: "second", key="r", clash=Clash.SKIP)
    with qtbot.waitSignal(second.settled):
        second.start(service)
    assert second.skipped and first.live
    with qtbot.waitSignal(first.settled):
        gate.set()
    assert inbox.results == ["first"]
    third = started(owner, service, "refresh", lambda c: "third", inbox, key="r", clash=Clash.SKIP)
    qtbot.waitUntil(lambda: third.over)
    assert inbox.results == ["first", "third"]


def test_a_cancelled_queued_job_never_runs_and_settles(service, owner, qtbot):
    gate = threading.Event()
    ran = []
    first = started(owner, service, "first", lambda c: gate.wait(10))
    doomed = started(owner, service, "doomed", lambda c: ran.append("doomed"))
    with qtbot.waitSignal(doomed.settled):
        doomed.cancel()
    with qtbot.waitSignal(first.settled):
        gate.set()
    assert ran == [] and service.pending() == 0


def test_a_cancelled_running_job_settles_once_it_has_stopped(service, owner, qtbot):
    steps: list[tuple[int, int]] = []
    stopped = threading.Event()

    def long_job(context):
        try:
            for step in range(1, 1000):
                context.progress(step, 999)
                time.sleep(0.005)
        finally:
            stopped.set()
        return "finished"

    inbox = Inbox()
    job = (
        Job(owner, "catalogue", long_job, priority=Priority.BACKGROUND)
        .on_done(inbox.done)
        .on_progress(lambda done, total: steps.append((done, total)))
        .start(service)
    )
    qtbot.waitUntil(lambda: len(steps) >= 3)
    with qtbot.waitSignal(job.settled):
        job.cancel()
    assert stopped.is_set(), "settled only once the work has really stopped"
    assert steps[:3] == [(1, 999), (2, 999), (3, 999)]
    assert inbox.results == [] and len(steps) < 999


def test_the_end_of_the_owner_cancels_its_job(service, qtbot):
    gate = threading.Event()
    inbox = Inbox()
    owner = QObject()
    job = started(owner, service, "quote", lambda c: gate.wait(10) and "late", inbox)
    delete(owner)  # a dialog closed, a tab destroyed
    assert job.cancelled.is_set()
    with qtbot.waitSignal(job.settled):
        gate.set()
    assert inbox.results == [] and inbox.errors == []


def test_errors_reach_the_caller_and_the_status_signal(service, owner, qtbot):
    inbox = Inbox()
    with qtbot.waitSignal(service.job_failed) as failed:
        started(owner, service, "check", lambda c: c.client.test_my_credentials(), inbox)
    assert isinstance(inbox.errors[0], AuthError)
    assert failed.args[0] == "check"
    assert "did not accept the API keys" in failed.args[1]


@pytest.mark.timeout(30)
def test_shutdown_cuts_a_call_hanging_on_a_silent_server(qtbot, owner):
    with silent_server() as (url, accepted):
        api = ApiService(
            lambda sleep: FinerWorksClient(
                Credentials("worker-web-key", "worker-app-key"),
                url,
                transport=AbortableTransport(),
                sleep=sleep,
            )
        )
        hangs = started(owner, api, "hangs", definitions, priority=Priority.BACKGROUND)
        too = started(owner, api, "hangs too", definitions, priority=Priority.INTERACTIVE)
        qtbot.waitUntil(lambda: len(accepted) == 2)
        # True means both threads ended inside the 1.5 s grace (plus 0.5 s for cut writes).
        assert api.shutdown() is True
        assert hangs.over and too.over


def test_work_asked_for_after_shutdown_is_dropped_quietly(service, owner, qtbot):
    service.shutdown()
    inbox = Inbox()
    job = Job(owner, "late", definitions).on_done(inbox.done).on_failed(inbox.error)
    with qtbot.waitSignal(job.settled):
        job.start(service)
    assert inbox.results == [] and inbox.errors == [] and not job.live


def test_the_synchronous_runner_does_each_job_at_once(owner):
    recorded = Recorded()
    runner = SyncRunner(recorded.factory(lambda _s: None))
    inbox = Inbox()
    job = started(owner, runner, "definitions", definitions, inbox)
    assert job.over and inbox.results == [[3]], "done before start() returned"
    assert recorded.threads == [threading.get_ident()]
    failed = started(owner, runner, "check", lambda c: c.client.test_my_credentials(), inbox)
    assert failed.over and isinstance(inbox.errors[0], AuthError)
    assert runner.started == ["definitions", "check"]
