"""The report's charts: matplotlib figures saved as vector SVG, embedded as data: URLs.

Matplotlib is imported inside the functions (it is slow to import, and `check` never draws),
and only through its object API — no pyplot, no global backend — so drawing is safe in any
process. Colours come from the brand; every series also differs in lightness and, where two
series could be confused, in hatching, so a chart still reads when printed in greyscale.
Text stays text (`svg.fonttype = "none"`): WeasyPrint lays it out in the report's fonts, with
fontconfig's fallback for characters they lack, as it does the page's text; matplotlib
measures it with the same fonts (see `fonts.py`), so labels get the room they need. An SVG
of text is a tenth the size of one of glyph outlines and far quicker to draw.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import io
import logging
import unicodedata
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

from roi_report.pdf.fonts import LAST_RESORT, SystemFont, fallback_fonts
from roi_report.pdf.formatting import format_compact_count, format_compact_money

WIDTH_IN = 6.8  # the text width of the page, in inches
INK = "#2B2F36"
MUTED = "#6B7280"
GRID = "#E3E6EA"
COMPARISON = "#C4C9D0"  # the comparison period: light grey, whatever the brand
OTHER = "#9AA1AB"  # other (non-social) channels
FONT_FILES = ("Inter-Regular.ttf", "Inter-Medium.ttf", "Inter-SemiBold.ttf", "Inter-Bold.ttf")
FONT_SIZE = 8.5
MAX_LABEL = 34
HATCH = "////"
LEGEND_IN = 0.34  # room above the bars for a legend


@dataclass(frozen=True)
class ChartStyle:
    primary: str
    accent: str
    font: str
    language: str
    currency: str


def data_url(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


@functools.lru_cache(maxsize=1)
def register_fonts() -> tuple[str, ...]:
    """The report's own font (templates/fonts) for matplotlib; the family names found."""
    from matplotlib import font_manager

    from roi_report.resources import templates_dir

    names = []
    for name in FONT_FILES:
        path = templates_dir() / "fonts" / name
        if path.is_file():
            font_manager.fontManager.addfont(str(path))
            names.append(font_manager.FontProperties(fname=str(path)).get_name())
    return tuple(dict.fromkeys(names))


@functools.lru_cache(maxsize=8)
def _font_family(wanted: str) -> tuple[str, ...]:
    """The brand's font first when this machine has it, then the shipped one."""
    from matplotlib import font_manager

    shipped = register_fonts()
    try:
        font_manager.findfont(font_manager.FontProperties(family=wanted), fallback_to_default=False)
    except ValueError:
        return (*shipped, LAST_RESORT)
    return tuple(dict.fromkeys((wanted, *shipped, LAST_RESORT)))


@functools.lru_cache(maxsize=64)
def _system_family(font: SystemFont) -> str:
    """A fallback font's family as matplotlib names it, added by file: matplotlib's own
    font list is cached on disk and misses fonts installed since."""
    from matplotlib import font_manager

    if not font.file:
        return font.family
    font_manager.fontManager.addfont(font.file)
    return font_manager.FontProperties(fname=font.file).get_name()


def _rc(style: ChartStyle, texts: Sequence[str] = ()) -> dict:
    fallbacks, _missing = fallback_fonts(texts)
    family = [*_font_family(style.font), *(_system_family(f) for f in fallbacks)]
    return {
        "font.family": "sans-serif",
        "font.sans-serif": list(dict.fromkeys(family)),
        "font.size": FONT_SIZE,
        "svg.fonttype": "none",
        "svg.hashsalt": "roi-report",
        "axes.edgecolor": GRID,
        "axes.labelcolor": INK,
        "xtick.color": MUTED,
        "ytick.color": INK,
        "text.color": INK,
        "hatch.linewidth": 0.8,
        "axes.unicode_minus": True,
        "legend.fontsize": 8,
        # Channel and campaign names are text: a "$" in one is no math markup.
        "text.parse_math": False,
        "text.usetex": False,
    }


@contextlib.contextmanager
def _drawing(style: ChartStyle, texts: Sequence[str]):
    """matplotlib set up for one chart, its own warnings kept off the terminal: a character
    no font has is reported once for the whole report (render.py), not per glyph here."""
    import matplotlib

    font_log = logging.getLogger("matplotlib.font_manager")
    level = font_log.level
    font_log.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with matplotlib.rc_context(_rc(style, texts)):
                yield
    finally:
        font_log.setLevel(level)


def _to_svg(fig) -> str:
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    FigureCanvasSVG(fig)
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None}, transparent=True)
    return buffer.getvalue()


def _units(ch: str) -> int:
    """A character's width in Latin letters: Chinese, Japanese and Korean ones are double."""
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _short(label: str) -> str:
    """At most MAX_LABEL letters wide, cut with an ellipsis."""
    if sum(map(_units, label)) <= MAX_LABEL:
        return label
    kept, width = [], 1  # the ellipsis
    for ch in label:
        width += _units(ch)
        if width > MAX_LABEL:
            break
        kept.append(ch)
    return "".join(kept).rstrip() + "…"


def _compact_money(value: float, style: ChartStyle) -> str:
    return format_compact_money(value, style.currency, style.language)


def _compact_count(value: float, style: ChartStyle) -> str:
    return format_compact_count(value, style.language)


def _plain_axes(ax) -> None:
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)
    ax.set_axisbelow(True)


def _legend(ax, handles, labels) -> None:
    ax.legend(
        handles,
        labels,
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        ncol=len(labels),
        frameon=False,
        handlelength=1.6,
        handleheight=1.0,
        borderaxespad=0.5,
        borderpad=0,
        columnspacing=1.8,
    )


def _label_room(labels: Sequence[str]) -> float:
    """Inches left of the bars for the longest category label."""
    longest = max((sum(map(_units, _short(lbl))) for lbl in labels), default=4)
    return 0.2 + 0.062 * longest


def _hbar_axes(labels: Sequence[str], width: float, per_bar: float, legend: bool):
    """A figure sized to its bars, with room for the labels (and a legend above)."""
    from matplotlib.figure import Figure

    bars_in = per_bar * max(len(labels), 1)
    top_in = LEGEND_IN if legend else 0.05
    bottom_in = 0.05
    height = bars_in + top_in + bottom_in
    left_in = min(_label_room(labels), width * 0.45)
    fig = Figure(figsize=(width, height))
    ax = fig.add_axes(
        (left_in / width, bottom_in / height, 1 - (left_in + 0.05) / width, bars_in / height)
    )
    _plain_axes(ax)
    ax.xaxis.set_visible(False)
    y = list(range(len(labels)))
    ax.set_yticks(y, [_short(lbl) for lbl in labels])
    ax.set_ylim(len(labels) - 0.5, -0.5)  # first label on top
    return fig, ax, y


def _value_labels(ax, bars, texts: Sequence[str], size: float = 7.5) -> None:
    ax.bar_label(
        bars,
        labels=list(texts),
        padding=3,
        fontsize=size,
        color=INK,
        bbox={"boxstyle": "square,pad=0.12", "facecolor": "white", "edgecolor": "none"},
    )


def _value_room(ax, values: Sequence[float], room: float, horizontal: bool = True) -> None:
    top = max([v for v in values if v is not None] + [0]) or 1
    if horizontal:
        ax.set_xlim(0, top * (1 + room))
    else:
        ax.set_ylim(0, top * (1 + room))


def _period_bars(
    *,
    groups: Sequence[str],
    current: Sequence[float],
    previous: Sequence[float] | None,
    current_label: str,
    previous_label: str,
    style: ChartStyle,
    fmt,
    height: float,
    money_axis: bool,
) -> str:
    """Vertical bars per group: the comparison period (grey, hatched) beside this period."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    with _drawing(style, [*groups, current_label, previous_label]):
        fig = Figure(figsize=(WIDTH_IN, height))
        left_in = 0.75
        ax = fig.add_axes(
            (
                left_in / WIDTH_IN,
                0.32 / height,
                1 - (left_in + 0.1) / WIDTH_IN,
                1 - (0.32 + LEGEND_IN + 0.05) / height,
            )
        )
        _plain_axes(ax)
        ax.grid(axis="y", color=GRID, linewidth=0.6)
        x = list(range(len(groups)))
        width = 0.36 if previous is not None else 0.42
        handles, names, values = [], [], list(current)
        if previous is not None:
            before = ax.bar(
                [i - width / 2 for i in x],
                previous,
                width,
                color=COMPARISON,
                hatch=HATCH,
                edgecolor="white",
                linewidth=0,
            )
            _value_labels(ax, before, [fmt(v) for v in previous])
            handles.append(before)
            names.append(previous_label)
            values += list(previous)
        offset = width / 2 if previous is not None else 0
        now = ax.bar([i + offset for i in x], current, width, color=style.primary, linewidth=0)
        _value_labels(ax, now, [fmt(v) for v in current])
        handles.append(now)
        names.append(current_label)
        ax.set_xticks(x, list(groups), fontsize=9)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=not money_axis))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt(v)))
        _value_room(ax, values, 0.16, horizontal=False)
        _legend(ax, handles, names)
        return _to_svg(fig)


def summary_chart(
    *,
    groups: Sequence[str],
    current: Sequence[float],
    previous: Sequence[float] | None,
    current_label: str,
    previous_label: str,
    style: ChartStyle,
) -> str:
    """Investment and return, this period against the comparison period."""
    return _period_bars(
        groups=groups,
        current=current,
        previous=previous,
        current_label=current_label,
        previous_label=previous_label,
        style=style,
        fmt=lambda v: _compact_money(v, style),
        height=2.4,
        money_axis=True,
    )


def bands_chart(
    *,
    labels: Sequence[str],
    current: Sequence[int],
    previous: Sequence[int] | None,
    current_label: str,
    previous_label: str,
    style: ChartStyle,
) -> str:
    """Leads by band, this period against the comparison period."""
    return _period_bars(
        groups=labels,
        current=current,
        previous=previous,
        current_label=current_label,
        previous_label=previous_label,
        style=style,
        fmt=lambda v: _compact_count(v, style),
        height=1.9,
        money_axis=False,
    )


def bar_chart(
    *,
    labels: Sequence[str],
    values: Sequence[float],
    value_labels: Sequence[str],
    style: ChartStyle,
    width: float = WIDTH_IN,
) -> str:
    """One series of horizontal bars, each labelled with its value."""

    with _drawing(style, [*labels, *value_labels]):
        fig, ax, y = _hbar_axes(labels, width, 0.3, legend=False)
        bars = ax.barh(y, values, 0.62, color=style.primary, linewidth=0)
        _value_labels(ax, bars, value_labels)
        _value_room(ax, values, 0.62 if width < 4 else 0.3)
        return _to_svg(fig)


def paired_bar_chart(
    *,
    labels: Sequence[str],
    first: Sequence[float],
    second: Sequence[float],
    first_label: str,
    second_label: str,
    style: ChartStyle,
    width: float = WIDTH_IN,
) -> str:
    """Two series per label (investment and return by channel), horizontal."""

    with _drawing(style, [*labels, first_label, second_label]):
        fig, ax, y = _hbar_axes(labels, width, 0.56, legend=True)
        h = 0.38
        one = ax.barh([i - h / 2 for i in y], first, h, color=style.primary, linewidth=0)
        two = ax.barh(
            [i + h / 2 for i in y],
            second,
            h,
            color=style.accent,
            hatch=HATCH,
            edgecolor="white",
            linewidth=0,
        )
        _value_labels(ax, one, [_compact_money(v, style) for v in first])
        _value_labels(ax, two, [_compact_money(v, style) for v in second])
        _value_room(ax, [*first, *second], 0.16)
        _legend(ax, [one, two], [first_label, second_label])
        return _to_svg(fig)


def attainment_chart(
    *,
    labels: Sequence[str],
    values: Sequence[float],
    value_labels: Sequence[str],
    target_label: str,
    style: ChartStyle,
    width: float = WIDTH_IN,
    expected: Sequence[float | None] = (),
    expected_label: str = "",
) -> str:
    """Each goal's attainment in percent against the 100 % target line; a goal behind its
    target is drawn in the accent colour, hatched. `expected` (v1.1 pacing): where each
    bar should stand by now, drawn as a marker."""

    cap = 300.0  # a bar past 300 % is drawn at 300 % (its label still says the figure)
    shown = [min(v, cap) for v in values]
    with _drawing(style, [*labels, *value_labels, target_label]):
        fig, ax, y = _hbar_axes(labels, width, 0.32, legend=True)
        behind = [v < 100 for v in values]
        bars = ax.barh(
            y,
            shown,
            0.6,
            color=[style.accent if b else style.primary for b in behind],
            edgecolor="white",
            linewidth=0,
        )
        for bar, is_behind in zip(bars, behind):
            bar.set_hatch(HATCH if is_behind else "")
        line = ax.axvline(100, color=INK, linewidth=1.0, linestyle=(0, (4, 2)), zorder=1)
        _value_labels(ax, bars, value_labels)
        _value_room(ax, [*shown, 100], 0.2)
        marks = [(i, min(v, cap)) for i, v in zip(y, expected) if v is not None]
        if marks:
            dots = ax.scatter(
                [v for _, v in marks], [i for i, _ in marks], marker="|", s=160, color=INK, zorder=3
            )
            _legend(ax, [line, dots], [target_label, expected_label])
        else:
            _legend(ax, [line], [target_label])
        return _to_svg(fig)


def lead_cost_chart(
    *,
    labels: Sequence[str],
    values: Sequence[float],
    value_labels: Sequence[str],
    social: Sequence[bool],
    social_label: str,
    other_label: str,
    style: ChartStyle,
    width: float = WIDTH_IN,
) -> str:
    """Cost per lead by channel: social channels in the brand colour, others grey hatched."""
    from matplotlib.patches import Patch

    with _drawing(style, [*labels, *value_labels, social_label, other_label]):
        fig, ax, y = _hbar_axes(labels, width, 0.3, legend=True)
        bars = ax.barh(
            y,
            values,
            0.6,
            color=[style.primary if s else OTHER for s in social],
            edgecolor="white",
            linewidth=0,
        )
        for bar, is_social in zip(bars, social):
            bar.set_hatch("" if is_social else HATCH)
        _value_labels(ax, bars, value_labels)
        _value_room(ax, values, 0.22)
        handles = [Patch(facecolor=style.primary, label=social_label)]
        if not all(social):
            handles.append(
                Patch(facecolor=OTHER, hatch=HATCH, edgecolor="white", label=other_label)
            )
        _legend(ax, handles, [h.get_label() for h in handles])
        return _to_svg(fig)


def funnel_chart(
    *,
    labels: Sequence[str],
    values: Sequence[int],
    value_labels: Sequence[str],
    weakest: int | None,
    style: ChartStyle,
    width: float = WIDTH_IN,
) -> str:
    """Leads reaching each funnel stage as centred bars (the funnel's shape, from real
    counts); the stage after the weakest step in the accent colour, hatched."""

    with _drawing(style, [*labels, *value_labels]):
        fig, ax, y = _hbar_axes(labels, width, 0.26, legend=False)
        top = max(values) or 1
        bars = ax.barh(
            y,
            values,
            0.72,
            left=[(top - v) / 2 for v in values],
            color=[style.accent if i == weakest else style.primary for i in y],
            edgecolor="white",
            linewidth=0,
        )
        if weakest is not None:
            bars[weakest].set_hatch(HATCH)
        for bar, text in zip(bars, value_labels):
            ax.text(
                top * 1.03,
                bar.get_y() + bar.get_height() / 2,
                text,
                va="center",
                ha="left",
                fontsize=7.5,
                color=INK,
            )
        ax.set_xlim(0, top * 1.22)
        return _to_svg(fig)
