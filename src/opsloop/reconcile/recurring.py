"""Recurring charges a person approved without an order (a subscription, a rent): is this invoice the next
one of them?

A person who approves (or releases) an invoice without a PO can ask opsloop to remember it as a recurring
charge (`review/recurring.py` makes the agreement; nothing else can). The vendor's next invoice that quotes
no PO is then compared with the agreement: same vendor and legal entity (its VAT id and name as printed
then), the bank account printed then, the same currency, the net, VAT and total within the tolerance
policy's `recurring_amount_pct` (0: exactly), for the billing period after the last one billed under it, not
a period billed already, the agreement neither revoked nor unused past `recurring_expiry_months`. Covered,
it passes (`recurring_charge_agreed`) instead of being held for want of a PO; otherwise it stays held and
the hold says how it differs from what was agreed. The other checks (bank details against the master, a
vendor blocked in the ERP, duplicates, the buyer) run as for any invoice: the agreement waives the PO only.
"""

from __future__ import annotations

import re
from decimal import Decimal

from opsloop.domain.erp import RecurringAgreementRecord, TolerancePolicy, VendorRecord
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.reconcile.matching import net_amount
from opsloop.reconcile.mirror import RECURRING_CHECK, Mirror
from opsloop.reconcile.normalise import normalise_code, normalise_vat_id, period_of
from opsloop.reconcile.run import Run, money

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")  # fmt: skip


def billing_period(invoice: InvoiceExtraction) -> str | None:
    """The month the invoice bills ("2026-11"): the one its lines name as their period when they name one
    and the same, else the month of the invoice date; None when neither is known."""
    named = {p for p in (period_of(line.description) for line in invoice.lines) if p}
    if len(named) == 1:
        return named.pop()
    if invoice.invoice_date is not None:
        return f"{invoice.invoice_date:%Y-%m}"
    return None


def month_name(period: str) -> str:
    year, month = period.split("-")
    return f"{_MONTHS[int(month) - 1]} {year}"


def _index(period: str) -> int:
    year, month = period.split("-")
    return int(year) * 12 + int(month) - 1


def months_between(earlier: str, later: str) -> int:
    """The months from one billing period to another ("2026-11" to "2027-01": 2)."""
    return _index(later) - _index(earlier)


def shift_period(period: str, months: int) -> str:
    """The billing period ``months`` after ``period`` ("2026-11", 2 -> "2027-01")."""
    n = _index(period) + months
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


def _name_key(name: str | None) -> str:
    return " ".join(re.findall(r"\w+", (name or "").casefold()))


def _within(value: Decimal | None, agreed: Decimal, pct: Decimal) -> bool:
    return value is not None and abs(value - agreed) <= abs(agreed) * pct / 100


def _differs(value: Decimal | None, agreed: Decimal, what: str, currency: str) -> str:
    if value is None:
        return f"its {what} was not read (agreed: {money(agreed)} {currency})"
    change = "" if not agreed else f", {abs(value - agreed) / abs(agreed) * 100:.1f} %"
    direction = "above" if value > agreed else "below"
    return f"its {what} is {money(value)} {currency}, {money(abs(value - agreed))} {direction} the agreed {money(agreed)}{change}"


def described(agreement: RecurringAgreementRecord) -> str:
    """The agreement as a clerk names it."""
    return (
        f"the recurring charge {agreement.approved_by} approved on {agreement.approved_on:%d %b %Y} "
        f"(agreement #{agreement.id}: {money(agreement.total)} {agreement.currency} "
        f"{'a month' if agreement.cadence_months == 1 else f'every {agreement.cadence_months} months'})"
    )


def _claimed(agreement: RecurringAgreementRecord, mirror: Mirror, document_id: int | None) -> dict[str, str]:
    """Period -> the invoice that billed it under the agreement (the approved one's own included)."""
    claimed = {agreement.period: agreement.invoice_number or "(no number)"}
    for prior in mirror.invoices.values():
        use = prior.recurring
        if (
            use is None
            or use[0] != agreement.id
            or not use[2]
            or prior.document_id == document_id
            or prior.rejected
            or prior.held_duplicate
        ):
            continue
        claimed.setdefault(use[1], prior.invoice_number or "(no number)")
    return claimed


def _differences(
    invoice: InvoiceExtraction,
    vendor: VendorRecord,
    agreement: RecurringAgreementRecord,
    period: str | None,
    mirror: Mirror,
    policy: TolerancePolicy,
    document_id: int | None,
) -> list[str]:
    """How the invoice differs from the agreement, in a clerk's words (empty: it is covered)."""
    if agreement.revoked_by is not None:
        when = f" on {agreement.revoked_on:%d %b %Y}" if agreement.revoked_on else ""
        why = f" ({agreement.revoked_reason})" if agreement.revoked_reason else ""
        return [f"{agreement.revoked_by} revoked it{when}{why}"]
    found: list[str] = []
    if not vendor.active:
        found.append(f"{vendor.name} is blocked in the ERP")
    printed_vat = normalise_vat_id(invoice.vendor.vat_id)
    agreed_vat = normalise_vat_id(agreement.vendor_vat_id)
    if printed_vat != agreed_vat and (printed_vat or agreed_vat):
        found.append(
            f"it is issued under VAT id {invoice.vendor.vat_id or 'none'}, the approved invoice under "
            f"{agreement.vendor_vat_id or 'none'} (another legal entity)"
        )
    elif invoice.vendor.name and _name_key(invoice.vendor.name) != _name_key(agreement.vendor_name):
        found.append(
            f"it is issued by “{invoice.vendor.name}”, the approved invoice by “{agreement.vendor_name}”"
        )
    printed_iban = normalise_code(invoice.vendor.iban)
    if printed_iban != normalise_code(agreement.iban) and (printed_iban or agreement.iban):
        found.append(
            f"it asks for payment to {invoice.vendor.iban or 'no account'}, the approved invoice to "
            f"{agreement.iban or 'no account'}"
        )
    if (invoice.currency or "").upper() != agreement.currency:
        found.append(
            f"it is in {invoice.currency or 'no currency read'}, the agreement in {agreement.currency}"
        )
    else:
        pct = policy.recurring_amount_pct
        net = net_amount(invoice)
        within = f" (tolerance {pct} %)" if pct else ""
        if not _within(invoice.total, agreement.total, pct):
            found.append(_differs(invoice.total, agreement.total, "total", agreement.currency) + within)
        elif not _within(net, agreement.net, pct):
            found.append(_differs(net, agreement.net, "net", agreement.currency) + within)
        elif net is not None and agreement.net:
            tax = invoice.tax_total if invoice.tax_total is not None else (invoice.total or net) - net
            at_rate = (net * agreement.tax / agreement.net).quantize(Decimal("0.01"))
            if abs(tax - at_rate) > policy.tax_abs:
                found.append(
                    f"its VAT is {money(tax)} {agreement.currency}, at the agreed rate {money(at_rate)}"
                )
    if period is None:
        found.append("it names no billing period and has no date")
        return found
    claimed = _claimed(agreement, mirror, document_id)
    last = max(claimed, key=_index)
    expected = shift_period(last, agreement.cadence_months)
    idle = _index(period) - _index(last)
    if period in claimed:
        found.append(f"{month_name(period)} was billed already under it (invoice {claimed[period]})")
    elif idle > policy.recurring_expiry_months:
        found.append(
            f"it was last used for {month_name(last)}: unused for {idle - 1} months, it expired after "
            f"{policy.recurring_expiry_months}"
        )
    elif _index(period) < _index(expected):
        found.append(
            f"it bills {month_name(period)}, before the last period billed under it, {month_name(last)}"
        )
    elif period != expected:
        found.append(
            f"it bills {month_name(period)}, but the last period billed under it is {month_name(last)}: "
            f"the invoice for {month_name(expected)} has not come"
        )
    return found


def check_recurring_charge(
    invoice: InvoiceExtraction,
    vendor: VendorRecord,
    mirror: Mirror,
    policy: TolerancePolicy,
    run: Run,
    document_id: int | None,
) -> tuple[bool, str]:
    """For an invoice of `vendor` that quotes no PO: (covered by the vendor's newest recurring-charge agreement,
    the sentence that says how it differs from it, "" when covered or when there is none)."""
    agreements = mirror.agreements.get(vendor.id) or []
    if not agreements:
        return False, ""
    agreement = agreements[0]
    period = billing_period(invoice)
    found = _differences(invoice, vendor, agreement, period, mirror, policy, document_id)
    what = described(agreement)
    if found:
        sentence = f"It is not covered by {what}: {'; '.join(found)}."
        run.check(RECURRING_CHECK, False, sentence, agreement=agreement.id, period=period)
        return False, sentence
    run.check(
        RECURRING_CHECK,
        True,
        f"No PO needed: it is {month_name(period or '')}'s invoice under {what}: the same vendor, bank account, "
        f"currency and amount, for the period after the last one billed.",
        agreement=agreement.id,
        period=period,
    )
    return True, ""
