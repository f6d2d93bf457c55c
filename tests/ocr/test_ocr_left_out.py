"""Lines in type much smaller than the page's, which the page's tuned reading leaves out altogether (a legal
footer with the VAT id, a window's return address), are read from the page with every word already read
painted white; only clear words of their own are added, never the leftover ink of the words read."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from opsloop.ocr import OcrWord, ocr_pdf
from opsloop.ocr.leftout import BLOCKS, masked, read_left_out
from opsloop.ocr.render import PageImage
from opsloop.ocr.tesseract import OcrFailed, OcrStatus
from opsloop.settings import OcrSettings

STATUS = OcrStatus(True, "Tesseract (eng)", "/usr/bin/tesseract", "eng")
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _word(text: str, left: int, top: int, width: int, height: int = 30, confidence: float = 95.0) -> OcrWord:
    return OcrWord(text=text, left=left, top=top, width=width, height=height, confidence=confidence, block=1)


def _ink_page(width: int = 400, height: int = 300) -> PageImage:
    pixels = np.full((height, width), 255, dtype=np.uint8)
    pixels[40:70, 20:120] = 0  # a word already read
    pixels[250:262, 20:200] = 0  # a small line nobody read
    return PageImage(1, width, height, 144, pixels.tobytes())


def test_the_words_already_read_are_painted_white_and_the_rest_of_the_ink_is_kept() -> None:
    page = masked(_ink_page(), [_word("Read", 20, 40, 100)])
    pixels = np.frombuffer(page.pixels, dtype=np.uint8).reshape(page.height, page.width)
    assert (pixels[38:72, 18:122] == 255).all()
    assert (pixels[250:262, 20:200] == 0).all()


def test_only_clear_words_of_their_own_are_added_in_blocks_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[bool] = []

    def recognise(image: bytes, status: OcrStatus, *, dpi: int, timeout_seconds: float, **kw: object) -> list:
        asked.append(bool(kw.get("tuned", True)))
        return [
            _word("Company", 20, 250, 70, height=12, confidence=93.0),  # a small line of its own
            _word("no.", 95, 250, 20, height=12, confidence=91.0),
            _word("i", 300, 150, 4, height=12, confidence=96.0),  # an accent's ink, one character
            _word("wvw", 300, 180, 40, height=12, confidence=41.0),  # specks, read with doubt
            _word("ead", 60, 40, 60, confidence=92.0),  # lies under a word already read
        ]

    monkeypatch.setattr("opsloop.ocr.leftout.recognise_image", recognise)
    first = [_word("Read", 20, 40, 100)]
    words, added = read_left_out(_ink_page(), first, STATUS, timeout_seconds=30)
    # THEN the page is read once more without the line-size tuning, and the small line's word is added
    assert asked == [False]
    assert added == 2 and [w.text for w in words] == ["Read", "Company", "no."]
    assert words[-1].block <= BLOCKS


def test_a_failing_second_reading_or_a_page_without_words_keeps_the_page_as_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def failing(*args: object, **kw: object) -> list[OcrWord]:
        raise OcrFailed("Tesseract did not finish within 30 s")

    monkeypatch.setattr("opsloop.ocr.leftout.recognise_image", failing)
    first = [_word("Read", 20, 40, 100)]
    assert read_left_out(_ink_page(), first, STATUS, timeout_seconds=30) == (first, 0)
    assert read_left_out(_ink_page(), [], STATUS, timeout_seconds=30) == ([], 0)


@pytest.mark.skipif(
    shutil.which("tesseract") is None or not FONT.is_file(), reason="needs Tesseract and DejaVu"
)
def test_a_footer_in_small_type_under_a_page_of_ordinary_type_is_read() -> None:
    # GIVEN a scanned page: a name in large type, four lines of body text, and a registry line in small type
    page = Image.new("L", (1700, 2200), 255)
    draw = ImageDraw.Draw(page)
    draw.text((150, 150), "Copperfield Pumps Ltd", font=ImageFont.truetype(str(FONT), 60), fill=0)
    body = ImageFont.truetype(str(FONT), 34)
    for row, line in enumerate(["Invoice 5521", "Date 2 May 2026", "Pump 2 x 60.00 120.00", "Total 144.00"]):
        draw.text((150, 400 + 60 * row), line, font=body, fill=0)
    draw.text(
        (150, 1900), "Company no. 07319920 VAT GB 298 1173 40", font=ImageFont.truetype(str(FONT), 14), fill=0
    )
    out = io.BytesIO()
    page.save(out, format="PDF", resolution=200)
    # WHEN opsloop OCRs it
    settings = OcrSettings(deskew=False, despeckle=False, detect_language=False)
    result = ocr_pdf(out.getvalue(), settings, status=STATUS)
    # THEN the small line is read too, below the body, and the body as before
    lines = [line.strip() for line in result.pages[0].text.splitlines() if line.strip()]
    assert lines[-1] == "Company no. 07319920 VAT GB 298 1173 40"
    assert "Total 144.00" in lines and result.pages[0].left_out >= 8
