"""No silent miscounts (issue 11 §5) and no silent ambiguity (issue 16): every case that
used to change figures without a word, or to block a build with a confusing message, gets a
message naming Sheet!Cell from `check` and `build` alike; values pasted from CRMs are read."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.table import Table
from recalc import mismatches, recalculate
from test_bad_input import files_under, run, sha256
from test_render import flat, pdf_text
from workbooks import (
    DEFAULT_SETTINGS,
    GOOD_COST,
    GOOD_LEAD,
    GOOD_STAFF,
    book,
    make_workbook,
    with_,
)

from roi_report.pipeline import BuildOptions, build, load


def lead(number: int, **changes) -> dict:
    return with_({**GOOD_LEAD, "Lead ID": f"L-{number}"}, **changes)


WON = {"Stage": "Won", "Won date": date(2025, 8, 2), "Revenue": 1200}


def won(number: int, **changes) -> dict:
    return with_({**lead(number), **WON}, **changes)


def src(tmp_path):
    """The input's path, alone in a folder of its own (to see that nothing is written)."""
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    return folder / "client.xlsx"


def edit(path, change):
    workbook = load_workbook(path)
    change(workbook)
    workbook.save(path)
    return path


def check_and_build(tmp_path, source, *extra):
    """(check's result, build's result), the build into an output folder of its own."""
    out = tmp_path / "out"
    checked = run(["check", *extra, source])
    built = run(["build", source, "--no-pdf", "-o", out])
    return checked, built, out


def assert_refused_everywhere(tmp_path, source, fragments):
    """check and build exit 1 with every fragment, write nothing, leave the input alone."""
    before, listing = sha256(source), files_under(source.parent)
    checked, built, out = check_and_build(tmp_path, source)
    for result in (checked, built):
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        for fragment in fragments:
            assert fragment in result.output, result.output
    assert sha256(source) == before
    assert files_under(source.parent) == listing
    assert not out.exists() or not any(out.iterdir())


def assert_warned_everywhere(tmp_path, source, fragment, *, strict_fails=True, label="warning"):
    """check and build succeed and say it (as a warning or a note); --strict fails on
    warnings, not on notes."""
    checked, built, out = check_and_build(tmp_path, source)
    for result in (checked, built):
        assert result.exit_code == 0, result.output
        assert f"{label}: {fragment}" in result.output, result.output
    strict = run(["check", "--strict", source])
    assert strict.exit_code == (1 if strict_fails else 0), strict.output
    if strict_fails:
        assert fragment in strict.output
    return out


# --- errors: the workbook cannot be reported on as it stands --------------------------------


def test_a_won_lead_without_won_date_is_an_error(tmp_path):
    source = book(src(tmp_path), leads=[lead(1), won(2, Won_date=None)])
    assert_refused_everywhere(
        tmp_path,
        source,
        ["Leads!H3: the lead is Won but has no Won date", "enter the date the deal was won"],
    )


def test_won_leads_without_a_won_date_column_are_an_error(tmp_path):
    source = src(tmp_path)
    book(source, leads=[lead(1), won(2), won(3)])
    edit(source, lambda wb: wb["Leads"].delete_cols(8))  # the Won date column
    assert_refused_everywhere(
        tmp_path,
        source,
        ["Leads!E3: rows 3–4 are Won but the sheet has no Won date column", "'Won date'"],
    )


def test_a_setting_in_two_rows_is_an_error_naming_both(tmp_path):
    source = book(src(tmp_path))
    edit(source, lambda wb: wb["Report"].append(["currency", "EUR"]))
    assert_refused_everywhere(
        tmp_path,
        source,
        ["Report!A8: the setting 'Currency' is in two rows, Report!A6 and Report!A8"],
    )


def test_two_columns_with_one_header_are_an_error_naming_both(tmp_path):
    source = src(tmp_path)
    make_workbook(source, costs=[GOOD_COST], rename={"Description": "Amount"})
    assert_refused_everywhere(
        tmp_path,
        source,
        ["Costs!G1: two columns are headed 'Amount', Costs!F1 and Costs!G1"],
    )


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_look_alike_sheet_before_the_real_one_is_an_error(tmp_path, state):
    source = book(src(tmp_path), leads=[lead(1)])

    def add_hidden(workbook):
        copy = workbook.create_sheet("LEADS ", 1)  # before the real one
        copy.append(["Lead ID", "Created", "Source", "Score", "Stage"])
        copy.append(["X-1", date(2025, 7, 2), "LinkedIn", 90, "Won"])
        copy.sheet_state = state

    edit(source, add_hidden)
    where = "hidden" if state == "hidden" else "very hidden"
    assert_refused_everywhere(
        tmp_path,
        source,
        ["2 sheets are named like 'Leads': 'LEADS ' (" + where + ") and 'Leads'"],
    )


def test_a_missing_logo_file_is_caught_by_check(tmp_path):
    source = book(src(tmp_path))
    edit(source, lambda wb: wb["Report"].append(["Logo", "logo.png"]))
    assert_refused_everywhere(tmp_path, source, ["Report!B8: Logo: 'logo.png' does not exist"])


# --- warnings: figures that would change without a word --------------------------------


@pytest.mark.parametrize(
    ("leads", "fragment"),
    [
        (
            [won(1, Won_date=date(2025, 7, 1), Created=date(2025, 7, 20))],
            "Leads!H2: row 2: the Won date is before the Created date",
        ),
        (
            [lead(1, Stage="Lost", Won_date=date(2025, 8, 1), Revenue=900)],
            "Leads!E2: row 2: a Won date or Revenue is filled on a lead whose Stage is not Won",
        ),
        (
            [lead(1), won(2, Revenue=None), won(3, Revenue=None)],
            "Leads!I3: rows 3–4: the lead is Won but its Revenue is empty",
        ),
    ],
    ids=["won-before-created", "won-date-on-lost-lead", "won-without-revenue"],
)
def test_doubtful_deals_are_said(tmp_path, leads, fragment):
    source = book(tmp_path / "client.xlsx", leads=leads)
    assert_warned_everywhere(tmp_path, source, fragment)


@pytest.mark.parametrize(
    ("label", "value", "meant", "figure"),
    [
        ("Compare to", "None", "Compare with", ("periods", "compare_with", "Previous period")),
        ("Shared cost", "Even", "Shared costs", ("shared_costs", None, "Proportional")),
    ],
)
def test_a_misspelt_setting_names_the_setting_meant(tmp_path, label, value, meant, figure):
    source = make_workbook(tmp_path / "client.xlsx", settings={meant: None})
    edit(source, lambda wb: wb["Report"].append([label, value]))
    row = sum(1 for key in DEFAULT_SETTINGS if key != meant) + 2
    out = assert_warned_everywhere(
        tmp_path,
        source,
        f"Report!A{row}: '{label.lower()}' is not a setting — did you mean '{meant}'?",
    )
    data = json.loads(run(["build", source, "--no-pdf", "-o", out, "--json"]).stdout)
    key, inner, default = figure
    assert (data[key][inner] if inner else data[key]) == default  # the default, as said


def test_an_amount_a_hundred_times_its_category_median_is_said(tmp_path):
    costs = [with_(GOOD_COST, Amount=a) for a in (900, 1000, 1100, 125_000)]
    source = book(tmp_path / "client.xlsx", costs=costs)
    assert_warned_everywhere(
        tmp_path,
        source,
        "Costs!G5: 125,000.00 is more than 100 times the median Ads amount (1,050.00)",
    )


def test_more_staff_hours_than_the_month_has_are_said(tmp_path):
    one_row = book(tmp_path / "a.xlsx", staff=[GOOD_STAFF, with_(GOOD_STAFF, Hours=800)])
    assert_warned_everywhere(
        tmp_path, one_row, "Staff!G3: 800 hours is more than July 2025 has (744)"
    )
    many = [with_(GOOD_STAFF, Hours=300, Date=date(2025, 7, day)) for day in (1, 2, 3)]
    by_person = book(tmp_path / "b.xlsx", staff=many)
    assert_warned_everywhere(
        tmp_path, by_person, "Staff!G2: Ana's hours in July 2025 add up to 900"
    )


def test_a_date_years_away_from_the_rest_is_said(tmp_path):
    leads = [lead(1), lead(2), lead(3, Created=date(2052, 7, 21))]
    source = book(tmp_path / "client.xlsx", leads=leads)
    assert_warned_everywhere(
        tmp_path, source, "Leads!B4: the date 2052-07-21 is years away from the rest of the data"
    )


def test_a_malformed_email_to_is_caught_by_check(tmp_path):
    source = book(tmp_path / "client.xlsx", settings={"Email to": "boss@, ana@example.com"})
    assert_warned_everywhere(
        tmp_path, source, "Report!B8: the Report sheet's 'Email to' address 'boss@' is not"
    )


def test_a_quoted_name_with_a_comma_is_one_recipient(tmp_path):
    source = book(tmp_path / "client.xlsx", settings={"Email to": '"Smith, John" <j@example.com>'})
    result = run(["check", "--strict", source])
    assert result.exit_code == 0, result.output


# --- notes: routine, never a failure of --strict, never in the client's PDF ------------------


def test_rows_outside_the_periods_are_a_note_that_strict_accepts(tmp_path):
    costs = [GOOD_COST, with_(GOOD_COST, Date=date(2024, 1, 5))]
    source = book(tmp_path / "client.xlsx", costs=costs)
    assert_warned_everywhere(
        tmp_path,
        source,
        "Costs!A3: 1 row is dated outside both the report period",
        strict_fails=False,
        label="note",
    )


def test_notes_stay_out_of_the_pdf_and_warnings_go_in(tmp_path):
    costs = [with_(GOOD_COST, Amount=a) for a in (900, 1000, 1100, 125_000)]
    costs.append(with_(GOOD_COST, Date=date(2024, 1, 5)))
    source = book(tmp_path / "client.xlsx", costs=costs)
    built = build(source, BuildOptions(out_dir=tmp_path / "out"))
    text = flat(pdf_text(built.pdf_path))
    assert "more than 100 times the median" in text
    assert "outside both" not in text
    kinds = {w["where"]: w["severity"] for w in built.as_dict()["warnings"]}
    assert kinds == {"Costs!G5": "warning", "Costs!A6": "note"}


def with_excel_table(totals_label, total, ref_last=4, totals_rows=1):
    """Costs as an Excel Table (header and two rows), and its Total Row when totals_rows."""

    def change(workbook):
        sheet = workbook["Costs"]
        if totals_rows:
            sheet.append([totals_label, None, None, None, None, None, total])
        table = Table(displayName="Costs", ref=f"A1:I{ref_last}")
        table.totalsRowCount = totals_rows
        sheet.add_table(table)

    return change


def typed_totals_row(workbook):
    workbook["Costs"].append(["Total:", None, None, None, None, None, 2000])


# Excel's Total Row holds the sum as Excel saves it (its cached value), or a formula saved
# without a result, which would be refused if the row were read as data.
TOTALS = {
    "excel-total-row": (
        with_excel_table(None, 2000),
        "Costs!A4: row 4 is a totals row and not read as data",
    ),
    "excel-total-row-with-label": (
        with_excel_table("Total", "=SUBTOTAL(109,G2:G3)"),
        "Costs!A4: row 4 is a totals row and not read as data",
    ),
    "totals-row-typed-under-the-table": (
        typed_totals_row,
        "Costs!A4: row 4 is a totals row and not read as data",
    ),
    "row-below-an-excel-table": (
        with_excel_table(None, None, ref_last=2, totals_rows=0),
        "Costs!A3: row 3 is below the Excel table 'Costs' (which ends at row 2) and is counted",
    ),
}


@pytest.mark.parametrize(("change", "fragment"), TOTALS.values(), ids=TOTALS.keys())
def test_totals_rows_are_skipped_and_rows_outside_a_table_said(tmp_path, change, fragment):
    source = book(tmp_path / "client.xlsx", costs=[GOOD_COST, GOOD_COST], staff=[])
    edit(source, change)
    out = assert_warned_everywhere(tmp_path, source, fragment, strict_fails=False, label="note")
    data = json.loads(run(["build", source, "--no-pdf", "-o", out, "--json"]).stdout)
    assert data["headline"]["investment"]["current"] == 2000


# --- values pasted from CRMs are read, and counted alike by the formula sheets ---------------

CRM_LEADS = [
    lead(1, Created="2025-07-03 14:22", Social_assist="TRUE"),
    lead(2, Created="2025-07-04T09:15:00Z", Social_assist="Y", Stage="Closed Lost"),
    won(3, Stage="Closed Won", Won_date="2025-08-02T16:00:00.000Z", Social_assist="yes"),
    won(4, Stage="closed won", Won_date="2025-08-03T10:00+02:00", Social_assist=True),
    won(5, Won_date=datetime(2025, 9, 1, 8, 30), Social_assist="N", Source="Email"),
    lead(6, Social_assist="false"),
]


def test_crm_values_are_read_and_counted(tmp_path):
    costs = [with_(GOOD_COST, Date="2025-07-05T10:00:00Z")]
    source = book(tmp_path / "client.xlsx", leads=CRM_LEADS, costs=costs)
    data = json.loads(run(["build", source, "--no-pdf", "-o", tmp_path / "out", "--json"]).stdout)
    roles = {r["role"]: (r["deals"], r["revenue"]) for r in data["new_business"]}
    assert roles["source"] == (2, 2400)
    assert roles["assist"] == (2, 2400)  # leads 3 and 4; lead 5's "N" is no assist
    assert roles["all_won"] == (3, 3600)
    assert data["headline"]["social_leads"]["current"] == 5
    assert data["headline"]["investment"]["current"] == 1000 + 500
    assert [b["won"] for b in data["bands"]] == [0, 2, 0, 0]  # lead 5 is not social


def test_crm_values_recalculate_to_the_same_figures(tmp_path):
    costs = [with_(GOOD_COST, Date="2025-07-05T10:00:00Z")]
    source = book(tmp_path / "client.xlsx", leads=CRM_LEADS, costs=costs)
    built = build(source, BuildOptions(out_dir=tmp_path / "out", pdf=False))
    (recalculated,) = recalculate([built.results_path], tmp_path / "recalc", tmp_path / "profile")
    wrong = mismatches(recalculated, built.checks, built.as_dict())
    assert not wrong, "\n".join(wrong[:20])


@pytest.mark.parametrize(
    ("make", "fragment", "not_said"),
    [
        (
            lambda p: book(p, leads=[lead(1, Score="$65")]),
            "Leads!D2: '$65' is text, not a score — type the number alone, such as 65",
            "currency",
        ),
        (
            lambda p: book(p, costs=[with_(GOOD_COST, Social_share=1.5)]),
            "Costs!H2: 1.5 is 150 % as a percent, above 100 %",
            "ambiguous",
        ),
    ],
    ids=["score-is-no-money", "share-above-100"],
)
def test_advice_fits_the_column(tmp_path, make, fragment, not_said):
    source = make(src(tmp_path))
    assert_refused_everywhere(tmp_path, source, [fragment])
    assert not_said not in run(["check", source]).output


def test_new_warnings_are_in_the_report_language(tmp_path):
    costs = [with_(GOOD_COST, Amount=a) for a in (900, 1000, 1100, 125_000)]
    leads = [won(1, Revenue=None), won(2, Revenue=None)]
    settings = {"Language": "es", "Currency": "EUR"}
    source = book(tmp_path / "client.xlsx", costs=costs, leads=leads, settings=settings)
    built = build(source, BuildOptions(out_dir=tmp_path / "out"))
    text = flat(pdf_text(built.pdf_path))
    assert "Leads!I2" in text and "Leads ganados sin ingresos: 2 (el primero en la fila 2)" in text
    assert "125.000 es más de 100 veces la mediana de su categoría (1.050)" in text
    assert "its Revenue is empty" not in text


def test_colours_are_checked_by_the_brand_validator_and_kept_clean(tmp_path):
    # The whole value must be a colour: a line break after it is refused, never styled.
    source = book(src(tmp_path), settings={"Primary color": "#1f3a5f\n", "Accent color": "orange"})
    assert_refused_everywhere(
        tmp_path,
        source,
        [
            "Report!B8: Primary color: '#1f3a5f\\n' is not",
            "Report!B9: Accent color: 'orange' is not",
        ],
    )
    clean = book(tmp_path / "clean.xlsx", settings={"Primary color": "#1f3a5f"})
    assert load(clean).settings.primary_color == "#1F3A5F"
