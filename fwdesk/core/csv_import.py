"""Orders from a spreadsheet: one row per line item, rows grouped by an order reference.

The columns are documented in resources/sample-orders.csv (README of the file is its header).
Every row is checked with the same rules as the order form; an order with any wrong row is
reported and skipped, and the others still import.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from fwdesk.api.orders import Address
from fwdesk.core.drafts import EXTRAS, Draft, DraftItem, DraftStore
from fwdesk.core.order_rules import check_draft

RECIPIENT_COLUMNS = (
    "first_name",
    "last_name",
    "company_name",
    "address_1",
    "address_2",
    "address_3",
    "city",
    "state_code",
    "province",
    "zip_postal_code",
    "country_code",
    "phone",
    "email",
)
ORDER_COLUMNS = ("shipping_code", *EXTRAS[:6], "test_mode")
"""The sheet carries every extra but the shop's own carrier accounts."""
ITEM_COLUMNS = ("sku", "quantity", "title", "image_url", "pixel_width", "pixel_height")
REQUIRED_COLUMNS = (
    "order_ref",
    "first_name",
    "last_name",
    "address_1",
    "zip_postal_code",
    "country_code",
    "sku",
    "quantity",
)
COLUMNS = ("order_ref", *RECIPIENT_COLUMNS, *ORDER_COLUMNS, *ITEM_COLUMNS)
DEFAULT_SHIPPING = "SD"


@dataclass
class ImportedOrder:
    ref: str
    draft: Draft
    rows: list[int] = field(default_factory=list)
    problems: dict[str, str] = field(default_factory=dict)
    """Field -> message; empty when the order can become a draft."""

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class CsvImport:
    orders: list[ImportedOrder]
    file_problems: list[str]
    """Problems with the file itself (missing columns, unreadable rows)."""

    @property
    def valid(self) -> list[ImportedOrder]:
        return [o for o in self.orders if o.ok]


CELL_LIMIT_KB = csv.field_size_limit() // 1024
"""No order field comes near this (the longest, a gift message, is 500 characters): a larger
cell is a damaged or hostile file, refused with its row."""


def parse_orders_csv(text: str) -> CsvImport:
    try:
        return _parse(text)
    except csv.Error as error:
        line = getattr(error, "line", None)
        return CsvImport([], [_unreadable(line, error)])


def _unreadable(line: int | None, error: csv.Error) -> str:
    where = f"Row {line}" if line else "The file"
    if "field larger than field limit" in str(error):
        return (
            f"{where} has a cell longer than {CELL_LIMIT_KB} KB, far more than any order "
            "field holds; the file was not imported."
        )
    return f"{where} could not be read as CSV ({error}); the file was not imported."


def _parse(text: str) -> CsvImport:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    try:
        fieldnames = reader.fieldnames
    except csv.Error as error:
        error.line = reader.line_num
        raise
    header = [h.strip().lower() for h in fieldnames or []]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        return CsvImport([], [f"The file has no column {', '.join(missing)}."])
    reader.fieldnames = header
    groups: dict[str, ImportedOrder] = {}
    problems: list[str] = []
    for line, row in _rows(reader):
        values = {k: (v or "").strip() for k, v in row.items() if k}
        ref = values.get("order_ref", "")
        if not ref:
            problems.append(f"Row {line}: no order_ref, so it belongs to no order.")
            continue
        order = groups.get(ref)
        if order is None:
            order = groups[ref] = ImportedOrder(ref, _draft_from(values))
        elif _recipient(values) not in (order.draft.recipient, Address(country_code="")):
            order.problems[f"row {line}"] = "The recipient differs from this order's first row."
        order.rows.append(line)
        item, item_problem = _item(values)
        if item_problem:
            order.problems[f"row {line} quantity"] = item_problem
        order.draft = replace(order.draft, items=(*order.draft.items, item))
    for order in groups.values():
        for key, message in check_draft(order.draft, for_submit=True).items():
            order.problems.setdefault(key, message)
    return CsvImport(list(groups.values()), problems)


def _rows(reader: csv.DictReader) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number, row); a row that cannot be read raises csv.Error naming its row."""
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            error.line = line + 1
            raise
        line += 1
        yield line, row


def _recipient(values: dict[str, str]) -> Address:
    fields = {name: values.get(name) or None for name in RECIPIENT_COLUMNS}
    return Address(
        **{
            **fields,
            "first_name": values.get("first_name", ""),
            "last_name": values.get("last_name", ""),
            "address_1": values.get("address_1", ""),
            "zip_postal_code": values.get("zip_postal_code", ""),
            "country_code": values.get("country_code", "").lower(),
        }
    )


def _draft_from(values: dict[str, str]) -> Draft:
    return Draft(
        order_po="IMPORT",  # replaced by the real PO when the draft is created
        recipient=_recipient(values),
        shipping_code=(values.get("shipping_code") or DEFAULT_SHIPPING).upper(),
        test_mode=values.get("test_mode", "").lower() in ("1", "yes", "true", "y"),
        **{name: values.get(name) or None for name in ORDER_COLUMNS[1:-1]},
    )


def _item(values: dict[str, str]) -> tuple[DraftItem, str]:
    quantity_text = values.get("quantity", "")
    quantity = int(quantity_text) if quantity_text.isdigit() else 0
    problem = "" if quantity_text.isdigit() else f"Quantity “{quantity_text}” is not a number."
    width, height = values.get("pixel_width", ""), values.get("pixel_height", "")
    return (
        DraftItem(
            sku=values.get("sku", ""),
            quantity=quantity,
            title=values.get("title", ""),
            image_url=values.get("image_url") or None,
            pixel_width=int(width) if width.isdigit() else None,
            pixel_height=int(height) if height.isdigit() else None,
        ),
        problem,
    )


def create_drafts(drafts: DraftStore, imported: CsvImport, prefix: str) -> list[Draft]:
    """Valid orders become drafts (each with its own new PO), all or none; the order_ref is
    kept in custom_data_3 when that is free, so the shop can match FinerWorks orders to its
    sheet."""
    contents = []
    for order in imported.valid:
        content = order.draft
        if not content.custom_data_3:
            content = replace(content, custom_data_3=order.ref[:255])
        fields = {k: v for k, v in content.content().items() if k != "order_po"}
        fields["recipient"] = content.recipient
        fields["items"] = content.items
        contents.append(fields)
    return drafts.create_many(prefix, contents)
