"""Read the cell values of a workbook, and find its tables by sheet and header.

Nothing here judges the values; `validation` does. Tables are found by their header
row, never by fixed positions, so a user may move a table or add columns and rows above it.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from roi_report.contract import REPORT_SHEET, SETTING_HEADER, Table
from roi_report.errors import InputFileError, Problem

# How far down a sheet a header row may stand (titles and notes above it are fine).
HEADER_SEARCH_ROWS = 30

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
OTHER_FORMATS = {
    ".csv": "a CSV file",
    ".txt": "a text file",
    ".xls": "an old Excel 97-2003 workbook (.xls)",
    ".xlsb": "a binary Excel workbook (.xlsb)",
    ".ods": "an OpenDocument spreadsheet (.ods)",
    ".numbers": "an Apple Numbers file",
}
SAVE_AS_HINT = "open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx)"


def normalize_header(value: object) -> str:
    return " ".join(str(value).split()).casefold() if value is not None else ""


@dataclass(frozen=True)
class RawTable:
    """A table's header position and its data rows as raw cell values."""

    sheet: str
    header_row: int
    columns: dict[str, int]  # contract key -> 1-based column index
    rows: tuple[tuple[int, tuple], ...]  # (sheet row, values in sheet column order)

    def letter(self, key: str) -> str:
        return get_column_letter(self.columns[key])

    def value(self, values: tuple, key: str):
        index = self.columns.get(key)
        if index is None or index > len(values):
            return None
        return values[index - 1]


@dataclass(frozen=True)
class RawWorkbook:
    path: Path
    sheets: dict[str, list[tuple]]  # actual sheet name -> rows of values from row 1

    def find_sheet(self, name: str) -> str | None:
        wanted = normalize_header(name)
        return next((s for s in self.sheets if normalize_header(s) == wanted), None)


def check_file_kind(path: Path) -> None:
    """Refuse, with a clear message, anything that is not an xlsx/xlsm package."""
    if not path.is_file():
        raise InputFileError(path, "no such file — check the path")
    suffix = path.suffix.lower()
    if suffix in OTHER_FORMATS:
        raise InputFileError(path, f"this is {OTHER_FORMATS[suffix]}; {SAVE_AS_HINT}")
    if suffix not in WORKBOOK_SUFFIXES:
        raise InputFileError(
            path, f"'{suffix or 'no extension'}' is not an Excel workbook; {SAVE_AS_HINT}"
        )
    with path.open("rb") as handle:
        head = handle.read(8)
    if not head:
        raise InputFileError(path, "the file is empty; " + SAVE_AS_HINT)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputFileError(
            path,
            "this is not an .xlsx package: it is password-protected (encrypted) or an old "
            f".xls file renamed; remove the password or {SAVE_AS_HINT}",
        )
    if not head.startswith(b"PK"):
        raise InputFileError(
            path, f"this is not an Excel workbook (perhaps CSV or HTML renamed); {SAVE_AS_HINT}"
        )
    if not zipfile.is_zipfile(path):
        raise InputFileError(
            path,
            "the workbook is damaged (the zip package is truncated); "
            "save it again from Excel or LibreOffice",
        )


def read_workbook(path: Path) -> RawWorkbook:
    """Every sheet's cell values (cached values of formulas), read once."""
    path = Path(path)
    check_file_kind(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as error:  # openpyxl raises many types for a damaged package
        raise InputFileError(
            path,
            f"the workbook could not be opened ({type(error).__name__}: {error}); "
            "save it again from Excel or LibreOffice as .xlsx",
        ) from error
    try:
        sheets = {}
        for sheet in book.worksheets:
            sheets[sheet.title] = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    return RawWorkbook(path, sheets)


def find_table(book: RawWorkbook, table: Table, problems: list[Problem]) -> RawTable | None:
    """Locate a contract table by its header row; report a missing sheet or column."""
    sheet = book.find_sheet(table.sheet)
    if sheet is None:
        problems.append(
            Problem(
                table.sheet,
                None,
                f"the sheet '{table.sheet}' is missing — add "
                "it with the headers "
                + ", ".join(c.header for c in table.columns)
                + " (roi-report init writes a blank template)",
            )
        )
        return None
    rows = book.sheets[sheet]
    wanted = {normalize_header(c.header): c.key for c in table.columns}
    best_row, best = 0, {}
    for index, values in enumerate(rows[:HEADER_SEARCH_ROWS], start=1):
        found = {}
        for column, value in enumerate(values, start=1):
            key = wanted.get(normalize_header(value))
            if key and key not in found:
                found[key] = column
        if len(found) > len(best):
            best_row, best = index, found
    if not best:
        problems.append(
            Problem(
                sheet,
                "A1",
                "no header row found — the table needs the headers "
                + ", ".join(c.header for c in table.columns),
            )
        )
        return None
    missing = [c.header for c in table.columns if c.required and c.key not in best]
    for header in missing:
        problems.append(
            Problem(
                sheet,
                f"{best_row}:{best_row}",
                f"the column '{header}' is missing from the header row — add it "
                "(headers are matched ignoring case and spaces)",
            )
        )
    data = []
    for number, values in enumerate(rows[best_row:], start=best_row + 1):
        if any(v is not None and not (isinstance(v, str) and not v.strip()) for v in values):
            data.append((number, values))
    return RawTable(sheet, best_row, best, tuple(data))


def find_settings(book: RawWorkbook, problems: list[Problem]) -> tuple[str, dict] | None:
    """The Report sheet's Setting | Value rows: normalized label -> (row, value)."""
    sheet = book.find_sheet(REPORT_SHEET)
    if sheet is None:
        problems.append(
            Problem(
                REPORT_SHEET,
                None,
                "the sheet 'Report' is missing — add it with "
                "two columns, Setting and Value (Client, Period start, Period end "
                "at least)",
            )
        )
        return None
    rows = book.sheets[sheet]
    label_col, value_col, start = 1, 2, 0
    for index, values in enumerate(rows[:HEADER_SEARCH_ROWS]):
        headers = [normalize_header(v) for v in values]
        wanted = [normalize_header(h) for h in SETTING_HEADER]
        if wanted[0] in headers and wanted[1] in headers:
            label_col = headers.index(wanted[0]) + 1
            value_col = headers.index(wanted[1]) + 1
            start = index + 1
            break
    found = {}
    for number, values in enumerate(rows[start:], start=start + 1):
        label = normalize_header(values[label_col - 1]) if len(values) >= label_col else ""
        if label and label not in found:
            value = values[value_col - 1] if len(values) >= value_col else None
            found[label] = (number, value, get_column_letter(value_col))
    return sheet, found
