"""Tesseract's words as the word boxes every reader gives, and the layout text built from them.

Tesseract's TSV gives each word its box in pixels and its confidence. Cleaned of scanning noise and
scaled to PDF points (72 / dpi), they become the page's `Word`s, laid out into lines of cells the way
a text layer's words are (`opsloop.ingest.layout`, with the OCR grid: one grid column is the page's
median character width, and a wider gap separates cells), so the rules engine reads OCR text the way
it reads a text layer and every field maps back to its place on the scan.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from opsloop.domain.documents import Word
from opsloop.ingest.layout import OCR, lay_out
from opsloop.ingest.layout import layout_text as text_of

EDGE_NOISE = "|[]{}_\"“”‘’‚„'`~…"
"""Stripped from a word's ends: table rules, underlines and dust that Tesseract glues onto a word."""
MEANINGFUL_SYMBOLS = frozenset("€$£¥%#&+@/=·•")
"""A word without a letter or digit is kept only when it has one of these (a currency, a percent, a
separator dot between the parts of an address line)."""


@dataclass(frozen=True)
class OcrWord:
    """One word Tesseract recognised: its text, its box in pixels and its confidence (0-100)."""

    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float
    block: int = 0
    paragraph: int = 0
    line: int = 0

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height


def parse_tsv(tsv: str) -> list[OcrWord]:
    """The words (level 5 rows with text) of Tesseract's `tsv` output; malformed rows are skipped."""
    words: list[OcrWord] = []
    rows = tsv.splitlines()
    if not rows:
        return words
    header = rows[0].split("\t")
    try:
        at = {name: header.index(name) for name in ("level", "block_num", "par_num", "line_num")}
        at |= {name: header.index(name) for name in ("left", "top", "width", "height", "conf", "text")}
    except ValueError:
        return words
    for row in rows[1:]:
        cells = row.split("\t")
        if len(cells) < len(header) or cells[at["level"]] != "5":
            continue
        text = cells[at["text"]].strip()
        if not text:
            continue
        try:
            words.append(
                OcrWord(
                    text=text,
                    left=int(cells[at["left"]]),
                    top=int(cells[at["top"]]),
                    width=int(cells[at["width"]]),
                    height=int(cells[at["height"]]),
                    confidence=float(cells[at["conf"]]),
                    block=int(cells[at["block_num"]]),
                    paragraph=int(cells[at["par_num"]]),
                    line=int(cells[at["line_num"]]),
                )
            )
        except ValueError:
            continue
    return words


def clean_words(words: Iterable[OcrWord]) -> list[OcrWord]:
    """The words without scanning noise: rule and quote characters stripped from their ends, and
    tokens of punctuation alone (dust, table rules, separators) left out. Boxes stay as read."""
    kept: list[OcrWord] = []
    for word in words:
        text = word.text.strip(EDGE_NOISE)
        if not any(c.isalnum() for c in text) and not MEANINGFUL_SYMBOLS.intersection(text):
            continue
        kept.append(word if text == word.text else replace(word, text=text))
    return kept


def mean_confidence(words: Iterable[OcrWord]) -> float | None:
    """The mean word confidence on a 0-1 scale (None without words that carry one)."""
    scores = [w.confidence for w in words if w.confidence >= 0]
    return round(statistics.fmean(scores) / 100.0, 4) if scores else None


def page_words(words: Iterable[OcrWord], *, page: int, dpi: int) -> list[Word]:
    """One page's OCR words (`clean_words` first) as word boxes in points, top-left origin. The font
    size is the box's height, an estimate; the confidence is Tesseract's on a 0-1 scale; the line is
    Tesseract's (block, paragraph, line), numbered on the page."""
    scale = 72.0 / max(1, dpi)
    cleaned = clean_words(words)
    numbers: dict[tuple[int, int, int], int] = {}
    for word in cleaned:
        numbers.setdefault((word.block, word.paragraph, word.line), len(numbers) + 1)
    return [
        Word(
            text=word.text,
            x0=round(word.left * scale, 2),
            y0=round(word.top * scale, 2),
            x1=round(word.right * scale, 2),
            y1=round(word.bottom * scale, 2),
            font_size=round(word.height * scale, 2) if word.height > 0 else None,
            page=page,
            confidence=round(word.confidence / 100.0, 4) if word.confidence >= 0 else None,
            line=numbers[(word.block, word.paragraph, word.line)],
        )
        for word in cleaned
    ]


def layout_text(words: Sequence[OcrWord]) -> str:
    """One page's words as layout text: one text line per line of words, words placed by their x
    position on a character grid, column gaps kept as runs of two or more spaces (`clean_words` first)."""
    return text_of(lay_out(page_words(words, page=1, dpi=72), OCR))
