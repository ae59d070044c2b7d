"""Large tables read as columns: a CRM export of a million leads without a Python object per
cell.

python-calamine hands over rows, one Python object per cell; fastexcel parses the sheet with
the same engine (calamine) into Arrow columns. Each column then becomes its distinct values
and, per row, a code into them, so validation converts each distinct value once and the
reader never holds a Python object per cell.

It is used only where it yields exactly the table the row reader would: the header row is
the sheet's first row and starts at A1 (as in the template and in CRM exports), every
contract column holds one kind of cell (only text, only numbers or only dates), and the sheet
has no formulas or error values. Anything else returns None and the row reader takes over,
with its cell-by-cell messages.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np
from openpyxl.utils import get_column_letter

from roi_report.workbook.contract import Kind, Table

# Arrow types a column may have for each kind of contract cell; any other (booleans, times,
# mixed columns) is left to the row reader, which explains each odd cell.
_TEXT_KINDS = {Kind.TEXT, Kind.CHOICE, Kind.YES_NO, Kind.CHANNEL, Kind.CHANNEL_OR_ALL}
_NUMBER_KINDS = {Kind.AMOUNT, Kind.NUMBER, Kind.SCORE, Kind.SHARE}


@dataclass(frozen=True)
class ColumnCells:
    """One column: its distinct raw values (None last, for blank cells) and, per data row,
    the position of the row's value among them."""

    distinct: list
    codes: np.ndarray

    def values(self, typed: list) -> list:
        """Per row, the entry of `typed` (one per distinct value) for the row's value."""
        lookup = np.empty(len(typed), dtype=object)
        lookup[:] = typed
        return lookup[self.codes].tolist()


@dataclass(frozen=True)
class ColumnarTable:
    """A contract table read as columns; the counterpart of reading.RawTable."""

    sheet: str
    header_row: int
    columns: dict[str, int]  # contract key -> 1-based column index
    row_numbers: tuple[int, ...]  # sheet rows holding data, in order
    cells: dict[str, ColumnCells]  # contract key -> its cells, one per data row
    uncalculated: dict[str, str] = field(default_factory=dict)  # always empty: see module

    def letter(self, key: str) -> str:
        return get_column_letter(self.columns[key])

    def cell(self, position: int, key: str):
        """The raw value of data row `position` (0-based) in the column `key`."""
        column = self.cells.get(key)
        return None if column is None else column.distinct[column.codes[position]]

    def without(self, positions: set[int]) -> ColumnarTable:
        """The table without the data rows at `positions` (totals rows), as RawTable does."""
        keep = np.array([i not in positions for i in range(len(self.row_numbers))], dtype=bool)
        return ColumnarTable(
            self.sheet,
            self.header_row,
            self.columns,
            tuple(np.asarray(self.row_numbers)[keep].tolist()),
            {key: ColumnCells(c.distinct, c.codes[keep]) for key, c in self.cells.items()},
        )


# fastexcel names the second of two columns headed "Revenue" "Revenue_1".
_RENAMED_TWIN = re.compile(r"^(.*)_[0-9]+$", re.DOTALL)
# Before 1900-01-01 calamine's rows hold a time of day, fastexcel's columns 1899-12-31.
_FIRST_DAY = datetime(1900, 1, 1)


def _before_1900(value) -> bool:
    if isinstance(value, datetime):
        return value < _FIRST_DAY
    return isinstance(value, date) and value < _FIRST_DAY.date()


def _accepts(kind: Kind, array) -> bool:
    import pyarrow as pa

    arrow_type = array.type
    if pa.types.is_null(arrow_type) or array.null_count == len(array):
        return True  # an empty column: fastexcel calls it text
    if kind in _TEXT_KINDS:
        return pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type)
    if kind in _NUMBER_KINDS:
        return pa.types.is_floating(arrow_type) or pa.types.is_integer(arrow_type)
    if kind is Kind.DATE:
        return pa.types.is_timestamp(arrow_type) or pa.types.is_date(arrow_type)
    return False


def _column_cells(array) -> ColumnCells:
    import pyarrow as pa
    import pyarrow.compute as pc

    if pa.types.is_null(array.type):
        return ColumnCells([None], np.zeros(len(array), dtype=np.int32))
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    encoded = pc.dictionary_encode(array)
    distinct = encoded.dictionary.to_pylist()
    indices = encoded.indices
    if not pa.types.is_int32(indices.type):  # int32 is dictionary_encode's default
        indices = indices.cast(pa.int32())
    return ColumnCells([*distinct, None], _codes(indices, blank=len(distinct)))


def _codes(indices, blank: int) -> np.ndarray:
    """The dictionary indices as NumPy, `blank` where null. Read from the Arrow buffers:
    pyarrow's to_numpy and fill_null import pandas when it is installed (a third of a
    second, and an import racing the renderer's in the other thread)."""
    validity, data = indices.buffers()[:2]
    start, end = indices.offset, indices.offset + len(indices)
    codes = np.frombuffer(data, dtype=np.int32)[start:end].astype(np.int64)
    if indices.null_count:
        valid = np.unpackbits(np.frombuffer(validity, dtype=np.uint8), bitorder="little")
        codes[valid[start:end] == 0] = blank
    return codes


def read_columnar(
    path, sheet: str, table: Table, is_filled, normalize, meanwhile=None
) -> ColumnarTable | None:
    """The table on `sheet` as columns, or None where the row reader must read it.

    The caller has checked that the sheet's first cell is a filled A1 and that the sheet
    holds no formulas or error values; `is_filled` and `normalize` are the row reader's own
    tests for a blank cell and a header, so both readers keep the same rows and columns.
    `meanwhile`, if given, is called just before fastexcel parses the sheet, which takes
    seconds for a large one and lets other threads run.
    """
    try:
        import fastexcel
        import pyarrow.compute  # noqa: F401  (imported before `meanwhile` starts a thread)
    except ImportError:
        return None
    by_header = {normalize(column.header): column for column in table.columns}
    fastexcel_log = logging.getLogger("fastexcel")
    level = fastexcel_log.level
    fastexcel_log.setLevel(logging.ERROR)  # "falling back to string" for empty columns
    headers: list[str] = []
    interrupted: list[BaseException] = []

    def wanted(info) -> bool:
        try:
            headers.append(info.name)
            return normalize(info.name) in by_header
        except BaseException as error:
            # fastexcel turns whatever this callback raises into its own Exception, which
            # the fallback below would swallow: a Ctrl-C here must still stop the run.
            interrupted.append(error)
            raise

    try:
        reader = fastexcel.read_excel(str(path))
        if meanwhile is not None:
            meanwhile()
        loaded = reader.load_sheet_by_name(
            sheet,
            header_row=0,
            use_columns=wanted,
            schema_sample_rows=None,  # every row: a column of one kind must be so throughout
            dtype_coercion="strict",  # a column with two kinds of cell raises
        )
        # A date calamine cannot convert (a serial out of range) would be a silent blank.
        arrow, unconverted = loaded.to_arrow_with_errors()
        if unconverted is not None and unconverted.errors:
            return None
        infos = loaded.selected_columns
    except Exception:  # mixed cells, or anything calamine dislikes: the row reader says what
        if interrupted and not isinstance(interrupted[0], Exception):
            raise interrupted[0] from None  # KeyboardInterrupt (Ctrl-C, SIGTERM)
        return None
    except BaseException as error:  # a Rust panic: pyo3 raises it as no Exception
        if type(error).__name__ != "PanicException":
            raise  # KeyboardInterrupt, SystemExit
        return None
    finally:
        fastexcel_log.setLevel(level)
    if any(
        (twin := _RENAMED_TWIN.match(name)) and normalize(twin.group(1)) in by_header
        for name in headers
    ):
        return None  # two columns under one header, maybe: the row reader says which
    chosen: dict[str, tuple[int, str]] = {}  # key -> (0-based column, Arrow field name)
    for info in sorted(infos, key=lambda info: info.absolute_index):
        if info.column_name_from != "looked_up":
            continue
        column = by_header[normalize(info.name)]
        chosen.setdefault(column.key, (info.absolute_index, info.name))
    if any(column.required and column.key not in chosen for column in table.columns):
        return None  # the row reader names the missing column and where to add it
    kinds = {column.key: column.kind for column in table.columns}
    if not all(_accepts(kinds[key], arrow.column(name)) for key, (_, name) in chosen.items()):
        return None
    try:
        cells = {key: _column_cells(arrow.column(name)) for key, (_, name) in chosen.items()}
    except (OverflowError, ValueError):  # a date Python cannot hold: the row reader says so
        return None
    if any(
        _before_1900(value)
        for key in cells
        if kinds[key] is Kind.DATE
        for value in cells[key].distinct
    ):
        return None
    # Rows with nothing in the contract's columns are skipped, as the row reader skips them.
    kept = np.zeros(arrow.num_rows, dtype=bool)
    for column in cells.values():
        filled = np.array([is_filled(value) for value in column.distinct], dtype=bool)
        kept |= filled[column.codes]
    positions = np.flatnonzero(kept)
    if len(positions) < arrow.num_rows:
        cells = {key: ColumnCells(c.distinct, c.codes[positions]) for key, c in cells.items()}
    first_data_row = 2  # the header is row 1
    return ColumnarTable(
        sheet,
        1,
        {key: index + 1 for key, (index, _) in chosen.items()},
        tuple((positions + first_data_row).tolist()),
        cells,
    )
