"""PDF pages as greyscale images for OCR (PDFium through pypdfium2; no image library needed)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium

from opsloop.ingest.readers.pdf import PDFIUM_LOCK as _PDFIUM_LOCK

MAX_PIXELS = 60_000_000
"""A page larger than this at the asked resolution (a poster, a broken media box) is rendered smaller."""


@dataclass(frozen=True)
class PageImage:
    number: int
    """1-based page number."""
    width: int
    height: int
    dpi: int
    """The resolution it was rendered at (lower than asked for an oversized page)."""
    pixels: bytes
    """8-bit greyscale, row after row, `width` bytes each."""

    @property
    def blank(self) -> bool:
        """Every pixel white: nothing on the page to read."""
        return not self.pixels.strip(b"\xff")

    def pgm(self) -> bytes:
        """The image as binary PGM (P5), which Tesseract reads from stdin."""
        return b"P5\n%d %d\n255\n" % (self.width, self.height) + self.pixels


def _pixels(bitmap: pdfium.PdfBitmap) -> bytes:
    raw = bytes(bitmap.buffer)
    if bitmap.stride == bitmap.width:
        return raw
    return b"".join(raw[y * bitmap.stride : y * bitmap.stride + bitmap.width] for y in range(bitmap.height))


def render_page(document: pdfium.PdfDocument, index: int, dpi: int) -> PageImage:
    """Page `index` (0-based) of an open document, greyscale at `dpi` (capped at MAX_PIXELS)."""
    page = document[index]
    try:
        width_pt, height_pt = page.get_size()
        area = max(1.0, width_pt * height_pt) / (72.0 * 72.0)
        dpi = max(36, min(dpi, int((MAX_PIXELS / area) ** 0.5)))
        bitmap = page.render(scale=dpi / 72.0, grayscale=True)
        try:
            return PageImage(index + 1, bitmap.width, bitmap.height, dpi, _pixels(bitmap))
        finally:
            bitmap.close()
    finally:
        page.close()


def render_pages(data: bytes, *, dpi: int, max_pages: int) -> Iterator[PageImage | tuple[int, str]]:
    """Each page (at most `max_pages`) as an image, or (number, reason) for a page PDFium cannot render.
    Raises pdfium.PdfiumError when the file cannot be opened at all."""
    with _PDFIUM_LOCK:
        document = pdfium.PdfDocument(data)
        count = len(document)
    try:
        for index in range(min(count, max_pages)):
            try:
                with _PDFIUM_LOCK:
                    image = render_page(document, index, dpi)
            except Exception as error:  # one broken page must not lose the others
                yield index + 1, f"page {index + 1} could not be rendered: {error}"
                continue
            yield image
    finally:
        with _PDFIUM_LOCK:
            document.close()
