"""Rows of an ad platform's performance report, read the same way for every platform:
a day, campaign names by level, the spend, and the results counted once each."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from roi_report.importing.base import AdRow, Export, Parsed, Reader, preamble_period
from roi_report.language import N_

DAY, END = "day", "end"
SPEND, CURRENCY = "spend", "currency"
# Why rows are left out, in the summary's words (translated when shown).
TOTAL_ROWS = N_("total rows without a campaign name")
NO_DATE = N_("rows without a date (totals)")


@dataclass(frozen=True)
class AdLayout:
    """Which fields of a format hold what."""

    # fields of the campaign names, top level first (or which, given the export's columns)
    levels: tuple[str, ...] | Callable[[Export], tuple[str, ...]]
    metrics: dict[str, str]  # field -> contract metric name
    channel: str | Callable[[Export, tuple], str]  # the channel, or which for a row
    # extra results from a row (Meta's Results by Result indicator): (reader, line, cells,
    # metrics so far) -> more metrics; a metric already counted is not counted again
    extra: Callable | None = None
    # the fields of each row's first and last day when the export has no day column (Meta's
    # Reporting starts / ends: the same day in each row of a daily export)
    span: tuple[str, str] | None = None


def ad_reader(**layout) -> Callable[[Export], Parsed]:
    """The `read` of an ad platform's Format, from its AdLayout fields."""
    fixed = AdLayout(**layout)
    return lambda export: read_ads(export, fixed)


def read_ads(export: Export, layout: AdLayout) -> Parsed:
    reader = Reader(export)
    rows = []
    wanted = layout.levels(export) if callable(layout.levels) else layout.levels
    levels = tuple(name for name in wanted if reader.has(name))
    channel_of = layout.channel if callable(layout.channel) else lambda e, c: layout.channel
    day_field, end_field = DAY, END
    if not reader.has(DAY) and layout.span and all(map(reader.has, layout.span)):
        day_field, end_field = layout.span
    dated = reader.has(day_field)
    for line, cells in export.rows:
        names = tuple(reader.text(cells, name) for name in levels)
        if not any(names):
            reader.skip(TOTAL_ROWS)  # Meta's account total, a platform's summary line
            continue
        day = reader.day(line, cells, day_field) if dated else None
        if dated and day is None and not reader.text(cells, day_field):
            reader.skip(NO_DATE)
            continue
        end = reader.day(line, cells, end_field) if reader.has(end_field) else None
        spend = reader.number(line, cells, SPEND) or 0.0
        metrics: dict[str, float] = {}
        for name, metric in layout.metrics.items():
            if reader.has(name):
                count = reader.number(line, cells, name)
                if count:
                    metrics[metric] = metrics.get(metric, 0.0) + count
        if layout.extra is not None:
            for metric, count in layout.extra(reader, line, cells, metrics).items():
                metrics.setdefault(metric, count)
        currency = reader.text(cells, CURRENCY).upper() or export.captured.get(SPEND)
        if day is None:
            continue  # not a daily export: refused as a whole by the mapping
        rows.append(
            AdRow(
                day,
                end or day,
                names,
                spend,
                tuple(metrics.items()),
                channel_of(export, cells),
                currency or None,
            )
        )
    by_day = dated and (reader.has(end_field) or (day_field == DAY and export.format.day_breakdown))
    return reader.finish(
        ads=tuple(rows), period=preamble_period(export), daily=dated, by_day=by_day
    )
