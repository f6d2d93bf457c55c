"""ERP records as the reconciler sees them, the tolerance policy, and reconciliation results.

The records (vendors, purchase orders and their lines, receipt lines, earlier invoices) are frozen
slotted dataclasses rather than pydantic models: a mirror holds millions of them, and a slotted
dataclass is about a seventh of the memory and half the construction time. Everything a person or
another stage reads (the policy, the reconciliation, its checks and exceptions) is pydantic.
Money is Decimal throughout.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

# --------------------------------------------------------------------------- ERP records


@dataclass(frozen=True, slots=True)
class VendorRecord:
    id: int
    erp_id: str
    name: str
    vat_id: str | None = None
    iban: str | None = None
    """The account the ERP pays the vendor on (the first of `ibans`)."""
    currency: str | None = None
    active: bool = True
    ibans: tuple[str, ...] = ()
    """Every bank account the ERP keeps for the vendor (a new one, a factoring account, one per
    currency), normalised; empty when only `iban` is known."""
    payment_terms_days: int | None = None
    """The payment term agreed with the vendor (days after the invoice date); None where the ERP gives none."""

    @property
    def accounts(self) -> tuple[str, ...]:
        """The vendor's IBANs on file: `ibans`, else `iban` alone (none: nothing on file)."""
        if self.ibans:
            return self.ibans
        return (self.iban,) if self.iban else ()


@dataclass(frozen=True, slots=True)
class CompanyRecord:
    """One legal entity opsloop books for ("we"): its names and VAT ids."""

    erp_id: str
    name: str
    aliases: tuple[str, ...] = ()
    vat_ids: tuple[str, ...] = ()
    address: str | None = None


@dataclass(frozen=True, slots=True)
class PurchaseOrderRecord:
    id: int
    number: str
    vendor_id: int
    currency: str | None = None
    status: str = "open"
    """open | partially_received | received | billed | closed | cancelled (billed: the ERP says it is
    invoiced in full; closed and cancelled: nothing more may be billed on it)"""
    order_date: date | None = None
    payment_terms_days: int | None = None
    """The payment term agreed on this PO (days after the invoice date); None where the ERP gives none
    (the vendor's default term then applies)."""


@dataclass(frozen=True, slots=True)
class PurchaseOrderLineRecord:
    id: int
    purchase_order_id: int
    line_no: int
    quantity: Decimal
    unit_price: Decimal
    sku: str | None = None
    description: str | None = None
    category: str | None = None
    """The item's category (for per-category tolerances)."""
    unit: str | None = None
    tax_rate: Decimal | None = None
    """VAT rate in percent the PO line is taxed at (19 = 19 %); None when the ERP gives none."""
    tax_code: str | None = None
    """VAT category (UNCL 5305): S standard, Z zero rated, E exempt, AE reverse charge, K intra-community
    supply, G export, O outside the scope; None when the ERP gives none."""
    stock_unit: str | None = None
    """The item's stock unit, when the ERP converts the PO unit into it (a box of 12 pieces: PCE)."""
    conversion_factor: Decimal | None = None
    """Stock units in one PO unit (12 for a box of 12), with `stock_unit`."""


@dataclass(frozen=True, slots=True)
class ReceiptLineRecord:
    purchase_order_line_id: int
    quantity: Decimal
    received_date: date | None = None


@dataclass(frozen=True, slots=True)
class BilledLine:
    """A quantity of a PO line that an invoice billed."""

    purchase_order_line_id: int
    quantity: Decimal


@dataclass(frozen=True, slots=True)
class PriorInvoiceRecord:
    """An invoice already seen: for duplicates, credit-note links and already-billed quantities."""

    document_id: int
    """Identity of the invoice (its document); an invoice is never compared with itself."""
    invoice_id: int | None = None
    vendor_id: int | None = None
    invoice_number: str | None = None
    invoice_date: date | None = None
    total: Decimal | None = None
    currency: str | None = None
    document_type: str = "invoice"
    po_numbers: tuple[str, ...] = ()
    text_hash: str | None = None
    billed: tuple[BilledLine, ...] = ()
    status: str | None = None
    """The status of its latest reconciliation, when there is one."""
    no_invoice: bool = False
    """Its reconciliation found it is no invoice (a payment reminder or a statement reprinting an invoice,
    a pro forma) and nobody approved it for payment: it is no earlier copy of the invoice it reprints."""
    periods: tuple[tuple[int, str], ...] = ()
    """(PO line, the month its line names, "2026-11"): the service periods it billed (`normalise.period_of`)."""
    held_duplicate: bool = False
    """Its reconciliation held it as a duplicate of another document and nobody approved it for payment: it is
    the copy, never an original that document (re-checked when its goods arrive) could repeat."""
    rejected: bool = False
    """A person rejected it (sent it back to the vendor) and nobody approved it for payment: it bills nothing
    on its POs (the corrected invoice replacing it does), and a corrected invoice under its number is no copy."""
    net: Decimal | None = None
    """Its net amount as reconciled (a credit note's negative)."""
    advance: bool = False
    """It is an advance-payment invoice (a deposit asked before delivery): it bills no goods, and the POs it
    names owe it back through a deduction on a later invoice."""
    credits: tuple[int, ...] = ()
    """A credit note's: the documents of the invoices it corrects, as its reconciliation linked them."""


# --------------------------------------------------------------------------- tolerance policy


class _Model(BaseModel):
    model_config = ConfigDict(use_attribute_docstrings=True, extra="forbid")


class ToleranceLimits(_Model):
    """Limits on variances. A variance is tolerated when it is within every limit that is set."""

    price_pct: Decimal | None = None
    """Unit price above the PO price, in percent of the PO price."""
    price_abs: Decimal | None = None
    """Unit price above the PO price, in currency per unit."""
    qty_pct: Decimal | None = None
    """Quantity beyond what was ordered / received, in percent of the ordered quantity."""
    qty_abs: Decimal | None = None
    """Quantity beyond what was ordered / received, in units."""
    total_pct: Decimal | None = None
    """Invoice net total against its lines (or the PO's open value), in percent."""
    total_abs: Decimal | None = None
    """Invoice net total against its lines (or the PO's open value), in currency."""
    receipt: bool | None = None
    """Whether a billed quantity must have been received first (unset: yes). False for what is never
    received into stock, such as services: the line is then matched against its PO alone (ordered and
    not yet billed)."""


class ChargeLimits(_Model):
    """What passes of one kind of allowance or charge that no PO line covers. Within every limit that is
    set; with no limit set and `always` false, nothing of the kind passes."""

    always: bool = False
    """Passes whatever its amount (allowances: the vendor bills less)."""
    max_abs: Decimal | None = None
    """At most this amount per invoice, in the invoice's currency."""
    max_pct: Decimal | None = None
    """At most this share of the invoice's item lines, in percent."""


class TolerancePolicy(_Model):
    """The tolerance policy, as data: a versioned file shipped in the package, or a table row."""

    version: str
    """Recorded on every reconciliation that used this policy."""
    description: str = ""
    default: ToleranceLimits
    categories: dict[str, ToleranceLimits] = Field(default_factory=dict)
    """Overrides per item category (only the dimensions named replace the default's)."""
    vendors: dict[str, ToleranceLimits] = Field(default_factory=dict)
    """Overrides per vendor ERP id (applied after the category's)."""
    duplicate_window_days: int = 7
    """Two invoices of one vendor with the same amount this many days apart or less are suspect."""
    fuzzy_vendor_min_score: float = 0.9
    """Lowest rapidfuzz name score (0..1) that identifies a vendor without a VAT id or IBAN match."""
    description_min_score: float = 0.8
    """Lowest description similarity (0..1) that matches an invoice line without a SKU to a PO line."""
    tax_abs: Decimal = Decimal("0.02")
    """How far the invoice's tax total may be from its lines' net amounts at their rates, beyond
    rounding (a cent per line and per rate)."""
    charges: dict[str, ChargeLimits] = Field(default_factory=dict)
    """Allowances and charges by kind (allowance, freight, packaging, surcharge, fee; the kinds of the
    charge lexicon): what passes without a person. A kind not named here is held."""
    own_ibans: list[str] = Field(default_factory=list)
    """The buying company's own accounts, printed on direct-debit invoices: never a vendor's changed
    bank details."""
    erp_rounding_abs: Decimal = Decimal("0.05")
    """How far the ERP's own arithmetic may move an approved invoice at write-back: the ERP keeps unit
    prices to a few places (Tryton: four) and rounds each line and each tax, so a line printed with a
    discount (465 at 0.38 less 5 %) may not be reproducible by any unit price. Read back after the invoice
    is created, a net, tax or total this close to the page's is brought to the page's (a rounding-
    difference line, an adjusted tax line); one further off is not posted (the action fails with the
    figures, to be decided again)."""
    mandatory_content: Literal["hold", "flag", "off"] = "hold"
    """What an invoice lacking content the law requires of a tax invoice gets (reconcile/lexicon/
    invoice_content.toml): "hold" (held, the vendor asked for a corrected invoice), "flag" (a person checks
    it, nothing held), "off" (not checked)."""

    _cache: dict[tuple[str | None, str | None], ToleranceLimits] = PrivateAttr(default_factory=dict)

    def limits_for(self, vendor_erp_id: str | None, category: str | None) -> ToleranceLimits:
        """The default, overridden by the category's limits, then by the vendor's. An override that
        names a dimension (price, qty or total) replaces both of that dimension's limits."""
        key = (vendor_erp_id, category)
        # The private dict directly: `self._cache` goes through pydantic's __getattr__ (~4 µs a call,
        # twice per reconciled invoice and once per matched line).
        private = self.__pydantic_private__
        cache: dict[tuple[str | None, str | None], ToleranceLimits] = (
            private["_cache"] if private is not None else self._cache
        )
        found = cache.get(key)
        if found is not None:
            return found
        merged = self.default.model_dump()
        for override in (
            self.categories.get(category) if category else None,
            self.vendors.get(vendor_erp_id) if vendor_erp_id else None,
        ):
            if override is None:
                continue
            for dimension in ("price", "qty", "total"):
                names = (f"{dimension}_pct", f"{dimension}_abs")
                if any(name in override.model_fields_set for name in names):
                    for name in names:
                        merged[name] = getattr(override, name)
            if "receipt" in override.model_fields_set:
                merged["receipt"] = override.receipt
        limits = ToleranceLimits.model_validate(merged)
        cache[key] = limits
        return limits


# --------------------------------------------------------------------------- results


class ReconciliationStatus(StrEnum):
    MATCHED = "matched"
    MATCHED_WITHIN_TOLERANCE = "matched_within_tolerance"
    EXCEPTION = "exception"


class ExceptionType(StrEnum):
    UNKNOWN_VENDOR = "unknown_vendor"
    IBAN_CHANGED = "iban_changed"
    VAT_MISMATCH = "vat_mismatch"
    MISSING_PO = "missing_po"
    PO_VENDOR_MISMATCH = "po_vendor_mismatch"
    UNMATCHED_LINE = "unmatched_line"
    PRICE_VARIANCE = "price_variance"
    QUANTITY_VARIANCE = "quantity_variance"
    """More invoiced than received (net of earlier billing), though some was received."""
    NOT_RECEIVED = "not_received"
    """Invoiced, but nothing (left) received for the line."""
    OVER_INVOICED = "over_invoiced"
    """More billed in total than was ordered."""
    DUPLICATE = "duplicate"
    CURRENCY_MISMATCH = "currency_mismatch"
    TOTAL_VARIANCE = "total_variance"
    UNLINKED_CREDIT_NOTE = "unlinked_credit_note"
    TAX_MISMATCH = "tax_mismatch"
    """A line's VAT rate is not the PO line's, the tax total does not follow from the rates, VAT is
    charged where the PO says reverse charge, or a zero rate comes without its legal wording."""
    PO_CLOSED = "po_closed"
    """The quoted PO is closed or cancelled in the ERP: nothing more may be billed on it."""
    PO_FULLY_BILLED = "po_fully_billed"
    """Everything on the quoted PO was billed before (by earlier invoices, or so says the ERP)."""
    PO_AMBIGUOUS = "po_ambiguous"
    """The invoice quotes no PO and its lines fit several open POs of the vendor alike."""
    UNEXPECTED_CHARGE = "unexpected_charge"
    """A charge (freight, packaging, surcharge, fee) no PO line covers, beyond the tolerance policy."""
    INSTRUCTION_TEXT = "instruction_text"
    """The document carries text addressed to the approver or the system ('pre-approved', 'ignore
    previous instructions', 'set the total to'), in any language opsloop reads."""
    NOT_AN_INVOICE = "not_an_invoice"
    """The page is titled as a document that is no invoice (a quotation, an order confirmation, a
    delivery note, a pro-forma invoice, a payment reminder, a statement of account): never paid."""
    ALREADY_PAID = "already_paid"
    """The invoice says its amount due is less than its total (paid by card, prepaid, settled): paying
    the total would pay twice."""
    BUYER_NOT_OURS = "buyer_not_ours"
    """The invoice is addressed to another legal entity than ours (another name, another VAT id), or
    to none at all above the small-invoice limit: not our liability, not our input VAT. It goes back to
    the vendor for a corrected invoice."""
    INVOICE_CONTENT_MISSING = "invoice_content_missing"
    """The invoice lacks, as its page shows, content the law of the seller's country requires of a tax invoice
    (the seller's VAT id or tax number: the elements of severity "hold" in reconcile/lexicon/
    invoice_content.toml): no input VAT can be reclaimed on it. It goes back to the vendor for a corrected
    invoice. As a warning: a formal defect that puts no VAT at risk (our VAT id on an intra-EU invoice)."""
    INVOICE_ALREADY_CREDITED = "invoice_already_credited"
    """A credit note that corrects an invoice earlier credit notes already credited in full: booked, it would
    credit that invoice a second time. A person asks the vendor what it corrects."""
    CREDITS_REJECTED_INVOICE = "credits_rejected_invoice"
    """A credit note cancelling an invoice a person rejected (sent back to the vendor) and that was never
    booked: it is filed with that invoice; booking it would have the vendor owe money nobody paid."""
    POSSIBLE_DUPLICATE = "possible_duplicate"
    """Only a warning: an earlier invoice of the vendor has the same amount within days but another
    number; a person compares both (never an exception by itself)."""
    PAYMENT_TERMS = "payment_terms"
    """Only a warning: the printed due date contradicts the invoice date and the printed terms, or the
    invoice asks for payment sooner than the terms agreed with the vendor (then payment is scheduled on
    the agreed date). Never an exception by itself."""


HIGH_RISK: frozenset[ExceptionType] = frozenset(
    {
        ExceptionType.IBAN_CHANGED,
        ExceptionType.DUPLICATE,
        ExceptionType.UNKNOWN_VENDOR,
        ExceptionType.VAT_MISMATCH,
        ExceptionType.INSTRUCTION_TEXT,
        ExceptionType.PO_VENDOR_MISMATCH,
    }
)
OVERBILLING: frozenset[ExceptionType] = frozenset(
    {ExceptionType.PRICE_VARIANCE, ExceptionType.OVER_INVOICED, ExceptionType.TOTAL_VARIANCE}
)
"""Exceptions where the vendor billed more than agreed: a credit note settles them."""


class VendorCandidate(_Model):
    vendor_id: int
    erp_id: str
    name: str
    score: float
    """0..1"""
    method: Literal["fuzzy_name", "vector"]
    """How it was found; "vector" only on reconciliations recorded before the vendor vector index went."""


class VendorResolution(_Model):
    vendor_id: int | None = None
    erp_id: str | None = None
    name: str | None = None
    method: Literal["vat_id", "iban", "name", "fuzzy_name", "vector", "none"] = "none"
    score: float = 0.0
    """1.0 for exact identifiers; the similarity for fuzzy and vector matches."""
    candidates: list[VendorCandidate] = Field(default_factory=list)
    """Nearest vendors when none was identified (or when the match is not exact)."""


class LineMatch(_Model):
    """One invoice line against the PO line it was matched to, with its variances."""

    position: int
    """1-based invoice line."""
    description: str | None = None
    sku: str | None = None
    method: Literal["sku", "buyer_sku", "order_line", "description", "charge", "none"] = "none"
    """How the PO line was found: the seller's SKU, the buyer's item id (our SKU), the line's own PO
    line reference, the description; `charge`: an allowance/charge line no PO line covers."""
    similarity: float | None = None
    po_number: str | None = None
    po_line_id: int | None = None
    po_line_no: int | None = None
    category: str | None = None
    invoiced_qty: Decimal | None = None
    invoiced_unit_price: Decimal | None = None
    ordered_qty: Decimal | None = None
    po_unit_price: Decimal | None = None
    received_qty: Decimal | None = None
    previously_billed_qty: Decimal | None = None
    """Billed by earlier invoices (this invoice excluded)."""
    price_variance: Decimal | None = None
    """Invoice unit price minus PO unit price (positive: dearer than agreed)."""
    price_variance_pct: Decimal | None = None
    qty_over_po: Decimal | None = None
    """Earlier billing + this line − ordered (positive: more than ordered)."""
    qty_over_received: Decimal | None = None
    """This line − (received − earlier billing) (positive: more than has arrived)."""
    within_tolerance: bool = True
    unit_factor: Decimal | None = None
    """Invoiced units in one PO unit, when the line was converted (pieces invoiced, boxes of 12
    ordered: 12); quantities and prices above are then in PO units."""
    charge_kind: str | None = None
    """For a `charge` line: allowance, freight, packaging, surcharge, fee or other."""
    tax_rate: Decimal | None = None
    """The invoice line's VAT rate (percent), when printed."""
    po_tax_rate: Decimal | None = None
    """The PO line's VAT rate (percent), when the ERP gives one."""


class CreditedLine(_Model):
    """A credit-note line that gives back units of a PO line (goods returned or a quantity cancelled,
    credited at the PO price): those units no longer count as billed. A line that only corrects the
    price credits money, not units, and is not one of these."""

    position: int
    """1-based credit-note line."""
    po_number: str | None = None
    po_line_id: int
    po_line_no: int | None = None
    quantity: Decimal
    """Units given back (positive)."""


class AmountBilledLine(_Model):
    """A PO line that an invoice without lines bills in full by its amount (its net amount is the whole
    received-and-unbilled, or the whole open, value of its POs): those units count as billed."""

    po_number: str | None = None
    po_line_id: int
    po_line_no: int | None = None
    quantity: Decimal


class CheckResult(_Model):
    name: str
    passed: bool | None
    """None when the check could not run (a value it needs is missing)."""
    compared: dict[str, str] = Field(default_factory=dict)
    """The numbers or values compared, as text (Decimals kept exact)."""
    sentence: str
    """What a clerk reads."""


class ReconciliationException(_Model):
    type: ExceptionType
    severity: Literal["high", "medium", "low"]
    sentence: str
    line: int | None = None
    """1-based invoice line, for line-level exceptions."""
    amount: Decimal | None = None
    """Money at stake (e.g. the overcharge), when it can be computed."""


class EarlyPaymentDiscount(_Model):
    """An early-payment (cash) discount the invoice offers: shown, never taken off the amount posted."""

    percent: Decimal
    amount: Decimal | None = None
    """The discount on the amount due (the percent of it, to the cent); None without an amount."""
    last_day: date | None = None
    """The last day to pay and take it: as printed, else the invoice date + the discount days."""


class PaymentSchedule(_Model):
    """When the invoice is to be paid: its own due date, never before the date agreed with the vendor."""

    invoice_due_date: date | None = None
    """The due date the invoice asks for: the printed one, else the invoice date + its printed terms."""
    due_date_from: Literal["printed", "terms", "none"] = "none"
    agreed_days: int | None = None
    """The payment term agreed in the ERP (days after the invoice date): the PO's own term where the
    PO has one, else the vendor's default; None: not known."""
    agreed_on: str | None = None
    """The PO number(s) the agreed term is the PO's own term of; None: the vendor's default term."""
    agreed_due_date: date | None = None
    payment_date: date | None = None
    """The date the proposal schedules payment for: the invoice's due date, or the agreed date where
    that is later; None where neither is known (nothing invented)."""
    discount: EarlyPaymentDiscount | None = None


class Reconciliation(_Model):
    status: ReconciliationStatus
    policy_version: str
    document_id: int | None = None
    text_hash: str | None = None
    document_type: str = "invoice"
    invoice_number: str | None = None
    invoice_date: date | None = None
    currency: str | None = None
    net_amount: Decimal | None = None
    total: Decimal | None = None
    vendor: VendorResolution
    po_numbers: list[str] = Field(default_factory=list)
    """The ERP numbers of the POs used."""
    po_resolution: Literal["referenced", "found_in_text", "inferred", "ambiguous", "none"] = "none"
    """referenced: the PO numbers the invoice quotes; found_in_text: a PO number of the ERP printed in
    the document where no field held one; inferred: chosen from the vendor's open POs by the lines or
    the amount (a tolerance: never approved without a person); ambiguous: the lines fit several open
    POs alike and none was chosen (held as `po_ambiguous`)."""
    lines: list[LineMatch] = Field(default_factory=list)
    checks: list[CheckResult] = Field(default_factory=list)
    exceptions: list[ReconciliationException] = Field(default_factory=list)
    warnings: list[ReconciliationException] = Field(default_factory=list)
    """What a person should look at without holding the invoice (a possible duplicate)."""
    duplicate_of: list[int] = Field(default_factory=list)
    """Document ids of the earlier invoices this one duplicates."""
    possible_duplicate_of: list[int] = Field(default_factory=list)
    """Document ids of earlier invoices with the same amount within days but another number: shown
    side by side, never decided on by themselves."""
    credit_note_for: list[int] = Field(default_factory=list)
    """For credit notes: document ids of the invoices it corrects."""
    credited_lines: list[CreditedLine] = Field(default_factory=list)
    """For credit notes: the PO-line units it gives back (they reduce the billed quantities)."""
    billed_by_amount: list[AmountBilledLine] = Field(default_factory=list)
    """For an invoice without lines matched by its amount: the PO-line units it bills."""
    payment: PaymentSchedule | None = None
    """When an invoice to pay is to be paid (due date, agreed term, early-payment discount); None for
    documents that are never paid."""

    def exception_types(self) -> set[ExceptionType]:
        return {e.type for e in self.exceptions}

    def billed_lines(self) -> tuple[BilledLine, ...]:
        """PO-line quantities this invoice bills; a credit note's are negative (the units it gives
        back); none for duplicates, for documents that are no invoice (a reminder reprinting an invoice's
        lines is never paid: the invoice it asks for bills them) and other documents."""
        nothing = (
            ExceptionType.DUPLICATE,
            ExceptionType.NOT_AN_INVOICE,
            ExceptionType.CREDITS_REJECTED_INVOICE,
        )
        if any(e.type in nothing for e in self.exceptions):
            return ()
        if self.document_type == "credit_note":
            return tuple(BilledLine(c.po_line_id, -c.quantity) for c in self.credited_lines)
        if self.document_type != "invoice":
            return ()
        return tuple(
            BilledLine(m.po_line_id, m.invoiced_qty)
            for m in self.lines
            if m.po_line_id is not None and m.invoiced_qty is not None
        ) + tuple(BilledLine(b.po_line_id, b.quantity) for b in self.billed_by_amount)
