"""Screening a document's own text, which is untrusted: instruction-like text, bank-change and direct-debit
announcements and every IBAN it prints (checksum-valid ones only), wherever they stand — page text, e-invoice notes,
line descriptions, party names.

`document_text(parsed)` is the text a person reading the document would see (PDF pages, the text of an
embedded or standalone e-invoice without the buyer's own direct-debit account); `screen` finds what the
reconciler turns into checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from stdnum import iban as stdnum_iban

from opsloop.domain.documents import DocumentKind, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.errors import RejectedInput
from opsloop.reconcile.lexicons import TextHit, instruction_lexicon

_IBAN_START = re.compile(r"(?<![A-Z0-9])[A-Z]{2}[0-9]{2}(?=[ A-Z0-9])")
_IBAN_BODY = re.compile(r"(?: ?[A-Z0-9]){11,30}")
IBAN_MIN, IBAN_MAX = 15, 34


@dataclass(slots=True)
class Screening:
    instructions: list[TextHit] = field(default_factory=list)
    """Instruction-like phrases (approve, pay elsewhere, skip checks, set the total)."""
    bank_changes: list[TextHit] = field(default_factory=list)
    """Announcements of new bank details."""
    direct_debits: list[TextHit] = field(default_factory=list)
    """Announcements that the vendor collects the amount from our account (direct debit)."""
    ibans: list[str] = field(default_factory=list)
    """Checksum-valid IBANs printed anywhere, normalised, in order of appearance."""
    broken_ibans: list[str] = field(default_factory=list)
    """What follows an "IBAN" label but is no valid IBAN (cut by a line break, misprinted), normalised:
    a payment account that could not be read whole."""


def _longest_valid(compact: str) -> str | None:
    """The longest prefix of `compact` that is a valid IBAN: text may run on after one ("... 3000 BIC
    COBADEFF")."""
    for end in range(len(compact), IBAN_MIN - 1, -1):
        if stdnum_iban.is_valid(compact[:end]):
            return compact[:end]
    return None


_CELL_GAP = re.compile(r" {2,}")
_CONTINUATION = re.compile(r"[A-Z0-9]{1,8}(?: [A-Z0-9]{1,8}){0,3}")
_WRAP_SLACK = 2
"""Columns a wrapped cell's next line may start away from where the cell started."""


def _wrapped(upper: str, start: int, compact: str) -> str | None:
    """An IBAN whose end was wrapped onto the next line of its column (a narrow footer cell of laid-out
    text: "IBAN DE02 1994 3144 1585 1615" over "45"): the next line's text that starts where the IBAN's
    cell or the IBAN itself starts, joined to it, when the whole passes the checksum and the country's
    length (a random join does so about once in a hundred tries of the checksum alone, and the length
    rules out most of those)."""
    line_start = upper.rfind("\n", 0, start) + 1
    line_end = upper.find("\n", start)
    if line_end < 0:
        return None
    next_end = upper.find("\n", line_end + 1)
    below = upper[line_end + 1 : next_end if next_end >= 0 else len(upper)]
    before = upper[line_start:start]
    gaps = [m.end() for m in _CELL_GAP.finditer(before)]
    columns = {start - line_start, gaps[-1] if gaps else 0}
    for column in sorted(columns):
        for at in range(max(0, column - _WRAP_SLACK), column + _WRAP_SLACK + 1):
            if at >= len(below) or below[at] == " " or (at > 0 and below[at - 1] != " "):
                continue  # a piece of the line below must start here, after a gap or at the line's start
            piece = _CONTINUATION.match(below, at)
            if piece is None:
                continue
            joined = (compact + piece.group(0).replace(" ", ""))[:IBAN_MAX]
            whole = _longest_valid(joined)
            if whole is not None and len(whole) > len(compact):
                return whole
    return None


def ibans_in(text: str) -> list[str]:
    """Every checksum-valid IBAN in `text` (spaces inside allowed), normalised, without repeats — also
    one whose end a narrow column wrapped onto the next line. Random digits, order numbers and VAT ids
    do not pass the checksum and the country's length."""
    upper = text.upper()
    found: dict[str, None] = {}
    for start in _IBAN_START.finditer(upper):
        body = _IBAN_BODY.match(upper, start.end())
        if body is None:
            continue
        compact = (start.group(0) + body.group(0)).replace(" ", "")[:IBAN_MAX]
        valid = _longest_valid(compact) or _wrapped(upper, start.start(), compact)
        if valid is not None:
            found.setdefault(valid, None)
    return list(found)


_IBAN_LABELLED = re.compile(r"\bIBAN\b[\s:.]{0,4}(?=[A-Z]{2}[0-9]{2})")


def broken_ibans_in(text: str) -> list[str]:
    """What an "IBAN" label introduces when it is no checksum-valid IBAN ("IBAN FR70 3355 5415 1968 4989"
    with the rest on the next line): the account number as far as it could be read, normalised."""
    upper = text.upper()
    found: dict[str, None] = {}
    for label in _IBAN_LABELLED.finditer(upper):
        start = _IBAN_START.match(upper, label.end())
        body = _IBAN_BODY.match(upper, start.end()) if start is not None else None
        if start is None or body is None:
            continue
        compact = (start.group(0) + body.group(0)).replace(" ", "")[:IBAN_MAX]
        if _longest_valid(compact) is None and _wrapped(upper, start.start(), compact) is None:
            found.setdefault(compact, None)
    return list(found)


def extraction_texts(invoice: InvoiceExtraction) -> list[str]:
    """The free text inside an extraction: line descriptions, notes, allowance/charge reasons. (Names
    and addresses are in the document's text, which the pipeline screens whole.)"""
    texts = [line.description for line in invoice.lines if line.description]
    if invoice.notes:
        texts.extend(invoice.notes)
    if invoice.charges:
        texts.extend(c.reason for c in invoice.charges if c.reason)
    return texts


CACHED_PIECE = 500
"""Pieces of text up to this long (names, line descriptions, notes: they repeat) are screened once."""


def _screen_piece(text: str) -> tuple[tuple[TextHit, ...], tuple[str, ...], tuple[str, ...]]:
    return tuple(instruction_lexicon().find(text)), tuple(ibans_in(text)), tuple(broken_ibans_in(text))


_screen_cached = lru_cache(maxsize=8192)(_screen_piece)


def screen(texts: Iterable[str]) -> Screening:
    """Instruction-like text, bank-change announcements and IBANs in `texts`, each piece on its own
    (short pieces such as line descriptions and names are remembered: they repeat from invoice to
    invoice)."""
    result = Screening()
    ibans: dict[str, None] = {}
    broken: dict[str, None] = {}
    for text in texts:
        hits, found, cut = _screen_cached(text) if len(text) <= CACHED_PIECE else _screen_piece(text)
        for hit in hits:
            if hit.category == "instruction":
                result.instructions.append(hit)
            elif hit.category == "bank_change":
                result.bank_changes.append(hit)
            else:
                result.direct_debits.append(hit)
        if found:
            ibans.update(dict.fromkeys(found))
        if cut:
            broken.update(dict.fromkeys(cut))
    if ibans:
        result.ibans = list(ibans)
    if broken:
        result.broken_ibans = list(broken)
    return result


def document_text(parsed: ParsedDocument) -> str:
    """What a reader of the document sees: PDF page text and the text of any e-invoice it carries, or
    a standalone e-invoice's text; never the buyer's own (direct-debit) bank account elements."""
    from opsloop.extract.einvoice.xmltools import free_text, parse_xml

    parts: list[str] = []
    if parsed.kind is DocumentKind.PDF:
        parts.extend(page.text for page in parsed.pages)
        xmls = [e.content for e in parsed.embedded]
    else:
        xmls = [parsed.text] if parsed.text else []
    for xml in xmls:
        try:
            parts.append(free_text(parse_xml(xml)))
        except RejectedInput:
            parts.append(xml)  # not XML after all: screen it as it is
    return "\n".join(p for p in parts if p)
