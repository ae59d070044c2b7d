"""What every report section builds from: the inputs, the shorthands, the shared pieces.

A section is a module of `roi_report.pdf.sections` with a `SECTION = Section(name, build)`:
`build(report)` returns the section's frozen dataclass of ready-to-print strings, which the
partial template `partials/<name>.html` prints as `r.<name>`. `sections/__init__.py` lists
the sections in the order the PDF prints them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date

from roi_report.language import messages_for, use_language
from roi_report.metrics.compute import NO_CAMPAIGN, Metrics, ratio, roi_pct
from roi_report.pdf.brand import Brand
from roi_report.pdf.charts import Chart, ChartStyle
from roi_report.pdf.formatting import (
    format_change,
    format_count,
    format_money,
    format_pct,
    format_period,
    quote,
)
from roi_report.workbook.models import Workbook

_ = messages_for(__name__).gettext
pgettext = messages_for(__name__).pgettext
ngettext = messages_for(__name__).ngettext

DEFAULT_TITLE = "Social media ROI report"  # the contract's default Report title
HALF_WIDTH_MM = 80.0  # a chart beside a table (report.css .split, .funnel)
# A Results metric that counts leads ("Leads", "Leady", "LinkedIn lead forms"): the platforms'
# own count, printed beside the CRM leads of the Leads sheet, so the PDF tells them apart.
LEAD_METRIC = re.compile(r"\b(lead|prospect)", re.IGNORECASE)
# In a period of up to a quarter, the leads of its last weeks are a large share of all, had
# little time to move on, and still count in every pass-through: the funnel's sentences say so.
SHORT_PERIOD_DAYS = 92


@dataclass(frozen=True)
class Change:
    text: str  # "+12.5%", "+3.4 pp"; "" with no comparison figure
    direction: str  # "up", "down", "flat" or "none"
    tone: str  # "good", "bad" or "neutral": whether the move is good news


@dataclass(frozen=True)
class Kpi:
    key: str
    label: str
    value: str
    previous: str  # "Comparison period: $12,000.00", or "No comparison period"
    change: Change
    value_class: str = ""  # set by fitting: "fit-90" … "fit-70" to set a wide figure smaller


@dataclass(frozen=True)
class AmountRow:
    name: str
    amount: str
    share: str


# Lists of channels and campaigns show this many, the largest by investment, and sum the
MAX_LISTED = 25


def largest(items: Sequence, limit: int = MAX_LISTED) -> tuple[list, list]:
    """The `limit` items with the most investment, in their own order, and the others."""
    if len(items) <= limit:
        return list(items), []
    ranked = sorted(range(len(items)), key=lambda index: -items[index].investment)
    kept = set(ranked[:limit])
    return (
        [item for index, item in enumerate(items) if index in kept],
        [item for index, item in enumerate(items) if index not in kept],
    )


def summed(items: Sequence, name: str):
    """One figures row standing for `items` (channels, campaigns): its amounts and counts
    added, its ratios worked out again from the sums."""
    first = items[0]
    names = [f.name for f in fields(first)]
    totals = {
        key: sum(getattr(item, key) for item in items)
        for key in names
        if key not in ("roi_pct", "cost_per_lead")
        and isinstance(getattr(first, key), (int, float))
        and not isinstance(getattr(first, key), bool)
    }
    if "roi_pct" in names:
        totals["roi_pct"] = roi_pct(totals["return_"], totals["investment"])
    if "cost_per_lead" in names:
        totals["cost_per_lead"] = ratio(totals["investment"], totals["leads"])
    return replace(first, **{names[0]: name}, **totals)


@dataclass(frozen=True)
class SliceRow:
    name: str
    investment: str
    return_: str
    roi: str
    is_total: bool = False


class Report:
    """One report's inputs (metrics, workbook, brand, warnings) and the shorthands every
    section formats with, in the report's language and currency. Made and used only inside
    `build_context`'s `use_language`, so the sections' gettext needs no language of its own."""

    def __init__(
        self,
        metrics: Metrics,
        book: Workbook,
        brand: Brand,
        warnings,
        logo_urls: dict[str, str],
        charts: bool,
        issued: date | None,
    ):
        self.metrics, self.book, self.brand = metrics, book, brand
        self.settings = book.settings
        self.language = self.settings.language
        self.labels = contract_labels()
        self.currency = self.settings.currency
        # The client's reader sees what matters to the figures; data-hygiene notes stay on
        # the terminal and in the JSON.
        self.warnings = tuple(w for w in warnings if getattr(w, "for_reader", True))
        self.logo_urls = logo_urls
        self.charts = charts
        self.issued = issued or date.today()
        self.has_compare = metrics.periods.compare_start is not None

    def money(self, value):
        return format_money(value, self.currency, self.language)

    def pct(self, value):
        return format_pct(value, self.language)

    def count(self, value):
        return format_count(value, self.language)

    def change(self, value, *, points=False):
        return format_change(value, self.language, points=points) if value is not None else ""

    def q(self, name: str) -> str:
        return quote(name, self.language)

    def others(self, items: list) -> list:
        """The row summing what a list leaves out (see `largest`), if anything."""
        name = _("Others ({count})").format(count=self.count(len(items)))
        return [summed(items, name)] if items else []

    def capped(self, others: list) -> str:
        """The sentence saying that a list shows only its MAX_LISTED largest entries, or ""."""
        if not others:
            return ""
        return _(
            "The {shown} largest by investment are listed one by one and the other "
            "{others} are added up in one row; the results workbook lists every "
            "one."
        ).format(shown=self.count(MAX_LISTED), others=self.count(len(others)))

    def label(self, prefix: str, value: str) -> str:
        """A value of the workbook contract (a band, a cost category) in the report's words."""
        return self.labels.get((prefix, value), value)

    def channel_name(self, name: str) -> str:
        return _("All social channels") if name == "All" else name

    def campaign_name(self, name: str) -> str:
        return _("(no campaign)") if name == NO_CAMPAIGN else name

    def chart(self, maker_name: str, alt: str, **data) -> Chart | None:
        if not self.charts:
            return None
        from roi_report.pdf import analytics_charts, charts

        maker = getattr(charts, maker_name, None) or getattr(analytics_charts, maker_name)
        return maker(**data, alt=alt, style=self.chart_style())

    def chart_style(self) -> ChartStyle:
        return ChartStyle(
            self.brand.primary, self.brand.accent, self.brand.font, self.language, self.currency
        )

    def period_text(self) -> str:
        p = self.metrics.periods
        return format_period(p.start, p.end, self.language)

    def comparison_text(self) -> str:
        p = self.metrics.periods
        if p.compare_start is None:
            return _("no comparison period")
        period = format_period(p.compare_start, p.compare_end, self.language)
        if p.compare_with == "Same period last year":
            return _("the same period last year, {period}").format(period=period)
        return _("the previous period, {period}").format(period=period)

    def title(self) -> str:
        return report_title(self.settings.title, self.language)

    def with_funnel_note(self, sentence: str) -> str:
        """The weakest step's sentence; in a short period, with the reminder that late leads
        may not have moved on yet (the pass-through counts every lead of the period)."""
        p = self.metrics.periods
        if (p.end - p.start).days + 1 > SHORT_PERIOD_DAYS:
            return sentence
        return sentence + " " + _("Recent leads may not have moved on yet.")

    def lead_sources(self) -> str:
        """The sentence telling CRM leads from the leads the platforms reported; "" when no
        goal counts leads, so only the CRM's count is in the report."""
        if any(LEAD_METRIC.search(g.metric) for g in self.metrics.goals):
            return _(
                "CRM leads (Leads sheet) are the leads your CRM recorded; leads "
                "reported by the platforms (Results) are each platform's own count, so "
                "the two counts and their costs per lead differ."
            )
        return ""


def report_title(title: str | None, language: str) -> str:
    """The Report sheet's title; the default title in the report's language when the sheet
    leaves it blank or keeps the contract's (English) default."""
    title = (title or "").strip()
    if title and title != DEFAULT_TITLE:
        return title
    with use_language(language):
        return _("Social media ROI report")


def contract_labels() -> dict[tuple[str, str], str]:
    """The contract's values as the report prints them, in the language in effect; a
    context tells the translators what each word names (Other kind, Other category)."""
    return {
        ("kind", "Social"): pgettext("channel kind", "Social"),
        ("kind", "Other"): pgettext("channel kind", "Other"),
        ("type", "Organic"): pgettext("cost type", "Organic"),
        ("type", "Paid"): pgettext("cost type", "Paid"),
        ("category", "Tools"): pgettext("cost category", "Tools"),
        ("category", "Ads"): pgettext("cost category", "Ads"),
        ("category", "Materials"): pgettext("cost category", "Materials"),
        ("category", "Agency"): pgettext("cost category", "Agency"),
        ("category", "Content"): pgettext("cost category", "Content"),
        ("category", "Other"): pgettext("cost category", "Other"),
        ("category", "Staff"): pgettext("cost category", "Staff time"),
        ("band", "Slow"): pgettext("lead band", "Slow"),
        ("band", "Medium"): pgettext("lead band", "Medium"),
        ("band", "Fast"): pgettext("lead band", "Fast"),
        ("band", "Unscored"): pgettext("lead band", "Unscored"),
        ("stage", "Lead"): pgettext("funnel stage", "Lead"),
        ("stage", "MQL"): pgettext("funnel stage", "MQL"),
        ("stage", "SQL"): pgettext("funnel stage", "SQL"),
        ("stage", "Opportunity"): pgettext("funnel stage", "Opportunity"),
        ("stage", "Won"): pgettext("funnel stage", "Won"),
        ("role", "source"): pgettext("social media's role in a deal", "Original source"),
        ("role", "conversion"): pgettext("social media's role in a deal", "Conversion point"),
        ("role", "assist"): pgettext("social media's role in a deal", "Assist"),
        ("role", "any"): pgettext("social media's role in a deal", "Any of these"),
        ("shared_costs", "Proportional"): _("Spread in proportion to direct costs"),
        ("shared_costs", "Even"): _("Spread evenly"),
        ("shared_costs", "None"): _("Not spread"),
        ("role", "all_won"): pgettext(
            "social media's role in a deal", "All deals won (any channel)"
        ),
    }


@dataclass(frozen=True)
class Section:
    """One chapter of the PDF: its name (`r.<name>` in the templates, `partials/<name>.html`)
    and the function building its context."""

    name: str
    build: Callable[[Report], object]

    @property
    def partial(self) -> str:
        return f"partials/{self.name}.html"
