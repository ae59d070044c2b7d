"""Keeping the catalogs: extract the marked words of each stage, update every language.

`python scripts/update_catalogs.py` runs `update_catalogs()`; tests/test_catalogs.py uses
`extract()` to prove no catalog misses a message or keeps one untranslated.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from roi_report.language import (
    LANGUAGES,
    LOCALE_DIR,
    SOURCE_LANGUAGE,
    TOP_LEVEL_DOMAIN,
    catalog_path,
)

PACKAGE = LOCALE_DIR.parent
REPOSITORY_TEMPLATES = PACKAGE.parent / "templates"
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "N_": None,
}
# Translator notes: a comment starting with "Translators:" above a marked string.
COMMENT_TAGS = ["Translators:"]
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trimmed": "true"}
# Which report/email templates belong to which catalog.
TEMPLATE_DOMAINS = {"pdf": ("*.html", "partials/*.html"), "delivery": ("email/*.j2",)}


def domains() -> list[str]:
    stages = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))
    return [TOP_LEVEL_DOMAIN, *(s for s in stages if s not in ("language",))]


def _python_sources(domain: str) -> tuple[Path, list[tuple[str, str]]]:
    if domain == TOP_LEVEL_DOMAIN:
        return PACKAGE, [("*.py", "python")]
    return PACKAGE / domain, [("**.py", "python")]


def extract(domain: str) -> Catalog:
    """The catalog template (.pot) of one stage, straight from the source."""
    catalog = Catalog(domain=domain, project="roi-report", charset="utf-8")
    folder, method_map = _python_sources(domain)
    sources = [(folder, method_map, PACKAGE.parent)]
    patterns = TEMPLATE_DOMAINS.get(domain, ())
    if patterns:
        jinja = [(pattern, "jinja2.ext:babel_extract") for pattern in patterns]
        sources.append((REPOSITORY_TEMPLATES, jinja, PACKAGE.parent))
    for source, methods, relative_to in sources:
        found = extract_from_dir(
            str(source),
            method_map=methods,
            options_map={pattern: JINJA_OPTIONS for pattern, _ in methods},
            keywords=KEYWORDS,
            comment_tags=COMMENT_TAGS,
            strip_comment_tags=True,
        )
        for filename, lineno, message, comments, context in found:
            path = (source / filename).relative_to(relative_to).as_posix()
            catalog.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    return catalog


def read_catalog(domain: str, language: str) -> Catalog | None:
    path = catalog_path(domain, language)
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=domain)


def update_catalogs(languages: tuple[str, ...] = LANGUAGES) -> list[Path]:
    """Extract every stage and merge it into each language's catalog; the files written."""
    written = []
    for domain in domains():
        template = extract(domain)
        if not len(template):
            continue
        for language in languages:
            if language == SOURCE_LANGUAGE:
                continue
            catalog = read_catalog(domain, language) or Catalog(
                locale=language, domain=domain, project="roi-report"
            )
            # Keeping the creation date stable keeps catalogs free of merge conflicts.
            catalog.update(
                template,
                no_fuzzy_matching=True,
                keep_user_comments=True,
                update_creation_date=False,
            )
            catalog.obsolete.clear()
            path = catalog_path(domain, language)
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as handle:
                write_po(handle, catalog, width=100, sort_output=False, include_previous=False)
            written.append(path)
    return written


def problems(domain: str, language: str, template: Catalog) -> list[str]:
    """What is missing or untranslated in one catalog, one line per message."""
    catalog = read_catalog(domain, language)
    if catalog is None:
        return [f"{catalog_path(domain, language)} is missing"] if len(template) else []
    found = []
    for message in template:
        if not message.id:
            continue
        entry = catalog.get(message.id, message.context)
        label = f"{domain}/{language}: {message.id!r}"
        if entry is None:
            found.append(f"{label} is not in the catalog")
            continue
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if entry.fuzzy or not all(strings):
            found.append(f"{label} is untranslated")
        # Some words are the same in both languages (ROI, LinkedIn, Total in German):
        # a translator says so with a "# same" comment.
        elif strings[0] == _singular(message.id) and "same" not in _comments(entry):
            found.append(f"{label} keeps the English text (add '# same' if that is right)")
    return found


def _singular(message_id: str | tuple[str, ...]) -> str:
    return message_id[0] if isinstance(message_id, tuple) else message_id


def _comments(entry) -> set[str]:
    return {comment.strip() for comment in entry.user_comments}
