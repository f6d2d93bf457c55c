"""Decisions: roles, limits, segregation of duties, optimistic locking, audit and outbox."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.review.accounts import Actor
from opsloop.review.audit import verify_chain
from opsloop.review.decisions import (
    DecisionAction,
    DecisionConflict,
    DecisionRequest,
    InvalidDecision,
    NotAllowed,
    decide,
)
from opsloop.store.tables import OutboxItem, Proposal, ReviewDecision
from tests.review.review_helpers import add_proposal, add_users, reorder_draft

APPROVE = DecisionRequest(action=DecisionAction.APPROVE)


@pytest.fixture
def users(engine: Engine) -> dict[str, Actor]:
    return add_users(engine)


def test_an_approval_is_recorded_audited_and_queued_for_the_erp_once(
    engine: Engine, users: dict[str, Actor]
) -> None:
    # GIVEN a reorder proposal of 480 EUR and an approver with a 1000 limit
    pid = add_proposal(engine)
    # WHEN bob approves it
    with Session(engine) as session:
        outcome = decide(session, pid, users["bob"], APPROVE)
        session.commit()
    # THEN it is approved, one decision and one outbox row exist, and the audit chain holds
    with Session(engine) as session:
        proposal = session.get(Proposal, pid)
        assert proposal is not None and proposal.state == "approved" and proposal.version == 1
        decisions = session.exec(select(ReviewDecision)).all()
        assert [(d.actor, d.action) for d in decisions] == [("bob", "approve")]
        items = session.exec(select(OutboxItem)).all()
        assert [(i.idempotency_key, i.action_kind) for i in items] == [
            (outcome.outbox_key, "create_purchase_order")
        ]
        assert verify_chain(session).ok


def test_over_limit_and_too_junior_roles_are_refused(engine: Engine, users: dict[str, Actor]) -> None:
    pid = add_proposal(engine)  # 480 EUR
    for who in ("carol", "dave", "vera"):  # limit 100, reviewer, viewer
        with Session(engine) as session, pytest.raises(NotAllowed):
            decide(session, pid, users[who], APPROVE)
    with Session(engine) as session:
        assert session.get(Proposal, pid).state == "pending"  # type: ignore[union-attr]


def test_whoever_edited_a_proposal_cannot_approve_it(engine: Engine, users: dict[str, Actor]) -> None:
    # GIVEN bob sets the quantity to 60 (which recomputes the amount to 720)
    pid = add_proposal(engine)
    with Session(engine) as session:
        edit = DecisionRequest(action=DecisionAction.EDIT, changes={"quantity": "60"})
        outcome = decide(session, pid, users["bob"], edit)
        session.commit()
    assert outcome.state == "edited"
    with Session(engine) as session:
        proposal = session.get(Proposal, pid)
        assert proposal is not None
        assert proposal.payload["quantity"] == "60" and proposal.amount == Decimal("720.00")
        # WHEN bob then tries to approve, THEN segregation of duties refuses him
        with pytest.raises(NotAllowed, match="segregation"):
            decide(session, pid, users["bob"], APPROVE)
        # AND alice (admin) may approve the edited proposal
        assert decide(session, pid, users["alice"], APPROVE).state == "approved"


def test_a_stale_version_loses_and_is_told(engine: Engine, users: dict[str, Actor]) -> None:
    pid = add_proposal(engine)
    with Session(engine) as session:
        decide(session, pid, users["dave"], DecisionRequest(action=DecisionAction.REJECT, reason="too many"))
        session.commit()
    with Session(engine) as session, pytest.raises(DecisionConflict):
        decide(session, pid, users["bob"], DecisionRequest(action=DecisionAction.APPROVE, expected_version=0))


def test_two_concurrent_decisions_exactly_one_wins(engine: Engine, users: dict[str, Actor]) -> None:
    # GIVEN one pending proposal and two people who both saw version 0
    pid = add_proposal(engine)
    barrier = threading.Barrier(2)
    results: list[str] = []

    def act(actor: Actor, request: DecisionRequest) -> None:
        with Session(engine) as session:
            session.get(Proposal, pid)
            barrier.wait()
            try:
                decide(session, pid, actor, request)
                session.commit()
                results.append("won")
            except DecisionConflict:
                session.rollback()
                results.append("conflict")

    threads = [
        threading.Thread(
            target=act,
            args=(users["bob"], DecisionRequest(action=DecisionAction.APPROVE, expected_version=0)),
        ),
        threading.Thread(
            target=act,
            args=(
                users["dave"],
                DecisionRequest(action=DecisionAction.REJECT, reason="no", expected_version=0),
            ),
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # THEN exactly one decision is kept and the other is told
    assert sorted(results) == ["conflict", "won"]
    with Session(engine) as session:
        assert len(session.exec(select(ReviewDecision)).all()) == 1
        assert len(session.exec(select(OutboxItem)).all()) <= 1
        assert verify_chain(session).ok


def test_reject_needs_a_reason_and_edit_checks_numbers(engine: Engine, users: dict[str, Actor]) -> None:
    pid = add_proposal(engine, reorder_draft())
    with Session(engine) as session:
        with pytest.raises(InvalidDecision):
            decide(session, pid, users["dave"], DecisionRequest(action=DecisionAction.REJECT))
        with pytest.raises(InvalidDecision, match="number"):
            decide(
                session,
                pid,
                users["dave"],
                DecisionRequest(action=DecisionAction.EDIT, changes={"quantity": "lots"}),
            )
        with pytest.raises(InvalidDecision, match="cannot be edited"):
            decide(
                session, pid, users["dave"], DecisionRequest(action=DecisionAction.EDIT, changes={"sku": "X"})
            )


def test_structured_payload_fields_cannot_be_retyped(engine: Engine, users: dict[str, Actor]) -> None:
    # GIVEN an approval whose payload carries the invoice's lines
    draft = reorder_draft()
    draft = draft.model_copy(
        update={"payload": {**draft.payload, "lines": [{"description": "Bolts", "amount": "480.00"}]}}
    )
    pid = add_proposal(engine, draft)
    with Session(engine) as session:
        # WHEN a reviewer tries to set the lines as text
        with pytest.raises(InvalidDecision, match="cannot be edited"):
            decide(
                session,
                pid,
                users["dave"],
                DecisionRequest(action=DecisionAction.EDIT, changes={"lines": "none"}),
            )
        # THEN the lines are not offered as editable either
        with pytest.raises(InvalidDecision, match=r"editable: quantity, unit_cost$"):
            decide(
                session,
                pid,
                users["dave"],
                DecisionRequest(action=DecisionAction.EDIT, changes={"price": "1"}),
            )
