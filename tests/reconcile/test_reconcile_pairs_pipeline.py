"""The pair through the whole pipeline, on the project's fixtures: Schmidt's RE-2026-0431 bills the toner
6.00 over the PO price (40 x 6.00 = 240.00 net too much) and credit note GS-2026-0019 refunds exactly
that. Whichever arrives first, the invoice ends with one pending proposal to approve the pair."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from opsloop.erp.folder import load_folder
from opsloop.service import ingest_and_process
from opsloop.settings import Settings
from opsloop.stages import reset_caches
from opsloop.store import tables as t

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
INVOICE = "schmidt_RE-2026-0431.pdf"
CREDIT = "schmidt_GS-2026-0019.pdf"


@pytest.mark.parametrize(
    "order", [(INVOICE, CREDIT), (CREDIT, INVOICE)], ids=["credit-after", "credit-before"]
)
def test_invoice_and_credit_note_end_as_one_pair_to_approve(
    settings: Settings, engine: Engine, order: tuple[str, str]
) -> None:
    # GIVEN the fixture ERP mirror
    reset_caches()
    with Session(engine) as session:
        load_folder(session, FIXTURES / "erp")
        session.commit()
    # WHEN the invoice and its credit note are processed one after the other
    for name in order:
        ingest_and_process(engine, settings, [FIXTURES / "inbox" / name], move=False)
    reset_caches()
    # THEN the invoice's open proposal approves the pair: 3,492.65 less 285.60
    with Session(engine) as session:
        invoice = session.exec(select(t.Invoice).where(t.Invoice.invoice_number == "RE-2026-0431")).one()
        credit = session.exec(select(t.Invoice).where(t.Invoice.invoice_number == "GS-2026-0019")).one()
        proposals = session.exec(
            select(t.Proposal)
            .where(t.Proposal.subject_key == f"invoice:{invoice.document_id}")
            .order_by(col(t.Proposal.id))
        ).all()
    [pair] = [p for p in proposals if p.state == "pending"]
    assert pair.kind == "invoice_approve" and pair.payload["action"] == "approve_payment"
    assert [c["document_id"] for c in pair.payload["credit_notes"]] == [credit.document_id]
    assert pair.payload["overcharge"] == "240.00" and str(pair.amount) == "3207.05"
    assert "Invoice RE-2026-0431 billed 240.00 EUR more than agreed" in pair.summary
    # AND a request asked for before the credit note came is kept, closed as superseded
    expected = (
        ["invoice_request_credit_note", "invoice_approve"] if order[0] == INVOICE else ["invoice_approve"]
    )
    assert [p.kind for p in proposals] == expected
    assert all(p.state == "superseded" for p in proposals if p.kind == "invoice_request_credit_note")
