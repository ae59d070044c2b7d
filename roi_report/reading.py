"""Read the cell values of a workbook, and find its tables by sheet and header.

Nothing here judges the values; `validation` does. Tables are found by their header
row, never by fixed positions, so a user may move a table or add columns and rows above it.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import html
import os
import re
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import column_index_from_string, get_column_letter
from python_calamine import CalamineWorkbook

from roi_report.columnar import ColumnarTable, read_columnar
from roi_report.contract import FACT_TABLES, LEADS, REPORT_SHEET, SETTING_HEADER, Table
from roi_report.errors import InputFileError, Problem

# How far down a sheet a header row may stand (titles and notes above it are fine).
HEADER_SEARCH_ROWS = 30
# Tables read as columns when their sheet's XML is this large (about 20,000 leads): below it
# the row reader is as fast, and Arrow is not even imported.
COLUMNAR_TABLES = (LEADS,)
COLUMNAR_MIN_BYTES = 6 * 1024**2

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

    @functools.cached_property
    def row_numbers(self) -> tuple[int, ...]:
        """Sheet rows holding data, in order: one tuple shared by the leads and the layout."""
        return tuple(row for row, _ in self.rows)

    def value(self, values: tuple, key: str):
        index = self.columns.get(key)
        if index is None or index > len(values):
            return None
        return values[index - 1]


@dataclass(frozen=True)
class RawWorkbook:
    path: Path
    sheets: dict[str, list[tuple]]  # actual sheet name -> rows of values from row 1 (none
    # for a sheet in `tables`)
    # sheet name -> {cell such as "G2": formula, or "" if shared} for formulas saved without
    # a result
    uncalculated: dict[str, dict[str, str]] = field(default_factory=dict)
    sheet_names: tuple[str, ...] = ()  # every sheet of the workbook, read or not
    # actual sheet name -> its contract table, for large sheets read as columns
    tables: dict[str, ColumnarTable] = field(default_factory=dict)

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
# What the reader parses, bounded before any parser sees it: the XML of the sheets it reads
# and of the parts python-calamine parses on opening (100,000 leads take 36 MB) ...
MAX_READ_BYTES = 1536 * 1024**2  # a CRM export of 1,000,000 leads is ~350 MB of XML
CALAMINE_PARTS = (
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/sharedStrings.xml",
    "xl/styles.xml",
)
# ... and the cells from A1 to the farthest cell of each sheet read, summed: python-calamine
# holds every one of them (32 bytes each, and 8 more once in Python), filled or not, so a
# sheet with one cell in A1 and one in XFD1048576 would need 700 GB.
MAX_CELLS = 30_000_000  # 1,000,000 leads hold 10,000,000
MAX_SHEET_NAME = 255  # Excel allows 31 characters


def _size(count: int) -> str:
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if count >= scale:
            return f"{count / scale:.1f} {unit}"
    return f"{count} bytes"


def _check_package(path: Path) -> None:
    """A zip file: make sure it is whole, is a spreadsheet package, and is no zip bomb."""
    try:
        with zipfile.ZipFile(path) as package:
            _check_parts(path, package)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        ValueError,
        EOFError,
        NotImplementedError,  # a zip version or compression no spreadsheet program writes
    ):
        raise InputFileError(
            path, DAMAGED.format(detail="the file is cut short or is not a complete package")
        ) from None


def _check_parts(path: Path, package: zipfile.ZipFile) -> None:
    infos = package.infolist()
    names = [info.filename for info in infos]
    if len({name.lower() for name in names}) < len(names):
        # Two parts of one name: which one a reader takes is anyone's guess.
        raise InputFileError(path, DAMAGED.format(detail="it holds two parts of the same name"))
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
    if inflating:
        part = inflating[0]
        raise InputFileError(
            path,
            f"the part {part.filename} would inflate "
            f"{part.file_size // max(part.compress_size, 1):,} times when opened, from "
            f"{_size(part.compress_size)} to {_size(part.file_size)}, which no real workbook "
            "does — it was refused as unsafe (a 'zip bomb'); check where the file came from",
        )
    if total > MAX_TOTAL_BYTES:
        raise InputFileError(
            path,
            f"the workbook would inflate to {_size(total)} when opened, which no real "
            "workbook does — it was refused as unsafe (a 'zip bomb'); check where the file "
            "came from",
        )
    if any(name.endswith("workbook.xml") for name in names):
        _refuse_dtds(path, package)
        # What the results workbook could not be made from, said by `check` too.
        from roi_report.xlsx_package import check_package

        check_package(path, package)
        return
    for part, kind in ZIP_KINDS:
        if any(name == part or (part.endswith("/") and name.startswith(part)) for name in names):
            raise InputFileError(path, f"this is {kind}")
    raise InputFileError(path, f"this is a zip archive, not an Excel workbook; {SAVE_AS_HINT}")


# An XML part's prolog: declaration, processing instructions, comments — then its root
# element, or a DTD (<!DOCTYPE ...>), which no spreadsheet program writes.
XML_PARTS = (".xml", ".rels", ".vml")
PROLOG_ITEM = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->)", re.DOTALL)
PROLOG_BYTES = 64 * 1024
UNSAFE_XML = (
    "{part} {what}, which no spreadsheet program writes — an XML bomb or an attempt to "
    "read files from this computer; the workbook was refused as unsafe, check where it came "
    "from"
)


def _prolog_problem(head: bytes) -> str | None:
    """What is wrong with the start of an XML part, or None."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head[:2]:
        encoding = "utf-16" if head[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-16-le"
        if head[:1] == b"\x00":
            encoding = "utf-16-be"
        head = head.decode(encoding, "ignore").encode("utf-8")
    position = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    while (item := PROLOG_ITEM.match(head, position)) is not None:
        position = item.end()
    rest = head[position:].lstrip()
    if rest[:2] == b"<!" and rest[2:3] != b"-":
        return "declares a DTD (<!DOCTYPE ...>) with its own entities"
    if rest[:1] == b"<" and rest[1:2] not in (b"!", b"?", b""):
        return None  # the root element
    if len(head) >= PROLOG_BYTES:
        return f"starts with more than {PROLOG_BYTES // 1024} KB before its first element"
    return None  # too short or not XML at all: the parsers say so


def _refuse_dtds(path: Path, package: zipfile.ZipFile) -> None:
    """No XML part may declare a DTD: entities are how XML bombs and XXE attacks work.

    python-calamine and the regular expressions of this module expand none, and refuse
    unknown entities; checking every part up front gives one clear message instead, and
    keeps such parts out of anything else that might parse them.
    """
    for info in package.infolist():
        if not info.filename.lower().endswith(XML_PARTS) or info.file_size == 0:
            continue
        try:
            with package.open(info) as stream:
                head = stream.read(PROLOG_BYTES)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, zlib.error):
            raise InputFileError(
                path, DAMAGED.format(detail=f"the part {info.filename} cannot be unpacked")
            ) from None
        problem = _prolog_problem(head)
        if problem:
            raise InputFileError(path, UNSAFE_XML.format(part=info.filename, what=problem))


FORMULA_MARKERS = (b"<f>", b"<f ", b":f>", b":f ")
ERROR_MARKER = b't="e"'
SCAN_CHUNK = 16 * 1024 * 1024


# Where python-calamine puts each cell (see its cells_reader): at the cell's r="B12" when it
# has one, else after the previous cell of its row; a row without r="12" follows the row
# before. It keeps every cell from A1 to the farthest one that holds a value.
#
# The quick scan: the files Excel, LibreOffice, Google Sheets and openpyxl write open every
# cell with <c r="B12" and nothing else — then the refs alone bound the sheet, and only the
# rare ones of two or more letters or six or more digits need reading.
IRREGULAR_CELLS = (
    re.compile(rb'<c(?: (?!r=")|[\t\n\r/>])'),  # a cell not opened with its r="..."
    re.compile(rb":c[\s/>]"),  # a cell with a namespace prefix
    re.compile(rb'"\s*r\s*='),  # a second r="..." after another attribute
    re.compile(rb"'\s*r\s*="),
)
WIDE_REF = re.compile(rb'<c r="([A-Za-z]{2,})[0-9]')
# Rows past 999,999 are named exactly; shorter refs only bound the sheet by their digit
# count, so a million-row export is scanned without converting ten million refs.
DEEP_REF = re.compile(rb'<c r="[A-Za-z]*([0-9]{7,})"')
SIX_DIGIT_REF = re.compile(rb'<c r="[A-Za-z]*[0-9]{6}"')
FIVE_DIGIT_REF = re.compile(rb'<c r="[A-Za-z]*[0-9]{5}"')
REF_LETTERS = re.compile(rb'<c r="([A-Za-z]*)')
REF_DIGITS = re.compile(rb'<c r="[A-Za-z]*([0-9]*)"')
# The exact scan, for the other files: every row and cell tag in order, as calamine reads
# them (an attribute value may hold ">" or "<"), the usual r="..." first taken at once.
ROW_OR_CELL = re.compile(
    rb"<(/?)(?:[^\s/>:]+:)?(row|c)(?=[\s/>])(?:\s+r=\"([A-Za-z]*)([0-9]*)\")?"
    rb"""((?:[^>"']|"[^"]*"|'[^']*')*)>"""
)
OTHER_R = re.compile(rb"(?:^|\s)r\s*=")
R_ATTRIBUTE = re.compile(rb"""(?:^|\s)r\s*=\s*(?:"([^"]*)"|'([^']*)')""")
REF_PARTS = re.compile(rb"([A-Za-z]*)([0-9]*)")
PYTHON_SCAN_BYTES = 16 * 1024**2  # empty cells are told apart only in sheets this small
FAR = 10**9  # a row or column past anything a sheet can hold
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384


@dataclass
class SheetScan:
    """What the reader learns from a sheet's XML before python-calamine reads it."""

    part: str | None
    rows: int = 0  # the farthest row a cell may reach, 1-based (a bound)
    columns: int = 0
    exact: bool = False  # the bound is the farthest cell python-calamine will keep
    marked: bool = False  # the sheet holds formulas or error values
    starts_at_a1: bool = False  # its first cell is a filled A1
    xml_bytes: int = 0  # the size of its XML, inflated

    @property
    def cells(self) -> int:
        return self.rows * self.columns


def _number(digits: bytes) -> int:
    digits = digits.lstrip(b"0")
    return int(digits or b"0") if len(digits) < 10 else FAR


def _deepest(found: list[bytes]) -> int:
    """The largest of many row numbers, in C loops: one sheet may hold ten million refs."""
    if not found:
        return 0
    distinct = set(found)  # the cells of one row share its number
    return FAR if max(map(len, distinct)) >= 10 else max(map(int, distinct))


def _column(letters: bytes) -> int:
    if len(letters) > 4:
        return FAR
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def _windows(package: zipfile.ZipFile, part: str):
    """The part's XML in pieces of about SCAN_CHUNK bytes, each cut just before a '<'."""
    with package.open(part) as stream:
        carry = b""
        while chunk := stream.read(SCAN_CHUNK):
            window = carry + chunk
            cut = window.rfind(b"<")
            if cut <= 0:
                carry = window
                continue
            carry = window[cut:]
            yield window[:cut]
        if carry:
            yield carry


def _marked(window: bytes) -> bool:
    """Formulas or error values in this piece of a sheet: three cheap searches first, the
    exact markers only where one of them hits."""
    hits = b"<f" in window or b":f" in window or ERROR_MARKER in window
    return hits and any(marker in window for marker in (*FORMULA_MARKERS, ERROR_MARKER))


def _starts_at_a1(window: bytes) -> bool:
    """The sheet's first cell is A1 and holds a value, so calamine's cells start at A1."""
    first = CELL_XML.search(window)
    if first is None or (ref := CELL_REF.search(first.group(1))) is None:
        return False
    body = first.group(2) or b""
    value = VALUE_XML.search(body)
    return ref.group(1) == b"A1" and bool((value and value.group(1)) or b"is>" in body)


def _quick_scan(package: zipfile.ZipFile, part: str) -> tuple[SheetScan, bool]:
    """A bound on the sheet's extent from its regular cell refs; False if it has others."""
    scan = SheetScan(part, xml_bytes=package.getinfo(part).file_size)
    regular, wide, deep, six, five = True, 0, 0, False, False
    for number, window in enumerate(_windows(package, part)):
        if number == 0:
            scan.starts_at_a1 = _starts_at_a1(window)
        scan.marked = scan.marked or _marked(window)
        regular = regular and not any(p.search(window) for p in IRREGULAR_CELLS)
        wide = max([wide, *map(_column, WIDE_REF.findall(window))])
        deep = max(deep, _deepest(DEEP_REF.findall(window)))
        six = six or (not deep and SIX_DIGIT_REF.search(window) is not None)
        five = five or (not deep and not six and FIVE_DIGIT_REF.search(window) is not None)
    scan.rows = deep or (999_999 if six else 99_999 if five else 9_999)
    scan.columns = wide or 26
    return scan, regular


def _refs_scan(package: zipfile.ZipFile, scan: SheetScan) -> SheetScan:
    """The farthest row and column among the refs of a regular sheet (empty cells too)."""
    rows = columns = 0
    for window in _windows(package, scan.part):
        rows = max([rows, *map(_number, set(REF_DIGITS.findall(window)))])
        columns = max([columns, *map(_column, set(REF_LETTERS.findall(window)))])
    scan.rows, scan.columns, scan.exact = rows, columns, True
    return scan


def _exact_scan(package: zipfile.ZipFile, scan: SheetScan) -> SheetScan:
    """The farthest row and column of a cell with content, placed as calamine places it."""
    xml = package.read(scan.part)  # whole: a tag may hold "<" and span any cut
    row = column = far_row = far_column = 0  # 0-based, as calamine counts
    columns: dict[bytes, int] = {}
    for match in ROW_OR_CELL.finditer(xml):
        closing, tag, letters, digits, rest = match.groups()
        empty = rest.endswith(b"/") or rest.rstrip().endswith(b"/")
        refs = [] if digits is None else [(letters, digits)]
        if OTHER_R.search(rest):
            refs += [REF_PARTS.match(a or b).groups() for a, b in R_ATTRIBUTE.findall(rest)]
        if tag == b"row":
            if closing:
                row, column = row + 1, 0
                continue
            if refs:
                row = max(_number(digits) for _, digits in refs) - 1
            if empty:
                row, column = row + 1, 0
            continue
        if closing:
            continue
        at_row, at_column = row, column
        for letters, digits in refs:
            number = columns.get(letters)
            if number is None:
                number = columns[letters] = _column(letters)
            at_row, at_column = max(at_row, _number(digits) - 1), max(at_column, number - 1)
            column = at_column
        column += 1
        if not empty:  # a self-closed cell has no value; calamine keeps none there
            far_row, far_column = max(far_row, at_row + 1), max(far_column, at_column + 1)
    scan.rows, scan.columns, scan.exact = far_row, far_column, True
    return scan


def _scan_sheets(path: Path, package: zipfile.ZipFile, parts: dict[str, str]) -> dict:
    """Scan the sheets to be read; refuse them if python-calamine would hold too many cells."""
    scans, regular = {}, {}
    for name, part in parts.items():
        scans[name], regular[name] = _quick_scan(package, part)
        if not regular[name]:
            _exact_scan(package, scans[name])
    # Quick bounds are generous: when they add up to too much, read the refs of the largest
    # first, and tell empty cells apart in small sheets (Excel saves formatted empty cells).
    for name in sorted(scans, key=lambda n: -scans[n].cells):
        if sum(s.cells for s in scans.values()) <= MAX_CELLS:
            break
        scan = scans[name]
        if not scan.exact:
            _refs_scan(package, scan)
        if regular[name] and package.getinfo(scan.part).file_size <= PYTHON_SCAN_BYTES:
            _exact_scan(package, scan)
    for name, scan in scans.items():
        if scan.rows > EXCEL_ROWS or scan.columns > EXCEL_COLUMNS:
            raise InputFileError(
                path,
                DAMAGED.format(
                    detail=f"the sheet '{name}' has cells beyond row {EXCEL_ROWS:,} or "
                    "column XFD, the last a sheet can have"
                ),
            )
    total = sum(s.cells for s in scans.values())
    if total <= MAX_CELLS:
        return scans
    name, scan = max(scans.items(), key=lambda item: item[1].cells)
    if scan.cells > MAX_CELLS:
        raise InputFileError(
            path,
            f"the sheet '{name}' has cells as far as row {scan.rows:,} and column "
            f"{_column_name(scan.columns)} — {scan.cells:,} cells from A1, more than the "
            f"{MAX_CELLS:,} the tool reads; delete everything below and to the right of your "
            "table (select those rows and columns, Delete, save), or copy the table into a "
            "new sheet",
        )
    raise InputFileError(
        path,
        f"the sheets {', '.join(scans)} hold {total:,} cells from A1 to their farthest "
        f"cells, more than the {MAX_CELLS:,} the tool reads — keep only the rows of the "
        "report period and the comparison period, and remove columns the report does not use",
    )


def _column_name(number: int) -> str:
    return get_column_letter(number) if number <= 18_278 else f"number {number:,}"


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


def _attribute(tag: str, name: str) -> str | None:
    """The last value of the attribute `name` in a start tag, as an XML parser reads it."""
    pattern = rf"""(?:^|\s){re.escape(name)}\s*=\s*(?:"([^"]*)"|'([^']*)')"""
    values = [a or b for a, b in re.findall(pattern, tag)]
    return values[-1] if values else None


def _tags(xml: str, name: str) -> list[str]:
    """The start tags of elements called `name`, with any namespace prefix."""
    return re.findall(rf"""<(?:[^\s/>:]+:)?{name}(?=[\s/>])(?:[^>"']|"[^"]*"|'[^']*')*>""", xml)


def _sheet_parts(package: zipfile.ZipFile, parts: dict[str, str]) -> dict[str, str | None]:
    """Sheet name -> the part python-calamine reads for it (see `parts`), or None.

    As calamine does: the relationship of the sheet's r:id in xl/_rels/workbook.xml.rels,
    its target under xl/, part names compared regardless of ASCII case.
    """
    try:
        workbook = package.read(parts["xl/workbook.xml"]).decode("utf-8", "replace")
        rels = package.read(parts["xl/_rels/workbook.xml.rels"]).decode("utf-8", "replace")
    except KeyError:
        return {}
    targets = {}
    for tag in _tags(rels, "Relationship"):
        rel_id, target = _attribute(tag, "Id"), _attribute(tag, "Target")
        if rel_id is not None and target is not None:
            targets[rel_id] = target
    found: dict[str, str | None] = {}
    for tag in _tags(workbook, "sheet"):
        name = _attribute(tag, "name")
        rel_id = _attribute(tag, "r:id") or _attribute(tag, "relationships:id")
        if name is None:
            continue
        target = targets.get(rel_id or "", "")
        if target.startswith("/xl/"):
            target = target[1:]
        elif not target.startswith("xl/"):
            target = "xl/" + target
        found.setdefault(html.unescape(name), parts.get(target.lower()))
    return found


def _part_names(package: zipfile.ZipFile) -> dict[str, str]:
    """Part name in lower case -> part name (`check_file_kind` refused any two alike)."""
    return {info.filename.lower(): info.filename for info in package.infolist()}


def _check_read_size(path: Path, package: zipfile.ZipFile, parts: list[str | None]) -> None:
    """Refuse, from the package's directory, more XML than the reader parses."""
    total = sum(package.getinfo(part).file_size for part in set(parts) if part)
    if total > MAX_READ_BYTES:
        raise InputFileError(
            path,
            f"the sheets the report reads hold {_size(total)} of data, more than the "
            f"{_size(MAX_READ_BYTES)} the tool reads — keep only the rows of the report period "
            "and the comparison period, and remove columns and long texts the report does "
            "not use",
        )


def _cell_index(ref: str) -> tuple[int, int]:
    letters = ref.rstrip("0123456789")
    return int(ref[len(letters) :]) - 1, column_index_from_string(letters) - 1


def read_workbook(path: Path, meanwhile: Callable[[], None] | None = None) -> RawWorkbook:
    """The cell values (cached values of formulas) of the contract's sheets, read once.

    Values come from python-calamine, ten times faster than openpyxl on a large CRM export;
    the sheet XML is consulted only for what calamine does not say: error values, and
    formulas saved without a result. What calamine is given is bounded first: the size of
    the XML it parses, and the cells it holds (see `_scan_sheets`).
    """
    path = Path(path)
    check_file_kind(path)
    sheets: dict[str, list] = {}
    uncalculated: dict[str, dict[str, str]] = {}
    tables: dict[str, ColumnarTable] = {}
    current = None
    try:
        with _rust_panics_unprinted(), zipfile.ZipFile(path) as package:
            lower = _part_names(package)
            opened = [lower.get(part.lower()) for part in CALAMINE_PARTS]
            _check_read_size(path, package, opened)
            book = CalamineWorkbook.from_path(str(path))
            names = book.sheet_names
            if len(names) > MAX_SHEETS:
                raise InputFileError(
                    path,
                    f"the workbook has {len(names):,} sheets; the report "
                    "needs only its contract sheets — copy those into a new "
                    "workbook and try again",
                )
            long_name = next((name for name in names if len(name) > MAX_SHEET_NAME), None)
            if long_name is not None:
                raise InputFileError(
                    path,
                    DAMAGED.format(
                        detail=f"a sheet name is {len(long_name):,} characters long; "
                        "Excel allows 31"
                    ),
                )
            wanted: dict[str, str] = {}  # the first sheet of each contract name
            for name in names:
                wanted.setdefault(normalize_header(name), name)
            wanted = {k: v for k, v in wanted.items() if k in CONTRACT_SHEETS}
            parts = _sheet_parts(package, lower)
            for name in wanted.values():
                if parts.get(name) is None:
                    raise InputFileError(
                        path, DAMAGED.format(detail=f"the sheet '{name}' is not in the package")
                    )
            _check_read_size(path, package, opened + [parts[n] for n in wanted.values()])
            scans = _scan_sheets(path, package, {n: parts[n] for n in wanted.values()})
            for name in wanted.values():
                current = name
                table = _columnar(path, name, scans[name], meanwhile)
                if table is not None:
                    sheets[name], tables[name] = [], table
                    continue
                rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
                xml = package.read(scans[name].part) if scans[name].marked else b""
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
    except BaseException as error:  # a damaged package fails in many ways
        if not isinstance(error, Exception) and not _is_panic(error):
            raise  # KeyboardInterrupt, SystemExit
        if "larger than its declared" in str(error):  # python-calamine's zip reader
            raise InputFileError(
                path,
                "a part of the workbook inflates to more than the size its package declares "
                "for it, which no real workbook does — it was refused as unsafe (a 'zip "
                "bomb'); check where the file came from",
            ) from None
        detail = f"the sheet '{current}' cannot be read" if current else "its structure is broken"
        raise InputFileError(path, DAMAGED.format(detail=detail)) from error
    return RawWorkbook(path, sheets, uncalculated, tuple(names), tables)


def _columnar(path: Path, sheet: str, scan: SheetScan, meanwhile) -> ColumnarTable | None:
    """The sheet's table read as columns, where that gives what the row reader would."""
    key = normalize_header(sheet)
    table = next((t for t in COLUMNAR_TABLES if normalize_header(t.sheet) == key), None)
    if table is None or scan.xml_bytes < COLUMNAR_MIN_BYTES or scan.marked or not scan.starts_at_a1:
        return None
    return read_columnar(path, sheet, table, _filled, normalize_header, meanwhile)


@contextlib.contextmanager
def _rust_panics_unprinted():
    """Keep python-calamine's Rust panic reports off the terminal.

    A panic (a date cell of -1e12, say) reaches Python as an exception, which the caller
    turns into a clear message — but Rust has already printed its own report, with a stack
    backtrace, to the process's stderr. Whatever else is written there meanwhile is passed
    on.
    """
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):
        yield
        return
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            written = sink.read()
            if written and b"panicked at" not in written:
                os.write(2, written)


def _is_panic(error: BaseException) -> bool:
    """A Rust panic inside python-calamine (a date out of range, ...): pyo3 raises it as a
    BaseException, so that `except Exception` does not swallow it."""
    return type(error).__name__ == "PanicException"


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


def _filled(value: object) -> bool:
    return value is not None and value != "" and not (value.__class__ is str and value.isspace())


def find_table(
    book: RawWorkbook, table: Table, problems: list[Problem]
) -> RawTable | ColumnarTable | None:
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
    if sheet in book.tables:
        return book.tables[sheet]  # read as columns, its header already found
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
    first = indexes[0]

    def has_content(values) -> bool:
        return any(index < len(values) and _filled(values[index]) for index in indexes)

    # The first contract cell decides for almost every row; the comprehension keeps that
    # common case free of function calls (a million-lead export has a million rows).
    data = [
        (number, values)
        for number, values in enumerate(rows[best_row:], start=best_row + 1)
        if (
            len(values) > first
            and values[first].__class__ is str
            and values[first]
            and not values[first].isspace()
        )
        or has_content(values)
    ]
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
