"""New business: deals won in the period, by the part social media played."""

from __future__ import annotations

from dataclasses import dataclass

from roi_report.language import messages_for
from roi_report.pdf.formatting import NO_FIGURE
from roi_report.pdf.sections.base import Report, Section

_ = messages_for(__name__).gettext


@dataclass(frozen=True)
class RoleRow:
    role: str
    deals: str
    revenue: str
    previous_deals: str
    previous_revenue: str
    deals_change: str
    revenue_change: str
    is_total: bool


@dataclass(frozen=True)
class NewBusinessSection:
    has_data: bool
    has_compare: bool
    rows: tuple[RoleRow, ...]


def build(report: Report) -> NewBusinessSection:
    rows = tuple(
        RoleRow(
            report.label("role", r.role),
            report.count(r.deals),
            report.money(r.revenue),
            report.count(r.previous_deals) if report.has_compare else NO_FIGURE,
            report.money(r.previous_revenue) if report.has_compare else NO_FIGURE,
            report.change(r.deals_change_pct) or NO_FIGURE,
            report.change(r.revenue_change_pct) or NO_FIGURE,
            r.role == "all_won",
        )
        for r in report.metrics.new_business
    )
    has_data = any(r.deals or r.previous_deals for r in report.metrics.new_business)
    return NewBusinessSection(has_data, report.has_compare, rows)


SECTION = Section("new_business", build)
