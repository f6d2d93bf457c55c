"""The abstract invoice that every generator in evals/ writes and every renderer reads.

This module is the contract between the scenario generators (what an invoice *is*: its parties,
lines, taxes, allowances, references, free text) and the renderers (how a vendor *prints* it: PDF
layouts in many locales, UBL 2.1, UN/CEFACT CII, Factur-X). It imports nothing of opsloop's: the
evals that score opsloop must not share its parsing or arithmetic.

Amounts follow EN 16931's arithmetic, computed here once so a renderer never recomputes them:
line net = quantity x net unit price (rounded to cents) less line allowances plus line charges;
document net = sum of line nets - header allowances + header charges; tax per rate and category on
that base; grand total = net + tax; amount due = grand total - prepaid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

CENT = Decimal("0.01")
ZERO = Decimal("0")

DocType = Literal["invoice", "credit_note"]
TaxCategory = Literal["S", "Z", "E", "AE", "K", "G", "O"]
"""UNCL5305: standard, zero rated, exempt, reverse charge (AE), intra-EU (K), export (G), out of scope (O)."""


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Party:
    name: str
    street: str
    postcode: str
    city: str
    country: str
    """ISO 3166-1 alpha-2."""
    vat_id: str | None = None
    iban: str | None = None
    bic: str | None = None
    email: str | None = None
    phone: str | None = None
    registration: str | None = None
    """Trade register or company number, printed in footers."""


@dataclass(frozen=True)
class AllowanceCharge:
    """A discount (allowance) or a surcharge (charge), on one line or on the whole document."""

    is_charge: bool
    amount: Decimal
    """Positive; the sign comes from `is_charge`."""
    reason: str
    """As printed, in the document's language ("Rabatt", "Fracht", "Remise", "Freight")."""
    reason_code: str | None = None
    """UNCL5189 (allowances, e.g. 95 discount) or UNCL7161 (charges, e.g. FC freight)."""
    percent: Decimal | None = None
    base: Decimal | None = None
    tax_rate: Decimal | None = None
    """Header level only: the rate the allowance/charge is taxed at (lines inherit their own)."""
    tax_category: TaxCategory = "S"


@dataclass(frozen=True)
class Line:
    description: str
    """May hold newlines: a wrapped description printed over several lines."""
    quantity: Decimal
    unit_price: Decimal
    """Net price per unit as exact as the ERP knows it (may have more than 2 decimals)."""
    tax_rate: Decimal
    tax_category: TaxCategory = "S"
    unit: str = "C62"
    """UN/ECE rec 20 code."""
    seller_sku: str | None = None
    buyer_sku: str | None = None
    """The buyer's own item id (CII BuyerAssignedID, UBL BuyersItemIdentification)."""
    position: str | None = None
    """The printed position number ("10", "1.1"); never a SKU."""
    po_number: str | None = None
    po_line_ref: str | None = None
    """The PO line this invoice line bills (CII BuyerOrderReferencedDocument/LineID, UBL OrderLineReference)."""
    allowances_charges: tuple[AllowanceCharge, ...] = ()
    unit_price_decimals: int | None = None
    """How many decimals the PDF prints the unit price with (None: as many as it has)."""
    note: str | None = None

    @property
    def gross(self) -> Decimal:
        return cents(self.quantity * self.unit_price)

    @property
    def net(self) -> Decimal:
        total = self.gross
        for ac in self.allowances_charges:
            total += ac.amount if ac.is_charge else -ac.amount
        return cents(total)


@dataclass(frozen=True)
class TaxSubtotal:
    category: TaxCategory
    rate: Decimal
    base: Decimal
    tax: Decimal
    exemption_reason: str | None = None
    """Printed wording for 0%/reverse charge ("Steuerschuldnerschaft des Leistungsempfängers", …)."""


@dataclass
class SynthInvoice:
    doc_type: DocType
    number: str
    issue_date: date
    currency: str
    seller: Party
    buyer: Party
    lines: list[Line]
    due_date: date | None = None
    po_numbers: list[str] = field(default_factory=list)
    """As the ERP knows them; `po_print` says how the PDF writes them."""
    po_print: str | None = None
    """How the PDF prints the PO reference(s) when it differs from the ERP number: "4700 020 141",
    "4700020145/00010", two numbers under one label. None: printed as in `po_numbers`."""
    delivery_note: str | None = None
    preceding_invoice: str | None = None
    """A credit note's invoice reference (CII InvoiceReferencedDocument, UBL BillingReference)."""
    allowances_charges: list[AllowanceCharge] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Free text: payment terms, legal wording, and (in attack scenarios) injected instructions.
    XML renderers write them as document notes; PDF renderers print them in the body or footer."""
    payment_terms: str | None = None
    prepaid: Decimal = ZERO
    locale: str = "de-DE"
    """BCP 47; selects labels, number and date formats for PDF rendering."""
    exemption_reasons: dict[TaxCategory, str] = field(default_factory=dict)
    """Printed wording per non-standard category (reverse charge, exempt), in the document's language."""

    # ---------------------------------------------------------------- arithmetic (EN 16931)

    @property
    def line_total(self) -> Decimal:
        return sum((line.net for line in self.lines), ZERO)

    @property
    def allowance_total(self) -> Decimal:
        return sum((ac.amount for ac in self.allowances_charges if not ac.is_charge), ZERO)

    @property
    def charge_total(self) -> Decimal:
        return sum((ac.amount for ac in self.allowances_charges if ac.is_charge), ZERO)

    @property
    def net_total(self) -> Decimal:
        return self.line_total - self.allowance_total + self.charge_total

    @property
    def tax_subtotals(self) -> list[TaxSubtotal]:
        bases: dict[tuple[TaxCategory, Decimal], Decimal] = {}
        for line in self.lines:
            key = (line.tax_category, line.tax_rate)
            bases[key] = bases.get(key, ZERO) + line.net
        for ac in self.allowances_charges:
            rate = ac.tax_rate if ac.tax_rate is not None else _single_rate(self.lines)
            key = (ac.tax_category, rate)
            bases[key] = bases.get(key, ZERO) + (ac.amount if ac.is_charge else -ac.amount)
        return [
            TaxSubtotal(
                category=category,
                rate=rate,
                base=base,
                tax=ZERO if category in ("AE", "E", "Z", "K", "G", "O") else cents(base * rate / 100),
                exemption_reason=self.exemption_reasons.get(category),
            )
            for (category, rate), base in sorted(bases.items(), key=lambda kv: (kv[0][0], kv[0][1]))
        ]

    @property
    def tax_total(self) -> Decimal:
        return sum((t.tax for t in self.tax_subtotals), ZERO)

    @property
    def grand_total(self) -> Decimal:
        return self.net_total + self.tax_total

    @property
    def amount_due(self) -> Decimal:
        return self.grand_total - self.prepaid


def _single_rate(lines: list[Line]) -> Decimal:
    rates = {line.tax_rate for line in lines}
    if len(rates) != 1:
        raise ValueError("a header allowance/charge on a mixed-rate invoice needs its own tax_rate")
    return rates.pop()


# ---------------------------------------------------------------------------- renderer contract
#
# evals/synth/render.py (owned by the document-synthesis work) provides:
#
#   LAYOUTS: tuple[str, ...]   # >= 15 PDF layout ids
#   LOCALES: tuple[str, ...]   # >= 10 locales, e.g. de-DE, de-CH, fr-FR, en-GB, en-US, nl-NL, da-DK,
#                              # es-ES, it-IT, pt-PT, pl-PL, sv-SE, cs-CZ
#   render_pdf(invoice: SynthInvoice, layout: str, *, text_layer: bool = True) -> bytes
#   render_ubl(invoice: SynthInvoice) -> bytes
#   render_cii(invoice: SynthInvoice) -> bytes
#   render_facturx(invoice: SynthInvoice, layout: str) -> bytes   # PDF with the CII embedded
#   truth(invoice: SynthInvoice) -> dict   # the ground truth the extraction eval scores against
#
# Everything is deterministic for a given invoice and layout (fixed creation dates and file ids).
