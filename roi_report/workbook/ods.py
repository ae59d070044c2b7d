"""OpenDocument spreadsheets (.ods, LibreOffice's own format), read like .xlsx.

The cell values (cached values of formulas) of every sheet are copied into a private .xlsx,
which the reader and the results-workbook writer then take as they take any workbook; the
results workbook of an .ods is therefore an .xlsx. python-calamine reads .ods natively.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from pathlib import Path

from roi_report.errors import InputFileError
from roi_report.language import messages_for

_ = messages_for(__name__).gettext

Damaged = Callable[[str], InputFileError]

ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
# As the reader's bounds for .xlsx parts (a zip bomb inflates thousands of times).
MAX_RATIO = 200
RATIO_FLOOR_BYTES = 16 * 1024**2


def _check(source: Path, damaged: Damaged, max_bytes: int) -> None:
    """An OpenDocument spreadsheet whose cells stay within the reader's bounds."""
    try:
        with zipfile.ZipFile(source) as package:
            names = set(package.namelist())
            mimetype = package.read("mimetype").strip() if "mimetype" in names else b""
            content = package.getinfo("content.xml") if "content.xml" in names else None
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError):
        raise damaged(_("the file is cut short or is not a complete package")) from None
    if mimetype != ODS_MIMETYPE:
        raise damaged(_("it is not an OpenDocument spreadsheet inside"))
    if content is None:
        raise damaged(_("it holds no content.xml, where the cells are"))
    if content.file_size > max_bytes or (
        content.file_size > RATIO_FLOOR_BYTES
        and content.file_size > MAX_RATIO * max(content.compress_size, 1)
    ):
        raise damaged(_("its content.xml inflates far beyond a real spreadsheet"))


def ods_to_xlsx(source: Path, target: Path, damaged: Damaged, max_bytes: int) -> Path:
    """Copy every sheet's values into a new .xlsx at `target`. `damaged(detail)` is the
    reader's error for a file that cannot be read; `max_bytes` bounds content.xml."""
    from openpyxl import Workbook
    from python_calamine import CalamineWorkbook

    source = Path(source)
    _check(source, damaged, max_bytes)
    try:
        book = CalamineWorkbook.from_path(str(source))
        sheets = [(name, book.get_sheet_by_name(name)) for name in book.sheet_names]
        rows_of = {name: sheet.to_python(skip_empty_area=False) for name, sheet in sheets}
    except Exception:  # calamine's own errors, in its words: a damaged content.xml
        raise damaged(_("its content.xml, where the cells are, is broken or cut short")) from None
    out = Workbook()
    out.remove(out.active)
    for name, _sheet in sheets:
        sheet = out.create_sheet(name[:31])
        for row_number, row in enumerate(rows_of[name], start=1):
            for column, value in enumerate(row, start=1):
                if value is not None and value != "":
                    _put(sheet.cell(row=row_number, column=column), value)
    if not out.worksheets:
        out.create_sheet("Sheet1")
    out.save(target)
    return Path(target)


def _put(cell, value) -> None:
    if isinstance(value, datetime):
        whole_day = value.time() == time()
        cell.value = value.date() if whole_day else value
        cell.number_format = DATE_FORMAT if whole_day else DATETIME_FORMAT
    elif isinstance(value, date):
        cell.value, cell.number_format = value, DATE_FORMAT
    elif isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # typed text, even when it starts with "="
    else:
        cell.value = value


@contextlib.contextmanager
def converted(source: Path, damaged: Damaged, max_bytes: int) -> Iterator[Path]:
    """A private .xlsx copy of an .ods (same stem), removed after the block."""
    folder = Path(tempfile.mkdtemp(prefix=".roi-ods-"))
    try:
        yield ods_to_xlsx(source, folder / (Path(source).stem + ".xlsx"), damaged, max_bytes)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
