"""The change feed, its signed subscriptions, and PostgreSQL's NOTIFY between two engines (kie.task_events)."""

from __future__ import annotations

import queue
import threading

import pytest

from kie import task_events
from kie.models import GenerateRequest, Task
from kie.store import PostgresStore, TaskStore, engines
from kie.task_events import ANY_TASK, GONE, SubscriptionTokens, TaskFeed, TokenRefused, stamp, subscription_for


def make(task_id: str, owner: str | None = None, **kw) -> Task:
    request = GenerateRequest.from_dict({"prompt": "a cat"})
    return Task(task_id=task_id, kind=request.kind, request=request, created_at=1000.0, owner=owner, **kw)


def collector():
    got: queue.Queue = queue.Queue()
    return got, lambda task_id, task_stamp: got.put((task_id, task_stamp))


def drain(got: queue.Queue) -> list:
    found = []
    while not got.empty():
        found.append(got.get_nowait())
    return found


# -- stamps and the feed ---------------------------------------------------------------------------


def test_a_stamp_changes_with_what_a_page_draws_and_not_with_polling_bookkeeping():
    task = make("t1")
    first = stamp(task)
    task.polls, task.next_poll_at, task.last_polled_at = 3, 99.0, 42.0
    assert stamp(task) == first
    task.progress = 0.5
    assert stamp(task) != first
    half = stamp(task)
    task.state, task.result_urls = "success", ["https://e.com/a.png"]
    assert stamp(task) != half
    fetching = stamp(task)
    task.images = ["t1_0.png"]
    assert stamp(task) != fetching
    assert stamp(None) == GONE
    assert ":" not in stamp(task)  # payloads split on ':'


def test_the_feed_hands_a_change_only_to_subscriptions_naming_that_task_in_that_workspace():
    feed = TaskFeed()
    mine, deliver_mine = collector()
    other, deliver_other = collector()
    elsewhere, deliver_elsewhere = collector()
    a = feed.subscribe("ws1", {"t1", "t2"}, deliver_mine)
    feed.subscribe("ws1", {"t3"}, deliver_other)
    feed.subscribe("ws2", {"t1"}, deliver_elsewhere)
    assert feed.publish("ws1", "t1", "s1") == 1
    assert drain(mine) == [("t1", "s1")] and drain(other) == [] and drain(elsewhere) == []
    assert feed.publish("ws1", ANY_TASK, ANY_TASK) == 2  # a workspace-wide "read afresh"
    assert feed.publish(ANY_TASK, ANY_TASK, ANY_TASK) == 3  # the listener was away: everyone reads afresh
    a.close()
    assert feed.publish("ws1", "t1", "s2") == 0
    assert feed.count() == 2


def test_a_failing_listener_does_not_keep_a_change_from_the_others():
    feed = TaskFeed()
    got, deliver = collector()

    def broken(_task_id, _stamp):
        raise RuntimeError("gone")

    feed.subscribe("ws", {"t"}, broken)
    feed.subscribe("ws", {"t"}, deliver)
    assert feed.publish("ws", "t", "s") == 2
    assert drain(got) == [("t", "s")]


def test_payloads_round_trip_with_task_ids_holding_colons_and_foreign_ones_are_ignored():
    text = task_events.payload("ws_1", "task:with:colons", "pending|50|0|0|1|0")
    assert task_events.parse_payload(text) == ("ws_1", "task:with:colons", "pending|50|0|0|1|0")
    assert task_events.parse_payload("nonsense") is None
    assert task_events.parse_payload("a::b") is None


# -- subscription tokens -------------------------------------------------------------------------------


def test_a_token_reads_back_as_issued_and_a_forged_altered_or_expired_one_is_refused():
    now = [1000.0]
    tokens = SubscriptionTokens(clock=lambda: now[0], seconds=60)
    token = tokens.issue("session-1", "ws", "alice@x.org", ["t2", "t1", "t1"])
    grant = tokens.read(token)
    assert (grant.session_id, grant.workspace, grant.owner, grant.task_ids) == \
        ("session-1", "ws", "alice@x.org", ("t1", "t2"))
    body, signature = token.split(".")
    forged = task_events._b64(b'{"s":"session-1","w":"ws","o":"bob@x.org","t":["t1"],"e":9999999999}')
    with pytest.raises(TokenRefused):
        tokens.read(f"{forged}.{signature}")  # another body under the same signature
    with pytest.raises(TokenRefused):
        tokens.read(f"{body}.{task_events._b64(b'x' * 32)}")
    with pytest.raises(TokenRefused):
        SubscriptionTokens(clock=lambda: now[0]).read(token)  # another process's (or a restarted one's) key
    for junk in ("", "abc", "a.b.c", "!!!.???", 123):
        with pytest.raises(TokenRefused):
            tokens.read(junk)
    now[0] += 61
    with pytest.raises(TokenRefused):
        tokens.read(token)


def test_a_subscription_names_only_the_tasks_the_persons_view_holds(tmp_path):
    store = TaskStore(tmp_path, "ws")
    alice, bob = store.scoped("alice@x.org"), store.scoped("bob@x.org")
    mine, theirs = make("a1", owner="alice@x.org"), make("b1", owner="bob@x.org")
    alice.add(mine)
    bob.add(theirs)
    tokens = SubscriptionTokens()
    token, stamps = subscription_for(alice, "s1", [mine, theirs], tokens)
    assert stamps == {"a1": stamp(mine)}
    assert tokens.read(token).task_ids == ("a1",) and tokens.read(token).owner == "alice@x.org"
    _, everyone = subscription_for(store, "s1", [mine, theirs], tokens)  # an unscoped view (no sign-in, admins)
    assert set(everyone) == {"a1", "b1"}


# -- the store announces -------------------------------------------------------------------------------


def test_a_kept_change_is_announced_after_its_commit_and_a_deleted_task_as_gone(tmp_path):
    store = TaskStore(tmp_path, "ws_announce")
    seen: queue.Queue = queue.Queue()

    def deliver(task_id, task_stamp):  # what a listener reads on hearing must already be there
        seen.put((task_id, task_stamp, stamp(TaskStore(tmp_path, "ws_announce").get(task_id))))

    task = make("t1")
    store.add(task)
    with task_events.FEED.subscribe("ws_announce", {"t1"}, deliver):
        task.progress = 0.4
        assert store.save(task)
        assert seen.get(timeout=1) == ("t1", stamp(task), stamp(task))
        store.delete("t1")
        assert seen.get(timeout=1)[:2] == ("t1", GONE)
        assert not store.save(task)  # nothing written, nothing announced
        assert seen.empty()


def test_postgres_a_change_kept_through_one_engine_is_heard_by_another_processes_listener(postgres_url, tmp_path):
    """Two engines on one database stand for two replicas: B keeps a change, A's listener hears it through NOTIFY
    and feeds it to A's subscriptions; after its connection is lost, A's listener comes back and says 'read
    afresh' (ANY_TASK)."""
    replica_a = PostgresStore(postgres_url + "?application_name=replica_a", tmp_path, "demo")
    replica_b = PostgresStore(postgres_url + "?application_name=replica_b", tmp_path, "demo")
    feed = TaskFeed()
    dialect = replica_a.dialect
    engine = dialect.engine

    def connect():
        args, kwargs = engine.dialect.create_connect_args(engine.url)
        connection = engine.dialect.loaded_dbapi.connect(*args, **kwargs)
        connection.autocommit = True
        return connection

    listener = task_events.PgListener(connect, feed).start()
    try:
        assert listener.listening.wait(10)
        got, deliver = collector()
        feed.subscribe("demo", {"t1"}, deliver)
        task = make("t1")
        replica_b.add(task)
        task.progress = 0.7
        assert replica_b.save(task)
        assert got.get(timeout=10) == ("t1", stamp(task))
        # Cut A's listening connection from the server side: it listens again and asks everyone to read afresh.
        import psycopg

        with psycopg.connect(postgres_url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%%'")
        assert got.get(timeout=15) == (ANY_TASK, task_events.AWAY)  # pages show the outage at once
        assert got.get(timeout=15) == (ANY_TASK, ANY_TASK)  # back: read afresh
        assert listener.listening.wait(10)
        task.state, task.progress = "success", 1.0
        replica_b.save(task)
        assert got.get(timeout=10) == ("t1", stamp(task))
    finally:
        listener.stop()
        engines.close_engine(postgres_url + "?application_name=replica_a")
        engines.close_engine(postgres_url + "?application_name=replica_b")


def test_postgres_listen_starts_one_listener_per_engine_and_none_for_sqlite(postgres_url, tmp_path):
    store = PostgresStore(postgres_url, tmp_path, "demo")
    try:
        first = task_events.listen(store)
        assert first is not None and task_events.listen(store.scoped("x@y.org")) is first
        assert task_events.listen(TaskStore(tmp_path, "local")) is None
        assert first.listening.wait(10)
        got, deliver = collector()
        with task_events.FEED.subscribe("demo", {"t9"}, deliver):
            store.add(make("t9"))
            done = make("t9", state="failed")
            threading.Thread(target=store.save, args=(done,)).start()
            heard = {got.get(timeout=10), got.get(timeout=10)}  # once in-process, once back through NOTIFY
            assert heard == {("t9", stamp(done))}
    finally:
        task_events.stop_listeners()
        engines.close_engine(postgres_url)
