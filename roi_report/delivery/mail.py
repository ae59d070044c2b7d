"""Deliver a report by email: the PDF (and optionally the results workbook) attached, the
subject and body from Jinja templates in the report's language, sent over SMTP or written
to an `.eml` file (`--dry-run`).

SMTP settings come from options, else the environment (`ROI_REPORT_SMTP_HOST`, `_PORT`,
`_USER`, `_PASSWORD`, `_FROM`, `_SECURITY`), else `roi-report.toml`. Every failure of the
mail server (refused connection, bad password, rejected recipient…) is an `EmailError`
saying what happened and what to check; the report files on disk are never touched.

The templates are `email/subject.<lang>.txt.j2` and `email/body.<lang>.txt.j2` in the
built-in templates folder, and may be replaced from `--template-dir`.
"""

from __future__ import annotations

import contextlib
import ipaddress
import mimetypes
import os
import re
import smtplib
import socket
import ssl
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formataddr, formatdate, getaddresses, make_msgid
from pathlib import Path

from roi_report.config import SECURITY_CHOICES, Config
from roi_report.errors import RoiReportError
from roi_report.outputs import staged

ENV_PREFIX = "ROI_REPORT_SMTP_"
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
TIMEOUT_S = 30.0  # for each answer of the server
DEADLINE_S = 300.0  # for the whole conversation of one message, however the server trickles
ATTACHMENT_TYPES = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xlsm": "application/vnd.ms-excel.sheet.macroEnabled.12",
    ".pdf": "application/pdf",
}


class EmailError(RoiReportError):
    """A report that could not be emailed; the files stay on disk."""


class EmailSettingsError(EmailError):
    """Missing or unusable SMTP settings or recipients."""


class SmtpConnectionError(EmailError):
    """The mail server could not be reached, or the secure connection failed."""


class SmtpAuthError(EmailError):
    """The mail server refused the user name or password."""


class RecipientRefused(EmailError):
    """The mail server refused one or more recipients (or the sender)."""

    def __init__(self, message: str, refused: Mapping[str, str], delivered: Sequence[str] = ()):
        super().__init__(message)
        self.refused = dict(refused)
        self.delivered = tuple(delivered)


# ------------------------------------------------------------------------------ settings


@dataclass(frozen=True)
class SmtpSettings:
    host: str | None = None
    port: int | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    sender: str | None = None
    security: str = "starttls"
    timeout: float = TIMEOUT_S
    deadline: float = DEADLINE_S

    @property
    def effective_port(self) -> int:
        return self.port or DEFAULT_PORTS[self.security]

    @property
    def where(self) -> str:
        return f"{self.host}:{self.effective_port}"


def smtp_settings(
    *,
    host: str | None = None,
    port: int | None = None,
    user: str | None = None,
    sender: str | None = None,
    security: str | None = None,
    env: Mapping[str, str] | None = None,
    config: Config | None = None,
) -> SmtpSettings:
    """Options first, then the environment, then roi-report.toml."""
    env = os.environ if env is None else env
    config = config or Config()

    def pick(option, name: str, configured):
        if option not in (None, ""):
            return option
        value = env.get(ENV_PREFIX + name, "").strip()
        return value or configured

    port_value = pick(port, "PORT", config.smtp_port)
    if port_value is not None and not isinstance(port_value, int):
        try:
            port_value = int(str(port_value))
        except ValueError:
            port_value = 0
        if not 1 <= port_value <= 65535:
            raise EmailSettingsError(
                f"{ENV_PREFIX}PORT={env.get(ENV_PREFIX + 'PORT')!r} is not a port number — "
                "use a whole number such as 587"
            )
    security_value = str(pick(security, "SECURITY", config.smtp_security) or "starttls")
    security_value = security_value.strip().lower()
    if security_value not in SECURITY_CHOICES:
        raise EmailSettingsError(
            f"SMTP security {security_value!r} is not one of starttls, ssl, none — "
            f"set --smtp-security or {ENV_PREFIX}SECURITY"
        )
    user_value = pick(user, "USER", config.smtp_user)
    return SmtpSettings(
        host=pick(host, "HOST", config.smtp_host),
        port=port_value,
        user=user_value,
        password=env.get(ENV_PREFIX + "PASSWORD") or None,
        sender=pick(sender, "FROM", config.sender)
        or (user_value if "@" in (user_value or "") else None),
        security=security_value,
    )


# ------------------------------------------------------------------------------ addresses


def split_addresses(text: str) -> list[str]:
    """The addresses of one list (commas or semicolons between them), parsed as mail
    headers are: `"Smith, John" <john@example.com>` is one address, not two."""
    if any(ch in text for ch in "\r\n\0"):
        return [text]  # refused whole by _address, never split into an injected header
    pairs = getaddresses([text])
    if text.strip() and any(not name and not spec for name, spec in pairs):
        # Python's strict parser gives ('', '') for a whole list with one malformed item:
        # split outside quotes instead, so each item is judged (and named) on its own.
        return [item.strip() for item in ADDRESS_ITEM.findall(text) if item.strip()]
    return [formataddr((name, spec)) if name else spec for name, spec in pairs if name or spec]


# One item of a list separated by commas or semicolons; a quoted name may hold either.
ADDRESS_ITEM = re.compile(r'(?:"[^"]*"?|[^,;"])+')


def _ascii_domain(domain: str, text: str, what: str) -> str:
    """An internationalized domain (müller.de) in the ASCII form every server and header
    accepts (xn--mller-kva.de)."""
    if domain.isascii():
        return domain
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        raise EmailSettingsError(
            f"{what} {text!r} has a domain that is not a valid internationalized name — "
            "check its spelling"
        ) from None


def _address(text: str, what: str) -> Address:
    if any(ch in text for ch in "\r\n\0"):
        raise EmailSettingsError(f"{what} {text!r} contains a line break — write one address")
    pairs = getaddresses([text])
    if len(pairs) != 1 or "@" not in pairs[0][1]:
        raise EmailSettingsError(
            f"{what} {text!r} is not an email address — write it as name@example.com "
            '(a name with a comma in double quotes: "Smith, John" <john@example.com>)'
        )
    display, spec = pairs[0]
    username, _, domain = spec.rpartition("@")
    try:
        return Address(
            display_name=display, username=username, domain=_ascii_domain(domain, text, what)
        )
    except (ValueError, IndexError) as error:
        raise EmailSettingsError(
            f"{what} {text!r} is not an email address ({error}) — write it as name@example.com"
        ) from None


def recipients_for(settings_email_to: Sequence[str], to: Sequence[str] = ()) -> list[Address]:
    """`--to` when given (each may hold several, comma separated), else `Email to`."""
    texts: list[str] = []
    for item in to or ():
        texts += split_addresses(str(item))
    source = "--to address"
    if not any(texts):
        texts = [t for item in settings_email_to for t in split_addresses(str(item))]
        source = "the Report sheet's 'Email to' address"
    texts = [t.strip() for t in texts if t.strip()]
    if not texts:
        raise EmailSettingsError(
            "no recipients — fill the Report sheet's setting 'Email to' "
            "(addresses separated by commas) or give --to ADDRESS"
        )
    seen: dict[str, Address] = {}
    for text in texts:
        address = _address(text, source)
        seen.setdefault(address.addr_spec.lower(), address)
    return list(seen.values())


# ------------------------------------------------------------------------------ composing


def _period(start, end, language: str) -> str:
    from roi_report.pdf.formatting import format_period

    return format_period(start, end, language)


def best_channel(metrics):
    """The social channel that returned the most per unit spent (as the PDF's findings)."""
    paying = [
        c for c in metrics.channels if c.kind == "Social" and c.investment > 0 and c.return_ > 0
    ]
    if not paying:
        return None
    return max(paying, key=lambda c: (c.return_ / c.investment, c.return_))


def email_context(
    workbook, metrics, attachments: Sequence[str], brand_file: Path | None = None
) -> dict:
    """What the email templates print, formatted in the report's language. The signature
    is the PDF's "prepared by": the brand file's, else the Report sheet's."""
    from roi_report.pdf.formatting import format_change, format_money, format_pct
    from roi_report.pdf.sections.base import DEFAULT_TITLE
    from roi_report.pdf.texts import texts

    settings = workbook.settings
    language, currency = settings.language, settings.currency
    headline, periods = metrics.headline, metrics.periods
    title = settings.title.strip() if settings.title else ""
    if not title or title == DEFAULT_TITLE:
        title = texts(language)["default_title"]
    best = best_channel(metrics)
    has_comparison = periods.compare_start is not None and periods.compare_end is not None
    prepared_by = settings.prepared_by or ""
    if brand_file is not None:
        from roi_report.pdf.brand import load_brand

        prepared_by = load_brand(brand_file).prepared_by or prepared_by
    return {
        "language": language,
        "client": " ".join(settings.client.split()),
        "title": " ".join(title.split()),
        "prepared_by": " ".join(prepared_by.split()),
        "period": _period(periods.start, periods.end, language),
        "has_comparison": has_comparison,
        "comparison_period": (
            _period(periods.compare_start, periods.compare_end, language) if has_comparison else ""
        ),
        "investment": format_money(headline.investment.current, currency, language),
        "return_": format_money(headline.return_.current, currency, language),
        "roi": format_pct(headline.roi_pct.current, language),
        "investment_change": format_change(headline.investment.change, language),
        "return_change": format_change(headline.return_.change, language),
        "roi_change": format_change(headline.roi_pct.change, language, points=True),
        "best_channel": best.channel if best else "",
        "best_channel_roi": format_pct(best.roi_pct, language) if best else "",
        "attachments": list(attachments),
        "workbook_attached": any(a.lower().endswith((".xlsx", ".xlsm")) for a in attachments),
    }


def email_environment(template_dir: Path | None = None):
    """Sandboxed plain-text Jinja environment: `template_dir` first, then the built-in
    templates."""
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    from roi_report.resources import templates_dir

    loaders = []
    if template_dir is not None:
        loaders.append(FileSystemLoader(str(template_dir)))
    loaders.append(FileSystemLoader(str(templates_dir())))
    return SandboxedEnvironment(  # templates are data: no Python internals, no commands
        loader=ChoiceLoader(loaders),
        autoescape=False,  # plain text: nothing here is HTML
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_texts(context: Mapping, template_dir: Path | None = None) -> tuple[str, str]:
    """(subject, body) from the templates of the context's language."""
    from jinja2 import TemplateError

    env = email_environment(template_dir)
    language = context["language"]
    try:
        subject = env.get_template(f"email/subject.{language}.txt.j2").render(context)
        body = env.get_template(f"email/body.{language}.txt.j2").render(context)
    except TemplateError as error:
        raise EmailError(
            f"the email template for language {language!r} cannot be used: {error}"
        ) from None
    subject = " ".join(subject.split())  # one line, whatever the template or the names hold
    body = "\n".join(line.rstrip() for line in body.strip().splitlines()) + "\n"
    return subject, body


def compose_texts(
    built,
    attachments: Sequence[Path],
    template_dir: Path | None = None,
    brand_file: Path | None = None,
) -> tuple[str, str]:
    names = [Path(p).name for p in attachments]
    context = email_context(built.workbook, built.metrics, names, brand_file)
    return render_texts(context, template_dir)


def attachment_name(path: Path) -> str:
    """A file name a mail header can carry: line breaks and other control characters
    (legal in a file name) would break the header, so they become spaces."""
    name = "".join(" " if ord(ch) < 32 or ch == "\x7f" else ch for ch in Path(path).name)
    return " ".join(name.split()) or "report"


def make_message(
    subject: str,
    body: str,
    sender: str,
    recipients: Sequence[Address],
    attachments: Sequence[Path],
) -> EmailMessage:
    message = EmailMessage()
    from_address = _address(sender, "sender")
    message["From"] = from_address
    message["To"] = list(recipients)
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=from_address.domain or None)
    message.set_content(body)
    for path in attachments:
        path = Path(path)
        kind = ATTACHMENT_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
        maintype, subtype = (kind or "application/octet-stream").split("/", 1)
        message.add_attachment(
            path.read_bytes(), maintype=maintype, subtype=subtype, filename=attachment_name(path)
        )
    return message


def _international(message: EmailMessage) -> bool:
    """True when an address keeps non-ASCII letters in its local part (the domain is
    already punycode): the message then goes as SMTPUTF8, its headers in UTF-8."""
    addresses = [*message["From"].addresses, *message["To"].addresses]
    return not all(a.addr_spec.isascii() for a in addresses)


# ------------------------------------------------------------------------------ sending


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _reply(code, text) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {' '.join(str(text).split())}".strip()


class _Deadline:
    """Shuts the connection down once `seconds` have passed. smtplib's timeout bounds each
    read only, and a server that answers one byte every few seconds never trips it."""

    def __init__(self, client: smtplib.SMTP, seconds: float):
        self.client, self.seconds, self.expired = client, seconds, False
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="smtp-deadline", daemon=True)

    def __enter__(self) -> _Deadline:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._done.set()
        self._thread.join()

    def _run(self) -> None:
        if self._done.wait(self.seconds):
            return
        self.expired = True
        while not self._done.wait(0.05):  # again until the sender gives up (a socket may
            sock = getattr(self.client, "sock", None)  # still be connecting)
            if sock is not None:
                with contextlib.suppress(OSError):
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)


def send_message(message: EmailMessage, settings: SmtpSettings) -> list[str]:
    """Send over SMTP within one deadline; returns the recipients that got it, or raises
    an EmailError."""
    if not settings.host:
        raise EmailSettingsError(
            f"no mail server — give --smtp-host or set {ENV_PREFIX}HOST "
            "(or write the emails to .eml files with --dry-run)"
        )
    context = ssl.create_default_context()
    timeout = min(settings.timeout, settings.deadline)
    if settings.security == "ssl":
        client = smtplib.SMTP_SSL(timeout=timeout, context=context)
    else:
        client = smtplib.SMTP(timeout=timeout)
    client._host = settings.host  # the name TLS checks the certificate against
    try:
        with _Deadline(client, settings.deadline) as deadline:
            try:
                return _converse(client, message, settings, context)
            except EmailError:
                if not deadline.expired:
                    raise
                raise SmtpConnectionError(
                    f"the mail server {settings.where} did not finish taking the message within "
                    f"{settings.deadline:g} s — it was not sent; check the server, or try "
                    "again later"
                ) from None
    finally:
        client.close()


def _converse(
    client: smtplib.SMTP, message: EmailMessage, settings: SmtpSettings, context
) -> list[str]:
    where = settings.where
    recipients = [a.addr_spec for a in message["To"].addresses]
    try:
        code, reply = client.connect(settings.host, settings.effective_port)
        if code != 220:
            raise smtplib.SMTPConnectError(code, reply)
    except ConnectionRefusedError:
        raise SmtpConnectionError(
            f"could not connect to the mail server {where}: the connection was refused — "
            f"check the host and port (--smtp-host/--smtp-port or {ENV_PREFIX}HOST/PORT) "
            "and that the server is running"
        ) from None
    except socket.gaierror:
        raise SmtpConnectionError(
            f"could not connect to the mail server {where}: the host name is unknown — "
            f"check --smtp-host or {ENV_PREFIX}HOST"
        ) from None
    except TimeoutError:
        raise SmtpConnectionError(
            f"could not connect to the mail server {where}: no answer within "
            f"{client.timeout:g} s — check the host, the port and any firewall"
        ) from None
    except ssl.SSLError as error:
        raise SmtpConnectionError(
            f"the secure connection to {where} failed ({error.reason or error}) — port 465 "
            "usually wants --smtp-security ssl, port 587 starttls"
        ) from None
    except smtplib.SMTPServerDisconnected:
        raise SmtpConnectionError(
            f"the mail server {where} closed the connection before greeting — check the port "
            "and --smtp-security (ssl for port 465, starttls for 587)"
        ) from None
    except (smtplib.SMTPException, OSError) as error:
        raise SmtpConnectionError(
            f"could not connect to the mail server {where}: {error}"
        ) from None
    sending = False  # once the server took our greeting, a dropped line is not the port's fault
    try:
        client.ehlo_or_helo_if_needed()
        if settings.security == "starttls":
            if not client.has_extn("starttls"):
                raise SmtpConnectionError(
                    f"the mail server {where} does not offer STARTTLS — use "
                    "--smtp-security ssl (port 465), or none only on a trusted network"
                )
            client.starttls(context=context)
            client.ehlo()
        if settings.user:
            if settings.password is None:
                raise EmailSettingsError(
                    f"no password for the SMTP user {settings.user!r} — set {ENV_PREFIX}PASSWORD"
                )
            if settings.security == "none" and not _is_loopback(settings.host):
                raise EmailSettingsError(
                    f"refusing to send the password for {settings.user!r} unencrypted to "
                    f"{where} — use --smtp-security starttls or ssl"
                )
            try:
                client.login(settings.user, settings.password)
            except UnicodeEncodeError:
                raise SmtpAuthError(
                    f"the SMTP user name or password for {where} holds characters "
                    "outside ASCII, which SMTP login cannot send — check them"
                ) from None
        sending = True
        refused = client.send_message(message)
    except smtplib.SMTPAuthenticationError as error:
        raise SmtpAuthError(
            f"the mail server {where} refused the user name or password for "
            f"{settings.user!r} ({_reply(error.smtp_code, error.smtp_error)}) — check "
            f"--smtp-user / {ENV_PREFIX}USER and {ENV_PREFIX}PASSWORD"
        ) from None
    except smtplib.SMTPRecipientsRefused as error:
        details = {r: _reply(*reply) for r, reply in error.recipients.items()}
        raise RecipientRefused(
            "the mail server refused every recipient: "
            + "; ".join(f"{r} ({why})" for r, why in details.items())
            + " — check the Report sheet's 'Email to' or --to",
            details,
        ) from None
    except smtplib.SMTPSenderRefused as error:
        raise RecipientRefused(
            f"the mail server {where} refused the sender {error.sender!r} "
            f"({_reply(error.smtp_code, error.smtp_error)}) — check --from or "
            f"{ENV_PREFIX}FROM (many servers only accept the account's own address)",
            {},
        ) from None
    except smtplib.SMTPNotSupportedError as error:
        raise SmtpConnectionError(f"the mail server {where} cannot do that: {error}") from None
    except smtplib.SMTPDataError as error:
        raise EmailError(
            f"the mail server {where} refused the message "
            f"({_reply(error.smtp_code, error.smtp_error)})"
        ) from None
    except smtplib.SMTPServerDisconnected:
        if sending:
            raise SmtpConnectionError(
                f"the mail server {where} dropped the connection while the message was being "
                "sent — it was not delivered; try again later (a server also drops messages "
                "over its size limit: try without --attach-workbook)"
            ) from None
        raise SmtpConnectionError(
            f"the mail server {where} closed the connection — check the port and "
            "--smtp-security (ssl for port 465, starttls for 587)"
        ) from None
    except ssl.SSLError as error:
        raise SmtpConnectionError(
            f"the secure connection to {where} failed ({error.reason or error}) — check "
            "--smtp-security"
        ) from None
    except (smtplib.SMTPException, OSError) as error:
        raise EmailError(f"sending through {where} failed: {error}") from None
    # Delivered: whatever the server answers to QUIT (or if it hangs up), the message is
    # sent; reporting it as a failure would invite a duplicate.
    with contextlib.suppress(smtplib.SMTPException, OSError):
        client.quit()
    if refused:
        details = {r: _reply(*reply) for r, reply in refused.items()}
        delivered = [r for r in recipients if r not in refused]
        raise RecipientRefused(
            f"sent to {', '.join(delivered)}, but the mail server refused "
            + "; ".join(f"{r} ({why})" for r, why in details.items())
            + " — check the Report sheet's 'Email to' or --to",
            details,
            delivered,
        )
    return recipients


def write_eml(message: EmailMessage, target: Path) -> Path:
    """The message as an .eml file, written whole or not at all."""
    target = Path(target)
    policy = message.policy.clone(utf8=True) if _international(message) else None
    with staged([target]) as (temp,):
        temp.write_bytes(message.as_bytes(policy=policy))
    return target


# ------------------------------------------------------------------------------ delivery


@dataclass(frozen=True)
class EmailRequest:
    """What to deliver and how: built from the options once, used for every report."""

    smtp: SmtpSettings
    to: tuple[str, ...] = ()
    attach_workbook: bool = False
    dry_run: bool = False
    template_dir: Path | None = None
    brand_file: Path | None = None  # for the signature ("prepared by")


def email_request(
    *,
    email: bool | None = None,
    attach_workbook: bool | None = None,
    to: Sequence[str] = (),
    dry_run: bool = False,
    sender: str | None = None,
    smtp_host: str | None = None,
    smtp_port: int | None = None,
    smtp_user: str | None = None,
    smtp_security: str | None = None,
    template_dir: Path | None = None,
    brand_file: Path | None = None,
    config: Config | None = None,
    env: Mapping[str, str] | None = None,
) -> EmailRequest | None:
    """The email part of the options (None: no email), checked before anything is built,
    so a missing server or sender is reported at once, not after an hour of rendering."""
    config = config or Config()
    wanted = email if email is not None else bool(config.email)
    if not (wanted or dry_run):
        return None
    smtp = smtp_settings(
        host=smtp_host,
        port=smtp_port,
        user=smtp_user,
        sender=sender,
        security=smtp_security,
        env=env,
        config=config,
    )
    if not smtp.sender:
        raise EmailSettingsError(
            f"no sender address — give --from or set {ENV_PREFIX}FROM "
            "(or `sender` in roi-report.toml)"
        )
    _address(smtp.sender, "sender")
    if not dry_run:
        if not smtp.host:
            raise EmailSettingsError(
                f"no mail server — give --smtp-host or set {ENV_PREFIX}HOST "
                "(or write the emails to .eml files with --dry-run)"
            )
        if smtp.user and smtp.password is None:
            raise EmailSettingsError(
                f"no password for the SMTP user {smtp.user!r} — set {ENV_PREFIX}PASSWORD"
            )
    if to:
        recipients_for((), to)  # every --to address parses
    attach = attach_workbook if attach_workbook is not None else bool(config.attach_workbook)
    return EmailRequest(
        smtp=smtp,
        to=tuple(to or ()),
        attach_workbook=attach,
        dry_run=dry_run,
        template_dir=template_dir if template_dir is not None else config.template_dir,
        brand_file=brand_file if brand_file is not None else config.brand,
    )


@dataclass(frozen=True)
class Delivery:
    """What happened to one report's email."""

    recipients: tuple[str, ...]
    eml_path: Path | None = None  # --dry-run

    def describe(self) -> str:
        who = ", ".join(self.recipients)
        if self.eml_path is not None:
            return f"email to {who} written to {self.eml_path} (dry run, not sent)"
        return f"emailed to {who}"


def deliver(
    *,
    subject: str,
    body: str,
    email_to: Sequence[str],
    pdf_path: Path | None,
    results_path: Path,
    request: EmailRequest,
) -> Delivery:
    """Email one report's files (or write the .eml); raises an EmailError on failure."""
    if pdf_path is None:
        raise EmailSettingsError("there is no PDF to email — leave out --no-pdf to send reports")
    recipients = recipients_for(email_to, request.to)
    sender = request.smtp.sender
    if not sender:
        raise EmailSettingsError(
            f"no sender address — give --from or set {ENV_PREFIX}FROM "
            "(or `sender` in roi-report.toml)"
        )
    attachments = [pdf_path] + ([results_path] if request.attach_workbook else [])
    message = make_message(subject, body, sender, recipients, attachments)
    if request.dry_run:
        eml = write_eml(message, Path(pdf_path).with_suffix(".eml"))
        return Delivery(tuple(a.addr_spec for a in recipients), eml)
    return Delivery(tuple(send_message(message, request.smtp)))


def email_built(built, request: EmailRequest) -> Delivery:
    """Email the report of one `pipeline.build` result."""
    attachments = [p for p in (built.pdf_path,) if p is not None]
    if request.attach_workbook:
        attachments.append(built.results_path)
    subject, body = compose_texts(built, attachments, request.template_dir, request.brand_file)
    return deliver(
        subject=subject,
        body=body,
        email_to=built.workbook.settings.email_to,
        pdf_path=built.pdf_path,
        results_path=built.results_path,
        request=request,
    )
