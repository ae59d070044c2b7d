"""Where the files that ship with roi-report are: the report and email templates, fonts."""

from __future__ import annotations

from pathlib import Path

import roi_report
from roi_report.errors import RoiReportError
from roi_report.language import messages_for

_ = messages_for(__name__).gettext

REPORT_TEMPLATE = "report.html"


class MissingResources(RoiReportError):
    """An installation without its templates."""


def templates_dir() -> Path:
    """The built-in templates: `roi_report/templates` in a wheel, `<repo>/templates` in a
    source checkout."""
    package = Path(roi_report.__file__).resolve().parent
    candidates = (package / "templates", package.parent / "templates")
    for folder in candidates:
        if (folder / REPORT_TEMPLATE).is_file():
            return folder
    raise MissingResources(
        _("the report templates are missing (looked in {folders}) — reinstall roi-report").format(
            folders=_(" and ").join(str(c) for c in candidates)
        )
    )
