"""Queueing proposals: one pending proposal per subject; a newer calculation updates it."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from opsloop.domain.proposals import ProposalDraft, ProposalKind, ProposalState
from opsloop.review.audit import append_event
from opsloop.review.facets import index_proposal
from opsloop.store.tables import Proposal
from opsloop.store.types import utcnow

SLA = {
    ProposalKind.INVOICE_APPROVE: timedelta(days=2),
    ProposalKind.INVOICE_HOLD: timedelta(days=1),
    ProposalKind.INVOICE_REQUEST_CREDIT_NOTE: timedelta(days=2),
    ProposalKind.REORDER: timedelta(hours=8),
    ProposalKind.SAFETY_STOCK: timedelta(days=3),
    ProposalKind.STOCK_ADJUSTMENT: timedelta(days=2),
    ProposalKind.STAFFING: timedelta(hours=12),
    ProposalKind.ESCALATION: timedelta(hours=2),
    ProposalKind.POLICY: timedelta(days=1),
}
OPEN_STATES = (ProposalState.PENDING.value, ProposalState.EDITED.value)


def priority_of(draft: ProposalDraft) -> float:
    """Money at stake x urgency (urgency alone when no amount is at stake)."""
    money = float(abs(draft.amount)) if draft.amount is not None else 0.0
    return round(max(money, 1.0) * draft.urgency, 2)


def upsert_proposal(session: Session, draft: ProposalDraft, *, actor: str = "opsloop") -> Proposal:
    """Queue `draft`, or update the open proposal about the same subject (never two open ones)."""
    open_one = session.exec(
        select(Proposal).where(
            Proposal.subject_key == draft.subject_key, col(Proposal.state).in_(OPEN_STATES)
        )
    ).first()
    now = utcnow()
    values: dict[str, Any] = {
        "kind": draft.kind.value,
        "title": draft.title,
        "summary": draft.summary,
        "payload": _jsonable(draft.payload),
        "working": _jsonable(draft.working),
        "amount": draft.amount,
        "currency": draft.currency,
        "confidence": draft.confidence,
        "priority": priority_of(draft),
        "document_id": draft.document_id,
    }
    if open_one is None:
        proposal = Proposal(
            subject_key=draft.subject_key,
            state=ProposalState.PENDING.value,
            sla_due_at=now + SLA[draft.kind],
            created_at=now,
            updated_at=now,
            **values,
        )
        index_proposal(session, proposal)
        session.add(proposal)
        session.flush()
        append_event(
            session, actor, "proposal.created", f"proposal:{proposal.id}", {"subject": draft.subject_key}
        )
        return proposal
    changed = {k: v for k, v in values.items() if getattr(open_one, k) != v}
    if changed:
        for key, value in changed.items():
            setattr(open_one, key, value)
        index_proposal(session, open_one)
        open_one.updated_at = now
        open_one.version += 1
        session.add(open_one)
        session.flush()
        append_event(
            session, actor, "proposal.recalculated", f"proposal:{open_one.id}", {"changed": sorted(changed)}
        )
    return open_one


def supersede_stale(
    session: Session, kinds: Collection[str], keep: Collection[str], reason: str, *, actor: str = "opsloop"
) -> list[Proposal]:
    """Close as superseded (kept, audited) the pending proposals of `kinds` whose subject is not in `keep`:
    a newer calculation no longer proposes them. Edited ones stay: a person is working on them."""
    stale = list(
        session.exec(
            select(Proposal).where(
                col(Proposal.kind).in_(list(kinds)),
                Proposal.state == ProposalState.PENDING.value,
                col(Proposal.subject_key).not_in(list(keep)),
            )
        )
    )
    now = utcnow()
    for proposal in stale:
        proposal.state = ProposalState.SUPERSEDED.value
        proposal.version += 1
        proposal.updated_at = now
        session.add(proposal)
    session.flush()
    for proposal in stale:
        append_event(session, actor, "proposal.superseded", f"proposal:{proposal.id}", {"reason": reason})
    return stale


def _jsonable(value: object) -> object:
    """Decimals and dates inside JSON columns become strings (exact, and readable by any backend)."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value
