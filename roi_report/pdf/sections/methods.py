"""Methods and assumptions: formulas, goal values, settings, data warnings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from roi_report.errors import Problem
from roi_report.language import SOURCE_LANGUAGE, messages_for
from roi_report.pdf.formatting import format_day, format_score
from roi_report.pdf.sections.base import Report, Section

_ = messages_for(__name__).gettext
pgettext = messages_for(__name__).pgettext


@dataclass(frozen=True)
class Formula:
    name: str
    text: str


@dataclass(frozen=True)
class AssumptionRow:
    goal: str
    metric: str
    channel: str
    value: str
    basis: str


@dataclass(frozen=True)
class SettingRow:
    label: str
    value: str


@dataclass(frozen=True)
class WarningRow:
    where: str
    message: str


@dataclass(frozen=True)
class MethodsSection:
    formulas: tuple[Formula, ...]
    assumptions: tuple[AssumptionRow, ...]
    settings: tuple[SettingRow, ...]
    warnings: tuple[WarningRow, ...]


def build(report: Report) -> MethodsSection:
    s = report.settings
    formulas = (
        Formula(
            _("Investment"),
            _(
                "Σ effective costs (Amount × Social share) + Σ staff costs (Hourly rate "
                "× Hours), on social channels and channel All."
            ),
        ),
        Formula(
            _("Return"),
            _("Σ Count × value of one result, over the Results rows of social channels."),
        ),
        Formula(
            _("Value of one result"),
            _(
                "Value per result if given; otherwise Conversion to customer × Value "
                "per customer; otherwise 0 (the goal is tracked but adds no money)."
            ),
        ),
        Formula(
            _("ROI"),
            _(
                "(Return − Investment) × 100 ÷ Investment, the return being the results "
                "at their goal values; n/a when nothing was invested."
            ),
        ),
        Formula(
            _("Change"),
            _(
                "(this period − comparison period) × 100 ÷ comparison period; the "
                "change of ROI is in percentage points (pp)."
            ),
        ),
        Formula(
            _("Goals"),
            _(
                "Attainment = Actual ÷ Target; Cost per result = investment on the "
                "goal's channel ÷ Actual, against the Target cost per result."
            ),
        ),
        Formula(
            _("Cost per CRM lead"),
            _("Investment of the channel ÷ CRM leads (Leads sheet) whose Source is that channel."),
        ),
        Formula(
            _("Lead bands"),
            _(
                "Band investment = costs with the band's funnel stage + the other costs "
                "spread by the band's share of leads; cost per won deal = band "
                "investment ÷ deals won; band ROI = (CRM revenue of the deals won − "
                "investment) × 100 ÷ investment."
            ),
        ),
        Formula(
            pgettext("formula name", "Funnel"),
            _(
                "Pass-through = leads that reached the next stage ÷ leads that reached "
                "this stage; a Lost lead had reached Opportunity; leads created late in "
                "the period may not have moved on yet."
            ),
        ),
        Formula(
            _("New business"),
            _(
                "Deals with a Won date in the period where social media was the "
                "original source, the conversion point, an assist, or any of these."
            ),
        ),
    )
    assumptions = []
    for g in report.book.goals:
        if g.value_per_result is not None:
            basis = _("Value per result")
        elif g.conversion is not None and g.value_per_customer is not None:
            basis = _("{conversion} of results become customers worth {value}").format(
                conversion=report.pct(g.conversion * 100), value=report.money(g.value_per_customer)
            )
        else:
            basis = _("No value: tracked against its target only")
        assumptions.append(
            AssumptionRow(
                g.goal,
                g.metric,
                report.channel_name(g.channel),
                report.money(g.value_of_result),
                basis,
            )
        )
    settings = (
        SettingRow(_("Report period"), report.period_text()),
        SettingRow(_("Comparison period"), report.comparison_text()),
        SettingRow(_("Currency"), report.currency),
        SettingRow(_("Shared costs"), report.label("shared_costs", s.shared_costs)),
        SettingRow(
            _("Lead bands"),
            _("Slow below {slow}, Fast from {fast}").format(
                slow=format_score(s.slow_below, report.language),
                fast=format_score(s.fast_from, report.language),
            ),
        ),
    )
    warnings = tuple(
        WarningRow(warning_place(report, w), warning_text(report, w)) for w in report.warnings
    )
    return MethodsSection(formulas, tuple(assumptions), settings, warnings)


def warning_place(report: Report, warning: Problem) -> str:
    return warning.where if warning.sheet else pgettext("where a warning is", "workbook")


def warning_texts() -> dict[str, str]:
    """The data warnings the report translates, by kind (`Problem.kind`), in the language in
    effect; their fields are the warning's details."""
    return {
        "agency_fee_equals_ads": _(
            "this agency fee equals the ad spend in Costs row {ad_row} of the same "
            "month — if the fee includes that ad spend, it is counted twice; enter "
            "agency fees without ad spend"
        ),
        "metric_without_goal": _(
            "no goal values the metric {metric} — add it to the Goals sheet, or its "
            "results count as worth nothing"
        ),
        "leads_unscored": _(
            "leads without a score: {count}; they are shown as {unscored}, outside the speed bands"
        ),
        "nothing_entered": _(
            "no costs, staff time, results or leads are entered yet — the report "
            "will show zeros; fill in the Costs, Staff, Results and Leads sheets"
        ),
        "nothing_in_period": _(
            "nothing in Costs, Staff, Results or Leads is dated within the report "
            "period, {start} to {end} — the report will show zeros; check Period "
            "start and Period end"
        ),
        "rows_outside_periods": _(
            "rows dated outside both the report period and the comparison period, "
            "not counted: {count}"
        ),
        "unknown_setting": _(
            "{label} is not a setting — did you mean {meant}? Its value is ignored "
            "and {meant} stays at its default ({default}); rename the label to "
            "{meant}"
        ),
        "outsized_amount": _(
            "{value} is more than 100 times the median of its category ({usual}) — "
            "check it for a slipped decimal point or extra zeros"
        ),
        "hours_over_month": _(
            "{value} hours is more than the month has ({usual}) — check the number"
        ),
        "date_far_away": _(
            "the date {date} is years away from the rest of the data — is the year mistyped?"
        ),
        "won_before_created": _(
            "leads won before their Created date: {count} (the first in row "
            "{first_row}) — check both dates"
        ),
        "won_data_not_won": _(
            "leads with a Won date or Revenue whose Stage is not Won: {count} (the "
            "first in row {first_row}) — they are not counted as won"
        ),
        "won_without_revenue": _(
            "won leads without Revenue: {count} (the first in row {first_row}) — "
            "they count with revenue 0"
        ),
    }


def warning_text(report: Report, warning: Problem) -> str:
    """The warning in the report's language where it has a text for its kind; the
    English message otherwise (an English report, or a kind without a translation)."""
    template = warning_texts().get(warning.kind) if report.language != SOURCE_LANGUAGE else None
    if template is None:
        return _sentence(warning.message)
    values = {
        "unscored": report.label("band", "Unscored"),
        **{
            key: str(value) if key.endswith("_row") else warning_value(report, value)
            for key, value in warning.details
        },
    }
    return _sentence(template.format(**values))


def warning_value(report: Report, value) -> str:
    if isinstance(value, date):
        return format_day(value, report.language)
    if isinstance(value, str):
        return report.q(value)
    return report.count(value)


def _sentence(text: str) -> str:
    """A message written to follow "Sheet!A1: " in the terminal, as a table row of its own."""
    return text[:1].upper() + text[1:]


SECTION = Section("methods", build)
