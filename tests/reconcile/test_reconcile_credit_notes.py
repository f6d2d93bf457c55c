"""Credit notes: linked by the invoice number they name, by PO or by amount; units given back at the PO
price reduce the billed quantities, price corrections do not; a credit note that arrived before its
invoice is linked when the invoice is reconciled (relink_credit_notes); and a clerk hint for a PO
number that is not in the ERP."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import Session, select

from opsloop.domain.erp import ExceptionType, ReconciliationStatus, TolerancePolicy
from opsloop.domain.invoices import DocumentType, InvoiceExtraction
from opsloop.domain.proposals import ProposalKind
from opsloop.reconcile import (
    Mirror,
    load_mirror,
    load_policy,
    reconcile_invoice,
    record_reconciliation,
    relink_credit_notes,
)
from opsloop.store import db
from opsloop.store import tables as t
from tests.conftest import keyed

D = Decimal
Factory = Callable[..., InvoiceExtraction]


def _credit_note(
    factory: Factory, lines: list[tuple[str | None, str, str, str]], **fields: object
) -> InvoiceExtraction:
    amount = sum((D(q) * D(p) for _, _, q, p in lines), D(0))
    data: dict[str, object] = {
        "document_type": DocumentType.CREDIT_NOTE,
        "invoice_number": "CN-7",
        "invoice_date": date(2026, 3, 9),
        "subtotal": amount,
        "tax_total": D(0),
        "total": amount,
    }
    data.update(fields)
    return factory(lines, **data)


def test_credit_note_names_the_invoice_number_in_a_line(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN invoice INV-0042 on PO-1001 recorded
    invoice = invoice_factory()
    mirror.record(invoice, reconcile_invoice(invoice, mirror, policy, document_id=1))
    # WHEN a credit note without a PO and of another amount names "INV 42" in a line
    credit = _credit_note(
        invoice_factory, [(None, "Price correction inv-0042, pos. 2", "100", "-0.05")], po_numbers=[]
    )
    rec = reconcile_invoice(credit, mirror, policy, document_id=2)
    # THEN it is linked to that invoice by the number it names
    assert rec.credit_note_for == [1]
    assert rec.exception_types() == set()


def test_units_given_back_reduce_billing_price_corrections_do_not(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN PO-1001 fully billed (100 bolts, 100 nuts) by invoice 1
    invoice = invoice_factory()
    mirror.record(invoice, reconcile_invoice(invoice, mirror, policy, document_id=1))
    assert mirror.billed_qty(100) == D(100)
    # WHEN a credit note gives back 10 bolts at the PO price and corrects the nuts' price by 0.05
    credit = _credit_note(
        invoice_factory,
        [("A-100", "Steel bolts M8 x 40, returned", "-10", "0.50"), ("B-200", "Hex nuts M8", "100", "-0.05")],
        invoice_number="CN-8",
    )
    rec = reconcile_invoice(credit, mirror, policy, document_id=2)
    mirror.record(credit, rec)
    # THEN only the bolts count as given back: 90 bolts stay billed, the nuts stay at 100
    assert [(c.po_line_id, c.quantity) for c in rec.credited_lines] == [(100, D(10))]
    assert mirror.billed_qty(100) == D(90) and mirror.billed_qty(101) == D(100)
    sentence = next(c.sentence for c in rec.checks if c.name == "credit_note_lines")
    assert (
        "gives back 10 of PO-1001 line 1" in sentence and "corrects the price of PO-1001 line 2" in sentence
    )
    # AND a later invoice for the 10 bolts again is not over-invoiced
    again = invoice_factory(
        [("A-100", "Steel bolts M8 x 40", "10", "0.50")],
        invoice_number="INV-0050",
        invoice_date=date(2026, 3, 20),
    )
    later = reconcile_invoice(again, mirror, policy, document_id=3)
    assert ExceptionType.OVER_INVOICED not in later.exception_types(), later.exceptions
    # AND a duplicate credit note gives nothing back
    copy = reconcile_invoice(credit, mirror, policy, document_id=4)
    assert ExceptionType.DUPLICATE in copy.exception_types() and copy.billed_lines() == ()


def test_missing_po_sentence_names_the_one_plausible_open_po(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN an invoice of 70.00 net quoting PO-9999; ACME's only open PO worth 70.00 is PO-1001
    rec = reconcile_invoice(invoice_factory(po_numbers=["PO-9999"]), mirror, policy)
    # THEN still missing_po, and the sentence hints at PO-1001
    assert rec.exception_types() == {ExceptionType.MISSING_PO}
    assert rec.status is ReconciliationStatus.EXCEPTION
    assert "Hint: PO-1001" in rec.exceptions[0].sentence and "70.00" in rec.exceptions[0].sentence
    # WHEN the amount fits no open PO (or several), THEN no hint
    odd = invoice_factory([("A-100", "Steel bolts M8 x 40", "3", "0.50")], po_numbers=["PO-9999"])
    assert "Hint" not in reconcile_invoice(odd, mirror, policy).exceptions[0].sentence


# --------------------------------------------------------------------------- in the database


@pytest.fixture
def engine(tmp_path: Path):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'opsloop.db'}"
    db.upgrade(url)
    engine = keyed(db.make_engine(url), tmp_path)
    yield engine
    engine.dispose()


def _seed(session: Session) -> None:
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
    session.flush()
    for line_id, sku, price in ((100, "A-100", "0.50"), (101, "B-200", "0.20")):
        session.add(
            t.PurchaseOrderLine(
                id=line_id,
                purchase_order_id=10,
                line_no=line_id - 99,
                sku=sku,
                quantity=D(100),
                unit_price=D(price),
            )
        )
    session.flush()
    session.add(
        t.GoodsReceipt(
            id=1, erp_id="GR1", number="GR-1", purchase_order_id=10, received_date=date(2026, 3, 2)
        )
    )
    session.flush()
    for line_id in (100, 101):
        session.add(t.GoodsReceiptLine(goods_receipt_id=1, purchase_order_line_id=line_id, quantity=D(100)))
    for doc in (1, 2):
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


def _store(session: Session, document_id: int, extraction: InvoiceExtraction) -> int:
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
    return row.id


def test_credit_note_before_its_invoice_is_linked_when_the_invoice_arrives(
    engine,
    invoice_factory: Factory,  # type: ignore[no-untyped-def]
) -> None:
    # GIVEN a credit note naming INV-0042 (no PO, returning 10 bolts) reconciled before the invoice
    credit = _credit_note(
        invoice_factory, [("A-100", "Return of 10 bolts, invoice INV-0042", "-10", "0.50")], po_numbers=[]
    )
    invoice = invoice_factory(invoice_date=date(2026, 3, 12))
    with db.session_scope(engine) as session:
        _seed(session)
        credit_id = _store(session, 2, credit)
        mirror = load_mirror(session)
        policy = load_policy(session)
        held = reconcile_invoice(credit, mirror, policy, document_id=2)
        record_reconciliation(session, credit_id, held)
        mirror.record(credit, held)
        assert held.exception_types() == {ExceptionType.UNLINKED_CREDIT_NOTE}
        # WHEN the invoice is reconciled and recorded, and then its vendor's credit notes re-linked
        invoice_id = _store(session, 1, invoice)
        rec = reconcile_invoice(invoice, mirror, policy, document_id=1)
        record_reconciliation(session, invoice_id, rec)
        mirror.record(invoice, rec)
        results = relink_credit_notes(session, mirror, rec)
        # THEN the credit note is linked to the invoice and proposed for booking
        assert [r.document_id for r in results] == [2]
        assert results[0].reconciliation.credit_note_for == [1]
        assert results[0].previous_exceptions == ["unlinked_credit_note"] and results[0].released
        assert results[0].proposal.kind is ProposalKind.INVOICE_APPROVE
        assert results[0].proposal.payload["action"] == "book_credit_note"
        # AND the 10 bolts it gives back no longer count as billed, in this mirror and a fresh one
        assert mirror.billed_qty(100) == D(90)
        assert load_mirror(session).billed_qty(100) == D(90)
        # AND nothing is left to relink
        assert relink_credit_notes(session, mirror, rec) == []
    with db.session_scope(engine) as session:
        rows = session.exec(
            select(t.InvoiceReconciliation).where(t.InvoiceReconciliation.invoice_id == credit_id)
        ).all()
        assert [(r.status, r.current) for r in rows] == [("exception", False), ("matched", True)]


def test_relink_leaves_other_vendors_and_unlinkable_credit_notes_alone(
    engine,
    invoice_factory: Factory,  # type: ignore[no-untyped-def]
) -> None:
    # GIVEN a held credit note that names nothing the new invoice matches
    credit = _credit_note(
        invoice_factory, [(None, "Goodwill", "1", "-3.00")], po_numbers=[], total=D("-3.00")
    )
    invoice = invoice_factory()
    with db.session_scope(engine) as session:
        _seed(session)
        credit_id = _store(session, 2, credit)
        mirror = load_mirror(session)
        policy = load_policy(session)
        held = reconcile_invoice(credit, mirror, policy, document_id=2)
        record_reconciliation(session, credit_id, held)
        invoice_id = _store(session, 1, invoice)
        rec = reconcile_invoice(invoice, mirror, policy, document_id=1)
        record_reconciliation(session, invoice_id, rec)
        mirror.record(invoice, rec)
        # WHEN re-linking after the invoice, THEN nothing is linked or recorded
        assert relink_credit_notes(session, mirror, rec) == []
        # AND a credit note's own reconciliation never triggers re-linking
        assert relink_credit_notes(session, mirror, held) == []
        count = session.exec(select(t.InvoiceReconciliation)).all()
        assert len(count) == 2


def test_a_stored_credit_note_remembers_the_invoices_it_corrects(
    engine,
    invoice_factory: Factory,  # type: ignore[no-untyped-def]
) -> None:
    # GIVEN an invoice and a credit note naming it, reconciled and stored
    invoice = invoice_factory()
    credit = _credit_note(invoice_factory, [(None, "Price correction INV-0042", "1", "-5.00")], po_numbers=[])
    with db.session_scope(engine) as session:
        _seed(session)
        mirror = load_mirror(session)
        policy = load_policy(session)
        for document_id, document in ((1, invoice), (2, credit)):
            rec = reconcile_invoice(document, mirror, policy, document_id=document_id)
            record_reconciliation(session, _store(session, document_id, document), rec)
            mirror.record(document, rec)
        # THEN a fresh mirror knows which invoice the credit note corrects (a later one crediting it again sees it)
        assert load_mirror(session).invoices[2].credits == (1,)
        assert load_mirror(session).invoices[1].credits == ()
