"""The value readers of workbook/values.py: good cells cost no message lookup (a CRM export
has millions of them); a problem is still said in full."""

from datetime import date, datetime

import pytest

from roi_report.workbook import values
from roi_report.workbook.values import BadValue, to_date, to_share

GOOD = [
    (to_date, "2025-03-14"),
    (to_date, " 2025-03-14 "),
    (to_date, date(2025, 3, 14)),
    (to_date, datetime(2025, 3, 14, 9, 30)),
    (to_date, 45730),
    (to_share, 0.4),
    (to_share, "40%"),
    (to_share, "40 %"),
    (to_share, 1),
]


@pytest.fixture
def lookups(monkeypatch):
    looked_up = []

    def gettext(message):
        looked_up.append(message)
        return message

    monkeypatch.setattr(values, "_", gettext)
    return looked_up


@pytest.mark.parametrize(("reader", "value"), GOOD)
def test_a_good_value_looks_up_no_message(lookups, reader, value):
    reader(value)
    assert lookups == []


@pytest.mark.parametrize(
    ("reader", "value", "words"),
    [
        (to_date, 2.5e9, "enter a date such as 2025-03-14"),
        (to_date, date(1800, 1, 1), "or enter a date such as 2025-03-14"),
        (to_share, "150%", "enter it as a percent such as 40% (or 0.4); 100% is the most"),
        (to_share, -0.2, "negative — enter it as a percent such as 40% (or 0.4)"),
        (to_share, float("nan"), "not a percent — enter it as a percent"),
    ],
)
def test_a_bad_value_still_says_what_to_enter(lookups, reader, value, words):
    with pytest.raises(BadValue) as refused:
        reader(value)
    assert words in str(refused.value)
