"""Numbers, dates and booleans as an export writes them, read by the export's language.

An export's number and date formats follow the language of the account's interface: the
same digits "1.234" are one thousand two hundred thirty-four in German and one point two
three four in English. So every text is read with the language recognized from the
headers, never guessed from its digits.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from roi_report.language import messages_for
from roi_report.workbook.values import EXCEL_EPOCH

_ = messages_for(__name__).gettext

# Languages whose decimal separator is a point; every other one writes a comma.
POINT_DECIMAL = {"en"}
# Languages that write dates month first (9/1/2026 is September 1).
MONTH_FIRST = {"en"}
EMPTY = {"", "--", "-", "—", "n/a", "N/A", "null", "(not set)"}
MONTHS_EN = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[ T,])")
NUMERIC_DATE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})\.?(?:$|[ ,T])")
WORDED_DATE = re.compile(r"([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})")
# Spaces a number may be grouped with: space, no-break space, narrow no-break space.
GROUP_SPACES = " \u00a0\u202f"
# Around a number: currency signs and ISO codes ("$1,234.56", "12,50 €", "USD 12,000.00").
CURRENCY_MARKS = re.compile(r"[$€£¥₹]|zł|\b[A-Z]{3}\b|%")
NUMBER = re.compile(r"[+-]?[\d.,]*\d[\d.,]*")
TRUE = {"true", "yes", "y", "1", "sí", "si", "oui", "tak", "ja", "wahr", "vrai", "verdadero"}
FALSE = {"false", "no", "n", "0", "non", "nie", "nein", "falsch", "faux", "falso"}


class BadValue(ValueError):
    """A cell of an export that does not read as what its column holds."""


def is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip() in EMPTY)


def to_number(value: object, language: str, plain: bool = False) -> float | None:
    """A count or an amount: "1,234.56" in English, "1.234,56" in German and Spanish,
    "1 234,56" in French and Polish; currency signs and codes around it are ignored.
    `plain`: the export writes machine numbers (a point, no grouping) in every language."""
    if is_empty(value):
        return None
    if isinstance(value, bool):
        raise BadValue(_("{value} is not a number").format(value=value))
    if isinstance(value, (int, float)):
        return float(value)
    text = CURRENCY_MARKS.sub("", str(value)).strip()
    negative = text.startswith("(") and text.endswith(")")
    for space in GROUP_SPACES:
        text = text.replace(space, "")
    digits = text.strip("()")
    if not NUMBER.fullmatch(digits):
        raise BadValue(_("{value} is not a number").format(value=value))
    if plain and "," not in digits:
        pass  # a machine number: "1234.5"
    elif language in POINT_DECIMAL:
        digits = digits.replace(",", "")
    else:
        digits = digits.replace(".", "").replace(",", ".")
    try:
        number = float(digits)
    except ValueError:
        raise BadValue(_("{value} is not a number").format(value=value)) from None
    return -number if negative else number


def to_day(value: object, language: str) -> date | None:
    """A calendar day: ISO (2026-09-01, with or without a time), the language's numeric
    form (9/1/2026 in English, 1.9.2026 or 01/09/2026 elsewhere), or an English month
    name (Sep 1, 2026). A timestamp counts for the day it names."""
    if is_empty(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 20000 < value < 80000:  # a spreadsheet's date serial number
            return EXCEL_EPOCH + timedelta(days=int(value))
        raise BadValue(_("{value} is not a date").format(value=value))
    text = str(value).strip()
    try:
        match = ISO.match(text + " ")
        if match:
            year, month, day = (int(part) for part in match.groups())
            return date(year, month, day)
        match = NUMERIC_DATE.match(text + " ")
        if match:
            first, second, year = (int(part) for part in match.groups())
            year += 2000 if year < 100 else 0
            if language in MONTH_FIRST:
                return date(year, first, second)
            return date(year, second, first)
        match = WORDED_DATE.match(text)
        if match and match.group(1).lower() in MONTHS_EN:
            return date(int(match.group(3)), MONTHS_EN[match.group(1).lower()], int(match.group(2)))
    except ValueError:
        pass
    raise BadValue(_("{value} is not a date").format(value=value))


def to_yes_no(value: object) -> str | None:
    """A CRM's boolean as the workbook's Yes/No; blank stays blank."""
    if is_empty(value):
        return None
    if isinstance(value, bool):
        return "Yes" if value else "No"
    text = str(value).strip().lower()
    if text in TRUE:
        return "Yes"
    if text in FALSE:
        return "No"
    raise BadValue(_("{value} is neither yes nor no").format(value=value))


def to_text(value: object) -> str:
    """A name or an ID as text: 12345.0 read from a spreadsheet is "12345"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())
