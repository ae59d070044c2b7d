"""The PDF report: real workbooks rendered to real PDFs, read back with poppler's tools."""

from __future__ import annotations

import contextlib
import dataclasses
import random
import re
import shutil
import subprocess
import zlib
from datetime import date, timedelta
from pathlib import Path

import pytest
from report_words import said
from workbooks import make_workbook

from roi_report.errors import WorkbookInvalid
from roi_report.language import use_language
from roi_report.metrics.compute import compute
from roi_report.pdf.brand import Brand, BrandError, resolve_brand
from roi_report.pdf.context import build_context
from roi_report.pdf.fitting import fit_running_title
from roi_report.pdf.formatting import (
    format_change,
    format_count,
    format_money,
    format_pct,
    quote,
)
from roi_report.pdf.render import RenderError, render_pdf, templates_dir
from roi_report.pdf.sections.methods import warning_texts
from roi_report.pipeline import load

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext, pdfinfo) is not installed"
)

HOSTILE = '<img src="file:///etc/passwd">'
SOCIAL = ("LinkedIn", "Instagram", "Facebook")
OTHER = ("Email", "Google Ads")
CAMPAIGNS = ("Spring launch", "Always on", "Webinar series", HOSTILE)


def _days(start: date, end: date, rng: random.Random) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def rich_workbook(
    path: Path, *, language="en", currency="USD", settings=None, seed=7, leads=160
) -> Path:
    """A realistic two-quarter workbook (Q2 and Q3 2025): every section has data."""
    rng = random.Random(seed)
    q2, q3 = (date(2025, 4, 1), date(2025, 6, 30)), (date(2025, 7, 1), date(2025, 9, 30))
    costs, staff, results, lead_rows = [], [], [], []
    for quarter, scale in ((q2, 0.8), (q3, 1.0)):
        for channel in SOCIAL:
            for category, kind, amount, stage in (
                ("Ads", "Paid", 9000, "Decision"),
                ("Content", "Organic", 3000, "Awareness"),
                ("Agency", "Paid", 2500, None),
                ("Materials", "Organic", 700, "Consideration"),
            ):
                costs.append(
                    {
                        "Date": _days(*quarter, rng),
                        "Category": category,
                        "Channel": channel,
                        "Type": kind,
                        "Campaign": rng.choice(CAMPAIGNS),
                        "Amount": round(amount * scale * rng.uniform(0.6, 1.4), 2),
                        "Funnel stage": stage,
                    }
                )
            staff.append(
                {
                    "Date": _days(*quarter, rng),
                    "Person": "Ana",
                    "Channel": channel,
                    "Type": "Organic",
                    "Campaign": "Always on",
                    "Hourly rate": 45,
                    "Hours": rng.randrange(20, 60),
                }
            )
        costs.append(
            {
                "Date": quarter[0],
                "Category": "Tools",
                "Channel": "All",
                "Type": "Organic",
                "Campaign": "",
                "Amount": 1200,
                "Social share": 0.5,
            }
        )
        for channel in OTHER:
            costs.append(
                {
                    "Date": _days(*quarter, rng),
                    "Category": "Ads",
                    "Channel": channel,
                    "Type": "Paid",
                    "Campaign": "",
                    "Amount": 6000 * scale,
                }
            )
        for channel in SOCIAL:
            for metric, low, high in (
                ("Email subscribers", 300, 1500),
                ("Demo requests", 5, 40),
                ("Followers", 200, 900),
            ):
                results.append(
                    {
                        "Date": _days(*quarter, rng),
                        "Channel": channel,
                        "Type": rng.choice(("Organic", "Paid")),
                        "Campaign": rng.choice(CAMPAIGNS),
                        "Metric": metric,
                        "Count": round(rng.randrange(low, high) * scale),
                    }
                )
    goals = [
        {
            "Goal": "Grow the list",
            "Metric": "Email subscribers",
            "Channel": "All",
            "Target": 6000,
            "Target cost per result": 12,
            "Conversion to customer": 0.1,
            "Value per customer": 150,
            "Deadline": date(2025, 12, 31),
        },
        {
            "Goal": "Book demos",
            "Metric": "Demo requests",
            "Channel": "LinkedIn",
            "Target": 40,
            "Target cost per result": 900,
            "Value per result": 1200,
        },
        {"Goal": "Audience", "Metric": "Followers", "Channel": "All", "Target": 1500},
    ]
    stages = ("Lead", "Lead", "MQL", "MQL", "SQL", "Opportunity", "Won", "Lost")
    for i in range(leads):
        quarter = q3 if i % 5 else q2
        created = _days(*quarter, rng)
        stage = rng.choice(stages)
        source = rng.choice(SOCIAL + OTHER)
        won = stage == "Won"
        lead_rows.append(
            {
                "Lead ID": f"L{i:04d}",
                "Created": created,
                "Source": source,
                "Score": rng.choice((None, *range(5, 100, 7))) if i % 9 else None,
                "Stage": stage,
                "Social assist": rng.choice(("Yes", "No")),
                "Converted via": rng.choice(SOCIAL + OTHER),
                "Won date": min(created + timedelta(days=20), q3[1]) if won else None,
                "Revenue": rng.randrange(4000, 30000) if won else None,
            }
        )
    base = {
        "Client": "Acme Analytics",
        "Period start": q3[0],
        "Period end": q3[1],
        "Compare with": "Previous period",
        "Currency": currency,
        "Language": language,
        "Prepared by": "Northwind Agency",
    }
    return make_workbook(
        path,
        settings={**base, **(settings or {})},
        channels=[(c, "Social") for c in SOCIAL] + [(c, "Other") for c in OTHER],
        costs=costs,
        staff=staff,
        goals=goals,
        results=results,
        leads=lead_rows,
    )


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def flat(text: str) -> str:
    """Text with every run of white space as one space.

    pdftotext prints the no-break spaces of the locales (U+00A0, U+202F) as plain spaces and
    breaks lines where the layout does; the PDF itself maps those glyphs to the real
    characters (see test_pdf_maps_no_break_spaces_to_their_characters).
    """
    return " ".join(text.split())


def unicode_map(path: Path) -> set[int]:
    """Every code point the PDF's ToUnicode maps give its glyphs."""
    points = set()
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", path.read_bytes(), re.S):
        try:
            data = zlib.decompress(stream)
        except zlib.error:
            continue
        if b"begincmap" in data:
            points.update(
                int(h, 16) for h in re.findall(rb"<[0-9a-fA-F]+> <([0-9a-fA-F]{4})>", data)
            )
    return points


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(
        ["pdfinfo", "-enc", "UTF-8", str(path)], check=True, capture_output=True, text=True
    ).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def render(tmp_path: Path, name="report", charts=False, **workbook_options):
    source = rich_workbook(tmp_path / f"{name}.xlsx", **workbook_options)
    book = load(source)
    metrics = compute(book)
    out = render_pdf(
        metrics,
        book,
        tmp_path / f"{name}.pdf",
        workbook_dir=tmp_path,
        warnings=book.warnings,
        charts=charts,
    )
    return out, metrics, book


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """One report per language, charts included, rendered once for the module."""
    folder = tmp_path_factory.mktemp("reports")
    reports = {}
    for language, currency in (("en", "USD"), ("es", "EUR"), ("fr", "EUR"), ("pl", "PLN")):
        out, metrics, book = render(
            folder, name=f"sample-{language}", charts=True, language=language, currency=currency
        )
        reports[language] = (out, metrics, book, flat(pdf_text(out)))
    return reports


LANGUAGES = ("en", "es", "fr", "pl")
# The chapters' headings, which the PDF's bookmarks list too.
CHAPTERS = (
    "Executive summary",
    "Investment",
    "ROI by channel",
    "Goals against targets",
    "Cost per lead",
    "Lead bands",
    "New business",
    "Methods and assumptions",
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_headline_figures_are_the_metrics_formatted_in_the_locale(rendered, language):
    out, metrics, book, text = rendered[language]
    currency, h = book.settings.currency, metrics.headline
    expected = [
        format_money(h.investment.current, currency, language),
        format_money(h.return_.current, currency, language),
        format_pct(h.roi_pct.current, language),
        format_money(h.cost_per_lead.current, currency, language),
        format_money(h.won_revenue.current, currency, language),
        format_count(h.social_leads.current, language),
        format_change(h.roi_pct.change, language, points=True),
    ]
    for figure in expected:
        assert flat(figure) in text, f"{figure!r} not in the {language} PDF"
    for channel in metrics.channels:
        if channel.kind == "Social":
            assert flat(format_money(channel.investment, currency, language)) in text


def test_formatters_use_the_locale_formats():
    assert format_money(180000, "PLN", "pl") == "180\u00a0000,00\u00a0zł"
    assert format_money(1250, "EUR", "es") == "1.250,00\u00a0€"
    assert format_money(1250, "EUR", "fr") == "1\u202f250,00\u00a0€"
    assert format_money(180000, "USD", "en") == "$180,000.00"
    assert format_money(None, "USD", "en") == "n/a"
    assert format_money(-0.0, "USD", "en") == "$0.00"
    assert format_pct(176.92307, "fr") == "176,9\u00a0%"
    assert format_pct(176.92307, "es") == "176,9\u00a0%"
    assert format_pct(176.92307, "pl") == "176,9%"
    assert format_pct(125, "en") == "125.0%"
    assert format_pct(None, "pl") == "b.d."
    assert format_change(54.06, "en", points=True) == "+54.1\u00a0pp"
    assert format_change(-12.34, "fr") == "-12,3\u00a0%"
    assert format_change(0.04, "en") == "0.0%"
    assert format_count(1234.5, "pl") == "1\u00a0234,5"


def test_number_formats_follow_the_locale(rendered):
    assert re.search(r"\$\d{1,3}(,\d{3})*\.\d\d", rendered["en"][3])
    assert re.search(r"\d{1,3}(\.\d{3})+,\d\d €", rendered["es"][3])
    assert re.search(r"\d{1,3}( \d{3})+,\d\d €", rendered["fr"][3])
    assert re.search(r"\d+,\d %", rendered["fr"][3])
    assert re.search(r"\d{1,3}( \d{3})+,\d\d zł", rendered["pl"][3])
    assert not re.search(r"\d,\d{3}\.\d\d", rendered["pl"][3])  # no English numbers


def test_pdf_maps_no_break_spaces_to_their_characters(rendered):
    """The locales' no-break spaces are real U+00A0 / U+202F in the PDF's text layer."""
    assert {0x00A0, 0x202F} <= unicode_map(rendered["fr"][0])
    assert 0x00A0 in unicode_map(rendered["pl"][0])


@pytest.mark.parametrize("language", LANGUAGES)
def test_headings_are_in_the_report_language(rendered, language):
    text = rendered[language][3]
    for heading in (*CHAPTERS, "Key findings", "ROI by campaign", "Funnel", "Formulas"):
        assert flat(said(language, heading)) in text, f"{language} heading {heading!r} missing"
    assert flat(said(language, "Goal assumptions")) in text
    assert flat(said(language, "Data warnings")) in text
    assert flat(said(language, "Social media ROI report")) in text
    others = [said(other, "Executive summary") for other in LANGUAGES if other != language]
    assert not any(heading in text for heading in others)


@pytest.mark.parametrize("language", LANGUAGES)
def test_page_count_and_metadata(rendered, language):
    out, metrics, book, _ = rendered[language]
    info = pdf_info(out)
    assert 7 <= int(info["Pages"]) <= 16  # short chapters share pages (report.css)
    assert "Acme Analytics" in info["Title"]
    assert info["Author"] == "Northwind Agency"
    assert "Acme Analytics" in info["Subject"]
    assert "2025" in info["Subject"]
    assert info["Tagged"] == "yes"
    size = "612 x 792" if language == "en" else "595.276 x 841.89"
    assert info["Page size"].startswith(size)


def pdf_bytes(path: Path) -> bytes:
    """The PDF's bytes with every deflated stream (object streams too) inflated."""
    raw = path.read_bytes()
    parts = [raw]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", raw, re.S):
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompress(stream))
    return b"\n".join(parts)


def outline(path: Path) -> str:
    """The bookmarks as pdftohtml's XML <outline> tree."""
    xml = subprocess.run(
        ["pdftohtml", "-xml", "-i", "-q", "-stdout", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return xml[xml.index("<outline>") :] if "<outline>" in xml else ""


def test_page_footer_running_header_bookmarks_and_language(rendered):
    out, _, _, text = rendered["pl"]
    pages = int(pdf_info(out)["Pages"])
    assert f"Strona 2 z {pages}" in text
    assert f"Strona {pages} z {pages}" in text
    assert "Acme Analytics · lipiec–wrzesień 2025" in text  # running header
    tree = outline(out)
    for heading in CHAPTERS:
        assert f">{said('pl', heading)}</item>" in tree, heading
    assert tree.count("<outline>") > 1  # h2 sections nest under their h1
    assert b"/Lang (pl)" in pdf_bytes(out)
    assert b"/MarkInfo" in pdf_bytes(out)


def test_findings_are_sentences_from_the_numbers(rendered):
    _, metrics, book, text = rendered["en"]
    context = build_context(metrics, book, charts=False)
    findings = context.summary.findings
    assert 3 <= len(findings) <= 5
    for finding in findings:
        assert flat(finding) in text


def test_hostile_campaign_name_is_printed_as_text(rendered):
    assert HOSTILE in rendered["en"][3]


def test_charts_are_text_and_boxes_not_images(rendered):
    out, metrics, _, text = rendered["en"]
    listing = subprocess.run(
        ["pdfimages", "-list", str(out)], capture_output=True, text=True
    ).stdout
    assert len(listing.strip().splitlines()) <= 2 + 1  # header lines, at most the logo
    # Legends, compact value labels and axis ticks are the PDF's own text.
    for words in ("Comparison period This period", "Target", "Investment Return"):
        assert words in text, words
    h = metrics.headline
    assert format_compact(h.investment.current) in text
    assert format_compact(h.return_.current) in text


def format_compact(value: float) -> str:
    from babel.numbers import format_compact_currency

    return format_compact_currency(value, "USD", locale="en_US", fraction_digits=1)


def test_template_dir_overrides_one_template_and_the_stylesheet(tmp_path):
    custom = tmp_path / "custom"
    (custom / "partials").mkdir(parents=True)
    (custom / "partials" / "new_business.html").write_text(
        '<section class="chapter"><h1>Custom new business page</h1></section>'
    )
    css = (templates_dir() / "report.css").read_text()
    (custom / "report.css").write_text(css.replace("size: {{ style.page_size }};", "size: A5;"))
    source = rich_workbook(tmp_path / "book.xlsx")
    book = load(source)
    out = render_pdf(
        compute(book),
        book,
        tmp_path / "out.pdf",
        workbook_dir=tmp_path,
        template_dir=custom,
        charts=False,
    )
    text = pdf_text(out)
    assert "Custom new business page" in text
    assert said("en", "Executive summary") in text  # other templates come from the package
    assert pdf_info(out)["Page size"].startswith("419.528 x 595.276")


def test_broken_template_is_a_clear_error(tmp_path):
    custom = tmp_path / "custom"
    custom.mkdir()
    (custom / "report.html").write_text("{% for x in %}")
    source = rich_workbook(tmp_path / "book.xlsx")
    book = load(source)
    with pytest.raises(RenderError, match="report.html, line 1"):
        render_pdf(
            compute(book),
            book,
            tmp_path / "out.pdf",
            workbook_dir=tmp_path,
            template_dir=custom,
            charts=False,
        )
    assert not (tmp_path / "out.pdf").exists()
    assert not list(tmp_path.glob(".out*"))


def test_pdf_is_written_atomically_and_replaces_an_old_one(tmp_path):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")
    source = rich_workbook(tmp_path / "book.xlsx")
    book = load(source)
    render_pdf(compute(book), book, target, workbook_dir=tmp_path, charts=False)
    assert target.read_bytes().startswith(b"%PDF-1.7")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_logo_from_the_report_sheet_is_drawn(tmp_path):
    logo = (templates_dir() / "logo-default.svg").read_text().replace("#1F3A5F", "#123456")
    (tmp_path / "brand").mkdir()
    (tmp_path / "brand" / "client.svg").write_text(logo)
    out, _, book = render(tmp_path, settings={"Logo": "brand/client.svg"})
    assert (
        resolve_brand(book.settings, tmp_path).logo == (tmp_path / "brand" / "client.svg").resolve()
    )
    assert out.stat().st_size > 0


@pytest.mark.parametrize(
    "logo, message",
    [
        ("../outside.png", "outside"),
        ("/etc/passwd", "outside"),
        ("http://example.com/logo.png", "URL"),
        ("https://example.com/logo.svg", "URL"),
        ("file:///etc/passwd", "URL"),
    ],
)
def test_logo_outside_the_folder_or_a_url_is_refused(tmp_path, logo, message):
    folder = tmp_path / "work"
    folder.mkdir()
    (tmp_path / "outside.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    source = rich_workbook(folder / "book.xlsx", settings={"Logo": logo})
    with pytest.raises(WorkbookInvalid, match=message) as refused:  # `check` says it first
        load(source)
    assert "Report!B" in str(refused.value.message)
    # The renderer checks the logo again, whatever hands it the settings.
    book = load(rich_workbook(folder / "plain.xlsx"))
    book = dataclasses.replace(book, settings=dataclasses.replace(book.settings, logo=logo))
    with pytest.raises(BrandError, match=message) as error:
        render_pdf(compute(book), book, folder / "out.pdf", workbook_dir=folder, charts=False)
    assert "Report sheet's setting 'Logo'" in str(error.value.message)
    assert not (folder / "out.pdf").exists()


def test_sections_without_data_say_so_in_one_line(tmp_path):
    source = make_workbook(tmp_path / "empty.xlsx", settings={"Language": "fr", "Currency": "EUR"})
    book = load(source)
    out = render_pdf(
        compute(book), book, tmp_path / "empty.pdf", workbook_dir=tmp_path, charts=True
    )
    text = flat(pdf_text(out))
    for sentence in (
        "No costs or staff time were recorded for social media in this period.",
        "No social channel has investment or results in this period.",
        "No campaign has investment or results in this period.",
        "The Goals sheet sets no goals.",
        "No social leads were created in this period.",
        "No leads entered the funnel in this period.",
        "No deals were won in this period.",
    ):
        assert flat(said("fr", sentence)) in text, sentence
    assert int(pdf_info(out)["Pages"]) <= 11


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff"
    b"\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_fetcher_serves_data_urls_template_files_and_named_logos_only(tmp_path):
    from roi_report.pdf.fetcher import FetchRefused, ReportURLFetcher

    templates = tmp_path / "templates"
    (templates / "fonts").mkdir(parents=True)
    (templates / "fonts" / "a.ttf").write_bytes(b"\x00\x01\x00\x00font")
    (templates / "leak.css").symlink_to("/etc/passwd")
    logo, other = tmp_path / "logo.png", tmp_path / "other.png"
    logo.write_bytes(PNG)
    other.write_bytes(PNG)
    fetcher = ReportURLFetcher([templates], [logo])

    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"
    font = fetcher.fetch((templates / "fonts" / "a.ttf").as_uri())
    assert font.read() == b"\x00\x01\x00\x00font"
    assert font.content_type == "font/ttf"
    assert fetcher.fetch(logo.as_uri()).content_type == "image/png"
    refused = [
        other.as_uri(),  # a file beside the logo, not named
        "file:///etc/passwd",
        (templates / "leak.css").as_uri(),  # a symlink out of the templates folder
        templates.as_uri() + "/../other.png",
        templates.as_uri() + "/%2e%2e/other.png",
        "file://attacker.example/share/logo.png",
        "http://127.0.0.1:9/logo.png",
        "https://example.com/font.ttf",
        "ftp://example.com/x",
        "javascript:alert(1)",
    ]
    for url in refused:
        with pytest.raises(FetchRefused):
            fetcher.fetch(url)
    assert len(fetcher.refused) == len(refused)
    assert fetcher(logo.as_uri()).status == 200  # WeasyPrint calls the fetcher itself


def test_svg_logo_cannot_pull_in_other_files_or_the_network(tmp_path, caplog):
    (tmp_path / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="40" height="20"><rect width="40" height="20" fill="#123456"/>'
        '<image href="file:///etc/passwd" width="10" height="10"/>'
        '<image xlink:href="http://127.0.0.1:9/track.png" width="10" height="10"/></svg>'
    )
    with caplog.at_level("WARNING", logger="roi_report.pdf.fetcher"):
        out, _, _ = render(tmp_path, settings={"Logo": "logo.svg"})
    refused = " ".join(r.getMessage() for r in caplog.records if r.name == "roi_report.pdf.fetcher")
    assert "file:///etc/passwd" in refused
    assert "http://127.0.0.1:9/track.png" in refused
    assert "root:" not in pdf_text(out)


def test_brand_file_sets_page_size_footer_author_and_agency_logo(tmp_path):
    (tmp_path / "agency.png").write_bytes(PNG)
    brand_file = tmp_path / "brand.toml"
    brand_file.write_text(
        'page_size = "A4"\nfooter = "Confidential: for the board"\n'
        'prepared_by = "House of Brands"\nagency_logo = "agency.png"\n'
        'primary_color = "#0B6E4F"\n',
        encoding="utf-8",
    )
    source = rich_workbook(tmp_path / "book.xlsx")  # en + USD: Letter unless the brand says
    book = load(source)
    brand = resolve_brand(book.settings, tmp_path, brand_file)
    out = render_pdf(
        compute(book), book, tmp_path / "out.pdf", workbook_dir=tmp_path, brand=brand, charts=False
    )
    info = pdf_info(out)
    assert info["Page size"].startswith("595.276 x 841.89")
    assert info["Author"] == "House of Brands"
    text = flat(pdf_text(out))
    assert "Confidential: for the board" in text
    assert "House of Brands" in text
    listing = subprocess.run(
        ["pdfimages", "-list", str(out)], capture_output=True, text=True
    ).stdout
    assert " png " in listing or "image" in listing  # the agency's PNG logo is drawn


def test_hostile_client_name_stays_text_in_header_and_metadata(tmp_path, caplog):
    client = 'Evil "} @import url(http://127.0.0.1:9/x.css); body{display:none} \\ <b>'
    with caplog.at_level("WARNING", logger="roi_report.pdf.fetcher"):
        out, _, _ = render(tmp_path, settings={"Client": client})
    text = flat(pdf_text(out))
    # The running header, literally (its long client name cut to the header's width).
    header = fit_running_title(f"{client} · July – September 2025", client)
    assert "…" in header and flat(header) in text
    assert client in text and client in pdf_info(out)["Title"]
    assert int(pdf_info(out)["Pages"]) >= 7  # nothing was hidden by injected CSS
    assert not [r for r in caplog.records if r.name == "roi_report.pdf.fetcher"]


@pytest.mark.parametrize(
    "brand",
    [
        Brand(primary="red; } body { display: none"),
        Brand(accent="#12345G"),
        Brand(page_size="A3"),
        Brand(font='Inter"; } *{color:red'),
    ],
)
def test_hand_built_brand_is_checked_before_it_reaches_the_css(tmp_path, brand):
    source = rich_workbook(tmp_path / "book.xlsx")
    book = load(source)
    with pytest.raises(BrandError):
        render_pdf(
            compute(book),
            book,
            tmp_path / "out.pdf",
            workbook_dir=tmp_path,
            brand=brand,
            charts=False,
        )


SAMPLES = sorted((Path(__file__).resolve().parent.parent / "sample_workbooks").glob("*.xlsx"))


@pytest.mark.skipif(not SAMPLES, reason="no sample workbooks in sample_workbooks/")
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_workbook_renders_its_headline_figures(tmp_path, sample):
    book = load(sample)
    metrics = compute(book)
    out = render_pdf(
        metrics,
        book,
        tmp_path / f"{sample.stem}.pdf",
        workbook_dir=sample.parent,
        warnings=book.warnings,
    )
    s, h = book.settings, metrics.headline
    text = flat(pdf_text(out))
    for figure in (
        format_money(h.investment.current, s.currency, s.language),
        format_money(h.return_.current, s.currency, s.language),
        format_pct(h.roi_pct.current, s.language),
        format_money(h.cost_per_lead.current, s.currency, s.language),
        format_money(h.won_revenue.current, s.currency, s.language),
    ):
        assert flat(figure) in text, figure
    assert flat(said(s.language, "Executive summary")) in text
    info = pdf_info(out)
    assert 8 <= int(info["Pages"]) <= 16
    assert s.client in info["Title"] and s.client in info["Subject"]


def test_every_translation_keeps_the_fields_of_its_english():
    """A translation that drops or renames a {field} would raise or print it raw."""
    import string

    from roi_report.language.catalogs import read_catalog

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for language in ("es", "fr", "pl", "de"):
        for message in read_catalog("pdf", language):
            if not message.id:
                continue
            english = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for text in strings:
                assert fields(text) == fields(english[-1]), f"{language}: {message.id!r}"


def test_unwritable_output_folder_is_a_clear_error(tmp_path):
    from roi_report.errors import OutputError

    source = rich_workbook(tmp_path / "book.xlsx")
    book = load(source)
    (tmp_path / "taken").write_text("a file, not a folder")
    with pytest.raises(OutputError, match="could not write"):
        render_pdf(
            compute(book), book, tmp_path / "taken" / "out.pdf", workbook_dir=tmp_path, charts=False
        )


def warnings_workbook(path: Path, language: str) -> Path:
    """A workbook with one of each kind of data warning that can show beside data."""
    day = date(2025, 8, 4)
    cost = {"Date": day, "Channel": "LinkedIn", "Type": "Paid", "Amount": 900}
    return make_workbook(
        path,
        settings={"Language": language, "Currency": "EUR"},
        costs=[
            {**cost, "Category": "Ads"},
            {**cost, "Category": "Agency", "Type": "Organic"},
            {**cost, "Category": "Tools", "Date": date(2024, 6, 5)},
        ],
        goals=[{"Goal": "Leads", "Metric": "Leads", "Channel": "All", "Value per result": 40}],
        results=[
            {"Date": day, "Channel": "LinkedIn", "Type": "Paid", "Metric": "Clicks", "Count": 500}
        ],
        leads=[{"Lead ID": "L-1", "Created": day, "Source": "LinkedIn", "Stage": "Lead"}],
    )


@pytest.mark.parametrize("language", ["es", "fr", "pl"])
def test_data_warnings_are_in_the_report_language(tmp_path, language):
    book = load(warnings_workbook(tmp_path / "client.xlsx", language))
    kinds = {w.kind for w in book.warnings}
    assert kinds == {
        "agency_fee_equals_ads",
        "metric_without_goal",
        "leads_unscored",
        "rows_outside_periods",
    }
    out = render_pdf(
        compute(book),
        book,
        tmp_path / "report.pdf",
        workbook_dir=tmp_path,
        charts=False,
        warnings=book.warnings,
    )
    text = flat(pdf_text(out))
    with use_language(language):
        translated = warning_texts()
    for warning in book.warnings:
        opening = flat(translated[warning.kind].split("{")[0])
        # Notes (rows of other months, unscored leads) are data hygiene, not for the reader.
        assert (opening[:1].upper() + opening[1:] in text) == warning.for_reader
        assert flat(warning.message)[:30] not in text  # the English text is not shown
    assert flat(quote("Clicks", language)) in text
