"""Tasks and their files: keeping, reading and querying a workspace's tasks, the claims and callbacks that
follow them, favourite and Showcase marks, deleting, and the images, inputs and thumbnails kept for them.

Files go to `files` (a folder or a bucket, see `kie.store.files`); a task's own files are written only for a task
of this view, and one deleted while its file was being written takes the file with it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import sqlalchemy as sa

import kie.store.rows as rows
import kie.store.tables as t
from kie import task_events
from kie.models import Task
from kie.store.errors import NotYours, StoreUnavailable
from kie.store.files import LocalFiles
from kie.store.filters import task_filters
from kie.store.query import TaskQuery
from kie.store.repository import Database, Repository, bound_values, given

log = logging.getLogger(__name__)
INPUT_THUMBS = "inputs"  # the thumbnail folder of input pictures (they belong to no one task)
# Written by their own calls only, so that a poll's copy of a task, read a moment earlier, cannot undo them.
OWN_SETTERS = ("workspace", "task_id", "favourite", "showcase", "owner", "callback_token", "callback_at",
               "next_poll_at")


class SqlTasks(Repository):
    """A workspace's tasks and their files, seen by one person or by everyone."""

    def __init__(self, database: Database, owner: str | None, files: LocalFiles) -> None:
        super().__init__(database, owner)
        self.files = files

    def _task(self, task_id: str | None = None) -> list[sa.ColumnElement[bool]]:
        """A task of this view: the task_id given, or the parameter `id`."""
        return [*self._mine(t.tasks), t.tasks.c.task_id == (sa.bindparam("id") if task_id is None else task_id)]

    def _newest_first(self) -> tuple[sa.ColumnElement, ...]:
        return t.tasks.c.created_at.desc(), self.dialect.bytewise(t.tasks.c.task_id)

    # -- whose a task is ----------------------------------------------------------------------------

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

    def is_empty(self) -> bool:
        """Whether the workspace has no task at all (whoever's)."""
        return self._one(sa.select(t.tasks.c.task_id).where(*self._here(t.tasks)).limit(1)) is None

    # -- keeping and reading tasks -------------------------------------------------------------------

    def add(self, task: Task) -> bool:
        """Keep a new task: True. False (nothing changed) when this view already has it. `NotYours` (nothing
        changed) when the workspace has it under another owner, or a scoped store is handed another's task."""
        if self.owner is not None:
            if task.owner is not None and task.owner != self.owner:
                raise NotYours(task.task_id)
            task.owner = self.owner
        row = rows.task_row(task, self.workspace)
        added = self._change(self._prepared("add", lambda: self.dialect.insert(t.tasks).values(
            bound_values(list(row))).on_conflict_do_nothing()), given(row)) == 1
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
            # The stale copy knows of no callback: one noted meanwhile keeps the due time it set (at once, or the
            # confirmation its receiver claimed).
            values["next_poll_at"] = due if knows_callback else \
                sa.case((t.tasks.c.callback_at.is_not(None), t.tasks.c.next_poll_at), else_=due)
            return t.tasks.update().where(*self._task()).values(values)

        params = {f"v_{c}": v for c, v in row.items()}
        saved = self._change(self._prepared("save", build, knows_callback), {"id": task.task_id, **params}) == 1
        if saved:
            self._announce(task.task_id, task_events.stamp(task))
        return saved

    def _announce(self, task_id: str, task_stamp: str) -> None:
        """After a change of a task is committed: tell the pages that show it (kie.task_events), in this process at
        once and, with PostgreSQL, every other process through NOTIFY (their listeners feed their pages)."""
        task_events.FEED.publish(self.workspace, task_id, task_stamp)
        if self.dialect.name != "postgresql":
            return
        try:
            self._value(self._prepared("notify", lambda: sa.select(sa.func.pg_notify(
                sa.bindparam("channel", type_=sa.Text), sa.bindparam("payload", type_=sa.Text)))),
                {"channel": task_events.CHANNEL, "payload": task_events.payload(self.workspace, task_id, task_stamp)})
        except StoreUnavailable:  # kept, not announced: other replicas' pages see it on their safety tick
            log.warning("task %s was kept but its change could not be announced to other replicas", task_id)

    def get(self, task_id: str) -> Task | None:
        """A task by its ID; None also when it is another person's and this store is scoped."""
        row = self._one(self._prepared("get", lambda: sa.select(t.tasks).where(*self._task())), {"id": task_id})
        return rows.task_of(row) if row else None

    def query(self, query: TaskQuery = TaskQuery(), *, limit: int = 24, offset: int = 0) -> list[Task]:
        """A page of the history, newest first (ties by id); a negative `limit` means all of it."""
        shape, where, params = task_filters(query, self.dialect, self._mine(t.tasks))
        whole = limit < 0

        def build() -> sa.Executable:
            select = sa.select(t.tasks).where(*where).order_by(*self._newest_first())
            return select.offset(sa.bindparam("off")) if whole else \
                select.limit(sa.bindparam("lim")).offset(sa.bindparam("off"))

        statement = self._prepared("query", build, shape, whole)
        return [rows.task_of(r) for r in self._all(statement, {**params, "lim": limit, "off": offset})]

    def count(self, query: TaskQuery = TaskQuery()) -> int:
        """How many tasks match."""
        shape, where, params = task_filters(query, self.dialect, self._mine(t.tasks))
        return self._value(self._prepared("count", lambda: sa.select(sa.func.count()).select_from(t.tasks)
                                          .where(*where), shape), params)

    def load(self, tasks: Sequence[Task]) -> None:
        """Add many new tasks at once (bulk loading: benchmarks, copies); every one must be new, and a scoped
        store loads only its own person's."""
        if self.owner is not None and any(task.owner != self.owner for task in tasks):
            raise NotYours(next(task.task_id for task in tasks if task.owner != self.owner))
        with self._db(write=True) as db:
            self.dialect.load(db, t.tasks, [rows.task_row(task, self.workspace) for task in tasks])

    def ping(self) -> None:
        """Raise when the database cannot be read (for health checks)."""
        self._all(sa.select(t.tasks.c.task_id).where(*self._here(t.tasks)).limit(1))

    # -- following: what is open, who polls it, callbacks ----------------------------------------------

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

    def note_callback(self, task_id: str, now: float, claim: float = 0.0) -> bool:
        """Record the provider's callback and make the task due at once, or with `claim` > 0 claim its
        confirmation for the caller for that many seconds (in the same write: no other poller can take it first;
        after that, anyone may). False (nothing changed) when a callback was already taken in, or the task is no
        longer followed: the same callback twice is a no-op."""
        return self._change(self._prepared("note_callback", lambda: t.tasks.update().where(
            *self._task(), t.tasks.c.callback_at.is_(None), t.tasks.c.open == 1).values(
            callback_at=sa.bindparam("now"), next_poll_at=sa.bindparam("due"))),
            {"id": task_id, "now": now, "due": now + claim if claim > 0 else 0.0}) == 1

    # -- marks, owner, deleting ----------------------------------------------------------------------

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
        self._announce(task_id, task_events.GONE)
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

    # -- files: a task's images and thumbnails (checked), inputs (shared by content) -------------------------

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

    def image_path(self, task_id: str, name: str) -> Path:
        """The local file of a result image (fetched first from an object store)."""
        return self.files.image_path(task_id, name)

    def thumb_path(self, task_id: str, name: str) -> Path:
        """The local file of a thumbnail (fetched first from an object store)."""
        return self.files.thumb_path(task_id, name)

    def save_input(self, content: bytes, suffix: str = ".png") -> str:
        """Keep an input picture by its content; return its name."""
        return self.files.save_input(content, suffix)

    def input_path(self, name: str) -> Path:
        """The local file of an input picture (fetched first from an object store)."""
        return self.files.input_path(name)
