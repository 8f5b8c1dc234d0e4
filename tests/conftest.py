"""Shared fixtures: a real simulator on a real port, a real SQLite store in a temp folder."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kie.store import TaskStore  # noqa: E402
from tests.fixtures.simulated import client_of, simulator_server  # noqa: E402

pytest_plugins = ["tests.fixtures.postgres", "tests.fixtures.s3"]

TEST_KEY = "test-key-alpha"
OTHER_KEY = "test-key-beta"


SIM_SPEED = 10.0  # simulated seconds per wall-clock second on the unit tests' simulator


class SimClock:
    """The simulator's clock in the unit tests: it starts at the wall clock and runs `speed` times faster, so a
    1-s simulated task ends 0.1 s after it was sent, while the simulator still serves real HTTP from its own threads
    (a clock the test jumps by hand, as the benchmarks do, would stall the worker and callback threads the tests
    run). What the simulator measures in its own seconds (task length, `null` windows, rate windows, fault spans)
    shrinks with it; the code under test keeps the wall clock."""

    def __init__(self, speed: float = SIM_SPEED):
        self.speed = speed
        self.start_wall = time.time()
        self.start = time.monotonic()

    def __call__(self) -> float:
        return self.start_wall + (time.monotonic() - self.start) * self.speed

    def wall_seconds(self, simulated: float) -> float:
        """How long `simulated` simulator seconds take on the wall clock."""
        return simulated / self.speed


@pytest.fixture
def sim_clock(request):
    """The unit simulator's clock: SIM_SPEED times the wall clock, or the wall clock itself for a test marked
    `sim_wall_clock` (one that sends more than the simulator's rate window allows in wall-clock seconds)."""
    return SimClock(1.0 if request.node.get_closest_marker("sim_wall_clock") else SIM_SPEED)


@pytest.fixture
def sim_server(sim_clock):
    with simulator_server([TEST_KEY, OTHER_KEY], task_seconds=1.0, clock=sim_clock) as server:
        yield server


@pytest.fixture
def sim(sim_server):
    return sim_server.simulator


@pytest.fixture
def client(sim_server):
    return client_of(sim_server.url, TEST_KEY)


@pytest.fixture
def store(tmp_path):
    return TaskStore(tmp_path, "demo")


def sim_requests(url: str, path_part: str = "") -> list[dict]:
    """What the simulator received (over HTTP, as a test in another process would see it)."""
    return [r for r in requests.get(url + "/_sim/requests", timeout=5).json() if path_part in r["path"]]


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook, which reads the groups into the test ids
def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist (`--dist loadgroup`, as scripts/test.sh runs), the browser tests of one module stay on one
    worker, so a module's shared app (a module-scoped fixture) starts once; everything else is spread test by test.
    The largest groups are handed out first, which starts the long browser modules early."""
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        if item.nodeid.startswith("tests/e2e/") and item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))


@pytest.fixture(autouse=True)
def _no_real_key(monkeypatch):
    """Tests never use a real key, even when the machine has one."""
    monkeypatch.delenv("KIE_API_KEY", raising=False)
