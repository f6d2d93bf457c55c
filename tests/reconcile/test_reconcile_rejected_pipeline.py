"""A person's rejection holds through the pipeline (evals/decisions7: the vendor's cancellation of a rejected
invoice brought it back as "pay the pair"): Schmidt's RE-2026-0431 bills the toner over the PO price, the
clerk rejects it; the credit note GS-2026-0019 then arrives. Nothing proposes the rejected invoice for payment
again, and the credit note is not booked."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from opsloop.erp.folder import load_folder
from opsloop.reconcile import load_mirror
from opsloop.review.accounts import Actor, Role
from opsloop.review.decisions import DecisionAction, DecisionRequest, decide
from opsloop.service import ingest_and_process
from opsloop.settings import Settings
from opsloop.stages import reset_caches
from opsloop.store import tables as t

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
CLERK = Actor(username="rita", role=Role.ADMIN)


def test_a_rejected_invoice_stays_rejected_when_its_credit_note_comes(
    settings: Settings, engine: Engine
) -> None:
    reset_caches()
    with Session(engine) as session:
        load_folder(session, FIXTURES / "erp")
        session.commit()
    ingest_and_process(engine, settings, [FIXTURES / "inbox" / "schmidt_RE-2026-0431.pdf"], move=False)
    with Session(engine) as session:
        invoice = session.exec(select(t.Invoice).where(t.Invoice.invoice_number == "RE-2026-0431")).one()
        [request] = session.exec(
            select(t.Proposal).where(
                t.Proposal.document_id == invoice.document_id, t.Proposal.state == "pending"
            )
        ).all()
        decide(
            session,
            request.id or 0,
            CLERK,
            DecisionRequest(action=DecisionAction.REJECT, reason="wrong price"),
        )
        session.commit()
        assert invoice.document_id is not None
        document_id = invoice.document_id
    ingest_and_process(engine, settings, [FIXTURES / "inbox" / "schmidt_GS-2026-0019.pdf"], move=False)
    reset_caches()
    with Session(engine) as session:
        proposals = session.exec(
            select(t.Proposal).where(t.Proposal.document_id == document_id).order_by(col(t.Proposal.id))
        ).all()
        assert [p.state for p in proposals] == ["rejected"]
        credit = session.exec(select(t.Invoice).where(t.Invoice.invoice_number == "GS-2026-0019")).one()
        rec = session.exec(
            select(t.InvoiceReconciliation).where(
                t.InvoiceReconciliation.invoice_id == credit.id, col(t.InvoiceReconciliation.current)
            )
        ).one()
        assert "credits_rejected_invoice" in rec.exception_types
        [credit_proposal] = session.exec(
            select(t.Proposal).where(t.Proposal.document_id == credit.document_id)
        ).all()
        assert credit_proposal.payload.get("action") != "book_credit_note"
        assert load_mirror(session).invoices[document_id].rejected
