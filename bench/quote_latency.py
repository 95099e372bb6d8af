"""Time from the last keystroke to the shipping quote painted, minus the server's time.

The window, connected to `fwdesk-sandbox` over loopback HTTP with `--latency-ms` (default 200)
added to every answer, gets a recipient and two items; then the postal code is retyped N
times. For each: total = keystroke -> quote table painted; server = the list_shipping_options
call itself, timed in the worker (the network wait included). Reported: total, server, the
300 ms typing pause the form waits for on purpose, and what is left (the app's own cost).

    xvfb-run -a python bench/quote_latency.py [--runs 15] [--latency-ms 200]
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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--latency-ms", type=int, default=200)
    args = parser.parse_args()
    os.environ["FWDESK_HOME"] = tempfile.mkdtemp(prefix="fwdesk-bench-")
    from PySide6.QtWidgets import QApplication
    from sample_orders import PORTLAND
    from sandboxes import start_sandbox

    from fwdesk.app import create_app
    from fwdesk.core.drafts import DraftItem
    from fwdesk.ui.tabs.order import quote_controller

    server_times: list[float] = []
    original = quote_controller._quote

    def timed(context, order):
        started = time.perf_counter()
        try:
            return original(context, order)
        finally:
            server_times.append(time.perf_counter() - started)

    quote_controller._quote = timed
    running = start_sandbox("--latency-ms", str(args.latency_ms))
    window = create_app(["fwdesk", "--sandbox-url", running.url])
    window.resize(1280, 800)
    window.show()
    app = QApplication.instance()
    order = window.order
    window.tabs.setCurrentWidget(order)
    shown: list[int] = []
    order.quotes.quoted.connect(lambda _quote: shown.append(order.quotes.generation))

    def settle(done, seconds: float = 10) -> None:
        deadline = time.monotonic() + seconds
        while not done() and time.monotonic() < deadline:
            app.processEvents()
            # A pause, not a spin: PySide6 6.12's processEvents() drops a reference to None on
            # each call, and a few million calls bring the interpreter down.
            time.sleep(0.0005)

    order.recipient.set_address(PORTLAND)
    order._edited()
    order.items.add_item(DraftItem("AP2210P48817", 2, "Heron at Dusk"))
    order.items.add_item(DraftItem("AP2201P48798", 1, "Heron at First Light"))
    settle(lambda: order.quote.table.rowCount() > 0, 30)
    totals = []
    for run in range(args.runs):
        server_times.clear()
        before = len(shown)
        order.recipient.zip.setText("97201" if run % 2 else "97205")
        started = time.perf_counter()
        order.recipient.zip.textEdited.emit(order.recipient.zip.text())
        settle(lambda b=before: len(shown) > b, 30)
        order.quote.table.viewport().repaint()
        totals.append(time.perf_counter() - started)
    window.close()
    running.stop()
    total = statistics.median(totals) * 1000
    server = statistics.median(server_times) * 1000 if server_times else 0.0
    pause = quote_controller.QUOTE_DELAY_MS
    print(
        f"keystroke to quote painted: median {total:.0f} ms = {pause} ms typing pause + "
        f"{server:.1f} ms server + {total - pause - server:.1f} ms app (n={len(totals)})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
