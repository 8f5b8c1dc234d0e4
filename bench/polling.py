"""Polling: detection lag and record-info requests per task, the app's policy against fixed loops.

    python -m bench.polling

Runs real HTTP against the simulator, on a simulated clock: the simulator's tasks progress in
simulated seconds, and the benchmark jumps the clock to each next poll, so a 300-second task takes
a moment. Durations get ±5 % jitter per repetition; figures are medians.
"""

from __future__ import annotations

import random
import tempfile
from dataclasses import replace
from pathlib import Path

from bench.common import Clock, median, table
from kie.client import KieClient
from kie.models import GenerateRequest
from kie.polling import DEFAULT_POLICY, PollPolicy
from kie.simulator import Simulator, SimulatorServer
from kie.store import TaskStore
from kie.workspace import Workspace

DURATIONS = (10, 30, 60, 120, 300)
REPEATS = 5
KEY = "bench-key"
STRATEGIES = {
    "app policy": DEFAULT_POLICY,
    "fixed 10 s (quickstart)": PollPolicy(fixed_interval=10.0, first_poll=0.0),
    "fixed 2 s": PollPolicy(fixed_interval=2.0, first_poll=0.0),
}


class Rig:
    """A simulator on a real port and studios that share its simulated clock."""

    def __init__(self):
        self.clock = Clock()
        self.sim = Simulator([KEY], null_seconds=0.6, clock=self.clock, start_credits=1e9)
        self.server = SimulatorServer(self.sim).start()
        self.tmp = tempfile.TemporaryDirectory()
        self.client = KieClient(KEY, self.server.url, self.server.url)

    def studio(self, policy: PollPolicy, workspace: str = "demo") -> Workspace:
        return Workspace(self.client, TaskStore(Path(self.tmp.name), workspace), policy=policy, clock=self.clock)

    def record_info_requests(self, task_id: str) -> int:
        return sum(1 for r in self.sim.requests if r["path"].endswith("/record-info")
                   and r["query"].get("taskId") == [task_id])

    def close(self):
        self.server.stop()
        self.tmp.cleanup()


def follow(rig: Rig, studios: list[Workspace], task_id: str) -> float:
    """Advance the clock poll by poll until the studios notice the end; return when they did."""
    store = studios[0].store
    while True:
        task = store.get(task_id)
        if task.state != "pending":
            return task.last_polled_at
        rig.clock.now = max(rig.clock.now, task.next_poll_at)
        for studio in studios:
            studio.poll_due()


def one_run(rig: Rig, policy: PollPolicy, seconds: float, uneven: bool, viewers: int = 1,
            workspace: str = "demo") -> tuple[float, int]:
    studios = [rig.studio(policy, workspace) for _ in range(viewers)]
    prompt = f"[seconds:{seconds:.3f}]" + (" [uneven]" if uneven else "") + " bench"
    rig.sim._generate_times.clear()
    task = studios[0].submit(GenerateRequest(prompt=prompt))
    noticed = follow(rig, studios, task.task_id)
    ends_at = rig.sim.state.tasks[task.task_id].created + seconds
    return noticed - ends_at, rig.record_info_requests(task.task_id)


TEN_SECOND_LOOP: dict[int, float] = {}  # median requests of the quickstart loop per duration, filled as measured


def policy_table(rig: Rig, rng: random.Random, strategies: dict[str, PollPolicy], uneven: bool) -> list[list]:
    rows = []
    for duration in DURATIONS:
        results = {}
        for name, policy in strategies.items():
            runs = [one_run(rig, policy, duration * rng.uniform(0.95, 1.05), uneven) for _ in range(REPEATS)]
            results[name] = (median(r[0] for r in runs), median(r[1] for r in runs))
        base = results["fixed 10 s (quickstart)"]
        TEN_SECOND_LOOP[duration] = max(TEN_SECOND_LOOP.get(duration, 0), base[1])
        for name, (lag, requests) in results.items():
            rows.append([duration, name, round(lag, 2), requests, round(requests / base[1], 2)])
    return rows


def tradeoff(rig: Rig, rng: random.Random) -> list[list]:
    """How the longest wait while progress stands still trades lag for requests, on both profiles."""
    rows = []
    for cap in (5.0, 10.0, 15.0, 20.0, 40.0):
        policy = replace(DEFAULT_POLICY, stalled_interval=cap)
        row = [cap]
        for uneven in (False, True):
            lags, ratios = [], []
            for duration in DURATIONS:
                runs = [one_run(rig, policy, duration * rng.uniform(0.95, 1.05), uneven) for _ in range(REPEATS)]
                lags += [r[0] for r in runs]
                ratios.append(median(r[1] for r in runs) / TEN_SECOND_LOOP[duration])
            row += [round(median(lags), 2), round(max(lags), 2), round(max(ratios), 2)]
        rows.append(row)
    return rows


def viewers_table(rig: Rig) -> list[list]:
    rows = []
    for viewers in (1, 3, 10):
        lag, requests = one_run(rig, DEFAULT_POLICY, 60.0, False, viewers=viewers, workspace=f"tabs{viewers}")
        naive = requests * viewers  # what per-session polling without a shared claim would send
        rows.append([viewers, requests, naive, round(lag, 2)])
    return rows


def run() -> str:
    rig = Rig()
    rng = random.Random(42)
    try:
        even = policy_table(rig, rng, STRATEGIES, uneven=False)
        uneven = policy_table(rig, rng, STRATEGIES, uneven=True)
        curve = tradeoff(rig, rng)
        tabs = viewers_table(rig)
    finally:
        rig.close()
    headers = ["task (s)", "strategy", "median lag (s)", "median record-info requests", "requests / 10-s loop"]
    return "\n\n".join([
        "## Polling",
        "Command: `python -m bench.polling`. Real HTTP to the simulator on a simulated clock; "
        f"{REPEATS} repetitions per cell, durations jittered ±5 %, medians. Lag is the time from the task's end "
        "to the poll that saw it.",
        "### Progress reported evenly", table(headers, even),
        "### Uneven progress (flat at 10 % for 80 % of the time, then a jump)", table(headers, uneven),
        "### The trade-off: longest wait while progress stands still",
        "Across all durations; *requests ratio* is the worst duration's median requests over the 10-s loop's.",
        table(["wait cap (s)", "even: median lag", "even: worst lag", "even: requests ratio",
               "uneven: median lag", "uneven: worst lag", "uneven: requests ratio"], curve),
        "### Several tabs on the same task (60 s task)",
        table(["sessions", "record-info requests (shared claim)", "without sharing (sessions × one)", "lag (s)"],
              tabs),
    ])


if __name__ == "__main__":
    print(run())
