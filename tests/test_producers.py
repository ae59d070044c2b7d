"""One contract workbook as each program a user may have written it with: each builds a
results workbook Excel would open without repair, LibreOffice recalculates it to the
Python figures, and rebuilds (after moving sheets, adding printed sheets, re-saving it in
another program) keep defined names right and the stylesheet from growing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from openpyxl import load_workbook
from packages import new_problems, package_problems, parse, schema_errors, workbook_layout
from recalc import mismatches, recalculate
from workbooks import macro_copy

from roi_report.excel.package import GENERATED_MARKER
from roi_report.excel.sheets import GENERATED_SHEETS, SUMMARY
from roi_report.pipeline import BuildOptions, build

SAMPLE = Path(__file__).parent.parent / "sample_workbooks" / "atelier-fr.xlsx"
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def openpyxl_with_lxml(source: Path, target: Path) -> Path:
    assert openpyxl.xml.LXML, "lxml is a test dependency; openpyxl uses it when installed"
    load_workbook(source).save(target)
    # The layout that broke the splice: the relationships prefix declared on each sheet.
    assert b"<sheet xmlns:r=" in zipfile.ZipFile(target).read("xl/workbook.xml")
    return target


def openpyxl_without_lxml(source: Path, target: Path) -> Path:
    """openpyxl reads OPENPYXL_LXML when imported: another process, told not to use lxml."""
    code = (
        "import sys, openpyxl\n"
        "assert not openpyxl.xml.LXML\n"
        "openpyxl.load_workbook(sys.argv[1]).save(sys.argv[2])\n"
    )
    environment = {**os.environ, "OPENPYXL_LXML": "False"}
    subprocess.run(
        [sys.executable, "-c", code, str(source), str(target)], check=True, env=environment
    )
    return target


def with_xlsxwriter(source: Path, target: Path) -> Path:
    """Every table written as a real Excel table (add_table), dates as dates."""
    book = load_workbook(source)
    out = xlsxwriter.Workbook(str(target))
    dates = out.add_format({"num_format": "yyyy-mm-dd"})
    for sheet in book.worksheets:
        written = out.add_worksheet(sheet.title)
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        for table in sheet.tables.values():
            assert table.ref.startswith("A1:"), table.ref
            header = [str(value) for value in rows[0]]
            written.add_table(
                0,
                0,
                max(len(rows) - 1, 1),
                len(header) - 1,
                {"name": table.name, "columns": [{"header": h} for h in header]},
            )
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, datetime):
                    written.write_datetime(r, c, value, dates)
                elif isinstance(value, date):
                    written.write_datetime(
                        r, c, datetime(value.year, value.month, value.day), dates
                    )
                elif isinstance(value, bool):
                    written.write_boolean(r, c, value)
                elif isinstance(value, (int, float)):
                    written.write_number(r, c, value)
                elif value is not None:
                    written.write_string(r, c, str(value))
    out.close()
    return target


def with_libreoffice(source: Path, target: Path) -> Path:
    folder = target.parent / "libreoffice"
    (converted,) = recalculate([source], folder, target.parent / "lo-profile")
    return converted.replace(target)


def with_gnumeric(source: Path, target: Path) -> Path:
    ssconvert = shutil.which("ssconvert")
    assert ssconvert, "Gnumeric is not installed (apt-get install gnumeric)"
    subprocess.run([ssconvert, str(source), str(target)], check=True, capture_output=True)
    return target


def macro_enabled(source: Path, target: Path) -> Path:
    plain = openpyxl_with_lxml(source, target.with_suffix(".plain.xlsx"))
    return macro_copy(plain, target)


PRODUCERS = {
    "openpyxl-lxml": (openpyxl_with_lxml, ".xlsx"),
    "openpyxl-etree": (openpyxl_without_lxml, ".xlsx"),
    "xlsxwriter": (with_xlsxwriter, ".xlsx"),
    "libreoffice": (with_libreoffice, ".xlsx"),
    "gnumeric": (with_gnumeric, ".xlsx"),
    "xlsm": (macro_enabled, ".xlsm"),
}


@pytest.fixture(scope="module")
def matrix(tmp_path_factory):
    """producer -> (its workbook, the build of it); LibreOffice recalculates every result
    in one run."""
    root = tmp_path_factory.mktemp("producers")
    made = {}
    for kind, (produce, suffix) in PRODUCERS.items():
        (root / kind).mkdir()
        workbook = produce(SAMPLE, root / kind / f"{kind}{suffix}")
        made[kind] = (workbook, build(workbook, BuildOptions(out_dir=root / "out", pdf=False)))
    # LibreOffice saves every copy as .xlsx; the macro-enabled one is renamed for it.
    copies = root / "to-recalculate"
    copies.mkdir()
    for kind, (_, built) in made.items():
        shutil.copy(built.results_path, copies / f"{kind}.xlsx")
    recalculated = recalculate(sorted(copies.iterdir()), root / "recalculated", root / "profile")
    return made, {path.stem: path for path in recalculated}


@pytest.mark.parametrize("kind", list(PRODUCERS))
def test_each_producers_workbook_gives_a_results_workbook_excel_opens(matrix, kind):
    workbook, built = matrix[0][kind]
    problems = new_problems(built.results_path, workbook)
    assert problems == [], problems
    # Every input sheet is there, each generated sheet once.
    before = [name for name, _ in workbook_layout(workbook)[0]]
    after = [name for name, _ in workbook_layout(built.results_path)[0]]
    assert after == before + list(GENERATED_SHEETS)
    # No schema error that the producer's own workbook did not have already.
    folder = built.results_path.parent
    added = schema_errors(built.results_path, folder) - schema_errors(workbook, folder)
    assert not added, sorted(added)[:10]


@pytest.mark.parametrize("kind", list(PRODUCERS))
def test_libreoffice_recalculates_each_producers_results_to_the_python_figures(matrix, kind):
    made, recalculated = matrix
    built = made[kind][1]
    wrong = mismatches(recalculated[kind], built.checks, built.as_dict())
    assert wrong == [], wrong[:10]


def style_counts(path: Path) -> dict[str, int]:
    with zipfile.ZipFile(path) as package:
        styles = parse(package.read("xl/styles.xml"))
    return {
        name: len(styles.find(MAIN + name)) if styles.find(MAIN + name) is not None else 0
        for name in ("numFmts", "fonts", "fills", "cellXfs")
    }


def scoped_names(path: Path) -> dict[tuple[str, str], str]:
    """(defined name, its sheet's name) -> formula, for every sheet-scoped name."""
    sheets, names = workbook_layout(path)
    return {
        (name.get("name"), sheets[int(name.get("localSheetId"))][0]): name.text
        for name in names
        if name.get("localSheetId") is not None
    }


def test_a_rebuild_after_moving_roi_sheets_and_adding_printed_sheets(tmp_path):
    first = build(SAMPLE, BuildOptions(out_dir=tmp_path / "first", pdf=False))
    book = load_workbook(first.results_path)
    book.move_sheet(SUMMARY, offset=-book.sheetnames.index(SUMMARY))
    book.move_sheet("ROI Goals", offset=2 - book.sheetnames.index("ROI Goals"))
    notes = book.create_sheet("Notes", 4)
    notes["A1"], notes["A2"] = "Note", "Checked by finance"
    notes.print_area = "A1:C20"
    notes.print_title_rows = "1:1"
    book["Leads"].print_area = "A1:J50"
    edited = tmp_path / "edited" / "client-roi.xlsx"
    edited.parent.mkdir()
    book.save(edited)
    expected = {
        key: value
        for key, value in scoped_names(edited).items()
        if key[1] in {"Notes", "Leads", "Costs", "Report"} and not key[0].startswith("_roi")
    }
    assert ("_xlnm.Print_Area", "Notes") in expected

    second = build(edited, BuildOptions(out_dir=tmp_path / "second", pdf=False))
    assert package_problems(second.results_path) == []
    names = scoped_names(second.results_path)
    assert {key: names.get(key) for key in expected} == expected
    sheets = [name for name, _ in workbook_layout(second.results_path)[0]]
    assert sheets[: len(sheets) - len(GENERATED_SHEETS)] == [
        name
        for name in load_workbook(edited, read_only=True).sheetnames
        if name not in GENERATED_SHEETS
    ]
    # The stylesheet does not grow from one rebuild to the next.
    third = build(second.results_path, BuildOptions(out_dir=tmp_path / "third", pdf=False))
    assert style_counts(third.results_path) == style_counts(second.results_path)
    # openpyxl rewrote the fonts in its own order; they are recognized, not added again.
    assert style_counts(second.results_path)["fonts"] == style_counts(first.results_path)["fonts"]
    fourth = build(first.results_path, BuildOptions(out_dir=tmp_path / "fourth", pdf=False))
    assert style_counts(fourth.results_path) == style_counts(first.results_path)


RESAVERS = {
    "libreoffice": with_libreoffice,
    "gnumeric": with_gnumeric,
    "openpyxl": openpyxl_with_lxml,
}


@pytest.mark.parametrize("program", list(RESAVERS))
def test_a_rebuild_after_the_results_were_saved_by_another_program(tmp_path, program):
    first = build(SAMPLE, BuildOptions(out_dir=tmp_path / "first", pdf=False))
    (tmp_path / "saved").mkdir()
    saved = RESAVERS[program](first.results_path, tmp_path / "saved" / "client-roi.xlsx")
    marked = [name for (name, sheet) in scoped_names(saved) if name.casefold() == GENERATED_MARKER]
    assert len(marked) == len(GENERATED_SHEETS), f"{program} dropped the markers"
    again = build(saved, BuildOptions(out_dir=tmp_path / "again", pdf=False))
    assert new_problems(again.results_path, saved) == []
    before = [name for name, _ in workbook_layout(saved)[0]]
    after = [name for name, _ in workbook_layout(again.results_path)[0]]
    user = [name for name in before if name not in GENERATED_SHEETS]
    assert after == user + list(GENERATED_SHEETS)
    once_more = build(again.results_path, BuildOptions(out_dir=tmp_path / "more", pdf=False))
    assert style_counts(once_more.results_path) == style_counts(again.results_path)


def test_the_schema_check_sees_a_broken_part(tmp_path):
    """The validator is no rubber stamp: an element out of place in a part the build
    writes is reported."""
    built = build(SAMPLE, BuildOptions(out_dir=tmp_path, pdf=False))
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(built.results_path) as package, zipfile.ZipFile(broken, "w") as out:
        for info in package.infolist():
            data = package.read(info.filename)
            if info.filename == "xl/worksheets/roi-sheet1.xml":
                data = data.replace(b"<sheetData>", b"<sheetData><bogus/>", 1)
            if info.filename == "xl/workbook.xml":
                data = data.replace(b"<sheets>", b"<calcPr/><sheets>", 1)
            out.writestr(info, data)
    errors = schema_errors(broken, tmp_path) - schema_errors(built.results_path, tmp_path)
    assert {part for part, _, _ in errors} == {"/xl/worksheets/roi-sheet1.xml", "/xl/workbook.xml"}
