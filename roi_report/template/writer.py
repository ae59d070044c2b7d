"""Write the standardized workbook (contract v1): blank, or filled with sample data.

Layout the reader relies on (see `docs/workbook.md`):

- sheets in this order: Instructions, Report, Channels, Costs, Staff, Goals, Results, Leads,
  then a hidden helper sheet `Lists` (the `All` + channels dropdown source);
- `Report`: header `Setting | Value | Help` in row 1 (Excel Table `Settings`), then one row
  per `contract.SETTINGS` entry in order, label in column A, value in column B;
- every fact table: headers in row 1 from column A in contract order (optional columns
  included), data from row 2, an Excel Table named after the contract table.

A workbook with many data rows (see `STREAMING_ROWS`) is written with openpyxl's write-only
mode, which keeps memory flat for a million leads and produces the same layout.
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table as ExcelTable
from openpyxl.worksheet.table import TableColumn, TableStyleInfo

from roi_report.outputs import move_into_place, temp_beside
from roi_report.template.instructions import (
    EXAMPLE,
    HEADING,
    TITLE,
    column_note,
    instruction_blocks,
    language_or_default,
    setting_help,
)
from roi_report.template.sample_data import Profile, SampleData, example_data, generate
from roi_report.workbook import contract
from roi_report.workbook.contract import Kind

INSTRUCTIONS_SHEET = "Instructions"
LISTS_SHEET = "Lists"  # hidden: "All" followed by the channel names, for dropdowns
SETTINGS_TABLE = "Settings"
HELP_HEADER = "Help"
SHEET_ORDER = (INSTRUCTIONS_SHEET, contract.REPORT_SHEET) + tuple(
    t.sheet for t in contract.FACT_TABLES
)

# Data validations reach this far down (or further when the data does).
VALIDATION_ROWS = 5000
LEADS_VALIDATION_ROWS = 100_000
VALIDATION_MARGIN = 1000
# Rows of the Channels table that the channel dropdowns offer.
CHANNEL_LIST_ROWS = 200
# Above this many data rows in all tables, write with openpyxl's write-only mode.
STREAMING_ROWS = 50_000

FONT = "Calibri"
WIDTH_SAMPLE_ROWS = 2000  # column widths fit the longest text among the first rows
MAX_WIDTH = 60
INSTRUCTIONS_WIDTH = 72  # fits a portrait A4 or Letter page at 100 %, whatever the font
TABLE_STYLE = "TableStyleMedium2"
SETTINGS_STYLE = "TableStyleMedium9"
DATE_FORMAT = "yyyy-mm-dd"
INTEGER_FORMAT = "#,##0"
HOURS_FORMAT = "#,##0.0"
SCORE_FORMAT = "0"
EXCEL_DATE_MIN, EXCEL_DATE_MAX = 32874, 73415  # 1990-01-01 .. 2099-12-31 as serials

_WIDTHS = {
    "date": 12,
    "created": 12,
    "won_date": 12,
    "deadline": 12,
    "channel": 16,
    "source": 16,
    "converted_via": 16,
    "campaign": 26,
    "description": 42,
    "goal": 32,
    "metric": 24,
    "person": 22,
    "lead_id": 12,
}
_FORMULA_LIKE = re.compile(r"^\s*[=+\-@]")


def set_text(cell: Cell, value: object) -> Cell:
    """Put user text in a cell so that it is always text, never a formula or an error.

    openpyxl turns a string starting with `=` into a formula and `#N/A` into an error; a
    client called "=Acme" must stay "=Acme". Control characters Excel cannot store are
    dropped. Non-text values are stored as they are.
    """
    if not isinstance(value, str):
        cell.value = value
        return cell
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = value
    if cell.data_type != "s":
        cell.data_type = "s"
    if _FORMULA_LIKE.match(value) or value in ERROR_CODES:
        # Excel's leading apostrophe: the text stays text when the user edits the cell.
        cell.quotePrefix = True
    return cell


def amount_format(currency: str) -> str:
    """`#,##0.00 "EUR"`: shown alike by Excel and LibreOffice, whatever their locale."""
    code = str(currency or "").strip().upper()
    if re.fullmatch(r"[A-Z]{3}", code):
        return f'#,##0.00 "{code}"'
    return "#,##0.00"


def column_format(column: contract.Column, currency: str) -> str | None:
    if column.kind is Kind.DATE:
        return DATE_FORMAT
    if column.kind is Kind.AMOUNT:
        return amount_format(currency)
    if column.kind is Kind.SHARE:
        return "0.0%" if column.key == "conversion" else "0%"
    if column.kind is Kind.SCORE:
        return SCORE_FORMAT
    if column.kind is Kind.NUMBER:
        return HOURS_FORMAT if column.key == "hours" else INTEGER_FORMAT
    return None


def column_width(column: contract.Column) -> float:
    width = _WIDTHS.get(column.key)
    if width is None:
        width = 16 if column.kind in (Kind.AMOUNT, Kind.NUMBER) else 14
    return max(width, len(column.header) + 4)


# ---------------------------------------------------------------------------- settings


def default_settings(**values: object) -> dict[str, object]:
    """Every setting label with its value: the given ones (by setting key), else defaults."""
    settings = {}
    for setting in contract.SETTINGS:
        value = values.get(setting.key)
        if value is None or value == "":
            value = setting.default
        settings[setting.label] = value
    return settings


def _settings_from(kwargs: dict, data: SampleData | None) -> dict[str, object]:
    settings = default_settings(**kwargs)
    if data is not None:
        for setting in contract.SETTINGS:
            if setting.label in data.settings:
                settings[setting.label] = data.settings[setting.label]
    return settings


# ---------------------------------------------------------------------------- building


@dataclass
class _ColumnSpec:
    style: object  # a StyleArray, or None for the General format
    plain_dates: bool  # a date value can be written as is (openpyxl's yyyy-mm-dd)
    plain_ints: bool  # an int can be written as is (shows the same under General)


def _style_array(ws, number_format: str | None = None, **attributes):
    proto = Cell(ws, row=1, column=1)
    if number_format:
        proto.number_format = number_format
    for name, value in attributes.items():
        setattr(proto, name, value)
    return proto._style


def _styled(ws, value, style) -> Cell:
    # row/column are set when the row is appended (write-only mode needs them valid).
    return Cell(ws, row=1, column=1, value=value, style_array=style)


def _text_cell(ws, value: str, style=None) -> Cell:
    cell = Cell(ws, row=1, column=1, style_array=style)
    return set_text(cell, value)


def _cell_value(ws, value, spec: _ColumnSpec):
    """A plain value where openpyxl writes it right, else a Cell with style and type."""
    if value is None:
        return None
    if isinstance(value, str):
        if (value and value[0] in "=+-@#") or ILLEGAL_CHARACTERS_RE.search(value):
            return _text_cell(ws, value, spec.style)
        return value if spec.style is None else _styled(ws, value, spec.style)
    if isinstance(value, bool):
        return value
    if spec.style is None:
        return value
    if type(value) is date and spec.plain_dates:
        return value
    if type(value) is int and spec.plain_ints:
        return value
    return _styled(ws, value, spec.style)


def _header_row(ws, headers: Sequence[str], notes: Sequence[str | None], bold):
    row = []
    for header, note in zip(headers, notes):
        cell = _text_cell(ws, header, bold)
        if note:
            comment = Comment(f"{header}\n{note}", "roi-report")
            comment.width, comment.height = 260, 110
            cell.comment = comment
        row.append(cell)
    return row


def _add_table(ws, name: str, headers: Sequence[str], last_row: int, style: str) -> None:
    ref = f"A1:{get_column_letter(len(headers))}{last_row}"
    table = ExcelTable(
        displayName=name,
        ref=ref,
        tableStyleInfo=TableStyleInfo(name=style, showRowStripes=True),
    )
    # Written by hand: write-only sheets cannot read the header cells back.
    table.tableColumns = [TableColumn(id=i, name=h) for i, h in enumerate(headers, start=1)]
    table.autoFilter = AutoFilter(ref=ref)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "In write-only mode", UserWarning)
        ws.add_table(table)


def _validation(
    kind: str | None,
    *,
    formula1: str | None = None,
    formula2: str | None = None,
    operator: str | None = None,
    title: str = "",
    note: str = "",
    strict: bool = False,
) -> DataValidation:
    dv = DataValidation(
        type=kind,
        formula1=formula1,
        formula2=formula2,
        operator=operator,
        allow_blank=True,
        showErrorMessage=kind is not None,
        showInputMessage=bool(note),
    )
    dv.errorStyle = "stop" if strict else "warning"
    title = title[:32]
    if note:
        # Excel's limits: 32 characters for titles, 255 for the prompt, 225 for the error.
        dv.promptTitle, dv.prompt = title, note[:255]
        dv.errorTitle, dv.error = title, note[:225]
    return dv


def _inline_list(choices: Iterable[str]) -> str:
    return '"' + ",".join(choices) + '"'


def _sheet_ref(name: str) -> str:
    """A sheet name as formulas spell it: quoted only when it has to be."""
    return name if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) else quote_sheetname(name)


def _channel_range() -> str:
    letter = get_column_letter(
        contract.CHANNELS.columns.index(contract.CHANNELS.column("channel")) + 1
    )
    sheet = _sheet_ref(contract.CHANNELS.sheet)
    return f"{sheet}!${letter}$2:${letter}${CHANNEL_LIST_ROWS}"


def _channel_or_all_range() -> str:
    return f"{_sheet_ref(LISTS_SHEET)}!$A$1:$A${CHANNEL_LIST_ROWS}"


def _column_validation(column: contract.Column, note: str) -> DataValidation:
    common = {"title": column.header, "note": note}
    kind = column.kind
    if kind is Kind.CHOICE:
        return _validation("list", formula1=_inline_list(column.choices), strict=True, **common)
    if kind is Kind.YES_NO:
        return _validation("list", formula1=_inline_list(contract.YES_NO), strict=True, **common)
    if kind is Kind.CHANNEL:
        return _validation("list", formula1=_channel_range(), **common)
    if kind is Kind.CHANNEL_OR_ALL:
        return _validation("list", formula1=_channel_or_all_range(), **common)
    if kind is Kind.DATE:
        return _validation(
            "date",
            operator="between",
            formula1=str(EXCEL_DATE_MIN),
            formula2=str(EXCEL_DATE_MAX),
            **common,
        )
    if kind in (Kind.AMOUNT, Kind.NUMBER):
        return _validation("decimal", operator="greaterThanOrEqual", formula1="0", **common)
    if kind is Kind.SCORE:
        return _validation("decimal", operator="between", formula1="0", formula2="100", **common)
    if kind is Kind.SHARE:
        return _validation("decimal", operator="between", formula1="0", formula2="1", **common)
    return _validation(None, **common)  # free text: the input message only


def _row_height(text: str, width: float, line_height: float = 15.0) -> float:
    """Rows are given a height: neither Excel nor LibreOffice fits wrapped text on opening."""
    per_line = max(1, int(width * 1.1))
    lines = sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))
    return lines * line_height + 3


def _print_setup(ws, *, landscape: bool, title_rows: bool) -> None:
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    if title_rows:
        ws.print_title_rows = "1:1"


def _instructions_sheet(ws, language: str, currency: str) -> None:
    width = INSTRUCTIONS_WIDTH
    ws.column_dimensions["A"].width = width
    ws.sheet_view.showGridLines = False
    _print_setup(ws, landscape=False, title_rows=False)
    line_heights = {TITLE: 24.0, HEADING: 18.0}
    wrap = Alignment(wrap_text=True, vertical="top")
    styles = {
        TITLE: _style_array(ws, font=Font(name=FONT, bold=True, size=16), alignment=wrap),
        HEADING: _style_array(ws, font=Font(name=FONT, bold=True, size=12), alignment=wrap),
        EXAMPLE: _style_array(ws, font=Font(name=FONT, italic=True), alignment=wrap),
    }
    plain = _style_array(ws, alignment=wrap)
    row = 0
    for style, text in instruction_blocks(language, currency):
        if style in (TITLE, HEADING) and row:
            ws.append([])  # a blank line before each heading
            row += 1
        row += 1
        # Set before the row is written: write-only sheets stream rows out at once.
        ws.row_dimensions[row].height = _row_height(text, width, line_heights.get(style, 15.0))
        ws.append([_text_cell(ws, text, styles.get(style, plain))])


def _report_sheet(ws, settings: dict[str, object], language: str) -> None:
    headers = (*contract.SETTING_HEADER, HELP_HEADER)
    widths = (20, 30, 60)
    for letter, width in zip("ABC", widths):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    _print_setup(ws, landscape=True, title_rows=True)
    bold = _style_array(ws, font=Font(name=FONT, bold=True))
    left = Alignment(horizontal="left")
    date_style = _style_array(ws, DATE_FORMAT, alignment=left)
    score_style = _style_array(ws, SCORE_FORMAT, alignment=left)
    wrap = _style_array(ws, alignment=Alignment(wrap_text=True, vertical="top"))
    ws.append(_header_row(ws, headers, (None, None, None), bold))
    validations = []
    for row, setting in enumerate(contract.SETTINGS, start=2):
        value = settings.get(setting.label)
        if value == "":
            value = None
        help_text = setting_help(setting.key, language)
        if len(help_text) > widths[2]:
            ws.row_dimensions[row].height = _row_height(help_text, widths[2])
        if setting.kind is Kind.DATE and isinstance(value, (date, datetime)):
            value_cell = _styled(ws, value, date_style)
        elif setting.kind is Kind.SCORE and isinstance(value, (int, float)):
            value_cell = _styled(ws, value, score_style)
        elif isinstance(value, str):
            value_cell = _text_cell(ws, value)
        else:
            value_cell = value
        ws.append(
            [_text_cell(ws, setting.label, bold), value_cell, _text_cell(ws, help_text, wrap)]
        )
        dv = None
        common = {"title": setting.label, "note": help_text}
        if setting.kind is Kind.CHOICE:
            dv = _validation("list", formula1=_inline_list(setting.choices), strict=True, **common)
        elif setting.kind is Kind.DATE:
            dv = _validation(
                "date",
                operator="between",
                formula1=str(EXCEL_DATE_MIN),
                formula2=str(EXCEL_DATE_MAX),
                **common,
            )
        elif setting.kind is Kind.SCORE:
            dv = _validation("decimal", operator="between", formula1="0", formula2="100", **common)
        if dv is not None:
            dv.add(f"B{row}")
            validations.append(dv)
    for dv in validations:
        ws.data_validations.append(dv)
    _add_table(ws, SETTINGS_TABLE, headers, len(contract.SETTINGS) + 1, SETTINGS_STYLE)


def _fact_sheet(ws, table: contract.Table, rows: Sequence[tuple], language: str, currency: str):
    headers = [c.header for c in table.columns]
    notes = [column_note(table.name, c.key, language) for c in table.columns]
    specs = []
    sample = rows[:WIDTH_SAMPLE_ROWS] if isinstance(rows, (list, tuple)) else ()
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        dimension = ws.column_dimensions[letter]
        longest = max(
            (len(v) for row in sample for v in row[index - 1 : index] if isinstance(v, str)),
            default=0,
        )
        dimension.width = max(column_width(column), min(MAX_WIDTH, longest + 2))
        number_format = column_format(column, currency)
        if number_format:
            dimension.number_format = number_format  # rows the user adds get it too
        specs.append(
            _ColumnSpec(
                style=_style_array(ws, number_format) if number_format else None,
                plain_dates=number_format == DATE_FORMAT,
                plain_ints=number_format == SCORE_FORMAT,
            )
        )
    ws.freeze_panes = "A2"
    _print_setup(ws, landscape=True, title_rows=True)
    bold = _style_array(ws, font=Font(name=FONT, bold=True))
    ws.append(_header_row(ws, headers, notes, bold))
    width = len(headers)
    count = 0
    for values in rows:
        if len(values) != width:
            raise ValueError(
                f"a {table.name} row has {len(values)} values, the table has {width} columns"
            )
        ws.append([_cell_value(ws, v, s) for v, s in zip(values, specs)])
        count += 1
    last_row = max(count + 1, 2)
    floor = LEADS_VALIDATION_ROWS if table is contract.LEADS else VALIDATION_ROWS
    validation_end = max(floor, last_row + VALIDATION_MARGIN)
    for index, (column, note) in enumerate(zip(table.columns, notes), start=1):
        letter = get_column_letter(index)
        dv = _column_validation(column, note)
        dv.add(f"{letter}2:{letter}{validation_end}")
        ws.data_validations.append(dv)
    _add_table(ws, table.name, headers, last_row, TABLE_STYLE)


def _lists_sheet(ws) -> None:
    """`All`, then each Channels row: the source of the channel-or-All dropdowns."""
    channel = contract.CHANNELS.sheet
    letter = get_column_letter(
        contract.CHANNELS.columns.index(contract.CHANNELS.column("channel")) + 1
    )
    ref = f"{_sheet_ref(channel)}!${letter}"
    ws.append([contract.ALL_CHANNELS])
    for row in range(2, CHANNEL_LIST_ROWS + 1):
        ws.append([f'=IF({ref}{row}="","",{ref}{row})'])
    ws.sheet_state = "hidden"


def _populate(wb: Workbook, settings: dict[str, object], data: SampleData | None) -> Workbook:
    language = language_or_default(settings.get("Language"))
    currency = str(settings.get("Currency") or "USD").strip().upper()
    _instructions_sheet(wb.create_sheet(INSTRUCTIONS_SHEET), language, currency)
    _report_sheet(wb.create_sheet(contract.REPORT_SHEET), settings, language)
    rows = data.rows if data is not None else {}
    for table in contract.FACT_TABLES:
        ws = wb.create_sheet(table.sheet)
        _fact_sheet(ws, table, rows.get(table.name, ()), language, currency)
    _lists_sheet(wb.create_sheet(LISTS_SHEET))
    return wb


def _new_workbook(write_only: bool) -> Workbook:
    wb = Workbook(write_only=write_only)
    if not write_only:
        wb.remove(wb.active)
    return wb


def build_template(
    *,
    client: str = "",
    currency: str = "USD",
    language: str = "en",
    period_start: date | None = None,
    period_end: date | None = None,
    compare_with="Previous period",
    shared_costs="Proportional",
    prepared_by="",
    data: SampleData | None = None,
) -> Workbook:
    """The workbook in memory. With `data`, its settings and rows fill it (data wins)."""
    kwargs = {
        "client": client,
        "currency": currency,
        "language": language,
        "period_start": period_start,
        "period_end": period_end,
        "compare_with": compare_with,
        "shared_costs": shared_costs,
        "prepared_by": prepared_by,
    }
    return _populate(_new_workbook(False), _settings_from(kwargs, data), data)


def _row_count(data: SampleData | None) -> int:
    return 0 if data is None else sum(len(rows) for rows in data.rows.values())


def _save_atomic(wb: Workbook, path: Path) -> None:
    temporary = temp_beside(path, ".tmp")  # within NAME_MAX, however long the name
    try:
        wb.save(temporary)
        move_into_place(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_template(path: Path, *, force: bool = False, example: bool = False, **kwargs) -> Path:
    """Write the workbook to `path` atomically; refuse to overwrite unless `force`.

    `kwargs` are `build_template`'s. `example=True` fills in a realistic small data set
    (about six months, 60 costs, 60 results, 300 leads) unless `data` is given.
    """
    path = Path(path)
    if path.exists() and not force:
        raise FileExistsError(
            f"{path} already exists — choose another name or overwrite it with --force"
        )
    data = kwargs.pop("data", None)
    if example and data is None:
        data = example_data(**kwargs)
    unknown = set(kwargs) - set(build_template.__kwdefaults__)
    if unknown:
        raise TypeError(f"write_template() got unexpected arguments: {', '.join(sorted(unknown))}")
    settings = _settings_from(kwargs, data)
    wb = _populate(_new_workbook(_row_count(data) > STREAMING_ROWS), settings, data)
    path.parent.mkdir(parents=True, exist_ok=True)
    _save_atomic(wb, path)
    return path


def write_workbook(path: Path, profile: Profile, seed: int) -> Path:
    """Generate the data of `profile` and write the workbook to `path` (overwriting it)."""
    return write_template(Path(path), force=True, data=generate(profile, seed))
