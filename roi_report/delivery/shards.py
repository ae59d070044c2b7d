"""`roi-report merge-summaries`: the summaries of a sharded batch (`batch --shard K/N`
writes `summary-K-of-N.csv`, see batch.Shard) joined into one summary.xlsx / summary.csv,
read back from the CSVs (the machine-readable half of each summary)."""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from roi_report.delivery.batch import (
    EMAIL_COLUMN,
    NOTICE_SEPARATOR,
    NOTICES_COLUMN,
    PERIOD_SEPARATOR,
    BatchError,
    ClientResult,
    write_summaries,
)
from roi_report.language import messages_for

_ = messages_for(__name__).gettext

SUMMARY_CSV = re.compile(r"summary(-\d+-of-\d+)?\.csv", re.IGNORECASE)


# ------------------------------------------------------------------------------ merging


def _summaries(folders: Sequence[Path]) -> list[Path]:
    """Each folder's shard summaries (summary-K-of-N.csv), else its summary.csv (which may
    be an earlier merge of those shards: never counted twice)."""
    found = []
    for folder in folders:
        here = sorted(
            (p for p in Path(folder).iterdir() if SUMMARY_CSV.fullmatch(p.name)),
            key=lambda p: [int(n) if n.isdigit() else n for n in re.split(r"(\d+)", p.name)],
        )
        shards = [p for p in here if p.name.lower() != "summary.csv"]
        found += shards or here
    return found


def _number(text: str) -> float | None:
    try:
        return float(text) if text.strip() else None
    except ValueError:
        return None


def _period(text: str) -> tuple[date | None, date | None]:
    start, _sep, end = text.partition(PERIOD_SEPARATOR)
    try:
        return date.fromisoformat(start.strip()), date.fromisoformat(end.strip())
    except ValueError:
        return None, None


def _unneutralized(text: str) -> str:
    """The summary's text as written before `neutralize` (it is applied again on writing)."""
    from roi_report.delivery.batch import FORMULA_TRIGGERS

    if text.startswith("'") and text[1:].startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text


def read_summary(path: Path, index: int = 0) -> tuple[list[ClientResult], bool]:
    """The clients of one summary.csv, and whether it has the Emailed to column."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise BatchError(
            _("{path} cannot be read as a batch summary ({problem})").format(
                path=path, problem=error
            )
        ) from None
    clients = []
    emailing = False
    for number, row in enumerate(rows):
        if "Workbook" not in row or "Status" not in row:
            raise BatchError(
                _("{path} is not a batch summary (no Workbook and Status columns)").format(
                    path=path
                )
            )
        text = {key: _unneutralized(value or "") for key, value in row.items() if key}
        emailing = emailing or EMAIL_COLUMN in row
        client = ClientResult(index + number, Path(text["Workbook"]), client=text["Client"])
        client.period_start, client.period_end = _period(text.get("Period", ""))
        client.currency = text.get("Currency", "")
        client.investment = _number(text.get("Investment", ""))
        client.return_ = _number(text.get("Return", ""))
        client.roi_pct = _number(text.get("ROI %", ""))
        client.roi_change = _number(text.get("ROI change (pp)", ""))
        client.best_channel = text.get("Best channel", "")
        client.status = text["Status"]
        problem = text.get("Problem", "")
        if client.status in ("failed", "interrupted"):
            client.problems = (problem or client.status,)
        elif problem:
            client.email_problem = problem
        report = text.get("Report", "")
        if report:
            client.files = ((path.parent / report).resolve(),)
        client.emailed_to = tuple(
            a.strip() for a in text.get(EMAIL_COLUMN, "").split(",") if a.strip()
        )
        client.notices = tuple(
            n.strip() for n in text.get(NOTICES_COLUMN, "").split(NOTICE_SEPARATOR) if n.strip()
        )
        clients.append(client)
    return clients, emailing


def merge_command(
    folders: Sequence[Path], *, out_dir: Path | None = None, language: str | None = None
) -> str:
    """What `roi-report merge-summaries` does: every shard's summary joined into one."""
    summaries = _summaries(folders)
    if not summaries:
        raise BatchError(
            _(
                "no summary.csv or summary-K-of-N.csv in {folders} — give the batch's "
                "output folders"
            ).format(folders=", ".join(str(f) for f in folders))
        )
    clients: list[ClientResult] = []
    emailing = False
    for path in summaries:
        read, has_email = read_summary(path, len(clients))
        clients += read
        emailing = emailing or has_email
    target = (
        Path(out_dir)
        if out_dir is not None
        else Path(os.path.commonpath([str(Path(f).resolve()) for f in folders]))
    )
    target.mkdir(parents=True, exist_ok=True)
    xlsx, csv_path = write_summaries(
        clients, target.resolve(), emailing=emailing, language=language
    )
    failed = sum(1 for c in clients if c.failed)
    return _(
        "joined {summaries} summaries ({clients} clients, {failed} failed) into {xlsx} and {csv}"
    ).format(summaries=len(summaries), clients=len(clients), failed=failed, xlsx=xlsx, csv=csv_path)
