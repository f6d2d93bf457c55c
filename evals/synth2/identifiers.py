"""Tax ids, bank accounts and payment references with valid check digits (python-stdnum checks every
one it has a module for; the rest follow their published algorithms). Each function returns the
identifier as the page prints it."""

from __future__ import annotations

import random
import string
from collections.abc import Callable

from stdnum import iban as iban_module
from stdnum import iso11649, luhn
from stdnum.at import uid as at_uid
from stdnum.au import abn as au_abn
from stdnum.au import acn as au_acn
from stdnum.be import vat as be_vat
from stdnum.ca import bn as ca_bn
from stdnum.ch import esr as ch_esr
from stdnum.ch import uid as ch_uid
from stdnum.cz import dic as cz_dic
from stdnum.es import cif as es_cif
from stdnum.fi import alv as fi_alv
from stdnum.fi import ytunnus as fi_ytunnus
from stdnum.hu import anum as hu_anum
from stdnum.ie import vat as ie_vat
from stdnum.in_ import gstin as in_gstin
from stdnum.in_ import pan as in_pan
from stdnum.it import iva as it_iva
from stdnum.nl import btw as nl_btw
from stdnum.no import kontonr as no_kontonr
from stdnum.no import mva as no_mva
from stdnum.pl import nip as pl_nip
from stdnum.pt import nif as pt_nif
from stdnum.ro import cf as ro_cf

DIGITS = string.digits
UPPER = string.ascii_uppercase


def digits(rng: random.Random, count: int, *, first: str = DIGITS) -> str:
    return rng.choice(first) + "".join(rng.choice(DIGITS) for _ in range(count - 1))


def _search(rng: random.Random, make: Callable[[random.Random], str], valid: Callable[[str], bool]) -> str:
    """Draw candidates until one passes its checksum (a check digit is right for about 1 in 11-97)."""
    for _ in range(20000):
        candidate = make(rng)
        if valid(candidate):
            return candidate
    raise RuntimeError("no valid identifier found")  # pragma: no cover - a bug in a pattern


def _with_check(rng: random.Random, body: str, alphabet: str, valid: Callable[[str], bool]) -> str:
    for char in alphabet:
        if valid(body + char):
            return body + char
    return ""


def _checked(
    rng: random.Random,
    body: Callable[[random.Random], str],
    valid: Callable[[str], bool],
    alphabet: str = DIGITS,
) -> str:
    while True:
        found = _with_check(rng, body(rng), alphabet, valid)
        if found:
            return found


# ------------------------------------------------------------------------------------- tax ids


def vat_id(rng: random.Random, kind: str, state: str = "27") -> tuple[str | None, dict[str, str]]:
    """(the VAT id as printed, other ids the page prints by their own label) for a company of ``kind``."""
    if kind == "at":
        number = _checked(rng, lambda r: "ATU" + digits(r, 7), at_uid.is_valid)
        return number, {}
    if kind == "ch":
        uid = _checked(rng, lambda r: "CHE" + digits(r, 8, first="123456789"), ch_uid.is_valid)
        printed = f"CHE-{uid[3:6]}.{uid[6:9]}.{uid[9:12]}"
        return f"{printed} {rng.choice(['MWST', 'MWST', 'TVA'])}", {"uid": printed}
    if kind == "in":
        number = gstin(rng, state)
        return number, {"pan": number[2:12]}
    if kind == "au":
        abn = abn_number(rng)
        acn = abn[2:] if au_acn.is_valid(abn[2:]) else _checked(rng, lambda r: digits(r, 8), au_acn.is_valid)
        return f"{abn[:2]} {abn[2:5]} {abn[5:8]} {abn[8:]}", {"acn": f"{acn[:3]} {acn[3:6]} {acn[6:]}"}
    if kind == "ie":
        number = _checked(rng, lambda r: "IE" + digits(r, 7, first="123456789"), ie_vat.is_valid, UPPER)
        return number, {}
    if kind == "ca":
        bn = _checked(rng, lambda r: digits(r, 8, first="123456789"), lambda n: luhn.is_valid(n))
        assert ca_bn.is_valid(bn + "RT0001")
        return f"{bn} RT0001", {"bn9": bn}
    if kind == "be":
        number = _be_complete(rng)
        styled = rng.choice([f"BE {number[:4]}.{number[4:7]}.{number[7:]}", f"BE{number}"])
        return styled, {"bce": f"{number[:4]}.{number[4:7]}.{number[7:]}"}
    if kind == "no":
        org = _checked(rng, lambda r: digits(r, 8, first="89"), lambda n: no_mva.is_valid(f"NO{n}MVA"))
        spaced = f"{org[:3]} {org[3:6]} {org[6:]}"
        return rng.choice([f"NO {spaced} MVA", f"{spaced} MVA", f"NO{org}MVA"]), {"orgnr": spaced}
    if kind == "fi":
        y = _checked(
            rng, lambda r: digits(r, 7, first="0123"), lambda n: fi_ytunnus.is_valid(f"{n[:7]}-{n[7:]}")
        )
        assert fi_alv.is_valid("FI" + y)
        return "FI" + y, {"ytunnus": f"{y[:7]}-{y[7]}"}
    if kind == "hu":
        base = _checked(rng, lambda r: digits(r, 7, first="12"), hu_anum.is_valid)
        county = rng.choice(["02", "03", "05", "07", "09", "13", "14", "18", "41", "42", "43", "44"])
        return f"{base}-{rng.choice('2222223')}-{county}", {"eu": f"HU{base}"}
    if kind == "ro":
        cui = _checked(rng, lambda r: digits(r, rng.choice([7, 8]), first="123456789"), ro_cf.is_valid)
        return "RO" + cui, {"cui": cui}
    if kind == "es":
        cif = _checked(rng, lambda r: r.choice("BBBBAJ") + digits(r, 7), es_cif.is_valid)
        return rng.choice([cif, cif, f"ES{cif}", f"{cif[0]}-{cif[1:]}"]), {}
    if kind == "it":
        body = lambda r: digits(r, 7) + r.choice(["015", "037", "058", "063", "096", "008", "021", "048"])  # noqa: E731
        number = _checked(rng, body, it_iva.is_valid)
        return rng.choice([number, f"IT{number}", f"IT {number}"]), {"cf": number}
    if kind == "nl":
        number = _checked(
            rng, lambda r: "NL" + digits(r, 8, first="12345678"), lambda n: nl_btw.is_valid(n + "B01")
        )
        return number + "B01", {}
    if kind == "pt":
        nif = _checked(rng, lambda r: "5" + digits(r, 7, first="0123"), pt_nif.is_valid)
        return rng.choice([nif, nif, f"PT{nif}", f"{nif[:3]} {nif[3:6]} {nif[6:]}"]), {}
    if kind == "pl":
        nip = _checked(rng, lambda r: digits(r, 9, first="56789"), pl_nip.is_valid)
        styles = [
            nip,
            f"{nip[:3]}-{nip[3:6]}-{nip[6:8]}-{nip[8:]}",
            f"PL{nip}",
            f"{nip[:3]}-{nip[3:5]}-{nip[5:7]}-{nip[7:]}",
        ]
        return rng.choice(styles), {}
    if kind == "cz":
        ico = _checked(rng, lambda r: digits(r, 7, first="0123456789"), lambda n: cz_dic.is_valid(n))
        return "CZ" + ico, {"ico": ico}
    return None, {}


def _be_complete(rng: random.Random) -> str:
    while True:
        body = "0" + digits(rng, 7, first="4567")
        number = body + f"{97 - int(body) % 97:02d}"
        if be_vat.is_valid("BE" + number):
            return number


def gstin(rng: random.Random, state: str) -> str:
    def make(r: random.Random) -> str:
        pan = "".join(r.choice(UPPER) for _ in range(3)) + r.choice("CFP") + r.choice(UPPER) + digits(r, 4)
        pan += r.choice(UPPER)
        return state + pan + r.choice("123") + "Z"

    def body(r: random.Random) -> str:
        while True:
            candidate = make(r)
            if in_pan.is_valid(candidate[2:12]):
                return candidate

    return _checked(rng, body, in_gstin.is_valid, DIGITS + UPPER)


def abn_number(rng: random.Random) -> str:
    while True:
        tail = digits(rng, 9, first="123456789")
        for prefix in range(10, 100):
            if au_abn.is_valid(f"{prefix}{tail}"):
                return f"{prefix}{tail}"


# ------------------------------------------------------------------------------------- banks

BBAN: dict[str, Callable[[random.Random], str]] = {
    "AT": lambda r: digits(r, 5, first="123456") + digits(r, 11),
    "CH": lambda r: digits(r, 5, first="0") + digits(r, 12),
    "BE": lambda r: digits(r, 12),
    "NO": lambda r: digits(r, 11, first="1234569"),
    "FI": lambda r: digits(r, 14, first="1234578"),
    "HU": lambda r: digits(r, 24, first="1"),
    "RO": lambda r: (
        r.choice(["BTRL", "RNCB", "INGB", "BRDE", "RZBR"])
        + "RON"
        + "".join(r.choice(DIGITS + UPPER) for _ in range(13))
    ),
    "ES": lambda r: digits(r, 20, first="0123"),
    "IT": lambda r: r.choice(UPPER) + digits(r, 5, first="0") + digits(r, 5, first="0123") + digits(r, 12),
    "NL": lambda r: r.choice(["INGB", "ABNA", "RABO", "TRIO", "BUNQ"]) + digits(r, 10, first="0123456789"),
    "PT": lambda r: r.choice(["0035", "0033", "0007", "0018", "0010"]) + digits(r, 17),
    "PL": lambda r: digits(r, 24, first="1"),
    "CZ": lambda r: r.choice(["0800", "0100", "0300", "2010", "5500"]) + "000000" + digits(r, 10, first="12"),
    "IE": lambda r: r.choice(["BOFI", "AIBK", "IPBS"]) + digits(r, 14, first="9"),
}


def iban(rng: random.Random, country: str, *, qr: bool = False) -> str:
    """An IBAN of ``country`` with valid check digits (and the national check where stdnum knows it);
    ``qr``: a Swiss QR-IBAN (institution id 30000-31999)."""

    def make(r: random.Random) -> str:
        bban = BBAN[country](r)
        if qr:
            bban = str(r.randint(30000, 31999)) + bban[5:]
        if country == "NO" and not no_kontonr.is_valid(bban):
            bban = bban[:10] + _no_check(bban[:10])
        check = iban_module.calc_check_digits(f"{country}00{bban}")
        return f"{country}{check}{bban}"

    return _search(rng, make, iban_module.is_valid)


def _no_check(body: str) -> str:
    weights = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
    remainder = sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11
    check = (11 - remainder) % 11
    return str(check) if check != 10 else "0"


def grouped_iban(number: str) -> str:
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))


def no_account(number: str) -> str:
    """The Norwegian account inside a NO IBAN, printed 1234.56.78901."""
    bban = number[4:]
    return f"{bban[:4]}.{bban[4:6]}.{bban[6:]}"


def cz_account(number: str) -> str:
    """The Czech domestic account inside a CZ IBAN: [prefix-]account/bank."""
    bban = number[4:]
    bank, prefix, account = bban[:4], bban[4:10].lstrip("0"), bban[10:].lstrip("0")
    return f"{prefix + '-' if prefix else ''}{account}/{bank}"


def hu_account(number: str) -> str:
    bban = number[4:]
    return f"{bban[:8]}-{bban[8:16]}-{bban[16:]}"


def pl_account(number: str) -> str:
    """The Polish NRB (the IBAN without 'PL'), printed in groups of four after the check digits."""
    nrb = number[2:]
    return nrb[:2] + " " + " ".join(nrb[i : i + 4] for i in range(2, len(nrb), 4))


# ------------------------------------------------------------------------------------- references


def kid(rng: random.Random, base: str) -> str:
    """A Norwegian KID (MOD10/Luhn) from the customer and invoice numbers."""
    body = "".join(c for c in base if c.isdigit())[-14:] or digits(rng, 8)
    return body + luhn.calc_check_digit(body)


def finnish_reference(rng: random.Random, base: str) -> str:
    """A Finnish bank reference (viitenumero, weights 7-3-1 from the right), printed in groups of five."""
    body = ("".join(c for c in base if c.isdigit()) or digits(rng, 6))[-12:].lstrip("0") or "1"
    if len(body) < 3:
        body = "10" + body
    weights = (7, 3, 1)
    total = sum(int(d) * weights[i % 3] for i, d in enumerate(reversed(body)))
    number = body + str((10 - total % 10) % 10)
    groups: list[str] = []
    while number:
        groups.insert(0, number[-5:])
        number = number[:-5]
    return " ".join(groups)


def qr_reference(rng: random.Random) -> str:
    """A Swiss QR reference (26 digits + recursive MOD10 check), printed in groups of five from the right."""
    body = digits(rng, 26, first="0")
    number = body + ch_esr.calc_check_digit(body)
    return number[:2] + " " + " ".join(number[i : i + 5] for i in range(2, 27, 5))


def creditor_reference(rng: random.Random) -> str:
    """An ISO 11649 creditor reference (RF + MOD 97-10 check), printed in groups of four."""
    body = digits(rng, rng.randint(8, 14))
    check = 98 - int(body + "271500") % 97
    number = f"RF{check:02d}{body}"
    assert iso11649.is_valid(number)
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))


def structured_communication(rng: random.Random) -> str:
    """A Belgian structured communication +++123/4567/89002+++ (10 digits, MOD 97 check, 97 for 0)."""
    body = digits(rng, 10)
    check = int(body) % 97 or 97
    number = f"{body}{check:02d}"
    return f"+++{number[:3]}/{number[3:7]}/{number[7:]}+++"


def ifsc(rng: random.Random, bic: str) -> str:
    return bic[:4] + "0" + digits(rng, 6)


def bsb(rng: random.Random) -> str:
    return f"{rng.choice(['062', '032', '013', '083', '633'])}-{digits(rng, 3)}"


def routing(rng: random.Random) -> str:
    """An ABA routing number (weights 3-7-1)."""
    while True:
        body = digits(rng, 8, first="0123")
        total = sum(int(d) * w for d, w in zip(body, (3, 7, 1, 3, 7, 1, 3, 7), strict=True))
        return body + str((10 - total % 10) % 10)
