"""Requests to an address a person typed or the provider named, without letting the server be used against its own
network.

`check_public_url` is the one guard for every outgoing request a person or the provider can steer: reference
pictures (`fetch_limited`), result pictures (`kie.client.KieClient.fetch_result`) and the demo simulator's callbacks
(kie.service). Only http(s); every address the host resolves to must be globally routable (`ipaddress`'s
`is_global`, with the IPv4 address inside an IPv4-mapped, 6to4 or NAT64 address checked too, and a few ranges
`is_global` lets through refused as well), unless it is one of the configured API or upload hosts, which are trusted
as configured. Every redirect is checked the same way; the body is capped in bytes and the whole fetch in time.

DNS rebinding: a name can resolve to a public address when it is checked and to a private one a moment later, when
the connection is made. `guarded_session` closes that gap: its connections resolve the name once, check every
address, and connect to a checked address (TLS still verifies the name). Through an HTTP(S) proxy from the
environment the proxy resolves the name, so there only the check before the request applies.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Collection
from urllib.parse import urljoin, urlparse

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError

MAX_REDIRECTS = 5
Address = ipaddress.IPv4Address | ipaddress.IPv6Address
_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # the well-known NAT64 prefix: the last 32 bits are an IPv4 address
# Ranges this Python's `is_global` lets through that no picture host lives in: the IETF protocol block (192.0.0.9
# and .10 included), the old 6to4 relay anycast, local-use NAT64 (RFC 8215), IPv4-compatible IPv6 (::a.b.c.d,
# deprecated) and site-local IPv6 (deprecated).
_ALSO_REFUSED = tuple(ipaddress.ip_network(n) for n in (
    "192.0.0.0/24", "192.88.99.0/24", "64:ff9b:1::/48", "::/96", "fec0::/10"))
PRIVATE_WORDS = ("That address points into a private network (loopback, private, link-local, shared or reserved), "
                 "which the server does not send requests to. Use a public address.")


class FetchError(ValueError):
    """The URL cannot or may not be fetched; the message says why and what to do."""


class AddressRefused(FetchError):
    """The URL may never be fetched (not http(s), or an address outside the public internet): asking again will
    not help. `reason` is a short account for logs and task messages."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


def embedded_ipv4(address: Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (IPv4-mapped ::ffff:a.b.c.d, 6to4 2002::/16, NAT64 64:ff9b::/96)."""
    if address.version != 6:
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_public_address(address: Address) -> bool:
    """Whether the server may connect to `address`: globally routable and not multicast, and so is the IPv4 address
    it carries, if any."""
    for each in (address, embedded_ipv4(address)):
        if each is None:
            continue
        if not each.is_global or each.is_multicast:
            return False
        if any(each.version == net.version and each in net for net in _ALSO_REFUSED):
            return False
    return True


def _is_allowed_host(host: str, port: int | None, allowed_hosts: Collection[str]) -> bool:
    """Whether `host` (without brackets) on `port` is one of the configured hosts (written as host or host:port)."""
    if not allowed_hosts:
        return False
    named = f"[{host}]" if ":" in host else host
    return host in allowed_hosts or named in allowed_hosts or (
        port is not None and f"{named}:{port}" in allowed_hosts)


def checked_addresses(host: str, port: int) -> list[str]:
    """Every address `host` resolves to, in resolver order, each one public; else `AddressRefused` (or `FetchError`
    when the name is unknown)."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise FetchError(f"The host {host} could not be found. Check the address.") from None
    found: list[str] = []
    for info in infos:
        text = str(info[4][0]).split("%")[0]
        if not is_public_address(ipaddress.ip_address(text)):
            raise AddressRefused(PRIVATE_WORDS, "an address inside a private network")
        if text not in found:
            found.append(text)
    if not found:
        raise FetchError(f"The host {host} could not be found. Check the address.")
    return found


def check_public_url(url: str, allowed_hosts: Collection[str] = frozenset(),
                     allowed_prefixes: Collection[str] = ()) -> None:
    """Raise `FetchError` (saying why and what to do) unless the server may send a request to `url`;
    `AddressRefused` when it never may.

    `allowed_hosts`: hosts (or host:port) trusted as they are (the API's own); `allowed_prefixes`: whole URL
    beginnings trusted as they are (the studio's own callback route)."""
    if any(url.startswith(prefix) for prefix in allowed_prefixes):
        return
    try:
        parsed = urlparse(url)
        port = parsed.port
    except ValueError:
        raise AddressRefused("That address cannot be read. Check it.", "an address that cannot be read") from None
    if parsed.scheme not in ("http", "https"):
        raise AddressRefused("Only http:// and https:// addresses can be fetched.", "an address that is not http(s)")
    if not parsed.hostname:
        raise AddressRefused("That address has no host name.", "an address without a host name")
    if parsed.netloc in allowed_hosts or _is_allowed_host(parsed.hostname, port, allowed_hosts):
        return
    checked_addresses(parsed.hostname, port or (443 if parsed.scheme == "https" else 80))


class _ConnectToChecked:
    """A urllib3 connection that connects only to an address it has just checked (see the module's note on DNS
    rebinding). `allowed_hosts` are trusted as configured."""

    allowed_hosts: frozenset[str] = frozenset()

    def _new_conn(self) -> socket.socket:
        name = self._dns_host
        host = name.strip("[]").rstrip(".")
        if self.proxy is not None or _is_allowed_host(host, self.port, self.allowed_hosts):
            return super()._new_conn()
        try:
            addresses = checked_addresses(host, self.port)
        except AddressRefused:
            raise
        except FetchError as unknown:  # as urllib3 says it, so that requests reports a ConnectionError
            raise NameResolutionError(host, self, socket.gaierror(str(unknown))) from None
        last: ConnectTimeoutError | None = None
        for address in addresses:
            self._dns_host = address  # urllib3 connects to _dns_host; TLS verifies `host`, restored below
            try:
                return super()._new_conn()
            except ConnectTimeoutError as exc:  # and NewConnectionError: try the next address
                last = exc
            finally:
                self._dns_host = name
        raise last


class _CheckedAdapter(HTTPAdapter):
    def __init__(self, allowed_hosts: frozenset[str]):
        ctx = {"allowed_hosts": allowed_hosts}
        self._pools = {
            "http": type("CheckedHTTPPool", (HTTPConnectionPool,), {
                "ConnectionCls": type("CheckedHTTPConnection", (_ConnectToChecked, HTTPConnection), ctx)}),
            "https": type("CheckedHTTPSPool", (HTTPSConnectionPool,), {
                "ConnectionCls": type("CheckedHTTPSConnection", (_ConnectToChecked, HTTPSConnection), ctx)}),
        }
        super().__init__()

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = self._pools


def guarded_session(allowed_hosts: Collection[str] = frozenset()) -> requests.Session:
    """A `requests.Session` whose connections go only to public addresses (checked when connecting) or to
    `allowed_hosts`. Use it with `check_public_url` before each request (for the scheme and a clear message) and
    `allow_redirects=False` (each hop checked again)."""
    session = requests.Session()
    adapter = _CheckedAdapter(frozenset(allowed_hosts))
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def fetch_limited(url: str, *, allowed_hosts: Collection[str] = frozenset(), max_bytes: int = 25 * 1024 * 1024,
                  timeout: float = 20.0, session: requests.Session | None = None) -> bytes:
    """The body at `url`, following at most five checked redirects, or `FetchError`."""
    session = session or guarded_session(allowed_hosts)
    deadline = time.monotonic() + timeout
    for _ in range(MAX_REDIRECTS + 1):
        try:
            check_public_url(url, allowed_hosts)
        except FetchError as refused:
            raise FetchError(f"{refused} Or upload the file.") from None
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError("The picture took too long to download. Try again or upload the file.")
        try:
            with session.get(url, timeout=(min(5.0, remaining), remaining), stream=True, allow_redirects=False,
                             headers={"User-Agent": "4o-image-studio"}) as answer:
                if answer.is_redirect:
                    url = urljoin(url, answer.headers.get("Location", ""))
                    continue
                if answer.status_code != 200:
                    raise FetchError(f"The address answered HTTP {answer.status_code}. Check that the picture "
                                     "is public.")
                declared = answer.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    raise FetchError(f"The picture is larger than {max_bytes // (1024 * 1024)} MB.")
                chunks, total = [], 0
                for chunk in answer.iter_content(64 * 1024):
                    total += len(chunk)
                    if total > max_bytes:
                        raise FetchError(f"The picture is larger than {max_bytes // (1024 * 1024)} MB.")
                    if time.monotonic() > deadline:
                        raise FetchError("The picture took too long to download. Try again or upload the file.")
                    chunks.append(chunk)
                return b"".join(chunks)
        except AddressRefused as refused:  # the name re-resolved to a private address when connecting
            raise FetchError(f"{refused} Or upload the file.") from None
        except requests.RequestException:
            raise FetchError("The picture could not be downloaded. Check the address, or upload the file.") from None
    raise FetchError("The address redirects too many times.")
