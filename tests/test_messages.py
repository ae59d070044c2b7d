"""Terminal messages speak the workbook's Language; --language overrides it; messages not
tied to a workbook follow LANG (issue 10)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from workbooks import GOOD_COST, GOOD_LEAD, book, with_

from roi_report.cli import main
from roi_report.language import LANGUAGES
from roi_report.pipeline import BuildOptions, build, load


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


def broken(path, language):
    """A workbook in `language` with two bad cells and a lead without a score."""
    costs = [with_(GOOD_COST, Amount="abc"), with_(GOOD_COST, Date="2025-02-30")]
    leads = [with_(GOOD_LEAD, Score=None)]
    return book(path, costs=costs, leads=leads, settings={"Language": language})


def test_a_spanish_workbook_is_refused_in_spanish(tmp_path):
    result = run("check", broken(tmp_path / "cliente.xlsx", "es"))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    for said in (
        "Error: El libro tiene 2 problemas que corregir:",
        "Costs!G2: 'abc' no es un importe: introduzca un número como 1250.00",
        "Costs!A3: '2025-02-30' no es una fecha real: febrero 2025 tiene 28 días",
    ):
        assert said in result.output, result.output
    assert "is not" not in result.output and "problems to fix" not in result.output


def test_language_option_overrides_the_workbook(tmp_path):
    result = run("check", broken(tmp_path / "cliente.xlsx", "es"), "--language", "de")
    assert result.exit_code == 1
    assert "Fehler: Die Arbeitsmappe hat 2 Probleme, die zu beheben sind:" in result.output
    assert "Costs!G2: 'abc' ist als Betrag ungültig — geben Sie eine Zahl ein" in result.output
    assert "Costs!A3: '2025-02-30' ist kein gültiges Datum — Februar 2025 hat 28 Tage" in (
        result.output
    )
    assert "no es" not in result.output


def test_build_speaks_the_language_it_is_given(tmp_path):
    source = book(tmp_path / "cliente.xlsx", leads=[with_(GOOD_LEAD, Score=None)])
    result = run("build", source, "--no-pdf", "-o", tmp_path / "out", "--language", "de")
    assert result.exit_code == 0, result.output
    assert "Hinweis: Leads!D2: 1 Lead hat keinen Score" in result.output
    assert f"geschrieben: {tmp_path / 'out' / 'cliente-roi.xlsx'}" in result.output
    # ... and the report is built in it: the effective Settings language.
    built = build(source, BuildOptions(out_dir=tmp_path / "again", pdf=False, language="de"))
    assert built.workbook.settings.language == "de"
    assert built.as_dict()["language"] == "de"


def test_json_keys_stay_english_whatever_the_language(tmp_path):
    source = book(tmp_path / "klient.xlsx", settings={"Language": "pl"})
    result = run("build", source, "--no-pdf", "--json", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"schema", "client", "currency", "language", "warnings"} <= set(data)


@pytest.mark.parametrize(
    "lang, said",
    [
        ("fr_FR.UTF-8", "«\u00a0{path}\u00a0» n’existe pas\u00a0: vérifiez le chemin"),
        ("pl_PL.UTF-8", "'{path}' nie istnieje — sprawdź ścieżkę"),
        ("C", "'{path}' does not exist — check the path"),
    ],
)
def test_a_missing_file_follows_lang(tmp_path, lang, said):
    missing = tmp_path / "nowhere.xlsx"
    result = run("check", missing, env={"LANG": lang, "LANGUAGE": "", "LC_ALL": ""})
    assert result.exit_code == 2
    assert said.format(path=missing) in result.output, result.output


def test_a_file_that_is_no_workbook_follows_lang(tmp_path):
    text = tmp_path / "export.csv"
    text.write_text("a,b\n1,2\n")
    result = run("check", text, env={"LANG": "de_DE.UTF-8", "LANGUAGE": "", "LC_ALL": ""})
    assert result.exit_code == 1
    assert f"Fehler: {text}: das ist eine CSV-Datei; öffnen Sie sie in Excel" in result.output


def test_the_language_is_read_before_validation(tmp_path):
    """A problem on the Report sheet itself is said in the Language set below it."""
    source = book(tmp_path / "rapport.xlsx", settings={"Language": "fr", "Period end": "x"})
    result = run("check", source)
    assert "Report!B4\u00a0: Period end\u00a0: 'x' n’est pas une date" in result.output


def test_an_unknown_language_is_refused_in_the_environment_language(tmp_path):
    source = book(tmp_path / "client.xlsx", settings={"Language": "xx"})
    result = run("check", source, env={"LANG": "es_ES.UTF-8", "LANGUAGE": "", "LC_ALL": ""})
    assert result.exit_code == 1
    assert "Report!B7: Language: 'xx' no es un valor válido para esta opción" in result.output


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_is_a_valid_report_language(tmp_path, language):
    source = book(tmp_path / "client.xlsx", settings={"Language": language})
    assert load(source).settings.language == language
    assert run("check", source).exit_code == 0


@pytest.mark.parametrize(
    "count, said",
    [(1, "1 wiersz ma datę spoza"), (3, "3 wiersze mają datę spoza"), (5, "5 wierszy ma datę")],
)
def test_polish_plurals_come_from_the_catalog(tmp_path, count, said):
    costs = [with_(GOOD_COST, Date=f"2023-01-0{day + 1}") for day in range(count)]
    source = book(tmp_path / "klient.xlsx", costs=[GOOD_COST, *costs], settings={"Language": "pl"})
    result = run("check", source)
    assert result.exit_code == 0, result.output
    assert f"uwaga: Costs!A3: {said}" in result.output, result.output
