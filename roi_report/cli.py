"""The roi-report command: each subcommand parses its options and makes one library call."""

from __future__ import annotations

import contextlib
import signal
import threading
import warnings
from pathlib import Path

import click

from roi_report import __version__
from roi_report.errors import Interrupted, say, terminal_text
from roi_report.language import LANGUAGES, messages_for

# Help texts follow LANG: they are read before any workbook is.
_ = messages_for(__name__).gettext


class ExistingFile(click.Path):
    """A file that must exist; a missing one is said in the language of LANG (click's own
    words for it are English only)."""

    def __init__(self):
        super().__init__(exists=True, dir_okay=False, path_type=Path)

    def convert(self, value, param, ctx):
        if not isinstance(value, Path) and not Path(value).exists():
            self.fail(_("'{path}' does not exist — check the path").format(path=value), param, ctx)
        return super().convert(value, param, ctx)


EXISTING_FILE = ExistingFile()
LANGUAGE_OPTION = click.option(
    "--language",
    type=click.Choice(LANGUAGES),
    help=_("Language of the messages and the report, instead of the Report sheet's Language."),
)


class TerminalSafeGroup(click.Group):
    """Every error message, the tool's and click's own (which quote file names), reaches
    the terminal through terminal_text."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except click.ClickException as error:
            error.message = terminal_text(error.message, lines=True)
            raise
        except KeyboardInterrupt:
            # Ctrl-C before a command's own handling starts, or in one that has none: exit
            # 130 as a shell expects, not click's "Aborted!" with 1.
            raise Interrupted(_("interrupted before the command finished")) from None


@contextlib.contextmanager
def sigterm_as_interrupt():
    """SIGTERM (a service manager, `kill`, a CI timeout) ends `build` and `batch` as Ctrl-C
    does: workers stopped, temporary files and staging folders removed, a batch's finished
    reports kept with a partial summary. The default SIGTERM would leave them all behind."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@click.group(
    cls=TerminalSafeGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=_("Audited social-media ROI workbooks and branded PDF reports from one Excel workbook."),
)
@click.version_option(__version__, prog_name="roi-report")
def main() -> None:
    # A library's warning (openpyxl's "no default style", matplotlib's glyphs) is no
    # message for a user: what matters is said by our own problems and errors.
    warnings.simplefilter("ignore")


@main.command(help=_("Write a blank (or --example) workbook template to PATH."))
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--example", is_flag=True, help=_("Fill the template with realistic example data."))
@click.option("--client", default="", help=_("Client or company name."))
@click.option("--currency", default="USD", show_default=True, help=_("ISO 4217 currency code."))
@click.option(
    "--language",
    type=click.Choice(LANGUAGES),
    default="en",
    show_default=True,
    help=_("Language of the report and of the Instructions sheet."),
)
@click.option("--force", is_flag=True, help=_("Overwrite PATH if it exists."))
def init(path, example, client, currency, language, force):
    from roi_report.commands import init_template

    say(
        init_template(
            path, example=example, client=client, currency=currency, language=language, force=force
        )
    )


CONFIG_OPTION = click.option(
    "--config",
    "config_file",
    type=EXISTING_FILE,
    help=_("Defaults file to use instead of the roi-report.toml in the workbooks' folder."),
)


@main.command(help=_("Validate WORKBOOK: list every problem and warning."))
@click.argument("workbook", type=EXISTING_FILE)
@click.option("--strict", is_flag=True, help=_("Fail on warnings too."))
@LANGUAGE_OPTION
@click.option("--brand", "brand_file", type=EXISTING_FILE, help=_("House style (TOML)."))
@CONFIG_OPTION
def check(workbook, strict, language, brand_file, config_file):
    from roi_report.commands import check_workbook

    say(
        check_workbook(
            workbook,
            strict=strict,
            language=language,
            brand_file=brand_file,
            config_file=config_file,
        )
    )


def email_options(command):
    """--email and the SMTP options, shared by `build` and `batch`."""
    options = [
        click.option(
            "--email/--no-email",
            default=None,
            help=_("Email each PDF to the Report sheet's 'Email to' (or --to)."),
        ),
        click.option(
            "--attach-workbook",
            type=click.Choice(("roi", "full"), case_sensitive=False),
            is_flag=False,
            flag_value="roi",
            default=None,
            help=_(
                "Attach a workbook too: the ROI sheets as values (roi, the default), or the "
                "full results workbook with every input (=full)."
            ),
        ),
        click.option(
            "--no-attach-workbook",
            is_flag=True,
            help=_("Attach no workbook, whatever roi-report.toml says."),
        ),
        click.option(
            "--to",
            multiple=True,
            metavar="ADDRESS",
            help=_("Recipient instead of 'Email to' (repeat, or separate with commas)."),
        ),
        click.option(
            "--dry-run",
            is_flag=True,
            help=_("Write each email to an .eml file instead of sending."),
        ),
        click.option(
            "--from", "sender", metavar="ADDRESS", help=_("Sender [ROI_REPORT_SMTP_FROM].")
        ),
        click.option("--smtp-host", help=_("SMTP server [ROI_REPORT_SMTP_HOST].")),
        click.option(
            "--smtp-port",
            type=click.IntRange(1, 65535),
            help=_("SMTP port [ROI_REPORT_SMTP_PORT]."),
        ),
        click.option(
            "--smtp-user",
            help=_(
                "SMTP user [ROI_REPORT_SMTP_USER]; the password is read from "
                "ROI_REPORT_SMTP_PASSWORD only."
            ),
        ),
        click.option(
            "--smtp-security",
            type=click.Choice(("starttls", "ssl", "none"), case_sensitive=False),
            help=_("starttls (default), ssl or none [ROI_REPORT_SMTP_SECURITY]."),
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


EMAIL_KEYS = (
    "email",
    "attach_workbook",
    "to",
    "dry_run",
    "sender",
    "smtp_host",
    "smtp_port",
    "smtp_user",
    "smtp_security",
)


def email_values(options: dict) -> dict:
    """The email options for the library; --no-attach-workbook as attach_workbook=False."""
    values = {key: options[key] for key in EMAIL_KEYS}
    if options.get("no_attach_workbook"):
        values["attach_workbook"] = False
    return values


TEMPLATE_DIR_OPTION = click.option(
    "--template-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help=_("Folder whose templates replace the built-in ones."),
)
PERIOD_OPTION = click.option(
    "--period",
    metavar="PERIOD",
    help=_(
        "Report period for this run, over the Report sheet's: 2026-09, 2026-Q3, 2026, "
        "2026-07-01..2026-09-30, last-month, last-quarter or year-to-date."
    ),
)
COMPARE_OPTION = click.option(
    "--compare",
    type=click.Choice(("previous", "last-year", "none"), case_sensitive=False),
    help=_(
        "Compare with the previous period, the same period last year, or nothing, over "
        "the Report sheet's Compare with."
    ),
)


@main.command(
    "import", help=_("Add ad-platform and CRM EXPORTS (CSV or XLSX) to WORKBOOK's tables.")
)
@click.argument("workbook", type=EXISTING_FILE)
@click.argument("exports", nargs=-1, required=True, type=EXISTING_FILE)
@click.option("--dry-run", is_flag=True, help=_("Show what would be added; write nothing."))
@click.option(
    "--campaign-level",
    type=click.Choice(("top", "middle", "bottom")),
    default="top",
    show_default=True,
    help=_(
        "Which level of the ad reports names the Campaign: top (campaign; LinkedIn's "
        "campaign group), middle (ad set, ad group) or bottom (ad)."
    ),
)
def import_(workbook, exports, dry_run, campaign_level):
    from roi_report.importing.run import import_exports

    say(import_exports(workbook, list(exports), dry_run=dry_run, level=campaign_level))


@main.command(
    help=_("Write WORKBOOK's results workbook (<stem>-roi.xlsx) and PDF report (<stem>-roi.pdf).")
)
@click.argument("workbook", type=EXISTING_FILE)
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help=_("Output folder (default: beside WORKBOOK)."),
)
@click.option("--json", "as_json", is_flag=True, help=_("Print every metric as JSON on stdout."))
@click.option("--no-pdf", is_flag=True, help=_("Write the results workbook only."))
@click.option("--brand", "brand_file", type=EXISTING_FILE, help=_("House style (TOML)."))
@LANGUAGE_OPTION
@TEMPLATE_DIR_OPTION
@CONFIG_OPTION
@PERIOD_OPTION
@COMPARE_OPTION
@email_options
@sigterm_as_interrupt()
def build(
    workbook,
    out_dir,
    as_json,
    no_pdf,
    brand_file,
    language,
    template_dir,
    config_file,
    period,
    compare,
    **email,
):
    from roi_report.commands import build_command

    build_command(
        workbook,
        out_dir=out_dir,
        as_json=as_json,
        no_pdf=no_pdf,
        brand_file=brand_file,
        template_dir=template_dir,
        config_file=config_file,
        email_options=email_values(email),
        language=language,
        period=period,
        compare=compare,
    )


@main.command(help=_("Build every workbook in PATHS (folders, files or globs) in parallel."))
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help=_(
        "Output folder: one sub-folder per client, and summary.xlsx / summary.csv "
        "(default: ./roi-reports)."
    ),
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help=_("Parallel worker processes (default: the number of cores)."),
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    metavar="SECONDS",
    help=_("Give up on a client whose report takes longer; the others go on (default: no limit)."),
)
@click.option("--quiet", "-q", is_flag=True, help=_("No progress and no table; failures only."))
@click.option("--no-pdf", is_flag=True, help=_("Write the results workbooks only."))
@click.option("--brand", "brand_file", type=EXISTING_FILE, help=_("House style for every client."))
@click.option(
    "--exclude",
    multiple=True,
    metavar="GLOB",
    help=_(
        "Skip workbooks whose path below the folder (or name) matches GLOB (repeatable), "
        "e.g. 'archive/**' or '*-draft.xlsx'."
    ),
)
@click.option(
    "--language",
    type=click.Choice(LANGUAGES),
    help=_(
        "Language of the reports, messages and summary, over each Report sheet's Language "
        "(default: roi-report.toml)."
    ),
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help=_(
        "Build on a Dask distributed cluster (tcp://host:8786) instead of local workers; "
        "needs pip install 'roi-report[dask]'."
    ),
)
@click.option(
    "--shard",
    metavar="K/N",
    help=_(
        "Build only the K-th of N deterministic shares of the clients (1/4 … 4/4); "
        "default from JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX with --shard-count."
    ),
)
@click.option(
    "--shard-count",
    type=click.IntRange(min=1),
    metavar="N",
    help=_(
        "Number of shares when the share comes from JOB_COMPLETION_INDEX or "
        "AWS_BATCH_JOB_ARRAY_INDEX."
    ),
)
@TEMPLATE_DIR_OPTION
@CONFIG_OPTION
@PERIOD_OPTION
@COMPARE_OPTION
@email_options
@sigterm_as_interrupt()
def batch(paths, **options):
    from roi_report.delivery.batch import batch_command

    batch_command(
        paths,
        out_dir=options["out_dir"],
        workers=options["workers"],
        quiet=options["quiet"],
        no_pdf=options["no_pdf"],
        brand_file=options["brand_file"],
        template_dir=options["template_dir"],
        config_file=options["config_file"],
        email_options=email_values(options),
        timeout=options["timeout"],
        period=options["period"],
        compare=options["compare"],
        language=options["language"],
        exclude=options["exclude"],
        scheduler=options["scheduler"],
        shard=options["shard"],
        shard_count=options["shard_count"],
    )


@main.command(
    "merge-summaries", help=_("Join the summaries of a sharded batch (batch --shard K/N) into one.")
)
@click.argument(
    "folders",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help=_(
        "Folder for the joined summary.xlsx / summary.csv (default: the shards' common folder)."
    ),
)
@click.option(
    "--language",
    type=click.Choice(LANGUAGES),
    help=_("Language and number format of the joined summary."),
)
def merge_summaries(folders, out_dir, language):
    from roi_report.delivery.shards import merge_command

    say(merge_command(folders, out_dir=out_dir, language=language))
