"""The chapters of the PDF report, one module each, in the order the PDF prints them.

A new section is a module here with `SECTION = Section(name, build)` (see `base.py`), a
partial template `templates/partials/<name>.html`, and one entry in `SECTIONS`.
"""

from roi_report.pdf.sections import (
    attribution,
    bands,
    channels,
    cover,
    goals,
    investment,
    lead_costs,
    methods,
    new_business,
    summary,
    trend,
)

SECTIONS = (
    cover.SECTION,
    summary.SECTION,
    investment.SECTION,
    channels.SECTION,
    trend.SECTION,  # contract v1.1
    goals.SECTION,
    lead_costs.SECTION,
    bands.SECTION,
    new_business.SECTION,
    attribution.SECTION,  # contract v1.1: only with touches
    methods.SECTION,
)
