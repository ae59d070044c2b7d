"""Typed rows of a validated workbook, and where each came from in the sheets."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from roi_report.workbook.contract import ALL_CHANNELS


@dataclass(frozen=True)
class Settings:
    client: str
    title: str
    period_start: date
    period_end: date
    compare_with: str
    currency: str
    language: str
    shared_costs: str
    slow_below: float
    fast_from: float
    prepared_by: str = ""
    logo: str = ""
    primary_color: str = "#1F3A5F"
    accent_color: str = "#E07A1F"
    email_to: tuple[str, ...] = ()


@dataclass(frozen=True)
class Channel:
    name: str
    kind: str

    @property
    def is_social(self) -> bool:
        return self.kind == "Social"


@dataclass(frozen=True)
class InvestmentLine:
    """A cost row or a staff row: everything that counts as investment, counted once."""

    sheet: str
    row: int
    date: date
    category: str  # a contract category, or "Staff"
    channel: str
    type: str
    campaign: str
    funnel_stage: str
    amount: float  # the effective cost: amount × social share, or hourly rate × hours


@dataclass(frozen=True)
class GoalRow:
    row: int
    goal: str
    metric: str
    channel: str
    target: float | None
    target_cost_per_result: float | None
    deadline: date | None
    conversion: float | None
    value_per_customer: float | None
    value_per_result: float | None
    start: date | None = None  # v1.1: the pacing window's first day (None: Period start)

    @property
    def value_of_result(self) -> float:
        if self.value_per_result is not None:
            return self.value_per_result
        if self.conversion is not None and self.value_per_customer is not None:
            return self.conversion * self.value_per_customer
        return 0.0


@dataclass(frozen=True)
class ResultRow:
    row: int
    date: date
    channel: str
    type: str
    campaign: str
    metric: str
    count: float


@dataclass(frozen=True)
class Leads:
    """The CRM export as columns: one tuple per field, one position per lead. Lead IDs are
    only checked for duplicates: no figure needs them, and a million of them cost 60 MB."""

    rows: tuple[int, ...] = ()
    created: tuple[date, ...] = ()
    source: tuple[str, ...] = ()
    score: tuple[float | None, ...] = ()
    stage: tuple[str, ...] = ()
    social_assist: tuple[bool, ...] = ()
    converted_via: tuple[str, ...] = ()
    won_date: tuple[date | None, ...] = ()
    revenue: tuple[float, ...] = ()
    # Kept only when a Touches sheet refers to them (attribution).
    lead_id: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.rows)


@dataclass(frozen=True)
class Touches:
    """The Touches table (v1.1) as columns, one position per touch, in sheet-row order."""

    rows: tuple[int, ...] = ()
    lead: tuple[int, ...] = ()  # position of the touch's lead in `Leads`
    date: tuple[date, ...] = ()
    channel: tuple[str, ...] = ()
    deal_creation: tuple[bool, ...] = ()  # Touch = "Deal creation"

    def __len__(self) -> int:
        return len(self.rows)


@dataclass(frozen=True)
class TableLayout:
    """Where a table sits in its sheet, so formula sheets can point at the user's cells."""

    sheet: str
    header_row: int
    columns: dict[str, str]  # contract key -> column letter
    rows: tuple[int, ...]  # sheet rows holding data, in order


@dataclass(frozen=True)
class Layout:
    report_sheet: str
    settings: dict[str, str]  # setting key -> cell such as "B4" on the Report sheet
    tables: dict[str, TableLayout]


@dataclass(frozen=True)
class Workbook:
    """A validated workbook: everything the metrics need, and nothing about files."""

    settings: Settings
    channels: tuple[Channel, ...]
    investment: tuple[InvestmentLine, ...]
    goals: tuple[GoalRow, ...]
    results: tuple[ResultRow, ...]
    leads: Leads
    layout: Layout | None = None
    warnings: tuple = field(default=())
    touches: Touches | None = None  # None: the workbook has no Touches sheet

    @property
    def social_channels(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.channels if c.is_social)

    def is_social(self, channel: str) -> bool:
        return channel == ALL_CHANNELS or channel in self.social_channels
