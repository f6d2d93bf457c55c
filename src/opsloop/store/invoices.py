"""Invoice rows from an InvoiceExtraction (replacing any earlier extraction of the same document)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from opsloop.domain.invoices import InvoiceExtraction
from opsloop.store.tables import Invoice, InvoiceLine


def save_invoice(session: Session, document_id: int, extraction: InvoiceExtraction) -> Invoice:
    """Store `extraction` for the document; running it again updates the same invoice row (so its
    reconciliation history stays attached) and replaces its lines (idempotent)."""
    values: dict[str, Any] = dict(
        document_type=extraction.document_type.value,
        extraction_method=extraction.extraction_method,
        vendor_name=extraction.vendor.name,
        vendor_vat_id=extraction.vendor.vat_id,
        vendor_iban=extraction.vendor.iban,
        buyer_name=extraction.buyer.name,
        buyer_vat_id=extraction.buyer.vat_id,
        invoice_number=extraction.invoice_number,
        invoice_date=extraction.invoice_date,
        due_date=extraction.due_date,
        po_numbers=list(extraction.po_numbers),
        currency=extraction.currency,
        subtotal=extraction.subtotal,
        tax_total=extraction.tax_total,
        total=extraction.total,
        amount_due=extraction.amount_due,
        extraction=extraction.model_dump(mode="json"),
    )
    invoice = session.exec(select(Invoice).where(Invoice.document_id == document_id)).first()
    if invoice is None:
        invoice = Invoice(document_id=document_id, **values)
    else:
        session.execute(delete(InvoiceLine).where(col(InvoiceLine.invoice_id) == invoice.id))
        for name, value in values.items():
            setattr(invoice, name, value)
    session.add(invoice)
    session.flush()
    assert invoice.id is not None
    for position, line in enumerate(extraction.lines, start=1):
        session.add(
            InvoiceLine(
                invoice_id=invoice.id,
                position=position,
                description=line.description,
                sku=line.sku,
                quantity=line.quantity,
                unit=line.unit,
                unit_price=line.unit_price,
                amount=line.amount,
                tax_rate=line.tax_rate,
            )
        )
    return invoice


def load_extraction(session: Session, document_id: int) -> InvoiceExtraction | None:
    invoice = session.exec(select(Invoice).where(Invoice.document_id == document_id)).first()
    return None if invoice is None else InvoiceExtraction.model_validate(invoice.extraction)
