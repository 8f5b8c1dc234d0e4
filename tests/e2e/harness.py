"""Real processes for browser tests: a simulator, `streamlit run app.py`, headless Chromium."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

from tests.fixtures.ports import HomePort, free_port

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("STUDIO_CHROMIUM", "/usr/bin/chromium")
# WebUIOmniboxPopup/WebUIOmniboxAimPopup: headless Chromium 156 builds the address bar's popups (two chrome:// pages
# with a renderer of their own) for every new context, about 1.1 CPU-seconds each that no test looks at (Chromium
# merges this list with the one Playwright passes).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup"]
ARTIFACTS = ROOT / "tests" / "e2e" / "artifacts"


def wait_http(url: str, timeout: float = 60.0) -> None:
    end = time.time() + timeout
    while time.time() < end:
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer")


class Process:
    def __init__(self, args: list[str], env: dict[str, str], log: Path):
        self.log = log
        log.parent.mkdir(parents=True, exist_ok=True)
        self._out = open(log, "ab")
        self.proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=self._out, stderr=subprocess.STDOUT,
                                     start_new_session=True)

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, sig)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        self._out.close()


class Simulator(Process):
    def __init__(self, keys: list[str], log: Path, task_seconds: float = 3.0, webhook_hmac_key: str | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        args = [sys.executable, "-m", "kie.simulator", "--port", str(self.port), "--task-seconds", str(task_seconds)]
        for key in keys:
            args += ["--key", key]
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        if webhook_hmac_key:  # through the environment, never the process list
            env["STUDIO_SIM_WEBHOOK_HMAC_KEY"] = webhook_hmac_key
        super().__init__(args, env, log)
        wait_http(self.url + "/_sim/health", 30)

    def callbacks(self) -> list[dict]:
        return requests.get(self.url + "/_sim/callbacks", timeout=5).json()

    def configure(self, **options) -> None:
        requests.post(self.url + "/_sim/config", json=options, timeout=5).raise_for_status()

    def requests(self, path_part: str = "") -> list[dict]:
        return [r for r in requests.get(self.url + "/_sim/requests", timeout=5).json() if path_part in r["path"]]

    def wait_requests(self, path_part: str, count: int = 1, timeout: float = 30.0) -> list[dict]:
        """The requests to `path_part` once there are at least `count` of them."""
        end = time.time() + timeout
        while time.time() < end:
            found = self.requests(path_part)
            if len(found) >= count:
                return found
            time.sleep(0.2)
        raise AssertionError(f"the simulator did not receive {count} request(s) to {path_part}")

    def upload(self, stored_name: str) -> bytes:
        return requests.get(f"{self.url}/_sim/uploads/{stored_name}", timeout=5).content


class App(Process):
    """`streamlit run app.py`, headless, on a free port."""

    def __init__(self, data_dir: Path, log: Path, env: dict[str, str] | None = None, port: int | None = None):
        # The worker's home port when free (the browser's cache is per origin: tests/e2e/browser_pool.py), else any.
        self._home = HomePort.take(port)
        self.port = self._home.port if self._home else port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        full_env = {k: v for k, v in os.environ.items() if not k.startswith(("KIE_", "STUDIO_"))}
        full_env.update({"STUDIO_DATA_DIR": str(data_dir), "STUDIO_SIM_TASK_SECONDS": "3", "PYTHONUNBUFFERED": "1"})
        full_env.update(env or {})
        args = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(self.port),
                "--server.headless", "true", "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
                "--server.fileWatcherType", "none"]
        super().__init__(args, full_env, log)
        try:
            wait_http(self.url + "/_stcore/health", 60)
        except TimeoutError:
            self.stop()
            raise

    def stop(self, sig: int = signal.SIGTERM) -> None:
        super().stop(sig)
        if self._home:
            self._home.release()
            self._home = None


def open_app(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("[data-testid=stApp]", timeout=30_000)
    settle(page, timeout=60_000)  # a fresh server's first run also imports the app and opens its store


# Counts, in the page, the script runs the tab asked for and the runs the server started and ended, read from the
# Streamlit WebSocket's own messages (protobuf, decoded just enough to see the top-level field numbers):
#   sent:    a rerun_script BackMsg (field 11) that is not the app's own timer (ClientState.is_auto_rerun, field 6):
#            a click, a key, a page switch, the first run of a page; also a file chosen in a file input, whose
#            rerun is sent only once the upload (an HTTP request to /_stcore/upload_file, counted in `uploads`) ends;
#   started: a new_session ForwardMsg (field 4): the server began a run (full or fragment);
#   ended:   a script_finished ForwardMsg (field 6) other than FINISHED_EARLY_FOR_RERUN (2): a run chain ended.
# Each event takes the next number of one sequence, so their order is known even when several land in one frame;
# `answer` is the number of the first start after the last request (0 while the request waits for its run).
RUN_WATCH_JS = """
(() => {
  if (window.__studioRuns || !window.WebSocket) return;
  const runs = window.__studioRuns = {seq: 0, sent: 0, started: 0, ended: 0, answer: 0, sentAt: 0, lastAt: 0,
                                     counts: {}};
  const varint = (b, i) => {
    let value = 0, scale = 1, byte;
    do { byte = b[i++]; value += (byte & 0x7f) * scale; scale *= 128; } while (byte & 0x80 && i < b.length);
    return [value, i];
  };
  const fields = (b) => {
    const out = [];
    let i = 0;
    while (i < b.length) {
      let key, value, length;
      [key, i] = varint(b, i);
      const wire = key % 8, number = Math.floor(key / 8);
      if (wire === 0) { [value, i] = varint(b, i); out.push([number, value]); }
      else if (wire === 2) { [length, i] = varint(b, i); out.push([number, b.subarray(i, i + length)]); i += length; }
      else if (wire === 1) { i += 8; } else if (wire === 5) { i += 4; } else { break; }
    }
    return out;
  };
  const bytes = (data) => data instanceof ArrayBuffer ? new Uint8Array(data)
    : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
  const note = (what) => {
    runs[what] = ++runs.seq;
    runs.counts[what] = (runs.counts[what] || 0) + 1;  // how many of each (the fields above are sequence numbers)
    runs.lastAt = performance.now();
    if (what === 'sent') { runs.answer = 0; runs.sentAt = runs.lastAt; }
    if (what === 'started' && !runs.answer) runs.answer = runs.seq;
  };
  const Native = window.WebSocket;
  class WatchedSocket extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        const b = bytes(event.data);
        if (!b) return;
        for (const [number, value] of fields(b)) {
          if (number === 4) note('started');
          else if (number === 6 && value !== 2) note('ended');
        }
      });
    }
    send(data) {
      try {
        const b = bytes(data);
        const rerun = b && fields(b).find(([number]) => number === 11);
        if (rerun && !fields(rerun[1]).some(([number, value]) => number === 6 && value)) note('sent');
      } catch (error) { /* counting must never break the app */ }
      return super.send(data);
    }
  }
  window.WebSocket = WatchedSocket;
  document.addEventListener('change', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.type === 'file') note('sent');
  }, true);
  runs.uploads = 0;
  const open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.__upload = String(url).includes('/_stcore/upload_file');
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...args) {
    if (this.__upload) {
      runs.uploads += 1;
      this.addEventListener('loadend', () => { runs.uploads -= 1; runs.lastAt = performance.now(); });
    }
    return send.apply(this, args);
  };
})();
"""

# Settled: no upload is going, the run that answered the tab's last request (the first run started after it) has
# ended, and nothing about runs came in for a moment (the end of one run and the start of a queued one may come in
# two frames); the page shows no skeleton, and no run going unless it is one the app's own timer started since
# (a polling fragment's tick is not waited for). A request the server never starts (a fragment gone by the time it
# arrived) is given up on after 5 s, when the page shows nothing running.
SETTLED_JS = """
() => {
  const runs = window.__studioRuns;
  const app = document.querySelector('[data-testid=stApp]');
  if (!runs || !app || !runs.sent || runs.uploads > 0 || document.querySelector('[data-testid=stSkeleton]')) {
    return false;
  }
  const state = app.getAttribute('data-test-script-state');
  const idle = state !== 'running' && state !== 'rerunRequested' && state !== 'initial';
  const now = performance.now();
  if (!runs.answer) return idle && now - runs.sentAt > 5000;
  return runs.ended > runs.answer && now - runs.lastAt > 30 && (idle || runs.started > runs.ended);
}
"""

# Streamlit sends a change from a setTimeout(0) (WidgetStateManager.scheduleFlush): a timer queued now runs after one
# queued by the click or key just made, so by its end that change's rerun has been sent, and counted. True when the
# page counts its runs.
FLUSHED_JS = "() => !!window.__studioRuns && new Promise((done) => setTimeout(() => done(true), 0))"


def watch_runs(target) -> None:
    """Count script runs in every page `target` (a page, a context, or a browser) opens from now on (see settle)."""
    if hasattr(target, "new_context"):  # a browser: every context and page it makes from now on
        new_context, new_page = target.new_context, target.new_page

        def watched_context(*args, **kwargs):
            context = new_context(*args, **kwargs)
            context.add_init_script(RUN_WATCH_JS)
            return context

        def watched_page(*args, **kwargs):
            page = new_page(*args, **kwargs)
            page.add_init_script(RUN_WATCH_JS)  # before its first navigation
            return page

        target.new_context, target.new_page = watched_context, watched_page
    else:
        target.add_init_script(RUN_WATCH_JS)


def settle(page, timeout: float = 30_000) -> None:
    """Wait until every script run this tab asked for (a click, a key, a page switch) has run and ended.

    The page counts the runs from the app's WebSocket messages (RUN_WATCH_JS), so a run the server has not started
    yet is still waited for. A page opened without the counter (not through the e2e `browser` fixture) falls back
    to a pause and the status widget.
    """
    from playwright.sync_api import Error as PlaywrightError

    try:
        counting = page.evaluate(FLUSHED_JS)
    except PlaywrightError as error:  # the page navigated meanwhile (a sign-out's reload): the new one counts afresh
        if "context was destroyed" not in str(error):
            raise
        counting = page.evaluate("() => !!window.__studioRuns")
    if counting:
        page.wait_for_function(SETTLED_JS, timeout=timeout, polling=20)
        return
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stStatusWidget] [data-testid=stStatusWidgetRunningIcon]')"
        " && !document.querySelector('[data-testid=stSkeleton]')",
        timeout=timeout,
    )


def card(page, text: str):
    """The task card(s) showing `text` (not the prompt box, which may hold the same words)."""
    return page.locator("[data-testid=stMarkdownContainer], [data-testid=stText]").filter(has_text=text)


def type_prompt(page, prompt: str) -> None:
    """Type a prompt into Generate's box and let the app take it in."""
    box = page.get_by_label("Prompt", exact=True)
    box.fill(prompt)
    box.press("Control+Enter")
    settle(page)


def generate(page, prompt: str) -> None:
    """Type a prompt, press Generate, and wait until the task's card is on the page."""
    type_prompt(page, prompt)
    page.get_by_role("button", name="Generate").click()
    card(page, prompt).first.wait_for()
    settle(page)


def choose(page, label: str, option: str) -> None:
    """Pick `option` in the selectbox labelled `label` (its list filters by what is typed)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    box = page.get_by_role("combobox", name=label)
    for attempt in range(3):  # a rerun arriving meanwhile draws the list afresh: open it again
        box.click()
        box.fill(option)
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=10_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
    settle(page)


def queue_batch(page, prompts: list[str]) -> None:
    """On Generate, switch to Batch, enter `prompts` one per line, let the app take them in and press Queue."""
    page.get_by_role("radio", name="Batch").click()
    settle(page)
    box = page.get_by_label("Prompts, one per line")
    box.fill("\n".join(prompts))
    box.press("Control+Enter")
    settle(page)
    page.get_by_role("button", name=f"Queue {len(prompts)} task{'s' if len(prompts) != 1 else ''}").click()


def screenshot(page, name: str) -> None:
    """Keep a screenshot under tests/e2e/artifacts; with STUDIO_UPDATE_SCREENSHOTS=1 also refresh docs/<name>."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))
    if os.environ.get("STUDIO_UPDATE_SCREENSHOTS") == "1":
        page.screenshot(path=str(ROOT / "docs" / name))


def send_comparison(page, prompt: str, models: int) -> str:
    """On Compare models (already chosen, its models set), type `prompt`, press Compare and return the comparison's
    id from the address the page moves to."""
    box = page.get_by_label("Prompt", exact=True)
    box.fill(prompt)
    box.press("Control+Enter")
    settle(page)
    button = page.get_by_role("button", name=f"Compare {models} models")
    for _ in range(3):
        button.click()
        try:
            page.wait_for_url("**comparison=*", timeout=15_000)
            break
        except Exception:  # noqa: BLE001 - a Playwright timeout: see whether the press is still being run
            settle(page)  # waits for the press's own run if the app got it
            if "comparison=" in page.url:
                break
            # The page never moved and nothing runs: the press was lost in a redraw (once in the full run, on a
            # loaded machine; no comparison was made). Nothing was sent, so pressing again sends it once.
    else:
        raise AssertionError(f"pressing Compare {models} models made no comparison")
    return page.url.split("comparison=")[1].split("&")[0]
