"""One file, read and planned in a worker: its table, the layout recognised (or the mapping
the shop saved for its columns), and the import plan.

Reading 5,000 rows and checking every order takes longer than a frame, so the import dialog
runs this off the GUI thread and shows the result when it comes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fwdesk.core.drafts import DraftStore
from fwdesk.core.imports.layouts import Source, orders_from, recognise
from fwdesk.core.imports.mapping import ColumnMapping, header_signature
from fwdesk.core.imports.plan import ImportPlan, plan_import
from fwdesk.core.imports.product_links import ProductLinks
from fwdesk.core.imports.saved_mappings import SavedMappings
from fwdesk.core.imports.table_file import Table, read_table_file
from fwdesk.core.order_history import OrderHistory
from fwdesk.core.store import Store


@dataclass(frozen=True)
class Reading:
    table: Table
    source: Source | None
    """None: the layout is not known and no saved mapping covers it (the shop maps it)."""
    mapping: ColumnMapping | None
    plan: ImportPlan | None


def read_file(path: Path, store: Store) -> Reading:
    """Raises TableProblem for a file that is not a table."""
    table = read_table_file(path)
    source = recognise(table.headers)
    mapping = None
    if source is None:
        saved = SavedMappings(store).get(header_signature(table.headers))
        if saved is not None:
            mapping = ColumnMapping.from_json(saved)
            if mapping.missing():
                mapping = None
            else:
                source = Source.MAPPED
    plan = make_plan(table, source, mapping, store) if source is not None else None
    return Reading(table, source, mapping, plan)


def make_plan(table: Table, source: Source, mapping: ColumnMapping | None, store: Store):
    orders = orders_from(table, source, mapping)
    return plan_import(source, orders, ProductLinks(store), DraftStore(store), OrderHistory(store))


def describe(table: Table) -> str:
    """How the file was read, in the shop's words: "Excel workbook", "UTF-8 text, commas"."""
    if table.kind == "xlsx":
        return "Excel workbook (first sheet)"
    encoding = {
        "utf-8": "UTF-8",
        "utf-8-sig": "UTF-8",
        "utf-16": "UTF-16",
        "cp1252": "Windows (1252)",
    }.get(table.encoding or "", table.encoding or "text")
    separator = {",": "commas", ";": "semicolons", "\t": "tabs"}.get(table.separator or ",")
    return f"{encoding} text, separated by {separator}"
