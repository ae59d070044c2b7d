"""The executive summary: the headline figures, the key findings and their chart."""

from __future__ import annotations

from dataclasses import dataclass

from roi_report.language import messages_for
from roi_report.metrics.figures import best_channel
from roi_report.pdf.pace_words import at_risk_findings
from roi_report.pdf.sections.base import Change, Chart, Kpi, Report, Section

_ = messages_for(__name__).gettext
ngettext = messages_for(__name__).ngettext


@dataclass(frozen=True)
class Summary:
    kpis: tuple[Kpi, ...]  # ROI, investment, return
    more_kpis: tuple[Kpi, ...]  # leads, cost per lead, deals, revenue
    findings: tuple[str, ...]
    chart: Chart | None
    # "No comparison period" when the workbook compares with nothing; what the two lead
    # counts are when the goals count leads too
    note: str = ""


def build(report: Report) -> Summary:
    h = report.metrics.headline
    kpis = (
        kpi(
            report,
            "roi",
            _("Return on investment (goal values)"),
            h.roi_pct,
            report.pct,
            points=True,
        ),
        kpi(
            report,
            "investment",
            _("Investment"),
            h.investment,
            report.money,
            higher_is_better=None,
        ),
        kpi(report, "return", _("Return (goal values)"), h.return_, report.money),
    )
    more = (
        kpi(report, "social_leads", _("Social CRM leads"), h.social_leads, report.count),
        kpi(
            report,
            "cost_per_lead",
            _("Cost per CRM lead"),
            h.cost_per_lead,
            report.money,
            higher_is_better=False,
        ),
        kpi(report, "won_deals", _("Deals won with social"), h.won_deals, report.count),
        kpi(report, "won_revenue", _("Revenue won with social"), h.won_revenue, report.money),
    )
    chart = None
    if h.investment.current or h.return_.current or h.investment.previous or h.return_.previous:
        chart = report.chart(
            "summary_chart",
            _("Bar chart of investment and return in this period and in the comparison period."),
            groups=(_("Investment"), _("Return")),
            current=(h.investment.current or 0.0, h.return_.current or 0.0),
            previous=(
                (h.investment.previous or 0.0, h.return_.previous or 0.0)
                if report.has_compare
                else None
            ),
            current_label=_("This period"),
            previous_label=_("Comparison period"),
        )
    note = "" if report.has_compare else _("No comparison period")
    lead_sources = report.lead_sources()
    if lead_sources:
        note = f"{note}. {lead_sources}" if note else lead_sources
    return Summary(kpis, more, tuple(findings(report)), chart, note)


def kpi(report: Report, key, label, figure, fmt, *, points=False, higher_is_better=True):
    if not report.has_compare:  # said once, under the cards (Summary.note)
        previous = ""
        change = Change("", "none", "neutral")
    else:
        previous = _("Comparison: {value}").format(value=fmt(figure.previous))
        if figure.change is None:
            change = Change("", "none", "neutral")  # the comparison was 0
        else:
            rounded = round(figure.change, 1)
            direction = "up" if rounded > 0 else "down" if rounded < 0 else "flat"
            if direction == "flat" or higher_is_better is None:
                tone = "neutral"
            else:
                tone = "good" if (direction == "up") == higher_is_better else "bad"
            change = Change(report.change(figure.change, points=points), direction, tone)
    return Kpi(key, label, fmt(figure.current), previous, change)


def findings(report: Report) -> list[str]:
    m, h = report.metrics, report.metrics.headline
    found: list[str] = []
    # 1. ROI and its change
    roi = h.roi_pct
    if roi.current is not None:
        if roi.previous is not None and roi.change is not None:
            if round(roi.change, 1) > 0:
                sentence = _(
                    "ROI rose to {roi}, from {previous} in the comparison period ({change})."
                )
            elif round(roi.change, 1) < 0:
                sentence = _(
                    "ROI fell to {roi}, from {previous} in the comparison period ({change})."
                )
            else:
                sentence = _("ROI held at {roi}, as in the comparison period.")
            found.append(
                sentence.format(
                    roi=report.pct(roi.current),
                    previous=report.pct(roi.previous),
                    change=report.change(roi.change, points=True),
                )
            )
        else:
            found.append(
                _(
                    "Social media returned {return_} on {investment} invested: an ROI of {roi}."
                ).format(
                    return_=report.money(h.return_.current),
                    investment=report.money(h.investment.current),
                    roi=report.pct(roi.current),
                )
            )
    # 2. The channel that returned most per unit spent
    best = best_channel(m)
    if best is not None:
        found.append(
            _(
                "{channel} returned the most per unit spent: {per_unit} for every "
                "{unit} invested (ROI {roi})."
            ).format(
                channel=report.q(best.channel),
                per_unit=report.money(best.return_ / best.investment),
                unit=report.money(1),
                roi=report.pct(best.roi_pct),
            )
        )
    # 3. The social goal furthest behind: a goal on another channel is no social result
    targeted = [
        g for g in m.goals if g.attainment_pct is not None and report.book.is_social(g.channel)
    ]
    if targeted:
        worst = min(targeted, key=lambda g: g.attainment_pct)
        if worst.attainment_pct < 100:
            sentence = _(
                "The goal {goal} is furthest behind its target: {actual} of {target} "
                "({attainment})."
            )
        else:
            sentence = _(
                "Every goal with a target has been met; the lowest attainment is {goal} "
                "at {attainment}."
            )
        found.append(
            sentence.format(
                goal=report.q(worst.goal),
                actual=report.count(worst.actual),
                target=report.count(worst.target),
                attainment=report.pct(worst.attainment_pct),
            )
        )
    # 3b. Goals at risk of missing their deadline (contract v1.1 pacing)
    found += at_risk_findings(report)
    # 4. The band that grew most
    grown = [
        b for b in m.bands if b.band != "Unscored" and b.growth_pct is not None and b.growth_pct > 0
    ]
    if grown:
        band = max(grown, key=lambda b: (b.growth_pct, b.leads))
        found.append(
            _(
                "{band} leads grew the most: {now} against {before} in the comparison "
                "period ({growth})."
            ).format(
                band=report.q(report.label("band", band.band)),
                now=report.count(band.leads),
                before=report.count(band.previous_leads),
                growth=report.change(band.growth_pct),
            )
        )
    # 5. The weakest funnel stage
    weakest = m.funnel.weakest
    if weakest is not None and m.funnel.reached and m.funnel.reached[0] > 0:
        found.append(
            report.with_funnel_note(
                _(
                    "The weakest funnel step is {from_stage} → {to_stage}: only {pct} of "
                    "leads move on."
                ).format(
                    from_stage=report.label("stage", weakest.from_stage),
                    to_stage=report.label("stage", weakest.to_stage),
                    pct=report.pct(weakest.pass_through_pct),
                )
            )
        )
    # Fallbacks while fewer than three
    extras = []
    social, other = m.social_lead_cost, m.other_lead_cost
    if social.cost_per_lead is not None and other.cost_per_lead is not None:
        extras.append(
            _("A social CRM lead cost {social}, against {other} on other channels.").format(
                social=report.money(social.cost_per_lead), other=report.money(other.cost_per_lead)
            )
        )
    any_role = next((r for r in m.new_business if r.role == "any"), None)
    if any_role is not None and any_role.deals > 0:
        extras.append(
            _("Social media took part in {deals} worth {revenue}.").format(
                deals=ngettext("{n} won deal", "{n} won deals", any_role.deals).format(
                    n=report.count(any_role.deals)
                ),
                revenue=report.money(any_role.revenue),
            )
        )
    if h.investment.change is not None:
        extras.append(
            _(
                "Investment changed by {change} against the comparison period, to {investment}."
            ).format(
                change=report.change(h.investment.change),
                investment=report.money(h.investment.current),
            )
        )
    while len(found) < 3 and extras:
        found.append(extras.pop(0))
    if not found:
        found.append(_("There is not enough data in this period for findings."))
    return found[:5]


SECTION = Section("summary", build)
