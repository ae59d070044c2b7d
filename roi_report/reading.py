"""Read the cell values of a workbook, and find its tables by sheet and header.

Nothing here judges the values; `validation` does. Tables are found by their header
row, never by fixed positions, so a user may move a table or add columns and rows above it.
"""

from __future__ import annotations

import difflib
import html
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import column_index_from_string, get_column_letter
from python_calamine import CalamineWorkbook

from roi_report.contract import FACT_TABLES, REPORT_SHEET, SETTING_HEADER, Table
from roi_report.errors import InputFileError, Problem

# How far down a sheet a header row may stand (titles and notes above it are fine).
HEADER_SEARCH_ROWS = 30

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
OTHER_FORMATS = {
    ".csv": "a CSV file",
    ".tsv": "a tab-separated text file",
    ".txt": "a text file",
    ".xls": "an old Excel 97-2003 workbook (.xls)",
    ".xlsb": "a binary Excel workbook (.xlsb)",
    ".xltx": "an Excel template (.xltx)",
    ".xltm": "an Excel template (.xltm)",
    ".ods": "an OpenDocument spreadsheet (.ods)",
    ".numbers": "an Apple Numbers file",
    ".html": "a web page",
    ".htm": "a web page",
    ".xml": "an XML file",
    ".json": "a JSON file",
    ".pdf": "a PDF document",
    ".zip": "a zip archive",
}
SAVE_AS_HINT = "open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx)"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Streams of an OLE compound file: an encrypted OOXML package, or a BIFF (.xls) workbook.
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
BIFF_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
# Parts that say which kind of zip package a file really is.
WRONG_FILE = "check that you picked the right file"
ZIP_KINDS = (
    ("xl/workbook.bin", f"a binary Excel workbook (.xlsb) with an .xlsx name; {SAVE_AS_HINT}"),
    ("word/", f"a Word document, not a workbook — {WRONG_FILE}"),
    ("ppt/", f"a PowerPoint presentation, not a workbook — {WRONG_FILE}"),
    ("content.xml", f"an OpenDocument spreadsheet (.ods) with an .xlsx name; {SAVE_AS_HINT}"),
)
CONTRACT_SHEETS = {
    " ".join(name.split()).casefold() for name in [REPORT_SHEET, *(t.sheet for t in FACT_TABLES)]
}
# A formula cell saved without its result (files written by scripts, never opened in Excel).
CELL_XML = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
CELL_REF = re.compile(rb'\br="([A-Z]+[0-9]+)"')
FORMULA_XML = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.DOTALL)
VALUE_XML = re.compile(rb"<(?:\w+:)?v\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?v>)", re.DOTALL)


def normalize_header(value: object) -> str:
    return " ".join(str(value).split()).casefold() if value is not None else ""


@dataclass(frozen=True)
class RawTable:
    """A table's header position and its data rows as raw cell values."""

    sheet: str
    header_row: int
    columns: dict[str, int]  # contract key -> 1-based column index
    rows: tuple[tuple[int, tuple], ...]  # (sheet row, values in sheet column order)
    # cell such as "G2" -> formula, for formulas saved without a result
    uncalculated: dict[str, str] = field(default_factory=dict)

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
    # sheet name -> {cell such as "G2": formula, or "" if shared} for formulas saved without
    # a result
    uncalculated: dict[str, dict[str, str]] = field(default_factory=dict)
    sheet_names: tuple[str, ...] = ()  # every sheet of the workbook, read or not

    def find_sheet(self, name: str) -> str | None:
        wanted = normalize_header(name)
        return next((s for s in self.sheets if normalize_header(s) == wanted), None)


def _sniff_ole(path: Path) -> str:
    """An OLE compound file: a password-protected workbook, or an old .xls renamed."""
    with path.open("rb") as handle:
        data = handle.read(64 * 1024 * 1024)
    if ENCRYPTED_STREAM in data:
        return (
            "the workbook is password-protected (encrypted), so it cannot be read — open it "
            "in Excel, remove the password (File > Info > Protect Workbook > Encrypt with "
            "Password, then clear it), save it and try again"
        )
    if any(stream in data for stream in BIFF_STREAMS):
        return (
            "this is an old Excel 97-2003 workbook (.xls) with an .xlsx name; "
            f"{SAVE_AS_HINT} (remove its password too if it has one)"
        )
    return (
        "this is not an .xlsx workbook: it is an older Office file or a password-protected "
        f"one; remove any password, then {SAVE_AS_HINT}"
    )


def _sniff_text(head: bytes) -> str:
    """What a non-zip file most likely is, said in the user's words."""
    text = head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").lower().replace(b"\x00", b"")
    if text.startswith((b"<!doctype html", b"<html", b"<table", b"<meta", b"<head")):
        return (
            "this is a web page (HTML) with an .xlsx name, not a real Excel workbook — "
            f"many systems export 'Excel' files this way; {SAVE_AS_HINT}"
        )
    if text.startswith(b"<?xml") or text.startswith(b"<"):
        return f"this is an XML file with an .xlsx name, not a real Excel workbook; {SAVE_AS_HINT}"
    if text.startswith(b"%pdf"):
        return f"this is a PDF document with an .xlsx name, not a workbook — {WRONG_FILE}"
    if not head.startswith((b"\xff\xfe", b"\xfe\xff")) and b"\x00" in head[:512]:
        return f"this is not an Excel workbook (its content is something else); {SAVE_AS_HINT}"
    return (
        "this is a text file (probably CSV) with an .xlsx name, not a real Excel workbook; "
        f"{SAVE_AS_HINT}"
    )


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
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
        if not head.strip(b" \t\r\n\x00"):
            raise InputFileError(
                path,
                "the file is empty (nothing was saved in it); save the workbook again from "
                "Excel or LibreOffice, or start from a template with roi-report init",
            )
        if head.startswith(OLE_SIGNATURE):
            raise InputFileError(path, _sniff_ole(path))
        if not head.startswith(b"PK"):
            raise InputFileError(path, _sniff_text(head))
        _check_package(path)
    except OSError as error:
        raise InputFileError(
            path,
            f"the file cannot be read ({error.strerror or error}) — check that it is not "
            "open elsewhere and that you may read it",
        ) from None


DAMAGED = (
    "the workbook is damaged ({detail}) — open it in Excel or LibreOffice (they can often "
    "repair it) and save it again as .xlsx"
)


# Bounds that a real workbook never reaches and a zip bomb always does; checked from the
# zip's own directory before anything is inflated.
MAX_PARTS = 20_000
MAX_TOTAL_BYTES = 4 * 1024**3
MAX_RATIO = 200  # XML compresses 5-30 times; a bomb, thousands
RATIO_FLOOR_BYTES = 16 * 1024**2  # small parts may compress as well as they like
MAX_SHEETS = 1_000


def _check_package(path: Path) -> None:
    """A zip file: make sure it is whole, is a spreadsheet package, and is no zip bomb."""
    try:
        with zipfile.ZipFile(path) as package:
            infos = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise InputFileError(
            path, DAMAGED.format(detail="the file is cut short or is not a complete package")
        ) from None
    names = [info.filename for info in infos]
    if len(infos) > MAX_PARTS:
        raise InputFileError(
            path,
            f"the package holds {len(infos):,} parts, far more than a "
            "workbook has — it is damaged or not a real workbook",
        )
    total = sum(info.file_size for info in infos)
    inflating = [
        info
        for info in infos
        if info.file_size > RATIO_FLOOR_BYTES
        and info.file_size > MAX_RATIO * max(info.compress_size, 1)
    ]
    if total > MAX_TOTAL_BYTES or inflating:
        raise InputFileError(
            path,
            "the workbook would inflate to "
            f"{total / 1024**3:.1f} GB when opened, which no real workbook "
            "does — it was refused as unsafe (a 'zip bomb'); check where the "
            "file came from",
        )
    if any(name.endswith("workbook.xml") for name in names):
        return
    for part, kind in ZIP_KINDS:
        if any(name == part or (part.endswith("/") and name.startswith(part)) for name in names):
            raise InputFileError(path, f"this is {kind}")
    raise InputFileError(path, f"this is a zip archive, not an Excel workbook; {SAVE_AS_HINT}")


FORMULA_MARKERS = (b"<f>", b"<f ", b":f>", b":f ")
ERROR_MARKER = b't="e"'
SCAN_CHUNK = 16 * 1024 * 1024


def _sheet_xml_if_needed(package: zipfile.ZipFile, part: str | None) -> bytes:
    """The sheet's XML when it holds formulas or error values, else b"" — streamed, so a
    large sheet with neither is never held in memory twice."""
    if part not in package.NameToInfo:
        return b""
    markers = (*FORMULA_MARKERS, ERROR_MARKER)
    with package.open(part) as stream:
        tail = b""
        while chunk := stream.read(SCAN_CHUNK):
            window = tail + chunk
            if any(marker in window for marker in markers):
                return package.read(part)
            tail = window[-8:]
    return b""


def _uncalculated(xml: bytes) -> dict[str, str]:
    """Cells of a sheet's XML that hold a formula but no saved result."""
    found = {}
    if not any(marker in xml for marker in FORMULA_MARKERS):
        return found
    for match in CELL_XML.finditer(xml):
        inner = match.group(2)
        if not inner:
            continue
        formula = FORMULA_XML.search(inner)
        if formula is None:
            continue
        value = VALUE_XML.search(inner)
        attributes = match.group(1)
        if value is not None and (value.group(1) or b't="str"' in attributes):
            continue  # a result is saved (an empty text result is a result too)
        ref = CELL_REF.search(attributes)
        if ref is None:
            continue
        text = (formula.group(1) or b"").decode("utf-8", "replace")
        found[ref.group(1).decode()] = "=" + html.unescape(text) if text else ""
    return found


def _errors(xml: bytes) -> dict[str, str]:
    """Cells saved with an error value (#DIV/0!, #N/A ...): calamine reads them as blanks."""
    if b't="e"' not in xml:
        return {}
    found = {}
    for match in CELL_XML.finditer(xml):
        attributes, inner = match.group(1), match.group(2)
        if b't="e"' not in attributes or not inner:
            continue
        ref, value = CELL_REF.search(attributes), VALUE_XML.search(inner)
        if ref and value and value.group(1):
            found[ref.group(1).decode()] = value.group(1).decode("utf-8", "replace")
    return found


def _sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part in the package, from the workbook part and its relationships."""
    try:
        workbook = package.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = package.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except KeyError:
        return {}
    targets = {}
    for tag in re.findall(r"<Relationship\b[^>]*>", rels):
        rel_id = re.search(r'\bId="([^"]+)"', tag)
        target = re.search(r'\bTarget="([^"]+)"', tag)
        if rel_id and target:
            path = target.group(1)
            targets[rel_id.group(1)] = path.lstrip("/") if path.startswith("/") else "xl/" + path
    parts = {}
    for tag in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", workbook):
        name = re.search(r'\bname="([^"]*)"', tag)
        rel_id = re.search(r'\b\w+:id="([^"]+)"', tag)
        if name and rel_id and rel_id.group(1) in targets:
            parts[html.unescape(name.group(1))] = targets[rel_id.group(1)]
    return parts


def _cell_index(ref: str) -> tuple[int, int]:
    letters = ref.rstrip("0123456789")
    return int(ref[len(letters) :]) - 1, column_index_from_string(letters) - 1


def read_workbook(path: Path) -> RawWorkbook:
    """The cell values (cached values of formulas) of the contract's sheets, read once.

    Values come from python-calamine, ten times faster than openpyxl on a large CRM export;
    the sheet XML is consulted only for what calamine does not say: error values, and
    formulas saved without a result.
    """
    path = Path(path)
    check_file_kind(path)
    sheets: dict[str, list] = {}
    uncalculated: dict[str, dict[str, str]] = {}
    current = None
    try:
        book = CalamineWorkbook.from_path(str(path))
        names = book.sheet_names
        if len(names) > MAX_SHEETS:
            raise InputFileError(
                path,
                f"the workbook has {len(names):,} sheets; the report "
                "needs only its contract sheets — copy those into a new "
                "workbook and try again",
            )
        wanted = [name for name in names if normalize_header(name) in CONTRACT_SHEETS]
        with zipfile.ZipFile(path) as package:
            parts = _sheet_parts(package)
            for name in wanted:
                current = name
                rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
                part = parts.get(name)
                xml = _sheet_xml_if_needed(package, part)
                for ref, error in _errors(xml).items():
                    row, col = _cell_index(ref)
                    if row < len(rows) and col < len(rows[row]):
                        rows[row][col] = error
                cells = _uncalculated(xml)
                if cells:
                    uncalculated[name] = cells
                sheets[name] = rows
        book.close()
    except InputFileError:
        raise
    except MemoryError:
        raise InputFileError(path, "the workbook is too large to read on this computer") from None
    except Exception as error:  # a damaged package fails in many ways
        detail = f"the sheet '{current}' cannot be read" if current else "its structure is broken"
        raise InputFileError(path, DAMAGED.format(detail=detail)) from error
    return RawWorkbook(path, sheets, uncalculated, tuple(names))


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _missing_column_problem(
    sheet: str, header_row: int, values: tuple, used: set[int], header: str, free: int
) -> Problem:
    """Point at a header that looks like a misspelling of the column, else at a free cell."""
    unmatched = {
        normalize_header(value): column
        for column, value in enumerate(values, start=1)
        if column not in used and not _is_blank(value)
    }
    close = difflib.get_close_matches(normalize_header(header), list(unmatched), n=1, cutoff=0.6)
    if close:
        column = unmatched[close[0]]
        return Problem(
            sheet,
            f"{get_column_letter(column)}{header_row}",
            f"the column '{header}' is missing — is {values[column - 1]!r} meant to be it? "
            f"Rename that header to '{header}'",
        )
    return Problem(
        sheet,
        f"{get_column_letter(free)}{header_row}",
        f"the column '{header}' is missing — add a column headed '{header}' to the header "
        f"row (row {header_row}); headers may be in any order and any case",
    )


def find_table(book: RawWorkbook, table: Table, problems: list[Problem]) -> RawTable | None:
    """Locate a contract table by its header row; report a missing sheet or column."""
    sheet = book.find_sheet(table.sheet)
    if sheet is None:
        problems.append(
            Problem(
                table.sheet,
                None,
                f"the sheet '{table.sheet}' is missing — add a sheet named '{table.sheet}' "
                "with the headers "
                + ", ".join(c.header for c in table.columns if c.required)
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
                "no header row found — put the headers "
                + ", ".join(c.header for c in table.columns if c.required)
                + f" in one row near the top of the sheet '{sheet}'",
            )
        )
        return None
    header_values = rows[best_row - 1]
    used = set(best.values())
    free = max((i for i, v in enumerate(header_values, 1) if not _is_blank(v)), default=0) + 1
    for column in table.columns:
        if column.required and column.key not in best:
            problems.append(
                _missing_column_problem(sheet, best_row, header_values, used, column.header, free)
            )
            free += 1
    # Blank rows, and rows with notes only in columns the contract does not know, are skipped.
    data = []
    indexes = sorted(index - 1 for index in used)
    for number, values in enumerate(rows[best_row:], start=best_row + 1):
        for index in indexes:  # usually the first contract cell decides
            if index < len(values):
                value = values[index]
                if (
                    value is not None
                    and value != ""
                    and not (value.__class__ is str and value.isspace())
                ):
                    data.append((number, values))
                    break
    return RawTable(sheet, best_row, best, tuple(data), book.uncalculated.get(sheet, {}))


def settings_columns(rows: list[tuple]) -> tuple[int, int, int]:
    """(label column, value column, first row) of the Report sheet's Setting | Value rows."""
    wanted = [normalize_header(h) for h in SETTING_HEADER]
    for index, values in enumerate(rows[:HEADER_SEARCH_ROWS]):
        headers = [normalize_header(v) for v in values]
        if wanted[0] in headers and wanted[1] in headers:
            return headers.index(wanted[0]) + 1, headers.index(wanted[1]) + 1, index + 1
    return 1, 2, 0


def setting_label(value: object) -> str:
    """A Setting cell as a key: case, spaces and a trailing colon do not matter."""
    return normalize_header(value).rstrip(":").strip()


def find_settings(book: RawWorkbook, problems: list[Problem]) -> tuple[str, dict] | None:
    """The Report sheet's Setting | Value rows: normalized label -> (row, value, letter)."""
    sheet = book.find_sheet(REPORT_SHEET)
    if sheet is None:
        problems.append(
            Problem(
                REPORT_SHEET,
                None,
                "the sheet 'Report' is missing — add a sheet named 'Report' with two "
                "columns, Setting and Value, and rows for Client, Period start and Period "
                "end at least",
            )
        )
        return None
    rows = book.sheets[sheet]
    label_col, value_col, start = settings_columns(rows)
    found = {}
    for number, values in enumerate(rows[start:], start=start + 1):
        label = setting_label(values[label_col - 1]) if len(values) >= label_col else ""
        if label and label not in found:
            value = values[value_col - 1] if len(values) >= value_col else None
            found[label] = (number, value, get_column_letter(value_col))
    return sheet, found
