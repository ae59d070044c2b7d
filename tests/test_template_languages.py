"""`init` speaks the workbook's language: Instructions, notes, prompts and example data.

The words come from the `template` gettext catalogs; German is there as a catalog only.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from roi_report.cli import main
from roi_report.template.writer import INSTRUCTIONS_SHEET
from roi_report.workbook import contract

NBSP = "\u00a0"
GERMAN_SAMPLE = Path(__file__).parent.parent / "sample_workbooks" / "schwarzwald-kuechen-de.xlsx"


def _init(tmp_path: Path, *options: str) -> Path:
    path = tmp_path / "workbook.xlsx"
    result = CliRunner().invoke(main, ["init", str(path), *options])
    assert result.exit_code == 0, result.output
    assert path.name in result.output
    return path


def _instructions(book) -> str:
    return "\n".join(str(c.value) for c in book[INSTRUCTIONS_SHEET]["A"] if c.value)


def _setting(book, label: str):
    for row in book[contract.REPORT_SHEET].iter_rows(min_row=2):
        if row[0].value == label:
            return row
    raise AssertionError(f"no {label} row on the Report sheet")


def _prompt(ws, cell: str) -> str:
    for validation in ws.data_validations.dataValidation:
        if cell in validation.sqref:
            return validation.prompt
    raise AssertionError(f"no data validation on {ws.title}!{cell}")


def test_init_german_writes_german_instructions(tmp_path):
    book = load_workbook(_init(tmp_path, "--language", "de", "--currency", "EUR"))
    text = _instructions(book)
    assert text.startswith("So füllen Sie diese Arbeitsmappe aus\n")
    assert "Die Methode in einer Minute" in text
    assert "Führen Sie jeden Kanal genau einmal mit seiner Art (Kind) auf." in text
    # German number formats in the worked example, a no-break space before %.
    assert "Kosten von 65.000 EUR und 12.000 neue E-Mail-Abonnenten" in text
    assert f"(180.000 − 65.000) × 100 / 65.000 = 176,9{NBSP}%." in text
    assert "Tabellenblatt Costs" in text and "Funnel stage (optionale Spalte) – Optional:" in text
    # The contract stays English: sheet names, headers, list values.
    assert [c.value for c in book["Costs"][1]] == [c.header for c in contract.COSTS.columns]
    label, value, help_text = _setting(book, "Language")
    assert value.value == "de"
    assert help_text.value == "Sprache des Berichts: en, es, fr, pl oder de."
    assert _setting(book, "Client")[2].value.startswith("Name des Kunden oder Unternehmens")
    # Header notes and input prompts are German too.
    costs = book["Costs"]
    amount = [c for c in costs[1] if c.value == "Amount"][0]
    assert "Nettobetrag, als positive Zahl." in amount.comment.text
    assert _prompt(costs, "H2").startswith("Anteil eines gemeinsam genutzten Tools")
    assert _prompt(book["Leads"], "E2") == "Lead, MQL, SQL, Opportunity, Won oder Lost."


def test_init_spanish_writes_spanish_instructions(tmp_path):
    book = load_workbook(_init(tmp_path, "--language", "es"))
    text = _instructions(book)
    assert text.startswith("Cómo rellenar este libro\n")
    assert "Este libro reúne todo lo necesario para medir el retorno de la inversión" in text
    assert f"(180.000 − 65.000) × 100 / 65.000 = 176,9{NBSP}%." in text
    assert _setting(book, "Language")[1].value == "es"
    assert _prompt(book["Staff"], "B2") == "Opcional: quién hizo el trabajo."


def test_init_english_is_the_source_text(tmp_path):
    book = load_workbook(_init(tmp_path))
    assert _instructions(book).startswith("How to fill in this workbook\n")
    assert _setting(book, "Language")[1].value == "en"


def test_init_example_in_german_is_german_data_and_builds(tmp_path):
    path = _init(tmp_path, "--example", "--language", "de", "--client", "Beispiel GmbH")
    book = load_workbook(path)
    assert _setting(book, "Report title")[1].value == "Social-Media-ROI-Bericht"
    metrics = {row[1] for row in book["Goals"].iter_rows(min_row=2, values_only=True)}
    assert {"Leads", "Demo-Anfragen", "Newsletter-Abonnenten", "Follower"} <= metrics
    goals = {row[0] for row in book["Goals"].iter_rows(min_row=2, values_only=True)}
    assert "Leads – Social Media" in goals
    people = {row[1] for row in book["Staff"].iter_rows(min_row=2, values_only=True)}
    assert people and people <= {
        "Julia Becker",
        "Stefan Hoffmann",
        "Anna Schröder",
        "Markus Weber",
        "Katharina Wagner",
    }
    descriptions = " ".join(
        str(row[5]) for row in book["Costs"].iter_rows(min_row=2, values_only=True)
    )
    assert "Monatsabo" in descriptions
    check = CliRunner().invoke(main, ["check", str(path)])
    assert check.exit_code == 0, check.output
    out = tmp_path / "out"
    build = CliRunner().invoke(main, ["build", str(path), "-o", str(out), "--no-pdf"])
    assert build.exit_code == 0, build.output
    assert (out / "workbook-roi.xlsx").is_file()


def test_german_sample_builds(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(GERMAN_SAMPLE), "-o", str(out), "--no-pdf"])
    assert result.exit_code == 0, result.output
    assert "schwarzwald-kuechen-de-roi.xlsx" in result.output
    results = load_workbook(out / "schwarzwald-kuechen-de-roi.xlsx", read_only=True)
    assert _instructions_start(results) == "So füllen Sie diese Arbeitsmappe aus"
    report = results[contract.REPORT_SHEET]
    settings = {row[0]: row[1] for row in report.iter_rows(values_only=True)}
    assert settings["Language"] == "de" and settings["Currency"] == "EUR"


def _instructions_start(book) -> str:
    return next(book[INSTRUCTIONS_SHEET].iter_rows(values_only=True))[0]
