"""Identifiers with valid check digits, drawn from templates and checked with python-stdnum.

A template's ``#`` is a digit and ``@`` an upper-case letter; a drawn number is kept once the country's
stdnum validator accepts it (a check digit or key is right about once in 10 to 1000 draws), so the
numbers are as valid as stdnum can tell, without this module computing any check digit itself."""

from __future__ import annotations

import importlib
import random
import string
from collections.abc import Callable
from dataclasses import dataclass

from stdnum import iban as stdnum_iban

TRIES = 50_000


def fill(template: str, rng: random.Random) -> str:
    return "".join(
        rng.choice(string.digits) if c == "#" else rng.choice(string.ascii_uppercase) if c == "@" else c
        for c in template
    )


def draw_valid(template: str, valid: Callable[[str], bool], rng: random.Random) -> str:
    for _ in range(TRIES):
        number = fill(template, rng)
        if valid(number):
            return number
    raise ValueError(f"no valid number drawn for {template!r}")


def validator(module: str) -> Callable[[str], bool]:
    """``stdnum.<module>.is_valid``."""
    found: Callable[[str], bool] = importlib.import_module(f"stdnum.{module}").is_valid
    return found


@dataclass(frozen=True)
class TaxId:
    """A country's VAT (or business tax) number: the template drawn, its stdnum module, how a page prints it."""

    template: str
    module: str
    printed: tuple[str, ...] = ("{}",)
    """Print forms: ``{}`` the number as drawn; ``{g:…}`` slices, e.g. ``"{0:2} {2:}"`` (see ``show``)."""

    def draw(self, rng: random.Random) -> str:
        return draw_valid(self.template, validator(self.module), rng)

    def show(self, number: str, rng: random.Random) -> str:
        form = rng.choice(self.printed)
        return regroup(number, form)


def regroup(number: str, form: str) -> str:
    """``form`` with ``{}`` the whole number, or a space-free spec of slices ``[a:b]`` joined by the text
    between them: ``"[0:2] [2:5].[5:8]"``."""
    if form == "{}":
        return number
    out, i = [], 0
    while i < len(form):
        if form[i] == "[":
            j = form.index("]", i)
            a, b = form[i + 1 : j].split(":")
            out.append(number[int(a) if a else None : int(b) if b else None])
            i = j + 1
        else:
            out.append(form[i])
            i += 1
    return "".join(out)


IBAN_BBAN = {
    "DE": "##################",
    "AT": "################",
    "CH": "#################",
    "BE": "############",
    "NL": "@@@@##########",
    "FR": "#######################",
    "ES": "####################",
    "IT": "@######################",
    "PT": "#####################",
    "PL": "########################",
    "SE": "####################",
    "DK": "##############",
    "CZ": "####################",
    "FI": "##############",
    "NO": "###########",
    "RO": "@@@@################",
    "HU": "########################",
    "SK": "####################",
    "HR": "#################",
    "TR": "#####0################",
    "GB": "@@@@##############",
}
"""The BBAN part of each country's IBAN (after the country code and the two check digits)."""


def draw_iban(country: str, rng: random.Random) -> str:
    """A compact IBAN of ``country`` that stdnum accepts (country-specific bank-account checks included)."""
    bban = IBAN_BBAN[country]

    def complete(partial: str) -> str:
        body = partial[4:]
        return country + stdnum_iban.calc_check_digits(country + "00" + body) + body

    for _ in range(TRIES):
        number = complete(fill(country + "00" + bban, rng))
        if stdnum_iban.is_valid(number):
            return number
    raise ValueError(f"no valid IBAN drawn for {country}")


def group4(compact: str) -> str:
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def draw_bic(country: str, rng: random.Random) -> str:
    return (
        fill("@@@@", rng)
        + country
        + fill(rng.choice(("@@", "@#", "##")), rng)
        + rng.choice(("", "XXX", fill("###", rng)))
    )
