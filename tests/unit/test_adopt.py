"""Add a task by ID on a shared workspace: another person's taskId is refused, audited, and changes nothing."""

from __future__ import annotations

import sqlite3
import time

import psycopg
import pytest

from kie import errors
from kie.models import GenerateRequest
from kie.permissions import TaskOfAnotherPerson
from kie.polling import PollPolicy
from kie.store import PostgresStore, TaskStore, engines
from kie.workspace import Workspace
from tests.conftest import sim_requests

FAST = PollPolicy(first_poll=0.3, min_interval=0.2, max_interval=0.5, deadline=30)


@pytest.fixture(params=["sqlite", "postgres"])
def workspace(request, tmp_path):
    if request.param == "sqlite":
        yield TaskStore(tmp_path, "kteam")
        return
    url = request.getfixturevalue("postgres_url")
    yield PostgresStore(url, tmp_path, "kteam")
    engines.close_engine(url)


def raw_row(store, task_id: str) -> tuple:
    """The stored row itself, every column, read past the store's own code."""
    if isinstance(store, PostgresStore):
        with psycopg.connect(store._url) as db:
            return db.execute("SELECT * FROM tasks WHERE workspace = %s AND task_id = %s",
                              (store.workspace, task_id)).fetchone()
    with sqlite3.connect(store.db_path) as db:
        return db.execute("SELECT * FROM tasks WHERE task_id = ?", (task_id,)).fetchone()


def alice_finished_task(client, workspace) -> tuple[Workspace, str]:
    alice = Workspace(client, workspace, policy=FAST).for_person("alice")
    task = alice.submit(GenerateRequest(prompt="alice's lighthouse"))
    end = time.time() + 10
    while time.time() < end:
        alice.poll_due()
        done = alice.store.get(task.task_id)
        if done.state == "success" and done.images:
            return alice, task.task_id
        time.sleep(0.05)
    raise AssertionError("alice's task did not finish")


def test_bob_adding_alice_s_task_is_refused_audited_and_changes_nothing(client, sim_server, workspace):
    alice, task_id = alice_finished_task(client, workspace)
    workspace.set_favourite(task_id, True)
    before = raw_row(workspace, task_id)
    asked = len(sim_requests(sim_server.url, "/record-info"))
    bob = Workspace(client, workspace, policy=FAST).for_person("bob")
    with pytest.raises(TaskOfAnotherPerson) as refused:
        bob.add_by_id(f"  {task_id} ")
    assert "belongs to another person" in refused.value.message and "Nothing was changed" in str(refused.value)
    assert raw_row(workspace, task_id) == before
    assert len(sim_requests(sim_server.url, "/record-info")) == asked  # the service was not even asked
    assert bob.store.get(task_id) is None and alice.store.get(task_id).favourite
    entry = workspace.audit_log()[0]
    assert (entry.actor, entry.action, entry.target) == ("bob", "adopt_refused", task_id)


def test_a_task_of_unknown_owner_is_not_taken_by_add_by_id_either(client, workspace):
    _, task_id = alice_finished_task(client, workspace)
    raw = raw_row(workspace, task_id)
    with pytest.raises(TaskOfAnotherPerson):
        Workspace(client, workspace.scoped("carol"), policy=FAST).add_by_id(task_id)
    assert raw_row(workspace, task_id) == raw


def test_a_person_adds_their_own_or_a_new_task_as_before(client, workspace, sim_clock):
    alice, task_id = alice_finished_task(client, workspace)
    assert alice.add_by_id(task_id).task_id == task_id  # already theirs: handed back, nothing asked
    other = Workspace(client, workspace.scoped(None), policy=FAST).client.generate(GenerateRequest(prompt="script"))
    time.sleep(sim_clock.wall_seconds(1.3))  # the simulated task ends after 1 simulated second
    bob = Workspace(client, workspace, policy=FAST).for_person("bob")
    adopted = bob.add_by_id(other)
    assert adopted.owner == "bob" and workspace.scoped("bob").get(other).request.prompt == "script"
    with pytest.raises(errors.NotFound):
        bob.add_by_id("task_does_not_exist")


def test_a_save_after_a_lost_race_never_writes_over_the_other_person_s_row(client, workspace, monkeypatch):
    """Alice's row appears between Bob's check and his insert: his add is ignored and nothing is saved."""
    alice, task_id = alice_finished_task(client, workspace)
    before = raw_row(workspace, task_id)
    bob = Workspace(client, workspace, policy=FAST).for_person("bob")
    # The check ran before her insert:
    monkeypatch.setattr(bob.permissions, "kept_for_someone_else", lambda _task_id: False)
    with pytest.raises(TaskOfAnotherPerson):
        bob.add_by_id(task_id)
    assert raw_row(workspace, task_id) == before
