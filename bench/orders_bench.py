"""Orders tab at scale (issue 6 budgets).

* 5,000 orders in the local history: loading them into the tab (budget 300 ms) and each
  keystroke of a search (budget 30 ms);
* a background refresh of 500 open orders from fwdesk-sandbox over HTTP, with 200 ms added
  to every answer, during which a 5 ms heartbeat on the GUI thread measures the stalls
  (budget: longest 50 ms, p99 16 ms).

  xvfb-run -a python bench/orders_bench.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from heartbeat import Heartbeat

LATENCY_MS = 200


def synthetic_receipts(count: int):
    from fwdesk.api.orders import Address, OrderItem, QuoteTotals, Receipt

    names = ["Marisol Quintero", "Jonas Whitfield", "Ada Lovelace", "Priya Raman", "Tom Okafor"]
    for n in range(count):
        first, last = names[n % len(names)].split()
        yield Receipt(
            order_id=1_000_000 + n,
            order_po=f"BENCH-{n:06d}",
            date_time=f"2026-{1 + n % 11:02d}-{1 + n % 27:02d}T10:00:00-06:00",
            order_status_id=4 + n % 4,
            order_status_label=["In Production", "Partially Shipped", "Shipped", "Delivered"][
                n % 4
            ],
            recipient=Address(
                first_name=first,
                last_name=last,
                address_1="1 Main St",
                zip_postal_code="78701",
                city="Austin",
                state_code="TX",
            ),
            totals=QuoteTotals(order_grand_total=Decimal(20 + n % 300)),
            order_items=[OrderItem(product_sku="AP2210P48817", product_qty=1 + n % 3)],
        )


def main() -> int:
    os.environ["FWDESK_HOME"] = home = tempfile.mkdtemp(prefix="fwdesk-bench-")
    from PySide6.QtWidgets import QApplication
    from sample_orders import order
    from sandboxes import start_sandbox

    from fwdesk.app import create_app
    from fwdesk.core import order_sync
    from fwdesk.core.order_history import OrderHistory
    from fwdesk.core.store import Store

    running = start_sandbox()
    try:
        with running.client() as api:
            sku = api.list_virtual_inventory(per_page=1).items[0].sku
            for start in range(0, 500, 5):
                api.submit_orders([order(f"OPEN-{n:04d}", sku) for n in range(start, start + 5)])
        window = create_app(["fwdesk", "--sandbox-url", running.url])
        window.resize(1280, 800)
        window.show()
        app = QApplication.instance()

        def settle(done, seconds: float = 60) -> None:
            deadline = time.monotonic() + seconds
            while not done() and time.monotonic() < deadline:
                app.processEvents()
                time.sleep(0.001)

        tab = window.orders
        settle(lambda: not tab.refreshing and tab.model.rowCount() >= 500)
        running.raw("POST", "_sandbox_control", {"latency_ms": LATENCY_MS}).raise_for_status()
        heartbeat = Heartbeat()
        heartbeat.start()
        tab.refresh()
        settle(lambda: not tab.refreshing)
        stalls = heartbeat.stop()

        store = Store(Path(home) / "data" / f"{window.connection.key}.sqlite")
        OrderHistory(store).record_receipts(synthetic_receipts(5000))
        loads, keys = [], []
        history = OrderHistory(store)
        for _ in range(5):
            started = time.perf_counter()
            tab._updated(order_sync.load(history))  # read (a worker's part) and shown
            tab.view.viewport().repaint()
            loads.append(time.perf_counter() - started)
            typed = ""
            for character in "marisol":
                typed += character
                started = time.perf_counter()
                tab.search.setText(typed)
                tab.view.viewport().repaint()
                keys.append(time.perf_counter() - started)
            tab.search.clear()
        window.close()
    finally:
        running.stop()
    print(
        f"{tab.model.rowCount():,} orders: load+paint median "
        f"{statistics.median(loads) * 1000:.0f} ms; "
        f"search keystroke median {statistics.median(keys) * 1000:.1f} ms, "
        f"max {max(keys) * 1000:.1f} ms"
    )
    print(
        f"refresh of 500 open orders over HTTP, {LATENCY_MS} ms latency: "
        f"longest GUI stall {max(stalls):.1f} ms, "
        f"p99 {stalls[int(len(stalls) * 0.99) - 1]:.1f} ms over {len(heartbeat.gaps)} beats"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
