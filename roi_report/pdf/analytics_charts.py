"""Charts of the contract v1.1 pages: the monthly trend and the attribution models.

Drawn like the other charts (`charts`): the report's font, the brand colours, SVG.
"""

from __future__ import annotations

from collections.abc import Sequence

from roi_report.pdf.charts import (
    COMPARISON,
    GRID,
    HATCH,
    INK,
    WIDTH_IN,
    ChartStyle,
    _compact_money,
    _drawing,
    _legend,
    _plain_axes,
    _to_svg,
)


def trend_chart(
    *,
    months: Sequence[str],
    investment: Sequence[float],
    returned: Sequence[float],
    roi: Sequence[float | None],
    labels: tuple[str, str, str],  # investment, return, ROI
    style: ChartStyle,
    width: float = WIDTH_IN,
) -> str:
    """Investment and return per month as bars, ROI as a line on its own axis."""
    import matplotlib
    from matplotlib.figure import Figure

    # Month and series names may need fallback fonts, as in every other chart.
    with _drawing(style, [*months, *labels]):
        fig = Figure(figsize=(width, 2.6))
        ax = fig.add_axes((0.1, 0.14, 0.8, 0.68))
        _plain_axes(ax)
        ax.grid(axis="y", color=GRID, linewidth=0.6)
        x = list(range(len(months)))
        w = 0.38
        one = ax.bar([i - w / 2 for i in x], investment, w, color=style.primary, linewidth=0)
        two = ax.bar(
            [i + w / 2 for i in x],
            returned,
            w,
            color=style.accent,
            hatch=HATCH,
            edgecolor="white",
            linewidth=0,
        )
        ax.set_xticks(x, list(months), fontsize=7.5)
        top = max([*investment, *returned, 0]) or 1
        ax.set_ylim(0, top * 1.15)
        ax.set_yticks([0, top / 2, top], [_compact_money(v, style) for v in (0, top / 2, top)])
        line_ax = ax.twinx()
        _plain_axes(line_ax)
        points = [(i, v) for i, v in zip(x, roi) if v is not None]
        (line,) = line_ax.plot(
            [p[0] for p in points], [p[1] for p in points], color=INK, marker="o", markersize=3
        )
        values = [p[1] for p in points] or [0]
        low, high = min(values + [0]), max(values + [0])
        line_ax.set_ylim(low - 0.1 * (high - low or 1), high + 0.15 * (high - low or 1))
        line_ax.axhline(0, color=COMPARISON, linewidth=0.6)
        line_ax.yaxis.set_major_formatter(
            matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:.0f} %")
        )
        _legend(ax, [one, two, line], list(labels))
        return _to_svg(fig)


def models_chart(
    *,
    channels: Sequence[str],
    models: Sequence[str],
    values: Sequence[Sequence[float]],  # per model, per channel
    style: ChartStyle,
    width: float = WIDTH_IN,
) -> str:
    """Revenue credited to each social channel, one bar per model, grouped by channel."""
    import matplotlib
    from matplotlib.figure import Figure

    with _drawing(style, [*channels, *models]):
        fig = Figure(figsize=(width, 2.8))
        ax = fig.add_axes((0.1, 0.12, 0.88, 0.62))
        _plain_axes(ax)
        ax.grid(axis="y", color=GRID, linewidth=0.6)
        n = max(len(models), 1)
        w = 0.8 / n
        cmap = matplotlib.colormaps["Greys"]
        handles = []
        for k, series in enumerate(values):
            shade = (
                style.primary if k == 0 else style.accent if k == n - 1 else cmap(0.3 + 0.6 * k / n)
            )
            bars = ax.bar(
                [i - 0.4 + w * (k + 0.5) for i in range(len(channels))],
                series,
                w,
                color=shade,
                linewidth=0,
            )
            handles.append(bars)
        ax.set_xticks(range(len(channels)), list(channels))
        top = max([v for series in values for v in series] + [0]) or 1
        ax.set_ylim(0, top * 1.1)
        ax.set_yticks([0, top / 2, top], [_compact_money(v, style) for v in (0, top / 2, top)])
        ax.legend(
            handles,
            list(models),
            loc="lower left",
            bbox_to_anchor=(0, 1.0),
            ncol=min(n, 5),
            frameon=False,
            fontsize=7,
            handlelength=1.2,
            columnspacing=1.0,
        )
        return _to_svg(fig)
