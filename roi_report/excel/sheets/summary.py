"""ROI Summary, under the settings: the headline figures, the recalculation check and the
rows of each table the figures follow. Written last: it refers to the other sheets."""

from __future__ import annotations

from roi_report.excel.sheets.context import Context, Section
from roi_report.excel.sheets.core import (
    NEW_BUSINESS,
    SENTINEL_LABEL,
    SUMMARY,
    change,
    followed_rows,
    na,
    na_ratio,
    points,
    ref,
)
from roi_report.language import N_, messages_for

_ = messages_for(__name__).gettext

# Under the check, where nothing stands to its right, so the whole sentence shows.
RECALCULATE_HOW = N_(
    "Not 42? LibreOffice: Data > Calculate > Recalculate Hard (Ctrl+Shift+F9); Excel: Ctrl+Alt+F9."
)
# The check's cached value: reading 42 instead proves a spreadsheet recalculated.
NOT_RECALCULATED = N_(
    "not recalculated yet: press Ctrl+Shift+F9 in LibreOffice "
    "(Data > Calculate > Recalculate Hard), Ctrl+Alt+F9 in Excel"
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
            _("Headline figures"),
            _(
                "Social channels and shared costs; ROI = (return − investment) / investment; "
                "the change of ROI is in percentage points."
            ),
        )
        w.header([_("Figure"), _("Report period"), _("Comparison period"), _("Change")])
        has = ctx.settings.has_compare

        def previous(formula):
            return f'=IF({has}=0,"{na()}",{formula})'

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
            _("Investment"),
            "=" + ctx.investment_total(),
            previous(ctx.sum_investment(il["social"], il["inc"])),
            "money",
        )
        ret = line(
            "return",
            _("Return"),
            "=" + ctx.sum_return(rl["social"], rl["inp"]),
            previous(ctx.sum_return(rl["social"], rl["inc"])),
            "money",
        )
        line(
            "roi_pct",
            _("ROI"),
            "=" + na_ratio(f"(B{ret}-B{inv})", f"B{inv}"),
            "=" + na_ratio(f"(C{ret}-C{inv})", f"C{inv}"),
            "percent",
            in_points=True,
        )
        leads = line(
            "social_leads",
            _("Leads from social channels"),
            f"=SUMPRODUCT({ll['social']}*{ll['inp']})",
            previous(f"SUMPRODUCT({ll['social']}*{ll['inc']})"),
            "count",
        )
        line(
            "cost_per_lead",
            _("Cost per social lead"),
            "=" + na_ratio(f"B{inv}", f"B{leads}"),
            "=" + na_ratio(f"C{inv}", f"C{leads}"),
            "money",
        )
        any_row = ctx.role_rows["any"]
        line(
            "won_deals",
            _("Won deals social played a role in"),
            f"={ref(NEW_BUSINESS, 'B', any_row)}",
            f"={ref(NEW_BUSINESS, 'D', any_row)}",
            "count",
        )
        line(
            "won_revenue",
            _("Revenue of those deals"),
            f"={ref(NEW_BUSINESS, 'C', any_row)}",
            f"={ref(NEW_BUSINESS, 'E', any_row)}",
            "money",
        )
        # A fixed sum that proves a spreadsheet engine recalculated this file (tests read it).
        w.row += 1
        w.put(w.row, 1, _(SENTINEL_LABEL), "note")
        w.put(w.row, 2, "=SUM(40,2)", "count", cached=_(NOT_RECALCULATED))
        w.row += 1
        w.put(w.row, 1, _(RECALCULATE_HOW), "note")
        w.row += 1

    @staticmethod
    def followed(ctx: Context) -> None:
        """Up to which row each table is counted: a row typed under a table counts once the
        workbook recalculates, as far as the spare rows the formulas cover reach."""
        w = ctx.writer(SUMMARY)
        w.heading(
            _("Rows the figures follow"),
            _(
                "Rows added to these tables count once the workbook recalculates; "
                "for rows below the last one, build the report again."
            ),
        )
        w.header([_("Table"), _("Rows counted")])
        for table in ("Costs", "Staff", "Results", "Leads"):
            layout = ctx.layout.tables.get(table)
            if layout is None:
                continue
            first, last = followed_rows(layout)
            label = _("{table} ({sheet} sheet)").format(table=table, sheet=layout.sheet)
            w.put(w.row, 1, label, "label", literal=True)
            w.put(
                w.row,
                2,
                _("rows {first} to {last}; rows below row {last}: build again").format(
                    first=first, last=last
                ),
                "text",
                literal=True,
            )
            w.row += 1
