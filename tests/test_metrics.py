"""The method's published worked examples and the metric definitions, on real workbooks."""

from datetime import date

import pytest
from workbooks import make_workbook

from roi_report.metrics.compute import compute
from roi_report.metrics.to_json import metrics_to_dict
from roi_report.pipeline import load
from roi_report.workbook.periods import comparison_period


def cost(day, amount, channel="LinkedIn", category="Ads", kind="Paid", **extra):
    return {
        "Date": day,
        "Category": category,
        "Channel": channel,
        "Type": kind,
        "Campaign": extra.pop("campaign", "Launch"),
        "Amount": amount,
        **extra,
    }


def result(day, count, metric="Email subscribers", channel="LinkedIn", kind="Paid"):
    return {
        "Date": day,
        "Channel": channel,
        "Type": kind,
        "Campaign": "Launch",
        "Metric": metric,
        "Count": count,
    }


SUBSCRIBER_GOAL = {
    "Goal": "Grow the list",
    "Metric": "Email subscribers",
    "Channel": "All",
    "Target": 10000,
    "Conversion to customer": 0.1,
    "Value per customer": 150,
}


def metrics_of(tmp_path, **tables):
    book = load(make_workbook(tmp_path / "book.xlsx", **tables))
    return compute(book), book


def test_published_example_subscribers(tmp_path):
    """Costs 65,000; 12,000 subscribers, 1 in 10 a customer worth 150: return 180,000, 176.9 %."""
    metrics, _ = metrics_of(
        tmp_path,
        costs=[cost(date(2025, 7, 10), 40000), cost(date(2025, 8, 10), 25000, category="Agency")],
        goals=[SUBSCRIBER_GOAL],
        results=[result(date(2025, 7, 20), 5000), result(date(2025, 9, 1), 7000)],
    )
    assert metrics.headline.investment.current == 65000
    assert metrics.headline.return_.current == pytest.approx(180000)
    assert round(metrics.headline.roi_pct.current, 1) == 176.9


def test_published_example_quarter(tmp_path):
    """A quarter's spend of 20,000 against 45,000 returned gives 125 %."""
    goal = {"Goal": "Deals", "Metric": "Deals", "Channel": "LinkedIn", "Value per result": 4500}
    metrics, _ = metrics_of(
        tmp_path,
        costs=[cost(date(2025, 8, 1), 20000)],
        goals=[goal],
        results=[result(date(2025, 8, 2), 10, metric="Deals")],
    )
    assert metrics.headline.roi_pct.current == pytest.approx(125.0)


def test_every_cost_counted_once_with_social_share_and_staff(tmp_path):
    metrics, _ = metrics_of(
        tmp_path,
        costs=[
            cost(
                date(2025, 7, 1),
                1000,
                category="Tools",
                channel="All",
                kind="Organic",
                **{"Social share": "40%"},
            ),
            cost(date(2025, 7, 2), 500, category="Content", **{"Social share": 0.5}),
        ],
        staff=[
            {
                "Date": date(2025, 7, 3),
                "Person": "Ana",
                "Channel": "LinkedIn",
                "Type": "Organic",
                "Campaign": "",
                "Hourly rate": 50,
                "Hours": 10,
            }
        ],
    )
    assert metrics.headline.investment.current == pytest.approx(400 + 250 + 500)
    by_category = {a.name: a.amount for a in metrics.investment_by_category}
    assert by_category["Tools"] == pytest.approx(400)
    assert by_category["Staff"] == pytest.approx(500)


def test_no_investment_is_na_not_a_crash(tmp_path):
    metrics, book = metrics_of(
        tmp_path, goals=[SUBSCRIBER_GOAL], results=[result(date(2025, 7, 20), 10)]
    )
    assert metrics.headline.roi_pct.current is None
    data = metrics_to_dict(metrics, book.settings)
    assert data["headline"]["roi_pct"]["current"] is None
    assert data["channels"][0]["roi_pct"] is None


def test_shared_costs_spread_proportionally_and_evenly(tmp_path):
    channels = [("LinkedIn", "Social"), ("X", "Social"), ("Email", "Other")]
    costs = [
        cost(date(2025, 7, 1), 300, channel="LinkedIn"),
        cost(date(2025, 7, 1), 100, channel="X"),
        cost(date(2025, 7, 1), 200, channel="All", category="Tools"),
    ]
    for mode, expected in (("Proportional", (150, 50)), ("Even", (100, 100)), ("None", (0, 0))):
        (tmp_path / mode).mkdir()
        metrics, _ = metrics_of(
            tmp_path / mode, channels=channels, costs=costs, settings={"Shared costs": mode}
        )
        spread = {c.channel: c.shared_allocation for c in metrics.channels}
        assert (spread["LinkedIn"], spread["X"]) == pytest.approx(expected)
        assert spread["Email"] == 0
        assert metrics.shared.investment == (200 if mode == "None" else 0)
        total = sum(c.investment for c in metrics.channels if c.kind == "Social")
        assert total + metrics.shared.investment == pytest.approx(600)


@pytest.mark.parametrize(
    ("start", "end", "mode", "expected"),
    [
        (
            date(2025, 7, 1),
            date(2025, 9, 30),
            "Previous period",
            (date(2025, 4, 1), date(2025, 6, 30)),
        ),
        (
            date(2025, 3, 1),
            date(2025, 3, 31),
            "Previous period",
            (date(2025, 2, 1), date(2025, 2, 28)),
        ),
        (
            date(2025, 3, 10),
            date(2025, 3, 19),
            "Previous period",
            (date(2025, 2, 28), date(2025, 3, 9)),
        ),
        (
            date(2024, 2, 1),
            date(2024, 2, 29),
            "Same period last year",
            (date(2023, 2, 1), date(2023, 2, 28)),
        ),
        (
            date(2025, 2, 1),
            date(2025, 2, 28),
            "Same period last year",
            (date(2024, 2, 1), date(2024, 2, 29)),
        ),
        (date(2025, 7, 1), date(2025, 9, 30), "None", (None, None)),
    ],
)
def test_comparison_period_is_calendar_aware(start, end, mode, expected):
    assert comparison_period(start, end, mode) == expected


def test_lead_bands_funnel_and_new_business(tmp_path):
    channels = [("LinkedIn", "Social"), ("Email", "Other")]

    def lead(i, score, stage, source="LinkedIn", created=date(2025, 8, 1), **extra):
        return {
            "Lead ID": f"L{i}",
            "Created": created,
            "Source": source,
            "Score": score,
            "Stage": stage,
            **extra,
        }

    leads = [
        lead(1, 20, "Lead"),
        lead(2, 50, "MQL"),
        lead(3, 80, "Won", **{"Won date": date(2025, 9, 1), "Revenue": 9000}),
        lead(4, 90, "Lost"),
        lead(5, 75, "SQL"),
        lead(6, None, "Lead"),
        lead(
            7,
            85,
            "Won",
            source="Email",
            **{"Won date": date(2025, 9, 2), "Revenue": 1000, "Social assist": "Yes"},
        ),
        lead(8, 30, "Lead", created=date(2025, 5, 1)),
    ]
    costs = [
        cost(date(2025, 7, 1), 600, **{"Funnel stage": "Decision"}),
        cost(date(2025, 7, 1), 500),
    ]
    metrics, _ = metrics_of(tmp_path, channels=channels, leads=leads, costs=costs)
    bands = {b.band: b for b in metrics.bands}
    assert [bands[n].leads for n in ("Slow", "Medium", "Fast", "Unscored")] == [1, 1, 3, 1]
    assert bands["Slow"].previous_leads == 1 and bands["Slow"].growth_pct == 0
    assert bands["Fast"].won == 1 and bands["Fast"].revenue == 9000
    # 600 staged to Fast, 500 spread by share of the 6 social leads.
    assert bands["Fast"].investment == pytest.approx(600 + 500 * 3 / 6)
    assert sum(b.investment for b in metrics.bands) == pytest.approx(1100)
    assert metrics.funnel.reached == (6, 4, 3, 2, 1)
    assert metrics.funnel.weakest.from_stage == "Opportunity"
    roles = {r.role: r for r in metrics.new_business}
    assert roles["source"].deals == 1 and roles["assist"].deals == 1
    assert roles["any"].deals == 2 and roles["any"].revenue == 10000
    assert roles["all_won"].deals == 2
