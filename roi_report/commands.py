"""What each CLI command does, as plain functions returning the text to print."""

from __future__ import annotations

from pathlib import Path

from roi_report.errors import (
    BIDI_CONTROLS,
    Interrupted,
    OutputError,
    Problem,
    WorkbookInvalid,
    notice_line,
    say,
    terminal_text,
)
from roi_report.language import messages_for, use_language
from roi_report.pipeline import load

_ = messages_for(__name__).gettext

JSON_ESCAPES = {code: f"\\u{code:04x}" for code in [*range(0x7F, 0xA0), *map(ord, BIDI_CONTROLS)]}


def check_workbook(
    path: Path,
    *,
    strict: bool = False,
    language: str | None = None,
    brand_file: Path | None = None,
    config_file: Path | None = None,
    echo=None,
) -> str:
    """`language` (--language) instead of the Report sheet's Language for the messages.
    The house style is resolved as `build` resolves it (--brand, else roi-report.toml's),
    so what `build` would say of it (a brand font not installed) is said here too."""
    from roi_report.config import load_config
    from roi_report.pdf.render import font_notice
    from roi_report.pipeline import BuildOptions, report_brand

    echo = echo or say
    config = load_config(config_file, [Path(path).parent])
    for line in config.notices():
        echo(line, err=True)
    workbook = load(path, language=language)
    with use_language(workbook.settings.language):
        options = BuildOptions(brand_file=brand_file or config.brand)
        brand = report_brand(workbook, Path(path).parent, options)
        notices = [n for n in (font_notice(brand),) if n]
        warnings = list(workbook.warnings)
        to_fix = [w for w in warnings if not w.is_note]
        if strict and (to_fix or notices):
            # Notes are routine (rows of other months in a multi-month workbook): not failures.
            raise WorkbookInvalid(
                to_fix + [Problem(None, None, n, severity="setup") for n in notices]
            )
        lines = [_("{path}: no problems found.").format(path=terminal_text(path))]
        lines += [finding_line(w) for w in warnings]
        lines += [notice_line(n) for n in notices]
        return "\n".join(lines)


def finding_line(warning) -> str:
    """A warning or a note as the terminal shows it."""
    if warning.is_note:
        return _("note: {finding}").format(finding=terminal_text(warning))
    return notice_line(warning)


def init_template(path: Path, **options) -> str:
    """Write the template; refuse what `check` would refuse, before writing anything."""
    from babel.numbers import list_currencies

    from roi_report.template.writer import write_template
    from roi_report.workbook.values import MAX_TEXT, number_text

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise OutputError(
            _(
                "{path}: the template is an Excel workbook — give the file name the ending .xlsx"
            ).format(path=path)
        )
    currency = str(options.get("currency") or "").strip().upper()
    if currency and currency not in list_currencies():
        raise OutputError(
            _(
                "--currency {code} is not an ISO 4217 currency code — use a code "
                "such as USD, EUR, PLN or GBP"
            ).format(code=repr(options["currency"]))
        )
    options["currency"] = currency
    client = str(options.get("client") or "")
    if len(client) > MAX_TEXT:
        raise OutputError(
            _(
                "--client is {length} characters long, more than a cell holds "
                "({limit}) — shorten it"
            ).format(length=number_text(len(client)), limit=number_text(MAX_TEXT))
        )
    try:
        write_template(path, **options)
    except FileExistsError:
        raise OutputError(
            _("{path} already exists — choose another name, or add --force to replace it").format(
                path=path
            )
        ) from None
    return _("wrote {path}").format(path=path)


def build_command(
    workbook: Path,
    *,
    out_dir: Path | None = None,
    as_json: bool = False,
    no_pdf: bool = False,
    brand_file: Path | None = None,
    template_dir: Path | None = None,
    config_file: Path | None = None,
    email_options: dict | None = None,
    language: str | None = None,
    period: str | None = None,
    compare: str | None = None,
    echo=None,
):
    """What `roi-report build` does: options over roi-report.toml defaults, build, then
    email the report when asked. An email that fails leaves the files on disk."""

    from roi_report.config import load_config
    from roi_report.delivery.mail import email_request
    from roi_report.delivery.overrides import converted_note, run_overrides
    from roi_report.pipeline import BuildOptions, build

    echo = echo or say
    config = load_config(config_file, [Path(workbook).parent])
    for line in config.notices():
        echo(line, err=True)
    template_dir = template_dir or config.template_dir
    brand_file = brand_file or config.brand
    request = email_request(**(email_options or {}), template_dir=template_dir, config=config)
    if request is not None and no_pdf:
        raise OutputError(
            _("emailing sends the PDF report: leave out --no-pdf (or add --no-email)")
        )
    overrides = run_overrides(period, compare, config)
    options = BuildOptions(
        out_dir or config.output,
        not no_pdf,
        brand_file,
        template_dir,
        language=language,
        overrides=overrides,
    )
    try:
        built = build(workbook, options)
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: `staged` has removed the temporary files
        raise Interrupted(_("interrupted — no report was written")) from None
    with use_language(built.workbook.settings.language):
        note = converted_note(workbook, built.results_path)
        if note:
            echo(terminal_text(note), err=as_json)  # stdout stays JSON with --json
        _tell_built(built, as_json, request, echo)
    return built


def _tell_built(built, as_json: bool, request, echo) -> None:
    """The warnings, the files written (or the JSON) and the email sent, in the report's
    language."""
    import json

    import click

    from roi_report.delivery.mail import email_built

    for warning in built.warnings:
        echo(finding_line(warning), err=True)
    for notice in built.pdf_notices:
        echo(notice_line(notice), err=True)
    if as_json:
        # Every figure is finite (inputs are bounded): allow_nan=False makes sure of it.
        # JSON escapes C0 controls itself; DEL, C1 and bidi controls are escaped the same
        # way, so the terminal sees plain text and a program the same data.
        text = json.dumps(built.as_dict(), indent=2, ensure_ascii=False, allow_nan=False)
        echo(text.translate(JSON_ESCAPES))
    else:
        for path in (built.results_path, built.pdf_path):
            if path is not None:
                # a name may hold a line break
                echo(_("wrote {path}").format(path=terminal_text(path)))
    if request is not None:
        try:
            delivery = email_built(built, request)
        except click.ClickException as error:
            kept = terminal_text(built.pdf_path)
            error.message = _("{error}\nThe report is still on disk: {path}").format(
                error=error.message, path=kept
            )
            raise
        echo(terminal_text(delivery.describe()), err=as_json)
