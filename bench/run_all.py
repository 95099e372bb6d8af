"""Runs every benchmark and writes docs/PERFORMANCE.md: each result beside its budget.

make bench        (under Xvfb; takes a few minutes)
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCHES = [
    (
        "Start to first painted window, from source and frozen, and as a multiple of a bare "
        "PySide6 window started the same way",
        ["startup.py", "--runs", "7", "--frozen", "build/dist/fwdesk/fwdesk"],
        "ratio 2.0 from source and frozen",
    ),
    ("GUI stall while both lanes wait on a 2 s server", ["gui_stall.py"], "p99 16 ms, max 50 ms"),
    (
        "Catalogue: 50,000 products, open and keystroke",
        ["catalog_bench.py", "--runs", "5"],
        "open 300 ms, keystroke 30 ms",
    ),
    (
        "Last keystroke to shipping quote painted (200 ms latency)",
        ["quote_latency.py"],
        "app's own part 30 ms (after the 300 ms typing pause)",
    ),
    (
        "Orders: 5,000 orders and a refresh of 500 open ones (200 ms latency)",
        ["orders_bench.py"],
        "load 300 ms, keystroke 30 ms; stall p99 16 ms, max 50 ms",
    ),
    (
        "GUI stalls while a 50,000-product catalogue refreshes and 200 orders submit (200 ms "
        "latency); memory with 50,000 products and 5,000 orders loaded",
        ["background_work.py"],
        "p99 16 ms, max 50 ms; 250 MB",
    ),
    (
        "Import: a 5,000-row Shopify export and FinerWorks spreadsheet, chosen to preview "
        "shown, and the memory it takes",
        ["import_bench.py"],
        "2 s; 100 MB",
    ),
    ("Per-call cost of FinerWorksClient over raw httpx", ["client_overhead.py"], "1.15x"),
]


def main() -> int:
    rows = []
    for title, command, budget in BENCHES:
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, str(ROOT / "bench" / command[0]), *command[1:]],
            capture_output=True,
            text=True,
            timeout=900,
            cwd=ROOT,
        )
        lines = [line for line in result.stdout.splitlines() if line.strip()]
        measured = (
            "<br>".join(lines) if result.returncode == 0 else f"failed: {result.stderr[-300:]}"
        )
        rows.append(f"| {title} | {measured} | {budget} |")
        print(f"{title}: {measured} ({time.monotonic() - started:.0f} s)", flush=True)
    document = "\n".join(
        [
            "# Performance",
            "",
            f"Measured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
            "under Xvfb, by `make bench` (bench/run_all.py). Each figure is a median over "
            "several runs unless it says otherwise; stalls are the longest and the 99th "
            "percentile over every 5 ms heartbeat of the run. Where the network matters the "
            "sandbox runs over loopback HTTP with 200 ms added to every answer.",
            "",
            "| Measure | Result | Budget |",
            "|---|---|---|",
            *rows,
            "",
        ]
    )
    (ROOT / "docs").mkdir(exist_ok=True)
    (ROOT / "docs" / "PERFORMANCE.md").write_text(document, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
