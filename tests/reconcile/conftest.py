"""A small ERP mirror and an invoice builder shared by the reconciler's tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from opsloop.domain.erp import (
    PurchaseOrderLineRecord,
    PurchaseOrderRecord,
    ReceiptLineRecord,
    TolerancePolicy,
    VendorRecord,
)
from opsloop.domain.invoices import InvoiceExtraction, InvoiceLineExtraction, VendorExtraction
from opsloop.reconcile import Mirror, default_policy

D = Decimal
ACME_VAT = "DE111111111"
ACME_IBAN = "DE89370400440532013000"


def build_mirror(acme_terms_days: int | None = None, po_terms_days: dict[str, int] | None = None) -> Mirror:
    """`acme_terms_days`: the payment term agreed with ACME (None: the ERP gives none); `po_terms_days`:
    the terms agreed on POs by their numbers (the others have none of their own)."""
    vendors = [
        VendorRecord(
            1, "V-ACME", "ACME Fasteners GmbH", ACME_VAT, ACME_IBAN, "EUR", payment_terms_days=acme_terms_days
        ),
        VendorRecord(2, "V-NORD", "Nordwind Logistik AG", "DE222222222", "DE02120300000000202051", "EUR"),
        VendorRecord(3, "V-ACMT", "Acme Trading Ltd", "GB333333333", "GB33BUKB20201555555555", "GBP"),
    ]
    orders = [
        PurchaseOrderRecord(10, "PO-1001", 1, "EUR"),
        PurchaseOrderRecord(11, "PO-1002", 1, "EUR"),
        PurchaseOrderRecord(12, "PO-1003", 1, "EUR"),
        PurchaseOrderRecord(13, "PO-2001", 2, "EUR"),
    ]
    orders = [replace(o, payment_terms_days=(po_terms_days or {}).get(o.number)) for o in orders]
    lines = [
        PurchaseOrderLineRecord(100, 10, 1, D(100), D("0.50"), "A-100", "Steel bolts M8 x 40", "hardware"),
        PurchaseOrderLineRecord(101, 10, 2, D(100), D("0.20"), "B-200", "Hex nuts M8", "hardware"),
        PurchaseOrderLineRecord(110, 11, 1, D(50), D("3.00"), "C-300", "Copper wire 2.5 mm2 (kg)", "bulk"),
        PurchaseOrderLineRecord(120, 12, 1, D(20), D("4.00"), "D-400", "Safety gloves, size L", "safety"),
        PurchaseOrderLineRecord(130, 13, 1, D(1), D("250.00"), "FR-1", "Freight Hamburg-Munich", "services"),
    ]
    receipts = [
        ReceiptLineRecord(100, D(100), date(2026, 3, 2)),
        ReceiptLineRecord(101, D(100), date(2026, 3, 2)),
        ReceiptLineRecord(110, D(50), date(2026, 3, 3)),
        ReceiptLineRecord(130, D(1), date(2026, 3, 4)),
    ]
    return Mirror.from_records(vendors, orders, lines, receipts)


def make_invoice(
    lines: list[tuple[str | None, str, str, str]] | None = None, **fields: Any
) -> InvoiceExtraction:
    """An ACME invoice against PO-1001 unless told otherwise. `lines`: (sku, description, qty, price)."""
    spec = (
        lines
        if lines is not None
        else [("A-100", "Steel bolts M8 x 40", "100", "0.50"), ("B-200", "Hex nuts M8", "100", "0.20")]
    )
    invoice_lines = [
        InvoiceLineExtraction(sku=sku, description=desc, quantity=D(q), unit_price=D(p), amount=D(q) * D(p))
        for sku, desc, q, p in spec
    ]
    subtotal = sum((line.amount for line in invoice_lines if line.amount is not None), D(0))
    data: dict[str, Any] = {
        "vendor": VendorExtraction(name="ACME Fasteners GmbH", vat_id=ACME_VAT, iban=ACME_IBAN),
        "invoice_number": "INV-0042",
        "invoice_date": date(2026, 3, 5),
        "po_numbers": ["PO-1001"],
        "currency": "EUR",
        "subtotal": subtotal,
        "tax_total": (subtotal * D("0.19")).quantize(D("0.01")),
        "total": subtotal + (subtotal * D("0.19")).quantize(D("0.01")),
        "lines": invoice_lines,
    }
    data.update(fields)
    if (
        "subtotal" in fields
        and data["subtotal"] is not None
        and "tax_total" not in fields
        and "total" not in fields
    ):
        # an invoice's amounts add up: VAT and total follow a net amount given on its own
        data["tax_total"] = (data["subtotal"] * D("0.19")).quantize(D("0.01"))
        data["total"] = data["subtotal"] + data["tax_total"]
    return InvoiceExtraction(**data)


@pytest.fixture
def mirror() -> Mirror:
    return build_mirror()


@pytest.fixture
def policy() -> TolerancePolicy:
    return default_policy()


@pytest.fixture
def invoice_factory() -> Callable[..., InvoiceExtraction]:
    return make_invoice
