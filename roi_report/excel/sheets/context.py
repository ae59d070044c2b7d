"""What the sections of the generated sheets share while they are built.

A build runs in two passes over the sections (see `__init__`): `prepare` writes the cells
other sections refer to — the settings, the channel and goal keys, the lines sheets — and
publishes their ranges here; `write` then writes the figures, which refer to them.
"""

from __future__ import annotations

from dataclasses import dataclass

from roi_report.excel.sheets.core import (
    Check,
    TableRows,
    Writer,
    exact_text,
    followed_rows,
    ref,
    within,
)
from roi_report.metrics.compute import Metrics
from roi_report.workbook.models import TableLayout, Workbook


@dataclass(frozen=True)
class SettingsCells:
    """Cells of the ROI Summary's settings block (absolute references)."""

    start: str
    end: str
    compare_start: str
    compare_end: str
    has_compare: str  # 1 when there is a comparison period
    shared_mode: str
    slow: str
    fast: str
    end_row: int  # the first row under the block


@dataclass(frozen=True)
class ChannelBlock:
    """The Channels table on ROI Channels, trimmed: the key every sheet matches channels on."""

    name: str
    kind: str
    social: str  # the exact-text key of social channels, " " for others
    first: int
    last: int
    rows: tuple[int, ...]

    def column(self, letter: str) -> str:
        """A column of the table, as formulas of the ROI Channels sheet itself refer to it
        (E direct investment, G investment, J leads)."""
        return f"${letter}${self.first}:${letter}${max(self.first, self.last)}"

    @property
    def kinds(self) -> str:
        return self.column("B")


@dataclass(frozen=True)
class GoalBlock:
    metric: str
    channel: str
    value: str  # value of one result
    rows: tuple[int, ...]


@dataclass(frozen=True)
class LeadColumns:
    """Array expressions over the user's Leads columns, one element per lead."""

    flags: dict[str, str]  # source, social, inp, inc, won, revenue, conversion, assist, …
    band: dict[str, str]  # band name -> 1 where a lead's score falls in it
    depth: str  # how far into the funnel each lead's stage reaches


class Context:
    """The workbook, its metrics, the sheets' writers and what sections publish."""

    def __init__(self, book: Workbook, metrics: Metrics, sheets: tuple[str, ...]):
        self.book, self.metrics = book, metrics
        self.layout = book.layout
        self.checks: list[Check] = []
        self.writers = {name: Writer(name, self.checks) for name in sheets}
        # Published by the sections' `prepare`, in the order they run.
        self.settings: SettingsCells | None = None
        self.channels: ChannelBlock | None = None
        self.goals: GoalBlock | None = None
        self.stage_rows: list[int] = []
        self.il: dict[str, str] = {}  # investment lines' columns
        self.rl: dict[str, str] = {}  # result lines' columns
        self.leads: LeadColumns | None = None
        # Published by the sections' `write`.
        self.role_rows: dict[str, int] = {}

    def writer(self, sheet: str) -> Writer:
        return self.writers[sheet]

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

    def table_rows(self, table: str, lines) -> TableRows | None:
        layout = self.layout.tables.get(table)
        if layout is None:
            return None
        first, last = followed_rows(layout)
        return TableRows(layout, tuple(range(first, last + 1)), {line.row: line for line in lines})

    # Formulas every section uses
    def is_social(self, channels: str) -> str:
        """1 where a trimmed channel name is a social channel, element by element."""
        return f"IF(ISNUMBER(MATCH({exact_text(channels)},{self.channels.social},0)),1,0)"

    def in_period(self, dates: str) -> str:
        s = self.settings
        return "=" + within(dates, s.start, s.end)

    def in_compare(self, dates: str) -> str:
        s = self.settings
        return f"=IF({s.has_compare}=1,{within(dates, s.compare_start, s.compare_end)},0)"

    def goal_actual(self, row: int, when: str) -> str:
        """The results counted for the goal of ROI Goals row `row` (metric in B, channel in
        C: a channel, or All for the social ones) among the result lines where `when` is 1."""
        rl = self.rl
        metric = f"({rl['metric']}=B{row})"
        on_all = f"SUMPRODUCT({metric}*{rl['social']}*{when}*{rl['count']})"
        on_one = f"SUMPRODUCT({metric}*({rl['channel']}=C{row})*{when}*{rl['count']})"
        return f'IF(C{row}="All",{on_all},{on_one})'

    def sum_investment(self, *factors: str) -> str:
        return f"SUMPRODUCT({'*'.join((*factors, self.il['amount']))})"

    def sum_return(self, *factors: str) -> str:
        return f"SUMPRODUCT({'*'.join((*factors, self.rl['amount']))})"

    def investment_total(self) -> str:
        return self.sum_investment(self.il["social"], self.il["inp"])


class Section:
    """One part of the report. `sheets` are the sheets it starts, in the workbook's order."""

    sheets: tuple[str, ...] = ()

    def prepare(self, ctx: Context) -> None:
        """Write what other sections refer to and publish it in the context."""

    def write(self, ctx: Context) -> None:
        """Write the figures."""
