"""Task changes as they are kept, for the pages that show them: a change feed, its PostgreSQL listener and the
signed subscriptions that say whose changes a page may hear (issue 28: the server follows, the page listens).

- `stamp(task)`: what a page draws of a task (state, progress, pictures, a note) in a few characters; a page
  compares the stamp it drew with the newest one to know whether to draw again.
- `FEED`: the process-wide feed. The store's task repository announces every kept change of a task after its
  commit (`announce`): into this feed at once, and with PostgreSQL also as `NOTIFY studio_task_events,
  '<workspace>:<stamp>:<taskId>'`, which one listener thread per process and database (`listen`) feeds back in,
  so that a change kept on replica B reaches the tabs on replica A. With SQLite (one server) the feed is all.
- `TOKENS`: subscriptions signed with a key that lives in this process's memory only. `subscription_for` issues
  one for the tasks a person's store view holds (never another person's: the view decides, as every read of the
  store does); `TOKENS.read` refuses a token that is forged, altered, expired or names nothing. A session's
  tabs reach one replica (sticky sessions), so the replica that issued a token is the one that reads it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import secrets
import threading
import time
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from kie.models import Task

log = logging.getLogger(__name__)

CHANNEL = "studio_task_events"  # PostgreSQL's NOTIFY channel (one for every workspace of the database)
GONE = "gone"  # the stamp of a task no longer kept (deleted), or not this person's
ANY_TASK = "*"  # a change of anything: the listener was away and notifications may have been lost
AWAY = "away"  # the stamp published for ANY_TASK when the database connection was lost (an outage, a restart)
TOKEN_SECONDS = 15 * 60.0  # a subscription's life; a page's rerun issues a fresh one
MAX_TASKS = 200  # tasks named in one subscription
# The progress steps a page redraws for, by how long the task still has to run (expected from its own pace): a step
# of 5 % near the end, coarser while much is left, so a long task's many small moves do not redraw every waiting tab
# (each redraw is a fragment rerun: bench/RESULTS.md, issue 28). State changes and pictures are redrawn at once.
# (seconds left at least, step in %), coarsest first; each step divides the one before, so a step that narrows as
# the end nears never moves the figure drawn back.
PROGRESS_STEPS = ((300.0, 20), (120.0, 10), (0.0, 5))
KEEPALIVE_SECONDS = 20.0  # server.py's route pings a quiet connection this often (proxies close silent ones)
LISTEN_WAIT = 5.0  # the listener checks for its stop this often
RECONNECT_WAITS = (0.5, 1.0, 2.0, 5.0)


def seconds_left(task: Task) -> float | None:
    """How long `task` should still run at the pace of its progress so far (from its start to the last change of
    its figure, so the same record always gives the same answer); None without a figure to go by."""
    if not 0.0 < task.progress < 1.0 or task.last_progress_at is None:
        return None
    spent = task.last_progress_at - task.created_at
    return spent * (1.0 - task.progress) / task.progress if spent > 0 else None


def progress_step(task: Task) -> int:
    """The step (in %) of `task`'s progress that a page redraws for (PROGRESS_STEPS)."""
    left = seconds_left(task)
    if left is None:
        return PROGRESS_STEPS[-1][1]
    return next(step for at_least, step in PROGRESS_STEPS if left >= at_least)


def drawn_progress(task: Task) -> int:
    """The progress a page redraws for, in %: the figure rounded down to its step."""
    percent = min(100, max(0, int(task.progress * 100 + 1e-6)))
    return percent - percent % progress_step(task)


def stamp(task: Task | None) -> str:
    """What a page draws of a task, in a few characters: state, progress (`drawn_progress`), pictures kept, a note
    or not."""
    if task is None:
        return GONE
    return (f"{task.state}|{drawn_progress(task)}|{len(task.images)}|{len(task.result_urls)}"
            f"|{int(task.needs_polling)}|{int(bool(task.error_message))}")


# -- the feed --------------------------------------------------------------------------------------------


class Subscription:
    """One listener's tasks of one workspace; `deliver(task_id, stamp)` is called from the announcing thread (it
    must not block). `close()` ends it."""

    def __init__(self, feed: TaskFeed, workspace: str, task_ids: Collection[str],
                 deliver: Callable[[str, str], None]) -> None:
        self.feed = feed
        self.workspace = workspace
        self.task_ids = frozenset(task_ids)
        self.deliver = deliver

    def close(self) -> None:
        self.feed.unsubscribe(self)

    def __enter__(self) -> Subscription:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


class TaskFeed:
    """Changes of tasks, handed to the subscriptions of their workspace that name them. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_workspace: dict[str, set[Subscription]] = {}

    def subscribe(self, workspace: str, task_ids: Collection[str],
                  deliver: Callable[[str, str], None]) -> Subscription:
        subscription = Subscription(self, workspace, task_ids, deliver)
        with self._lock:
            self._by_workspace.setdefault(workspace, set()).add(subscription)
        return subscription

    def unsubscribe(self, subscription: Subscription) -> None:
        with self._lock:
            found = self._by_workspace.get(subscription.workspace)
            if found is not None:
                found.discard(subscription)
                if not found:
                    del self._by_workspace[subscription.workspace]

    def publish(self, workspace: str, task_id: str, task_stamp: str) -> int:
        """Hand a change to every subscription naming the task (`ANY_TASK`: to every one of the workspace, or of
        every workspace when `workspace` is `ANY_TASK` too); how many got it."""
        with self._lock:
            if workspace == ANY_TASK:
                targets = [s for found in self._by_workspace.values() for s in found]
            else:
                targets = [s for s in self._by_workspace.get(workspace, ())
                           if task_id == ANY_TASK or task_id in s.task_ids]
        for subscription in targets:
            try:
                subscription.deliver(task_id, task_stamp)
            except Exception:  # one broken listener must not keep a change from the others
                log.exception("delivering a task change failed")
        return len(targets)

    def count(self) -> int:
        """Open subscriptions (metrics, tests)."""
        with self._lock:
            return sum(len(found) for found in self._by_workspace.values())


FEED = TaskFeed()


def payload(workspace: str, task_id: str, task_stamp: str) -> str:
    """A NOTIFY payload: workspace names and stamps hold no ':' (kie.store.names), so the task ID goes last."""
    return f"{workspace}:{task_stamp}:{task_id}"


def parse_payload(text: str) -> tuple[str, str, str] | None:
    """(workspace, task_id, stamp) of a payload, or None when it is not one of ours."""
    parts = text.split(":", 2)
    if len(parts) != 3 or not all(parts):
        return None
    workspace, task_stamp, task_id = parts
    return workspace, task_id, task_stamp


# -- PostgreSQL: one listener per process and database ----------------------------------------------------


class PgListener:
    """A daemon thread on a connection of its own that LISTENs on CHANNEL and publishes what it hears into the
    feed. After a lost connection it connects again and publishes `ANY_TASK` (what was missed is read afresh)."""

    def __init__(self, connect: Callable[[], object], feed: TaskFeed = FEED) -> None:
        self._connect = connect  # a new psycopg connection each time
        self.feed = feed
        self._stop = threading.Event()
        self.listening = threading.Event()  # set while a connection LISTENs
        self._thread = threading.Thread(target=self._run, name="studio-task-events", daemon=True)

    def start(self) -> PgListener:
        self._thread.start()
        return self

    def stop(self, timeout: float = LISTEN_WAIT + 1) -> None:
        self._stop.set()
        self._thread.join(timeout)

    @property
    def alive(self) -> bool:
        return self._thread.is_alive() and not self._stop.is_set()

    def _run(self) -> None:
        failures, heard_before = 0, False
        while not self._stop.is_set():
            try:
                connection = self._connect()
            except Exception as error:  # the database is down: try again, a little later each time
                wait = RECONNECT_WAITS[min(failures, len(RECONNECT_WAITS) - 1)]
                failures += 1
                log.warning("task events: cannot listen (%s); trying again in %.1f s", type(error).__name__, wait)
                # Pages subscribed meanwhile hear nothing from a listener that never connected: tell them, so they
                # show the outage and retry (a page whose route had read its stamps just before would otherwise wait
                # for its silence net, once longer than the whole outage).
                self.feed.publish(ANY_TASK, ANY_TASK, AWAY)
                self._stop.wait(wait)
                continue
            try:
                with connection:
                    connection.execute(f"LISTEN {CHANNEL}")
                    self.listening.set()
                    failures = 0
                    if heard_before:
                        self.feed.publish(ANY_TASK, ANY_TASK, ANY_TASK)  # changes made meanwhile were not heard
                    heard_before = True
                    while not self._stop.is_set():
                        for note in connection.notifies(timeout=LISTEN_WAIT):
                            if parsed := parse_payload(note.payload):
                                self.feed.publish(*parsed)
                            if self._stop.is_set():
                                break
            except Exception as error:  # a lost connection: listen again
                log.warning("task events: the listening connection ended (%s)", type(error).__name__)
                if not self._stop.is_set():
                    self.feed.publish(ANY_TASK, ANY_TASK, AWAY)  # pages show the outage (and retry) at once
            finally:
                self.listening.clear()
            if not self._stop.is_set():
                self._stop.wait(RECONNECT_WAITS[0])


_listeners: dict[int, PgListener] = {}
_listeners_lock = threading.Lock()


def listen(store: object) -> PgListener | None:
    """Make sure this process hears the changes other processes keep in `store`'s database (PostgreSQL); None
    with SQLite, whose changes are all made in this process. One listener per engine, for the process's life."""
    dialect = getattr(store, "dialect", None)
    if dialect is None or dialect.name != "postgresql":
        return None
    engine = dialect.engine
    with _listeners_lock:
        found = _listeners.get(id(engine))
        if found is None or not found.alive:
            def connect() -> object:
                # The driver's own connection, made as the engine makes its (no URL is written anywhere).
                args, kwargs = engine.dialect.create_connect_args(engine.url)
                connection = engine.dialect.loaded_dbapi.connect(*args, **kwargs)
                connection.autocommit = True
                return connection

            found = _listeners[id(engine)] = PgListener(connect).start()
        return found


def stop_listeners() -> None:
    """Stop every listener of this process (server shutdown, tests)."""
    with _listeners_lock:
        found = list(_listeners.values())
        _listeners.clear()
    for listener in found:
        listener.stop()


# -- subscriptions: who may hear what -----------------------------------------------------------------------


class TokenRefused(Exception):
    """A subscription token that is forged, altered, expired or malformed."""


@dataclass(frozen=True)
class Grant:
    """What a valid token allows: the changes of `task_ids` in `workspace`, as `owner`'s view sees them (None:
    everyone's), for the browser session `session_id`, until `expires_at`."""

    session_id: str
    workspace: str
    owner: str | None
    task_ids: tuple[str, ...]
    expires_at: float


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class SubscriptionTokens:
    """Issues and reads subscription tokens: the grant as JSON, signed with HMAC-SHA256. The key is made in memory
    when the process starts and is never written anywhere."""

    def __init__(self, key: bytes | None = None, clock: Callable[[], float] = time.time,
                 seconds: float = TOKEN_SECONDS) -> None:
        self._key = key or secrets.token_bytes(32)
        self.clock = clock
        self.seconds = seconds

    def _sign(self, body: bytes) -> bytes:
        return hmac.new(self._key, body, hashlib.sha256).digest()

    def issue(self, session_id: str, workspace: str, owner: str | None, task_ids: Iterable[str]) -> str:
        ids = sorted(set(task_ids))[:MAX_TASKS]
        body = json.dumps({"s": session_id, "w": workspace, "o": owner, "t": ids,
                           "e": round(self.clock() + self.seconds, 3)}, separators=(",", ":")).encode()
        return f"{_b64(body)}.{_b64(self._sign(body))}"

    def read(self, token: str) -> Grant:
        """The grant of a good token; `TokenRefused` for anything else."""
        if not isinstance(token, str) or len(token) > 64 * 1024 or token.count(".") != 1:
            raise TokenRefused("not a subscription token")
        body_text, signature_text = token.split(".")
        try:
            body, signature = _unb64(body_text), _unb64(signature_text)
        except (ValueError, TypeError) as error:
            raise TokenRefused("not a subscription token") from error
        if not hmac.compare_digest(signature, self._sign(body)):
            raise TokenRefused("the signature does not match")
        try:
            fields = json.loads(body)
            grant = Grant(str(fields["s"]), str(fields["w"]), None if fields["o"] is None else str(fields["o"]),
                          tuple(str(t) for t in fields["t"]), float(fields["e"]))
        except (ValueError, KeyError, TypeError) as error:
            raise TokenRefused("not a subscription token") from error
        if grant.expires_at < self.clock():
            raise TokenRefused("expired")
        return grant


TOKENS = SubscriptionTokens()


def subscription_for(store: object, session_id: str, tasks: Iterable[Task],
                     tokens: SubscriptionTokens = TOKENS) -> tuple[str, dict[str, str]]:
    """A token for those of `tasks` that `store` (a person's view: their own tasks, or everyone's where the rules
    allow) holds, and the stamp of each as drawn now. Another person's task is left out by the same rule as the
    view's reads (kie.store.repository: a scoped view holds its owner's tasks only); the route reads through the
    same view again before it sends anything."""
    owner = store.owner  # type: ignore[attr-defined]
    stamps = {t.task_id: stamp(t) for t in tasks if owner is None or t.owner == owner}
    stamps = dict(list(stamps.items())[:MAX_TASKS])
    return tokens.issue(session_id, store.workspace, owner, stamps), stamps  # type: ignore[attr-defined]
