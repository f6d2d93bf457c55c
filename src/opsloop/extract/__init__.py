"""Invoice extraction: the e-invoice reader (exact), the offline rules engine, and self-checks.

`auto` uses the embedded or standalone e-invoice when there is one (unless text_only), else the LLM
chain cross-checked by the rules engine when an endpoint is configured, else rules. `llm` asks the
model (with the rules engine as cross-check and fallback) and needs an endpoint.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from opsloop.domain.documents import DocumentKind, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.errors import EngineUnavailable, RejectedInput
from opsloop.extract.checks import run_checks
from opsloop.extract.einvoice import is_einvoice, read_einvoice
from opsloop.extract.evidence import fill_missing
from opsloop.extract.known import KnownVendor
from opsloop.extract.rules import extract_rules
from opsloop.extract.rules.issuers import load_templates
from opsloop.extract.scorer.model import FieldModel, load_model
from opsloop.extract.terms import read_payment_terms
from opsloop.ocr.confidence import discount_ocr_fields
from opsloop.ocr.images import discount_image_fields, extract_reading_images
from opsloop.ocr.scan import needs_ocr

if TYPE_CHECKING:
    from sqlmodel import Session

    from opsloop.extract.llm.examples import FewShotExample
    from opsloop.settings import ExtractSettings, Settings

ENGINES: tuple[str, ...] = ("auto", "einvoice", "rules", "llm")
NO_TEXT_LAYER = "no text layer: the PDF is a scan and needs OCR; nothing was guessed"


def _einvoice_source(parsed: ParsedDocument) -> str | None:
    if parsed.kind is DocumentKind.EINVOICE and parsed.text:
        return parsed.text
    for attachment in parsed.embedded:
        if is_einvoice(attachment.content):
            return attachment.content
    return None


def uses_llm(
    parsed: ParsedDocument, engine: str, settings: Settings | None, *, text_only: bool = False
) -> bool:
    """Whether `extract_invoice` asks the model for this document (else it needs no model at all)."""
    llm_ready = settings is not None and settings.llm.configured
    source = None if text_only else _einvoice_source(parsed)
    return llm_ready and parsed.has_text_layer and (engine == "llm" or (engine == "auto" and source is None))


def extract_invoice(
    parsed: ParsedDocument,
    *,
    engine: str = "auto",
    text_only: bool = False,
    known_vendors: Sequence[KnownVendor] = (),
    settings: Settings | None = None,
    session: Session | None = None,
    document_id: int | None = None,
    rules_result: InvoiceExtraction | None = None,
    examples: Sequence[FewShotExample] = (),
    options: ExtractSettings | None = None,
) -> InvoiceExtraction:
    """Extract an invoice from a parsed PDF or e-invoice; every field carries evidence or a reason.
    `settings` (the LLM endpoint), `session` (call records, cache), `document_id` and `examples`
    (corrected documents like this one, for the prompt) serve the LLM chain; `rules_result` is the
    rules engine's reading when the caller has it already (the model's cross-check). `options`: the
    rules engine's settings (field model, issuer templates); else those of `settings`, else the environment's."""
    if engine not in ENGINES:
        raise RejectedInput(
            "unknown_engine", f"Unknown engine {engine!r}; choose one of {', '.join(ENGINES)}."
        )
    llm_ready = settings is not None and settings.llm.configured
    if engine == "llm" and not llm_ready:
        raise EngineUnavailable("No LLM endpoint is configured, so the LLM extraction chain cannot run.")
    source = None if text_only else _einvoice_source(parsed)
    if uses_llm(parsed, engine, settings, text_only=text_only):
        from opsloop.extract.llm import extract_invoice_llm

        assert settings is not None
        rules = rules_result or extract_invoice(
            parsed, engine="rules", text_only=True, known_vendors=known_vendors
        )
        answer = extract_invoice_llm(
            parsed,
            settings=settings,
            session=session,
            known_vendors=known_vendors,
            rules_result=rules,
            document_id=document_id,
            examples=examples,
        )
        answer = discount_image_fields(discount_ocr_fields(answer, parsed), parsed)
        answer.payment_terms = read_payment_terms([*answer.notes, parsed.full_text()])
        return answer
    if engine == "einvoice" and source is None:
        raise RejectedInput(
            "no_einvoice",
            "The document carries no CII, UBL or FatturaPA e-invoice"
            + (" (--text-only ignores attachments)." if text_only else "."),
        )
    if source is not None and engine in ("auto", "einvoice"):
        result = read_einvoice(source)
        result.payment_terms = read_payment_terms(result.notes)  # (the XML's terms, not the page's)
    elif parsed.kind is DocumentKind.EINVOICE:
        raise RejectedInput(
            "unknown_format", "The XML is not an e-invoice the rules engine can read as text."
        )
    elif not parsed.has_text_layer:
        result = InvoiceExtraction(extraction_method="rules")
        fill_missing(result, NO_TEXT_LAYER)
        result.checks = run_checks(result)
        return result
    else:
        from opsloop.settings import environment_settings

        options = options or (settings or environment_settings()).extract
        result = discount_image_fields(
            discount_ocr_fields(
                extract_rules(
                    parsed,
                    known_vendors,
                    templates=load_templates(options.issuer_templates),
                    model=field_model(options),
                ),
                parsed,
            ),
            parsed,
        )
        result.payment_terms = read_payment_terms([*result.notes, parsed.full_text()])
    fill_missing(result, "not found")
    result.checks = run_checks(result)
    return result


def field_model(options: ExtractSettings) -> FieldModel | None:
    """The learned field scorer the settings ask for: the shipped model, another file, or none."""
    if options.field_scorer == "rules":
        return None
    return load_model(str(options.field_model) if options.field_model is not None else None)


def parse_file(path: Path, *, max_pages: int = 200, attachments: bool = True) -> ParsedDocument:
    """Read a PDF or an XML e-invoice from disk, sniffing the content (not the extension);
    ``attachments=False`` skips a PDF's embedded files (text-only extraction ignores them)."""
    from opsloop.ingest.readers.pdf import read_pdf
    from opsloop.ingest.sniff import SIGNED_ENVELOPE_REASON, is_signed_envelope

    data = path.read_bytes()
    if is_signed_envelope(data):
        raise RejectedInput("signed_envelope", f"{path.name} is {SIGNED_ENVELOPE_REASON}.")
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if b"%PDF-" in data[:1024]:
        return read_pdf(data, max_pages=max_pages, attachments=attachments)
    if head.startswith(b"<"):
        return ParsedDocument(kind=DocumentKind.EINVOICE, text=data.decode("utf-8", errors="replace"))
    raise RejectedInput("unknown_format", f"{path.name} is neither a PDF nor an XML e-invoice.")


def extract_file(
    path: Path,
    *,
    engine: str = "auto",
    text_only: bool = False,
    known_vendors: Sequence[KnownVendor] = (),
    settings: Settings | None = None,
) -> InvoiceExtraction:
    """Extract an invoice from a file on disk (PDF or standalone XML e-invoice). A scanned PDF (no
    text layer, no e-invoice) is OCR'd when Tesseract is available (`settings.ocr`), and so are the
    images of a text-layer page whose text names no seller (`opsloop.ocr.images`)."""
    from opsloop.settings import Settings, environment_settings

    parsed = parse_file(path, attachments=not text_only)
    if needs_ocr(parsed):
        from opsloop.ocr import read_scan

        parsed = read_scan(parsed, path.read_bytes(), settings or Settings()).parsed

    def extract(document: ParsedDocument) -> InvoiceExtraction:
        return extract_invoice(
            document, engine=engine, text_only=text_only, known_vendors=known_vendors, settings=settings
        )

    ocr = (settings or environment_settings()).ocr
    return extract_reading_images(parsed, path.read_bytes(), ocr, extract)[1]


__all__ = ["KnownVendor", "extract_file", "extract_invoice", "parse_file", "uses_llm"]
