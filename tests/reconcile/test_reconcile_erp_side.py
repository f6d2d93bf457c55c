"""What an ERP kept as a company keeps it tells the reconciler (evals/decisions3, a company in Tryton):
services are never received, a supplier set inactive is blocked, and a supplier kept twice in the
vendor master is paid on the master of the PO it bills, by a person."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from opsloop.domain.erp import (
    ExceptionType,
    PurchaseOrderLineRecord,
    PurchaseOrderRecord,
    ReceiptLineRecord,
    TolerancePolicy,
    VendorRecord,
)
from opsloop.domain.invoices import VendorExtraction
from opsloop.reconcile import Mirror, reconcile_invoice
from tests.reconcile.conftest import ACME_IBAN, ACME_VAT, make_invoice

D = Decimal


def _types(result: object) -> set[ExceptionType]:
    return {e.type for e in result.exceptions}  # type: ignore[attr-defined]


def _service_mirror() -> Mirror:
    vendors = [VendorRecord(1, "V-ACME", "ACME Fasteners GmbH", ACME_VAT, ACME_IBAN, "EUR")]
    orders = [PurchaseOrderRecord(10, "PO-1001", 1, "EUR", order_date=date(2026, 3, 1))]
    lines = [
        PurchaseOrderLineRecord(100, 10, 1, D(3), D("450.00"), "RENT-1", "Warehouse rent (month)", "service")
    ]
    return Mirror.from_records(vendors, orders, lines, [])


def test_a_service_ordered_is_billed_against_its_po_without_a_receipt(policy: TolerancePolicy) -> None:
    # GIVEN a service PO line (three months' rent): no goods receipt is ever posted for a service
    mirror = _service_mirror()
    invoice = make_invoice([("RENT-1", "Warehouse rent March", "1", "450.00")])
    result = reconcile_invoice(invoice, mirror, policy)
    # THEN one month is payable (the default policy's `service` category needs no receipt)
    assert not _types(result), [e.sentence for e in result.exceptions]
    # AND billing beyond what was ordered is still caught
    beyond = make_invoice([("RENT-1", "Warehouse rent March-June", "4", "450.00")])
    assert ExceptionType.OVER_INVOICED in _types(reconcile_invoice(beyond, mirror, policy))


def test_goods_still_wait_for_their_receipt(policy: TolerancePolicy) -> None:
    vendors = [VendorRecord(1, "V-ACME", "ACME Fasteners GmbH", ACME_VAT, ACME_IBAN, "EUR")]
    orders = [PurchaseOrderRecord(10, "PO-1001", 1, "EUR")]
    lines = [
        PurchaseOrderLineRecord(100, 10, 1, D(100), D("0.50"), "A-100", "Steel bolts M8 x 40", "hardware")
    ]
    mirror = Mirror.from_records(vendors, orders, lines, [])
    invoice = make_invoice([("A-100", "Steel bolts M8 x 40", "100", "0.50")])
    assert ExceptionType.NOT_RECEIVED in _types(reconcile_invoice(invoice, mirror, policy))


def test_a_supplier_set_inactive_in_the_erp_is_not_paid(policy: TolerancePolicy) -> None:
    # GIVEN the PO received in full, but the vendor master set inactive since
    vendors = [VendorRecord(1, "V-ACME", "ACME Fasteners GmbH", ACME_VAT, ACME_IBAN, "EUR", active=False)]
    orders = [PurchaseOrderRecord(10, "PO-1001", 1, "EUR")]
    lines = [
        PurchaseOrderLineRecord(100, 10, 1, D(100), D("0.50"), "A-100", "Steel bolts M8 x 40", "hardware")
    ]
    receipts = [ReceiptLineRecord(100, D(100), date(2026, 3, 2))]
    mirror = Mirror.from_records(vendors, orders, lines, receipts)
    invoice = make_invoice([("A-100", "Steel bolts M8 x 40", "100", "0.50")])
    result = reconcile_invoice(invoice, mirror, policy)
    assert ExceptionType.UNKNOWN_VENDOR in _types(result)
    assert any(c.name == "vendor_active" and c.passed is False for c in result.checks)


def _twins() -> Mirror:
    # the ERP keeps the supplier twice: the same name and VAT id, two codes; each has a PO
    vendors = [
        VendorRecord(1, "V-OLD", "ACME Fasteners GmbH", ACME_VAT, None, "EUR"),
        VendorRecord(2, "V-NEW", "ACME Fasteners GmbH", ACME_VAT, None, "EUR"),
    ]
    orders = [PurchaseOrderRecord(10, "PO-1001", 1, "EUR"), PurchaseOrderRecord(20, "PO-2001", 2, "EUR")]
    lines = [
        PurchaseOrderLineRecord(100, 10, 1, D(100), D("0.50"), "A-100", "Steel bolts M8 x 40", "hardware"),
        PurchaseOrderLineRecord(200, 20, 1, D(100), D("0.50"), "A-100", "Steel bolts M8 x 40", "hardware"),
    ]
    receipts = [
        ReceiptLineRecord(100, D(100), date(2026, 3, 2)),
        ReceiptLineRecord(200, D(100), date(2026, 3, 2)),
    ]
    return Mirror.from_records(vendors, orders, lines, receipts)


def test_a_supplier_kept_twice_is_billed_on_the_master_of_its_po_and_a_person_confirms(
    policy: TolerancePolicy,
) -> None:
    mirror = _twins()
    for po, master in (("PO-1001", "V-OLD"), ("PO-2001", "V-NEW")):
        invoice = make_invoice(
            [("A-100", "Steel bolts M8 x 40", "100", "0.50")],
            po_numbers=[po],
            vendor=VendorExtraction(name="ACME Fasteners GmbH", vat_id=ACME_VAT),
        )
        result = reconcile_invoice(invoice, mirror, policy)
        # THEN no "PO of another vendor": the invoice is the PO's master's
        assert ExceptionType.PO_VENDOR_MISMATCH not in _types(result), po
        assert result.vendor.erp_id == master
        # AND the duplicate master is a failed check: a person confirms who is paid
        assert any(c.name == "vendor_master_unique" and c.passed is False for c in result.checks)


def test_the_payload_says_a_line_billed_in_pieces_of_a_po_line_of_boxes(policy: TolerancePolicy) -> None:
    from opsloop.reconcile.proposals import invoice_lines_payload

    vendors = [VendorRecord(1, "V-ACME", "ACME Fasteners GmbH", ACME_VAT, ACME_IBAN, "EUR")]
    orders = [PurchaseOrderRecord(10, "PO-1001", 1, "EUR")]
    lines = [
        PurchaseOrderLineRecord(
            100,
            10,
            1,
            D(12),
            D("27.60"),
            "SIL-1",
            "Silicone cartridges",
            None,
            "box",
            stock_unit="Unit",
            conversion_factor=D(12),
        )
    ]
    receipts = [ReceiptLineRecord(100, D(12), date(2026, 3, 2))]
    mirror = Mirror.from_records(vendors, orders, lines, receipts)
    invoice = make_invoice([("SIL-1", "Silicone cartridges", "144", "2.30")])
    result = reconcile_invoice(invoice, mirror, policy)
    assert not _types(result), [e.sentence for e in result.exceptions]
    [line] = invoice_lines_payload(invoice, result)
    # THEN the write-back knows to write 12 boxes, not 144
    assert line["po_line"]["unit_factor"] == "12"


def _returned_mirror(back: str) -> Mirror:
    vendors = [VendorRecord(1, "V-ACME", "ACME Fasteners GmbH", ACME_VAT, ACME_IBAN, "EUR")]
    orders = [PurchaseOrderRecord(10, "PO-1001", 1, "EUR")]
    lines = [
        PurchaseOrderLineRecord(100, 10, 1, D(40), D("2.50"), "A-100", "Steel bolts M8 x 40", "hardware")
    ]
    receipts = [
        ReceiptLineRecord(100, D(40), date(2026, 3, 2)),
        ReceiptLineRecord(100, -D(back), date(2026, 3, 4)),  # a supplier return: damaged in transit
    ]
    return Mirror.from_records(vendors, orders, lines, receipts)


def test_goods_sent_back_to_the_vendor_are_named_when_the_invoice_bills_them(policy: TolerancePolicy) -> None:
    # GIVEN 40 received, 15 of them sent back to the vendor, and an invoice for all 40
    invoice = make_invoice([("A-100", "Steel bolts M8 x 40", "40", "2.50")])
    result = reconcile_invoice(invoice, _returned_mirror("15"), policy)
    # THEN it is held, saying the goods went back (they did arrive) and what AP pays
    (held,) = [e for e in result.exceptions if e.type is ExceptionType.QUANTITY_VARIANCE]
    assert (
        "only 25 kept" in held.sentence and "15 of the 40 received went back to the vendor" in held.sentence
    )
    assert "credit note" in held.sentence
    # AND all of them sent back: no "wait until the goods arrive", they came and went back
    result = reconcile_invoice(invoice, _returned_mirror("40"), policy)
    (held,) = [e for e in result.exceptions if e.type is ExceptionType.NOT_RECEIVED]
    assert "40 of the 40 received went back" in held.sentence and "arrive" not in held.sentence
    # AND what was kept, billed, passes
    kept = make_invoice([("A-100", "Steel bolts M8 x 40", "25", "2.50")])
    assert not _types(reconcile_invoice(kept, _returned_mirror("15"), policy))
