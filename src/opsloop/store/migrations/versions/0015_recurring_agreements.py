"""recurring-charge agreements: a charge a person approved without an order and asked opsloop to remember
(`recurring_agreements`; the reconciler bills the vendor's next period under it instead of holding it for
want of a PO)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import opsloop.store.types

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _text(length: int) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def upgrade() -> None:
    op.create_table(
        "recurring_agreements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vendor_id", sa.Integer(), nullable=False),
        sa.Column("vendor_erp_id", _text(128), nullable=False),
        sa.Column("vendor_name", _text(512), nullable=False),
        sa.Column("vendor_vat_id", _text(32), nullable=True),
        sa.Column("iban", _text(34), nullable=True),
        sa.Column("currency", _text(3), nullable=False),
        sa.Column("net", opsloop.store.types.Money(length=40), nullable=False),
        sa.Column("tax", opsloop.store.types.Money(length=40), nullable=False),
        sa.Column("total", opsloop.store.types.Money(length=40), nullable=False),
        sa.Column("cadence_months", sa.Integer(), nullable=False),
        sa.Column("period", _text(7), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("invoice_number", _text(128), nullable=True),
        sa.Column("proposal_id", sa.Integer(), nullable=True),
        sa.Column("decision_id", sa.Integer(), nullable=True),
        sa.Column("approved_by", _text(128), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", opsloop.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", opsloop.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("revoked_by", _text(128), nullable=True),
        sa.Column("revoked_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["vendor_id"], ["vendors.id"]),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"]),
        sa.ForeignKeyConstraint(["proposal_id"], ["proposals.id"]),
        sa.ForeignKeyConstraint(["decision_id"], ["review_decisions.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("recurring_agreements", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_recurring_agreements_vendor_id"), ["vendor_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("recurring_agreements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recurring_agreements_vendor_id"))
    op.drop_table("recurring_agreements")
