"""Multi-touch attribution of won revenue (contract v1.1, needs the Touches sheet).

Deals = leads Won with a Won date in the period. A deal's touches are its Touches rows
dated on or before its Won date, ordered by Date (ties: row order); a deal without any
gives everything to its Source in every model. Each model gives each touch a share of the
deal (and of its Revenue); shares of one deal add up to 1.
"""

from __future__ import annotations

import math
from dataclasses import InitVar, dataclass
from datetime import date

from roi_report.metrics.figures import won_deals
from roi_report.workbook.models import Workbook

MODELS = (
    "first_touch",
    "last_touch",
    "linear",
    "u_shaped",
    "w_shaped",
    "full_path",
    "time_decay",
    "j_shaped",
    "inverse_j",
)
# Positions a touch may hold.
FIRST, LEAD, DEAL, LAST, MIDDLE = "first", "lead_creation", "deal_creation", "last", "middle"
# Weight of each position per position-based model; linear and time decay weigh every touch.
WEIGHTS: dict[str, dict[str, float]] = {
    "first_touch": {FIRST: 1.0},
    "last_touch": {LAST: 1.0},
    "u_shaped": {FIRST: 0.4, LEAD: 0.4, MIDDLE: 0.2},
    "w_shaped": {FIRST: 0.3, LEAD: 0.3, DEAL: 0.3, MIDDLE: 0.1},
    "full_path": {FIRST: 0.225, LEAD: 0.225, DEAL: 0.225, LAST: 0.225, MIDDLE: 0.1},
    "j_shaped": {FIRST: 0.2, LAST: 0.6, MIDDLE: 0.2},
    "inverse_j": {FIRST: 0.6, LAST: 0.2, MIDDLE: 0.2},
}
HALF_LIFE_DAYS = 7


@dataclass(frozen=True)
class ChannelCredit:
    channel: str
    deals: float  # fractional: the sum of the channel's shares of deals
    revenue: float


@dataclass(frozen=True)
class ModelCredit:
    model: str
    channels: tuple[ChannelCredit, ...]  # every channel, in Channels-table order


@dataclass(frozen=True)
class Attribution:
    deals: int
    revenue: float
    fallback_deals: int  # deals with no counted touch, credited to their Source
    models: tuple[ModelCredit, ...]
    # Each counted touch's credit by its position in Touches (`credited_touches`), kept for
    # the formula sheets' cached values as `touches`. Not a field: the metrics JSON holds
    # the models' totals, not every touch.
    credits: InitVar[dict[int, TouchCredit] | None] = None

    def __post_init__(self, credits):
        object.__setattr__(self, "touches", credits or {})

    def model(self, name: str) -> ModelCredit:
        return next(m for m in self.models if m.model == name)


@dataclass(frozen=True)
class Journey:
    """One deal's counted touches, in order."""

    channels: tuple[str, ...]
    positions: tuple[frozenset[str], ...]  # the positions each touch holds
    ages: tuple[int, ...]  # days before the Won date


def journey(touches: list[tuple[date, str, bool]], created: date, won: date) -> Journey:
    """`touches`: (date, channel, marked Deal creation) in row order, any date."""
    counted = sorted((t for t in touches if t[0] <= won), key=lambda t: t[0])  # stable: ties
    n = len(counted)
    held: list[set[str]] = [set() for _ in range(n)]
    if n:
        held[0].add(FIRST)
        held[-1].add(LAST)
        before = [i for i, t in enumerate(counted) if t[0] <= created]
        if before:
            held[before[-1]].add(LEAD)
        marked = [i for i, t in enumerate(counted) if t[2]]
        if marked:
            held[marked[-1]].add(DEAL)
    return Journey(
        tuple(t[1] for t in counted),
        tuple(frozenset(h) for h in held),
        tuple((won - t[0]).days for t in counted),
    )


def shares(model: str, path: Journey) -> list[float]:
    """Each touch's share of the deal under `model`; they add up to 1 (to rounding)."""
    n = len(path.channels)
    if model == "linear":
        return [1 / n] * n
    if model == "time_decay":
        weights = [2 ** (-age / HALF_LIFE_DAYS) for age in path.ages]
        total = sum(weights)
        return [w / total for w in weights]
    weights = WEIGHTS[model]
    weighed = set(weights) - {MIDDLE}
    middle = [i for i, held in enumerate(path.positions) if not held & weighed]
    held_positions = {p for p in weighed if any(p in held for held in path.positions)}
    if middle and MIDDLE in weights:
        held_positions.add(MIDDLE)
    # A position no touch holds gives its weight to those held, in proportion. fsum is exact
    # in any order: a set's order follows string hashing, which differs from run to run,
    # and the same workbook must give the same figures to the last digit.
    total = math.fsum(weights[p] for p in held_positions)
    middle_each = weights.get(MIDDLE, 0.0) / len(middle) if middle else 0.0
    return [
        (
            math.fsum(weights[p] for p in held & held_positions)
            + (middle_each if i in middle and MIDDLE in held_positions else 0.0)
        )
        / total
        for i, held in enumerate(path.positions)
    ]


def deals_in_period(book: Workbook) -> list[int]:
    """Positions of the leads Won with a Won date in the period (the new-business deals)."""
    s, won_date = book.settings, book.leads.won_date
    return [i for i in won_deals(book.leads) if s.period_start <= won_date[i] <= s.period_end]


@dataclass(frozen=True)
class TouchCredit:
    """One counted touch of a deal: what the formula sheets show per Touches row."""

    deal: int  # the lead's position in Leads
    positions: frozenset[str]
    shares: dict[str, float]  # model -> share of the deal


def credited_touches(book: Workbook) -> tuple[list[int], dict[int, TouchCredit]]:
    """The deals of the period (lead positions) and, by position in the Touches table,
    each counted touch's positions and shares."""
    leads, touches = book.leads, book.touches
    deals = deals_in_period(book)
    wanted = set(deals)
    by_lead: dict[int, list[int]] = {i: [] for i in deals}
    for index, lead in enumerate(touches.lead if touches is not None else ()):
        if lead in wanted:
            by_lead[lead].append(index)
    credits: dict[int, TouchCredit] = {}
    for i in deals:
        won = leads.won_date[i]
        # Counted touches in date order (ties: row order), as `journey` orders them.
        counted = sorted(
            (t for t in by_lead[i] if touches.date[t] <= won), key=touches.date.__getitem__
        )
        path = journey(
            [(touches.date[t], touches.channel[t], touches.deal_creation[t]) for t in counted],
            leads.created[i],
            won,
        )
        model_shares = {m: shares(m, path) for m in MODELS} if counted else {}
        for k, t in enumerate(counted):
            credits[t] = TouchCredit(i, path.positions[k], {m: model_shares[m][k] for m in MODELS})
    return deals, credits


def attribute(book: Workbook) -> Attribution | None:
    """Credit of every model per channel, or None without a Touches sheet or any touch (a
    blank template's empty table: every model would only repeat the Source)."""
    if book.touches is None or not len(book.touches):
        return None
    leads, touches = book.leads, book.touches
    deals, credits = credited_touches(book)
    names = [ch.name for ch in book.channels]
    credit = {m: {name: [0.0, 0.0] for name in names} for m in MODELS}
    touched = {c.deal for c in credits.values()}
    for t, touch in credits.items():
        revenue = leads.revenue[touch.deal]
        for m in MODELS:
            share = touch.shares[m]
            credit[m][touches.channel[t]][0] += share
            credit[m][touches.channel[t]][1] += share * revenue
    fallback = [i for i in deals if i not in touched]
    for i in fallback:
        for m in MODELS:
            credit[m][leads.source[i]][0] += 1.0
            credit[m][leads.source[i]][1] += leads.revenue[i]
    return Attribution(
        len(deals),
        sum(leads.revenue[i] for i in deals),
        len(fallback),
        tuple(
            ModelCredit(m, tuple(ChannelCredit(n, *credit[m][n]) for n in names)) for m in MODELS
        ),
        credits,
    )


def widest_disagreement(result: Attribution, channels: tuple[str, ...]):
    """(channel, lowest model, highest model) where the models' revenue credit for one of
    `channels` differs most, or None when they agree everywhere."""
    best = None
    for name in channels:
        credits = [
            (next(c.revenue for c in m.channels if c.channel == name), m.model)
            for m in result.models
        ]
        low, high = min(credits), max(credits)
        spread = high[0] - low[0]
        if spread > 1e-9 * max(result.revenue, 1.0) and (best is None or spread > best[0]):
            best = (spread, name, low[1], high[1])
    return None if best is None else best[1:]
