"""Outgoing HTTP to addresses people type in (webhooks): one address check, pinned connections.

Every URL the site calls on someone's behalf goes through `check_outgoing_url` (when it is
saved) and `send` (each time it is called). `send` resolves the host again, checks every
address it resolves to and connects to exactly the address it checked, so a DNS answer that
changes between the check and the connection (DNS rebinding) cannot reach the inside.
Redirects are never followed. The person sees one generic message; the log has the detail.
"""

from __future__ import annotations

import http.client
import ipaddress
import logging
import socket
import ssl
import urllib.parse
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.exceptions import DomainError

logger = logging.getLogger("stdbase.net")

DEFAULT_PORTS = {"http": 80, "https": 443}
# Cloud metadata services that are not covered by the private/link-local ranges.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a) for a in ("100.100.100.200", "fd00:ec2::254", "169.254.169.254")
)
MAX_RESPONSE_BYTES = 65536


class OutgoingURLError(DomainError):
    """An outgoing address the site refuses to call; the message never says why in detail."""

    code = "outgoing_url_refused"

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            _(
                "This address cannot be used. Enter a public http:// or https:// address "
                "on an allowed port."
            )
        )
        self.detail = detail


class OutgoingRequestError(DomainError):
    """The remote endpoint could not be reached; the detail stays in the log."""

    code = "outgoing_unreachable"

    def __init__(self, detail: str = "") -> None:
        super().__init__(_("The endpoint could not be reached."))
        self.detail = detail


@dataclass(frozen=True)
class OutgoingTarget:
    """A checked URL: its parts and the one address a connection may use."""

    url: str
    scheme: str
    host: str
    port: int
    address: str
    path: str


@dataclass(frozen=True)
class OutgoingResponse:
    """Status and the first bytes of the answer of an outgoing request."""

    status: int
    body: bytes


def allowed_ports() -> set[int]:
    """80, 443 and the ports listed in the OUTGOING_ALLOWED_PORTS setting."""
    return {80, 443, *(int(p) for p in getattr(settings, "OUTGOING_ALLOWED_PORTS", ()))}


def _refused_address(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    """Why an address may not be called ("" when it may)."""
    mapped = getattr(ip, "ipv4_mapped", None)
    if mapped is not None:
        ip = mapped
    if ip.is_loopback:
        return "" if getattr(settings, "OUTGOING_ALLOW_LOOPBACK", False) else "loopback"
    if ip in METADATA_ADDRESSES:
        return "metadata"
    for name in ("is_link_local", "is_multicast", "is_private", "is_reserved", "is_unspecified"):
        if getattr(ip, name):
            return name.removeprefix("is_")
    return "" if ip.is_global else "not global"


def _refuse(url: str, reason: str) -> OutgoingURLError:
    logger.warning("outgoing address refused: %s (%s)", url, reason)
    return OutgoingURLError(reason)


def check_outgoing_url(url: str) -> OutgoingTarget:
    """Resolve a URL's host and refuse it unless every address is public and the port allowed.

    Raises OutgoingURLError (generic message, reason in `.detail` and the log).
    """
    try:
        parts = urllib.parse.urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise _refuse(url, f"unparsable: {exc}") from exc
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        raise _refuse(url, "scheme or host")
    if parts.username or parts.password:
        raise _refuse(url, "credentials in URL")
    port = port or DEFAULT_PORTS[scheme]
    if port not in allowed_ports():
        raise _refuse(url, f"port {port}")
    host = parts.hostname
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise _refuse(url, f"cannot resolve: {exc}") from exc
    addresses = []
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        reason = _refused_address(ip)
        if reason:
            raise _refuse(url, f"{ip} is {reason}")
        addresses.append(str(ip))
    if not addresses:
        raise _refuse(url, "no address")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return OutgoingTarget(url, scheme, host, port, addresses[0], path)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to a fixed, already checked address."""

    def __init__(self, target: OutgoingTarget, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self._address = target.address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """An HTTPS connection to a fixed address; the certificate is checked for the host name."""

    def __init__(self, target: OutgoingTarget, timeout: float) -> None:
        super().__init__(
            target.host, target.port, timeout=timeout, context=ssl.create_default_context()
        )
        self._address = target.address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def send(
    url: str,
    body: bytes,
    headers: dict[str, str],
    *,
    method: str = "POST",
    timeout: float = 10,
) -> OutgoingResponse:
    """Check the URL again and send one request to the address checked; no redirects.

    Raises OutgoingURLError when the address is refused and OutgoingRequestError when the
    endpoint cannot be reached. Any HTTP answer (3xx included) is returned as it is.
    """
    target = check_outgoing_url(url)
    cls = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    connection = cls(target, timeout)
    try:
        connection.request(method, target.path, body=body, headers=headers)
        response = connection.getresponse()
        return OutgoingResponse(response.status, response.read(MAX_RESPONSE_BYTES))
    except (OSError, http.client.HTTPException) as exc:
        logger.warning("outgoing request to %s (%s) failed: %r", url, target.address, exc)
        raise OutgoingRequestError(repr(exc)) from exc
    finally:
        connection.close()
