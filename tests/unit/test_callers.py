"""Every API call says who asked (kie.callers): the worker's thread, or a page's session (anything else); the
simulator's request log keeps it, so a test can tell a page's record-info from the worker's."""

from __future__ import annotations

import time

from kie.models import GenerateRequest
from kie.polling import PollPolicy
from kie.store import TaskStore
from kie.worker import HeldWorkspaces, Worker
from kie.workspace import Workspace
from tests.conftest import TEST_KEY, sim_requests
from tests.fixtures.simulated import client_of

FAST = PollPolicy(first_poll=0.2, min_interval=0.2, max_interval=0.4, deadline=30)


def test_the_providers_log_tells_the_workers_calls_from_a_pages(sim_server, tmp_path):
    client = client_of(sim_server.url, TEST_KEY)
    workspace = Workspace(client, TaskStore(tmp_path, "demo"), policy=FAST)
    task = workspace.submit(GenerateRequest(prompt="a fox [seconds:20]"))
    workspace.poll(workspace.store.get(task.task_id))  # as a page's rerun does without a worker
    held = HeldWorkspaces()
    held.hold(workspace)
    worker = Worker(held, idle=0.05).start()
    try:
        end = time.time() + 15
        while time.time() < end and not workspace.store.get(task.task_id).images:
            time.sleep(0.05)
    finally:
        worker.stop()
    callers = [r["caller"] for r in sim_requests(sim_server.url, "/record-info")]
    assert callers[0] == "page" and set(callers[1:]) == {"worker"}, callers
    assert [r["caller"] for r in sim_requests(sim_server.url, "/generate")] == ["page"]
