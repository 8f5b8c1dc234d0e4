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
