"""decisions: PO lines carry their VAT category and the ERP's unit conversion

Revision ID: 0006
Revises: 0009 (0005 when reserved; after the merges of 0008–0010 it follows the head; the lead re-chains)
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import opsloop.store.types

revision: str = "0006"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("purchase_order_lines") as batch:
        batch.add_column(sa.Column("tax_code", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True))
        batch.add_column(sa.Column("stock_unit", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True))
        batch.add_column(sa.Column("conversion_factor", opsloop.store.types.Money(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("purchase_order_lines") as batch:
        batch.drop_column("conversion_factor")
        batch.drop_column("stock_unit")
        batch.drop_column("tax_code")
