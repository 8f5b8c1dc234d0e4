"""The server's background worker: it follows the due tasks of every workspace whose key the server holds.

Keys held: the configured one (environment or secrets) and demo mode's simulator, for the server's life; and
keys typed into sessions that are still open, in memory only, dropped when their session ends. The worker
calls the same `Workspace.poll_due` as a session's fragment; claims in the store make sure a task is asked
about once per due time, however many workers and tabs follow it. A callback taken in by this process comes with
its claim (kie.callbacks): `confirm` asks about that task at the worker's next round, which it starts at once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from kie import callers, metrics
from kie.batch_queue import BatchSender
from kie.store import StoreUnavailable
from kie.workspace import Workspace

log = logging.getLogger(__name__)

IDLE_SECONDS = 1.0  # the longest sleep: new tasks from sessions are noticed within this
MIN_SLEEP = 0.02
STORE_DOWN_WAIT = 1.0


class HeldWorkspaces:
    """The workspaces (a key's client and its store) the server may poll with. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._server: dict[str, Workspace] = {}
        self._sessions: dict[str, Workspace] = {}  # session id -> workspace of the key typed there

    def hold(self, workspace: Workspace) -> None:
        """Follow a workspace for the server's life (configured key, demo)."""
        with self._lock:
            self._server[workspace.store.workspace] = workspace

    def hold_for_session(self, session_id: str, workspace: Workspace) -> None:
        """Follow a typed key's workspace while `session_id` is open."""
        with self._lock:
            self._sessions[session_id] = workspace

    def release_session(self, session_id: str) -> None:
        with self._lock:
            self._sessions.pop(session_id, None)

    def prune(self, is_open: Callable[[str], bool]) -> None:
        """Forget the keys of sessions that have ended."""
        with self._lock:
            ended = [sid for sid in self._sessions if not is_open(sid)]
            for sid in ended:
                del self._sessions[sid]

    def workspaces(self) -> list[Workspace]:
        """One per workspace name (the server's own first)."""
        with self._lock:
            found = dict(self._server)
            for workspace in self._sessions.values():
                found.setdefault(workspace.store.workspace, workspace)
        return list(found.values())

    def workspace_for(self, name: str) -> Workspace | None:
        """The held workspace of that name, if any."""
        return next((w for w in self.workspaces() if w.store.workspace == name), None)

    def clear(self) -> None:
        with self._lock:
            self._server.clear()
            self._sessions.clear()


class Worker:
    """A daemon thread that polls due tasks of every held workspace. `wake()` makes it look at once."""

    def __init__(self, held: HeldWorkspaces, *, is_session_open: Callable[[str], bool] | None = None,
                 idle: float = IDLE_SECONDS, clock: Callable[[], float] = time.time,
                 batches: BatchSender | None = None):
        self.held = held
        self.batches = batches  # sends queued batch items of the held workspaces under the rate limit
        self.is_session_open = is_session_open
        self.idle = idle
        self.clock = clock
        self.last_loop_at: float | None = None
        self.started_at: float | None = None
        self.loops = 0
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._confirming: list[tuple[str, str]] = []  # (workspace, task ID): callbacks taken in here, claimed
        self._confirming_lock = threading.Lock()
        self._thread: threading.Thread | None = None

    @property
    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive() and not self._stop.is_set()

    def beating(self, stale: float) -> bool:
        """Alive, and its last round (or its start, during its first) less than `stale` seconds ago."""
        beat = self.last_loop_at or self.started_at
        return self.alive and beat is not None and self.clock() - beat < stale

    def start(self) -> Worker:
        self._stop.clear()
        self.started_at = self.clock()
        self._thread = threading.Thread(target=self._run, name="studio-worker", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Finish the current round and end the thread."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def confirm(self, workspace: str, task_id: str) -> None:
        """Ask about a task at once whose callback this process took in and claimed (kie.callbacks)."""
        with self._confirming_lock:
            self._confirming.append((workspace, task_id))
        self.wake()

    def _take_confirmations(self) -> dict[str, list[str]]:
        """Every confirmation asked for so far, by workspace (those of a workspace no longer held are dropped:
        their claims end in a minute, and then any poller may ask)."""
        with self._confirming_lock:
            taken, self._confirming = self._confirming, []
        by_workspace: dict[str, list[str]] = {}
        for name, task_id in taken:
            by_workspace.setdefault(name, []).append(task_id)
        return by_workspace

    def _give_back_confirmations(self, workspace: str, task_ids: list[str]) -> None:
        with self._confirming_lock:
            self._confirming[:0] = [(workspace, task_id) for task_id in task_ids]

    def wake(self) -> None:
        self._wake.set()

    def _run(self) -> None:
        callers.CALLER.set(callers.WORKER)  # the provider's log tells the worker's calls from pages' (kie.callers)
        while not self._stop.is_set():
            try:
                sleep = self.run_once()
            except Exception:  # the loop itself must survive anything; one round is lost at worst
                log.exception("worker round failed")
                sleep = self.idle
            self._wake.wait(sleep)
            self._wake.clear()

    def run_once(self) -> float:
        """One round over every held workspace; return how long to sleep before the next."""
        if self.is_session_open is not None:
            self.held.prune(self.is_session_open)
        sleep, started, oldest_due = self.idle, time.monotonic(), 0.0
        confirming = self._take_confirmations()
        for workspace in self.held.workspaces():
            if self._stop.is_set():
                break
            store = workspace.store
            try:
                self._confirm_callbacks(workspace, confirming.get(store.workspace, []))
                due = store.next_due()
                oldest_due = max(oldest_due, self.clock() - due) if due is not None else oldest_due
                if due is not None and due <= self.clock():
                    workspace.poll_due()  # each task's failure is handled inside; this guards the store itself
                    due = store.next_due()
                if due is not None:
                    sleep = min(sleep, due - self.clock())
            except StoreUnavailable as down:  # a database restart: one line a round, the next round retries
                log.warning("worker: workspace %s: %s", store.workspace, down)
                sleep = max(sleep, STORE_DOWN_WAIT)
                continue
            except Exception:
                log.exception("worker: workspace %s failed this round", store.workspace)
            try:
                wait = self.batches.send_due(workspace) if self.batches else None
                if wait is not None:
                    sleep = min(sleep, wait)
            except Exception:
                log.exception("worker: workspace %s failed this round", store.workspace)
        self.last_loop_at = self.clock()
        metrics.worker_round(time.monotonic() - started, oldest_due)
        self.loops += 1
        return max(MIN_SLEEP, sleep)

    def _confirm_callbacks(self, workspace: Workspace, task_ids: list[str]) -> None:
        """Ask about the tasks of `workspace` whose callbacks came here; with the database gone, those not yet
        asked about wait for the next round (their claim keeps other pollers off meanwhile)."""
        for done, task_id in enumerate(task_ids):
            try:
                workspace.confirm_callback(task_id)
            except StoreUnavailable:
                self._give_back_confirmations(workspace.store.workspace, task_ids[done:])
                raise
