"""The seeded generator: deterministic, varied, consistent, and written as real workbooks."""

from collections import Counter
from datetime import date

import pytest
from openpyxl import load_workbook

from roi_report.template.sample_data import (
    Profile,
    example_profile,
    generate,
    history_start,
    random_profile,
)
from roi_report.template.writer import write_workbook
from roi_report.workbook import contract

SEEDS = range(40)
PROFILES = {seed: random_profile(seed) for seed in SEEDS}


def _profile(**changes):
    base = {
        "client": "Test Co",
        "period_start": date(2025, 7, 1),
        "period_end": date(2025, 9, 30),
        "months_of_history": 9,
        "channels": (("LinkedIn", "Social"), ("Instagram", "Social"), ("Email", "Other")),
        "cost_rows": 40,
        "staff_rows": 12,
        "result_rows": 40,
        "leads": 200,
    }
    return Profile(**{**base, **changes})


def _column(table, key):
    return table.columns.index(table.column(key))


def test_same_seed_same_data_other_seed_other_data():
    profile = _profile()
    assert generate(profile, 5) == generate(profile, 5)
    assert generate(profile, 5).rows != generate(profile, 6).rows
    assert random_profile(11) == random_profile(11)


def test_row_counts_follow_the_profile():
    data = generate(_profile(cost_rows=33, staff_rows=7, result_rows=21, leads=150), 1)
    assert [data.count(t.name) for t in (contract.COSTS, contract.STAFF)] == [33, 7]
    assert data.count("Results") == 21 and data.count("Leads") == 150
    more = generate(_profile(result_rows=400), 1)  # more rows than months × channels × metrics
    assert more.count("Results") == 400


def test_random_profiles_are_varied():
    profiles = list(PROFILES.values())
    assert {p.compare_with for p in profiles} == set(contract.COMPARE_CHOICES)
    assert {p.shared_costs for p in profiles} == set(contract.SHARED_COST_CHOICES)
    assert {p.language for p in profiles} == set(contract.LANGUAGES)
    assert any(p.staff_rows == 0 for p in profiles)
    assert any(p.result_rows == 0 for p in profiles)
    assert any(p.leads == 0 for p in profiles)
    assert any(p.zero_investment for p in profiles)
    assert any(p.text_dates for p in profiles) and any(p.percent_text for p in profiles)
    sizes = Counter(len(p.channels) for p in profiles)
    assert min(sizes) == 2 and max(sizes) >= 6
    for p in profiles:
        assert 2 <= len(p.channels) <= 7
        assert any(kind == "Social" for _, kind in p.channels)
        assert p.slow_below < p.fast_from <= 100
        assert p.cost_rows <= 40 and p.result_rows <= 40 and p.leads <= 200
    whole_months = [p for p in profiles if p.period_start.day == 1]
    odd = [p for p in profiles if p.period_start.day != 1]
    assert whole_months and odd


@pytest.mark.parametrize("seed", SEEDS)
def test_generated_data_is_consistent(seed):
    profile = PROFILES[seed]
    data = generate(profile, seed)
    channels = {name for name, _ in data.rows["Channels"]}
    assert contract.ALL_CHANNELS not in channels
    or_all = channels | {contract.ALL_CHANNELS}
    for table in (contract.COSTS, contract.STAFF, contract.GOALS, contract.RESULTS):
        index = _column(table, "channel")
        assert {row[index] for row in data.rows[table.name]} <= or_all, table.name
    for key in ("source", "converted_via"):
        index = _column(contract.LEADS, key)
        assert {row[index] for row in data.rows["Leads"]} - {None} <= channels
    goals = [(row[1], row[2]) for row in data.rows["Goals"]]
    assert len(goals) == len(set(goals)), "a Metric/Channel pair appears twice"
    metric, channel = _column(contract.RESULTS, "metric"), _column(contract.RESULTS, "channel")
    for row in data.rows["Results"]:
        pair = (row[metric], row[channel])
        assert pair in goals or (row[metric], contract.ALL_CHANNELS) in goals, pair
    for table in (contract.CHANNELS, contract.COSTS, contract.STAFF, contract.GOALS):
        assert all(len(row) == len(table.columns) for row in data.rows[table.name])
    assert data.settings["Compare with"] == profile.compare_with
    assert [s.label for s in contract.SETTINGS] == list(data.settings)
    if profile.zero_investment:
        social = {name for name, kind in profile.channels if kind == "Social"}
        for table in (contract.COSTS, contract.STAFF):
            index = _column(table, "channel")
            spent = {row[index] for row in data.rows[table.name]}
            assert not spent & (social | {contract.ALL_CHANNELS})


def test_rows_stay_within_the_history_and_leads_make_sense():
    profile = _profile(months_of_history=6, leads=2000, cost_rows=120)
    data = generate(profile, 3)
    first, last = history_start(profile), profile.period_end
    assert first == date(2025, 4, 1)
    for table in (contract.COSTS, contract.STAFF, contract.RESULTS):
        dates = [row[0] for row in data.rows[table.name]]
        assert min(dates) >= first and max(dates) <= last
    assert {row[1] for row in data.rows["Costs"]} == set(contract.CATEGORIES)
    shares = [row[7] for row in data.rows["Costs"] if row[7] is not None]
    assert shares and all(0 < share < 1 for share in shares)
    assert any(row[2] == contract.ALL_CHANNELS for row in data.rows["Costs"])
    assert all(round(row[6], 2) == row[6] for row in data.rows["Costs"])
    stages = Counter(row[4] for row in data.rows["Leads"])
    assert set(stages) == set(contract.STAGES)
    assert stages["Lead"] > stages["MQL"] > stages["SQL"] > stages["Won"]
    ids = [row[0] for row in data.rows["Leads"]]
    assert len(set(ids)) == len(ids) and ids[0] == "L-000001"
    for row in data.rows["Leads"]:
        created, stage, won, revenue = row[1], row[4], row[7], row[8]
        assert first <= created <= last
        assert row[3] is None or 0 <= row[3] <= 100
        if stage == "Won":
            assert created < won <= last and revenue > 0
        else:
            assert won is None and revenue is None
    values = [g for g in data.rows["Goals"] if g[6] is None and g[8] is None]
    assert values, "an awareness goal (no value) is expected"


def test_text_dates_and_percent_text_when_asked():
    data = generate(_profile(text_dates=True, percent_text=True, cost_rows=80), 2)
    costs = data.rows["Costs"]
    assert any(isinstance(row[0], str) and date.fromisoformat(row[0]) for row in costs)
    assert any(isinstance(row[7], str) and row[7].endswith("%") for row in costs)
    plain = generate(_profile(cost_rows=80), 2).rows["Costs"]
    assert all(isinstance(row[0], date) for row in plain)


def test_written_workbook_reloads_with_the_same_rows(tmp_path):
    profile = _profile(text_dates=True, percent_text=True)
    data = generate(profile, 9)
    path = write_workbook(tmp_path / "sub" / "generated.xlsx", profile, 9)
    book = load_workbook(path)
    for table in contract.FACT_TABLES:
        ws = book[table.sheet]
        assert ws.max_row - 1 == len(data.rows[table.name]), table.name
        assert ws.tables[table.name].ref.endswith(str(len(data.rows[table.name]) + 1))
    lead = data.rows["Leads"][0]
    assert [c.value for c in book["Leads"][2]][0] == lead[0]
    report = {row[0].value: row[1].value for row in book["Report"].iter_rows(min_row=2)}
    assert report["Client"] == "Test Co" and report["Period end"].date() == date(2025, 9, 30)


def test_empty_tables_still_get_a_table(tmp_path):
    profile = _profile(staff_rows=0, result_rows=0, leads=0)
    book = load_workbook(write_workbook(tmp_path / "empty.xlsx", profile, 1))
    for name, letter in (("Staff", "G"), ("Results", "F"), ("Leads", "J")):
        assert book[name].tables[name].ref == f"A1:{letter}2"


def test_example_profile_covers_its_comparison_period():
    profile = example_profile(today=date(2025, 11, 3))
    assert (profile.period_start, profile.period_end) == (date(2025, 7, 1), date(2025, 9, 30))
    assert history_start(profile) <= date(2025, 4, 1)
    last_year = example_profile(today=date(2025, 11, 3), compare_with="Same period last year")
    assert history_start(last_year) <= date(2024, 7, 1)
