"""Bad input, through the real CLI: one clear message per problem naming sheet and cell,
exit code 1, no output written, the input untouched, and never a traceback."""

from __future__ import annotations

import hashlib
import io
import json
import tempfile
import zipfile
from datetime import date, timedelta

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook
from workbooks import (
    DEFAULT_SETTINGS,
    GOOD_COST,
    GOOD_GOAL,
    GOOD_LEAD,
    GOOD_RESULT,
    GOOD_STAFF,
    book,
    make_workbook,
    with_,
)

from roi_report.cli import main


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_under(folder):
    return sorted(p.relative_to(folder) for p in folder.rglob("*"))


def cost(**changes):
    return lambda p: book(p, costs=[with_(GOOD_COST, **changes)])


def staff(**changes):
    return lambda p: book(p, staff=[with_(GOOD_STAFF, **changes)])


def result(**changes):
    return lambda p: book(p, results=[with_(GOOD_RESULT, **changes)])


def lead(**changes):
    return lambda p: book(p, leads=[with_(GOOD_LEAD, **changes)])


def settings(**changes):
    return lambda p: book(p, settings=changes)


def raw_bytes(data: bytes, name: str = "client.xlsx"):
    def write(p):
        target = p.with_name(name)
        target.write_bytes(data)
        return target

    return write


def valid_then(edit, name="client.xlsx"):
    """A valid workbook, then changed by `edit(path)` (bytes or openpyxl)."""

    def write(p):
        target = book(p.with_name(name))
        edit(target)
        return target

    return write


def truncate(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def break_sheet_xml(path):
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    costs = "xl/worksheets/sheet3.xml"
    parts[costs] = parts[costs][: len(parts[costs]) // 2]
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)


def put(sheet, cell, value):
    def edit(path):
        workbook = load_workbook(path)
        workbook[sheet][cell] = value
        workbook.save(path)

    return edit


def zip_of(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, text in parts.items():
            package.writestr(name, text)
    return buffer.getvalue()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def ole_with(*streams: str) -> bytes:
    """An OLE compound file header plus directory entry names, as Office writes them."""
    return OLE + b"".join(s.encode("utf-16-le").ljust(64, b"\x00") for s in streams) + bytes(2048)


def no_contract_sheets(p):
    workbook = Workbook()
    workbook.active.title = "Sheet1"
    workbook.active["A1"] = "Campaign report"
    workbook.save(p)
    return p


def sheets_without_headers(p):
    workbook = load_workbook(book(p))
    for name in ("Costs", "Staff"):
        del workbook[name]
        workbook.create_sheet(name)
    workbook.save(p)
    return p


def setting_blank(label):
    def write(p):
        book(p)
        workbook = load_workbook(p)
        sheet = workbook["Report"]
        for row in sheet.iter_rows(min_row=2):
            if row[0].value == label:
                row[1].value = None
        workbook.save(p)
        return p

    return write


# (builder, fragments every one of which the output must contain)
CASES = [
    # --- files that are not a workbook the tool can read ---------------------------------
    pytest.param(
        raw_bytes(b"Date,Amount\n2025-07-01,100\n", "costs.csv"),
        [
            "costs.csv: this is a CSV file; open it in Excel or LibreOffice and save it as an "
            "Excel Workbook (.xlsx)"
        ],
        id="csv-file",
    ),
    pytest.param(
        raw_bytes(ole_with("Workbook"), "old.xls"),
        ["old.xls: this is an old Excel 97-2003 workbook (.xls)", "save it as an Excel Workbook"],
        id="xls-file",
    ),
    pytest.param(
        raw_bytes(zip_of({"xl/workbook.bin": "x"}), "binary.xlsb"),
        ["binary.xlsb: this is a binary Excel workbook (.xlsb)"],
        id="xlsb-file",
    ),
    pytest.param(
        raw_bytes(
            zip_of({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}), "calc.ods"
        ),
        # .ods is read like .xlsx (issue 14); this one has no cells to read
        ["calc.ods: the workbook is damaged (it holds no content.xml"],
        id="ods-file",
    ),
    pytest.param(
        raw_bytes(b"Date,Amount\n", "notes.txt"),
        ["notes.txt: this is a text file"],
        id="txt-file",
    ),
    pytest.param(
        raw_bytes(b"Date,Amount\n", "client"),
        ["client: 'no extension' is not an Excel workbook"],
        id="no-extension",
    ),
    pytest.param(raw_bytes(b""), ["client.xlsx: the file is empty"], id="empty-file"),
    pytest.param(
        valid_then(truncate),
        ["client.xlsx: the workbook is damaged (the file is cut short", "save it again as .xlsx"],
        id="truncated-zip",
    ),
    pytest.param(
        valid_then(break_sheet_xml),
        ["client.xlsx: the workbook is damaged (the sheet 'Costs' cannot be read)"],
        id="corrupt-sheet-xml",
    ),
    pytest.param(
        raw_bytes(b"Date;Channel;Amount\n2025-07-01;LinkedIn;100\n"),
        ["client.xlsx: this is a text file (probably CSV) with an .xlsx name"],
        id="csv-renamed-xlsx",
    ),
    pytest.param(
        raw_bytes(b"<html><body><table><tr><td>Amount</td></tr></table></body></html>"),
        ["client.xlsx: this is a web page (HTML) with an .xlsx name"],
        id="html-renamed-xlsx",
    ),
    pytest.param(
        raw_bytes(ole_with("Root Entry", "EncryptionInfo", "EncryptedPackage")),
        ["client.xlsx: the workbook is password-protected (encrypted)", "remove the password"],
        id="password-protected",
    ),
    pytest.param(
        raw_bytes(ole_with("Root Entry", "Workbook")),
        ["client.xlsx: this is an old Excel 97-2003 workbook (.xls) with an .xlsx name"],
        id="xls-renamed-xlsx",
    ),
    pytest.param(
        raw_bytes(zip_of({"photos/a.txt": "x"})),
        ["client.xlsx: this is a zip archive, not an Excel workbook"],
        id="zip-not-workbook",
    ),
    pytest.param(
        raw_bytes(zip_of({"[Content_Types].xml": "<x/>", "word/document.xml": "<x/>"})),
        ["client.xlsx: this is a Word document, not a workbook"],
        id="docx-renamed-xlsx",
    ),
    pytest.param(
        no_contract_sheets,
        [
            "this is not a roi-report workbook: it has none of the sheets Report, Channels",
            "(its sheets: 'Sheet1')",
            "roi-report init",
        ],
        id="no-contract-sheets",
    ),
    # --- missing structure ---------------------------------------------------------------
    pytest.param(
        lambda p: make_workbook(p, drop_sheets=("Leads",)),
        [
            "Leads: the sheet 'Leads' is missing — add a sheet named 'Leads' with the headers "
            "Lead ID, Created, Source, Score, Stage"
        ],
        id="missing-sheet",
    ),
    pytest.param(
        lambda p: make_workbook(p, drop_sheets=("Report",)),
        [
            "Report: the sheet 'Report' is missing — add a sheet named 'Report' with two columns, "
            "Setting and Value"
        ],
        id="missing-report-sheet",
    ),
    pytest.param(
        lambda p: make_workbook(p, costs=[GOOD_COST], rename={"Amount": "Price"}),
        [
            "Costs!J1: the column 'Amount' is missing — add a column headed 'Amount' to the "
            "header row (row 1)"
        ],
        id="missing-column",
    ),
    pytest.param(
        lambda p: make_workbook(p, costs=[GOOD_COST], rename={"Amount": "Amt"}),
        [
            "Costs!G1: the column 'Amount' is missing — is 'Amt' meant to be it? Rename that "
            "header to 'Amount'"
        ],
        id="misspelled-column",
    ),
    pytest.param(
        lambda p: make_workbook(p, channels=[("", "")]),
        ["Channels!A2: the Channels table is empty — list every channel"],
        id="channels-empty",
    ),
    pytest.param(
        sheets_without_headers,
        [
            "Costs!A1: no header row found — put the headers Date, Category, Channel, Type, "
            "Campaign, Amount in one row near the top of the sheet 'Costs'",
            "Staff!A1: no header row found",
        ],
        id="sheets-without-headers",
    ),
    pytest.param(
        settings(Client=None),
        [
            "Report!A7: the setting 'Client' is missing — type 'Client' in A7 and, beside it in "
            "B7, the client or company name"
        ],
        id="missing-setting",
    ),
    pytest.param(
        setting_blank("Period start"),
        [
            "Report!B3: the setting 'Period start' is empty — enter the first day of the report "
            "period"
        ],
        id="empty-setting",
    ),
    # --- text where a number belongs ------------------------------------------------------
    pytest.param(
        cost(Amount="abc"),
        ["Costs!G2: 'abc' is not an amount — enter a number such as 1250.00"],
        id="text-amount",
    ),
    pytest.param(
        cost(Amount="1250"),
        ["Costs!G2: '1250' is stored as text, not as a number — retype it as a number"],
        id="number-stored-as-text",
    ),
    pytest.param(
        cost(Amount="$1,250.00"),
        ["Costs!G2: '$1,250.00' is text, not an amount — type the number alone"],
        id="amount-with-currency-sign",
    ),
    pytest.param(
        cost(Amount=-50),
        ["Costs!G2: -50 is negative — enter costs and amounts as positive numbers"],
        id="negative-amount",
    ),
    pytest.param(
        cost(Amount=None),
        ["Costs!G2: Amount is empty — enter a number such as 1250.00"],
        id="empty-amount",
    ),
    pytest.param(
        staff(Hours="ten"),
        ["Staff!G2: 'ten' is not a number — enter a number such as 12"],
        id="text-hours",
    ),
    pytest.param(
        result(Count="lots"),
        ["Results!F2: 'lots' is not a number — enter a number such as 12"],
        id="text-count",
    ),
    pytest.param(
        lead(Score="high"),
        ["Leads!D2: 'high' is not a score — enter a number such as 65"],
        id="text-score",
    ),
    pytest.param(
        lead(Score=150),
        ["Leads!D2: 150 is outside 0–100 — lead scores run from 0 to 100"],
        id="score-out-of-range",
    ),
    # --- booleans and Excel errors in number cells ----------------------------------------
    pytest.param(
        cost(Amount=True),
        ["Costs!G2: TRUE is a TRUE/FALSE value, not an amount"],
        id="boolean-amount",
    ),
    pytest.param(
        valid_then(put("Costs", "G2", "#DIV/0!")),
        ["Costs!G2: the cell shows the error #DIV/0! — fix the formula there"],
        id="div0-amount",
    ),
    pytest.param(
        valid_then(put("Results", "F2", "#N/A")),
        ["Results!F2: the cell shows the error #N/A — fix the formula there"],
        id="na-count",
    ),
    pytest.param(
        valid_then(put("Costs", "G2", "=40*25")),
        [
            "Costs!G2: the formula =40*25 here has no saved result",
            "open the workbook in Excel or LibreOffice and save it",
        ],
        id="formula-never-calculated",
    ),
    # --- dates ---------------------------------------------------------------------------
    pytest.param(
        cost(Date="14/03/2025"),
        ["Costs!A2: '14/03/2025' is text, not a date — write it as 2025-03-14 (year-month-day)"],
        id="date-day-month-year-text",
    ),
    pytest.param(
        cost(Date="03/04/2025"),
        [
            "Costs!A2: '03/04/2025' is text, not a date — write it as 2025-03-04 or 2025-04-03, "
            "whichever you mean"
        ],
        id="date-ambiguous-text",
    ),
    pytest.param(
        result(Date="July 20, 2025"),
        ["Results!A2: 'July 20, 2025' is text, not a date — write it as 2025-07-20"],
        id="date-month-name-text",
    ),
    pytest.param(
        cost(Date="2025-02-30"),
        ["Costs!A2: '2025-02-30' is not a real date — February 2025 has 28 days"],
        id="impossible-date",
    ),
    pytest.param(
        lead(Created="2025-13-01"),
        ["Leads!B2: '2025-13-01' is not a real date — there is no month 13"],
        id="impossible-month",
    ),
    pytest.param(
        cost(Date="31/02/2025"),
        ["Costs!A2: '31/02/2025' is not a real date — check the day and the month"],
        id="impossible-date-text",
    ),
    pytest.param(
        cost(Date=12),
        ["Costs!A2: 12 is a number, not a date — enter a date such as 2025-03-14"],
        id="small-number-as-date",
    ),
    pytest.param(
        cost(Date="soon"),
        ["Costs!A2: 'soon' is not a date the tool can read — write it as 2025-03-14"],
        id="words-as-date",
    ),
    pytest.param(
        settings(**{"Period end": date(2025, 6, 1)}),
        ["Report!B4: Period end 2025-06-01 is before Period start 2025-07-01"],
        id="period-end-before-start",
    ),
    pytest.param(
        cost(Date="2025-07-05\u00a0"),
        ["Costs!A2: '2025-07-05\\xa0' has a hidden character in it", "retype it as 2025-07-05"],
        id="date-with-non-breaking-space",
    ),
    pytest.param(
        staff(Hours=timedelta(hours=10, minutes=30)),
        ["Staff!G2: 10:30:00 is a duration, not a number — enter a number such as 10.5"],
        id="hours-as-duration",
    ),
    # --- percents ------------------------------------------------------------------------
    pytest.param(
        cost(Social_share=10),
        ["Costs!H2: 10 is ambiguous as a percent — write 10% or 0.1"],
        id="percent-as-whole-number",
    ),
    pytest.param(
        cost(Social_share="150%"),
        ["Costs!H2: '150%' is more than 100 %"],
        id="percent-over-100",
    ),
    pytest.param(
        cost(Social_share="half"),
        ["Costs!H2: 'half' is not a percent — enter it as a percent such as 40% (or 0.4)"],
        id="percent-text",
    ),
    # --- closed lists --------------------------------------------------------------------
    pytest.param(
        cost(Channel="Linkedln"),
        ["Costs!C2: 'Linkedln' is not a channel in the Channels sheet — did you mean 'LinkedIn'?"],
        id="unknown-channel",
    ),
    pytest.param(
        lead(Source="Tiktok"),
        ["Leads!C2: 'Tiktok' is not a channel in the Channels sheet", "add it to the Channels"],
        id="unknown-lead-source",
    ),
    pytest.param(
        cost(Category="Adz"),
        ["Costs!B2: 'Adz' is not a known Category — did you mean 'Ads'?"],
        id="unknown-category",
    ),
    pytest.param(
        cost(Type="Boosted"),
        ["Costs!D2: 'Boosted' is not a known Type — use one of: Organic, Paid"],
        id="unknown-type",
    ),
    pytest.param(
        lead(Stage="Closed"),
        ["Leads!E2: 'Closed' is not a known Stage — did you mean 'Lost'?"],
        id="unknown-stage",
    ),
    pytest.param(
        cost(Funnel_stage="Top"),
        [
            "Costs!I2: 'Top' is not a known Funnel stage — use one of: Awareness, Consideration, "
            "Decision"
        ],
        id="unknown-funnel-stage",
    ),
    pytest.param(
        settings(Currency="Dollars"),
        [
            "Report!B6: Currency: 'Dollars' is not an ISO 4217 currency code — use a code such as "
            "USD"
        ],
        id="unknown-currency",
    ),
    pytest.param(
        settings(**{"Compare with": "Last quarter"}),
        ["Report!B5: Compare with: 'Last quarter' is not a known choice"],
        id="unknown-compare-with",
    ),
    pytest.param(
        lambda p: book(p, leads=[GOOD_LEAD, with_(GOOD_LEAD, Score=80)]),
        ["Leads!A3: the Lead ID 'L-1' is already in row 2 — each lead must appear once"],
        id="duplicate-lead-id",
    ),
    pytest.param(
        lambda p: book(p, goals=[GOOD_GOAL, GOOD_GOAL]),
        ["Goals!B3: a goal for 'Leads' on All is already in row 2"],
        id="duplicate-goal",
    ),
    pytest.param(
        lambda p: make_workbook(p, channels=[("LinkedIn", "Social"), ("All", "Social")]),
        ["Channels!A3: 'All' is reserved"],
        id="channel-named-all",
    ),
]


def run(args):
    return CliRunner().invoke(main, [str(a) for a in args])


def assert_refused(result, fragments):
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in result.output, result.output


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize(("make", "fragments"), CASES)
def test_bad_input_is_refused_clearly(tmp_path, make, fragments, command):
    source_dir = tmp_path / "in"
    source_dir.mkdir()
    source = make(source_dir / "client.xlsx")
    before, listing = sha256(source), files_under(source_dir)
    out = tmp_path / "out"
    args = [command, source] + (["--no-pdf", "-o", out] if command == "build" else [])
    result = run(args)
    assert_refused(result, fragments)
    assert sha256(source) == before
    assert files_under(source_dir) == listing  # nothing written beside the input
    assert not out.exists() or not any(out.iterdir())


def test_every_problem_is_reported_in_one_run(tmp_path):
    source = book(
        tmp_path / "client.xlsx",
        settings={"Period end": date(2025, 6, 1)},
        costs=[
            with_(GOOD_COST, Amount="abc"),
            with_(GOOD_COST, Date="14/03/2025"),
            with_(GOOD_COST, Channel="Linkedln"),
            with_(GOOD_COST, Social_share=10),
        ],
        staff=[with_(GOOD_STAFF, Hours="ten")],
        results=[with_(GOOD_RESULT, Count=True)],
        leads=[GOOD_LEAD, with_(GOOD_LEAD, Stage="Closed"), GOOD_LEAD],
        drop_sheets=("Goals",),
    )
    before = sha256(source)
    result = run(["build", source, "--no-pdf", "-o", tmp_path / "out"])
    assert_refused(
        result,
        [
            "The workbook has 11 problems to fix:",
            "Report!B4: Period end 2025-06-01 is before Period start 2025-07-01",
            "Goals: the sheet 'Goals' is missing",
            "Costs!G2: 'abc' is not an amount",
            "Costs!A3: '14/03/2025' is text, not a date",
            "Costs!C4: 'Linkedln' is not a channel",
            "Costs!H5: 10 is ambiguous as a percent",
            "Staff!G2: 'ten' is not a number",
            "Results!F2: TRUE is a TRUE/FALSE value",
            "Leads!E3: 'Closed' is not a known Stage",
            "Leads!A3: the Lead ID 'L-1' is already in row 2",
            "Leads!A4: the Lead ID 'L-1' is already in row 2",
        ],
    )
    assert sha256(source) == before
    assert not (tmp_path / "out").exists()


def test_a_missing_column_does_not_hide_other_problems(tmp_path):
    source = make_workbook(
        tmp_path / "client.xlsx",
        costs=[with_(GOOD_COST, Date="yesterday")],
        rename={"Amount": "Amt"},
    )
    result = run(["check", source])
    assert_refused(
        result,
        [
            "The workbook has 2 problems to fix:",
            "Costs!G1: the column 'Amount' is missing",
            "Costs!A2: 'yesterday' is not a date",
        ],
    )


def test_a_missing_channels_sheet_is_one_problem_not_one_per_row(tmp_path):
    rows = [GOOD_COST] * 5
    source = make_workbook(tmp_path / "client.xlsx", costs=rows, drop_sheets=("Channels",))
    result = run(["check", source])
    assert_refused(
        result,
        ["The workbook has 1 problem to fix:", "Channels: the sheet 'Channels' is missing"],
    )


def test_a_broken_export_is_summarised_not_flooded(tmp_path):
    rows = [with_(GOOD_COST, Amount="n/a") for _ in range(25)]
    result = run(["check", book(tmp_path / "client.xlsx", costs=rows)])
    assert_refused(result, ["Costs!G2:", "Costs!G11:", "Costs!G:G: 15 more cells"])
    assert "Costs!G12:" not in result.output


def test_missing_path_is_a_usage_error(tmp_path):
    result = run(["build", tmp_path / "nowhere.xlsx"])
    assert result.exit_code == 2
    assert "does not exist" in result.output
    assert "Traceback" not in result.output


def test_a_folder_is_a_usage_error(tmp_path):
    result = run(["check", tmp_path])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


# --- accepted input ---------------------------------------------------------------------


def build_json(tmp_path, source):
    result = run(["build", source, "--no-pdf", "-o", tmp_path / "out", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("share", "effective"),
    [("10%", 100), ("10 %", 100), (" 10 % ", 100), (0.1, 100), (1, 1000), (None, 1000), ("0%", 0)],
)
def test_percent_forms_accepted(tmp_path, share, effective):
    source = book(tmp_path / "client.xlsx", costs=[with_(GOOD_COST, Social_share=share)], staff=[])
    data = build_json(tmp_path, source)
    assert data["headline"]["investment"]["current"] == pytest.approx(effective)


@pytest.mark.parametrize("day", ["2025-07-05", " 2025-07-05 ", date(2025, 7, 5), 45843])
def test_iso_text_dates_and_serials_accepted(tmp_path, day):
    source = book(tmp_path / "client.xlsx", costs=[with_(GOOD_COST, Date=day)], staff=[])
    data = build_json(tmp_path, source)
    assert data["headline"]["investment"]["current"] == 1000


def test_headers_in_any_case_spacing_and_order_and_blank_rows(tmp_path):
    """A table moved down under a title, headers shuffled and oddly typed, blank rows in it,
    a user's own column and text values in odd case: all accepted."""
    source = book(tmp_path / "client.xlsx")
    workbook = load_workbook(source)
    del workbook["Costs"]
    sheet = workbook.create_sheet("COSTS", 2)
    sheet["A1"] = "Our marketing costs, Q3"
    headers = [
        "  AMOUNT ",
        "my notes",
        "channel",
        "Date",
        "type",
        "Category",
        "campaign",
        "Social\u00a0 Share",
    ]
    sheet.append([])
    sheet.append(headers)
    rows = [
        [1000, "first", "linkedin", date(2025, 7, 5), "paid ", "ADS", "Launch", None],
        [None] * 8,
        [None, "a note only in my own column", None, None, None, None, None, None],
        [500, None, " LinkedIn", "2025-07-09", "Organic", "content", "", "50%"],
        ["   "] * 8,
    ]
    for row in rows:
        sheet.append(row)
    workbook.save(source)
    check = run(["check", source])
    assert check.exit_code == 0, check.output
    data = build_json(tmp_path, source)
    assert data["headline"]["investment"]["current"] == 1000 + 250 + 50 * 10  # + staff
    results = load_workbook(tmp_path / "out" / "client-roi.xlsx")
    assert "COSTS" in results.sheetnames


def test_settings_labels_are_matched_loosely(tmp_path):
    source = book(tmp_path / "client.xlsx")
    workbook = load_workbook(source)
    del workbook["Report"]
    report = workbook.create_sheet("REPORT", 0)
    report.append(["Settings for the client report"])
    report.append(["setting", " value "])
    for label, value in DEFAULT_SETTINGS.items():
        report.append([f" {label.upper()}: ", value])
    workbook.save(source)
    result = run(["check", source])
    assert result.exit_code == 0, result.output


def test_only_headers_builds_an_empty_report_and_says_so(tmp_path):
    source = make_workbook(tmp_path / "blank.xlsx")
    result = run(["build", source, "--no-pdf", "-o", tmp_path / "out"])
    assert result.exit_code == 0, result.output
    assert "no costs, staff time, results or leads are entered yet" in result.output
    assert (tmp_path / "out" / "blank-roi.xlsx").is_file()


def test_data_outside_the_period_is_pointed_out(tmp_path):
    source = book(
        tmp_path / "client.xlsx",
        settings={"Period start": date(2026, 1, 1), "Period end": date(2026, 3, 31)},
    )
    result = run(["check", source])
    assert result.exit_code == 0, result.output
    assert "Report!B3: nothing in Costs, Staff, Results or Leads is dated within" in result.output


# --- a results workbook handed back in ---------------------------------------------------


def test_results_workbook_as_input_replaces_generated_sheets(tmp_path):
    source = book(tmp_path / "client.xlsx")
    first = run(["build", source, "--no-pdf", "-o", tmp_path / "one"])
    assert first.exit_code == 0, first.output
    results = tmp_path / "one" / "client-roi.xlsx"
    before = sha256(results)
    second = run(["build", results, "--no-pdf", "-o", tmp_path / "two"])
    assert second.exit_code == 0, second.output
    rebuilt = tmp_path / "two" / "client-roi.xlsx"
    assert rebuilt.is_file()
    assert sha256(results) == before
    first_names = load_workbook(results).sheetnames
    names = load_workbook(rebuilt).sheetnames
    assert names == first_names
    assert len(names) == len(set(names))
    assert not any(name.startswith("ROI ") and name[-1].isdigit() for name in names)


def test_results_workbook_is_never_built_over_itself(tmp_path):
    source = book(tmp_path / "client.xlsx")
    assert run(["build", source, "--no-pdf"]).exit_code == 0
    results = tmp_path / "client-roi.xlsx"
    before, listing = sha256(results), files_under(tmp_path)
    again = run(["build", results, "--no-pdf"])
    assert_refused(again, ["is itself a results workbook and would be replaced", "-o DIR"])
    assert sha256(results) == before
    assert files_under(tmp_path) == listing


ODS_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content'
    ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    ' office:version="1.2"><office:body><office:spreadsheet>'
)
ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest'
    ' xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/"'
    ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
ODS_TAIL = "</office:spreadsheet></office:body></office:document-content>"


def ods_sheet(name: str) -> str:
    return (
        f'<table:table table:name="{name}"><table:table-row><table:table-cell'
        ' office:value-type="string"><text:p>x</text:p></table:table-cell>'
        "</table:table-row></table:table>"
    )


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize(
    ("content", "english", "german"),
    [
        pytest.param(
            ODS_HEAD + ods_sheet("Costs") + "<table:table",
            "its content.xml, where the cells are, is broken or cut short",
            "content.xml",
            id="cells-cut-short",
        ),
        pytest.param(  # refused by the reader of the converted copy
            ODS_HEAD + "".join(ods_sheet(f"S{i}") for i in range(1001)) + ODS_TAIL,
            "the workbook has 1,001 sheets",
            "1.001",
            id="too-many-sheets",
        ),
    ],
)
def test_a_damaged_ods_names_the_users_file_only(tmp_path, command, content, english, german):
    source = tmp_path / "calc.ods"
    parts = {
        "mimetype": "application/vnd.oasis.opendocument.spreadsheet",
        "META-INF/manifest.xml": ODS_MANIFEST,
        "content.xml": content,
    }
    source.write_bytes(zip_of(parts))
    before = sha256(source)
    for language, fragment in (("en", english), ("de", german)):
        out = tmp_path / "out"
        extra = ["--no-pdf", "-o", out] if command == "build" else []
        # Messages about the file itself are in the language of the environment.
        result = CliRunner().invoke(
            main, [str(a) for a in (command, source, *extra)], env={"LANGUAGE": language}
        )
        assert_refused(result, [f"{source}: ", fragment])
        # The private .xlsx copy of the .ods lives in the temporary folder too: only the
        # user's own path may name it.
        assert tempfile.gettempdir() not in result.output.replace(str(source), "")
        assert "calc.xlsx" not in result.output and ".roi-" not in result.output
        if language == "de":
            assert english not in result.output
        assert not out.exists() or not any(out.iterdir())
    assert sha256(source) == before
