"""The default pipeline: adapters from the stage functions (`read_pdf`, `extract_invoice`,
`analyse_conversation`, ...) to the runner, with their persistence. Registered in order."""

from __future__ import annotations

import hashlib
import re
import threading

from sqlalchemy import func
from sqlmodel import Session, col, select

from opsloop.domain.documents import DocumentFamily, DocumentKind, DocumentState, ParsedDocument
from opsloop.domain.erp import Reconciliation
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.errors import RejectedInput, StageError
from opsloop.extract import KnownVendor, extract_invoice, uses_llm
from opsloop.extract.amounts import check_extraction_amounts
from opsloop.memory import recall_vendor_memory
from opsloop.memory.examples import few_shot_examples
from opsloop.memory.index import close_document_indexes
from opsloop.ocr import needs_ocr, read_scan
from opsloop.ocr.images import read_page_images, with_images
from opsloop.pipeline import Pipeline, Stage, StageContext, StageResult
from opsloop.reading import analyse_offline, extract_offline, read_document
from opsloop.reconcile import (
    Mirror,
    load_mirror,
    load_policy,
    pair_credit_notes,
    propose_invoice_action,
    queue_invoice_proposal,
    reconcile_invoice,
    record_reconciliation,
    relink_credit_notes,
    settle_credit_requests,
)
from opsloop.reconcile.screening import document_text
from opsloop.review.autonomy import decide_automatically, evaluate_autonomy
from opsloop.review.queue import upsert_proposal
from opsloop.sandbox import BudgetExceeded, run_bounded, time_limit
from opsloop.settings import Settings
from opsloop.store.conversations import save_conversation
from opsloop.store.invoices import save_invoice
from opsloop.store.tables import (
    Company,
    GoodsReceiptLine,
    Invoice,
    InvoiceReconciliation,
    Item,
    Proposal,
    PurchaseOrder,
    PurchaseOrderLine,
    RecurringAgreement,
    Vendor,
)

INVOICES = frozenset({DocumentFamily.INVOICE})
CONVERSATIONS = frozenset({DocumentFamily.CONVERSATION})
ALL = INVOICES | CONVERSATIONS


def parse(ctx: StageContext) -> StageResult:
    """received -> parsed: read the file into page texts, e-invoice XML or a transcript (in the sandbox,
    under the document budget: `opsloop.sandbox`)."""
    if ctx.document.kind is None:
        raise StageError(f"document {ctx.document.id} has no kind; it should have been quarantined")
    kind = DocumentKind(ctx.document.kind)
    data = ctx.read_bytes()
    budget = ctx.settings.budget
    parsed = run_bounded(budget, None, read_document, data, kind, ctx.settings)
    scan = None
    if needs_ocr(parsed):  # a scan's pages go through Tesseract, under a budget of their own
        scan = run_bounded(budget, budget.ocr_seconds, read_scan, parsed, data, ctx.settings)
        parsed = scan.parsed
    ctx.document.parsed = parsed.model_dump(mode="json")
    ctx.session.add(ctx.document)
    if kind is DocumentKind.PDF and not parsed.has_text_layer and not parsed.embedded:
        return StageResult(
            DocumentState.NEEDS_OCR,
            "the PDF has no text layer (a scan?) and carries no e-invoice; nothing is guessed: "
            f"it waits for OCR ({scan.note if scan is not None else 'not tried'})",
        )
    return StageResult(DocumentState.PARSED, scan.note if scan is not None and scan.read else None)


def _read_images(
    ctx: StageContext,
    parsed: ParsedDocument,
    extraction: InvoiceExtraction,
    engine: str,
    known: list[KnownVendor],
    *,
    text_only: bool = False,
) -> tuple[ParsedDocument, InvoiceExtraction, str]:
    """(the document, its offline extraction, a note for the stage's reason): where the text layer names no
    seller, the page's images read by OCR (under the OCR budget) and the document extracted again, kept
    (and stored as the parsed document) when it reads more of the seller (`opsloop.ocr.images`)."""
    budget = ctx.settings.budget
    kept, again, note = with_images(
        parsed,
        extraction,
        lambda document: run_bounded(
            budget, budget.ocr_seconds, read_page_images, document, ctx.read_bytes(), ctx.settings.ocr
        ),
        lambda document: run_bounded(
            budget,
            None,
            extract_offline,
            document,
            engine,
            known,
            text_only=text_only,
            options=ctx.settings.extract,
        ),
    )
    if kept is not parsed:
        ctx.document.parsed = kept.model_dump(mode="json")
        ctx.session.add(ctx.document)
    return kept, again, f"; {note}" if note else ""


def extract(ctx: StageContext) -> StageResult:
    """parsed -> extracted (invoices): fill the extraction contract and store the Invoice row."""
    assert ctx.document.id is not None and ctx.document.parsed is not None
    parsed = ParsedDocument.model_validate(ctx.document.parsed)
    vendors = ctx.session.exec(select(Vendor).where(Vendor.active == True)).all()  # noqa: E712
    known = [KnownVendor(erp_id=v.erp_id, name=v.name, vat_id=v.vat_id, iban=v.iban) for v in vendors]
    memory = ctx.settings.memory
    engine, budget = ctx.settings.extract.engine, ctx.settings.budget
    if uses_llm(parsed, engine, ctx.settings):
        examples = (
            few_shot_examples(
                ctx.session,
                parsed,
                ctx.settings.data_dir,
                k=memory.examples,
                exclude_document=ctx.document.id,
            )
            if memory.enabled
            else []
        )
        # the rules engine's reading (the model's cross-check) under the budget; the model call itself
        # is bounded by its own timeout, retries and circuit breaker
        rules = run_bounded(
            budget,
            None,
            extract_offline,
            parsed,
            "rules",
            known,
            text_only=True,
            options=ctx.settings.extract,
        )
        parsed, rules, image_note = _read_images(ctx, parsed, rules, "rules", known, text_only=True)
        extraction = extract_invoice(
            parsed,
            engine=engine,
            known_vendors=known,
            settings=ctx.settings,
            session=ctx.session,
            document_id=ctx.document.id,
            rules_result=rules,
            examples=examples,
        )
        check_extraction_amounts(extraction)
    else:
        extraction = run_bounded(
            budget, None, extract_offline, parsed, engine, known, options=ctx.settings.extract
        )
        parsed, extraction, image_note = _read_images(ctx, parsed, extraction, engine, known)
    recall = (
        recall_vendor_memory(
            ctx.session,
            parsed,
            extraction,
            data_dir=ctx.settings.data_dir,
            min_similarity=memory.min_similarity,
            exclude_document=ctx.document.id,
        )
        if memory.enabled
        else None
    )
    save_invoice(ctx.session, ctx.document.id, extraction)
    found = extraction.invoice_number or "no invoice number"
    learned = (
        f"; vendor memory {recall.vendor_key} v{recall.version} set {', '.join(recall.applied)}"
        if recall is not None and recall.applied
        else ""
    )
    return StageResult(
        DocumentState.EXTRACTED, f"{extraction.extraction_method}: {found}{learned}{image_note}"
    )


def ctx_url(session: Session) -> str:
    bind = session.get_bind()
    return str(bind.engine.url)


class _MirrorCache:
    """The reconciler's in-memory mirror, reloaded only when the ERP data or the reconciled invoices
    changed (a few aggregate queries per document instead of reading every table each time)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[object, ...] | None = None
        self._mirror: Mirror | None = None

    @staticmethod
    def _freshness(session: Session) -> tuple[object, ...]:
        return (
            str(ctx_url(session)),
            session.exec(select(func.count()).select_from(Vendor)).one(),
            session.exec(select(func.max(Company.updated_at))).one(),
            session.exec(select(func.count()).select_from(Company)).one(),
            session.exec(select(func.max(Vendor.updated_at))).one(),
            session.exec(select(func.max(PurchaseOrder.updated_at))).one(),
            session.exec(select(func.count()).select_from(PurchaseOrderLine)).one(),
            session.exec(select(func.count()).select_from(GoodsReceiptLine)).one(),
            session.exec(select(func.max(InvoiceReconciliation.id))).one(),
            # a rejected invoice bills nothing: a person's rejection changes what earlier invoices billed
            session.exec(
                select(func.count()).select_from(Proposal).where(Proposal.state == "rejected")
            ).one(),
            # a person remembered a recurring charge, or revoked one
            session.exec(select(func.count()).select_from(RecurringAgreement)).one(),
            session.exec(select(func.max(RecurringAgreement.revoked_at))).one(),
        )

    def get(self, ctx: StageContext) -> Mirror:
        key = self._freshness(ctx.session)
        with self._lock:
            if self._mirror is None or key != self._key:
                self._mirror = load_mirror(ctx.session)
                self._key = key
            return self._mirror

    def clear(self) -> None:
        with self._lock:
            self._key, self._mirror = None, None
        close_document_indexes()

    def recorded(
        self, ctx: StageContext, invoice: InvoiceExtraction, rec: Reconciliation, *, relink: bool = False
    ) -> None:
        """Keep the cached mirror current after this process recorded a reconciliation. With `relink`,
        credit notes of the vendor that arrived before the invoice they correct are linked now (their
        proposals recalculated)."""
        with self._lock:
            if self._mirror is None:
                return
            self._mirror.record(invoice, rec)
            if relink:
                for check in relink_credit_notes(ctx.session, self._mirror, rec):
                    upsert_proposal(ctx.session, check.proposal, actor="reconcile")
                    settle_credit_requests(ctx.session, check.reconciliation)
            self._key = self._freshness(ctx.session)


_mirrors = _MirrorCache()


def reset_caches() -> None:
    """Drop in-process caches tied to a data folder (call after deleting or replacing one)."""
    _mirrors.clear()


def _text_hash(parsed: ParsedDocument) -> str:
    """The document's text with whitespace and case normalised: the same invoice printed twice."""
    text = re.sub(r"\s+", " ", parsed.full_text()).strip().lower()
    return hashlib.sha256(text.encode()).hexdigest()


def reconcile(ctx: StageContext) -> StageResult:
    """extracted -> reconciled (invoices): vendor, PO, receipt, duplicates, tolerances; every check
    with its reason. The result is stored as the invoice's current reconciliation."""
    assert ctx.document.id is not None and ctx.document.parsed is not None
    invoice = ctx.session.exec(select(Invoice).where(Invoice.document_id == ctx.document.id)).one()
    assert invoice.id is not None
    extraction = InvoiceExtraction.model_validate(invoice.extraction)
    parsed = ParsedDocument.model_validate(ctx.document.parsed)
    mirror = _mirrors.get(ctx)
    policy = load_policy(ctx.session)
    # the mirror stays in this process (it is the whole ERP); the document's text is read under the
    # stage's time budget all the same
    text_hash = _text_hash(parsed) if parsed.full_text().strip() else None

    def reconciled(mirror: Mirror) -> Reconciliation:
        return reconcile_invoice(
            extraction,
            mirror,
            policy,
            document_id=ctx.document.id,
            text_hash=text_hash,
            document_text=document_text(parsed),
        )

    try:
        with time_limit(ctx.settings.budget.seconds, "reconciling the document's text"):
            rec = reconciled(mirror)
            if _reprint_paid_since(ctx.session, rec):
                # a reminder reprinting this invoice was approved for payment after the cached mirror was
                # read: reconciled again on the mirror as it is now (where it is an earlier copy: a duplicate)
                _mirrors.clear()
                rec = reconciled(_mirrors.get(ctx))
    except BudgetExceeded:
        _mirrors.clear()  # stopped midway: the cached mirror's lazy indexes may be half built
        raise
    record_reconciliation(ctx.session, invoice.id, rec)
    _mirrors.recorded(ctx, extraction, rec, relink=True)
    settle_credit_requests(ctx.session, rec)  # a credit note settling an invoice's overcharge: the pair
    exceptions = ", ".join(sorted(t.value for t in rec.exception_types()))
    return StageResult(
        DocumentState.RECONCILED, f"{rec.status.value}{': ' + exceptions if exceptions else ''}"
    )


def _reprint_paid_since(session: Session, rec: Reconciliation) -> bool:
    """Whether a document the reconciler took for a reminder reprinting this invoice (never paid, so no
    earlier copy of it) has an approval for payment: a person paid from the reprint. Looked up only when
    the reconciler found such a reprint (rare), so the cached mirror need not follow every decision."""
    earlier = {
        int(doc)
        for check in rec.checks
        if check.name == "reminder_reprints_it"
        for doc in check.compared.get("earlier", "").split(", ")
        if doc.isdigit()
    }
    if not earlier:
        return False
    approved = session.exec(
        select(Proposal.payload).where(
            col(Proposal.document_id).in_(earlier), col(Proposal.state).in_(("approved", "executed"))
        )
    ).all()
    return any(isinstance(p, dict) and p.get("action") == "approve_payment" for p in approved)


def propose(ctx: StageContext) -> StageResult:
    """reconciled -> proposed (invoices): approve, hold with the reason, or request a credit note."""
    assert ctx.document.id is not None
    row = ctx.session.exec(
        select(InvoiceReconciliation).where(
            InvoiceReconciliation.document_id == ctx.document.id,
            InvoiceReconciliation.current == True,  # noqa: E712
        )
    ).one()
    rec = Reconciliation.model_validate(row.result)
    invoice = ctx.session.exec(select(Invoice).where(Invoice.document_id == ctx.document.id)).one()
    extraction = InvoiceExtraction.model_validate(invoice.extraction) if invoice.extraction else None
    draft = pair_credit_notes(ctx.session, rec, propose_invoice_action(rec, extraction), extraction)
    proposal = queue_invoice_proposal(ctx.session, draft.model_copy(update={"document_id": ctx.document.id}))
    return StageResult(DocumentState.PROPOSED, f"proposal #{proposal.id}: {draft.kind.value}")


def queue_for_review(ctx: StageContext) -> StageResult:
    """proposed -> in_review, or done when the autonomy policy lets the decision pass by itself
    (recording the rule that made it). Deterministic policy code decides, never a model."""
    assert ctx.document.id is not None
    proposal = ctx.session.exec(
        select(Proposal).where(Proposal.document_id == ctx.document.id, Proposal.state == "pending")
    ).first()
    if proposal is None:
        return StageResult(DocumentState.IN_REVIEW, "no pending proposal; waiting for a reviewer")
    automatic = decide_automatically(ctx.session, proposal)
    if automatic is not None:
        return StageResult(
            DocumentState.DONE, f"auto-approved by rule {automatic.rule_id} ({automatic.policy_version})"
        )
    verdict = evaluate_autonomy(ctx.session, proposal)
    return StageResult(DocumentState.IN_REVIEW, "waiting for a reviewer: " + "; ".join(verdict.reasons))


def analyse(ctx: StageContext) -> StageResult:
    """parsed -> extracted (conversations): sentiment, urgency, intent, with evidence."""
    assert ctx.document.id is not None and ctx.document.parsed is not None
    transcript = ParsedDocument.model_validate(ctx.document.parsed).transcript
    if transcript is None:
        raise RejectedInput("malformed_transcript", "the parsed document holds no transcript")
    if ctx.settings.llm.configured:  # the model's reading, cross-checked against the offline engine
        from opsloop.converse.llm import analyse_conversation_llm

        analysis = analyse_conversation_llm(
            transcript, settings=ctx.settings, session=ctx.session, document_id=ctx.document.id
        )
    else:
        budget = ctx.settings.budget
        analysis = run_bounded(
            budget,
            None,
            analyse_offline,
            transcript,
            _mirror_names(ctx.session),
            max_message_chars=budget.max_message_chars,
        )
    save_conversation(ctx.session, ctx.document.id, transcript, analysis)
    return StageResult(
        DocumentState.EXTRACTED,
        f"{analysis.analysis_method}: {analysis.sentiment.label.value}, urgency {analysis.urgency.value}, "
        f"intent {analysis.intent or 'unknown'}",
    )


def _mirror_names(session: Session) -> list[str]:
    """Vendor and item names of the ERP mirror (and vendors' names without the legal form): they
    carry no sentiment in a conversation."""
    from opsloop.reconcile.normalise import normalise_name

    vendors = list(session.exec(select(Vendor.name)))
    items = list(session.exec(select(Item.name)))
    return sorted({*vendors, *(normalise_name(v) for v in vendors), *items} - {""})


def settle_conversation(ctx: StageContext) -> StageResult:
    """extracted -> done (conversations): analysed conversations feed the metrics and the staffing
    planner, which read them from the database; nothing waits on a person."""
    return StageResult(DocumentState.DONE, "analysed; counted in the support metrics")


def _engine_fingerprint(settings: Settings) -> str:
    return f"{settings.extract.engine}:{settings.llm.model or ''}"


def default_stages() -> list[Stage]:
    return [
        Stage("parse", DocumentState.RECEIVED, ALL, parse, untrusted=True),
        Stage(
            "extract",
            DocumentState.PARSED,
            INVOICES,
            extract,
            fingerprint=_engine_fingerprint,
            untrusted=True,
        ),
        Stage("reconcile", DocumentState.EXTRACTED, INVOICES, reconcile),
        Stage("propose", DocumentState.RECONCILED, INVOICES, propose),
        Stage("review", DocumentState.PROPOSED, INVOICES, queue_for_review),
        Stage("analyse", DocumentState.PARSED, CONVERSATIONS, analyse, untrusted=True),
        Stage("settle", DocumentState.EXTRACTED, CONVERSATIONS, settle_conversation),
    ]


def default_pipeline() -> Pipeline:
    return Pipeline(default_stages())
