"""What following tasks costs the server: CPU of an open tab's ticking fragment, and of the background worker."""

from __future__ import annotations

import os
import tempfile
import time
import uuid
from pathlib import Path

import requests

from bench.server_rig import AFTER, BEFORE, TICK_HALF, BenchApp, SimProcess, app_env, cpu_seconds
from kie.client import KieClient
from kie.models import GenerateRequest
from kie.store import TaskStore, workspace_for_key
from kie.worker import HeldWorkspaces, Worker
from kie.workspace import Workspace
from tests.e2e.harness import CHROMIUM, CHROMIUM_ARGS, free_port, generate, open_app

TICK_WINDOW = 20.0
WORKER_WARMUP = 8.0
WORKER_WINDOW = 20.0
LONG_TASK = "[seconds:900] a task that outlasts the measurement"


def _record_infos(sim_url: str, start: float, end: float) -> int:
    log = requests.get(sim_url + "/_sim/requests", timeout=30).json()
    return sum(1 for e in log if e["path"].endswith("/record-info") and start <= e["time"] < end)


def tick_cpu(tmp: Path) -> list[list]:
    """App process CPU (s per minute) with one tab open on a pending task, per fragment setting, side by side."""
    from playwright.sync_api import sync_playwright

    variants = [("no tab open (worker only)", AFTER, False), ("tab open, tick 1 s (before)", BEFORE, True),
                ("tab open, tick 0.5 s", TICK_HALF, True), ("tab open, tick 1 s aligned to polls (after)", AFTER, True),
                ("tab open, callback expected: tick 0.5 s (after)", AFTER, True)]
    keys = [f"bench-tick-{uuid.uuid4().hex}" for _ in variants]
    sim = SimProcess(keys, tmp / "sim-tick.log")
    apps = []
    for n, ((label, knobs, _), key) in enumerate(zip(variants, keys, strict=True)):
        port = free_port()
        extra = {"STUDIO_PUBLIC_URL": f"http://127.0.0.1:{port}"} if "callback" in label else {}
        apps.append(BenchApp(tmp / f"tick{n}", tmp / f"app-tick{n}.log", knobs, app_env(sim.url, key, **extra),
                             port=port))
    rows = []
    pw = sync_playwright().start()
    browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        for app in apps:
            app.ready()
        pages = []
        for app, (_, _, keep_open) in zip(apps, variants, strict=True):
            ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = ctx.new_page()
            open_app(page, app.url)
            generate(page, LONG_TASK)
            if keep_open:
                pages.append(ctx)
            else:
                ctx.close()
        time.sleep(3.0)
        before = [cpu_seconds(app.proc.pid) for app in apps]
        start = time.time()
        time.sleep(TICK_WINDOW)
        spent = [cpu_seconds(app.proc.pid) - b for app, b in zip(apps, before, strict=True)]
        elapsed = time.time() - start
        for (label, _, _), cpu in zip(variants, spent, strict=True):
            rows.append([label, round(cpu / elapsed * 60, 2), round(cpu / elapsed * 100, 1)])
        for ctx in pages:
            ctx.close()
    finally:
        browser.close()
        pw.stop()
        for app in apps:
            app.stop()
        sim.stop()
    return rows


def worker_cost(tmp: Path, levels: tuple[int, ...] = (0, 10, 100), workspaces: int = 10) -> list[list]:
    """A bare Worker over `workspaces` held studios (real HTTP to a simulator process), per number of pending tasks:
    CPU seconds of the worker thread and of the process per minute, and record-info requests per minute."""
    keys = [f"bench-worker-{uuid.uuid4().hex}" for _ in range(workspaces)]
    sim = SimProcess(keys, tmp / "sim-worker.log")
    rows = []
    try:
        for level in levels:
            held = HeldWorkspaces()
            studios = []
            data = Path(tempfile.mkdtemp(dir=tmp))
            for key in keys:
                studio = Workspace(KieClient(key, sim.url, sim.url), TaskStore(data, workspace_for_key(key)))
                held.hold(studio)
                studios.append(studio)
            for n in range(level):
                studios[n % workspaces].submit(GenerateRequest(prompt=f"{LONG_TASK} {n}"))
            worker = Worker(held).start()
            time.sleep(WORKER_WARMUP)
            thread = worker._thread.native_id
            thread_before, process_before, start = cpu_seconds_self(thread), cpu_seconds_self(), time.time()
            loops = worker.loops
            time.sleep(WORKER_WINDOW)
            thread_cpu, process_cpu = cpu_seconds_self(thread) - thread_before, cpu_seconds_self() - process_before
            end = time.time()
            rounds = worker.loops - loops
            worker.stop()
            per_minute = 60 / (end - start)
            rows.append([level, workspaces, round(thread_cpu * per_minute, 3), round(process_cpu * per_minute, 3),
                         round(_record_infos(sim.url, start, end) * per_minute, 1), round(rounds * per_minute)])
    finally:
        sim.stop()
    return rows


def cpu_seconds_self(thread: int | None = None) -> float:
    """CPU seconds of this process, or of one of its threads."""
    return cpu_seconds(os.getpid(), thread)
