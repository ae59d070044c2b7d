"""What the PDF templates print: every figure formatted in the report's language.

`build_context(metrics, book, brand, warnings)` runs the sections of `roi_report.pdf.sections`
in order; each turns the metrics into a frozen dataclass of ready-to-print strings, so
templates hold no logic beyond loops and conditions. Figures are formatted by
`roi_report.pdf.formatting` only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from roi_report.language import messages_for, use_language
from roi_report.metrics.compute import Metrics
from roi_report.pdf.brand import Brand
from roi_report.pdf.sections import SECTIONS
from roi_report.pdf.sections.base import Report
from roi_report.workbook.models import Workbook

_ = messages_for(__name__).gettext


@dataclass(frozen=True)
class Style:
    primary: str
    accent: str
    font: str  # the brand's font family, first in the CSS font stack
    page_size: str  # "A4" or "Letter"
    footer: str
    running_title: str
    # "Page 3 of 12" around the page counters: the words before, between and after them
    page_of: tuple[str, str, str]


@dataclass(frozen=True)
class Meta:
    title: str
    author: str
    subject: str
    keywords: str


@dataclass(frozen=True)
class Part:
    """One section of the report: the partial template printing it and its context."""

    name: str
    partial: str
    content: object


@dataclass(frozen=True)
class ReportContext:
    language: str
    meta: Meta
    style: Style
    parts: tuple[Part, ...]  # in the order the PDF prints them

    def __getattr__(self, name: str):
        """A section's context by its name, as the partials use it: `r.summary`."""
        for part in self.__dict__.get("parts", ()):
            if part.name == name:
                return part.content
        raise AttributeError(name)


def _assemble(report: Report) -> ReportContext:
    title, period = report.title(), report.period_text()
    author = report.brand.prepared_by or report.settings.client
    meta = Meta(
        title=f"{title} — {report.settings.client}",
        author=author,
        subject=_("Social media ROI for {client}, {period}").format(
            client=report.settings.client, period=period
        ),
        keywords=_("social media, ROI, marketing"),
    )
    style = Style(
        report.brand.primary,
        report.brand.accent,
        report.brand.font,
        report.brand.page_size_for(report.language, report.currency),
        report.brand.footer
        or (
            _("Prepared by") + ": " + report.brand.prepared_by
            if report.brand.prepared_by
            else report.settings.client
        ),
        f"{report.settings.client} · {period}",
        _page_of(),
    )
    return ReportContext(
        language=report.language,
        meta=meta,
        style=style,
        parts=tuple(Part(s.name, s.partial, s.build(report)) for s in SECTIONS),
    )


def _page_of() -> tuple[str, str, str]:
    text = _("Page {page} of {pages}")
    before, _page, rest = text.partition("{page}")
    between, _pages, after = rest.partition("{pages}")
    return before, between, after


def build_context(
    metrics: Metrics,
    book: Workbook,
    brand: Brand | None = None,
    warnings: Sequence = (),
    *,
    logo_urls: dict[str, str] | None = None,
    charts: bool = True,
    issued: date | None = None,
) -> ReportContext:
    """The template context of one report. `logo_urls` maps "logo", "agency_logo" and
    "mark" to the URLs the templates use; `charts=False` leaves the charts out."""
    # Every word is looked up in the workbook's Report language, whatever the terminal's.
    with use_language(book.settings.language):
        report = Report(metrics, book, brand or Brand(), warnings, logo_urls or {}, charts, issued)
        return _assemble(report)
