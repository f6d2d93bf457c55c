"""Lines Tesseract merged across two blocks (small lines beside large type, read as one tall garbled word)
are read again apart, from a crop of the page that holds them alone; what reads no better stays as read."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw

from opsloop.ocr import OcrWord, ocr_pdf
from opsloop.ocr.reread import merged_regions
from opsloop.ocr.tesseract import OcrStatus
from opsloop.settings import OcrSettings

STATUS = OcrStatus(True, "Tesseract (ita+eng)", "/usr/bin/tesseract", "ita+eng")
SETTINGS = OcrSettings(deskew=False, despeckle=False, detect_language=False)


def _word(
    text: str, left: int, top: int, width: int, height: int = 30, confidence: float = 95.0, **at: int
) -> OcrWord:
    return OcrWord(text=text, left=left, top=top, width=width, height=height, confidence=confidence, **at)


# A letterhead line, then a customer block on the left beside a large title on the right: the customer's
# name and street (two lines) read as one word box 80 px tall, with low confidence, on the title's line.
FIRST_READING = [
    _word("Spett.le", 200, 400, 110, block=1, line=1),
    _word("ohm", 205, 450, 650, height=82, confidence=25.0, block=2, line=1),
    _word("FATTURA", 1230, 465, 370, height=55, block=2, line=1),
    _word("10158", 210, 550, 120, block=3, line=1),
    _word("Torino", 344, 550, 126, block=3, line=1),
    _word("Fattura", 1230, 575, 145, block=4, line=1),
    _word("n.", 1390, 580, 30, block=4, line=1),
    _word("63426/2025", 1500, 575, 260, block=4, line=1),
]


def test_a_tall_doubtful_word_is_a_region_cut_at_the_column_beside_it_and_short_of_the_lines_around() -> None:
    regions = merged_regions(FIRST_READING, 2480, 3500)
    assert len(regions) == 1
    region = regions[0]
    assert [w.text for w in region.words] == ["ohm"]
    # from the page's left edge to just before the title beside it, never into it
    assert region.left == 0 and 855 < region.right < 1230
    # holding the garbled lines, and no part of the line above or below
    assert region.top <= 450 and region.bottom >= 532
    assert region.top > 430 and region.bottom < 550


def test_confident_or_ordinary_words_are_no_region() -> None:
    confident_tall = [*FIRST_READING[:1], _word("INVOICE", 1230, 465, 370, height=90), *FIRST_READING[3:]]
    assert merged_regions(confident_tall, 2480, 3500) == []
    doubtful_small = [*FIRST_READING[:1], _word("rn", 205, 450, 40, confidence=20.0), *FIRST_READING[3:]]
    assert merged_regions(doubtful_small, 2480, 3500) == []


def _page_pdf() -> bytes:
    page = Image.new("L", (2480, 3500), 255)
    ImageDraw.Draw(page).rectangle((200, 400, 900, 600), fill=0)  # ink, so that the page is not blank
    out = io.BytesIO()
    page.save(out, format="PDF", resolution=300)
    return out.getvalue()


def _reading_again(confidence: float) -> list[OcrWord]:
    # the stacked crops as Tesseract reads them: the crop lies `gap` px in from the stacked image's edges
    return [
        _word("Alba", 265, 75, 95, confidence=confidence, block=1, line=1),
        _word("Chiara", 375, 75, 130, confidence=confidence, block=1, line=1),
        _word("S.p.A.", 520, 75, 120, confidence=confidence, block=1, line=1),
        _word("Corso", 265, 115, 110, confidence=confidence, block=1, line=2),
        _word("Garibaldi", 385, 115, 170, confidence=confidence, block=1, line=2),
        _word("117", 565, 115, 60, confidence=confidence, block=1, line=2),
    ]


@pytest.mark.parametrize(("confidence", "replaced"), [(96.0, True), (20.0, False)])
def test_the_merged_lines_are_read_again_apart_and_kept_only_when_read_better(
    monkeypatch: pytest.MonkeyPatch, confidence: float, replaced: bool
) -> None:
    reads: list[str] = []

    def recognise(
        image: bytes, status: OcrStatus, *, dpi: int, timeout_seconds: float, segmentation: str = "4"
    ) -> list[OcrWord]:
        reads.append(segmentation)
        return list(FIRST_READING) if segmentation == "4" else _reading_again(confidence)

    monkeypatch.setattr("opsloop.ocr.scan.recognise_image", recognise)
    monkeypatch.setattr("opsloop.ocr.reread.recognise_image", recognise)
    # WHEN the page is OCR'd
    result = ocr_pdf(_page_pdf(), SETTINGS, status=STATUS)
    # THEN the page is read, then its merged lines once more as a block of text (--psm 6)
    assert reads == ["4", "6"]
    text = result.pages[0].text
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if replaced:  # the customer's name and street on lines of their own, beside the title as before
        assert "ohm" not in text and result.pages[0].reread == 1
        assert any(line.startswith("Alba Chiara S.p.A.") for line in lines)
        assert "Corso Garibaldi 117" in lines
        assert any("FATTURA" in line for line in lines)
        # each word where it stands on the page: the name's line starts at the customer block's left edge
        name = next(w for w in result.pages[0].words if w.text == "Alba")
        assert abs(name.left - 205) < 40 and 430 < name.top < 470
    else:  # read no better: the first reading stays
        assert "ohm" in text and "Alba" not in text and result.pages[0].reread == 0


def test_a_page_read_again_in_its_language_is_prepared_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from opsloop.ocr import scan

    spanish = (
        "Talleres Aranda S.L.\nFACTURA Numero de factura A-5521\nFecha de factura 12/03/2026 Cantidad Precio"
    )
    words = [
        _word(word, 40 + 160 * i, 40 + 40 * row, 150, line=row)
        for row, line in enumerate(spanish.splitlines())
        for i, word in enumerate(line.split())
    ]
    monkeypatch.setattr(scan, "recognise_image", lambda image, status, **kw: list(words))
    monkeypatch.setattr(scan, "installed_languages", lambda binary: ("eng", "deu", "fra", "nld", "spa"))
    prepared: list[int] = []
    real = scan.prepare_page

    def prepare(image, settings):  # type: ignore[no-untyped-def]
        prepared.append(image.number)
        return real(image, settings)

    monkeypatch.setattr(scan, "prepare_page", prepare)
    first = OcrStatus(True, "Tesseract (eng+deu+fra+nld)", "/usr/bin/tesseract", "eng+deu+fra+nld")
    result = ocr_pdf(_page_pdf(), OcrSettings(), status=first)
    assert result.languages == "spa+eng"
    assert prepared == [1]


def test_a_tall_word_read_with_middling_confidence_is_a_region_too() -> None:
    # GIVEN the customer's name and street merged into one box two lines tall, read as the street alone at 69
    # (fairly sure: the name above it is simply lost), while the title beside it reads clearly
    reading = [
        *FIRST_READING[:1],
        _word("Hafenweg", 205, 450, 300, height=82, confidence=69.0, block=2, line=1),
        *FIRST_READING[2:],
    ]
    # WHEN the page's merged lines are looked for THEN the box is read again, and the title is not
    regions = merged_regions(reading, 2480, 3500)
    assert [[w.text for w in region.words] for region in regions] == [["Hafenweg"]]
