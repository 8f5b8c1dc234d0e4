"""Issue 28's replicas part: 3 replicas of `streamlit run app.py` on one PostgreSQL and one data folder × tabs on one
task, against 1 × 1: record-info per task, and each tab's end → picture loaded with where the time went (end heard,
drawing arrived, hidden tabs). Run through `python -m bench.listen replicas`; knobs BENCH_REPLICA_TABS (10) and
BENCH_REPLICA_SECONDS (30 s + 10 s a tab).
"""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from pathlib import Path

from bench import server_lag
from bench.common import median, table
from bench.server_rig import load_average
from tests.e2e.harness import CHROMIUM, CHROMIUM_ARGS

REPLICA_TABS = int(os.environ.get("BENCH_REPLICA_TABS") or 10)  # tabs per replica on the one task
OPENING = 3  # tabs opening at once in the replicas part (all at once, 30 did not open within a minute at load 25)
OPEN_SECONDS = 10.0  # about what opening one tab until it listens took at load 30, OPENING at a time


def replica_seconds(tabs: int) -> int:
    """How long the replicas part's task lasts: every tab must open and listen before it ends (BENCH_REPLICA_SECONDS
    sets it)."""
    return int(os.environ.get("BENCH_REPLICA_SECONDS") or 30 + OPEN_SECONDS * tabs)


LISTENING = "() => Array.from((window.__studioListen || new Map()).values()).some((s) => s.connected)"


async def _open_listening(browser, url: str, deadline: float) -> tuple[object, object] | None:
    """A tab on `url` (Generate, which shows the task sent before it opened) once its listener is connected, or
    None when it was not connected before `deadline` (the task's end: its picture would not be a lag)."""
    ctx = await browser.new_context(viewport={"width": 1200, "height": 900})
    await ctx.add_init_script(server_lag.OBSERVER)
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
        load_before = load_average()
        lags = []
        parts = {"heard": [], "arrived": [], "hidden": 0}
        for _, page in opened:
            try:
                await page.wait_for_function("() => window.__loaded !== null", timeout=(end - time.time() + 120) * 1000)
            except Exception:  # noqa: BLE001 - no picture: the row says how many tabs showed it
                continue
            timings = server_lag.Measured(None, end=end)
            await server_lag.read_timings(page, timings, await server_lag._clock_offset(page))
            lags.append(timings.lag)
            if timings.heard is not None:
                parts["heard"].append(timings.heard - end)
                drawn = next((t for t in timings.media if t >= timings.heard), None)  # the drawing after the end
                if drawn is not None:
                    parts["arrived"].append(drawn - end)
            parts["hidden"] += timings.hidden
        for ctx, _ in opened:
            await ctx.close()
        await browser.close()
    return lags, len(opened), f"{load_before} → {load_average()}", parts


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
