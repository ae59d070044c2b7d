"""`roi-report batch`: every client's workbook built in parallel, one folder per client, a
summary on the terminal and in `summary.xlsx` / `summary.csv`, and optionally each report
emailed.

A folder is searched recursively (`clients/<client>/<file>.xlsx`), and the output folders
mirror the client folders; a workbook directly in the folder gets a folder named from its
client. The builds run in local worker processes, or on a Dask cluster (`--scheduler`,
see `cluster.py`); `--shard K/N` builds one deterministic share (see `shards.py`).

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
import fnmatch
import glob
import io
import multiprocessing
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import click

from roi_report.errors import (
    Interrupted,
    RoiReportError,
    WorkbookInvalid,
    notice_line,
    say,
    terminal_text,
)
from roi_report.language import N_, messages_for

MESSAGES = messages_for(__name__)
_ = MESSAGES.gettext

SUMMARY_XLSX = "summary.xlsx"
SUMMARY_CSV = "summary.csv"
DEFAULT_OUTPUT = "roi-reports"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".ods")
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
    return name.lower().startswith("summary") and path.with_suffix(".csv").is_file()


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


@dataclass(frozen=True)
class Source:
    """A workbook to build, and where it sits below the folder it was found in: its
    sub-folders are mirrored in the output folder, its key chooses its shard."""

    path: Path
    folders: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return "/".join((*self.folders, self.path.name))


def _walk(folder: Path, skip: set[Path]) -> list[Path]:
    """Every workbook below `folder`, sorted, without hidden folders, symbolic links to
    folders or the folders in `skip` (the output folder)."""
    found = []
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        dirs[:] = sorted(
            (d for d in dirs if not d.startswith(".") and (here / d).resolve() not in skip),
            key=str.casefold,
        )
        found += [here / f for f in files if Path(f).suffix.lower() in WORKBOOK_SUFFIXES]
    return sorted(found, key=lambda p: [part.casefold() for part in p.relative_to(folder).parts])


def excluded(key: str, patterns: Sequence[str]) -> bool:
    """True when a pattern matches the path below the folder, the file name, or one of the
    folders on the way (`archive` or `archive/**` skips everything in archive/)."""
    parts = key.split("/")
    candidates = [key, parts[-1]] + ["/".join(parts[:i]) for i in range(1, len(parts))]
    return any(
        fnmatch.fnmatchcase(candidate.casefold(), pattern.casefold().rstrip("/"))
        for pattern in patterns
        for candidate in candidates
    )


def discover_sources(
    arguments: Iterable[str | Path], exclude: Sequence[str] = (), skip: Iterable[Path] = ()
) -> list[Source]:
    """The workbooks named by folders (searched recursively), files and globs, in argument
    order, each once; `exclude` globs and the folders in `skip` left out."""
    skip_dirs = {Path(p).resolve() for p in skip}
    found: list[Source] = []
    seen: set[Path] = set()
    arguments = list(arguments)
    for argument in arguments:
        path = Path(argument)
        base = base_folder(argument)
        if path.is_dir():
            candidates = _walk(path, skip_dirs)
        elif path.exists():
            candidates = [path]
        elif _has_glob(str(argument)):
            matches = glob.glob(str(argument), recursive=True)
            candidates = sorted(
                (Path(m) for m in matches if Path(m).suffix.lower() in WORKBOOK_SUFFIXES),
                key=lambda p: str(p).casefold(),
            )
        else:
            raise BatchError(
                _("{path}: no such file or folder — check the path").format(path=argument)
            )
        for candidate in candidates:
            if not candidate.is_file() or is_skipped(candidate):
                continue
            try:
                folders = candidate.parent.relative_to(base).parts
            except ValueError:
                folders = ()
            source = Source(candidate, tuple(folders))
            if excluded(source.key, exclude):
                continue
            key = candidate.resolve()
            if key not in seen and not any(parent in skip_dirs for parent in key.parents):
                seen.add(key)
                found.append(source)
    if not found:
        raise BatchError(
            _(
                "no workbooks found in {paths} (Excel lock files ~$…, the tool's own -roi.xlsx "
                "outputs and --exclude matches are skipped)"
            ).format(paths=", ".join(str(a) for a in arguments))
        )
    return found


def discover(arguments: Iterable[str | Path], exclude: Sequence[str] = ()) -> list[Path]:
    """The workbooks' paths (see discover_sources)."""
    return [source.path for source in discover_sources(arguments, exclude)]


# ------------------------------------------------------------------------------ shards

INDEX_VARIABLES = ("JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX")  # 0-based
SHARD = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")


@dataclass(frozen=True)
class Shard:
    index: int  # 1 … count
    count: int

    @property
    def summary_name(self) -> str:
        return f"summary-{self.index}-of-{self.count}"


def shard_of(
    text: str | None, count: int | None = None, env: Mapping[str, str] | None = None
) -> Shard | None:
    """--shard K/N, else the job index variable with --shard-count N; None: every client."""
    env = os.environ if env is None else env
    if text:
        match = SHARD.fullmatch(text)
        if not match or not 1 <= int(match[1]) <= int(match[2]):
            raise BatchError(
                _("--shard {value!r} is not K/N with 1 ≤ K ≤ N — e.g. --shard 2/4").format(
                    value=text
                )
            )
        return Shard(int(match[1]), int(match[2]))
    if count is None:
        return None
    for variable in INDEX_VARIABLES:
        value = env.get(variable, "").strip()
        if value:
            if not value.isdigit() or int(value) >= count:
                raise BatchError(
                    _("{variable}={value!r} is not a share of --shard-count {count}").format(
                        variable=variable, value=value, count=count
                    )
                )
            return Shard(int(value) + 1, count)
    raise BatchError(
        _(
            "--shard-count needs the share's number: set JOB_COMPLETION_INDEX or "
            "AWS_BATCH_JOB_ARRAY_INDEX (as Kubernetes and AWS Batch do), or give --shard K/N"
        )
    )


def pick_shard(sources: Sequence[Source], shard: Shard) -> list[Source]:
    """The shard's clients: sorted by path below the folder, every N-th from the K-th."""
    ordered = sorted(sources, key=lambda s: (s.key.casefold(), s.key))
    return [s for i, s in enumerate(ordered) if i % shard.count == shard.index - 1]


def _settings_of(path: Path) -> tuple[str, date | None, date | None]:
    """Client, Period start and Period end as the Report sheet holds them, for a workbook
    that failed: ("", None, None) where they cannot be read."""
    from roi_report.workbook.contract import REPORT_SHEET
    from roi_report.workbook.reading import find_settings, read_workbook, setting_label
    from roi_report.workbook.values import BadValue, to_date

    def as_date(value):  # read as validation reads it: a date, a serial or ISO text
        try:
            return to_date(value)
        except BadValue:
            return None

    try:
        # The Report sheet alone: the sheet that made the workbook fail may be another.
        found = find_settings(read_workbook(path, only=(REPORT_SHEET,)), [])
    except Exception:  # unreadable: the failure itself says why
        return "", None, None
    if found is None:
        return "", None, None
    rows = found[1]

    def value(label):
        entry = rows.get(setting_label(label))
        return entry[1] if entry is not None else None

    client = value("Client")
    client = " ".join(str(client).split()) if client not in (None, "") else ""
    return client, as_date(value("Period start")), as_date(value("Period end"))


# ------------------------------------------------------------------------------ one client


@dataclass
class ClientResult:
    """One workbook's outcome: what the worker found, then what the parent did with it."""

    index: int
    source: Path
    folders: tuple[str, ...] = ()  # the client's sub-folders, mirrored in the output
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
    # What the PDF's renderer told (a brand font not installed, characters no font has),
    # in the report's language, as `build` prints it
    notices: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    staged: tuple[Path, ...] = ()
    email_to: tuple[str, ...] = ()
    composed: object | None = None  # the email (mail.Composed), written in the worker
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
            if more <= 0:
                return self.problems[0]
            return self.problems[0] + MESSAGES.ngettext(
                " (and {n} more)", " (and {n} more)", more
            ).format(n=more)
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
        return f"{self.period_start.isoformat()}{PERIOD_SEPARATOR}{self.period_end.isoformat()}"


@dataclass(frozen=True)
class WorkerTask:
    index: int
    source: Path
    stage_dir: Path
    pdf: bool
    brand_file: Path | None
    template_dir: Path | None
    email: object | None  # the mail.EmailRequest (without its password), or None
    overrides: object | None = None  # the run's --period / --compare (overrides.Overrides)
    language: str | None = None  # --language: the reports' language over the Report sheet


def _problems_of(error: BaseException) -> tuple[str, ...]:
    if isinstance(error, WorkbookInvalid) and error.problems:
        return tuple(str(p) for p in error.problems)
    if isinstance(error, click.ClickException):
        return (error.format_message(),)
    return (
        _("unexpected error ({kind}: {error}) — please report it").format(
            kind=type(error).__name__, error=error
        ),
    )


def build_client(task: WorkerTask) -> ClientResult:
    """Build one workbook into its staging folder; never raises (runs in a worker)."""
    from roi_report.pipeline import BuildOptions, build

    result = ClientResult(task.index, task.source)
    options = BuildOptions(
        task.stage_dir,
        task.pdf,
        task.brand_file,
        task.template_dir,
        client_style_first=True,
        overrides=task.overrides,
    )
    if task.language:  # --language: the reports' language over the Report sheet's
        options = replace(options, language=task.language)
    try:
        built = build(task.source, options)
    except Exception as error:  # one client's failure never stops the others
        result.problems = _problems_of(error)
        # The summary names the client and its period wherever the Report sheet says them.
        result.client, result.period_start, result.period_end = _settings_of(task.source)
        if task.overrides is not None and task.overrides.period is not None:
            result.period_start, result.period_end = task.overrides.period
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
    result.notices = tuple(built.pdf_notices)
    result.staged = tuple(p for p in (built.results_path, built.pdf_path) if p is not None)
    result.email_to = tuple(settings.email_to)
    result.status = "ok"
    if task.email is not None:
        try:
            from roi_report.delivery.mail import compose_for

            result.composed = compose_for(built, task.email)
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
    overrides: object | None = None  # --period / --compare (overrides.Overrides)
    language: str | None = None  # --language: the reports' and the summary's language
    scheduler: str | None = None  # a Dask scheduler's address: build there, not locally
    summary_name: str = "summary"  # summary.xlsx; a shard's summary-2-of-4.xlsx


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


CRASHED = N_(
    "the worker process building this workbook stopped unexpectedly (out of memory?) — "
    "build it alone with `roi-report build`"
)
INTERRUPTED = N_("interrupted before it was built — run the batch again for this workbook")


def timed_out(timeout: float) -> str:
    return _(
        "timed out: not built within {seconds:g} s (--timeout) — build it alone with "
        "`roi-report build` to see where it stops"
    ).format(seconds=timeout)


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
                        result = ClientResult(task.index, task.source, problems=(_(CRASHED),))
                        slot.stop()
                        slots.remove(slot)
                    slot.task = None
                    on_done(result)
                elif timeout is not None and time.monotonic() - slot.started >= timeout:
                    slot.stop()
                    slots.remove(slot)
                    problem = timed_out(timeout)
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


def _commit(
    result: ClientResult, out_dir: Path, allocator, options: BatchOptions, written: set[Path]
) -> None:
    """Move a built client's files into its own folder, then email them if asked."""
    from roi_report.delivery.safe_names import child_path, safe_name

    if not result.built:
        result.status = "failed"
        return
    try:
        folder = out_dir
        # A client in clients/acme/ writes to OUT/acme/; one directly in the folder, to a
        # folder named from the client (Acme, Acme-2 for a second Acme).
        names = [safe_name(part) for part in result.folders] or [allocator.allocate(result.client)]
        for name in names:
            folder = child_path(folder, name)
            folder.mkdir(exist_ok=True)
            if folder.is_symlink() or not folder.is_dir():
                raise RoiReportError(
                    _("{folder} is not a folder — remove it or choose another -o DIR").format(
                        folder=folder
                    )
                )
        targets = [folder / staged.name for staged in result.staged]
        clash = next((t for t in targets if t in written), None)
        if clash is not None:  # clients/a.xlsx and clients/a.ods: one a-roi.xlsx
            raise RoiReportError(
                _(
                    "{target} was just written for another workbook of this batch — rename "
                    "one of the two workbooks"
                ).format(target=clash)
            )
        moved = []
        with _signals_deferred():
            for staged, target in zip(result.staged, targets):
                os.replace(staged, target)
                moved.append(target)
            written.update(moved)
            result.folder, result.files = folder, tuple(moved)
    except (OSError, RoiReportError) as error:
        message = error.format_message() if isinstance(error, RoiReportError) else str(error)
        result.problems = (
            _("could not write the report into {folder}: {problem}").format(
                folder=out_dir, problem=message
            ),
        )
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
    result.status, result.email_problem = "email failed", _("interrupted before it was sent")
    try:
        delivery = deliver(
            composed=result.composed,
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
                length=total, label=_("Building reports"), file=self.stream, show_pos=True
            )
            self.bar.__enter__()

    def step(self, result: ClientResult) -> None:
        self.count += 1
        if self.bar is not None:
            self.bar.update(1)
        elif not self.quiet:
            who = terminal_text(result.client) or result.source.name
            if result.built:
                what = _("built")
            else:
                what = _("failed: {problem}").format(problem=terminal_text(result.problem))
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


def _without_password(request):
    """The email request a worker needs to compose: it never sends, so no password (a
    cluster's workers may be other machines)."""
    if request is None:
        return None
    return replace(request, smtp=replace(request.smtp, password=None))


def _as_source(item) -> Source:
    return item if isinstance(item, Source) else Source(Path(item))


def run_batch(sources: Sequence[Source | Path], options: BatchOptions) -> BatchResult:
    """Build every source, commit and email each as it finishes, write the summary files.
    On Ctrl-C or SIGTERM the finished clients stay, and the summary names the others."""
    from roi_report.delivery.safe_names import NameAllocator, safe_name

    started = time.perf_counter()
    sources = [_as_source(s) for s in sources]
    out_dir = Path(options.out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BatchError(
            _("cannot create the output folder {folder}: {problem}").format(
                folder=out_dir, problem=error.strerror or error
            )
        ) from None
    out_dir = out_dir.resolve()
    # Inside the output folder: on a cluster, every worker must reach it (shared storage).
    stage_root = Path(tempfile.mkdtemp(prefix=".roi-batch-", dir=out_dir))
    summary_files = (options.summary_name + ".xlsx", options.summary_name + ".csv")
    mirrored = {safe_name(s.folders[0]) for s in sources if s.folders}
    allocator = NameAllocator(reserved=(SUMMARY_XLSX, SUMMARY_CSV, *summary_files, *mirrored))
    written: set[Path] = set()
    results: dict[int, ClientResult] = {}
    progress = _Progress(len(sources), options.quiet)

    def on_done(result: ClientResult) -> None:
        result.folders = sources[result.index].folders
        results[result.index] = result
        progress.step(result)
        try:
            _commit(result, out_dir, allocator, options, written)
        except Exception as error:  # one client's failure never stops the others
            result.problems, result.status = _problems_of(error), "failed"

    request = _without_password(options.email)
    tasks = [
        WorkerTask(
            index,
            source.path.resolve(),
            stage_root / str(index),
            options.pdf,
            options.brand_file,
            options.template_dir,
            request,
            options.overrides,
            options.language,
        )
        for index, source in enumerate(sources)
    ]
    interrupted = False
    try:
        if options.scheduler:
            from roi_report.delivery.cluster import run_on_cluster

            def fail(task: WorkerTask, problem: str | None) -> ClientResult:
                problem = problem or timed_out(options.timeout)
                return ClientResult(task.index, task.source, problems=(problem,))

            run_on_cluster(tasks, options.scheduler, on_done, options.timeout, build_client, fail)
        else:
            run_tasks(tasks, options.workers, on_done, options.timeout)
    except KeyboardInterrupt:  # Ctrl-C, or SIGTERM (see cli.sigterm_as_interrupt)
        interrupted = True
    finally:
        progress.close()
        shutil.rmtree(stage_root, ignore_errors=True)
    with _signals_deferred():
        clients = [
            results.get(i)
            or ClientResult(i, s.path, s.folders, problems=(_(INTERRUPTED),), status="interrupted")
            for i, s in enumerate(sources)
        ]
        for client in clients:
            client.source = Path(sources[client.index].path)
        xlsx, csv_path = write_summaries(
            clients,
            out_dir,
            emailing=options.email is not None,
            language=options.language,
            name=options.summary_name,
        )
    if interrupted:
        kept = sum(1 for c in clients if c.files)
        raise BatchInterrupted(
            _(
                "interrupted: {kept} of {total} reports were finished and kept in {folder}; the "
                "partial summary, naming the others, is in {xlsx} and {csv}"
            ).format(kept=kept, total=len(clients), folder=out_dir, xlsx=xlsx, csv=csv_path)
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


# summary.csv is data for programs (merge-summaries reads it back): English column names,
# plain numbers, ISO dates, status codes. summary.xlsx and the terminal table are for
# people: the house language and number format, totals per currency, links to the PDFs.
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
# Added last, so the columns before it keep their places.
NOTICES_COLUMN = "PDF warnings"
NOTICE_SEPARATOR = " | "
COLUMN_LABELS = {
    "Client": N_("Client"),
    "Workbook": N_("Workbook"),
    "Period": N_("Period"),
    "Currency": N_("Currency"),
    "Investment": N_("Investment"),
    "Return": N_("Return"),
    "ROI %": N_("ROI %"),
    "ROI change (pp)": N_("ROI change (pp)"),
    "Best channel": N_("Best channel"),
    "Status": N_("Status"),
    "Problem": N_("Problem"),
    "Report": N_("Report"),
    "Emailed to": N_("Emailed to"),
    "PDF warnings": N_("PDF warnings"),
}
STATUS_LABELS = {
    "ok": N_("ok"),
    "failed": N_("failed"),
    "email failed": N_("email failed"),
    "email written": N_("email written"),
    "emailed": N_("emailed"),
    "interrupted": N_("interrupted"),
}
PERIOD_SEPARATOR = " – "


def house_language(language: str | None = None) -> str:
    """The summary's language: --language or the config's, else the environment's."""
    from roi_report.language import active_language

    return language or active_language()


def report_of(client: ClientResult) -> Path | None:
    return client.pdf or client.results_workbook


def summary_rows(clients: Sequence[ClientResult], out_dir: Path, emailing: bool) -> list[list]:
    """The CSV's rows: one per client, plain values."""
    rows = []
    for c in clients:
        report = report_of(c)
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
            _relative(report, out_dir),
        ]
        if emailing:
            row.append(", ".join(c.emailed_to))
        row.append(NOTICE_SEPARATOR.join(c.notices))
        rows.append(row)
    return rows


def _relative(path: Path | None, folder: Path) -> str:
    if path is None:
        return ""
    try:
        return Path(path).relative_to(folder).as_posix()
    except ValueError:
        return Path(os.path.relpath(path, folder)).as_posix()


def _header(emailing: bool) -> list[str]:
    return list(SUMMARY_COLUMNS) + ([EMAIL_COLUMN] if emailing else []) + [NOTICES_COLUMN]


@dataclass(frozen=True)
class CurrencyTotal:
    currency: str
    clients: int
    investment: float
    return_: float

    @property
    def roi_pct(self) -> float | None:
        from roi_report.metrics.compute import roi_pct

        return roi_pct(self.return_, self.investment)


def currency_totals(clients: Sequence[ClientResult]) -> list[CurrencyTotal]:
    """Investment and return summed per currency over the built clients (amounts in two
    currencies are never added up)."""
    sums: dict[str, list[float]] = {}
    for c in clients:
        if c.built and c.investment is not None and c.return_ is not None and c.currency:
            entry = sums.setdefault(c.currency, [0, 0.0, 0.0])
            entry[0] += 1
            entry[1] += c.investment
            entry[2] += c.return_
    return [CurrencyTotal(cur, int(n), inv, ret) for cur, (n, inv, ret) in sorted(sums.items())]


def write_summaries(
    clients: Sequence[ClientResult],
    out_dir: Path,
    *,
    emailing: bool = False,
    language: str | None = None,
    name: str = "summary",
) -> tuple[Path, Path]:
    """`summary.xlsx` and `summary.csv` in `out_dir`, every text neutralized."""
    from roi_report.language import use_language
    from roi_report.outputs import staged

    header = _header(emailing)
    rows = summary_rows(clients, out_dir, emailing)
    xlsx, csv_path = out_dir / f"{name}.xlsx", out_dir / f"{name}.csv"
    with staged([xlsx, csv_path]) as (xlsx_temp, csv_temp):
        with use_language(house_language(language)) as house:
            _write_summary_xlsx(xlsx_temp, clients, out_dir, emailing, house)
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


def _house_period(c: ClientResult, language: str) -> str:
    if c.period_start is None or c.period_end is None:
        return ""
    from roi_report.pdf.formatting import format_period

    return format_period(c.period_start, c.period_end, language)


def _money_format(currency: str, language: str) -> str:
    """An Excel number format showing the currency as the house language writes it."""
    from babel.numbers import get_currency_symbol

    from roi_report.language import locale_of

    symbol = get_currency_symbol(currency, locale=locale_of(language)) if currency else ""
    symbol = symbol.replace('"', "")
    if not symbol:
        return "#,##0.00"
    if language == "en":
        return f'"{symbol}"#,##0.00;-"{symbol}"#,##0.00'
    return f'#,##0.00\\ "{symbol}";-#,##0.00\\ "{symbol}"'


def _write_summary_xlsx(
    path: Path, clients: Sequence[ClientResult], out_dir: Path, emailing: bool, language: str
) -> None:
    """The summary for people: headers in the house language, amounts in each client's
    currency, a link to each report, totals per currency below."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    header = _header(emailing)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Summary")[:31]
    sheet.append([_(COLUMN_LABELS[h]) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)

    def put(row: int, column: str, value, number_format: str | None = None):
        cell = sheet.cell(row=row, column=header.index(column) + 1)
        if isinstance(value, str):
            cell.value = neutralize(ILLEGAL_CHARACTERS_RE.sub("", value))
            cell.data_type = "s"  # always text, never a formula
        else:
            cell.value = value
            if number_format and value is not None:
                cell.number_format = number_format
        return cell

    row = 1
    for row, c in enumerate(clients, start=2):
        money = _money_format(c.currency, language)
        put(row, "Client", c.client)
        put(row, "Workbook", c.source.name)
        put(row, "Period", _house_period(c, language))
        put(row, "Currency", c.currency)
        put(row, "Investment", _round(c.investment), money)
        put(row, "Return", _round(c.return_), money)
        put(row, "ROI %", _round(c.roi_pct, 1), "0.0")
        put(row, "ROI change (pp)", _round(c.roi_change, 1), "+0.0;-0.0;0.0")
        put(row, "Best channel", c.best_channel)
        put(row, "Status", _(STATUS_LABELS.get(c.status, c.status)))
        put(row, "Problem", c.problem)
        report = report_of(c)
        link = put(row, "Report", _relative(report, out_dir))
        if report is not None:
            link.hyperlink = _relative(report, out_dir)  # relative: the folder may move
            link.font = Font(color="0563C1", underline="single")
        if emailing:
            put(row, "Emailed to", ", ".join(c.emailed_to))
        put(row, NOTICES_COLUMN, NOTICE_SEPARATOR.join(c.notices))
    last_client_row = row
    totals = currency_totals(clients)
    if totals:
        row = last_client_row + 2
        put(row, "Client", _("Totals per currency")).font = Font(bold=True)
        for total in totals:
            row += 1
            money = _money_format(total.currency, language)
            put(
                row,
                "Client",
                MESSAGES.ngettext("Total, {n} client", "Total, {n} clients", total.clients).format(
                    n=total.clients
                ),
            )
            put(row, "Currency", total.currency)
            put(row, "Investment", _round(total.investment), money)
            put(row, "Return", _round(total.return_), money)
            put(row, "ROI %", _round(total.roi_pct, 1), "0.0")
            for cell in sheet[row]:
                cell.font = Font(bold=True)
    widths = {"Client": 32, "Workbook": 28, "Period": 28, "Problem": 70, "Report": 40}
    widths[NOTICES_COLUMN] = 70
    for column, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = widths.get(name, 16)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{last_client_row}"
    book.save(path)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def summary_table(clients: Sequence[ClientResult], language: str | None = None) -> str:
    """The summary as a text table, in the house language and number format, with the
    totals per currency below."""
    from roi_report.language import use_language
    from roi_report.pdf.formatting import format_change, format_money, format_pct

    with use_language(house_language(language)) as lang:
        header = [
            _("Client"),
            _("Period"),
            _("Investment"),
            _("Return"),
            _("ROI"),
            _("Change"),
            _("Best channel"),
            _("Status"),
        ]
        lines = []
        for c in clients:
            if c.built:
                figures = [
                    format_money(c.investment, c.currency, lang),
                    format_money(c.return_, c.currency, lang),
                    format_pct(c.roi_pct, lang),
                    format_change(c.roi_change, lang, points=True),
                ]
            else:
                figures = ["", "", "", ""]
            status = _(STATUS_LABELS.get(c.status, c.status))
            if c.failed:
                status = _("{status}: {problem}").format(status=status, problem=c.problem)
            cells = [
                c.client or c.source.name,
                _house_period(c, lang),
                *figures,
                c.best_channel,
                _clip(status, 70),
            ]
            lines.append(cells)
        totals = [
            [
                MESSAGES.ngettext("Total, {n} client", "Total, {n} clients", t.clients).format(
                    n=t.clients
                ),
                "",
                format_money(t.investment, t.currency, lang),
                format_money(t.return_, t.currency, lang),
                format_pct(t.roi_pct, lang),
                "",
                "",
                "",
            ]
            for t in currency_totals(clients)
        ]
    lines = [[terminal_text(x).replace("\u00a0", " ") for x in line] for line in lines + totals]
    caps = [30, 28, 18, 18, 10, 12, 16, 200]
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

    rule = fmt(["-" * w for w in widths])
    table = [fmt(header), rule] + [fmt(line) for line in lines[: len(clients)]]
    if totals:
        table += [rule] + [fmt(line) for line in lines[len(clients) :]]
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
    period: str | None = None,
    compare: str | None = None,
    language: str | None = None,
    exclude: Sequence[str] = (),
    scheduler: str | None = None,
    shard: str | None = None,
    shard_count: int | None = None,
    echo: Callable[[str], None] = say,
) -> BatchResult:
    """What `roi-report batch` does: options over roi-report.toml defaults, run, report."""
    from roi_report.config import load_config
    from roi_report.delivery.mail import email_request
    from roi_report.delivery.overrides import run_overrides
    from roi_report.language import use_language

    config = load_config(config_file, [base_folder(p) for p in paths])
    language = language or config.language
    with use_language(language):
        if not quiet:
            for line in config.notices():
                echo(line, err=True)
        overrides = run_overrides(period, compare, config)
        target = Path(out_dir or config.output or DEFAULT_OUTPUT)
        which = shard_of(shard, shard_count)
        sources = discover_sources(paths, exclude, skip=[target])
        if which is not None:
            sources = pick_shard(sources, which)
        brand_file = brand_file or config.brand
        template_dir = template_dir or config.template_dir
        request = email_request(**(email_options or {}), template_dir=template_dir, config=config)
        if request is not None and no_pdf:
            raise BatchError(
                _("emailing sends the PDF reports: leave out --no-pdf (or add --no-email)")
            )
        if scheduler:
            from roi_report.delivery.cluster import check_dask

            check_dask()  # before a long discovery: say at once how to install it
        options = BatchOptions(
            out_dir=target,
            workers=workers or config.workers or os.cpu_count() or 1,
            pdf=not no_pdf,
            brand_file=brand_file,
            template_dir=template_dir,
            email=request,
            quiet=quiet,
            timeout=timeout,
            overrides=overrides,
            language=language,
            scheduler=scheduler,
            summary_name=which.summary_name if which is not None else "summary",
        )
        if not sources:  # a shard with no client: an empty summary says so
            result = BatchResult(
                target,
                [],
                *write_summaries([], _ensure(target), name=options.summary_name, language=language),
                0.0,
            )
        else:
            result = run_batch(sources, options)
        _report(result, options, echo)
    return result


def _ensure(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder.resolve()


def _report(result: BatchResult, options: BatchOptions, echo) -> None:
    """The table, the one-line total and the failures (only the failures with --quiet)."""
    from babel.numbers import format_decimal

    from roi_report.language import active_language, locale_of

    failed = result.failed
    total = len(result.clients)
    if not options.quiet:
        if result.clients:
            echo(summary_table(result.clients, options.language))
            echo("")
        warned = [c for c in result.clients if c.notices]
        if warned:
            echo(_("PDF warnings:"))
            for c in warned:
                echo(f"  {_who(c)}:")
                for notice in c.notices:
                    echo("    " + notice_line(notice))
            echo("")
        built = sum(1 for c in result.clients if c.built)
        where = (
            _("on the cluster at {address}").format(address=options.scheduler)
            if options.scheduler
            else MESSAGES.ngettext(
                "with {n} worker", "with {n} workers", min(options.workers, total) or 1
            ).format(n=min(options.workers, total) or 1)
        )
        echo(
            MESSAGES.ngettext(
                # Translators: the form follows {built}; English says "1 of 3 reports" anyway
                "{built} of {total} reports built in {seconds} s {where}; summary: {xlsx}, {csv}",
                "{built} of {total} reports built in {seconds} s {where}; summary: {xlsx}, {csv}",
                built,
            ).format(
                built=built,
                total=total,
                seconds=format_decimal(
                    round(result.seconds, 1), "0.0", locale=locale_of(active_language())
                ),
                where=where,
                xlsx=result.summary_xlsx,
                csv=result.summary_csv,
            )
        )
    if failed:
        lines = [
            MESSAGES.ngettext(
                # Translators: the form follows {failed}; English says "1 of 3 clients" anyway
                "{failed} of {total} clients failed:",
                "{failed} of {total} clients failed:",
                len(failed),
            ).format(failed=len(failed), total=total)
        ]
        for c in failed:
            who = _who(c)
            what = (
                c.problem
                if c.problems
                else _("email not sent: {problem}").format(problem=c.problem)
            )
            lines.append(f"  - {who}: {terminal_text(what)}")
        raise BatchFailed("\n".join(lines))


def _who(client: ClientResult) -> str:
    """A client as the batch's output names it: its workbook, and its name where known."""
    who = terminal_text(client.source.name)
    if client.client:
        who += f" ({terminal_text(client.client)})"
    return who
