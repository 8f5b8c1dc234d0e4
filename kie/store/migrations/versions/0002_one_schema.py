"""One schema on both databases, and what model choice needs.

SQLite's tables are rebuilt with the `workspace` column PostgreSQL has always had (filled with the file's
workspace) and the same keys, rows copied as they are. PostgreSQL's demo flag (a boolean in the last hand-kept
migration) becomes a small integer like the other flags. On both: the model of each spend row, and indexes for the
filters of model choice.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import context, op

from kie.store.migrations.steps import begin_sqlite

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

DEFAULT_MODEL = "gpt-4o-image"

# The SQLite tables after this revision: (name, new definition, the columns copied from the old table). The
# workspace column comes last, so every column keeps its place for whoever reads a row by position.
SQLITE_TABLES = (
    ("tasks", """task_id TEXT NOT NULL, kind TEXT NOT NULL, state TEXT NOT NULL,
        prompt TEXT NOT NULL, request TEXT NOT NULL, progress REAL NOT NULL DEFAULT 0,
        result_urls TEXT NOT NULL DEFAULT '[]', images TEXT NOT NULL DEFAULT '[]', inputs TEXT NOT NULL DEFAULT '{}',
        error_code INTEGER, error_message TEXT, created_at REAL NOT NULL, completed_at REAL,
        favourite INTEGER NOT NULL DEFAULT 0, polls INTEGER NOT NULL DEFAULT 0, next_poll_at REAL NOT NULL DEFAULT 0,
        last_polled_at REAL, last_progress_at REAL, deadline_at REAL, open INTEGER NOT NULL DEFAULT 1, owner TEXT,
        callback_token TEXT, callback_at REAL, showcase INTEGER NOT NULL DEFAULT 0, credits REAL,
        model TEXT NOT NULL DEFAULT 'gpt-4o-image', parent_id TEXT, batch_id TEXT, comparison_id TEXT,
        demo INTEGER NOT NULL DEFAULT 0, workspace TEXT NOT NULL, PRIMARY KEY (workspace, task_id)""",
     "task_id, kind, state, prompt, request, progress, result_urls, images, inputs, error_code, error_message, "
     "created_at, completed_at, favourite, polls, next_poll_at, last_polled_at, last_progress_at, deadline_at, open, "
     "owner, callback_token, callback_at, showcase, credits, model, parent_id, batch_id, comparison_id, demo"),
    ("spend", """id TEXT NOT NULL, owner TEXT NOT NULL, day TEXT NOT NULL,
        images INTEGER NOT NULL, status TEXT NOT NULL, task_id TEXT, credits REAL, created_at REAL NOT NULL,
        accepted_at REAL, model TEXT NOT NULL DEFAULT 'gpt-4o-image', workspace TEXT NOT NULL,
        PRIMARY KEY (workspace, id)""",
     "id, owner, day, images, status, task_id, credits, created_at, accepted_at"),
    ("budgets", """owner TEXT NOT NULL, daily_images INTEGER NOT NULL,
        updated_by TEXT NOT NULL, updated_at REAL NOT NULL, workspace TEXT NOT NULL, PRIMARY KEY (workspace, owner)""",
     "owner, daily_images, updated_by, updated_at"),
    # SQLite numbers rows only through an INTEGER PRIMARY KEY of its own, so `id` stays the key here.
    ("audit", """id INTEGER PRIMARY KEY AUTOINCREMENT, at REAL NOT NULL,
        actor TEXT NOT NULL, action TEXT NOT NULL, target TEXT, detail TEXT, workspace TEXT NOT NULL""",
     "id, at, actor, action, target, detail"),
    ("batches", """id TEXT NOT NULL, owner TEXT, name TEXT NOT NULL, state TEXT NOT NULL,
        message TEXT, created_at REAL NOT NULL, workspace TEXT NOT NULL, PRIMARY KEY (workspace, id)""",
     "id, owner, name, state, message, created_at"),
    ("batch_items", """batch_id TEXT NOT NULL, position INTEGER NOT NULL,
        request TEXT NOT NULL, state TEXT NOT NULL, task_id TEXT, error TEXT, sent_at REAL, workspace TEXT NOT NULL,
        PRIMARY KEY (workspace, batch_id, position)""",
     "batch_id, position, request, state, task_id, error, sent_at"),
    ("prompts", """id TEXT NOT NULL, owner TEXT, name TEXT NOT NULL,
        tags TEXT NOT NULL DEFAULT '', request TEXT NOT NULL, created_at REAL NOT NULL, workspace TEXT NOT NULL,
        PRIMARY KEY (workspace, id)""",
     "id, owner, name, tags, request, created_at"),
    ("people", """id TEXT NOT NULL, email TEXT NOT NULL, name TEXT NOT NULL DEFAULT '',
        seen_at REAL NOT NULL, workspace TEXT NOT NULL, PRIMARY KEY (workspace, id)""",
     "id, email, name, seen_at"),
)
# A SQLite file holds one workspace, so its indexes do not lead with the workspace (the store does not filter by
# it there: see `SqlStore._here`), as before this revision; ties on created_at are ordered by task_id (BINARY).
SQLITE_INDEXES = (
    "CREATE INDEX tasks_by_created ON tasks (created_at DESC, task_id)",
    "CREATE INDEX tasks_by_state ON tasks (state, created_at DESC)",
    "CREATE INDEX tasks_by_kind ON tasks (kind, created_at DESC)",
    "CREATE INDEX tasks_by_owner ON tasks (owner, created_at DESC)",
    "CREATE INDEX tasks_by_favourite ON tasks (favourite, created_at DESC)",
    "CREATE INDEX tasks_showcase ON tasks (created_at DESC) WHERE showcase = 1",
    "CREATE INDEX tasks_open ON tasks (open, created_at DESC)",
    "CREATE UNIQUE INDEX tasks_by_callback_token ON tasks (callback_token)",
    "CREATE INDEX spend_by_owner_day ON spend (owner, day)",
    "CREATE INDEX audit_by_time ON audit (at DESC)",
    "CREATE INDEX batch_items_by_state ON batch_items (state, batch_id, position)",
    "CREATE INDEX IF NOT EXISTS rate_slots_by_account ON rate_slots (account, sent_at)",
    "CREATE INDEX tasks_by_model ON tasks (model, created_at DESC)",
    "CREATE INDEX tasks_by_comparison ON tasks (comparison_id) WHERE comparison_id IS NOT NULL",
    "CREATE INDEX tasks_by_batch ON tasks (batch_id) WHERE batch_id IS NOT NULL",
    "CREATE INDEX tasks_by_parent ON tasks (parent_id) WHERE parent_id IS NOT NULL",
    "CREATE INDEX tasks_demo ON tasks (created_at DESC) WHERE demo = 1",
    "CREATE INDEX spend_by_model ON spend (model, day)",
    "CREATE INDEX people_by_email ON people (email)",
)
# New on PostgreSQL: the filters of model choice (History by model, a comparison, a batch's tasks, the demo gallery).
POSTGRESQL_INDEXES = (
    "CREATE INDEX IF NOT EXISTS tasks_by_model ON tasks (workspace, model, created_at DESC)",
    "CREATE INDEX tasks_by_comparison ON tasks (workspace, comparison_id) WHERE comparison_id IS NOT NULL",
    "CREATE INDEX tasks_by_batch ON tasks (workspace, batch_id) WHERE batch_id IS NOT NULL",
    "CREATE INDEX tasks_by_parent ON tasks (workspace, parent_id) WHERE parent_id IS NOT NULL",
    "CREATE INDEX tasks_demo ON tasks (workspace, created_at DESC) WHERE demo = 1",
    "CREATE INDEX spend_by_model ON spend (workspace, model, day)",
)


def _sqlite() -> None:
    begin_sqlite()
    bind = op.get_bind()
    workspace = context.config.attributes.get("workspace")
    for table, definition, copied in SQLITE_TABLES:
        has_rows = bind.exec_driver_sql(f"SELECT 1 FROM {table} LIMIT 1").first() is not None
        if has_rows and not workspace:
            raise RuntimeError(f"{table} has rows: upgrade this SQLite file with its workspace name")
        bind.exec_driver_sql(f"CREATE TABLE {table}_new ({definition})")
        bind.exec_driver_sql(f"INSERT INTO {table}_new (workspace, {copied}) SELECT ?, {copied} FROM {table}",
                             (workspace or "",))
        bind.exec_driver_sql(f"DROP TABLE {table}")
        bind.exec_driver_sql(f"ALTER TABLE {table}_new RENAME TO {table}")
    for statement in SQLITE_INDEXES:
        bind.exec_driver_sql(statement)


def _postgresql() -> None:
    bind = op.get_bind()
    # The tasks' model columns came with the last hand-kept migration (legacy/0005), the demo flag as a boolean:
    # a small integer here, like every other flag, on both databases.
    bind.exec_driver_sql("ALTER TABLE tasks ALTER COLUMN demo DROP DEFAULT, "
                         "ALTER COLUMN demo TYPE SMALLINT USING CASE WHEN demo THEN 1 ELSE 0 END, "
                         "ALTER COLUMN demo SET DEFAULT 0")
    bind.exec_driver_sql(f"ALTER TABLE spend ADD COLUMN model TEXT NOT NULL DEFAULT '{DEFAULT_MODEL}'")
    for statement in POSTGRESQL_INDEXES:
        bind.exec_driver_sql(statement)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite()
    else:
        _postgresql()
