"""Database rows. Plain nouns; the schema itself is owned by the Alembic migrations beside this file.

Natural keys from the ERP (`erp_id`, numbers, SKUs) are unique and indexed, so sync can upsert and
the reconciler can look up without scans.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Index, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from opsloop.store.types import Money, UnitDecimal, UTCDateTime, utcnow

# --------------------------------------------------------------------------- documents


class Document(SQLModel, table=True):
    __tablename__ = "documents"

    id: int | None = Field(default=None, primary_key=True)
    sha256: str = Field(max_length=64, unique=True, index=True)
    original_name: str = Field(max_length=512)
    source_path: str = Field(sa_type=Text)
    size_bytes: int
    kind: str | None = Field(default=None, max_length=32, index=True)
    family: str | None = Field(default=None, max_length=32)
    state: str = Field(max_length=32, index=True)
    failure_reason: str | None = Field(default=None, sa_type=Text)
    stored_path: str | None = Field(default=None, sa_type=Text)
    """Where the bytes are kept now: archive/<sha[:2]>/<sha>.<ext>, or the quarantine file."""
    parsed: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    """The parse stage's output (ParsedDocument as JSON)."""
    version: int = 0
    """Optimistic lock: every state change increments it."""
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    state_changed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class DocumentEvent(SQLModel, table=True):
    """The state history of a document: one row per transition, never updated."""

    __tablename__ = "document_events"

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="documents.id", index=True)
    from_state: str | None = Field(default=None, max_length=32)
    to_state: str = Field(max_length=32)
    stage: str | None = Field(default=None, max_length=64)
    reason: str | None = Field(default=None, sa_type=Text)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class StageRun(SQLModel, table=True):
    """One execution of a pipeline stage on a document, keyed by the stage's input hash."""

    __tablename__ = "stage_runs"
    __table_args__ = (Index("ix_stage_runs_doc_stage", "document_id", "stage"),)

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="documents.id")
    stage: str = Field(max_length=64)
    input_hash: str = Field(max_length=64)
    outcome: str = Field(max_length=16)
    """ok | failed | quarantined | parked"""
    error: str | None = Field(default=None, sa_type=Text)
    started_at: datetime = Field(sa_type=UTCDateTime)
    finished_at: datetime = Field(sa_type=UTCDateTime)


# --------------------------------------------------------------------------- invoices


class Invoice(SQLModel, table=True):
    __tablename__ = "invoices"

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="documents.id", unique=True)
    document_type: str = Field(max_length=16)
    extraction_method: str = Field(max_length=64)
    vendor_name: str | None = Field(default=None, max_length=512)
    vendor_vat_id: str | None = Field(default=None, max_length=32, index=True)
    vendor_iban: str | None = Field(default=None, max_length=34, index=True)
    vendor_id: int | None = Field(default=None, foreign_key="vendors.id", index=True)
    """The ERP vendor this invoice was resolved to (set by reconciliation)."""
    buyer_name: str | None = Field(default=None, max_length=512)
    buyer_vat_id: str | None = Field(default=None, max_length=32)
    """The buyer's VAT id where the document places it as the buyer's (else None)."""
    invoice_number: str | None = Field(default=None, max_length=128, index=True)
    invoice_date: date | None = None
    due_date: date | None = None
    po_numbers: list[str] = Field(default_factory=list, sa_type=JSON)
    currency: str | None = Field(default=None, max_length=3)
    subtotal: Decimal | None = Field(default=None, sa_type=Money)
    tax_total: Decimal | None = Field(default=None, sa_type=Money)
    total: Decimal | None = Field(default=None, sa_type=Money)
    amount_due: Decimal | None = Field(default=None, sa_type=Money)
    extraction: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    """The whole InvoiceExtraction (fields evidence and checks included)."""
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class InvoiceLine(SQLModel, table=True):
    __tablename__ = "invoice_lines"

    id: int | None = Field(default=None, primary_key=True)
    invoice_id: int = Field(foreign_key="invoices.id", index=True)
    position: int
    description: str | None = Field(default=None, sa_type=Text)
    sku: str | None = Field(default=None, max_length=128)
    quantity: Decimal | None = Field(default=None, sa_type=UnitDecimal)
    unit: str | None = Field(default=None, max_length=32)
    unit_price: Decimal | None = Field(default=None, sa_type=UnitDecimal)
    amount: Decimal | None = Field(default=None, sa_type=Money)
    tax_rate: Decimal | None = Field(default=None, sa_type=Money)


# --------------------------------------------------------------------------- conversations


class Conversation(SQLModel, table=True):
    __tablename__ = "conversations"

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="documents.id", unique=True)
    external_id: str | None = Field(default=None, max_length=128)
    channel: str | None = Field(default=None, max_length=32)
    queue: str | None = Field(default=None, max_length=64, index=True)
    subject: str | None = Field(default=None, sa_type=Text)
    customer: str | None = Field(default=None, max_length=256)
    started_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    sentiment_label: str | None = Field(default=None, max_length=16)
    sentiment_score: float | None = None
    trajectory: str | None = Field(default=None, max_length=16)
    urgency: str | None = Field(default=None, max_length=16)
    intent: str | None = Field(default=None, max_length=64)
    analysis_method: str | None = Field(default=None, max_length=64)
    analysis: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)


class Message(SQLModel, table=True):
    __tablename__ = "messages"

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(foreign_key="conversations.id", index=True)
    position: int
    external_id: str | None = Field(default=None, max_length=128)
    role: str = Field(max_length=16)
    author: str | None = Field(default=None, max_length=256)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    text: str = Field(sa_type=Text)
    sentiment_score: float | None = None


# --------------------------------------------------------------------------- ERP mirror


class Vendor(SQLModel, table=True):
    __tablename__ = "vendors"

    id: int | None = Field(default=None, primary_key=True)
    erp_id: str = Field(max_length=128, unique=True, index=True)
    name: str = Field(max_length=512)
    vat_id: str | None = Field(default=None, max_length=32, index=True)
    iban: str | None = Field(default=None, max_length=34, index=True)
    """The account the ERP pays the vendor on: the first of `ibans`."""
    ibans: list[str] = Field(default_factory=list, sa_type=JSON)
    """Every bank account the ERP keeps for the vendor (a new one, a factoring account, one per
    currency), normalised, the one it pays on first. An invoice's IBAN on none of them is held."""
    address: str | None = Field(default=None, sa_type=Text)
    currency: str | None = Field(default=None, max_length=3)
    payment_terms_days: int | None = None
    active: bool = True
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Company(SQLModel, table=True):
    """A legal entity opsloop books for ("we"): from the ERP's company records (`companies` export,
    Tryton's company.company, Odoo's res.company, ERPNext's Company) or from the configured identity
    (`erp_id` "config:<n>"). Invoices addressed to none of them are held (`buyer_not_ours`)."""

    __tablename__ = "companies"

    id: int | None = Field(default=None, primary_key=True)
    erp_id: str = Field(max_length=128, unique=True, index=True)
    name: str = Field(max_length=512)
    aliases: list[str] = Field(default_factory=list, sa_type=JSON)
    """Other names the entity is invoiced under: trading names, former names."""
    vat_ids: list[str] = Field(default_factory=list, sa_type=JSON)
    """Its VAT ids (one per country it is registered in), normalised."""
    address: str | None = Field(default=None, sa_type=Text)
    active: bool = True
    """False once the ERP's export no longer lists it (or the configured identity dropped it)."""
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Item(SQLModel, table=True):
    __tablename__ = "items"

    id: int | None = Field(default=None, primary_key=True)
    erp_id: str = Field(max_length=128, unique=True, index=True)
    sku: str = Field(max_length=128, unique=True, index=True)
    name: str = Field(max_length=512)
    category: str | None = Field(default=None, max_length=128)
    unit: str | None = Field(default=None, max_length=32)
    unit_cost: Decimal | None = Field(default=None, sa_type=Money)
    pack_size: Decimal | None = Field(default=None, sa_type=Money)
    min_order_qty: Decimal | None = Field(default=None, sa_type=Money)
    lead_time_days: float | None = None
    lead_time_std_days: float | None = None
    ordering_cost: Decimal | None = Field(default=None, sa_type=Money)
    """Fixed cost of placing one order (for EOQ)."""
    holding_cost_rate: Decimal | None = Field(default=None, sa_type=Money)
    """Yearly holding cost as a fraction of unit cost (for EOQ)."""
    preferred_vendor_erp_id: str | None = Field(default=None, max_length=128)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class PurchaseOrder(SQLModel, table=True):
    __tablename__ = "purchase_orders"

    id: int | None = Field(default=None, primary_key=True)
    erp_id: str = Field(max_length=128, unique=True, index=True)
    number: str = Field(max_length=128, unique=True, index=True)
    vendor_id: int = Field(foreign_key="vendors.id", index=True)
    order_date: date | None = None
    currency: str | None = Field(default=None, max_length=3)
    status: str = Field(default="open", max_length=32)
    """open | partially_received | received | billed | closed | cancelled"""
    payment_terms_days: int | None = None
    """The payment term agreed on the PO (days after the invoice date); None: the vendor's default applies."""
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class PurchaseOrderLine(SQLModel, table=True):
    __tablename__ = "purchase_order_lines"
    __table_args__ = (UniqueConstraint("purchase_order_id", "line_no"),)

    id: int | None = Field(default=None, primary_key=True)
    purchase_order_id: int = Field(foreign_key="purchase_orders.id", index=True)
    line_no: int
    item_id: int | None = Field(default=None, foreign_key="items.id", index=True)
    sku: str | None = Field(default=None, max_length=128, index=True)
    description: str | None = Field(default=None, sa_type=Text)
    quantity: Decimal = Field(sa_type=UnitDecimal)
    unit: str | None = Field(default=None, max_length=32)
    unit_price: Decimal = Field(sa_type=UnitDecimal)
    tax_rate: Decimal | None = Field(default=None, sa_type=Money)
    tax_code: str | None = Field(default=None, max_length=8)
    """VAT category (UNCL 5305): S, Z, E, AE (reverse charge), K, G, O."""
    stock_unit: str | None = Field(default=None, max_length=32)
    """The item's stock unit the ERP converts the PO unit into."""
    conversion_factor: Decimal | None = Field(default=None, sa_type=Money)
    """Stock units in one PO unit (12 for a box of 12)."""


class GoodsReceipt(SQLModel, table=True):
    __tablename__ = "goods_receipts"

    id: int | None = Field(default=None, primary_key=True)
    erp_id: str = Field(max_length=128, unique=True, index=True)
    number: str = Field(max_length=128, index=True)
    purchase_order_id: int = Field(foreign_key="purchase_orders.id", index=True)
    received_date: date
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class GoodsReceiptLine(SQLModel, table=True):
    __tablename__ = "goods_receipt_lines"

    id: int | None = Field(default=None, primary_key=True)
    goods_receipt_id: int = Field(foreign_key="goods_receipts.id", index=True)
    purchase_order_line_id: int = Field(foreign_key="purchase_order_lines.id", index=True)
    quantity: Decimal = Field(sa_type=UnitDecimal)


class StockLevel(SQLModel, table=True):
    __tablename__ = "stock_levels"
    __table_args__ = (UniqueConstraint("item_id", "location"),)

    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="items.id", index=True)
    location: str = Field(default="main", max_length=64)
    on_hand: Decimal = Field(sa_type=Money)
    reserved: Decimal = Field(default=Decimal(0), sa_type=Money)
    as_of: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class DemandHistory(SQLModel, table=True):
    __tablename__ = "demand_history"
    __table_args__ = (UniqueConstraint("item_id", "period_start"),)

    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="items.id", index=True)
    period_start: date
    """Start of the period (a day, or the first day of a week, as the ERP exports it)."""
    quantity: Decimal = Field(sa_type=Money)


class RosterShift(SQLModel, table=True):
    __tablename__ = "roster_shifts"

    id: int | None = Field(default=None, primary_key=True)
    erp_id: str = Field(max_length=128, unique=True, index=True)
    agent: str = Field(max_length=256)
    queue: str | None = Field(default=None, max_length=64)
    starts_at: datetime = Field(sa_type=UTCDateTime, index=True)
    ends_at: datetime = Field(sa_type=UTCDateTime)


# --------------------------------------------------------------------------- review


class Proposal(SQLModel, table=True):
    __tablename__ = "proposals"
    __table_args__ = (
        Index("ix_proposals_state_kind", "state", "kind"),
        Index("ix_proposals_queue", text("priority DESC"), "sla_due_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=64)
    state: str = Field(default="pending", max_length=32)
    subject_key: str = Field(max_length=256, index=True)
    """What the proposal is about, e.g. `invoice:42`, `item:SKU-1:reorder`; at most one pending per key."""
    document_id: int | None = Field(default=None, foreign_key="documents.id", index=True)
    title: str = Field(max_length=512)
    summary: str = Field(sa_type=Text)
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    """The action to take if approved (what goes to the ERP)."""
    working: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    """Inputs, formula, numbers, checks, evidence: what the reviewer sees."""
    amount: Decimal | None = Field(default=None, sa_type=Money)
    currency: str | None = Field(default=None, max_length=3)
    priority: float = 0.0
    confidence: float | None = None
    sla_due_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    assignee: str | None = Field(default=None, max_length=128)
    version: int = 0
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # what the queue shows, sorts, filters and searches by (`review.facets`: kept with every upsert)
    vendor: str | None = Field(default=None, max_length=512, index=True)
    """The vendor as the ERP names it (or as printed when unresolved); a planner proposal's vendor."""
    reference: str | None = Field(default=None, max_length=128)
    """The document number (an invoice's number), a planner proposal's SKU or queue."""
    due_date: date | None = Field(default=None, index=True)
    """The invoice's due date."""
    exception_types: list[str] = Field(default_factory=list, sa_type=JSON)
    """The reconciliation's exception types (as the reconciler names them)."""
    search_text: str | None = Field(default=None, sa_type=Text)
    """Vendor, document number, PO numbers, SKUs and title, folded (lower case, no accents)."""
    duplicate_of: int | None = Field(default=None, index=True)
    """For a duplicate invoice: the document id of the original it repeats (the queue groups them)."""


class ReviewDecision(SQLModel, table=True):
    __tablename__ = "review_decisions"

    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="proposals.id", index=True)
    actor: str = Field(max_length=128)
    """A user name, or `autonomy:<rule id>` for an automatic decision."""
    action: str = Field(max_length=32)
    reason: str | None = Field(default=None, sa_type=Text)
    changes: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    autonomy_rule: str | None = Field(default=None, max_length=128)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class AuditEvent(SQLModel, table=True):
    """Append-only; each event's hash covers the previous event's hash."""

    __tablename__ = "audit_events"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    actor: str = Field(max_length=128)
    action: str = Field(max_length=64)
    subject: str = Field(max_length=256, index=True)
    data: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    prev_hash: str = Field(max_length=64, unique=True)
    """Unique: two events can never follow the same one (a forked chain fails to insert)."""
    hash: str = Field(max_length=64, unique=True)


class LLMCall(SQLModel, table=True):
    __tablename__ = "llm_calls"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    document_id: int | None = Field(default=None, foreign_key="documents.id", index=True)
    purpose: str = Field(max_length=64)
    model: str = Field(max_length=128)
    prompt_name: str = Field(max_length=128)
    prompt_version: str = Field(max_length=32)
    prompt_hash: str = Field(max_length=64)
    input_hash: str = Field(max_length=64, index=True)
    tokens_in: int = 0
    tokens_out: int = 0
    latency_ms: int = 0
    cost: Decimal | None = Field(default=None, sa_type=Money)
    outcome: str = Field(max_length=32)
    """ok | invalid | reasked | error | cache_hit | fallback"""
    error: str | None = Field(default=None, sa_type=Text)
    response: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    """The validated output, kept as the cache entry."""


# --------------------------------------------------------------------------- reconciliation


class TolerancePolicyVersion(SQLModel, table=True):
    """A version of the reconciler's tolerance policy; the newest active one is used."""

    __tablename__ = "tolerance_policies"

    id: int | None = Field(default=None, primary_key=True)
    version: str = Field(max_length=64, unique=True, index=True)
    body: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    """The TolerancePolicy as JSON."""
    digest: str = Field(max_length=64)
    """sha256 of the canonical JSON body."""
    active: bool = True
    created_by: str | None = Field(default=None, max_length=128)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class InvoiceReconciliation(SQLModel, table=True):
    """One reconciliation of an invoice; the latest per invoice has `current` set."""

    __tablename__ = "invoice_reconciliations"
    __table_args__ = (Index("ix_invoice_reconciliations_current_status", "current", "status"),)

    id: int | None = Field(default=None, primary_key=True)
    invoice_id: int = Field(foreign_key="invoices.id", index=True)
    document_id: int | None = Field(default=None, foreign_key="documents.id", index=True)
    status: str = Field(max_length=32)
    """matched | matched_within_tolerance | exception"""
    policy_version: str = Field(max_length=64)
    vendor_id: int | None = Field(default=None, foreign_key="vendors.id", index=True)
    exception_types: list[str] = Field(default_factory=list, sa_type=JSON)
    po_numbers: list[str] = Field(default_factory=list, sa_type=JSON)
    """The POs the invoice was matched to (referenced or inferred)."""
    text_hash: str | None = Field(default=None, max_length=64, index=True)
    billed_lines: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    """[{po_line_id, quantity}] the invoice bills (empty for duplicates and credit notes)."""
    result: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    """The whole Reconciliation (checks, line matches, exceptions)."""
    current: bool = True
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


# --------------------------------------------------------------------------- review


class User(SQLModel, table=True):
    """A person who reviews; `role` is viewer | reviewer | approver | admin."""

    __tablename__ = "users"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=128, unique=True, index=True)
    display_name: str | None = Field(default=None, max_length=256)
    password_hash: str = Field(max_length=256)
    """argon2id hash (never the password)."""
    role: str = Field(max_length=16)
    approval_limit: Decimal | None = Field(default=None, sa_type=Money)
    """The largest amount this user may approve (None: no limit for admins, nothing for others)."""
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ApiToken(SQLModel, table=True):
    """A bearer token for `/api`; only its sha256 is stored."""

    __tablename__ = "api_tokens"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    name: str = Field(max_length=128)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked: bool = False
    role: str | None = Field(default=None, max_length=16)
    """The most this token may do (viewer | reviewer | approver | admin), never more than its user's
    role; None: the user's role."""


class WebSession(SQLModel, table=True):
    """A signed-in browser: the cookie carries a random token, only its sha256 is stored. Logging out
    (or an admin deactivating the user) ends it here, so a copied cookie stops working at once."""

    __tablename__ = "web_sessions"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    csrf: str = Field(max_length=64)
    """The token every form of this session posts back."""
    address: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class LoginThrottle(SQLModel, table=True):
    """Failed logins per account (`user:NAME`) or per address (`addr:IP`) in the current window, and
    until when logins for it are refused."""

    __tablename__ = "login_throttles"

    id: int | None = Field(default=None, primary_key=True)
    scope: str = Field(max_length=200, unique=True, index=True)
    failures: int = 0
    window_started_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    locked_until: datetime | None = Field(default=None, sa_type=UTCDateTime)


class OutboxItem(SQLModel, table=True):
    """An approved action on its way to the ERP; `idempotency_key` makes it happen exactly once."""

    __tablename__ = "outbox_items"
    __table_args__ = (Index("ix_outbox_items_state_next", "state", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="proposals.id", index=True)
    idempotency_key: str = Field(max_length=128, unique=True)
    action_kind: str = Field(max_length=64)
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    state: str = Field(default="pending", max_length=16)
    """pending | pushing | executed | failed"""
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    claimed_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    """A worker holds the row until then; past it, another worker may take it over (restarts)."""
    connector: str | None = Field(default=None, max_length=64)
    external_id: str | None = Field(default=None, max_length=256)
    last_error: str | None = Field(default=None, sa_type=Text)
    version: int = 0
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class AutonomyPolicyVersion(SQLModel, table=True):
    """A version of the autonomy policy (rules as data); the newest active one is used."""

    __tablename__ = "autonomy_policies"

    id: int | None = Field(default=None, primary_key=True)
    version: str = Field(max_length=64, unique=True, index=True)
    body: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    digest: str = Field(max_length=64)
    active: bool = True
    created_by: str | None = Field(default=None, max_length=128)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class AutonomyRuleSuspension(SQLModel, table=True):
    """A rule the drift guard (or an admin) switched off; lifted when `lifted_at` is set."""

    __tablename__ = "autonomy_rule_suspensions"

    id: int | None = Field(default=None, primary_key=True)
    rule_id: str = Field(max_length=128, index=True)
    reason: str = Field(sa_type=Text)
    numbers: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    suspended_by: str = Field(max_length=128)
    suspended_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    lifted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    lifted_by: str | None = Field(default=None, max_length=128)


# ---- sync


class SyncRun(SQLModel, table=True):
    """One sync of one connector: what it changed, how long it took, what went wrong."""

    __tablename__ = "sync_runs"

    id: int | None = Field(default=None, primary_key=True)
    connector: str = Field(max_length=64, index=True)
    full: bool = False
    status: str = Field(default="running", max_length=16)
    """running | ok | partial (some rows or record types failed) | failed"""
    started_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    duration_ms: int | None = None
    counts: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    """{"created": {table: n}, "updated": {...}, "deleted": {...}, "rechecked": n, "released": n}"""
    errors: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    """[{record_type, file, line, message}] rows that were not applied, or a record type that failed."""


class SyncCursor(SQLModel, table=True):
    """Where the next incremental sync of one connector and record type resumes."""

    __tablename__ = "sync_cursors"
    __table_args__ = (UniqueConstraint("connector", "record_type"),)

    id: int | None = Field(default=None, primary_key=True)
    connector: str = Field(max_length=64)
    record_type: str = Field(max_length=64)
    cursor: str | None = Field(default=None, sa_type=Text)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


# ---- corrections


class Correction(SQLModel, table=True):
    """One value a person changed in review: what it was, what it became, who, when, on which document,
    with the context a later learner needs (how the value had been read, where on the page, the
    vendor). Never updated except to mark it reverted when its edit was undone."""

    __tablename__ = "corrections"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    actor: str = Field(max_length=128)
    proposal_id: int = Field(foreign_key="proposals.id", index=True)
    document_id: int | None = Field(default=None, foreign_key="documents.id", index=True)
    decision_id: int | None = Field(default=None, foreign_key="review_decisions.id", index=True)
    """The edit decision that made it (undoing that edit reverts it)."""
    field: str = Field(max_length=128)
    """The corrected field: `total`, `vendor`, `po_numbers`, `lines.2.quantity`, `lines.2.po_line`,
    `lines.3` (a line removed or added), `quantity` (a planner proposal's payload)."""
    before: Any = Field(default=None, sa_type=JSON, nullable=True)
    after: Any = Field(default=None, sa_type=JSON, nullable=True)
    context: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    """How it had been read: extraction method, the field's evidence (page, source text, box,
    confidence), the vendor (ERP id and name as printed), the line as it was, the document's sha256."""
    reverted: bool = False
    layout: str | None = Field(default=None, max_length=64, index=True)
    """The layout fingerprint of the document it was made on (opsloop.memory.layout), None for a
    document without word boxes (an e-invoice, a proposal without a document)."""
    vendor_key: str | None = Field(default=None, max_length=128, index=True)
    """Whose memory it taught: the vendor's ERP id, or `name:<normalised name>` for a vendor the ERP
    does not know; None when it taught nothing."""


# --------------------------------------------------------------------------- vendor memory


class MemoryEntry(SQLModel, table=True):
    """One thing learned about a vendor from one correction: an alias or identifier, where a field
    sits in its layout (relative to a label), an item code, a unit, a constant, or the corrected
    document as an example. Never deleted: forgetting retires it (the history stays readable)."""

    __tablename__ = "memory_entries"

    id: int | None = Field(default=None, primary_key=True)
    vendor_key: str = Field(max_length=128, index=True)
    vendor_name: str | None = Field(default=None, max_length=512)
    layout: str | None = Field(default=None, max_length=64)
    kind: str = Field(max_length=32)
    """alias | identifier | position | item | unit | constant | example"""
    field: str = Field(max_length=128)
    key: str = Field(default="", max_length=512)
    """What it is looked up by: the anchor label, the vendor's item code or unit, the misreading."""
    value: Any = Field(default=None, sa_type=JSON, nullable=True)
    correction_id: int | None = Field(default=None, foreign_key="corrections.id", index=True)
    document_id: int | None = Field(default=None, foreign_key="documents.id", index=True)
    proposal_id: int | None = None
    actor: str = Field(max_length=128)
    version: int
    """The vendor memory's version that added it."""
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    retired_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    retired_by: str | None = Field(default=None, max_length=128)
    retired_version: int | None = None
    """The version that retired it (forgotten, undone, or superseded by a newer correction)."""


class MemoryEvent(SQLModel, table=True):
    """Each change of a vendor's memory, numbered: version n is the memory after event n."""

    __tablename__ = "memory_events"
    __table_args__ = (UniqueConstraint("vendor_key", "version", name="uq_memory_events_vendor_version"),)

    id: int | None = Field(default=None, primary_key=True)
    vendor_key: str = Field(max_length=128, index=True)
    version: int
    action: str = Field(max_length=32)
    """learned | forgot | undone"""
    actor: str = Field(max_length=128)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    detail: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)


# ---- webhooks


class WebhookDelivery(SQLModel, table=True):
    """One event (a decision, a proposal or document state change) on its way to one webhook endpoint:
    signed when sent, retried with backoff until the endpoint answers 2xx or the attempts run out."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        UniqueConstraint("endpoint", "event_id"),
        Index("ix_webhook_deliveries_state_next", "state", "next_attempt_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    endpoint: str = Field(max_length=512)
    event_id: str = Field(max_length=64)
    """`audit-<id>` or `document-<id>`: the event's source row (receivers deduplicate on it)."""
    event_type: str = Field(max_length=64)
    body: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    state: str = Field(default="pending", max_length=16)
    """pending | delivered | failed (attempts exhausted)"""
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_status: int | None = None
    last_error: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    delivered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


# --------------------------------------------------------------------------- recurring charges


class RecurringAgreement(SQLModel, table=True):
    """A charge a person approved without an order and asked opsloop to remember as recurring (a
    subscription, a rent): the vendor's invoice for the next period, to the same account, in the same
    currency, at the same amount (within the tolerance policy's `recurring_amount_pct`) is billed under it
    instead of being held for want of a PO. Made only by a person's review action (never by a model or a
    document); never deleted: revoking keeps it, with who revoked it and why."""

    __tablename__ = "recurring_agreements"

    id: int | None = Field(default=None, primary_key=True)
    vendor_id: int = Field(foreign_key="vendors.id", index=True)
    vendor_erp_id: str = Field(max_length=128)
    vendor_name: str = Field(max_length=512)
    vendor_vat_id: str | None = Field(default=None, max_length=32)
    iban: str | None = Field(default=None, max_length=34)
    currency: str = Field(max_length=3)
    net: Decimal = Field(sa_type=Money)
    tax: Decimal = Field(sa_type=Money)
    total: Decimal = Field(sa_type=Money)
    cadence_months: int = 1
    period: str = Field(max_length=7)
    """The billing period ("2026-10") of the invoice the person approved."""
    document_id: int | None = Field(default=None, foreign_key="documents.id")
    invoice_number: str | None = Field(default=None, max_length=128)
    proposal_id: int | None = Field(default=None, foreign_key="proposals.id")
    decision_id: int | None = Field(default=None, foreign_key="review_decisions.id")
    approved_by: str = Field(max_length=128)
    note: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_by: str | None = Field(default=None, max_length=128)
    revoked_reason: str | None = Field(default=None, sa_type=Text)
