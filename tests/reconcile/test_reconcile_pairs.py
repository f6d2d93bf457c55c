"""An overbilled invoice and the credit note that settles it: the credit-note request gives way to one
proposal to approve the pair (superseded, not deleted), whether the credit note arrives after the
invoice or before it (relinked); a partial credit leaves a request for what is still missing; a credit
note for another invoice changes nothing; the pair is not auto-approved past the autonomy policy."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.domain.erp import ExceptionType, Reconciliation
from opsloop.domain.invoices import DocumentType, InvoiceExtraction, InvoiceLineExtraction
from opsloop.domain.proposals import ProposalKind, ProposalState
from opsloop.reconcile import (
    Mirror,
    load_mirror,
    load_policy,
    pair_credit_notes,
    propose_invoice_action,
    queue_invoice_proposal,
    reconcile_invoice,
    record_reconciliation,
    relink_credit_notes,
    settle_credit_requests,
)
from opsloop.review.autonomy import evaluate_autonomy
from opsloop.store import db
from opsloop.store import tables as t
from tests.conftest import keyed
from tests.reconcile.conftest import make_invoice

D = Decimal


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    url = f"sqlite:///{tmp_path / 'opsloop.db'}"
    db.upgrade(url)
    engine = keyed(db.make_engine(url), tmp_path)
    yield engine
    engine.dispose()


def _seed(session: Session) -> None:
    """ACME with PO-1001 (100 bolts at 0.50, 100 nuts at 0.20) and PO-1002 (50 kg wire at 3.00), all
    received; documents 1..5."""
    session.add(
        t.Vendor(
            id=1,
            erp_id="V-ACME",
            name="ACME Fasteners GmbH",
            vat_id="DE111111111",
            iban="DE89370400440532013000",
            currency="EUR",
        )
    )
    session.flush()
    session.add(t.PurchaseOrder(id=10, erp_id="PO10", number="PO-1001", vendor_id=1, currency="EUR"))
    session.add(t.PurchaseOrder(id=11, erp_id="PO11", number="PO-1002", vendor_id=1, currency="EUR"))
    session.flush()
    for line_id, po_id, no, sku, quantity, price in (
        (100, 10, 1, "A-100", 100, "0.50"),
        (101, 10, 2, "B-200", 100, "0.20"),
        (110, 11, 1, "C-300", 50, "3.00"),
    ):
        session.add(
            t.PurchaseOrderLine(
                id=line_id,
                purchase_order_id=po_id,
                line_no=no,
                sku=sku,
                quantity=D(quantity),
                unit_price=D(price),
            )
        )
    session.flush()
    for receipt, po_id in ((1, 10), (2, 11)):
        session.add(
            t.GoodsReceipt(
                id=receipt,
                erp_id=f"GR{receipt}",
                number=f"GR-{receipt}",
                purchase_order_id=po_id,
                received_date=date(2026, 3, 2),
            )
        )
    session.flush()
    for line_id, receipt, quantity in ((100, 1, 100), (101, 1, 100), (110, 2, 50)):
        session.add(
            t.GoodsReceiptLine(goods_receipt_id=receipt, purchase_order_line_id=line_id, quantity=D(quantity))
        )
    for doc in range(1, 6):
        session.add(
            t.Document(
                id=doc,
                sha256=str(doc) * 64,
                original_name=f"{doc}.pdf",
                source_path=f"/in/{doc}.pdf",
                size_bytes=10,
                state="extracted",
            )
        )
    session.flush()


def _overbilled() -> InvoiceExtraction:
    """INV-0042: bolts billed at 0.60 instead of 0.50 (10.00 net too much); 80.00 net, 95.20 gross."""
    return make_invoice(
        [("A-100", "Steel bolts M8 x 40", "100", "0.60"), ("B-200", "Hex nuts M8", "100", "0.20")]
    )


def _credit(
    net: str, *, names: str = "INV-0042", number: str = "CN-7", po: list[str] | None = None
) -> InvoiceExtraction:
    amount = D(net)
    tax = (amount * D("0.19")).quantize(D("0.01"))
    return InvoiceExtraction(
        document_type=DocumentType.CREDIT_NOTE,
        vendor=make_invoice().vendor,
        invoice_number=number,
        invoice_date=date(2026, 3, 9),
        po_numbers=po or [],
        currency="EUR",
        subtotal=-amount,
        tax_total=-tax,
        total=-(amount + tax),
        lines=[
            InvoiceLineExtraction(
                description=f"Price correction {names}, pos. 1",
                quantity=D(1),
                unit_price=-amount,
                amount=-amount,
            )
        ],
    )


def _record(
    session: Session, mirror: Mirror, document_id: int, extraction: InvoiceExtraction
) -> Reconciliation:
    """Store, reconcile and record one document (as the reconcile stage does)."""
    row = t.Invoice(
        document_id=document_id,
        document_type=extraction.document_type.value,
        extraction_method="test",
        invoice_number=extraction.invoice_number,
        invoice_date=extraction.invoice_date,
        po_numbers=list(extraction.po_numbers),
        currency=extraction.currency,
        total=extraction.total,
        extraction=extraction.model_dump(mode="json"),
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    rec = reconcile_invoice(extraction, mirror, load_policy(session), document_id=document_id)
    record_reconciliation(session, row.id, rec)
    mirror.record(extraction, rec)
    return rec


def _propose(session: Session, rec: Reconciliation, extraction: InvoiceExtraction) -> t.Proposal:
    """What the propose stage does for an invoice."""
    draft = pair_credit_notes(session, rec, propose_invoice_action(rec, extraction), extraction)
    return queue_invoice_proposal(session, draft)


def _proposals(session: Session, subject: str) -> list[t.Proposal]:
    return list(
        session.exec(select(t.Proposal).where(t.Proposal.subject_key == subject).order_by(t.Proposal.id))
    )  # type: ignore[arg-type]


def test_credit_note_arriving_after_turns_the_request_into_the_pair(engine: Engine) -> None:
    with db.session_scope(engine) as session:
        # GIVEN INV-0042 overbilled by 10.00 net, proposed as a request for a credit note
        _seed(session)
        mirror = load_mirror(session)
        invoice = _overbilled()
        rec = _record(session, mirror, 1, invoice)
        assert rec.exception_types() == {ExceptionType.PRICE_VARIANCE}
        request = _propose(session, rec, invoice)
        assert request.kind == ProposalKind.INVOICE_REQUEST_CREDIT_NOTE.value
        assert request.payload["credit_amount"] == "10.00"
        # WHEN credit note CN-7 naming INV-0042 arrives, crediting 10.00 net (11.90 gross)
        credit = _record(session, mirror, 2, _credit("10.00"))
        assert credit.credit_note_for == [1] and credit.exception_types() == set()
        queued = settle_credit_requests(session, credit)
        # THEN the request is closed as superseded (kept), and one new proposal approves the pair
        request_id = request.id
        [old, pair] = _proposals(session, "invoice:1")
        assert old.id == request_id and old.state == ProposalState.SUPERSEDED.value
        assert [p.id for p in queued] == [pair.id] and pair.state == ProposalState.PENDING.value
        assert pair.kind == ProposalKind.INVOICE_APPROVE.value and pair.document_id == 1
        # AND it carries both documents, the numbers and a sentence: 95.20 less 11.90 = 83.30
        assert pair.payload["action"] == "approve_payment"
        assert pair.amount == D("83.30") and pair.payload["amount"] == "83.30"
        assert [c["document_id"] for c in pair.payload["credit_notes"]] == [2]
        assert pair.payload["credit_notes"][0]["total"] == "11.90"
        assert pair.working["numbers"]["overcharge"] == "10.00"
        assert pair.working["numbers"]["still_missing"] == "0.00"
        assert "CN-7" in pair.summary and "95.20 less 11.90 = 83.30 EUR" in pair.summary
        # AND the price variance is settled by the credit note, no longer an open exception of the pair
        assert [e["type"] for e in pair.working["settled_exceptions"]] == ["price_variance"]
        assert pair.working["exceptions"] == []
        # AND the invoice's own lines travel with it, matched to their PO lines
        assert [
            (line["sku"], line["unit_price"], line["po_line"]["line_no"]) for line in pair.payload["lines"]
        ] == [
            ("A-100", "0.60", 1),
            ("B-200", "0.20", 2),
        ]
        # AND the supersession is in the audit log, pointing at the pair
        events = session.exec(select(t.AuditEvent).where(t.AuditEvent.action == "proposal.superseded")).all()
        assert [(e.subject, e.data["by"]) for e in events] == [
            (f"proposal:{request_id}", f"proposal:{pair.id}")
        ]
        # AND settling again changes nothing (one pair, same version)
        version = pair.version
        settle_credit_requests(session, credit)
        assert [p.id for p in _proposals(session, "invoice:1")] == [request_id, pair.id]
        assert pair.version == version


def test_the_pair_is_not_auto_approved_past_the_autonomy_policy(engine: Engine) -> None:
    with db.session_scope(engine) as session:
        # GIVEN the pair for INV-0042 and CN-7
        _seed(session)
        mirror = load_mirror(session)
        invoice = _overbilled()
        _propose(session, _record(session, mirror, 1, invoice), invoice)
        [pair] = settle_credit_requests(session, _record(session, mirror, 2, _credit("10.00")))
        # WHEN the default autonomy policy looks at it
        verdict = evaluate_autonomy(session, pair)
        # THEN a person decides: the invoice's price check failed (the credit note settles it, a person agrees)
        assert verdict.rule_id is None
        assert any(reason.startswith("failed_check") for reason in verdict.reasons), verdict.reasons


def test_credit_note_arriving_before_is_relinked_and_the_invoice_proposes_the_pair(engine: Engine) -> None:
    with db.session_scope(engine) as session:
        # GIVEN CN-7 reconciled before the invoice it corrects (held: unlinked)
        _seed(session)
        mirror = load_mirror(session)
        held = _record(session, mirror, 2, _credit("10.00"))
        assert held.exception_types() == {ExceptionType.UNLINKED_CREDIT_NOTE}
        # WHEN INV-0042 is reconciled, the credit notes relinked and settled, and the invoice proposed
        invoice = _overbilled()
        rec = _record(session, mirror, 1, invoice)
        relinked = relink_credit_notes(session, mirror, rec)
        assert [r.document_id for r in relinked] == [2]
        for check in relinked:
            settle_credit_requests(session, check.reconciliation)
        proposal = _propose(session, rec, invoice)
        # THEN the invoice has exactly one proposal, the pair; no request was ever queued
        [only] = _proposals(session, "invoice:1")
        assert only.id == proposal.id and only.kind == ProposalKind.INVOICE_APPROVE.value
        assert only.amount == D("83.30") and only.payload["credit_notes"][0]["invoice_number"] == "CN-7"


def test_partial_credit_leaves_a_request_for_what_is_still_missing(engine: Engine) -> None:
    with db.session_scope(engine) as session:
        # GIVEN INV-0042's request for 10.00
        _seed(session)
        mirror = load_mirror(session)
        invoice = _overbilled()
        request = _propose(session, _record(session, mirror, 1, invoice), invoice)
        version = request.version
        # WHEN a credit note of only 4.00 net arrives
        settle_credit_requests(session, _record(session, mirror, 2, _credit("4.00")))
        # THEN the same request stays open, recalculated to ask for the 6.00 still missing
        [only] = _proposals(session, "invoice:1")
        assert only.id == request.id and only.state == ProposalState.PENDING.value
        assert only.kind == ProposalKind.INVOICE_REQUEST_CREDIT_NOTE.value and only.version == version + 1
        assert only.payload["credit_amount"] == "6.00" and only.payload["overcharge"] == "10.00"
        assert "credits 4.00 of the 10.00 EUR overcharged" in only.summary
        assert "6.00 EUR is still missing" in only.summary
        # WHEN a second credit note brings 5.80 more (0.20 short: within 0.5 % of the 80.00 net)
        [queued] = settle_credit_requests(
            session, _record(session, mirror, 3, _credit("5.80", number="CN-8"))
        )
        # THEN the two together settle it: the request is superseded by the pair, net of both
        assert queued.kind == ProposalKind.INVOICE_APPROVE.value
        assert [c["invoice_number"] for c in queued.payload["credit_notes"]] == ["CN-7", "CN-8"]
        assert queued.amount == D("95.20") - D("4.76") - D("6.90")
        assert "within the tolerance policy" in queued.summary
        assert [p.state for p in _proposals(session, "invoice:1")] == ["superseded", "pending"]


def test_credit_note_for_a_different_invoice_changes_nothing(engine: Engine) -> None:
    with db.session_scope(engine) as session:
        # GIVEN INV-0042 (overbilled, request pending) and INV-0050 on PO-1002 (matched)
        _seed(session)
        mirror = load_mirror(session)
        invoice = _overbilled()
        request = _propose(session, _record(session, mirror, 1, invoice), invoice)
        other = make_invoice(
            [("C-300", "Copper wire 2.5 mm2 (kg)", "50", "3.00")],
            invoice_number="INV-0050",
            invoice_date=date(2026, 3, 6),
            po_numbers=["PO-1002"],
        )
        _propose(session, _record(session, mirror, 3, other), other)
        version = request.version
        # WHEN a credit note of 10.00 naming INV-0050 arrives
        credit = _record(session, mirror, 2, _credit("10.00", names="INV-0050"))
        assert credit.credit_note_for == [3]
        assert settle_credit_requests(session, credit) == []
        # THEN INV-0042's request is untouched and INV-0050 keeps its single approval
        [only] = _proposals(session, "invoice:1")
        assert (only.id, only.kind, only.state, only.version) == (
            request.id,
            ProposalKind.INVOICE_REQUEST_CREDIT_NOTE.value,
            "pending",
            version,
        )
        assert [p.kind for p in _proposals(session, "invoice:3")] == [ProposalKind.INVOICE_APPROVE.value]
        # AND a credit note linked to both by PO and naming neither counts only against the overbilled one
        both = _record(
            session, mirror, 4, _credit("10.50", names="goods", number="CN-9", po=["PO-1001", "PO-1002"])
        )
        assert sorted(both.credit_note_for) == [1, 3]
        [pair] = settle_credit_requests(session, both)
        assert pair.subject_key == "invoice:1" and pair.payload["credit_notes"][0]["invoice_number"] == "CN-9"
