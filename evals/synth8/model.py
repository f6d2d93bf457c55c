"""What one evals/synth8 document says, drawn from a seeded random stream: the parties and how the page
presents them (the party factors, drawn independently of each other and of the layout), lines, taxes and
every other number and date it prints; money in Decimal, half up."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from evals.synth8.ids import draw_bic, draw_iban, draw_vat
from evals.synth8.locales import LOCALES, Locale
from evals.synth8.words import (
    ACCENTED_EN,
    BRANDS,
    CARRIERS,
    FACTORS,
    ITEMS,
    LABELISH,
    PROVIDERS,
    SERVICES,
    SOFTWARE,
    WORDS,
)

SELLER_POSITIONS = ("top_left", "top_right", "centred", "sidebar", "footer_brand", "sender_line", "from_to")
BUYER_POSITIONS = ("left_window", "right_window", "below", "bill_ship")
"""``to_block`` (the "To:" block beside "From:") comes with the ``from_to`` seller position."""
NAME_SHAPES = ("legal_form", "no_form", "sole_trader", "sole_trade_desc", "caps", "two_line", "label_words",
               "digits", "ampersand", "accents")  # fmt: skip
DISTRACTORS = ("none", "bank", "group", "provider", "carrier", "software", "factoring", "buyer_stronger")
BRAND = ("none", "logo")
FACTORS_NAMES = ("seller_pos", "buyer_pos", "name_shape", "distractor", "brand")

AND = {"en": "and", "de": "und", "fr": "et", "nl": "en", "es": "y", "it": "e", "pt": "e", "pl": "i", "sv": "och",
       "da": "og", "cs": "a", "el": "και", "bg": "и", "et": "ja", "lv": "un", "lt": "ir", "sl": "in"}  # fmt: skip
FONTS = ("Liberation Sans", "Liberation Serif", "DejaVu Sans", "DejaVu Serif", "Liberation Sans Narrow")


@dataclass
class Party:
    name: str
    """The legal name: the truth."""
    printed: list[str]
    """The name as the page sets it: one line, or two where it wraps (in capitals for ``caps``)."""
    street: str
    city_line: str
    country: str
    vat_id: str | None
    iban: str | None = None
    bic: str | None = None
    extra: str = ""
    """A line under the name: a sole trader's trade description."""
    phone: str = ""
    email: str = ""

    def address(self) -> list[str]:
        return [self.street, self.city_line]


@dataclass
class Line:
    pos: int
    text: str
    quantity: Decimal
    unit: str
    price: Decimal
    discount: Decimal
    rate: Decimal
    net: Decimal


@dataclass
class Tax:
    rate: Decimal
    base: Decimal
    tax: Decimal


@dataclass
class Doc:
    layout: str
    kind: str
    loc: Locale
    w: dict[str, str]
    seller: Party
    buyer: Party
    factors: dict[str, str]
    number: str
    issue: date
    due: date | None
    customer_no: str
    lines: list[Line]
    taxes: list[Tax]
    net_total: Decimal
    tax_total: Decimal
    grand_total: Decimal
    prepaid: Decimal
    amount_due: Decimal
    date_pattern: str
    font: str
    brand: str | None = None
    ship_to: Party | None = None
    third: str = ""
    """The distractor's company name (bank, group, provider, carrier, software, factor), "" for none."""
    pay_iban: str | None = None
    """The IBAN the page asks to pay to: the seller's, or the factor's."""
    pay_bic: str | None = None
    preceding: str | None = None
    period: tuple[date, date] | None = None
    extras: dict[str, str] = field(default_factory=dict)

    @property
    def credit(self) -> bool:
        return self.kind == "credit_note"

    def d(self, day: date) -> str:
        return self.loc.date(day, self.date_pattern)

    def n(self, value: Decimal) -> str:
        return self.loc.number(value)

    def m(self, value: Decimal) -> str:
        return self.loc.money(value)


def cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), ROUND_HALF_UP)


def _words(loc: Locale) -> dict[str, str]:
    return {**WORDS[loc.lang], **loc.overrides}


def _non_ascii(text: str) -> bool:
    return any(ord(c) > 127 for c in text)


def _company(loc: Locale, rng: random.Random, core: str, legal: str) -> str:
    if loc.quote and rng.random() < 0.6:
        return f"{legal} {loc.quote[0]}{core}{loc.quote[1]}"
    return f"{core} {legal}"


def _split(name: str) -> list[str]:
    """A long name set on two lines, broken at the space nearest its middle."""
    spaces = [i for i, c in enumerate(name) if c == " "]
    cut = min(spaces, key=lambda i: abs(i - len(name) / 2))
    return [name[:cut], name[cut + 1 :]]


def seller_name(loc: Locale, rng: random.Random, shape: str, avoid: set[str]) -> tuple[str, list[str], str]:
    """(legal name, printed lines, a line under it) of a seller named in ``shape``."""
    surnames = [s for s in loc.surnames if s not in avoid] or list(loc.surnames)
    surname, trade, legal = rng.choice(surnames), rng.choice(loc.trades), rng.choice(loc.legal)
    lang = loc.lang
    extra = ""
    if shape in ("sole_trader", "sole_trade_desc"):
        person = f"{rng.choice(loc.firsts)} {surname}"
        if loc.sole and shape == "sole_trader":
            name = f"{loc.sole} {person}" if loc.country == "BG" else f"{person} {loc.sole}"
        else:
            name = person
        if shape == "sole_trade_desc":
            extra = trade
        return name, [name], extra
    if shape == "no_form":
        name = f"{surname} {trade}" if lang not in ("fr", "es", "it", "pt") else f"{trade} {surname}"
        return name, [name], ""
    if shape == "two_line":
        other = rng.choice([t for t in loc.trades if t != trade])
        name = _company(loc, rng, f"{surname} {trade} {AND[lang]} {other}", legal)
        return name, _split(name), ""
    if shape == "label_words":
        core = f"{rng.choice(LABELISH[lang])} {trade}"
    elif shape == "digits":
        core = f"{rng.choice(('24/7', '3D', 'A1', '1A', '360'))} {trade}"
    elif shape == "ampersand":
        core = f"{surname} & {rng.choice([s for s in loc.surnames if s != surname])}"
    elif shape == "accents":
        if lang == "en" and not _non_ascii(surname):
            core = rng.choice(ACCENTED_EN)
        else:
            pairs = [(s, t) for s in loc.surnames for t in loc.trades if _non_ascii(s + t)]
            surname, trade = rng.choice(pairs) if pairs else (surname, trade)
            core = f"{surname} {trade}"
    else:  # legal_form, caps
        core = (
            f"{surname} {trade}"
            if lang not in ("fr", "es", "it", "pt") or rng.random() < 0.5
            else f"{trade} {surname}"
        )
    name = _company(loc, rng, core, legal)
    printed = [name.upper()] if shape == "caps" else [name]
    return name, printed, ""


def _party(loc: Locale, rng: random.Random, name: str, printed: list[str], bank: bool) -> Party:
    postcode, city = rng.choice(loc.places)
    street, number = rng.choice(loc.streets), str(rng.randint(1, 180))
    return Party(
        name=name, printed=printed,
        street=f"{number} {street}" if loc.street_number_first else f"{street} {number}",
        city_line=loc.city_line.format(postcode=postcode, city=city), country=loc.country,
        vat_id=draw_vat(loc.country, rng), iban=draw_iban(loc.country, rng) if bank else None,
        bic=draw_bic(loc.country, rng) if bank else None,
        phone=f"+{rng.randint(30, 49)} {rng.randint(10, 99)} {rng.randint(100000, 999999)}",
    )  # fmt: skip


def _number(rng: random.Random, year: int) -> str:
    shapes = (
        f"{year}-{rng.randint(1, 9999):04d}", f"INV-{rng.randint(10000, 999999)}", f"{rng.randint(100, 99999)}",
        f"R{year % 100:02d}{rng.randint(1000, 9999)}", f"{rng.randint(1, 999)}/{year}",
        f"F-{year}-{rng.randint(1, 999):03d}", f"{rng.choice('ABCDEFGHKMNPRS')}{rng.randint(100000, 9999999)}",
    )  # fmt: skip
    return rng.choice(shapes)


NARROW_SELLERS = ("top_left", "centred", "footer_brand")


def draw_factors(layout: str, rng: random.Random) -> dict[str, str]:
    """The party factors, each drawn on its own; a narrow page stacks everything, so it draws its seller
    among the positions a 80 mm page has and sets its buyer below."""
    factors = {
        "seller_pos": rng.choice(SELLER_POSITIONS),
        "buyer_pos": rng.choice(BUYER_POSITIONS),
        "name_shape": rng.choice(NAME_SHAPES),
        "distractor": rng.choice(DISTRACTORS),
        "brand": rng.choice(BRAND),
    }
    if layout == "narrow":
        factors["seller_pos"] = rng.choice(NARROW_SELLERS)
        factors["buyer_pos"] = "below"
    if factors["seller_pos"] == "from_to":
        factors["buyer_pos"] = "to_block"
    elif factors["seller_pos"] == "sender_line" and factors["buyer_pos"] not in (
        "left_window",
        "right_window",
    ):
        factors["buyer_pos"] = rng.choice(("left_window", "right_window"))
    if factors["seller_pos"] == "footer_brand":
        factors["brand"] = "logo"
    return factors


def draw_doc(layout: str, tag: str, rng: random.Random) -> Doc:
    loc = LOCALES[tag]
    w = _words(loc)
    factors = draw_factors(layout, rng)
    year = rng.choice(loc.years)
    issue = date(year, 1, 1) + timedelta(days=rng.randint(0, 360))
    name, printed, extra = seller_name(loc, rng, factors["name_shape"], set())
    seller = _party(loc, rng, name, printed, loc.country not in ("US", "AU"))
    seller.extra = extra
    seller.email = f"info@{rng.choice(('mail', 'office', 'firma', 'shop'))}-{rng.randint(10, 99)}.example"
    if factors["name_shape"] in ("sole_trader", "sole_trade_desc") and loc.country in (
        "GB",
        "IE",
        "US",
        "AU",
    ):
        seller.vat_id = seller.vat_id if rng.random() < 0.7 else None
    seen = set(name.replace("&", " ").split())
    while True:
        surname = rng.choice(loc.surnames)
        if surname not in seen:
            break
    if factors["distractor"] == "buyer_stronger":
        bname = f"{surname} {rng.choice(loc.strong)}"
    else:
        trade = rng.choice([t for t in loc.trades if t not in seen] or list(loc.trades))
        bname = _company(loc, rng, f"{surname} {trade}", rng.choice(loc.legal))
    buyer = _party(loc, rng, bname, [bname], False)
    kind = "credit_note" if layout == "credit_note" else "invoice"
    lines: list[Line] = []
    count = (
        rng.randint(30, 42)
        if layout == "two_page"
        else rng.randint(2, 5)
        if layout == "narrow"
        else rng.randint(1, 8)
    )
    pool = SERVICES[loc.lang] if layout == "service_hours" else ITEMS[loc.lang]
    multi = layout == "multi_rate" and len(loc.rates) > 1
    for pos in range(1, count + 1):
        text = pool[(pos - 1) % len(pool)] if count > len(pool) else rng.choice(pool)
        hours = layout == "service_hours"
        quantity = (
            Decimal(rng.choice(("0.5", "1.5", "2", "3.25", "4", "7.5", "8")))
            if hours
            else Decimal(rng.choice((1, 1, 2, 3, 4, 5, 10, 12, 25)))
        )
        price = cents(
            Decimal(rng.randint(150, 48000))
            / 100
            * (Decimal(4) if loc.currency in ("SEK", "DKK", "CZK", "PLN") else 1)
        )
        if hours:
            price = cents(
                Decimal(rng.randint(45, 160))
                * (Decimal(4) if loc.currency in ("SEK", "DKK", "CZK", "PLN") else 1)
            )
        discount = Decimal(rng.choice((0, 5, 10, 15))) if layout == "discount" else Decimal(0)
        rate = loc.rates[1] if (multi and pos % 2 == 0) else loc.rates[0]
        net = cents(quantity * price * (100 - discount) / 100)
        lines.append(Line(pos, text, quantity, w["hours"] if hours else w["pcs"], price, discount, rate, net))
    seen_text: dict[str, int] = {}
    for line in lines:  # a description prints once per document (line matching is by words and amount)
        if line.text in seen_text:
            seen_text[line.text] += 1
            line.text = f"{line.text} ({seen_text[line.text]})"
        else:
            seen_text[line.text] = 1
    taxes: list[Tax] = []
    for rate in sorted({line.rate for line in lines}, reverse=True):
        base = sum((line.net for line in lines if line.rate == rate), Decimal(0))
        taxes.append(Tax(rate, base, cents(base * rate / 100)))
    net_total = sum((t.base for t in taxes), Decimal(0))
    tax_total = sum((t.tax for t in taxes), Decimal(0))
    grand = net_total + tax_total
    prepaid = cents(grand * Decimal(rng.choice((20, 30, 50))) / 100) if layout == "deposit" else Decimal(0)
    due = (
        None
        if kind == "credit_note" and rng.random() < 0.6
        else issue + timedelta(days=rng.choice((7, 14, 30, 45, 60)))
    )
    doc = Doc(
        layout=layout, kind=kind, loc=loc, w=w, seller=seller, buyer=buyer, factors=factors,
        number=_number(rng, year), issue=issue, due=due, customer_no=f"{rng.choice(('K', 'C', ''))}{rng.randint(10000, 99999)}",
        lines=lines, taxes=taxes, net_total=net_total, tax_total=tax_total, grand_total=grand, prepaid=prepaid,
        amount_due=grand - prepaid, date_pattern=rng.choice(loc.dates), font=rng.choice(FONTS),
    )  # fmt: skip
    if factors["brand"] == "logo":
        doc.brand = rng.choice(BRANDS)
    if factors["buyer_pos"] == "bill_ship":
        if rng.random() < 0.5:
            site = _party(loc, rng, buyer.name, [buyer.name], False)
        else:
            other = rng.choice([s for s in loc.surnames if s != surname and s not in seen])
            site_name = _company(loc, rng, f"{other} {rng.choice(loc.trades)}", rng.choice(loc.legal))
            site = _party(loc, rng, site_name, [site_name], False)
        doc.ship_to = site
    distractor = factors["distractor"]
    doc.pay_iban, doc.pay_bic = seller.iban, seller.bic
    if distractor == "bank":
        doc.third = rng.choice(loc.banks)
    elif distractor == "group":
        doc.third = f"{rng.choice([s for s in loc.surnames if s not in seen and s != surname])} {rng.choice(loc.strong)}"
    elif distractor == "provider":
        doc.third = rng.choice(PROVIDERS)
    elif distractor == "carrier":
        doc.third = rng.choice(CARRIERS)
        doc.extras["tracking"] = f"{rng.randint(10**11, 10**12 - 1)}"
    elif distractor == "software":
        doc.third = rng.choice(SOFTWARE)
    elif distractor == "factoring":
        doc.third = rng.choice(FACTORS)
        if seller.iban:  # the page asks to pay the factor: the seller's own IBAN is not printed
            doc.pay_iban = draw_iban(loc.country, rng)
            doc.pay_bic = draw_bic(loc.country, rng)
            seller.iban, seller.bic = None, None
    if kind == "credit_note":
        doc.preceding = _number(rng, year)
    if layout == "subscription":
        start = issue.replace(day=1)
        doc.period = (start, (start + timedelta(days=32)).replace(day=1) - timedelta(days=1))
    return doc
