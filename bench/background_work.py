"""The GUI while heavy work runs behind it, and the memory it holds afterwards (issue 8).

Against `fwdesk-sandbox` over loopback HTTP with `--latency-ms` (default 200) added to every
answer, a 5 ms heartbeat on the GUI thread measures the stalls while
  * the catalogue tab refreshes a 50,000-product catalogue (the sandbox grown with
    `--catalog-products`): every price batch, the save and the swap into the table;
  * the import dialog submits 200 orders from a CSV in batches of 5 ("Submit all").
Then 5,000 orders are loaded into the Orders tab beside the 50,000 products, and the
process's resident memory is read (budget 250 MB).

    xvfb-run -a python bench/background_work.py [--latency-ms 200] [--products 50000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from heartbeat import Heartbeat
from orders_bench import synthetic_receipts


def resident_mb() -> tuple[float, float]:
    """Current and peak resident set size, from /proc (the benchmarks run on Linux)."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def summary(what: str, stalls: list[float], beats: int, seconds: float) -> str:
    p99 = stalls[max(0, int(len(stalls) * 0.99) - 1)]
    return (
        f"{what} (one run, {seconds:.0f} s, {beats} beats): "
        f"longest GUI stall {max(stalls):.1f} ms, p99 {p99:.1f} ms, "
        f"median {statistics.median(stalls):.2f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--latency-ms", type=int, default=200)
    parser.add_argument("--products", type=int, default=50_000)
    parser.add_argument("--orders", type=int, default=200)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="fwdesk-bench-"))
    os.environ["FWDESK_HOME"] = str(home)
    import pytest
    from PySide6.QtWidgets import QApplication
    from sample_orders import csv_row
    from sandboxes import start_sandbox
    from window_checks import SendAnswers

    from fwdesk.app import create_app
    from fwdesk.core.imports.layouts import FWDESK_COLUMNS as COLUMNS
    from fwdesk.core.order_history import OrderHistory
    from fwdesk.ui.dialogs.import_dialog import ImportDialog

    running = start_sandbox(
        "--catalog-products", str(args.products), "--latency-ms", str(args.latency_ms)
    )
    lines = []
    try:
        window = create_app(["fwdesk", "--sandbox-url", running.url])
        window.resize(1280, 800)
        window.show()
        app = QApplication.instance()

        def settle(done, seconds: float) -> None:
            deadline = time.monotonic() + seconds
            while not done() and time.monotonic() < deadline:
                app.processEvents()
                time.sleep(0.001)

        def watched(done, seconds: float) -> tuple[list[float], int, float]:
            heartbeat = Heartbeat()
            heartbeat.start()
            started = time.monotonic()
            settle(done, seconds)
            settle(lambda: False, 1.0)  # the repaints that follow the last answer
            stalls = heartbeat.stop()
            return stalls, len(heartbeat.gaps), time.monotonic() - started

        # An empty cache starts a refresh as the window opens; let the opening settle first.
        settle(lambda: False, 1.0)
        catalog = window.catalog
        assert catalog.refreshing, "the first start should be refreshing the catalogue"
        stalls, beats, seconds = watched(lambda: not catalog.refreshing, 1800)
        shown = catalog.model.total()
        lines.append(summary(f"catalogue refresh, {shown:,} products", stalls, beats, seconds))

        sheet = home / "orders.csv"
        rows = [csv_row(f"BENCH-{n:04d}", quantity=str(1 + n % 3)) for n in range(args.orders)]
        sheet.write_text("\n".join([",".join(COLUMNS), *rows]) + "\n", encoding="utf-8")
        dialog = ImportDialog(
            window.service,
            window.store,
            window.session.sender,
            window.order.po_prefix,
            lambda: "bench",
            window,
        )
        dialog.show()
        dialog.load(sheet)
        settle(lambda: False, 0.5)
        SendAnswers().install(pytest.MonkeyPatch())  # Send, with the first way to pay
        dialog.submit_all()
        stalls, beats, seconds = watched(
            lambda: dialog.send_job is not None and not dialog.sending, 600
        )
        placed = len(running.server_orders())
        lines.append(
            summary(f"{args.orders}-order batch submit, {placed} placed", stalls, beats, seconds)
        )
        dialog.close()
        dialog.deleteLater()  # as the window does once an import is closed

        OrderHistory(window.store).record_receipts(synthetic_receipts(5000))
        window.orders.load_local()
        window.tabs.setCurrentWidget(window.orders)
        settle(lambda: window.orders.model.rowCount() >= 5000, 60)
        settle(lambda: False, 1.0)
        current, peak = resident_mb()
        lines.append(
            f"resident memory with {catalog.model.total():,} products and "
            f"{window.orders.model.rowCount():,} orders loaded: {current:.0f} MB "
            f"(peak {peak:.0f} MB)"
        )
        window.close()
    finally:
        running.stop()
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
