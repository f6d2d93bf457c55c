"""Reconciliations in the database: recording them, and re-checking held invoices when ERP data
changes (a receipt arrives, a PO is amended). Used by the pipeline and the sync jobs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session, col, select

from opsloop.domain.documents import ParsedDocument
from opsloop.domain.erp import ExceptionType, Reconciliation, ReconciliationStatus, TolerancePolicy
from opsloop.domain.invoices import (
    BuyerExtraction,
    DocumentType,
    InvoiceExtraction,
    InvoiceLineExtraction,
    VendorExtraction,
)
from opsloop.domain.proposals import ProposalDraft, ProposalKind
from opsloop.reconcile.mirror import Mirror, load_mirror, prior_invoice_from_rows, rejected_documents
from opsloop.reconcile.normalise import normalise_po_number
from opsloop.reconcile.pairs import pair_credit_notes, queue_invoice_proposal
from opsloop.reconcile.policies import load_policy
from opsloop.reconcile.proposals import propose_invoice_action
from opsloop.reconcile.reconciler import reconcile_invoice
from opsloop.reconcile.screening import document_text
from opsloop.review.audit import append_event
from opsloop.store.tables import Document, Invoice, InvoiceLine, InvoiceReconciliation, Proposal


def record_reconciliation(session: Session, invoice_id: int, rec: Reconciliation) -> InvoiceReconciliation:
    """Store `rec` as the invoice's current reconciliation (earlier ones stay, no longer current)
    and set the invoice's resolved vendor."""
    for old in session.exec(
        select(InvoiceReconciliation).where(
            InvoiceReconciliation.invoice_id == invoice_id, col(InvoiceReconciliation.current)
        )
    ).all():
        old.current = False
        session.add(old)
    row = InvoiceReconciliation(
        invoice_id=invoice_id,
        document_id=rec.document_id,
        status=rec.status.value,
        policy_version=rec.policy_version,
        vendor_id=rec.vendor.vendor_id,
        exception_types=sorted(t.value for t in rec.exception_types()),
        po_numbers=list(rec.po_numbers),
        text_hash=rec.text_hash,
        billed_lines=[
            {"po_line_id": b.purchase_order_line_id, "quantity": str(b.quantity)} for b in rec.billed_lines()
        ],
        result=rec.model_dump(mode="json"),
    )
    session.add(row)
    invoice = session.get(Invoice, invoice_id)
    if invoice is not None and rec.vendor.vendor_id is not None and invoice.vendor_id != rec.vendor.vendor_id:
        invoice.vendor_id = rec.vendor.vendor_id
        session.add(invoice)
    if invoice is not None and invoice.document_type != rec.document_type:
        invoice.document_type = rec.document_type  # the reconciler found a credit note read as an invoice
        session.add(invoice)
    session.flush()
    return row


def stored_document_text(session: Session, document_id: int | None) -> str | None:
    """The text a reader of the stored document sees (for screening when it is reconciled again)."""
    if document_id is None:
        return None
    document = session.get(Document, document_id)
    if document is None or not document.parsed:
        return None
    try:
        return document_text(ParsedDocument.model_validate(document.parsed))
    except ValueError:
        return None


def invoice_extraction_from_rows(invoice: Invoice, lines: Iterable[InvoiceLine]) -> InvoiceExtraction:
    """The invoice as extracted: the stored extraction when there is one, else rebuilt from columns."""
    if invoice.extraction:
        return InvoiceExtraction.model_validate(invoice.extraction)
    return InvoiceExtraction(
        document_type=DocumentType(invoice.document_type),
        extraction_method=invoice.extraction_method,
        vendor=VendorExtraction(
            name=invoice.vendor_name, vat_id=invoice.vendor_vat_id, iban=invoice.vendor_iban
        ),
        buyer=BuyerExtraction(name=invoice.buyer_name, vat_id=invoice.buyer_vat_id),
        invoice_number=invoice.invoice_number,
        invoice_date=invoice.invoice_date,
        due_date=invoice.due_date,
        po_numbers=list(invoice.po_numbers or []),
        currency=invoice.currency,
        subtotal=invoice.subtotal,
        tax_total=invoice.tax_total,
        total=invoice.total,
        amount_due=invoice.amount_due,
        lines=[
            InvoiceLineExtraction(
                description=line.description,
                sku=line.sku,
                quantity=line.quantity,
                unit=line.unit,
                unit_price=line.unit_price,
                amount=line.amount,
                tax_rate=line.tax_rate,
            )
            for line in sorted(lines, key=lambda line: line.position)
        ],
    )


class HeldRecheck(BaseModel):
    """A held invoice checked again: before, after, and what to propose now."""

    invoice_id: int
    document_id: int | None
    previous_status: str
    previous_exceptions: list[str]
    reconciliation: Reconciliation
    proposal: ProposalDraft

    @property
    def released(self) -> bool:
        return self.reconciliation.status is not ReconciliationStatus.EXCEPTION

    @property
    def changed(self) -> bool:
        return sorted(t.value for t in self.reconciliation.exception_types()) != sorted(
            self.previous_exceptions
        )


def _current_rows(session: Session, *where: Any) -> list[tuple[InvoiceReconciliation, Invoice]]:
    """Invoices with their current reconciliation, `where` applied, oldest invoice first."""
    return list(
        session.exec(
            select(InvoiceReconciliation, Invoice)
            .join(Invoice, col(Invoice.id) == col(InvoiceReconciliation.invoice_id))
            .where(col(InvoiceReconciliation.current), *where)
            .order_by(col(Invoice.invoice_date), col(Invoice.id))
        ).all()
    )


def _reconciled_again(
    session: Session,
    mirror: Mirror,
    policy: TolerancePolicy,
    rec_row: InvoiceReconciliation,
    invoice: Invoice,
) -> tuple[InvoiceExtraction, Reconciliation]:
    """The invoice reconciled again from its stored rows and text (nothing recorded)."""
    lines = session.exec(select(InvoiceLine).where(InvoiceLine.invoice_id == invoice.id)).all()
    extraction = invoice_extraction_from_rows(invoice, lines)
    rec = reconcile_invoice(
        extraction,
        mirror,
        policy,
        document_id=invoice.document_id,
        text_hash=rec_row.text_hash,
        document_text=stored_document_text(session, invoice.document_id),
    )
    return extraction, rec


def rereconcile_held(
    session: Session,
    *,
    po_numbers: Iterable[str] | None = None,
    vendor_ids: Iterable[int] | None = None,
    policy: TolerancePolicy | None = None,
    mirror: Mirror | None = None,
) -> list[HeldRecheck]:
    """Re-check every held invoice (current reconciliation `exception`) affected by new ERP data:
    those matched to or quoting one of `po_numbers`, or of one of `vendor_ids`; all held invoices
    when neither is given. Each new result is recorded; the caller queues the proposals (a released
    invoice now proposes approval). Oldest invoices first, so they are first to claim receipts."""
    wanted_pos = {n for n in (normalise_po_number(p) for p in po_numbers or ()) if n}
    wanted_vendors = set(vendor_ids or ())
    everything = po_numbers is None and vendor_ids is None
    rows = _current_rows(session, InvoiceReconciliation.status == ReconciliationStatus.EXCEPTION.value)
    affected = []
    for rec_row, invoice in rows:
        quoted = {normalise_po_number(p) for p in [*rec_row.po_numbers, *(invoice.po_numbers or [])]}
        vendor = invoice.vendor_id if invoice.vendor_id is not None else rec_row.vendor_id
        if everything or (quoted & wanted_pos) or (vendor is not None and vendor in wanted_vendors):
            affected.append((rec_row, invoice))
    # an invoice a person rejected went back to the vendor: new ERP data proposes nothing for it again
    rejected = rejected_documents(session, [i.document_id for _, i in affected if i.document_id is not None])
    affected = [(r, i) for r, i in affected if i.document_id not in rejected]
    if not affected:
        return []
    policy = policy if policy is not None else load_policy(session)
    mirror = mirror if mirror is not None else load_mirror(session)
    results: list[HeldRecheck] = []
    for rec_row, invoice in affected:
        recheck = _recheck(session, mirror, policy, rec_row, invoice)
        if recheck is not None:
            results.append(recheck)
    return results


def _recheck(
    session: Session,
    mirror: Mirror,
    policy: TolerancePolicy,
    rec_row: InvoiceReconciliation,
    invoice: Invoice,
    *,
    keep: Callable[[Reconciliation], bool] = lambda _rec: True,
) -> HeldRecheck | None:
    """Reconcile a held invoice again from its stored rows; when `keep` accepts the new result it is
    recorded (in the database and in `mirror`) and returned with its proposal."""
    assert invoice.id is not None
    extraction, rec = _reconciled_again(session, mirror, policy, rec_row, invoice)
    if not keep(rec):
        return None
    new_row = record_reconciliation(session, invoice.id, rec)
    mirror.add_invoice(prior_invoice_from_rows(invoice, new_row))
    return HeldRecheck(
        invoice_id=invoice.id,
        document_id=invoice.document_id,
        previous_status=rec_row.status,
        previous_exceptions=list(rec_row.exception_types),
        reconciliation=rec,
        proposal=pair_credit_notes(
            session, rec, propose_invoice_action(rec, extraction), extraction, policy=policy
        ),
    )


def relink_credit_notes(
    session: Session,
    mirror: Mirror,
    rec: Reconciliation,
    *,
    policy: TolerancePolicy | None = None,
) -> list[HeldRecheck]:
    """After invoice `rec` was reconciled and recorded (in the database and in `mirror`), re-check
    the same vendor's credit notes held as `unlinked_credit_note`: a credit note that arrived before
    the invoice it corrects. Those that can now be linked are reconciled again and recorded (their
    credited units now count against billing, in `mirror` too); the others are left as they are.
    The caller queues the returned proposals, as for `rereconcile_held`."""
    vendor_id = rec.vendor.vendor_id
    if rec.document_type != "invoice" or vendor_id is None:
        return []
    rows = _current_rows(
        session,
        InvoiceReconciliation.status == ReconciliationStatus.EXCEPTION.value,
        Invoice.document_type == "credit_note",
    )
    policy = policy if policy is not None else load_policy(session)
    results: list[HeldRecheck] = []
    for rec_row, invoice in rows:
        vendor = invoice.vendor_id if invoice.vendor_id is not None else rec_row.vendor_id
        if (
            vendor != vendor_id
            or ExceptionType.UNLINKED_CREDIT_NOTE.value not in rec_row.exception_types
            or invoice.document_id == rec.document_id
        ):
            continue
        recheck = _recheck(
            session, mirror, policy, rec_row, invoice, keep=lambda new: bool(new.credit_note_for)
        )
        if recheck is not None:
            results.append(recheck)
    return results


def settle_credit_requests(
    session: Session,
    credit: Reconciliation,
    *,
    actor: str = "reconcile",
    policy: TolerancePolicy | None = None,
) -> list[Proposal]:
    """After credit note `credit` was reconciled and recorded (or relinked): for each invoice it is
    linked to whose current reconciliation asks the vendor for a credit note, queue the invoice's
    proposal again with the credit notes now in (`pair_credit_notes`): the pair when they cover the
    overcharge (an open request is closed as superseded), else the request for what is still missing.
    Returns the proposals queued."""
    if credit.document_type != "credit_note" or not credit.credit_note_for:
        return []
    rows = session.exec(
        select(InvoiceReconciliation, Invoice)
        .join(Invoice, col(Invoice.id) == col(InvoiceReconciliation.invoice_id))
        .where(
            col(InvoiceReconciliation.current),
            col(Invoice.document_id).in_(credit.credit_note_for),
            Invoice.document_type == "invoice",
        )
        .order_by(col(Invoice.id))
    ).all()
    queued: list[Proposal] = []
    rejected = rejected_documents(session, credit.credit_note_for)
    for rec_row, invoice in rows:
        if invoice.document_id in rejected:  # rejected by a person: a credit note reopens nothing
            continue
        rec = Reconciliation.model_validate(rec_row.result)
        lines = session.exec(select(InvoiceLine).where(InvoiceLine.invoice_id == invoice.id)).all()
        extraction = invoice_extraction_from_rows(invoice, lines)
        draft = propose_invoice_action(rec, extraction)
        if draft.kind is not ProposalKind.INVOICE_REQUEST_CREDIT_NOTE:
            continue
        if policy is None:
            policy = load_policy(session)
        paired = pair_credit_notes(session, rec, draft, extraction, policy=policy)
        if paired is draft:
            continue
        queued.append(queue_invoice_proposal(session, paired, actor=actor))
    return queued


class AmendedRecheck(BaseModel):
    """An invoice matched to a PO that was amended in the ERP afterwards, and what was done about it:
    `requeued` (its open proposal recomputed against the amended PO), `withdrawn` (an approval not yet
    pushed: its push cancelled, the invoice proposed again), or `draft_written` (the approval's draft is in
    the ERP already: a hold asks a person to check that draft against the amended PO)."""

    invoice_id: int
    document_id: int | None
    outcome: str
    po_numbers: list[str]
    proposal: Proposal

    model_config = {"arbitrary_types_allowed": True}


def _erp_state(invoice_states: Callable[[list[str]], dict[str, str]] | None, ref: str | None) -> str | None:
    """What the ERP says became of the invoice it holds as `ref` (None: not asked, or it could not say)."""
    if invoice_states is None or not ref:
        return None
    try:
        return invoice_states([ref]).get(ref)
    except Exception:  # an ERP that cannot answer leaves the hold its general sentence
        return None


def _amended_draft_sentence(
    orders: str, ref: str | None, state: str | None, findings: str
) -> tuple[str, str]:
    """The hold's sentence for an invoice whose draft was in the ERP when its PO was amended, by what
    became of the draft (see `recheck_amended`), and what releases the hold."""
    written = (
        f"PO {orders} was amended in the ERP after this invoice was approved and its draft written to the "
        f"ERP{f' ({ref})' if ref else ''}"
    )
    if state in ("deleted", "cancelled"):
        gone = "deleted that draft with the amendment" if state == "deleted" else "has cancelled that draft"
        return (
            f"{written}: the ERP {gone}, so the invoice is not in the ERP now and nothing of it will be "
            f"paid. {findings} Decide it against the amended PO; releasing this hold writes it to the ERP again.",
            "a person decides the invoice against the amended PO",
        )
    if state in ("posted", "paid"):
        return (
            f"{written}, and the ERP has {state} it since: it was booked on the PO's old quantities and prices. "
            f"{findings} Check it against the amended PO; a difference is corrected in the ERP with a credit note.",
            "the posted invoice is checked against the amended PO",
        )
    return (
        f"{written}: the draft carries the PO's old quantities and prices, and the ERP may have removed its "
        "lines with the amendment (Tryton deletes a purchase's draft invoice lines when an amendment is "
        f"validated). {findings} Check the draft in the ERP against the amended PO before it is posted.",
        "the draft in the ERP is checked against the amended PO",
    )


def recheck_amended(
    session: Session,
    po_numbers: Iterable[str],
    *,
    actor: str = "sync",
    skip: Iterable[int] = (),
    policy: TolerancePolicy | None = None,
    mirror: Mirror | None = None,
    invoice_states: Callable[[list[str]], dict[str, str]] | None = None,
) -> list[AmendedRecheck]:
    """Invoices matched (not held) against a PO in `po_numbers`, which the ERP amended since (its lines'
    quantities or prices changed, or it gained a line), are checked again: what was matched was the PO
    as it stood, and an approval made on it pays the old figures. By the state of the invoice's approval:
    an open proposal is recomputed against the amended PO (a hold when it no longer matches); an approval
    not yet pushed to the ERP is withdrawn (its outbox row cancelled, the proposal superseded) and the
    invoice proposed again to a person; an approval already pushed (its draft invoice in the ERP) gets a
    hold that says so — the draft was written against the old PO (and Tryton deletes a purchase's draft
    invoice lines when an amendment is validated), so a person checks it before it is posted. Invoices in
    `skip` (just re-checked by `rereconcile_held`) are left alone. `invoice_states` (the connector's, where
    it has one) tells what became of the draft in the ERP: deleted with the amendment (the hold says the
    invoice is no longer in the ERP), posted meanwhile, or still a draft."""
    from opsloop.store.tables import OutboxItem  # (the outbox's table: read here, written by review)
    from opsloop.store.types import utcnow

    wanted = {n for n in (normalise_po_number(p) for p in po_numbers) if n}
    if not wanted:
        return []
    rows = _current_rows(session, InvoiceReconciliation.status != ReconciliationStatus.EXCEPTION.value)
    results: list[AmendedRecheck] = []
    skipped = set(skip)
    for rec_row, invoice in rows:
        matched = [p for p in rec_row.po_numbers if normalise_po_number(p) in wanted]
        if not matched or invoice.id is None or invoice.document_id is None or invoice.id in skipped:
            continue
        approval = session.exec(
            select(Proposal)
            .where(
                Proposal.subject_key == f"invoice:{invoice.document_id}",
                Proposal.kind == ProposalKind.INVOICE_APPROVE.value,
            )
            .order_by(col(Proposal.id).desc())
        ).first()
        if approval is None or approval.state not in ("pending", "edited", "approved", "executed"):
            continue
        policy = policy if policy is not None else load_policy(session)
        mirror = mirror if mirror is not None else load_mirror(session)
        pushes = session.exec(
            select(OutboxItem).where(OutboxItem.proposal_id == approval.id).order_by(col(OutboxItem.id))
        ).all()
        written = [item for item in pushes if item.state in ("executed", "pushing")]
        orders = ", ".join(matched)
        if approval.state == "executed" or written:
            _, rec = _reconciled_again(session, mirror, policy, rec_row, invoice)
            draft_ref = next((item.external_id for item in written if item.external_id), None)
            findings = " ".join(e.sentence for e in rec.exceptions[:3]) or (
                "Against the amended PO the invoice still matches."
            )
            state = _erp_state(invoice_states, draft_ref)
            sentence, release_when = _amended_draft_sentence(orders, draft_ref, state, findings)
            draft = ProposalDraft(
                kind=ProposalKind.INVOICE_HOLD,
                subject_key=f"invoice:{invoice.document_id}",
                title=f"Hold invoice {invoice.invoice_number or '(no number)'}: PO {orders} amended after approval",
                summary=sentence,
                payload={
                    "action": "hold",
                    "invoice_number": invoice.invoice_number,
                    "vendor_erp_id": rec.vendor.erp_id,
                    "reasons": ["po_amended", *sorted(t.value for t in rec.exception_types())],
                    "release_when": [release_when],
                    "approved_proposal": approval.id,
                    "erp_invoice": draft_ref,
                    "erp_invoice_state": state,
                },
                working={
                    "checks": [
                        {"name": c.name, "passed": c.passed, "detail": c.sentence} for c in rec.checks
                    ],
                    "exceptions": [e.model_dump(mode="json") for e in rec.exceptions],
                },
                amount=invoice.total,
                currency=invoice.currency,
                confidence=0.9,
                urgency=0.9,
                document_id=invoice.document_id,
            )
            outcome = "draft_written"
        else:
            if approval.state == "approved":
                now = utcnow()
                for item in pushes:
                    if item.state == "pending":
                        item.state = "cancelled"
                        item.last_error = f"withdrawn: PO {orders} was amended in the ERP after the approval"
                        item.version += 1
                        item.updated_at = now
                        session.add(item)
                approval.state = "superseded"
                approval.version += 1
                approval.updated_at = now
                session.add(approval)
                session.flush()
                append_event(
                    session,
                    actor,
                    "proposal.superseded",
                    f"proposal:{approval.id}",
                    {"reason": f"PO {orders} was amended in the ERP before the approval was pushed"},
                )
            recheck = _recheck(session, mirror, policy, rec_row, invoice)
            assert recheck is not None
            draft = recheck.proposal
            if recheck.reconciliation.status is ReconciliationStatus.EXCEPTION:
                draft = draft.model_copy(
                    update={
                        "summary": f"PO {orders} was amended in the ERP after this invoice was matched. "
                        + draft.summary
                    }
                )
            outcome = "requeued" if approval.state != "superseded" else "withdrawn"
        proposal = queue_invoice_proposal(session, draft, actor=actor)
        append_event(
            session,
            actor,
            "invoice.rechecked",
            f"proposal:{proposal.id}",
            {"invoice_id": invoice.id, "po_numbers": matched, "outcome": outcome},
        )
        results.append(AmendedRecheck(invoice_id=invoice.id, document_id=invoice.document_id,
                                      outcome=outcome, po_numbers=matched, proposal=proposal))  # fmt: skip
    return results
