"""Trend (contract v1.1): investment, return and ROI month by month."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from babel.dates import format_date

from roi_report.language import messages_for
from roi_report.pdf.formatting import _locale
from roi_report.pdf.sections.base import Chart, Report, Section

_ = messages_for(__name__).gettext


@dataclass(frozen=True)
class TrendRow:
    month: str
    investment: str
    return_: str
    roi: str
    leads: str
    cost_per_lead: str


@dataclass(frozen=True)
class TrendSection:
    has_data: bool
    title: str
    intro: str
    chart: Chart | None
    headers: tuple[str, ...]
    rows: tuple[TrendRow, ...]


def month_name(month: str, language: str) -> str:
    """ "2025-09" as the report's language writes a month: Sep 2025, sept. 2025, wrz 2025."""
    year, number = (int(part) for part in month.split("-"))
    return format_date(date(year, number, 1), "LLL y", locale=_locale(language))


def build(report: Report) -> TrendSection:
    months = report.metrics.trend
    rows = tuple(
        TrendRow(
            month_name(m.month, report.language),
            report.money(m.investment),
            report.money(m.return_),
            report.pct(m.roi_pct),
            report.count(m.social_leads),
            report.money(m.cost_per_lead),
        )
        for m in months
    )
    chart = None
    if len(months) > 1:
        chart = report.chart(
            "trend_chart",
            _("Investment and return per month as bars, ROI as a line"),
            months=["\n".join(row.month.rsplit(" ", 1)) for row in rows],  # month over year
            investment=[m.investment for m in months],
            returned=[m.return_ for m in months],
            roi=[m.roi_pct for m in months],
            labels=(_("Investment"), _("Return"), _("ROI")),
        )
    return TrendSection(
        has_data=len(months) > 1,
        title=_("Month by month"),
        intro=_(
            "The last twelve months up to the end of the period (from the first month with "
            "data), counted like the headline: social channels and shared costs."
        ),
        chart=chart,
        headers=(
            _("Month"),
            _("Investment"),
            _("Return"),
            _("ROI"),
            _("Leads from social channels"),
            _("Cost per social lead"),
        ),
        rows=rows,
    )


SECTION = Section("trend", build)
