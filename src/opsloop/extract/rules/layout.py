"""Page text as lines of column-positioned cells, each line keeping the word boxes it was built from.

A page read with word boxes (PDFium, OCR) is laid out again from its words (the layout text of the
page, built the same way), so every span of a line maps back to the page; a page given as text
alone is split into lines and cells by its spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from opsloop.domain.documents import ParsedDocument
from opsloop.ingest.layout import PlacedWord, box_of, page_lines

_CELL_RE = re.compile(r"\S+(?: \S+)*")
_NBSP_RE = re.compile(r" ?[\u00a0\u202f]+ ?")
"""A no-break space (with its neighbour) is one space inside a cell, not a column gap."""


@dataclass(frozen=True)
class Cell:
    start: int
    end: int
    text: str


@dataclass
class Line:
    page: int
    index: int
    """Position in the document's line list."""
    text: str
    cells: list[Cell] = field(default_factory=list)
    words: tuple[PlacedWord, ...] = ()
    """The words the line was laid out from, with the character span each occupies (empty for text
    given without positions)."""
    ocr: bool = False
    """The line was read by OCR (ours, or an OCR layer under a scan): its characters may be misread."""


MAX_LINE_CHARS = 2000
"""Longer lines are cut: a pathological page must not make the engine quadratic."""


def split_cells(text: str) -> list[Cell]:
    """Cells are runs of text separated by two or more spaces."""
    return [Cell(m.start(), m.end(), m.group(0)) for m in _CELL_RE.finditer(text)]


def document_lines(parsed: ParsedDocument, *, max_lines: int = 20000) -> list[Line]:
    """Non-empty lines of every page (or of the plain text), with their cells, and their words
    where the page has word boxes."""
    lines: list[Line] = []
    for page in parsed.pages or []:
        if not page.words:
            if _text_lines(lines, page.number, page.text, max_lines):
                return lines
            continue
        for laid in page_lines(page):
            text = laid.text[:MAX_LINE_CHARS]
            if not text.strip():
                continue
            words = tuple(w for w in laid.words if w.end <= len(text))
            ocr = page.source in ("ocr", "ocr_layer")
            lines.append(Line(page.number, len(lines), text, split_cells(text), words, ocr))
            if len(lines) >= max_lines:
                return lines
    if not parsed.pages:
        _text_lines(lines, 1, parsed.text or "", max_lines)
    from opsloop.extract.rules.furniture import without_print_furniture  # it reads the lexicon packs
    from opsloop.extract.rules.stacked import (
        labels_over_values,
        summary_beside_totals,
        totals_over_labels,
        wrapped_total_labels,
    )

    return wrapped_total_labels(
        summary_beside_totals(totals_over_labels(labels_over_values(without_print_furniture(lines))))
    )


def _text_lines(lines: list[Line], number: int, text: str, max_lines: int) -> bool:
    """Append the page's text lines; True when ``max_lines`` is reached."""
    clean = _NBSP_RE.sub(" ", text.replace("\r", "").replace("\t", "    ")).replace("\u00a0", " ")
    for raw in clean.split("\n"):
        cut = raw[:MAX_LINE_CHARS].rstrip()
        if not cut.strip():
            continue
        lines.append(Line(page=number, index=len(lines), text=cut, cells=split_cells(cut)))
        if len(lines) >= max_lines:
            return True
    return False


def span_box(line: Line, start: int = 0, end: int | None = None) -> list[float] | None:
    """The page box [x0, y0, x1, y1] (points, top-left origin) of the words of ``line`` overlapping
    the character span [start, end); None for a line without word boxes."""
    stop = len(line.text) if end is None else end
    return box_of([w.word for w in line.words if w.start < stop and w.end > start])


def text_box(line: Line, text: str | None, *, after: int = 0) -> list[float] | None:
    """The box of ``text`` where the line prints it (its first occurrence from ``after``; spaces may
    differ), else of the whole line."""
    if text:
        at = line.text.find(text, after)
        if at < 0:
            at = line.text.find(text)
        if at >= 0:
            return span_box(line, at, at + len(text)) or span_box(line)
        parts = text.split() if " " in text.strip() else list(text)  # "4700 020 141" read as 4700020141
        pattern = r"\s*".join(re.escape(part) for part in parts)
        match = re.search(pattern, line.text[after:]) if pattern and len(text) <= 80 else None
        if match is not None:
            return span_box(line, after + match.start(), after + match.end()) or span_box(line)
    return span_box(line)


def under_on_page(above: Line, start: int, end: int, below: Line, cell: Cell) -> bool | None:
    """Whether ``cell`` of ``below`` stands under the span [start, end) of ``above`` on the page: the x
    extents of their words overlap, give or take one of the span's characters (the slack `cell_at`'s
    callers give in character columns). None where either line has no word boxes there: character
    columns decide. A line of small type beside a box of facts (a return address) runs further right in
    the layout's character columns than on the page, and reaches under a label there only."""
    top = span_box(above, start, end)
    under = span_box(below, cell.start, cell.end)
    if top is None or under is None:
        return None
    chars = len(above.text[start:end].strip()) or 1
    slack = (top[2] - top[0]) / chars
    return under[0] < top[2] + slack and top[0] - slack < under[2]


def cell_holding(line: Line, at: int) -> Cell | None:
    """The cell of ``line`` in which the character at ``at`` stands (None in a gap between cells)."""
    return next((c for c in line.cells if c.start <= at < c.end), None)


def cell_at(line: Line, start: int, end: int) -> Cell | None:
    """The cell of ``line`` that overlaps the column range [start, end) the most."""
    best: Cell | None = None
    best_overlap = 0
    for cell in line.cells:
        overlap = min(end, cell.end) - max(start, cell.start)
        if overlap > best_overlap:
            best, best_overlap = cell, overlap
    return best


_OUTLINE_NUMBER_RE = re.compile(
    r"\d{1,2}(?:\.(?:\d{1,2}|\[\d{1,2}(?:\|\d{1,2})*\])){2,}\.?|\d{1,2}\.(?:\d{1,2}\.)+"
)
"""A form's field reference: an outline number of three levels or more ("2.1.1.9", "1.2.1.3.[1|4|2|3]",
"1.2.2."), its levels of one or two digits: never an amount (one decimal mark; groups of three digits)
nor a bare count."""


def margin_reference(text: str) -> bool:
    """Whether a cell is a form's field reference alone (`_OUTLINE_NUMBER_RE`): set in a margin beside the
    field, on the line of its value, it is none of the value's cells."""
    return _OUTLINE_NUMBER_RE.fullmatch(text.strip()) is not None
