"""reconcile: tolerance policy versions and invoice reconciliations

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 10:51:59.577839
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import opsloop.store.types

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "tolerance_policies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("digest", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
        sa.Column("created_at", opsloop.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("tolerance_policies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tolerance_policies_version"), ["version"], unique=True)

    op.create_table(
        "invoice_reconciliations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("policy_version", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("vendor_id", sa.Integer(), nullable=True),
        sa.Column("exception_types", sa.JSON(), nullable=False),
        sa.Column("po_numbers", sa.JSON(), nullable=False),
        sa.Column("text_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("billed_lines", sa.JSON(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("created_at", opsloop.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["invoices.id"],
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["vendors.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("invoice_reconciliations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_invoice_reconciliations_current_status", ["current", "status"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_invoice_reconciliations_document_id"), ["document_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_invoice_reconciliations_invoice_id"), ["invoice_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_invoice_reconciliations_text_hash"), ["text_hash"], unique=False)
        batch_op.create_index(batch_op.f("ix_invoice_reconciliations_vendor_id"), ["vendor_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("invoice_reconciliations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoice_reconciliations_vendor_id"))
        batch_op.drop_index(batch_op.f("ix_invoice_reconciliations_text_hash"))
        batch_op.drop_index(batch_op.f("ix_invoice_reconciliations_invoice_id"))
        batch_op.drop_index(batch_op.f("ix_invoice_reconciliations_document_id"))
        batch_op.drop_index("ix_invoice_reconciliations_current_status")

    op.drop_table("invoice_reconciliations")
    with op.batch_alter_table("tolerance_policies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tolerance_policies_version"))

    op.drop_table("tolerance_policies")
