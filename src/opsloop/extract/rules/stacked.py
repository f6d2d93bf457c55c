"""Facts set with their labels under their values ("INV-1042" over "Invoice no.", "12.03.2026" over "Date"):
a convention of some designed invoice templates. The engine reads a label's value right of it or under it,
so such a block's rows are put back in the common order (labels over values) before anything is read.

Only a whole run of aligned rows is turned, and only when it opens with a row of values and closes with a row
of labels, rows alternating: a row of labels with values both above and below it (labels over values, a line
of figures above them) is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from opsloop.extract.rules.layout import Cell, Line, split_cells
from opsloop.extract.rules.lexicon import is_column_header, labels_of

FACT_KINDS = ("invoice_number", "invoice_date", "due_date", "po_number")
"""The labels of a document's facts (its number, dates, order number) such a block holds."""
ALIGN = 1
"""Characters a value's cell may start left or right of its label's (both set flush left in one column)."""
GROUP_LINES = 3
"""Lines at most of one row of values or labels (a cell the layout set a little lower is a line of its own)."""
RUN_ROWS = 8
"""Rows at most in one block of facts."""

_DIGIT_RE = re.compile(r"\d")


def _label_only(cell: Cell) -> bool:
    """A cell that is a fact's label and nothing else (a colon or a full stop after it at most)."""
    if _DIGIT_RE.search(cell.text):
        return False
    # (the label may close a cell of a few words that qualify it: "Zálohová faktura č.", "Your order no.")
    return len(cell.text.split()) <= 4 and any(
        not cell.text[hit.end :].strip(" :.#") for hit in labels_of(FACT_KINDS, cell.text)
    )


def _tail(line: Line, at: int) -> list[Cell] | None:
    """The cells of ``line`` from column ``at`` on; None when a cell straddles the column."""
    if any(c.start < at < c.end for c in line.cells):
        return None
    return [c for c in line.cells if c.start >= at]


def _aligned(cells: Sequence[Cell], columns: Sequence[int]) -> bool:
    return bool(cells) and all(any(abs(c.start - col) <= ALIGN for col in columns) for c in cells)


def _is_label_row(cells: Sequence[Cell]) -> bool:
    """A row of words alone (labels); a row of values holds a figure (a number, a date)."""
    return bool(cells) and all(not _DIGIT_RE.search(c.text) for c in cells)


def _continues(row: Sequence[Cell], previous: Sequence[Cell]) -> bool:
    """Whether a one-cell row under ``previous`` still belongs to the block: the labels of a row of values
    (the grid's last row, not filled), or the rest of a row of labels the layout split over two lines (its
    cell in another column). A block opens with a full row, so one cell above it is none of it (a title)."""
    if _is_label_row(row) != _is_label_row(previous):
        return True
    return len(previous) == 1 and abs(previous[0].start - row[0].start) > ALIGN


def _join(slot: Line, source: Line, at: int) -> Line:
    """``slot``'s line with its text from column ``at`` on taken from ``source`` (words follow their text)."""
    text = (slot.text[:at].ljust(at) + source.text[at:]).rstrip()
    words = tuple(sorted([*(w for w in slot.words if w.start < at), *(w for w in source.words if w.start >= at)],
                         key=lambda w: w.start))  # fmt: skip
    return replace(slot, text=text, cells=split_cells(text), words=words)


def labels_over_values(lines: list[Line]) -> list[Line]:
    """The lines with every block of facts whose labels stand under their values turned so its labels stand
    over them; the lines themselves when there is none. A line with nothing in the block's columns (another
    column's wrapped address) is passed over; a label or a value the layout set a little lower than its row's
    others (a line of its own) stays with its row."""
    out = lines
    done: set[int] = set()
    for pos, line in enumerate(lines):
        if pos in done or not any(_label_only(c) for c in line.cells) or is_column_header(line.text):
            continue  # (an item table's header: "No." heads its column, the rows under it are items)
        at = min(c.start for c in line.cells if _label_only(c))
        cells = _tail(line, at)
        if not cells or len(cells) < 2 or not _is_label_row(cells):
            continue  # (a block of two columns at least: one column of lines alternating is as often prose)
        columns = [c.start for c in cells]
        rows = [pos]
        for step in (-1, 1):
            i = pos + step
            previous = cells
            while 0 <= i < len(lines) and lines[i].page == line.page and abs(i - pos) <= RUN_ROWS:
                tail = _tail(lines[i], at)
                if tail is None or (tail and not _aligned(tail, columns)):
                    break
                if tail:
                    if len(tail) < min(2, len(columns)) and (step < 0 or not _continues(tail, previous)):
                        break
                    rows.append(i)
                    previous = tail
                i += step
        rows.sort()
        done.update(rows)
        groups: list[list[int]] = []
        for i in rows:
            kind = _is_label_row(_tail(lines[i], at) or [])
            if groups and _is_label_row(_tail(lines[groups[-1][0]], at) or []) == kind:
                groups[-1].append(i)
            else:
                groups.append([i])
        if (
            len(groups) < 2
            or len(groups) % 2
            or _is_label_row(_tail(lines[groups[0][0]], at) or [])
            or any(len(group) > GROUP_LINES for group in groups)
        ):
            continue  # (labels over their values, or no values over labels: left as they are)
        if out is lines:
            out = list(lines)
        for values, labels in zip(groups[0::2], groups[1::2], strict=True):
            slots = values + labels
            for slot, source in zip(slots, labels + values, strict=True):
                out[slot] = _join(lines[slot], lines[source], at)
    return out
