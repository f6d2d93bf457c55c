"""The invoice extraction contract.

One model serves the rules engine's output, the JSON printed by `opsloop extract --json`, and the
LLM chain's structured output (the attribute docstrings below are the schema the model sees).
A value that cannot be found is None, and `fields[<name>].reason` says why. Money is Decimal.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class DocumentType(StrEnum):
    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"


class _Model(BaseModel):
    model_config = ConfigDict(use_attribute_docstrings=True, extra="forbid")


class VendorExtraction(_Model):
    name: str | None = None
    """The seller's legal or trading name as printed in the sender block."""
    vat_id: str | None = None
    """The seller's VAT / tax id, normalised (country prefix, no spaces), e.g. DE123456789."""
    iban: str | None = None
    """The seller's IBAN for payment, normalised (no spaces, upper case)."""
    address: str | None = None
    """The seller's postal address, lines joined with ', '."""


class BuyerExtraction(_Model):
    name: str | None = None
    """The buyer's (invoice recipient's) name."""


class InvoiceLineExtraction(_Model):
    description: str | None = None
    """The line's item description."""
    sku: str | None = None
    """The seller's article number / SKU, if printed."""
    buyer_sku: str | None = None
    """The buyer's article number for the item ('your item no.'), if printed."""
    quantity: Decimal | None = None
    unit: str | None = None
    """Unit of measure as printed or as a UN/ECE rec 20 code (e.g. C62, HUR, KGM)."""
    unit_price: Decimal | None = None
    """Net price per unit."""
    amount: Decimal | None = None
    """Net line total."""
    tax_rate: Decimal | None = None
    """VAT rate in percent, e.g. 19 or 7.5."""


class FieldEvidence(_Model):
    confidence: float = Field(ge=0.0, le=1.0)
    page: int | None = None
    """1-based page the value was read from."""
    text: str | None = None
    """The source span the value came from."""
    bbox: list[float] | None = None
    """Where on `page` the value is printed: [x0, y0, x1, y1] in PDF points (1/72 inch), origin at
    the top-left corner of the page as displayed, y growing down (a rendered page's pixels are these
    times dpi / 72). None when the text had no positions."""
    reason: str | None = None
    """For a missing value: why it is missing. For a found one: how it was chosen (optional)."""


class Check(_Model):
    name: str
    """e.g. lines_sum_to_subtotal, subtotal_plus_tax_is_total, line_arithmetic, dates_plausible,
    iban_checksum, vat_id_checksum."""
    passed: bool | None
    """None when the check could not run (a value it needs is missing)."""
    detail: str


class InvoiceExtraction(_Model):
    kind: Literal["invoice"] = "invoice"
    document_type: DocumentType = DocumentType.INVOICE
    """`credit_note` for credit notes (negative totals, 'Gutschrift', 'avoir', 'credit note', type 381)."""
    extraction_method: str = "unknown"
    """How the result was produced: einvoice:cii, einvoice:ubl, rules, llm:<model>, ..."""
    vendor: VendorExtraction = Field(default_factory=VendorExtraction)
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
    """What remains to be paid (total minus prepaid)."""
    lines: list[InvoiceLineExtraction] = Field(default_factory=list)
    fields: dict[str, FieldEvidence] = Field(default_factory=dict)
    """Per field name (dotted for nested ones, e.g. vendor.name): confidence, page and source span,
    or the reason it is missing."""
    checks: list[Check] = Field(default_factory=list)

    def failed_checks(self) -> list[Check]:
        return [c for c in self.checks if c.passed is False]
