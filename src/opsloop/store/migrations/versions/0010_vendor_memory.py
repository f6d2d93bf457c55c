"""vendor memory: corrections keep their layout and vendor; what was learned, and its versions

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-06 10:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import opsloop.store.types

revision: str = "0010"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("corrections", schema=None) as batch_op:
        batch_op.add_column(sa.Column("layout", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("vendor_key", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True)
        )
        batch_op.create_index(batch_op.f("ix_corrections_layout"), ["layout"], unique=False)
        batch_op.create_index(batch_op.f("ix_corrections_vendor_key"), ["vendor_key"], unique=False)
    op.create_table(
        "memory_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vendor_key", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("vendor_name", sqlmodel.sql.sqltypes.AutoString(length=512), nullable=True),
        sa.Column("layout", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("field", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=512), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("correction_id", sa.Integer(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("proposal_id", sa.Integer(), nullable=True),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", opsloop.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("retired_at", opsloop.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("retired_by", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
        sa.Column("retired_version", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["correction_id"], ["corrections.id"]),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("memory_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_memory_entries_vendor_key"), ["vendor_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_memory_entries_correction_id"), ["correction_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_memory_entries_document_id"), ["document_id"], unique=False)
    op.create_table(
        "memory_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vendor_key", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("at", opsloop.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("vendor_key", "version", name="uq_memory_events_vendor_version"),
    )
    with op.batch_alter_table("memory_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_memory_events_vendor_key"), ["vendor_key"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("memory_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_memory_events_vendor_key"))
    op.drop_table("memory_events")
    with op.batch_alter_table("memory_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_memory_entries_document_id"))
        batch_op.drop_index(batch_op.f("ix_memory_entries_correction_id"))
        batch_op.drop_index(batch_op.f("ix_memory_entries_vendor_key"))
    op.drop_table("memory_entries")
    with op.batch_alter_table("corrections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_corrections_vendor_key"))
        batch_op.drop_index(batch_op.f("ix_corrections_layout"))
        batch_op.drop_column("vendor_key")
        batch_op.drop_column("layout")
