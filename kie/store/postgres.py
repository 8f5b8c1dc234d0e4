"""The history of every workspace in one PostgreSQL database, shared by several replicas (`STUDIO_DATABASE_URL`).

Same behaviour as the SQLite store (`kie.store.sqlite.TaskStore`), method for method. Every table has a
`workspace` column and every query filters by it. Claims are row updates, and budget reservations hold a
transaction-scoped advisory lock per (workspace, person, day), so both stay right across processes and machines.
Images stay in the workspace's folder under the data directory (a local or shared folder).

One connection pool per database URL per process, shared by every store object; connections are checked before
use, so the pool recovers by itself when the server restarts. A call that cannot reach the database raises
`StoreUnavailable`, which the caller may retry. The schema is brought up to date on first use (numbered SQL files
in `migrations/`, applied under an advisory lock, so replicas starting at once apply each file once).
"""

from __future__ import annotations

import json
import re
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from kie import ratelimit
from kie.models import GenerateRequest, Task
from kie.store import ITEM_STATES, UNCONFIRMED_ITEM, WORKSPACE_NAME, StoreUnavailable, TaskQuery
from kie.store.files import LocalFiles, StoreFiles
from kie.store.sqlite import TaskStore

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
MIGRATION_FILE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
POOL_MAX_SIZE = 10  # connections per database per process; Streamlit runs many threads, each call is short
TIMEOUT = 3.0  # seconds to wait for a connection before StoreUnavailable: a page shows trouble, not a freeze
CONNECT_TIMEOUT = 5  # libpq's connect_timeout, whole seconds
LOCK_CLASS_MIGRATIONS = 0x4F490001  # advisory lock keys of this app: (class, key); two ints never meet one bigint's
LOCK_CLASS_SPEND = 0x4F490002

# The task columns, named: a prepared `SELECT *` would fail once a later migration adds a column under it.
TASK_COLUMNS = ", ".join(TaskStore._row(Task(task_id="", kind="text", request=GenerateRequest())))

_pools: dict[str, ConnectionPool] = {}
_ready: set[str] = set()  # URLs whose schema this process has brought up to date
_registry_lock = threading.Lock()
_schema_lock = threading.Lock()


def _unavailable(exc: BaseException) -> StoreUnavailable:
    # The class name says enough; the chained exception keeps libpq's message (which never holds the password).
    return StoreUnavailable(f"the history database is unavailable ({type(exc).__name__}); try again")


def pool_for(url: str) -> ConnectionPool:
    """The connection pool of a database URL, made on first use and shared by the whole process."""
    with _registry_lock:
        pool = _pools.get(url)
        if pool is None:
            pool = ConnectionPool(
                url, min_size=1, max_size=POOL_MAX_SIZE, open=True, timeout=TIMEOUT, name="studio-history",
                check=ConnectionPool.check_connection,  # a connection broken by a server restart is replaced
                kwargs={"autocommit": True, "row_factory": dict_row, "connect_timeout": CONNECT_TIMEOUT},
            )
            _pools[url] = pool
        return pool


def close_pool(url: str) -> None:
    """Close the pool of one URL (tests, shutdown); the next store made for it opens a new one."""
    with _registry_lock:
        pool = _pools.pop(url, None)
        _ready.discard(url)
    if pool is not None:
        pool.close()


def close_pools() -> None:
    """Close every pool of this process (server shutdown)."""
    for url in list(_pools):
        close_pool(url)


def migrations() -> list[tuple[int, str, str]]:
    """The numbered SQL files, in order: (version, name, sql)."""
    found = []
    for path in MIGRATIONS_DIR.iterdir():
        match = MIGRATION_FILE.match(path.name)
        if match:
            found.append((int(match[1]), match[2], path.read_text()))
    return sorted(found)


def apply_migrations(url: str) -> list[int]:
    """Apply the migrations the database lacks, each in its own transaction; return the versions applied now.

    Safe when several processes start at once: they wait for each other on an advisory lock, and each file is
    applied once (`schema_migrations` keeps the versions done).
    """
    applied = []
    try:
        # Its own connection: the session-level lock goes with it when it closes, even if this process dies.
        with psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT) as conn:
            conn.execute("SELECT pg_advisory_lock(%s::integer, 0)", (LOCK_CLASS_MIGRATIONS,))
            conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                         "name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
            done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
            for version, name, sql in migrations():
                if version in done:
                    continue
                with conn.transaction():
                    conn.execute(sql)
                    conn.execute("INSERT INTO schema_migrations (version, name) VALUES (%s, %s)", (version, name))
                applied.append(version)
    except psycopg.OperationalError as exc:
        raise _unavailable(exc) from exc
    return applied


def ensure_schema(url: str) -> None:
    """Apply the migrations once per process and URL (the first store call does it)."""
    if url in _ready:
        return
    with _schema_lock:
        if url not in _ready:
            apply_migrations(url)
            _ready.add(url)


_PARAM = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


def _dialect(clause: str) -> str:
    """A clause of TaskQuery (SQLite's `:name` parameters) for psycopg; ILIKE, as SQLite's LIKE ignores case."""
    return _PARAM.sub(r"%(\1)s", clause).replace(" LIKE ", " ILIKE ")


class PostgresStore(StoreFiles):
    """History of one workspace in a shared PostgreSQL database, and its files (`files`: default the workspace's
    folder in the data dir; see `kie.store.files`). With an `owner` (see `scoped`) it is one person's view: every
    read and change is limited to that person's tasks."""

    def __init__(self, url: str, data_dir: str | Path, workspace: str, owner: str | None = None,
                 files: LocalFiles | None = None) -> None:
        if not WORKSPACE_NAME.match(workspace):
            raise ValueError("invalid workspace name")
        self.data_dir = Path(data_dir)
        self.files = files if files is not None else LocalFiles(data_dir, workspace)
        self.workspace = workspace
        self.owner = owner
        self._url = url  # private: it may hold a password
        self._pool = pool_for(url)

    def __repr__(self) -> str:
        return f"PostgresStore(workspace={self.workspace!r}, owner={self.owner!r})"

    @classmethod
    def existing(cls, url: str, data_dir: str | Path, workspace: str,
                 files: LocalFiles | None = None) -> PostgresStore | None:
        """The store of a workspace that already has tasks, or None (a name from outside never makes one)."""
        if not WORKSPACE_NAME.match(workspace):
            return None
        store = cls(url, data_dir, workspace, files=files)
        with store._connect() as db:
            found = db.execute("SELECT 1 FROM tasks WHERE workspace = %s LIMIT 1", (workspace,)).fetchone()
        return store if found else None

    def scoped(self, owner: str | None) -> PostgresStore:
        """The same history seen by one person (None: everyone's, for the worker and admins)."""
        return PostgresStore(self._url, self.data_dir, self.workspace, owner, files=self.files)

    @contextmanager
    def _connect(self) -> Iterator[psycopg.Connection]:
        try:
            ensure_schema(self._url)
            with self._pool.connection() as conn:
                yield conn
        except psycopg.OperationalError as exc:  # also the pool's timeout, and a connection lost mid-call
            raise _unavailable(exc) from exc

    # Each call runs on a pooled connection and reads its result before giving the connection back.
    def _one(self, sql: str, params: dict[str, Any]) -> dict[str, Any] | None:
        with self._connect() as db:
            return db.execute(sql, {"workspace": self.workspace, **params}).fetchone()

    def _all(self, sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        with self._connect() as db:
            return db.execute(sql, {"workspace": self.workspace, **params}).fetchall()

    def _change(self, sql: str, params: dict[str, Any]) -> int:
        with self._connect() as db:
            return db.execute(sql, {"workspace": self.workspace, **params}).rowcount

    def _only_mine(self) -> tuple[str, dict[str, Any]]:
        return (" AND owner = %(scope)s", {"scope": self.owner}) if self.owner is not None else ("", {})

    def _where(self, query: TaskQuery) -> tuple[str, dict[str, Any]]:
        where, params = query.where(self.owner)
        clause = " WHERE workspace = %(workspace)s"
        if where:
            clause += " AND (" + _dialect(where.removeprefix(" WHERE ")) + ")"
        return clause, {"workspace": self.workspace, **params}

    # -- tasks -----------------------------------------------------------------------------

    def add(self, task: Task) -> bool:
        """Keep a new task; False (and nothing changed) when the store already has it."""
        row = TaskStore._row(task)
        if self.owner is not None and row["owner"] is None:
            row["owner"] = task.owner = self.owner
        row["workspace"] = self.workspace
        cols, values = ", ".join(row), ", ".join(f"%({c})s" for c in row)
        sql = f"INSERT INTO tasks ({cols}) VALUES ({values}) ON CONFLICT (workspace, task_id) DO NOTHING"
        return self._change(sql, row) == 1

    def save(self, task: Task) -> None:
        """Write what polling learns of a task. A callback noted meanwhile keeps the task due at once."""
        row = TaskStore._row(task)
        sets = ", ".join(f"{c} = %({c})s" for c in row if c not in TaskStore._OWN_SETTERS)
        if task.callback_at is None:  # decided here: PostgreSQL cannot type a NULL parameter in `%s IS NULL`
            sets += ", next_poll_at = CASE WHEN callback_at IS NOT NULL THEN 0 ELSE %(next_poll_at)s END"
        else:
            sets += ", next_poll_at = %(next_poll_at)s"
        self._change(f"UPDATE tasks SET {sets} WHERE workspace = %(workspace)s AND task_id = %(task_id)s", row)

    def get(self, task_id: str) -> Task | None:
        """A task by its ID; None also when it is another person's and this store is scoped."""
        mine, params = self._only_mine()
        row = self._one(f"SELECT {TASK_COLUMNS} FROM tasks WHERE workspace = %(workspace)s "
                        f"AND task_id = %(id)s{mine}", {"id": task_id, **params})
        return TaskStore._task(row) if row else None

    def query(self, query: TaskQuery = TaskQuery(), *, limit: int = 24, offset: int = 0) -> list[Task]:
        """A page of the history, newest first; a negative `limit` means all of it (as in SQLite)."""
        where, params = self._where(query)
        rows = self._all(f'SELECT {TASK_COLUMNS} FROM tasks{where} ORDER BY created_at DESC, task_id COLLATE "C" '
                         "LIMIT %(limit)s OFFSET %(offset)s",  # LIMIT NULL is no limit in PostgreSQL
                         {**params, "limit": limit if limit >= 0 else None, "offset": offset})
        return [TaskStore._task(r) for r in rows]

    def count(self, query: TaskQuery = TaskQuery()) -> int:
        """How many tasks match."""
        where, params = self._where(query)
        return self._one(f"SELECT COUNT(*) AS n FROM tasks{where}", params)["n"]

    def unfinished(self) -> list[Task]:
        """Tasks still pending, and finished ones whose images are not all cached yet."""
        mine, params = self._only_mine()
        rows = self._all(f"SELECT {TASK_COLUMNS} FROM tasks WHERE workspace = %(workspace)s AND open = 1{mine} "
                         'ORDER BY created_at DESC, task_id COLLATE "C"', params)
        return [TaskStore._task(r) for r in rows]

    def has_unfinished(self) -> bool:
        """Whether anything needs polling (cheap: one indexed lookup)."""
        mine, params = self._only_mine()
        return self._one(f"SELECT 1 FROM tasks WHERE workspace = %(workspace)s AND open = 1{mine} LIMIT 1",
                         params) is not None

    def claim(self, task_id: str, now: float, lease: float) -> bool:
        """Take the right to poll a task now. One caller wins per due time, across processes and machines: the
        row lock makes a second update wait, then see the new due time and change nothing."""
        return self._change("UPDATE tasks SET next_poll_at = %(until)s WHERE workspace = %(workspace)s "
                         "AND task_id = %(id)s AND next_poll_at <= %(now)s",
                         {"until": now + lease, "id": task_id, "now": now}) == 1

    def next_due(self) -> float | None:
        """The earliest time any open task is due (for a worker's sleep), or None when nothing is open."""
        return self._one("SELECT MIN(next_poll_at) AS due FROM tasks WHERE workspace = %(workspace)s AND open = 1",
                         {})["due"]

    def task_for_callback(self, token: str) -> Task | None:
        """The task whose callback URL carries `token`, if any."""
        row = self._one(f"SELECT {TASK_COLUMNS} FROM tasks WHERE workspace = %(workspace)s "
                        "AND callback_token = %(token)s", {"token": token})
        return TaskStore._task(row) if row else None

    def note_callback(self, task_id: str, now: float) -> bool:
        """Record the provider's callback and make the task due at once. False (nothing changed) when a
        callback was already taken in, or the task is no longer followed: the same callback twice is a no-op."""
        return self._change("UPDATE tasks SET callback_at = %(now)s, next_poll_at = 0 WHERE workspace = %(workspace)s "
                         "AND task_id = %(id)s AND callback_at IS NULL AND open = 1",
                         {"now": now, "id": task_id}) == 1

    def ping(self) -> None:
        """Raise when the database cannot be read (for health checks)."""
        self._all("SELECT 1 FROM tasks WHERE workspace = %(workspace)s LIMIT 1", {})

    def _update_mine(self, sql: str, params: dict[str, Any]) -> bool:
        mine, scope = self._only_mine()
        return self._change(sql + mine, {**params, **scope}) == 1

    def set_favourite(self, task_id: str, favourite: bool) -> None:
        """Mark or unmark a task as a favourite."""
        self._update_mine("UPDATE tasks SET favourite = %(v)s WHERE workspace = %(workspace)s AND task_id = %(id)s",
                          {"v": int(favourite), "id": task_id})

    def set_showcase(self, task_id: str, chosen: bool) -> None:
        """Add a task to (or take it out of) the saved Showcase selection."""
        self._update_mine("UPDATE tasks SET showcase = %(v)s WHERE workspace = %(workspace)s AND task_id = %(id)s",
                          {"v": int(chosen), "id": task_id})

    def set_owner(self, task_id: str, owner: str) -> bool:
        """Give a task of unknown owner (made before sign-in) to a person; False if it already has one."""
        return self._change("UPDATE tasks SET owner = %(owner)s WHERE workspace = %(workspace)s AND task_id = %(id)s "
                         "AND owner IS NULL", {"owner": owner, "id": task_id}) == 1

    def delete(self, task_id: str) -> bool:
        """Forget a task and its cached images and thumbnails (its input files may serve other tasks).
        False (nothing removed) when there is no such task, or it is another person's."""
        if not self._update_mine("DELETE FROM tasks WHERE workspace = %(workspace)s AND task_id = %(id)s",
                                 {"id": task_id}):
            return False
        self.files.remove_task_files(task_id)
        return True

    # -- team: budgets, use, audit -----------------------------------------------------------

    _USED = ("SELECT COALESCE(SUM(images), 0) AS used FROM spend WHERE workspace = %(workspace)s "
             "AND owner = %(owner)s AND day = %(day)s AND (status = 'accepted' OR created_at >= %(stale_before)s)")

    def reserve_images(self, owner: str, day: str, images: int, limit: int, *, now: float,
                       stale_before: float) -> tuple[bool, int, str | None]:
        """Check and reserve in one transaction: (reserved, images used before, reservation id). An advisory
        lock per (workspace, person, day) makes replicas take turns, so two cannot both see room for themselves."""
        params = {"workspace": self.workspace, "owner": owner, "day": day, "stale_before": stale_before}
        with self._connect() as db, db.transaction():
            db.execute("SELECT pg_advisory_xact_lock(%(cls)s::integer, hashtext(%(key)s))",
                       {"cls": LOCK_CLASS_SPEND, "key": f"{self.workspace}\x1f{owner}\x1f{day}"})
            used = db.execute(self._USED, params).fetchone()["used"]
            if limit and used + images > limit:
                return False, used, None
            reservation = uuid.uuid4().hex
            db.execute("INSERT INTO spend (workspace, id, owner, day, images, status, created_at) "
                       "VALUES (%(workspace)s, %(id)s, %(owner)s, %(day)s, %(images)s, 'reserved', %(now)s)",
                       {**params, "id": reservation, "images": images, "now": now})
        return True, used, reservation

    def confirm_images(self, reservation_id: str, task_id: str, credits: float | None, now: float) -> None:
        """Turn a reservation into images taken, for a task the service accepted."""
        self._change("UPDATE spend SET status = 'accepted', task_id = %(task)s, credits = %(credits)s, "
                  "accepted_at = %(now)s WHERE workspace = %(workspace)s AND id = %(id)s",
                  {"id": reservation_id, "task": task_id, "credits": credits, "now": now})

    def release_images(self, reservation_id: str) -> None:
        """Give a reservation back (nothing was sent)."""
        self._change("DELETE FROM spend WHERE workspace = %(workspace)s AND id = %(id)s AND status = 'reserved'",
                  {"id": reservation_id})

    def images_used(self, owner: str, day: str, stale_before: float) -> int:
        """Images a person took on a day, counting reservations newer than `stale_before`."""
        return self._one(self._USED, {"owner": owner, "day": day, "stale_before": stale_before})["used"]

    def accepted_between(self, start: float, end: float) -> int:
        """How many tasks the workspace made in a time span (to know whether a balance change is one task's)."""
        return self._one("SELECT COUNT(*) AS n FROM tasks WHERE workspace = %(workspace)s "
                         "AND created_at BETWEEN %(a)s AND %(b)s", {"a": start, "b": end})["n"]

    def budget_of(self, owner: str) -> int | None:
        """A person's own daily image limit, or None (the default applies)."""
        row = self._one("SELECT daily_images FROM budgets WHERE workspace = %(workspace)s AND owner = %(owner)s",
                        {"owner": owner})
        return None if row is None else row["daily_images"]

    def set_budget(self, owner: str, limit: int | None, by: str, now: float) -> None:
        """Set a person's daily image limit, or remove it (None)."""
        if limit is None:
            self._change("DELETE FROM budgets WHERE workspace = %(workspace)s AND owner = %(owner)s", {"owner": owner})
            return
        self._change("INSERT INTO budgets (workspace, owner, daily_images, updated_by, updated_at) VALUES "
                  "(%(workspace)s, %(owner)s, %(limit)s, %(by)s, %(now)s) ON CONFLICT (workspace, owner) DO UPDATE "
                  "SET daily_images = excluded.daily_images, updated_by = excluded.updated_by, "
                  "updated_at = excluded.updated_at", {"owner": owner, "limit": limit, "by": by, "now": now})

    def budgets(self) -> list[dict[str, Any]]:
        """Every person's own limit."""
        return self._all("SELECT owner, daily_images, updated_by, updated_at FROM budgets "
                         'WHERE workspace = %(workspace)s ORDER BY owner COLLATE "C"', {})

    def audit(self, actor: str, action: str, target: str | None, detail: str | None, now: float) -> None:
        """Keep one line of the audit log: who did what to what, and when."""
        self._change("INSERT INTO audit (workspace, at, actor, action, target, detail) VALUES (%(workspace)s, %(at)s, "
                  "%(actor)s, %(action)s, %(target)s, %(detail)s)",
                  {"at": now, "actor": actor, "action": action, "target": target, "detail": detail})

    def audit_log(self, limit: int = 200, offset: int = 0) -> list[dict[str, Any]]:
        """The audit log, newest first."""
        return self._all("SELECT at, actor, action, target, detail FROM audit WHERE workspace = %(workspace)s "
                         "ORDER BY at DESC, id DESC LIMIT %(limit)s OFFSET %(offset)s",
                         {"limit": limit, "offset": offset})

    def usage(self, since_day: str) -> list[dict[str, Any]]:
        """Per person and day since `since_day`: tasks, images, failures, and credits where they were measured."""
        return self._all(
            "SELECT s.owner AS person, s.day AS day, COUNT(*) AS tasks, SUM(s.images) AS images, "
            "SUM(CASE WHEN t.state = 'failed' THEN 1 ELSE 0 END) AS failures, SUM(s.credits) AS credits, "
            "COUNT(s.credits) AS measured FROM spend s LEFT JOIN tasks t ON t.workspace = s.workspace "
            "AND t.task_id = s.task_id WHERE s.workspace = %(workspace)s AND s.status = 'accepted' "
            'AND s.day >= %(since)s GROUP BY s.owner, s.day ORDER BY s.day DESC, s.owner COLLATE "C"',
            {"since": since_day})


    # -- batches and the prompt library ------------------------------------------------------

    _BATCH_COUNTS = ("SELECT b.id, b.owner, b.name, b.state, b.message, b.created_at, COUNT(i.position) AS total, "
                     + ", ".join(f"COALESCE(SUM(CASE WHEN i.state = '{s}' THEN 1 ELSE 0 END), 0) AS {s}"
                                 for s in ITEM_STATES)
                     + " FROM batches b LEFT JOIN batch_items i ON i.workspace = b.workspace AND i.batch_id = b.id"
                     " WHERE b.workspace = %(workspace)s")

    def _mine_in(self, alias: str) -> tuple[str, dict[str, Any]]:
        return (f" AND {alias}.owner = %(scope)s", {"scope": self.owner}) if self.owner is not None else ("", {})

    def add_batch(self, batch_id: str, name: str, requests: list[dict[str, Any]], now: float) -> None:
        """Queue a batch and its items in one transaction (the person's own under sign-in)."""
        with self._connect() as db, db.transaction():
            db.execute("INSERT INTO batches (workspace, id, owner, name, state, created_at) VALUES (%(workspace)s, "
                       "%(id)s, %(owner)s, %(name)s, 'running', %(now)s)",
                       {"workspace": self.workspace, "id": batch_id, "owner": self.owner, "name": name, "now": now})
            with db.cursor() as cur:
                cur.executemany("INSERT INTO batch_items (workspace, batch_id, position, request, state) VALUES "
                                "(%(workspace)s, %(id)s, %(pos)s, %(request)s, 'queued')",
                                [{"workspace": self.workspace, "id": batch_id, "pos": n, "request": json.dumps(r)}
                                 for n, r in enumerate(requests)])

    def batches(self, limit: int = 20) -> list[dict[str, Any]]:
        """Batches, newest first, with how many items are in each state."""
        mine, params = self._mine_in("b")
        return self._all(self._BATCH_COUNTS + mine + " GROUP BY b.workspace, b.id ORDER BY b.created_at DESC "
                         "LIMIT %(limit)s", {**params, "limit": limit})

    def batch(self, batch_id: str) -> dict[str, Any] | None:
        mine, params = self._mine_in("b")
        return self._one(self._BATCH_COUNTS + " AND b.id = %(id)s" + mine + " GROUP BY b.workspace, b.id",
                         {**params, "id": batch_id})

    def batch_items(self, batch_id: str) -> list[dict[str, Any]]:
        rows = self._all("SELECT batch_id, position, request, state, task_id, error, sent_at FROM batch_items "
                         "WHERE workspace = %(workspace)s AND batch_id = %(id)s ORDER BY position", {"id": batch_id})
        return [{**r, "request": json.loads(r["request"])} for r in rows]

    def set_batch_state(self, batch_id: str, state: str, message: str | None = None) -> None:
        """Pause, resume or cancel a batch; cancelling stops the items not yet sent."""
        with self._connect() as db, db.transaction():
            params = {"workspace": self.workspace, "id": batch_id, "state": state, "message": message}
            db.execute("UPDATE batches SET state = %(state)s, message = %(message)s WHERE workspace = %(workspace)s "
                       "AND id = %(id)s AND state != 'cancelled'", params)
            if state == "cancelled":
                db.execute("UPDATE batch_items SET state = 'cancelled' WHERE workspace = %(workspace)s AND "
                           "batch_id = %(id)s AND state = 'queued'", params)

    def take_batch_item(self, now: float) -> dict[str, Any] | None:
        """Take the next queued item of a running batch for sending: one sender wins, even across replicas."""
        row = self._one(
            "WITH next AS (SELECT i.batch_id, i.position FROM batch_items i JOIN batches b ON b.workspace = "
            "i.workspace AND b.id = i.batch_id WHERE i.workspace = %(workspace)s AND i.state = 'queued' AND "
            "b.state = 'running' ORDER BY b.created_at, i.position LIMIT 1 FOR UPDATE OF i SKIP LOCKED) "
            "UPDATE batch_items u SET state = 'sending', sent_at = %(now)s FROM next WHERE u.workspace = "
            "%(workspace)s AND u.batch_id = next.batch_id AND u.position = next.position "
            "RETURNING u.batch_id, u.position, u.request, "
            "(SELECT owner FROM batches WHERE workspace = u.workspace AND id = u.batch_id) AS owner", {"now": now})
        return {**row, "request": json.loads(row["request"])} if row else None

    def finish_batch_item(self, batch_id: str, position: int, state: str, task_id: str | None = None,
                          error: str | None = None) -> None:
        """What came of sending an item: sent (with its task), unconfirmed, failed, or queued again."""
        self._change("UPDATE batch_items SET state = %(state)s, task_id = %(task)s, error = %(error)s WHERE "
                     "workspace = %(workspace)s AND batch_id = %(id)s AND position = %(pos)s AND state = 'sending'",
                     {"state": state, "task": task_id, "error": error, "id": batch_id, "pos": position})

    def recover_batch_items(self, stale_before: float) -> int:
        """Items left 'sending' by a sender that died: their request may have been made, so never resend them."""
        return self._change("UPDATE batch_items SET state = 'unconfirmed', error = %(why)s WHERE workspace = "
                            "%(workspace)s AND state = 'sending' AND sent_at < %(stale)s",
                            {"stale": stale_before, "why": UNCONFIRMED_ITEM})

    def save_prompt(self, prompt_id: str, name: str, tags: str, request: dict[str, Any], now: float) -> None:
        """Keep a prompt with its settings in the library (the person's own under sign-in)."""
        self._change("INSERT INTO prompts (workspace, id, owner, name, tags, request, created_at) VALUES "
                     "(%(workspace)s, %(id)s, %(owner)s, %(name)s, %(tags)s, %(request)s, %(now)s)",
                     {"id": prompt_id, "owner": self.owner, "name": name, "tags": tags,
                      "request": json.dumps(request), "now": now})

    def prompts(self) -> list[dict[str, Any]]:
        mine, params = self._only_mine()
        rows = self._all("SELECT id, owner, name, tags, request, created_at FROM prompts WHERE workspace = "
                         f'%(workspace)s{mine} ORDER BY name COLLATE "C", created_at', params)
        return [{**r, "request": json.loads(r["request"])} for r in rows]

    def delete_prompt(self, prompt_id: str) -> bool:
        mine, params = self._only_mine()
        return self._change(f"DELETE FROM prompts WHERE workspace = %(workspace)s AND id = %(id)s{mine}",
                            {**params, "id": prompt_id}) == 1

    def recent_prompts(self, limit: int = 20) -> list[str]:
        """The last distinct prompts of this history (the person's own under sign-in)."""
        mine, params = self._only_mine()
        rows = self._all("SELECT prompt, MAX(created_at) AS last FROM tasks WHERE workspace = %(workspace)s AND "
                         f"prompt != ''{mine} GROUP BY prompt ORDER BY last DESC LIMIT %(limit)s",
                         {**params, "limit": limit})
        return [r["prompt"] for r in rows]


    # -- people: one identity per person (kie.team) ---------------------------------------------

    def note_person(self, person_id: str, email: str, name: str, now: float) -> str | None:
        """Remember who a person id is (e-mail and name for display); the e-mail known before, or None."""
        params = {"workspace": self.workspace, "id": person_id, "email": email, "name": name, "now": now}
        with self._connect() as db, db.transaction():
            row = db.execute("SELECT email FROM people WHERE workspace = %(workspace)s AND id = %(id)s FOR UPDATE",
                             params).fetchone()
            db.execute("INSERT INTO people (workspace, id, email, name, seen_at) VALUES (%(workspace)s, %(id)s, "
                       "%(email)s, %(name)s, %(now)s) ON CONFLICT (workspace, id) DO UPDATE SET "
                       "email = excluded.email, name = excluded.name, seen_at = excluded.seen_at", params)
        return row["email"] if row else None

    def people(self) -> list[dict[str, Any]]:
        """Everyone who signed in: id, email, name, seen_at."""
        return self._all('SELECT id, email, name, seen_at FROM people WHERE workspace = %(workspace)s '
                         'ORDER BY email COLLATE "C", id COLLATE "C"', {})

    def rename_owner(self, email: str, person_id: str) -> int:
        """Give what is kept under an e-mail (in any letter case) to a person id: tasks, spend, batches, prompts,
        and the budget unless the id has its own. Returns the rows moved."""
        params = {"workspace": self.workspace, "email": email.strip().lower(), "id": person_id}
        moved = 0
        with self._connect() as db, db.transaction():
            for table in ("tasks", "spend", "batches", "prompts"):
                moved += db.execute(f"UPDATE {table} SET owner = %(id)s WHERE workspace = %(workspace)s "
                                    "AND lower(owner) = %(email)s", params).rowcount
            own = db.execute("SELECT 1 FROM budgets WHERE workspace = %(workspace)s AND owner = %(id)s",
                             params).fetchone()
            if own is None:
                moved += db.execute("UPDATE budgets SET owner = %(id)s WHERE workspace = %(workspace)s AND owner = "
                                    "(SELECT owner FROM budgets WHERE workspace = %(workspace)s AND lower(owner) = "
                                    "%(email)s ORDER BY updated_at DESC LIMIT 1)", params).rowcount
            db.execute("DELETE FROM budgets WHERE workspace = %(workspace)s AND lower(owner) = %(email)s", params)
        return moved

class PostgresSlotLedger:
    """The rate limiter's ledger in the shared database (kie.ratelimit's SQL, locked per account), so that every
    replica's sends of one account count against one window."""

    def __init__(self, url: str, account: str) -> None:
        self.account = account
        self._url = url
        self._pool = pool_for(url)

    def _tx(self):
        ensure_schema(self._url)
        return self._pool.connection()

    def take(self, now: float, rate: ratelimit.Rate) -> float:
        """0.0 when a slot was free (and is now recorded), else the seconds to wait."""
        pg = ratelimit.SQL_LOCK_ACCOUNT.replace("?", "%s") + " FOR UPDATE"
        try:
            with self._tx() as db, db.transaction():
                db.execute(ratelimit.SQL_ENSURE_ACCOUNT.replace("?", "%s"), (self.account,))
                blocked_until = float(db.execute(pg, (self.account,)).fetchone()["blocked_until"])
                db.execute(ratelimit.SQL_PRUNE.replace("?", "%s"), (self.account, now - rate.seconds))
                sent = [r["sent_at"] for r in db.execute(ratelimit.SQL_WINDOW.replace("?", "%s"),
                                                         (self.account, now - rate.seconds))]
                wait = ratelimit.decide(sent, blocked_until, now, rate)
                if wait == 0.0:
                    db.execute(ratelimit.SQL_RECORD.replace("?", "%s"), (self.account, now))
                return wait
        except psycopg.OperationalError as exc:
            raise _unavailable(exc) from exc

    def block_until(self, until: float) -> None:
        """After a 429: nobody sends for this account before `until` (a block never gets shorter)."""
        with self._tx() as db, db.transaction():
            db.execute(ratelimit.SQL_ENSURE_ACCOUNT.replace("?", "%s"), (self.account,))
            db.execute(ratelimit.SQL_BLOCK.replace("?", "%s"), (until, self.account, until))
