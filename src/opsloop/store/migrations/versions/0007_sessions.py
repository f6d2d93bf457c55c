"""web sessions kept on the server (logout ends them) and login throttling per account and address

The audit chain's keying needs no schema change: a chain written before it is re-keyed when a keyed
opsloop first opens the database (opsloop/store/chain.py), with the key outside the database.

Revision ID: 0007
Revises: 0006 (re-chained after main's 0008 and 0010 at the merges; reserved as 0007 on 0005)
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from opsloop.store.types import UTCDateTime

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=True),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("ended_at", UTCDateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_web_sessions_token_hash", "web_sessions", ["token_hash"], unique=True)
    op.create_index("ix_web_sessions_user_id", "web_sessions", ["user_id"])
    op.create_table(
        "login_throttles",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("scope", sa.String(length=200), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("window_started_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("locked_until", UTCDateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_login_throttles_scope", "login_throttles", ["scope"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_login_throttles_scope", table_name="login_throttles")
    op.drop_table("login_throttles")
    op.drop_index("ix_web_sessions_user_id", table_name="web_sessions")
    op.drop_index("ix_web_sessions_token_hash", table_name="web_sessions")
    op.drop_table("web_sessions")
