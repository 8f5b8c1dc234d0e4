"""Faults of the service, through the real client, workspace, simulator and store: nothing is lost."""

from __future__ import annotations

import threading
import time

import pytest

from kie import errors
from kie.client import KieClient
from kie.models import GenerateRequest
from kie.polling import PollPolicy
from kie.sending import UNCONFIRMED_MESSAGE
from kie.store import TaskStore
from kie.workspace import InputFile, Workspace
from tests.conftest import TEST_KEY, sim_requests
from tests.fixtures.faults import RECORD_INFO_FAULTS

FAST = PollPolicy(first_poll=0.3, min_interval=0.2, max_interval=0.5, deadline=60)


def follow(workspace, task_id, timeout=20.0):
    end = time.time() + timeout
    while time.time() < end:
        workspace.poll_due()
        task = workspace.store.get(task_id)
        if not task.needs_polling:
            return task
        time.sleep(0.05)
    raise AssertionError(f"task {task_id} did not end: {workspace.store.get(task_id)}")


@pytest.fixture
def workspace(sim_server, store):
    client = KieClient(TEST_KEY, sim_server.url, sim_server.url, timeout=(1.0, 1.0), sleep=lambda s: time.sleep(0.01))
    return Workspace(client, store, policy=FAST)


@pytest.mark.parametrize("fault", RECORD_INFO_FAULTS, ids=[f["kind"] for f in RECORD_INFO_FAULTS])
def test_record_info_faults_never_lose_the_task(workspace, sim, fault):
    task = workspace.submit(GenerateRequest(prompt=f"through {fault['kind']}"))
    sim.add_faults([{"path": "/record-info", **fault}])
    done = follow(workspace, task.task_id)
    assert done.state == "success" and len(done.images) == 1
    assert done.error_message is None  # the trouble note goes once the service answers again


def test_trouble_shows_on_the_pending_task_while_it_lasts(workspace, sim):
    task = workspace.submit(GenerateRequest(prompt="[seconds:30] long"))
    sim.add_faults([{"path": "/record-info", "kind": "code:455", "seconds": 30}])
    time.sleep(FAST.first_poll)
    workspace.poll_due()
    pending = workspace.store.get(task.task_id)
    assert pending.state == "pending" and "maintenance" in pending.error_message


def test_429_burst_on_generate_is_waited_out(workspace, sim, sim_server):
    sim.add_faults([{"path": "/generate", "kind": "code:429", "count": 3, "retry_after": 0.1}])
    task = workspace.submit(GenerateRequest(prompt="after the burst"))
    assert workspace.store.get(task.task_id).state == "pending"
    assert len(sim_requests(sim_server.url, "/generate")) == 4


@pytest.mark.parametrize("kind, error", [("code:455", errors.Maintenance), ("code:500", errors.ServerError),
                                         ("code:550", errors.QueueFull), ("http502", errors.BadResponse)])
def test_refused_generate_says_why_and_stores_nothing(workspace, sim, sim_server, kind, error):
    sim.add_faults([{"path": "/generate", "kind": kind}])
    with pytest.raises(error):
        workspace.submit(GenerateRequest(prompt="refused"))
    assert workspace.store.count() == 0
    assert len(sim_requests(sim_server.url, "/generate")) == 1  # never sent twice


@pytest.mark.parametrize("fault", [{"kind": "drop_after"}, {"kind": "badjson"}, {"kind": "slow", "delay": 1.5}],
                         ids=["dropped", "malformed-json", "slower-than-timeout"])
def test_lost_generate_answer_is_remembered_and_not_resent(workspace, sim, sim_server, fault):
    sim.add_faults([{"path": "/generate", **fault}])
    with pytest.raises(errors.UnknownOutcome):
        workspace.submit(GenerateRequest(prompt="did it go through?"))
    assert len(sim_requests(sim_server.url, "/generate")) == 1
    [kept] = workspace.store.query()
    assert kept.task_id.startswith("unconfirmed-") and kept.error_message == UNCONFIRMED_MESSAGE
    assert kept.prompt == "did it go through?"


@pytest.mark.parametrize("code", [400, 451, 500])
def test_failed_tasks_keep_the_error_code_and_message(workspace, code):
    task = workspace.submit(GenerateRequest(prompt=f"[fail:{code}]"))
    done = follow(workspace, task.task_id)
    assert done.state == "failed" and done.error_code == code and done.error_message


def test_a_task_that_never_finishes_times_out_and_can_be_resumed(sim_server, store):
    client = KieClient(TEST_KEY, sim_server.url, sim_server.url)
    workspace = Workspace(client, store, policy=PollPolicy(first_poll=0.2, min_interval=0.2, deadline=1.0))
    task = workspace.submit(GenerateRequest(prompt="[never]"))
    end = time.time() + 10
    while store.get(task.task_id).state == "pending" and time.time() < end:
        workspace.poll_due()
        time.sleep(0.05)
    assert store.get(task.task_id).state == "timed_out"
    workspace.keep_waiting(task.task_id)
    assert store.get(task.task_id).state == "pending"


def test_an_upload_failing_halfway_submits_nothing_and_a_retry_works(workspace, sim, sim_server):
    refs = [InputFile("ref", f"\x89PNG ref {i}".encode()) for i in range(3)]
    sim.add_faults([{"path": "/file-base64-upload", "kind": "code:500", "after": 1, "count": 10}])
    with pytest.raises(errors.ServerError):
        workspace.submit(GenerateRequest(prompt="three refs"), refs)
    assert sim_requests(sim_server.url, "/generate") == [] and workspace.store.count() == 0
    sim.faults.clear()
    task = workspace.submit(GenerateRequest(prompt="three refs"), refs)
    assert len(task.request.files_url) == 3


def test_twenty_sessions_submit_and_poll_at_once_without_losing_rows(sim_server, tmp_path):
    problems, ids = [], []

    def session(n):
        try:
            client = KieClient(TEST_KEY, sim_server.url, sim_server.url)
            workspace = Workspace(client, TaskStore(tmp_path, "demo"), policy=FAST)
            for i in range(3):
                ids.append(workspace.submit(GenerateRequest(prompt=f"[seconds:0.5] s{n} t{i}")).task_id)
                time.sleep(0.5)  # the simulator allows 20 generate requests in 10 s per key
            end = time.time() + 20
            while time.time() < end and workspace.store.has_unfinished():
                workspace.poll_due()
                time.sleep(0.1)
        except Exception as exc:  # pragma: no cover - reported by the assertion
            problems.append(repr(exc))

    sim_server.simulator.keys = {TEST_KEY: "load"}
    limit = sim_server.simulator.generate_limit
    sim_server.simulator.generate_limit = 1000  # this test is about the store, not the rate limit
    try:
        threads = [threading.Thread(target=session, args=(n,)) for n in range(20)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sim_server.simulator.generate_limit = limit
    store = TaskStore(tmp_path, "demo")
    assert problems == []
    assert store.count() == 60 and len(set(ids)) == 60
    assert all(t.state == "success" and len(t.images) == 1 for t in store.query(limit=100))


def test_a_crash_while_writing_an_image_leaves_no_half_file(store, monkeypatch):
    import os

    def crash(*args):
        raise OSError("disk gone mid-write")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        store.save_image("t1", 0, b"\x89PNG" + b"x" * 100_000)
    folder = store.images_dir / "t1"
    assert not store.image_path("t1", "0.png").exists()
    assert list(folder.iterdir()) == []  # the temporary file is gone too
