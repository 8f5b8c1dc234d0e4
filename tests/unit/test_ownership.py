"""Issue 24: the core checks who may use a task on every action that takes one, not only the store's writes.

Bob's workspace handed Alice's task (or her comparison) is refused with a `NotYourTask` that says what was refused,
her rows stay exactly as they were, nothing reaches the service, and an `<action>_refused` audit line names Bob.
Alice does each of them on her own tasks as before; admins keep what they could do (delete anyone's task, make
something new from a task of unknown owner) and nothing more. Also: a comparison refused by the budget says what the
whole comparison needs, and a comparison reopens whatever its age. Real SQLite (and PostgreSQL where the query
matters), the simulator over HTTP.
"""

from __future__ import annotations

import copy
import sqlite3
import time

import psycopg
import pytest

from kie import catalog
from kie.models import GenerateRequest, Task
from kie.permissions import NotYourTask, TaskGone, TaskOfAnotherPerson
from kie.polling import PollPolicy
from kie.store import PostgresStore, TaskStore, engines
from kie.team import BudgetExceeded, Budgets, ComparisonOverBudget
from kie.workspace import Workspace
from tests.conftest import sim_requests

FAST = PollPolicy(first_poll=0.3, min_interval=0.2, max_interval=0.5, deadline=30)
COMPARED = ["gpt-image-2", "nano-banana-pro", "seedream-4.5"]  # one image each


@pytest.fixture
def workspace(tmp_path):
    return TaskStore(tmp_path, "kteam")


def raw_rows(store) -> list[tuple]:
    """Every stored task row, every column, read past the store's own code."""
    if isinstance(store, PostgresStore):
        with psycopg.connect(store._url) as db:
            return db.execute("SELECT * FROM tasks WHERE workspace = %s ORDER BY task_id",
                              (store.workspace,)).fetchall()
    with sqlite3.connect(store.db_path) as db:
        return db.execute("SELECT * FROM tasks ORDER BY task_id").fetchall()


def person(client, workspace, who: str | None, *, admin: bool = False) -> Workspace:
    return Workspace(client, workspace, policy=FAST).for_person(who, admin=admin)


def finished(workspace: Workspace, prompt: str) -> Task:
    task = workspace.submit(GenerateRequest(prompt=prompt))
    end = time.time() + 10
    while time.time() < end:
        workspace.poll_due()
        done = workspace.store.get(task.task_id)
        if done.state == "success" and done.images:
            return done
        time.sleep(0.05)
    raise AssertionError(f"{prompt!r} did not finish")


def timed_out(store, task_id: str, owner: str | None) -> Task:
    """A task past its deadline, kept straight in the store (as polling leaves one)."""
    now = time.time()
    task = Task(task_id=task_id, kind="text", request=GenerateRequest(prompt="slow"), state="timed_out",
                created_at=now - 900, deadline_at=now - 300)
    store.scoped(owner).add(task)  # owner None: a task of unknown owner (made before sign-in was on)
    return store.scoped(None).get(task_id)


@pytest.fixture
def alice_s(client, sim_server, workspace):
    """Alice's finished picture, her timed-out task and her comparison, all kept for her."""
    alice = person(client, workspace, "alice")
    picture = finished(alice, "alice's lighthouse")
    waiting = timed_out(workspace, "task_alice_waiting", "alice")
    compared = alice.compare("alice's kite", COMPARED[:2], {})
    return {"alice": alice, "picture": picture, "waiting": waiting, "comparison": compared[0].comparison_id}


# Each core action that takes a task, as Bob would hand it Alice's.
ACTIONS = {
    "tool": lambda bob, a: bob.run_tool(a["picture"], 0, "topaz-upscale", {"upscale_factor": "2"}),
    "run_again": lambda bob, a: bob.rerun(a["picture"]),
    "vary": lambda bob, a: bob.vary(a["picture"], 0),
    "edit": lambda bob, a: bob.own_task(a["picture"].task_id, "edit"),
    "reference": lambda bob, a: bob.own_task(a["picture"].task_id, "reference"),
    "restore": lambda bob, a: bob.own_task(a["picture"].task_id, "restore"),
    "keep_waiting": lambda bob, a: bob.keep_waiting(a["waiting"].task_id),
    "compare": lambda bob, a: bob.comparison(a["comparison"]),
    "delete": lambda bob, a: bob.delete(a["picture"].task_id),
}
SAYS = {"tool": "run a tool on its pictures", "run_again": "send it again", "vary": "make variations of its pictures",
        "edit": "edit it", "reference": "use its pictures as references", "restore": "restore its settings",
        "keep_waiting": "keep waiting for it", "compare": "open its comparison", "delete": "delete it"}


@pytest.mark.parametrize("action", list(ACTIONS))
def test_bob_handed_alice_s_task_is_refused_changes_nothing_sends_nothing_and_is_audited(
        action, client, sim_server, workspace, alice_s):
    before = raw_rows(workspace)
    sent = len(sim_requests(sim_server.url))
    bob = person(client, workspace, "bob")
    with pytest.raises(NotYourTask) as refused:
        ACTIONS[action](bob, alice_s)
    assert refused.value.message == f"This task belongs to another person on this studio, so you cannot {SAYS[action]}."
    assert "Nothing was changed" in str(refused.value)
    assert isinstance(refused.value, TaskOfAnotherPerson)  # pages that catch the family catch it
    assert raw_rows(workspace) == before
    assert len(sim_requests(sim_server.url)) == sent  # no upload, no generate, not even a record-info
    entry = workspace.audit_log()[0]
    target = alice_s["comparison"] if action == "compare" else \
        alice_s["waiting" if action == "keep_waiting" else "picture"].task_id
    assert (entry.actor, entry.action, entry.target) == ("bob", f"{action}_refused", target)


def test_a_task_object_claiming_to_be_bob_s_is_read_from_the_store_and_refused(client, sim_server, workspace,
                                                                               alice_s):
    forged = copy.copy(alice_s["picture"])
    forged.owner = "bob"
    bob = person(client, workspace, "bob")
    before = raw_rows(workspace)
    for attempt in (lambda: bob.rerun(forged), lambda: bob.run_tool(forged, 0, "recraft-remove-background", {})):
        with pytest.raises(NotYourTask):
            attempt()
    assert raw_rows(workspace) == before
    assert [e.action for e in workspace.audit_log()[:2]] == ["tool_refused", "run_again_refused"]


def test_a_task_no_longer_kept_is_said_to_be_gone_and_nothing_is_sent(client, sim_server, workspace, alice_s):
    alice = alice_s["alice"]
    ghost = copy.copy(alice_s["picture"])
    ghost.task_id = "task_never_kept"
    sent = len(sim_requests(sim_server.url))
    with pytest.raises(TaskGone, match="no longer in this history"):
        alice.rerun(ghost)
    with pytest.raises(TaskGone):
        alice.delete("task_never_kept")
    alice.keep_waiting("task_never_kept")  # nothing to wait for: nothing happens, as before
    assert len(sim_requests(sim_server.url)) == sent


def test_alice_does_each_action_on_her_own_tasks(client, sim_server, workspace, alice_s):
    alice = alice_s["alice"]
    picture = alice_s["picture"]
    tool = alice.run_tool(picture, 0, "topaz-upscale", {"upscale_factor": "2"})
    again = alice.rerun(picture)
    varied = alice.vary(picture, 0)
    assert tool.parent_id == picture.task_id and again.request.prompt == picture.prompt
    assert varied.parent_id == picture.task_id and set(varied.inputs) == {"ref0"}
    assert alice.own_task(picture.task_id, "edit").images == picture.images
    alice.keep_waiting(alice_s["waiting"].task_id)
    assert workspace.get(alice_s["waiting"].task_id).state == "pending"
    assert len(alice.comparison(alice_s["comparison"])) == 2
    alice.delete(picture.task_id)
    assert workspace.get(picture.task_id) is None
    assert workspace.audit_log()[0].action == "delete" and workspace.audit_log()[0].actor == "alice"


def test_an_admin_keeps_what_admins_could_do_and_nothing_more(client, sim_server, workspace, alice_s):
    old = timed_out(workspace, "task_before_sign_in", None)  # made before sign-in was on: unknown owner
    admin = person(client, workspace, "root", admin=True)
    # A task of unknown owner: an admin may make something new from it (as before), but not resume it.
    assert admin.own_task(old.task_id, "edit").task_id == old.task_id
    assert admin.rerun(old).owner == "root"
    with pytest.raises(NotYourTask):
        admin.keep_waiting(old.task_id)
    # Another person's task: an admin may delete it (as History always allowed), not use it.
    with pytest.raises(NotYourTask):
        admin.rerun(alice_s["picture"])
    with pytest.raises(NotYourTask):
        admin.run_tool(alice_s["picture"], 0, "topaz-upscale", {"upscale_factor": "2"})
    admin.delete(alice_s["picture"].task_id)
    assert workspace.get(alice_s["picture"].task_id) is None
    # A person who is not an admin may do neither with a task of unknown owner.
    bob = person(client, workspace, "bob")
    for attempt in (lambda: bob.rerun(old), lambda: bob.delete(old.task_id), lambda: bob.own_task(old.task_id)):
        with pytest.raises(NotYourTask):
            attempt()
    assert workspace.get(old.task_id) is not None


def test_without_sign_in_every_task_of_the_workspace_is_the_person_s(client, sim_server, workspace):
    anyone = person(client, workspace, None)
    picture = finished(anyone, "a shared fox")
    waiting = timed_out(workspace, "task_shared_waiting", None)
    assert anyone.rerun(picture).parent_id is None
    anyone.keep_waiting(waiting.task_id)
    assert workspace.get(waiting.task_id).state == "pending"


# -- comparisons: the budget's words, and any age ------------------------------------------------------------

def comparison_credits(models: list[str]) -> str:
    return f"{sum(catalog.get(m).price_per_image for m in models):g}"


def test_a_comparison_over_budget_says_what_it_needs_and_what_is_left(client, sim_server, workspace):
    budgets = Budgets(workspace, default_limit=2)
    alice = Workspace(client, workspace.scoped("alice"), policy=FAST, budgets=budgets)
    with pytest.raises(ComparisonOverBudget) as refused:  # the first two fit, the third does not: all refused
        alice.compare("a kite", COMPARED, {})
    assert isinstance(refused.value, BudgetExceeded)  # shown like every budget refusal
    assert (f"This comparison needs 3 images (about {comparison_credits(COMPARED)} credits); 2 images are left "
            "today (of 2).") in refused.value.message
    assert "needs 1" not in refused.value.message and "Nothing was sent." in refused.value.message
    assert sim_requests(sim_server.url) == [] and budgets.used_today("alice") == 0

    alice.submit(GenerateRequest.build("gpt-image-2", "one picture", {}))  # one image of two used
    with pytest.raises(ComparisonOverBudget) as refused:
        alice.compare("a kite", COMPARED, {})
    assert (f"This comparison needs 3 images (about {comparison_credits(COMPARED)} credits); 1 image is left "
            "today (of 2).") in refused.value.message
    assert budgets.used_today("alice") == 1


@pytest.fixture(params=["sqlite", "postgres"])
def any_workspace(request, tmp_path):
    if request.param == "sqlite":
        yield TaskStore(tmp_path, "kteam")
        return
    url = request.getfixturevalue("postgres_url")
    yield PostgresStore(url, tmp_path, "kteam")
    engines.close_engine(url)


def test_a_comparison_reopens_behind_more_than_500_newer_tasks(client, any_workspace):
    alice_store = any_workspace.scoped("alice")
    start = time.time() - 86_400 * 30
    for n, model in enumerate(COMPARED[:2]):
        alice_store.add(Task(task_id=f"task_cmp_{n}", kind="text", request=GenerateRequest.build(model, "old", {}),
                             state="success", created_at=start + n, model=model, comparison_id="cmp-old"))
    for n in range(600):  # newer work, hers and others'
        store = alice_store if n % 2 else any_workspace.scoped("bob")
        store.add(Task(task_id=f"task_new_{n:04d}", kind="text", request=GenerateRequest(prompt=f"new {n}"),
                       state="success", created_at=start + 100 + n))
    alice = Workspace(client, alice_store, policy=FAST)
    assert [t.task_id for t in alice.comparison("cmp-old")] == ["task_cmp_0", "task_cmp_1"]
    with pytest.raises(NotYourTask):
        Workspace(client, any_workspace.scoped("bob"), policy=FAST).comparison("cmp-old")
    assert alice.comparison("cmp-nothing") == []


# -- taking over a task of unknown owner: decided in the core, not by a page choosing a wider store -----------

def test_an_admin_takes_over_a_task_of_unknown_owner_and_nobody_else_does(client, any_workspace):
    old = timed_out(any_workspace, "task_before_sign_in", None)  # made before sign-in was on: unknown owner
    timed_out(any_workspace, "task_alice_own", "alice")
    bob = person(client, any_workspace, "bob")
    with pytest.raises(NotYourTask) as refused:
        bob.take_over(old.task_id)
    assert refused.value.message == "Only an admin can take over a task made before sign-in was on."
    assert "Nothing was changed" in str(refused.value)
    assert any_workspace.scoped(None).get(old.task_id).owner is None and bob.store.get(old.task_id) is None
    entry = any_workspace.audit_log()[0]
    assert (entry.actor, entry.action, entry.target) == ("bob", "take_over_refused", old.task_id)

    admin = person(client, any_workspace, "root", admin=True)
    with pytest.raises(NotYourTask) as refused:  # a task with an owner stays theirs, even for an admin
        admin.take_over("task_alice_own")
    assert refused.value.message == ("This task belongs to another person on this studio, so you cannot take it "
                                     "over.")
    assert any_workspace.scoped(None).get("task_alice_own").owner == "alice"
    entry = any_workspace.audit_log()[0]
    assert (entry.actor, entry.action, entry.target) == ("root", "take_over_refused", "task_alice_own")

    taken = admin.take_over(old.task_id)
    assert taken.owner == "root" and any_workspace.scoped("root").get(old.task_id) is not None
    entry = any_workspace.audit_log()[0]
    assert (entry.actor, entry.action, entry.target) == ("root", "adopt", old.task_id)  # the log's word, as before
    assert admin.take_over(old.task_id).owner == "root"  # pressed twice: handed back, nothing more
    assert [e.action for e in any_workspace.audit_log()].count("adopt") == 1
    with pytest.raises(NotYourTask):  # now it has an owner: another admin cannot take it from them
        person(client, any_workspace, "ops", admin=True).take_over(old.task_id)
    assert any_workspace.scoped(None).get(old.task_id).owner == "root"
    with pytest.raises(TaskGone):
        admin.take_over("task_never_kept")
