"""Server-side fetching of a URL a person typed: only public http(s), checked redirects, caps."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kie.fetch import FetchError, fetch_limited


class _Handler(BaseHTTPRequestHandler):
    target = ""

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", self.target)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/slow":
            import time
            time.sleep(1.5)
            try:
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")
            except OSError:
                pass  # the client gave up, as it should
        elif self.path == "/big":
            self.send_response(200)
            self.send_header("Content-Length", str(3 * 1024 * 1024))
            self.end_headers()
            self.wfile.write(b"\0" * 3 * 1024 * 1024)
        else:
            body = b"\x89PNG small"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), type("H", (_Handler,), {}))
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def host(httpd) -> str:
    return f"127.0.0.1:{httpd.server_address[1]}"


@pytest.mark.parametrize("url, words", [
    ("file:///etc/passwd", "http"),
    ("ftp://example.com/a.png", "http"),
    ("http://127.0.0.1:1/a.png", "private network"),
    ("http://localhost/a.png", "private network"),
    ("http://10.0.0.1/a.png", "private network"),
    ("http://169.254.169.254/latest/meta-data", "private network"),
    ("http://[::1]/a.png", "private network"),
    ("http://192.168.1.10/a.png", "private network"),
    ("http://no-such-host.invalid/a.png", "could not be found"),
])
def test_refused_addresses(url, words):
    with pytest.raises(FetchError) as caught:
        fetch_limited(url)
    assert words in str(caught.value)


def test_configured_hosts_may_be_loopback(server):
    assert fetch_limited(f"http://{host(server)}/a.png", allowed_hosts={host(server)}) == b"\x89PNG small"


def test_redirects_are_checked_like_the_first_address(server):
    server.RequestHandlerClass.target = "http://127.0.0.1:9/secret"  # another, unlisted loopback address
    with pytest.raises(FetchError) as caught:
        fetch_limited(f"http://{host(server)}/redirect", allowed_hosts={host(server)})
    assert "private network" in str(caught.value)


def test_size_is_capped(server):
    with pytest.raises(FetchError) as caught:
        fetch_limited(f"http://{host(server)}/big", allowed_hosts={host(server)}, max_bytes=1024 * 1024)
    assert "larger than 1 MB" in str(caught.value)


def test_time_is_capped(server):
    with pytest.raises(FetchError) as caught:
        fetch_limited(f"http://{host(server)}/slow", allowed_hosts={host(server)}, timeout=0.5)
    assert "could not be downloaded" in str(caught.value) or "too long" in str(caught.value)


def test_check_public_url_is_the_one_guard_with_allowed_hosts_and_prefixes():
    from kie.fetch import check_public_url

    for url in ("http://127.0.0.1:8501/api/kie/callback/x", "gopher://example.org/", "http://[::1]/", "http://:99999/"):
        with pytest.raises(FetchError):
            check_public_url(url)
    check_public_url("http://127.0.0.1:8501/api/kie/callback/x", allowed_prefixes=("http://127.0.0.1:8501/api/kie/",))
    check_public_url("http://127.0.0.1:8501/a.png", allowed_hosts={"127.0.0.1:8501"})
    with pytest.raises(FetchError):
        check_public_url("http://127.0.0.1:8501/healthz", allowed_prefixes=("http://127.0.0.1:8501/api/kie/",))


# -- the guard's ranges: every address must be globally routable, and so must the IPv4 address inside it ---------

REFUSED_HOSTS = [
    "127.0.0.1", "127.1", "2130706433", "0.0.0.0", "10.0.0.1", "172.16.0.1", "192.168.1.10",
    "100.64.0.1", "100.127.255.254", "100.100.100.200",  # carrier-grade NAT, and cloud metadata inside it
    "192.0.0.1", "192.0.0.9", "192.0.0.170",  # the IETF protocol block, all of it
    "169.254.169.254", "198.18.0.1", "192.0.2.1", "240.0.0.1", "255.255.255.255", "224.0.0.1", "192.88.99.1",
    "[::1]", "[::]", "[fe80::1]", "[fc00::1]", "[fd00:ec2::254]", "[fec0::1]", "[ff02::1]", "[2001:db8::1]",
    "[::ffff:127.0.0.1]", "[::ffff:169.254.169.254]", "[::ffff:100.64.0.1]", "[::ffff:192.0.0.1]",  # IPv4-mapped
    "[2002:7f00:1::]", "[2002:a9fe:a9fe::]", "[2002:6464:64c8::]", "[2002:c000:1::]",  # 6to4 of the same
    "[64:ff9b::7f00:1]", "[64:ff9b::a9fe:a9fe]", "[64:ff9b::6440:1]", "[64:ff9b::c000:1]",  # NAT64 of the same
    "[64:ff9b:1::808:808]", "[::7f00:1]", "[2001::1]",  # local-use NAT64, IPv4-compatible, Teredo
]


@pytest.mark.parametrize("host", REFUSED_HOSTS)
def test_every_non_public_range_and_its_ipv6_forms_are_refused(host):
    from kie.fetch import AddressRefused, check_public_url

    with pytest.raises(AddressRefused) as caught:
        check_public_url(f"http://{host}:8080/latest/meta-data/")
    assert "private network" in str(caught.value) and caught.value.reason == "an address inside a private network"


@pytest.mark.parametrize("host", ["8.8.8.8", "[2606:4700:4700::1111]", "[::ffff:8.8.8.8]", "[2002:808:808::]",
                                  "[64:ff9b::808:808]"])
def test_public_addresses_and_their_ipv6_forms_pass(host):
    from kie.fetch import check_public_url

    check_public_url(f"https://{host}/a.png")  # no exception: nothing is fetched, only checked


def test_the_embedded_ipv4_address_is_what_is_checked():
    import ipaddress

    from kie.fetch import embedded_ipv4, is_public_address

    assert str(embedded_ipv4(ipaddress.ip_address("2002:7f00:1::"))) == "127.0.0.1"
    assert str(embedded_ipv4(ipaddress.ip_address("64:ff9b::a9fe:a9fe"))) == "169.254.169.254"
    assert str(embedded_ipv4(ipaddress.ip_address("::ffff:100.100.100.200"))) == "100.100.100.200"
    assert embedded_ipv4(ipaddress.ip_address("2606:4700::1111")) is None
    assert ipaddress.ip_address("2002:7f00:1::").is_global  # what the old one-by-one checks let through
    assert not is_public_address(ipaddress.ip_address("2002:7f00:1::"))


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/a.png", "gopher://example.org/",
                                 "http://:99999/", "http:///nohost"])
def test_addresses_that_are_never_fetched_are_refused_for_good(url):
    from kie.fetch import AddressRefused, check_public_url

    with pytest.raises(AddressRefused):
        check_public_url(url)


def test_an_unknown_host_is_not_refused_for_good():
    from kie.fetch import AddressRefused, check_public_url

    with pytest.raises(FetchError) as caught:
        check_public_url("http://no-such-host.invalid/a.png")
    assert not isinstance(caught.value, AddressRefused)  # it may exist later: a result is tried again


# -- redirects and DNS rebinding, against real local servers ---------------------------------------------------

@pytest.fixture
def listener():
    from tests.fixtures.hostile_provider import Listener

    internal = Listener()
    yield internal
    internal.stop()


@pytest.mark.parametrize("target", ["{listener}/secret", "http://100.100.100.200/latest/meta-data/",
                                    "http://[2002:7f00:1::]:{port}/secret", "http://[::ffff:127.0.0.1]:{port}/",
                                    "file:///etc/passwd"])
def test_a_redirect_into_a_private_range_is_refused_and_never_reached(server, listener, target):
    server.RequestHandlerClass.target = target.format(listener=listener.url, port=listener.port)
    with pytest.raises(FetchError) as caught:
        fetch_limited(f"http://{host(server)}/redirect", allowed_hosts={host(server)})
    assert "private network" in str(caught.value) or "http://" in str(caught.value)
    assert listener.connections == 0


def rebinding(monkeypatch, name: str, first: str, then: str) -> list[str]:
    """Make `name` resolve to `first` the first time it is looked up and to `then` afterwards (DNS rebinding)."""
    import socket

    real = socket.getaddrinfo
    seen: list[str] = []

    def getaddrinfo(host, port, *args, **kwargs):
        if host != name:
            return real(host, port, *args, **kwargs)
        seen.append(first if not seen else then)
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (seen[-1], port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return seen


def test_a_name_that_rebinds_to_loopback_after_the_check_is_refused_when_connecting(monkeypatch, listener):
    seen = rebinding(monkeypatch, "pictures.rebind.test", "93.184.216.34", "127.0.0.1")
    with pytest.raises(FetchError) as caught:
        fetch_limited(f"http://pictures.rebind.test:{listener.port}/a.png")
    assert "private network" in str(caught.value)
    assert seen == ["93.184.216.34", "127.0.0.1"]  # checked public first; the connection resolved it again
    assert listener.connections == 0


def test_the_guarded_session_connects_to_the_address_it_checked(monkeypatch, listener):
    from kie.fetch import AddressRefused, guarded_session

    rebinding(monkeypatch, "internal.rebind.test", "127.0.0.1", "127.0.0.1")
    with pytest.raises(AddressRefused):
        guarded_session().get(f"http://internal.rebind.test:{listener.port}/", timeout=2)
    assert listener.connections == 0
    trusted = guarded_session({f"127.0.0.1:{listener.port}"})  # the configured hosts: trusted as configured
    assert trusted.get(f"{listener.url}/ok", timeout=2).content == b"internal secret"
    assert listener.connections == 1
