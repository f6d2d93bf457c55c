"""How one document writes numbers, money and dates: the country's conventions, with one style drawn
per document (a group separator, a date pattern, a money pattern) and kept for the whole page."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from evals.synth2.knowledge import Locale

NBSP = "\u00a0"


def group_digits(integer: str, separator: str, *, indian: bool = False) -> str:
    """1234567 -> 1.234.567 (or 12,34,567 with Indian grouping)."""
    if len(integer) <= 3:
        return integer
    if not indian:
        head = len(integer) % 3 or 3
        parts = [integer[:head], *[integer[i : i + 3] for i in range(head, len(integer), 3)]]
        return separator.join(parts)
    last, rest = integer[-3:], integer[:-3]
    head = len(rest) % 2 or 2
    parts = [rest[:head], *[rest[i : i + 2] for i in range(head, len(rest), 2)]]
    return separator.join([*parts, last])


@dataclass
class Style:
    """The number, money and date conventions of one document."""

    locale: Locale
    decimal: str
    group: str
    indian: bool
    date_pattern: str
    money_pattern: str
    negative_credit: bool
    """A credit note printed with negative amounts."""
    percent_space: bool

    @classmethod
    def draw(cls, locale: Locale, rng: random.Random, *, credit: bool = False) -> Style:
        group = rng.choice(locale.get("group"))
        return cls(
            locale=locale,
            decimal=str(locale.get("decimal")),
            group=group,
            indian=locale.get("grouping") == "indian",
            date_pattern=rng.choice(locale.get("dates")),
            money_pattern=rng.choice(locale.get("money")),
            negative_credit=credit and rng.random() < 0.6,
            percent_space=locale.language in ("de", "fr", "nb", "fi", "cs", "pl", "hu")
            and rng.random() < 0.7,
        )

    # ------------------------------------------------------------------ numbers

    def number(self, value: Decimal, decimals: int) -> str:
        quantum = Decimal(1).scaleb(-decimals)
        rounded = Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
        sign = "-" if rounded < 0 else ""
        text = f"{abs(rounded):f}"
        integer, _, fraction = text.partition(".")
        grouped = group_digits(integer, self.group, indian=self.indian)
        return sign + grouped + (self.decimal + fraction if decimals else "")

    def amount(self, value: Decimal, *, signed: bool = True) -> str:
        """A money amount without currency, with the currency's minor digits; a credit note's amounts
        negative when the document prints them so."""
        if signed and self.negative_credit:
            value = -value
        return self.number(value, self.locale.minor_digits)

    def money(self, value: Decimal, *, signed: bool = True) -> str:
        return self.money_pattern.replace("{n}", self.amount(value, signed=signed))

    def price(self, value: Decimal, decimals: int | None) -> str:
        """A unit price: at least the currency's minor digits, more when the price has them."""
        places = max(self.locale.minor_digits, _places(value)) if decimals is None else decimals
        return self.number(value, places)

    def quantity(self, value: Decimal) -> str:
        return self.number(value, min(_places(value), 3))

    def percent(self, value: Decimal) -> str:
        text = self.number(value, min(_places(value), 2))
        return f"{text}{NBSP if self.percent_space else ''}%"

    # ------------------------------------------------------------------ dates

    def date(self, when: date, pattern: str | None = None) -> str:
        months, short = self.locale.months, self.locale.months_short
        return (pattern or self.date_pattern).format(
            d=when.day,
            dd=f"{when.day:02d}",
            m=when.month,
            mm=f"{when.month:02d}",
            yy=f"{when.year % 100:02d}",
            yyyy=when.year,
            month=months[when.month - 1],
            mon=short[when.month - 1],
        )

    @property
    def currency_code_shown(self) -> bool:
        return self.locale.currency in self.money_pattern


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0
