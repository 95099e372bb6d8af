"""Renders the main screens to PNG files for a look with a shop owner's eyes.

xvfb-run -a -s "-screen 0 1280x800x24" python scripts/screenshots.py OUTDIR [WIDTHxHEIGHT ...]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication


def settle(done: Callable[[], bool], seconds: float = 15) -> None:
    app = QApplication.instance()
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)


def main() -> int:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    sizes = [tuple(map(int, s.split("x"))) for s in sys.argv[2:]] or [(1280, 800), (1024, 700)]
    os.environ.setdefault("FWDESK_HOME", tempfile.mkdtemp(prefix="fwdesk-shots-"))
    from fwdesk.app import create_app
    from fwdesk.ui.dialogs.account_dialog import AccountDialog

    window = create_app(["fwdesk", "--demo"])
    window.show()
    app = QApplication.instance()
    catalog = window.catalog
    settle(lambda: window.connection_label.text().startswith("Connected"))
    settle(lambda: catalog.model.total() > 0 and not catalog.refreshing)
    catalog.search.setText("heron")
    catalog.view.selectRow(0)
    settle(lambda: "Current prices" in catalog.detail.price_note.text())
    settle(lambda: not catalog.detail.image.pixmap().isNull())
    for width, height in sizes:
        window.resize(width, height)
        settle(lambda: False, 0.3)
        window.grab().save(str(out / f"main-{width}x{height}.png"))
    dialog = AccountDialog(window.service, window.credentials, set(), parent=window)
    dialog.show()
    app.processEvents()
    dialog.grab().save(str(out / "account-dialog.png"))
    if dialog.session_only is not None:
        dialog.session_only.setChecked(True)
    dialog.web_key_edit.setText("has a space")
    dialog.save_button.click()
    app.processEvents()
    dialog.grab().save(str(out / "account-dialog-errors.png"))
    dialog.close()
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
