"""Page preparation before OCR: skew estimate, deskew, despeckle, and clean pages left alone.
No Tesseract needed: the pages are the project's fixture invoices rendered by PDFium, turned and
specked here deterministically."""

from __future__ import annotations

import random

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from opsloop.ocr.prepare import as_array, estimate_skew, prepare_page, remove_specks, rotate, with_pixels
from opsloop.ocr.render import PageImage, render_pages
from opsloop.settings import OcrSettings
from tests.conftest import REPO_ROOT

FIXTURE = REPO_ROOT / "fixtures" / "inbox" / "schmidt_RE-2026-0412.pdf"


def _page(dpi: int) -> PageImage:
    [image] = [
        p for p in render_pages(FIXTURE.read_bytes(), dpi=dpi, max_pages=1) if isinstance(p, PageImage)
    ]
    return image


@pytest.fixture(scope="module")
def page() -> PageImage:
    return _page(300)


def _specked(gray: np.ndarray, count: int, seed: int) -> tuple[np.ndarray, list[tuple[int, int, int]]]:
    """`gray` with `count` grey specks of 1 or 2 px put where the page is white around them."""
    rng = random.Random(seed)
    out = gray.copy()
    placed: list[tuple[int, int, int]] = []
    height, width = gray.shape
    while len(placed) < count:
        x, y, size = rng.randrange(4, width - 6), rng.randrange(4, height - 6), rng.choice((1, 2))
        if (out[y - 2 : y + size + 2, x - 2 : x + size + 2] == 255).all():
            out[y : y + size, x : x + size] = rng.randrange(40, 170)
            placed.append((x, y, size))
    return out, placed


@pytest.mark.parametrize("degrees", [0.6, -1.7, 2.45])
def test_the_skew_estimate_is_within_a_tenth_of_a_degree(page: PageImage, degrees: float) -> None:
    # GIVEN an invoice page turned by a known angle (counter-clockwise, as PIL turns)
    turned = rotate(as_array(page), degrees)
    # WHEN its skew is estimated
    estimate = estimate_skew(turned, page.dpi)
    # THEN it is that angle within 0.1°
    assert abs(estimate - degrees) <= 0.1, estimate


def test_a_turned_page_is_turned_back(page: PageImage) -> None:
    # GIVEN the page turned by 1.2°
    turned = with_pixels(page, rotate(as_array(page), 1.2))
    # WHEN it is prepared for OCR
    prepared = prepare_page(turned, OcrSettings())
    # THEN it was deskewed: the result's own skew is below the threshold, and the step is named
    assert prepared.deskewed and prepared.skew is not None and abs(prepared.skew - 1.2) <= 0.1
    assert abs(estimate_skew(as_array(prepared.image), page.dpi)) < 0.1
    assert prepared.steps == (f"deskewed ({prepared.skew:+.2f}°)",)
    # AND with deskew switched off it is left as it is
    assert prepare_page(turned, OcrSettings(deskew=False)).image is turned


@pytest.mark.parametrize("dpi", [300, 200])
def test_a_clean_straight_page_is_left_untouched(dpi: int) -> None:
    # GIVEN a clean, straight rendering of an invoice (with its decimal points, i-dots and thin rules)
    image = _page(dpi)
    # WHEN it is prepared for OCR
    prepared = prepare_page(image, OcrSettings())
    # THEN nothing was done to it
    assert prepared.image is image and prepared.steps == () and not prepared.despeckled
    assert prepared.skew is not None and abs(prepared.skew) < 0.1
    # AND even the speck remover, forced onto it, finds no speck among the print at normal size
    cleaned, count = remove_specks(as_array(image), 2 if dpi == 300 else 1)
    assert count <= 3 and int((cleaned != as_array(image)).sum()) <= 12


def test_despeckle_removes_isolated_specks_and_keeps_a_thin_line_of_text() -> None:
    # GIVEN a white 300 dpi image with a line of 6 pt text (25 px: its points and i-dots are 2-3 px),
    # a one-pixel rule under it, and 60 isolated specks of 1 and 2 px
    canvas = Image.new("L", (900, 200), 255)
    draw = ImageDraw.Draw(canvas)
    draw.text((20, 30), "Total 1.234,56 EUR i.A. ; j", fill=0, font=ImageFont.load_default(size=25))
    draw.line((20, 70, 880, 70), fill=0, width=1)
    clean = np.asarray(canvas, dtype=np.uint8)
    noisy, placed = _specked(clean, 60, seed=7)
    # WHEN the specks are removed
    cleaned, count = remove_specks(noisy, 2)
    # THEN every speck is gone (painted white) and counted once
    assert count == len(placed)
    for x, y, size in placed:
        assert (cleaned[y : y + size, x : x + size] == 255).all()
    # AND the text and the thin rule are exactly as they were
    assert np.array_equal(cleaned, clean)


def test_a_noisy_page_is_despeckled_and_its_print_kept(page: PageImage) -> None:
    # GIVEN the invoice page with dust: 2000 isolated specks
    gray = as_array(page)
    noisy, placed = _specked(gray, 2000, seed=11)
    # WHEN it is prepared for OCR
    prepared = prepare_page(with_pixels(page, noisy), OcrSettings())
    # THEN it was despeckled (not deskewed: it is straight), and the result is the clean page
    assert prepared.despeckled and not prepared.deskewed and prepared.specks == len(placed)
    assert np.array_equal(as_array(prepared.image), gray)
    # AND with despeckle switched off, or below the noise threshold, it is left as it is
    assert not prepare_page(with_pixels(page, noisy), OcrSettings(despeckle=False)).despeckled
    few, _ = _specked(gray, 20, seed=12)
    assert not prepare_page(with_pixels(page, few), OcrSettings()).despeckled


def test_a_blank_page_is_left_alone() -> None:
    # GIVEN a blank page
    blank = PageImage(1, 300, 400, 300, b"\xff" * (300 * 400))
    # WHEN it is prepared
    prepared = prepare_page(blank, OcrSettings())
    # THEN nothing was estimated or done
    assert prepared.image is blank and prepared.skew is None and prepared.steps == ()
    # AND a page too empty to tell has no skew
    assert estimate_skew(np.full((400, 300), 255, dtype=np.uint8), 300) == 0.0
