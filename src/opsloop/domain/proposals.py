"""Proposals: what opsloop suggests doing, waiting for a person or the autonomy policy."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field


class ProposalKind(StrEnum):
    INVOICE_APPROVE = "invoice_approve"
    INVOICE_HOLD = "invoice_hold"
    INVOICE_REQUEST_CREDIT_NOTE = "invoice_request_credit_note"
    REORDER = "reorder"
    SAFETY_STOCK = "safety_stock"
    STOCK_ADJUSTMENT = "stock_adjustment"
    STAFFING = "staffing"
    ESCALATION = "escalation"
    POLICY = "policy"


class ProposalState(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    EDITED = "edited"
    EXECUTED = "executed"
    FAILED = "failed"
    SUPERSEDED = "superseded"


class ProposalDraft(BaseModel):
    """A proposal as a planner or the reconciler computes it, before it is queued.

    `working` is what the reviewer sees, with this shape (keys optional where they don't apply):
    ``inputs`` (name -> value), ``formula`` (text), ``numbers`` (name -> value), ``checks``
    (list of {name, passed, detail}), ``expected_effect`` (text), ``sensitivity`` (text: what changes
    if demand or arrival rate is 20% higher), ``evidence`` (list of {label, text, page/ids}).
    """

    kind: ProposalKind
    subject_key: str
    """What it is about; at most one pending proposal per key (e.g. `invoice:42`, `item:SKU-1:reorder`)."""
    title: str
    summary: str
    """One or two sentences a clerk understands."""
    payload: dict[str, Any] = Field(default_factory=dict)
    """The action to take if approved (what goes to the ERP)."""
    working: dict[str, Any] = Field(default_factory=dict)
    amount: Decimal | None = None
    currency: str | None = None
    confidence: float | None = Field(default=None, ge=0.0, le=1.0)
    urgency: float = Field(default=0.5, ge=0.0, le=1.0)
    """0..1; priority is money at stake x urgency."""
    document_id: int | None = None
