"""Work that waits until the main window is on screen, so the first frame comes sooner.

Start-up is measured to the first painted window: whatever the user cannot see yet (the hidden
tabs, the first calls to FinerWorks) is better done a moment later than before that frame.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtWidgets import QWidget

NOT_PAINTED_MS = 500
"""A window shown but not painted (started minimised, on another desktop) waits this long."""


class AfterFirstPaint(QObject):
    """Calls `then` once, on the turn of the event loop after the window's first paint (so
    that frame is on screen first). A window that is not shown by the first turn of the event
    loop (the tests, the smoke test) gets it then, and a shown one that is not painted after
    NOT_PAINTED_MS."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._then = then
        self._done = False
        window.installEventFilter(self)
        QTimer.singleShot(0, self, self._unless_shown)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            QTimer.singleShot(0, self, self._run)
        return False

    @Slot()
    def _unless_shown(self) -> None:
        if self._window.isVisible():
            QTimer.singleShot(NOT_PAINTED_MS, self, self._run)
        else:
            self._run()

    @Slot()
    def _run(self) -> None:
        if self._done:
            return
        self._done = True
        self._window.removeEventFilter(self)
        self._then()
