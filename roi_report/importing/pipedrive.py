"""Pipedrive deal exports (CSV or XLSX; Deals > … > Export), every header prefixed with
the object: `Deal - ID`, `Deal - Title`, `Deal - Value`, `Deal - Currency`, `Deal - Stage`,
`Deal - Status` (open, won, lost), `Deal - Deal created`, `Deal - Won time`,
`Deal - Source channel` with `Deal - Source channel ID`."""

from __future__ import annotations

from roi_report.importing.base import spell
from roi_report.importing.crm import crm_format

HEADERS = {
    "id": spell("Deal - ID"),
    "name": spell("Deal - Title"),
    "revenue": spell("Deal - Value"),
    "currency": spell("Deal - Currency"),
    "stage": spell("Deal - Stage"),
    "status": spell("Deal - Status"),
    "created": spell(("Deal - Deal created", "Deal - Created")),
    "won_date": spell("Deal - Won time"),
    "source": spell(("Deal - Source channel", "Deal - Source origin")),
    "source_detail": spell("Deal - Source channel ID"),
}

FORMAT = crm_format(
    "Pipedrive deals",
    HEADERS,
    ("name", "status", "created"),
    default_stage="Opportunity",
    status_field="status",
    id_prefix="pipedrive-deal-",
)
