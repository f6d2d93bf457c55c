"""Vendor and buyer: the sender block, VAT ids and IBANs (validated by checksum), known vendors."""

from __future__ import annotations

import dataclasses
import itertools
import operator
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from stdnum import iban as stdnum_iban
from stdnum.eu import vat as stdnum_vat
from stdnum.exceptions import InvalidChecksum, InvalidComponent, ValidationError

from opsloop.extract.rules.dates import dateline, find_dates
from opsloop.extract.rules.layout import Cell, Line, cell_at, cell_holding, margin_reference
from opsloop.extract.rules.lexicon import (
    CaselessPattern,
    LabelHit,
    find_labels,
    is_column_header,
    is_label_text,
    labels_of,
    word_entries,
    word_pattern,
    word_set,
)
from opsloop.extract.rules.lines import header_columns
from opsloop.extract.rules.numbers import find_amounts
from opsloop.extract.rules.tax_ids import find_tax_ids, find_tax_ids_under, may_label_an_id
from opsloop.ingest.layout import PlacedWord

_IBAN_RE = re.compile(r"[A-Z](?<![A-Z0-9][A-Z])[A-Z]\d{2}(?:\s?[A-Z0-9]{1,5}){3,9}")
r"""An IBAN as printed: ``(?<![A-Z0-9])[A-Z]{2}\d{2}...`` with the country's first letter matched first
and the lookbehind read after it (the regex engine then skips to the capitals of a line)."""
_VAT_RE = re.compile(r"[A-Z](?<![A-Za-z0-9][A-Z])[A-Z]\s?[0-9A-Z](?:[\s.-]?[0-9A-Z]){7,16}")
"""A VAT id as printed: two capitals (a country's prefix, Greece's EL among them) not after a letter
or digit, then its digits, grouped by spaces, dots or hyphens ("PL 871-343-59-24"); the first capital
matched before the lookbehind, as `_IBAN_RE`'s."""
LEGAL_FORMS = word_pattern("legal_forms")
"""Legal forms of every locale pack (GmbH, Ltd, B.V., S.r.l., Sdn Bhd, ...): they end a company name."""
LEADING_LEGAL_FORMS = word_pattern("leading_legal_forms")
"""Legal forms printed before the name (SIA "...", UAB ..., AS ..., AB ...): they open a company name."""


@lru_cache(maxsize=16384)
def legal_form(text: str) -> re.Match[str] | None:
    """The first legal form in ``text`` (``LEGAL_FORMS.search``), looked up once per text: a cell is
    asked for its legal form by several rules and features."""
    return LEGAL_FORMS.search(text)


@lru_cache(maxsize=16384)
def _without_legal_forms(text: str) -> str:
    """``text`` with each legal form replaced by a space (``LEGAL_FORMS.sub``), once per text."""
    return LEGAL_FORMS.sub(" ", text)


# (a CaselessPattern: its quick test, case-sensitive on the lower-cased text, turns most names away
# several times faster than the case-insensitive search; a match is the pattern's own)
_NOT_A_NAME = CaselessPattern(
    re.compile(
        r"@|www\.|https?:|©|\(c\)|\b(?:tel|fax|phone|iban|bic|swift|page|seite|invoice|rechnung|facture|factuur|datum|date|"
        r"gst|reg(?:istration)?\.?\s*no)\b",
        re.IGNORECASE,
    )
)


_TITLE_WORDS = frozenset({"invoice", "rechnung", "facture", "factuur", "datum", "date"})
"""`_NOT_A_NAME`'s words that a company's name closing with its legal form may hold ("Date & Fig Trading
Ltd", "Facture Express SAS")."""

_ADDRESS_RE = re.compile(
    r"(?:^|\s)(?:[A-Z]{1,2}[- ]?)?\d{4,5}\s+[A-ZÄÖÜ][\w-]+|"
    r"(?:stra(?:ss|ß)e|str\.|weg|gasse|allee|platz|street|road|avenue|ave\.|rue|laan|straat|via|calle)"
    r"\s*\d|^\d+[a-z]?[,\s]+[A-Za-zÀ-ÿ]",
    re.IGNORECASE,
)
"""A street with its number, or a postcode before a town."""
_DIGIT_RE = re.compile(r"\d")
"""Every alternative of the address pattern holds a digit: a text without one is not searched."""
_ADDRESS_WORD_RE = re.compile(
    r"^(?:" + "|".join(word_entries("address_openers")) + r")(?![\w])[\s.,:]*\S", re.IGNORECASE
)
"""A line that opens with an address word of a locale pack (lot, unit, suite, P.O. box, ...)."""
_UNIT_NUMBER_RE = re.compile(r"[^\W\d_]+\.?\s*\d+[A-Za-z]?\s*,")
"""An address word's number and a comma opening a text ("Unit 59,", "Suite 4B,")."""
_ADDRESS_WORD_NUMBER_RE = re.compile(
    r"^(?:" + "|".join(word_entries("address_openers")) + r")(?![\w])[\s.,:#]*\d", re.IGNORECASE
)
"""A text that opens with an address word of a locale pack and its number ("Level 7, ...", "Unit 20"): an
address's first line (a name may open with such a word, "Unit Trust Holdings", never with its number)."""
_COUNTRIES = word_set("countries")
"""Country names: the last line of an address block, never a company."""
_HOLDER_RE = re.compile(
    r"(?:" + "|".join(word_entries("account_holder_labels")) + r")\s*:?\s*"
    r"(?P<name>[^\W\d_][^,;|]{1,60}?)\s*(?:$|[,;|]|\s{2,}|\s[-–]\s)",
    re.IGNORECASE,
)
"""The payee's name after an account-holder label in the payment details: the seller."""
_HOLDER_LABEL = CaselessPattern(
    re.compile("(?:" + "|".join(word_entries("account_holder_labels")) + ")", re.IGNORECASE)
)
"""The account-holder label `_HOLDER_RE` opens with: its quick test skips to the places one may stand."""


def _holder_match(text: str) -> re.Match[str] | None:
    """``_HOLDER_RE.search(text)``, tried only where an account-holder label stands (its case-insensitive
    search costs at every place of a line, and most lines hold no such label)."""
    at = 0
    while (label := _HOLDER_LABEL.search(text, at)) is not None:
        match = _HOLDER_RE.match(text, label.start())
        if match is not None:
            return match
        at = label.start() + 1
    return None


_SENDER_LINE_SPLIT_RE = re.compile(r"\s+[-–—·|•●∙▪]\s+|\s*[·|•●∙▪]\s*")
"""The separators of a one-line return address ("Firma AG - Weg 4 - 12345 Stadt")."""
_FIELD_LINE_RE = re.compile(r"^\s*[\w .\-/]{1,30}?\s*:\s*\S")
"""A "field: value" line (Nummer : 73105)."""
_COURTESY_RE = word_pattern("courtesy")
"""A receipt's courtesy line or slogan (thanks, come again): never the seller."""
_RECEIPT_WORDS = word_set("receipt_words")
"""Column headers and receipt titles: a cell made only of these (quantity, price, cash sale) is the
table's or the slip's, not a name."""
_OWNER_RE = word_pattern("operator_labels")
"""A label naming the company that owns or runs the shop ("operated by", "a division of"): the
trading name printed above it is the vendor, the owner after it is not."""
_BRAND_OWNER_RE = word_pattern("brand_owner_sentences")
"""A sentence saying whose brand or trading name the page's big name is ("Sonnenstrom ist eine Marke der
Helios GmbH", "Bloemenhuis is een handelsnaam van ...", "... is operated by ..."): the legal entity after it
issues the invoice (a brand is never the seller's legal name)."""
_PLATFORM_OPERATOR_RE = word_pattern("platform_operator_sentences")
"""A sentence saying the company named before it runs the marketplace or platform the page is printed
from ("X S.à r.l. operates the marketplace", "betreibt den Marktplatz", "exploite la place de marché"):
a marketplace's invoice prints it under the seller's block, the seller issuing the invoice, the platform
never (its legal line and VAT id beside it are the platform's)."""
PLATFORM_OPERATOR_PENALTY = 10.0
"""Taken from a name a platform sentence (`_PLATFORM_OPERATOR_RE`) says runs the marketplace, wherever
the page prints it (its legal line with its VAT id too: it outweighs the bonuses of a footer's legal line)."""


def platform_operators(lines: Sequence[Line]) -> set[str]:
    """The names (lower case, spaces collapsed) a sentence of the lines says run the marketplace or
    platform: the words of its cell before the sentence's verb."""
    found: set[str] = set()
    for line in lines:
        match = _PLATFORM_OPERATOR_RE.search(line.text)
        if match is None:
            continue
        cell = next((c for c in line.cells if c.start <= match.start() < c.end), None)
        start = cell.start if cell is not None else 0
        name = _clean_name(line.text[start : match.start()])
        if not name.strip():
            # the sentence opens with its object, the operator between it and the verb ("Pazaryerini
            # <operator> işletmektedir"): the match's words but the verb, the name closing them
            name = _clean_name(" ".join(match.group(0).split()[:-1]))
        if _TWO_LETTERS_RE.search(name):
            found.add(" ".join(name.lower().split()))
    return found


BRAND_HOLDER_BONUS = 2.0
"""Added to the legal entity a brand sentence names ("Primo is a service of Prairie Hospitality Inc."), where
the page prints it, and to a name with its legal form that opens with the brand the page's head prints
alone ("Summit" over the facts, "Summit Insurance Corp. · 2 Elm Street · Columbus" closing the page): the
brand's holder issues the invoice, not the recipient whose block stands under the brand with a legal form."""
BRAND_HEAD_LINES = 3
"""Lines of the page's head the brand (its first name, no legal form) is printed on."""
BRAND_WORDS = 2
"""Words a brand printed alone has at most."""


def _brand_holders(cells: Sequence[tuple[int, Cell, str]]) -> tuple[tuple[int, str] | None, set[str]]:
    """The brand the page opens with (position, lower case) — its first name cell, on one of its first
    `BRAND_HEAD_LINES` lines, of one or two words with no legal form — and the names (lower case) brand
    sentences say hold a brand (`operator_of_brand`)."""
    holders = {
        " ".join(owner.lower().split())
        for _, cell, _ in cells
        for owner in [operator_of_brand(cell.text.strip())]
        if owner is not None
    }
    if not cells:
        return None, holders
    pos, _, name = cells[0]
    if pos >= BRAND_HEAD_LINES or legal_form(name) is not None or not 1 <= len(name.split()) <= BRAND_WORDS:
        return None, holders
    return (pos, " ".join(name.lower().split())), holders


def _runs_the_platform(key: str, operators: set[str]) -> bool:
    """Whether the name ``key`` (lower case, spaces collapsed) is one a platform sentence names: all the
    words before its verb, or the name closing them where the sentence opens with its object (Turkish
    "Pazaryerini <operator> işletmektedir": the marketplace, then who runs it, then the verb)."""
    return key in operators or (
        len(key.split()) >= 2 and any(operator.endswith(" " + key) for operator in operators)
    )


_GREETING_RE = CaselessPattern(
    re.compile(
        r"^[\W_]*(?:" + "|".join(word_entries("letter_greetings")) + r")(?![\w])[\s,]*[^\W\d_].{0,70}?[,!:]$",
        re.IGNORECASE,
    )
)
"""A letter's greeting naming its addressee, closed by its comma, exclamation mark or colon ("Dear Ms Okafor,",
"Kedves Duna Kft.!", "Hola, Laura:", "Sehr geehrte Frau Wild,"): whom a typed invoice is written to, never
its sender."""
GREETING_PENALTY = 5.0
"""Taken from a cell that is a letter's greeting (`_GREETING_RE`): its addressee's name, with a legal form
too, stays under the sender's (the signature or legal line under the letter)."""


_REGISTRATION_LINE_RE = re.compile(
    r"^[\W_]*(?:[A-Za-z.]+\s*){0,4}[.:]?\s*[A-Z]{0,3}\d[\d\s-]{4,}(?:-?\s*[A-Z])?[\W_]*$"
)
"""A registration-number line between a name and its address ("(004217731-K)", "COMPANY REG.NO:
JM0681589-W", "(TAX ID NO : 001234567890)")."""
_NUMBER_RUN_RE = re.compile(r"\d[\d\s-]{4}")
"""What every registration-number line holds: a digit and four more digits, spaces or hyphens. A
text without it is never tried against the registration pattern (which backtracks over names)."""
_STREET_WORD_RE = word_pattern("street_words")
"""A street or area word of a locale pack anywhere in a line; one in parentheses is part of a name."""
_PARENTHESES_RE = re.compile(r"\([^)]*\)")
_HEADING_TAIL_RE = CaselessPattern(
    re.compile(r"(?<![\w])(?:" + "|".join(word_entries("heading_tails")) + r")\W*$", re.IGNORECASE)
)
"""A section heading ("Bank details", "Shipping information"), not a name. (Case-insensitive patterns
of the packs' words here are `CaselessPattern`s: the same matches, most texts ruled out by a quick
case-sensitive test of their lower case.)"""
_CUSTOMER_FIELD_RE = word_pattern("customer_fields")
"""A name field qualified as the customer's ("Customer name:")."""


@dataclass(frozen=True)
class Found:
    value: str
    line: Line
    text: str
    checked: bool = True
    """False for a VAT id printed after a VAT label in its country's shape whose check digits fail (a
    made-up or mistyped id): read as printed, for a person to see, and as the seller's block's mark."""


def _chunked_candidates(raw: str, *, any_start: bool = False) -> list[str]:
    """Progressively shorter joins of the whitespace chunks in ``raw`` (longest first); with
    ``any_start`` also those starting at a later chunk ("BTW NL810433941B01")."""
    chunks = raw.split()[:12]
    starts = range(len(chunks)) if any_start else range(1)
    return ["".join(chunks[i:n]) for i in starts for n in range(len(chunks), i, -1)]


# Ordinary payment prose ("please transfer ..."), not the screening of text addressed to the approver
# (reconcile/lexicon/instructions.toml, which must never match this prose): two purposes, two lists.
_INSTRUCTION_RE = word_pattern("instruction_words")
_IBAN_LABEL_RE = word_pattern("iban_labels")
INSTRUCTION_MIN_WORDS = 6
"""A line reads as instructions when it is prose (this many words or more) with an instruction word."""
_PROSE_WORD_RE = re.compile(r"[^\W\d_]{2,}")


@lru_cache(maxsize=16384)
def reads_as_instruction(text: str) -> bool:
    """Whether a line reads as instructions to the reader ("Please transfer the amount to ...",
    "Bitte überweisen Sie ..."): a sentence of words with an instruction word of a locale pack.
    Document text is untrusted: such a line never supplies a value (IBAN, total, payee) when a
    labelled value stands elsewhere on the page."""
    return len(_PROSE_WORD_RE.findall(text)) >= INSTRUCTION_MIN_WORDS and bool(_INSTRUCTION_RE.search(text))


_CLAUSE_BREAK_RE = re.compile(r"\s{2,}|[·•|;]")
"""What ends a clause within a line: a gap between cells, or a separator of a one-line footer."""


def _clause_before(text: str) -> str:
    """The clause of a line that leads up to its end: the text after its last gap or separator."""
    end = 0
    for gap in _CLAUSE_BREAK_RE.finditer(text):
        end = gap.end()
    return text[end:]


def is_labelled_iban(found: Found) -> bool:
    """An IBAN printed right after an IBAN or account label on a line that is no instruction
    ("IBAN: DE89 ...", "Kontonummer  DE89 ..."), or under such a label. A label inside a clause
    with an instruction word ("Rogamos transfieran ... a la cuenta ES61 ...", a sentence too short
    to read as instructions on its own) labels nothing: instruction text never supplies the value."""
    line = found.line
    if reads_as_instruction(line.text):
        return False
    start = line.text.upper().find(found.text)
    before = line.text[:start] if start >= 0 else ""
    label = None
    for match in _IBAN_LABEL_RE.finditer(before):
        label = match
    if label is None or len(before[label.end() :].strip(" :.#-–")) != 0:
        return False
    return not _INSTRUCTION_RE.search(_clause_before(before[: label.start()]))


def choose_iban(ibans: Sequence[Found]) -> tuple[Found | None, str | None]:
    """The payee's IBAN: a labelled one first, then one outside any instruction text; an IBAN that
    only an instruction paragraph prints is taken last, and says so. (found, reason)."""
    labelled = [i for i in ibans if is_labelled_iban(i)]
    if labelled:
        return labelled[0], None
    plain = [i for i in ibans if not reads_as_instruction(i.line.text)]
    if plain:
        return plain[0], None
    if ibans:
        return ibans[0], "only an instruction paragraph prints an IBAN: check it before paying"
    return None, None


@lru_cache(maxsize=16384)
def _ibans_in(text: str) -> tuple[tuple[str, str], ...]:
    """(IBAN, as printed) of every IBAN with a valid checksum in a line's text."""
    return _iban_reading(text)[0]


@lru_cache(maxsize=16384)
def _iban_reading(text: str) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, int], ...]]:
    """The valid IBANs of a line's text (IBAN, as printed), and its open tails: starts of an IBAN
    that no join of their chunks completes, printed at the end of the line or of a cell (a narrow
    column or a footer wrapped it), each with the column it starts at."""
    found: list[tuple[str, str]] = []
    tails: list[tuple[str, int]] = []
    upper = text.upper()
    for match in _IBAN_RE.finditer(upper):
        for candidate in _chunked_candidates(match.group(0)):
            if 15 <= len(candidate) <= 34 and stdnum_iban.is_valid(candidate):
                found.append((candidate, match.group(0)))
                break
        else:
            glued = _glued_iban(match.group(0))
            if glued is not None:
                found.append((glued, glued))
                continue
            rest = upper[match.end() :]
            if not rest.strip() or rest.startswith("  "):
                tails.append((match.group(0), match.start()))
    opening = _IBAN_OPENING_TAIL_RE.search(upper)
    if opening is not None and not any(start <= opening.start(1) < start + len(t) for t, start in tails):
        tails.append((opening.group(1), opening.start(1)))
    if not found and " " in upper:
        for match in _SPACED_COUNTRY_IBAN_RE.finditer(upper):
            for candidate in _chunked_candidates(match.group(0)):
                if 15 <= len(candidate) <= 34 and stdnum_iban.is_valid(candidate):
                    found.append((candidate, match.group(0)))
                    break
    return tuple(found), tuple(tails)


_SPACED_COUNTRY_IBAN_RE = re.compile(r"[A-Z](?<![A-Z0-9][A-Z])[A-Z] \d{2}(?:\s?[A-Z0-9]{1,5}){3,9}")
"""An IBAN whose country code is set apart from its check digits ("PL 61 1090 1014 …", "PL 6110 9010 …"):
read only where the checksum holds, and never a line's mark of bank details (`_IBAN_RE`) otherwise."""


def _glued_iban(run: str) -> str | None:
    """The IBAN opening a run of letters and digits printed without a space that runs on past it (a narrow
    column's IBAN glued to the next column's figures: "ES44208570038003440403920" + "9-08-2024"): the longest
    opening that is a valid IBAN, its country's length and check digits holding; None where the run has spaces
    (its groups are read as printed) or no opening is one."""
    if " " in run or len(run) <= 15:
        return None
    return next(
        (run[:end] for end in range(min(len(run) - 1, 34), 14, -1) if stdnum_iban.is_valid(run[:end])), None
    )


_IBAN_OPENING_TAIL_RE = re.compile(r"IBAN\s?:?\s*([A-Z]{2}\d{2})\s*$")
"""An IBAN's label and its country and check digits alone closing a line (a paragraph wrapped the
rest of it onto the next line): an open tail, whole once the next line's groups pass the checksum."""


IBAN_WRAP_CHUNKS = 6
"""An IBAN's continuation on the next line: at most this many groups of characters."""
_IBAN_CONTINUATION_RE = re.compile(rf"[A-Z0-9]{{1,5}}(?:\s?[A-Z0-9]{{1,5}}){{0,{IBAN_WRAP_CHUNKS - 1}}}")


IBAN_GROUP = 4
"""An IBAN printed in groups prints them four characters long (the last one shorter)."""
IBAN_WRAP_SLACK = 6
"""The continuation's cell may start this many characters left of the tail's cell (the layout text
places each line's cells by their own neighbours)."""


def _line_under(lines: Sequence[Line], at: int, span: tuple[int, int]) -> Line:
    """The line under ``lines[at]`` that prints something under ``span``: the next one, passing over a
    line that holds only another column's text right of it (a table's row beside a narrow sidebar, read
    between the sidebar's lines where the two differ in line spacing)."""
    for below in lines[at + 1 : at + 3]:
        if below.page != lines[at].page:
            break
        if not below.cells or any(cell.start < span[1] for cell in below.cells):
            return below
    return lines[at + 1]


def _continued_iban(tail: str, span: tuple[int, int], following: Line) -> str | None:
    """The IBAN an open tail makes with the groups that open the next line, or open a cell under the
    tail's cell ``span``: the first join that passes the checksum (with its country's length), else None."""
    head = "".join(tail.split())
    grouped = all(len(group) == IBAN_GROUP for group in tail.split())
    starts = sorted(
        {
            cell.start
            for at, cell in enumerate(following.cells)
            if at == 0 or span[0] - IBAN_WRAP_SLACK <= cell.start < span[1]
        }
    )
    for start in starts:
        match = _IBAN_CONTINUATION_RE.match(following.text.upper(), start)
        chunks = match.group(0).split() if match else []
        for n in range(len(chunks), 0, -1):
            if grouped and any(len(chunk) != IBAN_GROUP for chunk in chunks[: n - 1]):
                continue  # printed in groups of four: the continuation's groups are four long but its last
            candidate = head + "".join(chunks[:n])
            if 15 <= len(candidate) <= 34 and stdnum_iban.is_valid(candidate):
                return candidate
    return None


_OCR_IBAN_RE = re.compile(r"[A-Z](?<![A-Z0-9][A-Z])[A-Z][0-9ODQILZSBG]{2}(?:[\s.]?[A-Z0-9]{1,5}){3,9}")
"""An IBAN as OCR may read it: its check digits possibly misread as letters, its groups possibly
parted by a speck read as a dot."""
OCR_DIGIT_READINGS = {
    "O": "0",
    "D": "0",
    "Q": "0",
    "I": "1",
    "L": "1",
    "Z": "2",
    "S": "59",
    "B": "8",
    "G": "6",
}
"""The digits OCR commonly reads as a letter (an S is a 5 or a 9 as often)."""


@lru_cache(maxsize=4096)
def _ocr_ibans_in(text: str) -> tuple[tuple[str, str], ...]:
    """(IBAN, as printed) of the IBANs an IBAN label opens in an OCR'd line's text that pass the checksum
    only once OCR's common misreadings are undone: a letter in the check digits read back as the digit
    it resembles (`OCR_DIGIT_READINGS`), a dot between groups dropped. Taken only where exactly one
    reading passes (the checksum confirms it; two readings passing would be a guess) and the line prints
    no valid IBAN of its own."""
    if _ibans_in(text):
        return ()
    upper = text.upper()
    found: list[tuple[str, str]] = []
    for match in _OCR_IBAN_RE.finditer(upper):
        before = upper[: match.start()]
        label = None
        for hit in _IBAN_LABEL_RE.finditer(before):
            label = hit
        if label is None or before[label.end() :].strip(" :.#-–"):
            continue  # OCR's misreadings undone only where a label says an IBAN is printed
        for candidate in _chunked_candidates(match.group(0).replace(".", " ")):
            if not 15 <= len(candidate) <= 34:
                continue
            readings = {
                candidate[:2] + first + second + candidate[4:]
                for first in OCR_DIGIT_READINGS.get(candidate[2], candidate[2])
                for second in OCR_DIGIT_READINGS.get(candidate[3], candidate[3])
            }
            valid = [reading for reading in readings if stdnum_iban.is_valid(reading)]
            if valid:
                if len(valid) == 1:
                    found.append((valid[0], match.group(0)))
                break
    return tuple(found)


JUSTIFIED_MIN_GAPS = 6
"""Word gaps a line holds at least to read as a justified paragraph's line."""


def _justified(text: str) -> bool:
    """A line of a paragraph set justified: every gap between its words stretched to two spaces or
    more in the layout text (the spaces set between an IBAN's groups stretched with them)."""
    gaps = re.findall(r"(?<=\S) +(?=\S)", text.strip())
    return len(gaps) >= JUSTIFIED_MIN_GAPS and all(len(gap) >= 2 for gap in gaps)


def _justified_ibans(text: str) -> tuple[tuple[str, str], ...]:
    """The valid IBANs of a justified line (`_justified`), its stretched gaps read as single spaces;
    each as printed on the line (its groups with their stretched gaps)."""
    found = []
    for value, printed in _ibans_in(" ".join(text.split())):
        stretched = re.search(r"\s+".join(map(re.escape, printed.split())), text, re.IGNORECASE)
        found.append((value, stretched.group(0) if stretched is not None else printed))
    return tuple(found)


def find_ibans(lines: Sequence[Line]) -> list[Found]:
    """IBANs with a valid checksum in reading order, each as printed; one that wraps onto the next line
    of its page is read whole (its printed text is the part on its first line). On a line read by OCR, a
    labelled IBAN whose checksum passes once OCR's common misreadings are undone (`_ocr_ibans_in`)."""
    found: list[Found] = []
    for at, line in enumerate(lines):
        valid, tails = _iban_reading(line.text)
        if not valid and line.ocr:
            valid = _ocr_ibans_in(line.text)
        if not valid and _justified(line.text):
            valid = _justified_ibans(line.text)
        found += [Found(value, line, printed) for value, printed in valid]
        if not tails or at + 1 >= len(lines) or lines[at + 1].page != line.page:
            continue
        for printed, column in tails:
            end = column + len(printed)
            cell = cell_at(line, column, end)
            span = (cell.start if cell else column, end)
            whole = _continued_iban(printed, span, _line_under(lines, at, span))
            if whole is not None:
                found.append(Found(whole, line, printed))
    return found


@lru_cache(maxsize=16384)
def _vat_ids_in(text: str) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """Per VAT-id-looking match of a line's text: (as printed, the joins of its chunks in the order
    they are tried that are long enough and pass the checksum, each with its compact form)."""
    found: list[tuple[str, tuple[tuple[str, str], ...]]] = []
    for match in _VAT_RE.finditer(text):
        raw = match.group(0).replace(".", " ")
        valid = tuple(
            (candidate, stdnum_vat.compact(candidate))
            for candidate in _chunked_candidates(raw, any_start=True)
            if len(candidate) >= 8 and stdnum_vat.is_valid(candidate)
        )
        found.append((match.group(0), valid))
    return tuple(found)


_VAT_COUNTRIES = frozenset(stdnum_vat.MEMBER_STATES) | {"el"}
"""The prefixes of the EU's VAT ids (Greece's EL beside GR): an unknown prefix is no VAT id at all."""
VAT_LABEL_GAP = 3
"""Characters at most between a VAT label and the id it labels (": ", " ")."""


OCR_LETTER_READINGS = {"8": "B", "0": "O", "1": "I", "5": "S", "2": "Z", "6": "G"}
"""The letters OCR commonly reads as a digit (`OCR_DIGIT_READINGS` the other way round)."""


def _labelled_vat_runs(line: str, printed: str) -> Iterator[list[str]]:
    """For each chunk of ``printed`` (a VAT-id-looking match of ``line``) that opens with an EU country
    prefix right after a VAT label, the ids its chunks make up to each end, longest first (each at least
    8 characters)."""
    at = line.find(printed)
    spaced = printed.replace(".", " ")
    chunks = spaced.split()[:12]
    offset = 0
    for first, chunk in enumerate(chunks):
        offset = spaced.find(chunk, offset)
        # (the labels before the chunk looked up only where it opens with a prefix: each cut is a new text)
        if (
            chunk[:2].lower() in _VAT_COUNTRIES
            and any(
                0 <= at + offset - hit.end <= VAT_LABEL_GAP
                # a form's row: the label and its colon, the id alone in the values' column far right
                or line[hit.end : at + offset].strip() == ":"
                for hit in find_labels("vat_label", line[: at + offset])
            )
        ):
            runs = ["".join(chunks[first:last]) for last in range(len(chunks), first, -1)]
            yield list(itertools.takewhile(lambda run: len(run) >= 8, runs))
        offset += len(chunk)


def _ocr_vat_reading(line: str, printed: str) -> str | None:
    """The compact VAT id of ``printed`` (a VAT-id-looking match of an OCR'd ``line``) that a VAT label
    opens, read back where OCR misread one character as its look-alike (a letter as a digit or a digit as
    a letter, `OCR_DIGIT_READINGS`, `OCR_LETTER_READINGS`; the country prefix as printed): taken only
    where exactly one such reading passes the country's format and check digits. A digit is never read
    as another digit: the check digits confirm a reading, they do not choose one."""
    for candidates in _labelled_vat_runs(line, printed):
        for candidate in candidates:
            readings = {
                candidate[:at_char] + other + candidate[at_char + 1 :]
                for at_char, char in enumerate(candidate)
                if at_char >= 2
                for other in OCR_DIGIT_READINGS.get(char, "") + OCR_LETTER_READINGS.get(char, "")
            }
            valid = {str(stdnum_vat.compact(r)) for r in readings if stdnum_vat.is_valid(r)}
            if valid:
                return valid.pop() if len(valid) == 1 else None
    return None


def _misprinted_vat_id(line: str, printed: str) -> str | None:
    """The compact form of an id in ``printed`` (a VAT-id-looking match of ``line``) that a VAT label
    opens and that is shaped as its country's ids are (prefix, length, characters) but whose check digits
    (or office code) fail: "USt-IdNr.: DE123456789", "P.IVA IT12345678901". None otherwise."""
    for candidates in _labelled_vat_runs(line, printed):
        for candidate in candidates:
            try:
                stdnum_vat.validate(candidate)
            except (InvalidChecksum, InvalidComponent):
                return str(stdnum_vat.compact(candidate))
            except ValidationError:
                continue
    return None


def find_vat_ids(lines: Sequence[Line], ibans: Sequence[Found]) -> list[Found]:
    """VAT ids with a valid checksum, in reading order: EU ids with their country prefix, then on the
    same line the national schemes of ``lexicons/tax_ids.json`` (a Swiss UID, an ABN, a GSTIN, a NIP
    without prefix, ...), each as printed."""
    iban_values = {f.value for f in ibans}
    found: list[Found] = []
    national: set[int] = set()
    for at, line in enumerate(lines):
        on_line: list[Found] = []
        for printed, valid in _vat_ids_in(line.text):
            for candidate, compact in valid:
                if not any(candidate in value for value in iban_values):
                    on_line.append(Found(compact, line, printed))
                    break
            if not valid and line.ocr:
                read_back = _ocr_vat_reading(line.text, printed)
                if read_back is not None and not any(read_back in value for value in iban_values):
                    on_line.append(Found(read_back, line, printed))
                    continue
            if not valid:
                misprinted = _misprinted_vat_id(line.text, printed)
                if misprinted is not None and not any(misprinted in value for value in iban_values):
                    on_line.append(Found(misprinted, line, printed, checked=False))
        for hit in find_tax_ids(line.text):
            if any(hit.value in value for value in iban_values):
                continue
            if any(hit.value in f.value or f.value in hit.value for f in on_line):
                continue  # the EU id read the same digits ("NO 988 077 917 MVA")
            on_line.append(Found(hit.value, line, hit.text))
            national.add(id(on_line[-1]))
        found += on_line
        wrapped = _wrapped_vat_id(line, lines[at + 1] if at + 1 < len(lines) else None, iban_values)
        if wrapped is not None:
            found.append(wrapped)
        label_cells = [cell for cell in line.cells if may_label_an_id(cell.text)]
        if not label_cells:
            continue  # most lines hold no national id's label
        known = {f.value for f in on_line} | iban_values
        for below in lines[at + 1 : at + 1 + TAX_ID_UNDER_LINES]:
            if below.page != line.page:
                break
            under = _tax_ids_under_labels(label_cells, below, known)
            national.update(id(f) for f in under)
            found += under
            known |= {f.value for f in under}
    # a national number whose digits the company's EU VAT id repeats (Y-tunnus 2077474-0 and
    # FI20774740, NIP and PL + NIP): the EU id is the VAT id; so is a longer national id holding a
    # shorter one (a GSTIN holds the PAN, a Swedish VAT number the organisationsnummer)
    eu_values = [f.value for f in found if id(f) not in national]
    national_values = {f.value for f in found if id(f) in national}
    return [
        f
        for f in found
        if id(f) not in national
        or not (
            any(f.value in v for v in eu_values)
            or any(f.value in v and f.value != v for v in national_values)
        )
    ]


_VAT_PREFIX_TAIL_RE = re.compile(r"(?<![A-Za-z])([A-Z]{2})\s*$")
"""A country's prefix closing a line: the start of a VAT id a paragraph wrapped after it."""


def _wrapped_vat_id(line: Line, following: Line | None, iban_values: set[str]) -> Found | None:
    """A VAT id a paragraph wrapped after its country prefix ("... Btw-nummer BE" / "0376.837.179."):
    its label and prefix close the line, its digits open the next one; read whole where the join
    passes the checksum."""
    # (the prefix can only be the two characters before the line's closing white space: searched from
    # there, not from every place of a long laid-out line; its look-behind still reads the one before)
    tail = _VAT_PREFIX_TAIL_RE.search(line.text, max(0, len(line.text.rstrip()) - 2))
    if tail is None or following is None or following.page != line.page or not following.cells:
        return None
    labels = find_labels("vat_label", line.text[max(0, tail.start() - 40) : tail.start()])
    if not labels or line.text[max(0, tail.start() - 40) + labels[-1].end : tail.start()].strip(" :.") != "":
        return None
    joined = tail.group(1) + " " + following.cells[0].text.strip()
    for printed, valid in _vat_ids_in(joined):
        if not printed.startswith(tail.group(1)):
            continue
        for candidate, compact in valid:
            if not any(candidate in value for value in iban_values):
                return Found(compact, line, tail.group(1))
    return None


TAX_ID_UNDER_LINES = 2
"""A national id's value stands this many lines under its label at most (a neighbouring column's
line may come between them)."""
TAX_ID_UNDER_SLACK = 8
"""A national id's value under its label starts within this many characters of the label's column."""


def _tax_ids_under_labels(label_cells: Sequence[Cell], below: Line, known: set[str]) -> list[Found]:
    """National ids printed under their label ("A.B.N." over "17 842 872 882"): the value opening the
    cell under a label cell (of a line's cells those `may_label_an_id`; none already ``known``),
    found on the value's line."""
    found: list[Found] = []
    for cell in label_cells:
        under = cell_at(below, cell.start - 2, cell.end + 12)
        if under is None or abs(under.start - cell.start) > TAX_ID_UNDER_SLACK:
            continue
        for hit in find_tax_ids_under(cell.text, under.text):
            if hit.value not in known and not any(hit.value in value for value in known):
                found.append(Found(hit.value, below, hit.text))
                known = known | {hit.value}
    return found


BUYER_VAT_COLUMN_SLACK = 15
"""A label on the line above names a VAT id when it starts within this many characters of it."""


def is_buyers_vat(found: Found, lines: Sequence[Line]) -> bool:
    """Whether a VAT id is printed under a label naming the buyer's ("Uw btw-nummer:", "TVA client",
    "Ihre USt-IdNr.", "Your VAT no."; `buyer_vat_label` of the locale packs): the last VAT label
    before it on its line is one, or, with no label before it, one stands above it on the line
    before. Such an id is never the vendor's."""
    line = found.line
    start = line.text.find(found.text)
    start = start if start >= 0 else 0
    before = line.text[:start]
    buyer = [h.end for h in find_labels("buyer_vat_label", before)]
    plain = [h.start for h in find_labels("vat_label", before)]
    if buyer or plain:
        return bool(buyer) and not any(at >= max(buyer) for at in plain)
    at = line.index if line.index < len(lines) and lines[line.index] is line else _position(lines, line)
    above = lines[at - 1] if at > 0 else None
    if above is None or above.page != line.page:
        return False
    return any(
        abs(h.start - start) <= BUYER_VAT_COLUMN_SLACK for h in find_labels("buyer_vat_label", above.text)
    )


def _position(lines: Sequence[Line], line: Line) -> int:
    return next((at for at, other in enumerate(lines) if other is line), 0)


_FIELD_KINDS: tuple[str, ...] = (
    "invoice_number",
    "invoice_date",
    "due_date",
    "po_number",
    "total",
    "subtotal",
    "tax",
    "vat_label",
)


_QUALIFIER_RE = re.compile(r"\s*\([^()]{1,30}\)(?=\s*:)")
"""A bracketed qualifier between a section label and its colon ("Customer (issuer):")."""


def section_hits(kind: str, line: Line) -> list[LabelHit]:
    """Section labels ("Bill to", "Rechnungsempfänger:") that head a block: the label opens its cell
    and only a colon or a value after a colon follows it. A word inside a sentence ("accounted for by
    the recipient") is not a heading."""
    hits: list[LabelHit] = []
    found = find_labels(kind, line.text)
    for hit in found:
        cell = cell_holding(line, hit.start)
        if cell is None or hit.start - cell.start > 2:
            continue
        if any(other.start < hit.start and other.start >= cell.start for other in found):
            continue  # "Käufer/Leistungsempfänger": one heading
        end = hit.end
        for other in found:  # further labels of the kind in the same cell belong to the heading
            if end <= other.start < cell.end and not line.text[end : other.start].strip(" /&,-("):
                end = other.end
        qualifier = _QUALIFIER_RE.match(line.text, end, cell.end)
        if qualifier is not None:  # "Customer (issuer):", "Käufer (Leistungsempfänger):": one heading
            end = qualifier.end()
        rest = line.text[end : cell.end].strip()
        colon = rest.startswith(":") or line.text[hit.start : end].rstrip().endswith(":")  # ("To: <name>")
        if rest and not colon and not re.fullmatch(r"[\W_]{0,3}", rest):
            continue
        hits.append(LabelHit(hit.kind, hit.start, end, line.text[hit.start : end], hit.language))
    return hits


_BARE_HEADING_RE = re.compile(r"[^\W\d_]{1,8}\s*:")
"""A cell that is one short word and a colon ("A:", "À :", "Para:"): a heading with no value."""


def buyer_headings(line: Line) -> list[LabelHit]:
    """The buyer labels heading blocks on ``line`` (`section_hits`), and, on a line that heads the
    seller's block with a label of its own ("Da:", "De:", "From:"), the cell beside it that is a bare
    word and a colon: the other party's heading of the pair ("Da:" … "A:", "De :" … "À :")."""
    hits = section_hits("buyer_section", line)
    if hits or ":" not in line.text or len(line.cells) < 2:
        return hits
    bare = [
        cell
        for cell in line.cells
        if len(cell.text) <= BARE_HEADING_CHARS and cell.text.rstrip().endswith(":")
    ]
    if len(bare) < 2:  # (the seller's heading and the other: both bare)
        return hits
    sellers = _block_headings("vendor_section", line)
    if not sellers:
        return hits
    for cell in bare:
        if any(cell.start <= hit.start < cell.end for hit in sellers):
            continue
        if _BARE_HEADING_RE.fullmatch(cell.text.strip()):
            hits.append(LabelHit("buyer_section", cell.start, cell.end, cell.text, ""))
    return hits


BARE_HEADING_CHARS = 12
"""Characters a bare heading's cell holds at most ("Lieferant:", "Da:")."""


_FIELD_VALUE_RE = re.compile(r"\s*(?:[:#]|n[or°º]?\.|\d|$)", re.IGNORECASE)
"""What follows a field's label: a colon, a number sign or "No.", the value's first digit, or nothing."""
_LABEL_COLON_RE = re.compile(r"\s*:")


def _is_field_label(text: str) -> bool:
    """Whether ``text`` is a field ("Invoice date 03/05/2024", "Datum:", "Order no. 4711"), not a name: a
    field's label opening it with a value's start after it, or a label anywhere with its colon. A label
    word inside a name is no field ("Café du Commerce", "Le Petit Bistro", "Total Energies Marketing")."""
    head = text[:40]
    return any(
        (hit.start == 0 and _FIELD_VALUE_RE.match(head, hit.end)) or _LABEL_COLON_RE.match(head, hit.end)
        for kind in _FIELD_KINDS
        for hit in find_labels(kind, head)
    )


class BuyerZone:
    """The block under a buyer label: per line (by index), the column spans the block holds there. A
    two-column head puts the seller's block and the buyer's on the same lines, so a line being in the
    zone says less than a cell being in it (`covers`)."""

    def __init__(self) -> None:
        self.spans: dict[int, list[tuple[int, int]]] = {}

    def add(self, index: int, start: int, end: int) -> None:
        self.spans.setdefault(index, []).append((start, end))

    def __contains__(self, index: object) -> bool:
        return index in self.spans

    def __iter__(self) -> Iterator[int]:
        return iter(self.spans)

    def __len__(self) -> int:
        return len(self.spans)

    def covers(self, line: Line, start: int, end: int) -> bool:
        """Whether the text at [start, end) of ``line`` lies in the buyer's block."""
        return any(min(end, e) - max(start, s) > 0 for s, e in self.spans.get(line.index, ()))

    def covers_text(self, line: Line, text: str) -> bool:
        """`covers` for a value found on the line as ``text`` (the whole line when not found)."""
        at = line.text.find(text) if text else -1
        return self.covers(line, at, at + len(text)) if at >= 0 else line.index in self.spans


def _in_zone(zone: BuyerZone | set[int], line: Line, start: int, end: int) -> bool:
    """Whether a cell lies in the buyer's block (a plain set of line indexes: the whole lines)."""
    return zone.covers(line, start, end) if isinstance(zone, BuyerZone) else line.index in zone


_WIDE = 10**6
"""A span open to the right: up to the line's end."""


BUYER_ZONE_CELLS = 5
"""Cells of the buyer's block under its label: name, street, town, country, VAT id."""
BUYER_ZONE_REACH = 10
"""Lines under the label the block's cells are looked for in: a line of another column (the title,
the invoice's number and date on the right) with nothing in the block's column is no line of it."""
BUYER_ZONE_WIDTH = 40
"""Characters right of a buyer label its block's column spans (a cell starting further right on the
label's line, over a block that goes on under the label, is another column's)."""


def buyer_zone(lines: Sequence[Line]) -> BuyerZone:
    """The block under each buyer label (bill to, Rechnungsempfänger, ...): the label's line right of
    the label (up to a seller label beside it) and the cells under it in the same column, the first
    `BUYER_ZONE_CELLS` of them (lines with nothing in that column skipped)."""
    zone = BuyerZone()
    closing = closing_captions(lines)
    for pos, line in enumerate(lines):
        hits = buyer_headings(line)
        if pos in closing:
            for top, hit in closing[pos]:
                if hit.kind == "buyer_section":  # the caption under the buyer's block: the block above it
                    for above in lines[top:pos]:
                        cell = cell_at(above, hit.start - 2, hit.start + 2)
                        if cell is not None:
                            zone.add(above.index, cell.start, cell.end)
            continue
        if not hits:
            continue
        sellers = [hit.start for hit in section_hits("vendor_section", line)]
        for hit in hits:
            right = min((start for start in sellers if start > hit.start), default=_WIDE)
            far = next((c.start for c in line.cells if c.start >= hit.start + BUYER_ZONE_WIDTH), None)
            below_first = next((b for b in lines[pos + 1 : pos + 2] if b.page == line.page), None)
            if (
                far is not None
                and far < right
                and below_first is not None
                and cell_at(below_first, hit.start - 2, hit.start + BUYER_ZONE_WIDTH) is not None
            ):
                # the block goes on under its label: a cell far right on the label's line is another
                # column's ("Asiakas:" over the buyer, the seller's name set beside it on the right)
                right = far
            zone.add(line.index, max(0, hit.start - 2), right)
            taken = 0
            town_seen = False  # the block's postcode and town: a company's name after it opens another block
            for below in lines[pos + 1 : pos + 1 + BUYER_ZONE_REACH]:
                if below.page != line.page:
                    break
                cell = cell_at(below, hit.start - 2, min(hit.start + BUYER_ZONE_WIDTH, right))
                if cell is not None:
                    if town_seen and legal_form(cell.text) is not None and ":" not in cell.text:
                        break  # "Atelier Lichtwerk GmbH" under the recipient's "68169 Mannheim": the sender's
                    if any(abs(h.start - cell.start) <= 2 for h in section_hits("vendor_section", below)):
                        break  # the seller's heading opens the next block ("Supplier: ..." under the buyer's)
                    town_seen = town_seen or _POSTCODE_TOWN_RE.match(cell.text.strip()) is not None
                    zone.add(below.index, cell.start, cell.end)
                    value = _field_value_cell(below, cell)
                    if value is not None:
                        # a form's row ("Name:" in the labels' column, the buyer's name in the values'
                        # column far right): the value is the block's as much as its label
                        zone.add(below.index, value.start, value.end)
                    taken += 1
                    if taken == BUYER_ZONE_CELLS:
                        break
    # the recipient's block an attention line marks: its name, the attention line, the address under it
    for pos, cell, other, named in _attention_addressees(lines):
        zone.add(lines[other].index, named.start, named.end)
        zone.add(lines[pos].index, cell.start, cell.end)
        for below in lines[max(pos, other) + 1 : max(pos, other) + 1 + BUYER_ZONE_CELLS]:
            under = cell_at(below, cell.start - 2, cell.start + 40) if below.page == lines[pos].page else None
            if under is not None:
                zone.add(below.index, under.start, under.end)
    return zone


def _field_value_cell(line: Line, label: Cell) -> Cell | None:
    """The value right of a field label cell ("Name:", "Anschrift:") on its line: the next cell, when
    the label ends with a colon and that cell is no label itself."""
    if not label.text.rstrip().endswith(":"):
        return None
    value = next((c for c in line.cells if c.start > label.start), None)
    if value is None or value.text.rstrip().endswith(":") or section_hits("vendor_section", line):
        return None
    return value


_REG_NO_RE = re.compile(r"\s*\(\s*\d[\d\s]*-?\s*[A-Z]?\s*\)\s*$")
_REGISTRATION_LABEL_RE = word_pattern("registration_labels")
"""Company-registry labels of the packs (Co. No, Company No, HRB, KvK, RCS, SIREN, KRS, CVR, Org.nr,
CIN, ...): the number after one, and all that follows it, is no part of the name printed before."""
_LEGAL_MENTION_RE = word_pattern("legal_mentions")
"""The other legal mentions of the packs (share capital, registered office, register court): a name
printed before one is the company the mentions are about."""
_FORMER_NAME_RE = word_pattern("former_name_labels")
"""A former-name clause ("FKA", "formerly", "vormals", "anciennement"): the old name after it goes."""
_AGENCY_RE = word_pattern("agency_clauses")
"""An agency clause of the packs ("on behalf of", "in opdracht van" / "i.o.v.", "im Auftrag von", "pour le
compte de", "per conto di"): printed after a company's name and legal form, it names the party the company
acts for; that party's name is no part of the company's."""
_CHECK_LETTER_ID_RE = re.compile(r"\(?\s*\d{4,}\s?-\s?[A-Z](?![\w])")
"""A registration number of digits and a check letter ("512345-U", "(704321-X"), wherever printed."""
_BRACKETED_ID_RE = re.compile(r"\(\s*[A-Z]{0,3}\d[\d\s-]{3,}[A-Z]?\s*\)")
"""A registration number in brackets ("(612345-M)", "(004217731-K)")."""
_COUNTER_RE = re.compile(r"^#\s*\d+\s+(?=\S)")
"""A leading counter before a name ("#000017 ...")."""
_NAME_TAIL_STRIP = " \t,;:-–−|/([·•"


def _ends_with_legal_form(text: str) -> bool:
    """The text ends with a legal form (closing brackets and dots aside): a whole company name."""
    stripped = text.rstrip(" )].,;:")
    return any(m.end() >= len(stripped) for m in LEGAL_FORMS.finditer(text)) if legal_form(text) else False


LOOK_ALIKES = {"0": "o", "1": "l", "!": "i", "|": "l", "5": "s", "8": "b"}
"""Characters OCR reads for the letter of like shape (0/o, 1/l, !/i, |/l, 5/s, 8/b)."""
_READ_BACK_WORDS = 3
"""The words at a name's end whose look-alikes may be read back as letters: a legal form's length."""


def _as_letter(text: str, at: int) -> str:
    """The letter a look-alike at ``at`` stands for, in the case of the nearest letter of its word (else of
    the text before it; lower case without either)."""
    letter = LOOK_ALIKES[text[at]]
    start = text.rfind(" ", 0, at) + 1
    end = text.find(" ", at)
    word = text[start : len(text) if end < 0 else end]
    near = [c for c in word if c.isalpha()] or [c for c in text[:start] if c.isalpha()][-1:]
    return letter.upper() if near and near[0].isupper() else letter


def with_legal_form_read_back(name: str | None) -> str | None:
    """An OCR'd company name whose closing legal form OCR read with look-alike characters (`LOOK_ALIKES`:
    "Bursztyn Sp. z 0.0.", "S.A.P.!."), with those characters read back as letters, where that makes the
    name's last words (at most `_READ_BACK_WORDS`, each holding a dot: abbreviated forms) exactly a legal
    form of the locale packs and a word stays before it; any other name unchanged (one that already ends with
    a legal form, a number in a name: "Studio 5 S.r.l.", "Lager 18")."""
    if not name or _ends_with_legal_form(name):
        return name
    words = name.split(" ")
    for count in range(min(_READ_BACK_WORDS, len(words) - 1), 0, -1):
        tail = " ".join(words[-count:])
        if "." not in tail or not any(c in LOOK_ALIKES for c in tail):
            continue
        read = "".join(_as_letter(tail, at) if c in LOOK_ALIKES else c for at, c in enumerate(tail))
        found = LEGAL_FORMS.match(read)
        if found is not None and found.end() == len(read):
            return " ".join([*words[:-count], read])
    return name


@lru_cache(maxsize=16384)
def name_end(text: str) -> tuple[str, bool]:
    """``text`` cut where a company name ends: before a company-registration number (a registry label
    of the packs, digits with a check letter, digits in brackets) or another legal mention (share
    capital, registered office, a VAT id's label after a legal form), before a former-name clause
    ("FKA ..."), before an agency clause after a legal form ("… B.V. i.o.v. …", "… GmbH im Auftrag
    von …": `_AGENCY_RE`), and without a leading counter ("#000017"). The flag: a legal mention or registry
    label was cut off a name that ends with its legal form (a legal-mentions line naming a company:
    strong evidence of whose document it is)."""
    text = _COUNTER_RE.sub("", text)
    cuts: list[tuple[int, bool]] = []
    for pattern, mention in (
        (_REGISTRATION_LABEL_RE, True),
        (_LEGAL_MENTION_RE, True),
        (_FORMER_NAME_RE, False),
    ):
        match = pattern.search(text)
        if match is not None:
            cuts.append((match.start(), mention))
    for number in (_CHECK_LETTER_ID_RE, _BRACKETED_ID_RE):
        found = number.search(text)
        if found is not None:
            cuts.append((found.start(), False))
    agency = _AGENCY_RE.search(text)
    if (
        agency is not None
        and agency.start() > 0
        and _ends_with_legal_form(text[: agency.start()].rstrip(_NAME_TAIL_STRIP))
    ):  # "Vos Koffie B.V. i.o.v. Bonenland": the company ends at its legal form; whom it acts for goes
        cuts.append((agency.start(), False))
    if any(map(str.isdigit, text)):  # a VAT id's label before its id
        hits = labels_of(("vat_label",), text)
        if (
            hits
            and hits[0].start > 0
            and _ends_with_legal_form(text[: hits[0].start].rstrip(_NAME_TAIL_STRIP))
        ):
            cuts.append((hits[0].start, True))
    phone = _PHONE_LABEL_RE.search(text) if any(map(str.isdigit, text)) else None
    if phone is not None and phone.start() > 0 and _NUMBER_AFTER_LABEL_RE.match(text, phone.end()):
        cuts.append((phone.start(), False))  # "Elbtal GmbH (Elbtal Clean) Tel.: +49 …": a footer's columns
        # the text layer set one space apart: the phone column's label and number are no part of the name
    if not cuts:
        return text, False
    start, mention = min(cuts)
    name = text[:start].rstrip(_NAME_TAIL_STRIP)
    if name.count("(") > name.count(")"):  # "(CO. NO: ...": the bracket opened the mention
        name = name[: name.rfind("(")].rstrip(_NAME_TAIL_STRIP)
    first = _SENDER_LINE_SPLIT_RE.split(name, 1)[0]
    if first != name and _ends_with_legal_form(first):  # "Foo LLC · Delaware corporation · Tax ID ..."
        name = first
    return name, mention and _ends_with_legal_form(name)


_NUMBER_AFTER_LABEL_RE = re.compile(r"[.:]\s*:?\s*[+(]?\d")
"""What follows a phone label that labels a number: its colon or dot, then the number ("Tel.: +49 …")."""
_NAME_LABEL_RE = CaselessPattern(
    re.compile(r"^[\W_]*(?:" + "|".join(word_entries("name_fields")) + r"|von|de)\s*:\s*", re.IGNORECASE)
)
_LETTERS_RE = re.compile(r"[^\W\d_]{2}")
_HOLDER_HINT_RE = word_pattern("account_holder_labels")


_NAME_DASH_RE = re.compile(r"\s+[–—+]\s+")
"""A dash between spaces: parts a name from its ids and address ("... Lda. — NIF ... — Rua ..."), when
every part after it holds a number (a dash may join two words of a name too); so does a plus between
spaces, as OCR reads a middle dot ("... Ltd + 4 Mill Lane"; a plus may join two words of a name too)."""
_NAME_SEPARATOR_RE = re.compile(r"\s+[·|•●∙▪]\s+")
"""A middle dot or bar between spaces parts a name from what the line adds to it ("Acme Ltd · Wholesale")."""


_PERSON_SALUTATION_RE = CaselessPattern(
    re.compile(r"^(?:" + "|".join(word_entries("person_salutations")) + r")(?:\s+|$)", re.IGNORECASE)
)
"""A form of address opening a person's name in an address block ("Herrn", "Mme", "Sig.ra", "Dhr."):
no part of the name."""
_TRAILING_SALUTATION_RE = CaselessPattern(
    re.compile(r"\s(?:" + "|".join(word_entries("person_salutations")) + r")$", re.IGNORECASE)
)
"""A form of address closing a name's cell ("FALEGNAMERIA ROSSI Sig.ra"): the next line's addressee's,
set a little higher beside the name and read into its line; an abbreviation (with its stop) only."""
_FIRM_SALUTATION_RE = re.compile(
    r"^(?:" + "|".join(word_entries("firm_salutations")) + r")(?:\s+|$)", re.IGNORECASE
)
"""A form of address opening a firm's name ("Firma", "Messrs", "Spett.le"): no part of the name."""


_ATTENTION_RE = re.compile(
    r"^\s*(?:" + "|".join(word_entries("attention_labels")) + r")(?![\w])", re.IGNORECASE
)
"""An attention line's opening ("Attn:", "T.a.v.", "z. Hd.", "c/o", "À l'attention de"): the person a
letter goes to, inside the recipient's block, next to the recipient's name."""
ATTENTION_HEAD_LINES = 30
"""Lines at the top of page one read for an attention line."""


def _attention_addressees(lines: Sequence[Line]) -> list[tuple[int, Cell, int, Cell]]:
    """(position, cell) of each attention line at the top of page one with (position, cell) of the
    recipient's name beside it in its column: the line above ("Marketingbureau Zuid B.V." / "T.a.v. Sanne
    Peeters"), else the line under it ("Attn: Accounts Payable" / "Coastal Catering Pty Ltd")."""
    found: list[tuple[int, Cell, int, Cell]] = []
    labelled_from: int | None = None  # the first line under the page's first line a buyer label heads
    for pos, line in enumerate(lines[:ATTENTION_HEAD_LINES]):
        if line.page != lines[0].page:
            break
        for cell in line.cells:
            if _ATTENTION_RE.match(cell.text) is None:
                continue
            if any(other is not cell and is_label_text(other.text.strip()) for other in line.cells):
                continue  # a field of the facts' grid, its labels side by side over their values ("Contact
                # person" beside "Customer no."): the issuer's contact, no recipient's attention line
            for other in (pos - 1, pos + 1):
                if not 0 <= other < len(lines) or lines[other].page != line.page:
                    continue
                if other == 0:
                    if labelled_from is None:
                        labelled_from = next(
                            (
                                at
                                for at, below in enumerate(lines[1:ATTENTION_HEAD_LINES], start=1)
                                if below.page == line.page and buyer_headings(below)
                            ),
                            -1,
                        )
                    if labelled_from > pos:
                        # the page's first line over a "c/o" line, a buyer label heading a block further
                        # down: the sender's own address (a studio in a shared workshop), not a recipient
                        continue
                named = next((c for c in lines[other].cells if abs(c.start - cell.start) <= 6), None)
                if named is not None and _addressee_like(named.text):
                    found.append((pos, cell, other, named))
                    break
    return found


def _addressee_like(text: str) -> bool:
    """A recipient's name: letters, no label, no address, no attention line, no contact detail."""
    name = without_salutation(_clean_name(text))
    return (
        len(name) >= 3
        and _LETTERS_RE.search(name) is not None
        and ":" not in text
        and _ATTENTION_RE.match(text) is None
        and _NOT_A_NAME.search(name) is None
        and not is_label_text(name)
        and not _address_like(name)
        and not _street_and_number(name)
    )


def attention_buyer(lines: Sequence[Line], vendor: str | None) -> tuple[str | None, Line | None]:
    """Without a buyer label: the name an attention line stands under or over (the recipient's block),
    never the vendor's."""
    for _, _, other, named in _attention_addressees(lines):
        name = without_salutation(_clean_name(named.text))
        if vendor and name_similarity(name, vendor) >= SAME_NAME_SIMILARITY:
            continue
        return name, lines[other]
    return None, None


_OWNER_LABEL_RE = re.compile(
    r"^\s*(?:" + "|".join(word_entries("owner_labels")) + r")(?![\w])\s*", re.IGNORECASE
)
"""An owner's line opening ("Inh.", "Innehavare:", "Eenmanszaak", "di", "Empresário em nome individual:"):
the person who owns a sole trade, printed under its trade name."""


def without_owner_label(name: str) -> str:
    """``name`` without the owner's label opening it ("Inh. Dr. Katrin Weidemann" -> "Dr. Katrin
    Weidemann", "di Rossi Marco & C. s.a.s." -> "Rossi Marco & C. s.a.s."). A short label without a
    stop or colon counts only in lower case, or in capitals before a name that is not ("EI Sophie Marchal":
    a sole trader's status before her name): "Di Marco Costruzioni" is a surname's."""
    match = _OWNER_LABEL_RE.match(name)
    if match is None:
        return name
    label = match.group(0).strip()
    rest = name[match.end() :]
    if (
        len(label) <= 3
        and not label.islower()
        and not any(mark in label for mark in ".:")
        and not (label.isupper() and not rest.isupper())
    ):
        return name
    return rest if _TWO_LETTERS_RE.search(rest) else name


_OCCUPATIONS_RE = word_pattern("occupations")
"""Occupations of the packs ("Fotógrafo", "Steuerberaterin", "graphic designer"): what a sole trader
prints under its name."""
_BESIDE_OCCUPATION_RE = re.compile(r"\([^)]*\)|[&/+,·|–-]")


_PUBLIC_BODY_RE = word_pattern("public_bodies")


def public_body(name: str) -> bool:
    """A public body's name ("Stadt Köln", "Ville de Nantes", "Region Västerås", "Statutární město Brno"):
    a word of the packs' `public_bodies` and at least one word more (the place), no digit, no colon."""
    if ":" in name or _DIGIT_RE.search(name) or len(name.split()) < 2:
        return False
    return _PUBLIC_BODY_RE.search(name) is not None


def _kind_opens_or_closes(name: str) -> bool:
    """Whether a public body's kind (`public_bodies`) opens the name ("Ville de Nantes") or closes it, the
    place first ("Espoon kaupunki", "Trondheim kommune", "Одеська міська рада")."""
    return any(match.start() == 0 or match.end() == len(name) for match in _PUBLIC_BODY_RE.finditer(name))


def occupation_line(text: str) -> bool:
    """A line saying what a sender does ("Fotógrafo", "Eletricista certificado", "Frilansande översättare
    (SV/EN)"): occupations of the packs and beside them at most one word in lower case (a qualifier), no
    name ("Fotografie Bakker" is a trade name)."""
    rest = _OCCUPATIONS_RE.pattern.sub(" ", text)
    if rest == text:
        return False
    words = [w for w in _BESIDE_OCCUPATION_RE.sub(" ", rest).split() if w.lower() not in _CONNECTORS]
    return len(words) <= 1 and all(w.islower() for w in words)


def without_salutation(name: str) -> str:
    """A buyer's ``name`` without the form of address an address block opens with: "Herrn Thomas Becker" is
    Thomas Becker, "Firma Schulz GmbH" Schulz GmbH, and a form of address alone ("Herrn" over the name's
    line) no name at all (""). A person's form before a name with a legal form stays: it is the firm's
    name ("Mr Price Group Ltd"). (Buyers only: a seller's name opening with one is its brand, "Mr. Tyre".)"""
    for _ in range(2):  # "Spett. Ditta Bellavista Srl": two forms, one after the other
        firm = _FIRM_SALUTATION_RE.match(name)
        person = _PERSON_SALUTATION_RE.match(name) if firm is None else None
        if firm is not None:
            name = name[firm.end() :]
        elif person is not None and (person.end() == len(name) or not legal_form(name)):
            name = name[person.end() :]
            # a couple's form ("Mr and Mrs", "Herrn und Frau", "M. et Mme"): the pack's "and" and a form again
            first, _, rest = name.partition(" ")
            if (
                (first.lower() in _CONNECTORS or first in _JOINING_MARKS)
                and (again := _PERSON_SALUTATION_RE.match(rest)) is not None
                and again.end() < len(rest)
            ):
                name = rest[again.end() :]
        else:
            break
    return name


_ISSUER_OPENING_RE = CaselessPattern(
    re.compile(r"^\s*(?:" + "|".join(word_entries("issuer_openings")) + r")\s*:?\s+", re.IGNORECASE)
)
"""A document's title naming its issuer after it ("Receipt from", "Rechnung von", "Kvitto från"), or an
opening naming the seller before its name ("Sold by", "Verkauft von", "Émise par": a marketplace's invoice),
set as a field label too ("Venduto da: ...", "Verkocht door: ...": a marketplace's seller block)."""


def without_issuer_opening(text: str) -> str:
    """``text`` without the title that names the issuer after it: "Receipt from Acme, Inc." is Acme,
    Inc. (an online shop's or a billing service's receipt). Only before a capital or a digit: "Rechnung
    vom 3. März" names no one."""
    match = _ISSUER_OPENING_RE.match(text)
    if match is None:
        return text
    rest = text[match.end() :]
    if not (rest[:1].isupper() or rest[:1].isdigit()):
        return text
    for comma in _COMMA_RE.finditer(rest):
        after = rest[comma.end() :]
        if after[:1].islower() and not _legal_form_only(after):
            return rest[
                : comma.start()
            ]  # "Sold by X Ltd, fulfilled by Y": the sentence goes on after the name
    return rest


_COMMA_RE = re.compile(r",\s+")


def operator_of_brand(text: str) -> str | None:
    """The legal entity a brand sentence names after the brand ("FlexGym drivs av Nordic Fitness Group AB"
    -> "Nordic Fitness Group AB"): the words before the phrase (the brand) and a name with a legal form
    after it (`_BRAND_OWNER_RE`); None for any other text."""
    match = _BRAND_OWNER_RE.search(text)
    if match is None or _TWO_LETTERS_RE.search(text[: match.start()]) is None:
        return None
    rest = text[match.end() :].strip()
    form = legal_form(rest)
    if not (rest[:1].isupper() or rest[:1].isdigit()) or form is None:
        return None
    tail = rest[form.end() :].strip(" .")
    if tail and tail.islower() and not any(map(str.isdigit, tail)):
        # the sentence goes on after the name in lower case, as where the verb or noun closes it (Finnish
        # "<brand> on yhtiön <name> Oy tuotemerkki"): the name ends at its legal form
        return rest[: form.end()]
    return rest


_QUOTE_MARKS_RE = re.compile(r"^\s*(?:>\s?)+")
"""The reply marks opening a quoted mail's line ("> ", ">> ")."""


@lru_cache(maxsize=16384)
def _opens_with_iban(text: str) -> bool:
    """Whether ``text`` opens with an IBAN or an IBAN's label: the account of the bank named before it."""
    text = text.strip()
    return _IBAN_LABEL_RE.match(text) is not None or _IBAN_RE.match(text) is not None


@lru_cache(maxsize=16384)
def _clean_name(text: str) -> str:
    """A name cell's text without what is printed around the name (an issuer's opening, a label, ids,
    an address run on, a form of address), once per distinct text: a head's cells are read again for
    the buyer and the account holder (over the development PDFs one text in six asked about is one the
    document asked about before)."""
    text = _QUOTE_MARKS_RE.sub("", text)  # "> Granlunda AB": a quoted mail's reply marks open its lines
    text = without_issuer_opening(text)
    text = operator_of_brand(text) or text
    mention = _LEGAL_MENTION_RE.match(text)
    if mention is not None and mention.start() == 0 and text[mention.end() :].lstrip().startswith(":"):
        # "Registered office: Medequip Services Ltd, 4 Mill Lane, …": the name after the mention's label
        text = name_before_address(text[mention.end() :].lstrip()[1:].strip())
    if _NAME_SEPARATOR_RE.search(text):
        parts = [part for part in _NAME_SEPARATOR_RE.split(text) if part.strip()]
        # (a part the account's IBAN follows is the bank's name: "… | Nordbank AG | IBAN DE12 …")
        text = (
            next(
                (
                    part
                    for at, part in enumerate(parts)
                    if legal_form(part) and not (at + 1 < len(parts) and _opens_with_iban(parts[at + 1]))
                ),
                parts[0],
            )
            if parts
            else text
        )
    dashed = _NAME_DASH_RE.split(text)
    if len(dashed) > 1 and legal_form(dashed[0]) and all(_DIGIT_RE.search(part) for part in dashed[1:]):
        # "Acme Lda. — NIF 509876543 — Rua do Cais 5, Porto": ids and an address after a dash
        text = dashed[0]
    text = _without_address_after_legal_form(text)
    text = name_end(text)[0]  # "HARBOUR VIEW SDN BHD (765432-X)", "FOO GMBH, HRB 1234, Sitz ..."
    text = identity_name(text) or text
    text = _REG_NO_RE.sub("", text)  # "(12)": a number in brackets closing the name
    text = _NAME_LABEL_RE.sub("", text)
    if ":" in text:  # "Seller: Acme Ltd": the section label before the name is no part of it
        hits = find_labels("vendor_section", text)
        if hits and hits[0].start == 0 and text[hits[0].end :].lstrip().startswith(":"):
            text = name_before_address(text[hits[0].end :])
        elif _is_sender_field(text.split(":", 1)[0]):  # a memo's short heading, one space on ("Från: Eva Ek")
            text = name_before_address(text.split(":", 1)[1])
    text = without_firm_salutation(without_owner_label(text.strip(" ,;:-–|*")))
    trade = _TRADING_NAME_TAIL_RE.search(text)
    if (
        trade is not None
        and _ends_with_legal_form(text[: trade.start()])
        and not any(form.end() > trade.start() for form in LEGAL_FORMS.finditer(text))
    ):  # (a bracket a legal form spans is the form's: "UG (haftungsbeschränkt)")
        text = text[: trade.start()]  # "Elbtal Reinigungsdienste GmbH (Elbtal Clean)": the trading name the
        # legal name is followed by in brackets is no part of it
    trailing = _TRAILING_SALUTATION_RE.search(text)
    if trailing is not None and "." in trailing.group(0) and len(text[: trailing.start()].split()) >= 2:
        text = text[: trailing.start()]
    return text


_TRADING_NAME_TAIL_RE = re.compile(r"\s\(([^()\d]{2,40})\)\s*$")
"""A bracketed name with no digit closing a name: a trading name after the legal name's legal form."""


def _without_address_after_legal_form(text: str) -> str:
    """``text`` cut after a legal form that its address follows on the line, a street and number or a
    postcode and town ("Beskyd Software s.r.o. Nádražní 72 602 00 Brno", "Douro Águas S.A. Rua do Carmo, 60
    4000-123 Porto"): a name and its address printed as one line whose separator ("·", "|") a scan's OCR
    lost. Else the text."""
    if legal_form(text) is None:
        return text  # (most names hold none: their first legal form looked up once per text)
    for form in LEGAL_FORMS.finditer(text):
        if not _LETTERS_RE.search(text[: form.start()]):  # "UAB Medis …", "ТОВ «…»": a form opening the name
            continue
        rest = text[form.end() :].strip(" ,;·|-–")
        if rest and _DIGIT_RE.search(rest) and not legal_form(rest) and _opens_with_address(rest):
            return text[: form.end()]
    return text


_HOUSE_NUMBER_END_RE = re.compile(r"\s\d{1,4}[A-Za-z]?(?=[\s,]|$)")


def _opens_with_address(text: str) -> bool:
    """``text`` is an address with its town: a postcode and town, or a street and number followed by them (a
    street and number alone may be the name: a housing company's "Asunto Oy Hämeenpuisto 20")."""
    if _POSTCODE_TOWN_RE.match(text):
        return True
    for number in _HOUSE_NUMBER_END_RE.finditer(text):
        town = text[number.end() :].strip(" ,")
        if town and _POSTCODE_TOWN_RE.match(town) and _street_and_number(text[: number.end()]):
            return True
    return False


def without_firm_salutation(name: str) -> str:
    """``name`` without a firm's form of address opening it ("M/s Gupta Traders", "Messrs. Hale & Co"):
    no part of a name, whoever prints it."""
    match = _FIRM_SALUTATION_RE.match(name)
    rest = name[match.end() :] if match is not None else ""
    return rest if _TWO_LETTERS_RE.search(rest) else name


def name_before_address(text: str) -> str:
    """The name of a name and its address written on one line with commas ("Acme Supply Inc., PO Box
    52, Phoenix, AZ 85072"): cut at the first comma after which a piece is an address line (a street,
    a post box, a postcode and town); a comma inside the name ("Smith, Jones & Co.", "Acme, Inc.")
    stays. Else the text."""
    pieces = text.split(",")
    for at in range(1, len(pieces)):
        piece = pieces[at].strip()
        if piece and (_address_like(piece) or _street_and_number(piece)) and not legal_form(piece):
            # a firm's name ends at its legal form: a piece between it and the address is the
            # address's first line (a building's or farm's name: "Acme Ltd, Long Furrow Farm, Spalding")
            ended = next(
                (
                    cut
                    for cut in range(1, at)
                    if _ends_with_legal_form(",".join(pieces[:cut]))
                    and not any(legal_form(later) for later in pieces[cut:at])
                ),
                at,
            )
            name = ",".join(pieces[:ended]).strip()
            return name if _TWO_LETTERS_RE.search(name) else text
    return text


_IDENTITY_SPLIT_RE = re.compile(r"\s+[-–—]\s+|,\s+")
"""Where a one-line identity parts a name from its address: a comma or a spaced dash."""
_HOUSE_NUMBER_ONLY_RE = re.compile(r"(?:n[.º°]?\s?)?\d{1,4}\s?[A-Za-z]?")
"""A house number alone, the piece after a street name and its comma ("82", "12 B", "nº 5")."""


@lru_cache(maxsize=16384)
def identity_name(text: str) -> str | None:
    """The name of a one-line identity that runs a name on into its address ("Harbourline Ltd — 14 Quay
    Street, Bristol", "Atelier Roux, 12 rue Neuve, 69002 Lyon"): the text before the first comma or
    spaced dash, when what follows it opens with a street and number or a postcode and town and the
    text before it is no address line itself; None for any other text ("Smith, Jones & Co LLP")."""
    if "," not in text and not any(dash in text for dash in (" - ", " – ", " — ")):
        return None  # (quick: no comma and no spaced dash, nothing to part the name from)
    split = _IDENTITY_SPLIT_RE.search(text)
    if split is None or split.start() < 2:
        return None
    name, rest = text[: split.start()].strip(), text[split.end() :]
    pieces = _IDENTITY_SPLIT_RE.split(rest, 2)
    first = pieces[0].strip()
    if (
        len(pieces) > 1
        and _HOUSE_NUMBER_ONLY_RE.fullmatch(pieces[1].strip())
        and _STREET_WORD_RE.search(first)
    ):
        first = (
            f"{first}, {pieces[1].strip()}"  # "Rua das Flores, 82", "Via Roma, 5": the number after a comma
        )
    if not _LETTERS_RE.search(name) or not _DIGIT_RE.search(first):
        return None
    if legal_form(name) is None and (_address_like(name) or _DIGIT_RE.search(name)):
        return None  # an address line itself ("Quay Street 14, Bristol"), not a name before one
    opens_address = (
        _street_and_number(first)
        or _ADDRESS_RE.match(first) is not None
        or _POSTCODE_TOWN_RE.match(first) is not None
        or _ADDRESS_WORD_RE.match(first) is not None
    )
    return name if opens_address else None


FOOTER_IDENTITY_BONUS = 2.0
"""Added to a name the page's foot prints as a one-line identity with its address (`identity_name`): the
issuer's own line, as a legal footer's."""
FOOTER_IDENTITY_TAX_BONUS = 3.5
"""Added besides to a footer's one-line identity that prints a VAT id or an IBAN, on its line or the next
(the footer's registration line under it): the issuer's legal line,
naming the party the tax id and the payment belong to — over an unlabelled block with a legal form at the
page's head, which is then the recipient's (a sole trader's invoice to a company, its details only in the
footer)."""


def _footer_identity(text: str, name: str) -> bool:
    """Whether ``text`` is a one-line identity opening with ``name``: the name run on into its address
    (`identity_name`), or the first of a return address's segments ("Oliver Grant | 38 Mill Road | Leeds").
    A street is no name: an identity line that opens with its street (an address line with a number and
    no legal form) leaves the name out. A line naming an account's holder other than ``name`` is the
    payment details ("Nordbank eG · IBAN … · Kontoinhaber: Firma KG"): the bank opens it."""
    if _plain_address(name) and _DIGIT_RE.search(name):
        return False
    holder = _holder_match(text)
    if holder is not None and _clean_name(holder.group("name")) != name:
        return False  # a bank's line: the account's holder named after the bank that opens it
    if _names_the_bank(text, name) and _IBAN_RE.search(text):
        return False  # "Banco X · IBAN: … · BIC: … · CIF: …": the account's bank opens the payment details
    if identity_name(text) == name:
        return True
    parts = _return_address_parts(text)
    if parts is not None:
        return _clean_name(parts[0]) == name
    return _identity_of_ids(text, name)


_LETTER_WORD_RE = re.compile(r"[^\W\d_]{2,}")
IDENTITY_ID_PARTS = 2
"""Parts after the name a legal line of ids prints at least (a register number, a bank account, a phone)."""


def _identity_of_ids(text: str, name: str) -> bool:
    """Whether ``text`` is a legal line naming its party and then its ids, parted by marks and no address
    ("Lindqvist Måleri | Bankgiro 123-4567 | Org.nr 780101-1234 | Godkänd för F-skatt"): the name first,
    `IDENTITY_ID_PARTS` or more parts a register label or contact details mark, no amount."""
    if "|" not in text and "·" not in text and "•" not in text:
        return False  # (quick: no mark parts the line)
    parts = [part.strip() for part in _SENDER_LINE_SPLIT_RE.split(text) if part.strip()]
    if len(parts) <= IDENTITY_ID_PARTS or _clean_name(parts[0]) != name or _AMOUNT_RE.search(text):
        return False
    if len(_LETTER_WORD_RE.findall(name)) < 2 or _IBAN_RE.search(text):
        return (
            False  # one word ("Banco · IBAN …": a bank's name, or the end of a wrapped one), an IBAN's bank
        )
    ids = sum(1 for part in parts[1:] if _REGISTRATION_LABEL_RE.search(part) or _contact_kinds(part, False))
    return ids >= IDENTITY_ID_PARTS


FOOTER_IDENTITY_LINES = 4
"""Last lines of page one (in its lower half) a one-line identity closing the page stands on."""

VENDOR_HEAD_LINES = 40
"""Lines at the top of the first page scored as the seller's name (the sender block)."""
VENDOR_FOOTER_LINES = 12
"""Lines at the bottom of the first page scored too (the legal footer names the seller)."""
LEGAL_MENTION_BONUS = 2.0
"""Added to a name a legal-mentions line prints before its share capital, registry or registered
office: with its legal form it beats a name-like block that has none (a customer-service address
at the top), not a letterhead with a legal form over its address."""


_FIRM_FIELD_RE = CaselessPattern(
    re.compile(r"^[\W_]*(?:" + "|".join(word_entries("name_fields")) + r")\s*:", re.IGNORECASE)
)
_TWO_LETTERS_RE = re.compile(r"[^\W\d_]{2}")  # letters of any script ("ΑΙΓΑΙΟ", "Родопа")


@dataclass(frozen=True)
class SenderHead:
    """Page one's head and footer as the seller's name is looked for in them: read once, for the hand
    rules (`choose_vendor_name`) and the learned scorer's candidates (`vendor_name_candidates`)."""

    page_lines: list[Line]
    counts: dict[str, int]
    """How often each cell's text (lower case, spaces collapsed) is printed in the whole document."""
    vendor_labels: list[tuple[int, int]]
    """(position, column) of each heading of the seller's block in the scored lines."""
    owned: set[int]
    """Positions of an owner's or operator's line ("operated by ...") and the line after a bare label."""
    domains: set[str]
    window: set[int]
    """Positions of the recipient's address window under a one-line return address."""
    cells: list[tuple[int, Cell, str]]
    """(position, cell, cleaned name) of every cell of the scored lines that may be a name."""
    spans: dict[tuple[int, str], int] = dataclasses.field(default_factory=dict)
    """Lines spanned by a name wrapped onto more than one line, by (position, name)."""
    mentions: set[tuple[int, str]] = dataclasses.field(default_factory=set)
    """(position, name) of the names a legal-mentions line prints before its mentions (share
    capital, registry, registered office): "Onde SAS au capital de ... RCS Lyon"."""
    vat_lines: frozenset[int] | None = None
    """Indexes of the lines of page one's VAT ids as `find_vat_ids` reads them from page one's lines
    (with their IBANs), where the reader of the head had them already; None: not read yet."""


def read_sender_head(lines: Sequence[Line], vat_ids: Sequence[Found] | None = None) -> SenderHead:
    """What the seller's name is chosen from, for lines that are not empty. ``vat_ids``: `find_vat_ids`
    of these lines (with `find_ibans`' IBANs of them), kept as page one's when all the lines are
    page one's (then page one's lines read the same)."""
    first_page = lines[0].page
    page_lines = [line for line in lines if line.page == first_page]
    vat_lines = (
        frozenset(found.line.index for found in vat_ids)
        if vat_ids is not None and len(page_lines) == len(lines)
        else None
    )
    # the sender block heads the page and the legal footer closes it: the middle (line items,
    # terms) only costs time and offers look-alikes
    scored = set(range(min(len(page_lines), VENDOR_HEAD_LINES)))
    scored.update(range(max(0, len(page_lines) - VENDOR_FOOTER_LINES), len(page_lines)))
    counts: dict[str, int] = {}
    for line in lines:
        for cell in _name_cells(line):
            key = " ".join(cell.text.lower().split())
            counts[key] = counts.get(key, 0) + 1
    vendor_labels: list[tuple[int, int]] = []
    closing = closing_captions(page_lines)
    owned: set[int] = set()
    for pos, line in enumerate(page_lines):
        if pos not in scored:
            continue
        if pos in closing:  # a caption under the seller's block: recorded over the block's first line
            vendor_labels += [
                (top - 1, hit.start) for top, hit in closing[pos] if hit.kind == "vendor_section"
            ]
        else:
            vendor_labels += [(pos, hit.start) for hit in _block_headings("vendor_section", line)]
        owner = _OWNER_RE.search(line.text)
        if owner is not None and not any(operator_of_brand(cell.text.strip()) for cell in line.cells):
            # (a sentence naming the brand's legal entity names the seller, no owner beside it); "Owned by: <company>":
            # the owner, on its line or the next
            owned.add(pos)
            if not line.text[owner.end() :].strip(" :"):
                owned.add(pos + 1)
    domains = {re.sub(r"[^a-z0-9]", "", label) for label in _domain_labels(page_lines)}
    window = address_window(page_lines[:VENDOR_HEAD_LINES])
    wrapped: dict[int, list[tuple[Cell, int]]] = {}
    parts: set[tuple[int, int]] = set()
    """(position, column) of the lines a wrapped name goes on in: a fragment, no name of its own."""
    for pos, cell, lower in wrapped_names(page_lines, sorted(p for p in scored if p < VENDOR_HEAD_LINES)):
        wrapped.setdefault(pos, []).append((cell, len(lower) + 1))
        parts.update((below, part.start) for below, part in lower)
    cells: list[tuple[int, Cell, str]] = []
    spans: dict[tuple[int, str], int] = {}
    mentions: set[tuple[int, str]] = set()
    table_from: int | None = None
    """Where the item table under a heading read on the way starts (its rows run on right under it)."""
    for pos, line in enumerate(page_lines):
        if pos not in scored:
            continue
        columns = header_columns(line)
        if columns:
            table_from = min(column.start for column in columns)
        elif table_from is not None and not _priced_row(line):
            table_from = None  # (the first line that is no row ends the rows)
        joined = wrapped.get(pos, [])
        line_cells = _name_cells(line)
        if table_from is not None:
            # an item table's column headings ("Item  Unit Price  Amount") and its rows' descriptions
            # name no party; a column beside the table (the seller's block down the left) still does
            line_cells = [cell for cell in line_cells if cell.end <= table_from]
            joined = [(cell, span) for cell, span in joined if cell.end <= table_from]
        spaced = {id(cell): _spaced_out(line, cell) for cell in line_cells}
        for cell in line_cells + [c for c, _ in joined]:
            if (pos, cell.start) in parts:
                continue
            if spaced.get(id(cell)) and any(
                spaced[id(other)] and other.start <= cell.start and other.end >= cell.end and other != cell
                for other in line_cells
            ):
                continue  # one word of a name set letter by letter: the whole name is read
            name = _clean_name(spaced.get(id(cell)) or cell.text)
            if len(name) < 2 or len(name) > 70 or not _LETTERS_RE.search(name) or is_label_text(name):
                continue  # a label is never a value ("Scadenza", "Factuurdatum")
            if "," in cell.text and dateline(cell.text.strip()) is not None:
                continue  # a letter's dateline ("Lille, le 9 mai 2025"): where it was written, no name
            cells.append((pos, cell, name))
            if name_end(cell.text)[1]:
                mentions.add((pos, name))
        for cell, span in joined:
            spans[(pos, _clean_name(cell.text))] = span
    return SenderHead(
        page_lines, counts, vendor_labels, owned, domains, window, cells, spans, mentions, vat_lines
    )


VAT_BLOCK_LINES = 8
"""Lines above the seller's VAT id that its sender block is looked for in."""
VAT_BLOCK_SLACK = 6
"""Characters a block's lines may stand left or right of the VAT id's cell and still be its column."""
VAT_BLOCK_BONUS = 2.5
FOOT_BLOCK_BONUS = 1.5
"""Added to a block's name where the only block holding the seller's VAT id is at the page's foot
(`VENDOR_FOOTER_LINES`, in the page's lower half): a sender block set at the foot, under the totals, the block heading the page (with
no id) the recipient's; a legal footer repeating the letterhead's name names the same party."""
"""Added to the name heading the block (name, address, contact lines) that prints the seller's VAT id:
the seller's own block, not the recipient's beside or under it, whatever legal form either carries."""
LETTERHEAD_LEGAL_NAME_BONUS = 3.0
"""Added to a footer name heading the very street line the letterhead prints under another name (a brand
or trade name): the footer's legal mentions name the legal seller."""


def _plain_address(text: str) -> bool:
    """An address line that is no company name: "3D Stolarstwo Sp. z o.o." opens like a house number
    but carries a legal form."""
    return _address_like(text) and legal_form(text) is None


FOOTER_BLOCK_LINES = 3
"""Lines above a footer's VAT id where the footer's name (over its street, in another column) may stand."""


def _footer_block_head(
    page_lines: Sequence[Line],
    names: dict[int, list[Cell]],
    pos: int,
    footer_from: int,
    first_row: int,
    holder: Cell | None = None,
) -> tuple[int, int] | None:
    """The name of a legal footer set in columns ("name / street / town" beside "phone / mail / VAT id"):
    the topmost name on the id's line or the few above it, in the footer, from the line over the first
    of the id's own column (``first_row``) down, with a street or a postcode and town right under it
    in its column (or under the name's second line: a name its column wrapped, "Bianchi & Figli" /
    "S.n.c."). A courtesy line over the footer ("Thank you for your business.") is no name. The name's
    column opens at or left of the id's (``holder``): the columns of one party's footer or block read
    from its name rightwards, so a name standing right of the id heads another party's block (two
    uncaptioned blocks side by side, the sender's contact column between them)."""
    start = max(footer_from, pos - FOOTER_BLOCK_LINES, first_row - 1)
    for row in range(start, min(pos + 1, len(page_lines) - 1)):
        for cell in names.get(row, []):
            text = cell.text.strip()
            if _street_and_number(text) or _POSTCODE_TOWN_RE.match(text) or _COURTESY_RE.search(text):
                continue
            if holder is not None and cell.start > holder.start:
                continue
            if _heads_street_in_column(page_lines, row, cell):
                return (row, cell.start)
    return None


def _heads_street_in_column(page_lines: Sequence[Line], row: int, cell: Cell) -> bool:
    """Whether a street (or an address line with a number) stands under the name ``cell`` of line ``row``
    in its column: right under it, or under the name's second line where its column wrapped the name (a
    legal form alone under it, "S.n.c.", or a name line ending with a word that joins a name's parts,
    "Studio Grafico Lombardi di" / "Paola Lombardi")."""
    for step in (1, 2):
        if row + step >= len(page_lines):
            return False
        under = next(
            (c for c in page_lines[row + step].cells if abs(c.start - cell.start) <= WRAP_COLUMN_SLACK), None
        )
        if under is None:
            return False
        if _street_and_number(under.text) or (_plain_address(under.text) and _DIGIT_RE.search(under.text)):
            return True
        words = cell.text.split()
        wrapped = _legal_form_only(under.text.strip()) or (
            bool(words) and words[-1].lower() in _PREPOSITIONS and not _DIGIT_RE.search(under.text)
        )
        if not wrapped:
            return False
    return False


def _block_head_over(
    page_lines: Sequence[Line],
    pos: int,
    holder: Cell,
    starts: set[tuple[int, int]],
    names: dict[int, list[Cell]],
    footer_from: int,
) -> tuple[int, int] | None:
    """(position, column) of the name heading the block that the cell ``holder`` on line ``pos`` closes
    (a VAT id, a phone, a mail address): the lines above it, as long as each has a cell in its column,
    the name right over the address lines (or the line over that name, a name too); in a legal footer
    set in columns, the footer's name over its street. None where a buyer label heads the block."""
    low, high = holder.start - VAT_BLOCK_SLACK, holder.end + VAT_BLOCK_SLACK
    run: list[tuple[int, list[Cell]]] = []  # the lines above the cell in its column, bottom up
    signed = False  # the run stopped at a letter's closing formula: the lines under it are its signature
    for up in range(pos - 1, max(-1, pos - VAT_BLOCK_LINES - 1), -1):
        over = [c for c in page_lines[up].cells if c.start < high and c.end > low]
        if not over:
            break
        if any(_CLOSING_RE.match(c.text) for c in over):
            signed = True  # "Kind regards," over the name and its tax id: the block starts under it
            break
        run.append((up, over))
    if signed and run:
        up, over = run[-1]
        named = [c for c in over if (up, c.start) in starts and not _plain_address(c.text)]
        if named and not _DIGIT_RE.search(named[0].text):
            return (up, named[0].start)  # the name signing the letter, its tax id under it
    address = False  # an address line under the name looked at (bottom up)
    top: tuple[int, int] | None = None
    over_top: list[tuple[int, Cell]] = []  # the name lines right over the name found, bottom up
    expect = -1  # the row the next name line over the name found stands on
    skipped = False  # an id alone passed over between the name found and a legal name over it
    for at, (up, cells_over) in enumerate(run):
        over = [c for c in cells_over if not _NOT_A_NAME.search(c.text)]  # (contact lines: neither)
        named = [c for c in over if (up, c.start) in starts and not _plain_address(c.text)]
        if named:  # (a name wrapped over two lines is read whole: its joined cell, where the row has one)
            named = [
                max((c for c in named if c.start == named[0].start), key=lambda c: len(c.text)),
                *named[1:],
            ]
        if top is not None:
            if up != expect:
                break
            if not named and over and _wrapped_part(names, up, over[0]):
                expect = up - 1  # the rest of a name wrapped from the line above: its head is read there
                continue
            if (
                not skipped
                and not named
                and cells_over
                and all(_ID_ALONE_RE.match(c.text) for c in cells_over)
            ):
                skipped, expect = True, up - 1  # "(123456-X)": the firm's register number under its name
                continue
            if (
                not named
                or _DIGIT_RE.search(named[0].text)
                or (skipped and legal_form(named[0].text) is None)
            ):
                break
            over_top.append((up, named[0]))
            expect = up - 1
            if len(over_top) >= NAME_MAX_LINES or skipped:
                break
            continue
        if named and address and not _under_street(run, at):
            top = (up, named[0].start)
            expect = up - 1
            if legal_form(named[0].text) is not None:
                break  # a name with its legal form heads the block (a brand's word over it: "Douro")
        address = address or any(_plain_address(c.text) or _street_and_number(c.text) for c in over)
    if top is not None and over_top:
        # the line over the name where that is a name too (a person's name over a trade description,
        # a name wrapped), never further up; further up only to a name with its legal form (a contact
        # person and a department under the firm: "Hausverwaltung GmbH & Co." / "Erika Beispiel" / ...;
        # a shop's name under the firm and its register number)
        legal = next(((row, cell) for row, cell in over_top if legal_form(cell.text) is not None), None)
        # a line saying what the sender does heads no block: the name over it does ("Estúdio Lopes" over
        # "Contabilista certificado" over the owner's name)
        named_over = [
            (row, cell)
            for row, cell in over_top
            if not occupation_line(cell.text)
            or _name_field_label_before(page_lines[row], cell)
            or (row > 0 and section_hits("vendor_section", page_lines[row - 1]))
        ]  # (a line a label names the seller's is its name, whatever its words: "Seller:" / "Name:")
        if legal is not None or (not skipped and named_over):
            row, cell = legal or named_over[0]
            top = (row, cell.start)
    if top is None and pos >= footer_from:
        top = _footer_block_head(page_lines, names, pos, footer_from, run[-1][0] if run else pos, holder)
    if top is not None and any(
        section_hits("buyer_section", page_lines[row]) for row in (top[0] - 1, top[0]) if row >= 0
    ):
        return None  # a buyer label heads the block ("Rechnung an:"): the id is the buyer's
    return top


def _wrapped_part(names: dict[int, list[Cell]], row: int, cell: Cell) -> bool:
    """Whether ``cell`` on ``row`` is the rest of a name wrapped from the row above (`wrapped_names`): a name
    cell there, in its column, whose joined text ends with this one's."""
    text = " ".join(cell.text.split())
    return bool(text) and any(
        abs(other.start - cell.start) <= WRAP_COLUMN_SLACK
        and len(other.text) > len(text)
        and " ".join(other.text.split()).endswith(" " + text)
        for other in names.get(row - 1, [])
    )


_ID_ALONE_RE = re.compile(r"^\s*\(?\s*[\d][\d\s./-]*[-\s]?[A-Za-z]?\s*\)?\s*$")
"""A cell that is an id alone, such as a register number printed in brackets under a firm's name:
digits, with at most one check letter after them."""


def _under_street(run: Sequence[tuple[int, list[Cell]]], at: int) -> bool:
    """Whether the line ``run[at]`` stands right under a street and number in the block's column (the
    next line up in ``run``, which lists the lines bottom up; a postcode and town closes an address, so
    a name under one opens another block): a locality line inside the address
    ("Unit 4, 17 Mill Lane" / "Northgate Park" / "Leeds LS2 7EW"), not the name heading the block."""
    if at + 1 >= len(run) or run[at + 1][0] != run[at][0] - 1:
        return False
    return any(
        _street_and_number(c.text)
        or (_plain_address(c.text) and _DIGIT_RE.search(c.text) and not _POSTCODE_TOWN_RE.match(c.text))
        for c in run[at + 1][1]
    )


VAT_CELL_ROOM = 40
"""Characters a block's VAT id cell holds at most beyond the id (its label: "VAT Registration Number:"); a
wider cell is a line of several facts, not one line of a block set in a column."""


def _name_index(
    cells: Sequence[tuple[int, Cell, str]],
) -> tuple[dict[int, list[Cell]], set[tuple[int, int]]]:
    """The name cells of `SenderHead.cells` by row, and their (row, column): what `_block_head_over` reads."""
    names: dict[int, list[Cell]] = {}
    for row, name_cell, _ in cells:
        names.setdefault(row, []).append(name_cell)
    return names, {(row, name_cell.start) for row, name_cell, _ in cells}


def _vat_block_heads(
    page_lines: Sequence[Line],
    cells: Sequence[tuple[int, Cell, str]],
    seller_vats: Sequence[Found],
    footer_from: int,
) -> set[tuple[int, int]]:
    """(position, column) of the name heading the block that holds the seller's VAT ids: the lines above
    an id, as long as each has a cell in its column: the name right over the address lines (or the line
    over that name, a name too) heads it (in a legal footer set in columns, the footer's name over its street). Only where the
    page reads one VAT id as the seller's, and the blocks holding it are headed by one name."""
    if len({vat.value for vat in seller_vats}) != 1:
        return set()  # two ids (the buyer's unlabelled beside the seller's): which block is whose is open
    at_line = {line.index: pos for pos, line in enumerate(page_lines)}
    names, starts = _name_index(cells)
    heads: set[tuple[int, int]] = set()
    for vat in seller_vats:
        pos = at_line.get(vat.line.index)
        at = vat.line.text.find(vat.text)
        holder = cell_holding(vat.line, at) if at >= 0 else None
        if pos is None or holder is None:
            continue
        if len(holder.text) > len(vat.text) + VAT_CELL_ROOM:
            continue  # an identity line ("Name, street, town, VAT id, IBAN"): no block's column over it
        top = _block_head_over(page_lines, pos, holder, starts, names, footer_from)
        if top is not None:
            heads.add(top)
    head_names = {" ".join(text.lower().split()) for row, cell, text in cells if (row, cell.start) in heads}
    return heads if len(head_names) == 1 else set()  # blocks of two names with the id: it decides nothing


CONTACT_BLOCK_KINDS = 2
"""Kinds of contact details (phone, mail or web, tax id, bank account) a block prints under its name
for the name to be read as the issuer's: the seller prints how to reach and pay them, the recipient's
address block (an address window) prints a postal address."""
CONTACT_BLOCK_BONUS = 3.0
"""Added to the name heading such a block, as much as a legal form: a sole trader or a firm with no
legal form over its phone, mail and tax id is the seller, not the customer's company in the window."""
LETTERHEAD_LINE_ROWS = 3
"""Lines from the top of the page where a letterhead's lone name over its one-line contact line may stand."""


def _over_contact_line(
    page_lines: Sequence[Line], cells: Sequence[tuple[int, Cell, str]]
) -> set[tuple[int, int]]:
    """(position, column) of a name alone on one of the page's first lines right over a line that is a
    whole address with a phone number or a mail address ("Weg 5 · 80331 München · Tel. +49 …"), in any
    column (a page header: the name on the right, the contact line across): the sender's letterhead. A
    recipient's address block prints no phone on its address line."""
    found: set[tuple[int, int]] = set()
    for pos, cell, _ in cells:
        if pos >= LETTERHEAD_LINE_ROWS or pos + 1 >= len(page_lines) or len(page_lines[pos].cells) != 1:
            continue
        below = page_lines[pos + 1]
        if len(below.cells) != 1 or below.page != page_lines[pos].page:
            continue
        text = below.cells[0].text.strip()
        if _contact_kinds(text, False) & {"phone", "mail"} and _whole_address(text, cell.text.strip()):
            found.add((pos, cell.start))
    return found


CONTACT_HEAD_REACH = 4
"""Lines under a block's name where the address line a footer's legal name confirms may stand."""
CONTACT_MIN_DIGITS = 6
"""Digits a cell holds at least to be a phone number, a tax id or an account (not a street's)."""

_PHONE_LABEL_RE = word_pattern("phone_labels")
_PHONE_NUMBER_RE = re.compile(r"(?<![\w+])\+\s?\d")


def _contact_kinds(text: str, tax_line: bool) -> set[str]:
    """The kinds of contact details a cell prints: "mail" (a mail or web address), "bank" (an IBAN or
    account), "tax" (a tax id, on a line where one was read as the seller's), "phone"; none for a
    customer's field ("Customer ABN: ...", "Kunden-Nr.")."""
    mail = "@" in text or _WEB_RE.search(text) is not None
    if len(text) - len(text.translate(_NO_DIGITS)) < CONTACT_MIN_DIGITS:
        return {"mail"} if mail else set()
    kinds: set[str] = {"mail"} if mail else set()
    if _LETTERS_RE.search(text) is None:  # a number alone (an amount, a date; a phone, an id)
        if tax_line:
            kinds.add("tax")
        elif "+" in text and _PHONE_NUMBER_RE.search(text):
            kinds.add("phone")
        return kinds
    if _CUSTOMER_FIELD_RE.search(text):
        return set()
    if _IBAN_LABEL_RE.search(text) or _IBAN_RE.search(text):
        kinds.add("bank")
    elif tax_line:
        kinds.add("tax")
    elif ("+" in text and _PHONE_NUMBER_RE.search(text)) or _PHONE_LABEL_RE.search(text):
        kinds.add("phone")
    return kinds


_NO_DIGITS = dict.fromkeys(map(ord, "0123456789"))
_WEB_RE = re.compile(r"www\.|http", re.IGNORECASE)


def _address_block_between(page_lines: Sequence[Line], top: int, pos: int, holder: Cell) -> bool:
    """Whether the lines between a block's name (line ``top``) and its contact line ``pos`` hold, in the
    contact's column, nothing but address and contact lines, after the name's own lines with no number
    (its second line, a trade description, a contact person, a department): a block, not a page of
    items and totals over a footer."""
    low, high = holder.start - VAT_BLOCK_SLACK, holder.end + VAT_BLOCK_SLACK
    names = True  # still in the name's lines (before the first address line)
    for row in range(top + 1, pos):
        for cell in page_lines[row].cells:
            if cell.start >= high or cell.end <= low:
                continue
            text = cell.text.strip()
            if names and not _DIGIT_RE.search(text):
                continue
            names = False
            if _NOT_A_NAME.search(text) or _contact_kinds(text, False):
                continue  # a contact line
            if _AMOUNT_RE.search(text) or len(text) > ADDRESS_LINE_CHARS:
                return False  # an item's or a total's amount, a sentence
            if not (_street_and_number(text) or _POSTCODE_TOWN_RE.match(text) or _plain_address(text)):
                return False
    return True


_AMOUNT_RE = re.compile(r"\d[.,]\d{2}(?![\d.,])")
"""A money amount with its cents ("21,72", "1.234,50"): a line of items or totals, never an address's."""


ADDRESS_LINE_CHARS = 60
"""Characters an address line of a block holds at most (a longer one is a sentence or a row of items)."""


def _contact_block_heads(
    page_lines: Sequence[Line],
    cells: Sequence[tuple[int, Cell, str]],
    seller_vats: Sequence[Found],
    footer_from: int,
) -> set[tuple[int, int]]:
    """(position, column) of the names heading a block (name, address lines, then contact lines; or a
    footer set in columns beside them) that prints at least `CONTACT_BLOCK_KINDS` kinds of contact
    details: phone, mail or web, the seller's tax id, a bank account."""
    names, starts = _name_index(cells)
    tax_lines = {vat.line.index for vat in seller_vats}
    kinds: dict[tuple[int, int], set[str]] = {}
    for pos, line in enumerate(page_lines):
        if VENDOR_HEAD_LINES <= pos < footer_from:
            continue
        text = line.text
        if (
            len(text) - len(text.translate(_NO_DIGITS)) < CONTACT_MIN_DIGITS
            and "@" not in text
            and _WEB_RE.search(text) is None
        ):
            continue  # (no cell of the line can print contact details)
        for cell in line.cells:
            found = _contact_kinds(cell.text, line.index in tax_lines)
            if (
                not found
                or len(cell.text) > ADDRESS_LINE_CHARS
                or len(_SENDER_LINE_SPLIT_RE.split(cell.text)) > 2
            ):
                continue  # (a one-line footer "Name · VAT … · www … · Tel …" names its own party)
            top = _block_head_over(page_lines, pos, cell, starts, names, footer_from)
            if top is not None and _address_block_between(page_lines, top[0], pos, cell):
                kinds.setdefault(top, set()).update(found)
    return {head for head, found in kinds.items() if len(found) >= CONTACT_BLOCK_KINDS}


PAYEE_BLOCK_BONUS = 3.0
"""Added to the name heading the one block of the page's head whose column goes on to a bank account (an
IBAN, or an account label over its number): the party that prints where to pay it is the payee, the seller.
The other party's block beside it prints an address and ids, never a bank account."""
PAYEE_BESIDE_ROWS = 2
"""Rows two block heads may stand apart and still be side by side (two parties' blocks in two columns)."""
_ACCOUNT_NUMBER_RE = re.compile(r"^\s*\d[\d /-]{4,}\d\s*$")
"""A domestic bank account number alone in its cell: digits with spaces, slashes or dashes
("9198429087/0800", "12-3456-7890123-00")."""


def _bank_cell(cell: Cell, above: Line | None) -> bool:
    """Whether ``cell`` prints a bank account: an IBAN whose check digits hold, an account label with its
    number ("Account: 1234-5678 90"), or an account number alone under an account label in its column
    (``above``: the line over the cell's)."""
    text = cell.text.strip()
    for match in _IBAN_RE.finditer(text):
        if stdnum_iban.is_valid(match.group(0).replace(" ", "")):
            return True
    label = _IBAN_LABEL_RE.search(text)
    if label is not None:
        return bool(_ACCOUNT_NUMBER_RE.match(text[label.end() :].lstrip(" :.")))
    if above is None or not _ACCOUNT_NUMBER_RE.match(text):
        return False
    return any(
        c.start < cell.end
        and c.end > cell.start
        and _IBAN_LABEL_RE.search(c.text)
        and not _DIGIT_RE.search(c.text)
        for c in above.cells
    )


def payee_block_head(
    page_lines: Sequence[Line], cells: Sequence[tuple[int, Cell, str]]
) -> tuple[int, int] | None:
    """(position, column) of the name heading the one block of the page's head whose column goes on to a bank
    account (name, address and id lines, then the account): the seller's block, where the page sets the two
    parties' blocks side by side with no heading. None where no head block, or more than one, holds one."""
    names, starts = _name_index(cells)
    footer_from = len(page_lines) - VENDOR_FOOTER_LINES
    heads: set[tuple[int, int]] = set()
    for pos in range(1, min(VENDOR_HEAD_LINES, len(page_lines))):
        line = page_lines[pos]
        if not _DIGIT_RE.search(line.text):
            continue  # (no account on the line)
        above = page_lines[pos - 1] if page_lines[pos - 1].page == line.page else None
        for cell in line.cells:
            if not _bank_cell(cell, above):
                continue
            top = _block_head_over(page_lines, pos, cell, starts, names, footer_from)
            if (
                top is not None
                and _beside_another_block(page_lines, cells, top)
                and not any(
                    _AMOUNT_RE.search(c.text) or len(c.text) > ADDRESS_LINE_CHARS
                    for row in range(top[0] + 1, pos)
                    for c in page_lines[row].cells
                    if c.start < cell.end + VAT_BLOCK_SLACK and c.end > cell.start - VAT_BLOCK_SLACK
                )
            ):  # (a block of short lines: no item's or total's amount between its name and the account)
                heads.add(top)
    return next(iter(heads)) if len(heads) == 1 else None


def _beside_another_block(
    page_lines: Sequence[Line], cells: Sequence[tuple[int, Cell, str]], top: tuple[int, int]
) -> bool:
    """Whether the name heading the block at ``top`` stands over its address and another name beside it, in
    another column, over an address too: two parties' blocks side by side."""
    named = {(row, cell.start): cell for row, cell, _ in cells}
    if top not in named or not _over_an_address(page_lines, top[0], named[top]):
        return False
    return any(
        _side_by_side((row, cell.start), top) and _over_an_address(page_lines, row, cell)
        for row, cell, _ in cells
    )


def _over_an_address(page_lines: Sequence[Line], row: int, cell: Cell) -> bool:
    """Whether the line under ``row`` prints an address line (a street, a postcode and town) in the column of
    ``cell`` (set left or right: the cells overlap)."""
    if row + 1 >= len(page_lines) or page_lines[row + 1].page != page_lines[row].page:
        return False
    return any(
        c.start < cell.end
        and c.end > cell.start
        and (_street_and_number(c.text.strip()) or address_like(c.text.strip()))
        for c in page_lines[row + 1].cells
    )


def beside_the_payee(
    page_lines: Sequence[Line],
    cells: Sequence[tuple[int, Cell, str]],
    payee: tuple[int, int],
    found: Found,
) -> bool:
    """Whether the id ``found`` closes a block of the page's head that stands beside the payee's block
    (`payee_block_head`), not in it: the other party's id, the buyer's."""
    pos = next((at for at, line in enumerate(page_lines) if line is found.line), None)
    at = found.line.text.find(found.text)
    holder = cell_holding(found.line, at) if at >= 0 else None
    if pos is None or holder is None or pos >= VENDOR_HEAD_LINES:
        return False
    names, starts = _name_index(cells)
    top = _block_head_over(page_lines, pos, holder, starts, names, len(page_lines) - VENDOR_FOOTER_LINES)
    return _side_by_side(top, payee)


def beside_the_payee_name(
    head: SenderHead, payee: tuple[int, int], vendor: str | None
) -> tuple[str, Line] | None:
    """The name heading the block set beside the payee's (`payee_block_head`) over its own address: the
    other party, the buyer, where no label names it."""
    own = " ".join((vendor or "").lower().split())
    for pos, cell, name in head.cells:
        if (
            _side_by_side((pos, cell.start), payee)
            and " ".join(name.lower().split()) != own
            and _heads_address(head.page_lines, pos, cell.start, name, None, head.spans.get((pos, name), 1))
        ):
            return name, head.page_lines[pos]
    return None


def _side_by_side(head: tuple[int, int] | None, payee: tuple[int, int]) -> bool:
    """Whether the block head ``head`` stands beside the block head ``payee``, in another column."""
    return head is not None and head[1] != payee[1] and abs(head[0] - payee[0]) <= PAYEE_BESIDE_ROWS


def _street_under(line: Line | None, column: int) -> str | None:
    """The street-and-number cell of ``line`` standing in ``column``, lower case, spaces collapsed."""
    if line is None:
        return None
    cell = next((c for c in line.cells if abs(c.start - column) <= WRAP_COLUMN_SLACK), None)
    if cell is None or not _street_and_number(cell.text.strip()):
        return None
    return " ".join(cell.text.lower().split())


def _letterhead_legal_names(
    page_lines: Sequence[Line], cells: Sequence[tuple[int, Cell, str]], footer_from: int
) -> dict[tuple[int, int], set[int]]:
    """(position, column) of the footer names heading the street line that the head of the page prints
    under a name of its own (a brand, a trade name), or opening a one-line footer that prints the head's
    street or postcode and town after them ("Sofia Nyström · Drottninggatan 72 · 411 01 Göteborg ·
    VAT …"): the footer's name is the legal one. Each with the positions of the head's lines it matched."""
    head = page_lines[: max(0, footer_from)]
    head_texts = {" ".join(c.text.lower().split()) for line in head for c in line.cells}
    # the pieces of the head's one-line contact lines too ("Drottninggatan 151 · 753 20 Uppsala · +46 …"
    # under a brand): its street is printed there as much as on a line of its own
    head_pieces: dict[str, set[int]] = {}
    for row, line in enumerate(head):
        for c in line.cells:
            if not _SEPARATORS.isdisjoint(c.text):
                for piece in _SENDER_LINE_SPLIT_RE.split(c.text):
                    head_pieces.setdefault(" ".join(piece.lower().split()), set()).add(row)
    head_texts |= head_pieces.keys()

    def rows_of(text: str) -> set[int]:  # (read only for a text matched: rare)
        return {
            row
            for row, line in enumerate(head)
            for c in line.cells
            if " ".join(c.text.lower().split()) == text
        } | head_pieces.get(text, set())

    out: dict[tuple[int, int], set[int]] = {}
    for pos, cell, name in cells:
        if pos < footer_from or " ".join(name.lower().split()) in head_texts:
            continue
        street = _street_under(page_lines[pos + 1], cell.start) if pos + 1 < len(page_lines) else None
        if street is not None and street in head_texts:
            out[(pos, cell.start)] = rows_of(street)
            continue
        if _SEPARATORS.isdisjoint(cell.text):
            continue  # no one-line footer
        pieces = [" ".join(p.lower().split()) for p in _SENDER_LINE_SPLIT_RE.split(cell.text)]
        if len(pieces) < 3 or " ".join(name.lower().split()) != pieces[0]:
            continue
        matched = {
            row
            for piece in pieces[1:]
            if piece in head_texts and (_street_and_number(piece) or _POSTCODE_TOWN_RE.match(piece))
            for row in rows_of(piece)
        }
        if matched:
            out[(pos, cell.start)] = matched
    return out


_SEPARATORS = frozenset("-–·|•●∙▪")
"""The marks `_SENDER_LINE_SPLIT_RE` splits a one-line address at."""


def _names_the_bank(text: str, name: str) -> bool:
    """A name whose run goes on with an account ("ČSOB, a.s. · IBAN CZ89 …", "Nordea Bank · IBAN: …"):
    the bank an account is held with, on a footer's line beside the issuer's VAT id, not the issuer."""
    at = text.find(name)
    if at < 0:
        return False
    rest = text[at + len(name) :].lstrip(" ·|•,;:-–")
    return bool(rest) and (_IBAN_LABEL_RE.match(rest) is not None or _IBAN_RE.match(rest) is not None)


def spaced_elsewhere(lines: Sequence[Line], name: str) -> str:
    """``name`` as the page prints it elsewhere with the word gaps its own line lost: a wordmark set
    letter-spaced or in two tones runs its words together in the text layer ("NorthwindTrading Ltd"), the
    return line, the signature or the footer prints the same letters as words ("Northwind Trading Ltd").
    Only a form that splits the name's words further, into words of two letters or more, is taken; else
    ``name`` as read."""
    words = name.split()
    glued = "".join(words)
    if len(glued) < 6 or len(glued) > 120:
        return name
    pattern = re.compile(r"(?<!\w)" + r"\s?".join(re.escape(ch) for ch in glued) + r"(?!\w)")
    best = name
    for line in lines:
        for match in pattern.finditer(line.text):
            found_words = match.group(0).split()
            if len(found_words) > len(best.split()) and all(
                len(w) >= 2 or not w.isalpha() for w in found_words
            ):
                best = " ".join(found_words)
    return best


def choose_vendor_name(
    lines: Sequence[Line],
    vat_lines: set[int],
    buyer_lines: BuyerZone | set[int],
    head: SenderHead | None = None,
    seller_vats: Sequence[Found] = (),
    payee: tuple[int, int] | None = None,
) -> tuple[str | None, Line | None, float]:
    """Score the cells of the first page (and the footer) as the seller's name (``head``: read
    from these lines already; ``seller_vats``: the VAT ids read as the seller's; ``payee``: the head of
    the block over the bank account, `payee_block_head` of ``head``, where one was found)."""
    if not lines:
        return None, None, 0.0
    head = read_sender_head(lines) if head is None else head
    page_lines, counts, vendor_label_lines = head.page_lines, head.counts, head.vendor_labels
    owned, domains, window = head.owned, head.domains, head.window
    address_cache: dict[str, bool] = {}
    first_under_label: set[int] = set()
    for label_pos, _ in vendor_label_lines:
        for below in range(label_pos + 1, min(label_pos + 5, len(page_lines))):
            if not _FIELD_LINE_RE.match(page_lines[below].text):
                first_under_label.add(below)
                break
    # first the cheap evidence for every cell, then the costly checks from the best down, stopping
    # once no bonus left could lift a candidate over the best so far (branch and bound)
    footer_from = len(page_lines) - VENDOR_FOOTER_LINES
    in_legal_footer = {
        " ".join(name.lower().split())
        for pos, cell, name in head.cells
        if pos >= footer_from and page_lines[pos].index in vat_lines and not _names_the_bank(cell.text, name)
    }
    """Names the page's last lines print on the line of a VAT id: the issuer's legal footer."""
    identity_from = max(len(page_lines) - FOOTER_IDENTITY_LINES, len(page_lines) // 2)
    in_identity = {
        " ".join(name.lower().split())
        for pos, cell, name in head.cells
        if pos >= identity_from and _footer_identity(cell.text.strip(), name)
    }
    """Names a one-line identity closing the page prints ("Name · street · town")."""
    vat_heads = _vat_block_heads(page_lines, head.cells, seller_vats, footer_from)
    foot_from = max(footer_from, len(page_lines) // 2)  # (a short page's footer lines reach its head)
    if payee is not None:
        vat_heads = {h for h in vat_heads if not _side_by_side(h, payee)}  # (the other party's block)
    legal_names = _letterhead_legal_names(page_lines, head.cells, footer_from)
    contact_heads = _contact_block_heads(page_lines, head.cells, seller_vats, footer_from)
    addressees = _addressee_cells(page_lines[:VENDOR_HEAD_LINES])
    signatures = _signature_cells(page_lines)
    # a letter signed by its sender: the block under a letterhead without a name is the addressee's
    nameless = _under_nameless_letterhead(page_lines[:VENDOR_HEAD_LINES], vat_lines) if signatures else set()
    addressees |= nameless
    buyer_twins = _buyer_twins(page_lines[:VENDOR_HEAD_LINES], buyer_lines)
    contact_lines = _over_contact_line(page_lines, head.cells)
    owner_lines = _owner_lines(page_lines[:VENDOR_HEAD_LINES])
    buyer_columns = {
        label_pos: [hit.start for hit in buyer_headings(page_lines[label_pos])]
        for label_pos, _ in vendor_label_lines
    }
    operators = platform_operators(page_lines)
    brand, holders = _brand_holders(head.cells)
    candidates: list[tuple[float, int, int, Cell, str, Line]] = []
    body_size = _body_font_size(page_lines)
    for pos, cell, name in head.cells:
        line = page_lines[pos]
        score = 0.0
        if body_size is not None:
            score += PROMINENCE_BONUS * _prominence(line, cell, body_size)
        if (pos, cell.start) in vat_heads:
            score += VAT_BLOCK_BONUS
            if (
                pos >= foot_from
                and all(row >= foot_from for row, _ in vat_heads)
                and not (_address_like(name) or _ADDRESS_WORD_RE.match(name) or _DIGIT_RE.search(name))
            ):
                score += FOOT_BLOCK_BONUS  # the only block holding the seller's VAT id closes the page
        if (pos, cell.start) == payee:
            score += PAYEE_BLOCK_BONUS
        if (pos, cell.start) in legal_names:
            score += LETTERHEAD_LEGAL_NAME_BONUS
            if any(
                0 < at - row <= CONTACT_HEAD_REACH
                for row, _ in contact_heads
                for at in legal_names[(pos, cell.start)]
            ):
                score += CONTACT_BLOCK_BONUS  # the head's block it confirms prints the contact details
        if (pos, cell.start) in contact_heads or (pos, cell.start) in contact_lines:
            score += CONTACT_BLOCK_BONUS
        if (pos, cell.start) in addressees:
            score -= ADDRESSEE_PENALTY  # "Herrn" over "Jonas Wild", "Mrs J Okafor": a letter's recipient
        if (pos, cell.start) in buyer_twins:
            score -= 4.0  # the buyer's name again beside its block (billing and shipping columns)
        if operators and _runs_the_platform(" ".join(name.lower().split()), operators):
            score -= PLATFORM_OPERATOR_PENALTY  # the marketplace's operator, the seller named in its block
        if _GREETING_RE.match(cell.text.strip()):
            score -= GREETING_PENALTY  # "Dear Ms Okafor,": the letter's addressee
        key = " ".join(name.lower().split())
        if key in holders or (
            brand is not None
            and not vendor_label_lines  # (a block the page labels the seller's says whose it is)
            and pos > brand[0]
            and key.startswith(brand[1] + " ")
            and legal_form(name)
        ):
            score += BRAND_HOLDER_BONUS  # the legal entity the page's brand belongs to
        if (pos, cell.start) in owner_lines:
            score -= OWNER_LINE_PENALTY  # "Inh. Jonas Wild" under "Wild Gartenbau": the owner, not the name
        if " ".join(name.lower().split()) in in_legal_footer or (
            pos < identity_from and " ".join(name.lower().split()) in in_identity
        ):
            score += 1.5  # the letterhead's name again in the legal footer, beside the VAT id, or in the
            # identity line closing the page
        if pos >= identity_from and _footer_identity(cell.text.strip(), name):
            score += FOOTER_IDENTITY_BONUS  # "Harbourline Ltd — 14 Quay Street, Bristol" closing the page
            under = page_lines[pos + 1] if pos + 1 < len(page_lines) else None
            if any(
                row is not None
                and row.page == line.page
                and (row.index in vat_lines or _IBAN_RE.search(row.text))
                for row in (line, under)
            ):  # "... | VAT Reg. No. GB326291799 | IBAN ...": its legal line (or the line under it: a
                # footer's identity over its registration line)
                score += FOOTER_IDENTITY_TAX_BONUS
        prefix = line.text[: cell.start]
        if ":" in prefix:  # the value of a "field: value" line
            field = prefix.rsplit(":", 1)[0]
            named = _NAME_FIELD_RE.search(field) and not _CUSTOMER_FIELD_RE.search(field)
            if _is_sender_field(field):
                if len(prefix) - len(field) - 1 <= FIELD_TAB_CHARS:
                    score += SENDER_FIELD_BONUS  # "Von:   Anja Zöllner", "From: ...": the memo's sender
                # (across the page, the heading's value is the block under it: the cell right of it is
                # another column's, the other party's block beside it)
            else:
                score += 2.0 if named else -2.0  # a customer's name field ("Guest name: ...")
        elif ":" in cell.text and _is_sender_field(cell.text.split(":", 1)[0]):
            score += SENDER_FIELD_BONUS  # the same field set with one space: "Van: Fotografie Jansen"
        if name.startswith("(") and name.endswith(")"):
            score -= 2.0
        legal = legal_form(name)
        if legal is not None and legal.start() == 0 and " " in name:
            legal = LEGAL_FORMS.search(
                name, legal.end()
            )  # a legal form opening a name is a place word; one ends a name
        if legal is None:
            legal = LEADING_LEGAL_FORMS.match(name)  # where the locale prints the form first
        if legal is not None:
            score += 3.0
            if not _TWO_LETTERS_RE.search(_without_legal_forms(name)):
                score -= 6.0  # "GmbH" alone is the tail of a name split by the layout
        elif public_body(name):
            score += 3.0  # "Gemeente Utrecht", "Ville de Nantes": a public body carries no legal form
        digits = sum(map(str.isdigit, name))
        if digits > len(name) / 4:
            score -= 3.0
        if ":" in name:
            score -= 1.5
        if cell.text.rstrip().endswith(":") or line.text[cell.end :].lstrip().startswith(":"):
            score -= 3.0  # a field label ("Nummer   : 73105"), not a value
        if " ".join(name.lower().split()) in _COUNTRIES:
            score -= 3.0
        score += max(0.0, 2.0 - pos * 0.15)
        if _in_zone(buyer_lines, line, cell.start, cell.end):
            score -= 4.0
        if line.index in vat_lines:
            score += 1.0
        if (pos, name) in head.mentions:
            score += LEGAL_MENTION_BONUS  # "Onde SAS au capital de ... RCS Lyon": the issuer's legal line
        if any(
            0 < pos - label_pos <= 4
            and abs(cell.start - col) < 100
            # (a buyer heading beside the seller's nearer the cell heads its column: "Sprzedawca:  Nabywca:")
            and not any(abs(cell.start - other) < abs(cell.start - col) for other in buyer_columns[label_pos])
            for label_pos, col in vendor_label_lines
        ):
            score += 2.5
            if pos in first_under_label:
                score += 1.0  # the block's first line that is not a "field: value" line
        if any(label_pos == pos for label_pos, _ in vendor_label_lines) and _beside_seller_heading(
            page_lines, pos, cell, vendor_label_lines
        ):
            score -= SECOND_BLOCK_PENALTY  # "Sprzedawca:" over its block, another column's name beside it
        if _FIRM_FIELD_RE.match(cell.text) and any(
            0 < pos - label_pos <= 6 for label_pos, _ in vendor_label_lines
        ):
            score += 2.0
        repeats = counts.get(" ".join(cell.text.lower().split()), 1)
        score += min(repeats - 1, 2) * 0.75
        if (pos, cell.start) in signatures and repeats == 1:
            # "Com os melhores cumprimentos," / "Tomás Ferreira": who signs the letter (a name the
            # letterhead prints too is read where the head prints it)
            score += SIGNATURE_BONUS
        if name.isupper() and len(name) > 3:
            score += 0.3
        if head.spans.get((pos, name), 1) > 1:
            score += WRAPPED_NAME_BONUS  # "FENWICK DESIGN" / "WORKS": the whole name over its first line
        candidates.append((score, len(candidates), pos, cell, name, line))
    candidates.sort(key=lambda c: (-c[0], c[1]))
    most_bonus = 1.5 + (2.0 if domains else 0.0)
    best: tuple[float, str, Line] | None = None
    best_order = 0
    for score, order, pos, cell, name, line in candidates:
        if best is not None and score + most_bonus < best[0]:
            break  # the rest are sorted lower: none can win any more
        labelled = any(0 < pos - label_pos <= 4 for label_pos, _ in vendor_label_lines)
        if (
            pos < VENDOR_HEAD_LINES
            and not labelled
            and _heads_address(
                page_lines, pos, cell.start, name, address_cache, head.spans.get((pos, name), 1)
            )
        ):
            score += 1.5  # an unlabelled sender block: the name right above its street or town
        if (
            pos < VENDOR_HEAD_LINES
            and not labelled
            and (pos, cell.start) not in vat_heads
            and not ((pos, cell.start) in signatures and nameless)  # (who signs under a nameless letterhead)
            and _under_another_block(page_lines, head, pos, cell, buyer_lines, address_cache, contact_lines)
        ):
            score -= SECOND_BLOCK_PENALTY  # the recipient's block under the sender's
        if domains and _names_a_domain(name, domains):
            score += 2.0  # the page's web or mail domain spells the name (www.azure-interior.com)
        if best is not None and (score, -order) <= (best[0], -best_order):
            continue  # the checks below can only lower the score: skip them (speed)
        not_a_name = _NOT_A_NAME.search(name)
        if not_a_name and not (not_a_name.group(0).lower() in _TITLE_WORDS and _ends_with_legal_form(name)):
            score -= 3.0
        address = _ADDRESS_RE.search(name)
        legal = legal_form(name) if address and address.start() == 0 else None
        if address and legal is not None and legal.start() >= address.end():
            address = None  # "24 HOUR MARKET S/B": a name that opens with a number (not "1012 AB Amsterdam")
        if address or _ADDRESS_WORD_RE.match(name) or _street_and_number(name):
            score -= 2.0  # a street or a postcode and town
            if _ADDRESS_WORD_RE.match(name) and _UNIT_NUMBER_RE.match(name):
                score -= 4.0  # "Unit 59, Riverside Trading Estate": a unit's number and a comma open an
                # address, whatever word of a name ("Trading") it holds
        if not _ends_with_legal_form(name) and any(
            find_labels(kind, name) for kind in ("invoice_title", "total", "invoice_number", "buyer_section")
        ):
            score -= (
                2.5  # (a company's name may hold such a word: "Total Logistics Ltd", "Facture Express SAS")
            )
        if _COURTESY_RE.search(name):
            score -= 4.0  # a courtesy line or slogan
        if names_in_prose(name):
            score -= 3.0  # a sentence naming a company: a payment provider, a parent group
        if _HEADING_TAIL_RE.search(name):
            score -= 3.0  # "Hotel Details": a section heading
        if _ATTENTION_RE.match(cell.text):
            score -= 3.0  # "c/o The Workshop Collective", "Attn: J. Okafor": a block's attention line
        if _registration_line(cell.text) or _registry_line(cell.text):
            score -= 3.0  # "NIF: 12345678Z", "KvK 81234567": an id under its label, no name
        if occupation_line(name):
            score -= 3.0  # "Fotógrafo", "Graphiste freelance": what the sender does, under its name
        if _only_receipt_words(name):
            score -= 3.0  # a table header or a slip title
        if pos in owned:
            score -= 4.0
        if pos in window:
            score -= 3.0  # the recipient's address window under the sender's return address
        if best is None or (score, -order) > (best[0], -best_order):
            best, best_order = (score, name, line), order
    for extra in (
        _sender_line_names(page_lines[:15])
        + _header_line_names(page_lines)
        + _lone_name_names(page_lines)
        + _account_holder_names(lines)
        + _slip_payee_names(lines)
        + _principal_names(lines)
    ):
        if best is None or extra[0] > best[0]:
            best = extra
    if best is None or best[0] < 1.0:
        return None, None, 0.0
    score, name, line = best
    chosen_row = next(
        (row for row, _ in vat_heads | legal_names.keys() | contact_heads if page_lines[row] is line), None
    )
    identity_row = next(
        (
            row
            for row in range(identity_from, len(page_lines))
            if page_lines[row] is line and any(_footer_identity(c.text.strip(), name) for c in line.cells)
        ),
        None,
    )
    if (chosen_row is not None and chosen_row >= footer_from) or identity_row is not None:
        # the footer's block or identity line confirming a name the page's head prints: the head is where
        # it stands (its address under it)
        below = footer_from if identity_row is None else identity_row
        key = " ".join(name.lower().split())
        line, name = next(
            (
                (page_lines[row], other)
                for row, _, other in head.cells
                if row < below and " ".join(other.lower().split()) == key
            ),
            (line, name),
        )  # (as the head prints it: "RITA MONTEIRO" over the footer's "Rita Monteiro, Rua …")
    if any(page_lines[pos] is line and named == name for pos, named in head.mentions):
        # a legal line confirming the name the letterhead prints: the letterhead is where it stands
        # (its address under it)
        key = " ".join(name.lower().split())
        for pos, _, other in head.cells:
            if page_lines[pos].index < line.index and " ".join(other.lower().split()) == key:
                line = page_lines[pos]
                break
    name = _name_on_tax_line(page_lines, head.cells, vat_lines, name)
    return name, line, min(0.95, 0.4 + score / 10)


def _name_on_tax_line(
    page_lines: Sequence[Line], cells: Sequence[tuple[int, Cell, str]], vat_lines: set[int], name: str
) -> str:
    """The name chosen, or the longer name opening with it that a line holding a VAT id prints (the firm's
    legal identity): a sole trader's letter names its owner ("Ana Silva", over her signature), the line
    with the tax id the trade ("Ana Silva Fotografia · NIF ..."). The words added are a few words with no
    digit, no address."""
    key = " ".join(name.lower().split())
    for pos, _, other in cells:
        if page_lines[pos].index not in vat_lines:
            continue
        longer = " ".join(other.split())
        if not longer.lower().startswith(key + " "):
            continue
        extra = longer[len(key) :].strip()
        if (
            len(extra.split()) <= NAME_EXTENSION_WORDS
            and not _DIGIT_RE.search(extra)
            and not _address_like(extra)
            and not _NOT_A_NAME.search(extra)
        ):
            return longer
    return name


NAME_EXTENSION_WORDS = 3
"""Words a line with the VAT id may add after the name chosen for it to be read as the same party's
fuller name (`_name_on_tax_line`)."""


WRAPPED_NAME_BONUS = 0.25
"""Added to a name read whole across the lines the layout wrapped it onto (`wrapped_names`): it outranks
its first line alone, which scores alike (a tie the first line won by its order)."""


def _beside_seller_heading(
    page_lines: Sequence[Line], pos: int, cell: Cell, vendor_labels: Sequence[tuple[int, int]]
) -> bool:
    """A cell across the page from a seller's heading on the heading's own line ("Sprzedawca:" … "Media
    Bursztyn s.c."), where the heading stands alone in its cell and heads a block under it: the first
    line of another column, the other party's block beside the seller's, not the heading's value."""
    line = page_lines[pos]
    for label_pos, column in vendor_labels:
        if label_pos != pos or cell.start <= column:
            continue
        heading = cell_holding(line, column)
        if heading is None or heading is cell or cell.start - heading.end <= FIELD_TAB_CHARS:
            continue
        if heading.text.partition(":")[2].strip():
            continue  # (a value in the heading's own cell: "Seller: Acme Ltd")
        under = page_lines[pos + 1] if pos + 1 < len(page_lines) else None
        if under is None or under.page != line.page:
            continue
        below = cell_at(under, heading.start - 2, heading.end)
        if below is not None and not _FIELD_LINE_RE.match(below.text) and _TWO_LETTERS_RE.search(below.text):
            return True
    return False


SENDER_FIELD_BONUS = 2.5
"""Added to the value of a field whose label is wholly a seller's heading ("From:", "Von:", "Supplier:"), as
to the first line under such a heading: a memo-style invoice names its sender so."""


@lru_cache(maxsize=16384)
def _is_sender_field(field: str) -> bool:
    """Whether the words before a colon are a seller's heading and nothing else ("Von", "From", "Leverandør"),
    once per distinct field."""
    words = field.strip()
    return bool(words) and any(  # (read with its colon: the short labels, "Von", "De", are labels so only)
        hit.start == 0 and hit.end == len(words) for hit in find_labels("vendor_section", words + ":")
    )


_SELF_BILLING_RE = word_pattern("self_billing")
"""Wording that marks an invoice the buyer issues for its supplier ("self-billing invoice", "Abrechnung
im Gutschriftverfahren", "autofacturation", "självfakturering"): the letterhead is the buyer's."""


def self_billed(lines: Sequence[Line]) -> bool:
    """Whether page one says the invoice is self-billed (`self_billing`)."""
    return bool(lines) and any(
        line.page == lines[0].page and _SELF_BILLING_RE.search(line.text) is not None for line in lines
    )


def self_billing_seller(
    head: SenderHead, vendor_line: Line, vendor: str, buyer: str | None, buyer_line: Line | None
) -> tuple[str, Line] | None:
    """On a self-billed page, where the seller's name was read unlabelled (the letterhead: the issuer,
    who buys), the supplier: the name a seller's heading labels ("Leverantör:", "Supplier:"), else the
    party the page addresses (the buyer read). None where the name read was labelled already."""
    at = next((pos for pos, line in enumerate(head.page_lines) if line is vendor_line), None)
    if at is None or any(0 <= at - label_pos <= 4 for label_pos, _ in head.vendor_labels):
        return None
    if buyer_line is not None and buyer_line.index < vendor_line.index:
        return None  # the name read stands under the party addressed: not the issuer's letterhead
    if any(
        ":" in line.text[hit.end : hit.end + 3]
        for line in head.page_lines
        if line is vendor_line or (vendor and vendor in line.text)
        for hit in find_labels("vendor_section", line.text)
    ):
        return None  # "Supplier: Greenacre Growers Ltd, …": the name read is the one a seller label gives
    for label_pos, column in head.vendor_labels:
        for pos, cell, name in head.cells:
            if 0 <= pos - label_pos <= 4 and cell.start >= column - 6 and not _FIELD_LINE_RE.match(name):
                if pos == label_pos and cell.start <= column and ":" not in cell.text:
                    continue  # (the heading alone)
                return name, head.page_lines[pos]
    if buyer and buyer_line is not None:
        return buyer, buyer_line
    return None


SECOND_BLOCK_PENALTY = 3.0
"""Taken from an unlabelled name heading an address block that stands under another unlabelled block of a
name and its address, not beside it (`_under_another_block`): a page opens with its sender, and the block
under it is the recipient's — a company's legal form there does not make it the seller of a sole trader's
or a partnership's invoice."""
SECOND_BLOCK_GAP = 2
"""Lines the block above starts at least above the one under it (its name, then its address)."""
SECOND_BLOCK_REACH = 10
"""Lines the block above starts at most above the one under it: the parties' blocks head the page together."""


def _under_another_block(
    page_lines: Sequence[Line],
    head: SenderHead,
    pos: int,
    cell: Cell,
    buyer_lines: BuyerZone | set[int],
    cache: dict[str, bool],
    letterheads: set[tuple[int, int]],
) -> bool:
    """Whether the block the name at (``pos``, ``cell``) heads stands under another unlabelled block of a
    name and its address, higher on the page and not beside it (its lines do not go on at the rows of this
    block), or under a letterhead's name over its one-line contact line (``letterheads``,
    `_over_contact_line`): that block is the sender's. A name above in a buyer's zone, a field line, or one that reads as
    no name (a label, an address, a title) heads no such block. A name carrying its registration number
    (on its line or the next: a shop's operator under the outlet's address on a receipt) is the issuer's,
    whatever stands above it."""
    text = cell.text.strip()
    following = page_lines[pos + 1].text if pos + 1 < len(page_lines) else ""
    if (
        name_end(text)[0] != text
        or _registration_line(following.strip())
        or _REGISTRATION_LABEL_RE.search(following) is not None
    ):
        return False
    for above, other, name in head.cells:
        if above > pos - SECOND_BLOCK_GAP:
            break
        if above < pos - SECOND_BLOCK_REACH:
            continue  # a letterhead far above a block in the footer: the sender's block again, not another
        line = page_lines[above]
        if (
            _in_zone(buyer_lines, line, other.start, other.end)
            or ":" in line.text[: other.start]
            or _NOT_A_NAME.search(name)
            or _COURTESY_RE.search(name)
            or names_in_prose(name)
            or _address_like(name)
            or any(find_labels(kind, name) for kind in ("invoice_title", "buyer_section", "vendor_section"))
        ):
            continue
        if (above, other.start) not in letterheads and not _heads_address(
            page_lines, above, other.start, name, cache, head.spans.get((above, name), 1)
        ):
            continue
        if not any(
            _DIGIT_RE.search(row.text)
            and (_address_like(row.text.strip()) or _whole_address(row.text.strip(), name) is not None)
            for row in page_lines[above + 1 : pos]
        ):
            continue  # no address of its own between them (a brand over an outlet's name): one block
        beside = other.start != cell.start and any(
            c.start < other.end and c.end > other.start
            for row in page_lines[pos : pos + 3]
            for c in row.cells
        )
        if not beside:
            return True
    return False


ADDRESSEE_PENALTY = 3.0
"""Taken from a name a form of address marks as a letter's recipient (`_addressee_cells`), as much as a
name in the address window under a return address."""


def _addressee_cells(lines: Sequence[Line]) -> set[tuple[int, int]]:
    """(position, column) of the names a form of address marks as a letter's recipient: a person's
    name opened by one ("Mrs J Okafor", "Herrn Jonas Wild": two words or more after it, no legal form;
    "Mr. Tyre" is a brand), and the name in the column under a form of address set alone on its line
    ("Frau" / "Dr. Lea Brandt", "Firma" / "Kessler & Co."). A sender never addresses itself so; the
    page's first line opened by one is read as a brand all the same ("MR. NOODLE HOUSE" over its
    registration number)."""
    found: set[tuple[int, int]] = set()
    for pos, line in enumerate(lines):
        for cell in line.cells:
            text = " ".join(cell.text.split())
            person = _PERSON_SALUTATION_RE.match(text)
            opening = person or _FIRM_SALUTATION_RE.match(text)
            if opening is None:
                continue
            rest = text[opening.end() :].strip()
            if rest:
                if pos > 0 and person is not None and len(rest.split()) >= 2 and not legal_form(rest):
                    found.add((pos, cell.start))
                continue
            if pos + 1 < len(lines) and lines[pos + 1].page == line.page:
                below = _below_cell(line, cell, lines[pos + 1])
                if below is not None:
                    found.add((pos + 1, below.start))
    return found


def _under_nameless_letterhead(
    lines: Sequence[Line], vat_lines: set[int] | frozenset[int]
) -> set[tuple[int, int]]:
    """(position, column) of the name heading the first block left of, and under, a letterhead that prints
    no name: the page opens (after a dateline at most) with a column of address lines alone (a street, a
    postcode and town, a tax id's line; two at least; a phone or mail line among them), the sender's name
    only in the letter's signature.
    The block below it in another column, a name over its address, is the window's addressee."""
    column: int | None = None
    address_lines = 0
    pos = 0
    for pos, line in enumerate(lines):
        if len(line.cells) != 1:
            break
        cell = line.cells[0]
        text = " ".join(cell.text.split())
        if address_lines == 0 and pos == 0 and len(find_dates(text)) == 1 and len(text) <= DATELINE_CHARS:
            continue  # a dateline over the letterhead
        if column is not None and abs(cell.start - column) > WRAP_COLUMN_SLACK:
            break
        if address_like(text) or line.index in vat_lines:
            column = cell.start if column is None else column
            address_lines += 1
            continue
        if column is not None and (_contact_kinds(text, False) or _PHONE_LABEL_RE.match(text)):
            continue  # the letterhead's phone or mail line ("Telephone:", its number left blank)
        break
    else:
        return set()
    if column is None or address_lines < 2 or column < NAMELESS_LETTERHEAD_INDENT:
        return set()
    line = lines[pos]
    cell = line.cells[0]
    if cell.start >= column - WRAP_COLUMN_SLACK or pos + 1 >= len(lines):
        return set()  # (the block under the letterhead stands left of it)
    below = _below_cell(line, cell, lines[pos + 1])
    if below is None or not address_like(below.text):
        return set()
    return {(pos, cell.start)}


NAMELESS_LETTERHEAD_INDENT = 30
"""Characters from the margin a letterhead without a name stands at least (set right, above the window)."""
DATELINE_CHARS = 40
"""The longest line read as a dateline over a letterhead ("27/04/2026", "Lyon, le 3 mars 2026")."""


RECEIPT_STUB_LINES = 6
"""Lines a receipt stub heading page one spans at most, its acknowledgement to its signature fields."""
_RECEIPT_STUB_OPENING_RE = CaselessPattern(
    re.compile(r"\b(?:" + "|".join(word_entries("receipt_stub_openings")) + r")\b", re.IGNORECASE)
)
_RECEIPT_STUB_CLOSING_RE = CaselessPattern(
    re.compile(r"\b(?:" + "|".join(word_entries("receipt_stub_closings")) + r")\b", re.IGNORECASE)
)


def receipt_stub(lines: Sequence[Line]) -> set[int]:
    """`Line.index` of the lines of a receipt stub heading page one — the slip the recipient signs and
    returns, a sentence acknowledging the goods from the seller ("Recebemos de <seller> os produtos …",
    `receipt_stub_openings`) over its date and signature fields (`receipt_stub_closings`): it names both
    parties in prose, before the issuer's own box, and is no part of the sender's head. Empty where the
    page opens otherwise."""
    if not lines:
        return set()
    head = [line for line in lines[:RECEIPT_STUB_LINES] if line.page == lines[0].page]
    for at, line in enumerate(head[:2]):
        if _RECEIPT_STUB_OPENING_RE.search(line.text) is None:
            continue
        for end in range(at, len(head)):
            if _RECEIPT_STUB_CLOSING_RE.search(head[end].text) is not None:
                return {row.index for row in head[at : end + 1]}
        return set()
    return set()


SIGNATURE_BONUS = 3.0
"""Added to the name signed under a letter's closing formula (`letter_closings`: "Kind regards", "Mit
freundlichen Grüßen", "Tisztelettel"): a sole trader writing its invoice as a letter signs it. Less than a
letterhead heading its address at the page's top gathers: an employee signing under a firm's letterhead
is no seller."""
_CLOSING_RE = CaselessPattern(
    re.compile(r"^\s*(?:" + "|".join(word_entries("letter_closings")) + r")[\s,:.!]*$", re.IGNORECASE)
)


def _signature_cells(lines: Sequence[Line]) -> set[tuple[int, int]]:
    """(position, column) of the cell right under a cell that is a letter's closing formula alone, in its
    column: the name signing the letter."""
    found: set[tuple[int, int]] = set()
    for pos, line in enumerate(lines[:-1]):
        for cell in line.cells:
            if len(cell.text) > 40 or _CLOSING_RE.match(cell.text) is None:
                continue
            below = lines[pos + 1]
            signed = next((c for c in below.cells if abs(c.start - cell.start) <= WRAP_COLUMN_SLACK), None)
            if signed is not None and below.page == line.page:
                found.add((pos + 1, signed.start))
    return found


def _buyer_twins(lines: Sequence[Line], zone: BuyerZone | set[int]) -> set[tuple[int, int]]:
    """(position, column) of the cells outside the buyer's block that print what a cell of the block
    prints on the same line: the buyer's name again in the next column (its billing and shipping
    addresses side by side, under headings only one of which is a buyer label)."""
    found: set[tuple[int, int]] = set()
    for pos, line in enumerate(lines):
        if line.index not in zone:
            continue  # (no cell of a line outside the zone lies in it)
        inside = {
            " ".join(c.text.lower().split()) for c in line.cells if _in_zone(zone, line, c.start, c.end)
        }
        if not inside:
            continue
        for cell in line.cells:
            if (
                not _in_zone(zone, line, cell.start, cell.end)
                and " ".join(cell.text.lower().split()) in inside
            ):
                found.add((pos, cell.start))
    return found


OWNER_LINE_PENALTY = 3.0
"""Taken from an owner's line under a name (`_owner_lines`): the trading name above it is the seller's."""


def _owner_lines(lines: Sequence[Line]) -> set[tuple[int, int]]:
    """(position, column) of the cells opening with an owner's label ("Inh.", "di", "Prop:") right under
    a name-like cell of their column: the person who owns the trade named above."""
    found: set[tuple[int, int]] = set()
    for pos in range(1, len(lines)):
        line, above = lines[pos], lines[pos - 1]
        if above.page != line.page:
            continue
        for cell in line.cells:
            if without_owner_label(cell.text.strip()) == cell.text.strip():
                continue
            over = next((c for c in above.cells if abs(c.start - cell.start) <= WRAP_COLUMN_SLACK), None)
            if over is not None and _name_part(over.text):
                found.add((pos, cell.start))
                wrapped = _owner_name_wrapped(lines[pos + 1], cell) if pos + 1 < len(lines) else None
                if wrapped is not None and lines[pos + 1].page == line.page:
                    found.add((pos + 1, wrapped.start))
    return found


def _owner_name_wrapped(below: Line, owner: Cell) -> Cell | None:
    """The owner's name run on under its line, in its column ("Sole trader: Mariana" / "Carvalho"): one or
    two words of a name, no legal form, no digit; part of the owner's line, no name heading the address
    under it."""
    under = next((c for c in below.cells if abs(c.start - owner.start) <= WRAP_COLUMN_SLACK), None)
    if under is None or len(under.text.split()) > 2 or legal_form(under.text) is not None:
        return None
    return under if _name_part(under.text) and not _DIGIT_RE.search(under.text) else None


PROMINENCE_BONUS = 0.5
"""Added to a name printed larger than the page's body text, in full from PROMINENT_RATIO times its size:
a letterhead sets the sender's name large, its tagline and contact lines as body text. Small: a wordmark
set large (a brand) does not outweigh the legal name the page's evidence gives."""
PROMINENT_RATIO = 1.5


def _body_font_size(lines: Sequence[Line]) -> float | None:
    """The font size most of the page's words are printed in (their median); None without word boxes."""
    sizes = sorted(w.word.font_size for line in lines for w in line.words if w.word.font_size)
    return sizes[len(sizes) // 2] if sizes else None


def _prominence(line: Line, cell: Cell, body_size: float) -> float:
    """0..1: how much larger than the body text the cell's largest word is printed (1 from PROMINENT_RATIO
    times the body's size)."""
    size = max(
        (w.word.font_size for w in line.words if cell.start <= w.start < cell.end and w.word.font_size),
        default=0.0,
    )
    return min(max(size / body_size - 1.0, 0.0) / (PROMINENT_RATIO - 1.0), 1.0)


CLOSING_BLOCK_LINES = 6
"""Lines a party's block may hold over the caption that closes it (`closing_captions`)."""


def _bare_captions(line: Line) -> list[LabelHit]:
    """The parties' captions alone in their cells and without a colon ("Supplier", "Kunde"): ones that may
    stand under their blocks as well as over them; a line may hold both, one over each column."""
    captions: list[LabelHit] = []
    for kind in ("vendor_section", "buyer_section"):
        for hit in section_hits(kind, line):
            cell = cell_holding(line, hit.start)
            if cell is not None and ":" not in cell.text and _caption_only(line, cell, kind):
                captions.append(hit)
    return sorted(captions, key=lambda hit: hit.start)


def closing_captions(lines: Sequence[Line]) -> dict[int, list[tuple[int, LabelHit]]]:
    """A page whose party captions stand UNDER their blocks, as a form prints a field's caption under its
    value: every bare caption of page one (`_bare_captions`, two or more, on one line or on several) right
    under a line of its column, that line or the one over it holding a figure (the block's street or town,
    its tax id), the last line's with no name under them (a table's column heads are none). Per caption's
    line, its captions, each with the position of its block's first line (up its column, to the caption or
    line above the block). None of this where a caption stands over a block, as most pages print them.

    Read from page one's first `VENDOR_HEAD_LINES` lines alone, which the buyer's zone, the seller's head and
    the buyer's name each ask about: the last answer is kept with those very lines (lines are never changed
    once laid out) and given again for them."""
    page = tuple(line for line in lines[:VENDOR_HEAD_LINES] if line.page == lines[0].page) if lines else ()
    last: tuple[tuple[Line, ...], dict[int, list[tuple[int, LabelHit]]]] | None = getattr(
        _CLOSING_MEMO, "last", None
    )
    if last is not None and len(last[0]) == len(page) and all(map(operator.is_, last[0], page)):
        return last[1]
    found = _closing_captions(page)
    _CLOSING_MEMO.last = (page, found)
    return found


_CLOSING_MEMO = threading.local()
"""`closing_captions`' last page head and its answer, per thread."""


def _closing_captions(page: Sequence[Line]) -> dict[int, list[tuple[int, LabelHit]]]:
    """`closing_captions` of page one's head lines."""
    captions = [(pos, hit) for pos, line in enumerate(page) for hit in _bare_captions(line)]
    if len(captions) < 2:
        return {}
    found: dict[int, list[tuple[int, LabelHit]]] = {}
    for pos, hit in captions:
        above = [cell_at(page[at], hit.start - 2, hit.start + 2) for at in (pos - 1, pos - 2) if at >= 0]
        if (
            not above
            or above[0] is None
            or abs(above[0].start - hit.start) > 2
            or any(above[0].start <= other.start < above[0].end for other in _bare_captions(page[pos - 1]))
        ):
            return {}  # (a caption right under another heads a block of its own: "FROM …" over "TO …")
        if not any(cell is not None and abs(cell.start - hit.start) <= 2 and _DIGIT_RE.search(cell.text)
                   for cell in above):  # fmt: skip
            return {}  # (the block's last line a tax office's name under its tax id: the figure a line up)
        top = pos - 1
        while top > 0 and pos - top < CLOSING_BLOCK_LINES:
            over = cell_at(page[top - 1], hit.start - 2, hit.start + 2)
            if over is None or abs(over.start - hit.start) > 2 or _bare_captions(page[top - 1]):
                break
            top -= 1
        found.setdefault(pos, []).append((top, hit))
    last = captions[-1][0]
    if last + 1 < len(page) and not is_column_header(page[last + 1].text):  # (the item table's heads)
        for hit in (hit for pos, hit in captions if pos == last):
            under = cell_at(page[last + 1], hit.start - 2, hit.start + 2)
            if (
                under is not None
                and _TWO_LETTERS_RE.search(under.text)
                and not _DIGIT_RE.search(under.text)
                and not is_label_text(under.text)
            ):
                return {}  # a name under a last caption (no figure, no label): the captions head their blocks
    return found


def _block_headings(kind: str, line: Line) -> list[LabelHit]:
    """Section labels that head the block under them: opening their cell, with no value of their own
    after them ("Sold by: <clerk>" names a salesperson on its line, not a block below)."""
    headings: list[LabelHit] = []
    for hit in section_hits(kind, line):
        cell = cell_holding(line, hit.start)
        if cell is not None and not line.text[hit.end : cell.end].strip(" :"):
            headings.append(hit)
    return headings


def _only_receipt_words(name: str) -> bool:
    words = re.findall(r"[^\W\d_]+", name.lower())
    return bool(words) and all(word in _RECEIPT_WORDS for word in words)


@lru_cache(maxsize=16384)
def _legal_form_only(text: str) -> bool:
    """A line that is only a legal form ("SDN. BHD.", "TRADING (M) SDN BHD"): the tail of a name printed
    on two lines."""
    if not legal_form(text):
        return False
    return len(re.findall(r"[^\W\d_]", _without_legal_forms(text))) <= 3


_CONNECTORS = word_set("name_connectors")
"""The word for "and" of each pack: a name line ending or opening with it goes on in the next or
came from the last."""
_PREPOSITIONS = word_set("name_prepositions")
"""The words that join a name's parts and never end one (of, de, del, di, van, von): a name line ending with
one goes on in the next ("SERVICIOS INTEGRALES DE" / "MANTENIMIENTO DEL NORTE")."""
_JOINING_MARKS = ("&", "+")
_BUSINESS_RE = word_pattern("business_words")
"""Generic trade words of the packs (restaurant, stationery, hardware, Handel, servizi): a line that
opens with one and ends with a legal form finishes the name above it."""
_FIRST_WORD_RE = re.compile(r"[^\W\d_][\w'’.]*")
_OPEN_BRACKETS_RE = re.compile(r"\([^)]*\)?|^[^(]*\)")
WRAP_COLUMN_SLACK = 6
"""Characters by which the starts of a name's wrapped lines may differ in laid-out text."""
WRAP_EDGE_SLACK = 6.0
"""Points by which the left edges, right edges or centres of a name's wrapped lines may differ."""
WRAP_FONT_RATIO = 0.15
"""Relative difference of font size above which two lines are not one name (a title over a name)."""
NAME_MAX_LINES = 3
"""Lines a wrapped name spans at most."""


@lru_cache(maxsize=16384)
def _name_part(text: str) -> bool:
    """A line that may hold a part of a name: letters, few digits, no field colon, no address line,
    no registration number, label, courtesy line or heading."""
    if ":" in text or sum(map(str.isdigit, text)) > len(text) / 4:
        return False
    if _tail_of_name(text):
        return True  # "GMBH & CO. KG": a legal form alone is no address line, whatever a pack's street
        # words hold ("KG", a Malay area's abbreviation); "A/S", "S.A.": no two letters in a row
    if not _TWO_LETTERS_RE.search(text):
        return False
    bare = _OPEN_BRACKETS_RE.sub(" ", text)  # "(BANDAR" / "BARU)": a bracket the wrap opened or closed
    return not (  # (the label test, the costliest, last)
        _registration_line(text)
        or _address_like(bare)
        or _street_and_number(bare)
        or _COURTESY_RE.search(text)
        or _HEADING_TAIL_RE.search(text)
        or _only_receipt_words(text)
        or _NOT_A_NAME.search(text)
        or (is_label_text(text) and not _tail_of_name(text))  # "SDN BHD" reads as a currency code too
    )


def _first_word(text: str) -> str:
    match = _FIRST_WORD_RE.search(text)
    return match.group(0).lower().rstrip(".") if match is not None and match.start() < 2 else ""


def _opens_with_trade_word(text: str) -> bool:
    """A line that opens with a legal form or a generic trade word and ends with a legal form
    ("CATERING SDN BHD", "HARDWARE (TAMAN JAYA) SDN BHD"): the rest of a name."""
    first = _first_word(text)
    if not first:
        return False
    stripped = text.lstrip(" ([")
    return LEGAL_FORMS.match(stripped) is not None or _BUSINESS_RE.match(stripped) is not None


def _tail_of_name(text: str) -> bool:
    """A line that is only a legal form, its bracketed qualifiers aside ("SDN. BHD.", "(M) SDN BHD",
    "(KAJANG) SDN BHD"): the tail of a name printed on two lines."""
    return _legal_form_only(_PARENTHESES_RE.sub(" ", text)) or _legal_form_only(text)


def _joins(upper: str, lower: str) -> bool:
    """Whether the name line ``lower`` goes on from ``upper`` by its text: a bracket ``upper`` opens
    and does not close, or ``lower`` closes without opening; ``upper`` ending or ``lower`` opening with
    "&", "+", "and" (or a hyphen ending ``upper``), or ``upper`` ending with a preposition ("of", "de"); ``lower``
    only a legal form."""
    if upper.count("(") > upper.count(")"):
        return True
    depth = 0
    for char in lower:
        depth += char == "("
        depth -= char == ")"
        if depth < 0:
            return True
    up, low = upper.rstrip(), lower.lstrip()
    if up.endswith((*_JOINING_MARKS, "-", "–")) or low.startswith(_JOINING_MARKS):
        return True
    last = up.rsplit(None, 1)[-1].lower() if up else ""
    if last in _CONNECTORS or last in _PREPOSITIONS or (low.split(None, 1) or [""])[0].lower() in _CONNECTORS:
        return True
    return _tail_of_name(lower) or _splits_legal_form(upper, lower)


_LEGAL_FORM_REST_RE = re.compile(r"[^\W\d_]{1,4}\.?(?:[^\W\d_]{1,4}\.?){0,3}")
"""The rest of a legal form a wrap carried to the next line: a few short runs of letters, each with its dot
("r.o.", "GmbH"), no space between them."""


_FIRM_HEAD_RE = re.compile(r"[^\W\d_][\w'’.-]*(?:\s*[&+]\s*[^\W\d_][\w'’.-]*)*")
"""A firm's head as a name's first line prints it: one word, or words joined by "&" / "+" ("Mulder & Meijer")."""


def _firm_head_over_rest(upper: str, rest: str) -> bool:
    """Whether ``upper`` is the head of a firm's name whose ``rest`` the next line prints ("Kessler" /
    "Verpackungen GmbH", "Mulder & Meijer" / "Schoonmaak N.V."): one capitalised word, or family names joined
    by "&" / "+" (never a person's first and last name), no legal form of its own, over a rest that ends with
    one and shares no word with it (a brand over its legal name, "ACME" / "Acme Trading Ltd", is not one name)."""
    up = " ".join(upper.split())
    return (
        _FIRM_HEAD_RE.fullmatch(up) is not None
        and (" " not in up or "&" in up or "+" in up)
        and len(up) >= 3
        and up[0].isupper()
        and not up.isupper()
        and legal_form(up) is None
        and _FIRM_SALUTATION_RE.match(up) is None
        and _COURTESY_RE.search(up) is None
        and not is_label_text(up)
        and _ends_with_legal_form(rest)
        and not _share_a_word(up, rest)
    )


def _close_under(upper: Line, ucell: Cell, lower: Line, lcell: Cell) -> bool:
    """Whether ``lcell`` stands right under ``ucell``, as a name's second line does: with word boxes, no
    more than NAME_LINE_GAP line heights below it; as text (where a blank line between leaves no trace),
    each the only cell of its line."""
    above, below = _cell_words(upper, ucell), _cell_words(lower, lcell)
    if above and below:
        size = max((w.word.font_size or (w.word.y1 - w.word.y0)) for w in above + below)
        return min(w.word.y0 for w in below) - max(w.word.y1 for w in above) <= NAME_LINE_GAP * size
    return len(upper.cells) == 1 and len(lower.cells) == 1


def _splits_legal_form(upper: str, lower: str) -> bool:
    """A legal form the layout broke across two lines ("Novák Stavby spol. s" / "r.o."): ``upper`` ends
    with no legal form, ``lower`` is a short run of letters and dots, and the two together end with one."""
    low = lower.strip()
    return (
        _LEGAL_FORM_REST_RE.fullmatch(low) is not None
        and not _ends_with_legal_form(upper)
        and _ends_with_legal_form(f"{upper.rstrip()} {low}")
    )


def _cell_words(line: Line, cell: Cell) -> list[PlacedWord]:
    return [w for w in line.words if cell.start <= w.start < cell.end]


def _aligned(upper: Line, ucell: Cell, lower: Line, lcell: Cell) -> bool:
    """Set as one block: with word boxes, of the same font size and aligned left, right or centred;
    as text, starting in the same column (or, each the line's only cell, centred alike)."""
    above, below = _cell_words(upper, ucell), _cell_words(lower, lcell)
    if above and below:
        sizes = [w.word.font_size for w in above + below if w.word.font_size]
        if sizes and max(sizes) > min(sizes) * (1 + WRAP_FONT_RATIO):
            return False
        x0, x1 = min(w.word.x0 for w in above), max(w.word.x1 for w in above)
        y0, y1 = min(w.word.x0 for w in below), max(w.word.x1 for w in below)
        return (
            abs(x0 - y0) <= WRAP_EDGE_SLACK
            or abs(x1 - y1) <= WRAP_EDGE_SLACK
            or abs((x0 + x1) - (y0 + y1)) / 2 <= WRAP_EDGE_SLACK
        )
    if abs(ucell.start - lcell.start) <= WRAP_COLUMN_SLACK:
        return True
    single = len(upper.cells) == 1 and len(lower.cells) == 1
    return single and abs((ucell.start + ucell.end) - (lcell.start + lcell.end)) / 2 <= WRAP_COLUMN_SLACK / 2


def _below_cell(upper: Line, ucell: Cell, lower: Line) -> Cell | None:
    """The cell of ``lower`` set under ``ucell`` (its column, or the only cells of both lines)."""
    for cell in lower.cells:
        if _aligned(upper, ucell, lower, cell):
            return cell
    return None


def _broken_syllable(upper: str, lower: str) -> bool:
    """A word broken at the line's end by hyphenation (TeX's, a word processor's): the upper line ends in a
    small letter and its hyphen, the lower one goes on with a small letter that opens no next word ("und",
    "and": "Heizungs-" / "und Sanitärbau" keeps its hyphen)."""
    following = (lower.split(None, 1) or [""])[0]
    return (
        len(upper) > 2
        and upper[-2].islower()
        and following[:1].islower()
        and following.strip(",.;:").casefold() not in _CONNECTORS
    )


def _priced_row(line: Line) -> bool:
    """An item table's row: two amounts or more with decimals on the line (an id's or a postcode's
    digits have none)."""
    return _item_row(line) and sum(amount.decimals > 0 for amount in find_amounts(line.text)) >= 2


def _item_row(line: Line) -> bool:
    """A line printing two amounts or more: a table's row (an item's quantity, price and total)."""
    return sum(map(str.isdigit, line.text)) >= 4 and len(find_amounts(line.text)) >= 2


def wrapped_names(
    lines: Sequence[Line], positions: Iterable[int]
) -> list[tuple[int, Cell, list[tuple[int, Cell]]]]:
    """Names printed on two or three lines ("SENI JAYA HARDWARE" / "ENTERPRISE (BANDAR" / "BARU) SDN
    BHD"), each as (position of its first line, the joined cell, (position, cell) of the lines it goes
    on in): consecutive name
    lines set as one block, each joined to the next by its text (`_joins`) or by the next opening
    with a legal form or trade word where the rest ends with a legal form."""
    links: dict[tuple[int, int], tuple[int, Cell]] = {}
    for pos in positions:
        if pos + 1 >= len(lines) or lines[pos + 1].page != lines[pos].page:
            continue
        upper, lower = lines[pos], lines[pos + 1]
        if _item_row(upper) and _item_row(lower):
            continue  # two rows of a table: a column's codes over each other ("NR" / "KG" units), no name
        for cell in upper.cells:
            if not _name_part(cell.text):
                continue
            below = _below_cell(upper, cell, lower)
            if below is not None and _ATTENTION_RE.match(below.text.strip()):
                continue  # an attention or c/o line under a name ("A la atención de …"): no part of it
            if below is not None and (_name_part(below.text) or _splits_legal_form(cell.text, below.text)):
                links[(pos, cell.start)] = (pos + 1, below)
            elif below is None:
                later = _below_across_gap(lines, pos, cell)
                if later is not None and _name_part(later[1].text):
                    links[(pos, cell.start)] = later
    # each link is a join where the lower line goes on from the upper one; decided from the bottom
    # up, as a trade word's join needs the rest of the name (below it) to end with a legal form
    rests: dict[tuple[int, int], str] = {}
    body = _body_font_size(lines) if links else None
    for key in sorted(links, reverse=True):
        pos, start = key
        top_cell = next(c for c in lines[pos].cells if c.start == start)
        top = top_cell.text
        below_pos, below = links[key]
        rest = rests.get((below_pos, below.start), below.text)
        by_trade = not legal_form(top) and _opens_with_trade_word(below.text) and _ends_with_legal_form(rest)
        if (
            _joins(top, below.text)
            or by_trade
            or (
                _firm_head_over_rest(top, rest)
                and _close_under(lines[pos], top_cell, lines[below_pos], below)
            )
            or _set_large_alike(lines[pos], top_cell, lines[below_pos], below, body)
        ):
            rests[key] = f"{top} {rest}"
    lowers = {(links[key][0], links[key][1].start) for key in rests}
    found: list[tuple[int, Cell, list[tuple[int, Cell]]]] = []
    for key in sorted(rests):
        if key in lowers:
            continue  # a name starts at its first line only
        pos, start = key
        cell = next(c for c in lines[pos].cells if c.start == start)
        parts: list[tuple[int, Cell]] = []
        while key in rests and len(parts) + 1 < NAME_MAX_LINES:
            parts.append(links[key])
            key = (parts[-1][0], parts[-1][1].start)
        text = ""
        for part in [cell] + [c for _, c in parts]:
            piece = " ".join(part.text.split())
            # a word broken at a hyphen ("BOLTON-" / "HARRIS LTD") goes on without a space
            glued = text.endswith("-") and len(text) > 1 and text[-2].isalpha()
            if glued and _broken_syllable(text, piece):
                text = text[:-1]  # a word a typesetter hyphenated ("haftungsbe-" / "schränkt)"): one word
            text = f"{text}{piece}" if glued or not text else f"{text} {piece}"
        found.append((pos, Cell(cell.start, cell.end, text), parts))
    return found


NAME_SKIP_LINES = 3
"""Lines of other columns a name set large may have between its two lines, at most."""


def _below_across_gap(lines: Sequence[Line], pos: int, cell: Cell) -> tuple[int, Cell] | None:
    """The cell going on from ``cell`` a line or more further down where the lines between print nothing
    in its column: a name set large beside a block in small type ("Atelier Lu-" / "mière SARL" in a
    letterhead's title, the sender's address lines to its right falling between them in reading order).
    Only with word boxes, and only as close under it as a name's own lines are (`NAME_LINE_GAP`)."""
    above = _cell_words(lines[pos], cell)
    if not above:
        return None
    x0, x1 = min(w.word.x0 for w in above), max(w.word.x1 for w in above)
    bottom = max(w.word.y1 for w in above)
    size = max(w.word.font_size or 0.0 for w in above)
    for nxt in range(pos + 2, min(len(lines), pos + 2 + NAME_SKIP_LINES)):
        between = lines[nxt - 1]
        if between.page != lines[pos].page or not between.words:
            return None
        if any(w.word.x0 < x1 and w.word.x1 > x0 for w in between.words):
            return None  # the column is not empty between them
        lower = lines[nxt]
        if lower.page != lines[pos].page:
            return None
        below = _below_cell(lines[pos], cell, lower)
        if below is None:
            continue
        words = _cell_words(lower, below)
        if not words or not size or min(w.word.y0 for w in words) - bottom > NAME_LINE_GAP * size:
            return None
        return nxt, below
    return None


def _share_a_word(upper: str, lower: str) -> bool:
    """Whether two lines share a word of three letters or more (a brand over the name holding it)."""
    words = {w.casefold() for w in re.findall(r"[^\W\d_]{3,}", upper)}
    return any(w.casefold() in words for w in re.findall(r"[^\W\d_]{3,}", lower))


NAME_LINE_GAP = 0.6
"""Space between two lines of one name set large, at most, in times their font size."""


NAME_PAIR_RATIO = 1.3
"""Times the body text's size two name lines set alike are at least (in the very same size below
`PROMINENT_RATIO`: "Studio Bianchi" / "Architetti Associati" in 14 points over 10)."""
NAME_PAIR_SIZE_SLACK = 0.25
"""Points two such lines' sizes may differ by."""


def _set_large_alike(upper: Line, ucell: Cell, lower: Line, lcell: Cell, body: float | None) -> bool:
    """A name set large over two lines ("Bäckerei & Konditorei" / "Schneider" in the letterhead's type):
    both cells in a size PROMINENT_RATIO times the body text's or more (aligned alike, as `_below_cell`
    found them), close under each other, the upper not a whole name (no legal form closing it), sharing
    no word."""
    if body is None or _ends_with_legal_form(ucell.text) or _share_a_word(ucell.text, lcell.text):
        return False
    above, below = _cell_words(upper, ucell), _cell_words(lower, lcell)
    sizes = [w.word.font_size or 0.0 for w in above + below]
    if not above or not below or min(sizes) < NAME_PAIR_RATIO * body:
        return False
    if min(sizes) < PROMINENT_RATIO * body and max(sizes) - min(sizes) > NAME_PAIR_SIZE_SLACK:
        return False  # (in a letterhead's smaller type, both lines in the very same size)
    gap = min(w.word.y0 for w in below) - max(w.word.y1 for w in above)
    return gap <= NAME_LINE_GAP * max(sizes)


@lru_cache(maxsize=16384)
def _address_like(text: str) -> bool:
    """A line of a postal address: a street and number, a postcode and town, a street or area word,
    or digits and commas ("109, SS21/1A,")."""
    return bool(  # (the cheap tests first: the street-word search of every pack comes last)
        (_DIGIT_RE.search(text) and _ADDRESS_RE.search(text))
        or ("," in text and any(map(str.isdigit, text)))
        or _ADDRESS_WORD_RE.match(text)
        or _POSTCODE_TOWN_RE.match(text)
        or _STREET_WORD_RE.search(_PARENTHESES_RE.sub(" ", text))
    )


_POSTCODE_AND_TOWN_RE = re.compile(r"(?:[A-Z]{1,3}[- ])?\d{2,3}[\d\- ]{1,6}\s[^\W\d_][^\d]{1,40}")


def postcode_and_town(text: str) -> bool:
    """A postcode and a town and nothing else ("28133 Izmir", "2587-724 Faro", "D-10115 Berlin")."""
    return _POSTCODE_AND_TOWN_RE.fullmatch(text.strip()) is not None and address_like(text)


def opens_with_postcode_and_town(text: str) -> bool:
    """Whether ``text`` opens with a postcode and a town and holds nothing else ("50-101 Wrocław", "8000
    Aarhus C", "1100-148 Lisboa"): a number read there is an address's, not a document's."""
    return _POSTCODE_TOWN_RE.match(text.strip()) is not None


def address_like(text: str) -> bool:
    """Whether ``text`` reads as a line of a postal address (a street, a postcode and town, ...)."""
    return _address_like(text)


@lru_cache(maxsize=16384)
def _street_and_number(text: str) -> bool:
    """A street name and its house number ("Pražská 118"), not a label and a number, or a street word
    of a locale pack with a number. A line in capitals is left to the other address signs: shop names end in numbers there ("... 2").
    Read once per distinct text (the address rules, the name tests and the scorer ask about one cell)."""
    if text.isupper() or legal_form(text):
        return False
    if _HOUSE_NUMBER_RE.match(text) is not None:
        return not is_label_text(_TRAILING_NUMBER_RE.sub("", text))
    # "Calle de Alcalá, 45, 3º izda.", "Avda. de Europa 24 bis": a street word and a number
    return _DIGIT_RE.search(text) is not None and _STREET_WORD_RE.search(text) is not None


_TRAILING_NUMBER_RE = re.compile(r"\s\d.*$")
_HOUSE_NUMBER_RE = re.compile(
    r"^[^\W\d_][^\d:@]{2,50}\s\d{1,4}\s?[A-Za-z]?(?:\s?[-/]\s?(?:\d{1,4}[A-Za-z]?|(?-i:[IVX]{1,4}|hs)))?$"
)
"""A street name and its house number, the shape of most European street lines ("Rantakatu 14 B",
"Pražská 118", "Kárász utca 9/2", "Prinsengracht 76-II": a Dutch floor in Roman numerals, "-hs" the
ground floor), whatever the street word."""


def _split_letterhead(
    lines: Sequence[Line], pos: int, column: int, name: str, address: Callable[[str], bool]
) -> bool:
    """A letterhead split into two columns: the name at the left of the page's first rows (nothing over it
    in its column), and at the right a block opening on the page's first row with a street and number (or
    an address line) whose next line, set flush with it (same start or same right edge), is an address
    line, the block going on down to the name's row: the block beside is the name's address."""
    first = _first_row(lines, pos)
    if (
        pos - first > SPLIT_LETTERHEAD_ROWS
        or first + 1 >= len(lines)
        or lines[first + 1].page != lines[pos].page
    ):
        return False
    end = column + len(name)
    if any(c.start < end and c.end > column for row in lines[first:pos] for c in row.cells):
        return False  # a line over the name in its column: the name opens no letterhead
    top = next((c for c in lines[first].cells if c.start >= end), None)
    if top is None:
        return False
    text = top.text.strip()
    if not (_street_and_number(text) or address(text)) or _one_line_address(text):
        return False
    edge = _right_edge(lines[first], top.start, top.end)

    def flush(row: Line) -> Cell | None:
        return next(
            (
                c
                for c in row.cells
                if c.start >= end
                and (abs(c.start - top.start) <= 6 or (edge is not None and _ends_at(row, c, edge)))
            ),
            None,
        )

    under = flush(lines[first + 1])
    if under is None or not (address(under.text) or _POSTCODE_TOWN_RE.match(under.text.strip())):
        return False
    return all(flush(row) is not None for row in lines[first + 1 : pos + 1])


SPLIT_LETTERHEAD_ROWS = 2
"""Rows under the page's first at most where the name of a letterhead split in two columns stands (a logo
set larger than its address lines stands lower than the address block's first line)."""


def _split_letterhead_address(lines: Sequence[Line], name_line: Line, name: str) -> tuple[str, Line] | None:
    """The address of a letterhead split into two columns (`_split_letterhead`): the lines of the block at
    the right of the page's first row, from its street down to its postcode and town."""
    pos = next((at for at, line in enumerate(lines) if line is name_line), None)
    if pos is None or not name_line.cells:
        return None
    column = name_line.cells[0].start
    if not _split_letterhead(lines, pos, column, name, _address_like):
        return None
    first = _first_row(lines, pos)
    end = column + len(name)
    top = next(c for c in lines[first].cells if c.start >= end)
    edge = _right_edge(lines[first], top.start, top.end)
    parts = [" ".join(top.text.split())]
    for row in lines[first + 1 : first + SPLIT_LETTERHEAD_ROWS + 2]:
        cell = next(
            (
                c
                for c in row.cells
                if c.start >= end
                and (abs(c.start - top.start) <= 6 or (edge is not None and _ends_at(row, c, edge)))
            ),
            None,
        )
        if cell is None:
            break
        text = " ".join(cell.text.split())
        parts.append(text)
        if _POSTCODE_TOWN_RE.match(text):
            return ", ".join(parts), lines[first]
        if not (_address_like(text) or _street_and_number(text)):
            break
    return None


def _first_row(lines: Sequence[Line], pos: int) -> int:
    """The index of the first line of the page ``lines[pos]`` stands on."""
    page = lines[pos].page
    while pos > 0 and lines[pos - 1].page == page:
        pos -= 1
    return pos


def _heads_address(
    lines: Sequence[Line],
    pos: int,
    column: int,
    name: str,
    cache: dict[str, bool] | None = None,
    span: int = 1,
) -> bool:
    """The name line sits right above its address: it is no address line itself, the line above is
    none either (the block starts here), and the next line in its column (after at most three
    registration-number or legal-form lines) is one. ``span``: the lines the name is printed on."""
    seen = {} if cache is None else cache

    def address(text: str) -> bool:
        if text not in seen:
            seen[text] = _address_like(text)
        return seen[text]

    # (the address below is looked for first: most cells have none, and then the name's own tests
    # are not needed)
    edge: float | None = None
    middle: float | None = None
    edge_read = False  # (where the name's words end is read only for a line out of its column)
    street_under = False  # the address line under the name is a street and number
    tagline_seen = False  # (one line saying what the sender does may stand between its name and address)
    owner_seen = False  # an owner's line passed over: only the block's first line heads it
    beside = next((c for c in lines[pos].cells if c.start >= column + len(name)), None)
    if beside is not None and _one_line_address(beside.text):
        pass  # "Serwis Nowak Sp. z o.o.      ul. Polna 19, 30-001 Kraków": a letterhead on one line
    elif _split_letterhead(lines, pos, column, name, address):
        # the name top left, its address block at the right opening on the page's first row
        return not (address(name) or _street_and_number(name))
    else:
        for below in lines[pos + span : pos + span + 4]:
            # the cell that opens in the name's column, else the one overlapping it most ("Kerkstraat 71
            # 2511 BT Den Haag" in two cells: the street stands under the name)
            cell = next((c for c in below.cells if abs(c.start - column) <= 6), None) or cell_at(
                below, column, column + 40
            )
            if cell is None or abs(cell.start - column) > 6:
                if not edge_read:
                    edge, edge_read = _right_edge(lines[pos], column, column + len(name) + 2), True
                    middle = _middle(lines[pos], column, column + len(name) + 2)
                # a block set flush right (a letterhead on the right): its lines end where the name does;
                # a block set centred (a letterhead across the page): its lines are centred under it
                flush = (
                    next((c for c in below.cells if _ends_at(below, c, edge)), None)
                    if edge is not None
                    else None
                )
                if flush is None and middle is not None:
                    flush = next((c for c in below.cells if _centred_at(below, c, middle)), None)
                if flush is not None:
                    cell = flush
                elif cell is None:
                    continue  # a line of another column only (the facts beside the block): nothing in this one
                else:
                    return False
            if _registration_line(cell.text) or _legal_form_only(cell.text) or _registry_line(cell.text):
                continue
            if _ATTENTION_RE.match(cell.text):
                continue  # "c/o The Workshop Collective", "Attn: Accounts": inside the block, over its street
            if without_owner_label(cell.text.strip()) != cell.text.strip():
                owner_seen = True
                continue  # "Właściciel: Piotr Pawlak", "Inh. Jonas Wild": the trade's owner, inside its block
            if not (address(cell.text) or _street_and_number(cell.text) or _one_line_address(cell.text)):
                # ("Havenkade 173" heads a town; "Storgatan 9 | 111 52 Stockholm | +46 8 123": a contact line)
                if (
                    not tagline_seen
                    and _tagline(cell.text)
                    and (
                        occupation_line(cell.text)
                        or _set_larger(lines[pos], column, name, below, cell)
                        or _emphasised_name(name, cell.text)
                    )
                ):
                    tagline_seen = True  # "Juan Pérez García" / "Fontanero" / "C/ Alcalá 120": a trade line
                    continue
                return False
            street_under = _street_and_number(cell.text)
            break
        else:
            return False
    # a street line heads its postcode line, but is no name; a line with no number over a street and
    # number is a name holding a street word ("Henderson Building Materials" over "147 Chapel Street")
    an_address = (
        address(name) and legal_form(name) is None and not (street_under and not _DIGIT_RE.search(name))
    )  # ("3D Stolarstwo Sp. z o.o." opens like a street)
    if owner_seen:
        # only the block's first line heads it: a line in its column over the name (lines of another
        # column passed) is a name or trade line over it ("Garden Services" / "Prop. …" under the name)
        for up in range(pos - 1, max(-1, pos - 3), -1):
            if lines[up].page != lines[pos].page:
                break
            over = cell_at(lines[up], column, column + len(name))
            if over is None:
                continue
            if _LETTERS_RE.search(over.text) and not address(over.text):
                return False
            break
    return not (an_address or _street_and_number(name) or (pos > 0 and address(lines[pos - 1].text)))


def _registry_line(text: str) -> bool:
    """A line opening with a registry label of the packs and its number ("ZVR-Zahl 123456789", "KvK
    81234567"): the sender's registration, printed between its name and its address."""
    label = _REGISTRATION_LABEL_RE.match(text.strip())
    return label is not None and any(map(str.isdigit, text[label.end() :]))


_ACADEMIC_TITLE_RE = word_pattern("academic_titles")
"""Academic and professional titles opening a person's name ("Dr.", "Dipl.-Ing.", "ir.", "mgr inż.", "Ing.",
"dott."): the packs' word class ``academic_titles``."""


def _emphasised_name(name: str, tagline: str) -> bool:
    """A sender's name set apart from the line under it otherwise than by size: a person's name opened by an
    academic title ("Dr. James Hargreaves" over "Garden Services"), or a name of two words or more in
    capitals over a line that is not ("PETRA SAUERBIER" over "Garten- und Landschaftsbau"). The line
    under it says what the sender does."""
    title = _ACADEMIC_TITLE_RE.pattern.match(name)
    if title is not None and _TWO_LETTERS_RE.search(name[title.end() :]) and legal_form(name) is None:
        return True
    letters = [ch for ch in name if ch.isalpha()]
    return (
        len(name.split()) >= 2
        and bool(letters)
        and all(ch.isupper() for ch in letters)
        and any(ch.islower() for ch in tagline)
    )


TAGLINE_LARGER = 1.2
"""How much larger than its tagline a sender's name is set at least: the tagline is body text under it
(without word boxes, or set alike, two lines over an address are a name printed on two)."""


def _set_larger(upper: Line, column: int, name: str, lower: Line, cell: Cell) -> bool:
    """Whether the name at ``column`` of ``upper`` is printed at least TAGLINE_LARGER times as large as
    ``cell`` of ``lower``."""
    above = [
        w.word.font_size for w in upper.words if column <= w.start < column + len(name) and w.word.font_size
    ]
    below = [w.word.font_size for w in _cell_words(lower, cell) if w.word.font_size]
    return bool(above and below) and max(above) >= TAGLINE_LARGER * max(below)


TAGLINE_MAX_WORDS = 6
"""Words a sender's tagline holds at most ("Freelance Translator (PL/EN/DE)", "Elektromeister")."""


def _tagline(text: str) -> bool:
    """A line saying what a sender does, between its name and its address: a few words, no digit, no
    legal form, no label, no colon, no contact detail."""
    return (
        len(text.split()) <= TAGLINE_MAX_WORDS
        and _DIGIT_RE.search(text) is None
        and ":" not in text
        and legal_form(text) is None
        and _NOT_A_NAME.search(text) is None
        and _ATTENTION_RE.match(text) is None
        and not is_label_text(text)
    )


FLUSH_RIGHT_SLACK = 4.0
"""Points by which the right edges of the lines of a block set flush right may differ (a name set in
bold or a larger size ends a little off its address lines)."""


def _right_edge(line: Line, start: int, end: int) -> float | None:
    """Where the words of ``line`` in the columns [start, end) end on the page (None without word
    boxes: a text read without positions)."""
    edges = [w.word.x1 for w in line.words if start <= w.start < end]
    return max(edges) if edges else None


CENTRE_SLACK = 6.0
"""Points by which the middles of the lines of a block set centred may differ."""


def _middle(line: Line, start: int, end: int) -> float | None:
    """The middle of the words of ``line`` in the columns [start, end) on the page (None without word boxes)."""
    boxes = [w.word for w in line.words if start <= w.start < end]
    return (min(b.x0 for b in boxes) + max(b.x1 for b in boxes)) / 2 if boxes else None


def _centred_at(line: Line, cell: Cell, middle: float) -> bool:
    centre = _middle(line, cell.start, cell.end)
    return centre is not None and abs(centre - middle) <= CENTRE_SLACK


def _ends_at(line: Line, cell: Cell, edge: float) -> bool:
    right = _right_edge(line, cell.start, cell.end)
    return right is not None and abs(right - edge) <= FLUSH_RIGHT_SLACK


@lru_cache(maxsize=16384)
def _registration_line(text: str) -> bool:
    return (
        _NUMBER_RUN_RE.search(text) is not None
        and _registration_shape(text)
        and _REGISTRATION_LINE_RE.match(text) is not None
    )


_DIGIT_RUN_RE = re.compile(r"[\d\s-]*")
_REGISTRATION_TAIL_RE = re.compile(r"[\W_]*(?:[A-Z][\W_]*)?")


def _registration_shape(text: str) -> bool:
    """What every text `_REGISTRATION_LINE_RE` matches holds, told without backtracking: its digits
    in one run of digits, spaces and hyphens (nothing else of the pattern is a digit), and after the
    run at most one capital among non-word characters. False: the pattern cannot match (most long
    address and footer lines, over whose words it backtracks)."""
    first = _DIGIT_RE.search(text)
    if first is None:
        return False
    last = len(text)
    while _DIGIT_RE.match(text, last - 1) is None:
        last -= 1
    return (
        _DIGIT_RUN_RE.fullmatch(text, first.start(), last) is not None
        and _REGISTRATION_TAIL_RE.fullmatch(text, last) is not None
    )


@lru_cache(maxsize=16384)
def _compact_name(name: str) -> str:
    """A name's letters and digits, lower case, its legal form left out ("Blue Fern Studio" -> bluefernstudio)."""
    return _NOT_ALNUM_RE.sub("", LEGAL_FORMS.sub(" ", name.lower()))


_NOT_ALNUM_RE = re.compile(r"[^a-z0-9]")


def _names_a_domain(name: str, domains: set[str]) -> bool:
    """The name, without legal form, spaces or punctuation, is a web or mail domain's label (or opens
    it, or is opened by it): "Blue Fern Studio" and blue-fern-studio.com."""
    compact = _compact_name(name)
    if len(compact) < 4:
        return False
    return any(
        compact == label
        or (len(label) >= 5 and compact.startswith(label))
        or (len(compact) >= 5 and label.startswith(compact))
        for label in domains
    )


def _sender_line_names(lines: Sequence[Line]) -> list[tuple[float, str, Line]]:
    """The sender's one-line return address above the recipient window ("Muster AG - Weg 4 - 12345
    Stadt"): its first segment, when another segment is a street or a town and the first carries a
    legal form or is printed on the page as a name of its own (the letterhead)."""
    found: list[tuple[float, str, Line]] = []
    printed = {" ".join(cell.text.lower().split()) for line in lines for cell in line.cells}
    for pos, line in enumerate(lines):
        parts = _return_address(line) or _wrapped_return_address(lines, pos)
        if parts is None:
            continue
        name = _clean_name(parts[0])
        if _ADDRESS_RE.search(name) or len(name) > 60 or len(name) < 2 or is_label_text(name):
            continue
        if not legal_form(name) and " ".join(name.lower().split()) not in printed:
            continue
        found.append((6.0, name, line))
    return found[:1]


HEADER_LINE_SCORE = 9.5
"""A letterhead's header line naming the sender and its address (`_header_line_names`): the page prints
its own name apart too, so the line is the sender's, whatever address block the page shows beside it —
under a payment slip's payee (SLIP_PAYEE_SCORE), above any place a name stands in."""
HEADER_BAND_LINES = 3
"""Lines at the top of page one a letterhead's header line stands on."""
HEADER_NAME_MAX_WORDS = 8
"""Words a company's name printed as a cell of its own holds at most."""


def _header_line_names(lines: Sequence[Line]) -> list[tuple[float, str, Line]]:
    """The sender named by a letterhead's header line that runs its name and address on, words only
    ("Harrison LLP 27 High Street BRISTOL BS1 5TR UNITED KINGDOM", an ERP's report header): a line at the
    top of page one that opens with a name the page also prints as a cell of its own, the rest of the
    line an address (a street and number, or a postcode and town)."""
    if not lines:
        return []
    page = lines[0].page
    head = [line for line in lines[:HEADER_BAND_LINES] if line.page == page]
    names = {
        " ".join(cell.text.split())
        for line in lines
        if line.page == page
        for cell in line.cells
        if legal_form(cell.text) is not None and len(cell.text.split()) <= HEADER_NAME_MAX_WORDS
    }
    for line in head:
        text = " ".join(line.cells[0].text.split()) if line.cells else ""
        folded = text.casefold()
        for name in names:  # (a header may set the name in capitals: "HARRISON LLP 27 HIGH STREET ...")
            if folded == name.casefold() or not folded.startswith(name.casefold() + " "):
                continue
            rest = text[len(name) + 1 :]
            if _ADDRESS_RE.search(rest) or _street_and_number(rest) or _POSTCODE_TOWN_RE.search(rest):
                return [(HEADER_LINE_SCORE, _clean_name(name), line)]
    return []


LONE_NAME_SCORE = 9.0
"""A company's name standing alone at the left of the top of page one over a recipient's block on the
right (`lone_name_over_block`): the sender's, over any name the block's address makes look like a head."""
LONE_NAME_LINES = 5
"""Lines at the top of page one the sender's lone name stands on (under a letterhead's header lines)."""
LONE_NAME_MAX_START = 4
"""Columns from the left margin the lone name starts within."""
BLOCK_MIN_LINES = 2
"""Lines under the recipient block's head, in its column, that make it an address block."""
BLOCK_MAX_LINES = 6
"""Lines under the block's head read for its address."""


@dataclass(frozen=True)
class LoneNameOverBlock:
    """A sender's name printed alone at the left (no address under it) and, from the next line on, the
    recipient's address block on the right: its head names the buyer."""

    name_line: Line
    name: Cell
    head_line: Line
    head: Cell


def _block_head_name(text: str) -> bool:
    return (
        len(text) >= 3
        and _LETTERS_RE.search(text) is not None
        and ":" not in text
        and not is_label_text(text)
        and not (_address_like(text) and legal_form(text) is None)  # ("Bt." reads as a street word)
        and not _street_and_number(text)
        and not any(char.isdigit() for char in text)
    )


def lone_name_over_block(lines: Sequence[Line]) -> LoneNameOverBlock | None:
    """An ERP report's parties without labels: a line at the top of page one holding only a company's
    name (a legal form), at the left margin, and right under it a block on the right half of the page
    (nothing at its left but a side column's facts, `_window_cell`) whose head is a name and whose lines below, in its column, hold an address.
    The lone name is the sender's (a recipient's block always carries its address; a sender printing
    its name alone has its address elsewhere, in a header or a footer); the block is the recipient's."""
    if not lines:
        return None
    page = lines[0].page
    head = [line for line in lines[: LONE_NAME_LINES + BLOCK_MAX_LINES] if line.page == page]
    for pos, line in enumerate(head[:LONE_NAME_LINES]):
        if len(line.cells) != 1 or pos + 1 >= len(head):
            continue
        cell = line.cells[0]
        text = " ".join(cell.text.split())
        if (
            cell.start > LONE_NAME_MAX_START
            or legal_form(text) is None
            or len(text.split()) > HEADER_NAME_MAX_WORDS
            or not _block_head_name(text)
        ):
            continue
        block = _window_cell(head[pos + 1])
        if block is None or not _block_head_name(" ".join(block.text.split())):
            continue
        below = head[pos + 1]
        under = []
        for after in head[pos + 2 : pos + 2 + BLOCK_MAX_LINES]:
            right = _window_cell(after)
            if right is None or abs(right.start - block.start) > WRAP_COLUMN_SLACK:
                break
            under.append(" ".join(right.text.split()))
        if len(under) >= BLOCK_MIN_LINES and any(
            _address_like(text) or _street_and_number(text) or text.lower() in _COUNTRIES for text in under
        ):
            return LoneNameOverBlock(line, cell, below, block)
    return None


SIDE_BLOCK_MIN_COLUMN = 24
"""Columns from the left margin a recipient's block beside a side column starts at least (a narrow font
sets the right half of the page nearer the margin than `WINDOW_MAX_COLUMN`)."""
SIDE_BLOCK_GAP = 6
"""Columns between a side column's facts and the block beside them at least."""


def _window_cell(line: Line) -> Cell | None:
    """The first cell of ``line`` on the right half of the page when all at its left are a side column's
    facts: nothing, or short labels and values in a narrow column ("Invoice no." over "4471203311", "Due
    date"), none a name with a legal form nor an address. A bill that prints its ids in a side bar under
    the sender's name sets the recipient's window block beside them."""
    right = next(
        (
            cell
            for at, cell in enumerate(line.cells)
            if cell.start >= WINDOW_MAX_COLUMN or (at > 0 and cell.start >= SIDE_BLOCK_MIN_COLUMN)
        ),
        None,
    )
    if right is None:
        return None
    for cell in line.cells:
        if cell is right:
            break
        text = " ".join(cell.text.split())
        if (
            cell.end > min(WINDOW_MAX_COLUMN, right.start - SIDE_BLOCK_GAP)
            or legal_form(text) is not None
            or _address_like(text)
            or _street_and_number(text)
        ):
            return None
    return right


def _lone_name_names(lines: Sequence[Line]) -> list[tuple[float, str, Line]]:
    """The sender named alone over a recipient's block (`lone_name_over_block`)."""
    found = lone_name_over_block(lines)
    if found is None:
        return []
    return [(LONE_NAME_SCORE, _clean_name(found.name.text), found.name_line)]


def address_window(lines: Sequence[Line]) -> set[int]:
    """Positions (in ``lines``) of the first two lines under a one-line return address: the recipient's
    address window of a letter, whose first line names the buyer."""
    window: set[int] = set()
    for pos, line in enumerate(lines):
        if _return_address(line) is not None:
            window.update(range(pos + 1, min(pos + 3, len(lines))))
        elif _wrapped_return_address(lines, pos) is not None:
            window.update(range(pos + 2, min(pos + 4, len(lines))))
    return window


def _return_address(line: Line) -> tuple[str, ...] | None:
    """The segments of a one-line return address ("Muster Werkstatt GmbH ● Feldweg 7 ● 34567 Talheim"):
    three or more, a later one a street or a postcode and town; None for any other line. A line that
    sets the invoice's facts right of it is read in its first cell ("Muster AG, Weg 4, 12345 Stadt"
    beside "Rechnungsnr. ...": a window's sender line beside the facts box)."""
    parts = _return_address_parts(line.text)
    if parts is None and len(line.cells) > 1:
        parts = _return_address_parts(line.cells[0].text)
    if parts is None or len(line.cells) < 2:
        return parts
    caption = _party_caption(line)
    if caption == "buyer_section":
        return None  # "TO      Name | Street, Town": the buyer's record on one line under its caption
    if caption == "vendor_section":  # "FROM    Name | Street, Town": the record right of its caption
        return _return_address_parts(line.text[line.cells[1].start :])
    return parts


RETURN_WRAP_ALIGN = 3
"""Columns by which the two lines of a return address wrapped by its window's width may start apart."""


def _wrapped_return_address(lines: Sequence[Line], pos: int) -> tuple[str, ...] | None:
    """The segments of a one-line return address the window's width wrapped onto the next line ("Falk &
    Partner • Schillerstraße" over "52 • 01069 Dresden"): two lines of one cell each, starting in one
    column, each holding a mark between segments, that read as a return address joined and not apart."""
    if pos + 1 >= len(lines) or _return_address(lines[pos]) is not None:
        return None
    line, below = lines[pos], lines[pos + 1]
    if (
        len(line.cells) != 1
        or len(below.cells) != 1
        or below.page != line.page
        or abs(line.cells[0].start - below.cells[0].start) > RETURN_WRAP_ALIGN
        or _SENDER_LINE_SPLIT_RE.search(line.cells[0].text) is None
        or _SENDER_LINE_SPLIT_RE.search(below.cells[0].text) is None
    ):
        return None
    return _return_address_parts(f"{line.cells[0].text.strip()} {below.cells[0].text.strip()}")


def _party_caption(line: Line) -> str | None:
    """The party section ("vendor_section", "buyer_section") whose label alone fills the line's first
    cell ("FROM", "TO:", "Käufer"), the party's record beside it; None where the first cell is no caption."""
    first = line.cells[0].text.strip().rstrip(":").strip()
    for kind in ("vendor_section", "buyer_section"):
        for hit in section_hits(kind, line):
            if hit.start <= line.cells[0].start + 2 and hit.text.strip(" :") == first:
                return kind
    return None


_RETURN_ADDRESS_MARK_RE = re.compile("[-–—·|•●∙▪]")
"""The marks between the segments of a one-line return address (each separator `_SENDER_LINE_SPLIT_RE`
splits at holds one): a line without any is none."""


_DOUBLED_STOP_RE = re.compile(r"(?<=\w\.)\.(?=\s+[^\W\d_])")
"""A second full stop right after an abbreviation's, before the next word ("… a.s.. Weg 3"): OCR's reading of
a middle dot between a return address's parts set right after a legal form's stop."""


@lru_cache(maxsize=16384)
def _return_address_parts(text: str) -> tuple[str, ...] | None:
    text = _DOUBLED_STOP_RE.sub(",", text)
    if _RETURN_ADDRESS_MARK_RE.search(text) is None:
        return _comma_return_address_parts(text) or _unmarked_return_address_parts(text)
    parts = tuple(p.strip() for p in _SENDER_LINE_SPLIT_RE.split(text.strip()) if p.strip())
    if len(parts) < 2:  # a mark inside a word only ("Cluj-Napoca", "Saint-Étienne"): parted by commas
        return _comma_return_address_parts(text)
    if len(parts) == 2 and _one_line_address(parts[1]):
        pass  # "dr. Németh Péter · 1052 Budapest, Árpád fejedelem útja 22.": a name and its whole address
    elif len(parts) < 3 or not any(_address_like(p) and not _IBAN_RE.search(p) for p in parts[1:]):
        # (a street, or a postcode of any pack's shape and a town: "4285-753 Porto", "D02 XY45"; an
        # IBAN's groups are no postcode: "OTP Bank · IBAN HU13 1565 … · SWIFT …" is a bank's line)
        return None
    if _street_and_number(parts[0]) or _ADDRESS_WORD_RE.match(parts[0]):
        return None  # "Calle Alcalá, 33 · 46002 Valencia · Tel. …": a letterhead's contact line, no name
    if sum(1 for part in parts if _opens_with_fact(part)) >= 2:
        return None  # "No. 4100 · Date 19/11/2026 · Your order 6711": the document's facts set on one line
    return parts


_FACT_KINDS = ("invoice_number", "invoice_date", "due_date", "po_number")
"""The labels of the document's own facts: a segment opening with one, a figure after it, is no sender's."""


def _opens_with_fact(part: str) -> bool:
    """Whether ``part`` is a fact's label and its value ("Date 19/11/2026", "Rechnungs-Nr. 4711")."""
    return any(
        not part[: hit.start].strip() and _DIGIT_RE.search(part[hit.end :]) is not None
        for kind in _FACT_KINDS
        for hit in find_labels(kind, part)
    )


_ADDRESS_PARTS_RE = re.compile(r",|\s+[-–—|·•●∙▪]\s+")
"""What parts a one-line address: a comma, or a mark between spaces — a bar, a dot, or a dash as one-line
addresses are printed ("Weg 4 - 12345 Stadt", the marks `_SENDER_LINE_SPLIT_RE` splits a sender's line at;
OCR reads a middle dot as a dash too)."""
COMMA_RETURN_ADDRESS_MAX = 90
"""Characters a one-line return address written with commas holds at most (a window's sender line)."""


_FIELD_COLON_RE = re.compile(r"(?<!\bNo)(?<!\bno):|:(?!\s?\d)")
"""A field label's colon ("Tel: ...", "Adresse: ..."), not a door number's ("No:20", "No: 7")."""


def _comma_return_address_parts(text: str) -> tuple[str, ...] | None:
    """The segments of a one-line return address written with commas ("Tischlerei Wald, Ringstraße 4,
    8010 Graz"): one cell, no field label, a name and then a whole postal address (a street and a
    postcode and town); None for any other text."""
    stripped = text.strip()
    pieces = stripped.split(",")
    cut = next((at for at, piece in enumerate(pieces) if at >= 3 and _names_an_id(piece)), None)
    if cut is not None:
        # an identity line closing the page prints its ids after the address ("…, 10 Mill Lane, Bristol
        # BS1 4DJ, VAT Reg. No. …, IBAN …"): the return address is what precedes the first
        stripped = ",".join(pieces[:cut]).strip()
    if len(stripped) > COMMA_RETURN_ADDRESS_MAX or _FIELD_COLON_RE.search(stripped) or "  " in stripped:
        return None  # (a door number's colon, "No:20", is no field label's)
    parts = tuple(part.strip() for part in stripped.split(","))
    if len(parts) < 3 or not all(parts):
        return None
    name = parts[0]
    if (
        not _TWO_LETTERS_RE.search(name)
        or (_address_like(name) and not _ends_with_legal_form(name))  # (a legal form's "KG" is no "Kg")
        or _street_and_number(name)
        or not _one_line_address(", ".join(parts[1:]))
    ):
        return None
    return parts


def _unmarked_return_address_parts(text: str) -> tuple[str, ...] | None:
    """The segments of a one-line return address whose marks are lost ("Firma a.s. Weg 16 140 00 Praha 4",
    "Firma SL C/ Mayor, 19 46046 Valencia": OCR drops the small middle dots between its parts): one cell, no
    field label, a company name ending at its legal form of the packs (a word before it), and right after it
    a whole postal address opening with its street; None for any other text."""
    stripped = text.strip()
    if len(stripped) > COMMA_RETURN_ADDRESS_MAX or _FIELD_COLON_RE.search(stripped) or "  " in stripped:
        return None
    for form in LEGAL_FORMS.finditer(stripped):
        name, rest = stripped[: form.end()].rstrip(" ,"), stripped[form.end() :].strip(" ,")
        if not rest or not _TWO_LETTERS_RE.search(stripped[: form.start()]) or _street_and_number(name):
            continue
        pieces = [piece for piece in _address_parts(rest) if piece]
        street = pieces[0] if pieces else ""
        if _one_line_address(rest) and (_street_and_number(street) or _STREET_WORD_RE.search(street)):
            return (name, *pieces)
    return None


def _names_an_id(piece: str) -> bool:
    """Whether a piece of a one-line identity names an id, an account or contact details ("VAT Reg. No.
    GB…", "IBAN …", "Tel. …", "company no. 0412"), or prints one ("27AAPFU0939F1ZV")."""
    return bool(
        _NOT_A_NAME.search(piece)
        or _REGISTRATION_LABEL_RE.search(piece)
        or _ID_WORD_RE.search(piece)
        or _IBAN_RE.search(piece)
    )


def _address_parts(text: str) -> list[str]:
    """A one-line address cut at its commas and marks (`_ADDRESS_PARTS_RE`), a postcode and its town that a
    comma parts kept as one piece ("191186, г. Санкт-Петербург", "Daugavpils, LV-5401")."""
    pieces = [part for piece in _ADDRESS_PARTS_RE.split(text) for part in _unglued(piece.strip())]
    index = 0
    while index + 1 < len(pieces):
        first, second = pieces[index], pieces[index + 1]
        joined = f"{first}, {second}"
        if (
            first
            and second
            and _DIGIT_RE.search(joined)
            and not _POSTCODE_TOWN_RE.match(first)
            and not _POSTCODE_TOWN_RE.match(second)
            and _POSTCODE_TOWN_RE.match(joined)
            and not _street_and_number(first)
        ):
            pieces[index : index + 2] = [joined]
        index += 1
    return pieces


_HOUSE_NUMBER_ALONE_RE = re.compile(r"\d{1,4}[A-Za-z]?")
"""A house number alone, the street's name before a comma ("Rua Augusta, 134")."""
_GLUED_POSTCODE_RE = re.compile(r"(?:[A-Z]{1,2}-)?\d")
"""A word that may open a postcode ("1783", "60-101", "D-10115")."""
PHONE_MIN_DIGITS = 6
"""Digits a run of number words after a town holds at least to be a phone number ("91 963 82 64"), not a
district's number ("Praha 4")."""


def _contact_start(words: Sequence[str], at: int) -> bool:
    """Whether ``words[at]`` opens contact details: a phone number (a plus, a bracket, or a run of number
    words with `PHONE_MIN_DIGITS` digits), a mail or web address."""
    word = words[at]
    if word[:1] in "+(" or "@" in word or word.lower().startswith("www."):
        return True
    if not word[:1].isdigit():
        return False
    digits = 0
    for other in words[at:]:
        if not other[:1].isdigit():
            break
        digits += sum(c.isdigit() for c in other)
    return digits >= PHONE_MIN_DIGITS


def _unglued(piece: str) -> list[str]:
    """A piece of a one-line address whose marks were lost (OCR drops a small middle dot between the parts:
    "Weg 61 · 1783 Town · +45 …" read "Weg 61 1783 Town +45 …") cut into its street, its postcode and
    town, and the contact details after them: the street and its house number (or a house number alone)
    right before a word opening a postcode, the postcode and the town's words up to a phone, mail or web
    address. The piece as it is where it reads as no such run."""
    words = piece.split()
    if len(words) < 3 or sum(1 for w in words if _DIGIT_RE.search(w)) < 2:
        return [piece]
    for at in range(1, len(words)):
        if not _GLUED_POSTCODE_RE.match(words[at]) or not _DIGIT_RE.search(words[at - 1]):
            continue
        street = " ".join(words[:at])
        if not (_HOUSE_NUMBER_ALONE_RE.fullmatch(street) or _street_and_number(street)):
            continue
        end = next(
            (
                k
                for k in range(at + 1, len(words))
                if any(w.isalpha() for w in words[at:k]) and _contact_start(words, k)
            ),
            len(words),
        )
        town = " ".join(words[at:end])
        if not _POSTCODE_FIRST_RE.match(town) or not _POSTCODE_TOWN_RE.match(town):
            continue
        rest = " ".join(words[end:])
        return [street, town, rest] if rest else [street, town]
    return [piece]


def _one_line_address(text: str) -> bool:
    """A whole postal address on one line, its parts parted by commas or bars: a postcode and town and
    a street (or a street's name, its house number after a comma, then the postcode: "Calle Mayor, 31,
    28013 Madrid"; "1052 Budapest, Árpád fejedelem útja 22.", "Hafenstraße 20, 04109 Leipzig", "Storgatan 9 |
    111 52 Stockholm")."""
    pieces = [piece for piece in _address_parts(text) if piece]
    return (
        len(pieces) >= 2
        and any(_POSTCODE_TOWN_RE.match(piece) or _ADDRESS_RE.match(piece) for piece in pieces)
        and (
            any(
                _street_and_number(piece) or _STREET_WORD_RE.search(piece) or _DOOR_NUMBER_RE.search(piece)
                for piece in pieces
            )
            or any(
                _HOUSE_NUMBER_ALONE_RE.fullmatch(piece)
                and _POSTCODE_TOWN_RE.match(after)
                and not _DIGIT_RE.search(before)
                for before, piece, after in zip(pieces, pieces[1:], pieces[2:], strict=False)
            )
        )
    )


_DOOR_NUMBER_RE = re.compile(r"(?<![\w.])No\s?:\s?\d{1,4}[A-Za-z]?(?:/\d{1,4})?$")
"""A street's door number written "No:20" closing the piece ("Kordon Boyu No:20", "Atatürk Cad. No:5/2"): a
street line, whatever the street's name (an id's "No:" holds more digits)."""


@lru_cache(maxsize=16384)
def _holder_hint(text: str) -> bool:
    return _HOLDER_HINT_RE.search(text) is not None


_SLIP_TITLE_RE = CaselessPattern(
    re.compile(r"^\s*(?:" + "|".join(word_entries("payment_slip_titles")) + r")(?![\w])", re.IGNORECASE)
)
"""A payment slip's title opening a line ("PAYMENT ADVICE", "Remittance slip", "Zahlschein")."""
_SLIP_PAYEE_RE = re.compile(
    r"^\s*(?:" + "|".join(word_entries("slip_payee_labels")) + r")\s*:\s*"
    r"(?P<name>[^\W\d_][^,;|]{1,60}?)\s*(?:$|[,;|]|\s{2,})",
    re.IGNORECASE,
)
"""The payee on a payment slip ("To: Acme Pty Ltd"): the slip goes back with the payment to the seller."""
SLIP_LINES = 4
"""Lines under a payment slip's title read for its payee."""
SLIP_PAYEE_SCORE = 10.0
"""The slip says whom the payment goes to: above any place a name stands in on the page (a customer's
block beside the seller's tax id reaches about 9)."""


def _slip_payee_names(lines: Sequence[Line]) -> list[tuple[float, str, Line]]:
    """The seller named as the payee of the payment slip the invoice ends with (an accounting package's
    "PAYMENT ADVICE / To: <seller>" beside the customer's name and the amount due): stronger than where
    names stand on the page, whose head may print the customer's address first."""
    for at, line in enumerate(lines):
        if not line.cells or _SLIP_TITLE_RE.search(line.cells[0].text) is None:
            continue
        for below in lines[at + 1 : at + 1 + SLIP_LINES]:
            match = _SLIP_PAYEE_RE.match(below.cells[0].text) if below.cells else None
            if match is None:
                continue
            name = _clean_name(match.group("name"))
            if len(name) >= 2 and not is_label_text(name) and legal_form(name):
                return [(SLIP_PAYEE_SCORE, name, below)]
    return []


_PRINCIPAL_RE = word_pattern("principal_openings")
"""The wording of an invoice a platform or an agent issues for the seller ("in the name and on behalf of",
"au nom et pour le compte de", "im Namen und für Rechnung von", "in nome e per conto di"): the name after
it is the seller's, whoever prints the page."""
PRINCIPAL_SCORE = 11.0
"""The seller named after an issuer's "in the name and for the account of": above a letterhead (the
platform's or the agent's) and a payment slip's payee (the platform may collect the payment)."""
_PRINCIPAL_TAIL_RE = re.compile(r"[,;(]|\.(?:\s|$)|\s[-–—|·]\s")


def _principal_names(lines: Sequence[Line]) -> list[tuple[float, str, Line]]:
    """The seller an agent's or a marketplace's invoice is issued for (`_PRINCIPAL_RE`): the name after
    the wording, opening with a capital, up to its legal form or the clause's end (two words at least
    without a legal form)."""
    if not lines:
        return []
    page = lines[0].page
    for line in lines:
        if line.page != page:
            break
        for cell in line.cells:
            match = _PRINCIPAL_RE.search(cell.text)
            if match is None:
                continue
            rest = cell.text[match.end() :].strip()
            if not rest[:1].isupper():
                continue
            form = legal_form(rest)
            if (
                form is not None
            ):  # "... von Bergmann Fahrradteile e.K. ausgestellt.": the name ends at its form
                rest = rest[: form.end()]
            else:
                tail = _PRINCIPAL_TAIL_RE.search(rest)
                rest = rest[: tail.start()] if tail is not None else rest
            name = _clean_name(rest)
            if (
                _TWO_LETTERS_RE.search(name)
                and not is_label_text(name)
                and (form is not None or len(name.split()) >= 2)  # ("des Verkäufers": a word, no name)
            ):
                return [(PRINCIPAL_SCORE, name, line)]
    return []


def _account_holder_names(lines: Sequence[Line]) -> list[tuple[float, str, Line]]:
    """The name after an account-holder label (the payee of the bank details is the seller)."""
    labelled = [line for line in lines if _holder_hint(line.text)]
    ordered = sorted(labelled, key=lambda line: reads_as_instruction(line.text))  # instructions last
    at = {id(line): pos for pos, line in enumerate(lines)}
    for line in ordered:
        if without_owner_label(line.text.strip()) != line.text.strip() and not _by_bank_details(
            lines, at[id(line)]
        ):
            continue  # "Titular: Lucía Ortega" under a trade name: its owner, no account's holder
        pos = at[id(line)]
        if (
            pos + 1 < len(lines)
            and lines[pos + 1].page == line.page
            and address_like(lines[pos + 1].text.strip())
            and not _by_bank_details(lines, pos)
        ):
            continue  # "Empfänger: Firma …" over its street, no bank details near: a letter's recipient
        match = _holder_match(line.text)
        if match is None:
            continue
        name = without_trailing_prose(_clean_name(match.group("name")))
        if (
            len(name) < 2
            or _NOT_A_NAME.search(name)
            or is_label_text(name)
            or sum(map(str.isdigit, name)) > len(name) / 4
        ):
            continue
        return [(4.0 + (1.0 if legal_form(name) else 0.0), name, line)]
    return []


def _by_bank_details(lines: Sequence[Line], pos: int) -> bool:
    """Whether an IBAN or an account's label stands on line ``pos`` or the two lines around it."""
    return any(
        _IBAN_RE.search(line.text) is not None or _IBAN_LABEL_RE.search(line.text) is not None
        for line in lines[max(0, pos - 2) : pos + 3]
    )


PROSE_TAIL_WORDS = 2
"""Words in lower case at least that close a name read from a sentence make the sentence's own tail."""


def without_trailing_prose(name: str) -> str:
    """A name read from a sentence without the sentence's words after it: "Stadt Elmshorn unter Angabe
    der Rechnungsnummer" is Stadt Elmshorn. Cut: from an instruction word of the packs after the name's
    first word ("unter Angabe", "onder vermelding", "please") on, then the words in lower case that
    close what is left (after a cut, or at least PROSE_TAIL_WORDS of them: "quoting the invoice
    number"), holding no legal form ("sp. z o.o.", "e.V." close names); a name's particles inside
    ("Bureau voor de Statistiek") stay."""
    instruction = _sentence_instruction(name)
    text = name[: instruction.start()] if instruction is not None else name
    words = text.split()
    start = len(words)
    while start > 0 and not any(ch.isupper() for ch in words[start - 1]):
        start -= 1
    tail = words[start:]
    lower = sum(1 for w in tail if _TWO_LETTERS_RE.search(w))
    if (
        start > 0
        and (instruction is not None or lower >= PROSE_TAIL_WORDS)
        and not legal_form(" ".join(tail))
    ):
        text = " ".join(words[:start])
    elif instruction is None:
        return name
    cut = text.rstrip(_NAME_TAIL_STRIP)
    return cut if _TWO_LETTERS_RE.search(cut) else name


def _sentence_instruction(name: str) -> re.Match[str] | None:
    """The first instruction word after ``name``'s first word that goes on a sentence: in lower case, or
    after a word in lower case ("unter Angabe"), with no legal form from it on ("Global Wire Ltd" is a
    name)."""
    first = name.split(None, 1)
    if len(first) < 2:
        return None
    for match in _INSTRUCTION_RE.finditer(name[len(first[0]) :]):
        at = len(first[0]) + match.start()
        before = name[:at].split()
        if (match.group(0).islower() or (before and before[-1].islower())) and not legal_form(name[at:]):
            return _INSTRUCTION_RE.search(name, at)
    return None


_NAME_FIELD_RE = CaselessPattern(
    re.compile(r"(?:^|\s)(?:" + "|".join(word_entries("name_fields")) + r")\s*$", re.IGNORECASE)
)


SPACED_MIN_LETTERS = 4
"""Letters a name set letter by letter with printed spaces holds at least ("M A I S O N")."""
SPACED_WORD_GAP = 1.6
"""Times the usual gap between its letters that parts two words of such a name (on a page with word
boxes; in text, a run of spaces)."""
_SPACED_RE = re.compile(r"\w(?: +\w){3,}")


def _spaced_out(line: Line, cell: Cell) -> str | None:
    """The name a cell sets letter by letter with printed spaces between the letters ("Y I L D I Z   M İ
    M A R L I K", a letterhead's tracking typed by hand), its words whole again: parted where the gap is
    a run of spaces, or, with word boxes, wider than `SPACED_WORD_GAP` times the letters' usual gap.
    None for any other cell (initials "J. R. R.", figures stay as printed)."""
    raw = line.text[cell.start : cell.end]
    if _SPACED_RE.fullmatch(raw) is None or sum(c.isalpha() for c in raw) < SPACED_MIN_LETTERS:
        return None
    if re.search(r"\s{2}", raw):
        return " ".join(part.replace(" ", "") for part in re.split(r"\s{2,}", raw))
    boxes = sorted(
        (placed.word for placed in line.words if cell.start <= placed.start < cell.end),
        key=lambda word: word.x0,
    )
    if len(boxes) < 2:
        return raw.replace(" ", "")
    gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(boxes)]
    usual = sorted(gaps)[len(gaps) // 2]
    words, current = [], boxes[0].text
    for gap, word in zip(gaps, boxes[1:], strict=True):
        if gap > SPACED_WORD_GAP * max(usual, 0.5):
            words.append(current)
            current = word.text
        else:
            current += word.text
    return " ".join([*words, current])


def _name_cells(line: Line) -> list[Cell]:
    """A line's cells, and the whole short line as one more: layout text can open wide gaps inside a
    name ("Lieferant   GmbH")."""
    cells = list(line.cells)
    if 1 < len(cells) <= 4:
        first, last = cells[0], cells[-1]
        gaps = [b.start - a.end for a, b in itertools.pairwise(cells)]
        if max(gaps) <= 5 and last.end - first.start <= 70:
            cells.append(Cell(first.start, last.end, " ".join(line.text[first.start : last.end].split())))
    return cells


BUYER_BLOCK_LINES = 3
"""Lines under a buyer label read for the buyer's name."""
BUYER_FIELD_LINES = 5
"""Lines under a buyer label read for a "Name:" field (a table of fields: number, GLN, name)."""


def _name_field_label_before(line: Line, cell: Cell) -> bool:
    """Whether a name field's label ("Name:", "Firma:") stands right before ``cell`` on its line: what
    the field holds is the name, whatever its words."""
    before = [c for c in line.cells if c.end <= cell.start]
    return bool(before) and _name_field_value(line, before[-1]) is not None


def _name_field_value(line: Line, cell: Cell) -> str | None:
    """The value right of a name field's label cell ("Name:", "Firma:", "Company name:"), if any."""
    label = cell.text.rstrip()
    if not label.endswith(":") or not _NAME_FIELD_RE.search(label[:-1]):
        return None
    value = next((c for c in line.cells if c.start > cell.start), None)
    return value.text if value is not None else None


_DELIVERY_SECTION = word_pattern("delivery_section")
"""A buyer label that names where the goods go ("Ship to", "Lieferadresse", "Leveres til"), not who is
invoiced: read after the invoicee's labels ("Bill to", "Rechnungsempfänger")."""


_BARE_NAME_FIELD_RE = re.compile(r"(?:" + "|".join(word_entries("name_fields")) + r")\s*:?", re.IGNORECASE)
"""A cell that is a name field's word alone ("Name", "Nombre:")."""
CUSTOMER_BOX_LINES = 60
"""Lines of page one a customer box's row of headings may stand on."""


def customer_box_name(lines: Sequence[Line], seller: str | None = None) -> tuple[str | None, Line | None]:
    """A customer box: a row of headings over a row of values, one value per heading, where one heading
    names a customer field ("Customer no.", "Código de cliente") and another is a bare name field
    ("Name", "Nombre"): the value under the name field is the buyer's name. Headings centred over wide
    columns need not overlap their left-aligned values: with as many values as headings, the values
    follow the headings in order."""
    own = _same_words(seller) if seller else None
    for pos, line in enumerate(lines[: min(len(lines) - 1, CUSTOMER_BOX_LINES)]):
        below = lines[pos + 1]
        if len(line.cells) < 2 or below.page != line.page or len(below.cells) != len(line.cells):
            continue
        if not any(_CUSTOMER_FIELD_RE.search(cell.text) for cell in line.cells):
            continue
        names = [
            at
            for at, cell in enumerate(line.cells)
            if _BARE_NAME_FIELD_RE.fullmatch(cell.text.strip())
            and not _CUSTOMER_FIELD_RE.search(cell.text)
            and not _is_sender_field(cell.text.rstrip(": "))
        ]
        if len(names) != 1 or any(_DIGIT_RE.search(cell.text) for cell in line.cells):
            continue
        value = below.cells[names[0]].text.strip()
        if not _TWO_LETTERS_RE.search(value) or sum(map(str.isdigit, value)) > len(value) / 4:
            continue
        if own is not None and _same_words(value) == own:
            continue
        return value, below
    return None, None


def choose_buyer_name(lines: Sequence[Line], seller: str | None = None) -> tuple[str | None, Line | None]:
    """The first name-like line under a buyer label, or the value of a name field under it; under an
    invoicee's label before a delivery address's (`_DELIVERY_SECTION`). Under the totals, a name that is
    the seller's (``seller``: the name read as the vendor) is passed over: a label there that reads as a
    buyer's over the seller's name is a payee's ("Empfänger", "Odbiorca", "Beneficiar" on the transfer
    slip a bill ends with: the payment's recipient). Above the totals the label decides."""
    later: list[tuple[int, Line, LabelHit]] = []
    own = _same_words(seller) if seller else None
    own_bare = _same_words_without_form(seller) if seller else ""
    totalled = False  # a total's or amount due's label stood on an earlier line
    slip_end = -1  # the last line a payment slip's payee may stand on
    closing = closing_captions(lines)
    for pos, line in enumerate(lines[:200]):
        if line.cells and _SLIP_TITLE_RE.search(line.cells[0].text) is not None:
            slip_end = pos + SLIP_LINES
        if pos in closing:
            for top, hit in closing[pos]:
                if hit.kind == "buyer_section":  # the caption under the buyer's block: read as if over it
                    over = dataclasses.replace(line, text=" " * hit.start + hit.text, cells=[])
                    named = _name_under_buyer_label(lines[:pos], top - 1, over, hit)
                    if named is not None:
                        return named
            continue
        hits = buyer_headings(line)
        if not hits and (inline := _name_after_bare_caption(line)) is not None and not totalled:
            return inline, line
        if hits and (is_column_header(line.text) or (pos and is_column_header(lines[pos - 1].text))):
            continue  # "Ref. / cliente", "Kunden- / Art.-Nr.": a table column's heading, no party's
        if hits and pos <= slip_end and _SLIP_PAYEE_RE.match(line.cells[0].text):
            continue  # "PAYMENT ADVICE / To: <seller>": the slip's payee, the seller
        for hit in hits:
            if _DELIVERY_SECTION.search(hit.text):
                later.append((pos, line, hit))
                continue
            named = _name_under_buyer_label(lines, pos, line, hit)
            if named is not None and not (
                totalled
                and (
                    _same_words(named[0]) == own
                    # (the slip may print the seller without its legal form: "Kowalczyk Sp.J." as "Kowalczyk")
                    or (own_bare and _same_words_without_form(named[0]) == own_bare)
                )
            ):
                return named
        totalled = totalled or bool(labels_of(("total", "amount_due"), line.text))
    for pos, line, hit in later:
        named = _name_under_buyer_label(lines, pos, line, hit)
        if named is not None:
            return named
    return None, None


def _name_after_bare_caption(line: Line) -> str | None:
    """The buyer's name set after its caption in one cell with no colon between ("Customer Kowalski Sp. z
    o.o."), as a narrow receipt prints it: the caption opens the cell and the rest of the cell is a company's
    whole name, its legal form closing or opening it. Without the legal form the words after a caption are
    as likely the caption's own ("Customer service", "Kunde seit 2019")."""
    for hit in find_labels("buyer_section", line.text):
        cell = cell_holding(line, hit.start)
        if cell is None or hit.start - cell.start > 2 or _DELIVERY_SECTION.search(hit.text):
            continue
        rest = line.text[hit.end : cell.end]
        if not rest.startswith(" ") or ":" in rest or _DIGIT_RE.search(rest):
            continue
        rest = rest.strip()
        opens = LEADING_LEGAL_FORMS.match(rest)
        if not (_ends_with_legal_form(rest) or (opens is not None and opens.end() < len(rest))):
            continue
        if is_label_text(rest) or address_like(rest):
            continue
        return _clean_name(rest)
    return None


_TRAILING_MAIL_RE = re.compile(r"\s*(?:[,;·|]\s*|\s[-–—]\s*|<\s*)[\w.+'-]+@[\w-]+(?:\.[\w-]+)+\s*>?\s*$")
"""An e-mail address closing a party's line after a comma, a mark or in angle brackets ("Bill to: Jane Roe,
jane@example.com", "Jane Roe <jane@example.com>"): a receipt names its buyer so on one line; the words before
it are the name."""


_MAIL_ADDRESS_RE = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
"""An e-mail address anywhere in a text."""


def _without_trailing_mail(text: str) -> str:
    """``text`` without the e-mail address closing it (`_TRAILING_MAIL_RE`), where words are left before it."""
    cut = _TRAILING_MAIL_RE.sub("", text)
    return cut if _TWO_LETTERS_RE.search(cut) else text


def _name_under_buyer_label(
    lines: Sequence[Line], pos: int, line: Line, hit: LabelHit
) -> tuple[str, Line] | None:
    """The name right of a buyer label or in the cells under it (see `choose_buyer_name`)."""
    after = line.text[hit.end :]
    rest = after.strip(" :")
    gap = len(after) - len(after.lstrip(" :"))
    candidates: list[tuple[str, Line, int]] = []
    right = (
        rest.split("  ")[0].strip()
        if rest and (gap <= 8 or _field_at_tab(line, hit, gap) or _block_beside_label(lines, pos, hit, gap))
        else ""
    )
    if right:
        candidates.append((right, line, pos))
    below = lines[pos + 1 : pos + 1 + BUYER_FIELD_LINES]
    if _MAIL_ADDRESS_RE.search(rest):
        below = []  # "To:   Jane Roe <jane@…>" (a mail's header field): its value on its line, no block under it
    for depth, other in enumerate(below, start=1):
        if other.page != line.page:
            break
        cell = cell_at(other, hit.start - 2, hit.start + 40)
        if cell is not None and margin_reference(cell.text):
            # a form's field number in the margin ("1.4.1.3"): the field's value is the next cell right of it
            cell = next((c for c in other.cells if c.start > cell.end), None)
        inline = _inline_name_fields(other) if len(line.cells) == 1 and depth <= BUYER_BLOCK_LINES else []
        if cell is None:
            candidates += [(value, other, pos + depth) for value in inline]
            continue
        value = _name_field_value(other, cell)
        if value is not None:  # "Name:        Kaufhaus AG Süd" in a table of fields
            candidates.append((value, other, pos + depth))
        elif inline:
            candidates += [(value, other, pos + depth) for value in inline]
        elif _OTHER_FIELD_CELL_RE.match(cell.text) and not _NAME_FIELD_RE.search(cell.text.split(":", 1)[0]):
            continue  # "Condición de venta: Otra", "Payment: Net 30": a field of the block, not its name
        elif depth <= BUYER_BLOCK_LINES:
            candidates.append((_buyer_name_wrapped(lines, pos + depth, cell), other, pos + depth))
    for at, (text, origin, _) in enumerate(candidates):
        text = _without_trailing_mail(text)  # (the name before its mail: "Jane Roe, jane@example.com")
        name = without_salutation(_clean_name(name_before_address(text)))  # ("Acme Ltd, 5 Mill Road, Hull")
        plausible = len(name) >= 3 and re.search(r"[^\W\d_]{3}", name) and not _NOT_A_NAME.search(name)
        if _is_field_label(name) or text.rstrip().endswith(":") or is_label_text(name):
            continue  # a label is never a value
        if (bare := _NAME_FIELD_RE.search(name)) is not None and bare.start() == 0:
            continue  # a name field's label alone ("Denominazione", "Benennung"), its value beside or under it
        if _ATTENTION_RE.match(text.strip()):
            continue  # "Att.: Carlos Herrero": the person the letter goes to, not the buyer
        if origin is not line and _HEADING_TAIL_RE.search(name) and not legal_form(name):
            continue  # a sub-heading of the block ("Registry data", "Details") over its name field
        if (
            _street_and_number(name)
            or (_ADDRESS_RE.search(name) and not legal_form(name))
            or _ADDRESS_WORD_NUMBER_RE.match(name) is not None
        ):
            # (an address word opening the value, "Level 7, 269 Beach Road, Adelaide SA 5000": an address
            # whatever its state's code reads as, "SA" no company's legal form there)
            if origin is line:
                return None  # "Afleveradres: Prinsengracht 659, …": the label heads an address, no name
            continue  # the block's street or town: its name was not read (a field's line took its place)
        if origin is not line and origin.text[origin.text.find(text) + len(text) :].lstrip().startswith(":"):
            continue  # "Globale Nummer : 4304171000002" is a field, not a name
        if plausible and sum(map(str.isdigit, name)) <= len(name) / 4:
            return _firm_under_contact(candidates, at, name, origin, line) or (name, origin)
    return None


def _firm_under_contact(
    candidates: Sequence[tuple[str, Line, int]], at: int, name: str, origin: Line, label_line: Line
) -> tuple[str, Line] | None:
    """The firm on the block's next line where the block's first line is a person's name and the line
    under it names a company by its legal form, a trade word or an owner's label ("Bill To" / "Jane Roe" /
    "Roe Landscaping Ltd"): the person is the firm's contact, the firm the buyer."""
    if origin is label_line or at + 1 >= len(candidates) or legal_form(name):
        return None
    words = name.split()
    if not ADDRESSEE_NAME_WORDS[0] <= len(words) <= 4 or not all(
        _NAME_WORD_RE.match(word) and not any(ch.isdigit() for ch in word) for word in words
    ):
        return None
    text, below, depth = candidates[at + 1]
    _, _, here = candidates[at]
    firm = without_salutation(_clean_name(_without_trailing_mail(text)))
    if depth != here + 1 or below is origin or _ATTENTION_RE.match(text.strip()):
        return None
    if not (legal_form(firm) or _BUSINESS_RE.search(firm) or _OWNER_INSIDE_RE.search(firm)):
        return None
    if _street_and_number(firm) or (
        not legal_form(firm) and (_ADDRESS_RE.search(firm) or address_like(firm) or re.search(r"\d", firm))
    ):
        return None  # "187 Market Street": the contact's street, a trade word in its name
    return firm, below


_OWNER_INSIDE_RE = re.compile(r"\s(?:" + "|".join(word_entries("owner_labels")) + r")(?![\w])", re.IGNORECASE)
"""An owner's label inside a line ("Gasthof Zur Linde Inh. Maria Huber"): the line names a sole trade."""


_INLINE_NAME_FIELD_RE = CaselessPattern(
    re.compile(r"^[\W_]*(?:" + "|".join(word_entries("name_fields")) + r")\s*:\s*(\S.*)$", re.IGNORECASE)
)
"""A name field and its value set in one cell ("Razón Social: Estudio Rivas", "Company name: Acme Ltd")."""
_OTHER_FIELD_CELL_RE = re.compile(r"^\s*[^\W\d_][^\W\d_ .]*(?:[ .]+[^\W\d_]+){0,3}\.?\s*:\s+\S")
"""A cell that is a short field's label (one to four words) with its colon and value."""


def _inline_name_fields(line: Line) -> list[str]:
    """The values of the name fields set with their label in one cell anywhere on ``line``: under a
    section heading that spans the block (a heading alone on its line, "DATOS DEL RECEPTOR"), the block
    sets its fields in two columns ("CUIT: …   Razón Social: …"), the name not always under the heading."""
    values: list[str] = []
    for cell in line.cells:
        match = _INLINE_NAME_FIELD_RE.match(cell.text.strip())
        if match:
            values.append(match.group(1).strip())
    return values


FIELD_TAB_CHARS = 24
"""Characters from a field heading's colon to its value set at a tab stop ("An:" … "Sonnfeld GmbH")."""


def _field_at_tab(line: Line, hit: LabelHit, gap: int) -> bool:
    """A buyer label that is a field's heading in a cell of its own, the label and its colon only
    ("To:", "An:", "Para:", "Till:"), with its value in the next cell at a tab stop: a memo's header
    fields set the value so, further off than a label's value in running text. Without the colon, the
    label and its value are the line's only two cells."""
    cell = cell_holding(line, hit.start)
    if cell is None or gap > FIELD_TAB_CHARS or cell.text.strip().rstrip(":").strip() != hit.text.strip(" :"):
        return False
    if not any(other.start == hit.end + gap for other in line.cells):
        return False
    # without its colon the caption heads a row of two cells, the caption and the party's record on one line
    # ("TO        Greyfield Veterinary Practice | 14 Mill Road, Perth"): a compact bill's header rows
    return cell.text.rstrip().endswith(":") or (len(line.cells) == 2 and line.cells[0].start == cell.start)


def _block_beside_label(lines: Sequence[Line], pos: int, hit: LabelHit, gap: int) -> bool:
    """A buyer label closing a cell of its own ("Adresse client", "Customer") with the party's block set
    in the next column at a tab stop: its name beside the label, its address lines under the name in
    that column and nothing under the label (a table of two columns, labels and their values)."""
    line = lines[pos]
    cell = cell_holding(line, hit.start)
    if (
        cell is None
        or gap > FIELD_TAB_CHARS
        or cell.text.rstrip(" :").rstrip() != line.text[cell.start : hit.end].rstrip(" :")
    ):
        return False
    value = next((other for other in line.cells if other.start == hit.end + gap), None)
    if value is None or pos + 1 >= len(lines) or lines[pos + 1].page != line.page:
        return False
    under = lines[pos + 1].cells
    return bool(under) and abs(under[0].start - value.start) <= 1


def _buyer_name_wrapped(lines: Sequence[Line], at: int, cell: Cell) -> str:
    """A buyer's name under its label with the line under it where the layout wrapped the name there:
    its legal form alone ("Nyström Tryckeri" / "Handelsbolag"), or, after a name ending in a
    connector, the rest closing with its legal form ("Núñez Carpintería y" / "Climatización S.L.")."""
    text = cell.text.strip()
    if at + 1 >= len(lines) or lines[at + 1].page != lines[at].page or legal_form(text) is not None:
        return cell.text
    below = next((c for c in lines[at + 1].cells if abs(c.start - cell.start) <= WRAP_COLUMN_SLACK), None)
    if below is None:
        return cell.text
    lower = below.text.strip()
    words = text.split()
    ends_joined = bool(words) and (words[-1].lower() in _CONNECTORS or words[-1] in _JOINING_MARKS)
    if _legal_form_only(lower) or (
        ends_joined and _ends_with_legal_form(lower) and not _DIGIT_RE.search(lower)
    ):
        return f"{text} {lower}"
    if (
        _firm_head_over_rest(text, lower)
        and not _DIGIT_RE.search(lower)
        and _name_part(lower)
        and _close_under(lines[at], cell, lines[at + 1], below)
    ):
        return f"{text} {lower}"  # a firm's head over the rest of its name ("Kessler" / "Verpackungen GmbH")
    return cell.text


def name_similarity(a: str, b: str) -> float:
    """0..100: how alike two company names are, ignoring case, punctuation and legal forms."""

    def norm(value: str) -> str:
        value = LEGAL_FORMS.sub(" ", value.lower())
        return " ".join(re.sub(r"[^\w]+", " ", value).split())

    left, right = norm(a), norm(b)
    if not left or not right:
        return 0.0
    if len(min(left, right, key=len)) >= 4 and (left in right or right in left):
        return 100.0
    return float(fuzz.ratio(left, right))


def address_window_buyer(lines: Sequence[Line], vendor: str | None) -> tuple[str | None, Line | None]:
    """Without a buyer label: the first company name near the top of page 1 that is not the vendor."""
    if not lines:
        return None, None
    head = [x for x in lines if x.page == lines[0].page][:20]
    window = _window_under_return_address(head, vendor)
    if window is not None:
        return window
    block = _block_under_lone_name(head, vendor)
    if block is not None:
        return block
    addressee = attention_buyer(head, vendor)
    if addressee[0] is not None:
        return addressee
    # (the parties stand above the items' table: a figure and its unit in a description, "1 kg", is no
    # company, whatever legal form its letters spell)
    head = head[: next((at for at, line in enumerate(head) if is_column_header(line.text)), len(head))]
    for at, line in enumerate(head):
        cell = line.cells[0] if line.cells else None
        if cell is None or _return_address(line) is not None or "·" in cell.text or "|" in cell.text:
            continue  # the sender's return-address line
        name = _buyer_like(cell, vendor)
        if (
            name is not None
            and not _heads_bank_details(head, at, cell)
            and not _ends_group_line(head, at, cell)
        ):
            return name, line
    # none opens a line: the customer's block beside the invoice's facts ("Invoice no.  4711   Kunde AG")
    for at, line in enumerate(head):
        if _return_address(line) is not None:
            continue
        for cell in line.cells[1:]:
            name = _buyer_like(cell, vendor) if "·" not in cell.text and "|" not in cell.text else None
            if (
                name is not None
                and not _heads_bank_details(head, at, cell)
                and not _ends_group_line(head, at, cell)
                and _TWO_LETTERS_RE.search(_without_legal_forms(name))
                and not name[0].isdigit()
            ):
                return name, line  # (a figure and its unit, "1.00 kg", is no company)
    return _addressee_block(head, vendor) or (None, None)


ADDRESSEE_NAME_WORDS = (2, 5)
"""Words of a private addressee's name ("Lukas Vogt", "Anna Maria van der Berg")."""
_NAME_WORD_RE = re.compile(r"^(?:[^\W\d_][\w'’.-]*|[a-z]{1,3})$")
"""A word of a person's name: capitalised, or a short particle ("van", "de", "da")."""


ADDRESSEE_SCAN_LINES = 6
"""Lines under an addressee's name read for its street and town (the rows of a column beside it skipped)."""
_BARE_FIGURE_RE = re.compile(r"[#№]?\s*\d[\d\s./-]*")
"""A cell holding a figure alone (a meter's, a contract's or a customer's number)."""


def _addressee_block(head: Sequence[Line], vendor: str | None) -> tuple[str, Line] | None:
    """A postal address with no label over it, near the top of page one: a person's name over a street
    and its number and a postcode and town, the name's column kept (the window of a letter or bill sent
    to a private customer). Its name is the addressee's, the buyer's, unless it is the seller's."""
    for at, line in enumerate(head):
        for cell in line.cells:
            name = without_salutation(" ".join(cell.text.split()))  # ("Dhr. Inge Bakker": Inge Bakker)
            words = name.split()
            low, high = ADDRESSEE_NAME_WORDS
            if not low <= len(words) <= high or _DIGIT_RE.search(name) or not words[0][:1].isupper():
                continue
            if not all(_NAME_WORD_RE.match(w) for w in words) or not (
                words[-1][:1].isupper() or (public_body(name) and _kind_opens_or_closes(name))
            ):
                continue  # (a public body's name may close on its kind in lower case: "Espoon kaupunki")
            if legal_form(name) or is_label_text(name) or _NOT_A_NAME.search(name) or names_in_prose(name):
                continue
            if vendor and name_similarity(name, vendor) >= 80:
                continue
            after = [c for c in line.cells if c.start > cell.start]
            if after and _BARE_FIGURE_RE.fullmatch(after[0].text.strip()):
                continue  # "METER NUMBER   92674963": a field's label, its figure beside it, names no one
            # the block's next lines in the name's column; a line holding nothing there is skipped (the
            # facts column beside the window interleaves its rows: "Codice cliente  K3665962")
            below = [
                text
                for other in head[at + 1 : at + 1 + ADDRESSEE_SCAN_LINES]
                if other.page == line.page and other.cells
                for text in [
                    next((c.text for c in other.cells if abs(c.start - cell.start) <= WRAP_COLUMN_SLACK), "")
                ]
                if text or other.cells[0].start <= cell.start + WRAP_COLUMN_SLACK
            ][:3]
            street = next(
                (
                    i
                    for i, text in enumerate(below[:2])
                    if _street_and_number(text)
                    or _ADDRESS_RE.search(text)
                    or (i == 0 and not _DIGIT_RE.search(text) and _STREET_WORD_RE.search(text))
                ),  # (a street with no number right under the name: "Oakfield Road")
                None,
            )
            if street is None or (
                _POSTCODE_TOWN_RE.match(below[street].strip())
                and not _POSTCODE_AFTER_COMMA_RE.search(below[street])
            ):
                continue
            if below and without_owner_label(below[0].strip()) != below[0].strip():
                continue  # a trade name over its owner's line ("Indehaver: Ida Thygesen"): the seller's head
            if _POSTCODE_AFTER_COMMA_RE.search(below[street]) or any(
                _POSTCODE_TOWN_RE.match(text.strip()) for text in below[street + 1 : street + 3]
            ):
                return name, line
    return None


_POSTCODE_AFTER_COMMA_RE = re.compile(r",\s*\d{4,5}(?:\s+[^\W\d_][^\d]*)?\s*$")
"""A street line that goes on, after a comma, to the postcode (and the town, or its first word) of a
one-line address its column wrapped ("Piazza Duomo 2, 53037 San" / "Gimignano (SI)")."""


def _block_under_lone_name(head: Sequence[Line], vendor: str | None) -> tuple[str, Line] | None:
    """The recipient's block beside a sender's lone name (`lone_name_over_block`): its head names the
    buyer, even a firm of the sender's own name (another company of a group, a branch), once the vendor
    read is the lone name."""
    found = lone_name_over_block(head)
    if found is None:
        return None
    if vendor and name_similarity(_clean_name(found.name.text), vendor) < SAME_NAME_SIMILARITY:
        return None
    name = without_salutation(_clean_name(found.head.text))
    return (name, found.head_line) if name else None


def _heads_bank_details(lines: Sequence[Line], at: int, cell: Cell) -> bool:
    """A company name over an IBAN or an account's label in its column: the bank an account is held
    with ("Swedbank AS" / "IBAN: LV15 …"), no customer."""
    if at + 1 >= len(lines):
        return False
    below = next((c for c in lines[at + 1].cells if abs(c.start - cell.start) <= WRAP_COLUMN_SLACK), None)
    return below is not None and (
        _IBAN_LABEL_RE.search(below.text) is not None or _IBAN_RE.search(below.text) is not None
    )


def _ends_group_line(lines: Sequence[Line], at: int, cell: Cell) -> bool:
    """A name that closes a group-membership sentence its column wrapped ("Member of the Hale" /
    "Group plc"): the nearest cell above in its column (two lines up at most) opens with the packs'
    group-membership words and names no legal form of its own. The parent group, no party."""
    for above in (lines[at - 1], lines[at - 2]) if at >= 2 else lines[:at]:
        if above.page != lines[at].page:
            return False
        over = next((c for c in above.cells if abs(c.start - cell.start) <= WRAP_COLUMN_SLACK), None)
        if over is not None:
            text = over.text.strip()
            return bool(_GROUP_MEMBERSHIP.match(text)) and legal_form(text) is None
    return False


_GROUP_MEMBERSHIP = word_pattern("group_membership")
"""Words opening a line that says which group the seller belongs to ("A member of", "Ein Unternehmen der",
"Ingår i", "En del af"): the packs' word class ``group_membership``."""
PUBLIC_BODY_NAME_WORDS = 8
"""Words a public body's name opening with its kind (`public_bodies`) holds at most: its lower-case words
("des eaux", "des finances publiques") name the body, where a longer text is a sentence about it."""
PROSE_WORD_LENGTH = 4
"""A lower-case word at least this long that joins no name makes a text a sentence (with another one)."""


def names_in_prose(text: str) -> bool:
    """A sentence that names a company, not a party's name: two lower-case words or more, one of them a
    word of its own ("Card payments are processed by Adyen N.V.", "Membre du groupe Chevalier SA",
    "Μέλος του ομίλου … Α.Ε."); a name's particles and connectors alone ("van den Berg & de Vries
    N.V.", "S. de R.L. de C.V.") are not."""
    if _GROUP_MEMBERSHIP.match(text.strip()):
        return True  # "Ingår i Sandberg Koncern AB", "Part of Byrne Holdings Ltd": the parent group, no party
    if (
        len(text.split()) <= PUBLIC_BODY_NAME_WORDS
        and _kind_opens_or_closes(text.strip())
        and public_body(text)
    ):
        # a public body's name opens with its kind, in common nouns ("Régie des eaux de Lyon"), or closes on it
        # where the language puts the place first ("Espoon kaupunki", "Одеська міська рада")
        return False
    lower = [w.strip(".,;:()") for w in _without_legal_forms(text).split() if w[:1].islower()]
    return len(lower) >= 2 and any(len(w) >= PROSE_WORD_LENGTH and w not in _CONNECTORS for w in lower)


_POSTCODE_DIGITS_RE = re.compile(r"(?<![\d\w])\d{4}\s?$")
"""A postcode's four digits right before a legal form's letters: the Dutch postcode's ("3511 AB")."""


_FIELD_CAPTION_RE = re.compile(
    r"(?:(?:" + "|".join([*word_entries("name_fields"), *word_entries("address_fields")]) + r")[\s/&,.:]*)+",
    re.IGNORECASE,
)
"""A text of the packs' name and address fields' words alone ("COMPANY NAME", "Company address"): a form's
caption, printed under or over the value it names."""


def _buyer_like(cell: Cell, vendor: str | None) -> str | None:
    """A cell's company name (a legal form, no label, not the vendor's, not in a sentence), else None."""
    name = without_salutation(_clean_name(_name_before_address(cell.text)))
    if not legal_form(name) or _NOT_A_NAME.search(name) or len(name) > 70 or is_label_text(name):
        return None
    if _FIELD_CAPTION_RE.fullmatch(name.strip()):
        return None  # a form's caption alone ("COMPANY NAME", "COMPANY ADDRESS" printed under the values)
    if names_in_prose(name):
        return None
    colon = name.find(":")
    if colon > 0 and all(form.end() <= colon for form in LEGAL_FORMS.finditer(name)):
        return None  # "A. s.: LT02 …": letters like a legal form before a colon abbreviate a label
    if _POSTCODE_TOWN_RE.match(name):
        return None  # a town, its state and postcode ("Adelaide SA 5000"): the state is no legal form
    if all(_POSTCODE_DIGITS_RE.search(name, 0, form.start()) for form in LEGAL_FORMS.finditer(name)):
        return None  # "Molenlaan 74 – 3511 AB Utrecht": a postcode's letters ("3511 AB") are no legal form
    if (
        vendor
        and name_similarity(name, vendor) >= 80
        and not _apart_but_a_trade_word(name, vendor)
        and not _another_company_of_more_names(name, vendor)
    ):
        return None
    if not _without_legal_forms(name).strip(" .,&") or (vendor and name.casefold() in vendor.casefold()):
        return None  # a legal form alone, or a part of the vendor's name its layout wrapped ("A/S")
    return name


SAME_WORD_SIMILARITY = 80
"""From this similarity two words are one word spelt apart ("Installatie", "Installaties"): see
`_apart_but_a_trade_word`."""


def _apart_but_a_trade_word(a: str, b: str) -> bool:
    """Two names alike only by the words they share (their trade: "van Dijk Installaties B.V." and
    "Hendriks Installaties V.O.F."), each word that names one party unlike every word naming the other:
    two parties, not one."""
    left, right = (
        {w for w in re.sub(r"[^\w]+", " ", _without_legal_forms(n).lower()).split() if len(w) > 1}
        for n in (a, b)
    )
    if not left & right or not left - right or not right - left:
        return False
    return all(fuzz.ratio(x, y) < SAME_WORD_SIMILARITY for x in left - right for y in right - left)


def _another_company_of_more_names(a: str, b: str) -> bool:
    """Two whole company names, each closing on its own legal form, one the other's words and more
    ("Gómez S.L." and "Gómez & González S.L.", "Weber GmbH" and "Weber & Sohn GmbH"): a firm named after
    more people (or a trade) than the other, so two parties; a letterhead's short name and the same
    company's full name print one legal form at most."""
    if ":" in a or ":" in b or not (_ends_with_legal_form(a) and _ends_with_legal_form(b)):
        return False  # ("Wystawca faktury: Tatry S.A.": a label before the seller's name, no other firm)
    left, right = (
        {w for w in re.sub(r"[^\w]+", " ", _without_legal_forms(n).lower()).split() if len(w) > 1}
        for n in (a, b)
    )
    return bool(left and right) and left != right and (left < right or right < left)


def _name_before_address(text: str) -> str:
    """The name of a one-line address written with commas ("Muster Ltd, 4 Quay Road, Cork"): the part
    before the first comma when a street or a postcode and town follows it; else the text."""
    name, comma, rest = text.partition(",")
    if comma and name.strip() and (_address_like(rest.strip()) or _ADDRESS_RE.search(rest)):
        return name
    return text


def _window_under_return_address(head: Sequence[Line], vendor: str | None) -> tuple[str, Line] | None:
    """A German-style letter: the recipient's address window opens right under the sender's one-line
    return address ("Holzbau Keller GmbH · Am Anger 4 · 86150 Augsburg"); its first line names the buyer, a
    person or a company, in the left half of the page, or under the return address where that stands
    in a cell of its own beside the invoice's facts (a window on the right). A letterhead's contact
    line that reads like one (a street, a town, a phone) has no window under it: the next is tried."""
    for pos, line in enumerate(head):
        if is_column_header(line.text):
            break  # the items' table: a window stands above it (a description is no return address)
        # a return address in a cell of its own (the facts left of it): the window is under that cell;
        # else the whole line is the return address and the window on the left
        beside = next(((c.start, p) for c in line.cells[1:] if (p := _return_address_parts(c.text))), None)
        column, parts = beside if beside is not None else (None, None)
        turned = 0
        if column is None:
            parts = _return_address(line)
            if parts is None:
                parts = _wrapped_return_address(head, pos)
                if parts is None:
                    continue
                turned = 1  # (its second line is the return address's too: the window opens under it)
            elif line.cells:  # (the segments of its own cell: the facts beside it are no part of it)
                parts = _return_address_parts(line.cells[0].text) or parts
            if line.cells and line.cells[0].start > WINDOW_MAX_COLUMN:
                column = line.cells[0].start  # a return address set alone on the right: a window on the right
        # a return address closing on a bare postcode wrapped its town onto the next line: no addressee
        wrapped = 1 if parts and not _LETTERS_RE.search(parts[-1]) and _DIGIT_RE.search(parts[-1]) else 0
        for below in head[pos + 1 + turned : pos + 3 + wrapped + turned]:
            if column is None:
                cell = below.cells[0] if below.cells else None
                if cell is None or cell.start > WINDOW_MAX_COLUMN:
                    continue
            else:
                cell = cell_at(below, column, column + 12)
                if cell is None or abs(cell.start - column) > 6:
                    continue
            if _return_address_parts(cell.text) is not None:
                continue  # a sender's line under a letterhead's one-line contact line: the window is below it
            name = without_salutation(_clean_name(cell.text))
            if wrapped and below is head[pos + 1 + turned] and not legal_form(name):
                continue  # the return address's town ("… · 3092-993" over "Coimbra", "… • 40127" over "Bologna BO")
            if (
                len(name) < 3
                or not _LETTERS_RE.search(name)
                or ":" in cell.text
                or _NOT_A_NAME.search(name)
                or is_label_text(name)
                or (_address_like(name) and not legal_form(name))  # "GmbH & Co. KG" is no Malay "Kg"
                or _street_and_number(name)
                or sum(map(str.isdigit, name)) > len(name) / 4
                or (
                    vendor
                    and name_similarity(name, vendor) >= SAME_NAME_SIMILARITY
                    and not _apart_but_a_trade_word(name, vendor)
                    and not _another_company_of_more_names(name, vendor)
                )
            ):
                continue
            return name, below
    return None


WINDOW_MAX_COLUMN = 40
"""The address window sits in the left half of the page: its first line starts left of this column."""


_TLDS = (
    "com|net|org|info|biz|io|eu|co\\.uk|uk|co|in|my|sg|au|nz|us|ca|ie|"
    "de|fr|nl|be|lu|es|it|at|ch|pl|pt|se|dk|no|fi|is|cz|sk|hu|ro|bg|gr|hr|si|rs|ba|ee|lv|lt|tr"
)
"""Generic top-level domains and the country domains of the locales the packs read."""
_DOMAIN_RE = re.compile(
    rf"(?<![\w.-])(?:[\w-]+\.)*?(?P<label>[a-z0-9][a-z0-9-]{{2,}})\.(?:(?:com|net|org|co|gov|edu|ac)\.)?"
    rf"(?:{_TLDS})(?![\w-])",
    re.IGNORECASE,
)
"""A web or e-mail domain; ``label`` is the name just left of the top-level domain and of a country
domain's second level (bluegumroofing.com.au, firma.co.uk)."""
_TLD_RE = re.compile(rf"\.(?:{_TLDS})(?![\w-])", re.I)
"""A top-level domain after a dot: the cheap test a line passes before the domain pattern runs."""
_MAIL_HOSTS = frozenset(
    [
        "gmail",
        "googlemail",
        "yahoo",
        "hotmail",
        "outlook",
        "live",
        "msn",
        "gmx",
        "web",
        "aol",
        "icloud",
        "mail",
        "email",
        "orange",
        "wanadoo",
        "t-online",
        "freenet",
        "protonmail",
        "example",
    ]
)
"""Domains of mail providers and placeholders: they name the writer's mailbox, not the seller."""
_TLD_WORDS = frozenset(["com", "net", "org", "gov", "edu", "ac"])
"""Second-level parts of a country domain (dominos.com.my): not a name."""


def _domain_labels(lines: Sequence[Line]) -> dict[str, None]:
    """The labels of the web and mail domains printed on the lines (mail hosts left out), in order."""
    labels: dict[str, None] = {}
    for line in lines:
        if "." not in line.text or not _TLD_RE.search(line.text):
            continue
        for match in _DOMAIN_RE.finditer(line.text):
            label = match.group("label").lower()
            if label not in _MAIL_HOSTS and label not in _TLD_WORDS and not label.isdigit():
                labels[label] = None
    return labels


class _DigitPattern:
    """A pattern every match of which holds a digit: a text without one is answered None at once
    instead of being tried at every place (an address line's pattern backtracks over a name's words)."""

    __slots__ = ("pattern",)

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern

    def match(self, text: str) -> re.Match[str] | None:
        return self.pattern.match(text) if _DIGIT_RE.search(text) is not None else None

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if _DIGIT_RE.search(text) is not None else None


_POSTCODE_LABEL = "|".join(word_entries("postcode_labels"))
"""The packs' labels printed before a postcode ("C.P. 06600", "CEP 01310-100"), as printed (capitals)."""
_STATE_ABBREVIATION = r"(?:[A-Z]{2,4}|(?:[A-Z]\.){1,3}|[A-Z][a-z]{1,3}\.)"
"""A state's or a country's abbreviation after a town and its comma ("DE", "CDMX", "N.L.", "Qro.")."""
_POSTCODE_TOWN_RE = _DigitPattern(
    re.compile(
        # (a comma after the postcode and a settlement's abbreviation before the town, as Russian and Ukrainian
        # addresses print them: "125009, г. Москва", "61000, м. Харків"; a postcode's label before it)
        rf"^(?:(?:{_POSTCODE_LABEL})\s?|[A-Z]{{1,3}}[- ]?)?"
        r"(?:\d{4,6}|\d{4}\s?[A-Z]{2}|\d{3}\s\d{2}|\d{4}-\d{3}|\d{5}-\d{3}|\d{2}-\d{3}|\d{5,6},)"
        r"\s+(?:[^\W\d_]{1,3}\.\s?)?[^\W\d_][\w.'’ -]*"
        # (a province's code after the town, "20121 Milano (MI)"; a district before its city, "34394 Şişli/İstanbul";
        # the country's ISO code or a state's abbreviation after a comma, "20095 Hamburg, DE", "64000 Monterrey, N.L.")
        rf"(?:\s\([A-Z]{{2}}\)|/[^\W\d_][\w.'’ -]*)?(?:,\s?{_STATE_ABBREVIATION})?$|"
        # a British postcode or an Irish Eircode before its town, as software printing every country's
        # "postcode town" writes them
        r"^(?:[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}|[A-Z]\d[\dW]\s[A-Z\d]{4})\s+[^\W\d_][\w.'’ -]*(?:,\s?[A-Z]{2})?$|"
        # Iceland's three-digit postcode before a town of one word ("101 Reykjavík"; "106 High Street" is a street)
        r"^\d{3}\s+(?-i:[A-ZÁÐÉÍÓÚÝÞÆÖ])[\w'’-]{2,}$|"
        # a town before its postcode, the country's letters before it maybe ("Paris 75008", "Rīga, LV-1010")
        r"^[^\W\d_]{3,}[\w.'’ -]*?,?\s+(?:[A-Z]{2}-)?\d{4,6}$|"
        # a town, a dash (or a comma) and an Indian PIN code of six digits, maybe printed in two groups, its
        # state after a comma ("Pune - 411 001", "Noida - 201301, Uttar Pradesh")
        r"^[^\W\d_]{3,}[\w.'’ ]*?(?:\s[-–]|,)\s(?:\d{6}|\d{3}\s\d{3})(?:,\s?[^\W\d_][\w.'’ ]*)?$|"
        # a town before a British postcode, an Irish Eircode, a US state and ZIP code, a Canadian province
        # and postal code (in French the province in brackets: "Rimouski (Qc) G5L 1A1")
        r"^[^\W\d_]{3,}[\w.'’ -]*?,?\s+(?:[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}|[A-Z]\d[\dW]\s[A-Z\d]{4}|"
        r"[A-Z]{2}\s\d{5}(?:-\d{4})?|(?:[A-Z]{2}\s|\([^\W\d_][\w.-]{0,7}\)\s)[A-Z]\d[A-Z]\s?\d[A-Z]\d)$"
    )
)
"""The last line of a postal address: a postcode and a town (80333 München, DE 80333 München, 1012 AB
Amsterdam, Paris 75008, Leeds LS1 4DT, Cork T12 K8AF, T12 K8AF Cork, Austin, TX 78701, Toronto ON M5V 2T6, a
state's code before its postcode: NSW 2000 Sydney; six digits where the country's postcodes have six: 400001
Cluj-Napoca)."""
ADDRESS_MAX_LINES = 4
"""Lines under the seller's name read as its address, the postcode-and-town line included."""


def read_vendor_address(lines: Sequence[Line], name_line: Line, name: str) -> tuple[str, Line] | None:
    """The seller's address from the block its name heads: the rest of a one-line return address that
    opens with the name, else the lines under the name in its column down to the postcode-and-town line
    (joined with ', '), else a whole address on one line beside the name. When the block the name was
    taken from has none, the same reading at another place that prints the name (a letterhead's name
    over a sender block, a return address over the recipient's window, a footer block). A name's own
    words and its legal form are never the address; None when no block holds one (nothing is guessed)."""
    found = _address_at(lines, name_line, name)
    if found is not None:
        return found
    found = _split_letterhead_address(lines, name_line, name)
    if found is not None:
        return found
    found = header_line_address(lines, name)
    if found is not None:
        return found
    # The name as read, then without its legal form: a seller prints its legal name with the form where
    # the law asks for it (a footer's identity line, "… SAS au capital de …") and its trading name without
    # it over its address block.
    tried = ""
    for same in (_same_words, _same_words_without_form):
        wanted = same(name)
        if not wanted or wanted == tried:
            continue
        tried = wanted
        for line in lines:
            if line.index == name_line.index or line.page != name_line.page:
                continue
            for cell in line.cells:
                parts = _return_address_parts(cell.text)
                if parts is not None and same(parts[0]) == wanted:
                    address = _return_address_rest(parts)
                    if address:
                        return address, line
                elif same(cell.text) == wanted or same(cell.text.partition(": ")[2]) == wanted:
                    # (the name after its block's label: "Supplier: Acme Ltd", its address on the lines under it)
                    found = _address_at(lines, line, " ".join(cell.text.split()))
                    if found is not None:
                        return found
    return _owner_return_address(lines, name_line, name)


def _owner_return_address(lines: Sequence[Line], name_line: Line, name: str) -> tuple[str, Line] | None:
    """The rest of a return address (a line parted by marks) opening with the name's first words, a few
    trailing words left off: a sole trader's return line names its owner ("Ana Silva · street · town"),
    the name read is the trade's (`_name_on_tax_line`: "Ana Silva Fotografia"). At least two words kept."""
    words = name.split()
    for drop in range(1, NAME_EXTENSION_WORDS + 1):
        if len(words) - drop < 2:
            break
        wanted = _same_words(" ".join(words[:-drop]))
        for line in lines:
            if line.page != name_line.page:
                continue
            for cell in line.cells:
                parts = _return_address_parts(cell.text)
                if parts is not None and _same_words(parts[0]) == wanted:
                    address = _return_address_rest(parts)
                    if address:
                        return address, line
    return None


def _same_words_without_form(text: str) -> str:
    """A name as compared without its legal form ("Atelier Lenoir SARL" and "Atelier Lenoir" are one
    seller's); empty where the name is little more than its form (one short word left names no one)."""
    words = _same_words(_without_legal_forms(text)).strip(" ,.&-")
    return words if len(words) >= 6 and " " in words else ""


_COUNTRY_WORDS_RE = word_pattern("countries")
_CONTACT_TAIL_RE = re.compile(r"\s(?:\+|\S+@|www\.|https?:)")
"""Where a header line's address ends: a phone number, a mail or web address after it."""


def header_line_address(lines: Sequence[Line], name: str) -> tuple[str, Line] | None:
    """The address a letterhead's header line runs on after the seller's name, in words, without
    separators ("Harrison LLP 27 High Street BRISTOL BS1 5TR UNITED KINGDOM", an ERP's report header):
    the rest of a line at the top of page one that opens with the name (in any case), up to contact
    details, its country's name left off; None where the rest reads as no address (a street and number,
    or a postcode and town)."""
    if not lines or not name:
        return None
    page = lines[0].page
    folded = " ".join(name.split()).casefold()
    for line in [line for line in lines[:HEADER_BAND_LINES] if line.page == page]:
        text = " ".join(line.cells[0].text.split()) if line.cells else ""
        if not text.casefold().startswith(folded + " ") or _return_address_parts(text) is not None:
            continue  # (a return address parted by marks is read as one: `_return_address_rest`)
        rest = text[len(folded) + 1 :]
        contact = _CONTACT_TAIL_RE.search(" " + rest)
        rest = rest[: contact.start()] if contact else rest
        rest = " ".join(_COUNTRY_WORDS_RE.sub(" ", rest).split()).strip(" ,;·|•-–")
        if _DIGIT_RE.search(rest) and (
            _ADDRESS_RE.search(rest) or _street_and_number(rest) or _POSTCODE_TOWN_RE.search(rest)
        ):
            return rest, line
    return None


def _same_words(text: str) -> str:
    """A name as compared between two places that print it: its words, casefolded."""
    return " ".join(text.split()).casefold()


ADDRESS_MAX_DIGITS = 7
"""Digits a piece of an address holds at most (a house number and a postcode: "1567-257 Lisboa"); a
piece with more is a phone number, a tax id or an account, unless it is a postcode and town alone (a
Brazilian CEP has eight digits: "80020-310 Curitiba")."""


_ID_WORD_RE = re.compile(r"\b(?=\w*\d)(?=\w*[^\W\d_])\w{9,}\b")
"""A word of nine and more letters and digits mixed: an id ("27AAPFU0939F1ZV"), never an address's."""


_POSTCODE_FIRST_RE = re.compile(r"(?:[A-Z]{1,2}[- ]?)?\d")
"""A piece opening with its postcode ("3000 Leuven", "D-10115 Berlin"): a postcode-and-town piece no PO
box or suite ("Postfach 1234") reads like."""


_CODED_POSTCODE_LAST_RE = re.compile(
    r"\s(?:[A-Z]{2,3}\s\d{4,5}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}|[A-Z]\d[A-Z]\s?\d[A-Z]\d)$"
)
"""A town's piece closing on a postcode no PO box's number reads like: a state's code and its ZIP code ("Austin,
TX 78701", "Sydney NSW 2000"), a British postcode, a Canadian postal code."""


def _address_pieces(pieces: Sequence[str]) -> str:
    """The pieces of a one-line address up to the contact details, an id or a bank that follow it
    ("Kirchgasse 3, 8066 Zürich, Telefon +41 …, PostFinance AG" -> "Kirchgasse 3, 8066 Zürich"): it ends
    before the first piece with a phone, mail, web address, a "label:" or more digits than an address
    holds, and a region, country or bank after the postcode's piece is left off."""
    kept: list[str] = []
    for piece in (" ".join(p.split()) for p in pieces):
        if not piece:
            continue
        if (
            _FIELD_COLON_RE.search(piece)  # (a door number's colon, "No:61", is no label's)
            or _NOT_A_NAME.search(piece)
            or (sum(c.isdigit() for c in piece) > ADDRESS_MAX_DIGITS and not _POSTCODE_TOWN_RE.match(piece))
            or piece.startswith("+")
            or _ID_WORD_RE.search(piece)
            or _REGISTRATION_LABEL_RE.search(piece)
        ):
            break  # a registry's line ("Registered in Cardiff, company no. 0412", "RCS Lyon 512 …") ends it
        kept.append(piece)
    closing = next(
        (
            i
            for i, piece in enumerate(kept)
            if i > 0
            and (_POSTCODE_FIRST_RE.match(piece) or _CODED_POSTCODE_LAST_RE.search(piece))
            and _POSTCODE_TOWN_RE.match(piece)
            and any(_DIGIT_RE.search(p) for p in kept[:i])
        ),
        None,
    )
    if closing is not None:
        # a street, then the postcode and town: the address ends there (a registry's line after it,
        # "RPR Gent 474822", "Zapsáno v OR u Městského soudu …", is none of it), a country may follow
        kept = kept[: closing + 1] + [
            p for p in kept[closing + 1 :][:1] if " ".join(p.lower().split()) in _COUNTRIES
        ]
    numbered = [i for i, piece in enumerate(kept) if any(c.isdigit() for c in piece)]
    if (
        len(numbered) >= 2
    ):  # a street's and a postcode's: what follows the last is no part of it but a country
        country = [p for p in kept[numbered[-1] + 1 :][:1] if " ".join(p.lower().split()) in _COUNTRIES]
        kept = kept[: numbered[-1] + 1] + country
    return ", ".join(kept)


def _return_address_rest(parts: Sequence[str]) -> str:
    """The address segments of a one-line return address after its name: no phone, mail or web (a town and
    the state's code and ZIP its comma parts are one piece: "Austin, TX 78701")."""
    return _address_pieces([piece for part in parts[1:] for piece in _address_parts(part)])


def _address_at(lines: Sequence[Line], name_line: Line, name: str) -> tuple[str, Line] | None:
    """The address the block headed by ``name`` on ``name_line`` prints (read_vendor_address)."""
    column = name_line.text.find(name)
    if column < 0 and len(name_line.text.lower()) == len(name_line.text):
        # the name as another place prints it ("Ferreira & Santos Lda." in the footer, in capitals here)
        column = name_line.text.lower().find(name.lower())
    wrapped = column < 0  # a name wrapped onto the lines under its first ("Fontaine & Chevalier" / "Sàrl")
    if wrapped:
        first = name.split()[0] if name.split() else name
        column = name_line.text.find(first)
    if column < 0:
        return None
    position = next((pos for pos, line in enumerate(lines) if line.index == name_line.index), None)
    if position is None:
        return None
    holding = cell_holding(name_line, column)  # the name's cell: not the facts printed beside it
    opened: tuple[int, str] | None = None
    if holding is not None and holding.start < column:
        whole = " ".join(holding.text.split())
        if without_owner_label(whole) != whole:
            # the owner's name read from its line ("Inhaber: Jonas Wild"): the block is under the line's
            # opening, the label's column
            column, name = holding.start, whole
        elif any(
            hit.start - holding.start <= 2 and not name_line.text[hit.end : column].strip(" :")
            for hit in section_hits("vendor_section", name_line)
        ):
            opened = (holding.start, whole)  # the seller's name after its block's label ("Supplier: Acme")
    parts = _return_address_parts(holding.text if holding is not None else name_line.text)
    if parts is not None and _same_words(parts[0]) == _same_words(name):
        # the name from a one-line return address (in any case: the name as another place prints it): its
        # address is the rest of that line (the lines under it are the recipient's window)
        address = _return_address_rest(parts)
        return (address, name_line) if address else None
    block = _block_under(lines, position, column, name, wrapped)
    if block is None and opened is not None:
        # the address under the label's column rather than the name's ("Supplier: Acme Ltd" over "1 Main St")
        block = _block_under(lines, position, opened[0], opened[1], wrapped)
    if block is not None:
        return block
    if holding is not None and name_line.text[holding.start : column].rstrip().endswith(":"):
        rows = _address_field_row(lines, position, holding.start, name)
        if rows is not None:
            return rows
    return _address_beside(name_line, column + len(name))


FIELD_ROWS_MAX = 6
"""Rows of a party's "label: value" form read under its name's row for the address's row."""


def _address_field_row(
    lines: Sequence[Line], position: int, start: int, name: str
) -> tuple[str, Line] | None:
    """The address a party's form prints on a row of its own under the name's ("Name: Acme Ltd" over
    "VAT no.: …" and "Address: 4 Quay Road, Cork T12 X2Y3"): the value of the first row, in the rows of
    "label: value" at the name row's left edge, whose label is an address field's (`address_fields`) and
    whose value is a whole address on one line; None at the first row that is no such field."""
    name_line = lines[position]
    for below in lines[position + 1 : position + 1 + FIELD_ROWS_MAX]:
        if below.page != name_line.page:
            return None
        cell = next((c for c in below.cells if abs(c.start - start) <= 2), None)
        if cell is None:
            return None
        label, colon, value = " ".join(cell.text.split()).partition(":")
        if not colon or not label or len(label) > LABEL_MAX_CHARS:
            return None
        if len(label.split()) <= LABEL_MAX_WORDS and _ADDRESS_FIELD_RE.search(label) is not None:
            whole = _whole_address(value.strip(), name)
            return (whole, below) if whole else None
    return None


LABEL_MAX_CHARS = 40
"""Characters a form's field label holds at most before its colon."""
LABEL_MAX_WORDS = 3
"""Words an address field's label holds at most ("Indirizzo", "Registered address", "Adresse du siège")."""


CENTRE_CHARS = 3
"""Characters by which the middles of a centred name and the line under it may differ (a text without
word boxes)."""


def _centred_under(name_line: Line, column: int, name: str, below: Line, cell: Cell) -> bool:
    """Whether ``cell`` of ``below`` is centred under the name (on the page; in characters without boxes)."""
    middle = _middle(name_line, column, column + len(name))
    if middle is not None:
        return _centred_at(below, cell, middle)
    return abs((cell.start + cell.end) / 2 - (column + len(name) / 2)) <= CENTRE_CHARS


def _flush_right_under(name_line: Line, column: int, name: str, below: Line, cell: Cell) -> bool:
    """Whether ``cell`` of ``below`` ends where the name ends: a block set flush right (on the page; in
    characters without boxes)."""
    edge = _right_edge(name_line, column, column + len(name))
    if edge is not None:
        return _ends_at(below, cell, edge)
    return abs(cell.end - (column + len(name))) <= 1


def _caption_only(line: Line, cell: Cell, kind: str) -> bool:
    """Whether ``cell`` of ``line`` is nothing but a section caption of ``kind`` ("Seller", "Bill to:")."""
    return any(
        hit.start - cell.start <= 2 and not line.text[hit.end : cell.end].strip(" :")
        for hit in section_hits(kind, line)
    )


_ADDRESS_FIELD_RE = word_pattern("address_fields")
"""The packs' labels of an address's fields ("Anschrift", "Street", "Post code", "Ville")."""


def _field_label_before(line: Line, column: int) -> str | None:
    """The field label ("Name:", "Anschrift:") a form prints in a cell of its own left of ``column`` on
    ``line``, the value's: the nearest cell before it, when it ends with a colon."""
    before = [c for c in line.cells if c.end <= column]
    if not before or not before[-1].text.rstrip().endswith(":"):
        return None
    return before[-1].text.strip()


LABEL_BEFORE_NAME_CHARS = 12
"""Characters a label may take before the name it opens the line with ("From: ", "Van: ", "Absender: ")."""
HANGING_INDENT_CHARS = 16
"""Characters right of such a name where the first line of its block may begin (indented past the name's
start as a hanging paragraph)."""


_LEADER_DOTS_RE = re.compile(r"(?:\.\s?){4,}")
"""A run of four dots or more (spaced or not): the leaders a label's line draws to its value."""


def _block_under(
    lines: Sequence[Line], position: int, column: int, name: str, wrapped: bool
) -> tuple[str, Line] | None:
    """The lines under a name in its column down to the postcode-and-town line, joined with ', '."""
    name_line = lines[position]
    block: list[str] = []
    tagline_skipped = False
    form = _field_label_before(name_line, column) is not None
    past_other_column = False
    holding = cell_holding(name_line, column)
    labelled = (
        holding is not None
        and 0 < column - holding.start <= LABEL_BEFORE_NAME_CHARS
        and name_line.text[holding.start : column].rstrip().endswith(":")
    )
    read = 0  # lines read under the name (where another column stands beside the name on its own line,
    # that column's lines between the block's are not counted: two blocks side by side, spaced apart)
    beside = len(name_line.cells) > 1
    for below in lines[position + 1 : position + 1 + 2 * ADDRESS_MAX_LINES]:
        if below.page != name_line.page or read == ADDRESS_MAX_LINES:
            return None
        # the cell that starts in the name's column, else the one overlapping it the most
        cell = next((c for c in below.cells if abs(c.start - column) <= 6), None) or cell_at(
            below, column, column + 40
        )
        if (
            cell is None
            and below.cells
            and all(c.start > column + len(name) + 2 for c in below.cells)
            and not any(
                _flush_right_under(name_line, column, name, below, c)
                or _centred_under(name_line, column, name, below, c)
                for c in below.cells
            )
        ):
            # a line with nothing in the name's column, only another column's text right of it (a title
            # set high at the right, the recipient's block beside, a line lower): the block goes on (a
            # letterhead set flush right or centred under the name reads on below)
            past_other_column = True
            read += 0 if beside else 1
            continue
        read += 1
        if read == 1 and len(name_line.cells) == 1 and len(below.cells) == 1 and cell is None:
            # a letterhead's name alone on its line over a one-line address set elsewhere on the next
            # ("Installatietechniek de Wit" flush right over "Dorpsweg 95 · 2011 EF Haarlem · Tel. …" at the
            # margin): the address it prints
            whole = _whole_address(" ".join(below.cells[0].text.split()), name)
            if whole and _RETURN_ADDRESS_MARK_RE.search(below.cells[0].text):
                return whole, below
        if (
            labelled
            and not block
            and cell is not None
            and below.cells[0] is cell
            and column + 6 < cell.start <= column + HANGING_INDENT_CHARS
        ):
            column = cell.start  # a name after its label ("From: Jo Wild", "Van: Ruud Bakker") over its block
            # indented as a hanging paragraph, past the name's start: the block's column is its first line's
        if form and cell is not None:
            label = _field_label_before(below, cell.start)
            if label is not None and _ADDRESS_FIELD_RE.search(label) is None:
                # a form's row of another field under the name ("Handelsregisternummer:", "Ansprechpartner:"
                # in the labels' column): the address is the rows its address labels head
                if block:
                    return None
                continue
        if cell is not None and not block and abs(cell.start - column) > 6:
            # a centred letterhead: its whole address on the line under it, centred under the name
            # ("Øresund Kontor A/S" over "Vestergade 119 · 8000 Aarhus C · T +45 …")
            whole = _whole_address(" ".join(cell.text.split()), name)
            if whole and _centred_under(name_line, column, name, below, cell):
                return whole, below
        if cell is None or not (
            abs(cell.start - column) <= 6
            or _flush_right_under(name_line, column, name, below, cell)
            or _centred_under(name_line, column, name, below, cell)  # a till receipt's centred head
        ):
            return None  # the block ended (an empty column, or another block)
        end = cell.end
        for other in below.cells:  # layout mode can open gaps inside a line ("Weg    20")
            closed = _POSTCODE_TOWN_RE.match(below.text[cell.start : end].split(",")[-1].strip())
            if other.start > end and other.start - end <= 8 and not closed and len(other.text.split()) <= 2:
                end = (
                    other.end
                )  # (a house number's few words; not past a postcode and town, nor a phrase: the
                # facts' label or a registry's mention in the column beside the address)
        text = " ".join(below.text[cell.start : end].split())
        town = next((c for c in below.cells if c.start > cell.end), None)
        street = " ".join(cell.text.split())
        if (
            town is not None
            and _street_and_number(street)
            and _POSTCODE_TOWN_RE.match(" ".join(town.text.split()))
            and not _postcode_town_under(lines, below, column)
        ):
            # the street and the postcode and town on one line, apart ("Kerkstraat 71      2511 BT Den Haag")
            return ", ".join([*block, street, " ".join(town.text.split())]), below
        if _return_address_parts(text) is not None or _same_words(text) == _same_words(name):
            return None  # a return address or the name again: the block of the recipient's window under it
        if not any(_DIGIT_RE.search(line) or _address_like(line) for line in block):
            # the whole address on the line under the name (or under a tagline of its: "Garden Services"),
            # maybe with the contact details after it
            # ("Unit 141, 12 Enterprise Drive · Brisbane QLD 4000 · (02) 4373 3963 · info@…"), or after
            # the name printed again ("Firma S.L., Avenida Diagonal, 58, 08007 Barcelona")
            whole = _whole_address(text, name)
            if whole:
                return whole, below
        if not block and without_owner_label(text) != text:
            continue  # the owner's line under a trade name ("Inh. Jonas Wild", "Proprietor: Jo Wild"), also
            # past a line of the recipient's block beside it (its lines spaced apart from the seller's)
        if (
            not block
            and past_other_column
            and not _DIGIT_RE.search(text)
            and _name_part(text)
            and not occupation_line(text)
        ):
            return None  # a name under the seller's past a line of another column's only (the title, set
            # high at the right): the addressee's block, the window's, begins there
        if _FIELD_COLON_RE.search(text) or _NOT_A_NAME.search(text):
            return None  # a "field: value" line or contact details before any postcode (a door number's
            # colon, "No:65", is none)
        if _LEADER_DOTS_RE.search(text):
            return None  # a label joined to its value by leader dots ("Due date . . . . 25 May"): the facts'
            # column under a letterhead's name set at the right, never its address
        if wrapped and not block and text in name:
            read -= 1  # (the name's own line: the address's lines are counted from under it)
            continue  # the rest of the wrapped name, not the address's first line
        if not block and _caption_only(below, cell, "vendor_section"):
            continue  # the seller's caption under its name ("Seller", "From"): a label, not the address
        if not block and _caption_only(below, cell, "buyer_section"):
            return None  # a buyer's caption under the name: the block under it is the buyer's
        if not block and _legal_form_only(text):
            read -= 1  # (the name's own line: the address's lines are counted from under it)
            continue  # the name's legal form on a line of its own ("Wójcik Materiały Budowlane" / "S.A.")
        if (
            not block
            and not _DIGIT_RE.search(text)
            and _share_a_word(name, text)
            and legal_form(text) is None
            and not _address_like(text)
        ):
            continue  # the owner under the trade name their surname gives ("Malerei Sonntag" / "Jonas Sonntag")
        if (
            not block
            and not tagline_skipped
            and _tagline(text)
            and not _address_like(text)
            and (
                occupation_line(text)
                or _set_larger(name_line, column, name, below, cell)
                or _emphasised_name(name, text)
            )
        ):
            tagline_skipped = True
            continue  # the sender's tagline under its name ("Freelance Translator"): no part of the address
        if not block and tagline_skipped and not _DIGIT_RE.search(text) and _name_part(text):
            continue  # the owner's name under the trade name and its occupation: no part of the address
        if legal_form(text) is not None and (
            not _address_like(text) or (not _DIGIT_RE.search(text) and _ends_with_legal_form(text))
        ):
            return None  # another company's name: the block under it is that party's (a legal form closing
            # a line without digits is no street's abbreviation: "Lehner Bau KG")
        block.append(text)
        closing = _town_under_postcode(lines, below, cell, text) if block[:-1] else None
        if closing is not None:
            # a postcode alone, its town on the line under it (a narrow block: "30100" / "Plzeň"; read first: a
            # Dutch postcode's letters alone, "1234 AB", would read as a town)
            return ", ".join([*block[:-1], f"{text} {closing[0]}"]), closing[1]
        if _postcode_after_town(block):
            return _joined(
                block
            ), below  # the town, then its postcode on a line of its own ("Leeds" / "LS1 1RT")
        if _POSTCODE_TOWN_RE.match(text) and not _ADDRESS_WORD_NUMBER_RE.match(text):
            # (a post-office box's number is no postcode: "Box 1234", "Apdo. 40767" over the postcode and town)
            after_street = _postcode_town_after_street(lines, below, cell, text)
            if after_street is not None:
                return _joined([*block, after_street[0]]), after_street[1]
            return _joined(block), below
    return None


_POSTCODE_ALONE_AFTER_TOWN_RE = re.compile(
    r"(?:[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}|[A-Z]\d[\dW]\s[A-Z\d]{4}|[A-Z]\d[A-Z]\s?\d[A-Z]\d|"
    rf"(?:{_POSTCODE_LABEL})\s?(?:\d{{4,6}}|\d{{5}}-\d{{3}}|\d{{4}}-\d{{3}}|\d{{2}}-\d{{3}}))"
)
"""A postcode printed alone on the line under its town: a British postcode, an Irish Eircode, a Canadian
postal code ("LS1 1RT", "D02 X285", "K1A 0B1"), or digits after a postcode's label ("CEP 80010-000")."""
_TOWN_ALONE_RE = re.compile(r"[^\W\d_][\w.'’ ]*?(?:\s\d{1,2})?(?:\s[-–]\s[A-Z]{2})?")
"""A town's name alone on its line, a district's number after it maybe ("Dublin 2"), or a state's code after a
dash ("Curitiba - PR")."""


def _postcode_after_town(block: Sequence[str]) -> bool:
    """Whether the block's last line is a postcode alone under a town alone, under a street line holding a
    number: the postcode closes the address (the British and Irish way, "12 Mill Lane" / "Leeds" / "LS1 1RT").
    A postcode of the packs' `postcodes_last` closes it under any town alone, a street with no number above."""
    if len(block) < 3:
        return False
    if _POSTCODE_LAST_RE.fullmatch(block[-1]) and _town_alone(block[-2]):
        return True
    if not _POSTCODE_ALONE_AFTER_TOWN_RE.fullmatch(block[-1]):
        return False
    town = block[-2]
    return (
        len(town) <= TOWN_MAX_CHARS
        and _TOWN_ALONE_RE.fullmatch(town) is not None
        and legal_form(town) is None
        and any(_DIGIT_RE.search(line) for line in block[:-2])
    )


_REGION_AFTER_PIN_RE = re.compile(
    r"^([^\W\d_][\w.'’ ]*?(?:\s[-–]|,)\s(?:\d{6}|\d{3}\s\d{3})),\s?[^\W\d_][\w.'’ ]*$"
)
"""A town, its PIN code, then its state after a comma ("Noida - 201301, Uttar Pradesh")."""


def _joined(block: Sequence[str]) -> str:
    """An address block's lines as one address: a line's closing comma dropped ("215, rue Haute," / "bureau
    4"), and a region after the postcode left off, as it is from a one-line address (`_address_pieces`)."""
    kept = [line.rstrip(" ,") for line in block]
    if kept:
        region = _REGION_AFTER_PIN_RE.match(kept[-1])
        kept[-1] = region.group(1) if region else kept[-1]
    return ", ".join(kept)


_POSTCODE_LAST_RE = re.compile("(?:" + "|".join(word_entries("postcodes_last")) + ")", re.IGNORECASE)
"""A postcode printed alone on the last line of an address, under its town (the packs' `postcodes_last`: the
British postcode, the Irish Eircode)."""


def _town_alone(text: str) -> bool:
    """A town's name alone on its line: a few words of letters, no digits, no legal form, no label."""
    return (
        0 < len(text) <= TOWN_MAX_CHARS
        and len(text.split()) <= 4
        and _DIGIT_RE.search(text) is None
        and ":" not in text
        and legal_form(text) is None
    )


def _postcode_town_after_street(
    lines: Sequence[Line], line: Line, cell: Cell, text: str
) -> tuple[str, Line] | None:
    """The postcode-and-town line under ``text`` when ``text`` (the cell ``cell`` of ``line``) is a street whose
    house number has the digits of a postcode ("Avenida da Boavista 1200" reads like "Paris 75008"): a street
    word in it and the line under it, in its column, opening with a postcode before its town; or a street whose
    house number opens it ("8618 Oak Avenue" reads like "1000 Bruxelles") over a postcode and town in any order
    ("Raleigh, NC 27601", "Denver, CO 80235")."""
    if _STREET_WORD_RE.search(text) is None:
        return None
    number_first = _POSTCODE_FIRST_RE.match(text) is not None
    after = next((other for other in lines if other.index == line.index + 1), None)
    if after is None or after.page != line.page:
        return None
    under = next((c for c in after.cells if abs(c.start - cell.start) <= 6), None)
    if under is None:
        return None
    town = " ".join(under.text.split())
    if (_POSTCODE_FIRST_RE.match(town) is not None or number_first) and _POSTCODE_TOWN_RE.match(town):
        return town, after
    return None


_POSTCODE_ALONE_RE = re.compile(
    r"(?:[A-Z]{1,2}[- ]?)?(?:\d{4,6}|\d{4}\s?[A-Z]{2}|\d{3}\s\d{2}|\d{4}-\d{3}|\d{5}-\d{3}|\d{2}-\d{3})"
)
"""A postcode alone in its cell, in the shapes `_POSTCODE_TOWN_RE` reads before a town."""


def _town_under_postcode(lines: Sequence[Line], line: Line, cell: Cell, text: str) -> tuple[str, Line] | None:
    """The town printed alone under a postcode alone (``text``, the cell ``cell`` of ``line``), in its column
    (the two cells overlap): a word or two of letters, no digits, no legal form."""
    if _POSTCODE_ALONE_RE.fullmatch(text) is None:
        return None
    after = next((other for other in lines if other.index == line.index + 1), None)
    if after is None or after.page != line.page:
        return None
    below = [c for c in after.cells if c.start < cell.end + 2 and c.end > cell.start - 2]
    if len(below) != 1:
        return None
    town = " ".join(below[0].text.split())
    if (
        len(town) > TOWN_MAX_CHARS
        or _DIGIT_RE.search(town)
        or not _POSTCODE_TOWN_RE.match(f"{text} {town}")
        or legal_form(town) is not None
        or _FIELD_COLON_RE.search(town)
    ):
        return None
    return town, after


TOWN_MAX_CHARS = 40
"""Characters a town's name alone on its line holds at most."""


def _postcode_town_under(lines: Sequence[Line], line: Line, column: int) -> bool:
    """Whether the line after ``line`` holds a postcode and town in the name's column: the block goes on
    there, and a postcode and town right of the street is another column's (the recipient's block
    beside the sender's)."""
    after = next((other for other in lines if other.index == line.index + 1), None)
    if after is None or after.page != line.page:
        return False
    cell = next((c for c in after.cells if abs(c.start - column) <= 6), None)
    return cell is not None and _POSTCODE_TOWN_RE.match(" ".join(cell.text.split())) is not None


def _whole_address(text: str, name: str) -> str | None:
    """A whole address on one line (a street, and a postcode and town), after the name if the line
    repeats it, up to the contact details after it; None for a line that is not one."""
    if _same_words(text).startswith(_same_words(name)):
        text = text[len(name) :].lstrip(" ,;·|•-–")
    pieces = _address_parts(text)
    if not _one_line_address(text) or not any(_POSTCODE_TOWN_RE.match(piece) for piece in pieces):
        return None
    return _address_pieces(pieces) or None


def _address_beside(name_line: Line, after: int) -> tuple[str, Line] | None:
    """A whole address on one line in a cell right of the name on its line ("Firma Sp. z o.o.    ul.
    Polna 19, 30-001 Kraków")."""
    for cell in name_line.cells:
        if cell.start < after:
            continue
        text = " ".join(cell.text.split())
        if _NOT_A_NAME.search(text) or legal_form(text) is not None:
            return None  # contact details or another company's name first
        if _one_line_address(text):
            address = _address_pieces(_ADDRESS_PARTS_RE.split(text))
            return (address, name_line) if address else None
    return None


SAME_NAME_SIMILARITY = 80.0
"""name_similarity at and above which two names are one company's."""


@lru_cache(maxsize=8192)
def _text_signals(name: str) -> dict[str, float]:
    """The signals of a name candidate that its text alone decides (looked up once per text)."""
    label_kinds = ("invoice_title", "total", "invoice_number", "buyer_section")
    return {
        "not_a_name": 1.0 if _NOT_A_NAME.search(name) else 0.0,
        "address_like": 1.0 if _address_like(name) else 0.0,
        "holds_label": 1.0 if labels_of(label_kinds, name) else 0.0,
        "courtesy": 1.0 if _COURTESY_RE.search(name) else 0.0,
        "heading": 1.0 if _HEADING_TAIL_RE.search(name) else 0.0,
        "receipt_words": 1.0 if _only_receipt_words(name) else 0.0,
    }


NAME_SIGNAL_STAGES: tuple[tuple[str, ...], ...] = (
    ("names_domain",),
    ("not_a_name", "address_like", "holds_label", "courtesy", "heading", "receipt_words"),
    ("heads_address",),
)
"""The signals of a name cell that `costly_name_signals` reads (each 0 or 1), in stages from the
cheapest to read to the dearest (the web domain it names; its text's own tests; the address under
it): what `vendor_name_candidates` leaves out when asked, for a scorer that reads them only where
they can change its answer."""
COSTLY_NAME_SIGNALS: tuple[str, ...] = tuple(name for stage in NAME_SIGNAL_STAGES for name in stage)


def costly_name_signals(
    head: SenderHead, pos: int, column: int, name: str, cache: dict[str, bool], stage: int | None = None
) -> dict[str, float]:
    """The signals of the name cell ``name`` at ``column`` of the head's line ``pos`` that cost the most
    to read: COSTLY_NAME_SIGNALS, or those of NAME_SIGNAL_STAGES[``stage``]. ``cache``: the address
    readings of texts, shared by a document's cells."""
    signals: dict[str, float] = {}
    if stage is None or stage == 0:
        signals["names_domain"] = 1.0 if head.domains and _names_a_domain(name, head.domains) else 0.0
    if stage is None or stage == 1:
        signals.update(_text_signals(name))
    if stage is None or stage == 2:
        span = head.spans.get((pos, name), 1)
        signals["heads_address"] = (
            1.0 if _heads_address(head.page_lines, pos, column, name, cache, span) else 0.0
        )
    return signals


def vendor_name_candidates(
    lines: Sequence[Line], buyer_lines: BuyerZone | set[int], head: SenderHead | None = None
) -> list[tuple[str, Line, int, dict[str, float]]]:
    """Every name-like cell of page one's head and footer (and the sender line's and the account
    holder's names) with the signals `choose_vendor_name` weighs by hand, as features for the learned
    scorer: (name, line, column, signals). Labels are never candidates."""
    return [found[:4] for found in placed_name_candidates(lines, buyer_lines, head)]


def placed_name_candidates(
    lines: Sequence[Line],
    buyer_lines: BuyerZone | set[int],
    head: SenderHead | None = None,
    *,
    costly: bool = True,
) -> list[tuple[str, Line, int, dict[str, float], int | None]]:
    """`vendor_name_candidates`, each with the position of its line in the head's lines (None for the
    sender line's and the account holder's names). ``costly=False``: a head cell's COSTLY_NAME_SIGNALS
    left out (`costly_name_signals` reads them)."""
    if not lines:
        return []
    head = read_sender_head(lines) if head is None else head
    page_lines, counts = head.page_lines, head.counts
    window, owned = head.window, head.owned
    vat_lines = head.vat_lines
    if vat_lines is None:
        vat_lines = frozenset(v.line.index for v in find_vat_ids(page_lines, find_ibans(page_lines)))
    label_lines = [pos for pos, _ in head.vendor_labels]
    cache: dict[str, bool] = {}
    found: list[tuple[str, Line, int, dict[str, float], int | None]] = []
    for pos, cell, name in head.cells:
        line = page_lines[pos]
        prefix = line.text[: cell.start]
        field = prefix.rsplit(":", 1)[0] if ":" in prefix else ""
        named = bool(field) and bool(_NAME_FIELD_RE.search(field)) and not _CUSTOMER_FIELD_RE.search(field)
        legal = legal_form(name)
        labelled = any(0 < pos - label_pos <= 4 for label_pos in label_lines)
        signals = {
            "head_pos": min(pos, VENDOR_HEAD_LINES) / VENDOR_HEAD_LINES,
            "first_line": 1.0 if pos == 0 else 0.0,
            "footer": 1.0 if pos >= VENDOR_HEAD_LINES else 0.0,
            "name_field": 1.0 if named else 0.0,
            "other_field": 1.0 if field and not named else 0.0,
            "parenthesized": 1.0 if name.startswith("(") and name.endswith(")") else 0.0,
            "legal_only": 1.0 if legal and not _TWO_LETTERS_RE.search(_without_legal_forms(name)) else 0.0,
            "digit_heavy": 1.0 if sum(map(str.isdigit, name)) > len(name) / 4 else 0.0,
            "colon_inside": 1.0 if ":" in name else 0.0,
            "field_label": 1.0
            if cell.text.rstrip().endswith(":") or line.text[cell.end :].lstrip().startswith(":")
            else 0.0,
            "country": 1.0 if " ".join(name.lower().split()) in _COUNTRIES else 0.0,
            "buyer_zone": 1.0 if _in_zone(buyer_lines, line, cell.start, cell.end) else 0.0,
            "vat_line": 1.0 if line.index in vat_lines else 0.0,
            "under_vendor_label": 1.0 if labelled else 0.0,
            "repeats": min(counts.get(" ".join(cell.text.lower().split()), 1) - 1, 3) / 3,
            "legal_mention": 1.0 if (pos, name) in head.mentions else 0.0,
            "wrapped": 1.0 if (pos, name) in head.spans else 0.0,
            "owned": 1.0 if pos in owned else 0.0,
            "whole_line": 1.0 if len(line.cells) == 1 else 0.0,
            "address_window": 1.0 if pos in window else 0.0,
        }
        if costly:
            signals.update(costly_name_signals(head, pos, cell.start, name, cache))
        found.append((name, line, cell.start, signals, pos))
    for _, name, line in _sender_line_names(page_lines[:15]):
        found.append((name, line, 0, {"sender_line": 1.0, "head_pos": 0.0}, None))
    for _, name, line in _account_holder_names(lines):
        found.append((name, line, 0, {"account_holder": 1.0}, None))
    return found
