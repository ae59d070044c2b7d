"""Hostile delivery (issue 16): mail servers that trickle, hang up or answer oddly, names
that would take over the terminal, addresses as people write them, a roi-report.toml
dropped beside the workbooks, and `build`/`batch` stopped by Ctrl-C, SIGTERM or a stuck
client. Every server is a real one on 127.0.0.1; every wait is bounded."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import replace
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from jinja2.exceptions import SecurityError
from test_email import SENDER, SmtpServer, client_workbook, smtp_env
from workbooks import GOOD_COST, GOOD_GOAL, GOOD_RESULT, make_workbook

from roi_report.cli import main
from roi_report.config import read_config
from roi_report.delivery.mail import (
    EmailError,
    SmtpConnectionError,
    make_message,
    recipients_for,
    render_texts,
    send_message,
    smtp_settings,
)
from roi_report.errors import OutputError
from roi_report.outputs import staged
from roi_report.pdf.render import template_environment

REPO = Path(__file__).resolve().parent.parent
BOUND_S = 20  # what "bounded time" means here: the faults below used to hang for good
HIDDEN = ("\x1b", "\u202e", "\x9b", "\r")


def run(args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)


def shown(text: str) -> bool:
    """True when text holds nothing a terminal would act on rather than print."""
    return not any(ch in text for ch in HIDDEN)


def small_workbook(path: Path, client: str = "Test Client", **settings) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return make_workbook(
        path,
        settings={"Client": client, **settings},
        costs=[GOOD_COST],
        goals=[{**GOOD_GOAL, "Target": 100}],
        results=[GOOD_RESULT],
    )


# ------------------------------------------------------------------------------ SMTP


class ScriptedServer:
    """A raw SMTP server on 127.0.0.1 playing one fault: `trickle` sends its greeting one
    byte every half second, for ever; `drop` takes the envelope, says 354 and hangs up in
    the middle of the DATA; `refuse` answers RCPT with `reply`."""

    def __init__(self, fault: str, reply: str = ""):
        self.fault, self.reply = fault, reply
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(5)
        self.sock.close()

    def _serve(self):
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(BOUND_S)
                with contextlib.suppress(OSError):
                    self._talk(conn, conn.makefile("rb"))

    def _talk(self, conn, lines):
        if self.fault == "trickle":
            for byte in b"220 smtp.slow.example ESMTP " + b"." * 10_000:
                if self.stop.wait(0.5):
                    return
                conn.sendall(bytes([byte]))
            return
        conn.sendall(b"220 scripted ESMTP\r\n")
        while line := lines.readline():
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                conn.sendall(b"250-scripted\r\n250 SIZE 100000000\r\n")
            elif verb == b"RCPT" and self.fault == "refuse":
                conn.sendall(self.reply.encode() + b"\r\n")
            elif verb == b"DATA":
                conn.sendall(b"354 go ahead\r\n")
                if self.fault == "drop":
                    lines.readline()  # the start of the message, then the line goes dead
                    return
            elif verb == b"QUIT":
                conn.sendall(b"221 bye\r\n")
                return
            else:
                conn.sendall(b"250 OK\r\n")


def plain_message(to: str = "ana@cliente.example"):
    return make_message("Subject", "Body\n", SENDER, recipients_for([to]), [])


def settings_for(port: int, **changes):
    return replace(smtp_settings(env=smtp_env(port)), **changes)


def in_thread(function):
    """Run `function` in a thread for at most BOUND_S; its result or exception."""
    outcome = {}

    def target():
        try:
            outcome["result"] = function()
        except BaseException as error:  # handed to the test
            outcome["error"] = error

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(BOUND_S)
    assert not thread.is_alive(), f"still waiting after {BOUND_S} s"
    return outcome


def test_a_trickling_server_is_given_one_deadline_per_message():
    with ScriptedServer("trickle") as server:
        settings = settings_for(server.port, timeout=10, deadline=2)
        outcome = in_thread(lambda: send_message(plain_message(), settings))
    error = outcome.get("error")
    assert isinstance(error, SmtpConnectionError), outcome
    assert "did not finish taking the message within 2 s" in error.message
    assert "not sent" in error.message


def test_a_connection_dropped_during_data_is_not_blamed_on_the_port():
    with ScriptedServer("drop") as server:
        outcome = in_thread(lambda: send_message(plain_message(), settings_for(server.port)))
    error = outcome.get("error")
    assert isinstance(error, SmtpConnectionError), outcome
    assert "dropped the connection while the message was being sent" in error.message
    assert "check the port" not in error.message


class OddQuit:
    """aiosmtpd hook: QUIT answered with a refusal holding an escape sequence."""

    async def handle_QUIT(self, server, session, envelope):
        return "554 5.0.0 \x1b[31mno goodbye for you"


def test_a_delivered_email_stays_delivered_whatever_quit_answers(tmp_path):
    source = client_workbook(tmp_path / "cafe.xlsx", language="en")
    with SmtpServer() as server:
        server.recorder.handle_QUIT = OddQuit().handle_QUIT
        result = run(["build", source, "-o", tmp_path / "out", "--email"], smtp_env(server.port))
        messages = list(server.messages)
    assert result.exit_code == 0, result.output
    assert len(messages) == 1
    assert "emailed to ana@cliente.example, luis@cliente.example" in result.output
    assert "Traceback" not in result.output and "not sent" not in result.output


def test_a_mail_servers_reply_cannot_drive_the_terminal(tmp_path):
    source = client_workbook(tmp_path / "cafe.xlsx", language="en")
    reply = "550 \x1b]0;owned\x07\x1b[2J\u202egnp.exe \x9b31m"
    with ScriptedServer("refuse", reply) as server:
        result = run(["build", source, "-o", tmp_path / "out", "--email"], smtp_env(server.port))
    assert result.exit_code == 1, result.output
    assert "refused every recipient" in result.output
    assert "?]0;owned??[2J?gnp.exe" in result.output
    assert shown(result.output)


# ------------------------------------------------------------------------------ addresses


def test_addresses_as_people_write_them(tmp_path):
    """A display name with a comma and an internationalized domain, from the Report sheet,
    give a valid To: header and envelope; sent through a real server."""
    email_to = '"Smith, John" <john@example.com>; jan@müller.de'
    source = client_workbook(tmp_path / "cafe.xlsx", language="en", **{"Email to": email_to})
    with SmtpServer() as server:
        result = run(["build", source, "-o", tmp_path / "out", "--email"], smtp_env(server.port))
        messages = list(server.messages)
    assert result.exit_code == 0, result.output
    assert messages[0]["to"] == ["john@example.com", "jan@xn--mller-kva.de"]
    header = messages[0]["message"]["To"]
    assert [(a.display_name, a.addr_spec) for a in header.addresses] == [
        ("Smith, John", "john@example.com"),
        ("", "jan@xn--mller-kva.de"),
    ]
    to_line = next(line for line in messages[0]["raw"].splitlines() if line.startswith(b"To:"))
    assert to_line == b'To: "Smith, John" <john@example.com>, jan@xn--mller-kva.de'


def test_an_unquoted_comma_still_says_how_to_write_it():
    with pytest.raises(EmailError, match=r'"Smith, John" <john@example.com>'):
        recipients_for(["Smith, John <john@example.com>"])


def test_a_line_break_in_the_workbooks_file_name_neither_crashes_nor_prints(tmp_path):
    source = client_workbook(tmp_path / "ca\r\nfe.xlsx", language="en")
    result = run(
        ["build", source, "-o", tmp_path / "out", "--dry-run", "--to", "x@y.example"],
        smtp_env(25),
    )
    assert result.exit_code == 0, result.output
    assert "dry run, not sent" in result.output and shown(result.output)
    assert "wrote " + str(tmp_path / "out" / "ca??fe-roi.pdf") in result.output  # one line
    eml = tmp_path / "out" / "ca\r\nfe-roi.eml"
    message = BytesParser(policy=policy.default).parse(eml.open("rb"))
    # the attachment is named for a reader (client, title, period), never from the file name
    assert [p.get_filename() for p in message.iter_attachments()] == [
        "Café Niño S.A. – Social media ROI report – Q3 2025.pdf"
    ]
    with SmtpServer() as server:
        result = run(["build", source, "-o", tmp_path / "out", "--email"], smtp_env(server.port))
        assert result.exit_code == 0, result.output
        assert len(server.messages) == 1


# ------------------------------------------------------------------------------ terminal


def test_names_from_workbooks_cannot_drive_the_terminal(tmp_path):
    client = "Evil\u202eroC\x9b2J"  # a cell cannot hold ESC; C1's CSI does the same
    source = small_workbook(tmp_path / "e\x1b]0;x\x07vil.xlsx", client)
    result = run(["build", source, "-o", tmp_path / "out", "--no-pdf"])
    assert result.exit_code == 0, result.output
    assert "wrote " in result.output and shown(result.output)
    json_out = run(["build", source, "-o", tmp_path / "out", "--no-pdf", "--json"])
    assert json.loads(json_out.stdout)["client"] == client  # escaped, still the same data
    assert shown(json_out.stdout)
    broken = make_workbook(
        tmp_path / "broken.xlsx", costs=[{**GOOD_COST, "Channel": "Linked\u202eIn\x9b5m"}]
    )
    result = run(["check", broken])
    assert result.exit_code == 1 and "Costs!" in result.output
    assert shown(result.output)
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(source, folder / "evil.xlsx")
    result = run(["batch", folder, "-o", tmp_path / "reports", "--no-pdf", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "Evil?roC?2J" in result.output and shown(result.output)


# ------------------------------------------------------------------------------ config


EVIL = "{{ cycler.__init__.__globals__.os.system('touch ' ~ marker) }}"


def test_templates_are_sandboxed(tmp_path):
    """Even a template folder the user names runs no code."""
    folder = tmp_path / "templates"
    (folder / "email").mkdir(parents=True)
    (folder / "report.html").write_text(EVIL, encoding="utf-8")
    (folder / "email" / "subject.en.txt.j2").write_text(EVIL, encoding="utf-8")
    marker = tmp_path / "PWNED"
    with pytest.raises(SecurityError, match="unsafe"):
        template_environment(folder).get_template("report.html").render(marker=str(marker))
    with pytest.raises(EmailError, match="unsafe"):
        render_texts({"language": "en", "marker": str(marker)}, folder)
    assert not marker.exists()


def test_a_config_beside_the_workbooks_may_not_redirect_or_run_code(tmp_path, monkeypatch):
    data = tmp_path / "client-data"
    (data / "tpl" / "email").mkdir(parents=True)
    (data / "tpl" / "email" / "subject.en.txt.j2").write_text("Dropped subject\n", "utf-8")
    source = client_workbook(data / "cafe.xlsx", language="en")
    (data / "roi-report.toml").write_text(
        'template_dir = "tpl"\noutput = "../elsewhere"\nsmtp_host = "mail.evil.example"\n'
        'sender = "reports@agency.example"\n',
        encoding="utf-8",
    )
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    result = run(["build", source, "--dry-run"], {"ROI_REPORT_SMTP_FROM": ""})
    assert result.exit_code == 0, result.output
    notice = [line for line in result.stderr.splitlines() if line.startswith("notice:")]
    assert len(notice) == 1
    assert "output, template_dir, smtp_host" in notice[0] and str(data) in notice[0]
    assert f"using settings from {data / 'roi-report.toml'}" in result.stderr
    assert not (tmp_path / "elsewhere").exists()
    eml = data / "cafe-roi.eml"  # beside the workbook, not in ../elsewhere
    message = BytesParser(policy=policy.default).parse(eml.open("rb"))
    assert str(message["Subject"]) != "Dropped subject"
    assert message["From"].addresses[0].addr_spec == "reports@agency.example"  # kept
    # named with --config, the same file is the user's choice
    named = read_config(data / "roi-report.toml")
    assert named.template_dir == data / "tpl" and named.smtp_host == "mail.evil.example"


def test_a_byte_order_mark_is_no_obstacle(tmp_path):
    path = tmp_path / "roi-report.toml"
    path.write_bytes(b"\xef\xbb\xbfworkers = 3\n")  # as Notepad saves UTF-8
    assert read_config(path).workers == 3


# ------------------------------------------------------------------------------ outputs


def test_a_long_legal_name_builds_emails_and_keeps_its_name(tmp_path):
    stem = "r" * 235  # 240 bytes with .xlsx; the outputs are 243 and 244
    source = client_workbook(tmp_path / f"{stem}.xlsx", language="en")
    result = run(
        ["build", source, "-o", tmp_path / "out", "--dry-run", "--to", "x@y.example"],
        smtp_env(25),
    )
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [f"{stem}-roi.{ext}" for ext in ("eml", "pdf", "xlsx")]


def test_outputs_are_committed_together_or_not_at_all(tmp_path):
    first, second = tmp_path / "r-roi.xlsx", tmp_path / "r-roi.pdf"
    first.write_bytes(b"last month's workbook")
    second.mkdir()  # something in the way of the PDF
    (second / "keep").write_bytes(b"x")
    with pytest.raises(OutputError) as failed, staged([first, second]) as (a, b):
        a.write_bytes(b"new workbook")
        b.write_bytes(b"%PDF-new")
    assert first.read_bytes() == b"last month's workbook"
    assert f"could not write {second}" in failed.value.message
    assert "/." not in failed.value.message  # never a hidden temporary's name
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r-roi.pdf", "r-roi.xlsx"]


def test_an_output_linked_to_the_input_is_called_so(tmp_path):
    source = small_workbook(tmp_path / "in" / "q3.xlsx")
    out = tmp_path / "out"
    out.mkdir()
    (out / "q3-roi.xlsx").symlink_to(source)
    before = source.read_bytes()
    result = run(["build", source, "-o", out, "--no-pdf"])
    assert result.exit_code == 1
    assert "is the input workbook" in result.output and "symbolic link" in result.output
    assert "itself a results workbook" not in result.output
    assert source.read_bytes() == before


@pytest.mark.parametrize(
    "args, message",
    [
        (["t.xlsx", "--currency", "XYZ"], "not an ISO 4217 currency code"),
        (["t.xls"], ".xlsx"),
        (["t.txt"], ".xlsx"),
        (["t.xlsx", "--client", "A" * 40_000], "40,000 characters"),
    ],
)
def test_init_refuses_what_check_would_refuse(tmp_path, args, message):
    result = run(["init", tmp_path / args[0], *args[1:]])
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert list(tmp_path.iterdir()) == []


def test_a_macro_enabled_client_attaches_its_workbook(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    source = client_workbook(folder / "cafe.xlsx", language="en")
    source.rename(folder / "cafe.xlsm")
    result = run(
        [
            "batch",
            folder,
            "-o",
            tmp_path / "out",
            "--dry-run",
            "--attach-workbook=full",
            "--workers",
            "1",
            "--from",
            SENDER,
        ],
        smtp_env(25),
    )
    assert result.exit_code == 0, result.output
    (eml,) = (tmp_path / "out").rglob("*.eml")
    message = BytesParser(policy=policy.default).parse(eml.open("rb"))
    kinds = {p.get_filename(): p.get_content_type() for p in message.iter_attachments()}
    name = "Café Niño S.A. – Social media ROI report – Q3 2025"
    assert kinds == {
        name + ".pdf": "application/pdf",
        name + ".xlsm": "application/vnd.ms-excel.sheet.macroenabled.12",  # MIME: any case
    }


# ------------------------------------------------------------------------------ stopping

STUCK = "Stuck Co"


def stuck_templates(folder: Path) -> Path:
    """The built-in templates, but a client called STUCK never gets its stylesheet."""
    folder.mkdir()
    css = (REPO / "templates" / "report.css").read_text(encoding="utf-8")
    loop = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    head = f'{{% if r.cover.client == "{STUCK}" %}}{loop}{{% endif %}}'
    (folder / "report.css").write_text(head + css, encoding="utf-8")
    return folder


def cli(*args, module: str = "roi_report", path: tuple[Path, ...] = (REPO,)) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(map(str, path))}
    return subprocess.Popen(
        [sys.executable, "-m", module, *map(str, args)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(condition, seconds: float, what: str) -> None:
    limit = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < limit, f"no {what} within {seconds} s"
        time.sleep(0.2)


def stop_when(process: subprocess.Popen, ready, signum: int) -> str:
    """Send `signum` once `ready()` holds (within 90 s); the process's stderr once it has
    ended (within BOUND_S)."""
    try:
        wait_for(ready, 90, f"{ready.__name__}")
        time.sleep(1)
        process.send_signal(signum)
        return process.communicate(timeout=BOUND_S)[1]
    finally:
        process.kill()
        process.wait()


def children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def hidden_files(folder: Path) -> list[str]:
    return [str(p) for p in folder.rglob(".*")]


def read_summary(path: Path) -> dict[str, dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {row["Workbook"]: row for row in csv.DictReader(handle)}


def three_clients(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    small_workbook(folder / "a.xlsx", "Alpha")
    small_workbook(folder / "b.xlsx", STUCK)
    small_workbook(folder / "c.xlsx", "Gamma")
    return folder


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_stopping_a_batch_keeps_finished_reports_and_leaves_nothing_behind(tmp_path, signum):
    """One client stuck: the others are committed as they finish, not after it; a signal
    then ends every worker and writes a partial summary."""
    folder, out = three_clients(tmp_path), tmp_path / "out"
    templates = stuck_templates(tmp_path / "tpl")
    process = cli("batch", folder, "-o", out, "--workers", "3", "--template-dir", templates)
    done = (out / "Alpha" / "a-roi.pdf", out / "Gamma" / "c-roi.pdf")
    workers = set()

    def finished_while_one_is_stuck():
        workers.update(children(process.pid))
        return all(p.exists() for p in done)

    stderr = stop_when(process, finished_while_one_is_stuck, signum)
    assert workers
    assert process.returncode == 130, stderr
    assert "interrupted: 2 of 3 reports were finished and kept" in stderr
    assert "Traceback" not in stderr
    rows = read_summary(out / "summary.csv")
    assert {name: row["Status"] for name, row in rows.items()} == {
        "a.xlsx": "ok",
        "b.xlsx": "interrupted",
        "c.xlsx": "ok",
    }
    assert hidden_files(out) == []  # no staging folder, no temporary file
    wait_for(lambda: not any(alive(pid) for pid in workers), 5, "worker left running")


def test_a_stuck_client_times_out_and_the_others_finish(tmp_path):
    folder, out = three_clients(tmp_path), tmp_path / "out"
    templates = stuck_templates(tmp_path / "tpl")
    # Generous: on a loaded machine the good clients' PDFs must not reach it too
    process = cli(
        "batch", folder, "-o", out, "--workers", "3", "--timeout", "60", "--template-dir", templates
    )
    try:
        stdout, stderr = process.communicate(timeout=240)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == 1, stderr
    rows = read_summary(out / "summary.csv")
    assert rows["b.xlsx"]["Status"] == "failed"
    assert rows["b.xlsx"]["Problem"].startswith("timed out: not built within 60 s")
    assert rows["a.xlsx"]["Status"] == rows["c.xlsx"]["Status"] == "ok"
    assert (out / "Alpha" / "a-roi.pdf").is_file() and (out / "Gamma" / "c-roi.pdf").is_file()
    assert "b.xlsx: timed out" in stderr
    assert hidden_files(out) == []


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_stopping_a_build_leaves_no_temporary_file(tmp_path, signum):
    source = small_workbook(tmp_path / "in" / "stuck.xlsx", STUCK)
    out = tmp_path / "out"
    templates = stuck_templates(tmp_path / "tpl")
    process = cli("build", source, "-o", out, "--template-dir", templates)

    def workbook_written():  # to its temporary; the PDF never gets its stylesheet
        return any(p.stat().st_size for p in out.glob(".stuck-roi.*.xlsx"))

    stderr = stop_when(process, workbook_written, signum)
    assert process.returncode == 130, stderr
    assert "interrupted — no report was written" in stderr
    assert list(out.iterdir()) == []


# Ctrl-C landing while Python runs code from a string, as dataclasses make their methods
# while the PDF modules are imported (a loaded machine is still importing them when the
# build above is stopped): the PDF stage here raises SIGINT from such code, every time.
CTRL_C_IN_EXEC = """
import runpy
from roi_report import pipeline

def render_pdf_file(*args, **kwargs):
    exec("import signal; signal.raise_signal(signal.SIGINT)")

pipeline.render_pdf_file = render_pdf_file
runpy.run_module("roi_report", run_name="__main__", alter_sys=True)
"""


def test_stopping_a_build_inside_code_run_from_a_string_still_exits_130(tmp_path):
    """Under `python -m`, CPython ended such a run by SIGINT (returncode -2) instead of
    the exit 130 that follows the handled interrupt."""
    source = small_workbook(tmp_path / "in" / "stuck.xlsx", STUCK)
    out = tmp_path / "out"
    (tmp_path / "ctrl_c_in_exec.py").write_text(CTRL_C_IN_EXEC, encoding="utf-8")
    process = cli("build", source, "-o", out, module="ctrl_c_in_exec", path=(tmp_path, REPO))
    try:
        stderr = process.communicate(timeout=90)[1]
    finally:
        process.kill()
        process.wait()
    assert process.returncode == 130, stderr
    assert "interrupted — no report was written" in stderr
    assert "Traceback" not in stderr
    assert list(out.iterdir()) == []


CTRL_C_WHILE_IMPORTING = """
import sys
from importlib.abc import MetaPathFinder


class CtrlC(MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "roi_report.cli":
            raise KeyboardInterrupt


sys.meta_path.insert(0, CtrlC())
from roi_report.__main__ import run  # the `roi-report` command's entry point

run()
"""


def test_ctrl_c_while_the_command_is_still_importing_exits_130_without_a_traceback():
    done = subprocess.run(
        [sys.executable, "-c", CTRL_C_WHILE_IMPORTING],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 130, done.stderr
    assert "Traceback" not in done.stderr
