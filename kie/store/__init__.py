"""The history of a workspace: opening it by settings, and the names the rest of the app imports from here.

`Store` (`kie.store.protocol`) is the union of one small protocol per repository; `SqlStore` (`kie.store.sql`,
on SQLAlchemy Core) is its one implementation, a thin front over those repositories: SQLite and a local folder
(`TaskStore`) by default on one server, PostgreSQL (`PostgresStore`, `STUDIO_DATABASE_URL`) for a history shared
by several replicas. The values it takes and gives have modules of their own (`query`, `rows`, `errors`,
`names`). Tables are declared in `kie.store.tables` and changed by the Alembic history in `kie/store/migrations/`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kie.store.batches import UNCONFIRMED_ITEM
from kie.store.errors import NotYours, StoreUnavailable
from kie.store.files import LocalFiles, files_for, write_atomic
from kie.store.names import FILE_NAME, WORKSPACE_NAME, workspace_for_key
from kie.store.protocol import (
    AuditRepository,
    BatchRepository,
    PeopleRepository,
    SpendRepository,
    Store,
    TaskRepository,
)
from kie.store.query import TaskQuery
from kie.store.rows import ITEM_STATES, AuditLine, Batch, BatchItem, Budget, PersonRow, SavedPrompt, UsageRow
from kie.store.sql import PostgresStore, SqlStore, TaskStore


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


__all__ = ["FILE_NAME", "ITEM_STATES", "UNCONFIRMED_ITEM", "WORKSPACE_NAME", "AuditLine", "AuditRepository", "Batch",
           "BatchItem", "BatchRepository", "Budget", "NotYours", "PeopleRepository", "PersonRow", "PostgresStore",
           "SavedPrompt", "SpendRepository", "SqlStore", "Store", "StoreUnavailable", "TaskQuery", "TaskRepository",
           "TaskStore", "UsageRow", "open_existing", "open_existing_store", "open_store", "workspace_for_key",
           "write_atomic"]
