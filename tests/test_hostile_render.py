"""Hostile input, round 2: markup that made the reader backtrack for minutes, logos that
decode to gigabytes or expand forever, channel lists that make a PDF of hundreds of pages,
figures and dates out of any range, and text that a chart library once took for math.

Each case is run in a process of its own with the CLI, under a generous time budget where
the old code took minutes.
"""

from __future__ import annotations

import base64
import io
import json
import re
import struct
import subprocess
import sys
import zipfile
import zlib
from datetime import date, datetime
from pathlib import Path

import pytest
from PIL import Image
from test_hostile import COST, contract_sheets, headers, package_parts, sheet, zipped
from test_render import pdf_info, pdf_text
from workbooks import GOOD_COST, GOOD_GOAL, GOOD_RESULT, GOOD_STAFF, book, make_workbook, with_

from roi_report.workbook import contract as c

SECONDS = 20  # each case took minutes (or hours) before


def run(*args: str | Path, seconds: float = SECONDS) -> subprocess.CompletedProcess:
    """The CLI in a process of its own, which must end within `seconds`."""
    try:
        return subprocess.run(
            [sys.executable, "-m", "roi_report", *map(str, args)],
            capture_output=True,
            text=True,
            timeout=seconds,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"roi-report {' '.join(map(str, args))} took more than {seconds} s")


def clean_exit(done: subprocess.CompletedProcess) -> None:
    """Success, or one clear message: never a traceback."""
    assert "Traceback" not in done.stderr + done.stdout, done.stderr[-2000:]
    assert done.returncode == 0 or done.stderr.startswith("Error: "), done.stderr[-2000:]


# --- markup that made regular expressions backtrack --------------------------------------

COSTS = sheet([headers(c.COSTS), COST])
N = 100_000


def costs_ending_with(markup: str) -> bytes:
    return zipped(
        package_parts(contract_sheets(Costs=COSTS.replace("</worksheet>", markup + "</worksheet>")))
    )


def workbook_xml_with(markup: str) -> bytes:
    parts = package_parts(contract_sheets())
    workbook = parts["xl/workbook.xml"]
    parts["xl/workbook.xml"] = workbook.replace("</workbook>", markup + "</workbook>")
    return zipped(parts)


OK, DAMAGED, EITHER = "ok", "damaged", "either"
# case -> (workbook, outcome): read as it is, or refused as damaged, or either (cells the
# sheet holds before the markup breaks may be read)
MARKUP = {
    # 53 KB of these took minutes: the patterns scanned on from each '<c' for a '</c>'.
    "comment-full-of-error-cells": (
        lambda: costs_ending_with("<!--" + '<c t="e" ' * 20_000 + "-->"),
        OK,
    ),
    "comment-full-of-formula-cells": (
        lambda: costs_ending_with("<!--" + "<c ><f>" * 20_000 + "-->"),
        OK,
    ),
    # ... and these were cells 'beyond row 1,048,576' to them.
    "comment-full-of-quoted-cells": (
        lambda: costs_ending_with("<!--" + '<c t="e"><f>\'"' * 20_000 + "-->"),
        OK,
    ),
    "unclosed-elements": (lambda: costs_ending_with("<x>" * N), EITHER),
    "unclosed-cells": (
        lambda: zipped(
            package_parts(
                contract_sheets(
                    Costs=COSTS.replace("</sheetData>", '<row r="3">' + '<c t="e"><f>' * N)
                )
            )
        ),
        DAMAGED,
    ),
    "deep-nesting": (lambda: costs_ending_with("<x>" * N + "</x>" * N), OK),
    "huge-attribute": (
        lambda: zipped(
            package_parts(
                contract_sheets(
                    Costs=COSTS.replace('<c r="A2"', '<c x="' + "c" * 10**7 + '" r="A2"')
                )
            )
        ),
        OK,
    ),
    "workbook-comment-full-of-sheets": (
        lambda: workbook_xml_with("<!--" + "<sheet name='" * 20_000 + "-->"),
        OK,
    ),
    "workbook-unclosed-sheets": (lambda: workbook_xml_with("<sheet name='x'>" * N), DAMAGED),
}
# xl/workbook.xml is spliced by xlsx_package when building: `check` reads it here.
CASES = [(case, "check") for case in MARKUP] + [
    (case, "build") for case in MARKUP if not case.startswith("workbook-")
]


@pytest.mark.parametrize("case, command", CASES)
def test_pathological_markup_is_read_in_bounded_time(tmp_path, case, command):
    make, outcome = MARKUP[case]
    source = tmp_path / "client.xlsx"
    source.write_bytes(make())
    extra = ["--no-pdf", "-o", tmp_path / "out"] if command == "build" else []
    done = run(command, source, *extra)
    clean_exit(done)
    if outcome == OK:
        assert done.returncode == 0, done.stderr[-2000:]
        assert ("no problems found" if command == "check" else "wrote") in done.stdout
    elif outcome == DAMAGED:
        assert done.returncode == 1 and "the workbook is damaged" in done.stderr, done.stderr


def test_formulas_and_errors_are_still_found_after_a_comment(tmp_path):
    """The streaming reader reads what the patterns read: an error value, and a formula saved
    without its result, each named at its cell; cells in comments are no cells."""
    costs = (
        sheet([headers(c.COSTS), COST, COST])
        .replace('<c r="G2"><v>1000</v></c>', '<c r="G2" t="e"><f>1/0</f><v>#DIV/0!</v></c>')
        .replace('<c r="G3"><v>1000</v></c>', '<c r="G3"><f>SUM(1,2)</f></c>')
        .replace("</sheetData>", '<!-- <c r="G9" t="e"><v>#N/A</v></c> --></sheetData>')
    )
    source = tmp_path / "client.xlsx"
    source.write_bytes(zipped(package_parts(contract_sheets(Costs=costs))))
    done = run("check", source)
    assert done.returncode == 1, done.stdout
    assert "Costs!G2: the cell shows the error #DIV/0!" in done.stderr
    assert "Costs!G3" in done.stderr and "=SUM(1,2)" in done.stderr
    assert "G9" not in done.stderr


# --- logos ------------------------------------------------------------------------------

LOGO_CELL = "Report!B8: Logo:"  # the row after the six settings of workbooks.DEFAULT_SETTINGS


def png(width: int, height: int) -> bytes:
    """A real black-and-white PNG: 10,000 × 10,000 pixels take 12 KB and decode to 100 MB
    (WeasyPrint's RGBA copy, 400 MB)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = zlib.compress(b"\x00" * ((width + 7) // 8 + 1) * height, 9)
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


def small_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 40), "#1F3A5F").save(buffer, "PNG")
    return buffer.getvalue()


def nested_uses(levels: int = 10, fan: int = 10) -> str:
    """About 2 KB of SVG drawing fan ** levels rectangles (10 ** 10): hours to render."""
    defs = ['<rect id="l0" width="1" height="1"/>'] + [
        f'<g id="l{n}">' + f'<use href="#l{n - 1}"/>' * fan + "</g>" for n in range(1, levels + 1)
    ]
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><defs>'
        + "".join(defs)
        + f'</defs><use href="#l{levels}"/></svg>'
    )


def write_logo(folder: Path, name: str, content) -> None:
    path = folder / name
    if content is None:
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


LOGOS = {
    "nested-use-svg": (
        "logo.svg",
        nested_uses,
        "draws more than 100,000 shapes once its <use> references are expanded",
    ),
    "use-cycle-svg": (
        "logo.svg",
        lambda: '<svg xmlns="http://www.w3.org/2000/svg"><g id="a"><use href="#a"/></g></svg>',
        "has a <use> that refers to itself",
    ),
    "deeply-nested-svg": (
        "logo.svg",
        lambda: (
            '<svg xmlns="http://www.w3.org/2000/svg">' + "<g>" * 10_000 + "</g>" * 10_000 + "</svg>"
        ),
        "nests elements more than 100 deep",
    ),
    "svg-of-a-million-elements": (
        "logo.svg",
        lambda: '<svg xmlns="http://www.w3.org/2000/svg">' + "<rect/>" * 1_000_000 + "</svg>",
        "holds more than 20,000 elements",
    ),
    "svg-with-dtd": (
        "logo.svg",
        lambda: (
            '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">]>'
            '<svg xmlns="http://www.w3.org/2000/svg"><text>&a;</text></svg>'
        ),
        "declares a DTD",
    ),
    "pixel-bomb-png": (
        "logo.png",
        lambda: png(10_000, 10_000),
        "is an image of 10,000 × 10,000 pixels, more than the 25 megapixels",
    ),
    "pixel-bomb-inside-svg": (
        "logo.svg",
        lambda: (
            '<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/png;base64,'
            + base64.b64encode(png(10_000, 10_000)).decode()
            + '" width="10" height="10"/></svg>'
        ),
        "embeds a picture that is an image of 10,000 × 10,000 pixels",
    ),
    "truncated-png": (
        "logo.png",
        lambda: small_png()[:60],
        "is not an image that can be read",
    ),
    "text-named-png": ("logo.png", lambda: "not a picture\n", "is not an image that can be read"),
    "truncated-svg": ("logo.svg", lambda: nested_uses(2, 2)[:-20], "is not a well-formed SVG"),
    "folder": ("logo.png", lambda: None, "is a folder, not an image file"),
}


@pytest.mark.parametrize("case", list(LOGOS))
def test_unusable_logos_are_problems_of_the_logo_cell_at_check_time(tmp_path, case):
    name, content, fragment = LOGOS[case]
    write_logo(tmp_path, name, content())
    source = make_workbook(tmp_path / "client.xlsx", settings={"Logo": name}, costs=[GOOD_COST])
    done = run("check", source)
    assert done.returncode == 1, done.stdout
    assert f"{LOGO_CELL} '{name}' {fragment}" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    built = run("build", source, "-o", tmp_path / "out")  # hours, for the nested uses
    assert built.returncode == 1 and fragment in built.stderr, built.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_missing_logo_is_still_said_to_be_missing(tmp_path):
    source = make_workbook(tmp_path / "client.xlsx", settings={"Logo": "logo.png"})
    done = run("check", source)
    assert f"{LOGO_CELL} 'logo.png' does not exist in the workbook's folder" in done.stderr


def test_a_brand_files_logo_is_checked_too(tmp_path):
    (tmp_path / "agency.svg").write_text(nested_uses(), encoding="utf-8")
    brand = tmp_path / "brand.toml"
    brand.write_text('agency_logo = "agency.svg"\n', encoding="utf-8")
    source = book(tmp_path / "client.xlsx")
    done = run("build", source, "--brand", brand, "-o", tmp_path / "out")
    assert done.returncode == 1
    assert "key 'agency_logo': 'agency.svg' draws more than 100,000 shapes" in done.stderr


def test_usable_logos_are_drawn(tmp_path):
    (tmp_path / "logo.png").write_bytes(small_png())
    (tmp_path / "agency.svg").write_text(nested_uses(3, 4), encoding="utf-8")  # 85 shapes
    brand = tmp_path / "brand.toml"
    brand.write_text('agency_logo = "agency.svg"\nprepared_by = "Agency"\n', encoding="utf-8")
    source = make_workbook(tmp_path / "client.xlsx", settings={"Logo": "logo.png"})
    assert run("check", source).returncode == 0
    done = run("build", source, "--brand", brand, "-o", tmp_path / "out", seconds=120)
    assert done.returncode == 0, done.stderr
    listing = subprocess.run(
        ["pdfimages", "-list", str(tmp_path / "out" / "client-roi.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert " 120    40 " in listing  # the client's PNG, at its own size


# --- figures and dates in range ---------------------------------------------------------


def finite_json(text: str) -> dict:
    def refuse(constant):
        raise AssertionError(f"{constant} in the JSON")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize(
    "tables, fragment",
    [
        ({"costs": [with_(GOOD_COST, Amount=1e26)]}, "Costs!G2: 1e+26 is larger than any real"),
        ({"results": [with_(GOOD_RESULT, Count=1e15)]}, "Results!F2: 1e+15 is larger than any"),
        (
            {"staff": [with_(GOOD_STAFF, Hours=5e15)]},
            "Staff!G2: 5e+15 is larger than any real figure",
        ),
    ],
)
def test_magnitudes_no_business_has_are_refused_at_their_cell(tmp_path, tables, fragment):
    source = book(tmp_path / "client.xlsx", **tables)
    done = run("check", source)
    assert done.returncode == 1 and fragment in done.stderr, done.stderr
    built = run("build", source, "--json", "-o", tmp_path / "out", seconds=120)
    assert built.returncode == 1 and built.stdout == "", built.stdout[:500]
    assert fragment in built.stderr


def test_the_largest_figures_allowed_give_a_finite_report(tmp_path):
    """Values per result and counts just under the cap multiply to 1e31: every figure stays
    finite in the JSON and the workbook, and the PDF prints it (1e28 broke it)."""
    goal = with_(GOOD_GOAL, Value_per_result=9e14)
    results = [with_(GOOD_RESULT, Count=9e14)] * 20
    source = book(tmp_path / "client.xlsx", goals=[goal], results=results)
    done = run("build", source, "--json", "-o", tmp_path / "out", seconds=120)
    assert done.returncode == 0, done.stderr[-2000:]
    figures = finite_json(done.stdout)
    assert figures["headline"]["return"]["current"] == pytest.approx(20 * 9e14 * 9e14)
    text = pdf_text(tmp_path / "out" / "client-roi.pdf")
    assert re.search(r"\$16,\d{3}(,\d{3}){9}\.\d\d", text), text[:3000]  # all 32 digits
    with zipfile.ZipFile(tmp_path / "out" / "client-roi.xlsx") as results:
        values = [
            value.lower()
            for name in results.namelist()
            if name.startswith("xl/worksheets/")
            for value in re.findall(rb"<v>([^<]*)</v>", results.read(name))
        ]
    assert values and not {b"inf", b"-inf", b"nan", b"infinity"} & set(values)


@pytest.mark.parametrize(
    "settings, fragment",
    [
        (
            {"Period end": date(9999, 12, 31)},
            "Report!B5: Compare with: the previous period of 2025-07-01..9999-12-31 would "
            "start before the year 1",
        ),
        (
            {"Period start": date(1900, 1, 1), "Period end": date(1900, 3, 31)},
            "Report!B5: Compare with: the previous period of 1900-01-01..1900-03-31 would "
            "start on 1899-10-01 — a spreadsheet holds dates from 1900-01-01 on",
        ),
        (
            {
                "Period start": date(1900, 2, 1),
                "Period end": date(1900, 2, 28),
                "Compare with": "Same period last year",
            },
            "would start on 1899-02-01",
        ),
        ({"Period start": "0001-01-01"}, "Report!B3: Period start: '0001-01-01' is not a real"),
    ],
)
def test_dates_stay_in_the_spreadsheet_range(tmp_path, settings, fragment):
    source = make_workbook(tmp_path / "client.xlsx", settings=settings, costs=[GOOD_COST])
    done = run("check", source)
    assert done.returncode == 1, done.stdout
    assert fragment in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_a_period_ending_on_the_last_day_a_spreadsheet_has_builds(tmp_path):
    settings = {"Period start": date(9999, 10, 1), "Period end": date(9999, 12, 31)}
    cost = with_(GOOD_COST, Date=date(9999, 11, 5))
    source = make_workbook(tmp_path / "client.xlsx", settings=settings, costs=[cost])
    done = run("build", source, "--json", "-o", tmp_path / "out", seconds=120)
    assert done.returncode == 0, done.stderr[-2000:]
    figures = finite_json(done.stdout)
    assert figures["periods"]["compare_start"] == "9999-07-01"
    assert figures["headline"]["investment"]["current"] == 1000


def test_dates_outside_the_range_are_refused_as_values():
    from roi_report.workbook.values import BadValue, to_date

    for day in (date(1, 1, 1), datetime(1899, 12, 31, 0, 0)):
        with pytest.raises(BadValue, match="outside the dates a spreadsheet holds"):
            to_date(day)
    assert to_date(date(1900, 1, 1)) == date(1900, 1, 1)


# --- text stays text --------------------------------------------------------------------

DOLLAR_CHANNELS = ["Linked$\\foo$In", "US$ and CA$ ads"]


def test_dollar_signs_in_names_are_drawn_as_text_not_math(tmp_path):
    channels = [(name, "Social") for name in DOLLAR_CHANNELS] + [("Email", "Other")]
    costs = [with_(GOOD_COST, Channel=name, Campaign=name) for name in DOLLAR_CHANNELS]
    results = [with_(GOOD_RESULT, Channel=name, Campaign=name) for name in DOLLAR_CHANNELS]
    source = make_workbook(
        tmp_path / "client.xlsx", channels=channels, costs=costs, results=results, goals=[GOOD_GOAL]
    )
    done = run("build", source, "-o", tmp_path / "out", seconds=120)
    assert done.returncode == 0, done.stderr[-2000:]  # Linked$\foo$In crashed the old charts
    text = pdf_text(tmp_path / "out" / "client-roi.pdf")
    for name in DOLLAR_CHANNELS:
        assert name in text


@pytest.mark.parametrize("label", ["US$ and CA$ ads", "Linked$\\foo$In", "$x^2$", "<b>&amp;</b>"])
def test_chart_labels_draw_every_character(label):
    """A label is printed as the text it is (HTML text, escaped): as math, "US$ and CA$
    ads" lost its dollars and spaces."""
    import html

    from roi_report.pdf.charts import ChartStyle, bar_chart
    from roi_report.pdf.render import template_environment

    style = ChartStyle("#1F3A5F", "#E07A1F", "Inter", "en", "USD")
    chart = bar_chart(labels=[label], values=[1.0], value_labels=["1"], style=style)
    page = '{% from "partials/macros.html" import chart %}{{ chart(c) }}'
    markup = template_environment().from_string(page).render(c=chart)
    texts = re.findall(r'<(?:div|span) class="(?:bar-label|value)"[^>]*>([^<]*)<', markup)
    assert sorted(html.unescape(t) for t in texts) == sorted([label, "1"])


@pytest.mark.parametrize("value", ["#1F3A5F\n", "#1F3A5F\nX", "#1F3A5FFF", "#12"])
def test_a_colour_must_be_the_whole_value(tmp_path, value):
    source = make_workbook(tmp_path / "client.xlsx", settings={"Primary color": value})
    done = run("check", source)
    assert done.returncode == 1, done.stdout
    assert "Report!B8: Primary color: " in done.stderr and "is not a colour" in done.stderr


def test_a_short_colour_is_the_long_one(tmp_path):
    from roi_report.pdf.brand import BrandError, check_color

    assert check_color("#abc", "here") == "#AABBCC"
    with pytest.raises(BrandError, match="here: '#1F3A5F\\\\n' is not a colour"):
        check_color("#1F3A5F\n", "here")
    source = make_workbook(tmp_path / "client.xlsx", settings={"Primary color": "#abc"})
    done = run("build", source, "--no-pdf", "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(tmp_path / "out" / "client-roi.xlsx") as results:
        styles = results.read("xl/styles.xml").decode()
    assert 'rgb="FFAABBCC"' in styles or 'rgb="AABBCC"' in styles
    assert "\n" not in re.findall(r'rgb="([^"]*)"', styles)[0]


# --- long lists -------------------------------------------------------------------------


def test_the_pdf_lists_the_largest_channels_and_sums_the_others(tmp_path):
    """300 channels and campaigns: 25 of each listed by name, the other 275 summed in one
    row, and a sentence says so (2,000 channels made 271 pages)."""
    count = 300
    names = [f"Channel {n:03d}" for n in range(count)]
    channels = [(name, "Social") for name in names] + [("Email", "Other")]
    costs = [
        with_(GOOD_COST, Channel=name, Campaign=f"Campaign {n:03d}", Amount=100 + n)
        for n, name in enumerate(names)
    ]
    source = make_workbook(tmp_path / "client.xlsx", channels=channels, costs=costs)
    done = run("build", source, "-o", tmp_path / "out", seconds=180)
    assert done.returncode == 0, done.stderr[-2000:]
    pdf = tmp_path / "out" / "client-roi.pdf"
    assert int(pdf_info(pdf)["Pages"]) <= 12
    text = " ".join(pdf_text(pdf).split())
    others = sum(100 + n for n in range(count - 25))  # the 275 smallest
    assert f"Others (275) ${others:,}.00" in text
    assert "The 25 largest by investment are listed one by one and the other 275" in text
    assert "Channel 299" in text and "Campaign 275" in text  # the largest are listed
    assert "Channel 274 " not in text and "Campaign 000" not in text
