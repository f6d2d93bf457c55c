"""Allowances and charges: discounts, freight, packaging, surcharges and fees, whether an e-invoice
states them (UBL AllowanceCharge, CII SpecifiedTradeAllowanceCharge) or a line prints them ("Fracht",
"Rabatt 3 %"). A line that matches no PO line is classified by the charge lexicon (lexicon/charges.toml);
each allowance or charge is then matched to a PO line of its kind, or judged by the tolerance policy's
`[charges.<kind>]` limits: discounts pass (the vendor bills less), freight up to an amount passes, the
rest waits for a person as `unexpected_charge`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from opsloop.domain.erp import ExceptionType, PurchaseOrderLineRecord, TolerancePolicy
from opsloop.domain.invoices import InvoiceExtraction, InvoiceLineExtraction
from opsloop.reconcile.lexicons import charge_lexicon
from opsloop.reconcile.mirror import Mirror
from opsloop.reconcile.run import HUNDRED, ZERO, Run, limit_text, money, within

ONE = Decimal(1)
OTHER = "other"


@dataclass(slots=True)
class ChargeItem:
    kind: str
    """allowance | freight | packaging | surcharge | fee | other"""
    amount: Decimal
    """Its effect on what is owed: negative for an allowance, positive for a charge."""
    position: int | None
    """The invoice line that prints it; None for a document-level allowance or charge."""
    reason: str | None
    tax_rate: Decimal | None = None


def classify_line(line: InvoiceLineExtraction, amount: Decimal | None) -> str | None:
    """The kind of allowance or charge an invoice line is, or None for goods and services. A line that
    lowers the amount is an allowance whatever its words; a charge is billed once (no quantity, or 1),
    so "Versandkarton, 100 Stk" stays goods."""
    if amount is not None and amount < ZERO:
        return "allowance"
    kind = charge_lexicon().classify(line.description)
    if kind is None or kind == "allowance":
        return kind
    if line.quantity is not None and abs(line.quantity) != ONE:
        return None
    return kind


def document_charges(invoice: InvoiceExtraction) -> list[ChargeItem]:
    """The document-level allowances and charges an e-invoice states (line-level ones are inside their
    line's amount already)."""
    lexicon = charge_lexicon()
    items: list[ChargeItem] = []
    for charge in invoice.charges:
        if charge.line is not None or charge.amount is None:
            continue
        allowance = charge.kind == "allowance"
        kind = (
            lexicon.kind_of_code(charge.reason_code, allowance=allowance)
            or lexicon.classify(charge.reason)
            or OTHER
        )
        if not allowance and kind == "allowance":
            kind = OTHER  # a charge worded like a discount is still money on top
        magnitude = abs(charge.amount)
        items.append(
            ChargeItem(
                kind="allowance" if allowance else kind,
                amount=-magnitude if allowance else magnitude,
                position=None,
                reason=charge.reason or charge.reason_code,
                tax_rate=charge.tax_rate,
            )
        )
    return items


def _label(item: ChargeItem) -> str:
    where = f"line {item.position}" if item.position is not None else "the document"
    return f"{item.reason or item.kind} ({where}, {money(item.amount)})"


def check_charges(
    items: list[ChargeItem],
    free_po_lines: list[PurchaseOrderLineRecord],
    goods_net: Decimal,
    vendor_erp_id: str | None,
    mirror: Mirror,
    policy: TolerancePolicy,
    run: Run,
    document_id: int | None,
) -> None:
    """Each allowance and charge: covered by a PO line of its kind, or within the policy's limits for
    its kind (summed per invoice), else `unexpected_charge`. One check says what happened to each."""
    if not items:
        return
    lexicon = charge_lexicon()
    notes: list[str] = []
    failed: list[str] = []
    by_kind: dict[str, list[ChargeItem]] = {}
    billed = mirror.billed_counter(document_id)
    taken: set[int] = set()
    limits_total = policy.limits_for(vendor_erp_id, None)
    for item in items:
        if item.kind != "allowance":
            covering = next(
                (
                    pl
                    for pl in free_po_lines
                    if pl.id not in taken
                    and lexicon.classify(pl.description) == item.kind
                    and within(
                        item.amount - (pl.quantity - billed(pl.id)) * pl.unit_price,
                        pl.quantity * pl.unit_price,
                        limits_total.total_pct,
                        limits_total.total_abs,
                    )
                ),
                None,
            )
            if covering is not None:
                taken.add(covering.id)
                notes.append(
                    f"{_label(item)} is covered by PO line {covering.line_no} ({covering.description})"
                )
                continue
        by_kind.setdefault(item.kind, []).append(item)
    for kind, group in by_kind.items():
        total = sum((i.amount for i in group), ZERO)
        labels = ", ".join(_label(i) for i in group)
        rule = policy.charges.get(kind)
        if kind == "allowance":
            if rule is not None and rule.always:
                notes.append(f"{labels}: a discount, which always passes")
                continue
            sentence = f"{labels}: a discount the tolerance policy does not let pass; a person decides."
            failed.append(sentence)
            run.fail(ExceptionType.UNEXPECTED_CHARGE, sentence, line=group[0].position)
            continue
        if rule is not None and (
            rule.always
            or (
                (rule.max_abs is not None or rule.max_pct is not None)
                and within(total, goods_net, rule.max_pct, rule.max_abs)
            )
        ):
            run.tolerance_used.append(f"charge:{kind}")
            allowed = "any amount" if rule.always else limit_text(rule.max_pct, rule.max_abs)
            notes.append(f"{labels}: {kind} within the policy ({allowed})")
            continue
        allowed = "none" if rule is None else limit_text(rule.max_pct, rule.max_abs)
        share = (
            f" ({(total * HUNDRED / goods_net).quantize(Decimal('0.1'))}% of the lines)" if goods_net else ""
        )
        sentence = (
            f"{labels}: {money(total)} of {kind}{share} that no PO line covers; the policy allows {allowed}. "
            "Ask the vendor or accept it."
        )
        failed.append(sentence)
        run.fail(ExceptionType.UNEXPECTED_CHARGE, sentence, line=group[0].position, amount=total)
    if failed:
        run.check("charges_within_policy", False, " ".join(failed + [n + "." for n in notes]))
    else:
        run.check(
            "charges_within_policy",
            True,
            "Allowances and charges: " + "; ".join(notes) + ".",
            charges=", ".join(f"{i.kind}:{i.amount}" for i in items),
        )


_PRINTED_AMOUNT = re.compile(r"(?<![\d.,])\d{1,3}(?:[.,' \u00a0\u202f]\d{3})*[.,]\d{2}(?![\d])")


def _printed_value(token: str) -> Decimal | None:
    digits = re.sub(r"[^\d]", "", token)
    if len(digits) < 3:
        return None
    return Decimal(f"{digits[:-2]}.{digits[-2:]}")


def printed_charges(text: str, amount: Decimal) -> list[ChargeItem]:
    """A charge the page prints outside the item table ("Frais de port ... 7,08") that explains why the
    net total is `amount` above the lines: the first line of `text` that names a charge (freight,
    packaging, surcharge, fee) and prints exactly that amount. Empty when none does."""
    lexicon = charge_lexicon()
    for raw in text.splitlines():
        kind = lexicon.classify(raw) if raw.strip() else None
        if kind is None or kind == "allowance":
            continue
        if any(_printed_value(t) == amount for t in _PRINTED_AMOUNT.findall(raw)):
            return [ChargeItem(kind, amount, None, " ".join(raw.split())[:80])]
    return []
