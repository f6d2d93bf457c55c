"""The issue's scenario table: each scenario GIVEN a small mirror, WHEN reconciled, THEN status,
exceptions, proposal and the sentence a clerk reads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal

from opsloop.domain.erp import (
    BilledLine,
    ExceptionType,
    PriorInvoiceRecord,
    ReceiptLineRecord,
    Reconciliation,
    ReconciliationStatus,
    TolerancePolicy,
)
from opsloop.domain.invoices import DocumentType, InvoiceExtraction, VendorExtraction
from opsloop.domain.proposals import ProposalKind
from opsloop.reconcile import Mirror, propose_invoice_action, reconcile_invoice

D = Decimal
Factory = Callable[..., InvoiceExtraction]


def _check(rec: Reconciliation, name: str) -> str:
    found = [c for c in rec.checks if c.name == name]
    assert found, f"no check {name}: {[c.name for c in rec.checks]}"
    return found[0].sentence


def test_exact_match_is_matched_and_approved(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN an invoice that bills PO-1001 exactly, fully received
    invoice = invoice_factory()
    # WHEN reconciled
    rec = reconcile_invoice(invoice, mirror, policy, document_id=1)
    # THEN it is matched, every check passed, and approval is proposed
    assert rec.status is ReconciliationStatus.MATCHED, rec.exceptions
    assert rec.vendor.method == "vat_id" and rec.vendor.erp_id == "V-ACME"
    assert rec.po_numbers == ["PO-1001"] and rec.po_resolution == "referenced"
    assert all(c.passed is not False for c in rec.checks)
    assert rec.policy_version == policy.version
    assert [m.method for m in rec.lines] == ["sku", "sku"]
    proposal = propose_invoice_action(rec)
    assert proposal.kind is ProposalKind.INVOICE_APPROVE
    assert proposal.subject_key == "invoice:1"
    assert "exactly" in proposal.summary


def test_price_within_tolerance_is_matched_within_tolerance(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN bolts billed at 0.51 instead of 0.50 (+2.0%, the limit is 2% and 5.00)
    invoice = invoice_factory(
        [("A-100", "Steel bolts M8 x 40", "100", "0.51"), ("B-200", "Hex nuts M8", "100", "0.20")]
    )
    # WHEN reconciled
    rec = reconcile_invoice(invoice, mirror, policy)
    # THEN it passes within tolerance, recording the variance on the line
    assert rec.status is ReconciliationStatus.MATCHED_WITHIN_TOLERANCE
    assert rec.lines[0].price_variance == D("0.01") and rec.lines[0].price_variance_pct == D("2.00")
    assert "within tolerance" in _check(rec, "prices_within_tolerance")
    assert propose_invoice_action(rec).kind is ProposalKind.INVOICE_APPROVE


def test_price_over_tolerance_requests_a_credit_note(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN bolts billed at 0.55 instead of 0.50 (+10%)
    invoice = invoice_factory(
        [("A-100", "Steel bolts M8 x 40", "100", "0.55"), ("B-200", "Hex nuts M8", "100", "0.20")]
    )
    # WHEN reconciled
    rec = reconcile_invoice(invoice, mirror, policy)
    # THEN a price variance on line 1 with the overcharge, and a credit note is requested
    assert rec.status is ReconciliationStatus.EXCEPTION
    assert rec.exception_types() == {ExceptionType.PRICE_VARIANCE}
    exception = rec.exceptions[0]
    assert exception.line == 1 and exception.amount == D("5.00")
    assert "0.55" in exception.sentence and "0.50" in exception.sentence and "10.00%" in exception.sentence
    proposal = propose_invoice_action(rec)
    assert proposal.kind is ProposalKind.INVOICE_REQUEST_CREDIT_NOTE
    assert proposal.payload["credit_amount"] == "5.00"


def test_partial_receipt_holds_the_unreceived_part(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN 20 gloves ordered (PO-1003), 12 received, and an invoice for all 20
    mirror.add_receipt_line(ReceiptLineRecord(120, D(12)))
    full = invoice_factory([("D-400", "Safety gloves, size L", "20", "4.00")], po_numbers=["PO-1003"])
    partial = invoice_factory([("D-400", "Safety gloves, size L", "12", "4.00")], po_numbers=["PO-1003"])
    # WHEN both are reconciled
    rec_full = reconcile_invoice(full, mirror, policy)
    rec_partial = reconcile_invoice(partial, mirror, policy)
    # THEN the full invoice has a quantity variance (8 not received); the partial one matches
    assert rec_full.exception_types() == {ExceptionType.QUANTITY_VARIANCE}
    assert "only 12 received" in rec_full.exceptions[0].sentence
    assert rec_full.lines[0].qty_over_received == D(8)
    assert rec_partial.status is ReconciliationStatus.MATCHED
    assert propose_invoice_action(rec_full).kind is ProposalKind.INVOICE_HOLD


def test_partial_invoices_net_earlier_billing(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN 60 of 100 bolts already billed by an earlier invoice
    first = invoice_factory([("A-100", "Steel bolts M8 x 40", "60", "0.50")], invoice_number="INV-1")
    mirror.record(first, reconcile_invoice(first, mirror, policy, document_id=1))
    # WHEN the rest (40) and then 10 more are invoiced
    rest = invoice_factory([("A-100", "Steel bolts M8 x 40", "40", "0.50")], invoice_number="INV-2")
    rec_rest = reconcile_invoice(rest, mirror, policy, document_id=2)
    mirror.record(rest, rec_rest)
    extra = invoice_factory([("A-100", "Steel bolts M8 x 40", "10", "0.50")], invoice_number="INV-3")
    rec_extra = reconcile_invoice(extra, mirror, policy, document_id=3)
    # THEN the rest matches, the extra 10 are over-invoiced against the PO
    assert rec_rest.status is ReconciliationStatus.MATCHED
    assert rec_rest.lines[0].previously_billed_qty == D(60)
    assert ExceptionType.OVER_INVOICED in rec_extra.exception_types()
    assert "10 more than ordered" in " ".join(e.sentence for e in rec_extra.exceptions)


def test_over_invoicing_beyond_the_order(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN 120 bolts invoiced against an order of 100
    invoice = invoice_factory([("A-100", "Steel bolts M8 x 40", "120", "0.50")])
    # WHEN reconciled
    rec = reconcile_invoice(invoice, mirror, policy)
    # THEN over-invoiced by 20 (10.00 at stake), not also flagged as unreceived; credit note requested
    assert rec.exception_types() == {ExceptionType.OVER_INVOICED}
    assert rec.exceptions[0].amount == D("10.00")
    assert propose_invoice_action(rec).kind is ProposalKind.INVOICE_REQUEST_CREDIT_NOTE


def test_bulk_category_tolerates_a_small_overdelivery(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN copper wire (category bulk: 5% quantity tolerance) invoiced 52 kg against 50 ordered and received
    mirror.add_receipt_line(ReceiptLineRecord(110, D(2)))
    invoice = invoice_factory([("C-300", "Copper wire 2.5 mm2 (kg)", "52", "3.00")], po_numbers=["PO-1002"])
    # WHEN reconciled
    rec = reconcile_invoice(invoice, mirror, policy)
    # THEN the 2 kg over the order are within the category's tolerance
    assert rec.status is ReconciliationStatus.MATCHED_WITHIN_TOLERANCE, rec.exceptions
    assert rec.lines[0].qty_over_po == D(2)


def test_missing_po_number_not_in_erp(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN an invoice quoting a PO that does not exist
    invoice = invoice_factory(po_numbers=["PO-9999"])
    # WHEN reconciled
    rec = reconcile_invoice(invoice, mirror, policy)
    # THEN missing_po, saying which number and what to do
    assert rec.exception_types() == {ExceptionType.MISSING_PO}
    assert "PO-9999" in rec.exceptions[0].sentence and "not in the ERP" in rec.exceptions[0].sentence
    assert propose_invoice_action(rec).payload["release_when"] == [
        "the PO is created or its number corrected"
    ]


def test_po_inferred_without_a_number(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN an invoice quoting no PO, whose lines are on ACME's PO-1001
    invoice = invoice_factory(po_numbers=[])
    # WHEN reconciled
    rec = reconcile_invoice(invoice, mirror, policy)
    # THEN PO-1001 is inferred and the invoice matches within tolerance (not exactly: the PO was not quoted)
    assert rec.po_resolution == "inferred" and rec.po_numbers == ["PO-1001"]
    assert rec.status is ReconciliationStatus.MATCHED_WITHIN_TOLERANCE
    assert "quotes no PO" in _check(rec, "purchase_orders_found")


def test_po_number_reformatted_still_found(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN the PO quoted as "po 01001" and as the bare number
    for quoted in ("po 01001", "1001"):
        rec = reconcile_invoice(invoice_factory(po_numbers=[quoted]), mirror, policy)
        # THEN it is PO-1001
        assert rec.po_numbers == ["PO-1001"], quoted
        assert rec.status is ReconciliationStatus.MATCHED


def test_unknown_vendor_lists_nearest_candidates(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN a sender the ERP does not know, with a name close to two vendors
    vendor = VendorExtraction(
        name="Acme Fastening Solutions", vat_id="FR99999999999", iban="FR7630006000011234567890189"
    )
    invoice = invoice_factory(vendor=vendor)
    # WHEN reconciled
    rec = reconcile_invoice(invoice, mirror, policy)
    # THEN unknown_vendor, never a vendor created, with the nearest candidates named
    assert ExceptionType.UNKNOWN_VENDOR in rec.exception_types()
    assert rec.vendor.vendor_id is None
    assert rec.vendor.candidates and rec.vendor.candidates[0].erp_id == "V-ACME"
    assert "ACME Fasteners GmbH" in rec.exceptions[0].sentence
    proposal = propose_invoice_action(rec)
    assert proposal.kind is ProposalKind.INVOICE_HOLD and proposal.urgency == 0.9


def test_vendor_found_by_fuzzy_name_without_ids(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN an invoice with a misspelt vendor name and no VAT id or IBAN
    invoice = invoice_factory(vendor=VendorExtraction(name="ACME Fastners GmbH."))
    # WHEN reconciled
    rec = reconcile_invoice(invoice, mirror, policy)
    # THEN the vendor is identified by fuzzy name; the match is within tolerance, not exact
    assert rec.vendor.method == "fuzzy_name" and rec.vendor.erp_id == "V-ACME"
    assert rec.status is ReconciliationStatus.MATCHED_WITHIN_TOLERANCE


def test_iban_changed_is_a_high_risk_hold(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN ACME's invoice (VAT id matches) asking for payment to a new IBAN
    vendor = VendorExtraction(
        name="ACME Fasteners GmbH", vat_id="DE 111 111 111", iban="LT12 1000 0111 0100 1000"
    )
    invoice = invoice_factory(vendor=vendor)
    # WHEN reconciled
    rec = reconcile_invoice(invoice, mirror, policy)
    # THEN iban_changed, high severity, the new IBAN and the account on file (its last four) in the
    # sentence; the invoice is held
    assert rec.exception_types() == {ExceptionType.IBAN_CHANGED}
    exception = rec.exceptions[0]
    assert exception.severity == "high"
    assert "LT121000011101001000" in exception.sentence and "ends in 3000" in exception.sentence
    assert propose_invoice_action(rec).kind is ProposalKind.INVOICE_HOLD


def test_duplicate_with_a_reformatted_number(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN invoice INV-0042 already recorded
    first = invoice_factory(invoice_number="INV-0042")
    mirror.record(first, reconcile_invoice(first, mirror, policy, document_id=1))
    # WHEN the same invoice arrives as "inv 42" (different amount and date, so only the number can tell)
    again = invoice_factory(
        [("A-100", "Steel bolts M8 x 40", "10", "0.50")],
        invoice_number="lnv 0O42",
        invoice_date=date(2026, 5, 1),
    )
    rec = reconcile_invoice(again, mirror, policy, document_id=2)
    # THEN it is a duplicate of document 1
    assert ExceptionType.DUPLICATE in rec.exception_types()
    assert rec.duplicate_of == [1]
    assert "same invoice number" in _check(rec, "not_a_duplicate")
    # AND re-reconciling the first invoice does not call it its own duplicate
    assert reconcile_invoice(first, mirror, policy, document_id=1).status is ReconciliationStatus.MATCHED


def test_the_same_amount_within_days_is_only_a_possible_duplicate(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN an earlier ACME invoice of the same total three days before, with another number
    invoice = invoice_factory(invoice_number="INV-7777")
    mirror.add_invoice(
        PriorInvoiceRecord(
            document_id=5,
            vendor_id=1,
            invoice_number="A-1",
            invoice_date=date(2026, 3, 2),
            total=invoice.total,
            currency="EUR",
        )
    )
    # WHEN reconciled
    rec = reconcile_invoice(invoice, mirror, policy, document_id=6)
    # THEN the amount alone does not hold it: no exception, but a possible-duplicate warning naming the
    # other document, so both can be shown side by side
    assert rec.exception_types() == set() and rec.duplicate_of == []
    assert [w.type for w in rec.warnings] == [ExceptionType.POSSIBLE_DUPLICATE]
    assert rec.possible_duplicate_of == [5]
    assert "same amount within 7 days" in rec.warnings[0].sentence
    assert _check(rec, "no_similar_invoice")
    # AND the same amount a month later is not even that
    later = invoice.model_copy(update={"invoice_date": date(2026, 4, 20)})
    rec_later = reconcile_invoice(later, mirror, policy, document_id=6)
    assert rec_later.status is ReconciliationStatus.MATCHED and rec_later.warnings == []


def test_the_same_amount_on_another_printed_po_is_a_repeat_order_not_a_possible_duplicate(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN an earlier ACME invoice of the same total three days before that billed PO-1002
    invoice = invoice_factory(invoice_number="INV-7778")
    earlier = PriorInvoiceRecord(
        document_id=5,
        vendor_id=1,
        invoice_number="A-1",
        invoice_date=date(2026, 3, 2),
        total=invoice.total,
        currency="EUR",
        billed=(BilledLine(110, D(50)),),
    )
    mirror.add_invoice(earlier)
    # WHEN this invoice, printing PO-1001, is reconciled
    rec = reconcile_invoice(invoice, mirror, policy, document_id=6)
    # THEN the ERP tells the two apart: no possible-duplicate warning, a passed check that says why
    assert rec.status is ReconciliationStatus.MATCHED and rec.warnings == [], rec.warnings
    assert "repeat order" in _check(rec, "no_similar_invoice")
    # AND an earlier invoice of the same amount that billed the same PO stays a possible duplicate
    mirror.remove_invoice(5)
    mirror.add_invoice(replace(earlier, billed=(BilledLine(100, D(10)),)))
    rec_same = reconcile_invoice(invoice, mirror, policy, document_id=6)
    assert [w.type for w in rec_same.warnings] == [ExceptionType.POSSIBLE_DUPLICATE]


def test_duplicate_by_text_hash(mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory) -> None:
    # GIVEN an earlier document with the same text hash
    mirror.add_invoice(PriorInvoiceRecord(document_id=8, text_hash="abc123"))
    # WHEN reconciled with that hash
    rec = reconcile_invoice(invoice_factory(), mirror, policy, document_id=9, text_hash="abc123")
    # THEN duplicate
    assert rec.duplicate_of == [8]


def test_credit_note_is_linked_to_the_invoice_it_corrects(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN an ACME invoice on PO-1001 already recorded
    first = invoice_factory()
    mirror.record(first, reconcile_invoice(first, mirror, policy, document_id=1))
    # WHEN a credit note quoting PO-1001 arrives, and one quoting nothing known
    credit = invoice_factory(
        [("A-100", "Steel bolts M8 x 40", "-10", "0.50")],
        document_type=DocumentType.CREDIT_NOTE,
        invoice_number="CN-1",
        total=D("-5.95"),
        subtotal=D("-5.00"),
    )
    rec = reconcile_invoice(credit, mirror, policy, document_id=2)
    stray = credit.model_copy(
        update={"po_numbers": [], "subtotal": D("-1.00"), "tax_total": D("-0.19"), "total": D("-1.19")}
    )
    rec_stray = reconcile_invoice(stray, mirror, policy, document_id=3)
    # THEN the first is linked to document 1 and booked; the stray one is an exception
    assert rec.credit_note_for == [1]
    assert rec.status is ReconciliationStatus.MATCHED
    assert propose_invoice_action(rec).payload["action"] == "book_credit_note"
    assert rec_stray.exception_types() == {ExceptionType.UNLINKED_CREDIT_NOTE}


def test_currency_mismatch(mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory) -> None:
    # GIVEN an invoice in USD against a EUR PO
    rec = reconcile_invoice(invoice_factory(currency="USD"), mirror, policy)
    # THEN currency_mismatch naming both currencies
    assert rec.exception_types() == {ExceptionType.CURRENCY_MISMATCH}
    assert "USD" in rec.exceptions[0].sentence and "EUR" in rec.exceptions[0].sentence


def test_several_pos_on_one_invoice(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN an invoice billing lines of PO-1001 and PO-1002
    invoice = invoice_factory(
        [
            ("A-100", "Steel bolts M8 x 40", "100", "0.50"),
            ("C-300", "Copper wire 2.5 mm2 (kg)", "50", "3.00"),
        ],
        po_numbers=["PO-1001", "PO-1002"],
    )
    # WHEN reconciled
    rec = reconcile_invoice(invoice, mirror, policy)
    # THEN both POs are used, each line against its own PO
    assert rec.status is ReconciliationStatus.MATCHED
    assert [m.po_number for m in rec.lines] == ["PO-1001", "PO-1002"]


def test_several_pos_inferred_without_numbers(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN the same two-PO invoice quoting no PO
    invoice = invoice_factory(
        [
            ("A-100", "Steel bolts M8 x 40", "100", "0.50"),
            ("C-300", "Copper wire 2.5 mm2 (kg)", "50", "3.00"),
        ],
        po_numbers=[],
    )
    # WHEN reconciled
    rec = reconcile_invoice(invoice, mirror, policy)
    # THEN both POs are inferred
    assert sorted(rec.po_numbers) == ["PO-1001", "PO-1002"]
    assert rec.status is ReconciliationStatus.MATCHED_WITHIN_TOLERANCE


def test_line_matched_by_description_without_sku(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN lines without SKUs, described a little differently
    invoice = invoice_factory(
        [(None, "Hex nuts M8 zinc", "100", "0.20"), (None, "Steel bolts M8x40", "100", "0.50")]
    )
    # WHEN reconciled
    rec = reconcile_invoice(invoice, mirror, policy)
    # THEN each line found its PO line by description
    assert [(m.method, m.po_line_no) for m in rec.lines] == [("description", 2), ("description", 1)]
    assert rec.status is ReconciliationStatus.MATCHED


def test_total_variance_from_a_charge_outside_the_lines(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN a subtotal 25.00 above the sum of the lines (a surcharge not on the PO)
    invoice = invoice_factory(subtotal=D("95.00"))
    # WHEN reconciled
    rec = reconcile_invoice(invoice, mirror, policy)
    # THEN total_variance of 25.00
    assert rec.exception_types() == {ExceptionType.TOTAL_VARIANCE}
    assert rec.exceptions[0].amount == D("25.00")


def test_receipt_arriving_later_releases_the_held_invoice(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN gloves invoiced before anything was received: held as not received
    invoice = invoice_factory([("D-400", "Safety gloves, size L", "20", "4.00")], po_numbers=["PO-1003"])
    held = reconcile_invoice(invoice, mirror, policy, document_id=1)
    assert held.exception_types() == {ExceptionType.NOT_RECEIVED}
    assert "Hold until the goods arrive" in held.exceptions[0].sentence
    mirror.record(invoice, held)
    # WHEN the receipt arrives and the invoice is reconciled again
    mirror.add_receipt_line(ReceiptLineRecord(120, D(20)))
    again = reconcile_invoice(invoice, mirror, policy, document_id=1)
    # THEN it is matched (its own earlier billing does not count against it) and approval is proposed
    assert again.status is ReconciliationStatus.MATCHED, again.exceptions
    assert propose_invoice_action(again).kind is ProposalKind.INVOICE_APPROVE
