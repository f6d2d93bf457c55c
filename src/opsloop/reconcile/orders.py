"""Which POs an invoice bills: the numbers it quotes (header and lines; written with spaces, an ERP item
suffix, several as one), a PO number printed only in its text, their status in the ERP and their billing,
and, when it quotes none, inference among the vendor's open POs (never closed, cancelled or billed in full;
the one with room and received goods first; only a PO that explains the lines' quantities exactly, and
only when no other PO explains them as well). An inferred PO is a tolerance: a person confirms it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from opsloop.domain.erp import (
    ExceptionType,
    PurchaseOrderLineRecord,
    PurchaseOrderRecord,
    TolerancePolicy,
    VendorRecord,
)
from opsloop.domain.invoices import InvoiceExtraction, InvoiceLineExtraction
from opsloop.reconcile.charges import classify_line
from opsloop.reconcile.lexicons import charge_lexicon
from opsloop.reconcile.matching import best_description, line_amount, net_amount
from opsloop.reconcile.mirror import BILLED_PO_STATUSES, CLOSED_PO_STATUSES, OPEN_PO_STATUSES, Mirror
from opsloop.reconcile.normalise import normalise_po_number
from opsloop.reconcile.recurring import check_recurring_charge
from opsloop.reconcile.run import ZERO, Run, money, po_label, qty, within

MAX_INFERENCE_POS = 200
"""Open POs of one vendor considered when inferring a PO from the invoice's amount alone."""
MIN_TEXT_PO_LENGTH = 6
"""Shortest PO number (letters and digits, 4 of them digits) taken from free text when no field quotes one."""
MAX_TEXT_TOKENS = 5000
"""Tokens of free text looked up as PO numbers, at most."""

_TEXT_TOKEN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|[-/._](?=[A-Za-z0-9]))*")
_DIGIT_RUN = re.compile(r"[0-9]{2,}(?: [0-9]{2,}){1,4}")


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
        elif order.status not in OPEN_PO_STATUSES and order.status not in BILLED_PO_STATUSES:
            sentence = (
                f"{po_label(order.number)} has the status {order.status!r} in the ERP, a word opsloop does not "
                "know: it may be cancelled or closed. Check the PO in the ERP before paying; an administrator "
                "can add the word to erp/lexicon/po_statuses.toml."
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


def resolve_orders(
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
    inference = _infer_orders(invoice, vendor, mirror, policy, document_id)
    spent = (
        " "
        + ", ".join(f"{po_label(o.number)} ({o.status})" for o in inference.spent)
        + " of the vendor list the same items but take no more invoices."
        if inference.spent
        else ""
    )
    if inference.orders:
        numbers = ", ".join(po_label(o.number) for o in inference.orders)
        run.tolerance_used.append("po_inferred")
        run.check(
            "purchase_orders_found",
            True,
            f"The invoice quotes no PO; its lines and amounts fit {vendor.name}'s open {numbers} (inferred: a "
            f"person confirms it).{spent}",
            inferred=numbers,
        )
        return inference.orders, "inferred", set()
    if inference.alike:
        numbers = ", ".join(po_label(o.number) for o in inference.alike)
        sentence = (
            f"The invoice quotes no PO, and its lines fit several of {vendor.name}'s open POs alike: {numbers}. "
            f"Which one it bills is not known.{spent} Ask the vendor for the PO number."
        )
        run.check("purchase_orders_found", False, sentence, candidates=numbers)
        run.fail(ExceptionType.PO_AMBIGUOUS, sentence)
        return [], "ambiguous", set()
    covered, differs = check_recurring_charge(invoice, vendor, mirror, policy, run, document_id)
    if covered:
        run.check(
            "purchase_orders_found", None, "The invoice quotes no PO; a recurring-charge agreement covers it."
        )
        return [], "agreement", set()
    differs = f" {differs}" if differs else ""
    chargeback = _discount_chargeback(invoice)
    if chargeback is not None:
        run.check("purchase_orders_found", False, chargeback)
        run.fail(ExceptionType.MISSING_PO, chargeback)
        return [], "none", set()
    if inference.near:
        numbers = "; ".join(f"{po_label(o.number)} ({why})" for o, why in inference.near)
        sentence = (
            f"The invoice quotes no PO, and no open PO of {vendor.name} fits its lines exactly: {numbers}.{spent} "
            f"Ask the requester for the PO, or approve it as a non-PO invoice.{differs}"
        )
        run.check("purchase_orders_found", False, sentence, candidates=numbers)
        run.fail(ExceptionType.MISSING_PO, sentence)
        return [], "none", set()
    open_count = len(mirror.open_pos_of(vendor.id))
    sentence = (
        f"The invoice quotes no PO, and none of {vendor.name}'s {open_count} open POs fits its lines or amount. "
        f"Ask the requester for the PO, or approve it as a non-PO invoice.{differs}"
    )
    run.check("purchase_orders_found", False, sentence, open_pos=open_count)
    run.fail(ExceptionType.MISSING_PO, sentence)
    return [], "none", set()


def _discount_chargeback(invoice: InvoiceExtraction) -> str | None:
    """For an invoice without a PO whose every line charges back a cash discount (charges.toml's
    `cash_discount` and `charged_back`: "unjustified cash discount deducted from invoice 26-01234, paid
    late"): what a clerk is to do, in its own words. None for any other."""
    lexicon = charge_lexicon()
    texts = [line.description or "" for line in invoice.lines]
    if not texts or not all(lexicon.discount_charged_back(t) for t in texts):
        return None
    named = [n for n in _invoice_numbers(texts) if n != invoice.invoice_number]
    earlier = f" on invoice {named[0]}" if named else ""
    return (
        f"The invoice quotes no PO: it charges back the cash discount we deducted{earlier} (“"
        f"{limit_text_of(texts[0])}”) and bills no goods. Check when that invoice was paid against its "
        "discount period: paid in time, reject the charge-back; paid late, approve it as a non-PO invoice."
    )


_NUMBERISH = re.compile(r"[0-9A-Za-z]*[0-9][0-9A-Za-z]*(?:[-/._][0-9A-Za-z]+)+|[A-Za-z]+[0-9]{4,}|[0-9]{5,}")


def _invoice_numbers(texts: list[str]) -> list[str]:
    """Tokens in the lines that look like document numbers (a digit and a separator, or long digit runs),
    dates left out."""
    found: list[str] = []
    for text in texts:
        for token in _NUMBERISH.findall(text):
            if re.fullmatch(r"[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{2,4}", token):
                continue
            found.append(token)
    return found


def limit_text_of(text: str | None, size: int = 120) -> str:
    """The text on one line, cut to `size` characters."""
    text = " ".join((text or "").split())
    return text if len(text) <= size else text[: size - 1] + "…"


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


@dataclass
class Inference:
    """What the vendor's POs say about an invoice that quotes none."""

    orders: list[PurchaseOrderRecord] = field(default_factory=list)
    """The POs it bills: each covers its lines exactly (what is open or received and unbilled on each PO
    line is what the invoice bills of it), and no other PO covers them as well."""
    alike: list[PurchaseOrderRecord] = field(default_factory=list)
    """Several open POs that fit the lines equally: which one the invoice bills is not known."""
    near: list[tuple[PurchaseOrderRecord, str]] = field(default_factory=list)
    """Open POs that hold the items but not in the quantities billed, with what is open on them."""
    spent: list[PurchaseOrderRecord] = field(default_factory=list)
    """POs of the vendor with the same items that take no more invoices (closed, cancelled, billed)."""


def _infer_orders(
    invoice: InvoiceExtraction,
    vendor: VendorRecord,
    mirror: Mirror,
    policy: TolerancePolicy,
    document_id: int | None,
) -> Inference:
    """Open POs of the vendor (never closed, cancelled or billed in full) that cover the invoice's
    lines (by SKU, then description), greedily. A PO line covers a line better when what is left of it
    fits the invoiced quantity, better still when that much was received and not billed; among equal
    POs the older. A PO is inferred only when it explains its lines exactly (the quantities billed of each
    PO line are what is open or received and unbilled on it), no other open PO explains them as well, and
    the POs chosen explain every line of goods; otherwise the candidates are returned for a person (`alike`,
    `near`). Without lines: the one open PO
    whose open value equals the invoice's net amount."""
    billable = _billable_orders(vendor, mirror, document_id)
    billed = mirror.billed_counter(document_id)
    cover: dict[int, dict[int, tuple[int, int]]] = {}
    """PO id -> invoice line index -> (how well, the PO line)."""
    spent: dict[int, PurchaseOrderRecord] = {}
    unmatched: list[tuple[int, InvoiceLineExtraction, str]] = []

    def fit(po_line: PurchaseOrderLineRecord, need: Decimal) -> int:
        left = po_line.quantity - billed(po_line.id)
        if left <= ZERO:
            return 0
        if mirror.received_qty(po_line.id) - billed(po_line.id) >= need:
            return 3
        return 2 if left >= need else 1

    def note(po_id: int, index: int, score: int, po_line_id: int) -> None:
        covered = cover.setdefault(po_id, {})
        if score > covered.get(index, (0, 0))[0]:
            covered[index] = (score, po_line_id)

    for index, line in enumerate(invoice.lines):
        need = abs(line.quantity) if line.quantity is not None else ZERO
        hit = False
        for sku in (line.buyer_sku, line.sku):
            for po_line in mirror.lines_for_sku(vendor.id, sku):
                po_id = po_line.purchase_order_id
                score = fit(po_line, need) if po_id in billable else 0
                if score:
                    note(po_id, index, score, po_line.id)
                    hit = True
                elif po_id not in billable and po_id in mirror.orders:
                    spent.setdefault(po_id, mirror.orders[po_id])
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
                        note(po_id, index, score, found[2])
    if not cover:
        # no line names a PO: the one open PO whose open value is the invoice's net amount
        fits = _orders_fitting_amount(net_amount(invoice), billable, mirror, policy, document_id)
        return Inference(orders=fits if len(fits) == 1 else [], alike=fits if len(fits) > 1 else [])
    everything = {po_id: dict(lines) for po_id, lines in cover.items()}
    chosen: list[PurchaseOrderRecord] = []
    left = set(range(len(invoice.lines)))

    def strength(po_id: int, among: set[int]) -> tuple[int, int]:
        gained = [s for i, (s, _) in everything[po_id].items() if i in among]
        return (len(gained), sum(gained))

    def rank(po_id: int) -> tuple[int, int, Any, int]:
        return (*strength(po_id, left), _age_key(mirror.orders[po_id]), -po_id)

    result = Inference(spent=list(spent.values()))
    while left and cover:
        best = max(cover, key=rank)
        gained = set(cover.pop(best)) & left
        if not gained:
            break
        order = mirror.orders[best]
        short = _inexact(invoice, everything[best], gained, mirror, billed)
        if short:
            result.near.append((order, short))
            left -= gained
            continue
        rivals = [
            mirror.orders[other]
            for other in everything
            if other != best
            and gained <= set(everything[other])
            and strength(other, gained) == strength(best, gained)
            and not _inexact(invoice, everything[other], gained, mirror, billed)
        ]
        if rivals:
            result.alike.extend([order, *(r for r in rivals if r not in result.alike)])
            left -= gained
            continue
        chosen.append(order)
        left -= gained
    if result.near or result.alike:
        return result
    unexplained = [i + 1 for i in sorted(left) if _goods(invoice.lines[i])]
    if chosen and unexplained:
        # a PO that holds some of the items is no inference of what the invoice bills: the goods of the
        # other lines were ordered on no open PO (a person finds the PO, or pays it as a non-PO invoice)
        lines = ", ".join(str(n) for n in unexplained)
        why = f"line{'s' if len(unexplained) > 1 else ''} {lines} of the invoice match{'es' if len(unexplained) == 1 else ''} no line of it"
        result.near = [(order, why) for order in chosen]
        return result
    result.orders = chosen
    return result


def _goods(line: InvoiceLineExtraction) -> bool:
    """A line that bills goods or services (a quantity, an amount above zero): no allowance or charge."""
    amount = line_amount(line)
    return (
        bool(line.description or line.sku or line.buyer_sku)
        and line.quantity is not None
        and line.quantity > ZERO
        and (amount is None or amount > ZERO)
        and classify_line(line, amount) is None
    )


def _inexact(
    invoice: InvoiceExtraction,
    covered: dict[int, tuple[int, int]],
    indexes: set[int],
    mirror: Mirror,
    billed: Any,
) -> str:
    """'' when the invoice's lines `indexes` bill of each PO line just what is open on it (ordered and
    not billed) or what was received and not billed; else what is open, for the clerk."""
    needs: dict[int, Decimal] = {}
    for index in indexes:
        quantity = invoice.lines[index].quantity
        if quantity is None:
            return "a line's quantity was not read"
        po_line_id = covered[index][1]
        needs[po_line_id] = needs.get(po_line_id, ZERO) + abs(quantity)
    gaps: list[str] = []
    for po_line_id, need in needs.items():
        po_line = mirror.lines[po_line_id]
        done = billed(po_line_id)
        open_qty = po_line.quantity - done
        unbilled = mirror.received_qty(po_line_id) - done
        if need not in (open_qty, unbilled):
            gaps.append(
                f"line {po_line.line_no}: {qty(need)} billed, {qty(open_qty)} open, {qty(unbilled)} received"
            )
    return "; ".join(gaps)


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
    net = net_amount(invoice)
    fits = _orders_fitting_amount(net, open_ids, mirror, policy, document_id)
    if len(fits) != 1:
        return ""
    return (
        f" Hint: {po_label(fits[0].number)} is {vendor.name}'s only open PO whose open value matches the net "
        f"amount {money(net)}; perhaps the number on the invoice is mistyped."
    )
