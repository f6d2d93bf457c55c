"""Tesseract's word boxes back into layout text: the shape pypdf's layout mode gives a text layer.

The rules engine reads a page as lines of cells, a cell being a run of words separated by single
spaces and cells separated by two or more. Tesseract's TSV gives each word its box and its line; the
words of a line are put on a character grid by their x position (one grid column is the page's median
character width), words closer than a column gap stay one cell (one space), and a wider gap becomes a
run of spaces that keeps the columns of a table at about the same place on every line.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

CELL_GAP_CHARS = 2.0
"""A gap between two words wider than this many character widths separates cells (a space and the
glyphs' side bearings are about one character width; table columns are several apart)."""
MAX_LINE_CHARS = 1000
"""A line is never placed beyond this column (a stray box far off the page must not build a huge line)."""
BLANK_LINE_GAP = 1.5
"""A vertical gap of more than this many line heights becomes one empty line (a paragraph break)."""


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


def char_width(words: Sequence[OcrWord]) -> float:
    """The page's typical character width in pixels: the median of width / length over its words."""
    samples = [w.width / len(w.text) for w in words if len(w.text) >= 3 and w.width > 0]
    if not samples:
        samples = [w.width / len(w.text) for w in words if w.width > 0]
    if not samples:
        return 1.0
    return max(1.0, statistics.median(samples))


def _lines(words: Sequence[OcrWord]) -> list[list[OcrWord]]:
    """Tesseract's lines (block, paragraph, line), each sorted left to right, top to bottom. Lines that
    share their height on the page (one table row cut into two blocks) are one line again."""
    grouped: dict[tuple[int, int, int], list[OcrWord]] = {}
    for word in words:
        grouped.setdefault((word.block, word.paragraph, word.line), []).append(word)
    lines = sorted(grouped.values(), key=lambda ws: (min(w.top for w in ws), min(w.left for w in ws)))
    rows: list[list[OcrWord]] = []
    for line in lines:
        top, bottom = min(w.top for w in line), max(w.bottom for w in line)
        for row in rows:
            row_top, row_bottom = min(w.top for w in row), max(w.bottom for w in row)
            overlap = min(bottom, row_bottom) - max(top, row_top)
            if overlap > 0.5 * min(bottom - top, row_bottom - row_top) and not _collide(row, line):
                row.extend(line)
                break
        else:
            rows.append(list(line))
    for row in rows:
        row.sort(key=lambda w: w.left)
    rows.sort(key=lambda ws: min(w.top for w in ws))
    return rows


def _collide(row: Sequence[OcrWord], line: Sequence[OcrWord]) -> bool:
    return any(a.left < b.right and b.left < a.right for a in row for b in line)


def _own_width(left: OcrWord, right: OcrWord) -> float:
    """The two words' own character width: a large heading spaces its words wider than body text."""
    return (left.width + right.width) / max(1, len(left.text) + len(right.text))


def _place(row: Sequence[OcrWord], origin: int, unit: float) -> str:
    text = ""
    previous: OcrWord | None = None
    for word in row:
        column = min(MAX_LINE_CHARS, max(0, round((word.left - origin) / unit)))
        if previous is None:
            text = " " * column
        elif word.left - previous.right <= CELL_GAP_CHARS * max(unit, _own_width(previous, word)):
            text += " "
        else:
            text += " " * max(2, column - len(text))
        text += word.text
        previous = word
    return text


def layout_text(words: Sequence[OcrWord]) -> str:
    """One page's words as layout text: one text line per line of words, words placed by their x
    position on a character grid, column gaps kept as runs of two or more spaces (`clean_words` first)."""
    words = clean_words(words)
    if not words:
        return ""
    unit = char_width(words)
    origin = min(w.left for w in words)
    rows = _lines(words)
    heights = [w.height for w in words if w.height > 0]
    line_height = statistics.median(heights) if heights else 1.0
    out: list[str] = []
    previous_bottom: int | None = None
    for row in rows:
        top = min(w.top for w in row)
        if previous_bottom is not None and top - previous_bottom > BLANK_LINE_GAP * line_height:
            out.append("")
        out.append(_place(row, origin, unit).rstrip())
        previous_bottom = max(w.bottom for w in row)
    return "\n".join(out)
