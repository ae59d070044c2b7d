"""The report's words as the `pdf` catalog gives them in one language, for assertions."""

from __future__ import annotations

from roi_report.language import Messages, use_language

PDF = Messages("pdf")


def said(language: str, message: str, context: str | None = None) -> str:
    """`message` (the English msgid) as a report in `language` prints it."""
    with use_language(language):
        return PDF.pgettext(context, message) if context else PDF.gettext(message)
