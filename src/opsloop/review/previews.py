"""The document beside the decision: PDF pages rendered as images (PDFium through pypdfium2) and
cached under the data folder, their sizes in points for the evidence boxes, and the e-invoice XML.

Rendering is bounded like reading is: at most `extract.max_pages` pages, at most MAX_PIXELS per page;
one PDFium call at a time in the process (the lock the reader and OCR share)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from pathlib import Path

import pypdfium2 as pdfium

from opsloop.errors import NotFoundError
from opsloop.ingest.readers.pdf import PDFIUM_LOCK
from opsloop.settings import Settings
from opsloop.store.tables import Document

MAX_PIXELS = 12_000_000
"""A page larger than this at the preview resolution (a poster, a broken media box) is drawn smaller."""


class PreviewUnavailable(NotFoundError):
    hint = "The original file is kept in the archive; open it there, or re-ingest it."


def _cache_dir(settings: Settings, document: Document) -> Path:
    return settings.data_dir / "cache" / "pages" / document.sha256[:2] / document.sha256


def document_bytes(document: Document) -> bytes:
    """The archived file of `document` (PreviewUnavailable when it is gone)."""
    if not document.stored_path:
        raise PreviewUnavailable(f"document {document.id} has no stored file")
    path = Path(document.stored_path)
    try:
        return path.read_bytes()
    except OSError as error:
        raise PreviewUnavailable(f"document {document.id}'s file cannot be read: {error.strerror}") from error


def page_sizes(settings: Settings, document: Document) -> list[tuple[float, float]]:
    """Each page's (width, height) in points as displayed, as the reader measured them (else PDFium),
    for at most `extract.max_pages` pages; cached beside the page images."""
    parsed_pages = (document.parsed or {}).get("pages") or []
    measured = [
        (float(p["height"]), float(p["width"]))
        if p.get("rotation") in (90, 270)  # the reader's frame is turned; the page is shown upright
        else (float(p["width"]), float(p["height"]))
        for p in parsed_pages
        if isinstance(p, dict) and p.get("width") and p.get("height")
    ]
    if measured and len(measured) == len(parsed_pages):
        return measured
    cache = _cache_dir(settings, document) / "sizes.json"
    if cache.exists():
        return [(float(w), float(h)) for w, h in json.loads(cache.read_text(encoding="utf-8"))]
    data = document_bytes(document)
    with PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            raise PreviewUnavailable(f"document {document.id} cannot be opened as a PDF: {error}") from error
        try:
            sizes = []
            for index in range(min(len(pdf), settings.extract.max_pages)):
                page = pdf[index]
                try:
                    width, height = page.get_size()
                    if page.get_rotation() in (90, 270):
                        width, height = height, width
                    sizes.append((float(width), float(height)))
                finally:
                    page.close()
        finally:
            pdf.close()
    _write_atomically(cache, json.dumps(sizes).encode())
    return sizes


def turned_pages(document: Document) -> set[int]:
    """Pages the reader read in a turned frame (text running down the page): their boxes are in that
    frame, not the page as shown, so the workspace draws none there rather than a misplaced one."""
    return {
        int(p["number"])
        for p in (document.parsed or {}).get("pages") or []
        if isinstance(p, dict) and p.get("rotation") not in (None, 0) and p.get("number")
    }


def page_image(settings: Settings, document: Document, number: int) -> Path:
    """Page `number` (1-based) of a PDF document as a PNG at `review.preview_dpi`, rendered once and
    kept under `<data dir>/cache/pages/`."""
    if document.kind != "pdf":
        raise PreviewUnavailable(f"document {document.id} is not a PDF; it has no pages to show")
    dpi = settings.review.preview_dpi
    target = _cache_dir(settings, document) / f"{dpi}-{number}.png"
    if target.exists():
        return target
    data = document_bytes(document)
    with PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            raise PreviewUnavailable(f"document {document.id} cannot be opened as a PDF: {error}") from error
        try:
            if not 1 <= number <= min(len(pdf), settings.extract.max_pages):
                raise PreviewUnavailable(f"document {document.id} has no page {number}")
            page = pdf[number - 1]
            try:
                width, height = page.get_size()
                area = max(1.0, width * height) / (72.0 * 72.0)
                scale = min(dpi, int((MAX_PIXELS / area) ** 0.5)) / 72.0
                bitmap = page.render(scale=scale, may_draw_forms=True)
                try:
                    image = bitmap.to_pil()
                    buffer = io.BytesIO()
                    image.save(buffer, format="PNG", optimize=False)
                finally:
                    bitmap.close()
            finally:
                page.close()
        finally:
            pdf.close()
    _write_atomically(target, buffer.getvalue())
    return target


def einvoice_xml(document: Document) -> str | None:
    """The e-invoice XML of a document: the file itself for a standalone e-invoice, the embedded
    attachment for a PDF that carries one (None: there is none)."""
    parsed = document.parsed or {}
    embedded = [e for e in parsed.get("embedded") or [] if isinstance(e, dict) and e.get("content")]
    if embedded:
        return str(embedded[0]["content"])
    if document.kind == "einvoice":
        text = parsed.get("text")
        if text:
            return str(text)
        data = document_bytes(document)
        return data.decode("utf-8", errors="replace")
    return None


def etag(document: Document, number: int, dpi: int) -> str:
    return hashlib.sha256(f"{document.sha256}:{number}:{dpi}".encode()).hexdigest()[:32]


def _write_atomically(target: Path, body: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".preview-", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(body)
        Path(temp).replace(target)
    finally:
        Path(temp).unlink(missing_ok=True)
