"""queue index: the review queue lists open proposals by priority, then SLA

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_proposals_queue", "proposals", [sa.text("priority DESC"), "sla_due_at"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ANALYZE proposals")  # statistics, so SQLite's planner picks the index


def downgrade() -> None:
    op.drop_index("ix_proposals_queue", table_name="proposals")
