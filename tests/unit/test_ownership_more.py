"""Issue 24, the core checks ownership on every action that takes a task: the actions added or left out of
tests/unit/test_ownership.py's table (a tool, Run again, Vary, Edit, Use as reference, Restore, Keep waiting, a
comparison, Delete), with the same proof: Bob handed Alice's task is refused with `NotYourTask`, her rows stay exactly
as they were, nothing reaches the service, and an `<action>_refused` line names Bob and her task.

Here: Midjourney's Upscale and Vary follow-ups on her grid (sent on the provider's own task, nothing uploaded), Pick
in her comparison, and Try again on her failed download. Add a task by ID of her task: tests/unit/test_adopt.py.
"""

from __future__ import annotations

import time

import pytest

from kie import results
from kie.models import GenerateRequest, Task
from kie.permissions import NotYourTask
from kie.workspace import Workspace
from tests.conftest import sim_requests
from tests.unit import test_ownership as ownership
from tests.unit.test_midjourney_actions import FAST  # asks often: a Midjourney task is not waited a minute for
from tests.unit.test_ownership import COMPARED, raw_rows

workspace = ownership.workspace  # the shared SQLite store of tests/unit/test_ownership.py


def person(client, store, who: str) -> Workspace:
    return Workspace(client, store, policy=FAST).for_person(who)


def finished(workspace, request: GenerateRequest, count: int) -> Task:
    task = workspace.submit(request)
    end = time.time() + 30
    while time.time() < end:
        workspace.poll_due()
        done = workspace.store.get(task.task_id)
        if done.state == "success" and len(done.images) == count:
            return done
        time.sleep(0.05)
    raise AssertionError(f"{request.model} did not finish")


def failed_download(store, task_id: str, owner: str) -> Task:
    """A task whose pictures could not be downloaded, kept straight in the store (as Following leaves one)."""
    now = time.time()
    task = Task(task_id=task_id, kind="text", request=GenerateRequest(prompt="far away"), state="failed",
                error_code=results.DOWNLOAD_FAILED, error_message="Could not download the picture: HTTP 503.",
                created_at=now - 300, completed_at=now - 200)
    store.scoped(owner).add(task)
    return store.scoped(None).get(task_id)


@pytest.fixture
def alice_s(client, sim_server, workspace):
    alice = person(client, workspace, "alice")
    grid = finished(alice, GenerateRequest.build("midjourney", "alice's lighthouse", {"speed": "fast"}), 4)
    compared = alice.compare("alice's kite", COMPARED[:2], {})
    for task in compared:
        end = time.time() + 30
        while time.time() < end and not (alice.store.get(task.task_id).images):
            alice.poll_due()
            time.sleep(0.05)
    lost = failed_download(workspace, "task_alice_lost", "alice")
    return {"grid": grid, "comparison": compared[0].comparison_id, "winner": compared[0].task_id, "lost": lost}


# action -> (what Bob does, the refusal's audit word, what the audit line names)
ACTIONS = {
    "midjourney-upscale": (lambda bob, a: bob.run_tool(a["grid"], 1, "midjourney-upscale"), "tool", "grid"),
    "midjourney-vary": (lambda bob, a: bob.run_tool(a["grid"], 2, "midjourney-vary"), "tool", "grid"),
    "vary-grid": (lambda bob, a: bob.vary(a["grid"], 0), "vary", "grid"),
    "pick": (lambda bob, a: bob.comparisons.pick(a["comparison"], a["winner"]), "compare", "comparison"),
    "retry_download": (lambda bob, a: bob.retry_download(a["lost"].task_id), "retry_download", "lost"),
}


@pytest.mark.parametrize("action", list(ACTIONS))
def test_bob_handed_alice_s_task_is_refused_changes_nothing_sends_nothing_and_is_audited(
        action, client, sim_server, workspace, alice_s):
    attempt, word, named = ACTIONS[action]
    before = raw_rows(workspace)
    sent = len(sim_requests(sim_server.url))
    bob = person(client, workspace, "bob")
    with pytest.raises(NotYourTask) as refused:
        attempt(bob, alice_s)
    assert refused.value.message.startswith("This task belongs to another person on this studio, so you cannot ")
    assert "Nothing was changed" in str(refused.value)
    assert raw_rows(workspace) == before
    assert len(sim_requests(sim_server.url)) == sent  # no follow-up, no upload, not even a record-info
    target = alice_s[named] if named == "comparison" else alice_s[named].task_id
    entry = workspace.audit_log()[0]
    assert (entry.actor, entry.action, entry.target) == ("bob", f"{word}_refused", target)


def test_alice_does_them_on_her_own(client, sim_server, workspace, alice_s):
    alice = person(client, workspace, "alice")
    upscale = alice.run_tool(alice_s["grid"], 1, "midjourney-upscale")
    assert upscale.parent_id == alice_s["grid"].task_id
    assert [t.task_id for t in alice.comparisons.pick(alice_s["comparison"], alice_s["winner"]) if t.favourite] == [
        alice_s["winner"]]
    assert alice.retry_download(alice_s["lost"].task_id).state == "pending"
