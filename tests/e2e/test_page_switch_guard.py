"""A fragment's rerun asked for by a page the browser has not yet seen replaced (page_switch_guard.py), in a real
browser against Streamlit's own runtime: the run is skipped and the new page stays drawn.

The race, made certain: the server's messages to the browser are held (Playwright's WebSocket routing) from the
press of Go (a fragment's button that switches pages) until the browser, still showing the first page, has asked
for a rerun of that page's fragment (Poke); the second page's run waits for that ask to be queued before it ends.
Without the guard the queued fragment run names the first page, Streamlit logs "Couldn't find fragment" and the
browser clears the new page whenever it has drawn it before that run's first message (often, not always: it
depends on how the browser's work falls, so it is not what this test waits for; the guard's own word is).
"""

from __future__ import annotations

import os
import re
import sys

import pytest
from playwright.sync_api import expect

from tests.e2e.harness import ROOT, Process, free_port, open_app, wait_http

pytestmark = pytest.mark.e2e

SCRIPT = f"""
import logging
import sys
import time
from pathlib import Path

sys.path.insert(0, {str(ROOT)!r})
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

import page_switch_guard

logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
page_switch_guard.install()
started = Path(sys.argv[1])


def first():
    @st.fragment
    def panel():
        if st.button("Go"):
            st.switch_page(second_page)
        st.button("Poke")
    panel()


def second():
    started.write_text("started")
    # Test-only reading of Streamlit's request queue: this run ends once the first page's ask is queued behind it.
    requests = get_script_run_ctx().script_requests
    end = time.time() + 30
    while requests._state.name != "RERUN" and time.time() < end:
        time.sleep(0.02)
    st.write("Second page drawn" if requests._state.name == "RERUN" else "No ask was queued")


first_page = st.Page(first, title="First", url_path="first", default=True)
second_page = st.Page(second, title="Second", url_path="second")
st.navigation([first_page, second_page]).run()
"""


def serve(tmp_path):
    (tmp_path / "switch_app.py").write_text(SCRIPT)
    port = free_port()
    log = tmp_path / "logs" / "switch.log"
    args = [sys.executable, "-m", "streamlit", "run", str(tmp_path / "switch_app.py"), "--server.port", str(port),
            "--server.headless", "true", "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none", "--", str(tmp_path / "started")]
    app = Process(args, {**os.environ, "PYTHONUNBUFFERED": "1"}, log)
    wait_http(f"http://127.0.0.1:{port}/_stcore/health", 60)
    return app, f"http://127.0.0.1:{port}", log


class HeldStream:
    """Routes Streamlit's WebSocket through the test: the browser's messages go on at once, the server's are held
    while `holding` and then sent in order."""

    def __init__(self, page):
        self.holding = False
        self.held: list = []
        self.to_page = None
        page.route_web_socket(re.compile(r"/_stcore/stream"), self._route)

    def _route(self, ws):
        server = ws.connect_to_server()
        self.to_page = ws
        ws.on_message(server.send)
        server.on_message(self._from_server)

    def _from_server(self, message):
        if self.holding:
            self.held.append(message)
        else:
            self.to_page.send(message)

    def release(self):
        self.holding = False
        for message in self.held:
            self.to_page.send(message)
        self.held.clear()


def switch_with_a_late_ask(page, url: str, started) -> None:
    stream = HeldStream(page)
    open_app(page, url)
    expect(page.get_by_role("button", name="Poke")).to_be_visible(timeout=30_000)
    stream.holding = True
    page.get_by_role("button", name="Go").click()
    for _ in range(600):  # the second page's run has begun (Playwright's own wait keeps the routing going)
        if started.exists():
            break
        page.wait_for_timeout(50)
    assert started.exists(), "the second page's run never began"
    page.get_by_role("button", name="Poke").click()  # the browser still shows the first page
    expect(page.get_by_role("button", name="Poke")).to_be_visible()
    stream.release()


def settled(page) -> None:
    page.wait_for_function(
        "document.querySelector('[data-testid=stApp]')?.getAttribute('data-test-script-state') === 'notRunning'",
        timeout=30_000)


def test_the_new_page_stays_drawn_when_the_old_page_asks_late(tmp_path, page):
    app, url, log = serve(tmp_path)
    try:
        switch_with_a_late_ask(page, url, tmp_path / "started")
        expect(page.get_by_text("Second page drawn")).to_be_visible(timeout=30_000)
        for _ in range(600):
            if "from a page this session has left" in log.read_text():
                break
            page.wait_for_timeout(50)
        assert "from a page this session has left" in log.read_text(), "the late ask never reached the guard"
        settled(page)
        expect(page.get_by_text("Second page drawn")).to_be_visible()
        assert page.url.endswith("/second")
    finally:
        app.stop()
