"""A computer clock a day behind makes a valid certificate look "not yet valid": the error
says to check the date and time, rather than blaming the internet connection."""

from __future__ import annotations

import ipaddress
import ssl
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from fault_report import record

from fwdesk.api.client import FinerWorksClient, RetryPolicy
from fwdesk.api.errors import NetworkError, ServerError
from fwdesk.api.keys import Credentials
from fwdesk.core.messages import explain


def certificate(tmp_path, valid_from: datetime) -> tuple[str, str]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(valid_from)
        .not_valid_after(valid_from + timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return str(cert_file), str(key_file)


class _Busy(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(503)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        """Quiet: the test reads the client's errors, not the server's log."""


@pytest.fixture
def tls_server(tmp_path):
    def start(valid_from: datetime) -> tuple[str, ssl.SSLContext]:
        cert_file, key_file = certificate(tmp_path, valid_from)
        server_side = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        server_side.load_cert_chain(cert_file, key_file)
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Busy)
        server.socket = server_side.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        trust = ssl.create_default_context(cafile=cert_file)
        return f"https://127.0.0.1:{server.server_address[1]}/v3/", trust

    servers: list[ThreadingHTTPServer] = []
    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def client(url: str, trust: ssl.SSLContext) -> FinerWorksClient:
    return FinerWorksClient(
        Credentials("clock-key-123456", "clock-app-123456"),
        url,
        transport=httpx.HTTPTransport(verify=trust),
        retry=RetryPolicy(attempts=1),
    )


def test_a_certificate_from_tomorrow_is_blamed_on_the_clock(tls_server):
    url, trust = tls_server(datetime.now(UTC) + timedelta(days=1))
    with client(url, trust) as api, pytest.raises(NetworkError) as raised:
        api.list_product_types()
    assert raised.value.certificate_refused
    message = explain(raised.value)
    assert "date or time" in message
    record("clock-jump", case="server certificate not yet valid by this clock", message=message)


def test_a_certificate_valid_now_gets_through_to_the_server(tls_server):
    url, trust = tls_server(datetime.now(UTC) - timedelta(days=1))
    with client(url, trust) as api, pytest.raises(ServerError):
        api.list_product_types()
