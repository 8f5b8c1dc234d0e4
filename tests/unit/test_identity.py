"""One identity per person: `issuer|sub` owns tasks, budgets and audit lines; e-mails compare without case; what
was kept under an e-mail before is found by its person after their next sign-in (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from kie.models import GenerateRequest, Task
from kie.store import PostgresStore, TaskStore, engines
from kie.team import (
    BudgetExceeded,
    Budgets,
    Person,
    admins_from,
    claim_identity,
    display_names,
    email_key,
    is_admin,
    person_id,
    resolve_person,
)

ISSUER = "http://127.0.0.1:9999"
NOW = 1_800_000_000.0


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):
    if request.param == "sqlite":
        yield TaskStore(tmp_path, "kteam")
        return
    url = request.getfixturevalue("postgres_url")
    yield PostgresStore(url, tmp_path, "kteam")
    engines.close_engine(url)


def signed_in(email: str, sub: str, admins: frozenset[str] = frozenset()) -> Person:
    """The Person components/sign_in.py builds from the provider's claims."""
    return Person(id=person_id(ISSUER, sub, email), name="", is_admin=is_admin(email, admins), email=email_key(email))


def task(task_id: str, owner: str | None) -> Task:
    return Task(task_id=task_id, kind="text", request=GenerateRequest(prompt=task_id), created_at=NOW, owner=owner)


def test_the_canonical_id_is_issuer_and_sub_and_e_mails_compare_without_case():
    carol = signed_in("Carol@Example.com ", "u-123")
    assert carol.id == f"{ISSUER}|u-123" and carol.email == "carol@example.com"
    assert signed_in("carol@example.com", "u-123").id == carol.id
    assert person_id("", "", "Dave@Example.com") == "dave@example.com"  # no sub: the e-mail, lower case
    assert is_admin("ADMIN@example.com", admins_from(" admin@Example.com ,x@y.z")) and not is_admin("", frozenset())


def test_a_limit_set_for_the_lower_case_address_holds_a_person_who_signs_in_with_capitals(store):
    """Issue 18's bypass: a limit of 1 for carol@example.com, sign-in as Carol@Example.com."""
    budgets = Budgets(store, default_limit=10, clock=lambda: NOW)
    budgets.set_limit(resolve_person(store, "carol@example.com"), 1, by="admin")  # before she ever signed in
    carol = signed_in("Carol@Example.com", "u-carol")
    claim_identity(store, carol, NOW)
    assert budgets.limit_for(carol.id) == 1
    budgets.accepted(budgets.reserve(carol.id, 1), "task_1")
    with pytest.raises(BudgetExceeded):
        budgets.reserve(carol.id, 1)
    # Set again by an admin typing capitals, once she is known: the same person, the same budget.
    budgets.set_limit(resolve_person(store, "CAROL@example.COM"), 2, by="admin")
    assert budgets.limit_for(carol.id) == 2 and [b.owner for b in store.budgets()] == [carol.id]
    budgets.reserve(carol.id, 1)
    with pytest.raises(BudgetExceeded):
        budgets.reserve(carol.id, 1)


def test_tasks_and_use_kept_under_an_e_mail_are_found_by_their_person_after_sign_in(store):
    store.add(task("task_old_1", "Carol@Example.com"))  # before: the owner was the e-mail as the provider wrote it
    store.add(task("task_old_2", "carol@example.com"))
    store.add(task("task_dave", "dave@example.com"))
    old = Budgets(store, default_limit=3, clock=lambda: NOW)
    old.accepted(old.reserve("Carol@Example.com", 2), "task_old_1")
    carol = signed_in("carol@EXAMPLE.com", "u-carol")
    assert claim_identity(store, carol, NOW) >= 3
    mine = store.scoped(carol.id)
    assert sorted(t.task_id for t in mine.query(limit=-1)) == ["task_old_1", "task_old_2"]
    assert Budgets(store, default_limit=3, clock=lambda: NOW).used_today(carol.id) == 2
    assert store.scoped("dave@example.com").get("task_dave") is not None  # nobody else's rows move
    assert claim_identity(store, carol, NOW + 1) == 0  # once: the next sign-in has nothing to map
    assert display_names(store)[carol.id] == "carol@example.com"
    assert [e.action for e in store.audit_log()] == ["identity"]


def test_a_changed_e_mail_keeps_the_person_s_tasks_and_budget(store):
    carol = signed_in("carol@example.com", "u-carol")
    claim_identity(store, carol, NOW)
    store.scoped(carol.id).add(task("task_carol", None))
    Budgets(store).set_limit(carol.id, 5, by="admin")
    renamed = signed_in("carol.smith@example.com", "u-carol")  # the provider changed her e-mail; sub stays
    assert renamed.id == carol.id
    claim_identity(store, renamed, NOW + 60)
    assert store.scoped(renamed.id).get("task_carol") is not None
    assert Budgets(store).limit_for(renamed.id) == 5
    assert display_names(store)[carol.id] == "carol.smith@example.com"
    assert resolve_person(store, "Carol.Smith@example.com") == carol.id


def test_a_new_person_reusing_an_e_mail_does_not_take_a_known_person_s_tasks(store):
    first = signed_in("team@example.com", "u-first")
    claim_identity(store, first, NOW)
    store.scoped(first.id).add(task("task_first", None))
    second = signed_in("team@example.com", "u-second")
    claim_identity(store, second, NOW + 60)
    assert store.scoped(second.id).get("task_first") is None
    assert store.scoped(first.id).get("task_first") is not None


def test_an_unverified_e_mail_takes_nothing_kept_under_that_address(store):
    store.add(task("task_alice_old", "alice@example.com"))
    mallory = Person(id=person_id(ISSUER, "u-mallory", "alice@example.com"), email="alice@example.com",
                     email_verified=False)
    assert claim_identity(store, mallory, NOW) == 0
    assert store.scoped(mallory.id).get("task_alice_old") is None
    assert store.scoped("alice@example.com").get("task_alice_old") is not None
