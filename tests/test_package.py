"""The splice reads packages as XML, whatever the prefixes, within bounded time; refuses
packages it must not copy; never replaces or loses a user's sheet; and the fallback path
writes cached values too."""

from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from packages import package_problems, workbook_layout
from workbooks import book

from roi_report.cli import main
from roi_report.errors import OutputError
from roi_report.excel import writer as workbook_writer
from roi_report.excel.package import PackageError
from roi_report.excel.sheets import GENERATED_SHEETS
from roi_report.pipeline import BuildOptions, build

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
X14AC = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def rezip(source: Path, target: Path, change, extra: dict[str, bytes] | None = None) -> Path:
    """A copy of the package with each part passed through change(name, data)."""
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(target, "w") as out:
        for info in package.infolist():
            out.writestr(info, change(info.filename, package.read(info.filename)))
        for name, data in (extra or {}).items():
            out.writestr(zipfile.ZipInfo(name), data)
    return target


def run(command: str, path: Path, out: Path):
    arguments = [command, str(path)] + (["-o", str(out), "--no-pdf"] if command == "build" else [])
    return CliRunner().invoke(main, arguments)


def refused(path: Path, out: Path, *words: str) -> None:
    """`check` and `build` both refuse the workbook, saying `words`, and write nothing."""
    for command in ("check", "build"):
        result = run(command, path, out)
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        for word in words:
            assert word in result.output, result.output
    assert not out.exists() or not any(out.iterdir())


def prefixed(xml: bytes) -> bytes:
    """The part with its default namespace bound to the prefix x:, and an mc:Ignorable
    prefix declared but unused, as Excel declares x14ac."""
    root = etree.fromstring(xml)
    nsmap = {("x" if key is None else key): value for key, value in root.nsmap.items()}
    new = etree.Element(root.tag, nsmap={**nsmap, "mc": MC, "x14ac": X14AC}, attrib=root.attrib)
    new.set(f"{{{MC}}}Ignorable", "x14ac")
    new.extend(root)
    return etree.tostring(new, xml_declaration=True, encoding="UTF-8", standalone=True)


def test_prefixed_parts_are_spliced_without_the_fallback(tmp_path, monkeypatch):
    def no_fallback(*args):
        raise AssertionError("the splice fell back to openpyxl")

    monkeypatch.setattr(workbook_writer, "_splice_into_openpyxl_copy", no_fallback)
    plain = book(tmp_path / "plain.xlsx")
    source = rezip(
        plain,
        tmp_path / "client.xlsx",
        lambda name, data: prefixed(data) if name in ("xl/workbook.xml", "xl/styles.xml") else data,
    )
    assert b"<x:workbook" in zipfile.ZipFile(source).read("xl/workbook.xml")
    built = build(source, BuildOptions(out_dir=tmp_path / "out", pdf=False))
    assert package_problems(built.results_path) == []
    with zipfile.ZipFile(built.results_path) as package:
        for part in ("xl/workbook.xml", "xl/styles.xml"):
            root = etree.fromstring(package.read(part))
            assert root.prefix == "x", part
            # Excel wants each prefix mc:Ignorable lists to stay declared.
            assert root.get(f"{{{MC}}}Ignorable") == "x14ac" and root.nsmap["x14ac"] == X14AC
    sheets = [name for name, _ in workbook_layout(built.results_path)[0]]
    assert sheets[-len(GENERATED_SHEETS) :] == list(GENERATED_SHEETS)


APP = (
    b'<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/extended-properties">'
)
PATHOLOGICAL = {
    "app-unclosed": ("docProps/app.xml", APP + b"<a>" * 100_000),
    "app-deep": ("docProps/app.xml", APP + b"<a>" * 100_000 + b"</a>" * 100_000 + b"</Properties>"),
    "app-comment": ("docProps/app.xml", APP + b"<!--" + b"<c " * 50_000 + b"<Company>"),
    "types-deep": (
        "[Content_Types].xml",
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        + b"<a>" * 50_000
        + b"</a>" * 50_000
        + b"</Types>",
    ),
}


@pytest.mark.parametrize("case", list(PATHOLOGICAL))
def test_pathological_markup_ends_quickly_with_a_clear_message(tmp_path, case):
    part, data = PATHOLOGICAL[case]
    source = rezip(
        book(tmp_path / "plain.xlsx"),
        tmp_path / "client.xlsx",
        lambda name, old: data if name == part else old,
    )
    started = time.monotonic()
    result = run("build", source, tmp_path / "out")
    assert time.monotonic() - started < 20  # it used to run for minutes, or for ever
    assert result.exit_code == 1, result.output
    assert f"its part {part} is not well-formed XML" in result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_part_larger_than_the_cap_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("roi_report.excel.package.MAX_PART_BYTES", 1024**2)
    padding = b"<Company>" + b"x" * 2 * 1024**2 + b"</Company></Properties>"
    source = rezip(
        book(tmp_path / "plain.xlsx"),
        tmp_path / "client.xlsx",
        lambda name, old: APP + padding if name == "docProps/app.xml" else old,
    )
    result = run("build", source, tmp_path / "out")
    assert result.exit_code == 1, result.output
    assert "its part docProps/app.xml holds 2 MB of XML, more than the 1 MB" in result.output


@pytest.mark.parametrize(
    "entry", ["../evil.xml", "xl/../../evil.xml", "/etc/evil.xml", "xl\\..\\evil.xml", "C:/evil"]
)
def test_entries_pointing_outside_the_package_are_refused(tmp_path, entry):
    source = rezip(
        book(tmp_path / "plain.xlsx"),
        tmp_path / "client.xlsx",
        lambda name, data: data,
        {entry: b"<x/>"},
    )
    assert entry in zipfile.ZipFile(source).namelist()
    refused(source, tmp_path / "out", "points outside the package", "refused as unsafe")


STRICT = {
    b"http://schemas.openxmlformats.org/spreadsheetml/2006/main": (
        b"http://purl.oclc.org/ooxml/spreadsheetml/main"
    ),
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships": (
        b"http://purl.oclc.org/ooxml/officeDocument/relationships"
    ),
}


def test_a_strict_open_xml_workbook_is_refused_before_any_output(tmp_path):
    """python-calamine reads Strict; the results workbook would lose every user sheet."""

    def strict(name, data):
        for transitional, iso in STRICT.items():
            data = data.replace(transitional, iso)
        if name == "xl/workbook.xml":
            data = data.replace(b"<workbook ", b'<workbook conformance="strict" ', 1)
        return data

    source = rezip(book(tmp_path / "plain.xlsx"), tmp_path / "client.xlsx", strict)
    refused(source, tmp_path / "out", "Strict Open XML", "save it as Excel Workbook (.xlsx)")


@pytest.mark.parametrize("name", ["roi summary", "ROI Channels", "ROI LEAD BANDS"])
def test_a_user_sheet_named_like_a_generated_one_is_never_replaced(tmp_path, name):
    def with_sheet(path):
        from openpyxl import load_workbook

        workbook = load_workbook(path)
        workbook.create_sheet(name)["A1"] = "my own notes"
        workbook.save(path)
        return path

    source = with_sheet(book(tmp_path / "client.xlsx"))
    refused(source, tmp_path / "out", f"the sheet '{name}'", "rename that sheet")


def test_a_copy_of_a_generated_sheet_under_another_name_is_kept(tmp_path):
    from openpyxl import load_workbook

    first = build(book(tmp_path / "client.xlsx"), BuildOptions(out_dir=tmp_path / "one", pdf=False))
    workbook = load_workbook(first.results_path)
    copy = workbook.copy_worksheet(workbook["ROI Summary"])
    copy.title = "Summary July"
    workbook.save(first.results_path)
    again = build(first.results_path, BuildOptions(out_dir=tmp_path / "two", pdf=False))
    sheets = [name for name, _ in workbook_layout(again.results_path)[0]]
    assert "Summary July" in sheets and sheets.count("ROI Summary") == 1


def force_fallback(monkeypatch):
    def no_splice(*args, **kwargs):
        raise PackageError("forced for the test")

    monkeypatch.setattr(workbook_writer, "splice", no_splice)


def test_the_fallback_writes_cached_values_and_keeps_every_sheet(tmp_path, monkeypatch):
    force_fallback(monkeypatch)
    source = book(tmp_path / "client.xlsx")
    built = build(source, BuildOptions(out_dir=tmp_path / "out", pdf=False))
    again = build(built.results_path, BuildOptions(out_dir=tmp_path / "again", pdf=False))
    for path in (built.results_path, again.results_path):
        assert package_problems(path) == []
        sheets = [name for name, _ in workbook_layout(path)[0]]
        assert sheets == [name for name, _ in workbook_layout(source)[0]] + list(GENERATED_SHEETS)
        with zipfile.ZipFile(path) as package:
            generated = [package.read(n) for n in package.namelist() if "roi-sheet" in n]
        assert len(generated) == len(GENERATED_SHEETS)
        # Without a Touches sheet the attribution sheets hold only a note, no formula.
        with_formulas = 0
        for xml in generated:
            formulas = re.findall(rb"<c [^>]*>(<f[ >].*?)</c>", xml)  # plain or array formulas
            assert all(b"<v>" in cell for cell in formulas)
            with_formulas += bool(formulas)
        assert with_formulas >= len(GENERATED_SHEETS) - 2


def test_a_sheet_the_fallback_would_lose_stops_the_build(tmp_path, monkeypatch):
    """openpyxl skips a sheet whose part is missing; the build says so and writes nothing."""
    force_fallback(monkeypatch)

    def ghost(name, data):
        if name == "xl/workbook.xml":
            entry = f'<sheet xmlns:r="{REL}" name="Ghost" sheetId="99" r:id="rIdGhost"/>'
            data = data.replace(b"</sheets>", entry.encode() + b"</sheets>")
        if name == "xl/_rels/workbook.xml.rels":
            entry = f'<Relationship Id="rIdGhost" Type="{REL}/worksheet" Target="ghost.xml"/>'
            data = data.replace(b"</Relationships>", entry.encode() + b"</Relationships>")
        return data

    source = rezip(book(tmp_path / "plain.xlsx"), tmp_path / "client.xlsx", ghost)
    with pytest.raises(OutputError, match="would lack the sheet\\(s\\) 'Ghost'"):
        build(source, BuildOptions(out_dir=tmp_path / "out", pdf=False))
    assert list((tmp_path / "out").iterdir()) == []
