"""Identifiers with valid check digits, computed here (python-stdnum only checks them, in the tests):
VAT ids of the generator's countries, IBANs with their national check digits, the US EIN (no check).

Every function takes a ``random.Random`` and returns the identifier as a vendor prints it."""

from __future__ import annotations

import random
import string


def _digits(rng: random.Random, count: int, *, first_nonzero: bool = True) -> str:
    head = str(rng.randint(1, 9)) if first_nonzero else str(rng.randint(0, 9))
    return head + "".join(str(rng.randint(0, 9)) for _ in range(count - 1))


def _luhn_check(body: str) -> str:
    total = 0
    for index, char in enumerate(reversed(body)):
        digit = int(char)
        if index % 2 == 0:
            digit *= 2
            digit = digit - 9 if digit > 9 else digit
        total += digit
    return str((10 - total % 10) % 10)


def _mod11_10(body: str) -> str:
    """ISO 7064 MOD 11,10 (German VAT ids)."""
    product = 10
    for char in body:
        total = (int(char) + product) % 10 or 10
        product = total * 2 % 11
    return str((11 - product) % 10)


def vat_de(rng: random.Random) -> str:
    body = _digits(rng, 8)
    return "DE" + body + _mod11_10(body)


def vat_at(rng: random.Random) -> str:
    body = _digits(rng, 7)
    total = 0
    for index, char in enumerate(body):
        value = int(char) * (1 if index % 2 == 0 else 2)
        total += value // 10 + value % 10
    return "ATU" + body + str((10 - (total + 4) % 10) % 10)


def vat_fr(rng: random.Random) -> str:
    body = _digits(rng, 8)
    siren = body + _luhn_check(body)
    key = (12 + 3 * (int(siren) % 97)) % 97
    return f"FR{key:02d}{siren}"


def vat_be(rng: random.Random) -> str:
    body = "0" + _digits(rng, 7)
    return "BE" + body + f"{97 - int(body) % 97:02d}"


def vat_nl(rng: random.Random) -> str:
    while True:
        body = _digits(rng, 8)
        check = sum(int(c) * w for c, w in zip(body, range(9, 1, -1), strict=True)) % 11
        if check < 10:
            return f"NL{body}{check}B{rng.choice(['01', '01', '02'])}"


def vat_es(rng: random.Random) -> str:
    """A company CIF (letter B or A: an S.L. or S.A.), its control a digit."""
    letter = rng.choice("AB")
    body = _digits(rng, 7, first_nonzero=False)
    odd = sum(sum(divmod(int(body[i]) * 2, 10)) for i in range(0, 7, 2))
    even = sum(int(body[i]) for i in range(1, 7, 2))
    return f"ES{letter}{body}{(10 - (odd + even) % 10) % 10}"


def vat_it(rng: random.Random) -> str:
    body = _digits(rng, 7, first_nonzero=False) + f"{rng.randint(1, 100):03d}"
    return "IT" + body + _luhn_check(body)


def vat_pt(rng: random.Random) -> str:
    while True:
        body = rng.choice("5") + _digits(rng, 7, first_nonzero=False)
        check = 11 - sum(int(c) * w for c, w in zip(body, range(9, 1, -1), strict=True)) % 11
        if check < 10:
            return "PT" + body + str(check)
        if check in (10, 11):
            return "PT" + body + "0"


def nip_pl(rng: random.Random) -> str:
    """A Polish NIP (10 digits), written with dashes as many Polish invoices print it."""
    weights = (6, 5, 7, 2, 3, 4, 5, 6, 7)
    while True:
        body = _digits(rng, 9)
        check = sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11
        if check < 10:
            digits = body + str(check)
            return rng.choice(
                [digits, f"{digits[:3]}-{digits[3:6]}-{digits[6:8]}-{digits[8:]}", "PL" + digits]
            )


def vat_se(rng: random.Random) -> str:
    body = rng.choice("2559") + _digits(rng, 8, first_nonzero=False)
    return "SE" + body + _luhn_check(body) + "01"


def vat_dk(rng: random.Random) -> str:
    weights = (2, 7, 6, 5, 4, 3, 2, 1)
    while True:
        body = _digits(rng, 7)
        for last in range(10):
            candidate = body + str(last)
            if sum(int(c) * w for c, w in zip(candidate, weights, strict=True)) % 11 == 0:
                return "DK" + candidate


def vat_gb(rng: random.Random) -> str:
    while True:
        body = _digits(rng, 7)
        total = sum(int(c) * w for c, w in zip(body, range(8, 1, -1), strict=True))
        check = (-total) % 97
        if int(body[:3]) >= 100:
            return f"GB {body[:3]} {body[3:7]} {check:02d}"


def vat_ie(rng: random.Random) -> str:
    body = _digits(rng, 7)
    total = sum(int(c) * w for c, w in zip(body, range(8, 1, -1), strict=True))
    return "IE" + body + "WABCDEFGHIJKLMNOPQRSTUV"[total % 23]


def ein_us(rng: random.Random) -> str:
    return f"{rng.randint(10, 88):02d}-{_digits(rng, 7)}"


VAT_IDS = {
    "DE": vat_de,
    "AT": vat_at,
    "FR": vat_fr,
    "BE": vat_be,
    "NL": vat_nl,
    "ES": vat_es,
    "IT": vat_it,
    "PT": vat_pt,
    "PL": nip_pl,
    "SE": vat_se,
    "DK": vat_dk,
    "GB": vat_gb,
    "IE": vat_ie,
}


def _mod97(text: str) -> int:
    return int("".join(str(int(c, 36)) for c in text)) % 97


def _bban(country: str, rng: random.Random, bank: str) -> str:
    def digits(count: int) -> str:
        return _digits(rng, count, first_nonzero=False)

    if country in ("GB", "IE"):
        return bank[:4].upper() + digits(6) + digits(8)
    if country == "DE":
        return digits(8) + digits(10)
    if country == "AT":
        return digits(5) + digits(11)
    if country == "FR":
        bank_code, branch, account = digits(5), digits(5), digits(11)
        key = 97 - (89 * int(bank_code) + 15 * int(branch) + 3 * int(account)) % 97
        return f"{bank_code}{branch}{account}{key:02d}"
    if country == "BE":
        # the first three digits name the bank (stdnum's register checks them)
        prefix = {"GEBA": "0", "GKCC": "07", "BBRU": "3", "KRED": "4"}.get(bank[:4].upper(), "0")
        body = prefix + digits(10 - len(prefix))
        check = int(body) % 97 or 97
        return f"{body}{check:02d}"
    if country == "NL":
        return bank[:4].upper() + digits(10)
    if country == "ES":
        entity, office, account = digits(4), digits(4), digits(10)
        weights = (1, 2, 4, 8, 5, 10, 9, 7, 3, 6)

        def control(number: str) -> str:
            value = 11 - sum(int(c) * w for c, w in zip(number.rjust(10, "0"), weights, strict=True)) % 11
            return "0" if value == 11 else "1" if value == 10 else str(value)

        return entity + office + control(entity + office) + control(account) + account
    if country == "IT":
        return rng.choice(string.ascii_uppercase) + digits(5) + digits(5) + digits(12)
    if country == "PT":
        body = digits(19)
        return f"{body}{98 - int(body + '00') % 97:02d}"
    if country == "PL":
        return digits(24)
    if country == "SE":
        return digits(20)
    if country == "DK":
        return digits(14)
    raise ValueError(f"no IBAN for {country}")


def iban(country: str, rng: random.Random, bank: str = "BANK") -> str:
    """An IBAN in its electronic form (no spaces)."""
    bban = _bban(country, rng, bank)
    check = 98 - _mod97(bban + country + "00")
    return f"{country}{check:02d}{bban}"


def grouped(value: str, size: int = 4) -> str:
    """The paper form: groups of four."""
    return " ".join(value[i : i + size] for i in range(0, len(value), size))
