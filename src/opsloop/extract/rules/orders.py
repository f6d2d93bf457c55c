"""Purchase order numbers as invoices print them: under their labels in any language the lexicons know,
grouped with spaces ("4700 020 141"), with an ERP item suffix ("4700020145/00010"), several under one
label ("4500012345, 4500012346", or one under the other).

A PO label names the value right of it, or the one under it. A weak label ("Ref.") counts only where
no PO label gave a number, above the line items (under an item it is that item's reference), once
on the page, and only for a plain number of six digits or more.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from opsloop.extract.rules.layout import Line, cell_at, cell_holding
from opsloop.extract.rules.lexicon import LabelHit, find_labels
from opsloop.extract.rules.parties import postcode_and_town

ADDRESS_COLUMN_GAP = 20
"""From this many spaces a label's right-hand text stands in another column; a postcode and town there
(a block beside the label's column) is that block's line, no value of the label."""
INTERLEAVED = 2
"""Lines of another column (nothing under the label's) passed over between a label and the value under it."""
WEAK_MIN_DIGITS = 6
"""A weak label's value is a PO number only as a plain number this long or longer."""
_LEADING = re.compile(
    r"^[\s:.#\-–°º]*(?:(?:n\.?[°º]|n[°ºo.]|nr|no|num(?:ber|mer|éro|ero)?|č|#)\.?(?=[\s:.#\d])[\s:.#]*)?", re.I
)
"""What stands between a label and its value: punctuation, a number sign ("n°", "n.º", "Nr.", "No.",
"č.")."""
_SEPARATOR = re.compile(r"^(?:[,;&+]|/|and|und|et|en|y|e|i|og|och|a|u\.)$", re.I)
"""Between two PO numbers of a list: a comma, a slash set apart, "and" in the languages read."""
_TOKEN = re.compile(r"[,;](?=\s|$)|[&+]|(?:[^\s,;&+]|[,;](?!\s|$))+")
"""A separator, or a word (a comma inside a word, "100,0000", keeps it one word)."""
_GROUPED = re.compile(r"\d{1,4}")
_GROUP = re.compile(r"\d{3}")
_ITEM_SUFFIX = re.compile(r"^(\d{6,})/0\d{3,5}$")
"""An ERP order number with its item (line) number: "4700020145/00010" is order 4700020145."""
_DATE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\.?$")
_AMOUNT = re.compile(r"^-?[\d.,' ]*\d[.,]\d{2}$|%")
_PRINTED_PREFIX = re.compile(r"^[A-Z]{1,5}$")
"""A short capital prefix printed before the number, kept as printed ("PO 4711")."""
_NUMBER_WORDS = frozenset(
    {"n", "no", "nr", "n°", "nº", "n.º", "n.°", "č", "num", "number", "nummer", "numéro", "numero", "#"}
)


def find_po_numbers(
    lines: Sequence[Line], *, items_from: int | None = None, item_codes: Collection[int] = ()
) -> list[tuple[str, Line]]:
    """Every PO number the document prints, in order, each with the line it was read from.
    ``items_from``: the index of the first line-item line (a weak label under it is no PO label);
    ``item_codes``: the lines under item rows that give an item's number after its label ("Su ref.:
    107-1764" names the buyer's item, though "Su referencia" in the header names the order)."""
    skip = set(item_codes)
    found = _labelled([line for line in lines if line.index not in skip], "po_number", weak=False)
    if found:
        return found
    head = lines[:items_from] if items_from is not None else lines
    weak = _labelled(head, "po_reference", weak=True)
    return weak if len(weak) == 1 else []


def _labelled(lines: Sequence[Line], kind: str, *, weak: bool) -> list[tuple[str, Line]]:
    found: list[tuple[str, Line]] = []
    seen: set[str] = set()

    def keep(values: list[str], line: Line) -> None:
        for value in values:
            if weak and not (value.isdigit() and len(value) >= WEAK_MIN_DIGITS):
                continue
            if value not in seen:
                seen.add(value)
                found.append((value, line))

    for pos, line in enumerate(lines):
        hits = find_labels(kind, line.text)
        if not hits and pos + 1 < len(lines):
            keep(_beside_wrapped_label(line, lines[pos + 1], kind), line)
        for hit in hits:
            right, start = _right_of(line, hit)
            values = po_values(right) if right else []
            if values:
                keep(values, line)
                # more numbers of the list, one under the other, where the first one starts
                for text, below in _under(lines, pos, start, start + len(right), clear=hit.start):
                    keep(po_values(text), below)
                continue
            for text, below in _under(lines, pos, hit.start - 1, hit.end + 1):
                keep(po_values(text), below)
    return found


WRAP_SLACK = 2
"""Columns a wrapped label's second piece may open off its first piece's start."""


def _beside_wrapped_label(line: Line, below: Line, kind: str) -> list[str]:
    """The PO numbers right of a label its narrow column wrapped ("Sipariş  PO-33355" over "Numarası:",
    "Order  4711" over "number"): a cell of words and the cell under it at its column read as one label
    that needs the second piece's words; the value stands right of either piece."""
    if below.page != line.page:
        return []
    for cell in line.cells[:-1]:
        if any(map(str.isdigit, cell.text)) or find_labels(kind, cell.text):
            continue
        under = next((c for c in below.cells if abs(c.start - cell.start) <= WRAP_SLACK), None)
        if under is None or any(map(str.isdigit, under.text)):
            continue
        joined = f"{cell.text} {under.text}"
        if not any(h.start == 0 and h.end > len(cell.text) for h in find_labels(kind, joined)):
            continue
        for row, label in ((line, cell), (below, under)):
            value = next((c for c in row.cells if c.start > label.end), None)
            values = po_values(value.text) if value is not None else []
            if values:
                return values
    return []


def _right_of(line: Line, hit: LabelHit) -> tuple[str, int]:
    """The value right of a label, in its cell or the next one: (text, where it starts)."""
    own = cell_holding(line, hit.start)
    if own is not None and own.text.rstrip().endswith(":") and not any(c.isdigit() for c in own.text):
        # a form's row: the label's cell, a qualifier and its colon ("Bestellung Nr. Kunde:"), then the
        # value alone in the values' column, however far right
        value = next((c for c in line.cells if c.start > own.start), None)
        if value is not None and not value.text.rstrip().endswith(":"):
            return value.text, value.start
    rest = line.text[hit.end :]
    lead = _LEADING.match(rest)
    skip = lead.end() if lead else 0
    gap = len(rest[skip:]) - len(rest[skip:].lstrip())
    if gap >= 40:
        return "", hit.end
    start = hit.end + skip + gap
    cell = re.split(r"\s{3,}", line.text[start:])[0]
    # the spaces between the label's last letter and the value (the label's pattern may take some)
    spaces = max(
        map(len, re.findall(r"\s+", line.text[hit.start + len(hit.text.rstrip()) : start])), default=0
    )
    if spaces >= ADDRESS_COLUMN_GAP and postcode_and_town(cell):
        return "", hit.end  # a postcode and town a column away ("35100 Padova"): another block's line
    return cell, start


def _under(
    lines: Sequence[Line], pos: int, start: int, end: int, *, clear: int | None = None
) -> list[tuple[str, Line]]:
    """The cells under the column [start, end) on the lines following ``pos``, as long as each holds
    PO numbers and nothing else; with ``clear``, as long as nothing stands between that column and
    ``start`` either (the next line of a list, not another label's value). Without ``clear``, up to
    `INTERLEAVED` lines with nothing under the column (another column's lines) are passed over before
    the value."""
    found: list[tuple[str, Line]] = []
    passed = 0
    for below in lines[pos + 1 : pos + 6]:
        if below.page != lines[pos].page:
            break
        cell = cell_at(below, start, end)
        if cell is None and clear is None and not found and passed < INTERLEAVED and below.cells:
            # nothing under the label's column: another column's line (the address beside a box of facts)
            # the page set between the label and its value
            passed += 1
            continue
        if (
            cell is not None
            and clear is None
            and not found
            and cell.start < start - 1
            and not _only_numbers(cell.text)
        ):
            continue  # a column left of the label's spills its text under it ("Terms" wrapping a sentence)
        if cell is None or not _only_numbers(cell.text):
            break
        if clear is not None and any(c.end > clear and c.start < cell.start for c in below.cells):
            break
        found.append((cell.text, below))
    return found


def _only_numbers(text: str) -> bool:
    tokens = _tokens(text)
    return bool(tokens) and all(_SEPARATOR.match(t) or _po_like(t) for t in tokens)


def _tokens(text: str) -> list[str]:
    """Words and separators, digit groups of one number joined ("4700 020 141": 4700020141)."""
    raw = _TOKEN.findall(text)
    tokens: list[str] = []
    at = 0
    while at < len(raw):
        token = raw[at]
        if _GROUPED.fullmatch(token):
            end = at + 1
            while end < len(raw) and _GROUP.fullmatch(raw[end]):
                end += 1
            if end - at >= 2:
                tokens.append("".join(raw[at:end]))
                at = end
                continue
        tokens.append(token.rstrip(".:") if not _DATE.match(token) else token)
        at += 1
    return [t for t in tokens if t]


def _po_like(token: str) -> bool:
    return (
        3 <= len(token) <= 40
        and any(c.isdigit() for c in token)
        and re.fullmatch(r"[\w\-/.]+", token) is not None
        and not _DATE.match(token)
        and not _AMOUNT.search(token)
    )


def po_values(text: str) -> list[str]:
    """The PO numbers a value text holds, left to right: numbers grouped with spaces joined, an ERP
    item suffix cut off, a list read to its end; the first word that is no number ends it ("of
    12.03.2026", a date, an amount)."""
    tokens = _tokens(text)
    values: list[str] = []
    prefix: str | None = None
    for token in tokens:
        if _SEPARATOR.match(token) and values:
            continue
        if token.lower().rstrip(".:") in _NUMBER_WORDS:
            continue
        if not values and prefix is None and _PRINTED_PREFIX.match(token):
            prefix = token  # "PO 4711": kept as printed
            continue
        if not _po_like(token):
            break
        item = _ITEM_SUFFIX.match(token)
        value = item.group(1) if item else token
        values.append(f"{prefix} {value}" if prefix and not values else value)
    return values
