"""Team server core: owners in every store query, daily budgets under concurrency, the audit log."""

from __future__ import annotations

import threading
import time

import pytest

from kie.models import GenerateRequest, Task
from kie.store import TaskQuery, TaskStore, UsageRow
from kie.team import BudgetExceeded, Budgets, admins_from, day_of
from kie.workspace import Workspace
from tests.conftest import sim_requests


def task(task_id: str, owner: str | None, **kwargs) -> Task:
    kwargs.setdefault("state", "success")
    return Task(task_id=task_id, kind="text", request=GenerateRequest(prompt=f"prompt {task_id}"), owner=owner,
                **kwargs)


@pytest.fixture
def shared(tmp_path):
    store = TaskStore(tmp_path, "kteam")
    store.add(task("a1", "alice@example.com", favourite=True))
    store.add(task("a2", "alice@example.com", state="pending"))
    store.add(task("b1", "bob@example.com", favourite=True))
    store.add(task("old", None))  # made before sign-in was on
    return store


def test_a_person_s_store_sees_only_their_tasks_in_every_query(shared):
    alice = shared.scoped("alice@example.com")
    assert {t.task_id for t in alice.query()} == {"a1", "a2"}
    assert alice.count() == 2 and alice.count(TaskQuery(favourites_only=True)) == 1
    assert [t.task_id for t in alice.unfinished()] == ["a2"] and alice.has_unfinished()
    assert alice.get("b1") is None and alice.get("old") is None  # a guessed taskId of a colleague shows nothing
    assert alice.get("a1").owner == "alice@example.com"
    assert not shared.scoped("bob@example.com").has_unfinished()
    assert alice.query(TaskQuery(search="b1")) == []


def test_a_person_cannot_change_or_delete_another_s_task(shared):
    alice = shared.scoped("alice@example.com")
    alice.set_favourite("b1", False)
    alice.set_showcase("b1", True)
    assert alice.delete("b1") is False
    b1 = shared.get("b1")
    assert b1.favourite and not b1.showcase
    assert alice.delete("a1") is True and shared.get("a1") is None


def test_new_tasks_of_a_person_s_store_are_theirs(shared):
    alice = shared.scoped("alice@example.com")
    alice.add(task("a3", None))
    assert shared.get("a3").owner == "alice@example.com"


def test_everyone_admins_and_unknown_owners(shared):
    assert shared.count() == 4  # the unscoped view: admins and "Everyone"
    assert [t.task_id for t in shared.query(TaskQuery(unowned_only=True))] == ["old"]
    assert {t.task_id for t in shared.query(TaskQuery(owner="bob@example.com"))} == {"b1"}
    assert shared.set_owner("old", "alice@example.com") and not shared.set_owner("old", "bob@example.com")
    assert shared.scoped("alice@example.com").get("old") is not None


def test_an_old_single_user_history_keeps_its_tasks_with_owner_unknown(tmp_path):
    import sqlite3

    folder = tmp_path / "workspaces" / "kold"
    folder.mkdir(parents=True)
    db = sqlite3.connect(folder / "tasks.sqlite3")
    db.execute("CREATE TABLE tasks (task_id TEXT PRIMARY KEY, kind TEXT NOT NULL, state TEXT NOT NULL, prompt TEXT "
               "NOT NULL, request TEXT NOT NULL, progress REAL NOT NULL DEFAULT 0, result_urls TEXT NOT NULL DEFAULT "
               "'[]', images TEXT NOT NULL DEFAULT '[]', inputs TEXT NOT NULL DEFAULT '{}', error_code INTEGER, "
               "error_message TEXT, created_at REAL NOT NULL, completed_at REAL, favourite INTEGER NOT NULL DEFAULT "
               "0, polls INTEGER NOT NULL DEFAULT 0, next_poll_at REAL NOT NULL DEFAULT 0, last_polled_at REAL, "
               "last_progress_at REAL, deadline_at REAL)")
    db.execute("INSERT INTO tasks (task_id, kind, state, prompt, request, created_at) VALUES ('t1', 'text', "
               "'success', 'p', '{\"prompt\": \"p\"}', 1)")
    db.commit()
    db.close()
    store = TaskStore(tmp_path, "kold")
    assert store.get("t1").owner is None and store.count(TaskQuery(unowned_only=True)) == 1
    assert store.scoped("alice@example.com").count() == 0


# -- budgets --------------------------------------------------------------------------------

def test_a_budget_refusal_says_what_is_left_and_when_it_resets(tmp_path):
    budgets = Budgets(TaskStore(tmp_path, "kteam"), default_limit=5, clock=lambda: 1_800_000_000.0)
    first = budgets.reserve("alice@example.com", 4)
    budgets.accepted(first, "t1")
    with pytest.raises(BudgetExceeded) as refused:
        budgets.reserve("alice@example.com", 2)
    text = refused.value.message
    assert "1 of 5 images left today" in text and "needs 2" in text and "UTC" in text and "Nothing was sent" in text
    assert budgets.used_today("alice@example.com") == 4 and budgets.used_today("bob@example.com") == 0


def test_a_released_reservation_gives_the_images_back_and_a_stale_one_stops_counting(tmp_path):
    now = [1_800_000_000.0]
    budgets = Budgets(TaskStore(tmp_path, "kteam"), default_limit=4, clock=lambda: now[0])
    budgets.release(budgets.reserve("alice@example.com", 4))
    budgets.reserve("alice@example.com", 4)  # a submit that crashed before it could confirm or release
    with pytest.raises(BudgetExceeded):
        budgets.reserve("alice@example.com", 1)
    now[0] += 601
    budgets.reserve("alice@example.com", 4)


def test_admins_give_one_person_another_limit_and_it_is_audited(tmp_path):
    store = TaskStore(tmp_path, "kteam")
    budgets = Budgets(store, default_limit=2)
    budgets.set_limit("bob@example.com", 10, by="admin@example.com")
    assert budgets.limit_for("bob@example.com") == 10 and budgets.limit_for("alice@example.com") == 2
    budgets.set_limit("bob@example.com", None, by="admin@example.com")
    assert budgets.limit_for("bob@example.com") == 2
    log = store.audit_log()
    assert [(e.actor, e.action, e.target) for e in log] == [("admin@example.com", "budget",
                                                                      "bob@example.com")] * 2
    assert log[0].detail == "default" and log[1].detail == "10 images/day"


@pytest.mark.parametrize("threads", [8, 24])
def test_the_budget_check_is_atomic_under_threads(tmp_path, threads):
    """Many submits at once for the last images of the day: exactly the limit gets through."""
    store = TaskStore(tmp_path, "kteam")
    budgets = Budgets(store, default_limit=6)
    start = threading.Barrier(threads)
    results: list[str] = []

    def press_generate():
        start.wait()
        try:
            budgets.reserve("alice@example.com", 2)
            results.append("ok")
        except BudgetExceeded:
            results.append("refused")

    workers = [threading.Thread(target=press_generate) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert results.count("ok") == 3 and results.count("refused") == threads - 3
    assert store.images_used("alice@example.com", day_of(time.time()), 0) == 6


def test_a_refused_submit_sends_and_uploads_nothing(client, sim_server, tmp_path):
    store = TaskStore(tmp_path, "kteam")
    workspace = Workspace(client, store).for_person("carol@example.com", Budgets(store, default_limit=1))
    from kie.workspace import InputFile

    with pytest.raises(BudgetExceeded):
        workspace.submit(GenerateRequest(prompt="two owls",
                                         options=(("n_variants", 2),)), [InputFile("ref", b"\x89PNG ref")])
    assert sim_requests(sim_server.url) == []
    assert store.images_used("carol@example.com", day_of(time.time()), 0) == 0


def test_an_accepted_submit_counts_its_images_records_its_owner_cost_and_audit_line(client, sim_server, tmp_path):
    store = TaskStore(tmp_path, "kteam")
    workspace = Workspace(client, store).for_person("dan@example.com", Budgets(store, default_limit=10))
    made = workspace.submit(GenerateRequest(prompt="a lynx", options=(("n_variants", 4),)))
    assert store.get(made.task_id).owner == "dan@example.com"
    assert store.images_used("dan@example.com", day_of(time.time()), 0) == 4
    assert store.get(made.task_id).credits == pytest.approx(6.0)  # the simulator's 1.5 credits per image
    usage = store.usage(day_of(time.time()))
    assert usage == [UsageRow(person="dan@example.com", day=day_of(time.time()), model=None, tasks=1, images=4,
                              failures=0, credits=pytest.approx(6.0), measured=1)]
    entry = store.audit_log()[0]
    assert (entry.actor, entry.action, entry.target) == ("dan@example.com", "submit", made.task_id)


def test_a_failed_submit_gives_the_reservation_back(client, sim, tmp_path):
    sim.add_faults([{"path": "/generate", "kind": "code:500", "count": 5}])
    store = TaskStore(tmp_path, "kteam")
    workspace = Workspace(client, store).for_person("erin@example.com", Budgets(store, default_limit=4))
    from kie import errors

    with pytest.raises(errors.KieError):
        workspace.submit(GenerateRequest(prompt="a wren", options=(("n_variants", 4),)))
    assert store.images_used("erin@example.com", day_of(time.time()), 0) == 0


def test_admins_are_read_without_case_or_spaces():
    assert admins_from(" Ann@Example.com, bo@x.org ,") == {"ann@example.com", "bo@x.org"}
    assert admins_from(None) == frozenset()
