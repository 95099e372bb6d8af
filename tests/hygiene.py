"""Rules every test keeps, enforced by autouse fixtures (registered in conftest.py):

* No test leaves a QThread running or a QTimer active (as napari's fixtures check): a worker
  that outlives its window, or a timer still firing into a closed tab, fails the test that left
  it. Timers owned by the QApplication (the GUI-thread collector's) live as long as the app
  by design and are not counted.
* A test fails on any warning logged that it did not expect (as qutebrowser's logfail does). A
  test that expects warnings takes `caplog` and says what it expected.
"""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QThread, QTimer
from shiboken6 import isValid

FAILING_LEVEL = logging.WARNING


class _Started:
    """Every QTimer and QThread started while one test runs."""

    def __init__(self) -> None:
        self.timers: list[QTimer] = []
        self.threads: list[QThread] = []

    def leaks(self) -> list[str]:
        application = QCoreApplication.instance()
        found = []
        for timer in self.timers:
            if not isValid(timer) or not timer.isActive() or _lives_with(timer, application):
                continue
            owner = timer.parent()
            found.append(f"an active QTimer (every {timer.interval()} ms) of {_name(owner)}")
        for thread in self.threads:
            if isValid(thread) and thread.isRunning():
                found.append(f"a running QThread {thread.objectName() or thread!r}")
        return found


def _lives_with(timer: QTimer, application: QCoreApplication | None) -> bool:
    """Owned, through its parents, by the QApplication: made to live as long as the app."""
    owner = timer.parent()
    while owner is not None:
        if owner is application:
            return True
        owner = owner.parent()
    return False


def _name(owner: object) -> str:
    if owner is None:
        return "no owner"
    name = owner.objectName() if hasattr(owner, "objectName") else ""
    return f"{type(owner).__name__} {name!r}" if name else type(owner).__name__


@pytest.fixture(autouse=True)
def no_leaked_qt_work(monkeypatch):
    """Fails a test that leaves Qt work behind, once its widgets are really deleted."""
    started = _Started()
    timer_start, thread_start = QTimer.start, QThread.start

    def start_timer(timer, *args):
        started.timers.append(timer)
        return timer_start(timer, *args)

    def start_thread(thread, *args):
        started.threads.append(thread)
        return thread_start(thread, *args)

    monkeypatch.setattr(QTimer, "start", start_timer)
    monkeypatch.setattr(QThread, "start", start_thread)
    yield started
    if QCoreApplication.instance() is not None:
        # pytest-qt closed the test's widgets and asked for their deletion; carry it out, so
        # what a deleted widget owned is gone and only what outlived it is counted.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    leaks = started.leaks()
    if leaks:
        pytest.fail("left behind: " + "; ".join(leaks), pytrace=False)


class _Unexpected(logging.Handler):
    def __init__(self) -> None:
        super().__init__(FAILING_LEVEL)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def no_unexpected_warnings(request):
    """Fails a test that logs a warning (or worse) without having asked for `caplog`."""
    if "caplog" in request.fixturenames:
        yield
        return
    handler = _Unexpected()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)
    if handler.records:
        shown = "; ".join(f"{r.name} {r.levelname}: {r.getMessage()}" for r in handler.records)
        pytest.fail(f"unexpected log records (use caplog to expect them): {shown}", pytrace=False)
