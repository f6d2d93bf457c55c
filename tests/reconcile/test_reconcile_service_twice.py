"""A month of a service billed again under another number: the same amount within days on the same PO
line. Goods received twice explain a second invoice of the same amount (another delivery); a service is
counted as received once ordered, so nothing tells the second month from the same one billed again: the
possible duplicate stays for a person. And a service line naming its month ("November 2026") that an earlier
invoice billed on the same PO line for the same month is that month billed again: a duplicate, held, however
many days apart (evals/decisions5: a cleaning contractor's November billed twice, 4–9 days apart, was proposed
for payment with no word of the first)."""

from __future__ import annotations

from datetime import date, timedelta
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


def _mirror(category: str) -> Mirror:
    vendor = VendorRecord(1, "V-CLEAN", "Glanz Gebäudedienste GmbH", VAT, IBAN, "EUR")
    order = PurchaseOrderRecord(10, "PO-3001", 1, "EUR")
    line = PurchaseOrderLineRecord(100, 10, 1, D(12), D("1840.00"), "S-1", "Unterhaltsreinigung", category)
    receipts = [ReceiptLineRecord(100, D(12), date(2026, 9, 1))] if category != "service" else []
    return Mirror.from_records([vendor], [order], [line], receipts)


def _invoice(number: str, issued: date, month: str = "November 2026") -> InvoiceExtraction:
    line = InvoiceLineExtraction(sku="S-1", description=f"Unterhaltsreinigung {month}", quantity=D(1),
                                 unit_price=D("1840.00"), amount=D("1840.00"))  # fmt: skip
    return InvoiceExtraction(
        vendor=VendorExtraction(name="Glanz Gebäudedienste GmbH", vat_id=VAT, iban=IBAN),
        invoice_number=number,
        invoice_date=issued,
        po_numbers=["PO-3001"],
        currency="EUR",
        subtotal=D("1840.00"),
        tax_total=D("349.60"),
        total=D("2189.60"),
        lines=[line],
    )


def _second(
    category: str, days: int = 4, month: str = "Dezember"
) -> tuple[list[ExceptionType], list[ExceptionType]]:
    """(exceptions, warnings) of a second invoice `days` after the first's, its line naming `month` 2026."""
    mirror, policy = _mirror(category), default_policy()
    first = _invoice("GD-9015", date(2026, 12, 1))
    mirror.record(first, reconcile_invoice(first, mirror, policy, document_id=1))
    second = _invoice("GD-9020", date(2026, 12, 1) + timedelta(days=days), f"{month} 2026")
    rec = reconcile_invoice(second, mirror, policy, document_id=2)
    return [e.type for e in rec.exceptions], [w.type for w in rec.warnings]


def test_a_service_billed_again_within_days_is_a_possible_duplicate() -> None:
    assert _second("service") == ([], [ExceptionType.POSSIBLE_DUPLICATE])


def test_goods_received_twice_explain_a_second_invoice_of_the_same_amount() -> None:
    assert _second("hardware") == ([], [])


def test_the_same_month_of_a_service_billed_again_is_a_duplicate_however_late() -> None:
    for days in (4, 9, 30):
        exceptions, _ = _second("service", days, "November")
        assert ExceptionType.DUPLICATE in exceptions
    # AND the next month, a month later, is not
    assert _second("service", 31, "Dezember") == ([], [])
