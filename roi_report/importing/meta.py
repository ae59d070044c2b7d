"""Meta Ads Manager exports (Facebook, Instagram, Messenger, Audience Network).

CSV in UTF-8 with a BOM, or XLSX whose data is on the sheet `Raw Data Report`. The currency
is inside the spend header (`Amount spent (EUR)`); headers follow the interface language
(`Importe gastado (EUR)`, `Montant dépensé (EUR)`…); numbers are plain (a point, no
grouping) and days ISO in every language. Some exports start with an account total row
whose names are blank. `Results` counts what the campaign's `Result indicator` says, so a
lead campaign's Results are the same leads as its `Leads` column: counted once.
"""

from __future__ import annotations

import re

from roi_report.importing.ads import DAY, SPEND, ad_reader
from roi_report.importing.base import ADS, Export, Format, Reader, normalize, spell
from roi_report.language import N_

HEADERS = {
    DAY: spell("Day", es="Día", fr="Jour", pl="Dzień", de="Tag"),
    "starts": spell(
        "Reporting starts",
        es="Inicio del informe",
        fr="Début des rapports",
        pl="Początek raportowania",
        de="Berichtsbeginn",
    ),
    "ends": spell(
        "Reporting ends",
        es="Fin del informe",
        fr="Fin des rapports",
        pl="Koniec raportowania",
        de="Berichtsende",
    ),
    "campaign": spell(
        "Campaign name",
        es="Nombre de la campaña",
        fr="Nom de la campagne",
        pl="Nazwa kampanii",
        de="Kampagnenname",
    ),
    "ad_set": spell(
        "Ad set name",
        es="Nombre del conjunto de anuncios",
        fr="Nom de l'ensemble de publicités",
        pl="Nazwa zestawu reklam",
        de="Name der Anzeigengruppe",
    ),
    "ad": spell(
        "Ad name",
        es="Nombre del anuncio",
        fr="Nom de la publicité",
        pl="Nazwa reklamy",
        de="Anzeigenname",
    ),
    "platform": spell("Platform", es="Plataforma", fr="Plateforme", pl="Platforma", de="Plattform"),
    "impressions": spell(
        "Impressions", es="Impresiones", fr="Impressions", pl="Wyświetlenia", de="Impressionen"
    ),
    "link_clicks": spell(
        "Link clicks",
        es="Clics en el enlace",
        fr="Clics sur un lien",
        pl="Kliknięcia linku",
        de="Link-Klicks",
    ),
    "leads": spell("Leads", es="Clientes potenciales", fr="Prospects", pl="Leady", de="Leads"),
    "results": spell("Results", es="Resultados", fr="Résultats", pl="Wyniki", de="Ergebnisse"),
    "indicator": spell(
        "Result indicator",
        es=("Indicador de resultado", "Indicador de resultados"),
        fr="Indicateur de résultats",
        pl="Wskaźnik wyników",
        de="Ergebnisindikator",
    ),
}
PATTERNS = {
    SPEND: {
        language: re.compile(re.escape(normalize(text)) + r" \(([a-z]{3})\)")
        for language, text in {
            "en": "Amount spent",
            "es": "Importe gastado",
            "fr": "Montant dépensé",
            "pl": "Wydana kwota",
            "de": "Ausgegebener Betrag",
        }.items()
    }
}
# What a Result indicator counts, as the contract's metric names (the first key found in
# the indicator wins: "offsite_conversion.fb_pixel_lead" is a lead).
INDICATORS = (
    ("lead", "Leads"),
    ("link_click", "Clicks"),
    ("purchase", "Conversions"),
    ("complete_registration", "Conversions"),
    ("conversion", "Conversions"),
    ("post_engagement", "Engagements"),
    ("video_view", "Video views"),
    ("thruplay", "Video views"),
    ("page_like", "Follows"),
    ("like", "Follows"),
    ("reach", "Reach"),
)
PLATFORMS = {
    "facebook": "Facebook",
    "instagram": "Instagram",
    "messenger": "Messenger",
    "audience_network": "Audience Network",
    "audience network": "Audience Network",
    "threads": "Threads",
}
UNCOUNTED = N_("Results of an unknown Result indicator")


def _channel(export: Export, cells: tuple) -> str:
    return PLATFORMS.get(normalize(export.cell(cells, "platform")), "Meta")


def _results(reader: Reader, line: int, cells: tuple, metrics: dict) -> dict:
    """Results, as the metric the Result indicator names, unless already counted."""
    if not reader.has("results"):
        return {}
    count = reader.number(line, cells, "results")
    indicator = normalize(reader.text(cells, "indicator"))
    if not count:
        return {}
    metric = next((name for key, name in INDICATORS if key in indicator), None)
    if metric is None:
        reader.skip(UNCOUNTED)
        return {}
    return {} if metric in metrics else {metric: count}


FORMAT = Format(
    title="Meta Ads Manager",
    kind=ADS,
    headers=HEADERS,
    required=(SPEND, "impressions"),
    read=ad_reader(
        levels=("campaign", "ad_set", "ad"),
        metrics={"impressions": "Impressions", "link_clicks": "Clicks", "leads": "Leads"},
        channel=_channel,
        extra=_results,
        span=("starts", "ends"),
    ),
    day_breakdown=True,
    by_day=N_("in Ads Manager, choose Breakdown > By Time > Day, then Export"),
    patterns=PATTERNS,
    plain_numbers=True,
)
