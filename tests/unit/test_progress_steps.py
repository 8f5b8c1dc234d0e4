"""How finely a task's progress is redrawn (kie.task_events.progress_step): 5 % near the end, coarser while much
is left, so a long task's waiting tabs rerun a few times in its life rather than at every poll."""

from __future__ import annotations

from kie.models import GenerateRequest, Task
from kie.task_events import drawn_progress, progress_step, seconds_left, stamp


def at(progress: float, after: float | None) -> Task:
    """A task started at t=1000 whose figure last changed to `progress` `after` seconds later."""
    request = GenerateRequest.from_dict({"prompt": "a slow lighthouse"})
    return Task(task_id="t1", kind=request.kind, request=request, created_at=1000.0, progress=progress,
                last_progress_at=None if after is None else 1000.0 + after)


def test_the_time_left_is_read_from_the_tasks_own_pace_and_never_from_the_clock():
    assert seconds_left(at(0.25, 100.0)) == 300.0  # a quarter in 100 s: 300 s to go
    assert seconds_left(at(0.0, 100.0)) is None  # no figure yet
    assert seconds_left(at(0.5, None)) is None
    assert seconds_left(at(0.5, 0.0)) is None
    assert seconds_left(at(1.0, 50.0)) is None


def test_a_long_tasks_progress_is_redrawn_in_coarse_steps_and_finely_near_its_end():
    # A 900-s task: 20 % steps while 5 minutes or more are left, 10 % from 2 minutes, 5 % for the last two.
    assert progress_step(at(0.10, 90.0)) == 20  # 810 s left
    assert progress_step(at(0.60, 540.0)) == 20  # 360 s left
    assert progress_step(at(0.70, 630.0)) == 10  # 270 s left
    assert progress_step(at(0.90, 810.0)) == 5  # 90 s left
    # A 20-s task is redrawn every 5 %, as before; so is a task without a pace to go by.
    assert progress_step(at(0.30, 6.0)) == 5
    assert progress_step(at(0.30, None)) == 5


def test_the_drawn_figure_is_rounded_down_to_its_step_and_never_moves_back_as_the_steps_narrow():
    assert drawn_progress(at(0.37, 37.0)) == 35  # a short task: 5 % steps
    assert drawn_progress(at(0.37, 370.0)) == 20  # 630 s left: 20 % steps
    assert drawn_progress(at(0.999999, 999.0)) == 95
    # A 900-s task polled every 9 s (1 % each): the figures a page redraws for, in order, never going back.
    drawn = [drawn_progress(at(n / 100, 9.0 * n)) for n in range(1, 100)]
    assert drawn == sorted(drawn)
    assert len(set(drawn)) <= 10  # a few redraws in 15 minutes, not one every 5 % (20) or every poll (99)
    assert drawn[-1] == 95


def test_only_a_change_of_step_changes_the_stamp():
    assert stamp(at(0.21, 210.0)) == stamp(at(0.39, 390.0))  # both 20 % with more than 5 minutes left
    assert stamp(at(0.21, 210.0)) != stamp(at(0.41, 410.0))
