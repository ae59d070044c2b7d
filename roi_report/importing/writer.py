"""Rows into the workbook's Excel Tables, editing the package in place of openpyxl.

Loading a workbook with openpyxl and saving it again loses charts, comments, newer
validations and cached values; so, as for the results workbook (`roi_report.excel.package`),
only the parts that must change are rewritten — the sheets whose tables grow, those tables'
definitions, and where needed the stylesheet (a date format), the workbook part (recalculate
on open) and its calculation chain (dropped, as spreadsheets rebuild it). Every other part
is copied byte for byte.

New rows take the places of the rows an earlier import of the same export brought (and of
blank rows inside the table), then go below the table, which grows to hold them. Cells take
the style of the row above in their column, so dates stay dates and amounts keep their
format. Text is written as inline strings, so the shared strings stay as they were.
"""

from __future__ import annotations

import bisect
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from lxml import etree

from roi_report.errors import InputFileError
from roi_report.excel.cells import column_index, column_letter
from roi_report.excel.package import (
    EXCEL_EPOCH,
    MAIN_NS,
    REL_NS,
    STYLES_TYPE,
    CellStyle,
    PackageError,
    _child,
    _children,
    _drop_parts,
    _full_calc_on_load,
    _layout,
    _local,
    _Package,
    _relationships,
    _rels_path,
    _serialize,
    add_styles,
    write_parts,
    xml_text,
)
from roi_report.importing.base import normalize
from roi_report.language import messages_for
from roi_report.workbook.contract import Table
from roi_report.workbook.reading import damaged

_ = messages_for(__name__).gettext

TABLE_TYPE = REL_NS + "/table"
SHARED_STRINGS_TYPE = REL_NS + "/sharedStrings"
MAX_SHEET_BYTES = 1536 * 1024**2  # as the reader's bound on what it parses
DESCRIPTION = "Description"  # the column that says where an imported row came from
DATE_FORMAT = "yyyy-mm-dd"
BUILTIN_DATE_FORMATS = {*range(14, 23), 45, 46, 47}
REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)")
RANGE = re.compile(r"\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)")
X = f"{{{MAIN_NS}}}"
CELL_TAG = X + "c"
STYLE_SEARCH_ROWS = 100  # how far up a new cell looks for a styled cell of its column
TAIL_MARK = "roi-report import: new rows"
XMLNS = re.compile(rb' xmlns(?::[\w.-]+)?="[^"]*"')
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)


def cell_xml(ref: str, style: str | None, value) -> str:
    """A cell as SpreadsheetML text: a date as its serial number, text as an inline string
    (the shared strings stay as they are), a number as it is; None leaves only the style."""
    styled = f' s="{style}"' if style else ""
    if value is None:
        return f'<c r="{ref}"{styled}/>'
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f'<c r="{ref}"{styled}><v>{(value - EXCEL_EPOCH).days}</v></c>'
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = repr(round(float(value), 10)).removesuffix(".0")
        return f'<c r="{ref}"{styled}><v>{number}</v></c>'
    return (
        f'<c r="{ref}"{styled} t="inlineStr"><is><t xml:space="preserve">'
        f"{xml_text(str(value))}</t></is></c>"
    )


@dataclass
class Sheet:
    """A sheet being changed. Its rows are kept as the XML text they were read as, and
    parsed into elements only when a row is written to (or for a moment, to read it): a
    sheet of 100,000 rows as elements takes gigabytes."""

    name: str
    part: str
    root: etree._Element  # the sheet without its rows
    data: etree._Element  # <sheetData>, empty: the rows are in `rows`
    rows: dict[int, bytes | etree._Element]  # row number -> its XML as read, or its element
    numbers: list[int]  # row numbers in order, for inserting
    changed: bool = False
    # New rows below every existing one, as XML text.
    tail: list[str] = field(default_factory=list)
    known: dict[int, dict[int, etree._Element]] = field(default_factory=dict)  # see `cells`

    def write(self, stream) -> None:
        """Write the sheet's XML to `stream` a row at a time: joined, a sheet of 100,000
        rows would be held several times over."""
        marker = etree.Comment(TAIL_MARK)
        self.data.append(marker)
        head, _marker, foot = _serialize(self.root).partition(f"<!--{TAIL_MARK}-->".encode())
        self.data.remove(marker)
        declared = {
            f' xmlns{":" + p if p else ""}="{uri}"'.encode() for p, uri in self.data.nsmap.items()
        }
        stream.write(head)
        for number in self.numbers:
            stream.write(_row_text(self.rows[number], declared))
        prefix = self.data.prefix
        for row in self.tail:
            if prefix:  # a producer that writes <x:row>: the new rows say so too
                row = row.replace("<", f"<{prefix}:").replace(f"<{prefix}:/", f"</{prefix}:")
            stream.write(row.encode())
        stream.write(foot)

    def cells(self, row: int) -> dict[int, etree._Element]:
        """The row's cells by column: kept (and up to date) for a row being written to,
        read afresh for one that is only read."""
        found = self.known.get(row)
        if found is None:
            value = self.rows.get(row)
            element = etree.fromstring(value, PARSER) if isinstance(value, bytes) else value
            found, column = {}, 0
            for cell in () if element is None else element:
                if cell.tag != CELL_TAG:
                    continue
                ref = REF.fullmatch(cell.get("r") or "")
                column = column_index(ref.group(1)) if ref else column + 1
                found[column] = cell
            if not isinstance(value, bytes):
                self.known[row] = found
        return found

    def row(self, number: int) -> etree._Element:
        """The row as an element to write to (a new one if the sheet has none)."""
        element = self.rows.get(number)
        if isinstance(element, bytes):
            element = self.rows[number] = etree.fromstring(element, PARSER)
        elif element is None:
            element = self.rows[number] = etree.Element(X + "row", r=str(number))
            bisect.insort(self.numbers, number)
        return element


def _row_text(row: bytes | etree._Element, declared: set[bytes]) -> bytes:
    """A row's XML without the namespace declarations the sheet makes already (a row taken
    out of its sheet declares them again)."""
    text = row if isinstance(row, bytes) else etree.tostring(row, with_tail=False)
    end = text.index(b">")
    head = XMLNS.sub(lambda m: b"" if m.group(0) in declared else m.group(0), text[:end])
    return head + text[end:]


@dataclass
class TableEdit:
    """One contract table in the workbook, and what the import does to it."""

    contract: Table
    sheet: Sheet
    part: str
    element: etree._Element  # the table part's root
    first_row: int
    last_row: int
    first_col: int
    last_col: int
    columns: dict[str, int]  # normalized header -> sheet column
    # data rows: (sheet row, the values of its columns from first_col on); tuples, as a
    # dict per row takes several times the memory
    existing: list[tuple[int, tuple]]
    removed: set[int] = field(default_factory=set)
    added: list[dict[str, object]] = field(default_factory=list)  # rows as given
    keys: dict[str, str] = field(default_factory=dict)  # normalized header -> key in `added`
    needs_description: bool = False

    def replace(self, doomed: Callable[[Callable[[str], object]], bool]) -> int:
        """Take out the existing and added rows `doomed` picks; returns how many existed."""
        count = 0
        for number, row in self.existing:
            if number not in self.removed and doomed(lambda h, r=row: self.cell(r, h)):
                self.removed.add(number)
                count += 1
        self.added = [row for row in self.added if not doomed(lambda h, r=row: self.get(r, h))]
        return count

    def cell(self, row: tuple, header: str):
        """An existing row's value under a header (any spelling)."""
        column = self.columns.get(normalize(header))
        index = -1 if column is None else column - self.first_col
        return row[index] if 0 <= index < len(row) else None

    def get(self, row: dict[str, object], header: str):
        """An added row's value under a header (any spelling)."""
        return row.get(self.keys.get(normalize(header), header))

    def add(self, rows: list[dict[str, object]], described: bool = True) -> None:
        # The rows are kept as given (copies with normalized keys would double the memory of
        # a large export); `keys` finds each table header in them.
        shapes = {tuple(row) for row in rows}
        self.keys.update({normalize(k): k for shape in shapes for k in shape})
        self.added += rows
        if rows and described and normalize(DESCRIPTION) not in self.columns:
            self.needs_description = True


class WorkbookEdit:
    """The workbook's package, its contract tables found and read, ready to change."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.zip = zipfile.ZipFile(self.path)
        self.package = _Package(self.path, self.zip)
        try:
            self.layout = _layout(self.package)
        except PackageError as error:
            raise InputFileError(self.path, damaged(str(error))) from None
        targets = _relationships(self.layout.rels, self.layout.workbook_part).values()
        self.styles_part = next(
            (self.package.find(p) for kind, p in targets if kind == STYLES_TYPE and p), None
        )
        strings = next((p for kind, p in targets if kind == SHARED_STRINGS_TYPE and p), None)
        self.strings = self._shared_strings(strings)
        self.sheets: dict[str, Sheet] = {}
        self.tables: dict[str, TableEdit] = {}
        self._stylesheet = None
        self._date_style: str | None = None

    def close(self) -> None:
        self.zip.close()

    # --- reading ---------------------------------------------------------------------

    def _info(self, part: str) -> zipfile.ZipInfo:
        name = self.package.find(part)
        if name is None:
            raise InputFileError(
                self.path, damaged(_("the part {part} is missing").format(part=part))
            )
        info = self.package.infos[name]
        if info.file_size > MAX_SHEET_BYTES:
            raise InputFileError(
                self.path, _("the sheet {part} is too large to change").format(part=name)
            )
        return info

    def _shared_strings(self, part: str | None) -> list[str]:
        if part is None or self.package.find(part) is None:
            return []
        root = self.package.xml(part)  # bounded and checked as the results workbook does
        strings = []
        for item in root:
            texts = [
                t.text or "" for t in item.iter(X + "t") if _local(t.getparent()) in ("si", "r")
            ]
            strings.append("".join(texts))
        return strings

    def _sheet(self, name: str, part: str) -> Sheet:
        """The sheet, its rows read one at a time and kept as text (see Sheet)."""
        if part not in self.sheets:
            info = self._info(part)
            rows: dict[int, bytes] = {}
            number = 0
            try:
                with self.zip.open(info) as stream:
                    parsing = etree.iterparse(
                        stream,
                        events=("end",),
                        tag=X + "row",
                        resolve_entities=False,
                        no_network=True,
                        load_dtd=False,
                        huge_tree=True,
                    )
                    for _event, element in parsing:
                        given = element.get("r") or ""
                        number = int(given) if given.isdigit() else number + 1
                        rows[number] = etree.tostring(element, with_tail=False)
                        element.getparent().remove(element)
                    root = parsing.root
            except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, ValueError) as error:
                detail = _("its part {name} cannot be read ({error})").format(
                    name=info.filename, error=error
                )
                raise InputFileError(self.path, damaged(detail)) from None
            self.package.no_dtd(root, info.filename)
            data = _child(root, "sheetData")
            if data is None:
                raise InputFileError(
                    self.path, damaged(_("the sheet '{name}' has no cell data").format(name=name))
                )
            self.sheets[part] = Sheet(name, part, root, data, rows, sorted(rows))
        return self.sheets[part]

    def value(self, cell: etree._Element):
        kind = cell.get("t") or "n"
        if kind == "inlineStr":
            return "".join(t.text or "" for t in cell.iter(X + "t"))
        v = _child(cell, "v")
        if v is None or v.text is None:
            return None
        if kind == "s":
            index = int(v.text) if v.text.isdigit() else -1
            return self.strings[index] if 0 <= index < len(self.strings) else None
        if kind in ("str", "e"):
            return v.text
        if kind == "b":
            return v.text == "1"
        try:
            return float(v.text)
        except ValueError:
            return v.text

    def table(self, contract: Table) -> TableEdit:
        """The Excel Table holding a contract table (by its name, else by its headers)."""
        if contract.name in self.tables:
            return self.tables[contract.name]
        entry = next(
            (s for s in self.layout.sheets if normalize(s.name) == normalize(contract.sheet)),
            None,
        )
        if entry is None or entry.part is None:
            raise InputFileError(
                self.path,
                _(
                    "the workbook has no sheet '{sheet}' — add it (roi-report init writes a "
                    "template that has every sheet) and import again"
                ).format(sheet=contract.sheet),
            )
        candidates = []
        rels_part = self.package.find(_rels_path(entry.part))
        rels = self.package.xml(rels_part) if rels_part else None
        for kind, part in [] if rels is None else _relationships(rels, entry.part).values():
            if kind == TABLE_TYPE and part and self.package.find(part):
                root = self.package.xml(part)
                candidates.append((self.package.find(part), root))
        wanted = {normalize(c.header) for c in contract.columns}

        def fit(candidate):
            _part, root = candidate
            names = {normalize(c.get("name")) for c in root.iter(X + "tableColumn")}
            own = normalize(root.get("displayName") or root.get("name")) == normalize(contract.name)
            return (own, len(names & wanted))

        best = max(candidates, key=fit, default=None)
        if best is None or fit(best)[1] == 0:
            raise InputFileError(
                self.path,
                _(
                    "the sheet '{sheet}' has no Excel Table with the headers {headers} — "
                    "select the data and use Insert > Table, or start from roi-report init"
                ).format(
                    sheet=entry.name,
                    headers=", ".join(c.header for c in contract.columns if c.required),
                ),
            )
        part, root = best
        edit = self._table_edit(contract, self._sheet(entry.name, entry.part), part, root)
        self.tables[contract.name] = edit
        return edit

    def _table_edit(self, contract, sheet: Sheet, part: str, root) -> TableEdit:
        ref = RANGE.fullmatch(root.get("ref") or "")
        if ref is None:
            raise InputFileError(self.path, damaged(_("{part} has no range").format(part=part)))
        first_col, first_row = column_index(ref.group(1)), int(ref.group(2))
        last_col, last_row = column_index(ref.group(3)), int(ref.group(4))
        name = root.get("displayName") or root.get("name") or contract.name
        if (root.get("totalsRowCount") or "0") != "0":
            raise InputFileError(
                self.path,
                _(
                    "the table {table} on the sheet '{sheet}' has a Total row — turn it off "
                    "(Table Design > Total Row) and import again"
                ).format(table=name, sheet=sheet.name),
            )
        if (root.get("headerRowCount") or "1") != "1":
            raise InputFileError(
                self.path,
                _(
                    "the table {table} has no header row — turn it on (Table Design > Header Row)"
                ).format(table=name),
            )
        names = [c.get("name") or "" for c in root.iter(X + "tableColumn")]
        columns = {normalize(n): first_col + i for i, n in enumerate(names)}
        existing = []
        for number in range(
            first_row + 1, self._last_filled(sheet, first_row, last_row, columns) + 1
        ):
            cells = sheet.cells(number)
            row = tuple(
                self.value(cells[column]) if column in cells else None
                for column in range(first_col, first_col + len(names))
            )
            existing.append((number, row))
        return TableEdit(
            contract, sheet, part, root, first_row, last_row, first_col, last_col, columns, existing
        )

    def _last_filled(self, sheet: Sheet, first: int, last: int, columns: dict) -> int:
        """The table's last row, or further down where rows below it hold data in its
        columns (typed under the table without it growing): new rows go below those."""
        wanted = set(columns.values())
        below = [n for n in sheet.numbers if n > last]
        for number in reversed(below):
            cells = sheet.cells(number)
            if any(c in cells and self.value(cells[c]) not in (None, "") for c in wanted):
                return number
        return last

    # --- writing ---------------------------------------------------------------------

    def _style_of(self, edit: TableEdit, column: int, header: str) -> str | None:
        """The style of the nearest cell above in the column, a date format for a date."""
        style = None
        for number, _row in reversed(edit.existing[-STYLE_SEARCH_ROWS:]):
            cell = edit.sheet.cells(number).get(column)
            if cell is not None and cell.get("s"):
                style = cell.get("s")
                break
        is_date = any(
            normalize(c.header) == header and c.kind.value == "date" for c in edit.contract.columns
        )
        if is_date and not self._is_date_style(style):
            style = self._date_style_id()
        return style

    def stylesheet(self):
        if self._stylesheet is None:
            if self.styles_part is None:
                raise InputFileError(self.path, damaged(_("it has no stylesheet")))
            self._stylesheet = self.package.xml(self.styles_part)
        return self._stylesheet

    def _is_date_style(self, style: str | None) -> bool:
        if style is None or not style.isdigit():
            return False
        formats = _child(self.stylesheet(), "cellXfs")
        records = [] if formats is None else _children(formats, "xf")
        if int(style) >= len(records):
            return False
        number = int(records[int(style)].get("numFmtId") or 0)
        if number in BUILTIN_DATE_FORMATS:
            return True
        custom = _child(self.stylesheet(), "numFmts")
        for entry in [] if custom is None else _children(custom, "numFmt"):
            if entry.get("numFmtId") == str(number):
                code = re.sub(r'"[^"]*"|\[[^\]]*\]', "", entry.get("formatCode") or "").lower()
                return "d" in code or "y" in code
        return False

    def _date_style_id(self) -> str:
        if self._date_style is None:
            ids = add_styles(self.stylesheet(), {"date": CellStyle(number_format=DATE_FORMAT)})
            self._date_style = str(ids["date"])
        return self._date_style

    def _write_row(self, sheet: Sheet, number: int, values: list[tuple[int, object, str]]) -> None:
        """Cells (column, value, style) into a row the sheet has (or one inserted among its
        rows): each replaces the cell there, keeping that cell's style, or is inserted in
        column order. None empties a cell. The row is parsed once, not cell by cell."""
        if number in sheet.rows:
            sheet.row(number)  # an element from now on, so that its cells can be changed
        cells = sheet.cells(number)
        text = "".join(
            cell_xml(
                f"{column_letter(column)}{number}",
                (cells[column].get("s") if column in cells else None) or style,
                value,
            )
            for column, value, style in sorted(values, key=lambda item: item[0])
            if value is not None or column in cells
        )
        if not text:
            return
        element = sheet.row(number)
        element.attrib.pop("spans", None)  # a hint only, and wrong once cells are added
        for cell in list(etree.fromstring(f'<row xmlns="{MAIN_NS}">{text}</row>')):
            column = column_index(REF.fullmatch(cell.get("r")).group(1))
            old = cells.get(column)
            if old is not None:
                old.addnext(cell)
                element.remove(old)
            else:
                after = [c for c in cells if c > column]
                if after:
                    cells[min(after)].addprevious(cell)
                else:
                    element.append(cell)
            cells[column] = cell
        sheet.changed = True

    def _describe(self, edit: TableEdit) -> None:
        """Give the table a Description column, right of its last one, if that is free."""
        column = edit.last_col + 1
        for number in range(edit.first_row, edit.last_row + 1):
            cell = edit.sheet.cells(number).get(column)
            if cell is not None and self.value(cell) not in (None, ""):
                raise InputFileError(
                    self.path,
                    _(
                        "the table {table} needs a column {column} to say where imported rows "
                        "come from, and the cells right of it ({cell}) hold data — add a "
                        "column named {column} to the table and import again"
                    ).format(
                        table=edit.contract.name,
                        column=DESCRIPTION,
                        cell=f"{edit.sheet.name}!{column_letter(column)}{number}",
                    ),
                )
        header = edit.sheet.cells(edit.first_row).get(edit.last_col)
        style = header.get("s") if header is not None else None
        self._write_row(edit.sheet, edit.first_row, [(column, DESCRIPTION, style)])
        columns = _child(edit.element, "tableColumns")
        ids = [int(c.get("id") or 0) for c in _children(columns, "tableColumn")]
        etree.SubElement(columns, X + "tableColumn", id=str(max([0, *ids]) + 1), name=DESCRIPTION)
        columns.set("count", str(len(ids) + 1))
        edit.columns[normalize(DESCRIPTION)] = column
        edit.last_col = column

    def _drop_trailing(self, edit: TableEdit, free: set[int]) -> None:
        """Take out the sheet's last rows when they are free slots holding nothing outside
        the table: the new rows then go there as text (re-importing the rows an earlier
        import appended, the usual case, never builds them as elements)."""
        sheet = edit.sheet
        columns = set(edit.columns.values())
        while sheet.numbers and sheet.numbers[-1] in free:
            number = sheet.numbers[-1]
            if any(column not in columns for column in sheet.cells(number)):
                break
            sheet.rows.pop(number)
            sheet.numbers.pop()
            sheet.known.pop(number, None)
            sheet.changed = True

    def apply(self, edit: TableEdit) -> None:
        """Write the table's new rows into its sheet and grow the table to hold them."""
        if not edit.added and not edit.removed:
            return
        if edit.needs_description:
            self._describe(edit)
        styles = {
            column: self._style_of(edit, column, header) for header, column in edit.columns.items()
        }
        blank = [n for n, row in edit.existing if not any(v not in (None, "") for v in row)]
        free = sorted(edit.removed | set(blank))
        bottom = max([edit.last_row, *(n for n, _row in edit.existing)])
        slots = free + list(range(bottom + 1, bottom + 1 + max(0, len(edit.added) - len(free))))
        self._drop_trailing(edit, set(free))
        beyond = edit.sheet.numbers[-1] if edit.sheet.numbers else 0
        keys, order = edit.keys, sorted(edit.columns.items(), key=lambda item: item[1])
        for number, row in zip(slots, edit.added):
            if number > beyond:  # below every row the sheet has: written as text at save
                cells = (
                    cell_xml(f"{column_letter(column)}{number}", styles[column], value)
                    for column, value in ((c, row.get(keys.get(h, h))) for h, c in order)
                    if value is not None
                )
                edit.sheet.tail.append(f'<row r="{number}">{"".join(cells)}</row>')
                continue
            cells = [(c, row.get(keys.get(h, h)), styles[c]) for h, c in order]
            self._write_row(edit.sheet, number, cells)
        for number in free[len(edit.added) :]:
            if number in edit.removed:
                cells = [(column, None, None) for column in edit.columns.values()]
                self._write_row(edit.sheet, number, cells)
        last = max([bottom, *slots[: len(edit.added)]])
        ref = (
            f"{column_letter(edit.first_col)}{edit.first_row}:{column_letter(edit.last_col)}{last}"
        )
        edit.element.set("ref", ref)
        autofilter = _child(edit.element, "autoFilter")
        if autofilter is not None:
            autofilter.set("ref", ref)
        edit.sheet.changed = True
        self._grow_dimension(edit.sheet, edit.last_col, last)

    def _grow_dimension(self, sheet: Sheet, column: int, row: int) -> None:
        dimension = _child(sheet.root, "dimension")
        if dimension is None:
            return
        found = RANGE.fullmatch(dimension.get("ref") or "") or REF.fullmatch(
            dimension.get("ref") or ""
        )
        if found is None:
            return
        parts = found.groups()
        first = f"{parts[0]}{parts[1]}"
        last_col = max(column, column_index(parts[-2]))
        last_row = max(row, int(parts[-1]))
        dimension.set("ref", f"{first}:{column_letter(last_col)}{last_row}")

    def save(self, target: Path) -> None:
        """Write the changed package to `target` (a temporary file beside the workbook)."""
        for edit in self.tables.values():
            self.apply(edit)
        changed: dict[str, bytes | Callable] = {}
        for edit in self.tables.values():
            if edit.added or edit.removed:
                changed[edit.part] = _serialize(edit.element)
        for sheet in self.sheets.values():
            if sheet.changed:  # written a row at a time: joined, it would be held twice
                changed[self.package.find(sheet.part)] = sheet.write
        if self._stylesheet is not None and self._date_style is not None:
            changed[self.styles_part] = _serialize(self._stylesheet)
        types_part = self.package.find("[Content_Types].xml")
        types = self.package.xml(types_part)
        dropped = _drop_parts(self.layout, set())  # the calculation chain: rebuilt on open
        for override in _children(types, "Override"):
            if (override.get("PartName") or "").lstrip("/").lower() in dropped:
                types.remove(override)
        _full_calc_on_load(self.layout.workbook)
        changed[self.layout.workbook_part] = _serialize(self.layout.workbook)
        changed[self.package.find(self.layout.rels_part)] = _serialize(self.layout.rels)
        changed[types_part] = _serialize(types)
        write_parts(self.path, target, self.package.infos, dropped, changed)
