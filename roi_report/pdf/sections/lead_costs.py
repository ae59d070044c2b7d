"""Cost per CRM lead: social channels against the others, and by channel."""

from __future__ import annotations

from dataclasses import dataclass

from roi_report.language import messages_for
from roi_report.pdf.sections.base import Chart, Report, Section, largest

_ = messages_for(__name__).gettext
ngettext = messages_for(__name__).ngettext


@dataclass(frozen=True)
class LeadCostRow:
    channel: str
    kind: str
    investment: str
    leads: str
    cost_per_lead: str
    is_social: bool
    is_total: bool = False
    leads_phrase: str = ""  # "76 leads", in the language's plural form


@dataclass(frozen=True)
class LeadCostsSection:
    has_data: bool
    intro: str
    social: LeadCostRow
    other: LeadCostRow
    rows: tuple[LeadCostRow, ...]
    chart: Chart | None
    capped: str = ""


def build(report: Report) -> LeadCostsSection:
    m = report.metrics
    listed, others = largest([r for r in m.lead_costs if r.investment or r.leads])
    for kind in ("Social", "Other"):  # the others summed by kind: a row has one kind
        listed += report.others([r for r in others if r.kind == kind])
    rows = tuple(lead_cost_row(report, r) for r in listed)
    social = lead_cost_row(report, m.social_lead_cost, is_total=True, name=_("Social channels"))
    other = lead_cost_row(report, m.other_lead_cost, is_total=True, name=_("Other channels"))
    has_data = (m.social_lead_cost.leads + m.other_lead_cost.leads) > 0
    social_known = m.social_lead_cost.cost_per_lead is not None
    other_known = m.other_lead_cost.cost_per_lead is not None
    if social_known and other_known:
        intro = _(
            "A CRM lead (Leads sheet) from social media cost {social}; one from "
            "other channels cost {other}."
        ).format(social=social.cost_per_lead, other=other.cost_per_lead)
    elif social_known:
        intro = _(
            "A CRM lead (Leads sheet) from social media cost {social}. No other "
            "channel has investment and leads to compare with."
        ).format(social=social.cost_per_lead)
    elif other_known:
        intro = _(
            "No CRM lead (Leads sheet) came from social media in this period; one "
            "from other channels cost {other}."
        ).format(other=other.cost_per_lead)
    else:  # no leads at all: the section says so instead
        intro = ""
    chart = None
    priced = [r for r in listed if r.cost_per_lead is not None]
    if priced:
        chart = report.chart(
            "lead_cost_chart",
            _("Bar chart of cost per lead by channel, social and other."),
            labels=tuple(r.channel for r in priced),
            values=tuple(r.cost_per_lead for r in priced),
            value_labels=tuple(report.money(r.cost_per_lead) for r in priced),
            social=tuple(r.kind == "Social" for r in priced),
            social_label=_("Social channels"),
            other_label=_("Other channels"),
        )
    return LeadCostsSection(has_data, intro, social, other, rows, chart, report.capped(others))


def lead_cost_row(report: Report, row, *, is_total=False, name=None) -> LeadCostRow:
    return LeadCostRow(
        name or row.channel,
        report.label("kind", row.kind),
        report.money(row.investment),
        report.count(row.leads),
        report.money(row.cost_per_lead),
        row.kind == "Social",
        is_total,
        ngettext("{n} lead", "{n} leads", row.leads).format(n=report.count(row.leads)),
    )


SECTION = Section("lead_costs", build)
