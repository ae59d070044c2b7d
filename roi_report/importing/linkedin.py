"""LinkedIn Campaign Manager performance reports (campaign, ad set / campaign, ad).

As downloaded: UTF-16 LE with a BOM, tab-separated, under a preamble of four or five lines
("Campaign Performance Report (in UTC)", "Report Start: …", "Report End: …",
"Date Generated: …", blank); also re-saved as UTF-8 CSV or XLSX. Headers, numbers and
dates follow the account's interface language. The old naming (Campaign Group > Campaign)
and the new one (Campaign > Ad Set) both occur: with a Campaign Group column, "Campaign
Name" is the second level; without one, it is the top level.
"""

from __future__ import annotations

from roi_report.importing.ads import CURRENCY, DAY, END, SPEND, ad_reader
from roi_report.importing.base import ADS, Export, Format, spell
from roi_report.language import N_

HEADERS = {
    DAY: spell(
        ("Start Date (in UTC)", "Start Date"),
        es="Fecha de inicio (en UTC)",
        fr="Date de début (en UTC)",
        pl="Data rozpoczęcia (w UTC)",
        de="Startdatum (in UTC)",
    ),
    END: spell(
        ("End Date (in UTC)", "End Date"),
        es="Fecha de finalización (en UTC)",
        fr="Date de fin (en UTC)",
        pl="Data zakończenia (w UTC)",
        de="Enddatum (in UTC)",
    ),
    "group": spell(
        "Campaign Group Name",
        es="Nombre del grupo de campañas",
        fr="Nom du groupe de campagnes",
        pl="Nazwa grupy kampanii",
        de="Name der Kampagnengruppe",
    ),
    "campaign": spell(
        "Campaign Name",
        es="Nombre de la campaña",
        fr="Nom de la campagne",
        pl="Nazwa kampanii",
        de="Kampagnenname",
    ),
    "ad_set": spell(
        "Ad Set Name",
        es="Nombre del conjunto de anuncios",
        fr="Nom de l'ensemble de publicités",
        pl="Nazwa zestawu reklam",
        de="Name der Anzeigengruppe",
    ),
    "ad": spell(
        ("Creative Name", "Ad Name"),
        es=("Nombre del contenido", "Nombre del anuncio"),
        fr=("Nom du contenu publicitaire", "Nom de la publicité"),
        pl=("Nazwa kreacji", "Nazwa reklamy"),
        de=("Name des Creatives", "Anzeigenname"),
    ),
    "account": spell(
        "Account Name",
        es="Nombre de la cuenta",
        fr="Nom du compte",
        pl="Nazwa konta",
        de="Kontoname",
    ),
    CURRENCY: spell("Currency", es="Divisa", fr="Devise", pl="Waluta", de="Währung"),
    SPEND: spell(
        ("Total Spent", "Amount Spent"),
        es="Total gastado",
        fr="Total dépensé",
        pl="Łączne wydatki",
        de="Gesamtausgaben",
    ),
    "impressions": spell(
        "Impressions", es="Impresiones", fr="Impressions", pl="Wyświetlenia", de="Impressionen"
    ),
    "clicks": spell("Clicks", es="Clics", fr="Clics", pl="Kliknięcia", de="Klicks"),
    "leads": spell("Leads", es="Clientes potenciales", fr="Leads", pl="Leady", de="Leads"),
    "conversions": spell(
        "Conversions", es="Conversiones", fr="Conversions", pl="Konwersje", de="Conversions"
    ),
}


def _levels(export: Export) -> tuple[str, ...]:
    # Old naming: Campaign Group > Campaign; new naming: Campaign > Ad Set.
    if "group" in export.columns:
        return ("group", "campaign", "ad")
    return ("campaign", "ad_set", "ad")


FORMAT = Format(
    title="LinkedIn Campaign Manager",
    kind=ADS,
    headers=HEADERS,
    required=(SPEND, "impressions", "account"),
    read=ad_reader(
        levels=_levels,
        metrics={
            "impressions": "Impressions",
            "clicks": "Clicks",
            "leads": "Leads",
            "conversions": "Conversions",
        },
        channel="LinkedIn",
    ),
    by_day=N_("in Campaign Manager, set Time breakdown to Daily, then Export"),
)
