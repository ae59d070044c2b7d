"""How the ROI sheets present their figures: the ROI change in percentage points, the shared
costs row saying whether they were spread, helper columns hidden, header rows tall enough
for their labels and aligned with their numbers, number formats that never end in "40."."""

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from recalc import recalculate
from workbooks import GOOD_COST, GOOD_GOAL, GOOD_LEAD, GOOD_RESULT, GOOD_STAFF, make_workbook

from roi_report.excel.package import wrapped_lines
from roi_report.excel.sheets import CHANNELS, GENERATED_SHEETS, SHARED_LABELS, SUMMARY
from roi_report.pipeline import BuildOptions, build

SAMPLE = sorted((Path(__file__).parent.parent / "sample_workbooks").glob("*.xlsx"))[0]
NUMBER_STYLES = ("money", "percent", "points", "count", "number", "date")


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    root = tmp_path_factory.mktemp("roi-sheets")
    return build(SAMPLE, BuildOptions(out_dir=root, pdf=False))


def test_the_change_of_roi_is_in_percentage_points(sample):
    summary = load_workbook(sample.results_path)[SUMMARY]
    row = next(r for r in range(1, summary.max_row + 1) if summary.cell(r, 1).value == "ROI")
    change = summary.cell(row, 4)
    assert '"pp"' in change.number_format and change.number_format.startswith("+")
    roi = sample.metrics.headline.roi_pct
    assert load_workbook(sample.results_path, data_only=True)[SUMMARY].cell(
        row, 4
    ).value == pytest.approx(roi.current - roi.previous)


def shared_costs_book(path: Path, mode: str, social_cost: bool) -> Path:
    costs = [{**GOOD_COST, "Channel": "All", "Category": "Tools", "Amount": 600}]
    if social_cost:
        costs.append(GOOD_COST)
    return make_workbook(
        path,
        settings={"Shared costs": mode},
        costs=costs,
        staff=[{**GOOD_STAFF, "Channel": "Email"}],
        goals=[GOOD_GOAL],
        results=[GOOD_RESULT],
        leads=[GOOD_LEAD],
    )


def test_the_shared_costs_row_says_whether_and_how_they_were_spread(tmp_path):
    cases = {
        "None": ("None", True),
        "Even": ("Even", True),
        "Proportional": ("Proportional", True),
        "no_direct": ("Proportional", False),
    }
    built = {
        case: build(
            shared_costs_book(tmp_path / f"{case}.xlsx", mode, social),
            BuildOptions(out_dir=tmp_path / "out", pdf=False),
        )
        for case, (mode, social) in cases.items()
    }
    files = recalculate(
        [b.results_path for b in built.values()], tmp_path / "lo", tmp_path / "profile"
    )
    for (case, result), recalculated in zip(built.items(), files):
        for path in (result.results_path, recalculated):  # cached, then recalculated
            sheet = load_workbook(path, data_only=True)[CHANNELS]
            labels = [sheet.cell(r, 1).value for r in range(1, sheet.max_row + 1)]
            assert SHARED_LABELS[case] in labels, (case, path.name)


def test_helper_columns_are_hidden(sample):
    channels = load_workbook(sample.results_path)[CHANNELS]
    assert channels.column_dimensions["L"].hidden
    assert not channels.column_dimensions["K"].hidden


def test_header_rows_fit_their_labels_and_align_with_their_numbers(sample):
    book = load_workbook(sample.results_path)
    checked = 0
    for name in GENERATED_SHEETS:
        sheet = book[name]
        for row in sheet.iter_rows():
            headers = [c for c in row if c.fill.fgColor.rgb not in (None, "00000000") and c.value]
            if not headers:
                continue
            widths = {
                c.column: sheet.column_dimensions[c.column_letter].width or 8.43 for c in headers
            }
            lines = max(wrapped_lines(str(c.value), widths[c.column]) for c in headers)
            height = sheet.row_dimensions[row[0].row].height or 15
            assert height >= 15 * lines, (name, row[0].row)
            for cell in headers:
                column = []
                for below in range(cell.row + 1, sheet.max_row + 1):
                    if sheet.cell(below, cell.column).value is None:
                        break
                    column.append(sheet.cell(below, cell.column))
                # Numbers (and n/a in their place) align right; labels stay left.
                numbers = bool(column) and all(c.alignment.horizontal == "right" for c in column)
                assert (cell.alignment.horizontal == "right") == numbers, (name, cell.coordinate)
                checked += numbers
    assert checked > 50
    bands = book["ROI Lead bands"]
    header = next(r for r in bands.iter_rows() if r[1].value == "Leads")
    assert bands.row_dimensions[header[0].row].height >= 45  # "Leads, comparison period"


def test_no_number_format_can_end_in_a_bare_decimal_separator(sample):
    with zipfile.ZipFile(sample.results_path) as package:
        styles = package.read("xl/styles.xml").decode()
    codes = re.findall(r'formatCode="([^"]*)"', styles)
    assert codes
    # "#,##0.##" shows 40 as "40.": every decimal a format shows must be a 0.
    assert not [code for code in codes if re.search(r"\.#", code)]


def test_wrapped_lines_counts_words_that_do_not_fit():
    assert wrapped_lines("Band", 14) == 1
    assert wrapped_lines("Leads, comparison period", 14) == 3
    assert wrapped_lines("Investment", 15) == 1
    assert wrapped_lines("x" * 40, 10) >= 4


def test_date_text_and_blank_cells_in_lines_count_nothing(tmp_path):
    """A text date is read part by part; a row typed under a table with no date counts
    nothing (the sum of a lines column never hits an error)."""
    source = make_workbook(
        tmp_path / "client.xlsx",
        costs=[GOOD_COST, {**GOOD_COST, "Date": "2025-07-09", "Amount": 250}],
        staff=[GOOD_STAFF],
        goals=[GOOD_GOAL],
        results=[GOOD_RESULT],
        leads=[GOOD_LEAD, {**GOOD_LEAD, "Lead ID": "L-2", "Created": "2025-07-22"}],
    )
    built = build(source, BuildOptions(out_dir=tmp_path / "out", pdf=False))
    edited = load_workbook(built.results_path)
    append(edited["Costs"], {**GOOD_COST, "Date": None, "Amount": 999})
    append(edited["Leads"], {**GOOD_LEAD, "Lead ID": "L-3", "Created": None})
    edited.save(tmp_path / "edited.xlsx")
    (recalculated,) = recalculate([tmp_path / "edited.xlsx"], tmp_path / "lo", tmp_path / "p")
    summary = load_workbook(recalculated, data_only=True)[SUMMARY]
    values = {row[0]: row[1] for row in summary.iter_rows(values_only=True) if row[0]}
    assert values["Investment"] == pytest.approx(1000 + 250 + 500)
    assert values["Leads from social channels"] == 2
    assert built.metrics.headline.investment.current == pytest.approx(1750)


def append(sheet, row: dict) -> None:
    """A row under the last one, by header (row 1)."""
    headers = [cell.value for cell in sheet[1]]
    sheet.append([row.get(header) for header in headers])
