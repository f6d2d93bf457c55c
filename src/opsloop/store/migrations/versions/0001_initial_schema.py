"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-29 10:45:36.613748
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import opsloop.store.types

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", opsloop.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("subject", sqlmodel.sql.sqltypes.AutoString(length=256), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("hash"),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_events_subject"), ["subject"], unique=False)

    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("original_name", sqlmodel.sql.sqltypes.AutoString(length=512), nullable=False),
        sa.Column("source_path", sa.Text(), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("family", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("failure_reason", sa.Text(), nullable=True),
        sa.Column("stored_path", sa.Text(), nullable=True),
        sa.Column("parsed", sa.JSON(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", opsloop.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("state_changed_at", opsloop.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_documents_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_sha256"), ["sha256"], unique=True)
        batch_op.create_index(batch_op.f("ix_documents_state"), ["state"], unique=False)

    op.create_table(
        "items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("erp_id", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("sku", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=512), nullable=False),
        sa.Column("category", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
        sa.Column("unit", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("unit_cost", opsloop.store.types.Money(length=40), nullable=True),
        sa.Column("pack_size", opsloop.store.types.Money(length=40), nullable=True),
        sa.Column("min_order_qty", opsloop.store.types.Money(length=40), nullable=True),
        sa.Column("lead_time_days", sa.Float(), nullable=True),
        sa.Column("lead_time_std_days", sa.Float(), nullable=True),
        sa.Column("ordering_cost", opsloop.store.types.Money(length=40), nullable=True),
        sa.Column("holding_cost_rate", opsloop.store.types.Money(length=40), nullable=True),
        sa.Column("preferred_vendor_erp_id", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
        sa.Column("updated_at", opsloop.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_items_erp_id"), ["erp_id"], unique=True)
        batch_op.create_index(batch_op.f("ix_items_sku"), ["sku"], unique=True)

    op.create_table(
        "roster_shifts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("erp_id", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("agent", sqlmodel.sql.sqltypes.AutoString(length=256), nullable=False),
        sa.Column("queue", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("starts_at", opsloop.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", opsloop.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("roster_shifts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_roster_shifts_erp_id"), ["erp_id"], unique=True)
        batch_op.create_index(batch_op.f("ix_roster_shifts_starts_at"), ["starts_at"], unique=False)

    op.create_table(
        "vendors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("erp_id", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=512), nullable=False),
        sa.Column("vat_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("iban", sqlmodel.sql.sqltypes.AutoString(length=34), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("currency", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=True),
        sa.Column("payment_terms_days", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", opsloop.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("vendors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vendors_erp_id"), ["erp_id"], unique=True)
        batch_op.create_index(batch_op.f("ix_vendors_iban"), ["iban"], unique=False)
        batch_op.create_index(batch_op.f("ix_vendors_vat_id"), ["vat_id"], unique=False)

    op.create_table(
        "conversations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("external_id", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
        sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("queue", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("customer", sqlmodel.sql.sqltypes.AutoString(length=256), nullable=True),
        sa.Column("started_at", opsloop.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("ended_at", opsloop.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("sentiment_label", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("sentiment_score", sa.Float(), nullable=True),
        sa.Column("trajectory", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("urgency", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("intent", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("analysis_method", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("analysis", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("document_id"),
    )
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conversations_queue"), ["queue"], unique=False)
        batch_op.create_index(batch_op.f("ix_conversations_started_at"), ["started_at"], unique=False)

    op.create_table(
        "demand_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("quantity", opsloop.store.types.Money(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["items.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("item_id", "period_start"),
    )
    with op.batch_alter_table("demand_history", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_demand_history_item_id"), ["item_id"], unique=False)

    op.create_table(
        "document_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("from_state", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("to_state", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("stage", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("at", opsloop.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("document_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_events_document_id"), ["document_id"], unique=False)

    op.create_table(
        "invoices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("document_type", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("extraction_method", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("vendor_name", sqlmodel.sql.sqltypes.AutoString(length=512), nullable=True),
        sa.Column("vendor_vat_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("vendor_iban", sqlmodel.sql.sqltypes.AutoString(length=34), nullable=True),
        sa.Column("vendor_id", sa.Integer(), nullable=True),
        sa.Column("buyer_name", sqlmodel.sql.sqltypes.AutoString(length=512), nullable=True),
        sa.Column("invoice_number", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
        sa.Column("invoice_date", sa.Date(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("po_numbers", sa.JSON(), nullable=False),
        sa.Column("currency", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=True),
        sa.Column("subtotal", opsloop.store.types.Money(length=40), nullable=True),
        sa.Column("tax_total", opsloop.store.types.Money(length=40), nullable=True),
        sa.Column("total", opsloop.store.types.Money(length=40), nullable=True),
        sa.Column("amount_due", opsloop.store.types.Money(length=40), nullable=True),
        sa.Column("extraction", sa.JSON(), nullable=False),
        sa.Column("created_at", opsloop.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["vendors.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("document_id"),
    )
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invoices_invoice_number"), ["invoice_number"], unique=False)
        batch_op.create_index(batch_op.f("ix_invoices_vendor_iban"), ["vendor_iban"], unique=False)
        batch_op.create_index(batch_op.f("ix_invoices_vendor_id"), ["vendor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_invoices_vendor_vat_id"), ["vendor_vat_id"], unique=False)

    op.create_table(
        "llm_calls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", opsloop.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("purpose", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("model", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("prompt_name", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("prompt_version", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("prompt_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("input_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("tokens_in", sa.Integer(), nullable=False),
        sa.Column("tokens_out", sa.Integer(), nullable=False),
        sa.Column("latency_ms", sa.Integer(), nullable=False),
        sa.Column("cost", opsloop.store.types.Money(length=40), nullable=True),
        sa.Column("outcome", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("response", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("llm_calls", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_llm_calls_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_llm_calls_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_llm_calls_input_hash"), ["input_hash"], unique=False)

    op.create_table(
        "proposals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("subject_key", sqlmodel.sql.sqltypes.AutoString(length=256), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=512), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("working", sa.JSON(), nullable=False),
        sa.Column("amount", opsloop.store.types.Money(length=40), nullable=True),
        sa.Column("currency", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=True),
        sa.Column("priority", sa.Float(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("sla_due_at", opsloop.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("assignee", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", opsloop.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", opsloop.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_proposals_document_id"), ["document_id"], unique=False)
        batch_op.create_index("ix_proposals_state_kind", ["state", "kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_proposals_subject_key"), ["subject_key"], unique=False)

    op.create_table(
        "purchase_orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("erp_id", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("number", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("vendor_id", sa.Integer(), nullable=False),
        sa.Column("order_date", sa.Date(), nullable=True),
        sa.Column("currency", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("updated_at", opsloop.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["vendors.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("purchase_orders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_purchase_orders_erp_id"), ["erp_id"], unique=True)
        batch_op.create_index(batch_op.f("ix_purchase_orders_number"), ["number"], unique=True)
        batch_op.create_index(batch_op.f("ix_purchase_orders_vendor_id"), ["vendor_id"], unique=False)

    op.create_table(
        "stage_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("stage", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("input_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("outcome", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("started_at", opsloop.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", opsloop.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("stage_runs", schema=None) as batch_op:
        batch_op.create_index("ix_stage_runs_doc_stage", ["document_id", "stage"], unique=False)

    op.create_table(
        "stock_levels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("location", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("on_hand", opsloop.store.types.Money(length=40), nullable=False),
        sa.Column("reserved", opsloop.store.types.Money(length=40), nullable=False),
        sa.Column("as_of", opsloop.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["items.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("item_id", "location"),
    )
    with op.batch_alter_table("stock_levels", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stock_levels_item_id"), ["item_id"], unique=False)

    op.create_table(
        "goods_receipts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("erp_id", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("number", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("purchase_order_id", sa.Integer(), nullable=False),
        sa.Column("received_date", sa.Date(), nullable=False),
        sa.Column("updated_at", opsloop.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["purchase_order_id"],
            ["purchase_orders.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("goods_receipts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goods_receipts_erp_id"), ["erp_id"], unique=True)
        batch_op.create_index(batch_op.f("ix_goods_receipts_number"), ["number"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_goods_receipts_purchase_order_id"), ["purchase_order_id"], unique=False
        )

    op.create_table(
        "invoice_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("sku", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
        sa.Column("quantity", opsloop.store.types.Money(length=40), nullable=True),
        sa.Column("unit", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("unit_price", opsloop.store.types.Money(length=40), nullable=True),
        sa.Column("amount", opsloop.store.types.Money(length=40), nullable=True),
        sa.Column("tax_rate", opsloop.store.types.Money(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["invoices.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("invoice_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invoice_lines_invoice_id"), ["invoice_id"], unique=False)

    op.create_table(
        "messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("external_id", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("author", sqlmodel.sql.sqltypes.AutoString(length=256), nullable=True),
        sa.Column("sent_at", opsloop.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sentiment_score", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_messages_conversation_id"), ["conversation_id"], unique=False)

    op.create_table(
        "purchase_order_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("purchase_order_id", sa.Integer(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("sku", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("quantity", opsloop.store.types.Money(length=40), nullable=False),
        sa.Column("unit", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("unit_price", opsloop.store.types.Money(length=40), nullable=False),
        sa.Column("tax_rate", opsloop.store.types.Money(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["items.id"],
        ),
        sa.ForeignKeyConstraint(
            ["purchase_order_id"],
            ["purchase_orders.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("purchase_order_id", "line_no"),
    )
    with op.batch_alter_table("purchase_order_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_purchase_order_lines_item_id"), ["item_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_purchase_order_lines_purchase_order_id"), ["purchase_order_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_purchase_order_lines_sku"), ["sku"], unique=False)

    op.create_table(
        "review_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("autonomy_rule", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
        sa.Column("at", opsloop.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["proposals.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("review_decisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_decisions_proposal_id"), ["proposal_id"], unique=False)

    op.create_table(
        "goods_receipt_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("goods_receipt_id", sa.Integer(), nullable=False),
        sa.Column("purchase_order_line_id", sa.Integer(), nullable=False),
        sa.Column("quantity", opsloop.store.types.Money(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["goods_receipt_id"],
            ["goods_receipts.id"],
        ),
        sa.ForeignKeyConstraint(
            ["purchase_order_line_id"],
            ["purchase_order_lines.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("goods_receipt_lines", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_goods_receipt_lines_goods_receipt_id"), ["goods_receipt_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_goods_receipt_lines_purchase_order_line_id"),
            ["purchase_order_line_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("goods_receipt_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goods_receipt_lines_purchase_order_line_id"))
        batch_op.drop_index(batch_op.f("ix_goods_receipt_lines_goods_receipt_id"))

    op.drop_table("goods_receipt_lines")
    with op.batch_alter_table("review_decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_decisions_proposal_id"))

    op.drop_table("review_decisions")
    with op.batch_alter_table("purchase_order_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_purchase_order_lines_sku"))
        batch_op.drop_index(batch_op.f("ix_purchase_order_lines_purchase_order_id"))
        batch_op.drop_index(batch_op.f("ix_purchase_order_lines_item_id"))

    op.drop_table("purchase_order_lines")
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_messages_conversation_id"))

    op.drop_table("messages")
    with op.batch_alter_table("invoice_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoice_lines_invoice_id"))

    op.drop_table("invoice_lines")
    with op.batch_alter_table("goods_receipts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goods_receipts_purchase_order_id"))
        batch_op.drop_index(batch_op.f("ix_goods_receipts_number"))
        batch_op.drop_index(batch_op.f("ix_goods_receipts_erp_id"))

    op.drop_table("goods_receipts")
    with op.batch_alter_table("stock_levels", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stock_levels_item_id"))

    op.drop_table("stock_levels")
    with op.batch_alter_table("stage_runs", schema=None) as batch_op:
        batch_op.drop_index("ix_stage_runs_doc_stage")

    op.drop_table("stage_runs")
    with op.batch_alter_table("purchase_orders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_purchase_orders_vendor_id"))
        batch_op.drop_index(batch_op.f("ix_purchase_orders_number"))
        batch_op.drop_index(batch_op.f("ix_purchase_orders_erp_id"))

    op.drop_table("purchase_orders")
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_proposals_subject_key"))
        batch_op.drop_index("ix_proposals_state_kind")
        batch_op.drop_index(batch_op.f("ix_proposals_document_id"))

    op.drop_table("proposals")
    with op.batch_alter_table("llm_calls", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_llm_calls_input_hash"))
        batch_op.drop_index(batch_op.f("ix_llm_calls_document_id"))
        batch_op.drop_index(batch_op.f("ix_llm_calls_at"))

    op.drop_table("llm_calls")
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoices_vendor_vat_id"))
        batch_op.drop_index(batch_op.f("ix_invoices_vendor_id"))
        batch_op.drop_index(batch_op.f("ix_invoices_vendor_iban"))
        batch_op.drop_index(batch_op.f("ix_invoices_invoice_number"))

    op.drop_table("invoices")
    with op.batch_alter_table("document_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_events_document_id"))

    op.drop_table("document_events")
    with op.batch_alter_table("demand_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_demand_history_item_id"))

    op.drop_table("demand_history")
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conversations_started_at"))
        batch_op.drop_index(batch_op.f("ix_conversations_queue"))

    op.drop_table("conversations")
    with op.batch_alter_table("vendors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vendors_vat_id"))
        batch_op.drop_index(batch_op.f("ix_vendors_iban"))
        batch_op.drop_index(batch_op.f("ix_vendors_erp_id"))

    op.drop_table("vendors")
    with op.batch_alter_table("roster_shifts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_roster_shifts_starts_at"))
        batch_op.drop_index(batch_op.f("ix_roster_shifts_erp_id"))

    op.drop_table("roster_shifts")
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_items_sku"))
        batch_op.drop_index(batch_op.f("ix_items_erp_id"))

    op.drop_table("items")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documents_state"))
        batch_op.drop_index(batch_op.f("ix_documents_sha256"))
        batch_op.drop_index(batch_op.f("ix_documents_kind"))

    op.drop_table("documents")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_events_subject"))

    op.drop_table("audit_events")
