"""The languages roi-report speaks: gettext catalogs kept with Babel, and the active language.

Every word a user reads is marked in the source (`_("…")`, `ngettext`, `pgettext`; in the
templates `{% trans %}` and `_()`), extracted into one catalog per stage
(`roi_report/locale/<language>/LC_MESSAGES/<stage>.po`, see `catalogs.py`) and looked up
in the language active for the current run. English is the source language.

A new language is one catalog set and one entry in `LOCALES`.
"""

from __future__ import annotations

import contextlib
import functools
import gettext as gnu_gettext
import io
import os
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path

SOURCE_LANGUAGE = "en"
# Report language → the Babel locale whose formats (numbers, money, dates) it uses.
LOCALES = {"en": "en_US", "es": "es_ES", "fr": "fr_FR", "pl": "pl_PL", "de": "de_DE"}
LANGUAGES = tuple(LOCALES)

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
# Modules directly in roi_report (cli, commands, pipeline, errors…) share one catalog.
TOP_LEVEL_DOMAIN = "cli"

_active: ContextVar[str | None] = ContextVar("roi_report_language", default=None)


def language_from_environment(environ: dict[str, str] | None = None) -> str:
    """The language of messages not tied to a workbook: LANGUAGE, LC_ALL, LC_MESSAGES, LANG."""
    environ = os.environ if environ is None else environ
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for value in environ.get(variable, "").split(":"):
            code = value.split("_")[0].split(".")[0].split("@")[0].lower()
            if code in LOCALES:
                return code
            if value and value not in ("C", "POSIX") and variable != "LANGUAGE":
                return SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def active_language() -> str:
    return _active.get() or language_from_environment()


def locale_of(language: str) -> str:
    return LOCALES.get(language, LOCALES[SOURCE_LANGUAGE])


@contextlib.contextmanager
def use_language(language: str | None) -> Iterator[str]:
    """Speak `language` inside the block (None or an unknown code: keep the current one)."""
    token = _active.set(language) if language in LOCALES else None
    try:
        yield active_language()
    finally:
        if token is not None:
            _active.reset(token)


def domain_of(module: str) -> str:
    """The catalog of a module: its stage (`roi_report.pdf.context` → `pdf`)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 else TOP_LEVEL_DOMAIN


def catalog_path(domain: str, language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


@functools.lru_cache(maxsize=64)
def translations(domain: str, language: str) -> gnu_gettext.NullTranslations:
    """The compiled catalog; compiled from the `.po` on first use, so it is never stale."""
    path = catalog_path(domain, language)
    if language == SOURCE_LANGUAGE or not path.is_file():
        return gnu_gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=domain)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gnu_gettext.GNUTranslations(compiled)


class Messages:
    """The gettext functions of one catalog, in the language active when they are called."""

    def __init__(self, domain: str):
        self.domain = domain

    def _current(self) -> gnu_gettext.NullTranslations:
        return translations(self.domain, active_language())

    def gettext(self, message: str) -> str:
        return self._current().gettext(message)

    def ngettext(self, singular: str, plural: str, n: float) -> str:
        # Fractions (2.5 deals) take the form gettext gives their whole part's plural rule.
        return self._current().ngettext(singular, plural, _plural_n(n))

    def pgettext(self, context: str, message: str) -> str:
        return self._current().pgettext(context, message)

    def npgettext(self, context: str, singular: str, plural: str, n: float) -> str:
        return self._current().npgettext(context, singular, plural, _plural_n(n))


def _plural_n(n: float) -> int:
    whole = int(n)
    # gettext plural rules take integers; a fraction reads as plural in every language here.
    return whole if whole == n else max(whole, 2)


def messages_for(module: str) -> Messages:
    """`_ = messages_for(__name__).gettext` at the top of a module that prints words."""
    return Messages(domain_of(module))


def N_(message: str) -> str:  # noqa: N802 — the gettext convention for "mark, translate later"
    return message
