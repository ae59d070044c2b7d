"""`roi-report import`: every export read and mapped first, then the workbook changed once,
atomically — a bad export, or any failure, leaves the workbook as it was."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

from babel import Locale

from roi_report.errors import InputFileError, RoiReportError, WorkbookInvalid, terminal_text
from roi_report.importing.mapping import Channels, Contribution, contribution
from roi_report.importing.sniffing import read_export
from roi_report.importing.values import BadValue, to_day, to_text
from roi_report.importing.writer import WorkbookEdit
from roi_report.language import active_language, locale_of, messages_for, use_language
from roi_report.outputs import staged
from roi_report.workbook import contract
from roi_report.workbook.reading import (
    find_settings,
    find_table,
    read_workbook,
    report_language,
    setting_label,
)
from roi_report.workbook.validation import Collector, read_channels
from roi_report.workbook.values import text_key

_m = messages_for(__name__)
_ = _m.gettext
TABLES = (contract.CHANNELS, contract.COSTS, contract.RESULTS, contract.LEADS)
SETTINGS_SHEETS = (contract.REPORT_SHEET, contract.CHANNELS.sheet, contract.GOALS.sheet)


def import_exports(
    workbook: Path, exports: list[Path], *, dry_run: bool = False, level: str = "top"
) -> str:
    """Import `exports` into `workbook`; returns the summary to print."""
    workbook = Path(workbook)
    # Only the sheets the import takes its settings from: the editor reads the tables
    # it changes (a large Leads sheet, read here too, would be read twice).
    book = read_workbook(workbook, only=SETTINGS_SHEETS)
    currency, language = _settings(book)
    with use_language(language):
        known = read_channels(find_table(book, contract.CHANNELS, []), Collector())
        channels = Channels({text_key(ch.name): (ch.name, ch.kind) for ch in known})
        goals = _goal_metrics(book)
        contributions, refusals = [], []
        for path in exports:
            try:
                contributions.append(_contribution(Path(path), channels, currency, level, goals))
            except RoiReportError as refusal:  # the other exports are still read: all said at once
                refusals.append(refusal)
        if refusals:
            raise _refused(refusals)
        edit = WorkbookEdit(workbook)
        try:
            counts = _plan(edit, contributions, channels)
            if not dry_run:
                with staged([workbook]) as (temp,):
                    edit.save(temp)
        finally:
            edit.close()
        return _summary(workbook, contributions, channels, counts, dry_run)


def _refused(refusals: list[RoiReportError]) -> RoiReportError:
    """One error for every export that cannot be imported (one alone keeps its message)."""
    if len(refusals) == 1:
        return refusals[0]
    lines = [
        _m.ngettext(
            "{count} export cannot be imported, so the workbook was not changed:",
            "{count} exports cannot be imported, so the workbook was not changed:",
            len(refusals),
        ).format(count=len(refusals))
    ]
    lines += [f"  - {refusal.format_message()}" for refusal in refusals]
    return RoiReportError("\n".join(lines))


def _settings(book) -> tuple[str, str | None]:
    """The workbook's Currency and Language: all an import needs of the Report sheet (a
    blank template, its period not yet set, takes imports too)."""
    problems: list = []
    found = find_settings(book, problems)
    if found is None:
        raise WorkbookInvalid(problems)
    rows = found[1]

    entry = rows.get(setting_label("Currency"))
    currency = to_text(entry[1]) if entry is not None else ""
    default = next(setting.default for setting in contract.SETTINGS if setting.key == "currency")
    # Messages in the Language check and build speak (LANG's when it is blank).
    return (currency or default).upper(), report_language(book)


def _goal_metrics(book) -> set[str]:
    """The metrics the Goals table values (text keys)."""
    raw = find_table(book, contract.GOALS, [])
    if raw is None or "metric" not in raw.columns:
        return set()
    return {text_key(to_text(raw.cell(i, "metric"))) for i in range(len(raw.row_numbers))}


def _contribution(path: Path, channels, currency: str, level: str, goals) -> Contribution:
    export = read_export(path)
    parsed = export.format.read(export)
    export = replace(export, rows=())  # parsed: its cells need not stay in memory
    # refuses an export without days, or in another currency
    mapped = contribution(export, parsed, channels, currency, level, goals)
    if not parsed.ads and not parsed.leads:
        raise InputFileError(
            path,
            _(
                "this {title} export has no rows to import (every row was a total or had "
                "nothing in it) — export a date range with activity"
            ).format(title=export.format.title),
        )
    return mapped


def _day(value) -> date | None:
    try:
        return to_day(value, "en")
    except BadValue:
        return None


def _plan(edit: WorkbookEdit, contributions: list[Contribution], channels: Channels) -> dict:
    """Replace what earlier imports of the same sources brought, add the new rows;
    returns (added, replaced) per table name."""
    counts: Counter = Counter()
    for item in contributions:
        if item.costs or item.results:
            first, last = item.covered

            def doomed(get, item=item, first=first, last=last):
                day = _day(get("Date"))
                return (
                    to_text(get("Description")).startswith(item.prefix)
                    and text_key(to_text(get("Channel"))) in item.ad_channels
                    and day is not None
                    and first <= day <= last
                )

            for table, rows in ((contract.COSTS, item.costs), (contract.RESULTS, item.results)):
                edit_table = edit.table(table)
                counts[(table.name, "replaced")] += edit_table.replace(doomed)
                edit_table.add(list(rows))
                counts[(table.name, "added")] += len(rows)
        if item.leads:
            ids = {text_key(to_text(row["Lead ID"])) for row in item.leads}
            leads = edit.table(contract.LEADS)

            def doomed_lead(get, ids=ids, item=item):
                key = text_key(to_text(get("Lead ID")))
                return key in ids or (
                    key in item.bare_ids and to_text(get("Description")).startswith(item.prefix)
                )

            counts[("Leads", "replaced")] += leads.replace(doomed_lead)
            leads.add(list(item.leads))
            counts[("Leads", "added")] += len(item.leads)
    if channels.new:
        rows = [{"Channel": name, "Kind": kind} for name, kind in channels.new.values()]
        edit.table(contract.CHANNELS).add(rows, described=False)
        counts[("Channels", "added")] += len(rows)
    return counts


def _rows(n: int) -> str:
    return _m.ngettext("{n} row", "{n} rows", n).format(n=n)


def _summary(workbook, contributions, channels: Channels, counts, dry_run: bool) -> str:
    lines = []
    for item in contributions:
        export = item.export
        lines.append(
            _("{file}: {title} ({encoding}, headers in {language})").format(
                file=terminal_text(export.path.name),
                title=export.format.title,
                encoding=export.encoding,
                language=Locale.parse(export.language).get_language_name(
                    locale_of(active_language())
                ),
            )
        )
        tables = [
            f"{name}: {_rows(len(rows))}"
            for name, rows in (
                ("Costs", item.costs),
                ("Results", item.results),
                ("Leads", item.leads),
            )
            if rows
        ]
        lines.append("  " + ", ".join(tables))
        if item.covered:
            first, last = item.covered
            lines.append(
                "  "
                + _("period: {first} to {last}").format(
                    first=first.isoformat(), last=last.isoformat()
                )
            )
        if item.unvalued:
            lines.append(
                "  "
                + _(
                    "no goal values {metrics}: tracked in Results, but worth nothing in the "
                    "ROI until a row of the Goals sheet values that Metric"
                ).format(metrics=", ".join(item.unvalued))
            )
        for what, count in item.changed:
            lines.append(
                "  " + _("changed: {rows}, {what}").format(rows=_rows(count), what=_(what))
            )
        for reason, count in item.skipped:
            lines.append(
                "  " + _("skipped: {rows}, {reason}").format(rows=_rows(count), reason=_(reason))
            )
    lines.append(_("Would change, writing nothing (--dry-run):") if dry_run else _("Changed:"))
    for table in TABLES:
        added = counts[(table.name, "added")]
        replaced = counts[(table.name, "replaced")]
        if not added and not replaced:
            continue
        text = _("{sheet} sheet, table {table}: {added} added").format(
            sheet=table.sheet, table=table.name, added=_rows(added)
        )
        if replaced:
            text += "; " + _("{replaced} of an earlier import replaced").format(
                replaced=_rows(replaced)
            )
        lines.append("  " + text)
    for name, kind in channels.new.values():
        lines.append("  " + _("new channel {name} ({kind})").format(name=name, kind=kind))
    if not dry_run:
        lines.append(_("wrote {path}").format(path=terminal_text(workbook)))
    return "\n".join(lines)
