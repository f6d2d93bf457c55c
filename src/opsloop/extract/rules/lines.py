"""Line-item tables recovered from column alignment, continued across pages.

A header row names the columns (description, quantity, price, amount, ...); rows under it are read
by column position, and the arithmetic (quantity x unit price = amount) settles which number is what.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise

from opsloop.domain.invoices import InvoiceLineExtraction
from opsloop.extract.rules.currency import ISO_CODES, currency_signs, dollar_marks
from opsloop.extract.rules.layout import Cell, Line, span_box
from opsloop.extract.rules.lexicon import (
    every_currency_mark,
    find_labels,
    labels_of,
    word_entries,
    word_pattern,
)
from opsloop.extract.rules.numbers import find_amounts, parse_number

COLUMN_KINDS: tuple[str, ...] = (
    "col_unit_price",
    "col_amount",
    "col_quantity",
    "col_tax",
    "col_buyer_sku",
    "col_sku",
    "col_gtin",
    "col_tariff_code",
    "col_description",
    "col_unit",
    "col_position",
    "col_discount",
    "col_price_basis",
)
_STRONG_DESCRIPTION = re.compile(
    r"descr|beschreib|bezeichn|omschrijv|d[ée]signation|libell|concepto|particulars", re.IGNORECASE
)
_STOP_KINDS = ("total", "subtotal", "amount_due")
_NAME_WORDS_RE = re.compile(r"(?=(?:.*?(?<![^\W\d_])[^\W\d_]{3,}){2}).*\s.*")
"""Two or more words of three letters or more, a space between."""
_LOWER_WORD_RE = re.compile(r"[^\W\d_]*[a-zà-ÿ]{3}[^\W\d_]*")


def _names_an_item(text: str) -> bool:
    """The text of an "Item" or "Name" column beside a description column names the product (words: "Website
    maintenance", "Copywriting"), no article code ("TB100A4", "ART-1254", "SKU 2578")."""
    return _NAME_WORDS_RE.fullmatch(text) is not None or _LOWER_WORD_RE.fullmatch(text) is not None


_DIGIT_RE = re.compile(r"\d")
_ALNUM_RE = re.compile(r"[^\W_]")
"""A letter or digit (what ``str.isalnum`` accepts), searched in one call instead of a Python loop over the
characters (a laid-out line opens with a run of spaces)."""
_DATE_CELL_RE = re.compile(r"^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}[;,]?$")
"""A date in a row ("05.09.2018;") is text, never an amount."""
_TAX_RATE_RE = re.compile(r"^(\d{1,2}(?:[.,]\d{1,2})?)\s?%(?:\s+(?:[A-Z]{2,5}\.?|\([A-Z]{1,2}\)))*$")
"""A rate in a row, maybe with its tax's code and category ("7 %", "7 % VAT (AA)")."""


@dataclass(frozen=True)
class Column:
    kind: str
    start: int
    end: int
    basis: Decimal | None = None
    """A price column's price basis its header names ("Preis je 100", "Price/1000"): the quantity its
    prices are for."""
    x0: float | None = None
    """Where the header's word opening the column starts on the page (points; None for text without
    word boxes, or a column named only on a neighbouring line)."""


def _cell_kind(cell: Cell) -> str | None:
    return _text_kind(cell.text.strip())


@lru_cache(maxsize=16384)
def _text_kind(text: str) -> str | None:
    """The column kind a header cell's (stripped) text names, once per text: the first of
    COLUMN_KINDS a label of which covers the text, else the kind its slashed parts name."""
    for hit in labels_of(COLUMN_KINDS, text):  # (kind after kind, in COLUMN_KINDS' order)
        if hit.start <= 1 and hit.end >= len(text) - 3:
            return hit.kind
    return _slashed_kind(text)


_SLASH_RE = re.compile(r"\s*/\s*")


def _slashed_kind(text: str) -> str | None:
    """Two names of one column set apart by a slash ("Artigo / Serviço", "Towar/usługa", "Hrs/Qty",
    "Preis/Einh."): the kind its parts name, when they name one kind only and a part naming none is
    one word (an abbreviation; "# Produs / serviciu" is a position and a description); a figure per
    unit ("Preț/UM") is the figure's."""
    parts = [part for part in _SLASH_RE.split(text) if part]
    if len(parts) < 2:
        return None
    kinds = [_cell_kind(Cell(0, len(part), part)) for part in parts]
    if any(kind is None and len(part.split()) > 1 for kind, part in zip(kinds, parts, strict=True)):
        return None
    named = set(kinds) - {None}
    if len(named) == 2 and "col_unit" in named and kinds[0] not in (None, "col_unit"):
        return kinds[0]  # "Preț/UM", "Price/Unit": the price per unit
    return named.pop() if len(named) == 1 else None


_WORD_RE = re.compile(r"\S+")


def _cell_columns(cell: Cell) -> list[Column]:
    """A header cell's columns: the whole cell when it names one kind, else the longest runs of its
    words that do ("USt. betrag" is a tax column and an amount column set one space apart), runs
    of one kind side by side being one column."""
    return list(_columns_of_cell(cell))


@lru_cache(maxsize=16384)
def _columns_of_cell(cell: Cell) -> tuple[Column, ...]:
    """`_cell_columns`, once per distinct cell: a line is asked whether it heads a table by several
    rules (its kinds counted, its columns read, as a neighbour of the next line), and a cell of no
    kind tries every run of its words."""
    kind = _cell_kind(cell)
    if kind is not None:
        return (Column(kind, cell.start, cell.end),)
    words = [part for m in _WORD_RE.finditer(cell.text) for part in _unglued(cell.text, m.start(), m.end())]
    columns: list[Column] = []
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            start, end = words[i][0], words[j - 1][1]
            kind = _cell_kind(Cell(cell.start + start, cell.start + end, cell.text[start:end]))
            if kind is not None:
                columns.append(Column(kind, cell.start + start, cell.start + end))
                i = j
                break
        else:
            i += 1
    # runs of one kind in one cell name one column ("Item Description", "Descrizione beni/servizi"); a tax
    # word after a word denying it ("Beløb ekskl. moms", "Bedrag excl. btw") qualifies the column before it
    merged: list[Column] = []
    for column in columns:
        denied = (
            column.kind == "col_tax"
            and merged
            and _TAX_DENIED_RE.search(cell.text[merged[-1].end - cell.start : column.start - cell.start])
        )
        if merged and (merged[-1].kind == column.kind or denied):
            merged[-1] = Column(merged[-1].kind, merged[-1].start, column.end)
        else:
            merged.append(column)
    return tuple(merged)


_TAX_DENIED_RE = re.compile(
    r"(?<![^\W\d_])(?:" + "|".join(word_entries("tax_negation")) + r")\s*$", re.IGNORECASE
)
"""The words denying a tax that end a header cell's text before a tax word ("ekskl.", "ohne", "hors")."""
GLUED_WORD_CHARS = 6
"""The shortest header word that may be two column names printed without a space between them."""
_GLUED_PAIRS = {
    ("col_quantity", "col_unit_price"),
    ("col_quantity", "col_amount"),
    ("col_unit", "col_unit_price"),
    ("col_unit", "col_amount"),
    ("col_unit_price", "col_amount"),
    ("col_position", "col_description"),
    ("col_amount", "col_amount"),  # a net and a gross amount side by side ("SubtotalSubtotal c/IVA")
}
"""Narrow columns a table prints side by side in this order, the first never qualifying the second (a
compound word names one column: "Steuerbetrag" is the tax's amount, "Preiseinheit" the price's unit,
"Mengenrabatt" a discount, "Artikelpreis" a unit price)."""


def _unglued(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A header word's span, or the spans of the two column names it is when the producer set them
    without a space between them ("QUANTITYPRICE", "QuantitéPrix unitaire"): a label of one column
    kind exactly up to a capital letter of the word, and from there a label of a kind printed after
    it (the word alone or with the words after it in the cell)."""
    word = text[start:end]
    # (a word with no capital letter inside has no cut: its own labels are not looked up)
    if len(word) < GLUED_WORD_CHARS or not any(map(str.isupper, word[2:-1])) or _exact_kind(word) is not None:
        return [(start, end)]
    rest = text[end:].rstrip()
    for cut in range(2, len(word) - 1):
        if not word[cut].isupper():
            continue  # a word that goes on in small letters is one word ("Artikelpreis")
        head = _exact_kind(word[:cut])  # (looked up only before a capital: most words have none inside)
        if head is None:
            continue
        tail = _exact_kind(word[cut:]) or _exact_kind(word[cut:] + rest)
        if (head, tail) in _GLUED_PAIRS:
            return [(start, start + cut), (start + cut, end)]
    return [(start, end)]


@lru_cache(maxsize=4096)
def _exact_kind(text: str) -> str | None:
    """The column kind a label of which spans the whole text, exactly."""
    return next(
        (hit.kind for hit in labels_of(COLUMN_KINDS, text) if hit.start == 0 and hit.end == len(text)),
        None,
    )


_SHORT_PREFIX_RE = re.compile(r"(?:^|[\s(/])[^\W_]{1,2}-$")
"""A word of one or two letters or digits before a hyphen closing a line ("cv-", "A4-", "e-"): an
abbreviation joined by its hyphen to the word on the next line, not a syllable broken off."""


def _join(upper: str, lower: str) -> str:
    """Stacked header words: "Positions-" over "betrag" is "Positionsbetrag", "Preis/" over "Einheit"
    is "Preis/Einheit", "Menge" over "(Stk)" is "Menge (Stk)"."""
    if upper.endswith("-") and not upper.endswith(" -"):
        return upper[:-1] + lower
    if upper.endswith("/"):
        return upper + lower
    return f"{upper} {lower}"


def is_header_continuation(line: Line) -> bool:
    """A line that can be part of a multi-line table header: short words only, no numbers."""
    return bool(line.cells) and all(
        len(cell.text) <= 25 and not re.search(r"\d", cell.text) for cell in line.cells
    )


def _overlaps(one: Cell, other: Cell) -> bool:
    return min(one.end, other.end) - max(one.start, other.start) > 0


def _overlapping(line: Line | None, cell: Cell) -> Cell | None:
    if line is None:
        return None
    found = [c for c in line.cells if min(c.end, cell.end) - max(c.start, cell.start) > 0]
    return found[0] if len(found) == 1 else None


def _stack(cell: Cell, lines: Sequence[Line]) -> list[Cell]:
    """The header words stacked on ``cell`` in ``lines`` (nearest first): one overlapping cell per
    line, as long as each line has one."""
    stack: list[Cell] = []
    for other in lines:
        neighbour = _overlapping(other, cell)
        if neighbour is None:
            break
        stack.append(neighbour)
    return stack


def _joined(cells: Sequence[Cell]) -> Cell:
    """Header cells stacked top to bottom read as one: their words joined, their span united."""
    text = cells[0].text
    for cell in cells[1:]:
        text = _join(text, cell.text)
    return Cell(min(c.start for c in cells), max(c.end for c in cells), text)


def _opening_kind(cell: Cell) -> str | None:
    """The kind of the label a stacked header opens with ("Zeilen-" / "betrag" / "ohne" / "MwSt."
    is an amount qualified by what follows), the longest such label winning."""
    best: tuple[int, str] | None = None
    for kind in COLUMN_KINDS:
        for hit in find_labels(kind, cell.text):
            if hit.start <= 1 and (best is None or hit.end - hit.start > best[0]):
                best = (hit.end - hit.start, kind)
    return best[1] if best else None


_BROKEN_TAIL_RE = re.compile(r"[a-zß-ÿ]{1,3}")
"""The last letters of a header word its column broke without a hyphen, alone on the line under it."""


def _stacked_columns(cell: Cell, above: Sequence[Line], below: Sequence[Line]) -> list[Column]:
    """Columns of a header cell, read together with the header words stacked above or below it
    (``above`` and ``below`` nearest first)."""
    ups = _stack(cell, above)[::-1]  # top to bottom
    downs = _stack(cell, below)
    for stacked in ((ups[-1:], True), (downs[:1], False)):
        neighbours, upper_first = stacked
        if not neighbours:
            continue
        joined = _joined([*neighbours, cell] if upper_first else [cell, *neighbours])
        kind = _cell_kind(joined)
        if kind is not None:
            return [Column(kind, joined.start, joined.end)]
        upper, lower = (neighbours[0], cell) if upper_first else (cell, neighbours[0])
        if _BROKEN_TAIL_RE.fullmatch(lower.text) and upper.text[-1:].isalpha():
            # "Zwischensumm" over "e": a word its narrow column broke without a hyphen
            glued = Cell(joined.start, joined.end, upper.text + lower.text)
            kind = _cell_kind(glued)
            if kind is not None:
                return [Column(kind, glued.start, glued.end)]
    own = _cell_columns(cell)
    if own:
        return own
    # a header printed over three or four lines: the whole stack, then its opening label
    for cells in ([*ups, cell], [cell, *downs], [*ups, cell, *downs]):
        if len(cells) > 2:
            joined = _joined(cells)
            kind = _cell_kind(joined)
            if kind is not None:
                return [Column(kind, joined.start, joined.end)]
    if len(ups) + len(downs) > 1:
        joined = _joined([*ups, cell, *downs])
        kind = _opening_kind(joined)
        if kind is not None:
            return [Column(kind, joined.start, joined.end)]
    for neighbour in (*downs[:1], *ups[-1:]):  # "Positions-" over "betrag": the word that names the column
        kind = _cell_kind(neighbour)
        if kind is not None:
            return [Column(kind, min(cell.start, neighbour.start), max(cell.end, neighbour.end))]
    return []


def _named_kinds(line: Line) -> int:
    """How many column kinds the line's own cells name."""
    return len({column.kind for cell in line.cells for column in _cell_columns(cell)})


def _may_be_header(line: Line) -> bool:
    """Cheap test before the column analysis: two column kinds named and no amount on the line."""
    return len(line.cells) >= 2 and _names_two_columns(line.text)


_DECIMAL_FIGURE_RE = re.compile(r"\d[.,]\d")


@lru_cache(maxsize=16384)
def _names_two_columns(text: str) -> bool:
    """Whether a line's text names two column kinds and prints no figure with decimals (`_may_be_header`'s
    test of the text, asked of a line by the header search, the rows' scan and the page's headers alike:
    read once per text)."""
    if _DECIMAL_FIGURE_RE.search(text):
        return False
    return len({hit.kind for hit in labels_of(COLUMN_KINDS, text)}) >= 2


def header_columns(line: Line, above: Sequence[Line] = (), below: Sequence[Line] = ()) -> list[Column] | None:
    """Columns when ``line`` looks like a table header (an amount or price column and two more kinds).

    ``above`` and ``below`` are the neighbouring header-continuation lines (nearest first): a header
    printed over several lines ("Positions-" / "betrag", "Preis/" / "Einheit") is read by column."""
    if not _may_be_header(line):
        return None  # a header names columns; a line with amounts is a row
    if len({c.kind for cell in line.cells for c in _cell_columns(cell)}) < 2:
        return None  # the header's own line names at least two kinds; neighbours only complete it
    columns: list[Column] = []
    recognised = 0
    for cell in line.cells:
        found = _stacked_columns(cell, above, below)
        columns += found
        recognised += bool(found)
    # header words printed only on neighbouring lines ("Menge" above an empty slot, "Amount" above
    # and "excl. tax" below it), stacked top to bottom
    stacks: list[list[Cell]] = []
    for other in [*above[:1], *below[:3]]:
        for cell in other.cells:
            if any(min(c.end, cell.end) - max(c.start, cell.start) > 0 for c in line.cells):
                continue
            if any(min(c.end, cell.end) - max(c.start, cell.start) > 0 for c in columns):
                continue
            stack = next((st for st in stacks if _overlaps(st[-1], cell)), None)
            if stack is None:
                stacks.append([cell])
            else:
                stack.append(cell)
    for stack in stacks:
        joined = _joined(stack)
        kind = _cell_kind(joined) if len(stack) > 1 else None
        if kind is not None:
            columns.append(Column(kind, joined.start, joined.end))
            continue
        for cell in stack:
            named = _cell_columns(cell)
            if named:
                columns += named
                break
    columns.sort(key=lambda c: c.start)
    columns = _discounts(columns, line)
    descriptions = [c for c in columns if c.kind == "col_description"]
    if len(descriptions) >= 2:  # "Item  Description": the weaker word holds item numbers
        texts = {id(c): line.text[c.start : c.end] for c in descriptions}
        keep = next((c for c in descriptions if _STRONG_DESCRIPTION.search(texts[id(c)])), descriptions[-1])
        # ...unless the header names its item-number column itself ("Item  Product Code  Details"): then
        # the weaker word numbers the rows
        weaker = "col_position" if any(c.kind == "col_sku" for c in columns) else "col_sku"
        columns = [
            Column(weaker, c.start, c.end) if c in descriptions and c is not keep else c for c in columns
        ]
    if [c.kind for c in columns] == ["col_description", "col_unit_price"]:
        # a table of descriptions and prices alone ("Položka  Cena", "Item  Price"): no quantity to
        # multiply, the price a row prints is its amount
        columns = [columns[0], Column("col_amount", columns[1].start, columns[1].end)]
    kinds = {c.kind for c in columns}
    if not kinds & {"col_amount", "col_unit_price"} or (
        len(kinds) < 3 and not _two_column_header(line, columns)
    ):
        return None
    if recognised < len(line.cells) * 0.5:
        return None
    return _left_edges(_price_bases(columns, line.text), line)


def _left_edges(columns: list[Column], header: Line) -> list[Column]:
    """The columns, each with the page position of the header word that opens it (`Column.x0`)."""
    starts = {placed.start: placed.word.x0 for placed in header.words}
    return [replace(c, x0=starts[c.start]) if c.start in starts else c for c in columns]


_BASIS = r"10{1,4}|1[.,' ]000|10[.,' ]000"
"""A price basis: the quantity a price is for (10, 100, 1000, 10 000), never 1."""
_HEADER_BASIS_RE = re.compile(
    rf"(?:/|\s)\s*(?P<word>[^\W\d_]{{1,12}}\.?\s+)?(?P<basis>{_BASIS})\s*\S{{0,6}}$"
)
_CELL_BASIS_RE = re.compile(
    rf"^(?P<price>-?[\d.,' ]*\d[.,]\d{{2,4}})\s*(?:/\s*|\s(?P<word>[^\W\d_]{{1,12}}\.?)\s+|\s+)"
    rf"(?P<basis>{_BASIS})(?:\s*[^\W\d_]{{1,6}}\.?)?$"
)
"""A price printed with its basis in one cell ("46,20 1000", "12.50/100", "9,80 per 100 St.")."""


def _basis_value(text: str) -> Decimal:
    return Decimal(re.sub(r"[.,' ]", "", text))


def _basis_word(word: str | None) -> bool:
    """No word, or a word that joins a price to its basis ("per", "je", "pro", "par", "za")."""
    return word is None or _cell_kind_of("col_price_basis", Cell(0, len(word), word.strip()))


def _price_bases(columns: list[Column], header: str) -> list[Column]:
    """The columns, a price column whose header names the quantity its prices are for ("Preis je 100",
    "Prix/1000", "Price per 1000") carrying that basis."""
    out: list[Column] = []
    joints: set[int] = set()
    for n, column in enumerate(columns):
        rest = columns[n + 1 :]
        found = None
        if column.kind == "col_unit_price":
            found = _header_basis(header[column.start : rest[0].start if rest else len(header)])
            if found is None and rest and rest[0].kind == "col_price_basis":
                # the joining word read as a column of its own ("je" of "Preis je 100")
                found = _header_basis(header[column.start : rest[1].start if rest[1:] else len(header)])
                joints |= {n + 1} if found is not None else set()
        out.append(column if found is None else Column(column.kind, column.start, column.end, found))
    return [column for n, column in enumerate(out) if n not in joints]


def _header_basis(text: str) -> Decimal | None:
    found = _HEADER_BASIS_RE.search(text.rstrip())
    return _basis_value(found.group("basis")) if found and _basis_word(found.group("word")) else None


_SUMMARY_KINDS = frozenset({"col_tax", "col_amount"})


def _tax_summary_header(line: Line) -> bool:
    """Whether every cell of ``line`` (two at least) names a tax column or an amount column, and one a
    tax's, no description, quantity or item code ("Sazba  Základ  DPH  Včetně DPH", "Rate  Net  VAT
    Gross"): a VAT summary's header, never an item table's. One cell may read as a unit price's
    heading: a word for a rate heads an item's price and a tax's rate alike ("Rate  Taxable amount
    VAT amount"), and an item table has a description column besides. A cell naming the tax may name a
    price too ("VAT rate"); headings no pack names ("Net") only beside three named ones, the first named."""
    if len(line.cells) < 2:
        return False
    kinds = [{c.kind for c in _cell_columns(cell)} for cell in line.cells]
    # a cell naming the tax ("VAT rate", "MwSt.-Satz") is the rate's column, whatever else its words name
    kinds = [{"col_tax"} if "col_tax" in k else k for k in kinds]
    named = [k for k in kinds if k]
    if len(named) < len(kinds) and (len(named) < 3 or not kinds[0]):
        return False  # a heading no pack names (the base, "Net") only beside three named ones
    rates = sum(1 for k in named if k == {"col_unit_price"})
    if not all(k <= _SUMMARY_KINDS or k == {"col_unit_price"} for k in named):
        return False
    if rates and (rates > 1 or not any("col_amount" in k for k in named)):
        return False  # (beside a rate's heading, an amount's: the base or the tax)
    return any("col_tax" in k for k in named)


_TAX_SUMMARY_TITLE_RE = word_pattern("tax_summary_titles")


def _tax_summary_title(line: Line) -> bool:
    """Whether the line is a VAT summary's title alone ("VAT breakdown", "Rozpis DPH", "Desglose del IVA";
    the packs' word class ``tax_summary_titles``), a colon after it or not: the summary's section, never
    the words of an item's description going on."""
    if len(line.cells) != 1 or _DIGIT_RE.search(line.text) is not None:
        return False
    text = line.text.strip().rstrip(":").strip()
    found = _TAX_SUMMARY_TITLE_RE.match(text)
    return found is not None and found.end() == len(text)


def _two_column_header(line: Line, columns: Sequence[Column]) -> bool:
    """A table of descriptions and amounts alone (services, fees): the header's line is two cells, the
    description's at the left and the amount's at the right, far apart."""
    if len(line.cells) != 2 or [c.kind for c in columns] != ["col_description", "col_amount"]:
        return False
    left, right = line.cells
    return right.start - left.end >= TWO_COLUMN_GAP


TWO_COLUMN_GAP = 20
"""A two-column table's description and amount headings stand at least this many characters apart."""


def _discounts(columns: list[Column], line: Line) -> list[Column]:
    """A description column right of the quantity or price columns that names a discount as well
    ("Desc." of "Preço  Desc.  IVA": the Portuguese desconto) is the discount column."""
    figures = [c.end for c in columns if c.kind in ("col_quantity", "col_unit_price")]
    if not figures:
        return columns
    return [
        Column("col_discount", c.start, c.end)
        if c.kind == "col_description"
        and c.start > min(figures)
        and _cell_kind_of("col_discount", Cell(c.start, c.end, line.text[c.start : c.end]))
        else c
        for c in columns
    ]


def _cell_kind_of(kind: str, cell: Cell) -> bool:
    """The cell's whole text is a label of ``kind``."""
    text = cell.text.strip()
    return any(hit.start <= 1 and hit.end >= len(text) - 3 for hit in find_labels(kind, text))


def _nearest_column(columns: Sequence[Column], start: int, end: int) -> Column:
    memo: dict[tuple[int, int, int], Column] | None = getattr(_MEMO, "nearest", None)
    if memo is None:
        return _nearest(columns, start, end)
    key = (id(columns), start, end)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _nearest(columns, start, end)
    return found


def _nearest(columns: Sequence[Column], start: int, end: int) -> Column:
    centre = (start + end) / 2

    def distance(column: Column) -> float:
        overlap = min(end, column.end) - max(start, column.start)
        if overlap > 0:
            return -overlap
        return min(abs(centre - column.start), abs(centre - column.end))

    return min(columns, key=distance)


_CODE_KINDS = ("col_sku", "col_buyer_sku", "col_gtin", "col_tariff_code")
"""Columns of article numbers: the seller's, the buyer's, the global trade item number, and of a
goods or services classification (an Indian HSN/SAC code, a customs tariff number): codes, never a
quantity."""
_TEXT_KINDS = ("col_description", *_CODE_KINDS, "col_position")
_ALIGNED = 2
"""A word starting this many characters or fewer from a text column's start is aligned with it."""


_MEMO = threading.local()
"""Per thread, while recover_rows runs: each line's cells cut by the table's columns, read once."""


def _cells_by_column(line: Line, columns: Sequence[Column]) -> list[Cell]:
    """`_cut_cells`, remembered for the line and columns while recover_rows runs."""
    memo: dict[tuple[int, int], tuple[Line, Sequence[Column], list[Cell]]] | None = getattr(
        _MEMO, "cells", None
    )
    if memo is None:
        return _cut_cells(line, columns)
    key = (id(line), id(columns))
    hit = memo.get(key)
    if hit is not None and hit[0] is line and hit[1] is columns:
        return hit[2]
    cells = _cut_cells(line, columns)
    memo[key] = (line, columns, cells)  # (the line and columns kept alive: their ids stay theirs)
    return cells


def _cut_cells(line: Line, columns: Sequence[Column]) -> list[Cell]:
    """The line's cells, cut where words set too close together belong to different columns:
    a figure under another column of figures, or after a unit, in a cell of figures ("12 Stk 7 %"
    one space apart under quantity and tax); a word aligned with the start of another text column
    ("3 K-118 Bremsscheibe": position, item number, description), on the character grid or on the page
    (`_set_at`: the grid puts a word one space after a code as wide as its column). A text running on
    under the figures stays whole ("Listenpreis: 12,40")."""
    cells: list[Cell] = []
    left_edges = {placed.start: placed.word.x0 for placed in line.words}
    for cell in line.cells:
        if _SPACED_PREFIXED_RE.fullmatch(cell.text) is not None:
            # amounts each opened by its currency mark or code, one space apart: a narrow column's
            # figure ran up to the next ("GBP 1,975.43 GBP 23,705.16"); each is a cell of its own
            cells += [
                Cell(cell.start + m.start(), cell.start + m.end(), m.group(0))
                for m in _CODE_PREFIXED_AMOUNT_RE.finditer(cell.text)
            ]
            continue
        words = [
            (cell.start + start, cell.start + end)
            for m in _WORD_RE.finditer(cell.text)
            for start, end in _prefixed_amounts(cell.text, m.start(), m.end())
        ]
        if len(words) < 2 or _priced_per_basis(cell, columns):
            cells.append(cell)
            continue
        kinds = [_nearest_column(columns, start, end) for start, end in words]
        tail = _quantity_tail(line, cell, words, kinds, columns)
        groups: list[list[int]] = [[0]]
        for n in range(1, len(words)):
            head = groups[-1][0]
            if n == tail:
                groups.append([n])
                continue
            # (a unit one space before the price: "hours 861.01 GBP 2583.03 GBP" under unit, price and net)
            figures = _cuts(cell, words[head], kinds[head]) or (
                kinds[head].kind == "col_unit" and n == head + 1 and not _figure(cell, words[head])
            )
            starts = [
                c
                for c in columns
                if c.kind in _TEXT_KINDS
                and c is not kinds[head]
                and (abs(c.start - words[n][0]) <= _ALIGNED or _set_at(c, left_edges.get(words[n][0])))
            ]
            # (a description runs on under the next columns: its words are never cut by alignment;
            # nor are words of a name that starts left of a centred header: what an aligned word
            # ends is a position or a code, with a digit)
            aligned = (
                min(starts, key=lambda c: abs(c.start - words[n][0]), default=None)
                if kinds[head].kind != "col_description" and _figure(cell, words[n - 1])
                else None
            )
            grouped = _THOUSANDS.fullmatch(_word(cell, words[n - 1])) and _GROUP_REST.fullmatch(
                _word(cell, words[n])
            )  # "1 464,08": one number with a space between its thousands
            # a price basis one space after the price ("46,20 1000") is a cell of its own
            into_basis = kinds[n].kind == "col_price_basis" and kinds[head].kind != "col_price_basis"
            if (into_basis and _figure(cell, words[n])) or (
                not grouped
                and (
                    (figures and kinds[n] is not kinds[head] and _cuts(cell, words[n], kinds[n]))
                    or (figures and _figure(cell, words[n]) and not _figure(cell, words[n - 1]))
                    or aligned is not None
                )
            ):
                groups.append([n])
                if aligned is not None:
                    kinds[n] = aligned
            else:
                groups[-1].append(n)
        for group in groups:
            start, end = words[group[0]][0], words[group[-1]][1]
            cells.append(Cell(start, end, cell.text[start - cell.start : end - cell.start]))
    return cells


_BARE_COUNT_RE = re.compile(r"\d{1,6}(?:[.,]\d{1,3})?")
_ALNUM_WORD_RE = re.compile(r"[^\W\d_]{2}")


def _quantity_tail(
    line: Line,
    cell: Cell,
    words: Sequence[tuple[int, int]],
    kinds: Sequence[Column],
    columns: Sequence[Column],
) -> int | None:
    """The index of a description cell's last word when it is the row's quantity set one space after the
    description ("Unterhaltsreinigung Büro 5" over "Description  Quantity"): a bare count inside the
    quantity header's span (or starting on the page where its header's word starts), where no other figure of
    the row stands under that column; else None."""
    if len(words) < 2 or kinds[0].kind not in ("col_description", "col_position"):
        return None
    if kinds[0].kind == "col_position" and not _ALNUM_WORD_RE.match(_word(cell, words[0])):
        return None  # (a name starting between the position's column and the description's is the name)
    start, end = words[-1]
    column: Column | None = kinds[-1]
    if (
        column is None
        or column.kind != "col_quantity"
        or not (column.start - 2 <= start and end <= column.end + 1)
    ):
        # the character grid shifts a narrow column's figure after a long name: on the page it starts
        # where the quantity's header word starts
        left = next((w.word.x0 for w in line.words if w.start == start), None)
        column = next((c for c in columns if c.kind == "col_quantity" and _set_at(c, left)), None)
        if column is None:
            return None
    if _BARE_COUNT_RE.fullmatch(cell.text[start - cell.start : end - cell.start]) is None:
        return None
    if any(
        other is not cell
        and _nearest_column(columns, other.start, other.end).kind == "col_quantity"
        and _DIGIT_RE.search(other.text)
        for other in line.cells
    ):
        return None  # (a unit beside it, "szt.", under the quantity's header where no unit column is named)
    return len(words) - 1


X_ALIGNED = 0.5
"""Points a word may start left or right of a column header's first word and still be set in that column."""


def _set_at(column: Column, x0: float | None) -> bool:
    """Whether a word starting at ``x0`` on the page starts where the header's word opening ``column`` starts:
    set in that column, however close the text layout put it to the word before it (a code as wide as its
    column leaves a gap under one column's width: "MAT-044421 Hex nut M12" read as one cell)."""
    return column.x0 is not None and x0 is not None and abs(column.x0 - x0) <= X_ALIGNED


def _priced_per_basis(cell: Cell, columns: Sequence[Column]) -> bool:
    """A price and the quantity it is for in one cell under the price column ("46,20 / 1000", "12,50 par
    100"): one cell, never a price and a quantity."""
    found = _CELL_BASIS_RE.match(cell.text.strip())
    return (
        found is not None
        and _basis_word(found.group("word"))
        and _nearest_column(columns, cell.start, cell.end).kind == "col_unit_price"
    )


def _prefixed_amounts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A word's span, or the spans of the amounts it is: where every amount of a row is printed with its
    currency sign before it, an amount too wide for a narrow column runs into the next one and the text
    layer reads the two cells as one word ("$1,878.73$18,787.30"); the sign opening the second amount is
    where the cells part. Only a word made wholly of such amounts, each with its cents, is cut."""
    word = text[start:end]
    if len(word) < 8 or _PREFIXED_AMOUNTS_RE.fullmatch(word) is None:
        return [(start, end)]
    return [(start + m.start(), start + m.end()) for m in _PREFIXED_AMOUNT_RE.finditer(word)]


_PREFIXED_AMOUNT = rf"(?:{'|'.join(re.escape(mark) for mark in dollar_marks())}|[{''.join(re.escape(sign) for sign in currency_signs())}])-?\d[\d.,']*[.,]\d\d"
_PREFIXED_AMOUNT_RE = re.compile(_PREFIXED_AMOUNT)
_PREFIXED_AMOUNTS_RE = re.compile(rf"(?:{_PREFIXED_AMOUNT}){{2,}}")
"""Two or more amounts, each opened by a currency sign and closed by its cents, with no space between them."""


_CODE_PREFIXED_AMOUNT = (
    rf"(?:(?:{'|'.join(sorted(ISO_CODES))}) ?|{'|'.join(re.escape(mark) for mark in dollar_marks())}"
    rf"|[{''.join(re.escape(sign) for sign in currency_signs())}])-?\d[\d.,']*[.,]\d\d"
)
_CODE_PREFIXED_AMOUNT_RE = re.compile(_CODE_PREFIXED_AMOUNT)
_SPACED_PREFIXED_RE = re.compile(rf"\s*{_CODE_PREFIXED_AMOUNT}(?: {_CODE_PREFIXED_AMOUNT})+\s*")
"""Two or more amounts, each opened by a currency code, sign or dollar mark and closed by its cents,
one space apart (the figures of two narrow columns run together)."""


_THOUSANDS = re.compile(r"-?\d{1,3}")
_GROUP_REST = re.compile(r"\d{3}(?:[.,]\d{1,4})?-?")


def _word(cell: Cell, word: tuple[int, int]) -> str:
    return cell.text[word[0] - cell.start : word[1] - cell.start]


def _figure(cell: Cell, word: tuple[int, int]) -> bool:
    return re.search(r"\d", _word(cell, word)) is not None


def _cuts(cell: Cell, word: tuple[int, int], column: Column) -> bool:
    """A word under another column starts a cell of its own when it is a figure under a column of
    figures."""
    return column.kind not in ("col_description", *_CODE_KINDS) and _figure(cell, word)


_DOTTED_THOUSANDS_RE = re.compile(r"-?\d{1,3}(?:\.\d{3})+")
_MONEY_RE = re.compile(r"-?[\d.,' ]*\d(?:[.,]\d{2,4}-?|[.,][-–—])")
"""An amount with its cents, or with a dash for them ("367,-": whole units)."""
_GROUPED_WHOLE_RE = re.compile(r"-?\d{1,3}(?:[ '\u00a0\u202f]\d{3})+")
"""A whole amount in groups of thousands parted by spaces or apostrophes ("8 268" forints): money, where a
bare "2026" may be a year."""
_PER_UNIT_RE = re.compile(r"(?P<price>\S*\d.*?)\s?/\s?(?P<unit>[^\W\d_]{1,6}\.?)")
"""A price cell that names the unit it is per after a slash: "21,84 €/Stk", "95.00 EUR / h", "$12.50/kg"."""
_FIGURE_KINDS = ("col_quantity", "col_unit_price")


_CODES = "|".join(sorted(ISO_CODES))
_MARKS = "|".join(re.escape(mark) for mark in every_currency_mark())
_DOLLARS = "|".join(re.escape(mark) for mark in dollar_marks())
_SIGNS = "[" + "".join(re.escape(sign) for sign in currency_signs()) + "]"
_CUT_HEADS = "|".join(
    re.escape(head)
    for head in sorted(
        {word[:size] for word in (*ISO_CODES, *every_currency_mark()) for size in (1, 2) if size < len(word)},
        key=lambda head: (-len(head), head),
    )
)
"""The first one or two letters of an ISO code or a pack's mark: a currency cut at a narrow column's edge
("70 080,00 CH" over "F", "6.140,0000 l" over "ei"), after a figure with two or four decimals."""
_CURRENCY_AFFIX_RE = re.compile(
    rf"^(?P<sign>[-−–]\s?)?(?:{_DOLLARS}|{_SIGNS}|(?:{_CODES}|{_MARKS})(?=\s?-?\d))\s?"
    rf"|\s?(?:{_DOLLARS}|{_SIGNS}|{_CODES}|(?:(?<=\d )|(?<=[.,][-–—] ))(?:{_MARKS}))$"
    rf"|(?:(?<=[.,]\d\d)|(?<=[.,]\d\d\d\d))\s(?:{_CUT_HEADS})$"
)
"""A currency symbol, ISO 4217 code or a pack's currency mark printed with an amount in its cell ("CHF
21.96", "21,96 EUR", "€ 5", "R$ 486,60", "1 122,00 kr", "Kč 450,00", "944,00 ₺"); a mark after the amount only
after a space, as the first letters of a code the column's edge cut ("40 500,00 CH"); a minus printed before the
symbol ("-€ 390,38", "-kr 1 200,00") stays with the amount."""


def _without_currency(text: str) -> str:
    """A cell's amount without its currency symbol, code or mark (a minus before the symbol kept)."""
    return _CURRENCY_AFFIX_RE.sub(lambda m: "-" if m.group("sign") else "", text)


def _figures(line: Line, columns: Sequence[Column], kinds: tuple[str, ...], *, money: bool) -> list[Cell]:
    """The line's cells under columns of ``kinds`` that hold a number (with decimals: ``money``)."""
    found: list[Cell] = []
    for cell in _cells_by_column(line, columns):
        if _nearest_column(columns, cell.start, cell.end).kind not in kinds:
            continue
        text = _without_currency(cell.text.strip())
        if (_MONEY_RE.fullmatch(text) if money else _SIGNED_DIGIT_RE.match(text)) is not None:
            found.append(cell)
    return found


_SIGNED_DIGIT_RE = re.compile(r"-?\d")


def _floating_amount(
    lines: Sequence[Line], pos: int, columns: Sequence[Column], free: set[int]
) -> tuple[Line, int] | None:
    """A row whose amount stands on the line under (or above) it, the amount centred on a row printed
    over several lines: the row's line with the amount added, and where the amount was. The other
    line holds that amount under the amount column and no quantity or price of its own."""
    line = lines[pos]
    if not any(c.kind == "col_amount" for c in columns):
        return None
    if _figures(line, columns, ("col_amount",), money=True):
        return None
    if not _figures(line, columns, _FIGURE_KINDS, money=False):
        return None
    for other in (pos + 1, pos - 1):
        if other not in free or not 0 <= other < len(lines) or lines[other].page != line.page:
            continue
        if _is_stop(lines[other], columns) or _figures(lines[other], columns, _FIGURE_KINDS, money=False):
            continue
        if find_labels("carry_forward", lines[other].text):
            continue  # the running sum carried across a page break ("Übertrag 3.917,20") is no row's amount
        amounts = _figures(lines[other], columns, ("col_amount",), money=True)
        if len(amounts) == 1:
            return Line(line.page, line.index, line.text, [*line.cells, amounts[0]]), other
    return None


def _inconsistent(row: InvoiceLineExtraction) -> bool:
    """Quantity times unit price is not the amount (beyond rounding)."""
    if row.quantity is None or row.unit_price is None or row.amount is None:
        return False
    return abs(row.quantity * row.unit_price - row.amount) > Decimal("0.011") * max(
        Decimal(1), abs(row.quantity)
    )


def _without(line: Line, cell: Cell) -> Line:
    return Line(line.page, line.index, line.text, [c for c in line.cells if c != cell])


def _numbers(cell: Cell, decimal_hint: str | None) -> list[Decimal]:
    return [a.value for a in find_amounts(cell.text, decimal_hint=decimal_hint)]


_ONE_SEPARATOR_TWICE = re.compile(r"\d+(?:\.\d+){2,}|\d+(?:,\d+){2,}")
"""Digit groups joined by one separator (twice or more) and no other: an article number such as
"33.668.09", never an amount (an amount's decimal mark differs from its grouping mark)."""


def _beside_table(cells: Sequence[Cell], columns: Sequence[Column]) -> list[Cell]:
    """A row's cells wholly left of the table's first column (a sidebar's "BANK DETAILS", an
    address), when another cell of words stands under a text column of the table: a centred header
    has its rows start left of it, and those are the row's own words."""
    left = min(c.start for c in columns) - _ALIGNED
    aside = [c for c in cells if c.end < left]
    if not aside:
        return []
    inside = any(
        c.end >= left
        and re.search(r"[^\W\d_]{2}", c.text)
        and _nearest_column(columns, c.start, c.end).kind in _TEXT_KINDS
        for c in cells
    )
    return aside if inside else []


def _read_row(
    line: Line, columns: Sequence[Column], decimal_hint: str | None, *, totals_word: bool = False
) -> InvoiceLineExtraction | None:
    """The row a line of the table holds; ``totals_word``: its description may hold a totals label
    (`_item_named_like_a_total` found its arithmetic holds)."""
    amount_columns = [c for c in columns if c.kind in ("col_amount", "col_unit_price")]
    placed: dict[tuple[int, int], Column] = {}

    def column_of(start: int, end: int) -> Column:
        key = (start, end)
        if key not in placed:
            placed[key] = _nearest_column(columns, start, end)
        return placed[key]

    numeric_cells: list[tuple[Cell, Decimal]] = []
    texts: list[tuple[Cell, Column]] = []
    tax_rate: Decimal | None = None
    basis: Decimal | None = None
    """The quantity the row's price is for, where the header or the price's cell names one."""
    basis_in_cell = False
    """The basis read from the price's own cell ("46,20 1000"): it stands only where the arithmetic says so."""
    with_unit: set[int] = set()
    """Numbers printed with their unit ("20 Stk"): quantities, wherever the layout put them."""
    aside = _beside_table(_cells_by_column(line, columns), columns)
    for cell in _cells_by_column(line, columns):
        if cell in aside:
            continue  # text wholly left of the table (a sidebar's "BANK DETAILS") is no part of a row
        column = column_of(cell.start, cell.end)
        if column.kind == "col_discount":
            continue  # a discount's rate or sum ("5 %", "-3,20"): neither the tax rate nor the amount
        if column.kind == "col_price_basis":
            stated = re.fullmatch(rf"({_BASIS})(?:\s*[^\W\d_]{{1,6}}\.?)?", cell.text.strip())
            if stated is not None:
                basis = _basis_value(stated.group(1))
                continue  # the quantity the price is for ("1000", "100 St."): no figure of the row
        priced = _CELL_BASIS_RE.match(cell.text.strip()) if column.kind == "col_unit_price" else None
        if priced is not None and _basis_word(priced.group("word")):
            value = parse_number(priced.group("price"), decimal_hint=decimal_hint)
            if value is not None:
                basis, basis_in_cell = _basis_value(priced.group("basis")), True
                numeric_cells.append(
                    (Cell(cell.start, cell.start + len(priced.group("price")), priced.group("price")), value)
                )
                continue
        rate = _TAX_RATE_RE.match(cell.text.strip())
        if rate:
            tax_rate = parse_number(rate.group(1), decimal_hint=decimal_hint)
            continue
        stripped = _without_currency(cell.text.strip())
        per_unit = _PER_UNIT_RE.fullmatch(cell.text.strip()) if column.kind == "col_unit_price" else None
        if per_unit and _MONEY_RE.fullmatch(_without_currency(per_unit["price"])):
            # "21,84 €/Stk", "$95.00/hr": the unit's price with the unit it is per
            stripped = _without_currency(per_unit["price"])
            texts.append((Cell(cell.start, cell.end, per_unit["unit"]), Column("col_unit", 0, 0)))
        value = (
            None
            if _DATE_CELL_RE.match(stripped) or re.fullmatch(r"\d{8,}\.?", stripped)  # dates, GTINs
            else parse_number(stripped, decimal_hint=decimal_hint)
        )
        money = value is not None and re.fullmatch(r"-?[\d.,' ]*\d[.,]\d{2,4}-?", stripped) is not None
        if money and column.kind in _CODE_KINDS and _ONE_SEPARATOR_TWICE.fullmatch(stripped):
            money = False  # "33.668.09" in an article-number column: no amount groups and decimals alike
        if value is not None and column.kind == "col_position" and not money:
            continue  # the row's position number ("Pos.", "Ligne", "#"): neither a figure nor a code
        if value is not None and (column.kind not in ("col_description", *_CODE_KINDS) or money):
            numeric_cells.append((cell, value))
        elif value is not None and column.kind in _CODE_KINDS:
            texts.append((cell, column))
        else:
            qty_unit = re.match(r"^(\d+(?:[.,]\d+)?)\s+([A-Za-zÀ-ÿ.²³()]{1,8})$", cell.text.strip())
            if qty_unit and column.kind in ("col_quantity", "col_unit", "col_unit_price"):
                parsed = parse_number(qty_unit.group(1), decimal_hint=decimal_hint)
                if parsed is not None:
                    numeric_cells.append((Cell(cell.start, cell.end, qty_unit.group(1)), parsed))
                    with_unit.add(len(numeric_cells) - 1)
                    texts.append((Cell(cell.start, cell.end, qty_unit.group(2)), Column("col_unit", 0, 0)))
                    continue
            texts.append((cell, column))
    if not numeric_cells or not amount_columns:
        return None
    numeric_cells, with_unit = _without_trailing_taxes(numeric_cells, with_unit, columns, column_of)
    if not numeric_cells:
        return None
    numeric_cells, with_unit = _amount_last(numeric_cells, with_unit, column_of)
    last_cell, last_value = numeric_cells[-1]
    rightmost = max(c.end for c in amount_columns)
    # layout mode may stretch a row against its header: the tolerance grows with the line
    if last_cell.end < min(c.start for c in amount_columns) - 12 or last_cell.end > rightmost * 1.2 + 25:
        return None
    description_parts = [
        c.text
        for c, col in texts
        if col.kind == "col_description" or (col.kind == "col_sku" and _names_an_item(c.text.strip()))
    ]
    if not description_parts:
        # a name as near the position column as the description's (a centred header over a wide
        # column) before words under the figures ("np", a tax exemption's mark under the rate)
        description_parts = [
            c.text for c, col in texts if col.kind == "col_position" and re.search(r"[^\W\d_]{3}", c.text)
        ]
    if not description_parts:
        description_parts = [
            c.text for c, col in texts if col.kind not in (*_CODE_KINDS, "col_unit", "col_position")
        ]
    if not description_parts and len(numeric_cells) < 2:
        return None  # a lone number under the table is not a row
    description = " ".join(description_parts).strip()
    if not totals_word and (find_labels("total", description) or find_labels("subtotal", description)):
        return None
    sku = next((c.text for c, col in texts if col.kind == "col_sku"), None)
    buyer_sku = next((c.text for c, col in texts if col.kind == "col_buyer_sku"), None)
    unit = next((c.text for c, col in texts if col.kind == "col_unit"), None)
    values = [v for _, v in numeric_cells]
    quantity = unit_price = None
    amount = last_value
    # tax rates sit in a tax column; a whole number there is not the amount
    by_kind: dict[str, Decimal] = {}
    for cell, value in numeric_cells:
        by_kind.setdefault(column_of(cell.start, cell.end).kind, value)
    last_kind = column_of(last_cell.start, last_cell.end).kind
    # "12,00   19": a whole number after the amounts, in a table of decimals, is the tax rate
    bare_rate = (
        tax_rate is None
        and not _has_decimals(values[-1])
        and 0 <= values[-1] <= 30
        and any(_has_decimals(v) for v in values[:-1])
    )
    if (
        (last_kind == "col_tax" or bare_rate)
        and tax_rate is None
        and len(values) >= 2
        and abs(values[-1]) <= 100
    ):
        tax_rate = values[-1]
        values = values[:-1]
        amount = values[-1]
        amount_cell = numeric_cells[len(values) - 1][0]
        if column_of(amount_cell.start, amount_cell.end).kind in ("col_quantity", "col_unit"):
            return None  # a quantity and a rate, no amount: a component listed under an item
    if basis is None:
        basis = next((c.basis for c in columns if c.basis is not None), None)
    # the arithmetic decides: q x p = a
    settled = False
    kinds = [column_of(cell.start, cell.end).kind for cell, _ in numeric_cells]
    kinds = ["col_quantity" if n in with_unit else kind for n, kind in enumerate(kinds)][: len(values)]
    best_pair = -1
    for i, q in enumerate(values[:-1]):
        for j, p in enumerate(values[:-1]):
            if i == j or abs(q * p - amount) > Decimal("0.011") * max(Decimal(1), abs(q)):
                continue
            # q x p = p x q: the header's columns, then a whole quantity, settle which is which
            fit = (kinds[i] == "col_quantity") + (kinds[j] == "col_unit_price") + (q == q.to_integral_value())
            if fit > best_pair:
                quantity, unit_price, settled, best_pair = q, p, True, fit
    if not settled and basis is not None:
        # a price for 100 or 1000 units ("46,20" per "1000"): q x p / basis = a; the line's unit price is
        # the price of one unit
        for i, q in enumerate(values[:-1]):
            for j, p in enumerate(values[:-1]):
                if i == j or abs(q * p / basis - amount) > Decimal("0.011") * max(Decimal(1), abs(q) / basis):
                    continue
                fit = (kinds[i] == "col_quantity") + (kinds[j] == "col_unit_price")
                if fit > best_pair:
                    quantity, unit_price, settled, best_pair = q, p / basis, True, fit
    if not settled:
        # "8.400" read as 8.4 where the amounts are whole (HUF, JPY): its dots group thousands when
        # quantity x unit price says so
        grouped_text = _without_currency(numeric_cells[len(values) - 1][0].text.strip())
        if _DOTTED_THOUSANDS_RE.fullmatch(grouped_text):
            whole = Decimal(grouped_text.replace(".", ""))
            pair = next(
                (
                    (q, p)
                    for i, q in enumerate(values[:-1])
                    for j, p in enumerate(values[:-1])
                    if i != j and q * p == whole and q == q.to_integral_value()
                ),
                None,
            )
            if pair is not None:
                amount, values[-1] = whole, whole
                quantity, unit_price = pair
                settled = True
    if not settled:
        # net, tax and gross side by side: the amount is the column that is quantity x unit price
        settled_at = _net_amount(values, kinds) or _amount_before_factors(values, kinds)
        if settled_at is not None:
            amount, quantity, unit_price = settled_at
            settled = True
    if not settled:
        quantity = by_kind.get("col_quantity")
        unit_price = by_kind.get("col_unit_price")
        if unit_price == amount and len(values) == 1:
            unit_price = None
        if unit_price is not None and basis is not None and not basis_in_cell:
            unit_price = unit_price / basis  # the header says what quantity the price is for
    return InvoiceLineExtraction(
        description=description[:300] or None,
        sku=sku,
        buyer_sku=buyer_sku,
        quantity=quantity,
        unit=unit,
        unit_price=unit_price,
        amount=amount,
        tax_rate=tax_rate,
    )


_AFTER_THE_AMOUNT = frozenset({"col_quantity", "col_unit", "col_unit_price"})
TRAILING_TAX_COLUMNS = 2
"""Tax columns right of a table's last amount column from which on their figures are the row's taxes (the
tax's base, its amount, its rate), none of them the row's amount; one such column alone is the rate's."""


def _trailing_tax_columns(columns: Sequence[Column]) -> set[Column]:
    """The tax columns a header sets right of its last amount column, when there are two at least and
    nothing but tax columns stands there ("... Qty  Unit price  Amount  VAT base  VAT  Rate")."""
    amounts = [c.end for c in columns if c.kind == "col_amount"]
    if not amounts:
        return set()
    right = [c for c in columns if c.start >= max(amounts)]
    if len(right) < TRAILING_TAX_COLUMNS or any(c.kind != "col_tax" for c in right):
        return set()
    return set(right)


def _without_trailing_taxes(
    cells: list[tuple[Cell, Decimal]],
    with_unit: set[int],
    columns: Sequence[Column],
    column_of: Callable[[int, int], Column],
) -> tuple[list[tuple[Cell, Decimal]], set[int]]:
    """The row's figures without those under the tax columns right of the amount (`_trailing_tax_columns`):
    a grid printing each row's tax base, tax and rates after its amount ends the row's own figures at
    the amount."""
    trailing = _trailing_tax_columns(columns)
    if not trailing:
        return cells, with_unit
    keep = [n for n, (cell, _) in enumerate(cells) if column_of(cell.start, cell.end) not in trailing]
    return [cells[n] for n in keep], {keep.index(n) for n in with_unit if n in keep}


def _amount_last(
    cells: list[tuple[Cell, Decimal]], with_unit: set[int], column_of: Callable[[int, int], Column]
) -> tuple[list[tuple[Cell, Decimal]], set[int]]:
    """The row's figures with its amount last: a table whose header sets the amount before the quantity
    or the price ("Amount | Description | Qty | Price", "… | Line total | Qty") prints the amount under its
    own column, not at the row's end. The rightmost figure under the amount column moves to the end when
    only quantities and prices stand right of it; any other row is returned as it came."""
    kinds = [column_of(cell.start, cell.end).kind for cell, _ in cells]
    at = max((n for n, kind in enumerate(kinds) if kind == "col_amount"), default=None)
    if at is None or at == len(cells) - 1:
        return cells, with_unit
    if not all(kind in _AFTER_THE_AMOUNT or n in with_unit for n, kind in enumerate(kinds) if n > at):
        return cells, with_unit
    order = [n for n in range(len(cells)) if n != at] + [at]
    return [cells[n] for n in order], {order.index(n) for n in with_unit}


def _net_amount(values: Sequence[Decimal], kinds: Sequence[str]) -> tuple[Decimal, Decimal, Decimal] | None:
    """(amount, quantity, unit price) when a figure left of the row's last one, under no quantity or
    price column, is the product of two figures before it ("Nettó érték" before "ÁFA" and "Bruttó"), the
    rightmost such; the quantity is the whole number or the one under the quantity column."""
    for k in range(len(values) - 2, 0, -1):
        if kinds[k] in ("col_quantity", "col_unit_price"):
            continue
        factors = _factors(values, kinds, k, range(k))
        if factors is not None:
            return values[k], *factors
    return None


def _factors(
    values: Sequence[Decimal], kinds: Sequence[str], k: int, among: range
) -> tuple[Decimal, Decimal] | None:
    """(quantity, unit price): the two figures at the positions ``among`` whose product is ``values[k]`` (a
    cent's slack a unit), a quantity under the quantity column, a price under the price column and a whole
    quantity preferred."""
    best: tuple[int, Decimal, Decimal] | None = None
    for i in among:
        for j in among:
            q, p = values[i], values[j]
            if i == j or abs(q * p - values[k]) > Decimal("0.011") * max(Decimal(1), abs(q)):
                continue
            fit = (kinds[i] == "col_quantity") + (kinds[j] == "col_unit_price") + (q == q.to_integral_value())
            if best is None or fit > best[0]:
                best = (fit, q, p)
    return None if best is None else (best[1], best[2])


def _amount_before_factors(
    values: Sequence[Decimal], kinds: Sequence[str]
) -> tuple[Decimal, Decimal, Decimal] | None:
    """(amount, quantity, unit price) when a figure, under no quantity or price column, is the product of two
    figures right of it: the amount printed before the quantity and the price ("114,80 | Description | 40 |
    2,87"); the leftmost such, the quantity the whole number or the one under the quantity column."""
    for k in range(len(values) - 2):
        if kinds[k] in ("col_quantity", "col_unit_price"):
            continue
        factors = _factors(values, kinds, k, range(k + 1, len(values)))
        if factors is not None:
            return values[k], *factors
    return None


def _columns_on(
    placed: dict[int, list[Column]], header: Line, lines: Sequence[Line], pos: int
) -> list[Column] | None:
    """The header's columns (``placed[0]``) in the characters of the page of ``lines[pos]``, a page after the
    header's that prints no header of its own: each column's page position taken from the header line's words,
    then placed among the words of the page's line of most cells (a row of the table), once a page (kept in
    ``placed``). None where the page has its own header, where no line of it has words enough, or where the
    words do not map one page onto the other in order."""
    page = lines[pos].page
    if page not in placed:
        placed[page] = _placed_on_page(placed[0], header, [other for other in lines if other.page == page])
    return placed[page] or None


def _page_has_header(lines: Sequence[Line], page: int, known: dict[int, bool]) -> bool:
    """Whether a line of ``page`` is a table's header (``known``: the pages asked about so far)."""
    if page not in known:
        known[page] = any(
            other.page == page and _may_be_header(other) and header_columns(other) is not None
            for other in lines
        )
    return known[page]


def _placed_on_page(columns: list[Column], header: Line, page: list[Line]) -> list[Column]:
    """`_columns_on` for one page's lines; empty where the columns stay as read."""
    if any(_may_be_header(other) and header_columns(other) is not None for other in page):
        return []
    rows = [other for other in page if other.words and len(other.cells) >= 3]
    if not rows:
        return []
    source, target = _char_points(header), _char_points(max(rows, key=lambda other: len(other.cells)))
    if len(source) < 6 or len(target) < 6:
        return []
    moved = [
        replace(
            c,
            start=max(0, round(_along(target, _along(source, c.start, 0, 1), 1, 0))),
            end=max(1, round(_along(target, _along(source, c.end, 0, 1), 1, 0))),
        )
        for c in columns
    ]
    if any(b.start < a.end for a, b in pairwise(moved)):
        return []
    return moved


def _char_points(line: Line) -> list[tuple[float, float]]:
    """(character, page x) at each word's edges of ``line``, in reading order."""
    points: list[tuple[float, float]] = []
    for placed in line.words:
        points += [(float(placed.start), placed.word.x0), (float(placed.end), placed.word.x1)]
    kept: list[tuple[float, float]] = []
    for point in sorted(points):
        if not kept or (point[0] > kept[-1][0] and point[1] >= kept[-1][1]):
            kept.append(point)  # (both coordinates rising: one page's grid onto the other)
    return kept


def _along(points: Sequence[tuple[float, float]], value: float, given: int, wanted: int) -> float:
    """Coordinate ``wanted`` of ``points`` at ``value`` of coordinate ``given``, read off the nearest two
    points (between them, or past the first or last two)."""
    n = max(1, min(len(points) - 1, bisect_right([p[given] for p in points], value)))
    (a, b) = points[n - 1], points[n]
    if b[given] == a[given]:
        return a[wanted]
    return a[wanted] + (value - a[given]) * (b[wanted] - a[wanted]) / (b[given] - a[given])


def _at_page_break(lines: Sequence[Line], pos: int, columns: Sequence[Column]) -> bool:
    """Whether ``pos`` stands at a page break inside a table: the document goes on to another page after it
    with no totals line between them (a page's foot), or it opens its page, after an earlier page, with no
    figure above it (a page's head under the running header)."""
    page = lines[pos].page
    earlier = [other for other in lines[:pos] if other.page != page]
    if earlier and not any(_MONEY_RE.search(other.text) for other in lines[:pos] if other.page == page):
        return True
    for other in lines[pos + 1 :]:
        if other.page != page:
            return True
        if _is_stop(other, columns):
            return False
    return False


def _carried_sum(line: Line, columns: Sequence[Column], decimal_hint: str | None) -> bool:
    """The running sum carried across a page break ("Übertrag 3.917,20", "Brought forward"): a
    carry-forward label on a line that is no item (an item's description may hold the word: "3
    Transporte e montagem  1 un.  10.887,50" has a quantity and a unit price)."""
    if not find_labels("carry_forward", line.text):
        return False
    trial = _read_row(line, columns, decimal_hint)
    return trial is None or trial.quantity is None or trial.unit_price is None


def _item_named_like_a_total(line: Line, columns: Sequence[Column], decimal_hint: str | None) -> bool:
    """An item whose name ends or goes on with a word totals use ("Hosting Base", "Service Total Care")
    and whose quantity times unit price makes its amount: a totals line opens its cell with its
    label and prints no quantity and unit price that multiply to its figure."""
    first = next(
        (
            cell
            for cell in line.cells
            if _nearest_column(columns, cell.start, cell.end).kind == "col_description"
        ),
        None,
    )
    if first is None or _DIGIT_RE.search(first.text):
        return False
    opening = first.start + len(first.text) - len(first.text.lstrip())
    hits = [hit for kind in _STOP_KINDS for hit in find_labels(kind, line.text)]
    if not hits or any(hit.start <= opening or hit.end > first.end for hit in hits):
        return False  # a label that opens its cell, or stands outside the description: a totals line
    row = _read_row(line, columns, decimal_hint, totals_word=True)
    if row is None or row.quantity is None or row.unit_price is None or row.amount is None:
        return False
    return abs(row.quantity * row.unit_price - row.amount) <= Decimal("0.011") * max(
        Decimal(1), abs(row.quantity)
    )


SIDEBAR_GAP = 10
"""A sidebar's text ends at least this many characters left of the table beside it."""


def _in_sidebar(line: Line, columns: Sequence[Column]) -> bool:
    """A line of a sidebar beside the table (the payment's due date, the bank account in a column at
    the page's left, the table at its right): every cell ends well left of the table's first column,
    none holds an amount, and it is no section's heading."""
    left = min(c.start for c in columns) - SIDEBAR_GAP
    if not line.cells or line.cells[-1].text.endswith(":"):
        return False  # a section's heading ("Payment terms:") ends the table
    return all(cell.end < left and not _MONEY_RE.search(cell.text) for cell in line.cells)


def _is_stop(line: Line, columns: Sequence[Column] = ()) -> bool:
    """A totals line ends the table: its label opens the line, or sits in any cell but a description.
    So does a new section's heading ("Zahlungsbedingungen:") at the table's left edge."""
    if (
        columns
        and len(line.cells) == 1
        and line.cells[0].text.endswith(":")
        and line.cells[0].start <= min(c.start for c in columns)
    ):
        return True
    head = line.text[: max(60, len(line.text) // 2)]
    if find_labels("col_description", line.text):
        return False
    if line.cells and _rounding_cell(line.cells[0].text):
        return True  # "Rounding  0.28": the totals' rounding line under the rows, no item
    if any(find_labels(kind, head) for kind in _STOP_KINDS):
        return True
    # (a cell holding a digit is no totals label: its labels are not looked up, but for the words before
    # a colon and its amount: "Total (excl. taxes): 379.924,80" printed one space apart)
    return any(
        find_labels(kind, label)
        for cell in line.cells
        for label in (_label_of_cell(cell.text),)
        if label
        for kind in ("total", "subtotal")
    )


def _rounding_cell(text: str) -> bool:
    """Whether a cell's words are a rounding label and nothing else ("Rounding", "Zaokrouhlení:"), an item
    whose name opens with the word ("Rounding off edges") not."""
    label = text.strip().rstrip(":").strip()
    return any(hit.start == 0 and hit.end == len(label) for hit in find_labels("rounding", label))


_LABEL_BEFORE_FIGURE_RE = re.compile(r"([^\d:]*[^\W\d_][^\d:]*):\s*-?[\d(]")


def _label_of_cell(text: str) -> str | None:
    """The cell's words when it holds no digit; the words before a colon and the figure after it;
    else None."""
    if _DIGIT_RE.search(text) is None:
        return text
    if ":" not in text:
        return None
    labelled = _LABEL_BEFORE_FIGURE_RE.match(text.strip())
    return labelled.group(1) if labelled else None


_LABEL_WORD_RE = re.compile(r"[^\W\d_]{3,}")


def _label_and_amount(line: Line) -> bool:
    """A line of two cells: words, then an amount ("Verzendkosten   28,25")."""
    return (
        len(line.cells) == 2
        and _DIGIT_RE.search(line.cells[0].text) is None
        and _LABEL_WORD_RE.search(line.cells[0].text) is not None
        and (
            _MONEY_RE.fullmatch(line.cells[1].text.strip()) is not None
            or _GROUPED_WHOLE_RE.fullmatch(line.cells[1].text.strip()) is not None
        )
    )


def _opens_totals_block(lines: Sequence[Line], pos: int, columns: Sequence[Column]) -> bool:
    """Lines of a label and an amount whose labels open where the totals' label under them opens, not
    in the description column (a charge set in the totals block: "Verzendkosten  28,25" over "Totaal
    excl. btw  673,95"): the totals begin here, no item."""
    line = lines[pos]
    if not _label_and_amount(line):
        return False
    start = line.cells[0].start
    descriptions = [c for c in columns if c.kind == "col_description"]
    if not descriptions or abs(start - descriptions[0].start) <= 2:
        return False
    for below in lines[pos + 1 : pos + 4]:
        if below.page != line.page or not below.cells or abs(below.cells[0].start - start) > 1:
            return False
        label = below.cells[0].text
        if _is_stop(below, columns) or any(find_labels(kind, label) for kind in _STOP_KINDS):
            return True  # ("Mal Hizmet Toplam": a totals label that holds a column's words too)
        if not _label_and_amount(below):
            return False
    return False


def _label_under_figures(line: Line, columns: Sequence[Column]) -> bool:
    """A line whose words open under the table's figures (quantity, unit price), right of the
    description column, with one amount after them: a summary line under the table ("Summary",
    "Discount 3 %", "Freight" beside their amounts in the totals' column) or a row's discount under
    it ("less 10 % discount  -2,00"), not an item."""
    if not line.cells or len(line.cells) > 3:
        return False
    figures = [c.start for c in columns if c.kind in _FIGURE_KINDS]
    descriptions = [c for c in columns if c.kind == "col_description"]
    if not figures or not descriptions or min(figures) <= descriptions[0].start:
        return False
    first = line.cells[0]
    word = _LABEL_WORD_RE.match(first.text)  # (a word opens it, and no currency code: "426,33 EUR")
    return (
        first.start >= max(min(figures) - 2, descriptions[0].end)
        and word is not None
        and word.group(0).upper() not in ISO_CODES
        and _MONEY_RE.search(line.cells[-1].text) is not None
    )


_TOTALS_BLOCK_KINDS = ("subtotal", "total", "tax", "amount_due")
TOTALS_BLOCK_LINES = 3
"""Lines under a charge's line its totals block's next label stands within."""


_GROSS_KINDS = ("total", "amount_due")
GOODS_VALUE_BLOCK_LINES = 6
"""Lines under the totals line that ended the rows a discount or charge of the totals block may stand on."""


def _discount_under_goods_value(
    lines: Sequence[Line], pos: int, ended_at: int, columns: Sequence[Column], aside: list[Line]
) -> int | None:
    """Rows that end on the goods' value ("Warenwert", "Goods total") often take a discount or a charge
    off it in the totals block before the net ("Rabatt 5 %  -13,00" then "Summe netto"): such a labelled
    line, set in the column of the totals' labels under it, joins `aside` (the engine reads it as the
    document's discount or charge; summaries, taxes and totals are sorted out there). Looks no further than
    the gross total or a few lines: the line the rows ended on while it may look on, else None."""
    line = lines[pos]
    if line.page != lines[ended_at].page or pos - ended_at > GOODS_VALUE_BLOCK_LINES:
        return None
    if labels_of(_GROSS_KINDS, line.text):
        return None  # the gross total: what follows it (cash discount terms, payments) is no charge
    if _label_in_totals_block(lines, pos, columns):
        aside.append(line)
    return ended_at


def _label_in_totals_block(lines: Sequence[Line], pos: int, columns: Sequence[Column]) -> bool:
    """A labelled amount set in the totals block under the table ("Delivery charge   35.95" over
    "Subtotal", "Porto und Verpackung" over "Zwischensumme"): besides cells left of the table (a
    sidebar), a word-led label right of where descriptions start and one amount, its label in the
    column of a subtotal, total, tax or amount-due label on one of the next lines; not an item."""
    descriptions = [c for c in columns if c.kind == "col_description"]
    if not descriptions:
        return False
    line = lines[pos]
    cells = [c for c in line.cells if c.end >= descriptions[0].start]
    if len(cells) != 2 or cells[0].start <= descriptions[0].start + 4:
        return False
    word = _LABEL_WORD_RE.match(cells[0].text)
    if word is None or word.group(0).upper() in ISO_CODES or _MONEY_RE.search(cells[1].text) is None:
        return False
    column = cells[0].start
    for below in lines[pos + 1 : pos + 1 + TOTALS_BLOCK_LINES]:
        if below.page != line.page:
            return False
        if any(abs(hit.start - column) <= 3 for hit in labels_of(_TOTALS_BLOCK_KINDS, below.text)):
            return True
    return False


def _tax_row(row: InvoiceLineExtraction) -> bool:
    """A tax at a rate under the rows ("Output IGST @ 12%", "VAT 21 %"): an amount alone, no
    quantity or unit price, its text naming a tax and a percentage."""
    text = row.description or ""
    return (
        row.quantity is None
        and row.unit_price is None
        and ("%" in text or row.tax_rate is not None)
        and bool(find_labels("tax", text))
    )


def _group_subtotal(line: Line, columns: Sequence[Column]) -> bool:
    """A subtotal naming a group of rows ("Sous-total Main-d'œuvre", "Celkem bez DPH Materiál"):
    a subtotal label, no total label but one part of it ("Totale netto"), set in from the table's left edge under the
    description, with words after the label."""
    text = line.text
    subtotals = find_labels("subtotal", text)
    if not subtotals or not line.cells:
        return False
    if any(
        not any(min(h.end, s.end) >= max(h.start, s.start) - 1 for s in subtotals)  # "Totale netto"
        for kind in ("total", "amount_due")
        for h in find_labels(kind, text)
    ):
        return False
    description = next((c for c in columns if c.kind == "col_description"), None)
    if description is None or line.cells[0].start <= min(c.start for c in columns) + _ALIGNED:
        return False
    after = text[subtotals[0].end :]
    return re.search(r"[^\W\d_]{3}", after.split("  ")[0] if after.strip() else "") is not None


def _bare_group_subtotal(lines: Sequence[Line], pos: int, header_end: int, columns: Sequence[Column]) -> bool:
    """A bare subtotal ("Subtotal  $430.19") closing one group of a table whose rows open under a group's
    heading ("Labour" right under the header), with the next group's heading right under it: the table
    goes on (the row after that heading must still read as an item row)."""
    line = lines[pos]
    if not find_labels("subtotal", line.text) or pos + 1 >= len(lines) or header_end + 1 >= pos:
        return False
    if any(find_labels(kind, line.text) for kind in ("total", "amount_due")):
        subtotals = find_labels("subtotal", line.text)
        if any(
            not any(min(h.end, s.end) >= max(h.start, s.start) - 1 for s in subtotals)
            for kind in ("total", "amount_due")
            for h in find_labels(kind, line.text)
        ):
            return False
    # (the first group's heading may be read as the header's last line, a header continuation)
    opening = [lines[at] for at in (header_end, header_end + 1) if lines[at].page == line.page]
    following = lines[pos + 1]
    return (
        following.page == line.page
        and any(_group_heading(first) for first in opening)
        and _group_heading(following)
        and not find_labels("subtotal", following.text)
    )


def _numbered(line: Line, columns: Sequence[Column]) -> bool:
    """A line that opens with its row's number or item code under the position or code column ("3  Site
    visit  2,026.28"): a row of the table even without a quantity or price (a flat fee), where a total under
    the table has neither."""
    if not line.cells:
        return False
    first = line.cells[0]
    kind = _nearest_column(columns, first.start, first.end).kind
    text = first.text.strip()
    if kind == "col_position":
        return re.fullmatch(r"\d{1,4}\.?", text) is not None
    return kind in _CODE_KINDS and re.fullmatch(r"[A-Za-z]{0,4}[-/.]?\d[\w/.-]{2,}", text) is not None


def _group_heading(line: Line) -> bool:
    """A group's heading over its rows: one cell of words, no figure."""
    return len(line.cells) == 1 and re.search(r"\d", line.text) is None


LEAD_IN_LINES = 4
"""Lines at most of a first row's description printed above its figures."""


def _lead_in(
    lines: Sequence[Line], header_end: int | None, pos: int, columns: Sequence[Column]
) -> tuple[list[str], list[int]]:
    """The start of the first row's description printed above its figures, between the header and the
    row: a cell whose text is centred on the row's height (an HTML table's default) sets a long
    description's first lines above the line of the row's figures, and no other row can own the lines
    between the header and the first row. Lines of text under the description column only; none when
    one of them is a figure, a group's heading or a label."""
    if header_end is None or not 0 < pos - header_end - 1 <= LEAD_IN_LINES:
        return [], []
    parts: list[str] = []
    for at in range(header_end + 1, pos):
        other = lines[at]
        if other.page != lines[pos].page or not other.cells:
            return [], []
        if any(_nearest_column(columns, c.start, c.end).kind != "col_description" for c in other.cells):
            return [], []
        text = " ".join(c.text for c in other.cells)
        if _group_heading(other) or text.rstrip().endswith(":") or parse_number(text.strip()) is not None:
            return [], []
        parts.append(text)
    return parts, list(range(header_end + 1, pos))


def _description_near(
    lines: Sequence[Line],
    pos: int,
    end: int,
    columns: Sequence[Column],
    decimal_hint: str | None,
    *,
    look_above: bool = True,
) -> tuple[str | None, list[int]]:
    """Text for a row printed without one: the description column of the lines under the row (up to
    the next row), else of the line just above it; and the positions of the lines it came from."""
    parts: list[str] = []
    used: list[int] = []
    for at in range(pos + 1, min(end, pos + 4, len(lines))):
        other = lines[at]
        if other.page != lines[pos].page or header_columns(other) is not None:
            break
        if _is_stop(other, columns):
            # a totals label under figures that no text names (a summary row's label centred in its
            # cell, below its figures: "117 258,98   26 969,57" / "Razem"): those are the totals'
            return None, []
        for cell in other.cells:
            if _nearest_column(columns, cell.start, cell.end).kind != "col_description":
                continue
            if parse_number(cell.text.strip(), decimal_hint=decimal_hint) is not None:
                continue  # a figure, not a description ("0,7l" in "Flasche 0,7l" is no figure)
            parts.append(cell.text)
        if parts:
            used.append(at)
            break
    if not parts and look_above and pos > 0 and lines[pos - 1].page == lines[pos].page:
        above = lines[pos - 1]
        parts = [
            c.text
            for c in above.cells
            if _nearest_column(columns, c.start, c.end).kind == "col_description"
            and not re.search(r"\d", c.text)
        ]
        used = [pos - 1] if parts else []
    text = " ".join(parts).strip()
    return text[:300] or None, used


def _wrapped(
    lines: Sequence[Line], pos: int, end: int, columns: Sequence[Column], *, after: int | None = None
) -> tuple[list[str], list[int]]:
    """The lines a row's description wraps onto ("Wartungsvertrag" / "Klimaanlage", "Winterreifen"
    / "- Montage", "Cable tie" / "300 mm, pack of 100", "Pork loin" / "from Ireland"): the lines right
    under the row, up to the next row, holding only text under the description column and within
    it, starting where the row's description starts, with the positions of those lines. A name
    wrapped by its column goes on in lower case or with a figure as often as with a capital. Detail
    lines are no part of it: a "label: value", a code, an item-number line, a note running on across
    the other columns. ``after``: the row's last line, where its cells stand on several (`_band`)."""
    row = lines[pos]
    cells = _cells_by_column(row, columns)
    aside = _beside_table(cells, columns)
    starts = [
        c.start
        for c in cells
        if _nearest_column(columns, c.start, c.end).kind == "col_description" and c not in aside
    ]
    if not starts:
        return [], []
    description = next(c for c in columns if c.kind == "col_description")
    right = min((c.start for c in columns if c.start > description.end), default=None)
    parts: list[str] = []
    used: list[int] = []
    last = pos if after is None else after
    for at in range(last + 1, min(end, last + 4, len(lines))):
        other = lines[at]
        cells = _without_wrapped_currency(other, columns)
        if other.page != row.page or not cells:
            break
        if any(_nearest_column(columns, c.start, c.end).kind != "col_description" for c in cells):
            break
        text = " ".join(c.text for c in cells)
        if abs(cells[0].start - starts[0]) > _ALIGNED + 1 or ":" in text or _is_code(text):
            break
        if right is not None and cells[-1].end > right + _ALIGNED:
            break  # a note running across the columns, not a name wrapped in its column
        if item_code_label(text) is not None:
            break  # "Jeres varenr. A16337": the row's item number, read by _item_codes_under
        if _tax_summary_title(other):
            break  # "VAT breakdown" under the last row: the summary's title, not the name going on
        words = text.split()
        if len(words) <= 3 and _CODE_RE.fullmatch(words[-1]):
            break  # "Lot 7A2291", "S/N 2C2870": a detail naming a code
        parts.append(text)
        used.append(at)
    return parts, used


def _without_wrapped_currency(line: Line, columns: Sequence[Column]) -> list[Cell]:
    """The line's cells but a currency code or sign alone under a column of figures: a narrow column wraps
    the code after its figure ("542,64" / "EUR") onto the line of the description's next words."""
    return [
        c
        for c in line.cells
        if not (
            _nearest_column(columns, c.start, c.end).kind != "col_description"
            and (c.text.strip() in ISO_CODES or not _without_currency(c.text.strip()).strip())
        )
    ]


_CODE_RE = re.compile(r"(?=[\w\-/.]*\d)(?=[\w\-/.]*[A-Za-z])[\w\-/.]{5,}|\d{5,}")
"""An article, lot or serial number: letters and digits mixed, or a long number."""


def _is_code(text: str) -> bool:
    """Article numbers and GTINs only: every word carries a digit."""
    words = text.split()
    return bool(words) and all(re.search(r"\d", word) for word in words)


def _priced_whole(row: InvoiceLineExtraction) -> bool:
    """A row whose quantity and unit price are read and give its (whole) amount."""
    return (
        row.amount is not None
        and row.quantity is not None
        and row.unit_price is not None
        and row.quantity * row.unit_price == row.amount
    )


def _has_decimals(value: Decimal | None) -> bool:
    exponent = value.as_tuple().exponent if value is not None else 0
    return isinstance(exponent, int) and exponent < 0


@dataclass(frozen=True)
class TableRow:
    """A line item and the text lines it was read from (the row's own line first)."""

    item: InvoiceLineExtraction
    lines: tuple[Line, ...]


def recover_lines(
    lines: Sequence[Line], decimal_hint: str | None
) -> tuple[list[InvoiceLineExtraction], int | None]:
    """Line items from every table in the document; (lines, page of the first row)."""
    rows = recover_rows(lines, decimal_hint)
    return [row.item for row in rows], rows[0].lines[0].page if rows else None


CLOSING_SUM_ROWS = 2
"""Rows of quantities and prices a closing sum must add up (with fewer, one row's amount is the sum too)."""


def _without_closing_sum(rows: list[TableRow], aside: list[Line] | None) -> list[TableRow]:
    """The rows without a last one that is their sum: a label and an amount only, no quantity or price
    where the rows above print theirs, the amount the sum of theirs to the cent (the net printed under
    the table beneath a label no pack names a subtotal: "Momspligtigt beløb", a column's word "Value").
    It goes to ``aside``, the labelled amounts under the table."""
    if len(rows) <= CLOSING_SUM_ROWS:
        return rows
    last, above = rows[-1].item, [row.item for row in rows[:-1]]
    if (
        last.quantity is not None
        or last.unit_price is not None
        or last.amount is None
        or any(item.amount is None for item in above)
        or sum(1 for item in above if item.quantity is not None and item.unit_price is not None)
        < CLOSING_SUM_ROWS
        or sum((item.amount for item in above if item.amount is not None), Decimal(0)) != last.amount
    ):
        return rows
    if aside is not None:
        aside.append(rows[-1].lines[0])
    return rows[:-1]


def recover_rows(
    lines: Sequence[Line], decimal_hint: str | None, aside: list[Line] | None = None
) -> list[TableRow]:
    """Line items from every table in the document, each with the lines it was read from.

    Headers may span several lines; a row printed without its description takes it from the lines
    under it; where the table's amounts carry decimals, a whole number is not a row's amount.
    ``aside``, when given, receives the labelled amounts read as no row under the table's figures
    (summary, discount and freight lines)."""
    _MEMO.cells, _MEMO.nearest, _MEMO.tables = {}, {}, []
    try:
        rows = (
            _recover_rows(lines, decimal_hint, aside)
            or _receipt_rows(lines, decimal_hint)
            or _rows_without_header(lines, decimal_hint)
            or _rows_beside_text(lines, decimal_hint)
            or _rows_in_prose(lines, decimal_hint)
        )
        records = _field_record_rows(lines, decimal_hint)
        return records if len(records) > len(rows) else _without_closing_sum(rows, aside)
    finally:
        _MEMO.cells = _MEMO.nearest = _MEMO.tables = None


_FIELD_LINE_RE = re.compile(r"^\s*(?P<label>[^\W\d_][^:]{0,40}?)\s*:\s+(?P<value>\S.*?)\s*$")
"""A line that is one field: its label, a colon, its value ("Quantity: 2.00")."""
_RECORD_FIELD_KINDS = ("col_description", "col_quantity", "col_unit_price", "col_amount")


def _record_field(line: Line) -> tuple[str | None, str] | None:
    """(the item column a field line's label names, or None for another field; its value), or None for a
    line that is no field line (one cell of "label: value")."""
    if len(line.cells) != 1:
        return None
    field = _FIELD_LINE_RE.match(line.text)
    if field is None:
        return None
    label = field["label"]
    best: tuple[int, str] | None = None
    for kind in _RECORD_FIELD_KINDS:
        for hit in find_labels(kind, label):
            if hit.start == 0 and (best is None or hit.end > best[0]):
                best = (hit.end, kind)
    return (best[1] if best else None), field["value"]


def _field_record_rows(lines: Sequence[Line], decimal_hint: str | None) -> list[TableRow]:
    """Items printed as records of fields, one field a line, instead of a table's rows (an e-invoice
    viewer's listing: "Description: …" / "Quantity: …" / "Unit price: …" / "Total: …", then the next
    item's): a record opens at a field the packs' description column label names and runs over the
    field lines under it; its item is the description with the amount the amount label gives (the
    quantity and the unit price where printed). None unless every record has its amount."""
    records: list[tuple[dict[str, str], list[Line]]] = []
    current: tuple[dict[str, str], list[Line]] | None = None
    for line in lines:
        field = _record_field(line)
        if field is None:
            if (
                current is not None
                and len(line.cells) == 1
                and len(line.text.split()) <= 3
                and not _DIGIT_RE.search(line.text)
            ):
                continue  # a sub-heading inside the record ("Discount"), its fields under it
            current = None
            continue
        kind, value = field
        if kind == "col_description":
            current = ({kind: value}, [line])
            records.append(current)
        elif current is not None and (kind is None or kind not in current[0]):
            current[1].append(line)
            if kind is not None:
                current[0][kind] = value
    rows: list[TableRow] = []
    for fields, origin in records:
        amount = parse_number(fields.get("col_amount", ""), decimal_hint=decimal_hint)
        if amount is None:
            return []
        quantity = parse_number(fields.get("col_quantity", ""), decimal_hint=decimal_hint)
        price = parse_number(fields.get("col_unit_price", ""), decimal_hint=decimal_hint)
        item = InvoiceLineExtraction(
            description=fields["col_description"][:300], quantity=quantity, unit_price=price, amount=amount
        )
        rows.append(TableRow(item, tuple(origin)))
    return rows


SIDE_GUTTER = 4
"""A panel set beside the page's text stands at least this many empty characters right of it."""


def _first_totals_line(lines: Sequence[Line]) -> int | None:
    """Position of the first line that prints a total's or a subtotal's label: where listed items end."""
    return next(
        (
            pos
            for pos, line in enumerate(lines)
            if line.cells and any(find_labels(k, line.text) for k in ("total", "subtotal"))
        ),
        None,
    )


def _rows_beside_text(lines: Sequence[Line], decimal_hint: str | None) -> list[TableRow]:
    """Items printed in a panel beside the page's text, on the same lines (a shop's order mail: the
    items and their totals at the right, the greeting and the addresses at the left): the panel read
    alone, right of an empty band that runs down the lines from its first totals line up as far as
    one does; the receipt's or the list's arithmetic decides, as on a page of its own."""
    stop = _first_totals_line(lines)
    if not stop:
        return []
    page = lines[stop].page
    used = _occupied(bytearray(), lines[stop])
    gutters: set[int] = set()
    for above in lines[stop - 1 :: -1]:
        wider = _occupied(bytearray(used), above)
        if above.page != page or not _gutters(wider, edge=True):
            break
        used = wider
        gutters.update(_gutters(used))
    for gutter in sorted(gutters):
        top = stop  # the lines the gutter runs down, from the totals line up
        while (
            top > 0
            and lines[top - 1].page == page
            and not any(
                cell.start < gutter and cell.end > gutter - SIDE_GUTTER for cell in lines[top - 1].cells
            )
        ):
            top -= 1
        view = [_right_of(line, gutter) if top <= at <= stop else line for at, line in enumerate(lines)]
        rows = _receipt_rows(view, decimal_hint) or _listed_rows(view, decimal_hint)
        if rows:
            return rows
    return []


def _occupied(used: bytearray, line: Line) -> bytearray:
    """``used`` with the characters the line's cells cover marked."""
    if len(used) < len(line.text):
        used.extend(bytes(len(line.text) - len(used)))
    for cell in line.cells:
        used[cell.start : cell.end] = b"\x01" * (cell.end - cell.start)
    return used


def _gutters(used: bytearray, *, edge: bool = False) -> list[int]:
    """Where text resumes right of each empty band of SIDE_GUTTER characters or more, text on both
    sides of it (``edge``: or at the line's left edge, no text left of it yet)."""
    return [
        match.end()
        for match in re.finditer(rb"\x00{%d,}" % SIDE_GUTTER, bytes(used))
        if (edge or match.start() > 0) and match.end() < len(used)
    ]


def _right_of(line: Line, gutter: int) -> Line:
    """The line's cells right of ``gutter``, the text left of it blanked (the columns kept); a line
    whose text crosses the gutter unchanged."""
    if any(cell.start < gutter < cell.end for cell in line.cells):
        return line
    cells = [cell for cell in line.cells if cell.start >= gutter]
    if len(cells) == len(line.cells):
        return line
    text = " " * gutter + line.text[gutter:] if cells else ""
    return Line(line.page, line.index, text, cells, tuple(w for w in line.words if w.start >= gutter))


def _rows_without_header(lines: Sequence[Line], decimal_hint: str | None) -> list[TableRow]:
    """Items printed under no table header: a list above the totals that adds up to them
    (`_listed_rows`) when it holds every quantity-times-price line the page prints, else those lines
    (`_quantity_times_price_rows`): an item whose own arithmetic holds outside the list says the list
    is not the document's items (a group's, a summary's)."""
    listed = _listed_rows(lines, decimal_hint)
    times = _quantity_times_price_rows(lines, decimal_hint)
    if listed and {row.lines[0].index for row in times} <= {row.lines[0].index for row in listed}:
        return listed
    return times or listed


_TIMES_ROW_RE = re.compile(
    r"^(?P<before>.*?)(?P<open>\()?(?<![\w.,])(?P<qty>\d+(?:[.,]\d+)*)\s?"
    r"(?P<unit>[^\W\d_][^\W\d_.]*\.?(?:\s[^\W\d_][^\W\d_.]*\.?)?)?\s?(?:[x×@]|(?<=\s)à(?=\s))\s?"
    r"(?P<price>\d{1,3}(?:[ \u00a0]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)*)(?(open)\))"
    r"(?:\s+(?P<discount>-?\d{1,2}(?:[.,]\d+)?)\s?%)?"
    r"(?:\s{2,}|\s?=\s?)(?P<amount>-?\d{1,3}(?:[ \u00a0.,]?\d{3})*[.,]\d{2})-?\s*(?:[A-Z]{3}|[€$£]|kr\.?|[A-Z*])?\s*$"
)
"""An item printed without a table: "[description] 12 pcs x 3,50 [-10 %]    37,80", the quantity, its
unit, the unit price and a discount written out on the line, the amount at its end (after an equals sign
maybe: "10 × 30,84 = 308,40"); the times sign may
be "à" or "@" ("4 Stk. à 12,50"), the quantity and price in brackets after the description
("- Wall paint (3 buckets @ 12.50)     37.50"); a list's dash or bullet opens no description; a till
receipt's tax code may follow the amount ("19,46 B")."""
_TIMES_SIGNS = ("x", "×", "@", " à ")
_BULLET_RE = re.compile(r"^[\s\-–—•·*]+")


def _quantity_times_price_rows(lines: Sequence[Line], decimal_hint: str | None) -> list[TableRow]:
    """Items of a page with no table header: each a line "quantity [unit] x unit price [discount %]
    amount" whose arithmetic holds, its description before the quantity or, when none is there, the
    line above (a line of words without amounts)."""
    rows: list[TableRow] = []
    taken = -1
    for pos, line in enumerate(lines):
        if not any(sign in line.text for sign in _TIMES_SIGNS):
            continue
        match = _TIMES_ROW_RE.match(line.text)
        if match is None:
            continue
        quantity = parse_number(match["qty"], decimal_hint=decimal_hint)
        price = parse_number(match["price"], decimal_hint=decimal_hint)
        amount = parse_number(match["amount"], decimal_hint=decimal_hint)
        if quantity is None or price is None or amount is None or quantity == 0:
            continue
        discount = (
            parse_number(match["discount"].lstrip("-"), decimal_hint=decimal_hint)
            if match["discount"]
            else None
        )
        expected = quantity * price * (1 - (discount or 0) / Decimal(100))
        if abs(abs(expected) - abs(amount)) > Decimal("0.011") * max(Decimal(1), abs(quantity)):
            continue  # the arithmetic says this is no item line
        description = " ".join(_BULLET_RE.sub("", match["before"]).split())
        origin: tuple[Line, ...] = (line,)
        if not re.search(r"[^\W\d_]{2}", description):
            above = lines[pos - 1] if pos > 0 and pos - 1 > taken else None
            if (
                above is None
                or above.page != line.page
                or not re.search(r"[^\W\d_]{2}", above.text)
                or re.search(r"\d[.,]\d{2}(?!\d)", above.text)
                or ":" in above.text
            ):
                continue
            description = " ".join(above.text.split())
            origin = (line, above)
        item = InvoiceLineExtraction(
            description=description[:300],
            quantity=quantity,
            unit=match["unit"],
            unit_price=price,
            amount=amount,
        )
        rows.append(TableRow(item, origin))
        taken = pos
    return rows


_RECEIPT_ITEM_RE = re.compile(
    r"^(?P<description>\S.*?[^\W\d_]{2}.*?)\s{2,}(?P<amount>-?\d{1,3}(?:[ \u00a0.,]?\d{3})*(?:[.,]\d{2})?)-?"
    r"(?:\s{1,2}[A-Z*]\d?)?\s*$"
)
"""A till receipt's item line without a table: its description, then its amount at the line's end (in
whole units where the currency has no minor ones: "1 265"), a tax code letter after it or none
("Cheddar 400g      11.74 B")."""
_RECEIPT_TIMES_RE = re.compile(_TIMES_ROW_RE.pattern.replace("[.,]\\d{2})-?", "(?:[.,]\\d{2})?)-?"))
"""`_TIMES_ROW_RE` with an amount in whole units allowed (a receipt's sum decides)."""
RECEIPT_SUM_SLACK = Decimal("0.01")


def _receipt_rows(lines: Sequence[Line], decimal_hint: str | None) -> list[TableRow]:
    """Items of a till receipt, printed without a table header: the block of lines right above its
    first subtotal or total line, each "description   amount [tax code]", or a quantity-times-price
    line under its description. Read only when the amounts add up to the subtotal or total printed
    on one of the first three totals lines under them (the arithmetic says these are the items)."""
    stop = _first_totals_line(lines)
    if not stop:
        return []
    rows: list[TableRow] = []
    pos = stop - 1
    while pos >= 0 and lines[pos].page == lines[stop].page:
        line = lines[pos]
        text = line.text.strip()
        if _ALNUM_RE.search(text) is None:
            pos -= 1
            continue  # a rule of dashes or stars between the items and the totals
        times = (
            _RECEIPT_TIMES_RE.match(line.text) if any(sign in line.text for sign in _TIMES_SIGNS) else None
        )
        if times is not None:
            row = _times_row(lines, pos, times, decimal_hint)
            if row is None:
                break
            rows.append(row)
            pos -= len(row.lines)
            continue
        item = _RECEIPT_ITEM_RE.match(text)
        if item is None or any(find_labels(k, item["description"]) for k in _STOP_KINDS):
            break
        amount = parse_number(item["amount"], decimal_hint=decimal_hint)
        if amount is None:
            break
        description = " ".join(_BULLET_RE.sub("", item["description"]).split())
        rows.append(TableRow(InvoiceLineExtraction(description=description[:300], amount=amount), (line,)))
        pos -= 1
    if not rows:
        return []
    total = sum((row.item.amount or Decimal(0) for row in rows), Decimal(0))
    printed = [
        value
        for line in lines[stop : stop + 6]
        if any(find_labels(k, line.text) for k in ("total", "subtotal"))
        for value in (parse_number(line.cells[-1].text, decimal_hint=decimal_hint),)
        if value is not None
    ][:3]
    if not any(abs(total - value) <= RECEIPT_SUM_SLACK for value in printed):
        return []
    return rows[::-1]


def _times_row(
    lines: Sequence[Line], pos: int, match: re.Match[str], decimal_hint: str | None
) -> TableRow | None:
    """A quantity-times-price receipt line whose arithmetic holds, its description before the quantity
    or on the line above."""
    quantity = parse_number(match["qty"], decimal_hint=decimal_hint)
    price = parse_number(match["price"], decimal_hint=decimal_hint)
    amount = parse_number(match["amount"], decimal_hint=decimal_hint)
    if quantity is None or price is None or amount is None or quantity == 0:
        return None
    if abs(abs(quantity * price) - abs(amount)) > Decimal("0.011") * max(Decimal(1), abs(quantity)):
        return None
    description = " ".join(_BULLET_RE.sub("", match["before"]).split())
    origin: tuple[Line, ...] = (lines[pos],)
    if not re.search(r"[^\W\d_]{2}", description):
        above = lines[pos - 1] if pos > 0 else None
        if above is None or above.page != lines[pos].page or not re.search(r"[^\W\d_]{2}", above.text):
            return None
        if re.search(r"\d[.,]\d{2}(?!\d)", above.text) or ":" in above.text:
            return None
        description = " ".join(above.text.split())
        origin = (lines[pos], above)
    item = InvoiceLineExtraction(
        description=description[:300], quantity=quantity, unit=match["unit"], unit_price=price, amount=amount
    )
    return TableRow(item, origin)


_LOOSE_CURRENCY = rf"(?:{_DOLLARS}|{_SIGNS}|[A-Z]{{3}}|{_MARKS})"
"""A currency beside a unit price inside an item's text: a symbol, three capitals, a pack's mark."""
_FIGURE = r"\d{1,3}(?:[ \u00a0.,']\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_LISTED_MONEY_RE = re.compile(r"-?\d{1,3}(?:[ \u00a0.,']?\d{3})*[.,]\d{2}")
"""An item's amount at the end of its line: with cents ("164,30", "1 500,00", "-196.00")."""
_LIST_MARK_RE = re.compile(r"^\s*(?:>+\s*)*(?:\d{1,3}[.)]\s+(?=\D)|[\-–—•·*]\s+)?")
"""A mail's quote marks ("> ", text quoted in a reply) and a numbered or bulleted list's mark ("1. ",
"2) ", "- "): no part of the description."""
_UNIT = r"[^\W\d_][^\W\d_.]*\.?"
_TIMES = r"[xX×*]"
_LETTERS_RE = re.compile(r"[^\W\d_]{2}")


@lru_cache(maxsize=1)
def _listed_forms() -> tuple[re.Pattern[str], ...]:
    """The ways a listed item prints its quantity and unit price before its amount: "Beratung:
    4 Std. × 85,00 €" (then "= amount"), "4 x Bildbearbeitung   à € 8,00" (the quantity first, the price
    after one of the packs' `unit_price_words`: à, @, a, po, je), "Beratung   4 Std. à 85,00"."""
    each = "|".join(word_entries("unit_price_words")) or r"(?!x)x"
    price = rf"(?:{_LOOSE_CURRENCY}\s?)?(?P<price>{_FIGURE})(?:\s?{_LOOSE_CURRENCY})?"
    return (
        re.compile(
            rf"^(?P<desc>.+?)[:,]?\s+(?P<qty>{_FIGURE})\s?(?P<unit>{_UNIT})?\s?{_TIMES}\s?{price}\s*=?$"
        ),
        re.compile(
            rf"^(?P<qty>{_FIGURE})\s?(?P<unit>{_UNIT})?\s?{_TIMES}\s+(?P<desc>.+?)\s+(?:{each})\s?{price}$"
        ),
        re.compile(
            rf"^(?P<desc>.+?)\s+(?P<qty>{_FIGURE})\s?(?P<unit>{_UNIT})?\s?(?:{_TIMES}|{each})\s?{price}$"
        ),
    )


_MONEY_IN_TEXT_RE = re.compile(r"\d[.,]\d{2}(?!\d)")
_COUNT_AFTER_RE = re.compile(rf"^(?P<desc>.*[^\W\d_)])\s+{_TIMES}\s?(?P<qty>\d{{1,4}})$")
"""An item's count after its name ("Extra seats × 4"); the name ends with a letter, so that a size
("Box 40 x 30") is no count."""
_COUNT_BEFORE_RE = re.compile(rf"^(?P<qty>\d{{1,4}})\s?{_TIMES}\s+(?P<desc>[^\W\d_].*)$")
"""An item's count before its name ("2 x Domain renewal"); the name opens with a letter, so that a size
("600 x 600 mm panel") is no count."""
_LISTED_STOP_KINDS = (*_STOP_KINDS, "tax")
LISTED_TOTALS_LINES = 6
_LISTED_UNDER_KINDS = ("total", "subtotal", "tax")
"""The lines an item list may stand right above."""


_LEADERS_RE = re.compile(r"\s?(?:\.\s?){2,}\s(?=\S)")
"""Dot leaders between an item's name and its amount, run together or spaced ("Hosting .... 12,00",
"Hosting . . . 12,00"): a text editor's tab leader or a mail's padding cut short by a long name."""
_TRAILING_LEADERS_RE = re.compile(r"\s?(?:\.\s?){2,}$")
"""Dot leaders left at the end of a name whose amount stands in a cell of its own."""


def _listed_amount(line: Line) -> tuple[str, str] | None:
    """(the text before an item's amount, the amount) when the line ends with an amount with cents set
    apart by a gap, a colon, an equals sign or dot leaders, a currency symbol, code or mark before or after it
    ("Materiaal      € 164,30", "2. Sesja zdjęciowa: 900,00 zł", "Robocizna, godz.: 4 × 90,00 zł = 360,00
    zł")."""
    if not line.cells:
        return None
    last = line.cells[-1]
    tail = last.text.strip()
    if not tail[-1:].isdigit() and not _MONEY_IN_TEXT_RE.search(tail[-12:]):
        return None  # (quick: no amount at the line's end)
    money = _without_currency(tail)
    if len(line.cells) > 1 and _LISTED_MONEY_RE.fullmatch(money):
        return line.text[: last.start], money
    cut = max(tail.rfind(":"), tail.rfind("="))
    after = cut + 1
    if cut < 0 or not tail[cut + 1 : cut + 2].isspace():
        leaders = list(_LEADERS_RE.finditer(tail))
        if not leaders:
            return None
        cut, after = leaders[-1].start(), leaders[-1].end()  # "Extra users ....... 72,00 €"
    money = _without_currency(tail[after:].strip())
    if not _LISTED_MONEY_RE.fullmatch(money):
        return None
    return line.text[: last.start] + tail[:cut], money


def _listed_item(line: Line, decimal_hint: str | None) -> tuple[InvoiceLineExtraction, int] | None:
    """A line of an item list read as an item and where its description starts; None when it is none:
    no amount at its end, no words before it, a label of the totals, an amount left in the description,
    or a quantity and a unit price whose product is not the amount."""
    said = _listed_amount(line)
    if said is None:
        return None
    text, figure = said
    mark = _LIST_MARK_RE.match(text)
    start = mark.end() if mark else len(text) - len(text.lstrip())
    left = _TRAILING_LEADERS_RE.sub("", _without_currency(text[start:].strip())).strip()
    if not _LETTERS_RE.search(left) or _names_a_total(left):
        return None
    amount = parse_number(figure, decimal_hint=decimal_hint)
    if amount is None:
        return None
    quantity = price = None
    unit = None
    description = left
    for form in _listed_forms() if _DIGIT_RE.search(left) else ():
        times = form.match(left)
        if times is None:
            continue
        quantity = parse_number(times["qty"], decimal_hint=decimal_hint)
        price = parse_number(times["price"], decimal_hint=decimal_hint)
        if quantity is None or price is None or quantity == 0:
            return None
        if abs(quantity * price - amount) > Decimal("0.011") * max(Decimal(1), abs(quantity)):
            return None  # the arithmetic says this is no item
        description, unit = times["desc"], times["unit"]
        break
    if quantity is None:
        counted = _COUNT_AFTER_RE.match(left) or _COUNT_BEFORE_RE.match(left)
        if counted is not None:  # "Extra seats × 4", "2 x Domain renewal": a count, no price written
            quantity, description = Decimal(counted["qty"]), counted["desc"]
    description = " ".join(description.rstrip(" :,=").split())
    if _MONEY_IN_TEXT_RE.search(description) or not _LETTERS_RE.search(description):
        return None  # a description never holds an amount
    item = InvoiceLineExtraction(
        description=description[:300], quantity=quantity, unit=unit, unit_price=price, amount=amount
    )
    return item, start


def _names_a_total(text: str) -> bool:
    """A label of the totals in a listed line's words, but in the name of an item counted before it
    ("1 x Hosting Base"): there a totals word after the name's first word is the item's."""
    counted = _COUNT_BEFORE_RE.match(text)
    name_at = counted.start("desc") if counted else 0
    return any(
        hit.start <= name_at or not counted for kind in _LISTED_STOP_KINDS for hit in find_labels(kind, text)
    )


def _listed_rows(lines: Sequence[Line], decimal_hint: str | None) -> list[TableRow]:
    """Items a person lists without a table header (tab stops, a numbered list in a letter): the run of
    item lines right above a subtotal or total line, each a description and its amount, maybe its
    quantity and unit price written out ("2 x Widget à 12,00   24,00", "1. Beratung: 4 × 85,00 € =
    340,00 €", "Logo (flat fee)   GBP 650.00"). The items are the run's last rows whose amounts add up
    to a subtotal or total printed on the totals lines under them (the arithmetic says these are the
    items, and where the run begins); a line of words under a row, set in at its description, goes on
    its description."""
    for stop, line in enumerate(lines):
        if not line.cells or not any(find_labels(kind, line.text) for kind in _LISTED_UNDER_KINDS):
            continue
        rows: list[tuple[InvoiceLineExtraction, list[Line]]] = []
        wrapped: list[Line] = []
        pos = stop - 1
        while pos >= 0 and lines[pos].page == line.page:
            text = lines[pos].text
            if _ALNUM_RE.search(text) is None:
                pos -= 1
                continue  # a rule between the items and the totals
            if not rows and not wrapped and len(text.split()) == 1 and not _DIGIT_RE.search(text):
                pos -= 1
                continue  # a stamp between the items and the totals ("PAID", "BETALT")
            read = _listed_item(lines[pos], decimal_hint)
            if read is None:
                indent = len(text) - len(text.lstrip())
                if wrapped or _MONEY_IN_TEXT_RE.search(text) or not re.search(r"[^\W\d_]{2}", text):
                    break
                wrapped = [lines[pos]]
                pos -= 1
                if pos < 0 or (above := _listed_item(lines[pos], decimal_hint)) is None:
                    break
                if abs(above[1] - indent) > _ALIGNED:
                    break  # not set in at the description above: no part of it
                item, _ = above
                item.description = f"{item.description} {' '.join(text.split())}"[:300]
                rows.append((item, [lines[pos], *wrapped]))
                wrapped = []
                pos -= 1
                continue
            rows.append((read[0], [lines[pos]]))
            pos -= 1
        if not rows:
            continue
        printed = {
            value
            for other in lines[stop : stop + LISTED_TOTALS_LINES]
            if any(find_labels(kind, other.text) for kind in ("total", "subtotal"))
            for amount in find_amounts(other.text, decimal_hint=decimal_hint)[-1:]
            for value in (amount.value,)
        }
        count = _adding_up(rows, printed)
        if count:
            return [TableRow(item, tuple(origin)) for item, origin in rows[:count][::-1]]
        count = _adding_up(rows[1:], {rows[0][0].amount or Decimal(0)})
        if count > 1:  # the last line is the sum of the rows above it: a subtotal its label does not name
            return [TableRow(item, tuple(origin)) for item, origin in rows[1 : count + 1][::-1]]
    return []


_PROSE_ITEM_RE = re.compile(
    rf"\((?P<qty>{_FIGURE})\s?(?P<unit>{_UNIT}\s)?{_TIMES}\s?(?:{_LOOSE_CURRENCY}\s?)?(?P<price>{_FIGURE})"
    rf"(?:\s?{_LOOSE_CURRENCY})?\)\s?[:=]\s?(?:{_LOOSE_CURRENCY}\s?)?(?P<amount>-?{_FIGURE})"
    rf"(?:\s?{_LOOSE_CURRENCY})?(?=[;,.]|\s|$)"
)
"""An item written in a sentence: its name, then its quantity times its unit price in brackets, a colon
and its amount ("Design work (12 × 47,50 €): 570,00 €; Travel (2 × 30,00 €): 60,00 €.")."""
_PROSE_OPENING_RE = re.compile(r"^.*(?::|[.!?])\s+(?=\S)")
"""The sentence before a paragraph's first item, up to the colon or full stop that ends it."""


def _rows_in_prose(lines: Sequence[Line], decimal_hint: str | None) -> list[TableRow]:
    """Items a letter writes out in its paragraph (a justified letter lists no table): each "name
    (quantity × unit price): amount", the items set apart by semicolons or commas; read only where
    every such item's arithmetic holds (the arithmetic says these are items). A paragraph's lines are
    read as one text, so that an item or an amount may run over a line break."""
    rows: list[TableRow] = []
    at = 0
    while at < len(lines):
        page = lines[at].page
        end = at
        while end < len(lines) and lines[end].page == page:
            end += 1
        rows += _prose_items(lines[at:end], decimal_hint)
        at = end
    return rows


def _prose_items(lines: Sequence[Line], decimal_hint: str | None) -> list[TableRow]:
    """`_rows_in_prose` on one page's lines."""
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    for line in lines:
        words = " ".join(line.text.split())
        starts.append(offset)
        parts.append(words)
        offset += len(words) + 1
    text = " ".join(parts)
    if "(" not in text:
        return []
    rows: list[TableRow] = []
    previous = 0
    for match in _PROSE_ITEM_RE.finditer(text):
        quantity = parse_number(match["qty"], decimal_hint=decimal_hint)
        price = parse_number(match["price"], decimal_hint=decimal_hint)
        amount = parse_number(match["amount"], decimal_hint=decimal_hint)
        if quantity is None or price is None or amount is None or quantity == 0:
            return []
        if abs(quantity * price - amount) > Decimal("0.011") * max(Decimal(1), abs(quantity)):
            return []  # the arithmetic says these are no items
        before = text[previous : match.start()]
        if rows and before[:1] in (";", ","):
            name = before[1:]
        else:
            opening = _PROSE_OPENING_RE.match(before)
            name = before[opening.end() :] if opening else before
        name = " ".join(name.lstrip(" .;,").split())
        if not _LETTERS_RE.search(name) or _MONEY_IN_TEXT_RE.search(name):
            return []
        first = bisect_right(starts, match.start()) - 1
        last = bisect_right(starts, match.end() - 1) - 1
        origin = tuple(lines[first : last + 1])
        unit = match["unit"].strip() if match["unit"] else None
        item = InvoiceLineExtraction(
            description=name[:300], quantity=quantity, unit=unit, unit_price=price, amount=amount
        )
        rows.append(TableRow(item, origin))
        previous = match.end()
    return rows


def _adding_up(rows: Sequence[tuple[InvoiceLineExtraction, list[Line]]], sums: set[Decimal]) -> int:
    """How many of the rows (bottom up) add up to one of ``sums``, as many as do; 0 when none do."""
    running, count = Decimal(0), 0
    for at, (item, _) in enumerate(rows, start=1):
        running += item.amount or Decimal(0)
        if any(abs(running - value) <= RECEIPT_SUM_SLACK for value in sums):
            count = at
    return count


def _recover_rows(
    lines: Sequence[Line], decimal_hint: str | None, aside: list[Line] | None = None
) -> list[TableRow]:
    found: list[tuple[InvoiceLineExtraction, int, list[Column]]] = []
    sources: dict[int, list[int]] = {}
    """Per row's line: the other lines it took something from (an amount, its description)."""
    columns: list[Column] | None = None
    stopped = False
    group: int | None = None
    """After a group's subtotal: 0, then 1 once the next group's heading is read (the table goes on
    when the line under it is a row with a unit price and an amount); None while no group has
    ended."""
    skip_to = -1
    free: set[int] = set()
    """Lines of the table read as no row so far (an amount there may belong to a row beside it)."""
    moved: dict[int, Line] = {}
    """Lines whose amount a row beside them took: what remains of them."""
    header_names = 0
    """How many column kinds the current header's own line names."""
    header_at = -1
    """The current header's line."""
    ended_at: int | None = None
    """The totals line that ended the rows (a goods value, a subtotal), while the totals block under it
    may still print a discount or charge before the net; None otherwise."""
    header_ends: dict[int, int] = {}
    """Per header (by its columns' id): the last line it is printed on."""
    header_starts: dict[int, int] = {}
    """Per header (by its columns' id): the line that names its columns."""
    band_to = -1
    """The last line of a row whose cells stand on several overlapping lines (`_band`), once it is read."""
    headed: dict[int, bool] = {}
    """Per page: whether it prints a table header (`_page_has_header`)."""
    paused: int | None = None
    """The page whose carried sum, named like a total, ended its rows (they go on on the next page)."""
    page_columns: dict[int, list[Column]] = {}
    """The current header's columns as read (key 0) and placed on each later page (key: the page)."""
    bands: dict[int, int] = {}
    """Per such row's first line: its last."""
    boxes: dict[int, list[float] | None] = {}
    """The page box of each line `_band` read, by its place in ``lines``."""
    for pos, original in enumerate(lines):
        line = moved.get(pos, original)
        if columns is not None and 0 <= header_at < len(lines) and line.page != lines[header_at].page:
            # a table going on over a page without its header: the header's columns where they stand on the
            # page, in that page's characters (each page lays out its own text)
            before, columns = columns, _columns_on(page_columns, lines[header_at], lines, pos) or columns
            if columns is not before and id(columns) not in header_ends:
                header_ends[id(columns)] = header_ends.get(id(before), header_at)
                header_starts[id(columns)] = header_starts.get(id(before), header_at)
        header = None
        names = _named_kinds(line) if _may_be_header(line) else 0
        # a line of the header printed over several lines is its main line when it names more
        # columns than the line read as the header so far ("Ihre" / "Pos Art.-Nr. ... Betrag")
        if names and (pos > skip_to or names > header_names):
            above = []
            for other in lines[max(0, pos - 3) : pos][::-1]:
                if other.page != line.page or not is_header_continuation(other):
                    break
                above.append(other)
            below: list[Line] = []
            for other in lines[pos + 1 : pos + 4]:
                if not is_header_continuation(other):
                    break
                below.append(other)
            header = header_columns(line, above, below)
        if (
            columns is not None
            and names
            and pos > skip_to
            and any(at > header_at for _, at, _ in found)
            and _tax_summary_header(line)
        ):
            stopped = True  # "Rate  Net  VAT  Gross" under the rows: a VAT summary's header ends the items
            continue
        if (
            columns is not None
            and pos > skip_to
            and any(at > header_at for _, at, _ in found)
            and _tax_summary_title(line)
        ):
            stopped = (
                True  # "VAT breakdown" alone on its line under the rows: a VAT summary's title ends the items
            )
            continue
        if header is not None:
            paused, page_columns = None, {0: header}
            columns, stopped, skip_to, header_names = header, False, pos + len(below), names
            header_at = pos
            header_ends[id(header)] = skip_to
            header_starts[id(header)] = pos
            group = None
            if getattr(_MEMO, "tables", None) is not None:
                _MEMO.tables.append(header)  # kept alive: the memos know a table by its id
            continue
        if stopped and ended_at is not None and columns is not None and aside is not None:
            ended_at = _discount_under_goods_value(lines, pos, ended_at, columns, aside)
        if columns is None or stopped or pos <= skip_to:
            continue  # (the rest of a header printed over several lines is no row)
        if pos <= band_to:
            continue  # a line of the row read above, its cells set higher or lower than that row's
        if _in_sidebar(line, columns):
            continue  # "Pay by" / a date in a sidebar beside the rows: neither a row nor the totals
        if _carried_sum(line, columns, decimal_hint) and not any(at > header_at for _, at, _ in found):
            continue  # "Suma anterior 6.356,47" under a page's repeated header opens its rows: no total
        if paused is not None and (
            line.page == paused or (line.page == paused + 1 and _page_has_header(lines, line.page, headed))
        ):
            continue  # the page's foot under its carried sum (the seller's footer), and the next page's head
            # above its own header (the letterhead, a "brought forward" line): the rows go on under that header
        paused = None
        stop = _is_stop(line, columns)
        if _carried_sum(line, columns, decimal_hint) and (not stop or _at_page_break(lines, pos, columns)):
            # "Übertrag 3.917,20", "Suma y sigue" at a page's foot or head: the running sum carried across a
            # page break, neither a row nor the totals (its label may be a total's word); under one named like
            # a total, nothing more of its page is a row
            paused = line.page if stop and lines[-1].page != line.page else None
            continue
        named_like_total = stop and _item_named_like_a_total(line, columns, decimal_hint)
        if stop and not named_like_total:
            if group is None and (
                _group_subtotal(line, columns) or _bare_group_subtotal(lines, pos, skip_to, columns)
            ):
                group = 0
            else:
                stopped = True
                ended_at = pos
            continue
        if _label_under_figures(line, columns) or _label_in_totals_block(lines, pos, columns):
            if aside is not None:
                aside.append(line)  # (the engine reads its discount or charge)
            continue  # a summary, discount or freight line in the totals' column: no item
        if _opens_totals_block(lines, pos, columns):
            if aside is not None:
                aside.append(line)  # (a charge of the totals block, read as the others)
            stopped = True  # "Verzendkosten  28,25" over "Totaal excl. btw  673,95": the totals begin
            continue
        alone = _RowAlone(original, columns, decimal_hint)
        if group is not None:
            if group == 0 and _group_heading(line):
                group = 1
                continue
            trial = alone.row(line) if group == 1 else None
            if (
                trial is None
                or trial.amount is None
                or (trial.unit_price is None and not _numbered(line, columns))
            ):
                stopped = True  # the totals under the table, not the next group
                continue
            group = None
        free.add(pos + 1)
        row = None
        band = _band(lines, pos, columns, decimal_hint, alone, boxes)
        if band is not None:
            row, band_to = band
            sources[pos] = list(range(pos + 1, band_to + 1))
            bands[pos] = band_to
        floating = _floating_amount(lines, pos, columns, free) if row is None else None
        if floating is not None:
            row = _read_row(floating[0], columns, decimal_hint)
            if row is not None and _inconsistent(row):
                row = None  # the amount beside it is not this row's
            if row is not None:
                donor = floating[1]
                sources.setdefault(pos, []).append(donor)
                free.discard(donor)
                moved[donor] = _without(moved.get(donor, lines[donor]), floating[0].cells[-1])
                if donor < pos and found and found[-1][1] == donor:
                    found.pop()  # the line above was read as a row of that amount alone
        if row is None:
            row = (
                _read_row(line, columns, decimal_hint, totals_word=True)
                if named_like_total
                else alone.row(line)
            )
        if row is not None and _tax_row(row):
            row = None
        if row is not None:
            found.append((row, pos, columns))
            if row.quantity is not None or row.unit_price is not None:
                free.discard(pos)
            else:
                free.add(pos)  # an amount alone: it may be the row's beside it
        else:
            free.add(pos)
    if any(_has_decimals(row.amount) for row, _, _ in found):
        # (a whole amount its own quantity x unit price gives is a row all the same: a generator that
        # prints 230 for 230.00)
        found = [item for item in found if _has_decimals(item[0].amount) or _priced_whole(item[0])]
    result: list[TableRow] = []
    cuts = _cells_between_rows(lines, found, header_starts, bands)
    for number, (row, pos, row_columns) in enumerate(found):
        used = sources.get(pos, [])
        end = found[number + 1][1] if number + 1 < len(found) else len(lines)
        end = cuts.get(number + 1, end)
        head_at = list(range(cuts[number], pos)) if number in cuts else []
        codes = row.description if row.description is not None and _is_code(row.description) else None
        if codes is not None:
            # article codes (a GTIN, a seller code) on the row, the description on the line under it
            under, under_at = _description_near(lines, pos, end, row_columns, decimal_hint, look_above=False)
            if under is not None and not _is_code(under):
                row.sku = row.sku or codes.split()[-1]
                row.description = under
                used = [*used, *under_at]
        if row.description is None:
            row.description, near_at = _description_near(
                lines, pos, end, row_columns, decimal_hint, look_above=not head_at
            )
            used = [*used, *near_at]
        elif row.description.endswith("-") and not row.description.endswith(" -"):
            # "Personen-" / "Unfallversicherung": a word broken over two lines
            rest, rest_at = _description_near(lines, pos, end, row_columns, decimal_hint)
            if rest:
                kept = rest[:1].isupper() or _SHORT_PREFIX_RE.search(row.description) is not None
                head = row.description if kept else row.description[:-1]  # ("cv-" / "ketel": an
                # abbreviation's hyphen, the word wrapped where it is printed)
                row.description = (head + rest)[:300]
                used = [*used, *rest_at]
        elif codes is None:
            wrapped, wrapped_at = _wrapped(lines, pos, end, row_columns, after=bands.get(pos, pos))
            first = number == 0 or found[number - 1][2] is not row_columns
            lead, lead_at = (
                _lead_in(lines, header_ends.get(id(row_columns)), pos, row_columns)
                if first and not head_at
                else ([], [])
            )
            if wrapped or lead:
                row.description = " ".join([*lead, row.description, *wrapped])[:300]
                used = [*used, *lead_at, *wrapped_at]
        if head_at:
            # the first lines of the row's cell, above the line of its figures (a cell set at the bottom or
            # in the middle of its row)
            opening = [
                " ".join(c.text for c in _without_wrapped_currency(lines[at], row_columns)) for at in head_at
            ]
            row.description = " ".join([*opening, row.description or ""]).strip()[:300] or None
            used = [*used, *head_at]
        if row.sku is None or row.buyer_sku is None:
            codes_under, codes_at = _item_codes_under(lines, pos, end)
            row.buyer_sku = row.buyer_sku or codes_under.get("col_buyer_sku")
            row.sku = row.sku or codes_under.get("col_sku")
            used = [*used, *codes_at]
        if row.description is None and row.sku is None and row.quantity is None and row.unit_price is None:
            continue  # an amount and a rate alone: a tax summary's row ("998596  1,11,665.00  18%  20,099.70")
        others = sorted(set(used) - {pos})
        result.append(TableRow(row, (lines[pos], *(lines[at] for at in others))))
    return result


BAND_OVERLAP = 0.2
"""The share of a line's height by which two lines of words overlap on the page when they belong to one row
(rows never overlap): a cell centred on a row of two-line cells sits half a line lower than their first."""


class _RowAlone:
    """A table line read as a row on its own (`_read_row`, no totals word), read once however many of
    `_recover_rows`'s tests ask for it: the group's trial, `_band`'s test of the line alone, the row
    itself. Only the line it was made for is answered from it; another (what is left of the line once a
    row beside it took its amount) is read afresh."""

    __slots__ = ("_columns", "_decimal_hint", "_line", "_read")

    def __init__(self, line: Line, columns: Sequence[Column], decimal_hint: str | None) -> None:
        self._line, self._columns, self._decimal_hint = line, columns, decimal_hint
        self._read: list[InvoiceLineExtraction | None] = []

    def row(self, line: Line) -> InvoiceLineExtraction | None:
        if line is not self._line:
            return _read_row(line, self._columns, self._decimal_hint)
        if not self._read:
            self._read.append(_read_row(line, self._columns, self._decimal_hint))
        return self._read[0]


def _band(
    lines: Sequence[Line],
    pos: int,
    columns: Sequence[Column],
    decimal_hint: str | None,
    alone_row: _RowAlone | None = None,
    boxes: dict[int, list[float] | None] | None = None,
) -> tuple[InvoiceLineExtraction, int] | None:
    """A row whose cells stand on lines of their own: a narrow column wraps a description, or an amount and
    its currency code ("2931,40" / "PLN"), and the row's other cells are set at its top, middle or bottom,
    so its quantity, price and amount stand on different lines. Read as one row, each column's words in the
    order printed: the fewest lines from ``pos`` down that give a row whose quantity times price is its
    amount (or a figure of it: the net beside a gross amount), with the lines under them that overlap them
    on the page; the row and its last line. Only where ``pos``'s line alone is no such row, and where the
    page shows the lines belong together: each overlaps the one above it (a cell centred on a row of
    two-line cells sits half a line lower than their first; rows never overlap), or the gaps above and
    under them are wider than those between them (a row's padding, its rule)."""
    line = lines[pos]
    if boxes is None:
        boxes = {}

    def box_at(at: int) -> list[float] | None:
        """The page box of ``lines[at]``'s words, read once per line (the bands tried from the lines above
        it read it too)."""
        if at not in boxes:
            boxes[at] = span_box(lines[at])
        return boxes[at]

    box = box_at(pos) if line.words and not line.ocr else None
    if box is None:
        return None
    alone = alone_row.row(line) if alone_row is not None else _read_row(line, columns, decimal_hint)
    if (
        alone is not None
        and alone.quantity is not None
        and alone.unit_price is not None
        and alone.amount is not None
    ) and (not _inconsistent(alone) or not _inconsistent(alone.model_copy(update={"amount": -alone.amount}))):
        return None  # (a credit note's row, its amount negative, is whole too)
    band, gaps, heights = [line], [], [box[3] - box[1]]
    bottom = box[3]
    for at, other in enumerate(lines[pos + 1 : pos + BAND_LINES], start=pos + 1):
        other_box = box_at(at) if other.page == line.page and not other.ocr else None
        if other_box is None:
            break
        gaps.append(other_box[1] - bottom)
        heights.append(other_box[3] - other_box[1])
        if (
            gaps[-1] > BAND_GAP * min(heights[-2:])
            or header_columns(other) is not None
            or _is_stop(other, columns)
        ):
            break
        band.append(other)
        bottom = max(bottom, other_box[3])
    above = box_at(pos - 1) if pos and lines[pos - 1].page == line.page else None
    gap_above = box[1] - above[3] if above is not None else None
    height = sorted(heights)[len(heights) // 2]
    for size in range(2, len(band) + 1):
        inner = gaps[: size - 1]
        overlapping = all(gap < -BAND_OVERLAP * height for gap in inner)
        if not overlapping:
            wide = max(inner) + max(CELL_GAP_MIN, CELL_GAP_SHARE * height)
            gap_below = gaps[size - 1] if size - 1 < len(gaps) else None
            if (gap_above is not None and gap_above < wide) or (gap_below is not None and gap_below < wide):
                continue
        if _stacked_figures(band[:size], columns):
            return None  # two rows' figures under one column: lines of several rows, no row of several lines
        joined = _band_line(band[:size], columns)
        row = _read_row(joined, columns, decimal_hint)
        if row is None or row.quantity is None or row.unit_price is None:
            continue
        if _inconsistent(row):
            # net, tax and gross side by side, the row's amount the gross: quantity times price is its net
            net = row.quantity * row.unit_price
            figures = [v for cell in joined.cells for v in _numbers(cell, decimal_hint)]
            if not any(
                abs(net - v) <= Decimal("0.011") * max(Decimal(1), abs(row.quantity)) for v in figures
            ):
                continue
        extended = size
        while extended < len(band) and gaps[extended - 1] < -BAND_OVERLAP * height:
            extended += 1  # (the lines under it that overlap it: the rest of its cells)
        if extended > size:
            more = _read_row(_band_line(band[:extended], columns), columns, decimal_hint)
            if more is not None and (more.quantity, more.unit_price, more.amount) == (
                row.quantity,
                row.unit_price,
                row.amount,
            ):
                return more, pos + extended - 1
        return row, pos + size - 1
    return None


def _stacked_figures(band: Sequence[Line], columns: Sequence[Column]) -> bool:
    """Whether two of the lines hold a figure under one column of figures (a row prints one quantity, one
    price, one amount; a tax rate may stand under the tax amount's header)."""
    seen: set[int] = set()
    for line in band:
        here = {
            id(column)
            for cell in _cells_by_column(line, columns)
            if _DIGIT_RE.search(cell.text)
            and not _TAX_RATE_RE.match(cell.text.strip())
            and (column := _nearest_column(columns, cell.start, cell.end)).kind not in _TEXT_KINDS
        }
        if here & seen:
            return True
        seen |= here
    return False


BAND_LINES = 6
"""Lines at most of one row read together (`_band`)."""
BAND_GAP = 0.5
"""The share of a line's height two lines of one row may stand apart (`_band`)."""


def _band_line(band: Sequence[Line], columns: Sequence[Column]) -> Line:
    """The lines of one row as one line: the cells of different lines that stand over one another under
    one column (or words alone, a name's lines the grid set a little apart) joined, top to bottom, into one
    cell spanning them."""
    groups: list[list[tuple[int, Cell, Column]]] = []
    for n, line in enumerate(band):
        for cell in _cells_by_column(line, columns):
            column = _nearest_column(columns, cell.start, cell.end)
            group = next(
                (
                    g
                    for g in groups
                    if any(
                        m != n
                        and other.start < cell.end
                        and cell.start < other.end
                        and (column is kind or not _DIGIT_RE.search(cell.text + other.text))
                        for m, other, kind in g
                    )
                ),
                None,
            )
            if group is None:
                groups.append([(n, cell, column)])
            else:
                group.append((n, cell, column))
    cells = [
        Cell(
            min(cell.start for _, cell, _ in group),
            max(cell.end for _, cell, _ in group),
            " ".join(cell.text for _, cell, _ in group),
        )
        for group in groups
    ]
    cells.sort(key=lambda cell: cell.start)
    first = band[0]
    starts = Counter(w.start for line in band for w in line.words)
    # (a word's span is a place on its own line: where two lines have a word at one place, neither is kept)
    words = tuple(w for line in band for w in line.words if starts[w.start] == 1)
    return Line(first.page, first.index, first.text, cells, words)


def _cells_between_rows(
    lines: Sequence[Line],
    found: Sequence[tuple[InvoiceLineExtraction, int, list[Column]]],
    header_starts: dict[int, int],
    bands: dict[int, int],
) -> dict[int, int]:
    """Where the lines of words between two rows' figures part (per row read, by its number: the first
    line that is its own): a table whose cells are set at the bottom or in the middle of their rows prints
    a row's description, or its first lines, above the line of its figures, and the lines between two
    rows' figures are the end of the one and the start of the other. The page shows where they part: the
    widest gap between those lines (a row's padding, its rule) against the lines of one cell, set one
    under the other. Only where the gap stands out (a table set line under line, rows as close as the
    lines of a cell, shows nothing: its lines stay the row's above) and every line between holds words
    alone, under the description column."""
    cuts: dict[int, int] = {}
    for number in range(len(found)):
        below, columns = found[number][1], found[number][2]
        if number and found[number - 1][2] is columns:
            above = bands.get(found[number - 1][1], found[number - 1][1])
        else:
            # the first row: the header's line above it (a short first line of the description under it
            # may have been read as the header's second line)
            above = header_starts.get(id(columns), below)
        if below - above < 2 or lines[above].page != lines[below].page:
            continue
        if not all(_words_in_description(lines[at], columns) for at in range(above + 1, below)):
            continue
        boxes = [span_box(lines[at]) for at in range(above, below + 1)]
        if any(box is None for box in boxes):
            continue
        tops = [box[1] for box in boxes if box is not None]
        bottoms = [box[3] for box in boxes if box is not None]
        gaps = [tops[n + 1] - bottoms[n] for n in range(len(boxes) - 1)]
        heights = sorted(b - t for t, b in zip(tops, bottoms, strict=True))
        widest = max(range(len(gaps)), key=gaps.__getitem__)
        others = [gap for n, gap in enumerate(gaps) if n != widest]
        if gaps[widest] >= max(others) + max(CELL_GAP_MIN, CELL_GAP_SHARE * heights[len(heights) // 2]):
            cuts[number] = above + 1 + widest
    return cuts


CELL_GAP_MIN = 1.5
"""Points by which the gap between two rows must exceed every gap between the lines of one cell."""
CELL_GAP_SHARE = 0.15
"""... and by this share of a line's height."""


def _words_in_description(line: Line, columns: Sequence[Column]) -> bool:
    """A line of words under the description column alone (a currency code wrapped under a figure aside): no
    figure, no label closing on a colon."""
    cells = _without_wrapped_currency(line, columns)
    if not cells or line.ocr:
        return False
    if any(_nearest_column(columns, c.start, c.end).kind != "col_description" for c in cells):
        return False
    text = " ".join(c.text for c in cells)
    return not text.rstrip().endswith(":") and parse_number(text.strip()) is None


_ITEM_CODE_KINDS = ("col_buyer_sku", "col_sku")
"""The buyer's item number first: its labels hold the seller's ("Jeres varenr.", "Réf. client")."""
ITEM_CODE_MAX_WORDS = 3


def _item_codes_under(lines: Sequence[Line], pos: int, end: int) -> tuple[dict[str, str], list[int]]:
    """Item numbers printed under a row on lines of their own, each opening with an item-number
    column label of a locale pack ("Jeres varenr. A16337", "Réf. client 103-3966", "Varenummer
    MAT-026644", "Your item no.: 4711"): {column kind: code} and the positions of those lines. A
    value is a code: a few words, one of them with a digit."""
    found: dict[str, str] = {}
    used: list[int] = []
    row = lines[pos]
    for at in range(pos + 1, min(end, pos + 5, len(lines))):
        other = lines[at]
        if other.page != row.page:
            break
        text = other.text.strip()
        label = item_code_label(text)
        if label is None:
            continue
        kind, value = label
        words = value.split()
        if 0 < len(words) <= ITEM_CODE_MAX_WORDS and any(ch.isdigit() for ch in value):
            found.setdefault(kind, value)
            used.append(at)
    return found, used


def item_code_label(text: str) -> tuple[str, str] | None:
    """(column kind, the rest of the line) when `text` opens with an item-number label."""
    text = text.strip()
    for kind in _ITEM_CODE_KINDS:
        hits = find_labels(kind, text)
        if hits and hits[0].start == 0:
            return kind, text[hits[0].end :].strip(" :#.-–")
    return None
