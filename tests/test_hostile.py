"""Hostile files: XML bombs, external entities, zip bombs, huge sheets, huge texts.

Each file is written here, byte by byte, and handed to `python -m roi_report check` in a
process of its own, so that its time and peak memory are that file's alone: a clear message
(exit 1, no traceback, nothing printed on stdout, nothing written, the file untouched)
within 10 s and 500 MB.
"""

from __future__ import annotations

import hashlib
import io
import json
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from openpyxl.utils import get_column_letter

from roi_report.workbook import contract as c

SECONDS = 10
MEGABYTES = 500

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
PROLOG = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

SETTINGS = [
    ("Setting", "Value"),
    ("Client", "Hostile Ltd"),
    ("Period start", "2025-07-01"),
    ("Period end", "2025-09-30"),
    ("Compare with", "None"),
    ("Currency", "USD"),
    ("Language", "en"),
]
COST = ["2025-07-05", "Ads", "LinkedIn", "Paid", "Launch", "", 1000]
SECRET = "SECRET-7f3a9c-never-shown"

# --- a workbook, part by part -----------------------------------------------------------


def cell(ref: str, value) -> str:
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'


def sheet(rows, *, doctype: str = "", extra: str = "") -> str:
    """A worksheet part: rows of values from A1, then `extra` raw XML in sheetData."""
    out = [PROLOG, doctype, f'<worksheet xmlns="{MAIN}"><sheetData>']
    for number, values in enumerate(rows, start=1):
        cells = "".join(
            cell(f"{get_column_letter(col)}{number}", value)
            for col, value in enumerate(values, start=1)
            if value != ""
        )
        out.append(f'<row r="{number}">{cells}</row>')
    out.append(f"{extra}</sheetData></worksheet>")
    return "".join(out)


def headers(table: c.Table) -> list[str]:
    return [column.header for column in table.columns]


def contract_sheets(**replaced: str) -> dict[str, str]:
    """Report and every table with its headers (Channels and Costs with a row): a valid
    workbook, some sheets replaced."""
    sheets = {
        "Report": sheet(SETTINGS),
        "Channels": sheet([["Channel", "Kind"], ["LinkedIn", "Social"]]),
        "Costs": sheet([headers(c.COSTS), COST]),
    }
    for table in c.FACT_TABLES:
        sheets.setdefault(table.sheet, sheet([headers(table)]))
    sheets.update(replaced)
    return sheets


def package_parts(
    sheets: dict[str, str],
    *,
    shared: str | None = None,
    workbook_doctype: str = "",
    sheet_names: list[str] | None = None,
) -> dict[str, bytes | str]:
    names = sheet_names or list(sheets)
    parts: dict[str, bytes | str] = {}
    types = [
        f'{PROLOG}<Types xmlns="{TYPES}">',
        f'<Default Extension="rels" ContentType="{PACKAGE_RELS[:-14]}relationships+xml"/>',
        '<Default Extension="xml" ContentType="application/xml"/>',
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/>',
    ]
    rels = [f'{PROLOG}<Relationships xmlns="{PACKAGE_RELS}">']
    entries = []
    for number, name in enumerate(names, start=1):
        parts[f"xl/worksheets/sheet{number}.xml"] = sheets.get(name) or sheet([])
        types.append(
            f'<Override PartName="/xl/worksheets/sheet{number}.xml" ContentType="{SHEET_TYPE}"/>'
        )
        rels.append(
            f'<Relationship Id="rId{number}" Type="{REL}/worksheet" '
            f'Target="worksheets/sheet{number}.xml"/>'
        )
        entries.append(f'<sheet name={quoteattr(name)} sheetId="{number}" r:id="rId{number}"/>')
    rels.append(f'<Relationship Id="rIdS" Type="{REL}/styles" Target="styles.xml"/>')
    if shared is not None:
        rels.append(
            f'<Relationship Id="rIdT" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        )
        parts["xl/sharedStrings.xml"] = shared
    parts["xl/styles.xml"] = (
        f'{PROLOG}<styleSheet xmlns="{MAIN}"><cellXfs count="2"><xf numFmtId="0"/>'
        '<xf numFmtId="14"/></cellXfs></styleSheet>'  # s="1" formats a date
    )
    parts["xl/workbook.xml"] = (
        f'{PROLOG}{workbook_doctype}<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
        + "".join(entries)
        + "</sheets></workbook>"
    )
    parts["xl/_rels/workbook.xml.rels"] = "".join(rels) + "</Relationships>"
    parts["[Content_Types].xml"] = "".join(types) + "</Types>"
    parts["_rels/.rels"] = (
        f'{PROLOG}<Relationships xmlns="{PACKAGE_RELS}"><Relationship Id="rId1" '
        f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    return parts


def zipped(parts: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return buffer.getvalue()


def workbook(**options) -> bytes:
    sheets = options.pop("sheets", None) or contract_sheets()
    return zipped(package_parts(sheets, **options))


# --- zips written by hand: sizes that tell the truth or lie -----------------------------


def repeated_deflate(head: bytes, unit: bytes, count: int, tail: bytes) -> bytes:
    """A raw deflate stream of head + unit * count + tail, made without inflating it: each
    piece is compressed on its own, ending on a full flush, so copies can be chained."""

    def piece(data: bytes, mode: int) -> bytes:
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        return compressor.compress(data) + compressor.flush(mode)

    return (
        piece(head, zlib.Z_FULL_FLUSH)
        + piece(unit, zlib.Z_FULL_FLUSH) * count
        + piece(tail, zlib.Z_FINISH)
    )


def raw_zip(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip of (name, deflated bytes, crc, declared size) entries, sizes as given."""
    body, directory = bytearray(), bytearray()
    for name, data, crc, size in entries:
        encoded = name.encode()
        offset = len(body)
        body += struct.pack(
            "<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0
        )
        body += encoded + data
        directory += struct.pack(
            "<4s6H3L5H2L",
            b"PK\x01\x02",
            20,
            20,
            0,
            8,
            0,
            0x21,
            crc,
            len(data),
            size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        directory += encoded
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(directory), len(body), 0
    )
    return bytes(body + directory + end)


def with_part(parts: dict[str, bytes | str], name: str, deflated: bytes, crc: int, size: int):
    """The package with part `name` replaced by raw deflate data and the sizes given."""
    entries = []
    for part, data in parts.items():
        if part == name:
            entries.append((name, deflated, crc, size))
            continue
        raw = data.encode() if isinstance(data, str) else data
        compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
        entries.append(
            (part, compressor.compress(raw) + compressor.flush(), zlib.crc32(raw), len(raw))
        )
    return raw_zip(entries)


def repeated_crc(head: bytes, unit: bytes, count: int, tail: bytes) -> int:
    crc = zlib.crc32(head)
    for _ in range(count):
        crc = zlib.crc32(unit, crc)
    return zlib.crc32(tail, crc)


MEGABYTE = 1024 * 1024
COSTS_HEAD, COSTS_TAIL = sheet([headers(c.COSTS)]).encode().split(b"</sheetData>")
COSTS_TAIL = b"</sheetData>" + COSTS_TAIL


def honest_bomb() -> bytes:
    """Costs inflates from 6 MB to 2 GB of cells, and the zip says so."""
    unit = b'<row r="2"><c r="A2"><v>1</v></c></row>' * (MEGABYTE // 40)
    count = 2048
    stream = repeated_deflate(COSTS_HEAD, unit, count, COSTS_TAIL)
    size = len(COSTS_HEAD) + len(unit) * count + len(COSTS_TAIL)
    crc = repeated_crc(COSTS_HEAD, unit, count, COSTS_TAIL)
    parts = package_parts(contract_sheets())
    return with_part(parts, "xl/worksheets/sheet3.xml", stream, crc, size)


def many_small_bombs() -> bytes:
    """Three hundred parts of 15 MB, each under the size where the ratio is checked, 4.4 GB
    together."""
    unit = b" " * MEGABYTE
    stream = repeated_deflate(b"<x>", unit, 15, b"</x>")
    crc, size = repeated_crc(b"<x>", unit, 15, b"</x>"), 15 * MEGABYTE + 7
    entries = [(f"xl/media/fill{n}.xml", stream, crc, size) for n in range(300)]
    parts = package_parts(contract_sheets())
    for name, data in parts.items():
        raw = data.encode() if isinstance(data, str) else data
        compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
        entries.append(
            (name, compressor.compress(raw) + compressor.flush(), zlib.crc32(raw), len(raw))
        )
    return raw_zip(entries)


def lying_bomb(part: str, unit: bytes) -> bytes:
    """A part that inflates to 3 GB while the zip says it holds 600 bytes — with the
    checksum of those 600 bytes, so a reader that stops there sees nothing wrong."""
    head = COSTS_HEAD if "worksheets" in part else f'{PROLOG}<sst xmlns="{MAIN}"><si><t>'.encode()
    tail = COSTS_TAIL if "worksheets" in part else b"</t></si></sst>"
    stream = repeated_deflate(head, unit, 3072, tail)
    declared = 600
    prefix = zlib.decompressobj(-15).decompress(stream, declared)
    parts = package_parts(contract_sheets(), shared=None if "worksheets" in part else "")
    return with_part(parts, part, stream, zlib.crc32(prefix), declared)


# --- entities ---------------------------------------------------------------------------

LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
        for n in range(1, 10)
    )
    + "]>"
)


def external(path: Path) -> str:
    return f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "{path.as_uri()}">]>'


def costs_with(text: str, doctype: str) -> str:
    return sheet(
        [headers(c.COSTS), ["2025-07-05", "Ads", "LinkedIn", "Paid", "@@", "", 1]], doctype=doctype
    ).replace("@@", text)


def report_with_client(text: str, doctype: str) -> str:
    return sheet(SETTINGS, doctype=doctype).replace("Hostile Ltd", text)


def shared_strings(text: str, doctype: str) -> str:
    return f'{PROLOG}{doctype}<sst xmlns="{MAIN}" count="1"><si><t>{text}</t></si></sst>'


def costs_citing_shared_string() -> str:
    costs = sheet([headers(c.COSTS)])
    row = (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>2025-07-05</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>Ads</t></is></c>'
        '<c r="C2" t="inlineStr"><is><t>LinkedIn</t></is></c>'
        '<c r="D2" t="inlineStr"><is><t>Paid</t></is></c>'
        '<c r="E2" t="s"><v>0</v></c><c r="G2"><v>5</v></c></row>'
    )
    return costs.replace("</sheetData>", row + "</sheetData>")


def entity_cases(secret: Path):
    xxe = external(secret)
    contract_names = list(contract_sheets())
    return {
        "billion-laughs-in-a-sheet": (
            workbook(sheets=contract_sheets(Costs=costs_with("&lol9;", LAUGHS))),
            "xl/worksheets/sheet3.xml declares a DTD",
        ),
        "billion-laughs-in-shared-strings": (
            workbook(
                sheets=contract_sheets(Costs=costs_citing_shared_string()),
                shared=shared_strings("&lol9;", LAUGHS),
            ),
            "xl/sharedStrings.xml declares a DTD",
        ),
        "billion-laughs-in-the-workbook-part": (
            workbook(workbook_doctype=LAUGHS, sheet_names=[*contract_names[:-1], "&lol9;"]),
            "xl/workbook.xml declares a DTD",
        ),
        "external-entity-in-a-sheet": (
            workbook(sheets=contract_sheets(Report=report_with_client("&xxe;", xxe))),
            "xl/worksheets/sheet1.xml declares a DTD",
        ),
        "external-entity-in-shared-strings": (
            workbook(
                sheets=contract_sheets(Costs=costs_citing_shared_string()),
                shared=shared_strings("&xxe;", xxe),
            ),
            "xl/sharedStrings.xml declares a DTD",
        ),
        "external-entity-in-the-workbook-part": (
            workbook(workbook_doctype=xxe, sheet_names=[*contract_names[:-1], "&xxe;"]),
            "xl/workbook.xml declares a DTD",
        ),
        "external-dtd-in-a-sheet": (
            workbook(
                sheets=contract_sheets(
                    Costs=costs_with("x", f'<!DOCTYPE worksheet SYSTEM "{secret.as_uri()}">')
                )
            ),
            "xl/worksheets/sheet3.xml declares a DTD",
        ),
        "dtd-after-a-long-comment": (
            workbook(
                sheets=contract_sheets(
                    Costs=costs_with("&xxe;", "<!--" + " " * 70_000 + "-->" + xxe)
                )
            ),
            "xl/worksheets/sheet3.xml starts with more than 64 KB before its first element",
        ),
        "dtd-in-utf-16": (
            zipped(
                {
                    **package_parts(contract_sheets()),
                    "xl/worksheets/sheet3.xml": costs_with("&xxe;", xxe)
                    .replace('encoding="UTF-8"', 'encoding="UTF-16"')
                    .encode("utf-16"),
                }
            ),
            "xl/worksheets/sheet3.xml declares a DTD",
        ),
        "dtd-in-a-part-the-reader-skips": (
            zipped(
                {
                    **package_parts(contract_sheets()),
                    "docProps/core.xml": f"{PROLOG}{xxe}<coreProperties>&xxe;</coreProperties>",
                }
            ),
            "docProps/core.xml declares a DTD",
        ),
    }


# --- sizes ------------------------------------------------------------------------------


def far_cells(*refs: str, dimension: str = "A1:XFD1048576") -> bytes:
    """Costs with its header row and a value in each of `refs`, and the dimension given."""
    costs = sheet([headers(c.COSTS), COST]).replace(
        "<sheetData>", f'<dimension ref="{dimension}"/><sheetData>'
    )
    extra = "".join(
        f'<row r="{ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}">{cell(ref, 1)}</row>' for ref in refs
    )
    return workbook(
        sheets=contract_sheets(Costs=costs.replace("</sheetData>", extra + "</sheetData>"))
    )


def far_cells_without_refs() -> bytes:
    """16,384 cells without an r="..." in row 1,048,576: placed one after another."""
    row = '<row r="1048576">' + "<c><v>1</v></c>" * 16_384 + "</row>"
    costs = sheet([headers(c.COSTS), COST], extra=row)
    return workbook(sheets=contract_sheets(Costs=costs))


def many_rows(count: int, columns: str) -> bytes:
    """Leads with `count` rows, each a value in every column of `columns`."""
    rows = "".join(
        f'<row r="{n}">' + "".join(f'<c r="{col}{n}"><v>{n}</v></c>' for col in columns) + "</row>"
        for n in range(2, count + 2)
    )
    leads = sheet([headers(c.LEADS)], extra=rows)
    parts = package_parts(contract_sheets(Leads=leads))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return buffer.getvalue()


def long_text(where: str) -> bytes:
    text = "X" * 10_000_000
    if where == "Client":
        return workbook(sheets=contract_sheets(Report=report_with_client(text, "")))
    return workbook(sheets=contract_sheets(Costs=costs_with(text, "")))


def date_cell(value: str) -> bytes:
    """Costs with a cell formatted as a date holding `value` (python-calamine's date
    conversion panics in Rust on -1e12)."""
    costs = sheet([headers(c.COSTS), COST]).replace(
        '<c r="A2" t="inlineStr"><is><t>2025-07-05</t></is></c>',
        f'<c r="A2" s="1"><v>{value}</v></c>',
    )
    return workbook(sheets=contract_sheets(Costs=costs))


def backtracking_amount() -> bytes:
    """An amount of "1", 5,000 spaces and "x": a pattern for numbers typed as text took
    minutes on it."""
    costs = sheet([headers(c.COSTS), [*COST[:6], "1" + " " * 5_000 + "x"]])
    return workbook(sheets=contract_sheets(Costs=costs))


def ten_thousand_sheets() -> bytes:
    names = list(contract_sheets()) + [f"Sheet{n}" for n in range(10_000)]
    return workbook(sheet_names=names)


def long_sheet_name() -> bytes:
    name = "Costs" + " " * 1_000_000
    sheets = contract_sheets()
    sheets[name] = sheets.pop("Costs")
    return workbook(sheets=sheets)


# --- running a case ---------------------------------------------------------------------

RUNNER = """
import resource, sys
peak_file = sys.argv.pop(1)
try:
    from roi_report.cli import main
    main(sys.argv[1:], prog_name="roi-report")
finally:
    # The peak resident size of this process since it started running Python: VmHWM on
    # Linux (ru_maxrss there also counts the parent's pages it was forked with).
    try:
        with open("/proc/self/status") as status:
            peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with open(peak_file, "w") as out:
        out.write(str(peak))
"""


def run_cli(tmp_path: Path, *args: str | Path) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run the CLI in a process of its own: (result, seconds, peak megabytes)."""
    peak_file = tmp_path / "peak.txt"
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, str(peak_file), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    seconds = time.perf_counter() - started
    megabytes = int(peak_file.read_text()) / 1024 if peak_file.exists() else float("inf")
    return done, seconds, megabytes


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_under(folder: Path) -> list[Path]:
    return sorted(p.relative_to(folder) for p in folder.rglob("*"))


def refused(tmp_path: Path, data: bytes, fragment: str, command: str = "check") -> str:
    """Run the CLI on `data`; check the refusal and the bounds; return stderr."""
    folder = tmp_path / "in"
    folder.mkdir()
    source = folder / "client.xlsx"
    source.write_bytes(data)
    before, listing = sha256(source), files_under(folder)
    out = tmp_path / "out"
    args = [command, source] + (["--no-pdf", "-o", out] if command == "build" else [])
    done, seconds, megabytes = run_cli(tmp_path, *args)
    print(f"{command}: {seconds:.2f} s, {megabytes:.0f} MB — {done.stderr.strip()[:160]}")
    assert done.returncode == 1, done.stderr[-3000:]
    assert "Traceback" not in done.stderr + done.stdout
    assert "panicked" not in done.stderr
    assert done.stdout == ""
    assert done.stderr.startswith("Error: "), done.stderr[:3000]
    assert fragment in done.stderr, done.stderr[:3000]
    assert len(done.stderr) < 3000  # a message, never the file's content
    assert sha256(source) == before
    assert files_under(folder) == listing
    assert not out.exists() or not any(out.iterdir())
    assert seconds < SECONDS, f"{seconds:.1f} s"
    assert megabytes < MEGABYTES, f"{megabytes:.0f} MB"
    return done.stderr


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET)
    return path


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize(
    "case",
    [
        "billion-laughs-in-a-sheet",
        "billion-laughs-in-shared-strings",
        "billion-laughs-in-the-workbook-part",
        "external-entity-in-a-sheet",
        "external-entity-in-shared-strings",
        "external-entity-in-the-workbook-part",
        "external-dtd-in-a-sheet",
        "dtd-after-a-long-comment",
        "dtd-in-utf-16",
        "dtd-in-a-part-the-reader-skips",
    ],
)
def test_entities_are_refused_and_never_read_a_file(tmp_path, secret, case, command):
    data, fragment = entity_cases(secret)[case]
    stderr = refused(tmp_path, data, fragment, command)
    assert "refused as unsafe" in stderr
    assert SECRET not in stderr


ZIP_BOMBS = {
    "declared-2-gb-part": (
        honest_bomb,
        "the part xl/worksheets/sheet3.xml would inflate",
    ),
    "three-hundred-parts-of-15-mb": (
        many_small_bombs,
        "the workbook would inflate to 4.4 GB when opened",
    ),
    "sheet-inflating-past-its-declared-size": (
        lambda: lying_bomb(
            "xl/worksheets/sheet3.xml", b'<row r="2"><c r="A2"><v>1</v></c></row>' * 26_214
        ),
        "a part of the workbook inflates to more than the size its package declares",
    ),
    "shared-strings-inflating-past-their-declared-size": (
        lambda: lying_bomb("xl/sharedStrings.xml", b"A" * MEGABYTE),
        "a part of the workbook inflates to more than the size its package declares",
    ),
}


@pytest.mark.parametrize("case", list(ZIP_BOMBS))
def test_zip_bombs_are_refused_before_they_inflate(tmp_path, case):
    make, fragment = ZIP_BOMBS[case]
    stderr = refused(tmp_path, make(), fragment)
    if case == "declared-2-gb-part":
        assert "times when opened, from " in stderr and " MB to 1.9 GB" in stderr
    assert "refused as unsafe (a 'zip bomb')" in stderr


SIZES = {
    "cells-in-a1-and-xfd1048576": (
        lambda: far_cells("XFD1048576"),
        "Costs' has cells as far as row 1,048,576 and column XFD — 17,179,869,184 cells "
        "from A1, more than the 30,000,000 the tool reads",
    ),
    "cells-placed-without-refs": (
        far_cells_without_refs,
        "Costs' has cells as far as row 1,048,576 and column XFD",
    ),
    "cell-past-the-last-column": (
        lambda: far_cells("ZZZZ1"),
        "Costs' has cells beyond row 1,048,576 or column XFD",
    ),
    "ten-thousand-sheets": (
        ten_thousand_sheets,
        "the workbook has 10,007 sheets",
    ),
    "ten-megabyte-text-in-a-cell": (
        lambda: long_text("Campaign"),
        "Costs!E2: 'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX...' is "
        "10,000,000 characters long, more than a cell holds (32,767) — shorten it",
    ),
    "ten-megabyte-client-name": (
        lambda: long_text("Client"),
        "Report!B2: Client: 'XXXXX",
    ),
    "date-out-of-range": (
        lambda: date_cell("-1e12"),
        "the workbook is damaged (the sheet 'Costs' cannot be read)",
    ),
    "amount-text-that-made-a-pattern-backtrack": (
        backtracking_amount,
        "Costs!G2: '1                                                        ...' is not an amount",
    ),
    "sheet-name-of-a-megabyte": (
        long_sheet_name,
        "a sheet name is 1,000,005 characters long; Excel allows 31",
    ),
}


@pytest.mark.parametrize("case", list(SIZES))
def test_huge_sheets_and_texts_are_refused_within_bounds(tmp_path, case):
    make, fragment = SIZES[case]
    refused(tmp_path, make(), fragment)


def test_a_dimension_claiming_the_whole_sheet_is_read_as_the_cells_it_has(tmp_path):
    """<dimension ref="A1:XFD1048576"/> over a few cells: read normally, in bounds."""
    source = tmp_path / "client.xlsx"
    source.write_bytes(far_cells())
    done, seconds, megabytes = run_cli(tmp_path, "check", source)
    print(f"check: {seconds:.2f} s, {megabytes:.0f} MB — {done.stdout.strip()[:100]}")
    assert done.returncode == 0, done.stderr
    assert "no problems found" in done.stdout
    assert seconds < SECONDS and megabytes < MEGABYTES


def test_a_ten_megabyte_text_in_a_column_the_report_ignores_is_fine(tmp_path):
    costs = sheet([[*headers(c.COSTS), "My notes"], [*COST, "", "", "N" * 10_000_000]])
    source = tmp_path / "client.xlsx"
    source.write_bytes(workbook(sheets=contract_sheets(Costs=costs)))
    done, seconds, megabytes = run_cli(
        tmp_path, "build", source, "--no-pdf", "--json", "-o", tmp_path / "out"
    )
    print(f"build: {seconds:.2f} s, {megabytes:.0f} MB")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["headline"]["investment"]["current"] == 1000
    assert seconds < SECONDS and megabytes < MEGABYTES
