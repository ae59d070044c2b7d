"""The roi-report command: each subcommand parses its options and makes one library call."""

from __future__ import annotations

import json
from pathlib import Path

import click

from roi_report import __version__
from roi_report.contract import LANGUAGES

EXISTING_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="roi-report")
def main() -> None:
    """Audited social-media ROI workbooks and branded PDF reports from one Excel workbook."""


@main.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--example", is_flag=True, help="Fill the template with realistic example data.")
@click.option("--client", default="", help="Client or company name.")
@click.option("--currency", default="USD", show_default=True, help="ISO 4217 currency code.")
@click.option(
    "--language",
    type=click.Choice(LANGUAGES),
    default="en",
    show_default=True,
    help="Language of the report and of the Instructions sheet.",
)
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
def init(path, example, client, currency, language, force):
    """Write a blank (or --example) workbook template to PATH."""
    from roi_report.commands import init_template

    click.echo(
        init_template(
            path, example=example, client=client, currency=currency, language=language, force=force
        )
    )


@main.command()
@click.argument("workbook", type=EXISTING_FILE)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def check(workbook, strict):
    """Validate WORKBOOK: list every problem and warning."""
    from roi_report.commands import check_workbook

    click.echo(check_workbook(workbook, strict=strict))


@main.command()
@click.argument("workbook", type=EXISTING_FILE)
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder (default: beside WORKBOOK).",
)
@click.option("--json", "as_json", is_flag=True, help="Print every metric as JSON on stdout.")
@click.option("--no-pdf", is_flag=True, help="Write the results workbook only.")
@click.option("--brand", "brand_file", type=EXISTING_FILE, help="House style (TOML).")
@click.option(
    "--template-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder whose templates replace the built-in ones.",
)
def build(workbook, out_dir, as_json, no_pdf, brand_file, template_dir):
    """Write WORKBOOK's results workbook (<stem>-roi.xlsx) and PDF report (<stem>-roi.pdf)."""
    from roi_report.pipeline import BuildOptions
    from roi_report.pipeline import build as run_build

    built = run_build(workbook, BuildOptions(out_dir, not no_pdf, brand_file, template_dir))
    for warning in built.warnings:
        click.echo(f"warning: {warning}", err=True)
    if as_json:
        click.echo(json.dumps(built.as_dict(), indent=2, ensure_ascii=False))
    else:
        for path in (built.results_path, built.pdf_path):
            if path is not None:
                click.echo(f"wrote {path}")
