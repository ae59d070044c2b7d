"""Methods and assumptions: formulas, goal values, settings, data warnings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from roi_report.errors import Problem
from roi_report.pdf.formatting import format_day, format_score
from roi_report.pdf.sections.base import Report, Section


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
    t, s = report.t, report.settings
    formulas = tuple(
        Formula(t[f"m_{key}"], t[f"m_{key}_text"])
        for key in (
            "investment",
            "return",
            "value",
            "roi",
            "change",
            "goals",
            "cpl",
            "bands",
            "funnel",
            "new_business",
        )
    )
    assumptions = []
    for g in report.book.goals:
        if g.value_per_result is not None:
            basis = t["basis_value"]
        elif g.conversion is not None and g.value_per_customer is not None:
            basis = t["basis_conversion"].format(
                conversion=report.pct(g.conversion * 100), value=report.money(g.value_per_customer)
            )
        else:
            basis = t["basis_none"]
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
        SettingRow(t["set_period"], report.period_text()),
        SettingRow(t["set_compare"], report.comparison_text()),
        SettingRow(t["set_currency"], report.currency),
        SettingRow(t["set_shared"], t[f"shared_mode_{s.shared_costs}"]),
        SettingRow(
            t["set_bands"],
            t["set_bands_value"].format(
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
    return warning.where if warning.sheet else report.t["where_workbook"]


def warning_text(report: Report, warning: Problem) -> str:
    """The warning in the report's language where it has a text for its kind; the
    English message otherwise (an English report, or a kind without a translation)."""
    template = report.t.get(f"warn_{warning.kind}")
    if template is None:
        return _sentence(warning.message)
    values = {
        "unscored": report.t["band_Unscored"],
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
