"""The invoice evals/synth21 draws: parties with their country's legal forms, VAT ids and IBANs (valid check
digits, by python-stdnum), lines, VAT per rate, deposits, early-payment discounts, credit notes, and the
forms each country prints numbers, dates and money in. Money is Decimal, rounded half up to the cent."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from evals.synth21.words import (
    ADDRESSES,
    BANKS,
    COUNTRIES,
    CURRENCY,
    ITEMS,
    LABELS,
    LEGAL,
    MONTHS,
    NAMES,
    PERSONS,
    RATES,
    SERVICES,
    UNITS,
)

CENT = Decimal("0.01")
FIXED_TODAY = date(2026, 3, 2)
"""The drawn dates fall in the months before this day (never the clock's)."""


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Party:
    name: str
    street: str
    postcode: str
    city: str
    country: str
    vat_id: str = ""
    vat_printed: str = ""
    iban: str = ""
    iban_printed: str = ""
    bic: str = ""
    bank: str = ""
    person: str = ""
    phone: str = ""
    email: str = ""
    web: str = ""
    registry: list[str] = field(default_factory=list)

    @property
    def town(self) -> str:
        if self.country == "GB":
            return f"{self.city} {self.postcode}"
        if self.country == "IE":
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
    lang: str
    layout: str
    country: str
    currency: str
    seller: Party
    buyer: Party
    delivery: Party | None
    number: str
    issued: date
    supply: date | None
    due: date | None
    order_no: str
    customer_no: str
    delivery_note: str
    lines: list[Line]
    vat: dict[str, tuple[Decimal, Decimal]]
    net: Decimal
    tax: Decimal
    total: Decimal
    paid: Decimal
    due_amount: Decimal
    credit: bool
    preceding: str
    reverse: bool
    discount: tuple[str, date, Decimal] | None
    words: dict[str, str]
    money_style: str
    date_style: str
    factors: dict[str, str]
    hourly: bool = False
    extra: dict[str, str] = field(default_factory=dict)
    flags: dict[str, bool] = field(default_factory=dict)
    """What this document prints (drawn per document)."""
    shown: set[str] = field(default_factory=set)
    """The truths the layout printed (filled while it writes the page)."""


def word(rng: random.Random, key: str, lang: str) -> str:
    return rng.choice(LABELS[key][lang])


# ---------------------------------------------------------------- ids with check digits


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def vat_id(rng: random.Random, country: str) -> tuple[str, str]:
    """(compact VAT id, the form the page prints) for ``country``, valid by python-stdnum."""
    from stdnum import get_cc_module

    shapes = {
        "GB": ("GB", 9), "IE": ("IE", 0), "DE": ("DE", 9), "AT": ("ATU", 8), "CH": ("CHE", 9), "FR": ("FR", 11),
        "BE": ("BE0", 9), "NL": ("NL", 9), "ES": ("ES", 0), "IT": ("IT", 11), "PT": ("PT", 9), "PL": ("PL", 10),
        "SE": ("SE", 10), "DK": ("DK", 8), "CZ": ("CZ", 8),
    }  # fmt: skip
    prefix, n = shapes[country]
    module = get_cc_module(country.lower(), "uid" if country == "CH" else "vat")
    while True:
        if country == "IE":
            compact = "IE" + _digits(rng, 7) + rng.choice("ABCDEFGHW")
        elif country == "ES":
            compact = "ES" + rng.choice("ABB") + _digits(rng, 8)
        elif country == "SE":
            compact = "SE" + _digits(rng, 10) + "01"
        elif country == "NL":
            compact = "NL" + _digits(rng, 9) + rng.choice(["B01", "B01", "B02"])
        else:
            compact = prefix + _digits(rng, n)
        if country in ("DE", "IT", "PL", "CZ", "DK") and compact[len(prefix)] == "0":
            continue
        if module.is_valid(compact):
            break
    body = compact[len(prefix) :] if country not in ("AT", "CH", "BE") else compact[3:]
    if country == "GB":
        printed = rng.choice([f"GB {body[:3]} {body[3:7]} {body[7:]}", compact])
    elif country == "CH":
        printed = f"CHE-{body[:3]}.{body[3:6]}.{body[6:]}" + rng.choice([" MWST", " TVA", ""])
        compact = printed  # the Swiss VAT number is the UID with its language's suffix, as printed
    elif country == "FR":
        printed = rng.choice([f"FR {body[:2]} {body[2:5]} {body[5:8]} {body[8:]}", compact])
    elif country == "DE":
        printed = rng.choice([compact, f"DE {body[:3]} {body[3:6]} {body[6:]}"])
    elif country == "BE":
        printed = rng.choice([f"BE 0{body[:3]}.{body[3:6]}.{body[6:]}", compact])
    elif country == "PL":
        printed = rng.choice([compact, f"PL {body[:3]}-{body[3:6]}-{body[6:8]}-{body[8:]}"])
    else:
        printed = compact
    return compact, printed


IBAN_BBAN = {"GB": "B4n6n8", "IE": "B4n6n8", "DE": "n18", "AT": "n16", "CH": "n17", "FR": "n10c11n2",
             "BE": "n12", "NL": "B4n10", "ES": "n20", "IT": "B1n10c12", "PT": "n21", "PL": "n24",
             "SE": "n20", "DK": "n14", "CZ": "n20"}  # fmt: skip


def iban(rng: random.Random, country: str) -> str:
    from stdnum import iban as iban_module

    banks = {"GB": ["BARC", "LOYD", "NWBK"], "IE": ["BOFI", "AIBK"], "NL": ["INGB", "RABO", "ABNA"]}
    while True:
        spec, bban, i = IBAN_BBAN[country], "", 0
        while i < len(spec):
            kind = spec[i]
            j = i + 1
            while j < len(spec) and spec[j].isdigit():
                j += 1
            n = int(spec[i + 1 : j])
            if kind == "n":
                bban += _digits(rng, n)
            elif kind == "c":
                bban += "".join(rng.choice("0123456789") for _ in range(n))
            elif n == 4 and country in banks:
                bban += rng.choice(banks[country])
            else:
                bban += "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(n))
            i = j
        if country == "CZ":  # a real bank code, then the account's prefix and number
            bban = rng.choice(["0100", "0300", "0800", "2010", "0600", "5500"]) + bban[4:]
        number = int("".join(str(int(c, 36)) for c in bban + country + "00"))
        candidate = f"{country}{98 - number % 97:02d}{bban}"
        if iban_module.is_valid(candidate):
            return candidate


def grouped(text: str, size: int = 4) -> str:
    return " ".join(text[i : i + size] for i in range(0, len(text), size))


# ---------------------------------------------------------------- forms of numbers, dates and money

MONEY_STYLES = {
    # language: styles (grouping, decimal, symbol placement); "sym" prints the symbol, "iso" the code
    "en": ["1,234.56 sym-before", "1,234.56 iso-before", "1,234.56 iso-after"],
    "de": ["1.234,56 sym-after", "1.234,56 iso-after", "1.234,56 iso-before"],
    "fr": ["1_234,56 sym-after", "1_234,56 iso-after", "1.234,56 sym-after"],
    "nl": ["1.234,56 sym-before", "1.234,56 iso-before", "1.234,56 sym-after"],
    "es": ["1.234,56 sym-after", "1.234,56 iso-after"],
    "it": ["1.234,56 sym-before", "1.234,56 sym-after", "1.234,56 iso-before"],
    "pt": ["1_234,56 sym-after", "1.234,56 sym-after", "1_234,56 iso-after"],
    "pl": ["1_234,56 sym-after", "1_234,56 iso-after", "1.234,56 iso-after"],
    "sv": ["1_234,56 sym-after", "1_234,56 iso-after"],
    "da": ["1.234,56 sym-after", "1.234,56 iso-after", "1.234,56 sym-before"],
    "cs": ["1_234,56 sym-after", "1_234,56 iso-after", "1.234,56 sym-after"],
}
SYMBOL = {
    "EUR": "€",
    "GBP": "£",
    "USD": "$",
    "CHF": "CHF",
    "SEK": "kr",
    "DKK": "kr.",
    "PLN": "zł",
    "CZK": "Kč",
}


def number(amount: Decimal, style: str) -> str:
    """``amount`` in the grouping and decimal marks of ``style`` ("1.234,56 …")."""
    pattern = style.split()[0]
    group, decimal = pattern[1].replace("_", " "), pattern[5]
    sign = "-" if amount < 0 else ""
    whole, frac = f"{abs(amount):.2f}".split(".")
    parts = []
    while len(whole) > 3:
        parts.insert(0, whole[-3:])
        whole = whole[:-3]
    parts.insert(0, whole)
    return sign + group.join(parts) + decimal + frac


def money(amount: Decimal, currency: str, style: str, *, bare: bool = False) -> str:
    """The amount as the page prints it: the number, and the currency's symbol or code before or after."""
    text = number(amount, style)
    if bare:
        return text
    place = style.split()[1]
    mark = SYMBOL[currency] if place.startswith("sym") else currency
    if currency == "GBP" and place.startswith("sym") and place.endswith("after"):
        mark = "GBP"
    if place.endswith("before"):
        return f"{mark}{text}" if mark in ("£", "$", "€") else f"{mark} {text}"
    return f"{text} {mark}"


DATE_STYLES = {
    "en": ["%d/%m/%Y", "long", "%d %b %Y", "%Y-%m-%d"],
    "de": ["%d.%m.%Y", "long", "%d.%m.%y"],
    "fr": ["%d/%m/%Y", "long", "%d.%m.%Y"],
    "nl": ["%d-%m-%Y", "long", "%d/%m/%Y"],
    "es": ["%d/%m/%Y", "long", "%d-%m-%Y"],
    "it": ["%d/%m/%Y", "long", "%d.%m.%Y"],
    "pt": ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "long"],
    "pl": ["%d.%m.%Y", "%Y-%m-%d", "long"],
    "sv": ["%Y-%m-%d", "long"],
    "da": ["%d.%m.%Y", "%d-%m-%Y", "long"],
    "cs": ["%d.%m.%Y", "%-d. %-m. %Y", "long"],
}


def day(value: date, style: str, lang: str) -> str:
    """``value`` as the page prints it in ``style`` (a strftime pattern or "long": the month's name)."""
    if style == "long":
        month = MONTHS[lang].split()[value.month - 1]
        if lang == "en":
            return f"{value.day} {month} {value.year}"
        if lang == "de" or lang == "da" or lang == "cs":
            return f"{value.day}. {month} {value.year}"
        if lang in ("fr", "nl", "it", "sv", "pl"):
            first = "1er" if lang == "fr" and value.day == 1 else str(value.day)
            return f"{first} {month} {value.year}"
        return f"{value.day} de {month} de {value.year}"  # es, pt
    if style == "%-d. %-m. %Y":
        return f"{value.day}. {value.month}. {value.year}"
    if "%b" in style:
        return f"{value.day:02d} {MONTHS['en'].split()[value.month - 1][:3]} {value.year}"
    return value.strftime(style)


def rate_text(rate: str, lang: str) -> str:
    text = rate.replace(".", ",") if lang != "en" else rate
    return f"{text} %" if lang in ("de", "fr", "cs", "sv", "da", "pl", "pt", "es", "it", "nl") else f"{text}%"


# ---------------------------------------------------------------- drawing


def _party(rng: random.Random, lang: str, country: str, *, person: bool = False) -> Party:
    first, trade = NAMES[lang]
    if person:
        given, family = PERSONS[lang]
        name = f"{rng.choice(given)} {rng.choice(family)}"
    else:
        form = rng.choice(LEGAL[country])
        shape = rng.random()
        if shape < 0.45:
            name = f"{rng.choice(first)} {rng.choice(trade)} {form}"
        elif shape < 0.7:
            name = f"{rng.choice(first)} & {rng.choice([p for p in first])} {form}"
        else:
            name = f"{rng.choice(trade)} {rng.choice(first)} {form}"
        if (
            name.count(" & ")
            and name.split(" & ")[0] == name.split(" & ")[1].rsplit(" ", len(form.split()))[0]
        ):
            name = f"{rng.choice(first)} {rng.choice(trade)} {form}"
    streets, towns = ADDRESSES[country]
    postcode, city = rng.choice(towns)
    street = rng.choice(streets).format(n=rng.randint(1, 180))
    party = Party(name=name, street=street, postcode=postcode, city=city, country=country)
    party.vat_id, party.vat_printed = vat_id(rng, country)
    party.iban = iban(rng, country)
    party.iban_printed = rng.choice([grouped(party.iban), grouped(party.iban), party.iban])
    party.bank = rng.choice(BANKS[country])
    party.bic = (
        "".join(rng.choice("ABCDEFGHKLMNPRSTUVWXZ") for _ in range(4))
        + country
        + rng.choice(["XX", "2X", "MM", "PP"])
        + rng.choice(["", "XXX"])
    )
    slug = "".join(c for c in name.split()[0].lower() if c.isascii() and c.isalpha()) or "info"
    tld = {"GB": "co.uk", "CH": "ch", "AT": "at"}.get(country, country.lower())
    party.email = f"{rng.choice(['info', 'billing', 'office', 'accounts'])}@{slug}.{tld}"
    party.web = f"www.{slug}.{tld}"
    party.phone = rng.choice(
        {"GB": ["+44 20 7946 {a}", "0161 496 {a}"], "DE": ["+49 89 {a}{b}", "089 {a} {b}"], "FR": ["04 72 {a2} {b2}"],
         "CZ": ["+420 224 {a3} {b3}"], "PL": ["+48 22 {a3} {b2} {b2}"], "SE": ["08-{a3} {b2} {b2}"]}.get(
            country, ["+{cc} {a} {b}"]
        )
    ).format(a=rng.randint(1000, 9999), b=rng.randint(100, 999), a2=rng.randint(10, 99), b2=rng.randint(10, 99),
             a3=rng.randint(100, 999), b3=rng.randint(100, 999), cc=rng.randint(30, 49))  # fmt: skip
    party.registry = registry(rng, country)
    return party


def registry(rng: random.Random, country: str) -> list[str]:
    """The registration lines a footer prints (court, register number, managing director, capital)."""
    n = rng.randint(10000, 199999)
    return {
        "GB": [f"Registered in England and Wales No. {rng.randint(1000000, 14999999):08d}"],
        "IE": [f"Registered in Ireland No. {rng.randint(100000, 799999)}"],
        "DE": [f"Amtsgericht {rng.choice(['München', 'Hamburg', 'Köln'])} HRB {n}",
               f"Steuernummer {rng.randint(100, 299)}/{rng.randint(100, 999)}/{rng.randint(10000, 99999)}"],
        "AT": [f"FN {n}{rng.choice('abdkmpst')}, Handelsgericht Wien"],
        "CH": [f"Handelsregister {rng.choice(['Zürich', 'Bern'])}"],
        "FR": [f"RCS {rng.choice(['Lyon', 'Paris', 'Nantes'])} B {rng.randint(100, 999)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
               f"Capital social {rng.choice(['10 000', '7 500', '50 000'])} €"],
        "BE": [f"RPR {rng.choice(['Brussel', 'Antwerpen', 'Gent'])}"],
        "NL": [f"KvK {rng.randint(10000000, 99999999)}"],
        "ES": [f"Inscrita en el Registro Mercantil de {rng.choice(['Madrid', 'Barcelona'])}, tomo {rng.randint(1000, 40000)}, hoja M-{n}"],
        "IT": [f"REA {rng.choice(['MI', 'RM', 'TO'])}-{n}", f"Cap. soc. € {rng.choice(['10.000', '50.000'])},00 i.v."],
        "PT": [f"Conservatória do Registo Comercial {rng.choice(['de Lisboa', 'do Porto'])}",
               f"Capital social {rng.choice(['5.000', '50.000'])},00 €"],
        "PL": [f"KRS {rng.randint(1, 999999):010d}", f"REGON {rng.randint(100000000, 999999999)}"],
        "SE": ["Godkänd för F-skatt", f"Styrelsens säte: {rng.choice(['Stockholm', 'Göteborg'])}"],
        "DK": [f"CVR {rng.randint(10000000, 99999999)}"],
        "CZ": [f"IČ {rng.randint(10000000, 99999999)}",
               f"Zapsáno v obchodním rejstříku vedeném Městským soudem v Praze, oddíl C, vložka {n}"],
    }[country]  # fmt: skip


def invoice_number(rng: random.Random, lang: str, issued: date, credit: bool) -> str:
    seq = rng.randint(7, 2400)
    y, yy, m = issued.year, issued.year % 100, issued.month
    shapes = [f"{y}-{seq:04d}", f"RE-{y}-{seq:04d}" if lang == "de" else f"{y}{seq:05d}", f"{yy}{m:02d}{seq:03d}",
              f"INV-{seq:05d}" if lang == "en" else f"{y}/{seq:04d}", f"F{y}-{seq:03d}", f"{seq:06d}"]  # fmt: skip
    if lang == "pl":
        shapes += [f"FV/{seq}/{m:02d}/{y}", f"{seq}/{m:02d}/{y}"]
    if lang == "cs":
        shapes += [f"{y}{seq:06d}", f"FV{yy}{seq:05d}"]
    if lang == "fr":
        shapes += [f"FA{y}{m:02d}-{seq:04d}"]
    if lang == "it":
        shapes += [f"{seq}/{y}", f"{seq}/PA"]
    if lang == "es":
        shapes += [f"A-{y}/{seq:04d}", f"FV{yy}-{seq:05d}"]
    if lang == "pt":
        shapes += [f"FT {y}/{seq}", f"FT A/{seq}"]
    if lang == "nl":
        shapes += [f"{y}.{seq:04d}", f"F{y}{seq:04d}"]
    if lang in ("sv", "da"):
        shapes += [f"{10000 + seq}", f"{y}{seq:04d}"]
    number = rng.choice(shapes)
    if credit:
        number = rng.choice(
            [f"GS-{y}-{seq:04d}" if lang == "de" else f"CN-{seq:05d}", f"{number}", f"K{number}"]
        )
    return number


def draw(rng: random.Random, layout: str, lang: str, *, credit: bool = False, hourly: bool = False,
         many: bool = False) -> Doc:  # fmt: skip
    country = rng.choice(COUNTRIES[lang])
    currency = CURRENCY[country]
    if country == "GB" and rng.random() < 0.15:
        currency = rng.choice(["EUR", "USD"])
    elif lang in ("pl", "cs", "sv", "da") and rng.random() < 0.15:
        currency = "EUR"
    seller = _party(rng, lang, country, person=hourly and rng.random() < 0.7)
    reverse = (not hourly or rng.random() < 0.5) and country not in ("GB", "CH") and rng.random() < 0.15
    buyer_country = country
    if reverse:
        buyer_country = rng.choice([c for c in ("DE", "FR", "NL", "IT", "ES", "AT", "BE", "PL", "SE", "DK", "CZ", "PT")
                                    if c != country])  # fmt: skip
    buyer_lang = next(k for k, v in COUNTRIES.items() if buyer_country in v)
    buyer = _party(rng, buyer_lang, buyer_country)
    if buyer.name.split()[0] == seller.name.split()[0]:
        buyer = _party(rng, buyer_lang, buyer_country)
    delivery = None
    if not hourly and rng.random() < 0.35:
        streets, towns = ADDRESSES[buyer_country]
        postcode, city = rng.choice(towns)
        delivery = Party(name=buyer.name, street=rng.choice(streets).format(n=rng.randint(1, 180)), postcode=postcode,
                         city=city, country=buyer_country)  # fmt: skip
    issued = FIXED_TODAY - timedelta(days=rng.randint(3, 420))
    supply = issued - timedelta(days=rng.randint(1, 12)) if rng.random() < 0.45 else None
    days = rng.choice([14, 14, 30, 30, 10, 21, 60])
    due = issued + timedelta(days=days)
    rates = RATES[country]
    lines: list[Line] = []
    count = rng.randint(38, 64) if many else rng.randint(1, 7)
    pool = SERVICES[lang] if hourly else ITEMS[lang]
    for index in range(count):
        name = pool[index % len(pool)] if many or hourly else rng.choice(pool)
        if many:
            name = f"{name} {rng.choice(['A', 'B', 'C', 'M', 'XL'])}{rng.randint(1, 99)}"
        elif hourly:
            name = f"{name}"
        if hourly:
            qty = Decimal(rng.choice(["0.5", "1", "1.5", "2", "3.25", "4", "6", "7.5", "8", "12", "16"]))
            price = Decimal(rng.choice(["55", "65", "75", "80", "85", "95", "110", "120"]))
            if currency in ("SEK", "DKK", "CZK"):
                price *= 10
            elif currency == "PLN":
                price *= 4
            unit = word(rng, "hours", lang)
        else:
            qty = Decimal(rng.choice([1, 1, 2, 3, 4, 5, 6, 10, 12, 20, 25]))
            price = cents(Decimal(rng.randint(150, 95000)) / 100)
            if currency in ("SEK", "DKK", "CZK"):
                price = cents(price * 10)
            unit = rng.choice(UNITS[lang])
        rate = "0" if reverse else (rates[0] if hourly or rng.random() < 0.7 else rng.choice(rates))
        lines.append(Line(name, qty, unit, price, rate, cents(qty * price)))
    if credit:
        for line in lines:
            line.qty = -line.qty if rng.random() < 0.0 else line.qty
    vat: dict[str, tuple[Decimal, Decimal]] = {}
    for line in lines:
        base = vat.get(line.rate, (Decimal(0), Decimal(0)))[0] + line.total
        vat[line.rate] = (base, Decimal(0))
    vat = {rate: (base, cents(base * Decimal(rate) / 100)) for rate, (base, _) in vat.items()}
    net = sum((line.total for line in lines), Decimal(0))
    tax = sum((t for _, t in vat.values()), Decimal(0))
    total = net + tax
    paid = Decimal(0)
    if not credit and rng.random() < 0.22:
        paid = cents(total * Decimal(rng.choice(["0.2", "0.3", "0.5"])))
        paid = paid.quantize(Decimal("1")) if paid > 100 else paid
    discount = None
    if not credit and rng.random() < 0.25:
        pct = rng.choice(["2", "3", "1.5"])
        discount = (
            pct,
            issued + timedelta(days=rng.choice([7, 10])),
            cents((total - paid) * (100 - Decimal(pct)) / 100),
        )
    seq = rng.randint(10000, 99999)
    doc = Doc(
        lang=lang, layout=layout, country=country, currency=currency, seller=seller, buyer=buyer, delivery=delivery,
        number=invoice_number(rng, lang, issued, credit), issued=issued, supply=supply, due=due,
        order_no=rng.choice([f"PO-{seq}", f"{seq}", f"4500{rng.randint(100000, 999999)}", f"B{seq}/{issued.year % 100}"]),
        customer_no=rng.choice([f"{rng.randint(10000, 99999)}", f"K-{rng.randint(1000, 9999)}", f"D{rng.randint(100, 9999):04d}"]),
        delivery_note=rng.choice([f"LS-{rng.randint(10000, 99999)}", f"{rng.randint(800000, 899999)}", f"WZ {rng.randint(1, 999)}/{issued.year}"]),
        lines=lines, vat=vat, net=net, tax=tax, total=total, paid=paid, due_amount=total - paid, credit=credit,
        preceding="", reverse=reverse, discount=discount, words={},
        money_style=rng.choice(MONEY_STYLES[lang]), date_style=rng.choice(DATE_STYLES[lang]), factors={},
        hourly=hourly,
    )  # fmt: skip
    doc.extra["days"] = str(days)
    if credit:
        doc.preceding = invoice_number(rng, lang, issued - timedelta(days=rng.randint(10, 60)), False)
        doc.due = None if rng.random() < 0.7 else doc.due
        doc.discount = None
    for key in LABELS:
        doc.words[key] = word(rng, key, lang)
    return doc
