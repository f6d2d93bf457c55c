"""reconcile_invoice: vendor, POs, line matching (two- and three-way), allowances and charges, VAT,
totals, duplicates, and the document's own text; each check recorded with the numbers it compared and
a sentence a clerk understands."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from rapidfuzz import fuzz, process, utils

from opsloop.domain.erp import (
    AmountBilledLine,
    CheckResult,
    CreditedLine,
    ExceptionType,
    LineMatch,
    PriorInvoiceRecord,
    PurchaseOrderLineRecord,
    PurchaseOrderRecord,
    Reconciliation,
    ReconciliationStatus,
    ToleranceLimits,
    TolerancePolicy,
    VendorRecord,
    VendorResolution,
)
from opsloop.domain.invoices import DocumentType, InvoiceExtraction, InvoiceLineExtraction
from opsloop.reconcile.charges import (
    ChargeItem,
    check_charges,
    classify_line,
    document_charges,
    printed_charges,
)
from opsloop.reconcile.lexicons import credit_note_title, unit_code
from opsloop.reconcile.mirror import BILLED_PO_STATUSES, CLOSED_PO_STATUSES, BilledCounter, Mirror
from opsloop.reconcile.normalise import normalise_code, normalise_invoice_number, normalise_po_number
from opsloop.reconcile.run import (
    HUNDRED,
    ZERO,
    Run,
    limit_text,
    money,
    po_label,
    qty,
    trusted,
    within,
)
from opsloop.reconcile.screening import Screening, extraction_texts, screen
from opsloop.reconcile.taxes import TaxRow, check_taxes
from opsloop.reconcile.vendors import resolve_vendor

__all__ = [
    "CheckResult",
    "limit_text",
    "line_amount",
    "money",
    "po_label",
    "qty",
    "quoted_numbers",
    "reconcile_invoice",
    "trusted",
    "within",
]

CENT = Decimal("0.01")
HALF_CENT = Decimal("0.005")
ZERO_PCT = Decimal("0.00")
MAX_INFERENCE_POS = 200
"""Open POs of one vendor considered when inferring a PO from the invoice's amount alone."""
MIN_TEXT_PO_LENGTH = 6
"""Shortest PO number (letters and digits, 4 of them digits) taken from free text when no field quotes one."""
MAX_TEXT_TOKENS = 5000
"""Tokens of free text looked up as PO numbers, at most."""

_set_attribute = object.__setattr__
_TEXT_TOKEN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|[-/._](?=[A-Za-z0-9]))*")
_DIGIT_RUN = re.compile(r"[0-9]{2,}(?: [0-9]{2,}){1,4}")
TITLE_LINES = 25
"""Lines at the top of the first page where a document title stands."""


def reconcile_invoice(
    invoice: InvoiceExtraction,
    mirror: Mirror,
    policy: TolerancePolicy,
    *,
    document_id: int | None = None,
    text_hash: str | None = None,
    document_text: str | None = None,
) -> Reconciliation:
    """Decide whether `invoice` can be paid: matched, matched within tolerance, or exception.

    `document_id` identifies the invoice among the mirror's earlier invoices (it is never its own
    duplicate, and its own earlier billing is not counted against it when it is re-reconciled).
    `document_text` is what a reader of the document sees (`screening.document_text`): it is screened
    for instruction-like text, bank-change announcements, every IBAN and the VAT wording, and looked
    up for PO numbers when no field quotes one. Without it only the extraction's own text is screened.
    """
    run = Run()
    document_type = _document_type(invoice, document_text, run)
    is_credit_note = document_type is DocumentType.CREDIT_NOTE
    texts = extraction_texts(invoice)
    if document_text:
        texts.append(document_text)
    screened = screen(texts)
    _check_text(screened, run)
    resolution, vendor = resolve_vendor(invoice.vendor, mirror, policy)
    _check_vendor(invoice, resolution, vendor, mirror, policy, screened, run)

    orders, po_method, blocked = _resolve_orders(
        invoice, vendor, mirror, policy, run, document_id, is_credit_note, document_text
    )
    expected_currency = next((o.currency for o in orders if o.currency), None) or (
        vendor.currency if vendor else None
    )
    _check_currency(invoice.currency, expected_currency, orders, run)

    net = _net_amount(invoice)
    _check_amounts(invoice, run)
    matches: list[LineMatch] = []
    by_amount: list[AmountBilledLine] = []
    if not is_credit_note and orders:
        matches, by_amount = _match_lines(
            invoice, vendor, orders, mirror, policy, run, document_id, net, texts, blocked, document_text
        )
    duplicate_of, possible = _check_duplicates(
        invoice, document_type, vendor, mirror, policy, run, document_id, text_hash
    )
    if duplicate_of:  # the original billed the PO: the duplicate says it all
        run.exceptions = [e for e in run.exceptions if e.type is not ExceptionType.PO_FULLY_BILLED]
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
            "document_type": document_type.value,
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
            "warnings": run.warnings,
            "duplicate_of": duplicate_of,
            "possible_duplicate_of": possible,
            "credit_note_for": credit_for,
            "credited_lines": credited,
            "billed_by_amount": by_amount,
        },
    )


# --------------------------------------------------------------------------- the document itself


def _document_type(invoice: InvoiceExtraction, document_text: str | None, run: Run) -> DocumentType:
    """A credit note stays a credit note whatever the sign of its amounts; an 'invoice' whose total is
    negative, or whose page is titled as a credit note, is one too (it is never paid)."""
    if invoice.document_type is DocumentType.CREDIT_NOTE:
        return DocumentType.CREDIT_NOTE
    amount = invoice.total
    if amount is None:
        amount = invoice.amount_due if invoice.amount_due is not None else _net_amount(invoice)
    if amount is not None and amount < ZERO:
        run.check(
            "document_type",
            True,
            f"Read as an invoice, but its total {money(amount)} is negative: it is handled as a credit note "
            "(never paid).",
            total=amount,
        )
        return DocumentType.CREDIT_NOTE
    if document_text and not invoice.extraction_method.startswith("einvoice"):
        head = "\n".join(document_text.split("\f", 1)[0].splitlines()[:TITLE_LINES])
        title = credit_note_title(head)
        if title is not None:
            run.check(
                "document_type",
                True,
                f"Read as an invoice, but the page is titled {title!r}: it is handled as a credit note (never "
                "paid).",
                title=title,
            )
            return DocumentType.CREDIT_NOTE
    return invoice.document_type


def _check_amounts(invoice: InvoiceExtraction, run: Run) -> None:
    """The amount to pay must be read, and the amounts read must add up: never pay an unknown amount."""
    payable = invoice.total if invoice.total is not None else invoice.amount_due
    if payable is None:
        sentence = "The invoice's total could not be read: the amount to pay is unknown. Check it by hand."
        run.check("amounts_add_up", False, sentence)
        run.fail(ExceptionType.TOTAL_VARIANCE, sentence)
        return
    net, tax, total = invoice.subtotal, invoice.tax_total, invoice.total
    if net is None or tax is None or total is None:
        return
    gap = total - net - tax
    if abs(gap) > CENT:
        sentence = (
            f"The invoice's amounts do not add up: net {money(net)} + VAT {money(tax)} is not the total "
            f"{money(total)} ({money(gap)} apart). Check what was read."
        )
        run.check("amounts_add_up", False, sentence, net=net, tax=tax, total=total)
        run.fail(ExceptionType.TOTAL_VARIANCE, sentence)


def _check_text(screened: Screening, run: Run) -> None:
    """Instruction-like text anywhere in the document keeps it with a person."""
    if not screened.instructions:
        run.check(
            "no_instruction_text",
            True,
            "The document's text gives no instructions to the approver (approve, pay elsewhere, skip checks).",
        )
        return
    hit = screened.instructions[0]
    sentence = (
        f"The document's text says “{hit.phrase}” ({hit.language}): an instruction to whoever approves it, "
        "which no invoice needs. Document text is never an instruction; a person decides, and checks the "
        "invoice with the vendor through a known contact."
    )
    run.check("no_instruction_text", False, sentence, phrase=hit.phrase, language=hit.language)
    run.fail(ExceptionType.INSTRUCTION_TEXT, sentence)


# --------------------------------------------------------------------------- vendor


def _check_vendor(
    invoice: InvoiceExtraction,
    resolution: VendorResolution,
    vendor: VendorRecord | None,
    mirror: Mirror,
    policy: TolerancePolicy,
    screened: Screening,
    run: Run,
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
    _check_bank_details(shown.iban, vendor, mirror, policy, screened, run)
    invoice_vat = normalise_code(shown.vat_id)
    known_vat = normalise_code(vendor.vat_id)
    if invoice_vat and known_vat and invoice_vat != known_vat:
        sentence = (
            f"The invoice shows VAT id {invoice_vat}, but {vendor.name} has VAT id {known_vat} in the ERP. "
            "Check who really sent the invoice."
        )
        run.check("vat_id_matches", False, sentence, invoice_vat_id=invoice_vat, erp_vat_id=known_vat)
        run.fail(ExceptionType.VAT_MISMATCH, sentence)
    elif invoice_vat and known_vat:
        run.check(
            "vat_id_matches",
            True,
            f"The VAT id on the invoice is {vendor.name}'s in the ERP.",
            invoice_vat_id=invoice_vat,
            erp_vat_id=known_vat,
        )


def _check_bank_details(
    extracted_iban: str | None,
    vendor: VendorRecord,
    mirror: Mirror,
    policy: TolerancePolicy,
    screened: Screening,
    run: Run,
) -> None:
    """Every IBAN the document prints (the extracted one, and any other in its text or XML) against
    the vendor master; and no announcement of new bank details. The buying company's own accounts
    (`policy.own_ibans`, printed on direct-debit invoices) do not count."""
    own = {normalise_code(i) for i in policy.own_ibans}
    printed: dict[str, None] = {}
    invoice_iban = normalise_code(extracted_iban)
    for iban in ([invoice_iban] if invoice_iban else []) + screened.ibans:
        if iban not in own:
            printed.setdefault(iban, None)
    known_iban = normalise_code(vendor.iban)
    announced = screened.bank_changes[0] if screened.bank_changes else None
    shown = ", ".join(printed) or None
    if announced is not None:
        sentence = (
            f"The document announces new bank details (“{announced.phrase}”, {announced.language}); "
            f"{vendor.name}'s IBAN in the ERP is {known_iban or 'not on file'}"
            + (f", the document shows {shown}" if shown else "")
            + ". Confirm the change with the vendor through a known contact before paying (bank-detail "
            "fraud risk)."
        )
        run.check("bank_details_unchanged", False, sentence, invoice_iban=shown, erp_iban=known_iban)
        run.fail(ExceptionType.IBAN_CHANGED, sentence)
        return
    if known_iban is None:
        run.check(
            "bank_details_unchanged",
            None,
            "The ERP has no IBAN for this vendor, so where to pay is not known"
            + (f" (the invoice shows {shown})." if shown else "."),
            invoice_iban=shown,
            erp_iban=known_iban,
        )
        return
    if not printed:
        run.check(
            "bank_details_unchanged",
            True,
            "The invoice prints no IBAN: it is paid to the vendor's IBAN in the ERP.",
            erp_iban=known_iban,
        )
        return
    others = [i for i in printed if i != known_iban]
    if not others:
        run.check(
            "bank_details_unchanged",
            True,
            "The IBAN on the invoice is the vendor's IBAN in the ERP"
            + (" (the only IBAN the document prints)." if len(printed) == 1 else "."),
            invoice_iban=shown,
            erp_iban=known_iban,
        )
        return
    owners = []
    for iban in others:
        owner = mirror.vendor_by_iban(iban)
        if owner is not None and owner.id != vendor.id:
            owners.append(f" {iban} belongs to another vendor, {owner.name} ({owner.erp_id}).")
    where = "asks for payment to" if invoice_iban in others else "also prints"
    sentence = (
        f"The invoice {where} IBAN {', '.join(others)}, but {vendor.name}'s IBAN in the ERP is "
        f"{known_iban}.{''.join(owners)} Confirm the change with the vendor through a known contact before "
        "paying (bank-detail fraud risk)."
    )
    run.check("bank_details_unchanged", False, sentence, invoice_iban=shown, erp_iban=known_iban)
    run.fail(ExceptionType.IBAN_CHANGED, sentence)


def _check_currency(
    currency: str | None, expected: str | None, orders: list[PurchaseOrderRecord], run: Run
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


def quoted_po_numbers(invoice: InvoiceExtraction) -> list[str]:
    """The PO numbers the invoice quotes: in its header, then on its lines, each once."""
    numbers = dict.fromkeys(n for n in invoice.po_numbers if n and n.strip())
    for line in invoice.lines:
        if line.po_number and line.po_number.strip():
            numbers.setdefault(line.po_number, None)
    return list(numbers)


def po_numbers_in_text(text: str, mirror: Mirror) -> list[PurchaseOrderRecord]:
    """ERP POs whose number is printed in `text` (a whole token, or digit groups with spaces between
    them), found by exact number: for a document whose fields quote none ("ref. 4500001234")."""
    found: dict[int, PurchaseOrderRecord] = {}
    candidates = [m.group(0) for m in _DIGIT_RUN.finditer(text)]
    candidates += [m.group(0) for m in _TEXT_TOKEN.finditer(text)]
    for token in candidates[:MAX_TEXT_TOKENS]:
        key = normalise_po_number(token)
        if key is None or len(key) < MIN_TEXT_PO_LENGTH or sum(c.isdigit() for c in key) < 4:
            continue
        order = mirror.po_by_exact_number(token)
        if order is not None:
            found.setdefault(order.id, order)
    return list(found.values())


def _fully_billed(order: PurchaseOrderRecord, mirror: Mirror, document_id: int | None) -> bool:
    """Every line of the PO billed in full before this invoice (or the ERP says so)."""
    return order.status in BILLED_PO_STATUSES or mirror.fully_billed(order.id, document_id)


def _check_order_status(
    orders: list[PurchaseOrderRecord], mirror: Mirror, run: Run, document_id: int | None
) -> set[int]:
    """A PO that is closed, cancelled or billed in full takes no more invoices: `po_closed` or
    `po_fully_billed`. Returns those POs' ids (their lines' quantity checks say nothing more)."""
    blocked: set[int] = set()
    for order in orders:
        if order.status in CLOSED_PO_STATUSES:
            sentence = (
                f"{po_label(order.number)} is {order.status} in the ERP: nothing more may be billed on it. "
                "Ask the buyer whether the invoice belongs to another PO, or reject it."
            )
            run.check("purchase_order_open", False, sentence, po=order.number, status=order.status)
            run.fail(ExceptionType.PO_CLOSED, sentence)
            blocked.add(order.id)
        elif _fully_billed(order, mirror, document_id):
            why = (
                "the ERP marks it billed"
                if order.status in BILLED_PO_STATUSES
                else "earlier invoices billed every line"
            )
            sentence = (
                f"{po_label(order.number)} is billed in full ({why}): this invoice would pay for it again. "
                "Check whether it is a duplicate or belongs to another PO."
            )
            run.check("purchase_order_open", False, sentence, po=order.number, status=order.status)
            run.fail(ExceptionType.PO_FULLY_BILLED, sentence)
            blocked.add(order.id)
    if orders and not blocked:
        run.check(
            "purchase_order_open",
            True,
            "The PO is open for billing in the ERP."
            if len(orders) == 1
            else "The POs are open for billing in the ERP.",
            status=orders[0].status if len(orders) == 1 else ", ".join(o.status for o in orders),
        )
    return blocked


def _resolve_orders(
    invoice: InvoiceExtraction,
    vendor: VendorRecord | None,
    mirror: Mirror,
    policy: TolerancePolicy,
    run: Run,
    document_id: int | None,
    is_credit_note: bool,
    document_text: str | None,
) -> tuple[list[PurchaseOrderRecord], str, set[int]]:
    """The POs the invoice bills, how they were found, and those of them that take no more invoices."""
    quoted = quoted_po_numbers(invoice)
    if quoted:
        found: list[PurchaseOrderRecord] = []
        missing: list[str] = []
        foreign: list[tuple[str, PurchaseOrderRecord]] = []
        for number in quoted:
            order = mirror.po_by_number(number)
            orders = [order] if order is not None else mirror.find_orders(number)
            if not orders:
                missing.append(number)
            for order in orders:
                if vendor is not None and order.vendor_id != vendor.id:
                    foreign.append((number, order))
                elif order.id not in {o.id for o in found}:
                    found.append(order)
        how = "referenced"
        if missing and document_text:
            # a number read short or garbled ("4500" of "4500 005 069"): the vendor's PO printed in the text
            printed = [
                o
                for o in po_numbers_in_text(document_text, mirror)
                if (vendor is None or o.vendor_id == vendor.id) and o.id not in {f.id for f in found}
            ]
            for number in list(missing):
                key = normalise_po_number(number) or ""
                whole = [o for o in printed if key and key in (normalise_po_number(o.number) or "")]
                if len(whole) == 1:
                    missing.remove(number)
                    found.append(whole[0])
                    how = "found_in_text"
        hint = _missing_po_hint(invoice, vendor, found, mirror, policy, document_id) if missing else ""
        for number in missing:
            sentence = (
                f"{po_label(number)} quoted on the invoice is not in the ERP. Ask the vendor for the right PO "
                f"number.{hint}"
            )
            run.fail(ExceptionType.MISSING_PO, sentence)
        _foreign(foreign, vendor, mirror, run)
        passed = not missing and not foreign
        sentence = (
            f"The invoice quotes {', '.join(po_label(o.number) for o in found)}, found in the ERP."
            if passed
            else f"Of the PO numbers quoted ({', '.join(quoted)}), "
            f"{len(found)} {'was' if len(found) == 1 else 'were'} found for this vendor."
        )
        run.check(
            "purchase_orders_found",
            passed,
            sentence,
            quoted=", ".join(quoted),
            found=", ".join(o.number for o in found),
        )
        blocked = set() if is_credit_note else _check_order_status(found, mirror, run, document_id)
        return found, how if found else "none", blocked
    if document_text:
        printed = po_numbers_in_text(document_text, mirror)
        own = [o for o in printed if vendor is None or o.vendor_id == vendor.id]
        if own:
            run.check(
                "purchase_orders_found",
                True,
                f"No field of the invoice quotes a PO, but its text prints {', '.join(po_label(o.number) for o in own)}, "
                "found in the ERP.",
                found=", ".join(o.number for o in own),
            )
            blocked = set() if is_credit_note else _check_order_status(own, mirror, run, document_id)
            return own, "found_in_text", blocked
        if printed and vendor is not None:
            _foreign([(o.number, o) for o in printed], vendor, mirror, run)
            run.check(
                "purchase_orders_found",
                False,
                f"The invoice's text prints {', '.join(po_label(o.number) for o in printed)}, a PO of another vendor.",
                found=", ".join(o.number for o in printed),
            )
            return [], "none", set()
    if is_credit_note:
        run.check("purchase_orders_found", None, "The credit note quotes no PO.")
        return [], "none", set()
    if vendor is None:
        sentence = "The invoice quotes no PO, and without a known vendor none can be inferred."
        run.check("purchase_orders_found", False, sentence)
        run.fail(ExceptionType.MISSING_PO, sentence)
        return [], "none", set()
    inferred = _infer_orders(invoice, vendor, mirror, policy, document_id)
    if inferred:
        numbers = ", ".join(po_label(o.number) for o in inferred)
        run.tolerance_used.append("po_inferred")
        run.check(
            "purchase_orders_found",
            True,
            f"The invoice quotes no PO; its lines and amounts fit {vendor.name}'s open {numbers} (inferred: a "
            "person confirms it).",
            inferred=numbers,
        )
        return inferred, "inferred", set()
    open_count = len(mirror.open_pos_of(vendor.id))
    sentence = (
        f"The invoice quotes no PO, and none of {vendor.name}'s {open_count} open POs fits its lines or amount. "
        "Ask the requester for the PO, or approve it as a non-PO invoice."
    )
    run.check("purchase_orders_found", False, sentence, open_pos=open_count)
    run.fail(ExceptionType.MISSING_PO, sentence)
    return [], "none", set()


def _foreign(
    foreign: list[tuple[str, PurchaseOrderRecord]], vendor: VendorRecord | None, mirror: Mirror, run: Run
) -> None:
    for number, order in foreign:
        owner = mirror.vendors.get(order.vendor_id)
        sentence = (
            f"{po_label(number)} belongs to {owner.name if owner else 'another vendor'}, not to "
            f"{vendor.name if vendor else 'this vendor'}. Check who should be paid."
        )
        run.fail(ExceptionType.PO_VENDOR_MISMATCH, sentence)


def _billable_orders(
    vendor: VendorRecord, mirror: Mirror, document_id: int | None
) -> dict[int, PurchaseOrderRecord]:
    """The vendor's POs an invoice may still bill: open in the ERP and not billed in full."""
    return {o.id: o for o in mirror.open_pos_of(vendor.id) if not _fully_billed(o, mirror, document_id)}


def _infer_orders(
    invoice: InvoiceExtraction,
    vendor: VendorRecord,
    mirror: Mirror,
    policy: TolerancePolicy,
    document_id: int | None,
) -> list[PurchaseOrderRecord]:
    """Open POs of the vendor (never closed, cancelled or billed in full) that cover the invoice's
    lines (by SKU, then description), greedily. A PO line covers a line better when what is left of it
    fits the invoiced quantity, better still when that much was received and not billed; among equal
    POs the older. Without lines: the one open PO whose open value equals the invoice's net amount."""
    billable = _billable_orders(vendor, mirror, document_id)
    billed = mirror.billed_counter(document_id)
    cover: dict[int, dict[int, int]] = {}
    unmatched: list[tuple[int, InvoiceLineExtraction, str]] = []

    def fit(po_line: PurchaseOrderLineRecord, need: Decimal) -> int:
        left = po_line.quantity - billed(po_line.id)
        if left <= ZERO:
            return 0
        if mirror.received_qty(po_line.id) - billed(po_line.id) >= need:
            return 3
        return 2 if left >= need else 1

    for index, line in enumerate(invoice.lines):
        need = abs(line.quantity) if line.quantity is not None else ZERO
        hit = False
        for sku in (line.buyer_sku, line.sku):
            for po_line in mirror.lines_for_sku(vendor.id, sku):
                po_id = po_line.purchase_order_id
                score = fit(po_line, need) if po_id in billable else 0
                if score:
                    covered = cover.setdefault(po_id, {})
                    covered[index] = max(covered.get(index, 0), score)
                    hit = True
        if not hit and line.description:
            unmatched.append((index, line, line.description))
    if unmatched and len(billable) <= MAX_INFERENCE_POS:
        cutoff = policy.description_min_score * 100
        for po_id in billable:
            po_lines = {pl.id: pl for pl in mirror.po_lines(po_id)}
            choices = {pl_id: pl.description or "" for pl_id, pl in po_lines.items()}
            for index, line, description in unmatched:
                found = best_description(description, choices, cutoff)
                if found:
                    need = abs(line.quantity) if line.quantity is not None else ZERO
                    score = fit(po_lines[found[2]], need)
                    if score:
                        covered = cover.setdefault(po_id, {})
                        covered[index] = max(covered.get(index, 0), score)
    chosen: list[PurchaseOrderRecord] = []
    left = set(range(len(invoice.lines)))

    def rank(po_id: int) -> tuple[int, int, Any, int]:
        gained = {i: s for i, s in cover[po_id].items() if i in left}
        order = mirror.orders[po_id]
        return (len(gained), sum(gained.values()), _age_key(order), -po_id)

    while left and cover:
        best = max(cover, key=rank)
        gained = set(cover.pop(best)) & left
        if not gained:
            break
        chosen.append(mirror.orders[best])
        left -= gained
    if chosen:
        return chosen
    # no line names a PO: the one open PO whose open value is the invoice's net amount
    fits = _orders_fitting_amount(_net_amount(invoice), billable, mirror, policy, document_id)
    return fits if len(fits) == 1 else []


def _age_key(order: PurchaseOrderRecord) -> int:
    """Older first among equally fitting POs (negated ordinal: max() prefers the larger key)."""
    return -order.order_date.toordinal() if order.order_date is not None else 0


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
        if value <= ZERO:
            continue
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


def _unit_factor(
    line: InvoiceLineExtraction,
    po_line: PurchaseOrderLineRecord,
    price: Decimal | None,
    limits: ToleranceLimits,
) -> Decimal | None:
    """Invoiced units in one PO unit, when the invoice bills in the unit the ERP converts the PO unit
    into (pieces invoiced, boxes of 12 ordered: 12); None when the units agree or no conversion is known.
    A unit printed as the stock unit decides; without a unit the price does: a piece's price is the PO
    unit's price divided by the pieces in it (within the price tolerance), the PO unit's is not."""
    factor = po_line.conversion_factor
    if not factor or not po_line.stock_unit:
        return None
    invoiced = unit_code(line.unit) if line.unit else None
    if invoiced is not None:
        if invoiced == unit_code(po_line.stock_unit) and invoiced != unit_code(po_line.unit):
            return factor
        if invoiced == unit_code(po_line.unit) or invoiced == unit_code(po_line.stock_unit):
            return None
    if price is None or not po_line.unit_price:
        return None
    ordered = po_line.unit_price
    as_is = abs(price - ordered)
    converted = abs(price * factor - ordered)
    if converted < as_is and within(converted, ordered, limits.price_pct, limits.price_abs):
        return factor
    return None


def _line_refs(
    line: InvoiceLineExtraction, orders: dict[int, PurchaseOrderRecord], mirror: Mirror
) -> tuple[set[int] | None, int | None]:
    """The POs a line names (None: no reference, any PO of the invoice) and the PO line number it names."""
    po_ids: set[int] | None = None
    if line.po_number:
        named = {o.id for o in mirror.find_orders(line.po_number)} & set(orders)
        po_ids = named or None
    line_no: int | None = None
    if line.po_line:
        digits = "".join(c for c in line.po_line if c.isdigit())
        line_no = int(digits) if digits and len(digits) <= 6 else None
    return po_ids, line_no


def _pick_po_line(
    line: InvoiceLineExtraction,
    quantity: Decimal | None,
    by_sku: dict[str, list[PurchaseOrderLineRecord]],
    pool: dict[int, PurchaseOrderLineRecord],
    free: dict[int, PurchaseOrderLineRecord],
    used: dict[int, Decimal],
    billed_qty: BilledCounter,
    policy: TolerancePolicy,
    po_ids: set[int] | None = None,
    line_no: int | None = None,
) -> tuple[PurchaseOrderLineRecord | None, str, float | None]:
    """The PO line an invoice line bills: by the buyer's item id (our SKU), the seller's SKU, the PO line
    it names, then its description (free PO lines first, then lines already billed in part by an earlier
    line of this invoice: one PO line billed as two invoice lines)."""

    def room(pl: PurchaseOrderLineRecord) -> Decimal:
        return pl.quantity - billed_qty(pl.id) - used.get(pl.id, ZERO)

    for method, raw in (("buyer_sku", line.buyer_sku), ("sku", line.sku)):
        if not raw:
            continue
        candidates = by_sku.get(normalise_code(raw) or "")
        if not candidates:
            continue
        if po_ids is not None:
            candidates = [pl for pl in candidates if pl.purchase_order_id in po_ids] or candidates
        if len(candidates) == 1:
            return candidates[0], method, None
        need = abs(quantity) if quantity is not None else ZERO
        if line_no is not None:
            named = [pl for pl in candidates if pl.line_no in (line_no, line_no // 10)]
            if len(named) == 1:
                return named[0], method, None
        fitting = [pl for pl in candidates if room(pl) >= need]
        chosen = fitting[0] if fitting else max(candidates, key=room)
        return chosen, method, None
    if line_no is not None and not (line.sku or line.buyer_sku):
        scope = [pl for pl in pool.values() if po_ids is None or pl.purchase_order_id in po_ids]
        named = [pl for pl in scope if pl.line_no == line_no] or [
            pl for pl in scope if pl.line_no * 10 == line_no
        ]
        if len(named) == 1 and (
            not line.description
            or not named[0].description
            or fuzz.WRatio(line.description, named[0].description, processor=utils.default_process)
            >= policy.description_min_score * 100
        ):
            return named[0], "order_line", None
    if line.description:
        cutoff = policy.description_min_score * 100
        # free PO lines, and those an earlier line of this invoice billed only in part (one PO line billed
        # as two invoice lines): the most alike wins
        choices = {
            pl_id: pl.description or ""
            for pl_id, pl in pool.items()
            if (po_ids is None or pl.purchase_order_id in po_ids) and (pl_id in free or room(pl) > ZERO)
        }
        hit = best_description(line.description, choices, cutoff)
        if hit is not None:
            return pool[hit[2]], "description", round(hit[1] / 100, 4)
    return None, "none", None


_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def _numbers(text: str) -> set[Decimal]:
    found = set()
    for token in _NUMBER.findall(text):
        try:
            found.add(Decimal(token.replace(",", ".")).normalize())
        except InvalidOperation:
            continue
    return found


def numbers_agree(invoiced: str, ordered: str) -> bool:
    """Whether two descriptions name the same sizes: the numbers of one are among the other's (either
    may add some: a pack count, a length left off). "Bolts M10 x 40" is not "Bolts M8 x 40", however
    alike the words."""
    mine, theirs = _numbers(invoiced), _numbers(ordered)
    return not mine or not theirs or mine <= theirs or theirs <= mine


def best_description(
    description: str, choices: dict[int, str], cutoff: float
) -> tuple[str, float, int] | None:
    """The most alike PO line description (rapidfuzz WRatio at or above `cutoff`) whose numbers agree."""
    for hit in process.extract(
        description,
        choices,
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        score_cutoff=cutoff,
        limit=5,
    ):
        if numbers_agree(description, hit[0]):
            return hit[0], float(hit[1]), int(hit[2])
    return None


_LINE_MATCH_FIELDS = set(LineMatch.model_fields)


def _line_match(values: dict[str, Any]) -> LineMatch:
    """`trusted(LineMatch, values)` for a dict that names every field (one per matched line)."""
    obj = LineMatch.__new__(LineMatch)
    _set_attribute(obj, "__dict__", values)
    _set_attribute(obj, "__pydantic_fields_set__", _LINE_MATCH_FIELDS)
    _set_attribute(obj, "__pydantic_extra__", None)
    _set_attribute(obj, "__pydantic_private__", None)
    return obj


def _unmatched(
    position: int,
    line: InvoiceLineExtraction,
    quantity: Decimal | None,
    price: Decimal | None,
    *,
    method: str = "none",
    charge_kind: str | None = None,
) -> LineMatch:
    return _line_match(
        {
            "position": position,
            "description": line.description,
            "sku": line.sku,
            "method": method,
            "similarity": None,
            "po_number": None,
            "po_line_id": None,
            "po_line_no": None,
            "category": None,
            "invoiced_qty": quantity,
            "invoiced_unit_price": price,
            "ordered_qty": None,
            "po_unit_price": None,
            "received_qty": None,
            "previously_billed_qty": None,
            "price_variance": None,
            "price_variance_pct": None,
            "qty_over_po": None,
            "qty_over_received": None,
            "within_tolerance": method == "charge",
            "unit_factor": None,
            "charge_kind": charge_kind,
            "tax_rate": line.tax_rate,
            "po_tax_rate": None,
        }
    )


def _match_lines(
    invoice: InvoiceExtraction,
    vendor: VendorRecord | None,
    orders: list[PurchaseOrderRecord],
    mirror: Mirror,
    policy: TolerancePolicy,
    run: Run,
    document_id: int | None,
    net: Decimal | None,
    texts: list[str],
    blocked: set[int],
    document_text: str | None = None,
) -> tuple[list[LineMatch], list[AmountBilledLine]]:
    """The invoice's lines against the POs' lines (or, without lines, its amount against the POs' value),
    with allowances and charges, the totals and VAT; the line matches, and for an invoice without lines
    the PO-line units its amount bills."""
    pool_list: list[PurchaseOrderLineRecord] = []
    for order in orders:
        pool_list.extend(mirror.po_lines(order.id))
    by_sku: dict[str, list[PurchaseOrderLineRecord]] = {}
    sku_key = mirror.line_sku_key
    for candidate in pool_list:
        sku = sku_key(candidate)
        if sku:
            found = by_sku.get(sku)
            if found is None:
                by_sku[sku] = [candidate]
            else:
                found.append(candidate)
    by_id = {o.id: o for o in orders}
    numbers = {o.id: o.number for o in orders}
    vendor_erp_id = vendor.erp_id if vendor else None
    used: dict[int, Decimal] = {}
    matches: list[LineMatch] = []
    price_notes: list[str] = []
    qty_po_notes: list[str] = []
    qty_rec_notes: list[str] = []
    method_counts = {"sku": 0, "buyer_sku": 0, "order_line": 0, "description": 0}
    worst_price: tuple[Decimal, int] | None = None
    pool = {pl.id: pl for pl in pool_list}
    free = dict(pool)
    limits_cache: dict[str | None, ToleranceLimits] = {}
    billed_qty = mirror.billed_counter(document_id)
    received_qty = mirror.received_qty
    tolerated = run.tolerance_used
    charges: list[ChargeItem] = []
    tax_lines: list[TaxRow] = []
    taxed = False
    goods_net = ZERO

    for position, line in enumerate(invoice.lines, start=1):
        quantity, price = line.quantity, line.unit_price
        if quantity is None or price is None:
            quantity, price = _line_qty_price(line)
        # the usual case first: the seller's SKU names exactly one PO line (no buyer id, no line reference)
        candidates = (
            by_sku.get(normalise_code(line.sku) or "")
            if line.sku and line.buyer_sku is None and line.po_number is None and line.po_line is None
            else None
        )
        po_line: PurchaseOrderLineRecord | None
        if candidates is not None and len(candidates) == 1:
            po_line, method, similarity = candidates[0], "sku", None
        else:
            po_ids, line_no = (
                (None, None) if not (line.po_number or line.po_line) else _line_refs(line, by_id, mirror)
            )
            po_line, method, similarity = _pick_po_line(
                line, quantity, by_sku, pool, free, used, billed_qty, policy, po_ids, line_no
            )
        amount = line.amount
        if amount is None and line.quantity is not None and line.unit_price is not None:
            amount = line.quantity * line.unit_price
        if po_line is None:
            kind = classify_line(line, amount)
            if kind is not None and amount is not None:
                charges.append(ChargeItem(kind, amount, position, line.description, line.tax_rate))
                tax_lines.append((position, amount, line.tax_rate, line.tax_code, None, ""))
                matches.append(_unmatched(position, line, quantity, price, method="charge", charge_kind=kind))
                continue
            sentence = (
                f"Line {position} ({line.description or line.sku or 'no description'}) matches no line of "
                f"{', '.join(po_label(n) for n in numbers.values())}."
            )
            run.fail(ExceptionType.UNMATCHED_LINE, sentence, line=position, amount=amount)
            tax_lines.append((position, amount, line.tax_rate, line.tax_code, None, ""))
            goods_net += amount or ZERO
            matches.append(_unmatched(position, line, quantity, price))
            continue
        method_counts[method] += 1
        goods_net += amount or ZERO
        po_line_id = po_line.id
        free.pop(po_line_id, None)
        order_number = numbers[po_line.purchase_order_id]
        tax_lines.append((position, amount, line.tax_rate, line.tax_code, po_line, order_number))
        if not taxed and (po_line.tax_rate is not None or po_line.tax_code):
            taxed = True
        category = po_line.category
        limits = limits_cache.get(category)
        if limits is None:
            limits = limits_cache[category] = policy.limits_for(vendor_erp_id, category)
        factor = _unit_factor(line, po_line, price, limits) if po_line.conversion_factor is not None else None
        printed_price = price
        if factor is not None:
            tolerated.append(f"unit:{position}")
            quantity = quantity / factor if quantity is not None else None
            price = price * factor if price is not None else None
        billed_before = billed_qty(po_line_id) + used.get(po_line_id, ZERO)
        received = received_qty(po_line_id)
        unit_price = po_line.unit_price
        match_ok = True
        price_var = price_pct = over_po = over_rec = None
        if (
            price is not None
            and price != unit_price
            and quantity is not None
            and line.amount is not None
            and abs(quantity * unit_price - line.amount) <= HALF_CENT
        ):
            price = unit_price  # a unit price printed rounded (0.13 for 0.125): the amount is exact
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
                        f"{po_label(order_number)} price {money(po_line.unit_price)}; the tolerance is "
                        f"{limit_text(limits.price_pct, limits.price_abs, ' per unit')}."
                    )
                    price_notes.append(sentence)
                    run.fail(ExceptionType.PRICE_VARIANCE, sentence, line=position, amount=at_stake)
        if quantity is not None:
            used[po_line_id] = used.get(po_line_id, ZERO) + quantity
            over_po = billed_before + quantity - po_line.quantity
            over_po_excess = max(over_po, ZERO)
            if po_line.purchase_order_id in blocked:
                pass  # the PO takes no more invoices: said once, for the PO
            elif over_po > ZERO:
                if within(over_po, po_line.quantity, limits.qty_pct, limits.qty_abs):
                    run.tolerance_used.append(f"qty_po:{position}")
                else:
                    match_ok = False
                    sentence = (
                        f"Line {position}: {qty(quantity)} invoiced, but {po_label(order_number)} "
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
            if beyond > ZERO and po_line.purchase_order_id not in blocked:
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
                            f"for {po_label(order_number)} line {po_line.line_no} "
                            f"(received {qty(received)}, already billed {qty(billed_before)}). Hold until the goods "
                            "arrive."
                        )
                    else:
                        sentence = (
                            f"Line {position}: {qty(quantity)} invoiced, but only {qty(available)} received and not "
                            f"yet billed for {po_label(order_number)} line {po_line.line_no} "
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
                    "po_number": order_number,
                    "po_line_id": po_line.id,
                    "po_line_no": po_line.line_no,
                    "category": po_line.category,
                    "invoiced_qty": quantity,
                    "invoiced_unit_price": printed_price,
                    "ordered_qty": po_line.quantity,
                    "po_unit_price": po_line.unit_price,
                    "received_qty": received,
                    "previously_billed_qty": billed_before,
                    "price_variance": price_var,
                    "price_variance_pct": price_pct,
                    "qty_over_po": over_po,
                    "qty_over_received": over_rec,
                    "within_tolerance": match_ok,
                    "unit_factor": factor,
                    "charge_kind": None,
                    "tax_rate": line.tax_rate,
                    "po_tax_rate": po_line.tax_rate,
                }
            )
        )

    matched = sum(method_counts.values())
    goods_lines = len(invoice.lines) - len(charges)
    if invoice.lines:
        how = ", ".join(
            f"{count} by {name.replace('_', ' ')}" for name, count in method_counts.items() if count
        )
        run.check(
            "lines_matched",
            matched == goods_lines,
            f"{matched} of {goods_lines} invoice lines matched PO lines"
            + (f" ({how})" if how else "")
            + (f"; {len(charges)} line(s) are allowances or charges" if charges else "")
            + ".",
            matched=matched,
            lines=goods_lines,
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
        header = document_charges(invoice)
        if document_text and net is not None:
            header += _charges_printed_outside_the_lines(
                invoice, net, header, document_text, vendor_erp_id, policy
            )
        check_charges(
            charges + header, list(free.values()), goods_net, vendor_erp_id, mirror, policy, run, document_id
        )
        _check_total_against_lines(invoice, net, header, vendor_erp_id, policy, run)
        check_taxes(invoice, tax_lines, header, texts, policy, run, taxed=taxed)
    else:
        header = document_charges(invoice)
        if header:
            check_charges(
                header, list(free.values()), net or ZERO, vendor_erp_id, mirror, policy, run, document_id
            )
        if net is None:
            net = _implied_net(invoice, orders, mirror)
        if all(o.id in blocked for o in orders):
            return matches, []  # the POs take no more invoices: said once, for the POs
        by_amount = _check_total_against_orders(orders, net, vendor_erp_id, mirror, policy, run, document_id)
        _check_tax_against_orders(invoice, orders, net, mirror, policy, run)
        return matches, by_amount
    return matches, []


def _charges_printed_outside_the_lines(
    invoice: InvoiceExtraction,
    net: Decimal,
    header: list[ChargeItem],
    document_text: str,
    vendor_erp_id: str | None,
    policy: TolerancePolicy,
) -> list[ChargeItem]:
    """When the net total is above the lines (and the document's own allowances and charges) beyond
    tolerance, the charge the page prints beside the totals that accounts for exactly the difference."""
    amounts = [line_amount(line) for line in invoice.lines]
    if any(a is None for a in amounts):
        return []
    expected = sum((a for a in amounts if a is not None), ZERO) + sum((c.amount for c in header), ZERO)
    gap = net - expected
    limits = policy.limits_for(vendor_erp_id, None)
    if gap <= ZERO or within(gap, expected, limits.total_pct, limits.total_abs):
        return []
    return printed_charges(document_text, gap)


def _check_total_against_lines(
    invoice: InvoiceExtraction,
    net: Decimal | None,
    header: list[ChargeItem],
    vendor_erp_id: str | None,
    policy: TolerancePolicy,
    run: Run,
) -> None:
    """The net total against the lines plus the document's own allowances and charges. A net total
    below that is an allowance the lines do not show (the vendor bills less): it passes when the policy
    lets allowances pass; above it, the vendor bills more than its lines (`total_variance`)."""
    amounts = [line_amount(line) for line in invoice.lines]
    if net is None or any(a is None for a in amounts):
        run.check(
            "total_matches_lines",
            None,
            "The net total or a line amount is missing, so the total was not checked.",
        )
        return
    line_sum = sum((a for a in amounts if a is not None), ZERO)
    adjustments = sum((c.amount for c in header), ZERO)
    expected = line_sum + adjustments
    gap = net - expected
    limits = policy.limits_for(vendor_erp_id, None)
    what = f"the lines' sum {money(line_sum)}" + (
        f" with the document's allowances and charges ({money(adjustments)})" if header else ""
    )
    if gap == ZERO:
        run.check(
            "total_matches_lines",
            True,
            f"The net total {money(net)} is {what}.",
            net=net,
            lines=line_sum,
            charges=adjustments if header else None,
        )
    elif within(abs(gap), expected, limits.total_pct, limits.total_abs):
        run.tolerance_used.append("total")
        run.check(
            "total_matches_lines",
            True,
            f"The net total {money(net)} differs from {what} by {money(gap)}, within tolerance "
            f"({limit_text(limits.total_pct, limits.total_abs)}).",
            net=net,
            lines=line_sum,
        )
    elif gap < ZERO and (rule := policy.charges.get("allowance")) is not None and rule.always:
        run.check(
            "total_matches_lines",
            True,
            f"The net total {money(net)} is {money(-gap)} less than {what}: an allowance the lines do not show "
            "(the vendor bills less), which the policy lets pass.",
            net=net,
            lines=line_sum,
        )
    else:
        sentence = (
            f"The net total {money(net)} is {money(abs(gap))} {'more' if gap > 0 else 'less'} than {what}; the "
            f"tolerance is {limit_text(limits.total_pct, limits.total_abs)}. Look for a charge or discount outside "
            "the lines."
        )
        run.check("total_matches_lines", False, sentence, net=net, lines=line_sum)
        run.fail(ExceptionType.TOTAL_VARIANCE, sentence, amount=gap if gap > 0 else None)


def _check_total_against_orders(
    orders: list[PurchaseOrderRecord],
    net: Decimal | None,
    vendor_erp_id: str | None,
    mirror: Mirror,
    policy: TolerancePolicy,
    run: Run,
    document_id: int | None,
) -> list[AmountBilledLine]:
    """An invoice without lines: its net amount against the POs' open and received-unbilled value. With
    nothing to compare (no lines, no amount) it is held: an amount nobody checked is never paid. Returns
    the PO-line units a matching amount bills (so a second such invoice finds the PO billed)."""
    if net is None:
        sentence = (
            "The invoice shows neither lines nor an amount that could be compared with the PO (or its POs carry "
            "no single VAT rate to take its net amount from its total). Check it by hand."
        )
        run.check("total_within_po", False, sentence)
        run.fail(ExceptionType.TOTAL_VARIANCE, sentence)
        return []
    open_value = received_value = ZERO
    open_units: list[AmountBilledLine] = []
    received_units: list[AmountBilledLine] = []
    for order in orders:
        for pl in mirror.po_lines(order.id):
            billed = mirror.billed_qty(pl.id, document_id)
            left, arrived = max(pl.quantity - billed, ZERO), max(mirror.received_qty(pl.id) - billed, ZERO)
            open_value += left * pl.unit_price
            received_value += arrived * pl.unit_price
            for units, quantity in ((open_units, left), (received_units, arrived)):
                if quantity > ZERO:
                    units.append(
                        AmountBilledLine(
                            po_number=order.number, po_line_id=pl.id, po_line_no=pl.line_no, quantity=quantity
                        )
                    )
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
        return []
    # without lines nothing says which goods a part of the PO would be: only the whole received-and-unbilled
    # value, or the whole open value, is a match a clerk can take without looking
    whole = [
        value
        for value in (received_value, open_value)
        if value > ZERO and within(abs(net - value), value, limits.total_pct, limits.total_abs)
    ]
    if not whole:
        sentence = (
            f"The invoice bills {money(net)} without lines: neither the goods received and not yet billed "
            f"({money(received_value)}) nor the open value ({money(open_value)}) of {numbers}. A person assigns "
            "it to the PO's lines."
        )
        run.check(
            "total_within_po", False, sentence, net=net, open_value=open_value, received_value=received_value
        )
        run.fail(ExceptionType.TOTAL_VARIANCE, sentence)
        return []
    if net != whole[0]:
        run.tolerance_used.append("total")
    run.check(
        "total_within_po",
        True,
        f"The net amount {money(net)} is the "
        + ("value of the goods received and not yet billed" if whole[0] == received_value else "open value")
        + f" of {numbers}.",
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
        return received_units if whole[0] == received_value else open_units
    kind = ExceptionType.NOT_RECEIVED if received_value <= ZERO else ExceptionType.QUANTITY_VARIANCE
    sentence = (
        f"The invoice bills {money(net)}, but only goods worth {money(received_value)} of {numbers} are received "
        "and not yet billed. Hold until the goods arrive."
    )
    run.check("quantities_received", False, sentence, net=net, received_value=received_value)
    run.fail(kind, sentence, amount=beyond)
    return open_units


def _implied_net(
    invoice: InvoiceExtraction, orders: list[PurchaseOrderRecord], mirror: Mirror
) -> Decimal | None:
    """The net amount of an invoice that shows only its total: the total less VAT at the one rate every
    line of its POs is taxed at; None when there is no total or no single rate."""
    from opsloop.reconcile.taxes import expected_rate

    gross = invoice.total if invoice.total is not None else invoice.amount_due
    if gross is None:
        return None
    rates = {expected_rate(pl) for order in orders for pl in mirror.po_lines(order.id)}
    if len(rates) != 1 or None in rates:
        return None
    rate = next(iter(rates))
    assert rate is not None
    return (gross * HUNDRED / (HUNDRED + rate)).quantize(CENT)


def _check_tax_against_orders(
    invoice: InvoiceExtraction,
    orders: list[PurchaseOrderRecord],
    net: Decimal | None,
    mirror: Mirror,
    policy: TolerancePolicy,
    run: Run,
) -> None:
    """An invoice without lines: its tax against the one rate its POs' lines share."""
    from opsloop.reconcile.taxes import expected_rate

    rates = {expected_rate(pl) for order in orders for pl in mirror.po_lines(order.id)}
    printed = invoice.tax_total
    if printed is None and invoice.total is not None and invoice.subtotal is not None:
        printed = invoice.total - invoice.subtotal  # printed, not taken from the PO's rate
    if net is None or printed is None or len(rates) != 1 or None in rates:
        run.check(
            "tax_total_matches",
            None,
            "The invoice has no lines and its POs no single VAT rate (or the amounts are missing): VAT was not "
            "checked.",
        )
        return
    rate = next(iter(rates))
    assert rate is not None
    expected = net * rate / HUNDRED
    gap = printed - expected
    if abs(gap) <= HALF_CENT * 2 + policy.tax_abs:
        run.check(
            "tax_total_matches",
            True,
            f"The tax total {money(printed)} is {qty(rate)}% of the net amount {money(net)}, the POs' rate.",
            tax_total=printed,
        )
        return
    sentence = (
        f"The tax total {money(printed)} is not {qty(rate)}% of the net amount {money(net)} ({money(expected)}), "
        "the rate of the POs' lines. Check the VAT rate with the vendor."
    )
    run.check("tax_total_matches", False, sentence, tax_total=printed, expected=expected.quantize(CENT))
    run.fail(ExceptionType.TAX_MISMATCH, sentence, amount=gap if gap > 0 else None)


# --------------------------------------------------------------------------- duplicates and credit notes


def _days_apart(a: date | None, b: date | None) -> int | None:
    return abs((a - b).days) if a is not None and b is not None else None


def _described(priors: Iterable[tuple[PriorInvoiceRecord, str]]) -> str:
    return "; ".join(
        f"{prior.invoice_number or 'an invoice'} of {prior.invoice_date or 'unknown date'} "
        f"({money(prior.total)} {prior.currency or ''}".rstrip()
        + f"; {reason})"
        for prior, reason in priors
    )


def _consider(
    priors: Iterable[PriorInvoiceRecord],
    reason: str,
    kind: str,
    document_id: int | None,
    into: dict[int, tuple[PriorInvoiceRecord, str]],
    taken: dict[int, tuple[PriorInvoiceRecord, str]] | None = None,
) -> None:
    for prior in priors:
        doc = prior.document_id
        if (
            doc != document_id
            and prior.document_type == kind
            and doc not in into
            and (taken is None or doc not in taken)
        ):
            into[doc] = (prior, reason)


def _names_the_vendor(number: str | None, vendor: VendorRecord) -> bool:
    """Whether an 'invoice number' is the vendor's VAT id (read from the wrong label): it would make every
    invoice of the vendor a duplicate of the others."""
    key, vat = normalise_code(number), normalise_code(vendor.vat_id)
    if not key or not vat:
        return False
    return key == vat or (len(key) >= 8 and key in vat)


def _check_duplicates(
    invoice: InvoiceExtraction,
    document_type: DocumentType,
    vendor: VendorRecord | None,
    mirror: Mirror,
    policy: TolerancePolicy,
    run: Run,
    document_id: int | None,
    text_hash: str | None,
) -> tuple[list[int], list[int]]:
    """Duplicates: the same document text, or the same invoice number from the same vendor. The same
    amount within days under another number is only a possible duplicate: a warning that shows both
    documents to a person, never a hold by itself. Returns (duplicates, possible duplicates)."""
    kind = document_type.value
    found: dict[int, tuple[PriorInvoiceRecord, str]] = {}
    similar: dict[int, tuple[PriorInvoiceRecord, str]] = {}
    if text_hash:
        _consider(mirror.invoices_by_hash(text_hash), "the same document text", kind, document_id, found)
    if vendor is not None and _names_the_vendor(invoice.invoice_number, vendor):
        run.check(
            "invoice_number_read",
            False,
            f"The invoice number read, {invoice.invoice_number}, is the vendor's VAT id: the real number was not "
            "read, so duplicates were looked for by the document's text and amount only.",
        )
    elif vendor is not None:
        _consider(
            mirror.invoices_by_number(vendor.id, invoice.invoice_number),
            "the same invoice number",
            kind,
            document_id,
            found,
        )
        same_amount = mirror.invoices_by_amount(vendor.id, invoice.total)
        if same_amount:
            window = policy.duplicate_window_days
            near = [
                p
                for p in same_amount
                if (days := _days_apart(p.invoice_date, invoice.invoice_date)) is not None and days <= window
            ]
            _consider(near, f"the same amount within {window} days", kind, document_id, similar, found)
    if similar:
        sentence = (
            f"An earlier invoice of the vendor has the same amount but another number: {_described(similar.values())}. "
            "The amount alone does not make it a duplicate; compare the two side by side."
        )
        run.check(
            "no_similar_invoice",
            False,
            sentence,
            earlier=", ".join(str(p.invoice_number) for p, _ in similar.values()),
            documents=", ".join(str(d) for d in similar),
        )
        run.warn(ExceptionType.POSSIBLE_DUPLICATE, sentence, amount=invoice.total)
    if not found:
        run.check(
            "not_a_duplicate",
            True if vendor is not None or text_hash else None,
            "No earlier invoice has the same number or the same text."
            if vendor is not None
            else "Without a known vendor only the document text was compared.",
        )
        return [], list(similar)
    sentence = (
        f"This looks like a duplicate of earlier invoice {_described(found.values())}. Do not pay it twice: check "
        "with the vendor or reject it."
    )
    run.check(
        "not_a_duplicate",
        False,
        sentence,
        invoice_number=invoice.invoice_number,
        earlier=", ".join(str(p.invoice_number) for p, _ in found.values()),
    )
    run.fail(ExceptionType.DUPLICATE, sentence, amount=invoice.total)
    return list(found), list(similar)


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
    run: Run,
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
    run: Run,
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
    everything = dict(free)
    given_back: dict[int, Decimal] = {}
    billed_qty = mirror.billed_counter(None)
    credited: list[CreditedLine] = []
    notes: list[str] = []
    for position, line in enumerate(invoice.lines, start=1):
        quantity, price = _line_qty_price(line)
        if not quantity or price is None:
            continue
        po_line, _method, _similarity = _pick_po_line(
            line, None, by_sku, everything, free, given_back, billed_qty, policy
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
