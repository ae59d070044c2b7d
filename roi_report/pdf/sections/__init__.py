"""The chapters of the PDF report, one module each, in the order the PDF prints them.

A new section is a module here with `SECTION = Section(name, build)` (see `base.py`), a
partial template `templates/partials/<name>.html`, and one entry in `SECTIONS`.
"""

from roi_report.pdf.sections import (
    bands,
    channels,
    cover,
    goals,
    investment,
    lead_costs,
    methods,
    new_business,
    summary,
)

SECTIONS = (
    cover.SECTION,
    summary.SECTION,
    investment.SECTION,
    channels.SECTION,
    goals.SECTION,
    lead_costs.SECTION,
    bands.SECTION,
    new_business.SECTION,
    methods.SECTION,
)
