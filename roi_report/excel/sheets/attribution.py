"""ROI Attribution (contract v1.1): the nine models' credit per channel, as live formulas.

ROI Touch lines holds one row per Touches row (and spare rows): the touch's lead, found by
its Lead ID in the Leads table; whether it counts (its lead is a deal of the period and the
touch is dated on or before the Won date); the positions it holds in its deal's journey,
found by comparing order keys (date, then sheet row) with the other touches of the deal;
and its share of the deal in every model. ROI Attribution sums those shares per channel,
and gives the deals without a counted touch to their Source.

Only SUMPRODUCT, INDEX, comparisons and arithmetic: the same in Excel, LibreOffice,
Gnumeric and the `formulas` package, and no text a user typed is read as a pattern.
"""

from __future__ import annotations

from datetime import date

from roi_report.excel.cells import column_letter
from roi_report.excel.sheets.context import Context, Section
from roi_report.excel.sheets.core import (
    CHANNELS,
    PREFIX,
    as_date,
    followed_column,
    followed_rows,
    ref,
    span,
)
from roi_report.language import N_, messages_for
from roi_report.metrics.attribution import (
    DEAL,
    FIRST,
    HALF_LIFE_DAYS,
    LAST,
    LEAD,
    MIDDLE,
    MODELS,
    WEIGHTS,
)
from roi_report.metrics.words import MODEL_NAMES, metric_word
from roi_report.workbook import contract as c

_ = messages_for(__name__).gettext

ATTRIBUTION = PREFIX + "Attribution"
TOUCH_LINES = PREFIX + "Touch lines"
# Order key of a touch: its date, then its sheet row (a sheet has fewer than 2^20 rows).
ROW_SLOTS = 1_048_576
SERIAL_ZERO = date(1899, 12, 30)  # day 0 of spreadsheet date serials
# Columns of ROI Touch lines.
BASIC = (
    "row",
    "lead_id",
    "date",
    "channel",
    "mark",
    "lead_row",
    "created",
    "won",
    "deal_won",
    "revenue",
    "source",
    "counted",
    "key",
    "before_created",
    "journey",
    "touches",
    "rank",
    "before_count",
    "first",
    "last",
    "lead_creation",
    "has_lead_creation",
    "marks",
    "deal_creation",
    "has_deal_creation",
    "decay",
    "decay_total",
)
# Columns with a formula per row: lookups in Leads by the row found, and sums over the
# touches of one deal. The others are element by element: one array formula per column.
PER_ROW = frozenset(
    (
        "lead_row",
        "created",
        "won",
        "revenue",
        "source",
        "journey",
        "marks",
        "decay_total",
        "holders",
    )
)
# Where a per-row formula's row number goes: no cell or sheet name holds a NUL (XML cannot).
ROW_MARK = "\x00"
# Counts packed into one sum, so one pass over the deal's touches gives several: a deal
# has fewer than PACK touches (far fewer in any CRM), and 1000^5 stays an exact double.
PACK = 1000
# Position models with middle touches: a holder flag and a middle count each.
MIDDLE_MODELS = tuple(m for m in MODELS if MIDDLE in WEIGHTS.get(m, {}))
POSITION_COLUMN = {FIRST: "first", LEAD: "lead_creation", DEAL: "deal_creation", LAST: "last"}
HAS_COLUMN = {LEAD: "has_lead_creation", DEAL: "has_deal_creation"}


def _number(value) -> str:
    return repr(float(value)).rstrip("0").rstrip(".")


class Attribution(Section):
    sheets = (ATTRIBUTION, TOUCH_LINES)

    def write(self, ctx: Context) -> None:
        if ctx.metrics.attribution is None:
            # No Touches sheet (or an empty one): the sheets say how to get attribution, so
            # a results workbook always has the same sheets.
            note = _(
                "Add a Touches sheet with each lead's interactions (see the Instructions "
                "sheet) and build again to see the revenue credited by nine attribution models."
            )
            for name, title in (
                (ATTRIBUTION, _("Attribution of won revenue")),
                (TOUCH_LINES, _("Touch lines")),
            ):
                w = ctx.writer(name)
                w.title(title, ctx.book.settings.client)
                w.put(w.row, 1, note, "note")
            return
        lines = self.touch_lines(ctx)
        self.credits(ctx, lines)

    # ROI Touch lines
    def touch_lines(self, ctx: Context) -> dict[str, str]:
        w = ctx.writer(TOUCH_LINES)
        names = [*BASIC, *(f"holds_{m}" for m in MIDDLE_MODELS), "holds_code", "holders"]
        names += [f"middle_{m}" for m in MIDDLE_MODELS]
        names += [f"share_{m}" for m in MODELS]
        col = {name: index for index, name in enumerate(names, start=1)}
        w.title(
            _("Touch lines"),
            _(
                "One row per Touches row, and spare rows for rows typed under the table; "
                "ROI Attribution sums the shares."
            ),
        )
        w.row = 3
        first = w.header([_label(name) for name in names])
        w.spec.freeze = f"C{first}"
        w.spec.widths.update({index: 13 for index in col.values()})
        layout = ctx.layout.tables["Touches"]
        t_first, t_last = followed_rows(layout)
        rows = list(range(t_first, t_last + 1))
        last = first + len(rows) - 1

        def r_(name):  # a column of this sheet, whole
            return span(TOUCH_LINES, col[name], first, last)

        def user(key):
            return followed_column(layout, key)

        leads = ctx.layout.tables["Leads"]
        l_first = followed_rows(leads)[0]

        def lead(key):
            return followed_column(leads, key)

        cached = _cached_rows(ctx, rows)
        w.values(first, col["row"], rows, "count")
        w.column(first, col["lead_id"], f"=TRIM({user('lead_id')})", "label", cached["lead_id"])
        w.column(first, col["date"], "=" + as_date(user("date")), "date", cached["date"])
        w.column(first, col["channel"], f"=TRIM({user('channel')})", "label", cached["channel"])
        mark = user("touch")
        w.column(
            first,
            col["mark"],
            f'=IF(TRIM({mark})="{c.DEAL_CREATION}",1,0)' if mark else f"=ROW({user('lead_id')})*0",
            "count",
            cached["mark"],
        )
        won_words = ["Won", *(a for a, s in c.STAGE_ALIASES.items() if s == "Won")]
        start, end = ctx.settings.start, ctx.settings.end
        ids = f"TRIM({lead('lead_id')})"
        won_date = lead("won_date")
        revenue = lead("revenue")

        def formulas(x: dict[str, str], per_row: bool) -> dict[str, tuple[str, str]]:
            """Each column's formula over the cells `x` (a row's cells, or whole columns for
            the element-wise columns, written as one array formula each)."""
            k = f"({x['lead_row']}-{l_first - 1})"  # the lead's place in the followed rows
            found: dict[str, tuple[str, str]] = {}

            def at(key):
                return f"INDEX({lead(key)},{k})"

            def put(name, formula, style="count"):
                found[name] = (formula, style)

            def over_deal(*factors):
                """A sum over the touches of this touch's deal (the same lead's row)."""
                return f"SUMPRODUCT(({r_('lead_row')}={x['lead_row']})*{'*'.join(factors)})"

            put(
                "lead_row",
                f'=IF({x["lead_id"]}="",0,SUMPRODUCT(({ids}={x["lead_id"]})*ROW({lead("lead_id")})))',
            )
            put("created", f'=IF({x["lead_row"]}=0,"",{as_date(at("created"))})', "date")
            stage = f"TRIM({at('stage')})"
            is_won = "OR(" + ",".join(f'{stage}="{word}"' for word in won_words) + ")"
            put(
                "won",
                f'=IF({x["lead_row"]}=0,"",IF({is_won},{as_date(at("won_date"))},""))'
                if won_date
                else '=""',
                "date",
            )
            put(
                "deal_won",
                f"=IF(ISNUMBER({x['won']}),IF(({x['won']}>={start})*({x['won']}<={end})=1,"
                f'{x["won"]},""),"")',
                "date",
            )
            put(
                "revenue",
                f'=IF({x["deal_won"]}="",0,N({at("revenue")}))' if revenue else "=0",
                "money",
            )
            put("source", f'=IF({x["lead_row"]}=0,"",TRIM({at("source")}))', "label")
            put(
                "counted",
                f'=IF({x["deal_won"]}="",0,IF(ISNUMBER({x["date"]}),'
                f"IF({x['date']}<={x['deal_won']},1,0),0))",
            )
            put("key", f"=IF({x['counted']}=1,{x['date']}*{ROW_SLOTS}+{x['row']},0)", "number")
            counted = x["counted"]
            # Touches of the deal before and after this one (used per row only).
            earlier = f"({r_('key')}<{x['key']})" if per_row else ""
            later = f"({r_('key')}>{x['key']})" if per_row else ""
            put(
                "before_created",
                f"=IF({counted}=1,IF(ISNUMBER({x['created']}),IF({x['date']}<={x['created']},1,0),"
                "0),0)",
            )
            # Three counts over the deal's touches in one pass (each below PACK): its touches,
            # those before this one, those on or before Created (the first ones in order).
            code = f"(1+{PACK}*{earlier}+{PACK**2}*{r_('before_created')})"
            put(
                "journey",
                f"=IF({counted}=1,{over_deal(r_('counted'), code)},0)",
            )
            journey = x["journey"]
            put("touches", f"=MOD({journey},{PACK})")
            put("rank", f"=MOD(INT({journey}/{PACK}),{PACK})")
            put("before_count", f"=INT({journey}/{PACK**2})")
            put("first", f"=IF({counted}=1,IF({x['rank']}=0,1,0),0)")
            put("last", f"=IF({counted}=1,IF({x['rank']}={x['touches']}-1,1,0),0)")
            put(
                "lead_creation",
                f"=IF({x['before_created']}=1,IF({x['rank']}={x['before_count']}-1,1,0),0)",
            )
            put("has_lead_creation", f"=IF({counted}=1,IF({x['before_count']}>0,1,0),0)")
            # The deal's marked touches, and those after this one.
            after = f"(1+{PACK}*{later})"
            put(
                "marks",
                f"=IF({counted}=1,{over_deal(r_('counted'), r_('mark'), after)},0)",
            )
            put(
                "deal_creation",
                f"=IF({counted}*{x['mark']}=1,IF(INT({x['marks']}/{PACK})=0,1,0),0)",
            )
            put("has_deal_creation", f"=IF({counted}=1,IF(MOD({x['marks']},{PACK})>0,1,0),0)")
            put(
                "decay",
                f"=IF({counted}=1,POWER(2,-({x['deal_won']}-{x['date']})/{HALF_LIFE_DAYS}),0)",
                "number",
            )
            put("decay_total", f"=IF({counted}=1,{over_deal(r_('decay'))},0)", "number")
            packed = []
            for j, m in enumerate(MIDDLE_MODELS):
                weighed = [p for p in WEIGHTS[m] if p != MIDDLE]
                holds = "+".join(x[POSITION_COLUMN[p]] for p in weighed)
                put(f"holds_{m}", f"=IF({counted}=1,SIGN({holds}),0)")
                packed.append(f"{PACK**j}*{x[f'holds_{m}']}")
            put("holds_code", "=" + "+".join(packed), "number")
            # The deal's holders of each model's positions, counted in one pass.
            put("holders", f"=IF({counted}=1,{over_deal(r_('holds_code'))},0)", "number")
            for j, m in enumerate(MIDDLE_MODELS):
                put(
                    f"middle_{m}",
                    f"=IF({counted}=1,{x['touches']}-MOD(INT({x['holders']}/{PACK**j}),{PACK}),0)",
                )
            for m in MODELS:
                put(f"share_{m}", f"=IF({counted}=1,{_share(m, x)},0)", "number")
            return found

        # Each per-row formula built once, its row number left as a placeholder and filled
        # in row by row: building them for every row took most of the sheet's time.
        cells = {name: f"{column_letter(col[name])}{ROW_MARK}" for name in names}
        templates = [
            (col[name], formula.split(ROW_MARK), style, cached[name])
            for name, (formula, style) in formulas(cells, per_row=True).items()
            if name in PER_ROW
        ]
        for index, r in enumerate(range(first, last + 1)):
            number = str(r)
            for column, parts, style, values in templates:
                w.put(r, column, number.join(parts), style, cached=values[index])
        whole = {name: r_(name) for name in names}
        for name, (formula, style) in formulas(whole, per_row=False).items():
            if name not in PER_ROW:
                w.column(first, col[name], formula, style, cached[name])
        return {name: r_(name) for name in names}

    # ROI Attribution
    def credits(self, ctx: Context, tl: dict[str, str]) -> None:
        w = ctx.writer(ATTRIBUTION)
        result = ctx.metrics.attribution
        ll = ctx.leads.flags
        w.title(_("Attribution of won revenue"), ctx.book.settings.client)
        w.spec.widths.update({1: 28, **{col: 14 for col in range(2, 3 + len(MODELS))}})
        w.heading(
            _("Deals of the period"),
            _(
                "Leads won with a Won date in the period. A deal's touches are its Touches rows "
                "dated on or before its Won date; a deal without any goes to its Source."
            ),
        )
        w.header([_("Figure"), _("Value")])
        deals_row = w.row
        w.put(w.row, 1, _("Deals"), "label")  # B of this row: the deals
        w.put(w.row, 2, f"=SUMPRODUCT({ll['won_inp']})", "count", ("attribution", "deals"))
        w.row += 1
        w.put(w.row, 1, _("Revenue"), "label")
        w.put(
            w.row,
            2,
            f"=SUMPRODUCT({ll['won_inp']}*{ll['revenue']})",
            "money",
            ("attribution", "revenue"),
        )
        w.row += 1
        w.put(w.row, 1, _("Deals without touches (credited to Source)"), "label")
        w.put(
            w.row,
            2,
            f"=B{deals_row}-SUMPRODUCT({tl['first']})",
            "count",
            ("attribution", "fallback_deals"),
        )
        w.row += 1
        channel_rows = ctx.channels.rows
        for title, key, style, extra in (
            (_("Revenue credited by model"), "revenue", "money", tl["revenue"]),
            (_("Deals credited by model"), "deals", "number", None),
        ):
            w.heading(title)
            w.header([_("Channel"), *(metric_word(MODEL_NAMES[m]) for m in MODELS)])
            for ci, channel_row in enumerate(channel_rows):
                r = w.row
                name = ref(CHANNELS, "A", channel_row)
                w.put(r, 1, f"={name}", "label", cached=result.models[0].channels[ci].channel)
                source = f"({ll['source']}={name})"
                # Deals without a counted touch: all of the Source's deals less those whose
                # first counted touch exists (one per touched deal).
                if extra is None:
                    fallback = (
                        f"SUMPRODUCT({ll['won_inp']}*{source})"
                        f"-SUMPRODUCT(({tl['source']}={name})*{tl['first']})"
                    )
                else:
                    fallback = (
                        f"SUMPRODUCT({ll['won_inp']}*{source}*{ll['revenue']})"
                        f"-SUMPRODUCT(({tl['source']}={name})*{tl['first']}*{extra})"
                    )
                for mi, m in enumerate(MODELS):
                    factors = [f"({tl['channel']}={name})", tl["counted"], tl[f"share_{m}"]]
                    if extra is not None:
                        factors.append(extra)
                    w.put(
                        r,
                        2 + mi,
                        f"=SUMPRODUCT({'*'.join(factors)})+{fallback}",
                        style,
                        ("attribution", "models", mi, "channels", ci, key),
                    )
                w.row += 1
        w.heading(
            _("Method"),
            _(
                "Each model splits a deal between its touches: first touch, last touch, linear "
                "(equal shares), U-shaped (40 % first, 40 % lead creation, 20 % the rest), "
                "W-shaped (30 % first, lead creation and deal creation, 10 % the rest), full "
                "path (22.5 % each of those and the last touch, 10 % the rest), time decay "
                "(halved every 7 days before the Won date), J-shaped (20 % first, 60 % last, "
                "20 % the rest) and inverse J (60 % first, 20 % last, 20 % the rest). A "
                "position no touch holds gives its weight to the others in proportion."
            ),
        )


def _share(model: str, x: dict[str, str]) -> str:
    """The touch's share of its deal under `model`, from its row's cells `x`."""
    if model == "linear":
        return f"1/{x['touches']}"
    if model == "time_decay":
        return f"{x['decay']}/{x['decay_total']}"
    weights = WEIGHTS[model]
    own, total = [], []
    for position, weight in weights.items():
        if position == MIDDLE:
            continue
        own.append(f"{_number(weight)}*{x[POSITION_COLUMN[position]]}")
        held = x[HAS_COLUMN[position]] if position in HAS_COLUMN else "1"
        total.append(f"{_number(weight)}*{held}")
    if MIDDLE in weights:
        middle, holds = x[f"middle_{model}"], x[f"holds_{model}"]
        mid = _number(weights[MIDDLE])
        own.append(f"IF(({holds}=0)*({middle}>0)=1,{mid}/{middle},0)")
        total.append(f"IF({middle}>0,{mid},0)")
    return f"({'+'.join(own)})/({'+'.join(total)})"


LABELS = {
    "row": N_("Row"),
    "lead_id": N_("Lead ID"),
    "date": N_("Date"),
    "channel": N_("Channel"),
    "mark": N_("Deal creation mark"),
    "lead_row": N_("Lead's row"),
    "created": N_("Created"),
    "won": N_("Won date"),
    "deal_won": N_("Won in period"),
    "revenue": N_("Revenue"),
    "source": N_("Source"),
    "counted": N_("Counted"),
    "key": N_("Order key"),
    "before_created": N_("On or before Created"),
    "journey": N_("Deal's touches + 1000 × earlier + 1000² × on or before Created"),
    "touches": N_("Touches of the deal"),
    "rank": N_("Earlier touches"),
    "before_count": N_("Touches on or before Created"),
    "first": N_("First"),
    "last": N_("Last"),
    "lead_creation": N_("Lead creation"),
    "has_lead_creation": N_("Deal has lead creation"),
    "marks": N_("Deal's marked touches + 1000 × marked later"),
    "deal_creation": N_("Deal creation"),
    "has_deal_creation": N_("Deal has deal creation"),
    "holds_code": N_("Positions held, one digit group per model"),
    "holders": N_("Deal's holders, one digit group per model"),
    "decay": N_("Time-decay weight"),
    "decay_total": N_("Deal's time-decay weights"),
}


def _label(name: str) -> str:
    if name not in LABELS:
        kind, model = name.split("_", 1)
        word = {"holds": N_("{model}: holds a position"), "middle": N_("{model}: middle touches")}
        if kind == "share":
            return _("{model}: share").format(model=metric_word(MODEL_NAMES[model]))
        return _(word[kind]).format(model=metric_word(MODEL_NAMES[model]))
    return _(LABELS[name])


def _cached_rows(ctx: Context, rows: list[int]) -> dict[str, list]:
    """What Python computed for every cell of ROI Touch lines, row by row."""
    book = ctx.book
    touches, leads = book.touches, book.leads
    credits = ctx.metrics.attribution.touches  # computed once, with the metrics
    period = ctx.metrics.periods
    position = {row: index for index, row in enumerate(touches.rows)}
    per_deal: dict[int, list[int]] = {}
    for t, credit in credits.items():
        per_deal.setdefault(credit.deal, []).append(t)
    out: dict[str, list] = {}

    def add(name, value):
        out.setdefault(name, []).append(value)

    for row in rows:
        t = position.get(row)
        lead = touches.lead[t] if t is not None else None
        credit = credits.get(t)
        held = credit.positions if credit else frozenset()
        won = leads.won_date[lead] if lead is not None and leads.stage[lead] == "Won" else None
        in_period = won is not None and period.start <= won <= period.end
        add("lead_id", leads.lead_id[lead] if lead is not None else "")
        add("date", touches.date[t] if t is not None else "")
        add("channel", touches.channel[t] if t is not None else "")
        add("mark", int(touches.deal_creation[t]) if t is not None else 0)
        add("lead_row", leads.rows[lead] if lead is not None else 0)
        add("created", leads.created[lead] if lead is not None else "")
        add("won", won if won is not None else "")
        add("deal_won", won if in_period else "")
        add("revenue", leads.revenue[lead] if in_period else 0)
        add("source", leads.source[lead] if lead is not None else "")
        add("counted", int(credit is not None))
        day = touches.date[t] if t is not None else None
        add("key", (day - SERIAL_ZERO).days * ROW_SLOTS + row if credit else 0)
        mates = per_deal.get(credit.deal, []) if credit else []
        in_order = sorted(mates, key=lambda u: (touches.date[u], touches.rows[u]))
        before = bool(credit) and day <= leads.created[lead]
        add("before_created", int(before))
        rank = in_order.index(t) if credit else 0
        before_count = sum(1 for u in mates if touches.date[u] <= leads.created[lead])
        add("journey", len(mates) + PACK * rank + PACK**2 * before_count if credit else 0)
        add("touches", len(mates))
        add("rank", rank)
        add("before_count", before_count if credit else 0)
        add("first", int(FIRST in held))
        add("last", int(LAST in held))
        add("lead_creation", int(LEAD in held))
        add("has_lead_creation", int(bool(credit) and before_count > 0))
        marked = [u for u in in_order if touches.deal_creation[u]]
        later_marked = sum(1 for u in marked if in_order.index(u) > rank)
        add("marks", len(marked) + PACK * later_marked if credit else 0)
        add("deal_creation", int(DEAL in held))
        add("has_deal_creation", int(bool(credit) and bool(marked)))
        decay = 2 ** (-(won - day).days / HALF_LIFE_DAYS) if credit else 0
        add("decay", decay)
        add(
            "decay_total",
            sum(2 ** (-(won - touches.date[u]).days / HALF_LIFE_DAYS) for u in mates)
            if credit
            else 0,
        )

        def holds(u, m):
            return int(bool(credits[u].positions & (set(WEIGHTS[m]) - {MIDDLE})))

        code, holders = 0, 0
        for j, m in enumerate(MIDDLE_MODELS):
            add(f"holds_{m}", holds(t, m) if credit else 0)
            code += PACK**j * (holds(t, m) if credit else 0)
            holders += PACK**j * sum(holds(u, m) for u in mates)
        add("holds_code", code)
        add("holders", holders if credit else 0)
        for m in MIDDLE_MODELS:
            add(f"middle_{m}", sum(1 - holds(u, m) for u in mates) if credit else 0)
        for m in MODELS:
            add(f"share_{m}", credit.shares[m] if credit else 0)
    return out
