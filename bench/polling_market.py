"""Polling a model that reports no progress (the Market API), and a 4-model comparison.

    python -m bench.polling_market

Real HTTP to the simulator on a simulated clock, like bench/polling.py. The workspace's history holds the
model's last 10 finished tasks, taking 40-60 s (evenly spread); the app asks first at their lower quartile, then
just after their median, then on a short, growing interval. Side by side in the same run: the previous plan (first
just after the median, `early_poll_from` set out of reach) and fixed 10-s and 2-s loops.
Lag is the time from the task's end to the poll that saw it (its image is downloaded by that same poll).
"""

from __future__ import annotations

import math
import os
import random
import tempfile
from dataclasses import replace
from pathlib import Path

from bench.common import Clock, median, table
from kie import catalog
from kie.client import KieClient
from kie.models import GenerateRequest, Task
from kie.polling import DEFAULT_POLICY, PollPolicy
from kie.simulator import Simulator, SimulatorServer
from kie.store import TaskStore
from kie.workspace import Workspace

KEY = "bench-key"
REPEATS = int(os.environ.get("BENCH_REPEATS") or 31)  # tasks per cell; a small value for a quick check
MODEL = "gpt-image-2"
HISTORY = [40 + 20 * i / 9 for i in range(10)]  # the last 10 tasks: 40, 42.2, ... 60 s (median 50)
LAG_TARGET = 1.5
PREVIOUS = "previous plan (expected end only)"
STRATEGIES = {
    "app policy (lower quartile, then expected end)": DEFAULT_POLICY,
    PREVIOUS: replace(DEFAULT_POLICY, early_poll_from=math.inf),  # before the early request (commit c1877d6^)
    "fixed 10 s": PollPolicy(fixed_interval=10.0, first_poll=0.0),
    "fixed 2 s": PollPolicy(fixed_interval=2.0, first_poll=0.0),
}
COMPARED = {  # model -> the duration of its recent tasks here (4o reports progress; the others do not)
    "gpt-4o-image": 35.0, "gpt-image-2": 50.0, "nano-banana-pro": 30.0, "seedream-4.5": 20.0,
}


class Rig:
    """A simulator on a real port and studios on one simulated clock; a fresh workspace per run."""

    def __init__(self):
        self.clock = Clock()
        self.sim = Simulator([KEY], null_seconds=0.6, clock=self.clock, start_credits=1e9)
        self.server = SimulatorServer(self.sim).start()
        self.tmp = tempfile.TemporaryDirectory()
        self.client = KieClient(KEY, self.server.url, self.server.url)
        self.runs = 0

    def studio(self, policy: PollPolicy, history: dict[str, list[float]]) -> Workspace:
        self.runs += 1
        store = TaskStore(Path(self.tmp.name), f"run{self.runs}")
        for model, durations in history.items():
            request = GenerateRequest.build(model, "history", {}).validated()
            for n, seconds in enumerate(durations):
                start = self.clock.now - 7200 + n * 300
                store.add(Task(task_id=f"old-{model}-{n}", kind="text", request=request, model=model,
                               state="success", created_at=start, completed_at=start + seconds))
        return Workspace(self.client, store, policy=policy, clock=self.clock)

    def requests(self, task_id: str, path: str) -> int:
        return sum(1 for r in self.sim.requests if r["path"].endswith(path) and (
            r["query"].get("taskId") == [task_id] or path.endswith(("createTask", "generate"))))

    def close(self) -> None:
        self.server.stop()
        self.tmp.cleanup()


def follow(rig: Rig, studio: Workspace, task_ids: list[str]) -> dict[str, float]:
    """Move the clock poll by poll until every task has ended and its images are cached; when each was seen."""
    seen: dict[str, float] = {}
    while len(seen) < len(task_ids):
        tasks = [studio.store.get(t) for t in task_ids if t not in seen]
        for task in tasks:
            if task.state != "pending" and not task.needs_polling:
                seen[task.task_id] = task.last_polled_at
        waiting = [t for t in tasks if t.task_id not in seen]
        if not waiting:
            break
        rig.clock.now = max(rig.clock.now, min(t.next_poll_at for t in waiting))
        studio.poll_due()
    return seen


def one_run(rig: Rig, policy: PollPolicy, seconds: float) -> tuple[float, int]:
    studio = rig.studio(policy, {MODEL: HISTORY})
    task = studio.submit(GenerateRequest.build(MODEL, f"[seconds:{seconds:.3f}] a kite over the sea", {}),
                         measure=False)
    seen = follow(rig, studio, [task.task_id])
    ends = rig.sim.state.tasks[task.task_id].created + seconds
    return seen[task.task_id] - ends, rig.requests(task.task_id, "/jobs/recordInfo")


def expected_end_table(rig: Rig, rng: random.Random) -> list[list]:
    rows = []
    cases = {
        "like its recent median (50 s ± 5 %)": lambda: 50.0 * rng.uniform(0.95, 1.05),
        "anywhere in its recent range (40-60 s)": lambda: rng.uniform(40.0, 60.0),
    }
    for case, draw in cases.items():
        durations = [draw() for _ in range(REPEATS)]  # the same tasks for every strategy
        results = {}
        for name, policy in STRATEGIES.items():
            runs = [one_run(rig, policy, d) for d in durations]
            results[name] = (median(r[0] for r in runs), median(r[1] for r in runs), max(r[0] for r in runs))
        base = results["fixed 10 s"][1]
        for name, (lag, requests, worst) in results.items():
            rows.append([case, name, round(lag, 2), round(worst, 2), requests, round(requests / base, 2)])
    return rows


def overdue_tradeoff(rig: Rig, rng: random.Random) -> list[list]:
    """How the wait just after the expected end trades lag for requests, when tasks spread over 40-60 s."""
    rng = random.Random(rng.random())
    durations = [rng.uniform(40.0, 60.0) for _ in range(REPEATS)]
    tight = [50.0 * rng.uniform(0.95, 1.05) for _ in range(REPEATS)]
    rows = []
    for interval in (1.0, 1.5, 2.5, 4.0):
        policy = replace(DEFAULT_POLICY, overdue_interval=interval)
        spread = [one_run(rig, policy, d) for d in durations]
        near = [one_run(rig, policy, d) for d in tight]
        rows.append([interval, round(median(r[0] for r in near), 2), median(r[1] for r in near),
                     round(median(r[0] for r in spread), 2), median(r[1] for r in spread)])
    return rows


def comparison(rig: Rig, rng: random.Random) -> list[list]:
    """Four models at one press, each task as long as its model's recent ones (± 5 %)."""
    rows: dict[str, list] = {m: [] for m in COMPARED}
    sends: list[int] = []
    for _ in range(7):
        history = {m: [s * rng.uniform(0.9, 1.1) for _ in range(10)] for m, s in COMPARED.items()}
        studio = rig.studio(DEFAULT_POLICY, history)
        before = len([r for r in rig.sim.requests if r["path"].endswith(("/createTask", "/generate"))])
        durations = {m: s * rng.uniform(0.95, 1.05) for m, s in COMPARED.items()}
        tasks = _compare_timed(rig, studio, durations)
        sent = len([r for r in rig.sim.requests if r["path"].endswith(("/createTask", "/generate"))]) - before
        sends.append(sent)
        seen = follow(rig, studio, [t.task_id for t in tasks])
        for task in tasks:
            ends = rig.sim.state.tasks[task.task_id].created + durations[task.model]
            rows[task.model].append((seen[task.task_id] - ends,
                                     rig.requests(task.task_id, "/jobs/recordInfo" if task.model != "gpt-4o-image"
                                                  else "/record-info")))
    out = []
    for model, runs in rows.items():
        lags = [r[0] for r in runs]
        out.append([catalog.name_of(model), COMPARED[model], round(median(lags), 2), round(max(lags), 2),
                    median(r[1] for r in runs), "yes" if median(lags) <= LAG_TARGET else "NO"])
    out.append(["generate/createTask requests per comparison", "", "", "", f"{min(sends)}-{max(sends)}",
                "yes (4 each time)" if set(sends) == {4} else "NO"])
    return out


def _compare_timed(rig: Rig, studio: Workspace, durations: dict[str, float]) -> list[Task]:
    """One comparison whose tasks last as given per model: the simulator's per-model durations are set for the
    Market models, and the 4o task's through its own default (a comparison sends one prompt to all)."""
    for model, seconds in durations.items():
        spec = catalog.get(model)
        if spec.family == "market":
            rig.sim.model_seconds[spec.upstream] = seconds
    rig.sim.task_seconds = durations["gpt-4o-image"]
    return studio.compare("a red bicycle in the rain", list(durations), {})


def run() -> str:
    rig = Rig()
    rng = random.Random(20)
    try:
        learned = expected_end_table(rig, rng)
        curve = overdue_tradeoff(rig, rng)
        compared = comparison(rig, rng)
    finally:
        rig.close()
    return "\n\n".join([
        "## Polling a model without a progress figure (Market API)",
        "Command: `python -m bench.polling_market`. Real HTTP to the simulator on a simulated clock; "
        f"{REPEATS} tasks per cell, the same tasks for each strategy, medians. The workspace's last 10 "
        f"{catalog.name_of(MODEL)} tasks took 40-60 s (median 50 s). Target: the image within "
        f"{LAG_TARGET} s (median) of the end, with at most 0.6x the recordInfo requests of the 10-s loop.",
        "### The task lasts about as long as the recent ones, or anywhere in their range",
        table(["task", "strategy", "median lag (s)", "worst lag (s)", "median recordInfo requests",
               "requests / 10-s loop"], learned),
        "### The wait just after the expected end (growing by a quarter of the lateness past 20 % of the expected)",
        table(["first wait after the end (s)", "near the median: lag (s)", "requests", "spread 40-60 s: lag (s)",
               "requests"], curve),
        "### A 4-model comparison (7 comparisons, each task ± 5 % of its model's recent duration)",
        table(["model", "recent tasks (s)", "median lag (s)", "worst lag (s)", "median status requests",
               f"median lag ≤ {LAG_TARGET} s"], compared),
    ])


if __name__ == "__main__":
    print(run())
