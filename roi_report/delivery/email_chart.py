"""The small chart inside a report's email: ROI by social channel, a PNG that travels in the
message (cid:), since mail clients block remote images and many do not draw SVG."""

from __future__ import annotations

import io

from roi_report.language import messages_for

_ = messages_for(__name__).gettext

WIDTH_IN, DPI = 5.52, 100  # 552 px: the email's content width
MAX_CHANNELS = 8


def roi_chart(metrics, primary: str, accent: str, language: str) -> bytes | None:
    """Bars of each social channel's ROI, the best in the accent colour; None when no
    social channel had any investment."""
    from matplotlib.figure import Figure

    from roi_report.language import use_language
    from roi_report.pdf.formatting import format_pct

    channels = [
        c
        for c in metrics.channels
        if c.kind == "Social" and c.investment > 0 and c.roi_pct is not None
    ]
    if not channels:
        return None
    channels = sorted(channels, key=lambda c: c.roi_pct, reverse=True)[:MAX_CHANNELS]
    channels.reverse()  # the best at the top
    height = 0.5 + 0.34 * len(channels)
    figure = Figure(figsize=(WIDTH_IN, height), dpi=DPI)
    ax = figure.add_axes((0.25, 0.08, 0.6, 0.8 - 0.1 / len(channels)))
    values = [c.roi_pct for c in channels]
    colours = [accent if c is channels[-1] else primary for c in channels]
    bars = ax.barh(range(len(channels)), values, color=colours, height=0.6)
    ax.set_yticks(range(len(channels)), [c.channel[:28] for c in channels], fontsize=9)
    ax.axvline(0, color="#9AA1AB", linewidth=0.8)
    for spine in ("top", "right", "bottom"):
        ax.spines[spine].set_visible(False)
    ax.tick_params(axis="x", labelbottom=False, bottom=False)
    ax.tick_params(axis="y", length=0)
    span = max(max(values), 0) - min(min(values), 0) or 1
    for bar, value in zip(bars, values):
        x = bar.get_width()
        ax.text(
            x + (span * 0.02 if x >= 0 else -span * 0.02),
            bar.get_y() + bar.get_height() / 2,
            format_pct(value, language),
            va="center",
            ha="left" if x >= 0 else "right",
            fontsize=8.5,
            color="#2B2F36",
        )
    ax.set_xlim(min(min(values), 0) - span * 0.05, max(max(values), 0) + span * 0.3)
    with use_language(language):
        figure.suptitle(_("ROI by channel"), x=0.02, ha="left", fontsize=10, color="#2B2F36")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()
