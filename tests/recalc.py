"""Recalculate a workbook with LibreOffice, Gnumeric or the Python `formulas` package and
compare its figures to the metrics."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook

from roi_report.excel.cells import column_index
from roi_report.excel.sheets import SENTINEL_LABEL, SUMMARY
from roi_report.excel.sheets.core import in_language
from roi_report.metrics.to_json import metric_at

# OOXMLRecalcMode 0 = always recalculate an xlsx on load, whatever cached values it holds.
PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
{locale}</oor:items>
"""
LOCALE_SETTING = """<item oor:path="/org.openoffice.Setup/L10N">
 <prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>{locale}</value></prop></item>
"""
EXCEL_EPOCH = date(1899, 12, 30)


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise RuntimeError("LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")
    return found


def recalculate(
    paths: list[Path], out_dir: Path, profile: Path, locale: str | None = None
) -> list[Path]:
    """Open each workbook in LibreOffice (fresh profile, recalc always) and save it again;
    `locale` such as "pl-PL" sets the profile's locale (decimal comma)."""
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    setting = LOCALE_SETTING.format(locale=locale) if locale else ""
    (user / "registrymodifications.xcu").write_text(PROFILE_SETTINGS.format(locale=setting))
    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out_dir),
            *map(str, paths),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    results = [out_dir / p.name for p in paths]
    missing = [p for p in results if not p.exists()]
    assert not missing, f"LibreOffice wrote no {missing}"
    return results


def recalculate_gnumeric(paths: list[Path], out_dir: Path) -> list[Path]:
    """Recalculate each workbook with Gnumeric (ssconvert --recalc) and save it as xlsx."""
    found = shutil.which("ssconvert")
    if not found:
        raise RuntimeError("Gnumeric is not installed (apt-get install gnumeric)")
    out_dir.mkdir(parents=True, exist_ok=True)
    results = []
    for path in paths:
        target = out_dir / path.name
        subprocess.run(
            [found, "--recalc", str(path), str(target)],
            check=True,
            capture_output=True,
            timeout=600,
        )
        results.append(target)
    return results


def recalculate_formulas(path: Path) -> dict[str, list[list]]:
    """Every generated sheet's values as the Python `formulas` package computes them from
    the workbook's formulas (sheet -> rows of values), as mismatches() reads them."""
    import re

    import formulas
    import numpy as np

    sheets = {name.upper(): name for name in load_workbook(path, read_only=True).sheetnames}
    solution = formulas.ExcelModel().loads(str(path)).finish().calculate()
    address = re.compile(r"^'?\[[^\]]*\](.*?)'?!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$")
    values: dict[str, dict[tuple[int, int], object]] = {}
    for key, ranges in solution.items():
        match = address.match(key)
        if not match or match.group(1).replace("''", "'") not in sheets:
            continue
        sheet = sheets[match.group(1).replace("''", "'")]
        row, col = int(match.group(3)), column_index(match.group(2))
        grid = np.asarray(getattr(ranges, "value", ranges), dtype=object).reshape(
            (-1, 1) if match.group(4) is None else (int(match.group(5)) - row + 1, -1)
        )
        for (i, j), value in np.ndenumerate(grid):
            values.setdefault(sheet, {})[(row + i, col + j)] = _plain(value)
    rows = {}
    for sheet, cells in values.items():
        height = max(r for r, _ in cells)
        width = max(c for _, c in cells)
        rows[sheet] = [
            [cells.get((r, c)) for c in range(1, width + 1)] for r in range(1, height + 1)
        ]
    return rows


def _plain(value):
    """A `formulas` value as openpyxl reads a cell: numbers, text, booleans or None."""
    import numpy as np

    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, (bool, int, float, str)):
        return value
    text = str(value)
    return None if text in ("", "empty") else text


def as_number(value):
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        return (date.fromisoformat(value) - EXCEL_EPOCH).days
    return value


def cell_number(value):
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return (value - EXCEL_EPOCH).days
    return value


def sheet_values(recalculated: Path, names) -> dict[str, list[list]]:
    book = load_workbook(recalculated, data_only=True, read_only=True)
    values = {name: [list(r) for r in book[name].iter_rows(values_only=True)] for name in names}
    book.close()
    return values


def mismatches(recalculated: Path | dict, checks, data: dict, rel: float = 1e-9) -> list[str]:
    """Every generated figure that differs from its JSON metric (None must read 'n/a' in
    the report's language). `recalculated` is a recalculated workbook, or the values
    recalculate_formulas gives."""
    names = {c.sheet for c in checks} | {SUMMARY}
    values = recalculated if isinstance(recalculated, dict) else sheet_values(recalculated, names)
    label, na = (in_language(data["language"], text) for text in (SENTINEL_LABEL, "n/a"))
    sentinel = next(row for row in values[SUMMARY] if row and row[0] == label)
    assert sentinel[1] == 42, "the spreadsheet engine did not recalculate the workbook"
    wrong = []
    for check in checks:
        rows = values[check.sheet]
        got = rows[check.row - 1][check.col - 1] if check.row <= len(rows) else None
        want = as_number(metric_at(data, check.path))
        got = cell_number(got)
        if want is None:
            if got != na:
                wrong.append(f"{check.sheet}!{check.coordinate} {check.path}: {got!r} != {na}")
            continue
        if not isinstance(got, (int, float)) or isinstance(got, bool):
            wrong.append(f"{check.sheet}!{check.coordinate} {check.path}: {got!r} != {want!r}")
            continue
        expected = want / check.scale
        if abs(got - expected) > rel * max(1.0, abs(expected)):
            wrong.append(f"{check.sheet}!{check.coordinate} {check.path}: {got!r} != {expected!r}")
    return wrong
