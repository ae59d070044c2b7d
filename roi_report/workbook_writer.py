"""Write the results workbook: the user's package plus the generated sheets."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from babel import Locale
from babel.numbers import get_currency_symbol

from roi_report.formulas import GENERATED_SHEETS, SENTINEL_LABEL, Check, SheetSpec
from roi_report.models import Settings
from roi_report.xlsx_package import CellStyle, PackageError, splice

log = logging.getLogger(__name__)

PERCENT = "0.0%"
NOT_RECALCULATED = "not recalculated yet"
COUNT = "#,##0"
# General never leaves a bare decimal separator ("40." from #,##0.##) and keeps decimals.
NUMBER = "General"
POINTS = '+0.0 "pp";-0.0 "pp";0.0 "pp"'

DATE = "yyyy-mm-dd"


def money_format(currency: str, language: str) -> str:
    """The locale's currency pattern as an Excel number format, e.g. #,##0.00 "zł"."""
    symbol = get_currency_symbol(currency, locale=language).replace('"', "")
    pattern = Locale.parse(language).currency_formats["standard"].pattern
    before = pattern.split(";")[0].strip().startswith("¤")
    return f'"{symbol}"#,##0.00' if before else f'#,##0.00 "{symbol}"'


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
        "points": CellStyle(number_format=POINTS, align_right=True),
        "count": CellStyle(number_format=COUNT, align_right=True),
        "number": CellStyle(number_format=NUMBER, align_right=True),
        "date": CellStyle(number_format=DATE, align_right=True),
    }


def cached_figures(checks: list[Check], metric_at) -> dict:
    """The value Python computed for every figure: what non-recalculating readers show."""
    cached = {}
    for check in checks:
        value = metric_at(check.path)
        if value is None:
            value = "n/a"
        elif check.path[0] == "periods":
            value = date.fromisoformat(value)  # JSON holds dates as ISO text
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            value = value / check.scale
        cached[(check.sheet, check.row, check.col)] = value
    return cached


def write_results_workbook(
    source: Path, target: Path, sheets: list[SheetSpec], settings: Settings, cached: dict
) -> None:
    # The sentinel's cached value is not 42: reading 42 proves a spreadsheet recalculated.
    for spec in sheets:
        for cell in spec.cells:
            if cell.value == SENTINEL_LABEL:
                cached[(spec.name, cell.row, cell.col + 1)] = NOT_RECALCULATED
    try:
        splice(
            source,
            target,
            sheets,
            cell_styles(settings),
            cached,
            settings.accent_color.lstrip("#").upper(),
        )
    except PackageError as error:
        log.info("rewriting %s with openpyxl: %s", source, error)
        rewrite_with_openpyxl(source, target, sheets, settings)


def rewrite_with_openpyxl(
    source: Path, target: Path, sheets: list[SheetSpec], settings: Settings
) -> None:
    """For packages the splice does not understand: keeps data, loses what openpyxl drops."""
    from openpyxl import load_workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.formula import ArrayFormula

    book = load_workbook(source, keep_vba=source.suffix.lower() == ".xlsm", keep_links=True)
    for name in GENERATED_SHEETS:
        if name in book.sheetnames:
            del book[name]
    styles = cell_styles(settings)
    for spec in sheets:
        sheet = book.create_sheet(spec.name)
        for cell_spec in spec.cells:
            cell = sheet.cell(cell_spec.row, cell_spec.col)
            cell.value = cell_spec.value if cell_spec.value is not None else cell_spec.cached
            if cell_spec.array:
                cell.value = ArrayFormula(cell_spec.array, cell_spec.value)
            elif isinstance(cell.value, str) and not cell_spec.is_formula:
                cell.data_type = "s"  # user text that starts with "=" stays text
            style = styles[cell_spec.style]
            cell.font = Font(
                bold=style.bold, italic=style.italic, size=style.size, color=style.color
            )
            if style.fill:
                cell.fill = PatternFill("solid", fgColor=style.fill)
            if style.number_format:
                cell.number_format = style.number_format
            if style.align_right or style.wrap:
                cell.alignment = Alignment(
                    horizontal="right" if style.align_right else None, wrap_text=style.wrap
                )
        for col, width in spec.widths.items():
            sheet.column_dimensions[get_column_letter(col)].width = width
        for col in spec.hidden:
            sheet.column_dimensions[get_column_letter(col)].hidden = True
        sheet.freeze_panes = spec.freeze
    book.save(target)
