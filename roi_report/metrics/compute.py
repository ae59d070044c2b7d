"""The ROI method as pure functions over a validated workbook: no I/O, no formatting.

Every figure here has a twin formula in the results workbook (`formulas`), computed in
the same order of operations, so the two agree to the last cent. An undefined figure
(nothing invested, no leads last period) is None, never NaN or infinity.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from roi_report.metrics.attribution import Attribution, attribute
from roi_report.metrics.figures import percent, ratio, result_values, roi_pct, won_deals
from roi_report.metrics.pacing import Pace, pace
from roi_report.metrics.trend import TrendMonth, trend
from roi_report.workbook.contract import (
    ALL_CHANNELS,
    BANDS,
    CATEGORIES,
    FUNNEL,
    FUNNEL_STAGE_BAND,
    STAGE_DEPTH,
    TYPES,
)
from roi_report.workbook.models import Workbook
from roi_report.workbook.periods import comparison_period
from roi_report.workbook.values import text_key

UNSCORED = "Unscored"
NO_CAMPAIGN = "(no campaign)"
STAFF = "Staff"
ROLES = ("source", "conversion", "assist", "any", "all_won")


def change_pct(current: float | None, previous: float | None) -> float | None:
    if current is None:
        return None
    return percent(current - previous, previous) if previous is not None else None


@dataclass(frozen=True)
class Figure:
    """A headline figure now, in the comparison period, and the change between them."""

    current: float | None
    previous: float | None
    change: float | None  # percent change; percentage points for a figure that is a percent


@dataclass(frozen=True)
class Periods:
    start: date
    end: date
    compare_with: str
    compare_start: date | None
    compare_end: date | None


@dataclass(frozen=True)
class Headline:
    investment: Figure
    return_: Figure
    roi_pct: Figure
    social_leads: Figure
    cost_per_lead: Figure
    won_deals: Figure
    won_revenue: Figure


@dataclass(frozen=True)
class ChannelFigures:
    channel: str
    kind: str
    costs: float
    staff: float
    shared_allocation: float
    investment: float
    return_: float
    roi_pct: float | None
    leads: int
    cost_per_lead: float | None


@dataclass(frozen=True)
class Slice:
    """Investment and return of one part: a type, a campaign, the shared row."""

    name: str
    investment: float
    return_: float
    roi_pct: float | None


@dataclass(frozen=True)
class Amount:
    name: str
    amount: float


@dataclass(frozen=True)
class GoalFigures:
    goal: str
    metric: str
    channel: str
    target: float | None
    actual: float
    previous_actual: float | None
    attainment_pct: float | None
    value_per_result: float
    value: float
    investment: float
    cost_per_result: float | None
    target_cost_per_result: float | None
    on_track: bool | None
    deadline: date | None
    pace: Pace | None = None  # v1.1: goals with a Deadline (see pacing.py)


@dataclass(frozen=True)
class LeadCost:
    channel: str
    kind: str
    investment: float
    leads: int
    cost_per_lead: float | None


@dataclass(frozen=True)
class BandFigures:
    band: str
    leads: int
    previous_leads: int | None
    growth_pct: float | None
    won: int
    win_rate_pct: float | None
    revenue: float
    staged_investment: float
    investment: float
    cost_per_lead: float | None
    cost_per_won: float | None
    roi_pct: float | None
    reached: tuple[int, ...]  # leads that reached each FUNNEL stage


@dataclass(frozen=True)
class FunnelStep:
    from_stage: str
    to_stage: str
    pass_through_pct: float | None


@dataclass(frozen=True)
class Funnel:
    reached: tuple[int, ...]
    steps: tuple[FunnelStep, ...]
    weakest: FunnelStep | None


@dataclass(frozen=True)
class RoleFigures:
    role: str
    deals: int
    revenue: float
    previous_deals: int | None
    previous_revenue: float | None
    deals_change_pct: float | None
    revenue_change_pct: float | None


@dataclass(frozen=True)
class Metrics:
    periods: Periods
    headline: Headline
    investment_by_category: tuple[Amount, ...]
    shared_investment: float
    channels: tuple[ChannelFigures, ...]
    shared: Slice  # costs on All not spread to channels, and results on All
    types: tuple[Slice, ...]
    campaigns: tuple[Slice, ...]
    goals: tuple[GoalFigures, ...]
    lead_costs: tuple[LeadCost, ...]
    social_lead_cost: LeadCost
    other_lead_cost: LeadCost
    bands: tuple[BandFigures, ...]
    unstaged_investment: float
    funnel: Funnel
    new_business: tuple[RoleFigures, ...]
    # v1.1
    trend: tuple[TrendMonth, ...] = ()
    attribution: Attribution | None = None  # None without a Touches sheet


DateTest = Callable[[date], bool]


def _between(start: date | None, end: date | None) -> DateTest:
    if start is None:
        return lambda day: False
    return lambda day: start <= day <= end


def band_of(score: float | None, slow_below: float, fast_from: float) -> str:
    if score is None:
        return UNSCORED
    if score < slow_below:
        return "Slow"
    return "Fast" if score >= fast_from else "Medium"


class _Calculator:
    """Sums over one workbook; each method is one figure or one family of figures."""

    def __init__(self, book: Workbook):
        self.book = book
        s = book.settings
        start, end = comparison_period(s.period_start, s.period_end, s.compare_with)
        self.periods = Periods(s.period_start, s.period_end, s.compare_with, start, end)
        self.in_period = _between(s.period_start, s.period_end)
        self.in_compare = _between(start, end)
        self.has_compare = start is not None
        self.social = set(book.social_channels) | {ALL_CHANNELS}
        self.result_value = result_values(book)
        self._social_cache: dict[int, list[int]] = {}

    def invested(self, when: DateTest, keep=lambda line: True) -> float:
        return sum(
            line.amount
            for line in self.book.investment
            if line.channel in self.social and when(line.date) and keep(line)
        )

    def returned(self, when: DateTest, keep=lambda result: True) -> float:
        return sum(
            r.count * value
            for r, value in zip(self.book.results, self.result_value)
            if r.channel in self.social and when(r.date) and keep(r)
        )

    def previous(self, figure: Callable[[DateTest], float]) -> float | None:
        return figure(self.in_compare) if self.has_compare else None

    # Channels and the spread of shared costs
    def channels(self) -> tuple[tuple[ChannelFigures, ...], Slice, float]:
        book, when = self.book, self.in_period
        shared = sum(
            line.amount
            for line in book.investment
            if line.channel == ALL_CHANNELS and when(line.date)
        )
        costs = {ch.name: 0.0 for ch in book.channels}
        staff = {ch.name: 0.0 for ch in book.channels}
        for line in book.investment:
            if line.channel != ALL_CHANNELS and when(line.date):
                bucket = staff if line.category == STAFF else costs
                bucket[line.channel] += line.amount
        social = [ch.name for ch in book.channels if ch.is_social]
        direct_social = sum(costs[name] + staff[name] for name in social)
        mode = book.settings.shared_costs
        leads = self.leads_by_source(when)
        rows = []
        for ch in book.channels:
            direct = costs[ch.name] + staff[ch.name]
            allocation = 0.0
            if ch.is_social and mode == "Even":
                allocation = shared / len(social)
            elif ch.is_social and mode == "Proportional":
                allocation = (
                    shared * direct / direct_social if direct_social > 0 else shared / len(social)
                )
            investment = direct + allocation
            gain = self.returned_on(ch.name)
            rows.append(
                ChannelFigures(
                    ch.name,
                    ch.kind,
                    costs[ch.name],
                    staff[ch.name],
                    allocation,
                    investment,
                    gain,
                    roi_pct(gain, investment),
                    leads.get(ch.name, 0),
                    ratio(investment, leads.get(ch.name, 0)),
                )
            )
        shared_return = self.returned_on(ALL_CHANNELS)
        # Exactly zero when spread: a float remainder would give a meaningless shared ROI.
        unallocated = shared if mode == "None" else 0.0
        return (
            tuple(rows),
            Slice(ALL_CHANNELS, unallocated, shared_return, roi_pct(shared_return, unallocated)),
            shared,
        )

    def returned_on(self, channel: str) -> float:
        return sum(
            r.count * value
            for r, value in zip(self.book.results, self.result_value)
            if r.channel == channel and self.in_period(r.date)
        )

    def leads_by_source(self, when: DateTest) -> dict[str, int]:
        counts: dict[str, int] = {}
        for source, created in zip(self.book.leads.source, self.book.leads.created):
            if when(created):
                counts[source] = counts.get(source, 0) + 1
        return counts

    def types(self) -> tuple[Slice, ...]:
        rows = []
        for kind in TYPES:
            invested = self.invested(self.in_period, lambda line, k=kind: line.type == k)
            gain = self.returned(self.in_period, lambda r, k=kind: r.type == k)
            rows.append(Slice(kind, invested, gain, roi_pct(gain, invested)))
        return tuple(rows)

    def categories(self) -> tuple[Amount, ...]:
        return tuple(
            Amount(cat, self.invested(self.in_period, lambda line, c=cat: line.category == c))
            for cat in (*CATEGORIES, STAFF)
        )

    def campaigns(self) -> tuple[Slice, ...]:
        names: dict[str, str] = {}
        invested: dict[str, float] = {}
        gained: dict[str, float] = {}
        for line in self.book.investment:
            if line.channel in self.social and self.in_period(line.date):
                key = text_key(line.campaign or NO_CAMPAIGN)
                names.setdefault(key, line.campaign or NO_CAMPAIGN)
                invested[key] = invested.get(key, 0.0) + line.amount
        for r, value in zip(self.book.results, self.result_value):
            if r.channel in self.social and self.in_period(r.date):
                key = text_key(r.campaign or NO_CAMPAIGN)
                names.setdefault(key, r.campaign or NO_CAMPAIGN)
                gained[key] = gained.get(key, 0.0) + r.count * value
        rows = [
            Slice(
                names[k],
                invested.get(k, 0.0),
                gained.get(k, 0.0),
                roi_pct(gained.get(k, 0.0), invested.get(k, 0.0)),
            )
            for k in names
        ]
        return tuple(sorted(rows, key=lambda s: (-s.investment, -s.return_, s.name.lower())))

    def goals(self, channels: tuple[ChannelFigures, ...], total: float) -> tuple[GoalFigures, ...]:
        invested = {ch.channel: ch.investment for ch in channels}
        rows = []
        for goal in self.book.goals:

            def counts(r, g=goal):
                on_channel = (
                    r.channel in self.social
                    if g.channel == ALL_CHANNELS
                    else r.channel == g.channel
                )
                return on_channel and text_key(r.metric) == text_key(g.metric)

            def actual(when, counts=counts):
                return sum(r.count for r in self.book.results if counts(r) and when(r.date))

            def actual_between(first, last, actual=actual):
                return actual(_between(first, last))

            now = actual(self.in_period)
            investment = total if goal.channel == ALL_CHANNELS else invested[goal.channel]
            cost = ratio(investment, now)
            target_cost = goal.target_cost_per_result
            rows.append(
                GoalFigures(
                    goal.goal,
                    goal.metric,
                    goal.channel,
                    goal.target,
                    now,
                    self.previous(actual),
                    percent(now, goal.target),
                    goal.value_of_result,
                    now * goal.value_of_result,
                    investment,
                    cost,
                    target_cost,
                    None if cost is None or target_cost is None else cost <= target_cost,
                    goal.deadline,
                    pace(
                        goal.start,
                        goal.deadline,
                        goal.target,
                        self.periods.start,
                        self.periods.end,
                        actual_between,
                    ),
                )
            )
        return tuple(rows)

    def lead_costs(self, channels: tuple[ChannelFigures, ...], total: float):
        rows = tuple(
            LeadCost(ch.channel, ch.kind, ch.investment, ch.leads, ch.cost_per_lead)
            for ch in channels
        )
        social_leads = sum(r.leads for r in rows if r.kind == "Social")
        other = [r for r in rows if r.kind != "Social"]
        other_invested = sum(r.investment for r in other)
        other_leads = sum(r.leads for r in other)
        return (
            rows,
            LeadCost("Social", "Social", total, social_leads, ratio(total, social_leads)),
            LeadCost(
                "Other", "Other", other_invested, other_leads, ratio(other_invested, other_leads)
            ),
        )

    def _social_leads(self, when: DateTest) -> list[int]:
        key = id(when)
        if key not in self._social_cache:
            leads, social = self.book.leads, self.social
            self._social_cache[key] = [
                i
                for i, (source, created) in enumerate(zip(leads.source, leads.created))
                if source in social and when(created)
            ]
        return self._social_cache[key]

    def bands(self):
        s, leads = self.book.settings, self.book.leads
        names = (*BANDS, UNSCORED)
        band_by_lead = [band_of(score, s.slow_below, s.fast_from) for score in leads.score]

        def band_counts(indexes):
            counts = dict.fromkeys(names, 0)
            for i in indexes:
                counts[band_by_lead[i]] += 1
            return counts

        now = self._social_leads(self.in_period)
        counts = band_counts(now)
        before = band_counts(self._social_leads(self.in_compare)) if self.has_compare else None
        staged = {
            band: self.invested(
                self.in_period, lambda line, b=band: FUNNEL_STAGE_BAND.get(line.funnel_stage) == b
            )
            for band in names
        }
        # Summed, not subtracted from the total: a float remainder would be a phantom cost.
        unstaged = self.invested(
            self.in_period, lambda line: FUNNEL_STAGE_BAND.get(line.funnel_stage) is None
        )
        total_leads = len(now)
        rows = []
        for band in names:
            members = [i for i in now if band_by_lead[i] == band]
            won = [i for i in members if leads.stage[i] == "Won"]
            revenue = sum(leads.revenue[i] for i in won)
            investment = staged[band] + (
                unstaged * counts[band] / total_leads if total_leads else 0.0
            )
            previous = before[band] if before is not None else None
            rows.append(
                BandFigures(
                    band,
                    counts[band],
                    previous,
                    change_pct(counts[band], previous),
                    len(won),
                    percent(len(won), counts[band]),
                    revenue,
                    staged[band],
                    investment,
                    ratio(investment, counts[band]),
                    ratio(investment, len(won)),
                    roi_pct(revenue, investment),
                    self._reached(members),
                )
            )
        return tuple(rows), unstaged, self._funnel(self._reached(now))

    def _reached(self, indexes: list[int]) -> tuple[int, ...]:
        depths = [STAGE_DEPTH[self.book.leads.stage[i]] for i in indexes]
        return tuple(sum(1 for d in depths if d >= level) for level in range(1, len(FUNNEL) + 1))

    @staticmethod
    def _funnel(reached: tuple[int, ...]) -> Funnel:
        steps = tuple(
            FunnelStep(FUNNEL[k], FUNNEL[k + 1], percent(reached[k + 1], reached[k]))
            for k in range(len(FUNNEL) - 1)
        )
        defined = [step for step in steps if step.pass_through_pct is not None]
        weakest = min(defined, key=lambda step: step.pass_through_pct) if defined else None
        return Funnel(reached, steps, weakest)

    def new_business(self) -> tuple[RoleFigures, ...]:
        leads, social = self.book.leads, self.social

        def role_test(role):
            return {
                "source": lambda i: leads.source[i] in social,
                "conversion": lambda i: leads.converted_via[i] in social,
                "assist": lambda i: leads.social_assist[i],
                "any": lambda i: (
                    leads.source[i] in social
                    or leads.converted_via[i] in social
                    or leads.social_assist[i]
                ),
                "all_won": lambda i: True,
            }[role]

        # The won deals, found once; each role then filters this short list.
        won_positions = won_deals(leads)

        def won(when, test):
            picked = [i for i in won_positions if when(leads.won_date[i]) and test(i)]
            return len(picked), sum(leads.revenue[i] for i in picked)

        rows = []
        for role in ROLES:
            deals, revenue = won(self.in_period, role_test(role))
            before = won(self.in_compare, role_test(role)) if self.has_compare else (None, None)
            rows.append(
                RoleFigures(
                    role,
                    deals,
                    revenue,
                    before[0],
                    before[1],
                    change_pct(deals, before[0]),
                    change_pct(revenue, before[1]),
                )
            )
        return tuple(rows)


def _figure(current, previous, points=False) -> Figure:
    if points:
        change = None if current is None or previous is None else current - previous
    else:
        change = change_pct(current, previous)
    return Figure(current, previous, change)


def compute(book: Workbook) -> Metrics:
    """Every metric of the contract for the workbook's report period."""
    calc = _Calculator(book)
    total = calc.invested(calc.in_period)
    gain = calc.returned(calc.in_period)
    prev_total = calc.previous(calc.invested)
    prev_gain = calc.previous(calc.returned)
    channels, shared, shared_total = calc.channels()
    bands, unstaged, funnel = calc.bands()
    lead_costs, social_cost, other_cost = calc.lead_costs(channels, total)
    leads_now = len(calc._social_leads(calc.in_period))
    leads_before = len(calc._social_leads(calc.in_compare)) if calc.has_compare else None
    new_business = calc.new_business()
    any_role = next(r for r in new_business if r.role == "any")
    headline = Headline(
        investment=_figure(total, prev_total),
        return_=_figure(gain, prev_gain),
        roi_pct=_figure(roi_pct(gain, total), roi_pct(prev_gain, prev_total), points=True),
        social_leads=_figure(leads_now, leads_before),
        cost_per_lead=_figure(ratio(total, leads_now), ratio(prev_total, leads_before)),
        won_deals=_figure(any_role.deals, any_role.previous_deals),
        won_revenue=_figure(any_role.revenue, any_role.previous_revenue),
    )
    return Metrics(
        periods=calc.periods,
        headline=headline,
        investment_by_category=calc.categories(),
        shared_investment=shared_total,
        channels=channels,
        shared=shared,
        types=calc.types(),
        campaigns=calc.campaigns(),
        goals=calc.goals(channels, total),
        lead_costs=lead_costs,
        social_lead_cost=social_cost,
        other_lead_cost=other_cost,
        bands=bands,
        unstaged_investment=unstaged,
        funnel=funnel,
        new_business=new_business,
        trend=trend(book, calc.social, calc.result_value),
        attribution=attribute(book),
    )
