"""What Excel would repair in a results package, looked for part by part; and schema checks."""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path

from lxml import etree

from roi_report.excel.package import GENERATED_MARKER
from roi_report.excel.sheets import GENERATED_SHEETS

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
SHEET_IN_FORMULA = re.compile(r"^(?:'((?:[^']|'')+)'|([^'!]+))!")


def parse(data: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(data, parser)
    assert not root.getroottree().docinfo.doctype
    return root


def _resolve(base: str, target: str) -> str:
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))


def _source_of(rels_part: str) -> str:
    folder, name = posixpath.split(rels_part)
    return posixpath.join(posixpath.dirname(folder), name[: -len(".rels")])


def workbook_layout(path: Path) -> tuple[list[tuple[str, str]], list[etree._Element]]:
    """([(sheet name, resolved part)], definedName elements) of the package's workbook."""
    with zipfile.ZipFile(path) as package:
        rels = parse(package.read("xl/_rels/workbook.xml.rels"))
        workbook = parse(package.read("xl/workbook.xml"))
    targets = {r.get("Id"): _resolve("xl/workbook.xml", r.get("Target")) for r in rels}
    sheets = [(s.get("name"), targets.get(s.get(REL_ID))) for s in workbook.iter(MAIN + "sheet")]
    return sheets, list(workbook.iter(MAIN + "definedName"))


def package_problems(path: Path) -> list[str]:
    """Everything Excel would repair or refuse that a test can see without Excel."""
    problems = []
    with zipfile.ZipFile(path) as package:
        names = [n for n in package.namelist() if not n.endswith("/")]
        lower = {n.lower() for n in names}
        parsed = {}
        for name in names:
            if name.lower().endswith((".xml", ".rels", ".vml")):
                try:
                    parsed[name] = parse(package.read(name))
                except etree.XMLSyntaxError as error:
                    problems.append(f"{name} is not well-formed: {error}")
    types = parsed.get("[Content_Types].xml")
    if types is None:
        return problems + ["no [Content_Types].xml"]
    defaults = {d.get("Extension", "").lower() for d in types.iter(TYPES + "Default")}
    overrides = [o.get("PartName", "") for o in types.iter(TYPES + "Override")]
    for override in overrides:
        if override.lstrip("/").lower() not in lower:
            problems.append(f"content type for missing part {override}")
    overridden = {o.lstrip("/").lower() for o in overrides}
    for name in names:
        if name == "[Content_Types].xml":
            continue
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if name.lower() not in overridden and extension not in defaults:
            problems.append(f"{name} has no content type")
    for name, root in parsed.items():
        if not name.endswith(".rels"):
            continue
        ids = [r.get("Id") for r in root.iter(PKG + "Relationship")]
        if len(ids) != len(set(ids)):
            problems.append(f"{name}: duplicate relationship ids")
        for rel in root.iter(PKG + "Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            part = _resolve(_source_of(name), rel.get("Target", ""))
            if part.lower() not in lower:
                problems.append(f"{name}: {rel.get('Id')} points at missing {part}")
    problems += _workbook_problems(path)
    return problems


def new_problems(result: Path, source: Path) -> list[str]:
    """The problems of the results package that its source did not have already (Gnumeric
    writes a print area of #REF! for every sheet): the ones a build made."""
    known = set(package_problems(source))
    return [problem for problem in package_problems(result) if problem not in known]


def _workbook_problems(path: Path) -> list[str]:
    problems = []
    with zipfile.ZipFile(path) as package:
        workbook = parse(package.read("xl/workbook.xml"))
        rels = parse(package.read("xl/_rels/workbook.xml.rels"))
    rel_ids = {r.get("Id") for r in rels}
    sheets = list(workbook.iter(MAIN + "sheet"))
    names = [s.get("name") for s in sheets]
    if len({n.casefold() for n in names}) != len(names):
        problems.append(f"sheet names not unique regardless of case: {names}")
    sheet_ids = [s.get("sheetId") for s in sheets]
    if len(set(sheet_ids)) != len(sheet_ids):
        problems.append(f"duplicate sheetIds {sheet_ids}")
    problems += [
        f"sheet {s.get('name')!r}: r:id does not resolve"
        for s in sheets
        if s.get(REL_ID) not in rel_ids
    ]
    scoped = set()
    marked = []
    for name in workbook.iter(MAIN + "definedName"):
        scope = name.get("localSheetId")
        key = (name.get("name").casefold(), scope)
        if key in scoped:
            problems.append(f"defined name {key} twice")
        scoped.add(key)
        if scope is None:
            continue
        if not (scope.isdigit() and int(scope) < len(sheets)):
            problems.append(
                f"defined name {name.get('name')} has localSheetId {scope} out of range"
            )
            continue
        owner = names[int(scope)]
        if name.get("name").casefold() == GENERATED_MARKER.casefold():
            marked.append(owner)
        elif name.get("name").startswith("_xlnm.Print_"):
            # A print area or title names its own sheet.
            for part in (name.text or "").split(","):
                match = SHEET_IN_FORMULA.match(part.strip())
                quoted = match and match.group(1)
                named = quoted.replace("''", "'") if quoted else match and match.group(2)
                if named != owner:
                    problems.append(f"{name.get('name')} of sheet {owner!r} refers to {part}")
    for view in workbook.iter(MAIN + "workbookView"):
        for attribute in ("activeTab", "firstSheet"):
            if int(view.get(attribute, "0")) >= len(sheets):
                problems.append(f"workbookView {attribute} out of range")
    if sorted(marked) != sorted(GENERATED_SHEETS):
        problems.append(f"generated sheets marked: {sorted(marked)}")
    return problems


# The parts a build writes; the schema checks look at those only.
WRITTEN = re.compile(
    r"/(\[Content_Types\]\.xml|xl/workbook\.xml|xl/styles\.xml|xl/worksheets/roi-sheet\d+\.xml)"
)
EMPTY_SHEET = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>'


def schema_errors(path: Path, folder: Path) -> set[tuple[str, str, str]]:
    """Schema and package errors in the parts a build writes, by (part, node path,
    description), from openxml-audit: a port of the Open XML SDK's validator, whose schema
    constraints are generated from the ECMA-376 Transitional schemas (no registry ships the
    XSDs themselves). The user's sheets are emptied first: Gnumeric writes 40 MB of them,
    which would take the validator many minutes."""
    from openxml_audit import OpenXmlValidator
    from openxml_audit.errors import ValidationErrorType

    slim = folder / f"slim-{path.name}"
    with zipfile.ZipFile(path) as package, zipfile.ZipFile(slim, "w") as out:
        for info in package.infolist():
            user_sheet = info.filename.startswith("xl/worksheets/") and not WRITTEN.match(
                "/" + info.filename
            )
            data = EMPTY_SHEET if user_sheet and info.filename.endswith(".xml") else None
            out.writestr(info, data or package.read(info.filename))
    result = OpenXmlValidator(semantic_validation=False, max_errors=100_000).validate(slim)
    return {
        (e.part_uri, e.path, e.description)
        for e in result.errors
        if e.error_type != ValidationErrorType.SEMANTIC
        and (e.error_type == ValidationErrorType.PACKAGE or WRITTEN.fullmatch(e.part_uri or ""))
    }
