"""queue and API: proposal facets (vendor, document number, due date, exception types, folded search
text, the original a duplicate repeats), token roles, webhook deliveries

Revision ID: 0009
Revises: 0010 (reserved as 0009; chained after 0010_vendor_memory, which landed first)
Create Date: 2026-12-06 10:00:00.000000

Proposals queued before this revision get their facets when `opsloop serve` (or the web app) starts
(`review.facets.index_missing`): filling them needs the invoice rows and the reconciliation, which is
application code, not SQL.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import opsloop.store.types

revision: str = "0009"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("vendor", sqlmodel.sql.sqltypes.AutoString(length=512), nullable=True))
        batch_op.add_column(
            sa.Column("reference", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True)
        )
        batch_op.add_column(sa.Column("due_date", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("exception_types", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
        batch_op.add_column(sa.Column("search_text", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("duplicate_of", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_proposals_vendor"), ["vendor"], unique=False)
        batch_op.create_index(batch_op.f("ix_proposals_due_date"), ["due_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_proposals_duplicate_of"), ["duplicate_of"], unique=False)
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.alter_column("exception_types", server_default=None)
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True))
    op.create_table(
        "webhook_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("endpoint", sqlmodel.sql.sqltypes.AutoString(length=512), nullable=False),
        sa.Column("event_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("event_type", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", opsloop.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_status", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", opsloop.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", opsloop.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("endpoint", "event_id"),
    )
    with op.batch_alter_table("webhook_deliveries", schema=None) as batch_op:
        batch_op.create_index("ix_webhook_deliveries_state_next", ["state", "next_attempt_at"], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ANALYZE proposals")  # statistics, so SQLite's planner picks the new indexes


def downgrade() -> None:
    with op.batch_alter_table("webhook_deliveries", schema=None) as batch_op:
        batch_op.drop_index("ix_webhook_deliveries_state_next")
    op.drop_table("webhook_deliveries")
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_column("role")
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_proposals_duplicate_of"))
        batch_op.drop_index(batch_op.f("ix_proposals_due_date"))
        batch_op.drop_index(batch_op.f("ix_proposals_vendor"))
        batch_op.drop_column("duplicate_of")
        batch_op.drop_column("search_text")
        batch_op.drop_column("exception_types")
        batch_op.drop_column("due_date")
        batch_op.drop_column("reference")
        batch_op.drop_column("vendor")
