"""The small arithmetic every metric shares: undefined figures are None, never NaN."""

from __future__ import annotations

import math

from roi_report.workbook.contract import ALL_CHANNELS
from roi_report.workbook.models import Workbook
from roi_report.workbook.values import text_key


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or denominator is None or denominator == 0:
        return None
    value = numerator / denominator
    return value if math.isfinite(value) else None  # a denominator near zero is no figure


def percent(numerator: float | None, denominator: float | None) -> float | None:
    value = ratio(numerator, denominator)
    return None if value is None or not math.isfinite(value * 100) else value * 100


def won_deals(leads) -> list[int]:
    """Positions of the leads Won with a Won date: every deal new business and attribution
    count, before either picks its period."""
    return [
        i
        for i, (stage, day) in enumerate(zip(leads.stage, leads.won_date))
        if stage == "Won" and day is not None
    ]


def roi_pct(gain: float | None, investment: float | None) -> float | None:
    """ROI % = (return − investment) × 100 / investment."""
    if gain is None or investment is None:
        return None
    return percent(gain - investment, investment)


def result_values(book: Workbook) -> list[float]:
    """What one result of each Results row is worth: its goal on the same channel, else the
    goal of the same metric on All, else nothing."""
    goals = {(text_key(g.metric), g.channel): g.value_of_result for g in book.goals}
    return [
        goals.get(
            (text_key(r.metric), r.channel), goals.get((text_key(r.metric), ALL_CHANNELS), 0.0)
        )
        for r in book.results
    ]


def best_channel(metrics):
    """The social channel of `metrics` (compute.Metrics) that returned the most per unit
    spent, the larger return on a tie of ratios, the first listed on a full tie; None when
    no social channel both cost and returned something. The PDF's findings and the email
    name the same one."""
    paying = [
        c for c in metrics.channels if c.kind == "Social" and c.investment > 0 and c.return_ > 0
    ]
    if not paying:
        return None
    return max(paying, key=lambda c: (c.return_ / c.investment, c.return_))
