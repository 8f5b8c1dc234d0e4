"""The live panel's timing rule: after a callback not yet followed by a poll, the next answer is due at once."""

from __future__ import annotations

from components.tasks_panel import expected_answer_at
from kie.models import GenerateRequest, Task


def task(**kwargs) -> Task:
    return Task(task_id="t", kind="text", request=GenerateRequest(prompt="p"), **kwargs)


def test_the_next_answer_is_due_at_the_next_poll():
    assert expected_answer_at(task(next_poll_at=120.0, last_polled_at=100.0)) == 120.0


def test_a_callback_not_yet_polled_makes_the_answer_due_when_it_came():
    assert expected_answer_at(task(next_poll_at=0.0, callback_at=110.0, last_polled_at=100.0)) == 110.0
    assert expected_answer_at(task(next_poll_at=170.0, callback_at=110.0, last_polled_at=111.0)) == 170.0


def test_recent_work_finds_your_own_tasks_behind_a_batch_of_hundreds(tmp_path):
    """A batch counts as one piece of work however many tasks it has: the tasks made before it still show."""
    from components.tasks_panel import recent
    from kie.store import TaskStore

    store = TaskStore(tmp_path, "demo")
    for n in range(4):
        store.add(Task(task_id=f"own{n}", kind="text", request=GenerateRequest(prompt=f"own {n}"), created_at=100 + n))
    for n in range(450):  # newer than all of them, three batches' worth of pages
        store.add(Task(task_id=f"b{n:03}", kind="text", request=GenerateRequest(prompt=f"item {n}"),
                       created_at=1000 + n, batch_id="big" if n < 400 else "small"))
    shown = recent(store, 5)
    assert [t.task_id for t in shown] == ["b449", "b399", "own3", "own2", "own1"]  # each batch by its newest task
    assert [t.task_id for t in recent(store, 2)] == ["b449", "b399"]
    assert len(recent(store, 50)) == 6  # everything there is: two batches, four own tasks


def test_a_panel_listens_to_the_unfinished_tasks_it_draws_and_to_every_task_of_a_batch_line():
    from components.tasks_panel import _drawn

    def made(task_id, batch_id=None):
        return Task(task_id=task_id, kind="text", request=GenerateRequest(prompt="p"), batch_id=batch_id)

    shown = [made("mine"), made("b9", "B")]  # a batch's line stands for all of its tasks
    unfinished = [made("mine"), made("b1", "B"), made("b9", "B"), made("elsewhere"), made("c1", "C")]
    assert [t.task_id for t in _drawn(unfinished, shown)] == ["mine", "b1", "b9"]
