"""Render the branded PDF report: Jinja2 templates → HTML and CSS → WeasyPrint → PDF.

The templates live in the top-level `templates/` folder of a source checkout, shipped in the
wheel as `roi_report/templates`. A `template_dir` is searched first, so a designer can
replace one template or the stylesheet. WeasyPrint reads nothing but what
`pdf_fetcher.ReportURLFetcher` allows, and is imported only here, when a PDF is wanted.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import re
import warnings as python_warnings
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from roi_report import __version__
from roi_report.errors import OutputError, Problem, RoiReportError
from roi_report.language import messages_for, use_language
from roi_report.metrics.compute import Metrics
from roi_report.outputs import move_into_place, temp_beside
from roi_report.pdf.brand import (
    DEFAULT_ACCENT,
    DEFAULT_PRIMARY,
    FONT_NAME,
    PAGE_SIZES,
    Brand,
    BrandError,
    check_color,
    resolve_brand,
)
from roi_report.pdf.context import ReportContext, build_context
from roi_report.pdf.fitting import fit_context
from roi_report.pdf.fonts import (
    foreign_characters,
    is_installed,
    system_font_for,
    undrawable_warning,
)
from roi_report.resources import REPORT_TEMPLATE, templates_dir
from roi_report.workbook.models import Workbook

STYLESHEET = "report.css"
DEFAULT_LOGO = "logo-default.svg"
PDF_VARIANT = "pdf/ua-1"
# Libraries whose log lines are theirs to keep: a report's reader needs one clear warning
# (undrawable characters, a missing brand font), not their internals.
QUIET_LOGGERS = ("weasyprint", "fontTools", "PIL")

_messages = messages_for(__name__)
_ = _messages.gettext


class RenderError(RoiReportError):
    """A template that cannot be used, or a PDF that cannot be rendered."""


def css_string(value: object) -> str:
    """A value as the inside of a double-quoted CSS string."""
    text = str(value)
    out = []
    for ch in text:
        if ch in '"\\' or ord(ch) < 0x20 or ch == "\x7f":
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return "".join(out)


def template_environment(template_dir: Path | None = None):
    """Sandboxed Jinja2 environment: `template_dir` first, then the built-in templates;
    HTML autoescaped, undefined names an error."""
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, select_autoescape
    from jinja2.sandbox import SandboxedEnvironment

    loaders = []
    if template_dir is not None:
        folder = Path(template_dir)
        if not folder.is_dir():
            raise RenderError(
                _("template folder {folder} does not exist — check --template-dir").format(
                    folder=folder
                )
            )
        loaders.append(FileSystemLoader(str(folder)))
    loaders.append(FileSystemLoader(str(templates_dir())))
    # Sandboxed: a template folder is data a designer (or a dropped roi-report.toml) hands
    # in; it may format the report, never reach Python internals or run commands.
    env = SandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        extensions=["jinja2.ext.i18n"],
        autoescape=select_autoescape(
            enabled_extensions=("html", "htm", "xml", "svg"), default_for_string=True, default=False
        ),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["css_string"] = css_string
    # The templates' words come from the `pdf` catalog, in the language in effect when they
    # render; `{% trans %}` blocks are trimmed as Babel extracts them (catalogs.py).
    env.install_gettext_callables(
        _messages.gettext,
        _messages.ngettext,
        newstyle=True,
        pgettext=_messages.pgettext,
        npgettext=_messages.npgettext,
    )
    env.policies["ext.i18n.trimmed"] = True
    return env


@functools.lru_cache(maxsize=8)
def _environment(template_dir: str | None):
    """One environment per template folder in a process: its compiled templates are kept
    (Jinja2 reloads one whose file changed), so a batch compiles each template once."""
    return template_environment(None if template_dir is None else Path(template_dir))


@functools.lru_cache(maxsize=1)
def _font_config():
    """One WeasyPrint font configuration per process: the @font-face fonts are registered
    with fontconfig once, not once per report of a batch worker."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@contextlib.contextmanager
def quiet_libraries():
    """Keep the libraries' warnings and log lines off the terminal while rendering."""
    saved = []
    for name in QUIET_LOGGERS:
        logger = logging.getLogger(name)
        saved.append((logger, logger.propagate, logger.handlers[:]))
        logger.propagate = False
        logger.handlers = [logging.NullHandler()]
    try:
        with python_warnings.catch_warnings():
            python_warnings.simplefilter("ignore")
            yield
    finally:
        for logger, propagate, handlers in saved:
            logger.propagate = propagate
            logger.handlers = handlers


NON_ASCII = re.compile(r"[^\x00-\x7f]")


def undrawable_characters(*texts: str) -> list[str]:
    """The characters of `texts` that neither the report font nor any installed font has."""
    found = [ch for text in texts for ch in NON_ASCII.findall(text)]
    return [ch for ch in foreign_characters(found) if system_font_for(ch) is None]


def font_notice(brand: Brand) -> str | None:
    """A sentence when the brand's font is not installed here (the report uses Inter)."""
    if is_installed(brand.font):
        return None
    return _(
        "the brand font '{font}' is not installed on this machine: the PDF uses Inter "
        "instead — install the font, or remove 'font' from the brand file"
    ).format(font=brand.font)


def _asset(name: str, template_dir: Path | None) -> Path:
    for folder in ([Path(template_dir)] if template_dir is not None else []) + [templates_dir()]:
        if (folder / name).is_file():
            return (folder / name).resolve()
    raise RenderError(
        _("the template file {name} is missing — reinstall roi-report").format(name=name)
    )


def _check_brand(brand: Brand) -> None:
    """A Brand built by hand gets the checks a brand file gets: its values reach the CSS."""
    check_color(brand.primary, _("brand primary colour"))
    check_color(brand.accent, _("brand accent colour"))
    if brand.page_size not in (None, *PAGE_SIZES):
        raise BrandError(
            _('brand page size {value}: use "A4" or "Letter"').format(value=repr(brand.page_size))
        )
    if not FONT_NAME.match(brand.font):
        raise BrandError(
            _("brand font {value} is not a font family name").format(value=repr(brand.font))
        )


def brand_mark(path: Path, brand: Brand) -> str:
    """The default report mark in the brand's colours, as a data: URL."""
    from roi_report.pdf.charts import data_url

    svg = path.read_text(encoding="utf-8")
    svg = re.sub(DEFAULT_PRIMARY, brand.primary, svg, flags=re.IGNORECASE)
    svg = re.sub(DEFAULT_ACCENT, brand.accent, svg, flags=re.IGNORECASE)
    return data_url(svg)


def render_html(
    context: ReportContext, template_dir: Path | None = None, assets_url: str | None = None
) -> tuple[str, str, Path, Path]:
    """The report's HTML and CSS, and the folders they came from (their base URLs)."""
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

    env = _environment(None if template_dir is None else str(Path(template_dir).resolve()))
    assets_url = assets_url or templates_dir().as_uri()
    try:
        with use_language(context.language):
            page = env.get_template(REPORT_TEMPLATE)
            sheet = env.get_template(STYLESHEET)
            html = page.render(r=context, version=__version__, assets=assets_url)
            css = sheet.render(r=context, style=context.style, assets=assets_url)
    except TemplateNotFound as error:
        raise RenderError(
            _("template {name} not found in {folder}").format(
                name=error.name, folder=template_dir or templates_dir()
            )
        ) from error
    except TemplateSyntaxError as error:
        raise RenderError(
            _("template {name}, line {line}: {problem}").format(
                name=error.filename or error.name, line=error.lineno, problem=error.message
            )
        ) from error
    except TemplateError as error:
        raise RenderError(
            _("a template could not be rendered: {problem}").format(problem=error)
        ) from error
    return html, css, Path(page.filename).parent, Path(sheet.filename).parent


def report_html(
    metrics: Metrics,
    book: Workbook,
    brand: Brand,
    template_dir: Path | None = None,
    *,
    warnings: Sequence[Problem] = (),
    charts: bool = True,
    issued: date | None = None,
) -> tuple[str, str, Path, Path]:
    """The report's HTML and CSS as WeasyPrint gets them, and their folders (base URLs)."""
    _check_brand(brand)
    logo_urls = {"mark": brand_mark(_asset(DEFAULT_LOGO, template_dir), brand)}
    if brand.logo is not None:
        logo_urls["logo"] = brand.logo.as_uri()
    if brand.agency_logo is not None:
        logo_urls["agency_logo"] = brand.agency_logo.as_uri()
    context = build_context(
        metrics, book, brand, warnings, logo_urls=logo_urls, charts=charts, issued=issued
    )
    context = fit_context(context, client=book.settings.client, currency=book.settings.currency)
    return render_html(context, template_dir)


def import_renderer() -> None:
    """Import WeasyPrint and Jinja2 (about a second), so a later render_pdf starts at once."""
    import jinja2  # noqa: F401
    import weasyprint  # noqa: F401
    import weasyprint.text.fonts  # noqa: F401

    from roi_report.pdf import charts  # noqa: F401
    from roi_report.pdf import fetcher as pdf_fetcher  # noqa: F401


def render_pdf(
    metrics: Metrics,
    book: Workbook,
    out_path: Path,
    *,
    workbook_dir: Path,
    brand: Brand | None = None,
    template_dir: Path | None = None,
    warnings: Sequence[Problem] = (),
    charts: bool = True,
    issued: date | None = None,
    notices: list[str] | None = None,
) -> Path:
    """Write the report's PDF to `out_path` atomically; returns `out_path`.

    `brand` defaults to the Report sheet's branding, its logo checked against
    `workbook_dir`. `charts=False` leaves the charts out (faster, for tests). What the user
    should know about the PDF (characters no font has, a missing brand font) is appended
    to `notices`, one sentence each.
    """
    with quiet_libraries():
        return _render_pdf(
            metrics,
            book,
            Path(out_path),
            workbook_dir=workbook_dir,
            brand=brand,
            template_dir=template_dir,
            warnings=warnings,
            charts=charts,
            issued=issued,
            notices=notices if notices is not None else [],
        )


def _render_pdf(
    metrics: Metrics,
    book: Workbook,
    out_path: Path,
    *,
    workbook_dir: Path,
    brand: Brand | None,
    template_dir: Path | None,
    warnings: Sequence[Problem],
    charts: bool,
    issued: date | None,
    notices: list[str],
) -> Path:
    from weasyprint import CSS, HTML

    from roi_report.pdf.fetcher import ReportURLFetcher

    if brand is None:
        brand = resolve_brand(book.settings, Path(workbook_dir))
    html, css, html_dir, css_dir = report_html(
        metrics, book, brand, template_dir, warnings=warnings, charts=charts, issued=issued
    )
    undrawable = undrawable_warning(undrawable_characters(html, css))
    notices += [n for n in (font_notice(brand), undrawable) if n]

    roots = [templates_dir()] + ([Path(template_dir)] if template_dir is not None else [])
    fetcher = ReportURLFetcher(roots, brand.logo_files)
    fonts = _font_config()
    stylesheet = CSS(
        string=css, base_url=css_dir.as_uri() + "/", url_fetcher=fetcher, font_config=fonts
    )
    document = HTML(string=html, base_url=html_dir.as_uri() + "/", url_fetcher=fetcher)

    temp = None
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        temp = temp_beside(out_path, ".pdf.tmp")
        document.write_pdf(
            temp, stylesheets=[stylesheet], font_config=fonts, pdf_variant=PDF_VARIANT
        )
        move_into_place(temp, out_path)
    except OSError as error:
        raise OutputError(
            _("could not write {path}: {error} — check the output folder").format(
                path=out_path, error=error.strerror or error
            )
        ) from error
    finally:
        if temp is not None:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
    return out_path
