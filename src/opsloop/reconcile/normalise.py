"""Normal forms of identifiers, so that look-ups are exact dictionary hits."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_ALNUM = re.compile(r"[^0-9A-Z]+")
_DIGIT_GROUPS = re.compile(r"(?<=[0-9])\s+(?=[0-9])")
_ITEM_SUFFIX = re.compile(r"^(?P<base>.*[0-9A-Z])\s*[/\-.]\s*0*[0-9]{1,5}$")
_SEVERAL = re.compile(r"\s*(?:[,;+&]|\s/\s|\s(?:and|und|et|en|y|e|og|och|i|a)\s)\s*", re.IGNORECASE)
_LEADING_ZEROS = re.compile(r"(?<![0-9])0+(?=[0-9])")
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})
_LEGAL_FORMS = frozenset(
    [
        "gmbh",
        "mbh",
        "ag",
        "kg",
        "kgaa",
        "ohg",
        "ug",
        "ek",
        "e",
        "k",
        "co",
        "ltd",
        "limited",
        "llc",
        "llp",
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "company",
        "sa",
        "sas",
        "sarl",
        "sàrl",
        "srl",
        "spa",
        "bv",
        "nv",
        "plc",
        "oy",
        "oyj",
        "ab",
        "as",
        "aps",
        "se",
        "sl",
        "slu",
        "lda",
        "pty",
        "the",
        "und",
        "and",
        "et",
    ]
)
_WORD = re.compile(r"[0-9a-z]+")
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def normalise_code(value: str | None) -> str | None:
    """VAT ids, IBANs, SKUs: upper case, letters and digits only."""
    if not value:
        return None
    if value.isascii() and value.isalnum():
        return value.upper()
    code = _NON_ALNUM.sub("", value.upper())
    return code or None


_SWISS_VAT_SUFFIX = re.compile(r"^(CHE\d{9})(?:MWST|TVA|IVA)$")


def normalise_vat_id(value: str | None) -> str | None:
    """A VAT id as a key: `normalise_code`, and a Swiss UID without the MWST/TVA/IVA its VAT
    registration may print after it ("CHE-123.456.789 MWST" and "CHE123456789" are one id)."""
    code = normalise_code(value)
    if code is None:
        return None
    swiss = _SWISS_VAT_SUFFIX.match(code)
    return swiss.group(1) if swiss else code


@lru_cache(maxsize=16384)
def normalise_po_number(value: str | None) -> str | None:
    """PO numbers: upper case, separators dropped, leading zeros of each number dropped; digits grouped
    by spaces are one number ("4700 020 141" is 4700020141)."""
    if not value:
        return None
    code = _NON_ALNUM.sub("", _LEADING_ZEROS.sub("", _DIGIT_GROUPS.sub("", value.upper())))
    return code or None


def _looks_like_po(part: str) -> bool:
    digits = sum(c.isdigit() for c in part)
    return digits >= 4 and len(part.strip()) >= 5


def split_po_numbers(value: str) -> list[str]:
    """Several PO numbers written as one ("4500001201, 4500001202", "4500001201 / 4500001202",
    "4500001201 und 4500001202"): the parts when every part looks like a PO number, else [value]."""
    parts = [p.strip() for p in _SEVERAL.split(value) if p and p.strip()]
    if len(parts) < 2:
        words = value.split()
        parts = words if len(words) > 1 and all(sum(c.isdigit() for c in w) >= 6 for w in words) else parts
    if len(parts) < 2:
        slash = [p.strip() for p in value.split("/")]
        parts = slash if len(slash) > 1 and all(len(p) >= 6 for p in slash) else parts
    if len(parts) > 1 and all(_looks_like_po(p) for p in parts):
        return parts
    return [value]


def strip_item_suffix(value: str) -> str | None:
    """The PO number without an ERP item/position suffix ("4700020145/00010" → "4700020145",
    "4500001201-10" → "4500001201"); None when there is none or too little would be left."""
    found = _ITEM_SUFFIX.match(value.strip())
    if found is None:
        return None
    base = found.group("base")
    return base if len(_NON_ALNUM.sub("", base.upper())) >= 6 and _looks_like_po(base) else None


def po_number_digits(value: str | None) -> str | None:
    """The PO number without its letter prefix ("PO-00123" → "123"), for a second look-up."""
    code = normalise_po_number(value)
    if code is None:
        return None
    digits = code.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return digits or None


@lru_cache(maxsize=16384)
def normalise_invoice_number(value: str | None) -> str | None:
    """Invoice numbers as a duplicate key: case, separators, leading zeros, O/0 and I/1 (and l/1)
    confusions do not count. `INV-00042`, `inv 42` and `lNV-OO42` all give `1NV42`."""
    if not value:
        return None
    text = value.upper().translate(_CONFUSABLE)
    code = _NON_ALNUM.sub("", _LEADING_ZEROS.sub("", text))
    return code or None


_NUMBER_PARTS = re.compile(r"[A-Z]+|[0-9]+")


def invoice_number_parts(value: str | None) -> tuple[str, ...] | None:
    """An invoice number as its parts in any order, for telling the same number written another way: runs of
    letters and runs of digits (leading zeros dropped, a four-digit year 19xx / 20xx as its last two digits),
    sorted. `VR26-03366`, `VR 3366/2026` and `3366-VR-26` give the same parts. None when the number has no run
    of three digits or more (a short number says too little to be recognised in another form)."""
    if not value:
        return None
    parts = []
    for part in _NUMBER_PARTS.findall(value.upper().translate(_CONFUSABLE)):
        if part.isdigit():
            part = part.lstrip("0") or "0"
            if len(part) == 4 and part[:2] in ("19", "20"):
                part = part[2:]
        parts.append(part)
    if not any(p.isdigit() and len(p) >= 3 for p in parts):
        return None
    return tuple(sorted(parts))


def _fold(value: str) -> str:
    """Lower case, German umlauts spelled out, other accents dropped: the letters names compare by."""
    return (
        unicodedata.normalize("NFKD", value.lower().translate(_GERMAN))
        .encode("ascii", "ignore")
        .decode("ascii")
        .lower()
    )


@lru_cache(maxsize=16384)
def normalise_name(value: str) -> str:
    """Company names: accents, case, punctuation and legal forms (GmbH, Ltd, SA, ...) removed."""
    folded = _fold(value)
    words = [w for w in _WORD.findall(folded.replace("&", " ")) if w not in _LEGAL_FORMS]
    return " ".join(words) if words else " ".join(_WORD.findall(folded))


def has_legal_form(value: str) -> bool:
    """Whether a name carries a company's legal form (GmbH, Ltd, SA, ...; dots dropped: "G.m.b.H."): the
    name of a legal entity, not a contact line or a department."""
    return any(w in _LEGAL_FORMS for w in _WORD.findall(_fold(value.replace(".", ""))))


_MONTH_YEAR = re.compile(r"(?<![^\W\d_])([^\W\d_]{3,12})\.?[ \t]*+(?:/[ \t]*)?((?:19|20)\d\d)(?!\d)")
_NUMERIC_PERIOD = re.compile(
    r"(?<![\d./-])(?:(0?[1-9]|1[0-2])[./](20\d\d)|(20\d\d)-(0[1-9]|1[0-2]))(?![\d./-])"
)


def period_of(text: str | None) -> str | None:
    """The month a line's description names as its period ("Reinigung November 2026", "rent 11/2026",
    "2026-11"), as "2026-11"; None when it names no month of a year (or names several)."""
    if not text:
        return None
    from opsloop.extract.rules.lexicon import month_names

    months = month_names()
    found = {
        f"{year}-{months[word.lower()]:02d}"
        for word, year in _MONTH_YEAR.findall(text)
        if word.lower() in months
    }
    for month, year, year2, month2 in _NUMERIC_PERIOD.findall(text):
        found.add(f"{year}-{int(month):02d}" if year else f"{year2}-{int(month2):02d}")
    return found.pop() if len(found) == 1 else None
