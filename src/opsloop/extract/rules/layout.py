"""Page text as lines of column-positioned cells (pypdf layout mode keeps the columns)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from opsloop.domain.documents import ParsedDocument

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


MAX_LINE_CHARS = 2000
"""Longer lines are cut: a pathological page must not make the engine quadratic."""


def split_cells(text: str) -> list[Cell]:
    """Cells are runs of text separated by two or more spaces."""
    return [Cell(m.start(), m.end(), m.group(0)) for m in _CELL_RE.finditer(text)]


def document_lines(parsed: ParsedDocument, *, max_lines: int = 20000) -> list[Line]:
    """Non-empty lines of every page (or of the plain text), with their cells."""
    pages = [(p.number, p.text) for p in parsed.pages] if parsed.pages else [(1, parsed.text or "")]
    lines: list[Line] = []
    for number, text in pages:
        clean = _NBSP_RE.sub(" ", text.replace("\r", "").replace("\t", "    ")).replace("\u00a0", " ")
        for raw in clean.split("\n"):
            cut = raw[:MAX_LINE_CHARS].rstrip()
            if not cut.strip():
                continue
            lines.append(Line(page=number, index=len(lines), text=cut, cells=split_cells(cut)))
            if len(lines) >= max_lines:
                return lines
    return lines


def cell_at(line: Line, start: int, end: int) -> Cell | None:
    """The cell of ``line`` that overlaps the column range [start, end) the most."""
    best: Cell | None = None
    best_overlap = 0
    for cell in line.cells:
        overlap = min(end, cell.end) - max(start, cell.start)
        if overlap > best_overlap:
            best, best_overlap = cell, overlap
    return best
