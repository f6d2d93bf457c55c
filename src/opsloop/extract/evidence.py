"""Evidence for extracted fields: where a value came from, or why it is missing."""

from __future__ import annotations

from opsloop.domain.invoices import FieldEvidence, InvoiceExtraction

FIELD_NAMES: tuple[str, ...] = (
    "document_type",
    "vendor.name",
    "vendor.vat_id",
    "vendor.iban",
    "vendor.address",
    "buyer.name",
    "invoice_number",
    "invoice_date",
    "due_date",
    "po_numbers",
    "currency",
    "subtotal",
    "tax_total",
    "total",
    "amount_due",
    "lines",
)
"""Every field the extraction reports evidence for (dotted for nested ones)."""


def found(
    text: str | None,
    *,
    confidence: float,
    page: int | None = None,
    reason: str | None = None,
    bbox: list[float] | None = None,
) -> FieldEvidence:
    """Evidence for a value that was read: the span it came from, its page (and where on the page:
    ``bbox``, see FieldEvidence) and how sure we are."""
    span = text.strip() if text else text
    if span and len(span) > 300:
        span = span[:297] + "..."
    return FieldEvidence(
        confidence=max(0.0, min(1.0, confidence)), page=page, text=span, reason=reason, bbox=bbox
    )


def missing(reason: str) -> FieldEvidence:
    """Evidence for a value that was not found: confidence 0 and the reason."""
    return FieldEvidence(confidence=0.0, reason=reason)


def fill_missing(extraction: InvoiceExtraction, reason: str) -> None:
    """Give every field without evidence a `missing` entry with ``reason`` (values stay None)."""
    for name in FIELD_NAMES:
        if name not in extraction.fields:
            extraction.fields[name] = missing(reason)
