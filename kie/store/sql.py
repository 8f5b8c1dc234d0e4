"""The front of a workspace's history in SQL (`SqlStore`, the app's `Store`): each call handed to the repository
whose job it is, all of them on one database, seen by the same person.

`TaskStore(data_dir, workspace)` keeps the history in its own SQLite file (`<data>/workspaces/<ws>/tasks.sqlite3`),
the default for one server; `PostgresStore(url, data_dir, workspace)` in one PostgreSQL database shared by replicas.
Repositories, one job each: `kie.store.tasks` (tasks, files), `.spend` (spend, budgets, usage), `.audit`, `.batches`
(batches, prompts), `.people`; what they share (connections, kept statements, scoping) is `kie.store.repository`.

A store with an `owner` (see `scoped`) is one person's view: every repository limits every read and every change
to that person's rows, so a page that forgets a check still cannot touch another person's task, batch or prompt.
A store without one (the worker, admins) sees and changes the whole workspace.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import kie.store.tables as t
from kie.models import Task
from kie.store.audit import SqlAudit
from kie.store.batches import SqlBatches
from kie.store.dialects import Dialect
from kie.store.engines import ensure_schema, sqlite_url
from kie.store.files import LocalFiles
from kie.store.names import WORKSPACE_NAME
from kie.store.people import SqlPeople
from kie.store.query import TaskQuery
from kie.store.repository import Database
from kie.store.rows import AuditLine, Batch, BatchItem, Budget, PersonRow, SavedPrompt, UsageRow
from kie.store.spend import SqlSpend
from kie.store.tasks import SqlTasks

DB_FILE = "tasks.sqlite3"
REPOSITORIES = ("task_repository", "spend_repository", "audit_repository", "batch_repository", "people_repository")


class SqlStore:
    """A workspace's history in SQL, and its files; with an `owner`, one person's view. Methods: the repositories'."""

    def __init__(self, url: str, data_dir: str | Path, workspace: str, owner: str | None = None,
                 files: LocalFiles | None = None) -> None:
        if not WORKSPACE_NAME.match(workspace):
            raise ValueError("invalid workspace name")
        self.workspace = workspace
        self.data_dir = Path(data_dir)
        self.files = files if files is not None else LocalFiles(data_dir, workspace)
        self._url = url  # private: it may hold a password
        self.database = Database(url, workspace)
        self._owner = owner

    @property
    def owner(self) -> str | None:
        """Whose view this is (None: everyone's); fixed for the store object, `scoped` makes another."""
        return self._owner

    def __repr__(self) -> str:
        return f"{type(self).__name__}(workspace={self.workspace!r}, owner={self.owner!r})"

    def scoped(self, owner: str | None) -> SqlStore:
        """The same history seen by one person (None: everyone's, for the worker and admins): the same database
        and files, and repositories of that person's view."""
        twin = object.__new__(type(self))  # cheap: pages and the worker ask for views all the time
        twin.__dict__.update(self.__dict__)
        for name in REPOSITORIES:  # this view's repositories are not the twin's
            twin.__dict__.pop(name, None)
        twin._owner = owner
        return twin

    # -- the repositories, each made on first use for this view -----------------------------------

    @cached_property
    def task_repository(self) -> SqlTasks:
        return SqlTasks(self.database, self.owner, self.files)

    @cached_property
    def spend_repository(self) -> SqlSpend:
        return SqlSpend(self.database, self.owner)

    @cached_property
    def audit_repository(self) -> SqlAudit:
        return SqlAudit(self.database, self.owner)

    @cached_property
    def batch_repository(self) -> SqlBatches:
        return SqlBatches(self.database, self.owner)

    @cached_property
    def people_repository(self) -> SqlPeople:
        return SqlPeople(self.database, self.owner)

    @property
    def dialect(self) -> Dialect:
        """The database's dialect part (made on first use, shared by every view of the workspace)."""
        return self.database.dialect

    images_dir = property(lambda self: self.files.images_dir)
    inputs_dir = property(lambda self: self.files.inputs_dir)
    thumbs_dir = property(lambda self: self.files.thumbs_dir)

    # -- tasks and their files (kie.store.tasks) ------------------------------------------------

    def add(self, task: Task) -> bool:
        return self.task_repository.add(task)

    def owner_of(self, task_id: str) -> tuple[bool, str | None]:
        return self.task_repository.owner_of(task_id)

    def save(self, task: Task) -> bool:
        return self.task_repository.save(task)

    def get(self, task_id: str) -> Task | None:
        return self.task_repository.get(task_id)

    def query(self, query: TaskQuery = TaskQuery(), *, limit: int = 24, offset: int = 0) -> list[Task]:
        return self.task_repository.query(query, limit=limit, offset=offset)

    def count(self, query: TaskQuery = TaskQuery()) -> int:
        return self.task_repository.count(query)

    def load(self, tasks: Sequence[Task]) -> None:
        return self.task_repository.load(tasks)

    def ping(self) -> None:
        return self.task_repository.ping()

    def unfinished(self) -> list[Task]:
        return self.task_repository.unfinished()

    def has_unfinished(self) -> bool:
        return self.task_repository.has_unfinished()

    def claim(self, task_id: str, now: float, lease: float) -> bool:
        return self.task_repository.claim(task_id, now, lease)

    def next_due(self) -> float | None:
        return self.task_repository.next_due()

    def task_for_callback(self, token: str) -> Task | None:
        return self.task_repository.task_for_callback(token)

    def note_callback(self, task_id: str, now: float, claim: float = 0.0) -> bool:
        return self.task_repository.note_callback(task_id, now, claim)

    def set_favourite(self, task_id: str, favourite: bool) -> bool:
        return self.task_repository.set_favourite(task_id, favourite)

    def set_showcase(self, task_id: str, chosen: bool) -> bool:
        return self.task_repository.set_showcase(task_id, chosen)

    def set_owner(self, task_id: str, owner: str) -> bool:
        return self.task_repository.set_owner(task_id, owner)

    def delete(self, task_id: str) -> bool:
        return self.task_repository.delete(task_id)

    def delete_demo(self) -> int:
        return self.task_repository.delete_demo()

    def save_image(self, task_id: str, index: int, content: bytes, suffix: str = ".png") -> str:
        return self.task_repository.save_image(task_id, index, content, suffix)

    def save_thumb(self, task_id: str, name: str, content: bytes) -> Path:
        return self.task_repository.save_thumb(task_id, name, content)

    def image_path(self, task_id: str, name: str) -> Path:
        return self.task_repository.image_path(task_id, name)

    def thumb_path(self, task_id: str, name: str) -> Path:
        return self.task_repository.thumb_path(task_id, name)

    def save_input(self, content: bytes, suffix: str = ".png") -> str:
        return self.task_repository.save_input(content, suffix)

    def input_path(self, name: str) -> Path:
        return self.task_repository.input_path(name)

    # -- spend, budgets and usage (kie.store.spend) -----------------------------------------------

    def reserve_images(self, owner: str, day: str, images: int, limit: int, *, now: float, stale_before: float,
                       model: str = t.DEFAULT_MODEL) -> tuple[bool, int, str | None]:
        return self.spend_repository.reserve_images(owner, day, images, limit, now=now, stale_before=stale_before,
                                                    model=model)

    def confirm_images(self, reservation_id: str, task_id: str, credits: float | None, now: float) -> None:
        return self.spend_repository.confirm_images(reservation_id, task_id, credits, now)

    def release_images(self, reservation_id: str) -> None:
        return self.spend_repository.release_images(reservation_id)

    def images_used(self, owner: str, day: str, stale_before: float) -> int:
        return self.spend_repository.images_used(owner, day, stale_before)

    def accepted_between(self, start: float, end: float) -> int:
        return self.spend_repository.accepted_between(start, end)

    def budget_of(self, owner: str) -> int | None:
        return self.spend_repository.budget_of(owner)

    def set_budget(self, owner: str, limit: int | None, by: str, now: float) -> None:
        return self.spend_repository.set_budget(owner, limit, by, now)

    def budgets(self) -> list[Budget]:
        return self.spend_repository.budgets()

    def usage(self, since_day: str, *, by_model: bool = False) -> list[UsageRow]:
        return self.spend_repository.usage(since_day, by_model=by_model)

    def unmeasured_tasks(self, since_day: str) -> list[Task]:
        return self.spend_repository.unmeasured_tasks(since_day)

    # -- audit (kie.store.audit) ---------------------------------------------------------------

    def audit(self, actor: str, action: str, target: str | None, detail: str | None, now: float) -> None:
        return self.audit_repository.audit(actor, action, target, detail, now)

    def audit_log(self, limit: int = 200, offset: int = 0) -> list[AuditLine]:
        return self.audit_repository.audit_log(limit, offset)

    # -- batches and prompts (kie.store.batches) ---------------------------------------------------

    def add_batch(self, batch_id: str, name: str, requests: list[dict[str, Any]], now: float,
                  template: str | None = None) -> None:
        return self.batch_repository.add_batch(batch_id, name, requests, now, template)

    def batches(self, limit: int = 20) -> list[Batch]:
        return self.batch_repository.batches(limit)

    def batch(self, batch_id: str) -> Batch | None:
        return self.batch_repository.batch(batch_id)

    def batch_items(self, batch_id: str) -> list[BatchItem]:
        return self.batch_repository.batch_items(batch_id)

    def set_batch_state(self, batch_id: str, state: str, message: str | None = None) -> bool:
        return self.batch_repository.set_batch_state(batch_id, state, message)

    def take_batch_item(self, now: float) -> BatchItem | None:
        return self.batch_repository.take_batch_item(now)

    def finish_batch_item(self, batch_id: str, position: int, state: str, task_id: str | None = None,
                          error: str | None = None) -> bool:
        return self.batch_repository.finish_batch_item(batch_id, position, state, task_id, error)

    def recover_batch_items(self, stale_before: float) -> int:
        return self.batch_repository.recover_batch_items(stale_before)

    def save_prompt(self, prompt_id: str, name: str, tags: str, request: dict[str, Any], now: float) -> None:
        return self.batch_repository.save_prompt(prompt_id, name, tags, request, now)

    def prompts(self) -> list[SavedPrompt]:
        return self.batch_repository.prompts()

    def delete_prompt(self, prompt_id: str) -> bool:
        return self.batch_repository.delete_prompt(prompt_id)

    def recent_prompts(self, limit: int = 20) -> list[str]:
        return self.batch_repository.recent_prompts(limit)

    def latest_batches(self, limit: int = 20) -> list[str]:
        return self.batch_repository.latest_batches(limit)

    # -- people (kie.store.people) -------------------------------------------------------------

    def note_person(self, person_id: str, email: str, name: str, now: float) -> str | None:
        return self.people_repository.note_person(person_id, email, name, now)

    def people(self) -> list[PersonRow]:
        return self.people_repository.people()

    def rename_owner(self, email: str, person_id: str) -> int:
        return self.people_repository.rename_owner(email, person_id)


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

    @classmethod
    def existing(cls, url: str, data_dir: str | Path, workspace: str,
                 files: LocalFiles | None = None) -> PostgresStore | None:
        """The store of a workspace that already has tasks, or None (a name from outside never makes one)."""
        if not WORKSPACE_NAME.match(workspace):
            return None
        store = cls(url, data_dir, workspace, files=files)
        return None if store.task_repository.is_empty() else store
