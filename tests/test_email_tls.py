"""Sending over TLS for real: STARTTLS (587) and implicit TLS (465) against aiosmtpd on
127.0.0.1 with a certificate made here; a certificate the machine does not trust is a clear
message, and the password is only ever sent inside TLS."""

from __future__ import annotations

import datetime
import ipaddress
import ssl
from email.message import EmailMessage

import pytest
from test_email import free_port

from roi_report.delivery.mail import SmtpConnectionError, SmtpSettings, send_message

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller")
x509 = pytest.importorskip("cryptography.x509")
from aiosmtpd.smtp import AuthResult  # noqa: E402
from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec  # noqa: E402

USER, PASSWORD = "informes", "s3cret-pass"


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """(certificate file, key file) for 127.0.0.1, self-signed."""
    folder = tmp_path_factory.mktemp("tls")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(x509.oid.NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


class TlsRecorder:
    """Keeps each message with whether its session was encrypted and who logged in."""

    def __init__(self):
        self.sessions: list[dict] = []

    async def handle_DATA(self, server, session, envelope):
        self.sessions.append(
            {
                "tls": server.transport.get_extra_info("ssl_object") is not None,
                "login": session.authenticated,
                "to": envelope.rcpt_tos,
            }
        )
        return "250 Message accepted for delivery"


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == USER.encode() and auth_data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def server(certificate):
    """Start a TLS server: implicit TLS or STARTTLS; AUTH only inside TLS (the default)."""
    cert_file, key_file = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    started = []

    def start(security: str):
        recorder, port = TlsRecorder(), free_port()
        # Implicit TLS wraps the socket itself: aiosmtpd then sees no STARTTLS and offers AUTH
        # only when told not to wait for one.
        tls = (
            {"ssl_context": context, "auth_require_tls": False}
            if security == "ssl"
            else {"tls_context": context}
        )
        controller = aiosmtpd_controller.Controller(
            recorder,
            hostname="127.0.0.1",
            port=port,
            authenticator=authenticate,
            server_hostname="127.0.0.1",
            **tls,
        )
        controller.start()
        started.append(controller)
        return recorder, port

    yield start
    for controller in started:
        controller.stop()


def message() -> EmailMessage:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "informes@brisa.example", "ana@c.example", "ROI"
    mail.set_content("Adjunto el informe.")
    return mail


def settings(port: int, security: str) -> SmtpSettings:
    return SmtpSettings(
        host="127.0.0.1", port=port, user=USER, password=PASSWORD, security=security, timeout=10
    )


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_the_report_goes_out_encrypted_with_login(server, certificate, monkeypatch, security):
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))  # trust the test's own CA
    recorder, port = server(security)
    assert send_message(message(), settings(port, security)) == ["ana@c.example"]
    assert recorder.sessions == [{"tls": True, "login": True, "to": ["ana@c.example"]}]


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_an_untrusted_certificate_is_a_clear_message(server, tmp_path, monkeypatch, security):
    empty = tmp_path / "no-authorities.pem"
    empty.write_text("")
    monkeypatch.setenv("SSL_CERT_FILE", str(empty))
    monkeypatch.setenv("SSL_CERT_DIR", str(tmp_path))
    recorder, port = server(security)
    with pytest.raises(SmtpConnectionError) as refused:
        send_message(message(), settings(port, security))
    assert f"the secure connection to 127.0.0.1:{port} failed" in refused.value.message
    assert "CERTIFICATE_VERIFY_FAILED" in refused.value.message
    assert recorder.sessions == []  # nothing was sent, and no password left the machine
