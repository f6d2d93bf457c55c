"""An invoice a person rejected bills nothing (evals/decisions7: the corrected invoice held as over-invoiced or
as the rejected one's duplicate, the vendor's cancellation of it booked as a credit note), and an advance paid on
a PO is owed back by the invoices billing its goods (evals/decisions7: a final invoice billing the whole machine
without deducting the 30 % deposit, proposed for payment as matching its PO)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from opsloop.domain.erp import ExceptionType, TolerancePolicy
from opsloop.domain.invoices import DocumentType, InvoiceExtraction
from opsloop.reconcile import Mirror, propose_invoice_action, reconcile_invoice

D = Decimal
Factory = Callable[..., InvoiceExtraction]
DEAR = [("A-100", "Steel bolts M8 x 40", "100", "0.56"), ("B-200", "Hex nuts M8", "100", "0.20")]


def _failed(rec: object) -> set[str]:
    return {c.name for c in rec.checks if c.passed is False}  # type: ignore[attr-defined]


def _rejected(mirror: Mirror, invoice: InvoiceExtraction, policy: TolerancePolicy, document_id: int) -> None:
    """`invoice` reconciled and recorded, then rejected by a person (as `load_mirror` reads it back)."""
    rec = reconcile_invoice(invoice, mirror, policy, document_id=document_id)
    prior = mirror.record(invoice, rec)
    mirror.add_invoice(replace(prior, rejected=True, billed=(), periods=()))


def _storno(invoice_factory: Factory, wrong: InvoiceExtraction) -> InvoiceExtraction:
    """The vendor's cancellation of `wrong`: its lines and amounts negative."""
    return invoice_factory(
        lines=[(sku, text, f"-{q}", p) for sku, text, q, p in DEAR],
        invoice_number="ST-50",
        document_type=DocumentType.CREDIT_NOTE,
        subtotal=-(wrong.subtotal or D(0)),
        tax_total=-(wrong.tax_total or D(0)),
        total=-(wrong.total or D(0)),
    )


def test_the_corrected_invoice_of_a_rejected_one_bills_the_po(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN an invoice 12 % above the PO, rejected by a person
    _rejected(mirror, invoice_factory(lines=DEAR, invoice_number="INV-50"), policy, 3)
    # WHEN the corrected invoice comes under a new number, at the PO's prices
    rec = reconcile_invoice(invoice_factory(invoice_number="INV-51"), mirror, policy, document_id=4)
    # THEN the PO is not billed by the rejected one: it matches
    assert rec.exceptions == []
    assert len(rec.billed_lines()) == 2


def test_a_corrected_invoice_under_the_rejected_ones_number_is_no_copy_but_a_copy_is(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    _rejected(mirror, invoice_factory(lines=DEAR, invoice_number="INV-50"), policy, 3)
    rec = reconcile_invoice(invoice_factory(invoice_number="INV-50"), mirror, policy, document_id=4)
    assert ExceptionType.DUPLICATE not in rec.exception_types() and rec.exceptions == []
    assert "corrects_a_rejected_invoice" in {c.name for c in rec.checks if c.passed}
    # the rejected invoice sent again as it was (same number, same amount) stays a copy of it
    rec = reconcile_invoice(
        invoice_factory(lines=DEAR, invoice_number="INV-50"), mirror, policy, document_id=5
    )
    assert ExceptionType.DUPLICATE in rec.exception_types()


def test_a_credit_note_cancelling_a_rejected_invoice_books_nothing(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    wrong = invoice_factory(lines=DEAR, invoice_number="INV-50")
    _rejected(mirror, wrong, policy, 3)
    storno = _storno(invoice_factory, wrong)
    rec = reconcile_invoice(storno, mirror, policy, document_id=4)
    assert rec.credit_note_for == [3]
    assert ExceptionType.CREDITS_REJECTED_INVOICE in rec.exception_types()
    assert rec.billed_lines() == ()  # it gives no units back to the PO
    assert propose_invoice_action(rec, storno).payload.get("action") != "book_credit_note"


def test_a_credit_note_for_a_booked_invoice_is_booked(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    wrong = invoice_factory(lines=DEAR, invoice_number="INV-50")
    mirror.record(wrong, reconcile_invoice(wrong, mirror, policy, document_id=3))
    storno = _storno(invoice_factory, wrong)
    rec = reconcile_invoice(storno, mirror, policy, document_id=4)
    assert ExceptionType.CREDITS_REJECTED_INVOICE not in rec.exception_types()


def _deposit(mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory) -> None:
    deposit = invoice_factory(
        lines=[(None, "Anzahlung 30 % auf Ihre Bestellung PO-1001", "1", "21.00")],
        invoice_number="AZ-7",
        extraction_method="rules",
    )
    text = "ACME Fasteners GmbH\n\nANZAHLUNGSRECHNUNG\nNr. AZ-7\nAnzahlung 30 % auf Ihre Bestellung PO-1001   21,00\n"
    mirror.record(deposit, reconcile_invoice(deposit, mirror, policy, document_id=3, document_text=text))


def test_a_final_invoice_that_forgets_the_advance_is_over_invoiced(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN a 30 % deposit on PO-1001 (70.00)
    _deposit(mirror, policy, invoice_factory)
    # WHEN the final invoice bills all of PO-1001 and deducts nothing
    final = invoice_factory(invoice_number="INV-78", extraction_method="rules")
    rec = reconcile_invoice(final, mirror, policy, document_id=4, document_text="RECHNUNG INV-78\n")
    # THEN it asks 21.00 more than the PO is worth: held, never proposed for payment
    assert ExceptionType.OVER_INVOICED in rec.exception_types()
    assert "advance_deducted" in _failed(rec)
    sentence = next(c.sentence for c in rec.checks if c.name == "advance_deducted")
    assert "AZ-7" in sentence and "91.00" in sentence and "70.00" in sentence
    assert propose_invoice_action(rec, final).payload.get("action") != "approve_payment"


def test_a_first_part_invoice_within_the_po_with_the_advance_passes(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    _deposit(mirror, policy, invoice_factory)
    part = invoice_factory(
        lines=[("A-100", "Steel bolts M8 x 40", "50", "0.50")],
        invoice_number="INV-79",
        extraction_method="rules",
    )
    rec = reconcile_invoice(part, mirror, policy, document_id=4, document_text="RECHNUNG INV-79\n")
    assert "advance_deducted" in {c.name for c in rec.checks if c.passed}
    assert ExceptionType.OVER_INVOICED not in rec.exception_types()
