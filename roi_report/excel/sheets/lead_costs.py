"""ROI Channels, bottom: cost per lead of social beside the other channels."""

from __future__ import annotations

from roi_report.excel.sheets.context import Context, Section
from roi_report.excel.sheets.core import CHANNELS, na_ratio
from roi_report.language import messages_for

_ = messages_for(__name__).gettext


class LeadCosts(Section):
    def write(self, ctx: Context) -> None:
        w, block = ctx.writer(CHANNELS), ctx.channels
        kinds, investment, leads = block.kinds, block.column("G"), block.column("J")
        w.heading(
            _("Cost per lead, social beside other channels"),
            _(
                "Leads created in the period by their source channel; social investment "
                "includes the spread shared costs."
            ),
        )
        w.header(
            [_("Channel"), _("Kind"), "", "", "", "", _("Investment"), "", ""]
            + [_("Leads"), _("Cost per lead")]
        )
        for index, r_channel in enumerate(block.rows):
            r = w.row
            channel = ctx.book.channels[index]
            w.put(r, 1, f"=A{r_channel}", "label", cached=channel.name)
            w.put(r, 2, f"=B{r_channel}", "label", cached=channel.kind)
            w.put(r, 7, f"=G{r_channel}", "money", ("lead_costs", index, "investment"))
            w.put(r, 10, f"=J{r_channel}", "count", ("lead_costs", index, "leads"))
            w.put(
                r,
                11,
                "=" + na_ratio(f"G{r}", f"J{r}"),
                "money",
                ("lead_costs", index, "cost_per_lead"),
            )
            w.row += 1
        for label, key in (
            (_("All social channels"), "social_lead_cost"),
            (_("All other channels"), "other_lead_cost"),
        ):
            r = w.row
            w.put(r, 1, label, "label")
            # The Kind column shows the Channels table's words, as in the rows above.
            w.put(r, 2, "Social" if key.startswith("social") else "Other", "label")
            if key.startswith("social"):
                w.put(r, 7, "=" + ctx.investment_total(), "money", (key, "investment"))
                w.put(r, 10, f'=SUMIF({kinds},"Social",{leads})', "count", (key, "leads"))
            else:
                w.put(
                    r,
                    7,
                    f'=SUMIF({kinds},"Other",{investment})',
                    "money",
                    (key, "investment"),
                )
                w.put(r, 10, f'=SUMIF({kinds},"Other",{leads})', "count", (key, "leads"))
            w.put(r, 11, "=" + na_ratio(f"G{r}", f"J{r}"), "money", (key, "cost_per_lead"))
            w.row += 1
