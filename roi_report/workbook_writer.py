"""Put the generated sheets into a copy of the user's workbook."""

from __future__ import annotations

from pathlib import Path

from babel import Locale
from babel.numbers import get_currency_symbol
from openpyxl import load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from roi_report.formulas import GENERATED_SHEETS, SheetSpec
from roi_report.models import Settings

PERCENT = "0.0%"
COUNT = "#,##0"
NUMBER = "#,##0.##"
DATE = "yyyy-mm-dd"


def money_format(currency: str, language: str) -> str:
    """The locale's currency pattern as an Excel number format, e.g. #,##0.00 "zł"."""
    symbol = get_currency_symbol(currency, locale=language).replace('"', "")
    pattern = Locale.parse(language).currency_formats["standard"].pattern
    before = pattern.split(";")[0].strip().startswith("¤")
    return f'"{symbol}"#,##0.00' if before else f'#,##0.00 "{symbol}"'


class Styles:
    def __init__(self, settings: Settings):
        primary = settings.primary_color.lstrip("#").upper()
        thin = Side(style="thin", color="BFBFBF")
        self.fonts = {
            "title": Font(bold=True, size=16, color=primary),
            "subtitle": Font(size=12, color="595959"),
            "heading": Font(bold=True, size=12, color=primary),
            "header": Font(bold=True, color="FFFFFF"),
            "note": Font(italic=True, color="7F7F7F"),
        }
        self.header_fill = PatternFill("solid", fgColor=primary)
        self.header_border = Border(bottom=thin)
        self.formats = {
            "money": money_format(settings.currency, settings.language),
            "percent": PERCENT,
            "count": COUNT,
            "number": NUMBER,
            "date": DATE,
        }
        self.wrap = Alignment(wrap_text=True, vertical="center")

    def apply(self, cell, style: str) -> None:
        if style in self.fonts:
            cell.font = self.fonts[style]
        if style == "header":
            cell.fill = self.header_fill
            cell.alignment = self.wrap
        if style in self.formats:
            cell.number_format = self.formats[style]
            cell.alignment = Alignment(horizontal="right")


def remove_generated(book) -> None:
    """A results workbook built again gets fresh sheets, not a second copy of them."""
    for name in GENERATED_SHEETS:
        if name in book.sheetnames:
            del book[name]


def write_results_workbook(
    source: Path, target: Path, sheets: list[SheetSpec], settings: Settings
) -> None:
    book = load_workbook(source, keep_vba=source.suffix.lower() == ".xlsm", keep_links=True)
    remove_generated(book)
    styles = Styles(settings)
    for spec in sheets:
        sheet = book.create_sheet(spec.name)
        sheet.sheet_properties.tabColor = settings.accent_color.lstrip("#").upper()
        for cell_spec in spec.cells:
            cell = sheet.cell(cell_spec.row, cell_spec.col)
            cell.value = cell_spec.value
            if isinstance(cell_spec.value, str) and not cell_spec.is_formula:
                cell.data_type = "s"  # user text that starts with "=" stays text
            styles.apply(cell, cell_spec.style)
        for col, width in spec.widths.items():
            sheet.column_dimensions[_letter(col)].width = width
        if spec.freeze:
            sheet.freeze_panes = spec.freeze
    book.active = book.sheetnames.index(sheets[0].name)
    for sheet in book.worksheets:
        sheet.sheet_view.tabSelected = sheet.title == sheets[0].name
    book.save(target)


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)
