"""ROI Touch lines and ROI Attribution, cell for cell: every formula and every cached value
as written for a small deal book with Touches, against the golden copy in
tests/data/touch_lines.json (regenerate it with `python tests/test_touch_lines_formulas.py`
only when a change of formulas is meant)."""

import hashlib
import json
import sys
from pathlib import Path
from string import ascii_uppercase

from openpyxl import load_workbook
from openpyxl.worksheet.formula import ArrayFormula
from test_analytics import CHANNELS, LEADS, TOUCHES
from workbooks import book as good_book

from roi_report.excel.sheets.attribution import ATTRIBUTION, TOUCH_LINES
from roi_report.pipeline import BuildOptions, build

FIRST_ROWS = 12  # title, header and the first eight touch rows
GOLDEN = Path(__file__).parent / "data" / "touch_lines.json"


def written_cells(folder: Path) -> dict[str, dict[str, list]]:
    """{sheet: {cell: [formula or value, array range or None, cached value]}}: ROI
    Attribution whole; of ROI Touch lines (500 spare rows) its first rows and its last one
    verbatim, and a digest of every cell."""
    (folder / "in").mkdir(parents=True)
    source = good_book(
        folder / "in" / "deals.xlsx", channels=CHANNELS, leads=LEADS, touches=TOUCHES
    )
    results = build(source, BuildOptions(out_dir=folder / "out", pdf=False)).results_path
    formulas = load_workbook(results)
    values = load_workbook(results, data_only=True)
    found = {}
    for name in (TOUCH_LINES, ATTRIBUTION):
        cells = {}
        for row in formulas[name].iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                value, array = cell.value, None
                if not isinstance(value, (str, int, float, ArrayFormula)):
                    value = str(value)  # dates
                if isinstance(value, ArrayFormula):
                    value, array = value.text, value.ref
                cached = values[name][cell.coordinate].value
                if isinstance(cached, float):  # sums in set order: the last digit varies
                    cached = f"{cached:.12g}"
                cells[cell.coordinate] = [value, array, str(cached)]
        if name == TOUCH_LINES:
            last = formulas[name].max_row
            digest = hashlib.sha256(json.dumps(cells, sort_keys=True).encode()).hexdigest()
            cells = {
                cell: value
                for cell, value in cells.items()
                if int(cell.lstrip(ascii_uppercase)) in (*range(1, FIRST_ROWS + 1), last)
            }
            cells["digest"] = digest
        found[name] = cells
    return found


def test_touch_lines_formulas_are_the_golden_ones(tmp_path):
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    found = written_cells(tmp_path)
    for sheet, cells in golden.items():
        assert sorted(found[sheet]) == sorted(cells), sheet
        for cell, expected in cells.items():
            assert found[sheet][cell] == expected, f"{sheet}!{cell}"


if __name__ == "__main__":  # regenerate the golden copy
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        GOLDEN.write_text(
            json.dumps(written_cells(Path(folder)), indent=1, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
    sys.exit(0)
