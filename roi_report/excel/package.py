"""Add the generated sheets to the user's xlsx package without rewriting anything else.

Loading a workbook with openpyxl and saving it again drops shapes, newer data validation,
sparklines and slicers, and strips the cached value of every formula. So the results
workbook is the user's own package, every part copied as it is, with the generated sheets
added as new parts. Only the parts that list sheets and styles change: the content types,
the workbook part and its relationships, and the stylesheet (new formats appended, none
renumbered, identical records reused so rebuilds do not grow it); the calculation chain
is dropped so that spreadsheets rebuild it.

Those parts are edited as XML trees (lxml), so namespace prefixes are whatever the producer
chose: openpyxl with lxml declares `r:` on each <sheet>, some tools write <x:workbook>.
Every part parsed is bounded in size and depth and may not declare a DTD.
"""

from __future__ import annotations

import copy
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape

from lxml import etree

from roi_report.errors import InputFileError, terminal_text
from roi_report.excel.cells import column_letter
from roi_report.excel.sheets import GENERATED_SHEETS, SheetSpec
from roi_report.language import N_, messages_for

_ = messages_for(__name__).gettext

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORKSHEET_TYPE = REL_NS + "/worksheet"
CALC_CHAIN_TYPE = REL_NS + "/calcChain"
WORKSHEET_CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
STYLES_TYPE = REL_NS + "/styles"
EXTENDED_PROPERTIES_TYPE = REL_NS + "/extended-properties"
EXCEL_EPOCH = date(1899, 12, 30)
# Strict Open XML (ISO 29500 Strict) uses other namespaces for the same parts.
STRICT_MAIN_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"
STRICT_PREFIX = "http://purl.oclc.org/ooxml/"
STRICT_MESSAGE = N_(
    "it is saved as a Strict Open XML Spreadsheet, which the report cannot add its sheets "
    "to — open it in Excel and save it as Excel Workbook (.xlsx), not Strict Open XML"
)
# The parts the splice parses (sheet list, styles, relationships) are small; a real one
# never nears this.
MAX_PART_BYTES = 50 * 1024**2
DAMAGED = N_(
    "the workbook is damaged ({detail}) — open it in Excel or LibreOffice (they can often "
    "repair it) and save it again as .xlsx"
)
# Each generated sheet carries a sheet-scoped defined name saying so (see `_generated`).
GENERATED_MARKER = "_roi_report_sheet"
MARKER_VALUE = '"written by roi-report; replaced on the next build"'
GENERATED_FOLDED = {name.casefold(): name for name in GENERATED_SHEETS}
LEGACY_PART = re.compile(r"roi-sheet\d+\.xml")
WORKBOOK_ORDER = (
    "fileVersion",
    "fileSharing",
    "workbookPr",
    "workbookProtection",
    "bookViews",
    "sheets",
    "functionGroups",
    "externalReferences",
    "definedNames",
    "calcPr",
    "oleSize",
    "customWorkbookViews",
    "pivotCaches",
    "smartTagPr",
    "smartTagTypes",
    "webPublishing",
    "fileRecoveryPr",
    "webPublishObjects",
    "extLst",
)
# Font flags whose val defaults to true, and format attributes that default to false.
FLAGS = {"b", "i", "strike", "condense", "extend", "outline", "shadow"}
DEFAULT_FALSE = {"pivotButton", "quotePrefix"}
# Number formats every spreadsheet knows by id (ECMA-376 18.8.30); openpyxl replaces a
# custom format of the same code by the id.
BUILTIN_FORMATS = {"0": "1", "0.00": "2", "#,##0": "3", "#,##0.00": "4", "0%": "9", "0.00%": "10"}
STYLE_ORDER = (
    "numFmts",
    "fonts",
    "fills",
    "borders",
    "cellStyleXfs",
    "cellXfs",
    "cellStyles",
    "dxfs",
    "tableStyles",
    "colors",
    "extLst",
)


class PackageError(ValueError):
    """The package is not laid out as the splice expects; the caller falls back (openpyxl
    saves the workbook anew, and the splice adds the sheets to that)."""


@dataclass(frozen=True)
class CellStyle:
    number_format: str | None = None
    bold: bool = False
    italic: bool = False
    size: float = 11
    color: str | None = None  # RRGGBB
    fill: str | None = None  # RRGGBB
    align_right: bool = False
    wrap: bool = False


def excel_value(value):
    """A Python value as a cell's cached value: (type attribute, text)."""
    if isinstance(value, bool):
        return "b", "1" if value else "0"
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return None, str((value - EXCEL_EPOCH).days)
    if isinstance(value, (int, float)):
        return None, repr(float(value)) if isinstance(value, float) else str(value)
    return "str", str(value)


_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_text(text: str) -> str:
    return escape(_ILLEGAL_XML.sub("", text))


def _cached_xml(value) -> tuple[str, str]:
    """A cached value's type attribute and escaped text; a number, most of them, needs
    neither a type nor escaping."""
    if type(value) is float:
        return "", repr(value)
    if type(value) is int:
        return "", str(value)
    kind, text = excel_value(value)
    return (f' t="{kind}"' if kind else ""), xml_text(text)


DEFAULT_WIDTH = 8.43  # characters: Excel's width of a column with none set


def wrapped_lines(label: str, width: float | None) -> int:
    """Lines a bold label wraps to in a column `width` characters wide, word by word."""
    room = max(1, int(((width or DEFAULT_WIDTH) - 1) / 1.15))  # bold glyphs are wider
    lines, used = 1, 0
    for word in label.split():
        needed = len(word) + (1 if used else 0)
        if used and used + needed > room:
            lines, used, needed = lines + 1, 0, len(word)
        used += needed
        while used > room:  # a word longer than the column breaks where it must
            lines, used = lines + 1, used - room
    return lines


def sheet_xml(spec: SheetSpec, style_ids: dict[str, int], cached: dict, tab_color: str) -> bytes:
    rows: dict[int, list] = {}
    for cell in spec.cells:
        rows.setdefault(cell.row, []).append(cell)
    out = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
        f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">',
        f'<sheetPr><tabColor rgb="FF{tab_color}"/><pageSetUpPr fitToPage="1"/></sheetPr>',
        '<sheetViews><sheetView workbookViewId="0">',
    ]
    if spec.freeze:
        top = int(re.sub(r"\D", "", spec.freeze)) - 1
        out.append(
            f'<pane ySplit="{top}" topLeftCell="{spec.freeze}" activePane="bottomLeft" '
            'state="frozen"/>'
        )
    out.append('</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>')
    columns = sorted(set(spec.widths) | spec.hidden)
    if columns:
        out.append("<cols>")
        for col in columns:
            width = spec.widths.get(col, DEFAULT_WIDTH)
            hidden = ' hidden="1"' if col in spec.hidden else ""
            out.append(f'<col min="{col}" max="{col}" width="{width}" customWidth="1"{hidden}/>')
        out.append("</cols>")
    out.append("<sheetData>")
    for number in sorted(rows):
        # Header labels wrap; spreadsheets don't grow a row to fit its text on opening.
        headers = [cell for cell in rows[number] if cell.style.startswith("header")]
        lines = max(
            (wrapped_lines(str(c.value), spec.widths.get(c.col)) for c in headers), default=1
        )
        height = f' ht="{15 * lines}" customHeight="1"' if lines > 1 else ""
        out.append(f'<row r="{number}"{height}>')
        for cell in sorted(rows[number], key=lambda c: c.col):
            ref = f"{column_letter(cell.col)}{number}"
            style = style_ids.get(cell.style, 0)
            if cell.is_formula:
                value = cached.get((spec.name, cell.row, cell.col), cell.cached)
                array = f' t="array" ref="{cell.array}"' if cell.array else ""
                formula = f"<f{array}>{xml_text(cell.value[1:])}</f>"
                if value is None:
                    out.append(f'<c r="{ref}" s="{style}">{formula}</c>')
                else:
                    t, text = _cached_xml(value)
                    out.append(f'<c r="{ref}" s="{style}"{t}>{formula}<v>{text}</v></c>')
            elif isinstance(cell.value, str):
                # Inline text: a user's "=..." stays text, and no shared-string table to merge.
                out.append(
                    f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">'
                    f"{xml_text(cell.value)}</t></is></c>"
                )
            elif cell.value is not None or cell.cached is not None:
                # A constant, or a cell an array formula fills: only its cached value.
                t, text = _cached_xml(cell.value if cell.value is not None else cell.cached)
                out.append(f'<c r="{ref}" s="{style}"{t}><v>{text}</v></c>')
        out.append("</row>")
    out.append("</sheetData>")
    out.append(
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
        'footer="0.3"/><pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
    )
    out.append("</worksheet>")
    return "".join(out).encode("utf-8")


UNSAFE_PART = N_(
    "{part} {what}, which no spreadsheet program writes — an XML bomb or an attempt to "
    "read files from this computer; the workbook was refused as unsafe, check where it came "
    "from"
)


def unsafe_part(part: str, what: str) -> str:
    """The refusal of a workbook one of whose XML parts `what` (declares a DTD, ...)."""
    return _(UNSAFE_PART).format(part=part, what=what)


def declares_dtd(part: str) -> str:
    """The refusal of a part that declares a DTD: one sentence wherever it is found, by
    the reader's scan of every part or by a later parse of one."""
    return unsafe_part(part, _("declares a DTD (<!DOCTYPE ...>) with its own entities"))


# --- reading package parts --------------------------------------------------------------


class _Package:
    """The zip's parts by name, read and parsed on request with bounded size and depth."""

    def __init__(self, path: Path, package: zipfile.ZipFile):
        self.path = path
        self.zip = package
        self.infos = {info.filename: info for info in package.infolist()}
        # Part names are case-insensitive (OPC); `reading` refused two that differ in case.
        self.lower = {name.lower(): name for name in self.infos}

    def find(self, part: str) -> str | None:
        return self.lower.get(part.lower())

    def xml(self, part: str) -> etree._Element:
        name = self.find(part)
        if name is None:
            raise PackageError(_("missing part {part}").format(part=part))
        info = self.infos[name]
        if info.file_size > MAX_PART_BYTES:
            size = f"{info.file_size // 1024**2:,}"
            raise self.refuse(
                _("its part {name} holds {size} MB of XML").format(name=name, size=size)
            )
        try:
            with self.zip.open(info) as stream:
                data = stream.read(MAX_PART_BYTES + 1)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, zlib.error):
            raise InputFileError(
                self.path,
                _(DAMAGED).format(detail=_("the part {name} cannot be unpacked").format(name=name)),
            ) from None
        if len(data) > MAX_PART_BYTES:
            raise self.refuse(
                _("its part {name} inflates to more than its declared size").format(name=name)
            )
        # No DTD is loaded, no entity expanded, no network used; libxml2 stops at a depth of
        # 256 without XML_PARSE_HUGE, so a deep or unclosed nest fails at once.
        parser = etree.XMLParser(
            resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
        )
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError as error:
            detail = _("its part {name} is not well-formed XML ({error})").format(
                name=name, error=error.msg
            )
            raise InputFileError(self.path, _(DAMAGED).format(detail=detail)) from None
        self.no_dtd(root, name)
        return root

    def no_dtd(self, root: etree._Element, name: str) -> None:
        """Refuse a part that declares a DTD, however it was parsed: its entities are
        never expanded, but no spreadsheet program writes one, so the file is suspect."""
        if root.getroottree().docinfo.doctype:
            raise InputFileError(self.path, declares_dtd(name))

    def refuse(self, what: str) -> InputFileError:
        return InputFileError(
            self.path,
            _(
                "{what}, more than the {limit} MB a workbook's list of sheets or styles ever "
                "needs — it is damaged or not a real workbook"
            ).format(what=what, limit=MAX_PART_BYTES // 1024**2),
        )


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _children(parent, name: str) -> list:
    return [child for child in parent if _local(child) == name]


def _child(parent, name: str):
    return next((child for child in parent if _local(child) == name), None)


def _rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _resolve(base_part: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base_part), target))


def _relationships(rels: etree._Element, base_part: str) -> dict[str, tuple[str, str | None]]:
    """Relationship id -> (type, resolved part name); external targets have no part."""
    found = {}
    for rel in _children(rels, "Relationship"):
        target = rel.get("Target") or ""
        internal = rel.get("TargetMode", "Internal") != "External" and target
        found[rel.get("Id") or ""] = (
            rel.get("Type") or "",
            _resolve(base_part, target) if internal else None,
        )
    return found


def _serialize(root: etree._Element) -> bytes:
    standalone = root.getroottree().docinfo.standalone
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=standalone)


# --- the workbook's layout --------------------------------------------------------------


@dataclass(frozen=True)
class SheetEntry:
    element: etree._Element  # its <sheet> in the workbook part
    name: str
    rel_id: str
    part: str | None  # resolved part name, None when the relationship is missing


@dataclass(frozen=True)
class Layout:
    root_rels: etree._Element
    workbook_part: str
    workbook: etree._Element
    rels_part: str
    rels: etree._Element
    sheets: tuple[SheetEntry, ...]

    def defined_names(self) -> list:
        names = _child(self.workbook, "definedNames")
        return [] if names is None else _children(names, "definedName")


def _layout(package: _Package) -> Layout:
    root_rels = package.xml("_rels/.rels")
    office = [
        (kind, part)
        for kind, part in _relationships(root_rels, "").values()
        if kind.endswith("/officeDocument") and part
    ]
    if any(kind.startswith(STRICT_PREFIX) for kind, _ in office):
        raise InputFileError(package.path, _(STRICT_MESSAGE))
    if not office:
        raise PackageError(_("no workbook part"))
    workbook_part = package.find(office[0][1]) or office[0][1]
    workbook = package.xml(workbook_part)
    namespace = etree.QName(workbook).namespace
    if namespace == STRICT_MAIN_NS:
        raise InputFileError(package.path, _(STRICT_MESSAGE))
    if namespace != MAIN_NS or _local(workbook) != "workbook":
        raise PackageError(_("the workbook part is not SpreadsheetML"))
    rels_part = package.find(_rels_path(workbook_part)) or _rels_path(workbook_part)
    rels = package.xml(rels_part)
    targets = _relationships(rels, workbook_part)
    sheet_list = _child(workbook, "sheets")
    if sheet_list is None:
        raise PackageError(_("no sheet list"))
    sheets = []
    for element in _children(sheet_list, "sheet"):
        rel_id = element.get(f"{{{REL_NS}}}id") or ""
        part = targets.get(rel_id, ("", None))[1]
        sheets.append(SheetEntry(element, element.get("name") or "", rel_id, part))
    return Layout(root_rels, workbook_part, workbook, rels_part, rels, tuple(sheets))


def _generated(layout: Layout) -> tuple[set[int], list[str]]:
    """Positions of the sheets an earlier build wrote, and user sheets named like one.

    A generated sheet carries the sheet-scoped defined name GENERATED_MARKER, which Excel,
    LibreOffice, Gnumeric and openpyxl keep (renumbered) when they move or re-save sheets.
    Builds before the marker named their parts roi-sheetN.xml; those count as well.
    """
    marked = set()
    for name in layout.defined_names():
        scope = name.get("localSheetId") or ""
        if (name.get("name") or "").casefold() == GENERATED_MARKER.casefold() and scope.isdigit():
            marked.add(int(scope))
    generated, clashes = set(), []
    for index, sheet in enumerate(layout.sheets):
        if sheet.name.casefold() not in GENERATED_FOLDED:
            continue
        legacy = sheet.name in GENERATED_SHEETS and bool(
            sheet.part and LEGACY_PART.fullmatch(posixpath.basename(sheet.part))
        )
        if index in marked or legacy:
            generated.add(index)
        else:
            clashes.append(sheet.name)
    return generated, clashes


def clash_error(path: Path, clashes: list[str]) -> InputFileError:
    name = _shown(clashes[0])
    return InputFileError(
        path,
        _(
            "the sheet '{name}' has the name of a sheet this tool writes ('{generated}'; sheet "
            "names compare regardless of case, as in Excel) but was not written by it — rename "
            "that sheet, or delete it if it is a copy of an old ROI sheet, and build again"
        ).format(name=name, generated=GENERATED_FOLDED[clashes[0].casefold()]),
    )


def _shown(text: str) -> str:
    return terminal_text(text)[:80]


def _unsafe_name(name: str) -> bool:
    segments = name.split("/")
    return (
        "\\" in name
        or name.startswith("/")
        or ".." in segments
        or re.match(r"[A-Za-z]:", name) is not None
        or "\x00" in name
    )


def check_package(path: Path, package: zipfile.ZipFile) -> None:
    """Refuse what the results workbook could not be made from: entry names that point
    outside the package, a Strict Open XML workbook, a user sheet named like a generated
    one. Called by `reading` (so `check` says it too) and again by the splice."""
    _check_entry_names(path, package)
    try:
        layout = _layout(_Package(path, package))
    except PackageError:
        return  # the splice falls back to openpyxl, which checks again
    clashes = _generated(layout)[1]
    if clashes:
        raise clash_error(path, clashes)


def _check_entry_names(path: Path, package: zipfile.ZipFile) -> None:
    unsafe = next(
        (info.filename for info in package.infolist() if _unsafe_name(info.filename)), None
    )
    if unsafe is not None:
        raise InputFileError(
            path,
            _(
                "the package holds an entry named '{name}', which points outside the package "
                "(.., an absolute path or a backslash) — no spreadsheet program writes that; "
                "the workbook was refused as unsafe, check where it came from"
            ).format(name=_shown(unsafe)),
        )


def sheet_names(path: Path) -> list[str]:
    """The sheet names the workbook part lists, in order."""
    with zipfile.ZipFile(path) as package:
        return [sheet.name for sheet in _layout(_Package(path, package)).sheets]


# --- editing the parts ------------------------------------------------------------------


def _insert(parent, element, order: tuple[str, ...]) -> None:
    """Insert `element` where the schema's sequence `order` puts it among the children."""
    rank = order.index(_local(element))
    later = set(order[rank + 1 :])
    following = next((child for child in parent if _local(child) in later), None)
    if following is None:
        parent.append(element)
    else:
        following.addprevious(element)


def _make(namespace: str, tag: str, attributes: dict | None = None, *children):
    element = etree.Element(f"{{{namespace}}}{tag}")
    for key, value in (attributes or {}).items():
        element.set(key, value)
    element.extend(children)
    return element


def _key(element) -> tuple:
    """What makes two style records the same, written by whichever program: child order,
    `<b val="1"/>` for `<b/>`, 11.0 for 11 and attributes at their default do not count."""
    attributes = {
        key: _number(value) if key == "val" else value
        for key, value in element.attrib.items()
        if not (key in DEFAULT_FALSE and value in ("0", "false"))
    }
    if _local(element) in FLAGS and attributes.get("val") in ("1", "true", "1.0"):
        del attributes["val"]
    return (
        element.tag,
        tuple(sorted(attributes.items())),
        (element.text or "").strip(),
        tuple(sorted(_key(child) for child in element if isinstance(child.tag, str))),
    )


def _number(value: str) -> str:
    try:
        return repr(float(value))
    except ValueError:
        return value


def _reuse_or_append(collection, element) -> int:
    """The index of an identical record in the collection, appending one only if none is."""
    records = [child for child in collection if isinstance(child.tag, str)]
    wanted = _key(element)
    for index, record in enumerate(records):
        if _key(record) == wanted:
            return index
    collection.append(element)
    collection.set("count", str(len(records) + 1))
    return len(records)


def _collection(stylesheet, name: str):
    found = _child(stylesheet, name)
    if found is None:
        found = _make(etree.QName(stylesheet).namespace, name, {"count": "0"})
        _insert(stylesheet, found, STYLE_ORDER)
    return found


def add_styles(stylesheet: etree._Element, styles: dict[str, CellStyle]) -> dict[str, int]:
    """One cell format per named style, reusing identical records so that rebuilds do not
    grow the stylesheet; existing indexes stay valid."""
    ns = etree.QName(stylesheet).namespace
    if ns != MAIN_NS or _local(stylesheet) != "styleSheet":
        raise PackageError(_("the stylesheet is not SpreadsheetML"))
    for needed in ("borders", "cellStyleXfs"):
        found = _child(stylesheet, needed)
        if found is None or not len(found):
            raise PackageError(
                _("styles: no <{element}>").format(element=needed)
            )  # the new formats refer to the first
    existing = {}
    numbers = _child(stylesheet, "numFmts")
    for number in [] if numbers is None else _children(numbers, "numFmt"):
        existing.setdefault(number.get("formatCode"), number.get("numFmtId"))
    used = [
        int(value)
        for element in stylesheet.iter()
        if (value := element.get("numFmtId") or "").isdigit()
    ]
    next_id = max([163, *used]) + 1
    format_ids: dict[str, str] = {}
    for style in styles.values():
        code = style.number_format
        if not code or code in format_ids:
            continue
        if code in BUILTIN_FORMATS:
            format_ids[code] = BUILTIN_FORMATS[code]
            continue
        if code in existing and existing[code].isdigit():
            format_ids[code] = existing[code]
            continue
        format_ids[code] = str(next_id)
        _reuse_or_append(
            _collection(stylesheet, "numFmts"),
            _make(ns, "numFmt", {"numFmtId": str(next_id), "formatCode": code}),
        )
        next_id += 1
    fonts, fills, xfs = (_collection(stylesheet, n) for n in ("fonts", "fills", "cellXfs"))
    ids = {}
    for name, style in styles.items():
        font = _make(ns, "font")
        font.extend(_make(ns, tag) for tag, on in (("b", style.bold), ("i", style.italic)) if on)
        color = {"rgb": f"FF{style.color}"} if style.color else {"theme": "1"}
        font.extend(
            [
                _make(ns, "sz", {"val": f"{style.size}"}),
                _make(ns, "color", color),
                _make(ns, "name", {"val": "Calibri"}),
                _make(ns, "family", {"val": "2"}),
            ]
        )
        fill_id = 0
        if style.fill:
            pattern = _make(
                ns,
                "patternFill",
                {"patternType": "solid"},
                _make(ns, "fgColor", {"rgb": f"FF{style.fill}"}),
                _make(ns, "bgColor", {"indexed": "64"}),
            )
            fill_id = _reuse_or_append(fills, _make(ns, "fill", None, pattern))
        attributes = {
            "numFmtId": format_ids.get(style.number_format, "0"),
            "fontId": str(_reuse_or_append(fonts, font)),
            "fillId": str(fill_id),
            "borderId": "0",
            "xfId": "0",
            "applyNumberFormat": "1",
            "applyFont": "1",
            "applyFill": "1",
        }
        xf = _make(ns, "xf", attributes)
        if style.align_right or style.wrap:
            xf.set("applyAlignment", "1")
            align = {"horizontal": "right"} if style.align_right else {}
            align.update({"wrapText": "1"} if style.wrap else {})
            xf.append(_make(ns, "alignment", {**align, "vertical": "center"}))
        ids[name] = _reuse_or_append(xfs, xf)
    return ids


def _renumber_scopes(layout: Layout, generated: set[int]) -> None:
    """Sheet-scoped names (print areas, print titles) follow their sheet's new position;
    those of the removed generated sheets go with them. localSheetId, and the workbook
    view's active and first sheet, are indexes into the <sheets> order."""
    kept = [index for index in range(len(layout.sheets)) if index not in generated]
    position = {old: new for new, old in enumerate(kept)}
    for name in layout.defined_names():
        scope = name.get("localSheetId") or ""
        if not scope.isdigit():
            continue
        if int(scope) in generated:
            name.getparent().remove(name)
        elif int(scope) in position:
            name.set("localSheetId", str(position[int(scope)]))
    views = _child(layout.workbook, "bookViews")
    for view in [] if views is None else _children(views, "workbookView"):
        for attribute in ("activeTab", "firstSheet"):
            value = view.get(attribute) or ""
            if value.isdigit():
                view.set(attribute, str(position.get(int(value), 0)))


def _add_sheets(layout: Layout, added: list[tuple[str, str]]) -> None:
    """Append (sheet name, relationship id) to the sheet list, each marked as generated."""
    sheet_list = _child(layout.workbook, "sheets")
    numbers = [int(n) for s in layout.sheets if (n := s.element.get("sheetId") or "").isdigit()]
    next_sheet = max([0, *numbers]) + 1
    # openpyxl with lxml declares the relationships prefix on each <sheet>, not the root.
    declare = None if REL_NS in sheet_list.nsmap.values() else {"r": REL_NS}
    names = _child(layout.workbook, "definedNames")
    if names is None:
        names = _make(MAIN_NS, "definedNames")
        _insert(layout.workbook, names, WORKBOOK_ORDER)
    first = len(_children(sheet_list, "sheet"))
    for offset, (title, rel_id) in enumerate(added):
        sheet = etree.SubElement(sheet_list, f"{{{MAIN_NS}}}sheet", nsmap=declare)
        sheet.set("name", title)
        sheet.set("sheetId", str(next_sheet + offset))
        sheet.set(f"{{{REL_NS}}}id", rel_id)
        scope = {"name": GENERATED_MARKER, "localSheetId": str(first + offset), "hidden": "1"}
        marker = _make(MAIN_NS, "definedName", scope)
        marker.text = MARKER_VALUE
        names.append(marker)


def _full_calc_on_load(workbook: etree._Element) -> None:
    """Ask Excel to recalculate on open; the cached values are Python's until it does."""
    calc = _child(workbook, "calcPr")
    if calc is None:
        calc = _make(MAIN_NS, "calcPr")
        _insert(workbook, calc, WORKBOOK_ORDER)
    calc.set("fullCalcOnLoad", "1")


def _drop_parts(layout: Layout, generated: set[int]) -> set[str]:
    """Remove the generated sheets and the calculation chain from the sheet list and the
    relationships; return the part names (lower case) no longer part of the package."""
    dropped_ids = {layout.sheets[index].rel_id for index in generated}
    for index in generated:
        sheet = layout.sheets[index].element
        sheet.getparent().remove(sheet)
    dropped = set()
    for rel in _children(layout.rels, "Relationship"):
        kind = rel.get("Type") or ""
        if rel.get("Id") in dropped_ids or kind == CALC_CHAIN_TYPE:
            rel.getparent().remove(rel)
            if rel.get("TargetMode", "Internal") != "External":
                part = _resolve(layout.workbook_part, rel.get("Target") or "")
                dropped.update({part.lower(), _rels_path(part).lower()})
    return dropped


def _next_free(taken: set[str], pattern: str) -> str:
    number = 1
    while pattern.format(number).lower() in taken:
        number += 1
    taken.add(pattern.format(number).lower())
    return pattern.format(number)


def splice(
    source: Path,
    target: Path,
    sheets: list[SheetSpec],
    styles: dict[str, CellStyle],
    cached: dict,
    tab_color: str,
) -> list[str]:
    """Write `target`: the package of `source` with `sheets` added, replacing the sheets an
    earlier build generated. Returns the names of the input sheets kept."""
    with zipfile.ZipFile(source) as opened:
        _check_entry_names(source, opened)
        package = _Package(source, opened)
        layout = _layout(package)
        generated, clashes = _generated(layout)
        if clashes:
            raise clash_error(source, clashes)
        types = package.xml("[Content_Types].xml")
        relationships = _relationships(layout.rels, layout.workbook_part).values()
        styles_part = next(
            (package.find(p) for kind, p in relationships if kind == STYLES_TYPE and p), None
        )
        if styles_part is None:
            raise PackageError(_("no stylesheet"))
        stylesheet = package.xml(styles_part)
        style_ids = add_styles(stylesheet, styles)
        names = [sheet.name for sheet in layout.sheets]
        kept = [name for index, name in enumerate(names) if index not in generated]
        changed = _sheet_titles(
            package, layout, names, {names[i] for i in generated}, [s.name for s in sheets]
        )
        _renumber_scopes(layout, generated)
        dropped = _drop_parts(layout, generated)
        for override in _children(types, "Override"):
            if (override.get("PartName") or "").lstrip("/").lower() in dropped:
                types.remove(override)

        taken = {name.lower() for name in package.infos} - dropped
        rel_ids = {rel.get("Id") or "" for rel in _children(layout.rels, "Relationship")}
        rel_numbers = [int(i[3:]) for i in rel_ids if re.fullmatch(r"rId\d{1,9}", i)]
        next_rel = max([0, *rel_numbers]) + 1
        new_parts: dict[str, bytes] = {}
        added = []
        folder = posixpath.dirname(layout.workbook_part) or "."
        rels_ns = etree.QName(layout.rels).namespace
        for offset, spec in enumerate(sheets):
            part = _next_free(taken, "xl/worksheets/roi-sheet{}.xml")
            rel_id = f"rId{next_rel + offset}"
            new_parts[part] = sheet_xml(spec, style_ids, cached, tab_color)
            relationship = {
                "Id": rel_id,
                "Type": WORKSHEET_TYPE,
                "Target": posixpath.relpath(part, folder),
            }
            layout.rels.append(_make(rels_ns, "Relationship", relationship))
            content = {"PartName": f"/{part}", "ContentType": WORKSHEET_CONTENT}
            types.append(_make(etree.QName(types).namespace, "Override", content))
            added.append((spec.name, rel_id))
        _add_sheets(layout, added)
        _full_calc_on_load(layout.workbook)
        changed.update(
            {
                layout.workbook_part: _serialize(layout.workbook),
                layout.rels_part: _serialize(layout.rels),
                package.find("[Content_Types].xml"): _serialize(types),
                styles_part: _serialize(stylesheet),
            }
        )
        infos = package.infos
    write_parts(source, target, infos, dropped, changed, new_parts)
    return kept


def write_parts(
    source: Path,
    target: Path,
    infos: dict[str, zipfile.ZipInfo],
    dropped: set[str],
    changed: dict[str, bytes | Callable[[IO[bytes]], None]],
    new_parts: dict[str, bytes] | None = None,
) -> None:
    """Write `target`: the parts of `source` (`infos`, in order) but those `dropped` (lower
    case), each copied byte for byte unless `changed` gives its new content — bytes, or a
    function that writes them to a stream (a large sheet, written a row at a time) — then
    `new_parts`."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out, source.open("rb") as raw:
        for name, info in infos.items():
            if name.lower() in dropped:
                continue
            content = changed.get(name)
            if content is None:
                _copy_compressed(raw, info, out)
            elif callable(content):
                entry = _copy_info(info)
                entry.compress_type = zipfile.ZIP_DEFLATED
                with out.open(entry, "w") as stream:
                    content(stream)
            else:
                out.writestr(_copy_info(info), content, compress_type=zipfile.ZIP_DEFLATED)
        for name, data in (new_parts or {}).items():
            out.writestr(name, data)


def _sheet_titles(
    package: _Package, layout: Layout, names: list[str], removed: set[str], added: list[str]
) -> dict:
    """docProps/app.xml with the new sheets in its list of sheet titles, as Excel keeps it.

    Excel lists each group of parts (worksheets, then named ranges) in HeadingPairs with a
    count, and every title in TitlesOfParts; its heading is translated ("Arkusze", "Hojas
    de cálculo"), so the worksheet group is the one holding the workbook's sheet names. A
    list that does not add up is left as it is: it only feeds File > Properties.
    """
    part = next(
        (
            package.find(p)
            for kind, p in _relationships(layout.root_rels, "").values()
            if kind == EXTENDED_PROPERTIES_TYPE and p
        ),
        None,
    )
    if part is None:
        return {}
    app = package.xml(part)
    pairs, titles = (_child(app, name) for name in ("HeadingPairs", "TitlesOfParts"))
    if pairs is not None and titles is not None:
        pairs, titles = _child(pairs, "vector"), _child(titles, "vector")
    if pairs is None or titles is None:
        return {}  # no list of sheets to keep up to date (openpyxl writes none)
    counts = [c for variant in _children(pairs, "variant") for c in _children(variant, "i4")]
    entries = _children(titles, "lpstr")
    if not counts or not all((c.text or "").strip().isdigit() for c in counts):
        return {}
    if sum(int(c.text) for c in counts) != len(entries):
        return {}
    start = 0
    for count in counts:
        group = entries[start : start + int(count.text)]
        if group and {entry.text or "" for entry in group} <= set(names):
            break
        start += len(group)
    else:
        return {}
    following = group[-1].getnext()
    gone = [entry for entry in group if (entry.text or "") in removed]
    for entry in gone:
        titles.remove(entry)
    for name in added:
        entry = etree.Element(group[0].tag)
        entry.text = name  # a generated sheet title: our own text
        if following is None:
            titles.append(entry)
        else:
            following.addprevious(entry)
    titles.set("size", str(len(entries) - len(gone) + len(added)))
    count.text = str(len(group) - len(gone) + len(added))
    return {part: _serialize(app)}


def _copy_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    copy.external_attr = info.external_attr
    return copy


LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")


def _copy_compressed(source, info: zipfile.ZipInfo, out: zipfile.ZipFile) -> None:
    """Copy one entry's local header and compressed bytes as they are: the part stays
    byte-identical, and a large sheet is neither inflated nor deflated again."""
    source.seek(info.header_offset)
    header = source.read(LOCAL_HEADER.size)
    fields = LOCAL_HEADER.unpack(header)
    if fields[0] != b"PK\x03\x04" or info.flag_bits & 0x08:
        # No plain local header, or sizes trail the data: let zipfile rewrite it.
        with zipfile.ZipFile(source) as package:
            out.writestr(
                _copy_info(info), package.read(info.filename), compress_type=zipfile.ZIP_DEFLATED
            )
        return
    name_length, extra_length = fields[-2], fields[-1]
    rest = source.read(name_length + extra_length + info.compress_size)
    copied = copy.copy(info)
    copied.header_offset = out.fp.tell()
    out.fp.write(header + rest)
    out.filelist.append(copied)
    out.NameToInfo[copied.filename] = copied
    out.start_dir = out.fp.tell()
    out._didModify = True
