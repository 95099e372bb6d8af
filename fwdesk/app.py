"""Builds the application: `create_app` wires the layers without entering the event loop."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def create_app(argv: list[str] | None = None) -> QMainWindow:
    """The main window, ready to show; the QApplication is created or reused."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("fwdesk")
    window = QMainWindow()
    window.setWindowTitle("fwdesk")
    window.setCentralWidget(QLabel("fwdesk — the application shell arrives with the next issue."))
    window.resize(960, 640)
    return window


def main() -> int:
    window = create_app(sys.argv)
    window.show()
    return QApplication.instance().exec()


if __name__ == "__main__":
    raise SystemExit(main())
