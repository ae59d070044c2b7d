"""ROI Goals: each goal's value of one result, its actual against the target, its cost."""

from __future__ import annotations

from roi_report.excel.sheets.context import Context, GoalBlock, Section
from roi_report.excel.sheets.core import (
    CHANNELS,
    GOALS,
    as_date,
    as_share,
    na,
    na_ratio,
    ref,
    span,
)
from roi_report.language import messages_for

_ = messages_for(__name__).gettext


class Goals(Section):
    sheets = (GOALS,)

    def prepare(self, ctx: Context) -> None:
        w = ctx.writer(GOALS)
        w.title(_("Goals against targets"), ctx.book.settings.client)
        w.spec.widths.update({1: 28, 2: 20, 3: 14, **{col: 14 for col in range(4, 18)}})
        w.heading(
            _("Goals"),
            _(
                "Value of one result = Value per result if given, else Conversion to "
                "customer × Value per customer, else 0. Actual counts the report period."
            ),
        )
        w.header(
            [
                _("Goal"),
                _("Metric"),
                _("Channel"),
                _("Target"),
                _("Conversion to customer"),
                _("Value per customer"),
                _("Value per result"),
                _("Value of one result"),
                _("Actual"),
                _("Actual, comparison period"),
                _("Attainment"),
                _("Value of results"),
                _("Investment"),
                _("Cost per result"),
                _("Target cost per result"),
                _("On target?"),
                _("Deadline"),
            ]
        )
        first = w.row
        goal_rows = []
        layout = ctx.layout.tables.get("Goals")
        n = na()
        for row, goal in zip(layout.rows if layout else (), ctx.book.goals):
            r = w.row

            def cell(key, row=row):
                return ctx.user("Goals", key, row)

            def blank(value):
                return "" if value is None else value

            w.put(r, 1, f"={cell('goal')}", "label", cached=goal.goal)
            w.put(r, 2, f"=TRIM({cell('metric')})", "label", cached=goal.metric)
            w.put(r, 3, f"=TRIM({cell('channel')})", "label", cached=goal.channel)
            w.put(
                r,
                4,
                f'=IF(ISNUMBER({cell("target")}),{cell("target")},"{n}")',
                "number",
                cached=n if goal.target is None else goal.target,
            )
            conversion = cell("conversion")
            w.put(
                r,
                5,
                f'=IF({conversion}="","",{as_share(conversion)})' if conversion else '=""',
                "percent",
                cached=blank(goal.conversion),
            )
            for col, key in ((6, "value_per_customer"), (7, "value_per_result")):
                source = cell(key)
                w.put(
                    r,
                    col,
                    f'=IF(ISNUMBER({source}),{source},"")' if source else '=""',
                    "money",
                    cached=blank(getattr(goal, key)),
                )
            w.put(
                r,
                8,
                f"=IF(ISNUMBER(G{r}),G{r},IF(AND(ISNUMBER(E{r}),ISNUMBER(F{r})),E{r}*F{r},0))",
                "money",
                cached=goal.value_of_result,
            )
            goal_rows.append(r)
            w.row += 1
        last = w.row - 1
        ctx.goals = GoalBlock(
            metric=span(GOALS, 2, first, last),
            channel=span(GOALS, 3, first, last),
            value=span(GOALS, 8, first, last),
            rows=tuple(goal_rows),
        )

    def write(self, ctx: Context) -> None:
        w, rl, has_compare = ctx.writer(GOALS), ctx.rl, ctx.settings.has_compare
        total = ctx.investment_total()
        block = ctx.channels
        n, yes, no = na(), _("Yes"), _("No")
        for index, r in enumerate(ctx.goals.rows):
            path = ("goals", index)
            source_row = ctx.layout.tables["Goals"].rows[index]
            w.put(r, 9, "=" + ctx.goal_actual(r, rl["inp"]), "number", (*path, "actual"))
            w.put(
                r,
                10,
                f'=IF({has_compare}=0,"{n}",{ctx.goal_actual(r, rl["inc"])})',
                "number",
                (*path, "previous_actual"),
            )
            w.put(
                r, 11, "=" + na_ratio(f"I{r}", f"D{r}"), "percent", (*path, "attainment_pct"), 100
            )
            w.put(r, 12, f"=I{r}*H{r}", "money", (*path, "value"))
            w.put(
                r,
                13,
                f'=IF(C{r}="All",{total},SUMPRODUCT(({block.name}=C{r})*'
                f"{ref(CHANNELS, 'G', block.first)}:$G${max(block.first, block.last)}))",
                "money",
                (*path, "investment"),
            )
            w.put(r, 14, "=" + na_ratio(f"M{r}", f"I{r}"), "money", (*path, "cost_per_result"))
            target = ctx.user("Goals", "target_cost_per_result", source_row)
            w.put(
                r,
                15,
                f'=IF(ISNUMBER({target}),{target},"{n}")' if target else f'="{n}"',
                "money",
                (*path, "target_cost_per_result"),
            )
            on_track = ctx.metrics.goals[index].on_track
            w.put(
                r,
                16,
                f'=IF(OR(N{r}="{n}",O{r}="{n}"),"{n}",IF(N{r}<=O{r},"{yes}","{no}"))',
                "label",
                cached=n if on_track is None else (yes if on_track else no),
            )
            deadline = ctx.user("Goals", "deadline", source_row)
            w.put(
                r,
                17,
                f'=IF({deadline}="","",{as_date(deadline)})' if deadline else '=""',
                "date",
                cached=ctx.book.goals[index].deadline or "",
            )
