"""Recurring-charge agreements: "approve and remember this as a recurring charge".

A person approving (or releasing) an invoice that has no purchase order — a subscription, a rent — can ask
opsloop to remember it (`DecisionRequest.remember_recurring`, the API's decide and the workspace's checkbox).
The agreement keeps what was approved: the vendor and the legal entity that issued the invoice (VAT id,
name as printed), the bank account printed, the currency, net, VAT and total, the billing period and the
cadence. The reconciler bills the vendor's next period under it (`reconcile/recurring.py`); every approval
that does names it (the proposal's `recurring_agreement`). Only this module writes agreements, and only from a
person's decision: no model output and no document text can make one (the autonomy policy's own approvals
never remember). Reviewers see them (`GET /api/recurring-agreements`, the workspace's Recurring charges page)
and revoke them; undoing the approval that made one revokes it; remembering again replaces the vendor's
older one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from pydantic import BaseModel
from sqlmodel import Session, col, select

from opsloop.domain.erp import TolerancePolicy
from opsloop.reconcile.history import invoice_extraction_from_rows
from opsloop.reconcile.matching import net_amount
from opsloop.reconcile.mirror import RECURRING_CHECK
from opsloop.reconcile.recurring import billing_period, month_name, months_between, shift_period
from opsloop.reconcile.run import money
from opsloop.review.audit import append_event
from opsloop.review.errors import AgreementNotFound, InvalidDecision
from opsloop.store.tables import (
    Invoice,
    InvoiceLine,
    InvoiceReconciliation,
    Proposal,
    RecurringAgreement,
    ReviewDecision,
    Vendor,
)
from opsloop.store.types import utcnow

CADENCES = {1: "monthly", 3: "quarterly", 6: "half-yearly", 12: "yearly"}
"""The cadences a person can choose (months between two invoices)."""
SUGGEST_AFTER = 2
"""How many earlier periods a person must have approved (or released) the same charge without a PO, at one
cadence, before the workspace offers to remember it: the Nth identical approval teaches, the first does not."""
_LOOK_BACK = 36
"""The vendor's latest invoices looked at for that pattern."""


def _invoice_of(session: Session, proposal: Proposal) -> Invoice:
    if proposal.document_id is None or not proposal.kind.startswith("invoice"):
        raise InvalidDecision("only an invoice can be remembered as a recurring charge")
    invoice = session.exec(select(Invoice).where(Invoice.document_id == proposal.document_id)).first()
    if invoice is None:
        raise InvalidDecision("the invoice behind this proposal is not stored; it cannot be remembered")
    return invoice


def check_rememberable(session: Session, proposal: Proposal, cadence_months: int) -> None:
    """Refuse (InvalidDecision, nothing changed) what cannot be remembered as a recurring charge: anything
    but an invoice without a PO, of a vendor the ERP knows, with its currency and amounts read."""
    if cadence_months not in CADENCES:
        raise InvalidDecision(
            "a recurring charge comes every 1, 3, 6 or 12 months; say which (`recurring_months`)"
        )
    invoice = _invoice_of(session, proposal)
    if invoice.document_type != "invoice":
        raise InvalidDecision("a credit note is never remembered as a recurring charge")
    current = session.exec(
        select(InvoiceReconciliation).where(
            InvoiceReconciliation.invoice_id == invoice.id, col(InvoiceReconciliation.current)
        )
    ).first()
    if current is not None and current.po_numbers:
        raise InvalidDecision(
            f"this invoice bills PO {', '.join(current.po_numbers)}: only a charge without an order is "
            "remembered as recurring (the PO covers this one)"
        )
    if invoice.vendor_id is None:
        raise InvalidDecision("the vendor is not identified in the ERP; choose the vendor first")
    if not invoice.currency or invoice.total is None or invoice.total <= 0:
        raise InvalidDecision("the invoice's currency and a positive total must be read to remember it")


def remember_recurring_charge(
    session: Session,
    proposal: Proposal,
    actor: str,
    *,
    decision_id: int | None,
    cadence_months: int = 1,
    note: str | None = None,
) -> RecurringAgreement:
    """Make the agreement from the invoice behind `proposal` (just approved or released by `actor`, a
    person); the vendor's older agreements are revoked (replaced). Audited. Call `check_rememberable`
    before deciding."""
    if actor.startswith("autonomy:"):
        raise InvalidDecision("only a person can make a recurring-charge agreement")
    check_rememberable(session, proposal, cadence_months)
    invoice = _invoice_of(session, proposal)
    lines = session.exec(select(InvoiceLine).where(InvoiceLine.invoice_id == invoice.id)).all()
    extraction = invoice_extraction_from_rows(invoice, lines)
    vendor = session.get(Vendor, invoice.vendor_id)
    assert vendor is not None and vendor.id is not None and invoice.total is not None
    net = net_amount(extraction)
    net = invoice.total if net is None else net
    period = billing_period(extraction)
    if period is None:
        raise InvalidDecision("the invoice names no billing period and has no date; it cannot be remembered")
    agreement = RecurringAgreement(
        vendor_id=vendor.id,
        vendor_erp_id=vendor.erp_id,
        vendor_name=extraction.vendor.name or vendor.name,
        vendor_vat_id=extraction.vendor.vat_id,
        iban=extraction.vendor.iban,
        currency=(invoice.currency or "").upper(),
        net=net,
        tax=invoice.total - net,
        total=invoice.total,
        cadence_months=cadence_months,
        period=period,
        document_id=invoice.document_id,
        invoice_number=invoice.invoice_number,
        proposal_id=proposal.id,
        decision_id=decision_id,
        approved_by=actor,
        note=(note or "").strip() or None,
    )
    session.add(agreement)
    session.flush()
    for older in session.exec(
        select(RecurringAgreement).where(
            RecurringAgreement.vendor_id == vendor.id,
            col(RecurringAgreement.revoked_at).is_(None),
            RecurringAgreement.id != agreement.id,
        )
    ).all():
        _revoke(session, older, actor, f"replaced by agreement #{agreement.id}")
    append_event(
        session,
        actor,
        "recurring.remembered",
        f"recurring:{agreement.id}",
        {
            "vendor": vendor.erp_id,
            "proposal_id": proposal.id,
            "document_id": invoice.document_id,
            "total": format(agreement.total, "f"),
            "currency": agreement.currency,
            "iban": agreement.iban,
            "period": period,
            "cadence_months": cadence_months,
        },
    )
    return agreement


class RecurringHint(BaseModel):
    """Why the workspace offers to remember an invoice as a recurring charge: people approved the same charge
    without a PO in the periods before, at one cadence."""

    cadence_months: int
    periods: list[str]
    """The earlier billing periods, oldest first ("2026-09", "2026-10")."""
    invoices: list[str]
    sentence: str


def recurring_hint(session: Session, proposal: Proposal, policy: TolerancePolicy) -> RecurringHint | None:
    """The pattern behind "remember it?": the invoice behind `proposal` (no PO, a vendor the ERP knows) bills
    the period after `SUGGEST_AFTER` earlier ones of its vendor at one cadence, each approved or released by a
    person without a PO, in the same currency, at the same total (within `recurring_amount_pct`). None
    otherwise. A hint only: nothing is remembered until a person asks."""
    if proposal.document_id is None:
        return None
    invoice = session.exec(select(Invoice).where(Invoice.document_id == proposal.document_id)).first()
    if invoice is None or invoice.vendor_id is None or invoice.total is None or not invoice.currency:
        return None
    period = _period_of(session, invoice)
    if period is None:
        return None
    pct = policy.recurring_amount_pct
    earlier = [
        i
        for i in session.exec(
            select(Invoice)
            .where(Invoice.vendor_id == invoice.vendor_id, Invoice.id != invoice.id)
            .order_by(col(Invoice.id).desc())
            .limit(_LOOK_BACK)
        ).all()
        if i.document_type == "invoice"
        and (i.currency or "").upper() == invoice.currency.upper()
        and i.total is not None
        and abs(i.total - invoice.total) <= abs(invoice.total) * pct / 100
    ]
    by_document = {i.document_id: i for i in earlier}
    decided = _decided_by_a_person(session, list(by_document))
    periods: dict[str, tuple[str, str]] = {}
    for document_id, actor in decided.items():
        prior = by_document[document_id]
        billed = _period_of(session, prior)
        if billed is not None and billed < period:
            periods.setdefault(billed, (prior.invoice_number or "(no number)", actor))
    if len(periods) < SUGGEST_AFTER:
        return None
    chain = sorted(periods)[-SUGGEST_AFTER:]
    gaps = {months_between(a, b) for a, b in zip([*chain], [*chain[1:], period], strict=True)}
    if len(gaps) != 1 or (cadence := gaps.pop()) not in CADENCES:
        return None
    people = sorted({periods[p][1] for p in chain})
    sentence = (
        f"Approved without a PO for {_and(month_name(p) for p in chain)}, {money(invoice.total)} "
        f"{invoice.currency.upper()} each time, by {_and(people)}: this invoice bills the next period. Remember "
        f"it as a recurring charge ({CADENCES[cadence]}) and the following ones pass without a PO."
    )
    return RecurringHint(
        cadence_months=cadence, periods=chain, invoices=[periods[p][0] for p in chain], sentence=sentence
    )


def _period_of(session: Session, invoice: Invoice) -> str | None:
    lines = session.exec(select(InvoiceLine).where(InvoiceLine.invoice_id == invoice.id)).all()
    return billing_period(invoice_extraction_from_rows(invoice, lines))


def _decided_by_a_person(session: Session, document_ids: list[int]) -> dict[int, str]:
    """Per document, the person who approved or released its invoice proposal without a PO (the decision
    still standing: the proposal approved or executed, no automatic approval)."""
    if not document_ids:
        return {}
    proposals = {
        p.id: p
        for p in session.exec(
            select(Proposal).where(
                col(Proposal.document_id).in_(document_ids),
                col(Proposal.kind).in_(("invoice_approve", "invoice_hold")),
                col(Proposal.state).in_(("approved", "executed")),
            )
        ).all()
        if ((p.working or {}).get("numbers") or {}).get("po_resolution") == "none"
    }
    found: dict[int, str] = {}
    for d in session.exec(
        select(ReviewDecision)
        .where(
            col(ReviewDecision.proposal_id).in_(list(proposals)),
            col(ReviewDecision.action).in_(("approve", "release")),
        )
        .order_by(col(ReviewDecision.id))
    ).all():
        proposal = proposals[d.proposal_id]
        if not d.actor.startswith("autonomy:") and proposal.document_id is not None:
            found[proposal.document_id] = d.actor
    return found


def _and(items: Iterable[str]) -> str:
    words = list(items)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _revoke(session: Session, agreement: RecurringAgreement, actor: str, reason: str) -> None:
    agreement.revoked_at = utcnow()
    agreement.revoked_by = actor
    agreement.revoked_reason = reason
    session.add(agreement)
    session.flush()
    append_event(session, actor, "recurring.revoked", f"recurring:{agreement.id}", {"reason": reason})


def revoke_agreement(
    session: Session, agreement_id: int, actor: str, reason: str | None
) -> RecurringAgreement:
    """Revoke an agreement (the vendor's next invoices without a PO are held again, saying so). Audited."""
    agreement = session.get(RecurringAgreement, agreement_id)
    if agreement is None:
        raise AgreementNotFound(f"there is no recurring-charge agreement {agreement_id}")
    if agreement.revoked_at is not None:
        raise InvalidDecision(f"agreement #{agreement_id} was revoked already by {agreement.revoked_by}")
    if not (reason or "").strip():
        raise InvalidDecision("say why the agreement is revoked, e.g. `contract cancelled`")
    _revoke(session, agreement, actor, (reason or "").strip())
    return agreement


class AgreementUse(BaseModel):
    proposal_id: int
    invoice_number: str | None
    period: str | None
    state: str
    decided_by: str | None


class AgreementView(BaseModel):
    """An agreement as the workspace and the API show it."""

    id: int
    vendor_erp_id: str
    vendor_name: str
    vendor_vat_id: str | None
    iban: str | None
    currency: str
    net: Decimal
    tax: Decimal
    total: Decimal
    cadence: str
    period: str
    """The billing period of the invoice the person approved ("2026-10")."""
    last_period: str
    """The last period billed under it ("2026-12")."""
    next_period: str
    """The period its next invoice must bill."""
    expires: str
    """The last period an invoice can bill under it: unused until then, it expires."""
    approved_by: str
    approved_at: str
    invoice_number: str | None
    proposal_id: int | None
    note: str | None
    status: str
    """active | revoked | expired"""
    revoked_by: str | None
    revoked_at: str | None
    revoked_reason: str | None
    uses: list[AgreementUse]
    """The approvals (and open proposals) that billed under it."""
    summary: str


def list_agreements(
    session: Session, policy: TolerancePolicy, *, today: date | None = None
) -> list[AgreementView]:
    """Every agreement, newest first, with what billed under it and whether it is still in force."""
    rows = session.exec(select(RecurringAgreement).order_by(col(RecurringAgreement.id).desc())).all()
    if not rows:
        return []
    ids = {r.id for r in rows}
    uses: dict[int, list[AgreementUse]] = {}
    deciders = {
        d.proposal_id: d.actor
        for d in session.exec(
            select(ReviewDecision)
            .where(col(ReviewDecision.action).in_(("approve", "release")))
            .order_by(col(ReviewDecision.id))
        ).all()
    }
    for p in session.exec(
        select(Proposal).where(col(Proposal.kind).in_(("invoice_approve", "invoice_hold")))
    ).all():
        agreement = (p.payload or {}).get("recurring_agreement")
        if (
            not isinstance(agreement, int)
            or agreement not in ids
            or not (p.payload or {}).get("recurring_covered")
        ):
            continue
        if p.state in ("superseded", "rejected"):
            continue
        assert p.id is not None
        decided = deciders.get(p.id) if p.state in ("approved", "executed") else None
        uses.setdefault(agreement, []).append(
            AgreementUse(
                proposal_id=p.id,
                invoice_number=(p.payload or {}).get("invoice_number"),
                period=(p.payload or {}).get("recurring_period"),
                state=p.state,
                decided_by=decided,
            )
        )
    this_month = f"{(today or utcnow().date()):%Y-%m}"
    views = []
    for r in rows:
        assert r.id is not None
        used = uses.get(r.id, [])
        periods = [r.period, *(u.period for u in used if u.period)]
        last = max(periods)
        expires = shift_period(last, policy.recurring_expiry_months)
        status = "revoked" if r.revoked_at else ("expired" if this_month > expires else "active")
        cadence = CADENCES.get(r.cadence_months, f"every {r.cadence_months} months")
        views.append(
            AgreementView(
                id=r.id,
                vendor_erp_id=r.vendor_erp_id,
                vendor_name=r.vendor_name,
                vendor_vat_id=r.vendor_vat_id,
                iban=r.iban,
                currency=r.currency,
                net=r.net,
                tax=r.tax,
                total=r.total,
                cadence=cadence,
                period=r.period,
                last_period=last,
                next_period=shift_period(last, r.cadence_months),
                expires=expires,
                approved_by=r.approved_by,
                approved_at=r.created_at.isoformat(),
                invoice_number=r.invoice_number,
                proposal_id=r.proposal_id,
                note=r.note,
                status=status,
                revoked_by=r.revoked_by,
                revoked_at=r.revoked_at.isoformat() if r.revoked_at else None,
                revoked_reason=r.revoked_reason,
                uses=used,
                summary=(
                    f"{r.vendor_name}: {r.total:,.2f} {r.currency} {cadence}, to {r.iban or 'the account on file'}; "
                    f"approved by {r.approved_by} on invoice {r.invoice_number or '(no number)'} for "
                    f"{month_name(r.period)}; next: {month_name(shift_period(last, r.cadence_months))}"
                ),
            )
        )
    return views


__all__ = [
    "CADENCES",
    "RECURRING_CHECK",
    "SUGGEST_AFTER",
    "AgreementView",
    "RecurringHint",
    "check_rememberable",
    "list_agreements",
    "recurring_hint",
    "remember_recurring_charge",
    "revoke_agreement",
]
