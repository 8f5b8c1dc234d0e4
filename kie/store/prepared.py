"""Statements built once, compiled once per database, and run on a pooled driver connection.

A submit makes about ten store calls. Built and executed through SQLAlchemy's Connection each time, they cost
twice the CPU of the hand-written SQL this store replaced (statement objects, cache keys, parameter processing,
the Connection's events), which on a busy machine halves the submits a replica sustains. The store's fixed-shape
statements (one per method and shape: scoped or not, dialect) are therefore built once with bound parameters,
compiled once by SQLAlchemy for the engine's dialect, and executed on the DBAPI connection the pool hands out;
queries whose shape depends on the caller (History's filters) go through SQLAlchemy as usual.
"""

from __future__ import annotations

from collections.abc import Callable
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


def run(engine: Engine, stmt: sa.Executable, params: dict[str, Any], fetch: str) -> Any:
    """Run a kept statement once on a pooled connection: `fetch` "all" (rows as dicts), "one" (a dict or None),
    "value" (the first column of the first row) or "count" (rows changed). StoreUnavailable when the database
    cannot be reached; a connection found broken is thrown away."""
    code = compiled(engine, stmt)
    dbapi = engine.dialect.loaded_dbapi
    try:
        raw = engine.raw_connection()
    except (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.TimeoutError) as exc:
        raise unavailable(exc) from exc
    try:
        cursor = raw.cursor()
        try:
            cursor.execute(code.sql, code.args(params))
            if fetch == "count":
                result: Any = cursor.rowcount
            elif cursor.description is None:
                result = None
            else:
                names = [d[0] for d in cursor.description]
                if fetch == "all":
                    result = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
                else:
                    row = cursor.fetchone()
                    result = None if row is None else (row[0] if fetch == "value" else dict(zip(names, row,
                                                                                                strict=True)))
            if code.changes and engine.dialect.name == "sqlite":
                raw.commit()  # the sqlite3 module began a transaction before the change
        finally:
            cursor.close()
    except (dbapi.OperationalError, dbapi.InterfaceError) as exc:
        if engine.dialect.is_disconnect(exc, raw, cursor=None):
            raw.invalidate(exc)  # never handed out again
        raise unavailable(exc) from exc
    finally:
        raw.close()  # back to the pool (which rolls back whatever was left open)
    return result
