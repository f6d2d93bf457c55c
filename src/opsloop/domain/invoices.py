"""The invoice extraction contract.

One model serves the rules engine's output, the JSON printed by `opsloop extract --json`, and the
LLM chain's structured output (the attribute docstrings below are the schema the model sees).
A value that cannot be found is None, and `fields[<name>].reason` says why. Money is Decimal.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

OCR_METHOD_PREFIX = "ocr+"
"""How `InvoiceExtraction.extraction_method` begins for values read by OCR from a scan ("ocr+rules")."""
IMAGE_METHOD_PREFIX = "image+"
"""How it begins where words OCR read in an image of a text-layer page (a letterhead, a footer band of company
data) joined the page's words ("image+rules"): the fields read from them are OCR-discounted."""


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
    vat_id: str | None = None
    """The buyer's VAT id, normalised (country prefix, no spaces), when the document places it as the
    buyer's: labelled so ("your VAT id", "TVA client"), printed in the buyer's block, or the e-invoice's
    customer party tax id. A VAT id the reader cannot place stays None (never guessed)."""


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
    tax_code: str | None = None
    """VAT category code (UNCL 5305: S, Z, E, AE reverse charge, K, G, O), if given."""
    po_number: str | None = None
    """The purchase order number of this line, if the line names one."""
    po_line: str | None = None
    """The PO line (position) number this line bills, if given."""


class AllowanceChargeExtraction(_Model):
    """A discount (allowance) or a surcharge (charge: freight, packaging, fees) the document applies
    outside the item lines: to the whole document, or to one line (`line` set)."""

    kind: Literal["allowance", "charge"]
    """allowance: lowers what is owed (discount, rebate); charge: raises it (freight, packaging, fee)."""
    reason: str | None = None
    """The reason as printed, e.g. 'Freight', 'Rabatt 3 %'."""
    reason_code: str | None = None
    """UNCL 5189 (allowances) or UNCL 7161 (charges) code when given, e.g. 95 discount, FC freight."""
    amount: Decimal | None = None
    """The amount, net of tax, as a positive number."""
    base_amount: Decimal | None = None
    """The amount a percentage applies to, when given."""
    percent: Decimal | None = None
    """The percentage applied to `base_amount`, when given."""
    tax_rate: Decimal | None = None
    """VAT rate in percent that applies to this allowance or charge."""
    tax_code: str | None = None
    """VAT category code (UNCL 5305) of this allowance or charge."""
    line: int | None = None
    """1-based invoice line it belongs to; None for the document level. A line's amount already
    includes its own allowances and charges."""


class PaymentTermsExtraction(_Model):
    """The payment terms the document prints, read as data ("Net 30", "zahlbar innerhalb 14 Tagen netto",
    "à 30 jours fin de mois", "2 % Skonto bei Zahlung binnen 10 Tagen")."""

    text: str
    """The printed sentences the terms were read from."""
    net_days: int | None = None
    """Days after the invoice date within which the full amount is due (0: on receipt, immediately)."""
    end_of_month: bool = False
    """The terms run to a month's end ("30 days end of month", "30 jours fin de mois", "løbende måned +
    30 dage"): due on the last day of the month in which invoice date + `net_days` falls; the other
    reading (the end of the invoice's month, then `net_days`) counts as agreeing too."""
    discount_percent: Decimal | None = None
    """An early-payment (cash) discount offered, in percent (2 = 2 %)."""
    discount_days: int | None = None
    """Days after the invoice date within which the discount may be taken."""
    discount_until: date | None = None
    """The last day for the discount where the document prints it as a date."""

    def due_dates(self, issued: date) -> tuple[date, ...]:
        """The due dates these terms give for an invoice dated `issued`, earliest first (two where an
        end-of-month term reads two ways); none without net days."""
        if self.net_days is None:
            return ()
        plain = issued + timedelta(days=self.net_days)
        if not self.end_of_month:
            return (plain,)
        return tuple(sorted({_month_end(plain), _month_end(issued) + timedelta(days=self.net_days)}))

    def discount_last_day(self, issued: date | None) -> date | None:
        """The last day to take the early-payment discount: as printed, else `issued` + discount days."""
        if self.discount_until is not None:
            return self.discount_until
        if issued is None or self.discount_days is None:
            return None
        return issued + timedelta(days=self.discount_days)


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


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
    """`credit_note` for credit notes (negative totals, 'Gutschrift', 'avoir', 'credit note', type 381,
    261, 396, or a corrected invoice 384 with a negative total)."""
    extraction_method: str = "unknown"
    """How the result was produced: einvoice:cii, einvoice:ubl, einvoice:fatturapa, rules, llm:<model>, ..."""
    vendor: VendorExtraction = Field(default_factory=VendorExtraction)
    buyer: BuyerExtraction = Field(default_factory=BuyerExtraction)
    invoice_number: str | None = None
    invoice_date: date | None = None
    due_date: date | None = None
    payment_terms: PaymentTermsExtraction | None = None
    """The payment terms the document prints (net days, end of month, early-payment discount); None
    where it prints none opsloop can read."""
    po_numbers: list[str] = Field(default_factory=list)
    """Purchase order numbers referenced by the invoice."""
    preceding_invoices: list[str] = Field(default_factory=list)
    """The earlier invoices this document refers to as structured data (EN 16931 BT-25, the preceding
    invoice: UBL BillingReference, CII InvoiceReferencedDocument, FatturaPA DatiFattureCollegate): the
    invoice a credit note corrects. Empty where the document carries none; a page's wording is read by
    the reconciler's own lexicon, not here."""
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
    charges: list[AllowanceChargeExtraction] = Field(default_factory=list)
    """Allowances and charges outside the item lines (document level), and those of single lines
    (`line` set, already inside that line's amount)."""
    notes: list[str] = Field(default_factory=list)
    """Free text the document carries besides its fields: e-invoice notes (UBL Note, CII IncludedNote),
    payment terms, tax exemption reasons. Untrusted text, kept so it can be screened."""
    fields: dict[str, FieldEvidence] = Field(default_factory=dict)
    """Per field name (dotted for nested ones, e.g. vendor.name): confidence, page and source span,
    or the reason it is missing."""
    checks: list[Check] = Field(default_factory=list)

    def failed_checks(self) -> list[Check]:
        return [c for c in self.checks if c.passed is False]
