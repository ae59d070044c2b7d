"""ROI Summary, top: the report settings, read from the Report sheet."""

from __future__ import annotations

from roi_report.excel.sheets.context import Context, Section, SettingsCells
from roi_report.excel.sheets.core import SUMMARY, as_date, na, ref
from roi_report.language import messages_for
from roi_report.workbook.periods import is_whole_months, month_count

_ = messages_for(__name__).gettext


class Settings(Section):
    sheets = (SUMMARY,)

    def prepare(self, ctx: Context) -> None:
        w = ctx.writer(SUMMARY)
        s = ctx.book.settings
        w.title(s.title, s.client)
        w.spec.widths.update({1: 34, 2: 18, 3: 18, 4: 16})
        w.heading(_("Report settings"), _("Read from the Report sheet; change them there."))
        w.header([_("Setting"), _("Value")])

        def setting_row(label, formula, style, path=None, cached=None):
            w.put(w.row, 1, label, "label")
            cell = w.put(w.row, 2, formula, style, path, cached=cached)
            w.row += 1
            return ref(SUMMARY, cell.split("$")[1], int(cell.split("$")[2]))

        def with_default(key, default):
            cell = ctx.setting(key)
            if cell is None:
                return (
                    default
                    if isinstance(default, str) and default.startswith("=")
                    else f'="{default}"'
                )
            return f'=IF(TRIM({cell})="","{default}",TRIM({cell}))'

        start_cell, end_cell = ctx.setting("period_start"), ctx.setting("period_end")
        start = setting_row(
            _("Period start"), "=" + as_date(start_cell), "date", ("periods", "start")
        )
        end = setting_row(_("Period end"), "=" + as_date(end_cell), "date", ("periods", "end"))
        mode = setting_row(
            _("Compare with"),
            with_default("compare_with", "Previous period"),
            "label",
            cached=s.compare_with,
        )
        whole = setting_row(
            _("Whole calendar months?"),
            f"=AND(DAY({start})=1,DAY({end}+1)=1)",
            "label",
            cached=is_whole_months(s.period_start, s.period_end),
        )
        months = setting_row(
            _("Months in period"),
            f"=(YEAR({end})-YEAR({start}))*12+MONTH({end})-MONTH({start})+1",
            "count",
            cached=month_count(s.period_start, s.period_end),
        )
        compare_start = setting_row(
            _("Comparison start"),
            f'=IF({mode}="Previous period",IF({whole},EDATE({start},-{months}),'
            f'{start}-({end}-{start}+1)),IF({mode}="Same period last year",EDATE({start},-12),'
            f'"{na()}"))',
            "date",
            ("periods", "compare_start"),
        )
        compare_end = setting_row(
            _("Comparison end"),
            f'=IF({mode}="Previous period",{start}-1,IF({mode}="Same period last year",'
            f'IF({whole},EOMONTH({end},-12),EDATE({end},-12)),"{na()}"))',
            "date",
            ("periods", "compare_end"),
        )
        has_compare = setting_row(
            _("Has a comparison period (1 = yes)"),
            f"=IF(ISNUMBER({compare_start}),1,0)",
            "count",
            cached=int(ctx.metrics.periods.compare_start is not None),
        )
        shared_mode = setting_row(
            _("Shared costs"),
            with_default("shared_costs", "Proportional"),
            "label",
            cached=s.shared_costs,
        )
        slow, fast = ctx.setting("slow_below"), ctx.setting("fast_from")
        slow = setting_row(
            _("Slow band below"),
            f"=IF(ISNUMBER({slow}),{slow},40)" if slow else "=40",
            "number",
            cached=s.slow_below,
        )
        fast = setting_row(
            _("Fast band from"),
            f"=IF(ISNUMBER({fast}),{fast},70)" if fast else "=70",
            "number",
            cached=s.fast_from,
        )
        ctx.settings = SettingsCells(
            start, end, compare_start, compare_end, has_compare, shared_mode, slow, fast, w.row
        )
