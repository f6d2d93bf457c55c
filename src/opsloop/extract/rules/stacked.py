"""Facts set with their labels under their values ("INV-1042" over "Invoice no.", "12.03.2026" over "Date"):
a convention of some designed invoice templates. The engine reads a label's value right of it or under it,
so such a block's rows are put back in the common order (labels over values) before anything is read.

Only a whole run of aligned rows is turned, and only when it opens with a row of values and closes with a row
of labels, rows alternating: a row of labels with values both above and below it (labels over values, a line
of figures above them) is left alone.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import replace

from opsloop.extract.rules.layout import Cell, Line, split_cells
from opsloop.extract.rules.lexicon import is_column_header, labels_of, word_pattern, word_set

FACT_KINDS = ("invoice_number", "invoice_date", "due_date", "po_number")
"""The labels of a document's facts (its number, dates, order number) such a block holds."""
ALIGN = 1
"""Characters a value's cell may start left or right of its label's (both set flush left in one column)."""
GROUP_LINES = 3
"""Lines at most of one row of values or labels (a cell the layout set a little lower is a line of its own)."""
RUN_ROWS = 8
"""Rows at most in one block of facts."""

_DIGIT_RE = re.compile(r"\d")


_NUMBER_WORDS = word_set("strip_number_labels")
"""Bare number words that head the number's cell in a block of facts ("No.", "Numeris", "Broj")."""


def _label_only(cell: Cell) -> bool:
    """A cell that is a fact's label and nothing else (a colon or a full stop after it at most), or a bare
    number word of the packs alone."""
    if _DIGIT_RE.search(cell.text):
        return False
    if " ".join(cell.text.lower().strip(" :.").split()) in _NUMBER_WORDS:
        return True
    # (the label may close a cell of a few words that qualify it: "Zálohová faktura č.", "Your order no.")
    return len(cell.text.split()) <= 4 and any(
        not cell.text[hit.end :].strip(" :.#") for hit in labels_of(FACT_KINDS, cell.text)
    )


def _labels_a_fact(cell: Cell) -> bool:
    """A cell of a row of labels: a fact's label (`_label_only`) or any label with its colon ("Delivery
    note:", "Handled by:"); a name's cell is neither."""
    return _label_only(cell) or cell.text.rstrip().endswith(":")


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
                    if (
                        len(tail) >= 2
                        and _is_label_row(tail)
                        and _is_label_row(previous)
                        and not any(_labels_a_fact(c) for c in tail)
                    ):
                        break  # a row of words naming no fact under the labels (the parties' names)
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
            or any(_label_only(c) for group in groups[0::2] for i in group for c in _tail(lines[i], at) or [])
        ):
            # (labels over their values, or no values over labels: left as they are; nor is a row of
            # values that holds a fact's label, a label and its value side by side: "Numurs:  2627")
            continue
        if out is lines:
            out = list(lines)
        for values, labels in zip(groups[0::2], groups[1::2], strict=True):
            slots = values + labels
            for slot, source in zip(slots, labels + values, strict=True):
                out[slot] = _join(lines[slot], lines[source], at)
    return out


TOTAL_KINDS = ("subtotal", "tax", "total", "amount_due")
"""The labels of a strip of totals set side by side ("Net | VAT 24 % | Total"), each over or under its amount."""
_RATE_RE = re.compile(r"\(?%\s?\d{1,2}(?:[.,]\d{1,3})?\)?|\d{1,2}(?:[.,]\d{1,3})?\s?%")
"""A VAT rate inside a label ("KM 24 %", "KDV %20", "VAT (20%)")."""
_MARK = r"(?:[^\W\d]{1,4}\.?|[^\s\w])"
_AMOUNT_CELL_RE = re.compile(
    rf"(?:{_MARK}\s?)?[-−]?(?:\d{{1,3}}(?:[ \u00a0.,'’]\d{{3}})+|\d+)(?:[.,]\d{{1,3}})?(?:\s?{_MARK})?"
)
"""An amount alone, with a currency code, word or sign before or after it ("2 584,12 €", "RM1,234.50",
"1.234 kr.", "10 389,60 руб."); its thousands in groups of three."""


def _wordy(text: str) -> bool:
    """Words alone, a VAT rate among them at most (a rate alone is a value)."""
    rest = _RATE_RE.sub(" ", text)
    return not _DIGIT_RE.search(rest) and any(c.isalpha() for c in rest)


def _total_label(cell: Cell) -> bool:
    """A cell that is a total's label (a VAT rate in it or after it allowed) and nothing else (a label that
    needs its rate after it, "KM 24 %", is read with it)."""
    text = cell.text.strip()
    return (
        _wordy(text)
        and len(_RATE_RE.sub(" ", text).split()) <= 5
        and any(
            not _RATE_RE.sub(" ", text[hit.end :]).strip(" :.#()") for hit in labels_of(TOTAL_KINDS, text)
        )
    )


def _strip_of_amounts(values: Line, columns: Sequence[Cell], labels: Line | None = None) -> bool:
    """Whether ``values`` holds one amount over (or under) each of the label ``columns`` and nothing else: the
    line cut at gaps into as many pieces (amounts set a space apart may read as one cell), each an amount
    overlapping its label's columns (set flush left, right or centred alike) or a character or two off them;
    where both lines keep their word boxes, overlapping its label on the page counts too (a row of figures
    set in a larger type than its labels' row is laid out at another width a character)."""
    if not values.cells or len(values.cells) > len(columns):
        return False
    text = values.text
    gaps = [i for i in range(1, len(text)) if text[i].isspace() and not text[i - 1].isspace()]
    if len(gaps) > 12:
        return False
    spans = [_page_span(labels, c.start, c.end) for c in columns] if labels is not None else None
    for cuts in itertools.combinations(gaps, len(columns) - 1):
        pieces = zip(columns, [0, *cuts], [*cuts, len(text)], strict=True)
        if all(_amount_under(label, text, start, end) for label, start, end in pieces):
            return True
        if spans is not None and all(
            _amount_under_on_page(values, text, start, end, span)
            for span, start, end in zip(spans, [0, *cuts], [*cuts, len(text)], strict=True)
        ):
            return True
    return False


STRIP_SLACK = 2
"""Characters an amount may end short of its label's column, or start past it: the page's text set at character
width puts a figure centred or flush right under a label a little off it."""
STRIP_SLACK_PT = 2.0
"""Points an amount may end short of its label's box on the page, or start past it."""


def _amount_under(label: Cell, text: str, start: int, end: int) -> bool:
    piece = text[start:end]
    first = start + len(piece) - len(piece.lstrip())
    last = start + len(piece.rstrip())
    # (touching counts: an amount set flush right may end a column before its label's first letter)
    return (
        _AMOUNT_CELL_RE.fullmatch(piece.strip()) is not None
        and first <= label.end + STRIP_SLACK
        and label.start <= last + STRIP_SLACK
    )


def _page_span(line: Line, start: int, end: int) -> tuple[float, float] | None:
    """Where on the page the words of ``line``'s characters ``start:end`` stand (left and right edge), or None
    for a line without word boxes."""
    boxes = [placed.word for placed in line.words if placed.start < end and placed.end > start]
    return (min(b.x0 for b in boxes), max(b.x1 for b in boxes)) if boxes else None


def _amount_under_on_page(
    values: Line, text: str, start: int, end: int, label: tuple[float, float] | None
) -> bool:
    piece = _page_span(values, start, end)
    return (
        label is not None
        and piece is not None
        and _AMOUNT_CELL_RE.fullmatch(text[start:end].strip()) is not None
        and piece[0] <= label[1] + STRIP_SLACK_PT
        and label[0] <= piece[1] + STRIP_SLACK_PT
    )


def _label_columns(cell: Cell) -> list[Cell]:
    """A cell of total labels set a single space apart ("Net excl. VAT VAT 21 % VAT 9 %"), one column each, as
    the labels' cells: cut where each label starts, every piece a total's label alone (its rate allowed);
    the cell itself where it holds one label or any word that is none."""
    hits = sorted(labels_of(TOTAL_KINDS, cell.text), key=lambda h: (h.start, h.start - h.end))
    starts: list[int] = []
    end = 0
    for hit in hits:
        if hit.start >= end:
            starts.append(hit.start)
            end = hit.end
    if len(starts) < 2 or cell.text[: starts[0]].strip():
        return [cell]
    pieces = []
    for start, stop in zip(starts, [*starts[1:], len(cell.text)], strict=True):
        text = cell.text[start:stop].rstrip()
        pieces.append(Cell(cell.start + start, cell.start + start + len(text), text))
    return pieces if all(_total_label(piece) for piece in pieces) else [cell]


STRIP_SPLITS = 64
"""Ways at most to cut a row of labels into columns (each cell whole or cut where each of its labels starts)."""


def _strip_columns(above: Line, line: Line) -> Sequence[Cell] | None:
    """The columns of the labels in ``line`` over which ``above`` prints one amount each: the line's cells, or,
    where the layout lost the gaps between some labels (a cell holds several), each label a column of its own;
    a cell whose words are labels each ("Mokėti iš viso": pay, in all) stays one column where the amounts say
    so. None when ``above`` is no such strip of amounts."""
    cells = line.cells
    if len(cells) >= 2 and sum(_total_label(c) for c in cells) >= 2 and _strip_of_amounts(above, cells, line):
        return cells
    if not _DIGIT_RE.search(above.text):
        return None
    options = [[pieces, [cell]] if len(pieces := _label_columns(cell)) > 1 else [[cell]] for cell in cells]
    ways = 1
    for option in options:
        ways *= len(option)
    if ways > STRIP_SPLITS:
        options = [option[:1] for option in options]  # (every label its own column only)
    for choice in itertools.product(*options):  # every label its own column first
        split = [piece for pieces in choice for piece in pieces]
        if (
            len(split) > len(cells)
            and sum(_total_label(c) for c in split) >= 2
            and _strip_of_amounts(above, split, line)
        ):
            return split
    return None


def totals_over_labels(lines: list[Line]) -> list[Line]:
    """The lines with every strip of totals whose labels stand under their amounts (a row of amounts, the row
    of their labels under it: "2 083,97 €  500,15 €  2 584,12 €" over "Subtotal  VAT 24 %  Total") turned so
    the labels stand over them, as the engine reads them; the lines themselves when there is none. A row of
    labels with amounts under it too is left as it is (its amounts are the ones under it)."""
    out = lines
    for pos in range(1, len(lines)):
        line, above = lines[pos], lines[pos - 1]
        if above.page != line.page or not line.cells or not all(_wordy(c.text) for c in line.cells):
            continue
        columns = _strip_columns(above, line)
        if columns is None:
            continue
        if (
            pos + 1 < len(lines)
            and lines[pos + 1].page == line.page
            and _strip_of_amounts(lines[pos + 1], columns, line)
        ):
            continue
        if out is lines:
            out = list(lines)
        out[pos - 1], out[pos] = _join(above, line, 0), _join(line, above, 0)
    return out


TABLE_HEAD_KINDS = ("tax", "col_tax", "subtotal", "total", "col_amount")
"""The labels heading a VAT summary's columns (rate, net, VAT, gross): "MwSt. | Summe netto | USt.",
"VAT % | Net Total | VAT"."""
_RATE_CELL_RE = re.compile(r"[-−]?\d{1,2}(?:[.,]\d{1,3})?\s?%|%\s?\d{1,2}(?:[.,]\d{1,3})?")
"""A VAT rate alone ("7 %", "19%", "%20")."""


def _figure(cell: Cell) -> bool:
    """A cell that is a figure alone: an amount or a rate."""
    text = cell.text.strip()
    return _AMOUNT_CELL_RE.fullmatch(text) is not None or _RATE_CELL_RE.fullmatch(text) is not None


def _head_cell(cell: Cell) -> bool:
    """A cell heading a VAT summary's column: a label of `TABLE_HEAD_KINDS` and nothing else (a % allowed)."""
    text = cell.text.replace("%", " ").strip(" :.#()")
    return (
        bool(text)
        and not _DIGIT_RE.search(text)
        and any(not text[hit.end :].strip(" :.#()") for hit in labels_of(TABLE_HEAD_KINDS, text))
    )


def _labelled_amount(cells: Sequence[Cell]) -> bool:
    """A totals column's row: words (a label), then one amount, last."""
    return (
        len(cells) >= 2
        and _AMOUNT_CELL_RE.fullmatch(cells[-1].text.strip()) is not None
        and all(_wordy(c.text) for c in cells[:-1])
    )


def _summary_beside(lines: Sequence[Line], pos: int, at: int) -> list[int]:
    """The lines from ``pos`` on that a VAT summary left of column ``at`` shares with the totals right of it
    (its head at ``pos``, then its rows of figures), and the totals column's lines under it; empty when there
    is none. Right of ``at`` every such line holds a labelled amount or nothing; no cell straddles the column."""
    head = lines[pos]
    left = [c for c in head.cells if c.end <= at]
    right = _tail(head, at)
    if len(left) < 2 or not right or not _labelled_amount(right) or not all(_head_cell(c) for c in left):
        return []
    if not any(labels_of(("tax", "col_tax"), c.text) for c in left):
        return []  # (no VAT column: not a VAT summary)
    run = [pos]
    for i in range(pos + 1, min(len(lines), pos + RUN_ROWS)):
        line = lines[i]
        tail = _tail(line, at)
        if line.page != head.page or tail is None:
            break
        rows = [c for c in line.cells if c.end <= at]
        if not rows or len(rows) > len(left) or not all(_figure(c) for c in rows):
            break
        if tail and not _labelled_amount(tail):
            break
        run.append(i)
    if len(run) < 2:
        return []
    # the totals column runs on under the summary: the summary follows it
    for i in range(run[-1] + 1, min(len(lines), run[-1] + RUN_ROWS)):
        tail = _tail(lines[i], at)
        if (
            lines[i].page != head.page
            or not tail
            or len(tail) != len(lines[i].cells)
            or not _labelled_amount(tail)
        ):
            break
        run.append(i)
    return run


def _cut(line: Line, at: int) -> tuple[Line, Line]:
    """``line`` as two lines: its text left of column ``at``, and its text from ``at`` on (kept in its columns)."""
    left_text = line.text[:at].rstrip()
    right_text = (" " * at + line.text[at:]).rstrip()
    left = replace(
        line, text=left_text, cells=split_cells(left_text), words=tuple(w for w in line.words if w.start < at)
    )
    right = replace(line, text=right_text, cells=split_cells(right_text),
                    words=tuple(w for w in line.words if w.start >= at))  # fmt: skip
    return left, right


def summary_beside_totals(lines: list[Line]) -> list[Line]:
    """The lines with every VAT summary printed beside the totals column taken out of it: a small table (its
    head "MwSt. | Summe netto | USt.", a row of figures per rate) set left of the totals on the same heights,
    each height read as one line ("MwSt.  Summe netto  USt.  Summe Positionen  317,12 €", "7 %  101,44  7,10
    Fracht  4,90 €") mixes the table's head and rows with the totals' labels and amounts. Cut at the column
    that no cell of the run straddles, the totals column keeps its lines (and columns) and the summary
    follows the column's last line as a table of its own; the lines themselves when there is none."""
    out: list[Line] = []
    summary: list[Line] = []
    end = -1
    for pos, line in enumerate(lines):
        if pos > end and len(line.cells) >= 4:
            run: list[int] = []
            for cell in line.cells[2:-1]:
                run = _summary_beside(lines, pos, cell.start)
                if run:
                    at, end = cell.start, run[-1]
                    break
        if pos <= end:
            left, right = _cut(line, at)
            if left.cells:
                summary.append(left)
            if right.cells:
                out.append(right)
            if pos == end:
                out += summary
                summary = []
            continue
        out.append(line)
    if len(out) == len(lines) and all(a is b for a, b in zip(out, lines, strict=True)):
        return lines
    return [replace(line, index=i) for i, line in enumerate(out)]


WRAP_ALIGN = 2
"""Characters a wrapped label's second line may open off its first line's start, or end off its end."""
_PAID_WORDS_RE = word_pattern("paid_labels")
_WRAPPED_WORDS_RE = re.compile(r"[^\W\d_]+\.?(?: [^\W\d_]+\.?){0,2}:?")
"""A label's words a narrow column wrapped to the next line: one to three words, no figure."""


def _needs_rest(upper: str, joined: str) -> bool:
    """Whether ``joined`` opens with a total's or a payment's label that runs into its second line's words,
    ``upper`` naming none alone."""
    if labels_of(TOTAL_KINDS, upper) or _PAID_WORDS_RE.search(upper):
        return False
    if any(h.start == 0 and h.end > len(upper) for h in labels_of(TOTAL_KINDS, joined)):
        return True
    paid = _PAID_WORDS_RE.match(joined)
    return paid is not None and paid.end() > len(upper)


def wrapped_total_labels(lines: list[Line]) -> list[Line]:
    """The lines with every total's label its narrow column wrapped under its amount ("Amount  120.00" over
    "paid", "Pozostało  1 000,00" over "do zapłaty") set whole on its amount's line, the words under it taken
    off their own: the first line's words name no label alone, the two lines together one that needs the
    second line's words. Where the gap before the amount holds the words they fill it (the amount keeps its
    column); else the amount moves right."""
    out = lines
    for pos in range(len(lines) - 1):
        line, below = lines[pos], lines[pos + 1]
        if below.page != line.page or len(below.cells) != 1 or len(line.cells) < 2:
            continue
        rest = below.cells[0]
        if not _WRAPPED_WORDS_RE.fullmatch(rest.text.strip()):
            continue
        label, value = line.cells[0], line.cells[1]
        if _DIGIT_RE.search(label.text) or not _DIGIT_RE.search(value.text):
            continue
        if abs(rest.start - label.start) > WRAP_ALIGN and abs(rest.end - label.end) > WRAP_ALIGN:
            continue
        words = rest.text.strip()
        if not _needs_rest(label.text.strip(), f"{label.text.strip()} {words}"):
            continue
        head = f"{line.text[: label.end]} {words}"
        gap = value.start - label.end
        if gap >= len(words) + 3:
            text, shift = head + line.text[len(head) :], 0
        else:
            text = f"{head}  {line.text[value.start :]}"
            shift = len(text) - len(line.text)
        placed = tuple(
            replace(w, start=w.start + shift, end=w.end + shift) if w.start >= value.start else w
            for w in line.words
        )
        if out is lines:
            out = list(lines)
        out[pos] = replace(line, text=text, cells=split_cells(text), words=placed)
        out[pos + 1] = replace(below, text="", cells=[], words=())
    return out
