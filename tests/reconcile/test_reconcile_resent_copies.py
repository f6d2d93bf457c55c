"""An invoice that arrives twice. Re-sent with its number re-typed or misread ("RE26 3510" for "RE26-03510", read
as "RE26") on an order that still has room — a second delivery received, not yet billed — it has the first's
date, amount, PO lines and quantities: the same invoice, a duplicate, not "another delivery". And the same
invoice as an e-invoice and as a PDF before the goods: the copy is held as a duplicate of the first, and once the
goods arrive the first, re-checked, is no duplicate of its own held copy — one of the two is paid
(evals/decisions6: the re-typed copy was paid again; both twins stayed held)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from opsloop.domain.erp import (
    ExceptionType,
    PurchaseOrderLineRecord,
    PurchaseOrderRecord,
    ReceiptLineRecord,
    VendorRecord,
)
from opsloop.domain.invoices import InvoiceExtraction, InvoiceLineExtraction, VendorExtraction
from opsloop.reconcile import Mirror, default_policy, reconcile_invoice

D = Decimal
VAT, IBAN = "DE111111111", "DE89370400440532013000"


def _mirror(received: D | None) -> Mirror:
    vendor = VendorRecord(1, "V-IND", "Weidmann Industriebedarf GmbH", VAT, IBAN, "EUR")
    order = PurchaseOrderRecord(10, "PO-3001", 1, "EUR")
    line = PurchaseOrderLineRecord(
        100, 10, 1, D(200), D("7.40"), "A-1", "Schutzhandschuhe Nitril", "hardware"
    )
    receipts = [ReceiptLineRecord(100, received, date(2026, 11, 3))] if received else []
    return Mirror.from_records([vendor], [order], [line], receipts)


def _invoice(number: str, issued: date, quantity: D = D(100)) -> InvoiceExtraction:
    amount = quantity * D("7.40")
    line = InvoiceLineExtraction(sku="A-1", description="Schutzhandschuhe Nitril", quantity=quantity,
                                 unit_price=D("7.40"), amount=amount)  # fmt: skip
    tax = (amount * D("0.19")).quantize(D("0.01"))
    return InvoiceExtraction(
        vendor=VendorExtraction(name="Weidmann Industriebedarf GmbH", vat_id=VAT, iban=IBAN),
        invoice_number=number,
        invoice_date=issued,
        po_numbers=["PO-3001"],
        currency="EUR",
        subtotal=amount,
        tax_total=tax,
        total=amount + tax,
        lines=[line],
    )


def _types(invoice: InvoiceExtraction, mirror: Mirror, document_id: int) -> set[ExceptionType]:
    rec = reconcile_invoice(invoice, mirror, default_policy(), document_id=document_id)
    mirror.record(invoice, rec)
    return {e.type for e in rec.exceptions}


def test_a_copy_of_the_same_date_and_lines_under_another_number_is_a_duplicate() -> None:
    # GIVEN the first of two deliveries billed, and the second received
    mirror = _mirror(D(200))
    assert _types(_invoice("RE26-03510", date(2026, 11, 14)), mirror, 1) == set()
    # WHEN the same invoice comes again, its number read otherwise
    # THEN it is held as a duplicate, though the second delivery could have been billed by it
    assert ExceptionType.DUPLICATE in _types(_invoice("RE26", date(2026, 11, 14)), mirror, 2)


def test_the_second_delivery_billed_on_its_own_day_is_no_duplicate() -> None:
    mirror = _mirror(D(200))
    assert _types(_invoice("RE26-03510", date(2026, 11, 14)), mirror, 1) == set()
    assert _types(_invoice("RE26-03518", date(2026, 11, 18)), mirror, 2) == set()


def test_an_invoice_and_its_held_twin_pay_once_when_the_goods_arrive() -> None:
    # GIVEN an e-invoice and its PDF twin, both before the goods
    mirror = _mirror(None)
    first, twin = _invoice("8313", date(2026, 11, 11), D(200)), _invoice("8313", date(2026, 11, 11), D(200))
    assert ExceptionType.DUPLICATE not in _types(first, mirror, 1)
    assert ExceptionType.DUPLICATE in _types(twin, mirror, 2)
    # WHEN the goods arrive and both are checked again (the first first, then the twin)
    mirror.add_receipt_line(ReceiptLineRecord(100, D(200), date(2026, 11, 15)))
    # THEN the first is payable and the twin stays a duplicate of it
    assert _types(first, mirror, 1) == set()
    assert ExceptionType.DUPLICATE in _types(twin, mirror, 2)
