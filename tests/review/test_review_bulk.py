"""Bulk decisions: each item is decided on its own, checked against the approval limit, segregation
of duties and the version the reviewer saw, and says what happened to it; an approval that needs a
confirmation is never approved in passing."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.review.bulk import BulkAction, BulkItem, BulkRequest, ItemStatus, decide_many
from opsloop.review.decisions import DecisionAction, DecisionRequest, decide
from opsloop.store.tables import OutboxItem, Proposal
from tests.review.queue_world import add_invoice_hold
from tests.review.review_helpers import add_proposal, add_users, reorder_draft


def _statuses(outcome: object) -> dict[int, ItemStatus]:
    return {r.proposal_id: r.status for r in outcome.results}  # type: ignore[attr-defined]


def test_a_bulk_approval_checks_each_item_against_the_limit_and_the_editor(engine: Engine) -> None:
    actors = add_users(engine)
    small = add_proposal(engine, reorder_draft(sku="S-1", quantity=5))  # 60 EUR
    large = add_proposal(engine, reorder_draft(sku="S-2", quantity=100))  # 1,200 EUR, over bob's 1,000
    edited = add_proposal(engine, reorder_draft(sku="S-3", quantity=10))
    with Session(engine) as session:
        decide(
            session,
            edited,
            actors["bob"],
            DecisionRequest(action=DecisionAction.EDIT, changes={"quantity": "20"}),
        )
        session.commit()
        outcome = decide_many(
            session,
            actors["bob"],
            BulkRequest(
                action=BulkAction.APPROVE, items=[BulkItem(id=i) for i in (small, large, edited, 999)]
            ),
        )
        states = {p.id: p.state for p in session.exec(select(Proposal))}
    assert _statuses(outcome) == {
        small: ItemStatus.DONE,
        large: ItemStatus.NOT_ALLOWED,
        edited: ItemStatus.NOT_ALLOWED,
        999: ItemStatus.NOT_FOUND,
    }
    messages = {r.proposal_id: r.message for r in outcome.results}
    assert "limit" in messages[large] and "segregation" in messages[edited]
    assert states == {small: "approved", large: "pending", edited: "edited"}


def test_approvals_above_the_threshold_wait_for_a_confirmation_the_others_go_through(engine: Engine) -> None:
    actors = add_users(engine)
    cheap = add_proposal(engine, reorder_draft(sku="C-1", quantity=5))  # 60 EUR
    dear = add_proposal(engine, reorder_draft(sku="C-2", quantity=100))  # 1,200 EUR
    request = BulkRequest(action=BulkAction.APPROVE, items=[BulkItem(id=cheap), BulkItem(id=dear)])
    with Session(engine) as session:
        first = decide_many(session, actors["alice"], request, confirm_above=Decimal("500"))
        assert _statuses(first) == {cheap: ItemStatus.DONE, dear: ItemStatus.NEEDS_CONFIRMATION}
        [asked] = first.needing_confirmation
        assert asked.summary and session.get(Proposal, dear).state == "pending"  # type: ignore[union-attr]
        confirmed = decide_many(
            session,
            actors["alice"],
            BulkRequest(action=BulkAction.APPROVE, items=[BulkItem(id=dear)], confirmed=True),
            confirm_above=Decimal("500"),
        )
        assert _statuses(confirmed) == {dear: ItemStatus.DONE}
        assert len(session.exec(select(OutboxItem)).all()) == 2


def test_one_reason_rejects_a_selection_and_a_stale_item_is_a_conflict_alone(engine: Engine) -> None:
    actors = add_users(engine)
    with Session(engine) as session:
        rows = [add_invoice_hold(session, vendor="Acme", number=f"D-{i}", amount="40.00") for i in range(3)]
        session.commit()
        ids = [p.id for p in rows]
        assert all(i is not None for i in ids)
        outcome = decide_many(
            session,
            actors["dave"],
            BulkRequest(
                action=BulkAction.REJECT,
                reason="sent twice by the vendor",
                items=[
                    BulkItem(id=ids[0], expected_version=0),
                    BulkItem(id=ids[1], expected_version=7),
                    BulkItem(id=ids[2]),
                ],  # type: ignore[arg-type]
            ),
        )
        assert [r.status for r in outcome.results] == [ItemStatus.DONE, ItemStatus.CONFLICT, ItemStatus.DONE]
        rejections = session.exec(select(OutboxItem).where(OutboxItem.action_kind == "reject_invoice")).all()
        assert {r.payload["reason"] for r in rejections} == {"sent twice by the vendor"}
        assert len(rejections) == 2


def test_reject_without_a_reason_and_hold_on_a_plan_are_refused_per_item(engine: Engine) -> None:
    actors = add_users(engine)
    plan = add_proposal(engine)
    with Session(engine) as session:
        invoice = add_invoice_hold(session, vendor="Acme", number="X-1", amount="40.00")
        session.commit()
        no_reason = decide_many(
            session,
            actors["dave"],
            BulkRequest(action=BulkAction.REJECT, items=[BulkItem(id=invoice.id)]),  # type: ignore[arg-type]
        )
        hold = decide_many(
            session,
            actors["dave"],
            BulkRequest(action=BulkAction.HOLD, reason="wait", items=[BulkItem(id=plan)]),
        )
        viewer = decide_many(
            session,
            actors["vera"],
            BulkRequest(action=BulkAction.ASSIGN, assignee="dave", items=[BulkItem(id=plan)]),
        )
    assert [r.status for r in no_reason.results] == [ItemStatus.INVALID]
    assert [r.status for r in hold.results] == [ItemStatus.INVALID]
    assert [r.status for r in viewer.results] == [ItemStatus.NOT_ALLOWED]


def test_a_bulk_assignment_gives_every_item_to_the_reviewer(engine: Engine) -> None:
    actors = add_users(engine)
    ids = [add_proposal(engine, reorder_draft(sku=f"A-{i}")) for i in range(3)]
    with Session(engine) as session:
        outcome = decide_many(
            session,
            actors["bob"],
            BulkRequest(action=BulkAction.ASSIGN, assignee="dave", items=[BulkItem(id=i) for i in ids]),
        )
        assert outcome.counts == {"done": 3}
        assert {p.assignee for p in session.exec(select(Proposal))} == {"dave"}
