"""The listening component's script (components/listen/listen.js) on its own, in the real browser, with a WebSocket
of the test's making: what it asks for once its drawing is gone, and Streamlit's picture code loaded ahead once.

A page switch unmounts the component while its connection lingers (in case the next run draws it again). A change
heard in that moment must not ask for a rerun: the fragment that would rerun is gone, the server drops the request,
and once in the full run the Edit page stayed blank after it. The next drawing asks for what was missed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

LISTEN_JS = Path(__file__).resolve().parents[2] / "components" / "listen" / "listen.js"

FAKE_SOCKET_JS = """
window.__sockets = [];
window.WebSocket = class {
  constructor(url) { this.url = url; this.sent = []; this.closed = false; window.__sockets.push(this); }
  send(text) { this.sent.push(text); }
  close() { this.closed = true; }
  hear(message) { this.onmessage({ data: JSON.stringify(message) }); }
};
window.__asked = [];
window.__batches = [];  // as Streamlit sends them: the triggers set in one task of the event loop go out together
let batch = null;
window.__trigger = (name, value) => {
  window.__asked.push([name, value]);
  if (!batch) {
    batch = [];
    window.__batches.push(batch);
    setTimeout(() => { batch = null; }, 0);
  }
  batch.push(value);
};
"""

DRAWN = {"key": "panel", "token": "signed", "tasks": ["t1"], "drawn": {"t1": "pending|10|0|0|1|0"}, "path": "/events",
         "safety": 60, "alive": 60, "endsOnly": False}


@pytest.fixture
def component(page):
    # An http origin of its own (the script builds its ws:// address from the page's), answered by the test.
    page.route("http://listen.test/", lambda route: route.fulfill(body="<html><body></body></html>",
                                                                   content_type="text/html"))
    page.goto("http://listen.test/")
    page.add_script_tag(content=FAKE_SOCKET_JS)
    script = LISTEN_JS.read_text(encoding="utf-8").replace("export default function", "window.__mount = function")
    page.add_script_tag(content=script)
    return page


def mount(page, data: dict) -> None:
    page.evaluate("(data) => { window.__cleanup = window.__mount({ data, setTriggerValue: window.__trigger }); }",
                  data)


def connect(page) -> None:
    """The first listener's connection opens and the server answers with the stamp it drew."""
    page.evaluate("() => { const s = window.__sockets[0]; s.onopen(); "
                  "s.hear({ stamps: { t1: 'pending|10|0|0|1|0' } }); }")


def test_two_listeners_hearing_one_end_ask_in_separate_batches(component):
    """Streamlit reruns one fragment per batch of widget changes: the panel's ask and the sidebar notice's ask for
    the same end must not share one, or one of the two fragments is not rerun (its picture waited 3 s or more)."""
    page = component
    mount(page, DRAWN)
    mount(page, {**DRAWN, "key": "notice", "endsOnly": True})  # the sidebar notice: ends only
    page.evaluate("""() => {
        for (const s of window.__sockets) { s.onopen(); s.hear({ stamps: { t1: 'pending|10|0|0|1|0' } }); }
    }""")
    assert page.evaluate("window.__asked") == []
    page.evaluate("() => { for (const s of window.__sockets) s.hear({ stamps: { t1: 'success|100|1|1|0|0' } }); }")
    page.wait_for_function("() => window.__asked.length === 2")
    page.wait_for_timeout(50)  # any batch still open is closed by now
    batches = page.evaluate("window.__batches")
    assert [len(b) for b in batches] == [1, 1], batches
    assert [b[0]["stamp"] for b in batches] == ["success|100|1|1|0|0", "success|1|1|0|0"]  # the notice: no progress


def test_a_change_heard_after_unmounting_asks_nothing_until_drawn_again(component):
    page = component
    mount(page, DRAWN)
    connect(page)
    assert page.evaluate("window.__sockets[0].sent") == ["signed"]  # the token goes in the first message
    assert page.evaluate("window.__asked") == []  # nothing new

    page.evaluate("() => window.__cleanup()")  # the page moved on: unmounted, the connection lingers
    page.evaluate("() => window.__sockets[0].hear({ stamps: { t1: 'success|100|1|1|0|0' } })")
    assert page.evaluate("window.__asked") == []
    assert page.evaluate("window.__sockets[0].closed") is False  # still lingering for a drawing that may follow

    mount(page, DRAWN)  # drawn again with what it drew before: behind the heard end, so it asks now
    asked = page.evaluate("window.__asked")
    assert [name for name, _ in asked] == ["changed"]
    assert asked[0][1]["task"] == "t1" and asked[0][1]["stamp"] == "success|100|1|1|0|0"
    assert len(page.evaluate("window.__sockets")) == 1  # the lingering connection was kept, not opened again


def test_while_drawn_a_change_asks_once(component):
    page = component
    mount(page, DRAWN)
    connect(page)
    page.evaluate("() => window.__sockets[0].hear({ stamps: { t1: 'pending|50|0|0|1|0' } })")
    page.evaluate("() => window.__sockets[0].hear({ stamps: { t1: 'pending|50|0|0|1|0' } })")
    asked = page.evaluate("window.__asked")
    assert [value["stamp"] for _, value in asked] == ["pending|50|0|0|1|0"]


def test_while_listening_streamlit_s_picture_code_is_loaded_ahead_once(component):
    """A tab waiting on its first result loads Streamlit's picture code before the picture comes, from beside
    Streamlit's main script (so the browser's own lazy load finds it done), once."""
    page = component
    page.route("http://listen.test/static/js/index.test.js", lambda route: route.fulfill(
        body="", content_type="text/javascript"))
    page.route("http://listen.test/static/js/ImageList.test.js", lambda route: route.fulfill(
        body="window.__pictureCode = (window.__pictureCode || 0) + 1;", content_type="text/javascript"))
    page.evaluate("() => { const main = document.createElement('script'); main.type = 'module'; "
                  "main.src = '/static/js/index.test.js'; document.head.appendChild(main); }")
    mount(page, {**DRAWN, "preload": ["ImageList.test.js"]})
    page.wait_for_function("() => window.__pictureCode === 1")
    mount(page, {**DRAWN, "preload": ["ImageList.test.js"]})
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pictureCode") == 1


def test_the_preloaded_names_are_those_of_the_installed_streamlit():
    from components import listen

    assert listen.PRELOAD and all(name.startswith("ImageList.") for name in listen.PRELOAD)
