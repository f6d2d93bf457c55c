"""The abstract invoice of evals/synth3 and how one is drawn: parties from countries.toml with valid VAT
ids and IBANs, lines from the language's items, discounts, freight, several tax rates, deposits, credit
notes; amounts are ``Decimal``, rounded half up to the cent per line and per tax rate."""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from evals.synth3 import identifiers
from evals.synth3.wording import countries, locales, words

CENT = Decimal("0.01")
EU = ("DE", "AT", "FR", "BE", "NL", "ES", "IT", "PT", "PL", "SE", "DK", "IE")
PARTNERS = ("GB", "US", "IE", "DE", "AT", "FR", "BE", "NL", "ES", "IT", "PT", "PL", "SE", "DK")


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, ROUND_HALF_UP)


@dataclass
class Party:
    name: str
    street: str
    postcode: str
    city: str
    country: str
    vat_id: str | None = None
    tax_no: str | None = None
    iban: str | None = None
    bic: str | None = None
    bank: str | None = None
    phone: str | None = None
    email: str | None = None
    web: str | None = None

    @property
    def city_line(self) -> str:
        if self.country == "US" or self.postcode.endswith(self.city) or self.city in self.postcode:
            return self.postcode
        if self.country == "GB":
            return f"{self.city} {self.postcode}"
        return f"{self.postcode} {self.city}"


@dataclass
class Line:
    pos: int
    sku: str
    text: str
    quantity: Decimal
    unit: str
    price: Decimal
    discount: Decimal
    rate: Decimal
    net: Decimal = field(init=False)

    def __post_init__(self) -> None:
        self.net = cents(self.quantity * self.price * (1 - self.discount / 100))


@dataclass
class TaxRow:
    rate: Decimal
    base: Decimal
    tax: Decimal


@dataclass
class Invoice:
    kind: str  # invoice | credit_note
    locale: str
    number: str
    issue: date
    due: date | None
    terms_days: int
    delivery: date | None
    currency: str
    seller: Party
    buyer: Party
    lines: list[Line]
    ship_to: Party | None = None
    po: str | None = None
    delivery_note: str | None = None
    customer_no: str | None = None
    preceding: str | None = None
    allowance_pct: Decimal = Decimal(0)
    freight: Decimal = Decimal(0)
    prepaid: Decimal = Decimal(0)
    exemption: str | None = None  # reverse_charge | intra_eu | export | None
    sales_tax: bool = False
    taxes: list[TaxRow] = field(default_factory=list)

    @property
    def line_total(self) -> Decimal:
        return sum((line.net for line in self.lines), Decimal(0))

    @property
    def allowance(self) -> Decimal:
        return cents(self.line_total * self.allowance_pct / 100)

    @property
    def net_total(self) -> Decimal:
        return self.line_total - self.allowance + self.freight

    @property
    def tax_total(self) -> Decimal:
        return sum((row.tax for row in self.taxes), Decimal(0))

    @property
    def grand_total(self) -> Decimal:
        return self.net_total + self.tax_total

    @property
    def amount_due(self) -> Decimal:
        return self.grand_total - self.prepaid

    @property
    def credit(self) -> bool:
        return self.kind == "credit_note"

    def compute_taxes(self) -> None:
        """One row per rate: the lines' nets at that rate, the freight at the highest rate, the header
        allowance (single-rate invoices only) taken off; tax rounded per rate."""
        bases: dict[Decimal, Decimal] = {}
        for line in self.lines:
            bases[line.rate] = bases.get(line.rate, Decimal(0)) + line.net
        top = max(bases)
        bases[top] += self.freight - self.allowance
        self.taxes = [TaxRow(rate, base, cents(base * rate / 100)) for rate, base in sorted(bases.items())]


def _money(rng: random.Random, low: float, high: float) -> Decimal:
    value = Decimal(str(rng.uniform(low, high)))
    places = 3 if high < 2 and rng.random() < 0.4 else 2
    return value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def _fill(rng: random.Random, pattern: str) -> str:
    """A pattern's fields, each occurrence drawn anew ({n2} twice gives two numbers)."""
    draws: dict[str, Callable[[], str]] = {
        "n": lambda: str(rng.randint(2, 180)),
        "m": lambda: str(rng.randint(1, 9)),
        "a1": lambda: str(rng.randint(1, 9)),
        "a2": lambda: str(rng.randint(10, 99)),
        "a3": lambda: str(rng.randint(100, 999)),
        "n2": lambda: f"{rng.randint(0, 99):02d}",
        "n3": lambda: f"{rng.randint(0, 999):03d}",
        "n4": lambda: f"{rng.randint(0, 9999):04d}",
    }
    return re.sub(r"\{(\w+)\}", lambda m: draws[m[1]](), pattern)


def company_name(rng: random.Random, country: str) -> str:
    table = countries()[country]
    legal = rng.choice(table["legal"])
    shape = rng.random()
    if shape < 0.45:
        core = f"{rng.choice(table['name_a'])} {rng.choice(table['name_b'])}"
    elif shape < 0.65:
        first, second = rng.sample(table["surnames"], 2)
        core = f"{first} & {second}"
    elif shape < 0.85:
        core = f"{rng.choice(table['surnames'])} {rng.choice(table['name_b'])}"
    else:
        core = f"{rng.choice(table['name_a'])}{rng.choice(['-', ' '])}{rng.choice(table['surnames'])}"
    return f"{core} {legal}"


def party(rng: random.Random, country: str, *, seller: bool) -> Party:
    table = countries()[country]
    name = company_name(rng, country)
    postcode, city = rng.choice(table["cities"])
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    slug = "".join(c for c in max(plain.split(), key=len) if c.isalpha()) or "mail"
    tld = {"GB": "co.uk", "US": "com", "AT": "at", "DK": "dk", "SE": "se"}.get(country, country.lower())
    out = Party(
        name=name,
        street=_fill(rng, rng.choice(table["streets"])),
        postcode=postcode,
        city=city,
        country=country,
        phone=_fill(rng, table["phone"]),
        email=f"{rng.choice(['invoices', 'accounts', 'info', 'billing'])}@{slug}.{tld}",
        web=f"www.{slug}.{tld}",
    )
    if country == "US":
        out.tax_no = identifiers.ein_us(rng)
    elif seller or rng.random() < 0.7:
        out.vat_id = identifiers.VAT_IDS[country](rng)
    if seller:
        bank, bic4, _ = rng.choice(table["banks"])
        out.bank = bank
        if country != "US":
            out.iban = identifiers.iban(country, rng, bic4)
            out.bic = f"{bic4}{country}{rng.choice(['2X', 'FF', 'MM', '22', 'XX'])}{rng.choice(['', 'XXX'])}"
        else:
            out.bic = f"{rng.randint(10000000, 99999999)}{rng.randint(0, 9)}"  # ABA routing shape
            out.tax_no = out.tax_no or identifiers.ein_us(rng)
    return out


NUMBER_STYLES = {
    "default": ["INV-{yyyy}-{n5}", "{yy}{n6}", "{n7}", "{yyyy}-{n4}", "A{n5}", "{yyyy}.{n4}"],
    "DE": ["RE-{yyyy}-{n5}", "{yy}{n6}", "R{n6}", "{yyyy}/{n4}"],
    "AT": ["RE{yyyy}{n4}", "AR-{n5}"],
    "FR": ["FAC-{yyyy}-{n5}", "F{yy}{mm}{n4}", "FA{n6}"],
    "ES": ["F{yyyy}/{n4}", "A-{n5}", "FV{yy}-{n5}"],
    "IT": ["{n3}/{yyyy}", "FPR {n4}/{yy}", "{n4}/A"],
    "PT": ["FT {yyyy}/{n4}", "FT A{yyyy}/{n3}", "FR {n4}/{yyyy}"],
    "PL": ["FV/{n4}/{mm}/{yyyy}", "FS {n3}/{yyyy}", "{n4}/{mm}/{yyyy}"],
    "NL": ["{yyyy}{n5}", "F{yyyy}-{n4}", "{yyyy}-{n3}"],
    "BE": ["{yyyy}/{n5}", "F{yy}{n5}", "V{yyyy}-{n4}"],
    "SE": ["{n6}", "{yyyy}{n4}"],
    "DK": ["{n6}", "{yyyy}-{n4}", "F{n5}"],
    "US": ["{n5}", "INV{n6}", "{yy}-{n4}"],
    "GB": ["INV-{n6}", "SI{n5}", "{n6}"],
    "IE": ["INV{n5}", "IE-{yyyy}-{n4}"],
}
PO_STYLES = ["PO-{n5}", "4500{n6}", "PO{yy}{n4}", "BE-{yy}-{n4}", "ORD-{n6}", "{n5}/{yy}", "P{n7}"]


def _number(rng: random.Random, pattern: str, when: date) -> str:
    return pattern.format(
        yyyy=when.year,
        yy=f"{when.year % 100:02d}",
        mm=f"{when.month:02d}",
        n3=f"{rng.randint(1, 999):03d}",
        n4=f"{rng.randint(1, 9999):04d}",
        n5=f"{rng.randint(1, 99999):05d}",
        n6=f"{rng.randint(1, 999999):06d}",
        n7=f"{rng.randint(1000000, 9999999)}",
    )


def draw_invoice(
    rng: random.Random, tag: str, *, min_lines: int = 1, max_lines: int = 7, credit: bool | None = None
) -> Invoice:
    """One invoice of locale ``tag``: its seller from the locale's country."""
    spec = locales()[tag]
    country = spec["country"]
    table = countries()[country]
    vocab = words(spec["language"])
    seller = party(rng, country, seller=True)
    abroad = rng.random() < 0.3
    buyer_country = rng.choice([c for c in PARTNERS if c != country]) if abroad else country
    buyer = party(rng, buyer_country, seller=False)
    while set(buyer.name.split()[:2]) & set(seller.name.split()[:2]):
        buyer = party(rng, buyer_country, seller=False)
    currency = table["currency"]
    if spec["foreign"] and rng.random() < 0.12:
        currency = rng.choice(spec["foreign"])
    issue = date(2026, 1, 5) + timedelta(days=rng.randint(0, 320))
    is_credit = rng.random() < 0.12 if credit is None else credit
    terms = rng.choice([7, 10, 14, 14, 21, 30, 30, 30, 45, 60])
    due = None if is_credit or rng.random() < 0.12 else issue + timedelta(days=terms)
    exemption = None
    if buyer_country != country and country in EU and buyer_country in EU:
        exemption = rng.choice(["reverse_charge", "intra_eu"])
    elif buyer_country != country and country != "US":
        exemption = "export"
    sales_tax = country == "US"
    us_rate = Decimal(rng.choice(table.get("sales_tax", ["0"])))
    count = rng.randint(min_lines, max_lines) if not is_credit else rng.randint(1, min(3, max_lines))
    count = max(count, min_lines)
    items = vocab["items"]
    lines: list[Line] = []
    discounting = rng.random() < 0.25
    for pos in range(1, count + 1):
        item = rng.choice(items)
        low, high = item.get("qty", [1, 24])
        quantity = Decimal(rng.randint(int(low), int(high)))
        if item["unit"] in ("HUR", "KGM", "LTR", "MTR") and rng.random() < 0.3:
            quantity += Decimal(rng.choice(["0.5", "0.25", "0.75"]))
        kind = item.get("rate", "standard")
        if sales_tax:
            rate = us_rate if kind != "zero" and rng.random() < 0.8 else Decimal(0)
        elif exemption:
            rate = Decimal(0)
        else:
            rate = Decimal(table["vat"].get(kind, table["vat"]["standard"]))
        discount = Decimal(rng.choice([0, 0, 5, 10, 15, 3])) if discounting else Decimal(0)
        lines.append(
            Line(
                pos,
                f"{rng.choice(['', 'A', 'SK', 'ART'])}{rng.randint(1000, 99999)}",
                item["text"],
                quantity,
                item["unit"],
                _money(rng, *item["price"]),
                discount,
                rate,
            )
        )
    invoice = Invoice(
        kind="credit_note" if is_credit else "invoice",
        locale=tag,
        number=_number(rng, rng.choice(NUMBER_STYLES.get(country, NUMBER_STYLES["default"])), issue),
        issue=issue,
        due=due,
        terms_days=terms,
        delivery=issue - timedelta(days=rng.randint(0, 6)) if rng.random() < 0.5 else None,
        currency=currency,
        seller=seller,
        buyer=buyer,
        lines=lines,
        exemption=exemption,
        sales_tax=sales_tax,
    )
    if rng.random() < 0.6:
        invoice.po = _number(rng, rng.choice(PO_STYLES), issue)
    if rng.random() < 0.35:
        invoice.delivery_note = f"{rng.choice(['LS', 'DN', 'BL', ''])}{rng.randint(10000, 999999)}"
    if rng.random() < 0.6:
        invoice.customer_no = f"{rng.choice(['K', 'C', '', 'D'])}{rng.randint(1000, 99999)}"
    if rng.random() < 0.25:
        invoice.ship_to = party(rng, buyer_country, seller=False)
        invoice.ship_to.name = buyer.name
    if is_credit:
        invoice.preceding = _number(
            rng, rng.choice(NUMBER_STYLES.get(country, NUMBER_STYLES["default"])), issue
        )
    if not is_credit and len({line.rate for line in lines}) == 1 and rng.random() < 0.18:
        invoice.allowance_pct = Decimal(rng.choice([2, 3, 5, 10]))
    if not is_credit and rng.random() < 0.22:
        invoice.freight = _money(rng, 4.5, 95)
    invoice.compute_taxes()
    if not is_credit and rng.random() < 0.1:
        invoice.prepaid = cents(invoice.grand_total * Decimal(rng.choice(["0.2", "0.3", "0.5"])))
    return invoice
