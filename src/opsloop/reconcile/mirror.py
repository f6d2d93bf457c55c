"""An indexed, in-memory view of the ERP mirror and of earlier invoices.

Every look-up the reconciler makes is a dictionary hit (VAT id, IBAN, PO number, vendor + SKU,
vendor + invoice number, vendor + amount, text hash): reconciling an invoice never scans the mirror.
Only fuzzy vendor names (when no identifier matched) compare against the vendor master, in C
(rapidfuzz).
"""

from __future__ import annotations

import gc
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from typing import TypeVar

from rapidfuzz import fuzz, process, utils
from sqlmodel import Session, col, select

from opsloop.domain.erp import (
    BilledLine,
    CompanyRecord,
    ExceptionType,
    PriorInvoiceRecord,
    PurchaseOrderLineRecord,
    PurchaseOrderRecord,
    ReceiptLineRecord,
    Reconciliation,
    RecurringAgreementRecord,
    VendorRecord,
)
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.reconcile.normalise import (
    normalise_code,
    normalise_invoice_number,
    normalise_name,
    normalise_po_number,
    normalise_vat_id,
    period_of,
    po_number_digits,
    split_po_numbers,
    strip_item_suffix,
)

ZERO = Decimal(0)
K = TypeVar("K")
ADVANCE_CHECK = "not_an_advance_invoice"
RECURRING_CHECK = "recurring_charge_agreed"
"""The check an invoice without a PO passes when a recurring-charge agreement covers it (fails: it differs)."""
"""The check an advance-payment invoice fails (no hold): a person pays it as a prepayment."""
INVOICE_PROPOSAL_KINDS = ("invoice_approve", "invoice_hold", "invoice_request_credit_note")
"""The kinds of proposal that decide an invoice (pay, hold, ask for a credit note); rejecting one rejects it."""
CLOSED_PO_STATUSES = frozenset({"closed", "cancelled"})
"""PO statuses on which nothing more may be billed."""
BILLED_PO_STATUSES = frozenset({"billed"})
"""PO statuses that say the ERP counts the PO as invoiced in full."""
OPEN_PO_STATUSES = frozenset({"open", "partially_received", "received"})
"""PO statuses that take invoices. Any status but these and the two above is one the ERP wrote in words
opsloop does not know (erp/lexicon/po_statuses.toml): such a PO takes no invoice (it may be cancelled)."""


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a mirror is bulk-loaded.

    Loading creates millions of long-lived objects and no reference cycles; with the collector on,
    every few hundred thousand new objects trigger a full collection over the whole growing heap
    (about a third of the build time of a 1M-line mirror). Process-wide, and restored afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class DecimalInterner:
    """One shared object per distinct Decimal (value *and* exponent: 2 and 2.00 stay apart, so their
    text is unchanged). Quantities and prices repeat: a million PO lines hold a few thousand values."""

    __slots__ = ("_seen",)

    def __init__(self) -> None:
        self._seen: dict[tuple[Decimal, int | str], Decimal] = {}

    def __call__(self, value: Decimal) -> Decimal:
        key = (value, value.as_tuple().exponent)
        found = self._seen.get(key)
        if found is None:
            self._seen[key] = found = value
        return found


class Mirror:
    """The ERP records and earlier invoices the reconciler needs, indexed for exact look-ups."""

    def __init__(self) -> None:
        self.vendors: dict[int, VendorRecord] = {}
        self._by_vat: dict[str, int] = {}
        self._all_by_vat: dict[str, list[int]] = defaultdict(list)
        self._by_iban: dict[str, list[int]] = defaultdict(list)
        """Normalised IBAN -> the vendors that have it on file (several: a factoring or group account)."""
        self._by_name: dict[str, list[int]] = defaultdict(list)
        self._name_choices: list[str] | None = None
        self._name_ids: list[int] = []
        self._full_choices: list[str] = []
        self.orders: dict[int, PurchaseOrderRecord] = {}
        self._po_by_number: dict[str, int] = {}
        self._po_by_digits: dict[str, list[int]] = defaultdict(list)
        self._pos_of_vendor: dict[int, list[int]] = defaultdict(list)
        self.lines: dict[int, PurchaseOrderLineRecord] = {}
        self._lines_of_po: dict[int, list[int]] = defaultdict(list)
        self._skus_of_vendor: dict[int, dict[str, int | tuple[int, ...]]] = {}
        """vendor id → normalised SKU → the line id (a tuple of them when several lines share it)."""
        self._sku_keys: dict[int, str] = {}
        """Normalised SKUs of the lines whose SKU is not already in normal form ("" for none)."""
        self._received: dict[int, Decimal] = {}
        self._returned: dict[int, Decimal] = {}
        """Per PO line, what went back to the vendor (receipts of a negative quantity: supplier returns)."""
        self._billed: dict[int, Decimal] = {}

        self.invoices: dict[int, PriorInvoiceRecord] = {}
        self._inv_by_number: dict[tuple[int, str], list[int]] = defaultdict(list)
        self._inv_by_amount: dict[tuple[int, Decimal], list[int]] = defaultdict(list)
        self._inv_by_hash: dict[str, list[int]] = defaultdict(list)
        self._inv_by_vendor_po: dict[tuple[int, str], list[int]] = defaultdict(list)
        self.companies: list[CompanyRecord] = []
        """Who "we" are: the legal entities opsloop books for (empty: not known, nothing is checked)."""
        self.newest_date: date | None = None
        """The newest date the ERP recorded (a PO ordered, goods received): the ERP's "today"."""
        self.agreements: dict[int, list[RecurringAgreementRecord]] = defaultdict(list)
        """vendor id -> the recurring-charge agreements people made with it (revoked ones too), newest first."""

    # ------------------------------------------------------------------ building

    def _saw(self, day: date | None) -> None:
        if day is not None and (self.newest_date is None or day > self.newest_date):
            self.newest_date = day

    def add_vendor(self, vendor: VendorRecord) -> None:
        self.vendors[vendor.id] = vendor
        vat = normalise_vat_id(vendor.vat_id)
        if vat:
            self._by_vat[vat] = vendor.id
            self._all_by_vat[vat].append(vendor.id)
        for account in vendor.accounts:
            iban = normalise_code(account)
            if iban and vendor.id not in self._by_iban[iban]:
                self._by_iban[iban].append(vendor.id)
        self._by_name[normalise_name(vendor.name)].append(vendor.id)
        self._name_choices = None

    def add_purchase_order(self, order: PurchaseOrderRecord) -> None:
        self.orders[order.id] = order
        self._saw(order.order_date)
        number = normalise_po_number(order.number)
        if number:
            self._po_by_number[number] = order.id
        digits = po_number_digits(order.number)
        if digits:
            self._po_by_digits[digits].append(order.id)
        self._pos_of_vendor[order.vendor_id].append(order.id)

    def add_po_line(self, line: PurchaseOrderLineRecord) -> None:
        """Add a line of a PO already added (its vendor indexes the SKU)."""
        line_id = line.id
        if line_id in self.lines:
            self._sku_keys.pop(line_id, None)
        self.lines[line_id] = line
        self._lines_of_po[line.purchase_order_id].append(line_id)
        raw = line.sku
        if not raw:
            return
        sku = normalise_code(raw)
        if sku != raw:
            self._sku_keys[line_id] = sku or ""
        order = self.orders.get(line.purchase_order_id)
        if sku and order is not None:
            skus = self._skus_of_vendor.get(order.vendor_id)
            if skus is None:
                skus = self._skus_of_vendor[order.vendor_id] = {}
            found = skus.get(sku)
            if found is None:
                skus[sku] = line_id
            elif isinstance(found, int):
                skus[sku] = (found, line_id)
            else:
                skus[sku] = (*found, line_id)

    def fully_billed(self, po_id: int, exclude_document_id: int | None = None) -> bool:
        """Every line of the PO (with a quantity) billed in full by earlier invoices, `exclude_document_id`'s
        billing left out. Stops at the first line still open, which is usually the first."""
        ids = self._lines_of_po.get(po_id)
        if not ids:
            return False
        billed, lines = self._billed, self.lines
        ordered = False
        for line_id in ids:
            quantity = lines[line_id].quantity
            if quantity <= ZERO:
                continue
            ordered = True
            if billed.get(line_id, ZERO) < quantity:  # leaving an invoice's billing out only lowers it
                return False
        if not ordered:
            return False
        if exclude_document_id is None or exclude_document_id not in self.invoices:
            return True
        counter = self.billed_counter(exclude_document_id)
        return all(counter(i) >= lines[i].quantity for i in ids if lines[i].quantity > ZERO)

    def add_receipt_line(self, receipt: ReceiptLineRecord) -> None:
        line_id = receipt.purchase_order_line_id
        self._received[line_id] = self._received.get(line_id, ZERO) + receipt.quantity
        if receipt.quantity < ZERO:
            self._returned[line_id] = self._returned.get(line_id, ZERO) - receipt.quantity
        self._saw(receipt.received_date)

    def add_invoice(self, invoice: PriorInvoiceRecord) -> None:
        """Add (or replace) an earlier invoice, with the PO-line quantities it billed."""
        if invoice.document_id in self.invoices:
            self.remove_invoice(invoice.document_id)
        doc = invoice.document_id
        self.invoices[doc] = invoice
        if invoice.vendor_id is not None:
            number = normalise_invoice_number(invoice.invoice_number)
            if number:
                self._inv_by_number[(invoice.vendor_id, number)].append(doc)
            if invoice.total is not None:
                self._inv_by_amount[(invoice.vendor_id, abs(invoice.total))].append(doc)
            for po in invoice.po_numbers:
                key = normalise_po_number(po)
                if key:
                    self._inv_by_vendor_po[(invoice.vendor_id, key)].append(doc)
        if invoice.text_hash:
            self._inv_by_hash[invoice.text_hash].append(doc)
        for billed in invoice.billed:
            line_id = billed.purchase_order_line_id
            self._billed[line_id] = self._billed.get(line_id, ZERO) + billed.quantity

    def remove_invoice(self, document_id: int) -> None:
        invoice = self.invoices.pop(document_id, None)
        if invoice is None:
            return
        if invoice.vendor_id is not None:
            number = normalise_invoice_number(invoice.invoice_number)
            if number:
                _discard(self._inv_by_number, (invoice.vendor_id, number), document_id)
            if invoice.total is not None:
                _discard(self._inv_by_amount, (invoice.vendor_id, abs(invoice.total)), document_id)
            for po in invoice.po_numbers:
                key = normalise_po_number(po)
                if key:
                    _discard(self._inv_by_vendor_po, (invoice.vendor_id, key), document_id)
        if invoice.text_hash:
            _discard(self._inv_by_hash, invoice.text_hash, document_id)
        for billed in invoice.billed:
            line_id = billed.purchase_order_line_id
            self._billed[line_id] = self._billed.get(line_id, ZERO) - billed.quantity

    def record(self, invoice: InvoiceExtraction, rec: Reconciliation) -> PriorInvoiceRecord:
        """Remember a reconciled invoice (by its `document_id`) as an earlier invoice, so that later
        ones see it for duplicates, credit-note links and already-billed quantities."""
        if rec.document_id is None:
            raise ValueError("only a reconciliation with a document_id can be recorded in the mirror")
        prior = PriorInvoiceRecord(
            document_id=rec.document_id,
            vendor_id=rec.vendor.vendor_id,
            invoice_number=invoice.invoice_number,
            invoice_date=invoice.invoice_date,
            total=invoice.total,
            currency=invoice.currency,
            document_type=rec.document_type,
            po_numbers=tuple(invoice.po_numbers),
            text_hash=rec.text_hash,
            billed=() if _FOREIGN & {e.value for e in rec.exception_types()} else rec.billed_lines(),
            status=rec.status.value,
            no_invoice=ExceptionType.NOT_AN_INVOICE in rec.exception_types(),
            periods=billed_periods((m.po_line_id, m.description) for m in rec.lines),
            held_duplicate=ExceptionType.DUPLICATE in rec.exception_types(),
            net=rec.net_amount,
            advance=any(c.name == ADVANCE_CHECK and c.passed is False for c in rec.checks),
            credits=tuple(rec.credit_note_for),
            recurring=recurring_use(c.model_dump() for c in rec.checks),
        )
        self.add_invoice(prior)
        return prior

    @classmethod
    def from_records(
        cls,
        vendors: Iterable[VendorRecord] = (),
        orders: Iterable[PurchaseOrderRecord] = (),
        lines: Iterable[PurchaseOrderLineRecord] = (),
        receipts: Iterable[ReceiptLineRecord] = (),
        invoices: Iterable[PriorInvoiceRecord] = (),
    ) -> Mirror:
        mirror = cls()
        with gc_paused():
            for vendor in vendors:
                mirror.add_vendor(vendor)
            for order in orders:
                mirror.add_purchase_order(order)
            for line in lines:
                mirror.add_po_line(line)
            for receipt in receipts:
                mirror.add_receipt_line(receipt)
            for invoice in invoices:
                mirror.add_invoice(invoice)
        return mirror

    # ------------------------------------------------------------------ vendors

    def vendor_by_vat(self, vat_id: str | None) -> VendorRecord | None:
        key = normalise_vat_id(vat_id)
        found = self._by_vat.get(key) if key else None
        return self.vendors[found] if found is not None else None

    def vendors_by_vat(self, vat_id: str | None) -> list[VendorRecord]:
        """Every vendor master with this VAT id (more than one: the ERP keeps the supplier twice)."""
        key = normalise_vat_id(vat_id)
        return [self.vendors[i] for i in self._all_by_vat.get(key, ())] if key else []

    def vendors_by_iban(self, iban: str | None) -> list[VendorRecord]:
        """Every vendor with this IBAN among its bank accounts (one, as a rule; several when the account
        is a factoring company's or a group's that the ERP keeps for each)."""
        key = normalise_code(iban)
        return [self.vendors[i] for i in self._by_iban.get(key, ())] if key else []

    def vendor_by_iban(self, iban: str | None) -> VendorRecord | None:
        """The one vendor with this IBAN on file, the one active one where several are, else None."""
        owners = self.vendors_by_iban(iban)
        if len(owners) > 1:
            owners = [v for v in owners if v.active]
        return owners[0] if len(owners) == 1 else None

    def vendors_by_name(self, name: str) -> list[VendorRecord]:
        return [self.vendors[i] for i in self._by_name.get(normalise_name(name), ())]

    def fuzzy_vendors(self, name: str, limit: int = 3) -> list[tuple[VendorRecord, float]]:
        """Nearest vendor names, score 0..1: the best rapidfuzz ratio or token-sort ratio, over the
        names without legal forms and over the full names (so a misspelt "Ldt" still finds "Ltd")."""
        if self._name_choices is None:
            self._name_ids = list(self.vendors)
            self._name_choices = [normalise_name(self.vendors[i].name) for i in self._name_ids]
            self._full_choices = [self.vendors[i].name.casefold() for i in self._name_ids]
        if not self._name_choices:
            return []
        best: dict[int, float] = {}
        for query, choices in (
            (normalise_name(name), self._name_choices),
            (name.casefold(), self._full_choices),
        ):
            if not query:
                continue
            for scorer in (fuzz.ratio, fuzz.token_sort_ratio):
                hits = process.extract(
                    query, choices, scorer=scorer, processor=utils.default_process, limit=limit
                )
                for _, score, index in hits:
                    vendor_id = self._name_ids[index]
                    best[vendor_id] = max(best.get(vendor_id, 0.0), score / 100.0)
        ranked = sorted(best.items(), key=lambda item: item[1], reverse=True)[:limit]
        return [(self.vendors[vendor_id], score) for vendor_id, score in ranked]

    # ------------------------------------------------------------------ purchase orders

    def po_by_number(self, number: str | None) -> PurchaseOrderRecord | None:
        """The PO with this number (separators, case and leading zeros ignored), or the one PO
        whose number has these digits when the prefix differs ("4711" for "PO-4711")."""
        key = normalise_po_number(number)
        if key is None:
            return None
        found = self._po_by_number.get(key)
        if found is None:
            digits = po_number_digits(number)
            candidates = self._po_by_digits.get(digits, []) if digits else []
            if len(candidates) == 1:
                found = candidates[0]
        return self.orders[found] if found is not None else None

    def po_by_exact_number(self, number: str | None) -> PurchaseOrderRecord | None:
        """The PO with exactly this number (separators, case and leading zeros ignored); no digits-only
        fallback, for numbers found in free text."""
        key = normalise_po_number(number)
        found = self._po_by_number.get(key) if key else None
        return self.orders[found] if found is not None else None

    def find_orders(self, number: str) -> list[PurchaseOrderRecord]:
        """The POs a quoted number stands for: the PO itself (`po_by_number`), else each of several
        numbers written as one ("4500001201, 4500001202"), else the PO without an ERP item suffix
        ("4700020145/00010"). Empty when none is in the ERP."""
        order = self.po_by_number(number)
        if order is not None:
            return [order]
        parts = split_po_numbers(number)
        if len(parts) > 1:
            found: dict[int, PurchaseOrderRecord] = {}
            for part in parts:
                for each in self.find_orders(part):
                    found.setdefault(each.id, each)
            return list(found.values())
        base = strip_item_suffix(number)
        order = self.po_by_number(base) if base else None
        return [order] if order is not None else []

    def po_lines(self, po_id: int) -> list[PurchaseOrderLineRecord]:
        return [self.lines[i] for i in self._lines_of_po.get(po_id, ())]

    def open_pos_of(self, vendor_id: int) -> list[PurchaseOrderRecord]:
        """The vendor's POs that may still be billed (open or received in the ERP; never closed, cancelled,
        billed or of a status opsloop does not know)."""
        return [
            self.orders[i]
            for i in self._pos_of_vendor.get(vendor_id, ())
            if self.orders[i].status in OPEN_PO_STATUSES
        ]

    def lines_for_sku(self, vendor_id: int, sku: str | None) -> list[PurchaseOrderLineRecord]:
        key = normalise_code(sku)
        if key is None:
            return []
        found = self._skus_of_vendor.get(vendor_id, {}).get(key)
        if found is None:
            return []
        if isinstance(found, int):
            return [self.lines[found]]
        return [self.lines[i] for i in found]

    def sku_key(self, po_line_id: int) -> str | None:
        """The PO line's SKU, normalised (computed once, when the line was added)."""
        line = self.lines.get(po_line_id)
        return self.line_sku_key(line) if line is not None else None

    def line_sku_key(self, line: PurchaseOrderLineRecord) -> str | None:
        """`sku_key` for a line at hand (one dictionary hit, none for a SKU already in normal form)."""
        raw = line.sku
        if not raw:
            return None
        return self._sku_keys.get(line.id, raw) or None

    def received_qty(self, po_line_id: int) -> Decimal:
        """What the PO line's goods receipts add up to: received, less what went back to the vendor."""
        return self._received.get(po_line_id, ZERO)

    def returned_qty(self, po_line_id: int) -> Decimal:
        """What of the PO line's goods went back to the vendor (its supplier returns)."""
        return self._returned.get(po_line_id, ZERO)

    def billed_qty(self, po_line_id: int, exclude_document_id: int | None = None) -> Decimal:
        """Quantity of the PO line billed by earlier invoices, without `exclude_document_id`'s."""
        total = self._billed.get(po_line_id, ZERO)
        if exclude_document_id is not None:
            own = self.invoices.get(exclude_document_id)
            if own is not None:
                for billed in own.billed:
                    if billed.purchase_order_line_id == po_line_id:
                        total -= billed.quantity
        return total

    def billed_counter(self, exclude_document_id: int | None = None) -> BilledCounter:
        """`billed_qty` for many lines of one invoice: the excluded invoice's own billing is looked
        up once, not once per line."""
        own: dict[int, list[Decimal]] = {}
        if exclude_document_id is not None:
            invoice = self.invoices.get(exclude_document_id)
            if invoice is not None:
                for billed in invoice.billed:
                    own.setdefault(billed.purchase_order_line_id, []).append(billed.quantity)
        return BilledCounter(self._billed, own)

    # ------------------------------------------------------------------ earlier invoices

    def invoices_by_number(self, vendor_id: int, number: str | None) -> list[PriorInvoiceRecord]:
        key = normalise_invoice_number(number)
        if key is None:
            return []
        return [self.invoices[d] for d in self._inv_by_number.get((vendor_id, key), ())]

    def invoices_by_amount(self, vendor_id: int, amount: Decimal | None) -> list[PriorInvoiceRecord]:
        if amount is None:
            return []
        return [self.invoices[d] for d in self._inv_by_amount.get((vendor_id, abs(amount)), ())]

    def invoices_by_hash(self, text_hash: str | None) -> list[PriorInvoiceRecord]:
        if not text_hash:
            return []
        return [self.invoices[d] for d in self._inv_by_hash.get(text_hash, ())]

    def invoices_for_po(self, vendor_id: int, po_number: str) -> list[PriorInvoiceRecord]:
        key = normalise_po_number(po_number)
        if key is None:
            return []
        return [self.invoices[d] for d in self._inv_by_vendor_po.get((vendor_id, key), ())]


class BilledCounter:
    """Billed quantities of PO lines, one invoice's own billing left out (see Mirror.billed_counter)."""

    __slots__ = ("_billed", "_own")

    def __init__(self, billed: dict[int, Decimal], own: dict[int, list[Decimal]]) -> None:
        self._billed = billed
        self._own = own

    def __call__(self, po_line_id: int) -> Decimal:
        total = self._billed.get(po_line_id, ZERO)
        if self._own:
            for quantity in self._own.get(po_line_id, ()):
                total -= quantity
        return total


def _discard(index: dict[K, list[int]], key: K, document_id: int) -> None:
    ids = index.get(key)
    if ids and document_id in ids:
        ids.remove(document_id)


# --------------------------------------------------------------------------- from the database


def load_mirror(
    session: Session,
    *,
    include_inactive_vendors: bool = True,
) -> Mirror:
    """Read the ERP mirror tables and earlier invoices (with their current reconciliation's billed
    quantities) into an indexed Mirror. One pass per table; no per-invoice queries later."""
    with gc_paused():
        return _load_mirror(session, include_inactive_vendors)


def _load_mirror(session: Session, include_inactive_vendors: bool) -> Mirror:
    from opsloop.store import tables as t

    number = DecimalInterner()
    intern = sys.intern
    mirror = Mirror()
    for v in session.exec(select(t.Vendor)).all():
        if v.id is None or (not v.active and not include_inactive_vendors):
            continue
        mirror.add_vendor(
            VendorRecord(
                v.id,
                v.erp_id,
                v.name,
                v.vat_id,
                v.iban,
                v.currency,
                v.active,
                tuple(v.ibans or ()),
                v.payment_terms_days,
            )
        )
    for c in session.exec(select(t.Company).where(col(t.Company.active)).order_by(col(t.Company.id))).all():
        mirror.companies.append(
            CompanyRecord(c.erp_id, c.name, tuple(c.aliases), tuple(c.vat_ids), c.address)
        )
    for po in session.exec(select(t.PurchaseOrder)).all():
        assert po.id is not None
        mirror.add_purchase_order(
            PurchaseOrderRecord(
                po.id,
                po.number,
                po.vendor_id,
                intern(po.currency) if po.currency else po.currency,
                intern(po.status),
                po.order_date,
                po.payment_terms_days,
            )
        )
    categories_by_id: dict[int, str | None] = {}
    categories_by_sku: dict[str, str | None] = {}
    for item in session.exec(select(t.Item)).all():
        item_category = intern(item.category) if item.category else item.category
        if item.id is not None:
            categories_by_id[item.id] = item_category
        categories_by_sku[item.sku] = item_category
    for line in session.exec(select(t.PurchaseOrderLine)).all():
        assert line.id is not None
        category = categories_by_id.get(line.item_id) if line.item_id is not None else None
        if category is None and line.sku:
            category = categories_by_sku.get(line.sku)
        mirror.add_po_line(
            PurchaseOrderLineRecord(
                line.id,
                line.purchase_order_id,
                line.line_no,
                number(line.quantity),
                number(line.unit_price),
                line.sku,
                line.description,
                category,
                intern(line.unit) if line.unit else line.unit,
                number(line.tax_rate) if line.tax_rate is not None else None,
                intern(line.tax_code) if line.tax_code else None,
                intern(line.stock_unit) if line.stock_unit else None,
                number(line.conversion_factor) if line.conversion_factor is not None else None,
            )
        )
    receipts = session.exec(
        select(t.GoodsReceiptLine, t.GoodsReceipt).join(
            t.GoodsReceipt, col(t.GoodsReceipt.id) == col(t.GoodsReceiptLine.goods_receipt_id)
        )
    ).all()
    for receipt_line, receipt in receipts:
        mirror.add_receipt_line(
            ReceiptLineRecord(
                receipt_line.purchase_order_line_id, number(receipt_line.quantity), receipt.received_date
            )
        )
    current: dict[int, t.InvoiceReconciliation] = {}
    for rec in session.exec(
        select(t.InvoiceReconciliation).where(col(t.InvoiceReconciliation.current))
    ).all():
        current[rec.invoice_id] = rec
    paid = {
        document_id
        for document_id, payload in session.exec(
            select(t.Proposal.document_id, t.Proposal.payload).where(
                col(t.Proposal.state).in_(("approved", "executed")), col(t.Proposal.document_id).is_not(None)
            )
        ).all()
        if isinstance(payload, dict) and payload.get("action") == "approve_payment"
    }
    rejected = rejected_documents(session) - paid
    for agreement in session.exec(
        select(t.RecurringAgreement).order_by(col(t.RecurringAgreement.id).desc())
    ).all():
        mirror.agreements[agreement.vendor_id].append(agreement_record(agreement))
    for inv in session.exec(select(t.Invoice)).all():
        mirror.add_invoice(
            prior_invoice_from_rows(
                inv,
                current.get(inv.id) if inv.id is not None else None,
                paid=inv.document_id in paid,
                rejected=inv.document_id in rejected,
            )
        )
    return mirror


def agreement_record(row: object) -> RecurringAgreementRecord:
    """A `recurring_agreements` row as the reconciler reads it."""
    from opsloop.store import tables as t

    assert isinstance(row, t.RecurringAgreement) and row.id is not None
    return RecurringAgreementRecord(
        id=row.id,
        vendor_id=row.vendor_id,
        vendor_name=row.vendor_name,
        vendor_vat_id=row.vendor_vat_id,
        iban=row.iban,
        currency=row.currency,
        net=row.net,
        tax=row.tax,
        total=row.total,
        cadence_months=row.cadence_months,
        period=row.period,
        approved_by=row.approved_by,
        approved_on=row.created_at.date(),
        document_id=row.document_id,
        invoice_number=row.invoice_number,
        revoked_by=row.revoked_by,
        revoked_on=row.revoked_at.date() if row.revoked_at else None,
        revoked_reason=row.revoked_reason,
    )


def rejected_documents(session: Session, document_ids: Iterable[int] | None = None) -> set[int]:
    """The documents (of `document_ids`, or all) whose invoice a person rejected: an invoice proposal of theirs
    is `rejected` (a rejection taken back by `undo` is not)."""
    from opsloop.store import tables as t

    query = select(t.Proposal.document_id).where(
        t.Proposal.state == "rejected",
        col(t.Proposal.kind).in_(INVOICE_PROPOSAL_KINDS),
        col(t.Proposal.document_id).is_not(None),
    )
    if document_ids is not None:
        query = query.where(col(t.Proposal.document_id).in_(list(document_ids)))
    return {int(d) for d in session.exec(query).all() if d is not None}


_FOREIGN = frozenset({ExceptionType.UNKNOWN_VENDOR.value, ExceptionType.PO_VENDOR_MISMATCH.value})
"""Exceptions that say the invoice's vendor is no vendor of the PO it matched."""


def prior_invoice_from_rows(
    invoice: object, reconciliation: object | None, *, paid: bool = False, rejected: bool = False
) -> PriorInvoiceRecord:
    """An `invoices` row and its current `invoice_reconciliations` row as a PriorInvoiceRecord; `paid`:
    a person approved it for payment (a document found to be no invoice then counts as one); `rejected`:
    a person rejected it and nobody approved it (it bills nothing). An invoice held because its vendor is
    not in the ERP or not the PO's bills nothing either until a person approves it: a lookalike of the
    PO's vendor quoting the order has not billed it, and the vendor's own invoice still comes."""
    from opsloop.store import tables as t

    assert isinstance(invoice, t.Invoice)
    rec = reconciliation if isinstance(reconciliation, t.InvoiceReconciliation) else None
    billed: Sequence[BilledLine] = ()
    foreign = bool(rec and not paid and _FOREIGN & set(rec.exception_types or ()))
    if rec is not None and not rejected and not foreign:
        billed = tuple(
            BilledLine(int(b["po_line_id"]), Decimal(str(b["quantity"]))) for b in rec.billed_lines
        )
    vendor_id = invoice.vendor_id if invoice.vendor_id is not None else (rec.vendor_id if rec else None)
    return PriorInvoiceRecord(
        document_id=invoice.document_id,
        invoice_id=invoice.id,
        vendor_id=vendor_id,
        invoice_number=invoice.invoice_number,
        invoice_date=invoice.invoice_date,
        total=invoice.total,
        currency=invoice.currency,
        document_type=invoice.document_type,
        po_numbers=tuple(invoice.po_numbers or ()),
        text_hash=rec.text_hash if rec else None,
        billed=tuple(billed),
        status=rec.status if rec else None,
        no_invoice=bool(
            rec and not paid and ExceptionType.NOT_AN_INVOICE.value in (rec.exception_types or ())
        ),
        periods=billed_periods(
            (m.get("po_line_id"), m.get("description"))
            for m in ((rec.result or {}).get("lines") or [] if rec and not rejected else [])
            if isinstance(m, dict)
        ),
        held_duplicate=bool(
            rec and not paid and ExceptionType.DUPLICATE.value in (rec.exception_types or ())
        ),
        rejected=rejected and not paid,
        net=_decimal((rec.result or {}).get("net_amount")) if rec else None,
        advance=bool(
            rec
            and any(
                isinstance(c, dict) and c.get("name") == ADVANCE_CHECK and c.get("passed") is False
                for c in (rec.result or {}).get("checks") or []
            )
        ),
        credits=tuple(int(d) for d in (rec.result or {}).get("credit_note_for") or []) if rec else (),
        recurring=recurring_use(
            (rec.result or {}).get("checks") or [] if rec and not rejected else [], paid=paid
        ),
    )


def recurring_use(checks: Iterable[object], *, paid: bool = False) -> tuple[int, str, bool] | None:
    """(agreement id, billing period, covered) from a reconciliation's recurring-charge check; an invoice a
    person approved for payment although it differed from the agreement counts as billed under it."""
    for c in checks:
        if not isinstance(c, dict) or c.get("name") != RECURRING_CHECK:
            continue
        compared = c.get("compared") or {}
        agreement, period = compared.get("agreement"), compared.get("period")
        if agreement and period and str(agreement).isdigit():
            return int(agreement), str(period), c.get("passed") is True or paid
    return None


def _decimal(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def billed_periods(lines: Iterable[tuple[object, object]]) -> tuple[tuple[int, str], ...]:
    """(PO line, month) for each (PO line id, description) whose description names a month (`period_of`)."""
    found = []
    for po_line_id, description in lines:
        if isinstance(po_line_id, int) and (month := period_of(str(description or ""))):
            found.append((po_line_id, month))
    return tuple(found)
