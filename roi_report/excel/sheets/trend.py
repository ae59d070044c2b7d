"""ROI Trend (contract v1.1): the headline's figures month by month, as live formulas.

One row per month of `metrics.trend` (up to twelve, ending with the month of Period end);
each month's first and last day follow Period end, and every figure sums the lines sheets
and the Leads table over that month by the headline's rules.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date

from roi_report.excel.sheets.context import Context, Section
from roi_report.excel.sheets.core import PREFIX, as_date, followed_column, na_ratio, within
from roi_report.language import messages_for

_ = messages_for(__name__).gettext

TREND = PREFIX + "Trend"


class Trend(Section):
    sheets = (TREND,)

    def write(self, ctx: Context) -> None:
        w, il, rl, ll = ctx.writer(TREND), ctx.il, ctx.rl, ctx.leads.flags
        months = ctx.metrics.trend
        w.title(_("ROI trend"), ctx.book.settings.client)
        w.spec.widths.update({1: 12, **{col: 15 for col in range(2, 9)}})
        w.heading(
            _("Month by month"),
            _(
                "Up to twelve calendar months ending with the month of Period end, from the "
                "first month with data; social channels and shared costs, as the headline."
            ),
        )
        w.header(
            [
                _("Month"),
                _("First day"),
                _("Last day"),
                _("Investment"),
                _("Return"),
                _("ROI"),
                _("Leads from social channels"),
                _("Cost per social lead"),
            ]
        )
        end = ctx.settings.end
        created = followed_column(ctx.layout.tables.get("Leads"), "created")
        created_day = as_date(created, blank="0") if created else "0"  # 0: in no month
        for index, month in enumerate(months):
            r, back = w.row, len(months) - 1 - index
            path = ("trend", index)
            year, number = (int(part) for part in month.month.split("-"))
            w.put(
                r,
                2,
                f"=DATE(YEAR({end}),MONTH({end})-{back},1)",
                "date",
                cached=date(year, number, 1),
            )
            w.put(
                r,
                3,
                f"=EOMONTH(B{r},0)",
                "date",
                cached=date(year, number, monthrange(year, number)[1]),
            )
            w.put(
                r,
                1,
                f'=YEAR(B{r})&"-"&IF(MONTH(B{r})<10,"0","")&MONTH(B{r})',
                "label",
                cached=month.month,
            )
            window = (f"$B${r}", f"$C${r}")
            w.put(
                r,
                4,
                "=" + ctx.sum_investment(il["social"], within(il["date"], *window)),
                "money",
                (*path, "investment"),
            )
            w.put(
                r,
                5,
                "=" + ctx.sum_return(rl["social"], within(rl["date"], *window)),
                "money",
                (*path, "return"),
            )
            w.put(r, 6, "=" + na_ratio(f"(E{r}-D{r})", f"D{r}"), "percent", (*path, "roi_pct"), 100)
            w.put(
                r,
                7,
                f"=SUMPRODUCT({ll['social']}*({created_day}>=$B${r})*({created_day}<=$C${r}))"
                if created
                else "=0",
                "count",
                (*path, "social_leads"),
            )
            w.put(r, 8, "=" + na_ratio(f"D{r}", f"G{r}"), "money", (*path, "cost_per_lead"))
            w.row += 1
