"""Large Leads sheets are read as columns (fastexcel/Arrow); the result must be exactly what
the row reader gives — the same typed workbook, or the same problems at the same cells."""

from __future__ import annotations

import subprocess
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from test_bad_input import CASES
from workbooks import GOOD_LEAD, book, with_

from roi_report import pipeline
from roi_report.errors import RoiReportError
from roi_report.pipeline import BuildOptions, build
from roi_report.template.sample_data import random_profile
from roi_report.template.writer import write_workbook
from roi_report.workbook import reading
from roi_report.workbook.validation import validate


def outcome(path):
    """The validated workbook, or the problems as the user would read them."""
    try:
        return validate(reading.read_workbook(path))
    except RoiReportError as error:
        return error.format_message()


@pytest.fixture
def both_readers(monkeypatch):
    """(row reader's outcome, column reader's outcome, whether columns were used)."""

    def read(path):
        monkeypatch.setattr(reading, "COLUMNAR_MIN_BYTES", 10**12)
        by_rows = outcome(path)
        monkeypatch.setattr(reading, "COLUMNAR_MIN_BYTES", 0)
        try:
            used = bool(reading.read_workbook(path).tables)
        except RoiReportError:
            used = False
        return by_rows, outcome(path), used

    return read


@pytest.mark.parametrize("seed", range(12))
def test_generated_workbooks_read_the_same_as_columns(tmp_path, both_readers, seed):
    profile = random_profile(seed)
    path = write_workbook(tmp_path / f"gen-{seed}.xlsx", profile, seed)
    by_rows, by_columns, used = both_readers(path)
    assert by_columns == by_rows
    if profile.leads and not profile.text_dates:  # text among dates: read as rows
        assert used


@pytest.mark.parametrize(("make", "fragments"), CASES)
def test_every_bad_input_case_reads_the_same_as_columns(tmp_path, both_readers, make, fragments):
    path = make(tmp_path / "client.xlsx")
    by_rows, by_columns, _ = both_readers(path)
    assert by_columns == by_rows


def lead(number: int, **changes) -> dict:
    return with_({**GOOD_LEAD, "Lead ID": f"L-{number}"}, **changes)


# Each of these keeps one kind of cell per column, so the column reader takes them; it must
# find the same problems at the same cells, or the same typed leads.
COLUMNAR_CASES = {
    "blank rows between leads": [lead(1), {}, {}, lead(2), {}],
    "spaces trimmed as TRIM does": [lead(1, Lead_ID="  L-1 "), lead(2, Source=" LinkedIn")],
    "lowercase choices": [lead(1, Stage="mql", Source="linkedin")],
    "duplicate lead IDs": [lead(1), lead(2), with_(lead(3), Lead_ID="L-1")],
    "unknown stage and channel": [lead(1, Stage="Closed"), lead(2, Source="TikTok")],
    "score out of range": [lead(1, Score=140), lead(2, Score=-1)],
    "negative revenue": [lead(1, Stage="Won", Won_date=date(2025, 8, 1), Revenue=-5)],
    "empty required cells": [lead(1, Source=None), lead(2, Stage="  ")],
    "an error value typed as text": [lead(1, Source="#N/A")],
    "whitespace-only rows": [lead(1), {"Lead ID": "   "}, lead(2)],
    "datetimes with a time of day": [lead(1, Created=datetime(2025, 7, 3, 17, 45))],
    "won deals with revenue": [
        lead(1, Stage="Won", Won_date=date(2025, 8, 2), Revenue=1200.5, Social_assist="Yes"),
        lead(2, Stage="Lost", Converted_via="Email", Social_assist="no"),
        lead(3, Score=None),
    ],
    # Issue 11 §5: the same checks of deals, typos and totals rows in both readers.
    "a won lead without a won date": [lead(1), lead(2, Stage="Won", Revenue=10)],
    "doubtful deals": [
        lead(1, Stage="Won", Created=date(2025, 8, 9), Won_date=date(2025, 8, 2), Revenue=1),
        lead(2, Stage="Lost", Won_date=date(2025, 8, 2), Revenue=500),
        lead(3, Stage="Won", Won_date=date(2025, 8, 2)),
    ],
    "stages and answers as CRMs export them": [
        lead(1, Stage="Closed Won", Won_date=date(2025, 8, 2), Revenue=9, Social_assist="Y"),
        lead(2, Stage="closed lost", Social_assist="TRUE"),
        lead(3, Social_assist="n"),
    ],
    "a totals row at the foot": [
        lead(1, Stage="Won", Won_date=date(2025, 8, 2), Revenue=100),
        lead(2),
        {"Lead ID": "Total", "Revenue": 100},
    ],
    "a date years away from the rest": [lead(1), lead(2), lead(3, Created=date(2052, 7, 21))],
}


@pytest.mark.parametrize("leads", COLUMNAR_CASES.values(), ids=COLUMNAR_CASES.keys())
def test_lead_columns_give_the_row_readers_answer(tmp_path, both_readers, leads):
    by_rows, by_columns, used = both_readers(book(tmp_path / "client.xlsx", leads=leads))
    assert used, "the column reader declined a table it can read"
    assert by_columns == by_rows


def test_a_note_beside_the_table_does_not_stop_the_column_reader(tmp_path, both_readers):
    path = book(tmp_path / "client.xlsx", leads=[lead(1), lead(2)])
    workbook = load_workbook(path)
    sheet = workbook["Leads"]
    sheet["L1"], sheet["L2"], sheet["L5"] = "Notes", 42, "follow up"  # mixed, not contract
    workbook.save(path)
    by_rows, by_columns, used = both_readers(path)
    assert used
    assert by_columns == by_rows
    assert by_columns.layout.tables["Leads"].rows == (2, 3)  # the note-only row is no lead


def edited(path, change):
    workbook = load_workbook(path)
    change(workbook["Leads"])
    workbook.save(path)
    return path


def date_serial(value: float):
    def change(sheet):
        sheet["B2"] = value
        sheet["B2"].number_format = "yyyy-mm-dd"

    return change


DECLINED = {
    "a text date among dates": lambda s: s.__setitem__("B3", "2025-07-22"),
    "a checkbox among stages": lambda s: s.__setitem__("E2", True),
    "a formula": lambda s: s.__setitem__("D2", "=40+15"),
    "a title above the header": lambda s: s.insert_rows(1),
    "a header moved right": lambda s: s.insert_cols(1),
    "a date far out of range": date_serial(1e12),
    # Issue 16: fastexcel reads a time of day as 1899-12-31, calamine's rows as a time.
    "a time of day among dates": date_serial(0.5),
    "two columns with one header": lambda s: s.__setitem__("G1", "Revenue"),
    "a negative date": date_serial(-1e12),
}


@pytest.mark.parametrize("change", DECLINED.values(), ids=DECLINED.keys())
def test_what_the_column_reader_cannot_tell_goes_to_the_row_reader(tmp_path, both_readers, change):
    path = edited(book(tmp_path / "client.xlsx", leads=[lead(1), lead(2)]), change)
    by_rows, by_columns, used = both_readers(path)
    assert not used
    assert by_columns == by_rows


LARGE = 40_000
CAMPAIGN = (None, None, None, "Q3 campaign")  # after Converted via, Won date, Revenue


@pytest.fixture(scope="module")
def large_export(tmp_path_factory):
    """40,000 leads: past the size where the Leads sheet is read as columns."""
    path = book(tmp_path_factory.mktemp("crm") / "crm.xlsx", leads=[lead(0, Score=0)])
    workbook = load_workbook(path)
    sheet = workbook["Leads"]
    for number in range(1, LARGE):
        created, score = date(2025, 7, 21), number % 100
        sheet.append([f"L-{number}", created, "LinkedIn", score, "MQL", "No", *CAMPAIGN])
    workbook.save(path)
    return path


def test_a_large_export_is_read_as_columns_by_default(large_export):
    raw = reading.read_workbook(large_export)
    assert set(raw.tables) == {"Leads"}
    validated = validate(raw)
    assert len(validated.leads) == LARGE
    assert validated.leads.score[:3] == (0.0, 1.0, 2.0)
    assert validated.layout.tables["Leads"].rows[-1] == LARGE + 1


def test_a_large_export_builds_its_report(large_export, tmp_path, monkeypatch):
    """The build imports the renderer in a thread while fastexcel reads the leads."""
    started = []
    start = pipeline._RendererImport.start
    monkeypatch.setattr(
        pipeline._RendererImport, "start", lambda self: (started.append(1), start(self))
    )
    built = build(large_export, BuildOptions(out_dir=tmp_path))
    assert started == [1]
    bands = {band.band: band.leads for band in built.metrics.bands}
    assert bands == {"Slow": 16_000, "Medium": 12_000, "Fast": 12_000, "Unscored": 0}
    text = subprocess.run(
        ["pdftotext", "-layout", str(built.pdf_path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "16,000" in text and "12,000" in text


def test_ctrl_c_while_fastexcel_asks_for_the_columns_stops_the_read(tmp_path, monkeypatch):
    # fastexcel calls back into Python for each header of the sheet and turns whatever the
    # callback raises into its own Exception; the fallback to the row reader must not
    # swallow a Ctrl-C that lands there.
    from roi_report.workbook import columnar

    monkeypatch.setattr(reading, "COLUMNAR_MIN_BYTES", 0)
    path = write_workbook(tmp_path / "book.xlsx", random_profile(1), 1)

    def ctrl_c_at_the_first_header(path, sheet, table, is_filled, normalize, meanwhile=None):
        calls = []

        def normalize_then_stop(text):
            calls.append(text)
            if len(calls) > len(table.columns):  # past the contract's own headers
                raise KeyboardInterrupt
            return normalize(text)

        return columnar.read_columnar(path, sheet, table, is_filled, normalize_then_stop)

    monkeypatch.setattr(reading, "read_columnar", ctrl_c_at_the_first_header)
    with pytest.raises(KeyboardInterrupt):
        reading.read_workbook(path)
