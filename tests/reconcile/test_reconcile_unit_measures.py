"""Units of one measure convert by fixed ratios (units.toml's `sizes`), whether or not the ERP has a conversion:
goods ordered by the kilogram and billed in grams are the same quantity at the same price per kilogram; billed
dearer per gram they are a price variance, not 1,000 times the quantity ordered (evals/decisions6: 200,000 g
on a PO line of 200 kg was held as "199,800 more than ordered")."""

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
from opsloop.reconcile.lexicons import unit_ratio

D = Decimal
VAT, IBAN = "DE111111111", "DE89370400440532013000"


def _exceptions(quantity: D, unit: str, price: D, po_unit: str = "Kilogram") -> set[ExceptionType]:
    vendor = VendorRecord(1, "V-LAB", "Vogt Laborchemie GmbH", VAT, IBAN, "EUR")
    order = PurchaseOrderRecord(10, "PO-4001", 1, "EUR")
    line = PurchaseOrderLineRecord(
        100, 10, 1, D(200), D("8.60"), "G-1", "Glasperlen 0,5 mm", "hardware", po_unit
    )
    mirror = Mirror.from_records(
        [vendor], [order], [line], [ReceiptLineRecord(100, D(200), date(2026, 11, 3))]
    )
    amount = (quantity * price).quantize(D("0.01"))
    tax = (amount * D("0.19")).quantize(D("0.01"))
    invoice = InvoiceExtraction(
        vendor=VendorExtraction(name="Vogt Laborchemie GmbH", vat_id=VAT, iban=IBAN),
        invoice_number="2026-00705",
        invoice_date=date(2026, 11, 24),
        po_numbers=["PO-4001"],
        currency="EUR",
        subtotal=amount,
        tax_total=tax,
        total=amount + tax,
        lines=[
            InvoiceLineExtraction(
                sku="G-1",
                description="Glasperlen 0,5 mm",
                quantity=quantity,
                unit=unit,
                unit_price=price,
                amount=amount,
            )
        ],
    )
    rec = reconcile_invoice(invoice, mirror, default_policy(), document_id=1)
    return {e.type for e in rec.exceptions}


def test_grams_billed_on_a_line_ordered_in_kilograms_are_the_same_goods() -> None:
    assert _exceptions(D(200000), "g", D("0.0086")) == set()


def test_grams_dearer_than_the_order_per_kilogram_are_a_price_variance() -> None:
    assert _exceptions(D(200000), "g", D("0.00886")) == {ExceptionType.PRICE_VARIANCE}


def test_only_units_of_one_measure_convert() -> None:
    assert unit_ratio("g", "Kilogram") == 1000 and unit_ratio("t", "kg") == D("0.001")
    assert unit_ratio("ml", "l") == 1000 and unit_ratio("mm", "m") == 1000
    # AND a piece is no weight, a litre no kilogram, the same unit no conversion, an unknown unit none
    assert unit_ratio("Stk", "kg") is None and unit_ratio("l", "kg") is None
    assert unit_ratio("kg", "KGM") is None and unit_ratio("Sack", "kg") is None
