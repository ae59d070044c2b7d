"""Turn one raw cell value into a typed value, or say in plain words what is wrong with it.

Each parser returns the value, or raises `BadValue` with the text a user reads after the
cell reference. The formula sheets convert the same inputs the same way (see `formulas`).
"""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime, timedelta

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
PERCENT_TEXT = re.compile(r"^([0-9]+(?:[.,][0-9]+)?)%$")


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
    return str(value)


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _refuse_errors_and_booleans(value: object, what: str) -> None:
    if isinstance(value, str) and value.strip() in EXCEL_ERRORS:
        raise BadValue(
            f"the cell shows the error {value.strip()} — fix the formula there or type {what}"
        )
    if isinstance(value, bool):
        raise BadValue(f"{shown(value)} is a yes/no value, not {what} — type {what}")


def to_date(value: object) -> date:
    example = "a date such as 2025-03-14"
    _refuse_errors_and_booleans(value, example)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)):
        if SERIAL_RANGE[0] <= value <= SERIAL_RANGE[1]:
            return EXCEL_EPOCH + timedelta(days=int(value))
        raise BadValue(f"{shown(value)} is a number, not a date — enter {example}")
    text = str(value).strip()
    if ISO_DATE.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise BadValue(
                f"{shown(value)} is not a real calendar date — check day and month"
            ) from None
    raise BadValue(
        f"{shown(value)} is not a date the tool can read — enter a real Excel date or "
        "text in the form 2025-03-14 (year-month-day)"
    )


def _number(value: object, what: str, example: str) -> float:
    _refuse_errors_and_booleans(value, what)
    if isinstance(value, (int, float)):
        return float(value)
    raise BadValue(f"{shown(value)} is not {what} — enter a number such as {example}")


def to_amount(value: object) -> float:
    amount = _number(value, "an amount", "1250.00")
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
    _refuse_errors_and_booleans(value, "a percent")
    if isinstance(value, (int, float)):
        share = float(value)
    else:
        match = PERCENT_TEXT.match(str(value).replace(" ", "").replace("\u00a0", ""))
        if not match:
            raise BadValue(f"{shown(value)} is not a percent — {hint}")
        share = float(match.group(1).replace(",", ".")) / 100
    if share < 0:
        raise BadValue(f"{shown(value)} is negative — {hint}")
    if share > 1:
        raise BadValue(
            f"{shown(value)} is more than 100 % — if you mean {shown(value)} percent, {hint}"
        )
    return share


def to_text(value: object) -> str:
    if isinstance(value, str) and value.strip() in EXCEL_ERRORS:
        raise BadValue(
            f"the cell shows the error {value.strip()} — fix the formula there or type the text"
        )
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return excel_trim(str(value)) if value is not None else ""


def nearest(value: str, known: list[str]) -> str:
    """' — did you mean 'X'?' when one known name is close, else the list of known names."""
    lowered = {k.lower(): k for k in known}
    close = difflib.get_close_matches(value.lower(), list(lowered), n=1, cutoff=0.6)
    if close:
        return f"did you mean '{lowered[close[0]]}'?"
    return "use one of: " + ", ".join(known)


def to_choice(value: object, choices: tuple[str, ...] | list[str], what: str) -> str:
    text = to_text(value)
    by_key = {c.lower(): c for c in choices}
    if text.lower() in by_key:
        return by_key[text.lower()]
    raise BadValue(f"{shown(value)} is not a known {what} — {nearest(text, list(choices))}")
