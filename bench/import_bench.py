"""A 5,000-row order file in the import dialog: from choosing it to the preview shown, and
the memory it takes, for a Shopify export (CSV) and FinerWorks' spreadsheet (.xlsx).

Each run is a fresh dialog on the demo account; the preview counts once the plan is on
screen (FinerWorks' answer on which orders it already has comes after, and is not counted).
Memory is the resident size after the preview minus before the file was chosen.

    xvfb-run -a python bench/import_bench.py [--rows 5000] [--runs 3]
"""

from __future__ import annotations

import argparse
import csv
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from background_work import resident_mb

SHOPIFY = (
    "Name,Email,Currency,Total,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,"
    "Lineitem requires shipping,Shipping Name,Shipping Address1,Shipping City,Shipping Zip,"
    "Shipping Province,Shipping Country,Shipping Phone,Cancelled at"
).split(",")


def shopify_rows(count: int) -> list[list[str]]:
    rows = []
    for n in range(count):
        order, first = n // 2, n % 2 == 0
        address = (
            [f"Customer {order}", f"{order} Main St", "Austin", "78701", "TX", "US", "512-555-0100"]
            if first
            else [""] * 7
        )
        rows.append(
            [
                *(f"#B{order:05d}", "shop@example.com" if first else "", "USD", "90.00", "1"),
                *(f"Print {n % 40}", "45.00", f"SKU-{n % 40}", "true"),
                *address,
                "",
            ]
        )
    return rows


def write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(SHOPIFY)
        writer.writerows(rows)


def write_xlsx(path: Path, count: int) -> None:
    from openpyxl import Workbook

    from fwdesk.core.imports.template import COLUMNS

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Orders")
    sheet.append(COLUMNS)
    for n in range(count):
        order = n // 2
        sheet.append(
            [
                *(f"B{order:05d}", "Ann", f"Lee {order}", "", f"{order} Main St", "", "Austin"),
                *("TX", "", 78701, "US", "512-555-0100", "", 1, "AP2210P48817", "", ""),
                *("fit", "SD", ""),
            ]
        )
    book.save(path)


def preview_once(window, path: Path) -> tuple[float, float, int]:
    from PySide6.QtWidgets import QApplication

    from fwdesk.ui.dialogs.import_dialog import ImportDialog

    dialog = ImportDialog(
        window.service, window.store, window.session.sender, "B-", lambda: "bench", window
    )
    dialog.show()
    gc.collect()
    before, _ = resident_mb()
    started = time.perf_counter()
    dialog.load(path)
    while dialog.plan is None and time.perf_counter() - started < 60:
        QApplication.processEvents()
        time.sleep(0.001)
    dialog.preview.viewport().repaint()
    took = time.perf_counter() - started
    after, _ = resident_mb()
    orders = len(dialog.plan.orders) if dialog.plan else 0
    while dialog.checking:
        QApplication.processEvents()
        time.sleep(0.001)
    dialog.close()
    dialog.deleteLater()
    return took, after - before, orders


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="fwdesk-bench-"))
    os.environ["FWDESK_HOME"] = str(home)
    from fwdesk.app import create_app

    window = create_app(["fwdesk", "--demo"])
    window.show()
    files = {"Shopify CSV": home / "orders_export.csv", "FinerWorks .xlsx": home / "orders.xlsx"}
    write_csv(files["Shopify CSV"], shopify_rows(args.rows))
    write_xlsx(files["FinerWorks .xlsx"], args.rows)
    lines = []
    for label, path in files.items():
        runs = [preview_once(window, path) for _ in range(args.runs)]
        times = [t * 1000 for t, _, _ in runs]
        grown = max(m for _, m, _ in runs)
        lines.append(
            f"{label}, {args.rows:,} rows ({runs[0][2]:,} orders): preview shown in median "
            f"{statistics.median(times):.0f} ms (max {max(times):.0f}, n={len(times)}); "
            f"memory +{grown:.0f} MB"
        )
    window.close()
    print("<br>".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
