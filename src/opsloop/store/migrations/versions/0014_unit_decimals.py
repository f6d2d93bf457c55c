"""quantities and unit prices keep twelve decimals on PostgreSQL: `invoice_lines`, `purchase_order_lines`
(quantity, unit_price) and `goods_receipt_lines` (quantity) become NUMERIC(26, 12) instead of Money's
NUMERIC(20, 6), which rounded an energy tariff's 0.061232374 EUR per kWh to 0.061232 (SQLite keeps
canonical text: nothing to change there)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    ("invoice_lines", "quantity", True),
    ("invoice_lines", "unit_price", True),
    ("purchase_order_lines", "quantity", False),
    ("purchase_order_lines", "unit_price", False),
    ("goods_receipt_lines", "quantity", False),
)


def _retype(old: sa.Numeric, new: sa.Numeric) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column, nullable in COLUMNS:
        op.alter_column(table, column, type_=new, existing_type=old, existing_nullable=nullable)


def upgrade() -> None:
    _retype(sa.Numeric(20, 6), sa.Numeric(26, 12))


def downgrade() -> None:
    # Back to six decimals: PostgreSQL rounds what had more (the older schema cannot hold them).
    _retype(sa.Numeric(26, 12), sa.Numeric(20, 6))
