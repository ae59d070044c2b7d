"""Spreadsheet cell addresses, without importing openpyxl (a third of a second) to get them."""

from __future__ import annotations

from functools import cache


@cache  # called for every cell a formula sheet writes, with a few dozen distinct columns
def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA, 16384 -> XFD."""
    if not 1 <= index <= 16384:
        raise ValueError(f"column {index} is outside A..XFD")
    letters = ""
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def column_index(letters: str) -> int:
    """A -> 1, AA -> 27."""
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index


def quote_sheet(name: str) -> str:
    """A sheet name as a formula refers to it, always quoted: a sheet named A1 or TRUE must
    not read as a cell or a value."""
    return "'" + name.replace("'", "''") + "'"
