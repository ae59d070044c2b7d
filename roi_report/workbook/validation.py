"""Check a raw workbook against the contract and turn it into typed rows.

Every problem is collected with its sheet and cell before anything is refused, so a user
fixes the whole workbook in one pass. Warnings point at data that is probably wrong but
does not stop the report.
"""

from __future__ import annotations

import difflib
import statistics
from calendar import monthrange
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

from babel.numbers import list_currencies
from openpyxl.utils import get_column_letter

from roi_report.errors import InputFileError, Problem, WorkbookInvalid
from roi_report.language import N_, messages_for
from roi_report.workbook import contract as c
from roi_report.workbook.columnar import ColumnarTable
from roi_report.workbook.contract import Kind
from roi_report.workbook.models import (
    Channel,
    GoalRow,
    InvestmentLine,
    Layout,
    Leads,
    ResultRow,
    Settings,
    TableLayout,
    Workbook,
)
from roi_report.workbook.periods import FIRST_DAY, comparison_out_of_range, comparison_period
from roi_report.workbook.reading import (
    RawTable,
    RawWorkbook,
    find_settings,
    find_table,
    rows_named,
    setting_label,
    settings_columns,
)
from roi_report.workbook.values import (
    AMOUNT,
    BadValue,
    is_blank,
    month_name,
    nearest,
    number_text,
    shown,
    text_key,
    to_amount,
    to_choice,
    to_color,
    to_date,
    to_quantity,
    to_score,
    to_share,
    to_text,
    to_text_needs_work,
)

_messages = messages_for(__name__)
_, ngettext = _messages.gettext, _messages.ngettext

# Past this many problems in one column, the rest are counted, not listed.
PROBLEMS_PER_COLUMN = 10


class Collector:
    """Problems and warnings, capped per column so a broken export stays readable."""

    def __init__(self):
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self._per_column: dict[tuple, int] = defaultdict(int)

    def cell(self, sheet: str, column: str, row: int, message: str) -> None:
        key = (sheet, column)
        self._per_column[key] += 1
        if self._per_column[key] <= PROBLEMS_PER_COLUMN:
            self.problems.append(Problem(sheet, f"{column}{row}", message))

    def finish(self) -> None:
        for (sheet, column), count in self._per_column.items():
            if count > PROBLEMS_PER_COLUMN:
                self.problems.append(
                    Problem(
                        sheet,
                        f"{column}:{column}",
                        ngettext(
                            "{count} more cell in this column has the same kind of problem",
                            "{count} more cells in this column have the same kind of problem",
                            count - PROBLEMS_PER_COLUMN,
                        ).format(count=count - PROBLEMS_PER_COLUMN),
                    )
                )


class _Rejected:
    """Why a cell was refused; memoized like a converted value."""

    __slots__ = ("message",)

    def __init__(self, message: str):
        self.message = message


_MISSING = object()


def _check(value, column: c.Column, channels: dict[str, str]):
    """The typed value of one cell, None when blank and allowed, or _Rejected."""
    if is_blank(value):
        if column.needs_value:
            return _Rejected(
                _("{column} is empty — {hint}").format(
                    column=column.header, hint=_fill_hint(column, channels)
                )
            )
        return None
    try:
        return _convert(value, column, channels)
    except BadValue as error:
        return _Rejected(str(error))


def typed_columns(raw, table: c.Table, out: Collector, channels: dict[str, str]):
    """Each column's typed values, and the positions of rows with a refused cell.

    Column by column, converting each distinct raw value once: a CRM export of a million
    leads holds a few hundred dates, channels and stages, not a million.
    """
    typed: dict[str, list] = {}
    refused: set[int] = set()
    columns = _ArrowColumns(raw) if isinstance(raw, ColumnarTable) else _RowColumns(raw)
    for column in table.columns:
        converted = columns.convert(column, channels)
        if converted is None:  # not in the sheet
            typed[column.key] = [None] * len(raw.row_numbers)
            continue
        values, memo, raw_values = converted
        rejected = any(result.__class__ is _Rejected for result in memo)
        if rejected or raw.uncalculated:
            letter = raw.letter(column.key)
            for position, row in enumerate(raw.row_numbers):
                result = values[position]
                if raw.uncalculated and is_blank(raw_values[position]):
                    formula = raw.uncalculated.get(f"{letter}{row}")
                    if formula is not None:
                        result = _Rejected(_uncalculated_message(formula))
                if result.__class__ is _Rejected:
                    out.cell(raw.sheet, letter, row, result.message)
                    refused.add(position)
                    values[position] = None
        typed[column.key] = values
    return typed, refused


class _RowColumns:
    """The columns of a table read as rows: its sheet columns transposed once for all."""

    def __init__(self, raw: RawTable):
        self.raw = raw
        self.width = max((len(row) for _, row in raw.rows), default=0)
        padded = (
            row if len(row) == self.width else (*row, *[None] * (self.width - len(row)))
            for _, row in raw.rows
        )
        self.matrix = list(zip(*padded))  # one tuple per sheet column

    def convert(self, column: c.Column, channels):
        """(typed value per row, the distinct conversions, the raw cells), or None."""
        index = self.raw.columns.get(column.key)
        if index is None or index > self.width:
            return None
        return _convert_cells(self.matrix[index - 1], column, channels)


class _ArrowColumns:
    """The columns of a table read as columns: each distinct value converted once, then
    spread to the rows by their codes."""

    def __init__(self, raw: ColumnarTable):
        self.raw = raw

    def convert(self, column: c.Column, channels):
        """(typed value per row, the distinct conversions, no raw cells), or None."""
        cells = self.raw.cells.get(column.key)
        if cells is None:
            return None
        plain = column.kind is Kind.TEXT  # a text TRIM leaves alone is its own value (Lead IDs)
        memo = [
            value
            if plain and value.__class__ is str and not to_text_needs_work(value)
            else _check(value, column, channels)
            for value in cells.distinct
        ]
        return cells.values(memo), memo, ()  # a columnar table has no formulas to report


def _convert_cells(cells: tuple, column: c.Column, channels):
    """(typed value per cell, the distinct conversions, the raw cells)."""
    classes = set(map(type, cells))
    if classes == {str} and column.kind is Kind.TEXT:
        # Identifiers such as Lead IDs are all distinct: convert only the texts that TRIM
        # would change or that might be an error value; the rest stand as they are.
        odd = {value for value in set(cells) if to_text_needs_work(value)}
        memo = {value: _check(value, column, channels) for value in odd}
        values = list(map(memo.get, cells, cells))
    elif bool in classes:
        # True == 1.0 for a dict; a checkbox is no count, so keep the class in the key.
        keys = [(value.__class__, value) for value in cells]
        memo = {key: _check(key[1], column, channels) for key in set(keys)}
        values = [memo[key] for key in keys]
    else:
        memo = {value: _check(value, column, channels) for value in set(cells)}
        values = list(map(memo.__getitem__, cells))
    return values, list(memo.values()), cells


def _uncalculated_message(formula: str) -> str:
    if len(formula) > 60:
        formula = formula[:57] + "..."
    if formula:
        message = _(
            "the formula {formula} here has no saved result (the file was written by a program "
            "that does not calculate) — open the workbook in Excel or LibreOffice and save it, "
            "so the result is stored, or type the value"
        )
    else:
        message = _(
            "the formula here has no saved result (the file was written by a program "
            "that does not calculate) — open the workbook in Excel or LibreOffice and save it, "
            "so the result is stored, or type the value"
        )
    return message.format(formula=formula)


def _fill_hint(column: c.Column, channels: dict[str, str]) -> str:
    if column.kind in (Kind.CHANNEL, Kind.CHANNEL_OR_ALL):
        if column.kind is Kind.CHANNEL_OR_ALL:
            return _("enter a channel from the {sheet} sheet or {all}").format(
                sheet=c.CHANNELS.sheet, all=c.ALL_CHANNELS
            )
        return _("enter a channel from the {sheet} sheet").format(sheet=c.CHANNELS.sheet)
    if column.choices:
        return _("choose one of: {choices}").format(choices=", ".join(column.choices))
    return _(FILL_HINTS.get(column.kind, N_("fill it in")))


FILL_HINTS = {
    Kind.DATE: N_("enter a date such as 2025-03-14"),
    Kind.AMOUNT: N_("enter a number such as 1250.00"),
    Kind.NUMBER: N_("enter a number such as 12"),
    Kind.SCORE: N_("enter a score from 0 to 100"),
}


def _convert(value, column: c.Column, channels: dict[str, str]):
    kind = column.kind
    if kind is Kind.DATE:
        return to_date(value)
    if kind is Kind.AMOUNT:
        return to_amount(value)
    if kind is Kind.NUMBER:
        return to_quantity(value)
    if kind is Kind.SCORE:
        return to_score(value)
    if kind is Kind.SHARE:
        return to_share(value)
    if kind is Kind.CHOICE:
        aliases = c.STAGE_ALIASES if column.choices == c.STAGES else None
        return to_choice(value, column.choices, column.header, aliases)
    if kind is Kind.YES_NO:
        return to_choice(value, c.YES_NO, _("answer (Yes or No)"), c.YES_NO_ALIASES)
    if kind in (Kind.CHANNEL, Kind.CHANNEL_OR_ALL):
        text = to_text(value)
        if kind is Kind.CHANNEL_OR_ALL and text_key(text) == text_key(c.ALL_CHANNELS):
            return c.ALL_CHANNELS
        if text_key(text) in channels:
            return channels[text_key(text)]
        if not channels:
            return text  # the Channels table itself is reported; one problem is enough
        raise BadValue(
            _(
                "{value} is not a channel in the {sheet} sheet — {hint} (or add it to the "
                "{sheet} table)"
            ).format(
                value=shown(value),
                sheet=c.CHANNELS.sheet,
                hint=nearest(text, list(channels.values())),
            )
        )
    return to_text(value)


# (empty: "enter …", missing: what to type beside the label)
SETTING_HINTS = {
    "client": (
        N_("enter the client or company name the report is for"),
        N_("the client or company name the report is for"),
    ),
    "period_start": (
        N_("enter the first day of the report period, such as 2025-07-01"),
        N_("the first day of the report period, such as 2025-07-01"),
    ),
    "period_end": (
        N_("enter the last day of the report period, such as 2025-09-30"),
        N_("the last day of the report period, such as 2025-09-30"),
    ),
}


def _settings_free_cell(book: RawWorkbook, sheet: str) -> tuple[str, str, int]:
    """(label letter, value letter, row) of the first empty row below the settings."""
    rows = book.sheets[sheet]
    label_col, value_col, start = settings_columns(rows)
    last = start
    for number, values in enumerate(rows[start:], start=start + 1):
        if any(not is_blank(v) for v in values[: max(label_col, value_col)]):
            last = number
    return get_column_letter(label_col), get_column_letter(value_col), last + 1


def read_settings(book: RawWorkbook, out: Collector) -> tuple[Settings | None, str, dict]:
    found = find_settings(book, out.problems)
    if found is None:
        return None, "", {}
    sheet, rows, label_letter = found
    out.warnings += _unknown_settings(sheet, rows, label_letter)
    uncalculated = book.uncalculated.get(sheet, {})
    values, cells = {}, {}
    free = None
    for setting in c.SETTINGS:
        entry = rows.get(setting_label(setting.label))
        formula = uncalculated.get(f"{entry[2]}{entry[0]}") if entry else None
        if entry is not None and formula is not None and is_blank(entry[1]):
            cells[setting.key] = f"{entry[2]}{entry[0]}"
            out.problems.append(
                Problem(
                    sheet,
                    cells[setting.key],
                    _("{setting}: {problem}").format(
                        setting=setting.label, problem=_uncalculated_message(formula)
                    ),
                )
            )
            values[setting.key] = None
            continue
        if entry is None or is_blank(entry[1]):
            empty_hint, missing_hint = SETTING_HINTS.get(
                setting.key, (N_("enter its value"), N_("its value"))
            )
            if entry is not None:
                cells[setting.key] = f"{entry[2]}{entry[0]}"
                if setting.required:
                    out.problems.append(
                        Problem(
                            sheet,
                            cells[setting.key],
                            _("the setting '{setting}' is empty — {hint}").format(
                                setting=setting.label, hint=_(empty_hint)
                            ),
                        )
                    )
            elif setting.required:
                if free is None:
                    free = _settings_free_cell(book, sheet)
                label_letter, value_letter, row = free
                out.problems.append(
                    Problem(
                        sheet,
                        f"{label_letter}{row}",
                        _(
                            "the setting '{setting}' is missing — type '{setting}' in "
                            "{label_cell} and, beside it in {value_cell}, {hint}"
                        ).format(
                            setting=setting.label,
                            label_cell=f"{label_letter}{row}",
                            value_cell=f"{value_letter}{row}",
                            hint=_(missing_hint),
                        ),
                    )
                )
                free = (label_letter, value_letter, row + 1)
            values[setting.key] = setting.default
            continue
        row, raw, letter = entry
        cells[setting.key] = f"{letter}{row}"
        try:
            values[setting.key] = _setting_value(setting, raw)
        except BadValue as error:
            out.problems.append(
                Problem(
                    sheet,
                    f"{letter}{row}",
                    _("{setting}: {problem}").format(setting=setting.label, problem=error),
                )
            )
            values[setting.key] = None
    if any(values.get(s.key) is None for s in c.SETTINGS if s.required):
        return None, sheet, cells
    if values["period_end"] < values["period_start"]:
        out.problems.append(
            Problem(
                sheet,
                cells.get("period_end"),
                _(
                    "Period end {end} is before Period start {start} — the period must end on "
                    "or after its first day; check both dates (are they swapped?)"
                ).format(end=values["period_end"], start=values["period_start"]),
            )
        )
        return None, sheet, cells
    if values["compare_with"] is not None:
        first = comparison_out_of_range(
            values["period_start"], values["period_end"], values["compare_with"]
        )
        if first is not None:
            out.problems.append(
                Problem(
                    sheet,
                    cells.get("compare_with", cells.get("period_start")),
                    (
                        _(
                            "Compare with: the {compare} of {start}..{end} would start on "
                            "{first} — a spreadsheet holds dates from {first_day} on; check "
                            "Period start and Period end, or set Compare with to None"
                        )
                        if first.year > 1
                        else _(
                            "Compare with: the {compare} of {start}..{end} would start before "
                            "the year 1 — a spreadsheet holds dates from {first_day} on; check "
                            "Period start and Period end, or set Compare with to None"
                        )
                    ).format(
                        compare=values["compare_with"].lower(),
                        start=values["period_start"],
                        end=values["period_end"],
                        first=first,
                        first_day=FIRST_DAY,
                    ),
                )
            )
            return None, sheet, cells
    if None in (values["slow_below"], values["fast_from"]):
        return None, sheet, cells
    if values["slow_below"] > values["fast_from"]:
        out.problems.append(
            Problem(
                sheet,
                cells.get("slow_below"),
                _(
                    "Slow band below ({slow}) is above Fast band from ({fast}) — the Slow "
                    "limit must be the lower one"
                ).format(slow=f"{values['slow_below']:g}", fast=f"{values['fast_from']:g}"),
            )
        )
    if any(v is None for v in values.values()):
        return None, sheet, cells
    from roi_report.delivery.mail import split_addresses  # "Smith, John" <j@…> is one address

    emails = tuple(split_addresses(values["email_to"] or ""))
    settings = Settings(
        **{
            **values,
            "email_to": emails,
            "slow_below": float(values["slow_below"]),
            "fast_from": float(values["fast_from"]),
        }
    )
    _check_delivery(settings, sheet, cells, book.path.parent, out)
    return settings, sheet, cells


def _unknown_settings(sheet: str, rows: dict, label_letter: str) -> list[Problem]:
    """Labels that are no setting: a misspelt one leaves its setting at the default."""
    known = {setting_label(s.label): s for s in c.SETTINGS}
    found = []
    for label, (row, value, _letter) in rows.items():
        if label in known or is_blank(value):
            continue  # a setting, or a title or note with nothing to be ignored
        close = difflib.get_close_matches(label, list(known), n=1, cutoff=0.6)
        meant = known[close[0]] if close else None
        cell = f"{label_letter}{row}"
        if meant is not None and close[0] not in rows:
            default = meant.default if meant.default not in (None, "") else _("blank")
            message = _(
                "'{label}' is not a setting — did you mean '{meant}'? Its value is "
                "ignored and '{meant}' stays at its default ({default}); rename the "
                "label to '{meant}'"
            ).format(label=label, meant=meant.label, default=default)
            details = (("label", label), ("meant", meant.label), ("default", str(default)))
            found.append(Problem(sheet, cell, message, kind="unknown_setting", details=details))
            continue
        if meant:
            message = _(
                "'{label}' is not a setting the report reads ('{meant}' is set in row {row}) "
                "— the row is ignored"
            ).format(label=label, meant=meant.label, row=rows[close[0]][0])
        else:
            message = _("'{label}' is not a setting the report reads — the row is ignored").format(
                label=label
            )
        found.append(
            Problem(
                sheet,
                cell,
                message,
                kind="unknown_setting_ignored",
                severity="note",
            )
        )
    return found


def _check_delivery(settings: Settings, sheet: str, cells: dict, folder, out: Collector) -> None:
    """What `build` or an email would refuse later, said now: the logo file and the
    recipients, checked by the validators the PDF and the email use."""
    from roi_report.pdf.brand import BrandError, check_logo

    if settings.logo.strip():
        try:
            check_logo(
                settings.logo,
                folder,
                "Logo",
                _("the workbook's folder ({folder})").format(folder=Path(folder).resolve()),
            )
        except BrandError as error:
            out.problems.append(Problem(sheet, cells.get("logo"), error.message))
    if settings.email_to:
        from roi_report.delivery.mail import EmailSettingsError, recipients_for

        try:
            recipients_for(settings.email_to)
        except EmailSettingsError as error:
            out.warnings.append(
                Problem(
                    sheet,
                    cells.get("email_to"),
                    _("{problem} (emailing this report would fail)").format(problem=error.message),
                    kind="email_to_invalid",
                    severity="setup",
                )
            )


def _setting_value(setting: c.Setting, raw):
    if setting.kind is Kind.DATE:
        return to_date(raw)
    if setting.kind is Kind.SCORE:
        return to_score(raw)
    if setting.kind is Kind.CHOICE:
        return to_choice(raw, setting.choices, _("choice"))
    text = to_text(raw)
    if setting.key == "currency":
        code = text.upper()
        if code not in list_currencies():
            raise BadValue(
                _(
                    "{value} is not an ISO 4217 currency code — use a code such "
                    "as USD, EUR, PLN or GBP"
                ).format(value=shown(raw))
            )
        return code
    if setting.key.endswith("_color"):
        return to_color(text)
    return text


def read_channels(raw: RawTable | None, out: Collector) -> tuple[Channel, ...]:
    if raw is None:
        return ()
    typed, refused = typed_columns(raw, c.CHANNELS, out, {})
    channels: dict[str, Channel] = {}
    first_row: dict[str, int] = {}
    for position, (row, _values) in enumerate(raw.rows):
        name, kind = typed["channel"][position], typed["kind"][position]
        if position in refused or name is None or kind is None:
            continue  # a bad cell, or a missing column (reported by find_table)
        key = text_key(name)
        if key == text_key(c.ALL_CHANNELS):
            out.cell(
                raw.sheet,
                raw.letter("channel"),
                row,
                _(
                    "'{all}' is reserved for costs and goals shared by every social channel — "
                    "remove this row"
                ).format(all=c.ALL_CHANNELS),
            )
        elif key in channels:
            out.cell(
                raw.sheet,
                raw.letter("channel"),
                row,
                _(
                    "the channel {channel} is listed twice (first in row {row}) — keep one row "
                    "per channel"
                ).format(channel=shown(name), row=first_row[key]),
            )
        else:
            channels[key], first_row[key] = Channel(name, kind), row
    if not channels and not any(p.sheet == raw.sheet for p in out.problems):
        out.problems.append(
            Problem(
                raw.sheet,
                f"A{raw.header_row + 1}",
                _(
                    "the {sheet} table is empty — list every channel you report on, each with "
                    "Kind Social or Other"
                ).format(sheet=raw.sheet),
            )
        )
    elif channels and not any(ch.is_social for ch in channels.values()):
        out.problems.append(
            Problem(
                raw.sheet,
                f"B{raw.header_row + 1}",
                _("no channel has Kind Social — mark your social networks as Social"),
            )
        )
    return tuple(channels.values())


def _rows(raw: RawTable | None, table: c.Table, out: Collector, channels):
    """(sheet row, {key: typed value}) for each row whose cells are all good."""
    if raw is None:
        return
    typed, refused = typed_columns(raw, table, out, channels)
    # A missing required column is reported by find_table; the other cells are still checked
    # so every problem shows in one run, but no row of an incomplete table is used.
    if not all(col.key in raw.columns for col in table.columns if col.required):
        return
    keys = list(typed)
    for position, (row, _values) in enumerate(raw.rows):
        if position not in refused:
            yield row, {key: typed[key][position] for key in keys}


def read_investment(costs, staff, out, channels) -> list[InvestmentLine]:
    lines = []
    amounts, rates, hours = [], [], []
    for row, v in _rows(costs, c.COSTS, out, channels):
        amounts.append((row, v["category"], v["amount"]))
        share = 1.0 if v["social_share"] is None else v["social_share"]
        lines.append(
            InvestmentLine(
                "Costs",
                row,
                v["date"],
                v["category"],
                v["channel"],
                v["type"],
                v["campaign"] or "",
                v["funnel_stage"] or "",
                v["amount"] * share,
            )
        )
    for row, v in _rows(staff, c.STAFF, out, channels):
        rates.append((row, "Staff", v["hourly_rate"]))
        hours.append((row, v["date"], v["person"] or "", v["hours"]))
        lines.append(
            InvestmentLine(
                "Staff",
                row,
                v["date"],
                "Staff",
                v["channel"],
                v["type"],
                v["campaign"] or "",
                "",
                v["hourly_rate"] * v["hours"],
            )
        )
    if costs is not None and "amount" in costs.columns:
        out.warnings += _outsized(costs, "amount", amounts)
    if staff is not None and "hourly_rate" in staff.columns:
        out.warnings += _outsized(staff, "hourly_rate", rates)
    if staff is not None and "hours" in staff.columns:
        out.warnings += _too_many_hours(staff, hours)
    return lines


OUTSIZED = 100  # times the median of its category: a slipped decimal point or extra zeros
OUTSIZED_MIN_ROWS = 3  # a median of fewer says little


def _outsized(raw, key: str, entries: list) -> list[Problem]:
    """Amounts 100 times the median of their category (likely typos)."""
    by_group = defaultdict(list)
    for _row, group, amount in entries:
        by_group[group].append(amount)
    medians = {
        group: statistics.median(values)
        for group, values in by_group.items()
        if len(values) >= OUTSIZED_MIN_ROWS
    }
    found = []
    for row, group, amount in entries:
        median = medians.get(group)
        if median and amount > OUTSIZED * median:
            if group == "Staff":
                message = _(
                    "{amount} is more than {times} times the median hourly rate ({median}) — "
                    "check it for a slipped decimal point or extra zeros"
                )
            else:
                message = _(
                    "{amount} is more than {times} times the median {category} amount "
                    "({median}) — check it for a slipped decimal point or extra zeros"
                )
            message = message.format(
                amount=number_text(amount, AMOUNT),
                times=OUTSIZED,
                category=group,
                median=number_text(median, AMOUNT),
            )
            found.append(_typo(raw, key, row, message, "outsized_amount", amount, median))
    return found


def _typo(raw, key: str, row: int, message: str, kind: str, value, usual) -> Problem:
    """A likely typo at the user's cell: the value found and what is usual there."""
    details = (("value", value), ("usual", usual))
    return Problem(raw.sheet, f"{raw.letter(key)}{row}", message, kind=kind, details=details)


def _too_many_hours(raw, entries: list) -> list[Problem]:
    """More staff hours in a row, or for one person in a month, than the month has."""
    found = []
    per_person = defaultdict(float)
    first_row = {}
    for row, day, person, hours in entries:
        month_hours = monthrange(day.year, day.month)[1] * 24
        month = month_name(day)
        if hours > month_hours:
            message = _(
                "{hours} hours is more than {month} has ({month_hours}) — check the number "
                "(is it minutes, or a year's hours?)"
            ).format(hours=number_text(hours), month=month, month_hours=number_text(month_hours))
            found.append(_typo(raw, "hours", row, message, "hours_over_month", hours, month_hours))
        elif person:
            key = (text_key(person), day.year, day.month)
            per_person[key] += hours
            first_row.setdefault(key, (row, person, month, month_hours))
    for key, total in per_person.items():
        row, person, month, month_hours = first_row[key]
        if total > month_hours:
            message = _(
                "{person}'s hours in {month} add up to {total}, more than the month has "
                "({month_hours}) — check the Hours of that month's rows"
            ).format(
                person=person,
                month=month,
                total=number_text(total),
                month_hours=number_text(month_hours),
            )
            found.append(_typo(raw, "hours", row, message, "hours_over_month", total, month_hours))
    return found


def read_goals(raw, out, channels) -> list[GoalRow]:
    goals, seen = [], {}
    for row, v in _rows(raw, c.GOALS, out, channels):
        key = (text_key(v["metric"]), v["channel"])
        if key in seen:
            out.cell(
                raw.sheet,
                raw.letter("metric"),
                row,
                _(
                    "a goal for {metric} on {channel} is already in row {row} — keep one goal "
                    "per metric and channel"
                ).format(metric=shown(v["metric"]), channel=v["channel"], row=seen[key]),
            )
            continue
        seen[key] = row
        goals.append(
            GoalRow(
                row,
                v["goal"],
                v["metric"],
                v["channel"],
                v["target"],
                v["target_cost_per_result"],
                v["deadline"],
                v["conversion"],
                v["value_per_customer"],
                v["value_per_result"],
            )
        )
    return goals


def read_results(raw, out, channels) -> list[ResultRow]:
    return [
        ResultRow(
            row, v["date"], v["channel"], v["type"], v["campaign"] or "", v["metric"], v["count"]
        )
        for row, v in _rows(raw, c.RESULTS, out, channels)
    ]


def read_leads(raw, out, channels) -> Leads:
    """The Leads table as columns; no Python object per lead beyond its cell values."""
    if raw is None:
        return Leads()
    typed, refused = typed_columns(raw, c.LEADS, out, channels)
    complete = all(col.key in raw.columns for col in c.LEADS.columns if col.required)
    rows = raw.row_numbers
    seen: dict[str, int] = {}
    letter = raw.letter("lead_id") if "lead_id" in raw.columns else "A"
    ids = typed["lead_id"]
    for position, lead_id in enumerate(ids if len(set(ids)) < len(ids) else ()):
        if lead_id is None:
            continue
        first = seen.setdefault(lead_id, rows[position])
        if first != rows[position]:
            out.cell(
                raw.sheet,
                letter,
                rows[position],
                _("the Lead ID {lead} is already in row {row} — each lead must appear once").format(
                    lead=shown(lead_id), row=first
                ),
            )
            refused.add(position)
    if complete:
        out.warnings += _deal_checks(raw, typed, refused, out)
    if refused or not complete:
        return Leads()  # the workbook is refused; nothing downstream reads these
    return Leads(
        rows=tuple(rows),
        created=tuple(typed["created"]),
        source=tuple(typed["source"]),
        score=tuple(typed["score"]),
        stage=tuple(typed["stage"]),
        social_assist=tuple(v == "Yes" for v in typed["social_assist"]),
        converted_via=tuple(v or "" for v in typed["converted_via"]),
        won_date=tuple(typed["won_date"]),
        revenue=tuple(v or 0.0 for v in typed["revenue"]),
    )


def _deal_checks(raw, typed: dict, refused: set[int], out: Collector) -> list[Problem]:
    """A won deal must carry its Won date (else it counts in the lead bands but vanishes from
    new business: an error); a Won date before Created, a Won date or Revenue on a lead that
    is not Won (ignored) and a won deal without Revenue (worth 0) change figures: said."""
    rows = raw.row_numbers
    stage, won_date, revenue, created = (
        typed[key] for key in ("stage", "won_date", "revenue", "created")
    )
    has_won_date = "won_date" in raw.columns
    early, ignored, unpriced = [], [], []
    # Only deals, or leads carrying a deal's fields, need a look (few of a million leads).
    doubtful = [
        position
        for position, (step, day, money) in enumerate(zip(stage, won_date, revenue))
        if (step == "Won" or day is not None or money) and position not in refused
    ]
    for position in doubtful:
        won = stage[position] == "Won"
        day = won_date[position]
        if won and day is None:
            if has_won_date:
                out.cell(
                    raw.sheet,
                    raw.letter("won_date"),
                    rows[position],
                    _(
                        "the lead is Won but has no Won date — it would count in the lead bands "
                        "but not in new business; enter the date the deal was won (or change its "
                        "Stage)"
                    ),
                )
            refused.add(position)
            continue
        if won and revenue[position] is None:
            unpriced.append(rows[position])
        if not won and (day is not None or revenue[position]):
            ignored.append(rows[position])
        if day is not None and created[position] is not None and day < created[position]:
            early.append(rows[position])
    found = []
    if not has_won_date and any(stage[i] == "Won" for i in refused):
        won_rows = [rows[i] for i in sorted(refused) if stage[i] == "Won"]
        out.problems.append(
            Problem(
                raw.sheet,
                f"{raw.letter('stage')}{won_rows[0]}",
                ngettext(
                    "{rows} is Won but the sheet has no Won date column — won deals would count "
                    "in the lead bands but not in new business; add a column headed 'Won date' "
                    "with the date of each won deal",
                    "{rows} are Won but the sheet has no Won date column — won deals would count "
                    "in the lead bands but not in new business; add a column headed 'Won date' "
                    "with the date of each won deal",
                    len(won_rows),
                ).format(rows=rows_named(won_rows)),
            )
        )

    def said(key: str, found_rows: list[int], message: str, kind: str) -> None:
        if found_rows and key in raw.columns:
            found.append(
                Problem(
                    raw.sheet,
                    f"{raw.letter(key)}{found_rows[0]}",
                    _("{rows}: {problem}").format(rows=rows_named(found_rows), problem=_(message)),
                    kind=kind,
                    details=(("count", len(found_rows)), ("first_row", found_rows[0])),
                )
            )

    said(
        "won_date",
        early,
        N_(
            "the Won date is before the Created date — check both dates (the deal counts in new "
            "business by its Won date, in the lead bands by Created)"
        ),
        "won_before_created",
    )
    said(
        "stage",
        ignored,
        N_(
            "a Won date or Revenue is filled on a lead whose Stage is not Won — it is not "
            "counted as a won deal; set the Stage to Won if it was won, or clear the Won date "
            "and Revenue"
        ),
        "won_data_not_won",
    )
    said(
        "revenue",
        unpriced,
        N_(
            "the lead is Won but its Revenue is empty — the deal counts with no revenue; enter "
            "the deal's revenue (0 if it really had none)"
        ),
        "won_without_revenue",
    )
    return found


def _layout(raw: RawTable) -> TableLayout:
    return TableLayout(
        raw.sheet,
        raw.header_row,
        {key: raw.letter(key) for key in raw.columns},
        raw.row_numbers,
    )


def validate(book: RawWorkbook) -> Workbook:
    """The typed workbook, or WorkbookInvalid listing every problem found."""
    out = Collector()
    contract_sheets = [c.REPORT_SHEET] + [t.sheet for t in c.FACT_TABLES]
    if not any(book.find_sheet(name) for name in contract_sheets):
        names = book.sheet_names
        found = ", ".join(f"'{name[:40]}'" for name in names[:10]) or _("none")
        if len(names) > 10:
            found = _("{sheets} and {more} more").format(
                sheets=found, more=number_text(len(names) - 10)
            )
        raise InputFileError(
            book.path,
            _(
                "this is not a roi-report workbook: it has none of the sheets {contract} (its "
                "sheets: {found}) — start from the template that 'roi-report init' writes and "
                "copy your data into it"
            ).format(contract=", ".join(contract_sheets), found=found),
        )
    out.problems += _look_alike_sheets(book, contract_sheets)
    settings, report_sheet, setting_cells = read_settings(book, out)
    raw = {t.name: find_table(book, t, out.problems, out.warnings) for t in c.FACT_TABLES}
    channels = read_channels(raw["Channels"], out)
    by_key = {text_key(ch.name): ch.name for ch in channels}
    investment = read_investment(raw["Costs"], raw["Staff"], out, by_key)
    goals = read_goals(raw["Goals"], out, by_key)
    results = read_results(raw["Results"], out, by_key)
    leads = read_leads(raw["Leads"], out, by_key)
    out.finish()
    if out.problems or settings is None:
        raise WorkbookInvalid(out.problems, [w for w in out.warnings if not w.is_note])
    workbook = Workbook(
        settings,
        channels,
        tuple(investment),
        tuple(goals),
        tuple(results),
        leads,
        Layout(
            report_sheet,
            setting_cells,
            {name: _layout(t) for name, t in raw.items() if t is not None},
        ),
    )
    warnings = (*find_warnings(workbook), *out.warnings, *far_dates(workbook))
    return Workbook(**{**workbook.__dict__, "warnings": warnings})


VISIBILITY = {"hidden": N_("hidden"), "veryhidden": N_("very hidden")}


def _look_alike_sheets(book: RawWorkbook, names: list[str]) -> list[Problem]:
    """Two sheets named like one contract sheet (a hidden copy, "leads" beside "Leads"):
    the report must not pick one of them silently."""
    found = []
    for name in names:
        alikes = book.look_alikes(name)
        if len(alikes) < 2:
            continue
        described = _(" and ").join(
            f"'{sheet}'"
            + (
                f" ({_(VISIBILITY[state])})"
                if (state := book.visibility.get(sheet, "")) in VISIBILITY
                else ""
            )
            for sheet in alikes
        )
        found.append(
            Problem(
                alikes[0],
                None,
                _(
                    "{count} sheets are named like '{name}': {sheets} — the report cannot tell "
                    "which one holds the data; delete or rename all but one (a hidden sheet "
                    "shows again with right-click on a sheet tab > Unhide)"
                ).format(count=len(alikes), name=name, sheets=described),
            )
        )
    return found


def _at(
    book: Workbook,
    table: str,
    key: str,
    row: int,
    message: str,
    kind: str,
    severity: str = "warning",
    **details,
):
    """A warning at the user's cell, wherever the table's column actually stands."""
    layout = book.layout.tables.get(table) if book.layout else None
    facts = {"kind": kind, "details": tuple(details.items()), "severity": severity}
    if layout is None:
        return Problem(table, None, message, **facts)
    letter = layout.columns.get(key)
    return Problem(layout.sheet, f"{letter}{row}" if letter else None, message, **facts)


def find_warnings(book: Workbook):
    """Doubtful data that does not stop the report."""
    s = book.settings
    ads_by_month = {}
    for line in book.investment:
        if line.category == "Ads":
            ads_by_month.setdefault(
                (line.date.year, line.date.month, round(line.amount, 2)), line.row
            )
    for line in book.investment:
        if line.category != "Agency":
            continue
        ad_row = ads_by_month.get((line.date.year, line.date.month, round(line.amount, 2)))
        if ad_row is not None:
            yield _at(
                book,
                "Costs",
                "amount",
                line.row,
                _(
                    "this agency fee equals the ad spend in Costs row {row} of the same month — "
                    "if the fee includes that ad spend, it is counted twice; enter agency fees "
                    "without ad spend"
                ).format(row=ad_row),
                "agency_fee_equals_ads",
                ad_row=ad_row,
            )
    valued = {(text_key(g.metric), g.channel) for g in book.goals}
    missing = {}
    for result in book.results:
        key = text_key(result.metric)
        if (key, result.channel) not in valued and (key, c.ALL_CHANNELS) not in valued:
            missing.setdefault(result.metric, result.row)
    for metric, row in missing.items():
        yield _at(
            book,
            "Results",
            "metric",
            row,
            _(
                "no goal values the metric '{metric}' — add it to the Goals sheet, or its "
                "results count as worth nothing"
            ).format(metric=metric),
            "metric_without_goal",
            metric=metric,
        )
    unscored = [row for row, score in zip(book.leads.rows, book.leads.score) if score is None]
    if unscored:
        yield _at(
            book,
            "Leads",
            "score",
            unscored[0],
            ngettext(
                "{count} lead has no score — it is shown as Unscored, outside the "
                "Slow/Medium/Fast bands",
                "{count} leads have no score — they are shown as Unscored, outside the "
                "Slow/Medium/Fast bands",
                len(unscored),
            ).format(count=len(unscored)),
            "leads_unscored",
            "note",
            count=len(unscored),
        )
    start, end = s.period_start, s.period_end
    compare = comparison_period(s.period_start, s.period_end, s.compare_with)
    dates = [line.date for line in book.investment] + [r.date for r in book.results]
    dates += list(book.leads.created) + [d for d in book.leads.won_date if d is not None]
    if not dates:
        yield Problem(
            None,
            None,
            _(
                "no costs, staff time, results or leads are entered yet — the report will show "
                "zeros; fill in the Costs, Staff, Results and Leads sheets"
            ),
            kind="nothing_entered",
        )
    elif not any(_within(day, start, end) for day in dates):
        cell = book.layout.settings.get("period_start") if book.layout else None
        yield Problem(
            book.layout.report_sheet if book.layout else c.REPORT_SHEET,
            cell,
            _(
                "nothing in Costs, Staff, Results or Leads is dated within the report period "
                "{start} to {end} — the report will show zeros; check Period start and Period "
                "end"
            ).format(start=start, end=end),
            kind="nothing_in_period",
            details=(("start", start), ("end", end)),
        )
    for sheet in ("Costs", "Staff"):
        outside = [
            line.row
            for line in book.investment
            if line.sheet == sheet
            and not _within(line.date, start, end)
            and not _within(line.date, *compare)
        ]
        if outside:
            yield _at(
                book,
                sheet,
                "date",
                outside[0],
                ngettext(
                    "{count} row is dated outside both the report period and the comparison "
                    "period and is not counted",
                    "{count} rows are dated outside both the report period and the comparison "
                    "period and are not counted",
                    len(outside),
                ).format(count=len(outside)),
                "rows_outside_periods",
                "note",  # routine in a workbook that holds many months
                count=len(outside),
            )


FAR_GAP = timedelta(days=730)  # "years away": two years with no dated row in between
FAR_SHARE = 0.01  # a group of dates this small beside the rest is a typo, not a history
FAR_LISTED = 10


def far_dates(book: Workbook) -> list[Problem]:
    """Dates years away from the rest of the data (2052 for 2025): likely typos. Distinct
    dates are grouped where two years pass without any; a small group apart is suspect."""
    counts: Counter = Counter(line.date for line in book.investment)
    counts.update(r.date for r in book.results)
    counts.update(book.leads.created)
    counts.update(d for d in book.leads.won_date if d is not None)
    if len(counts) < 2:
        return []
    groups: list[list[date]] = []
    for day in sorted(counts):
        if groups and day - groups[-1][-1] < FAR_GAP:
            groups[-1].append(day)
        else:
            groups.append([day])
    if len(groups) < 2:
        return []
    total = sum(counts.values())
    sizes = [sum(counts[d] for d in group) for group in groups]
    main = max(range(len(groups)), key=sizes.__getitem__)
    far = {
        day
        for index, group in enumerate(groups)
        if index != main and sizes[index] <= max(3, FAR_SHARE * total)
        for day in group
    }
    if not far:
        return []
    rest = _("{start} to {end}").format(start=groups[main][0], end=groups[main][-1])
    places = [
        ("Costs" if line.sheet == "Costs" else "Staff", "date", line.row, line.date)
        for line in book.investment
    ]
    places += [("Results", "date", r.row, r.date) for r in book.results]
    places += [("Leads", "created", row, d) for row, d in zip(book.leads.rows, book.leads.created)]
    places += [
        ("Leads", "won_date", row, d)
        for row, d in zip(book.leads.rows, book.leads.won_date)
        if d is not None
    ]
    return [
        _at(
            book,
            table,
            key,
            row,
            _(
                "the date {date} is years away from the rest of the data ({rest}) — is the "
                "year mistyped?"
            ).format(date=day, rest=rest),
            "date_far_away",
            date=day,
        )
        for table, key, row, day in places
        if day in far
    ][:FAR_LISTED]


def _within(day: date, start: date | None, end: date | None) -> bool:
    return start is not None and start <= day <= end
