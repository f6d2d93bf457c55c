"""Reading a document's content: the work the stages hand to the sandbox (`opsloop.sandbox`).

Everything here takes bytes or models (and settings) and returns models; nothing touches the database
or a cache, so it runs the same in a budgeted worker process as inline. The PDF reader runs under
pypdf limits derived from `budget.max_stream_bytes` (a stream that inflates past them is a
decompression bomb: quarantined as `decompression_limit`), the text kept from a PDF is capped
(`budget.max_text_chars`, `budget.max_words`), and so are a conversation's messages (`budget.max_messages`).
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from lxml import etree
from pypdf import PdfReader, apply_configuration
from pypdf.errors import LimitReachedError

from opsloop.converse import analyse_conversation, read_transcript
from opsloop.domain.conversations import ConversationAnalysis, Transcript
from opsloop.domain.documents import DocumentKind, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.errors import RejectedInput
from opsloop.extract import KnownVendor, extract_invoice
from opsloop.extract.amounts import check_extraction_amounts
from opsloop.ingest.readers.pdf import read_pdf
from opsloop.ingest.sniff import parse_untrusted_xml
from opsloop.settings import BudgetSettings, ExtractSettings, Settings

DECOMPRESSION_LIMIT = "decompression_limit"
TOO_MANY_MESSAGES = "too_many_messages"


@contextmanager
def pdf_limits(budget: BudgetSettings) -> Iterator[None]:
    """pypdf's decompression and parsing limits, tightened to what an invoice can need."""
    most = budget.max_stream_bytes
    with apply_configuration(
        maximum_declared_stream_length=most,
        array_based_stream_maximum_output_length=most,
        zlib_maximum_output_length=most,
        lzw_maximum_output_length=most,
        run_length_maximum_output_length=most,
        brotli_maximum_output_length=most,
        jbig2_maximum_output_length=most,
        stream_decoding_work_maximum_length=4 * most,
    ):
        yield


def _form_streams(page: Any) -> list[Any]:
    """The form XObjects a page draws directly (their content is text too)."""
    try:
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        if xobjects is None:
            return []
        found = []
        for value in xobjects.get_object().values():
            stream = value.get_object()
            if stream.get("/Subtype") == "/Form":
                found.append(stream)
        return found
    except Exception:  # a broken resource dictionary is read_pdf's to report
        return []


def check_pdf_streams(data: bytes, max_pages: int) -> None:
    """Inflate every content stream, direct form XObject and attachment the reader will read (within
    the limits in force): RejectedInput(`decompression_limit`) when one inflates past them. Other
    problems are left for `read_pdf` to report."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            return
        for index in range(min(len(reader.pages), max_pages)):
            page = reader.pages[index]
            contents = page.get_contents()
            if contents is not None:
                contents.get_data()
            for form in _form_streams(page):
                form.get_data()
        dict(reader.attachments)
    except LimitReachedError as error:
        raise RejectedInput(
            DECOMPRESSION_LIMIT,
            f"a stream in the PDF inflates past the limit (a decompression bomb?): {error}",
        ) from error
    except Exception:
        return


def cut_text(parsed: ParsedDocument, max_chars: int) -> ParsedDocument:
    """`parsed` with at most `max_chars` of page text: later pages are dropped (counted in
    `truncated_pages`), the page that crosses the limit is cut."""
    kept = []
    total = 0
    for page in parsed.pages:
        if total >= max_chars:
            break
        text = page.text[: max_chars - total]
        kept.append(page if len(text) == len(page.text) else page.model_copy(update={"text": text}))
        total += len(text)
    if total < max_chars and len(kept) == len(parsed.pages):
        return parsed
    dropped = len(parsed.pages) - len(kept)
    return parsed.model_copy(update={"pages": kept, "truncated_pages": parsed.truncated_pages + dropped})


def read_pdf_bounded(data: bytes, settings: Settings) -> ParsedDocument:
    with pdf_limits(settings.budget):
        check_pdf_streams(data, settings.extract.max_pages)
        parsed = read_pdf(data, max_pages=settings.extract.max_pages, max_words=settings.budget.max_words)
    return cut_text(parsed, settings.budget.max_text_chars)


def xml_text(data: bytes) -> str:
    try:
        root = parse_untrusted_xml(data)
    except etree.XMLSyntaxError as error:
        raise RejectedInput("malformed_xml", f"the XML is not well-formed: {error.msg}") from error
    return etree.tostring(root, encoding="unicode")


def read_transcript_bounded(data: bytes, kind: DocumentKind, budget: BudgetSettings) -> Transcript:
    transcript = read_transcript(data, kind)
    if len(transcript.messages) > budget.max_messages:
        raise RejectedInput(
            TOO_MANY_MESSAGES,
            f"the conversation has {len(transcript.messages)} messages, more than the "
            f"{budget.max_messages} one conversation may hold (OPSLOOP_BUDGET__MAX_MESSAGES)",
        )
    return transcript


def read_document(data: bytes, kind: DocumentKind, settings: Settings) -> ParsedDocument:
    """A stored file read into page texts, e-invoice XML or a transcript (no OCR: a scan comes back
    without text, for `opsloop.ocr.read_scan`)."""
    if kind is DocumentKind.PDF:
        return read_pdf_bounded(data, settings)
    if kind is DocumentKind.EINVOICE:
        return ParsedDocument(kind=kind, text=xml_text(data))
    return ParsedDocument(kind=kind, transcript=read_transcript_bounded(data, kind, settings.budget))


def extract_offline(
    parsed: ParsedDocument,
    engine: str,
    known_vendors: Sequence[KnownVendor],
    *,
    text_only: bool = False,
    options: ExtractSettings | None = None,
) -> InvoiceExtraction:
    """The extraction engines that need no model (e-invoice, rules), amounts checked against their
    bounds; `options`, the settings' extract section (else the environment's)."""
    extraction = extract_invoice(
        parsed, engine=engine, text_only=text_only, known_vendors=known_vendors, options=options
    )
    check_extraction_amounts(extraction)
    return extraction


def analyse_offline(
    transcript: Transcript, names: Sequence[str] = (), *, max_message_chars: int | None = None
) -> ConversationAnalysis:
    """The offline analysis; `names` (the ERP mirror's vendor and item names) carry no sentiment. With
    `max_message_chars`, a longer message is analysed on its first that many characters (sentiment
    scoring grows faster than a message's length; the stored transcript keeps every message whole)."""
    if max_message_chars is not None and any(len(m.text) > max_message_chars for m in transcript.messages):
        transcript = transcript.model_copy(
            update={
                "messages": [
                    m
                    if len(m.text) <= max_message_chars
                    else m.model_copy(update={"text": m.text[:max_message_chars]})
                    for m in transcript.messages
                ]
            }
        )
    return analyse_conversation(transcript, names=names)
