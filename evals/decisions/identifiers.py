"""Valid identifiers for generated companies: VAT ids and IBANs with correct check digits.

Digits are drawn from the caller's seeded generator and kept when python-stdnum says the whole
number is valid (stdnum only *checks* them here; nothing of opsloop's is used)."""

from __future__ import annotations

import random
import string
from collections.abc import Callable

from stdnum import iban as _iban
from stdnum.at import uid as _at
from stdnum.be import vat as _be
from stdnum.ch import vat as _ch
from stdnum.de import vat as _de
from stdnum.dk import cvr as _dk
from stdnum.es import nif as _es
from stdnum.fr import tva as _fr
from stdnum.gb import vat as _gb
from stdnum.it import iva as _it
from stdnum.nl import btw as _nl

_TRIES = 20_000


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def _letters(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.ascii_uppercase) for _ in range(n))


def _draw(rng: random.Random, make: Callable[[], str], valid: Callable[[str], bool], what: str) -> str:
    for _ in range(_TRIES):
        candidate = make()
        if valid(candidate):
            return candidate
    raise RuntimeError(f"no valid {what} found in {_TRIES} draws")  # pragma: no cover


_VAT: dict[str, tuple[Callable[[random.Random], str], Callable[[str], bool]]] = {
    "DE": (lambda r: "DE" + r.choice("123456789") + _digits(r, 8), _de.is_valid),
    "FR": (lambda r: "FR" + _digits(r, 2) + r.choice("3456789") + _digits(r, 8), _fr.is_valid),
    "GB": (lambda r: "GB" + r.choice("123456789") + _digits(r, 8), _gb.is_valid),
    "NL": (lambda r: "NL" + r.choice("123456789") + _digits(r, 8) + "B01", _nl.is_valid),
    "DK": (lambda r: "DK" + r.choice("123456789") + _digits(r, 7), _dk.is_valid),
    "CH": (lambda r: "CHE" + r.choice("123456789") + _digits(r, 8) + "MWST", _ch.is_valid),
    "AT": (lambda r: "ATU" + r.choice("123456789") + _digits(r, 7), _at.is_valid),
    "BE": (lambda r: "BE0" + r.choice("123456789") + _digits(r, 8), _be.is_valid),
    "ES": (lambda r: "ES" + r.choice("ABH") + _digits(r, 7) + r.choice(string.digits), _es.is_valid),
    "IT": (
        lambda r: "IT" + _digits(r, 7) + r.choice(["001", "015", "036", "097"]) + r.choice(string.digits),
        _it.is_valid,
    ),
}

_BBAN: dict[str, Callable[[random.Random], str]] = {
    "DE": lambda r: r.choice("1234567") + _digits(r, 7) + _digits(r, 10),
    "FR": lambda r: _digits(r, 10) + _digits(r, 11) + _digits(r, 2),
    "GB": lambda r: _letters(r, 4) + _digits(r, 14),
    "NL": lambda r: _letters(r, 4) + _digits(r, 10),
    "DK": lambda r: _digits(r, 14),
    "CH": lambda r: _digits(r, 17),
    "AT": lambda r: _digits(r, 16),
    "BE": lambda r: _digits(r, 12),
    "ES": lambda r: _digits(r, 20),
    "IT": lambda r: _letters(r, 1) + _digits(r, 10) + _digits(r, 12),
}

COUNTRIES_WITH_VAT = frozenset(_VAT)
COUNTRIES_WITH_IBAN = frozenset(_BBAN)


def vat_id(rng: random.Random, country: str) -> str:
    """A VAT id of `country` with valid check digits (compact form, country prefix included; Swiss
    ones as printed, with their MWST suffix)."""
    make, valid = _VAT[country]
    found = _draw(rng, lambda: make(rng), valid, f"{country} VAT id")
    return _ch.format(found) if country == "CH" else found  # CHE-123.456.789 MWST, as the Swiss write it


def iban(rng: random.Random, country: str) -> str:
    """An IBAN of `country` with valid check digits (and national check digits where stdnum knows them)."""
    bban = _BBAN[country]

    def make() -> str:
        body = bban(rng)
        return country + _iban.calc_check_digits(country + "00" + body) + body

    return _draw(rng, make, _iban.is_valid, f"{country} IBAN")


def format_iban(value: str) -> str:
    """Groups of four, as IBANs are printed."""
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))
