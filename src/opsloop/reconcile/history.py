"""Reconciliations in the database: recording them, and re-checking held invoices when ERP data
changes (a receipt arrives, a PO is amended). Used by the pipeline and the sync jobs."""

from __future__ import annotations

from collections.abc import Callable, Iterable

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
from opsloop.reconcile.mirror import Mirror, load_mirror, prior_invoice_from_rows
from opsloop.reconcile.normalise import normalise_po_number
from opsloop.reconcile.pairs import pair_credit_notes, queue_invoice_proposal
from opsloop.reconcile.policies import load_policy
from opsloop.reconcile.proposals import propose_invoice_action
from opsloop.reconcile.reconciler import reconcile_invoice
from opsloop.reconcile.screening import document_text
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
    rows = session.exec(
        select(InvoiceReconciliation, Invoice)
        .join(Invoice, col(Invoice.id) == col(InvoiceReconciliation.invoice_id))
        .where(
            col(InvoiceReconciliation.current),
            InvoiceReconciliation.status == ReconciliationStatus.EXCEPTION.value,
        )
        .order_by(col(Invoice.invoice_date), col(Invoice.id))
    ).all()
    affected = []
    for rec_row, invoice in rows:
        quoted = {normalise_po_number(p) for p in [*rec_row.po_numbers, *(invoice.po_numbers or [])]}
        vendor = invoice.vendor_id if invoice.vendor_id is not None else rec_row.vendor_id
        if everything or (quoted & wanted_pos) or (vendor is not None and vendor in wanted_vendors):
            affected.append((rec_row, invoice))
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
    rows = session.exec(
        select(InvoiceReconciliation, Invoice)
        .join(Invoice, col(Invoice.id) == col(InvoiceReconciliation.invoice_id))
        .where(
            col(InvoiceReconciliation.current),
            InvoiceReconciliation.status == ReconciliationStatus.EXCEPTION.value,
            Invoice.document_type == "credit_note",
        )
        .order_by(col(Invoice.invoice_date), col(Invoice.id))
    ).all()
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
    for rec_row, invoice in rows:
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
