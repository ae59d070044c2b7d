"""X (Twitter) Ads campaign exports: CSV with `Campaign name`, the day in `Time period`
(or `Date`), `Spend` in the account's `Currency`, `Impressions`, `Link clicks`,
`Engagements`, `Conversions`."""

from __future__ import annotations

from roi_report.importing.ads import CURRENCY, DAY, SPEND, ad_reader
from roi_report.importing.base import ADS, Format, spell
from roi_report.language import N_

HEADERS = {
    DAY: spell(("Time period", "Date", "Day")),
    "campaign": spell("Campaign name"),
    "ad_group": spell(("Ad group name", "Line item name")),
    "ad": spell(("Ad name", "Tweet text")),
    CURRENCY: spell("Currency"),
    SPEND: spell(("Spend", "Spend (local currency)")),
    "impressions": spell("Impressions"),
    "clicks": spell(("Link clicks", "Clicks")),
    "engagements": spell("Engagements"),
    "conversions": spell("Conversions"),
}


FORMAT = Format(
    title="X Ads",
    kind=ADS,
    headers=HEADERS,
    required=("campaign", SPEND, "impressions"),
    read=ad_reader(
        levels=("campaign", "ad_group", "ad"),
        metrics={
            "impressions": "Impressions",
            "clicks": "Clicks",
            "engagements": "Engagements",
            "conversions": "Conversions",
        },
        channel="X",
    ),
    by_day=N_("in Ads Manager, choose the Daily breakdown, then Export data"),
)
