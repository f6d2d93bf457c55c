"""reconcile_invoice: vendor, POs, line matching (two- and three-way), allowances and charges, VAT,
totals, duplicates, and the document's own text; each check recorded with the numbers it compared and
a sentence a clerk understands."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from rapidfuzz import fuzz, utils

from opsloop import clock
from opsloop.domain.erp import (
    AmountBilledLine,
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
from opsloop.domain.invoices import (
    DocumentType,
    InvoiceExtraction,
    InvoiceLineExtraction,
    VendorExtraction,
)
from opsloop.reconcile.buyer import check_buyer
from opsloop.reconcile.charges import (
    ChargeItem,
    check_charges,
    classify_line,
    document_charges,
    printed_charges,
)
from opsloop.reconcile.lexicons import (
    advance_invoice_title,
    advance_payment_word,
    charge_lexicon,
    credit_note_title,
    not_invoice_title,
    pack_content,
    pack_unit,
    unit_code,
    unit_ratio,
)
from opsloop.reconcile.mandatory import check_credit_reference, check_invoice_content
from opsloop.reconcile.matching import (
    best_description,
    line_amount,
    line_qty_price,
    net_amount,
    numbers_agree,
)
from opsloop.reconcile.mirror import ADVANCE_CHECK, BilledCounter, Mirror
from opsloop.reconcile.normalise import (
    invoice_number_parts,
    normalise_code,
    normalise_invoice_number,
    normalise_vat_id,
    period_of,
)
from opsloop.reconcile.orders import quoted_po_numbers, resolve_orders
from opsloop.reconcile.run import (
    HUNDRED,
    ZERO,
    Run,
    limit_text,
    money,
    po_label,
    qty,
    trusted,
    unit_money,
    within,
)
from opsloop.reconcile.screening import Screening, extraction_texts, screen
from opsloop.reconcile.taxes import TaxRow, check_taxes
from opsloop.reconcile.terms import schedule_payment
from opsloop.reconcile.vendors import resolve_vendor

__all__ = [
    "best_description",
    "limit_text",
    "line_amount",
    "money",
    "numbers_agree",
    "po_label",
    "qty",
    "quoted_numbers",
    "quoted_po_numbers",
    "reconcile_invoice",
    "trusted",
    "within",
]

CENT = Decimal("0.01")
ONE = Decimal(1)
HALF_CENT = Decimal("0.005")
ZERO_PCT = Decimal("0.00")

_set_attribute = object.__setattr__
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
    if not is_credit_note:
        _check_is_an_invoice(invoice, document_text, run)
    texts = extraction_texts(invoice)
    if document_text:
        texts.append(document_text)
    screened = screen(texts)
    _check_text(screened, run)
    if not is_credit_note:
        _check_collection(screened, run)
    resolution, vendor = resolve_vendor(invoice.vendor, mirror, policy, quoted_po_numbers(invoice))
    if not is_credit_note:
        check_buyer(invoice, mirror.companies, vendor, document_text, run)
    _check_vendor(invoice, resolution, vendor, mirror, policy, screened, run)
    if not is_credit_note:
        check_invoice_content(invoice, vendor, mirror.companies, document_text, policy.mandatory_content, run)

    orders, po_method, blocked = resolve_orders(
        invoice, vendor, mirror, policy, run, document_id, is_credit_note, document_text
    )
    expected_currency = next((o.currency for o in orders if o.currency), None) or (
        vendor.currency if vendor else None
    )
    _check_currency(invoice.currency, expected_currency, orders, run)
    _check_dates(invoice, orders, run, newest=mirror.newest_date)

    net = net_amount(invoice)
    _check_amounts(invoice, run)
    _check_advance_payment(invoice, net, document_text, run)
    advance = not is_credit_note and _check_advance_invoice(invoice, net, orders, mirror, document_text, run)
    if not is_credit_note and not advance:
        _check_advances_deducted(net, orders, vendor, mirror, policy, run, document_id)
    matches: list[LineMatch] = []
    by_amount: list[AmountBilledLine] = []
    if not is_credit_note and orders and not advance:
        matches, by_amount = _match_lines(
            invoice, vendor, orders, mirror, policy, run, document_id, net, texts, blocked, document_text
        )
    printed_orders = {o.id for o in orders} if po_method == "referenced" and not blocked else set()
    # received on goods receipts: a service is counted as received once ordered (no receipt is posted for
    # it), which tells no second delivery from the same one billed again
    vendor_erp_id = vendor.erp_id if vendor else None
    received = (
        bool(printed_orders)
        and all(
            _passed(run, name) for name in ("lines_matched", "quantities_within_po", "quantities_received")
        )
        and all(
            policy.limits_for(vendor_erp_id, m.category).receipt is not False
            for m in matches
            if m.po_line_id is not None
        )
    )
    billed_in_full = (
        {o.id for o in orders}
        if any(e.type is ExceptionType.PO_FULLY_BILLED for e in run.exceptions)
        else set()
    )
    # the month a service line names as its period ("Unterhaltsreinigung November 2026"): a service has no
    # receipt to tell a second month from the same one billed again
    periods = {
        (m.po_line_id, month)
        for m in matches
        if m.po_line_id is not None
        and policy.limits_for(vendor_erp_id, m.category).receipt is False
        and (month := period_of(m.description))
    }
    duplicate_of, possible = _check_duplicates(
        invoice,
        document_type,
        vendor,
        mirror,
        policy,
        run,
        document_id,
        text_hash,
        printed_orders,
        received,
        billed_in_full,
        (periods, [o.number for o in orders]),
        [
            (m.po_line_id, m.invoiced_qty)
            for m in matches
            if m.po_line_id is not None and m.invoiced_qty is not None
        ],
    )
    if duplicate_of:  # the original billed the PO: the duplicate says it all, and is said first
        kept = [e for e in run.exceptions if e.type is not ExceptionType.PO_FULLY_BILLED]
        run.exceptions = sorted(kept, key=lambda e: e.type is not ExceptionType.DUPLICATE)
    credit_for: list[int] = []
    credited: list[CreditedLine] = []
    if is_credit_note:
        credit_for = _link_credit_note(invoice, vendor, mirror, run, document_id)
        _check_credit_for_rejected(invoice, credit_for, mirror, run)
        check_credit_reference(
            invoice, vendor, mirror, document_text, credit_for, policy.mandatory_content, run, document_id
        )
        if vendor is not None and invoice.lines:
            credited = _credited_lines(invoice, vendor, orders, credit_for, mirror, policy, run)

    payment = (
        schedule_payment(invoice, vendor, run, orders) if document_type is DocumentType.INVOICE else None
    )

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
            "payment": payment,
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
        amount = invoice.amount_due if invoice.amount_due is not None else net_amount(invoice)
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


FUTURE_BEYOND_ERP = 31
"""Days past the newest date the ERP recorded after which an invoice's date is worth a word."""
CURRENT_WITHIN = 31
"""Days before today within which an invoice is current: one dated that far past the ERP's newest date is a
quiet ERP's; an older one means the ERP's records (or the period the whole run is about) are behind, and a
person looks."""


def _check_dates(
    invoice: InvoiceExtraction,
    orders: list[PurchaseOrderRecord],
    run: Run,
    today: date | None = None,
    newest: date | None = None,
) -> None:
    """An invoice dated before its PO was raised (an after-the-fact order) or dated in the future cannot
    be paid without a person: both are checks that fail without a hold (the approval waits for a person).
    In the future: after today (`today`, else opsloop's clock, `opsloop.clock`). The newest date the ERP
    recorded (`newest`: an order placed, goods received) is a second signal: a quiet ERP — nothing ordered
    or received for a month, a subscription billed all the same — lags the calendar and is no ground to keep
    a current invoice (dated within `CURRENT_WITHIN` days of today) from being paid: the check says so and
    passes. An invoice more than `FUTURE_BEYOND_ERP` days past the ERP's newest date that is itself older
    than that is not a quiet month's: the ERP's records lag by two months or more, or the documents belong
    to a period other than today's (a replay, an import of old mail): it fails, a person checks."""
    issued = invoice.invoice_date
    if issued is None:
        return
    today = today or clock.today()
    if issued > today:
        run.check(
            "invoice_date_not_in_future",
            False,
            f"The invoice is dated {issued}, after today ({today}): it cannot be booked yet; a person checks "
            "the date with the vendor.",
            invoice_date=issued,
            today=today,
        )
    elif newest is not None and issued > newest + timedelta(days=FUTURE_BEYOND_ERP):
        current = issued >= today - timedelta(days=CURRENT_WITHIN)
        run.check(
            "invoice_date_not_in_future",
            current,
            (
                f"The invoice is dated {issued}, not after today ({today}); the newest date the ERP recorded is "
                f"{newest}, {(issued - newest).days} days earlier — nothing ordered or received since, or an "
                "ERP export that is behind (the sync's report says which)."
            )
            if current
            else (
                f"The invoice is dated {issued}, {(issued - newest).days} days after the newest date the ERP "
                f"recorded ({newest}) and {(today - issued).days} days before today ({today}): the ERP's "
                "records look two months or more behind, or the invoice belongs to another period; a person "
                "checks the date and the ERP's sync before it is paid."
            ),
            invoice_date=issued,
            today=today,
            erp_newest=newest,
        )
    ordered = [o.order_date for o in orders if o.order_date is not None]
    if ordered and issued < min(ordered):
        run.check(
            "invoice_dated_after_order",
            False,
            f"The invoice is dated {issued}, before its PO was raised ({min(ordered)}): the goods or services "
            "were ordered without a PO and the PO written afterwards. A person confirms it was authorised.",
            invoice_date=issued,
            order_date=min(ordered),
        )


def _check_advance_payment(
    invoice: InvoiceExtraction, net: Decimal | None, document_text: str | None, run: Run
) -> None:
    """A final invoice that deducts an advance payment bills its lines in full and takes the advance off
    the net: the deduction is only right if that advance was paid (and only once). Its net below the
    lines, with the text naming an advance payment, fails a check (no hold): a person matches it."""
    amounts = [line_amount(line) for line in invoice.lines]
    if net is None or not amounts or any(a is None for a in amounts):
        return
    # the billed lines are the positive ones: an advance taken off as a line of its own ("less advance
    # payment, invoice N": a negative line) is a deduction below them just as one printed under the lines
    lines = sum((a for a in amounts if a is not None and a > ZERO), ZERO)
    if net >= lines - CENT:
        return
    deducted = [
        line.description or "" for line, a in zip(invoice.lines, amounts, strict=True) if a and a < ZERO
    ]
    texts = [document_text or "", *invoice.notes, *(c.reason or "" for c in invoice.charges), *deducted]
    word = next((w for t in texts if t and (w := advance_payment_word(t))), None)
    if word is None:
        return
    run.check(
        "no_advance_payment_deducted",
        False,
        f"The net {money(net)} is {money(lines - net)} below the lines ({money(lines)}) and the invoice names "
        f"an advance payment ({word!r}): a person checks that the advance deducted was paid, and only once.",
        net=net,
        lines=lines,
    )


def _check_advance_invoice(
    invoice: InvoiceExtraction,
    net: Decimal | None,
    orders: list[PurchaseOrderRecord],
    mirror: Mirror,
    document_text: str | None,
    run: Run,
) -> bool:
    """An advance-payment invoice — a deposit or down payment asked before the goods or work are delivered,
    titled so ("Anzahlungsrechnung", "facture d'acompte", `documents.toml`) or every line it bills naming an
    advance payment — bills no goods: its lines are not matched against the PO's (nothing is received yet,
    and nothing may count as billed on the PO: the final invoice bills the goods and deducts the advance).
    It fails a check (no hold): a person checks the PO's terms provide for the advance and pays it as one.
    An advance above the value of the POs it names is over-invoiced. Returns whether it is one."""
    if invoice.extraction_method.startswith("einvoice"):
        return False
    title = None
    if document_text:
        title = advance_invoice_title("\n".join(document_text.split("\f", 1)[0].splitlines()[:TITLE_LINES]))
    amounts = [line_amount(line) for line in invoice.lines]
    billed = [line for line, a in zip(invoice.lines, amounts, strict=True) if a is not None and a > ZERO]
    word = None
    if title is None:
        words = [advance_payment_word(line.description or "") for line in billed]
        if not words or not all(words):
            return False
        word = words[0]
    value = sum((pl.quantity * pl.unit_price for order in orders for pl in mirror.po_lines(order.id)), ZERO)
    named = ", ".join(po_label(o.number) for o in orders)
    share = (
        f" ({(net * HUNDRED / value).quantize(ONE)} % of {named}'s net {money(value)})"
        if net is not None and value > ZERO
        else ""
    )
    why = f"titled {title!r}" if title else f"its lines bill an advance payment ({word!r})"
    sentence = (
        f"An advance-payment invoice ({why}): {money(net)}{share} asked before delivery. It bills no goods, so "
        "nothing is matched against the PO's receipts or counted as billed on it. A person checks the PO's "
        "terms provide for this advance and pays it as a prepayment; the final invoice must deduct it."
    )
    run.check(ADVANCE_CHECK, False, sentence, net=net)
    if net is not None and orders and value > ZERO and net > value + CENT:
        over = (
            f"The advance {money(net)} is {money(net - value)} more than the whole of {named} ({money(value)}): "
            "an advance is part of the order's value, never more."
        )
        run.fail(ExceptionType.OVER_INVOICED, over, amount=net - value)
    return True


def _check_advances_deducted(
    net: Decimal | None,
    orders: list[PurchaseOrderRecord],
    vendor: VendorRecord | None,
    mirror: Mirror,
    policy: TolerancePolicy,
    run: Run,
    document_id: int | None,
) -> None:
    """An advance paid on a PO is part of the PO's value: the invoices that bill the goods deduct it, the
    last one at the latest. When advance-payment invoices were asked on the one PO this invoice bills, what
    the PO's invoices ask together (the advances, the earlier invoices' nets, this net) may not exceed the
    PO's value beyond the total tolerance: a final invoice billing everything without deducting the
    advance would have the advance paid twice. Earlier invoices a person rejected, copies and documents
    that are no invoice ask nothing."""
    if net is None or vendor is None or len(orders) != 1:
        return
    order = orders[0]
    priors = [
        p
        for p in mirror.invoices_for_po(vendor.id, order.number)
        if p.document_id != document_id
        and not (p.rejected or p.held_duplicate or p.no_invoice)
        and p.net is not None
        and len(p.po_numbers) == 1
    ]
    advances = [p for p in priors if p.advance and p.document_type == "invoice"]
    if not advances:
        return
    value = sum((pl.quantity * pl.unit_price for pl in mirror.po_lines(order.id)), ZERO)
    asked = sum((p.net for p in priors if p.net is not None), ZERO) + net
    limits = policy.limits_for(vendor.erp_id, None)
    named = ", ".join(f"{p.invoice_number} of {p.invoice_date} ({money(p.net)})" for p in advances)
    if value <= ZERO or within(asked - value, value, limits.total_pct, limits.total_abs):
        run.check(
            "advance_deducted",
            True,
            f"{po_label(order.number)} had an advance-payment invoice ({named}); with it and the PO's other "
            f"invoices this one asks {money(asked)} in all, within the PO's value {money(value)}.",
            asked=asked,
            po_value=value,
        )
        return
    sentence = (
        f"{po_label(order.number)} had an advance-payment invoice ({named}) that no invoice has deducted in full: "
        f"with it and the PO's other invoices this one asks {money(asked)}, {money(asked - value)} more than the "
        f"PO's value {money(value)}. The advance would be paid twice: ask the vendor for an invoice less the "
        "advance."
    )
    run.check("advance_deducted", False, sentence, asked=asked, po_value=value)
    run.fail(ExceptionType.OVER_INVOICED, sentence, amount=asked - value)


def _check_credit_for_rejected(
    invoice: InvoiceExtraction, credit_for: list[int], mirror: Mirror, run: Run
) -> None:
    """A credit note that cancels an invoice a person rejected — it corrects only rejected invoices, or one of
    the very amount — books nothing: the rejected invoice was never booked, so its cancellation is filed with
    it (booked, it would have the vendor owe money nobody paid)."""
    linked = [p for d in credit_for if (p := mirror.invoices.get(d)) is not None]
    rejected = [p for p in linked if p.rejected]
    if not rejected:
        return
    amount = abs(invoice.total) if invoice.total is not None else None
    cancelled = [p for p in rejected if amount is not None and p.total is not None and abs(p.total) == amount]
    if len(rejected) < len(linked) and not cancelled:
        return
    names = ", ".join(f"{p.invoice_number} of {p.invoice_date}" for p in (cancelled or rejected))
    sentence = (
        f"This credit note cancels invoice {names}, which a person rejected and which was never booked: file it "
        "with that invoice; there is nothing to book (booked, the vendor would owe us money nobody paid)."
    )
    run.check("credits_a_booked_invoice", False, sentence, invoices=names)
    run.fail(ExceptionType.CREDITS_REJECTED_INVOICE, sentence, amount=amount)


def _discount_share(invoice: InvoiceExtraction) -> Decimal:
    """The share of the goods an invoice-wide discount takes off when it is printed as a line of its own
    ("Sonderrabatt 3 %", "Special discount 5 %": a negative line without an article, worded as a discount
    and not as an advance payment deducted); zero without one. The PO may hold the prices net of that
    discount while the lines print list prices."""
    amounts = [line_amount(line) for line in invoice.lines]
    if any(a is None for a in amounts):
        return ZERO
    goods = sum((a for a in amounts if a is not None and a > ZERO), ZERO)
    off = ZERO
    for line, amount in zip(invoice.lines, amounts, strict=True):
        if amount is None or amount >= ZERO:
            continue
        words = line.description or ""
        if line.sku or charge_lexicon().classify(words) != "allowance" or advance_payment_word(words):
            return ZERO  # a credit for an article, an unworded deduction or an advance: no discount share
        off -= amount
    if goods <= ZERO or off <= ZERO or off >= goods:
        return ZERO
    return off / goods


def _near(price: Decimal, po_price: Decimal, limits: ToleranceLimits) -> bool:
    """Whether `price` is the PO's within the price tolerance either way (above or below)."""
    return within(price - po_price, po_price, limits.price_pct, limits.price_abs) and within(
        po_price - price, po_price, limits.price_pct, limits.price_abs
    )


def _lines_printed_gross(invoice: InvoiceExtraction) -> bool:
    """Whether the invoice prints its lines including VAT: their amounts add up to its total (gross),
    not to its net, and the net and VAT it prints below are apart from them."""
    amounts = [line_amount(line) for line in invoice.lines]
    net, total = invoice.subtotal, invoice.total
    if not amounts or any(a is None for a in amounts) or net is None or total is None or total <= net + CENT:
        return False
    lines = sum((a for a in amounts if a is not None), ZERO)
    slack = CENT * len(amounts)
    return abs(lines - total) <= slack and lines > net + slack


def _check_is_an_invoice(invoice: InvoiceExtraction, document_text: str | None, run: Run) -> None:
    """A quotation, an order confirmation, a delivery note, a pro-forma invoice, a reminder or a statement
    carries prices and often the PO, and reads like an invoice; it is never paid. Its page title says what
    it is (`documents.toml`); an e-invoice's own type code says so for XML."""
    if not document_text or invoice.extraction_method.startswith("einvoice"):
        return
    head = "\n".join(document_text.split("\f", 1)[0].splitlines()[:TITLE_LINES])
    title = not_invoice_title(head)
    if title is None:
        return
    sentence = (
        f"The page is titled {title!r}: this document is not an invoice (a quotation, order confirmation, "
        "delivery note, pro-forma, reminder or statement) and is never paid. Wait for the invoice itself."
    )
    run.check("is_an_invoice", False, sentence, title=title)
    run.fail(ExceptionType.NOT_AN_INVOICE, sentence)


def _check_amounts(invoice: InvoiceExtraction, run: Run) -> None:
    """The amount to pay must be read, and the amounts read must add up: never pay an unknown amount."""
    payable = invoice.total if invoice.total is not None else invoice.amount_due
    if payable is None:
        sentence = "The invoice's total could not be read: the amount to pay is unknown. Check it by hand."
        run.check("amounts_add_up", False, sentence)
        run.fail(ExceptionType.TOTAL_VARIANCE, sentence)
        return
    due = invoice.amount_due
    if invoice.total is not None and invoice.total > ZERO and due is not None and due < invoice.total - CENT:
        # an amount due below the total: part or all of it was paid already (by card, in advance, by a
        # credit); paying the total pays that part twice, paying the rest needs a person to see why
        sentence = (
            f"The invoice's amount due {money(due)} is less than its total {money(invoice.total)}: "
            f"{money(invoice.total - due)} of it is paid already (by card, in advance or by a credit). "
            "Paying the total would pay that twice; check what is still owed."
        )
        run.check("amount_due_is_total", False, sentence, total=invoice.total, amount_due=due)
        run.fail(ExceptionType.ALREADY_PAID, sentence)
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


def _check_collection(screened: Screening, run: Run) -> None:
    """An invoice that says the vendor collects the amount from our account (direct debit) is paid by that
    debit: a transfer as well would pay it twice. Only when it says so; nothing is recorded otherwise."""
    if not screened.direct_debits:
        return
    hit = screened.direct_debits[0]
    sentence = (
        f"The invoice says “{hit.phrase}” ({hit.language}): the vendor collects the amount from our account "
        "by direct debit, so paying it by transfer as well would pay it twice. Check that we gave this vendor a "
        "direct-debit mandate, then book the invoice without a payment."
    )
    run.check("paid_by_direct_debit", False, sentence, phrase=hit.phrase, language=hit.language)
    run.fail(ExceptionType.ALREADY_PAID, sentence)


# --------------------------------------------------------------------------- vendor


LOOKALIKE_SCORE = 0.9
"""A name at least this alike to a known vendor's, printed with identifiers that are not that vendor's."""


def _lookalike(shown: VendorExtraction, resolution: VendorResolution, mirror: Mirror) -> str | None:
    """For an invoice no vendor was identified for: when its name is nearly a known vendor's but the VAT id
    and IBAN it prints are not that vendor's, a sentence saying so — a lookalike of a vendor we pay, with
    other payment details, is how invoice fraud impersonates one. None otherwise."""
    if not resolution.candidates or not (shown.vat_id or shown.iban):
        return None
    best = resolution.candidates[0]
    known = mirror.vendors.get(best.vendor_id)
    if known is None or best.score < LOOKALIKE_SCORE:
        return None
    ours_vat = normalise_vat_id(known.vat_id) if known.vat_id else None
    ours_ibans = {normalise_code(i) for i in (*known.ibans, known.iban) if i}
    if shown.vat_id and ours_vat and normalise_vat_id(shown.vat_id) == ours_vat:
        return None
    if shown.iban and normalise_code(shown.iban) in ours_ibans:
        return None
    printed = " and ".join(
        x for x in (shown.vat_id and f"VAT id {shown.vat_id}", shown.iban and f"IBAN {shown.iban}") if x
    )
    return (
        f"Its name is {best.score:.0%} like our vendor {known.name}'s, but its {printed} "
        f"{'are' if ' and ' in printed else 'is'} not {known.name}'s: a lookalike of a vendor we pay, with other "
        "payment details, is how invoice fraud impersonates one. Do not assign it to "
        f"{known.name}; confirm with {known.name} through a contact on file. "
    )


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
                + (_lookalike(shown, resolution, mirror) or "")
                + "Choose the vendor or create it in the ERP first; opsloop never creates one."
            )
        run.check("vendor_identified", False, sentence, name=shown.name, vat_id=shown.vat_id, iban=shown.iban)
        run.fail(ExceptionType.UNKNOWN_VENDOR, sentence)
        return
    method = resolution.method
    if method == "vat_id":
        how = f"by VAT id {vendor.vat_id}"
    elif method == "iban":
        how = f"by IBAN {normalise_code(shown.iban)}"
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
    if not vendor.active:
        # a supplier deactivated in the ERP (left the vendor master, or set inactive there) is blocked
        # for payment until someone reactivates it: its earlier approvals vouch for nothing now
        sentence = (
            f"{vendor.name} ({vendor.erp_id}) is no longer an active vendor in the ERP. Reactivate it there "
            "before this invoice is paid, or reject the invoice."
        )
        run.check("vendor_active", False, sentence, vendor=vendor.erp_id)
        run.fail(ExceptionType.UNKNOWN_VENDOR, sentence)
    twins = [v for v in mirror.vendors_by_vat(vendor.vat_id) if v.id != vendor.id and v.active]
    if twins and vendor.active:
        # the ERP keeps the supplier twice: which master is paid (its bank details, its history) is a
        # person's call until the duplicates are merged; no exception, the invoice itself may be right
        run.check(
            "vendor_master_unique",
            False,
            f"The ERP keeps {vendor.name} more than once with VAT id {vendor.vat_id} "
            f"({', '.join(v.erp_id for v in [vendor, *twins])}); this invoice is booked to {vendor.erp_id}. "
            "A person confirms the supplier; merge the duplicates in the ERP.",
            vendors=", ".join(v.erp_id for v in [vendor, *twins]),
        )
    _check_bank_details(shown.iban, vendor, mirror, policy, screened, run)
    invoice_vat = normalise_code(shown.vat_id)
    known_vat = normalise_code(vendor.vat_id)
    ours = {normalise_vat_id(v) for c in mirror.companies for v in c.vat_ids}
    if invoice_vat and normalise_vat_id(invoice_vat) in ours and normalise_vat_id(known_vat) not in ours:
        # our own VAT id read as the seller's is the buyer block's id: the seller's is not on the page
        # (said by invoice_content_complete), no other vendor's
        run.check(
            "vat_id_matches",
            None,
            f"The VAT id read as the seller's, {invoice_vat}, is ours (the buyer's): {vendor.name}'s was not "
            "compared.",
            invoice_vat_id=invoice_vat,
            erp_vat_id=known_vat,
        )
    elif invoice_vat and known_vat and normalise_vat_id(invoice_vat) != normalise_vat_id(known_vat):
        sentence = (
            f"The invoice shows VAT id {invoice_vat}, but {vendor.name} has VAT id {known_vat} in the ERP. "
            "Check who really sent the invoice."
        )
        run.check("vat_id_matches", False, sentence, invoice_vat_id=invoice_vat, erp_vat_id=known_vat)
        run.fail(ExceptionType.VAT_MISMATCH, sentence)
    elif invoice_vat and known_vat and resolution.method != "vat_id":  # else said by vendor_identified
        run.check(
            "vat_id_matches",
            True,
            f"The VAT id on the invoice is {vendor.name}'s in the ERP.",
            invoice_vat_id=invoice_vat,
            erp_vat_id=known_vat,
        )


def _on_file(vendor: VendorRecord, known: list[str]) -> str:
    """The vendor's bank accounts in the ERP, each by its last four characters (the clerk compares them
    with the vendor master; the sentence does not repeat whole account numbers)."""
    if not known:
        return f"{vendor.name} has no IBAN in the ERP"
    if len(known) == 1:
        return f"{vendor.name}'s IBAN in the ERP ends in {known[0][-4:]}"
    ends = [k[-4:] for k in known]
    return (
        f"{vendor.name}'s {len(known)} bank accounts in the ERP end in {', '.join(ends[:-1])} and {ends[-1]}"
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
    every bank account the vendor master holds; and no announcement of new bank details. The buying
    company's own accounts (`policy.own_ibans`, printed on direct-debit invoices) do not count. An IBAN
    on none of the vendor's accounts is a change (held), whoever else has it on file."""
    own = {normalise_code(i) for i in policy.own_ibans}
    printed: dict[str, None] = {}
    invoice_iban = normalise_code(extracted_iban)
    for iban in ([invoice_iban] if invoice_iban else []) + screened.ibans:
        if iban not in own:
            printed.setdefault(iban, None)
    known = [k for k in dict.fromkeys(normalise_code(a) for a in vendor.accounts) if k]
    known_iban = ", ".join(known) or None
    announced = screened.bank_changes[0] if screened.bank_changes else None
    shown = ", ".join(printed) or None
    if announced is not None:
        sentence = (
            f"The document announces new bank details (“{announced.phrase}”, {announced.language}); "
            f"{_on_file(vendor, known)}"
            + (f", the document shows {shown}" if shown else "")
            + ". Confirm the change with the vendor through a known contact before paying (bank-detail "
            "fraud risk)."
        )
        run.check("bank_details_unchanged", False, sentence, invoice_iban=shown, erp_iban=known_iban)
        run.fail(ExceptionType.IBAN_CHANGED, sentence)
        return
    if not known:
        run.check(
            "bank_details_unchanged",
            None,
            "The ERP has no IBAN for this vendor, so where to pay is not known"
            + (f" (the invoice shows {shown})." if shown else "."),
            invoice_iban=shown,
            erp_iban=known_iban,
        )
        return
    unread = [
        cut
        for cut in screened.broken_ibans
        if not any(iban.startswith(cut) for iban in [*known, *printed, *own] if iban)
    ]
    if unread and all(i in known for i in printed):  # (another valid IBAN is a change: below)
        run.check(
            "bank_details_unchanged",
            None,
            f"The document prints an IBAN that could not be read whole ({', '.join(unread)}…) and is not "
            f"one of {vendor.name}'s IBANs in the ERP as far as it was read: compare the payment details by eye.",
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
    others = [i for i in printed if i not in known]
    if not others:
        which = "the vendor's IBAN" if len(known) == 1 else f"one of the vendor's {len(known)} bank accounts"
        run.check(
            "bank_details_unchanged",
            True,
            f"The IBAN on the invoice is {which} in the ERP"
            + (" (the only IBAN the document prints)." if len(printed) == 1 else "."),
            invoice_iban=shown,
            erp_iban=known_iban,
        )
        return
    owners = []
    for iban in others:
        elsewhere = [v for v in mirror.vendors_by_iban(iban) if v.id != vendor.id]
        if elsewhere:
            whose = " and ".join(f"{v.name} ({v.erp_id})" for v in elsewhere)
            owners.append(f" {iban} belongs to another vendor, {whose}.")
    where = "asks for payment to" if invoice_iban in others else "also prints"
    sentence = (
        f"The invoice {where} IBAN {', '.join(others)}, which is not on file for {vendor.name}: "
        f"{_on_file(vendor, known)}.{''.join(owners)} Confirm the change with the vendor through a known "
        "contact before paying (bank-detail fraud risk)."
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


# --------------------------------------------------------------------------- lines


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


def _pack_of(
    line: InvoiceLineExtraction,
    po_line: PurchaseOrderLineRecord,
    price: Decimal | None,
    limits: ToleranceLimits,
) -> int | None:
    """The pieces in the pack a line bills ("3 Krt." of "Karton à 12 St."), when it bills packs (a pack unit
    printed, or no unit read and the pack named in the line's text) on a PO line of pieces and the pack's price is that many pieces at the PO's price within the
    price tolerance: the price decides, the words only say by how much. None otherwise."""
    if price is None or not po_line.unit_price or not (pack_unit(line.unit) or line.unit is None):
        return None
    if unit_code(po_line.unit) not in (None, "C62"):
        return None
    pieces = pack_content(line.description)
    if pieces is None:
        return None
    if within(price / pieces - po_line.unit_price, po_line.unit_price, limits.price_pct, limits.price_abs):
        return pieces
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

    glued = None
    if not line.buyer_sku and (not line.sku or (normalise_code(line.sku) or "") not in by_sku):
        # the article number glued into the description's cell, or the cell read whole as the SKU
        glued = _code_in_description(f"{line.sku or ''} {line.description or ''}", by_sku)
    for method, raw in (("buyer_sku", line.buyer_sku), ("sku", glued or line.sku)):
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


def _check_other_article(
    lines: list[tuple[int, InvoiceLineExtraction, PurchaseOrderLineRecord]], numbers: dict[int, str], run: Run
) -> None:
    """Lines that print an article number no PO line has, matched to a PO line by their description alone,
    on an invoice whose other lines name the ordered articles by their numbers: the vendor prints our article
    numbers, so another number is another article than ordered (a substitute, a successor model, a wrong
    item). The buyer accepts it before it is paid."""
    for position, line, po_line in lines:
        sentence = (
            f"Line {position} bills article {line.sku} ({line.description or 'no description'}), which no line of "
            f"{po_label(numbers[po_line.purchase_order_id])} orders; its description resembles line "
            f"{po_line.line_no} (article {po_line.sku}), and the invoice's other lines name the ordered articles by "
            "their numbers: this is another article than the one ordered (a substitute?). The buyer accepts it "
            "first."
        )
        run.fail(ExceptionType.UNMATCHED_LINE, sentence, line=position, amount=line.amount)


_CODE_TOKEN = re.compile(r"[^\s()\[\],;:]*\d[^\s()\[\],;:]*")


def _code_in_description(
    description: str | None, by_sku: dict[str, list[PurchaseOrderLineRecord]]
) -> str | None:
    """The article number a description cell carries ("MAT-044421 Hex nut M12", "Hex nut (A-1022)") where
    the invoice prints no SKU of its own, or one no PO line carries (the glued cell read whole): a word of at
    least four characters with a digit that is exactly one PO line's code (the only such word); else None."""
    if not description or not by_sku:
        return None
    found = {
        key
        for token in _CODE_TOKEN.findall(description)
        if len(key := normalise_code(token) or "") >= 4 and key in by_sku
    }
    return found.pop() if len(found) == 1 else None


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


def _returns_netted(invoice: InvoiceExtraction) -> dict[str, Decimal]:
    """Articles the invoice bills and, on a negative line of the same article number, deducts again (goods
    sent back, netted on the invoice: "-2 returned"): per article the quantity deducted, where the invoice's
    positive lines of it bill at least as much. Their quantities are checked net against the order and
    what was received (the negative line itself bills nothing more)."""
    negatives: dict[str, Decimal] = {}
    positives: dict[str, Decimal] = {}
    for line in invoice.lines:
        key = normalise_code(line.sku) if line.sku else None
        quantity = line.quantity if line.quantity is not None else line_qty_price(line)[0]
        if key and quantity:
            side = negatives if quantity < ZERO else positives
            side[key] = side.get(key, ZERO) + abs(quantity)
    return {key: back for key, back in negatives.items() if positives.get(key, ZERO) >= back}


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
    the PO-line units its amount bills. Longer than a screen on purpose: it is the reconciler's hot loop
    (one pass per line, locals bound once; `evals/bench_reconcile.py` measures it)."""
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
    lines_total: Decimal | None = ZERO
    """The lines' amounts added up (None once one is missing)."""
    goods_net = ZERO
    gross_printed = _lines_printed_gross(invoice)
    share = _discount_share(invoice)
    list_priced: list[int] = []
    """Lines whose price, less the invoice's discount line, is the PO's (`_discount_share`)."""
    other_article: list[tuple[int, InvoiceLineExtraction, PurchaseOrderLineRecord]] = []
    """Lines printing an article number no PO line has, matched by their description alone."""

    netting = _returns_netted(invoice)
    for position, line in enumerate(invoice.lines, start=1):
        quantity, price = line.quantity, line.unit_price
        if quantity is None or price is None:
            quantity, price = line_qty_price(line)
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
        if gross_printed and po_line is not None and amount is not None and po_line.tax_rate:
            with_vat = ONE + po_line.tax_rate / HUNDRED
            if price is not None and (po_line.unit_price * with_vat).quantize(CENT) == price.quantize(CENT):
                # a price list printed including VAT (the invoice's own net and VAT say its lines are
                # gross): the PO's net price with the PO line's rate, compared and taxed as net
                price = po_line.unit_price
                amount = (amount / with_vat).quantize(CENT)
                tolerated.append(f"gross_price:{position}")
        if amount is None:
            lines_total = None
        elif lines_total is not None:
            lines_total += amount
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
        if method == "description" and line.sku and po_line.sku:
            other_article.append((position, line, po_line))
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
        factor = (
            _unit_factor(line, po_line, price, limits) if po_line.conversion_factor is not None else None
        ) or unit_ratio(line.unit, po_line.unit)
        pieces = _pack_of(line, po_line, price, limits) if factor is None and quantity is not None else None
        printed_price = price
        if factor is not None:
            tolerated.append(f"unit:{position}")
            quantity = quantity / factor if quantity is not None else None
            price = price * factor if price is not None else None
        elif pieces is not None and quantity is not None and price is not None:
            # packs billed on a PO line of pieces: counted in pieces, exactly (a factor of 1/12 is not)
            tolerated.append(f"pack:{position}")
            quantity, price, factor = quantity * pieces, price / pieces, ONE / pieces
        billed_before = billed_qty(po_line_id) + used.get(po_line_id, ZERO)
        # what is never received into stock (the policy's `receipt = false`, e.g. services) counts as
        # received once ordered: billing beyond the order is still caught below
        received = received_qty(po_line_id) if limits.receipt is not False else po_line.quantity
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
                elif share and _near(price * (ONE - share), unit_price, limits):
                    tolerated.append(f"discount:{position}")
                    list_priced.append(position)
                else:
                    match_ok = False
                    at_stake = price_var * quantity if quantity is not None else None
                    sentence = (
                        f"Line {position}: unit price {unit_money(price, po_line.unit_price)} is "
                        f"{unit_money(price_var, price, po_line.unit_price)} ({price_pct}%) above the "
                        f"{po_label(order_number)} price {unit_money(po_line.unit_price, price)}; the tolerance is "
                        f"{limit_text(limits.price_pct, limits.price_abs, ' per unit')}."
                    )
                    price_notes.append(sentence)
                    run.fail(ExceptionType.PRICE_VARIANCE, sentence, line=position, amount=at_stake)
        if match_ok and quantity and amount is not None and unit_price > ZERO:
            # what is paid is the line's amount, not its quantity times its printed price: an amount above
            # the quantity at the PO's price bills a higher price whatever unit price the line prints
            billed = (amount * (ONE - share) if position in list_priced else amount) - quantity * unit_price
            if not within(billed / quantity, unit_price, limits.price_pct, limits.price_abs):
                match_ok = False
                sentence = (
                    f"Line {position}: the amount {money(amount)} is {money(billed)} more than {qty(quantity)} at "
                    f"the {po_label(order_number)} price {unit_money(po_line.unit_price)} "
                    f"({money(quantity * unit_price)}); the line's own price does not explain it. The tolerance "
                    f"is {limit_text(limits.price_pct, limits.price_abs, ' per unit')}."
                )
                price_notes.append(sentence)
                run.fail(ExceptionType.PRICE_VARIANCE, sentence, line=position, amount=billed)
        checked = quantity
        netted = normalise_code(line.sku) if line.sku and factor is None and quantity is not None else None
        if netted in netting:
            if quantity is not None and quantity < ZERO:
                checked = None  # goods sent back, deducted from this invoice's line of the same article
            elif quantity is not None:
                taken = min(netting[netted or ""], quantity)
                netting[netted or ""] -= taken
                checked = quantity - taken
        if checked is not None:
            used[po_line_id] = used.get(po_line_id, ZERO) + checked
            over_po = billed_before + checked - po_line.quantity
            over_po_excess = max(over_po, ZERO)
            if po_line.purchase_order_id in blocked:
                pass  # the PO takes no more invoices: said once, for the PO
            elif over_po > ZERO:
                if within(over_po, po_line.quantity, limits.qty_pct, limits.qty_abs):
                    run.tolerance_used.append(f"qty_po:{position}")
                else:
                    match_ok = False
                    sentence = (
                        f"Line {position}: {qty(checked)} invoiced, but {po_label(order_number)} "
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
            over_rec = checked - available
            beyond = over_rec - over_po_excess
            if beyond > ZERO and po_line.purchase_order_id not in blocked:
                if within(beyond, po_line.quantity, limits.qty_pct, limits.qty_abs):
                    run.tolerance_used.append(f"qty_received:{position}")
                else:
                    match_ok = False
                    kind = (
                        ExceptionType.NOT_RECEIVED if available <= ZERO else ExceptionType.QUANTITY_VARIANCE
                    )
                    returned = mirror.returned_qty(po_line_id) if limits.receipt is not False else ZERO
                    if returned > ZERO:
                        # goods sent back to the vendor: they arrived, and the invoice bills them all the same
                        sentence = (
                            f"Line {position}: {qty(checked)} invoiced, but only {qty(max(available, ZERO))} "
                            f"kept and not yet billed for {po_label(order_number)} line {po_line.line_no}: "
                            f"{qty(returned)} of the {qty(received + returned)} received went back to the vendor "
                            f"(already billed {qty(billed_before)}). Pay only what was kept, or wait for the "
                            "vendor's credit note for the goods sent back."
                        )
                    elif kind is ExceptionType.NOT_RECEIVED:
                        sentence = (
                            f"Line {position}: {qty(checked)} invoiced, but nothing is received and not yet billed "
                            f"for {po_label(order_number)} line {po_line.line_no} "
                            f"(received {qty(received)}, already billed {qty(billed_before)}). Hold until the goods "
                            "arrive."
                        )
                    else:
                        sentence = (
                            f"Line {position}: {qty(checked)} invoiced, but only {qty(available)} received and not "
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

    if other_article and method_counts["sku"] + method_counts["buyer_sku"]:
        _check_other_article(other_article, numbers, run)
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
        if list_priced:
            run.check(
                "list_prices_less_discount",
                True,
                f"Line{'s' if len(list_priced) > 1 else ''} {', '.join(map(str, list_priced))} print list prices: "
                f"less the invoice's discount line ({(share * HUNDRED).quantize(CENT)} % of the goods) they are the "
                "PO's prices.",
                share=share,
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
        if document_text and net is not None and lines_total is not None:
            header += _charges_printed_outside_the_lines(
                lines_total, net, header, document_text, vendor_erp_id, policy
            )
        check_charges(
            charges + header, list(free.values()), goods_net, vendor_erp_id, mirror, policy, run, document_id
        )
        _check_total_against_lines(lines_total, net, header, vendor_erp_id, policy, run)
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
    line_sum: Decimal,
    net: Decimal,
    header: list[ChargeItem],
    document_text: str,
    vendor_erp_id: str | None,
    policy: TolerancePolicy,
) -> list[ChargeItem]:
    """When the net total is above the lines (and the document's own allowances and charges) beyond
    tolerance, the charge the page prints beside the totals that accounts for exactly the difference."""
    expected = line_sum + sum((c.amount for c in header), ZERO)
    gap = net - expected
    limits = policy.limits_for(vendor_erp_id, None)
    if gap <= ZERO or within(gap, expected, limits.total_pct, limits.total_abs):
        return []
    return printed_charges(document_text, gap)


def _check_total_against_lines(
    line_sum: Decimal | None,
    net: Decimal | None,
    header: list[ChargeItem],
    vendor_erp_id: str | None,
    policy: TolerancePolicy,
    run: Run,
) -> None:
    """The net total against the lines plus the document's own allowances and charges. A net total
    below that is an allowance the lines do not show (the vendor bills less): it passes when the policy
    lets allowances pass; above it, the vendor bills more than its lines (`total_variance`)."""
    if net is None or line_sum is None:
        run.check(
            "total_matches_lines",
            None,
            "The net total or a line amount is missing, so the total was not checked.",
        )
        return
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


def _described(priors: Iterable[tuple[PriorInvoiceRecord, str]], *, documents: bool = True) -> str:
    """Each earlier invoice as a clerk finds it: its number, date and amount, why it matters, and (with
    `documents`) the document it is in opsloop (the queue and the workspace open it by that number)."""
    return "; ".join(
        f"{prior.invoice_number or 'an invoice'} of {prior.invoice_date or 'unknown date'} "
        f"({money(prior.total)} {prior.currency or ''}".rstrip()
        + f"; {reason}"
        + (f"; document {prior.document_id})" if documents else ")")
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
            and not prior.held_duplicate
            and doc not in into
            and (taken is None or doc not in taken)
        ):
            into[doc] = (prior, reason)


def _passed(run: Run, name: str) -> bool:
    """Whether the run's check `name` was made and passed."""
    return any(c.name == name and c.passed is True for c in run.checks)


def _bills_other_orders(prior: PriorInvoiceRecord, printed_orders: set[int] | None, mirror: Mirror) -> bool:
    """Whether an earlier invoice billed only POs other than those this invoice prints (both known)."""
    if not printed_orders or not prior.billed:
        return False
    billed = {
        line.purchase_order_id for b in prior.billed if (line := mirror.lines.get(b.purchase_order_line_id))
    }
    return bool(billed) and not billed & printed_orders


def _bills_the_same(
    prior: PriorInvoiceRecord, invoice: InvoiceExtraction, billed: Iterable[tuple[int, Decimal]]
) -> bool:
    """Whether an earlier invoice has this invoice's date and billed exactly its (PO line, quantity) pairs."""
    mine = sorted((line, quantity.normalize()) for line, quantity in billed)
    if not mine or prior.invoice_date is None or prior.invoice_date != invoice.invoice_date:
        return False
    return mine == sorted((b.purchase_order_line_id, b.quantity.normalize()) for b in prior.billed)


def _billed_these_orders(prior: PriorInvoiceRecord, orders: set[int] | None, mirror: Mirror) -> bool:
    """Whether an earlier invoice billed lines of `orders` (and only of them)."""
    if not orders or not prior.billed:
        return False
    billed = {
        line.purchase_order_id for b in prior.billed if (line := mirror.lines.get(b.purchase_order_line_id))
    }
    return bool(billed) and billed <= orders


def _numbering_restarted(
    prior: PriorInvoiceRecord, invoice: InvoiceExtraction, printed_orders: set[int] | None, mirror: Mirror
) -> bool:
    """Whether an earlier invoice with the same number is another invoice of a vendor whose numbering
    restarts every year (as many do, "1" again each January): dated in another calendar year, another
    amount, and it billed only POs other than those this invoice prints. A re-sent or corrected invoice
    keeps its year, its PO or its amount, and stays a duplicate."""
    if prior.invoice_date is None or invoice.invoice_date is None:
        return False
    if prior.invoice_date.year == invoice.invoice_date.year:
        return False
    if prior.total is None or invoice.total is None or prior.total == invoice.total:
        return False
    return _bills_other_orders(prior, printed_orders, mirror)


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
    printed_orders: set[int] | None = None,
    received: bool = False,
    billed_in_full: set[int] | None = None,
    periods: tuple[set[tuple[int, str]], list[str]] = (set(), []),
    billed: Iterable[tuple[int, Decimal]] = (),
) -> tuple[list[int], list[int]]:
    """Duplicates: the same document text, or the same invoice number from the same vendor. The same
    amount within days under another number is only a possible duplicate: a warning that shows both
    documents to a person, never a hold by itself — and not even that when the ERP tells the two apart:
    the invoice prints its own open PO (`printed_orders`) and the earlier one billed only other POs (a
    repeat order), or every line of the invoice was received on goods receipts and not billed, the earlier
    invoice's billing counted (`received`: goods delivered twice, billed once each — paying it cannot pay
    the same goods twice; a service, counted as received once ordered, proves no second delivery). An earlier invoice of the same amount that billed the very PO this one quotes, a PO now
    billed in full (`billed_in_full`: its ids), is the invoice this one repeats even when its number was
    read otherwise (a scan of it, the number misread): a duplicate, named, not only a PO billed in full.
    A service line naming the month it bills (`periods`: (PO line, month) and the POs' numbers) that an
    earlier invoice of the vendor billed on the same PO line for the same month is that month billed
    again, under whatever number: a duplicate. So is an earlier invoice of the same amount and the same date
    that billed the very PO lines and quantities this one bills (`billed`: (PO line, quantity)): the invoice
    sent again with its number re-typed or misread — receipts do not explain it (deliveries billed apart are
    not billed on one day with the same lines). A document held as a duplicate and never approved is a copy,
    never an earlier invoice (`_consider`): the original, re-checked once its goods arrive, is paid once.
    Returns (duplicates, possible duplicates)."""
    kind = document_type.value
    found: dict[int, tuple[PriorInvoiceRecord, str]] = {}
    similar: dict[int, tuple[PriorInvoiceRecord, str]] = {}
    if text_hash:
        _consider(mirror.invoices_by_hash(text_hash), "the same document text", kind, document_id, found)
    if vendor is not None and _names_the_vendor(invoice.invoice_number, vendor):
        run.check(
            "invoice_number_read",
            None,
            f"The invoice number read, {invoice.invoice_number}, is the vendor's VAT id: the real number was not "
            "read, so duplicates were looked for by the document's text and amount only.",
        )
    elif vendor is not None:
        same_number = mirror.invoices_by_number(vendor.id, invoice.invoice_number)
        restarted = [p for p in same_number if _numbering_restarted(p, invoice, printed_orders, mirror)]
        reprints = [p for p in same_number if p.no_invoice and p.document_id != document_id]
        corrected = [
            p
            for p in same_number
            if p.rejected
            and p.document_id != document_id
            and p.total is not None
            and p.total != invoice.total
        ]
        _consider(
            [p for p in same_number if p not in restarted and p not in reprints and p not in corrected],
            "the same invoice number",
            kind,
            document_id,
            found,
        )
        if reprints:
            run.check(
                "reminder_reprints_it",
                True,
                f"Document {', '.join(str(p.document_id) for p in reprints)} printed the same invoice number, but it "
                "was held as no invoice (a payment reminder or statement reprinting this invoice) and never approved "
                "for payment: this is the invoice it asked for, checked on its own; close the reminder when this "
                "one is paid.",
                earlier=", ".join(str(p.document_id) for p in reprints),
            )
        if corrected:
            run.check(
                "corrects_a_rejected_invoice",
                True,
                f"Invoice {corrected[0].invoice_number} of {corrected[0].invoice_date} had the same number, but a "
                f"person rejected it ({money(corrected[0].total)}) and this one asks another amount: the corrected "
                "invoice that replaces it, not a copy.",
                earlier=", ".join(str(p.document_id) for p in corrected),
            )
        if restarted:
            run.check(
                "numbering_restarted",
                True,
                f"Invoice {restarted[0].invoice_number} of {restarted[0].invoice_date} had the same number, but in "
                "another year, for another amount and other POs: the vendor's numbering restarted with the year, "
                "not a duplicate.",
                earlier=", ".join(str(p.invoice_number) for p in restarted),
            )
        months, numbers = periods
        if months:
            for number in numbers:
                for prior in mirror.invoices_for_po(vendor.id, number):
                    shared = sorted({m for _, m in set(prior.periods) & months})
                    if shared and not prior.no_invoice:
                        why = f"the same service period ({', '.join(shared)}) on the same PO line"
                        _consider([prior], why, kind, document_id, found)
        same_amount = mirror.invoices_by_amount(vendor.id, invoice.total)
        parts = invoice_number_parts(invoice.invoice_number)
        renumbered = [
            p
            for p in same_amount
            if parts is not None
            and not p.no_invoice
            and normalise_invoice_number(p.invoice_number) != normalise_invoice_number(invoice.invoice_number)
            and invoice_number_parts(p.invoice_number) == parts
        ]
        _consider(
            renumbered, "the same amount and the same number written another way", kind, document_id, found
        )
        if same_amount:
            window = policy.duplicate_window_days
            near = [
                p
                for p in same_amount
                if (days := _days_apart(p.invoice_date, invoice.invoice_date)) is not None and days <= window
            ]
            _consider(
                [p for p in near if not p.no_invoice],
                f"the same amount within {window} days",
                kind,
                document_id,
                similar,
                found,
            )
    for doc, seen in list(similar.items()):
        if _billed_these_orders(seen[0], billed_in_full, mirror):
            del similar[doc]
            found[doc] = (seen[0], f"{seen[1]}, and it billed this invoice's PO, now billed in full")
        elif _bills_the_same(seen[0], invoice, billed):
            del similar[doc]
            found[doc] = (seen[0], f"{seen[1]}, of the same date, billing the same PO lines and quantities")
    repeats = {
        doc: seen for doc, seen in similar.items() if _bills_other_orders(seen[0], printed_orders, mirror)
    }
    deliveries = {
        doc: seen
        for doc, seen in similar.items()
        if doc not in repeats and received and printed_orders and seen[0].billed
    }
    for explained, why in (
        (repeats, "it billed other POs than the one this invoice prints: a repeat order"),
        (
            deliveries,
            "the goods this invoice bills were received and are not billed by it or any other invoice: "
            "another delivery",
        ),
    ):
        if not explained:
            continue
        for doc in explained:
            del similar[doc]
        run.check(
            "no_similar_invoice",
            True,
            f"An earlier invoice of the vendor has the same amount: {_described(explained.values())}; but {why}, "
            "not a duplicate.",
            earlier=", ".join(str(p.invoice_number) for p, _ in explained.values()),
        )
    if similar:
        sentence = (
            f"An earlier invoice of the vendor has the same amount but another number: {_described(similar.values())}. "
            "The amount alone does not make it a duplicate; compare the two side by side."
        )
        run.check(
            "no_similar_invoice",
            None,
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
    documents = ", ".join(str(doc) for doc in found)
    sentence = (
        f"This looks like a duplicate of document {documents}, earlier invoice "
        f"{_described(found.values(), documents=False)}. Do "
        "not pay it twice: check with the vendor or reject it."
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
    """Document numbers a credit note names: the preceding invoices its e-invoice XML references, then
    those in its lines ("Preiskorrektur RE-2026-0431, Pos. 2": tokens with a digit and at least four
    characters); its own number left out."""
    own = normalise_invoice_number(invoice.invoice_number)
    found: dict[str, None] = {
        n: None for n in invoice.preceding_invoices if normalise_invoice_number(n) not in (None, own)
    }
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
        quantity, price = line_qty_price(line)
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
                f"line {position} corrects the price of {label} ({qty(units)} at "
                f"{unit_money(abs(price), po_line.unit_price)}; the PO price is {unit_money(po_line.unit_price, price)})"
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
