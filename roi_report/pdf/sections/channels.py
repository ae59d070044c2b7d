"""ROI by channel and by campaign."""

from __future__ import annotations

from dataclasses import dataclass

from roi_report.language import messages_for
from roi_report.pdf.sections.base import Chart, Report, Section, SliceRow, largest

_ = messages_for(__name__).gettext


@dataclass(frozen=True)
class ChannelRow:
    channel: str
    investment: str
    return_: str
    roi: str
    leads: str
    cost_per_lead: str
    is_shared: bool = False


@dataclass(frozen=True)
class CampaignsSection:
    has_data: bool
    rows: tuple[SliceRow, ...]
    capped: str = ""


@dataclass(frozen=True)
class ChannelsSection:
    has_data: bool
    rows: tuple[ChannelRow, ...]
    chart: Chart | None
    campaigns: CampaignsSection  # printed under the channels, in the same chapter
    capped: str = ""


def build(report: Report) -> ChannelsSection:
    m = report.metrics
    social = [c for c in m.channels if c.kind == "Social"]
    listed, others = largest(social)
    listed += report.others(others)
    rows = [
        ChannelRow(
            c.channel,
            report.money(c.investment),
            report.money(c.return_),
            report.pct(c.roi_pct),
            report.count(c.leads),
            report.money(c.cost_per_lead),
        )
        for c in listed
    ]
    shared = m.shared
    if shared.investment or shared.return_:
        rows.append(
            ChannelRow(
                _("Shared (channel All)"),
                report.money(shared.investment),
                report.money(shared.return_),
                report.pct(shared.roi_pct),
                "",
                "",
                is_shared=True,
            )
        )
    has_data = any(c.investment or c.return_ for c in social) or bool(
        shared.investment or shared.return_
    )
    chart = None
    if has_data:
        shown = [c for c in listed if c.investment or c.return_]
        chart = report.chart(
            "paired_bar_chart",
            _("Bar chart of investment and return by social channel."),
            labels=tuple(c.channel for c in shown),
            first=tuple(c.investment for c in shown),
            second=tuple(c.return_ for c in shown),
            first_label=_("Investment"),
            second_label=_("Return"),
        )
    return ChannelsSection(has_data, tuple(rows), chart, campaigns(report), report.capped(others))


def campaigns(report: Report) -> CampaignsSection:
    listed, others = largest([s for s in report.metrics.campaigns if s.investment or s.return_])
    rows = tuple(
        SliceRow(
            report.campaign_name(s.name),
            report.money(s.investment),
            report.money(s.return_),
            report.pct(s.roi_pct),
        )
        for s in listed + report.others(others)
    )
    return CampaignsSection(bool(rows), rows, report.capped(others))


SECTION = Section("channels", build)
