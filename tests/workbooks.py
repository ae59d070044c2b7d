"""Build small contract workbooks in tests, cell by cell, without the template writer."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from roi_report.workbook import contract as c

DEFAULT_SETTINGS = {
    "Client": "Test Client",
    "Period start": date(2025, 7, 1),
    "Period end": date(2025, 9, 30),
    "Compare with": "Previous period",
    "Currency": "USD",
    "Language": "en",
}
DEFAULT_CHANNELS = [("LinkedIn", "Social"), ("Email", "Other")]


def headers(table: c.Table) -> list[str]:
    return [col.header for col in table.columns]


def make_workbook(
    path: Path,
    *,
    settings=None,
    channels=None,
    costs=(),
    staff=(),
    goals=(),
    results=(),
    leads=(),
    drop_sheets=(),
    rename=None,
    touches=None,
) -> Path:
    """A workbook with header row 1 in every sheet. Rows are dicts keyed by header; a
    Touches sheet (contract v1.1) only when `touches` is given."""
    book = Workbook()
    report = book.active
    report.title = "Report"
    report.append(list(c.SETTING_HEADER))
    for label, value in {**DEFAULT_SETTINGS, **(settings or {})}.items():
        if value is not None:
            report.append([label, value])
    tables = {
        "Channels": [dict(zip(("Channel", "Kind"), ch)) for ch in (channels or DEFAULT_CHANNELS)],
        "Costs": list(costs),
        "Staff": list(staff),
        "Goals": list(goals),
        "Results": list(results),
        "Leads": list(leads),
        "Touches": list(touches or ()),
    }
    optional = (c.TOUCHES,) if touches is not None else ()
    for table in (*c.FACT_TABLES, *optional):
        if table.sheet in drop_sheets:
            continue
        sheet = book.create_sheet(table.sheet)
        names = [(rename or {}).get(h, h) for h in headers(table)]
        sheet.append(names)
        for row in tables[table.name]:
            sheet.append([row.get(h) for h in headers(table)])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # typed text, even when it starts with "="

    if "Report" in drop_sheets:
        del book["Report"]
    book.save(path)
    return path


# One valid row of each table: tests change one cell of it to see that cell refused.
GOOD_COST = {
    "Date": date(2025, 7, 5),
    "Category": "Ads",
    "Channel": "LinkedIn",
    "Type": "Paid",
    "Campaign": "Launch",
    "Amount": 1000,
}
GOOD_STAFF = {
    "Date": date(2025, 7, 6),
    "Person": "Ana",
    "Channel": "LinkedIn",
    "Type": "Organic",
    "Hourly rate": 50,
    "Hours": 10,
}
GOOD_GOAL = {"Goal": "Leads", "Metric": "Leads", "Channel": "All", "Value per result": 30}
GOOD_RESULT = {
    "Date": date(2025, 7, 20),
    "Channel": "LinkedIn",
    "Type": "Paid",
    "Campaign": "Launch",
    "Metric": "Leads",
    "Count": 40,
}
GOOD_LEAD = {
    "Lead ID": "L-1",
    "Created": date(2025, 7, 21),
    "Source": "LinkedIn",
    "Score": 55,
    "Stage": "MQL",
}


def with_(row, **changes):
    return {**row, **{key.replace("_", " "): value for key, value in changes.items()}}


def book(path, **tables):
    """A valid workbook, with any table replaced by the rows given."""
    defaults = {
        "costs": [GOOD_COST],
        "staff": [GOOD_STAFF],
        "goals": [GOOD_GOAL],
        "results": [GOOD_RESULT],
        "leads": [GOOD_LEAD],
    }
    return make_workbook(path, **{**defaults, **tables})


def macro_copy(plain: Path, macro: Path, vba: bytes = b"\xd0\xcf\x11\xe0 VBA as bytes") -> Path:
    """A macro-enabled (.xlsm) copy of an .xlsx package, carrying a VBA part as Excel does."""
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(macro, "w") as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                ).replace(
                    b"</Types>",
                    b'<Default Extension="bin" '
                    b'ContentType="application/vnd.ms-office.vbaProject"/></Types>',
                )
            if info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/'
                    b'relationships/vbaProject" Target="vbaProject.bin"/></Relationships>',
                )
            out.writestr(info, data)
        out.writestr("xl/vbaProject.bin", vba)
    return macro
