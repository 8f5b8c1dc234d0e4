"""Record-info requests per task with 1 and 3 replicas (`streamlit run app.py` on one PostgreSQL) × 1 and 10 tabs."""

from __future__ import annotations

import os
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

from kie.client import KieClient
from kie.models import GenerateRequest
from kie.store import workspace_for_key
from kie.workspace import Workspace
from tests.e2e.harness import CHROMIUM, CHROMIUM_ARGS, Process, Simulator, free_port, wait_http

TASK_SECONDS = 20
TASKS = 3  # submitted together, followed in parallel
CONFIGS = ((1, 1), (1, 10), (3, 1), (3, 10))  # (replicas, tabs); the first is the baseline


class Replica(Process):
    """`streamlit run app.py` (its background worker starts with the server); `ready()` waits for it, so several
    can start at once."""

    def __init__(self, data_dir: Path, log: Path, env: dict[str, str]):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        full_env = {k: v for k, v in os.environ.items() if not k.startswith(("KIE_", "STUDIO_"))}
        full_env.update({"STUDIO_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1", **env})
        args = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(self.port),
                "--server.headless", "true", "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
                "--server.fileWatcherType", "none"]
        super().__init__(args, full_env, log)

    def ready(self) -> Replica:
        wait_http(self.url + "/healthz", 90)  # 200 only once the store answers and the worker runs
        return self


def _open_tabs(browser, replicas: list[Replica], tabs: int, prompts: list[str]) -> list:
    """`tabs` browser sessions, round-robin over the replicas, alternately on Generate and History; each must
    show the tasks (a session follows what is unfinished when it connects)."""
    contexts, pages = [], []
    for n in range(tabs):
        ctx = browser.new_context(viewport={"width": 1300, "height": 900})
        page = ctx.new_page()
        page.goto(replicas[n % len(replicas)].url + ("/history" if n % 2 else "/"))
        contexts.append(ctx)
        pages.append(page)
    for page in pages:  # all load at once; then each must be connected and showing a task
        page.wait_for_selector("[data-testid=stApp]", timeout=60_000)
        try:
            page.get_by_text(prompts[0][len(f"[seconds:{TASK_SECONDS}] "):]).first.wait_for(timeout=60_000)
        except Exception as exc:
            failed = page.locator("[data-testid=stException]")
            shown = failed.first.inner_text()[:500] if failed.count() else "no exception shown"
            raise AssertionError(f"a tab does not show the task: {shown}") from exc
    return contexts


def _run_config(browser, sim: Simulator, key: str, url: str, data: Path, replicas: list[Replica],
                tabs: int) -> list[int]:
    """Submit TASKS tasks, open the tabs, wait until every task has ended; record-info requests per task."""
    from kie.store import PostgresStore

    studio = Workspace(KieClient(key, sim.url, sim.url), PostgresStore(url, data, workspace_for_key(key)))
    tag = uuid.uuid4().hex[:6]
    prompts = [f"[seconds:{TASK_SECONDS}] scale {len(replicas)}x{tabs} {tag} {n}" for n in range(TASKS)]
    ids = [studio.submit(GenerateRequest(prompt=p), measure=False).task_id for p in prompts]
    contexts = _open_tabs(browser, replicas, tabs, prompts)
    try:
        deadline = time.time() + TASK_SECONDS + 90
        while any(studio.store.get(i).needs_polling for i in ids):
            assert time.time() < deadline, "the tasks did not end in time"
            time.sleep(0.5)
        time.sleep(2.0)  # a poll in flight when the last task ended would land now
    finally:
        for ctx in contexts:
            ctx.close()
    states = {studio.store.get(i).state for i in ids}
    assert states == {"success"}, states
    asked = Counter(r["query"]["taskId"][0] for r in sim.requests("/record-info") if "taskId" in r["query"])
    return [asked[i] for i in ids]


def record_infos(pg) -> list[list]:
    """One row per (replicas, tabs): record-info requests of each task, and the mean against the baseline."""
    from playwright.sync_api import sync_playwright

    rows = []
    key = f"bench-scale-{uuid.uuid4().hex}"  # a throwaway key known to the local simulator only
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        sim = Simulator([key], tmp_path / "sim.log", task_seconds=TASK_SECONDS)
        url = pg.create_database("record_infos")
        env = {"KIE_API_KEY": key, "KIE_API_BASE_URL": sim.url, "KIE_UPLOAD_BASE_URL": sim.url,
               "STUDIO_DATABASE_URL": url}
        replicas: list[Replica] = []
        pw = sync_playwright().start()
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            baseline = None
            for count, tabs in CONFIGS:
                if len(replicas) < count:  # the same shared data folder and database: replicas of one server
                    started = [Replica(tmp_path / "data", tmp_path / f"app{n}.log", env)
                               for n in range(len(replicas), count)]
                    replicas += [r.ready() for r in started]
                asked = _run_config(browser, sim, key, url, tmp_path / "data", replicas[:count], tabs)
                mean = sum(asked) / len(asked)
                baseline = baseline or mean
                rows.append([count, tabs, ", ".join(map(str, asked)), round(mean, 2), f"{mean / baseline:.2f}x"])
        finally:
            browser.close()
            pw.stop()
            for replica in replicas:
                replica.stop()
            sim.stop()
            from kie.store.engines import close_engine

            close_engine(url)
            pg.drop_database("record_infos")
    return rows


HEADERS = ["replicas", "tabs", f"record-info requests of each {TASK_SECONDS}-s task", "mean per task", "vs 1 × 1"]
