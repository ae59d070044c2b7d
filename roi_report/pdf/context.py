"""What the PDF templates print: every figure formatted in the report's language.

`build_context(metrics, book, brand, warnings)` turns the metrics into frozen dataclasses of
ready-to-print strings, so templates hold no logic beyond loops and conditions. Numbers go
through `format_money`, `format_pct`, `format_count` and `format_change` only: tests format
the JSON figures with the same functions and look for the result in the PDF's text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from decimal import Decimal, getcontext, localcontext
from types import MappingProxyType

from babel import Locale
from babel.dates import format_date, format_interval
from babel.numbers import format_currency, format_decimal, parse_pattern

from roi_report.errors import Problem
from roi_report.metrics.compute import NO_CAMPAIGN, Metrics, ratio, roi_pct
from roi_report.pdf.brand import Brand
from roi_report.pdf.texts import LOCALES, quote, texts
from roi_report.workbook.models import Workbook
from roi_report.workbook.periods import is_whole_months

DEFAULT_TITLE = "Social media ROI report"  # the contract's default Report title
HALF_WIDTH_IN = 3.15  # a chart beside a table (80 mm)
# A Results metric that counts leads ("Leads", "Leady", "LinkedIn lead forms"): the platforms'
# own count, printed beside the CRM leads of the Leads sheet, so the PDF tells them apart.
LEAD_METRIC = re.compile(r"\b(lead|prospect)", re.IGNORECASE)
# In a period of up to a quarter, the leads of its last weeks are a large share of all, had
# little time to move on, and still count in every pass-through: the funnel's sentences say so.
SHORT_PERIOD_DAYS = 92


# Formatting: the only way figures reach the PDF -----------------------------------------


def _locale(language: str) -> str:
    try:
        return LOCALES[language]
    except KeyError:
        raise ValueError(
            f"unsupported report language {language!r}; use one of " + ", ".join(LOCALES)
        ) from None


def _number(value: float) -> Decimal:
    """The float as the decimal it prints as (repr), so rounding is decimal rounding."""
    if isinstance(value, bool) or not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    number = Decimal(repr(float(value))) if isinstance(value, float) else Decimal(value)
    return number + 0  # -0 -> 0


def not_available(language: str) -> str:
    return texts(language)["na"]


def _sentence(text: str) -> str:
    """A message written to follow "Sheet!A1: " in the terminal, as a table row of its own."""
    return text[:1].upper() + text[1:]


def format_money(value: float | None, currency: str, language: str) -> str:
    """An amount in the report's currency and locale: `180 000,00 zł`, `1.250,00 €`."""
    if value is None:
        return not_available(language)
    number = _number(value)
    if number == 0:
        number = Decimal(0)
    with _every_digit():
        return format_currency(number, currency, locale=_locale(language))


def _pattern_number(value: Decimal, language: str, pattern: str, digits: tuple[int, int]):
    compiled = parse_pattern(pattern)
    compiled.frac_prec = digits
    with _every_digit():
        return compiled.apply(value, Locale.parse(_locale(language)))


def _every_digit():
    """Room for every digit of a finite float and its decimals: Babel rounds in the current
    decimal context, whose 28 digits fail on 1e28 and more."""
    context = getcontext().copy()
    context.prec = 400
    return localcontext(context)


def format_pct(value_pct: float | None, language: str, digits: int = 1) -> str:
    """A figure in percent units (176.9 means 176.9 %) in the locale: `176,9 %` in fr."""
    if value_pct is None:
        return not_available(language)
    number = _number(value_pct) / 100
    pattern = Locale.parse(_locale(language)).percent_formats[None].pattern
    text = _pattern_number(number, language, pattern, (digits, digits))
    return _no_negative_zero(text)


def format_count(value: float | None, language: str) -> str:
    """A count: whole numbers without decimals, fractional counts with up to two."""
    if value is None:
        return not_available(language)
    number = _number(value)
    pattern = Locale.parse(_locale(language)).decimal_formats[None].pattern
    return _no_negative_zero(_pattern_number(number, language, pattern, (0, 2)))


def format_score(value: float, language: str) -> str:
    return format_decimal(_number(value), locale=_locale(language))


def format_change(value: float | None, language: str, *, points: bool = False) -> str:
    """A change with its sign: `+12.5%`, `−3,0 %`; percentage points with `points=True`."""
    if value is None:
        return not_available(language)
    if points:
        pattern = Locale.parse(_locale(language)).decimal_formats[None].pattern
        text = _pattern_number(_number(value), language, pattern, (1, 1))
        text = f"{_no_negative_zero(text)}\u00a0{texts(language)['points']}"
    else:
        text = format_pct(value, language)
    if not text.startswith("-") and _rounds_above_zero(value):
        text = "+" + text
    return text


def format_day(day: date | None, language: str, length: str = "long") -> str:
    if day is None:
        return texts(language)["none"]
    return format_date(day, length, locale=_locale(language))


def format_period(start: date, end: date, language: str) -> str:
    """`July – September 2025`, `lipiec–wrzesień 2025`; days when not whole months."""
    skeleton = "yMMMM" if is_whole_months(start, end) else "yMMMMd"
    if start == end:
        return format_day(start, language)
    return format_interval(start, end, skeleton, locale=_locale(language))


def _rounds_above_zero(value: float) -> bool:
    return round(value, 1) > 0


def _no_negative_zero(text: str) -> str:
    if text.startswith("-") and not any(ch in "123456789" for ch in text):
        return text[1:]
    return text


# The context ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    text: str  # "+12.5%", "+3.4 pp"; "" with no comparison figure
    direction: str  # "up", "down", "flat" or "none"
    tone: str  # "good", "bad" or "neutral": whether the move is good news


@dataclass(frozen=True)
class Kpi:
    key: str
    label: str
    value: str
    previous: str  # "Comparison period: $12,000.00", or "No comparison period"
    change: Change


@dataclass(frozen=True)
class Chart:
    src: str  # data: URL of an SVG image
    alt: str


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


@dataclass(frozen=True)
class Summary:
    kpis: tuple[Kpi, ...]  # ROI, investment, return
    more_kpis: tuple[Kpi, ...]  # leads, cost per lead, deals, revenue
    findings: tuple[str, ...]
    chart: Chart | None
    # "No comparison period" when the workbook compares with nothing; what the two lead
    # counts are when the goals count leads too
    note: str = ""


@dataclass(frozen=True)
class AmountRow:
    name: str
    amount: str
    share: str


# Lists of channels and campaigns show this many, the largest by investment, and sum the
# others in one row: 2,000 channels made a PDF of 271 pages and 2 GB.
MAX_LISTED = 25


def largest(items: Sequence, limit: int = MAX_LISTED) -> tuple[list, list]:
    """The `limit` items with the most investment, in their own order, and the others."""
    if len(items) <= limit:
        return list(items), []
    ranked = sorted(range(len(items)), key=lambda index: -items[index].investment)
    kept = set(ranked[:limit])
    return (
        [item for index, item in enumerate(items) if index in kept],
        [item for index, item in enumerate(items) if index not in kept],
    )


def summed(items: Sequence, name: str):
    """One figures row standing for `items` (channels, campaigns): its amounts and counts
    added, its ratios worked out again from the sums."""
    first = items[0]
    names = [f.name for f in fields(first)]
    totals = {
        key: sum(getattr(item, key) for item in items)
        for key in names
        if key not in ("roi_pct", "cost_per_lead")
        and isinstance(getattr(first, key), (int, float))
        and not isinstance(getattr(first, key), bool)
    }
    if "roi_pct" in names:
        totals["roi_pct"] = roi_pct(totals["return_"], totals["investment"])
    if "cost_per_lead" in names:
        totals["cost_per_lead"] = ratio(totals["investment"], totals["leads"])
    return replace(first, **{names[0]: name}, **totals)


@dataclass(frozen=True)
class SliceRow:
    name: str
    investment: str
    return_: str
    roi: str
    is_total: bool = False


@dataclass(frozen=True)
class ChannelCostRow:
    channel: str
    costs: str
    staff: str
    shared: str
    investment: str
    is_total: bool = False


@dataclass(frozen=True)
class InvestmentSection:
    has_data: bool
    intro: str
    categories: tuple[AmountRow, ...]
    categories_total: AmountRow
    types: tuple[SliceRow, ...]
    staff_sentence: str
    shared_sentence: str
    channel_costs: tuple[ChannelCostRow, ...]
    chart: Chart | None
    capped: str = ""  # says that only the largest channels are listed


@dataclass(frozen=True)
class ChannelRow:
    channel: str
    investment: str
    return_: str
    roi: str
    leads: str
    cost_per_lead: str
    is_shared: bool = False


@dataclass(frozen=True)
class ChannelsSection:
    has_data: bool
    rows: tuple[ChannelRow, ...]
    chart: Chart | None
    capped: str = ""


@dataclass(frozen=True)
class CampaignsSection:
    has_data: bool
    rows: tuple[SliceRow, ...]
    capped: str = ""


@dataclass(frozen=True)
class GoalRow:
    goal: str
    metric: str
    channel: str
    target: str
    actual: str
    attainment: str
    attainment_tone: str  # "good", "bad", "neutral"
    cost_per_result: str
    target_cost: str
    status: str
    status_tone: str
    deadline: str


@dataclass(frozen=True)
class GoalsSection:
    has_data: bool
    rows: tuple[GoalRow, ...]
    chart: Chart | None
    note: str = ""  # what the two lead counts are, when a goal counts leads


@dataclass(frozen=True)
class LeadCostRow:
    channel: str
    kind: str
    investment: str
    leads: str
    cost_per_lead: str
    is_social: bool
    is_total: bool = False
    leads_phrase: str = ""  # "76 leads", in the language's plural form


@dataclass(frozen=True)
class LeadCostsSection:
    has_data: bool
    intro: str
    social: LeadCostRow
    other: LeadCostRow
    rows: tuple[LeadCostRow, ...]
    chart: Chart | None
    capped: str = ""


@dataclass(frozen=True)
class BandRow:
    band: str
    leads: str
    previous_leads: str
    growth: str
    won: str
    win_rate: str
    revenue: str
    investment: str
    cost_per_lead: str
    cost_per_won: str
    roi: str


@dataclass(frozen=True)
class FunnelRow:
    stage: str
    reached: str
    pass_through: str  # to the next stage; "" for the last stage
    is_weakest: bool


@dataclass(frozen=True)
class BandsSection:
    has_data: bool
    intro: str
    rows: tuple[BandRow, ...]
    unstaged_sentence: str
    chart: Chart | None
    funnel_has_data: bool
    funnel: tuple[FunnelRow, ...]
    weakest: str
    funnel_chart: Chart | None


@dataclass(frozen=True)
class RoleRow:
    role: str
    deals: str
    revenue: str
    previous_deals: str
    previous_revenue: str
    deals_change: str
    revenue_change: str
    is_total: bool


@dataclass(frozen=True)
class NewBusinessSection:
    has_data: bool
    has_compare: bool
    rows: tuple[RoleRow, ...]


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


@dataclass(frozen=True)
class Style:
    primary: str
    accent: str
    font: str  # the brand's font family, first in the CSS font stack
    page_size: str  # "A4" or "Letter"
    footer: str
    running_title: str


@dataclass(frozen=True)
class Meta:
    title: str
    author: str
    subject: str
    keywords: str


@dataclass(frozen=True)
class ReportContext:
    language: str
    t: MappingProxyType  # the UI strings of the language (i18n)
    meta: Meta
    style: Style
    cover: Cover
    summary: Summary
    investment: InvestmentSection
    channels: ChannelsSection
    campaigns: CampaignsSection
    goals: GoalsSection
    lead_costs: LeadCostsSection
    bands: BandsSection
    new_business: NewBusinessSection
    methods: MethodsSection


# Building it ------------------------------------------------------------------------------

ChartMaker = Callable[..., str]


class _Builder:
    def __init__(
        self,
        metrics: Metrics,
        book: Workbook,
        brand: Brand,
        warnings,
        logo_urls: dict[str, str],
        charts: bool,
        issued: date | None,
    ):
        self.m, self.book, self.brand = metrics, book, brand
        self.s = book.settings
        self.lang = self.s.language
        self.t = texts(self.lang)
        self.currency = self.s.currency
        # The client's reader sees what matters to the figures; data-hygiene notes stay on
        # the terminal and in the JSON.
        self.warnings = tuple(w for w in warnings if getattr(w, "for_reader", True))
        self.logo_urls = logo_urls
        self.charts = charts
        self.issued = issued or date.today()
        self.has_compare = metrics.periods.compare_start is not None

    # formatting shorthands
    def money(self, value):
        return format_money(value, self.currency, self.lang)

    def pct(self, value):
        return format_pct(value, self.lang)

    def count(self, value):
        return format_count(value, self.lang)

    def change(self, value, *, points=False):
        return format_change(value, self.lang, points=points) if value is not None else ""

    def q(self, name: str) -> str:
        return quote(name, self.lang)

    def others(self, items: list) -> list:
        """The row summing what a list leaves out (see `largest`), if anything."""
        name = self.t["others_row"].format(count=self.count(len(items)))
        return [summed(items, name)] if items else []

    def capped(self, others: list) -> str:
        """The sentence saying that a list shows only its MAX_LISTED largest entries, or ""."""
        if not others:
            return ""
        return self.t["capped_list"].format(
            shown=self.count(MAX_LISTED), others=self.count(len(others))
        )

    def label(self, prefix: str, value: str) -> str:
        return self.t.get(f"{prefix}_{value}", value)

    def channel_name(self, name: str) -> str:
        return self.t["channel_All"] if name == "All" else name

    def campaign_name(self, name: str) -> str:
        return self.t["no_campaign"] if name == NO_CAMPAIGN else name

    def chart(self, maker_name: str, alt_key: str, **data) -> Chart | None:
        if not self.charts:
            return None
        from roi_report.pdf import charts

        svg = getattr(charts, maker_name)(**data, style=self.chart_style())
        return Chart(charts.data_url(svg), self.t[alt_key])

    def chart_style(self):
        from roi_report.pdf.charts import ChartStyle

        return ChartStyle(
            self.brand.primary, self.brand.accent, self.brand.font, self.lang, self.currency
        )

    # pieces
    def period_text(self) -> str:
        p = self.m.periods
        return format_period(p.start, p.end, self.lang)

    def comparison_text(self) -> str:
        p = self.m.periods
        if p.compare_start is None:
            return self.t["no_comparison"]
        key = (
            "compare_last_year" if p.compare_with == "Same period last year" else "compare_previous"
        )
        return self.t[key].format(period=format_period(p.compare_start, p.compare_end, self.lang))

    def title(self) -> str:
        title = (self.s.title or "").strip()
        return self.t["default_title"] if not title or title == DEFAULT_TITLE else title

    def kpi(self, key, label_key, figure, fmt, *, points=False, higher_is_better=True):
        if not self.has_compare:  # said once, under the cards (Summary.note)
            previous = ""
            change = Change("", "none", "neutral")
        else:
            previous = self.t["kpi_previous"].format(value=fmt(figure.previous))
            if figure.change is None:
                change = Change("", "none", "neutral")  # the comparison was 0
            else:
                rounded = round(figure.change, 1)
                direction = "up" if rounded > 0 else "down" if rounded < 0 else "flat"
                if direction == "flat" or higher_is_better is None:
                    tone = "neutral"
                else:
                    tone = "good" if (direction == "up") == higher_is_better else "bad"
                change = Change(self.change(figure.change, points=points), direction, tone)
        return Kpi(key, self.t[label_key], fmt(figure.current), previous, change)

    def cover(self) -> Cover:
        client = self.s.client
        prepared_by = self.brand.prepared_by
        return Cover(
            title=self.title(),
            client=client,
            period=self.period_text(),
            comparison=self.comparison_text(),
            prepared_by=prepared_by,
            issued=format_day(self.issued, self.lang),
            logo_url=self.logo_urls.get("logo", ""),
            logo_alt=self.t["logo_alt"].format(name=client),
            agency_logo_url=self.logo_urls.get("agency_logo", ""),
            agency_logo_alt=self.t["agency_logo_alt"].format(name=prepared_by or client),
            mark_url=self.logo_urls.get("mark", ""),
        )

    def summary(self) -> Summary:
        h = self.m.headline
        kpis = (
            self.kpi("roi", "kpi_roi", h.roi_pct, self.pct, points=True),
            self.kpi(
                "investment", "kpi_investment", h.investment, self.money, higher_is_better=None
            ),
            self.kpi("return", "kpi_return", h.return_, self.money),
        )
        more = (
            self.kpi("social_leads", "kpi_leads", h.social_leads, self.count),
            self.kpi(
                "cost_per_lead",
                "kpi_cost_per_lead",
                h.cost_per_lead,
                self.money,
                higher_is_better=False,
            ),
            self.kpi("won_deals", "kpi_won_deals", h.won_deals, self.count),
            self.kpi("won_revenue", "kpi_won_revenue", h.won_revenue, self.money),
        )
        chart = None
        if h.investment.current or h.return_.current or h.investment.previous or h.return_.previous:
            chart = self.chart(
                "summary_chart",
                "chart_summary_alt",
                groups=(self.t["col_investment"], self.t["col_return"]),
                current=(h.investment.current or 0.0, h.return_.current or 0.0),
                previous=(
                    (h.investment.previous or 0.0, h.return_.previous or 0.0)
                    if self.has_compare
                    else None
                ),
                current_label=self.t["chart_this_period"],
                previous_label=self.t["chart_comparison"],
            )
        note = "" if self.has_compare else self.t["kpi_no_previous"]
        lead_sources = self.lead_sources()
        if lead_sources:
            note = f"{note}. {lead_sources}" if note else lead_sources
        return Summary(kpis, more, tuple(self.findings()), chart, note)

    def findings(self) -> list[str]:
        t, m, h = self.t, self.m, self.m.headline
        found: list[str] = []
        # 1. ROI and its change
        roi = h.roi_pct
        if roi.current is not None:
            if roi.previous is not None and roi.change is not None:
                key = (
                    "f_roi_up"
                    if round(roi.change, 1) > 0
                    else "f_roi_down"
                    if round(roi.change, 1) < 0
                    else "f_roi_same"
                )
                found.append(
                    t[key].format(
                        roi=self.pct(roi.current),
                        previous=self.pct(roi.previous),
                        change=self.change(roi.change, points=True),
                    )
                )
            else:
                found.append(
                    t["f_roi_only"].format(
                        return_=self.money(h.return_.current),
                        investment=self.money(h.investment.current),
                        roi=self.pct(roi.current),
                    )
                )
        # 2. The channel that returned most per unit spent
        paying = [
            c for c in m.channels if c.kind == "Social" and c.investment > 0 and c.return_ > 0
        ]
        if paying:
            best = max(paying, key=lambda c: (c.return_ / c.investment, c.return_))
            found.append(
                t["f_best_channel"].format(
                    channel=self.q(best.channel),
                    per_unit=self.money(best.return_ / best.investment),
                    unit=self.money(1),
                    roi=self.pct(best.roi_pct),
                )
            )
        # 3. The social goal furthest behind: a goal on another channel is no social result
        targeted = [
            g for g in m.goals if g.attainment_pct is not None and self.book.is_social(g.channel)
        ]
        if targeted:
            worst = min(targeted, key=lambda g: g.attainment_pct)
            key = "f_goal_behind" if worst.attainment_pct < 100 else "f_goals_met"
            found.append(
                t[key].format(
                    goal=self.q(worst.goal),
                    actual=self.count(worst.actual),
                    target=self.count(worst.target),
                    attainment=self.pct(worst.attainment_pct),
                )
            )
        # 4. The band that grew most
        grown = [
            b
            for b in m.bands
            if b.band != "Unscored" and b.growth_pct is not None and b.growth_pct > 0
        ]
        if grown:
            band = max(grown, key=lambda b: (b.growth_pct, b.leads))
            found.append(
                t["f_band_grew"].format(
                    band=self.q(self.label("band", band.band)),
                    now=self.count(band.leads),
                    before=self.count(band.previous_leads),
                    growth=self.change(band.growth_pct),
                )
            )
        # 5. The weakest funnel stage
        weakest = m.funnel.weakest
        if weakest is not None and m.funnel.reached and m.funnel.reached[0] > 0:
            found.append(
                self.with_funnel_note(
                    t["f_weakest"].format(
                        from_stage=self.label("stage", weakest.from_stage),
                        to_stage=self.label("stage", weakest.to_stage),
                        pct=self.pct(weakest.pass_through_pct),
                    )
                )
            )
        # Fallbacks while fewer than three
        extras = []
        social, other = m.social_lead_cost, m.other_lead_cost
        if social.cost_per_lead is not None and other.cost_per_lead is not None:
            extras.append(
                t["f_lead_cost"].format(
                    social=self.money(social.cost_per_lead), other=self.money(other.cost_per_lead)
                )
            )
        any_role = next((r for r in m.new_business if r.role == "any"), None)
        if any_role is not None and any_role.deals > 0:
            extras.append(
                t["f_new_business"].format(
                    deals=self.plural("deals", any_role.deals), revenue=self.money(any_role.revenue)
                )
            )
        if h.investment.change is not None:
            extras.append(
                t["f_investment"].format(
                    change=self.change(h.investment.change),
                    investment=self.money(h.investment.current),
                )
            )
        while len(found) < 3 and extras:
            found.append(extras.pop(0))
        if not found:
            found.append(t["empty_findings"])
        return found[:5]

    def warning_place(self, warning: Problem) -> str:
        return warning.where if warning.sheet else self.t["where_workbook"]

    def warning_text(self, warning: Problem) -> str:
        """The warning in the report's language where it has a text for its kind; the
        English message otherwise (an English report, or a kind without a translation)."""
        template = self.t.get(f"warn_{warning.kind}")
        if template is None:
            return _sentence(warning.message)
        values = {
            "unscored": self.t["band_Unscored"],
            **{
                key: str(value) if key.endswith("_row") else self.warning_value(value)
                for key, value in warning.details
            },
        }
        return _sentence(template.format(**values))

    def warning_value(self, value) -> str:
        if isinstance(value, date):
            return format_day(value, self.lang)
        if isinstance(value, str):
            return self.q(value)
        return self.count(value)

    def with_funnel_note(self, sentence: str) -> str:
        """The weakest step's sentence; in a short period, with the reminder that late leads
        may not have moved on yet (the pass-through counts every lead of the period)."""
        p = self.m.periods
        if (p.end - p.start).days + 1 > SHORT_PERIOD_DAYS:
            return sentence
        return f"{sentence} {self.t['funnel_recent_note']}"

    def lead_sources(self) -> str:
        """The sentence telling CRM leads from the leads the platforms reported; "" when no
        goal counts leads, so only the CRM's count is in the report."""
        if any(LEAD_METRIC.search(g.metric) for g in self.m.goals):
            return self.t["lead_sources_note"]
        return ""

    def metric_name(self, metric: str) -> str:
        if LEAD_METRIC.search(metric):
            return self.t["metric_platform_reported"].format(metric=metric)
        return metric

    def plural(self, key: str, n: float) -> str:
        """`n` and its noun in the plural form the language wants (1 lead, 5 leadów)."""
        form = Locale.parse(_locale(self.lang)).plural_form(n)
        template = self.t.get(f"{key}_{form}", self.t[f"{key}_other"])
        return template.format(n=self.count(n))

    def investment(self) -> InvestmentSection:
        m, t = self.m, self.t
        total = m.headline.investment.current or 0.0
        has_data = total > 0 or any(a.amount for a in m.investment_by_category)

        def share(amount):
            return self.pct(amount * 100 / total) if total else self.t["na"]

        categories = tuple(
            AmountRow(self.label("category", a.name), self.money(a.amount), share(a.amount))
            for a in sorted(m.investment_by_category, key=lambda a: -a.amount)
            if a.amount
        )
        cat_total = AmountRow(t["total"], self.money(total), share(total))
        types = tuple(
            SliceRow(
                self.label("type", s.name),
                self.money(s.investment),
                self.money(s.return_),
                self.pct(s.roi_pct),
            )
            for s in m.types
        )
        staff = next((a.amount for a in m.investment_by_category if a.name == "Staff"), 0.0)
        staff_sentence = t["staff_sentence"].format(amount=self.money(staff), share=share(staff))
        shared_sentence = ""
        if m.shared_investment:
            shared_sentence = t[f"shared_{self.s.shared_costs}"].format(
                amount=self.money(m.shared_investment)
            )
        social = [c for c in m.channels if c.kind == "Social"]
        listed, others = largest(social)
        rows = [
            ChannelCostRow(
                c.channel,
                self.money(c.costs),
                self.money(c.staff),
                self.money(c.shared_allocation),
                self.money(c.investment),
            )
            for c in listed + self.others(others)
        ]
        if m.shared.investment:
            rows.append(
                ChannelCostRow(
                    t["shared_row"],
                    self.money(m.shared.investment),
                    self.money(0),
                    self.money(0),
                    self.money(m.shared.investment),
                )
            )
        rows.append(
            ChannelCostRow(
                t["total"],
                self.money(sum(c.costs for c in social) + m.shared.investment),
                self.money(sum(c.staff for c in social)),
                self.money(sum(c.shared_allocation for c in social)),
                self.money(sum(c.investment for c in social) + m.shared.investment),
                is_total=True,
            )
        )
        change = ""
        if m.headline.investment.change is not None:
            change = t["investment_change"].format(change=self.change(m.headline.investment.change))
        chart = None
        if has_data:
            ordered = [
                a for a in sorted(m.investment_by_category, key=lambda a: -a.amount) if a.amount
            ]
            chart = self.chart(
                "bar_chart",
                "chart_categories_alt",
                width=HALF_WIDTH_IN,
                labels=tuple(self.label("category", a.name) for a in ordered),
                values=tuple(a.amount for a in ordered),
                value_labels=tuple(self.money(a.amount) for a in ordered),
            )
        return InvestmentSection(
            has_data,
            t["investment_intro"].format(total=self.money(total), change=change),
            categories,
            cat_total,
            types,
            staff_sentence,
            shared_sentence,
            tuple(rows),
            chart,
            self.capped(others),
        )

    def channels(self) -> ChannelsSection:
        m = self.m
        social = [c for c in m.channels if c.kind == "Social"]
        listed, others = largest(social)
        listed += self.others(others)
        rows = [
            ChannelRow(
                c.channel,
                self.money(c.investment),
                self.money(c.return_),
                self.pct(c.roi_pct),
                self.count(c.leads),
                self.money(c.cost_per_lead),
            )
            for c in listed
        ]
        shared = m.shared
        if shared.investment or shared.return_:
            rows.append(
                ChannelRow(
                    self.t["shared_row"],
                    self.money(shared.investment),
                    self.money(shared.return_),
                    self.pct(shared.roi_pct),
                    "",
                    "",
                    is_shared=True,
                )
            )
        has_data = any(c.investment or c.return_ for c in social) or bool(
            shared.investment or shared.return_
        )
        chart = None
        if has_data:
            shown = [c for c in listed if c.investment or c.return_]
            chart = self.chart(
                "paired_bar_chart",
                "chart_channels_alt",
                labels=tuple(c.channel for c in shown),
                first=tuple(c.investment for c in shown),
                second=tuple(c.return_ for c in shown),
                first_label=self.t["col_investment"],
                second_label=self.t["col_return"],
            )
        return ChannelsSection(has_data, tuple(rows), chart, self.capped(others))

    def campaigns(self) -> CampaignsSection:
        listed, others = largest([s for s in self.m.campaigns if s.investment or s.return_])
        rows = tuple(
            SliceRow(
                self.campaign_name(s.name),
                self.money(s.investment),
                self.money(s.return_),
                self.pct(s.roi_pct),
            )
            for s in listed + self.others(others)
        )
        return CampaignsSection(bool(rows), rows, self.capped(others))

    def goals(self) -> GoalsSection:
        rows = []
        for g in self.m.goals:
            if g.attainment_pct is None:
                tone = "neutral"
            else:
                tone = "good" if g.attainment_pct >= 100 else "bad"
            if g.on_track is None:
                status, status_tone = self.t["none"], "neutral"
            elif g.on_track:
                status, status_tone = self.t["status_ok"], "good"
            else:
                status, status_tone = self.t["status_over"], "bad"
            rows.append(
                GoalRow(
                    g.goal,
                    self.metric_name(g.metric),
                    self.channel_name(g.channel),
                    self.count(g.target) if g.target is not None else self.t["none"],
                    self.count(g.actual),
                    self.pct(g.attainment_pct),
                    tone,
                    self.money(g.cost_per_result),
                    (
                        self.money(g.target_cost_per_result)
                        if g.target_cost_per_result is not None
                        else self.t["none"]
                    ),
                    status,
                    status_tone,
                    format_day(g.deadline, self.lang, "medium"),
                )
            )
        chart = None
        targeted = [g for g in self.m.goals if g.attainment_pct is not None]
        if targeted:
            chart = self.chart(
                "attainment_chart",
                "chart_goals_alt",
                labels=tuple(g.goal for g in targeted),
                values=tuple(g.attainment_pct for g in targeted),
                value_labels=tuple(self.pct(g.attainment_pct) for g in targeted),
                target_label=self.t["chart_target"],
            )
        return GoalsSection(bool(rows), tuple(rows), chart, self.lead_sources())

    def lead_cost_row(self, row, *, is_total=False, name=None) -> LeadCostRow:
        return LeadCostRow(
            name or row.channel,
            self.label("kind", row.kind),
            self.money(row.investment),
            self.count(row.leads),
            self.money(row.cost_per_lead),
            row.kind == "Social",
            is_total,
            self.plural("leads", row.leads),
        )

    def lead_costs(self) -> LeadCostsSection:
        m, t = self.m, self.t
        listed, others = largest([r for r in m.lead_costs if r.investment or r.leads])
        for kind in ("Social", "Other"):  # the others summed by kind: a row has one kind
            listed += self.others([r for r in others if r.kind == kind])
        rows = tuple(self.lead_cost_row(r) for r in listed)
        social = self.lead_cost_row(m.social_lead_cost, is_total=True, name=t["social_channels"])
        other = self.lead_cost_row(m.other_lead_cost, is_total=True, name=t["other_channels"])
        has_data = (m.social_lead_cost.leads + m.other_lead_cost.leads) > 0
        social_known = m.social_lead_cost.cost_per_lead is not None
        other_known = m.other_lead_cost.cost_per_lead is not None
        if social_known and other_known:
            intro = t["lead_costs_intro"].format(
                social=social.cost_per_lead, other=other.cost_per_lead
            )
        elif social_known:
            intro = t["lead_costs_intro_no_other"].format(social=social.cost_per_lead)
        elif other_known:
            intro = t["lead_costs_intro_no_social"].format(other=other.cost_per_lead)
        else:  # no leads at all: the section says so instead
            intro = ""
        chart = None
        priced = [r for r in listed if r.cost_per_lead is not None]
        if priced:
            chart = self.chart(
                "lead_cost_chart",
                "chart_lead_costs_alt",
                labels=tuple(r.channel for r in priced),
                values=tuple(r.cost_per_lead for r in priced),
                value_labels=tuple(self.money(r.cost_per_lead) for r in priced),
                social=tuple(r.kind == "Social" for r in priced),
                social_label=t["social_channels"],
                other_label=t["other_channels"],
            )
        return LeadCostsSection(has_data, intro, social, other, rows, chart, self.capped(others))

    def bands(self) -> BandsSection:
        m, t, s = self.m, self.t, self.s
        rows = tuple(
            BandRow(
                self.label("band", b.band),
                self.count(b.leads),
                self.count(b.previous_leads) if self.has_compare else t["none"],
                self.change(b.growth_pct) or t["none"],
                self.count(b.won),
                self.pct(b.win_rate_pct),
                self.money(b.revenue),
                self.money(b.investment),
                self.money(b.cost_per_lead),
                self.money(b.cost_per_won),
                self.pct(b.roi_pct),
            )
            for b in m.bands
            if b.band != "Unscored" or b.leads or b.previous_leads
        )
        total_leads = sum(b.leads for b in m.bands)
        has_data = total_leads > 0 or any(b.previous_leads for b in m.bands)
        intro = t["bands_intro"].format(
            slow=format_score(s.slow_below, self.lang), fast=format_score(s.fast_from, self.lang)
        )
        unstaged = ""
        if m.unstaged_investment and total_leads:
            unstaged = t["unstaged_sentence"].format(amount=self.money(m.unstaged_investment))
        funnel = m.funnel
        from roi_report.workbook.contract import FUNNEL

        weakest_from = funnel.weakest.from_stage if funnel.weakest else None
        funnel_rows = tuple(
            FunnelRow(
                self.label("stage", stage),
                self.count(funnel.reached[i]),
                self.pct(funnel.steps[i].pass_through_pct) if i < len(funnel.steps) else "",
                stage == weakest_from,
            )
            for i, stage in enumerate(FUNNEL)
        )
        funnel_has_data = bool(funnel.reached) and funnel.reached[0] > 0
        weakest = ""
        if funnel.weakest is not None and funnel_has_data:
            weakest = self.with_funnel_note(
                t["weakest_stage"].format(
                    from_stage=self.label("stage", funnel.weakest.from_stage),
                    to_stage=self.label("stage", funnel.weakest.to_stage),
                    pct=self.pct(funnel.weakest.pass_through_pct),
                )
            )
        chart = funnel_chart = None
        if has_data:
            shown = [b for b in m.bands if b.band != "Unscored" or b.leads or b.previous_leads]
            chart = self.chart(
                "bands_chart",
                "chart_bands_alt",
                labels=tuple(self.label("band", b.band) for b in shown),
                current=tuple(b.leads for b in shown),
                previous=(
                    tuple(b.previous_leads or 0 for b in shown) if self.has_compare else None
                ),
                current_label=t["chart_this_period"],
                previous_label=t["chart_comparison"],
            )
        if funnel_has_data:
            funnel_chart = self.chart(
                "funnel_chart",
                "chart_funnel_alt",
                width=HALF_WIDTH_IN,
                labels=tuple(self.label("stage", stage) for stage in FUNNEL),
                values=tuple(funnel.reached),
                value_labels=tuple(self.count(v) for v in funnel.reached),
                weakest=(FUNNEL.index(funnel.weakest.to_stage) if funnel.weakest else None),
            )
        return BandsSection(
            has_data,
            intro,
            rows,
            unstaged,
            chart,
            funnel_has_data,
            funnel_rows,
            weakest,
            funnel_chart,
        )

    def new_business(self) -> NewBusinessSection:
        rows = tuple(
            RoleRow(
                self.label("role", r.role),
                self.count(r.deals),
                self.money(r.revenue),
                self.count(r.previous_deals) if self.has_compare else self.t["none"],
                self.money(r.previous_revenue) if self.has_compare else self.t["none"],
                self.change(r.deals_change_pct) or self.t["none"],
                self.change(r.revenue_change_pct) or self.t["none"],
                r.role == "all_won",
            )
            for r in self.m.new_business
        )
        has_data = any(r.deals or r.previous_deals for r in self.m.new_business)
        return NewBusinessSection(has_data, self.has_compare, rows)

    def methods(self) -> MethodsSection:
        t, s = self.t, self.s
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
        for g in self.book.goals:
            if g.value_per_result is not None:
                basis = t["basis_value"]
            elif g.conversion is not None and g.value_per_customer is not None:
                basis = t["basis_conversion"].format(
                    conversion=self.pct(g.conversion * 100), value=self.money(g.value_per_customer)
                )
            else:
                basis = t["basis_none"]
            assumptions.append(
                AssumptionRow(
                    g.goal,
                    g.metric,
                    self.channel_name(g.channel),
                    self.money(g.value_of_result),
                    basis,
                )
            )
        settings = (
            SettingRow(t["set_period"], self.period_text()),
            SettingRow(t["set_compare"], self.comparison_text()),
            SettingRow(t["set_currency"], self.currency),
            SettingRow(t["set_shared"], t[f"shared_mode_{s.shared_costs}"]),
            SettingRow(
                t["set_bands"],
                t["set_bands_value"].format(
                    slow=format_score(s.slow_below, self.lang),
                    fast=format_score(s.fast_from, self.lang),
                ),
            ),
        )
        warnings = tuple(
            WarningRow(self.warning_place(w), self.warning_text(w)) for w in self.warnings
        )
        return MethodsSection(formulas, tuple(assumptions), settings, warnings)

    def build(self) -> ReportContext:
        t = self.t
        title, period = self.title(), self.period_text()
        author = self.brand.prepared_by or self.s.client
        meta = Meta(
            title=f"{title} — {self.s.client}",
            author=author,
            subject=t["subject"].format(client=self.s.client, period=period),
            keywords=t["keywords"],
        )
        style = Style(
            self.brand.primary,
            self.brand.accent,
            self.brand.font,
            self.brand.page_size_for(self.lang, self.currency),
            self.brand.footer
            or (
                f"{t['prepared_by']}: {self.brand.prepared_by}"
                if self.brand.prepared_by
                else self.s.client
            ),
            f"{self.s.client} · {period}",
        )
        return ReportContext(
            language=self.lang,
            t=t,
            meta=meta,
            style=style,
            cover=self.cover(),
            summary=self.summary(),
            investment=self.investment(),
            channels=self.channels(),
            campaigns=self.campaigns(),
            goals=self.goals(),
            lead_costs=self.lead_costs(),
            bands=self.bands(),
            new_business=self.new_business(),
            methods=self.methods(),
        )


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
    return _Builder(
        metrics, book, brand or Brand(), warnings, logo_urls or {}, charts, issued
    ).build()
