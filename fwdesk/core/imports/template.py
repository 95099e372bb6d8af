"""File > Save import template: FinerWorks' own spreadsheet layout (API.md 9.8) with one
example row, so a shop without a store has a sheet to fill in that fwdesk and FinerWorks'
dashboard both read.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

COLUMNS = (
    "order_po",
    "ship_first_name",
    "ship_last_name",
    "ship_company_name",
    "ship_address_1",
    "ship_address_2",
    "ship_city",
    "ship_state_code",
    "ship_province",
    "ship_zip",
    "ship_country_code",
    "ship_phone",
    "ship_email",
    "product_qty",
    "product_sku",
    "product_image_file_url",
    "product_thumb_url",
    "product_cropping",
    "shipping_code",
    "webhook_order_status_url",
)
EXAMPLE = (
    "WEB-1001",
    "Marisol",
    "Quintero",
    "",
    "1220 SE Hawthorne Blvd",
    "Apt 4",
    "Portland",
    "OR",
    "",
    "97214",
    "US",
    "541-555-0137",
    "marisol@example.net",
    "2",
    "AP2210P48817",
    "https://example.com/prints/heron-at-dusk.jpg",
    "https://example.com/prints/heron-at-dusk-thumb.jpg",
    "fit",
    "SD",
    "",
)


def save_template(path: Path) -> None:
    """An .xlsx workbook when the name asks for one (FinerWorks' dashboard reads its first
    sheet), CSV otherwise. Text cells throughout, so Excel keeps the ZIP's leading zeros."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "Orders"
        sheet.append(COLUMNS)
        sheet.append(EXAMPLE)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.number_format = "@"
        book.save(path)
        return
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerow(EXAMPLE)
    path.write_text(out.getvalue(), encoding="utf-8-sig")
