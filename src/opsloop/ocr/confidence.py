"""Fields read from OCR text are less certain than fields read from a text layer."""

from __future__ import annotations

import statistics

from opsloop.domain.documents import ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction

OCR_TRUST = 0.9
"""Even a page Tesseract read with full confidence keeps this factor: a misread digit can look right."""
OCR_METHOD_PREFIX = "ocr+"


def ocr_confidences(parsed: ParsedDocument) -> dict[int, float]:
    """Page number -> mean OCR word confidence (0-1), for the pages whose text came from OCR: ours, or an
    OCR layer another program put under a scan (its word confidences unknown: 1.0, so that its fields keep
    OCR_TRUST's doubt and no more)."""
    return {
        p.number: p.ocr_confidence
        if p.ocr_confidence is not None
        else (1.0 if p.source == "ocr_layer" else 0.0)
        for p in parsed.pages
        if p.source in ("ocr", "ocr_layer")
    }


def discount_ocr_fields(result: InvoiceExtraction, parsed: ParsedDocument) -> InvoiceExtraction:
    """Scale every field's confidence by OCR_TRUST x the OCR confidence of the page it was read from
    (the document's mean when the evidence names no page), and mark the method `ocr+...`. A document
    with no OCR'd page is returned as it was."""
    pages = ocr_confidences(parsed)
    if not pages:
        return result
    document = statistics.fmean(pages.values())
    for name, evidence in result.fields.items():
        if evidence.confidence <= 0.0:
            continue
        page = pages.get(evidence.page, document) if evidence.page is not None else document
        update: dict[str, object] = {"confidence": round(evidence.confidence * OCR_TRUST * page, 4)}
        if evidence.reason is None:
            update["reason"] = f"read by OCR (page confidence {page:.2f})"
        result.fields[name] = evidence.model_copy(update=update)
    if not result.extraction_method.startswith(OCR_METHOD_PREFIX):
        result.extraction_method = OCR_METHOD_PREFIX + result.extraction_method
    return result
