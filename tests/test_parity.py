"""The same figures from the Python metrics and from the formula sheets, recalculated by
LibreOffice, for every bundled sample and for generated workbooks of every shape."""

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from recalc import mismatches, recalculate
from workbooks import make_workbook

from roi_report.pipeline import BuildOptions, build
from roi_report.template.sample_data import random_profile
from roi_report.template.writer import write_workbook

SAMPLES = sorted((Path(__file__).parent.parent / "sample_workbooks").glob("*.xlsx"))
GENERATED_SEEDS = range(1, 33)


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory):
    """name -> (build result, recalculated results workbook); one LibreOffice run for all."""
    root = tmp_path_factory.mktemp("parity")
    inputs = list(SAMPLES)
    for seed in GENERATED_SEEDS:
        inputs.append(
            write_workbook(root / "in" / f"generated-{seed:02d}.xlsx", random_profile(seed), seed)
        )
    inputs.append(text_percents(root / "in" / "text-percents.xlsx"))
    built = {p.stem: build(p, BuildOptions(out_dir=root / "out", pdf=False)) for p in inputs}
    files = recalculate([b.results_path for b in built.values()], root / "recalc", root / "profile")
    return {stem: (b, f) for (stem, b), f in zip(built.items(), files)}


CASES = [p.stem for p in SAMPLES] + [f"generated-{s:02d}" for s in GENERATED_SEEDS]
CASES.append("text-percents")


def text_percents(path: Path) -> Path:
    """Social shares typed as text with a decimal comma or point, as es/fr/pl users type
    them into a Text-formatted cell: the formulas must not depend on the locale."""
    shares = ["12,5%", "7.25 %", "40%", "0,5 %", "99,99%", 0.3]
    costs = [
        {
            "Date": date(2025, 7, 3 + i),
            "Category": "Tools",
            "Channel": "All",
            "Type": "Organic",
            "Amount": 1000 + 37 * i,
            "Social share": share,
        }
        for i, share in enumerate(shares)
    ] + [
        {
            "Date": date(2025, 7, 20),
            "Category": "Ads",
            "Channel": "LinkedIn",
            "Type": "Paid",
            "Amount": 2500,
            "Social share": "62,5%",
        }
    ]
    goals = [{"Goal": "Leads", "Metric": "Leads", "Channel": "All", "Value per result": 40}]
    results = [
        {
            "Date": date(2025, 7, 25),
            "Channel": "LinkedIn",
            "Type": "Paid",
            "Metric": "Leads",
            "Count": 300,
        }
    ]
    return make_workbook(path, costs=costs, goals=goals, results=results)


def test_there_are_samples_to_check():
    assert len(SAMPLES) >= 3


@pytest.mark.parametrize("name", CASES)
def test_formula_sheets_equal_python_metrics(recalculated, name):
    built, recalculated_file = recalculated[name]
    assert len(built.checks) > 100
    wrong = mismatches(recalculated_file, built.checks, built.as_dict())
    assert not wrong, "\n".join(wrong[:20])


def test_generated_workbooks_cover_every_mode(recalculated):
    settings = [recalculated[f"generated-{s:02d}"][0].workbook.settings for s in GENERATED_SEEDS]
    assert {s.compare_with for s in settings} == {
        "Previous period",
        "Same period last year",
        "None",
    }
    assert {s.shared_costs for s in settings} == {"Proportional", "Even", "None"}
    books = [recalculated[f"generated-{s:02d}"][0] for s in GENERATED_SEEDS]
    assert any(b.metrics.headline.investment.current == 0 for b in books)
    assert any(len(b.workbook.leads) == 0 for b in books)
    assert any(len(b.workbook.results) == 0 for b in books)


def test_text_percents_recalculate_alike_with_a_decimal_comma(tmp_path):
    source = text_percents(tmp_path / "text-percents.xlsx")
    probe = load_workbook(source)
    probe["Report"]["D1"] = '=VALUE("1,5")'  # 1.5 only where the comma is the decimal mark
    probe.save(source)
    built = build(source, BuildOptions(out_dir=tmp_path / "out", pdf=False))
    (recalculated,) = recalculate(
        [built.results_path], tmp_path / "recalc", tmp_path / "profile", locale="pl-PL"
    )
    assert load_workbook(recalculated, data_only=True)["Report"]["D1"].value == 1.5
    wrong = mismatches(recalculated, built.checks, built.as_dict())
    assert not wrong, "\n".join(wrong[:20])
