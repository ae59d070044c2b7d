"""The report period's comparison period, calendar-aware, as the formula sheets compute it."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def add_months(day: date, months: int) -> date:
    """Excel's EDATE: the same day `months` later, clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def end_of_month(day: date, months: int) -> date:
    """Excel's EOMONTH."""
    first = add_months(day.replace(day=1), months)
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


# The dates a spreadsheet holds (Excel's serial 1 to its last day).
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(9999, 12, 31)


def is_whole_months(start: date, end: date) -> bool:
    return start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]


def month_count(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


def comparison_period(start: date, end: date, mode: str) -> tuple[date | None, date | None]:
    """Previous period: the whole calendar months right before when the period is whole
    months (Q3 -> Q2), else as many days right before. Same period last year: twelve months
    earlier, month ends kept as month ends."""
    whole = is_whole_months(start, end)
    if mode == "Previous period":
        if whole:
            return add_months(start, -month_count(start, end)), start - timedelta(days=1)
        return start - (end - start + timedelta(days=1)), start - timedelta(days=1)
    if mode == "Same period last year":
        return add_months(start, -12), end_of_month(end, -12) if whole else add_months(end, -12)
    return None, None


def comparison_out_of_range(start: date, end: date, mode: str) -> date | None:
    """The first day of the comparison period when it falls before FIRST_DAY (the report
    period itself is in range), else None."""
    try:
        first, _ = comparison_period(start, end, mode)
    except (OverflowError, ValueError):  # before year 1: no date at all
        return FIRST_DAY.replace(year=1)
    return first if first is not None and first < FIRST_DAY else None
