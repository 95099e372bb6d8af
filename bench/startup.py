"""Process start to first painted window, median of N runs (issue 3 and 8 budgets).

    python bench/startup.py [--runs 5] [-- COMMAND...]

Without a command it starts `python -m fwdesk.app --demo` from source. Needs a display
(run under xvfb-run). Each run gets a fresh FWDESK_HOME.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def one_run(command: list[str]) -> float:
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "FWDESK_HOME": home, "FWDESK_STARTUP_PROBE": "quit"}
        env.pop("QT_QPA_PLATFORM", None)
        started = time.time()
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    for line in result.stdout.splitlines():
        if line.startswith("first-paint "):
            return float(line.split()[1]) - started
    raise RuntimeError(f"no first-paint line from {command}: {result.stderr[-500:]}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("command", nargs="*")
    args = parser.parse_args()
    command = args.command or [sys.executable, "-m", "fwdesk.app", "--demo"]
    one_run(command)  # warm the file cache; not counted
    times = [one_run(command) for _ in range(args.runs)]
    print(
        f"start to first paint: median {statistics.median(times) * 1000:.0f} ms "
        f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}, n={len(times)})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
