"""What each CLI command does, as plain functions returning the text to print."""

from __future__ import annotations

from pathlib import Path

from roi_report.errors import OutputError, WorkbookInvalid
from roi_report.pipeline import load


def check_workbook(path: Path, *, strict: bool = False) -> str:
    workbook = load(path)
    warnings = list(workbook.warnings)
    if strict and warnings:
        raise WorkbookInvalid(warnings)
    lines = [f"{path}: no problems found."]
    lines += [f"warning: {w}" for w in warnings]
    return "\n".join(lines)


def init_template(path: Path, **options) -> str:
    from roi_report.template import write_template

    try:
        write_template(path, **options)
    except FileExistsError:
        raise OutputError(
            f"{path} already exists — choose another name, or add --force to replace it"
        ) from None
    return f"wrote {path}"
