"""The monthly run without editing every workbook: `--period` and `--compare` replace the
Report sheet's Period start, Period end and Compare with for one run.

The override is written into a private copy of the workbook before it is read, so the
validation, the figures, the results workbook's live formulas (which read the Report sheet)
and the PDF all see the same period; the input file is never touched. An OpenDocument
spreadsheet (.ods) is first converted to a private .xlsx the same way.

    2026-09                 September 2026
    2026-Q3                 July to September 2026
    2026                    the whole year
    2026-07-01..2026-09-30  any span of days
    last-month, last-quarter, year-to-date    relative to today
"""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from roi_report.errors import RoiReportError
from roi_report.excel.cells import column_index
from roi_report.language import messages_for
from roi_report.workbook.periods import end_of_month

_ = messages_for(__name__).gettext

COMPARE_CHOICES = {
    "previous": "Previous period",
    "last-year": "Same period last year",
    "none": "None",
}
RELATIVE = ("last-month", "last-quarter", "year-to-date")
MONTH = re.compile(r"(\d{4})-(\d{1,2})")
QUARTER = re.compile(r"(\d{4})-[Qq]([1-4])")
YEAR = re.compile(r"\d{4}")
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
EXCEL_EPOCH = date(1899, 12, 30)


class OverrideError(RoiReportError):
    """A --period or --compare value (or its roi-report.toml key) that cannot be used."""


def _period_help() -> str:
    return _(
        "write a month (2026-09), a quarter (2026-Q3), a year (2026), two days "
        "(2026-07-01..2026-09-30), last-month, last-quarter or year-to-date"
    )


def parse_period(text: str, today: date | None = None) -> tuple[date, date]:
    """The first and last day of a period written as above; OverrideError otherwise."""
    today = today or date.today()
    value = str(text).strip().lower()

    def refused(why: str = "") -> OverrideError:
        return OverrideError(
            _("--period {value!r} is not a period{why} — {hint}").format(
                value=str(text), why=why, hint=_period_help()
            )
        )

    try:
        if value == "last-month":
            start = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
            return start, end_of_month(start, 0)
        if value == "last-quarter":
            first = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
            start = (first - timedelta(days=1)).replace(day=1)
            start = start.replace(month=(start.month - 1) // 3 * 3 + 1)
            return start, end_of_month(start, 2)
        if value == "year-to-date":
            return date(today.year, 1, 1), today
        if match := QUARTER.fullmatch(value):
            start = date(int(match[1]), (int(match[2]) - 1) * 3 + 1, 1)
            return start, end_of_month(start, 2)
        if match := MONTH.fullmatch(value):
            if not 1 <= int(match[2]) <= 12:
                raise refused(_(" (months are 01 to 12)"))
            start = date(int(match[1]), int(match[2]), 1)
            return start, end_of_month(start, 0)
        if YEAR.fullmatch(value):
            return date(int(value), 1, 1), date(int(value), 12, 31)
        first, dots, last = value.partition("..")
        if dots and DAY.fullmatch(first.strip()) and DAY.fullmatch(last.strip()):
            start, end = date.fromisoformat(first.strip()), date.fromisoformat(last.strip())
            if end < start:
                raise refused(_(" (it ends before it starts)"))
            return start, end
    except ValueError:  # 2026-02-30, year 0000
        raise refused(_(" (no such day)")) from None
    raise refused()


def parse_compare(text: str) -> str:
    """The Report sheet's Compare with for `previous`, `last-year` or `none`."""
    value = str(text).strip().lower()
    if value not in COMPARE_CHOICES:
        raise OverrideError(
            _("--compare {value!r} is not one of previous, last-year, none").format(value=str(text))
        )
    return COMPARE_CHOICES[value]


@dataclass(frozen=True)
class Overrides:
    """What one run changes on every workbook's Report sheet (None: keep the sheet's)."""

    period: tuple[date, date] | None = None
    compare: str | None = None  # a Compare with choice ("Previous period", …)

    @classmethod
    def parse(cls, period: str | None, compare: str | None, today: date | None = None):
        return cls(
            parse_period(period, today) if period else None,
            parse_compare(compare) if compare else None,
        )

    def __bool__(self) -> bool:
        return self.period is not None or self.compare is not None


def run_overrides(period: str | None, compare: str | None, config=None) -> Overrides:
    """The options, else roi-report.toml's `period` and `compare` (a config.Config)."""
    found = Overrides.parse(period, compare)
    if config is None:
        return found

    def from_file(key: str, parse):
        try:
            return parse(getattr(config, key))
        except OverrideError as error:
            raise OverrideError(
                _("{path}: key '{key}': {problem}").format(
                    path=config.path, key=key, problem=error.format_message()
                )
            ) from None

    if found.period is None and config.period:
        found = replace(found, period=from_file("period", parse_period))
    if found.compare is None and config.compare:
        found = replace(found, compare=from_file("compare", parse_compare))
    return found


def converted_note(source: Path, results: Path) -> str:
    """What to say when the results workbook's format is not the input's (.ods → .xlsx)."""
    if Path(source).suffix.lower() != ".ods":
        return ""
    return _(
        "{source} is an OpenDocument spreadsheet: it was read as it is, and its results "
        "workbook is an Excel workbook (.xlsx), {results}"
    ).format(source=Path(source).name, results=Path(results).name)


# ------------------------------------------------------------------------------ the copy


@contextlib.contextmanager
def prepared_input(
    source: Path, overrides: Overrides | None = None, meanwhile=None
) -> Iterator[tuple[Path, object | None]]:
    """The workbook to read and splice into: `source` itself, or a private .xlsx copy (an
    .ods converted, the run's overrides written into its Report sheet), removed after; and
    the copy as read to write the overrides (a RawWorkbook, else None), so that the build
    does not read it again. `meanwhile` as for reading.read_workbook."""
    source = Path(source)
    is_ods = source.suffix.lower() == ".ods"
    if not is_ods and not overrides:
        yield source, None
        return
    folder = Path(tempfile.mkdtemp(prefix=".roi-run-"))
    working = folder / (source.stem + (".xlsx" if is_ods else source.suffix))
    try:
        if is_ods:
            from roi_report.workbook.ods import ods_to_xlsx
            from roi_report.workbook.reading import MAX_READ_BYTES, ods_damaged

            ods_to_xlsx(source, working, ods_damaged(source), MAX_READ_BYTES)
        else:
            try:
                shutil.copyfile(source, working)
            except OSError as error:
                raise OverrideError(
                    _("{path} cannot be read ({problem})").format(
                        path=source, problem=error.strerror or error
                    )
                ) from None
        raw = _write_overrides(working, overrides, meanwhile) if overrides else None
        yield working, raw
    except RoiReportError as error:  # a message names the file the user gave, not the copy
        error.message = error.message.replace(str(working), str(source))
        raise
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _write_overrides(path: Path, overrides: Overrides, meanwhile=None):
    """Period start, Period end and Compare with of the Report sheet set to the run's, in
    the file and in the workbook as read (returned: the build validates it as it is)."""
    from roi_report.workbook.contract import SETTINGS
    from roi_report.workbook.reading import find_settings, read_workbook, setting_label

    book = read_workbook(path, meanwhile)
    found = find_settings(book, [])
    if found is None:
        return book  # no Report sheet: validation says so, naming what to add
    sheet, rows, label_letter = found
    labels = {s.key: s.label for s in SETTINGS}
    wanted: dict[str, object] = {}
    if overrides.period is not None:
        wanted["period_start"], wanted["period_end"] = overrides.period
    if overrides.compare is not None:
        wanted["compare_with"] = overrides.compare
    from roi_report.workbook.validation import _settings_free_cell

    cells: dict[str, object] = {}
    free_row = None
    for key, value in wanted.items():
        entry = rows.get(setting_label(labels[key]))
        if entry is not None:
            row, _raw, value_letter = entry
            cells[f"{value_letter}{row}"] = value
            continue
        if free_row is None:
            label_col, value_col, free_row = _settings_free_cell(book, sheet)
        cells[f"{label_col}{free_row}"] = labels[key]
        cells[f"{value_col}{free_row}"] = value
        free_row += 1
    set_cells(path, sheet, cells)
    _set_read_cells(book, sheet, cells)
    return book


def _set_read_cells(book, sheet: str, values: dict[str, object]) -> None:
    """What set_cells wrote, set in the rows read from the file (lists from row 1), whose
    formulas without a result go with them."""
    rows = book.sheets[sheet]
    formulas = book.uncalculated.get(sheet, {})
    for ref, value in values.items():
        letters, number = CELL.fullmatch(ref).groups()
        row, column = int(number), column_index(letters)
        width = max([column, *map(len, rows)])
        while len(rows) < row:
            rows.append([""] * width)
        cells = rows[row - 1] = list(rows[row - 1])
        cells.extend([""] * (column - len(cells)))
        cells[column - 1] = value
        formulas.pop(ref, None)


# ------------------------------------------------------------------------------ sheet XML

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CELL = re.compile(r"([A-Z]+)(\d+)")


def _sheet_part(package: zipfile.ZipFile, sheet: str) -> str:
    from lxml import etree

    workbook = etree.fromstring(package.read("xl/workbook.xml"))
    rels = etree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{{{PACKAGE_REL}}}Relationship")}
    for element in workbook.iter(f"{{{MAIN}}}sheet"):
        if element.get("name") == sheet:
            target = targets[element.get(f"{{{REL}}}id")]
            return target.lstrip("/") if target.startswith("/") else "xl/" + target
    raise KeyError(sheet)


def set_cells(path: Path, sheet: str, values: dict[str, object]) -> None:
    """Write values (dates, texts) into cells of one sheet of an .xlsx, in place; a formula
    in such a cell is removed with it (and Excel's calculation chain, rebuilt on opening)."""
    from lxml import etree

    with zipfile.ZipFile(path) as package:
        part = _sheet_part(package, sheet)
        root = etree.fromstring(package.read(part))
        dropped_formula = False
        data = root.find(f"{{{MAIN}}}sheetData")
        for ref, value in values.items():
            cell = _cell(data, ref)
            dropped_formula |= _set_value(cell, value)
        replaced = {
            part: etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        }
        entries = [(info, package.read(info.filename)) for info in package.infolist()]
    temp = path.with_name(path.name + ".part")
    with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as out:
        for info, content in entries:
            if dropped_formula and info.filename == "xl/calcChain.xml":
                continue
            if dropped_formula and info.filename in (
                "[Content_Types].xml",
                "xl/_rels/workbook.xml.rels",
            ):
                content = re.sub(rb"<[^<>]*calcChain[^<>]*/>", b"", content)
            out.writestr(info, replaced.get(info.filename, content))
    temp.replace(path)


def _cell(data, ref: str):
    """The <c r=ref> element, created in order (with its row) when the sheet has none."""
    from lxml import etree

    letters, number = CELL.fullmatch(ref).groups()
    row_number, column = int(number), column_index(letters)
    row = None
    for candidate in data.iterfind(f"{{{MAIN}}}row"):
        r = int(candidate.get("r"))
        if r == row_number:
            row = candidate
            break
        if r > row_number:
            row = etree.Element(f"{{{MAIN}}}row", r=str(row_number))
            candidate.addprevious(row)
            break
    if row is None:
        row = etree.SubElement(data, f"{{{MAIN}}}row", r=str(row_number))
    row.attrib.pop("spans", None)  # a hint only, and the new cell may fall outside it
    for existing in row.iterfind(f"{{{MAIN}}}c"):
        found_letters, _number = CELL.fullmatch(existing.get("r")).groups()
        if found_letters == letters:
            return existing
        if column_index(found_letters) > column:
            cell = etree.Element(f"{{{MAIN}}}c", r=ref)
            existing.addprevious(cell)
            return cell
    return etree.SubElement(row, f"{{{MAIN}}}c", r=ref)


def _set_value(cell, value) -> bool:
    """A date as a serial number where the cell held a number (its date format kept), as
    ISO text where it held text; text as an inline string. True if a formula was removed."""
    from lxml import etree

    had_formula = cell.find(f"{{{MAIN}}}f") is not None
    was_text = cell.get("t") in ("s", "str", "inlineStr")
    for child in list(cell):
        cell.remove(child)
    if isinstance(value, date) and not was_text and cell.get("s") is not None:
        cell.attrib.pop("t", None)
        etree.SubElement(cell, f"{{{MAIN}}}v").text = str((value - EXCEL_EPOCH).days)
        return had_formula
    text = value.isoformat() if isinstance(value, date) else str(value)
    cell.set("t", "inlineStr")
    inline = etree.SubElement(cell, f"{{{MAIN}}}is")
    etree.SubElement(inline, f"{{{MAIN}}}t").text = text
    return had_formula
