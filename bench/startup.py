"""Process start to first painted window, median of N runs (issue 3 and 8 budgets).

    python bench/startup.py [--runs 5] [--frozen build/dist/fwdesk/fwdesk]

Measures fwdesk from source (`python -m fwdesk.app --demo`) and, when given, the frozen
onedir build; each beside a bare PySide6 window (bench/bare_window.py) started the same way,
the bare one frozen with PyInstaller into build/bench on first use. Each run gets a fresh
FWDESK_HOME, so every start is a first start (the database is created and migrated). Needs a
display (run under xvfb-run).

Every start finds its modules compiled, as a user's does (an installed app ships its bytecode,
a source tree writes it on the first run): the warm-up run writes it to build/bench/pycache,
never into the source tree. A PYTHONDONTWRITEBYTECODE set in the shell would otherwise have
each start from source compile fwdesk's own modules again (about 40 ms here): work no user's
start does, and that the bare window, a single small script, hardly has.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BARE = ROOT / "bench" / "bare_window.py"
BARE_FROZEN = ROOT / "build" / "bench" / "dist" / "bare_window" / "bare_window"
PYCACHE = ROOT / "build" / "bench" / "pycache"


def one_run(command: list[str]) -> float:
    with tempfile.TemporaryDirectory() as home:
        env = {
            **os.environ,
            "FWDESK_HOME": home,
            "FWDESK_STARTUP_PROBE": "quit",
            "PYTHONPYCACHEPREFIX": str(PYCACHE),
        }
        env.pop("QT_QPA_PLATFORM", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        started = time.time()
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    for line in result.stdout.splitlines():
        if line.startswith("first-paint "):
            return float(line.split()[1]) - started
    raise RuntimeError(f"no first-paint line from {command}: {result.stderr[-500:]}")


def median_ms(command: list[str], runs: int) -> tuple[float, list[float]]:
    one_run(command)  # warm the file cache and write the bytecode; not counted
    times = [one_run(command) * 1000 for _ in range(runs)]
    return statistics.median(times), times


def freeze_bare_window() -> Path:
    """The bare window as a PyInstaller onedir, so the frozen app has a yardstick too."""
    if not BARE_FROZEN.exists():
        work = ROOT / "build" / "bench"
        subprocess.run(
            [
                str(Path(sys.executable).with_name("pyinstaller")),
                "--noconfirm",
                "--log-level",
                "WARN",
                "--windowed",
                "--onedir",
                "--distpath",
                str(work / "dist"),
                "--workpath",
                str(work / "work"),
                "--specpath",
                str(work),
                str(BARE),
            ],
            check=True,
            cwd=ROOT,
        )
    return BARE_FROZEN


def line(label: str, app: tuple[float, list[float]], bare: tuple[float, list[float]]) -> str:
    (app_ms, times), (bare_ms, _) = app, bare
    return (
        f"{label}: median {app_ms:.0f} ms (min {min(times):.0f}, max {max(times):.0f}, "
        f"n={len(times)}); bare PySide6 window {bare_ms:.0f} ms; ratio {app_ms / bare_ms:.2f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--frozen", type=Path, help="the onedir build's executable")
    args = parser.parse_args()
    source = median_ms([sys.executable, "-m", "fwdesk.app", "--demo"], args.runs)
    bare = median_ms([sys.executable, str(BARE)], args.runs)
    print(line("from source", source, bare))
    if args.frozen:
        frozen = median_ms([str(args.frozen), "--demo"], args.runs)
        bare_frozen = median_ms([str(freeze_bare_window())], args.runs)
        print(line("frozen", frozen, bare_frozen))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
