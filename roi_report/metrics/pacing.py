"""Goal pacing (contract v1.1): will a goal with a Deadline be met by then?

Window = Start (blank: Period start) to Deadline; as-of = the earlier of Period end and
Deadline; days are counted inclusive. Expected to date = Target × elapsed / window days;
projected = actual to date × window days / elapsed days.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from roi_report.metrics.figures import ratio

BEHIND_SHARE = 0.8  # projected at least this share of Target: behind, not at risk


@dataclass(frozen=True)
class Pace:
    start: date
    as_of: date
    actual_to_date: float
    expected_to_date: float
    projected: float | None  # None before the window opens (nothing to project from)
    status: str


def days_between(first: date, last: date) -> int:
    """Days from `first` to `last`, both counted; 0 when `last` is before `first`."""
    return max((last - first).days + 1, 0)


def pace(
    start: date | None,
    deadline: date | None,
    target: float | None,
    period_start: date,
    period_end: date,
    actual_between: Callable[[date, date], float],
) -> Pace | None:
    """The pace of one goal, or None without a Deadline, a Target or a window (a Deadline
    before Period start and no Start). `actual_between(a, b)` sums its results dated a..b."""
    start = start or period_start
    if deadline is None or target is None or deadline < start:
        return None
    as_of = min(period_end, deadline)
    window = days_between(start, deadline)
    elapsed = days_between(start, as_of)
    actual = actual_between(start, as_of) if elapsed else 0.0
    expected = target * elapsed / window
    projected = ratio(actual * window, elapsed)
    if deadline <= period_end:
        status = "met" if actual >= target else "missed"
    elif projected is None or projected >= target:
        status = "on_track"  # a window not yet open has fallen behind nothing
    elif projected >= BEHIND_SHARE * target:
        status = "behind"
    else:
        status = "at_risk"
    return Pace(start, as_of, actual, expected, projected, status)
