"""The path to the first painted window stays free of what it does not show.

httpx (about 100 ms) loads in the worker lanes on their first job, keyring (about 45 ms) on the
first keychain call, and the version is a literal rather than package metadata (about 40 ms).
The window builds only the tab in view before its first paint; the other tabs, the dialogs and
the order sender are imported where they are first built. A top-level import of any of them
in the modules on that path would quietly bring the cost back.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

DEFERRED = ("httpx", "httpcore", "keyring", "importlib.metadata", "fwdesk.sandbox.core")
HIDDEN_PARTS = (
    "fwdesk.ui.tabs.order.tab",
    "fwdesk.ui.tabs.order.order_form",
    "fwdesk.ui.tabs.order.quote_panel",
    "fwdesk.ui.tabs.orders.tab",
    "fwdesk.ui.tabs.orders.chart",
    "fwdesk.ui.dialogs.import_dialog",
    "fwdesk.ui.dialogs.account_dialog",
    "fwdesk.ui.dialogs.manage_accounts",
    "fwdesk.ui.dialogs.shipping_preferences",
    "fwdesk.ui.dialogs.send_dialog",
    "fwdesk.ui.work.sender",
    "fwdesk.core.outbox",
    "fwdesk.api.account",
    "fwdesk.api.orders",
    "fwdesk.core.order_history",
    "logging.handlers",
)
"""Modules of the parts a first window does not show: the New order and Orders tabs, the
dialogs and the order sender, the account's and the orders' models (the keys' type has a
module of its own); and the log file's handler, which opens right after the paint."""

BUILD_THEN_WAIT = """
import logging, os, time
from pathlib import Path
from PySide6.QtCore import QEventLoop, QTimer
from fwdesk.app import create_app

window = create_app(["fwdesk", "--demo"])
print(json.dumps(sorted(sys.modules)))  # all the first paint needs: the rest comes after it
logging.getLogger("fwdesk.probe").warning("logged before the log file opened")
loop, deadline = QEventLoop(), time.monotonic() + 20
def look():
    built = [type(window.tabs.widget(i)).__name__ for i in range(window.tabs.count())]
    if built == ["CatalogTab", "QWidget", "OrdersTab"] or time.monotonic() > deadline:
        loop.quit()
poll = QTimer(interval=10)
poll.timeout.connect(look)
poll.start()
loop.exec()
print(json.dumps([type(window.tabs.widget(i)).__name__ for i in range(window.tabs.count())]))
print(json.dumps("fwdesk.ui.tabs.order.tab" in sys.modules))
window.tabs.setCurrentIndex(1)  # the New order tab is built when first chosen
print(json.dumps(type(window.tabs.widget(1)).__name__))
window.close()
print(json.dumps((Path(os.environ["FWDESK_HOME"]) / "logs" / "fwdesk.log").read_text()))
"""


def _run(code: str, env: dict[str, str] | None = None) -> list[str]:
    probe = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env=env,
    )
    return result.stdout.splitlines()


def _modules_after(code: str) -> set[str]:
    return set(json.loads(_run(code)[-1]))


def test_importing_the_app_leaves_the_layers_to_create_app():
    """They load once garbage collection is off (app.py says why)."""
    loaded = _modules_after("import fwdesk.app")
    assert sorted(m for m in loaded if m.startswith("fwdesk")) == ["fwdesk", "fwdesk.app"]
    assert sorted(loaded & set(DEFERRED)) == []


def test_the_first_window_builds_the_tab_in_view_then_the_others_as_planned(tmp_path):
    env = {**os.environ, "FWDESK_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    lines = _run(BUILD_THEN_WAIT, env)
    ready_to_paint = set(json.loads(lines[-6]))
    assert "fwdesk.ui.tabs.catalog.tab" in ready_to_paint
    assert sorted(ready_to_paint & set(DEFERRED)) == []
    assert sorted(ready_to_paint & set(HIDDEN_PARTS)) == []
    assert json.loads(lines[-5]) == ["CatalogTab", "QWidget", "OrdersTab"]
    assert json.loads(lines[-4]) is False, "the New order tab waits until it is chosen"
    assert json.loads(lines[-3]) == "OrderTab"
    log_text = json.loads(lines[-2])
    assert "logged before the log file opened" in log_text and "starting (Qt" in log_text


def test_building_a_demo_client_loads_them_where_they_are_needed(tmp_path):
    loaded = _modules_after(
        "from pathlib import Path\n"
        "from fwdesk import connection\n"
        f"connection.demo(Path({str(tmp_path / 'state.json')!r})).client_factory(lambda s: None)"
    )
    assert {"httpx", "fwdesk.api.client", "fwdesk.sandbox.core"} <= loaded
