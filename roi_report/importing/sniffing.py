"""Which export a file is, from its content: its encoding (UTF-16 with a BOM and tabs,
UTF-8 with or without a BOM, an XLSX package), the preamble above its header, and header
names in the interface languages each platform writes. File names are never trusted."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from roi_report.errors import InputFileError
from roi_report.importing import (
    google_ads,
    hubspot,
    linkedin,
    meta,
    pipedrive,
    salesforce,
    tiktok,
    x_ads,
)
from roi_report.importing.base import LANGUAGE_ORDER, Export, Format, normalize
from roi_report.language import N_, messages_for

_ = messages_for(__name__).gettext

FORMATS: tuple[Format, ...] = (
    linkedin.FORMAT,
    meta.FORMAT,
    google_ads.FORMAT,
    tiktok.FORMAT,
    x_ads.FORMAT,
    *hubspot.FORMATS,
    *salesforce.FORMATS,
    pipedrive.FORMAT,
)
HEADER_SEARCH_ROWS = 20  # preambles are a few lines; an XLSX title block a few more
MAX_BYTES = 1024**3
META_SHEET = "raw data report"  # where Meta's XLSX keeps its rows
# Footer rows: platform totals ("Total: Account", "Grand Totals (12 records)") and the
# lines Salesforce writes under a report.
FOOTER = re.compile(
    r"(total|totals|grand totals|gesamt|łącznie|suma|confidential information|copyright)\b",
    re.IGNORECASE,
)
EXPECTED = N_(
    "a LinkedIn Campaign Manager, Meta Ads Manager, Google Ads, TikTok Ads or X Ads "
    "performance report, or a HubSpot, Salesforce or Pipedrive export"
)


@dataclass(frozen=True)
class Grid:
    path: Path
    rows: list[tuple]
    encoding: str
    textual: bool  # cells are text as written (a CSV), not a spreadsheet's typed values


def read_grid(path: Path) -> Grid:
    """The cells of an export, whatever it was saved as."""
    path = Path(path)
    if not path.is_file():
        raise InputFileError(path, _("no such file — check the path"))
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputFileError(
                path, _("the file is larger than 1 GB — export a shorter date range")
            )
        with path.open("rb") as handle:
            head = handle.read(8)
        if head.startswith(b"PK"):
            return _xlsx_grid(path)
        data = path.read_bytes()
    except OSError as error:
        raise InputFileError(
            path,
            _("the file cannot be read ({error}) — check that you may read it").format(
                error=error.strerror or error
            ),
        ) from None
    return _text_grid(path, data)


def _text_grid(path: Path, data: bytes) -> Grid:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding, name = "utf-16", "UTF-16"
    elif data.startswith(b"\xef\xbb\xbf"):
        encoding, name = "utf-8-sig", "UTF-8 (BOM)"
    elif b"\x00" in data[:4096]:
        raise InputFileError(path, _("this is not a text or Excel export (it holds binary data)"))
    else:
        encoding, name = "utf-8", "UTF-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        if encoding != "utf-8":
            raise InputFileError(
                path, _("the file is cut short or damaged (its text cannot be decoded)")
            ) from None
        encoding, name = "cp1252", "Windows-1252"
        text = data.decode(encoding, errors="replace")
    if not text.strip():
        raise InputFileError(path, _("the file is empty — export the report again"))
    lines = text.splitlines()[:HEADER_SEARCH_ROWS]
    delimiter = max("\t,;", key=lambda d: sum(line.count(d) for line in lines))
    rows = [tuple(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    shown = {"\t": _("tab-separated"), ",": _("comma-separated"), ";": _("semicolon-separated")}
    return Grid(path, rows, f"{name}, {shown[delimiter]}", True)


def _xlsx_grid(path: Path) -> Grid:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise InputFileError(
            path,
            _(
                "the Excel file is damaged or cut short ({error}) — download the export again"
            ).format(error=type(error).__name__),
        ) from None
    try:
        names = {normalize(n): n for n in book.sheetnames}
        sheet = book[names.get(META_SHEET, book.sheetnames[0])]
        rows = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    return Grid(path, rows, "XLSX", False)


def recognize(grid: Grid) -> Export:
    """The format whose headers one of the first rows holds (the most fields wins), and the
    interface language those headers are written in."""
    best = None
    for index, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS]):
        cells = [normalize(cell) for cell in row]
        for form in FORMATS:
            found, votes, captured = form.match(cells)
            if not all(name in found for name in form.required):
                continue
            if best is None or len(found) > len(best[2]):
                best = (index, form, found, votes, captured)
    if best is None:
        raise InputFileError(grid.path, _unknown(grid))
    index, form, found, votes, captured = best
    language = max(LANGUAGE_ORDER, key=lambda lang: (votes[lang], -LANGUAGE_ORDER.index(lang)))
    header = grid.rows[index]
    rows = _data_rows(grid, index, len([c for c in header if c not in (None, "")]))
    if not rows:
        raise InputFileError(
            grid.path,
            _(
                "this {title} export has a header but no data rows — export a date range "
                "with activity"
            ).format(title=form.title),
        )
    return Export(
        grid.path,
        form,
        language,
        tuple(grid.rows[:index]),
        found,
        captured,
        tuple(rows),
        grid.encoding,
        tuple(header),
    )


def _data_rows(grid: Grid, header_index: int, width: int) -> list[tuple[int, tuple]]:
    """The rows under the header, up to the first blank row or footer line."""
    rows = []
    for number, row in enumerate(grid.rows[header_index + 1 :], start=header_index + 2):
        filled = [c for c in row if c not in (None, "") and str(c).strip()]
        if not filled:
            if rows:
                break
            continue
        if FOOTER.match(str(filled[0]).strip()):
            continue
        rows.append((number, row))
    if grid.textual and rows:
        line, last = rows[-1]
        if 1 < len(last) < width or (len(last) == 1 and width > 1 and line == len(grid.rows)):
            raise InputFileError(
                grid.path,
                _(
                    "the file is cut short: line {line} has {found} of the {width} columns of "
                    "the header — download the export again"
                ).format(line=line, found=len(last), width=width),
            )
    return rows


def _unknown(grid: Grid) -> str:
    first = next((row for row in grid.rows if any(c not in (None, "") for c in row)), ())
    seen = ", ".join(str(c) for c in first if c not in (None, ""))[:120]
    return _(
        "not an export roi-report recognizes — expected {expected}, with the header row the "
        "platform writes (the file starts with: {seen})"
    ).format(expected=_(EXPECTED), seen=seen or _("nothing"))


def read_export(path: Path) -> Export:
    return recognize(read_grid(path))
