"""A task's measured cost (kie.sending: the balance read just before and just after it is sent) with the simulator
giving failed tasks' prices back: a refund landing between the two reads leaves the task unmeasured (estimated,
said so) instead of "0 credits"; without one the difference is measured as before."""

from __future__ import annotations

import pytest

from kie.figures import cost_words
from kie.models import GenerateRequest
from kie.store import TaskStore
from kie.workspace import Workspace
from tests.conftest import TEST_KEY


def test_a_send_is_measured_at_what_the_balance_went_down(client, tmp_path):
    workspace = Workspace(client, TaskStore(tmp_path, "measure"))
    task = workspace.submit(GenerateRequest(prompt="a lynx", options=(("n_variants", 2),)))
    assert workspace.store.get(task.task_id).credits == pytest.approx(3.0)


def test_a_refund_between_the_two_reads_is_not_taken_for_this_task_s_cost(client, sim, tmp_path, monkeypatch):
    workspace = Workspace(client, TaskStore(tmp_path, "measure"))
    account = sim.account(f"Bearer {TEST_KEY}")
    reads = []
    real = client.credits

    def credits() -> float:
        if reads:  # the read after the send: another task's 1.5 credits came back meanwhile
            with sim.lock:
                sim.state.credits[account] = sim.credits_of(account) + 1.5
        reads.append(real())
        return reads[-1]

    monkeypatch.setattr(client, "credits", credits)
    task = workspace.submit(GenerateRequest(prompt="a lynx"))
    assert reads[0] == reads[1]  # charged 1.5, given back 1.5: the balance did not move
    kept = workspace.store.get(task.task_id)
    assert kept.credits is None  # not measured
    assert cost_words(kept) == "about 1.5 credits (estimate)"
