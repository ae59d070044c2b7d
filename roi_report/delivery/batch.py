"""`roi-report batch`: every client's workbook built in parallel, one folder per client, a
summary on the terminal and in `summary.xlsx` / `summary.csv`, and optionally each report
emailed.

Each workbook is built in a worker process of the batch's own small pool into a private
staging folder. As each client finishes, the parent names its folder from the client name
(`safe_names`: never outside DIR, never two clients in one folder; two clients of one name
get `Acme` and `Acme-2` in the order they finish), moves the files there and, with
`--email`, sends them. A failing client — a broken workbook, a crash, a build past
`--timeout`, a refused email — is recorded and the others go on; the run exits 1 naming
every failure. Ctrl-C or SIGTERM stops the workers, keeps the reports already finished,
writes a partial summary and removes the staging folder.
"""

from __future__ import annotations

import contextlib
import csv
import glob
import io
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import click

from roi_report.errors import Interrupted, RoiReportError, WorkbookInvalid, say, terminal_text

SUMMARY_XLSX = "summary.xlsx"
SUMMARY_CSV = "summary.csv"
DEFAULT_OUTPUT = "roi-reports"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
RESULTS_SUFFIX = "-roi"
GLOB_CHARS = "*?["
# OWASP (CSV injection): text a spreadsheet could read as a formula or a command.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


class BatchError(RoiReportError):
    """A batch that cannot start (nothing to build, a path that does not exist)."""


class BatchFailed(RoiReportError):
    """The batch ran, and one client or more failed; every one is named."""


class BatchInterrupted(Interrupted):
    """Ctrl-C or SIGTERM: the finished reports are kept and the summary says so."""


# ------------------------------------------------------------------------------ discovery


def is_skipped(path: Path) -> bool:
    """Excel's lock files (`~$…`), hidden temporary files and the tool's own outputs: the
    `-roi.xlsx` results workbooks, and a batch's summary.xlsx (beside its summary.csv)."""
    name = path.name
    if name.startswith(("~$", ".")) or path.stem.lower().endswith(RESULTS_SUFFIX):
        return True
    return name.lower() == SUMMARY_XLSX and (path.parent / SUMMARY_CSV).is_file()


def _has_glob(text: str) -> bool:
    return any(ch in text for ch in GLOB_CHARS)


def base_folder(argument: str | Path) -> Path:
    """The folder a PATH argument processes: itself, a file's folder, a glob's fixed part."""
    path = Path(argument)
    if path.is_dir():
        return path
    if path.exists() or not _has_glob(str(argument)):
        return path.parent
    fixed = []
    for part in path.parts:
        if _has_glob(part):
            break
        fixed.append(part)
    return Path(*fixed) if fixed else Path(".")


def discover(arguments: Iterable[str | Path]) -> list[Path]:
    """The workbooks named by folders, files and globs, in argument order, each once."""
    found: list[Path] = []
    seen: set[Path] = set()
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            candidates = sorted(
                (p for p in path.iterdir() if p.suffix.lower() in WORKBOOK_SUFFIXES),
                key=lambda p: p.name.casefold(),
            )
        elif path.exists():
            candidates = [path]
        elif _has_glob(str(argument)):
            matches = glob.glob(str(argument), recursive=True)
            candidates = sorted(
                (Path(m) for m in matches if Path(m).suffix.lower() in WORKBOOK_SUFFIXES),
                key=lambda p: str(p).casefold(),
            )
        else:
            raise BatchError(f"{argument}: no such file or folder — check the path")
        for candidate in candidates:
            if not candidate.is_file() or is_skipped(candidate):
                continue
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    if not found:
        raise BatchError(
            "no workbooks found in "
            + ", ".join(str(a) for a in arguments)
            + " (Excel lock files ~$… and the tool's own -roi.xlsx outputs are skipped)"
        )
    return found


# ------------------------------------------------------------------------------ one client


@dataclass
class ClientResult:
    """One workbook's outcome: what the worker found, then what the parent did with it."""

    index: int
    source: Path
    client: str = ""
    language: str = "en"
    currency: str = ""
    period_start: date | None = None
    period_end: date | None = None
    investment: float | None = None
    return_: float | None = None
    roi_pct: float | None = None
    roi_change: float | None = None
    best_channel: str = ""
    warnings: int = 0
    problems: tuple[str, ...] = ()
    staged: tuple[Path, ...] = ()
    email_to: tuple[str, ...] = ()
    subject: str = ""
    body: str = ""
    # Filled in by the parent
    folder: Path | None = None
    files: tuple[Path, ...] = ()
    status: str = "failed"
    emailed_to: tuple[str, ...] = ()
    email_problem: str = ""

    @property
    def built(self) -> bool:
        return not self.problems

    @property
    def failed(self) -> bool:
        return bool(self.problems or self.email_problem)

    @property
    def problem(self) -> str:
        """The first problem, with how many more there are."""
        if self.problems:
            more = len(self.problems) - 1
            return self.problems[0] + (f" (and {more} more)" if more > 0 else "")
        return self.email_problem

    @property
    def pdf(self) -> Path | None:
        return next((p for p in self.files if p.suffix.lower() == ".pdf"), None)

    @property
    def results_workbook(self) -> Path | None:  # .xlsm for a macro-enabled client
        return next((p for p in self.files if p.suffix.lower() in WORKBOOK_SUFFIXES), None)

    def period_text(self) -> str:
        if self.period_start is None or self.period_end is None:
            return ""
        return f"{self.period_start.isoformat()} – {self.period_end.isoformat()}"


@dataclass(frozen=True)
class WorkerTask:
    index: int
    source: Path
    stage_dir: Path
    pdf: bool
    brand_file: Path | None
    template_dir: Path | None
    email: bool
    attach_workbook: bool
    email_template_dir: Path | None


def _problems_of(error: BaseException) -> tuple[str, ...]:
    if isinstance(error, WorkbookInvalid) and error.problems:
        return tuple(str(p) for p in error.problems)
    if isinstance(error, click.ClickException):
        return (error.format_message(),)
    return (f"unexpected error ({type(error).__name__}: {error}) — please report it",)


def build_client(task: WorkerTask) -> ClientResult:
    """Build one workbook into its staging folder; never raises (runs in a worker)."""
    from roi_report.pipeline import BuildOptions, build

    result = ClientResult(task.index, task.source)
    try:
        built = build(
            task.source,
            BuildOptions(
                task.stage_dir,
                task.pdf,
                task.brand_file,
                task.template_dir,
                client_style_first=True,
            ),
        )
    except Exception as error:  # one client's failure never stops the others
        result.problems = _problems_of(error)
        return result
    settings, headline = built.workbook.settings, built.metrics.headline
    from roi_report.delivery.mail import best_channel

    best = best_channel(built.metrics)
    result.client = settings.client
    result.language = settings.language
    result.currency = settings.currency
    result.period_start, result.period_end = settings.period_start, settings.period_end
    result.investment = headline.investment.current
    result.return_ = headline.return_.current
    result.roi_pct = headline.roi_pct.current
    result.roi_change = headline.roi_pct.change
    result.best_channel = best.channel if best else ""
    result.warnings = len(built.warnings)
    result.staged = tuple(p for p in (built.results_path, built.pdf_path) if p is not None)
    result.email_to = tuple(settings.email_to)
    result.status = "ok"
    if task.email:
        try:
            from roi_report.delivery.mail import compose_texts

            attachments = [p for p in (built.pdf_path,) if p is not None]
            if task.attach_workbook:
                attachments.append(built.results_path)
            result.subject, result.body = compose_texts(
                built, attachments, task.email_template_dir, task.brand_file
            )
        except Exception as error:
            result.email_problem = _problems_of(error)[0]
    return result


# ------------------------------------------------------------------------------ running


@dataclass(frozen=True)
class BatchOptions:
    out_dir: Path
    workers: int = 1
    pdf: bool = True
    brand_file: Path | None = None
    template_dir: Path | None = None
    email: object | None = None  # an emailing.EmailRequest, or None
    quiet: bool = False
    timeout: float | None = None  # seconds for one client's build; None: no limit


@dataclass
class BatchResult:
    out_dir: Path
    clients: list[ClientResult]
    summary_xlsx: Path
    summary_csv: Path
    seconds: float

    @property
    def failed(self) -> list[ClientResult]:
        return [c for c in self.clients if c.failed]


CRASHED = (
    "the worker process building this workbook stopped unexpectedly (out of memory?) — "
    "build it alone with `roi-report build`"
)
INTERRUPTED = "interrupted before it was built — run the batch again for this workbook"


def _worker(conn) -> None:
    """A worker process: builds the tasks it is sent, one at a time, until the pipe closes.
    Ctrl-C reaches the whole process group; only the parent decides when workers end."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(build_client(task))


@dataclass
class _Slot:
    """One worker process, and the task it is building (None: idle)."""

    process: multiprocessing.Process
    conn: object
    task: WorkerTask | None = None
    started: float = 0.0

    @classmethod
    def start(cls) -> _Slot:
        parent, child = multiprocessing.Pipe()
        process = multiprocessing.Process(target=_worker, args=(child,), daemon=True)
        process.start()
        child.close()
        return cls(process, parent)

    def stop(self) -> None:
        """Ends the process at once: a build in progress is abandoned (its staging folder
        is removed by the parent), an idle worker has nothing to lose."""
        self.process.kill()
        self.process.join()
        self.conn.close()


def run_tasks(
    tasks: Sequence[WorkerTask],
    workers: int,
    on_done: Callable[[ClientResult], None],
    timeout: float | None = None,
) -> None:
    """Every task's result reaches `on_done` as soon as it is built. A task whose worker
    dies, or that runs past `timeout` seconds, fails alone: its process is replaced and the
    other workers go on. Any exception (Ctrl-C) stops every worker before it propagates."""
    from multiprocessing.connection import wait

    queue = deque(tasks)
    slots: list[_Slot] = []
    try:
        while queue or any(slot.task for slot in slots):
            for slot in slots:
                if slot.task is None and queue:
                    slot.task, slot.started = queue.popleft(), time.monotonic()
                    slot.conn.send(slot.task)
            while queue and len(slots) < max(1, workers):
                slot = _Slot.start()
                slot.task, slot.started = queue.popleft(), time.monotonic()
                slot.conn.send(slot.task)
                slots.append(slot)
            busy = [slot for slot in slots if slot.task is not None]
            left = None
            if timeout is not None:
                left = max(0.0, min(slot.started for slot in busy) + timeout - time.monotonic())
            ready = set(wait([slot.conn for slot in busy], timeout=left))
            for slot in busy:
                task = slot.task
                if slot.conn in ready:
                    try:
                        result = slot.conn.recv()
                    except (EOFError, OSError):  # the process died
                        result = ClientResult(task.index, task.source, problems=(CRASHED,))
                        slot.stop()
                        slots.remove(slot)
                    slot.task = None
                    on_done(result)
                elif timeout is not None and time.monotonic() - slot.started >= timeout:
                    slot.stop()
                    slots.remove(slot)
                    problem = (
                        f"timed out: not built within {timeout:g} s (--timeout) — build it "
                        "alone with `roi-report build` to see where it stops"
                    )
                    on_done(ClientResult(task.index, task.source, problems=(problem,)))
    finally:
        for slot in slots:
            slot.stop()


@contextlib.contextmanager
def _signals_deferred():
    """Ctrl-C and SIGTERM wait until the block is done: a client's files move into its
    folder together or not at all."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks to defer with
        yield
        return
    deferred = {signal.SIGINT, signal.SIGTERM}
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, deferred)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def _commit(result: ClientResult, out_dir: Path, allocator, options: BatchOptions) -> None:
    """Move a built client's files into its own folder, then email them if asked."""
    from roi_report.delivery.safe_names import child_path

    if not result.built:
        result.status = "failed"
        return
    try:
        name = allocator.allocate(result.client)
        folder = child_path(out_dir, name)
        folder.mkdir(exist_ok=True)
        if folder.is_symlink() or not folder.is_dir():
            raise RoiReportError(f"{folder} is not a folder — remove it or choose another -o DIR")
        moved = []
        with _signals_deferred():
            for staged in result.staged:
                target = folder / staged.name
                os.replace(staged, target)
                moved.append(target)
            result.folder, result.files = folder, tuple(moved)
    except (OSError, RoiReportError) as error:
        message = error.format_message() if isinstance(error, RoiReportError) else str(error)
        result.problems = (f"could not write the report into {out_dir}: {message}",)
        result.status = "failed"
        return
    result.status = "ok"
    if options.email is None:
        return
    if result.email_problem:
        result.status = "email failed"
        return
    from roi_report.delivery.mail import deliver

    # What the summary says if Ctrl-C comes while the email is on its way
    result.status, result.email_problem = "email failed", "interrupted before it was sent"
    try:
        delivery = deliver(
            subject=result.subject,
            body=result.body,
            email_to=result.email_to,
            pdf_path=result.pdf,
            results_path=result.results_workbook,
            request=options.email,
        )
    except Exception as error:  # one client's email never stops the others
        result.email_problem = _problems_of(error)[0]
        result.emailed_to = tuple(getattr(error, "delivered", ()))
        result.status = "email failed"
        return
    result.emailed_to, result.email_problem = delivery.recipients, ""
    if delivery.eml_path is not None:
        result.files += (delivery.eml_path,)
        result.status = "email written"
    else:
        result.status = "emailed"


class _Progress:
    """A bar on a terminal, one line per client otherwise, nothing with --quiet."""

    def __init__(self, total: int, quiet: bool, stream=None):
        self.total, self.count, self.quiet = total, 0, quiet
        self.stream = stream or sys.stderr  # click.get_text_stream is deprecated in Click 8.3
        self.bar = None
        if not quiet and _isatty(self.stream):
            self.bar = click.progressbar(
                length=total, label="Building reports", file=self.stream, show_pos=True
            )
            self.bar.__enter__()

    def step(self, result: ClientResult) -> None:
        self.count += 1
        if self.bar is not None:
            self.bar.update(1)
        elif not self.quiet:
            who = terminal_text(result.client) or result.source.name
            what = "built" if result.built else f"failed: {terminal_text(result.problem)}"
            click.echo(
                f"[{self.count}/{self.total}] {terminal_text(result.source.name)} ({who}): {what}",
                file=self.stream,
            )

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def run_batch(sources: Sequence[Path], options: BatchOptions) -> BatchResult:
    """Build every source, commit and email each as it finishes, write the summary files.
    On Ctrl-C or SIGTERM the finished clients stay, and the summary names the others."""
    from roi_report.delivery.safe_names import NameAllocator

    started = time.perf_counter()
    out_dir = Path(options.out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BatchError(
            f"cannot create the output folder {out_dir}: {error.strerror or error}"
        ) from None
    out_dir = out_dir.resolve()
    stage_root = Path(tempfile.mkdtemp(prefix=".roi-batch-", dir=out_dir))
    allocator = NameAllocator(reserved=(SUMMARY_XLSX, SUMMARY_CSV))
    results: dict[int, ClientResult] = {}
    progress = _Progress(len(sources), options.quiet)

    def on_done(result: ClientResult) -> None:
        results[result.index] = result
        progress.step(result)
        try:
            _commit(result, out_dir, allocator, options)
        except Exception as error:  # one client's failure never stops the others
            result.problems, result.status = _problems_of(error), "failed"

    tasks = [
        WorkerTask(
            index,
            Path(source).resolve(),
            stage_root / str(index),
            options.pdf,
            options.brand_file,
            options.template_dir,
            options.email is not None,
            bool(options.email is not None and options.email.attach_workbook),
            options.email.template_dir if options.email is not None else None,
        )
        for index, source in enumerate(sources)
    ]
    interrupted = False
    try:
        run_tasks(tasks, options.workers, on_done, options.timeout)
    except KeyboardInterrupt:  # Ctrl-C, or SIGTERM (see cli.sigterm_as_interrupt)
        interrupted = True
    finally:
        progress.close()
        shutil.rmtree(stage_root, ignore_errors=True)
    with _signals_deferred():
        clients = [
            results.get(i) or ClientResult(i, Path(source), problems=(INTERRUPTED,))
            for i, source in enumerate(sources)
        ]
        for client in clients:
            client.source = Path(sources[client.index])
            if client.problems == (INTERRUPTED,):
                client.status = "interrupted"
        xlsx, csv_path = write_summaries(clients, out_dir, emailing=options.email is not None)
    if interrupted:
        kept = sum(1 for c in clients if c.files)
        raise BatchInterrupted(
            f"interrupted: {kept} of {len(clients)} reports were finished and kept in "
            f"{out_dir}; the partial summary, naming the others, is in {xlsx} and {csv_path}"
        )
    return BatchResult(out_dir, clients, xlsx, csv_path, time.perf_counter() - started)


# ------------------------------------------------------------------------------ summary


def neutralize(text: object) -> object:
    """OWASP's rule for spreadsheet exports: text starting with = + - @ tab or CR gets a
    leading `'`, so Excel and LibreOffice show it as text and never run it."""
    if isinstance(text, str) and text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


SUMMARY_COLUMNS = (
    "Client",
    "Workbook",
    "Period",
    "Currency",
    "Investment",
    "Return",
    "ROI %",
    "ROI change (pp)",
    "Best channel",
    "Status",
    "Problem",
    "Report",
)
EMAIL_COLUMN = "Emailed to"


def summary_rows(clients: Sequence[ClientResult], out_dir: Path, emailing: bool) -> list[list]:
    rows = []
    for c in clients:
        report = c.pdf or c.results_workbook
        row = [
            c.client,
            c.source.name,
            c.period_text(),
            c.currency,
            _round(c.investment),
            _round(c.return_),
            _round(c.roi_pct, 1),
            _round(c.roi_change, 1),
            c.best_channel,
            c.status,
            c.problem,
            str(report.relative_to(out_dir)) if report is not None else "",
        ]
        if emailing:
            row.append(", ".join(c.emailed_to))
        rows.append(row)
    return rows


def _header(emailing: bool) -> list[str]:
    return list(SUMMARY_COLUMNS) + ([EMAIL_COLUMN] if emailing else [])


def write_summaries(
    clients: Sequence[ClientResult], out_dir: Path, *, emailing: bool = False
) -> tuple[Path, Path]:
    """`summary.xlsx` and `summary.csv` in `out_dir`, every text neutralized."""
    from roi_report.outputs import staged

    header = _header(emailing)
    rows = summary_rows(clients, out_dir, emailing)
    xlsx, csv_path = out_dir / SUMMARY_XLSX, out_dir / SUMMARY_CSV
    with staged([xlsx, csv_path]) as (xlsx_temp, csv_temp):
        _write_summary_xlsx(xlsx_temp, header, rows)
        _write_summary_csv(csv_temp, header, rows)
    return xlsx, csv_path


def _write_summary_csv(path: Path, header: list[str], rows: list[list]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else neutralize(v) for v in row])
    # UTF-8 with a byte order mark: Excel then reads accents and non-Latin names right.
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))


def _write_summary_xlsx(path: Path, header: list[str], rows: list[list]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Summary"
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    number_formats = {
        "Investment": "#,##0.00",
        "Return": "#,##0.00",
        "ROI %": "0.0",
        "ROI change (pp)": "+0.0;-0.0;0.0",
    }
    for row_number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column)
            if isinstance(value, str):
                cell.value = neutralize(ILLEGAL_CHARACTERS_RE.sub("", value))
                cell.data_type = "s"  # always text, never a formula
            else:
                cell.value = value
                fmt = number_formats.get(header[column - 1])
                if fmt and value is not None:
                    cell.number_format = fmt
    widths = {"Client": 32, "Workbook": 28, "Period": 25, "Problem": 70, "Report": 40}
    for column, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = widths.get(name, 16)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    book.save(path)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def summary_table(clients: Sequence[ClientResult]) -> str:
    """The summary as a text table, figures formatted in each report's language."""
    from roi_report.pdf.formatting import format_change, format_money, format_pct

    header = ["Client", "Period", "Investment", "Return", "ROI", "Change", "Best channel", "Status"]
    lines = []
    for c in clients:
        if c.built:
            lang = c.language
            figures = [
                format_money(c.investment, c.currency, lang),
                format_money(c.return_, c.currency, lang),
                format_pct(c.roi_pct, lang),
                format_change(c.roi_change, lang, points=True),
            ]
        else:
            figures = ["", "", "", ""]
        status = _clip(c.status + (f": {c.problem}" if c.failed else ""), 70)
        cells = [c.client or c.source.name, c.period_text(), *figures, c.best_channel, status]
        lines.append([terminal_text(x).replace("\u00a0", " ") for x in cells])
    caps = [30, 25, 18, 18, 10, 12, 16, 200]
    widths = [
        min(cap, max([len(h)] + [len(line[i]) for line in lines]))
        for i, (h, cap) in enumerate(zip(header, caps))
    ]
    right = {2, 3, 4, 5}

    def fmt(cells):
        out = []
        for i, (cell, width) in enumerate(zip(cells, widths)):
            cell = _clip(cell, width) if i < len(cells) - 1 else cell
            out.append(cell.rjust(width) if i in right else cell.ljust(width))
        return "  ".join(out).rstrip()

    table = [fmt(header), fmt(["-" * w for w in widths])] + [fmt(line) for line in lines]
    return "\n".join(table)


# ------------------------------------------------------------------------------ command


def batch_command(
    paths: Sequence[str],
    *,
    out_dir: Path | None = None,
    workers: int | None = None,
    quiet: bool = False,
    no_pdf: bool = False,
    brand_file: Path | None = None,
    template_dir: Path | None = None,
    config_file: Path | None = None,
    email_options: dict | None = None,
    timeout: float | None = None,
    echo: Callable[[str], None] = say,
) -> BatchResult:
    """What `roi-report batch` does: options over roi-report.toml defaults, run, report."""
    from roi_report.config import load_config
    from roi_report.delivery.mail import email_request

    config = load_config(config_file, [base_folder(p) for p in paths])
    for line in config.notices():
        echo(line, err=True)
    sources = discover(paths)
    brand_file = brand_file or config.brand
    template_dir = template_dir or config.template_dir
    request = email_request(
        **(email_options or {}), template_dir=template_dir, brand_file=brand_file, config=config
    )
    if request is not None and no_pdf:
        raise BatchError("emailing sends the PDF reports: leave out --no-pdf (or add --no-email)")
    options = BatchOptions(
        out_dir=Path(out_dir or config.output or DEFAULT_OUTPUT),
        workers=workers or config.workers or os.cpu_count() or 1,
        pdf=not no_pdf,
        brand_file=brand_file,
        template_dir=template_dir,
        email=request,
        quiet=quiet,
        timeout=timeout,
    )
    result = run_batch(sources, options)
    failed = result.failed
    if not quiet:
        echo(summary_table(result.clients))
        echo("")
    built = sum(1 for c in result.clients if c.built)
    echo(
        f"{built} of {len(result.clients)} reports built in {result.seconds:.1f} s "
        f"with {min(options.workers, len(sources))} worker(s); summary: "
        f"{result.summary_xlsx}, {result.summary_csv}"
    )
    if failed:
        lines = [f"{len(failed)} of {len(result.clients)} clients failed:"]
        for c in failed:
            who = terminal_text(c.source.name)
            if c.client:
                who += f" ({terminal_text(c.client)})"
            what = c.problem if c.problems else f"email not sent: {c.problem}"
            lines.append(f"  - {who}: {terminal_text(what)}")
        raise BatchFailed("\n".join(lines))
    return result
