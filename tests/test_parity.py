"""The same figures from the Python metrics and from the formula sheets, recalculated by
LibreOffice, for every bundled sample and for generated workbooks of every shape."""

from pathlib import Path

import pytest
from recalc import mismatches, recalculate

from roi_report.pipeline import BuildOptions, build
from roi_report.sample_data import random_profile, write_workbook

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
    built = {p.stem: build(p, BuildOptions(out_dir=root / "out", pdf=False)) for p in inputs}
    files = recalculate([b.results_path for b in built.values()], root / "recalc", root / "profile")
    return {stem: (b, f) for (stem, b), f in zip(built.items(), files)}


CASES = [p.stem for p in SAMPLES] + [f"generated-{s:02d}" for s in GENERATED_SEEDS]


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
