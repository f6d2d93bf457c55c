"""A document's wording: the locale's words (data/words/<language>.toml), number, money and date formats
(data/locales.toml), with one variant of every label, pattern and separator drawn per document."""

from __future__ import annotations

import random
import tomllib
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"


@cache
def words(language: str) -> dict[str, Any]:
    with (DATA / "words" / f"{language}.toml").open("rb") as handle:
        return tomllib.load(handle)


@cache
def locales() -> dict[str, Any]:
    with (DATA / "locales.toml").open("rb") as handle:
        table = tomllib.load(handle)
    return {tag: spec for tag, spec in table.items() if tag != "symbols"}


@cache
def symbols() -> dict[str, str]:
    with (DATA / "locales.toml").open("rb") as handle:
        return dict(tomllib.load(handle)["symbols"])


@cache
def countries() -> dict[str, Any]:
    with (DATA / "countries.toml").open("rb") as handle:
        return tomllib.load(handle)


def decimals(value: Decimal) -> int:
    """How many decimals a value needs (2.50 -> 1, 8.875 -> 3, 20 -> 0)."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


@dataclass
class Wording:
    """How one document writes: its labels, numbers, money and dates (drawn once, then fixed)."""

    tag: str
    currency: str
    rng: random.Random
    spec: dict[str, Any] = field(init=False)
    vocab: dict[str, Any] = field(init=False)
    group: str = field(init=False)
    money_pattern: str = field(init=False)
    date_pattern: str = field(init=False)
    chosen: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.spec = locales()[self.tag]
        self.vocab = words(self.spec["language"])
        self.group = self.rng.choice(self.spec["group"])
        local = countries()[self.spec["country"]]["currency"]
        if self.currency == local:
            self.money_pattern = self.rng.choice(self.spec["money"])
        else:
            self.money_pattern = self.rng.choice(["{code} {num}", "{num} {code}"])
        self.date_pattern = self.rng.choice(self.spec["dates"])

    @property
    def language(self) -> str:
        return str(self.spec["language"])

    def label(self, key: str, **values: Any) -> str:
        """The document's wording of a label (the same wording every time it is asked for)."""
        if key not in self.chosen:
            options = self.vocab["labels"].get(key) or words("en")["labels"][key]
            if self.spec["country"] == "US":  # no VAT in the United States
                options = [o for o in options if "VAT" not in o] or options
            self.chosen[key] = self.rng.choice(options)
        return self.chosen[key].format(**values) if values else self.chosen[key]

    def has(self, key: str) -> bool:
        return key in self.vocab["labels"]

    def phrase(self, key: str, **values: Any) -> str:
        options = self.vocab["phrases"].get(key) or words("en")["phrases"][key]
        return str(self.rng.choice(options)).format(**values)

    def unit(self, code: str) -> str:
        key = f"unit:{code}"
        if key not in self.chosen:
            self.chosen[key] = self.rng.choice(self.vocab["units"][code])
        return self.chosen[key]

    def number(self, value: Decimal, places: int = 2) -> str:
        quantum = Decimal(1).scaleb(-places)
        text = f"{abs(value.quantize(quantum, ROUND_HALF_UP)):f}"
        whole, _, fraction = text.partition(".")
        groups: list[str] = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        groups.insert(0, whole)
        out = self.group.join(groups) + (self.spec["decimal"] + fraction if fraction else "")
        return ("-" if value < 0 else "") + out

    def quantity(self, value: Decimal) -> str:
        return self.number(value, decimals(value))

    def price(self, value: Decimal) -> str:
        """A unit price: two places, or as many as it has (up to four)."""
        return self.number(value, min(4, max(2, decimals(value))))

    def money(self, value: Decimal, *, negative: bool = False) -> str:
        text = self.money_pattern.format(
            num=self.number(abs(value)), code=self.currency, sym=symbols().get(self.currency, self.currency)
        )
        return f"-{text}" if negative else text

    def rate(self, value: Decimal) -> str:
        return self.number(value, decimals(value))

    def date(self, value: date) -> str:
        months = self.vocab["months"]
        return self.date_pattern.format(
            d=value.day,
            dd=f"{value.day:02d}",
            m=value.month,
            mm=f"{value.month:02d}",
            yyyy=value.year,
            yy=f"{value.year % 100:02d}",
            month=months["long"][value.month - 1],
            mon=months["short"][value.month - 1],
        )
