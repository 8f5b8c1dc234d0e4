"""What following tasks costs the server: CPU of an open tab's ticking fragment, and of the background worker."""

from __future__ import annotations

import os
import tempfile
import time
import uuid
from pathlib import Path

import requests

from bench.server_rig import AFTER, BEFORE, LONG_TASK, TICK_HALF, SimProcess, Variant, cpu_seconds, side_by_side
from kie.client import KieClient
from kie.models import GenerateRequest
from kie.store import TaskStore, workspace_for_key
from kie.worker import HeldWorkspaces, Worker
from kie.workspace import Workspace

TICK_WINDOW = 20.0
WORKER_WARMUP = 8.0
WORKER_WINDOW = 20.0


def _record_infos(sim_url: str, start: float, end: float) -> int:
    log = requests.get(sim_url + "/_sim/requests", timeout=30).json()
    return sum(1 for e in log if e["path"].endswith("/record-info") and start <= e["time"] < end)


def tick_cpu(tmp: Path) -> list[list]:
    """App process CPU (s per minute) with one tab open on a pending task, per fragment setting, side by side."""
    variants = [Variant("no tab open (worker only)", AFTER, tab_open=False),
                Variant("tab open, tick 1 s (before)", BEFORE), Variant("tab open, tick 0.5 s", TICK_HALF),
                Variant("tab open, tick 1 s aligned to polls (after)", AFTER),
                Variant("tab open, callback expected: tick 0.5 s (after)", AFTER, callbacks=True)]
    measured = side_by_side(tmp, variants, TICK_WINDOW, name="tick", settle=3.0)
    return [[v.label, round(measured.per_minute(n), 2), round(measured.share(n), 1)] for n, v in enumerate(variants)]


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
