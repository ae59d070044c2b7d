"""Goals against their targets."""

from __future__ import annotations

from dataclasses import dataclass

from roi_report.language import messages_for
from roi_report.pdf.formatting import NO_FIGURE, format_day
from roi_report.pdf.pace_words import expected_pct, pace_cells
from roi_report.pdf.sections.base import LEAD_METRIC, Chart, Report, Section

_ = messages_for(__name__).gettext
pgettext = messages_for(__name__).pgettext


@dataclass(frozen=True)
class GoalRow:
    goal: str
    metric: str
    channel: str
    target: str
    actual: str
    attainment: str
    attainment_tone: str  # "good", "bad", "neutral"
    cost_per_result: str
    target_cost: str
    status: str
    status_tone: str
    deadline: str
    pace: str = ""  # v1.1: Met, Missed, On track, Behind, At risk (goals with a Deadline)
    pace_tone: str = "neutral"
    expected: str = ""  # "expected by 30 Sep 2025: 17"


@dataclass(frozen=True)
class GoalsSection:
    has_data: bool
    rows: tuple[GoalRow, ...]
    chart: Chart | None
    note: str = ""  # what the two lead counts are, when a goal counts leads


def build(report: Report) -> GoalsSection:
    rows = []
    for g in report.metrics.goals:
        if g.attainment_pct is None:
            tone = "neutral"
        else:
            tone = "good" if g.attainment_pct >= 100 else "bad"
        if g.on_track is None:
            status, status_tone = NO_FIGURE, "neutral"
        elif g.on_track:
            status, status_tone = _("Within target"), "good"
        else:
            status, status_tone = _("Above target"), "bad"
        rows.append(
            GoalRow(
                g.goal,
                metric_name(report, g.metric),
                report.channel_name(g.channel),
                report.count(g.target) if g.target is not None else NO_FIGURE,
                report.count(g.actual),
                report.pct(g.attainment_pct),
                tone,
                report.money(g.cost_per_result),
                (
                    report.money(g.target_cost_per_result)
                    if g.target_cost_per_result is not None
                    else NO_FIGURE
                ),
                status,
                status_tone,
                format_day(g.deadline, report.language, "medium"),
                *pace_cells(report, g),
            )
        )
    chart = None
    targeted = [g for g in report.metrics.goals if g.attainment_pct is not None]
    if targeted:
        chart = report.chart(
            "attainment_chart",
            _("Bar chart of each goal's attainment against its target of 100 %."),
            labels=tuple(g.goal for g in targeted),
            values=tuple(g.attainment_pct for g in targeted),
            value_labels=tuple(report.pct(g.attainment_pct) for g in targeted),
            target_label=pgettext("chart legend", "Target"),
            expected=tuple(expected_pct(g) for g in targeted),
            expected_label=_("Expected by now"),
        )
    return GoalsSection(bool(rows), tuple(rows), chart, report.lead_sources())


def metric_name(report: Report, metric: str) -> str:
    """A metric counting leads says whose count it is (see `LEAD_METRIC`)."""
    if LEAD_METRIC.search(metric):
        return _("{metric} reported by the platforms (Results)").format(metric=metric)
    return metric


SECTION = Section("goals", build)
