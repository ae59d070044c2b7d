"""Formatting: the only way figures reach the PDF (and the email and batch summary).

Numbers go through `format_money`, `format_pct`, `format_count` and `format_change` only:
tests format the JSON figures with the same functions and look for the result in the PDF's
text. Babel formats them in the locale of the report's language.
"""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal, getcontext, localcontext

from babel import Locale
from babel.dates import format_date, format_interval
from babel.numbers import (
    format_compact_currency,
    format_compact_decimal,
    format_currency,
    format_decimal,
    parse_pattern,
)

from roi_report.language import LOCALES, messages_for, use_language
from roi_report.workbook.periods import is_whole_months

_ = messages_for(__name__).gettext
pgettext = messages_for(__name__).pgettext
NO_FIGURE = "—"  # a table cell or a date with nothing to show, in every language


def _locale(language: str) -> str:
    try:
        return LOCALES[language]
    except KeyError:
        raise ValueError(
            f"unsupported report language {language!r}; use one of " + ", ".join(LOCALES)
        ) from None


def _number(value: float) -> Decimal:
    """The float as the decimal it prints as (repr), so rounding is decimal rounding."""
    if isinstance(value, bool) or not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    number = Decimal(repr(float(value))) if isinstance(value, float) else Decimal(value)
    return number + 0  # -0 -> 0


def not_available(language: str) -> str:
    with use_language(language):
        # Translators: a figure that cannot be worked out (ROI with no investment).
        return _("n/a")


def quote(name: str, language: str) -> str:
    """A name (a channel, a goal) quoted inside a sentence, as the language quotes."""
    with use_language(language):
        return pgettext("quotation marks around a name", "\u201c{name}\u201d").format(name=name)


def format_money(value: float | None, currency: str, language: str) -> str:
    """An amount in the report's currency and locale: `180 000,00 zł`, `1.250,00 €`."""
    if value is None:
        return not_available(language)
    number = _number(value)
    if number == 0:
        number = Decimal(0)
    with _every_digit():
        return format_currency(number, currency, locale=_locale(language))


def _pattern_number(value: Decimal, language: str, pattern: str, digits: tuple[int, int]):
    compiled = parse_pattern(pattern)
    compiled.frac_prec = digits
    with _every_digit():
        return compiled.apply(value, Locale.parse(_locale(language)))


def _every_digit():
    """Room for every digit of a finite float and its decimals: Babel rounds in the current
    decimal context, whose 28 digits fail on 1e28 and more."""
    context = getcontext().copy()
    context.prec = 400
    return localcontext(context)


def format_pct(value_pct: float | None, language: str, digits: int = 1) -> str:
    """A figure in percent units (176.9 means 176.9 %) in the locale: `176,9 %` in fr."""
    if value_pct is None:
        return not_available(language)
    number = _number(value_pct) / 100
    pattern = Locale.parse(_locale(language)).percent_formats[None].pattern
    text = _pattern_number(number, language, pattern, (digits, digits))
    return _no_negative_zero(text)


def format_count(value: float | None, language: str) -> str:
    """A count: whole numbers without decimals, fractional counts with up to two."""
    if value is None:
        return not_available(language)
    number = _number(value)
    pattern = Locale.parse(_locale(language)).decimal_formats[None].pattern
    return _no_negative_zero(_pattern_number(number, language, pattern, (0, 2)))


def format_score(value: float, language: str) -> str:
    return format_decimal(_number(value), locale=_locale(language))


def format_change(value: float | None, language: str, *, points: bool = False) -> str:
    """A change with its sign: `+12.5%`, `−3,0 %`; percentage points with `points=True`."""
    if value is None:
        return not_available(language)
    if points:
        pattern = Locale.parse(_locale(language)).decimal_formats[None].pattern
        text = _pattern_number(_number(value), language, pattern, (1, 1))
        with use_language(language):
            points_unit = pgettext("abbreviation of percentage points", "pp")
        text = f"{_no_negative_zero(text)}\u00a0{points_unit}"
    else:
        text = format_pct(value, language)
    if not text.startswith("-") and _rounds_above_zero(value):
        text = "+" + text
    return text


def format_day(day: date | None, language: str, length: str = "long") -> str:
    if day is None:
        return NO_FIGURE
    return format_date(day, length, locale=_locale(language))


def format_period(start: date, end: date, language: str) -> str:
    """`July – September 2025`, `lipiec–wrzesień 2025`; days when not whole months."""
    skeleton = "yMMMM" if is_whole_months(start, end) else "yMMMMd"
    if start == end:
        return format_day(start, language)
    return format_interval(start, end, skeleton, locale=_locale(language))


def _rounds_above_zero(value: float) -> bool:
    return round(value, 1) > 0


def _no_negative_zero(text: str) -> str:
    if text.startswith("-") and not any(ch in "123456789" for ch in text):
        return text[1:]
    return text


def _written_in_full(value: float, locale: str) -> bool:
    """German writes thousands in full (CLDR's compact pattern "0", no "Tsd."): Babel then
    prints every digit of the float, 40181,670000000006 €."""
    magnitude = str(10 ** (len(str(int(abs(value)))) - 1))
    patterns = Locale.parse(locale).compact_decimal_formats["short"]["other"]
    return magnitude in patterns and patterns[magnitude].pattern == "0"


def format_compact_money(value: float, currency: str, language: str) -> str:
    """An amount written short for a chart label or a card too narrow for it (3.6 T)."""
    locale = _locale(language)
    if not value:
        return format_compact_currency(0, currency, locale=locale)
    if _written_in_full(value, locale):  # 40.182 €
        whole = Locale.parse(locale).currency_formats["standard"].pattern.replace(".00", "")
        return format_currency(round(value), currency, whole, locale=locale, currency_digits=False)
    return format_compact_currency(value, currency, locale=locale, fraction_digits=1)


def format_compact_count(value: float, language: str) -> str:
    locale = _locale(language)
    if _written_in_full(value, locale):
        return format_decimal(round(value), locale=locale)
    return format_compact_decimal(value, locale=locale, fraction_digits=1)
