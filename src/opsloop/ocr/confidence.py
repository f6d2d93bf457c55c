"""Fields read from OCR text are less certain than fields read from a text layer: how much less, per field
and per way the page was read, is a map fitted on training scans (`ocr_calibration.json`, written by
`python -m evals.train_ocr`)."""

from __future__ import annotations

import json
import math
import statistics
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from opsloop.domain.documents import ParsedDocument
from opsloop.domain.invoices import OCR_METHOD_PREFIX, InvoiceExtraction
from opsloop.errors import ConfigError

OCR_TRUST = 0.9
"""The fixed discount a reading mode without a fitted map keeps: even a page Tesseract read with full
confidence keeps this factor, times the page's OCR confidence (a misread digit can look right)."""
CALIBRATION_FILE = "ocr_calibration.json"
FORMAT = 1
MODES = ("ocr_layer", "ocr")
"""How a page's text was read: another program's OCR layer under a scan (its word confidences unknown),
or opsloop's own OCR (the page's mean word confidence known)."""
IDENTITY = (1.0, 0.0, 0.0, 0.0)
"""The map that leaves the text layer's probability as it is (a, b, w, v: see `features`). A map of three
weights (one fitted before the words' confidence was read) reads as one whose v is 0."""
CLIP = 1e-4


def _logit(p: float) -> float:
    p = min(max(p, CLIP), 1 - CLIP)
    return math.log(p / (1 - p))


def features(confidence: float, page: float, mode: str, words: float | None = None) -> list[float]:
    """What a map reads: the logit of the probability the text layer's calibration gives the reading, a
    constant, and (own OCR only) the logit of the page's OCR word confidence and the logit of the lowest
    confidence of the words the reading was read from (``words``; the page's when unknown: no box, no
    words under it). A confident misread on a well-read page is often one doubtful word."""
    if mode != "ocr":
        return [_logit(confidence), 1.0, 0.0, 0.0]
    return [_logit(confidence), 1.0, _logit(page), _logit(page if words is None else words)]


def words_confidence(parsed: ParsedDocument, page: int | None, bbox: list[float] | None) -> float | None:
    """The lowest OCR confidence of the words on ``page`` whose box overlaps ``bbox`` (a field's printed
    place); None when the field has no place or no OCR'd word lies there."""
    if page is None or bbox is None or len(bbox) != 4:
        return None
    x0, y0, x1, y1 = bbox
    found = [
        w.confidence
        for p in parsed.pages
        if p.number == page
        for w in p.words
        if w.confidence is not None and w.x0 < x1 and x0 < w.x1 and w.y0 < y1 and y0 < w.y1
    ]
    return min(found) if found else None


@dataclass(frozen=True)
class OcrCalibration:
    """Per reading mode: a map per field (and one for the fields it lacks) from a reading's text-layer
    probability and its page's OCR confidence to the probability that the OCR'd reading is right."""

    modes: dict[str, tuple[tuple[float, ...], dict[str, tuple[float, ...]]]]

    @classmethod
    def parse(cls, raw: dict[str, Any]) -> OcrCalibration:
        if raw.get("format") != FORMAT:
            raise ValueError(f"format {raw.get('format')!r}, expected {FORMAT}")
        modes: dict[str, tuple[tuple[float, ...], dict[str, tuple[float, ...]]]] = {}
        for mode, spec in raw["modes"].items():
            if mode not in MODES:
                raise ValueError(f"reading mode {mode!r}: one of {', '.join(MODES)}")
            maps = {str(name): tuple(float(v) for v in theta) for name, theta in spec["fields"].items()}
            default = tuple(float(v) for v in spec["default"])
            if any(len(theta) not in (3, len(IDENTITY)) for theta in [default, *maps.values()]):
                raise ValueError(f"{mode}: each map holds 3 or {len(IDENTITY)} weights")
            pad = (0.0,) * len(IDENTITY)
            maps = {name: (theta + pad)[: len(IDENTITY)] for name, theta in maps.items()}
            modes[mode] = ((default + pad)[: len(IDENTITY)], maps)
        return cls(modes)

    def probability(
        self, mode: str, name: str, confidence: float, page: float, words: float | None = None
    ) -> float:
        """The probability that ``name`` read in ``mode`` with text-layer probability ``confidence`` on a
        page of OCR confidence ``page``, from words whose lowest OCR confidence is ``words`` (None:
        unknown), is right: never above ``confidence`` (OCR adds no certainty); a mode without a map keeps
        the fixed discount."""
        if confidence <= 0:
            return 0.0
        if mode not in self.modes:
            return confidence * OCR_TRUST * page
        default, maps = self.modes[mode]
        theta = maps.get(name.split("[", 1)[0], default)  # a table's row: the table's map
        x = features(confidence, page, mode, words)
        z = sum(w * v for w, v in zip((*theta, *IDENTITY[len(theta) :]), x, strict=True))
        return min(confidence, 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0))))


@lru_cache(maxsize=1)
def load_calibration() -> OcrCalibration:
    """The map shipped in this package; a file that is no map raises ConfigError naming it."""
    try:
        text = (resources.files("opsloop.ocr") / CALIBRATION_FILE).read_text(encoding="utf-8")
        return OcrCalibration.parse(json.loads(text))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(f"The OCR calibration {CALIBRATION_FILE} cannot be read: {exc}") from exc


def ocr_confidences(parsed: ParsedDocument) -> dict[int, float]:
    """Page number -> mean OCR word confidence (0-1), for the pages whose text came from OCR: ours, or an
    OCR layer another program put under a scan (its word confidences unknown: 1.0)."""
    return {
        p.number: p.ocr_confidence
        if p.ocr_confidence is not None
        else (1.0 if p.source == "ocr_layer" else 0.0)
        for p in parsed.pages
        if p.source in ("ocr", "ocr_layer")
    }


def discount_ocr_fields(
    result: InvoiceExtraction, parsed: ParsedDocument, calibration: OcrCalibration | None = None
) -> InvoiceExtraction:
    """Give every field read from an OCR'd page (the document's OCR'd pages when the evidence names no
    page) the probability that the OCR'd reading is right (`OcrCalibration`, by the page's reading mode and
    OCR confidence), and mark the method `ocr+...`. A field read from a text-layer page of the same document
    keeps its confidence; a document with no OCR'd page is returned as it was."""
    pages = ocr_confidences(parsed)
    if not pages:
        return result
    calibration = calibration or load_calibration()
    sources = {p.number: p.source for p in parsed.pages if p.number in pages}
    document = statistics.fmean(pages.values())
    whole = "ocr" if "ocr" in sources.values() else "ocr_layer"
    for name, evidence in result.fields.items():
        if evidence.confidence <= 0.0:
            continue
        if evidence.page is None:
            mode, page = whole, document
        elif evidence.page in pages:
            mode, page = sources[evidence.page], pages[evidence.page]
        else:
            continue  # read from a page's text layer
        words = words_confidence(parsed, evidence.page, evidence.bbox) if mode == "ocr" else None
        probability = calibration.probability(mode, name, evidence.confidence, page, words)
        update: dict[str, object] = {"confidence": round(probability, 4)}
        if evidence.reason is None:
            update["reason"] = f"read by OCR (page confidence {page:.2f})"
        result.fields[name] = evidence.model_copy(update=update)
    if not result.extraction_method.startswith(OCR_METHOD_PREFIX):
        result.extraction_method = OCR_METHOD_PREFIX + result.extraction_method
    return result
