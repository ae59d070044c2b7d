"""What each figure is: the PDF names the source of each lead count and the return of each
ROI, the key findings look at social goals, and the unrecalculated workbook says how to
recalculate."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from report_words import said
from workbooks import make_workbook

from roi_report.excel.sheets import SENTINEL_LABEL, SUMMARY
from roi_report.excel.sheets.summary import NOT_RECALCULATED
from roi_report.metrics.compute import compute
from roi_report.pdf.context import build_context
from roi_report.pdf.formatting import format_count, format_pct, quote
from roi_report.pdf.render import render_pdf
from roi_report.pipeline import BuildOptions, build, load

CHANNELS = [("LinkedIn", "Social"), ("Email", "Other"), ("Google Ads", "Other")]
STAGES = ("Lead", "MQL", "MQL", "SQL", "Opportunity", "Lost", "Won")
OTHER_GOAL = "Search leads"  # the furthest behind of all goals, on an Other channel
LEAD_SOURCES = (
    "CRM leads (Leads sheet) are the leads your CRM recorded; leads reported by the platforms "
    "(Results) are each platform's own count, so the two counts and their costs per lead differ."
)
RECENT_LEADS = "Recent leads may not have moved on yet."


def two_lead_counts(path: Path, *, language="en", end=date(2025, 9, 30), lead_goal=True):
    """A workbook whose Results count Leads (the platforms' figure) beside a Leads sheet (the
    CRM's); its goal furthest behind target is on Google Ads, an Other channel."""
    start = date(2025, 7, 1)
    day = date(2025, 7, 20)
    metric = "Leads" if lead_goal else "Demo requests"
    result = {"Date": day, "Type": "Paid", "Metric": metric}
    leads = [
        {
            "Lead ID": f"L-{i}",
            "Created": start + timedelta(days=i * 2),
            "Source": "LinkedIn" if i % 3 else "Email",
            "Score": 30 + i,
            "Stage": stage,
            **({"Won date": day + timedelta(days=30), "Revenue": 9000} if stage == "Won" else {}),
        }
        for i, stage in enumerate(STAGES * 3)
    ]
    return make_workbook(
        path,
        settings={"Language": language, "Period end": end, "Compare with": "None"},
        channels=CHANNELS,
        costs=[
            {"Date": day, "Category": "Ads", "Channel": channel, "Type": "Paid", "Amount": amount}
            for channel, amount in (("LinkedIn", 2400), ("Google Ads", 800))
        ],
        goals=[
            {
                "Goal": "LinkedIn leads",
                "Metric": metric,
                "Channel": "LinkedIn",
                "Target": 50,
                "Value per result": 90,
            },
            {
                "Goal": OTHER_GOAL,
                "Metric": metric,
                "Channel": "Google Ads",
                "Target": 100,
                "Value per result": 90,
            },
        ],
        results=[
            {**result, "Channel": "LinkedIn", "Count": 40},
            {**result, "Channel": "Google Ads", "Count": 10},
        ],
        leads=leads,
    )


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
@pytest.mark.parametrize("language", ["en", "es"])
def test_pdf_names_each_lead_count_and_return_and_skips_other_channel_goals(tmp_path, language):
    book = load(two_lead_counts(tmp_path / "book.xlsx", language=language))
    metrics = compute(book)
    out = render_pdf(metrics, book, tmp_path / "report.pdf", workbook_dir=tmp_path, charts=False)
    pdf = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(out), "-"], check=True, capture_output=True, text=True
    ).stdout
    text = " ".join(pdf.split())

    def t(message: str) -> str:
        return said(language, message)

    def printed(sentence: str) -> bool:
        return " ".join(sentence.split()) in text

    # The CRM's leads and the platforms' Leads, each with its source, and why they differ
    for label in ("Social CRM leads", "Cost per CRM lead", "CRM leads"):
        assert printed(t(label)), label
    assert printed(t("{metric} reported by the platforms (Results)").format(metric="Leads"))
    assert printed(t(LEAD_SOURCES))
    assert text.count(" ".join(t(LEAD_SOURCES).split())) == 2  # summary and goals
    # Which return each ROI uses: goal values for the headline, CRM revenue for the bands
    assert printed(t("Return on investment (goal values)"))
    assert printed(t("ROI on CRM revenue"))
    # Furthest behind: the social goal (80 %), not the Other channel's goal (10 %)
    social = next(g for g in metrics.goals if g.channel == "LinkedIn")
    behind = t(
        "The goal {goal} is furthest behind its target: {actual} of {target} ({attainment})."
    ).format(
        goal=quote("LinkedIn leads", language),
        actual=format_count(social.actual, language),
        target=format_count(social.target, language),
        attainment=format_pct(social.attainment_pct, language),
    )
    assert printed(behind)
    findings = build_context(metrics, book, charts=False).summary.findings
    assert all(printed(finding) for finding in findings)
    assert not any(OTHER_GOAL in finding for finding in findings)
    assert OTHER_GOAL in text  # still in the goals table
    # A quarter is a short period: the weakest step says late leads may not have moved on
    assert printed(t(RECENT_LEADS))


def test_lead_sources_and_late_leads_are_said_only_when_they_apply(tmp_path):
    short = build_context(*_metrics_and_book(two_lead_counts(tmp_path / "a.xlsx")), charts=False)
    half_year = two_lead_counts(tmp_path / "b.xlsx", end=date(2025, 12, 31), lead_goal=False)
    long = build_context(*_metrics_and_book(half_year), charts=False)
    note, late = LEAD_SOURCES, RECENT_LEADS
    assert note in short.summary.note and short.goals.note == note
    assert late in short.bands.weakest
    assert long.bands.weakest and late not in long.bands.weakest
    assert not any(late in finding for finding in long.summary.findings)
    assert note not in long.summary.note and long.goals.note == ""
    assert "Demo requests" in {row.metric for row in long.goals.rows}  # no lead metric: as typed


def _metrics_and_book(path: Path):
    book = load(path)
    return compute(book), book


def test_unrecalculated_check_says_how_to_recalculate(tmp_path):
    built = build(two_lead_counts(tmp_path / "book.xlsx"), BuildOptions(pdf=False))
    # The cached values, as a reader that does not recalculate sees them
    rows = CalamineWorkbook.from_path(str(built.results_path)).get_sheet_by_name(SUMMARY)
    cells = rows.to_python()
    at = next(i for i, row in enumerate(cells) if row[0] == SENTINEL_LABEL)
    value, how = cells[at][1], cells[at + 1][0]
    assert value == NOT_RECALCULATED
    for text in (how, value):  # the sentence under the check shows after recalculating too
        assert "Data > Calculate > Recalculate Hard" in text
        assert "Ctrl+Shift+F9" in text and "Ctrl+Alt+F9" in text
