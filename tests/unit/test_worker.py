"""The background worker: held workspaces, the claim loop shared with sessions, crashes, health."""

from __future__ import annotations

import functools
import json
import threading
import time
from collections import Counter

from kie import callbacks
from kie.config import Settings
from kie.following import CLAIM_LEASE
from kie.models import GenerateRequest
from kie.polling import PollPolicy
from kie.service import Service
from kie.store import StoreUnavailable, TaskStore
from kie.worker import HeldWorkspaces, Worker
from kie.workspace import Workspace
from tests.conftest import OTHER_KEY, TEST_KEY, sim_requests
from tests.fixtures.simulated import client_of

FAST = PollPolicy(first_poll=0.3, min_interval=0.2, max_interval=0.4, deadline=30)


def callback_body(task_id: str) -> bytes:
    return json.dumps({"code": 200, "msg": "success", "data": {"taskId": task_id, "info": None}}).encode()


def workspace_for(sim_server, tmp_path, key=TEST_KEY, workspace="demo") -> Workspace:
    client = client_of(sim_server.url, key)
    return Workspace(client, TaskStore(tmp_path, workspace), policy=FAST)


def wait_for(check, timeout=15.0):
    end = time.time() + timeout
    while time.time() < end:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError("condition not reached")


def test_the_worker_finishes_and_archives_tasks_of_every_held_workspace(sim_server, tmp_path):
    held = HeldWorkspaces()
    first, second = workspace_for(sim_server, tmp_path), workspace_for(sim_server, tmp_path, OTHER_KEY, "kother")
    held.hold(first)
    held.hold_for_session("session-1", second)
    tasks = [first.submit(GenerateRequest(prompt="a fox")), second.submit(GenerateRequest(prompt="a hen"))]
    worker = Worker(held).start()
    try:
        wait_for(lambda: all(s.store.get(t.task_id).images for s, t in zip((first, second), tasks, strict=True)))
    finally:
        worker.stop()
    assert not worker.alive and worker.loops > 0
    assert first.store.image_path(tasks[0].task_id, "0.png").read_bytes().startswith(b"\x89PNG")


def test_keys_of_closed_sessions_are_dropped(sim_server, tmp_path):
    held = HeldWorkspaces()
    held.hold_for_session("gone", workspace_for(sim_server, tmp_path))
    held.hold_for_session("open", workspace_for(sim_server, tmp_path, OTHER_KEY, "kother"))
    Worker(held, is_session_open=lambda sid: sid == "open").run_once()
    assert [s.store.workspace for s in held.workspaces()] == ["kother"]


def test_two_workers_and_a_session_ask_about_each_task_once_per_due_time(sim_server, sim, tmp_path):
    """Each record-info is a claimed due time: three pollers together send what one would."""
    pollers = [workspace_for(sim_server, tmp_path) for _ in range(3)]
    tasks = [pollers[0].submit(GenerateRequest(prompt=f"a boat {i}")) for i in range(4)]
    ids = {t.task_id for t in tasks}
    held_a, held_b = HeldWorkspaces(), HeldWorkspaces()
    held_a.hold(pollers[0])
    held_b.hold(pollers[1])
    workers = [Worker(held_a, idle=0.05).start(), Worker(held_b, idle=0.05).start()]
    stop = threading.Event()

    def session():  # a tab's fragment, polling the tasks it follows
        while not stop.is_set():
            pollers[2].poll_due(only=ids)
            time.sleep(0.05)

    tab = threading.Thread(target=session)
    tab.start()
    try:
        wait_for(lambda: all(not pollers[0].store.get(i).needs_polling for i in ids))
    finally:
        stop.set()
        tab.join()
        for w in workers:
            w.stop()
    asked = Counter(r["query"]["taskId"][0] for r in sim_requests(sim_server.url, "/record-info"))
    polls = {i: pollers[0].store.get(i).polls for i in ids}
    # Every request was counted by exactly one poller (each poll adds one), so no due time was asked twice.
    assert asked == Counter(polls)
    # 1 s tasks at this policy need a handful of polls each; unshared they would need three times as many.
    assert all(n <= 6 for n in asked.values()), asked


class Exploding(TaskStore):
    def next_due(self):
        raise RuntimeError("disk on fire")


def test_a_crash_in_one_workspace_never_stops_the_worker(sim_server, tmp_path):
    held = HeldWorkspaces()
    good = workspace_for(sim_server, tmp_path)
    bad = workspace_for(sim_server, tmp_path, OTHER_KEY, "kother")
    bad.store = Exploding(tmp_path, "kother")
    held.hold(bad)
    held.hold(good)
    task = good.submit(GenerateRequest(prompt="a lamp"))
    worker = Worker(held, idle=0.05).start()
    try:
        wait_for(lambda: good.store.get(task.task_id).images)
        assert worker.alive
    finally:
        worker.stop()


def test_a_crash_in_one_task_leaves_the_others(sim_server, tmp_path, monkeypatch):
    workspace = workspace_for(sim_server, tmp_path)
    bad = workspace.submit(GenerateRequest(prompt="bad"))
    good = workspace.submit(GenerateRequest(prompt="good"))
    real_apply = type(workspace.store.get(bad.task_id)).apply

    def apply(task, status, now=None):
        if task.task_id == bad.task_id:
            raise ValueError("unexpected answer")
        return real_apply(task, status, now)

    monkeypatch.setattr(type(workspace.store.get(bad.task_id)), "apply", apply)
    held = HeldWorkspaces()
    held.hold(workspace)
    worker = Worker(held, idle=0.05).start()
    try:
        wait_for(lambda: workspace.store.get(good.task_id).images)
    finally:
        worker.stop()
    assert workspace.store.get(bad.task_id).state == "pending"  # retried later, never lost


def test_health_says_when_the_worker_is_down(tmp_path):
    service = Service(Settings.from_env({"STUDIO_DATA_DIR": str(tmp_path), "STUDIO_SIM_TASK_SECONDS": "1"}))
    try:
        assert service.health()[1]["worker"] == "down"
        service.start_worker()
        assert service.health()[0]  # alive from its start, before its first round ends
        wait_for(lambda: service.health()[1]["last_loop_at"])
        ok, details = service.health()
        assert details["store"] == "reachable" and details["last_loop_at"]
    finally:
        service.stop()
    assert service.health()[0] is False


def test_a_lost_callback_costs_latency_never_the_task(sim_server, sim, tmp_path):
    """The provider's callback never comes: the slow poll beside it still finishes the task."""
    from dataclasses import replace

    sim.configure({"callbacks": "drop"})
    workspace = workspace_for(sim_server, tmp_path)
    workspace.policy = replace(FAST, callback_interval=1.5)
    workspace.public_url = "https://studio.example.com"
    task = workspace.submit(GenerateRequest(prompt="a quiet pond"))
    assert task.follow == "callback"
    held = HeldWorkspaces()
    held.hold(workspace)
    worker = Worker(held, idle=0.05).start()
    try:
        wait_for(lambda: workspace.store.get(task.task_id).images, timeout=20)
    finally:
        worker.stop()
    asked = [r for r in sim_requests(sim_server.url, "/record-info") if r["query"]["taskId"] == [task.task_id]]
    assert 1 <= len(asked) <= 3  # slow: about one ask per callback interval


def asked_by(workspace: Workspace) -> list[str]:
    """Count the record-info calls this replica's client makes (each replica has its own client)."""
    asked: list[str] = []
    real = workspace.client.record_info

    def record_info(task_id, *args, **kwargs):
        asked.append(task_id)
        return real(task_id, *args, **kwargs)

    workspace.client.record_info = record_info
    return asked


def test_the_replica_that_takes_a_callback_asks_and_another_replica_s_worker_cannot_ask_first(sim_server, sim,
                                                                                               tmp_path):
    """Two replicas on one store: the provider calls B; A's worker, looking for due tasks all the time, never gets
    to ask before B's worker has (B's claim is made in the same write as the callback)."""
    sim.configure({"callbacks": "drop"})  # the test hands the callback over itself
    replica_a, replica_b = workspace_for(sim_server, tmp_path), workspace_for(sim_server, tmp_path)
    replica_a.public_url = "https://studio.example.com"
    task = replica_a.submit(GenerateRequest(prompt="a ferry between two harbours"))
    asked_a, asked_b = asked_by(replica_a), asked_by(replica_b)
    held_a, held_b = HeldWorkspaces(), HeldWorkspaces()
    held_a.hold(replica_a)
    held_b.hold(replica_b)
    worker_a, worker_b = Worker(held_a), Worker(held_b)  # rounds run by hand: B's comes last on purpose
    stored = replica_b.store.get(task.task_id)
    status, _ = callbacks.receive(stored.callback_token, callback_body(task.task_id), {}, hmac_key=None,
                                  stores={"demo": replica_b.store}.get,
                                  confirm=functools.partial(worker_b.confirm, "demo"))
    assert status == 200
    for _ in range(3):
        worker_a.run_once()
    assert asked_a == [] and asked_b == []
    worker_b.run_once()
    assert asked_b == [task.task_id] and asked_a == []
    assert replica_a.store.get(task.task_id).polls == 1


def test_a_callback_whose_receiver_never_asked_is_asked_about_by_another_once_the_claim_ends(sim_server, sim,
                                                                                             tmp_path):
    sim.configure({"callbacks": "drop"})
    replica_a, replica_b = workspace_for(sim_server, tmp_path), workspace_for(sim_server, tmp_path)
    replica_a.public_url = "https://studio.example.com"
    task = replica_a.submit(GenerateRequest(prompt="a lighthouse"))
    asked_a = asked_by(replica_a)
    held_a = HeldWorkspaces()
    held_a.hold(replica_a)
    gone = Worker(HeldWorkspaces())  # B's worker, which dies before its round
    taken_long_ago = time.time() - CLAIM_LEASE - 1
    status, _ = callbacks.receive(replica_b.store.get(task.task_id).callback_token, callback_body(task.task_id), {},
                                  hmac_key=None, stores={"demo": replica_b.store}.get, now=taken_long_ago,
                                  confirm=functools.partial(gone.confirm, "demo"))
    assert status == 200
    Worker(held_a).run_once()
    assert asked_a == [task.task_id]


def test_a_callback_for_a_success_whose_pictures_are_not_kept_yet_fetches_them(sim_server, sim, tmp_path):
    """A poll saw the end but kept no picture yet (its download to be tried again) when the callback came: the
    receiver, which holds the task's claim, fetches them; it does not leave the task claimed and untouched."""
    sim.configure({"callbacks": "drop"})
    replica = workspace_for(sim_server, tmp_path)
    replica.public_url = "https://studio.example.com"
    task = replica.submit(GenerateRequest(prompt="a tide clock"))
    wait_for(lambda: (s := replica.client.record_info(task.task_id, task.model)) is not None and s.state == "success")
    seen = replica.store.get(task.task_id)
    seen.apply(replica.client.record_info(task.task_id, task.model), time.time())  # the end, no picture kept yet
    replica.store.save(seen)
    assert seen.state == "success" and seen.result_urls and not seen.images
    held = HeldWorkspaces()
    held.hold(replica)
    worker = Worker(held)
    callbacks.receive(seen.callback_token, callback_body(task.task_id), {}, hmac_key=None,
                      stores={"demo": replica.store}.get, confirm=functools.partial(worker.confirm, "demo"))
    worker.run_once()
    assert len(replica.store.get(task.task_id).images) == len(seen.result_urls)


class DownOnce(TaskStore):
    """The database gone for one read of a task (a restart), back for the next."""

    down = True

    def get(self, task_id):
        if self.down:
            self.down = False
            raise StoreUnavailable("the database is restarting")
        return super().get(task_id)


def test_a_confirmation_the_database_was_down_for_is_asked_at_the_next_round(sim_server, sim, tmp_path):
    sim.configure({"callbacks": "drop"})
    replica = workspace_for(sim_server, tmp_path)
    replica.public_url = "https://studio.example.com"
    task = replica.submit(GenerateRequest(prompt="a harbour crane"))
    token = replica.store.get(task.task_id).callback_token
    replica.store = DownOnce(tmp_path, "demo")
    asked = asked_by(replica)
    held = HeldWorkspaces()
    held.hold(replica)
    worker = Worker(held)
    callbacks.receive(token, callback_body(task.task_id), {}, hmac_key=None, stores={"demo": replica.store}.get,
                      confirm=functools.partial(worker.confirm, "demo"))
    worker.run_once()
    assert asked == []  # the database was down: kept for the next round (the claim keeps others off)
    worker.run_once()
    assert asked == [task.task_id]


def test_health_is_503_material_when_the_store_cannot_be_read(tmp_path):
    service = Service(Settings.from_env({"STUDIO_DATA_DIR": str(tmp_path), "STUDIO_SIM_TASK_SECONDS": "1"}))
    try:
        service.start_worker()
        wait_for(lambda: service.health()[1]["last_loop_at"])
        (tmp_path / "workspaces" / "demo" / "tasks.sqlite3").unlink()
        (tmp_path / "workspaces" / "demo" / "tasks.sqlite3").mkdir()  # the database is gone: a folder in its place
        ok, details = service.health()
        assert not ok and details["store"].startswith("unreachable")
    finally:
        service.stop()
