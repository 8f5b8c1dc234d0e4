"""The task history (SQLite) and the on-disk image cache of one workspace.

Each workspace (a hash of the API key, or `demo`) has a folder of its own under the data
directory: its database and its images. Nothing of one workspace is reachable from another's store.
Connections are opened per use, so the store is safe from any thread (Streamlit runs scripts and
fragments on several); WAL and a busy timeout let many sessions write at once.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kie.models import GenerateRequest, Task
from kie.store import ITEM_STATES, UNCONFIRMED_ITEM, WORKSPACE_NAME, TaskQuery
from kie.store.files import LocalFiles, StoreFiles

_init_lock = threading.Lock()
_initialised: set[str] = set()

SCHEMA = """
CREATE TABLE IF NOT EXISTS tasks (
    task_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    prompt TEXT NOT NULL,
    request TEXT NOT NULL,
    progress REAL NOT NULL DEFAULT 0,
    result_urls TEXT NOT NULL DEFAULT '[]',
    images TEXT NOT NULL DEFAULT '[]',
    inputs TEXT NOT NULL DEFAULT '{}',
    error_code INTEGER,
    error_message TEXT,
    created_at REAL NOT NULL,
    completed_at REAL,
    favourite INTEGER NOT NULL DEFAULT 0,
    polls INTEGER NOT NULL DEFAULT 0,
    next_poll_at REAL NOT NULL DEFAULT 0,
    last_polled_at REAL,
    last_progress_at REAL,
    deadline_at REAL,
    open INTEGER NOT NULL DEFAULT 1,
    owner TEXT,
    callback_token TEXT,
    callback_at REAL,
    showcase INTEGER NOT NULL DEFAULT 0,
    credits REAL,
    model TEXT NOT NULL DEFAULT 'gpt-4o-image',
    parent_id TEXT,
    batch_id TEXT,
    comparison_id TEXT,
    demo INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS tasks_by_created ON tasks (created_at DESC);
CREATE INDEX IF NOT EXISTS tasks_by_state ON tasks (state, created_at DESC);
CREATE INDEX IF NOT EXISTS tasks_by_kind ON tasks (kind, created_at DESC);
CREATE INDEX IF NOT EXISTS tasks_by_favourite ON tasks (favourite, created_at DESC);
CREATE INDEX IF NOT EXISTS tasks_open ON tasks (open, created_at DESC);
CREATE UNIQUE INDEX IF NOT EXISTS tasks_by_callback_token ON tasks (callback_token);
CREATE INDEX IF NOT EXISTS tasks_by_owner ON tasks (owner, created_at DESC);
CREATE TABLE IF NOT EXISTS spend (
    id TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    day TEXT NOT NULL,
    images INTEGER NOT NULL,
    status TEXT NOT NULL,
    task_id TEXT,
    credits REAL,
    created_at REAL NOT NULL,
    accepted_at REAL
);
CREATE INDEX IF NOT EXISTS spend_by_owner_day ON spend (owner, day);
CREATE TABLE IF NOT EXISTS budgets (
    owner TEXT PRIMARY KEY,
    daily_images INTEGER NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at REAL NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    detail TEXT
);
CREATE INDEX IF NOT EXISTS audit_by_time ON audit (at DESC);
CREATE TABLE IF NOT EXISTS batches (
    id TEXT PRIMARY KEY,
    owner TEXT,
    name TEXT NOT NULL,
    state TEXT NOT NULL,
    message TEXT,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS batch_items (
    batch_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    request TEXT NOT NULL,
    state TEXT NOT NULL,
    task_id TEXT,
    error TEXT,
    sent_at REAL,
    PRIMARY KEY (batch_id, position)
);
CREATE INDEX IF NOT EXISTS batch_items_by_state ON batch_items (state, batch_id, position);
CREATE TABLE IF NOT EXISTS prompts (
    id TEXT PRIMARY KEY,
    owner TEXT,
    name TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '',
    request TEXT NOT NULL,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS people (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    seen_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS people_by_email ON people (email);
"""
# Columns added after the first release: (name, definition). Older databases get them on open.
ADDED_COLUMNS = (
    ("owner", "TEXT"),
    ("callback_token", "TEXT"),
    ("callback_at", "REAL"),
    ("showcase", "INTEGER NOT NULL DEFAULT 0"),
    ("credits", "REAL"),
    # The catalogue branch's minimal columns (the SQLAlchemy store replaces this at merge).
    ("model", "TEXT NOT NULL DEFAULT 'gpt-4o-image'"),
    ("parent_id", "TEXT"),
    ("batch_id", "TEXT"),
    ("comparison_id", "TEXT"),
    ("demo", "INTEGER NOT NULL DEFAULT 0"),
)

class TaskStore(StoreFiles):
    """History and image cache of one workspace. With an `owner` (see `scoped`) it is one person's view of it:
    every read and change is limited to that person's tasks, and new tasks are theirs. Its files are kept by
    `files` (default: the workspace's folder in the data dir; see `kie.store.files`)."""

    def __init__(self, data_dir: str | Path, workspace: str, owner: str | None = None,
                 files: LocalFiles | None = None):
        if not WORKSPACE_NAME.match(workspace):
            raise ValueError("invalid workspace name")
        self.workspace = workspace
        self.owner = owner
        self.data_dir = Path(data_dir)
        self.root = Path(data_dir) / "workspaces" / workspace
        self.db_path = self.root / "tasks.sqlite3"
        self.files = files if files is not None else LocalFiles(data_dir, workspace)
        with _init_lock:
            if str(self.db_path) not in _initialised or not self.db_path.exists():
                self.root.mkdir(parents=True, exist_ok=True)
                with self._connect() as db:
                    db.execute("PRAGMA journal_mode=WAL")
                    self._migrate(db)
                    db.executescript(SCHEMA)
                _initialised.add(str(self.db_path))

    def scoped(self, owner: str | None) -> TaskStore:
        """The same history seen by one person (None: everyone's, for the worker and admins)."""
        return TaskStore(self.data_dir, self.workspace, owner, files=self.files)

    def _only_mine(self) -> tuple[str, dict[str, Any]]:
        return (" AND owner = :scope", {"scope": self.owner}) if self.owner is not None else ("", {})

    @staticmethod
    def _migrate(db: sqlite3.Connection) -> None:
        """Bring a database made by an earlier version up to the current schema."""
        columns = {row[1] for row in db.execute("PRAGMA table_info(tasks)")}
        if not columns:
            return
        if "open" not in columns:
            db.execute("ALTER TABLE tasks ADD COLUMN open INTEGER NOT NULL DEFAULT 1")
            db.execute("UPDATE tasks SET open = (state = 'pending' OR (state = 'success' AND "
                       "json_array_length(images) < json_array_length(result_urls)))")
        for name, definition in ADDED_COLUMNS:
            if name not in columns:
                db.execute(f"ALTER TABLE tasks ADD COLUMN {name} {definition}")

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.db_path, timeout=30.0, isolation_level=None)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA busy_timeout = 30000")
        db.execute("PRAGMA synchronous = NORMAL")
        try:
            yield db
        finally:
            db.close()

    # -- rows <-> tasks --------------------------------------------------------------------

    @staticmethod
    def _row(task: Task) -> dict[str, Any]:
        return {
            "task_id": task.task_id, "kind": task.kind, "state": task.state, "prompt": task.request.prompt,
            "request": json.dumps(task.request.to_dict()), "progress": task.progress,
            "result_urls": json.dumps(task.result_urls), "images": json.dumps(task.images),
            "inputs": json.dumps(task.inputs), "error_code": task.error_code, "error_message": task.error_message,
            "created_at": task.created_at, "completed_at": task.completed_at, "favourite": int(task.favourite),
            "polls": task.polls, "next_poll_at": task.next_poll_at, "last_polled_at": task.last_polled_at,
            "last_progress_at": task.last_progress_at, "deadline_at": task.deadline_at,
            # Indexed, so that finding the tasks to poll never scans the whole history.
            "open": int(task.needs_polling),
            "owner": task.owner, "callback_token": task.callback_token, "callback_at": task.callback_at,
            "showcase": int(task.showcase), "credits": task.credits,
            "model": task.model, "parent_id": task.parent_id, "batch_id": task.batch_id,
            "comparison_id": task.comparison_id, "demo": task.demo,
        }

    @staticmethod
    def _task(row: sqlite3.Row) -> Task:
        if row["state"] not in ("pending", "success", "failed", "timed_out"):
            raise ValueError(f"unknown task state {row['state']!r}")
        return Task(
            task_id=row["task_id"], kind=row["kind"], request=GenerateRequest.from_dict(json.loads(row["request"])),
            state=row["state"], progress=row["progress"], result_urls=json.loads(row["result_urls"]),
            images=json.loads(row["images"]), inputs=json.loads(row["inputs"]), error_code=row["error_code"],
            error_message=row["error_message"], created_at=row["created_at"], completed_at=row["completed_at"],
            favourite=bool(row["favourite"]), polls=row["polls"], next_poll_at=row["next_poll_at"],
            last_polled_at=row["last_polled_at"], last_progress_at=row["last_progress_at"],
            deadline_at=row["deadline_at"], owner=row["owner"], callback_token=row["callback_token"],
            callback_at=row["callback_at"], showcase=bool(row["showcase"]), credits=row["credits"],
            model=row["model"], parent_id=row["parent_id"], batch_id=row["batch_id"],
            comparison_id=row["comparison_id"], demo=bool(row["demo"]),
        )

    # -- tasks -----------------------------------------------------------------------------

    def add(self, task: Task) -> bool:
        """Keep a new task; False (and nothing changed) when the store already has it."""
        row = self._row(task)
        if self.owner is not None and row["owner"] is None:
            row["owner"] = task.owner = self.owner
        cols = ", ".join(row)
        with self._connect() as db:
            cur = db.execute(f"INSERT OR IGNORE INTO tasks ({cols}) VALUES ({', '.join(':' + c for c in row)})", row)
            return cur.rowcount == 1

    # Written by their own calls only, so that a poll's copy of a task, read a moment earlier, cannot undo them.
    _OWN_SETTERS = ("task_id", "favourite", "showcase", "owner", "callback_token", "callback_at", "next_poll_at")

    def save(self, task: Task) -> None:
        """Write what polling learns of a task. A callback noted meanwhile keeps the task due at once."""
        row = self._row(task)
        sets = ", ".join(f"{c} = :{c}" for c in row if c not in self._OWN_SETTERS)
        sets += (", next_poll_at = CASE WHEN callback_at IS NOT NULL AND :callback_at IS NULL THEN 0 "
                 "ELSE :next_poll_at END")
        with self._connect() as db:
            db.execute(f"UPDATE tasks SET {sets} WHERE task_id = :task_id", row)

    def get(self, task_id: str) -> Task | None:
        """A task by its ID; None also when it is another person's and this store is scoped."""
        mine, params = self._only_mine()
        with self._connect() as db:
            row = db.execute(f"SELECT * FROM tasks WHERE task_id = :id{mine}", {"id": task_id, **params}).fetchone()
        return self._task(row) if row else None

    def query(self, query: TaskQuery = TaskQuery(), *, limit: int = 24, offset: int = 0) -> list[Task]:
        where, params = query.where(self.owner)
        params.update(limit=limit, offset=offset)
        with self._connect() as db:
            rows = db.execute(
                f"SELECT * FROM tasks{where} ORDER BY created_at DESC, task_id LIMIT :limit OFFSET :offset", params
            ).fetchall()
        return [self._task(r) for r in rows]

    def count(self, query: TaskQuery = TaskQuery()) -> int:
        where, params = query.where(self.owner)
        with self._connect() as db:
            return db.execute(f"SELECT COUNT(*) FROM tasks{where}", params).fetchone()[0]

    def unfinished(self) -> list[Task]:
        """Tasks still pending, and finished ones whose images are not all cached yet."""
        mine, params = self._only_mine()
        with self._connect() as db:
            rows = db.execute(f"SELECT * FROM tasks WHERE open = 1{mine} ORDER BY created_at DESC", params).fetchall()
        return [self._task(r) for r in rows]

    def has_unfinished(self) -> bool:
        """Whether anything needs polling (cheap: one indexed lookup)."""
        mine, params = self._only_mine()
        with self._connect() as db:
            return db.execute(f"SELECT 1 FROM tasks WHERE open = 1{mine} LIMIT 1", params).fetchone() is not None

    def claim(self, task_id: str, now: float, lease: float) -> bool:
        """Take the right to poll a task now. Only one caller (session, tab, process) wins per due time."""
        with self._connect() as db:
            cur = db.execute(
                "UPDATE tasks SET next_poll_at = :until WHERE task_id = :id AND next_poll_at <= :now",
                {"until": now + lease, "id": task_id, "now": now},
            )
            return cur.rowcount == 1

    def next_due(self) -> float | None:
        """The earliest time any open task is due (for a worker's sleep), or None when nothing is open."""
        with self._connect() as db:
            return db.execute("SELECT MIN(next_poll_at) FROM tasks WHERE open = 1").fetchone()[0]

    def task_for_callback(self, token: str) -> Task | None:
        """The task whose callback URL carries `token`, if any."""
        with self._connect() as db:
            row = db.execute("SELECT * FROM tasks WHERE callback_token = ?", (token,)).fetchone()
        return self._task(row) if row else None

    def note_callback(self, task_id: str, now: float) -> bool:
        """Record the provider's callback and make the task due at once. False (nothing changed) when a
        callback was already taken in, or the task is no longer followed: the same callback twice is a no-op."""
        with self._connect() as db:
            cur = db.execute(
                "UPDATE tasks SET callback_at = :now, next_poll_at = 0 "
                "WHERE task_id = :id AND callback_at IS NULL AND open = 1", {"now": now, "id": task_id})
            return cur.rowcount == 1

    def ping(self) -> None:
        """Raise when the database cannot be read (for health checks)."""
        with self._connect() as db:
            db.execute("SELECT 1 FROM tasks LIMIT 1").fetchall()

    def _update_mine(self, sql: str, params: dict[str, Any]) -> bool:
        mine, scope = self._only_mine()
        with self._connect() as db:
            return db.execute(sql + mine, {**params, **scope}).rowcount == 1

    def set_favourite(self, task_id: str, favourite: bool) -> None:
        self._update_mine("UPDATE tasks SET favourite = :v WHERE task_id = :id", {"v": int(favourite), "id": task_id})

    def set_showcase(self, task_id: str, chosen: bool) -> None:
        """Add a task to (or take it out of) the saved Showcase selection."""
        self._update_mine("UPDATE tasks SET showcase = :v WHERE task_id = :id", {"v": int(chosen), "id": task_id})

    def set_owner(self, task_id: str, owner: str) -> bool:
        """Give a task of unknown owner (made before sign-in) to a person; False if it already has one."""
        with self._connect() as db:
            return db.execute("UPDATE tasks SET owner = :owner WHERE task_id = :id AND owner IS NULL",
                              {"owner": owner, "id": task_id}).rowcount == 1

    def delete(self, task_id: str) -> bool:
        """Forget a task and its cached images and thumbnails (its input files may serve other tasks).
        False (nothing removed) when there is no such task, or it is another person's."""
        if not self._update_mine("DELETE FROM tasks WHERE task_id = :id", {"id": task_id}):
            return False
        self.files.remove_task_files(task_id)
        return True

    # -- team: budgets, use, audit -----------------------------------------------------------

    _USED = ("SELECT COALESCE(SUM(images), 0) FROM spend WHERE owner = :owner AND day = :day "
             "AND (status = 'accepted' OR created_at >= :stale_before)")

    def reserve_images(self, owner: str, day: str, images: int, limit: int, *, now: float,
                       stale_before: float) -> tuple[bool, int, str | None]:
        """Check and reserve in one write transaction: (reserved, images used before, reservation id)."""
        params = {"owner": owner, "day": day, "stale_before": stale_before}
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")  # one writer at a time: two tabs cannot both see room for themselves
            try:
                used = db.execute(self._USED, params).fetchone()[0]
                if limit and used + images > limit:
                    db.execute("ROLLBACK")
                    return False, used, None
                reservation = uuid.uuid4().hex
                db.execute("INSERT INTO spend (id, owner, day, images, status, created_at) "
                           "VALUES (:id, :owner, :day, :images, 'reserved', :now)",
                           {"id": reservation, "owner": owner, "day": day, "images": images, "now": now})
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
        return True, used, reservation

    def confirm_images(self, reservation_id: str, task_id: str, credits: float | None, now: float) -> None:
        with self._connect() as db:
            db.execute("UPDATE spend SET status = 'accepted', task_id = :task, credits = :credits, accepted_at = :now "
                       "WHERE id = :id", {"id": reservation_id, "task": task_id, "credits": credits, "now": now})

    def release_images(self, reservation_id: str) -> None:
        with self._connect() as db:
            db.execute("DELETE FROM spend WHERE id = :id AND status = 'reserved'", {"id": reservation_id})

    def images_used(self, owner: str, day: str, stale_before: float) -> int:
        with self._connect() as db:
            return db.execute(self._USED, {"owner": owner, "day": day, "stale_before": stale_before}).fetchone()[0]

    def accepted_between(self, start: float, end: float) -> int:
        """How many tasks the workspace made in a time span (to know whether a balance change is one task's)."""
        with self._connect() as db:
            return db.execute("SELECT COUNT(*) FROM tasks WHERE created_at BETWEEN :a AND :b",
                              {"a": start, "b": end}).fetchone()[0]

    def budget_of(self, owner: str) -> int | None:
        with self._connect() as db:
            row = db.execute("SELECT daily_images FROM budgets WHERE owner = :owner", {"owner": owner}).fetchone()
        return None if row is None else row[0]

    def set_budget(self, owner: str, limit: int | None, by: str, now: float) -> None:
        with self._connect() as db:
            if limit is None:
                db.execute("DELETE FROM budgets WHERE owner = :owner", {"owner": owner})
            else:
                db.execute("INSERT INTO budgets (owner, daily_images, updated_by, updated_at) "
                           "VALUES (:owner, :limit, :by, :now) ON CONFLICT (owner) DO UPDATE SET "
                           "daily_images = excluded.daily_images, updated_by = excluded.updated_by, "
                           "updated_at = excluded.updated_at", {"owner": owner, "limit": limit, "by": by, "now": now})

    def budgets(self) -> list[dict[str, Any]]:
        with self._connect() as db:
            return [dict(r) for r in db.execute("SELECT * FROM budgets ORDER BY owner")]

    def audit(self, actor: str, action: str, target: str | None, detail: str | None, now: float) -> None:
        """Keep one line of the audit log: who did what to what, and when."""
        with self._connect() as db:
            db.execute("INSERT INTO audit (at, actor, action, target, detail) VALUES (:at, :actor, :action, "
                       ":target, :detail)", {"at": now, "actor": actor, "action": action, "target": target,
                                             "detail": detail})

    def audit_log(self, limit: int = 200, offset: int = 0) -> list[dict[str, Any]]:
        with self._connect() as db:
            return [dict(r) for r in db.execute("SELECT at, actor, action, target, detail FROM audit "
                                                "ORDER BY at DESC, id DESC LIMIT :limit OFFSET :offset",
                                                {"limit": limit, "offset": offset})]

    def usage(self, since_day: str) -> list[dict[str, Any]]:
        """Per person and day since `since_day`: tasks, images, failures, and credits where they were measured."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT s.owner AS person, s.day AS day, COUNT(*) AS tasks, SUM(s.images) AS images, "
                "SUM(CASE WHEN t.state = 'failed' THEN 1 ELSE 0 END) AS failures, SUM(s.credits) AS credits, "
                "COUNT(s.credits) AS measured FROM spend s LEFT JOIN tasks t ON t.task_id = s.task_id "
                "WHERE s.status = 'accepted' AND s.day >= :since GROUP BY s.owner, s.day "
                "ORDER BY s.day DESC, s.owner", {"since": since_day}).fetchall()
        return [dict(r) for r in rows]

    # -- batches and the prompt library ------------------------------------------------------

    _BATCH_COUNTS = ("SELECT b.id, b.owner, b.name, b.state, b.message, b.created_at, COUNT(i.position) AS total, "
                     + ", ".join(f"SUM(CASE WHEN i.state = '{s}' THEN 1 ELSE 0 END) AS {s}" for s in ITEM_STATES)
                     + " FROM batches b LEFT JOIN batch_items i ON i.batch_id = b.id")

    def add_batch(self, batch_id: str, name: str, requests: list[dict[str, Any]], now: float) -> None:
        """Queue a batch and its items in one transaction (the person's own under sign-in)."""
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute("INSERT INTO batches (id, owner, name, state, created_at) VALUES (:id, :owner, :name, "
                           "'running', :now)", {"id": batch_id, "owner": self.owner, "name": name, "now": now})
                db.executemany("INSERT INTO batch_items (batch_id, position, request, state) VALUES "
                               "(:id, :pos, :request, 'queued')",
                               [{"id": batch_id, "pos": n, "request": json.dumps(r)} for n, r in enumerate(requests)])
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise

    def batches(self, limit: int = 20) -> list[dict[str, Any]]:
        """Batches, newest first, with how many items are in each state."""
        mine, params = self._only_mine()
        with self._connect() as db:
            rows = db.execute(self._BATCH_COUNTS + f" WHERE 1 = 1{mine.replace('owner', 'b.owner')} GROUP BY b.id "
                              "ORDER BY b.created_at DESC LIMIT :limit", {**params, "limit": limit}).fetchall()
        return [dict(r) for r in rows]

    def batch(self, batch_id: str) -> dict[str, Any] | None:
        mine, params = self._only_mine()
        with self._connect() as db:
            row = db.execute(self._BATCH_COUNTS + f" WHERE b.id = :id{mine.replace('owner', 'b.owner')} "
                             "GROUP BY b.id", {**params, "id": batch_id}).fetchone()
        return dict(row) if row and row["id"] else None

    def batch_items(self, batch_id: str) -> list[dict[str, Any]]:
        with self._connect() as db:
            rows = db.execute("SELECT * FROM batch_items WHERE batch_id = :id ORDER BY position",
                              {"id": batch_id}).fetchall()
        return [{**dict(r), "request": json.loads(r["request"])} for r in rows]

    def set_batch_state(self, batch_id: str, state: str, message: str | None = None) -> None:
        """Pause, resume or cancel a batch; cancelling stops the items not yet sent."""
        with self._connect() as db:
            db.execute("UPDATE batches SET state = :state, message = :message WHERE id = :id AND state != "
                       "'cancelled'", {"id": batch_id, "state": state, "message": message})
            if state == "cancelled":
                db.execute("UPDATE batch_items SET state = 'cancelled' WHERE batch_id = :id AND state = 'queued'",
                           {"id": batch_id})

    def take_batch_item(self, now: float) -> dict[str, Any] | None:
        """Take the next queued item of a running batch (oldest batch first) for sending: only one sender wins."""
        with self._connect() as db:
            # A cheap indexed read first: the worker asks every round, and most rounds nothing is queued, so the
            # write lock is taken only when there is something to take.
            if db.execute("SELECT 1 FROM batch_items WHERE state = 'queued' LIMIT 1").fetchone() is None:
                return None
            db.execute("BEGIN IMMEDIATE")
            try:
                row = db.execute(
                    "SELECT i.batch_id, i.position, i.request, b.owner FROM batch_items i JOIN batches b ON "
                    "b.id = i.batch_id WHERE i.state = 'queued' AND b.state = 'running' ORDER BY b.created_at, "
                    "i.position LIMIT 1").fetchone()
                if row is not None:
                    db.execute("UPDATE batch_items SET state = 'sending', sent_at = :now WHERE batch_id = :id "
                               "AND position = :pos", {"now": now, "id": row["batch_id"], "pos": row["position"]})
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
        return {**dict(row), "request": json.loads(row["request"])} if row else None

    def finish_batch_item(self, batch_id: str, position: int, state: str, task_id: str | None = None,
                          error: str | None = None) -> None:
        """What came of sending an item: sent (with its task), unconfirmed, failed, or queued again."""
        with self._connect() as db:
            db.execute("UPDATE batch_items SET state = :state, task_id = :task, error = :error WHERE batch_id = :id "
                       "AND position = :pos AND state = 'sending'",
                       {"state": state, "task": task_id, "error": error, "id": batch_id, "pos": position})

    def recover_batch_items(self, stale_before: float) -> int:
        """Items left 'sending' by a sender that died: their request may have been made, so never resend them."""
        with self._connect() as db:
            return db.execute("UPDATE batch_items SET state = 'unconfirmed', error = :why WHERE state = 'sending' "
                              "AND sent_at < :stale", {"stale": stale_before, "why": UNCONFIRMED_ITEM}).rowcount

    def save_prompt(self, prompt_id: str, name: str, tags: str, request: dict[str, Any], now: float) -> None:
        """Keep a prompt with its settings in the library (the person's own under sign-in)."""
        with self._connect() as db:
            db.execute("INSERT INTO prompts (id, owner, name, tags, request, created_at) VALUES (:id, :owner, :name, "
                       ":tags, :request, :now)", {"id": prompt_id, "owner": self.owner, "name": name, "tags": tags,
                                                  "request": json.dumps(request), "now": now})

    def prompts(self) -> list[dict[str, Any]]:
        mine, params = self._only_mine()
        with self._connect() as db:
            rows = db.execute(f"SELECT * FROM prompts WHERE 1 = 1{mine} ORDER BY name, created_at", params).fetchall()
        return [{**dict(r), "request": json.loads(r["request"])} for r in rows]

    def delete_prompt(self, prompt_id: str) -> bool:
        return self._update_mine("DELETE FROM prompts WHERE id = :id", {"id": prompt_id})

    def recent_prompts(self, limit: int = 20) -> list[str]:
        """The last distinct prompts of this history (the person's own under sign-in)."""
        mine, params = self._only_mine()
        with self._connect() as db:
            rows = db.execute(f"SELECT prompt, MAX(created_at) AS last FROM tasks WHERE prompt != ''{mine} "
                              "GROUP BY prompt ORDER BY last DESC LIMIT :limit", {**params, "limit": limit})
            return [r["prompt"] for r in rows]

    # -- people: one identity per person (kie.team) ---------------------------------------------

    def note_person(self, person_id: str, email: str, name: str, now: float) -> str | None:
        """Remember who a person id is (e-mail and name for display); the e-mail known before, or None."""
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            row = db.execute("SELECT email FROM people WHERE id = :id", {"id": person_id}).fetchone()
            db.execute("INSERT INTO people (id, email, name, seen_at) VALUES (:id, :email, :name, :now) ON CONFLICT "
                       "(id) DO UPDATE SET email = excluded.email, name = excluded.name, seen_at = excluded.seen_at",
                       {"id": person_id, "email": email, "name": name, "now": now})
            db.execute("COMMIT")
        return row["email"] if row else None

    def people(self) -> list[dict[str, Any]]:
        """Everyone who signed in: id, email, name, seen_at."""
        with self._connect() as db:
            return [dict(r) for r in db.execute("SELECT id, email, name, seen_at FROM people ORDER BY email, id")]

    def rename_owner(self, email: str, person_id: str) -> int:
        """Give what is kept under an e-mail (in any letter case) to a person id: tasks, spend, batches, prompts,
        and the budget unless the id has its own. Returns the rows moved."""
        params = {"email": email.strip().lower(), "id": person_id}
        moved = 0
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            for table in ("tasks", "spend", "batches", "prompts"):
                moved += db.execute(f"UPDATE {table} SET owner = :id WHERE lower(owner) = :email", params).rowcount
            if db.execute("SELECT 1 FROM budgets WHERE owner = :id", params).fetchone() is None:
                moved += db.execute("UPDATE budgets SET owner = :id WHERE owner = (SELECT owner FROM budgets WHERE "
                                    "lower(owner) = :email ORDER BY updated_at DESC LIMIT 1)", params).rowcount
            db.execute("DELETE FROM budgets WHERE lower(owner) = :email", params)
            db.execute("COMMIT")
        return moved
