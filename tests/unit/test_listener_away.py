"""PostgreSQL's listener tells every subscription when it loses the database (pages show the outage at once and
retry), and that changes may have been missed when it listens again (kie.task_events.PgListener)."""

from __future__ import annotations

import queue
import threading

from kie.task_events import ANY_TASK, AWAY, PgListener, TaskFeed


class LostConnection:
    """A LISTEN connection that is cut as soon as it waits for notifications."""

    def __init__(self, cut: threading.Event) -> None:
        self.cut = cut

    def __enter__(self) -> LostConnection:
        return self

    def __exit__(self, *_exc: object) -> None:
        return None

    def execute(self, _sql: str) -> None:
        return None

    def notifies(self, timeout: float):
        self.cut.wait(timeout)
        raise OSError("server closed the connection unexpectedly")


def test_a_lost_listening_connection_is_announced_as_away_then_as_anything_changed():
    feed = TaskFeed()
    got: queue.Queue = queue.Queue()
    feed.subscribe("ws1", ["t1"], lambda task_id, task_stamp: got.put((task_id, task_stamp)))
    cut = threading.Event()
    listener = PgListener(lambda: LostConnection(cut), feed).start()
    try:
        assert listener.listening.wait(10)
        assert got.empty()  # listening for the first time: nothing was missed
        cut.set()
        assert got.get(timeout=10) == (ANY_TASK, AWAY)  # the database went away
        assert got.get(timeout=10) == (ANY_TASK, ANY_TASK)  # listening again: read every task afresh
    finally:
        listener.stop()


def test_a_listener_that_cannot_reach_the_database_announces_it_as_away():
    """The listener starts when the first page subscribes; if the database is already down, no connection is ever
    lost, yet the page must hear that it is away (once in the full run it showed nothing through a 15-s outage)."""
    feed = TaskFeed()
    got: queue.Queue = queue.Queue()
    feed.subscribe("ws1", ["t1"], lambda task_id, task_stamp: got.put((task_id, task_stamp)))

    def refused():
        raise OSError("connection refused")

    listener = PgListener(refused, feed).start()
    try:
        assert got.get(timeout=10) == (ANY_TASK, AWAY)
    finally:
        listener.stop()
