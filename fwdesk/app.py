"""Builds the application: `create_app` wires the layers without entering the event loop."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import time
import traceback
from types import TracebackType

from PySide6.QtCore import QEvent, QEventLoop, QLibraryInfo, QObject, QTimer, qVersion
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from fwdesk import __version__, connection
from fwdesk.core.credentials import CredentialStore, backend_name, keychain_available
from fwdesk.core.jobs import JobContext
from fwdesk.core.logs import setup_logging
from fwdesk.core.paths import RESOURCES, AppPaths
from fwdesk.core.settings import SettingsFile
from fwdesk.ui.main_window import MainWindow
from fwdesk.ui.widgets.theme import apply_theme
from fwdesk.ui.work import collector
from fwdesk.ui.work.jobs import Job, abandoned_threads

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
    argv = list(sys.argv if argv is None else argv)
    args = parse_args(argv)
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName("fwdesk")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("fwdesk")
    app.setWindowIcon(QIcon(str(RESOURCES / "icons" / "fwdesk.svg")))
    apply_theme(app)
    collector.install(app)
    paths = AppPaths.detect().ensure()
    setup_logging(paths.log_file)
    log.info("fwdesk %s starting (Qt %s, %s)", __version__, qVersion(), app.platformName())
    forced = None
    if args.sandbox_url:
        forced = connection.sandbox_url(args.sandbox_url)
    elif args.demo:
        forced = connection.demo(paths.demo_state_file)
    return MainWindow(paths, SettingsFile(paths.settings_file), CredentialStore(), forced)


def smoke_test(window: MainWindow) -> int:
    """One round trip through the worker proves the packaged parts are all there."""
    outcome: dict[str, object] = {}
    loop = QEventLoop()
    Job(window, "smoke test", _count_product_types).on_done(
        lambda count: (outcome.update(count=count), loop.quit())
    ).on_failed(lambda error: (outcome.update(error=error), loop.quit())).start(window.service)
    QTimer.singleShot(SMOKE_TIMEOUT_MS, loop.quit)
    loop.exec()
    window.service.shutdown()
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


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    args = parse_args(argv)
    if args.smoke_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    window = create_app(argv)
    if args.smoke_test:
        return smoke_test(window)
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
