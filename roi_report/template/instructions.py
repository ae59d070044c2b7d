"""The Instructions sheet, the settings' help lines and the column notes.

The English text is here; the other languages are in the `template` gettext catalogs
(roi_report/locale/<language>/LC_MESSAGES/template.po). Only the explanations are
translated: the contract's sheet names, headers and list values (Costs, Social share,
Paid, Won, ...) stay in English in every language, because the reader matches them.
`{currency}` in a text is replaced with the workbook's currency code.
"""

from __future__ import annotations

from roi_report.language import N_, messages_for, use_language
from roi_report.workbook import contract

_ = messages_for(__name__).gettext

# Block styles of the Instructions sheet.
TITLE, HEADING, TEXT, EXAMPLE = "title", "heading", "text", "example"

# Translators: keep sheet names, column headers and list values (Costs, Social share, Paid,
# Won…) in English: the reader matches them. Use your language's number formats in the
# examples and keep {currency} as it is.
INSTRUCTIONS: tuple[tuple[str, str], ...] = (
    (TITLE, N_("How to fill in this workbook")),
    (
        TEXT,
        N_(
            "This workbook collects everything needed to measure the return on investment "
            "(ROI) of your social media work. Fill in the sheets from left to right, then run "
            "roi-report build on the file: it checks every cell, tells you exactly what to fix "
            "and produces the report. Keep the column headers and the values of the dropdown "
            "lists exactly as they are (they stay in English in every language); you may add "
            "your own columns and sheets — they are ignored."
        ),
    ),
    (HEADING, N_("The method in one minute")),
    (
        TEXT,
        N_(
            "ROI % = (Return − Investment) × 100 / Investment. Investment is what social media "
            "cost you: tools, ads, materials, agency fees, content and your team's time. Return "
            "is what the results are worth: each result (a lead, a demo request, an email "
            "subscriber…) is valued by its goal on the Goals sheet."
        ),
    ),
    (
        EXAMPLE,
        N_(
            "Example: costs of 65,000 {currency} and 12,000 new email subscribers, of whom 1 in "
            "10 becomes a customer worth 150 {currency}. Each subscriber is worth 15 {currency}, "
            "the return is 180,000 {currency} and the ROI is (180,000 − 65,000) × 100 / 65,000 "
            "= 176.9 %."
        ),
    ),
    (HEADING, N_("1. Report — the settings")),
    (
        TEXT,
        N_(
            "Client, Period start and Period end are required. The report covers the period "
            "(both dates included) and compares it with: Previous period — the period right "
            "before it, of the same length (Q3 is compared with Q2; an odd range of days with "
            "the same number of days just before it); Same period last year; or None. Currency "
            "is a three-letter ISO code such as USD, EUR or PLN. Language sets the language of "
            "the report (en, es, fr, pl, de). Shared costs decides how costs entered on the "
            "channel All are split between channels: Proportional (in proportion to each "
            "channel's own costs), Even (equal parts) or None (shown on a separate Shared "
            "line). Slow band below and Fast band from set the lead-score bands (see Leads). "
            "Prepared by, Logo "
            "(an image file next to the workbook), Primary color, Accent color (#RRGGBB) and "
            "Email to are optional."
        ),
    ),
    (HEADING, N_("2. Channels")),
    (
        TEXT,
        N_(
            "List every channel once, with its Kind. Social channels (LinkedIn, Instagram, "
            "TikTok…) are the ones whose ROI is measured. Other channels (email, Google Ads, "
            "events…) are listed so that their cost per lead can be compared with social; they "
            "never count toward social ROI. Do not add a channel called All: All is reserved "
            "for costs and goals shared by every social channel."
        ),
    ),
    (HEADING, N_("3. Costs — count every cost once")),
    (
        TEXT,
        N_(
            "One row per invoice or monthly charge, with its Date, Category (Tools, Ads, "
            "Materials, Agency, Content, Other), Channel and Type (Organic or Paid). Enter "
            "amounts without tax, as positive numbers."
        ),
    ),
    (TEXT, N_("A tool or material used only partly for social media is split with Social share.")),
    (
        EXAMPLE,
        N_(
            "Example: a scheduling and CRM tool costs 100 {currency} a month and is used 40 % "
            "for social media → Amount 100, Social share 40 %. The report counts 40 {currency}. "
            "Leave Social share blank when the cost is 100 % social."
        ),
    ),
    (
        TEXT,
        N_(
            "Use the channel All for costs shared by every social channel (a social media "
            "suite, an agency retainer); the Shared costs setting decides how they are split."
        ),
    ),
    (
        TEXT,
        N_(
            "Never count a cost twice: if your agency's invoice includes ad spend that you "
            "already entered as Ads, enter only the agency's own fee under Agency."
        ),
    ),
    (
        TEXT,
        N_(
            "Funnel stage (optional): Awareness, Consideration or Decision ties a cost to the "
            "Slow, Medium or Fast lead band."
        ),
    ),
    (HEADING, N_("4. Staff — your team's time")),
    (
        TEXT,
        N_(
            "People's time is an investment too. One row per person and stretch of work (a "
            "week, a month): Hourly rate × Hours = staff cost."
        ),
    ),
    (EXAMPLE, N_("Example: 12 hours at 45 {currency} an hour → 540 {currency}.")),
    (HEADING, N_("5. Goals — what a result is worth")),
    (
        TEXT,
        N_(
            "One row per Metric and Channel; use All for a goal that covers every social "
            "channel (a goal on a single channel wins over the All goal). A result is valued by "
            "its Value per result if you enter one; otherwise by Conversion to customer × Value "
            "per customer: the conversion rate you have seen historically and what an average "
            "customer is worth to you."
        ),
    ),
    (
        EXAMPLE,
        N_(
            "Example: 1 email subscriber in 10 becomes a customer worth 150 {currency} → "
            "Conversion to customer 10 %, Value per customer 150: each subscriber is worth "
            "15 {currency}."
        ),
    ),
    (
        TEXT,
        N_(
            "Awareness goals (followers, shares, views) leave the value columns blank: they are "
            "tracked against their Target but add no money to the return. Target cost per "
            "result is the most you want to pay for one result."
        ),
    ),
    (HEADING, N_("6. Results — what happened")),
    (
        TEXT,
        N_(
            "One row per date, channel and metric with the Count achieved, for example the "
            "monthly totals from each platform's analytics. Every Metric must match a goal on "
            "the Goals sheet, on the same channel or on All, spelled the same way."
        ),
    ),
    (HEADING, N_("7. Leads — your CRM export")),
    (
        TEXT,
        N_(
            "Paste one row per lead from your CRM. Source is the channel the lead first came "
            "from; Converted via is the channel of the conversion point; Social assist (Yes/No) "
            "says whether social media touched the lead at any point. Stage follows the funnel "
            "Lead → MQL → SQL → Opportunity → Won, with Lost for opportunities that did not "
            "close. Enter Won date and Revenue for won deals."
        ),
    ),
    (
        TEXT,
        N_(
            "Score (0–100) puts each lead in a band: Slow below the Slow band below setting (40 "
            "by default), Fast from the Fast band from setting (70 by default), Medium in "
            "between. For each band the report shows how many leads came in, how many were "
            "won, what they cost and where the funnel leaks."
        ),
    ),
    (HEADING, N_("8. Good to know")),
    (
        TEXT,
        N_(
            "Dates can be real dates or text in the form 2025-03-14. Percentages can be typed "
            "as 40 % or 0.4. Rows may cover many months: only those in the reported period and "
            "in the comparison period are used. Every column header carries a note — hover over "
            "it, or select a cell below it, to read what to enter."
        ),
    ),
    (HEADING, N_("Columns, sheet by sheet")),
)

SETTING_HELP: dict[str, str] = {
    "client": N_("Client or company name shown on the report (required)."),
    "title": N_("Title on the cover of the report."),
    "period_start": N_("First day of the reported period (required)."),
    "period_end": N_("Last day of the reported period, included (required)."),
    "compare_with": N_("Previous period, Same period last year or None."),
    "currency": N_("Three-letter ISO currency code, e.g. USD, EUR or PLN."),
    "language": N_("Language of the report: en, es, fr, pl or de."),
    "shared_costs": N_(
        "How costs on the channel All reach channels: Proportional, Even or "
        "None (a separate Shared line)."
    ),
    "slow_below": N_("Leads scoring below this are Slow."),
    "fast_from": N_("Leads scoring this or more are Fast; in between they are Medium."),
    "prepared_by": N_("Agency or team name shown on the report (optional)."),
    "logo": N_("Logo image file, path relative to this workbook (optional)."),
    "primary_color": N_("Main brand color of the report, #RRGGBB."),
    "accent_color": N_("Accent color of the report, #RRGGBB."),
    "email_to": N_("Recipients of the report, separated by commas (optional)."),
}

# Notes per table column, keyed by (table name, column key). Each note is at most 225
# characters in every language: Excel refuses longer error messages on a data validation.
_CHANNEL_OR_ALL = N_(
    "A channel from the Channels sheet, or All for one shared by every social channel."
)
_TYPE = N_("Organic (unpaid reach) or Paid (promoted, advertising).")
_CAMPAIGN = N_(
    "Optional campaign name, e.g. Q3 Product launch. Spell it the same way on every sheet."
)

COLUMN_NOTES: dict[tuple[str, str], str] = {
    ("Channels", "channel"): N_(
        "The channel's name, exactly as you use it on the other sheets "
        "(e.g. LinkedIn). Each channel once. Do not use All: it is reserved."
    ),
    ("Channels", "kind"): N_(
        "Social: counts toward social ROI. Other (e.g. Email, Google Ads): "
        "listed only to compare cost per lead."
    ),
    ("Costs", "date"): N_("Date of the cost (invoice or month), e.g. 2025-03-14."),
    ("Costs", "category"): N_("Tools, Ads, Materials, Agency, Content or Other."),
    ("Costs", "channel"): _CHANNEL_OR_ALL,
    ("Costs", "type"): _TYPE,
    ("Costs", "campaign"): _CAMPAIGN,
    ("Costs", "description"): N_("Optional: what was bought, e.g. Canva Pro – monthly plan."),
    ("Costs", "amount"): N_(
        "Amount without tax, a positive number. Do not enter ad spend again inside agency fees."
    ),
    ("Costs", "social_share"): N_(
        "Part of a shared tool or material used for social, 0–100 %. "
        "Blank = 100 %. A tool used 40 % for social: 40 %."
    ),
    ("Costs", "funnel_stage"): N_(
        "Optional: Awareness, Consideration or Decision ties the cost "
        "to the Slow, Medium or Fast lead band."
    ),
    ("Staff", "date"): N_("Date of the work, e.g. the first day of the week or month."),
    ("Staff", "person"): N_("Optional: who did the work."),
    ("Staff", "channel"): _CHANNEL_OR_ALL,
    ("Staff", "type"): _TYPE,
    ("Staff", "campaign"): _CAMPAIGN,
    ("Staff", "hourly_rate"): N_("Cost of one hour of this person's time (pay plus overheads)."),
    ("Staff", "hours"): N_(
        "Hours spent in this stretch of work. Staff cost = Hourly rate × Hours."
    ),
    ("Goals", "goal"): N_("A short name for the goal, e.g. Leads from LinkedIn."),
    ("Goals", "metric"): N_(
        "The result counted, e.g. Leads, Demo requests, Followers. Results "
        "rows use the same Metric."
    ),
    ("Goals", "channel"): N_(
        "The channel this goal covers, or All for every social channel. "
        "Each Metric and Channel pair once."
    ),
    ("Goals", "target"): N_("Optional: how many results you aim for in the reported period."),
    ("Goals", "target_cost_per_result"): N_("Optional: the most you want to pay for one result."),
    ("Goals", "deadline"): N_("Optional: the date by which the target should be reached."),
    ("Goals", "conversion"): N_(
        "Share of these results that historically become customers, "
        "e.g. 10 % (1 in 10). Blank for an awareness goal."
    ),
    ("Goals", "value_per_customer"): N_(
        "What an average customer is worth to you, e.g. "
        "first-year revenue. Blank for an awareness goal."
    ),
    ("Goals", "value_per_result"): N_(
        "Optional: the value of one result, used instead of "
        "Conversion to customer × Value per customer."
    ),
    ("Results", "date"): N_(
        "Date of the results, e.g. the last day of the month for monthly totals."
    ),
    ("Results", "channel"): _CHANNEL_OR_ALL,
    ("Results", "type"): _TYPE,
    ("Results", "campaign"): _CAMPAIGN,
    ("Results", "metric"): N_(
        "Must match a Metric on the Goals sheet (same channel or All), spelled the same way."
    ),
    ("Results", "count"): N_("How many results, e.g. 42 leads."),
    ("Leads", "lead_id"): N_("The lead's ID in your CRM, e.g. L-000123."),
    ("Leads", "created"): N_("Date the lead was created."),
    ("Leads", "source"): N_(
        "Channel where the lead originated (first touch), from the Channels sheet."
    ),
    ("Leads", "score"): N_(
        "Lead score 0–100: Slow below the Slow band setting, Fast from the "
        "Fast band setting, Medium in between."
    ),
    ("Leads", "stage"): N_("Lead, MQL, SQL, Opportunity, Won or Lost."),
    ("Leads", "social_assist"): N_(
        "Yes if social media touched this lead at any point, otherwise No."
    ),
    ("Leads", "converted_via"): N_("Optional: the channel of the conversion point."),
    ("Leads", "won_date"): N_("Date the deal was won (Won leads only)."),
    ("Leads", "revenue"): N_("Revenue of the won deal (Won leads only)."),
    ("Leads", "campaign"): _CAMPAIGN,
}

_NBSP = "\u00a0"


def _no_break(text: str) -> str:
    """A percent sign never starts a line (French, Spanish and German write "40 %")."""
    return text.replace(" %", _NBSP + "%")


def language_or_default(language: object) -> str:
    text = str(language or "").strip().lower()
    return text if text in contract.LANGUAGES else "en"


def instruction_blocks(language: str, currency: str = "USD") -> list[tuple[str, str]]:
    """The Instructions sheet as (style, text) blocks, ending with the column reference."""
    with use_language(language_or_default(language)):
        blocks = [
            (style, _no_break(_(text).replace("{currency}", currency)))
            for style, text in INSTRUCTIONS
        ]
        for table in contract.FACT_TABLES:
            # Translators: a heading of the column reference, {sheet} is an English sheet name.
            blocks.append((HEADING, _("Sheet {sheet}").format(sheet=table.sheet)))
            for column in table.columns:
                note = column_note(table.name, column.key, language)
                if column.required:
                    # Translators: {column} is an English header, {note} its explanation.
                    line = _("{column} — {note}")
                else:
                    # Translators: {column} is an English header, {note} its explanation.
                    line = _("{column} (optional column) — {note}")
                blocks.append((TEXT, line.format(column=column.header, note=note)))
    return blocks


def column_note(table: str, key: str, language: str) -> str:
    with use_language(language_or_default(language)):
        return _no_break(_(COLUMN_NOTES[(table, key)]))


def setting_help(key: str, language: str) -> str:
    with use_language(language_or_default(language)):
        return _no_break(_(SETTING_HELP[key]))
