"""The report's charts: HTML boxes whose sizes follow the figures and stay in their figure.

The charts are frozen `Chart`s (roi_report/pdf/charts.py) printed by the `chart` macro of
templates/partials/macros.html; these tests read both, and one report's context.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from roi_report.metrics.compute import compute
from roi_report.pdf import analytics_charts, charts
from roi_report.pdf.context import build_context
from roi_report.pdf.render import template_environment
from roi_report.pipeline import load

ROOT = Path(__file__).resolve().parent.parent
STYLE = charts.ChartStyle("#1F3A5F", "#E8A33D", "Inter", "en", "USD")
BOX = re.compile(r'class="(?:bar|column) ([^"]*)" style="([^"]*)"')


def chart_html(chart: charts.Chart) -> str:
    env = template_environment()
    page = '{% from "partials/macros.html" import chart %}{{ chart(c) }}'
    return env.from_string(page).render(c=chart)


def boxes(markup: str) -> list[dict[str, float]]:
    """The bars of a chart's HTML: their CSS lengths in percent, by property."""
    found = []
    for _tone, style in BOX.findall(markup):
        found.append({k: float(v) for k, v in re.findall(r"([a-z]+): ([\d.-]+)%", style)})
    return found


def texts(markup: str, cls: str) -> list[str]:
    pattern = rf'<(?:div|span) class="{cls}"[^>]*>([^<]*)</'
    return [html.unescape(t) for t in re.findall(pattern, markup)]


def test_bar_widths_in_the_html_are_proportional_to_the_figures():
    values = [40_000.0, 20_000.0, 10_000.0, 0.0]
    chart = charts.bar_chart(
        labels=["Ads", "Content", "Staff", "Tools"],
        values=values,
        value_labels=["$40K", "$20K", "$10K", "$0"],
        style=STYLE,
    )
    widths = [b["width"] for b in boxes(chart_html(chart))]
    assert widths[0] > 0 and widths[3] == 0
    for width, value in zip(widths, values):
        assert width == pytest.approx(widths[0] * value / values[0], abs=0.02)
    assert texts(chart_html(chart), "bar-label") == ["Ads", "Content", "Staff", "Tools"]


def test_the_channels_chart_of_a_report_follows_its_figures():
    book = load(ROOT / "sample_workbooks" / "acme-saas-us.xlsx")
    metrics = compute(book)
    chart = build_context(metrics, book).channels.chart
    social = [c for c in metrics.channels if c.kind == "Social" and (c.investment or c.return_)]
    assert [g.label for g in chart.groups] == [c.channel for c in social]
    top = max(max(c.investment, c.return_) for c in social)
    longest = max(b.size for g in chart.groups for b in g.bars)
    for group, channel in zip(chart.groups, social):
        invested, returned = group.bars
        assert invested.size == pytest.approx(longest * channel.investment / top, abs=0.05)
        assert returned.size == pytest.approx(longest * channel.return_ / top, abs=0.05)
        assert invested.value.startswith("$") and invested.value[-1] in "KM"
    assert [k.label for k in chart.keys] == ["Investment", "Return"]


def track_mm(chart: charts.Chart, width: float = charts.WIDTH_MM) -> float:
    return width - chart.label_mm


def test_negative_values_grow_left_from_zero_and_stay_in_the_box():
    chart = charts.bar_chart(
        labels=["LinkedIn", "X", "Email"],
        values=[120.0, -45.0, -100.0],
        value_labels=["120.0%", "-45.0%", "-100.0%"],
        style=STYLE,
    )
    up, down, lowest = (g.bars[0] for g in chart.groups)
    assert not up.negative and down.negative and lowest.negative
    zero = up.start
    assert down.start + down.size == pytest.approx(zero) == lowest.start + lowest.size
    assert down.size == pytest.approx(lowest.size * 0.45, abs=0.02)
    assert up.size == pytest.approx(lowest.size * 1.2, abs=0.02)
    # The value labels keep their room on both sides: the lowest bar's label left of it.
    label_pct = charts.text_width_mm("-100.0%", charts.VALUE_PT) / track_mm(chart) * 100
    assert lowest.start >= label_pct
    label_pct = charts.text_width_mm("120.0%", charts.VALUE_PT) / track_mm(chart) * 100
    assert up.start + up.size + label_pct <= 100


def test_huge_amounts_are_written_short_and_their_bars_stay_inside():
    style = charts.ChartStyle("#1F3A5F", "#E8A33D", "Inter", "en", "IDR")
    chart = charts.paired_bar_chart(
        labels=["Instagram", "TikTok"],
        first=[2.5e12, 9.9e11],
        second=[7.4e12, 1.2e12],
        first_label="Investment",
        second_label="Return",
        style=style,
    )
    values = [b.value for g in chart.groups for b in g.bars]
    assert values[1] == "IDR7.4T" and all(len(v) <= 8 for v in values), values
    for group in chart.groups:
        for bar in group.bars:
            room = charts.text_width_mm(bar.value, charts.VALUE_PT) / track_mm(chart) * 100
            assert bar.start >= 0 and bar.start + bar.size + room <= 100


def test_long_names_are_cut_with_an_ellipsis_to_their_column():
    long = "Programmatic display retargeting across the whole of Europe and Asia"
    chart = charts.bar_chart(
        labels=[long, "X"], values=[1.0, 2.0], value_labels=["1", "2"], style=STYLE, width=80
    )
    label = chart.groups[0].label
    assert label.endswith("…") and long.startswith(label[:-1].rstrip())
    assert chart.label_mm <= 80 * charts.MAX_LABEL_SHARE + 0.01
    assert charts.text_width_mm(label, charts.LABEL_PT) <= chart.label_mm - 3.0


def test_attainment_marks_the_target_and_caps_the_bars():
    chart = charts.attainment_chart(
        labels=["Leads", "Demos"],
        values=[50.0, 900.0],
        value_labels=["50.0%", "900.0%"],
        target_label="Target",
        expected=[80.0, None],
        expected_label="Expected by now",
        style=STYLE,
    )
    behind, ahead = (g.bars[0] for g in chart.groups)
    assert behind.tone == "accent hatched" and ahead.tone == "primary"
    assert ahead.value == "900.0%"  # drawn at 300 %, labelled with the figure
    assert chart.target == pytest.approx(behind.start + behind.size * 2, abs=0.02)
    assert ahead.size == pytest.approx(behind.size * 6, abs=0.02)
    assert behind.mark == pytest.approx(behind.start + behind.size * 1.6, abs=0.02)
    assert [k.swatch for k in chart.keys] == ["target", "mark"]


def test_columns_follow_the_figures_and_their_ticks():
    chart = charts.summary_chart(
        groups=("Investment", "Return"),
        current=(81_000.0, 256_000.0),
        previous=(76_000.0, 259_000.0),
        current_label="This period",
        previous_label="Comparison period",
        style=STYLE,
    )
    found = boxes(chart_html(chart))
    heights = [b["height"] for b in found]
    assert heights[1] == pytest.approx(heights[3] * 81 / 256, abs=0.05)
    assert heights[0] == pytest.approx(heights[3] * 76 / 256, abs=0.05)
    assert max(heights) <= 100 and all(b["bottom"] == chart.zero for b in found)
    assert [t.text for t in chart.ticks][:2] == ["$0", "$100K"]
    assert texts(chart_html(chart), "tick") == [t.text for t in chart.ticks]


def test_the_trend_line_runs_through_each_month():
    chart = analytics_charts.trend_chart(
        months=["Jan\n2025", "Feb\n2025", "Mar\n2025"],
        investment=[10.0, 20.0, 30.0],
        returned=[15.0, 10.0, 60.0],
        roi=[50.0, -50.0, None],
        labels=("Investment", "Return", "ROI"),
        style=STYLE,
    )
    assert len(chart.line.dots) == 2
    (x1, y1), (x2, y2) = chart.line.dots
    assert x2 - x1 == pytest.approx(chart.plot_mm / 3, abs=0.02)
    assert 0 <= y1 < chart.line.zero < y2 <= chart.height_mm
    assert [t.text for t in chart.line.ticks][0].startswith("-")
    markup = chart_html(chart)
    assert "<polyline" in markup and texts(markup, "column-label")[0] == "Jan\n2025"


@pytest.mark.parametrize("label", ['<img src="file:///etc/passwd">', "A & B </figure>"])
def test_labels_are_escaped_text(label):
    chart = charts.bar_chart(labels=[label], values=[1.0], value_labels=["1"], style=STYLE)
    markup = chart_html(chart)
    assert "<img" not in markup and "</figure>" in markup
    assert texts(markup, "bar-label") == [label]
