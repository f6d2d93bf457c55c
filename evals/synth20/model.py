"""One drawn invoice of the twentieth generator: its parties, numbers, dates, lines and money (Decimal, EN 16931
arithmetic: line totals to the cent, VAT per rate on the rate's base), the words and forms it prints them in."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from evals.synth20 import parties
from evals.synth20.words import (
    COUNTRIES,
    CURRENCY_SHOWN,
    DATE_FORMS,
    EURO_VALUE,
    HOME,
    ITEMS,
    LABELS,
    MONTHS,
    NUMBER_FORMS,
    VAT_RATES,
)

CENT = Decimal("0.01")

from evals.synth20.parties import FACTORS  # noqa: E402


@dataclass
class Line:
    desc: str
    qty: Decimal
    unit: str
    price: Decimal
    rate: str
    total: Decimal


@dataclass
class Doc:
    lang: str
    layout: str
    kind: str
    """invoice, credit or proforma."""
    country: str
    currency: str
    shown: str
    """How the currency is printed (ISO code or the country's symbol)."""
    seller: parties.Party
    buyer: parties.Party
    ship_to: parties.Party | None
    number: str
    issued: date
    due: date | None
    lines: list[Line]
    words: dict[str, str]
    colon: str
    date_form: str
    number_form: tuple[str, str]
    customer_no: str | None = None
    order_no: str | None = None
    delivery_no: str | None = None
    ref_invoice: tuple[str, date] | None = None
    prepaid: Decimal = Decimal(0)
    skonto: tuple[Decimal, date, Decimal] | None = None
    factoring: tuple[str, str, str] | None = None
    terms_days: int = 30
    flags: dict[str, Any] = field(default_factory=dict)

    # money ---------------------------------------------------------------------------------------------
    @property
    def net(self) -> Decimal:
        return sum((line.total for line in self.lines), Decimal(0))

    def taxes(self) -> list[tuple[str, Decimal, Decimal]]:
        """(rate, base, tax) per rate, highest rate first."""
        out = []
        for rate in sorted({line.rate for line in self.lines}, key=lambda r: -Decimal(r)):
            base = sum((line.total for line in self.lines if line.rate == rate), Decimal(0))
            out.append((rate, base, (base * Decimal(rate) / 100).quantize(CENT, ROUND_HALF_UP)))
        return out

    @property
    def tax(self) -> Decimal:
        return sum((t for _, _, t in self.taxes()), Decimal(0))

    @property
    def total(self) -> Decimal:
        return self.net + self.tax

    @property
    def due_amount(self) -> Decimal:
        return self.total - self.prepaid

    # forms ---------------------------------------------------------------------------------------------
    def label(self, key: str, **values: Any) -> str:
        text = self.words[key]
        return text.format(**values) if values else text

    def lab(self, key: str) -> str:
        """A label as the layout prints it beside its value: with the document's colon choice."""
        text = self.words[key]
        return text if text.endswith(":") or not self.colon else text + self.colon

    def num(self, value: Decimal) -> str:
        thousands, decimal = self.number_form
        sign = "-" if value < 0 else ""
        whole, frac = f"{abs(value).quantize(CENT):f}".split(".")
        groups = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        groups.insert(0, whole)
        return sign + thousands.join(groups) + decimal + frac

    @property
    def sign(self) -> int:
        """-1 where the document prints its amounts negative (a correction that credits)."""
        return -1 if self.flags.get("negative") else 1

    def money(self, value: Decimal) -> str:
        n = self.num(value)
        s = self.shown
        if s in ("£", "$", "US$") or (self.lang == "en" and s == "€"):
            return f"{s}{n}"
        if self.lang == "en" or (s in ("CHF", "Fr.") and self.flags.get("prefix")):
            return f"{s} {n}"
        if self.lang == "da" and s == "kr." and self.flags.get("prefix"):
            return f"kr. {n}"
        return f"{n} {s}"

    def day(self, value: date, form: str | None = None) -> str:
        form = form or self.date_form
        names = MONTHS[self.lang]
        return form.format(
            d=value.day,
            dd=f"{value.day:02d}",
            m=value.month,
            mm=f"{value.month:02d}",
            yyyy=value.year,
            mon=names[value.month - 1],
            mon3=names[value.month - 1][:3],
        )


def _number(lang: str, country: str, issued: date, rng: random.Random) -> str:
    n = rng.randint(12, 4999)
    y = issued.year
    forms = {
        "en": [
            f"INV-{rng.randint(10000, 99999)}",
            f"{y}-{n:04d}",
            f"SI{rng.randint(100000, 999999)}",
            f"{n:05d}",
        ],
        "de": [f"RE-{y}-{n:05d}", f"{y}{n:04d}", f"R{rng.randint(100000, 999999)}", f"{y}-{n}"],
        "fr": [f"F{y}-{n:04d}", f"FA{y}{issued.month:02d}-{n:03d}", f"{y}/{n:05d}", f"FAC-{n:06d}"],
        "nl": [f"{y}{n:04d}", f"F{y}-{n:03d}", f"{y}-{n:05d}", f"{rng.randint(20000, 89999)}"],
        "es": [f"A-{y}/{n:04d}", f"{y}/{n}", f"F{y}{n:05d}", f"FV-{n:05d}"],
        "it": [f"{n}/{y}", f"{n}/FE", f"{y}/{n:05d}", f"FT{n:04d}/{y % 100}"],
        "pt": [f"FT {y}/{n}", f"FT A{y}/{n}", f"FR {y}A/{n}", f"{y}/{n:05d}"],
        "pl": [
            f"FV/{y}/{issued.month:02d}/{n}",
            f"{n}/{issued.month:02d}/{y}",
            f"FS {n}/{y}",
            f"F/{n:04d}/{y % 100}",
        ],
        "sv": [f"{rng.randint(10000, 99999)}", f"{y}{n:04d}", f"F{rng.randint(1000, 9999)}"],
        "da": [f"{rng.randint(10000, 99999)}", f"{y}-{n:04d}", f"F{rng.randint(1000, 9999)}"],
        "cs": [f"{y}{n:06d}", f"FV{y}{n:04d}", f"{y % 100}0{n:04d}"],
    }
    return rng.choice(forms[lang])


def draw(
    lang: str,
    layout: str,
    rng: random.Random,
    *,
    kind: str = "invoice",
    lines: tuple[int, int] = (2, 7),
    rates: int = 1,
) -> Doc:
    """An invoice in ``lang`` drawn from ``rng``: the layout says how many lines, how many VAT rates, which
    document kind; every other choice is drawn here."""
    country, currencies = rng.choice(COUNTRIES[lang])
    currency = rng.choice(currencies)
    seller = parties.company(country, rng)
    buyer = parties.company(country, rng)
    while parties.base_name(buyer) == parties.base_name(
        seller
    ):  # never the seller's name in another legal form
        buyer = parties.company(country, rng)
    ship_to = None
    issued = date(2025, 1, 1) + timedelta(days=rng.randint(0, 700))
    terms = rng.choice([14, 30, 30, 45, 60, 10])
    words = {key: rng.choice(options) for key, options in LABELS[lang].items()}
    if words["vat_id"] == "VAT UE" and seller.vat_shown and seller.vat_shown[:1].isdigit():
        # the EU VAT number's label prints the number with its country prefix (the bare NIP goes with "NIP")
        seller.vat_shown = "PL" + "".join(c for c in seller.vat_shown if c.isdigit())
    for code in ("DKK", "EUR"):  # a total label naming a currency ("I alt DKK") names the invoice's own
        words["total"] = words["total"].replace(code, currency)
    colon = rng.choice([":", ":", ""])
    date_form = DATE_FORMS[lang][0] if rng.random() < 0.6 else rng.choice(DATE_FORMS[lang])
    number_form = rng.choice(NUMBER_FORMS[lang])
    if country == "CH":
        number_form = ("'", ".")
    shown = rng.choice(CURRENCY_SHOWN[currency])
    scale = Decimal(str(EURO_VALUE[HOME[lang]] / EURO_VALUE[currency]))
    catalogue = ITEMS[lang]
    count = rng.randint(*lines)
    country_rates = VAT_RATES[country]
    used_rates = country_rates[: max(1, min(rates, len(country_rates)))]
    if currency == "USD" and country == "GB":
        used_rates = ["0"]
    out = []
    for index in range(count):
        desc, unit, cents = (
            catalogue[index % len(catalogue)] if count <= len(catalogue) else rng.choice(catalogue)
        )
        if count > len(catalogue):
            desc = f"{desc} ({rng.choice(['A', 'B', 'C', 'D'])}{rng.randint(10, 99)})"
        price = (Decimal(cents) / 100 * scale * Decimal(rng.randint(70, 140)) / 100).quantize(CENT)
        price = max(price, Decimal("0.50"))
        qty = Decimal(rng.choice([1, 1, 1, 2, 3, 4, 5, 8, 10, 12, 20, 25]))
        rate = rng.choice(used_rates) if index else used_rates[0]
        out.append(Line(desc, qty, unit, price, rate, (qty * price).quantize(CENT)))
    if rates > 1 and len(used_rates) > 1 and len({line.rate for line in out}) < 2 and len(out) > 1:
        out[-1].rate = used_rates[1]
    doc = Doc(
        lang=lang,
        layout=layout,
        kind=kind,
        country=country,
        currency=currency,
        shown=shown,
        seller=seller,
        buyer=buyer,
        ship_to=ship_to,
        number=_number(lang, country, issued, rng),
        issued=issued,
        due=issued + timedelta(days=terms),
        lines=out,
        words=words,
        colon=colon,
        date_form=date_form,
        number_form=number_form,
        terms_days=terms,
    )
    doc.flags["prefix"] = rng.random() < 0.5
    doc.customer_no = rng.choice(
        [f"{rng.randint(10000, 99999)}", f"K-{rng.randint(1000, 9999)}", f"C{rng.randint(100000, 999999)}"]
    )
    if rng.random() < 0.6:
        doc.order_no = rng.choice(
            [
                f"PO-{rng.randint(10000, 99999)}",
                f"{rng.randint(4500000000, 4509999999)}",
                f"B{issued.year}-{rng.randint(100, 999)}",
            ]
        )
    if rng.random() < 0.4:
        doc.delivery_no = f"{rng.choice(['LS', 'DN', 'WZ', 'BL', '']) or 'D'}{rng.randint(100000, 999999)}"
    return doc


def ship_to(doc: Doc, rng: random.Random) -> None:
    """A delivery address other than the invoice address (a site or a branch of the buyer)."""
    other = parties.company(doc.country, rng)
    site = parties.Party(
        name=doc.buyer.name,
        street=other.street,
        postcode=other.postcode,
        city=other.city,
        country=doc.country,
    )
    site.extra["site"] = rng.choice(
        [
            "Lager",
            "Warehouse",
            "Site",
            "Magasin",
            "Almacén",
            "Magazzino",
            "Armazém",
            "Magazyn",
            "Lager",
            "Lager",
            "Sklad",
        ]
    )
    doc.ship_to = site


def factoring(doc: Doc, rng: random.Random) -> None:
    """The seller assigned the invoice to a factoring company: payment goes there, the seller stays the seller."""
    factor = parties.company(doc.country, rng)
    doc.factoring = (
        FACTORS[doc.country],
        f"{factor.street}, {factor.city_line()}",
        parties.iban(doc.country, rng),
    )


def skonto(doc: Doc, rng: random.Random) -> None:
    pct = Decimal(rng.choice(["2", "3", "1.5"]))
    days = rng.choice([7, 8, 10, 14])
    amount = (doc.due_amount * (100 - pct) / 100).quantize(CENT, ROUND_HALF_UP)
    doc.skonto = (pct, doc.issued + timedelta(days=days), amount)


def prepayment(doc: Doc, rng: random.Random) -> None:
    share = Decimal(rng.choice([20, 25, 30, 40, 50]))
    doc.prepaid = (doc.total * share / 100).quantize(Decimal("1"))


def pct(doc: Doc, value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text.replace(".", doc.number_form[1]) if doc.number_form[1] == "," else text


# amounts in words (English; the layouts print them where an English invoice would) ----------------------
_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _words(n: int) -> str:
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("-" + _ONES[n % 10] if n % 10 else "")
    if n < 1000:
        return _ONES[n // 100] + " hundred" + (" and " + _words(n % 100) if n % 100 else "")
    if n < 1_000_000:
        return (
            _words(n // 1000)
            + " thousand"
            + ((" " if n % 1000 >= 100 else " and ") + _words(n % 1000) if n % 1000 else "")
        )
    return _words(n // 1_000_000) + " million" + (" " + _words(n % 1_000_000) if n % 1_000_000 else "")


def in_words_en(value: Decimal, currency: str) -> str:
    major = {"GBP": ("pounds", "pence"), "USD": ("dollars", "cents"), "EUR": ("euro", "cent")}.get(
        currency, (currency, "cents")
    )
    whole = int(value)
    cents = int((value - whole) * 100)
    return f"{_words(whole).capitalize()} {major[0]} and {cents:02d} {major[1]}"
