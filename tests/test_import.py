"""roi-report import: each platform's export, written byte for byte as the platform writes
it (encoding, BOM, preamble, footer), into a workbook from `init --example`."""

from __future__ import annotations

import hashlib
import zipfile
from datetime import date, datetime

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from roi_report.cli import main

TAB = "\t"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def ok(result):
    assert result.exit_code == 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.output


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


AWARENESS = ("Impressions", "Clicks", "Conversions", "Engagements")


@pytest.fixture
def workbook(tmp_path):
    """The example workbook (Q3 2026, USD, channels LinkedIn, Instagram, Facebook, Email),
    with goals that value the platforms' metrics too (the example values Leads only)."""
    path = tmp_path / "client.xlsx"
    ok(run("init", path, "--example", "--client", "Acme"))
    book = load_workbook(path)
    goals = book["Goals"]
    for metric in AWARENESS:
        goals.append([metric, metric, "All", 1000, None, None, None, None, 0])
    goals.tables["Goals"].ref = f"A1:{goals.tables['Goals'].ref.split(':')[1][0]}{goals.max_row}"
    book.save(path)
    return path


def table(path, sheet):
    """The rows of a sheet's table as dicts keyed by header."""
    ws = load_workbook(path)[sheet]
    rows = list(ws.iter_rows(values_only=True))
    headers = rows[0]
    return [dict(zip(headers, row)) for row in rows[1:] if any(v is not None for v in row)]


def import_leads(workbook, export):
    """Import a CRM export; `check` passes; the Leads rows by Lead ID."""
    ok(run("import", workbook, export))
    ok(run("check", workbook))
    return {r["Lead ID"]: r for r in table(workbook, "Leads")}


def pick(row, *headers):
    return tuple(row[h].date() if isinstance(row[h], datetime) else row[h] for h in headers)


def imported(path, sheet, source):
    mark = f"Imported from {source}"
    return [r for r in table(path, sheet) if str(r.get("Description") or "").startswith(mark)]


# --- the exports, as each platform writes them -------------------------------------------


def linkedin_export(rows=None, start="9/1/2026", end="9/2/2026", currency="USD") -> bytes:
    """Campaign Manager's download: UTF-16 LE with a BOM, tab-separated, a preamble."""
    header = [
        "Start Date (in UTC)",
        "Account Name",
        "Currency",
        "Campaign Group Name",
        "Campaign Group ID",
        "Campaign Name",
        "Campaign ID",
        "Total Spent",
        "Impressions",
        "Clicks",
        "Leads",
        "Conversions",
    ]
    rows = rows or [
        [
            "9/1/2026",
            "Acme",
            currency,
            "Q3 Growth",
            "601",
            "Decision makers",
            "111",
            "1,234.50",
            "10,000",
            "200",
            "12",
            "0",
        ],
        [
            "9/2/2026",
            "Acme",
            currency,
            "Q3 Growth",
            "601",
            "Decision makers",
            "111",
            "100.00",
            "2,000",
            "40",
            "3",
            "1",
        ],
    ]
    lines = [
        "Campaign Performance Report (in UTC)",
        f'"Report Start: {start}, 12:00 AM"',
        f'"Report End: {end}, 11:59 PM"',
        '"Date Generated: 10/1/2026, 9:14 AM"',
        "",
        TAB.join(header),
        *(TAB.join(row) for row in rows),
    ]
    return ("\r\n".join(lines) + "\r\n").encode("utf-16")  # BOM FF FE, then UTF-16 LE


def meta_export_es() -> bytes:
    """Ads Manager in Spanish: UTF-8 with a BOM, the currency in the spend header, an
    account total row first, Results of a lead campaign beside its Leads column."""
    lines = [
        "Inicio del informe,Fin del informe,Nombre de la campaña,Día,Importe gastado (USD),"
        "Impresiones,Clics en el enlace,Resultados,Indicador de resultado,Clientes potenciales",
        "2026-09-01,2026-09-02,,,380.25,30000,410,25,,",
        "2026-09-01,2026-09-02,Leads Q3,2026-09-01,200.25,16000,220,14,actions:"
        "offsite_conversion.fb_pixel_lead,14",
        "2026-09-01,2026-09-02,Leads Q3,2026-09-02,180,14000,190,11,actions:"
        "offsite_conversion.fb_pixel_lead,11",
    ]
    return b"\xef\xbb\xbf" + ("\n".join(lines) + "\n").encode("utf-8")


def google_export() -> bytes:
    """Google Ads' CSV: report name and range above the header, grouped thousands, `--`,
    and `Total:` rows at the foot."""
    lines = [
        "Campaign report",
        '"September 1, 2026 - September 2, 2026"',
        "Day,Campaign,Campaign type,Currency code,Cost,Impr.,Clicks,Conversions",
        '2026-09-01,Brand search,Search,USD,"1,020.40","12,345",678,9.00',
        "2026-09-02,Brand search,Search,USD,98.10,900,45,--",
        '2026-09-02,Product videos,Video,USD,50.00,"3,000",12,0.00',
        'Total: Account,--,--,USD,"1,168.50","16,245",735,9.00',
        'Total: Search,--,--,USD,"1,118.50","13,245",723,9.00',
    ]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def hubspot_contacts() -> bytes:
    lines = [
        "Record ID,First Name,Last Name,Create Date,Lifecycle Stage,Original Source,"
        "Original Source Drill-Down 1,HubSpot Score,Became a Customer Date,Total Revenue",
        "5101,Ana,Ruiz,2026-09-03 14:22,Marketing Qualified Lead,Paid Social,LinkedIn,72,,",
        "5102,Ben,Kohl,2026-09-04 09:01,Customer,Organic Social,Facebook,,2026-09-20 10:00,4800",
        "5103,Cai,Lee,2026-09-05 17:45,Lead,Organic Search,google,140,,",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def salesforce_opportunities() -> bytes:
    """A Details Only report as CSV, with the footer Salesforce writes under it."""
    lines = [
        '"Opportunity ID","Opportunity Name","Stage","Amount","Close Date","Created Date",'
        '"Lead Source"',
        '"0065g00000AbCdE","Acme renewal","Closed Won","12,000.00","9/15/2026","9/2/2026",'
        '"LinkedIn"',
        '"0065g00000AbCdF","Beta upsell","Negotiation/Review","8,000.00","10/30/2026",'
        '"9/8/2026","Web"',
        '""',
        '""',
        '"Grand Totals (2 records)"',
        '""',
        '""',
        '"Confidential Information - Do Not Distribute"',
        '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."',
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def pipedrive_deals() -> bytes:
    lines = [
        '"Deal - ID","Deal - Title","Deal - Value","Deal - Currency","Deal - Stage",'
        '"Deal - Status","Deal - Deal created","Deal - Won time","Deal - Source channel",'
        '"Deal - Source channel ID"',
        '"77","Gamma pilot","3500","USD","Negotiations Started","Won","2026-09-06 11:00:00",'
        '"2026-09-25 16:30:00","Paid social","instagram"',
        '"78","Delta","900","USD","Qualified","Lost","2026-09-07 08:00:00","","Email marketing",""',
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- each format -------------------------------------------------------------------------


def test_linkedin_utf16_spend_and_results(workbook, tmp_path):
    export = write(tmp_path, "campaign_performance_report.csv", linkedin_export())
    output = ok(run("import", workbook, export))
    assert "LinkedIn Campaign Manager (UTF-16, tab-separated" in output
    costs = imported(workbook, "Costs", "LinkedIn Campaign Manager")
    assert [
        (r["Date"].date(), r["Amount"], r["Campaign"], r["Category"], r["Type"]) for r in costs
    ] == [
        (date(2026, 9, 1), 1234.5, "Q3 Growth", "Ads", "Paid"),
        (date(2026, 9, 2), 100.0, "Q3 Growth", "Ads", "Paid"),
    ]
    results = imported(workbook, "Results", "LinkedIn Campaign Manager")
    counted = {(r["Date"].date().day, r["Metric"]): r["Count"] for r in results}
    assert counted == {
        (1, "Impressions"): 10000,
        (1, "Clicks"): 200,
        (1, "Leads"): 12,
        (2, "Impressions"): 2000,
        (2, "Clicks"): 40,
        (2, "Leads"): 3,
        (2, "Conversions"): 1,
    }
    assert all(r["Description"].endswith("campaign_performance_report.csv") for r in results)
    ok(run("check", workbook))


def test_metrics_no_goal_values_are_imported_and_said(tmp_path):
    """Every result metric is tracked; those no goal values are named as worth nothing."""
    path = tmp_path / "plain.xlsx"
    ok(run("init", path, "--example", "--client", "Acme"))
    output = ok(run("import", path, write(tmp_path, "li.csv", linkedin_export())))
    assert (
        "no goal values Impressions, Clicks, Conversions: tracked in Results, but worth "
        "nothing in the ROI until a row of the Goals sheet values that Metric"
    ) in output
    results = imported(path, "Results", "LinkedIn")
    assert {r["Metric"] for r in results} == {"Leads", "Impressions", "Clicks", "Conversions"}
    assert sum(r["Count"] for r in results if r["Metric"] == "Impressions") == 12000
    ok(run("check", path))


def test_campaign_level_middle(workbook, tmp_path):
    export = write(tmp_path, "li.csv", linkedin_export())
    ok(run("import", workbook, export, "--campaign-level", "middle"))
    costs = imported(workbook, "Costs", "LinkedIn")
    assert {r["Campaign"] for r in costs} == {"Decision makers"}


def test_meta_spanish_counts_results_once_and_skips_the_total_row(workbook, tmp_path):
    export = write(tmp_path, "meta.csv", meta_export_es())
    output = ok(run("import", workbook, export))
    assert "headers in Spanish" in output
    assert "total rows without a campaign name" in output
    costs = imported(workbook, "Costs", "Meta Ads Manager")
    # The workbook has no channel Meta but has Facebook: the spend goes there.
    assert [(r["Channel"], r["Amount"]) for r in costs] == [("Facebook", 200.25), ("Facebook", 180)]
    leads = [r for r in imported(workbook, "Results", "Meta") if r["Metric"] == "Leads"]
    assert [r["Count"] for r in leads] == [14, 11]  # not 28 and 22
    ok(run("check", workbook))


def test_meta_xlsx_raw_data_report(workbook, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "Raw Data Report"
    sheet.append(["Campaign name", "Day", "Amount spent (USD)", "Impressions", "Link clicks"])
    sheet.append(["Retargeting", "2026-09-03", 55.5, 4000, 80])
    path = tmp_path / "meta.xlsx"
    book.save(path)
    output = ok(run("import", workbook, path))
    assert "XLSX" in output
    assert [r["Amount"] for r in imported(workbook, "Costs", "Meta")] == [55.5]


def test_google_ads_preamble_footer_and_video_as_youtube(workbook, tmp_path):
    export = write(tmp_path, "Campaign report.csv", google_export())
    output = ok(run("import", workbook, export))
    costs = imported(workbook, "Costs", "Google Ads")
    assert [(r["Channel"], r["Amount"]) for r in costs] == [
        ("Google Ads", 1020.4),
        ("Google Ads", 98.1),
        ("YouTube", 50),
    ]
    channels = {r["Channel"]: r["Kind"] for r in table(workbook, "Channels")}
    assert channels["Google Ads"] == "Other" and channels["YouTube"] == "Social"
    assert "new channel Google Ads (Other)" in output
    ok(run("check", workbook))


def test_google_ads_excel_csv_utf16(workbook, tmp_path):
    text = google_export().decode("utf-8").replace(",", "\t")
    text = text.replace('"1\t020.40"', "1,020.40").replace('"12\t345"', "12,345")
    text = text.replace('"3\t000"', "3,000")
    export = write(tmp_path, "excel.csv", text.encode("utf-16"))
    ok(run("import", workbook, export))
    assert [r["Amount"] for r in imported(workbook, "Costs", "Google Ads")][0] == 1020.4


def test_hubspot_contacts_into_leads(workbook, tmp_path):
    export = write(tmp_path, "hubspot-crm-exports-all-contacts.csv", hubspot_contacts())
    output = ok(run("import", workbook, export))
    leads = {r["Lead ID"]: r for r in table(workbook, "Leads")}
    ana, ben, cai = (
        leads["hubspot-contact-5101"],
        leads["hubspot-contact-5102"],
        leads["hubspot-contact-5103"],
    )
    assert (ana["Source"], ana["Stage"], ana["Score"], ana["Created"].date()) == (
        "LinkedIn",
        "MQL",
        72,
        date(2026, 9, 3),
    )
    assert (ben["Source"], ben["Stage"], ben["Score"], ben["Won date"].date(), ben["Revenue"]) == (
        "Facebook",
        "Won",
        None,
        date(2026, 9, 20),
        4800,
    )
    assert (cai["Source"], cai["Score"]) == ("Search", 100)  # HubSpot scores run past 100
    assert "scores above 100" in output
    channels = {r["Channel"]: r["Kind"] for r in table(workbook, "Channels")}
    assert channels["Search"] == "Other"
    ok(run("check", workbook))


def test_salesforce_footer_and_stages(workbook, tmp_path):
    export = write(tmp_path, "report1700000000000.csv", salesforce_opportunities())
    leads = import_leads(workbook, export)
    won = ("Won", 12000, date(2026, 9, 15))
    assert pick(leads["0065g00000AbCdE"], "Stage", "Revenue", "Won date") == won
    open_ = ("Opportunity", "Web", None)
    assert pick(leads["0065g00000AbCdF"], "Stage", "Source", "Revenue") == open_
    assert not any("Grand Totals" in str(k) for k in leads)


def test_pipedrive_deals(workbook, tmp_path):
    leads = import_leads(workbook, write(tmp_path, "deals-export.csv", pipedrive_deals()))
    assert pick(leads["pipedrive-deal-77"], "Stage", "Source", "Revenue") == (
        "Won",
        "Instagram",
        3500,
    )
    assert pick(leads["pipedrive-deal-78"], "Stage", "Source") == ("Lost", "Email")


# --- re-import, dry run, the rest of the workbook ---------------------------------------


def test_reimport_replaces_rows_it_brought(workbook, tmp_path):
    export = write(tmp_path, "li.csv", linkedin_export())
    ok(run("import", workbook, export))
    before = len(table(workbook, "Costs"))
    output = ok(run("import", workbook, export))
    assert "2 rows of an earlier import replaced" in output
    assert len(table(workbook, "Costs")) == before
    assert len(imported(workbook, "Costs", "LinkedIn Campaign Manager")) == 2
    hub = write(tmp_path, "contacts.csv", hubspot_contacts())
    ok(run("import", workbook, hub))
    ok(run("import", workbook, hub))
    ids = [r["Lead ID"] for r in table(workbook, "Leads")]
    assert ids.count("hubspot-contact-5101") == 1


def test_hubspot_contact_and_deal_with_one_id_do_not_clash(workbook, tmp_path):
    deals = "Record ID,Deal Name,Deal Stage,Create Date,Close Date,Amount\n"
    deals += "5101,Acme pilot,closedwon,2026-09-04,2026-09-21,1500\n"
    hub = write(tmp_path, "contacts.csv", hubspot_contacts())
    ok(run("import", workbook, hub, write(tmp_path, "deals.csv", deals.encode())))
    ok(run("import", workbook, hub))  # contacts again: only they are replaced
    ids = [r["Lead ID"] for r in table(workbook, "Leads")]
    assert ids.count("hubspot-contact-5101") == 1 and ids.count("hubspot-deal-5101") == 1
    ok(run("check", workbook))


def test_reimport_replaces_leads_an_import_wrote_without_the_prefix(workbook, tmp_path):
    hub = write(tmp_path, "contacts.csv", hubspot_contacts())
    ok(run("import", workbook, hub))
    book = load_workbook(workbook)
    for row in book["Leads"].iter_rows():
        if row[0].value == "hubspot-contact-5101":
            row[0].value = "5101"  # as an import before the prefixes wrote it
    book.save(workbook)
    ok(run("import", workbook, hub))
    ids = [r["Lead ID"] for r in table(workbook, "Leads")]
    assert "5101" not in ids and ids.count("hubspot-contact-5101") == 1


def test_overlapping_export_replaces_only_its_days(workbook, tmp_path):
    typed = table(workbook, "Costs")
    assert typed and all(not str(r["Description"]).startswith("Imported") for r in typed)
    ok(run("import", workbook, write(tmp_path, "early.csv", linkedin_export())))
    later = [
        ["9/2/2026", "Acme", "USD", "Q3 Growth", "601", "DM", "111", "120.00", "9", "1", "0", "0"],
        ["9/3/2026", "Acme", "USD", "Q3 Growth", "601", "DM", "111", "80.00", "9", "1", "0", "0"],
    ]
    export = linkedin_export(rows=later, start="9/2/2026", end="9/3/2026")
    output = ok(run("import", workbook, write(tmp_path, "later.csv", export)))
    assert "1 row of an earlier import replaced" in output
    costs = imported(workbook, "Costs", "LinkedIn Campaign Manager")
    assert [(r["Date"].day, r["Amount"], r["Description"][-9:]) for r in costs] == [
        (1, 1234.5, ": early.csv"[-9:]),
        (2, 120, "later.csv"),
        (3, 80, "later.csv"),
    ]
    # Rows typed by hand in the same days are never replaced.
    kept = [r for r in table(workbook, "Costs") if not str(r["Description"]).startswith("Imp")]
    assert kept == typed


def test_dry_run_writes_nothing(workbook, tmp_path):
    export = write(tmp_path, "li.csv", linkedin_export())
    before = digest(workbook)
    output = ok(run("import", workbook, export, "--dry-run"))
    assert "writing nothing" in output and "Costs sheet, table Costs: 2 rows added" in output
    assert digest(workbook) == before


def test_other_parts_kept_byte_for_byte(workbook, tmp_path):
    export = write(tmp_path, "li.csv", linkedin_export())
    with zipfile.ZipFile(workbook) as z:
        before = {i.filename: z.read(i.filename) for i in z.infolist()}
    ok(run("import", workbook, export))
    with zipfile.ZipFile(workbook) as z:
        after = {i.filename: z.read(i.filename) for i in z.infolist()}
    changed = {name for name in before if before[name] != after.get(name)}
    assert changed <= {
        "xl/worksheets/sheet3.xml",  # Channels
        "xl/worksheets/sheet4.xml",  # Costs
        "xl/worksheets/sheet7.xml",  # Results
        "xl/tables/table2.xml",
        "xl/tables/table3.xml",
        "xl/tables/table6.xml",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "[Content_Types].xml",
        "xl/styles.xml",
    }, changed
    assert (
        "xl/worksheets/sheet1.xml" in after
        and after["xl/worksheets/sheet1.xml"] == before["xl/worksheets/sheet1.xml"]
    )


def test_workbook_read_once_the_leads_only_by_the_editor(workbook, tmp_path, monkeypatch):
    """The import reads the settings, Channels and Goals; the sheets it changes (a large
    Leads one) only its editor reads."""
    from roi_report.workbook import reading

    scanned = []
    scan = reading._scan_sheets
    monkeypatch.setattr(
        reading,
        "_scan_sheets",
        lambda path, package, parts: scanned.append(set(parts)) or scan(path, package, parts),
    )
    export = write(tmp_path, "hubspot-crm-exports-all-contacts.csv", hubspot_contacts())
    ok(run("import", workbook, export))
    assert scanned == [{"Report", "Channels", "Goals"}]
    assert "hubspot-contact-5101" in {r["Lead ID"] for r in table(workbook, "Leads")}
    book = reading.read_workbook(workbook, only=("report", " Goals"))
    assert set(book.sheets) == {"Report", "Goals"} and "Leads" in book.sheet_names


# --- refusals: a clear message, a non-zero exit, the workbook untouched --------------------


def refused(workbook, *args):
    before = digest(workbook)
    result = run("import", workbook, *args)
    assert result.exit_code == 1, result.output
    assert digest(workbook) == before
    assert "Traceback" not in result.output
    return result.output


def test_not_daily_refused_with_how_to_export_by_day(workbook, tmp_path):
    whole = linkedin_export(
        rows=[
            ["9/1/2026", "Acme", "USD", "Q3", "601", "DM", "111", "3,000.00", "9", "1", "0", "0"]
        ],
        end="9/30/2026",
    )
    export = write(tmp_path, "li.csv", whole)
    output = refused(workbook, export)
    assert "li.csv" in output and "by day" in output and "Time breakdown to Daily" in output


def google_one_active_day() -> bytes:
    """A daily report of September whose only activity is on its first day."""
    lines = google_export().decode().split("\r\n")
    lines[1] = lines[1].replace("September 2", "September 30")
    del lines[4:6]  # the rows of September 2
    return "\r\n".join(lines).encode("utf-8")


def linkedin_one_active_day() -> bytes:
    """A daily LinkedIn report of September with an End Date column: one active day."""
    text = linkedin_export(end="9/30/2026").decode("utf-16")
    lines = text.split("\r\n")
    lines[5] = lines[5].replace("Start Date (in UTC)", "Start Date (in UTC)\tEnd Date (in UTC)")
    lines[6] = lines[6].replace("9/1/2026", "9/1/2026\t9/1/2026", 1)
    del lines[7]
    return "\r\n".join(lines).encode("utf-16")


def meta_by_reporting_days(end="2026-09-01") -> bytes:
    """Ads Manager without a Day column: each row's day in Reporting starts / ends."""
    lines = [
        "Reporting starts,Reporting ends,Campaign name,Amount spent (USD),Impressions,Link clicks",
        f"2026-09-01,{end},Retargeting,55.50,4000,80",
    ]
    return b"\xef\xbb\xbf" + ("\n".join(lines) + "\n").encode("utf-8")


@pytest.mark.parametrize(
    "name, data, source",
    [
        ("google.csv", google_one_active_day, "Google Ads"),
        ("li.csv", linkedin_one_active_day, "LinkedIn Campaign Manager"),
        ("meta.csv", meta_by_reporting_days, "Meta Ads Manager"),
    ],
)
def test_daily_export_with_one_active_day_is_imported(workbook, tmp_path, name, data, source):
    ok(run("import", workbook, write(tmp_path, name, data())))
    assert [r["Date"].date() for r in imported(workbook, "Costs", source)] == [date(2026, 9, 1)]


def test_meta_one_row_for_the_whole_range_refused(workbook, tmp_path):
    export = write(tmp_path, "meta.csv", meta_by_reporting_days(end="2026-09-30"))
    output = refused(workbook, export)
    assert "one row per campaign for the whole date range" in output
    assert "Breakdown > By Time > Day" in output


def test_google_without_day_refused(workbook, tmp_path):
    text = google_export().decode().replace("Day,", "", 1)
    text = "\n".join(
        line.split(",", 1)[1] if line.startswith("2026") else line for line in text.splitlines()
    )
    output = refused(workbook, write(tmp_path, "g.csv", text.encode()))
    assert "Segment > Time > Day" in output


def test_currency_mismatch_refused_naming_both(workbook, tmp_path):
    export = write(tmp_path, "li.csv", linkedin_export(currency="EUR"))
    output = refused(workbook, export)
    assert "EUR" in output and "USD" in output


def test_unknown_file_refused(workbook, tmp_path):
    export = write(tmp_path, "notes.csv", b"name,age\nAna,3\n")
    output = refused(workbook, export)
    assert "notes.csv" in output and "not an export roi-report recognizes" in output
    assert "LinkedIn Campaign Manager" in output


def test_truncated_file_refused(workbook, tmp_path):
    data = google_export()
    cut = data[: data.index(b"2026-09-02,Brand") + 30]
    output = refused(workbook, write(tmp_path, "cut.csv", cut))
    assert "cut short" in output


def test_header_without_rows_refused(workbook, tmp_path):
    data = linkedin_export().decode("utf-16").split("\r\n")[:6]
    output = refused(workbook, write(tmp_path, "empty.csv", "\r\n".join(data).encode("utf-16")))
    assert "no data rows" in output


def test_bad_cell_refused_naming_line_and_column(workbook, tmp_path):
    rows = [["9/1/2026", "Acme", "USD", "Q3", "601", "DM", "111", "12x", "9", "1", "0", "0"]]
    output = refused(workbook, write(tmp_path, "li.csv", linkedin_export(rows=rows)))
    assert "line 7" in output and "'Total Spent'" in output


def test_workbook_sheet_declaring_a_dtd_refused_as_the_build_refuses_it(workbook, tmp_path):
    # The import parses the sheets it edits itself (row by row); the DOCTYPE must still be
    # refused, with the same words as any other part of a workbook that declares one.
    costs = "xl/worksheets/sheet4.xml"  # `init` writes the sheets in contract order
    with zipfile.ZipFile(workbook) as source:
        parts = {info: source.read(info) for info in source.infolist()}
    with zipfile.ZipFile(workbook, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in parts.items():
            if info.filename == costs:
                assert b"<worksheet" in data
                data = data.replace(
                    b"<worksheet", b'<!DOCTYPE worksheet [<!ENTITY x "y">]><worksheet', 1
                )
            out.writestr(info, data)
    output = refused(workbook, write(tmp_path, "google.csv", google_export()))
    said = " ".join(output.split())
    assert f"{costs} declares a DTD (<!DOCTYPE ...>) with its own entities" in said
    assert "refused as unsafe" in said


def test_a_part_parsed_later_is_refused_with_the_same_words(tmp_path):
    # The reader's scan refuses a DTD first; a part parsed later (the import's editor, the
    # results workbook's splice) refuses one in the very same sentence.
    from roi_report.excel.package import _Package, declares_dtd
    from roi_report.workbook.reading import read_workbook

    path = tmp_path / "dtd.xlsx"
    with zipfile.ZipFile(path, "w") as out:
        out.writestr("xl/workbook.xml", '<!DOCTYPE x [<!ENTITY a "b">]><workbook/>')
    with zipfile.ZipFile(path) as package, pytest.raises(Exception) as parsed:
        _Package(path, package).xml("xl/workbook.xml")
    with pytest.raises(Exception) as scanned:
        read_workbook(path)
    assert declares_dtd("xl/workbook.xml") in str(parsed.value)
    assert declares_dtd("xl/workbook.xml") in str(scanned.value)


def test_one_bad_export_of_two_writes_nothing(workbook, tmp_path):
    good = write(tmp_path, "li.csv", linkedin_export())
    bad = write(tmp_path, "x.csv", b"foo\n")
    refused(workbook, good, bad)


def test_german_linkedin_numbers_by_language(workbook, tmp_path):
    header = [
        "Startdatum (in UTC)",
        "Kontoname",
        "Währung",
        "Kampagnenname",
        "Gesamtausgaben",
        "Impressionen",
        "Klicks",
    ]
    rows = [["1.9.2026", "Acme", "USD", "Herbst", "1.234,50", "1.000", "7"]]
    lines = ["Campaign Performance Report (in UTC)", "", TAB.join(header), *map(TAB.join, rows)]
    export = write(tmp_path, "de.csv", ("\r\n".join(lines) + "\r\n").encode("utf-16"))
    ok(run("import", workbook, export))
    costs = imported(workbook, "Costs", "LinkedIn")
    assert [(r["Date"], r["Amount"]) for r in costs] == [(datetime(2026, 9, 1), 1234.5)]
    results = imported(workbook, "Results", "LinkedIn")
    assert {r["Metric"]: r["Count"] for r in results} == {"Impressions": 1000, "Clicks": 7}


# --- after an import: check passes, build counts the imported rows ----------------------


def headline(workbook, tmp_path):
    import json

    output = ok(run("build", workbook, "--json", "--no-pdf", "-o", tmp_path / "out"))
    data = json.loads(output[output.index("{") :])
    return data["headline"], {c["channel"]: c for c in data["channels"]}


def test_build_counts_imported_rows_and_libreoffice_agrees(workbook, tmp_path):
    from recalc import mismatches, recalculate

    from roi_report.pipeline import BuildOptions, build

    before, channels_before = headline(workbook, tmp_path)
    exports = [
        write(tmp_path, "li.csv", linkedin_export()),
        write(tmp_path, "google.csv", google_export()),
        write(tmp_path, "contacts.csv", hubspot_contacts()),
    ]
    ok(run("import", workbook, *exports))
    ok(run("check", workbook))
    after, channels_after = headline(workbook, tmp_path)
    # Social spend: LinkedIn 1,334.50 and the YouTube video campaign 50.00 (Google Ads
    # search is a channel of kind Other, outside social ROI).
    invested = after["investment"]["current"] - before["investment"]["current"]
    assert invested == pytest.approx(1334.5 + 50)
    assert channels_after["LinkedIn"]["costs"] == pytest.approx(
        channels_before["LinkedIn"]["costs"] + 1334.5
    )
    assert channels_after["YouTube"]["costs"] == pytest.approx(50)
    won = after["won_revenue"]["current"] - before["won_revenue"]["current"]
    assert won == pytest.approx(4800)
    result = build(workbook, BuildOptions(out_dir=tmp_path / "lo-in", pdf=False))
    (recalculated,) = recalculate([result.results_path], tmp_path / "lo", tmp_path / "profile")
    assert not mismatches(recalculated, result.checks, result.as_dict())


# --- the other formats -------------------------------------------------------------------


def test_tiktok_export(workbook, tmp_path):
    lines = [
        "By Day,Campaign name,Currency,Cost,Impressions,Clicks (Destination),Conversions",
        "2026-09-10,Spring drop,USD,40.00,9000,120,3",
        "2026-09-11,Spring drop,USD,35.50,8000,100,0",
    ]
    export = write(tmp_path, "tiktok.csv", ("\n".join(lines) + "\n").encode("utf-8"))
    output = ok(run("import", workbook, export))
    assert "TikTok Ads Manager" in output
    costs = imported(workbook, "Costs", "TikTok")
    assert [(r["Channel"], r["Amount"]) for r in costs] == [("TikTok", 40), ("TikTok", 35.5)]
    ok(run("check", workbook))


def test_x_ads_export(workbook, tmp_path):
    lines = [
        "Campaign name,Time period,Currency,Spend,Impressions,Link clicks,Engagements",
        "Launch thread,2026/09/12,USD,$22.10,5000,60,140",
    ]
    export = write(tmp_path, "x.csv", ("\n".join(lines) + "\n").encode("utf-8"))
    ok(run("import", workbook, export))
    results = imported(workbook, "Results", "X Ads")
    assert {r["Metric"]: r["Count"] for r in results} == {
        "Impressions": 5000,
        "Clicks": 60,
        "Engagements": 140,
    }
    assert [r["Channel"] for r in imported(workbook, "Costs", "X Ads")] == ["X"]


def test_hubspot_deals_xlsx(workbook, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(
        [
            "Record ID",
            "Deal Name",
            "Deal Stage",
            "Create Date",
            "Close Date",
            "Amount",
            "Original Source Type",
            "Original Source Data 1",
        ]
    )
    sheet.append(
        [
            9001,
            "Acme",
            "Closed Won",
            datetime(2026, 9, 1, 10, 5),
            datetime(2026, 9, 28, 9),
            7000,
            "Paid Social",
            "LinkedIn",
        ]
    )
    sheet.append(
        [
            9002,
            "Beta",
            "Appointment Scheduled",
            datetime(2026, 9, 2, 11),
            None,
            500,
            "Direct Traffic",
            None,
        ]
    )
    path = tmp_path / "hubspot-deals.xlsx"
    book.save(path)
    leads = import_leads(workbook, path)
    assert pick(leads["hubspot-deal-9001"], "Stage", "Source", "Revenue") == (
        "Won",
        "LinkedIn",
        7000,
    )
    assert pick(leads["hubspot-deal-9002"], "Stage", "Source") == ("Opportunity", "Web")


def test_salesforce_leads_xlsx_with_a_title_block(workbook, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Social leads"])
    sheet.append(["As of 10/1/2026"])
    sheet.append([])
    sheet.append(
        [
            "Lead ID",
            "First Name",
            "Last Name",
            "Lead Status",
            "Create Date",
            "Lead Source",
            "Converted",
        ]
    )
    sheet.append(
        ["00Q5g000001", "Eve", "Ng", "Working - Contacted", "9/14/2026", "Facebook", "FALSE"]
    )
    sheet.append(["00Q5g000002", "Kim", "Ola", "Closed - Converted", "9/15/2026", "Web", "TRUE"])
    path = tmp_path / "report.xlsx"
    book.save(path)
    ok(run("import", workbook, path))
    leads = {r["Lead ID"]: r for r in table(workbook, "Leads")}
    assert (leads["00Q5g000001"]["Stage"], leads["00Q5g000001"]["Source"]) == ("Lead", "Facebook")
    assert leads["00Q5g000001"]["Created"].date() == date(2026, 9, 14)
    assert leads["00Q5g000002"]["Stage"] == "SQL"


def test_booleans_become_yes_no(workbook, tmp_path):
    text = hubspot_contacts().decode().splitlines()
    text[0] += ",Social assist"
    text[1:] = [line + ("," + flag) for line, flag in zip(text[1:], ("true", "false", ""))]
    ok(run("import", workbook, write(tmp_path, "c.csv", "\n".join(text).encode())))
    leads = {r["Lead ID"]: r for r in table(workbook, "Leads")}
    assert [leads[f"hubspot-contact-{i}"]["Social assist"] for i in (5101, 5102, 5103)] == [
        "Yes",
        "No",
        None,
    ]


def test_summary_speaks_the_workbooks_language(tmp_path):
    path = tmp_path / "cliente.xlsx"
    ok(run("init", path, "--example", "--client", "Acme", "--language", "es"))
    export = write(tmp_path, "li.csv", linkedin_export())
    output = ok(run("import", path, export, "--dry-run"))
    assert "hoja Costs, tabla Costs: 2 filas añadidas" in output
    assert "sin escribir nada" in output


@pytest.mark.parametrize(
    ("text", "language", "plain", "number"),
    [
        ("1,234.50", "en", False, 1234.5),
        ("1.234,50", "de", False, 1234.5),
        ("1.234", "de", False, 1234),
        ("1.234", "en", False, 1.234),
        ("1\u202f234,50\u00a0€", "fr", False, 1234.5),
        ("1 234,50 zł", "pl", False, 1234.5),
        ("USD 12,000.00", "en", False, 12000),
        ("1234.5", "es", True, 1234.5),  # Meta's machine numbers, whatever the language
        ("1.234,5", "es", True, 1234.5),
        ("--", "en", False, None),
    ],
)
def test_numbers_by_the_exports_language(text, language, plain, number):
    from roi_report.importing.values import to_number

    assert to_number(text, language, plain) == number


@pytest.mark.parametrize(
    ("text", "language", "day"),
    [
        ("9/1/2026", "en", date(2026, 9, 1)),
        ("9/1/2026", "es", date(2026, 1, 9)),
        ("1.9.2026", "de", date(2026, 9, 1)),
        ("01/09/2026", "fr", date(2026, 9, 1)),
        ("2026-09-01 14:22", "pl", date(2026, 9, 1)),
        ("2026/09/01", "en", date(2026, 9, 1)),
        ("Sep 1, 2026", "en", date(2026, 9, 1)),
    ],
)
def test_dates_by_the_exports_language(text, language, day):
    from roi_report.importing.values import to_day

    assert to_day(text, language) == day


@pytest.mark.parametrize("text", ["12x", "1,2,3.4.5", "abc", "12 EURO"])
def test_not_numbers(text):
    from roi_report.importing.values import BadValue, to_number

    with pytest.raises(BadValue):
        to_number(text, "en")


def test_every_refused_export_is_named_at_once(workbook, tmp_path):
    good = write(tmp_path, "li.csv", linkedin_export())
    foreign = write(tmp_path, "eur.csv", linkedin_export(currency="EUR"))
    unknown = write(tmp_path, "notes.csv", b"name,age\nAna,3\n")
    output = refused(workbook, good, foreign, unknown)
    assert "2 exports cannot be imported, so the workbook was not changed" in output
    assert "eur.csv: " in output and "EUR" in output
    assert "notes.csv: not an export roi-report recognizes" in output
    assert "li.csv" not in output
