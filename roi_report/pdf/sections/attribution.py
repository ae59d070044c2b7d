"""Attribution (contract v1.1): the nine models side by side for the social channels."""

from __future__ import annotations

from dataclasses import dataclass

from roi_report.language import messages_for
from roi_report.metrics.attribution import widest_disagreement
from roi_report.metrics.words import MODEL_NAMES, metric_word
from roi_report.pdf.sections.base import Chart, Report, Section

_ = messages_for(__name__).gettext
ngettext = messages_for(__name__).ngettext


@dataclass(frozen=True)
class ModelRow:
    model: str
    revenue: tuple[str, ...]  # per social channel


@dataclass(frozen=True)
class AttributionSection:
    has_data: bool
    title: str = ""
    intro: str = ""
    chart: Chart | None = None
    model_header: str = ""
    channels: tuple[str, ...] = ()
    rows: tuple[ModelRow, ...] = ()
    disagreement: str = ""
    fallback: str = ""
    method: str = ""


def build(report: Report) -> AttributionSection:
    if report.metrics.attribution is None:
        return AttributionSection(False)
    result = report.metrics.attribution
    social = tuple(ch.name for ch in report.book.channels if ch.is_social)
    names = [metric_word(MODEL_NAMES[m.model]) for m in result.models]

    def credit(model, channel):
        return next(c for c in model.channels if c.channel == channel)

    rows = tuple(
        ModelRow(
            name,
            tuple(report.money(credit(m, ch).revenue) for ch in social),
        )
        for name, m in zip(names, result.models)
    )
    chart = None
    if social and result.deals:
        chart = report.chart(
            "models_chart",
            _("Revenue credited to each social channel by each attribution model"),
            channels=social,
            models=names,
            values=[[credit(m, ch).revenue for ch in social] for m in result.models],
        )
    disagreement = ""
    widest = widest_disagreement(result, social)
    if widest is not None:
        channel, low, high = widest
        low_model, high_model = result.model(low), result.model(high)
        disagreement = _(
            "The models disagree most on {channel}: from {low} ({low_model}) to {high} "
            "({high_model})."
        ).format(
            channel=report.q(channel),
            low=report.money(credit(low_model, channel).revenue),
            low_model=metric_word(MODEL_NAMES[low]),
            high=report.money(credit(high_model, channel).revenue),
            high_model=metric_word(MODEL_NAMES[high]),
        )
    fallback = ""
    if result.fallback_deals:
        fallback = ngettext(
            "{n} deal had no touch up to its Won date and is credited to its Source in every "
            "model.",
            "{n} deals had no touch up to their Won date and are credited to their Source in "
            "every model.",
            result.fallback_deals,
        ).format(n=report.count(result.fallback_deals))
    deals = ngettext("{n} deal", "{n} deals", result.deals).format(n=report.count(result.deals))
    return AttributionSection(
        True,
        title=_("Which channels earned the revenue"),
        intro=_(
            "{deals} won in the period, worth {revenue}, credited to the channels along each "
            "deal's journey (the Touches sheet) by nine attribution models."
        ).format(deals=deals, revenue=report.money(result.revenue)),
        chart=chart,
        model_header=_("Model"),
        channels=social,
        rows=rows,
        disagreement=disagreement,
        fallback=fallback,
        method=_(
            "Method: each model splits a deal between its touches up to the Won date — first "
            "and last touch; linear; U-shaped 40/40/20 (first, lead creation, the rest); "
            "W-shaped 30/30/30/10 (and deal creation); full path 22.5 % for each of those four "
            "and the last touch, 10 % the rest; time decay halving every 7 days; J-shaped "
            "20/60/20 and inverse J 60/20/20 (first, last, the rest)."
        ),
    )


SECTION = Section("attribution", build)
