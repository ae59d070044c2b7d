"""Add the generated sheets to the user's xlsx package without rewriting anything else.

Loading a workbook with openpyxl and saving it again drops shapes, newer data validation,
sparklines and slicers, and strips the cached value of every formula. So the results
workbook is the user's own package, every part copied as it is, with the generated sheets
added as new parts. Only the parts that list sheets and styles change: the content types,
the workbook part and its relationships, and the stylesheet (new formats appended, none
renumbered); the calculation chain is dropped so that spreadsheets rebuild it.
"""

from __future__ import annotations

import copy
import posixpath
import re
import struct
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr, unescape

from roi_report.cells import column_letter
from roi_report.formulas import GENERATED_SHEETS, SheetSpec

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORKSHEET_TYPE = REL_NS + "/worksheet"
CALC_CHAIN_TYPE = REL_NS + "/calcChain"
WORKSHEET_CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
EXCEL_EPOCH = date(1899, 12, 30)


class PackageError(ValueError):
    """The package is not laid out as the splice expects; the caller falls back."""


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
                    kind, text = excel_value(value)
                    t = f' t="{kind}"' if kind else ""
                    out.append(f'<c r="{ref}" s="{style}"{t}>{formula}<v>{xml_text(text)}</v></c>')
            elif isinstance(cell.value, str):
                # Inline text: a user's "=..." stays text, and no shared-string table to merge.
                out.append(
                    f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">'
                    f"{xml_text(cell.value)}</t></is></c>"
                )
            elif cell.value is not None or cell.cached is not None:
                # A constant, or a cell an array formula fills: only its cached value.
                value = cell.value if cell.value is not None else cell.cached
                kind, text = excel_value(value)
                t = f' t="{kind}"' if kind else ""
                out.append(f'<c r="{ref}" s="{style}"{t}><v>{xml_text(text)}</v></c>')
        out.append("</row>")
    out.append("</sheetData>")
    out.append(
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
        'footer="0.3"/><pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
    )
    out.append("</worksheet>")
    return "".join(out).encode("utf-8")


def _attr(tag: str, name: str) -> str | None:
    match = re.search(rf'\s{re.escape(name)}\s*=\s*(["\'])(.*?)\1', tag)
    return match.group(2) if match else None


def _section(xml: str, name: str) -> re.Match | None:
    return re.search(rf"<{name}\b[^>]*?(?:/>|>(.*?)</{name}>)", xml, re.S)


def _append_children(
    xml: str, name: str, child: str, new: list[str], before: tuple[str, ...]
) -> tuple[str, int]:
    """Append elements to a collection such as <fonts>; return the xml and the first new index."""
    match = _section(xml, name)
    if match is None:
        anchor = next((m for m in (re.search(rf"<{b}\b", xml) for b in before) if m), None)
        if anchor is None:
            raise PackageError(f"styles: no <{name}> and nowhere to put it")
        block = f'<{name} count="{len(new)}">{"".join(new)}</{name}>'
        return xml[: anchor.start()] + block + xml[anchor.start() :], 0
    inner = match.group(1) or ""
    existing = len(re.findall(rf"<{child}[\s>/]", inner))
    opening = re.match(rf"<{name}\b[^>]*?(?=/?>)", match.group(0)).group(0)
    opening = re.sub(r'\scount\s*=\s*"\d*"', "", opening)
    block = f'{opening} count="{existing + len(new)}">{inner}{"".join(new)}</{name}>'
    return xml[: match.start()] + block + xml[match.end() :], existing


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


def add_styles(styles_xml: str, styles: dict[str, CellStyle]) -> tuple[str, dict[str, int]]:
    """Append one cell format per named style; existing indexes stay valid."""
    if re.search(r"<\w+:styleSheet\b", styles_xml):
        raise PackageError("prefixed stylesheet")
    used_ids = [int(i) for i in re.findall(r'numFmtId\s*=\s*"(\d+)"', styles_xml)]
    next_id = max([163, *used_ids]) + 1
    formats, format_ids = [], {}
    for style in styles.values():
        code = style.number_format
        if code and code not in format_ids:
            format_ids[code] = next_id
            formats.append(f'<numFmt numFmtId="{next_id}" formatCode={quoteattr(code)}/>')
            next_id += 1
    fonts, fills = [], []
    for style in styles.values():
        color = f'<color rgb="FF{style.color}"/>' if style.color else '<color theme="1"/>'
        fonts.append(
            f"<font>{'<b/>' if style.bold else ''}{'<i/>' if style.italic else ''}"
            f'<sz val="{style.size}"/>{color}<name val="Calibri"/><family val="2"/>'
            "</font>"
        )
        if style.fill:
            fills.append(
                f'<fill><patternFill patternType="solid"><fgColor rgb="FF{style.fill}"/>'
                '<bgColor indexed="64"/></patternFill></fill>'
            )
    xml = styles_xml
    if formats:
        xml, _ = _append_children(xml, "numFmts", "numFmt", formats, STYLE_ORDER[1:])
    xml, first_font = _append_children(xml, "fonts", "font", fonts, STYLE_ORDER[2:])
    first_fill = 0
    if fills:
        xml, first_fill = _append_children(xml, "fills", "fill", fills, STYLE_ORDER[3:])
    xfs, fill_index = [], first_fill
    for index, style in enumerate(styles.values()):
        fill_id = 0
        if style.fill:
            fill_id, fill_index = fill_index, fill_index + 1
        number = format_ids.get(style.number_format, 0)
        align = ""
        if style.align_right or style.wrap:
            horizontal = ' horizontal="right"' if style.align_right else ""
            wrap = ' wrapText="1"' if style.wrap else ""
            align = f'<alignment{horizontal}{wrap} vertical="center"/>'
        apply_align = ' applyAlignment="1"' if align else ""
        xfs.append(
            f'<xf numFmtId="{number}" fontId="{first_font + index}" fillId="{fill_id}" '
            f'borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1"'
            f"{apply_align}>{align}</xf>"
        )
    xml, first_xf = _append_children(xml, "cellXfs", "xf", xfs, STYLE_ORDER[6:])
    return xml, {name: first_xf + i for i, name in enumerate(styles)}


def _rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _resolve(base_part: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base_part), target))


def splice(
    source: Path,
    target: Path,
    sheets: list[SheetSpec],
    styles: dict[str, CellStyle],
    cached: dict,
    tab_color: str,
) -> None:
    with zipfile.ZipFile(source) as package:
        parts = {info.filename: info for info in package.infolist()}
        # Only the small parts that list sheets and styles are read; sheets are copied as
        # they are, compressed, so a large CRM export is never inflated here.
        read = _LazyParts(package, parts)
        return _splice(source, target, sheets, styles, cached, tab_color, parts, read)


class _LazyParts(dict):
    """Part name -> bytes, read from the package on first use."""

    def __init__(self, package: zipfile.ZipFile, parts: dict):
        super().__init__()
        self.package, self.parts = package, parts

    def __missing__(self, name: str) -> bytes:
        if name not in self.parts:
            raise KeyError(name)
        self[name] = data = self.package.read(name)
        return data

    def __contains__(self, name: object) -> bool:
        return name in self.parts

    def get(self, name, default=None):
        return self[name] if name in self.parts else default


def _splice(source, target, sheets, styles, cached, tab_color, parts, read) -> None:
    root_rels = read.get("_rels/.rels", b"").decode("utf-8")
    office = next(
        (
            _attr(tag, "Target")
            for tag in re.findall(r"<Relationship\b[^>]*>", root_rels)
            if (_attr(tag, "Type") or "").endswith("/officeDocument")
        ),
        None,
    )
    if not office:
        raise PackageError("no workbook part")
    workbook_part = office.lstrip("/")
    workbook_rels_part = _rels_path(workbook_part)
    try:
        workbook = read[workbook_part].decode("utf-8")
        rels = read[workbook_rels_part].decode("utf-8")
        types = read["[Content_Types].xml"].decode("utf-8")
    except KeyError as missing:
        raise PackageError(f"missing part {missing}") from None
    rel_prefix = re.search(rf'xmlns:(\w+)="{re.escape(REL_NS)}"', workbook)
    if rel_prefix is None or re.search(r"<\w+:workbook\b", workbook):
        raise PackageError("unexpected workbook namespaces")
    r = rel_prefix.group(1)
    relationships = {_attr(tag, "Id"): tag for tag in re.findall(r"<Relationship\b[^>]*>", rels)}
    dropped: set[str] = set()

    def drop_relationship(rel_id: str) -> None:
        nonlocal rels
        tag = relationships.pop(rel_id)
        rels = rels.replace(tag, "")
        part = _resolve(workbook_part, _attr(tag, "Target"))
        dropped.update({part, _rels_path(part)})

    # A rebuild replaces the generated sheets of the earlier build.
    for tag in re.findall(r"<sheet\b[^>]*/>", workbook):
        if _attr(tag, "name") in GENERATED_SHEETS:
            drop_relationship(_attr(tag, f"{r}:id"))
            workbook = workbook.replace(tag, "")
    for rel_id, tag in list(relationships.items()):
        if _attr(tag, "Type") == CALC_CHAIN_TYPE:
            drop_relationship(rel_id)
    for part in dropped:
        types = re.sub(rf'<Override\b[^>]*PartName="/{re.escape(part)}"[^>]*/>', "", types)

    styles_part = next(
        (
            _resolve(workbook_part, _attr(tag, "Target"))
            for tag in relationships.values()
            if (_attr(tag, "Type") or "").endswith("/styles")
        ),
        None,
    )
    if styles_part is None or styles_part not in read:
        raise PackageError("no stylesheet")
    styles_xml, style_ids = add_styles(read[styles_part].decode("utf-8"), styles)

    sheet_ids = [int(i) for i in re.findall(r'<sheet\b[^>]*\ssheetId="(\d+)"', workbook)]
    next_sheet = max([0, *sheet_ids]) + 1
    rel_numbers = [int(n) for n in re.findall(r'Id="rId(\d+)"', rels)]
    next_rel = max([0, *rel_numbers]) + 1
    new_parts: dict[str, bytes] = {}
    entries, rel_entries, overrides = [], [], []
    taken = set(parts) - dropped
    for spec in sheets:
        number = 1
        while f"xl/worksheets/roi-sheet{number}.xml" in taken:
            number += 1
        part = f"xl/worksheets/roi-sheet{number}.xml"
        taken.add(part)
        new_parts[part] = sheet_xml(spec, style_ids, cached, tab_color)
        rel_id = f"rId{next_rel}"
        next_rel += 1
        target_path = posixpath.relpath(part, posixpath.dirname(workbook_part))
        rel_entries.append(
            f'<Relationship Id="{rel_id}" Type="{WORKSHEET_TYPE}" Target="{target_path}"/>'
        )
        entries.append(
            f'<sheet name={quoteattr(spec.name)} sheetId="{next_sheet}" {r}:id="{rel_id}"/>'
        )
        next_sheet += 1
        overrides.append(f'<Override PartName="/{part}" ContentType="{WORKSHEET_CONTENT}"/>')
    if "</sheets>" not in workbook:
        raise PackageError("no sheet list")
    workbook = workbook.replace("</sheets>", "".join(entries) + "</sheets>", 1)
    workbook = _full_calc_on_load(workbook)
    rels = rels.replace("</Relationships>", "".join(rel_entries) + "</Relationships>", 1)
    types = types.replace("</Types>", "".join(overrides) + "</Types>", 1)

    changed = {
        **_sheet_titles(root_rels, read, workbook, r, [spec.name for spec in sheets]),
        workbook_part: workbook.encode("utf-8"),
        workbook_rels_part: rels.encode("utf-8"),
        "[Content_Types].xml": types.encode("utf-8"),
        styles_part: styles_xml.encode("utf-8"),
    }
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out, source.open("rb") as raw:
        for name, info in parts.items():
            if name in dropped:
                continue
            if name in changed:
                out.writestr(_copy_info(info), changed[name], compress_type=zipfile.ZIP_DEFLATED)
            else:
                _copy_compressed(raw, info, out)
        for name, data in new_parts.items():
            out.writestr(name, data)


VT_TEXT = re.compile(r"<(\w+:)?lpstr>(.*?)</\1lpstr>", re.DOTALL)
VT_COUNT = re.compile(r"<(\w+:)?i4>\s*(\d+)\s*</\1i4>")


def _sheet_titles(root_rels: str, read, workbook: str, r: str, added: list[str]) -> dict:
    """docProps/app.xml with the new sheets in its list of sheet titles, as Excel keeps it.

    Excel lists each group of parts (worksheets, then named ranges) in HeadingPairs with a
    count, and every title in TitlesOfParts; its heading is translated ("Arkusze", "Hojas
    de cálculo"), so the worksheet group is the one holding the workbook's sheet names. A
    list that does not add up is left as it is: it only feeds File > Properties.
    """
    part = next(
        (
            _resolve("", _attr(tag, "Target"))
            for tag in re.findall(r"<Relationship\b[^>]*>", root_rels)
            if (_attr(tag, "Type") or "").endswith("/extended-properties")
        ),
        None,
    )
    if part is None or part not in read:
        return {}
    app = read[part].decode("utf-8")
    pairs = _section(app, "HeadingPairs")
    titles = _section(app, "TitlesOfParts")
    if pairs is None or titles is None or pairs.start() > titles.start():
        return {}  # no list of sheets to keep up to date (openpyxl writes none)
    counts = list(VT_COUNT.finditer(pairs.group(0)))
    entries = list(VT_TEXT.finditer(titles.group(0)))
    if not counts or sum(int(m.group(2)) for m in counts) != len(entries):
        return {}
    sheets = {
        _unescape(_attr(tag, "name") or "") for tag in re.findall(r"<sheet\b[^>]*/>", workbook)
    }
    start = 0
    for count_match in counts:
        group = entries[start : start + int(count_match.group(2))]
        if group and {_unescape(m.group(2)) for m in group} <= sheets | set(GENERATED_SHEETS):
            break
        start += len(group)
    else:
        return {}
    kept = [m.group(0) for m in group if _unescape(m.group(2)) not in GENERATED_SHEETS]
    prefix = group[0].group(1) or ""
    listed = kept + [f"<{prefix}lpstr>{xml_text(name)}</{prefix}lpstr>" for name in added]
    body = titles.group(0)
    body = body[: group[0].start()] + "".join(listed) + body[group[-1].end() :]
    size = len(entries) - len(group) + len(listed)
    body = re.sub(r'(<(?:\w+:)?vector\b[^>]*?\bsize=")\d+"', rf'\g<1>{size}"', body, count=1)
    heading = pairs.group(0)
    heading = heading[: count_match.start(2)] + str(len(listed)) + heading[count_match.end(2) :]
    app = (
        app[: pairs.start()]
        + heading
        + app[pairs.end() : titles.start()]
        + body
        + app[titles.end() :]
    )
    return {part: app.encode("utf-8")}


def _unescape(text: str) -> str:
    return unescape(text, {"&quot;": '"', "&apos;": "'"})


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


def _full_calc_on_load(workbook: str) -> str:
    """Ask Excel to recalculate on open; the cached values are Python's until it does."""
    calc = re.search(r"<calcPr\b[^>]*?/?>", workbook)
    if calc:
        tag = re.sub(r'\sfullCalcOnLoad="[^"]*"', "", calc.group(0))
        tag = tag.replace("<calcPr", '<calcPr fullCalcOnLoad="1"', 1)
        return workbook.replace(calc.group(0), tag, 1)
    for anchor in ("</definedNames>", "</externalReferences>", "</sheets>"):
        if anchor in workbook:
            return workbook.replace(anchor, anchor + '<calcPr fullCalcOnLoad="1"/>', 1)
    return workbook
