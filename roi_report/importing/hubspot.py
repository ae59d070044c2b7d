"""HubSpot exports of contacts and of deals (CSV in UTF-8, or XLSX), with the property
labels as column headers: `Record ID`, `Create Date` (a timestamp), `Lifecycle Stage` or
`Deal Stage`, `Original Source` with `Original Source Drill-Down 1` naming the network of
a social source, `HubSpot Score`, `Became a Customer Date`, revenue or `Amount`."""

from __future__ import annotations

from roi_report.importing.base import spell
from roi_report.importing.crm import crm_format

COMMON = {
    "id": spell("Record ID"),
    "created": spell(("Create Date", "Create date")),
    "source_detail": spell(("Original Source Drill-Down 1", "Original Source Data 1")),
    "campaign": spell(("Original Source Drill-Down 2", "Original Source Data 2")),
    "latest_source": spell("Latest Source"),
    "latest_detail": spell("Latest Source Drill-Down 1"),
    "social_assist": spell("Social assist"),
}
CONTACTS = {
    **COMMON,
    "stage": spell("Lifecycle Stage"),
    "source": spell("Original Source"),
    "score": spell("HubSpot Score"),
    "won_date": spell("Became a Customer Date"),
    "revenue": spell(("Total Revenue", "Recent Deal Amount")),
}
DEALS = {
    **COMMON,
    "name": spell("Deal Name"),
    "stage": spell("Deal Stage"),
    "source": spell(("Original Source Type", "Original Source")),
    "won_date": spell("Close Date"),
    "revenue": spell("Amount"),
    "currency": spell(("Currency", "Deal currency code")),
}

CONTACTS_FORMAT = crm_format(
    "HubSpot contacts",
    CONTACTS,
    ("id", "created", "stage"),
    default_stage="Lead",
    id_prefix="hubspot-contact-",
)
DEALS_FORMAT = crm_format(
    "HubSpot deals",
    DEALS,
    ("id", "created", "stage", "name"),
    default_stage="Opportunity",
    id_prefix="hubspot-deal-",
)
FORMATS = (CONTACTS_FORMAT, DEALS_FORMAT)
