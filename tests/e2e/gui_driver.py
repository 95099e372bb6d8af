"""Drives the real app in its own process, as a user would across two sessions.

    python gui_driver.py connect NAME WEB_KEY APP_KEY URL   -> fills and saves the account dialog
    python gui_driver.py reopen                            -> starts again with what was saved
    python gui_driver.py status                            -> as reopen, then banner and error

Each prints the connection line of the status bar once connected, then quits normally.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPushButton

from fwdesk.app import create_app
from fwdesk.core.accounts import Environment

TIMEOUT_MS = 20_000


def fill_dialog(name: str, web_key: str, app_key: str, url: str) -> None:
    dialog = QApplication.activeModalWidget()
    if dialog is None or dialog.objectName() != "accountDialog":
        QTimer.singleShot(50, lambda: fill_dialog(name, web_key, app_key, url))
        return
    dialog.findChild(QLineEdit, "accountNameEdit").setText(name)
    dialog.findChild(QLineEdit, "webApiKeyEdit").setText(web_key)
    dialog.findChild(QLineEdit, "appKeyEdit").setText(app_key)
    dialog.findChild(QComboBox, "environmentCombo").setCurrentIndex(
        list(Environment).index(Environment.CUSTOM)
    )
    dialog.findChild(QLineEdit, "customUrlEdit").setText(url)
    dialog.findChild(QPushButton, "saveAccountButton").click()


def report_when_connected(window) -> None:
    text = window.connection_label.text()
    if text.startswith(("Connected", "Not connected")):
        print(text, flush=True)
        if sys.argv[1] == "status":
            print(f"banner: {window.banner.detail.text()}", flush=True)
            print(f"error: {window.error_label.full_text()}", flush=True)
        window.close()
        return
    QTimer.singleShot(50, lambda: report_when_connected(window))


def main() -> int:
    window = create_app(["fwdesk"])
    window.show()
    if sys.argv[1] == "connect":
        QTimer.singleShot(0, lambda: fill_dialog(*sys.argv[2:6]))
        window.connect_account()
    QTimer.singleShot(0, lambda: report_when_connected(window))
    QTimer.singleShot(TIMEOUT_MS, lambda: (print("TIMEOUT", flush=True), window.close()))
    return QApplication.instance().exec()


if __name__ == "__main__":
    raise SystemExit(main())
