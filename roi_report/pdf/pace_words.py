"""Goal pacing (contract v1.1) in the PDF's words: status, expected by now, key findings."""

from __future__ import annotations

from roi_report.language import messages_for
from roi_report.metrics.compute import GoalFigures
from roi_report.metrics.words import STATUS_WORDS, metric_word
from roi_report.pdf.formatting import format_day

_ = messages_for(__name__).gettext

TONES = {"met": "good", "on_track": "good", "behind": "neutral", "missed": "bad", "at_risk": "bad"}


def pace_cells(report, goal: GoalFigures) -> tuple[str, str, str]:
    """(status word, tone, "expected by now" text) of a goal; blanks without a pace."""
    pace = goal.pace
    if pace is None:
        return "", "neutral", ""
    expected = _("expected by {day}: {value}").format(
        day=format_day(pace.as_of, report.language, "medium"),
        value=report.count(pace.expected_to_date),
    )
    return metric_word(STATUS_WORDS[pace.status]), TONES[pace.status], expected


def expected_pct(goal: GoalFigures) -> float | None:
    """Where the expected-to-date marker stands on the goal's bar, in percent of target."""
    if goal.pace is None or not goal.target:
        return None
    return goal.pace.expected_to_date * 100 / goal.target


def at_risk_findings(report) -> list[str]:
    """A key finding for each goal at risk of missing its deadline."""
    found = []
    for goal in report.metrics.goals:
        pace = goal.pace
        if pace is None or pace.status != "at_risk":
            continue
        found.append(
            _(
                "{goal} is at risk: {actual} so far against {expected} expected by now; at "
                "this pace it reaches {projected} of its target of {target} by {deadline}."
            ).format(
                goal=report.q(goal.goal),
                actual=report.count(pace.actual_to_date),
                expected=report.count(pace.expected_to_date),
                projected=report.count(pace.projected),
                target=report.count(goal.target),
                deadline=format_day(goal.deadline, report.language, "long"),
            )
        )
    return found
