"""Where things sit on a vendor's pages: the layout fingerprint, rows of words, a value's words and
the label it stands beside, and reading a value again at the same place on another document.

Everything here works on the reader's word boxes (`PageText.words`: PDF points, origin top-left,
y growing down). A *placement* says where a field's value stood relative to its anchor, the label
words beside it or above it ("Rechnungsnr.:", "Due date"): the anchor's text, which side, and the
offsets from the anchor's box to the value's box. On the next document of the same layout the anchor
is found by its text (wherever the page put it: a longer address block moves everything below it)
and the value is read at the same offsets.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

from opsloop.domain.documents import ParsedDocument, Word

FINGERPRINT_TOP = 0.2
"""The share of the first page, from the top, whose words make the layout fingerprint: the
letterhead, the address blocks and most header labels, which a vendor prints the same way each time
(the table and the totals below move with the number of lines; its descriptions change)."""
FINGERPRINT_GRID = 36.0
"""Label words count by their text and the half-inch column they start in."""
MAX_VALUE_WORDS = 6
"""A value (a date, an amount, a number, a name) spans at most this many words of one row."""
MAX_ANCHOR_WORDS = 4


def norm(text: str) -> str:
    """Label text as compared: case-folded, accents removed, surrounding colons and spaces dropped."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip(" :\u00a0")


def compact(text: str) -> str:
    """Text without whitespace (a number printed in groups is the same number)."""
    return re.sub(r"\s+", "", text)


def alnum(text: str) -> str:
    """Letters and digits only, upper case (identifiers: IBANs, VAT ids)."""
    return "".join(c for c in text if c.isalnum()).upper()


def shape(text: str) -> str:
    """The form of an identifier: letter runs kept, digit runs as one `9` each (an invoice number
    `RE-2025-37555` and the next, `RE-2025-37601`, have the same shape; a delivery-note number or a
    date has another)."""
    return re.sub(r"\d+", "9", compact(text).upper())


def has_letter(text: str) -> bool:
    return any(c.isalpha() for c in text)


def has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


# ------------------------------------------------------------------------------------------ rows


@dataclass(frozen=True)
class Row:
    page: int
    words: tuple[Word, ...]
    """Left to right."""

    @property
    def centre(self) -> float:
        return sum((w.y0 + w.y1) / 2 for w in self.words) / len(self.words)

    @property
    def height(self) -> float:
        return max(1.0, max(w.y1 - w.y0 for w in self.words))


def _centre(word: Word) -> float:
    return (word.y0 + word.y1) / 2


def page_rows(words: Sequence[Word]) -> list[Row]:
    """The words of one page in rows (centres within half a word's height), top to bottom."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (_centre(w), w.x0)):
        if rows:
            last = rows[-1]
            centre = sum(_centre(w) for w in last) / len(last)
            height = max(w.y1 - w.y0 for w in last)
            if abs(_centre(word) - centre) <= max(1.0, 0.5 * min(height, word.y1 - word.y0)):
                last.append(word)
                continue
        rows.append([word])
    return [Row(row[0].page, tuple(sorted(row, key=lambda w: w.x0))) for row in rows]


def document_rows(parsed: ParsedDocument) -> dict[int, list[Row]]:
    return {page.number: page_rows(page.words) for page in parsed.pages if page.words}


def has_words(parsed: ParsedDocument) -> bool:
    return any(page.words for page in parsed.pages)


def _joined(left: Word, right: Word) -> bool:
    """Two neighbouring words of a row belong to one value or label (a space, not a column gap)."""
    return right.x0 - left.x1 <= 0.6 * max(1.0, min(left.y1 - left.y0, right.y1 - right.y0))


def spans(row: Row, *, max_words: int = MAX_VALUE_WORDS) -> Iterator[tuple[int, int]]:
    """(start, end) word ranges of a row that could be one printed value: neighbours only."""
    words = row.words
    for start in range(len(words)):
        end = start + 1
        yield start, end
        while end < len(words) and end - start < max_words and _joined(words[end - 1], words[end]):
            end += 1
            yield start, end


def text_of(words: Sequence[Word]) -> str:
    return " ".join(w.text for w in words)


def box_of(words: Sequence[Word]) -> list[float]:
    return [
        round(min(w.x0 for w in words), 2),
        round(min(w.y0 for w in words), 2),
        round(max(w.x1 for w in words), 2),
        round(max(w.y1 for w in words), 2),
    ]


def code_text(parsed: ParsedDocument, rows: dict[int, list[Row]] | None = None) -> str:
    """The document's letters and digits, upper case, read twice: row by row, and column by column
    (the runs of words that start at one x position, top to bottom), so that an identifier wrapped
    onto a second line of a footer column ("IBAN FR75 3781 9744 0611 4522" / "9695 501") is whole."""
    rows = rows if rows is not None else document_rows(parsed)
    columns: dict[tuple[int, int], list[tuple[float, str]]] = {}
    for number, page_rows_ in rows.items():
        for row in page_rows_:
            for run in runs(row):
                columns.setdefault((number, round(run[0].x0 / 3)), []).append((row.centre, text_of(run)))
    by_column = ["".join(text for _, text in sorted(parts)) for parts in columns.values()]
    return "|".join([alnum(parsed.full_text()), *(alnum(text) for text in by_column)])


# ------------------------------------------------------------------------------------------ fingerprint


def runs(row: Row) -> Iterator[tuple[Word, ...]]:
    """The row's runs of neighbouring words (a label, a value, a phrase), left to right."""
    start = 0
    for end in range(1, len(row.words) + 1):
        if end == len(row.words) or not _joined(row.words[end - 1], row.words[end]):
            yield row.words[start:end]
            start = end


def layout_fingerprint(parsed: ParsedDocument) -> str | None:
    """A short hash of the words at the top of the first page with words (letterhead, address
    blocks, header labels), each with the column it starts in, leaving out every run of words that
    holds a figure (a date with its month name, an amount with its currency): the same for two
    documents a vendor printed from one template, whatever their numbers and dates; None without
    word boxes."""
    page = next((p for p in parsed.pages if p.words), None)
    if page is None:
        return None
    height = page.height or max(w.y1 for w in page.words)
    tokens: set[str] = set()
    for row in page_rows([w for w in page.words if w.y0 <= height * FINGERPRINT_TOP]):
        for run in runs(row):
            if any(has_digit(w.text) for w in run):
                continue
            for word in run:
                text = norm(word.text)
                if has_letter(text) and len(text) >= 2:
                    tokens.add(f"{text}@{int(word.x0 // FINGERPRINT_GRID)}")
    if len(tokens) < 3:
        return None
    size = f"{round(page.width or 0)}x{round(page.height or 0)}"
    digest = hashlib.sha256("|".join([size, *sorted(tokens)]).encode("utf-8")).hexdigest()
    return digest[:16]


# ------------------------------------------------------------------------------------------ placements


@dataclass(frozen=True)
class Found:
    """A value's words on a page."""

    page: int
    row: Row
    start: int
    end: int

    @property
    def words(self) -> tuple[Word, ...]:
        return self.row.words[self.start : self.end]

    @property
    def text(self) -> str:
        return text_of(self.words)


def locate(
    parsed: ParsedDocument, matches: Callable[[str], bool], rows: dict[int, list[Row]] | None = None
) -> list[Found]:
    """Every run of neighbouring words that `matches` accepts and that holds no shorter such run (a
    value printed twice is found twice), in reading order."""
    rows = rows if rows is not None else document_rows(parsed)
    hits: list[Found] = []
    for number, page_rows_ in sorted(rows.items()):
        for row in page_rows_:
            accepted = [(start, end) for start, end in spans(row) if matches(text_of(row.words[start:end]))]
            for start, end in accepted:
                if not any(s >= start and e <= end and (s, e) != (start, end) for s, e in accepted):
                    hits.append(Found(number, row, start, end))
    return hits


@dataclass(frozen=True)
class Placement:
    """Where a value stood relative to its anchor (see the module doc)."""

    anchor: tuple[str, ...]
    """The anchor's words, normalised."""
    side: str
    """left (the label before the value on its row) | above (the label over the value)."""
    dx0: float
    dx1: float
    dy: float
    words: int
    """How many words the value had."""
    page: str
    """first | last | any: which page it was on (any: a one-page document)."""
    occurrence: int = 0
    """Which of the anchor's occurrences on its page it was, in reading order (a table header that
    prints "VAT" three times: the third)."""
    occurrences: int = 1
    """How often the anchor's text stood on that page."""

    def as_json(self) -> dict[str, object]:
        return {
            "anchor": list(self.anchor),
            "side": self.side,
            "dx0": self.dx0,
            "dx1": self.dx1,
            "dy": self.dy,
            "words": self.words,
            "page": self.page,
            "occurrence": self.occurrence,
            "occurrences": self.occurrences,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Placement:
        anchor = data.get("anchor")
        return cls(
            anchor=tuple(str(a) for a in anchor) if isinstance(anchor, list) else (),
            side=str(data.get("side") or "left"),
            dx0=float(str(data.get("dx0") or 0)),
            dx1=float(str(data.get("dx1") or 0)),
            dy=float(str(data.get("dy") or 0)),
            words=int(str(data.get("words") or 1)),
            page=str(data.get("page") or "any"),
            occurrence=int(str(data.get("occurrence") or 0)),
            occurrences=int(str(data.get("occurrences") or 1)),
        )


def _label(words: Sequence[Word]) -> bool:
    """Anchor words say something: at least one letter, and not a long run of figures."""
    text = text_of(words)
    return has_letter(text) and sum(c.isdigit() for c in text) <= 2


def _phrase_leftwards(row: Row, end: int) -> tuple[int, int] | None:
    """The label phrase ending with word `end - 1`: neighbours leftwards, at most MAX_ANCHOR_WORDS."""
    if end <= 0:
        return None
    start = end - 1
    while (
        start > 0
        and end - start < MAX_ANCHOR_WORDS
        and _joined(row.words[start - 1], row.words[start])
        and not has_digit(row.words[start - 1].text)
    ):
        start -= 1
    return (start, end) if _label(row.words[start:end]) else None


def _phrase_around(row: Row, index: int) -> tuple[int, int]:
    start = end = index
    while (
        start > 0 and end - start + 1 < MAX_ANCHOR_WORDS and _joined(row.words[start - 1], row.words[start])
    ):
        start -= 1
    while (
        end + 1 < len(row.words)
        and end - start + 1 < MAX_ANCHOR_WORDS
        and _joined(row.words[end], row.words[end + 1])
    ):
        end += 1
    return start, end + 1


def _page_role(page: int, pages: int) -> str:
    if pages <= 1:
        return "any"
    return "first" if page == 1 else "last" if page == pages else "any"


def placements(found: Found, rows: dict[int, list[Row]], pages: int) -> list[Placement]:
    """The anchors of a located value, best first: the label before it on its row, then the label
    over it (the nearest row above within three rows' height whose words overlap it)."""
    out: list[Placement] = []
    words = found.words
    x0, x1 = min(w.x0 for w in words), max(w.x1 for w in words)
    centre = sum(_centre(w) for w in words) / len(words)
    role = _page_role(found.page, pages)
    page_only = {found.page: rows.get(found.page, [])}

    def counted(row: Row, start: int, end: int) -> tuple[tuple[str, ...], int, int]:
        text = tuple(norm(w.text) for w in row.words[start:end])
        places = [(r.centre, s) for _, r, s, _ in _anchors(page_only, text)]
        return text, places.index((row.centre, start)) if (row.centre, start) in places else 0, len(places)

    left = _phrase_leftwards(found.row, found.start)
    if left is not None:
        anchor = found.row.words[left[0] : left[1]]
        ax1 = max(w.x1 for w in anchor)
        acentre = sum(_centre(w) for w in anchor) / len(anchor)
        text, occurrence, occurrences = counted(found.row, *left)
        out.append(
            Placement(
                text,
                "left",
                round(x0 - ax1, 2),
                round(x1 - ax1, 2),
                round(centre - acentre, 2),
                len(words),
                role,
                occurrence,
                occurrences,
            )
        )
    above = [r for r in rows.get(found.page, []) if r.centre < found.row.centre - 0.5 * found.row.height]
    for row in reversed(above):
        if found.row.centre - row.centre > 3.5 * found.row.height:
            break
        overlapping = [i for i, w in enumerate(row.words) if w.x1 > x0 - 2 and w.x0 < x1 + 2]
        if not overlapping:
            continue
        start, end = _phrase_around(row, overlapping[0])
        anchor = row.words[start:end]
        if not _label(anchor):
            break
        ax0 = min(w.x0 for w in anchor)
        acentre = sum(_centre(w) for w in anchor) / len(anchor)
        text, occurrence, occurrences = counted(row, start, end)
        out.append(
            Placement(
                text,
                "above",
                round(x0 - ax0, 2),
                round(x1 - ax0, 2),
                round(centre - acentre, 2),
                len(words),
                role,
                occurrence,
                occurrences,
            )
        )
        break
    return out


def _anchors(rows: dict[int, list[Row]], anchor: tuple[str, ...]) -> Iterator[tuple[int, Row, int, int]]:
    """Where the anchor's words stand, page by page in reading order."""
    size = len(anchor)
    for number, page_rows_ in sorted(rows.items()):
        for row in page_rows_:
            texts = [norm(w.text) for w in row.words]
            for start in range(len(texts) - size + 1):
                if tuple(texts[start : start + size]) == anchor:
                    yield number, row, start, start + size


def read_at(
    rows: dict[int, list[Row]],
    pages: int,
    placement: Placement,
    accept: Callable[[str], object | None],
) -> list[tuple[object, Found]]:
    """The values `accept` reads at `placement` on this document: for each place its anchor text is
    found, the words at the learned offsets (left edges or right edges aligned, within a character),
    the learned number of words first, then fewer or more. Distinct values (those on the page the
    value stood on, first or last, when there are such): more than one means the place is ambiguous."""
    results: list[tuple[object, Found, bool]] = []
    found_anchors = list(_anchors(rows, placement.anchor))
    by_page: dict[int, list[tuple[int, Row, int, int]]] = {}
    for item in found_anchors:
        by_page.setdefault(item[0], []).append(item)
    chosen = []
    for items in by_page.values():  # as many as the learned page had: the same one of them
        same_count = placement.occurrences > 1 and len(items) == placement.occurrences
        chosen += [items[placement.occurrence]] if same_count else items
    for number, row, start, end in chosen:
        anchor = row.words[start:end]
        reference = max(w.x1 for w in anchor) if placement.side == "left" else min(w.x0 for w in anchor)
        centre = sum(_centre(w) for w in anchor) / len(anchor)
        want_x0, want_x1 = reference + placement.dx0, reference + placement.dx1
        want_centre = centre + placement.dy
        for candidate in rows.get(number, []):
            if abs(candidate.centre - want_centre) > 0.6 * candidate.height:
                continue
            tolerance = max(3.0, 0.6 * candidate.height)
            for index, word in enumerate(candidate.words):
                if placement.side == "left" and candidate is row and index < end:
                    continue
                lefts = abs(word.x0 - want_x0) <= tolerance
                rights = abs(word.x1 - want_x1) <= tolerance
                if not (lefts or rights):
                    continue
                run = _read_run(candidate, index, placement.words, accept, from_left=lefts)
                if run is not None:
                    role_ok = placement.page in ("any", _page_role(number, pages))
                    results.append((run[0], Found(number, candidate, run[1], run[2]), role_ok))
                    break
    if any(role_ok for _, _, role_ok in results):
        results = [item for item in results if item[2]]
    distinct: dict[str, tuple[object, Found]] = {}
    for read, found, _ in results:
        distinct.setdefault(repr(read), (read, found))
    return list(distinct.values())


def _read_run(
    row: Row, index: int, words: int, accept: Callable[[str], object | None], *, from_left: bool
) -> tuple[object, int, int] | None:
    """A value of about `words` words starting (or ending) at word `index` of `row`."""
    sizes = [words] + [n for n in (1, 2, 3, 4, 5) if n != words]
    for size in sizes:
        start, end = (index, index + size) if from_left else (index - size + 1, index + 1)
        if start < 0 or end > len(row.words):
            continue
        run = row.words[start:end]
        if any(not _joined(a, b) for a, b in pairwise(run)):
            continue
        value = accept(text_of(run))
        if value is not None:
            return value, start, end
    return None
