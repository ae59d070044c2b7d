"""Rows read from an export onto the contract's tables: ad spend into Costs, results into
Results, CRM records into Leads, and the channels they name into Channels.

Each imported row carries its origin in the Description column ("Imported from Meta Ads
Manager: september.csv"), so a person can audit it and a later import of the same source
replaces it: the rows of that source dated within the new export's range on its channels
(Costs, Results), the leads with the same ID (Leads).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from roi_report.errors import InputFileError
from roi_report.importing.base import ADS, Export, Parsed
from roi_report.importing.crm import NETWORKS, OTHER, SOCIAL
from roi_report.language import messages_for
from roi_report.workbook.values import text_key

_ = messages_for(__name__).gettext

MARK = "Imported from"  # data, not a message: kept in English so every import finds it
LEVELS = ("top", "middle", "bottom")
# A platform's channel and the names a workbook may already use for it, preferred first.
SPELLINGS = {"Meta": ("Meta", "Facebook"), "X": ("X", "Twitter"), "Google Ads": ("Google Ads",)}
OTHER_CHANNELS = {"Google Ads", "Search", "Email", "Web", "Referral", "Unknown"}
SOCIAL_NAMES = {*NETWORKS.values(), "Meta", "Messenger", "Audience Network"}


@dataclass(frozen=True)
class Contribution:
    """What one export adds to the workbook."""

    export: Export
    costs: tuple[dict, ...]
    results: tuple[dict, ...]
    leads: tuple[dict, ...]
    channels: tuple[tuple[str, str], ...]  # channels to add: (name, kind)
    covered: tuple[date, date] | None  # the days the export covers
    ad_channels: frozenset[str]  # text keys of the channels its ad rows are on
    skipped: tuple[tuple[str, int], ...]
    unvalued: tuple[str, ...] = ()  # metrics written that no goal of the workbook values
    changed: tuple[tuple[str, int], ...] = ()  # what was changed in rows kept
    # text keys of the CRM's own IDs, as imports wrote them before Lead IDs had a prefix
    # (replaced too, when the row's Description names this source)
    bare_ids: frozenset[str] = frozenset()

    @property
    def prefix(self) -> str:
        return f"{MARK} {self.export.format.title}"


class Channels:
    """The workbook's channels, and those the import adds (with their kind)."""

    def __init__(self, existing: dict[str, tuple[str, str]]):
        self.known = dict(existing)  # text key -> (name, kind)
        self.new: dict[str, tuple[str, str]] = {}

    def name(self, channel: str, kind: str | None = None) -> str:
        for spelling in SPELLINGS.get(channel, (channel,)):
            if text_key(spelling) in self.known:
                return self.known[text_key(spelling)][0]
        if kind is None:
            kind = SOCIAL if channel in SOCIAL_NAMES else OTHER
        if channel in OTHER_CHANNELS:
            kind = OTHER
        self.known[text_key(channel)] = self.new[text_key(channel)] = (channel, kind)
        return channel


def contribution(
    export: Export,
    parsed: Parsed,
    channels: Channels,
    currency: str,
    level: str = "top",
    goal_metrics: set[str] | None = None,
) -> Contribution:
    """The rows an export adds. Every result metric the export has is written; those no
    goal of the workbook values (`goal_metrics`, text keys; None: not known) are named in
    the summary, as they count for nothing in the ROI until a Goals row values them."""
    marker = f"{MARK} {export.format.title}: {export.path.name}"
    before = dict(channels.new)
    unvalued: tuple[str, ...] = ()
    if export.format.kind == ADS:
        valued = None if goal_metrics is None else goal_metrics.__contains__
        costs, results, covered, on, unvalued = _ads(
            export, parsed, channels, currency, level, marker, valued
        )
        leads: tuple = ()
    else:
        leads, covered = _leads(export, parsed, channels, currency, marker)
        costs = results = ()
        on = frozenset()
    added = tuple(v for k, v in channels.new.items() if k not in before)
    bare = frozenset(text_key(lead.own_id) for lead in parsed.leads if lead.own_id)
    return Contribution(
        export,
        costs,
        results,
        leads,
        added,
        covered,
        on,
        parsed.skipped,
        unvalued,
        parsed.changed,
        bare,
    )


def _refuse(export: Export, message: str) -> InputFileError:
    return InputFileError(export.path, message)


def _check_currency(export: Export, found: set[str], currency: str) -> None:
    found = {c for c in found if c}
    if len(found) > 1:
        raise _refuse(
            export,
            _("this export mixes the currencies {found} — export one ad account at a time").format(
                found=", ".join(sorted(found))
            ),
        )
    if found and found != {currency}:
        raise _refuse(
            export,
            _(
                "this export is in {theirs} and the workbook in {ours} — export the report in "
                "{ours}, or import it into a workbook whose Currency is {theirs}"
            ).format(theirs=found.pop(), ours=currency),
        )


def _check_daily(export: Export, parsed: Parsed) -> None:
    """Refuse an export whose rows are not days. When it says so itself (a day-breakdown
    column, each row's end day) that decides; else rows all dated the first day of the
    range its preamble states are taken as one row per campaign for the whole range."""
    rows = parsed.ads
    days = {row.day for row in rows}
    spans_range = parsed.period is not None and parsed.period[1] > parsed.period[0]
    whole_range = not parsed.by_day and spans_range and days == {parsed.period[0]} and rows
    if not parsed.daily or whole_range or any(row.end > row.day for row in rows):
        raise _refuse(
            export,
            _(
                "this {title} export has one row per campaign for the whole date range, not "
                "one per day, so its spend cannot be dated — export it again by day: {how}"
            ).format(title=export.format.title, how=_(export.format.by_day)),
        )


def _ads(export, parsed: Parsed, channels: Channels, currency, level, marker, valued=None):
    _check_daily(export, parsed)
    _check_currency(export, {row.currency for row in parsed.ads}, currency)
    spend: dict[tuple, float] = defaultdict(float)
    counts: dict[tuple, float] = defaultdict(float)
    on = set()
    unvalued: dict[str, None] = {}
    for row in parsed.ads:
        channel = channels.name(row.channel)
        on.add(text_key(channel))
        names = row.levels
        index = {"top": 0, "middle": 1, "bottom": len(names) - 1}[level]
        campaign = names[min(index, len(names) - 1)] if names else ""
        key = (row.day, channel, campaign)
        spend[key] += row.spend
        for metric, count in row.metrics:
            counts[(*key, metric)] += count
            if valued is not None and not valued(text_key(metric)) and count > 0:
                unvalued[metric] = None
    costs = tuple(
        {
            "Date": day,
            "Category": "Ads",
            "Channel": channel,
            "Type": "Paid",
            "Campaign": campaign,
            "Description": marker,
            "Amount": round(amount, 2),
        }
        for (day, channel, campaign), amount in sorted(spend.items())
        if round(amount, 2) > 0
    )
    results = tuple(
        {
            "Date": day,
            "Channel": channel,
            "Type": "Paid",
            "Campaign": campaign,
            "Metric": metric,
            "Count": count,
            "Description": marker,
        }
        for (day, channel, campaign, metric), count in sorted(counts.items())
        if count > 0
    )
    days = [row.day for row in parsed.ads]
    covered = None
    if days:
        first, last = min(days), max(days)
        if parsed.period:
            first, last = min(first, parsed.period[0]), max(last, parsed.period[1])
        covered = (first, last)
    return costs, results, covered, frozenset(on), tuple(unvalued)


def _leads(export, parsed: Parsed, channels: Channels, currency, marker):
    _check_currency(export, {lead.currency for lead in parsed.leads if lead.revenue}, currency)
    rows: dict[str, dict] = {}
    for lead in parsed.leads:
        source = channels.name(lead.source, lead.source_kind)
        via = channels.name(lead.converted_via) if lead.converted_via else None
        rows[text_key(lead.lead_id)] = {
            "Lead ID": lead.lead_id,
            "Created": lead.created,
            "Source": source,
            "Score": lead.score,
            "Stage": lead.stage,
            "Social assist": lead.social_assist,
            "Converted via": via,
            "Won date": lead.won_date,
            "Revenue": lead.revenue,
            "Campaign": lead.campaign or None,
            "Description": marker,
        }
    created = [lead.created for lead in parsed.leads]
    covered = (min(created), max(created)) if created else None
    return tuple(rows.values()), covered
