"""Words of the template for contract v1.1: the Touches sheet and the Goals column Start.

Kept apart from `instructions` so the v1.1 additions read in one place; English here, the
other languages in the `template` gettext catalogs.
"""

from __future__ import annotations

from roi_report.language import N_, messages_for, use_language

_ = messages_for(__name__).gettext

HEADING = N_("Touches — optional: each lead's journey")
PARAGRAPHS = (
    N_(
        "If your CRM exports the interaction history of your leads, paste it on the "
        "Touches sheet: one row per interaction of a lead with a channel (an ad click, a "
        "post engagement, an email click, a webinar visit) with the lead's Lead ID from "
        "the Leads sheet, the Date and the Channel. Write Deal creation in the Touch "
        "column of the interaction after which a deal was opened. The report then credits "
        "the revenue of each won deal to the channels along its journey, with nine "
        "attribution models side by side (first touch, last touch, linear, U-shaped, "
        "W-shaped, full path, time decay, J-shaped and inverse J). Leave the sheet empty "
        "if you have no such history."
    ),
    N_(
        "Goals with a Deadline are paced: the report compares what was achieved since the "
        "goal's Start (blank: the Period start) with what was expected by now, and says "
        "whether the goal is on track, behind or at risk."
    ),
)

COLUMN_NOTES = {
    ("Goals", "start"): N_(
        "Optional: the first day of the goal's window, for pacing toward the Deadline; "
        "blank = Period start."
    ),
    ("Touches", "lead_id"): N_("The lead's Lead ID, as on the Leads sheet."),
    ("Touches", "date"): N_("Date of the interaction."),
    ("Touches", "channel"): N_("Channel of the interaction, from the Channels sheet."),
    ("Touches", "campaign"): N_("Optional: the campaign of the interaction."),
    ("Touches", "touch"): N_(
        "Optional: Deal creation for the interaction after which a deal was opened; "
        "anything else, or blank, is a plain interaction."
    ),
}


def touches_section(language: str) -> tuple[str, list[str]]:
    """(heading, paragraphs) of the Instructions' v1.1 section."""
    with use_language(language):
        return _(HEADING), [_(text) for text in PARAGRAPHS]


def v11_column_note(table: str, key: str, language: str) -> str | None:
    """The note of a v1.1 column, or None for a column of contract v1."""
    text = COLUMN_NOTES.get((table, key))
    if text is None:
        return None
    with use_language(language):
        return _(text)
