"""One figure, three places: the Python metrics, the formula sheets once LibreOffice has
recalculated them, and the PDF's text — on the samples and on generated workbooks."""

import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from recalc import mismatches, recalculate

from roi_report.formulas import SUMMARY
from roi_report.pipeline import BuildOptions, build
from roi_report.report_context import format_money, format_pct
from roi_report.sample_data import random_profile, write_workbook

SAMPLES = sorted((Path(__file__).parent.parent / "sample_workbooks").glob("*.xlsx"))
SEEDS = (101, 102, 103, 104)


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
    results = [build(source, BuildOptions(out_dir=root / "out")) for source in sources]
    recalculated = recalculate([r.results_path for r in results], root / "lo", root / "profile")
    return list(zip(results, recalculated))


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
        investment, gain, roi = sheet["Investment"][0], sheet["Return"][0], sheet["ROI"][0]
        assert investment == pytest.approx(data["headline"]["investment"]["current"])
        for shown in (
            format_money(investment, settings.currency, settings.language),
            format_money(gain, settings.currency, settings.language),
            format_pct(None if roi == "n/a" else roi * 100, settings.language),
        ):
            assert flat(shown) in text, (result.pdf_path.name, shown)
    assert len(languages) >= 3
