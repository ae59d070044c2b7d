"""ROI Channels: the channel key, each channel's figures, and the organic/paid, category
and campaign slices of social investment and return."""

from __future__ import annotations

from roi_report.excel.sheets.context import ChannelBlock, Context, Section
from roi_report.excel.sheets.core import (
    CHANNELS,
    campaign_label,
    exact_text,
    na_ratio,
    python_exact_text,
    span,
)
from roi_report.language import N_, messages_for
from roi_report.metrics.compute import STAFF
from roi_report.workbook.contract import CATEGORIES, TYPES

_ = messages_for(__name__).gettext
pgettext = messages_for(__name__).pgettext

SHARED_LABELS = {
    "None": N_("Shared costs (All): not spread (None)"),
    "Even": N_("Shared costs (All): spread evenly (Even)"),
    "Proportional": N_("Shared costs (All): spread by direct investment (Proportional)"),
    "no_direct": N_("Shared costs (All): spread evenly, no direct social costs (Proportional)"),
    "no_social": N_("Shared costs (All): not spread, no social channel"),
}


def type_label(kind: str) -> str:
    """A type (Organic, Paid) as the report shows it; formulas match the contract's word."""
    return {"Organic": pgettext("type", "Organic"), "Paid": pgettext("type", "Paid")}[kind]


def category_label(category: str) -> str:
    labels = {
        "Tools": pgettext("category", "Tools"),
        "Ads": pgettext("category", "Ads"),
        "Materials": pgettext("category", "Materials"),
        "Agency": pgettext("category", "Agency"),
        "Content": pgettext("category", "Content"),
        "Other": pgettext("category", "Other"),
        STAFF: pgettext("category", "Staff"),
    }
    return labels[category]


class Channels(Section):
    sheets = (CHANNELS,)

    def prepare(self, ctx: Context) -> None:
        """The Channels table, trimmed, as the key every other sheet matches channels on."""
        w = ctx.writer(CHANNELS)
        w.title(_("ROI by channel"), ctx.book.settings.client)
        w.spec.widths.update({1: 44, **{col: 15 for col in range(2, 13)}})
        w.heading(
            _("Channels"),
            _(
                "Investment and return of the report period. Shared costs (channel "
                "All) are spread to social channels by the Shared costs setting."
            ),
        )
        w.header(
            [
                _("Channel"),
                _("Kind"),
                _("Costs"),
                _("Staff"),
                _("Direct investment"),
                _("Shared costs spread"),
                _("Investment"),
                _("Return"),
                _("ROI"),
                _("Leads"),
                _("Cost per lead"),
                _("Key if social"),
            ]
        )
        w.spec.hidden.add(12)
        rows = ctx.layout.tables["Channels"].rows
        first = w.row
        channel_rows = []
        for row, channel in zip(rows, ctx.book.channels):
            name, kind = ctx.user("Channels", "channel", row), ctx.user("Channels", "kind", row)
            w.put(w.row, 1, f"=TRIM({name})", "label", cached=channel.name)
            w.put(w.row, 2, f"=TRIM({kind})", "label", cached=channel.kind)
            # A lone space never equals a trimmed name, so other channels never match.
            w.put(
                w.row,
                12,
                f'=IF(B{w.row}="Social",{exact_text(f"A{w.row}")}," ")',
                "label",
                cached=python_exact_text(channel.name) if channel.is_social else " ",
            )
            channel_rows.append(w.row)
            w.row += 1
        last = w.row - 1
        ctx.channels = ChannelBlock(
            name=span(CHANNELS, 1, first, last),
            kind=span(CHANNELS, 2, first, last),
            social=span(CHANNELS, 12, first, last),
            first=first,
            last=last,
            rows=tuple(channel_rows),
        )

    def write(self, ctx: Context) -> None:
        self.channel_figures(ctx)
        self.slices(ctx)

    def channel_figures(self, ctx: Context) -> None:
        w, il, rl, ll = ctx.writer(CHANNELS), ctx.il, ctx.rl, ctx.leads.flags
        block, shared_mode = ctx.channels, ctx.settings.shared_mode
        kinds = block.kinds
        direct = block.column("E")
        # The All row goes right under the channels: it is where shared costs come from.
        shared_row = w.row
        total_shared = f"$C${shared_row}"
        social_count = f'COUNTIF({kinds},"Social")'
        social_direct = f'SUMIF({kinds},"Social",{direct})'
        for index, r in enumerate(block.rows):
            path = ("channels", index)
            w.put(
                r,
                3,
                "="
                + ctx.sum_investment(
                    f"({il['channel']}=A{r})", il["inp"], f'({il["category"]}<>"{STAFF}")'
                ),
                "money",
                (*path, "costs"),
            )
            w.put(
                r,
                4,
                "="
                + ctx.sum_investment(
                    f"({il['channel']}=A{r})", il["inp"], f'({il["category"]}="{STAFF}")'
                ),
                "money",
                (*path, "staff"),
            )
            figures = ctx.metrics.channels[index]
            w.put(r, 5, f"=C{r}+D{r}", "money", cached=figures.costs + figures.staff)
            w.put(
                r,
                6,
                f'=IF(OR(B{r}<>"Social",{social_count}=0),0,IF({shared_mode}="Even",'
                f'{total_shared}/{social_count},IF({shared_mode}="Proportional",'
                f"IF({social_direct}>0,{total_shared}*E{r}/{social_direct},"
                f"{total_shared}/{social_count}),0)))",
                "money",
                (*path, "shared_allocation"),
            )
            w.put(r, 7, f"=E{r}+F{r}", "money", (*path, "investment"))
            w.put(
                r,
                8,
                "=" + ctx.sum_return(f"({rl['channel']}=A{r})", rl["inp"]),
                "money",
                (*path, "return"),
            )
            w.put(r, 9, "=" + na_ratio(f"(H{r}-G{r})", f"G{r}"), "percent", (*path, "roi_pct"), 100)
            w.put(
                r, 10, f"=SUMPRODUCT(({ll['source']}=A{r})*{ll['inp']})", "count", (*path, "leads")
            )
            w.put(r, 11, "=" + na_ratio(f"G{r}", f"J{r}"), "money", (*path, "cost_per_lead"))
        r = shared_row
        mode = shared_mode
        labels = {case: _(label) for case, label in SHARED_LABELS.items()}
        w.put(
            r,
            1,
            f'=IF({social_count}=0,"{labels["no_social"]}",IF({mode}="None",'
            f'"{labels["None"]}",IF({mode}="Even","{labels["Even"]}",'
            f'IF({social_direct}>0,"{labels["Proportional"]}",'
            f'"{labels["no_direct"]}"))))',
            "label",
            cached=labels[self.shared_case(ctx)],
        )
        w.put(r, 2, pgettext("kind", "Shared"), "label")
        w.put(
            r,
            3,
            "=" + ctx.sum_investment(f'({il["channel"]}="All")', il["inp"]),
            "money",
            ("shared_investment",),
        )
        w.put(
            r,
            7,
            f'=IF(OR({shared_mode}="None",{social_count}=0),C{r},0)',
            "money",
            ("shared", "investment"),
        )
        w.put(
            r,
            8,
            "=" + ctx.sum_return(f'({rl["channel"]}="All")', rl["inp"]),
            "money",
            ("shared", "return"),
        )
        w.put(r, 9, "=" + na_ratio(f"(H{r}-G{r})", f"G{r}"), "percent", ("shared", "roi_pct"), 100)
        w.row += 1

    @staticmethod
    def shared_case(ctx: Context) -> str:
        """Whether and how shared costs were spread: the key of SHARED_LABELS."""
        mode = ctx.book.settings.shared_costs
        if not ctx.book.social_channels:
            return "no_social"
        direct = sum(c.costs + c.staff for c in ctx.metrics.channels if c.kind == "Social")
        return "no_direct" if mode == "Proportional" and direct <= 0 else mode

    def slices(self, ctx: Context) -> None:
        w, il = ctx.writer(CHANNELS), ctx.il
        w.heading(_("Organic and paid"), _("Social channels and shared costs only."))
        w.header([_("Type"), "", "", "", "", "", _("Investment"), _("Return"), _("ROI")])
        for index, kind in enumerate(TYPES):
            # The label is translated; the lines hold the contract's word, matched literally.
            self._slice_row(ctx, "types", index, type_label(kind), f'"{kind}"', "type")
        w.heading(
            _("Investment by category"),
            _("Effective costs (amount × social share) and staff time (hourly rate × hours)."),
        )
        w.header([_("Category"), "", "", "", "", "", _("Investment")])
        for index, category in enumerate((*CATEGORIES, STAFF)):
            r = w.row
            w.put(r, 1, category_label(category), "label")
            w.put(
                r,
                7,
                "="
                + ctx.sum_investment(il["social"], il["inp"], f'({il["category"]}="{category}")'),
                "money",
                ("investment_by_category", index, "amount"),
            )
            w.row += 1
        w.heading(_("Campaigns"), _("Campaigns with social investment or return in the period."))
        w.header([_("Campaign"), "", "", "", "", "", _("Investment"), _("Return"), _("ROI")])
        if not ctx.metrics.campaigns:
            w.put(w.row, 1, _("No campaign has social investment or return in the period."), "note")
            w.row += 1
        for index, campaign in enumerate(ctx.metrics.campaigns):
            # A campaign name as typed: the lines sheets spell it (or "(no campaign)") alike.
            name = campaign_label(campaign.name)
            self._slice_row(ctx, "campaigns", index, name, f"A{w.row}", "campaign")

    @staticmethod
    def _slice_row(ctx: Context, key: str, index: int, label: str, match: str, column: str) -> None:
        """One row of investment, return and ROI of the lines whose `column` equals `match`
        (a cell or a quoted word), under the label `label`."""
        w, il, rl = ctx.writer(CHANNELS), ctx.il, ctx.rl
        r, path = w.row, (key, index)
        w.put(r, 1, label, "label", literal=True)
        w.put(
            r,
            7,
            "=" + ctx.sum_investment(il["social"], il["inp"], f"({il[column]}={match})"),
            "money",
            (*path, "investment"),
        )
        w.put(
            r,
            8,
            "=" + ctx.sum_return(rl["social"], rl["inp"], f"({rl[column]}={match})"),
            "money",
            (*path, "return"),
        )
        w.put(r, 9, "=" + na_ratio(f"(H{r}-G{r})", f"G{r}"), "percent", (*path, "roi_pct"), 100)
        w.row += 1
