"""Fuzz the reader and the validator with mutated xlsx packages.

    python tests/fuzz/fuzz_reader.py --seconds 600 [--seed 1] [--crashes DIR]

Each example takes a real workbook (the samples in sample_workbooks/ and small ones built
here), changes it the way damaged and hostile files differ from good ones — cell values,
cell types, cell refs, the dimension, sheet names, shared strings, styles, formulas,
elements dropped or doubled, bytes flipped in a part or in the zip, a part cut short — and
runs `roi_report.pipeline.load` (read_workbook + validate) on it.

The only acceptable failure is the tool's own `RoiReportError` (a clear message). Anything
else is a crash. So is a `RoiReportError` that hides a bug: a "damaged workbook" message
raised from an IndexError, KeyError, TypeError ... inside roi_report's own code. Every
crash is saved with its traceback in --crashes; the run exits 1 if there was one.

Examples are drawn by hypothesis (generation only, no shrinking: a crash is kept as the
file that caused it). Not collected by pytest; tests/test_fuzz_smoke.py runs a short,
seeded round of the same examples.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import sys
import tempfile
import time
import traceback
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

from workbooks import (  # noqa: E402
    GOOD_COST,
    GOOD_GOAL,
    GOOD_LEAD,
    GOOD_RESULT,
    GOOD_STAFF,
    make_workbook,
)

from roi_report.errors import RoiReportError  # noqa: E402
from roi_report.pipeline import load  # noqa: E402

SLOW_SECONDS = 10.0  # one example past this is a finding too (the bound of issue 6)

# --- seeds ------------------------------------------------------------------------------

# The tests' valid rows, with the optional cells filled and a date typed as text.
COST = {**GOOD_COST, "Social share": "40%", "Funnel stage": "Awareness"}
STAFF = {**GOOD_STAFF, "Date": "2025-07-06"}
LEAD = {
    **GOOD_LEAD,
    "Stage": "Won",
    "Social assist": "Yes",
    "Won date": date(2025, 8, 1),
    "Revenue": 5000,
}


def _generated(folder: Path) -> list[Path]:
    """Small contract workbooks: every table filled, only headers, settings changed."""
    leads = [LEAD, {**LEAD, "Lead ID": "L-2", "Stage": "MQL", "Score": 80}]
    return [
        make_workbook(
            folder / "full.xlsx",
            costs=[COST, {**COST, "Category": "Tools", "Amount": 12.5}],
            staff=[STAFF],
            goals=[GOOD_GOAL],
            results=[GOOD_RESULT],
            leads=leads,
        ),
        make_workbook(folder / "headers.xlsx"),
        make_workbook(
            folder / "settings.xlsx",
            settings={"Compare with": "Same period last year", "Language": "pl", "Currency": "PLN"},
            costs=[COST],
            leads=leads,
        ),
    ]


def load_seeds(folder: Path) -> list[dict[str, bytes]]:
    """Each seed workbook as {part name: bytes}; small generated ones first."""
    paths = _generated(folder) + sorted((ROOT / "sample_workbooks").glob("*.xlsx"))
    seeds = []
    for path in paths:
        with zipfile.ZipFile(path) as package:
            seeds.append({name: package.read(name) for name in package.namelist()})
    return seeds


# --- values a mutation writes -----------------------------------------------------------

NUMBERS = [
    "0", "-0", "1", "-1", "12.5", "1e308", "1e309", "-1e309", "nan", "inf", "-inf", "NaN",
    "1E-320", "45843", "45843.5", "2958465", "2958466", "99999999", "-693594", "60", "0x10",
    "1_000", "١٢٣", "", " ", "1,5", "TRUE", "9" * 400,
]  # fmt: skip
TEXTS = [
    "=1+1", '=HYPERLINK("http://evil.example","x")', "+1", "-1", "@SUM(A1)", "\t1", "\r1",
    "#N/A", "#DIV/0!", "#REF!", "#SPILL!", "10%", "10 %", "150%", "-5%", "0.4", "1,250.00",
    "$1", "(300)", "1 250 €", "2025-07-05", " 2025-07-05 ", "2025-02-30", "2025-13-01",
    "31/02/2025", "03/04/2025", "3-14-25", "2025/03/14", "July 20, 2025", "2025-07-05 10:30",
    "All", "all", "LinkedIn", "linkedin ", "Paid", "Organic", "Ads", "Won", "Lost", "Yes",
    "No", "Previous period", "None", "USD", "PLN", "XXX", "en", "pl", "#1F3A5F", "#zzzzzz",
    "Lead ID", "Amount", "Date", "Setting", "Value", "Client", "Period start", "Period end",
    "", "   ", "\u00a0", "a\u00a0b", "\u200b", "𝟙𝟚𝟛", "Zażółć", "x" * 33_000,
    "1" + " " * 3_000 + "x", "<script>alert(1)</script>", "&amp;", "]]>",
]  # fmt: skip
TYPES = ["s", "str", "inlineStr", "b", "e", "n", "d", "zz", "", "is"]
DATES = ["2025-07-05", "2025-07-05T10:00:00", "9999-12-31", "0001-01-01", "2025-13-45", "x"]
ERRORS = ["#N/A", "#REF!", "#DIV/0!", "#FOO", ""]
REFS = [
    "A1", "B2", "J2", "A3", "Z9", "AA1", "XFD1", "A1048576", "XFD1048576", "A1048577",
    "XFE1", "ZZZZ1", "a1", "A0", "", "1A", "AAAAAA1", "B99999999999", "A01", "$A$1", "A1:B2",
]  # fmt: skip
DIMENSIONS = ["A1:XFD1048576", "A1", "", "Z9:A1", "A1:B2:C3", "A1:XFD1", "A0:B2"]
SHEET_NAMES = [
    "Costs", "COSTS ", " costs", "Costs\u00a0", "Report", "Leads", "Channels", "Goals",
    "Results", "Staff", "", "&amp;", "x" * 300, "Sheet1", "ROI Summary", "'Costs'",
]  # fmt: skip
FORMULAS = ["SUM(A1:A3)", "1/0", "", "A1&", '"text"', "NOW()", "x" * 9000]

VALUE = st.one_of(
    st.sampled_from(NUMBERS + TEXTS),
    st.text(max_size=24),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
)

# (kind, where in the part 0..1, payload)
OPERATION = st.one_of(
    st.tuples(st.just("value"), st.floats(0, 1), VALUE),
    st.tuples(st.just("text"), st.floats(0, 1), VALUE),
    st.tuples(st.just("type"), st.floats(0, 1), st.sampled_from(TYPES)),
    st.tuples(st.just("typed"), st.floats(0, 1), st.sampled_from(["d", "b", "e"])),
    st.tuples(st.just("ref"), st.floats(0, 1), st.sampled_from(REFS)),
    st.tuples(st.just("row_ref"), st.floats(0, 1), st.sampled_from(["1", "0", "", "1048577"])),
    st.tuples(st.just("dimension"), st.floats(0, 1), st.sampled_from(DIMENSIONS)),
    st.tuples(st.just("sheet_name"), st.floats(0, 1), st.sampled_from(SHEET_NAMES)),
    st.tuples(st.just("shared"), st.floats(0, 1), VALUE),
    st.tuples(st.just("shared_index"), st.floats(0, 1), st.sampled_from(["-1", "999", "x"])),
    st.tuples(st.just("style"), st.floats(0, 1), st.sampled_from(["0", "5", "999999", "-1"])),
    st.tuples(st.just("formula"), st.floats(0, 1), st.sampled_from(FORMULAS)),
    st.tuples(st.just("drop"), st.floats(0, 1), st.sampled_from(["row", "c", "sheet", "v"])),
    st.tuples(st.just("double"), st.floats(0, 1), st.sampled_from(["row", "c", "sheet"])),
    st.tuples(st.just("unref"), st.floats(0, 1), st.sampled_from(["row", "c", "all"])),
    st.tuples(st.just("prefix"), st.floats(0, 1), st.sampled_from([b"x", b"main"])),
    st.tuples(st.just("flip"), st.floats(0, 1), st.binary(min_size=1, max_size=4)),
    st.tuples(st.just("cut"), st.floats(0, 1), st.just(b"")),
)
PLAN = st.fixed_dictionaries(
    {
        "seed": st.integers(min_value=0, max_value=63),
        "part": st.lists(st.floats(0, 1), min_size=1, max_size=6),
        "operations": st.lists(OPERATION, min_size=1, max_size=6),
        "stored": st.booleans(),
        "file": st.one_of(
            st.none(),
            st.tuples(st.sampled_from(["flip", "cut", "junk"]), st.floats(0, 1)),
        ),
    }
)


# --- mutations --------------------------------------------------------------------------

CELL = re.compile(rb"<c\b[^>]*?(?:/>|>.*?</c>)", re.DOTALL)
ROW = re.compile(rb"<row\b[^>]*?(?:/>|>.*?</row>)", re.DOTALL)
SHEET_TAG = re.compile(rb"<sheet\b[^>]*/>")
VALUE_TAG = re.compile(rb"<v>.*?</v>|<v/>", re.DOTALL)
SHARED = "xl/sharedStrings.xml"
SHARED_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def _pick(matches: list, where: float):
    return matches[min(int(where * len(matches)), len(matches) - 1)] if matches else None


def _replace(data: bytes, match: re.Match | None, new: bytes) -> bytes:
    return data if match is None else data[: match.start()] + new + data[match.end() :]


def _set_attribute(tag: bytes, name: bytes, value: bytes) -> bytes:
    head, sep, rest = tag.partition(b">")
    pattern = rb"\s" + name + rb'="[^"]*"'
    if re.search(pattern, head):
        head = re.sub(pattern, b" " + name + b'="' + value.replace(b"\\", b"\\\\") + b'"', head)
    else:
        closing = head.endswith(b"/")
        head = (head[:-1] if closing else head) + b" " + name + b'="' + value + b'"'
        head += b"/" if closing else b""
    return head + sep + rest


def _xml(text: str) -> bytes:
    return escape(text).encode("utf-8", "surrogatepass")


def _ensure_shared(parts: dict[str, bytes], strings: list[str]) -> None:
    if SHARED in parts:
        return
    items = "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
    parts[SHARED] = (
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">'
        f"{items}</sst>"
    ).encode()
    rels = "xl/_rels/workbook.xml.rels"
    if rels in parts:
        parts[rels] = parts[rels].replace(
            b"</Relationships>",
            f'<Relationship Id="rIdFuzz" Type="{SHARED_TYPE}" Target="sharedStrings.xml"/>'
            "</Relationships>".encode(),
        )


def mutate_part(parts: dict[str, bytes], name: str, operation: tuple) -> None:
    kind, where, payload = operation
    data = parts[name]
    cells = list(CELL.finditer(data)) if kind not in ("sheet_name", "flip", "cut") else []
    cell = _pick(cells, where)
    if kind in ("value", "text", "formula", "type", "typed", "ref", "style", "shared"):
        if cell is None:
            return
        tag = cell.group(0)
        if kind == "value":
            inner = b"<v>" + _xml(payload) + b"</v>"
            tag = re.sub(rb"\st=\"[^\"]*\"", b"", tag.split(b">", 1)[0].rstrip(b"/")) + b">"
            tag += inner + b"</c>"
        elif kind == "text":
            head = re.sub(rb"\st=\"[^\"]*\"", b"", tag.split(b">", 1)[0].rstrip(b"/"))
            tag = head + b' t="inlineStr"><is><t>' + _xml(payload) + b"</t></is></c>"
        elif kind == "formula":
            head = tag.split(b">", 1)[0].rstrip(b"/")
            keep_value = where < 0.5
            value = VALUE_TAG.search(tag) if keep_value else None
            tag = head + b"><f>" + _xml(payload) + b"</f>"
            tag += (value.group(0) if value else b"") + b"</c>"
        elif kind in ("type", "typed"):
            value = {"d": DATES, "b": ["0", "1", "2", "true", ""], "e": ERRORS}.get(payload)
            tag = _set_attribute(tag, b"t", payload.encode())
            if kind == "typed" and value:
                head = tag.split(b">", 1)[0].rstrip(b"/")
                tag = head + b"><v>" + _xml(_pick(value, where)) + b"</v></c>"
        elif kind == "ref":
            tag = _set_attribute(tag, b"r", payload.encode())
        elif kind == "style":
            tag = _set_attribute(tag, b"s", payload.encode())
        elif kind == "shared":
            _ensure_shared(parts, ["Launch", "LinkedIn", payload])
            head = re.sub(rb"\st=\"[^\"]*\"", b"", tag.split(b">", 1)[0].rstrip(b"/"))
            tag = head + b' t="s"><v>' + str(int(where * 3.99)).encode() + b"</v></c>"
        parts[name] = _replace(data, cell, tag)
    elif kind == "shared_index":
        _ensure_shared(parts, ["Launch"])
        if cell is not None:
            head = re.sub(rb"\st=\"[^\"]*\"", b"", cell.group(0).split(b">", 1)[0].rstrip(b"/"))
            tag = head + b' t="s"><v>' + payload.encode() + b"</v></c>"
            parts[name] = _replace(data, cell, tag)
    elif kind == "row_ref":
        row = _pick(list(ROW.finditer(data)), where)
        if row is not None:
            parts[name] = _replace(data, row, _set_attribute(row.group(0), b"r", payload.encode()))
    elif kind == "dimension":
        new = b'<dimension ref="' + payload.encode() + b'"/>'
        if b"<dimension" in data:
            parts[name] = re.sub(rb"<dimension\b[^>]*/>", new, data, count=1)
        else:
            parts[name] = data.replace(b"<sheetData", new + b"<sheetData", 1)
    elif kind == "sheet_name":
        workbook = parts.get("xl/workbook.xml", b"")
        tag = _pick(list(SHEET_TAG.finditer(workbook)), where)
        if tag is not None:
            renamed = _set_attribute(tag.group(0), b"name", _xml(payload))
            parts["xl/workbook.xml"] = _replace(workbook, tag, renamed)
    elif kind in ("drop", "double"):
        pattern = {"row": ROW, "c": CELL, "sheet": SHEET_TAG, "v": VALUE_TAG}[payload]
        target = "xl/workbook.xml" if payload == "sheet" else name
        text = parts.get(target, b"")
        found = _pick(list(pattern.finditer(text)), where)
        if found is not None:
            new = b"" if kind == "drop" else found.group(0) * 2
            parts[target] = _replace(text, found, new)
    elif kind == "unref":
        # cells and rows without r="...": placed one after another, as some writers do
        if payload == "all":
            parts[name] = re.sub(rb'(<(?:\w+:)?(?:c|row)\b[^>]*?)\sr="[^"]*"', rb"\1", data)
        else:
            found = _pick(list((CELL if payload == "c" else ROW).finditer(data)), where)
            if found is not None:
                tag = re.sub(rb'\sr="[^"]*"', b"", found.group(0), count=1)
                parts[name] = _replace(data, found, tag)
    elif kind == "prefix":
        # the worksheet's elements with a namespace prefix, as the Open XML SDK writes them
        parts[name] = re.sub(
            rb"<(/?)(worksheet|sheetData|row|c|v|f|is|t)\b", rb"<\1" + payload + rb":\2", data
        ).replace(b":worksheet xmlns=", b":worksheet xmlns:" + payload + b"=")
    elif kind == "flip":
        if data:
            at = min(int(where * len(data)), len(data) - 1)
            parts[name] = data[:at] + payload + data[at + len(payload) :]
    elif kind == "cut":
        parts[name] = data[: int(where * len(data))]


def _part_for(parts: dict[str, bytes], where: float) -> str:
    """Mostly sheets; sometimes the workbook part, shared strings, styles or relationships."""
    names = sorted(parts)
    sheets = [n for n in names if n.startswith("xl/worksheets/sheet")]
    others = [n for n in names if n.endswith((".xml", ".rels")) and n not in sheets]
    pool = sheets if where < 0.8 and sheets else others or names
    return _pick(pool, (where * 5) % 1)


def build_example(seeds: list[dict[str, bytes]], plan: dict) -> bytes:
    # Three in four examples start from a small generated workbook: they run ten times faster.
    small = len(seeds) - len(list((ROOT / "sample_workbooks").glob("*.xlsx")))
    pool = seeds[:small] if plan["seed"] < 48 and small else seeds
    parts = dict(pool[plan["seed"] % len(pool)])
    for index, operation in enumerate(plan["operations"]):
        where = plan["part"][index % len(plan["part"])]
        mutate_part(parts, _part_for(parts, where), operation)
    buffer = io.BytesIO()
    method = zipfile.ZIP_STORED if plan["stored"] else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(buffer, "w", method) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    data = buffer.getvalue()
    if plan["file"] is not None:
        kind, where = plan["file"]
        at = int(where * len(data))
        if kind == "flip":
            data = data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :] if at < len(data) else data
        elif kind == "cut":
            data = data[:at]
        else:
            data = data[:at] + b"PK\x03\x04junk" + data[at:]
    return data


# --- running ----------------------------------------------------------------------------

OUR_CODE = str(ROOT / "roi_report")
BUG_TYPES = (
    AssertionError, AttributeError, IndexError, KeyError, NameError, RecursionError,
    TypeError, UnboundLocalError, ZeroDivisionError, OverflowError,
)  # fmt: skip


def _masked_bug(error: BaseException) -> BaseException | None:
    """The bug behind a RoiReportError raised `from` an error in roi_report's own code."""
    cause = error.__cause__
    if isinstance(cause, BUG_TYPES) and cause.__traceback__ is not None:
        last = traceback.extract_tb(cause.__traceback__)[-1]
        if last.filename.startswith(OUR_CODE):
            return cause
    return None


def outcome_of(error: RoiReportError) -> str:
    """A short name for a kind of refusal: the class and the message with details blurred."""
    message = str(error.format_message() if hasattr(error, "format_message") else error)
    problems = getattr(error, "problems", None)
    message = problems[0].message if problems else message.split(": ", 1)[-1]
    message = re.sub(r"'[^']*'|\"[^\"]*\"|[-+]?\d[\d,.]*", "#", message)
    return f"{type(error).__name__}: {message[:70]}"


@dataclass
class Report:
    crash_dir: Path
    iterations: int = 0
    outcomes: Counter = field(default_factory=Counter)
    crashes: list[tuple[Path, str]] = field(default_factory=list)
    slowest: float = 0.0
    slowest_example: bytes = b""

    def crash(self, data: bytes, kind: str, error: BaseException) -> None:
        self.crash_dir.mkdir(parents=True, exist_ok=True)
        name = f"crash-{len(self.crashes):03d}-{type(error).__name__}"
        target = self.crash_dir / f"{name}.xlsx"
        target.write_bytes(data)
        text = "".join(traceback.format_exception(error))
        (self.crash_dir / f"{name}.txt").write_text(f"{kind}\n{text}", encoding="utf-8")
        self.crashes.append((target, f"{kind}: {type(error).__name__}: {error}"[:300]))
        self.outcomes[f"CRASH {kind} {type(error).__name__}"] += 1


class TimeUp(Exception):
    pass


def run_one(data: bytes, folder: Path, report: Report) -> None:
    path = folder / "fuzzed.xlsx"
    path.write_bytes(data)
    started = time.perf_counter()
    try:
        load(path)
        report.outcomes["accepted"] += 1
    except RoiReportError as error:
        bug = _masked_bug(error)
        if bug is not None:
            report.crash(data, "masked as a clear message", bug)
        else:
            report.outcomes[outcome_of(error)] += 1
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # the point of the exercise (Rust panics included)
        report.crash(data, "uncaught", error)
    elapsed = time.perf_counter() - started
    if elapsed > report.slowest:
        report.slowest, report.slowest_example = elapsed, data
    if elapsed > SLOW_SECONDS:
        report.crash(data, f"slow ({elapsed:.1f} s)", TimeoutError(f"{elapsed:.1f} s"))
    report.iterations += 1


def fuzz(
    *,
    seconds: float | None = None,
    iterations: int | None = None,
    seed: int = 0,
    crash_dir: Path | None = None,
) -> Report:
    """Run examples until `seconds` pass or `iterations` are done."""
    with tempfile.TemporaryDirectory(prefix="roi-fuzz-") as tmp:
        folder = Path(tmp)
        seeds = load_seeds(folder)
        report = Report(crash_dir or folder / "crashes")
        deadline = time.monotonic() + seconds if seconds is not None else None
        budget = iterations if iterations is not None else 10**9

        @hypothesis_seed(seed)
        @settings(
            max_examples=budget,
            deadline=None,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
            verbosity=Verbosity.quiet,
            report_multiple_bugs=False,
        )
        @given(plan=PLAN)
        def example(plan):
            if deadline is not None and time.monotonic() > deadline:
                raise TimeUp
            if report.iterations >= budget:
                raise TimeUp
            run_one(build_example(seeds, plan), folder, report)

        with contextlib.suppress(TimeUp):
            example()
        if crash_dir is None and report.crashes:
            # keep the evidence beyond the temporary folder
            keep = Path(tempfile.mkdtemp(prefix="roi-fuzz-crashes-"))
            for path, _ in report.crashes:
                for suffix in (".xlsx", ".txt"):
                    source = path.with_suffix(suffix)
                    (keep / source.name).write_bytes(source.read_bytes())
            report.crashes = [(keep / p.name, m) for p, m in report.crashes]
        return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="how long to run")
    parser.add_argument("--iterations", type=int, help="stop after this many examples")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--crashes", type=Path, help="folder for crashing inputs")
    args = parser.parse_args(argv)
    started = time.monotonic()
    report = fuzz(
        seconds=args.seconds, iterations=args.iterations, seed=args.seed, crash_dir=args.crashes
    )
    took = time.monotonic() - started
    print(f"{report.iterations:,} iterations in {took:.0f} s (slowest {report.slowest:.2f} s)")
    if args.crashes is not None and report.slowest_example:
        args.crashes.mkdir(parents=True, exist_ok=True)
        (args.crashes / "slowest.xlsx").write_bytes(report.slowest_example)
    print(f"{len(report.outcomes)} distinct outcomes:")
    for outcome, count in report.outcomes.most_common():
        print(f"  {count:6,}  {outcome}")
    if report.crashes:
        print(f"{len(report.crashes)} crash(es):")
        for path, message in report.crashes:
            print(f"  {path}: {message}")
        return 1
    print("no crashes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
