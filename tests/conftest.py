"""Shared fixtures: a real simulator on a real port, a real SQLite store in a temp folder."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kie.client import KieClient  # noqa: E402
from kie.simulator import Simulator, SimulatorServer  # noqa: E402
from kie.store import TaskStore  # noqa: E402

pytest_plugins = ["tests.fixtures.postgres", "tests.fixtures.s3"]

TEST_KEY = "test-key-alpha"
OTHER_KEY = "test-key-beta"


@pytest.fixture
def sim_server():
    sim = Simulator([TEST_KEY, OTHER_KEY], task_seconds=1.0, null_seconds=0.2)
    server = SimulatorServer(sim).start()
    yield server
    server.stop()


@pytest.fixture
def sim(sim_server):
    return sim_server.simulator


@pytest.fixture
def client(sim_server):
    return KieClient(TEST_KEY, sim_server.url, sim_server.url, timeout=(2.0, 5.0), sleep=lambda s: None)


@pytest.fixture
def store(tmp_path):
    return TaskStore(tmp_path, "demo")


def sim_requests(url: str, path_part: str = "") -> list[dict]:
    """What the simulator received (over HTTP, as a test in another process would see it)."""
    return [r for r in requests.get(url + "/_sim/requests", timeout=5).json() if path_part in r["path"]]


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
