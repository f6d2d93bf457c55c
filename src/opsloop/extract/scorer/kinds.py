"""The kind of evidence the hand rules read a field from, for the fields the learned scorer does not
choose (VAT id, IBAN, buyer, PO numbers, subtotal, tax, amount due, document type): a short key that the
field model's evidence table maps to the probability that the value is right.

A kind names no vendor, no value and no document's wording: the confidence class the rules gave the
reading (a labelled value, a fallback, a balanced sum), then a few robust agreements — the sum
subtotal + tax against the total, the item rows' sum against a printed total, an amount due below the
total against a deduction printed, the VAT id's country against the IBAN's, a label over the value,
how many values of the kind the page prints (the seller's and the buyer's VAT ids both printed). Parts go from coarse to fine; the table falls back to a coarser key
where a fine one was seen too rarely to be trusted.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal

from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.layout import Line
from opsloop.extract.rules.lexicon import find_labels
from opsloop.extract.rules.numbers import find_amounts, infer_decimal_separator
from opsloop.extract.rules.parties import Found, address_like, find_ibans, find_vat_ids
from opsloop.extract.rules.totals import MAX_TAX_SHARE

RULE_FIELDS: tuple[str, ...] = (
    "subtotal",
    "tax_total",
    "amount_due",
    "buyer.name",
    "po_numbers",
    "document_type",
    "vendor.vat_id",
    "vendor.iban",
    "vendor.address",
    "lines",
)
"""Fields the hand rules alone read: their confidence is the evidence table's probability. ``lines``:
that every row of the item table is read (each row's evidence gets the same probability)."""
CENT = Decimal("0.01")
MAX_RATE = MAX_TAX_SHARE
"""The highest tax rate a subtotal's tax is read as plausible at."""
BLOCK_LINES = 6
"""A party's address block: this many lines under its name ..."""
BLOCK_COLUMNS = 12
"""... starting within this many characters of its column."""
_COUNTRY_ALIASES = {"EL": "GR"}
"""A VAT id's prefix that is not its country's ISO code (Greece's VAT ids read EL)."""


def _country(value: str | None) -> str | None:
    text = (value or "").replace(" ", "").upper()
    if len(text) < 2 or not text[:2].isalpha():
        return None
    return _COUNTRY_ALIASES.get(text[:2], text[:2])


def _countries_agree(own: str | None, other: str | None) -> str:
    """How a VAT id and an IBAN of the same party agree: both name the same country, not, the other
    is absent, or this one names none (a national number without a prefix)."""
    mine = _country(own)
    if mine is None:
        return "bare"
    if not other:
        return "alone"
    return "agree" if _country(other) == mine else "differ"


def _how_many(values: set[str]) -> str:
    """How many distinct values of the field's kind the page prints (the rules chose among them):
    with the seller's and the buyer's both printed, the choice can go wrong."""
    return "one" if len(values) <= 1 else "two" if len(values) == 2 else "many"


def _line_of(lines: Sequence[Line], text: str | None, page: int | None) -> int | None:
    if not text:
        return None
    for index, line in enumerate(lines):
        if line.text == text and (page is None or line.page == page):
            return index
    return None


def _labelled(lines: Sequence[Line], at: int | None, kind: str, above: int) -> bool:
    """Whether a ``kind`` label stands on the value's line or within ``above`` lines over it."""
    if at is None:
        return False
    return any(find_labels(kind, line.text) for line in lines[max(0, at - above) : at + 1])


def _tax_rate(result: InvoiceExtraction) -> str:
    """Whether tax / subtotal is a rate a tax can have (above 0, at most 30 %): net and tax read the
    other way round, or a line amount read as either, give another."""
    sub, tax = result.subtotal, result.tax_total
    if sub is None or tax is None or not sub:
        return "rate_unknown"
    return "rate_ok" if 0 <= abs(tax) / abs(sub) <= MAX_RATE else "rate_odd"


def _cell(lines: Sequence[Line], text: str | None, page: int | None) -> tuple[int, int] | None:
    """(line index, column) of the first line on ``page`` that prints ``text``."""
    if not text:
        return None
    for index, line in enumerate(lines):
        if page is not None and line.page != page:
            continue
        at = line.text.find(text)
        if at >= 0:
            return index, at
    return None


def _under(cell: tuple[int, int] | None, anchor: tuple[int, int] | None) -> bool:
    """Whether ``cell`` stands in the block under ``anchor`` (a party's name): a few lines below it,
    in its column."""
    if cell is None or anchor is None:
        return False
    return 0 < cell[0] - anchor[0] <= BLOCK_LINES and abs(cell[1] - anchor[1]) <= BLOCK_COLUMNS


def _block(lines: Sequence[Line], text: str | None, page: int | None, result: InvoiceExtraction) -> str:
    """Whose address block a VAT id is printed in, as the rules read the parties: under the buyer's
    name, under the vendor's, or neither."""
    cell = _cell(lines, text, page)
    buyer = result.fields.get("buyer.name")
    vendor = result.fields.get("vendor.name")
    if buyer is not None and result.buyer.name and buyer.confidence > 0:
        anchor = _cell(lines, buyer.text, buyer.page)
        if anchor is not None and _under(
            cell, (anchor[0], max(lines[anchor[0]].text.find(result.buyer.name), 0))
        ):
            return "buyer_block"
    if vendor is not None and result.vendor.name and vendor.confidence > 0:
        anchor = _cell(lines, vendor.text, vendor.page)
        if anchor is not None and _under(
            cell, (anchor[0], max(lines[anchor[0]].text.find(result.vendor.name), 0))
        ):
            return "vendor_block"
    return "elsewhere"


def _addressed(lines: Sequence[Line], name: str | None, page: int | None) -> str:
    """Whether a line of a postal address (a street, a postcode and town) stands in the block under a
    party's name, in its column: ``addressed``; a name with no address under it (a word of a heading,
    a contact's name, a line of the seller's block) ``bare``."""
    anchor = _cell(lines, name, page)
    if anchor is None:
        return "bare"
    for line in lines[anchor[0] + 1 : anchor[0] + 1 + BLOCK_LINES]:
        if line.page != lines[anchor[0]].page:
            break
        if any(
            abs(c.start - anchor[1]) <= BLOCK_COLUMNS and address_like(c.text.strip()) for c in line.cells
        ):
            return "addressed"
    return "bare"


def _words(text: str | None) -> set[str]:
    return {word for word in re.findall(r"[^\W\d_]{2,}", (text or "").casefold())}


def _loose_text(result: InvoiceExtraction, lines: Sequence[Line]) -> str:
    """Whether a line of words stands between two item rows that the upper row's description does not
    hold (a description wrapped onto a line its row did not take): ``loose``; else ``tight``. The rows
    are found where their evidence says they start, in order."""
    starts: list[int] = []
    at = 0
    for number in range(len(result.lines)):
        evidence = result.fields.get(f"lines[{number}]")
        if evidence is None or not evidence.text:
            return "tight"
        text = evidence.text.strip()
        while at < len(lines) and (
            lines[at].text.strip() != text or (evidence.page is not None and lines[at].page != evidence.page)
        ):
            at += 1
        if at >= len(lines):
            return "tight"
        starts.append(at)
        at += 1
    for number, (start, end) in enumerate(itertools.pairwise(starts)):
        held = _words(result.lines[number].description)
        for line in lines[start + 1 : end]:
            words = _words(line.text)
            if words and not words <= held:
                return "loose"
    return "tight"


def _sum_agrees(result: InvoiceExtraction) -> str:
    """Whether subtotal + tax is the total (magnitudes: a credit note may print either sign)."""
    sub, tax, total = result.subtotal, result.tax_total, result.total
    if sub is None or tax is None or total is None:
        return "partial"
    return "adds" if abs(abs(sub) + abs(tax) - abs(total)) <= CENT else "apart"


def _last_row(result: InvoiceExtraction, lines: Sequence[Line]) -> int | None:
    """The index of the line the item table's last row starts on (where its evidence says), or None."""
    evidence = result.fields.get(f"lines[{len(result.lines) - 1}]") if result.lines else None
    if evidence is None or not evidence.text:
        return None
    text = evidence.text.strip()
    found = None
    for index, line in enumerate(lines):
        if line.text.strip() == text and (evidence.page is None or line.page == evidence.page):
            found = index
    return found


def _rows_add_up(result: InvoiceExtraction, lines: Sequence[Line]) -> str:
    """Whether the item table's rows add up to a total the page prints: every row has an amount and
    their sum (with the document's own allowances and charges, or without) is the subtotal, the total
    or the total less the tax (a table with no subtotal printed, or one whose subtotal was not read):
    ``adds``; the sum differs from one of them by an amount a line under the rows prints alone (a
    freight charge, a discount the reading did not take as one): ``adjusted``; some sum but none of
    these: ``apart``; rows without an amount or no total read: ``unknown``. Two independent readings
    (the rows, the totals' block) that agree are rarely both wrong."""
    amounts = [line.amount for line in result.lines]
    if not amounts or any(amount is None for amount in amounts):
        return "unknown"
    rows = sum((amount for amount in amounts if amount is not None), Decimal(0))
    extra = Decimal(0)
    for charge in result.charges:
        if charge.line is None and charge.amount is not None:
            extra += charge.amount if charge.kind == "charge" else -charge.amount
    sub, tax, total = result.subtotal, result.tax_total, result.total
    targets = [abs(v) for v in (sub, total) if v is not None]
    if total is not None and tax is not None:
        targets.append(abs(total) - abs(tax))
    if not targets:
        return "unknown"
    sums = {abs(rows), abs(rows + extra)}
    if any(abs(s - t) <= CENT for s in sums for t in targets):
        return "adds"
    last = _last_row(result, lines)
    if last is None:
        return "apart"
    gaps = {abs(s - t) for s in sums for t in targets}
    hint = infer_decimal_separator("\n".join(line.text for line in lines))
    for line in lines[last + 1 :]:
        found = [a for a in find_amounts(line.text, decimal_hint=hint) if a.decimals]
        if len(found) == 1 and any(abs(abs(found[0].value) - gap) <= CENT for gap in gaps):
            return "adjusted"
    return "apart"


def _deduction(result: InvoiceExtraction, lines: Sequence[Line]) -> str:
    """How an amount due that is not the total is explained: the difference (a deposit paid, a tax
    withheld) printed on the page as an amount of its own: ``deducted``; not printed: ``unexplained``;
    an amount due that is the total (or a reading missing): ``none``. A due figure that the total less
    a printed deduction gives is two readings that agree."""
    due, total = result.amount_due, result.total
    if due is None or total is None or abs(due) == abs(total):
        return "none"
    gap = abs(abs(total) - abs(due))
    hint = infer_decimal_separator("\n".join(line.text for line in lines))
    for line in lines:
        if any(abs(abs(a.value) - gap) <= CENT for a in find_amounts(line.text, decimal_hint=hint)):
            return "deducted"
    return "unexplained"


MINUS_SIGNS = ("-", "\u2212")
"""A figure printed with a minus sign (a bracketed figure is as often a cash discount's amount in a
payment sentence, "(€ 534,73)", as a deduction)."""


def _settlement(result: InvoiceExtraction, lines: Sequence[Line]) -> str:
    """What the page prints on the total's line and under it besides the readings (the total, the
    subtotal, the tax, the item rows' amounts) that tells of another sum to pay: a figure printed with
    a minus sign that no figure printed positive there cancels (a payment against a balance brought
    forward prints both), two figures each alone on its line or signed that together make the total (a part paid
    and the rest; a per-rate row's gross amounts stand several to a line), or a figure printed twice (an
    amount to pay named again on another line, in a payment sentence; not the halves of a tax split in two equal
    parts, as India's CGST and SGST): ``deduction``; a zero (nothing left to pay):
    ``zero``; the total's figure again on a later line (a paid line, a slip): ``repeat``; none of these:
    ``clear``. An amount due read as the total beside such figures is one reading against the page's
    others: on documents of a kind never trained on, a deduction or a payment no label named."""
    total = result.total
    if total is None or not total:
        return "clear"
    whole = abs(total)
    hint = infer_decimal_separator("\n".join(line.text for line in lines))
    read = {abs(v) for v in (result.subtotal, result.tax_total) if v is not None}
    read |= {abs(line.amount) for line in result.lines if line.amount is not None}
    start: int | None = None
    alone: list[Decimal] = []
    seen: dict[Decimal, set[int]] = defaultdict(set)
    """Each figure -> the lines printing it."""
    negative: set[Decimal] = set()
    zero = repeat = False
    for index, line in enumerate(lines):
        found = [a for a in find_amounts(line.text, decimal_hint=hint) if a.decimals]
        if start is None:
            at = next((a.end for a in found if abs(abs(a.value) - whole) <= CENT), None)
            if at is None:
                continue
            start = index
            # on the total's own line only what stands after its figure (a column table's allowance
            # left of it was taken off before the total)
            found = [a for a in found if a.start >= at]
        for amount in found:
            size = abs(amount.value)
            if abs(size - whole) <= CENT:
                repeat = repeat or index > start
                continue
            if size in read or size > whole:
                continue
            if not size:
                zero = True
                continue
            if amount.value < 0 and any(sign in amount.text for sign in MINUS_SIGNS):
                negative.add(size)
                alone.append(size)
            elif len(found) == 1:
                alone.append(size)
            seen[size].add(index)
    cancelled = {size for size in negative if len(seen[size]) > 1}
    if (
        negative - cancelled
        or any(whole - a in alone[i + 1 :] for i, a in enumerate(alone))
        or any(len(seen[size]) > 1 and 2 * size not in read for size in set(seen) - negative)
    ):
        return "deduction"
    return "zero" if zero else "repeat" if repeat else "clear"


def evidence_kind(
    name: str,
    result: InvoiceExtraction,
    lines: Sequence[Line],
    ids: tuple[Sequence[Found], Sequence[Found]] | None = None,
) -> str | None:
    """The evidence kind of the rules' reading of ``name`` (None where they read nothing). ``ids``:
    `find_ibans` of these lines and `find_vat_ids` of them, where the rules engine read them already
    (else read here)."""
    evidence = result.fields.get(name)
    if evidence is None or evidence.confidence <= 0:
        return None
    parts = [f"c{evidence.confidence:.2f}"]
    if name in ("subtotal", "tax_total"):
        parts.append(_tax_rate(result))
        parts.append(_sum_agrees(result))
    elif name == "amount_due":
        due, total = result.amount_due, result.total
        parts.append("total" if due is not None and total is not None and abs(due) == abs(total) else "own")
        parts.append(_sum_agrees(result))
        parts.append(_deduction(result, lines))
        # what the page prints on and under the total's line besides the readings: an amount due read
        # as the total beside a negative figure, two figures making up the total, a zero or the total
        # again (a payment the labels did not name) is less sure than one beside none of them
        parts.append(_settlement(result, lines))
    elif name == "vendor.vat_id":
        _, vat_ids = ids if ids is not None else _ids(lines)
        parts.append(_how_many({found.value for found in vat_ids}))
        parts.append(_block(lines, evidence.text, evidence.page, result))
        parts.append(_countries_agree(result.vendor.vat_id, result.vendor.iban))
    elif name == "vendor.iban":
        ibans = ids[0] if ids is not None else find_ibans(lines)
        parts.append(_how_many({found.value for found in ibans}))
        parts.append(_countries_agree(result.vendor.iban, result.vendor.vat_id))
    elif name == "buyer.name":
        # first whether an address stands under the name (a buyer's name heads its postal address on
        # every layout; a bare one is a heading's word, a contact or another block's line), then the
        # label; a legal form in the name as a third part fitted the training sources and transferred
        # worse to a source held out (worst held-out ECE 0.051 against 0.043)
        parts.append(_addressed(lines, result.buyer.name, evidence.page))
        at = _line_of(lines, evidence.text, evidence.page)
        parts.append("labelled" if _labelled(lines, at, "buyer_section", 2) else "unlabelled")
    elif name == "po_numbers":
        parts.append("one" if len(result.po_numbers) == 1 else "several")
        at = _line_of(lines, evidence.text, evidence.page)
        parts.append("labelled" if _labelled(lines, at, "po_number", 1) else "unlabelled")
    elif name == "lines":
        # beside the rules' confidence (the rows add up to the subtotal), whether they add up to any
        # total the page prints (a subtotal not read as theirs, a total with no subtotal printed) and
        # whether words stand between the rows unread: a finer table (how many rows, whether each row
        # multiplies out) fitted the training sources' layouts and transferred worse to a source held
        # out (evals/train_fields.py prints each held-out ECE)
        parts.append(_rows_add_up(result, lines))
        parts.append(_loose_text(result, lines))
    elif name == "document_type":
        parts.append(str(getattr(result.document_type, "value", result.document_type)))
    elif name == "vendor.address":
        # one line ("Avenue du Moulin 86, 6248 Charleroi") or a block's lines joined; with a postcode
        address = result.vendor.address or ""
        parts.append("postcode" if any(ch.isdigit() for ch in address) else "no_postcode")
    return "|".join(parts)


def _ids(lines: Sequence[Line]) -> tuple[list[Found], list[Found]]:
    ibans = find_ibans(lines)
    return ibans, find_vat_ids(lines, ibans)


def evidence_kinds(
    result: InvoiceExtraction,
    lines: Sequence[Line],
    names: Iterable[str] = RULE_FIELDS,
    ids: tuple[Sequence[Found], Sequence[Found]] | None = None,
) -> dict[str, str]:
    """The evidence kind of every rule field of ``names`` the rules read (``ids``: as `evidence_kind`
    takes them)."""
    kinds = {}
    for name in names:
        kind = evidence_kind(name, result, lines, ids)
        if kind is not None:
            kinds[name] = kind
    return kinds
