"""Sending batch items under the rate limit: real simulator over HTTP, real store, real SQLite rate ledger."""

from __future__ import annotations

import time
from collections import Counter

import pytest

from kie.batch_queue import BatchSender, queue_batch, sqlite_ledgers
from kie.models import GenerateRequest
from kie.ratelimit import Rate
from kie.store import TaskStore
from kie.team import Budgets
from kie.worker import HeldWorkspaces, Worker
from kie.workspace import Workspace
from tests.conftest import sim_requests

RATE = Rate(5, 2.0)


@pytest.fixture
def workspace(client, tmp_path):
    return Workspace(client, TaskStore(tmp_path, "kteam"))


def sender(tmp_path, **kwargs) -> BatchSender:
    return BatchSender(sqlite_ledgers(tmp_path), RATE, **kwargs)


def drain(send: BatchSender, workspace: Workspace, timeout: float = 30.0) -> None:
    end = time.time() + timeout
    while time.time() < end:
        wait = send.send_due(workspace)
        if wait is None:
            return
        time.sleep(min(max(wait, 0.01), 0.5))
    raise AssertionError("the batch did not drain")


def prompts(n: int, tag: str = "") -> list[GenerateRequest]:
    return [GenerateRequest(prompt=f"{tag}item {i}") for i in range(n)]


def windows_ok(times: list[float], rate: Rate) -> bool:
    times = sorted(times)
    return all(sum(1 for u in times if t <= u < t + rate.seconds) <= rate.count for t in times)


def test_a_batch_is_sent_whole_once_and_never_faster_than_the_rate(workspace, sim_server, tmp_path):
    batch = queue_batch(workspace, "twelve", prompts(12))
    drain(sender(tmp_path), workspace)
    sent = sim_requests(sim_server.url, "/generate")
    assert sorted(r["body"]["prompt"] for r in sent) == sorted(f"item {i}" for i in range(12))
    assert windows_ok([r["time"] for r in sent], RATE)
    items = workspace.store.batch_items(batch)
    assert {i.state for i in items} == {"sent"} and all(workspace.store.get(i.task_id) for i in items)
    assert workspace.store.batch(batch).sent == 12


def test_a_429_puts_the_item_back_and_everyone_waits(workspace, sim, sim_server, tmp_path):
    sim.add_faults([{"path": "/generate", "kind": "code:429", "count": 1, "retry_after": 1}])
    queue_batch(workspace, "three", prompts(3))
    drain(sender(tmp_path), workspace)
    sent = sim_requests(sim_server.url, "/generate")
    assert len(sent) == 4  # the refused one, then all three once
    assert sent[1]["time"] - sent[0]["time"] >= 0.9  # nobody sent during Retry-After
    assert Counter(workspace.store.batch_items(workspace.store.batches()[0].id)[i].state for i in range(3)) == \
        {"sent": 3}


def test_a_lost_answer_makes_the_item_unconfirmed_and_it_is_never_resent(workspace, sim, sim_server, tmp_path):
    sim.add_faults([{"path": "/generate", "kind": "drop_after", "count": 1}])
    batch = queue_batch(workspace, "two", prompts(2))
    drain(sender(tmp_path), workspace)
    items = workspace.store.batch_items(batch)
    assert [i.state for i in items] == ["unconfirmed", "sent"]
    assert items[0].task_id.startswith("unconfirmed-") and workspace.store.get(items[0].task_id)
    assert len(sim_requests(sim_server.url, "/generate")) == 2


def test_a_refused_item_fails_with_why_and_the_rest_go_on(workspace, sim, tmp_path):
    sim.add_faults([{"path": "/generate", "kind": "code:500", "count": 1}])
    batch = queue_batch(workspace, "two", prompts(2))
    drain(sender(tmp_path), workspace)
    items = workspace.store.batch_items(batch)
    assert items[0].state == "failed" and items[0].error and items[1].state == "sent"


def test_out_of_budget_pauses_the_batch_and_says_why(client, sim_server, tmp_path):
    store = TaskStore(tmp_path, "kteam")
    ann = Workspace(client, store).for_person("ann@example.com")
    batch = queue_batch(ann, "five", prompts(5))
    send = sender(tmp_path, budgets_for=lambda s: Budgets(s.store.scoped(None), default_limit=2))
    drain(send, Workspace(client, store))
    summary = store.batch(batch)
    assert summary.state == "paused" and "Daily image limit reached" in summary.message
    assert summary.sent == 2 and summary.queued == 3
    assert len(sim_requests(sim_server.url, "/generate")) == 2
    assert {store.get(i.task_id).owner for i in store.batch_items(batch) if i.task_id} == {"ann@example.com"}


def test_a_restart_in_the_middle_loses_nothing_and_sends_nothing_twice(workspace, client, sim_server, tmp_path):
    batch = queue_batch(workspace, "eight", prompts(8))
    first = sender(tmp_path, max_items=3)
    first.send_due(workspace)  # three sent, then the server stops
    left_sending = workspace.store.take_batch_item(time.time() - 400)  # one was on its way when it died
    assert left_sending is not None
    restarted = Workspace(client, TaskStore(tmp_path, "kteam"))  # a new process: new objects, same store and ledger
    drain(sender(tmp_path), restarted)
    items = restarted.store.batch_items(batch)
    assert Counter(i.state for i in items) == {"sent": 7, "unconfirmed": 1}
    bodies = [r["body"]["prompt"] for r in sim_requests(sim_server.url, "/generate")]
    assert len(bodies) == len(set(bodies)) == 7


def test_pause_and_cancel_stop_sending(workspace, sim_server, tmp_path):
    batch = queue_batch(workspace, "four", prompts(4))
    workspace.store.set_batch_state(batch, "paused")
    assert sender(tmp_path).send_due(workspace) is None and sim_requests(sim_server.url, "/generate") == []
    workspace.store.set_batch_state(batch, "cancelled")
    assert Counter(i.state for i in workspace.store.batch_items(batch)) == {"cancelled": 4}


def test_an_invalid_item_queues_nothing(workspace):
    with pytest.raises(Exception, match="prompt"):
        queue_batch(workspace, "bad", [GenerateRequest(prompt="fine"), GenerateRequest(prompt="")])
    assert workspace.store.batches() == []


def test_the_worker_sends_batches_of_held_workspaces(workspace, sim_server, tmp_path):
    batch = queue_batch(workspace, "by the worker", prompts(6, "w "))
    held = HeldWorkspaces()
    held.hold(workspace)
    worker = Worker(held, idle=0.05, batches=sender(tmp_path)).start()
    try:
        end = time.time() + 20
        while workspace.store.batch(batch).sent < 6 and time.time() < end:
            time.sleep(0.1)
    finally:
        worker.stop()
    assert workspace.store.batch(batch).sent == 6
    assert len(sim_requests(sim_server.url, "/generate")) == 6


def test_an_item_taken_before_a_cancel_is_not_sent_after_it(workspace, sim_server, tmp_path):
    """Cancel pressed between taking an item and sending it (Resume, then Cancel a second later): nothing goes out."""
    batch = queue_batch(workspace, "three", prompts(3, "late-"))
    store = workspace.store
    original = store.take_batch_item

    def take_then_cancel(now: float):
        item = original(now)
        if item is not None:
            store.set_batch_state(batch, "cancelled")  # the person's press lands while the item is in hand
        return item

    store.take_batch_item = take_then_cancel
    drain(sender(tmp_path), workspace)
    assert [r for r in sim_requests(sim_server.url, "/generate") if r["body"]["prompt"].startswith("late-")] == []
    assert {i.state for i in store.batch_items(batch)} == {"cancelled"}
    assert store.batch(batch).sent == 0


def test_a_sent_item_knows_its_batch(workspace, sim_server, tmp_path):
    probe = workspace.store.get(workspace.submit(GenerateRequest(prompt="probe")).task_id)
    probe.batch_id = "batch-probe"
    workspace.store.save(probe)
    assert workspace.store.get(probe.task_id).batch_id == "batch-probe", "the store must keep Task.batch_id"
    batch = queue_batch(workspace, "two", prompts(2, "known-"))
    drain(sender(tmp_path), workspace)
    tasks = [workspace.store.get(i.task_id) for i in workspace.store.batch_items(batch)]
    assert [t.batch_id for t in tasks] == [batch, batch]


def test_a_round_sends_no_more_than_asked(workspace, sim_server, tmp_path):
    batch = queue_batch(workspace, "four", prompts(4, "few-"))
    sender(tmp_path).send_due(workspace, max_items=2)
    assert workspace.store.batch(batch).sent == 2
