"""The history of a workspace in SQL: one implementation of `Store` for SQLite and PostgreSQL (SQLAlchemy Core).

`TaskStore(data_dir, workspace)` keeps it in a SQLite file of its own (`<data>/workspaces/<ws>/tasks.sqlite3`),
the default for one server; `PostgresStore(url, data_dir, workspace)` in one PostgreSQL database shared by several
replicas. Both are `SqlStore`: the queries are built once from `kie.store.tables`, and the few differences live in
`kie.store.dialects`. Images and other files are kept by `files` (see `kie.store.files`).

A store with an `owner` (see `scoped`) is one person's view: every read and every change is limited to that
person's rows, so a page that forgets a check still cannot touch another person's task, batch or prompt. A store
without one (the worker, admins) sees and changes the whole workspace.
"""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

import kie.store.prepared as prepared
import kie.store.rows as rows
import kie.store.tables as t
from kie.models import Task
from kie.store.dialects import Dialect, dialect_for
from kie.store.engines import engine_for, ensure_schema, sqlite_url, unavailable
from kie.store.files import LocalFiles, StoreFiles
from kie.store.protocol import UNCONFIRMED_ITEM, WORKSPACE_NAME, NotYours, TaskQuery
from kie.store.rows import ITEM_STATES

DB_FILE = "tasks.sqlite3"
INPUT_THUMBS = "inputs"  # the thumbnail folder of input pictures (they belong to no one task)
# Written by their own calls only, so that a poll's copy of a task, read a moment earlier, cannot undo them.
OWN_SETTERS = ("workspace", "task_id", "favourite", "showcase", "owner", "callback_token", "callback_at",
               "next_poll_at")
_DOWN = (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.TimeoutError)
WS, ME = sa.bindparam("ws"), sa.bindparam("me")  # every prepared statement's workspace and scope owner


def _values(columns: Sequence[str]) -> dict[str, Any]:
    """Bound parameters `p_<column>` for the VALUES of a kept INSERT (see `_given`)."""
    return {c: sa.bindparam(f"p_{c}") for c in columns}


def _given(row: dict[str, Any]) -> dict[str, Any]:
    return {f"p_{c}": v for c, v in row.items()}


class SqlStore(StoreFiles):
    """History of one workspace in a SQL database, and its files. With an `owner`, one person's view of it."""

    def __init__(self, url: str, data_dir: str | Path, workspace: str, owner: str | None = None,
                 files: LocalFiles | None = None) -> None:
        if not WORKSPACE_NAME.match(workspace):
            raise ValueError("invalid workspace name")
        self.workspace = workspace
        self.owner = owner
        self.data_dir = Path(data_dir)
        self.files = files if files is not None else LocalFiles(data_dir, workspace)
        self._url = url  # private: it may hold a password
        self._dialect: Dialect | None = None

    def __repr__(self) -> str:
        return f"{type(self).__name__}(workspace={self.workspace!r}, owner={self.owner!r})"

    def scoped(self, owner: str | None) -> SqlStore:
        """The same history seen by one person (None: everyone's, for the worker and admins)."""
        twin = copy.copy(self)
        twin.owner = owner
        return twin

    # -- connections ---------------------------------------------------------------------------

    @property
    def dialect(self) -> Dialect:
        """The database's dialect part (made on first use: a store object costs nothing until it is asked)."""
        if self._dialect is None:
            self._dialect = dialect_for(engine_for(self._url))
        return self._dialect

    @contextmanager
    def _db(self, write: bool = False) -> Iterator[Connection]:
        """A connection for one statement, or (`write`) one locked write transaction; StoreUnavailable when
        the database cannot be reached."""
        try:
            ensure_schema(self._url, self.workspace)
            dialect = self.dialect
            with dialect.write() if write else dialect.single() as db:
                yield db
        except _DOWN as exc:  # also the pool's timeout, and a connection lost mid-call
            raise unavailable(exc) from exc

    def _prepared(self, name: str, build: Any, *shape: Any) -> sa.Executable:
        """The statement `name` of this store's shape (scoped or not, dialect, `shape`), built once."""
        return prepared.statement((name, self.owner is not None, self.dialect.name, *shape), build)

    def _params(self, params: dict[str, Any] | None) -> dict[str, Any]:
        return {**(params or {}), "ws": self.workspace, "me": self.owner}  # no caller can widen the scope

    def _run(self, statement: sa.Executable, params: dict[str, Any] | None, fetch: str) -> Any:
        """A statement kept by `_prepared` runs on the driver's connection (see `kie.store.prepared`); any other
        through SQLAlchemy."""
        if prepared.is_kept(statement):
            ensure_schema(self._url, self.workspace)
            return prepared.run(self.dialect.engine, statement, self._params(params), fetch)
        with self._db() as db:  # rowcount of an INSERT too (SQLAlchemy keeps it only when asked)
            result = db.execute(statement, self._params(params), execution_options={"preserve_rowcount": True})
            if fetch == "count":
                return result.rowcount
            if fetch == "value":
                return result.scalar()
            rows = [dict(r) for r in result.mappings()]
            return rows if fetch == "all" else (rows[0] if rows else None)

    def _all(self, query: sa.Executable, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        return self._run(query, params, "all")

    def _one(self, query: sa.Executable, params: dict[str, Any] | None = None) -> dict[str, Any] | None:
        return self._run(query, params, "one")

    def _value(self, query: sa.Executable, params: dict[str, Any] | None = None) -> Any:
        return self._run(query, params, "value")

    def _change(self, statement: sa.Executable, params: dict[str, Any] | None = None) -> int:
        return self._run(statement, params, "count")

    # -- who may see and change what ----------------------------------------------------------

    def _here(self, table: sa.Table) -> list[sa.ColumnElement[bool]]:
        """This workspace's rows (parameter `ws`). A SQLite file holds one workspace only, so there it is no
        condition at all: SQLite then counts a table from its b-tree and walks the indexes it always had."""
        return [] if self.dialect.name == "sqlite" else [table.c.workspace == WS]

    def _mine(self, table: sa.Table) -> list[sa.ColumnElement[bool]]:
        """This workspace's rows, and only this person's when the store is scoped (parameters `ws`, `me`)."""
        where = self._here(table)
        if self.owner is not None:
            where.append(table.c.owner == ME)
        return where

    def _task(self, task_id: str | None = None) -> list[sa.ColumnElement[bool]]:
        """A task of this view: the task_id given, or the parameter `id`."""
        return [*self._mine(t.tasks), t.tasks.c.task_id == (sa.bindparam("id") if task_id is None else task_id)]

    def owner_of(self, task_id: str) -> tuple[bool, str | None]:
        """Whether the workspace has the task at all (whoever's it is), and its owner (None: unknown owner)."""
        row = self._one(self._prepared("owner_of", lambda: sa.select(t.tasks.c.owner).where(
            *self._here(t.tasks), t.tasks.c.task_id == sa.bindparam("id"))), {"id": task_id})
        return (False, None) if row is None else (True, row["owner"])

    def _check_mine(self, task_id: str) -> bool:
        """Whether the task exists (its files may be written before it is added, as the demo gallery does);
        NotYours when it is another person's. Thumbnails of input pictures (INPUT_THUMBS) belong to no task."""
        if task_id == INPUT_THUMBS:
            return False
        found, owner = self.owner_of(task_id)
        if found and self.owner is not None and owner != self.owner:
            raise NotYours(task_id)
        return found

    def _still_there(self, task_id: str) -> None:
        """After a task's file is written: a task deleted meanwhile (the worker was downloading its pictures while
        the person deleted it) takes the file with it, so nothing is left behind without its task."""
        if not self.owner_of(task_id)[0]:
            self.files.remove_task_files(task_id)
            raise NotYours(task_id)

    # -- tasks ---------------------------------------------------------------------------------

    def add(self, task: Task) -> bool:
        """Keep a new task: True. False (nothing changed) when this view already has it. `NotYours` (nothing
        changed) when the workspace has it under another owner, or a scoped store is handed another's task."""
        if self.owner is not None:
            if task.owner is not None and task.owner != self.owner:
                raise NotYours(task.task_id)
            task.owner = self.owner
        row = rows.task_row(task, self.workspace)
        added = self._change(self._prepared("add", lambda: self.dialect.insert(t.tasks).values(_values(list(row)))
                                            .on_conflict_do_nothing()), _given(row)) == 1
        if not added:
            self._check_mine(task.task_id)
        return added

    def save(self, task: Task) -> bool:
        """Write what polling learns of a task (never its owner, favourite, showcase, callback or claim). A callback
        noted meanwhile keeps the task due at once. False (nothing written) when it is another person's."""
        row = rows.task_row(task, self.workspace)
        written = [c for c in row if c not in OWN_SETTERS]
        knows_callback = task.callback_at is not None

        def build() -> sa.Executable:
            values: dict[str, Any] = {c: sa.bindparam(f"v_{c}") for c in written}
            due = sa.bindparam("v_next_poll_at", type_=t.Float)
            # The stale copy knows of no callback: one noted meanwhile keeps the task due at once.
            values["next_poll_at"] = due if knows_callback else \
                sa.case((t.tasks.c.callback_at.is_not(None), 0.0), else_=due)
            return t.tasks.update().where(*self._task()).values(values)

        params = {f"v_{c}": v for c, v in row.items()}
        return self._change(self._prepared("save", build, knows_callback), {"id": task.task_id, **params}) == 1

    def get(self, task_id: str) -> Task | None:
        """A task by its ID; None also when it is another person's and this store is scoped."""
        row = self._one(self._prepared("get", lambda: sa.select(t.tasks).where(*self._task())), {"id": task_id})
        return rows.task_of(row) if row else None

    def _where(self, query: TaskQuery) -> tuple[tuple, list[sa.ColumnElement[bool]], dict[str, Any]]:
        """The filters of a query as (shape, conditions with bound parameters, their values): queries of one shape
        share one kept statement (see `kie.store.prepared`)."""
        c = t.tasks.c
        where, params = self._mine(t.tasks), {}

        def bound(name: str, value: Any, type_: Any = None) -> sa.BindParameter:
            params[name] = value
            return sa.bindparam(name, type_=type_)

        if query.owner is not None:
            where.append(c.owner == bound("owner", query.owner))
        if query.unowned_only:
            where.append(c.owner.is_(None))
        for column, values in ((c.state, query.states), (c.kind, query.kinds), (c.model, query.models)):
            if values:
                where.append(column.in_([bound(f"{column.key}{n}", v) for n, v in enumerate(values)]))
        words = query.search.split()
        for n, word in enumerate(words):
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            where.append(self.dialect.contains(c.prompt, bound(f"word{n}", f"%{escaped}%", sa.Text)))
        if query.favourites_only:
            where.append(c.favourite == 1)
        if query.showcase_only:
            where.append(c.showcase == 1)
        if query.created_from is not None:
            where.append(c.created_at >= bound("created_from", query.created_from, t.Float))
        if query.created_to is not None:
            where.append(c.created_at < bound("created_to", query.created_to, t.Float))
        for name in ("comparison_id", "batch_id"):
            if getattr(query, name) is not None:
                where.append(c[name] == bound(name, getattr(query, name)))
        if query.demo is not None:
            where.append(c.demo == int(query.demo))
        if query.in_batch is not None:
            where.append(c.batch_id.is_not(None) if query.in_batch else c.batch_id.is_(None))
        shape = (query.owner is not None, query.unowned_only, len(query.states), len(query.kinds), len(query.models),
                 len(words), query.favourites_only, query.showcase_only, query.created_from is not None,
                 query.created_to is not None, query.comparison_id is not None, query.batch_id is not None, query.demo,
                 query.in_batch)
        return shape, where, params

    def _newest_first(self) -> tuple[sa.ColumnElement, ...]:
        return t.tasks.c.created_at.desc(), self.dialect.bytewise(t.tasks.c.task_id)

    def query(self, query: TaskQuery = TaskQuery(), *, limit: int = 24, offset: int = 0) -> list[Task]:
        """A page of the history, newest first (ties by id); a negative `limit` means all of it."""
        shape, where, params = self._where(query)
        whole = limit < 0

        def build() -> sa.Executable:
            select = sa.select(t.tasks).where(*where).order_by(*self._newest_first())
            return select.offset(sa.bindparam("off")) if whole else \
                select.limit(sa.bindparam("lim")).offset(sa.bindparam("off"))

        statement = self._prepared("query", build, shape, whole)
        return [rows.task_of(r) for r in self._all(statement, {**params, "lim": limit, "off": offset})]

    def count(self, query: TaskQuery = TaskQuery()) -> int:
        """How many tasks match."""
        shape, where, params = self._where(query)
        return self._value(self._prepared("count", lambda: sa.select(sa.func.count()).select_from(t.tasks)
                                          .where(*where), shape), params)

    def unfinished(self) -> list[Task]:
        """Tasks still pending, and finished ones whose images are not all cached yet."""
        select = sa.select(t.tasks).where(*self._mine(t.tasks), t.tasks.c.open == 1).order_by(*self._newest_first())
        return [rows.task_of(r) for r in self._all(select)]

    def has_unfinished(self) -> bool:
        """Whether anything needs polling (cheap: one indexed lookup)."""
        return self._one(self._prepared("has_unfinished", lambda: sa.select(sa.literal(1)).where(
            *self._mine(t.tasks), t.tasks.c.open == 1).limit(1))) is not None

    def claim(self, task_id: str, now: float, lease: float) -> bool:
        """Take the right to poll a task now. One caller (session, tab, process, replica) wins per due time."""
        statement = self._prepared("claim", lambda: self.dialect.claim_statement(
            [*self._task(), t.tasks.c.next_poll_at <= sa.bindparam("now")]))
        return self._change(statement, {"id": task_id, "now": now, "until": now + lease}) == 1

    def next_due(self) -> float | None:
        """The earliest time any open task is due (for a worker's sleep), or None when nothing is open."""
        return self._value(self._prepared("next_due", lambda: sa.select(sa.func.min(t.tasks.c.next_poll_at))
                                          .where(*self._here(t.tasks), t.tasks.c.open == 1)))

    def task_for_callback(self, token: str) -> Task | None:
        """The task whose callback URL carries `token`, if any."""
        row = self._one(self._prepared("task_for_callback", lambda: sa.select(t.tasks).where(
            *self._here(t.tasks), t.tasks.c.callback_token == sa.bindparam("token"))), {"token": token})
        return rows.task_of(row) if row else None

    def note_callback(self, task_id: str, now: float) -> bool:
        """Record the provider's callback and make the task due at once. False (nothing changed) when a
        callback was already taken in, or the task is no longer followed: the same callback twice is a no-op."""
        return self._change(self._prepared("note_callback", lambda: t.tasks.update().where(
            *self._task(), t.tasks.c.callback_at.is_(None), t.tasks.c.open == 1).values(
            callback_at=sa.bindparam("now"), next_poll_at=0)), {"id": task_id, "now": now}) == 1

    def ping(self) -> None:
        """Raise when the database cannot be read (for health checks)."""
        self._all(sa.select(t.tasks.c.task_id).where(*self._here(t.tasks)).limit(1))

    def set_favourite(self, task_id: str, favourite: bool) -> bool:
        """Mark or unmark a task as a favourite; False (nothing changed) when it is not this view's."""
        return self._change(self._prepared("favourite", lambda: t.tasks.update().where(*self._task()).values(
            favourite=sa.bindparam("v"))), {"id": task_id, "v": int(favourite)}) == 1

    def set_showcase(self, task_id: str, chosen: bool) -> bool:
        """Add a task to (or take it out of) the saved Showcase selection; False when it is not this view's."""
        return self._change(self._prepared("showcase", lambda: t.tasks.update().where(*self._task()).values(
            showcase=sa.bindparam("v"))), {"id": task_id, "v": int(chosen)}) == 1

    def set_owner(self, task_id: str, owner: str) -> bool:
        """Give a task of unknown owner (made before sign-in) to a person; False if it already has one. Only an
        unscoped store (an admin's) does this: a task of unknown owner is nobody's a person may take."""
        if self.owner is not None:
            return False
        return self._change(t.tasks.update().where(*self._here(t.tasks), t.tasks.c.task_id == task_id,
                                                   t.tasks.c.owner.is_(None)).values(owner=owner)) == 1

    def delete(self, task_id: str) -> bool:
        """Forget a task and its cached images and thumbnails (its input files may serve other tasks).
        False (nothing removed) when there is no such task, or it is another person's."""
        if self._change(t.tasks.delete().where(*self._task(task_id))) != 1:
            return False
        self.files.remove_task_files(task_id)
        return True

    def delete_demo(self) -> int:
        """Forget every demo-gallery task of the workspace (this person's only, when scoped), with their files;
        how many went."""
        with self._db(write=True) as db:
            gone = list(db.execute(t.tasks.delete().where(*self._mine(t.tasks), t.tasks.c.demo == 1)
                                   .returning(t.tasks.c.task_id), self._params(None)).scalars())
        for task_id in gone:
            self.files.remove_task_files(task_id)
        return len(gone)

    def load(self, tasks: Sequence[Task]) -> None:
        """Add many new tasks at once (bulk loading: benchmarks, copies); every one must be new, and a scoped
        store loads only its own person's."""
        if self.owner is not None and any(task.owner != self.owner for task in tasks):
            raise NotYours(next(task.task_id for task in tasks if task.owner != self.owner))
        with self._db(write=True) as db:
            self.dialect.load(db, t.tasks, [rows.task_row(task, self.workspace) for task in tasks])

    # -- files of a task -------------------------------------------------------------------------

    def save_image(self, task_id: str, index: int, content: bytes, suffix: str = ".png") -> str:
        """Keep a result image of a task of this view, whole or not at all; return its file name."""
        existed = self._check_mine(task_id)
        name = self.files.save_image(task_id, index, content, suffix)
        if existed:
            self._still_there(task_id)
        return name

    def save_thumb(self, task_id: str, name: str, content: bytes) -> Path:
        """Keep a thumbnail of a task of this view; return its local file."""
        existed = self._check_mine(task_id)
        path = self.files.save_thumb(task_id, name, content)
        if existed:
            self._still_there(task_id)
        return path

    # -- team: budgets, use, audit ----------------------------------------------------------------

    def _used(self) -> sa.Executable:
        """Images used (parameters `owner`, `day`, `stale_before`)."""
        s = t.spend.c
        return self._prepared("used", lambda: sa.select(sa.func.coalesce(sa.func.sum(s.images), 0)).where(
            *self._here(t.spend), s.owner == sa.bindparam("owner"), s.day == sa.bindparam("day"),
            sa.or_(s.status == "accepted", s.created_at >= sa.bindparam("stale_before"))))

    def _own_person(self, owner: str) -> None:
        if self.owner is not None and owner != self.owner:
            raise NotYours(owner)

    def reserve_images(self, owner: str, day: str, images: int, limit: int, *, now: float, stale_before: float,
                       model: str = t.DEFAULT_MODEL) -> tuple[bool, int, str | None]:
        """Check and reserve in one locked transaction: (reserved, images used before, reservation id). Two
        reservations for one person and day take turns, on one server or many."""
        self._own_person(owner)
        ensure_schema(self._url, self.workspace)
        lock = self.dialect.budget_lock()
        with prepared.transaction(self.dialect.engine, self.dialect.begin_write) as db:
            if lock is not None:
                db.run(self._prepared("budget_lock", lambda: lock), {"key": f"{self.workspace}\x1f{owner}\x1f{day}"},
                       "value")
            used = int(db.run(self._used(), {"ws": self.workspace, "owner": owner, "day": day,
                                             "stale_before": stale_before}, "value"))
            if limit and used + images > limit:
                return False, used, None
            reservation = uuid.uuid4().hex
            row = {"workspace": self.workspace, "id": reservation, "owner": owner, "day": day, "images": images,
                   "status": "reserved", "created_at": now, "model": model}
            db.run(self._prepared("reserve", lambda: t.spend.insert().values(_values(list(row)))), _given(row),
                   "count")
        return True, used, reservation

    def _reservation(self) -> list[sa.ColumnElement[bool]]:
        return [*self._mine(t.spend), t.spend.c.id == sa.bindparam("rid")]

    def confirm_images(self, reservation_id: str, task_id: str, credits: float | None, now: float) -> None:
        """Turn a reservation into images taken, for a task the service accepted (once: a confirmed one stays)."""
        self._change(self._prepared("confirm", lambda: t.spend.update().where(
            *self._reservation(), t.spend.c.status == "reserved").values(
            status="accepted", task_id=sa.bindparam("task"), credits=sa.bindparam("b_credits", type_=t.Float),
            accepted_at=sa.bindparam("now"))), {"rid": reservation_id, "task": task_id, "b_credits": credits,
                                                "now": now})

    def release_images(self, reservation_id: str) -> None:
        """Give a reservation back (nothing was sent)."""
        self._change(self._prepared("release", lambda: t.spend.delete().where(
            *self._reservation(), t.spend.c.status == "reserved")), {"rid": reservation_id})

    def images_used(self, owner: str, day: str, stale_before: float) -> int:
        """Images a person took on a day, counting reservations newer than `stale_before`."""
        return int(self._value(self._used(), {"owner": owner, "day": day, "stale_before": stale_before}))

    def accepted_between(self, start: float, end: float) -> int:
        """How many tasks the workspace made in a time span (to know whether a balance change is one task's)."""
        return self._value(self._prepared("accepted_between", lambda: sa.select(sa.func.count()).select_from(
            t.tasks).where(*self._here(t.tasks), t.tasks.c.created_at.between(sa.bindparam("a"), sa.bindparam("b")))),
            {"a": start, "b": end})

    def budget_of(self, owner: str) -> int | None:
        """A person's own daily image limit, or None (the default applies)."""
        return self._value(self._prepared("budget_of", lambda: sa.select(t.budgets.c.daily_images).where(
            *self._here(t.budgets), t.budgets.c.owner == sa.bindparam("owner"))), {"owner": owner})

    def set_budget(self, owner: str, limit: int | None, by: str, now: float) -> None:
        """Set a person's daily image limit, or remove it (None). Only an unscoped (admin) store may."""
        if self.owner is not None:
            raise NotYours(owner)
        if limit is None:
            self._change(t.budgets.delete().where(*self._here(t.budgets), t.budgets.c.owner == owner))
            return
        insert = self.dialect.insert(t.budgets).values(workspace=self.workspace, owner=owner, daily_images=limit,
                                                       updated_by=by, updated_at=now)
        self._change(insert.on_conflict_do_update(
            index_elements=[t.budgets.c.workspace, t.budgets.c.owner],
            set_={"daily_images": insert.excluded.daily_images, "updated_by": insert.excluded.updated_by,
                  "updated_at": insert.excluded.updated_at}))

    def budgets(self) -> list[rows.Budget]:
        """Every person's own limit, by person."""
        b = t.budgets
        return [rows.budget_row_of(r) for r in self._all(
            sa.select(b.c.owner, b.c.daily_images, b.c.updated_by, b.c.updated_at).where(*self._here(b))
            .order_by(self.dialect.bytewise(b.c.owner)))]

    def audit(self, actor: str, action: str, target: str | None, detail: str | None, now: float) -> None:
        """Keep one line of the audit log: who did what to what, and when. A scoped store writes lines of its
        own person only."""
        self._own_person(actor)
        row = {"workspace": self.workspace, "at": now, "actor": actor, "action": action, "target": target,
               "detail": detail}
        self._change(self._prepared("audit", lambda: t.audit.insert().values(_values(list(row)))), _given(row))

    def audit_log(self, limit: int = 200, offset: int = 0) -> list[rows.AuditLine]:
        """The audit log, newest first."""
        a = t.audit
        return [rows.audit_of(r) for r in self._all(
            sa.select(a.c.at, a.c.actor, a.c.action, a.c.target, a.c.detail).where(*self._here(a))
            .order_by(a.c.at.desc(), a.c.id.desc()).limit(limit).offset(offset or None))]

    def usage(self, since_day: str, *, by_model: bool = False) -> list[rows.UsageRow]:
        """Per person and day since `since_day` (and per model with `by_model`): tasks, images, failures, and
        credits where they were measured."""
        s, k = t.spend.c, t.tasks.c
        keys = [s.owner, s.day] + ([s.model] if by_model else [])
        select = (sa.select(s.owner.label("person"), s.day.label("day"),
                            (s.model if by_model else sa.null()).label("model"),
                            sa.func.count().label("tasks"), sa.func.sum(s.images).label("images"),
                            sa.func.sum(sa.case((k.state == "failed", 1), else_=0)).label("failures"),
                            sa.func.sum(s.credits).label("credits"), sa.func.count(s.credits).label("measured"),
                            # images that may have cost something yet were not measured: Admin estimates these
                            sa.func.sum(sa.case((sa.and_(s.credits.is_(None),
                                                         sa.func.coalesce(k.state, "") != "failed"), s.images),
                                                else_=0)).label("unmeasured_images"))
                  .select_from(t.spend.outerjoin(t.tasks, sa.and_(k.workspace == s.workspace,
                                                                  k.task_id == s.task_id)))
                  .where(*self._here(t.spend), s.status == "accepted", s.day >= since_day)
                  .group_by(*keys).order_by(s.day.desc(), *(self.dialect.bytewise(c) for c in keys if c is not s.day)))
        return [rows.usage_of(r) for r in self._all(select)]

    # -- batches and the prompt library -----------------------------------------------------------

    def _batches(self) -> sa.Select:
        b, i = t.batches, t.batch_items
        counts = [sa.func.coalesce(sa.func.sum(sa.case((i.c.state == s, 1), else_=0)), 0).label(s)
                  for s in ITEM_STATES]
        return (sa.select(b.c.id, b.c.owner, b.c.name, b.c.state, b.c.message, b.c.created_at, b.c.template,
                          sa.func.count(i.c.position).label("total"), *counts)
                .select_from(b.outerjoin(i, sa.and_(i.c.workspace == b.c.workspace, i.c.batch_id == b.c.id)))
                .where(*self._mine(b)).group_by(b.c.workspace, b.c.id))

    def add_batch(self, batch_id: str, name: str, requests: list[dict[str, Any]], now: float,
                  template: str | None = None) -> None:
        """Queue a batch and its items in one transaction (the person's own under sign-in); `template` is what
        its prompts were made from, if they were."""
        with self._db(write=True) as db:
            db.execute(t.batches.insert().values(workspace=self.workspace, id=batch_id, owner=self.owner, name=name,
                                                 state="running", created_at=now, template=template))
            self.dialect.load(db, t.batch_items, [
                {"workspace": self.workspace, "batch_id": batch_id, "position": n, "request": json.dumps(r),
                 "state": "queued"} for n, r in enumerate(requests)])

    def batches(self, limit: int = 20) -> list[rows.Batch]:
        """Batches, newest first, with how many items are in each state."""
        return [rows.batch_of(r) for r in self._all(self._batches().order_by(t.batches.c.created_at.desc())
                                                    .limit(limit))]

    def batch(self, batch_id: str) -> rows.Batch | None:
        """One batch of this view, with its counts."""
        row = self._one(self._batches().where(t.batches.c.id == batch_id))
        return rows.batch_of(row) if row else None

    def _my_batch(self, batch_id: str) -> sa.ColumnElement[bool]:
        """Items of a batch of this view."""
        mine = sa.select(t.batches.c.id).where(*self._mine(t.batches), t.batches.c.id == batch_id)
        return t.batch_items.c.batch_id.in_(mine)

    def batch_items(self, batch_id: str) -> list[rows.BatchItem]:
        """A batch's items in order, each with its task's id once sent (none when the batch is not this view's)."""
        i, b = t.batch_items, t.batches
        select = (sa.select(i, b.c.owner).join(b, sa.and_(b.c.workspace == i.c.workspace, b.c.id == i.c.batch_id))
                  .where(*self._mine(b), i.c.batch_id == batch_id).order_by(i.c.position))
        return [rows.item_of(r) for r in self._all(select)]

    def set_batch_state(self, batch_id: str, state: str, message: str | None = None) -> bool:
        """Pause, resume or cancel a batch; cancelling stops the items not yet sent. False (nothing changed) when
        the batch is not this view's or is cancelled already."""
        if state not in rows.BATCH_STATES:
            raise ValueError(f"unknown batch state {state!r}")
        with self._db(write=True) as db:
            changed = db.execute(t.batches.update().where(*self._mine(t.batches), t.batches.c.id == batch_id,
                                                          t.batches.c.state != "cancelled")
                                 .values(state=state, message=message), self._params(None)).rowcount == 1
            if changed and state == "cancelled":
                i = t.batch_items
                db.execute(i.update().where(*self._here(i), i.c.batch_id == batch_id, i.c.state == "queued")
                           .values(state="cancelled"), self._params(None))
        return changed

    def take_batch_item(self, now: float) -> rows.BatchItem | None:
        """Take the next queued item of a running batch (oldest batch first) for sending: one sender wins, even
        across replicas."""
        i = t.batch_items
        # A cheap indexed read first: the worker asks every round, and most rounds nothing is queued, so the
        # write lock is taken only when there is something to take.
        if self._one(self._prepared("queued", lambda: sa.select(i.c.position).where(
                *self._here(i), i.c.state == "queued").limit(1))) is None:
            return None
        with self._db(write=True) as db:
            row = self.dialect.take_batch_item(db, self.workspace, self.owner, now)
        return rows.item_of(row) if row else None

    def finish_batch_item(self, batch_id: str, position: int, state: str, task_id: str | None = None,
                          error: str | None = None) -> bool:
        """What came of sending an item: sent (with its task), unconfirmed, failed, or queued again (cancelled
        instead when its batch was cancelled meanwhile: nothing would ever send it)."""
        if state not in ITEM_STATES:
            raise ValueError(f"unknown batch item state {state!r}")
        i, b = t.batch_items, t.batches
        if state == "queued":
            cancelled = sa.exists().where(*self._here(b), b.c.id == batch_id, b.c.state == "cancelled")
            state = sa.case((cancelled, "cancelled"), else_="queued")
        return self._change(i.update().where(*self._here(i), self._my_batch(batch_id), i.c.batch_id == batch_id,
                                             i.c.position == position, i.c.state == "sending")
                            .values(state=state, task_id=task_id, error=error)) == 1

    def recover_batch_items(self, stale_before: float) -> int:
        """Items left 'sending' by a sender that died: their request may have been made, so never resend them."""
        i = t.batch_items
        mine = [] if self.owner is None else [i.c.batch_id.in_(  # a person's store: their own batches' items
            sa.select(t.batches.c.id).where(*self._mine(t.batches)))]
        return self._change(i.update().where(*self._here(i), *mine, i.c.state == "sending",
                                             i.c.sent_at < stale_before)
                            .values(state="unconfirmed", error=UNCONFIRMED_ITEM))

    def save_prompt(self, prompt_id: str, name: str, tags: str, request: dict[str, Any], now: float) -> None:
        """Keep a prompt with its settings in the library (the person's own under sign-in)."""
        self._change(t.prompts.insert().values(workspace=self.workspace, id=prompt_id, owner=self.owner, name=name,
                                               tags=tags, request=json.dumps(request), created_at=now))

    def prompts(self) -> list[rows.SavedPrompt]:
        """The library (this person's under sign-in), by name."""
        p = t.prompts
        return [rows.prompt_of(r) for r in self._all(
            sa.select(p).where(*self._mine(p)).order_by(self.dialect.bytewise(p.c.name), p.c.created_at))]

    def delete_prompt(self, prompt_id: str) -> bool:
        """Remove a saved prompt of this view; False when there is none."""
        return self._change(t.prompts.delete().where(*self._mine(t.prompts), t.prompts.c.id == prompt_id)) == 1

    def latest_batches(self, limit: int = 20) -> list[str]:
        """The batches of this view's tasks, the one with the newest task first (one grouped query: a list of
        recent work shows a batch as one line, however many tasks it has)."""
        c = t.tasks.c
        last = sa.func.max(c.created_at)
        return [r["batch_id"] for r in self._all(self._prepared("latest_batches", lambda: sa.select(
            c.batch_id, last.label("last")).where(*self._mine(t.tasks), c.batch_id.is_not(None))
            .group_by(c.batch_id).order_by(last.desc(), c.batch_id).limit(sa.bindparam("n"))), {"n": limit})]

    def recent_prompts(self, limit: int = 20) -> list[str]:
        """The last distinct prompts of this history (the person's own under sign-in)."""
        c = t.tasks.c
        last = sa.func.max(c.created_at)
        select = (sa.select(c.prompt, last.label("last")).where(*self._mine(t.tasks), c.prompt != "")
                  .group_by(c.prompt).order_by(last.desc()).limit(limit))
        return [r["prompt"] for r in self._all(select)]


    # -- people: one identity per person (kie.team) ----------------------------------------------

    def note_person(self, person_id: str, email: str, name: str, now: float) -> str | None:
        """Remember who a person id is (e-mail and name for display); the e-mail known before, or None. A scoped
        store notes only its own person."""
        self._own_person(person_id)
        p = t.people
        with self._db(write=True) as db:
            before = db.execute(sa.select(p.c.email).where(*self._here(p), p.c.id == person_id).with_for_update(),
                                self._params(None)).scalar()
            insert = self.dialect.insert(p).values(workspace=self.workspace, id=person_id, email=email, name=name,
                                                   seen_at=now)
            db.execute(insert.on_conflict_do_update(
                index_elements=[p.c.workspace, p.c.id],
                set_={"email": insert.excluded.email, "name": insert.excluded.name,
                      "seen_at": insert.excluded.seen_at}))
        return before

    def people(self) -> list[rows.PersonRow]:
        """Everyone who signed in, by e-mail."""
        p = t.people
        return [rows.person_of(r) for r in self._all(
            sa.select(p.c.id, p.c.email, p.c.name, p.c.seen_at).where(*self._here(p))
            .order_by(self.dialect.bytewise(p.c.email), self.dialect.bytewise(p.c.id)))]

    def rename_owner(self, email: str, person_id: str) -> int:
        """Give what is kept under an e-mail (in any letter case) to a person id: tasks, spend, batches, prompts,
        and the budget unless the id has its own. Returns the rows moved. A scoped store moves rows only to its
        own person (the rows of their own e-mail: kie.team.claim_identity checks the provider verified it)."""
        self._own_person(person_id)
        key = email.strip().lower()
        b, p = t.budgets, t.people
        moved = 0
        with self._db(write=True) as db:
            params = self._params(None)
            if self.owner is not None:  # only the e-mail this person signed in with (noted by note_person)
                noted = db.execute(sa.select(p.c.email).where(*self._here(p), p.c.id == person_id),
                                   params).scalar()
                if (noted or "").strip().lower() != key:
                    return 0
            for table in (t.tasks, t.spend, t.batches, t.prompts):
                moved += db.execute(table.update().where(*self._here(table), sa.func.lower(table.c.owner) == key)
                                    .values(owner=person_id), params).rowcount
            own = db.execute(sa.select(b.c.owner).where(*self._here(b), b.c.owner == person_id), params).first()
            if own is None:
                latest = (sa.select(b.c.owner).where(*self._here(b), sa.func.lower(b.c.owner) == key)
                          .order_by(b.c.updated_at.desc()).limit(1).scalar_subquery())
                moved += db.execute(b.update().where(*self._here(b), b.c.owner == latest).values(owner=person_id),
                                    params).rowcount
            db.execute(b.delete().where(*self._here(b), sa.func.lower(b.c.owner) == key), params)
        return moved


class TaskStore(SqlStore):
    """A workspace's history in its own SQLite file under the data directory (the default for one server)."""

    def __init__(self, data_dir: str | Path, workspace: str, owner: str | None = None,
                 files: LocalFiles | None = None) -> None:
        if not WORKSPACE_NAME.match(workspace):
            raise ValueError("invalid workspace name")
        self.root = Path(data_dir) / "workspaces" / workspace
        self.db_path = self.root / DB_FILE
        super().__init__(sqlite_url(self.db_path), data_dir, workspace, owner, files)
        ensure_schema(self._url, workspace)  # the file exists once a store was made (open_existing reads that)


class PostgresStore(SqlStore):
    """A workspace's history in a PostgreSQL database shared with other workspaces and replicas."""

    def __init__(self, url: str, data_dir: str | Path, workspace: str, owner: str | None = None,
                 files: LocalFiles | None = None) -> None:
        super().__init__(url, data_dir, workspace, owner, files)

    @classmethod
    def existing(cls, url: str, data_dir: str | Path, workspace: str,
                 files: LocalFiles | None = None) -> PostgresStore | None:
        """The store of a workspace that already has tasks, or None (a name from outside never makes one)."""
        if not WORKSPACE_NAME.match(workspace):
            return None
        store = cls(url, data_dir, workspace, files=files)
        return store if store._one(sa.select(t.tasks.c.task_id).where(*store._here(t.tasks)).limit(1)) else None
