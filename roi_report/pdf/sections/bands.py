"""Lead bands (by lead score) and the funnel."""

from __future__ import annotations

from dataclasses import dataclass

from roi_report.language import messages_for
from roi_report.pdf.formatting import NO_FIGURE, format_score
from roi_report.pdf.sections.base import HALF_WIDTH_MM, Chart, Report, Section
from roi_report.workbook.contract import FUNNEL

_ = messages_for(__name__).gettext


@dataclass(frozen=True)
class BandRow:
    band: str
    leads: str
    previous_leads: str
    growth: str
    won: str
    win_rate: str
    revenue: str
    investment: str
    cost_per_lead: str
    cost_per_won: str
    roi: str


@dataclass(frozen=True)
class FunnelRow:
    stage: str
    reached: str
    pass_through: str  # to the next stage; "" for the last stage
    is_weakest: bool


@dataclass(frozen=True)
class BandsSection:
    has_data: bool
    intro: str
    rows: tuple[BandRow, ...]
    unstaged_sentence: str
    chart: Chart | None
    funnel_has_data: bool
    funnel: tuple[FunnelRow, ...]
    weakest: str
    funnel_chart: Chart | None


def build(report: Report) -> BandsSection:
    m, s = report.metrics, report.settings
    rows = tuple(
        BandRow(
            report.label("band", b.band),
            report.count(b.leads),
            report.count(b.previous_leads) if report.has_compare else NO_FIGURE,
            report.change(b.growth_pct) or NO_FIGURE,
            report.count(b.won),
            report.pct(b.win_rate_pct),
            report.money(b.revenue),
            report.money(b.investment),
            report.money(b.cost_per_lead),
            report.money(b.cost_per_won),
            report.pct(b.roi_pct),
        )
        for b in m.bands
        if b.band != "Unscored" or b.leads or b.previous_leads
    )
    total_leads = sum(b.leads for b in m.bands)
    has_data = total_leads > 0 or any(b.previous_leads for b in m.bands)
    intro = _(
        "Social CRM leads (Leads sheet) created in the period, banded by lead "
        "score: Slow below {slow}, Fast from {fast}, Medium in between."
    ).format(
        slow=format_score(s.slow_below, report.language),
        fast=format_score(s.fast_from, report.language),
    )
    unstaged = ""
    if m.unstaged_investment and total_leads:
        unstaged = _(
            "Investment with no funnel stage ({amount}) is spread over the bands by "
            "their share of leads."
        ).format(amount=report.money(m.unstaged_investment))
    funnel = m.funnel
    weakest_from = funnel.weakest.from_stage if funnel.weakest else None
    funnel_rows = tuple(
        FunnelRow(
            report.label("stage", stage),
            report.count(funnel.reached[i]),
            report.pct(funnel.steps[i].pass_through_pct) if i < len(funnel.steps) else "",
            stage == weakest_from,
        )
        for i, stage in enumerate(FUNNEL)
    )
    funnel_has_data = bool(funnel.reached) and funnel.reached[0] > 0
    weakest = ""
    if funnel.weakest is not None and funnel_has_data:
        weakest = report.with_funnel_note(
            _("The weakest step is {from_stage} → {to_stage}: {pct} of leads move on.").format(
                from_stage=report.label("stage", funnel.weakest.from_stage),
                to_stage=report.label("stage", funnel.weakest.to_stage),
                pct=report.pct(funnel.weakest.pass_through_pct),
            )
        )
    chart = funnel_chart = None
    if has_data:
        shown = [b for b in m.bands if b.band != "Unscored" or b.leads or b.previous_leads]
        chart = report.chart(
            "bands_chart",
            _("Bar chart of leads by band in this period and the comparison period."),
            labels=tuple(report.label("band", b.band) for b in shown),
            current=tuple(b.leads for b in shown),
            previous=(tuple(b.previous_leads or 0 for b in shown) if report.has_compare else None),
            current_label=_("This period"),
            previous_label=_("Comparison period"),
        )
    if funnel_has_data:
        funnel_chart = report.chart(
            "funnel_chart",
            _("Bar chart of leads reaching each funnel stage."),
            width=HALF_WIDTH_MM,
            labels=tuple(report.label("stage", stage) for stage in FUNNEL),
            values=tuple(funnel.reached),
            value_labels=tuple(report.count(v) for v in funnel.reached),
            weakest=(FUNNEL.index(funnel.weakest.to_stage) if funnel.weakest else None),
        )
    return BandsSection(
        has_data,
        intro,
        rows,
        unstaged,
        chart,
        funnel_has_data,
        funnel_rows,
        weakest,
        funnel_chart,
    )


SECTION = Section("bands", build)
