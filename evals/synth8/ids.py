"""Identifiers with valid check digits (validity decided by python-stdnum): VAT / tax ids and IBANs of the
countries evals/synth8 prints."""

from __future__ import annotations

import importlib
import random
import string

from stdnum import iban as iban_module

VAT: dict[str, tuple[str, str, str]] = {
    # country: (stdnum module, compact pattern, printed pattern); pattern: 9 digit, literal otherwise
    "GB": ("stdnum.gb.vat", "GB999999999", "GB {2:3} {5:4} {9:2}"),
    "IE": ("stdnum.ie.vat", "IE9999999W", "{0}"),
    "AU": ("stdnum.au.abn", "99999999999", "{0:2} {2:3} {5:3} {8:3}"),
    "DE": ("stdnum.de.vat", "DE999999999", "{0}"),
    "AT": ("stdnum.at.uid", "ATU99999999", "{0}"),
    "CH": ("stdnum.ch.vat", "CHE999999999MWST", "CHE-{3:3}.{6:3}.{9:3} MWST"),
    "FR": ("stdnum.fr.tva", "FR99999999999", "FR {2:2} {4:3} {7:3} {10:3}"),
    "NL": ("stdnum.nl.btw", "NL999999999B01", "{0}"),
    "ES": ("stdnum.es.nif", "ESB99999999", "{0}"),
    "IT": ("stdnum.it.iva", "IT99999999999", "{0}"),
    "PT": ("stdnum.pt.nif", "PT599999999", "PT {2:9}"),
    "PL": ("stdnum.pl.nip", "PL9999999999", "PL {2:3}-{5:3}-{8:2}-{10:2}"),
    "SE": ("stdnum.se.vat", "SE559999999901", "{0}"),
    "DK": ("stdnum.dk.cvr", "DK99999999", "DK {2:2} {4:2} {6:2} {8:2}"),
    "CZ": ("stdnum.cz.dic", "CZ99999999", "{0}"),
    "GR": ("stdnum.gr.vat", "EL999999999", "{0}"),
    "BG": ("stdnum.bg.vat", "BG999999999", "{0}"),
    "EE": ("stdnum.ee.kmkr", "EE109999999", "{0}"),
    "LV": ("stdnum.lv.pvn", "LV40999999999", "{0}"),
    "LT": ("stdnum.lt.pvm", "LT999999999", "{0}"),
    "SI": ("stdnum.si.ddv", "SI99999999", "{0}"),
}
"""The US has no VAT: US documents print no seller tax id."""


def _fill(pattern: str, rng: random.Random) -> str:
    return "".join(rng.choice(string.digits) if c == "9" else c for c in pattern)


def _shape(compact: str, printed: str) -> str:
    if printed == "{0}":
        return compact
    out = []
    for piece in printed.replace("}", "{").split("{"):
        if ":" in piece and piece.split(":")[0].isdigit():
            start, width = (int(x) for x in piece.split(":"))
            out.append(compact[start : start + width])
        else:
            out.append(piece)
    return "".join(out)


def draw_vat(country: str, rng: random.Random) -> str | None:
    """A VAT / tax id of ``country`` with valid check digits, as a page prints it (None for the US)."""
    if country not in VAT:
        return None
    module_name, pattern, printed = VAT[country]
    module = importlib.import_module(module_name)
    for _ in range(200_000):
        compact = _fill(pattern, rng)
        if module.is_valid(compact):
            return _shape(compact, printed)
    raise RuntimeError(f"no valid {country} VAT id drawn")  # pragma: no cover


def vat_valid(country: str, printed: str) -> bool:
    module = importlib.import_module(VAT[country][0])
    return bool(module.is_valid(printed.replace(" ", "").replace(".", "").replace("-", "")))


BBAN: dict[str, str] = {
    # n digit, a upper letter, c upper letter or digit (the IBAN registry's shapes)
    "GB": "aaaannnnnnnnnnnnnn", "IE": "aaaannnnnnnnnnnnnn", "DE": "nnnnnnnnnnnnnnnnnn",
    "AT": "nnnnnnnnnnnnnnnn", "CH": "nnnnncccccccccccc", "FR": "nnnnnnnnnnccccccccccnnn",
    "NL": "aaaannnnnnnnnn", "ES": "nnnnnnnnnnnnnnnnnnnn", "IT": "a" + "n" * 22,
    "PT": "nnnnnnnnnnnnnnnnnnnnn", "PL": "nnnnnnnnnnnnnnnnnnnnnnnn", "SE": "nnnnnnnnnnnnnnnnnnnn",
    "DK": "nnnnnnnnnnnnnn", "CZ": "nnnnnnnnnnnnnnnnnnnn", "GR": "nnnnnnnnnnnnnnnnnnnnnnn",
    "BG": "aaaannnnnnnnnnnnnn", "EE": "nnnnnnnnnnnnnnnn", "LV": "aaaannnnnnnnnnnnn",
    "LT": "nnnnnnnnnnnnnnnn", "SI": "nnnnnnnnnnnnnnn",
}  # fmt: skip


def draw_iban(country: str, rng: random.Random) -> str | None:
    """A valid IBAN of ``country`` (MOD 97 and the national checks stdnum knows), compact; None where the
    country has none (US, AU)."""
    shape = BBAN.get(country)
    if shape is None:
        return None
    for _ in range(200_000):
        bban = "".join(
            rng.choice(string.digits) if c == "n"
            else rng.choice(string.ascii_uppercase) if c == "a"
            else rng.choice(string.ascii_uppercase + string.digits)
            for c in shape
        )  # fmt: skip
        number = country + iban_module.calc_check_digits(country + "00" + bban) + bban
        if iban_module.is_valid(number):
            return number
    raise RuntimeError(f"no valid {country} IBAN drawn")  # pragma: no cover


def grouped(iban: str) -> str:
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


def draw_bic(country: str, rng: random.Random) -> str:
    return (
        "".join(rng.choice(string.ascii_uppercase) for _ in range(4))
        + country
        + rng.choice(("2X", "XX", "MM", "22"))
    )
