"""The build, stage by stage: read → validate → compute → write workbook → render PDF."""

from __future__ import annotations

import contextlib
import dataclasses
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from roi_report.errors import OutputError, Problem
from roi_report.excel.sheets import Check, build_sheets
from roi_report.excel.writer import cached_figures, write_results_workbook
from roi_report.language import LOCALES, messages_for, use_language
from roi_report.metrics.compute import Metrics, compute
from roi_report.metrics.to_json import metric_at, metrics_to_dict
from roi_report.outputs import staged
from roi_report.workbook.models import Workbook
from roi_report.workbook.reading import RawWorkbook, read_workbook, report_language
from roi_report.workbook.validation import validate

_ = messages_for(__name__).gettext

RESULTS_SUFFIX = "-roi"


@dataclass(frozen=True)
class BuildOptions:
    out_dir: Path | None = None
    pdf: bool = True
    brand_file: Path | None = None
    template_dir: Path | None = None
    # A batch's house style yields to a client's own Report-sheet logo and colours.
    client_style_first: bool = False
    # The report's language (ROI sheets, PDF, messages) instead of the Report sheet's.
    language: str | None = None
    # --period / --compare for this run (a delivery.overrides.Overrides), over the Report sheet.
    overrides: object | None = None


@dataclass(frozen=True)
class Built:
    workbook: Workbook
    metrics: Metrics
    checks: tuple[Check, ...]
    results_path: Path
    pdf_path: Path | None
    pdf_notices: tuple[str, ...] = ()  # what the renderer wants the user to know
    # The house style the PDF uses (pdf.brand.Brand): the email shows the same one.
    brand: object | None = None

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return self.workbook.warnings

    def as_dict(self) -> dict:
        return metrics_to_dict(self.metrics, self.workbook.settings, self.warnings)


def load(
    path: Path,
    meanwhile: Callable[[], None] | None = None,
    language: str | None = None,
    raw: RawWorkbook | None = None,
) -> Workbook:
    """Read and validate; raises WorkbookInvalid listing every problem. `meanwhile` is
    called once if a large sheet is parsed outside the GIL (see reading.read_workbook);
    `raw`: `path` read already.

    The problems speak `language`, else the Report sheet's Language (read first), else
    LANG's; `language` also becomes the workbook's effective Settings language."""
    if raw is None:
        raw = read_workbook(Path(path), meanwhile)
    with use_language(language or report_language(raw)):
        workbook = validate(raw)
    if language in LOCALES and language != workbook.settings.language:
        settings = dataclasses.replace(workbook.settings, language=language)
        workbook = dataclasses.replace(workbook, settings=settings)
    return workbook


def output_paths(source: Path, out_dir: Path | None) -> tuple[Path, Path]:
    stem = source.stem
    if not stem.endswith(RESULTS_SUFFIX):
        stem += RESULTS_SUFFIX
    folder = Path(out_dir) if out_dir is not None else source.parent
    # A macro-enabled workbook stays one: its package keeps the VBA part and content type.
    suffix = ".xlsm" if source.suffix.lower() == ".xlsm" else ".xlsx"
    results = folder / f"{stem}{suffix}"
    if results.resolve() == source.resolve():
        if results.is_symlink() or source.is_symlink():
            raise OutputError(
                _(
                    "{results} is the input workbook {source} itself (through a symbolic "
                    "link) and would be replaced — remove the link or write elsewhere with -o DIR"
                ).format(results=results, source=source)
            )
        raise OutputError(
            _(
                "{source} is itself a results workbook and would be replaced — "
                "write the new one elsewhere with -o DIR"
            ).format(source=source)
        )
    return results, folder / f"{stem}.pdf"


def build(source: Path, options: BuildOptions = BuildOptions()) -> Built:
    from roi_report.delivery.overrides import prepared_input

    source = Path(source)
    # An .ods, or a run's --period, is read from (and spliced into) a private .xlsx copy.
    renderer = _RendererImport()
    meanwhile = renderer.start if options.pdf else None
    with prepared_input(source, options.overrides, meanwhile) as (working, raw):
        workbook = load(working, meanwhile, language=options.language, raw=raw)
        with use_language(workbook.settings.language):
            return _build(source, working, workbook, renderer, options)


def _build(
    source: Path, working: Path, workbook: Workbook, renderer, options: BuildOptions
) -> Built:
    metrics = compute(workbook)
    results_path, pdf_path = output_paths(source, options.out_dir)
    sheets, checks = build_sheets(workbook, metrics)
    data = metrics_to_dict(metrics, workbook.settings)
    cached = cached_figures(checks, lambda path: metric_at(data, path), workbook.settings.language)
    targets = [results_path] + ([pdf_path] if options.pdf else [])
    notices: list[str] = []
    brand = report_brand(workbook, source.parent, options)
    with staged(targets) as temps:
        write_results_workbook(working, temps[0], sheets, workbook.settings, cached)
        if options.pdf:
            renderer.join()
            render_pdf_file(workbook, metrics, temps[1], source.parent, options, notices, brand)
    return Built(
        workbook,
        metrics,
        tuple(checks),
        results_path,
        pdf_path if options.pdf else None,
        tuple(notices),
        brand,
    )


def report_brand(workbook: Workbook, workbook_dir: Path, options: BuildOptions):
    """The house style of one report (a pdf.brand.Brand): the one place `build` (its PDF
    and email) and `check` resolve it, so they never disagree."""
    from roi_report.pdf.brand import resolve_brand

    return resolve_brand(
        workbook.settings, workbook_dir, options.brand_file, client_first=options.client_style_first
    )


class _RendererImport:
    """Imports the PDF renderer (about a second) in a thread, started by the reader while
    fastexcel parses a large sheet in Rust code that lets other threads run. The reader
    has done its own imports by then, so the two threads never import one module at once.
    A failure here is ignored: render_pdf_file imports again and reports it."""

    def __init__(self) -> None:
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        if self.thread is None:
            self.thread = threading.Thread(target=self._run, name="import-renderer", daemon=True)
            self.thread.start()

    @staticmethod
    def _run() -> None:
        with contextlib.suppress(Exception):
            from roi_report.pdf.render import import_renderer

            import_renderer()

    def join(self) -> None:
        if self.thread is not None:
            self.thread.join()


def render_pdf_file(
    workbook: Workbook,
    metrics: Metrics,
    target: Path,
    workbook_dir: Path,
    options: BuildOptions,
    notices: list[str] | None = None,
    brand=None,
) -> None:
    # Imported here: WeasyPrint is slow to import and `check` or --no-pdf never need it.
    from roi_report.pdf.render import render_pdf

    if brand is None:
        brand = report_brand(workbook, workbook_dir, options)
    render_pdf(
        metrics,
        workbook,
        target,
        workbook_dir=workbook_dir,
        brand=brand,
        template_dir=options.template_dir,
        warnings=workbook.warnings,
        notices=notices,
    )
