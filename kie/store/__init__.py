"""The history of a workspace: the `Store` protocol, the query, the records it hands out, and opening by settings.

One implementation serves both databases (`kie.store.sql.SqlStore`, on SQLAlchemy Core): SQLite and a local
folder (`TaskStore`) by default on one server, PostgreSQL (`PostgresStore`, `STUDIO_DATABASE_URL`) for a history
shared by several replicas. Tables are declared in `kie.store.tables`, changed by the Alembic history in
`kie/store/migrations/`, and read back as the frozen records of `kie.store.rows`.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from kie.models import Task
from kie.store.rows import ITEM_STATES, AuditLine, Batch, BatchItem, Budget, PersonRow, SavedPrompt, UsageRow

UNCONFIRMED_ITEM = ("The request was being sent when the server stopped, so whether the service made it is unknown. "
                    "It is not sent again; look for it in History before re-running it.")


class StoreUnavailable(RuntimeError):
    """The history database could not be reached or dropped the connection; the same call may be tried again."""


WORKSPACE_NAME = re.compile(r"^[a-z0-9_-]{1,64}$")
FILE_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,128}$")


def workspace_for_key(api_key: str | None) -> str:
    """The workspace name for a key: a one-way hash, never the key; `demo` without a key."""
    if not api_key:
        return "demo"
    return "k" + hashlib.sha256(("4o-image-studio:" + api_key).encode()).hexdigest()[:24]


def write_atomic(path: Path, content: bytes) -> None:
    """Write a file so that a reader sees all of it or nothing (temp file in the same folder, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class TaskQuery:
    """A filtered view of the history. Every filter is applied in SQL."""

    states: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    search: str = ""
    favourites_only: bool = False
    showcase_only: bool = False
    created_from: float | None = None
    created_to: float | None = None
    owner: str | None = None  # only this person's tasks (an admin's filter)
    unowned_only: bool = False  # only tasks made before sign-in was on (owner unknown)
    models: tuple[str, ...] = ()  # catalogue ids (`Task.model`); empty: every model
    comparison_id: str | None = None  # only the tasks of this model comparison
    batch_id: str | None = None  # only the tasks sent for this batch
    demo: bool | None = None  # None: all tasks; True: only the demo gallery's; False: none of the demo gallery's
    in_batch: bool | None = None  # None: all tasks; True: only tasks sent for a batch; False: none of those


class NotYours(PermissionError):
    """The row exists but belongs to another person (or, under a scoped store, to nobody known): nothing was
    changed. `add()` raises it when a task id is already another person's (`task_id` names it)."""

    def __init__(self, task_id: str) -> None:
        super().__init__("that task belongs to someone else")
        self.task_id = task_id


class Store(Protocol):
    """What the app needs of a history store (`kie.store.sql.SqlStore` on SQLite or PostgreSQL). With an `owner`
    it is one person's view: reads and changes are limited to that person's rows (`NotYours` where refused)."""

    workspace: str
    owner: str | None

    def add(self, task: Task) -> bool: ...
    def owner_of(self, task_id: str) -> tuple[bool, str | None]: ...
    def save(self, task: Task) -> bool: ...
    def get(self, task_id: str) -> Task | None: ...
    def query(self, query: TaskQuery = ..., *, limit: int = ..., offset: int = ...) -> list[Task]: ...
    def count(self, query: TaskQuery = ...) -> int: ...
    def unfinished(self) -> list[Task]: ...
    def has_unfinished(self) -> bool: ...
    def claim(self, task_id: str, now: float, lease: float) -> bool: ...
    def next_due(self) -> float | None: ...
    def task_for_callback(self, token: str) -> Task | None: ...
    def note_callback(self, task_id: str, now: float) -> bool: ...
    def ping(self) -> None: ...
    def set_favourite(self, task_id: str, favourite: bool) -> bool: ...
    def reserve_images(self, owner: str, day: str, images: int, limit: int, *, now: float,
                       stale_before: float, model: str = ...) -> tuple[bool, int, str | None]: ...
    def confirm_images(self, reservation_id: str, task_id: str, credits: float | None, now: float) -> None: ...
    def release_images(self, reservation_id: str) -> None: ...
    def images_used(self, owner: str, day: str, stale_before: float) -> int: ...
    def budget_of(self, owner: str) -> int | None: ...
    def set_budget(self, owner: str, limit: int | None, by: str, now: float) -> None: ...
    def budgets(self) -> list[Budget]: ...
    def audit(self, actor: str, action: str, target: str | None, detail: str | None, now: float) -> None: ...
    def audit_log(self, limit: int = ..., offset: int = ...) -> list[AuditLine]: ...
    def usage(self, since_day: str, *, by_model: bool = ...) -> list[UsageRow]: ...
    def add_batch(self, batch_id: str, name: str, requests: list[dict[str, Any]], now: float,
                  template: str | None = None) -> None: ...
    def batches(self, limit: int = ...) -> list[Batch]: ...
    def batch(self, batch_id: str) -> Batch | None: ...
    def batch_items(self, batch_id: str) -> list[BatchItem]: ...
    def set_batch_state(self, batch_id: str, state: str, message: str | None = ...) -> bool: ...
    def take_batch_item(self, now: float) -> BatchItem | None: ...
    def finish_batch_item(self, batch_id: str, position: int, state: str, task_id: str | None = ...,
                          error: str | None = ...) -> bool: ...
    def recover_batch_items(self, stale_before: float) -> int: ...
    def save_prompt(self, prompt_id: str, name: str, tags: str, request: dict[str, Any], now: float) -> None: ...
    def prompts(self) -> list[SavedPrompt]: ...
    def delete_prompt(self, prompt_id: str) -> bool: ...
    def recent_prompts(self, limit: int = ...) -> list[str]: ...
    def latest_batches(self, limit: int = ...) -> list[str]: ...
    def accepted_between(self, start: float, end: float) -> int: ...
    def set_showcase(self, task_id: str, chosen: bool) -> bool: ...
    def delete(self, task_id: str) -> bool: ...
    def delete_demo(self) -> int: ...
    def set_owner(self, task_id: str, owner: str) -> bool: ...
    def note_person(self, person_id: str, email: str, name: str, now: float) -> str | None: ...
    def people(self) -> list[PersonRow]: ...
    def rename_owner(self, email: str, person_id: str) -> int: ...
    def scoped(self, owner: str | None) -> Store: ...
    def save_image(self, task_id: str, index: int, content: bytes, suffix: str = ...) -> str: ...
    def image_path(self, task_id: str, name: str) -> Path: ...
    def save_input(self, content: bytes, suffix: str = ...) -> str: ...
    def input_path(self, name: str) -> Path: ...
    def thumb_path(self, task_id: str, name: str) -> Path: ...
    def save_thumb(self, task_id: str, name: str, content: bytes) -> Path: ...



from kie.store.files import LocalFiles, files_for  # noqa: E402  (needs the names above too)
from kie.store.sql import PostgresStore, SqlStore, TaskStore  # noqa: E402  (needs the names above too)


def open_existing(data_dir: str | Path, workspace: str, files: LocalFiles | None = None) -> Store | None:
    """The SQLite store of a workspace that already has a history, or None: a name from outside (a callback's
    token) never creates a folder."""
    if not WORKSPACE_NAME.match(workspace):
        return None
    if not (Path(data_dir) / "workspaces" / workspace / "tasks.sqlite3").exists():
        return None
    return TaskStore(data_dir, workspace, files=files)


def open_store(settings: Any, workspace: str, owner: str | None = None) -> Store:
    """A workspace's history: PostgreSQL when `settings.database_url` is set (STUDIO_DATABASE_URL), else SQLite
    under the data dir. Images go where `settings.object_store_url` says (see `kie.store.files.files_for`)."""
    url = getattr(settings, "database_url", None)
    files = files_for(settings, workspace)
    if url:
        return PostgresStore(url, settings.data_dir, workspace, owner, files=files)
    return TaskStore(settings.data_dir, workspace, owner, files=files)


def open_existing_store(settings: Any, workspace: str) -> Store | None:
    """The store of a workspace that already has a history, or None, on whichever back end is configured."""
    if not WORKSPACE_NAME.match(workspace):
        return None
    url = getattr(settings, "database_url", None)
    files = files_for(settings, workspace)
    if url:
        return PostgresStore.existing(url, settings.data_dir, workspace, files=files)
    return open_existing(settings.data_dir, workspace, files=files)


__all__ = ["FILE_NAME", "ITEM_STATES", "AuditLine", "Batch", "BatchItem", "Budget", "NotYours", "PersonRow",
           "PostgresStore",
           "SavedPrompt", "SqlStore", "Store", "StoreUnavailable", "TaskQuery", "TaskStore", "UsageRow",
           "WORKSPACE_NAME", "open_existing", "open_existing_store", "open_store", "workspace_for_key",
           "write_atomic"]
