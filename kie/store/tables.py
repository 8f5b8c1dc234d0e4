"""The history's tables, declared once for SQLite and PostgreSQL (SQLAlchemy Core).

Every table but the rate ledger's has a `workspace` column and every query filters by it: PostgreSQL holds every
workspace in one database; SQLite keeps one file per workspace (`workspaces/<ws>/tasks.sqlite3`), where the column
holds that one name. Times are seconds since the epoch (floats); JSON columns are text, so they round-trip exactly.
Flags are small integers (0/1), as both databases have always stored them. The schema itself is made and changed
by the Alembic history in `kie/store/migrations/` (indexes included); these declarations are what queries use.
"""

from __future__ import annotations

import sqlalchemy as sa

DEFAULT_MODEL = "gpt-4o-image"

metadata = sa.MetaData()
Float = sa.Double()  # REAL in SQLite, DOUBLE PRECISION in PostgreSQL

tasks = sa.Table(
    "tasks", metadata,
    sa.Column("workspace", sa.Text, primary_key=True),
    sa.Column("task_id", sa.Text, primary_key=True),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("state", sa.Text, nullable=False),
    sa.Column("prompt", sa.Text, nullable=False),
    sa.Column("request", sa.Text, nullable=False),
    sa.Column("progress", Float, nullable=False, server_default="0"),
    sa.Column("result_urls", sa.Text, nullable=False, server_default="[]"),
    sa.Column("images", sa.Text, nullable=False, server_default="[]"),
    sa.Column("inputs", sa.Text, nullable=False, server_default="{}"),
    sa.Column("error_code", sa.Integer),
    sa.Column("error_message", sa.Text),
    sa.Column("created_at", Float, nullable=False),
    sa.Column("completed_at", Float),
    sa.Column("favourite", sa.SmallInteger, nullable=False, server_default="0"),
    sa.Column("polls", sa.Integer, nullable=False, server_default="0"),
    sa.Column("next_poll_at", Float, nullable=False, server_default="0"),
    sa.Column("last_polled_at", Float),
    sa.Column("last_progress_at", Float),
    sa.Column("deadline_at", Float),
    sa.Column("open", sa.SmallInteger, nullable=False, server_default="1"),  # indexed: polling never scans history
    sa.Column("owner", sa.Text),
    sa.Column("callback_token", sa.Text),
    sa.Column("callback_at", Float),
    sa.Column("showcase", sa.SmallInteger, nullable=False, server_default="0"),
    sa.Column("credits", Float),
    sa.Column("model", sa.Text, nullable=False, server_default=DEFAULT_MODEL),
    sa.Column("parent_id", sa.Text),
    sa.Column("batch_id", sa.Text),
    sa.Column("comparison_id", sa.Text),
    sa.Column("demo", sa.SmallInteger, nullable=False, server_default="0"),
)

spend = sa.Table(  # budget reservations and the images (and credits) they turned into, per person, day and model
    "spend", metadata,
    sa.Column("workspace", sa.Text, primary_key=True),
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("owner", sa.Text, nullable=False),
    sa.Column("day", sa.Text, nullable=False),
    sa.Column("images", sa.Integer, nullable=False),
    sa.Column("status", sa.Text, nullable=False),  # reserved | accepted
    sa.Column("task_id", sa.Text),
    sa.Column("credits", Float),
    sa.Column("created_at", Float, nullable=False),
    sa.Column("accepted_at", Float),
    sa.Column("model", sa.Text, nullable=False, server_default=DEFAULT_MODEL),
)

budgets = sa.Table(
    "budgets", metadata,
    sa.Column("workspace", sa.Text, primary_key=True),
    sa.Column("owner", sa.Text, primary_key=True),
    sa.Column("daily_images", sa.Integer, nullable=False),
    sa.Column("updated_by", sa.Text, nullable=False),
    sa.Column("updated_at", Float, nullable=False),
)

audit = sa.Table(  # `id` keeps the order of lines written in the same instant
    "audit", metadata,
    sa.Column("workspace", sa.Text, primary_key=True),
    sa.Column("id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True, autoincrement=True),
    sa.Column("at", Float, nullable=False),
    sa.Column("actor", sa.Text, nullable=False),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column("target", sa.Text),
    sa.Column("detail", sa.Text),
)

batches = sa.Table(
    "batches", metadata,
    sa.Column("workspace", sa.Text, primary_key=True),
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("owner", sa.Text),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("state", sa.Text, nullable=False),
    sa.Column("message", sa.Text),
    sa.Column("created_at", Float, nullable=False),
    sa.Column("template", sa.Text),  # the template its prompts were made from, if they were (revision 0004)
)

batch_items = sa.Table(
    "batch_items", metadata,
    sa.Column("workspace", sa.Text, primary_key=True),
    sa.Column("batch_id", sa.Text, primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("request", sa.Text, nullable=False),
    sa.Column("state", sa.Text, nullable=False),
    sa.Column("task_id", sa.Text),
    sa.Column("error", sa.Text),
    sa.Column("sent_at", Float),
)

prompts = sa.Table(
    "prompts", metadata,
    sa.Column("workspace", sa.Text, primary_key=True),
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("owner", sa.Text),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("tags", sa.Text, nullable=False, server_default=""),
    sa.Column("request", sa.Text, nullable=False),
    sa.Column("created_at", Float, nullable=False),
)

people = sa.Table(  # one identity per person (kie.team): who a person id (issuer|sub) is, for display
    "people", metadata,
    sa.Column("workspace", sa.Text, primary_key=True),
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("email", sa.Text, nullable=False),
    sa.Column("name", sa.Text, nullable=False, server_default=""),
    sa.Column("seen_at", Float, nullable=False),
)

# The generate rate limiter's ledger: send times per account (a workspace), and a block after a 429.
rate_accounts = sa.Table(
    "rate_accounts", metadata,
    sa.Column("account", sa.Text, primary_key=True),
    sa.Column("blocked_until", Float, nullable=False, server_default="0"),
)

rate_slots = sa.Table(
    "rate_slots", metadata,
    sa.Column("account", sa.Text, nullable=False),
    sa.Column("sent_at", Float, nullable=False),
)
