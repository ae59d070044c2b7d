"""Contract v1.1 figures in four places: Python, JSON, the formula sheets once LibreOffice
has recalculated them, and the PDF's text; and the template's Touches sheet."""

import subprocess
from dataclasses import replace

import pytest
from openpyxl import load_workbook
from recalc import mismatches, recalculate
from workbooks import book as good_book

from roi_report.excel.sheets.attribution import ATTRIBUTION, TOUCH_LINES
from roi_report.excel.sheets.trend import TREND
from roi_report.language import use_language
from roi_report.metrics.words import STATUS_WORDS, metric_word
from roi_report.pdf.formatting import format_money
from roi_report.pdf.sections.trend import month_name
from roi_report.pipeline import BuildOptions, build
from roi_report.template.sample_data import random_profile
from roi_report.template.writer import write_template, write_workbook

NEW_SHEETS = {TREND, ATTRIBUTION}


def pdf_text(path) -> str:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("analytics")
    sources = [
        write_template(root / "in" / "example.xlsx", example=True, language="pl"),
        write_workbook(root / "in" / "generated.xlsx", replace(random_profile(3), leads=150), 3),
        good_book(root / "in" / "no-touches.xlsx"),
    ]
    results = [build(source, BuildOptions(out_dir=root / "out")) for source in sources]
    recalculated = recalculate([r.results_path for r in results], root / "lo", root / "profile")
    return list(zip(results, recalculated))


def test_new_figures_agree_in_python_json_sheets_and_pdf(built):
    for result, recalculated in built[:2]:
        data = result.as_dict()
        metrics = result.metrics
        # Python = JSON
        assert len(data["trend"]) == len(metrics.trend)
        assert data["attribution"]["deals"] == metrics.attribution.deals
        for model, json_model in zip(metrics.attribution.models, data["attribution"]["models"]):
            assert json_model["model"] == model.model
            assert [c["revenue"] for c in json_model["channels"]] == [
                c.revenue for c in model.channels
            ]
        # JSON = recalculated sheets: every figure of the new sheets has a check
        checked = {c.sheet for c in result.checks}
        assert checked >= NEW_SHEETS
        assert any(c.path[-2:] == ("pace", "expected_to_date") for c in result.checks) or not any(
            g.pace for g in metrics.goals
        )
        assert not mismatches(recalculated, result.checks, data)
        # = the PDF
        text = pdf_text(result.pdf_path)
        s = result.workbook.settings
        for month in metrics.trend[-3:]:
            assert month_name(month.month, s.language) in text
            assert " ".join(format_money(month.investment, s.currency, s.language).split()) in text
        social = [ch.name for ch in result.workbook.channels if ch.is_social]
        for model in metrics.attribution.models:
            for credit in model.channels:
                if credit.channel in social:
                    shown = format_money(credit.revenue, s.currency, s.language)
                    assert " ".join(shown.split()) in text, (model.model, credit.channel)


def test_pace_status_and_fallback_are_said_in_the_report_language(built):
    result, _ = built[0]  # Polish
    text = pdf_text(result.pdf_path)
    paced = [g for g in result.metrics.goals if g.pace]
    assert paced, "the example has paced goals"
    with use_language(result.workbook.settings.language):
        for goal in paced:
            assert metric_word(STATUS_WORDS[goal.pace.status]) in text
    fallback = result.metrics.attribution.fallback_deals
    assert fallback == 0 or f" {fallback} " in text


def test_without_touches_no_attribution_figures_or_page(built):
    result, recalculated = built[2]
    assert result.workbook.touches is None and result.metrics.attribution is None
    book = load_workbook(recalculated, read_only=True)
    assert {ATTRIBUTION, TOUCH_LINES, TREND} <= set(book.sheetnames)
    # no figures there, only how to get them
    assert not any(check.sheet in (ATTRIBUTION, TOUCH_LINES) for check in result.checks)
    assert "Add a Touches sheet" in " ".join(
        str(cell) for row in book[ATTRIBUTION].iter_rows(values_only=True) for cell in row if cell
    )
    assert result.as_dict()["attribution"] is None


def test_init_writes_an_empty_touches_table_with_its_instructions(tmp_path):
    path = write_template(tmp_path / "blank.xlsx")
    book = load_workbook(path)
    touches = book["Touches"]
    assert [c.value for c in touches[1]] == ["Lead ID", "Date", "Channel", "Campaign", "Touch"]
    assert touches.max_row <= 2 and list(touches.tables) == ["Touches"]
    words = " ".join(str(row[0].value) for row in book["Instructions"].iter_rows() if row[0].value)
    assert "Touches — optional" in words and "Deal creation" in words
    assert "Start" in [c.value for c in book["Goals"][1]]
