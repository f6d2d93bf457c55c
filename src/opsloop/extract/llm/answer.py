"""What the invoice chain asks the model for: the data fields of the extraction contract.

`InvoiceFields` is `InvoiceExtraction` without what the model must not fill (evidence, checks, the
method): the same field names, types and sub-models, so the schema the model sees is the contract's.
A test keeps the two in step.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from opsloop.domain.invoices import (
    BuyerExtraction,
    DocumentType,
    InvoiceExtraction,
    InvoiceLineExtraction,
    VendorExtraction,
)


class InvoiceFields(BaseModel):
    """The invoice's printed values; null where a value is not printed."""

    model_config = ConfigDict(use_attribute_docstrings=True, extra="forbid")

    document_type: DocumentType = DocumentType.INVOICE
    """credit_note for credit notes, else invoice."""
    vendor: VendorExtraction = Field(default_factory=VendorExtraction)
    """The seller (who issued the invoice)."""
    buyer: BuyerExtraction = Field(default_factory=BuyerExtraction)
    invoice_number: str | None = None
    invoice_date: date | None = None
    due_date: date | None = None
    po_numbers: list[str] = Field(default_factory=list)
    """Purchase order numbers referenced by the invoice."""
    currency: str | None = None
    """ISO 4217 code, e.g. EUR."""
    subtotal: Decimal | None = None
    """Net total before tax."""
    tax_total: Decimal | None = None
    total: Decimal | None = None
    """Gross total including tax."""
    amount_due: Decimal | None = None
    """What remains to be paid, if printed."""
    lines: list[InvoiceLineExtraction] = Field(default_factory=list)


class InvoiceLines(BaseModel):
    """The line items printed in this part of the invoice, in order."""

    model_config = ConfigDict(use_attribute_docstrings=True, extra="forbid")

    lines: list[InvoiceLineExtraction] = Field(default_factory=list)


LLM_FIELDS: frozenset[str] = frozenset(InvoiceFields.model_fields)
"""The contract's fields the model fills."""


def to_extraction(fields: InvoiceFields, *, method: str) -> InvoiceExtraction:
    """The answer as an InvoiceExtraction (evidence and checks are added by the chain)."""
    data = fields.model_dump()
    return InvoiceExtraction(extraction_method=method, **data)
