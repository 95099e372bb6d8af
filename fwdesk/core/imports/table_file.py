"""Any order file a small shop has, as a plain table of text: an Excel workbook (.xlsx) or a
CSV/text export in whichever encoding and separator the shop's program chose.

Shops double-click what Excel, Numbers, Google Sheets, Etsy or Shopify gave them, so the file's
content decides how it is read, never its name. Every cell comes out as the text the shop sees,
because ZIP codes, SKUs and prices must not be turned into numbers here: recognising a layout
and reading its values is the next step's job.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from itertools import islice, pairwise
from pathlib import Path

ZIP_SIGNATURE = b"PK\x03\x04"
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""Old Excel .xls files, and also .xlsx files Excel saved with a password (it wraps them)."""
UTF16_SNIFF_BYTES = 1024

NOT_A_TABLE = (
    "This file is neither a spreadsheet nor a text file: fwdesk reads Excel workbooks (.xlsx) "
    "and CSV or text files."
)
NOT_A_WORKBOOK = "This file is a zip archive, not an Excel workbook fwdesk can read."
OLD_EXCEL = (
    "This is an old Excel workbook (.xls): open it in Excel and save it as an Excel Workbook "
    "(.xlsx) or as CSV, then choose that file."
)
DAMAGED_SHEET = (
    "The workbook's first sheet could not be read, so the file may be damaged: open it in "
    "Excel and save it again."
)
EMPTY_FILE = "The file is empty: there is no header row to read."
EMPTY_SHEET = "The workbook's first sheet is empty: there is no header row to read."
PASSWORD_PROTECTED = (
    "This workbook is protected with a password: open it in Excel, remove the password and "
    "save it, then choose it again."
)

_CP1252_OVER_LATIN_1 = {
    byte: bytes([byte]).decode("cp1252", "ignore") or chr(byte) for byte in range(0x80, 0xA0)
}
"""Windows-1252 leaves five bytes undefined; Excel still writes them, and they mean what they
mean in Latin-1, so one stray byte does not make a whole file unreadable."""
_MARKS = re.compile('["\r\n,;\t]')


@dataclass(frozen=True, slots=True)
class Row:
    number: int
    """The number the shop finds the row under: the sheet's row number in a workbook, and in a
    text file the line on which the record starts, as a text editor counts lines (the header,
    when it is the first line, is 1), so a quoted line break in an address moves the following
    rows down."""
    cells: tuple[str, ...]
    """One stripped text per header; cells the row does not have are ""."""


@dataclass(frozen=True, slots=True)
class Table:
    headers: tuple[str, ...]
    """As in the file, stripped and without a byte order mark; an unnamed column is "Column N"
    (its 1-based position) so a column mapping can still offer it. Unnamed columns after the
    last named one are left out: Excel writes them for any cell that was ever formatted."""
    rows: tuple[Row, ...]
    """The rows below the header, without the rows that are blank."""
    kind: str
    """"xlsx" or "csv"."""
    encoding: str | None
    """"utf-8", "utf-8-sig", "utf-16" or "cp1252" for a text file, None for a workbook."""
    separator: str | None
    """",", ";" or a tab for a text file, None for a workbook."""

    def column(self, header: str) -> int | None:
        """The index of a header however the shop spaced or capitalised it, or None."""
        wanted = _header_key(header)
        return next((i for i, h in enumerate(self.headers) if _header_key(h) == wanted), None)


class TableProblem(Exception):
    """The file cannot be read as a table; `message` is one plain sentence for a shop owner,
    naming the row and column where there is one."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def read_table_file(path: Path) -> Table:
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise TableProblem(f"The file “{path.name}” could not be opened: {reason}.") from error
    return read_table(data, path.name)


def read_table(data: bytes, name: str = "") -> Table:
    """The file's table. `name` only words a message: an .xls and a password-protected .xlsx
    look the same inside."""
    if data.startswith(ZIP_SIGNATURE):
        return _read_workbook(data)
    if data.startswith(OLE2_SIGNATURE):
        protected = name.lower().endswith((".xlsx", ".xlsm"))
        raise TableProblem(PASSWORD_PROTECTED if protected else OLD_EXCEL)
    text, encoding = _decode(data)
    if "\x00" in text:
        raise TableProblem(NOT_A_TABLE)
    separator = _separator(text)
    return _table(_text_records(text, separator), "csv", encoding, separator)


def _read_workbook(data: bytes) -> Table:
    from openpyxl import load_workbook  # here, as reading CSV never needs its 0.1 s import

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # an archive that is no workbook fails in many different ways
        raise TableProblem(NOT_A_WORKBOOK) from error
    try:
        if not book.worksheets:  # only charts
            raise TableProblem(EMPTY_SHEET)
        sheet = book.worksheets[0]  # the sheet FinerWorks' own app reads too
        sheet.reset_dimensions()  # some exporters declare too small a sheet, which would cut it
        return _table(_sheet_records(sheet.iter_rows(values_only=True)), "xlsx", None, None)
    except TableProblem:
        raise
    except Exception as error:  # a damaged sheet, found only while its rows are read
        raise TableProblem(DAMAGED_SHEET) from error
    finally:
        book.close()


def _sheet_records(rows: Iterable[tuple[object, ...]]) -> Iterator[tuple[int, list[str]]]:
    for number, values in enumerate(rows, start=1):
        yield number, [_cell_text(value).strip() for value in values]


def _cell_text(value: object) -> str:
    """The cell as Excel shows it in a General cell, not as Python prints the stored number."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):  # Excel's 15 digits, without a ".0" or an exponent
        return format(Decimal(format(value, ".15g")), "f")
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding to report. A byte order mark is believed; then UTF-16 without
    one, then UTF-8, which a text in another encoding almost never passes by chance; Windows'
    own encoding is what Excel for Windows writes for plain "CSV"."""
    if data.startswith(codecs.BOM_UTF8):
        return _decode_strictly(data, "utf-8-sig"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_strictly(data, "utf-16"), "utf-16"
    byte_order = _utf16_byte_order(data[:UTF16_SNIFF_BYTES])
    if byte_order:
        return _decode_strictly(data, byte_order), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1").translate(_CP1252_OVER_LATIN_1), "cp1252"


def _utf16_byte_order(head: bytes) -> str | None:
    """UTF-16 without a byte order mark: Latin text has a NUL byte in every other position (the
    low byte first in little-endian), which no other text encoding has."""
    even, odd = head[0::2], head[1::2]
    if odd and odd.count(0) == len(odd) and not even.count(0):
        return "utf-16-le"
    if odd and even.count(0) == len(even) and not odd.count(0):
        return "utf-16-be"
    return None


def _decode_strictly(data: bytes, encoding: str) -> str:
    """A file that announces its encoding and breaks it is damaged: guessing would quietly
    change names and addresses."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        before = data[: error.start].decode(encoding, "replace")
        line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
        label = "UTF-8" if encoding.startswith("utf-8") else "UTF-16"
        raise TableProblem(
            f"Row {line} is not valid {label} text, so the file is damaged; "
            "save it again from the program that made it."
        ) from error


def _separator(text: str) -> str:
    """The separator the header uses most: a European Excel writes ";" because "," is its
    decimal mark, and "Unicode Text" uses tabs. A tie or no separator at all means ","."""
    start = len(text) - len(text.lstrip("\r\n"))
    counts = Counter(mark.group() for mark in _unquoted_separators(text, start))
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return ","
    return ranked[0][0]


def _unquoted_separators(text: str, start: int = 0) -> Iterator[re.Match[str]]:
    """The separators of the record beginning at `start` that stand outside quoted cells."""
    quoted = False
    for mark in _MARKS.finditer(text, start):
        char = mark.group()
        if char == '"':
            quoted = not quoted
        elif not quoted:
            if char in "\r\n":
                return
            yield mark


def _text_records(text: str, separator: str) -> Iterator[tuple[int, list[str]]]:
    """(line the record starts on, stripped cells) for each record. The header is remembered
    only to name the column of a cell the csv module refuses as too long."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    start, header = 1, None
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            problem = _unreadable_record(error, text, separator, start, reader.line_num, header)
            raise problem from error
        cells = [cell.strip() for cell in record]
        if header is None and any(cells):
            header = _headers(cells)
        yield start, cells
        start = reader.line_num + 1


def _unreadable_record(
    error: csv.Error,
    text: str,
    separator: str,
    start: int,
    end: int,
    header: tuple[str, ...] | None,
) -> TableProblem:
    if "field larger than field limit" not in str(error):
        return TableProblem(f"Row {start} could not be read as CSV ({error}).")
    record = "".join(islice(io.StringIO(text, newline=""), start - 1, end))
    ends = [mark.start() for mark in _unquoted_separators(record) if mark.group() == separator]
    widths = [b - a for a, b in pairwise([-1, *ends, len(record)])]
    index = widths.index(max(widths))
    column = f"“{header[index]}”" if header and index < len(header) else str(index + 1)
    return TableProblem(
        f"Row {start}, column {column} has a cell longer than {csv.field_size_limit() // 1024} "
        "KB, which usually means a quotation mark there is never closed."
    )


def _table(
    records: Iterator[tuple[int, list[str]]], kind: str, encoding: str | None, separator: str | None
) -> Table:
    """The first row with any text is the header, as a shop may leave blank rows above it."""
    header = next((cells for _, cells in records if any(cells)), None)
    headers = _headers(header) if header else ()
    if not headers:
        raise TableProblem(EMPTY_SHEET if kind == "xlsx" else EMPTY_FILE)
    rows = tuple(_row(number, cells, headers) for number, cells in records if any(cells))
    return Table(headers, rows, kind, encoding, separator)


def _headers(cells: list[str]) -> tuple[str, ...]:
    names = [cell.replace("\ufeff", "").strip() for cell in cells]
    while names and not names[-1]:
        names.pop()
    return tuple(name or f"Column {position}" for position, name in enumerate(names, start=1))


def _row(number: int, cells: list[str], headers: tuple[str, ...]) -> Row:
    """Excel ends rows with empty cells for formatted columns, so only text beyond the header
    is refused: it belongs to no column, and dropping it could lose part of an address."""
    width = len(headers)
    if len(cells) > width:
        extra = next((p for p, cell in enumerate(cells[width:], width + 1) if cell), None)
        if extra is not None:
            raise TableProblem(
                f"Row {number} has a value in column {extra}, but the header has only "
                f"{width} columns."
            )
        return Row(number, tuple(cells[:width]))
    return Row(number, (*cells, *("",) * (width - len(cells))))


def _header_key(header: str) -> str:
    return " ".join(header.split()).casefold()
