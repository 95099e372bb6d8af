"""Builds the application: `create_app` wires the layers without entering the event loop.

Importing this module is cheap: `create_app` imports the layers it wires, once it has turned
Python's automatic garbage collection off (for good: ui.work.collector says why). Collecting
while those modules load would walk their new objects over and over, about 10 ms of a start.
What only the smoke test or a crash needs is imported there, off the path to the first frame,
and the log file opens right after that frame (see `HeldRecords`).
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import signal
import sys
import time
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, qVersion
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from fwdesk import __version__

if TYPE_CHECKING:
    from fwdesk.core.jobs import JobContext
    from fwdesk.ui.main_window import MainWindow
    from fwdesk.ui.single_instance import InstanceServer

log = logging.getLogger("fwdesk")
SMOKE_TIMEOUT_MS = 15_000
STARTUP_PROBE = "FWDESK_STARTUP_PROBE"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="fwdesk", description="FinerWorks orders on the desktop")
    parser.add_argument("--demo", action="store_true", help="use the built-in simulator")
    parser.add_argument("--sandbox-url", metavar="URL", help="use a running fwdesk-sandbox")
    parser.add_argument(
        "--smoke-test", action="store_true", help="build everything, print facts, exit"
    )
    parser.add_argument("--version", action="version", version=f"fwdesk {__version__}")
    args, _qt_arguments = parser.parse_known_args(argv[1:])
    return args


def create_app(argv: list[str] | None = None) -> MainWindow:
    """The main window, ready to show; the QApplication is created or reused."""
    gc.disable()  # before the imports below (see the module's docstring)
    from fwdesk import connection
    from fwdesk.core.credentials import CredentialStore
    from fwdesk.core.paths import RESOURCES, AppPaths
    from fwdesk.core.settings import SettingsFile
    from fwdesk.ui.first_paint import AfterFirstPaint
    from fwdesk.ui.main_window import MainWindow
    from fwdesk.ui.widgets.theme import apply_theme
    from fwdesk.ui.widgets.wheel_guard import WheelGuard, install_wheel_guard

    argv = list(sys.argv if argv is None else argv)
    args = parse_args(argv)
    held = HeldRecords()
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName("fwdesk")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("fwdesk")
    app.setWindowIcon(QIcon(str(RESOURCES / "icons" / "fwdesk.svg")))
    apply_theme(app)
    if not app.findChild(WheelGuard):
        install_wheel_guard(app)
    paths = AppPaths.detect().ensure()
    forced = None
    if args.sandbox_url:
        forced = connection.sandbox_url(args.sandbox_url)
    elif args.demo:
        forced = connection.demo(paths.demo_state_file)
    window = MainWindow(paths, SettingsFile(paths.settings_file), CredentialStore(), forced)
    AfterFirstPaint(window, lambda: _on_screen(app, held, paths.log_file))
    return window


class HeldRecords(logging.Handler):
    """What is logged before the log file opens, handed to it once it does.

    The file opens right after the first paint: its handler's module (logging.handlers) brings
    sockets, pickle and queues with it, about 10 ms the first frame need not wait for."""

    def __init__(self) -> None:
        super().__init__()
        self._records: list[logging.LogRecord] = []
        logging.getLogger().addHandler(self)

    def emit(self, record: logging.LogRecord) -> None:
        self._records.append(record)

    def hand_over(self, log_file: Path) -> None:
        from fwdesk.core.logs import setup_logging

        handler = setup_logging(log_file)
        logging.getLogger().removeHandler(self)
        for record in self._records:
            handler.handle(record)
        self._records.clear()


def _on_screen(app: QApplication, held: HeldRecords, log_file: Path) -> None:
    """What the first frame need not wait for: the log file, and the collector that does the
    collecting on the GUI thread (setting it up walks every object alive, 10 ms by then)."""
    from fwdesk.ui.work import collector

    held.hand_over(log_file)
    log.info("fwdesk %s starting (Qt %s, %s)", __version__, qVersion(), app.platformName())
    collector.install(app)


def smoke_test(window: MainWindow) -> int:
    """One round trip through the worker proves the packaged parts are all there."""
    from PySide6.QtCore import QEventLoop, QLibraryInfo

    from fwdesk.core.credentials import backend_name, keychain_available
    from fwdesk.ui.work.jobs import Job

    outcome: dict[str, object] = {}
    loop = QEventLoop()
    Job(window, "smoke test", _count_product_types).on_done(
        lambda count: (outcome.update(count=count), loop.quit())
    ).on_failed(lambda error: (outcome.update(error=error), loop.quit())).start(window.service)
    QTimer.singleShot(SMOKE_TIMEOUT_MS, loop.quit)
    loop.exec()
    if window.service.shutdown():
        window.store.close_all()
    for message in window.notices.messages:
        print(f"notice: {message}")
    platform = QApplication.instance().platformName()
    keychain = f"{backend_name()} ({'usable' if keychain_available() else 'not usable'})"
    if "count" not in outcome:
        reason = outcome.get("error", "no answer within the time limit")
        print(f"fwdesk smoke test FAILED: {window.connection.description}: {reason}")
        return 1
    print(
        f"fwdesk {__version__} | Qt {qVersion()} ({QLibraryInfo.version().toString()}) "
        f"| platform {platform} | keyring {keychain} | {window.connection.description}: "
        f"{outcome['count']} product types"
    )
    return 0


def _count_product_types(context: JobContext) -> int:
    return len(context.client.list_product_types())


def _report_crash(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """Unexpected errors are logged in full and shown calmly, never as a traceback dialog."""
    from PySide6.QtWidgets import QMessageBox

    log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, error, trace)))
    if QApplication.instance() is not None:
        QMessageBox.warning(
            None,
            "fwdesk",
            "Something unexpected went wrong. Your work is saved; the details are in the log "
            "folder (Help > Open log folder).",
        )


class FirstPaintProbe(QObject):
    """With FWDESK_STARTUP_PROBE set, prints the wall-clock moment of the window's first paint
    (the benchmarks compare it with the moment they started the process); ``quit`` also
    closes the app right after."""

    def __init__(self, window: MainWindow, *, quit_after: bool) -> None:
        super().__init__(window)
        self._window = window
        self._quit_after = quit_after

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            print(f"first-paint {time.time():.6f}", flush=True)
            if self._quit_after:
                QTimer.singleShot(0, self._window.close)
        return False


def _close_on_terminate(window: MainWindow) -> None:
    """SIGTERM (logout, shutdown, a package upgrade) closes the window like File > Quit.

    Python only runs its signal handlers when it gets control, which a waiting Qt event loop
    never gives it; a slow idle timer hands control back a few times a second.
    """
    signal.signal(signal.SIGTERM, lambda *_: QTimer.singleShot(0, window.close))
    heartbeat = QTimer(window)
    heartbeat.timeout.connect(_let_python_run)
    heartbeat.start(250)


def _let_python_run() -> None:
    """Nothing to do: returning to Python is the point."""


def _claim_instance(argv: list[str]) -> InstanceServer | None:
    """This launch's claim to its data folder; None when a running fwdesk has it (and was
    asked to come to the front). The smoke test never claims: it may run beside the app."""
    from fwdesk.core.paths import AppPaths
    from fwdesk.ui.single_instance import InstanceServer, server_name

    QApplication.instance() or QApplication(argv)
    server = InstanceServer(server_name(AppPaths.detect().data))
    return server if server.claim() else None


def _bring_forward(window: MainWindow) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
    log.info("a second launch asked for this window; brought to the front")


def main(argv: list[str] | None = None) -> int:
    from fwdesk.ui.work.jobs import abandoned_threads

    argv = list(sys.argv if argv is None else argv)
    args = parse_args(argv)
    if args.smoke_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        return smoke_test(create_app(argv))
    gc.disable()  # the claim's imports come first (see the module's docstring)
    instance = _claim_instance(argv)
    if instance is None:
        print("fwdesk is already running; its window was brought to the front.")
        return 0
    window = create_app(argv)
    instance.setParent(window)
    instance.raise_requested.connect(lambda: _bring_forward(window))
    sys.excepthook = _report_crash
    _close_on_terminate(window)
    # Any way out of the event loop (a session manager's quit, say) stops the workers first.
    QApplication.instance().aboutToQuit.connect(window.service.shutdown)
    if os.environ.get(STARTUP_PROBE):
        window.installEventFilter(
            FirstPaintProbe(window, quit_after=os.environ[STARTUP_PROBE] == "quit")
        )
    window.show()
    code = QApplication.instance().exec()
    if abandoned_threads():
        # A worker is stuck in a call that could not be cut; Qt would abort on destroying its
        # thread, so leave the process directly (everything that matters is saved).
        logging.shutdown()
        os._exit(code)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
