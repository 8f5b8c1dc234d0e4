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
