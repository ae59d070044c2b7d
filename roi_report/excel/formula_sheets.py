"""The generated sheets of a results workbook as live formulas over the user's tables.

This module decides what every generated cell holds; `workbook_writer` only puts the
cells into a file. Each figure is a formula a spreadsheet recalculates from the user's
own cells and the Report settings, and mirrors the computation in `metrics` step by step.
Two "lines" sheets normalize each row of the Costs, Staff and Results tables once (dates
typed as text, percents as text, the channel's kind, the period it falls in), so that every
figure above them is a plain SUMPRODUCT a reader can follow. `n/a` stands where `metrics`
has None.

The formulas follow rows a user adds under a table: every range runs on past the table's
last row (spare rows, which count nothing while blank), and the lines sheets fill each
column with one array formula over those rows. The same figures come out of Excel,
LibreOffice, Gnumeric and the Python `formulas` package: SUMPRODUCTs are array formulas,
no function depends on the locale or works on one cell only (DATEVALUE, VALUE), and text a
user typed is never read as a pattern (MATCH, SUMIF and COUNTIF read ~ * ? specially).

Alongside the cells, every figure is paired with its JSON path (`Check`), so tests and
writers of cached values know which metric each formula must equal.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from roi_report.excel.cells import column_letter, quote_sheet
from roi_report.metrics.compute import NO_CAMPAIGN, ROLES, STAFF, UNSCORED, Metrics, result_values
from roi_report.workbook import contract as c
from roi_report.workbook.contract import BANDS, CATEGORIES, FUNNEL, STAGE_DEPTH, TYPES
from roi_report.workbook.models import TableLayout, Workbook
from roi_report.workbook.periods import is_whole_months, month_count

NA = "n/a"
SENTINEL_LABEL = "Recalculation check (42 once recalculated)"
# Under the check, where nothing stands to its right, so the whole sentence shows.
RECALCULATE_HOW = (
    "Not 42? LibreOffice: Data > Calculate > Recalculate Hard (Ctrl+Shift+F9); Excel: Ctrl+Alt+F9."
)
PREFIX = c.GENERATED_SHEET_PREFIX
SUMMARY = PREFIX + "Summary"
CHANNELS = PREFIX + "Channels"
GOALS = PREFIX + "Goals"
BANDS_SHEET = PREFIX + "Lead bands"
NEW_BUSINESS = PREFIX + "New business"
INVESTMENT_LINES = PREFIX + "Investment lines"
RESULT_LINES = PREFIX + "Result lines"
GENERATED_SHEETS = (
    SUMMARY,
    CHANNELS,
    GOALS,
    BANDS_SHEET,
    NEW_BUSINESS,
    INVESTMENT_LINES,
    RESULT_LINES,
)
SHARED_LABELS = {
    "None": "Shared costs (All): not spread (None)",
    "Even": "Shared costs (All): spread evenly (Even)",
    "Proportional": "Shared costs (All): spread by direct investment (Proportional)",
    "no_direct": "Shared costs (All): spread evenly, no direct social costs (Proportional)",
    "no_social": "Shared costs (All): not spread, no social channel",
}
ROLE_LABELS = {
    "source": "Social was the original source",
    "conversion": "Social was the conversion point",
    "assist": "Social assisted",
    "any": "Social played any of these roles",
    "all_won": "All new business (any source)",
}


@dataclass(frozen=True)
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


def spare_rows(count: int) -> int:
    return min(max(MIN_SPARE_ROWS, count // 2), MAX_SPARE_ROWS)


def followed_rows(layout: TableLayout) -> tuple[int, int]:
    """First and last sheet row of a table that formulas cover: its rows plus spare rows."""
    last = max(layout.rows, default=layout.header_row)
    return layout.header_row + 1, min(last + spare_rows(len(layout.rows)), LAST_SHEET_ROW)


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


def _align_headers(spec: SheetSpec) -> None:
    """A header over a column of numbers aligns right, as its numbers do; over a column
    that mixes numbers and text (settings) it stays left."""
    styles = {(cell.row, cell.col): cell.style for cell in spec.cells}

    def numeric(cell: Cell) -> bool:
        below = []
        row = cell.row + 1
        while (row, cell.col) in styles and not styles[(row, cell.col)].startswith("header"):
            below.append(styles[(row, cell.col)])
            row += 1
        return bool(below) and all(style in NUMBER_STYLES for style in below)

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
        if key not in self.layout.columns:
            return None
        letter = self.layout.columns[key]
        sheet = quote_sheet(self.layout.sheet)
        return f"{sheet}!${letter}${self.rows[0]}:${letter}${self.rows[-1]}"

    def cached(self, attribute: str, blank: object = "") -> list:
        return [getattr(self.lines[r], attribute) if r in self.lines else blank for r in self.rows]


def _na_ratio(numerator: str, denominator: str) -> str:
    """numerator / denominator, or n/a when the denominator is n/a or zero."""
    return f'IF(OR({denominator}="{NA}",{denominator}=0),"{NA}",{numerator}/{denominator})'


def _change(current: str, previous: str) -> str:
    return (
        f'=IF(OR({current}="{NA}",{previous}="{NA}",{previous}=0),"{NA}",'
        f"({current}-{previous})/{previous})"
    )


def _points(current: str, previous: str) -> str:
    """The change of two ratios in percentage points."""
    return f'=IF(OR({current}="{NA}",{previous}="{NA}"),"{NA}",({current}-{previous})*100)'


class FormulaBook:
    """Builds every generated sheet for one workbook and its metrics."""

    def __init__(self, book: Workbook, metrics: Metrics):
        self.book, self.metrics = book, metrics
        self.layout = book.layout
        self.checks: list[Check] = []
        self.summary = Writer(SUMMARY, self.checks)
        self.channels = Writer(CHANNELS, self.checks)
        self.goals = Writer(GOALS, self.checks)
        self.bands = Writer(BANDS_SHEET, self.checks)
        self.new_business = Writer(NEW_BUSINESS, self.checks)
        self.investment_lines = Writer(INVESTMENT_LINES, self.checks)
        self.result_lines = Writer(RESULT_LINES, self.checks)

    # References into the user's sheets
    def user(self, table: str, key: str, row: int) -> str | None:
        layout: TableLayout | None = self.layout.tables.get(table)
        if layout is None or key not in layout.columns:
            return None
        return ref(layout.sheet, layout.columns[key], row, absolute=False)

    def setting(self, key: str) -> str | None:
        cell = self.layout.settings.get(key)
        if not cell:
            return None
        letter = cell.rstrip("0123456789")
        return ref(self.layout.report_sheet, letter, int(cell[len(letter) :]), absolute=False)

    @staticmethod
    def as_date(cell: str, blank: str = '""') -> str:
        """A date, or ISO text 2025-03-14 read part by part (DATEVALUE depends on the locale
        and works on one cell at a time in some engines); `blank` for anything else."""
        text = f"TRIM({cell})"
        parts = f"LEFT({text},4)*1,MID({text},6,2)*1,MID({text},9,2)*1"
        return f"IF(ISNUMBER({cell}),INT({cell}),IFERROR(DATE({parts}),{blank}))"

    @staticmethod
    def as_share(cell: str) -> str:
        """A typed percent, or the text the reader accepts ("12,5%", "7.25 %") computed from
        its digits: "12,5%" as a number depends on the spreadsheet's locale, "12" does not."""
        digits = f'SUBSTITUTE(SUBSTITUTE(SUBSTITUTE({cell}," ",""),"%",""),",",".")'
        point = f'FIND(".",{digits}&".")'
        decimals = f"MID({digits},{point}+1,99)"
        fraction = f"IF({point}>LEN({digits}),0,{decimals}/10^LEN({decimals}))"
        text = f"(LEFT({digits},{point}-1)+{fraction})/100"
        return f'IF({cell}="",1,IF(ISNUMBER({cell}),{cell},{text}))'

    def build(self) -> tuple[list[SheetSpec], list[Check]]:
        self.settings_block()
        self.channel_block()
        self.goal_block()
        self.stage_block()
        self.write_investment_lines()
        self.write_result_lines()
        self.lead_expressions()
        self.channel_figures()
        self.goal_figures()
        self.band_figures()
        self.new_business_figures()
        self.headline()
        writers = (
            self.summary,
            self.channels,
            self.goals,
            self.bands,
            self.new_business,
            self.investment_lines,
            self.result_lines,
        )
        for w in writers:
            _align_headers(w.spec)
        return [w.spec for w in writers], self.checks

    # Summary: settings, then the headline figures (written last: they refer to the rest)
    def settings_block(self) -> None:
        w = self.summary
        s = self.book.settings
        w.title(s.title, s.client)
        w.spec.widths.update({1: 34, 2: 18, 3: 18, 4: 16})
        w.heading("Report settings", "Read from the Report sheet; change them there.")
        w.header(["Setting", "Value"])

        def setting_row(label, formula, style, path=None, cached=None):
            w.put(w.row, 1, label, "label")
            cell = w.put(w.row, 2, formula, style, path, cached=cached)
            w.row += 1
            return ref(SUMMARY, cell.split("$")[1], int(cell.split("$")[2]))

        def with_default(key, default):
            cell = self.setting(key)
            if cell is None:
                return (
                    default
                    if isinstance(default, str) and default.startswith("=")
                    else f'="{default}"'
                )
            return f'=IF(TRIM({cell})="","{default}",TRIM({cell}))'

        start_cell, end_cell = self.setting("period_start"), self.setting("period_end")
        self.start = setting_row(
            "Period start", "=" + self.as_date(start_cell), "date", ("periods", "start")
        )
        self.end = setting_row(
            "Period end", "=" + self.as_date(end_cell), "date", ("periods", "end")
        )
        self.mode = setting_row(
            "Compare with",
            with_default("compare_with", "Previous period"),
            "label",
            cached=s.compare_with,
        )
        start, end, mode = self.start, self.end, self.mode
        whole = setting_row(
            "Whole calendar months?",
            f"=AND(DAY({start})=1,DAY({end}+1)=1)",
            "label",
            cached=is_whole_months(s.period_start, s.period_end),
        )
        months = setting_row(
            "Months in period",
            f"=(YEAR({end})-YEAR({start}))*12+MONTH({end})-MONTH({start})+1",
            "count",
            cached=month_count(s.period_start, s.period_end),
        )
        self.compare_start = setting_row(
            "Comparison start",
            f'=IF({mode}="Previous period",IF({whole},EDATE({start},-{months}),'
            f'{start}-({end}-{start}+1)),IF({mode}="Same period last year",EDATE({start},-12),'
            f'"{NA}"))',
            "date",
            ("periods", "compare_start"),
        )
        self.compare_end = setting_row(
            "Comparison end",
            f'=IF({mode}="Previous period",{start}-1,IF({mode}="Same period last year",'
            f'IF({whole},EOMONTH({end},-12),EDATE({end},-12)),"{NA}"))',
            "date",
            ("periods", "compare_end"),
        )
        self.has_compare = setting_row(
            "Has a comparison period (1 = yes)",
            f"=IF(ISNUMBER({self.compare_start}),1,0)",
            "count",
            cached=int(self.metrics.periods.compare_start is not None),
        )
        self.shared_mode = setting_row(
            "Shared costs",
            with_default("shared_costs", "Proportional"),
            "label",
            cached=s.shared_costs,
        )
        slow, fast = self.setting("slow_below"), self.setting("fast_from")
        self.slow = setting_row(
            "Slow band below",
            f"=IF(ISNUMBER({slow}),{slow},40)" if slow else "=40",
            "number",
            cached=s.slow_below,
        )
        self.fast = setting_row(
            "Fast band from",
            f"=IF(ISNUMBER({fast}),{fast},70)" if fast else "=70",
            "number",
            cached=s.fast_from,
        )
        self.summary_settings_end = w.row

    def in_period(self, dates: str) -> str:
        return f"=IF(ISNUMBER({dates}),({dates}>={self.start})*({dates}<={self.end}),0)"

    def in_compare(self, dates: str) -> str:
        return (
            f"=IF({self.has_compare}=1,IF(ISNUMBER({dates}),({dates}>={self.compare_start})*"
            f"({dates}<={self.compare_end}),0),0)"
        )

    def channel_block(self) -> None:
        """The Channels table, trimmed, as the key every other sheet matches channels on."""
        w = self.channels
        w.title("ROI by channel", self.book.settings.client)
        w.spec.widths.update({1: 44, **{col: 15 for col in range(2, 13)}})
        w.heading(
            "Channels",
            "Investment and return of the report period. Shared costs (channel "
            "All) are spread to social channels by the Shared costs setting.",
        )
        w.header(
            [
                "Channel",
                "Kind",
                "Costs",
                "Staff",
                "Direct investment",
                "Shared costs spread",
                "Investment",
                "Return",
                "ROI",
                "Leads",
                "Cost per lead",
                "Key if social",
            ]
        )
        w.spec.hidden.add(12)
        rows = self.layout.tables["Channels"].rows
        first = w.row
        self.channel_rows = []
        for row, channel in zip(rows, self.book.channels):
            name, kind = self.user("Channels", "channel", row), self.user("Channels", "kind", row)
            w.put(w.row, 1, f"=TRIM({name})", "label", cached=channel.name)
            w.put(w.row, 2, f"=TRIM({kind})", "label", cached=channel.kind)
            # A lone space never equals a trimmed name, so other channels never match.
            w.put(
                w.row,
                12,
                f'=IF(B{w.row}="Social",{exact_text(f"A{w.row}")}," ")',
                "label",
                cached=python_exact_text(channel.name) if channel.is_social else " ",
            )
            self.channel_rows.append(w.row)
            w.row += 1
        last = w.row - 1
        self.ch_name = span(CHANNELS, 1, first, last)
        self.ch_kind = span(CHANNELS, 2, first, last)
        self.ch_social = span(CHANNELS, 12, first, last)
        self.ch_first, self.ch_last = first, last

    def is_social(self, channels: str) -> str:
        """1 where a trimmed channel name is a social channel, element by element."""
        return f"IF(ISNUMBER(MATCH({exact_text(channels)},{self.ch_social},0)),1,0)"

    def goal_block(self) -> None:
        w = self.goals
        w.title("Goals against targets", self.book.settings.client)
        w.spec.widths.update({1: 28, 2: 20, 3: 14, **{col: 14 for col in range(4, 18)}})
        w.heading(
            "Goals",
            "Value of one result = Value per result if given, else Conversion to "
            "customer × Value per customer, else 0. Actual counts the report period.",
        )
        w.header(
            [
                "Goal",
                "Metric",
                "Channel",
                "Target",
                "Conversion to customer",
                "Value per customer",
                "Value per result",
                "Value of one result",
                "Actual",
                "Actual, comparison period",
                "Attainment",
                "Value of results",
                "Investment",
                "Cost per result",
                "Target cost per result",
                "On target?",
                "Deadline",
            ]
        )
        first = w.row
        self.goal_rows = []
        layout = self.layout.tables.get("Goals")
        for row, goal in zip(layout.rows if layout else (), self.book.goals):
            r = w.row

            def cell(key, row=row):
                return self.user("Goals", key, row)

            def blank(value):
                return "" if value is None else value

            w.put(r, 1, f"={cell('goal')}", "label", cached=goal.goal)
            w.put(r, 2, f"=TRIM({cell('metric')})", "label", cached=goal.metric)
            w.put(r, 3, f"=TRIM({cell('channel')})", "label", cached=goal.channel)
            w.put(
                r,
                4,
                f'=IF(ISNUMBER({cell("target")}),{cell("target")},"{NA}")',
                "number",
                cached=NA if goal.target is None else goal.target,
            )
            conversion = cell("conversion")
            w.put(
                r,
                5,
                f'=IF({conversion}="","",{self.as_share(conversion)})' if conversion else '=""',
                "percent",
                cached=blank(goal.conversion),
            )
            for col, key in ((6, "value_per_customer"), (7, "value_per_result")):
                source = cell(key)
                w.put(
                    r,
                    col,
                    f'=IF(ISNUMBER({source}),{source},"")' if source else '=""',
                    "money",
                    cached=blank(getattr(goal, key)),
                )
            w.put(
                r,
                8,
                f"=IF(ISNUMBER(G{r}),G{r},IF(AND(ISNUMBER(E{r}),ISNUMBER(F{r})),E{r}*F{r},0))",
                "money",
                cached=goal.value_of_result,
            )
            self.goal_rows.append(r)
            w.row += 1
        last = w.row - 1
        self.g_metric = span(GOALS, 2, first, last)
        self.g_channel = span(GOALS, 3, first, last)
        self.g_value = span(GOALS, 8, first, last)

    def stage_block(self) -> None:
        w = self.bands
        w.title("Lead bands", self.book.settings.client)
        w.spec.widths.update({1: 26, **{col: 14 for col in range(2, 20)}})
        w.heading("Funnel depth of each stage", "A lost lead reached Opportunity but not Won.")
        w.header(["Stage", "Depth"])
        self.stage_rows = []
        aliases = {alias.title(): STAGE_DEPTH[stage] for alias, stage in c.STAGE_ALIASES.items()}
        for stage, depth in {**STAGE_DEPTH, **aliases}.items():
            w.put(w.row, 1, stage, "label")
            w.put(w.row, 2, depth, "count")
            self.stage_rows.append(w.row)
            w.row += 1

    # The lines sheets: one row per input row, normalized
    def _lines_header(self, w: Writer, title: str, labels: list[str]) -> int:
        w.title(
            title,
            "One row per table row, and spare rows for rows typed under the table (blank "
            "rows count nothing); every figure sheet sums these columns.",
        )
        w.row = 3
        first = w.header(labels)
        w.spec.freeze = f"A{first}"
        # Campaign names are the long texts here; the rest are dates, flags and amounts.
        w.spec.widths.update(
            {col: 28 if label == "Campaign" else 14 for col, label in enumerate(labels, start=1)}
        )
        return first

    def write_investment_lines(self) -> None:
        w = self.investment_lines
        first = self._lines_header(
            w,
            "Investment lines (Costs and Staff)",
            [
                "Sheet",
                "Row",
                "Date",
                "Channel",
                "Social?",
                "Type",
                "Campaign",
                "Category",
                "Band of funnel stage",
                "Investment",
                "In period",
                "In comparison period",
            ],
        )
        for table in ("Costs", "Staff"):
            self._investment_block(w, table)
        self.il = self._columns(
            INVESTMENT_LINES,
            first,
            w.row - 1,
            [
                "date",
                "channel",
                "social",
                "type",
                "campaign",
                "category",
                "band",
                "amount",
                "inp",
                "inc",
            ],
            start_col=3,
        )

    def table_rows(self, table: str, lines) -> TableRows | None:
        layout = self.layout.tables.get(table)
        if layout is None:
            return None
        first, last = followed_rows(layout)
        return TableRows(layout, tuple(range(first, last + 1)), {line.row: line for line in lines})

    def put_row_basics(self, w: Writer, col: int, table: TableRows) -> str:
        """Date, channel, social flag, type and campaign of a table's rows, in columns col to
        col + 4 of a lines sheet: both lines sheets normalize them alike. Returns the range
        of dates."""
        first, column, cached = w.row, table.column, table.cached
        dates = w.column(first, col, "=" + self.as_date(column("date")), "date", cached("date"))
        channels = w.column(
            first, col + 1, f"=TRIM({column('channel')})", "label", cached("channel")
        )
        w.column(
            first,
            col + 2,
            f'=IF({channels}="All",1,{self.is_social(channels)})',
            "count",
            [int(self.book.is_social(c)) if c else 0 for c in cached("channel")],
        )
        w.column(first, col + 3, f"=TRIM({column('type')})", "label", cached("type"))
        campaign = column("campaign")
        w.column(
            first,
            col + 4,
            f'=IF(TRIM({campaign})="","{NO_CAMPAIGN}",TRIM({campaign}))'
            if campaign
            else f'=IF(ROW({dates})>0,"{NO_CAMPAIGN}")',
            "label",
            [name or NO_CAMPAIGN for name in cached("campaign")],
        )
        return dates

    def _investment_block(self, w: Writer, name: str) -> None:
        table = self.table_rows(name, (i for i in self.book.investment if i.sheet == name))
        if table is None:
            return
        first, rows, column, cached = w.row, table.rows, table.column, table.cached
        w.values(first, 1, [name] * len(rows), "label")
        w.values(first, 2, list(rows), "count")
        dates = self.put_row_basics(w, 3, table)
        if name == "Costs":
            w.column(first, 8, f"=TRIM({column('category')})", "label", cached("category"))
            stage = column("funnel_stage")
            bands = c.FUNNEL_STAGE_BAND
            w.column(
                first,
                9,
                (
                    f'=IF(TRIM({stage})="Awareness","{bands["Awareness"]}",'
                    f'IF(TRIM({stage})="Consideration","{bands["Consideration"]}",'
                    f'IF(TRIM({stage})="Decision","{bands["Decision"]}","")))'
                )
                if stage
                else f'=IF(ROW({dates})>0,"")',
                "label",
                [bands.get(stage, "") for stage in cached("funnel_stage")],
            )
            share = column("social_share")
            amount = column("amount")
            formula = f"={amount}*{self.as_share(share)}" if share else f"={amount}*1"
        else:
            w.values(first, 8, [STAFF] * len(rows), "label")
            w.values(first, 9, [""] * len(rows), "label")
            formula = f"={column('hourly_rate')}*{column('hours')}"
        w.column(first, 10, formula, "money", cached("amount", 0))
        self._period_flags(w, first, dates, cached("date", None))
        w.row = first + len(rows)

    def _period_flags(self, w: Writer, first: int, dates: str, days: list) -> None:
        periods = self.metrics.periods

        def flags(start, end):
            return [int(day is not None and start <= day <= end) for day in days]

        w.column(first, 11, self.in_period(dates), "count", flags(periods.start, periods.end))
        w.column(
            first,
            12,
            self.in_compare(dates),
            "count",
            flags(periods.compare_start, periods.compare_end)
            if periods.compare_start is not None
            else [0] * len(days),
        )

    def write_result_lines(self) -> None:
        w = self.result_lines
        first = self._lines_header(
            w,
            "Result lines",
            [
                "Row",
                "Date",
                "Channel",
                "Social?",
                "Type",
                "Campaign",
                "Metric",
                "Count",
                "Value of one result",
                "Return",
                "In period",
                "In comparison period",
            ],
        )
        table = self.table_rows("Results", self.book.results)
        if table is not None:
            rows, cached = table.rows, table.cached
            values = dict(zip((r.row for r in self.book.results), result_values(self.book)))
            w.values(first, 1, list(rows), "count")
            dates = self.put_row_basics(w, 2, table)
            metric = w.column(
                first, 7, f"=TRIM({table.column('metric')})", "label", cached("metric")
            )
            count = w.column(first, 8, f"={table.column('count')}*1", "number", cached("count", 0))
            channel = f"$C${first}:$C${first + len(rows) - 1}"
            # One element per result row and goal: MMULT sums a goal's value over the goals
            # it matches, where SUMPRODUCT would sum over every row at once.
            on_metric = f"({metric}=TRANSPOSE({self.g_metric}))"
            exact = f"{on_metric}*({channel}=TRANSPOSE({self.g_channel}))"
            on_all = f'{on_metric}*(TRANSPOSE({self.g_channel})="All")'
            value = w.column(
                first,
                9,
                f"=IF(MMULT({exact},ROW({self.g_value})^0)>0,MMULT({exact},{self.g_value}),"
                f"MMULT({on_all},{self.g_value}))",
                "money",
                [values.get(r, 0) for r in rows],
            )
            w.column(
                first,
                10,
                f"={count}*{value}",
                "money",
                [n * values.get(r, 0) for r, n in zip(rows, cached("count", 0))],
            )
            self._period_flags(w, first, dates, cached("date", None))
            w.row = first + len(rows)
        self.rl = self._columns(
            RESULT_LINES,
            first,
            w.row - 1,
            [
                "date",
                "channel",
                "social",
                "type",
                "campaign",
                "metric",
                "count",
                "value",
                "amount",
                "inp",
                "inc",
            ],
            start_col=2,
        )

    def lead_expressions(self) -> None:
        """Array expressions over the user's Leads columns, one element per lead.

        Leads are summed where they stand, with no lines sheet: a CRM export of a million
        rows stays a few dozen formulas. SUMPRODUCT evaluates these element by element.
        """
        layout = self.layout.tables.get("Leads")
        first, last = followed_rows(layout) if layout else (2, 2)

        def column(key):
            if layout is None or key not in layout.columns:
                return None
            letter = layout.columns[key]
            return f"{quote_sheet(layout.sheet)}!${letter}${first}:${letter}${last}"

        def one_of(cells, words, *more):
            """1 where the cell reads as one of `words` (any case) or `more` holds, else 0."""
            tests = [f'(TRIM({cells})="{word}")' for word in words] + list(more)
            return "SIGN(" + "+".join(tests) + ")"

        def within(key, start, end):
            day = self.as_date(column(key), blank="0")
            return f"({day}>={start})*({day}<={end})"

        def social(key):
            return f"ISNUMBER(MATCH({exact_text(f'TRIM({column(key)})')},{self.ch_social},0))"

        score, stage = column("score"), column("stage")
        won = one_of(stage, ["Won", *(a for a, s in c.STAGE_ALIASES.items() if s == "Won")])
        yes_words = ["Yes", *(a for a, v in c.YES_NO_ALIASES.items() if v == "Yes")]
        won_date = column("won_date")
        via, assist = column("converted_via"), column("social_assist")
        self.ll = {
            "source": f"TRIM({column('source')})",
            "social": f"({social('source')}*1)",
            "inp": within("created", self.start, self.end),
            "inc": within("created", self.compare_start, self.compare_end),
            "won": won,
            "revenue": column("revenue") or "0",
            "conversion": f"({social('converted_via')}*1)" if via else "0",
            "assist": (
                one_of(assist, yes_words, f"({assist}=TRUE)")  # a checkbox's TRUE too
                if assist
                else "0"
            ),
            "won_inp": (
                f'{won}*({won_date}<>"")*{within("won_date", self.start, self.end)}'
                if won_date
                else "0"
            ),
            "won_inc": (
                f'{won}*({won_date}<>"")*{within("won_date", self.compare_start, self.compare_end)}'
                if won_date
                else "0"
            ),
        }
        self.ll["any"] = f"(({self.ll['social']}+{self.ll['conversion']}+{self.ll['assist']})>0)"
        self.ll_band = {
            "Slow": f'({score}<>"")*({score}<{self.slow})',
            "Medium": f'({score}<>"")*({score}>={self.slow})*({score}<{self.fast})',
            "Fast": f'({score}<>"")*({score}>={self.fast})',
            UNSCORED: f'({score}="")',
        }
        # A sum of comparisons rather than SUMIF, whose criteria read * ? ~ = < > specially.
        self.ll_depth = (
            "("
            + "+".join(
                f"(TRIM({stage})={ref(BANDS_SHEET, 'A', r)})*{ref(BANDS_SHEET, 'B', r)}"
                for r in self.stage_rows
            )
            + ")"
        )

    @staticmethod
    def _columns(sheet, first, last, names, start_col) -> dict[str, str]:
        return {
            name: span(sheet, col, first, last) for col, name in enumerate(names, start=start_col)
        }

    # Figures
    def sum_investment(self, *factors: str) -> str:
        return f"SUMPRODUCT({'*'.join((*factors, self.il['amount']))})"

    def sum_return(self, *factors: str) -> str:
        return f"SUMPRODUCT({'*'.join((*factors, self.rl['amount']))})"

    def channel_figures(self) -> None:
        w, il, rl, ll = self.channels, self.il, self.rl, self.ll
        first, last = self.ch_first, self.ch_last
        kinds = f"$B${first}:$B${max(first, last)}"
        direct = f"$E${first}:$E${max(first, last)}"
        # The All row goes right under the channels: it is where shared costs come from.
        shared_row = w.row
        self.total_shared = f"$C${shared_row}"
        social_count = f'COUNTIF({kinds},"Social")'
        social_direct = f'SUMIF({kinds},"Social",{direct})'
        for index, r in enumerate(self.channel_rows):
            path = ("channels", index)
            w.put(
                r,
                3,
                "="
                + self.sum_investment(
                    f"({il['channel']}=A{r})", il["inp"], f'({il["category"]}<>"{STAFF}")'
                ),
                "money",
                (*path, "costs"),
            )
            w.put(
                r,
                4,
                "="
                + self.sum_investment(
                    f"({il['channel']}=A{r})", il["inp"], f'({il["category"]}="{STAFF}")'
                ),
                "money",
                (*path, "staff"),
            )
            figures = self.metrics.channels[index]
            w.put(r, 5, f"=C{r}+D{r}", "money", cached=figures.costs + figures.staff)
            w.put(
                r,
                6,
                f'=IF(OR(B{r}<>"Social",{social_count}=0),0,IF({self.shared_mode}="Even",'
                f'{self.total_shared}/{social_count},IF({self.shared_mode}="Proportional",'
                f"IF({social_direct}>0,{self.total_shared}*E{r}/{social_direct},"
                f"{self.total_shared}/{social_count}),0)))",
                "money",
                (*path, "shared_allocation"),
            )
            w.put(r, 7, f"=E{r}+F{r}", "money", (*path, "investment"))
            w.put(
                r,
                8,
                "=" + self.sum_return(f"({rl['channel']}=A{r})", rl["inp"]),
                "money",
                (*path, "return"),
            )
            w.put(
                r, 9, "=" + _na_ratio(f"(H{r}-G{r})", f"G{r}"), "percent", (*path, "roi_pct"), 100
            )
            w.put(
                r, 10, f"=SUMPRODUCT(({ll['source']}=A{r})*{ll['inp']})", "count", (*path, "leads")
            )
            w.put(r, 11, "=" + _na_ratio(f"G{r}", f"J{r}"), "money", (*path, "cost_per_lead"))
        r = shared_row
        mode = self.shared_mode
        w.put(
            r,
            1,
            f'=IF({social_count}=0,"{SHARED_LABELS["no_social"]}",IF({mode}="None",'
            f'"{SHARED_LABELS["None"]}",IF({mode}="Even","{SHARED_LABELS["Even"]}",'
            f'IF({social_direct}>0,"{SHARED_LABELS["Proportional"]}",'
            f'"{SHARED_LABELS["no_direct"]}"))))',
            "label",
            cached=SHARED_LABELS[self.shared_case()],
        )
        w.put(r, 2, "Shared", "label")
        w.put(
            r,
            3,
            "=" + self.sum_investment(f'({il["channel"]}="All")', il["inp"]),
            "money",
            ("shared_investment",),
        )
        w.put(
            r,
            7,
            f'=IF(OR({self.shared_mode}="None",{social_count}=0),C{r},0)',
            "money",
            ("shared", "investment"),
        )
        w.put(
            r,
            8,
            "=" + self.sum_return(f'({rl["channel"]}="All")', rl["inp"]),
            "money",
            ("shared", "return"),
        )
        w.put(r, 9, "=" + _na_ratio(f"(H{r}-G{r})", f"G{r}"), "percent", ("shared", "roi_pct"), 100)
        self.channel_investment = f"$G${first}:$G${max(first, last)}"
        self.channel_leads = f"$J${first}:$J${max(first, last)}"
        w.row += 1
        self.slices()
        self.lead_cost_figures(kinds)

    def shared_case(self) -> str:
        """Whether and how shared costs were spread: the key of SHARED_LABELS."""
        mode = self.book.settings.shared_costs
        if not self.book.social_channels:
            return "no_social"
        direct = sum(c.costs + c.staff for c in self.metrics.channels if c.kind == "Social")
        return "no_direct" if mode == "Proportional" and direct <= 0 else mode

    def slices(self) -> None:
        w, il = self.channels, self.il
        w.heading("Organic and paid", "Social channels and shared costs only.")
        w.header(["Type", "", "", "", "", "", "Investment", "Return", "ROI"])
        for index, kind in enumerate(TYPES):
            self._slice_row("types", index, kind, "type", literal=False)
        w.heading(
            "Investment by category",
            "Effective costs (amount × social share) and staff time (hourly rate × hours).",
        )
        w.header(["Category", "", "", "", "", "", "Investment"])
        for index, category in enumerate((*CATEGORIES, STAFF)):
            r = w.row
            w.put(r, 1, category, "label")
            w.put(
                r,
                7,
                "=" + self.sum_investment(il["social"], il["inp"], f"({il['category']}=A{r})"),
                "money",
                ("investment_by_category", index, "amount"),
            )
            w.row += 1
        w.heading("Campaigns", "Campaigns with social investment or return in the period.")
        w.header(["Campaign", "", "", "", "", "", "Investment", "Return", "ROI"])
        if not self.metrics.campaigns:
            w.put(w.row, 1, "No campaign has social investment or return in the period.", "note")
            w.row += 1
        for index, campaign in enumerate(self.metrics.campaigns):
            self._slice_row("campaigns", index, campaign.name, "campaign", literal=True)

    def _slice_row(self, key: str, index: int, name: str, column: str, literal: bool) -> None:
        """One row of investment, return and ROI of the lines whose `column` equals `name`."""
        w, il, rl = self.channels, self.il, self.rl
        r, path = w.row, (key, index)
        w.put(r, 1, name, "label", literal=literal)
        w.put(
            r,
            7,
            "=" + self.sum_investment(il["social"], il["inp"], f"({il[column]}=A{r})"),
            "money",
            (*path, "investment"),
        )
        w.put(
            r,
            8,
            "=" + self.sum_return(rl["social"], rl["inp"], f"({rl[column]}=A{r})"),
            "money",
            (*path, "return"),
        )
        w.put(r, 9, "=" + _na_ratio(f"(H{r}-G{r})", f"G{r}"), "percent", (*path, "roi_pct"), 100)
        w.row += 1

    def lead_cost_figures(self, kinds: str) -> None:
        w = self.channels
        w.heading(
            "Cost per lead, social beside other channels",
            "Leads created in the period by "
            "their source channel; social investment includes the spread shared costs.",
        )
        w.header(
            ["Channel", "Kind", "", "", "", "", "Investment", "", "", "Leads", "Cost per lead"]
        )
        for index, r_channel in enumerate(self.channel_rows):
            r = w.row
            channel = self.book.channels[index]
            w.put(r, 1, f"=A{r_channel}", "label", cached=channel.name)
            w.put(r, 2, f"=B{r_channel}", "label", cached=channel.kind)
            w.put(r, 7, f"=G{r_channel}", "money", ("lead_costs", index, "investment"))
            w.put(r, 10, f"=J{r_channel}", "count", ("lead_costs", index, "leads"))
            w.put(
                r,
                11,
                "=" + _na_ratio(f"G{r}", f"J{r}"),
                "money",
                ("lead_costs", index, "cost_per_lead"),
            )
            w.row += 1
        for label, key in (
            ("All social channels", "social_lead_cost"),
            ("All other channels", "other_lead_cost"),
        ):
            r = w.row
            w.put(r, 1, label, "label")
            w.put(r, 2, "Social" if key.startswith("social") else "Other", "label")
            if key.startswith("social"):
                w.put(
                    r,
                    7,
                    "=" + self.investment_total_formula(),
                    "money",
                    (key, "investment"),
                )
                w.put(
                    r, 10, f'=SUMIF({kinds},"Social",{self.channel_leads})', "count", (key, "leads")
                )
            else:
                w.put(
                    r,
                    7,
                    f'=SUMIF({kinds},"Other",{self.channel_investment})',
                    "money",
                    (key, "investment"),
                )
                w.put(
                    r, 10, f'=SUMIF({kinds},"Other",{self.channel_leads})', "count", (key, "leads")
                )
            w.put(r, 11, "=" + _na_ratio(f"G{r}", f"J{r}"), "money", (key, "cost_per_lead"))
            w.row += 1

    def goal_figures(self) -> None:
        w, rl = self.goals, self.rl
        total = self.investment_total_formula()
        for index, r in enumerate(self.goal_rows):
            path = ("goals", index)
            metric = f"({rl['metric']}=B{r})"
            on_all = f"SUMPRODUCT({metric}*{rl['social']}*{{when}}*{rl['count']})"
            on_one = f"SUMPRODUCT({metric}*({rl['channel']}=C{r})*{{when}}*{rl['count']})"
            w.put(
                r,
                9,
                f'=IF(C{r}="All",{on_all.format(when=rl["inp"])},{on_one.format(when=rl["inp"])})',
                "number",
                (*path, "actual"),
            )
            w.put(
                r,
                10,
                f'=IF({self.has_compare}=0,"{NA}",IF(C{r}="All",'
                f"{on_all.format(when=rl['inc'])},{on_one.format(when=rl['inc'])}))",
                "number",
                (*path, "previous_actual"),
            )
            w.put(
                r, 11, "=" + _na_ratio(f"I{r}", f"D{r}"), "percent", (*path, "attainment_pct"), 100
            )
            w.put(r, 12, f"=I{r}*H{r}", "money", (*path, "value"))
            w.put(
                r,
                13,
                f'=IF(C{r}="All",{total},SUMPRODUCT(({self.ch_name}=C{r})*'
                f"{ref(CHANNELS, 'G', self.ch_first)}:$G${max(self.ch_first, self.ch_last)}))",
                "money",
                (*path, "investment"),
            )
            w.put(r, 14, "=" + _na_ratio(f"M{r}", f"I{r}"), "money", (*path, "cost_per_result"))
            target = self.user("Goals", "target_cost_per_result", self.goal_row_source(index))
            w.put(
                r,
                15,
                f'=IF(ISNUMBER({target}),{target},"{NA}")' if target else f'="{NA}"',
                "money",
                (*path, "target_cost_per_result"),
            )
            on_track = self.metrics.goals[index].on_track
            w.put(
                r,
                16,
                f'=IF(OR(N{r}="{NA}",O{r}="{NA}"),"{NA}",IF(N{r}<=O{r},"Yes","No"))',
                "label",
                cached=NA if on_track is None else ("Yes" if on_track else "No"),
            )
            deadline = self.user("Goals", "deadline", self.goal_row_source(index))
            w.put(
                r,
                17,
                f'=IF({deadline}="","",{self.as_date(deadline)})' if deadline else '=""',
                "date",
                cached=self.book.goals[index].deadline or "",
            )

    def goal_row_source(self, index: int) -> int:
        return self.layout.tables["Goals"].rows[index]

    def investment_total_formula(self) -> str:
        return self.sum_investment(self.il["social"], self.il["inp"])

    def band_figures(self) -> None:
        w, il, ll = self.bands, self.il, self.ll
        w.heading(
            "Bands",
            "Leads created in the period whose source is a social channel. "
            "Investment = costs with the band's funnel stage + the rest of the investment "
            "spread by the band's share of leads.",
        )
        labels = [
            "Band",
            "Leads",
            "Leads, comparison period",
            "Growth",
            "Won",
            "Win rate",
            "Revenue",
            "Staged investment",
            "Investment",
            "Cost per lead",
            "Cost per won deal",
            "ROI",
        ] + [f"Reached {stage}" for stage in FUNNEL]
        w.header(labels)
        names = (*BANDS, UNSCORED)
        first = w.row
        last = first + len(names) - 1
        totals_row = last + 1
        total_leads, unstaged = f"$B${totals_row}", f"$H${totals_row + 1}"
        for index, band in enumerate(names):
            r = w.row
            path = ("bands", index)
            member = f"{self.ll_band[band]}*{ll['social']}"
            w.put(r, 1, band, "label")
            w.put(r, 2, f"=SUMPRODUCT({member}*{ll['inp']})", "count", (*path, "leads"))
            w.put(
                r,
                3,
                f'=IF({self.has_compare}=0,"{NA}",SUMPRODUCT({member}*{ll["inc"]}))',
                "count",
                (*path, "previous_leads"),
            )
            w.put(r, 4, _change(f"B{r}", f"C{r}"), "percent", (*path, "growth_pct"), 100)
            w.put(r, 5, f"=SUMPRODUCT({member}*{ll['inp']}*{ll['won']})", "count", (*path, "won"))
            w.put(r, 6, "=" + _na_ratio(f"E{r}", f"B{r}"), "percent", (*path, "win_rate_pct"), 100)
            w.put(
                r,
                7,
                f"=SUMPRODUCT({member}*{ll['inp']}*{ll['won']}*{ll['revenue']})",
                "money",
                (*path, "revenue"),
            )
            w.put(
                r,
                8,
                "=" + self.sum_investment(il["social"], il["inp"], f"({il['band']}=$A{r})"),
                "money",
                (*path, "staged_investment"),
            )
            w.put(
                r,
                9,
                f"=H{r}+IF({total_leads}=0,0,{unstaged}*B{r}/{total_leads})",
                "money",
                (*path, "investment"),
            )
            w.put(r, 10, "=" + _na_ratio(f"I{r}", f"B{r}"), "money", (*path, "cost_per_lead"))
            w.put(r, 11, "=" + _na_ratio(f"I{r}", f"E{r}"), "money", (*path, "cost_per_won"))
            w.put(
                r, 12, "=" + _na_ratio(f"(G{r}-I{r})", f"I{r}"), "percent", (*path, "roi_pct"), 100
            )
            for k in range(len(FUNNEL)):
                w.put(
                    r,
                    13 + k,
                    f"=SUMPRODUCT({member}*{ll['inp']}*({self.ll_depth}>={k + 1}))",
                    "count",
                    (*path, "reached", k),
                )
            w.row += 1
        r = totals_row
        w.put(r, 1, "All social leads", "label")
        bands = self.metrics.bands
        w.put(r, 2, f"=SUM(B{first}:B{last})", "count", cached=sum(b.leads for b in bands))
        w.put(
            r, 8, f"=SUM(H{first}:H{last})", "money", cached=sum(b.staged_investment for b in bands)
        )
        w.put(r, 9, f"=SUM(I{first}:I{last})", "money", cached=sum(b.investment for b in bands))
        for k in range(len(FUNNEL)):
            col = column_letter(13 + k)
            w.put(r, 13 + k, f"=SUM({col}{first}:{col}{last})", "count", ("funnel", "reached", k))
        w.put(r + 1, 1, "Investment not tied to a funnel stage", "label")
        w.put(
            r + 1,
            8,
            "=" + self.sum_investment(il["social"], il["inp"], f'({il["band"]}="")'),
            "money",
            ("unstaged_investment",),
        )
        w.row = r + 2
        w.heading("Funnel", "Leads reaching each stage, and the share passing to the next.")
        w.header(["From", "To", "Pass-through"])
        step_first = w.row
        for k in range(len(FUNNEL) - 1):
            row = w.row
            w.put(row, 1, FUNNEL[k], "label")
            w.put(row, 2, FUNNEL[k + 1], "label")
            now, nxt = f"{column_letter(13 + k)}{r}", f"{column_letter(14 + k)}{r}"
            w.put(
                row,
                3,
                "=" + _na_ratio(nxt, now),
                "percent",
                ("funnel", "steps", k, "pass_through_pct"),
                100,
            )
            w.row += 1
        passes = f"C{step_first}:C{w.row - 1}"
        w.put(w.row, 1, "Weakest stage", "label")
        weakest_row = w.row
        w.put(
            w.row,
            2,
            f'=IF(COUNT({passes})=0,"{NA}",INDEX(A{step_first}:A{w.row - 1},'
            f"MATCH(MIN({passes}),{passes},0)))",
            "label",
            cached=self.metrics.funnel.weakest.from_stage if self.metrics.funnel.weakest else NA,
        )
        w.put(
            w.row,
            3,
            f'=IF(COUNT({passes})=0,"{NA}",MIN({passes}))',
            "percent",
            ("funnel", "weakest", "pass_through_pct") if self.metrics.funnel.weakest else None,
            100,
        )
        self.weakest_row = weakest_row
        w.row += 1

    def new_business_figures(self) -> None:
        w, ll = self.new_business, self.ll
        w.title("New business", self.book.settings.client)
        w.spec.widths.update({1: 38, **{col: 16 for col in range(2, 8)}})
        w.heading(
            "Won deals by social's role",
            "Deals with a Won date in the period; a deal counts in every role social played in it.",
        )
        w.header(
            [
                "Role",
                "Deals",
                "Revenue",
                "Deals, comparison period",
                "Revenue, comparison period",
                "Deals change",
                "Revenue change",
            ]
        )
        flags = {
            "source": ll["social"],
            "conversion": ll["conversion"],
            "assist": ll["assist"],
            "any": ll["any"],
            "all_won": None,
        }
        self.role_rows = {}
        for index, role in enumerate(ROLES):
            r = w.row
            path = ("new_business", index)
            flag = f"*{flags[role]}" if flags[role] else ""
            w.put(r, 1, ROLE_LABELS[role], "label")
            w.put(r, 2, f"=SUMPRODUCT({ll['won_inp']}{flag})", "count", (*path, "deals"))
            w.put(
                r,
                3,
                f"=SUMPRODUCT({ll['won_inp']}{flag}*{ll['revenue']})",
                "money",
                (*path, "revenue"),
            )
            w.put(
                r,
                4,
                f'=IF({self.has_compare}=0,"{NA}",SUMPRODUCT({ll["won_inc"]}{flag}))',
                "count",
                (*path, "previous_deals"),
            )
            w.put(
                r,
                5,
                f'=IF({self.has_compare}=0,"{NA}",SUMPRODUCT({ll["won_inc"]}{flag}*'
                f"{ll['revenue']}))",
                "money",
                (*path, "previous_revenue"),
            )
            w.put(r, 6, _change(f"B{r}", f"D{r}"), "percent", (*path, "deals_change_pct"), 100)
            w.put(r, 7, _change(f"C{r}", f"E{r}"), "percent", (*path, "revenue_change_pct"), 100)
            self.role_rows[role] = r
            w.row += 1

    def headline(self) -> None:
        w, il, rl, ll = self.summary, self.il, self.rl, self.ll
        w.row = self.summary_settings_end
        w.heading(
            "Headline figures",
            "Social channels and shared costs; ROI = (return − investment) / investment; "
            "the change of ROI is in percentage points.",
        )
        w.header(["Figure", "Report period", "Comparison period", "Change"])
        has = self.has_compare

        def previous(formula):
            return f'=IF({has}=0,"{NA}",{formula})'

        rows = {}

        def line(key, label, now, before, style, points=False):
            r = w.row
            rows[key] = r
            scale = 100 if style == "percent" else 1
            w.put(r, 1, label, "label")
            w.put(r, 2, now, style, ("headline", key, "current"), scale)
            w.put(r, 3, before, style, ("headline", key, "previous"), scale)
            if points:  # the metric is in points already: no scale
                w.put(r, 4, _points(f"B{r}", f"C{r}"), "points", ("headline", key, "change"))
            else:
                w.put(r, 4, _change(f"B{r}", f"C{r}"), "percent", ("headline", key, "change"), 100)
            w.row += 1
            return r

        inv = line(
            "investment",
            "Investment",
            "=" + self.investment_total_formula(),
            previous(self.sum_investment(il["social"], il["inc"])),
            "money",
        )
        ret = line(
            "return",
            "Return",
            "=" + self.sum_return(rl["social"], rl["inp"]),
            previous(self.sum_return(rl["social"], rl["inc"])),
            "money",
        )
        line(
            "roi_pct",
            "ROI",
            "=" + _na_ratio(f"(B{ret}-B{inv})", f"B{inv}"),
            "=" + _na_ratio(f"(C{ret}-C{inv})", f"C{inv}"),
            "percent",
            points=True,
        )
        leads = line(
            "social_leads",
            "Leads from social channels",
            f"=SUMPRODUCT({ll['social']}*{ll['inp']})",
            previous(f"SUMPRODUCT({ll['social']}*{ll['inc']})"),
            "count",
        )
        line(
            "cost_per_lead",
            "Cost per social lead",
            "=" + _na_ratio(f"B{inv}", f"B{leads}"),
            "=" + _na_ratio(f"C{inv}", f"C{leads}"),
            "money",
        )
        any_row = self.role_rows["any"]
        line(
            "won_deals",
            "Won deals social played a role in",
            f"={ref(NEW_BUSINESS, 'B', any_row)}",
            f"={ref(NEW_BUSINESS, 'D', any_row)}",
            "count",
        )
        line(
            "won_revenue",
            "Revenue of those deals",
            f"={ref(NEW_BUSINESS, 'C', any_row)}",
            f"={ref(NEW_BUSINESS, 'E', any_row)}",
            "money",
        )
        # A fixed sum that proves a spreadsheet engine recalculated this file (tests read it).
        w.row += 1
        w.put(w.row, 1, SENTINEL_LABEL, "note")
        w.put(w.row, 2, "=SUM(40,2)", "count")
        self.sentinel = (SUMMARY, w.row, 2)
        w.row += 1
        w.put(w.row, 1, RECALCULATE_HOW, "note")
        w.row += 1
        self.followed_block()

    def followed_block(self) -> None:
        """Up to which row each table is counted: a row typed under a table counts once the
        workbook recalculates, as far as the spare rows the formulas cover reach."""
        w = self.summary
        w.heading(
            "Rows the figures follow",
            "Rows added to these tables count once the workbook recalculates; "
            "for rows below the last one, build the report again.",
        )
        w.header(["Table", "Rows counted"])
        for table in ("Costs", "Staff", "Results", "Leads"):
            layout = self.layout.tables.get(table)
            if layout is None:
                continue
            first, last = followed_rows(layout)
            w.put(w.row, 1, f"{table} ({layout.sheet} sheet)", "label", literal=True)
            w.put(
                w.row,
                2,
                f"rows {first} to {last}; rows below row {last}: build again",
                "text",
                literal=True,
            )
            w.row += 1


def build_sheets(book: Workbook, metrics: Metrics) -> tuple[list[SheetSpec], list[Check]]:
    """Every generated sheet, and the metric each figure in them stands for."""
    return FormulaBook(book, metrics).build()
