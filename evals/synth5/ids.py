"""Identifiers with valid check digits (python-stdnum decides validity): VAT and company ids as each
country prints them, IBANs, and the few national bank details of countries without an IBAN."""

from __future__ import annotations

import random
import string
from collections.abc import Callable

from stdnum import iban as iban_mod
from stdnum.at import uid as at_uid
from stdnum.au import abn as au_abn
from stdnum.be import vat as be_vat
from stdnum.br import cnpj as br_cnpj
from stdnum.ch import vat as ch_vat
from stdnum.cz import dic as cz_dic
from stdnum.de import vat as de_vat
from stdnum.dk import cvr as dk_cvr
from stdnum.es import cif as es_cif
from stdnum.fi import alv as fi_alv
from stdnum.fr import tva as fr_tva
from stdnum.gb import vat as gb_vat
from stdnum.ie import vat as ie_vat
from stdnum.in_ import gstin as in_gstin
from stdnum.it import iva as it_iva
from stdnum.mx import rfc as mx_rfc
from stdnum.nl import btw as nl_btw
from stdnum.no import mva as no_mva
from stdnum.pl import nip as pl_nip
from stdnum.pt import nif as pt_nif
from stdnum.se import vat as se_vat

DIGITS = string.digits
UPPER = string.ascii_uppercase


def _digits(rng: random.Random, n: int, first: str = "123456789") -> str:
    return rng.choice(first) + "".join(rng.choice(DIGITS) for _ in range(n - 1))


def _until(rng: random.Random, draw: Callable[[random.Random], str], valid: Callable[[str], bool]) -> str:
    for _ in range(50000):
        value = draw(rng)
        if valid(value):
            return value
    raise RuntimeError("no valid identifier drawn")  # pragma: no cover


def _group(text: str, sizes: tuple[int, ...], sep: str = " ") -> str:
    out, at = [], 0
    for size in sizes:
        out.append(text[at : at + size])
        at += size
    return sep.join(part for part in out if part)


# ------------------------------------------------------------------ tax and company identifiers
# Each returns (printed VAT or tax id, the label key for it, other registration lines) for a country.


def vat_id(country: str, rng: random.Random) -> tuple[str, list[tuple[str, str]]]:
    """(the tax id as the page prints it, [(label key, other registration id)]) for a seller in ``country``."""
    if country == "US":
        ein = _digits(rng, 9)
        return "", [("ein", f"{ein[:2]}-{ein[2:]}")]
    if country == "GB":
        raw = _until(rng, lambda r: "GB" + _digits(r, 9), gb_vat.is_valid)
        crn = _digits(rng, 8, "01")
        return rng.choice([f"GB {raw[2:5]} {raw[5:9]} {raw[9:]}", raw]), [("company_no", crn)]
    if country == "IE":
        raw = _until(rng, lambda r: "IE" + _digits(r, 7) + r.choice(UPPER[:23]), ie_vat.is_valid)
        return raw, [("company_no", _digits(rng, 6))]
    if country == "IN":
        state = rng.choice(["27", "29", "07", "33", "24", "09"])

        def gst(r: random.Random) -> str:
            pan = (
                "".join(r.choice(UPPER) for _ in range(3))
                + "C"
                + r.choice(UPPER)
                + _digits(r, 4)
                + r.choice(UPPER)
            )
            return state + pan + r.choice("123") + "Z" + r.choice(DIGITS + UPPER)

        raw = _until(rng, gst, in_gstin.is_valid)
        return raw, [
            ("pan", raw[2:12]),
            ("cin", f"U{_digits(rng, 5)}{rng.choice(['MH', 'KA', 'DL', 'TN'])}2014PTC{_digits(rng, 6)}"),
        ]
    if country == "AU":
        raw = _until(rng, lambda r: _digits(r, 11), au_abn.is_valid)
        return _group(raw, (2, 3, 3, 3)), [("acn", _group(raw[2:], (3, 3, 3)))]
    if country == "DE":
        raw = _until(rng, lambda r: "DE" + _digits(r, 9), de_vat.is_valid)
        st = f"{_digits(rng, 3)}/{_digits(rng, 3)}/{_digits(rng, 5)}"
        return rng.choice([raw, f"DE {raw[2:5]} {raw[5:8]} {raw[8:]}"]), [
            ("tax_no", st),
            ("register", f"HRB {_digits(rng, 5)}"),
        ]
    if country == "AT":
        raw = _until(rng, lambda r: "ATU" + _digits(r, 8), at_uid.is_valid)
        return raw, [("register", f"FN {_digits(rng, 6)} {rng.choice('abdfghikmpstvwxyz')}")]
    if country == "CH":
        raw = _until(rng, lambda r: "CHE" + _digits(r, 9), lambda v: ch_vat.is_valid(v + "MWST"))
        return f"CHE-{raw[3:6]}.{raw[6:9]}.{raw[9:]}", []
    if country == "FR":
        raw = _until(rng, lambda r: "FR" + _digits(r, 11, DIGITS), fr_tva.is_valid)
        siren = raw[4:]
        siret = siren + _digits(rng, 5, "0")
        return rng.choice([raw, f"FR {raw[2:4]} {siren[:3]} {siren[3:6]} {siren[6:]}"]), [
            ("siret", f"{siren[:3]} {siren[3:6]} {siren[6:]} {siret[9:]}"),
            ("rcs", f"{siren[:3]} {siren[3:6]} {siren[6:]}"),
        ]
    if country == "BE":
        raw = _until(rng, lambda r: "BE0" + _digits(r, 9), be_vat.is_valid)
        return rng.choice([raw, f"BE {raw[2:6]}.{raw[6:9]}.{raw[9:]}"]), [
            ("rpm", f"{raw[2:6]}.{raw[6:9]}.{raw[9:]}")
        ]
    if country == "NL":
        raw = _until(rng, lambda r: "NL" + _digits(r, 9) + "B0" + r.choice("123"), nl_btw.is_valid)
        return raw, [("kvk", _digits(rng, 8))]
    if country == "IT":
        raw = _until(
            rng,
            lambda r: (
                "IT" + _digits(r, 7, "0") + r.choice(["001", "015", "036", "058", "097"]) + r.choice(DIGITS)
            ),
            it_iva.is_valid,
        )
        return raw, [("rea", f"{rng.choice(['MI', 'RM', 'TO', 'BO', 'FI'])}-{_digits(rng, 6)}")]
    if country == "ES":
        raw = _until(rng, lambda r: r.choice("AB") + _digits(r, 8, DIGITS), es_cif.is_valid)
        return rng.choice([f"ES{raw}", raw]), [
            ("register", f"Tomo {_digits(rng, 5)}, Folio {_digits(rng, 3)}, Hoja M-{_digits(rng, 6)}")
        ]
    if country == "MX":

        def rfc(r: random.Random) -> str:
            return (
                "".join(r.choice(UPPER[:23]) for _ in range(3))
                + f"{r.randint(5, 22):02d}{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
                + "".join(r.choice(UPPER[:9] + DIGITS[1:]) for _ in range(2))
                + r.choice(DIGITS)
            )

        raw = _until(rng, rfc, mx_rfc.is_valid)
        return raw, [
            (
                "regimen",
                rng.choice(["601 General de Ley Personas Morales", "626 Régimen Simplificado de Confianza"]),
            )
        ]
    if country == "PT":
        raw = _until(rng, lambda r: r.choice("5") + _digits(r, 8, DIGITS), pt_nif.is_valid)
        return rng.choice([f"PT{raw}", f"PT {raw}", raw]), [("capital", "")]
    if country == "BR":
        raw = _until(rng, lambda r: _digits(r, 8) + "0001" + _digits(r, 2, DIGITS), br_cnpj.is_valid)
        ie = _digits(rng, 12)
        return f"{raw[:2]}.{raw[2:5]}.{raw[5:8]}/{raw[8:12]}-{raw[12:]}", [
            ("ie", f"{ie[:3]}.{ie[3:6]}.{ie[6:9]}.{ie[9:]}")
        ]
    if country == "PL":
        raw = _until(rng, lambda r: _digits(r, 10), pl_nip.is_valid)
        return rng.choice([f"{raw[:3]}-{raw[3:6]}-{raw[6:8]}-{raw[8:]}", raw, f"PL{raw}"]), [
            ("krs", f"0000{_digits(rng, 6)}"),
            ("regon", _digits(rng, 9)),
        ]
    if country == "SE":
        raw = _until(rng, lambda r: "SE55" + _digits(r, 8, DIGITS) + "01", se_vat.is_valid)
        return raw, [("orgnr", f"{raw[2:8]}-{raw[8:12]}"), ("fskatt", "")]
    if country == "DK":
        raw = _until(rng, lambda r: _digits(r, 8), dk_cvr.is_valid)
        return rng.choice([f"DK{raw}", f"DK {raw[:2]} {raw[2:4]} {raw[4:6]} {raw[6:]}"]), []
    if country == "NO":
        raw = _until(rng, lambda r: "9" + _digits(r, 8, DIGITS), lambda v: no_mva.is_valid(v + "MVA"))
        return rng.choice([f"NO {raw[:3]} {raw[3:6]} {raw[6:]} MVA", f"NO{raw}MVA"]), []
    if country == "FI":
        raw = _until(rng, lambda r: "FI" + _digits(r, 8, "0123"), fi_alv.is_valid)
        return raw, [("ytunnus", f"{raw[2:9]}-{raw[9]}")]
    if country == "CZ":
        raw = _until(rng, lambda r: "CZ" + _digits(r, 8, "2"), cz_dic.is_valid)
        return raw, [("ico", raw[2:]), ("register", f"C {_digits(rng, 6)} vedená u Městského soudu v Praze")]
    raise KeyError(country)


def buyer_vat_id(country: str, rng: random.Random) -> str:
    """A buyer's tax id (printed in the buyer block of B2B invoices): never the seller's."""
    printed, _ = vat_id(country, rng)
    return printed


# ------------------------------------------------------------------ bank accounts

BBAN = {
    "GB": (("bank", 4), ("n", 6), ("n", 8)),
    "IE": (("bank", 4), ("n", 6), ("n", 8)),
    "DE": (("n", 8), ("n", 10)),
    "AT": (("n", 5), ("n", 11)),
    "CH": (("n", 5), ("n", 12)),
    "FR": (("n", 5), ("n", 5), ("n", 11), ("n", 2)),
    "BE": (("n", 3), ("n", 7), ("n", 2)),
    "NL": (("bank", 4), ("n", 10)),
    "IT": (("a", 1), ("n", 5), ("n", 5), ("n", 12)),
    "ES": (("n", 4), ("n", 4), ("n", 1), ("n", 1), ("n", 10)),
    "PT": (("n", 4), ("n", 4), ("n", 11), ("n", 2)),
    "PL": (("n", 8), ("n", 16)),
    "SE": (("n", 3), ("n", 16), ("n", 1)),
    "DK": (("n", 4), ("n", 9), ("n", 1)),
    "NO": (("n", 4), ("n", 6), ("n", 1)),
    "FI": (("n", 3), ("n", 11)),
    "CZ": (("n", 4), ("n", 16)),
}
BANK_CODES = {
    "GB": ["NWBK", "BARC", "LOYD", "MIDL", "HBUK"],
    "IE": ["AIBK", "BOFI", "IPBS"],
    "NL": ["INGB", "RABO", "ABNA", "TRIO", "SNSB"],
}


def iban(country: str, rng: random.Random) -> str:
    """A valid IBAN (mod 97, and the national check where stdnum has one), compact."""

    def draw(r: random.Random) -> str:
        parts = []
        for kind, size in BBAN[country]:
            if kind == "bank":
                parts.append(r.choice(BANK_CODES[country]))
            elif kind == "a":
                parts.append(r.choice(UPPER))
            else:
                parts.append("".join(r.choice(DIGITS) for _ in range(size)))
        bban = "".join(parts)
        return country + iban_mod.calc_check_digits(country + "00" + bban) + bban

    return _until(rng, draw, iban_mod.is_valid)


def grouped(value: str) -> str:
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))


def bic(country: str, rng: random.Random) -> str:
    bank = "".join(rng.choice(UPPER) for _ in range(4))
    return bank + country + rng.choice(["2X", "22", "MM", "PP", "HH", "XX"]) + rng.choice(["", "XXX"])
