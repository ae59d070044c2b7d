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
DATE_HINT = "write it as 2025-03-14 (year-month-day) or enter it as an Excel date"


class BadValue(ValueError):
    pass


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
            f"the cell shows the error {value.strip()} — fix the formula there or type "
            f"{what} such as {example}"
        )
    if isinstance(value, bool):
        raise BadValue(
            f"{shown(value)} is a TRUE/FALSE value, not {what} — type {what} such as {example}"
        )


def _real_date(year: int, month: int, day: int, value: object) -> date:
    """The date, or a BadValue saying which part cannot be right."""
    if not 1 <= month <= 12:
        raise BadValue(f"{shown(value)} is not a real date — there is no month {month}")
    if not 1900 <= year <= 9999:
        raise BadValue(f"{shown(value)} is not a real date — check the year")
    try:
        return date(year, month, day)
    except ValueError:
        last = calendar.monthrange(year, month)[1]
        raise BadValue(
            f"{shown(value)} is not a real date — {calendar.month_name[month]} {year} has "
            f"{last} days"
        ) from None


def _date_text_hint(text: str, value: object) -> str:
    """Why a text date is refused, with the ISO spelling to use when it can be worked out."""
    ymd = YEAR_MONTH_DAY.match(text)
    if ymd:
        year, month, day = (int(part) for part in ymd.groups())
        iso = _real_date(year, month, day, value).isoformat()
        return f"{shown(value)} is text, not a date — write it as {iso} (year-month-day)"
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
            raise BadValue(f"{shown(value)} is not a real date — check the day and the month")
        if len(readings) == 1:
            spelled = readings[0]
        else:
            spelled = f"{readings[0]} or {readings[1]}, whichever you mean"
        return f"{shown(value)} is text, not a date — write it as {spelled} (year-month-day)"
    for pattern in MONTH_NAME_FORMATS:
        try:
            iso = datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
        return f"{shown(value)} is text, not a date — write it as {iso} (year-month-day)"
    return f"{shown(value)} is not a date the tool can read — {DATE_HINT}"


def _hidden_characters(value: object, clean: str) -> str:
    return (
        f"{shown(value)} has a hidden character in it (a tab, line break or non-breaking "
        f"space) — retype it as {clean}"
    )


def to_date(value: object) -> date:
    """An Excel date, a date serial number, or ISO text such as '2025-03-14'."""
    example = "a date such as 2025-03-14"
    _refuse_errors_and_booleans(value, "a date", "2025-03-14")
    if isinstance(value, date):
        day = value.date() if isinstance(value, datetime) else value
        if not 1900 <= day.year <= 9999:
            raise BadValue(
                f"{shown(value)} is outside the dates a spreadsheet holds (1900-01-01 to "
                f"9999-12-31) — check the year, or enter {example}"
            )
        return day
    if isinstance(value, time):
        raise BadValue(f"{value.isoformat()} is a time of day, not a date — enter {example}")
    if isinstance(value, (int, float)):
        if SERIAL_RANGE[0] <= value <= SERIAL_RANGE[1]:
            return EXCEL_EPOCH + timedelta(days=int(value))
        raise BadValue(f"{shown(value)} is a number, not a date — enter {example}")
    # Spaces only, as Excel's TRIM in the formula sheets: they must read the same dates.
    text = str(value).strip(" ")
    stamp = DATE_WITH_TIME.match(text)
    if ISO_DATE.match(text) or stamp:
        year, month, day = (int(part) for part in text[:10].split("-"))
        return _real_date(year, month, day, value)
    if text != text.strip():
        raise BadValue(_hidden_characters(value, text.strip()))
    raise BadValue(_date_text_hint(text, value))


def _number(value: object, what: str, example: str, money: bool = False) -> float:
    _refuse_errors_and_booleans(value, what, example)
    if isinstance(value, (int, float)):
        if math.isnan(value) or math.isinf(value):
            raise BadValue(f"{shown(value)} is not {what} — enter a number such as {example}")
        if abs(value) >= MAX_MAGNITUDE:
            raise BadValue(
                f"{value:,.6g} is larger than any real figure (a thousand trillion or more) — "
                f"check the cell and enter {what} such as {example}"
            )
        return float(value)
    if isinstance(value, timedelta):
        hours = value.total_seconds() / 3600
        raise BadValue(
            f"{shown(value)} is a duration, not {what} — enter a number such as {hours:g} "
            "(and format the cell as a number)"
        )
    if isinstance(value, (date, time)):
        kind = "a time of day" if isinstance(value, time) else "a date"
        raise BadValue(
            f"{shown(value)} is {kind}, not {what} — enter a number such as {example} "
            "(and format the cell as a number)"
        )
    text = str(value).strip()
    if PLAIN_NUMBER_TEXT.match(text):
        raise BadValue(
            f"{shown(value)} is stored as text, not as a number — retype it as a number "
            "(in Excel: select the cells, click the warning sign, Convert to Number)"
        )
    if (
        len(text) <= NUMBER_TEXT_LENGTH
        and NUMBER_TEXT.match(text)
        and any(ch.isdigit() for ch in text)
    ):
        # Advice that fits the column: a score or an hour count is no money.
        extras = "currency signs or thousands separators" if money else "signs, units or separators"
        raise BadValue(
            f"{shown(value)} is text, not {what} — type the number alone, such as {example}, "
            f"without {extras}"
        )
    raise BadValue(f"{shown(value)} is not {what} — enter a number such as {example}")


def to_amount(value: object) -> float:
    amount = _number(value, "an amount", "1250.00", money=True)
    if amount < 0:
        raise BadValue(f"{shown(value)} is negative — enter costs and amounts as positive numbers")
    return amount


def to_quantity(value: object) -> float:
    number = _number(value, "a number", "12")
    if number < 0:
        raise BadValue(f"{shown(value)} is negative — enter zero or a positive number")
    return number


def to_score(value: object) -> float:
    score = _number(value, "a score", "65")
    if not 0 <= score <= 100:
        raise BadValue(f"{shown(value)} is outside 0–100 — lead scores run from 0 to 100")
    return score


def to_share(value: object) -> float:
    """A percent: 0.4 or the text '40%' / '40 %'. A bare 40 is refused as ambiguous."""
    hint = "enter it as a percent such as 40% (or 0.4)"
    _refuse_errors_and_booleans(value, "a percent", "40% (or 0.4)")
    if isinstance(value, (int, float)):
        if math.isnan(value) or math.isinf(value):
            raise BadValue(f"{shown(value)} is not a percent — {hint}")
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
                    f"{shown(value)} is stored as text — type it as a number or a percent, "
                    "such as 40% (or 0.4)"
                )
            raise BadValue(f"{shown(value)} is not a percent — {hint}")
        share = float(match.group(1).replace(",", ".")) / 100
        if share > 1:
            raise BadValue(f"{shown(value)} is more than 100 % — {hint}; 100% is the most")
    if share < 0:
        raise BadValue(f"{shown(value)} is negative — {hint}")
    return share


def _share_above_one(value: object, share: float) -> str:
    """A number above 1 in a percent column. A whole number up to 100 may be a percent typed
    bare (40 for 40 %); anything else is a cell showing more than 100 % (1.5 shows 150 %)."""
    if share.is_integer() and share <= 100:
        return (
            f"{shown(value)} is ambiguous as a percent — write {share:g}% or "
            f"{share / 100:g} if you mean {share:g} percent (as a percent it is "
            f"{share * 100:,.0f} %, above 100 %)"
        )
    return (
        f"{shown(value)} is {share * 100:,.4g} % as a percent, above 100 % — a share runs from "
        f"0 to 100 %; enter it as a percent such as 40% (or 0.4)"
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
            f"{shown(value)} is {len(value):,} characters long, more than a cell holds "
            f"({MAX_TEXT:,}) — shorten it"
        )
    if value.__class__ is str and not to_text_needs_work(value):
        return value  # the common case, already what TRIM gives
    if isinstance(value, str) and value.strip() in EXCEL_ERRORS:
        raise BadValue(
            f"the cell shows the error {value.strip()} — fix the formula there or type the text"
        )
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return excel_trim(str(value)) if value is not None else ""


def to_color(text: str) -> str:
    """A colour as #RRGGBB in capitals; #abc is #AABBCC, as in CSS."""
    if not COLOR.fullmatch(text):
        raise BadValue(
            f"{shown(text)} is not a colour — write it as #RRGGBB (e.g. #1F3A5F) or #RGB"
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
        return f"did you mean '{lowered[close[0]]}'?"
    listed = [k if len(k) <= 60 else k[:57] + "..." for k in known[:KNOWN_LISTED]]
    more = f" (and {len(known) - KNOWN_LISTED:,} more)" if len(known) > KNOWN_LISTED else ""
    return "use one of: " + ", ".join(listed) + more


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
    raise BadValue(f"{shown(value)} is not a known {what} — {nearest(text, list(choices))}")
