"""Goal pacing (contract v1.1) on ROI Goals: the columns right of each goal's Deadline.

Window = Start (blank: Period start) to Deadline; as of = the earlier of Period end and
Deadline; days counted inclusive. Expected to date = Target × elapsed / window days;
projected = actual to date × window days / elapsed days; the status as the contract says.
"""

from __future__ import annotations

from roi_report.excel.sheets.context import Context, Section
from roi_report.excel.sheets.core import GOALS, as_date, na, within
from roi_report.language import messages_for
from roi_report.metrics.pacing import BEHIND_SHARE, days_between
from roi_report.metrics.words import STATUS_WORDS, metric_word

_ = messages_for(__name__).gettext

FIRST_COLUMN = 18  # right of Deadline (column 17 of ROI Goals)


class Pacing(Section):
    def write(self, ctx: Context) -> None:
        w, rl, s = ctx.writer(GOALS), ctx.rl, ctx.settings
        if not ctx.goals.rows:
            return
        labels = [
            _("Start"),
            _("As of"),
            _("Days in window"),
            _("Days elapsed"),
            _("Actual to date"),
            _("Expected to date"),
            _("Projected at deadline"),
            _("Pace"),
            _("Paced (1 = yes)"),
        ]
        header_row = ctx.goals.rows[0] - 1
        for col, label in enumerate(labels, start=FIRST_COLUMN):
            w.put(header_row, col, label, "header")
            w.spec.widths[col] = 14
        w.spec.hidden.add(FIRST_COLUMN + 8)
        words = {key: metric_word(word) for key, word in STATUS_WORDS.items()}
        for index, r in enumerate(ctx.goals.rows):
            goal = ctx.book.goals[index]
            figures = ctx.metrics.goals[index].pace

            def check(key, index=index):
                return ("goals", index, "pace", key)

            first = goal.start or ctx.metrics.periods.start
            as_of = min(ctx.metrics.periods.end, goal.deadline) if goal.deadline else None
            start_cell = ctx.user("Goals", "start", ctx.layout.tables["Goals"].rows[index])
            start = s.start
            if start_cell:  # a Start column: its date, else Period start
                day = as_date(start_cell)
                start = f"IF(ISNUMBER({day}),{day},{s.start})"
            w.put(r, 18, f'=IF(ISNUMBER(Q{r}),{start},"")', "date", cached=first if as_of else "")
            w.put(r, 19, f'=IF(ISNUMBER(Q{r}),MIN({s.end},Q{r}),"")', "date", cached=as_of or "")
            w.put(
                r,
                20,
                f'=IF(ISNUMBER(Q{r}),MAX(Q{r}-R{r}+1,0),"")',
                "count",
                cached=days_between(first, goal.deadline) if as_of else "",
            )
            w.put(
                r,
                21,
                f'=IF(ISNUMBER(Q{r}),MAX(S{r}-R{r}+1,0),"")',
                "count",
                cached=days_between(first, as_of) if as_of else "",
            )
            w.put(
                r,
                26,
                f"=IF(ISNUMBER(Q{r}),IF(ISNUMBER(D{r}),IF(Q{r}>=R{r},1,0),0),0)",
                "count",
                cached=int(figures is not None),
            )
            actual = ctx.goal_actual(r, within(rl["date"], f"R{r}", f"S{r}"))
            w.put(
                r,
                22,
                f'=IF(Z{r}=1,IF(U{r}=0,0,{actual}),"{na()}")',
                "number",
                check("actual_to_date"),
            )
            w.put(
                r,
                23,
                f'=IF(Z{r}=1,D{r}*U{r}/T{r},"{na()}")',
                "number",
                check("expected_to_date"),
            )
            w.put(
                r,
                24,
                f'=IF(Z{r}=1,IF(U{r}=0,"{na()}",V{r}*T{r}/U{r}),"{na()}")',
                "number",
                check("projected"),
            )
            w.put(
                r,
                25,
                f'=IF(Z{r}=1,IF(Q{r}<={s.end},IF(V{r}>=D{r},"{words["met"]}","{words["missed"]}"),'
                f'IF(X{r}="{na()}","{words["on_track"]}",IF(X{r}>=D{r},"{words["on_track"]}",'
                f'IF(X{r}>={BEHIND_SHARE}*D{r},"{words["behind"]}","{words["at_risk"]}")))),"")',
                "label",
                cached=words[figures.status] if figures else "",
            )
