"""A 5 ms timer on the GUI thread whose late beats are the GUI's stalls."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QTimer

BEAT_MS = 5


class Heartbeat:
    def __init__(self) -> None:
        self.gaps: list[float] = []
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setInterval(BEAT_MS)
        self._timer.timeout.connect(self._beat)

    def start(self) -> None:
        self._clock.start()
        self._last = self._clock.nsecsElapsed()
        self._timer.start()

    def stop(self) -> list[float]:
        """The stalls in milliseconds (time beyond each beat's 5 ms), sorted."""
        self._timer.stop()
        return sorted(max(0.0, gap - BEAT_MS) for gap in self.gaps[1:])

    def _beat(self) -> None:
        now = self._clock.nsecsElapsed()
        self.gaps.append((now - self._last) / 1e6)
        self._last = now
