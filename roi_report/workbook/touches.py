"""Contract v1.1: the optional Touches sheet and the Goals column Start, checked.

Kept apart from `validation` (which calls these with rows it has already typed), so the
checks of v1.1 read in one place.
"""

from __future__ import annotations

from collections.abc import Iterable

from roi_report.errors import Problem
from roi_report.language import messages_for
from roi_report.workbook import contract as c
from roi_report.workbook.models import GoalRow, Leads, Settings, Touches
from roi_report.workbook.values import shown, text_key

_ = messages_for(__name__).gettext


def read_touches(
    raw, rows: Iterable[tuple[int, dict]], leads: Leads, out, check_ids: bool = True
) -> Touches:
    """The Touches rows whose cells are all good, each tied to its lead; a Lead ID that is
    not in the Leads table is a problem at its cell (`out` collects them)."""
    position_of = {lead_id: i for i, lead_id in enumerate(leads.lead_id)}
    deal_creation = text_key(c.DEAL_CREATION)  # once per sheet, not per row
    kept: list[tuple[int, int, object, str, bool]] = []
    for row, v in rows:
        lead = position_of.get(v["lead_id"])
        if lead is None and not check_ids:
            continue
        if lead is None:
            out.cell(
                raw.sheet,
                raw.letter("lead_id"),
                row,
                _(
                    "the Lead ID {lead_id} is not in the Leads sheet — check the ID, or add "
                    "the lead to the Leads table (a touch belongs to a lead)"
                ).format(lead_id=shown(v["lead_id"])),
            )
            continue
        mark = text_key(v["touch"] or "") == deal_creation
        kept.append((row, lead, v["date"], v["channel"], mark))
    columns = list(zip(*kept)) or [(), (), (), (), ()]
    return Touches(*(tuple(column) for column in columns))


def goal_window_problems(
    raw, goals: Iterable[GoalRow], settings: Settings | None
) -> tuple[list[Problem], list[Problem]]:
    """(problems, warnings) of the pacing window: a Start after its Deadline cannot be paced;
    a Deadline before Period start is a goal of an earlier period, said but not refused
    (a v1 workbook stays valid)."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for goal in goals:
        if goal.deadline is None:
            continue
        if goal.start is not None and goal.start > goal.deadline:
            problems.append(
                Problem(
                    raw.sheet,
                    f"{raw.letter('start')}{goal.row}",
                    _(
                        "Start {start} is after the Deadline {deadline} — the goal's window "
                        "runs from Start to Deadline; check both dates (are they swapped?)"
                    ).format(start=goal.start, deadline=goal.deadline),
                )
            )
        elif settings is not None and goal.deadline < settings.period_start:
            warnings.append(
                Problem(
                    raw.sheet,
                    f"{raw.letter('deadline')}{goal.row}",
                    _(
                        "the Deadline {deadline} is before Period start {start} — the goal "
                        "ended before this report's period, so it is not paced without a "
                        "Start; update its Deadline for this period, or remove the goal"
                    ).format(deadline=goal.deadline, start=settings.period_start),
                    kind="deadline_before_period",
                    details=(("deadline", goal.deadline), ("start", settings.period_start)),
                )
            )
    return problems, warnings
