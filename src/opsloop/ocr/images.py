"""Text printed inside the images of a text-layer page: the seller a letterhead logo, a footer band of company
data or a pasted block carries as a picture, while the rest of the page is text.

The rules read a page's text layer. Where they find no seller and the page holds images large enough to
carry a line of text, each such image's region is rendered at the OCR resolution and read by Tesseract; its
words, placed at their place on the page, join the page's words (a word the text layer already has there is
not added twice) and the page is laid out and read again. Bounded: only pages of a document the text layer
gave no seller, at most `OcrSettings.image_max_regions` images, none covering most of a page (that is a scan
under its own OCR layer), pages turned or read by OCR left alone. A word read from an image keeps
Tesseract's confidence on its `Word` (a text layer's words carry none): every field read from such words is
OCR-discounted (`discount_image_fields`) and the extraction's method says so (`image+rules`), which the
autonomy guard `read_from_image` keeps with a person. Without Tesseract nothing changes (one logged line).
"""

from __future__ import annotations

import logging
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument, Word
from opsloop.domain.invoices import IMAGE_METHOD_PREFIX, OCR_METHOD_PREFIX, InvoiceExtraction
from opsloop.ingest.layout import layout_text, page_lines
from opsloop.ingest.readers.pdf import PDFIUM_LOCK
from opsloop.ocr.confidence import OcrCalibration, load_calibration
from opsloop.ocr.languages import choose_languages
from opsloop.ocr.layout import page_words
from opsloop.ocr.tesseract import OcrFailed, OcrStatus, installed_languages, ocr_status, recognise_image
from opsloop.settings import OcrSettings

log = logging.getLogger(__name__)

MIN_WIDTH = 60.0
"""Points: an image narrower than this carries no line of a name or an address (a bullet, an icon)."""
MIN_HEIGHT = 10.0
"""Points: lower than a line of 7-point type with its leading."""
MAX_PAGE_SHARE = 0.5
"""An image over this share of the page is the page itself (a scan under an OCR layer, a background)."""
MIN_WORD_CONFIDENCE = 30.0
"""Tesseract's confidence (0-100) below which a word read in an image is left out: the strokes of a logo,
a photograph's texture."""
MAX_FORM_DEPTH = 4
"""Form XObjects nested deeper than this are not searched for images (stationery is one or two deep)."""
MARGIN_PT = 2.0
"""Rendered around an image's bounds: glyphs that touch its edge."""
MAX_PIXELS = 24_000_000
"""The images read for one document together, at the OCR resolution: more (a poster-sized page) is left unread."""
PAD_PX = 12
"""White pixels around the rendered region: Tesseract finds no line that touches the image's border."""


@dataclass(frozen=True)
class ImageRegion:
    """Where an image is drawn on a page, in the page's word frame (points, top-left origin)."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def area(self) -> float:
        return (self.x1 - self.x0) * (self.y1 - self.y0)


@dataclass
class ImageReading:
    """What reading a document's images gave: the document with the words read (when any) and a note."""

    parsed: ParsedDocument
    note: str
    read: bool = False
    """Words were read in an image and joined a page."""
    regions: list[ImageRegion] = field(default_factory=list)
    words: int = 0
    seconds: float = 0.0


def _image_bounds(
    page: pdfium.PdfPage,
    form: pdfium.PdfObject | None = None,
    matrix: pdfium.PdfMatrix | None = None,
    depth: int = 0,
) -> list[tuple[float, float, float, float]]:
    """The bounds, in page space, of the page's image objects and of those inside its form XObjects (stationery,
    a footer band placed as a form): an image's bounds inside a form are in the form's space, so each form's
    matrix, composed with those of the forms holding it, maps its corners onto the page."""
    found = []
    for obj in page.get_objects(max_depth=1, form=form):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            x0, y0, x1, y1 = obj.get_bounds()
            if matrix is not None:
                corners = [matrix.on_point(x, y) for x in (x0, x1) for y in (y0, y1)]
                xs, ys = [x for x, _ in corners], [y for _, y in corners]
                x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
            found.append((x0, y0, x1, y1))
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
            own = obj.get_matrix()
            found += _image_bounds(page, obj, own if matrix is None else own.multiply(matrix), depth + 1)
    return found


def _page_regions(page: pdfium.PdfPage, number: int, width: float, height: float) -> list[ImageRegion]:
    """The page's images (its own and those its form XObjects place) large enough to carry a line of text and
    smaller than most of the page."""
    left, _bottom, _right, top = page.get_cropbox()
    regions = []
    for x0, y0, x1, y1 in _image_bounds(page):
        region = ImageRegion(
            number,
            max(0.0, x0 - left),
            max(0.0, top - y1),
            min(width, x1 - left),
            min(height, top - y0),
        )
        w, h = region.x1 - region.x0, region.y1 - region.y0
        if w < MIN_WIDTH or h < MIN_HEIGHT or region.area > MAX_PAGE_SHARE * width * height:
            continue
        regions.append(region)
    return regions


def image_regions(data: bytes, pages: list[PageText], max_regions: int, dpi: int = 300) -> list[ImageRegion]:
    """The images worth reading on the given text-layer pages (largest first, at most `max_regions`, at most
    `MAX_PIXELS` together at `dpi`); none on a page PDFium cannot open or that is turned."""
    found: list[ImageRegion] = []
    with PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except Exception:
            return []
        try:
            for text_page in pages:
                index = text_page.number - 1
                if index >= len(document) or text_page.rotation:
                    continue
                page = document[index]
                try:
                    if page.get_rotation():
                        continue
                    width, height = page.get_size()
                    found += _page_regions(page, text_page.number, width, height)
                except Exception:  # a broken page object list: that page's images stay unread
                    continue
                finally:
                    page.close()
        finally:
            document.close()
    found.sort(key=lambda r: -r.area)
    kept: list[ImageRegion] = []
    pixels = 0.0
    for region in found[:max_regions]:
        size = region.area * (dpi / 72.0) ** 2
        if pixels + size <= MAX_PIXELS:
            kept.append(region)
            pixels += size
    return kept


def _render_region(document: pdfium.PdfDocument, region: ImageRegion, dpi: int) -> _Band:
    """The region (with `MARGIN_PT`) rendered greyscale at `dpi`."""
    page = document[region.page - 1]
    try:
        width, height = page.get_size()
        x0, y0 = max(0.0, region.x0 - MARGIN_PT), max(0.0, region.y0 - MARGIN_PT)
        x1, y1 = min(width, region.x1 + MARGIN_PT), min(height, region.y1 + MARGIN_PT)
        bitmap = page.render(scale=dpi / 72.0, crop=(x0, height - y1, width - x1, y0), grayscale=True)
        try:
            w, h, stride = bitmap.width, bitmap.height, bitmap.stride
            raw = bytes(bitmap.buffer)
        finally:
            bitmap.close()
    finally:
        page.close()
    rows = [raw[y * stride : y * stride + w] for y in range(h)]
    return _Band(region, x0, y0, w, h, rows)


@dataclass(frozen=True)
class _Band:
    """A rendered region: its top-left corner on the page in points, its size in pixels, its pixel rows."""

    region: ImageRegion
    left: float
    top: float
    width: int
    height: int
    rows: list[bytes]


def _stack(bands: list[_Band]) -> tuple[bytes, list[int]]:
    """The bands one under another on white, `PAD_PX` around each, as one PGM (one Tesseract run for the
    document), and the pixel row each band starts at."""
    width = max(b.width for b in bands) + 2 * PAD_PX
    blank = b"\xff" * width
    rows: list[bytes] = []
    starts = []
    for band in bands:
        rows += [blank] * PAD_PX
        starts.append(len(rows))
        rows += [b"\xff" * PAD_PX + row + b"\xff" * (width - PAD_PX - band.width) for row in band.rows]
    rows += [blank] * PAD_PX
    return b"P5\n%d %d\n255\n" % (width, len(rows)) + b"".join(rows), starts


def _overlaps(word: Word, others: list[Word]) -> bool:
    """A text-layer word covers a third of the word's box: the text is on the page already."""
    area = max(1e-6, (word.x1 - word.x0) * (word.y1 - word.y0))
    for other in others:
        dx = min(word.x1, other.x1) - max(word.x0, other.x0)
        dy = min(word.y1, other.y1) - max(word.y0, other.y0)
        if dx > 0 and dy > 0 and dx * dy > area / 3:
            return True
    return False


def _image_words(
    data: bytes,
    regions: list[ImageRegion],
    status: OcrStatus,
    settings: OcrSettings,
    pages: dict[int, PageText],
) -> dict[int, list[Word]]:
    """Page number -> the words read in the regions, placed on their page; a word the page's text layer
    has at that place already is left out."""
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(data)
        try:
            bands = [_render_region(document, region, settings.dpi) for region in regions]
        finally:
            document.close()
    bands = [b for b in bands if any(row.strip(b"\xff") for row in b.rows)]
    if not bands:
        return {}
    image, starts = _stack(bands)
    read = recognise_image(image, status, dpi=settings.dpi, timeout_seconds=settings.timeout_seconds)
    scale = 72.0 / settings.dpi
    found: dict[int, list[Word]] = {}
    for band, start in zip(bands, starts, strict=True):
        inside = [
            w
            for w in read
            if w.confidence >= MIN_WORD_CONFIDENCE and start <= w.top + w.height / 2 < start + band.height
        ]
        number = band.region.page
        for word in page_words(inside, page=number, dpi=settings.dpi):
            moved = word.model_copy(
                update={
                    "x0": round(word.x0 + band.left - PAD_PX * scale, 2),
                    "x1": round(word.x1 + band.left - PAD_PX * scale, 2),
                    "y0": round(word.y0 + band.top - start * scale, 2),
                    "y1": round(word.y1 + band.top - start * scale, 2),
                    "line": None,  # placed into the page's lines by position, as its text layer's words are
                }
            )
            if not _overlaps(moved, pages[number].words):
                found.setdefault(number, []).append(moved)
    return found


def _status_for(text: str, status: OcrStatus) -> OcrStatus:
    """Read in the language the page's text layer is written in when its pack is installed."""
    if status.binary is None:
        return status
    choice = choose_languages(text, status, installed_languages(status.binary))
    if choice.languages is None:
        return status
    return OcrStatus(status.available, status.reason, status.binary, choice.languages)


def read_page_images(parsed: ParsedDocument, data: bytes, settings: OcrSettings) -> ImageReading:
    """The words of the images on `parsed`'s text-layer pages (the first and the last page: where a seller
    stands) joined to those pages; `parsed` back unchanged, with the reason, when there is nothing to read
    or OCR cannot run. Never raises for a strange PDF or a failing Tesseract."""
    clock = time.perf_counter()
    if parsed.kind is not DocumentKind.PDF or not settings.read_images:
        return ImageReading(parsed, "images are not read (OPSLOOP_OCR__READ_IMAGES=false)")
    candidates = [p for p in parsed.pages if p.source == "text_layer" and p.words]
    candidates = [p for i, p in enumerate(candidates) if i == 0 or i == len(candidates) - 1]
    if not candidates:
        return ImageReading(parsed, "no text-layer page with word boxes")
    regions = image_regions(data, candidates, settings.image_max_regions, settings.dpi)
    if not regions:
        return ImageReading(parsed, "no image on the page large enough to carry text")
    status = ocr_status(settings)
    if not status.available:
        _log_once(f"a seller printed only in an image is not read: {status.reason}")
        return ImageReading(parsed, f"the page's images are not read: {status.reason}", regions=regions)
    by_number = {p.number: p for p in parsed.pages}
    skipped: list[str] = []
    try:
        added = _image_words(data, regions, _status_for(candidates[0].text, status), settings, by_number)
    except OcrFailed as error:
        added, skipped = {}, [error.message]
    except Exception as error:  # PDFium could not render an image: the text layer stands
        added, skipped = {}, [f"the images could not be rendered ({error})"]
    count = sum(len(words) for words in added.values())
    seconds = time.perf_counter() - clock
    if not count:
        why = f"OCR read no words in {len(regions)} image(s)" + (f"; {'; '.join(skipped)}" if skipped else "")
        return ImageReading(parsed, why, regions=regions, seconds=seconds)
    pages = [merge_words(p, added[p.number]) if added.get(p.number) else p for p in parsed.pages]
    confidences = [w.confidence for words in added.values() for w in words if w.confidence is not None]
    mean = statistics.fmean(confidences) if confidences else 0.0
    note = (
        f"{count} word(s) read by OCR in {len(regions)} image(s) on page "
        f"{', '.join(str(n) for n in sorted(added))} (mean confidence {mean:.2f}, {seconds:.1f} s)"
    )
    if skipped:
        note += "; skipped " + "; ".join(skipped)
    return ImageReading(parsed.model_copy(update={"pages": pages}), note, True, regions, count, seconds)


def merge_words(page: PageText, words: list[Word]) -> PageText:
    """The page with `words` among its words, its text laid out again from them all."""
    merged = page.model_copy(update={"words": [*page.words, *words]})
    merged.text = layout_text(page_lines(merged))
    return merged


def image_words(parsed: ParsedDocument) -> dict[int, list[Word]]:
    """Page number -> the words of a text-layer page that OCR read in an image (they carry a confidence)."""
    found: dict[int, list[Word]] = {}
    for page in parsed.pages:
        if page.source != "text_layer":
            continue
        words = [w for w in page.words if w.confidence is not None]
        if words:
            found[page.number] = words
    return found


def discount_image_fields(
    result: InvoiceExtraction, parsed: ParsedDocument, calibration: OcrCalibration | None = None
) -> InvoiceExtraction:
    """Give every field whose printed place holds words OCR read in an image the probability that an
    OCR reading is right (the `ocr` map of `OcrCalibration`, by the mean confidence of those words), say so in
    its reason, and mark the method `image+...`. A document without such words is returned as it was."""
    found = image_words(parsed)
    if not found:
        return result
    calibration = calibration or load_calibration()
    for name, evidence in result.fields.items():
        if evidence.confidence <= 0.0 or evidence.page not in found or evidence.bbox is None:
            continue
        x0, y0, x1, y1 = evidence.bbox
        inside = [w for w in found[evidence.page] if w.x0 < x1 and x0 < w.x1 and w.y0 < y1 and y0 < w.y1]
        if not inside:
            continue
        page = statistics.fmean(w.confidence or 0.0 for w in inside)
        lowest = min(w.confidence or 0.0 for w in inside)
        probability = calibration.probability("ocr", name, evidence.confidence, page, lowest)
        reason = f"read by OCR from an image on page {evidence.page} (word confidence {page:.2f})"
        result.fields[name] = evidence.model_copy(
            update={"confidence": round(probability, 4), "reason": reason}
        )
    if not result.extraction_method.startswith((IMAGE_METHOD_PREFIX, OCR_METHOD_PREFIX)):
        result.extraction_method = IMAGE_METHOD_PREFIX + result.extraction_method
    return result


def wants_images(parsed: ParsedDocument, extraction: InvoiceExtraction) -> bool:
    """A text-layer PDF (no e-invoice, not a scan) whose reading names no seller, its images not read yet."""
    if parsed.kind is not DocumentKind.PDF or not parsed.has_text_layer or parsed.embedded:
        return False
    if extraction.vendor.name is not None or extraction.extraction_method.startswith(OCR_METHOD_PREFIX):
        return False
    return not image_words(parsed)  # read already (a retry): the words are on the page


def reads_more_of_seller(again: InvoiceExtraction, before: InvoiceExtraction) -> bool:
    """The reading with the images' words names more of the seller (name, VAT id, IBAN, address)."""

    def known(extraction: InvoiceExtraction) -> int:
        vendor = extraction.vendor
        return sum(value is not None for value in (vendor.name, vendor.vat_id, vendor.iban, vendor.address))

    return known(again) > known(before)


def with_images(
    parsed: ParsedDocument,
    extraction: InvoiceExtraction,
    read: Callable[[ParsedDocument], ImageReading],
    extract: Callable[[ParsedDocument], InvoiceExtraction],
) -> tuple[ParsedDocument, InvoiceExtraction, str | None]:
    """(the document, its extraction, a note): where `extraction` names no seller on a text-layer PDF
    (`wants_images`), the page's images read (`read`) and the document extracted again (`extract`) — kept
    when it reads more of the seller than the text layer alone; else what was given. The callers choose how
    to read and extract (the pipeline's stage under its budgets, `extract_file` directly)."""
    if not wants_images(parsed, extraction):
        return parsed, extraction, None
    reading = read(parsed)
    if not reading.read:
        return parsed, extraction, f"no seller in the text layer: {reading.note}"
    again = extract(reading.parsed)
    if not reads_more_of_seller(again, extraction):
        return parsed, extraction, f"no seller in the text layer: {reading.note}, none of the seller"
    return reading.parsed, again, f"seller read from an image: {reading.note}"


def extract_reading_images(
    parsed: ParsedDocument,
    data: bytes,
    settings: OcrSettings,
    extract: Callable[[ParsedDocument], InvoiceExtraction],
) -> tuple[ParsedDocument, InvoiceExtraction, str | None]:
    """`extract(parsed)`, then `with_images` reading the page's images from the file's bytes."""
    return with_images(
        parsed, extract(parsed), lambda document: read_page_images(document, data, settings), extract
    )


@lru_cache(maxsize=16)
def _log_once(message: str) -> None:
    log.warning(message)
