"""Sample data for contract v1.1: each deal's journey on the Touches sheet, and goal windows.

Called by `sample_data.generate` on the rows it has made, with random streams of their own,
so the rows of contract v1 come out exactly as before.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from roi_report.workbook import contract
from roi_report.workbook.periods import end_of_month

DEEP_STAGES = ("Opportunity", "Won", "Lost")
JOURNEY_SHARE = 0.08  # of the other leads, those whose touches are exported too
NO_TOUCHES = 0.06  # won deals the CRM has no history for (they fall back to Source)
AFTER_SALE = 0.15  # won deals touched again after the Won date (not counted)
MARKED = 0.8  # deep leads whose Deal creation touch is marked


def touches(
    leads: list, channels: tuple[tuple[str, str], ...], end: date, rng: random.Random
) -> list[list]:
    """Touches rows (Lead ID, Date, Channel, Campaign, Touch) of the leads' journeys, in date
    order as a CRM exports them. `leads` are rows in Leads column order."""
    names = [name for name, _ in channels]
    weights = [3.0 if kind == "Social" else 1.0 for _, kind in channels]
    rows = []
    for lead_id, created, source, _, stage, _, _, won, _, campaign in leads:
        deep = stage in DEEP_STAGES
        if not deep and rng.random() >= JOURNEY_SHARE:
            continue
        if stage == "Won" and rng.random() < NO_TOUCHES:
            continue
        last = won if won else min(end, created + timedelta(days=90))
        span = max(0, (last - created).days)
        journey = [(created - timedelta(days=rng.randint(0, 14)), source)]
        for _ in range(rng.randint(0, 4)):
            day = created + timedelta(days=rng.randint(0, span))
            journey.append((day, rng.choices(names, weights=weights)[0]))
        if won and rng.random() < AFTER_SALE:
            journey.append((won + timedelta(days=rng.randint(1, 20)), rng.choice(names)))
        journey.sort(key=lambda touch: touch[0])
        mark = None
        if deep and rng.random() < MARKED:
            opened = [i for i, (day, _) in enumerate(journey) if created <= day <= last]
            mark = rng.choice(opened) if opened else None
        for index, (day, channel) in enumerate(journey):
            rows.append(
                [
                    lead_id,
                    day,
                    channel,
                    campaign if rng.random() < 0.5 else None,
                    contract.DEAL_CREATION if index == mark else None,
                ]
            )
    rows.sort(key=lambda row: row[1])
    return rows


def with_windows(
    goals: list[tuple], period_start: date, period_end: date, rng: random.Random
) -> list[tuple]:
    """The goals with their Start column; some run past the period, so they are paced:
    their Deadline moves three months on and their Target grows with the window, more or
    less than the results will keep up with (on track, behind or at risk)."""
    rows = []
    for goal in goals:
        deadline, target, start = goal[5], goal[3], None
        if deadline is not None and rng.random() < 0.5:
            deadline = end_of_month(period_end, 3)
            window = (deadline - period_start).days + 1
            period = (period_end - period_start).days + 1
            if target is not None:
                target = int(round(target * window / period * rng.uniform(0.8, 1.5)))
            start = period_start if rng.random() < 0.5 else None
        rows.append((*goal[:3], target, goal[4], deadline, *goal[6:], start))
    return rows
