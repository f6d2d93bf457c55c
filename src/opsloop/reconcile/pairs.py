"""An overbilled invoice and the credit note that settles it: one proposal to approve the pair.

When the reconciler would ask the vendor for a credit note (the invoice billed more than agreed) and a
credit note linked to that invoice is already in (it arrived after the request, or before the invoice
and was relinked), the request gives way: when the credit covers the overcharge (within the tolerance
policy's total limits) the invoice is proposed for payment net of the credit note, carrying both
documents, the numbers and a sentence; when it covers only part, the request is recalculated to ask
for what is still missing. An open request replaced by a pair is closed as `superseded` (kept, with an
audit event), never deleted. Nothing here decides: the pair waits for a person unless the autonomy
policy lets it through as it would any approval. Deterministic policy code over stored data.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session, col, select

from opsloop.domain.erp import OVERBILLING, ExceptionType, Reconciliation, TolerancePolicy
from opsloop.domain.invoices import InvoiceExtraction, InvoiceLineExtraction
from opsloop.domain.proposals import ProposalDraft, ProposalKind, ProposalState
from opsloop.reconcile.normalise import normalise_invoice_number
from opsloop.reconcile.policies import load_policy
from opsloop.reconcile.proposals import invoice_lines_payload
from opsloop.reconcile.reconciler import money, quoted_numbers, within
from opsloop.review.audit import append_event
from opsloop.review.queue import OPEN_STATES, upsert_proposal
from opsloop.store.tables import Invoice, InvoiceLine, InvoiceReconciliation, Proposal
from opsloop.store.types import utcnow

ZERO = Decimal(0)


class AppliedCredit(BaseModel):
    """A credit note counted against one invoice (amounts as positive magnitudes)."""

    document_id: int
    invoice_number: str | None = None
    invoice_date: date | None = None
    net_amount: Decimal | None = None
    total: Decimal | None = None

    @property
    def net(self) -> Decimal:
        """What it credits against the net overcharge: its net amount, else its total."""
        value = self.net_amount if self.net_amount is not None else self.total
        return value if value is not None else ZERO

    @property
    def gross(self) -> Decimal:
        """What it takes off the payment: its total, else its net amount."""
        value = self.total if self.total is not None else self.net_amount
        return value if value is not None else ZERO

    @property
    def label(self) -> str:
        return f"{self.invoice_number or '(no number)'}" + (
            f" of {self.invoice_date}" if self.invoice_date else ""
        )


def _magnitude(value: Any) -> Decimal | None:
    return None if value is None else abs(Decimal(str(value)))


def _credit_note_extraction(session: Session, invoice: Invoice) -> InvoiceExtraction:
    if invoice.extraction:
        return InvoiceExtraction.model_validate(invoice.extraction)
    lines = session.exec(select(InvoiceLine).where(InvoiceLine.invoice_id == invoice.id)).all()
    return InvoiceExtraction(
        invoice_number=invoice.invoice_number,
        lines=[InvoiceLineExtraction(description=line.description) for line in lines],
    )


def _applies_to(session: Session, credit: Invoice, linked: list[int]) -> list[int]:
    """The invoices (document ids) a credit note linked to `linked` is counted against: the only one;
    else those it names by number in its lines, when it names exactly one; else the only one of them
    billed more than agreed. Otherwise none (ambiguous: a person pairs it)."""
    if len(linked) <= 1:
        return linked
    quoted = {normalise_invoice_number(n) for n in quoted_numbers(_credit_note_extraction(session, credit))}
    numbers = {
        row.document_id: normalise_invoice_number(row.invoice_number)
        for row in session.exec(select(Invoice).where(col(Invoice.document_id).in_(linked)))
    }
    named = [d for d in linked if numbers.get(d) is not None and numbers.get(d) in quoted]
    if len(named) == 1:
        return named
    candidates = named or linked
    overbilled = set()
    for row in session.exec(
        select(InvoiceReconciliation).where(
            col(InvoiceReconciliation.current), col(InvoiceReconciliation.document_id).in_(candidates)
        )
    ):
        if {ExceptionType(t) for t in row.exception_types} & OVERBILLING:
            overbilled.add(row.document_id)
    chosen = [d for d in candidates if d in overbilled]
    return chosen if len(chosen) == 1 else []


def credits_applied_to(session: Session, invoice_document_id: int) -> list[AppliedCredit]:
    """The credit notes (current reconciliations, duplicates left out) counted against the invoice
    of document `invoice_document_id`, oldest first."""
    rows = session.exec(
        select(InvoiceReconciliation, Invoice)
        .join(Invoice, col(Invoice.id) == col(InvoiceReconciliation.invoice_id))
        .where(col(InvoiceReconciliation.current), Invoice.document_type == "credit_note")
        .order_by(col(Invoice.invoice_date), col(Invoice.id))
    ).all()
    found: list[AppliedCredit] = []
    for rec_row, credit in rows:
        linked = [int(d) for d in rec_row.result.get("credit_note_for") or []]
        if (
            invoice_document_id not in linked
            or ExceptionType.DUPLICATE.value in rec_row.exception_types
            or credit.document_id is None
            or invoice_document_id not in _applies_to(session, credit, linked)
        ):
            continue
        result = rec_row.result
        found.append(
            AppliedCredit(
                document_id=credit.document_id,
                invoice_number=credit.invoice_number,
                invoice_date=credit.invoice_date,
                net_amount=_magnitude(result.get("net_amount")),
                total=_magnitude(result.get("total") if result.get("total") is not None else credit.total),
            )
        )
    return found


def pair_credit_notes(
    session: Session,
    rec: Reconciliation,
    draft: ProposalDraft,
    invoice: InvoiceExtraction | None = None,
    *,
    policy: TolerancePolicy | None = None,
) -> ProposalDraft:
    """`draft` (the invoice's proposal from `propose_invoice_action`) with the credit notes already in:
    a credit-note request becomes the pair (approve payment net of the credit notes) when they cover
    the overcharge within the policy's total tolerance, or a request for what is still missing when
    they cover part of it (a shortfall is judged like a total variance: against the invoice's net
    amount, within `total_pct` and `total_abs`). Any other draft, or a request no credit note applies to, comes back as is."""
    if draft.kind is not ProposalKind.INVOICE_REQUEST_CREDIT_NOTE or rec.document_id is None:
        return draft
    credits = credits_applied_to(session, rec.document_id)
    if not credits:
        return draft
    policy = policy if policy is not None else load_policy(session)
    overcharge = Decimal(str(draft.payload.get("credit_amount") or 0))
    credited = sum((c.net for c in credits), ZERO)
    credited_gross = sum((c.gross for c in credits), ZERO)
    shortfall = overcharge - credited
    limits = policy.limits_for(rec.vendor.erp_id, None)
    base = abs(rec.net_amount) if rec.net_amount else overcharge
    covered = within(shortfall, base, limits.total_pct, limits.total_abs)
    currency = rec.currency or ""
    label = f"{rec.document_type.replace('_', ' ')} {rec.invoice_number or '(no number)'}"
    vendor = rec.vendor.name or "an unknown vendor"
    names = ", ".join(c.label for c in credits)
    notes = "credit note" + ("s" if len(credits) > 1 else "")
    documents = [
        {
            "document_id": c.document_id,
            "invoice_number": c.invoice_number,
            "invoice_date": c.invoice_date.isoformat() if c.invoice_date else None,
            "net_amount": format(c.net, "f"),
            "total": format(c.gross, "f"),
        }
        for c in credits
    ]
    payable = rec.total - credited_gross if rec.total is not None else None
    numbers = {
        "overcharge": format(overcharge, "f"),
        "credited_net": format(credited, "f"),
        "still_missing": format(max(shortfall, ZERO), "f"),
        "invoice_total": format(rec.total, "f") if rec.total is not None else None,
        "credited_total": format(credited_gross, "f"),
        "payable": format(payable, "f") if payable is not None else None,
    }
    working = dict(draft.working)
    working["numbers"] = {**(working.get("numbers") or {}), **numbers}
    working["evidence"] = [
        *(working.get("evidence") or []),
        {"label": notes, "ids": [c.document_id for c in credits]},
    ]
    if covered:
        tolerance = f" ({money(shortfall)} short, within the tolerance policy)" if shortfall > ZERO else ""
        sentence = (
            f"{label[:1].upper() + label[1:]} billed {money(overcharge)} {currency} more than agreed; {notes} {names} "
            f"credit{'s' if len(credits) == 1 else ''} {money(credited)} net{tolerance}. Pay the pair: "
            f"{money(rec.total)} less {money(credited_gross)} = {money(payable)} {currency}."
        ).replace("  ", " ")
        working["formula"] = "payable = invoice total - credit note totals"
        # the overcharge the request was about is settled by the credit note(s): kept as what was
        # settled, no longer an open exception (the failed checks stay: a person agrees to the pair)
        exceptions = [e for e in working.get("exceptions") or [] if isinstance(e, dict)]
        overbilling = {t.value for t in OVERBILLING}
        working["settled_exceptions"] = [e for e in exceptions if e.get("type") in overbilling]
        working["exceptions"] = [e for e in exceptions if e.get("type") not in overbilling]
        working["checks"] = [
            *(working.get("checks") or []),
            {"name": "credit_note_settles_overcharge", "passed": True, "detail": sentence},
        ]
        payload: dict[str, Any] = {
            "action": "approve_payment",
            "invoice_number": rec.invoice_number,
            "vendor_erp_id": rec.vendor.erp_id,
            "po_numbers": rec.po_numbers,
            "amount": numbers["payable"],
            "currency": rec.currency,
            "invoice_amount": numbers["invoice_total"],
            "overcharge": numbers["overcharge"],
            "credit_notes": documents,
            "credit_note_for": [],
        }
        if invoice is not None:
            payload.update(
                {
                    "invoice_date": rec.invoice_date.isoformat() if rec.invoice_date else None,
                    "net_amount": format(rec.net_amount, "f") if rec.net_amount is not None else None,
                    "tax_amount": format(invoice.tax_total, "f") if invoice.tax_total is not None else None,
                    "lines": invoice_lines_payload(invoice, rec),
                }
            )
        return ProposalDraft(
            kind=ProposalKind.INVOICE_APPROVE,
            subject_key=draft.subject_key,
            title=f"Approve {label} with {notes} {names} from {vendor} ({money(payable)} {currency})".strip(),
            summary=sentence,
            payload=payload,
            working=working,
            amount=payable,
            currency=rec.currency,
            confidence=0.85,
            urgency=0.4,
            document_id=draft.document_id,
        )
    sentence = (
        f"{notes.capitalize()} {names} credit{'s' if len(credits) == 1 else ''} {money(credited)} of the "
        f"{money(overcharge)} {currency} overcharged on {label}; {money(shortfall)} {currency} is still "
        "missing."
    ).replace("  ", " ")
    working["checks"] = [
        *(working.get("checks") or []),
        {"name": "credit_note_settles_overcharge", "passed": False, "detail": sentence},
    ]
    return draft.model_copy(
        update={
            "title": f"Request a further credit note of {money(shortfall)} {currency} from {vendor} for "
            f"{label}".replace("  ", " "),
            "summary": f"{sentence} {draft.summary}".strip(),
            "payload": {
                **draft.payload,
                "credit_amount": format(shortfall, "f"),
                "overcharge": numbers["overcharge"],
                "credit_notes": documents,
            },
            "working": working,
        }
    )


def queue_invoice_proposal(session: Session, draft: ProposalDraft, *, actor: str = "opsloop") -> Proposal:
    """`upsert_proposal`, except that a pair (an approval carrying `credit_notes`) replacing an open
    credit-note request about the same invoice closes that request as superseded (kept, audited) and
    is queued as a proposal of its own."""
    replaced: list[Proposal] = []
    if draft.kind is ProposalKind.INVOICE_APPROVE and draft.payload.get("credit_notes"):
        replaced = list(
            session.exec(
                select(Proposal).where(
                    Proposal.subject_key == draft.subject_key,
                    col(Proposal.state).in_(OPEN_STATES),
                    Proposal.kind == ProposalKind.INVOICE_REQUEST_CREDIT_NOTE.value,
                )
            )
        )
        now = utcnow()
        for old in replaced:
            old.state = ProposalState.SUPERSEDED.value
            old.version += 1
            old.updated_at = now
            session.add(old)
        session.flush()
    proposal = upsert_proposal(session, draft, actor=actor)
    for old in replaced:
        append_event(
            session,
            actor,
            "proposal.superseded",
            f"proposal:{old.id}",
            {
                "by": f"proposal:{proposal.id}",
                "reason": "a credit note settles the overcharge",
                "credit_notes": [c.get("document_id") for c in draft.payload["credit_notes"]],
            },
        )
    return proposal
