"""Requests to a URL a person typed, without letting the server be used against its own network.

`check_public_url` is the one guard for every outgoing request a person can steer: reference pictures
(`fetch_limited`) and the demo simulator's callbacks (kie.service). Only http(s); the host's every address must
be public (loopback, private, link-local, reserved and multicast are refused) unless it is one of the configured
API or upload hosts; every redirect is checked the same way; the body is capped in bytes and the whole fetch in
time.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Collection
from urllib.parse import urljoin, urlparse

import requests

MAX_REDIRECTS = 5


class FetchError(ValueError):
    """The URL cannot or may not be fetched; the message says why and what to do."""


def check_public_url(url: str, allowed_hosts: Collection[str] = frozenset(),
                     allowed_prefixes: Collection[str] = ()) -> None:
    """Raise `FetchError` (saying why and what to do) unless the server may send a request to `url`.

    `allowed_hosts`: hosts (or host:port) trusted as they are (the API's own); `allowed_prefixes`: whole URL
    beginnings trusted as they are (the studio's own callback route)."""
    if any(url.startswith(prefix) for prefix in allowed_prefixes):
        return
    try:
        parsed = urlparse(url)
        parsed.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        raise FetchError("That address cannot be read. Check it.") from None
    if parsed.scheme not in ("http", "https"):
        raise FetchError("Only http:// and https:// addresses can be fetched.")
    if not parsed.hostname:
        raise FetchError("That address has no host name.")
    if parsed.netloc in allowed_hosts or parsed.hostname in allowed_hosts:
        return
    try:
        infos = socket.getaddrinfo(parsed.hostname, parsed.port or (443 if parsed.scheme == "https" else 80),
                                   proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise FetchError(f"The host {parsed.hostname} could not be found. Check the address.") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if (address.is_private or address.is_loopback or address.is_link_local or address.is_reserved
                or address.is_multicast or address.is_unspecified):
            raise FetchError("That address points into a private network (loopback, private, link-local or "
                             "reserved), which the server does not send requests to. Use a public address.")


def fetch_limited(url: str, *, allowed_hosts: set[str] = frozenset(), max_bytes: int = 25 * 1024 * 1024,
                  timeout: float = 20.0, session: requests.Session | None = None) -> bytes:
    """The body at `url`, following at most five checked redirects, or `FetchError`."""
    session = session or requests.Session()
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
        except requests.RequestException:
            raise FetchError("The picture could not be downloaded. Check the address, or upload the file.") from None
    raise FetchError("The address redirects too many times.")
