"""TikTok Ads Manager custom reports, exported as CSV or XLSX: one row per campaign (or
ad group, ad) and day under the dimension `By Day`; metrics `Cost`, `Impressions`,
`Clicks (destination)`, `Conversions`; the account's `Currency` as a column."""

from __future__ import annotations

from roi_report.importing.ads import CURRENCY, DAY, SPEND, ad_reader
from roi_report.importing.base import ADS, Format, spell
from roi_report.language import N_

HEADERS = {
    DAY: spell(("By Day", "Date", "Stat time day")),
    "campaign": spell("Campaign name"),
    "ad_group": spell("Ad group name"),
    "ad": spell("Ad name"),
    CURRENCY: spell("Currency"),
    SPEND: spell(("Cost", "Total cost")),
    "impressions": spell("Impressions"),
    "clicks": spell(("Clicks (Destination)", "Clicks (All)", "Clicks")),
    "conversions": spell("Conversions"),
}


FORMAT = Format(
    title="TikTok Ads Manager",
    kind=ADS,
    headers=HEADERS,
    required=("campaign", SPEND, "impressions"),
    read=ad_reader(
        levels=("campaign", "ad_group", "ad"),
        metrics={"impressions": "Impressions", "clicks": "Clicks", "conversions": "Conversions"},
        channel="TikTok",
    ),
    day_breakdown=True,
    by_day=N_("in the custom report, add the dimension By Day, then Export"),
)
