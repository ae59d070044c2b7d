"""The report's charts as HTML and CSS that WeasyPrint lays out like the rest of the page.

A chart is a frozen `Chart` of ready-to-print pieces: bars with their start and length in
percent of the plot, the value printed beside each, axis ticks, legend keys. The `chart`
macro of templates/partials/macros.html prints it as boxes (report.css, `.chart-*`); every
word is text in the page's font stack, escaped by Jinja like any other text, so a name in
Chinese finds its fallback font as the table beside it does. Colours are CSS classes
(`primary`, `accent`, `comparison`, `other`, `shade-N`), drawn in the brand's colours;
series that could be confused are also hatched, so a chart still reads in greyscale.

Room is worked out here, with the shipped font's advance widths (`fitting.text_width_mm`):
category labels are cut with an ellipsis to their column, and bars are scaled so that the
longest bar and its value label stay inside the figure, whatever the amount (10^12 IDR is
written short, `IDR2.5T`) and whatever its sign (a negative bar grows left from zero).
"""

from __future__ import annotations

import base64
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from roi_report.pdf.fitting import ellipsize, text_width_mm
from roi_report.pdf.formatting import format_compact_count, format_compact_money

WIDTH_MM = 170.0  # the text width of an A4 page; a Letter page is a little wider
LABEL_PT = 8.5  # category labels (report.css)
VALUE_PT = 7.5  # value labels
TICK_PT = 8.0  # axis ticks
GROUP_PT = 9.0  # the labels under columns
GAP_MM = 1.2  # between a bar and its value label
MAX_LABEL_SHARE = 0.42  # of the figure's width, for the category labels
ROW_MM = 7.0  # one bar's line in a horizontal chart
LINE_MM = 4.6  # one bar of a pair (report.css .bar-line)


@dataclass(frozen=True)
class ChartStyle:
    primary: str
    accent: str
    font: str
    language: str
    currency: str


@dataclass(frozen=True)
class Bar:
    """One bar: `start` and `size` along the value axis and `across`/`thick` (columns
    only) across it, in percent of the plot; `value` printed at its end."""

    start: float
    size: float
    value: str
    tone: str  # CSS classes: "primary", "accent hatched", "comparison hatched", ...
    negative: bool = False
    mark: float | None = None  # where the bar should stand by now (goals' pacing)
    across: float = 0.0
    thick: float = 0.0


@dataclass(frozen=True)
class Group:
    """A category: its label and its bars (one per series); `across`/`width` place the
    label of a column chart under its columns, in percent of the plot."""

    label: str
    bars: tuple[Bar, ...]
    across: float = 0.0
    width: float = 0.0


@dataclass(frozen=True)
class Key:
    label: str
    swatch: str  # CSS classes of the legend's sample: a bar tone, "line", "target", "mark"


@dataclass(frozen=True)
class Tick:
    at: float  # percent of the plot's height
    text: str


@dataclass(frozen=True)
class Line:
    """The trend's ROI: a polyline over the columns, in millimetres of the plot
    (an SVG of a few coordinates, no text), and its own ticks on the right."""

    points: str  # "x,y x,y …" for <polyline points>
    dots: tuple[tuple[float, float], ...]
    zero: float | None  # y of ROI 0, in mm, when inside the plot
    ticks: tuple[Tick, ...]


@dataclass(frozen=True)
class Chart:
    """A chart ready to print: `kind` is "bars" (horizontal, a label column on the left)
    or "columns" (vertical, ticks on the left, labels below)."""

    kind: str
    alt: str
    groups: tuple[Group, ...]
    keys: tuple[Key, ...] = ()
    label_mm: float = 0.0  # bars: the label column
    row_mm: float = ROW_MM  # bars: one group's height
    target: float | None = None  # bars: the 100 % line of the goals, percent of the track
    value_at: float | None = None  # bars: values in a column of their own at this percent
    centred: bool = False
    ticks: tuple[Tick, ...] = ()  # columns: the value axis
    left_mm: float = 0.0  # columns: room for the ticks
    right_mm: float = 0.0  # columns: room for the line's ticks
    height_mm: float = 0.0  # columns: the plot
    plot_mm: float = 0.0  # columns: the plot's width on an A4 page (the line's viewBox)
    line: Line | None = None
    zero: float = 0.0  # columns: percent of the height where the bars start


def data_url(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _compact_money(value: float, style: ChartStyle) -> str:
    return format_compact_money(value, style.currency, style.language)


def _compact_count(value: float, style: ChartStyle) -> str:
    return format_compact_count(value, style.language)


def _pct(value: float) -> float:
    return round(value, 2)


def _widest(texts: Sequence[str], size: float = VALUE_PT) -> float:
    return max((text_width_mm(t, size) for t in texts), default=0.0)


# --- horizontal bars -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Scale:
    """Values to percent of a track `track_mm` wide, with room for the value labels of
    positive bars on the right and of negative ones on the left."""

    low: float
    high: float
    left_mm: float
    usable_mm: float
    track_mm: float

    def at(self, value: float) -> float:
        share = (value - self.low) / ((self.high - self.low) or 1)
        return _pct((self.left_mm + share * self.usable_mm) / self.track_mm * 100)


def _scale(values: Sequence[float], texts: Sequence[str], track_mm: float, *, extra=()) -> _Scale:
    low = min([0.0, *values, *extra])
    high = max([0.0, *values, *extra])
    right = _widest([t for v, t in zip(values, texts) if v >= 0])
    left = _widest([t for v, t in zip(values, texts) if v < 0])
    right_mm = right + GAP_MM + 0.5 if right else 0.5
    left_mm = left + GAP_MM + 0.5 if left else 0.0
    usable = max(track_mm - left_mm - right_mm, track_mm * 0.3)
    return _Scale(low, high, left_mm, usable, track_mm)


def _bar(scale: _Scale, value: float, text: str, tone: str, mark=None) -> Bar:
    start, end = scale.at(min(value, 0.0)), scale.at(max(value, 0.0))
    return Bar(start, _pct(end - start), text, tone, value < 0, mark)


def _label_column(labels: Sequence[str], width_mm: float) -> tuple[float, list[str]]:
    """The label column's width and the labels cut to it."""
    room = width_mm * MAX_LABEL_SHARE
    # 4 % more than the estimate: WeasyPrint's kerning and rounding may set a line wider.
    widest = _widest(labels, LABEL_PT)
    if widest * 1.04 + 3.0 > room:
        widest = (room - 3.0) / 1.04
    column = _pct(widest * 1.04 + 3.0 + 0.01)
    return column, [ellipsize(lbl, widest, LABEL_PT) for lbl in labels]


def _bars_chart(
    labels: Sequence[str],
    series: Sequence[tuple[Sequence[float], Sequence[str], str]],  # values, texts, tone
    *,
    alt: str,
    width: float,
    keys: Sequence[Key] = (),
    tones: Sequence[str] = (),  # one per label, for a single series coloured by label
    marks: Sequence[float | None] = (),  # one per label: a mark on the bar's line
    target: float | None = None,  # a vertical line at this value
) -> Chart:
    column, shown = _label_column(labels, width)
    every = [v for values, _texts, _tone in series for v in values]
    texts = [t for _values, ts, _tone in series for t in ts]
    known = [m for m in marks if m is not None]
    scale = _scale(every, texts, width - column, extra=known + ([target] if target else []))
    groups = []
    for i, label in enumerate(shown):
        bars = []
        for values, value_texts, tone in series:
            bar = _bar(scale, values[i], value_texts[i], tones[i] if tones else tone)
            mark = marks[i] if i < len(marks) else None
            if mark is not None:
                bar = replace(bar, mark=scale.at(mark))
            bars.append(bar)
        groups.append(Group(label, tuple(bars)))
    rows = len(series)
    return Chart(
        "bars",
        alt,
        tuple(groups),
        tuple(keys),
        label_mm=column,
        row_mm=ROW_MM if rows == 1 else rows * LINE_MM + 3.6,
        target=None if target is None else scale.at(target),
    )


def bar_chart(
    *,
    labels: Sequence[str],
    values: Sequence[float],
    value_labels: Sequence[str],
    style: ChartStyle,
    alt: str = "",
    width: float = WIDTH_MM,
) -> Chart:
    """One series of horizontal bars, each labelled with its value."""
    return _bars_chart(labels, [(values, value_labels, "primary")], alt=alt, width=width)


def paired_bar_chart(
    *,
    labels: Sequence[str],
    first: Sequence[float],
    second: Sequence[float],
    first_label: str,
    second_label: str,
    style: ChartStyle,
    alt: str = "",
    width: float = WIDTH_MM,
) -> Chart:
    """Two series per label (investment and return by channel), horizontal."""
    return _bars_chart(
        labels,
        [
            (first, [_compact_money(v, style) for v in first], "primary"),
            (second, [_compact_money(v, style) for v in second], "accent hatched"),
        ],
        alt=alt,
        width=width,
        keys=(Key(first_label, "primary"), Key(second_label, "accent hatched")),
    )


def attainment_chart(
    *,
    labels: Sequence[str],
    values: Sequence[float],
    value_labels: Sequence[str],
    target_label: str,
    style: ChartStyle,
    alt: str = "",
    width: float = WIDTH_MM,
    expected: Sequence[float | None] = (),
    expected_label: str = "",
) -> Chart:
    """Each goal's attainment in percent against the 100 % target line; a goal behind its
    target is drawn in the accent colour, hatched. `expected` (v1.1 pacing): where each
    bar should stand by now, drawn as a mark."""
    cap = 300.0  # a bar past 300 % is drawn at 300 % (its label still says the figure)
    marks = [None if e is None else min(e, cap) for e in expected]
    keys = [Key(target_label, "target")]
    if any(m is not None for m in marks):
        keys.append(Key(expected_label, "mark"))
    return _bars_chart(
        labels,
        [([min(v, cap) for v in values], value_labels, "primary")],
        alt=alt,
        width=width,
        keys=keys,
        tones=["accent hatched" if v < 100 else "primary" for v in values],
        marks=marks,
        target=100.0,
    )


def lead_cost_chart(
    *,
    labels: Sequence[str],
    values: Sequence[float],
    value_labels: Sequence[str],
    social: Sequence[bool],
    social_label: str,
    other_label: str,
    style: ChartStyle,
    alt: str = "",
    width: float = WIDTH_MM,
) -> Chart:
    """Cost per lead by channel: social channels in the brand colour, others grey hatched."""
    keys = [Key(social_label, "primary")]
    if not all(social):
        keys.append(Key(other_label, "other hatched"))
    return _bars_chart(
        labels,
        [(values, value_labels, "primary")],
        alt=alt,
        width=width,
        keys=keys,
        tones=["primary" if s else "other hatched" for s in social],
    )


def funnel_chart(
    *,
    labels: Sequence[str],
    values: Sequence[int],
    value_labels: Sequence[str],
    weakest: int | None,
    style: ChartStyle,
    alt: str = "",
    width: float = WIDTH_MM,
) -> Chart:
    """Leads reaching each funnel stage as centred bars (the funnel's shape, from real
    counts), their counts in a column on the right; the stage after the weakest step in
    the accent colour, hatched."""
    column, shown = _label_column(labels, width)
    track = width - column
    room = _widest(value_labels) + GAP_MM + 1.0
    usable = max(track - room, track * 0.3)
    top = max(values, default=0) or 1
    groups = []
    for i, (label, value, text) in enumerate(zip(shown, values, value_labels)):
        size = usable * max(value, 0) / top
        tone = "accent hatched" if i == weakest else "primary"
        start = (usable - size) / 2
        bar = Bar(_pct(start / track * 100), _pct(size / track * 100), text, tone)
        groups.append(Group(label, (bar,)))
    return Chart(
        "bars",
        alt,
        tuple(groups),
        label_mm=column,
        row_mm=6.0,
        value_at=_pct((usable + GAP_MM) / track * 100),
        centred=True,
    )


# --- columns -------------------------------------------------------------------------------


def nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """Round tick values from `low` to at least `high` (1, 2, 2.5 or 5 times a power of
    ten apart), zero among them."""
    span = (high - low) or abs(high) or 1.0
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(s * power for s in (1, 2, 2.5, 5, 10) if s * power >= raw)
    first = math.floor(low / step + 1e-9) * step
    last = math.ceil(high / step - 1e-9) * step
    n = round((last - first) / step)
    return [first + k * step for k in range(n + 1)]


@dataclass(frozen=True)
class _Axis:
    low: float
    high: float

    def at(self, value: float) -> float:
        return _pct((value - self.low) / ((self.high - self.low) or 1) * 100)


def _axis(values: Sequence[float], height_mm: float, headroom_mm: float) -> tuple[_Axis, list]:
    """An axis from round ticks, stretched so the tallest bar leaves `headroom_mm` free
    above it for its value label (and the deepest one below it)."""
    ticks = nice_ticks(min([0.0, *values]), max([0.0, *values]))
    low, high = ticks[0], ticks[-1]
    keep = (height_mm - headroom_mm) / height_mm
    top = max(values, default=0.0)
    bottom = min(values, default=0.0)
    span = high - low
    if top > 0 and (top - low) > keep * span:
        high = low + (top - low) / keep
    if bottom < 0 and (high - bottom) > keep * (high - low):
        low = high - (high - bottom) / keep
    return _Axis(low, high), ticks


def _columns_chart(
    groups: Sequence[str],
    series: Sequence[tuple[Sequence[float], Sequence[str], str]],  # values, texts, tone
    *,
    alt: str,
    fmt,
    keys: Sequence[Key],
    height: float,
    width: float = WIDTH_MM,
    right_mm: float = 2.0,
    labelled: bool = True,
    group_share: float = 0.7,
) -> Chart:
    every = [v for values, _texts, _tone in series for v in values]
    axis, ticks = _axis(every, height, 4.5 if labelled else 1.0)
    tick_texts = [fmt(t) for t in ticks]
    left_mm = _pct(_widest(tick_texts, TICK_PT) + 2.5)
    plot_mm = width - left_mm - right_mm
    slot = 100 / max(len(groups), 1)
    thick = slot * group_share / max(len(series), 1)
    zero = axis.at(0.0)
    label_room = plot_mm * slot / 100 - 1.0
    out = []
    for i, name in enumerate(groups):
        bars = []
        for k, (values, texts, tone) in enumerate(series):
            value = values[i]
            start, end = axis.at(min(value, 0.0)), axis.at(max(value, 0.0))
            across = i * slot + slot * (1 - group_share) / 2 + k * thick
            bars.append(
                Bar(
                    start,
                    _pct(end - start),
                    texts[i] if labelled else "",
                    tone,
                    value < 0,
                    across=_pct(across),
                    thick=_pct(thick),
                )
            )
        label = "\n".join(ellipsize(part, label_room, GROUP_PT) for part in name.split("\n"))
        out.append(Group(label, tuple(bars), across=_pct(i * slot), width=_pct(slot)))
    return Chart(
        "columns",
        alt,
        tuple(out),
        tuple(keys),
        ticks=tuple(Tick(axis.at(t), text) for t, text in zip(ticks, tick_texts)),
        left_mm=left_mm,
        right_mm=_pct(right_mm),
        height_mm=height,
        plot_mm=_pct(plot_mm),
        zero=zero,
    )


def _period_bars(
    groups: Sequence[str],
    *,
    current: Sequence[float],
    previous: Sequence[float] | None,
    current_label: str,
    previous_label: str,
    alt: str,
    fmt,
    height: float,
) -> Chart:
    """Columns per group: the comparison period (grey, hatched) beside this period."""
    series, keys = [], []
    if previous is not None:
        series.append((previous, [fmt(v) for v in previous], "comparison hatched"))
        keys.append(Key(previous_label, "comparison hatched"))
    series.append((current, [fmt(v) for v in current], "primary"))
    keys.append(Key(current_label, "primary"))
    return _columns_chart(
        groups,
        series,
        alt=alt,
        fmt=fmt,
        keys=keys,
        height=height,
        group_share=0.6 if previous is not None else 0.32,
    )


def summary_chart(*, groups: Sequence[str], style: ChartStyle, alt: str = "", **periods) -> Chart:
    """Investment and return, this period against the comparison period (`periods`:
    current, previous, current_label, previous_label)."""
    fmt = lambda v: _compact_money(v, style)  # noqa: E731
    return _period_bars(groups, **periods, alt=alt, fmt=fmt, height=46.0)


def bands_chart(*, labels: Sequence[str], style: ChartStyle, alt: str = "", **periods) -> Chart:
    """Leads by band, this period against the comparison period (`periods` as above)."""
    fmt = lambda v: _compact_count(v, style)  # noqa: E731
    return _period_bars(labels, **periods, alt=alt, fmt=fmt, height=34.0)
