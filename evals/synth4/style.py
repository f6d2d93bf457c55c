"""How one document writes: the locale's labels (one variant of each drawn per document and kept),
numbers, money, quantities, rates and dates (data/locales.toml, data/words.toml)."""

from __future__ import annotations

import random
import re
import tomllib
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"


@cache
def _table(name: str) -> dict[str, Any]:
    with (DATA / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


def locales() -> dict[str, Any]:
    return _table("locales")


def words(language: str) -> dict[str, Any]:
    return dict(_table("words")[language])


def places() -> dict[str, Any]:
    return _table("places")


_DATE_TOKEN = re.compile(r"YYYY|MON|MM|M|DD|D")


class Style:
    """One document's way of writing (drawn from ``rng`` once, then fixed)."""

    def __init__(self, tag: str, currency: str, rng: random.Random) -> None:
        self.tag = tag
        self.spec = locales()[tag]
        self.words = words(self.spec["language"])
        self.currency = currency
        self.rng = rng
        self.decimal = str(self.spec["decimal"])
        self.group = rng.choice(self.spec["groups"])
        self.whole = bool(self.spec.get("zero_decimals")) and currency == self.spec["currency"]
        local = currency == self.spec["currency"]
        self.money_pattern = rng.choice(self.spec["money"]) if local else rng.choice(["{n} {c}", "{c} {n}"])
        self.date_pattern = rng.choice(self.spec["dates"])
        self.sign = str(self.spec["sign"]) if local else currency
        self.percent_space = rng.random() < 0.5
        self._chosen: dict[str, str] = {}
        shows_code = "{c}" in self.money_pattern
        shows_sign = "{s}" in self.money_pattern or self.sign in self.money_pattern
        self.currency_row = (
            not (shows_code or (shows_sign and self.spec["sign_unique"])) or rng.random() < 0.25
        )

    @property
    def language(self) -> str:
        return str(self.spec["language"])

    def label(self, key: str, **values: Any) -> str:
        if key not in self._chosen:
            self._chosen[key] = self.rng.choice(self.words[key])
        return self._chosen[key].format(**values) if values else self._chosen[key]

    def unit(self, key: str) -> str:
        return str(self.words["units"][key])

    def number(self, value: Decimal, places: int | None = None) -> str:
        places = (0 if self.whole else 2) if places is None else places
        text = f"{abs(value):.{places}f}"
        whole, _, fraction = text.partition(".")
        groups = [whole[max(0, i - 3) : i] for i in range(len(whole), 0, -3)][::-1]
        body = self.group.join(groups) + (self.decimal + fraction if fraction else "")
        return ("-" if value < 0 else "") + body

    def money(self, value: Decimal) -> str:
        return self.money_pattern.format(n=self.number(value), s=self.sign, c=self.currency)

    def quantity(self, value: Decimal) -> str:
        places = max(0, -int(value.normalize().as_tuple().exponent))
        return self.number(value, min(places, 3))

    def rate(self, value: Decimal) -> str:
        places = max(0, -int(value.normalize().as_tuple().exponent))
        text = self.number(value, places)
        if self.language == "tr":
            return f"%{text}"
        return (
            f"{text} %"
            if self.percent_space or self.language in ("fr", "de", "fi", "sv", "nb", "cs")
            else f"{text}%"
        )

    def date(self, value: date) -> str:
        months = self.words["months"]

        def token(match: re.Match[str]) -> str:
            return {
                "YYYY": f"{value.year}",
                "MON": months[value.month - 1],
                "MM": f"{value.month:02d}",
                "M": f"{value.month}",
                "DD": f"{value.day:02d}",
                "D": f"{value.day}",
            }[match[0]]

        return _DATE_TOKEN.sub(token, self.date_pattern)
