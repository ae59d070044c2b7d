"""Google Ads reports (campaign, ad group), downloaded as CSV or as the "Excel CSV".

Two preamble lines (the report's name, its date range) above the header; numbers with
thousands separators in the interface language; `--` for an empty cell; `Total: …` rows at
the foot. The "Excel CSV" download is UTF-16 LE with a BOM, tab-separated. Video
campaigns run on YouTube, so their rows go to the YouTube channel.
"""

from __future__ import annotations

from roi_report.importing.ads import CURRENCY, DAY, SPEND, ad_reader
from roi_report.importing.base import ADS, Export, Format, normalize, spell
from roi_report.language import N_

HEADERS = {
    DAY: spell("Day", es="Día", fr="Jour", pl="Dzień", de="Tag"),
    "campaign": spell("Campaign", es="Campaña", fr="Campagne", pl="Kampania", de="Kampagne"),
    "ad_group": spell(
        "Ad group",
        es="Grupo de anuncios",
        fr="Groupe d'annonces",
        pl="Grupa reklam",
        de="Anzeigengruppe",
    ),
    "campaign_type": spell(
        "Campaign type",
        es="Tipo de campaña",
        fr="Type de campagne",
        pl="Typ kampanii",
        de="Kampagnentyp",
    ),
    CURRENCY: spell(
        "Currency code",
        es="Código de moneda",
        fr="Code de la devise",
        pl="Kod waluty",
        de="Währungscode",
    ),
    SPEND: spell("Cost", es="Coste", fr="Coût", pl="Koszt", de="Kosten"),
    "impressions": spell("Impr.", es="Impr.", fr="Impr.", pl="Wyśw.", de="Impr."),
    "clicks": spell("Clicks", es="Clics", fr="Clics", pl="Kliknięcia", de="Klicks"),
    "conversions": spell(
        "Conversions", es="Conversiones", fr="Conversions", pl="Konwersje", de="Conversions"
    ),
}
VIDEO = {normalize(t) for t in ("Video", "Vídeo", "Vidéo", "Wideo")}


def _channel(export: Export, cells: tuple) -> str:
    kind = export.cell(cells, "campaign_type")
    return "YouTube" if normalize(kind) in VIDEO else "Google Ads"


FORMAT = Format(
    title="Google Ads",
    kind=ADS,
    headers=HEADERS,
    required=("campaign", SPEND, "impressions"),
    read=ad_reader(
        levels=("campaign", "ad_group"),
        metrics={"impressions": "Impressions", "clicks": "Clicks", "conversions": "Conversions"},
        channel=_channel,
    ),
    day_breakdown=True,
    by_day=N_("in the report, add the segment Day (Segment > Time > Day), then Download"),
)
