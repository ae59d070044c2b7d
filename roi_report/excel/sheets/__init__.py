"""The generated sheets of a results workbook as live formulas over the user's tables.

This package decides what every generated cell holds; `excel.writer` only puts the cells
into a file. Each figure is a formula a spreadsheet recalculates from the user's own cells
and the Report settings, and mirrors the computation in `metrics` step by step. `n/a`
stands where `metrics` has None. Alongside the cells, every figure is paired with its JSON
path (`Check`), so tests and writers of cached values know which metric each formula must
equal.

One module per section of the report, built on the writer core (`core`) and the shared
context (`context`). A new section is a new module whose `Section` goes into SECTIONS.
The build runs `prepare` of every section in this order (the cells others refer to), then
`write` (the figures); a section's `sheets` are added to the workbook in this order too.
"""

from __future__ import annotations

from roi_report.excel.sheets.bands import Bands
from roi_report.excel.sheets.channels import SHARED_LABELS, Channels
from roi_report.excel.sheets.context import Context, Section
from roi_report.excel.sheets.core import (
    CHANNELS,
    SENTINEL_LABEL,
    SUMMARY,
    Check,
    SheetSpec,
    align_headers,
)
from roi_report.excel.sheets.goals import Goals
from roi_report.excel.sheets.lead_costs import LeadCosts
from roi_report.excel.sheets.lines import Lines
from roi_report.excel.sheets.new_business import NewBusiness
from roi_report.excel.sheets.settings import Settings
from roi_report.excel.sheets.summary import Summary
from roi_report.language import use_language
from roi_report.metrics.compute import Metrics
from roi_report.workbook.models import Workbook

SECTIONS: tuple[Section, ...] = (
    Settings(),
    Channels(),
    LeadCosts(),  # under the channel figures, on ROI Channels
    Goals(),
    Bands(),
    NewBusiness(),
    Summary(),  # the headline refers to the other sheets' figures
    Lines(),  # prepared after the channel and goal keys and the stage depths it matches on
)
GENERATED_SHEETS = tuple(name for section in SECTIONS for name in section.sheets)

__all__ = [
    "CHANNELS",
    "GENERATED_SHEETS",
    "SECTIONS",
    "SENTINEL_LABEL",
    "SHARED_LABELS",
    "SUMMARY",
    "Check",
    "SheetSpec",
    "build_sheets",
]


def build_sheets(book: Workbook, metrics: Metrics) -> tuple[list[SheetSpec], list[Check]]:
    """Every generated sheet, and the metric each figure in them stands for. Their words
    are in the report's language (Settings → Language); sheet names stay English."""
    ctx = Context(book, metrics, GENERATED_SHEETS)
    with use_language(book.settings.language):
        for section in SECTIONS:
            section.prepare(ctx)
        for section in SECTIONS:
            section.write(ctx)
    specs = [writer.spec for writer in ctx.writers.values()]
    for spec in specs:
        align_headers(spec)
    return specs, ctx.checks
