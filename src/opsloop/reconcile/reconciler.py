"""reconcile_invoice: vendor, POs, line matching (two- and three-way), totals, duplicates; each
check recorded with the numbers it compared and a sentence a clerk understands."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from pydantic import BaseModel
from rapidfuzz import fuzz, process, utils

from opsloop.domain.erp import (
    CheckResult,
    CreditedLine,
    ExceptionType,
    LineMatch,
    PriorInvoiceRecord,
    PurchaseOrderLineRecord,
    PurchaseOrderRecord,
    Reconciliation,
    ReconciliationException,
    ReconciliationStatus,
    ToleranceLimits,
    TolerancePolicy,
    VendorRecord,
    VendorResolution,
)
from opsloop.domain.invoices import DocumentType, InvoiceExtraction, InvoiceLineExtraction
from opsloop.reconcile.mirror import ZERO, BilledCounter, Mirror
from opsloop.reconcile.normalise import normalise_code, normalise_invoice_number
from opsloop.reconcile.vendors import resolve_vendor

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
ZERO_PCT = Decimal("0.00")
MAX_INFERENCE_POS = 200
"""Open POs of one vendor considered when inferring a PO from the invoice's amount alone."""

_SEVERITY: dict[ExceptionType, str] = {
    ExceptionType.UNKNOWN_VENDOR: "high",
    ExceptionType.IBAN_CHANGED: "high",
    ExceptionType.VAT_MISMATCH: "high",
    ExceptionType.DUPLICATE: "high",
    ExceptionType.PO_VENDOR_MISMATCH: "high",
}


M = TypeVar("M", bound=BaseModel)
_set_attribute = object.__setattr__
_ALL_FIELDS: dict[type[BaseModel], set[str]] = {}


def _all_fields(cls: type[BaseModel]) -> set[str]:
    found = _ALL_FIELDS.get(cls)
    if found is None:
        found = _ALL_FIELDS[cls] = set(cls.model_fields)
    return found


def trusted(cls: type[M], values: dict[str, Any]) -> M:
    """A model from values the reconciler computed itself, already of their types.

    The same object `cls.model_construct(**values)` gives, built without validation or the per-field
    loop: in the hot path (one LineMatch per invoice line, ~10 CheckResults per invoice) validation
    was most of the time. When `values` names every field (the reconciler's calls do), the objects
    share one fields-set (pydantic only ever adds names already in it); otherwise a missing field
    takes its default. Tests compare these objects with validated ones."""
    fields = _all_fields(cls)
    if len(values) != len(fields):
        return cls.model_construct(**values)
    obj = cls.__new__(cls)
    _set_attribute(obj, "__dict__", values)
    _set_attribute(obj, "__pydantic_fields_set__", fields)
    _set_attribute(obj, "__pydantic_extra__", None)
    _set_attribute(obj, "__pydantic_private__", None)
    return obj


def money(value: Decimal | None) -> str:
    return "?" if value is None else f"{value:,.2f}"


def qty(value: Decimal | None) -> str:
    if value is None:
        return "?"
    text = format(value.normalize(), "f")
    return text


def po_label(number: str) -> str:
    """ "PO-1001" as is, "4711" as "PO 4711"."""
    return number if number[:2].upper() == "PO" else f"PO {number}"


def within(excess: Decimal, base: Decimal, pct: Decimal | None, absolute: Decimal | None) -> bool:
    """True when `excess` (over `base`) is within every limit that is set; a shortfall always is."""
    if excess <= ZERO:
        return True
    if pct is not None and (base == ZERO or excess * HUNDRED > pct * abs(base)):
        return False
    return not (absolute is not None and excess > absolute)


def _limit_text(pct: Decimal | None, absolute: Decimal | None, unit: str = "", *, amount: bool = True) -> str:
    parts = []
    if pct is not None:
        parts.append(f"{qty(pct)}%")
    if absolute is not None:
        parts.append(f"{money(absolute) if amount else qty(absolute)}{unit}")
    return " and ".join(parts) if parts else "no limit"


_CHECK_FIELDS = set(CheckResult.model_fields)


class _Run:
    """What one reconciliation accumulates."""

    __slots__ = ("checks", "exceptions", "tolerance_used")

    def __init__(self) -> None:
        self.checks: list[CheckResult] = []
        self.exceptions: list[ReconciliationException] = []
        self.tolerance_used: list[str] = []

    def check(self, check_name: str, passed: bool | None, sentence: str, **compared: object) -> None:
        obj = CheckResult.__new__(CheckResult)
        _set_attribute(
            obj,
            "__dict__",
            {
                "name": check_name,
                "passed": passed,
                "compared": {
                    k: v if v.__class__ is str else str(v) for k, v in compared.items() if v is not None
                }
                if compared
                else {},
                "sentence": sentence,
            },
        )
        _set_attribute(obj, "__pydantic_fields_set__", _CHECK_FIELDS)
        _set_attribute(obj, "__pydantic_extra__", None)
        _set_attribute(obj, "__pydantic_private__", None)
        self.checks.append(obj)

    def fail(
        self, kind: ExceptionType, sentence: str, *, line: int | None = None, amount: Decimal | None = None
    ) -> None:
        self.exceptions.append(
            trusted(
                ReconciliationException,
                {
                    "type": kind,
                    "severity": _SEVERITY.get(kind, "medium"),
                    "sentence": sentence,
                    "line": line,
                    "amount": amount,
                },
            )
        )


def reconcile_invoice(
    invoice: InvoiceExtraction,
    mirror: Mirror,
    policy: TolerancePolicy,
    *,
    document_id: int | None = None,
    text_hash: str | None = None,
) -> Reconciliation:
    """Decide whether `invoice` can be paid: matched, matched within tolerance, or exception.

    `document_id` identifies the invoice among the mirror's earlier invoices (it is never its own
    duplicate, and its own earlier billing is not counted against it when it is re-reconciled).
    """
    run = _Run()
    is_credit_note = invoice.document_type is DocumentType.CREDIT_NOTE
    resolution, vendor = resolve_vendor(invoice.vendor, mirror, policy)
    _check_vendor(invoice, resolution, vendor, mirror, run)

    orders, po_method = _resolve_orders(invoice, vendor, mirror, policy, run, document_id, is_credit_note)
    expected_currency = next((o.currency for o in orders if o.currency), None) or (
        vendor.currency if vendor else None
    )
    _check_currency(invoice.currency, expected_currency, orders, run)

    net = _net_amount(invoice)
    matches: list[LineMatch] = []
    if not is_credit_note and orders:
        matches = _match_lines(invoice, vendor, orders, mirror, policy, run, document_id, net)
    duplicate_of = _check_duplicates(invoice, vendor, mirror, policy, run, document_id, text_hash)
    credit_for: list[int] = []
    credited: list[CreditedLine] = []
    if is_credit_note:
        credit_for = _link_credit_note(invoice, vendor, mirror, run, document_id)
        if vendor is not None and invoice.lines:
            credited = _credited_lines(invoice, vendor, orders, credit_for, mirror, policy, run)

    if run.exceptions:
        status = ReconciliationStatus.EXCEPTION
    elif run.tolerance_used:
        status = ReconciliationStatus.MATCHED_WITHIN_TOLERANCE
    else:
        status = ReconciliationStatus.MATCHED
    return trusted(
        Reconciliation,
        {
            "status": status,
            "policy_version": policy.version,
            "document_id": document_id,
            "text_hash": text_hash,
            "document_type": invoice.document_type.value,
            "invoice_number": invoice.invoice_number,
            "invoice_date": invoice.invoice_date,
            "currency": invoice.currency,
            "net_amount": net,
            "total": invoice.total,
            "vendor": resolution,
            "po_numbers": [o.number for o in orders],
            "po_resolution": po_method,
            "lines": matches,
            "checks": run.checks,
            "exceptions": run.exceptions,
            "duplicate_of": duplicate_of,
            "credit_note_for": credit_for,
            "credited_lines": credited,
        },
    )


# --------------------------------------------------------------------------- vendor


def _check_vendor(
    invoice: InvoiceExtraction,
    resolution: VendorResolution,
    vendor: VendorRecord | None,
    mirror: Mirror,
    run: _Run,
) -> None:
    shown = invoice.vendor
    if vendor is None:
        nearest = ", ".join(f"{c.name} ({c.score:.0%})" for c in resolution.candidates[:3])
        described = shown.name or shown.vat_id or shown.iban
        if described is None:
            sentence = "The invoice shows no vendor name, VAT id or IBAN, so the vendor cannot be identified."
        else:
            sentence = (
                f"No vendor in the ERP matches {described!r} (VAT id {shown.vat_id or 'none'}, "
                f"IBAN {shown.iban or 'none'}). "
                + (f"Nearest: {nearest}. " if nearest else "")
                + "Choose the vendor or create it in the ERP first; opsloop never creates one."
            )
        run.check("vendor_identified", False, sentence, name=shown.name, vat_id=shown.vat_id, iban=shown.iban)
        run.fail(ExceptionType.UNKNOWN_VENDOR, sentence)
        return
    method = resolution.method
    if method == "vat_id":
        how = f"by VAT id {vendor.vat_id}"
    elif method == "iban":
        how = f"by IBAN {vendor.iban}"
    elif method == "name":
        how = "by its exact name"
    elif method == "fuzzy_name":
        how = f"by a similar name ({resolution.score:.0%} alike: {shown.name!r})"
    else:
        how = f"by name similarity ({resolution.score:.0%}: {shown.name!r})"
    if resolution.method in ("fuzzy_name", "vector"):
        run.tolerance_used.append("vendor_name")
    run.check(
        "vendor_identified",
        True,
        f"Vendor identified as {vendor.name} ({vendor.erp_id}) {how}.",
        vendor=vendor.erp_id,
        method=resolution.method,
        score=resolution.score,
    )
    invoice_iban = normalise_code(shown.iban)
    known_iban = normalise_code(vendor.iban)
    if invoice_iban is None or known_iban is None:
        run.check(
            "bank_details_unchanged",
            None,
            "The IBAN could not be compared ("
            + ("the invoice shows none" if invoice_iban is None else "the ERP has none for this vendor")
            + ").",
            invoice_iban=invoice_iban,
            erp_iban=known_iban,
        )
    elif invoice_iban == known_iban:
        run.check(
            "bank_details_unchanged",
            True,
            "The IBAN on the invoice is the vendor's IBAN in the ERP.",
            invoice_iban=invoice_iban,
            erp_iban=known_iban,
        )
    else:
        owner = mirror.vendor_by_iban(invoice_iban)
        extra = f" That IBAN belongs to another vendor, {owner.name} ({owner.erp_id})." if owner else ""
        sentence = (
            f"The invoice asks for payment to IBAN {invoice_iban}, but {vendor.name}'s IBAN in the ERP is "
            f"{known_iban}.{extra} Confirm the change with the vendor through a known contact before paying "
            "(bank-detail fraud risk)."
        )
        run.check("bank_details_unchanged", False, sentence, invoice_iban=invoice_iban, erp_iban=known_iban)
        run.fail(ExceptionType.IBAN_CHANGED, sentence)
    invoice_vat = normalise_code(shown.vat_id)
    known_vat = normalise_code(vendor.vat_id)
    if invoice_vat and known_vat and invoice_vat != known_vat:
        sentence = (
            f"The invoice shows VAT id {invoice_vat}, but {vendor.name} has VAT id {known_vat} in the ERP. "
            "Check who really sent the invoice."
        )
        run.check("vat_id_matches", False, sentence, invoice_vat_id=invoice_vat, erp_vat_id=known_vat)
        run.fail(ExceptionType.VAT_MISMATCH, sentence)


def _check_currency(
    currency: str | None, expected: str | None, orders: list[PurchaseOrderRecord], run: _Run
) -> None:
    if currency is None or expected is None:
        run.check(
            "currency_matches",
            None,
            "The currency could not be compared ("
            + ("none on the invoice" if currency is None else "none in the ERP")
            + ").",
            invoice=currency,
            expected=expected,
        )
        return
    where = po_label(orders[0].number) if orders else "the vendor's ERP record"
    if currency.upper() == expected.upper():
        run.check(
            "currency_matches",
            True,
            f"Invoice currency {currency} matches {where}.",
            invoice=currency,
            expected=expected,
        )
        return
    sentence = f"The invoice is in {currency}, but {where} is in {expected}. Ask the vendor to reissue it in {expected}."
    run.check("currency_matches", False, sentence, invoice=currency, expected=expected)
    run.fail(ExceptionType.CURRENCY_MISMATCH, sentence)


# --------------------------------------------------------------------------- purchase orders


def _remaining(line: PurchaseOrderLineRecord, mirror: Mirror, document_id: int | None) -> Decimal:
    return line.quantity - mirror.billed_qty(line.id, document_id)


def _resolve_orders(
    invoice: InvoiceExtraction,
    vendor: VendorRecord | None,
    mirror: Mirror,
    policy: TolerancePolicy,
    run: _Run,
    document_id: int | None,
    is_credit_note: bool,
) -> tuple[list[PurchaseOrderRecord], str]:
    if invoice.po_numbers:
        found: list[PurchaseOrderRecord] = []
        missing: list[str] = []
        foreign: list[tuple[str, PurchaseOrderRecord]] = []
        for number in dict.fromkeys(invoice.po_numbers):
            order = mirror.po_by_number(number)
            if order is None:
                missing.append(number)
            elif vendor is not None and order.vendor_id != vendor.id:
                foreign.append((number, order))
            elif order.id not in {o.id for o in found}:
                found.append(order)
        hint = _missing_po_hint(invoice, vendor, found, mirror, policy, document_id) if missing else ""
        for number in missing:
            sentence = (
                f"{po_label(number)} quoted on the invoice is not in the ERP. Ask the vendor for the right PO "
                f"number.{hint}"
            )
            run.fail(ExceptionType.MISSING_PO, sentence)
        for number, order in foreign:
            owner = mirror.vendors.get(order.vendor_id)
            sentence = (
                f"{po_label(number)} belongs to {owner.name if owner else 'another vendor'}, not to "
                f"{vendor.name if vendor else 'this vendor'}. Check who should be paid."
            )
            run.fail(ExceptionType.PO_VENDOR_MISMATCH, sentence)
        passed = not missing and not foreign
        sentence = (
            f"The invoice quotes {', '.join(po_label(o.number) for o in found)}, found in the ERP."
            if passed
            else f"Of the PO numbers quoted ({', '.join(invoice.po_numbers)}), "
            f"{len(found)} {'was' if len(found) == 1 else 'were'} found for this vendor."
        )
        run.check(
            "purchase_orders_found",
            passed,
            sentence,
            quoted=", ".join(invoice.po_numbers),
            found=", ".join(o.number for o in found),
        )
        return found, "referenced" if found else "none"
    if is_credit_note:
        run.check("purchase_orders_found", None, "The credit note quotes no PO.")
        return [], "none"
    if vendor is None:
        sentence = "The invoice quotes no PO, and without a known vendor none can be inferred."
        run.check("purchase_orders_found", False, sentence)
        run.fail(ExceptionType.MISSING_PO, sentence)
        return [], "none"
    inferred = _infer_orders(invoice, vendor, mirror, policy, document_id)
    if inferred:
        numbers = ", ".join(po_label(o.number) for o in inferred)
        run.tolerance_used.append("po_inferred")
        run.check(
            "purchase_orders_found",
            True,
            f"The invoice quotes no PO; its lines and amounts fit {vendor.name}'s open {numbers}.",
            inferred=numbers,
        )
        return inferred, "inferred"
    open_count = len(mirror.open_pos_of(vendor.id))
    sentence = (
        f"The invoice quotes no PO, and none of {vendor.name}'s {open_count} open POs fits its lines or amount. "
        "Ask the requester for the PO, or approve it as a non-PO invoice."
    )
    run.check("purchase_orders_found", False, sentence, open_pos=open_count)
    run.fail(ExceptionType.MISSING_PO, sentence)
    return [], "none"


def _infer_orders(
    invoice: InvoiceExtraction,
    vendor: VendorRecord,
    mirror: Mirror,
    policy: TolerancePolicy,
    document_id: int | None,
) -> list[PurchaseOrderRecord]:
    """Open POs of the vendor that cover the invoice's lines (by SKU, then description), greedily;
    without lines, the one open PO whose open value equals the invoice's net amount."""
    cover: dict[int, set[int]] = {}
    open_ids = {o.id for o in mirror.open_pos_of(vendor.id)}
    unmatched: list[tuple[int, InvoiceLineExtraction]] = []
    for index, line in enumerate(invoice.lines):
        hit = False
        for po_line in mirror.lines_for_sku(vendor.id, line.sku):
            if po_line.purchase_order_id in open_ids and _remaining(po_line, mirror, document_id) > ZERO:
                cover.setdefault(po_line.purchase_order_id, set()).add(index)
                hit = True
        if not hit and line.description:
            unmatched.append((index, line))
    if unmatched and len(open_ids) <= MAX_INFERENCE_POS:
        cutoff = policy.description_min_score * 100
        for po_id in open_ids:
            choices = {pl.id: pl.description or "" for pl in mirror.po_lines(po_id)}
            for index, line in unmatched:
                if process.extractOne(
                    line.description,
                    choices,
                    scorer=fuzz.WRatio,
                    processor=utils.default_process,
                    score_cutoff=cutoff,
                ):
                    cover.setdefault(po_id, set()).add(index)
    chosen: list[PurchaseOrderRecord] = []
    left = set(range(len(invoice.lines)))
    while left and cover:
        best = max(cover, key=lambda po: (len(cover[po] & left), -po))
        gained = cover.pop(best) & left
        if not gained:
            break
        chosen.append(mirror.orders[best])
        left -= gained
    if chosen or invoice.lines:
        return chosen
    fits = _orders_fitting_amount(_net_amount(invoice), open_ids, mirror, policy, document_id)
    return fits if len(fits) == 1 else []


def _orders_fitting_amount(
    net: Decimal | None,
    open_ids: Iterable[int],
    mirror: Mirror,
    policy: TolerancePolicy,
    document_id: int | None,
) -> list[PurchaseOrderRecord]:
    """The open POs whose open value (ordered, not yet billed) is the net amount, within the total
    tolerance; none when the vendor has too many open POs to say."""
    candidates = list(open_ids)
    if net is None or len(candidates) > MAX_INFERENCE_POS:
        return []
    limits = policy.default
    fits = []
    for po_id in candidates:
        value = sum(
            (_remaining(pl, mirror, document_id) * pl.unit_price for pl in mirror.po_lines(po_id)), ZERO
        )
        gap = abs(net - value)
        if within(gap, value, limits.total_pct, limits.total_abs):
            fits.append(mirror.orders[po_id])
    return fits


def _missing_po_hint(
    invoice: InvoiceExtraction,
    vendor: VendorRecord | None,
    found: list[PurchaseOrderRecord],
    mirror: Mirror,
    policy: TolerancePolicy,
    document_id: int | None,
) -> str:
    """For a quoted PO number that is not in the ERP: the vendor's one open PO whose open value is
    the invoice's net amount, as a hint for the clerk ("" when there is not exactly one)."""
    if vendor is None:
        return ""
    taken = {o.id for o in found}
    open_ids = [o.id for o in mirror.open_pos_of(vendor.id) if o.id not in taken]
    net = _net_amount(invoice)
    fits = _orders_fitting_amount(net, open_ids, mirror, policy, document_id)
    if len(fits) != 1:
        return ""
    return (
        f" Hint: {po_label(fits[0].number)} is {vendor.name}'s only open PO whose open value matches the net "
        f"amount {money(net)}; perhaps the number on the invoice is mistyped."
    )


# --------------------------------------------------------------------------- lines


def _net_amount(invoice: InvoiceExtraction) -> Decimal | None:
    if invoice.subtotal is not None:
        return invoice.subtotal
    if invoice.total is not None and invoice.tax_total is not None:
        return invoice.total - invoice.tax_total
    amounts = [line_amount(line) for line in invoice.lines]
    if amounts and all(a is not None for a in amounts):
        return sum((a for a in amounts if a is not None), ZERO)
    return None


def line_amount(line: InvoiceLineExtraction) -> Decimal | None:
    """The line's amount as printed, else quantity x unit price, else None."""
    if line.amount is not None:
        return line.amount
    if line.quantity is not None and line.unit_price is not None:
        return line.quantity * line.unit_price
    return None


def _line_qty_price(line: InvoiceLineExtraction) -> tuple[Decimal | None, Decimal | None]:
    quantity, price = line.quantity, line.unit_price
    try:
        if price is None and quantity and line.amount is not None:
            price = line.amount / quantity
        if quantity is None and price and line.amount is not None:
            quantity = line.amount / price
    except (InvalidOperation, ZeroDivisionError):
        pass
    return quantity, price


def _match_lines(
    invoice: InvoiceExtraction,
    vendor: VendorRecord | None,
    orders: list[PurchaseOrderRecord],
    mirror: Mirror,
    policy: TolerancePolicy,
    run: _Run,
    document_id: int | None,
    net: Decimal | None,
) -> list[LineMatch]:
    pool: list[PurchaseOrderLineRecord] = []
    for order in orders:
        pool.extend(mirror.po_lines(order.id))
    by_sku: dict[str, list[PurchaseOrderLineRecord]] = {}
    sku_key = mirror.line_sku_key
    for candidate in pool:
        sku = sku_key(candidate)
        if sku:
            found = by_sku.get(sku)
            if found is None:
                by_sku[sku] = [candidate]
            else:
                found.append(candidate)
    numbers = {o.id: o.number for o in orders}
    vendor_erp_id = vendor.erp_id if vendor else None
    used: dict[int, Decimal] = {}
    matches: list[LineMatch] = []
    price_notes: list[str] = []
    qty_po_notes: list[str] = []
    qty_rec_notes: list[str] = []
    method_counts = {"sku": 0, "description": 0}
    worst_price: tuple[Decimal, int] | None = None
    free = {pl.id: pl for pl in pool}
    limits_cache: dict[str | None, ToleranceLimits] = {}
    billed_qty = mirror.billed_counter(document_id)
    received_qty = mirror.received_qty
    tolerated = run.tolerance_used

    for position, line in enumerate(invoice.lines, start=1):
        quantity, price = line.quantity, line.unit_price
        if quantity is None or price is None:
            quantity, price = _line_qty_price(line)
        po_line, method, similarity = _pick_po_line(line, quantity, by_sku, free, used, billed_qty, policy)
        if po_line is None:
            sentence = (
                f"Line {position} ({line.description or line.sku or 'no description'}) matches no line of PO "
                f"{', '.join(po_label(n) for n in numbers.values())}."
            )
            run.fail(ExceptionType.UNMATCHED_LINE, sentence, line=position, amount=line_amount(line))
            matches.append(
                LineMatch(
                    position=position,
                    description=line.description,
                    sku=line.sku,
                    invoiced_qty=quantity,
                    invoiced_unit_price=price,
                    within_tolerance=False,
                )
            )
            continue
        method_counts[method] += 1
        po_line_id = po_line.id
        free.pop(po_line_id, None)
        category = po_line.category
        limits = limits_cache.get(category)
        if limits is None:
            limits = limits_cache[category] = policy.limits_for(vendor_erp_id, category)
        billed_before = billed_qty(po_line_id) + used.get(po_line_id, ZERO)
        received = received_qty(po_line_id)
        unit_price = po_line.unit_price
        match_ok = True
        price_var = price_pct = over_po = over_rec = None
        if price is not None:
            price_var = price - unit_price
            if not unit_price:
                price_pct = None
            elif not price_var and unit_price > ZERO and not price_var.is_signed():
                price_pct = ZERO_PCT  # what the division below gives for no variance, without dividing
            else:
                price_pct = (price_var * HUNDRED / unit_price).quantize(CENT)
            if price_var != ZERO:
                if within(price_var, unit_price, limits.price_pct, limits.price_abs):
                    tolerated.append(f"price:{position}")
                    if worst_price is None or abs(price_var) > worst_price[0]:
                        worst_price = (abs(price_var), position)
                else:
                    match_ok = False
                    at_stake = price_var * quantity if quantity is not None else None
                    sentence = (
                        f"Line {position}: unit price {money(price)} is {money(price_var)} ({price_pct}%) above the "
                        f"{po_label(numbers[po_line.purchase_order_id])} price {money(po_line.unit_price)}; the tolerance is "
                        f"{_limit_text(limits.price_pct, limits.price_abs, ' per unit')}."
                    )
                    price_notes.append(sentence)
                    run.fail(ExceptionType.PRICE_VARIANCE, sentence, line=position, amount=at_stake)
        if quantity is not None:
            used[po_line_id] = used.get(po_line_id, ZERO) + quantity
            over_po = billed_before + quantity - po_line.quantity
            over_po_excess = max(over_po, ZERO)
            if over_po > ZERO:
                if within(over_po, po_line.quantity, limits.qty_pct, limits.qty_abs):
                    run.tolerance_used.append(f"qty_po:{position}")
                else:
                    match_ok = False
                    sentence = (
                        f"Line {position}: {qty(quantity)} invoiced, but {po_label(numbers[po_line.purchase_order_id])} "
                        f"line {po_line.line_no} ordered {qty(po_line.quantity)} and {qty(billed_before)} "
                        f"{'was' if billed_before == 1 else 'were'} already billed: {qty(over_po)} more than ordered."
                    )
                    qty_po_notes.append(sentence)
                    run.fail(
                        ExceptionType.OVER_INVOICED,
                        sentence,
                        line=position,
                        amount=over_po * (price if price is not None else po_line.unit_price),
                    )
            available = received - billed_before
            over_rec = quantity - available
            beyond = over_rec - over_po_excess
            if beyond > ZERO:
                if within(beyond, po_line.quantity, limits.qty_pct, limits.qty_abs):
                    run.tolerance_used.append(f"qty_received:{position}")
                else:
                    match_ok = False
                    kind = (
                        ExceptionType.NOT_RECEIVED if available <= ZERO else ExceptionType.QUANTITY_VARIANCE
                    )
                    if kind is ExceptionType.NOT_RECEIVED:
                        sentence = (
                            f"Line {position}: {qty(quantity)} invoiced, but nothing is received and not yet billed "
                            f"for {po_label(numbers[po_line.purchase_order_id])} line {po_line.line_no} "
                            f"(received {qty(received)}, already billed {qty(billed_before)}). Hold until the goods "
                            "arrive."
                        )
                    else:
                        sentence = (
                            f"Line {position}: {qty(quantity)} invoiced, but only {qty(available)} received and not "
                            f"yet billed for {po_label(numbers[po_line.purchase_order_id])} line {po_line.line_no} "
                            f"(received {qty(received)}, already billed {qty(billed_before)})."
                        )
                    qty_rec_notes.append(sentence)
                    run.fail(
                        kind,
                        sentence,
                        line=position,
                        amount=beyond * (price if price is not None else po_line.unit_price),
                    )
        matches.append(
            _line_match(
                {
                    "position": position,
                    "description": line.description,
                    "sku": line.sku,
                    "method": method,
                    "similarity": similarity,
                    "po_number": numbers[po_line.purchase_order_id],
                    "po_line_id": po_line.id,
                    "po_line_no": po_line.line_no,
                    "category": po_line.category,
                    "invoiced_qty": quantity,
                    "invoiced_unit_price": price,
                    "ordered_qty": po_line.quantity,
                    "po_unit_price": po_line.unit_price,
                    "received_qty": received,
                    "previously_billed_qty": billed_before,
                    "price_variance": price_var,
                    "price_variance_pct": price_pct,
                    "qty_over_po": over_po,
                    "qty_over_received": over_rec,
                    "within_tolerance": match_ok,
                }
            )
        )

    matched = sum(method_counts.values())
    total_lines = len(invoice.lines)
    if total_lines:
        run.check(
            "lines_matched",
            matched == total_lines,
            f"{matched} of {total_lines} invoice lines matched PO lines "
            f"({method_counts['sku']} by SKU, {method_counts['description']} by description).",
            matched=matched,
            lines=total_lines,
        )
        if price_notes:
            run.check("prices_within_tolerance", False, " ".join(price_notes))
        elif worst_price is not None:
            run.check(
                "prices_within_tolerance",
                True,
                f"Prices differ from the PO within tolerance (largest: {money(worst_price[0])} per unit on "
                f"line {worst_price[1]}).",
                largest_variance=worst_price[0],
            )
        else:
            run.check("prices_within_tolerance", True, "Every matched line's unit price is the PO price.")
        run.check(
            "quantities_within_po",
            not qty_po_notes,
            " ".join(qty_po_notes) or "No line bills more than was ordered (earlier invoices included).",
        )
        run.check(
            "quantities_received",
            not qty_rec_notes,
            " ".join(qty_rec_notes) or "Every invoiced quantity has been received and not billed before.",
        )
        _check_total_against_lines(invoice, net, vendor_erp_id, policy, run)
    else:
        _check_total_against_orders(orders, net, vendor_erp_id, mirror, policy, run, document_id)
    return matches


_LINE_MATCH_FIELDS = set(LineMatch.model_fields)


def _line_match(values: dict[str, Any]) -> LineMatch:
    """`trusted(LineMatch, values)` for a dict that names every field (one per matched line)."""
    obj = LineMatch.__new__(LineMatch)
    _set_attribute(obj, "__dict__", values)
    _set_attribute(obj, "__pydantic_fields_set__", _LINE_MATCH_FIELDS)
    _set_attribute(obj, "__pydantic_extra__", None)
    _set_attribute(obj, "__pydantic_private__", None)
    return obj


def _pick_po_line(
    line: InvoiceLineExtraction,
    quantity: Decimal | None,
    by_sku: dict[str, list[PurchaseOrderLineRecord]],
    free: dict[int, PurchaseOrderLineRecord],
    used: dict[int, Decimal],
    billed_qty: BilledCounter,
    policy: TolerancePolicy,
) -> tuple[PurchaseOrderLineRecord | None, str, float | None]:
    sku = normalise_code(line.sku)
    candidates = by_sku.get(sku) if sku else None
    if candidates:
        if len(candidates) == 1:
            return candidates[0], "sku", None

        def room(pl: PurchaseOrderLineRecord) -> Decimal:
            return pl.quantity - billed_qty(pl.id) - used.get(pl.id, ZERO)

        need = quantity if quantity is not None else ZERO
        fitting = [pl for pl in candidates if room(pl) >= need]
        chosen = fitting[0] if fitting else max(candidates, key=room)
        return chosen, "sku", None
    if line.description and free:
        choices = {pl_id: pl.description or "" for pl_id, pl in free.items()}
        hit = process.extractOne(
            line.description,
            choices,
            scorer=fuzz.WRatio,
            processor=utils.default_process,
            score_cutoff=policy.description_min_score * 100,
        )
        if hit is not None:
            return free[hit[2]], "description", round(hit[1] / 100, 4)
    return None, "none", None


def _check_total_against_lines(
    invoice: InvoiceExtraction,
    net: Decimal | None,
    vendor_erp_id: str | None,
    policy: TolerancePolicy,
    run: _Run,
) -> None:
    amounts = [line_amount(line) for line in invoice.lines]
    if net is None or any(a is None for a in amounts):
        run.check(
            "total_matches_lines",
            None,
            "The net total or a line amount is missing, so the total was not checked.",
        )
        return
    line_sum = sum((a for a in amounts if a is not None), ZERO)
    gap = net - line_sum
    limits = policy.limits_for(vendor_erp_id, None)
    if gap == ZERO:
        run.check(
            "total_matches_lines",
            True,
            f"The net total {money(net)} is the sum of the lines.",
            net=net,
            lines=line_sum,
        )
    elif within(abs(gap), line_sum, limits.total_pct, limits.total_abs):
        run.tolerance_used.append("total")
        run.check(
            "total_matches_lines",
            True,
            f"The net total {money(net)} differs from the lines' sum {money(line_sum)} by {money(gap)}, within "
            f"tolerance ({_limit_text(limits.total_pct, limits.total_abs)}).",
            net=net,
            lines=line_sum,
        )
    else:
        sentence = (
            f"The net total {money(net)} is {money(abs(gap))} {'more' if gap > 0 else 'less'} than the lines add up "
            f"to ({money(line_sum)}); the tolerance is {_limit_text(limits.total_pct, limits.total_abs)}. Look for "
            "a charge or discount outside the lines."
        )
        run.check("total_matches_lines", False, sentence, net=net, lines=line_sum)
        run.fail(ExceptionType.TOTAL_VARIANCE, sentence, amount=gap if gap > 0 else None)


def _check_total_against_orders(
    orders: list[PurchaseOrderRecord],
    net: Decimal | None,
    vendor_erp_id: str | None,
    mirror: Mirror,
    policy: TolerancePolicy,
    run: _Run,
    document_id: int | None,
) -> None:
    """An invoice without lines: its net amount against the POs' open and received-unbilled value."""
    if net is None:
        run.check("total_within_po", None, "The invoice has neither lines nor a net amount to compare.")
        return
    open_value = received_value = ZERO
    for order in orders:
        for pl in mirror.po_lines(order.id):
            billed = mirror.billed_qty(pl.id, document_id)
            open_value += max(pl.quantity - billed, ZERO) * pl.unit_price
            received_value += max(mirror.received_qty(pl.id) - billed, ZERO) * pl.unit_price
    limits = policy.limits_for(vendor_erp_id, None)
    numbers = ", ".join(po_label(o.number) for o in orders)
    over = net - open_value
    if not within(over, open_value, limits.total_pct, limits.total_abs):
        sentence = (
            f"The invoice's net amount {money(net)} is {money(over)} more than the open value {money(open_value)} "
            f"of {numbers}."
        )
        run.check("total_within_po", False, sentence, net=net, open_value=open_value)
        run.fail(ExceptionType.TOTAL_VARIANCE, sentence, amount=over)
        return
    if over > ZERO:
        run.tolerance_used.append("total")
    run.check(
        "total_within_po",
        True,
        f"The net amount {money(net)} is within the open value {money(open_value)} of {numbers}.",
        net=net,
        open_value=open_value,
    )
    beyond = net - received_value - max(over, ZERO)
    if within(beyond, open_value, limits.total_pct, limits.total_abs):
        run.check(
            "quantities_received",
            True,
            f"Goods worth {money(received_value)} are received and not yet billed, covering the invoice.",
            net=net,
            received_value=received_value,
        )
        return
    kind = ExceptionType.NOT_RECEIVED if received_value <= ZERO else ExceptionType.QUANTITY_VARIANCE
    sentence = (
        f"The invoice bills {money(net)}, but only goods worth {money(received_value)} of {numbers} are received "
        "and not yet billed. Hold until the goods arrive."
    )
    run.check("quantities_received", False, sentence, net=net, received_value=received_value)
    run.fail(kind, sentence, amount=beyond)


# --------------------------------------------------------------------------- duplicates and credit notes


def _days_apart(a: date | None, b: date | None) -> int | None:
    return abs((a - b).days) if a is not None and b is not None else None


def _check_duplicates(
    invoice: InvoiceExtraction,
    vendor: VendorRecord | None,
    mirror: Mirror,
    policy: TolerancePolicy,
    run: _Run,
    document_id: int | None,
    text_hash: str | None,
) -> list[int]:
    kind = invoice.document_type.value
    found: dict[int, tuple[PriorInvoiceRecord, str]] = {}

    def consider(priors: Iterable[PriorInvoiceRecord], reason: str) -> None:
        for prior in priors:
            if (
                prior.document_id != document_id
                and prior.document_type == kind
                and prior.document_id not in found
            ):
                found[prior.document_id] = (prior, reason)

    consider(mirror.invoices_by_hash(text_hash), "the same document text")
    if vendor is not None:
        consider(mirror.invoices_by_number(vendor.id, invoice.invoice_number), "the same invoice number")
        window = policy.duplicate_window_days
        near = [
            p
            for p in mirror.invoices_by_amount(vendor.id, invoice.total)
            if (days := _days_apart(p.invoice_date, invoice.invoice_date)) is not None and days <= window
        ]
        consider(near, f"the same amount within {window} days")
    if not found:
        run.check(
            "not_a_duplicate",
            True if vendor is not None or text_hash else None,
            "No earlier invoice has the same number, the same amount nearby, or the same text."
            if vendor is not None
            else "Without a known vendor only the document text was compared.",
        )
        return []
    parts = [
        f"{prior.invoice_number or 'an invoice'} of {prior.invoice_date or 'unknown date'} "
        f"({money(prior.total)} {prior.currency or ''}".rstrip()
        + f"; {reason})"
        for prior, reason in found.values()
    ]
    sentence = (
        f"This looks like a duplicate of earlier invoice {'; '.join(parts)}. Do not pay it twice: check with the "
        "vendor or reject it."
    )
    run.check(
        "not_a_duplicate",
        False,
        sentence,
        invoice_number=invoice.invoice_number,
        earlier=", ".join(str(p.invoice_number) for p, _ in found.values()),
    )
    run.fail(ExceptionType.DUPLICATE, sentence, amount=invoice.total)
    return list(found)


_NUMBER_TOKEN = re.compile(r"[0-9A-Za-z]+(?:[-/._][0-9A-Za-z]+)*")


def quoted_numbers(invoice: InvoiceExtraction) -> list[str]:
    """Document numbers a credit note names in its lines ("Preiskorrektur RE-2026-0431, Pos. 2"):
    tokens with a digit and at least four characters, its own number left out."""
    own = normalise_invoice_number(invoice.invoice_number)
    found: dict[str, None] = {}
    for line in invoice.lines:
        for token in _NUMBER_TOKEN.findall(line.description or ""):
            if len(token) >= 4 and any(c.isdigit() for c in token) and normalise_invoice_number(token) != own:
                found.setdefault(token, None)
    return list(found)


def _link_credit_note(
    invoice: InvoiceExtraction,
    vendor: VendorRecord | None,
    mirror: Mirror,
    run: _Run,
    document_id: int | None,
) -> list[int]:
    """The earlier invoices a credit note corrects: those it names by number in its lines, those on
    the POs it quotes, and those of the same amount; the three latest."""
    linked: dict[int, PriorInvoiceRecord] = {}
    if vendor is not None:
        candidates: list[PriorInvoiceRecord] = []
        for number in quoted_numbers(invoice):
            candidates.extend(mirror.invoices_by_number(vendor.id, number))
        for number in invoice.po_numbers:
            candidates.extend(mirror.invoices_for_po(vendor.id, number))
        candidates.extend(mirror.invoices_by_amount(vendor.id, invoice.total))
        for prior in candidates:
            if prior.document_type == "invoice" and prior.document_id != document_id:
                linked.setdefault(prior.document_id, prior)
    if linked:
        ordered = sorted(linked.values(), key=lambda p: p.invoice_date or date.min, reverse=True)[:3]
        names = ", ".join(f"{p.invoice_number} of {p.invoice_date}" for p in ordered)
        run.check(
            "credit_note_linked",
            True,
            f"This credit note corrects invoice {names}.",
            invoices=", ".join(str(p.document_id) for p in ordered),
        )
        return [p.document_id for p in ordered]
    sentence = (
        "This credit note matches no earlier invoice of the vendor (by number, PO or amount). "
        "Find the invoice it corrects before booking it."
    )
    run.check("credit_note_linked", False, sentence)
    run.fail(ExceptionType.UNLINKED_CREDIT_NOTE, sentence)
    return []


def _credited_lines(
    invoice: InvoiceExtraction,
    vendor: VendorRecord,
    orders: list[PurchaseOrderRecord],
    credit_for: list[int],
    mirror: Mirror,
    policy: TolerancePolicy,
    run: _Run,
) -> list[CreditedLine]:
    """The credit note's lines against the lines of the POs it quotes and of the invoices it corrects.
    A line credited at the PO price (within the price tolerance) gives units back; a line at another
    price corrects the price only. Said in one check."""
    pos: dict[int, PurchaseOrderRecord] = {o.id: o for o in orders}
    for doc in credit_for:
        prior = mirror.invoices.get(doc)
        for number in prior.po_numbers if prior is not None else ():
            order = mirror.po_by_number(number)
            if order is not None and order.vendor_id == vendor.id:
                pos.setdefault(order.id, order)
    pool = [pl for po_id in pos for pl in mirror.po_lines(po_id)]
    if not pool:
        return []
    by_sku: dict[str, list[PurchaseOrderLineRecord]] = {}
    for candidate in pool:
        sku = mirror.line_sku_key(candidate)
        if sku:
            by_sku.setdefault(sku, []).append(candidate)
    free = {pl.id: pl for pl in pool}
    given_back: dict[int, Decimal] = {}
    billed_qty = mirror.billed_counter(None)
    credited: list[CreditedLine] = []
    notes: list[str] = []
    for position, line in enumerate(invoice.lines, start=1):
        quantity, price = _line_qty_price(line)
        if not quantity or price is None:
            continue
        po_line, _method, _similarity = _pick_po_line(
            line, None, by_sku, free, given_back, billed_qty, policy
        )
        if po_line is None:
            continue
        free.pop(po_line.id, None)
        label = f"{po_label(pos[po_line.purchase_order_id].number)} line {po_line.line_no}"
        limits = policy.limits_for(vendor.erp_id, po_line.category)
        units = abs(quantity)
        gap = abs(abs(price) - po_line.unit_price)
        if po_line.unit_price > ZERO and within(gap, po_line.unit_price, limits.price_pct, limits.price_abs):
            given_back[po_line.id] = given_back.get(po_line.id, ZERO) + units
            credited.append(
                CreditedLine(
                    position=position,
                    po_number=pos[po_line.purchase_order_id].number,
                    po_line_id=po_line.id,
                    po_line_no=po_line.line_no,
                    quantity=units,
                )
            )
            notes.append(f"line {position} gives back {qty(units)} of {label}")
        else:
            notes.append(
                f"line {position} corrects the price of {label} ({qty(units)} at {money(abs(price))}; "
                f"the PO price is {money(po_line.unit_price)})"
            )
    if notes:
        run.check(
            "credit_note_lines",
            True,
            "Credit note "
            + "; ".join(notes)
            + (
                ". Units given back no longer count as billed."
                if credited
                else ". No units are given back, so billed quantities stay as they are."
            ),
            given_back=", ".join(f"{c.po_line_id}:{c.quantity}" for c in credited),
        )
    return credited
