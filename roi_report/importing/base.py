"""What every export format shares: its headers in each interface language, the rows read
from it, and the reader that turns cells into values, collecting every bad cell."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from roi_report.errors import InputFileError
from roi_report.importing import values
from roi_report.language import messages_for

_ = messages_for(__name__).gettext

ADS = "ads"
CRM = "crm"
LANGUAGE_ORDER = ("en", "es", "fr", "pl", "de")
MAX_LISTED = 10  # bad cells listed in one message; the rest are counted


def normalize(value: object) -> str:
    """A header as compared: spaces folded, case ignored, typographic apostrophes plain."""
    if value is None:
        return ""
    return " ".join(str(value).replace("\u2019", "'").split()).casefold()


def spell(en: str | tuple[str, ...], **others: str | tuple[str, ...]) -> dict:
    """A header's spellings by interface language: spell("Cost", es="Coste", de="Kosten")."""
    by_language = {"en": en, **others}
    return {
        language: tuple(normalize(s) for s in ((text,) if isinstance(text, str) else text))
        for language, text in by_language.items()
    }


@dataclass(frozen=True)
class Format:
    title: str  # as the platform calls it; also the mark in each imported row
    kind: str  # ADS or CRM
    headers: dict[str, dict[str, tuple[str, ...]]]  # field -> language -> spellings
    required: tuple[str, ...]  # fields whose headers identify the format
    read: Callable[[Export], Parsed]
    # Headers that carry a value (Meta's "Amount spent (EUR)"): field -> language -> pattern
    patterns: dict[str, dict[str, re.Pattern]] = field(default_factory=dict)
    plain_numbers: bool = False  # numbers written with a point and no grouping, always
    by_day: str = ""  # how to export the report by day, in the platform's own words
    # Its day column is there only when the report is broken down by day (Meta's and
    # Google's "Day", TikTok's "By Day"): such an export is daily whatever its dates.
    day_breakdown: bool = False

    def match(self, cells: list[str]) -> tuple[dict[str, int], Counter, dict[str, str]]:
        """The fields this header row holds (field -> column), the votes for each language,
        and what the pattern headers captured (Meta's currency)."""
        found: dict[str, int] = {}
        votes: Counter = Counter()
        captured: dict[str, str] = {}
        for column, cell in enumerate(cells):
            if not cell:
                continue
            for name, spellings in self.headers.items():
                if name in found:
                    continue
                languages = [lang for lang, texts in spellings.items() if cell in texts]
                if languages:
                    found[name] = column
                    votes.update(languages)
                    break
            else:
                for name, by_language in self.patterns.items():
                    if name in found:
                        continue
                    for language, pattern in by_language.items():
                        hit = pattern.fullmatch(cell)
                        if hit:
                            found[name] = column
                            votes[language] += 1
                            captured[name] = hit.group(1).upper()
                            break
        return found, votes, captured


@dataclass(frozen=True)
class Export:
    """An export recognized: where its header is, in which language, and its data rows."""

    path: Path
    format: Format
    language: str
    preamble: tuple[tuple, ...]  # the rows above the header
    columns: dict[str, int]  # field -> 0-based column
    captured: dict[str, str]  # values read from pattern headers
    rows: tuple[tuple[int, tuple], ...]  # (line in the file, cells)
    encoding: str  # as the summary says it
    header: tuple = ()  # the header row as written

    def cell(self, cells: tuple, name: str):
        column = self.columns.get(name)
        if column is None or column >= len(cells):
            return None
        return cells[column]


@dataclass(frozen=True)
class AdRow:
    day: date
    end: date  # the last day the row covers (the same day in a daily export)
    levels: tuple[str, ...]  # campaign names, top level first (campaign, ad set, ad)
    spend: float
    metrics: tuple[tuple[str, float], ...]  # contract metric name -> count
    channel: str
    currency: str | None


@dataclass(frozen=True)
class LeadRecord:
    lead_id: str
    created: date
    source: str  # channel name
    source_kind: str  # "Social" or "Other"
    score: float | None
    stage: str
    social_assist: str | None = None
    converted_via: str | None = None
    won_date: date | None = None
    revenue: float | None = None
    campaign: str = ""
    currency: str | None = None
    own_id: str = ""  # the CRM's ID as it writes it, when the Lead ID adds a prefix


@dataclass(frozen=True)
class Parsed:
    ads: tuple[AdRow, ...] = ()
    leads: tuple[LeadRecord, ...] = ()
    period: tuple[date, date] | None = None  # the range the export says it covers
    daily: bool = True  # the export has a column that dates each row
    # the export says each row is one day: a day-breakdown column, or each row's end day
    by_day: bool = False
    skipped: tuple[tuple[str, int], ...] = ()  # why rows were left out -> how many
    changed: tuple[tuple[str, int], ...] = ()  # what was changed in rows kept -> how many


class Reader:
    """Cells to values in the export's language; every bad cell is noted with its line and
    header, and `finish` refuses the file listing them (an import is whole or nothing)."""

    def __init__(self, export: Export):
        self.export = export
        self.bad: list[str] = []
        self.skipped: Counter = Counter()
        self.changed: Counter = Counter()

    def _noted(self, line: int, name: str, error: values.BadValue) -> None:
        header = self.header(name)
        self.bad.append(
            _("line {line}, column {column}: {problem}").format(
                line=line, column=header, problem=error
            )
        )

    def header(self, name: str) -> str:
        column = self.export.columns.get(name, -1)
        written = self.export.header[column] if 0 <= column < len(self.export.header) else name
        return f"'{values.to_text(written)}'"

    def has(self, name: str) -> bool:
        return name in self.export.columns

    def text(self, cells: tuple, name: str) -> str:
        value = self.export.cell(cells, name)
        return "" if values.is_empty(value) else values.to_text(value)

    def number(self, line: int, cells: tuple, name: str) -> float | None:
        try:
            return values.to_number(
                self.export.cell(cells, name),
                self.export.language,
                self.export.format.plain_numbers,
            )
        except values.BadValue as error:
            self._noted(line, name, error)
            return None

    def day(self, line: int, cells: tuple, name: str) -> date | None:
        try:
            return values.to_day(self.export.cell(cells, name), self.export.language)
        except values.BadValue as error:
            self._noted(line, name, error)
            return None

    def yes_no(self, line: int, cells: tuple, name: str) -> str | None:
        try:
            return values.to_yes_no(self.export.cell(cells, name))
        except values.BadValue as error:
            self._noted(line, name, error)
            return None

    def skip(self, reason: str) -> None:
        self.skipped[reason] += 1

    def change(self, what: str) -> None:
        self.changed[what] += 1

    def finish(self, **parsed) -> Parsed:
        if self.bad:
            shown = self.bad[:MAX_LISTED]
            more = len(self.bad) - len(shown)
            if more:
                shown.append(_("… and {count} more").format(count=more))
            raise InputFileError(
                self.export.path,
                _("{title} export with cells that cannot be read — nothing was imported:").format(
                    title=self.export.format.title
                )
                + "\n  - "
                + "\n  - ".join(shown),
            )
        return Parsed(
            skipped=tuple(sorted(self.skipped.items())),
            changed=tuple(sorted(self.changed.items())),
            **parsed,
        )


def preamble_period(export: Export) -> tuple[date, date] | None:
    """The report range a preamble states: two dates on its lines ("Report Start: 9/1/2026",
    "Report End: …") or one line holding both ("September 1, 2026 - September 30, 2026")."""
    found: list[date] = []
    for row in export.preamble:
        text = " ".join(values.to_text(c) for c in row if c is not None)
        if "generated" in text.casefold():
            continue
        found += _dates_in(text, export.language)
    if len(found) >= 2:
        return min(found[:2]), max(found[:2])
    return None


DATE_CHUNK = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|[A-Za-z]{3,9}\.? \d{1,2},? \d{4}"
)


def _dates_in(text: str, language: str) -> list[date]:
    found = []
    for chunk in DATE_CHUNK.findall(text):
        try:
            found.append(values.to_day(chunk, language))
        except values.BadValue:
            continue
    return found
