"""Tax numbers and IBANs with their real check digits, written here from the published schemes (the
tests only confirm them with python-stdnum). ``vat_id(country, rng)`` returns (the id as a vendor prints
it, a domestic registration number to print beside it or None)."""

from __future__ import annotations

import random
import string
from collections.abc import Callable


def _digits(rng: random.Random, count: int, first: str = "123456789") -> list[int]:
    return [int(rng.choice(first))] + [rng.randrange(10) for _ in range(count - 1)]


def _join(values: list[int]) -> str:
    return "".join(str(v) for v in values)


def _weighted(values: list[int], weights: tuple[int, ...]) -> int:
    return sum(v * w for v, w in zip(values, weights, strict=False))


def _luhn_digit(body: list[int]) -> int:
    total = 0
    for index, value in enumerate(reversed(body)):
        if index % 2 == 0:
            value *= 2
            value = value - 9 if value > 9 else value
        total += value
    return (10 - total % 10) % 10


def _gb(rng: random.Random) -> tuple[str, str | None]:
    body = _digits(rng, 7)
    check = -_weighted(body, (8, 7, 6, 5, 4, 3, 2)) % 97
    text = _join(body) + f"{check:02d}"
    return rng.choice(
        [f"GB {text[:3]} {text[3:7]} {text[7:]}", f"GB{text}"]
    ), f"{rng.randrange(10**7, 10**8):08d}"


def _de(rng: random.Random) -> tuple[str, str | None]:
    body = _digits(rng, 8)
    product = 10
    for value in body:
        total = (value + product) % 10 or 10
        product = 2 * total % 11
    return f"DE{_join(body)}{(11 - product) % 10}", f"HRB {rng.randrange(1000, 99999)}"


def _ch(rng: random.Random) -> tuple[str, str | None]:
    while True:
        body = _digits(rng, 8)
        check = (11 - _weighted(body, (5, 4, 3, 2, 7, 6, 5, 4)) % 11) % 11
        if check < 10:
            text = _join(body) + str(check)
            return f"CHE-{text[:3]}.{text[3:6]}.{text[6:]} MWST", None


def _fr(rng: random.Random) -> tuple[str, str | None]:
    body = _digits(rng, 8)
    siren = _join(body) + str(_luhn_digit(body))
    key = (12 + 3 * (int(siren) % 97)) % 97
    return rng.choice([f"FR{key:02d}{siren}", f"FR {key:02d} {siren[:3]} {siren[3:6]} {siren[6:]}"]), (
        f"RCS {siren[:3]} {siren[3:6]} {siren[6:]}"
    )


def _es(rng: random.Random) -> tuple[str, str | None]:
    body = _digits(rng, 7, "0123456789")
    odd = sum(sum(divmod(2 * v, 10)) for v in body[0::2])
    even = sum(body[1::2])
    check = (10 - (odd + even) % 10) % 10
    return f"ES{rng.choice('AB')}{_join(body)}{check}", None


def _it(rng: random.Random) -> tuple[str, str | None]:
    body = [*_digits(rng, 7, "0123456789"), *[int(c) for c in f"{rng.randrange(1, 101):03d}"]]
    return f"IT{_join(body)}{_luhn_digit(body)}", None


def _nl(rng: random.Random) -> tuple[str, str | None]:
    while True:
        body = _digits(rng, 8)
        check = _weighted(body, (9, 8, 7, 6, 5, 4, 3, 2)) % 11
        if check < 10:
            return f"NL{_join(body)}{check}B{rng.randrange(1, 20):02d}", f"{rng.randrange(10**7, 10**8)}"


def _pl(rng: random.Random) -> tuple[str, str | None]:
    while True:
        body = _digits(rng, 9)
        check = _weighted(body, (6, 5, 7, 2, 3, 4, 5, 6, 7)) % 11
        if check < 10:
            text = _join(body) + str(check)
            return rng.choice(
                [f"PL{text}", f"PL {text}", f"{text[:3]}-{text[3:6]}-{text[6:8]}-{text[8:]}", text]
            ), f"{rng.randrange(10**9, 10**10):010d}"


def _pt(rng: random.Random) -> tuple[str, str | None]:
    body = _digits(rng, 8, "5")
    check = 11 - _weighted(body, (9, 8, 7, 6, 5, 4, 3, 2)) % 11
    return rng.choice(["PT", "PT ", ""]) + f"{_join(body)}{0 if check >= 10 else check}", None


def _se(rng: random.Random) -> tuple[str, str | None]:
    body = _digits(rng, 9, "5")
    org = _join(body) + str(_luhn_digit(body))
    return f"SE{org}01", f"{org[:6]}-{org[6:]}"


def _dk(rng: random.Random) -> tuple[str, str | None]:
    while True:
        body = _digits(rng, 7)
        for last in range(10):
            if (_weighted(body, (2, 7, 6, 5, 4, 3, 2)) + last) % 11 == 0:
                text = _join(body) + str(last)
                return rng.choice([f"DK{text}", f"DK {text[:2]} {text[2:4]} {text[4:6]} {text[6:]}"]), None


def _cz(rng: random.Random) -> tuple[str, str | None]:
    body = _digits(rng, 7, "12345678")
    check = ((11 - _weighted(body, (8, 7, 6, 5, 4, 3, 2))) % 11 or 1) % 10
    text = _join(body) + str(check)
    return f"CZ{text}", text


def _fi(rng: random.Random) -> tuple[str, str | None]:
    while True:
        body = _digits(rng, 7, "0123")
        rest = _weighted(body, (7, 9, 10, 5, 8, 4, 2)) % 11
        if rest != 1:
            check = 0 if rest == 0 else 11 - rest
            text = _join(body)
            return f"FI{text}{check}", f"{text}-{check}"


def _no(rng: random.Random) -> tuple[str, str | None]:
    while True:
        body = _digits(rng, 8, "89")
        check = 11 - _weighted(body, (3, 2, 7, 6, 5, 4, 3, 2)) % 11
        if check != 10:
            text = _join(body) + str(0 if check == 11 else check)
            return rng.choice([f"NO{text}MVA", f"NO {text[:3]} {text[3:6]} {text[6:]} MVA"]), text


def _ro(rng: random.Random) -> tuple[str, str | None]:
    body = _digits(rng, rng.choice([7, 8]))
    weights = (7, 5, 3, 2, 1, 7, 5, 3, 2)[-len(body) :]
    check = _weighted(body, weights) * 10 % 11 % 10
    return (
        f"RO{_join(body)}{check}",
        f"J{rng.randrange(1, 41):02d}/{rng.randrange(100, 9999)}/20{rng.randrange(10, 25)}",
    )


def _tr(rng: random.Random) -> tuple[str, str | None]:
    body = _digits(rng, 9)
    total = 0
    for index, value in enumerate(body):
        shifted = (value + 9 - index) % 10
        part = shifted * 2 ** (9 - index) % 9
        total += 9 if shifted != 0 and part == 0 else part
    return f"{_join(body)}{(10 - total % 10) % 10}", None


def _hu(rng: random.Random) -> tuple[str, str | None]:
    body = _digits(rng, 7)
    check = (10 - _weighted(body, (9, 7, 3, 1, 9, 7, 3)) % 10) % 10
    text = _join(body) + str(check)
    return f"HU{text}", f"{text}-{rng.choice('2345')}-{rng.randrange(2, 44):02d}"


def _ee(rng: random.Random) -> tuple[str, str | None]:
    body = [1, 0, *_digits(rng, 6, "0123456789")]
    check = (10 - _weighted(body, (3, 7, 1, 3, 7, 1, 3, 7)) % 10) % 10
    return f"EE{_join(body)}{check}", f"{rng.randrange(10**7, 10**8)}"


def _lt(rng: random.Random) -> tuple[str, str | None]:
    while True:
        body = [*_digits(rng, 7), 1]
        check = _weighted(body, (1, 2, 3, 4, 5, 6, 7, 8)) % 11
        if check == 10:
            check = _weighted(body, (3, 4, 5, 6, 7, 8, 9, 1)) % 11 % 10
        return f"LT{_join(body)}{check}", f"{rng.randrange(10**8, 10**9)}"


VAT_IDS: dict[str, Callable[[random.Random], tuple[str, str | None]]] = {
    "GB": _gb, "DE": _de, "CH": _ch, "FR": _fr, "ES": _es, "IT": _it, "NL": _nl, "PL": _pl, "PT": _pt,
    "SE": _se, "DK": _dk, "CZ": _cz, "FI": _fi, "NO": _no, "RO": _ro, "TR": _tr, "HU": _hu, "EE": _ee,
    "LT": _lt,
}  # fmt: skip


def vat_id(country: str, rng: random.Random) -> tuple[str, str | None]:
    return VAT_IDS[country](rng)


def _bban(shape: str, rng: random.Random) -> str:
    out = []
    kind = ""
    count = ""
    for char in shape + "$":
        if char.isdigit():
            count += char
            continue
        if kind:
            pool = string.digits if kind == "n" else string.ascii_uppercase
            out.append("".join(rng.choice(pool) for _ in range(int(count))))
        kind, count = char, ""
    return "".join(out)


_ES_WEIGHTS = (1, 2, 4, 8, 5, 10, 9, 7, 3, 6)


def _es_control(digits: str) -> str:
    value = 11 - sum(int(d) * w for d, w in zip(digits, _ES_WEIGHTS, strict=True)) % 11
    return str({11: 0, 10: 1}.get(value, value))


def _national(country: str, bban: str, rng: random.Random, shape: str) -> str:
    """The national check digits some countries put inside the account number."""
    if country == "ES":  # bank, branch, two control digits, account
        return bban[:8] + _es_control("00" + bban[:8]) + _es_control(bban[10:]) + bban[10:]
    if country == "NO":  # MOD 11 over the ten digits before the last
        while True:
            check = (
                11
                - sum(int(d) * w for d, w in zip(bban[:10], (5, 4, 3, 2, 7, 6, 5, 4, 3, 2), strict=True)) % 11
            )
            if check != 10:
                return bban[:10] + str(0 if check == 11 else check)
            bban = _bban(shape, rng)
    return bban


def iban(country: str, shape: str, rng: random.Random) -> str:
    """An IBAN (ISO 13616, MOD 97-10 check digits) with a random national part of the country's shape."""
    bban = _national(country, _bban(shape, rng), rng, shape)
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{country}{98 - int(numeric) % 97:02d}{bban}"


def grouped(value: str) -> str:
    """An IBAN as printed on paper: groups of four."""
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))
