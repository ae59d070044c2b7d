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
    echo=None,
):
    """What `roi-report build` does: options over roi-report.toml defaults, build, then
    email the report when asked. An email that fails leaves the files on disk."""
    import json

    import click

    from roi_report.config_file import load_config
    from roi_report.emailing import email_built, email_request
    from roi_report.pipeline import BuildOptions, build

    echo = echo or click.echo
    config = load_config(config_file, [Path(workbook).parent])
    template_dir = template_dir or config.template_dir
    brand_file = brand_file or config.brand
    request = email_request(
        **(email_options or {}), template_dir=template_dir, brand_file=brand_file, config=config
    )
    if request is not None and no_pdf:
        raise OutputError("emailing sends the PDF report: leave out --no-pdf (or add --no-email)")
    options = BuildOptions(out_dir or config.output, not no_pdf, brand_file, template_dir)
    built = build(workbook, options)
    for warning in built.warnings:
        echo(f"warning: {warning}", err=True)
    if as_json:
        # Every figure is finite (inputs are bounded): allow_nan=False makes sure of it.
        echo(json.dumps(built.as_dict(), indent=2, ensure_ascii=False, allow_nan=False))
    else:
        for path in (built.results_path, built.pdf_path):
            if path is not None:
                echo(f"wrote {path}")
    if request is not None:
        try:
            delivery = email_built(built, request)
        except click.ClickException as error:
            error.message = f"{error.message}\nThe report is still on disk: {built.pdf_path}"
            raise
        echo(delivery.describe(), err=as_json)
    return built
