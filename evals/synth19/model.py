"""The nineteenth generator's drawn document: parties, numbers, dates, lines and money (all Decimal), and the
words and number forms the page prints them in. Drawing is deterministic for a given ``random.Random``."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from evals.synth19 import words as wd

CENT = Decimal("0.01")


@dataclass
class Party:
    name: str
    street: str
    postcode: str
    city: str
    country: str
    vat: str | None = None
    vat_shown: str | None = None
    iban: str | None = None
    person: str | None = None
    """A person's name printed with the party (an attention line, a freelancer's trade)."""
    extra: str | None = None
    """A second name line (a site, a department, a trade)."""

    def town(self) -> str:
        if self.country in ("GB",):
            return f"{self.city} {self.postcode}"
        return f"{self.postcode} {self.city}"


@dataclass
class Line:
    name: str
    qty: Decimal
    unit: str
    price: Decimal
    rate: str
    total: Decimal


@dataclass
class Doc:
    layout: str
    lang: str
    region: str
    kind: str  # invoice, credit, proforma
    seller: Party
    buyer: Party
    number: str
    issued: date
    due: date | None
    currency: str
    sign: str
    sign_before: bool
    group: str
    point: str
    date_form: int
    date_lang: str
    lines: list[Line]
    taxes: list[tuple[str, Decimal, Decimal]]
    net: Decimal
    tax: Decimal
    total: Decimal
    paid: Decimal = Decimal("0")
    due_amount: Decimal = Decimal("0")
    words: dict[str, str] = field(default_factory=dict)
    colon: str = ":"
    caps: bool = False
    label_pos: str = "beside"
    delivery: Party | None = None
    contact: str | None = None
    customer_no: str | None = None
    order_no: str | None = None
    delivery_no: str | None = None
    ref: tuple[str, date] | None = None
    factor: Party | None = None
    skonto: tuple[Decimal, date, Decimal] | None = None
    deposit_date: date | None = None
    terms_days: int = 30
    negative: bool = False
    font: str = "DejaVu Sans"
    extra: dict[str, str] = field(default_factory=dict)

    # --- how the page writes things ---
    def m(self, value: Decimal) -> str:
        return wd.fmt_money(value, self.group, self.point)

    def cm(self, value: Decimal) -> str:
        """An amount with the currency, as the seller prints it."""
        amount = self.m(value)
        if self.sign_before:
            return f"{self.sign}{'' if self.sign in ('£', '$', 'US$') else ' '}{amount}"
        return f"{amount} {self.sign}"

    def d(self, day: date) -> str:
        return wd.fmt_date(day, self.date_lang, self.date_form)

    def q(self, value: Decimal) -> str:
        text = f"{value.normalize():f}"
        return text.replace(".", self.point)

    def label(self, key: str) -> str:
        text = self.words[key]
        return text.upper() if self.caps else text

    def lc(self, key: str) -> str:
        """A label with the document's colon habit."""
        text = self.label(key)
        return text if text.endswith(":") or not self.colon else text + self.colon

    def rate(self, rate: str) -> str:
        return rate.replace(".", self.point)


SITES = {
    "en": ["Warehouse 2", "Site B", "Goods-in"], "de": ["Lager 2", "Werk Nord", "Warenannahme"],
    "fr": ["Entrepôt", "Site de production", "Quai de réception"], "nl": ["Magazijn", "Vestiging Noord"],
    "es": ["Almacén", "Nave 3"], "it": ["Magazzino", "Stabilimento 2"], "pt": ["Armazém", "Fábrica 2"],
    "pl": ["Magazyn", "Zakład nr 2"], "sv": ["Lager", "Godsmottagning"], "da": ["Lager", "Varemodtagelse"],
    "cs": ["Sklad", "Provozovna 2"],
}  # fmt: skip
"""A buyer's site a delivery address may name under the buyer's name."""


def _money(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low * 100, high * 100)) / 100


def _place(region: str, rng: random.Random) -> tuple[str, str, str]:
    patterns, names, towns = wd.PLACES[region]
    street = rng.choice(patterns).format(s=rng.choice(names), n=rng.randint(1, 180), m=rng.randint(1, 40))
    postcode, city = rng.choice(towns)
    return street, postcode, city


def company(lang: str, region: str, rng: random.Random, avoid: str = "") -> str:
    while True:
        stem = rng.choice(wd.STEMS[lang])
        trade = rng.choice(wd.TRADES[lang])
        form = rng.choice(wd.LEGAL_FORMS.get(region, wd.LEGAL_FORMS[lang]))
        shape = rng.randrange(3)
        if shape == 0:
            name = f"{stem} {trade} {form}"
        elif shape == 1:
            name = (
                f"{trade} {stem} {form}"
                if lang not in ("en", "de", "nl", "sv", "da")
                else f"{stem} {trade} {form}"
            )
        else:
            name = f"{stem} & {rng.choice(wd.LAST[lang])} {form}"
        if stem not in avoid:
            return name


def person(lang: str, rng: random.Random) -> str:
    return f"{rng.choice(wd.FIRST[lang])} {rng.choice(wd.LAST[lang])}"


def party(lang: str, region: str, rng: random.Random, name: str | None = None, vat: bool = True) -> Party:
    street, postcode, city = _place(region if region in wd.PLACES else lang, rng)
    _full, shown = wd.vat_id(region, rng) if vat else (None, None)
    # the truth is the id as the page prints it, letters and digits only: a domestic number printed without
    # its country prefix (a Polish NIP, a Danish CVR) is that number; a Swiss "MWST" suffix is part of it
    stored = re.sub(r"[^A-Z0-9]", "", shown.upper()) if shown else None
    return Party(name or company(lang, region, rng), street, postcode, city, wd.COUNTRY[region], stored, shown,
                 wd.iban(region, rng))  # fmt: skip


def number(lang: str, year: int, rng: random.Random, kind: str) -> str:
    n = rng.randint(12, 4999)
    forms = {
        "en": [f"INV-{n:05d}", f"{n + 10000}", f"INV{year % 100}{n:04d}", f"SI-{n:06d}"],
        "de": [f"RE-{year}-{n:05d}", f"{year}/{n:04d}", f"R{year % 100}{n:05d}", f"{n + 100000}"],
        "fr": [f"FA-{year}-{n:04d}", f"F{year}{n:05d}", f"{year}-{n:04d}", f"FAC{n:06d}"],
        "nl": [f"{year}-{n:04d}", f"F{year}{n:04d}", f"{year}{n:05d}", f"VF-{n:05d}"],
        "es": [f"{year}/A/{n:04d}", f"A-{n}", f"F{year % 100}-{n:05d}", f"{year}-{n:06d}"],
        "it": [f"{n}/{year}", f"FPR {n}/{year % 100}", f"{n}/E", f"{year}/{n:05d}"],
        "pt": [f"FT {year}/{n}", f"FT A/{n}", f"FR {year}A1/{n}", f"FT FT{year % 100}/{n:04d}"],
        "pl": [f"FV/{n}/12/{year}", f"{n}/{year}", f"FS {n}/{year}", f"{n}/12/{year}/S"],
        "sv": [f"{n + 10000}", f"{year}{n:04d}", f"{n + 70000}"],
        "da": [f"{n + 20000}", f"{year}-{n:04d}", f"{n + 1000}"],
        "cs": [f"{year}{n:06d}", f"FV-{year}-{n:04d}", f"{year % 100}1{n:05d}", f"{n + 2600000}"],
    }
    value = rng.choice(forms[lang])
    if kind == "credit":
        value = rng.choice({"en": [f"CN-{n:05d}"], "de": [f"GS-{year}-{n:04d}", f"G{n + 5000}"],
                            "fr": [f"AV-{year}-{n:04d}", f"AV{n:05d}"], "nl": [f"C{year}-{n:04d}"],
                            "es": [f"R-{year}/{n:04d}", f"AB{year % 100}-{n:04d}"], "it": [f"NC {n}/{year}", f"{n}/NC"],
                            "pt": [f"NC {year}/{n}", f"NC A/{n}"], "pl": [f"FK/{n}/{year}", f"KOR/{n}/12/{year}"],
                            "sv": [f"K{n + 10000}", f"{n + 90000}"], "da": [f"K-{n + 1000}", f"{n + 80000}"],
                            "cs": [f"D{year}{n:04d}", f"OD-{year}-{n:04d}"]}[lang])  # fmt: skip
    if kind == "proforma":
        value = rng.choice({"pt": [f"PF {year}/{n}"], "cs": [f"ZF{year}{n:04d}", f"{year}9{n:04d}"],
                            "pl": [f"PRO/{n}/{year}", f"PF {n}/{year}"]}.get(lang, [f"PF-{year}-{n:04d}", f"P{n + 3000}"]))  # fmt: skip
    return value


def draw(layout: str, tag: str, rng: random.Random) -> Doc:
    lang = tag
    currency, region = rng.choice(wd.LANG_CURRENCIES[lang])
    sign, before = rng.choice(wd.CURRENCIES[currency])
    group, point = rng.choice(wd.NUMBER_FORMS[region])
    date_lang = "en-US" if currency == "USD" and rng.random() < 0.6 else lang
    kind = {"credit_note": "credit", "proforma": "proforma"}.get(layout, "invoice")
    words = {key: rng.choice(options) for key, options in wd.W[lang].items()}
    seller = party(lang, region, rng)
    buyer_region = region if rng.random() < 0.8 else lang
    buyer = party(
        lang,
        buyer_region,
        rng,
        name=company(lang, buyer_region, rng, avoid=seller.name),
        vat=rng.random() < 0.6,
    )
    if layout == "letter":
        seller.name = person(lang, rng)
        seller.extra = rng.choice(wd.TRADES[lang])
    year = 2026 if rng.random() < 0.7 else 2025
    issued = date(year, rng.randint(1, 12), rng.randint(1, 28))
    terms = rng.choice([7, 10, 14, 14, 21, 30, 30, 45, 60])
    due = issued + timedelta(days=terms)
    rates = wd.VAT_RATES.get(region, wd.VAT_RATES[lang])
    many = layout == "multipage"
    count = rng.randint(26, 44) if many else rng.randint(1, 3) if layout == "letter" else rng.randint(2, 7)
    names = wd.ITEMS[lang]
    lines = []
    for i in range(count):
        base = (
            names[i % len(names)]
            if not many
            else f"{names[i % len(names)]} {rng.choice('ABCDEFGH')}{rng.randint(10, 99)}"
        )
        hours = rng.random() < 0.25
        qty = (
            Decimal(rng.choice([1, 2, 3, 4, 5, 8, 10, 12, 20, 25]))
            if not hours
            else Decimal(rng.choice(["0.5", "1.5", "2.5", "4", "7.5", "12.25"]))
        )
        price = _money(rng, 3, 480) if not many else _money(rng, 1, 90)
        rate = rates[0] if len(rates) == 1 or rng.random() < 0.6 else rng.choice(rates[1:])
        total = (qty * price).quantize(CENT, ROUND_HALF_UP)
        lines.append(Line(base, qty, rng.choice(wd.UNITS[lang]), price, rate, total))
    by_rate: dict[str, Decimal] = {}
    for line in lines:
        by_rate[line.rate] = by_rate.get(line.rate, Decimal("0")) + line.total
    taxes = [
        (rate, base, (base * Decimal(rate) / 100).quantize(CENT, ROUND_HALF_UP))
        for rate, base in sorted(by_rate.items(), key=lambda kv: -Decimal(kv[0]))
    ]
    net = sum((line.total for line in lines), Decimal("0"))
    tax = sum((t for _, _, t in taxes), Decimal("0"))
    total = net + tax
    doc = Doc(
        layout=layout, lang=lang, region=region, kind=kind, seller=seller, buyer=buyer,
        number=number(lang, year, rng, kind), issued=issued, due=due if kind != "proforma" else None,
        currency=currency, sign=sign, sign_before=before, group=group, point=point,
        date_form=rng.randrange(len(wd.DATE_FORMS[date_lang])), date_lang=date_lang, lines=lines, taxes=taxes,
        net=net, tax=tax, total=total, due_amount=total, words=words, colon=rng.choice([":", ":", ""]),
        caps=rng.random() < 0.2, label_pos=rng.choice(["beside", "beside", "above", "below"]), terms_days=terms,
        font=rng.choice(["DejaVu Sans", "Liberation Sans", "Liberation Serif", "DejaVu Serif", "Noto Sans"]),
    )  # fmt: skip
    if rng.random() < 0.5 or layout in ("boxes", "delivery"):
        doc.contact = person(lang, rng)
    if rng.random() < 0.6 or layout == "boxes":
        doc.customer_no = (
            str(rng.randint(10000, 99999)) if rng.random() < 0.7 else f"K{rng.randint(1000, 9999)}"
        )
    if rng.random() < 0.5 or layout == "boxes":
        doc.order_no = rng.choice(
            [
                f"PO-{rng.randint(100000, 999999)}",
                f"{rng.randint(4500000000, 4509999999)}",
                f"B{rng.randint(1000, 9999)}",
            ]
        )
    if rng.random() < 0.4 or layout == "boxes":
        doc.delivery_no = f"{rng.choice(['LS', 'DN', 'WZ', 'BL', ''])}{rng.randint(200000, 299999)}"
    if layout in ("boxes", "delivery") or rng.random() < 0.2:
        if rng.random() < 0.5:
            site = party(lang, buyer_region, rng, name=buyer.name, vat=False)
            site.extra = rng.choice(SITES[lang])
        else:
            site = party(
                lang,
                buyer_region,
                rng,
                name=company(lang, buyer_region, rng, avoid=seller.name + buyer.name),
                vat=False,
            )
        site.person = person(lang, rng) if rng.random() < 0.5 else None
        doc.delivery = site
    if layout == "letter":  # a letter prints no block of reference facts
        doc.contact = doc.customer_no = doc.order_no = doc.delivery_no = doc.delivery = None
    if rng.random() < 0.5:
        buyer.person = person(lang, rng)
    if layout == "credit_note":
        doc.ref = (number(lang, year, rng, "invoice"), issued - timedelta(days=rng.randint(5, 60)))
        doc.negative = rng.random() < 0.35
    if layout == "factoring":
        factor = party(lang, region, rng, name=rng.choice(wd.FACTORS[lang]))
        doc.factor = factor
    if layout == "skonto" or (layout == "classic" and rng.random() < 0.3):
        pct = Decimal(rng.choice(["2", "3", "1.5"]))
        until = issued + timedelta(days=rng.choice([7, 8, 10, 14]))
        doc.skonto = (pct, until, (total * (100 - pct) / 100).quantize(CENT, ROUND_HALF_UP))
    if layout == "deposit":
        doc.paid = (total * Decimal(rng.choice(["0.2", "0.3", "0.5"]))).quantize(Decimal("1"), ROUND_HALF_UP)
        doc.deposit_date = issued - timedelta(days=rng.randint(10, 90))
        doc.due_amount = total - doc.paid
    return doc
