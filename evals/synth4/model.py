"""The invoice synth4 draws: parties, lines and sums in ``Decimal``, every amount rounded half up to the
currency's unit (the cent, or the forint for HUF), tax computed per rate over the rate's net base."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from evals.synth4 import ids
from evals.synth4.style import locales, places, words

EU = frozenset({"DE", "FR", "ES", "IT", "NL", "PL", "PT", "SE", "DK", "CZ", "FI", "RO", "HU", "EE", "LT"})
UNIT_CODES = {"pc": "H87", "h": "HUR", "day": "DAY", "kg": "KGM", "m": "MTR", "set": "SET"}


@dataclass
class Party:
    name: str
    street: str
    postcode: str
    city: str
    country: str
    vat_id: str | None
    registration: str | None
    iban: str | None = None
    bic: str | None = None


@dataclass
class Line:
    pos: int
    text: str
    sku: str | None
    quantity: Decimal
    unit: str
    price: Decimal
    discount: Decimal
    rate: Decimal
    net: Decimal = Decimal(0)


@dataclass
class TaxRow:
    rate: Decimal
    base: Decimal
    tax: Decimal


@dataclass
class Invoice:
    locale: str
    currency: str
    credit: bool
    number: str
    issue: date
    due: date | None
    terms_days: int
    po: str | None
    delivery_note: str | None
    preceding: str | None
    seller: Party
    buyer: Party
    ship_to: Party | None
    lines: list[Line]
    discount_pct: Decimal
    freight: Decimal
    prepaid_share: Decimal
    reverse_charge: bool
    quantum: Decimal
    allowance: Decimal = Decimal(0)
    taxes: list[TaxRow] = field(default_factory=list)
    prepaid: Decimal = Decimal(0)

    @property
    def kind(self) -> str:
        return "credit_note" if self.credit else "invoice"

    @property
    def line_total(self) -> Decimal:
        return sum((line.net for line in self.lines), Decimal(0))

    @property
    def net_total(self) -> Decimal:
        return sum((t.base for t in self.taxes), Decimal(0))

    @property
    def tax_total(self) -> Decimal:
        return sum((t.tax for t in self.taxes), Decimal(0))

    @property
    def grand_total(self) -> Decimal:
        return self.net_total + self.tax_total

    @property
    def amount_due(self) -> Decimal:
        return self.grand_total - self.prepaid

    def round(self, value: Decimal) -> Decimal:
        return value.quantize(self.quantum, rounding=ROUND_HALF_UP)

    def settle(self) -> None:
        """Line nets, the header discount per rate, freight at the highest rate, tax per rate."""
        for line in self.lines:
            line.net = self.round(line.quantity * line.price * (100 - line.discount) / 100)
        rates = sorted({line.rate for line in self.lines}, reverse=True)
        self.taxes, self.allowance = [], Decimal(0)
        for rate in rates:
            gross = sum((line.net for line in self.lines if line.rate == rate), Decimal(0))
            cut = self.round(gross * self.discount_pct / 100)
            self.allowance += cut
            base = gross - cut + (self.freight if rate == rates[0] else 0)
            self.taxes.append(TaxRow(rate, base, self.round(base * rate / 100)))
        self.prepaid = (
            self.round(self.grand_total * self.prepaid_share / 10) * 10 if self.prepaid_share else Decimal(0)
        )


def _shape(pattern: str, rng: random.Random) -> str:
    return "".join(
        str(rng.randrange(10)) if c == "#" else rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") if c == "@" else c
        for c in pattern
    )


def company(rng: random.Random, tag: str) -> str:
    names, spec = places()["names"], locales()[tag]
    stem = rng.choice(names["heads"]) + rng.choice(names["tails"])
    trade = rng.choice(words(spec["language"])["trades"])
    shape = rng.random()
    if shape < 0.4:
        core = f"{stem} {trade}"
    elif shape < 0.6:
        core = f"{stem} & {rng.choice(names['heads'])}{rng.choice(names['tails'])}"
    elif shape < 0.8:
        core = stem
    else:
        core = f"{rng.choice(names['initials'])}{rng.choice(names['initials'])} {stem}"
    return f"{core} {rng.choice(spec['legal'])}"


def party(rng: random.Random, tag: str, *, bank: bool) -> Party:
    spec = locales()[tag]
    country = spec["country"]
    place = places()[country]
    street = rng.choice(words(spec["language"])["street"]).format(
        w=rng.choice(place["streets"]), n=rng.randrange(1, 180), n2=rng.randrange(1, 40)
    )
    vat, registration = ids.vat_id(country, rng)
    out = Party(
        company(rng, tag), street, _shape(place["postcode"], rng), rng.choice(place["towns"]), country, vat,
        registration,
    )  # fmt: skip
    if bank:
        out.iban = ids.iban(country, place["bban"], rng)
        out.bic = _shape("@@@@" + country + "@@" + rng.choice(["", "###"]), rng).replace("###", "XXX")
    return out


def _ident(pattern: str, rng: random.Random, day: date) -> str:
    out = (
        pattern.replace("{Y}", str(day.year))
        .replace("{y}", f"{day.year % 100:02d}")
        .replace("{MM}", f"{day.month:02d}")
    )
    while "{n" in out:
        start = out.index("{n")
        end = out.index("}", start)
        width = int(out[start + 2 : end])
        out = out[:start] + f"{rng.randrange(1, 10**width):0{width}d}" + out[end + 1 :]
    return out


NUMBER_PATTERNS = (
    "{Y}-{n4}", "INV-{n6}", "RE{Y}{n4}", "F{y}/{n5}", "FV/{n3}/{MM}/{Y}", "{n4}/{Y}", "{Y}{MM}{n3}",
    "{n7}", "A-{y}-{n4}", "FT {Y}/{n3}", "{y}{n5}", "SF-{n5}", "LAS{n5}", "ARV-{Y}-{n3}", "FA{y}{MM}-{n3}",
)  # fmt: skip
PO_PATTERNS = ("PO-{n5}", "45{n8}", "B{n6}", "ORD/{Y}/{n4}", "{n7}", "BE-{n4}-{y}", "P{n5}")
NOTE_PATTERNS = ("DN{n6}", "LS-{n5}", "{n6}", "WZ {n4}/{y}")
SPECS = ("Ø {a} mm", "{a} mm", "DN{a}", "M{b}x{a}", "{a} W", "{b} l", "{K}-{c}", "{K}{c}", "{a}x{b} cm")


def _item(rng: random.Random, lexicon: dict[str, object], used: set[str]) -> tuple[str, str]:
    """(text, unit key): a good with a spec or a service, never repeated in one invoice."""
    while True:
        if rng.random() < 0.7:
            noun = str(rng.choice(lexicon["goods"]))  # type: ignore[arg-type]
            spec = rng.choice(SPECS).format(
                a=rng.choice([6, 8, 10, 12, 16, 20, 25, 32, 40, 50, 63, 80, 100, 150, 250]),
                b=rng.randrange(2, 13),
                c=rng.randrange(100, 999),
                K="".join(rng.choice("ABDEFGHKLMPRSTVX") for _ in range(rng.choice([1, 2, 3]))),
            )
            text = f"{noun[0].upper()}{noun[1:]} {spec}" if rng.random() < 0.7 else f"{noun} {spec}"
            unit = rng.choice(["pc", "pc", "pc", "set", "kg", "m"])
        else:
            text = str(rng.choice(lexicon["services"]))  # type: ignore[arg-type]
            text = text[0].upper() + text[1:]
            unit = rng.choice(["h", "h", "day"])
        if text not in used:
            used.add(text)
            return text, unit


def draw_invoice(rng: random.Random, tag: str, *, lines: tuple[int, int], credit: bool | None = None,
                 discounts: bool = False, extras: bool = False, mixed: bool = False) -> Invoice:  # fmt: skip
    """One invoice of locale ``tag``; ``discounts``: line discounts; ``extras``: header discount, freight
    and a deposit are likely (else rare); ``mixed``: at least two VAT rates where the country has them."""
    spec = locales()[tag]
    lexicon = words(spec["language"])
    currency = spec["currency"]
    if currency != "EUR" and spec["country"] in EU and rng.random() < 0.12:
        currency = "EUR"
    quantum = Decimal(1) if spec.get("zero_decimals") and currency == spec["currency"] else Decimal("0.01")
    issue = date(2025, 1, 2) + timedelta(days=rng.randrange(0, 700))
    terms = rng.choice([8, 10, 14, 14, 21, 30, 30, 30, 45, 60])
    seller = party(rng, tag, bank=True)
    buyer_tag = tag
    abroad = spec["country"] in EU and rng.random() < 0.15
    if abroad:
        buyer_tag = rng.choice(sorted(t for t, s in locales().items() if s["country"] in EU and t != tag))
    buyer = party(rng, buyer_tag, bank=False)
    if rng.random() < 0.2:
        buyer.vat_id = None
    credit = rng.random() < 0.12 if credit is None else credit
    rates = [Decimal(r) for r in spec["rates"]]
    reverse = abroad and buyer.vat_id is not None and rng.random() < 0.7
    drawn: list[Line] = []
    used: set[str] = set()
    for pos in range(1, rng.randint(*lines) + 1):
        text, unit = _item(rng, lexicon, used)
        if unit in ("h", "day"):
            quantity = Decimal(rng.choice([1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 24])) / (
                2 if rng.random() < 0.3 and unit == "h" else 1
            )
            price = Decimal(rng.randrange(4500, 18000)) / 100 * (8 if unit == "day" else 1)
        elif unit in ("kg", "m"):
            quantity = Decimal(rng.randrange(5, 4000)) / Decimal(rng.choice([1, 10, 100]))
            price = Decimal(rng.randrange(40, 9000)) / 100
        else:
            quantity = Decimal(rng.choice([1, 1, 2, 3, 4, 5, 6, 10, 12, 20, 25, 50, 100, 250]))
            price = Decimal(rng.randrange(35, 250000)) / 100 / (10 if quantity > 20 else 1)
        price = price.quantize(Decimal("0.01"))
        if quantum == 1:
            price = (price * 380).quantize(Decimal(1))
        rate = (
            Decimal(0)
            if reverse
            else rates[0]
            if rng.random() < 0.75 or len(rates) == 1
            else rng.choice(rates[1:])
        )
        discount = (
            Decimal(rng.choice([5, 10, 15, 20, 3])) if discounts and rng.random() < 0.35 else Decimal(0)
        )
        sku = (
            _shape(rng.choice(["###-###", "@@-####", "#######", "@####-@", "##.###.##"]), rng)
            if rng.random() < 0.6
            else None
        )
        drawn.append(Line(pos, text, sku, quantity, unit, price, discount, rate))
    if mixed and not reverse and len(rates) > 1 and len(drawn) > 1 and len({x.rate for x in drawn}) == 1:
        drawn[-1].rate = rng.choice(rates[1:]) if drawn[0].rate == rates[0] else rates[0]
    chance = 0.6 if extras else 0.08
    invoice = Invoice(
        locale=tag,
        currency=currency,
        credit=credit,
        number=_ident(rng.choice(NUMBER_PATTERNS), rng, issue),
        issue=issue,
        due=issue + timedelta(days=terms) if rng.random() < 0.8 else None,
        terms_days=terms,
        po=_ident(rng.choice(PO_PATTERNS), rng, issue) if rng.random() < 0.6 else None,
        delivery_note=_ident(rng.choice(NOTE_PATTERNS), rng, issue) if rng.random() < 0.3 else None,
        preceding=_ident(rng.choice(NUMBER_PATTERNS), rng, issue - timedelta(days=20)) if credit else None,
        seller=seller,
        buyer=buyer,
        ship_to=party(rng, buyer_tag, bank=False) if rng.random() < 0.25 else None,
        lines=drawn,
        discount_pct=Decimal(rng.choice([2, 3, 5, 10])) if rng.random() < chance else Decimal(0),
        freight=(Decimal(rng.randrange(900, 25000)) / 100 * (380 if quantum == 1 else 1)).quantize(quantum)
        if rng.random() < chance and not credit
        else Decimal(0),
        prepaid_share=Decimal(rng.choice([2, 3, 5])) / 10
        if rng.random() < chance / 2 and not credit
        else Decimal(0),
        reverse_charge=reverse,
        quantum=quantum,
    )
    invoice.settle()
    return invoice
