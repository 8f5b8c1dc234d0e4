"""The few things SQLite and PostgreSQL do differently, one class each (as Prefect's query components).

Everything else the store builds once from `tables`. What differs: how a write transaction takes its lock
(`write`), the per-person budget lock, case-insensitive search, byte-wise order of ids, insert-or-ignore and
upsert, bulk loading, and taking the next batch item.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql as pg_sql
from sqlalchemy.dialects import sqlite as sqlite_sql
from sqlalchemy.engine import Connection, Engine

import kie.store.tables as t
from kie.store.engines import LOCK_CLASS_SPEND


class Dialect:
    """What both databases share; subclasses fill in the differences."""

    name = ""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextmanager
    def single(self) -> Iterator[Connection]:
        """A connection for one statement that commits by itself."""
        raise NotImplementedError

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction that holds the database's write lock from its first statement (SQLite) or
        takes row and advisory locks as it goes (PostgreSQL); committed at the end, rolled back on an error."""
        raise NotImplementedError

    begin_write = "BEGIN"  # how a write transaction begins on the driver's connection (kie.store.prepared)

    def budget_lock(self) -> sa.Executable | None:
        """Inside a write transaction: a statement that makes other reservations for the same person and day
        (the parameter `key`) wait for this one; None where the transaction's own lock does that."""
        return None

    def contains(self, column: sa.ColumnElement, pattern: str) -> sa.ColumnElement[bool]:
        """`column` contains the LIKE `pattern` (escaped with a backslash), ignoring letter case."""
        raise NotImplementedError

    def bytewise(self, column: sa.ColumnElement) -> sa.ColumnElement:
        """`column` ordered byte by byte (ties of the history's order break the same way on both)."""
        return column

    def insert(self, table: sa.Table) -> Any:
        """An INSERT that can take ON CONFLICT clauses."""
        raise NotImplementedError

    def load(self, db: Connection, table: sa.Table, rows: Sequence[dict[str, Any]]) -> None:
        """Insert many rows at once (every row has the same keys)."""
        if rows:
            db.execute(table.insert(), list(rows))

    def claim_statement(self, where: list[sa.ColumnElement[bool]]) -> sa.Executable:
        """The claim of a due task matching `where`: its next poll moves to the parameter `until`; one row changed
        means this caller won it. SQLite: one UPDATE is one immediate write transaction, so claims take turns."""
        return t.tasks.update().where(*where).values(next_poll_at=sa.bindparam("until"))

    def take_batch_item(self, db: Connection, workspace: str, owner: str | None, now: float) -> dict | None:
        """Inside `write`: mark the next queued item of a running batch (oldest batch first) as sending and return
        it with its batch's owner; one taker wins."""
        raise NotImplementedError


def _next_item(workspace: str, owner: str | None) -> sa.Select:
    i, b = t.batch_items, t.batches
    query = (sa.select(i.c.batch_id, i.c.position)
             .join(b, sa.and_(b.c.workspace == i.c.workspace, b.c.id == i.c.batch_id))
             .where(i.c.workspace == workspace, i.c.state == "queued", b.c.state == "running")
             .order_by(b.c.created_at, i.c.position).limit(1))
    return query.where(b.c.owner == owner) if owner is not None else query


def _item_with_owner(db: Connection, workspace: str, batch_id: str, position: int) -> dict:
    i, b = t.batch_items, t.batches
    row = db.execute(sa.select(i, b.c.owner).join(b, sa.and_(b.c.workspace == i.c.workspace, b.c.id == i.c.batch_id))
                     .where(i.c.workspace == workspace, i.c.batch_id == batch_id, i.c.position == position)).one()
    return dict(row._mapping)


class SqliteDialect(Dialect):
    """One file per workspace; one writer at a time (WAL lets readers go on)."""

    name = "sqlite"
    begin_write = "BEGIN IMMEDIATE"  # the write lock at once: two writers cannot both read "room left"

    @contextmanager
    def single(self) -> Iterator[Connection]:
        with self.engine.connect() as db:
            yield db
            db.commit()

    @contextmanager
    def write(self) -> Iterator[Connection]:
        # BEGIN IMMEDIATE takes the write lock at once: two writers cannot both read "room left" and then write.
        with self.engine.connect() as db:
            db.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.rollback()
                raise
            db.commit()

    def contains(self, column: sa.ColumnElement, pattern: str) -> sa.ColumnElement[bool]:
        return column.like(pattern, escape="\\")  # SQLite's LIKE ignores case (ASCII letters)

    def insert(self, table: sa.Table) -> Any:
        return sqlite_sql.insert(table)

    def take_batch_item(self, db: Connection, workspace: str, owner: str | None, now: float) -> dict | None:
        found = db.execute(_next_item(workspace, owner)).first()
        if found is None:
            return None
        i = t.batch_items
        db.execute(i.update().where(i.c.workspace == workspace, i.c.batch_id == found.batch_id,
                                    i.c.position == found.position).values(state="sending", sent_at=now))
        return _item_with_owner(db, workspace, found.batch_id, found.position)


class PostgresDialect(Dialect):
    """Every workspace in one database, shared by replicas: row locks, SKIP LOCKED and advisory locks."""

    name = "postgresql"

    begin_write = "BEGIN"

    # The engine's connections are in autocommit (engines.py): one statement is one round trip, no BEGIN and
    # ROLLBACK around a read; a write transaction begins and ends explicitly.

    @contextmanager
    def single(self) -> Iterator[Connection]:
        with self.engine.connect() as db:
            yield db

    @contextmanager
    def write(self) -> Iterator[Connection]:
        with self.engine.connect() as db:
            db.exec_driver_sql("BEGIN")
            try:
                yield db
            except BaseException:
                if not db.invalidated:  # a lost connection has nothing to roll back (the server did)
                    db.connection.driver_connection.rollback()
                raise
            db.connection.driver_connection.commit()

    def budget_lock(self) -> sa.Executable | None:
        # Transaction-scoped, per (workspace, person, day): replicas take turns, other people do not wait.
        return sa.select(sa.func.pg_advisory_xact_lock(sa.literal(LOCK_CLASS_SPEND, sa.Integer),
                                                       sa.func.hashtext(sa.bindparam("key", type_=sa.Text))))

    def contains(self, column: sa.ColumnElement, pattern: str) -> sa.ColumnElement[bool]:
        return column.ilike(pattern, escape="\\")

    def bytewise(self, column: sa.ColumnElement) -> sa.ColumnElement:
        return column.collate("C")

    def insert(self, table: sa.Table) -> Any:
        return pg_sql.insert(table)

    def load(self, db: Connection, table: sa.Table, rows: Sequence[dict[str, Any]]) -> None:
        if not rows:
            return
        columns = list(rows[0])
        raw = db.connection.driver_connection  # psycopg's COPY: the fastest way in, one stream
        with raw.cursor() as cur, cur.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row[c] for c in columns])

    def claim_statement(self, where: list[sa.ColumnElement[bool]]) -> sa.Executable:
        # SKIP LOCKED: a caller that finds the row being claimed gives up at once instead of waiting for the winner.
        due = sa.select(t.tasks.c.task_id).where(*where).with_for_update(skip_locked=True).scalar_subquery()
        return t.tasks.update().where(where[0], t.tasks.c.task_id == due).values(next_poll_at=sa.bindparam("until"))

    def take_batch_item(self, db: Connection, workspace: str, owner: str | None, now: float) -> dict | None:
        # SKIP LOCKED: a second sender takes the next item instead of waiting for this one.
        found = db.execute(_next_item(workspace, owner).with_for_update(of=t.batch_items, skip_locked=True)).first()
        if found is None:
            return None
        i = t.batch_items
        db.execute(i.update().where(i.c.workspace == workspace, i.c.batch_id == found.batch_id,
                                    i.c.position == found.position).values(state="sending", sent_at=now))
        return _item_with_owner(db, workspace, found.batch_id, found.position)


def dialect_for(engine: Engine) -> Dialect:
    """The dialect part for an engine's database."""
    return PostgresDialect(engine) if engine.dialect.name == "postgresql" else SqliteDialect(engine)
