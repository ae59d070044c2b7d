"""Reports by email: through a real SMTP server on 127.0.0.1 (aiosmtpd), read back as
received; a refused connection, a bad password and a rejected recipient are clear messages
and leave the PDF on disk; --dry-run writes .eml files; subjects in the report's language."""

from __future__ import annotations

import socket
from datetime import date
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from workbooks import make_workbook

from roi_report.cli import main
from roi_report.config import ConfigError, read_config
from roi_report.delivery.mail import (
    EmailRequest,
    EmailSettingsError,
    RecipientRefused,
    SmtpAuthError,
    SmtpConnectionError,
    email_built,
    email_request,
    smtp_settings,
)
from roi_report.pdf.formatting import format_money
from roi_report.pdf.sections.base import report_title
from roi_report.pipeline import BuildOptions, build

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller")
from aiosmtpd.smtp import AuthResult  # noqa: E402

SENDER = "Brisa Digital <informes@brisa.example>"
CLIENT_ADDRESSES = "ana@cliente.example, luis@cliente.example"


# ------------------------------------------------------------------------------ helpers


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Recorder:
    """aiosmtpd handler: keeps every message; refuses recipients whose address has
    'reject' in it, as a mail server refuses an unknown mailbox."""

    def __init__(self):
        self.messages: list[dict] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if "reject" in address:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            {
                "from": envelope.mail_from,
                "to": list(envelope.rcpt_tos),
                "message": BytesParser(policy=policy.default).parsebytes(envelope.content),
                "raw": envelope.original_content,
            }
        )
        return "250 Message accepted for delivery"


class SmtpServer:
    """A real SMTP server on 127.0.0.1 and a random free port, optionally with AUTH."""

    def __init__(self, login: tuple[str, str] | None = None):
        self.recorder = Recorder()
        self.port = free_port()
        kwargs = {}
        if login is not None:
            user, password = login

            def authenticate(server, session, envelope, mechanism, auth_data):
                ok = auth_data.login == user.encode() and auth_data.password == password.encode()
                return AuthResult(success=ok, handled=False)

            kwargs = {"authenticator": authenticate, "auth_require_tls": False}
        self.controller = aiosmtpd_controller.Controller(
            self.recorder, hostname="127.0.0.1", port=self.port, **kwargs
        )

    @property
    def messages(self) -> list[dict]:
        return self.recorder.messages

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


def smtp_env(port: int, **extra) -> dict:
    env = {
        "ROI_REPORT_SMTP_HOST": "127.0.0.1",
        "ROI_REPORT_SMTP_PORT": str(port),
        "ROI_REPORT_SMTP_SECURITY": "none",
        "ROI_REPORT_SMTP_FROM": SENDER,
        "ROI_REPORT_SMTP_USER": "",
        "ROI_REPORT_SMTP_PASSWORD": "",
    }
    env.update(extra)
    return env


def client_workbook(path: Path, language: str = "es", **settings) -> Path:
    """A small valid workbook in `language`, with recipients on the Report sheet."""
    return make_workbook(
        path,
        settings={
            "Client": "Café Niño S.A.",
            "Language": language,
            "Currency": "EUR",
            "Prepared by": "Brisa Digital",
            "Email to": CLIENT_ADDRESSES,
            **settings,
        },
        channels=[("LinkedIn", "Social"), ("Instagram", "Social"), ("Email", "Other")],
        costs=[
            {
                "Date": date(2025, day, 5),
                "Category": "Ads",
                "Channel": channel,
                "Type": "Paid",
                "Campaign": "Lanzamiento",
                "Amount": amount,
            }
            for day, channel, amount in (
                (4, "LinkedIn", 800),
                (7, "LinkedIn", 1000),
                (8, "Instagram", 500),
            )
        ],
        goals=[
            {
                "Goal": "Leads",
                "Metric": "Leads",
                "Channel": "All",
                "Target": 100,
                "Value per result": 30,
            }
        ],
        results=[
            {
                "Date": date(2025, month, 20),
                "Channel": channel,
                "Type": "Paid",
                "Campaign": "Lanzamiento",
                "Metric": "Leads",
                "Count": count,
            }
            for month, channel, count in (
                (5, "LinkedIn", 30),
                (7, "LinkedIn", 60),
                (8, "Instagram", 40),
            )
        ],
    )


def run(args, env=None):
    result = CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)
    return result


def attachments(message) -> dict[str, bytes]:
    return {part.get_filename(): part.get_content() for part in message.iter_attachments()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One real build (PDF and results workbook) shared by the library-level tests."""
    folder = tmp_path_factory.mktemp("built")
    source = client_workbook(folder / "cafe.xlsx")
    return build(source, BuildOptions(out_dir=folder / "out"))


def request_for(port: int, **changes) -> EmailRequest:
    smtp = smtp_settings(env=smtp_env(port, **changes.pop("env", {})))
    return EmailRequest(smtp=smtp, **changes)


# ------------------------------------------------------------------------------ end to end


def test_build_email_sends_the_pdf_to_the_report_sheets_recipients(tmp_path):
    source = client_workbook(tmp_path / "cafe.xlsx")
    with SmtpServer() as server:
        result = run(["build", source, "-o", tmp_path / "out", "--email"], smtp_env(server.port))
        assert result.exit_code == 0, result.output
        assert len(server.messages) == 1, result.output
        received = server.messages[0]
    pdf = tmp_path / "out" / "cafe-roi.pdf"
    # said in the report's language (Spanish)
    assert "enviado por correo a ana@cliente.example, luis@cliente.example" in result.output
    assert received["from"] == "informes@brisa.example"
    assert received["to"] == ["ana@cliente.example", "luis@cliente.example"]
    message = received["message"]
    assert message["To"].addresses[0].addr_spec == "ana@cliente.example"
    subject = str(message["Subject"])
    assert subject.startswith(report_title(None, "es"))  # the report's language
    assert "Café Niño S.A." in subject
    assert "julio" in subject and "septiembre" in subject  # Spanish month names
    body = message.get_body(("plain",)).get_content()
    assert "Cifras principales" in body and "Inversión" in body
    assert format_money(1500, "EUR", "es") in body  # the headline investment
    files = attachments(message)
    name = f"Café Niño S.A. – {report_title(None, 'es')} – T3 2025.pdf"  # for a reader
    assert list(files) == [name]
    assert files[name] == pdf.read_bytes()  # byte-identical to the file on disk
    assert files[name].startswith(b"%PDF-")


def test_refused_connection_is_a_clear_message_and_keeps_the_pdf(tmp_path):
    source = client_workbook(tmp_path / "cafe.xlsx", language="fr")
    closed = free_port()  # nothing listens there
    result = run(["build", source, "-o", tmp_path / "out", "--email"], smtp_env(closed))
    assert result.exit_code == 1, result.output
    # said in the workbook's language (fr), by the delivery catalog
    assert f"connexion impossible au serveur de messagerie 127.0.0.1:{closed}" in result.output
    assert "connexion refusée" in result.output
    assert "Traceback" not in result.output
    pdf = tmp_path / "out" / "cafe-roi.pdf"
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF-")
    # said in the workbook's language (fr)
    assert f"Le rapport est toujours sur le disque\u00a0: {pdf}" in result.output


def test_dry_run_writes_an_eml_with_pdf_and_workbook(tmp_path):
    source = client_workbook(tmp_path / "cafe.xlsx", language="pl")
    result = run(
        [
            "build",
            source,
            "-o",
            tmp_path / "out",
            "--dry-run",
            "--attach-workbook=full",
            "--to",
            "szef@firma.example",
            "--from",
            "raporty@agencja.example",
        ],
        env={"ROI_REPORT_SMTP_HOST": "", "ROI_REPORT_SMTP_FROM": ""},
    )
    assert result.exit_code == 0, result.output
    eml = tmp_path / "out" / "cafe-roi.eml"
    assert "(próba, nie wysłano)" in result.output  # said in the report's language
    message = BytesParser(policy=policy.default).parse(eml.open("rb"))
    assert [a.addr_spec for a in message["To"].addresses] == ["szef@firma.example"]  # --to wins
    assert str(message["Subject"]).startswith(report_title(None, "pl"))
    files = attachments(message)
    name = f"Café Niño S.A. – {report_title(None, 'pl')} – Q3 2025"
    assert files[name + ".pdf"] == (tmp_path / "out" / "cafe-roi.pdf").read_bytes()
    assert files[name + ".xlsx"] == (tmp_path / "out" / "cafe-roi.xlsx").read_bytes()


def test_missing_server_is_reported_before_building(tmp_path):
    source = client_workbook(tmp_path / "cafe.xlsx")
    env = {"ROI_REPORT_SMTP_HOST": "", "ROI_REPORT_SMTP_FROM": SENDER}
    result = run(["build", source, "-o", tmp_path / "out", "--email"], env)
    assert result.exit_code == 1
    assert "no mail server" in result.output and "--smtp-host" in result.output
    assert not (tmp_path / "out").exists()  # nothing built for nothing


# ------------------------------------------------------------------------------ failures


def test_bad_password_is_a_clear_message(built):
    with SmtpServer(login=("agency", "right-password")) as server:
        env = {"ROI_REPORT_SMTP_USER": "agency", "ROI_REPORT_SMTP_PASSWORD": "wrong"}
        with pytest.raises(SmtpAuthError, match="refused the user name or password"):
            email_built(built, request_for(server.port, env=env))
        assert server.messages == []
        env["ROI_REPORT_SMTP_PASSWORD"] = "right-password"
        delivery = email_built(built, request_for(server.port, env=env))
        assert delivery.recipients == ("ana@cliente.example", "luis@cliente.example")
        assert len(server.messages) == 1
    assert built.pdf_path.is_file()


def test_rejected_recipients(built):
    with SmtpServer() as server:
        with pytest.raises(RecipientRefused, match="refused every recipient") as every:
            email_built(built, request_for(server.port, to=("reject@cliente.example",)))
        assert "550" in str(every.value.message) and "reject@cliente.example" in every.value.refused
        request = request_for(server.port, to=("ana@cliente.example, reject-me@cliente.example",))
        with pytest.raises(RecipientRefused, match="sent to ana@cliente.example") as partly:
            email_built(built, request)
        assert partly.value.delivered == ("ana@cliente.example",)
        assert [m["to"] for m in server.messages] == [["ana@cliente.example"]]
    assert built.pdf_path.is_file()


def test_unknown_host_and_settings_errors(built):
    request = EmailRequest(
        smtp=smtp_settings(
            env=smtp_env(25, ROI_REPORT_SMTP_HOST="no-such-host.invalid"),
        )
    )
    with pytest.raises(SmtpConnectionError, match="host name is unknown"):
        email_built(built, request)
    with pytest.raises(EmailSettingsError, match="not an email address"):
        email_request(email=True, to=("not-an-address",), env=smtp_env(25))
    with pytest.raises(EmailSettingsError, match="line break"):
        email_request(email=True, to=("a@b.example\r\nBcc: all@b.example",), env=smtp_env(25))
    with pytest.raises(EmailSettingsError, match="no sender"):
        email_request(email=True, env=smtp_env(25, ROI_REPORT_SMTP_FROM=""))
    with pytest.raises(EmailSettingsError, match="ROI_REPORT_SMTP_PASSWORD"):
        email_request(email=True, env=smtp_env(25, ROI_REPORT_SMTP_USER="agency"))
    with pytest.raises(EmailSettingsError, match="PORT"):
        smtp_settings(env={"ROI_REPORT_SMTP_PORT": "smtp"})
    assert email_request(email=False, env=smtp_env(25)) is None


def test_no_recipients_anywhere(built, tmp_path):
    source = client_workbook(tmp_path / "nobody.xlsx", **{"Email to": None})
    bare = build(source, BuildOptions(out_dir=tmp_path / "out"))
    with pytest.raises(EmailSettingsError, match="no recipients"):
        email_built(bare, request_for(25, dry_run=True))


# ------------------------------------------------------------------------------ settings


def test_options_beat_environment_beat_config(tmp_path):
    (tmp_path / "roi-report.toml").write_text(
        'sender = "file@agency.example"\nsmtp_host = "smtp.file.example"\nsmtp_port = 2525\n'
        'smtp_security = "ssl"\nsmtp_user = "file-user"\nworkers = 3\n',
        encoding="utf-8",
    )
    config = read_config(tmp_path / "roi-report.toml")
    from_file = smtp_settings(env={}, config=config)
    assert (from_file.host, from_file.port, from_file.security) == (
        "smtp.file.example",
        2525,
        "ssl",
    )
    assert from_file.sender == "file@agency.example" and from_file.user == "file-user"
    env = {"ROI_REPORT_SMTP_HOST": "smtp.env.example", "ROI_REPORT_SMTP_SECURITY": "STARTTLS"}
    from_env = smtp_settings(env=env, config=config)
    assert (from_env.host, from_env.security, from_env.port) == (
        "smtp.env.example",
        "starttls",
        2525,
    )
    from_option = smtp_settings(host="smtp.option.example", env=env, config=config)
    assert from_option.host == "smtp.option.example"
    assert smtp_settings(env={}).effective_port == 587
    assert smtp_settings(env={"ROI_REPORT_SMTP_SECURITY": "ssl"}).effective_port == 465


@pytest.mark.parametrize(
    "text, message",
    [
        ("wokers = 2\n", "did you mean 'workers'"),
        ('smtp_password = "secret"\n', "ROI_REPORT_SMTP_PASSWORD"),
        ("workers = 0\n", "at least 1"),
        ('workers = "two"\n', "whole number"),
        ('smtp_security = "tls"\n', "starttls"),
        ('brand = "missing.toml"\n', "does not exist"),
        ("email = 1\n", "true or false"),
        ("output = [\n", "not valid TOML"),
        ("a = " + "[" * 100_000 + "]" * 100_000 + "\n", "nested too deeply"),
        ('brand = "logo\\u0000.toml"\n', "NUL"),
        ('smtp_host = "mail\\u0000.example"\n', "one line of text"),
    ],
)
def test_config_file_errors(tmp_path, text, message):
    path = tmp_path / "roi-report.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        read_config(path)


def test_config_file_gives_build_its_defaults(tmp_path, monkeypatch):
    source = client_workbook(tmp_path / "cafe.xlsx", language="en")
    (tmp_path / "roi-report.toml").write_text(
        'output = "reports"\nemail = true\nsender = "reports@agency.example"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)  # the file in the folder the user runs from is trusted
    result = run(["build", source, "--no-pdf", "--no-email"])
    assert result.exit_code == 0, result.output
    assert f"using settings from {tmp_path / 'roi-report.toml'}" in result.stderr
    assert (tmp_path / "reports" / "cafe-roi.xlsx").is_file()
    result = run(["build", source, "--dry-run"], env={"ROI_REPORT_SMTP_FROM": ""})
    assert result.exit_code == 0, result.output
    eml = tmp_path / "reports" / "cafe-roi.eml"
    message = BytesParser(policy=policy.default).parse(eml.open("rb"))
    assert message["From"].addresses[0].addr_spec == "reports@agency.example"
    assert str(message["Subject"]).startswith("Social media ROI report: Café Niño S.A.")


# ------------------------------------------------------------------------------ templates


@pytest.mark.parametrize("language", ["en", "es", "fr", "pl"])
def test_subject_and_body_in_every_language(tmp_path, language):
    from roi_report.delivery.mail import compose_texts

    source = client_workbook(tmp_path / "cafe.xlsx", language=language)
    done = build(source, BuildOptions(out_dir=tmp_path, pdf=False))
    subject, body = compose_texts(done, [tmp_path / "cafe-roi.pdf"])
    assert subject.startswith(report_title(None, language))
    assert "\n" not in subject
    assert "cafe-roi.pdf" in body and "Brisa Digital" in body
    assert "Instagram" in body  # the best channel: 1,200 back on 500
    words = {"en": "Investment", "es": "Inversión", "fr": "Investissement", "pl": "Nakłady"}
    assert words[language] in body
    assert "{{" not in body and "{%" not in body


# ------------------------------------------------------------------------------ house style


def pdf_colours(pdf: Path) -> set[str]:
    """The fill and stroke colours a PDF paints with, as #RRGGBB."""
    import re
    import zlib

    found = set()
    data = pdf.read_bytes()
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            text = zlib.decompress(stream.group(1))
        except zlib.error:
            continue
        for rgb in re.findall(rb"([\d.]+) ([\d.]+) ([\d.]+) (?:rg|RG)\b", text):
            found.add("#" + "".join(f"{round(float(v) * 255):02X}" for v in rgb))
    return found


def test_the_email_shows_the_house_style_of_its_pdf(tmp_path, monkeypatch):
    """A batch's client keeps its own primary colour (client first) and its logo sits beside
    the workbook, not where the command runs: the email has the PDF's colours and name."""
    import subprocess

    from PIL import Image

    from roi_report.delivery.mail import compose

    folder = tmp_path / "client"
    folder.mkdir()
    Image.new("RGB", (40, 20), "#336699").save(folder / "logo.png")
    source = client_workbook(
        folder / "cafe.xlsx", language="en", **{"Logo": "logo.png", "Primary color": "#AA0000"}
    )
    house = tmp_path / "house.toml"
    house.write_text(
        'primary_color = "#112233"\naccent_color = "#445566"\nprepared_by = "Maison Conseil"\n'
    )
    monkeypatch.chdir(tmp_path)  # not the workbook's folder
    options = BuildOptions(tmp_path / "out", brand_file=house, client_style_first=True)
    done = build(source, options)
    painted = pdf_colours(done.pdf_path)
    assert {"#AA0000", "#445566"} <= painted and "#112233" not in painted
    text = subprocess.run(
        ["pdftotext", str(done.pdf_path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Maison Conseil" in text

    email = compose(done)
    assert "#AA0000" in email.html and "#445566" in email.html
    assert "#112233" not in email.html
    assert "Maison Conseil" in email.text and "Maison Conseil" in email.html


def test_compose_builds_the_template_context_once(tmp_path, monkeypatch):
    from roi_report.delivery import mail

    done = build(client_workbook(tmp_path / "cafe.xlsx"), BuildOptions(tmp_path, pdf=False))
    calls = []
    real = mail.email_context

    def counted(*args, **kwargs):
        calls.append(args[2])
        return real(*args, **kwargs)

    monkeypatch.setattr(mail, "email_context", counted)
    composed = mail.compose(done, attach_workbook="roi")
    assert calls == [[composed.workbook_name]]  # once, with the attachments' names
    assert composed.workbook_name in composed.text
