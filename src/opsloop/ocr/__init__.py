"""OCR for scanned PDFs (no text layer, no e-invoice) with Tesseract, an optional system package.

Pages are rendered with PDFium (pypdfium2), read by the `tesseract` binary, and rebuilt into layout
text from the word boxes, so the rules engine reads OCR text the way it reads a text layer. Without
the binary (or with `OPSLOOP_OCR__ENABLED=false`) nothing changes: scans wait in `needs_ocr`.
"""

from __future__ import annotations

from opsloop.ocr.confidence import OcrCalibration, discount_ocr_fields, load_calibration, ocr_confidences
from opsloop.ocr.layout import OcrWord, layout_text, mean_confidence, parse_tsv
from opsloop.ocr.scan import OcrPage, OcrResult, ScanReading, needs_ocr, ocr_pdf, read_scan
from opsloop.ocr.tesseract import (
    OCR_UNAVAILABLE,
    OcrFailed,
    OcrStatus,
    find_tesseract,
    installed_languages,
    ocr_status,
)

__all__ = [
    "OCR_UNAVAILABLE",
    "OcrCalibration",
    "OcrFailed",
    "OcrPage",
    "OcrResult",
    "OcrStatus",
    "OcrWord",
    "ScanReading",
    "discount_ocr_fields",
    "find_tesseract",
    "installed_languages",
    "layout_text",
    "load_calibration",
    "mean_confidence",
    "needs_ocr",
    "ocr_confidences",
    "ocr_pdf",
    "ocr_status",
    "parse_tsv",
    "read_scan",
]
