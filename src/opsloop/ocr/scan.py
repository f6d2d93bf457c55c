"""OCR of a scanned PDF: render each page, read it with Tesseract, lay out its word boxes as text.

Bounded: at most `max_pages` pages, a timeout per page. A page that cannot be rendered or read is
skipped with its reason; nothing here raises for a strange PDF or a failing Tesseract.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field, replace

import numpy as np

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument, Word
from opsloop.ingest.layout import OCR, lay_out, layout_text
from opsloop.ocr.languages import LanguageChoice, choose_languages
from opsloop.ocr.layout import OcrWord, mean_confidence, page_words
from opsloop.ocr.leftout import read_left_out
from opsloop.ocr.prepare import Preparation, prepare_page
from opsloop.ocr.render import PageImage, render_pages
from opsloop.ocr.reread import reread_merged_lines
from opsloop.ocr.tesseract import (
    OCR_UNAVAILABLE,
    OcrFailed,
    OcrStatus,
    installed_languages,
    ocr_status,
    recognise_image,
)
from opsloop.settings import OcrSettings, Settings


@dataclass(frozen=True)
class OcrPage:
    number: int
    """1-based page number."""
    text: str
    """Layout text rebuilt from the word boxes."""
    words: tuple[OcrWord, ...]
    """Every word with its box and confidence (0-100)."""
    confidence: float | None
    """Mean word confidence, 0-1 (None: no words)."""
    dpi: int
    seconds: float
    """The whole page: preparation and recognition."""
    prepared: tuple[str, ...] = ()
    """What was done to the image before recognition (`despeckled (...)`, `deskewed (+0.60°)`)."""
    prepare_seconds: float = 0.0
    """Of `seconds`: measuring noise and skew, and despeckling and deskewing when needed."""
    boxes: tuple[Word, ...] = ()
    """The words (noise left out) as word boxes in points, the text laid out from them."""
    width: float | None = None
    """The page's width in points (the image's at its dpi)."""
    height: float | None = None
    reread: int = 0
    """Regions of lines merged across blocks read again (`reread_merged_lines`) and replaced."""
    left_out: int = 0
    """Words of small-type lines the page's reading left out, read from the rest of the page (`read_left_out`)."""
    preparation: Preparation | None = field(default=None, repr=False, compare=False)
    """The prepared image and what was done to it (read again from it, never prepared twice)."""

    def page_text(self) -> PageText:
        return PageText(
            number=self.number,
            text=self.text,
            source="ocr",
            ocr_confidence=self.confidence,
            width=self.width,
            height=self.height,
            words=list(self.boxes),
        )


@dataclass
class OcrResult:
    """What OCR read from a PDF: the pages it read, and the pages it skipped with the reason."""

    status: OcrStatus
    pages: list[OcrPage] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """Why a page was not read: `page N: reason`."""
    seconds: float = 0.0
    languages: str | None = None
    """The language packs the document was read with (the page that told its language read with them again)."""
    language_note: str | None = None
    """The language the first page's words showed and what was done about it (`language es: read with spa+eng`)."""

    @property
    def words(self) -> list[OcrWord]:
        return [w for page in self.pages for w in page.words]

    @property
    def mean_confidence(self) -> float | None:
        return mean_confidence(self.words)

    @property
    def has_text(self) -> bool:
        return any(page.text.strip() for page in self.pages)


def ocr_page(
    image: PageImage,
    status: OcrStatus,
    settings: OcrSettings,
    *,
    reread: bool = True,
    preparation: Preparation | None = None,
) -> OcrPage:
    """One rendered page, despeckled and deskewed when it needs it (or as `preparation` already made it),
    through Tesseract, and its lines merged across blocks read again (`reread_merged_lines`) when `reread`
    (raises OcrFailed)."""
    clock = time.perf_counter()
    preparation = preparation or prepare_page(image, settings)
    prepared = preparation.image
    words = (
        []
        if prepared.blank
        else recognise_image(
            prepared.pgm(), status, dpi=prepared.dpi, timeout_seconds=settings.timeout_seconds
        )
    )
    page = _page(prepared, words, preparation, time.perf_counter() - clock)
    return _reread(page, status, settings) if reread else page


def _page(image: PageImage, words: list[OcrWord], preparation: Preparation, seconds: float) -> OcrPage:
    boxes = page_words(words, page=image.number, dpi=image.dpi)
    return OcrPage(
        number=image.number,
        text=layout_text(lay_out(boxes, OCR)),
        words=tuple(words),
        boxes=tuple(boxes),
        width=round(image.width * 72.0 / image.dpi, 2),
        height=round(image.height * 72.0 / image.dpi, 2),
        confidence=mean_confidence(words),
        dpi=image.dpi,
        seconds=seconds,
        prepared=preparation.steps,
        prepare_seconds=preparation.seconds,
        preparation=preparation,
    )


def _reread(page: OcrPage, status: OcrStatus, settings: OcrSettings) -> OcrPage:
    """The page with its lines merged across blocks read again (`reread_merged_lines`), then the small-type
    lines its reading left out read from the rest of the page (`read_left_out`); the same page when neither
    changed a word."""
    if page.preparation is None or not page.words:
        return page
    clock = time.perf_counter()
    words, regions = reread_merged_lines(
        page.preparation.image, list(page.words), status, timeout_seconds=settings.timeout_seconds
    )
    words, added = read_left_out(
        page.preparation.image, words, status, timeout_seconds=settings.timeout_seconds
    )
    seconds = page.seconds + time.perf_counter() - clock
    if not regions and not added:
        return replace(page, seconds=seconds)
    page = _page(page.preparation.image, words, page.preparation, seconds)
    return replace(page, reread=regions, left_out=added)


def ocr_pdf(
    data: bytes, settings: OcrSettings, *, max_pages: int = 200, status: OcrStatus | None = None
) -> OcrResult:
    """OCR every page of a PDF (at most `max_pages`). Pages that fail are listed in `skipped`."""
    status = status or ocr_status(settings)
    result = OcrResult(status=status)
    clock = time.perf_counter()
    if not status.available:
        result.skipped.append(f"all pages: {status.reason}")
        return result
    reading, decided = status, not settings.detect_language
    try:
        for item in render_pages(data, dpi=settings.dpi, max_pages=max_pages):
            if not isinstance(item, PageImage):
                result.skipped.append(f"page {item[0]}: {item[1]}")
                continue
            try:
                if decided:
                    page = ocr_page(item, reading, settings)
                elif not result.pages:  # the first page: its top band tells the language it is read in
                    reading, decided, page = _first_page(item, reading, settings, result)
                else:  # its merged lines are read again once the language it is read in is settled
                    page = ocr_page(item, reading, settings, reread=False)
                    reading, decided, page = _in_its_language(item, page, reading, settings, result)
                result.pages.append(page)
            except OcrFailed as error:
                result.skipped.append(f"page {item.number}: {error.message}")
    except Exception as error:  # PDFium cannot open the file: the text-layer reader already judged it
        result.skipped.append(f"all pages: the PDF could not be rendered ({error})")
    result.seconds = time.perf_counter() - clock
    result.languages = reading.languages
    return result


PROBE_SHARE = 0.4
"""The band of the first page read first, to tell its language, reaches about this share of its height (an
invoice's title, parties and labels stand at its top)."""
PROBE_RANGE = (0.25, 0.6)
"""Shares of the page's height the band's lower edge may be cut at: where a white gap parts two lines."""
GAP_POINTS = 3.0
"""The white gap a cut goes through is at least this tall (in points; the space between two lines of
body text): a cut never goes through a line."""
INK = 128
"""A pixel darker than this is ink."""
SPECK_PIXELS = 2
"""A row with at most this many ink pixels (dust the preparation left) is white."""


def probe_cut(image: PageImage) -> int | None:
    """The pixel row to cut a page image at, into the band read first and the rest: the middle of a white
    gap (`GAP_POINTS` tall, across the whole width) nearest `PROBE_SHARE` of the height, within
    `PROBE_RANGE`; None where no such gap is (a page framed by a rule, a table across the range)."""
    if image.height < 4 or image.width < 1:
        return None
    pixels = np.frombuffer(image.pixels, dtype=np.uint8).reshape(image.height, image.width)
    white = (pixels < INK).sum(axis=1) <= SPECK_PIXELS
    low, high = (round(share * image.height) for share in PROBE_RANGE)
    target = PROBE_SHARE * image.height
    gap = max(2, round(GAP_POINTS * image.dpi / 72.0))
    best: int | None = None
    start: int | None = None
    for row in range(image.height + 1):
        if row < image.height and white[row]:
            start = row if start is None else start
            continue
        if start is not None and row - start >= gap:
            middle = (start + row) // 2
            if low <= middle <= high and (best is None or abs(middle - target) < abs(best - target)):
                best = middle
        start = None
    return best


def _band(image: PageImage, top: int, bottom: int) -> PageImage:
    pixels = np.frombuffer(image.pixels, dtype=np.uint8).reshape(image.height, image.width)
    return PageImage(image.number, image.width, bottom - top, image.dpi, pixels[top:bottom].tobytes())


def _first_page(
    image: PageImage, status: OcrStatus, settings: OcrSettings, result: OcrResult
) -> tuple[OcrStatus, bool, OcrPage]:
    """(the status to read on with, whether the document's language is settled, the first page), the page
    read whole once where its top band tells its language: the band (`probe_cut`) is read with the set's
    first pack alone (a fraction of a page's work: common words are told apart with their accents folded,
    `choose_languages`), then the page with the packs its words call for, the set's or another language's
    (not the page twice, once with the set and again in its language). Where the band tells nothing, or the
    page has no gap to cut at, the whole page read with the set decides (`_in_its_language`: the page read
    again where it shows another language)."""
    clock = time.perf_counter()
    preparation = prepare_page(image, settings)
    prepared = preparation.image
    cut = None if prepared.blank or status.binary is None else probe_cut(prepared)
    choice = LanguageChoice(decided=False)
    if cut is not None and status.binary is not None and status.languages:
        band = replace(status, languages=status.languages.split("+")[0])
        words = recognise_image(
            _band(prepared, 0, cut).pgm(), band, dpi=prepared.dpi, timeout_seconds=settings.timeout_seconds
        )
        choice = choose_languages(" ".join(w.text for w in words), status, installed_languages(status.binary))
    if not choice.decided:
        page = ocr_page(image, status, settings, reread=False, preparation=preparation)
        page = replace(page, seconds=time.perf_counter() - clock)
        return _in_its_language(image, page, status, settings, result)
    if choice.languages is not None:
        reading = replace(status, languages=choice.languages)
        try:
            page = ocr_page(image, reading, settings, preparation=preparation)
        except OcrFailed as error:  # read with the set rather than lose the page
            result.language_note = f"{choice.note}, but page {image.number} failed so ({error.message})"
        else:
            result.language_note = choice.note
            return reading, True, replace(page, seconds=time.perf_counter() - clock)
    else:
        result.language_note = choice.note or result.language_note
    page = ocr_page(image, status, settings, preparation=preparation)
    return status, True, replace(page, seconds=time.perf_counter() - clock)


def _in_its_language(
    image: PageImage, page: OcrPage, status: OcrStatus, settings: OcrSettings, result: OcrResult
) -> tuple[OcrStatus, bool, OcrPage]:
    """(the status to read on with, whether the document's language is settled, the page): the page read
    again with its language's pack when its words show a language the set does not read (its image as
    prepared the first time), its merged lines read again in the language it is kept in."""
    if status.binary is None:
        return status, True, _reread(page, status, settings)
    choice = choose_languages(page.text, status, installed_languages(status.binary))
    result.language_note = choice.note or result.language_note
    if choice.languages is None:
        return status, choice.decided, _reread(page, status, settings)
    reading = replace(status, languages=choice.languages)
    try:
        again = ocr_page(image, reading, settings, preparation=page.preparation)
    except OcrFailed as error:  # keep the first reading (and the set) rather than lose the page
        result.language_note = (
            f"{choice.note}, but page {image.number} failed so ({error.message}): kept as read"
        )
        return status, True, _reread(page, status, settings)
    return reading, True, replace(again, seconds=again.seconds + page.seconds)


def needs_ocr(parsed: ParsedDocument) -> bool:
    """A PDF without a text layer and without an embedded e-invoice: only OCR can read it."""
    return parsed.kind is DocumentKind.PDF and not parsed.has_text_layer and not parsed.embedded


@dataclass(frozen=True)
class ScanReading:
    """The outcome of `read_scan`: the document (with OCR page texts when OCR read any) and a note."""

    parsed: ParsedDocument
    note: str
    """`text by OCR, mean confidence 0.93 ...`, or why OCR did not give text."""
    read: bool
    """OCR ran and found text."""
    result: OcrResult | None = None


def _note(result: OcrResult) -> str:
    confidence = result.mean_confidence
    shown = f"{confidence:.2f}" if confidence is not None else "n/a"
    note = f"text by OCR, mean confidence {shown} ({result.status.reason}, {len(result.pages)} page(s)"
    if result.language_note:
        note += f", {result.language_note}"
    seconds = [p.seconds for p in result.pages]
    if seconds:
        note += f", {statistics.fmean(seconds):.1f} s/page"
    reread = [str(p.number) for p in result.pages if p.reread]
    if reread:
        note += f", lines merged across blocks read again on page {', '.join(reread)}"
    for step in ("despeckled", "deskewed"):
        pages = [str(p.number) for p in result.pages if any(s.startswith(step) for s in p.prepared)]
        if pages:
            note += f", {step} page {', '.join(pages)}" if len(pages) < 4 else f", {step} {len(pages)} pages"
    note += ")"
    if result.skipped:
        note += "; skipped " + "; ".join(result.skipped)
    return note


def read_scan(parsed: ParsedDocument, data: bytes, settings: Settings) -> ScanReading:
    """OCR a PDF that `needs_ocr` when OCR is available (settings.ocr), keeping its page numbering.
    Without OCR, or when OCR finds no text, `parsed` comes back unchanged with the reason."""
    if not needs_ocr(parsed):
        return ScanReading(parsed, "the document has a text layer or an e-invoice; no OCR needed", False)
    status = ocr_status(settings.ocr)
    if not status.available:
        return ScanReading(parsed, f"{OCR_UNAVAILABLE}: {status.reason}", False)
    result = ocr_pdf(data, settings.ocr, max_pages=settings.extract.max_pages, status=status)
    if not result.has_text:
        pages = len(result.pages)
        why = f"OCR read no text on {pages} page(s)" if pages else "OCR read no page"
        if result.skipped:
            why += "; skipped " + "; ".join(result.skipped)
        return ScanReading(parsed, why, False, result)
    by_number = {page.number: page.page_text() for page in result.pages}
    numbers = [p.number for p in parsed.pages] or sorted(by_number)
    original = {p.number: p for p in parsed.pages}
    texts = [by_number.get(n) or original.get(n) or PageText(number=n, text="") for n in numbers]
    texts += [by_number[n] for n in sorted(by_number) if n not in numbers]
    return ScanReading(parsed.model_copy(update={"pages": texts}), _note(result), True, result)
