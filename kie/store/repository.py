"""What every repository of the store shares: one workspace's database (engine and dialect, made on first use),
the statements kept per shape, and the conditions that limit a statement to the workspace and to one person.

A repository with an `owner` is one person's view: every read and change it builds is limited to that person's
rows (`mine`), so a caller that forgets a check still cannot touch another person's. Without one (the worker,
admins) it sees the whole workspace.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

import kie.store.prepared as prepared
from kie.store.dialects import Dialect, dialect_for
from kie.store.engines import engine_for, ensure_schema, unavailable
from kie.store.errors import NotYours

_DOWN = (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.TimeoutError)
WS, ME = sa.bindparam("ws"), sa.bindparam("me")  # every prepared statement's workspace and scope owner


def bound_values(columns: Sequence[str]) -> dict[str, Any]:
    """Bound parameters `p_<column>` for the VALUES of a kept INSERT (see `given`)."""
    return {c: sa.bindparam(f"p_{c}") for c in columns}


def given(row: dict[str, Any]) -> dict[str, Any]:
    """A row's values as the parameters of `bound_values`."""
    return {f"p_{c}": v for c, v in row.items()}


class Database:
    """One workspace in one SQL database, shared by its repositories and by every person's view of it. The
    dialect is made on first use: a store object costs nothing until it is asked."""

    def __init__(self, url: str, workspace: str) -> None:
        self._url = url  # private: it may hold a password
        self.workspace = workspace
        self._dialect: Dialect | None = None

    def __repr__(self) -> str:
        return f"Database(workspace={self.workspace!r})"

    @property
    def dialect(self) -> Dialect:
        if self._dialect is None:
            self._dialect = dialect_for(engine_for(self._url))
        return self._dialect

    def ensure_schema(self) -> None:
        """Bring the database up to date on its first use in this process (see `kie.store.engines`)."""
        ensure_schema(self._url, self.workspace)

    @contextmanager
    def connect(self, write: bool = False) -> Iterator[Connection]:
        """A connection for one statement, or (`write`) one locked write transaction; StoreUnavailable when the
        database cannot be reached."""
        try:
            ensure_schema(self._url, self.workspace)
            dialect = self.dialect
            with dialect.write() if write else dialect.single() as db:
                yield db
        except _DOWN as exc:  # also the pool's timeout, and a connection lost mid-call
            raise unavailable(exc) from exc


class Repository:
    """One job's rows of a workspace, seen by one person (`owner`) or by everyone (None)."""

    def __init__(self, database: Database, owner: str | None) -> None:
        self.database = database
        self.workspace = database.workspace
        self.owner = owner

    def __repr__(self) -> str:
        return f"{type(self).__name__}(workspace={self.workspace!r}, owner={self.owner!r})"

    @property
    def dialect(self) -> Dialect:
        return self.database.dialect

    def _db(self, write: bool = False) -> AbstractContextManager[Connection]:
        return self.database.connect(write)

    def _prepared(self, name: str, build: Callable[[], sa.Executable], *shape: Any) -> sa.Executable:
        """The statement `name` of this repository in this view's shape (scoped or not, dialect, `shape`), built
        once per process."""
        key = (type(self).__name__, name, self.owner is not None, self.dialect.name, *shape)
        return prepared.statement(key, build)

    def _params(self, params: dict[str, Any] | None) -> dict[str, Any]:
        return {**(params or {}), "ws": self.workspace, "me": self.owner}  # no caller can widen the scope

    def _run(self, statement: sa.Executable, params: dict[str, Any] | None, fetch: str) -> Any:
        """A statement kept by `_prepared` runs on the driver's connection (see `kie.store.prepared`); any other
        through SQLAlchemy."""
        if prepared.is_kept(statement):
            self.database.ensure_schema()
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
        """This workspace's rows, and only this person's when the view is scoped (parameters `ws`, `me`)."""
        where = self._here(table)
        if self.owner is not None:
            where.append(table.c.owner == ME)
        return where

    def _own_person(self, person: str) -> None:
        """NotYours when a scoped view is asked to act for someone else."""
        if self.owner is not None and person != self.owner:
            raise NotYours(person)
