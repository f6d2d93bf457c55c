"""When to pay: the invoice's printed due date against its printed terms, and both against the terms
agreed with the vendor (the ERP's payment term), plus the early-payment discount it offers.

Nothing here holds an invoice. A printed due date the invoice's own terms contradict is a warning in
plain words; a due date sooner than the agreed term is a warning too, and the payment is scheduled on
the agreed date (never earlier). Where no agreed term is known nothing is invented: the invoice's own
due date stands. The discount is shown with its amount and last day; the amount posted stays the
invoice's.

The agreed term is the purchase order's own where the ERP keeps one (a term negotiated for that order
overrides the vendor's default); an invoice billing POs whose terms differ is scheduled by the longest of
them, with a warning naming each."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from opsloop.domain.erp import (
    EarlyPaymentDiscount,
    ExceptionType,
    PaymentSchedule,
    PurchaseOrderRecord,
    VendorRecord,
)
from opsloop.domain.invoices import InvoiceExtraction, PaymentTermsExtraction
from opsloop.reconcile.run import HUNDRED, Run, money, qty, trusted

CENT = Decimal("0.01")


def describe_terms(terms: PaymentTermsExtraction) -> str:
    """The terms in plain words: "30 days net", "30 days end of month", "payment on receipt"."""
    if terms.net_days is None:
        return "no net term"
    if terms.net_days == 0:
        return "payment at the end of the month" if terms.end_of_month else "payment on receipt"
    days = f"{terms.net_days} day{'s' if terms.net_days != 1 else ''}"
    return f"{days} end of month" if terms.end_of_month else f"{days} net"


def _days(n: int) -> str:
    return f"{n} day{'s' if abs(n) != 1 else ''}"


def _after(due: date, issued: date) -> str:
    gap = (due - issued).days
    if gap == 0:
        return "on the invoice date"
    return f"{_days(gap)} after the invoice date" if gap > 0 else f"{_days(-gap)} before the invoice date"


def _discount(invoice: InvoiceExtraction, terms: PaymentTermsExtraction) -> EarlyPaymentDiscount | None:
    if terms.discount_percent is None:
        return None
    base = invoice.amount_due if invoice.amount_due is not None else invoice.total
    amount = None if base is None else (base * terms.discount_percent / HUNDRED).quantize(CENT, ROUND_HALF_UP)
    return trusted(
        EarlyPaymentDiscount,
        {
            "percent": terms.discount_percent,
            "amount": amount,
            "last_day": terms.discount_last_day(invoice.invoice_date),
        },
    )


def agreed_term(
    vendor: VendorRecord | None, orders: Sequence[PurchaseOrderRecord], run: Run
) -> tuple[int | None, str | None, str]:
    """The term agreed for an invoice billing `orders`: (days, the PO numbers whose own term it is or
    None for the vendor's default, who agreed it in words). Each PO counts with its own term, else the
    vendor's default; POs that disagree give the longest, with a `payment_terms` warning."""
    default = vendor.payment_terms_days if vendor is not None else None
    with_vendor = f"with {vendor.name}" if vendor is not None else "with the vendor"
    terms: dict[int, list[PurchaseOrderRecord]] = {}
    for order in orders:
        days = order.payment_terms_days if order.payment_terms_days is not None else default
        if days is not None:
            terms.setdefault(days, []).append(order)
    if not terms:
        return default, None, with_vendor
    days = max(terms)
    own = [o.number for o in terms[days] if o.payment_terms_days is not None]
    if len(terms) > 1:
        each = "; ".join(
            f"{_days(d)} on {', '.join(o.number for o in terms[d])}" for d in sorted(terms, reverse=True)
        )
        run.warn(
            ExceptionType.PAYMENT_TERMS,
            f"The invoice bills purchase orders with different agreed payment terms ({each}): payment is "
            f"scheduled by the longest, {_days(days)}. A person checks which term applies.",
        )
    if not own:
        return days, None, with_vendor
    return days, ", ".join(own), f"on PO {', '.join(own)}"


def schedule_payment(
    invoice: InvoiceExtraction,
    vendor: VendorRecord | None,
    run: Run,
    orders: Sequence[PurchaseOrderRecord] = (),
) -> PaymentSchedule:
    """The payment schedule of an invoice to pay, with a warning where its dates disagree (see the module).
    `orders`: the POs it bills (their own agreed terms win over the vendor's default)."""
    issued, printed, terms = invoice.invoice_date, invoice.due_date, invoice.payment_terms
    by_terms = terms.due_dates(issued) if terms is not None and issued is not None else ()
    if printed is not None and by_terms and printed not in by_terms and issued is not None:
        assert terms is not None
        run.warn(
            ExceptionType.PAYMENT_TERMS,
            f"The invoice says {describe_terms(terms)} but prints a due date {_after(printed, issued)} "
            f"({printed}); by its terms it falls due on {by_terms[0]}. A person checks which the vendor means.",
        )
    invoice_due = printed if printed is not None else (by_terms[0] if by_terms else None)
    source = "printed" if printed is not None else ("terms" if by_terms else "none")
    agreed, agreed_on, agreed_by = agreed_term(vendor, orders, run)
    agreed_due = issued + timedelta(days=agreed) if issued is not None and agreed is not None else None
    payment = invoice_due
    asked = min((d for d in (printed, by_terms[0] if by_terms else None) if d is not None), default=None)
    if agreed_due is not None and issued is not None:
        if asked is not None and asked < agreed_due:
            what = (
                f"payment by {asked}, {_after(asked, issued)}"
                if asked == printed or terms is None
                else f"{describe_terms(terms)} (due {asked})"
            )
            run.warn(
                ExceptionType.PAYMENT_TERMS,
                f"The invoice asks for {what}, sooner than the {_days(agreed or 0)} agreed {agreed_by}: "
                f"payment is scheduled for {agreed_due}, the agreed date.",
            )
        if invoice_due is None or invoice_due < agreed_due:
            payment = agreed_due
    return trusted(
        PaymentSchedule,
        {
            "invoice_due_date": invoice_due,
            "due_date_from": source,
            "agreed_days": agreed,
            "agreed_on": agreed_on,
            "agreed_due_date": agreed_due,
            "payment_date": payment,
            "discount": _discount(invoice, terms) if terms is not None else None,
        },
    )


def payment_sentence(schedule: PaymentSchedule, currency: str | None, said: str = "") -> str:
    """What the proposal says about when it pays and the discount it may take ("" where nothing is known).
    `said`: what the proposal says already (a `payment_terms` warning names the agreed date: not twice)."""
    parts: list[str] = []
    if schedule.payment_date is not None and f"scheduled for {schedule.payment_date}" not in said:
        parts.append(f"Payment is scheduled for {schedule.payment_date}.")
    found = schedule.discount
    if found is not None:
        amount = (
            f" ({money(found.amount)} {currency or ''})".replace(" )", ")")
            if found.amount is not None
            else ""
        )
        until = f" if paid by {found.last_day}" if found.last_day is not None else ""
        parts.append(
            f"The invoice offers a {qty(found.percent)} % early-payment discount{amount}{until}; the amount "
            "posted stays the invoice's."
        )
    return " ".join(parts)
