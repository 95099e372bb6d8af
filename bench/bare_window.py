"""The yardstick for start-up: the least a PySide6 app can do before its first paint.

A QApplication and one empty QMainWindow, timed like fwdesk (it prints ``first-paint
<epoch seconds>`` at its first paint event, then quits), so bench/startup.py can report
fwdesk's start-up as a multiple of what Python and Qt alone cost on the same machine.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


class _FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print(f"first-paint {time.time():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setCentralWidget(QLabel("bare window"))
    window.resize(1180, 760)
    probe = _FirstPaint()
    window.installEventFilter(probe)
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
