"""Runs the fault suite with its full settings and writes docs/RELIABILITY.md: each fault
requirement, what was done to test it, the figures measured, and whether it held.

    make faults        (Xvfb, a D-Bus session and gnome-keyring, as `make test`; ~10 minutes)

The tests are the ones `make test` runs quickly; here ENVIRONMENT makes them big. A test that
measures something appends a JSON line through tests/fault_report.py; this module is also a
small pytest plugin (loaded with `-p faults`) that notes each test's outcome, so a requirement
whose test failed before it could record anything still shows as failed.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "docs" / "RELIABILITY.md"
LOGS = ROOT / "build" / "faults"

TEST_FILES = (
    "tests/e2e/test_outbox_faults.py",
    "tests/e2e/test_key_scan.py",
    "tests/unit/api/test_parser_fuzz.py",
    "tests/e2e/test_keychain_unavailable.py",
    "tests/unit/core/test_credentials.py",
    "tests/ui/test_disk_full.py",
    "tests/ui/test_disk_full_real.py",
    "tests/unit/core/test_clock_jump.py",
    "tests/unit/api/test_clock_certificate.py",
    "tests/unit/sandbox/test_order_journey.py::test_a_clock_set_back_holds_production_still_"
    "instead_of_undoing_it",
    "tests/unit/core/test_store_open.py",
    "tests/unit/core/test_settings_file.py",
    "tests/unit/core/test_store_migrations.py",
    "tests/e2e/test_damaged_start.py",
    "tests/unit/api/test_hostile_answers.py",
    "tests/unit/core/test_drafts_outbox.py",
    "tests/ui/test_single_instance.py",
    "tests/e2e/test_second_launch.py",
    "tests/unit/core/test_orders_export_weeks.py::test_no_cell_of_the_export_can_run_as_a_formula",
    "tests/unit/core/imports/test_table_file.py::test_a_cell_over_128_kb_names_its_row_and_column",
    "tests/unit/api/test_secrets.py",
    "tests/ui/test_account_switch.py",
)
"""Every file of the fault suite. Add new ones here; a section this script has no description
for is still reported, with the figures its tests recorded."""

ENVIRONMENT = {
    "FWDESK_FAULT_ORDERS": "200",
    "FWDESK_FAULT_SEEDS": "1,2,3,4,5,6,7,8",
    "FWDESK_KILL_RUNS": "10",
    "FWDESK_FUZZ_EXAMPLES": "10000",
}
"""The full settings. One set in the environment wins (a quick check of this script, say:
FWDESK_FUZZ_EXAMPLES=150); the report states the settings it ran with."""
WORKERS = 2
"""pytest processes: the first runs SERIAL_TESTS in order, and the CPU-bound unit tests (the
fuzzing) are shared out between all of them."""
SERIAL_TESTS = ("tests/e2e/", "tests/ui/")
"""Tests that share the X server, the keychain or the machine's ports run in one process."""
TEST_TIMEOUT_S = 1800
REQUIRED_ORDERS = 200
REQUIRED_BODIES = 10_000
"""Issue 8's figures: a run with smaller settings is reported as incomplete, not as a pass."""
OUTCOMES_VARIABLE = "FWDESK_FAULT_OUTCOMES"
FIGURES_VARIABLE = "FWDESK_FAULT_REPORT"

Figures = dict[str, Any]


# -- the pytest plugin ------------------------------------------------------------------------


def pytest_runtest_logreport(report: Any) -> None:
    """Each phase's outcome, one JSON line; a failed setup or teardown fails the test too."""
    target = os.environ.get(OUTCOMES_VARIABLE)
    if not target or (report.when != "call" and report.outcome == "passed"):
        return
    line = {"test": report.nodeid, "when": report.when, "outcome": report.outcome}
    line["duration"] = round(report.duration, 2)
    with open(target, "a", encoding="utf-8") as outcomes:
        outcomes.write(json.dumps(line) + "\n")


# -- running ----------------------------------------------------------------------------------


def command_for_pytest(*args: str) -> list[str]:
    """Named so that pytest, loading this module as a plugin, does not take it for a hook."""
    everything = ["-m", "needs_mount or not needs_mount"]  # make test leaves needs_mount out
    return [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *everything, *args]


def collect(env: dict[str, str]) -> list[str]:
    """Test ids as pytest names them, with the settings that decide the parametrisation."""
    listing = subprocess.run(
        command_for_pytest("--collect-only", "-q", *TEST_FILES),
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    ids = [line.strip() for line in listing.stdout.splitlines() if "::" in line]
    if listing.returncode != 0 or not ids:
        sys.exit(f"collecting the fault tests failed:\n{listing.stdout}\n{listing.stderr}")
    return ids


def share_out(ids: list[str]) -> list[list[str]]:
    """SERIAL_TESTS together in the first worker; each other test to the worker with the least
    work so far, a serial test counting half (it mostly waits on the network or the GUI)."""
    groups: list[list[str]] = [[] for _ in range(WORKERS)]
    load = [0.0] * WORKERS
    for test in ids:
        if test.startswith(SERIAL_TESTS):
            groups[0].append(test)
            load[0] += 0.5
    for test in ids:
        if not test.startswith(SERIAL_TESTS):
            lightest = load.index(min(load))
            groups[lightest].append(test)
            load[lightest] += 1
    return [group for group in groups if group]


def run_workers(groups: list[list[str]], env: dict[str, str]) -> list[int]:
    LOGS.mkdir(parents=True, exist_ok=True)
    running = []
    for number, group in enumerate(groups):
        log = (LOGS / f"worker-{number}.log").open("w", encoding="utf-8")
        command = command_for_pytest("-p", "faults", "-rfE", f"--timeout={TEST_TIMEOUT_S}", *group)
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
        running.append((number, process, log, len(group)))
        print(f"worker {number}: {len(group)} tests, log in {log.name}", flush=True)
    codes = []
    for number, process, log, count in running:
        codes.append(process.wait())
        log.close()
        last = (LOGS / f"worker-{number}.log").read_text(encoding="utf-8").strip().splitlines()
        print(f"worker {number} ({count} tests): {last[-1] if last else 'no output'}", flush=True)
    return codes


# -- reading what the tests left ----------------------------------------------------------------


def read_lines(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def outcomes_by_test(lines: list[dict[str, Any]]) -> dict[str, str]:
    """passed, failed or skipped per test id; any failed phase makes the test failed."""
    result: dict[str, str] = {}
    for line in lines:
        if result.get(line["test"]) != "failed":
            result[line["test"]] = line["outcome"]
    return result


# -- the document -------------------------------------------------------------------------------


def number(value: float) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"


def cell(value: object) -> str:
    """A figure as table text; nested figures (a count per kind, say) inline."""
    if isinstance(value, dict):
        return ", ".join(f"{k} {cell(v)}" for k, v in sorted(value.items())) or "none"
    if isinstance(value, list):
        return ", ".join(cell(v) for v in value) or "none"
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int | float):
        return number(value)
    return str(value).replace("|", "\\|").replace("\n", " ")


def total(runs: list[Figures], key: str) -> int:
    return sum(int(run.get(key, 0)) for run in runs)


def summed_kinds(runs: list[Figures], key: str) -> dict[str, int]:
    kinds: dict[str, int] = {}
    for run in runs:
        for kind, count in (run.get(key) or {}).items():
            kinds[kind] = kinds.get(kind, 0) + count
    return kinds


def measured_outbox(runs: list[Figures]) -> str:
    sent = sorted({run["orders_sent"] for run in runs})
    short = [f"seed {r['seed']}: {r['orders_on_server']}" for r in runs if r["lost"]]
    return (
        f"{plural(len(runs), 'run')} (seeds {cell([r['seed'] for r in runs])}), "
        f"{cell(sent)} orders each; "
        f"orders on the server {cell([r['orders_on_server'] for r in runs])}; "
        f"duplicates {total(runs, 'duplicates')}, lost {total(runs, 'lost')}"
        f"{' (' + '; '.join(short) + ')' if short else ''}, "
        f"left waiting {total(runs, 'still_waiting')}; {total(runs, 'requests')} requests met "
        f"{cell(summed_kinds(runs, 'faults_met'))}; "
        f"{total(runs, 'lost_submit_answers')} submits lost their answer, "
        f"{total(runs, 'duplicate_po_answers')} resends were refused as Duplicate order_po, "
        f"wrongly rejected {total(runs, 'wrongly_rejected')}"
    )


def measured_kill(runs: list[Figures]) -> str:
    return "; ".join(
        f"{r['runs']} sender runs, {r['killed_mid_batch']} killed mid-batch "
        f"({r['killed_with_batch_in_flight']} with a batch in flight), "
        f"{r['placed_before_final_run']} placed before the final run; "
        f"orders on the server {r['orders_on_server']} of {r['orders_sent']}, "
        f"duplicates {r['duplicates']}, lost {r['lost']}"
        for r in runs
    )


def measured_fuzz(runs: list[Figures]) -> str:
    families: dict[str, dict[str, Figures]] = {}
    for run in runs:
        families.setdefault(run["family"], {})[run["kind"]] = run
    per_family = [sum(kind["bodies"] for kind in kinds.values()) for kinds in families.values()]
    distinct = [sum(kind["distinct"] for kind in kinds.values()) for kinds in families.values()]

    def spread(values: list[int]) -> str:
        low, high = min(values), max(values)
        return number(low) if low == high else f"{low:,}–{high:,}"

    kinds = sorted({kind for kinds in families.values() for kind in kinds})
    by_kind = "; ".join(
        f"{kind} {spread([f[kind]['bodies'] for f in families.values() if kind in f])}"
        for kind in kinds
    )
    return (
        f"{len(families)} endpoint families; bodies per family {spread(per_family)} "
        f"({by_kind}), of them distinct {spread(distinct)}"
    )


def measured_keys(runs: list[Figures]) -> str:
    return "; ".join(
        f"{r['files_scanned']} files ({cell(r['wal_files'])} among them, {cell(r['log_files'])}) "
        f"and the captured output and {r['log_records']} log records: "
        f"{r['bytes_scanned']:,} bytes, {r['patterns_per_key']} patterns per key; "
        f"{r['findings']} findings"
        for r in runs
    )


def short_outbox(runs: list[Figures]) -> str | None:
    fewest = min(run["orders_sent"] for run in runs)
    return f"{fewest} orders a run, 200 required" if fewest < REQUIRED_ORDERS else None


def short_kill(runs: list[Figures]) -> str | None:
    if not any(run["killed_mid_batch"] for run in runs):
        return "the sender was never killed mid-batch"
    return short_outbox(runs)


def short_fuzz(runs: list[Figures]) -> str | None:
    fewest = min(run["bodies"] for run in runs)
    kinds = {(run["family"], run["kind"]) for run in runs}
    families = {family for family, _kind in kinds}
    if len(kinds) < 2 * len(families):
        return "a family lacks its generated or its mutated bodies"
    if fewest < REQUIRED_BODIES:
        return f"{fewest:,} bodies of a kind for a family, {REQUIRED_BODIES:,} required"
    return None


def short_keys(runs: list[Figures]) -> str | None:
    return None if all(run["files_scanned"] for run in runs) else "no file was scanned"


@dataclass(frozen=True)
class Requirement:
    section: str
    tests: str | tuple[str, ...]
    """Prefixes of the test ids that check it, so a test that failed early still counts."""
    claim: str
    done: str
    measured: Callable[[list[Figures]], str]
    shortfall: Callable[[list[Figures]], str | None]
    """Why passing tests would not yet show the requirement (a run with small settings)."""


def requirements(settings: dict[str, str]) -> list[Requirement]:
    orders, seeds = settings["FWDESK_FAULT_ORDERS"], settings["FWDESK_FAULT_SEEDS"]
    return [
        Requirement(
            "outbox",
            "tests/e2e/test_outbox_faults.py::test_orders_through",
            "200 orders submitted while the sandbox injects 30% failures (5xx, 429, read "
            "timeouts, malformed JSON, connections dropped after the order was stored) and its "
            'lookups lag behind its submits, so resent orders are answered "Duplicate '
            'order_po": exactly 200 orders on the server, 0 duplicates, 0 lost, 0 wrongly '
            "rejected",
            f"{orders} drafts sent by the outbox over HTTP to an `fwdesk-sandbox --fail-rate 0.3 "
            f"--lookup-lag 0.5`, once per seed ({seeds}); the server's own order list (a test "
            "hook that is never faulted) is compared with the drafts; the client's transport "
            "counts the faults met and the Duplicate order_po answers",
            measured_outbox,
            short_outbox,
        ),
        Requirement(
            "outbox-kill",
            "tests/e2e/test_outbox_faults.py::test_a_sender_killed",
            "The same with the app process killed (SIGKILL) at random points and restarted",
            f"{orders} drafts; a sender process (the outbox, as the app runs it) started "
            f"{settings['FWDESK_KILL_RUNS']} times and SIGKILLed after 0.5–2 s each time, then "
            "run to the end; 30% faults, 15 ms latency and 0.5 s lookup lag throughout",
            measured_kill,
            short_kill,
        ),
        Requirement(
            "fuzz",
            "tests/unit/api/test_parser_fuzz.py::",
            "The response parser fuzzed with hypothesis, at least 10,000 generated and mutated "
            "bodies per endpoint family",
            f"Hypothesis, max_examples {settings['FWDESK_FUZZ_EXAMPLES']} for each of two "
            "strategies per family: random JSON or bytes, and a real sandbox answer with one "
            "part dropped, replaced or retyped; only the client's own errors may escape",
            measured_fuzz,
            short_fuzz,
        ),
        Requirement(
            "keys",
            "tests/e2e/test_key_scan.py::",
            "Keys: after a full session (connect, browse, order, track, errors), no file under "
            "FWDESK_HOME, no log and no crash output contains either key",
            "The real window in-process on Xvfb with the real Secret Service, against a sandbox "
            "that accepts only a random key pair: a wrong key tested and saved, then the right "
            "one; catalogue, prices, an order placed and followed to shipped, a crash inside a "
            "call, 100% faults, a stopped server, a restart. Files scanned (binary) twice, with "
            "the app open (WAL files) and after it quit, plus stdout/stderr and log records, for "
            "the keys plain, URL-encoded, UTF-16 and base64 at each alignment",
            measured_keys,
            short_keys,
        ),
        Requirement(
            "keychain",
            "tests/e2e/test_keychain_unavailable.py::",
            "The keychain unavailable: a clear message, nothing lost",
            "The real app started with no session bus (so no Secret Service) after an account "
            "was saved in gnome-keyring, then started again with it; a keyring backend failing "
            "with a non-keyring error on load, save and delete",
            measured_cases,
            lambda runs: None,
        ),
        Requirement(
            "disk-full",
            "tests/ui/test_disk_full",
            "The disk full (SQLite write fails): a clear message, nothing lost",
            "FWDESK_HOME on an 8 MB tmpfs filled with a file while an order is typed and sent; "
            "and, fast, a store refusing every write with SQLITE_FULL while typing, switching "
            "drafts, quitting and refreshing the catalogue",
            measured_cases,
            short_disk,
        ),
        Requirement(
            "clock-jump",
            "tests/unit/core/test_clock_jump.py::",
            "The clock jumping: a clear message, nothing lost",
            "The shop's clock set back and forward while orders are sent and tracked (FinerWorks "
            "keeping its own time); a TLS server whose certificate starts tomorrow",
            measured_cases,
            lambda runs: None,
        ),
        Requirement(
            "damaged-data",
            (
                "tests/unit/core/test_store_open.py::",
                "tests/unit/core/test_settings_file.py::",
                "tests/unit/core/test_store_migrations.py::",
                "tests/e2e/test_damaged_start.py::",
            ),
            "Start-up survives its own data: a damaged, newer or unwritable database and a "
            "damaged settings file or account entry start the app with a message; the damaged "
            "file is kept untouched",
            "Real files damaged five ways (random bytes, truncated, header only, a page "
            "overwritten, the schema page zeroed), a `user_version` above this build's, a data "
            "folder that cannot be made, settings that are not JSON or hold bad account "
            "entries; the packaged app's `--smoke-test` started on each, and on a folder it "
            "cannot write (as an unprivileged user); every schema step upgraded on a real file",
            measured_tally,
            short_tally,
        ),
        Requirement(
            "deadline",
            "tests/unit/api/test_hostile_answers.py::test_a_trickling",
            "Every call has a deadline, even against a server that trickles its answer",
            "A loopback server sends HTTP 200 then one byte every 0.25 s; a write with a 1.5 s "
            "deadline (and a 2 s read timeout that each byte resets) must end as outcome unknown",
            measured_cases,
            lambda runs: None,
        ),
        Requirement(
            "two-senders",
            (
                "tests/e2e/test_outbox_faults.py::test_two_senders",
                "tests/unit/core/test_drafts_outbox.py::test_a_c",
                "tests/unit/core/test_drafts_outbox.py::test_claims",
                "tests/unit/core/test_drafts_outbox.py::test_recovery_leaves",
                "tests/ui/test_single_instance.py::",
                "tests/e2e/test_second_launch.py::",
            ),
            "Two windows never send one draft twice: a second launch hands over to the first, "
            "and each draft is claimed in SQLite before it is sent",
            "Two sender processes on one database, started together, against a sandbox that "
            "accepts reused POs (`--allow-reused-pos`); the real app launched twice on one data "
            "folder; a crashed sender's claim and socket left behind",
            measured_cases,
            lambda runs: None,
        ),
        Requirement(
            "csv-injection",
            (
                "tests/unit/core/test_orders_export_weeks.py::test_no_cell",
                "tests/unit/core/imports/test_table_file.py::test_a_cell_over_128_kb",
            ),
            "Safe files: no exported cell runs as a spreadsheet formula; oversized import cells "
            "are refused with their row",
            "An order whose customer, status, carrier and tracking number start with `=`, `+`, "
            "`@` and `-`, exported and read back; a 200 KB cell in an import",
            measured_tally,
            short_tally,
        ),
        Requirement(
            "hostile-answers",
            ("tests/unit/api/test_hostile_answers.py::", "tests/unit/api/test_secrets.py::"),
            "Errors name their cause and keys cannot leak: 401/403 with any body, every other "
            "status named, 100,000 nested arrays, short, non-ASCII and echoed keys",
            "Scripted answers through the real client; log records, exception text and "
            "draft messages searched for each key in every spelling",
            lambda runs: "; ".join(cell(run) for run in runs),
            lambda runs: None,
        ),
        Requirement(
            "account-switch",
            "tests/ui/test_account_switch.py::",
            "Account switch is total: nothing of the previous account is shown after a switch, "
            "even with its refresh in flight",
            "Two sandbox accounts with one PO each (different customers); the real window "
            "switched while the first account's refresh was on its way",
            measured_tally,
            short_tally,
        ),
    ]


def measured_tally(runs: list[Figures]) -> str:
    """Cases tried, held and lost over every run of a section, with the cases named."""
    cases = [str(run.get("case", "case")) for run in runs]
    return (
        f"{total(runs, 'tried')} cases tried, {total(runs, 'held')} held, lost "
        f"{total(runs, 'lost')}: " + ", ".join(cases)
    )


def short_tally(runs: list[Figures]) -> str | None:
    held, tried = total(runs, "held"), total(runs, "tried")
    return None if tried and held == tried and not total(runs, "lost") else "a case did not hold"


def measured_cases(runs: list[Figures]) -> str:
    return "; ".join(
        f"{run.get('case', 'case')}: "
        + ", ".join(f"{k} {cell(v)}" for k, v in run.items() if k != "case")
        for run in runs
    )


def short_disk(runs: list[Figures]) -> str | None:
    real = any("filler_bytes" in run for run in runs)
    return None if real else "the real (tmpfs) disk was not filled"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def verdict(tests: list[str], outcomes: dict[str, str], shortfall: str | None = None) -> str:
    if not tests:
        return "**FAIL** (no test ran)"
    failed = [test.split("::", 1)[-1] for test in tests if outcomes.get(test) != "passed"]
    if failed:
        named = ", ".join(f"`{name}`" for name in failed[:4]) + (", …" if len(failed) > 4 else "")
        return f"**FAIL** ({len(failed)} of {plural(len(tests), 'test')}: {named})"
    if shortfall:
        return f"**INCOMPLETE**: tests pass, but {shortfall}"
    return f"PASS ({plural(len(tests), 'test')})"


def detail_table(section: str, lines: list[dict[str, Any]]) -> list[str]:
    """Every figure line of a section, for the reader who wants each run."""
    keys: list[str] = []
    for line in lines:
        keys += [k for k in line["figures"] if k not in keys]
    rows = [f"### {section}", "", "| test | " + " | ".join(keys) + " |"]
    rows.append("|---" * (len(keys) + 1) + "|")
    for line in sorted(lines, key=lambda line: line["test"]):
        values = [cell(line["figures"].get(k, "")) for k in keys]
        rows.append(f"| `{line['test'].split('::', 1)[-1]}` | " + " | ".join(values) + " |")
    return [*rows, ""]


def render(
    figures: list[dict[str, Any]],
    outcomes: dict[str, str],
    settings: dict[str, str],
    seconds: float,
) -> str:
    by_section: dict[str, list[dict[str, Any]]] = {}
    for line in figures:
        by_section.setdefault(line["section"], []).append(line)
    rows, accounted = [], set()
    for need in requirements(settings):
        lines = by_section.get(need.section, [])
        tests = sorted({t for t in outcomes if t.startswith(need.tests)})
        accounted.update(tests)
        runs = [line["figures"] for line in lines]
        try:
            measured = need.measured(runs) if runs else "no figures recorded"
            shortfall = need.shortfall(runs) if runs else "no figures were recorded"
        except (KeyError, TypeError, ValueError) as problem:
            measured = shortfall = f"figures unreadable ({problem!r})"
        result = verdict(tests, outcomes, shortfall)
        rows.append(f"| {need.claim} | {need.done} | {cell(measured)} | {result} |")
    known = {need.section for need in requirements(settings)}
    for section, lines in sorted(by_section.items()):
        if section in known:
            continue
        tests = sorted({line["test"] for line in lines if line["test"]})
        accounted.update(tests)
        measured = "; ".join(cell(line["figures"]) for line in lines)
        rows.append(f"| {section} | {cell(tests)} | {measured} | {verdict(tests, outcomes)} |")
    others = sorted(t for t, outcome in outcomes.items() if t not in accounted)
    if others:
        rows.append(
            f"| Other fault-suite tests | {plural(len(others), 'test')} without figures | — "
            f"| {verdict(others, outcomes)} |"
        )
    details = [row for s, lines in sorted(by_section.items()) for row in detail_table(s, lines)]
    passed = sum(1 for outcome in outcomes.values() if outcome == "passed")
    return "\n".join(
        [
            "# Reliability",
            "",
            f"Measured {time.strftime('%Y-%m-%d')} by `make faults` (scripts/faults.py) in "
            f"{seconds / 60:.1f} minutes on {os.cpu_count()} cores, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}, commit {commit()}; "
            f"{passed} of {len(outcomes)} tests passed. Settings: "
            + ", ".join(f"`{k}={v}`" for k, v in settings.items())
            + ". `make test` runs the same tests with small settings.",
            "",
            "| Requirement | What was done | Measured | Result |",
            "|---|---|---|---|",
            *rows,
            "",
            "## Figures of each run",
            "",
            *details,
        ]
    )


def commit() -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], capture_output=True, text=True, cwd=ROOT)
        return done.stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    return f"{head} with local changes" if git("status", "--porcelain", "--", "fwdesk") else head


def main() -> int:
    started = time.monotonic()
    settings = {name: os.environ.get(name, value) for name, value in ENVIRONMENT.items()}
    scratch = Path(tempfile.mkdtemp(prefix="fwdesk-faults-"))
    figures_file, outcomes_file = scratch / "figures.jsonl", scratch / "outcomes.jsonl"
    env = {
        **os.environ,
        **settings,
        FIGURES_VARIABLE: str(figures_file),
        OUTCOMES_VARIABLE: str(outcomes_file),
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(ROOT / "scripts"), os.environ.get("PYTHONPATH")])
        ),
    }
    collected = collect(env)
    codes = run_workers(share_out(collected), env)
    outcomes = {test: "not run" for test in collected}
    outcomes.update(outcomes_by_test(read_lines(outcomes_file)))
    document = render(read_lines(figures_file), outcomes, settings, time.monotonic() - started)
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(document, encoding="utf-8")
    failed = sorted(t for t, outcome in outcomes.items() if outcome != "passed")
    print(f"{REPORT.relative_to(ROOT)} written in {(time.monotonic() - started) / 60:.1f} min")
    for test in failed:
        print(f"FAILED {test}")
    return 0 if not failed and all(code == 0 for code in codes) else 1


if __name__ == "__main__":
    raise SystemExit(main())
