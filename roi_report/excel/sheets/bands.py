"""ROI Lead bands: leads by score band (Slow, Medium, Fast), their cost and the funnel."""

from __future__ import annotations

from roi_report.excel.cells import column_letter
from roi_report.excel.sheets.context import Context, Section
from roi_report.excel.sheets.core import BANDS_SHEET, change, na, na_ratio
from roi_report.language import messages_for
from roi_report.metrics.compute import UNSCORED
from roi_report.workbook import contract as c
from roi_report.workbook.contract import BANDS, FUNNEL, STAGE_DEPTH

_ = messages_for(__name__).gettext
pgettext = messages_for(__name__).pgettext


def band_label(band: str) -> str:
    labels = {
        "Slow": pgettext("band", "Slow"),
        "Medium": pgettext("band", "Medium"),
        "Fast": pgettext("band", "Fast"),
        UNSCORED: pgettext("band", "Unscored"),
    }
    return labels[band]


def stage_label(stage: str) -> str:
    """A funnel stage as the figures show it. The depth table keeps the contract's words:
    the leads' stages are matched on them."""
    labels = {
        "Lead": pgettext("stage", "Lead"),
        "MQL": pgettext("stage", "MQL"),
        "SQL": pgettext("stage", "SQL"),
        "Opportunity": pgettext("stage", "Opportunity"),
        "Won": pgettext("stage", "Won"),
    }
    return labels[stage]


class Bands(Section):
    sheets = (BANDS_SHEET,)

    def prepare(self, ctx: Context) -> None:
        """The depth of each stage name, which the leads' funnel depth is matched on."""
        w = ctx.writer(BANDS_SHEET)
        w.title(_("Lead bands"), ctx.book.settings.client)
        w.spec.widths.update({1: 26, **{col: 14 for col in range(2, 20)}})
        w.heading(
            _("Funnel depth of each stage"), _("A lost lead reached Opportunity but not Won.")
        )
        w.header([_("Stage"), _("Depth")])
        aliases = {alias.title(): STAGE_DEPTH[stage] for alias, stage in c.STAGE_ALIASES.items()}
        for stage, depth in {**STAGE_DEPTH, **aliases}.items():
            w.put(w.row, 1, stage, "label")
            w.put(w.row, 2, depth, "count")
            ctx.stage_rows.append(w.row)
            w.row += 1

    def write(self, ctx: Context) -> None:
        w, il, ll, leads = ctx.writer(BANDS_SHEET), ctx.il, ctx.leads.flags, ctx.leads
        has_compare = ctx.settings.has_compare
        w.heading(
            _("Bands"),
            _(
                "Leads created in the period whose source is a social channel. "
                "Investment = costs with the band's funnel stage + the rest of the investment "
                "spread by the band's share of leads."
            ),
        )
        labels = [
            _("Band"),
            _("Leads"),
            _("Leads, comparison period"),
            _("Growth"),
            _("Won"),
            _("Win rate"),
            _("Revenue"),
            _("Staged investment"),
            _("Investment"),
            _("Cost per lead"),
            _("Cost per won deal"),
            _("ROI"),
        ] + [_("Reached {stage}").format(stage=stage_label(stage)) for stage in FUNNEL]
        w.header(labels)
        names = (*BANDS, UNSCORED)
        first = w.row
        last = first + len(names) - 1
        totals_row = last + 1
        total_leads, unstaged = f"$B${totals_row}", f"$H${totals_row + 1}"
        for index, band in enumerate(names):
            r = w.row
            path = ("bands", index)
            member = f"{leads.band[band]}*{ll['social']}"
            w.put(r, 1, band_label(band), "label", literal=True)
            w.put(r, 2, f"=SUMPRODUCT({member}*{ll['inp']})", "count", (*path, "leads"))
            w.put(
                r,
                3,
                f'=IF({has_compare}=0,"{na()}",SUMPRODUCT({member}*{ll["inc"]}))',
                "count",
                (*path, "previous_leads"),
            )
            w.put(r, 4, change(f"B{r}", f"C{r}"), "percent", (*path, "growth_pct"), 100)
            w.put(r, 5, f"=SUMPRODUCT({member}*{ll['inp']}*{ll['won']})", "count", (*path, "won"))
            w.put(r, 6, "=" + na_ratio(f"E{r}", f"B{r}"), "percent", (*path, "win_rate_pct"), 100)
            w.put(
                r,
                7,
                f"=SUMPRODUCT({member}*{ll['inp']}*{ll['won']}*{ll['revenue']})",
                "money",
                (*path, "revenue"),
            )
            w.put(
                r,
                8,
                # The lines hold the contract's band word; the label beside it is translated.
                "=" + ctx.sum_investment(il["social"], il["inp"], f'({il["band"]}="{band}")'),
                "money",
                (*path, "staged_investment"),
            )
            w.put(
                r,
                9,
                f"=H{r}+IF({total_leads}=0,0,{unstaged}*B{r}/{total_leads})",
                "money",
                (*path, "investment"),
            )
            w.put(r, 10, "=" + na_ratio(f"I{r}", f"B{r}"), "money", (*path, "cost_per_lead"))
            w.put(r, 11, "=" + na_ratio(f"I{r}", f"E{r}"), "money", (*path, "cost_per_won"))
            w.put(
                r, 12, "=" + na_ratio(f"(G{r}-I{r})", f"I{r}"), "percent", (*path, "roi_pct"), 100
            )
            for k in range(len(FUNNEL)):
                w.put(
                    r,
                    13 + k,
                    f"=SUMPRODUCT({member}*{ll['inp']}*({leads.depth}>={k + 1}))",
                    "count",
                    (*path, "reached", k),
                )
            w.row += 1
        r = totals_row
        w.put(r, 1, _("All social leads"), "label")
        bands = ctx.metrics.bands
        w.put(r, 2, f"=SUM(B{first}:B{last})", "count", cached=sum(b.leads for b in bands))
        w.put(
            r, 8, f"=SUM(H{first}:H{last})", "money", cached=sum(b.staged_investment for b in bands)
        )
        w.put(r, 9, f"=SUM(I{first}:I{last})", "money", cached=sum(b.investment for b in bands))
        for k in range(len(FUNNEL)):
            col = column_letter(13 + k)
            w.put(r, 13 + k, f"=SUM({col}{first}:{col}{last})", "count", ("funnel", "reached", k))
        w.put(r + 1, 1, _("Investment not tied to a funnel stage"), "label")
        w.put(
            r + 1,
            8,
            "=" + ctx.sum_investment(il["social"], il["inp"], f'({il["band"]}="")'),
            "money",
            ("unstaged_investment",),
        )
        w.row = r + 2
        self.funnel(ctx, totals_row)

    @staticmethod
    def funnel(ctx: Context, totals_row: int) -> None:
        """The share of leads passing from each stage to the next, and the weakest step."""
        w, weakest = ctx.writer(BANDS_SHEET), ctx.metrics.funnel.weakest
        r = totals_row
        w.heading(_("Funnel"), _("Leads reaching each stage, and the share passing to the next."))
        w.header([_("From"), _("To"), _("Pass-through")])
        step_first = w.row
        for k in range(len(FUNNEL) - 1):
            row = w.row
            w.put(row, 1, stage_label(FUNNEL[k]), "label", literal=True)
            w.put(row, 2, stage_label(FUNNEL[k + 1]), "label", literal=True)
            now, nxt = f"{column_letter(13 + k)}{r}", f"{column_letter(14 + k)}{r}"
            w.put(
                row,
                3,
                "=" + na_ratio(nxt, now),
                "percent",
                ("funnel", "steps", k, "pass_through_pct"),
                100,
            )
            w.row += 1
        passes = f"C{step_first}:C{w.row - 1}"
        w.put(w.row, 1, _("Weakest stage"), "label")
        n = na()
        w.put(
            w.row,
            2,
            f'=IF(COUNT({passes})=0,"{n}",INDEX(A{step_first}:A{w.row - 1},'
            f"MATCH(MIN({passes}),{passes},0)))",
            "label",
            cached=stage_label(weakest.from_stage) if weakest else n,
        )
        w.put(
            w.row,
            3,
            f'=IF(COUNT({passes})=0,"{n}",MIN({passes}))',
            "percent",
            ("funnel", "weakest", "pass_through_pct"),
            100,
        )
        w.row += 1
