"""ROI New business: won deals and their revenue by the role social played."""

from __future__ import annotations

from roi_report.excel.sheets.context import Context, Section
from roi_report.excel.sheets.core import NEW_BUSINESS, change, na
from roi_report.language import N_, messages_for
from roi_report.metrics.compute import ROLES

_ = messages_for(__name__).gettext

ROLE_LABELS = {
    "source": N_("Social was the original source"),
    "conversion": N_("Social was the conversion point"),
    "assist": N_("Social assisted"),
    "any": N_("Social played any of these roles"),
    "all_won": N_("All new business (any source)"),
}


class NewBusiness(Section):
    sheets = (NEW_BUSINESS,)

    def write(self, ctx: Context) -> None:
        w, ll, has_compare = ctx.writer(NEW_BUSINESS), ctx.leads.flags, ctx.settings.has_compare
        w.title(_("New business"), ctx.book.settings.client)
        w.spec.widths.update({1: 38, **{col: 16 for col in range(2, 8)}})
        w.heading(
            _("Won deals by social's role"),
            _(
                "Deals with a Won date in the period; a deal counts in every role social "
                "played in it."
            ),
        )
        w.header(
            [
                _("Role"),
                _("Deals"),
                _("Revenue"),
                _("Deals, comparison period"),
                _("Revenue, comparison period"),
                _("Deals change"),
                _("Revenue change"),
            ]
        )
        flags = {
            "source": ll["social"],
            "conversion": ll["conversion"],
            "assist": ll["assist"],
            "any": ll["any"],
            "all_won": None,
        }
        for index, role in enumerate(ROLES):
            r = w.row
            path = ("new_business", index)
            flag = f"*{flags[role]}" if flags[role] else ""
            w.put(r, 1, _(ROLE_LABELS[role]), "label")
            w.put(r, 2, f"=SUMPRODUCT({ll['won_inp']}{flag})", "count", (*path, "deals"))
            w.put(
                r,
                3,
                f"=SUMPRODUCT({ll['won_inp']}{flag}*{ll['revenue']})",
                "money",
                (*path, "revenue"),
            )
            w.put(
                r,
                4,
                f'=IF({has_compare}=0,"{na()}",SUMPRODUCT({ll["won_inc"]}{flag}))',
                "count",
                (*path, "previous_deals"),
            )
            w.put(
                r,
                5,
                f'=IF({has_compare}=0,"{na()}",SUMPRODUCT({ll["won_inc"]}{flag}*{ll["revenue"]}))',
                "money",
                (*path, "previous_revenue"),
            )
            w.put(r, 6, change(f"B{r}", f"D{r}"), "percent", (*path, "deals_change_pct"), 100)
            w.put(r, 7, change(f"C{r}", f"E{r}"), "percent", (*path, "revenue_change_pct"), 100)
            ctx.role_rows[role] = r
            w.row += 1
