"""Rows a user types under a Costs, Staff, Results or Leads table of a results workbook
count once a spreadsheet recalculates it: the same figures as a fresh build of the edited
workbook. Blank and partial rows (validation never saw them) count nothing and break nothing."""

from dataclasses import replace
from pathlib import Path

from openpyxl import load_workbook
from recalc import mismatches, recalculate

from roi_report.metrics.compute import result_values
from roi_report.pipeline import BuildOptions, build
from roi_report.template.sample_data import random_profile
from roi_report.template.writer import write_workbook
from roi_report.workbook.models import Workbook

SEED = 21  # rows in every table, a comparison period, social leads in the period
TABLES = ("Costs", "Staff", "Results", "Leads")


def counted_row(book: Workbook, table: str) -> int:
    """A sheet row of `table` that counts in the report period for a social channel."""
    start, end = book.settings.period_start, book.settings.period_end
    if table == "Leads":
        leads = book.leads
        return next(
            row
            for row, created, source in zip(leads.rows, leads.created, leads.source)
            if start <= created <= end and source in book.social_channels
        )
    if table == "Results":  # a result worth something: its goal has a value
        lines = [r for r, value in zip(book.results, result_values(book)) if value > 0]
    else:
        lines = [line for line in book.investment if line.sheet == table and line.amount > 0]
    return next(
        line.row
        for line in lines
        if start <= line.date <= end and line.channel in book.social_channels
    )


def grow(results: Path, target: Path, book: Workbook, partial: bool) -> Path:
    """Copy a counted row of each table under its last row and extend the Excel table, as
    Excel does when a row is typed under it; with `partial`, a half-typed row below that."""
    workbook = load_workbook(results)
    for name in TABLES:
        layout = book.layout.tables[name]
        sheet = workbook[layout.sheet]
        copied, new = counted_row(book, name), max(layout.rows) + 1
        for cell in sheet[copied]:
            sheet.cell(new, cell.column, cell.value).number_format = cell.number_format
        columns = layout.columns
        if name == "Leads":
            sheet[f"{columns['lead_id']}{new}"] = "L-added-1"
        last = new
        if partial:
            last = new + 1
            # A date and a channel with no amount, a person alone, a result with no count,
            # a lead with no Created date: nothing to count, and no error either.
            keep = {
                "Costs": ("date", "channel"),
                "Staff": ("person",),
                "Results": ("date", "channel"),
                "Leads": ("lead_id", "source"),
            }[name]
            for key in keep:
                value = sheet[f"{columns[key]}{new}"].value
                sheet[f"{columns[key]}{last}"] = "L-partial" if key == "lead_id" else value
        for table in sheet.tables.values():
            top_left, bottom_right = table.ref.split(":")
            column = bottom_right.rstrip("0123456789")
            table.ref = f"{top_left}:{column}{last}"
            if table.autoFilter is not None:
                table.autoFilter.ref = table.ref
    workbook.save(target)
    return target


def test_rows_typed_under_each_table_count_once_recalculated(tmp_path):
    source = write_workbook(tmp_path / "in" / "grow.xlsx", random_profile(SEED), SEED)
    first = build(source, BuildOptions(out_dir=tmp_path / "first", pdf=False))
    grown = grow(first.results_path, tmp_path / "grown.xlsx", first.workbook, partial=False)
    edited = grow(first.results_path, tmp_path / "edited.xlsx", first.workbook, partial=True)
    fresh = build(grown, BuildOptions(out_dir=tmp_path / "fresh", pdf=False))
    before, after = first.as_dict()["headline"], fresh.as_dict()["headline"]
    for key in ("investment", "return", "social_leads"):
        assert after[key]["current"] > before[key]["current"], key  # the copies count
    assert [c.path for c in fresh.checks] == [c.path for c in first.checks]
    (recalculated,) = recalculate([edited], tmp_path / "lo", tmp_path / "profile")
    wrong = mismatches(recalculated, fresh.checks, fresh.as_dict())
    assert not wrong, "\n".join(wrong[:20])


def test_the_summary_says_up_to_which_row_each_table_counts(tmp_path):
    # The labels read below are the English ones: the ROI sheets speak the report's language.
    profile = replace(random_profile(SEED), language="en")
    source = write_workbook(tmp_path / "in" / "grow.xlsx", profile, SEED)
    built = build(source, BuildOptions(out_dir=tmp_path / "out", pdf=False))
    summary = load_workbook(built.results_path)["ROI Summary"]
    said = {row[0]: row[1] for row in summary.iter_rows(values_only=True) if row[0]}
    for name in TABLES:
        layout = built.workbook.layout.tables[name]
        followed = said[f"{name} ({layout.sheet} sheet)"]
        last = int(followed.split("below row ")[1].split(":")[0])
        assert last >= max(layout.rows) + 500, (name, followed)
