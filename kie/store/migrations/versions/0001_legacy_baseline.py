"""Baseline: bring a database made before Alembic to the schema of the last hand-kept version.

SQLite: the per-workspace file as `kie/store/sqlite.py` made it (its DDL, and the columns added by hand since the
first release; the people directory of its last version), and the rate ledger's two tables. PostgreSQL: the
numbered files that version applied (`legacy/000*.sql`, recorded in `schema_migrations`), whichever of them the
database lacks. A new, empty database
goes through the same steps, so every database reaches revision 0002 from the same place.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import re
from pathlib import Path

from alembic import op

from kie.store.migrations.steps import begin_sqlite, statements

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

LEGACY_DIR = Path(__file__).parents[1] / "legacy"

# kie/store/sqlite.py's SCHEMA and kie/ratelimit.py's, as the last version before Alembic had them.
SQLITE_SCHEMA = """
CREATE TABLE IF NOT EXISTS tasks (
    task_id TEXT PRIMARY KEY, kind TEXT NOT NULL, state TEXT NOT NULL, prompt TEXT NOT NULL, request TEXT NOT NULL,
    progress REAL NOT NULL DEFAULT 0, result_urls TEXT NOT NULL DEFAULT '[]', images TEXT NOT NULL DEFAULT '[]',
    inputs TEXT NOT NULL DEFAULT '{}', error_code INTEGER, error_message TEXT, created_at REAL NOT NULL,
    completed_at REAL, favourite INTEGER NOT NULL DEFAULT 0, polls INTEGER NOT NULL DEFAULT 0,
    next_poll_at REAL NOT NULL DEFAULT 0, last_polled_at REAL, last_progress_at REAL, deadline_at REAL,
    open INTEGER NOT NULL DEFAULT 1, owner TEXT, callback_token TEXT, callback_at REAL,
    showcase INTEGER NOT NULL DEFAULT 0, credits REAL, model TEXT NOT NULL DEFAULT 'gpt-4o-image', parent_id TEXT,
    batch_id TEXT, comparison_id TEXT, demo INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS spend (id TEXT PRIMARY KEY, owner TEXT NOT NULL, day TEXT NOT NULL, images INTEGER NOT NULL,
    status TEXT NOT NULL, task_id TEXT, credits REAL, created_at REAL NOT NULL, accepted_at REAL);
CREATE TABLE IF NOT EXISTS budgets (owner TEXT PRIMARY KEY, daily_images INTEGER NOT NULL, updated_by TEXT NOT NULL,
    updated_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at REAL NOT NULL, actor TEXT NOT NULL,
    action TEXT NOT NULL, target TEXT, detail TEXT);
CREATE TABLE IF NOT EXISTS batches (id TEXT PRIMARY KEY, owner TEXT, name TEXT NOT NULL, state TEXT NOT NULL,
    message TEXT, created_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS batch_items (batch_id TEXT NOT NULL, position INTEGER NOT NULL, request TEXT NOT NULL,
    state TEXT NOT NULL, task_id TEXT, error TEXT, sent_at REAL, PRIMARY KEY (batch_id, position));
CREATE TABLE IF NOT EXISTS prompts (id TEXT PRIMARY KEY, owner TEXT, name TEXT NOT NULL, tags TEXT NOT NULL DEFAULT '',
    request TEXT NOT NULL, created_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS people (id TEXT PRIMARY KEY, email TEXT NOT NULL, name TEXT NOT NULL DEFAULT '',
    seen_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS rate_accounts (account TEXT PRIMARY KEY, blocked_until REAL NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS rate_slots (account TEXT NOT NULL, sent_at REAL NOT NULL)
"""
# Columns the SQLite tasks table gained after the first release, in the order they came: (name, definition).
SQLITE_ADDED_COLUMNS = (
    ("owner", "TEXT"),
    ("callback_token", "TEXT"),
    ("callback_at", "REAL"),
    ("showcase", "INTEGER NOT NULL DEFAULT 0"),
    ("credits", "REAL"),
    # the catalogue's model columns, the last hand-kept version's
    ("model", "TEXT NOT NULL DEFAULT 'gpt-4o-image'"),
    ("parent_id", "TEXT"),
    ("batch_id", "TEXT"),
    ("comparison_id", "TEXT"),
    ("demo", "INTEGER NOT NULL DEFAULT 0"),
)


def _sqlite() -> None:
    begin_sqlite()
    bind = op.get_bind()
    columns = {row[1] for row in bind.exec_driver_sql("PRAGMA table_info(tasks)")}
    if columns:
        if "open" not in columns:  # the first release had no open flag: work it out from state and images
            bind.exec_driver_sql("ALTER TABLE tasks ADD COLUMN open INTEGER NOT NULL DEFAULT 1")
            bind.exec_driver_sql("UPDATE tasks SET open = (state = 'pending' OR (state = 'success' AND "
                                 "json_array_length(images) < json_array_length(result_urls)))")
        for name, definition in SQLITE_ADDED_COLUMNS:
            if name not in columns:
                bind.exec_driver_sql(f"ALTER TABLE tasks ADD COLUMN {name} {definition}")
    for statement in statements(SQLITE_SCHEMA):
        bind.exec_driver_sql(statement)


def _postgresql() -> None:
    bind = op.get_bind()
    bind.exec_driver_sql("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                         "name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
    done = {row[0] for row in bind.exec_driver_sql("SELECT version FROM schema_migrations")}
    for path in sorted(LEGACY_DIR.glob("*.sql")):
        match = re.match(r"^(\d{4})_([a-z0-9_]+)\.sql$", path.name)
        if not match or int(match[1]) in done:
            continue
        for statement in statements(path.read_text()):
            bind.exec_driver_sql(statement)
        bind.exec_driver_sql(f"INSERT INTO schema_migrations (version, name) VALUES ({int(match[1])}, '{match[2]}')")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite()
    else:
        _postgresql()
