"""Order files as shops have them, in real bytes: Excel's, Numbers', Google Sheets' and the
marketplaces' CSV in their encodings and separators, and workbooks built with openpyxl."""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from datetime import date, datetime

import pytest
from fault_report import record
from openpyxl import Workbook
from openpyxl.chart import BarChart

from fwdesk.core.imports.table_file import (
    DAMAGED_SHEET,
    EMPTY_FILE,
    EMPTY_SHEET,
    NOT_A_TABLE,
    NOT_A_WORKBOOK,
    OLD_EXCEL,
    PASSWORD_PROTECTED,
    Row,
    Table,
    TableProblem,
    read_table,
    read_table_file,
)

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def _problem(data: bytes, name: str = "") -> str:
    with pytest.raises(TableProblem) as raised:
        read_table(data, name)
    assert str(raised.value) == raised.value.message
    return raised.value.message


def _workbook(*sheets: list[list[object]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for number, rows in enumerate(sheets, start=1):
        sheet = book.create_sheet(f"Sheet{number}")
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _stored_as(workbook: bytes, numbers: dict[str, str]) -> bytes:
    """The workbook with number cells written as other programs write them ("2.0", 17 digits),
    where openpyxl would write the shortest text."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as rewritten:
        for name in source.namelist():
            part = source.read(name).decode()
            for cell, text in numbers.items():
                part = re.sub(f'(<c r="{cell}"[^>]*><v>)[^<]*', rf"\g<1>{text}", part)
            rewritten.writestr(name, part)
    return out.getvalue()


def _rows(table: Table) -> list[tuple[int, tuple[str, ...]]]:
    return [(row.number, row.cells) for row in table.rows]


# Encodings


def test_utf8_without_a_bom():
    table = read_table("Name,City\nZoë Müller,Zürich\n".encode())
    assert (table.kind, table.encoding, table.separator) == ("csv", "utf-8", ",")
    assert table.headers == ("Name", "City")
    assert table.rows == (Row(2, ("Zoë Müller", "Zürich")),)


def test_utf8_with_a_bom_as_excel_saves_csv_utf8():
    table = read_table("Name,City\r\nZoë Müller,Zürich\r\n".encode("utf-8-sig"))
    assert table.encoding == "utf-8-sig"
    assert table.headers[0] == "Name"
    assert table.column("name") == 0
    assert _rows(table) == [(2, ("Zoë Müller", "Zürich"))]


def test_windows_1252_as_excel_for_windows_saves_plain_csv():
    table = read_table("Name,Price\r\nZoë Müller,€12\r\n".encode("cp1252"))
    assert table.encoding == "cp1252"
    assert _rows(table) == [(2, ("Zoë Müller", "€12"))]


def test_a_byte_windows_1252_leaves_undefined_is_read_as_latin_1_and_the_rest_as_1252():
    table = read_table(b"Name,Note\r\nZo\xeb,\x80 \x81\r\n")
    assert table.encoding == "cp1252"
    assert _rows(table) == [(2, ("Zoë", "€ \x81"))]


def test_utf16_with_a_bom_tab_separated_as_excel_unicode_text():
    data = "Name\tCity\tTotal\r\nZoë Müller\tPortland, OR\t€12,50\r\n".encode("utf-16")
    assert data[:2] == b"\xff\xfe"
    table = read_table(data)
    assert (table.encoding, table.separator) == ("utf-16", "\t")
    assert table.headers == ("Name", "City", "Total")
    assert _rows(table) == [(2, ("Zoë Müller", "Portland, OR", "€12,50"))]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_known_by_its_nul_bytes(codec):
    table = read_table("Name;City\nZoë;Köln\n".encode(codec))
    assert (table.encoding, table.separator) == ("utf-16", ";")
    assert _rows(table) == [(2, ("Zoë", "Köln"))]


def test_a_bom_written_twice_is_not_part_of_the_first_header():
    table = read_table(codecs.BOM_UTF8 * 2 + b"Name,Zip\nAda,97201\n")
    assert table.headers == ("Name", "Zip")


def test_a_file_marked_utf8_with_broken_bytes_names_the_row():
    data = codecs.BOM_UTF8 + b"Name,City\r\nZo\xc3\xab,Paris\r\nBad,\xff\xfe\r\n"
    assert _problem(data).startswith("Row 3 is not valid UTF-8 text")


# Separators and line breaks


def test_semicolons_of_a_european_excel_keep_decimal_commas_in_their_cell():
    table = read_table("Artikel;Menge;Preis\r\nReiher 16x20;2;12,50\r\n".encode("cp1252"))
    assert table.separator == ";"
    assert _rows(table) == [(2, ("Reiher 16x20", "2", "12,50"))]


def test_tabs_with_commas_inside_cells():
    table = read_table(b"Name\tAddress\tZip\nAda\t12 Main St, Apt 4\t97201\n")
    assert table.separator == "\t"
    assert _rows(table) == [(2, ("Ada", "12 Main St, Apt 4", "97201"))]


@pytest.mark.parametrize(
    ("header", "separator"),
    [
        ("a;b,c", ","),  # a tie
        ("Name", ","),  # none at all
        ('"Ship, City";"Ship, Zip";Name', ";"),  # quoted separators do not count
        ('Name\t"Ship; City"\t"Ship; Zip";x', "\t"),
    ],
)
def test_the_separator_is_the_one_the_header_uses_most_outside_quotes(header, separator):
    assert read_table(f"{header}\nx\n".encode()).separator == separator


def test_a_quoted_line_break_in_an_address_keeps_the_next_rows_at_their_line():
    data = (
        b"Name,Address,Zip\r\n"
        b'Ada,"12 Main St\r\nApt 4",97201\r\n'
        b'Bo,"1 ""Old"" Mill; Rd, Unit\r\n\r\n9",02108\r\n'
        b"Cy,3 Elm St,10001\r\n"
    )
    assert _rows(read_table(data)) == [
        (2, ("Ada", "12 Main St\r\nApt 4", "97201")),
        (4, ("Bo", '1 "Old" Mill; Rd, Unit\r\n\r\n9', "02108")),
        (7, ("Cy", "3 Elm St", "10001")),
    ]


@pytest.mark.parametrize("end", ["\r\n", "\n", "\r"])
def test_windows_unix_and_old_mac_line_ends(end):
    text = end.join(["Name,Zip", "Ada,97201", '"Bo",02108', ""])
    assert _rows(read_table(text.encode())) == [(2, ("Ada", "97201")), (3, ("Bo", "02108"))]


# Headers, blank rows, short and long rows


def test_headers_are_stripped_and_unnamed_columns_numbered_but_not_trailing_ones():
    table = read_table(b" Name ,,  Ship City\t,,\nAda,x,Portland,,\n")
    assert table.headers == ("Name", "Column 2", "Ship City")
    assert _rows(table) == [(2, ("Ada", "x", "Portland"))]


def test_blank_rows_are_skipped_without_renumbering_the_others():
    data = b"\r\n,,\r\nName,Zip\r\n Ada , 97201 \r\n,\r\n\r\n   ,\r\nBo,02108\r\n"
    table = read_table(data)
    assert table.headers == ("Name", "Zip")
    assert _rows(table) == [(4, ("Ada", "97201")), (8, ("Bo", "02108"))]


def test_short_rows_are_padded_and_empty_cells_past_the_header_dropped():
    table = read_table(b"Name,Zip,Country\nAda\nBo,02108,US,,\n")
    assert _rows(table) == [(2, ("Ada", "", "")), (3, ("Bo", "02108", "US"))]


def test_a_value_past_the_header_names_its_row_and_column():
    data = b"Name,Zip,Country\nAda,97201,US\nBo,02108,US,,gift\n"
    message = _problem(data)
    assert message == "Row 3 has a value in column 5, but the header has only 3 columns."


def test_a_cell_over_128_kb_names_its_row_and_column():
    data = f"Name,Notes,Zip\nAda,short,97201\nBo,{'x' * 200_000},02108\n".encode()
    message = _problem(data)
    assert message.startswith("Row 3, column “Notes” has a cell longer than 128 KB")
    record("csv-injection", case="import: 200 KB cell", tried=1, held=1)


def test_a_quote_never_closed_is_reported_at_its_row_and_column():
    rows = "".join(f"Order {n},Street {n},97201\n" for n in range(10_000))
    data = f'Name,Address,Zip\nAda,"12 Main St,97201\n{rows}'.encode()
    message = _problem(data)
    assert message.startswith("Row 2, column “Address” has a cell longer than 128 KB")
    assert "quotation mark" in message


def test_a_cell_over_128_kb_in_an_unnamed_column_names_its_position():
    data = f"Name,Zip\nBo,02108,{'x' * 140_000}\n".encode()
    assert _problem(data).startswith("Row 2, column 3 has a cell longer than 128 KB")
    data = f"\nName,{'x' * 140_000}\n".encode()
    assert _problem(data).startswith("Row 2, column 2 has a cell longer than 128 KB")


def test_an_empty_file_and_blank_lines_have_no_header():
    assert _problem(b"") == EMPTY_FILE
    assert _problem(b"\r\n \r\n,,,\r\n") == EMPTY_FILE
    assert _problem(b"\xef\xbb\xbf") == EMPTY_FILE
    assert _problem(codecs.BOM_UTF8 * 2 + b"\r\n") == EMPTY_FILE


def test_a_header_alone_is_a_table_without_rows():
    table = read_table(b"Name,Zip\r\n")
    assert table.headers == ("Name", "Zip")
    assert table.rows == ()


def test_a_leading_apostrophe_is_kept_for_the_layout_to_judge():
    assert read_table(b"Zip\n'02108\n").rows[0].cells == ("'02108",)


def test_columns_are_found_whatever_the_case_and_spacing():
    table = read_table(b"Name,Ship City,SHIP ZIP\nAda,Portland,97201\n")
    assert table.column("Ship City") == table.column("ship city") == 1
    assert table.column(" Ship  City ") == 1
    assert table.column("ship zip") == 2
    assert table.column("Ship") is None
    assert table.column("Ship Country") is None


# Workbooks


WORKBOOK_COLUMNS = [
    # header, what the first order's cell holds, what the shop sees in Excel
    ("Name", "  Zoë Müller ", "Zoë Müller"),
    ("Zip", 97201, "97201"),
    ("Zip as text", 97201.0, "97201"),  # stored as "97201.0" below
    ("Quantity", 2.0, "2"),  # stored as "2.0"
    ("Price", 19.99, "19.99"),
    ("Total of 3", 19.99 * 3, "59.97"),  # stored as Excel computes it: "59.96999999999999"
    ("Ordered", date(2024, 3, 5), "2024-03-05"),
    ("Paid at", datetime(2024, 3, 5, 14, 30), "2024-03-05 14:30:00"),
    ("Gift", True, "TRUE"),
    ("Tax", 0.1 + 0.2, "0.3"),  # stored as "0.30000000000000004"
    ("Rate", 0.00001, "0.00001"),  # stored as "1E-5"
    ("Big", 1e16, "10000000000000000"),
]


def test_a_workbook_gives_the_text_excel_shows():
    headers, values, shown = zip(*WORKBOOK_COLUMNS, strict=True)
    data = _workbook(
        [list(headers), list(values), [None, None, "", None], ["Bo", "02108", 1, 12.5]],
        [["Other sheet"], ["never read"]],
    )
    stored = {"C2": "97201.0", "D2": "2.0", "F2": "59.96999999999999", "J2": "0.30000000000000004"}
    data = _stored_as(data, {**stored, "K2": "1E-5"})
    table = read_table(data, "orders.xlsx")
    assert (table.kind, table.encoding, table.separator) == ("xlsx", None, None)
    assert table.headers == headers
    assert _rows(table) == [(2, shown), (4, ("Bo", "02108", "1", "12.5", *[""] * 8))]
    assert table.rows[0].cells[table.column("paid at")] == "2024-03-05 14:30:00"


def test_a_workbook_header_below_blank_rows_and_a_value_past_it():
    data = _workbook([[], [None, None], ["Name", "Zip"], ["Ada", 97201], ["Bo", 2108, "x"]])
    with pytest.raises(TableProblem) as raised:
        read_table(data)
    assert raised.value.message == (
        "Row 5 has a value in column 3, but the header has only 2 columns."
    )
    table = read_table(_workbook([[], ["Name", None, "Zip"], ["Ada", "x", 97201]]))
    assert table.headers == ("Name", "Column 2", "Zip")
    assert _rows(table) == [(3, ("Ada", "x", "97201"))]


def test_a_workbook_whose_first_sheet_is_empty_or_a_chart():
    assert _problem(_workbook([], [["Name"], ["Ada"]])) == EMPTY_SHEET
    book = Workbook()
    book.remove(book.active)
    book.create_chartsheet().add_chart(BarChart())
    out = io.BytesIO()
    book.save(out)
    assert _problem(out.getvalue()) == EMPTY_SHEET


def test_a_workbook_whose_sheet_breaks_off():
    good = zipfile.ZipFile(io.BytesIO(_workbook([["Name"], *[[f"Ada {n}"] for n in range(500)]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as damaged:
        for name in good.namelist():
            part = good.read(name)
            damaged.writestr(name, part[: len(part) // 2] if "worksheets/" in name else part)
    assert _problem(out.getvalue()) == DAMAGED_SHEET


def test_a_zip_that_is_not_a_workbook():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("Index/Document.iwa", b"\x00\x01numbers")
    assert _problem(out.getvalue(), "orders.numbers") == NOT_A_WORKBOOK


def test_an_old_excel_file_or_a_password_protected_workbook():
    assert _problem(OLE2, "orders.xls") == OLD_EXCEL
    assert _problem(OLE2) == OLD_EXCEL
    assert _problem(OLE2, "Orders.XLSX") == PASSWORD_PROTECTED


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 12 >>\nstream\n\x78\x9c\x00\x01\x02",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    ],
)
def test_binary_files_are_neither_spreadsheet_nor_text(data):
    assert _problem(data, "orders.csv") == NOT_A_TABLE


# Files on disk


def test_a_file_is_read_by_its_content_not_its_name(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_bytes(_workbook([["Name", "Zip"], ["Ada", 97201]]))
    table = read_table_file(path)
    assert table.kind == "xlsx"
    assert _rows(table) == [(2, ("Ada", "97201"))]


def test_a_file_that_cannot_be_opened_says_why(tmp_path):
    with pytest.raises(TableProblem) as raised:
        read_table_file(tmp_path / "gone.csv")
    assert raised.value.message == (
        "The file “gone.csv” could not be opened: No such file or directory."
    )
    with pytest.raises(TableProblem) as raised:
        read_table_file(tmp_path)  # "Is a directory", or "Permission denied" on Windows
    assert raised.value.message.startswith(f"The file “{tmp_path.name}” could not be opened: ")
