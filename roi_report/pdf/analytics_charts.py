"""Charts of the contract v1.1 pages: the monthly trend and the attribution models.

Built like the other charts (`charts`): columns in HTML, the brand colours from the CSS;
the trend's ROI is a polyline of a few coordinates over its columns, with its own ticks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from roi_report.pdf.charts import (
    TICK_PT,
    WIDTH_MM,
    Chart,
    ChartStyle,
    Key,
    Line,
    Tick,
    _columns_chart,
    _compact_money,
    _widest,
    nice_ticks,
)

MAX_SHADES = 8  # report.css: .shade-1 … .shade-8, light to dark greys


def _money_columns(groups, series, keys, style, alt, width, height, **options) -> Chart:
    return _columns_chart(
        groups,
        [(values, ["" for _ in values], tone) for values, tone in series],
        alt=alt,
        fmt=lambda v: _compact_money(v, style),
        keys=keys,
        height=height,
        width=width,
        labelled=False,
        **options,
    )


def trend_chart(
    *,
    months: Sequence[str],
    investment: Sequence[float],
    returned: Sequence[float],
    roi: Sequence[float | None],
    labels: tuple[str, str, str],  # investment, return, ROI
    style: ChartStyle,
    alt: str = "",
    width: float = WIDTH_MM,
) -> Chart:
    """Investment and return per month as columns, ROI as a line on its own axis."""
    known = [v for v in roi if v is not None]
    roi_ticks = nice_ticks(min([0.0, *known]), max([0.0, *known]))
    tick_texts = [f"{t:.0f} %" for t in roi_ticks]
    chart = _money_columns(
        months,
        [(investment, "primary"), (returned, "accent hatched")],
        (Key(labels[0], "primary"), Key(labels[1], "accent hatched"), Key(labels[2], "line")),
        style,
        alt,
        width,
        44.0,
        right_mm=_widest(tick_texts, TICK_PT) + 2.5,
        group_share=0.72,
    )
    low, high = roi_ticks[0], roi_ticks[-1]
    span = (high - low) or 1.0

    def y(value: float) -> float:  # millimetres from the plot's top
        return round(chart.height_mm * (1 - (value - low) / span), 2)

    slot = chart.plot_mm / max(len(months), 1)
    dots = tuple((round((i + 0.5) * slot, 2), y(v)) for i, v in enumerate(roi) if v is not None)
    line = Line(
        points=" ".join(f"{x},{yy}" for x, yy in dots),
        dots=dots,
        zero=y(0.0) if low < 0 < high else None,
        ticks=tuple(
            Tick(round((t - low) / span * 100, 2), text) for t, text in zip(roi_ticks, tick_texts)
        ),
    )
    return replace(chart, line=line)


def models_chart(
    *,
    channels: Sequence[str],
    models: Sequence[str],
    values: Sequence[Sequence[float]],  # per model, per channel
    style: ChartStyle,
    alt: str = "",
    width: float = WIDTH_MM,
) -> Chart:
    """Revenue credited to each social channel, one column per model, grouped by channel:
    the first model in the brand colour, the last in the accent, greys between."""
    n = len(models)
    tones = [
        "primary" if k == 0 else "accent" if k == n - 1 else f"shade-{min(k, MAX_SHADES)}"
        for k in range(n)
    ]
    return _money_columns(
        channels,
        list(zip(values, tones)),
        tuple(Key(name, tone) for name, tone in zip(models, tones)),
        style,
        alt,
        width,
        44.0,
        group_share=0.8,
    )
