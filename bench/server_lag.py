"""Browser-observed lag from a task's end to its image on the page, in real processes.

Each task runs in a tab of its own with a key of its own (so a workspace of its own: what ends is the only
thing pending there, as for one person waiting on one picture). A MutationObserver in the page notes when
the first result <img> is inserted and when it has loaded, on the wall clock (`performance.timeOrigin +
performance.now()`, checked against Python's clock). The simulator's request log gives the task's end
(generate time + N), every record-info and the image download; the app's image cache and thumbnail files'
mtimes say when the download was saved and when the card was drawn.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import requests

from bench.server_rig import BenchApp
from kie.simulator.state import account_for_key
from kie.store import workspace_for_key
from tests.e2e.harness import CHROMIUM, CHROMIUM_ARGS

OBSERVER = """
(() => {
  // When the result <img> is inserted and loaded; when each Streamlit message naming a media file arrives (the
  // benchmark takes the first after the task's end: the picture's drawing); when the page's listener heard the end
  // (the first stamp that needs no more polling, "state|progress|pictures|urls|needs_polling|note"); and whether the
  // page was hidden meanwhile (a hidden page's timers are throttled).
  window.__seen = null; window.__loaded = null; window.__media = []; window.__heard = null;
  window.__hidden = document.visibilityState === 'hidden';
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') window.__hidden = true;
  });
  const now = () => performance.timeOrigin + performance.now();
  const Native = window.WebSocket;
  const latin1 = new TextDecoder('latin1');
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      if (String(args[0]).includes('task-events')) {
        this.addEventListener('message', (event) => {
          if (window.__heard !== null || typeof event.data !== 'string') return;
          const stamps = (JSON.parse(event.data) || {}).stamps || {};
          if (Object.values(stamps).some((s) => String(s).split('|')[4] === '0')) window.__heard = now();
        });
        return;
      }
      this.addEventListener('message', (event) => {
        if (window.__media.length < 500 && event.data instanceof ArrayBuffer
            && latin1.decode(event.data).includes('/media/')) window.__media.push(now());
      });
    }
  };
  const look = () => {
    const img = document.querySelector('[data-testid=stImage] img');
    if (!img || window.__seen !== null) return;
    window.__seen = now();
    const done = () => { if (window.__loaded === null) window.__loaded = now(); };
    if (img.complete && img.naturalWidth) done(); else img.addEventListener('load', done, {once: true});
  };
  new MutationObserver(look).observe(document, {childList: true, subtree: true});
})();
"""
RUNNING = "[data-testid=stStatusWidget] [data-testid=stStatusWidgetRunningIcon]"
OPEN_AHEAD = 6.0  # seconds between opening a task's tab and submitting
# How long a page may take to load or answer: at load 20-28 a minute was not always enough (Page.goto and
# Locator.fill timed out). A late submit does not spoil its figure: the end is read from the simulator's log.
PAGE_TIMEOUT_MS = 150_000
TAB_AFTER = 2.5  # a tab stays open about this long after its task's end (image, then closing)


@dataclass
class Planned:
    setting: str
    app: BenchApp
    seconds: int
    submit_at: float  # seconds after the plan's start
    key: str = field(default_factory=lambda: f"bench-{uuid.uuid4().hex}")


@dataclass
class Measured:
    planned: Planned
    seen: float | None = None  # wall clock (s) the result <img> was inserted
    loaded: float | None = None  # ... and had loaded
    media: list[float] = field(default_factory=list)  # messages naming a media file (wall clock)
    heard: float | None = None  # the page's listener heard the end (None for a ticking page)
    hidden: bool = False  # the page was hidden at some point
    error: str | None = None
    task_id: str | None = None
    end: float | None = None
    record_infos: list[float] = field(default_factory=list)
    download_at: float | None = None
    callback_at: float | None = None
    saved_at: float | None = None  # image file written in the app's cache
    drawn_at: float | None = None  # thumbnail written: the card with the image was being drawn

    @property
    def lag(self) -> float | None:
        return None if self.loaded is None or self.end is None else self.loaded - self.end

    @property
    def arrived(self) -> float | None:
        """The first message naming a media file after the end: the picture's drawing."""
        return next((t for t in self.media if t >= (self.end or 0)), None)

    @property
    def landing(self) -> float | None:
        """The first record-info after the end (the one that saw it)."""
        return next((t for t in self.record_infos if t >= (self.end or 0)), None)


def schedule(tasks: list[tuple[str, BenchApp | None, int]], *, tabs: int = 3, submit_gap: float = 1.5,
             end_gap: float = 3.0, start: float = OPEN_AHEAD) -> list[Planned]:
    """Submit times on a half-second grid: submits and ends apart, at most `tabs` tabs open at once.

    Longest tasks first, each at the earliest time that fits; a tab is open from OPEN_AHEAD before its submit
    until a few seconds after the end.
    """
    out: list[Planned] = []

    def fits(at: float, seconds: int) -> bool:
        if any(abs(at - p.submit_at) < submit_gap or abs(at + seconds - p.submit_at - p.seconds) < end_gap
               for p in out):
            return False
        lo, hi = at - OPEN_AHEAD, at + seconds + TAB_AFTER
        edges = [lo] + [p.submit_at - OPEN_AHEAD for p in out if lo <= p.submit_at - OPEN_AHEAD < hi]
        return all(sum(1 for p in out if p.submit_at - OPEN_AHEAD <= t < p.submit_at + p.seconds + TAB_AFTER) < tabs
                   for t in edges)

    for setting, app, seconds in sorted(tasks, key=lambda t: -t[2]):
        at = start
        while not fits(at, seconds):
            at += 0.5
        out.append(Planned(setting, app, seconds, at))
    return sorted(out, key=lambda p: p.submit_at)


async def _settle(page) -> None:
    await page.wait_for_timeout(300)
    await page.wait_for_function(f"() => !document.querySelector('{RUNNING}')"
                                 " && !document.querySelector('[data-testid=stSkeleton]')", timeout=PAGE_TIMEOUT_MS)


async def _clock_offset(page) -> float:
    """Browser wall clock minus Python's, in seconds."""
    before = time.time()
    browser_now = await page.evaluate("performance.timeOrigin + performance.now()") / 1000
    return browser_now - (before + time.time()) / 2


async def _one(browser, task: Planned, t0: float) -> Measured:
    result = Measured(task)
    ctx = await browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        await asyncio.sleep(max(0.0, t0 + task.submit_at - OPEN_AHEAD - time.time()))
        await ctx.add_init_script(OBSERVER)
        page = await ctx.new_page()
        page.set_default_timeout(PAGE_TIMEOUT_MS)
        await page.goto(task.app.url)
        await page.wait_for_selector("[data-testid=stApp]")
        await _settle(page)
        field_ = page.get_by_label("API key", exact=True)
        await field_.fill(task.key)
        await field_.press("Enter")
        await page.get_by_text("Live:").first.wait_for()
        await _settle(page)
        prompt = f"[seconds:{task.seconds}] bench {task.key[-8:]}"
        box = page.get_by_label("Prompt", exact=True)
        await box.fill(prompt)
        await box.press("Control+Enter")
        await _settle(page)
        await asyncio.sleep(max(0.0, t0 + task.submit_at - time.time()))
        await page.get_by_role("button", name="Generate").click()
        deadline = time.time() + task.seconds + 90
        while time.time() < deadline:
            loaded = await page.evaluate("window.__loaded")
            if loaded is not None:
                offset = await _clock_offset(page)
                await read_timings(page, result, offset)
                break
            await asyncio.sleep(0.25)
        else:
            result.error = "no image"
    except Exception as error:  # noqa: BLE001 - one tab's failure is reported, the others go on
        result.error = f"{type(error).__name__}: {(str(error).splitlines() or [''])[0][:160]}"
    finally:
        await ctx.close()
    return result


async def read_timings(page, result: Measured, offset: float) -> None:
    """The OBSERVER's times of a page into `result` (server clock: `offset` is the page's clock ahead of it)."""
    seen, loaded, media, heard, hidden = await page.evaluate(
        "[window.__seen, window.__loaded, window.__media, window.__heard, window.__hidden]")
    result.seen = None if seen is None else seen / 1000 - offset
    result.loaded = None if loaded is None else loaded / 1000 - offset
    result.media = [t / 1000 - offset for t in media]
    result.heard = None if heard is None else heard / 1000 - offset
    result.hidden = bool(hidden)


async def _drive(plan: list[Planned]) -> list[Measured]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        t0 = time.time() + 1.0
        results = await asyncio.gather(*(_one(browser, task, t0) for task in plan))
        await browser.close()
    return list(results)


def _mtime(path: Path) -> float | None:
    return path.stat().st_mtime if path.exists() else None


def attribute(results: list[Measured], sim_url: str) -> None:
    """Fill in each task's id, end, record-infos, download, callback and file times from the logs."""
    log = requests.get(sim_url + "/_sim/requests", timeout=30).json()
    callbacks = requests.get(sim_url + "/_sim/callbacks", timeout=30).json()
    for r in results:
        account = account_for_key(r.planned.key)
        mine = [e for e in log if e["account"] == account]
        generate = next((e for e in mine if e["path"].endswith("/generate")), None)
        infos = [e for e in mine if e["path"].endswith("/record-info")]
        if generate is None or not infos:
            r.error = r.error or "no generate or record-info in the log"
            continue
        r.task_id = infos[0]["query"]["taskId"][0]
        r.end = generate["time"] + r.planned.seconds  # logged as it arrived; the task is created within a ms
        r.record_infos = sorted(e["time"] for e in infos)
        r.download_at = next((e["time"] for e in log if e["path"] == f"/files/results/{r.task_id}/0.png"), None)
        r.callback_at = next((c["time"] for c in callbacks if c.get("taskId") == r.task_id and c.get("status")), None)
        root = r.planned.app.data_dir / "workspaces" / workspace_for_key(r.planned.key)
        r.saved_at = min(filter(None, map(_mtime, (root / "images" / r.task_id).glob("0.*"))), default=None)
        # The card's small copy of the first picture (components/thumbs.py names it "<size>a-0.<suffix>").
        r.drawn_at = min(filter(None, map(_mtime, (root / "thumbs" / r.task_id).glob("*-0.*"))), default=None)


def measure(plan: list[Planned], sim_url: str) -> list[Measured]:
    """Run the plan's tasks in a headless Chromium and attribute them."""
    results = asyncio.run(_drive(plan))
    attribute(results, sim_url)
    return results
