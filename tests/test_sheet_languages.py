"""The ROI sheets speak the report's language: every label in Spanish or German beside a
workbook whose Language says so, and the figures recalculate as in English. Sheet names,
defined names and the words formulas match on stay as the contract spells them."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from recalc import mismatches, recalculate

from roi_report.errors import InputFileError
from roi_report.excel.package import check_package
from roi_report.excel.sheets import CHANNELS, GENERATED_SHEETS, SENTINEL_LABEL, SUMMARY
from roi_report.excel.sheets.core import (
    BANDS_SHEET,
    GOALS,
    INVESTMENT_LINES,
    RESULT_LINES,
    in_language,
)
from roi_report.language import LANGUAGES, SOURCE_LANGUAGE, Messages, use_language
from roi_report.language.catalogs import extract, read_catalog
from roi_report.pipeline import BuildOptions, build
from roi_report.template.sample_data import random_profile
from roi_report.template.writer import write_workbook
from roi_report.workbook import contract as c

BUILT = ("es", "de")
TRANSLATED = [language for language in LANGUAGES if language != SOURCE_LANGUAGE]
# A small generated workbook with social leads in the period, goals on and off target and
# without a target cost, a comparison period and campaigns: every kind of label shows.
SEED = 0
LINES_SHEETS = (INVESTMENT_LINES, RESULT_LINES)
# The contract's words stay as the user's tables spell them: the lines sheets show the
# user's sheet names and categories, the stage-depth table the stages leads are matched on.
CONTRACT_WORDS = {t.sheet for t in c.FACT_TABLES} | set(c.STAGE_DEPTH) | {"Staff", "Other"}


def english_labels(language: str) -> set[str]:
    """The English words of the sheets that this language spells otherwise."""
    messages, found = Messages("excel"), set()
    with use_language(language):
        for message in extract("excel"):
            if not message.id or "{" in message.id:
                continue
            if message.context:
                text = messages.pgettext(message.context, message.id)
            else:
                text = messages.gettext(message.id)
            if text != message.id:
                found.add(message.id)
    return found - CONTRACT_WORDS


def workbook_in(language: str, path: Path) -> Path:
    """The generated sample workbook with its Report Language set to `language`."""
    spanish = write_workbook(path, replace(random_profile(SEED), language="es"), SEED)
    book = load_workbook(spanish)
    setting = next(row for row in book["Report"].iter_rows() if row[0].value == "Language")
    setting[1].value = language
    book.save(path)
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("sheet-languages")
    results = [
        build(workbook_in(language, root / f"book-{language}.xlsx"), BuildOptions(pdf=False))
        for language in BUILT
    ]
    recalculated = recalculate([r.results_path for r in results], root / "lo", root / "profile")
    return list(zip(BUILT, results, recalculated))


def texts(path) -> dict[str, list[str]]:
    """The text cells of each generated sheet; of the lines sheets, their title and header
    only: under it they hold the user's rows, normalized (categories, types as typed)."""
    book = load_workbook(path, data_only=True)
    found = {}
    for name in GENERATED_SHEETS:
        rows = book[name].iter_rows(max_row=3 if name in LINES_SHEETS else None)
        found[name] = [c.value for row in rows for c in row if isinstance(c.value, str)]
    return found


def test_labels_are_in_the_report_language(built):
    for language, result, recalculated in built:
        english = english_labels(language)
        assert len(english) > 100, language
        for path in (result.results_path, recalculated):  # cached, then recalculated
            found = texts(path)
            leftovers = sorted(
                (sheet, text)
                for sheet, values in found.items()
                for text in values
                if text in english
            )
            assert not leftovers, (language, path.name, leftovers[:10])
            expected = {
                SUMMARY: ("Headline figures", "Investment", "Return", SENTINEL_LABEL),
                GOALS: ("On target?", "Yes", "No", "n/a"),
                BANDS_SHEET: ("Band", "Weakest stage"),
                CHANNELS: ("Cost per lead, social beside other channels", "(no campaign)"),
            }
            for sheet, words in expected.items():
                for word in words:
                    assert in_language(language, word) in found[sheet], (language, sheet, word)


def test_figures_recalculate_in_every_language(built):
    for language, result, recalculated in built:
        assert result.workbook.settings.language == language
        wrong = mismatches(recalculated, result.checks, result.as_dict())
        assert not wrong, (language, wrong[:10])


def test_sheet_names_and_number_formats(built):
    for language, result, _ in built:
        book = load_workbook(result.results_path)
        assert [n for n in book.sheetnames if n in GENERATED_SHEETS] == list(GENERATED_SHEETS)
        summary = book[SUMMARY]
        formats = {c.number_format for row in summary.iter_rows() for c in row}
        unit = {"es": "p. p.", "de": "Pp."}[language]
        assert any(f'"{unit}"' in f for f in formats), (language, formats)


def test_package_messages_follow_the_active_language(tmp_path):
    """A refused package is reported in the language of the run's messages."""
    path = tmp_path / "hostile.xlsx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("../outside.xml", "<x/>")
    refusals = {"de": "aus dem Paket hinauszeigt", "es": "apunta fuera del paquete"}
    for language, words in refusals.items():
        with (
            zipfile.ZipFile(path) as package,
            use_language(language),
            pytest.raises(InputFileError) as refused,
        ):
            check_package(path, package)
        assert words in str(refused.value) and "../outside.xml" in str(refused.value), language


def test_no_translation_breaks_a_formula():
    """Labels such as n/a, Yes/No and the shared-costs row are spelled inside formulas as
    "text": a straight double quote in a translation would end the text early."""
    for language in TRANSLATED:
        catalog = read_catalog("excel", language)
        quoted = [m.id for m in catalog if m.id and '"' in (m.string or "")]
        assert not quoted, (language, quoted)
