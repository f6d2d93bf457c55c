"""Decisions that mean what they say, on invoices the real pipeline read: every edit re-checked and
recorded as a correction, limits judged on the amount that will be posted, hold and release with a
reason, undo until the push, a compensating action (or a clear warning) after it."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from opsloop.domain.proposals import ProposalDraft, ProposalKind
from opsloop.erp.folder_push import FolderConnector
from opsloop.erp.protocol import ActionKind, ErpAction, PushResult
from opsloop.review.accounts import Actor, Role, create_user
from opsloop.review.decisions import (
    DecisionAction,
    DecisionRequest,
    InvalidDecision,
    NeedsConfirmation,
    NotAllowed,
    decide,
)
from opsloop.review.outbox import push_outbox
from opsloop.settings import Settings
from opsloop.store.tables import AuditEvent, Correction, Document, Invoice, OutboxItem, Proposal
from tests.review.invoice_world import invoice_world
from tests.review.review_helpers import PASSWORD, add_proposal, add_users, reorder_draft

RE_0412 = "schmidt_RE-2026-0412.pdf"
HELD_11902 = "mueller_2026-11902.pdf"


@pytest.fixture
def people(engine: Engine) -> dict[str, Actor]:
    users = add_users(engine)
    with Session(engine) as session:
        create_user(session, "rita", PASSWORD, Role.APPROVER, approval_limit=Decimal("5000"))
        create_user(session, "otto", PASSWORD, Role.APPROVER, approval_limit=Decimal("5000"))
        session.commit()
    users["rita"] = Actor(username="rita", role=Role.APPROVER, approval_limit=Decimal("5000"))
    users["otto"] = Actor(username="otto", role=Role.APPROVER, approval_limit=Decimal("5000"))
    return users


def _decide(engine: Engine, pid: int, actor: Actor, action: DecisionAction, **kw: object) -> object:
    with Session(engine) as session:
        outcome = decide(session, pid, actor, DecisionRequest(action=action, **kw))  # type: ignore[arg-type]
        session.commit()
        return outcome


def _outbox(engine: Engine, pid: int) -> list[OutboxItem]:
    with Session(engine) as session:
        return list(
            session.exec(select(OutboxItem).where(OutboxItem.proposal_id == pid).order_by(col(OutboxItem.id)))
        )


def test_a_corrected_line_is_rechecked_at_once_and_the_outbox_posts_what_the_page_shows(
    engine: Engine, settings: Settings, people: dict[str, Actor]
) -> None:
    # GIVEN invoice RE-2026-0412 (1,432.62 EUR) proposed for payment
    pid = invoice_world(engine, settings, RE_0412)[RE_0412]
    # WHEN dave corrects line 1 to 180 packs and takes the totals from the lines
    outcome = _decide(
        engine,
        pid,
        people["dave"],
        DecisionAction.EDIT,
        changes={"lines.1.quantity": "180", "totals": "from_lines"},
    )
    # THEN the proposal is re-checked at once: title, amount and payload show the corrected invoice
    with Session(engine) as session:
        proposal = session.get(Proposal, pid)
        assert proposal is not None
        assert proposal.state == "edited" and proposal.kind == "invoice_approve"
        assert proposal.amount == Decimal("1340.99")  # 693.00+141.00+57.12+128.00 @19% + 119.85 @7%
        assert "1,340.99 EUR" in proposal.title
        assert proposal.payload["amount"] == "1340.99"
        assert proposal.payload["lines"][0]["quantity"] == "180"
        assert "Re-checked" in outcome.message  # type: ignore[attr-defined]
        invoice = session.exec(select(Invoice).where(Invoice.document_id == proposal.document_id)).one()
        assert invoice.total == Decimal("1340.99")
        checks = {c["name"]: c["passed"] for c in invoice.extraction["checks"]}
        assert checks["subtotal_plus_tax_is_total"] is True and checks["lines_sum_to_subtotal"] is True
        # AND every changed value is a correction with who, before, after and how it had been read
        corrections = {c.field: c for c in session.exec(select(Correction))}
        assert set(corrections) == {
            "lines.1.quantity",
            "lines.1.amount",
            "subtotal",
            "tax_total",
            "total",
            "amount_due",
        }
        quantity = corrections["lines.1.quantity"]
        assert (quantity.actor, quantity.before, quantity.after) == ("dave", "200", "180")
        assert (
            quantity.document_id == proposal.document_id and quantity.context["extraction_method"] == "rules"
        )
        assert corrections["total"].context["evidence"]["page"] == 1
    # WHEN dave tries to approve his own correction THEN segregation of duties refuses it
    with pytest.raises(NotAllowed, match="segregation of duties"):
        _decide(engine, pid, _as(people["dave"], Role.APPROVER), DecisionAction.APPROVE)
    # WHEN rita approves it for payment
    _decide(engine, pid, people["rita"], DecisionAction.APPROVE)
    # THEN the outbox posts exactly the amount and the lines the page showed
    [item] = _outbox(engine, pid)
    assert item.action_kind == ActionKind.POST_INVOICE.value
    assert item.payload["amount"] == "1340.99" and item.payload["lines"][0]["amount"] == "693.00"
    assert Decimal(item.payload["net_amount"]) + Decimal(item.payload["tax_amount"]) == Decimal("1340.99")


def _as(actor: Actor, role: Role) -> Actor:
    return Actor(username=actor.username, role=role, approval_limit=Decimal("5000"))


def test_a_total_that_disagrees_with_net_and_tax_is_held_with_what_it_needs(
    engine: Engine, settings: Settings, people: dict[str, Actor]
) -> None:
    # GIVEN the invoice, and dave sets its amount to 1400 alone
    pid = invoice_world(engine, settings, RE_0412)[RE_0412]
    _decide(engine, pid, people["dave"], DecisionAction.EDIT, changes={"amount": "1400"})
    # THEN the re-check holds it (issue 14: amounts that do not add up are never proposed for payment),
    # saying what would make it exact
    with Session(engine) as session:
        proposal = session.get(Proposal, pid)
        assert proposal is not None and proposal.amount == Decimal("1400")
        assert proposal.kind == "invoice_hold" and proposal.payload["action"] == "hold"
        assert "net 1,215.97 + VAT 216.65 is not the total 1,400.00" in proposal.summary
    # AND nothing is paid
    assert all(item.payload.get("action") != "approve_payment" for item in _outbox(engine, pid))


def test_an_edited_unit_cost_cannot_slip_past_an_approvers_limit(
    engine: Engine, people: dict[str, Actor]
) -> None:
    # GIVEN a reorder of 40 x 12.00 EUR (480.00), within bob's limit of 1,000
    pid = add_proposal(engine)
    # WHEN dave raises the unit cost to 1,200.00
    _decide(engine, pid, people["dave"], DecisionAction.EDIT, changes={"unit_cost": "1200"})
    with Session(engine) as session:
        proposal = session.get(Proposal, pid)
        assert proposal is not None and proposal.amount == Decimal("48000.00")
        # AND even if the stored amount were left behind at 480.00
        proposal.amount = Decimal("480.00")
        session.add(proposal)
        session.commit()
    # THEN bob's approval is judged on the 48,000.00 the order would post, and refused
    with pytest.raises(NotAllowed, match=r"48,000.00 EUR is over bob's approval limit"):
        _decide(engine, pid, people["bob"], DecisionAction.APPROVE)
    assert _outbox(engine, pid) == []


def test_an_order_quantity_is_checked_against_pack_size_and_minimum(
    engine: Engine, people: dict[str, Actor]
) -> None:
    # GIVEN a reorder whose planner inputs say packs of 5, at least 50
    draft = reorder_draft(quantity=60)
    pid = add_proposal(
        engine, draft.model_copy(update={"working": {"inputs": {"pack_size": "5", "min_order_qty": "50"}}})
    )
    # WHEN a quantity below the minimum, or not in whole packs, is asked THEN it is refused with what would do
    with pytest.raises(InvalidDecision, match="below the minimum order quantity 50"):
        _decide(engine, pid, people["dave"], DecisionAction.EDIT, changes={"quantity": "42"})
    with pytest.raises(InvalidDecision, match=r"not a whole number of packs of 5 \(nearest: 50 or 55\)"):
        _decide(engine, pid, people["dave"], DecisionAction.EDIT, changes={"quantity": "53"})
    # AND a quantity that fits is taken, with the amount recomputed
    _decide(engine, pid, people["dave"], DecisionAction.EDIT, changes={"quantity": "55"})
    with Session(engine) as session:
        proposal = session.get(Proposal, pid)
        assert proposal is not None and proposal.amount == Decimal("660.00")
        [correction] = session.exec(select(Correction)).all()
        assert (correction.field, correction.before, correction.after) == ("quantity", "60", "55")


def test_keep_on_hold_is_undone_before_the_push_then_released_with_a_reason(
    engine: Engine, settings: Settings, people: dict[str, Actor]
) -> None:
    # GIVEN invoice 2026-11902 held for a quantity variance
    pid = invoice_world(engine, settings, HELD_11902)[HELD_11902]
    # WHEN rita keeps it on hold THEN the ERP is told to hold it and the document is done
    _decide(engine, pid, people["rita"], DecisionAction.APPROVE)
    [hold] = _outbox(engine, pid)
    assert (hold.action_kind, hold.state) == ("hold_invoice", "pending")
    # AND someone else cannot undo rita's decision
    with pytest.raises(NotAllowed, match="only rita"):
        _decide(engine, pid, people["otto"], DecisionAction.UNDO)
    # WHEN rita undoes it before the push THEN the outbox row is cancelled and the invoice is open again
    _decide(engine, pid, people["rita"], DecisionAction.UNDO, reason="clicked too fast")
    [hold] = _outbox(engine, pid)
    assert hold.state == "cancelled"
    with Session(engine) as session:
        proposal = session.get(Proposal, pid)
        assert proposal is not None and proposal.state == "pending"
        document = session.get(Document, proposal.document_id)
        assert document is not None and document.state == "in_review"
    # WHEN rita releases the hold without a reason THEN she is asked for one
    with pytest.raises(InvalidDecision, match="say why the hold is released"):
        _decide(engine, pid, people["rita"], DecisionAction.RELEASE)
    # AND with a reason she must confirm, the summary saying it overrides the hold
    with pytest.raises(NeedsConfirmation) as asked:
        _decide(engine, pid, people["rita"], DecisionAction.RELEASE, reason="rest delivered, receipt follows")
    assert asked.value.summary[0] == (
        "Approve for payment: invoice 2026-11902 of Müller & Söhne Verpackung KG (V-1003), 1,499.64 EUR"
    )
    assert any("overrides the hold (" in line and "quantity variance" in line for line in asked.value.summary)
    # WHEN she confirms THEN it is approved for payment and the reason is in the audit log
    _decide(
        engine,
        pid,
        people["rita"],
        DecisionAction.RELEASE,
        reason="rest delivered, receipt follows",
        confirmed=True,
    )
    rows = _outbox(engine, pid)
    assert [(r.action_kind, r.state) for r in rows] == [
        ("hold_invoice", "cancelled"),
        ("post_invoice", "pending"),
    ]
    assert rows[1].payload["amount"] == "1499.64"
    with Session(engine) as session:
        proposal = session.get(Proposal, pid)
        assert proposal is not None and (proposal.kind, proposal.state) == ("invoice_approve", "approved")
        release = session.exec(select(AuditEvent).where(AuditEvent.action == "proposal.release")).one()
        assert release.data["reason"] == "rest delivered, receipt follows"


def test_a_rejected_invoice_is_told_to_the_erp(
    engine: Engine, settings: Settings, people: dict[str, Actor]
) -> None:
    pid = invoice_world(engine, settings, RE_0412)[RE_0412]
    # WHEN dave rejects it with a reason
    _decide(engine, pid, people["dave"], DecisionAction.REJECT, reason="not our order")
    # THEN an outbox action tells the ERP, with the reason
    [item] = _outbox(engine, pid)
    assert item.action_kind == ActionKind.REJECT_INVOICE.value
    assert (item.payload["invoice_number"], item.payload["reason"]) == ("RE-2026-0412", "not our order")


def test_after_the_push_a_reversal_is_a_compensating_action(
    engine: Engine, settings: Settings, people: dict[str, Actor], tmp_path: Path
) -> None:
    # GIVEN an approval the folder connector has pushed
    pid = invoice_world(engine, settings, RE_0412)[RE_0412]
    _decide(engine, pid, people["rita"], DecisionAction.APPROVE)
    connector = FolderConnector(tmp_path / "erp")
    with Session(engine) as session:
        assert push_outbox(session, connector).executed == 1
    # WHEN rita tries to undo it THEN she is told the ERP has it and to reverse it instead
    with pytest.raises(InvalidDecision, match="reverse"):
        _decide(engine, pid, people["rita"], DecisionAction.UNDO)
    # WHEN she reverses it THEN she confirms first, and a compensating action is queued
    with pytest.raises(NeedsConfirmation, match="Reverse"):
        _decide(engine, pid, people["rita"], DecisionAction.REVERSE, reason="wrong cost centre")
    outcome = _decide(
        engine, pid, people["rita"], DecisionAction.REVERSE, reason="wrong cost centre", confirmed=True
    )
    assert "compensating" in outcome.message  # type: ignore[attr-defined]
    post, reversal = _outbox(engine, pid)
    assert (reversal.action_kind, reversal.state) == ("reverse_action", "pending")
    assert reversal.payload["reverses"] == post.idempotency_key
    assert reversal.payload["external_id"] == post.external_id
    # AND once pushed the ERP side has the reversal, and the invoice is open for a new decision
    with Session(engine) as session:
        assert push_outbox(session, connector).executed == 1
        proposal = session.get(Proposal, pid)
        assert proposal is not None and proposal.state == "pending"
        assert session.exec(select(AuditEvent).where(AuditEvent.action == "proposal.reversal_executed")).one()
    written = [json.loads(p.read_text()) for p in (tmp_path / "erp" / "outbox").glob("*.json")]
    assert sorted(w["kind"] for w in written) == ["post_invoice", "reverse_action"]


class _NoReversal:
    """A connector that books invoices but cannot cancel them (like Odoo here)."""

    name = "odoo"
    reversible = frozenset({ActionKind.HOLD_INVOICE})

    def push(self, action: ErpAction) -> PushResult:
        return PushResult(external_id="BILL/2026/0042", detail="draft bill created")


def test_a_connector_that_cannot_reverse_leaves_a_clear_warning(
    engine: Engine, settings: Settings, people: dict[str, Actor]
) -> None:
    # GIVEN an approval pushed through a connector that cannot cancel what it created
    pid = invoice_world(engine, settings, RE_0412)[RE_0412]
    _decide(engine, pid, people["rita"], DecisionAction.APPROVE)
    with Session(engine) as session:
        push_outbox(session, _NoReversal())  # type: ignore[arg-type]
    # WHEN rita reverses it
    outcome = _decide(engine, pid, people["rita"], DecisionAction.REVERSE, reason="duplicate", confirmed=True)
    # THEN no outbox action pretends to undo it; the reviewer is told what to undo by hand
    assert [r.action_kind for r in _outbox(engine, pid)] == ["post_invoice"]
    assert any("BILL/2026/0042" in w and "by hand" in w for w in outcome.warnings)  # type: ignore[attr-defined]
    # AND a new approval has to be confirmed against that warning
    with pytest.raises(NeedsConfirmation) as asked:
        _decide(engine, pid, people["rita"], DecisionAction.APPROVE)
    assert any("still in the ERP" in line for line in asked.value.summary)


def test_an_approval_above_the_threshold_asks_for_one_confirmation(
    engine: Engine, settings: Settings, people: dict[str, Actor]
) -> None:
    pid = invoice_world(engine, settings, RE_0412)[RE_0412]
    with Session(engine) as session, pytest.raises(NeedsConfirmation) as asked:
        decide(
            session,
            pid,
            people["rita"],
            DecisionRequest(action=DecisionAction.APPROVE),
            confirm_above=Decimal(1000),
        )
    assert asked.value.summary[0] == (
        "Approve for payment: invoice RE-2026-0412 of Schmidt Bürotechnik GmbH (V-1001), 1,432.62 EUR"
    )
    assert asked.value.summary[1] == "1,432.62 EUR is above 1,000.00"
    with Session(engine) as session:
        outcome = decide(
            session,
            pid,
            people["rita"],
            DecisionRequest(action=DecisionAction.APPROVE, confirmed=True),
            confirm_above=Decimal(1000),
        )
        session.commit()
    assert outcome.state == "approved"


def test_a_planner_proposal_is_accepted_or_declined_without_an_erp_rejection(
    engine: Engine, people: dict[str, Actor]
) -> None:
    pid = add_proposal(
        engine,
        ProposalDraft(
            kind=ProposalKind.SAFETY_STOCK,
            subject_key="item:SKU-9:safety",
            title="Raise safety stock of SKU-9 to 12",
            summary="Demand doubled.",
            payload={"action": "set_safety_stock", "sku": "SKU-9", "safety_stock": "12"},
        ),
    )
    outcome = _decide(engine, pid, people["dave"], DecisionAction.REJECT, reason="season ends")
    assert outcome.message.startswith("Declined proposal")  # type: ignore[attr-defined]
    assert _outbox(engine, pid) == []
