"""Submitting and following tasks through the real client, simulator and store."""

from __future__ import annotations

import time

import pytest

from kie import errors
from kie.client import KieClient
from kie.models import GenerateRequest
from kie.polling import PollPolicy
from kie.store import TaskStore
from kie.workspace import InputFile, Workspace
from tests.conftest import TEST_KEY, sim_requests

FAST = PollPolicy(first_poll=0.3, min_interval=0.2, max_interval=0.5, deadline=30)


def follow(workspace: Workspace, task_id: str, timeout: float = 10.0):
    end = time.time() + timeout
    while time.time() < end:
        workspace.poll_due()
        task = workspace.store.get(task_id)
        if task.state != "pending" and len(task.images) >= len(task.result_urls):
            return task
        time.sleep(0.05)
    raise AssertionError("task did not end")


@pytest.fixture
def workspace(client, store):
    return Workspace(client, store, policy=FAST)


def test_submit_keeps_a_pending_task_then_caches_its_images(workspace):
    task = workspace.submit(GenerateRequest(prompt="a lighthouse", options=(("n_variants", 2),)))
    assert workspace.store.get(task.task_id).state == "pending"
    done = follow(workspace, task.task_id)
    assert done.state == "success" and len(done.images) == 2
    for name in done.images:
        assert workspace.store.image_path(done.task_id, name).read_bytes().startswith(b"\x89PNG")
    assert done.completed_at and done.duration is not None


def test_invalid_request_sends_nothing(workspace, sim_server):
    with pytest.raises(errors.RequestInvalid):
        workspace.submit(GenerateRequest(prompt=""))
    assert sim_requests(sim_server.url) == []


def test_references_are_uploaded_then_sent_as_files_url(workspace, sim_server):
    files = [InputFile("ref", f"\x89PNG ref {i}".encode()) for i in range(3)]
    task = workspace.submit(GenerateRequest(prompt=""), files)
    body = sim_requests(sim_server.url, "/generate")[-1]["body"]
    assert len(body["filesUrl"]) == 3 and "prompt" not in body
    assert set(task.inputs) == {"ref0", "ref1", "ref2"}
    names = [r["body"]["fileName"] for r in sim_requests(sim_server.url, "/file-")]
    assert len(set(names)) == 3  # unique names, so nothing is overwritten upstream


def test_a_failed_task_keeps_code_and_message(workspace):
    task = workspace.submit(GenerateRequest(prompt="[fail:400] blocked"))
    done = follow(workspace, task.task_id)
    assert done.state == "failed" and done.error_code == 400 and "content" in done.error_message


def test_two_viewers_share_one_stream_of_requests(client, store, sim_server):
    """Two tabs (two Studio objects on one workspace) do not double the record-info requests."""
    tab1, tab2 = Workspace(client, store, policy=FAST), Workspace(client, TaskStore(store.root.parents[1], "demo"),
                                                            policy=FAST)
    task = tab1.submit(GenerateRequest(prompt="shared"))
    end = time.time() + 10
    while time.time() < end and store.get(task.task_id).state == "pending":
        tab1.poll_due()
        tab2.poll_due()
        time.sleep(0.02)
    alone_polls = store.get(task.task_id).polls
    info = sim_requests(sim_server.url, "/record-info")
    assert len(info) == alone_polls  # every request was one poll of one viewer, none doubled


def test_timed_out_task_is_kept_and_can_be_resumed(client, store):
    workspace = Workspace(client, store, policy=PollPolicy(first_poll=0.2, min_interval=0.2, deadline=0.5))
    task = workspace.submit(GenerateRequest(prompt="[never] forever"))
    end = time.time() + 5
    while time.time() < end and store.get(task.task_id).state == "pending":
        workspace.poll_due()
        time.sleep(0.05)
    assert store.get(task.task_id).state == "timed_out"
    assert task.task_id in [t.task_id for t in store.query()]  # never silently dropped
    workspace.keep_waiting(task.task_id)
    resumed = store.get(task.task_id)
    assert resumed.state == "pending" and resumed.deadline_at > time.time()


def test_adopt_a_task_made_elsewhere(client, store, tmp_path, sim_clock):
    other = KieClient(TEST_KEY, client.base_url, client.upload_base_url)
    task_id = other.generate(GenerateRequest(prompt="made by a script", options=(("size", "2:3"),)))
    time.sleep(sim_clock.wall_seconds(1.3))  # the simulated task ends after 1 simulated second
    workspace = Workspace(client, store, policy=FAST)
    task = workspace.add_by_id(task_id)
    assert task.request.prompt == "made by a script" and task.request.option("size") == "2:3"
    assert task.state == "success" and len(task.images) == 1


def test_adopt_an_unknown_task_says_so(workspace):
    with pytest.raises(errors.NotFound):
        workspace.add_by_id("task_does_not_exist")


def test_transient_errors_do_not_lose_the_task(workspace, sim):
    task = workspace.submit(GenerateRequest(prompt="bumpy"))
    sim.add_faults([{"path": "/record-info", "kind": "http502", "seconds": 0.6}])
    done = follow(workspace, task.task_id)
    assert done.state == "success"
