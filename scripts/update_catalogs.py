"""Update the gettext catalogs after changing any word users read.

    python scripts/update_catalogs.py

Extracts the marked strings of each stage (Python, report and email templates) with Babel
and merges them into roi_report/locale/<language>/LC_MESSAGES/<stage>.po. New messages come
out empty: translate them (tests/test_catalogs.py fails until every one is).
"""

from roi_report.language.catalogs import update_catalogs

if __name__ == "__main__":
    for path in update_catalogs():
        print(path)
