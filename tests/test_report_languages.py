"""Reports in German and Polish: words from the catalogs, Babel's formats, gettext plurals."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest
from report_words import PDF
from workbooks import make_workbook

from roi_report.language import use_language
from roi_report.metrics.compute import compute
from roi_report.pdf.render import render_pdf
from roi_report.pipeline import load

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")

CHANNELS = [("LinkedIn", "Social"), ("Email", "Other")]


def leads(source: str, count: int, first: int) -> list[dict]:
    return [
        {
            "Lead ID": f"L-{first + i}",
            "Created": date(2026, 7, 10 + i),
            "Source": source,
            "Score": 50,
            "Stage": "MQL",
        }
        for i in range(count)
    ]


def report_text(tmp_path, language: str, currency: str, social_leads: int, other_leads: int):
    cost = {"Date": date(2026, 7, 3), "Type": "Paid", "Category": "Ads"}
    source = make_workbook(
        tmp_path / f"{language}.xlsx",
        settings={
            "Language": language,
            "Currency": currency,
            "Period start": date(2026, 7, 1),
            "Period end": date(2026, 9, 30),
        },
        channels=CHANNELS,
        costs=[
            {**cost, "Channel": "LinkedIn", "Amount": 65000},
            {**cost, "Channel": "Email", "Amount": 1500},
        ],
        goals=[{"Goal": "Leads", "Metric": "Leads", "Channel": "All", "Value per result": 30}],
        leads=leads("LinkedIn", social_leads, 1) + leads("Email", other_leads, 100),
    )
    book = load(source)
    out = render_pdf(
        compute(book),
        book,
        tmp_path / f"{language}.pdf",
        workbook_dir=tmp_path,
        charts=False,
        issued=date(2026, 9, 1),
    )
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(out), "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(text.split())  # no-break spaces and line breaks as plain spaces


def test_german_report_speaks_german_with_german_formats(tmp_path):
    text = report_text(tmp_path, "de", "EUR", social_leads=3, other_leads=5)
    for words in (
        "Social-Media-ROI-Bericht",
        "Management-Zusammenfassung",
        "Wichtigste Erkenntnisse",
        "Investition nach Kategorie",
        "Kosten pro Lead nach Kanal",
        "Methodik und Annahmen",
        "Verwendete Einstellungen",
        "Ausgestellt am 1. September 2026",  # de_DE long date
        "Juli–September 2026",
        "65.000,00 €",  # de_DE money: dot groups, comma decimals, sign after
        "Seite 2 von",
        "3 Leads",
        "Anzeigen",  # the cost category Ads
    ):
        assert words in text, words
    for english in ("Executive summary", "Key findings", "Investment by category", "Page 2"):
        assert english not in text


def test_polish_report_takes_its_plural_forms_from_the_catalog(tmp_path):
    text = report_text(tmp_path, "pl", "PLN", social_leads=3, other_leads=5)
    assert "3 leady" in text and "5 leadów" in text  # 2-4 and 5+ take different forms
    assert "Podsumowanie dla zarządu" in text and "65 000,00 zł" in text


@pytest.mark.parametrize(
    "n, phrase",
    [(1, "1 lead"), (3, "3 leady"), (5, "5 leadów"), (12, "12 leadów"), (22, "22 leady")],
)
def test_polish_plural_rule(n, phrase):
    with use_language("pl"):
        assert PDF.ngettext("{n} lead", "{n} leads", n).format(n=n) == phrase
