"""ROI Summary, under the settings: the headline figures, the recalculation check and the
rows of each table the figures follow. Written last: it refers to the other sheets."""

from __future__ import annotations

from roi_report.excel.sheets.context import Context, Section
from roi_report.excel.sheets.core import (
    NA,
    NEW_BUSINESS,
    SENTINEL_LABEL,
    SUMMARY,
    change,
    followed_rows,
    na_ratio,
    points,
    ref,
)

# Under the check, where nothing stands to its right, so the whole sentence shows.
RECALCULATE_HOW = (
    "Not 42? LibreOffice: Data > Calculate > Recalculate Hard (Ctrl+Shift+F9); Excel: Ctrl+Alt+F9."
)


class Summary(Section):
    def write(self, ctx: Context) -> None:
        self.headline(ctx)
        self.followed(ctx)

    @staticmethod
    def headline(ctx: Context) -> None:
        w, il, rl, ll = ctx.writer(SUMMARY), ctx.il, ctx.rl, ctx.leads.flags
        w.row = ctx.settings.end_row
        w.heading(
            "Headline figures",
            "Social channels and shared costs; ROI = (return − investment) / investment; "
            "the change of ROI is in percentage points.",
        )
        w.header(["Figure", "Report period", "Comparison period", "Change"])
        has = ctx.settings.has_compare

        def previous(formula):
            return f'=IF({has}=0,"{NA}",{formula})'

        def line(key, label, now, before, style, in_points=False):
            r = w.row
            scale = 100 if style == "percent" else 1
            w.put(r, 1, label, "label")
            w.put(r, 2, now, style, ("headline", key, "current"), scale)
            w.put(r, 3, before, style, ("headline", key, "previous"), scale)
            if in_points:  # the metric is in points already: no scale
                w.put(r, 4, points(f"B{r}", f"C{r}"), "points", ("headline", key, "change"))
            else:
                w.put(r, 4, change(f"B{r}", f"C{r}"), "percent", ("headline", key, "change"), 100)
            w.row += 1
            return r

        inv = line(
            "investment",
            "Investment",
            "=" + ctx.investment_total(),
            previous(ctx.sum_investment(il["social"], il["inc"])),
            "money",
        )
        ret = line(
            "return",
            "Return",
            "=" + ctx.sum_return(rl["social"], rl["inp"]),
            previous(ctx.sum_return(rl["social"], rl["inc"])),
            "money",
        )
        line(
            "roi_pct",
            "ROI",
            "=" + na_ratio(f"(B{ret}-B{inv})", f"B{inv}"),
            "=" + na_ratio(f"(C{ret}-C{inv})", f"C{inv}"),
            "percent",
            in_points=True,
        )
        leads = line(
            "social_leads",
            "Leads from social channels",
            f"=SUMPRODUCT({ll['social']}*{ll['inp']})",
            previous(f"SUMPRODUCT({ll['social']}*{ll['inc']})"),
            "count",
        )
        line(
            "cost_per_lead",
            "Cost per social lead",
            "=" + na_ratio(f"B{inv}", f"B{leads}"),
            "=" + na_ratio(f"C{inv}", f"C{leads}"),
            "money",
        )
        any_row = ctx.role_rows["any"]
        line(
            "won_deals",
            "Won deals social played a role in",
            f"={ref(NEW_BUSINESS, 'B', any_row)}",
            f"={ref(NEW_BUSINESS, 'D', any_row)}",
            "count",
        )
        line(
            "won_revenue",
            "Revenue of those deals",
            f"={ref(NEW_BUSINESS, 'C', any_row)}",
            f"={ref(NEW_BUSINESS, 'E', any_row)}",
            "money",
        )
        # A fixed sum that proves a spreadsheet engine recalculated this file (tests read it).
        w.row += 1
        w.put(w.row, 1, SENTINEL_LABEL, "note")
        w.put(w.row, 2, "=SUM(40,2)", "count")
        w.row += 1
        w.put(w.row, 1, RECALCULATE_HOW, "note")
        w.row += 1

    @staticmethod
    def followed(ctx: Context) -> None:
        """Up to which row each table is counted: a row typed under a table counts once the
        workbook recalculates, as far as the spare rows the formulas cover reach."""
        w = ctx.writer(SUMMARY)
        w.heading(
            "Rows the figures follow",
            "Rows added to these tables count once the workbook recalculates; "
            "for rows below the last one, build the report again.",
        )
        w.header(["Table", "Rows counted"])
        for table in ("Costs", "Staff", "Results", "Leads"):
            layout = ctx.layout.tables.get(table)
            if layout is None:
                continue
            first, last = followed_rows(layout)
            w.put(w.row, 1, f"{table} ({layout.sheet} sheet)", "label", literal=True)
            w.put(
                w.row,
                2,
                f"rows {first} to {last}; rows below row {last}: build again",
                "text",
                literal=True,
            )
            w.row += 1
