"""The queue keeps one open proposal per subject; the audit chain detects tampering."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Engine, text
from sqlmodel import Session, select

from opsloop.domain.proposals import ProposalDraft, ProposalKind
from opsloop.review.audit import verify_chain
from opsloop.review.queue import priority_of, upsert_proposal
from opsloop.store.tables import AuditEvent, Proposal


def _draft(quantity: int, amount: str = "480.00") -> ProposalDraft:
    return ProposalDraft(
        kind=ProposalKind.REORDER,
        subject_key="item:SKU-1:reorder",
        title=f"Order {quantity} x SKU-1",
        summary="Stock will fall below the reorder point within the lead time.",
        payload={"sku": "SKU-1", "quantity": Decimal(quantity)},
        working={"numbers": {"reorder_point": Decimal("37.5")}},
        amount=Decimal(amount),
        currency="EUR",
        urgency=0.5,
    )


def test_a_newer_calculation_updates_the_open_proposal_instead_of_adding_one(engine: Engine) -> None:
    with Session(engine) as session:
        first = upsert_proposal(session, _draft(40))
        again = upsert_proposal(session, _draft(40))
        newer = upsert_proposal(session, _draft(60, "720.00"))
        session.commit()
        proposals = session.exec(select(Proposal)).all()
    assert len(proposals) == 1
    assert first.id == again.id == newer.id
    assert proposals[0].title == "Order 60 x SKU-1"
    assert proposals[0].payload == {"sku": "SKU-1", "quantity": "60"}
    assert proposals[0].version == 1  # the identical recalculation changed nothing
    assert proposals[0].priority == priority_of(_draft(60, "720.00")) == 360.0


def test_a_decided_proposal_does_not_absorb_a_new_one(engine: Engine) -> None:
    with Session(engine) as session:
        first = upsert_proposal(session, _draft(40))
        first.state = "approved"
        session.add(first)
        second = upsert_proposal(session, _draft(40))
        session.commit()
        assert first.id != second.id
        assert len(session.exec(select(Proposal)).all()) == 2


def test_audit_chain_detects_a_changed_and_a_deleted_event(engine: Engine) -> None:
    with Session(engine) as session:
        for quantity in (10, 20, 30):
            upsert_proposal(session, _draft(quantity))
        session.commit()
        assert verify_chain(session).ok
        ids = [e.id for e in session.exec(select(AuditEvent))]
    assert len(ids) == 3

    with engine.begin() as connection:
        connection.execute(text("UPDATE audit_events SET actor = 'mallory' WHERE id = :id"), {"id": ids[1]})
    with Session(engine) as session:
        report = verify_chain(session)
    assert not report.ok and report.first_bad_id == ids[1]
    assert (report.problem or "").startswith("the event was changed")

    with engine.begin() as connection:
        connection.execute(text("UPDATE audit_events SET actor = 'opsloop' WHERE id = :id"), {"id": ids[1]})
        connection.execute(text("DELETE FROM audit_events WHERE id = :id"), {"id": ids[0]})
    with Session(engine) as session:
        report = verify_chain(session)
    assert not report.ok and report.first_bad_id == ids[1]
    assert (report.problem or "").startswith("an earlier event is missing")
