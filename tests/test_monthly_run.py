"""An agency's monthly run: the email worth opening (HTML beside the text, inline chart,
brand colours, reader-named attachments, the ROI sheets only unless asked), --period and
--compare over every Report sheet, .ods workbooks — on real files, read back as received."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from openpyxl import load_workbook
from recalc import soffice
from test_email import SmtpServer, client_workbook, run, smtp_env
from workbooks import GOOD_LEAD, GOOD_STAFF

from roi_report.delivery.overrides import OverrideError, Overrides, parse_compare, parse_period

QUARTER_NAME = "Café Niño S.A. – Informe de ROI en redes sociales – T3 2025"


def agency_workbook(path: Path, **settings) -> Path:
    """The email tests' client, with a staff row and a CRM lead whose names must never
    reach a client's inbox."""
    from workbooks import make_workbook

    source = client_workbook(path, **settings)
    book = load_workbook(source)
    staff, leads = book["Staff"], book["Leads"]
    header = [c.value for c in staff[1]]
    staff.append(
        [{**GOOD_STAFF, "Person": "Ana Secreta", "Hourly rate": 87}.get(h) for h in header]
    )
    header = [c.value for c in leads[1]]
    leads.append([{**GOOD_LEAD, "Lead ID": "CRM-SECRET-7"}.get(h) for h in header])
    book.save(source)
    del make_workbook
    return source


def eml(path: Path):
    return BytesParser(policy=policy.default).parse(path.open("rb"))


def attachments(message) -> dict[str, bytes]:
    return {part.get_filename(): part.get_content() for part in message.iter_attachments()}


# ------------------------------------------------------------------------------ the email


@pytest.fixture(scope="module")
def sent(tmp_path_factory):
    """One `build --email --attach-workbook` through a real SMTP server."""
    folder = tmp_path_factory.mktemp("sent")
    source = agency_workbook(folder / "cafe.xlsx", **{"Primary color": "#0B6E4F"})
    with SmtpServer() as server:
        result = run(
            ["build", source, "-o", folder / "out", "--email", "--attach-workbook"],
            smtp_env(server.port),
        )
        messages = list(server.messages)
    assert result.exit_code == 0, result.output
    assert len(messages) == 1
    return {"folder": folder, "message": messages[0]["message"], "raw": messages[0]["raw"]}


def test_html_body_beside_the_plain_text_self_contained(sent):
    message = sent["message"]
    alternative = next(p for p in message.walk() if p.get_content_type() == "multipart/alternative")
    kinds = [p.get_content_type() for p in alternative.walk()]
    assert kinds[:2] == ["multipart/alternative", "text/plain"] and "text/html" in kinds
    html = message.get_body(("html",)).get_content()
    plain = message.get_body(("plain",)).get_content()
    # The headline in the report's language and format, in both bodies
    investment = re.search(r"Inversión: (\S+\s€)", plain)[1]
    assert investment == "2.370,00\xa0€"  # 1,500 of ads and 870 of staff time, es format
    for text in (html, plain):
        assert "Café Niño S.A." in text and investment in text and "Instagram" in text
        assert "Inversión" in text and "Coste por lead" in text
    assert "#0B6E4F" in html  # the Report sheet's brand colour
    # Nothing remote: every image travels in the message
    addresses = re.findall(r'(?:src|href)\s*=\s*"([^"]*)"', html)
    assert addresses and all(a.startswith("cid:") for a in addresses), addresses
    assert "url(" not in html and "@import" not in html and "<link" not in html
    images = {
        p["Content-ID"].strip("<>"): p
        for p in message.walk()
        if p.get_content_type() == "image/png"
    }
    for address in addresses:
        assert address[4:] in images
        assert images[address[4:]].get_content().startswith(b"\x89PNG")


def test_attachments_named_for_a_reader_and_rfc2231_encoded(sent):
    files = attachments(sent["message"])
    assert set(files) == {QUARTER_NAME + ".pdf", QUARTER_NAME + ".xlsx"}
    pdf = sent["folder"] / "out" / "cafe-roi.pdf"
    assert files[QUARTER_NAME + ".pdf"] == pdf.read_bytes()
    # Non-ASCII names as RFC 2231 parameters, never raw UTF-8 in a header
    assert b"filename*" in sent["raw"] and b"utf-8''Caf%C3%A9" in sent["raw"]
    assert "Café".encode() not in sent["raw"].split(b"\r\n\r\n", 1)[0]


def test_the_attached_workbook_holds_the_roi_sheets_only_as_values(sent):
    files = attachments(sent["message"])
    data = files[QUARTER_NAME + ".xlsx"]
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames and all(name.startswith("ROI ") for name in book.sheetnames)
    assert "ROI Summary" in book.sheetnames
    assert not any(name.endswith(" lines") for name in book.sheetnames)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)  # values, no formulas into gone sheets
    texts = " ".join(str(c.value) for c in cells if c.value is not None)
    assert "Ana Secreta" not in texts and "CRM-SECRET-7" not in texts
    assert not re.search(r"(?<![\d.])87(?![\d.])", texts)  # the hourly rate
    assert not book.defined_names
    full = load_workbook(sent["folder"] / "out" / "cafe-roi.xlsx")
    summary = book["ROI Summary"]
    formats = {c.number_format for row in summary.iter_rows() for c in row}
    assert formats & {c.number_format for row in full["ROI Summary"].iter_rows() for c in row} - {
        "General"
    }  # the formats came along with the values


def test_attach_workbook_full_sends_the_results_workbook_itself(tmp_path):
    source = agency_workbook(tmp_path / "cafe.xlsx")
    result = run(
        ["build", source, "-o", tmp_path / "out", "--dry-run", "--attach-workbook=full"],
        {"ROI_REPORT_SMTP_FROM": "", "ROI_REPORT_SMTP_HOST": ""},
    )
    assert result.exit_code == 0, result.output
    files = attachments(eml(tmp_path / "out" / "cafe-roi.eml"))
    assert files[QUARTER_NAME + ".xlsx"] == (tmp_path / "out" / "cafe-roi.xlsx").read_bytes()
    body = eml(tmp_path / "out" / "cafe-roi.eml").get_body(("plain",)).get_content()
    assert "fórmula de Excel" in body


def test_dry_run_needs_no_sender_and_signs_without_prepared_by(tmp_path):
    source = agency_workbook(
        tmp_path / "atelier.xlsx",
        language="fr",
        **{"Client": "Atelier Lumière", "Prepared by": None},
    )
    env = {"ROI_REPORT_SMTP_FROM": "", "ROI_REPORT_SMTP_HOST": ""}
    result = run(["build", source, "-o", tmp_path / "a", "--dry-run"], env)
    assert result.exit_code == 0, result.output
    message = eml(tmp_path / "a" / "atelier-roi.eml")
    assert message["From"] is None  # a draft: no sender was given
    plain = message.get_body(("plain",)).get_content()
    assert "réseaux sociaux d’Atelier Lumière pour" in plain  # French elision
    assert "Cordialement,\nVotre équipe reporting" in plain  # a signature all the same
    result = run(
        [
            "build",
            source,
            "-o",
            tmp_path / "b",
            "--dry-run",
            "--from",
            "Studio Nord <r@nord.example>",
        ],
        env,
    )
    assert result.exit_code == 0, result.output
    message = eml(tmp_path / "b" / "atelier-roi.eml")
    assert message["From"].addresses[0].addr_spec == "r@nord.example"
    assert "Cordialement,\nStudio Nord" in message.get_body(("plain",)).get_content()


def test_de_before_a_consonant_and_other_languages_unchanged():
    from roi_report.delivery.mail import of_client

    assert of_client("Café Niño", "fr") == "de Café Niño"
    assert of_client("Éclat", "fr") == "d’Éclat"
    assert of_client("Atelier", "es") == "Atelier"


# ------------------------------------------------------------------------------ --period


def test_period_forms():
    today = date(2026, 10, 14)
    assert parse_period("2026-09") == (date(2026, 9, 1), date(2026, 9, 30))
    assert parse_period("2026-q3") == (date(2026, 7, 1), date(2026, 9, 30))
    assert parse_period("2026") == (date(2026, 1, 1), date(2026, 12, 31))
    assert parse_period("2026-07-01..2026-09-30") == (date(2026, 7, 1), date(2026, 9, 30))
    assert parse_period("last-month", today) == (date(2026, 9, 1), date(2026, 9, 30))
    assert parse_period("last-quarter", today) == (date(2026, 7, 1), date(2026, 9, 30))
    assert parse_period("last-quarter", date(2026, 2, 3)) == (date(2025, 10, 1), date(2025, 12, 31))
    assert parse_period("last-month", date(2026, 1, 31)) == (date(2025, 12, 1), date(2025, 12, 31))
    assert parse_period("year-to-date", today) == (date(2026, 1, 1), today)
    assert parse_compare("last-year") == "Same period last year"
    assert parse_compare("None") == "None"
    for bad, why in (
        ("2026-13", "months are 01 to 12"),
        ("2026-02-30..2026-03-01", "no such day"),
        ("2026-09-30..2026-07-01", "ends before it starts"),
        ("September", "2026-Q3"),
    ):
        with pytest.raises(OverrideError, match=why):
            parse_period(bad)
    assert not Overrides() and Overrides.parse("2026", None)


def test_build_period_and_compare_override_the_report_sheet_for_the_run(tmp_path):
    source = client_workbook(tmp_path / "cafe.xlsx", language="en")
    before = source.read_bytes()
    result = run(
        ["build", source, "-o", tmp_path / "out", "--period", "2025-08", "--compare", "none"]
    )
    assert result.exit_code == 0, result.output
    assert source.read_bytes() == before  # the input is untouched
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "out" / "cafe-roi.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "August 2025" in text and "July" not in text.split("August 2025")[0]
    # The results workbook's Report sheet says what the run used: its live formulas read it
    report = {
        row[0]: row[1]
        for row in load_workbook(tmp_path / "out" / "cafe-roi.xlsx")["Report"].iter_rows(
            values_only=True
        )
    }
    assert report["Period start"].date() == date(2025, 8, 1)
    assert report["Period end"].date() == date(2025, 8, 31)
    assert report["Compare with"] == "None"
    result = run(
        ["build", source, "-o", tmp_path / "json", "--no-pdf", "--json", "--period", "2025-Q3"]
    )
    assert result.exit_code == 0, result.output
    assert '"start": "2025-07-01"' in result.output


def test_a_missing_compare_row_is_added_for_the_run(tmp_path):
    source = client_workbook(tmp_path / "cafe.xlsx", language="en", **{"Compare with": None})
    result = run(["build", source, "-o", tmp_path, "--no-pdf", "--compare", "last-year", "--json"])
    assert result.exit_code == 0, result.output
    assert '"compare_with": "Same period last year"' in result.output
    rows = list(load_workbook(tmp_path / "cafe-roi.xlsx")["Report"].iter_rows(values_only=True))
    assert ("Compare with", "Same period last year") in rows


def test_bad_period_is_a_clear_message_and_writes_nothing(tmp_path):
    source = client_workbook(tmp_path / "cafe.xlsx", language="en")
    result = run(["build", source, "-o", tmp_path / "out", "--period", "2025-14"])
    assert result.exit_code == 1
    assert "--period '2025-14' is not a period (months are 01 to 12)" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "out").exists()


def test_config_holds_period_and_compare(tmp_path, monkeypatch):
    source = client_workbook(tmp_path / "cafe.xlsx", language="en")
    (tmp_path / "roi-report.toml").write_text('period = "2025-09"\ncompare = "none"\n')
    monkeypatch.chdir(tmp_path)
    result = run(["build", source, "-o", tmp_path / "out", "--no-pdf", "--json"])
    assert result.exit_code == 0, result.output
    assert '"start": "2025-09-01"' in result.output and '"compare_with": "None"' in result.output
    result = run(
        ["build", source, "-o", tmp_path / "out2", "--no-pdf", "--json", "--period", "2025-08"]
    )
    assert '"start": "2025-08-01"' in result.output  # the option wins over the file
    (tmp_path / "roi-report.toml").write_text('period = "last-fortnight"\n')
    result = run(["build", source, "-o", tmp_path / "out3", "--no-pdf"])
    assert result.exit_code == 1
    assert (
        "roi-report.toml: key 'period': --period 'last-fortnight' is not a period" in result.output
    )


# ------------------------------------------------------------------------------ .ods


def to_ods(source: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "ods",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return folder / (source.stem + ".ods")


def test_an_ods_workbook_is_read_like_xlsx_and_its_results_are_xlsx(tmp_path):
    xlsx = client_workbook(tmp_path / "cafe.xlsx", language="en")
    ods = to_ods(xlsx, tmp_path / "ods")
    before = ods.read_bytes()
    result = run(["build", ods, "--json", "--no-pdf"])
    assert result.exit_code == 0, result.output
    assert "OpenDocument spreadsheet" in result.output and "cafe-roi.xlsx" in result.output
    results = ods.parent / "cafe-roi.xlsx"
    assert results.is_file() and ods.read_bytes() == before
    assert "ROI Summary" in load_workbook(results).sheetnames
    expected = run(["build", xlsx, "--json", "--no-pdf", "-o", tmp_path / "x"]).output
    figures = re.compile(r'"(?:investment|return|roi_pct)": [-0-9.]+')
    assert figures.findall(result.output) == figures.findall(expected)
    assert run(["check", ods]).exit_code == 0


@pytest.mark.parametrize(
    "language, words",
    [
        (
            "de",
            ("Guten Tag,", "Die wichtigsten Kennzahlen:", "Mit freundlichen Grüßen", "Anhänge:"),
        ),
        ("pl", ("Dzień dobry,", "Najważniejsze wskaźniki:", "Z poważaniem", "Załączniki:")),
        ("fr", ("Bonjour,", "Chiffres clés\xa0:", "Cordialement,", "Pièces jointes\xa0:")),
    ],
)
def test_one_template_speaks_every_language_through_the_catalog(tmp_path, language, words):
    from roi_report.delivery.mail import email_context, render_texts
    from roi_report.pipeline import BuildOptions, build

    done = build(
        client_workbook(tmp_path / "cafe.xlsx", language="en"), BuildOptions(tmp_path, pdf=False)
    )
    context = {
        **email_context(done.workbook, done.metrics, ["report.pdf"], done.brand),
        "language": language,
    }
    subject, text, html = render_texts(context)
    assert all(word in text for word in words)
    assert words[0] in html and words[2] in html  # the HTML has no "headline figures" line
    assert "Hello" not in text and "Best regards" not in html
    assert subject.startswith(context["title"]) and "Café Niño S.A." in subject


def test_a_damaged_workbook_with_a_period_is_named_as_given(tmp_path):
    source = tmp_path / "broken.xlsx"
    source.write_bytes(b"PK\x03\x04 not really a zip")
    result = run(["build", source, "--period", "2025-08"])
    assert result.exit_code == 1
    assert f"{source}: the workbook is damaged" in result.output
    assert ".roi-run-" not in result.output  # never the private copy's name


def test_a_run_with_a_period_reads_the_workbook_once(tmp_path, monkeypatch):
    from roi_report import pipeline
    from roi_report.workbook import reading

    reads = []
    real = reading.read_workbook

    def counted(path, *args, **kwargs):
        reads.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(reading, "read_workbook", counted)
    monkeypatch.setattr(pipeline, "read_workbook", counted)
    # No Compare with row: the run's is added below the settings, in the file and as read
    source = client_workbook(tmp_path / "cafe.xlsx", language="en", **{"Compare with": None})
    overrides = Overrides.parse("2025-08", "last-year")
    built = pipeline.build(source, pipeline.BuildOptions(tmp_path, pdf=False, overrides=overrides))
    assert reads == ["cafe.xlsx"]  # the private copy, read once
    settings = built.workbook.settings
    assert (settings.period_start, settings.period_end) == (date(2025, 8, 1), date(2025, 8, 31))
    assert settings.compare_with == "Same period last year"
    assert built.metrics.periods.compare_start == date(2024, 8, 1)
