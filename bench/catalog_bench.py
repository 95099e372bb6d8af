"""Catalogue tab at scale: 50,000 products in the cache (issue 4 budgets).

Measures, median of several runs:
  * opening: loading the cache into the tab and painting it (budget 300 ms);
  * each keystroke of a search typed into the search box, filter plus repaint (budget 30 ms).

    xvfb-run -a python bench/catalog_bench.py [--products 50000] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path


def synthetic(snapshot, count: int):
    """The demo catalogue's products repeated with new SKUs until there are `count`."""
    base = snapshot.products
    return [
        base[i % len(base)]._replace(
            sku=f"{base[i % len(base)].sku}-{i // len(base)}",
            price=(base[i % len(base)].price or Decimal(1)) + Decimal(i % 97),
        )
        for i in range(count)
    ]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="fwdesk-bench-"))
    os.environ["FWDESK_HOME"] = str(home)

    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from sandboxes import inprocess_client

    from fwdesk.core.catalog import CatalogCache, download_catalog
    from fwdesk.core.store import Store

    with inprocess_client() as api:
        snapshot = download_catalog(api, lambda done, total: None)
    snapshot.products = synthetic(snapshot, args.products)
    CatalogCache(Store(home / "data" / "demo.sqlite")).save(snapshot)

    from PySide6.QtWidgets import QApplication

    from fwdesk.app import create_app

    window = create_app(["fwdesk", "--demo"])
    window.resize(1280, 800)
    window.show()
    app = QApplication.instance()
    catalog = window.catalog
    opening, keystrokes = [], []
    for _ in range(args.runs):
        catalog.search.clear()
        app.processEvents()
        started = time.perf_counter()
        catalog.load_cache()
        catalog.view.viewport().repaint()
        opening.append(time.perf_counter() - started)
        typed = ""
        for character in "canvas 16 x 20":
            typed += character
            started = time.perf_counter()
            catalog.search.setText(typed)
            catalog.view.viewport().repaint()
            keystrokes.append(time.perf_counter() - started)
    shown = catalog.model.rowCount()
    window.close()
    print(
        f"{catalog.model.total():,} products: open+paint median "
        f"{statistics.median(opening) * 1000:.0f} ms (max {max(opening) * 1000:.0f}); "
        f"keystroke median {statistics.median(keystrokes) * 1000:.1f} ms, "
        f"p95 {sorted(keystrokes)[int(len(keystrokes) * 0.95)] * 1000:.1f} ms, "
        f"max {max(keystrokes) * 1000:.1f} ms ({shown} rows match the full search)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
