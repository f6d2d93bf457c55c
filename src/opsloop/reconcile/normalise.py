"""Normal forms of identifiers, so that look-ups are exact dictionary hits."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_ALNUM = re.compile(r"[^0-9A-Z]+")
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


@lru_cache(maxsize=16384)
def normalise_po_number(value: str | None) -> str | None:
    """PO numbers: upper case, separators dropped, leading zeros of each number dropped."""
    if not value:
        return None
    code = _NON_ALNUM.sub("", _LEADING_ZEROS.sub("", value.upper()))
    return code or None


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


@lru_cache(maxsize=65536)
def normalise_name(value: str) -> str:
    """Company names: accents, case, punctuation and legal forms (GmbH, Ltd, SA, ...) removed."""
    folded = (
        unicodedata.normalize("NFKD", value.lower().translate(_GERMAN))
        .encode("ascii", "ignore")
        .decode("ascii")
        .lower()
    )
    words = [w for w in _WORD.findall(folded.replace("&", " ")) if w not in _LEGAL_FORMS]
    return " ".join(words) if words else " ".join(_WORD.findall(folded))
