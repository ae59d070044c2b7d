"""Turn one raw cell value into a typed value, or say in plain words what is wrong with it.

Each parser returns the value, or raises `BadValue` with the text a user reads after the
cell reference. The formula sheets convert the same inputs the same way (see `formulas`).
"""

from __future__ import annotations

import calendar
import contextlib
import difflib
import math
import re
from datetime import date, datetime, time, timedelta

from roi_report.language import N_, messages_for

_ = messages_for(__name__).gettext

EXCEL_ERRORS = {
    "#DIV/0!",
    "#N/A",
    "#NAME?",
    "#NULL!",
    "#NUM!",
    "#REF!",
    "#VALUE!",
    "#SPILL!",
    "#CALC!",
    "#GETTING_DATA",
}
EXCEL_EPOCH = date(1899, 12, 30)
# Serial numbers a user may have typed as dates: 1990-01-01 .. 2099-12-31.
SERIAL_RANGE = (32874, 73415)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Dates typed as text in other orders: 14/03/2025, 14.03.2025, 3-14-25, 2025/03/14.
DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})$")
YEAR_MONTH_DAY = re.compile(r"^(\d{4})[./-](\d{1,2})[./-](\d{1,2})$")
# A CRM timestamp: 2025-07-03 14:22, 2025-07-03T14:22:05.123Z, 2025-07-03T14:22+02:00. The
# day is the date as written (the formula sheets read the same first ten characters).
DATE_WITH_TIME = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[ T]([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?"
    r"(Z|[+-]\d{2}:?\d{2})?$"
)
MONTH_NAME_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y")
PERCENT_TEXT = re.compile(r"^([0-9]+(?:[.,][0-9]+)?)%$")
# Text that a person would read as a number: 1250, 1,250.00, $ 1 250, 12.5 €, (300).
NUMBER_TEXT = re.compile(r"^[-+(]?\s*[$€£¥]?\s*[-+]?[0-9][0-9 ,.'\u00a0]*\s*[$€£¥%]?\s*\)?$")
PLAIN_NUMBER_TEXT = re.compile(r"^[-+]?[0-9]+(\.[0-9]+)?$")
# NUMBER_TEXT backtracks in cubic time on a long run of spaces ("1" + 4,000 spaces + "x"
# takes minutes): only texts as short as a typed number are tried against it.
NUMBER_TEXT_LENGTH = 64
MAX_TEXT = 32_767  # characters in one cell, in Excel
# No business has an amount or a count this large; products and sums of figures below it
# stay finite and exact enough, where 1e26 overflowed the PDF's number formatting.
MAX_MAGNITUDE = 1e15
# A colour: #RRGGBB or the #RGB shorthand, the whole text (no line break after it).
COLOR = re.compile(r"#(?:[0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})")
TIME_NOT_NUMBER = N_(
    "{value} is a time of day, not {what} — enter a number such as {example} "
    "(and format the cell as a number)"
)
DATE_NOT_NUMBER = N_(
    "{value} is a date, not {what} — enter a number such as {example} "
    "(and format the cell as a number)"
)
DATE_HINT = N_("write it as 2025-03-14 (year-month-day) or enter it as an Excel date")


class BadValue(ValueError):
    pass


AMOUNT = "#,##0.00"


def number_text(value: float, pattern: str = "#,##0.###") -> str:
    """A figure as the language of the messages writes it: 32,767 / 32.767 / 32 767."""
    from babel.numbers import format_decimal

    from roi_report.language import active_language, locale_of

    return format_decimal(value, format=pattern, locale=locale_of(active_language()))


def excel_trim(text: str) -> str:
    """What Excel's TRIM does: strip spaces at both ends and fold inner runs of spaces."""
    return re.sub(" {2,}", " ", text.strip(" "))


def text_key(text: str) -> str:
    """How Excel compares two texts: trimmed and regardless of case."""
    return excel_trim(text).lower()


def shown(value: object) -> str:
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # spreadsheets store 12 as 12.0; users typed 12
    return str(value)


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _refuse_errors_and_booleans(value: object, what: str, example: str) -> None:
    """Excel error values (#DIV/0!, #N/A, ...) and TRUE/FALSE are never numbers or dates."""
    if isinstance(value, str) and value.strip() in EXCEL_ERRORS:
        raise BadValue(
            _(
                "the cell shows the error {error} — fix the formula there or type "
                "{what} such as {example}"
            ).format(error=value.strip(), what=_(what), example=example)
        )
    if isinstance(value, bool):
        raise BadValue(
            _("{value} is a TRUE/FALSE value, not {what} — type {what} such as {example}").format(
                value=shown(value), what=_(what), example=example
            )
        )


def _real_date(year: int, month: int, day: int, value: object) -> date:
    """The date, or a BadValue saying which part cannot be right."""
    if not 1 <= month <= 12:
        raise BadValue(
            _("{value} is not a real date — there is no month {month}").format(
                value=shown(value), month=month
            )
        )
    if not 1900 <= year <= 9999:
        raise BadValue(_("{value} is not a real date — check the year").format(value=shown(value)))
    try:
        return date(year, month, day)
    except ValueError:
        last = calendar.monthrange(year, month)[1]
        raise BadValue(
            _("{value} is not a real date — {month} has {days} days").format(
                value=shown(value), month=month_name(date(year, month, 1)), days=last
            )
        ) from None


def month_name(day: date) -> str:
    """ "February 2025" in the language of the messages."""
    from babel.dates import format_date

    from roi_report.language import active_language, locale_of

    return format_date(day, "LLLL y", locale=locale_of(active_language()))


def _date_text_hint(text: str, value: object) -> str:
    """Why a text date is refused, with the ISO spelling to use when it can be worked out."""
    ymd = YEAR_MONTH_DAY.match(text)
    if ymd:
        year, month, day = (int(part) for part in ymd.groups())
        iso = _real_date(year, month, day, value).isoformat()
        return _TEXT_DATE().format(value=shown(value), iso=iso)
    dmy = DAY_MONTH_YEAR.match(text)
    if dmy:
        first, second, year = (int(part) for part in dmy.groups())
        if len(dmy.group(3)) == 2:
            year += 2000
        readings = []
        for day, month in ((first, second), (second, first)):
            if 1 <= month <= 12:
                with contextlib.suppress(ValueError):
                    readings.append(date(year, month, day).isoformat())
        readings = sorted(set(readings))
        if not readings:
            raise BadValue(
                _("{value} is not a real date — check the day and the month").format(
                    value=shown(value)
                )
            )
        if len(readings) == 1:
            spelled = readings[0]
        else:
            spelled = _("{first} or {second}, whichever you mean").format(
                first=readings[0], second=readings[1]
            )
        return _TEXT_DATE().format(value=shown(value), iso=spelled)
    for pattern in MONTH_NAME_FORMATS:
        try:
            iso = datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
        return _TEXT_DATE().format(value=shown(value), iso=iso)
    return _("{value} is not a date the tool can read — {hint}").format(
        value=shown(value), hint=_(DATE_HINT)
    )


def _TEXT_DATE() -> str:  # noqa: N802 — one sentence, three uses
    return _("{value} is text, not a date — write it as {iso} (year-month-day)")


def _hidden_characters(value: object, clean: str) -> str:
    return _(
        "{value} has a hidden character in it (a tab, line break or non-breaking "
        "space) — retype it as {clean}"
    ).format(value=shown(value), clean=clean)


def to_date(value: object) -> date:
    """An Excel date, a date serial number, or ISO text such as '2025-03-14'."""
    _refuse_errors_and_booleans(value, N_("a date"), "2025-03-14")
    if isinstance(value, date):
        day = value.date() if isinstance(value, datetime) else value
        if not 1900 <= day.year <= 9999:
            raise BadValue(
                _(
                    "{value} is outside the dates a spreadsheet holds (1900-01-01 to "
                    "9999-12-31) — check the year, or enter {example}"
                ).format(value=shown(value), example=_DATE_EXAMPLE())
            )
        return day
    if isinstance(value, time):
        raise BadValue(
            _("{value} is a time of day, not a date — enter {example}").format(
                value=value.isoformat(), example=_DATE_EXAMPLE()
            )
        )
    if isinstance(value, (int, float)):
        if SERIAL_RANGE[0] <= value <= SERIAL_RANGE[1]:
            return EXCEL_EPOCH + timedelta(days=int(value))
        raise BadValue(
            _("{value} is a number, not a date — enter {example}").format(
                value=shown(value), example=_DATE_EXAMPLE()
            )
        )
    # Spaces only, as Excel's TRIM in the formula sheets: they must read the same dates.
    text = str(value).strip(" ")
    stamp = DATE_WITH_TIME.match(text)
    if ISO_DATE.match(text) or stamp:
        year, month, day = (int(part) for part in text[:10].split("-"))
        return _real_date(year, month, day, value)
    if text != text.strip():
        raise BadValue(_hidden_characters(value, text.strip()))
    raise BadValue(_date_text_hint(text, value))


# Looked up when a problem is reported, not for every good cell (a CRM export has millions).
def _DATE_EXAMPLE() -> str:  # noqa: N802 — one phrase, three uses
    return _("a date such as 2025-03-14")


def _number(value: object, what: str, example: str, money: bool = False) -> float:
    _refuse_errors_and_booleans(value, what, example)
    if isinstance(value, (int, float)):
        if math.isnan(value) or math.isinf(value):
            raise BadValue(_NOT_A().format(value=shown(value), what=_(what), example=example))
        if abs(value) >= MAX_MAGNITUDE:
            raise BadValue(
                _(
                    "{value} is larger than any real figure (a thousand trillion or more) — "
                    "check the cell and enter {what} such as {example}"
                ).format(value=f"{value:,.6g}", what=_(what), example=example)
            )
        return float(value)
    if isinstance(value, timedelta):
        hours = value.total_seconds() / 3600
        raise BadValue(
            _(
                "{value} is a duration, not {what} — enter a number such as {example} "
                "(and format the cell as a number)"
            ).format(value=shown(value), what=_(what), example=f"{hours:g}")
        )
    if isinstance(value, (date, time)):
        message = _(TIME_NOT_NUMBER if isinstance(value, time) else DATE_NOT_NUMBER)
        raise BadValue(message.format(value=shown(value), what=_(what), example=example))
    text = str(value).strip()
    if PLAIN_NUMBER_TEXT.match(text):
        raise BadValue(
            _(
                "{value} is stored as text, not as a number — retype it as a number "
                "(in Excel: select the cells, click the warning sign, Convert to Number)"
            ).format(value=shown(value))
        )
    if (
        len(text) <= NUMBER_TEXT_LENGTH
        and NUMBER_TEXT.match(text)
        and any(ch.isdigit() for ch in text)
    ):
        # Advice that fits the column: a score or an hour count is no money.
        if money:
            message = _(
                "{value} is text, not {what} — type the number alone, such as {example}, "
                "without currency signs or thousands separators"
            )
        else:
            message = _(
                "{value} is text, not {what} — type the number alone, such as {example}, "
                "without signs, units or separators"
            )
        raise BadValue(message.format(value=shown(value), what=_(what), example=example))
    raise BadValue(_NOT_A().format(value=shown(value), what=_(what), example=example))


def _NOT_A() -> str:  # noqa: N802 — one sentence, two uses
    return _("{value} is not {what} — enter a number such as {example}")


def to_amount(value: object) -> float:
    amount = _number(value, N_("an amount"), "1250.00", money=True)
    if amount < 0:
        raise BadValue(
            _("{value} is negative — enter costs and amounts as positive numbers").format(
                value=shown(value)
            )
        )
    return amount


def to_quantity(value: object) -> float:
    number = _number(value, N_("a number"), "12")
    if number < 0:
        raise BadValue(
            _("{value} is negative — enter zero or a positive number").format(value=shown(value))
        )
    return number


def to_score(value: object) -> float:
    score = _number(value, N_("a score"), "65")
    if not 0 <= score <= 100:
        raise BadValue(
            _("{value} is outside 0–100 — lead scores run from 0 to 100").format(value=shown(value))
        )
    return score


def to_share(value: object) -> float:
    """A percent: 0.4 or the text '40%' / '40 %'. A bare 40 is refused as ambiguous."""
    _refuse_errors_and_booleans(value, N_("a percent"), "40% (or 0.4)")
    if isinstance(value, (int, float)):
        if math.isnan(value) or math.isinf(value):
            raise BadValue(_NOT_A_PERCENT().format(value=shown(value), hint=_PERCENT_HINT()))
        share = float(value)
        if share > 1:
            raise BadValue(_share_above_one(value, share))
    else:
        # Spaces only, as SUBSTITUTE(cell," ","") in the formula sheets.
        text = str(value).replace(" ", "")
        match = PERCENT_TEXT.match(text)
        if not match and PERCENT_TEXT.match("".join(text.split())):
            raise BadValue(_hidden_characters(value, "".join(text.split())))
        if not match:
            if PLAIN_NUMBER_TEXT.match(text):
                raise BadValue(
                    _(
                        "{value} is stored as text — type it as a number or a percent, "
                        "such as 40% (or 0.4)"
                    ).format(value=shown(value))
                )
            raise BadValue(_NOT_A_PERCENT().format(value=shown(value), hint=_PERCENT_HINT()))
        share = float(match.group(1).replace(",", ".")) / 100
        if share > 1:
            raise BadValue(
                _("{value} is more than 100 % — {hint}; 100% is the most").format(
                    value=shown(value), hint=_PERCENT_HINT()
                )
            )
    if share < 0:
        raise BadValue(
            _("{value} is negative — {hint}").format(value=shown(value), hint=_PERCENT_HINT())
        )
    return share


def _NOT_A_PERCENT() -> str:  # noqa: N802 — one sentence, two uses
    return _("{value} is not a percent — {hint}")


def _PERCENT_HINT() -> str:  # noqa: N802 — looked up when a problem is reported
    return _("enter it as a percent such as 40% (or 0.4)")


def _share_above_one(value: object, share: float) -> str:
    """A number above 1 in a percent column. A whole number up to 100 may be a percent typed
    bare (40 for 40 %); anything else is a cell showing more than 100 % (1.5 shows 150 %)."""
    if share.is_integer() and share <= 100:
        return _(
            "{value} is ambiguous as a percent — write {percent}% or "
            "{fraction} if you mean {percent} percent (as a percent it is "
            "{shown_percent} %, above 100 %)"
        ).format(
            value=shown(value),
            percent=f"{share:g}",
            fraction=f"{share / 100:g}",
            shown_percent=number_text(share * 100, "#,##0"),
        )
    return _(
        "{value} is {percent} % as a percent, above 100 % — a share runs from "
        "0 to 100 %; enter it as a percent such as 40% (or 0.4)"
    ).format(
        value=shown(value),
        percent=number_text(share * 100, "#,##0.#"),
    )


def to_text_needs_work(value: str) -> bool:
    """False for a text that is neither blank nor too long, and that TRIM leaves as it is and
    that cannot be an error value: such a text is its own typed value."""
    return not (
        value[:1] not in " #"
        and value[-1:] != " "
        and "  " not in value
        and len(value) <= MAX_TEXT
        and not value.isspace()
    )


def to_text(value: object) -> str:
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise BadValue(
            _(
                "{value} is {length} characters long, more than a cell holds ({limit}) — shorten it"
            ).format(
                value=shown(value), length=number_text(len(value)), limit=number_text(MAX_TEXT)
            )
        )
    if value.__class__ is str and not to_text_needs_work(value):
        return value  # the common case, already what TRIM gives
    if isinstance(value, str) and value.strip() in EXCEL_ERRORS:
        raise BadValue(
            _("the cell shows the error {error} — fix the formula there or type the text").format(
                error=value.strip()
            )
        )
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return excel_trim(str(value)) if value is not None else ""


def to_color(text: str) -> str:
    """A colour as #RRGGBB in capitals; #abc is #AABBCC, as in CSS."""
    if not COLOR.fullmatch(text):
        raise BadValue(
            _("{value} is not a colour — write it as #RRGGBB (e.g. #1F3A5F) or #RGB").format(
                value=shown(text)
            )
        )
    digits = text[1:].upper()
    return "#" + (digits if len(digits) == 6 else "".join(d * 2 for d in digits))


KNOWN_LISTED = 20


def nearest(value: str, known: list[str]) -> str:
    """' — did you mean 'X'?' when one known name is close, else the list of known names."""
    lowered = {k.lower(): k for k in known}
    close = (  # long texts are not typos, and difflib takes quadratic time on them
        difflib.get_close_matches(value.lower(), list(lowered), n=1, cutoff=0.6)
        if len(value) <= 100
        else []
    )
    if close:
        return _("did you mean '{name}'?").format(name=lowered[close[0]])
    listed = [k if len(k) <= 60 else k[:57] + "..." for k in known[:KNOWN_LISTED]]
    if len(known) > KNOWN_LISTED:
        return _("use one of: {names} (and {more} more)").format(
            names=", ".join(listed), more=number_text(len(known) - KNOWN_LISTED)
        )
    return _("use one of: {names}").format(names=", ".join(listed))


def to_choice(
    value: object, choices: tuple[str, ...] | list[str], what: str, aliases: dict | None = None
) -> str:
    """One of `choices`, in any case; `aliases` maps other spellings (lower case) that CRMs
    export, such as 'closed won', to a choice."""
    text = to_text(value)
    by_key = {c.lower(): c for c in choices}
    if text.lower() in by_key:
        return by_key[text.lower()]
    if aliases and text.lower() in aliases:
        return aliases[text.lower()]
    raise BadValue(
        _("{value} is not a known {what} — {hint}").format(
            value=shown(value), what=what, hint=nearest(text, list(choices))
        )
    )
