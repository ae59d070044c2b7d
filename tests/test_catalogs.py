"""Every word a user reads is in every language's catalog, translated."""

import pytest
from babel.messages.catalog import Catalog

from roi_report.language import LANGUAGES, SOURCE_LANGUAGE, Messages, use_language
from roi_report.language.catalogs import domains, extract, problems

TRANSLATED = [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE]


@pytest.mark.parametrize("domain", domains())
def test_catalogs_have_every_message_translated(domain):
    template = extract(domain)
    found = [line for lang in TRANSLATED for line in problems(domain, lang, template)]
    assert not found, "run `python scripts/update_catalogs.py` and translate:\n" + "\n".join(found)


def test_the_check_sees_a_missing_message():
    template = Catalog(domain="cli")
    template.add("A sentence no catalog has, to prove the check can fail")
    assert problems("cli", "es", template)


def test_words_follow_the_active_language():
    messages = Messages("cli")
    with use_language("xx"):
        assert messages.gettext("no such message") == "no such message"
