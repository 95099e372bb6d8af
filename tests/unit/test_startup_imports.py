"""The path to the first painted window stays free of the slow imports moved off it.

httpx (about 100 ms) loads in the worker threads, keyring (about 45 ms) on the first keychain
call, and the version is a literal rather than package metadata (about 40 ms). A top-level
import of any of them in the GUI's modules would quietly bring the cost back.
"""

from __future__ import annotations

import json
import subprocess
import sys

DEFERRED = ("httpx", "httpcore", "keyring", "importlib.metadata", "fwdesk.sandbox.core")


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_importing_the_app_leaves_the_slow_modules_for_later():
    loaded = _modules_after("import fwdesk.app")
    assert "fwdesk.ui.main_window" in loaded
    assert sorted(loaded & set(DEFERRED)) == []


def test_building_a_demo_client_loads_them_where_they_are_needed(tmp_path):
    loaded = _modules_after(
        "from pathlib import Path\n"
        "from fwdesk import connection\n"
        f"connection.demo(Path({str(tmp_path / 'state.json')!r})).client_factory(lambda s: None)"
    )
    assert {"httpx", "fwdesk.api.client", "fwdesk.sandbox.core"} <= loaded
