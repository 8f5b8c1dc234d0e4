"""The browser tests' context pool lends a context again only once nothing of the last test can be seen in it."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class _Page(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (the standard library's name)
        body = b"<!doctype html><title>pool</title><p>pool</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def origin():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_a_context_given_back_is_lent_again_empty(browser, origin):
    options = {"viewport": {"width": 640, "height": 480}}
    first = browser.new_context(**options)
    page = first.new_page()
    page.goto(origin)
    page.evaluate("() => { localStorage.setItem('left', 'behind'); document.cookie = 'crumb=1; path=/'; }")
    first.route("**/never", lambda route: route.abort())
    assert first.cookies()
    first.close()

    again = browser.new_context(**options)
    assert again is first  # lent again: its cache is warm
    assert again.pages == [] and again.cookies() == []
    page = again.new_page()
    page.goto(origin)
    assert page.evaluate("() => localStorage.getItem('left')") is None
    assert page.evaluate("() => document.cookie") == ""
    assert page.evaluate("() => !!window.__studioRuns")  # what every context is prepared with still holds
    other = browser.new_context(viewport={"width": 641, "height": 480})  # other options: another context
    assert other is not again
    other.close()
    again.close()


def test_a_page_of_its_own_gives_its_context_back_when_closed(browser, origin):
    page = browser.new_page(viewport={"width": 500, "height": 400})
    page.goto(origin)
    page.evaluate("() => localStorage.setItem('left', 'behind')")
    context = page.context
    page.close()
    assert context.pages == []
    page = browser.new_page(viewport={"width": 500, "height": 400})
    assert page.context is context
    page.goto(origin)
    assert page.evaluate("() => localStorage.getItem('left')") is None
    page.close()
