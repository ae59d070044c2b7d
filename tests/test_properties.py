"""Properties of the metrics over generated workbooks (hypothesis)."""

import json
import math
import random
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roi_report.metrics.compute import compute
from roi_report.metrics.to_json import metrics_to_dict
from roi_report.workbook.contract import CATEGORIES, STAGES
from roi_report.workbook.models import (
    Channel,
    GoalRow,
    InvestmentLine,
    Leads,
    ResultRow,
    Settings,
    Touches,
    Workbook,
)

CHANNEL_NAMES = ["LinkedIn", "X", "YouTube", "Email", "Events"]
METRICS = ["Leads", "Demos", "Followers"]
CAMPAIGNS = ["", "Launch", "Webinar"]
START = date(2025, 1, 1)

days = st.integers(0, 500).map(lambda n: START + timedelta(days=n))
money = st.floats(0, 50_000, allow_nan=False).map(lambda x: round(x, 2))


@st.composite
def workbooks(draw):
    names = draw(st.lists(st.sampled_from(CHANNEL_NAMES), min_size=1, max_size=5, unique=True))
    kinds = draw(
        st.lists(st.sampled_from(["Social", "Other"]), min_size=len(names), max_size=len(names))
    )
    kinds[0] = "Social"
    channels = tuple(Channel(n, k) for n, k in zip(names, kinds))
    cost_channels = st.sampled_from([*names, "All"])
    period_start = draw(days)
    period_end = period_start + timedelta(days=draw(st.integers(0, 120)))
    settings_ = Settings(
        client="Prop",
        title="t",
        period_start=period_start,
        period_end=period_end,
        compare_with=draw(st.sampled_from(["Previous period", "Same period last year", "None"])),
        currency="USD",
        language="en",
        shared_costs=draw(st.sampled_from(["Proportional", "Even", "None"])),
        slow_below=40.0,
        fast_from=70.0,
    )
    investment = tuple(
        InvestmentLine(
            draw(st.sampled_from(["Costs", "Staff"])),
            i + 2,
            draw(days),
            draw(st.sampled_from([*CATEGORIES, "Staff"])),
            draw(cost_channels),
            draw(st.sampled_from(["Organic", "Paid"])),
            draw(st.sampled_from(CAMPAIGNS)),
            draw(st.sampled_from(["", "Awareness", "Consideration", "Decision"])),
            draw(money),
        )
        for i in range(draw(st.integers(0, 25)))
    )
    goals = tuple(
        GoalRow(
            i + 2,
            f"goal {i}",
            metric,
            channel,
            draw(st.none() | st.floats(0, 1000)),
            None,
            draw(st.none() | days),  # Deadline
            draw(st.none() | st.floats(0, 1)),
            draw(st.none() | money),
            draw(st.none() | money),
            draw(st.none() | days),  # Start (v1.1), kept only on or before the Deadline
        )
        for i, (metric, channel) in enumerate(
            draw(
                st.lists(
                    st.tuples(st.sampled_from(METRICS), cost_channels), max_size=6, unique=True
                )
            )
        )
    )
    results = tuple(
        ResultRow(
            i + 2,
            draw(days),
            draw(cost_channels),
            draw(st.sampled_from(["Organic", "Paid"])),
            draw(st.sampled_from(CAMPAIGNS)),
            draw(st.sampled_from(METRICS)),
            float(draw(st.integers(0, 500))),
        )
        for i in range(draw(st.integers(0, 25)))
    )
    count = draw(st.integers(0, 40))
    stages = [draw(st.sampled_from(STAGES)) for _ in range(count)]
    created = [draw(days) for _ in range(count)]
    leads = Leads(
        rows=tuple(range(2, count + 2)),
        created=tuple(created),
        source=tuple(draw(st.sampled_from(names)) for _ in range(count)),
        score=tuple(draw(st.none() | st.floats(0, 100)) for _ in range(count)),
        stage=tuple(stages),
        social_assist=tuple(draw(st.booleans()) for _ in range(count)),
        converted_via=tuple(draw(st.sampled_from(["", *names])) for _ in range(count)),
        won_date=tuple(
            c + timedelta(days=draw(st.integers(0, 60))) if s == "Won" else None
            for c, s in zip(created, stages)
        ),
        revenue=tuple(draw(money) if s == "Won" else 0.0 for s in stages),
        lead_id=tuple(f"L-{i}" for i in range(count)),
    )
    goals = tuple(
        g if g.start is None or (g.deadline and g.start <= g.deadline) else replace(g, start=None)
        for g in goals
    )
    touches = None
    if count and draw(st.booleans()):
        picked = draw(
            st.lists(
                st.tuples(st.integers(0, count - 1), days, st.sampled_from(names), st.booleans()),
                max_size=60,
            )
        )
        touches = Touches(
            tuple(range(2, len(picked) + 2)), *(tuple(column) for column in zip(*picked))
        )
        if not picked:
            touches = Touches()
    return Workbook(settings_, channels, investment, goals, results, leads, touches=touches)


def shuffled(book: Workbook, seed: int) -> Workbook:
    rng = random.Random(seed)
    order = list(range(len(book.leads)))
    rng.shuffle(order)
    columns = {
        field: tuple(getattr(book.leads, field)[i] for i in order)
        for field in book.leads.__dataclass_fields__
    }
    touches = book.touches
    if touches is not None:  # touches keep their row order (it breaks ties), leads move
        moved_to = {old: new for new, old in enumerate(order)}
        touches = replace(touches, lead=tuple(moved_to[lead] for lead in touches.lead))
    return Workbook(
        book.settings,
        book.channels,
        tuple(rng.sample(book.investment, len(book.investment))),
        book.goals,
        tuple(rng.sample(book.results, len(book.results))),
        Leads(**columns),
        touches=touches,
    )


def numbers(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from numbers(item)
    elif isinstance(value, list):
        for item in value:
            yield from numbers(item)
    elif isinstance(value, float):
        yield value


PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY_SETTINGS
@given(workbooks())
def test_investment_adds_up(book):
    m = compute(book)
    total = m.headline.investment.current
    social = [c for c in m.channels if c.kind == "Social"]
    assert sum(c.investment for c in social) + m.shared.investment == pytest.approx(total, abs=1e-6)
    spread = sum(c.shared_allocation for c in m.channels) + m.shared.investment
    assert spread == pytest.approx(m.shared_investment, abs=1e-6)
    assert sum(a.amount for a in m.investment_by_category) == pytest.approx(total, abs=1e-6)
    assert sum(t.investment for t in m.types) == pytest.approx(total, abs=1e-6)


@PROPERTY_SETTINGS
@given(workbooks())
def test_bands_add_up_to_social_leads(book):
    m = compute(book)
    assert sum(b.leads for b in m.bands) == m.headline.social_leads.current
    if m.headline.social_leads.current:
        assert sum(b.investment for b in m.bands) == pytest.approx(
            m.headline.investment.current, abs=1e-6
        )
    assert m.funnel.reached[0] == m.headline.social_leads.current


@PROPERTY_SETTINGS
@given(workbooks())
def test_roi_recomputes_and_nothing_is_nan(book):
    m = compute(book)
    investment, gain = m.headline.investment.current, m.headline.return_.current
    if investment:
        assert m.headline.roi_pct.current == pytest.approx((gain - investment) * 100 / investment)
    else:
        assert m.headline.roi_pct.current is None
    data = metrics_to_dict(m, book.settings)
    assert all(math.isfinite(x) for x in numbers(data))
    json.dumps(data, allow_nan=False)


@PROPERTY_SETTINGS
@given(workbooks(), st.integers(0, 1000))
def test_metrics_do_not_depend_on_row_order(book, seed):
    first = metrics_to_dict(compute(book), book.settings)
    second = metrics_to_dict(compute(shuffled(book, seed)), book.settings)
    assert not list(_differences(first, second))


def _differences(a, b, path=()):
    """Paths where two metric trees differ beyond float rounding."""
    if isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys():
        for key in a:
            yield from _differences(a[key], b[key], (*path, key))
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for index, (x, y) in enumerate(zip(a, b)):
            yield from _differences(x, y, (*path, index))
    elif isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if not math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6):
            yield path, a, b
    elif a != b:
        yield path, a, b


@PROPERTY_SETTINGS
@given(workbooks())
def test_every_attribution_model_credits_exactly_the_deals_and_revenue(book):
    attribution = compute(book).attribution
    if attribution is None:
        assert book.touches is None or not len(book.touches)
        return
    for model in attribution.models:
        assert math.isclose(
            sum(c.deals for c in model.channels), attribution.deals, abs_tol=1e-9
        ), model.model
        assert math.isclose(
            sum(c.revenue for c in model.channels), attribution.revenue, rel_tol=1e-9, abs_tol=1e-6
        ), model.model
        assert all(c.deals >= 0 and c.revenue >= 0 for c in model.channels)
    assert 0 <= attribution.fallback_deals <= attribution.deals


@PROPERTY_SETTINGS
@given(workbooks())
def test_pace_status_follows_the_contract(book):
    metrics = compute(book)
    end = book.settings.period_end
    for goal in metrics.goals:
        pace = goal.pace
        if pace is None:
            continue
        assert pace.as_of == min(end, goal.deadline)
        assert pace.expected_to_date <= goal.target + 1e-9
        if goal.deadline <= end:
            assert pace.status == ("met" if pace.actual_to_date >= goal.target else "missed")
        elif pace.projected is not None and pace.projected < 0.8 * goal.target:
            assert pace.status == "at_risk"


@PROPERTY_SETTINGS
@given(workbooks())
def test_trend_months_sum_to_the_months_they_cover(book):
    trend = compute(book).trend
    assert 1 <= len(trend) <= 12
    assert trend[-1].month == book.settings.period_end.strftime("%Y-%m")
    social = set(book.social_channels) | {"All"}
    months = {m.month for m in trend}
    invested = sum(
        line.amount
        for line in book.investment
        if line.channel in social and line.date.strftime("%Y-%m") in months
    )
    assert math.isclose(sum(m.investment for m in trend), invested, rel_tol=1e-9, abs_tol=1e-6)
