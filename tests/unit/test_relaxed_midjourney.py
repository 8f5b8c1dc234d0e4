"""A relaxed Midjourney task takes minutes: it is asked about rarely (its first question just before its expected end,
never more often than the wait cap allows), the card says roughly how long is left, and what the workspace learns of
relaxed tasks leaves fast ones alone. Real HTTP to the simulator, on a simulated clock shared by both."""

from __future__ import annotations

from pathlib import Path

import pytest

from kie.durations import EXPECTED_TTL
from kie.models import GenerateRequest, Task
from kie.polling import DEFAULT_POLICY, PollPolicy
from kie.simulator import Simulator, SimulatorServer
from kie.store import TaskStore
from kie.workspace import Workspace
from tests.conftest import TEST_KEY
from tests.fixtures.family_contract import Clock
from tests.fixtures.simulated import client_of

RELAXED_SECONDS = 300.0  # the catalogue's relaxed task (five fast ones of a minute)
RECORD = "/api/v1/mj/record-info"


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def sim(clock):
    simulator = Simulator([TEST_KEY], task_seconds=60.0, null_seconds=0.2, clock=clock, start_credits=1e6)
    simulator.model_seconds["midjourney:relaxed"] = RELAXED_SECONDS
    server = SimulatorServer(simulator).start()
    yield simulator, server
    server.stop()


def workspace(sim, clock, tmp_path: Path, policy: PollPolicy = DEFAULT_POLICY) -> Workspace:
    _, server = sim
    client = client_of(server.url, TEST_KEY)
    return Workspace(client, TaskStore(tmp_path, "relaxed"), policy=policy, clock=clock)


def mj(speed: str) -> GenerateRequest:
    return GenerateRequest.build("midjourney", f"a castle at dusk, {speed}", {"speed": speed})


def asked(simulator: Simulator, task_id: str) -> int:
    """How many times record-info was asked about `task_id`."""
    return sum(1 for r in simulator.requests if r["path"] == RECORD and r["query"].get("taskId") == [task_id])


def follow_to_the_end(ws: Workspace, clock, simulator: Simulator, task_id: str) -> tuple[Task, list[float]]:
    """Move the clock from one due poll to the next until the task's pictures are in; the task, and the (simulated)
    times it was asked about."""
    task, times = ws.store.get(task_id), []
    for _ in range(100):
        if not task.needs_polling:
            return task, times
        clock.now = max(clock.now, task.next_poll_at)
        before = asked(simulator, task_id)
        ws.poll_due()
        times += [clock.now] * (asked(simulator, task_id) - before)
        task = ws.store.get(task_id)
    raise AssertionError("the task never finished")


def test_a_relaxed_task_is_asked_about_a_few_times_in_its_five_minutes(sim, clock, tmp_path):
    simulator, _ = sim
    ws = workspace(sim, clock, tmp_path)
    sent = clock.now
    task = ws.submit(mj("relaxed"), measure=False)
    assert task.next_poll_at - sent >= DEFAULT_POLICY.expected_wait_cap  # not asked in its first two minutes
    done, times = follow_to_the_end(ws, clock, simulator, task.task_id)
    assert done.state == "success" and len(done.images) == 4
    assert len(times) <= 4  # a 10-s loop would have asked 30 times
    assert times[-1] - (sent + RELAXED_SECONDS) <= 1.5  # and the grid is seen within 1.5 s of its end
    waits = [b - a for a, b in zip([sent, *times], times, strict=False)]
    assert all(w >= 50 for w in waits)  # never more often than every 50 s: asked rarely


def test_a_fast_task_beside_it_is_planned_from_its_own_minute(sim, clock, tmp_path):
    ws = workspace(sim, clock, tmp_path)
    relaxed, fast = ws.submit(mj("relaxed"), measure=False), ws.submit(mj("fast"), measure=False)
    assert 55 <= fast.next_poll_at - clock.now <= 65  # just after a fast task's minute
    assert relaxed.next_poll_at - clock.now >= 110


@pytest.mark.parametrize("age, words", [
    (0, "about 5 min left"), (150, "about 2 min left"), (240, "about 60 s left"), (291, "about 9 s left"),
    (300.5, "any moment now"), (420, "taking longer than usual"),
])
def test_the_card_says_roughly_how_long_a_relaxed_task_has_left(sim, clock, tmp_path, age, words):
    ws = workspace(sim, clock, tmp_path)
    task = ws.submit(mj("relaxed"), measure=False)
    clock.now = task.created_at + age
    assert ws.time_left(ws.store.get(task.task_id)) == words


def test_the_card_words_come_into_the_pending_card(sim, clock, tmp_path):
    from components.task_words import pending_words

    ws = workspace(sim, clock, tmp_path)
    task = ws.store.get(ws.submit(mj("relaxed"), measure=False).task_id)
    assert pending_words(task, "Generating", ws.time_left(task)) in ("Generating… about 5 min left",
                                                                      "Queued… about 5 min left")


def test_relaxed_tasks_learned_here_set_the_relaxed_plan_and_leave_the_fast_one_alone(sim, clock, tmp_path):
    ws = workspace(sim, clock, tmp_path)
    for n, (speed, seconds) in enumerate([("relaxed", 200.0)] * 3 + [("fast", 45.0)] * 3):
        start = clock.now - 3600 + 400 * n
        ws.store.add(Task(task_id=f"earlier-{n}", kind="text", request=mj(speed).validated(), model="midjourney",
                          state="success", created_at=start, completed_at=start + seconds))
    clock.now += EXPECTED_TTL + 1  # past any figure kept from before
    assert ws.expected_seconds("midjourney", {"speed": "relaxed"}) == 200.0
    assert ws.expected_seconds("midjourney", {"speed": "fast"}) == 45.0
    task = ws.submit(mj("relaxed"), measure=False)
    assert ws.time_left(ws.store.get(task.task_id)) == "about 3 min left"  # 200 s: three minutes and a bit


def test_in_demo_mode_a_relaxed_task_is_planned_as_much_longer_as_the_simulator_makes_it(sim, clock, tmp_path):
    """Demo mode plans every model from the simulator's task length; the speed still stretches it as the catalogue
    says, and the simulator makes a relaxed task that much longer too."""
    simulator, _ = sim
    simulator.model_seconds.clear()
    simulator.task_seconds = 6.0
    ws = workspace(sim, clock, tmp_path, PollPolicy(typical_seconds=6.0))
    assert ws.expected_seconds("midjourney", {"speed": "relaxed"}) == 30.0
    assert ws.expected_seconds("midjourney", {"speed": "fast"}) == 6.0
    assert ws.expected_seconds("gpt-image-2", {}) == 6.0
    sent = clock.now
    task = ws.submit(mj("relaxed"), measure=False)
    done, times = follow_to_the_end(ws, clock, simulator, task.task_id)
    assert done.state == "success" and times[-1] - (sent + 30.0) <= 1.5 and len(times) <= 3
