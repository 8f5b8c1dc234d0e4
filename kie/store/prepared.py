"""Statements built once, compiled once per database, and run on a pooled driver connection.

A submit makes about ten store calls. Built and executed through SQLAlchemy's Connection each time, they cost
twice the CPU of the hand-written SQL this store replaced (statement objects, cache keys, parameter processing,
the Connection's events), which on a busy machine halves the submits a replica sustains. The store's fixed-shape
statements (one per method and shape: scoped or not, dialect) are therefore built once with bound parameters,
compiled once by SQLAlchemy for the engine's dialect, and executed on the DBAPI connection the pool hands out;
queries whose shape depends on the caller (History's filters) go through SQLAlchemy as usual.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kie.store.engines import unavailable


@dataclass(frozen=True)
class Compiled:
    """A statement's SQL for one dialect, its parameter order (positional drivers) and its built-in values."""

    sql: str
    order: tuple[str, ...] | None
    defaults: dict[str, Any]
    changes: bool  # INSERT/UPDATE/DELETE: SQLite's driver began a transaction to commit

    def args(self, params: dict[str, Any]) -> Any:
        values = {**self.defaults, **params}
        return [values[name] for name in self.order] if self.order is not None else values


_statements: dict[tuple, sa.Executable] = {}
_compiled: dict[tuple[int, str], Compiled] = {}
_kept: set[int] = set()  # ids of the kept statements, which live as long as the process


def statement(key: tuple, build: Callable[[], sa.Executable]) -> sa.Executable:
    """The statement of `key`, built on first use and kept for the life of the process."""
    found = _statements.get(key)
    if found is None:
        found = _statements.setdefault(key, build())
        _kept.add(id(found))
    return found


def is_kept(stmt: sa.Executable) -> bool:
    """Whether `stmt` is one of the kept statements (so its compiled form may be cached by identity)."""
    return id(stmt) in _kept


def compiled(engine: Engine, stmt: sa.Executable) -> Compiled:
    """`stmt` compiled for the engine's dialect (once)."""
    key = (id(stmt), engine.dialect.name)
    found = _compiled.get(key)
    if found is None:
        done = stmt.compile(dialect=engine.dialect)
        order = tuple(done.positiontup) if done.positional else None
        found = _compiled[key] = Compiled(str(done), order, dict(done.params), bool(done.isinsert or done.isupdate
                                                                                   or done.isdelete))
    return found


def _execute(engine: Engine, raw: Any, stmt: sa.Executable, params: dict[str, Any], fetch: str) -> Any:
    code = compiled(engine, stmt)
    cursor = raw.cursor()
    try:
        cursor.execute(code.sql, code.args(params))
        if fetch == "count":
            return cursor.rowcount
        if cursor.description is None:
            return None
        names = [d[0] for d in cursor.description]
        if fetch == "all":
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        row = cursor.fetchone()
        if row is None:
            return None
        return row[0] if fetch == "value" else dict(zip(names, row, strict=True))
    finally:
        cursor.close()


@contextmanager
def _connection(engine: Engine) -> Iterator[Any]:
    """A pooled driver connection; StoreUnavailable when the database cannot be reached, and a connection found
    broken is thrown away."""
    dbapi = engine.dialect.loaded_dbapi
    try:
        raw = engine.raw_connection()
    except (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.TimeoutError, dbapi.OperationalError,
            dbapi.InterfaceError) as exc:  # the pool hands on the driver's own error when it cannot connect
        raise unavailable(exc) from exc
    try:
        yield raw
    except (dbapi.OperationalError, dbapi.InterfaceError) as exc:
        if engine.dialect.is_disconnect(exc, raw, cursor=None):
            raw.invalidate(exc)  # never handed out again
        raise unavailable(exc) from exc
    finally:
        raw.close()  # back to the pool (which rolls back whatever was left open)


def run(engine: Engine, stmt: sa.Executable, params: dict[str, Any], fetch: str) -> Any:
    """Run a kept statement once on a pooled connection: `fetch` "all" (rows as dicts), "one" (a dict or None),
    "value" (the first column of the first row) or "count" (rows changed)."""
    with _connection(engine) as raw:
        result = _execute(engine, raw, stmt, params, fetch)
        if compiled(engine, stmt).changes and engine.dialect.name == "sqlite":
            raw.commit()  # the sqlite3 module began a transaction before the change
        return result


class Transaction:
    """Kept statements run in one transaction on one connection (see `transaction`)."""

    def __init__(self, engine: Engine, raw: Any) -> None:
        self._engine, self._raw = engine, raw

    def run(self, stmt: sa.Executable, params: dict[str, Any], fetch: str) -> Any:
        """As `run`, inside the transaction."""
        return _execute(self._engine, self._raw, stmt, params, fetch)


@contextmanager
def transaction(engine: Engine, begin: str) -> Iterator[Transaction]:
    """One write transaction begun with `begin` (BEGIN IMMEDIATE on SQLite: the write lock at once; BEGIN on
    PostgreSQL), committed at the end and rolled back on an error."""
    with _connection(engine) as raw:
        cursor = raw.cursor()
        cursor.execute(begin)
        cursor.close()
        try:
            yield Transaction(engine, raw)
        except BaseException:
            try:
                raw.rollback()
            except Exception:  # a lost connection: the server rolled back already
                pass
            raise
        raw.commit()
