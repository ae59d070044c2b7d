"""Trend (contract v1.1): the headline's figures month by month, for up to twelve months.

Twelve calendar months ending with the month of Period end, starting no earlier than the
first month with a dated row (Costs, Staff, Results, Leads created); months without rows
show zeros. The headline's own rules: social channels and `All`, effective costs and staff,
results valued by their goals, leads with a social Source.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from roi_report.metrics.figures import ratio, roi_pct
from roi_report.workbook.models import Workbook

TREND_MONTHS = 12


@dataclass(frozen=True)
class TrendMonth:
    month: str  # "2026-09"
    investment: float
    return_: float
    roi_pct: float | None
    social_leads: int
    cost_per_lead: float | None


def month_index(day: date) -> int:
    """Months since year 0, so months subtract and compare as integers."""
    return day.year * 12 + day.month - 1


def month_label(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def first_dated_month(book: Workbook) -> int | None:
    """The month of the earliest dated row, or None when nothing is dated."""
    days = [line.date for line in book.investment] + [r.date for r in book.results]
    if book.leads.created:
        days.append(min(book.leads.created))
    return month_index(min(days)) if days else None


def trend_months(book: Workbook) -> list[int]:
    """The months of the trend, oldest first; always at least the month of Period end."""
    last = month_index(book.settings.period_end)
    first = first_dated_month(book)
    start = last - TREND_MONTHS + 1
    start = min(max(start, first), last) if first is not None else last
    return list(range(start, last + 1))


def trend(book: Workbook, social: set[str], values: list[float]) -> tuple[TrendMonth, ...]:
    """`social`: the headline's channels (social and All); `values`: each Results row's value,
    as the headline computed them."""
    months = trend_months(book)
    first, last = months[0], months[-1]
    invested = dict.fromkeys(months, 0.0)
    returned = dict.fromkeys(months, 0.0)
    leads = dict.fromkeys(months, 0)
    for line in book.investment:
        month = month_index(line.date)
        if line.channel in social and first <= month <= last:
            invested[month] += line.amount
    for result, value in zip(book.results, values):
        month = month_index(result.date)
        if result.channel in social and first <= month <= last:
            returned[month] += result.count * value
    for source, created in zip(book.leads.source, book.leads.created):
        if source in social:
            month = month_index(created)
            if first <= month <= last:
                leads[month] += 1
    return tuple(
        TrendMonth(
            month_label(month),
            invested[month],
            returned[month],
            roi_pct(returned[month], invested[month]),
            leads[month],
            ratio(invested[month], leads[month]),
        )
        for month in months
    )
