"""api, core and sandbox must run where Qt is absent: they never import PySide6."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import fwdesk

QT_FREE = ("api", "core", "sandbox")
ROOT = Path(fwdesk.__file__).parent


def test_no_qt_import_statement_in_qt_free_layers():
    offenders = []
    for layer in QT_FREE:
        for path in (ROOT / layer).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                offenders += [
                    f"{path}: {n}" for n in names if n.split(".")[0] in ("PySide6", "shiboken6")
                ]
    assert offenders == []


def test_importing_every_qt_free_module_loads_no_qt():
    modules = [
        info.name
        for layer in QT_FREE
        for info in pkgutil.walk_packages([str(ROOT / layer)], prefix=f"fwdesk.{layer}.")
    ]
    assert "fwdesk.api.client" in modules and "fwdesk.sandbox.core" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
