"""The results workbook is the user's package plus new sheets: every input part kept as it was,
and every figure readable without recalculation."""

import io
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from openpyxl.workbook.defined_name import DefinedName
from python_calamine import CalamineWorkbook
from recalc import cell_number, recalculate
from workbooks import macro_copy, make_workbook

from roi_report.metrics.to_json import metric_at
from roi_report.pipeline import BuildOptions, build

# Parts whose job is to list sheets and styles: the only ones a build may change.
CHANGED = {
    "[Content_Types].xml",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/styles.xml",
    "docProps/app.xml",
    "xl/calcChain.xml",
}
X14_VALIDATION = (
    '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    '<x14:dataValidations xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main" '
    'count="1"><x14:dataValidation type="list" allowBlank="1" showErrorMessage="1">'
    "<x14:formula1><xm:f>Channels!$A$2:$A$3</xm:f></x14:formula1><xm:sqref>C2:C50</xm:sqref>"
    "</x14:dataValidation></x14:dataValidations></ext></extLst>"
)


def png_bytes() -> bytes:
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 20), (31, 58, 95)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def rich_workbook(tmp_path):
    """A contract workbook carrying what openpyxl can't round-trip or makes lossy."""
    path = make_workbook(
        tmp_path / "plain.xlsx",
        costs=[
            {
                "Date": date(2025, 7, 5),
                "Category": "Ads",
                "Channel": "LinkedIn",
                "Type": "Paid",
                "Campaign": "Launch",
                "Amount": 1200,
            }
        ],
        goals=[{"Goal": "Leads", "Metric": "Leads", "Channel": "All", "Value per result": 30}],
        results=[
            {
                "Date": date(2025, 7, 9),
                "Channel": "LinkedIn",
                "Type": "Paid",
                "Campaign": "Launch",
                "Metric": "Leads",
                "Count": 70,
            }
        ],
    )
    book = load_workbook(path)
    costs = book["Costs"]
    costs["G2"].comment = Comment("Invoice 2025-117, approved by CFO", "Ana")
    chart = BarChart()
    chart.add_data(Reference(costs, min_col=7, min_row=1, max_row=2), titles_from_data=True)
    costs.add_chart(chart, "K2")
    image = Image(io.BytesIO(png_bytes()))
    book["Report"].add_image(image, "D2")
    book.defined_names["BudgetCell"] = DefinedName("BudgetCell", attr_text="Costs!$G$2")
    book.save(path)
    # openpyxl cannot write x14 validation; add it as Excel does, inside the sheet's extLst.
    rich = tmp_path / "rich.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rich, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet3.xml":
                data = data.replace(b"</worksheet>", X14_VALIDATION.encode() + b"</worksheet>")
            out.writestr(info, data)
    return rich


def parts(path):
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_every_input_part_is_kept_byte_for_byte(rich_workbook, tmp_path):
    before = parts(rich_workbook)
    assert any(name.startswith("xl/charts/") for name in before)
    assert any(name.startswith("xl/media/") for name in before)
    assert any("comments" in name for name in before)
    assert b"x14:dataValidation" in before["xl/worksheets/sheet3.xml"]
    built = build(rich_workbook, BuildOptions(out_dir=tmp_path / "out", pdf=False))
    after = parts(built.results_path)
    for name, data in before.items():
        if name not in CHANGED:
            assert after.get(name) == data, f"{name} changed or missing"
    assert b"BudgetCell" in after["xl/workbook.xml"]
    # and a rebuild keeps them too, replacing only the generated sheets
    again = build(built.results_path, BuildOptions(out_dir=tmp_path / "again", pdf=False))
    rebuilt = parts(again.results_path)
    for name, data in before.items():
        if name not in CHANGED:
            assert rebuilt.get(name) == data, f"{name} changed on rebuild"
    assert len([n for n in rebuilt if "roi-sheet" in n]) == len(
        [n for n in after if "roi-sheet" in n]
    )


def test_libreoffice_opens_the_output_cleanly(rich_workbook, tmp_path):
    built = build(rich_workbook, BuildOptions(out_dir=tmp_path / "out", pdf=False))
    (converted,) = recalculate([built.results_path], tmp_path / "lo", tmp_path / "profile")
    book = load_workbook(converted, data_only=True)
    assert "ROI Summary" in book.sheetnames and "Costs" in book.sheetnames
    figures = {row[0]: row[1] for row in book["ROI Summary"].iter_rows(values_only=True)}
    assert figures["Investment"] == 1200 and figures["Return"] == 2100


def test_figures_readable_without_recalculation(rich_workbook, tmp_path):
    built = build(rich_workbook, BuildOptions(out_dir=tmp_path / "out", pdf=False))
    data = built.as_dict()
    by_openpyxl = load_workbook(built.results_path, data_only=True)
    by_calamine = CalamineWorkbook.from_path(str(built.results_path))
    calamine_rows = {
        name: by_calamine.get_sheet_by_name(name).to_python(skip_empty_area=False)
        for name in by_calamine.sheet_names
        if name.startswith("ROI ")
    }
    for check in built.checks:
        want = metric_at(data, check.path)
        want = "n/a" if want is None else want
        got_openpyxl = cell_number(by_openpyxl[check.sheet][check.coordinate].value)
        got_calamine = cell_number(calamine_rows[check.sheet][check.row - 1][check.col - 1])
        for got in (got_openpyxl, got_calamine):
            if isinstance(want, str):
                if re.fullmatch(r"\d{4}-\d\d-\d\d", want):
                    want_value = (date.fromisoformat(want) - date(1899, 12, 30)).days
                    assert got == want_value, check
                else:
                    assert got == want, check
            else:
                assert got == pytest.approx(want / check.scale, rel=1e-12), check


def test_every_generated_formula_carries_a_cached_value(tmp_path):
    sample = sorted((Path(__file__).parent.parent / "sample_workbooks").glob("*.xlsx"))[0]
    built = build(sample, BuildOptions(out_dir=tmp_path, pdf=False))
    generated = {n: d for n, d in parts(built.results_path).items() if "roi-sheet" in n}
    assert len(generated) >= 5
    for name, xml in generated.items():
        cells = re.findall(rb"<c [^>]*>(.*?)</c>", xml)
        formulas = [c for c in cells if re.search(rb"<f[ >]", c)]
        assert formulas, name
        uncached = [c[:80] for c in formulas if b"<v>" not in c]
        assert not uncached, (name, uncached[:3])


def test_a_macro_workbook_keeps_its_macros_and_its_kind(tmp_path):
    """Macros never run; the VBA part is carried over and the output stays an .xlsm."""
    vba = b"\xd0\xcf\x11\xe0 not a real VBA project, carried as bytes"
    macro = macro_copy(make_workbook(tmp_path / "plain.xlsx"), tmp_path / "client.xlsm", vba)
    built = build(macro, BuildOptions(out_dir=tmp_path / "out", pdf=False))
    assert built.results_path.name == "client-roi.xlsm"
    after = parts(built.results_path)
    assert after["xl/vbaProject.bin"] == vba
    assert b"macroEnabled.main+xml" in after["[Content_Types].xml"]
    assert b"vbaProject.bin" in after["xl/_rels/workbook.xml.rels"]


def with_part(path: Path, name: str, data: bytes) -> Path:
    """A copy of the package with one part replaced."""
    target = path.with_name("excel-" + path.name)
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            out.writestr(info, data if info.filename == name else source.read(info.filename))
    return target


def excel_app_xml(sheets: list[str], ranges: list[str]) -> bytes:
    """docProps/app.xml as a Polish Excel writes it: translated group headings."""
    vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    titles = "".join(f"<vt:lpstr>{name}</vt:lpstr>" for name in sheets + ranges)
    return (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-'
        f'properties" xmlns:vt="{vt}"><Application>Microsoft Excel</Application>'
        '<HeadingPairs><vt:vector size="4" baseType="variant">'
        f"<vt:variant><vt:lpstr>Arkusze</vt:lpstr></vt:variant><vt:variant><vt:i4>{len(sheets)}"
        "</vt:i4></vt:variant><vt:variant><vt:lpstr>Nazwane zakresy</vt:lpstr></vt:variant>"
        f"<vt:variant><vt:i4>{len(ranges)}</vt:i4></vt:variant></vt:vector></HeadingPairs>"
        f'<TitlesOfParts><vt:vector size="{len(sheets) + len(ranges)}" baseType="lpstr">'
        f"{titles}</vt:vector></TitlesOfParts><AppVersion>16.0300</AppVersion></Properties>"
    ).encode()


def listed_titles(path: Path) -> tuple[list[str], list[int], int]:
    """(titles, group counts, declared vector size) of the results' app.xml."""
    app = zipfile.ZipFile(path).read("docProps/app.xml").decode()
    titles = app[app.index("<TitlesOfParts>") :]
    return (
        re.findall(r"<vt:lpstr>(.*?)</vt:lpstr>", titles),
        [int(n) for n in re.findall(r"<vt:i4>(\d+)</vt:i4>", app)],
        int(re.search(r'size="(\d+)" baseType="lpstr"', app).group(1)),
    )


def test_excels_list_of_sheet_titles_names_the_new_sheets(rich_workbook, tmp_path):
    sheets = load_workbook(rich_workbook, read_only=True).sheetnames
    source = with_part(
        rich_workbook, "docProps/app.xml", excel_app_xml(sheets, ["Leads!Print_Area"])
    )
    first = build(source, BuildOptions(out_dir=tmp_path / "once", pdf=False))
    generated = load_workbook(first.results_path, read_only=True).sheetnames[len(sheets) :]
    assert generated and all(name.startswith("ROI") for name in generated)
    expected = sheets + generated + ["Leads!Print_Area"]
    assert listed_titles(first.results_path) == (
        expected,
        [len(sheets) + len(generated), 1],
        len(expected),
    )
    # A rebuild from the results workbook lists the generated sheets once.
    again = build(first.results_path, BuildOptions(out_dir=tmp_path / "twice", pdf=False))
    assert listed_titles(again.results_path) == listed_titles(first.results_path)
