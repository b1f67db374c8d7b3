"""The outgoing-address check: internal addresses refused, connections pinned, no redirects."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from core.net import OutgoingURLError, check_outgoing_url, send

REFUSED = [
    "http://127.0.0.1:5432/",
    "http://127.0.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://100.100.100.200/latest/meta-data/",
    "http://10.0.0.1/",
    "http://192.168.1.1/",
    "http://172.16.0.1/",
    "http://100.64.0.1/",
    "http://0.0.0.0/",
    "http://224.0.0.1/",
    "http://240.0.0.1/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[fe80::1]/",
    "http://[fd00:ec2::254]/",
    "http://localhost/",
    "ftp://93.184.216.34/",
    "file:///etc/passwd",
    "http://93.184.216.34:8080/",
    "http://user:pw@93.184.216.34/",
    "http://[not-an-address/",
]


class Server:
    """A loopback HTTP server that records requests and answers with a fixed status."""

    def __init__(self, status: int = 200, headers: dict | None = None):
        self.requests: list = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                outer.requests.append((self.path, dict(self.headers)))
                self.send_response(status)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(b"answer")

            do_GET = do_POST

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def loopback(settings):
    """Test-only: allow calling 127.0.0.1 on one given port."""

    def allow(port: int) -> None:
        settings.OUTGOING_ALLOW_LOOPBACK = True
        settings.OUTGOING_ALLOWED_PORTS = [port]

    return allow


@pytest.mark.parametrize("url", REFUSED)
def test_internal_and_odd_addresses_are_refused_with_a_generic_message(url, caplog):
    with pytest.raises(OutgoingURLError) as info:
        check_outgoing_url(url)
    assert "127.0.0.1" not in info.value.message and "169.254" not in info.value.message
    assert info.value.detail  # the reason is kept for the log
    assert any("refused" in r.getMessage() for r in caplog.records)


def test_a_public_address_on_a_default_port_is_accepted():
    target = check_outgoing_url("https://93.184.216.34/hook?x=1")
    assert (target.address, target.port, target.path) == ("93.184.216.34", 443, "/hook?x=1")


def test_loopback_is_refused_even_on_an_allowed_port_without_the_test_setting(settings):
    settings.OUTGOING_ALLOWED_PORTS = [5432]
    with pytest.raises(OutgoingURLError):
        check_outgoing_url("http://127.0.0.1:5432/")


def test_a_request_reaches_the_checked_address_and_redirects_are_not_followed(loopback):
    with Server(302, {"Location": "http://127.0.0.1:5432/"}) as server:
        loopback(server.port)
        response = send(f"http://127.0.0.1:{server.port}/hook", b"{}", {})
    assert response.status == 302
    assert [path for path, _headers in server.requests] == ["/hook"]


def test_dns_rebinding_between_creation_and_delivery_is_refused(monkeypatch, settings):
    answers = iter(["93.184.216.34", "127.0.0.1"])
    real = socket.getaddrinfo

    def fake(host, port, *args, **kwargs):
        if host == "rebind.example":
            address = next(answers)
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    check_outgoing_url("http://rebind.example/")  # public at creation
    with pytest.raises(OutgoingURLError):
        send("http://rebind.example/", b"{}", {})  # loopback at delivery: nothing sent


def test_the_connection_uses_the_address_checked_with_the_original_host_name(monkeypatch, loopback):
    with Server() as server:
        loopback(server.port)
        real = socket.getaddrinfo
        calls = []

        def fake(host, port, *args, **kwargs):
            if host == "hooks.example":
                calls.append(host)
                return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
            return real(host, port, *args, **kwargs)

        monkeypatch.setattr(socket, "getaddrinfo", fake)
        response = send(f"http://hooks.example:{server.port}/x", b"{}", {})
    assert response.status == 200 and response.body == b"answer"
    assert calls == ["hooks.example"]  # resolved once, by the check
    assert server.requests[0][1]["Host"] == f"hooks.example:{server.port}"
