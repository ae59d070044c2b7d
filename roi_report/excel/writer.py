"""Write the results workbook: the user's package plus the generated sheets."""

from __future__ import annotations

import logging
import os
import tempfile
from datetime import date
from pathlib import Path

from babel import Locale
from babel.numbers import get_currency_symbol

from roi_report.errors import OutputError
from roi_report.excel import package as xlsx_package
from roi_report.excel.package import (
    GENERATED_FOLDED,
    GENERATED_MARKER,
    CellStyle,
    PackageError,
    clash_error,
    splice,
)
from roi_report.excel.sheets import Check, SheetSpec
from roi_report.excel.sheets.core import in_language
from roi_report.language import N_, messages_for, use_language
from roi_report.workbook.models import Settings

log = logging.getLogger(__name__)
_ = messages_for(__name__).gettext
pgettext = messages_for(__name__).pgettext
SAVE_AGAIN = N_(
    "{source}: the results workbook could not be written ({error}) — save the workbook "
    "again from Excel as an Excel Workbook (.xlsx) and try again"
)

PERCENT = "0.0%"
COUNT = "#,##0"
# General never leaves a bare decimal separator ("40." from #,##0.##) and keeps decimals.
NUMBER = "General"

DATE = "yyyy-mm-dd"


def money_format(currency: str, language: str) -> str:
    """The locale's currency pattern as an Excel number format, e.g. #,##0.00 "zł"."""
    symbol = get_currency_symbol(currency, locale=language).replace('"', "")
    pattern = Locale.parse(language).currency_formats["standard"].pattern
    before = pattern.split(";")[0].strip().startswith("¤")
    return f'"{symbol}"#,##0.00' if before else f'#,##0.00 "{symbol}"'


def points_format(language: str) -> str:
    """Percentage points, signed, with the unit in the report's language (+2.5 pp)."""
    with use_language(language):
        # Translators: percentage points, after a number in a cell's number format.
        unit = pgettext("number format", "pp").replace('"', "")
    return f'+0.0 "{unit}";-0.0 "{unit}";0.0 "{unit}"'


def cell_styles(settings: Settings) -> dict[str, CellStyle]:
    primary = settings.primary_color.lstrip("#").upper()
    money = money_format(settings.currency, settings.language)
    return {
        "text": CellStyle(),
        "label": CellStyle(),
        "title": CellStyle(bold=True, size=16, color=primary),
        "subtitle": CellStyle(size=12, color="595959"),
        "heading": CellStyle(bold=True, size=12, color=primary),
        "header": CellStyle(bold=True, color="FFFFFF", fill=primary, wrap=True),
        "header_number": CellStyle(
            bold=True, color="FFFFFF", fill=primary, wrap=True, align_right=True
        ),
        "note": CellStyle(italic=True, color="7F7F7F"),
        "money": CellStyle(number_format=money, align_right=True),
        "percent": CellStyle(number_format=PERCENT, align_right=True),
        "points": CellStyle(number_format=points_format(settings.language), align_right=True),
        "count": CellStyle(number_format=COUNT, align_right=True),
        "number": CellStyle(number_format=NUMBER, align_right=True),
        "date": CellStyle(number_format=DATE, align_right=True),
    }


def cached_figures(checks: list[Check], metric_at, language: str) -> dict:
    """The value Python computed for every figure: what non-recalculating readers show;
    n/a in the report's `language`, as the formulas spell it."""
    not_available = in_language(language, "n/a")
    cached = {}
    for check in checks:
        value = metric_at(check.path)
        if value is None:
            value = not_available
        elif check.path[0] == "periods":
            value = date.fromisoformat(value)  # JSON holds dates as ISO text
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            value = value / check.scale
        cached[(check.sheet, check.row, check.col)] = value
    return cached


def write_results_workbook(
    source: Path, target: Path, sheets: list[SheetSpec], settings: Settings, cached: dict
) -> None:
    arguments = (sheets, cell_styles(settings), cached, settings.accent_color.lstrip("#").upper())
    try:
        kept = splice(source, target, *arguments)
    except PackageError as error:
        log.info("saving %s anew with openpyxl before adding the sheets: %s", source, error)
        kept = _splice_into_openpyxl_copy(source, target, arguments)
    _check_sheets_kept(source, target, kept)


def _splice_into_openpyxl_copy(source: Path, target: Path, arguments: tuple) -> list[str]:
    """For packages the splice does not understand: openpyxl saves the user's sheets anew
    (losing what openpyxl drops), and the splice adds the generated sheets to that copy,
    so they carry their cached values on this path too."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(source, keep_vba=source.suffix.lower() == ".xlsm", keep_links=True)
    except Exception as error:  # openpyxl fails in many ways on what it cannot read
        raise OutputError(_(SAVE_AGAIN).format(source=source, error=error)) from None
    clashes = []
    for sheet in list(book.worksheets) + list(book.chartsheets):
        if sheet.title.casefold() not in GENERATED_FOLDED:
            continue
        names = getattr(sheet, "defined_names", {})
        if any(name.casefold() == GENERATED_MARKER.casefold() for name in names):
            book.remove(sheet)
        else:
            clashes.append(sheet.title)
    if clashes:
        raise clash_error(source, clashes)
    kept = book.sheetnames
    handle, name = tempfile.mkstemp(prefix=".", suffix=source.suffix, dir=target.parent)
    os.close(handle)
    copy = Path(name)
    try:
        book.save(copy)
        try:
            xlsx_package.splice(copy, target, *arguments)
        except PackageError as error:
            raise OutputError(_(SAVE_AGAIN).format(source=source, error=error)) from None
    finally:
        copy.unlink(missing_ok=True)
    return kept


def _check_sheets_kept(source: Path, target: Path, kept: list[str]) -> None:
    """Every sheet of the input is in the results workbook, whatever path wrote it."""
    try:
        expected = set(kept) | set(xlsx_package.sheet_names(source))
    except PackageError:
        expected = set(kept)
    written = set(xlsx_package.sheet_names(target))
    missing = sorted(expected - written)
    if missing:
        raise OutputError(
            _(
                "{source}: the results workbook would lack the sheet(s) {sheets}, so none was "
                "written — save the workbook again from Excel as an Excel Workbook (.xlsx) and "
                "try again"
            ).format(source=source, sheets=", ".join(repr(name) for name in missing))
        )
