"""What one evals/synth7 document says: parties, lines, taxes and every other number and date it prints,
drawn from a seeded random stream; money in Decimal, half up."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from evals.synth7.ids import draw_bic, draw_iban, draw_vat
from evals.synth7.locales import LOCALES, Locale, company_name, shop_name
from evals.synth7.words import ITEMS, SHOP_ITEMS, WORDS

RECEIPTS = ("till_58", "till_80_card", "till_cafe")
ERP = ("erp_boxes", "erp_mono", "erp_columns")


@dataclass
class Party:
    name: str
    street: str
    postcode: str
    city: str
    country: str
    vat_id: str | None
    iban: str | None = None
    bic: str | None = None

    def address(self) -> list[str]:
        return [self.name, self.street, f"{self.postcode} {self.city}"]


@dataclass
class Line:
    pos: int
    text: str
    sku: str
    quantity: Decimal
    unit: str
    price: Decimal
    discount: Decimal
    rate: Decimal
    net: Decimal
    """The amount the line prints: net on invoices, tax-inclusive on till receipts."""


@dataclass
class Tax:
    rate: Decimal
    base: Decimal
    tax: Decimal


@dataclass
class Doc:
    layout: str
    kind: str
    """invoice, credit_note or receipt."""
    loc: Locale
    w: dict[str, str]
    seller: Party
    buyer: Party | None
    number: str
    issue: date
    due: date | None
    customer_no: str
    order_no: str
    order_date: date
    delivery_note: str
    delivery_date: date
    lines: list[Line]
    shipping: Decimal
    taxes: list[Tax]
    net_total: Decimal
    tax_total: Decimal
    grand_total: Decimal
    prepaid: Decimal
    amount_due: Decimal
    date_pattern: str
    font: str
    rng_values: dict[str, object] = field(default_factory=dict)
    preceding: tuple[str, date] | None = None
    discount: tuple[Decimal, Decimal, date] | None = None
    """Settlement discount: percent, amount, last day."""

    @property
    def credit(self) -> bool:
        return self.kind == "credit_note"

    @property
    def receipt(self) -> bool:
        return self.kind == "receipt"

    def d(self, day: date) -> str:
        return self.loc.date(day, self.date_pattern)

    def n(self, value: Decimal) -> str:
        return self.loc.number(value)

    def m(self, value: Decimal, code: bool = False) -> str:
        return self.loc.money(value, code=code)


def cents(value: Decimal, places: int = 2) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


FONTS = ("Liberation Sans", "Liberation Serif", "DejaVu Sans", "Liberation Sans Narrow", "DejaVu Serif")


def _party(loc: Locale, rng: random.Random, name: str, with_bank: bool) -> Party:
    street = rng.choice(loc.streets)
    number = str(rng.randint(1, 180))
    postcode, city = rng.choice(loc.places)
    return Party(
        name=name,
        street=f"{number} {street}" if loc.street_number_first else f"{street} {number}",
        postcode=postcode,
        city=city,
        country=loc.country,
        vat_id=draw_vat(loc.country, rng),
        iban=draw_iban(loc.country, rng) if with_bank else None,
        bic=draw_bic(loc.country, rng) if with_bank else None,
    )


def _number(rng: random.Random, year: int, receipt: bool) -> str:
    if receipt:
        return rng.choice((f"{rng.randint(1, 9999):04d}-{rng.randint(1, 99999):05d}", str(rng.randint(100000, 999999)),
                           f"{rng.randint(1, 40)}/{rng.randint(1000, 9999)}"))  # fmt: skip
    shapes = (
        f"RE-{year}-{rng.randint(100, 99999):05d}",
        f"{year}{rng.randint(1000, 9999)}",
        f"F{year % 100:02d}/{rng.randint(1, 9999):04d}",
        f"INV-{rng.randint(10000, 999999)}",
        f"{rng.randint(1, 999)}/{rng.randint(1, 12):02d}/{year}",
        f"{rng.choice('ABCDEFGHKMNPRS')}{rng.randint(100000, 9999999)}",
        f"{year}-{rng.randint(1, 9999):04d}",
    )
    return rng.choice(shapes)


def draw_doc(layout: str, tag: str, rng: random.Random) -> Doc:
    loc = LOCALES[tag]
    w = WORDS[loc.lang]
    if loc.country == "AU":  # an Australian business number, not a VAT number, names the parties
        w = {**w, "our_vat": "ABN", "your_vat": "Customer ABN"}
    receipt = layout in RECEIPTS
    kind = "receipt" if receipt else "credit_note" if layout == "wp_credit" else "invoice"
    places = loc.places_digits
    year = rng.choice((2025, 2026))
    issue = date(year, 1, 1) + timedelta(days=rng.randint(0, 360))
    seller = _party(loc, rng, shop_name(loc, rng) if receipt else company_name(loc, rng), not receipt)
    buyer = None
    if not receipt:
        while True:
            buyer = _party(loc, rng, company_name(loc, rng), False)
            if not set(buyer.name.split()[:2]) & set(seller.name.split()[:2]):
                break
    scale = Decimal(rng.choice((1, 1, 1, 10, 100))) if places == 0 else Decimal(1)
    if loc.currency in ("SEK", "NOK", "DKK", "CZK", "ZAR", "TRY", "PLN"):
        scale = Decimal(rng.choice((4, 10)))
    if loc.currency == "HUF":
        scale = Decimal(rng.choice((100, 250)))
    lines: list[Line] = []
    if receipt:
        names = rng.sample(SHOP_ITEMS[loc.lang], rng.randint(2, 7))
        for pos, text in enumerate(names, 1):
            quantity = Decimal(rng.choice((1, 1, 1, 2, 3)))
            price = cents(Decimal(rng.randint(49, 1299)) / 100 * scale, places)
            rate = loc.rates[-1] if rng.random() < 0.7 else loc.rates[0]
            lines.append(
                Line(
                    pos,
                    text,
                    "",
                    quantity,
                    w["pcs"],
                    price,
                    Decimal(0),
                    rate,
                    cents(quantity * price, places),
                )
            )
    else:
        count = rng.randint(28, 40) if layout == "wp_multipage" else rng.randint(1, 7)
        pool = ITEMS[loc.lang]
        for pos in range(1, count + 1):
            text = pool[(pos - 1) % len(pool)] if count > len(pool) else rng.choice(pool)
            if count <= len(pool):
                text = pool[rng.randrange(len(pool))]
            hours = "labour" in text.lower() or rng.random() < 0.15
            quantity = (
                Decimal(rng.choice(("0.5", "1.5", "2", "2.5", "4", "7.5", "8"))) if hours
                else Decimal(rng.choice((1, 1, 2, 3, 5, 10, 12, 25, 50, 100)))
            )  # fmt: skip
            price = cents(Decimal(rng.randint(150, 45000)) / 100 * scale, places)
            discount = (
                Decimal(rng.choice((0, 0, 0, 5, 10)))
                if layout in ("wp_borderless", "erp_boxes")
                else Decimal(0)
            )
            rate = loc.rates[0] if len(loc.rates) == 1 or rng.random() < 0.8 else loc.rates[1]
            net = cents(quantity * price * (100 - discount) / 100, places)
            sku = f"{rng.choice('ABCDEFGHKLMNPRSTVWXZ')}{rng.randint(1000, 99999)}"
            lines.append(
                Line(pos, text, sku, quantity, w["hours"] if hours else w["pcs"], price, discount, rate, net)
            )
        seen: set[str] = set()
        for line in lines:  # a description prints once per document (line matching is by words and amount)
            if line.text in seen:
                line.text = f"{line.text} ({line.sku})"
            seen.add(line.text)
    shipping = Decimal(0)
    if not receipt and rng.random() < 0.3:
        shipping = cents(Decimal(rng.randint(490, 4900)) / 100 * scale, places)
    taxes: list[Tax] = []
    for rate in sorted({line.rate for line in lines} | ({loc.rates[0]} if shipping else set()), reverse=True):
        amount = sum((line.net for line in lines if line.rate == rate), Decimal(0))
        if receipt:
            tax = cents(amount * rate / (100 + rate), places)
            taxes.append(Tax(rate, amount - tax, tax))
        else:
            amount += shipping if rate == loc.rates[0] else Decimal(0)
            taxes.append(Tax(rate, amount, cents(amount * rate / 100, places)))
    net_total = sum((t.base for t in taxes), Decimal(0))
    tax_total = sum((t.tax for t in taxes), Decimal(0))
    grand = net_total + tax_total
    prepaid = Decimal(0)
    if layout == "wp_deposit":
        prepaid = cents(grand * Decimal(rng.choice((20, 25, 30, 50))) / 100, places)
    due = (
        None
        if receipt or (kind == "credit_note" and rng.random() < 0.6)
        else issue + timedelta(days=rng.choice((7, 14, 21, 30, 45, 60)))
    )
    order_date = issue - timedelta(days=rng.randint(3, 40))
    delivery_date = issue - timedelta(days=rng.randint(0, 3))
    doc = Doc(
        layout=layout, kind=kind, loc=loc, w=w, seller=seller, buyer=buyer,
        number=_number(rng, year, receipt), issue=issue, due=due,
        customer_no=f"{rng.choice(('K', 'C', 'D', ''))}{rng.randint(10000, 99999)}",
        order_no=f"{rng.choice(('AB', 'SO', 'A', '4'))}{rng.randint(100000, 999999)}", order_date=order_date,
        delivery_note=f"{rng.choice(('LS', 'DN', '8'))}{rng.randint(100000, 999999)}", delivery_date=delivery_date,
        lines=lines, shipping=shipping, taxes=taxes, net_total=net_total, tax_total=tax_total,
        grand_total=grand, prepaid=prepaid, amount_due=grand - prepaid,
        date_pattern=rng.choice(loc.dates), font=rng.choice(FONTS),
    )  # fmt: skip
    if kind == "credit_note":
        doc.preceding = (_number(rng, year, False), issue - timedelta(days=rng.randint(10, 90)))
    if due and not receipt and rng.random() < 0.6:
        pct = Decimal(rng.choice((2, 3)))
        doc.discount = (pct, cents(grand * pct / 100, places), issue + timedelta(days=10))
    if receipt:
        notes = (5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000)
        given = next((Decimal(x) for x in notes if Decimal(x) >= grand), grand)
        doc.rng_values = {
            "cash": rng.random() < 0.5 or layout == "till_cafe",
            "given": given,
            "time": f"{rng.randint(7, 21):02d}:{rng.randint(0, 59):02d}",
            "points": rng.randint(120, 9800),
            "earned": rng.randint(1, 40),
            "pan": f"**** **** **** {rng.randint(1000, 9999)}",
            "auth": f"{rng.randint(100000, 999999)}",
            "terminal": f"{rng.randint(10000000, 99999999)}",
            "till": rng.randint(1, 12),
            "cashier": rng.choice(("Anna", "Marek", "Sofia", "Jonas", "Lea", "Emre", "Eva")),
            "table": rng.randint(1, 30),
        }
    else:
        doc.rng_values = {"person": rng.choice(("M. Keller", "A. Novak", "J. Smit", "L. Moreau", "K. Berg", "S. Rossi")),
                          "site": rng.choice(loc.places), "street": f"{rng.choice(loc.streets)} {rng.randint(1, 90)}",
                          "late_pct": rng.choice(("1", "1.5", "2")), "earlier": cents(Decimal(rng.randint(5000, 90000)) / 100 * scale, places),
                          "phone": f"+{rng.randint(30, 49)} {rng.randint(10, 99)} {rng.randint(100000, 999999)}"}  # fmt: skip
    return doc
