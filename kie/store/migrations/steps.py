"""Helpers the migration scripts share."""

from __future__ import annotations

from alembic import op


def statements(sql: str) -> list[str]:
    """The statements of a SQL text (comment lines dropped; no `;` inside a statement)."""
    text = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
    return [s.strip() for s in text.split(";") if s.strip()]


def begin_sqlite() -> None:
    """Make a SQLite revision one write transaction (the sqlite3 module does not begin one before DDL)."""
    raw = op.get_bind().connection.dbapi_connection
    if not raw.in_transaction:
        raw.execute("BEGIN IMMEDIATE")
