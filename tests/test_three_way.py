"""One figure everywhere: the Python metrics, the formula sheets once LibreOffice, Gnumeric
or the Python `formulas` package has recalculated them, and the PDF's text — on the samples,
on generated workbooks and on one whose channel names are wildcards, escapes and formulas."""

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from recalc import mismatches, recalculate, recalculate_formulas, recalculate_gnumeric

from roi_report.excel.sheets import SUMMARY
from roi_report.excel.sheets import core as formulas
from roi_report.excel.sheets.core import in_language
from roi_report.pdf.formatting import format_money, format_pct
from roi_report.pipeline import BuildOptions, build
from roi_report.template.sample_data import random_profile
from roi_report.template.writer import write_workbook

SAMPLES = sorted((Path(__file__).parent.parent / "sample_workbooks").glob("*.xlsx"))
SEEDS = (101, 102, 103, 104)
# Names that MATCH, SUMIF and COUNTIF read as patterns (~ * ?) or as a comparison (=), and
# quotes. Link* and W* are other channels that, read as patterns, match social ones.
HOSTILE_CHANNELS = (
    ("LinkedIn~Ads", "Social"),
    ("Paid*Social", "Social"),
    ("What?", "Social"),
    ("=cmd", "Social"),
    ("Say \"hi\" 'now'", "Social"),
    ("Link*", "Other"),
    ("W*", "Other"),
)


def hostile_workbook(path: Path) -> Path:
    profile = replace(
        random_profile(7), channels=HOSTILE_CHANNELS, leads=150, cost_rows=30, result_rows=30
    )
    return write_workbook(path, profile, 7)


def flat(text: str) -> str:
    # pdftotext prints the locales' no-break spaces as plain spaces.
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("three-way")
    sources = list(SAMPLES) + [
        write_workbook(root / "in" / f"generated-{seed}.xlsx", random_profile(seed), seed)
        for seed in SEEDS
    ]
    sources.append(hostile_workbook(root / "in" / "hostile-names.xlsx"))
    results = [build(source, BuildOptions(out_dir=root / "out")) for source in sources]
    recalculated = recalculate([r.results_path for r in results], root / "lo", root / "profile")
    return list(zip(results, recalculated))


def test_the_hostile_names_are_channels_with_leads(built):
    result, _ = built[-1]
    channels = {c.channel: c for c in result.metrics.channels}
    assert set(channels) == {name for name, _ in HOSTILE_CHANNELS}
    assert all(channels[name].leads > 0 for name, _ in HOSTILE_CHANNELS)


def test_gnumeric_recalculates_every_figure_to_the_metrics(built, tmp_path):
    files = recalculate_gnumeric([r.results_path for r, _ in built], tmp_path)
    for (result, _), recalculated in zip(built, files):
        wrong = mismatches(recalculated, result.checks, result.as_dict())
        assert not wrong, (result.results_path.name, wrong[:20])


@pytest.fixture(scope="module")
def built_with_few_spare_rows(tmp_path_factory):
    """The `formulas` package evaluates arrays element by element in Python: a few minutes
    for a sample workbook. So it gets the same formulas over 10 spare rows instead of 500
    (LibreOffice and Gnumeric check those), and one sample of the four."""
    root = tmp_path_factory.mktemp("formulas-package")
    sources = [
        SAMPLES[1],
        write_workbook(root / "in" / "generated.xlsx", random_profile(SEEDS[0]), SEEDS[0]),
        hostile_workbook(root / "in" / "hostile-names.xlsx"),
    ]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(formulas, "MIN_SPARE_ROWS", 10)
        return [build(source, BuildOptions(out_dir=root / "out", pdf=False)) for source in sources]


def test_the_formulas_package_evaluates_every_figure_to_the_metrics(built_with_few_spare_rows):
    for result in built_with_few_spare_rows:
        values = recalculate_formulas(result.results_path)
        wrong = mismatches(values, result.checks, result.as_dict())
        assert not wrong, (result.results_path.name, wrong[:20])


def test_figures_agree_in_metrics_formula_sheets_and_pdf(built):
    languages = set()
    for result, recalculated in built:
        data = result.as_dict()
        assert not mismatches(recalculated, result.checks, data)
        summary = load_workbook(recalculated, data_only=True)[SUMMARY]
        sheet = {row[0]: row[1:] for row in summary.iter_rows(values_only=True) if row[0]}
        settings = result.workbook.settings
        languages.add(settings.language)
        text = flat(
            subprocess.run(
                ["pdftotext", "-layout", str(result.pdf_path), "-"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
        label = {text: in_language(settings.language, text) for text in ("Investment", "Return")}
        investment, gain = sheet[label["Investment"]][0], sheet[label["Return"]][0]
        roi = sheet["ROI"][0]
        assert investment == pytest.approx(data["headline"]["investment"]["current"])
        for shown in (
            format_money(investment, settings.currency, settings.language),
            format_money(gain, settings.currency, settings.language),
            format_pct(
                None if roi == in_language(settings.language, "n/a") else roi * 100,
                settings.language,
            ),
        ):
            assert flat(shown) in text, (result.pdf_path.name, shown)
    assert len(languages) >= 3
