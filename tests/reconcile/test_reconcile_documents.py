"""A credit note is never proposed for payment, whatever the sign of its amounts or how it was read;
it never asks for a credit note; a possible duplicate is shown beside its look-alike."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from opsloop.domain.erp import (
    BilledLine,
    ExceptionType,
    PriorInvoiceRecord,
    Reconciliation,
    ReconciliationException,
    ReconciliationStatus,
    TolerancePolicy,
    VendorResolution,
)
from opsloop.domain.invoices import DocumentType, InvoiceExtraction
from opsloop.domain.proposals import ProposalKind
from opsloop.reconcile import Mirror, propose_invoice_action, reconcile_invoice
from opsloop.reconcile.proposals import payable

D = Decimal
Factory = Callable[..., InvoiceExtraction]


def test_an_invoice_with_a_negative_total_is_handled_as_a_credit_note(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    invoice = invoice_factory(lines=[("A-100", "Steel bolts M8 x 40", "-10", "0.50")], total=D("-5.95"))
    rec = reconcile_invoice(invoice, mirror, policy, document_id=3)
    assert rec.document_type == "credit_note"
    draft = propose_invoice_action(rec, invoice)
    assert draft.payload["action"] != "approve_payment"


def test_a_page_titled_as_a_credit_note_is_one_even_with_positive_amounts(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN a credit note with positive amounts, read as an invoice because "INVOICE TO" stands above its title
    text = (
        "INVOICE TO\nNordwind Handels GmbH\n\n                      CREDIT NOTE No. CN-77\nDate 2026-03-05\n"
    )
    invoice = invoice_factory(extraction_method="rules")
    rec = reconcile_invoice(invoice, mirror, policy, document_id=3, document_text=text)
    # THEN it is a credit note: never paid; it gives units back instead of billing them
    assert rec.document_type == "credit_note" and all(b.quantity < 0 for b in rec.billed_lines())
    assert propose_invoice_action(rec, invoice).payload["action"] != "approve_payment"
    # AND an invoice whose lines mention a credit note is still an invoice
    text = "RECHNUNG 4711\nPos 1  Gutschrift für Retoure verrechnet  0,00\n"
    assert (
        reconcile_invoice(invoice, mirror, policy, document_id=3, document_text=text).document_type
        == "invoice"
    )


def test_a_credit_note_never_requests_a_credit_note() -> None:
    # GIVEN a credit note whose only problems would ask for a credit note on an invoice
    rec = Reconciliation(
        status=ReconciliationStatus.EXCEPTION,
        policy_version="p",
        document_type="credit_note",
        total=D("-100"),
        vendor=VendorResolution(vendor_id=1, erp_id="V-1", name="ACME"),
        exceptions=[
            ReconciliationException(
                type=ExceptionType.PRICE_VARIANCE, severity="medium", sentence="x", amount=D(5)
            )
        ],
    )
    # THEN it is held, never a request for a credit note
    assert propose_invoice_action(rec).kind is ProposalKind.INVOICE_HOLD


def test_a_request_for_a_credit_note_needs_money_overbilled() -> None:
    rec = Reconciliation(
        status=ReconciliationStatus.EXCEPTION,
        policy_version="p",
        document_type="invoice",
        total=D("100"),
        vendor=VendorResolution(vendor_id=1, erp_id="V-1", name="ACME"),
        exceptions=[
            ReconciliationException(type=ExceptionType.TOTAL_VARIANCE, severity="medium", sentence="x")
        ],
    )
    assert propose_invoice_action(rec).kind is ProposalKind.INVOICE_HOLD


def test_only_an_invoice_without_negative_amounts_is_payable() -> None:
    vendor = VendorResolution()
    base = {"status": ReconciliationStatus.MATCHED, "policy_version": "p", "vendor": vendor}
    assert payable(Reconciliation(**base, document_type="invoice", total=D(10)))  # type: ignore[arg-type]
    assert not payable(Reconciliation(**base, document_type="credit_note", total=D(10)))  # type: ignore[arg-type]
    assert not payable(Reconciliation(**base, document_type="invoice", total=D(-10)))  # type: ignore[arg-type]


def test_a_matched_credit_note_is_booked_not_paid(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    original = invoice_factory()
    mirror.record(original, reconcile_invoice(original, mirror, policy, document_id=1))
    credit = invoice_factory(
        document_type=DocumentType.CREDIT_NOTE,
        invoice_number="CN-1",
        lines=[],
        total=D("5.00"),
        subtotal=D("4.20"),
    )
    rec = reconcile_invoice(credit, mirror, policy, document_id=2)
    draft = propose_invoice_action(rec, credit)
    assert draft.payload["action"] in ("book_credit_note", "hold")


def test_a_possible_duplicate_is_proposed_with_both_documents(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    invoice = invoice_factory(invoice_number="INV-9")
    mirror.add_invoice(
        PriorInvoiceRecord(
            document_id=4,
            vendor_id=1,
            invoice_number="INV-8",
            invoice_date=date(2026, 3, 4),
            total=invoice.total,
        )
    )
    rec = reconcile_invoice(invoice, mirror, policy, document_id=5)
    draft = propose_invoice_action(rec, invoice)
    # THEN an approval (the amount alone decides nothing) that shows the other document and says why
    assert draft.kind is ProposalKind.INVOICE_APPROVE
    assert {"label": "possible duplicate of document", "ids": [4]} in draft.working["evidence"]
    assert draft.working["warnings"][0]["type"] == "possible_duplicate"
    assert "side by side" in draft.summary


def test_the_same_invoice_number_is_still_a_duplicate(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    mirror.add_invoice(PriorInvoiceRecord(document_id=4, vendor_id=1, invoice_number="inv 42", total=D(1)))
    rec = reconcile_invoice(invoice_factory(), mirror, policy, document_id=5)
    assert rec.exception_types() == {ExceptionType.DUPLICATE} and rec.duplicate_of == [4]


def test_a_duplicate_hold_names_the_document_it_repeats(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN invoice INV-0042 already in opsloop as document 17 (its PDF), and the same invoice again (a scan)
    invoice = invoice_factory()
    mirror.add_invoice(
        PriorInvoiceRecord(document_id=17, vendor_id=1, invoice_number="INV-0042", total=invoice.total)
    )
    rec = reconcile_invoice(invoice, mirror, policy, document_id=18)
    # THEN the hold's sentence, and the proposal a clerk reads, say which document it repeats
    [duplicate] = rec.exceptions
    assert "duplicate of document 17" in duplicate.sentence
    assert "document 17" in propose_invoice_action(rec, invoice).summary
    # AND a scan that lost its PO as well is said to be the duplicate first, before the missing PO
    scan = invoice_factory(po_numbers=[], lines=[("A-100", "Steel bolts", "7", "0.50")], subtotal=D("3.50"))
    rec = reconcile_invoice(scan, mirror, policy, document_id=19)
    assert ExceptionType.DUPLICATE in rec.exception_types() and len(rec.exceptions) > 1
    assert propose_invoice_action(rec, scan).summary.startswith("This looks like a duplicate of document 17")


def test_the_proposal_carries_what_the_autonomy_policy_reads(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    invoice = invoice_factory()
    rec = reconcile_invoice(invoice, mirror, policy, document_id=5)
    draft = propose_invoice_action(rec, invoice)
    assert draft.working["numbers"]["po_resolution"] == "referenced"
    assert draft.working["numbers"]["document_type"] == "invoice"
    assert "fields" in draft.working


@pytest.mark.parametrize(
    ("number", "billed", "duplicate"),
    [
        # its scan, the number read as INV-0O42, after INV-0042 billed PO-1001 in full: the twin, named
        ("INV-0042", (BilledLine(100, D(100)), BilledLine(101, D(100))), True),
        # another invoice of the same amount that billed PO-1002: PO-1001 is open, only a look-alike
        ("INV-0041", (BilledLine(110, D(50)),), False),
    ],
)
def test_a_same_amount_invoice_that_billed_the_quoted_po_in_full_is_the_twin(
    mirror: Mirror,
    policy: TolerancePolicy,
    invoice_factory: Factory,
    number: str,
    billed: tuple[BilledLine, ...],
    duplicate: bool,
) -> None:
    # GIVEN document 17, an earlier invoice of the vendor of the same amount and date, with its billing
    original = invoice_factory()
    mirror.add_invoice(
        PriorInvoiceRecord(
            document_id=17,
            vendor_id=1,
            invoice_number=number,
            invoice_date=original.invoice_date,
            total=original.total,
            billed=billed,
        )
    )
    rec = reconcile_invoice(invoice_factory(invoice_number="INV-0O42"), mirror, policy, document_id=18)
    if duplicate:
        # THEN it is held as a duplicate of document 17, not only as a PO billed in full
        assert rec.exception_types() == {ExceptionType.DUPLICATE} and rec.duplicate_of == [17]
        assert "duplicate of document 17" in rec.exceptions[0].sentence
    else:
        assert ExceptionType.DUPLICATE not in rec.exception_types()
