"""Issue 28, the server follows and the page listens: the same app with pages listening for their tasks' changes
(after) and with today's tick (before: `bench.server_app --tick-mode`, pages ticking every second, every half second
while a callback is expected, and polling their own due tasks), side by side in one run.

    python -m bench.listen                    (all: about fifteen minutes on a loaded machine)
    python -m bench.listen lag|cpu|many|replicas   (one part)

- lag: from a 20-s task's end to its picture loaded in the browser (polling only, and with callbacks; 5 tasks each
  per app), and record-info requests per task (bench.server_lag's rig: a tab and a key of its own per task).
- cpu: CPU of the app process with one tab waiting on a pending task, above the same app with no tab open.
- many: 50 tabs waiting on 50 tasks (a key each) in one listening app: CPU, and memory per open tab.
- replicas: 3 replicas (one PostgreSQL, one data folder) × 10 tabs on one task against 1 × 1: record-info per task
  and each tab's end → picture loaded. The task lasts long enough for the tabs to open (replica_seconds).
Knobs for a loaded machine: BENCH_LAG_TASKS (5), BENCH_MANY_TABS (50), BENCH_REPLICA_TABS (10),
BENCH_REPLICA_SECONDS (30 s + 10 s a tab), BENCH_CPU_WINDOW (30 s).
Every figure is written with the machine's load average (1 min) beside it: the machine is shared.
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

from bench import server_lag
from bench.common import median, rss_mb, table
from bench.server_rig import (
    AFTER,
    LONG_TASK,
    BenchApp,
    SimProcess,
    Variant,
    app_env,
    cpu_window,
    load_average,
    side_by_side,
)
from tests.e2e.harness import CHROMIUM, CHROMIUM_ARGS, free_port

TICK_MODE = ("--tick-mode",)
HMAC_KEY = "bench-whk-" + uuid.uuid4().hex  # signs the simulator's callbacks; lives in the environment only
LAG_SETTINGS = [  # (follow, app, knobs)
    ("polling", "before: tick 1 s", TICK_MODE),
    ("polling", "after: listening", AFTER),
    ("callbacks", "before: tick 0.5 s while a callback is expected", TICK_MODE),
    ("callbacks", "after: listening", AFTER),
]
LAG_TASKS = int(os.environ.get("BENCH_LAG_TASKS") or 5)  # per app
LAG_SECONDS = 20
TABS = 2  # tabs open at once in the lag plan (4 overloaded this shared machine: pages did not load in 60 s)
CPU_WINDOW = float(os.environ.get("BENCH_CPU_WINDOW") or 30.0)
MANY_TABS = int(os.environ.get("BENCH_MANY_TABS") or 50)  # 50 is the figure; a loaded machine may need fewer
REPLICA_TABS = int(os.environ.get("BENCH_REPLICA_TABS") or 10)  # tabs per replica on the one task
OPENING = 3  # tabs opening at once in the replicas part (all at once, 30 did not open within a minute at load 25)
OPEN_SECONDS = 10.0  # about what opening one tab until it listens took at load 30, OPENING at a time


def replica_seconds(tabs: int) -> int:
    """How long the replicas part's task lasts: every tab must open and listen before it ends (BENCH_REPLICA_SECONDS
    sets it)."""
    return int(os.environ.get("BENCH_REPLICA_SECONDS") or 30 + OPEN_SECONDS * tabs)


load = load_average


# -- lag ----------------------------------------------------------------------------------------------------


def lag(tmp: Path) -> str:
    tasks = [(f"{follow}|{app}", None, LAG_SECONDS) for follow, app, _ in LAG_SETTINGS for _ in range(LAG_TASKS)]
    random.Random(28).shuffle(tasks)  # settings interleaved in time
    plan = server_lag.schedule(tasks, tabs=TABS)
    server_keys = {f"{f}|{a}": f"bench-server-{uuid.uuid4().hex}" for f, a, _ in LAG_SETTINGS}
    sim = SimProcess([p.key for p in plan] + list(server_keys.values()), tmp / "sim-lag.log", hmac_key=HMAC_KEY)
    apps: dict[str, BenchApp] = {}
    try:
        for follow, name, knobs in LAG_SETTINGS:
            setting, port, extra = f"{follow}|{name}", None, {}
            if follow == "callbacks":
                port = free_port()
                extra = {"STUDIO_PUBLIC_URL": f"http://127.0.0.1:{port}", "KIE_WEBHOOK_HMAC_KEY": HMAC_KEY}
            apps[setting] = BenchApp(tmp / f"lag{len(apps)}", tmp / f"app-lag{len(apps)}.log", knobs,
                                     app_env(sim.url, server_keys[setting], **extra), port=port)
        for app in apps.values():
            app.ready()
        for p in plan:
            p.app = apps[p.setting]
        load_before = load()
        runs = server_lag.measure(plan, sim.url)
        load_after = load()
    finally:
        for app in apps.values():
            app.stop()
        sim.stop()
    rows = []
    for follow, name, _ in LAG_SETTINGS:
        group = [r for r in runs if r.planned.setting == f"{follow}|{name}" and r.error is None and r.lag is not None]
        lags = [r.lag for r in group]
        infos = [len(r.record_infos) for r in group]
        rows.append([follow, name, len(group), f"{median(lags):.2f}" if lags else "—",
                     f"{min(lags):.2f}–{max(lags):.2f}" if lags else "—",
                     f"{median(infos):g}" if infos else "—", max(infos, default="—"),
                     f"{load_before} → {load_after}"])
    failed = [f"{r.planned.setting}: {r.error}" for r in runs if r.error is not None or r.lag is None]
    return "\n\n".join([
        f"### End → picture loaded in the browser, {LAG_SECONDS}-s tasks. Target: median ≤ 0.6 s polling only, "
        "≤ 0.3 s with callbacks; record-info per task no more than today (3 polling, 1 with callbacks)",
        "bench.server_lag's rig: each task has a tab and a key (a workspace) of its own, the four apps run side by "
        f"side in one plan with their tasks interleaved (at most {TABS} tabs open at once). Lag = the result "
        "`<img>` loaded (a MutationObserver in the page, wall clock) − the task's end (the simulator's generate "
        "time + 20 s).",
        table(["follow", "app", "tasks", "median lag (s)", "range (s)", "median record-info / task",
               "most record-info / task", "load average (1 min) before → after"], rows),
        ("Tasks that failed to measure: " + "; ".join(failed)) if failed else "",
    ]).strip()


# -- CPU with one tab waiting ---------------------------------------------------------------------------------


def cpu(tmp: Path) -> str:
    variants = [
        Variant("no tab open (the idle server: worker only)", AFTER, tab_open=False),
        Variant("1 tab, tick 1 s (before)", TICK_MODE),
        Variant("1 tab listening (after)", AFTER),
        Variant("1 tab, callback expected: tick 0.5 s (before)", TICK_MODE, callbacks=True),
        Variant("1 tab listening, callback expected (after)", AFTER, callbacks=True),
    ]
    measured = side_by_side(tmp, variants, CPU_WINDOW, name="cpu")
    idle = measured.share(0)
    rows = []
    for n, variant in enumerate(variants):
        above = "—" if not variant.tab_open else round(measured.share(n) - idle, 2) + 0.0  # never "-0"
        rows.append([variant.label, round(measured.per_minute(n), 2), round(measured.share(n), 2), above,
                     f"{measured.load_before} → {measured.load_after}"])
    return "\n\n".join([
        f"### App CPU with one tab waiting on a pending task ({CPU_WINDOW:g} s, apps side by side). Target: ≤ 0.3 % "
        "of a core above the idle server",
        "Each app holds one 900-s task of its own key; the idle server is the same app with its tab closed (its "
        "worker follows the task). CPU from /proc (user + system) of the app process.",
        table(["app", "CPU s per minute", "% of a core", "above the idle server (% of a core)",
               "load average (1 min) before → after"], rows),
    ])


# -- 50 tabs on 50 tasks ----------------------------------------------------------------------------------------


async def _tab(browser, url: str, key: str) -> object:
    ctx = await browser.new_context(viewport={"width": 1200, "height": 900})
    page = await ctx.new_page()
    page.set_default_timeout(120_000)
    await page.goto(url)
    await page.wait_for_selector("[data-testid=stApp]")
    await server_lag._settle(page)
    field = page.get_by_label("API key", exact=True)
    await field.fill(key)
    await field.press("Enter")
    await page.get_by_text("Live:").first.wait_for()
    await server_lag._settle(page)
    box = page.get_by_label("Prompt", exact=True)
    await box.fill(f"{LONG_TASK} {key[-6:]}")
    await box.press("Control+Enter")
    await server_lag._settle(page)
    await page.get_by_role("button", name="Generate").click()
    await page.wait_for_function("() => Array.from((window.__studioListen || new Map()).values())"
                                 ".some((s) => s.connected)")
    return ctx


async def _share(pid: int) -> float:
    """% of a core the process used over CPU_WINDOW (the open tabs stay served meanwhile)."""
    spent, elapsed = await asyncio.to_thread(cpu_window, [pid], CPU_WINDOW)
    return spent[0] / elapsed * 100


async def _many(url: str, keys: list[str], pid: int) -> tuple[float, float, float, float, int, str, str, int]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        warm = await _tab(browser, url, keys[0])  # the first session pays for imports and caches
        await warm.close()
        await asyncio.sleep(5.0)
        rss_before = rss_mb(pid)
        load_idle = load()
        idle = await _share(pid)
        contexts, failed = [], 0
        for key in keys[1:]:  # one at a time: on a loaded machine five at once timed out
            try:
                contexts.append(await _tab(browser, url, key))
            except Exception:  # noqa: BLE001 - a tab that did not open is left out of the count
                failed += 1
        await asyncio.sleep(10.0)
        rss_after = rss_mb(pid)
        load_before = load()
        busy = await _share(pid)
        load_after = load()
        for ctx in contexts:
            await ctx.close()
        await browser.close()
    return idle, busy, rss_before, rss_after, len(contexts), load_idle, f"{load_before} → {load_after}", failed


def many(tmp: Path) -> str:
    keys = [f"bench-many-{uuid.uuid4().hex}" for _ in range(MANY_TABS + 1)]
    sim = SimProcess(keys + ["bench-many-server"], tmp / "sim-many.log")
    app = BenchApp(tmp / "many", tmp / "app-many.log", AFTER, app_env(sim.url, "bench-many-server"))
    try:
        app.ready()
        idle, busy, rss_before, rss_after, tabs, load_idle, load_busy, failed = asyncio.run(
            _many(app.url, keys, app.proc.pid))
    finally:
        app.stop()
        sim.stop()
    per_tab = (rss_after - rss_before) / tabs
    rows = [["no tab open (worker only)", 0, round(idle, 2), "—", round(rss_before, 1), load_idle],
            [f"{tabs} tabs listening, each on its own 900-s task", tabs, round(busy, 2), round(busy - idle, 2),
             round(rss_after, 1), load_busy]]
    return "\n\n".join([
        f"### {tabs} tabs waiting on {tabs} tasks, one listening app. Target: ≤ 15 % of a core; memory per open tab "
        "< 1 MB",
        "Each tab types a key of its own (a workspace each, held for its session by the worker) and generates one "
        f"900-s task; CPU of the app process over {CPU_WINDOW:g} s once all are open and listening. Before (ticking), "
        "each waiting tab cost what the one-tab table says, so 50 of them would need about 50 times that: more "
        "than this machine's two cores, so that side is not run.",
        table(["app", "tabs", "% of a core", "above idle (% of a core)", "app RSS (MB)", "load average (1 min)"],
              rows),
        f"Memory per open tab: ({rss_after:.1f} − {rss_before:.1f}) MB / {tabs} = **{per_tab:.2f} MB** (the app's "
        "resident memory with the tabs open minus before, after a first session had warmed the caches)."
        + (f" {failed} tab(s) did not open in time on the loaded machine and are left out." if failed else ""),
    ])


# -- replicas × tabs on one task --------------------------------------------------------------------------------

LISTENING = "() => Array.from((window.__studioListen || new Map()).values()).some((s) => s.connected)"
# Where a tab's lag goes: when its listener heard the task's end (the first stamp that no longer needs polling,
# "state|progress|pictures|urls|needs_polling|note"), when the first Streamlit message naming a media file came after
# that (the picture's drawing), and whether the page was hidden meanwhile (a hidden page's timers are throttled).
HEARD = """
(() => {
  window.__heard = null; window.__drawn = null; window.__hidden = document.visibilityState === 'hidden';
  const latin1 = new TextDecoder('latin1');
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') window.__hidden = true;
  });
  const now = () => performance.timeOrigin + performance.now();
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      if (!String(args[0]).includes('task-events')) {
        this.addEventListener('message', (event) => {
          if (window.__heard !== null && window.__drawn === null && event.data instanceof ArrayBuffer
              && latin1.decode(event.data).includes('/media/')) window.__drawn = now();
        });
        return;
      }
      this.addEventListener('message', (event) => {
        if (window.__heard !== null || typeof event.data !== 'string') return;
        const stamps = (JSON.parse(event.data) || {}).stamps || {};
        if (Object.values(stamps).some((s) => String(s).split('|')[4] === '0')) window.__heard = now();
      });
    }
  };
})();
"""


async def _open_listening(browser, url: str, deadline: float) -> tuple[object, object] | None:
    """A tab on `url` (Generate, which shows the task sent before it opened) once its listener is connected, or
    None when it was not connected before `deadline` (the task's end: its picture would not be a lag)."""
    ctx = await browser.new_context(viewport={"width": 1200, "height": 900})
    await ctx.add_init_script(server_lag.OBSERVER)
    await ctx.add_init_script(HEARD)
    page = await ctx.new_page()
    try:
        page.set_default_timeout(max(1.0, deadline - time.time()) * 1000)
        await page.goto(url)
        await page.wait_for_selector("[data-testid=stApp]")
        await page.wait_for_function(LISTENING)
    except Exception:  # noqa: BLE001 - too slow to open on this machine: counted out
        await ctx.close()
        return None
    if time.time() >= deadline:
        await ctx.close()
        return None
    return ctx, page


async def _replicas_run(urls: list[str], end: float) -> tuple[list[float], int, str, dict]:
    """Open a tab on each of `urls` (at most OPENING at once) before `end`, then each tab's picture loaded − end,
    and where the time went (`parts`: each tab's end heard − end and picture data arrived − end, hidden tabs)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        gate = asyncio.Semaphore(OPENING)

        async def one(url: str):
            async with gate:
                return await _open_listening(browser, url, end - 2.0)

        opened = [tab for tab in await asyncio.gather(*(one(url) for url in urls)) if tab]
        load_before = load()
        lags = []
        parts = {"heard": [], "arrived": [], "hidden": 0}
        for _, page in opened:
            try:
                await page.wait_for_function("() => window.__loaded !== null", timeout=(end - time.time() + 120) * 1000)
            except Exception:  # noqa: BLE001 - no picture: the row says how many tabs showed it
                continue
            offset = await server_lag._clock_offset(page)
            lags.append(await page.evaluate("window.__loaded") / 1000 - offset - end)
            seen = await page.evaluate("[window.__heard, window.__drawn, window.__hidden]")
            for name, value in zip(("heard", "arrived"), seen[:2], strict=True):
                if value is not None:
                    parts[name].append(value / 1000 - offset - end)
            parts["hidden"] += bool(seen[2])
        for ctx, _ in opened:
            await ctx.close()
        await browser.close()
    return lags, len(opened), f"{load_before} → {load()}", parts


def replicas(tmp: Path) -> str:
    from bench.scale_infos import Replica
    from kie.client import KieClient
    from kie.models import GenerateRequest
    from kie.store import PostgresStore, workspace_for_key
    from kie.store.engines import close_engine
    from kie.workspace import Workspace
    from tests.e2e.harness import Simulator
    from tests.fixtures.postgres import PostgresServer

    key = f"bench-replicas-{uuid.uuid4().hex}"
    pg = PostgresServer().start()
    sim = Simulator([key], tmp / "sim-replicas.log")
    url = pg.create_database("listen_replicas")
    env = {"KIE_API_KEY": key, "KIE_API_BASE_URL": sim.url, "KIE_UPLOAD_BASE_URL": sim.url,
           "STUDIO_DATABASE_URL": url}
    started = [Replica(tmp / "shared", tmp / f"app-replica{n}.log", env) for n in range(3)]
    rows = []
    try:
        running = [r.ready() for r in started]
        studio = Workspace(KieClient(key, sim.url, sim.url), PostgresStore(url, tmp / "shared", workspace_for_key(key)))
        seconds = replica_seconds(3 * REPLICA_TABS)  # one length for both rows: the same polling plan
        for count, tabs in ((1, 1), (3, REPLICA_TABS)):
            task = studio.submit(GenerateRequest(prompt=f"[seconds:{seconds}] listen {count}x{tabs}"), measure=False)
            end = time.time() + seconds  # the simulator starts the task as it answers
            urls = [running[n % count].url for n in range(count * tabs)]
            lags, listening, loads, parts = asyncio.run(_replicas_run(urls, end))
            deadline = time.time() + 60
            while studio.store.get(task.task_id).needs_polling and time.time() < deadline:
                time.sleep(0.2)
            time.sleep(2.0)  # a poll in flight would land now
            asked = sum(1 for r in sim.requests("/record-info") if r["query"].get("taskId") == [task.task_id])
            studio.store.delete(task.task_id)  # the next row's tabs must show only their own task's picture
            rows.append([count, count * tabs, seconds, listening, len(lags), asked,
                         f"{median(lags):.2f}" if lags else "—", f"{min(lags):.2f}–{max(lags):.2f}" if lags else "—",
                         _spread(parts["heard"]), _spread(parts["arrived"]), parts["hidden"], loads])
    finally:
        for replica in started:
            replica.stop()
        sim.stop()
        close_engine(url)
        pg.close()
    return "\n\n".join([
        "### Replicas × tabs on one task. Target: record-info per task as with 1 × 1, every tab within the lag "
        "targets",
        "`streamlit run app.py` replicas on one PostgreSQL and one data folder, polling only; the task is sent "
        "from the benchmark, then the tabs open Generate (which shows it) on their replicas, round-robin, "
        f"{OPENING} at a time, each counted once its listener is connected before the task's end (the task lasts "
        "long enough for them to open on this machine). Each tab's lag is its picture loaded − the task's end. "
        "Both tasks last as long; the second is planned knowing the first's length (the policy's learned "
        "durations), so its record-info count should be no more than the first's.",
        "Where the time goes, per tab: its listener heard the end (the first stamp that needs no more polling) "
        "and the picture's drawing arrived (the first Streamlit message naming a media file after that), each − the "
        "task's end, as median (range); hidden tabs: pages the browser reported hidden at some point (throttled "
        "timers).",
        table(["replicas", "tabs", "task (s)", "tabs listening before the end", "tabs that showed the picture",
               "record-info for the task", "median lag (s)", "range (s)", "end heard (s)", "drawing arrived (s)",
               "hidden tabs", "load average (1 min) during → after"],
              rows),
    ])


def _spread(values: list[float]) -> str:
    return f"{median(values):.2f} ({min(values):.2f}–{max(values):.2f})" if values else "—"


PARTS = {"lag": lag, "cpu": cpu, "many": many, "replicas": replicas}


HEADER = ("## issue 28: the server follows, the page listens\n\n"
          "Command: `python -m bench.listen`. Real processes: `streamlit run app.py` (through bench.server_app; "
          "*before* with `--tick-mode`), the simulator as a separate process, headless Chromium.")


def run(parts: tuple[str, ...] = tuple(PARTS), show=None) -> str:
    """Every part asked for, under the section's header; `show(text)` is called with each part as it is done."""
    out = [HEADER]
    with tempfile.TemporaryDirectory() as tmp:
        for name in parts:
            out.append(PARTS[name](Path(tmp)))
            if show:
                show(out[-1])
    return "\n\n".join(out)


if __name__ == "__main__":
    print(HEADER, flush=True)
    run(tuple(sys.argv[1:]) or tuple(PARTS), show=lambda part: print("\n" + part, flush=True))
