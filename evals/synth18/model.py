"""The eighteenth generator's abstract document: the parties, the lines and the money, drawn per seed, and how
each country prints an amount, a date and an invoice number."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from evals.synth18.words import COUNTRIES, MONTHS, TAG_COUNTRY, WORDS, Country, Words, iban

CENT = Decimal("0.01")


def q(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


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
    iban_shown: str | None = None
    person: bool = False
    phone: str = ""
    email: str = ""


@dataclass
class Line:
    name: str
    qty: Decimal
    unit: str
    price: Decimal
    discount: Decimal
    total: Decimal
    code: str = ""
    hs: str = ""


@dataclass
class Doc:
    tag: str
    layout: str
    country: Country
    words: Words
    credit: bool
    number: str
    issued: date
    due: date | None
    seller: Party
    buyer: Party
    lines: list[Line]
    rate: Decimal
    currency: str
    net: Decimal = Decimal(0)
    tax: Decimal = Decimal(0)
    total: Decimal = Decimal(0)
    paid: Decimal = Decimal(0)
    due_amount: Decimal = Decimal(0)
    previous: tuple[str, str] | None = None
    """(number, date) of the invoice a credit note corrects."""
    extra: dict[str, object] = field(default_factory=dict)
    factors: dict[str, str] = field(default_factory=dict)
    printed: dict[str, list[str]] = field(default_factory=dict)
    """Scored truth → the forms the page prints it in (filled while drawing)."""
    shown_due: bool = True
    shown_buyer: bool = True

    @property
    def lang(self) -> str:
        return self.country.lang

    def pick(self, rng: random.Random, name: str) -> str:
        """A synonym of the label ``name``, drawn once per document and kept."""
        key = f"w:{name}"
        if key not in self.factors:
            options = getattr(self.words, name)
            shown = self.seller.vat_shown or ""
            if name == "vat_id" and self.country.code in ("HR", "ES") and not shown[:2].isalpha():
                # a VAT label ("PDV ID", "NIF-IVA") prints the id with its country prefix: a bare national
                # number stands under its own label ("OIB", "NIF", "CIF")
                options = [o for o in options if "PDV" not in o and "IVA" not in o] or options
            self.factors[key] = rng.choice(options)
        return self.factors[key]

    def num(self, value: Decimal, *, places: int = 2) -> str:
        """A figure as the country prints it."""
        c = self.country
        sign = "-" if value < 0 else ""
        value = abs(value)
        text = f"{value:,.{places}f}"
        whole, _, frac = text.partition(".")
        whole = whole.replace(",", c.group)
        return sign + whole + (c.decimal + frac if places else "")

    def money(self, value: Decimal, currency: str | None = None, *, form: int | None = None) -> str:
        currency = currency or self.currency
        figure = self.num(value)
        if currency != self.country.currency:
            return f"{figure} {currency}" if self.country.decimal == "," else f"{currency} {figure}"
        forms = self.country.money
        pattern = forms[self.factors.get("money_form", 0) if form is None else form % len(forms)]  # type: ignore[index]
        return pattern.format(a=figure)

    def date(self, value: date, *, long: bool = False) -> str:
        lang, style = self.lang, self.factors.get("date_style", "0")
        if long:
            month = MONTHS[lang].split()[value.month - 1]
            return {
                "de": f"{value.day}. {month} {value.year}",
                "fr": f"{value.day} {month} {value.year}",
                "nl": f"{value.day} {month} {value.year}",
                "es": f"{value.day} de {month} de {value.year}",
                "nb": f"{value.day}. {month} {value.year}",
                "hr": f"{value.day}. {month} {value.year}.",
                "sk": f"{value.day}. {month} {value.year}",
                "bg": f"{value.day} {month} {value.year} г.",
                "en": f"{value.day} {month} {value.year}",
            }[lang]
        d, m, y = value.day, value.month, value.year
        if lang in ("de", "nb"):
            return (
                f"{d:02d}.{m:02d}.{y}"
                if style == "0"
                else f"{d}.{m}.{y}"
                if lang == "de"
                else f"{d:02d}.{m:02d}.{y % 100:02d}"
            )
        if lang == "hr":
            return f"{d:02d}.{m:02d}.{y}." if style == "0" else f"{d}.{m}.{y}."
        if lang == "sk":
            return f"{d}.{m}.{y}" if style == "0" else f"{d:02d}.{m:02d}.{y}"
        if lang == "bg":
            return f"{d:02d}.{m:02d}.{y} г." if style == "0" else f"{d:02d}.{m:02d}.{y}"
        if lang == "nl":
            return f"{d:02d}-{m:02d}-{y}" if style == "0" else f"{d}-{m}-{y}"
        return f"{d:02d}/{m:02d}/{y}"

    def currency_marks(self) -> list[str]:
        marks = {"EUR": ["EUR", "€"], "CHF": ["CHF", "Fr."], "NOK": ["NOK", "kr"], "BGN": ["BGN", "лв"],
                 "GBP": ["GBP", "£"], "USD": ["USD", "US$"]}  # fmt: skip
        return marks[self.currency]


# ---------------------------------------------------------------- drawing a document


BUYER_ABROAD = {
    "US": (
        ("Lakeshore Outdoor Supply Inc.", "Brightwater Industries LLC", "Meridian Tools Corp."),
        ("1200 Harbor Blvd", "455 W Madison St", "77 Commerce Drive"),
        (("Chicago, IL", "60661"), ("Portland, OR", "97209"), ("Newark, NJ", "07102")),
    ),
}

NUMBER_STYLES = {
    "DE": ("RE-{y}-{n:04d}", "{y}{n:05d}", "R{yy}-{n:04d}"), "CH": ("{yy}{n:05d}", "RG-{n:06d}"),
    "FR": ("FA{y}-{n:05d}", "F{yy}{m:02d}-{n:03d}"), "NL": ("{y}-{n:04d}", "F{y}.{n:04d}"),
    "ES": ("A/{y}/{n:04d}", "FV{yy}-{n:04d}", "{y}-{n:05d}"), "NO": ("{n:05d}",),
    "HR": ("{n}-1-1", "{n}/PP1/1", "{n}-POS1-2"), "SK": ("{y}{n:06d}",), "BG": ("{n:010d}",),
    "GB": ("INV-{n:05d}", "{n:06d}", "SI-{n:05d}"),
}  # fmt: skip
CREDIT_PREFIX = {"DE": "GS-", "CH": "GS-", "FR": "AV-", "NL": "C", "ES": "R-", "NO": "K", "HR": "O-", "SK": "D",
                 "BG": "", "GB": "CN-"}  # fmt: skip


def person(rng: random.Random, c: Country) -> str:
    return f"{rng.choice(c.given)} {rng.choice(c.surnames)}"


def company(rng: random.Random, c: Country) -> str:
    stem = rng.choice(c.trades).format(x=rng.choice(c.surnames))
    legal = rng.choice(c.legal)
    if c.code == "BG":
        if legal == "ЕТ":  # a sole trader's form stands before the name
            return f"ЕТ „{stem}“" if rng.random() < 0.5 else f"ЕТ {stem}"
        return f"„{stem}“ {legal}" if rng.random() < 0.5 else f"{stem} {legal}"
    if c.code == "HR" and legal == "obrt":
        return f"{stem}, obrt"
    return f"{stem} {legal}"


def party(rng: random.Random, c: Country, *, name: str, seller: bool, person_: bool = False) -> Party:
    postcode, city = rng.choice(c.towns)
    street = c.street_form.format(s=rng.choice(c.streets), n=rng.randint(1, 140))
    if c.code == "BG":  # Bulgarian addresses name the town with its kind: "гр. София"
        city = f"гр. {city}"
    p = Party(name, street, postcode, city, c.code, person=person_)
    if seller:
        _, p.vat_shown = c.vat(rng)  # type: ignore[operator]
        # the truth is the id as printed (a Spanish NIF or a Croatian OIB without its country prefix, a Swiss
        # UID with its MWST suffix), blanks and punctuation removed
        p.vat = re.sub(r"[\s.\-]", "", p.vat_shown or "")
        p.iban, p.iban_shown = iban(rng, c.code)
        p.phone = rng.choice(["+", "0"]) + "".join(rng.choice("0123456789") for _ in range(10))
        host = "".join(ch for ch in name.split()[0].lower() if ch.isascii() and ch.isalpha()) or "office"
        p.email = f"{rng.choice(['info', 'office', 'rechnung' if c.lang == 'de' else 'billing'])}@{host}.{c.code.lower() if c.code != 'GB' else 'co.uk'}"
    return p


def draw(tag: str, layout: str, rng: random.Random) -> Doc:
    c = COUNTRIES[TAG_COUNTRY[tag]]
    w = WORDS[c.lang]
    credit = layout == "credit_note"
    issued = date(2026, 1, 1) + timedelta(days=rng.randint(0, 320))
    terms = rng.choice([10, 14, 14, 30, 30, 45])
    due = issued + timedelta(days=terms)
    n = rng.randint(12, 4800)
    style = rng.choice(NUMBER_STYLES[c.code])
    number = style.format(y=issued.year, yy=issued.year % 100, m=issued.month, n=n)
    if credit:
        number = CREDIT_PREFIX[c.code] + number
    self_employed = layout == "letter"
    seller_name = person(rng, c) if self_employed else company(rng, c)
    seller = party(rng, c, name=seller_name, seller=True, person_=self_employed)
    if layout == "export":
        if rng.random() < 0.5 or c.code in ("GB",):
            names, streets, towns = BUYER_ABROAD["US"]
            town, zipc = rng.choice(towns)
            buyer = Party(rng.choice(names), rng.choice(streets), zipc, town, "US")
        else:
            other = COUNTRIES["GB" if c.code != "GB" else "NO"]
            buyer = party(rng, other, name=company(rng, other), seller=False)
    else:
        buyer_person = layout == "utility" and rng.random() < 0.6
        for _ in range(20):  # a buyer whose name shares no word with the seller's
            name = person(rng, c) if buyer_person else company(rng, c)
            if not {w for w in name.split() if len(w) > 3} & set(seller_name.split()):
                break
        buyer = party(rng, c, name=name, seller=False, person_=buyer_person)
    currency = c.currency
    rate = c.vat_rate
    if layout == "export":
        currency = rng.choice({"GB": ["USD", "EUR"], "NO": ["EUR", "USD"], "CH": ["EUR", "USD"],
                               "BG": ["EUR", "USD"]}.get(c.code, ["USD", "GBP", "CHF"]))  # fmt: skip
        rate = Decimal(0)
    doc = Doc(tag, layout, c, w, credit, number, issued, due, seller, buyer, [], rate, currency)
    doc.factors["money_form"] = rng.randrange(len(c.money))  # type: ignore[assignment]
    doc.factors["date_style"] = rng.choice("01")
    doc.extra["terms"] = terms
    # lines
    kind = {"wholesale": "goods", "export": "goods", "utility": "telecom", "letter": "services"}.get(
        layout, rng.choice(["goods", "services"])
    )
    pool = {"goods": w.goods, "services": w.services, "telecom": w.telecom}[kind]
    names = rng.sample(pool, rng.randint(2, min(len(pool), 5)))
    for i, name in enumerate(names):
        if kind == "services":
            qty, unit = Decimal(rng.choice(["1", "2", "3.5", "4", "6", "7.5", "8", "12"])), w.hours
            price = Decimal(rng.choice([45, 55, 65, 75, 85, 95, 120])) * (
                Decimal(10) if c.code == "NO" else 1
            )
        elif kind == "telecom":
            qty, unit = Decimal(1), ""
            price = q(Decimal(rng.randint(300, 6000)) / 100 * (Decimal(10) if c.code == "NO" else 1))
        else:
            qty, unit = Decimal(rng.choice([1, 2, 5, 10, 12, 20, 25, 50, 100])), rng.choice(w.units)
            price = q(Decimal(rng.randint(40, 9000)) / 100 * (Decimal(10) if c.code == "NO" else 1))
        discount = Decimal(rng.choice([0, 0, 3, 5, 10, 15])) if layout == "wholesale" else Decimal(0)
        total = q(qty * price * (1 - discount / 100))
        code = (
            f"{rng.randint(10, 99)}-{rng.randint(1000, 9999)}"
            if rng.random() < 0.5
            else str(rng.randint(100000, 999999))
        )
        hs = f"{rng.randint(3900, 8544)}.{rng.randint(10, 99)}" if layout == "export" else ""
        doc.lines.append(Line(name, qty, unit, price, discount, total, code, hs))
        del i
    doc.net = sum((line.total for line in doc.lines), Decimal(0))
    doc.tax = q(doc.net * rate / 100)
    doc.total = doc.net + doc.tax
    doc.due_amount = doc.total
    if layout == "instalments":
        doc.paid = q(doc.total * Decimal(rng.choice(["0.3", "0.25", "0.5"])))
        doc.due_amount = doc.total - doc.paid
    if layout == "utility":
        prev = q(Decimal(rng.randint(2000, 30000)) / 100)
        pay = prev if rng.random() < 0.6 else q(prev * Decimal(rng.choice(["0.5", "0.8"])))
        doc.extra.update(prev=prev, pay=pay, carried=prev - pay)
        doc.due_amount = doc.total + prev - pay
        start = issued.replace(day=1) - timedelta(days=1)
        doc.extra["period"] = (start.replace(day=1), start)
    if credit:
        before = issued - timedelta(days=rng.randint(10, 60))
        base = style.format(
            y=before.year, yy=before.year % 100, m=before.month, n=max(1, n - rng.randint(1, 11))
        )
        doc.previous = (base, doc.date(before))
    if layout == "export":
        second = {"GB": "GBP", "NO": "NOK", "CH": "CHF", "BG": "BGN"}.get(c.code, "EUR")
        rates = {("USD", "EUR"): "0.9215", ("GBP", "EUR"): "1.1687", ("CHF", "EUR"): "1.0612",
                 ("USD", "GBP"): "0.7884", ("EUR", "GBP"): "0.8556", ("EUR", "NOK"): "11.7420",
                 ("USD", "NOK"): "10.8190", ("EUR", "CHF"): "0.9423", ("USD", "CHF"): "0.8683",
                 ("EUR", "BGN"): "1.95583", ("USD", "BGN"): "1.80226"}  # fmt: skip
        doc.extra["second"] = second
        doc.extra["fx"] = Decimal(rates[(currency, second)])
        doc.extra["incoterm"] = rng.choice(["EXW", "FCA", "CPT", "DAP", "DDP", "FOB", "CIF"])
    return doc
