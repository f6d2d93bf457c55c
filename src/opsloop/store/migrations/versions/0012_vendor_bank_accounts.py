"""every bank account of a vendor: `vendors.ibans`, filled from the one `iban` each row had

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_vendors = sa.table(
    "vendors", sa.column("id", sa.Integer()), sa.column("iban"), sa.column("ibans", sa.JSON())
)


def upgrade() -> None:
    with op.batch_alter_table("vendors", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ibans", sa.JSON(), nullable=False, server_default="[]"))
    bind = op.get_bind()
    rows = bind.execute(sa.select(_vendors.c.id, _vendors.c.iban).where(_vendors.c.iban.is_not(None))).all()
    for vendor_id, iban in rows:  # the account each vendor had stays on file
        bind.execute(_vendors.update().where(_vendors.c.id == vendor_id).values(ibans=[iban]))


def downgrade() -> None:
    with op.batch_alter_table("vendors", schema=None) as batch_op:
        batch_op.drop_column("ibans")
