"""The results workbook: the user's sheets kept, live formulas, safe text, atomic output."""

import hashlib
import shutil
from datetime import date

from openpyxl import load_workbook
from recalc import recalculate
from workbooks import make_workbook

from roi_report.excel.sheets import GENERATED_SHEETS, SUMMARY
from roi_report.pipeline import BuildOptions, build

HOSTILE = '=HYPERLINK("http://evil.example","click")'


def sample(tmp_path):
    return make_workbook(
        tmp_path / "client.xlsx",
        costs=[
            {
                "Date": date(2025, 7, 5),
                "Category": "Ads",
                "Channel": "LinkedIn",
                "Type": "Paid",
                "Campaign": HOSTILE,
                "Amount": 1000,
            }
        ],
        goals=[{"Goal": "Leads", "Metric": "Leads", "Channel": "All", "Value per result": 30}],
        results=[
            {
                "Date": "2025-07-20",
                "Channel": "LinkedIn",
                "Type": "Paid",
                "Campaign": HOSTILE,
                "Metric": "Leads",
                "Count": 50,
            }
        ],
    )


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_user_sheets_kept_and_input_untouched(tmp_path):
    source = sample(tmp_path)
    before = digest(source)
    built = build(source, BuildOptions(out_dir=tmp_path / "out", pdf=False))
    assert digest(source) == before
    assert built.results_path.name == "client-roi.xlsx"
    book = load_workbook(built.results_path)
    assert book.sheetnames[:7] == [
        "Report",
        "Channels",
        "Costs",
        "Staff",
        "Goals",
        "Results",
        "Leads",
    ]
    assert [n for n in book.sheetnames if n.startswith("ROI ")] == list(GENERATED_SHEETS)
    assert book["Costs"]["G2"].value == 1000
    assert list((tmp_path / "out").iterdir()) == [built.results_path]


def test_user_text_is_never_a_formula(tmp_path):
    built = build(sample(tmp_path), BuildOptions(out_dir=tmp_path / "out", pdf=False))
    book = load_workbook(built.results_path)
    cells = [c for c in book["ROI Channels"]["A"] if c.value == HOSTILE]
    assert cells and all(c.data_type == "s" for c in cells)
    assert book["Costs"]["E2"].data_type == "s"


def test_rebuilding_a_results_workbook_replaces_generated_sheets(tmp_path):
    first = build(sample(tmp_path), BuildOptions(out_dir=tmp_path / "one", pdf=False))
    second = build(first.results_path, BuildOptions(out_dir=tmp_path / "two", pdf=False))
    assert second.results_path.name == "client-roi.xlsx"
    names = load_workbook(second.results_path).sheetnames
    assert len(names) == len(set(names)) == 7 + len(GENERATED_SHEETS)


def test_formulas_follow_a_changed_input(tmp_path):
    """Finance edits an amount in the results workbook; the summary follows on recalculation."""
    built = build(sample(tmp_path), BuildOptions(out_dir=tmp_path / "out", pdf=False))
    edited = tmp_path / "edited" / "client-roi.xlsx"
    edited.parent.mkdir()
    shutil.copy(built.results_path, edited)
    book = load_workbook(edited)
    book["Costs"]["G2"] = 500
    book.save(edited)
    (recalculated,) = recalculate([edited], tmp_path / "recalc", tmp_path / "profile")
    summary = load_workbook(recalculated, data_only=True)[SUMMARY]
    figures = {row[0]: row[1] for row in summary.iter_rows(values_only=True) if row[0]}
    assert figures["Investment"] == 500
    assert figures["Return"] == 1500
    assert abs(figures["ROI"] - 2.0) < 1e-12
