"""One exception family, translated to a message and an exit code at the CLI boundary."""

from __future__ import annotations

from dataclasses import dataclass

import click

from roi_report.language import active_language, messages_for, use_language

_messages = messages_for(__name__)
_, ngettext = _messages.gettext, _messages.ngettext


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or doubtful) in a workbook, located where the user can find it."""

    sheet: str | None
    cell: str | None
    message: str
    # What kind of warning this is, and its values, so a report in another language can say
    # it in that language (i18n "warn_<kind>"); the message stays the English text.
    kind: str = ""
    details: tuple[tuple[str, object], ...] = ()
    # For a warning: "warning", something to fix that the PDF's reader should know too;
    # "setup", something to fix that concerns only whoever runs the tool (an email address);
    # "note", routine data hygiene. `check --strict` fails on all but notes; notes and setup
    # are told on the terminal and in the JSON only.
    severity: str = "warning"

    @property
    def is_note(self) -> bool:
        return self.severity == "note"

    @property
    def for_reader(self) -> bool:
        return self.severity == "warning"

    @property
    def where(self) -> str:
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or "workbook"  # a stable name in --json, as sheet names are

    def __str__(self) -> str:
        where = self.where if self.sheet else _("workbook")
        return _("{where}: {message}").format(where=where, message=self.message)


# Characters that change how a terminal shows what follows rather than being shown: C0 and
# C1 controls (ESC starts escape sequences that recolour, move the cursor or retitle the
# window) and the bidirectional controls that reorder text ("\u202egpj.exe" shows as
# "exe.jpg").
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_HIDDEN = [*range(0x20), *range(0x7F, 0xA0), *map(ord, BIDI_CONTROLS)]
_SHOWN = dict.fromkeys(_HIDDEN, "?")
_SHOWN_LINES = {code: "?" for code in _HIDDEN if code != 0x0A}


def terminal_text(value: object, *, lines: bool = False) -> str:
    """Text safe to print: every control and bidi character shown as `?` (line breaks kept
    with `lines=True`). Names come from workbooks, file names and mail servers."""
    text = "" if value is None else str(value)
    return text.translate(_SHOWN_LINES if lines else _SHOWN)


def notice_line(notice: object) -> str:
    """A warning that is no workbook finding (what the PDF's renderer wants the user to
    know), as the terminal shows it: `build`, `check` and `batch` alike."""
    return _("warning: {finding}").format(finding=terminal_text(notice))


def say(text: str, **kwargs) -> None:
    """click.echo for text that holds names from workbooks, files or servers."""
    click.echo(terminal_text(text, lines=True), **kwargs)


class RoiReportError(click.ClickException):
    """Base of every error the tool reports to a user; exit code 1."""

    exit_code = 1

    def __init__(self, message: str):
        super().__init__(message)
        # Shown at exit, in the language in effect where it arose (a workbook's Language).
        self.language = active_language()

    def show(self, file=None) -> None:
        with use_language(self.language):
            line = _("Error: {message}").format(message=self.format_message())
        click.echo(line, file=file or click.get_text_stream("stderr"), color=self.show_color)


class InputFileError(RoiReportError):
    """The file handed in is not a workbook the tool can read."""

    def __init__(self, path, message: str):
        super().__init__(_("{path}: {message}").format(path=path, message=message))
        self.path, self.detail = path, message  # to name another file (an .ods's copy's source)


class WorkbookInvalid(RoiReportError):
    """The workbook was read but its content breaks the contract; lists every problem."""

    def __init__(self, problems: list[Problem], warnings: list[Problem] | None = None):
        self.problems = list(problems)
        self.warnings = list(warnings or [])
        count = len(self.problems)
        lines = [
            ngettext(
                "The workbook has {count} problem to fix:",
                "The workbook has {count} problems to fix:",
                count,
            ).format(count=count)
        ]
        lines += [f"  - {p}" for p in self.problems]
        if self.warnings:
            lines.append(_("Warnings:"))
            lines += [f"  - {w}" for w in self.warnings]
        super().__init__("\n".join(lines))


class OutputError(RoiReportError):
    """An output could not be written."""


class Interrupted(RoiReportError):
    """Ctrl-C or SIGTERM: the run stopped, its temporary files removed."""

    exit_code = 130  # as a shell reports a program ended by Ctrl-C
