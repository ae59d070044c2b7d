"""The cover: title, client, period, comparison, who prepared it, the logos."""

from __future__ import annotations

from dataclasses import dataclass

from roi_report.language import messages_for
from roi_report.pdf.formatting import format_day
from roi_report.pdf.sections.base import Report, Section

_ = messages_for(__name__).gettext


@dataclass(frozen=True)
class Cover:
    title: str
    client: str
    period: str
    comparison: str
    prepared_by: str
    issued: str
    logo_url: str  # "" when there is no logo
    logo_alt: str
    agency_logo_url: str
    agency_logo_alt: str
    mark_url: str  # the default report mark, shown when there is no client logo


def build(report: Report) -> Cover:
    client = report.settings.client
    prepared_by = report.brand.prepared_by
    return Cover(
        title=report.title(),
        client=client,
        period=report.period_text(),
        comparison=report.comparison_text(),
        prepared_by=prepared_by,
        issued=format_day(report.issued, report.language),
        logo_url=report.logo_urls.get("logo", ""),
        logo_alt=_("Logo of {name}").format(name=client),
        agency_logo_url=report.logo_urls.get("agency_logo", ""),
        agency_logo_alt=_("Logo of {name}").format(name=prepared_by or client),
        mark_url=report.logo_urls.get("mark", ""),
    )


SECTION = Section("cover", build)
