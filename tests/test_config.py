"""roi-report.toml's keys that take one of a few values: one reader, the file's own
spellings accepted, and a refusal in the user's language that lists what the key takes."""

import pytest

from roi_report.config import KEYS, ConfigError, read_config
from roi_report.language import use_language


def config_of(tmp_path, text):
    path = tmp_path / "roi-report.toml"
    path.write_text(text, encoding="utf-8")
    return read_config(path)


@pytest.mark.parametrize(
    ("line", "key", "value"),
    [
        ("attach_workbook = true", "attach_workbook", True),
        ("attach_workbook = false", "attach_workbook", False),
        ('attach_workbook = " Full "', "attach_workbook", "full"),
        ('smtp_security = "SSL"', "smtp_security", "ssl"),
        ('language = "de"', "language", "de"),
        ('language = "PL"', "language", "pl"),
    ],
)
def test_a_choice_is_read_in_any_case(tmp_path, line, key, value):
    assert getattr(config_of(tmp_path, line + "\n"), key) == value


@pytest.mark.parametrize(
    ("line", "english", "german"),
    [
        (
            'attach_workbook = "all"',
            'must be one of true, false, "roi", "full"',
            'muss einer dieser Werte sein: true, false, "roi", "full"',
        ),
        (
            "attach_workbook = 1",
            'must be one of true, false, "roi", "full"',
            'muss einer dieser Werte sein: true, false, "roi", "full"',
        ),
        (
            'smtp_security = "tls"',
            'must be one of "starttls", "ssl", "none"',
            'muss einer dieser Werte sein: "starttls", "ssl", "none"',
        ),
        (
            'language = "it"',
            'must be one of "en", "es", "fr", "pl", "de"',
            'muss einer dieser Werte sein: "en", "es", "fr", "pl", "de"',
        ),
        (
            "language = true",
            'must be one of "en", "es", "fr", "pl", "de"',
            'muss einer dieser Werte sein: "en", "es", "fr", "pl", "de"',
        ),
    ],
)
def test_a_wrong_choice_is_refused_in_the_users_language(tmp_path, line, english, german):
    for language, words in (("en", english), ("de", german)):
        with use_language(language), pytest.raises(ConfigError) as refused:
            config_of(tmp_path, line + "\n")
        key = line.split(" =")[0]
        assert key in str(refused.value)
        assert words in str(refused.value), str(refused.value)


def test_attach_workbooks_meaning_names_every_value():
    """It once said '(true or false)', though "roi" and "full" are what it mostly takes."""
    meaning = KEYS["attach_workbook"][1]
    assert "(true or false)" not in meaning
    assert all(word in meaning for word in ("true", '"roi"', '"full"', "false"))
