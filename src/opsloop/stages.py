"""The default pipeline: adapters from the stage functions (`read_pdf`, `extract_invoice`,
`analyse_conversation`, ...) to the runner, with their persistence. Registered in order."""

from __future__ import annotations

from lxml import etree
from sqlmodel import select

from opsloop.converse import analyse_conversation, read_transcript
from opsloop.domain.documents import DocumentFamily, DocumentKind, DocumentState, ParsedDocument
from opsloop.errors import RejectedInput, StageError
from opsloop.extract import KnownVendor, extract_invoice
from opsloop.ingest.readers.pdf import read_pdf
from opsloop.ingest.sniff import safe_xml_parser
from opsloop.pipeline import Pipeline, Stage, StageContext, StageResult
from opsloop.settings import Settings
from opsloop.store.conversations import save_conversation
from opsloop.store.invoices import save_invoice
from opsloop.store.tables import Vendor

INVOICES = frozenset({DocumentFamily.INVOICE})
CONVERSATIONS = frozenset({DocumentFamily.CONVERSATION})
ALL = INVOICES | CONVERSATIONS


def parse(ctx: StageContext) -> StageResult:
    """received -> parsed: read the file into page texts, e-invoice XML or a transcript."""
    if ctx.document.kind is None:
        raise StageError(f"document {ctx.document.id} has no kind; it should have been quarantined")
    kind = DocumentKind(ctx.document.kind)
    data = ctx.read_bytes()
    if kind is DocumentKind.PDF:
        parsed = read_pdf(data, max_pages=ctx.settings.extract.max_pages)
    elif kind is DocumentKind.EINVOICE:
        parsed = ParsedDocument(kind=kind, text=_xml_text(data))
    else:
        parsed = ParsedDocument(kind=kind, transcript=read_transcript(data, kind))
    ctx.document.parsed = parsed.model_dump(mode="json")
    ctx.session.add(ctx.document)
    if kind is DocumentKind.PDF and not parsed.has_text_layer and not parsed.embedded:
        return StageResult(
            DocumentState.NEEDS_OCR,
            "the PDF has no text layer (a scan?) and carries no e-invoice; nothing is guessed: "
            "it waits for OCR",
        )
    return StageResult(DocumentState.PARSED)


def _xml_text(data: bytes) -> str:
    try:
        root = etree.fromstring(data, parser=safe_xml_parser())
    except etree.XMLSyntaxError as error:
        raise RejectedInput("malformed_xml", f"the XML is not well-formed: {error.msg}") from error
    return etree.tostring(root, encoding="unicode")


def extract(ctx: StageContext) -> StageResult:
    """parsed -> extracted (invoices): fill the extraction contract and store the Invoice row."""
    assert ctx.document.id is not None and ctx.document.parsed is not None
    parsed = ParsedDocument.model_validate(ctx.document.parsed)
    vendors = ctx.session.exec(select(Vendor).where(Vendor.active == True)).all()  # noqa: E712
    known = [KnownVendor(erp_id=v.erp_id, name=v.name, vat_id=v.vat_id, iban=v.iban) for v in vendors]
    extraction = extract_invoice(parsed, engine=ctx.settings.extract.engine, known_vendors=known)
    save_invoice(ctx.session, ctx.document.id, extraction)
    found = extraction.invoice_number or "no invoice number"
    return StageResult(DocumentState.EXTRACTED, f"{extraction.extraction_method}: {found}")


def analyse(ctx: StageContext) -> StageResult:
    """parsed -> extracted (conversations): sentiment, urgency, intent, with evidence."""
    assert ctx.document.id is not None and ctx.document.parsed is not None
    transcript = ParsedDocument.model_validate(ctx.document.parsed).transcript
    if transcript is None:
        raise RejectedInput("malformed_transcript", "the parsed document holds no transcript")
    analysis = analyse_conversation(transcript)
    save_conversation(ctx.session, ctx.document.id, transcript, analysis)
    return StageResult(
        DocumentState.EXTRACTED,
        f"{analysis.analysis_method}: {analysis.sentiment.label.value}, urgency {analysis.urgency.value}, "
        f"intent {analysis.intent or 'unknown'}",
    )


def settle_conversation(ctx: StageContext) -> StageResult:
    """extracted -> done (conversations): analysed conversations feed the metrics and the staffing
    planner, which read them from the database; nothing waits on a person."""
    return StageResult(DocumentState.DONE, "analysed; counted in the support metrics")


def _engine_fingerprint(settings: Settings) -> str:
    return f"{settings.extract.engine}:{settings.llm.model or ''}"


def default_stages() -> list[Stage]:
    return [
        Stage("parse", DocumentState.RECEIVED, ALL, parse),
        Stage("extract", DocumentState.PARSED, INVOICES, extract, fingerprint=_engine_fingerprint),
        Stage("analyse", DocumentState.PARSED, CONVERSATIONS, analyse),
        Stage("settle", DocumentState.EXTRACTED, CONVERSATIONS, settle_conversation),
    ]


def default_pipeline() -> Pipeline:
    return Pipeline(default_stages())
