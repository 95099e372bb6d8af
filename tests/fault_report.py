"""Figures the fault tests measure, for `make faults` to put in docs/RELIABILITY.md.

A test calls `record("section", orders=200, duplicates=0)`; when FWDESK_FAULT_REPORT names a
file, one JSON line is appended to it. Without the variable (`make test`, a single pytest run)
nothing is written, so the tests behave the same either way.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

REPORT_VARIABLE = "FWDESK_FAULT_REPORT"


def record(section: str, **figures: object) -> None:
    """Appends one line: the section, the test that measured it, and the figures.

    Figures must be JSON values; a line is written whole with one `write`, so runs in several
    processes (the suite and the processes it starts) never interleave within a line.
    """
    target = os.environ.get(REPORT_VARIABLE, "").strip()
    if not target:
        return
    line = {
        "section": section,
        "test": os.environ.get("PYTEST_CURRENT_TEST", "").split(" ")[0],
        "time": time.time(),
        "figures": figures,
    }
    with Path(target).open("a", encoding="utf-8") as report:
        report.write(json.dumps(line, sort_keys=True) + "\n")
