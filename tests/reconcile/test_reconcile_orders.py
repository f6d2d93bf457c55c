"""Which POs an invoice bills: their status in the ERP, billing already done, numbers written in other
ways, numbers printed only in the text, line-level references, and inference among open POs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from opsloop.domain.erp import (
    BilledLine,
    ExceptionType,
    PriorInvoiceRecord,
    PurchaseOrderLineRecord,
    PurchaseOrderRecord,
    ReceiptLineRecord,
    Reconciliation,
    ReconciliationStatus,
    TolerancePolicy,
    VendorRecord,
)
from opsloop.domain.invoices import InvoiceExtraction, InvoiceLineExtraction, VendorExtraction
from opsloop.reconcile import Mirror, reconcile_invoice
from opsloop.reconcile.normalise import normalise_po_number, split_po_numbers, strip_item_suffix

D = Decimal
Factory = Callable[..., InvoiceExtraction]


@pytest.mark.parametrize("status", ["closed", "cancelled"])
def test_an_invoice_against_a_closed_or_cancelled_po_is_held(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory, status: str
) -> None:
    order = mirror.orders[10]
    mirror.add_purchase_order(PurchaseOrderRecord(order.id, order.number, order.vendor_id, "EUR", status))
    rec = reconcile_invoice(invoice_factory(), mirror, policy, document_id=1)
    assert rec.exception_types() == {ExceptionType.PO_CLOSED}
    assert status in rec.exceptions[0].sentence


def test_a_po_whose_status_opsloop_does_not_know_takes_no_invoice(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # an ERP's own word for a state (a localized "voided", a custom workflow step) may mean cancelled: the
    # invoice is held saying so, and the PO is not offered to invoices that quote no PO either
    order = mirror.orders[10]
    mirror.add_purchase_order(
        PurchaseOrderRecord(order.id, order.number, order.vendor_id, "EUR", "in_klärung")
    )
    rec = reconcile_invoice(invoice_factory(), mirror, policy, document_id=1)
    assert rec.exception_types() == {ExceptionType.PO_CLOSED}
    assert "'in_klärung'" in rec.exceptions[0].sentence and "does not know" in rec.exceptions[0].sentence
    assert order.id not in {o.id for o in mirror.open_pos_of(order.vendor_id)}


def test_an_invoice_against_a_po_the_erp_marks_billed_is_held(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    order = mirror.orders[10]
    mirror.add_purchase_order(PurchaseOrderRecord(order.id, order.number, order.vendor_id, "EUR", "billed"))
    rec = reconcile_invoice(invoice_factory(), mirror, policy, document_id=1)
    assert rec.exception_types() == {ExceptionType.PO_FULLY_BILLED}


def test_an_invoice_against_a_po_earlier_invoices_billed_in_full_is_held_once(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN an earlier invoice (another number and amount) that billed every line of PO-1001
    mirror.add_invoice(
        PriorInvoiceRecord(
            document_id=7,
            vendor_id=1,
            invoice_number="INV-0001",
            total=D("1.00"),
            billed=(BilledLine(100, D(100)), BilledLine(101, D(100))),
        )
    )
    rec = reconcile_invoice(invoice_factory(), mirror, policy, document_id=8)
    # THEN the PO is billed in full: one exception for the PO, not one per line
    assert rec.exception_types() == {ExceptionType.PO_FULLY_BILLED}
    # AND the earlier invoice reconciled again does not count its own billing against itself
    assert reconcile_invoice(invoice_factory(), mirror, policy, document_id=7).exceptions == []


def test_the_po_of_another_vendor_is_held(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    rec = reconcile_invoice(invoice_factory(po_numbers=["PO-2001"]), mirror, policy, document_id=1)
    assert ExceptionType.PO_VENDOR_MISMATCH in rec.exception_types()


def test_a_po_printed_only_in_the_text_is_found_and_its_owner_checked(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN no PO field, but the page says "Your order: PO-1001"
    invoice = invoice_factory(po_numbers=[])
    rec = reconcile_invoice(invoice, mirror, policy, document_id=1, document_text="Your order: PO-1001\n")
    assert rec.po_resolution == "found_in_text" and rec.po_numbers == ["PO-1001"] and rec.exceptions == []
    # WHEN the number printed is another vendor's PO
    rec = reconcile_invoice(invoice, mirror, policy, document_id=1, document_text="ref. PO-2001\n")
    # THEN it is a PO of another vendor, never an inferred match
    assert rec.exception_types() == {ExceptionType.PO_VENDOR_MISMATCH} and rec.po_resolution == "none"


@pytest.mark.parametrize(
    ("printed", "erp"),
    [("4700 020 141", "4700020141"), ("4700020141/00010", "4700020141"), ("4700020141-10", "4700020141")],
)
def test_po_numbers_written_with_spaces_or_an_item_suffix_find_the_erp_po(
    policy: TolerancePolicy, printed: str, erp: str
) -> None:
    mirror = _two_po_mirror(erp, "4700020142")
    invoice = _invoice([printed], [("S-1", "10")])
    rec = reconcile_invoice(invoice, mirror, policy, document_id=1)
    assert rec.po_numbers == [erp] and rec.exceptions == []


def test_several_po_numbers_under_one_label_are_each_found(policy: TolerancePolicy) -> None:
    mirror = _two_po_mirror("4700020141", "4700020142")
    invoice = _invoice(["4700020141, 4700020142"], [("S-1", "10"), ("S-2", "5")])
    rec = reconcile_invoice(invoice, mirror, policy, document_id=1)
    assert rec.po_numbers == ["4700020141", "4700020142"] and rec.exceptions == []


def test_line_level_order_references_bill_several_pos(policy: TolerancePolicy) -> None:
    # GIVEN an e-invoice quoting no PO in its header, each line naming its own PO and PO line
    mirror = _two_po_mirror("4700020141", "4700020142")
    invoice = _invoice([], [("S-1", "10"), ("S-2", "5")])
    invoice.lines[0].po_number, invoice.lines[0].po_line = "4700020141", "1"
    invoice.lines[1].po_number, invoice.lines[1].po_line = "4700020142", "1"
    rec = reconcile_invoice(invoice, mirror, policy, document_id=1)
    assert rec.po_resolution == "referenced" and sorted(rec.po_numbers) == ["4700020141", "4700020142"]
    assert [m.po_number for m in rec.lines] == ["4700020141", "4700020142"] and rec.exceptions == []


def test_normal_forms_of_po_numbers() -> None:
    assert normalise_po_number("4700 020 141") == normalise_po_number("4700020141")
    assert normalise_po_number("PO-00123") == normalise_po_number("po 123")
    assert split_po_numbers("4500001201 / 4500001202") == ["4500001201", "4500001202"]
    assert split_po_numbers("4500001201 und 4500001202") == ["4500001201", "4500001202"]
    assert split_po_numbers("PO-1001") == ["PO-1001"]
    assert strip_item_suffix("4700020145/00010") == "4700020145"
    assert strip_item_suffix("PO-1001") is None and strip_item_suffix("2026/0123") is None


# --------------------------------------------------------------------------- inference


def test_an_inferred_po_is_a_tolerance(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    rec = reconcile_invoice(invoice_factory(po_numbers=[]), mirror, policy, document_id=1)
    assert rec.po_resolution == "inferred" and rec.status is ReconciliationStatus.MATCHED_WITHIN_TOLERANCE


def test_inference_never_picks_a_closed_or_fully_billed_po_because_it_is_older(
    policy: TolerancePolicy,
) -> None:
    # GIVEN two POs of the vendor for the same item: the older one billed in full, the newer one open
    vendor = VendorRecord(1, "V-1", "ACME GmbH", "DE111111111", "DE89370400440532013000", "EUR")
    orders = [
        PurchaseOrderRecord(10, "PO-OLD", 1, "EUR", "received", date(2026, 1, 5)),
        PurchaseOrderRecord(11, "PO-NEW", 1, "EUR", "received", date(2026, 2, 5)),
        PurchaseOrderRecord(12, "PO-SHUT", 1, "EUR", "closed", date(2025, 12, 1)),
    ]
    lines = [
        PurchaseOrderLineRecord(100, 10, 1, D(10), D(5), "S-1", "Bolts"),
        PurchaseOrderLineRecord(110, 11, 1, D(10), D(5), "S-1", "Bolts"),
        PurchaseOrderLineRecord(120, 12, 1, D(10), D(5), "S-1", "Bolts"),
    ]
    receipts = [ReceiptLineRecord(i, D(10), date(2026, 2, 10)) for i in (100, 110, 120)]
    mirror = Mirror.from_records([vendor], orders, lines, receipts)
    mirror.add_invoice(
        PriorInvoiceRecord(document_id=5, vendor_id=1, invoice_number="X-1", billed=(BilledLine(100, D(10)),))
    )
    # WHEN an invoice quoting no PO bills 10 of the item
    rec = reconcile_invoice(_invoice([], [("S-1", "10")]), mirror, policy, document_id=6)
    # THEN the open PO with room is inferred, not the older billed or closed one
    assert rec.po_numbers == ["PO-NEW"] and rec.po_resolution == "inferred" and rec.exceptions == []


def test_inference_prefers_the_po_whose_goods_arrived(policy: TolerancePolicy) -> None:
    vendor = VendorRecord(1, "V-1", "ACME GmbH", "DE111111111", "DE89370400440532013000", "EUR")
    orders = [
        PurchaseOrderRecord(10, "PO-A", 1, "EUR", "open", date(2026, 1, 5)),
        PurchaseOrderRecord(11, "PO-B", 1, "EUR", "received", date(2026, 2, 5)),
    ]
    lines = [
        PurchaseOrderLineRecord(100, 10, 1, D(10), D(5), "S-1", "Bolts"),
        PurchaseOrderLineRecord(110, 11, 1, D(10), D(5), "S-1", "Bolts"),
    ]
    mirror = Mirror.from_records([vendor], orders, lines, [ReceiptLineRecord(110, D(10), date(2026, 2, 9))])
    rec = reconcile_invoice(_invoice([], [("S-1", "10")]), mirror, policy, document_id=6)
    assert rec.po_numbers == ["PO-B"]


def test_a_po_whose_items_match_but_not_the_quantities_billed_is_not_inferred(
    policy: TolerancePolicy,
) -> None:
    # GIVEN the vendor's one open PO for 10 bolts, all received
    mirror = _two_po_mirror("PO-A", "PO-B")
    # WHEN an invoice quoting no PO bills 7 of them (the items fit, what is open does not)
    rec = reconcile_invoice(_invoice([], [("S-1", "7")]), mirror, policy, document_id=6)
    # THEN no PO is inferred: missing_po, naming the near candidate and what is open on it
    assert rec.po_resolution == "none" and rec.exception_types() == {ExceptionType.MISSING_PO}
    assert "PO-A" in rec.exceptions[0].sentence and "10 open" in rec.exceptions[0].sentence


def test_lines_that_fit_several_open_pos_alike_are_held_as_ambiguous(policy: TolerancePolicy) -> None:
    # GIVEN two open POs of the vendor, each for 10 bolts, both received
    vendor = VendorRecord(1, "V-1", "ACME GmbH", "DE111111111", "DE89370400440532013000", "EUR")
    orders = [
        PurchaseOrderRecord(10, "PO-A", 1, "EUR", "received", date(2026, 1, 5)),
        PurchaseOrderRecord(11, "PO-B", 1, "EUR", "received", date(2026, 2, 5)),
    ]
    lines = [
        PurchaseOrderLineRecord(100, 10, 1, D(10), D(5), "S-1", "Bolts"),
        PurchaseOrderLineRecord(110, 11, 1, D(10), D(5), "S-1", "Bolts"),
    ]
    receipts = [ReceiptLineRecord(i, D(10), date(2026, 2, 10)) for i in (100, 110)]
    mirror = Mirror.from_records([vendor], orders, lines, receipts)
    # WHEN an invoice quoting no PO bills 10 bolts
    rec = reconcile_invoice(_invoice([], [("S-1", "10")]), mirror, policy, document_id=6)
    # THEN it is never proposed for payment against the older one: po_ambiguous names both candidates
    assert rec.po_resolution == "ambiguous" and rec.exception_types() == {ExceptionType.PO_AMBIGUOUS}
    # AND it reads back as stored (the propose stage validates the stored reconciliation)
    assert Reconciliation.model_validate(rec.model_dump(mode="json")).po_resolution == "ambiguous"
    assert "PO-A" in rec.exceptions[0].sentence and "PO-B" in rec.exceptions[0].sentence
    assert rec.status is ReconciliationStatus.EXCEPTION


def test_an_inferred_po_says_which_spent_pos_list_the_same_items(policy: TolerancePolicy) -> None:
    vendor = VendorRecord(1, "V-1", "ACME GmbH", "DE111111111", "DE89370400440532013000", "EUR")
    orders = [
        PurchaseOrderRecord(10, "PO-OLD", 1, "EUR", "closed", date(2026, 1, 5)),
        PurchaseOrderRecord(11, "PO-NEW", 1, "EUR", "received", date(2026, 2, 5)),
    ]
    lines = [
        PurchaseOrderLineRecord(100, 10, 1, D(10), D(5), "S-1", "Bolts"),
        PurchaseOrderLineRecord(110, 11, 1, D(10), D(5), "S-1", "Bolts"),
    ]
    receipts = [ReceiptLineRecord(i, D(10), date(2026, 2, 10)) for i in (100, 110)]
    mirror = Mirror.from_records([vendor], orders, lines, receipts)
    rec = reconcile_invoice(_invoice([], [("S-1", "10")]), mirror, policy, document_id=6)
    assert rec.po_numbers == ["PO-NEW"] and rec.po_resolution == "inferred"
    found = next(c for c in rec.checks if c.name == "purchase_orders_found")
    assert "PO-OLD (closed)" in found.sentence


def test_the_same_amount_billing_the_rest_of_what_was_received_is_another_delivery(
    policy: TolerancePolicy,
) -> None:
    # GIVEN a PO for 20 bolts, all received, of which an earlier invoice of the same amount billed 10
    vendor = VendorRecord(1, "V-1", "ACME GmbH", "DE111111111", "DE89370400440532013000", "EUR")
    order = PurchaseOrderRecord(10, "PO-A", 1, "EUR", "received", date(2026, 1, 5))
    line = PurchaseOrderLineRecord(100, 10, 1, D(20), D(5), "S-1", "Bolts")
    mirror = Mirror.from_records(
        [vendor], [order], [line], [ReceiptLineRecord(100, D(20), date(2026, 2, 10))]
    )
    earlier = _invoice(["PO-A"], [("S-1", "10")])
    mirror.add_invoice(
        PriorInvoiceRecord(
            document_id=5,
            vendor_id=1,
            invoice_number="X-1",
            invoice_date=earlier.invoice_date,
            total=earlier.total,
            currency="EUR",
            billed=(BilledLine(100, D(10)),),
        )
    )
    # WHEN an invoice with another number bills the other 10 on the same PO
    rec = reconcile_invoice(_invoice(["PO-A"], [("S-1", "10")]), mirror, policy, document_id=6)
    # THEN the goods received cover both: no possible duplicate, and a check that says why
    assert rec.warnings == [] and rec.exceptions == [], (rec.warnings, rec.exceptions)
    assert any(c.name == "no_similar_invoice" and "another delivery" in c.sentence for c in rec.checks)
    # AND when only 10 were received, the second one is held and stays a possible duplicate
    short = Mirror.from_records([vendor], [order], [line], [ReceiptLineRecord(100, D(10), date(2026, 2, 10))])
    short.add_invoice(mirror.invoices[5])
    rec_short = reconcile_invoice(_invoice(["PO-A"], [("S-1", "10")]), short, policy, document_id=6)
    assert [w.type for w in rec_short.warnings] == [ExceptionType.POSSIBLE_DUPLICATE]


# --------------------------------------------------------------------------- helpers


def _two_po_mirror(first: str, second: str) -> Mirror:
    vendor = VendorRecord(1, "V-1", "ACME GmbH", "DE111111111", "DE89370400440532013000", "EUR")
    orders = [PurchaseOrderRecord(10, first, 1, "EUR"), PurchaseOrderRecord(11, second, 1, "EUR")]
    lines = [
        PurchaseOrderLineRecord(100, 10, 1, D(10), D(5), "S-1", "Bolts"),
        PurchaseOrderLineRecord(110, 11, 1, D(5), D(2), "S-2", "Nuts"),
    ]
    receipts = [ReceiptLineRecord(100, D(10), None), ReceiptLineRecord(110, D(5), None)]
    return Mirror.from_records([vendor], orders, lines, receipts)


def _invoice(po_numbers: list[str], lines: list[tuple[str, str]]) -> InvoiceExtraction:
    prices = {"S-1": D(5), "S-2": D(2)}
    items = [
        InvoiceLineExtraction(sku=sku, quantity=D(q), unit_price=prices[sku], amount=D(q) * prices[sku])
        for sku, q in lines
    ]
    net = sum((i.amount for i in items if i.amount is not None), D(0))
    return InvoiceExtraction(
        vendor=VendorExtraction(name="ACME GmbH", vat_id="DE111111111", iban="DE89370400440532013000"),
        invoice_number="R-9",
        invoice_date=date(2026, 3, 1),
        po_numbers=po_numbers,
        currency="EUR",
        subtotal=net,
        total=net,
        lines=items,
    )


@pytest.mark.parametrize(
    ("third", "inferred"),
    [
        (("Z-8", "Power strip 6-way with switch", "16", "17.19"), False),
        ((None, "Freight", "1", "4.90"), True),
    ],
    ids=["goods-no-po-orders", "freight"],
)
def test_a_po_holding_only_some_of_the_goods_is_not_inferred_and_bills_nothing(
    mirror: Mirror,
    policy: TolerancePolicy,
    invoice_factory: Factory,
    third: tuple[str | None, str, str, str],
    inferred: bool,
) -> None:
    # GIVEN an invoice quoting no PO: what is open on PO-1001, and a third line (goods no PO orders, or freight)
    lines = [("A-100", "Steel bolts M8 x 40", "100", "0.50"), ("B-200", "Hex nuts M8", "100", "0.20"), third]
    rec = reconcile_invoice(invoice_factory(lines=lines, po_numbers=[]), mirror, policy, document_id=6)
    if inferred:  # a charge beside the PO's items keeps the inference
        assert rec.po_numbers == ["PO-1001"] and rec.po_resolution == "inferred"
        return
    # THEN no PO is inferred (a person finds it): missing_po naming PO-1001 and the line it does not hold
    assert rec.po_resolution == "none" and rec.exception_types() == {ExceptionType.MISSING_PO}
    assert "PO-1001 (line 3 of the invoice matches no line of it)" in rec.exceptions[0].sentence
    # AND it bills nothing on PO-1001: a later invoice quoting PO-1001 for the same goods is no second bill
    assert rec.billed_lines() == ()
    mirror.record(invoice_factory(lines=lines, po_numbers=[]), rec)
    later = reconcile_invoice(invoice_factory(invoice_number="INV-0043"), mirror, policy, document_id=7)
    assert later.exceptions == []
