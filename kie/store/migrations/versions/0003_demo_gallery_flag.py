"""Demo-gallery tasks kept before the demo flag existed are marked as such, so History's Demo filter and
"Remove demo tasks" find them in SQL (the gallery names its tasks `demo-gallery-…`).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE tasks SET demo = 1 WHERE demo = 0 AND task_id LIKE 'demo-gallery-%'")


def downgrade() -> None:
    """Nothing to undo: the flag only says what the task's id already said."""
