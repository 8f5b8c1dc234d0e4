"""One suite over both history back ends: SQLite in a temp folder, and PostgreSQL in a throwaway cluster.

Every behaviour the app relies on must be the same on both: filters, owner scoping, claims, callbacks, budgets,
audit, usage. The PostgreSQL-only tests at the end cover migrations and a server restart.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
import sqlalchemy as sa

from kie.models import GenerateRequest, Task
from kie.store import (
    AuditLine,
    Budget,
    NotYours,
    PostgresStore,
    StoreUnavailable,
    TaskQuery,
    TaskStore,
    UsageRow,
    engines,
    tables,
)
from kie.store.rows import UnknownState


def make(task_id: str, prompt: str = "a cat", created: float = 1000.0, **kw) -> Task:
    request = GenerateRequest.from_dict({"prompt": prompt, **kw.pop("request", {})})
    return Task(task_id=task_id, kind=request.kind, request=request, created_at=created, **kw)


def replica_url(url: str) -> str:
    """The same database under another URL: its own pool, as another replica would have."""
    return url + "?application_name=replica2"


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):
    if request.param == "sqlite":
        yield TaskStore(tmp_path, "demo")
        return
    url = request.getfixturevalue("postgres_url")
    yield PostgresStore(url, tmp_path, "demo")
    engines.close_engine(url)
    engines.close_engine(replica_url(url))


def twin(store, workspace: str | None = None, owner: str | None = None, files=None):
    """Another store object on the same history (for PostgreSQL: through another pool, like another replica)."""
    workspace = workspace or store.workspace
    if isinstance(store, PostgresStore):
        return PostgresStore(replica_url(store._url), store.data_dir, workspace, owner, files=files)
    return TaskStore(store.data_dir, workspace, owner, files=files)


def ids(tasks: list[Task]) -> list[str]:
    return [t.task_id for t in tasks]


# -- tasks ---------------------------------------------------------------------------------


def test_every_column_round_trips_and_a_task_is_kept_once(store):
    task = make("t1", result_urls=["https://e.com/1.png", "https://e.com/2.png"], inputs={"source": "abc.png"},
                owner="ann@x.org", callback_token="tok-1", credits=1.5, error_code=None, deadline_at=1600.25,
                request={"size": "3:2", "n_variants": 2})
    assert store.add(task)
    assert not store.add(make("t1", prompt="other"))
    assert store.get("t1") == task
    task.state, task.progress, task.images, task.polls = "success", 1.0, ["0.png"], 3
    task.completed_at, task.last_polled_at, task.last_progress_at = 1010.5, 1010.5, 1009.0
    store.save(task)
    again = store.get("t1")
    assert again == task and again.needs_polling  # one image of two cached: still open
    assert store.has_unfinished() and ids(store.unfinished()) == ["t1"]
    task.images = ["0.png", "1.png"]
    store.save(task)
    assert not store.has_unfinished() and store.unfinished() == []
    assert store.get("missing") is None


def test_save_never_undoes_the_own_setters(store):
    store.add(make("t1", owner=None))
    stale = store.get("t1")  # a poll's copy, read before the changes below
    store.set_favourite("t1", True)
    store.set_showcase("t1", True)
    assert store.set_owner("t1", "bob@x.org")
    assert not store.set_owner("t1", "eve@x.org")  # only a task of unknown owner is given away
    stale.progress, stale.polls = 0.5, 1
    store.save(stale)
    now = store.get("t1")
    assert (now.favourite, now.showcase, now.owner, now.progress, now.polls) == (True, True, "bob@x.org", 0.5, 1)


def test_every_filter_and_the_order(store):
    store.add(make("a", "Red fox in snow", created=100, state="success", owner="ann"))
    store.add(make("b", "blue whale", created=200, state="failed", owner="bob"))
    store.add(make("c", "red_panda 100%", created=300, request={"files_url": ("https://e.com/x.png",)}))
    store.add(make("e", "edit me", created=300, request={"files_url": ("https://e.com/y.png",),
                                                          "mask_url": "https://e.com/m.png"}, owner="ann"))
    store.add(make("d", "tie", created=300, state="timed_out", owner="ann"))
    store.set_favourite("b", True)
    store.set_showcase("a", True)
    cases = {
        TaskQuery(): ["c", "d", "e", "b", "a"],  # newest first, ties by id
        TaskQuery(search="red"): ["c", "a"],  # case-insensitive
        TaskQuery(search="fox SNOW"): ["a"],  # every word
        TaskQuery(search="100%"): ["c"],  # % is literal
        TaskQuery(search="d_p"): ["c"],  # _ is literal
        TaskQuery(search="a\\b"): [],
        TaskQuery(states=("failed",)): ["b"],
        TaskQuery(states=("success", "timed_out")): ["d", "a"],
        TaskQuery(kinds=("variants",)): ["c"],
        TaskQuery(kinds=("edit", "variants")): ["c", "e"],
        TaskQuery(favourites_only=True): ["b"],
        TaskQuery(showcase_only=True): ["a"],
        TaskQuery(created_from=150, created_to=300): ["b"],
        TaskQuery(created_from=300): ["c", "d", "e"],
        TaskQuery(owner="ann"): ["d", "e", "a"],
        TaskQuery(unowned_only=True): ["c"],
        TaskQuery(owner="ann", states=("pending",), search="edit"): ["e"],
    }
    for query, expected in cases.items():
        assert ids(store.query(query)) == expected, query
        assert store.count(query) == len(expected), query
    assert ids(store.query(limit=2, offset=1)) == ["d", "e"]
    assert ids(store.query(limit=10, offset=5)) == []


def test_owner_scoping_in_every_read_and_change(store):
    store.add(make("a1", created=1, owner="ann"))
    store.add(make("b1", created=2, owner="bob"))
    store.add(make("n1", created=3))
    ann = store.scoped("ann")
    assert ann.owner == "ann" and ann.workspace == store.workspace
    assert ids(ann.query()) == ["a1"] and ann.count() == 1
    assert ids(ann.query(TaskQuery(owner="bob"))) == [] and ann.count(TaskQuery(unowned_only=True)) == 0
    assert ann.get("b1") is None and ann.get("a1").owner == "ann"
    assert ids(ann.unfinished()) == ["a1"] and ann.has_unfinished()
    assert not twin(store, owner="carl").has_unfinished()
    ann.set_favourite("b1", True)
    ann.set_showcase("b1", True)
    assert not ann.delete("b1")
    bob_task = store.get("b1")
    assert not bob_task.favourite and not bob_task.showcase
    made = make("a2", created=4)
    assert ann.add(made) and made.owner == "ann" and store.get("a2").owner == "ann"  # a new task is theirs
    assert ann.delete("a2") and store.get("a2") is None
    assert ids(store.scoped(None).query()) == ["n1", "b1", "a1"]


def test_workspaces_never_see_each_other(store):
    other = twin(store, workspace="k0123456789abcdef01234567")
    store.add(make("t1", owner="ann"))
    store.set_budget("ann", 5, "admin", 1.0)
    store.audit("admin", "budget", "ann", "5", 1.0)
    assert other.get("t1") is None and other.count() == 0 and other.query() == []
    assert other.budgets() == [] and other.audit_log() == [] and other.next_due() is None
    assert other.add(make("t1")) and other.delete("t1") and store.get("t1") is not None


def test_delete_forgets_the_task_and_its_files(store):
    store.add(make("t1"))
    name = store.save_image("t1", 0, b"png-bytes")
    assert store.image_path("t1", name).read_bytes() == b"png-bytes"
    assert store.input_path(store.save_input(b"in")).read_bytes() == b"in"
    assert store.delete("t1") and not store.delete("t1")
    assert store.get("t1") is None and not store.image_path("t1", name).exists()
    with pytest.raises(ValueError):
        store.image_path("../x", "0.png")


# -- claims and callbacks ---------------------------------------------------------------------


def test_one_claim_wins_per_due_time_across_two_stores(store):
    other = twin(store)
    store.add(make("t1", next_poll_at=100.0))
    assert not store.claim("t1", now=99.0, lease=30)  # not due yet
    assert store.claim("t1", now=100.0, lease=30)
    assert not other.claim("t1", now=100.0, lease=30)
    assert other.claim("t1", now=131.0, lease=30)  # the lease ran out
    assert not store.claim("missing", now=200.0, lease=30)


def test_racing_claims_have_exactly_one_winner(store):
    other = twin(store)
    for i in range(5):
        store.add(make(f"t{i}"))
    barrier = threading.Barrier(8)

    def race(who: int) -> list[bool]:
        mine = (store, other)[who % 2]
        barrier.wait()
        return [mine.claim(f"t{i}", now=500.0, lease=60) for i in range(5)]

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(race, range(8)))
    assert [sum(r[i] for r in results) for i in range(5)] == [1] * 5


def test_next_due_is_the_earliest_open_task(store):
    assert store.next_due() is None
    store.add(make("t1", next_poll_at=50.0))
    store.add(make("t2", next_poll_at=20.0))
    store.add(make("t3", next_poll_at=5.0, state="failed"))  # finished: not followed
    assert store.next_due() == 20.0
    assert twin(store, owner="someone").next_due() == 20.0  # the worker's view: never scoped


def test_a_callback_is_taken_in_once_and_a_racing_save_keeps_the_task_due(store):
    store.add(make("t1", callback_token="secret-token", next_poll_at=900.0))
    store.add(make("t2", state="success", callback_token="other-token"))
    assert store.task_for_callback("secret-token").task_id == "t1"
    assert store.task_for_callback("nope") is None
    polled = store.get("t1")  # a poll read the task before the callback came
    assert twin(store).note_callback("t1", now=950.0)
    assert not store.note_callback("t1", now=951.0)  # the same callback twice changes nothing
    assert not store.note_callback("t2", now=950.0)  # no longer followed
    polled.polls, polled.next_poll_at = 1, 1200.0
    store.save(polled)  # written after the callback, from the stale copy
    after = store.get("t1")
    assert after.callback_at == 950.0 and after.next_poll_at == 0 and after.polls == 1
    after.next_poll_at = 1300.0
    store.save(after)  # the poll that saw the callback sets the next time as usual
    assert store.get("t1").next_poll_at == 1300.0


def test_a_callback_s_receiver_claims_its_confirmation_in_the_same_write_and_a_racing_save_keeps_the_claim(store):
    store.add(make("t1", callback_token="secret-token", next_poll_at=900.0))
    polled = store.get("t1")  # a poll read the task before the callback came
    assert twin(store).note_callback("t1", now=950.0, claim=60.0)  # the replica the provider called
    assert store.get("t1").next_poll_at == 1010.0 and store.next_due() == 1010.0
    assert not store.claim("t1", now=1009.0, lease=60.0)  # any other poller: not while the receiver asks
    polled.polls, polled.next_poll_at = 1, 1200.0
    store.save(polled)  # written after the callback, from the stale copy
    assert store.get("t1").next_poll_at == 1010.0
    assert store.claim("t1", now=1010.0, lease=60.0)  # a receiver that died frees it when its claim ends


def test_ping_reads_the_database(store):
    store.ping()


# -- team ---------------------------------------------------------------------------------------


def test_reservations_are_atomic_under_threads(store):
    other = twin(store)
    barrier = threading.Barrier(12)

    def reserve(who: int) -> bool:
        mine = (store, other)[who % 2]
        barrier.wait()
        return mine.reserve_images("ann", "2025-01-01", 1, 5, now=100.0, stale_before=0.0)[0]

    with ThreadPoolExecutor(12) as pool:
        won = list(pool.map(reserve, range(12)))
    assert sum(won) == 5
    assert store.images_used("ann", "2025-01-01", 0.0) == 5 == other.images_used("ann", "2025-01-01", 0.0)
    assert store.images_used("bob", "2025-01-01", 0.0) == 0


def test_reserve_confirm_release_and_stale_reservations(store):
    ok, used, first = store.reserve_images("ann", "d1", 2, 4, now=100.0, stale_before=0.0)
    assert (ok, used) == (True, 0) and first
    assert store.reserve_images("ann", "d1", 3, 4, now=101.0, stale_before=0.0) == (False, 2, None)
    ok, used, second = store.reserve_images("ann", "d1", 2, 0, now=102.0, stale_before=0.0)  # 0: no limit
    assert (ok, used) == (True, 2)
    store.confirm_images(first, "t1", 1.5, now=110.0)
    store.release_images(first)  # taken already: stays
    store.release_images(second)
    assert store.images_used("ann", "d1", stale_before=0.0) == 2
    store.reserve_images("ann", "d1", 1, 0, now=103.0, stale_before=0.0)
    assert store.images_used("ann", "d1", stale_before=200.0) == 2  # an old reservation no longer counts


def test_tasks_made_in_a_time_span(store):
    store.add(make("t1", created=110.0))
    assert store.accepted_between(105.0, 110.0) == 1 and store.accepted_between(111.0, 200.0) == 0


def test_budgets(store):
    assert store.budget_of("ann") is None and store.budgets() == []
    store.set_budget("bob", 10, "admin@x", 1.0)
    store.set_budget("ann", 5, "admin@x", 2.0)
    store.set_budget("ann", 7, "root@x", 3.0)
    assert store.budget_of("ann") == 7
    assert store.budgets() == [
        Budget(owner="ann", daily_images=7, updated_by="root@x", updated_at=3.0),
        Budget(owner="bob", daily_images=10, updated_by="admin@x", updated_at=1.0),
    ]
    store.set_budget("ann", None, "root@x", 4.0)
    assert store.budget_of("ann") is None and [b.owner for b in store.budgets()] == ["bob"]


def test_audit_log_newest_first(store):
    store.audit("ann", "submit", "t1", None, 10.0)
    store.audit("bob", "delete", "t1", "why", 20.0)
    store.audit("ann", "budget", "bob", "7", 20.0)  # same instant: written later comes first
    log = store.audit_log()
    assert [(r.actor, r.action) for r in log] == [("ann", "budget"), ("bob", "delete"), ("ann", "submit")]
    assert log[1] == AuditLine(at=20.0, actor="bob", action="delete", target="t1", detail="why")
    assert [r.action for r in store.audit_log(limit=1, offset=1)] == ["delete"]


def test_usage_per_person_and_day(store):
    store.add(make("t1", owner="ann", state="failed"))
    store.add(make("t2", owner="ann"))
    spent = (("ann", "2025-01-02", 2, "t1", 3.0), ("ann", "2025-01-02", 1, "t2", None),
             ("bob", "2025-01-02", 4, "gone", 2.0), ("ann", "2024-12-31", 1, "x", 1.0))
    for owner, day, images, task, credits in spent:
        _, _, rid = store.reserve_images(owner, day, images, 0, now=1.0, stale_before=0.0)
        store.confirm_images(rid, task, credits, now=2.0)
    store.reserve_images("bob", "2025-01-03", 9, 0, now=1.0, stale_before=0.0)  # never accepted: not used
    assert store.usage("2025-01-01") == [
        # t1 failed: nothing charged (its 3.0 is not counted, and it is known, so measured); t2: neither measured
        # nor failed.
        UsageRow(person="ann", day="2025-01-02", model=None, tasks=2, images=3, failures=1, credits=0.0, measured=1,
                 unmeasured_images=1),
        UsageRow(person="bob", day="2025-01-02", model=None, tasks=1, images=4, failures=0, credits=2.0, measured=1),
    ]


# -- PostgreSQL only: migrations, pools, restarts ---------------------------------------------------


def test_migrations_apply_once_even_twice_and_from_two_threads_at_once(postgres_url):
    expected = engines.revisions()
    assert expected[0] == "0001" and len(expected) == len(set(expected))
    barrier = threading.Barrier(2)

    def apply() -> list[str]:
        barrier.wait()
        return engines.upgrade(postgres_url)

    try:
        with ThreadPoolExecutor(2) as pool:
            results = list(pool.map(lambda _: apply(), range(2)))
        assert sorted(results, key=len) == [[], expected]  # one applied everything, the other nothing
        assert engines.upgrade(postgres_url) == []
        with psycopg.connect(postgres_url) as ctx:
            assert ctx.execute("SELECT version_num FROM alembic_version").fetchall() == [(expected[-1],)]
    finally:
        engines.close_engine(postgres_url)


def test_a_new_database_is_migrated_on_first_use(postgres_url, tmp_path):
    try:
        store = PostgresStore(postgres_url, tmp_path, "demo")
        assert store.count() == 0 and engines.upgrade(postgres_url) == []
        assert store.dialect.engine is store.scoped("ann").dialect.engine is engines.engine_for(postgres_url)
        assert PostgresStore.existing(postgres_url, tmp_path, "demo") is None  # no task yet: not made
        assert PostgresStore.existing(postgres_url, tmp_path, "../x") is None
        store.add(make("t1"))
        assert PostgresStore.existing(postgres_url, tmp_path, "demo").get("t1") is not None
        assert "postgres" not in repr(store)  # the URL (maybe with a password) is not shown
    finally:
        engines.close_engine(postgres_url)


def test_a_plain_postgresql_url_goes_through_psycopg_3(postgres_url, tmp_path):
    assert postgres_url.startswith("postgresql://")
    try:
        store = PostgresStore(postgres_url, tmp_path, "demo")
        assert store.dialect.engine.dialect.driver == "psycopg" and store.count() == 0
    finally:
        engines.close_engine(postgres_url)


def test_the_pool_recovers_after_a_server_restart(postgres_server, postgres_url, tmp_path, monkeypatch):
    monkeypatch.setattr(engines, "TIMEOUT", 2.0)  # fail fast while the server is down
    store = PostgresStore(postgres_url, tmp_path, "demo")
    try:
        store.add(make("t1"))
        postgres_server.restart()  # every pooled connection breaks
        assert store.count() == 1  # checked before use: a broken one is replaced, the call does not fail
        postgres_server.stop()
        began = time.monotonic()
        with pytest.raises(StoreUnavailable, match="try again"):
            store.count()
        for kept_statement in (lambda: store.get("t1"), lambda: store.reserve_images("ann", "d", 1, 0, now=1.0,
                                                                                        stale_before=0.0)):
            with pytest.raises(StoreUnavailable, match="try again"):  # the driver-level path says the same
                kept_statement()
        assert time.monotonic() - began < 10
        postgres_server.start()
        deadline = time.monotonic() + 30
        while True:  # what a caller does: try again
            try:
                assert store.count() == 1
                break
            except StoreUnavailable:
                assert time.monotonic() < deadline, "the pool did not recover"
                time.sleep(0.2)
        assert store.claim("t1", now=time.time(), lease=10)
    finally:
        engines.close_engine(postgres_url)


# -- batches and the prompt library ----------------------------------------------------------


def test_a_batch_is_queued_whole_and_each_item_is_taken_once_in_order(store):
    store.scoped("ann").add_batch("b1", "cats", [{"prompt": f"cat {n}"} for n in range(3)], now=1.0)
    store.add_batch("b2", "dogs", [{"prompt": "dog"}], now=2.0)
    other = twin(store)
    taken = [store.take_batch_item(10.0), other.take_batch_item(10.0), store.take_batch_item(10.0)]
    assert [(t.batch_id, t.position) for t in taken] == [("b1", 0), ("b1", 1), ("b1", 2)]
    assert taken[0].owner == "ann" and taken[0].request == {"prompt": "cat 0"}
    store.finish_batch_item("b1", 0, "sent", task_id="t0")
    store.finish_batch_item("b1", 1, "queued")  # a 429: back in the queue, not sent
    summary = store.batch("b1")
    assert (summary.total, summary.sent, summary.queued, summary.sending) == (3, 1, 1, 1)
    assert store.scoped("bob").batch("b1") is None and [b.id for b in store.scoped("ann").batches()] == ["b1"]
    assert [i.state for i in store.batch_items("b1")] == ["sent", "queued", "sending"]


def test_many_senders_never_take_one_item_twice(store):
    store.add_batch("b1", "many", [{"prompt": str(n)} for n in range(30)], now=1.0)
    stores = [store, twin(store)]
    with ThreadPoolExecutor(6) as pool:
        taken = list(pool.map(lambda n: stores[n % 2].take_batch_item(5.0), range(40)))
    got = [(t.batch_id, t.position) for t in taken if t]
    assert len(got) == 30 and len(set(got)) == 30


def test_pause_resume_cancel_and_recovery_of_items_left_sending(store):
    store.add_batch("b1", "b", [{"prompt": str(n)} for n in range(4)], now=1.0)
    store.set_batch_state("b1", "paused")
    assert store.take_batch_item(2.0) is None
    store.set_batch_state("b1", "running")
    first = store.take_batch_item(2.0)
    assert first.position == 0
    assert store.recover_batch_items(stale_before=1.0) == 0  # still fresh
    assert store.recover_batch_items(stale_before=3.0) == 1  # its sender died: never resent
    store.set_batch_state("b1", "cancelled")
    store.set_batch_state("b1", "running")  # a cancelled batch stays cancelled
    states = [i.state for i in store.batch_items("b1")]
    assert states == ["unconfirmed", "cancelled", "cancelled", "cancelled"]
    assert store.batch("b1").state == "cancelled" and store.take_batch_item(9.0) is None


def test_the_prompt_library_and_recent_prompts_belong_to_their_person(store):
    ann = store.scoped("ann")
    ann.save_prompt("p1", "Sunset", "sky, warm", {"prompt": "a sunset", "size": "3:2"}, now=1.0)
    store.scoped("bob").save_prompt("p2", "Bob's", "", {"prompt": "x"}, now=1.0)
    assert [p.name for p in ann.prompts()] == ["Sunset"] and ann.prompts()[0].request["size"] == "3:2"
    assert not store.scoped("bob").delete_prompt("p1") and ann.delete_prompt("p1") and ann.prompts() == []
    for n, prompt in enumerate(["a fox", "a hen", "a fox", ""]):
        ann.add(make(f"t{n}", prompt=prompt or "", created=10.0 + n, request={} if prompt else {"files_url": ("https://e.com/r.png",)}))
    store.scoped("bob").add(make("tb", prompt="bob's owl", created=50.0))
    assert ann.recent_prompts() == ["a fox", "a hen"]


def test_a_negative_limit_means_the_whole_history(store):
    for n in range(30):
        store.add(make(f"t{n:02d}", created=1000.0 + n))
    assert len(store.query(limit=-1)) == 30 and len(store.query(limit=-1, offset=25)) == 5


def test_what_one_replica_changes_the_others_see_at_their_next_read(store):
    """A budget, a claim, a callback, a favourite and a delete made through one store object (one replica)."""
    other = twin(store)
    store.add(make("t1", callback_token="demo." + "A" * 32))
    store.add(make("t2"))
    store.set_budget("ann", 3, "admin", now=1.0)
    assert other.budget_of("ann") == 3
    assert store.claim("t1", now=2000.0, lease=60.0) and not other.claim("t1", now=2000.0, lease=60.0)
    assert other.note_callback("t2", now=2001.0) and store.get("t2").callback_at == 2001.0
    other.set_favourite("t2", True)
    assert store.get("t2").favourite
    other.delete("t1")
    assert store.get("t1") is None


def test_the_rate_ledger_in_postgresql_is_shared_by_replicas(postgres_url):
    """Two replicas (two pools) taking slots for one account: never more than the rate in any window."""
    from kie.ratelimit import Rate
    from kie.store.ledger import SqlSlotLedger

    rate = Rate(5, 1.0)
    ledgers = [SqlSlotLedger(postgres_url, "acct"), SqlSlotLedger(replica_url(postgres_url), "acct")]
    granted: list[float] = []
    lock = threading.Lock()
    start = time.time()

    def send(n: int) -> None:
        while time.time() - start < 2.5:
            now = time.time()
            if ledgers[n % 2].take(now, rate) == 0.0:
                with lock:
                    granted.append(now)
            time.sleep(0.01)

    with ThreadPoolExecutor(6) as pool:
        list(pool.map(send, range(6)))
    granted.sort()
    assert len(granted) >= 10
    assert all(sum(1 for u in granted if t <= u < t + rate.seconds) <= rate.count for t in granted)
    ledgers[0].block_until(time.time() + 60)
    assert ledgers[1].take(time.time(), rate) > 50  # a 429's block holds for every replica
    engines.close_engine(replica_url(postgres_url))


# -- owner checks in the store: another person's id changes nothing ----------------------------------


def raw(store, table, **key) -> dict | None:
    """A row as the database holds it (every column), read past the store's scoping."""
    where = [table.c.workspace == store.workspace, *(table.c[k] == v for k, v in key.items())]
    with store.dialect.single() as db:
        row = db.execute(sa.select(table).where(*where)).mappings().first()
    return dict(row) if row is not None else None


@pytest.fixture
def alices(store):
    """Alice's task (with an image), batch, prompt and reservation; Bob's scoped view of the same workspace."""
    alice = store.scoped("alice")
    alice.add(make("ta", owner="alice", callback_token="tok-a", state="success", result_urls=["https://e.com/0.png"],
                   demo=True))
    alice.save_image("ta", 0, b"alice's picture")
    alice.add_batch("ba", "alice's batch", [{"prompt": "one"}, {"prompt": "two"}], now=1.0)
    alice.save_prompt("pa", "Alice's", "x", {"prompt": "p"}, now=1.0)
    _, _, reservation = alice.reserve_images("alice", "d1", 1, 0, now=1.0, stale_before=0.0)
    store.add(make("tn", owner=None))  # made before sign-in: nobody's
    return alice, store.scoped("bob"), reservation


def test_bob_cannot_add_save_or_mark_alices_task(store, alices):
    alice, bob, _ = alices
    before = raw(store, tables.tasks, task_id="ta")
    theirs = make("ta", prompt="bob's version", owner=None)
    with pytest.raises(NotYours) as refused:
        bob.add(theirs)  # Add a task by ID with Alice's taskId
    assert refused.value.task_id == "ta" and bob.owner_of("ta") == (True, "alice")
    assert not alice.add(make("ta"))  # her own again: simply not added
    with pytest.raises(NotYours):
        bob.add(make("tx", owner="alice"))  # a scoped store makes only its own person's tasks
    theirs.state, theirs.images, theirs.polls = "pending", [], 0
    assert not bob.save(theirs)
    assert not bob.set_favourite("ta", True) and not bob.set_showcase("ta", True)
    assert not bob.claim("ta", now=1e12, lease=60) and not bob.note_callback("ta", now=5.0)
    assert not bob.set_owner("ta", "bob") and not bob.delete("ta") and bob.delete_demo() == 0
    assert raw(store, tables.tasks, task_id="ta") == before
    assert bob.get("ta") is None and store.get("ta").owner == "alice"
    assert alice.image_path("ta", "0.png").read_bytes() == b"alice's picture"


def test_bob_cannot_write_images_of_alices_task_or_claim_an_unowned_task_for_someone_else(store, alices):
    _, bob, _ = alices
    with pytest.raises(NotYours):
        bob.save_image("ta", 1, b"bob's")
    with pytest.raises(NotYours):
        bob.save_thumb("ta", "0.png", b"bob's")
    assert not bob.image_path("ta", "1.png").exists() and not bob.thumb_path("ta", "0.png").exists()
    before = raw(store, tables.tasks, task_id="tn")
    assert not bob.set_owner("tn", "alice") and raw(store, tables.tasks, task_id="tn") == before
    assert not bob.set_owner("tn", "bob") and raw(store, tables.tasks, task_id="tn") == before  # nobody's to take
    assert store.set_owner("tn", "bob") and store.get("tn").owner == "bob"  # an admin (unscoped) gives it
    with pytest.raises(NotYours):
        bob.load([make("tl", owner="alice")])  # bulk loading too makes only his own tasks
    assert raw(store, tables.tasks, task_id="tl") is None


def test_no_files_are_left_behind_by_a_task_deleted_while_they_were_written(store, alices):
    alice, _, _ = alices

    class DeletedWhileWriting(type(store.files)):
        """The person deletes the task after the worker's check and before its download is written."""

        def save_image(self, task_id, index, content, suffix=".png"):
            alice.delete(task_id)
            return super().save_image(task_id, index, content, suffix)

    store.add(make("tw", owner="alice"))
    files = DeletedWhileWriting.__new__(DeletedWhileWriting)
    files.__dict__.update(store.files.__dict__)
    racing = twin(store, files=files)
    with pytest.raises(NotYours):
        racing.save_image("tw", 0, b"late picture")
    assert not store.image_path("tw", "0.png").exists()  # nothing left behind without its task


def test_a_person_marks_only_their_own_stale_items_and_audits_only_as_themselves(store, alices):
    alice, bob, _ = alices
    taken = store.take_batch_item(5.0)  # the worker starts sending Alice's item, then dies
    assert bob.recover_batch_items(stale_before=1e12) == 0
    assert raw(store, tables.batch_items, batch_id="ba", position=taken.position)["state"] == "sending"
    assert alice.recover_batch_items(stale_before=1e12) == 1
    with pytest.raises(NotYours):
        bob.audit("alice", "deleted", "ta", None, 5.0)
    bob.audit("bob", "looked", None, None, 5.0)
    assert [(line.actor, line.action) for line in store.audit_log()] == [("bob", "looked")]


def test_an_item_put_back_after_its_batch_was_cancelled_is_cancelled(store, alices):
    alice, _, _ = alices
    taken = store.take_batch_item(5.0)
    assert alice.set_batch_state("ba", "cancelled")
    assert store.finish_batch_item("ba", taken.position, "queued", error="the service was busy")
    assert {i.state for i in store.batch_items("ba")} == {"cancelled"}  # nothing queued that would never go


def test_a_reservation_is_confirmed_once(store, alices):
    alice, _, reservation = alices
    alice.confirm_images(reservation, "t1", 2.0, now=2.0)
    alice.confirm_images(reservation, "t2", 9.0, now=3.0)
    row = raw(store, tables.spend, id=reservation)
    assert (row["task_id"], row["credits"], row["status"]) == ("t1", 2.0, "accepted")


def test_a_person_takes_what_was_kept_under_only_the_e_mail_they_signed_in_with(store):
    store.add(make("old", owner="victim@x.com"))
    carol = store.scoped("carol-id")
    carol.note_person("carol-id", "carol@x.com", "Carol", now=1.0)
    assert carol.rename_owner("victim@x.com", "carol-id") == 0
    assert store.get("old").owner == "victim@x.com"
    store.add(make("mine", owner="Carol@X.com"))
    assert carol.rename_owner("carol@x.com", "carol-id") == 1 and store.get("mine").owner == "carol-id"


def test_bob_cannot_touch_alices_batch_prompt_or_budget(store, alices):
    alice, bob, reservation = alices
    batch, items = raw(store, tables.batches, id="ba"), bob.scoped(None).batch_items("ba")
    assert not bob.set_batch_state("ba", "cancelled") and not bob.set_batch_state("ba", "paused")
    assert bob.take_batch_item(5.0) is None  # Bob's view has no queued item of his own
    taken = store.take_batch_item(5.0)  # the worker (unscoped) takes Alice's first item
    assert (taken.batch_id, taken.owner) == ("ba", "alice")
    items = store.batch_items("ba")
    assert not bob.finish_batch_item("ba", taken.position, "sent", task_id="tb")
    assert raw(store, tables.batches, id="ba") == batch and store.batch_items("ba") == items
    assert bob.batch("ba") is None and bob.batch_items("ba") == [] and bob.batches() == []
    prompt = raw(store, tables.prompts, id="pa")
    assert not bob.delete_prompt("pa") and raw(store, tables.prompts, id="pa") == prompt and bob.prompts() == []
    spent = raw(store, tables.spend, id=reservation)
    bob.confirm_images(reservation, "tb", 9.0, now=2.0)
    bob.release_images(reservation)
    assert raw(store, tables.spend, id=reservation) == spent
    with pytest.raises(NotYours):
        bob.reserve_images("alice", "d1", 5, 0, now=2.0, stale_before=0.0)
    store.set_budget("alice", 3, "admin", now=1.0)
    budget = raw(store, tables.budgets, owner="alice")
    for person in ("alice", "bob"):
        with pytest.raises(NotYours):
            bob.set_budget(person, 99, "bob", now=2.0)  # only an unscoped (admin) store sets budgets
    assert raw(store, tables.budgets, owner="alice") == budget
    assert alice.set_batch_state("ba", "cancelled") and store.batch("ba").cancelled == 1  # the owner can


def test_an_admin_store_changes_anything(store, alices):
    assert store.set_favourite("ta", True) and store.set_batch_state("ba", "paused") and store.delete_prompt("pa")
    assert store.delete("ta") and store.get("ta") is None


# -- model choice: the new columns and filters -----------------------------------------------------


def test_model_comparison_batch_parent_and_demo_round_trip_and_filter(store):
    store.add(make("g1", created=1, model="gpt-image-2", comparison_id="c1"))
    store.add(make("n1", created=2, model="nano-banana-pro", comparison_id="c1", demo=True))
    store.add(make("u1", created=3, model="topaz-upscale", parent_id="g1", batch_id="b9"))
    store.add(make("o1", created=4))
    assert store.get("o1").model == "gpt-4o-image" and store.get("u1").parent_id == "g1"
    assert store.get("n1").demo and store.get("n1").comparison_id == "c1" and store.get("u1").batch_id == "b9"
    cases = {
        TaskQuery(models=("gpt-image-2", "nano-banana-pro")): ["n1", "g1"],
        TaskQuery(models=("gpt-4o-image",)): ["o1"],
        TaskQuery(comparison_id="c1"): ["n1", "g1"],
        TaskQuery(batch_id="b9"): ["u1"],
        TaskQuery(demo=True): ["n1"],
        TaskQuery(demo=False): ["o1", "u1", "g1"],
        TaskQuery(demo=None): ["o1", "u1", "n1", "g1"],
        TaskQuery(comparison_id="c1", demo=False): ["g1"],
    }
    for query, expected in cases.items():
        assert ids(store.query(query)) == expected, query
        assert store.count(query) == len(expected), query


def test_delete_demo_removes_the_demo_tasks_and_their_files_only(store):
    for n in range(3):
        store.add(make(f"d{n}", demo=True, owner="ann" if n else None))
        store.save_image(f"d{n}", 0, b"demo")
    store.add(make("real", owner="ann"))
    assert store.scoped("bob").delete_demo() == 0
    assert store.scoped("ann").delete_demo() == 2 and ids(store.query()) == ["d0", "real"]
    assert store.delete_demo() == 1 and ids(store.query()) == ["real"]
    assert not store.image_path("d1", "0.png").exists() and store.delete_demo() == 0


def test_usage_per_model(store):
    for owner, model, images, credits in (("ann", "gpt-4o-image", 2, 3.0), ("ann", "seedream-4.5", 1, 0.5),
                                          ("ann", "seedream-4.5", 2, None)):
        _, _, rid = store.reserve_images(owner, "2025-01-02", images, 0, now=1.0, stale_before=0.0, model=model)
        store.confirm_images(rid, "t", credits, now=2.0)
    assert store.usage("2025-01-01", by_model=True) == [
        UsageRow(person="ann", day="2025-01-02", model="gpt-4o-image", tasks=1, images=2, failures=0, credits=3.0,
                 measured=1),
        UsageRow(person="ann", day="2025-01-02", model="seedream-4.5", tasks=2, images=3, failures=0, credits=0.5,
                 measured=1, unmeasured_images=2),
    ]
    assert [(r.model, r.tasks, r.images) for r in store.usage("2025-01-01")] == [(None, 3, 5)]


def test_batch_items_carry_their_task_and_unknown_states_are_refused(store):
    store.add_batch("b1", "b", [{"prompt": "x"}], now=1.0)
    item = store.take_batch_item(2.0)
    assert store.finish_batch_item("b1", item.position, "sent", task_id="t-made")
    assert store.batch_items("b1")[0].task_id == "t-made"
    with pytest.raises(ValueError):
        store.set_batch_state("b1", "exploded")
    with store.dialect.single() as db:  # a row a newer version might write
        db.execute(tables.batches.update().values(state="archived"))
        db.commit()
    with pytest.raises(UnknownState):
        store.batches()


def test_latest_batches_are_the_views_batches_by_their_newest_task(store):
    for n, (batch_id, owner) in enumerate([("b-old", "ann"), ("b-new", "ann"), ("b-bob", "bob"), ("b-old", "ann")]):
        store.add(make(f"t{n}", created=100.0 + n, batch_id=batch_id, owner=owner))
    store.add(make("own", created=500.0, owner="ann"))  # not in a batch
    assert store.latest_batches(5) == ["b-old", "b-bob", "b-new"]  # b-old's newest task (t3) is the newest
    assert store.latest_batches(1) == ["b-old"]
    assert store.scoped("ann").latest_batches(5) == ["b-old", "b-new"]  # a person's view: their own batches
    assert [t.task_id for t in store.query(TaskQuery(in_batch=False))] == ["own"]
    assert {t.task_id for t in store.query(TaskQuery(in_batch=True))} == {"t0", "t1", "t2", "t3"}
