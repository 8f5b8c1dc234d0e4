"""Alembic's entry point for the history's migrations, always run from code (`kie.store.engines.upgrade`), which
hands over an open connection taken under the migration lock."""

from __future__ import annotations

from alembic import context

from kie.store.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run the migrations through kie.store.engines.upgrade(url), which holds the lock")
context.configure(connection=connection, target_metadata=metadata, transaction_per_migration=True,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
