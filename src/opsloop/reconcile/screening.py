"""Screening a document's own text, which is untrusted: instruction-like text, bank-change announcements
and every IBAN it prints (checksum-valid ones only), wherever they stand — page text, e-invoice notes,
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
    ibans: list[str] = field(default_factory=list)
    """Checksum-valid IBANs printed anywhere, normalised, in order of appearance."""


def ibans_in(text: str) -> list[str]:
    """Every checksum-valid IBAN in `text` (spaces inside allowed), normalised, without repeats. Random
    digits, order numbers and VAT ids do not pass the checksum and the country's length."""
    upper = text.upper()
    found: dict[str, None] = {}
    for start in _IBAN_START.finditer(upper):
        body = _IBAN_BODY.match(upper, start.end())
        if body is None:
            continue
        compact = (start.group(0) + body.group(0)).replace(" ", "")[:IBAN_MAX]
        # the longest prefix that is a valid IBAN: text may run on after it ("... 3000 BIC COBADEFF")
        for end in range(len(compact), IBAN_MIN - 1, -1):
            candidate = compact[:end]
            if stdnum_iban.is_valid(candidate):
                found.setdefault(candidate, None)
                break
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


def _screen_piece(text: str) -> tuple[tuple[TextHit, ...], tuple[str, ...]]:
    return tuple(instruction_lexicon().find(text)), tuple(ibans_in(text))


_screen_cached = lru_cache(maxsize=65536)(_screen_piece)


def screen(texts: Iterable[str]) -> Screening:
    """Instruction-like text, bank-change announcements and IBANs in `texts`, each piece on its own
    (short pieces such as line descriptions and names are remembered: they repeat from invoice to
    invoice)."""
    result = Screening()
    ibans: dict[str, None] = {}
    for text in texts:
        hits, found = _screen_cached(text) if len(text) <= CACHED_PIECE else _screen_piece(text)
        if hits:
            for hit in hits:
                (result.instructions if hit.category == "instruction" else result.bank_changes).append(hit)
        if found:
            ibans.update(dict.fromkeys(found))
    if ibans:
        result.ibans = list(ibans)
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
