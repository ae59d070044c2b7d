"""Make the report's texts fit their boxes before WeasyPrint lays them out.

A headline card holds one line: a figure a little too wide for it is set smaller (down to
70 %, in the steps of report.css's `fit-90` … `fit-70`), and an amount of 10^12 (IDR, VND,
KRW, HUF) that would not fit even so is written in the locale's compact form (`IDR2.5T`,
`2,5 Bio. IDR`). The running header and
the footer hold one line beside the section title and "Page 2 of 10": a long client or
agency name is cut with an ellipsis. Widths are measured with the shipped font's own
advance widths (a character it lacks counts as a full em, two for East Asian wide ones),
so the decision does not depend on WeasyPrint.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from babel.numbers import (
    NumberFormatError,
    parse_decimal,
)

from roi_report.language import LOCALES
from roi_report.resources import templates_dir

PT_MM = 25.4 / 72
TEXT_WIDTH_MM = 170.0  # A4 less 20 mm margins; Letter is wider
# Content widths of the cards (report.css: .kpis gap 4 mm, .kpi paddings), less a margin
# for what the estimate cannot see (kerning, tabular figures, letter spacing).
SAFETY = 0.97
LARGE_CARD_MM = ((TEXT_WIDTH_MM - 2 * 4) / 3 - 8) * SAFETY
SMALL_CARD_MM = ((TEXT_WIDTH_MM - 3 * 4) / 4 - 7) * SAFETY
PAIR_CARD_MM = (60 - 7) * SAFETY
LARGE_VALUE_PT, SMALL_VALUE_PT, NOTE_PT, MARGIN_PT = 19.0, 12.5, 7.5, 7.5
# The page's margin boxes (report.css): header and footer text beside the section title and
# the page counter, which keep the rest of the line.
RUNNING_MM = TEXT_WIDTH_MM * 0.66 * SAFETY
FOOTER_MM = TEXT_WIDTH_MM * 0.72 * SAFETY
WEIGHT_FILES = {400: "Inter-Regular.ttf", 500: "Inter-Medium.ttf", 600: "Inter-SemiBold.ttf"}
BOLD_FILE = "Inter-Bold.ttf"
ELLIPSIS = "…"
SCALES = (90, 80, 70)  # percent of the card's figure size, as report.css's fit-N classes
NUMBER = re.compile(r"\d(?:[\d.,\u00a0\u202f ]*\d)?")


@functools.lru_cache(maxsize=4)
def _advances(weight: int) -> tuple[dict[int, float], float]:
    """Advance widths in em by code point, and the em of a missing character."""
    from fontTools.ttLib import TTFont

    path = templates_dir() / "fonts" / WEIGHT_FILES.get(weight, BOLD_FILE)
    with TTFont(path, lazy=True) as font:
        per_em = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        widths = {code: metrics[glyph][0] / per_em for code, glyph in font.getBestCmap().items()}
    return widths, 1.0


def text_width_mm(text: str, size_pt: float, weight: int = 400) -> float:
    widths, missing = _advances(weight)
    # Bold figures are set with letter-spacing: -0.01em (report.css .kpi-value).
    ems = -0.01 * len(text) if weight == 700 else 0.0
    for ch in text:
        width = widths.get(ord(ch))
        if width is None:
            wide = unicodedata.east_asian_width(ch) in ("W", "F")
            width = 2 * missing if wide else missing
        ems += width
    return ems * size_pt * PT_MM


def ellipsize(text: str, width_mm: float, size_pt: float = MARGIN_PT, weight: int = 400) -> str:
    """`text` cut at a word (or a character, for a long word) with an ellipsis so that it
    takes at most `width_mm`; unchanged when it fits."""
    if text_width_mm(text, size_pt, weight) <= width_mm:
        return text
    room = width_mm - text_width_mm(ELLIPSIS, size_pt, weight)
    kept = ""
    for ch in text:
        if text_width_mm(kept + ch, size_pt, weight) > room:
            break
        kept += ch
    word_cut = kept.rstrip()
    if " " in word_cut and len(word_cut) - word_cut.rfind(" ") < 12:
        word_cut = word_cut[: word_cut.rfind(" ")]  # cut before a short broken word
    return word_cut.rstrip(" ,;:·-–—") + ELLIPSIS


def fit_running_title(title: str, client: str, width_mm: float = RUNNING_MM) -> str:
    """The running header "Client · period": the client's name is cut, the period kept."""
    if text_width_mm(title, MARGIN_PT) <= width_mm:
        return title
    if client and title.startswith(client) and len(title) > len(client):
        rest = title[len(client) :]
        room = width_mm - text_width_mm(rest, MARGIN_PT)
        if room > width_mm / 3:
            return ellipsize(client, room) + rest
    return ellipsize(title, width_mm)


def _amount(text: str, locale: str) -> Decimal | None:
    try:
        return parse_decimal(text.replace("\u202f", "\u00a0"), locale=locale, strict=False)
    except (NumberFormatError, InvalidOperation, ValueError):
        return None


def compact(text: str, currency: str, language: str) -> str:
    """The amounts and counts in `text` written short (`IDR2.5T`, `3,6 Bio.`)."""
    from roi_report.pdf.formatting import (
        format_compact_count,
        format_compact_money,
        format_money,
    )

    locale = LOCALES.get(language, "en_US")
    for match in sorted(NUMBER.findall(text), key=len, reverse=True):
        value = _amount(match, locale)
        if value is None or abs(value) < 10_000:
            continue
        money = format_money(float(value), currency, language)
        if money in text:
            text = text.replace(money, format_compact_money(float(value), currency, language))
        elif match in text:
            text = text.replace(match, format_compact_count(float(value), language))
    return text


def fit_amount(
    text: str, width_mm: float, size_pt: float, currency: str, language: str, weight: int = 700
) -> str:
    """`text` as it is when it fits `width_mm`, else with its figures in compact form."""
    if not text or text_width_mm(text, size_pt, weight) <= width_mm:
        return text
    return compact(text, currency, language)


def _fit_note(text: str, width_mm: float, currency: str, language: str) -> str:
    """A card's small print wraps at its spaces: only a figure (joined by no-break spaces)
    wider than the card is written short."""
    widest = max((text_width_mm(word, NOTE_PT) for word in text.split(" ")), default=0.0)
    return compact(text, currency, language) if widest > width_mm else text


def _fit_card(card, width_mm: float, size_pt: float, currency: str, language: str):
    card = replace(card, previous=_fit_note(card.previous, width_mm, currency, language))
    if text_width_mm(card.value, size_pt, 700) <= width_mm:
        return card
    for scale in SCALES:
        if text_width_mm(card.value, size_pt * scale / 100, 700) <= width_mm:
            return replace(card, value_class=f"fit-{scale}")
    return replace(card, value=fit_amount(card.value, width_mm, size_pt, currency, language))


def _fit_summary(summary, currency: str, lang: str):
    return replace(
        summary,
        kpis=tuple(
            _fit_card(k, LARGE_CARD_MM, LARGE_VALUE_PT, currency, lang) for k in summary.kpis
        ),
        more_kpis=tuple(
            _fit_card(k, SMALL_CARD_MM, SMALL_VALUE_PT, currency, lang) for k in summary.more_kpis
        ),
    )


def _fit_lead_costs(section, currency: str, lang: str):
    if not section.has_data:
        return section
    fitted = {
        name: replace(
            card,
            cost_per_lead=fit_amount(
                card.cost_per_lead, PAIR_CARD_MM, SMALL_VALUE_PT, currency, lang
            ),
        )
        for name in ("social", "other")
        for card in [getattr(section, name)]
    }
    return replace(section, **fitted)


FITTERS = {"summary": _fit_summary, "lead_costs": _fit_lead_costs}


def fit_context(context, *, client: str, currency: str):
    """The report context with its headline cards, header and footer made to fit."""
    lang = context.language
    parts = tuple(
        replace(part, content=FITTERS[part.name](part.content, currency, lang))
        if part.name in FITTERS
        else part
        for part in context.parts
    )
    style = replace(
        context.style,
        running_title=fit_running_title(context.style.running_title, client),
        footer=ellipsize(context.style.footer, FOOTER_MM),
    )
    return replace(context, parts=parts, style=style)
