"""A batch made from a template keeps its template, so the prompt library's recent prompts show a template once
however many batches and prompts it made.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("batches", sa.Column("template", sa.Text))


def downgrade() -> None:
    op.drop_column("batches", "template")
