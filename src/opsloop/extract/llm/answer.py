"""What the invoice chain asks the model for: the data fields of the extraction contract.

`InvoiceFields` is `InvoiceExtraction` without what the model must not fill (evidence, checks, the
method): the same field names, types and sub-models, so the schema the model sees is the contract's.
A test keeps the two in step. One addition: a line's `price_basis`, the quantity its printed price is
for ("Preis je 100", "12.50/1000"). The model copies the price as printed and names the basis; the
chain divides it out, so the contract's unit price is one unit's and the line's arithmetic checks it.
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

PRICE_BASES: frozenset[Decimal] = frozenset({Decimal(10), Decimal(100), Decimal(1000), Decimal(10000)})
"""The quantities a price may be printed for besides one unit."""


class LineAnswer(InvoiceLineExtraction):
    """A line item as printed."""

    price_basis: Decimal | None = None
    """The quantity the printed unit_price is for where the document prices per 10, 100, 1000 or
    10000 units ('Preis je 100', 'Price/1000', '46,20 / 1000', 'per 100 pcs'); null for a price per
    unit. unit_price stays as printed."""

    def contract_line(self) -> InvoiceLineExtraction:
        """The contract's line: the unit price for one unit (the printed price over its basis)."""
        data = self.model_dump(exclude={"price_basis"})
        if self.price_basis is not None and self.unit_price is not None and self.price_basis > 0:
            data["unit_price"] = self.unit_price / self.price_basis
        return InvoiceLineExtraction(**data)


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
    lines: list[LineAnswer] = Field(default_factory=list)


class InvoiceLines(BaseModel):
    """The line items printed in this part of the invoice, in order."""

    model_config = ConfigDict(use_attribute_docstrings=True, extra="forbid")

    lines: list[LineAnswer] = Field(default_factory=list)


LLM_FIELDS: frozenset[str] = frozenset(InvoiceFields.model_fields)
"""The contract's fields the model fills."""


def to_extraction(fields: InvoiceFields, *, method: str) -> InvoiceExtraction:
    """The answer as an InvoiceExtraction (evidence and checks are added by the chain)."""
    data = fields.model_dump(exclude={"lines"})
    lines = [line.contract_line() for line in fields.lines]
    return InvoiceExtraction(extraction_method=method, lines=lines, **data)
