"""Shared builders for the review tests: users of each role and a queued proposal."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Engine
from sqlmodel import Session

from opsloop.domain.proposals import ProposalDraft, ProposalKind
from opsloop.review.accounts import Actor, Role, create_user
from opsloop.review.queue import upsert_proposal

PASSWORD = "correct horse battery"


def reorder_draft(sku: str = "SKU-1", quantity: int = 40, unit_cost: str = "12.00") -> ProposalDraft:
    amount = Decimal(quantity) * Decimal(unit_cost)
    return ProposalDraft(
        kind=ProposalKind.REORDER,
        subject_key=f"item:{sku}:reorder",
        title=f"Order {quantity} x {sku}",
        summary="Stock will fall below the reorder point within the lead time.",
        payload={
            "action": "create_purchase_order",
            "sku": sku,
            "quantity": str(quantity),
            "unit_cost": unit_cost,
            "vendor_erp_id": "V-1",
        },
        working={
            "formula": "order = EOQ rounded to packs",
            "numbers": {"reorder_point": "37.5", "eoq": "40"},
            "checks": [{"name": "lead time known", "passed": True, "detail": "7 days"}],
        },
        amount=amount,
        currency="EUR",
        urgency=0.5,
    )


def add_proposal(engine: Engine, draft: ProposalDraft | None = None) -> int:
    with Session(engine) as session:
        proposal = upsert_proposal(session, draft or reorder_draft())
        session.commit()
        assert proposal.id is not None
        return proposal.id


def add_users(engine: Engine) -> dict[str, Actor]:
    """alice admin, bob approver (limit 1000), carol approver (limit 100), dave reviewer, vera viewer."""
    specs = {
        "alice": (Role.ADMIN, None),
        "bob": (Role.APPROVER, Decimal("1000")),
        "carol": (Role.APPROVER, Decimal("100")),
        "dave": (Role.REVIEWER, None),
        "vera": (Role.VIEWER, None),
    }
    with Session(engine) as session:
        for name, (role, limit) in specs.items():
            create_user(session, name, PASSWORD, role, approval_limit=limit)
        session.commit()
    return {
        name: Actor(username=name, role=role, approval_limit=limit) for name, (role, limit) in specs.items()
    }
