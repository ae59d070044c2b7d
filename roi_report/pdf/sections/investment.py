"""Investment: by category, organic and paid, staff time and shared costs by channel."""

from __future__ import annotations

from dataclasses import dataclass

from roi_report.language import messages_for
from roi_report.pdf.sections.base import (
    HALF_WIDTH_MM,
    AmountRow,
    Chart,
    Report,
    Section,
    SliceRow,
    largest,
)

_ = messages_for(__name__).gettext


@dataclass(frozen=True)
class ChannelCostRow:
    channel: str
    costs: str
    staff: str
    shared: str
    investment: str
    is_total: bool = False


@dataclass(frozen=True)
class InvestmentSection:
    has_data: bool
    intro: str
    categories: tuple[AmountRow, ...]
    categories_total: AmountRow
    types: tuple[SliceRow, ...]
    staff_sentence: str
    shared_sentence: str
    channel_costs: tuple[ChannelCostRow, ...]
    chart: Chart | None
    capped: str = ""  # says that only the largest channels are listed


def build(report: Report) -> InvestmentSection:
    m = report.metrics
    total = m.headline.investment.current or 0.0
    has_data = total > 0 or any(a.amount for a in m.investment_by_category)

    def share(amount):
        return report.pct(amount * 100 / total) if total else _("n/a")

    # the categories with an amount, largest first: the table and its chart
    ordered = [a for a in sorted(m.investment_by_category, key=lambda a: -a.amount) if a.amount]
    categories = tuple(
        AmountRow(report.label("category", a.name), report.money(a.amount), share(a.amount))
        for a in ordered
    )
    cat_total = AmountRow(_("Total"), report.money(total), share(total))
    types = tuple(
        SliceRow(
            report.label("type", s.name),
            report.money(s.investment),
            report.money(s.return_),
            report.pct(s.roi_pct),
        )
        for s in m.types
    )
    staff = next((a.amount for a in m.investment_by_category if a.name == "Staff"), 0.0)
    staff_sentence = _("Staff time cost {amount}, {share} of the investment.").format(
        amount=report.money(staff), share=share(staff)
    )
    shared_sentence = ""
    if m.shared_investment:
        shared_sentence = shared_costs_sentence(report.settings.shared_costs).format(
            amount=report.money(m.shared_investment)
        )
    social = [c for c in m.channels if c.kind == "Social"]
    listed, others = largest(social)
    amounts = [
        (c.channel, c.costs, c.staff, c.shared_allocation, c.investment)
        for c in listed + report.others(others)
    ]
    shared = m.shared.investment
    if shared:
        amounts.append((_("Shared (channel All)"), shared, 0, 0, shared))
    total_row = (
        sum(c.costs for c in social) + shared,
        sum(c.staff for c in social),
        sum(c.shared_allocation for c in social),
        sum(c.investment for c in social) + shared,
    )
    rows = [ChannelCostRow(name, *(report.money(v) for v in figures)) for name, *figures in amounts]
    rows.append(ChannelCostRow(_("Total"), *(report.money(v) for v in total_row), is_total=True))
    change = ""
    if m.headline.investment.change is not None:
        change = _(", {change} against the comparison period").format(
            change=report.change(m.headline.investment.change)
        )
    chart = None
    if has_data:
        chart = report.chart(
            "bar_chart",
            _("Bar chart of investment by category."),
            width=HALF_WIDTH_MM,
            labels=tuple(report.label("category", a.name) for a in ordered),
            values=tuple(a.amount for a in ordered),
            value_labels=tuple(report.money(a.amount) for a in ordered),
        )
    return InvestmentSection(
        has_data,
        _("Social media took {total} of investment in the period{change}.").format(
            total=report.money(total), change=change
        ),
        categories,
        cat_total,
        types,
        staff_sentence,
        shared_sentence,
        tuple(rows),
        chart,
        report.capped(others),
    )


def shared_costs_sentence(mode: str) -> str:
    """How the costs of channel All were spread (the Report sheet's Shared costs)."""
    if mode == "Even":
        return _("Shared costs (channel All, {amount}) are spread evenly over the social channels.")
    if mode == "None":
        return _(
            "Shared costs (channel All, {amount}) are not spread: they are shown as their own row."
        )
    return _(
        "Shared costs (channel All, {amount}) are spread over the social "
        "channels in proportion to their direct costs."
    )


SECTION = Section("investment", build)
