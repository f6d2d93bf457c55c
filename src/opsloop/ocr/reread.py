"""Lines Tesseract merged across two blocks, read again apart.

Tesseract reads a page as one column (`--psm 4`, so that a table row stays one line). Where a block of
small lines stands beside a block of large type (a buyer's name and street at the height of a large
"INVOICE" title, a two-line label beside a bold value), it can take two or three of the small lines for
one tall line and read them as garbage: a word box two or more line heights tall, read with low
confidence ("rin" for "Alba Chiara Meccanica S.p.A." over "Corso Garibaldi 117"). Such words are read
again: each region of them, widened sideways to the gap that parts it from the next text at its height, is
cropped from the page image, the crops are stacked into one image, and Tesseract reads that once as a
uniform block of text (`--psm 6`), where nothing beside them can merge with them. A region's new words
replace the old where they were read with more confidence; a region read no better stays as it was.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from opsloop.ocr.layout import OcrWord
from opsloop.ocr.render import PageImage
from opsloop.ocr.tesseract import OcrFailed, OcrStatus, recognise_image

DOUBT = 50.0
"""A word read with a lower confidence (0-100) is doubtful."""
TALL_DOUBT = 80.0
"""A word two lines tall or more (`TALL`) read with a lower confidence than this is doubtful too: a name and
the street under it merged into one line read as the street alone ("Industriweg 12" at 69, the name above it
lost) is read fairly confidently; a title in large type is read at 90 or more."""
TALL = 2.2
"""A doubtful word whose box is at least this many times the page's typical word height (the median over
the words read with confidence) spans two lines or more: lines merged across blocks."""
JOIN = 1.0
"""Words of the merged line closer to its doubtful words than this many typical heights (a space between two
words of a name) are read again with them; a wider gap is a column's, which the crop stops at."""
MARGIN = 0.3
"""Typical heights of white added around each crop."""
MAX_REGIONS = 8
"""At most this many regions a page are read again (a page of noise has many doubtful words)."""
SEGMENTATION = "6"
"""`--psm 6`: one uniform block of text (a crop holds one block's lines and nothing beside them)."""


@dataclass(frozen=True)
class Region:
    """A part of the page image read again, in pixels, and the words of the first reading it replaces."""

    left: int
    top: int
    right: int
    bottom: int
    words: tuple[OcrWord, ...]


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return min(a1, b1) - max(a0, b0)


def merged_regions(words: Sequence[OcrWord], width: int, height: int) -> list[Region]:
    """The regions of a page (`width` x `height` pixels) whose words look like lines merged across blocks
    (`TALL_DOUBT`, `TALL`), widened sideways to the next text at their height, at most `MAX_REGIONS`."""
    sure = [w.height for w in words if w.confidence >= DOUBT and w.height > 0]
    if not sure:
        return []
    typical = statistics.median(sure)
    tall = [w for w in words if 0 <= w.confidence < TALL_DOUBT and w.height >= TALL * typical]
    groups: dict[tuple[int, int, int], list[OcrWord]] = {}
    for word in tall:
        groups.setdefault((word.block, word.paragraph, word.line), []).append(word)
    join = JOIN * typical
    for key, group in groups.items():  # the rest of the merged line: its words a space away, not a column's
        line = sorted((w for w in words if (w.block, w.paragraph, w.line) == key), key=lambda w: w.left)
        grown = True
        while grown:
            grown = False
            left, right = min(w.left for w in group), max(w.right for w in group)
            for word in line:
                if (
                    all(word is not w for w in group)
                    and left - join <= word.right
                    and word.left <= right + join
                ):
                    group.append(word)
                    grown = True
    regions: list[Region] = []
    margin = round(MARGIN * typical)
    for group in groups.values():
        inside = {id(w) for w in group}
        top, bottom = min(w.top for w in group), max(w.bottom for w in group)
        left, right = min(w.left for w in group), max(w.right for w in group)
        beside = [
            w
            for w in words
            if id(w) not in inside and _overlap(w.top, w.bottom, top - margin, bottom + margin) > 0
        ]
        level = [
            w for w in beside if _overlap(w.top, w.bottom, top, bottom) > 0.5 * min(w.height, bottom - top)
        ]
        crop_left = max((w.right for w in level if w.right <= left), default=-margin) + margin
        crop_right = min((w.left for w in level if w.left >= right), default=width + margin) - margin
        # the words just above and below it that reach into the margin: the crop stops short of them
        flat = {id(w) for w in level}
        across = [
            w for w in beside if id(w) not in flat and _overlap(w.left, w.right, crop_left, crop_right) > 0
        ]
        crop_top = max([top - margin, *(min(top, w.bottom + 1) for w in across if w.top < top)])
        crop_bottom = min([bottom + margin, *(max(bottom, w.top - 1) for w in across if w.bottom > bottom)])
        regions.append(
            Region(
                left=max(0, crop_left),
                top=max(0, crop_top),
                right=min(width, crop_right),
                bottom=min(height, crop_bottom),
                words=tuple(group),
            )
        )
        if len(regions) >= MAX_REGIONS:
            break
    return [r for r in regions if r.right > r.left and r.bottom > r.top]


def _stack(image: PageImage, regions: Sequence[Region], gap: int) -> tuple[PageImage, list[int]]:
    """The regions' crops one under the other on white, `gap` pixels apart (and around), with the top of
    each crop in the stacked image."""
    page = np.frombuffer(image.pixels, dtype=np.uint8).reshape(image.height, image.width)
    width = max(r.right - r.left for r in regions) + 2 * gap
    height = sum(r.bottom - r.top for r in regions) + gap * (len(regions) + 1)
    stacked = np.full((height, width), 255, dtype=np.uint8)
    tops: list[int] = []
    y = gap
    for region in regions:
        crop = page[region.top : region.bottom, region.left : region.right]
        stacked[y : y + crop.shape[0], gap : gap + crop.shape[1]] = crop
        tops.append(y)
        y += crop.shape[0] + gap
    return PageImage(image.number, width, height, image.dpi, stacked.tobytes()), tops


def _confidence(words: Sequence[OcrWord]) -> float:
    scores = [w.confidence for w in words if w.confidence >= 0]
    return statistics.fmean(scores) if scores else -1.0


def reread_merged_lines(
    image: PageImage, words: list[OcrWord], status: OcrStatus, *, timeout_seconds: float
) -> tuple[list[OcrWord], int]:
    """(the page's words with its merged lines read again where that read them better, how many regions
    were replaced). One more Tesseract run for the page when it has such lines; none otherwise. A failing
    run keeps the words as read."""
    regions = merged_regions(words, image.width, image.height)
    if not regions:
        return words, 0
    typical = statistics.median([w.height for w in words if w.confidence >= DOUBT and w.height > 0])
    gap = max(8, round(2 * typical))
    stacked, tops = _stack(image, regions, gap)
    try:
        again = recognise_image(
            stacked.pgm(), status, dpi=image.dpi, timeout_seconds=timeout_seconds, segmentation=SEGMENTATION
        )
    except OcrFailed:
        return words, 0
    replaced: set[int] = set()
    added: list[OcrWord] = []
    done = 0
    for number, (region, top) in enumerate(zip(regions, tops, strict=True)):
        span = region.bottom - region.top
        found = [
            replace(
                w,
                left=w.left - gap + region.left,
                top=w.top - top + region.top,
                block=-1 - number,  # a block of its own: its lines are the new reading's, numbered apart
            )
            for w in again
            if top <= w.top + w.height / 2 < top + span
        ]
        if not found or _confidence(found) <= _confidence(region.words):
            continue
        replaced.update(id(w) for w in region.words)
        added.extend(found)
        done += 1
    if not done:
        return words, 0
    return [w for w in words if id(w) not in replaced] + added, done
