"""Orders from a spreadsheet: the documented layout, grouped rows, problems per order."""

from __future__ import annotations

from pathlib import Path

from fault_report import record
from sample_orders import csv_row as row

from fwdesk.core.csv_import import COLUMNS, create_drafts, parse_orders_csv
from fwdesk.core.drafts import DraftStore
from fwdesk.core.store import Store

SAMPLE = Path(__file__).parents[3] / "resources" / "sample-orders.csv"


def test_the_sample_file_has_the_documented_columns_and_imports_cleanly():
    text = SAMPLE.read_text(encoding="utf-8")
    assert text.splitlines()[0].split(",") == list(COLUMNS)
    imported = parse_orders_csv(text)
    assert imported.file_problems == []
    assert [o.ref for o in imported.orders] == ["WEB-1001", "WEB-1002", "WEB-1003"]
    assert all(o.ok for o in imported.orders), [o.problems for o in imported.orders]
    first = imported.orders[0].draft
    assert [(i.sku, i.quantity) for i in first.items] == [("AP2210P48817", 2), ("AP2201P48798", 1)]
    assert first.recipient.state_code == "OR" and first.shipping_code == "SD"
    assert imported.orders[1].draft.recipient.province == "ON"
    assert imported.orders[2].draft.test_mode is True


def sheet(*rows: str) -> str:
    return "\n".join([",".join(COLUMNS), *rows]) + "\n"


def test_bad_rows_spoil_only_their_own_order():
    imported = parse_orders_csv(
        sheet(
            row("A"),
            row("B", quantity="two"),
            row("C", zip_postal_code="ABCDE"),
            row("D", state_code="ZZ"),
            row("E", first_name=""),
            row("F"),
            row("F", first_name="Someone", last_name="Else"),
            row("", sku="X"),
            row("G", quantity="1000"),
            row("H", sku="1M11M101S8X10"),
        )
    )
    by_ref = {o.ref: o for o in imported.orders}
    assert by_ref["A"].ok
    assert "row 3 quantity" in by_ref["B"].problems
    assert "zip_postal_code" in by_ref["C"].problems
    assert "state_code" in by_ref["D"].problems
    assert "first_name" in by_ref["E"].problems
    assert any("differs" in m for m in by_ref["F"].problems.values())
    assert "items[0].quantity" in by_ref["G"].problems
    assert "items[0].image" in by_ref["H"].problems
    assert [p for p in imported.file_problems if "order_ref" in p]
    assert [o.ref for o in imported.valid] == ["A"]


def test_a_file_without_the_needed_columns_is_refused_whole():
    imported = parse_orders_csv("name,sku\nAnn,AP1P1\n")
    assert imported.orders == [] and "order_ref" in imported.file_problems[0]


def test_valid_orders_become_drafts_with_their_own_pos(tmp_path):
    drafts = DraftStore(Store(tmp_path / "shop.sqlite"))
    created = create_drafts(drafts, parse_orders_csv(SAMPLE.read_text()), "IMP-")
    assert [d.order_po for d in created] == ["IMP-000001", "IMP-000002", "IMP-000003"]
    assert [d.custom_data_3 for d in created] == ["WEB-1001", "WEB-1002", "WEB-1003"]
    assert drafts.get(created[0].id).items == created[0].items


def test_a_cell_too_large_for_any_field_is_refused_with_its_row():
    rows = [",".join(COLUMNS), row("R1"), row("R2", first_name="x" * 200_000)]
    imported = parse_orders_csv("\n".join(rows) + "\n")
    assert imported.orders == []
    [problem] = imported.file_problems
    assert problem.startswith("Row 3 has a cell longer than 128 KB")
    record("csv-injection", case="import: 200 KB cell", tried=1, held=1)
