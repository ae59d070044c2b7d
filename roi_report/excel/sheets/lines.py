"""The lines sheets: each row of the Costs, Staff and Results tables normalized once
(dates typed as text, percents as text, the channel's kind, the period it falls in), so
that every figure above them is a plain SUMPRODUCT a reader can follow; and the same
expressions over the Leads table, summed where it stands (no sheet of its own)."""

from __future__ import annotations

from roi_report.excel.sheets.context import Context, LeadColumns, Section
from roi_report.excel.sheets.core import (
    BANDS_SHEET,
    INVESTMENT_LINES,
    RESULT_LINES,
    TableRows,
    Writer,
    as_date,
    as_share,
    campaign_label,
    exact_text,
    followed_column,
    ref,
    spans,
)
from roi_report.language import messages_for
from roi_report.metrics.compute import NO_CAMPAIGN, STAFF, UNSCORED, result_values
from roi_report.workbook import contract as c

_ = messages_for(__name__).gettext


class Lines(Section):
    sheets = (INVESTMENT_LINES, RESULT_LINES)

    def prepare(self, ctx: Context) -> None:
        self.investment_lines(ctx)
        self.result_lines(ctx)
        self.lead_expressions(ctx)

    @staticmethod
    def _header(w: Writer, title: str, labels: list[str]) -> int:
        w.title(
            title,
            _(
                "One row per table row, and spare rows for rows typed under the table (blank "
                "rows count nothing); every figure sheet sums these columns."
            ),
        )
        w.row = 3
        first = w.header(labels)
        w.spec.freeze = f"A{first}"
        # Campaign names are the long texts here; the rest are dates, flags and amounts.
        campaign = _("Campaign")
        w.spec.widths.update(
            {col: 28 if label == campaign else 14 for col, label in enumerate(labels, start=1)}
        )
        return first

    @staticmethod
    def _basics_headers() -> list[str]:
        """Headers of the columns put_row_basics fills."""
        return [_("Date"), _("Channel"), _("Social?"), _("Type"), _("Campaign")]

    @staticmethod
    def _flags_headers() -> list[str]:
        """Headers of the columns _period_flags fills."""
        return [_("In period"), _("In comparison period")]

    def investment_lines(self, ctx: Context) -> None:
        w = ctx.writer(INVESTMENT_LINES)
        first = self._header(
            w,
            _("Investment lines (Costs and Staff)"),
            [
                _("Sheet"),
                _("Row"),
                *self._basics_headers(),
                _("Category"),
                _("Band of funnel stage"),
                _("Investment"),
                *self._flags_headers(),
            ],
        )
        for table in ("Costs", "Staff"):
            self._investment_block(ctx, w, table)
        ctx.il = spans(
            INVESTMENT_LINES,
            first,
            w.row - 1,
            [
                "date",
                "channel",
                "social",
                "type",
                "campaign",
                "category",
                "band",
                "amount",
                "inp",
                "inc",
            ],
            start_col=3,
        )

    @staticmethod
    def put_row_basics(ctx: Context, w: Writer, col: int, table: TableRows) -> str:
        """Date, channel, social flag, type and campaign of a table's rows, in columns col to
        col + 4 of a lines sheet: both lines sheets normalize them alike. Returns the range
        of dates."""
        first, column, cached = w.row, table.column, table.cached
        dates = w.column(first, col, "=" + as_date(column("date")), "date", cached("date"))
        channels = w.column(
            first, col + 1, f"=TRIM({column('channel')})", "label", cached("channel")
        )
        w.column(
            first,
            col + 2,
            f'=IF({channels}="All",1,{ctx.is_social(channels)})',
            "count",
            [int(ctx.book.is_social(c)) if c else 0 for c in cached("channel")],
        )
        w.column(first, col + 3, f"=TRIM({column('type')})", "label", cached("type"))
        campaign, none = column("campaign"), campaign_label(NO_CAMPAIGN)
        w.column(
            first,
            col + 4,
            f'=IF(TRIM({campaign})="","{none}",TRIM({campaign}))'
            if campaign
            else f'=IF(ROW({dates})>0,"{none}")',
            "label",
            [campaign_label(name or NO_CAMPAIGN) for name in cached("campaign")],
        )
        return dates

    def _investment_block(self, ctx: Context, w: Writer, name: str) -> None:
        table = ctx.table_rows(name, (i for i in ctx.book.investment if i.sheet == name))
        if table is None:
            return
        first, rows, column, cached = w.row, table.rows, table.column, table.cached
        w.values(first, 1, [name] * len(rows), "label")
        w.values(first, 2, list(rows), "count")
        dates = self.put_row_basics(ctx, w, 3, table)
        if name == "Costs":
            w.column(first, 8, f"=TRIM({column('category')})", "label", cached("category"))
            stage = column("funnel_stage")
            bands = c.FUNNEL_STAGE_BAND
            w.column(
                first,
                9,
                (
                    f'=IF(TRIM({stage})="Awareness","{bands["Awareness"]}",'
                    f'IF(TRIM({stage})="Consideration","{bands["Consideration"]}",'
                    f'IF(TRIM({stage})="Decision","{bands["Decision"]}","")))'
                )
                if stage
                else f'=IF(ROW({dates})>0,"")',
                "label",
                [bands.get(stage, "") for stage in cached("funnel_stage")],
            )
            share = column("social_share")
            amount = column("amount")
            formula = f"={amount}*{as_share(share)}" if share else f"={amount}*1"
        else:
            w.values(first, 8, [STAFF] * len(rows), "label")
            w.values(first, 9, [""] * len(rows), "label")
            formula = f"={column('hourly_rate')}*{column('hours')}"
        w.column(first, 10, formula, "money", cached("amount", 0))
        self._period_flags(ctx, w, first, dates, cached("date", None))
        w.row = first + len(rows)

    @staticmethod
    def _period_flags(ctx: Context, w: Writer, first: int, dates: str, days: list) -> None:
        periods = ctx.metrics.periods

        def flags(start, end):
            return [int(day is not None and start <= day <= end) for day in days]

        w.column(first, 11, ctx.in_period(dates), "count", flags(periods.start, periods.end))
        w.column(
            first,
            12,
            ctx.in_compare(dates),
            "count",
            flags(periods.compare_start, periods.compare_end)
            if periods.compare_start is not None
            else [0] * len(days),
        )

    def result_lines(self, ctx: Context) -> None:
        w, goals = ctx.writer(RESULT_LINES), ctx.goals
        first = self._header(
            w,
            _("Result lines"),
            [
                _("Row"),
                *self._basics_headers(),
                _("Metric"),
                _("Count"),
                _("Value of one result"),
                _("Return"),
                *self._flags_headers(),
            ],
        )
        table = ctx.table_rows("Results", ctx.book.results)
        if table is not None:
            rows, cached = table.rows, table.cached
            values = dict(zip((r.row for r in ctx.book.results), result_values(ctx.book)))
            w.values(first, 1, list(rows), "count")
            dates = self.put_row_basics(ctx, w, 2, table)
            metric = w.column(
                first, 7, f"=TRIM({table.column('metric')})", "label", cached("metric")
            )
            count = w.column(first, 8, f"={table.column('count')}*1", "number", cached("count", 0))
            channel = f"$C${first}:$C${first + len(rows) - 1}"
            # One element per result row and goal: MMULT sums a goal's value over the goals
            # it matches, where SUMPRODUCT would sum over every row at once.
            on_metric = f"({metric}=TRANSPOSE({goals.metric}))"
            exact = f"{on_metric}*({channel}=TRANSPOSE({goals.channel}))"
            on_all = f'{on_metric}*(TRANSPOSE({goals.channel})="All")'
            value = w.column(
                first,
                9,
                f"=IF(MMULT({exact},ROW({goals.value})^0)>0,MMULT({exact},{goals.value}),"
                f"MMULT({on_all},{goals.value}))",
                "money",
                [values.get(r, 0) for r in rows],
            )
            w.column(
                first,
                10,
                f"={count}*{value}",
                "money",
                [n * values.get(r, 0) for r, n in zip(rows, cached("count", 0))],
            )
            self._period_flags(ctx, w, first, dates, cached("date", None))
            w.row = first + len(rows)
        ctx.rl = spans(
            RESULT_LINES,
            first,
            w.row - 1,
            [
                "date",
                "channel",
                "social",
                "type",
                "campaign",
                "metric",
                "count",
                "value",
                "amount",
                "inp",
                "inc",
            ],
            start_col=2,
        )

    @staticmethod
    def lead_expressions(ctx: Context) -> None:
        """Array expressions over the user's Leads columns, one element per lead.

        Leads are summed where they stand, with no lines sheet: a CRM export of a million
        rows stays a few dozen formulas. SUMPRODUCT evaluates these element by element.
        """
        layout = ctx.layout.tables.get("Leads")
        period = ctx.settings

        def column(key):
            return followed_column(layout, key)

        def one_of(cells, words, *more):
            """1 where the cell reads as one of `words` (any case) or `more` holds, else 0."""
            tests = [f'(TRIM({cells})="{word}")' for word in words] + list(more)
            return "SIGN(" + "+".join(tests) + ")"

        def within(key, start, end):
            day = as_date(column(key), blank="0")
            return f"({day}>={start})*({day}<={end})"

        def social(key):
            return f"ISNUMBER(MATCH({exact_text(f'TRIM({column(key)})')},{ctx.channels.social},0))"

        score, stage = column("score"), column("stage")
        won = one_of(stage, ["Won", *(a for a, s in c.STAGE_ALIASES.items() if s == "Won")])
        yes_words = ["Yes", *(a for a, v in c.YES_NO_ALIASES.items() if v == "Yes")]
        won_date = column("won_date")
        via, assist = column("converted_via"), column("social_assist")

        def won_in(start, end):
            return f'{won}*({won_date}<>"")*{within("won_date", start, end)}' if won_date else "0"

        ll = {
            "source": f"TRIM({column('source')})",
            "social": f"({social('source')}*1)",
            "inp": within("created", period.start, period.end),
            "inc": within("created", period.compare_start, period.compare_end),
            "won": won,
            "revenue": column("revenue") or "0",
            "conversion": f"({social('converted_via')}*1)" if via else "0",
            "assist": (
                one_of(assist, yes_words, f"({assist}=TRUE)")  # a checkbox's TRUE too
                if assist
                else "0"
            ),
            "won_inp": won_in(period.start, period.end),
            "won_inc": won_in(period.compare_start, period.compare_end),
        }
        ll["any"] = f"(({ll['social']}+{ll['conversion']}+{ll['assist']})>0)"
        slow, fast = period.slow, period.fast
        band = {
            "Slow": f'({score}<>"")*({score}<{slow})',
            "Medium": f'({score}<>"")*({score}>={slow})*({score}<{fast})',
            "Fast": f'({score}<>"")*({score}>={fast})',
            UNSCORED: f'({score}="")',
        }
        # A sum of comparisons rather than SUMIF, whose criteria read * ? ~ = < > specially.
        depth = (
            "("
            + "+".join(
                f"(TRIM({stage})={ref(BANDS_SHEET, 'A', r)})*{ref(BANDS_SHEET, 'B', r)}"
                for r in ctx.stage_rows
            )
            + ")"
        )
        ctx.leads = LeadColumns(ll, band, depth)
