"""Demo mode in a real browser: a callback URL typed in Advanced that points at this machine is refused before
anything is sent, the page says why, and a listener on loopback receives nothing."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from playwright.sync_api import expect

from tests.e2e.harness import open_app, settle, type_prompt


def listener() -> tuple[ThreadingHTTPServer, list[str]]:
    received: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - the standard library's name
            received.append(self.path)
            self.send_response(200)
            self.end_headers()

        do_GET = do_POST  # noqa: N815

        def log_message(self, *_args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server, received


def test_a_loopback_callback_url_in_demo_mode_is_refused_and_never_called(page, demo_app):
    server, received = listener()
    try:
        open_app(page, demo_app.url)
        page.get_by_role("button", name="Advanced").click()  # the menu beside Generate
        box = page.get_by_role("textbox", name="Callback URL")
        box.fill(f"http://127.0.0.1:{server.server_port}/steal")
        box.press("Enter")
        settle(page)
        page.keyboard.press("Escape")  # the menu closed
        type_prompt(page, "a fox in the snow")
        page.get_by_role("button", name="Generate").click()
        settle(page)
        expect(page.get_by_text("cannot be used in demo mode").first).to_be_visible()
        expect(page.get_by_text("private network").first).to_be_visible()
        page.wait_for_timeout(4_000)  # longer than a demo task takes: a callback would have arrived by now
        assert received == []
    finally:
        server.shutdown()
