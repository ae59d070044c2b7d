"""Read the cell values of a workbook, and find its tables by sheet and header.

Nothing here judges the values; `validation` does. Tables are found by their header
row, never by fixed positions, so a user may move a table or add columns and rows above it.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import os
import posixpath
import re
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from openpyxl.utils import column_index_from_string, get_column_letter
from python_calamine import CalamineWorkbook

from roi_report.errors import InputFileError, Problem
from roi_report.language import N_, messages_for
from roi_report.workbook import xml_stream
from roi_report.workbook.columnar import ColumnarTable, read_columnar
from roi_report.workbook.contract import (
    FACT_TABLES,
    LEADS,
    OPTIONAL_TABLES,
    REPORT_SHEET,
    SETTING_HEADER,
    SETTINGS,
    Table,
)
from roi_report.workbook.values import number_text

_messages = messages_for(__name__)
_, ngettext = _messages.gettext, _messages.ngettext

# How far down a sheet a header row may stand (titles and notes above it are fine).
HEADER_SEARCH_ROWS = 30
# Tables read as columns when their sheet's XML is this large (about 20,000 leads): below it
# the row reader is as fast, and Arrow is not even imported.
COLUMNAR_TABLES = (LEADS,)
COLUMNAR_MIN_BYTES = 6 * 1024**2

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
OTHER_FORMATS = {
    ".csv": N_("this is a CSV file; {hint}"),
    ".tsv": N_("this is a tab-separated text file; {hint}"),
    ".txt": N_("this is a text file; {hint}"),
    ".xls": N_("this is an old Excel 97-2003 workbook (.xls); {hint}"),
    ".xlsb": N_("this is a binary Excel workbook (.xlsb); {hint}"),
    ".xltx": N_("this is an Excel template (.xltx); {hint}"),
    ".xltm": N_("this is an Excel template (.xltm); {hint}"),
    ".ods": N_("this is an OpenDocument spreadsheet (.ods); {hint}"),
    ".numbers": N_("this is an Apple Numbers file; {hint}"),
    ".html": N_("this is a web page; {hint}"),
    ".htm": N_("this is a web page; {hint}"),
    ".xml": N_("this is an XML file; {hint}"),
    ".json": N_("this is a JSON file; {hint}"),
    ".pdf": N_("this is a PDF document; {hint}"),
    ".zip": N_("this is a zip archive; {hint}"),
}
SAVE_AS_HINT = N_("open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx)")
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Streams of an OLE compound file: an encrypted OOXML package, or a BIFF (.xls) workbook.
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
BIFF_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
# Parts that say which kind of zip package a file really is.
WRONG_FILE = N_("check that you picked the right file")
ZIP_KINDS = (
    ("xl/workbook.bin", N_("this is a binary Excel workbook (.xlsb) with an .xlsx name; {hint}")),
    ("word/", N_("this is a Word document, not a workbook — {wrong_file}")),
    ("ppt/", N_("this is a PowerPoint presentation, not a workbook — {wrong_file}")),
    ("content.xml", N_("this is an OpenDocument spreadsheet (.ods) with an .xlsx name; {hint}")),
)
CONTRACT_SHEETS = {
    " ".join(name.split()).casefold()
    for name in [
        REPORT_SHEET,
        *(t.sheet for t in FACT_TABLES),
        *(t.sheet for t in OPTIONAL_TABLES),
    ]
}
# A cell reference as python-calamine and the formula sheets read it.
CELL_REF = re.compile(r"[A-Z]+[0-9]+")


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

    def cell(self, position: int, key: str):
        """The raw value of data row `position` (0-based) in the column `key`."""
        return self.value(self.rows[position][1], key)

    def without(self, positions: set[int]) -> RawTable:
        """The table without the data rows at `positions` (totals rows)."""
        rows = tuple(row for i, row in enumerate(self.rows) if i not in positions)
        return RawTable(self.sheet, self.header_row, self.columns, rows, self.uncalculated)


@dataclass(frozen=True)
class ExcelTable:
    """An Excel Table (Insert > Table) as its definition part says: where it stands and how
    many header and Total rows it has."""

    name: str
    first_row: int
    last_row: int
    first_column: int
    last_column: int
    header_rows: int = 1
    totals_rows: int = 0


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
    # sheet name -> "visible", "hidden" or "veryhidden", for every sheet
    visibility: dict[str, str] = field(default_factory=dict)
    # actual sheet name -> the Excel Tables defined on it (sheets read only)
    excel_tables: dict[str, tuple[ExcelTable, ...]] = field(default_factory=dict)

    def look_alikes(self, name: str) -> tuple[str, ...]:
        """Every sheet whose name reads as `name` (case and spaces aside), in tab order."""
        wanted = normalize_header(name)
        return tuple(s for s in self.sheet_names if normalize_header(s) == wanted)

    def find_sheet(self, name: str) -> str | None:
        wanted = normalize_header(name)
        return next((s for s in self.sheets if normalize_header(s) == wanted), None)


def _sniff_ole(path: Path) -> str:
    """An OLE compound file: a password-protected workbook, or an old .xls renamed."""
    with path.open("rb") as handle:
        data = handle.read(64 * 1024 * 1024)
    if ENCRYPTED_STREAM in data:
        return _(
            "the workbook is password-protected (encrypted), so it cannot be read — open it "
            "in Excel, remove the password (File > Info > Protect Workbook > Encrypt with "
            "Password, then clear it), save it and try again"
        )
    if any(stream in data for stream in BIFF_STREAMS):
        return _(
            "this is an old Excel 97-2003 workbook (.xls) with an .xlsx name; "
            "{hint} (remove its password too if it has one)"
        ).format(hint=_(SAVE_AS_HINT))
    return _(
        "this is not an .xlsx workbook: it is an older Office file or a password-protected "
        "one; remove any password, then {hint}"
    ).format(hint=_(SAVE_AS_HINT))


def _sniff_text(head: bytes) -> str:
    """What a non-zip file most likely is, said in the user's words."""
    text = head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").lower().replace(b"\x00", b"")
    if text.startswith((b"<!doctype html", b"<html", b"<table", b"<meta", b"<head")):
        message = _(
            "this is a web page (HTML) with an .xlsx name, not a real Excel workbook — "
            "many systems export 'Excel' files this way; {hint}"
        )
    elif text.startswith(b"<?xml") or text.startswith(b"<"):
        message = _("this is an XML file with an .xlsx name, not a real Excel workbook; {hint}")
    elif text.startswith(b"%pdf"):
        message = _("this is a PDF document with an .xlsx name, not a workbook — {wrong_file}")
    elif not head.startswith((b"\xff\xfe", b"\xfe\xff")) and b"\x00" in head[:512]:
        message = _("this is not an Excel workbook (its content is something else); {hint}")
    else:
        message = _(
            "this is a text file (probably CSV) with an .xlsx name, not a real Excel workbook; "
            "{hint}"
        )
    return message.format(hint=_(SAVE_AS_HINT), wrong_file=_(WRONG_FILE))


def check_file_kind(path: Path) -> None:
    """Refuse, with a clear message, anything that is not an xlsx/xlsm package."""
    if not path.is_file():
        raise InputFileError(path, _("no such file — check the path"))
    suffix = path.suffix.lower()
    if suffix in OTHER_FORMATS:
        raise InputFileError(path, _(OTHER_FORMATS[suffix]).format(hint=_(SAVE_AS_HINT)))
    if suffix not in WORKBOOK_SUFFIXES:
        raise InputFileError(
            path,
            _("'{suffix}' is not an Excel workbook; {hint}").format(
                suffix=suffix or _("no extension"), hint=_(SAVE_AS_HINT)
            ),
        )
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
        if not head.strip(b" \t\r\n\x00"):
            raise InputFileError(
                path,
                _(
                    "the file is empty (nothing was saved in it); save the workbook again from "
                    "Excel or LibreOffice, or start from a template with roi-report init"
                ),
            )
        if head.startswith(OLE_SIGNATURE):
            raise InputFileError(path, _sniff_ole(path))
        if not head.startswith(b"PK"):
            raise InputFileError(path, _sniff_text(head))
        _check_package(path)
    except OSError as error:
        raise InputFileError(
            path,
            _(
                "the file cannot be read ({reason}) — check that it is not "
                "open elsewhere and that you may read it"
            ).format(reason=error.strerror or error),
        ) from None


DAMAGED = N_(
    "the workbook is damaged ({detail}) — open it in Excel or LibreOffice (they can often "
    "repair it) and save it again as .xlsx"
)


def damaged(detail: str) -> str:
    """The damaged-workbook sentence around `detail`, in the active language."""
    return _(DAMAGED).format(detail=detail)


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
            path, damaged(_("the file is cut short or is not a complete package"))
        ) from None


def _check_parts(path: Path, package: zipfile.ZipFile) -> None:
    infos = package.infolist()
    names = [info.filename for info in infos]
    if len({name.lower() for name in names}) < len(names):
        # Two parts of one name: which one a reader takes is anyone's guess.
        raise InputFileError(path, damaged(_("it holds two parts of the same name")))
    if len(infos) > MAX_PARTS:
        raise InputFileError(
            path,
            _(
                "the package holds {count} parts, far more than a "
                "workbook has — it is damaged or not a real workbook"
            ).format(count=number_text(len(infos))),
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
            _(
                "the part {part} would inflate {ratio} times when opened, from "
                "{packed} to {size}, which no real workbook does — it was refused as unsafe "
                "(a 'zip bomb'); check where the file came from"
            ).format(
                part=part.filename,
                ratio=number_text(part.file_size // max(part.compress_size, 1)),
                packed=_size(part.compress_size),
                size=_size(part.file_size),
            ),
        )
    if total > MAX_TOTAL_BYTES:
        raise InputFileError(
            path,
            _(
                "the workbook would inflate to {size} when opened, which no real "
                "workbook does — it was refused as unsafe (a 'zip bomb'); check where the file "
                "came from"
            ).format(size=_size(total)),
        )
    if any(name.endswith("workbook.xml") for name in names):
        _refuse_dtds(path, package)
        # What the results workbook could not be made from, said by `check` too.
        from roi_report.excel.package import check_package

        check_package(path, package)
        return
    for part, kind in ZIP_KINDS:
        if any(name == part or (part.endswith("/") and name.startswith(part)) for name in names):
            raise InputFileError(
                path, _(kind).format(hint=_(SAVE_AS_HINT), wrong_file=_(WRONG_FILE))
            )
    raise InputFileError(
        path,
        _("this is a zip archive, not an Excel workbook; {hint}").format(hint=_(SAVE_AS_HINT)),
    )


# An XML part's prolog: declaration, processing instructions, comments — then its root
# element, or a DTD (<!DOCTYPE ...>), which no spreadsheet program writes.
XML_PARTS = (".xml", ".rels", ".vml")
PROLOG_ITEM = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->)", re.DOTALL)
PROLOG_BYTES = 64 * 1024


def _prolog_problem(part: str, head: bytes) -> str | None:
    """Why the start of an XML part gets the workbook refused, or None."""
    # The refusals' words live with the package reader, which refuses a DTD it parses too.
    from roi_report.excel.package import declares_dtd, unsafe_part

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
        return declares_dtd(part)
    if rest[:1] == b"<" and rest[1:2] not in (b"!", b"?", b""):
        return None  # the root element
    if len(head) >= PROLOG_BYTES:
        return unsafe_part(
            part,
            _("starts with more than {size} KB before its first element").format(
                size=PROLOG_BYTES // 1024
            ),
        )
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
                path, damaged(_("the part {part} cannot be unpacked").format(part=info.filename))
            ) from None
        problem = _prolog_problem(info.filename, head)
        if problem:
            raise InputFileError(path, problem)


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
# The exact scan, for the other files: every row and cell element in order, as calamine
# reads them, by a streaming XML parser (see xml_stream).
REF_PARTS = re.compile(r"([A-Za-z]*)([0-9]*)")
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
    parsed: SheetXml | None = None  # its XML read in full, once (see SheetXml)

    @property
    def cells(self) -> int:
        return self.rows * self.columns


def _number(digits: bytes) -> int:
    return _ref_row(digits.decode("ascii"))


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


def _ref_row(digits: str) -> int:
    """The 1-based row a ref's digits name (none: 0), FAR past anything a sheet holds."""
    digits = digits.lstrip("0")
    return int(digits or "0") if len(digits) < 10 else FAR


class SheetXml:
    """What python-calamine does not say about a sheet, read from its XML in one streaming
    pass: where its farthest cell with a value lies (cells placed as calamine places them:
    at their r="B12", else after the previous cell of the row, a row without r="12" after
    the row before), its formulas saved without a result and its error values.

    The handlers run once per element of a sheet that may hold millions: they keep the
    cell being read in plain attributes, and strip namespace prefixes only where there are.
    """

    def __init__(self, first_cell_only: bool = False):
        self.first_cell_only = first_cell_only
        self.row = self.column = 0  # 0-based, as calamine counts
        self.far_row = self.far_column = 0  # 1-based bounds of the cells with a value
        self.columns: dict[str, int] = {}
        # The cell being read: its attributes (None outside a cell), place, children.
        self.cell: dict | None = None
        self.cell_row = self.cell_column = 0
        self.has_child = self.inline = False
        self.formula: str | None = None
        self.value: str | None = None  # the text of its <v>, None without one
        self.collecting: list[str] | None = None
        self.first_is_a1 = False
        self.uncalculated: dict[str, str] = {}  # cell -> formula (see RawTable)
        self.errors: dict[str, str] = {}  # cell -> error value, such as #DIV/0!
        self.parser = xml_stream.make_parser(self._start, self._end, self._text)

    def _start(self, name: str, attributes: dict) -> None:
        if ":" in name:
            name = xml_stream.local_name(name)
        if self.cell is not None:
            self.has_child = True  # calamine keeps no cell without a child (a value)
            if name == "v" or name == "f":
                self.collecting = []
            elif name == "is":
                self.inline = True
        elif name == "c":
            row, column = self.row, self.column
            ref = attributes.get("r")
            if ref is not None:
                letters = ref.rstrip("0123456789")
                digits = ref[len(letters) :]
                if letters and not (letters.isascii() and letters.isalpha()):
                    letters, digits = REF_PARTS.match(ref).groups()  # "A1x2" is A1, as calamine
                number = self.columns.get(letters)
                if number is None:
                    number = self.columns[letters] = _column(letters.encode())
                row = max(row, _ref_row(digits) - 1)
                column = max(column, number - 1)
            self.column = column + 1
            self.cell, self.cell_row, self.cell_column = attributes, row, column
            self.has_child = self.inline = False
            self.formula = self.value = None
        elif name == "row":
            ref = attributes.get("r")
            if ref:
                self.row = _ref_row(REF_PARTS.match(ref).group(2)) - 1

    def _text(self, data: str) -> None:
        if self.collecting is not None:
            self.collecting.append(data)

    def _end(self, name: str) -> None:
        if ":" in name:
            name = xml_stream.local_name(name)
        if self.cell is None:
            if name == "row":
                self.row, self.column = self.row + 1, 0
        elif name == "c":
            self._cell_read()
        elif self.collecting is not None and (name == "v" or name == "f"):
            text, self.collecting = "".join(self.collecting), None
            if name == "v":
                self.value = text if self.value is None else self.value
            elif self.formula is None:
                self.formula = text

    def _cell_read(self) -> None:
        attributes, self.cell = self.cell, None
        if self.has_child:
            self.far_row = max(self.far_row, self.cell_row + 1)
            self.far_column = max(self.far_column, self.cell_column + 1)
        ref = attributes.get("r")
        if self.first_cell_only:
            self.first_is_a1 = ref == "A1" and bool(self.value or self.inline)
            raise _FirstCellRead
        if self.formula is None and self.value is None:
            return
        if ref is None or not CELL_REF.fullmatch(ref):
            return
        kind, value = attributes.get("t"), self.value
        saved = value is not None and (value or kind == "str")
        if self.formula is not None and not saved:  # an empty text result is a result too
            self.uncalculated[ref] = "=" + self.formula if self.formula else ""
        if kind == "e" and value:
            self.errors[ref] = value


class _FirstCellRead(Exception):
    pass


def _starts_at_a1(window: bytes) -> bool:
    """The sheet's first cell is A1 and holds a value, so calamine's cells start at A1."""
    reader = SheetXml(first_cell_only=True)
    try:
        xml_stream.feed(reader.parser, [window], final=False)
    except _FirstCellRead:
        return reader.first_is_a1
    except xml_stream.XmlRefused:
        pass
    return False


def _sheet_xml(path: Path, package: zipfile.ZipFile, name: str, scan: SheetScan) -> SheetXml:
    """The sheet's XML read once (see SheetXml); a part that is no XML is damage."""
    if scan.parsed is None:
        reader = SheetXml()
        try:
            xml_stream.feed(reader.parser, xml_stream.stream(package, scan.part))
        except xml_stream.XmlRefused as error:
            raise InputFileError(
                path,
                damaged(
                    _("the sheet '{sheet}' is not well-formed XML: {error}").format(
                        sheet=name, error=error
                    )
                ),
            ) from None
        scan.parsed = reader
    return scan.parsed


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


def _exact_scan(path: Path, package: zipfile.ZipFile, name: str, scan: SheetScan) -> SheetScan:
    """The farthest row and column of a cell with content, placed as calamine places it."""
    parsed = _sheet_xml(path, package, name, scan)
    scan.rows, scan.columns, scan.exact = parsed.far_row, parsed.far_column, True
    return scan


def _scan_sheets(path: Path, package: zipfile.ZipFile, parts: dict[str, str]) -> dict:
    """Scan the sheets to be read; refuse them if python-calamine would hold too many cells."""
    scans, regular = {}, {}
    for name, part in parts.items():
        scans[name], regular[name] = _quick_scan(package, part)
        if not regular[name]:
            _exact_scan(path, package, name, scans[name])
    # Quick bounds are generous: when they add up to too much, read the refs of the largest
    # first, and tell empty cells apart in small sheets (Excel saves formatted empty cells).
    for name in sorted(scans, key=lambda n: -scans[n].cells):
        if sum(s.cells for s in scans.values()) <= MAX_CELLS:
            break
        scan = scans[name]
        if not scan.exact:
            _refs_scan(package, scan)
        if regular[name] and package.getinfo(scan.part).file_size <= PYTHON_SCAN_BYTES:
            _exact_scan(path, package, name, scan)
    for name, scan in scans.items():
        if scan.rows > EXCEL_ROWS or scan.columns > EXCEL_COLUMNS:
            raise InputFileError(
                path,
                damaged(
                    _(
                        "the sheet '{sheet}' has cells beyond row {rows} or "
                        "column XFD, the last a sheet can have"
                    ).format(sheet=name, rows=number_text(EXCEL_ROWS))
                ),
            )
    total = sum(s.cells for s in scans.values())
    if total <= MAX_CELLS:
        return scans
    name, scan = max(scans.items(), key=lambda item: item[1].cells)
    if scan.cells > MAX_CELLS:
        raise InputFileError(
            path,
            _(
                "the sheet '{sheet}' has cells as far as row {row} and column "
                "{column} — {cells} cells from A1, more than the "
                "{limit} the tool reads; delete everything below and to the right of your "
                "table (select those rows and columns, Delete, save), or copy the table into a "
                "new sheet"
            ).format(
                sheet=name,
                row=number_text(scan.rows),
                column=_column_name(scan.columns),
                cells=number_text(scan.cells),
                limit=number_text(MAX_CELLS),
            ),
        )
    raise InputFileError(
        path,
        _(
            "the sheets {sheets} hold {cells} cells from A1 to their farthest "
            "cells, more than the {limit} the tool reads — keep only the rows of the "
            "report period and the comparison period, and remove columns the report does not use"
        ).format(sheets=", ".join(scans), cells=number_text(total), limit=number_text(MAX_CELLS)),
    )


def _column_name(number: int) -> str:
    if number <= 18_278:
        return get_column_letter(number)
    return _("number {number}").format(number=number_text(number))


def _start_tags(path: Path, package: zipfile.ZipFile, part: str, wanted: str) -> list[dict]:
    """The attributes of each element called `wanted` (any namespace prefix) in a part."""
    found: list[dict] = []

    def start(name: str, attributes: dict) -> None:
        if xml_stream.local_name(name) == wanted:
            found.append(attributes)

    try:
        xml_stream.feed(xml_stream.make_parser(start), xml_stream.stream(package, part))
    except xml_stream.XmlRefused as error:
        raise InputFileError(
            path,
            damaged(
                _("the part {part} is not well-formed XML: {error}").format(part=part, error=error)
            ),
        ) from None
    return found


def _sheet_parts(
    path: Path, package: zipfile.ZipFile, parts: dict[str, str]
) -> dict[str, str | None]:
    """Sheet name -> the part python-calamine reads for it (see `parts`), or None.

    As calamine does: the relationship of the sheet's r:id in xl/_rels/workbook.xml.rels,
    its target under xl/, part names compared regardless of ASCII case.
    """
    if "xl/workbook.xml" not in parts or "xl/_rels/workbook.xml.rels" not in parts:
        return {}
    targets = {}
    for tag in _start_tags(path, package, parts["xl/_rels/workbook.xml.rels"], "Relationship"):
        rel_id, target = tag.get("Id"), tag.get("Target")
        if rel_id is not None and target is not None:
            targets[rel_id] = target
    found: dict[str, str | None] = {}
    for tag in _start_tags(path, package, parts["xl/workbook.xml"], "sheet"):
        name = tag.get("name")
        rel_id = tag.get("r:id") or tag.get("relationships:id")
        if name is None:
            continue
        target = targets.get(rel_id or "", "")
        if target.startswith("/xl/"):
            target = target[1:]
        elif not target.startswith("xl/"):
            target = "xl/" + target
        found.setdefault(name, parts.get(target.lower()))
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
            _(
                "the sheets the report reads hold {size} of data, more than the "
                "{limit} the tool reads — keep only the rows of the report period "
                "and the comparison period, and remove columns and long texts the report does "
                "not use"
            ).format(size=_size(total), limit=_size(MAX_READ_BYTES)),
        )


TABLE_REL = "/table"  # the end of the relationship type of a table part
MAX_TABLE_PART_BYTES = 1024**2  # a table definition lists its columns: a few KB
RANGE_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7}):\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")


def _small_xml(package: zipfile.ZipFile, part: str):
    """The parsed XML of a small part, or None (too large, missing or broken: not ours to
    judge; the tables of a sheet only refine which rows are data)."""
    import xml.etree.ElementTree as ET

    if not part:
        return None
    try:
        if package.getinfo(part).file_size > MAX_TABLE_PART_BYTES:
            return None
        # No DTD can be in it: `check_file_kind` refused every part that declares one.
        return ET.fromstring(package.read(part))
    except (KeyError, ET.ParseError, zipfile.BadZipFile, OSError, ValueError):
        return None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _excel_tables(
    package: zipfile.ZipFile, parts: dict[str, str], sheet_part: str
) -> tuple[ExcelTable, ...]:
    """The Excel Tables on a sheet, from the table parts its relationships point at."""
    folder, _slash, file_name = sheet_part.rpartition("/")
    rels = _small_xml(package, parts.get(f"{folder}/_rels/{file_name}.rels".lower(), ""))
    if rels is None:
        return ()
    found = []
    for rel in rels:
        if _local(rel.tag) != "Relationship" or not rel.get("Type", "").endswith(TABLE_REL):
            continue
        target = posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
        if rel.get("Target", "").startswith("/"):
            target = rel.get("Target", "").lstrip("/")
        table = _small_xml(package, parts.get(target.lower(), ""))
        ref = RANGE_REF.match(table.get("ref", "")) if table is not None else None
        if ref is None:
            continue
        first_letters, first_row, last_letters, last_row = ref.groups()

        found.append(
            ExcelTable(
                table.get("displayName") or table.get("name") or "",
                int(first_row),
                int(last_row),
                column_index_from_string(first_letters.upper()),
                column_index_from_string(last_letters.upper()),
                _count(table.get("headerRowCount", "1"), 1),
                _count(table.get("totalsRowCount", "0"), 0),
            )
        )
    return tuple(found)


def _count(value: str, default: int) -> int:
    return int(value) if value.isdigit() and len(value) < 8 else default


def _cell_index(ref: str) -> tuple[int, int]:
    letters = ref.rstrip("0123456789")
    return int(ref[len(letters) :]) - 1, column_index_from_string(letters) - 1


def ods_damaged(path: Path):
    """The reader's error for an .ods that cannot be read."""
    return lambda detail: InputFileError(path, damaged(detail))


def read_workbook(
    path: Path,
    meanwhile: Callable[[], None] | None = None,
    only: Iterable[str] | None = None,
) -> RawWorkbook:
    """The cell values (cached values of formulas) of the contract's sheets, read once;
    of those named in `only`, if given (the import needs the settings, not the Leads).

    Values come from python-calamine, ten times faster than openpyxl on a large CRM export;
    the sheet XML is consulted only for what calamine does not say: error values, and
    formulas saved without a result. What calamine is given is bounded first: the size of
    the XML it parses, and the cells it holds (see `_scan_sheets`).
    """
    path = Path(path)
    if path.suffix.lower() == ".ods" and path.is_file():  # LibreOffice's own format
        from roi_report.workbook.ods import converted

        with converted(path, ods_damaged(path), MAX_READ_BYTES) as xlsx:
            try:
                return replace(read_workbook(xlsx, meanwhile, only), path=path)
            except InputFileError as error:  # the user's file is named, never the private copy
                raise InputFileError(path, error.detail) from None
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
                    _(
                        "the workbook has {count} sheets; the report "
                        "needs only its contract sheets — copy those into a new "
                        "workbook and try again"
                    ).format(count=number_text(len(names))),
                )
            long_name = next((name for name in names if len(name) > MAX_SHEET_NAME), None)
            if long_name is not None:
                raise InputFileError(
                    path,
                    damaged(
                        _("a sheet name is {length} characters long; Excel allows 31").format(
                            length=number_text(len(long_name))
                        )
                    ),
                )
            wanted: dict[str, str] = {}  # the first sheet of each contract name
            for name in names:
                wanted.setdefault(normalize_header(name), name)
            read = CONTRACT_SHEETS if only is None else {normalize_header(s) for s in only}
            wanted = {k: v for k, v in wanted.items() if k in CONTRACT_SHEETS & read}
            parts = _sheet_parts(path, package, lower)
            visibility = {
                meta.name: str(meta.visible).rsplit(".", 1)[-1].lower()
                for meta in book.sheets_metadata
            }
            excel_tables = {
                name: _excel_tables(package, lower, parts[name])
                for name in wanted.values()
                if parts.get(name) is not None
            }
            for name in wanted.values():
                if parts.get(name) is None:
                    raise InputFileError(
                        path,
                        damaged(_("the sheet '{sheet}' is not in the package").format(sheet=name)),
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
                if scans[name].marked:
                    parsed = _sheet_xml(path, package, name, scans[name])
                    for ref, error in parsed.errors.items():
                        row, col = _cell_index(ref)
                        if row < len(rows) and col < len(rows[row]):
                            rows[row][col] = error
                    if parsed.uncalculated:
                        uncalculated[name] = parsed.uncalculated
                sheets[name] = rows
        book.close()
    except InputFileError:
        raise
    except MemoryError:
        raise InputFileError(
            path, _("the workbook is too large to read on this computer")
        ) from None
    except BaseException as error:  # a damaged package fails in many ways
        if not isinstance(error, Exception) and not _is_panic(error):
            raise  # KeyboardInterrupt, SystemExit
        if "larger than its declared" in str(error):  # python-calamine's zip reader
            raise InputFileError(
                path,
                _(
                    "a part of the workbook inflates to more than the size its package "
                    "declares for it, which no real workbook does — it was refused as unsafe "
                    "(a 'zip bomb'); check where the file came from"
                ),
            ) from None
        if current:
            detail = _("the sheet '{sheet}' cannot be read").format(sheet=current)
        else:
            detail = _("its structure is broken")
        raise InputFileError(path, damaged(detail)) from error
    return RawWorkbook(path, sheets, uncalculated, tuple(names), tables, visibility, excel_tables)


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
            _(
                "the column '{header}' is missing — is {found} meant to be it? "
                "Rename that header to '{header}'"
            ).format(header=header, found=repr(values[column - 1])),
        )
    return Problem(
        sheet,
        f"{get_column_letter(free)}{header_row}",
        _(
            "the column '{header}' is missing — add a column headed '{header}' to the header "
            "row (row {row}); headers may be in any order and any case"
        ).format(header=header, row=header_row),
    )


def _filled(value: object) -> bool:
    return value is not None and value != "" and not (value.__class__ is str and value.isspace())


def find_table(
    book: RawWorkbook, table: Table, problems: list[Problem], notes: list[Problem] | None = None
) -> RawTable | ColumnarTable | None:
    """Locate a contract table by its header row; report a missing sheet or column, and (in
    `notes`) totals rows left out and rows counted outside the sheet's Excel Table."""
    found = _find_table(book, table, problems)
    if found is None:
        return None
    return _without_totals(found, book.excel_tables.get(found.sheet, ()), table, notes)


def _find_table(book: RawWorkbook, table: Table, problems: list[Problem]):
    sheet = book.find_sheet(table.sheet)
    if sheet is None:
        problems.append(
            Problem(
                table.sheet,
                None,
                _(
                    "the sheet '{sheet}' is missing — add a sheet named '{sheet}' "
                    "with the headers {headers} (roi-report init writes a blank template)"
                ).format(
                    sheet=table.sheet,
                    headers=", ".join(c.header for c in table.columns if c.required),
                ),
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
                _(
                    "no header row found — put the headers {headers} in one row near the top "
                    "of the sheet '{sheet}'"
                ).format(
                    headers=", ".join(c.header for c in table.columns if c.required), sheet=sheet
                ),
            )
        )
        return None
    header_values = rows[best_row - 1]
    problems += _duplicate_headers(sheet, best_row, header_values, wanted)
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


def _duplicate_headers(sheet: str, row: int, values: tuple, wanted: dict) -> list[Problem]:
    """Two columns under one contract header: which one holds the data is anyone's guess."""
    columns: dict[str, list[int]] = {}
    for column, value in enumerate(values, start=1):
        if normalize_header(value) in wanted:
            columns.setdefault(normalize_header(value), []).append(column)
    return [
        Problem(
            sheet,
            f"{get_column_letter(found[1])}{row}",
            _(
                "two columns are headed {header}, {first} and {second} — the report cannot "
                "tell which one holds the data; rename or delete one of them"
            ).format(
                header=repr(str(values[found[0] - 1]).strip()),
                first=f"{sheet}!{get_column_letter(found[0])}{row}",
                second=f"{sheet}!{get_column_letter(found[1])}{row}",
            ),
        )
        for found in columns.values()
        if len(found) > 1
    ]


# A label Excel or a person puts in the first cell of a totals row.
TOTAL_LABEL = re.compile(
    r"(?:grand |sub)?totals?|sum|suma|summe|gesamt|somme|razem|totale?s?\s*general",
    re.IGNORECASE,
)


# Tables of amounts and counts, which people total under the table; a channel or a goal may
# well be named "Total".
TOTALLED_TABLES = ("Costs", "Staff", "Results", "Leads")


def _is_total_label(value: object) -> bool:
    return (
        isinstance(value, str)
        and TOTAL_LABEL.fullmatch(" ".join(value.split()).rstrip(":").strip()) is not None
    )


def _without_totals(found, excel_tables: tuple[ExcelTable, ...], table: Table, notes):
    """The table without its totals rows: the rows of its Excel Table's Total Row, and rows
    at its foot whose first filled cell reads "Total". Said in `notes`, with the rows counted
    below the Excel Table (Excel did not extend it over them)."""
    rows = found.row_numbers
    excel = next((t for t in excel_tables if t.first_row == found.header_row), None)
    dropped: set[int] = set()
    if excel is not None and excel.totals_rows:
        first_total = excel.last_row - excel.totals_rows + 1
        dropped = {i for i, row in enumerate(rows) if first_total <= row <= excel.last_row}
    keys = sorted(found.columns, key=found.columns.get)  # in sheet order
    typed_totals = table.name in TOTALLED_TABLES
    for position in range(len(rows) - 1, -1, -1) if typed_totals else ():
        if position in dropped:
            continue
        cells = (found.cell(position, key) for key in keys)
        first = next((value for value in cells if _filled(value)), None)
        if not _is_total_label(first):
            break
        dropped.add(position)
    first_letter = get_column_letter(found.columns[keys[0]]) if keys else "A"
    if notes is not None and dropped:
        totals = [rows[i] for i in sorted(dropped)]
        notes.append(
            Problem(
                found.sheet,
                f"{first_letter}{totals[0]}",
                ngettext(
                    "{rows} is a totals row and not read as data — the report sums the rows itself",
                    "{rows} are totals rows and not read as data — the report sums the rows itself",
                    len(totals),
                ).format(rows=rows_named(totals)),
                kind="totals_row_skipped",
                details=(("rows", rows_named(totals)),),
                severity="note",
            )
        )
    if excel is not None and notes is not None:
        below = [row for i, row in enumerate(rows) if i not in dropped and row > excel.last_row]
        if below:
            notes.append(
                Problem(
                    found.sheet,
                    f"{first_letter}{below[0]}",
                    ngettext(
                        "{rows} is below the Excel table '{table}' (which ends at row {last}) "
                        "and is counted — extend the table over it (Table Design > Resize "
                        "Table) so Excel's own filters and totals see the same rows",
                        "{rows} are below the Excel table '{table}' (which ends at row {last}) "
                        "and are counted — extend the table over them (Table Design > Resize "
                        "Table) so Excel's own filters and totals see the same rows",
                        len(below),
                    ).format(rows=rows_named(below), table=excel.name, last=excel.last_row),
                    kind="rows_below_table",
                    details=(("rows", rows_named(below)), ("table", excel.name)),
                    severity="note",
                )
            )
    return found.without(dropped) if dropped else found


ROWS_NAMED = 10


def rows_named(rows: list[int]) -> str:
    """'row 7', 'rows 21–23 and 30', 'rows 2–11, 14 ... and 95 more'."""
    spans: list[list[int]] = []
    for row in rows:
        if spans and row == spans[-1][1] + 1:
            spans[-1][1] = row
        else:
            spans.append([row, row])
    named = [f"{a}–{b}" if b > a else str(a) for a, b in spans[:ROWS_NAMED]]
    if len(spans) > ROWS_NAMED:
        text = _("{rows} and {more} more").format(
            rows=", ".join(named), more=number_text(len(spans) - ROWS_NAMED)
        )
    elif len(named) > 1:
        text = _("{rows} and {last}").format(rows=", ".join(named[:-1]), last=named[-1])
    else:
        text = named[0] if named else ""
    return ngettext("row {rows}", "rows {rows}", len(rows)).format(rows=text)


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


def find_settings(book: RawWorkbook, problems: list[Problem]) -> tuple[str, dict, str] | None:
    """The Report sheet's Setting | Value rows: normalized label -> (row, value, letter),
    and the letter of the label column. A setting in two rows is a problem naming both."""
    sheet = book.find_sheet(REPORT_SHEET)
    if sheet is None:
        problems.append(
            Problem(
                REPORT_SHEET,
                None,
                _(
                    "the sheet '{sheet}' is missing — add a sheet named '{sheet}' with two "
                    "columns, Setting and Value, and rows for Client, Period start and Period "
                    "end at least"
                ).format(sheet=REPORT_SHEET),
            )
        )
        return None
    rows = book.sheets[sheet]
    label_col, value_col, start = settings_columns(rows)
    found = {}
    known = {setting_label(s.label): s.label for s in SETTINGS}
    label_letter = get_column_letter(label_col)
    for number, values in enumerate(rows[start:], start=start + 1):
        label = setting_label(values[label_col - 1]) if len(values) >= label_col else ""
        if label in found and label in known:
            first = f"{sheet}!{label_letter}{found[label][0]}"
            problems.append(
                Problem(
                    sheet,
                    f"{label_letter}{number}",
                    _(
                        "the setting '{setting}' is in two rows, {first} and {second} — the "
                        "report cannot tell which one you mean; keep one row and delete the other"
                    ).format(
                        setting=known[label], first=first, second=f"{sheet}!{label_letter}{number}"
                    ),
                )
            )
        elif label and label not in found:
            value = values[value_col - 1] if len(values) >= value_col else None
            found[label] = (number, value, get_column_letter(value_col))
    return sheet, found, label_letter


def report_language(book: RawWorkbook) -> str | None:
    """The Report sheet's Language, read before validation so that its messages speak it;
    None when it is missing or no language the tool speaks (validation says why)."""
    from roi_report.language import LOCALES

    found = find_settings(book, [])
    if found is None:
        return None
    entry = found[1].get(setting_label("Language"))
    if entry is None:
        return None
    # Read as validation reads it, so a Language it refuses never picks the messages'.
    from roi_report.workbook.values import BadValue, to_choice

    try:
        return to_choice(entry[1], tuple(LOCALES), "") or None
    except BadValue:
        return None
