"""The names readers see for the metrics' own keys: attribution models and pace statuses.

Marked here, beside the keys they name, and kept in the `metrics` catalog, so the ROI sheets
and the PDF say them alike. Translating is the caller's: `metric_word(key_name)`.
"""

from __future__ import annotations

from roi_report.language import N_, messages_for

MODEL_NAMES = {
    "first_touch": N_("First touch"),
    "last_touch": N_("Last touch"),
    "linear": N_("Linear"),
    "u_shaped": N_("U-shaped"),
    "w_shaped": N_("W-shaped"),
    "full_path": N_("Full path"),
    "time_decay": N_("Time decay"),
    "j_shaped": N_("J-shaped"),
    "inverse_j": N_("Inverse J"),
}

STATUS_WORDS = {
    "met": N_("Met"),
    "missed": N_("Missed"),
    "on_track": N_("On track"),
    "behind": N_("Behind"),
    "at_risk": N_("At risk"),
}

# A catalog lookup when called, in the language active then; nothing is read at import.
metric_word = messages_for(__name__).gettext
