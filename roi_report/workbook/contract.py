"""The standardized workbook contract (v1): sheets, tables, headers and closed lists.

This module is the single source of truth for `docs/workbook.md`; the template
writer, the reader, the validator and the formula sheets all take their names from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from roi_report.language import LANGUAGES


class Kind(Enum):
    """What a cell of a column must hold."""

    TEXT = "text"
    DATE = "date"
    AMOUNT = "amount"  # money, >= 0
    NUMBER = "number"  # hours, counts, targets: >= 0
    SHARE = "share"  # a percent 0..100 %, stored as 0..1
    SCORE = "score"  # lead score 0..100
    CHOICE = "choice"  # one of a closed list
    CHANNEL = "channel"  # a channel name from the Channels table
    CHANNEL_OR_ALL = "channel_or_all"
    YES_NO = "yes_no"


CATEGORIES = ("Tools", "Ads", "Materials", "Agency", "Content", "Other")
TYPES = ("Organic", "Paid")
CHANNEL_KINDS = ("Social", "Other")
STAGES = ("Lead", "MQL", "SQL", "Opportunity", "Won", "Lost")
# Funnel depth each stage proves a lead reached. Lost is an outcome of an opportunity
# (as in every B2B CRM), so a lost lead reached Opportunity but not Won.
STAGE_DEPTH = {"Lead": 1, "MQL": 2, "SQL": 3, "Opportunity": 4, "Won": 5, "Lost": 4}
FUNNEL = ("Lead", "MQL", "SQL", "Opportunity", "Won")
FUNNEL_STAGES = ("Awareness", "Consideration", "Decision")
BANDS = ("Slow", "Medium", "Fast")
# A cost's funnel stage ties it to the band of prospects it works on.
FUNNEL_STAGE_BAND = {"Awareness": "Slow", "Consideration": "Medium", "Decision": "Fast"}
YES_NO = ("Yes", "No")
# What CRMs export for a closed list, read as the contract's own word (keys in lower case);
# the formula sheets count the same spellings.
STAGE_ALIASES = {"closed won": "Won", "closed lost": "Lost"}
YES_NO_ALIASES = {"y": "Yes", "true": "Yes", "n": "No", "false": "No"}
COMPARE_CHOICES = ("Previous period", "Same period last year", "None")
SHARED_COST_CHOICES = ("Proportional", "Even", "None")
ALL_CHANNELS = "All"


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    kind: Kind
    required: bool = True  # the column must exist
    needs_value: bool = True  # a row must fill the cell
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    sheet: str
    name: str
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


def _col(header, key, kind, required=True, needs_value=True, choices=()):
    return Column(header, key, kind, required, needs_value, tuple(choices))


CHANNELS = Table(
    "Channels",
    "Channels",
    (
        _col("Channel", "channel", Kind.TEXT),
        _col("Kind", "kind", Kind.CHOICE, choices=CHANNEL_KINDS),
    ),
)

COSTS = Table(
    "Costs",
    "Costs",
    (
        _col("Date", "date", Kind.DATE),
        _col("Category", "category", Kind.CHOICE, choices=CATEGORIES),
        _col("Channel", "channel", Kind.CHANNEL_OR_ALL),
        _col("Type", "type", Kind.CHOICE, choices=TYPES),
        _col("Campaign", "campaign", Kind.TEXT, needs_value=False),
        _col("Description", "description", Kind.TEXT, required=False, needs_value=False),
        _col("Amount", "amount", Kind.AMOUNT),
        _col("Social share", "social_share", Kind.SHARE, required=False, needs_value=False),
        _col(
            "Funnel stage",
            "funnel_stage",
            Kind.CHOICE,
            required=False,
            needs_value=False,
            choices=FUNNEL_STAGES,
        ),
    ),
)

STAFF = Table(
    "Staff",
    "Staff",
    (
        _col("Date", "date", Kind.DATE),
        _col("Person", "person", Kind.TEXT, needs_value=False),
        _col("Channel", "channel", Kind.CHANNEL_OR_ALL),
        _col("Type", "type", Kind.CHOICE, choices=TYPES),
        _col("Campaign", "campaign", Kind.TEXT, needs_value=False),
        _col("Hourly rate", "hourly_rate", Kind.AMOUNT),
        _col("Hours", "hours", Kind.NUMBER),
    ),
)

GOALS = Table(
    "Goals",
    "Goals",
    (
        _col("Goal", "goal", Kind.TEXT),
        _col("Metric", "metric", Kind.TEXT),
        _col("Channel", "channel", Kind.CHANNEL_OR_ALL),
        _col("Target", "target", Kind.NUMBER, needs_value=False),
        _col("Target cost per result", "target_cost_per_result", Kind.AMOUNT, needs_value=False),
        _col("Deadline", "deadline", Kind.DATE, required=False, needs_value=False),
        _col("Conversion to customer", "conversion", Kind.SHARE, needs_value=False),
        _col("Value per customer", "value_per_customer", Kind.AMOUNT, needs_value=False),
        _col("Value per result", "value_per_result", Kind.AMOUNT, needs_value=False),
    ),
)

RESULTS = Table(
    "Results",
    "Results",
    (
        _col("Date", "date", Kind.DATE),
        _col("Channel", "channel", Kind.CHANNEL_OR_ALL),
        _col("Type", "type", Kind.CHOICE, choices=TYPES),
        _col("Campaign", "campaign", Kind.TEXT, needs_value=False),
        _col("Metric", "metric", Kind.TEXT),
        _col("Count", "count", Kind.NUMBER),
    ),
)

LEADS = Table(
    "Leads",
    "Leads",
    (
        _col("Lead ID", "lead_id", Kind.TEXT),
        _col("Created", "created", Kind.DATE),
        _col("Source", "source", Kind.CHANNEL),
        _col("Score", "score", Kind.SCORE, needs_value=False),
        _col("Stage", "stage", Kind.CHOICE, choices=STAGES),
        _col("Social assist", "social_assist", Kind.YES_NO, required=False, needs_value=False),
        _col("Converted via", "converted_via", Kind.CHANNEL, required=False, needs_value=False),
        _col("Won date", "won_date", Kind.DATE, required=False, needs_value=False),
        _col("Revenue", "revenue", Kind.AMOUNT, required=False, needs_value=False),
        _col("Campaign", "campaign", Kind.TEXT, required=False, needs_value=False),
    ),
)

FACT_TABLES = (CHANNELS, COSTS, STAFF, GOALS, RESULTS, LEADS)

REPORT_SHEET = "Report"
SETTING_HEADER = ("Setting", "Value")


@dataclass(frozen=True)
class Setting:
    label: str
    key: str
    kind: Kind
    default: object = None
    required: bool = False
    choices: tuple[str, ...] = ()


SETTINGS = (
    Setting("Client", "client", Kind.TEXT, required=True),
    Setting("Report title", "title", Kind.TEXT, "Social media ROI report"),
    Setting("Period start", "period_start", Kind.DATE, required=True),
    Setting("Period end", "period_end", Kind.DATE, required=True),
    Setting(
        "Compare with", "compare_with", Kind.CHOICE, "Previous period", choices=COMPARE_CHOICES
    ),
    Setting("Currency", "currency", Kind.TEXT, "USD"),
    Setting("Language", "language", Kind.CHOICE, "en", choices=LANGUAGES),
    Setting(
        "Shared costs", "shared_costs", Kind.CHOICE, "Proportional", choices=SHARED_COST_CHOICES
    ),
    Setting("Slow band below", "slow_below", Kind.SCORE, 40),
    Setting("Fast band from", "fast_from", Kind.SCORE, 70),
    Setting("Prepared by", "prepared_by", Kind.TEXT, ""),
    Setting("Logo", "logo", Kind.TEXT, ""),
    Setting("Primary color", "primary_color", Kind.TEXT, "#1F3A5F"),
    Setting("Accent color", "accent_color", Kind.TEXT, "#E07A1F"),
    Setting("Email to", "email_to", Kind.TEXT, ""),
)

# Sheets the tool generates in a results workbook; a rebuild replaces exactly these.
GENERATED_SHEET_PREFIX = "ROI "
