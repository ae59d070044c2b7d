"""Rows of a CRM export into leads, the same way for every CRM: stages onto the contract's
funnel, first-touch sources onto channels named by network, timestamps to days."""

from __future__ import annotations

import re
from dataclasses import dataclass

from roi_report.importing.base import CRM, Export, Format, LeadRecord, Parsed, Reader, normalize
from roi_report.language import N_
from roi_report.workbook.contract import STAGE_ALIASES

SOCIAL, OTHER = "Social", "Other"
# Network names as CRMs write them (a drill-down, a UTM source, a lead source) -> channel.
NETWORKS = {
    "linkedin": "LinkedIn",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "twitter": "X",
    "youtube": "YouTube",
    "tiktok": "TikTok",
    "pinterest": "Pinterest",
    "snapchat": "Snapchat",
    "reddit": "Reddit",
    "xing": "XING",
    "threads": "Threads",
}
SHORT_NETWORKS = {"x": "X", "fb": "Facebook", "ig": "Instagram", "li": "LinkedIn", "yt": "YouTube"}
# Non-social sources, by a word in the source's name -> channel (kind Other).
OTHER_SOURCES = (
    ("search", "Search"),
    ("email", "Email"),
    ("e-mail", "Email"),
    ("direct", "Web"),
    ("web", "Web"),
    ("referral", "Referral"),
    ("word of mouth", "Referral"),
    ("partner", "Referral"),
)
# Stages as CRMs write them (HubSpot lifecycle stages and their internal values, deal
# stages, Salesforce lead statuses, Pipedrive deal statuses) -> the contract's stage.
STAGES = {
    **STAGE_ALIASES,
    "subscriber": "Lead",
    "lead": "Lead",
    "other": "Lead",
    "marketing qualified lead": "MQL",
    "marketingqualifiedlead": "MQL",
    "mql": "MQL",
    "sales qualified lead": "SQL",
    "salesqualifiedlead": "SQL",
    "sql": "SQL",
    "opportunity": "Opportunity",
    "customer": "Won",
    "evangelist": "Won",
    "closedwon": "Won",
    "won": "Won",
    "closedlost": "Lost",
    "lost": "Lost",
    "open - not contacted": "Lead",
    "working - contacted": "Lead",
    "closed - not converted": "Lead",
    "nurturing": "Lead",
    "unqualified": "Lead",
    "qualified": "SQL",
    "closed - converted": "SQL",
    "open": "Opportunity",
}
NO_ID = N_("rows without an ID")
NO_CREATED = N_("rows without a create date")
SCORE_CAPPED = N_("scores above 100 (kept as 100)")
WORD = re.compile(r"[a-z0-9]+")


def source_channel(source: str, detail: str = "") -> tuple[str, str]:
    """A lead's first-touch source as a channel and its kind: a social source is named by
    its network (Paid Social + LinkedIn -> LinkedIn), search, email, web and referrals are
    channels of kind Other."""
    for text in (normalize(detail), normalize(source)):
        words = WORD.findall(text)
        for key, name in NETWORKS.items():
            if key in text:
                return name, SOCIAL
        for word in words:
            if word in SHORT_NETWORKS:
                return SHORT_NETWORKS[word], SOCIAL
    key = normalize(source)
    if "social" in key:
        return (detail.strip() or "Social"), SOCIAL
    for word, name in OTHER_SOURCES:
        if word in key:
            return name, OTHER
    return (source.strip() or "Unknown"), OTHER


def stage_of(text: str, default: str) -> str:
    return STAGES.get(normalize(text), default)


@dataclass(frozen=True)
class LeadLayout:
    """Which fields of a CRM format hold what; absent fields stay blank."""

    default_stage: str  # a stage the CRM names and the contract does not (custom pipelines)
    id_fields: tuple[str, ...] = ("id",)
    stage_field: str = "stage"
    status_field: str | None = None  # Pipedrive: won/lost/open decides before the stage
    # Put before the CRM's own ID when its numbers are per object (a HubSpot contact and
    # a deal may both be 5101): the Lead ID names the object, so they never clash.
    id_prefix: str = ""


def read_leads(export: Export, layout: LeadLayout) -> Parsed:
    reader = Reader(export)
    leads = []
    for line, cells in export.rows:
        lead_id = next(
            (reader.text(cells, f) for f in layout.id_fields if reader.text(cells, f)), ""
        )
        if not lead_id:
            reader.skip(NO_ID)
            continue
        created = reader.day(line, cells, "created")
        if created is None:
            if not reader.text(cells, "created"):
                reader.skip(NO_CREATED)
            continue
        stage = stage_of(reader.text(cells, layout.stage_field), layout.default_stage)
        if layout.status_field and reader.text(cells, layout.status_field):
            status = stage_of(reader.text(cells, layout.status_field), layout.default_stage)
            stage = status if status in ("Won", "Lost") else stage
        source, kind = source_channel(
            reader.text(cells, "source"), reader.text(cells, "source_detail")
        )
        converted = reader.text(cells, "latest_source")
        converted_via = (
            source_channel(converted, reader.text(cells, "latest_detail"))[0] if converted else None
        )
        score = reader.number(line, cells, "score") if reader.has("score") else None
        if score is not None and score > 100:
            reader.change(SCORE_CAPPED)
            score = 100.0
        won = stage == "Won"
        leads.append(
            LeadRecord(
                lead_id=layout.id_prefix + lead_id,
                created=created,
                source=source,
                source_kind=kind,
                score=score,
                stage=stage,
                social_assist=reader.yes_no(line, cells, "social_assist"),
                converted_via=converted_via,
                won_date=reader.day(line, cells, "won_date") if won else None,
                revenue=reader.number(line, cells, "revenue") if won else None,
                campaign=reader.text(cells, "campaign"),
                currency=reader.text(cells, "currency").upper() or None,
                own_id=lead_id if layout.id_prefix else "",
            )
        )
    return reader.finish(leads=tuple(leads))


def crm_format(title: str, headers: dict, required: tuple[str, ...], **layout) -> Format:
    """A CRM export's Format: its headers, and the LeadLayout fields its rows are read by."""
    fixed = LeadLayout(**layout)
    return Format(
        title=title,
        kind=CRM,
        headers=headers,
        required=required,
        read=lambda export: read_leads(export, fixed),
    )
