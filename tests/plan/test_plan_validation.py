"""An edited planner proposal is checked again (pack size, minimum order quantity, budget) before anyone
can approve it: the check is the planner's, the review layer refuses the edit when it fails."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from opsloop.domain.proposals import ProposalKind
from opsloop.plan.forecast import DemandPoint
from opsloop.plan.inventory import ItemPlanInput, propose_item
from opsloop.plan.validation import validate_order_quantity, validate_planner_edit
from opsloop.review.accounts import Role, actor_of, create_user
from opsloop.review.decisions import DecisionAction, DecisionRequest, InvalidDecision, decide
from opsloop.review.queue import upsert_proposal
from opsloop.settings import PlanSettings
from opsloop.store.tables import Proposal

TODAY = date(2026, 11, 28)


def test_an_order_below_the_minimum_or_in_broken_packs_is_refused_with_what_would_do() -> None:
    """GIVEN packs of 5 and a minimum order of 50 WHEN 40 or 52 is asked THEN each is refused, naming the
    minimum or the nearest whole-pack quantities; 55 passes."""
    assert validate_order_quantity(
        Decimal(40), pack_size=Decimal(5), min_order_qty=Decimal(50), unit="Pck"
    ) == ["quantity 40 Pck is below the minimum order quantity 50"]
    assert validate_order_quantity(Decimal(52), pack_size=Decimal(5), min_order_qty=Decimal(50)) == [
        "quantity 52 is not a whole number of packs of 5 (nearest: 50 or 55)"
    ]
    assert validate_order_quantity(Decimal(55), pack_size=Decimal(5), min_order_qty=Decimal(50)) == []
    assert validate_order_quantity(Decimal("2.5")) == [
        "quantity 2.5 is not a whole number of whole units (nearest: 2 or 3)"
    ]
    assert validate_order_quantity(Decimal(0)) == ["quantity must be more than 0, not 0"]


def test_an_order_over_the_budget_is_refused_with_the_most_the_budget_allows() -> None:
    problems = validate_order_quantity(
        Decimal(300),
        pack_size=Decimal(5),
        min_order_qty=Decimal(50),
        unit_cost=Decimal("3.85"),
        budget=Decimal(1000),
        currency="EUR",
    )
    assert problems == ["quantity 300 × 3.85 = 1155.00 EUR is over the order budget 1000 EUR (at most 255)"]


def test_a_safety_stock_edit_keeps_the_reorder_point_above_it() -> None:
    working: dict[str, object] = {}
    assert validate_planner_edit(
        "safety_stock", {"safety_stock": "120", "reorder_point": "100"}, working
    ) == [
        "reorder_point 100 is below the safety stock 120: the reorder point is the safety stock plus the demand "
        "over the lead time"
    ]
    assert validate_planner_edit("safety_stock", {"safety_stock": "-1", "reorder_point": "100"}, working)
    assert validate_planner_edit("staffing", {"add_agents": "1.5", "proposed_agents": "3"}, working) == [
        "add_agents must be a whole number, not '1.5'"
    ]
    assert validate_planner_edit("invoice_approve", {"amount_due": "1"}, working) == []


def reorder_for(session: Session) -> int:
    """The planner's own reorder draft for an item in packs of 5 with a minimum order of 50, queued."""
    history = [
        DemandPoint(period_start=TODAY - timedelta(days=120 - i), quantity=Decimal(10)) for i in range(120)
    ]
    item = ItemPlanInput(
        sku="BT-1001",
        unit="Pck",
        unit_cost=Decimal("3.85"),
        currency="EUR",
        pack_size=Decimal(5),
        min_order_qty=Decimal(50),
        lead_time_days=5,
        ordering_cost=Decimal(45),
        holding_cost_rate=Decimal("0.25"),
        on_hand=Decimal(10),
        history=history,
    )
    [draft] = [d for d in propose_item(item, PlanSettings(), TODAY) if d.kind is ProposalKind.REORDER]
    proposal = upsert_proposal(session, draft)
    assert proposal.id is not None
    return proposal.id


def test_an_edited_quantity_below_the_moq_cannot_reach_approval(engine: Engine) -> None:
    """GIVEN the planner's reorder (MOQ 50, packs of 5) WHEN a reviewer sets the quantity to 40 THEN the edit
    is refused with the reason and the proposal is unchanged; setting 60 is accepted."""
    with Session(engine) as session:
        pid = reorder_for(session)
        reviewer = actor_of(create_user(session, "dave", "correct horse battery", Role.REVIEWER))
        session.commit()
    with (
        Session(engine) as session,
        pytest.raises(InvalidDecision, match="below the minimum order quantity 50"),
    ):
        decide(
            session, pid, reviewer, DecisionRequest(action=DecisionAction.EDIT, changes={"quantity": "40"})
        )
    with Session(engine) as session:
        proposal = session.get(Proposal, pid)
        assert proposal is not None and proposal.state == "pending" and proposal.payload["quantity"] != "40"
        decide(
            session, pid, reviewer, DecisionRequest(action=DecisionAction.EDIT, changes={"quantity": "60"})
        )
        session.commit()
        assert (proposal.state, proposal.payload["quantity"], proposal.amount) == (
            "edited",
            "60",
            Decimal("231.00"),
        )
