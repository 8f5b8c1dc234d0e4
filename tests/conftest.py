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


@pytest.fixture(autouse=True)
def _no_real_key(monkeypatch):
    """Tests never use a real key, even when the machine has one."""
    monkeypatch.delenv("KIE_API_KEY", raising=False)
