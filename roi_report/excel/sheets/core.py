"""The writer core of the generated sheets: cells, sheet specs, checks and formula helpers.

Every section module (one per part of the report) writes its cells through a `Writer`
and builds its formulas from these helpers; nothing here knows a section.

The formulas follow rows a user adds under a table: every range runs on past the table's
last row (spare rows, which count nothing while blank), and the lines sheets fill each
column with one array formula over those rows. The same figures come out of Excel,
LibreOffice, Gnumeric and the Python `formulas` package: SUMPRODUCTs are array formulas,
no function depends on the locale or works on one cell only (DATEVALUE, VALUE), and text a
user typed is never read as a pattern (MATCH, SUMIF and COUNTIF read ~ * ? specially).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from roi_report.excel.cells import column_letter, quote_sheet
from roi_report.language import N_, messages_for, use_language
from roi_report.metrics.compute import NO_CAMPAIGN
from roi_report.workbook import contract as c
from roi_report.workbook.models import TableLayout

_ = messages_for(__name__).gettext

# The sheets' words are in the report's language (see build_sheets); these are the
# English message ids, looked up when a sheet is written.
SENTINEL_LABEL = N_("Recalculation check (42 once recalculated)")
# Sheet names are an interface (formulas, defined names and tests refer to them): English.
PREFIX = c.GENERATED_SHEET_PREFIX
SUMMARY = PREFIX + "Summary"
CHANNELS = PREFIX + "Channels"
GOALS = PREFIX + "Goals"
BANDS_SHEET = PREFIX + "Lead bands"
NEW_BUSINESS = PREFIX + "New business"
INVESTMENT_LINES = PREFIX + "Investment lines"
RESULT_LINES = PREFIX + "Result lines"


@dataclass(frozen=True, slots=True)  # a results workbook makes some 100,000
class Cell:
    row: int
    col: int
    value: object  # a constant, or a formula string starting with "="
    style: str = "text"  # text, title, subtitle, heading, header (header_number over
    # numbers), label, money, percent, points, count, number, date, note
    is_formula: bool = False
    cached: object = None  # the value Python computed for a formula, where known
    # The range an array formula fills ("B7", "C5:C900"), "" for an ordinary cell. A cell
    # inside that range other than its first has no value of its own, only `cached`.
    array: str = ""


@dataclass(frozen=True)
class Check:
    """A generated figure and the JSON metric it must equal (value × scale)."""

    sheet: str
    row: int
    col: int
    path: tuple
    scale: float = 1.0

    @property
    def coordinate(self) -> str:
        return f"{column_letter(self.col)}{self.row}"


@dataclass
class SheetSpec:
    name: str
    cells: list[Cell] = field(default_factory=list)
    widths: dict[int, float] = field(default_factory=dict)
    freeze: str | None = None
    hidden: set[int] = field(default_factory=set)  # helper columns no reader needs


def ref(sheet: str, column: str | int, row: int, absolute: bool = True) -> str:
    letter = column if isinstance(column, str) else column_letter(column)
    dollar = "$" if absolute else ""
    return f"{quote_sheet(sheet)}!{dollar}{letter}{dollar}{row}"


# A table's rows that the formulas follow go on past its last row, so that a row a user
# types under it counts once the workbook recalculates; a row below them needs a new build.
MIN_SPARE_ROWS = 500
MAX_SPARE_ROWS = 50_000
LAST_SHEET_ROW = 1_048_576
NUMBER_STYLES = ("money", "percent", "points", "count", "number", "date")


def na() -> str:
    """What stands where a figure has no value (metrics' None). Formulas compare with it
    too, so one workbook spells it one way throughout."""
    return _("n/a")


def campaign_label(name: str) -> str:
    """A campaign as the sheets show it and the lines sheets spell it: rows with no
    campaign under "(no campaign)" in the report's language."""
    return _("(no campaign)") if name == NO_CAMPAIGN else name


def in_language(language: str, message: str) -> str:
    """A message of this catalog in `language`, outside a build (tests, the writer)."""
    with use_language(language):
        return _(message)


def spare_rows(count: int) -> int:
    return min(max(MIN_SPARE_ROWS, count // 2), MAX_SPARE_ROWS)


def followed_rows(layout: TableLayout) -> tuple[int, int]:
    """First and last sheet row of a table that formulas cover: its rows plus spare rows."""
    last = max(layout.rows, default=layout.header_row)
    return layout.header_row + 1, min(last + spare_rows(len(layout.rows)), LAST_SHEET_ROW)


def followed_column(layout: TableLayout | None, key: str) -> str | None:
    """A user's table column over the rows formulas follow; None for a column (or a table)
    the workbook lacks."""
    if layout is None or key not in layout.columns:
        return None
    first, last = followed_rows(layout)
    letter = layout.columns[key]
    return f"{quote_sheet(layout.sheet)}!${letter}${first}:${letter}${last}"


def within(dates: str, first: str, last: str) -> str:
    """1 where a date of `dates` falls from `first` to `last`, element by element."""
    return f"IF(ISNUMBER({dates}),({dates}>={first})*({dates}<={last}),0)"


EXACT_CODES = (("_", "_u"), ("~", "_t"), ("*", "_s"), ("?", "_q"))


def exact_text(text: str) -> str:
    """Text with no wildcard left (~ * ?), spelled the same on both sides of a MATCH: MATCH
    and SUMIF read them as patterns, and spreadsheets disagree on the ~ escapes."""
    for plain, coded in EXACT_CODES:
        text = f'SUBSTITUTE({text},"{plain}","{coded}")'
    return text


def python_exact_text(text: str) -> str:
    """What exact_text gives for a text, as the cached value."""
    for plain, coded in EXACT_CODES:
        text = text.replace(plain, coded)
    return text


def span(sheet: str, col: int, first: int, last: int) -> str:
    """An absolute range; never empty, so a table with no rows still gives valid formulas."""
    letter = column_letter(col)
    return f"{quote_sheet(sheet)}!${letter}${first}:${letter}${max(first, last)}"


def spans(sheet: str, first: int, last: int, names: list[str], start_col: int) -> dict[str, str]:
    """The ranges of consecutive columns of a sheet, by name."""
    return {name: span(sheet, col, first, last) for col, name in enumerate(names, start=start_col)}


def as_date(cell: str, blank: str = '""') -> str:
    """A date, or ISO text 2025-03-14 read part by part (DATEVALUE depends on the locale
    and works on one cell at a time in some engines); `blank` for anything else."""
    text = f"TRIM({cell})"
    parts = f"LEFT({text},4)*1,MID({text},6,2)*1,MID({text},9,2)*1"
    return f"IF(ISNUMBER({cell}),INT({cell}),IFERROR(DATE({parts}),{blank}))"


def as_share(cell: str) -> str:
    """A typed percent, or the text the reader accepts ("12,5%", "7.25 %") computed from
    its digits: "12,5%" as a number depends on the spreadsheet's locale, "12" does not."""
    digits = f'SUBSTITUTE(SUBSTITUTE(SUBSTITUTE({cell}," ",""),"%",""),",",".")'
    point = f'FIND(".",{digits}&".")'
    decimals = f"MID({digits},{point}+1,99)"
    fraction = f"IF({point}>LEN({digits}),0,{decimals}/10^LEN({decimals}))"
    text = f"(LEFT({digits},{point}-1)+{fraction})/100"
    return f'IF({cell}="",1,IF(ISNUMBER({cell}),{cell},{text}))'


def na_ratio(numerator: str, denominator: str) -> str:
    """numerator / denominator, or n/a when the denominator is n/a or zero."""
    n = na()
    return f'IF(OR({denominator}="{n}",{denominator}=0),"{n}",{numerator}/{denominator})'


def change(current: str, previous: str) -> str:
    n = na()
    return (
        f'=IF(OR({current}="{n}",{previous}="{n}",{previous}=0),"{n}",'
        f"({current}-{previous})/{previous})"
    )


def points(current: str, previous: str) -> str:
    """The change of two ratios in percentage points."""
    n = na()
    return f'=IF(OR({current}="{n}",{previous}="{n}"),"{n}",({current}-{previous})*100)'


class Writer:
    """Appends rows to one sheet spec and remembers the checks of its figures."""

    def __init__(self, name: str, checks: list[Check]):
        self.spec = SheetSpec(name)
        self.checks = checks
        self.row = 1

    def put(
        self,
        row: int,
        col: int,
        value,
        style: str = "text",
        path: tuple | None = None,
        scale: float = 1.0,
        literal: bool = False,
        cached: object = None,
    ) -> str:
        """Place a cell; `literal` marks text a user typed, which is never a formula.
        `cached` is the value Python computed, shown by readers that don't recalculate."""
        is_formula = not literal and isinstance(value, str) and value.startswith("=")
        # A SUMPRODUCT is entered as an array formula: Gnumeric evaluates TRIM, MATCH and
        # the rest element by element over a range only in an array formula.
        array = f"{column_letter(col)}{row}" if is_formula and "SUMPRODUCT(" in value else ""
        self.spec.cells.append(Cell(row, col, value, style, is_formula, cached, array))
        if path is not None:
            self.checks.append(Check(self.spec.name, row, col, path, scale))
        return f"${column_letter(col)}${row}"

    def column(self, first: int, col: int, formula: str, style: str, cached: list) -> str:
        """One array formula filling a column from row `first`, one element per cached
        value; returns its range as other formulas of this sheet refer to it."""
        last = first + len(cached) - 1
        letter = column_letter(col)
        self.spec.cells.append(
            Cell(first, col, formula, style, True, cached[0], f"{letter}{first}:{letter}{last}")
        )
        self.spec.cells.extend(
            Cell(row, col, None, style, cached=value)
            for row, value in enumerate(cached[1:], start=first + 1)
        )
        return f"${letter}${first}:${letter}${last}"

    def values(self, first: int, col: int, values: list, style: str) -> None:
        for row, value in enumerate(values, start=first):
            self.put(row, col, value, style, literal=True)

    def title(self, text: str, subtitle: str = "") -> None:
        self.put(1, 1, text, "title", literal=True)
        if subtitle:
            self.put(2, 1, subtitle, "subtitle", literal=True)
        self.row = 4

    def heading(self, text: str, note: str = "") -> None:
        self.row += 1
        self.put(self.row, 1, text, "heading")
        if note:
            self.row += 1
            self.put(self.row, 1, note, "note")
        self.row += 1

    def header(self, labels: list[str]) -> int:
        for col, label in enumerate(labels, start=1):
            self.put(self.row, col, label, "header")
        self.row += 1
        return self.row


def align_headers(spec: SheetSpec) -> None:
    """A header over a column of numbers aligns right, as its numbers do; over a column
    that mixes numbers and text (settings) it stays left."""
    styles = {(cell.row, cell.col): cell.style for cell in spec.cells}

    def numeric(cell: Cell) -> bool:
        row = cell.row + 1
        while (style := styles.get((row, cell.col))) is not None and not style.startswith("header"):
            if style not in NUMBER_STYLES:
                return False
            row += 1
        return row > cell.row + 1

    spec.cells[:] = [
        replace(cell, style="header_number") if cell.style == "header" and numeric(cell) else cell
        for cell in spec.cells
    ]


@dataclass(frozen=True)
class TableRows:
    """The rows of a user's table that a lines sheet follows, and the validated row that
    stands in each (none in a blank or spare row)."""

    layout: TableLayout
    rows: tuple[int, ...]
    lines: dict  # sheet row -> InvestmentLine or ResultRow

    def column(self, key: str) -> str | None:
        """The user's column over the followed rows; None for a column the table lacks."""
        return followed_column(self.layout, key)

    def cached(self, attribute: str, blank: object = "") -> list:
        return [getattr(self.lines[r], attribute) if r in self.lines else blank for r in self.rows]
