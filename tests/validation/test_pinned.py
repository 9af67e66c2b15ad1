"""Pinned addresses: the link check and the download connect to the address that was checked.

A DNS answer that changes between the check and the connection (rebinding) must
not reach a private address. The resolver stub replaces our resolver function
(``pinned.resolve``): it answers a public address first and 127.0.0.1 after.
No traffic may leave this machine, so the public address is played by a server on
loopback: the connection recorder hands a connection to the public address to that
server, and records every address our code asked to connect to. A second server,
the "internal service", listens on 127.0.0.1 at the URL's port; it must never be hit.
"""

from __future__ import annotations

import http.server
import ssl
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import urllib3.util.connection

from ckanext.lutsk_charter.quality.links import LinkLimits, check_link
from ckanext.lutsk_charter.validation import pinned
from ckanext.lutsk_charter.validation.fetch import FetchLimits, fetch
from ckanext.lutsk_charter.validation.findings import ValidationStop

# A global address (documentation ranges are not ``is_global``), never contacted: the
# recorder hands its connections to a loopback server and refuses any other address.
PUBLIC = "93.184.215.14"
PUBLIC_DATA = b"id,name\n1,public\n"
SECRET = b"id,name\n1,secret of the internal network\n"


@dataclass
class Server:
    port: int
    hits: list[tuple[str, str]] = field(default_factory=list)  # (path, Host header)
    redirects: list[str] = field(default_factory=list)  # answered in turn, then the body


def _serve(server: Server, body: bytes, context: ssl.SSLContext | None = None):
    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self, with_body: bool) -> None:
            server.hits.append((self.path, self.headers.get("Host", "")))
            if server.redirects:
                self.send_response(302)
                self.send_header("Location", server.redirects.pop(0))
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if with_body:
                self.wfile.write(body)

        def do_GET(self):
            self._answer(True)

        def do_HEAD(self):
            self._answer(False)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", server.port), Handler)
    httpd.daemon_threads = True
    if context is not None:
        httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    server.port = httpd.server_address[1]
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


@pytest.fixture
def internal() -> Iterator[Server]:
    """The internal service a rebinding attack is after, on 127.0.0.1."""
    server = Server(0)
    httpd = _serve(server, SECRET)
    yield server
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def public() -> Iterator[Server]:
    """What answers at the public address (on loopback, reached only through the recorder)."""
    server = Server(0)
    httpd = _serve(server, PUBLIC_DATA)
    yield server
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def answers(monkeypatch) -> dict[str, list[str]]:
    """The resolver stub: each name's answers in turn (the last one repeats); counts calls."""
    table: dict[str, list[str]] = {}
    calls: list[str] = []

    def stub(host: str, port: int) -> list[str]:
        calls.append(host)
        queue = table[host]
        return [queue.pop(0) if len(queue) > 1 else queue[0]]

    monkeypatch.setattr(pinned, "resolve", stub)
    table["__calls__"] = calls  # type: ignore[assignment]
    return table


@pytest.fixture
def connections(monkeypatch, public) -> list[tuple[str, int]]:
    """Every (address, port) our code connects to; the public address goes to ``public``."""
    asked: list[tuple[str, int]] = []
    real = urllib3.util.connection.create_connection

    def record(address, *args, **kwargs):
        host, port = address
        asked.append((host, port))
        if host == PUBLIC:
            return real(("127.0.0.1", public.port), *args, **kwargs)
        if host != "127.0.0.1":
            raise OSError(f"the tests do not connect to {host}")
        return real(address, *args, **kwargs)

    monkeypatch.setattr(urllib3.util.connection, "create_connection", record)
    return asked


def test_the_download_connects_to_the_checked_address_not_the_rebound_one(
    tmp_path, answers, connections, internal, public
):
    answers["data.example.test"] = [PUBLIC, "127.0.0.1"]
    url = f"http://data.example.test:{internal.port}/data.csv"
    path = fetch(url, FetchLimits(max_bytes=1 << 20), tmp_path)
    assert path.read_bytes() == PUBLIC_DATA
    assert connections == [(PUBLIC, internal.port)]
    assert internal.hits == []
    assert public.hits == [("/data.csv", f"data.example.test:{internal.port}")]
    assert answers["__calls__"] == ["data.example.test"]  # resolved once


def test_the_link_check_connects_to_the_checked_address_not_the_rebound_one(
    answers, connections, internal, public
):
    answers["links.example.test"] = [PUBLIC, "127.0.0.1"]
    result = check_link(f"http://links.example.test:{internal.port}/", LinkLimits())
    assert result.status == "ok"
    assert result.http_status == 200
    assert internal.hits == []
    assert all(host == PUBLIC for host, _port in connections)
    assert public.hits == [("/", f"links.example.test:{internal.port}")]


def test_a_redirect_is_checked_again_and_a_private_answer_refused(
    tmp_path, answers, connections, internal, public
):
    answers["data.example.test"] = [PUBLIC]
    answers["inside.example.test"] = ["127.0.0.1"]
    public.redirects = [f"http://inside.example.test:{internal.port}/secret"] * 2
    url = f"http://data.example.test:{internal.port}/data.csv"
    with pytest.raises(ValidationStop) as stop:
        fetch(url, FetchLimits(max_bytes=1 << 20), tmp_path)
    assert stop.value.finding.code == "private-address"
    result = check_link(url, LinkLimits())
    assert (result.status, result.reason) == ("skipped", "private address")
    assert internal.hits == []
    assert {host for host, _port in connections} == {PUBLIC}


def test_a_redirect_to_a_name_that_rebinds_is_pinned_too(
    tmp_path, answers, connections, internal, public
):
    # The redirect's target answers public at its check and loopback after: the public one wins.
    answers["data.example.test"] = [PUBLIC]
    answers["mirror.example.test"] = [PUBLIC, "127.0.0.1"]
    public.redirects = [f"http://mirror.example.test:{internal.port}/copy.csv"]
    url = f"http://data.example.test:{internal.port}/data.csv"
    path = fetch(url, FetchLimits(max_bytes=1 << 20), tmp_path)
    assert path.read_bytes() == PUBLIC_DATA
    assert public.hits == [
        ("/data.csv", f"data.example.test:{internal.port}"),
        ("/copy.csv", f"mirror.example.test:{internal.port}"),
    ]
    assert answers["__calls__"] == ["data.example.test", "mirror.example.test"]
    assert internal.hits == []
    assert connections == [(PUBLIC, internal.port)] * 2


def test_a_private_name_is_refused_before_any_connection(tmp_path, answers, connections):
    answers["router.example.test"] = ["192.168.1.1"]
    with pytest.raises(ValidationStop) as stop:
        fetch("http://router.example.test/", FetchLimits(max_bytes=1 << 20), tmp_path)
    assert stop.value.finding.code == "private-address"
    assert check_link("http://router.example.test/", LinkLimits()).status == "skipped"
    assert connections == []


def test_a_loopback_server_is_reached_by_its_name_when_private_urls_are_allowed(tmp_path, internal):
    # The real resolver; 127.0.0.1 answers for itself. Allowed only with allow_private_urls.
    url = f"http://127.0.0.1:{internal.port}/data.csv"
    path = fetch(url, FetchLimits(max_bytes=1 << 20, allow_private=True), tmp_path)
    assert path.read_bytes() == SECRET
    assert check_link(url, LinkLimits(allow_private=True)).status == "ok"
    assert internal.hits[0] == ("/data.csv", f"127.0.0.1:{internal.port}")
    with pytest.raises(ValidationStop):
        fetch(url, FetchLimits(max_bytes=1 << 20), tmp_path)


@pytest.fixture
def tls_server(tmp_path) -> Iterator[tuple[Server, Path, list[str]]]:
    """An https server on loopback with a certificate for ``secure.example.test`` only."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=secure.example.test",
            "-addext", "subjectAltName=DNS:secure.example.test",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    names: list[str] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: names.append(name)
    server = Server(0)
    httpd = _serve(server, PUBLIC_DATA, context)
    yield server, cert, names
    httpd.shutdown()
    httpd.server_close()


def test_https_keeps_the_name_for_sni_and_the_certificate(
    tmp_path, answers, monkeypatch, tls_server
):
    server, cert, names = tls_server
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))
    answers["secure.example.test"] = ["127.0.0.1"]
    url = f"https://secure.example.test:{server.port}/data.csv"
    path = fetch(url, FetchLimits(max_bytes=1 << 20, allow_private=True), tmp_path)
    assert path.read_bytes() == PUBLIC_DATA
    assert names == ["secure.example.test"]
    assert server.hits == [("/data.csv", f"secure.example.test:{server.port}")]
    # The same server under another name fails the certificate check: nothing is trusted blindly.
    answers["other.example.test"] = ["127.0.0.1"]
    with pytest.raises(ValidationStop) as stop:
        fetch(
            f"https://other.example.test:{server.port}/data.csv",
            FetchLimits(max_bytes=1 << 20, allow_private=True),
            tmp_path,
        )
    assert stop.value.finding.args["detail"] == "SSLError"
