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
from roi_report.language import N_, messages_for
from roi_report.metrics.figures import best_channel  # batch.py imports it from here too
from roi_report.outputs import staged

MESSAGES = messages_for(__name__)
_ = MESSAGES.gettext
SENDER = N_("sender")

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
                _(
                    "{variable}={value!r} is not a port number — use a whole number such as 587"
                ).format(variable=ENV_PREFIX + "PORT", value=env.get(ENV_PREFIX + "PORT"))
            )
    security_value = str(pick(security, "SECURITY", config.smtp_security) or "starttls")
    security_value = security_value.strip().lower()
    if security_value not in SECURITY_CHOICES:
        raise EmailSettingsError(
            _(
                "SMTP security {value!r} is not one of starttls, ssl, none — set "
                "--smtp-security or {variable}"
            ).format(value=security_value, variable=ENV_PREFIX + "SECURITY")
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
            _(
                "{what} {text!r} has a domain that is not a valid internationalized name — "
                "check its spelling"
            ).format(what=_(what), text=text)
        ) from None


def _address(text: str, what: str) -> Address:
    if any(ch in text for ch in "\r\n\0"):
        raise EmailSettingsError(
            _("{what} {text!r} contains a line break — write one address").format(
                what=_(what), text=text
            )
        )
    pairs = getaddresses([text])
    if len(pairs) != 1 or "@" not in pairs[0][1]:
        raise EmailSettingsError(
            _(
                "{what} {text!r} is not an email address — write it as name@example.com "
                '(a name with a comma in double quotes: "Smith, John" <john@example.com>)'
            ).format(what=_(what), text=text)
        )
    display, spec = pairs[0]
    username, _at, domain = spec.rpartition("@")
    try:
        return Address(
            display_name=display, username=username, domain=_ascii_domain(domain, text, what)
        )
    except (ValueError, IndexError) as error:
        raise EmailSettingsError(
            _(
                "{what} {text!r} is not an email address ({error}) — write it as name@example.com"
            ).format(what=_(what), text=text, error=error)
        ) from None


def recipients_for(settings_email_to: Sequence[str], to: Sequence[str] = ()) -> list[Address]:
    """`--to` when given (each may hold several, comma separated), else `Email to`."""
    texts: list[str] = []
    for item in to or ():
        texts += split_addresses(str(item))
    source = N_("--to address")
    if not any(texts):
        texts = [t for item in settings_email_to for t in split_addresses(str(item))]
        source = N_("the Report sheet's 'Email to' address")
    texts = [t.strip() for t in texts if t.strip()]
    if not texts:
        raise EmailSettingsError(
            _(
                "no recipients — fill the Report sheet's setting 'Email to' "
                "(addresses separated by commas) or give --to ADDRESS"
            )
        )
    seen: dict[str, Address] = {}
    for text in texts:
        address = _address(text, source)
        seen.setdefault(address.addr_spec.lower(), address)
    return list(seen.values())


# ------------------------------------------------------------------------------ composing

# The chart's Content-ID: any unique name will do, it never leaves the message.
CHART_CID = "<roi-chart@roi-report.invalid>"
# French writes "d’Atelier", "de Café": the preposition elides before a vowel.
FRENCH_VOWELS = set("aeiouàâäéèêëîïôöùûüœæ")
# Characters some file system or mail client refuses in a file name.
UNSAFE_IN_NAMES = set('\\/:*?"<>|')
MAX_NAME_CHARS = 150


@dataclass(frozen=True)
class Composed:
    """One report's email, ready to send: texts in the report's language, the inline chart
    and the names its attachments carry. Built in a batch worker, sent by the parent."""

    subject: str
    text: str
    html: str
    chart: bytes | None
    pdf_name: str
    workbook_name: str


def _period(start, end, language: str) -> str:
    from roi_report.pdf.formatting import format_period

    return format_period(start, end, language)


def period_name(start, end, language: str) -> str:
    """The period as a reader names it: `September 2026`, `Q3 2026`, `2026`, else the span."""
    from babel.dates import format_date

    from roi_report.language import locale_of, use_language
    from roi_report.workbook.periods import is_whole_months, month_count

    if is_whole_months(start, end):
        months = month_count(start, end)
        if months == 1:
            return format_date(start, "LLLL y", locale=locale_of(language))
        if months == 3 and start.month % 3 == 1:
            with use_language(language):
                # Translators: a calendar quarter in a file name, e.g. "Q3 2026"
                return _("Q{quarter} {year}").format(quarter=start.month // 3 + 1, year=start.year)
        if months == 12 and start.month == 1:
            return str(start.year)
    return _period(start, end, language)


def reader_file_name(*parts: str, suffix: str) -> str:
    """`Acme Analytics – Social media ROI report – Q3 2025.pdf`: a name every mail client and
    file system takes (no control characters, none of \\ / : * ? " < > |, not too long)."""
    cleaned = []
    for part in parts:
        text = "".join(
            " " if ord(ch) < 32 or ch == "\x7f" or ch in UNSAFE_IN_NAMES else ch for ch in part
        )
        text = " ".join(text.split())
        if text:
            cleaned.append(text)
    stem = " – ".join(cleaned)[:MAX_NAME_CHARS].rstrip(" .–") or "report"
    return stem + suffix


def of_client(client: str, language: str) -> str:
    """The client after "of" as the language writes it; French elides: `d’Atelier`."""
    if language != "fr":
        return client
    first = client.lstrip('"«“ ')[:1].lower()
    return ("d’" if first in FRENCH_VOWELS else "de ") + client


def _signature(prepared_by: str, sender: str | None) -> str:
    """Who signs: "Prepared by", else the sender's name (or address)."""
    if prepared_by:
        return prepared_by
    if sender:
        pairs = getaddresses([sender])
        if pairs and (pairs[0][0] or pairs[0][1]):
            return pairs[0][0] or pairs[0][1]
    return _("Your reporting team")


def client_and_title(settings) -> tuple[str, str]:
    """The client and the report's title as the email names them, one line each."""
    from roi_report.pdf.sections.base import report_title

    title = report_title(settings.title, settings.language)
    return " ".join(settings.client.split()), " ".join(title.split())


def email_context(
    workbook,
    metrics,
    attachments: Sequence[str],
    brand,
    *,
    sender: str | None = None,
    workbook_full: bool = False,
    chart: str = "",
) -> dict:
    """What the email templates print, formatted in the report's language. `brand` is the
    house style of the report's PDF (pipeline.Built.brand): its colours, and its "prepared
    by" as the signature (else the sender)."""
    from roi_report.language import use_language
    from roi_report.pdf.formatting import format_change, format_count, format_money, format_pct

    settings = workbook.settings
    language, currency = settings.language, settings.currency
    headline, periods = metrics.headline, metrics.periods
    client, title = client_and_title(settings)
    best = best_channel(metrics)
    has_comparison = periods.compare_start is not None and periods.compare_end is not None
    prepared_by = brand.prepared_by

    def change(figure, **options) -> str:
        return "" if figure.change is None else format_change(figure.change, language, **options)

    with use_language(language):
        figures = [
            (
                _("Investment"),
                format_money(headline.investment.current, currency, language),
                change(headline.investment),
            ),
            (
                _("Return"),
                format_money(headline.return_.current, currency, language),
                change(headline.return_),
            ),
            (
                _("ROI"),
                format_pct(headline.roi_pct.current, language),
                change(headline.roi_pct, points=True),
            ),
            (
                _("Leads"),
                format_count(headline.social_leads.current, language),
                change(headline.social_leads),
            ),
            (
                _("Cost per lead"),
                format_money(headline.cost_per_lead.current, currency, language),
                change(headline.cost_per_lead),
            ),
        ]
        signature = _signature(" ".join(prepared_by.split()), sender)
    return {
        "language": language,
        "client": client,
        "of_client": of_client(client, language),
        "title": title,
        "prepared_by": " ".join(prepared_by.split()),
        "signature": signature,
        "period": _period(periods.start, periods.end, language),
        "has_comparison": has_comparison,
        "comparison_period": (
            _period(periods.compare_start, periods.compare_end, language) if has_comparison else ""
        ),
        "figures": figures,
        "investment": figures[0][1],
        "return_": figures[1][1],
        "roi": figures[2][1],
        "leads": figures[3][1],
        "cost_per_lead": figures[4][1],
        "investment_change": figures[0][2],
        "return_change": figures[1][2],
        "roi_change": figures[2][2],
        "leads_change": figures[3][2],
        "cost_per_lead_change": figures[4][2],
        "best_channel": best.channel if best else "",
        "best_channel_roi": format_pct(best.roi_pct, language) if best else "",
        "attachments": list(attachments),
        "workbook_attached": any(a.lower().endswith((".xlsx", ".xlsm")) for a in attachments),
        "workbook_full": workbook_full,
        "primary_color": brand.primary,
        "accent_color": brand.accent,
        "chart": chart,
    }


def email_environment(template_dir: Path | None = None):
    """Sandboxed Jinja environment with gettext (the `delivery` catalog): `template_dir`
    first, then the built-in templates. Only the HTML templates are escaped."""
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, select_autoescape
    from jinja2.sandbox import SandboxedEnvironment

    from roi_report.resources import templates_dir

    loaders = []
    if template_dir is not None:
        loaders.append(FileSystemLoader(str(template_dir)))
    loaders.append(FileSystemLoader(str(templates_dir())))
    env = SandboxedEnvironment(  # templates are data: no Python internals, no commands
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.policies["ext.i18n.trimmed"] = True  # as the catalogs are extracted
    env.install_gettext_callables(MESSAGES.gettext, MESSAGES.ngettext, newstyle=True)
    return env


def _template(env, kind: str, language: str):
    """A folder's `email/<kind>.<language>.*` (the older per-language names) before the
    translated `email/<kind>.*`."""
    base, _, extension = kind.partition(".")
    return env.select_template([f"email/{base}.{language}.{extension}", f"email/{kind}"])


def render_texts(context: Mapping, template_dir: Path | None = None) -> tuple[str, str, str]:
    """(subject, plain text, HTML) from the templates, in the context's language."""
    from jinja2 import TemplateError

    from roi_report.language import use_language

    env = email_environment(template_dir)
    language = context["language"]
    try:
        with use_language(language):
            subject = _template(env, "subject.txt.j2", language).render(context)
            body = _template(env, "body.txt.j2", language).render(context)
            html = _template(env, "body.html.j2", language).render(context)
    except TemplateError as error:
        raise EmailError(
            _("the email template for language {language!r} cannot be used: {error}").format(
                language=language, error=error
            )
        ) from None
    subject = " ".join(subject.split())  # one line, whatever the template or the names hold
    body = "\n".join(line.rstrip() for line in body.strip().splitlines()) + "\n"
    return subject, body, html


def compose(
    built,
    *,
    attach_workbook: str | None = None,
    template_dir: Path | None = None,
    sender: str | None = None,
) -> Composed:
    """One report's email: texts, the inline chart, and the attachments' reader names, in
    the house style of the report's PDF."""
    from roi_report.delivery.email_chart import roi_chart

    settings, periods = built.workbook.settings, built.metrics.periods
    language = settings.language
    client, title = client_and_title(settings)
    stem = (client, title, period_name(periods.start, periods.end, language))
    pdf_name = reader_file_name(*stem, suffix=".pdf")
    # The ROI sheets are a plain .xlsx; the full workbook keeps its own kind (.xlsm).
    suffix = Path(built.results_path).suffix.lower() if attach_workbook == "full" else ".xlsx"
    workbook_name = reader_file_name(*stem, suffix=suffix)
    names = ([pdf_name] if built.pdf_path is not None else []) + (
        [workbook_name] if attach_workbook else []
    )
    chart = roi_chart(built.metrics, built.brand.primary, built.brand.accent, language)
    context = email_context(
        built.workbook,
        built.metrics,
        names,
        built.brand,
        sender=sender,
        workbook_full=attach_workbook == "full",
        chart=f"cid:{CHART_CID[1:-1]}" if chart else "",
    )
    subject, text, html = render_texts(context, template_dir)
    return Composed(subject, text, html, chart, pdf_name, workbook_name)


def compose_texts(
    built, attachments: Sequence[Path], template_dir: Path | None = None
) -> tuple[str, str]:
    """(subject, plain text) of one build's email, listing `attachments` by file name."""
    names = [Path(p).name for p in attachments]
    context = email_context(built.workbook, built.metrics, names, built.brand)
    return render_texts(context, template_dir)[:2]


def attachment_name(path: Path | str) -> str:
    """A file name a mail header can carry: line breaks and other control characters
    (legal in a file name) would break the header, so they become spaces."""
    name = "".join(" " if ord(ch) < 32 or ch == "\x7f" else ch for ch in Path(path).name)
    return " ".join(name.split()) or "report"


def make_message(
    subject: str,
    body: str,
    sender: str | None,
    recipients: Sequence[Address],
    attachments: Sequence[Path | tuple[str, bytes]],
    *,
    html: str = "",
    chart: bytes | None = None,
) -> EmailMessage:
    """The message: plain text, with `html` as its alternative (the chart inline beside
    it), then the attachments — files, or (name, bytes). No sender: a draft (--dry-run)."""
    message = EmailMessage()
    from_address = _address(sender, SENDER) if sender else None
    if from_address is not None:
        message["From"] = from_address
    message["To"] = list(recipients)
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=(from_address and from_address.domain) or None)
    message.set_content(body)
    if html:
        message.add_alternative(html, subtype="html")
        if chart:
            message.get_payload()[1].add_related(
                chart, "image", "png", cid=CHART_CID, disposition="inline"
            )
    for item in attachments:
        if isinstance(item, tuple):
            name, data = item
        else:
            name, data = Path(item).name, Path(item).read_bytes()
        kind = ATTACHMENT_TYPES.get(Path(name).suffix.lower()) or mimetypes.guess_type(name)[0]
        maintype, subtype = (kind or "application/octet-stream").split("/", 1)
        # A non-ASCII name goes as RFC 2231 (filename*=utf-8''…), read by every current
        # mail client; the name itself has no character a file system refuses.
        message.add_attachment(
            data, maintype=maintype, subtype=subtype, filename=attachment_name(name)
        )
    return message


def _international(message: EmailMessage) -> bool:
    """True when an address keeps non-ASCII letters in its local part (the domain is
    already punycode): the message then goes as SMTPUTF8, its headers in UTF-8."""
    addresses = [*(message["From"].addresses if message["From"] else ()), *message["To"].addresses]
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
        raise _no_server()
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
                    _(
                        "the mail server {where} did not finish taking the message within "
                        "{seconds:g} s — it was not sent; check the server, or try again later"
                    ).format(where=settings.where, seconds=settings.deadline)
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
            _(
                "could not connect to the mail server {where}: the connection was refused — "
                "check the host and port (--smtp-host/--smtp-port or {variable}/PORT) and "
                "that the server is running"
            ).format(where=where, variable=ENV_PREFIX + "HOST")
        ) from None
    except socket.gaierror:
        raise SmtpConnectionError(
            _(
                "could not connect to the mail server {where}: the host name is unknown — "
                "check --smtp-host or {variable}"
            ).format(where=where, variable=ENV_PREFIX + "HOST")
        ) from None
    except TimeoutError:
        raise SmtpConnectionError(
            _(
                "could not connect to the mail server {where}: no answer within {seconds:g} s "
                "— check the host, the port and any firewall"
            ).format(where=where, seconds=client.timeout)
        ) from None
    except ssl.SSLError as error:
        raise SmtpConnectionError(
            _(
                "the secure connection to {where} failed ({problem}) — port 465 usually wants "
                "--smtp-security ssl, port 587 starttls"
            ).format(where=where, problem=error.reason or error)
        ) from None
    except smtplib.SMTPServerDisconnected:
        raise SmtpConnectionError(
            _(
                "the mail server {where} closed the connection before greeting — check the "
                "port and --smtp-security (ssl for port 465, starttls for 587)"
            ).format(where=where)
        ) from None
    except (smtplib.SMTPException, OSError) as error:
        raise SmtpConnectionError(
            _("could not connect to the mail server {where}: {problem}").format(
                where=where, problem=error
            )
        ) from None
    sending = False  # once the server took our greeting, a dropped line is not the port's fault
    try:
        client.ehlo_or_helo_if_needed()
        if settings.security == "starttls":
            if not client.has_extn("starttls"):
                raise SmtpConnectionError(
                    _(
                        "the mail server {where} does not offer STARTTLS — use --smtp-security "
                        "ssl (port 465), or none only on a trusted network"
                    ).format(where=where)
                )
            client.starttls(context=context)
            client.ehlo()
        if settings.user:
            if settings.password is None:
                raise _no_password(settings.user)
            if settings.security == "none" and not _is_loopback(settings.host):
                raise EmailSettingsError(
                    _(
                        "refusing to send the password for {user!r} unencrypted to {where} — "
                        "use --smtp-security starttls or ssl"
                    ).format(user=settings.user, where=where)
                )
            try:
                client.login(settings.user, settings.password)
            except UnicodeEncodeError:
                raise SmtpAuthError(
                    _(
                        "the SMTP user name or password for {where} holds characters outside "
                        "ASCII, which SMTP login cannot send — check them"
                    ).format(where=where)
                ) from None
        sending = True
        refused = client.send_message(message)
    except smtplib.SMTPAuthenticationError as error:
        raise SmtpAuthError(
            _(
                "the mail server {where} refused the user name or password for {user!r} "
                "({reply}) — check --smtp-user / {prefix}USER and {prefix}PASSWORD"
            ).format(
                where=where,
                user=settings.user,
                reply=_reply(error.smtp_code, error.smtp_error),
                prefix=ENV_PREFIX,
            )
        ) from None
    except smtplib.SMTPRecipientsRefused as error:
        details = {r: _reply(*reply) for r, reply in error.recipients.items()}
        raise RecipientRefused(
            _(
                "the mail server refused every recipient: {refused} — check the Report "
                "sheet's 'Email to' or --to"
            ).format(refused="; ".join(f"{r} ({why})" for r, why in details.items())),
            details,
        ) from None
    except smtplib.SMTPSenderRefused as error:
        raise RecipientRefused(
            _(
                "the mail server {where} refused the sender {sender!r} ({reply}) — check "
                "--from or {variable} (many servers only accept the account's own address)"
            ).format(
                where=where,
                sender=error.sender,
                reply=_reply(error.smtp_code, error.smtp_error),
                variable=ENV_PREFIX + "FROM",
            ),
            {},
        ) from None
    except smtplib.SMTPNotSupportedError as error:
        raise SmtpConnectionError(
            _("the mail server {where} cannot do that: {problem}").format(
                where=where, problem=error
            )
        ) from None
    except smtplib.SMTPDataError as error:
        raise EmailError(
            _("the mail server {where} refused the message ({reply})").format(
                where=where, reply=_reply(error.smtp_code, error.smtp_error)
            )
        ) from None
    except smtplib.SMTPServerDisconnected:
        if sending:
            raise SmtpConnectionError(
                _(
                    "the mail server {where} dropped the connection while the message was "
                    "being sent — it was not delivered; try again later (a server also drops "
                    "messages over its size limit: try without --attach-workbook)"
                ).format(where=where)
            ) from None
        raise SmtpConnectionError(
            _(
                "the mail server {where} closed the connection — check the port and "
                "--smtp-security (ssl for port 465, starttls for 587)"
            ).format(where=where)
        ) from None
    except ssl.SSLError as error:
        raise SmtpConnectionError(
            _("the secure connection to {where} failed ({problem}) — check --smtp-security").format(
                where=where, problem=error.reason or error
            )
        ) from None
    except (smtplib.SMTPException, OSError) as error:
        raise EmailError(
            _("sending through {where} failed: {problem}").format(where=where, problem=error)
        ) from None
    # Delivered: whatever the server answers to QUIT (or if it hangs up), the message is
    # sent; reporting it as a failure would invite a duplicate.
    with contextlib.suppress(smtplib.SMTPException, OSError):
        client.quit()
    if refused:
        details = {r: _reply(*reply) for r, reply in refused.items()}
        delivered = [r for r in recipients if r not in refused]
        raise RecipientRefused(
            _(
                "sent to {delivered}, but the mail server refused {refused} — check the "
                "Report sheet's 'Email to' or --to"
            ).format(
                delivered=", ".join(delivered),
                refused="; ".join(f"{r} ({why})" for r, why in details.items()),
            ),
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

ATTACH_CHOICES = ("roi", "full")


def attach_choice(value) -> str | None:
    """`--attach-workbook[=roi|full]` or the config's `attach_workbook` (true, false, "roi",
    "full") as None (no workbook), "roi" (the ROI sheets as values) or "full"."""
    if value is None or value is False or value == "":  # "": --no-attach-workbook
        return None
    if value is True:
        return "roi"
    text = str(value).strip().lower()
    if text not in ATTACH_CHOICES:
        raise EmailSettingsError(
            _(
                "--attach-workbook takes roi (the ROI sheets, the default) or full, not {value!r}"
            ).format(value=value)
        )
    return text


@dataclass(frozen=True)
class EmailRequest:
    """What to deliver and how: built from the options once, used for every report."""

    smtp: SmtpSettings
    to: tuple[str, ...] = ()
    attach_workbook: str | None = None  # None, "roi" (ROI sheets as values) or "full"
    dry_run: bool = False
    template_dir: Path | None = None


def _no_server() -> EmailSettingsError:
    return EmailSettingsError(
        _(
            "no mail server — give --smtp-host or set {variable} (or write the emails to .eml "
            "files with --dry-run)"
        ).format(variable=ENV_PREFIX + "HOST")
    )


def _no_password(user: str) -> EmailSettingsError:
    return EmailSettingsError(
        _("no password for the SMTP user {user!r} — set {variable}").format(
            user=user, variable=ENV_PREFIX + "PASSWORD"
        )
    )


def _no_sender() -> EmailSettingsError:
    return EmailSettingsError(
        _(
            "no sender address — give --from or set {variable} (or `sender` in roi-report.toml)"
        ).format(variable=ENV_PREFIX + "FROM")
    )


def email_request(
    *,
    email: bool | None = None,
    attach_workbook: bool | str | None = None,
    to: Sequence[str] = (),
    dry_run: bool = False,
    sender: str | None = None,
    smtp_host: str | None = None,
    smtp_port: int | None = None,
    smtp_user: str | None = None,
    smtp_security: str | None = None,
    template_dir: Path | None = None,
    config: Config | None = None,
    env: Mapping[str, str] | None = None,
) -> EmailRequest | None:
    """The email part of the options (None: no email), checked before anything is built,
    so a missing server or sender is reported at once, not after an hour of rendering.
    A dry run needs no sender: its .eml files are drafts."""
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
    if smtp.sender:
        _address(smtp.sender, SENDER)
    elif not dry_run:
        raise _no_sender()
    if not dry_run:
        if not smtp.host:
            raise _no_server()
        if smtp.user and smtp.password is None:
            raise _no_password(smtp.user)
    if to:
        recipients_for((), to)  # every --to address parses
    attach = attach_workbook if attach_workbook is not None else config.attach_workbook
    return EmailRequest(
        smtp=smtp,
        to=tuple(to or ()),
        attach_workbook=attach_choice(attach),
        dry_run=dry_run,
        template_dir=template_dir if template_dir is not None else config.template_dir,
    )


@dataclass(frozen=True)
class Delivery:
    """What happened to one report's email."""

    recipients: tuple[str, ...]
    eml_path: Path | None = None  # --dry-run

    def describe(self) -> str:
        who = ", ".join(self.recipients)
        if self.eml_path is not None:
            return _("email to {who} written to {path} (dry run, not sent)").format(
                who=who, path=self.eml_path
            )
        return _("emailed to {who}").format(who=who)


def deliver(
    *,
    composed: Composed,
    email_to: Sequence[str],
    pdf_path: Path | None,
    results_path: Path,
    request: EmailRequest,
) -> Delivery:
    """Email one report's files (or write the .eml); raises an EmailError on failure."""
    if pdf_path is None:
        raise EmailSettingsError(_("there is no PDF to email — leave out --no-pdf to send reports"))
    recipients = recipients_for(email_to, request.to)
    sender = request.smtp.sender
    if not sender and not request.dry_run:
        raise _no_sender()
    attachments = [(composed.pdf_name, Path(pdf_path).read_bytes())]
    if request.attach_workbook == "full":
        attachments.append((composed.workbook_name, Path(results_path).read_bytes()))
    elif request.attach_workbook:
        from roi_report.delivery.roi_sheets import roi_sheets_only

        attachments.append((composed.workbook_name, roi_sheets_only(Path(results_path))))
    message = make_message(
        composed.subject,
        composed.text,
        sender,
        recipients,
        attachments,
        html=composed.html,
        chart=composed.chart,
    )
    if request.dry_run:
        eml = write_eml(message, Path(pdf_path).with_suffix(".eml"))
        return Delivery(tuple(a.addr_spec for a in recipients), eml)
    return Delivery(tuple(send_message(message, request.smtp)))


def compose_for(built, request: EmailRequest) -> Composed:
    """The email of one `pipeline.build` result, as `request` asks."""
    return compose(
        built,
        attach_workbook=request.attach_workbook,
        template_dir=request.template_dir,
        sender=request.smtp.sender,
    )


def email_built(built, request: EmailRequest) -> Delivery:
    """Email the report of one `pipeline.build` result."""
    return deliver(
        composed=compose_for(built, request),
        email_to=built.workbook.settings.email_to,
        pdf_path=built.pdf_path,
        results_path=built.results_path,
        request=request,
    )
