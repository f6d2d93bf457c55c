"""A page's words laid out as lines of text by their positions: the layout text every reader gives.

Words sharing a height on the page form one line, left to right. Each word is put on a character grid
by its x position (one grid column is the page's typical character width), so the columns of a table
start at about the same character column on every line; two words closer than a column gap stay one
cell (one space between them), and a wider gap becomes a run of two or more spaces. The rules engine
reads cells as runs of words separated by two or more spaces, whichever reader (text layer or OCR)
gave the words, and each placed word keeps its box, so any span of a line maps back to the page.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from opsloop.domain.documents import PageText, Word


@dataclass(frozen=True)
class Grid:
    """How a reader's words are put on the character grid."""

    chars: float
    """One grid column in character widths."""
    median: bool
    """The character width is the median over the page's words (else the mean over all characters)."""
    cell_gap: float
    """A gap between two words wider than this many grid columns (or of the two words' own
    character widths, when wider) separates cells: a space is well under one character width, table
    columns are several apart."""
    spacing: float | None = None
    """When set, a gap no wider than this many times the page's own word spacing (`word_spacing`, in
    the two words' heights) also keeps two words one cell, whatever the grid says."""
    deskew: bool = False
    """Lines are found with the page's words turned back by the page's skew (`skew`): a scan turned a
    little keeps its lines' words at heights that drift across the page."""


TEXT_LAYER = Grid(chars=0.8, median=False, cell_gap=1.5)
"""A PDF's text layer: exact boxes. One grid column is a little finer than the mean character, so
words of different widths keep their columns apart (the scale of pypdf's layout mode, which the
rules engine's column tolerances were first measured on)."""
OCR = Grid(chars=1.0, median=True, cell_gap=2.0)
"""OCR'd words: boxes as Tesseract found them, a misread box now and then (the median resists it);
a wider gap separates cells, OCR boxes being looser than glyph boxes."""
OCR_LAYER = Grid(chars=1.0, median=True, cell_gap=2.0, spacing=1.8, deskew=True)
"""An OCR layer another program wrote under a scan: OCR's grid, and a gap up to 1.8 times the page's own
word spacing is a space. An OCR engine's invisible words carry no glyph widths of the type printed: the
boxes of large or bold type (a heading, a total) come out narrower than the printed words, the gaps
between them wider than the grid's cell gap, yet about as wide as the page's other spaces measured in
the words' heights; a table's columns lie several times further apart."""
SPACING_BIN = 0.1
"""The page's word spacing is the commonest gap between neighbouring words of a line, in the words'
heights, rounded to this step."""
RULES = frozenset("|¦")
"""A table's ruled line read as a character of its own (OCR reads a box's vertical rule as a bar): a
column's edge, never a space between two words of a cell."""
SPACING_MAX = 3.0
"""Gaps wider than this many heights are no spaces between words (columns, margins)."""
SKEW_MIN = 0.003
"""A slope (height over width) from one word to the next on its line below this is level: a word's
box is no finer (0.17 degrees)."""
SKEW_SHARE = 0.2
"""A page is turned when at least this share of its neighbouring words' slopes (and five) are not level:
an OCR engine sets a turned scan's lines along their own baselines, yet may set some level."""
MAX_LINE_CHARS = 1000
"""A line is never placed beyond this column (a stray box far off the page must not build a huge line)."""
BLANK_LINE_GAP = 1.5
"""A vertical gap of more than this many line heights becomes one empty line (a paragraph break)."""
_COLLISION = 0.3
"""Two words of one line overlapping by more than this share of the narrower one are on two lines
(text printed over text, a superscript over its neighbour)."""


@dataclass(frozen=True)
class PlacedWord:
    """A word as placed on a text line: the character span [start, end) of the line it occupies."""

    start: int
    end: int
    word: Word


@dataclass(frozen=True)
class TextLine:
    """One line of layout text and the words it was built from (an empty line has none)."""

    text: str
    words: tuple[PlacedWord, ...] = ()


def box_of(words: Sequence[Word]) -> list[float] | None:
    """The box [x0, y0, x1, y1] around the words (None without words)."""
    if not words:
        return None
    return [
        round(min(w.x0 for w in words), 2),
        round(min(w.y0 for w in words), 2),
        round(max(w.x1 for w in words), 2),
        round(max(w.y1 for w in words), 2),
    ]


def char_width(words: Sequence[Word]) -> float:
    """The page's typical character width: the median of width / length over its words (longer
    words first: a one-letter word's box says little)."""
    samples = [(w.x1 - w.x0) / len(w.text) for w in words if len(w.text) >= 3 and w.x1 > w.x0]
    if not samples:
        samples = [(w.x1 - w.x0) / len(w.text) for w in words if w.x1 > w.x0]
    if not samples:
        return 1.0
    return max(1e-3, statistics.median(samples))


def mean_char_width(words: Sequence[Word]) -> float:
    """The page's mean character width: all words' widths over all their characters (the body text,
    where most characters are, weighs most)."""
    width = sum(w.x1 - w.x0 for w in words if w.x1 > w.x0)
    chars = sum(len(w.text) for w in words if w.x1 > w.x0)
    return max(1e-3, width / chars) if chars else 1.0


def _centre(word: Word) -> float:
    return (word.y0 + word.y1) / 2


@dataclass
class _Row:
    seed: Word
    words: list[Word]
    centre: float
    """The seed's centre (read for every word that may join the row)."""

    def accepts(self, word: Word, centre: float) -> bool:
        """The word (its centre given) is on this row: each centre lies within the other's height
        (the seed's), and it does not overlap a word already there."""
        seed = self.seed
        if not (seed.y0 <= centre <= seed.y1 and word.y0 <= self.centre <= word.y1) and not self._same_top(
            word
        ):
            return False
        x0, x1 = word.x0, word.x1
        width = x1 - x0
        for other in self.words:
            o0, o1 = other.x0, other.x1
            overlap = (o1 if o1 < x1 else x1) - (o0 if o0 > x0 else x0)
            narrower = o1 - o0 if o1 - o0 < width else width
            if overlap > _COLLISION * (narrower if narrower > 1e-3 else 1e-3):
                return False
        return True

    def _same_top(self, word: Word) -> bool:
        """The word's top and size are those of a word already on the row: one run of text whose boxes
        differ only below, where a descender ("g", "y") lowers the word's box, so its centre falls under a
        smaller seed's height (a name cell beside a smaller label on the same line of a spreadsheet)."""
        size = word.font_size
        return size is not None and any(
            other.font_size == size and abs(other.y0 - word.y0) <= _SAME_TOP for other in self.words
        )


_SAME_TOP = 0.3
"""Points two words' tops may differ and still be one run of text on one line."""


def _rows(words: Sequence[Word]) -> list[list[Word]]:
    """Words grouped into lines by height, each line left to right, lines top to bottom."""
    rows: list[_Row] = []
    centres = [(w.y0 + w.y1) / 2 for w in words]  # (_centre of each word, once)
    for at in sorted(range(len(centres)), key=centres.__getitem__):
        word, centre = words[at], centres[at]
        top = word.y0
        home = None
        for row in reversed(rows):
            if row.centre < top:
                break  # rows are in order of their centres: none above this one can take the word
            if row.accepts(word, centre):
                home = row
                break
        if home is None:
            rows.append(_Row(word, [word], centre))
        else:
            home.words.append(word)
    ordered = [sorted(row.words, key=lambda w: w.x0) for row in rows]
    ordered.sort(key=_median_centre)
    return ordered


def _median_centre(words: Sequence[Word]) -> float:
    """The median of the words' centres: what ``statistics.median`` gives (the middle value, or the
    mean of the two middle ones), without its generic machinery (once per line of every page)."""
    centres = sorted([(w.y0 + w.y1) / 2 for w in words])
    half = len(centres) // 2
    if len(centres) % 2:
        return centres[half]
    return (centres[half - 1] + centres[half]) / 2


def _reader_rows(words: Sequence[Word]) -> list[list[Word]]:
    """Words grouped by the reader's own lines (OCR), lines at the same height on the page joined
    again where their words do not collide (one table row cut into two blocks); each line left to
    right, lines top to bottom."""
    grouped: dict[int | None, list[Word]] = {}
    for word in words:
        grouped.setdefault(word.line, []).append(word)
    lines = sorted(grouped.values(), key=lambda ws: (min(w.y0 for w in ws), min(w.x0 for w in ws)))
    rows: list[list[Word]] = []
    for line in lines:
        top, bottom = min(w.y0 for w in line), max(w.y1 for w in line)
        for row in rows:
            row_top, row_bottom = min(w.y0 for w in row), max(w.y1 for w in row)
            overlap = min(bottom, row_bottom) - max(top, row_top)
            collide = any(a.x0 < b.x1 and b.x0 < a.x1 for a in row for b in line)
            if overlap > 0.5 * min(bottom - top, row_bottom - row_top) and not collide:
                row.extend(line)
                break
        else:
            rows.append(list(line))
    for row in rows:
        row.sort(key=lambda w: w.x0)
    rows.sort(key=lambda ws: min(w.y0 for w in ws))
    return rows


def _unique(words: Sequence[Word]) -> list[Word]:
    """The words without repeats: text printed twice at (almost) the same place (a bold effect, a
    layer drawn twice) is one word."""
    seen: set[tuple[str, int, int]] = set()
    kept: list[Word] = []
    for word in words:
        key = (word.text, round(word.x0), round(word.y0))
        if key in seen:
            continue
        seen.add(key)
        kept.append(word)
    return kept


def _own_width(width: float, length: int) -> float:
    """Two neighbouring words' own character width from their widths and lengths added: a large
    heading spaces its words wider than body text."""
    return width / max(1, length)


def _column(x0: float, origin: float, unit: float) -> int:
    """The grid column a word starting at ``x0`` starts at."""
    return min(MAX_LINE_CHARS, max(0, round((x0 - origin) / unit)))


def word_spacing(rows: Sequence[Sequence[Word]]) -> float | None:
    """The page's own word spacing: the commonest gap between neighbouring words of a line in the two
    words' heights (the smaller), to `SPACING_BIN`, gaps beyond `SPACING_MAX` heights left out (None
    without such a gap). An OCR layer's spaces are set as the OCR engine measured them, alike across
    the page relative to the type's height: the commonest gap is the space between words."""
    counts: dict[int, int] = {}
    for row in rows:
        for before, after in pairwise(row):
            height = min(before.y1 - before.y0, after.y1 - after.y0)
            if height <= 1e-3:
                continue
            ratio = (after.x0 - before.x1) / height
            if 0 < ratio < SPACING_MAX:
                step = round(ratio / SPACING_BIN)
                counts[step] = counts.get(step, 0) + 1
    if not counts:
        return None
    step = max(counts, key=lambda key: (counts[key], -key))
    return step * SPACING_BIN


def skew(rows: Sequence[Sequence[Word]]) -> float:
    """The slope (height over width, y growing down) of a turned scan's lines, from neighbouring words
    of each line at least two heights apart (the median of those not level, `SKEW_MIN`, where they are
    `SKEW_SHARE` of them or more); 0.0 for a level page."""
    slopes: list[float] = []
    pairs = 0
    for row in rows:
        for before, after in pairwise(row):
            run = (after.x0 + after.x1 - before.x0 - before.x1) / 2
            if run < 2 * min(before.y1 - before.y0, after.y1 - after.y0):
                continue
            pairs += 1
            slope = (after.y1 - before.y1) / run
            if abs(slope) > SKEW_MIN:
                slopes.append(slope)
    if len(slopes) < max(5, SKEW_SHARE * pairs):
        return 0.0
    return statistics.median(slopes)


def _stream_lines(words: Sequence[Word]) -> list[list[Word]]:
    """The words in the order the page sets them, cut into the lines the OCR engine wrote: a word goes on
    the line before it where it starts right of that line's last word at about its height (half the
    smaller height), else it opens a line (an OCR engine writes its lines one by one, each left to right,
    a block's lines before the next block's)."""
    lines: list[list[Word]] = []
    for word in words:
        if lines:
            last = lines[-1][-1]
            height = min(last.y1 - last.y0, word.y1 - word.y0)
            if word.x0 > last.x1 - 0.1 * height and abs(word.y0 + word.y1 - last.y0 - last.y1) <= height:
                lines[-1].append(word)
                continue
        lines.append([word])
    return lines


def _layer_rows(words: Sequence[Word], rows: list[list[Word]]) -> list[list[Word]]:
    """An OCR layer's rows: the lines its engine wrote (`_stream_lines`), those at the same height on the
    page joined where their words do not collide (one table row the engine wrote as two blocks' lines),
    heights measured with the page's skew (`skew`, from the ``rows`` found by position) taken out; each
    row left to right, rows top to bottom."""
    slope = skew(rows)
    origin = min(w.x0 for w in words)

    def level(line: list[Word]) -> tuple[float, float]:
        tops = [w.y0 - slope * ((w.x0 + w.x1) / 2 - origin) for w in line]
        bottoms = [w.y1 - slope * ((w.x0 + w.x1) / 2 - origin) for w in line]
        return min(tops), max(bottoms)

    placed = sorted(((level(line), line) for line in _stream_lines(words)), key=lambda item: item[0][0])
    merged: list[tuple[float, float, list[Word]]] = []
    for (top, bottom), line in placed:
        for at, (row_top, row_bottom, row) in enumerate(merged):
            overlap = min(bottom, row_bottom) - max(top, row_top)
            if overlap <= 0.5 * min(bottom - top, row_bottom - row_top):
                continue
            if not any(a.x0 < b.x1 and b.x0 < a.x1 for a in row for b in line):
                merged[at] = (min(top, row_top), max(bottom, row_bottom), row + line)
                break
        else:
            merged.append((top, bottom, list(line)))
    return [sorted(row, key=lambda w: w.x0) for _, _, row in merged]


def _place(
    row: Sequence[Word], origin: float, unit: float, cell_gap: float, space: float | None = None
) -> TextLine:
    """The row as a line of text, each word at its grid column (`_column`), or one space after the
    word before where the gap is no wider than ``cell_gap`` grid columns (or of the two words' own
    character widths, `_own_width`, when wider), or no wider than ``space`` times the smaller of the
    two words' heights when given; trailing spaces dropped."""
    text = ""
    placed: list[PlacedWord] = []
    # (once per word of every page: each word's box read once, its width and length kept for the
    # next word's turn)
    width, length = 0.0, 0
    right = height = 0.0
    before = ""
    for word in row:
        x0, x1, word_text = word.x0, word.x1, word.text
        if not placed:
            text = " " * _column(x0, origin, unit)
        else:
            own = _own_width(width + (x1 - x0), length + len(word_text))
            if x0 - right <= cell_gap * (own if own > unit else unit) or (  # (max(unit, own))
                space is not None
                and x0 - right <= space * min(height, word.y1 - word.y0)
                and word_text not in RULES
                and before not in RULES
            ):
                text += " "
            else:
                text += " " * max(2, _column(x0, origin, unit) - len(text))
        start = len(text)
        text += word_text
        placed.append(PlacedWord(start, len(text), word))
        width, length, right, height = x1 - x0, len(word_text), x1, word.y1 - word.y0
        before = word_text
    return TextLine(text.rstrip(), tuple(placed))


def lay_out(words: Sequence[Word], grid: Grid = TEXT_LAYER) -> list[TextLine]:
    """One page's words as lines of layout text (empty lines mark wide vertical gaps). The left
    margin is dropped: the leftmost word starts at column 0."""
    words = _unique([w for w in words if w.text and not w.text.isspace()])
    if not words:
        return []
    unit = grid.chars * (char_width(words) if grid.median else mean_char_width(words))
    cell_gap = grid.cell_gap
    origin = min(w.x0 for w in words)
    heights = [w.y1 - w.y0 for w in words if w.y1 > w.y0]
    line_height = statistics.median(heights) if heights else 1.0
    blank_gap = BLANK_LINE_GAP * line_height
    lines: list[TextLine] = []
    previous_bottom: float | None = None
    by_reader = all(w.line is not None for w in words)
    rows = _reader_rows(words) if by_reader else _rows(words)
    if grid.deskew and not by_reader:
        rows = _layer_rows(words, rows)
    space = None
    if grid.spacing is not None:
        spacing = word_spacing(rows)
        space = None if spacing is None else grid.spacing * spacing
    for row in rows:
        top = min([w.y0 for w in row])
        if previous_bottom is not None and top - previous_bottom > blank_gap:
            lines.append(TextLine(""))
        lines.append(_place(row, origin, unit, cell_gap, space))
        previous_bottom = max([w.y1 for w in row])
    return lines


def layout_text(lines: Sequence[TextLine]) -> str:
    """The lines as one text, one per line."""
    return "\n".join(line.text for line in lines)


_CUT_FIGURE_RE = re.compile(r"\d{1,3}(?:[,.\u202f\u00a0'’]\d{3})*[.,]\d")
"""A figure whose decimals stop after one digit ("27,859.3", "1.956,2"): the rest of its digits may have wrapped
to the next line of a cell too narrow for it."""
_FRAGMENT_RE = re.compile(r"\d{1,3}")
_SIGN_RE = re.compile(r"\W{1,3}|[A-Z]{3}")
"""What else a line of wrapped figures' tails may hold: a currency sign or code that wrapped with them."""
WRAP_GAP = 0.6
"""Times the font size two lines of one wrapped cell are apart at most (their boxes' gap)."""


def rejoin_wrapped_figures(words: Sequence[Word]) -> list[Word]:
    """Figures a narrow table cell wrapped ("GBP 27,859.3" over "7", a unit price "1,956.2" over "200"), joined:
    a word of one to three digits set right under the end of a figure whose decimals stop after one digit, in
    the same size, just below it, on a line that holds nothing but such tails (and currency signs or codes) —
    never a table's next row, which prints its description. Word boxes of a text layer only."""
    tails = [w for w in words if _FRAGMENT_RE.fullmatch(w.text)]
    if not tails:
        return list(words)
    joined: dict[int, Word] = {}
    used: set[int] = set()
    for head in words:
        if not _CUT_FIGURE_RE.fullmatch(head.text) or not head.font_size:
            continue
        size = head.font_size
        for tail in tails:
            gap = tail.y0 - head.y1
            if (
                id(tail) in used
                or not -0.2 * size <= gap <= WRAP_GAP * size
                or abs((tail.font_size or 0.0) - size) > 0.1 * size
                or not head.x0 - 0.5 * size <= tail.x0
                or tail.x1 > head.x1 + 0.6 * size
            ):
                continue
            row = [w for w in words if abs(w.y0 - tail.y0) <= 0.3 * size and w is not tail]
            if any(not (_FRAGMENT_RE.fullmatch(w.text) or _SIGN_RE.fullmatch(w.text)) for w in row):
                continue  # a table's next row, or a line of prose: no cell's wrapped tail
            used.add(id(tail))
            joined[id(head)] = head.model_copy(
                update={"text": head.text + tail.text, "x1": max(head.x1, tail.x1)}
            )
            break
    if not joined:
        return list(words)
    return [joined.get(id(w), w) for w in words if id(w) not in used]


def page_lines(page: PageText) -> list[TextLine]:
    """A page's layout lines with their words, laid out the way its reader laid out its text (none
    for a page read without word boxes). Laid out once per page object and word list."""
    if not page.words:
        return []
    # an OCR layer's words are laid out as OCR's words are: an OCR engine's invisible text (Tesseract's) sets
    # each word in a glyphless font scaled to the word, a space glyph after it, so measured in the words'
    # own glyph boxes the gap between two words of a name or a figure is 1.5-2 characters wide; on the text
    # layer's grid nearly every word of a name or a figure would be a cell of its own
    grid = OCR_LAYER if page.source == "ocr_layer" else OCR if page.source == "ocr" else TEXT_LAYER
    cached = page._layout
    if cached is not None and cached[0] is page.words and cached[1] == (grid, len(page.words)):
        return list(cached[2])
    lines = lay_out(page.words if grid is not TEXT_LAYER else rejoin_wrapped_figures(page.words), grid)
    page._layout = (page.words, (grid, len(page.words)), tuple(lines))
    return lines
