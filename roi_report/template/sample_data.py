"""Seeded generator of realistic filled workbooks.

Used for the bundled samples, `roi-report init --example`, parity tests (many varied small
workbooks, see `random_profile`) and benchmarks (100,000 and 1,000,000 leads).

`generate(profile, seed)` is pure: the same profile and seed always give the same rows.
Rows are tuples of plain values (str, int, float, date, None) in contract column order.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from roi_report.language import N_, SOURCE_LANGUAGE, messages_for, use_language
from roi_report.template.sample_journeys import touches, with_windows
from roi_report.workbook import contract
from roi_report.workbook.periods import add_months, end_of_month

_ = messages_for(__name__).gettext

CURRENCY_SCALE = {
    "USD": 1.0,
    "EUR": 0.92,
    "GBP": 0.79,
    "PLN": 4.0,
    "CHF": 0.88,
    "CAD": 1.36,
    "AUD": 1.5,
    "SEK": 10.5,
}
SOCIAL_POOL = ("LinkedIn", "Facebook", "Instagram", "X", "YouTube", "TikTok", "Pinterest")
OTHER_POOL = ("Email", "Google Ads", "Events", "Website", "Trade fairs", "Webinars")

# Channel traits: monthly ad budget in USD (0 = no paid media) and reach (results weight).
_TRAITS = {
    "LinkedIn": (2400, 1.0),
    "Facebook": (1500, 0.8),
    "Instagram": (1800, 0.9),
    "X": (500, 0.4),
    "YouTube": (1300, 0.6),
    "TikTok": (1100, 0.7),
    "Pinterest": (400, 0.35),
    "Email": (0, 0.9),
    "Google Ads": (3500, 1.0),
    "Events": (0, 0.5),
    "Website": (0, 0.8),
    "Trade fairs": (0, 0.5),
    "Webinars": (0, 0.6),
}

# Metric keys: how a result is valued, monthly count range per channel of reach 1.
METRICS = {
    "leads": {"value": "conversion", "conversion": (0.06, 0.14), "monthly": (8, 40)},
    "demos": {"value": "conversion", "conversion": (0.2, 0.35), "monthly": (2, 12)},
    "subscribers": {"value": "subscriber", "conversion": (0.08, 0.12), "monthly": (40, 400)},
    "quotes": {"value": "direct", "monthly": (4, 30)},
    "followers": {"value": None, "monthly": (80, 1500)},
    "shares": {"value": None, "monthly": (20, 400)},
}
VALUED_METRICS = ("leads", "demos", "subscribers", "quotes")

# The words of the sample data (metric and goal names, campaigns, people, cost
# descriptions) are English here and come from the `template` catalog in the workbook's
# language, so a German example workbook reads German.
METRIC_NAMES = {
    "leads": N_("Leads"),
    "demos": N_("Demo requests"),
    "subscribers": N_("Email subscribers"),
    "quotes": N_("Quote requests"),
    "followers": N_("Followers"),
    "shares": N_("Shares"),
}
# Translators: the name of a sample goal that covers every social channel.
GOAL_ON_ALL = N_("{metric} – social media")
GOAL_ON_CHANNEL = "{metric} – {channel}"
REPORT_TITLE = N_("Social media ROI report")
# Translators: a sample campaign, e.g. "Q3 Product launch" (quarter 3).
CAMPAIGN_NAME = N_("Q{quarter} {theme}")
CAMPAIGN_THEMES = (
    N_("Product launch"),
    N_("Webinar series"),
    N_("Brand awareness"),
    N_("Lead generation"),
    N_("Customer stories"),
    N_("Trade show follow-up"),
)
# Translators: made-up names of a marketing team, common names in your language.
PEOPLE = (
    N_("Sarah Miller"),
    N_("James Carter"),
    N_("Emily Chen"),
    N_("Michael Brooks"),
    N_("Olivia Turner"),
)
# Cost descriptions: {x} is a tool, a channel or a campaign.
TEXTS = {
    "subscription": N_("{x} – monthly subscription"),
    "ads": N_("{x} ads"),
    "retainer": N_("Community management retainer (ad spend billed separately)"),
    "video": N_("Video production for {x}"),
    "photo": N_("Product photo shoot (also used on the website)"),
    "design": N_("Graphic design pack for {x}"),
    "copy": N_("Blog articles and social copy"),
    "print": N_("Printed roll-ups and flyers (photographed for social)"),
    "prizes": N_("Contest prizes"),
    "gifting": N_("Influencer product gifting"),
    "booth": N_("Trade fair booth"),
    "search": N_("Search campaign spend"),
    "newsletter": N_("Newsletter design and copywriting"),
    "license": N_("{x} – annual licence"),
}

# Tools shared by channels: (name, monthly USD, social share or None for 100 %).
SHARED_TOOLS = (
    ("Hootsuite Professional", 99.0, None),
    ("HubSpot Marketing Hub", 800.0, 0.4),
    ("Canva Pro", 120.0, 0.6),
    ("Adobe Creative Cloud", 90.0, 0.3),
    ("Sprout Social", 249.0, None),
    ("Semrush", 130.0, 0.25),
)
CHANNEL_TOOLS = {
    "LinkedIn": ("LinkedIn Sales Navigator", 99.0),
    "YouTube": ("TubeBuddy Pro", 40.0),
    "Instagram": ("Later Growth", 45.0),
    "TikTok": ("CapCut Pro", 10.0),
    "Pinterest": ("Tailwind Pro", 25.0),
    "X": ("X Premium Business", 200.0),
}
OTHER_TOOLS = {"Email": ("Mailchimp Standard", 350.0), "Website": ("Webflow CMS", 29.0)}
# Translators: made-up client companies of the parity tests, typical of your language's
# market; keep one with an apostrophe or accented letters and one with "&".
CLIENTS = (
    N_("Northwind Outdoor Co."),
    N_("O'Neill & Partners LLP"),
    N_("Brightside Coffee Roasters"),
)


@dataclass(frozen=True, kw_only=True)
class Profile:
    """The knobs of a generated workbook."""

    client: str
    currency: str = "USD"
    language: str = "en"
    period_start: date  # the reported period
    period_end: date
    months_of_history: int = 9  # rows span this many months ending at period_end
    channels: tuple[tuple[str, str], ...]  # (name, kind), e.g. ("LinkedIn", "Social")
    cost_rows: int = 60
    staff_rows: int = 20
    result_rows: int = 60
    leads: int = 300
    compare_with: str = "Previous period"
    shared_costs: str = "Proportional"
    slow_below: int = 40
    fast_from: int = 70
    prepared_by: str = ""
    zero_investment: bool = False  # no social costs or staff at all
    text_dates: bool = False  # some dates written as ISO text "2025-03-14"
    percent_text: bool = False  # some Social share cells written as "40%" text
    # Extra knobs (all optional).
    metrics: tuple[str, ...] = ()  # keys of METRICS; empty = chosen by the seed
    customer_value: float = 0.0  # average won deal in the currency; 0 = chosen by the seed
    conversion_factor: float = 1.0  # scales goal conversion rates and values per result
    title: str = ""  # blank = the contract default
    email_to: str = ""
    primary_color: str = ""
    accent_color: str = ""
    touches: bool = True  # v1.1: a Touches sheet with the deals' journeys, paced goals


@dataclass(frozen=True)
class SampleData:
    """Settings by setting label, and rows by table name in contract column order."""

    settings: dict[str, object]
    rows: dict[str, list[tuple]] = field(default_factory=dict)

    def count(self, table: str) -> int:
        return len(self.rows.get(table, ()))


# ---------------------------------------------------------------------------- calendar


def history_start(profile: Profile) -> date:
    start = add_months(profile.period_end.replace(day=1), -(max(profile.months_of_history, 1) - 1))
    return min(start, profile.period_start.replace(day=1))


def _months(start: date, end: date) -> list[tuple[date, date]]:
    """(first, last) day of each month from start to end, clipped to the range."""
    months = []
    first = start.replace(day=1)
    while first <= end:
        months.append((max(first, start), min(end_of_month(first, 0), end)))
        first = add_months(first, 1)
    return months


def _day_between(rng: random.Random, lo: date, hi: date) -> date:
    return lo + timedelta(days=rng.randint(0, (hi - lo).days))


def _campaigns(language: str, start: date, end: date, rng: random.Random):
    """Two campaigns per calendar quarter, e.g. 'Q3 Product launch'."""
    themes = _local(language, CAMPAIGN_THEMES)
    name = _local(language, CAMPAIGN_NAME)
    by_quarter = {}
    first = start.replace(day=1)
    while first <= end:
        key = (first.year, (first.month - 1) // 3 + 1)
        if key not in by_quarter:
            picked = rng.sample(themes, 2)
            by_quarter[key] = tuple(name.format(quarter=key[1], theme=theme) for theme in picked)
        first = add_months(first, 1)
    return by_quarter


def _campaign_on(campaigns, day: date, rng: random.Random) -> str:
    return rng.choice(campaigns[(day.year, (day.month - 1) // 3 + 1)])


# ---------------------------------------------------------------------------- generation


@dataclass
class _World:
    profile: Profile
    scale: float
    language: str
    social: list[str]
    other: list[str]
    months: list[tuple[date, date]]
    campaigns: dict
    customer_value: float
    metrics: tuple[str, ...]


def _traits(channel: str, social: bool) -> tuple[float, float]:
    return _TRAITS.get(channel, (800.0 if social else 0.0, 0.5))


def _money(value: float) -> float:
    return round(value + 0.0, 2)


def _nice(value: float, step: float) -> float:
    return max(step, round(value / step) * step)


def _world(profile: Profile, seed: int) -> _World:
    rng = random.Random(f"{seed}:world")
    language = profile.language if profile.language in contract.LANGUAGES else SOURCE_LANGUAGE
    scale = CURRENCY_SCALE.get(profile.currency.upper(), 1.0)
    social = [name for name, kind in profile.channels if kind == "Social"]
    other = [name for name, kind in profile.channels if kind != "Social"]
    start = history_start(profile)
    months = _months(start, profile.period_end)
    campaigns = _campaigns(language, start, profile.period_end, rng)
    customer_value = profile.customer_value or _nice(rng.uniform(1500, 8000) * scale, 50)
    metrics = tuple(m for m in profile.metrics if m in METRICS)
    if not metrics:
        metrics = ("leads", "followers") + tuple(
            m for m in ("demos", "subscribers", "quotes", "shares") if rng.random() < 0.5
        )
    return _World(
        profile, scale, language, social, other, months, campaigns, customer_value, metrics
    )


def _local(language: str, words):
    """Words of the sample data (a text, a tuple or a dict of them) in `language`."""
    with use_language(language):
        if isinstance(words, str):
            return _(words)
        if isinstance(words, dict):
            return {key: _(text) for key, text in words.items()}
        return tuple(_(text) for text in words)


def report_title(language: str) -> str:
    """The report title of a sample workbook in `language`."""
    return _local(language, REPORT_TITLE)


def _texts(world: _World) -> dict[str, str]:
    return _local(world.language, TEXTS)


def _costs(world: _World, rng: random.Random) -> list[tuple]:
    p = world.profile
    texts = _texts(world)
    social = [] if p.zero_investment else world.social
    tools = rng.sample(SHARED_TOOLS, 3)
    agency = bool(social) and rng.random() < 0.75
    agency_fee = _nice(rng.uniform(1800, 3500) * world.scale, 50)
    recurring = []

    def row(day, category, channel, kind, campaign, description, amount, share=None, stage=None):
        return [day, category, channel, kind, campaign, description, _money(amount), share, stage]

    for lo, hi in world.months:
        if social:
            for name, price, share in tools:
                recurring.append(
                    row(
                        lo,
                        "Tools",
                        contract.ALL_CHANNELS,
                        "Organic",
                        None,
                        texts["subscription"].format(x=name),
                        price * world.scale,
                        share,
                    )
                )
            for channel in social:
                if channel in CHANNEL_TOOLS:
                    name, price = CHANNEL_TOOLS[channel]
                    recurring.append(
                        row(
                            lo,
                            "Tools",
                            channel,
                            "Organic",
                            None,
                            texts["subscription"].format(x=name),
                            price * world.scale,
                        )
                    )
                budget = _traits(channel, True)[0]
                if budget:
                    campaign = (
                        _campaign_on(world.campaigns, hi, rng) if rng.random() < 0.7 else None
                    )
                    stage = rng.choice(contract.FUNNEL_STAGES) if rng.random() < 0.6 else None
                    amount = budget * world.scale * rng.uniform(0.7, 1.3)
                    recurring.append(
                        row(
                            hi,
                            "Ads",
                            channel,
                            "Paid",
                            campaign,
                            texts["ads"].format(x=channel),
                            amount,
                            None,
                            stage,
                        )
                    )
            if agency:
                recurring.append(
                    row(
                        lo,
                        "Agency",
                        contract.ALL_CHANNELS,
                        "Organic",
                        None,
                        texts["retainer"],
                        agency_fee,
                    )
                )
        for channel in world.other:
            budget = _traits(channel, False)[0]
            if budget:
                recurring.append(
                    row(
                        hi,
                        "Ads",
                        channel,
                        "Paid",
                        None,
                        texts["search"],
                        budget * world.scale * rng.uniform(0.8, 1.2),
                    )
                )
            elif channel in OTHER_TOOLS:
                name, price = OTHER_TOOLS[channel]
                recurring.append(
                    row(
                        lo,
                        "Tools",
                        channel,
                        "Organic",
                        None,
                        texts["subscription"].format(x=name),
                        price * world.scale,
                    )
                )
            elif lo.month % 3 == 1:
                recurring.append(
                    row(
                        _day_between(rng, lo, hi),
                        "Other",
                        channel,
                        "Organic",
                        None,
                        texts["booth"],
                        rng.uniform(1500, 4000) * world.scale,
                    )
                )

    def extra(index: int) -> list | None:
        lo, hi = rng.choice(world.months)
        day = _day_between(rng, lo, hi)
        campaign = _campaign_on(world.campaigns, day, rng) if rng.random() < 0.5 else None
        if not social:
            if not world.other:
                return None
            channel = rng.choice(world.other)
            if index % 2:
                return row(
                    day,
                    "Content",
                    channel,
                    "Organic",
                    campaign,
                    texts["newsletter"],
                    rng.uniform(200, 900) * world.scale,
                )
            return row(
                day,
                "Materials",
                channel,
                "Organic",
                campaign,
                texts["print"],
                rng.uniform(150, 700) * world.scale,
            )
        channel = rng.choice(social)
        stage = rng.choice(contract.FUNNEL_STAGES) if rng.random() < 0.3 else None
        kind = index % 6
        if kind == 0:
            return row(
                day,
                "Content",
                channel,
                "Organic",
                campaign,
                texts["video"].format(x=channel),
                rng.uniform(400, 2500) * world.scale,
                None,
                stage,
            )
        if kind == 1:
            return row(
                day,
                "Materials",
                contract.ALL_CHANNELS,
                "Organic",
                campaign,
                texts["photo"],
                rng.uniform(300, 1500) * world.scale,
                rng.choice((0.5, 0.6, 0.75)),
            )
        if kind == 2:
            budget = _traits(channel, True)[0] or 500
            return row(
                day,
                "Ads",
                channel,
                "Paid",
                campaign or _campaign_on(world.campaigns, day, rng),
                texts["ads"].format(x=channel),
                budget * world.scale * rng.uniform(0.2, 0.6),
                None,
                rng.choice(contract.FUNNEL_STAGES),
            )
        if kind == 3:
            return row(
                day,
                "Content",
                contract.ALL_CHANNELS,
                "Organic",
                campaign,
                texts["copy"],
                rng.uniform(250, 1200) * world.scale,
                None,
                stage,
            )
        if kind == 4:
            key = rng.choice(("prizes", "gifting"))
            return row(
                day,
                "Other",
                channel,
                "Organic",
                campaign,
                texts[key],
                rng.uniform(100, 800) * world.scale,
                None,
                "Awareness",
            )
        return row(
            day,
            "Content",
            channel,
            "Organic",
            campaign,
            texts["design"].format(x=channel),
            rng.uniform(200, 900) * world.scale,
            None,
            stage,
        )

    # Recurring charges, with a share of one-off content, materials and campaigns.
    wanted = p.cost_rows
    keep = min(len(recurring), wanted - wanted // 6)
    rows = [recurring[i] for i in sorted(rng.sample(range(len(recurring)), keep))]
    index = 0
    while len(rows) < wanted:
        made = extra(index)
        if made is None:
            break
        rows.append(made)
        index += 1
    rows.sort(key=lambda r: r[0])
    return rows


def _staff(world: _World, rng: random.Random) -> list[list]:
    p = world.profile
    wanted = p.staff_rows
    social = [] if p.zero_investment else world.social
    pool = [*social, contract.ALL_CHANNELS] if social else list(world.other)
    if not wanted or not pool:
        return []
    people = []
    names = list(_local(world.language, PEOPLE))
    rng.shuffle(names)
    for name in names[: max(2, min(5, wanted // 12 + 2))]:
        channels = rng.sample(pool, min(len(pool), rng.randint(1, 3)))
        rate = _nice(rng.uniform(35, 120), 0.5)
        people.append((name, channels, rate, rng.random() < 0.4))
    rows = []
    months = world.months
    for index in range(wanted):
        lo, hi = months[index * len(months) // wanted]
        name, channels, rate, buys_ads = people[index % len(people)]
        channel = rng.choice(channels)
        paid = buys_ads and channel != contract.ALL_CHANNELS and rng.random() < 0.5
        campaign = _campaign_on(world.campaigns, lo, rng) if rng.random() < 0.3 else None
        hours = rng.randint(4, 80) / 2
        rows.append(
            [
                _day_between(rng, lo, hi),
                name,
                channel,
                "Paid" if paid else "Organic",
                campaign,
                rate,
                hours,
            ]
        )
    rows.sort(key=lambda r: r[0])
    return rows


def _channel_metrics(world: _World, rng: random.Random) -> dict[str, list[str]]:
    by_channel = {}
    extra = [m for m in world.metrics if m not in ("leads", "followers")]
    for channel in world.social:
        chosen = [m for m in ("leads", "followers") if m in world.metrics]
        chosen += [m for m in extra if rng.random() < 0.6]
        by_channel[channel] = chosen or ["leads"]
    if world.social:  # every chosen metric is measured somewhere
        for metric in world.metrics:
            if not any(metric in ms for ms in by_channel.values()):
                by_channel[rng.choice(world.social)].append(metric)
    for channel in world.other:
        by_channel[channel] = ["leads"] + (
            ["subscribers"] if channel == "Email" and "subscribers" in world.metrics else []
        )
    return by_channel


def _monthly_mean(world: _World, channel: str, metric: str) -> float:
    lo, hi = METRICS[metric]["monthly"]
    reach = _traits(channel, channel in world.social)[1]
    return (lo + hi) / 2 * reach


def _goals(world: _World, rng: random.Random, by_channel: dict[str, list[str]]) -> list[tuple]:
    p = world.profile
    names = _local(world.language, METRIC_NAMES)
    all_name, channel_name = _local(world.language, GOAL_ON_ALL), GOAL_ON_CHANNEL
    period_months = max(1.0, ((p.period_end - p.period_start).days + 1) / 30.4)
    goals = []

    def goal(metric: str, channel: str, boost: float = 1.0) -> tuple:
        spec = METRICS[metric]
        conversion = value_per_customer = value_per_result = None
        factor = p.conversion_factor
        if spec["value"] == "conversion":
            conversion = round(rng.uniform(*spec["conversion"]) * boost * factor, 3)
            value_per_customer = world.customer_value
        elif spec["value"] == "subscriber":
            conversion = round(rng.uniform(*spec["conversion"]), 3)
            value_per_customer = _nice(world.customer_value * rng.uniform(0.03, 0.08) * factor, 10)
        elif spec["value"] == "direct":
            value_per_result = _nice(world.customer_value * rng.uniform(0.04, 0.1) * factor, 5)
        if channel == contract.ALL_CHANNELS:
            channels = [c for c in world.social if metric in by_channel.get(c, ())]
            label = all_name.format(metric=names[metric])
        else:
            channels = [channel]
            label = channel_name.format(metric=names[metric], channel=channel)
        expected = sum(_monthly_mean(world, c, metric) for c in channels) * period_months
        target = int(_nice(expected * rng.uniform(0.9, 1.3), 10 if expected > 100 else 1))
        if value_per_result is not None:
            worth = value_per_result
        elif conversion is not None:
            worth = conversion * value_per_customer
        else:
            worth = rng.uniform(0.3, 2.5) * world.scale
        target_cost = _money(worth * rng.uniform(0.3, 0.7)) if rng.random() < 0.8 else None
        deadline = p.period_end if rng.random() < 0.6 else None
        return (
            label,
            names[metric],
            channel,
            target if rng.random() < 0.9 else None,
            target_cost,
            deadline,
            conversion,
            value_per_customer,
            value_per_result,
        )

    social_metrics = [m for m in world.metrics if any(m in by_channel[c] for c in world.social)]
    for metric in social_metrics:
        goals.append(goal(metric, contract.ALL_CHANNELS))
    valued = [(c, m) for c in world.social for m in by_channel[c] if m in VALUED_METRICS]
    for channel, metric in rng.sample(valued, min(len(valued), rng.randint(0, 2))):
        goals.append(goal(metric, channel, boost=rng.uniform(1.1, 1.5)))
    for channel in world.other:
        for metric in by_channel[channel]:
            goals.append(goal(metric, channel))
    return goals


def _results(world: _World, rng: random.Random, by_channel: dict[str, list[str]]) -> list[list]:
    wanted = world.profile.result_rows
    keys = []
    for index, (lo, hi) in enumerate(world.months):
        full = (end_of_month(lo, 0) - lo.replace(day=1)).days + 1
        part = ((hi - lo).days + 1) / full
        growth = 1 + 0.03 * index
        for channel in by_channel:
            for metric in by_channel[channel]:
                mean = _monthly_mean(world, channel, metric) * growth * part
                keys.append((lo, hi, channel, metric, mean * rng.uniform(0.7, 1.3)))
    if not wanted or not keys:
        return []
    if wanted <= len(keys):
        pieces = dict.fromkeys(sorted(rng.sample(range(len(keys)), wanted)), 1)
    else:
        pieces = dict.fromkeys(range(len(keys)), wanted // len(keys))
        for index in rng.sample(range(len(keys)), wanted % len(keys)):
            pieces[index] += 1
    names = _local(world.language, METRIC_NAMES)
    rows = []
    for index, count in pieces.items():
        lo, hi, channel, metric, total = keys[index]
        paid_channel = _traits(channel, channel in world.social)[0] > 0
        weights = [rng.uniform(0.5, 1.5) for _ in range(count)]
        for weight in weights:
            day = hi if count == 1 else _day_between(rng, lo, hi)
            paid = paid_channel and (channel == "Google Ads" or rng.random() < 0.35)
            campaign = _campaign_on(world.campaigns, day, rng) if rng.random() < 0.4 else None
            value = max(0, round(total * weight / sum(weights)))
            rows.append(
                [
                    day,
                    channel,
                    "Paid" if paid else "Organic",
                    campaign,
                    names[metric],
                    value,
                ]
            )
    rows.sort(key=lambda r: r[0])
    return rows


def _leads(world: _World, rng: random.Random) -> list[list]:
    p = world.profile
    wanted = p.leads
    channels = [c for c, _ in p.channels]
    if not wanted or not channels:
        return []
    start, end = world.months[0][0], p.period_end
    days = (end - start).days + 1
    # More leads as the months go by: weight 1 at the start, 1.6 at the end.
    offsets = sorted(
        int(days * (math.sqrt(1 + rng.random() * (1.6**2 - 1)) - 1) / 0.6) for _ in range(wanted)
    )
    weights = [
        _traits(c, c in world.social)[1] * (1.0 if c in world.social else 0.8) for c in channels
    ]
    sources = rng.choices(channels, weights=weights, k=wanted)
    social = set(world.social)
    campaigns = world.campaigns
    value = world.customer_value
    width = max(6, len(str(wanted)))
    rows = []
    random_ = rng.random
    for number, (offset, source) in enumerate(zip(offsets, sources), start=1):
        created = start + timedelta(days=min(offset, days - 1))
        age = (end - created).days
        score = None if random_() < 0.03 else min(100, int(rng.betavariate(2.2, 2.4) * 101))
        s = 0.4 if score is None else score / 100
        ripe = min(1.0, age / 45 + 0.2)
        stage = "Lead"
        if random_() < (0.25 + 0.45 * s) * ripe:
            stage = "MQL"
            if random_() < (0.3 + 0.35 * s) * ripe:
                stage = "SQL"
                if random_() < (0.35 + 0.3 * s) * ripe:
                    stage = "Opportunity"
                    if age >= 10 and random_() < min(0.9, age / 90):
                        stage = "Won" if random_() < 0.3 + 0.35 * s else "Lost"
        won_date = revenue = None
        if stage == "Won":
            won_date = created + timedelta(days=rng.randint(7, max(7, min(age, 150))))
            revenue = round(value * rng.uniform(0.5, 1.8), 2)
        if stage == "Lead":
            converted = None if random_() < 0.85 else source
        else:
            roll = random_()
            converted = source if roll < 0.6 else rng.choice(channels) if roll < 0.9 else None
        assist = "Yes" if (random_() < 0.95 if source in social else random_() < 0.3) else "No"
        campaign = _campaign_on(campaigns, created, rng) if random_() < 0.35 else None
        rows.append(
            [
                f"L-{number:0{width}d}",
                created,
                source,
                score,
                stage,
                assist,
                converted,
                won_date,
                revenue,
                campaign,
            ]
        )
    return rows


def _textify_dates(rows: list[list], columns: tuple[int, ...], rng: random.Random) -> None:
    for row in rows:
        for index in columns:
            if isinstance(row[index], date) and rng.random() < 0.12:
                row[index] = row[index].isoformat()


def _settings(profile: Profile) -> dict[str, object]:
    given = {
        "client": profile.client,
        "title": profile.title,
        "period_start": profile.period_start,
        "period_end": profile.period_end,
        "compare_with": profile.compare_with,
        "currency": profile.currency,
        "language": profile.language,
        "shared_costs": profile.shared_costs,
        "slow_below": profile.slow_below,
        "fast_from": profile.fast_from,
        "prepared_by": profile.prepared_by,
        "email_to": profile.email_to,
        "primary_color": profile.primary_color,
        "accent_color": profile.accent_color,
    }
    settings = {}
    for setting in contract.SETTINGS:
        value = given.get(setting.key)
        settings[setting.label] = setting.default if value in (None, "") else value
    return settings


def generate(profile: Profile, seed: int) -> SampleData:
    """The rows of a workbook for `profile`; the same profile and seed give the same data."""
    world = _world(profile, seed)

    def rng(name: str) -> random.Random:
        return random.Random(f"{seed}:{name}")

    costs = _costs(world, rng("costs"))
    staff = _staff(world, rng("staff"))
    by_channel = _channel_metrics(world, rng("metrics"))
    goals = _goals(world, rng("goals"), by_channel)
    results = _results(world, rng("results"), by_channel)
    leads = _leads(world, rng("leads"))
    journeys = []
    if profile.touches:  # v1.1, from streams of their own: the v1 rows stay as they were
        goals = with_windows(goals, profile.period_start, profile.period_end, rng("windows"))
        journeys = touches(leads, profile.channels, profile.period_end, rng("touches"))
    else:
        goals = [(*goal, None) for goal in goals]  # a blank Start
    if profile.percent_text:
        shares = rng("shares")
        for row in costs:
            if isinstance(row[7], float) and shares.random() < 0.5:
                row[7] = f"{round(row[7] * 100):d}%"
    if profile.text_dates:
        texts = rng("text-dates")
        _textify_dates(costs, (0,), texts)
        _textify_dates(staff, (0,), texts)
        _textify_dates(results, (0,), texts)
        _textify_dates(leads, (1, 7), texts)
        _textify_dates(journeys, (1,), texts)
    rows = {
        contract.CHANNELS.name: [tuple(c) for c in profile.channels],
        contract.COSTS.name: [tuple(r) for r in costs],
        contract.STAFF.name: [tuple(r) for r in staff],
        contract.GOALS.name: goals,
        contract.RESULTS.name: [tuple(r) for r in results],
        contract.LEADS.name: [tuple(r) for r in leads],
        contract.TOUCHES.name: [tuple(r) for r in journeys],
    }
    return SampleData(_settings(profile), rows)


# ---------------------------------------------------------------------------- profiles


def _comparison_start(start: date, end: date, mode: str) -> date:
    whole = start.day == 1 and (end + timedelta(days=1)).day == 1
    if mode == "Previous period":
        if whole:
            months = (end.year - start.year) * 12 + end.month - start.month + 1
            return add_months(start, -months)
        return start - (end - start + timedelta(days=1))
    if mode == "Same period last year":
        return add_months(start, -12)
    return start


def months_needed(start: date, end: date, mode: str) -> int:
    """Months of history (ending at `end`) that cover the period and its comparison."""
    first = _comparison_start(start, end, mode)
    return (end.year - first.year) * 12 + end.month - first.month + 1


def random_profile(seed: int) -> Profile:
    """A varied small profile for parity tests; every mode appears within a few seeds."""
    rng = random.Random(f"profile:{seed}")
    compare = contract.COMPARE_CHOICES[seed % 3]
    shared = contract.SHARED_COST_CHOICES[(seed // 3) % 3]
    n_social = rng.randint(1, 5)
    n_other = 0 if rng.random() < 0.35 else rng.randint(1, 2)
    if n_social + n_other < 2:
        n_social += 1
    channels = tuple((c, "Social") for c in rng.sample(SOCIAL_POOL, n_social)) + tuple(
        (c, "Other") for c in rng.sample(OTHER_POOL, n_other)
    )
    rng_channels = list(channels)
    rng.shuffle(rng_channels)
    year = rng.choice((2024, 2025))
    shape = rng.choice(("month", "quarter", "odd", "half", "odd"))
    if shape == "month":
        start = date(year, rng.randint(1, 12), 1)
        end = end_of_month(start, 0)
    elif shape == "quarter":
        start = date(year, rng.choice((1, 4, 7, 10)), 1)
        end = end_of_month(start, 2)
    elif shape == "half":
        start = date(year, rng.choice((1, 7)), 1)
        end = end_of_month(start, 5)
    else:
        start = date(year, rng.randint(1, 11), rng.randint(2, 27))
        end = start + timedelta(days=rng.randint(12, 75))
    history = months_needed(start, end, compare) + rng.randint(0, 2)
    language = rng.choice(contract.LANGUAGES)
    clients = _local(language, CLIENTS)
    slow = rng.choice((20, 30, 35, 40, 45, 50))
    fast = min(95, slow + rng.choice((10, 20, 25, 30, 40)))

    def rows(high: int, empty: float) -> int:
        return 0 if rng.random() < empty else rng.randint(1, high)

    return Profile(
        client=rng.choice(clients),
        currency=rng.choice(("USD", "EUR", "PLN", "GBP")),
        language=language,
        period_start=start,
        period_end=end,
        months_of_history=history,
        channels=tuple(rng_channels),
        cost_rows=rows(40, 0.08),
        staff_rows=rows(30, 0.2),
        result_rows=rows(40, 0.15),
        leads=rows(200, 0.15),
        compare_with=compare,
        shared_costs=shared,
        slow_below=slow,
        fast_from=fast,
        prepared_by=rng.choice(("", "", "Agencja Kreatywna", "Brisa Digital", "In-house team")),
        zero_investment=rng.random() < 0.12,
        text_dates=rng.random() < 0.2,
        percent_text=rng.random() < 0.25,
    )


def last_full_quarter(today: date) -> tuple[date, date]:
    first = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    start = add_months(first, -3)
    return start, first - timedelta(days=1)


def example_profile(
    *,
    client: str = "",
    currency: str = "USD",
    language: str = "en",
    period_start: date | None = None,
    period_end: date | None = None,
    compare_with: str = "Previous period",
    shared_costs: str = "Proportional",
    prepared_by: str = "",
    today: date | None = None,
) -> Profile:
    """The small data set of `roi-report init --example`: about six months of rows."""
    default_start, default_end = last_full_quarter(today or date.today())
    start = period_start or default_start
    end = period_end or (end_of_month(start, 2) if period_start else default_end)
    compare = compare_with or "Previous period"
    history = max(6, months_needed(start, end, compare))
    language = language if language in contract.LANGUAGES else "en"
    return Profile(
        client=client or "Northwind Outdoor Co.",
        currency=(currency or "USD").upper(),
        language=language,
        period_start=start,
        period_end=end,
        months_of_history=history,
        channels=(
            ("LinkedIn", "Social"),
            ("Instagram", "Social"),
            ("Facebook", "Social"),
            ("Email", "Other"),
        ),
        cost_rows=60,
        staff_rows=24,
        result_rows=60,
        leads=300,
        compare_with=compare,
        shared_costs=shared_costs or "Proportional",
        prepared_by=prepared_by,
        metrics=("leads", "demos", "subscribers", "followers"),
        title="" if language == SOURCE_LANGUAGE else report_title(language),
    )


def example_data(**kwargs) -> SampleData:
    """`example_profile(**kwargs)` generated with a fixed seed."""
    return generate(example_profile(**kwargs), seed=1)
