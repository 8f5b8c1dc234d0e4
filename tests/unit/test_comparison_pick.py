"""A comparison's winner (kie.comparisons `pick`): one task starred, the others not, audited; another person's
comparison, a task of another comparison and a task without a picture are refused with nothing changed. Real SQLite,
the simulator over HTTP."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from kie import errors
from kie.models import Task
from kie.permissions import NotYourTask
from kie.polling import PollPolicy
from kie.store import TaskStore
from kie.workspace import Workspace

# The simulator's tasks take a second here, not a model's typical minute: ask often.
FAST = replace(PollPolicy(first_poll=0.3, min_interval=0.2, max_interval=0.5, deadline=30), expected_wait_cap=0.3,
               overdue_interval=0.2, overdue_growth=0.0)
MODELS = ["gpt-image-2", "nano-banana-pro", "seedream-4.5"]


@pytest.fixture
def shared(tmp_path):
    return TaskStore(tmp_path, "kteam")


def person(client, store, who: str | None) -> Workspace:
    return Workspace(client, store, policy=FAST).for_person(who)


def finished(studio: Workspace, comparison_id: str, count: int) -> list[Task]:
    end = time.time() + 15
    while time.time() < end:
        studio.poll_due()
        tasks = studio.comparison(comparison_id)
        if sum(t.state == "success" and bool(t.images) for t in tasks) >= count:
            return tasks
        time.sleep(0.05)
    raise AssertionError("the comparison did not finish")


def starred(studio: Workspace, comparison_id: str) -> list[str]:
    return [t.task_id for t in studio.comparison(comparison_id) if t.favourite]


def test_pick_stars_the_winner_only_and_moves_with_a_new_pick(client, sim_server, shared):
    alice = person(client, shared, "alice")
    sent = alice.compare("a red kite", MODELS, {})
    comparison_id = sent[0].comparison_id
    tasks = finished(alice, comparison_id, len(MODELS))
    first, second = tasks[0].task_id, tasks[2].task_id

    now = alice.comparisons.pick(comparison_id, first)
    assert [t.task_id for t in now if t.favourite] == [first]
    assert starred(alice, comparison_id) == [first]
    alice.comparisons.pick(comparison_id, second)
    assert starred(alice, comparison_id) == [second]  # one winner: the star moved
    picks = [e for e in shared.audit_log() if e.action == "pick"]
    assert [(e.actor, e.target) for e in picks[:2]] == [("alice", second), ("alice", first)]


def test_another_person_s_comparison_is_refused_and_nothing_changes(client, sim_server, shared):
    alice = person(client, shared, "alice")
    comparison_id = alice.compare("a red kite", MODELS[:2], {})[0].comparison_id
    tasks = finished(alice, comparison_id, 2)
    bob = person(client, shared, "bob")
    with pytest.raises(NotYourTask):
        bob.comparisons.pick(comparison_id, tasks[0].task_id)
    assert starred(alice, comparison_id) == []
    assert shared.audit_log()[0].action == "compare_refused"


def test_a_task_of_another_comparison_or_without_a_picture_cannot_win(client, sim_server, shared):
    alice = person(client, shared, "alice")
    one = alice.compare("a red kite", MODELS[:2], {})[0].comparison_id
    other = alice.compare("a blue kite", MODELS[:2], {})
    with pytest.raises(errors.RequestInvalid, match="not part of this comparison"):
        alice.comparisons.pick(one, other[0].task_id)
    waiting = alice.comparison(one)[0]  # just sent: no picture yet
    assert waiting.state != "success"
    with pytest.raises(errors.RequestInvalid, match="Only a finished picture"):
        alice.comparisons.pick(one, waiting.task_id)
    assert starred(alice, one) == []
