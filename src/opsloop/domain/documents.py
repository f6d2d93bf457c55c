"""Documents and the states they move through."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, Field, PrivateAttr

from opsloop.domain.conversations import Transcript


class DocumentKind(StrEnum):
    """What a file is, sniffed from its content (not its extension)."""

    PDF = "pdf"
    """A PDF (an invoice, possibly carrying an embedded e-invoice)."""
    EINVOICE = "einvoice"
    """A standalone e-invoice XML file (UN/CEFACT CII or UBL 2.1)."""
    CHAT_JSON = "chat_json"
    CHAT_CSV = "chat_csv"
    CHAT_TEXT = "chat_text"
    CHAT_EMAIL = "chat_email"

    @property
    def family(self) -> DocumentFamily:
        if self in (DocumentKind.PDF, DocumentKind.EINVOICE):
            return DocumentFamily.INVOICE
        return DocumentFamily.CONVERSATION


class DocumentFamily(StrEnum):
    INVOICE = "invoice"
    CONVERSATION = "conversation"


class DocumentState(StrEnum):
    RECEIVED = "received"
    PARSED = "parsed"
    EXTRACTED = "extracted"
    RECONCILED = "reconciled"
    PROPOSED = "proposed"
    IN_REVIEW = "in_review"
    DONE = "done"
    NEEDS_OCR = "needs_ocr"
    """Parked: the PDF has no text layer; nothing is guessed. It resumes when OCR is available."""
    QUARANTINED = "quarantined"
    FAILED = "failed"
    """A stage raised; `failure_reason` says why and `opsloop retry ID` runs it again."""

    @property
    def is_terminal(self) -> bool:
        return self in TERMINAL_STATES

    @property
    def needs_reason(self) -> bool:
        return self in (DocumentState.QUARANTINED, DocumentState.FAILED, DocumentState.NEEDS_OCR)


TERMINAL_STATES = frozenset({DocumentState.DONE, DocumentState.QUARANTINED, DocumentState.FAILED})

PIPELINE_ORDER: tuple[DocumentState, ...] = (
    DocumentState.RECEIVED,
    DocumentState.PARSED,
    DocumentState.EXTRACTED,
    DocumentState.RECONCILED,
    DocumentState.PROPOSED,
    DocumentState.IN_REVIEW,
    DocumentState.DONE,
)


class QuarantineReason(BaseModel):
    """Why a file was refused; written beside it as `<name>.reason.json`."""

    code: str
    """Machine-readable: empty, truncated, encrypted, password_protected, zero_pages, oversized,
    unknown_format, signed_envelope, unsupported_einvoice, malformed_xml, malformed_json,
    malformed_transcript, unreadable, absurd_amount;
    a broken budget: time_budget_exceeded, memory_budget_exceeded, reader_crashed,
    decompression_limit, too_many_messages, interrupted_repeatedly."""
    message: str
    line: int | None = None
    """For text formats: the 1-based line where the problem is."""
    original_name: str
    original_path: str
    sha256: str | None = None
    size_bytes: int
    quarantined_at: datetime


class Word(BaseModel):
    """A word on a page and its box, in PDF points (1/72 inch) with the origin at the top-left corner
    of the page as displayed (its crop box, its rotation applied) and y growing down: the frame a
    rendered page image uses, scaled by dpi / 72."""

    text: str
    x0: float
    """Left edge."""
    y0: float
    """Top edge."""
    x1: float
    """Right edge."""
    y1: float
    """Bottom edge."""
    font_size: float | None = None
    """The font size in points the PDF sets the word in; for OCR, the height of the word's box
    (an estimate); None when unknown."""
    page: int
    """1-based page number."""
    confidence: float | None = None
    """For OCR'd words: Tesseract's confidence, 0-1. None for a text layer."""
    line: int | None = None
    """The reader's own line number for the word on its page when it has one (OCR: the line
    Tesseract found, which follows a slightly turned scan); None where lines are found by position."""

    @property
    def bbox(self) -> list[float]:
        return [self.x0, self.y0, self.x1, self.y1]


class PageText(BaseModel):
    number: int
    """1-based page number."""
    text: str
    """Layout text: one text line per line of words, columns kept as runs of two or more spaces."""
    width: float | None = None
    """The page's width in points as displayed (None when the reader did not measure it)."""
    height: float | None = None
    """The page's height in points as displayed."""
    rotation: int = 0
    """Degrees clockwise the frame of `width`, `height` and the word boxes is turned from the page as
    displayed: 0 but for a page whose text runs top to bottom when displayed (its words are read in
    the frame where the text runs left to right)."""
    words: list[Word] = Field(default_factory=list)
    """Every word of the page with its box (empty when the reader had no positions: a fallback
    reader, or text given without a page)."""
    source: Literal["text_layer", "ocr", "ocr_layer"] = "text_layer"
    """Where the text came from: the PDF's own text layer, OCR of the rendered page, or the PDF's own text
    layer where it is an OCR layer (invisible text under a scan, words placed as the OCR engine found them)."""
    ocr_confidence: float | None = None
    """For OCR'd pages: the mean word confidence (0-1) Tesseract gave."""
    _layout: Any = PrivateAttr(default=None)
    """The lines laid out from `words` once, kept with the list they were laid out from (readers
    lay a page out to write its text; the rules engine reads the same lines again)."""


class EmbeddedFile(BaseModel):
    name: str
    content: str
    """The attachment's text (e-invoice XML), decoded as UTF-8."""


class ParsedDocument(BaseModel):
    """What the parse stage read from a file: page texts for PDFs, the XML for e-invoices,
    the raw text for transcripts. Input to extraction and analysis."""

    kind: DocumentKind
    pages: list[PageText] = Field(default_factory=list)
    embedded: list[EmbeddedFile] = Field(default_factory=list)
    text: str | None = None
    """Whole-document text for non-paged kinds (XML, transcripts)."""
    truncated_pages: int = 0
    """Pages not read: past `extract.max_pages` or `budget.max_words`, or after a page that broke the reader."""
    transcript: Transcript | None = None
    """For chat kinds: the conversation as read from the file."""

    @property
    def has_text_layer(self) -> bool:
        if self.kind is not DocumentKind.PDF:
            return bool(self.text and self.text.strip())
        return any(p.text.strip() for p in self.pages)

    def full_text(self) -> str:
        if self.kind is DocumentKind.PDF:
            return "\n\f".join(p.text for p in self.pages)
        return self.text or ""
