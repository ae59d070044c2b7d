"""The workbook a client reads by email: the ROI sheets only, as values with their formats.

The full results workbook holds the agency's inputs — staff names and hourly rates, the
CRM's leads — which a client report must not carry. This copy keeps the summary sheets
(every formula replaced by the value it last computed) and drops everything else: the
input sheets, and the line-by-line sheets, whose staff rows show what each person costs.
"""

from __future__ import annotations

import io
from pathlib import Path

from roi_report.workbook.contract import GENERATED_SHEET_PREFIX

# "ROI Investment lines", "ROI Result lines": one row per input row, staff rows included.
LINE_SHEETS_END = " lines"


def is_reader_sheet(title: str) -> bool:
    return title.startswith(GENERATED_SHEET_PREFIX) and not title.endswith(LINE_SHEETS_END)


def roi_sheets_only(results_path: Path) -> bytes:
    """An .xlsx of the results workbook's ROI sheets, values and formats, nothing else."""
    from openpyxl import load_workbook

    book = load_workbook(results_path, data_only=True)  # cached values, not formulas
    for sheet in list(book.worksheets):
        if not is_reader_sheet(sheet.title):
            book.remove(sheet)
    for name in list(book.defined_names):  # they point into the sheets just removed
        del book.defined_names[name]
    for sheet in book.worksheets:
        for name in list(sheet.defined_names):
            del sheet.defined_names[name]
        sheet.data_validations.dataValidation = []
        sheet.sheet_state = "visible"
    if book.worksheets:
        book.active = 0
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
