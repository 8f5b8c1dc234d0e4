"""Issue 24, "every page opens without a traceback": the tasks a hostile provider ended (result addresses into the
server's network or redirecting there, an HTML page, a 400-megapixel bomb, a result that is not JSON or names no
address, 40 addresses, a picture that never downloads) kept in the demo workspace's store as the worker leaves
them, then Generate, History and each task's page opened under AppTest: no exception, no traceback or server path,
each task's sentence on the page, its Delete there; and the process's peak memory over all of it under 1 GB.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kie.models import GenerateRequest
from kie.polling import PollPolicy
from kie.store import TaskStore
from kie.workspace import Workspace
from tests.app.conftest import ROOT
from tests.fixtures.apptest_text import page_text
from tests.fixtures.hostile_provider import HostileProvider
from tests.fixtures.simulated import client_of
from tests.unit.test_hostile_provider import Clock, follow

POLICY = PollPolicy(first_poll=1.0, min_interval=1.0, max_interval=5.0, deadline=600.0, typical_seconds=2.0)
# scenario -> what the task's page says
SAYS = {
    "loopback": "which this server does not send requests to",
    "redirect": "which this server does not send requests to",
    "html": "The service sent something that is not a picture.",
    "bomb400": "The service sent a picture too large to show safely.",
    "notjson": "its result could not be read (not JSON)",
    "notstrings": "named no picture to download",
    "unreachable": "Could not download the picture: HTTP 503 (tried for about 2 minutes).",
}


def peak_kb() -> int | None:
    try:
        return int(next(line.split()[1] for line in Path("/proc/self/status").read_text().splitlines()
                        if line.startswith("VmHWM:")))
    except (OSError, StopIteration):
        return None


def reset_peak() -> bool:
    """Start the process's peak resident memory afresh (Linux: clear_refs 5); False where that is not possible."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


@pytest.fixture
def hostile_tasks(app_env):
    provider = HostileProvider()
    try:
        clock = Clock()
        client = client_of(provider.url, "hostile-test-key")
        workspace = Workspace(client, TaskStore(app_env, "demo"), policy=POLICY, clock=clock)
        ended = {}
        for scenario in [*SAYS, "many40"]:
            task = workspace.submit(GenerateRequest(prompt=f"[hostile:{scenario}] a lighthouse"))
            ended[scenario] = follow(workspace, clock, task.task_id)
        assert provider.listener.received == 0
        yield ended
    finally:
        provider.stop()


def check(at: AppTest, data_dir) -> str:
    assert not at.exception, at.exception
    text = page_text(at)
    assert "Traceback" not in text and str(data_dir) not in text and "/workspaces/" not in text
    return text


def test_every_page_draws_the_hostile_provider_s_tasks_with_their_sentences(app_env, hostile_tasks):
    assert {s: t.state for s, t in hostile_tasks.items()} == {**{s: "failed" for s in SAYS}, "many40": "success"}
    assert len(hostile_tasks["many40"].images) == 1  # one picture asked, one kept of the forty named
    measured = reset_peak()
    at = AppTest.from_file(str(ROOT / "navigation.py"), default_timeout=60)
    at.run()
    check(at, app_env)
    at.switch_page("app_pages/generate.py").run()
    check(at, app_env)
    at.switch_page("app_pages/history.py").run()
    check(at, app_env)
    assert [b.label for b in at.button].count("Open") == len(hostile_tasks)
    for scenario, task in hostile_tasks.items():
        at.query_params["task"] = task.task_id
        at.run()
        text = check(at, app_env)
        assert SAYS.get(scenario, "a lighthouse") in text, (scenario, text)
        assert "Delete" in [b.label for b in at.button]
    if measured:
        assert peak_kb() < 1024 * 1024, f"peak {peak_kb() // 1024} MB"
