"""The first page of a scan is read whole once where its top band tells its language: the band is read with the
configured set's first pack alone, then the page with the packs its words call for (a language the set does not
read: its pack; the set's own: the set), not the page twice."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw

from opsloop.ocr import OcrWord, ocr_pdf
from opsloop.ocr.render import PageImage
from opsloop.ocr.scan import probe_cut
from opsloop.ocr.tesseract import OcrStatus
from opsloop.settings import OcrSettings

SET = OcrStatus(True, "Tesseract (eng+deu+fra+nld)", "/usr/bin/tesseract", "eng+deu+fra+nld")
PACKS = ("ces", "dan", "deu", "eng", "fra", "ita", "nld", "osd", "pol", "por", "spa", "swe")
SETTINGS = OcrSettings(deskew=False, despeckle=False)

ITALIAN_BAND = (
    "Officine Brenta S.r.l.\nFATTURA numero della fattura 7/2026\nData della fattura per il cliente"
)
ENGLISH_BAND = (
    "Marsh Lane Joinery Ltd\nINVOICE number of the invoice 7/2026\nDate of the invoice for the customer"
)
REST = "Total due 318.00 EUR"


def _striped_pdf(pages: int = 1) -> bytes:
    """Pages of dark bars (lines of print) down their whole height, white gaps between them."""
    images = []
    for _ in range(pages):
        image = Image.new("L", (850, 1100), 255)
        draw = ImageDraw.Draw(image)
        for top in range(60, 1040, 40):
            draw.rectangle((80, top, 760, top + 14), fill=0)
        images.append(image)
    out = io.BytesIO()
    images[0].save(out, format="PDF", resolution=100, save_all=True, append_images=images[1:])
    return out.getvalue()


def _words(text: str) -> list[OcrWord]:
    return [
        OcrWord(
            text=w,
            left=40 + 120 * i,
            top=40 + 50 * row,
            width=110,
            height=30,
            confidence=94.0,
            block=1,
            line=row,
        )
        for row, line in enumerate(text.splitlines())
        for i, w in enumerate(line.split())
    ]


def _height(pgm: bytes) -> int:
    return int(pgm.split(b"\n", 2)[1].split()[1])


def _reader(first: str, reads: list[tuple[str, int]]):  # type: ignore[no-untyped-def]
    def recognise(
        image: bytes, status: OcrStatus, *, dpi: int, timeout_seconds: float, **_: object
    ) -> list[OcrWord]:
        reads.append((str(status.languages), _height(image)))
        return _words(first if len(reads) == 1 else REST)

    return recognise


def test_a_page_in_a_language_outside_the_set_is_read_whole_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a two-page scan whose top band, read with the set, shows Italian words
    reads: list[tuple[str, int]] = []
    monkeypatch.setattr("opsloop.ocr.scan.recognise_image", _reader(ITALIAN_BAND, reads))
    monkeypatch.setattr("opsloop.ocr.scan.installed_languages", lambda binary: PACKS)
    # WHEN it is OCR'd
    result = ocr_pdf(_striped_pdf(2), SETTINGS, status=SET)
    # THEN the band alone is read with the set's first pack, then each page once, whole, with Italian first
    page = result.pages[0]
    full = round(page.height * page.dpi / 72) if page.height else 0
    assert [languages for languages, _ in reads] == ["eng", "ita+eng", "ita+eng"]
    assert reads[0][1] < 0.7 * full and reads[1][1] == full and reads[2][1] == full
    assert result.languages == "ita+eng" and result.language_note is not None


def test_a_page_in_the_sets_language_is_read_whole_once_with_the_set(monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a one-page scan whose top band shows English, a language of the set
    reads: list[tuple[str, int]] = []
    monkeypatch.setattr("opsloop.ocr.scan.recognise_image", _reader(ENGLISH_BAND, reads))
    monkeypatch.setattr("opsloop.ocr.scan.installed_languages", lambda binary: PACKS)
    # WHEN it is OCR'd
    result = ocr_pdf(_striped_pdf(), SETTINGS, status=SET)
    # THEN after the band, the page is read once, whole, with the set, and its words are that reading's
    page = result.pages[0]
    full = round(page.height * page.dpi / 72)  # type: ignore[operator]
    assert reads == [("eng", reads[0][1]), ("eng+deu+fra+nld", full)] and reads[0][1] < 0.7 * full
    assert (
        page.text.strip() == REST and result.languages == "eng+deu+fra+nld" and result.language_note is None
    )


def test_a_band_that_tells_nothing_leaves_the_whole_page_to_tell(monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a scan whose top band shows only figures, and whose whole page, read with the set, shows Italian
    reads: list[tuple[str, int]] = []

    def recognise(
        image: bytes, status: OcrStatus, *, dpi: int, timeout_seconds: float, **_: object
    ) -> list[OcrWord]:
        reads.append((str(status.languages), _height(image)))
        return _words("7/2026 12.03.2026 318,00" if len(reads) == 1 else ITALIAN_BAND)

    monkeypatch.setattr("opsloop.ocr.scan.recognise_image", recognise)
    monkeypatch.setattr("opsloop.ocr.scan.installed_languages", lambda binary: PACKS)
    # WHEN it is OCR'd THEN the page is read with the set, then again in Italian (as when no band is cut)
    result = ocr_pdf(_striped_pdf(), SETTINGS, status=SET)
    assert [languages for languages, _ in reads] == ["eng", "eng+deu+fra+nld", "ita+eng"]
    assert result.languages == "ita+eng"


def _image(pixels: np.ndarray, dpi: int = 300) -> PageImage:  # type: ignore[type-arg]
    return PageImage(1, pixels.shape[1], pixels.shape[0], dpi, pixels.astype(np.uint8).tobytes())


def test_the_band_is_cut_in_a_white_gap_near_two_fifths_of_the_page() -> None:
    # GIVEN a page of print lines 60 px apart, 20 px tall
    pixels = np.full((1000, 400), 255)
    for top in range(30, 980, 60):
        pixels[top : top + 20, 20:380] = 0
    # WHEN the band is cut THEN the cut goes through white, near 400
    cut = probe_cut(_image(pixels))
    assert cut is not None and abs(cut - 400) <= 60
    assert (pixels[cut] == 255).all()


def test_a_page_with_no_white_gap_across_it_is_not_cut() -> None:
    # GIVEN a page framed by a rule down both sides (no row white across the whole width)
    pixels = np.full((1000, 400), 255)
    pixels[:, 5:8] = 0
    pixels[:, 392:395] = 0
    pixels[100:120, 20:380] = 0
    # WHEN the band is cut THEN there is no cut (the whole page is read with the set first, as before)
    assert probe_cut(_image(pixels)) is None
    # and a speck or two in a gap does not stop it
    specks = np.full((1000, 400), 255)
    specks[395, 100] = 0
    assert probe_cut(_image(specks)) is not None
