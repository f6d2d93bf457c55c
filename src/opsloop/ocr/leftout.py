"""Lines in small type that a page's reading left out, read from what is left of the page.

Tesseract reads a page with a larger minimum line size (`opsloop.ocr.tesseract.TUNING`), so that two closely
set lines of different type sizes are not merged into one unreadable line. The price: lines in type much
smaller than the page's (a legal footer with the registry and the VAT id, a window's return address, the
small labels of a payment slip's boxes) are not read at all, not even as garbage. They are read again: the
page image with every word already read painted white (`MARGIN_POINTS` around its box) is read once more
without that tuning, where nothing larger is left beside them to merge with, and the words read with
`KEEP` confidence or more (`LETTERS` letters or digits at least) are added to the page's, in blocks of their own. A page whose first reading found
no word is left as it is, and so is one whose second reading fails.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from opsloop.ocr.layout import OcrWord
from opsloop.ocr.render import PageImage
from opsloop.ocr.tesseract import OcrFailed, OcrStatus, recognise_image

KEEP = 80.0
"""A word of the second reading is added with at least this confidence (0-100): a clear word in small type
reads at 90 or more, the specks, rules and accents left on the page at less."""
LETTERS = 2
"""A word of the second reading holds at least this many letters or digits: a lone character is an accent's or
a rule's leftover ink read as "i" or "3"."""
MARGIN_POINTS = 0.5
"""White painted around each word already read (in points): its ink's anti-aliased edge."""
OVERLAP = 0.3
"""A word of the second reading whose box lies by this share or more under a word already read is the rest of
that word (ink its box left out), not a word of its own: dropped."""
BLOCKS = -1000
"""The second reading's blocks are numbered from here down, apart from the first reading's (and from the
blocks `opsloop.ocr.reread` numbers from -1 down)."""


def masked(image: PageImage, words: Sequence[OcrWord]) -> PageImage:
    """The page image with each word's box (and `MARGIN_POINTS` around it) painted white."""
    margin = max(1, round(MARGIN_POINTS * image.dpi / 72.0))
    pixels = np.frombuffer(image.pixels, dtype=np.uint8).reshape(image.height, image.width).copy()
    for word in words:
        if word.width <= 0 or word.height <= 0:
            continue
        top, left = max(0, word.top - margin), max(0, word.left - margin)
        pixels[top : word.bottom + margin, left : word.right + margin] = 255
    return PageImage(image.number, image.width, image.height, image.dpi, pixels.tobytes())


def _covered(word: OcrWord, words: Sequence[OcrWord]) -> float:
    """The share of ``word``'s box that lies under the boxes of ``words``."""
    area = max(1, word.width * word.height)
    inside = 0
    for other in words:
        width = min(word.right, other.right) - max(word.left, other.left)
        height = min(word.bottom, other.bottom) - max(word.top, other.top)
        if width > 0 and height > 0:
            inside += width * height
    return inside / area


def read_left_out(
    image: PageImage, words: list[OcrWord], status: OcrStatus, *, timeout_seconds: float
) -> tuple[list[OcrWord], int]:
    """(the page's words with the words of the lines its reading left out added, how many were added). One
    more Tesseract run for a page with words; a failing run keeps the words as read."""
    if not words:
        return words, 0
    try:
        again = recognise_image(
            masked(image, words).pgm(), status, dpi=image.dpi, timeout_seconds=timeout_seconds, tuned=False
        )
    except OcrFailed:
        return words, 0
    added = [
        replace(word, block=BLOCKS - word.block)
        for word in again
        if word.confidence >= KEEP
        and sum(c.isalnum() for c in word.text) >= LETTERS
        and _covered(word, words) < OVERLAP
    ]
    return [*words, *added], len(added)
