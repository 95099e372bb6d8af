"""The worker lanes: the right thread, priority, superseding, cancelling, clean shutdown."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
from silent_server import silent_server

from fwdesk.api.abortable import AbortableTransport
from fwdesk.api.account import Credentials
from fwdesk.api.client import FinerWorksClient
from fwdesk.api.errors import AuthError
from fwdesk.ui.worker import ApiService, Priority

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
            Credentials("a", "b"),
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


@pytest.mark.parametrize("priority", list(Priority))
def test_the_client_is_called_from_the_lane_thread(service, qtbot, priority):
    inbox = Inbox()
    service.submit("definitions", definitions, priority=priority, on_done=inbox.done)
    qtbot.waitUntil(lambda: inbox.results == [[3]])
    lane_thread = service.lane(priority).thread_ident
    assert service.recorded.threads == [lane_thread]
    assert lane_thread != threading.main_thread().ident


def test_interactive_work_never_waits_behind_background_work(service, qtbot):
    gate = threading.Event()
    slow, quick = Inbox(), Inbox()
    service.submit(
        "refresh", lambda c: gate.wait(10), priority=Priority.BACKGROUND, on_done=slow.done
    )
    service.submit("quote", definitions, priority=Priority.INTERACTIVE, on_done=quick.done)
    qtbot.waitUntil(lambda: quick.results == [[3]])
    assert slow.results == []
    gate.set()
    qtbot.waitUntil(lambda: slow.results == [True])


def test_a_newer_job_supersedes_an_older_one(service, qtbot):
    gate = threading.Event()
    inbox = Inbox()
    service.submit("quote", lambda c: gate.wait(10) and "old", key="quote", on_done=inbox.done)
    service.submit("quote", lambda c: "new", key="quote", on_done=inbox.done)
    gate.set()
    qtbot.waitUntil(lambda: service.pending() == 0)
    qtbot.wait(50)  # give a stale result every chance to arrive
    assert inbox.results == ["new"]


def test_a_cancelled_queued_job_never_runs(service, qtbot):
    gate = threading.Event()
    ran = []
    first = service.submit("first", lambda c: gate.wait(10))
    doomed = service.submit("doomed", lambda c: ran.append("doomed"))
    service.cancel(doomed)
    gate.set()
    qtbot.waitUntil(lambda: service.pending() == 0)
    assert first < doomed and ran == []


def test_long_jobs_report_progress_and_stop_when_cancelled(service, qtbot):
    steps: list[tuple[int, int]] = []
    reached = threading.Event()

    def long_job(context):
        for step in range(1, 1000):
            context.progress(step, 999)
            if step == 3:
                reached.set()
            time.sleep(0.005)
        return "finished"

    inbox = Inbox()
    job = service.submit(
        "catalogue",
        long_job,
        priority=Priority.BACKGROUND,
        on_done=inbox.done,
        on_progress=lambda done, total: steps.append((done, total)),
    )
    qtbot.waitUntil(lambda: len(steps) >= 3)
    service.cancel(job)
    qtbot.waitUntil(lambda: service.pending() == 0)
    assert steps[:3] == [(1, 999), (2, 999), (3, 999)]
    assert inbox.results == [] and len(steps) < 999


def test_errors_reach_the_caller_and_the_status_signal(service, qtbot):
    inbox = Inbox()
    with qtbot.waitSignal(service.job_failed) as failed:
        service.submit("check", lambda c: c.client.test_my_credentials(), on_error=inbox.error)
    assert isinstance(inbox.errors[0], AuthError)
    assert failed.args[0] == "check"
    assert "did not accept the API keys" in failed.args[1]


@pytest.mark.timeout(30)
def test_shutdown_cuts_a_call_hanging_on_a_silent_server(qtbot):
    with silent_server() as (url, accepted):
        api = ApiService(
            lambda sleep: FinerWorksClient(
                Credentials("a", "b"), url, transport=AbortableTransport(), sleep=sleep
            )
        )
        api.submit("hangs", definitions, priority=Priority.BACKGROUND)
        api.submit("hangs too", definitions, priority=Priority.INTERACTIVE)
        qtbot.waitUntil(lambda: len(accepted) == 2)
        # True means both threads ended inside the 1.5 s grace (plus 0.5 s for cut writes).
        assert api.shutdown() is True


def test_work_asked_for_after_shutdown_is_dropped_quietly(service, qtbot):
    service.shutdown()
    inbox = Inbox()
    assert service.submit("late", definitions, on_done=inbox.done, on_error=inbox.error) == 0
    qtbot.wait(50)
    assert inbox.results == [] and inbox.errors == []
