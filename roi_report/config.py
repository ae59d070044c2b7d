"""`roi-report.toml`: defaults for the options of `build` and `batch`, kept in the folder of
the workbooks, so an agency runs one short command each month.

    brand = "house-style.toml"     # paths are relative to this file's folder
    output = "reports"
    workers = 4
    email = true
    attach_workbook = false
    sender = "Reports <reports@agency.example>"
    smtp_host = "smtp.agency.example"
    smtp_port = 587
    smtp_user = "reports@agency.example"
    smtp_security = "starttls"
    period = "last-month"          # over every Report sheet's period, for this run
    compare = "previous"           # previous, last-year or none
    language = "en"                # the batch summary's language and number format

An option given on the command line wins over the environment, which wins over this file.
The SMTP password is never read from this file (it sits beside client data): it comes from
`ROI_REPORT_SMTP_PASSWORD`. Unknown keys are an error, so a typo never goes unnoticed.

The file is a trust boundary: it may sit in a client's data folder, written by anyone who
can drop a file there. The keys that change code or where things go (`template_dir`,
`brand`, `output`, the SMTP server) are honoured only from a file the user names with
`--config` or the one in the folder they run from; elsewhere they are ignored, and said so.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, fields
from pathlib import Path

import tomllib

from roi_report.errors import RoiReportError
from roi_report.language import LANGUAGES, N_, messages_for

_messages = messages_for(__name__)
_, ngettext = _messages.gettext, _messages.ngettext

CONFIG_NAME = "roi-report.toml"
SECURITY_CHOICES = ("starttls", "ssl", "none")

# key -> (kind, what it means)
KEYS = {
    "brand": ("path", N_("house style file (TOML) for every report")),
    "output": ("folder", N_("output folder")),
    "template_dir": ("folder", N_("folder whose templates replace the built-in ones")),
    "workers": ("int", N_("number of parallel workers of `batch`")),
    "email": ("bool", N_("email every report (true or false)")),
    "attach_workbook": (
        "choice",
        N_(
            'attach a workbook to the email: true or "roi" (the ROI sheets as values), "full" '
            "(the whole results workbook) or false"
        ),
    ),
    "sender": ("text", N_('the From address, e.g. "Reports <reports@agency.example>"')),
    "smtp_host": ("text", N_("SMTP server host name")),
    "smtp_port": ("int", N_("SMTP server port")),
    "smtp_user": ("text", N_("SMTP user name")),
    "smtp_security": ("choice", N_("starttls, ssl or none")),
    "period": ("text", N_('the period of every report, e.g. "last-month" or "2026-Q3"')),
    "compare": ("text", N_('"previous", "last-year" or "none"')),
    "language": ("choice", N_("language of the reports and summaries: en, es, fr, pl or de")),
}

# The values of the "choice" keys: strings in any case and spacing, true and false bare.
CHOICES = {
    "attach_workbook": (True, False, "roi", "full"),
    "smtp_security": SECURITY_CHOICES,
    "language": LANGUAGES,
}

# Keys that run code (templates), choose where reports and mail go, or how mail travels.
TRUSTED_KEYS = ("brand", "output", "template_dir", "smtp_host", "smtp_port", "smtp_security")


class ConfigError(RoiReportError):
    """A roi-report.toml that cannot be used."""


@dataclass(frozen=True)
class Config:
    """The settings of one roi-report.toml (None: not set). Paths are absolute."""

    path: Path | None = None
    brand: Path | None = None
    output: Path | None = None
    template_dir: Path | None = None
    workers: int | None = None
    email: bool | None = None
    attach_workbook: bool | str | None = None
    sender: str | None = None
    smtp_host: str | None = None
    smtp_port: int | None = None
    smtp_user: str | None = None
    smtp_security: str | None = None
    period: str | None = None
    compare: str | None = None
    language: str | None = None
    ignored: tuple[str, ...] = ()  # TRUSTED_KEYS set in an untrusted file, left out

    def notices(self) -> list[str]:
        """What to tell the user on stderr: which file gave defaults, what was ignored."""
        if self.path is None:
            return []
        lines = [_("using settings from {path}").format(path=self.path)]
        if self.ignored:
            lines.append(
                _(
                    "notice: ignoring {keys} in {path}: a roi-report.toml beside the workbooks "
                    "may not choose templates, house style, output folder or mail server — run "
                    "from its folder or name it with --config to use them"
                ).format(keys=", ".join(self.ignored), path=self.path)
            )
        return lines


assert {f.name for f in fields(Config)} - {"path", "ignored"} == set(KEYS)


def _value(path: Path, key: str, value: object):
    kind, meaning = KEYS[key]
    facts = {"where": _("{path}: key '{key}'").format(path=path, key=key), "key": key}
    facts.update(meaning=_(meaning), value=repr(value))

    def refuse(message: str, **more) -> ConfigError:
        return ConfigError(message.format(**facts, **more))

    if kind in ("path", "folder"):
        if not isinstance(value, str) or not value.strip():
            raise refuse(_('{where} must be a path in quotes ({meaning}), e.g. {key} = "..."'))
        if "\0" in value:
            raise refuse(_("{where}: {value} holds a NUL character, which no path can"))
        target = (path.parent / value.strip()).resolve()
        if kind == "path" and not target.is_file():
            raise refuse(_("{where}: {value} does not exist (looked for {target})"), target=target)
        if key == "template_dir" and not target.is_dir():
            raise refuse(_("{where}: {value} is not a folder (looked for {target})"), target=target)
        return target
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise refuse(_("{where} must be a whole number of at least 1 ({meaning})"))
        if key == "smtp_port" and value > 65535:
            raise refuse(_("{where}: {port} is not a port number (1–65535)"), port=value)
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise refuse(_("{where} must be true or false, without quotes"))
        return value
    if kind == "choice":
        choices = CHOICES[key]
        if isinstance(value, bool) and any(choice is value for choice in choices):
            return value
        if isinstance(value, str) and value.strip().lower() in choices:
            return value.strip().lower()
        spelled = (  # as the file writes them: strings in quotes, true and false bare
            (str(choice).lower() if isinstance(choice, bool) else f'"{choice}"')
            for choice in choices
        )
        raise refuse(_("{where} must be one of {choices} ({meaning})"), choices=", ".join(spelled))
    if not isinstance(value, str) or not value.strip() or any(c in value for c in "\r\n\0"):
        raise refuse(_("{where} must be one line of text in quotes ({meaning})"))
    return value.strip()


def read_toml(path: Path, where: str, error: type[RoiReportError], example: str) -> dict:
    """A TOML file's table, or `error` saying, after `where`, why it cannot be read."""
    try:
        # utf-8-sig: Notepad's byte order mark, which tomllib refuses, is dropped
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except RecursionError:
        raise error(
            _(
                "{where}: nested too deeply to read (arrays or tables inside each other "
                "hundreds of levels deep) — write one flat `{example}` per line"
            ).format(where=where, example=example)
        ) from None
    except FileNotFoundError:
        raise error(_("{where}: no such file — check the path").format(where=where)) from None
    except UnicodeDecodeError:
        raise error(
            _("{where}: not a UTF-8 text file — save it as UTF-8 TOML").format(where=where)
        ) from None
    except tomllib.TOMLDecodeError as problem:
        raise error(
            _("{where}: not valid TOML ({problem}) — write one `{example}` per line").format(
                where=where, problem=problem, example=example
            )
        ) from None
    except OSError as problem:
        raise error(
            _("{where}: cannot be read ({problem})").format(
                where=where, problem=problem.strerror or problem
            )
        ) from None


def read_config(path: Path, *, trusted: bool = True) -> Config:
    """Read and check one roi-report.toml; an untrusted one loses its TRUSTED_KEYS."""
    path = Path(path).resolve()
    data = read_toml(path, str(path), ConfigError, "key = value")
    if "smtp_password" in data:
        raise ConfigError(
            _(
                "{path}: key 'smtp_password' — the SMTP password is never read from a file "
                "beside the workbooks; set the environment variable ROI_REPORT_SMTP_PASSWORD"
            ).format(path=path)
        )
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        hints = []
        for key in unknown:
            close = difflib.get_close_matches(key, KEYS, n=1)
            if close:
                hints.append(_("'{key}' (did you mean '{meant}'?)").format(key=key, meant=close[0]))
            else:
                hints.append(f"'{key}'")
        allowed = "; ".join(f"{key} ({_(meaning)})" for key, (_kind, meaning) in KEYS.items())
        raise ConfigError(
            ngettext(
                "{path}: unknown key {keys} — the keys are: {allowed}",
                "{path}: unknown keys {keys} — the keys are: {allowed}",
                len(unknown),
            ).format(path=path, keys=", ".join(hints), allowed=allowed)
        )
    ignored = () if trusted else tuple(key for key in TRUSTED_KEYS if key in data)
    values = {key: _value(path, key, value) for key, value in data.items() if key not in ignored}
    return Config(path=path, ignored=ignored, **values)


def find_config(folders) -> Config:
    """The roi-report.toml of the folders being processed; an empty Config when none has one.
    Only the one in the current folder is trusted with TRUSTED_KEYS.

    Two different files would give two sets of defaults for one run: refused.
    """
    found: list[Path] = []
    for folder in folders:
        candidate = (Path(folder) / CONFIG_NAME).resolve()
        if candidate.is_file() and candidate not in found:
            found.append(candidate)
    if len(found) > 1:
        raise ConfigError(
            _(
                "several roi-report.toml files apply to this run ({files}) — process one "
                "folder at a time, or choose one with --config FILE"
            ).format(files=", ".join(str(p) for p in found))
        )
    if not found:
        return Config()
    return read_config(found[0], trusted=found[0].parent == Path.cwd().resolve())


def load_config(explicit: Path | None, folders) -> Config:
    """`--config FILE` when given, else the roi-report.toml found in `folders`."""
    if explicit is not None:
        return read_config(explicit)
    return find_config(folders)
