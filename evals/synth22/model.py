"""The invoice evals/synth22 draws: parties with their country's legal forms, VAT ids and IBANs (valid check
digits, checked by python-stdnum), lines in pieces, by weight or length, by the hour or priced per 100 / 1000,
VAT per rate, deposits, cash discounts, a foreign currency with the VAT in the home currency, and the forms
each language prints numbers, dates and money in. Money is Decimal, rounded half up (whole forints where a
Hungarian invoice prints no decimals)."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from evals.synth22 import words as wd

TODAY = date(2026, 2, 20)
"""The drawn dates fall in the fourteen months before this day (never the clock's)."""


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
    phone: str = ""
    email: str = ""

    @property
    def town(self) -> str:
        return (
            f"{self.city} {self.postcode}" if self.country in ("GB", "IE") else f"{self.postcode} {self.city}"
        )


@dataclass
class Line:
    name: str
    qty: Decimal
    unit: str
    price: Decimal
    rate: str
    total: Decimal
    per: int = 1
    """The price is for this many units (a "price per 100" column)."""
    article: str = ""
    day: date | None = None
    group: int = 0
    """The delivery note (index into Doc.notes) the line was delivered with."""


@dataclass
class Doc:
    lang: str
    layout: str
    country: str
    currency: str
    places: int
    """Decimals the amounts carry (0 for whole forints)."""
    seller: Party
    buyer: Party
    number: str
    issued: date
    due: date
    days: int
    lines: list[Line]
    vat: dict[str, tuple[Decimal, Decimal]]
    net: Decimal
    tax: Decimal
    total: Decimal
    paid: Decimal
    reverse: bool
    style: tuple[str, str, str]
    """(group mark, decimal mark, currency placement: sym-after, iso-after, sym-before, iso-before)."""
    date_style: str
    order_no: str
    customer_no: str
    note_no: str
    notes: list[tuple[str, date]] = field(default_factory=list)
    discount: tuple[str, date, Decimal, Decimal] | None = None
    """(per cent, until, the amount off, the amount then payable)."""
    home: tuple[str, Decimal] | None = None
    """A foreign-currency invoice's home currency and the rate (home units per unit invoiced)."""
    words: dict[str, str] = field(default_factory=dict)
    factors: dict[str, str] = field(default_factory=dict)
    shown: set[str] = field(default_factory=set)
    """The optional truths the layout printed (due_date, vendor_vat_id, vendor_iban, po_number, delivery_note)."""

    @property
    def due_amount(self) -> Decimal:
        return self.total - self.paid

    def word(self, key: str, **fill: str) -> str:
        text = self.words[key]
        return text.format(**fill) if fill else text

    def num(self, amount: Decimal, places: int | None = None) -> str:
        return number(amount, self.style, self.places if places is None else places)

    def money(self, amount: Decimal, currency: str | None = None) -> str:
        return money(amount, currency or self.currency, self.style, self.places)

    def date(self, value: date) -> str:
        return day(value, self.date_style, self.lang)

    def qty(self, value: Decimal) -> str:
        """A quantity as the page prints it: no decimals for whole numbers, the language's decimal mark."""
        text = (
            format(value.normalize(), "f") if value == value.to_integral() else format(value, "f").rstrip("0")
        )
        return text.replace(".", self.style[1])

    def rate(self, rate: str) -> str:
        text = rate.replace(".", self.style[1])
        return f"{text}%" if self.lang in ("en", "hu", "ro") else f"{text} %"


def round_to(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------- ids with check digits

VAT_SHAPES = {  # country: compact VAT id shapes ('#' a digit, '@' a letter, '%' one of "AB" for a Spanish CIF)
    "GB": "GB#########", "IE": "IE#######@", "DE": "DE#########", "AT": "ATU########", "CH": "CHE#########",
    "FR": "FR###########", "BE": "BE0#########", "NL": "NL#########B01", "ES": "ES%########", "IT": "IT###########",
    "PT": "PT#########", "PL": "PL##########", "SE": "SE##########01", "DK": "DK########", "CZ": "CZ########",
    "FI": "FI########", "HU": "HU########", "RO": "RO########",
}  # fmt: skip


def vat_id(rng: random.Random, country: str) -> tuple[str, str]:
    """(the VAT id the truth records, the form the page prints) for ``country``, valid by python-stdnum."""
    from stdnum import get_cc_module

    module = get_cc_module(country.lower(), "uid" if country == "CH" else "vat")
    shape = VAT_SHAPES[country]
    while True:
        compact = "".join(
            rng.choice("0123456789") if c == "#" else rng.choice("ABCDEFGHW") if c == "@" else
            rng.choice("AB") if c == "%" else c for c in shape
        )  # fmt: skip
        if compact[len(shape.rstrip("#@").rstrip("%")) :][:1] != "0" and module.is_valid(compact):
            break
    body = compact[2:]
    forms = {
        "GB": [compact, f"GB {body[:3]} {body[3:7]} {body[7:]}"],
        "DE": [compact, f"DE {body[:3]} {body[3:6]} {body[6:]}"],
        "FR": [compact, f"FR {body[:2]} {body[2:5]} {body[5:8]} {body[8:]}"],
        "BE": [compact, f"BE {body[:4]}.{body[4:7]}.{body[7:]}"],
        "CH": [f"CHE-{body[1:4]}.{body[4:7]}.{body[7:]} MWST", f"CHE-{body[1:4]}.{body[4:7]}.{body[7:]}"],
        "IT": [compact, body],
        "PT": [compact, f"PT {body}"],
        "PL": [compact, body, f"{body[:3]}-{body[3:6]}-{body[6:8]}-{body[8:]}"],
        "DK": [compact, f"DK {body[:2]} {body[2:4]} {body[4:6]} {body[6:]}"],
        "HU": [compact, f"HU{body}"],
        "RO": [compact, f"RO {body}"],
    }.get(country, [compact])
    printed = rng.choice(forms)
    if country == "CH" and printed.endswith("MWST"):
        compact = printed  # the Swiss VAT number is the UID with its suffix, as printed
    elif country in ("IT", "PL") and printed[:2].isdigit():
        compact = body  # a domestic invoice prints the bare Partita IVA / NIP: that is the id the page shows
    return compact, printed


IBAN_BBAN = {  # country: the BBAN's shape ('#' a digit, 'A' a capital letter, 'C' a digit or capital)
    "GB": "AAAA##############", "IE": "AAAA##############", "DE": "#" * 18, "AT": "#" * 16, "CH": "#" * 17,
    "FR": "##########CCCCCCCCCCC##", "BE": "#" * 12, "NL": "AAAA##########", "ES": "#" * 20,
    "IT": "A##########CCCCCCCCCCCC", "PT": "#" * 21, "PL": "#" * 24, "SE": "#" * 20, "DK": "#" * 14,
    "CZ": "#" * 20, "FI": "#" * 14, "HU": "#" * 24, "RO": "AAAACCCCCCCCCCCCCCCC",
}  # fmt: skip
BANK_CODES = {"GB": ["BARC", "LOYD", "NWBK"], "IE": ["BOFI", "AIBK"], "NL": ["RABO", "INGB"], "RO": ["BTRL", "BRDE"],
              "CZ": ["0100", "0800", "2010"], "HU": ["117", "104"]}  # fmt: skip


def iban(rng: random.Random, country: str) -> str:
    """An IBAN of ``country`` with valid check digits (ISO 13616 mod 97, checked again by python-stdnum)."""
    from stdnum import iban as iban_module

    pools = {"#": "0123456789", "A": "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "C": "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"}
    while True:
        bban = "".join(rng.choice(pools[c]) for c in IBAN_BBAN[country])
        if country in BANK_CODES:
            code = rng.choice(BANK_CODES[country])
            bban = code + bban[len(code) :]
        digits = int("".join(str(int(c, 36)) for c in bban + country + "00"))
        candidate = f"{country}{98 - digits % 97:02d}{bban}"
        if iban_module.is_valid(candidate):
            return candidate


# ---------------------------------------------------------------- numbers, money, dates

MONEY = {  # language: (group, decimal) marks and where the currency stands
    "en": [(",", ".", "sym-before"), (",", ".", "iso-after"), (",", ".", "iso-before")],
    "de": [(".", ",", "sym-after"), (".", ",", "iso-after"), ("", ",", "iso-after")],
    "fr": [(" ", ",", "sym-after"), (" ", ",", "iso-after"), (".", ",", "sym-after")],
    "nl": [(".", ",", "sym-before"), (".", ",", "iso-before"), (".", ",", "sym-after")],
    "es": [(".", ",", "sym-after"), (".", ",", "iso-after")],
    "it": [(".", ",", "sym-before"), (".", ",", "sym-after"), (".", ",", "iso-after")],
    "pt": [(" ", ",", "sym-after"), (".", ",", "sym-after"), (" ", ",", "iso-after")],
    "pl": [(" ", ",", "sym-after"), (" ", ",", "iso-after"), ("", ",", "sym-after")],
    "sv": [(" ", ",", "sym-after"), (" ", ",", "iso-after")],
    "da": [(".", ",", "sym-after"), (".", ",", "iso-after"), (".", ",", "sym-before")],
    "cs": [(" ", ",", "sym-after"), (" ", ",", "iso-after"), (".", ",", "sym-after")],
    "fi": [(" ", ",", "sym-after"), ("", ",", "sym-after"), (" ", ",", "iso-after")],
    "hu": [(" ", ",", "sym-after"), (".", ",", "sym-after"), (" ", ",", "iso-after")],
    "ro": [(".", ",", "iso-after"), (".", ",", "sym-after"), ("", ",", "iso-after")],
}
SWISS = [("'", ".", "iso-before"), ("'", ".", "iso-after"), ("’", ".", "iso-after")]
"""Swiss invoices group thousands with an apostrophe and print CHF (or Fr.) with a decimal point."""
SYMBOL = {"EUR": "€", "GBP": "£", "USD": "$", "CHF": "CHF", "SEK": "kr", "DKK": "kr.", "PLN": "zł", "CZK": "Kč",
          "HUF": "Ft", "RON": "lei"}  # fmt: skip


def number(amount: Decimal, style: tuple[str, str, str], places: int = 2) -> str:
    group, decimal = style[0], style[1]
    sign = "-" if amount < 0 else ""
    whole, _, frac = f"{abs(amount):.{places}f}".partition(".")
    parts = []
    while len(whole) > 3:
        parts.insert(0, whole[-3:])
        whole = whole[:-3]
    parts.insert(0, whole)
    return sign + group.join(parts) + (decimal + frac if places else "")


def money(amount: Decimal, currency: str, style: tuple[str, str, str], places: int = 2) -> str:
    text = number(amount, style, places)
    mark = SYMBOL[currency] if style[2].startswith("sym") else currency
    if style[2].endswith("before"):
        return f"{mark}{text}" if mark in ("£", "$", "€") else f"{mark} {text}"
    return f"{text} {mark}"


DATES = {
    "en": ["%d/%m/%Y", "long", "%d %b %Y", "%d.%m.%Y"], "de": ["%d.%m.%Y", "long", "%d.%m.%y"],
    "fr": ["%d/%m/%Y", "long"], "nl": ["%d-%m-%Y", "long", "%d/%m/%Y"], "es": ["%d/%m/%Y", "long", "%d-%m-%Y"],
    "it": ["%d/%m/%Y", "long", "%d.%m.%Y"], "pt": ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"], "pl": ["%d.%m.%Y", "%Y-%m-%d", "long"],
    "sv": ["%Y-%m-%d", "long"], "da": ["%d.%m.%Y", "%d-%m-%Y", "long"], "cs": ["%d.%m.%Y", "d. m. Y", "long"],
    "fi": ["d.m.Y", "%d.%m.%Y"], "hu": ["%Y.%m.%d.", "%Y. %m. %d.", "long"], "ro": ["%d.%m.%Y", "%d/%m/%Y", "long"],
}  # fmt: skip


def day(value: date, style: str, lang: str) -> str:
    if style == "long":
        month = wd.MONTHS[lang].split()[value.month - 1]
        if lang == "hu":
            return f"{value.year}. {month} {value.day}."
        if lang in ("de", "da", "cs"):
            return f"{value.day}. {month} {value.year}"
        if lang in ("es", "pt"):
            return f"{value.day} de {month} de {value.year}"
        return f"{value.day} {month} {value.year}"
    if style == "d. m. Y":
        return f"{value.day}. {value.month}. {value.year}"
    if style == "d.m.Y":
        return f"{value.day}.{value.month}.{value.year}"
    if "%b" in style:
        return f"{value.day:02d} {wd.MONTHS['en'].split()[value.month - 1][:3]} {value.year}"
    return value.strftime(style)


# ---------------------------------------------------------------- drawing


CALLING = {"GB": 44, "IE": 353, "DE": 49, "AT": 43, "CH": 41, "FR": 33, "BE": 32, "NL": 31, "ES": 34, "IT": 39,
           "PT": 351, "PL": 48, "SE": 46, "DK": 45, "CZ": 420, "FI": 358, "HU": 36, "RO": 40}  # fmt: skip


def party(rng: random.Random, lang: str, country: str, *, person: bool = False) -> Party:
    if person:
        given, family = wd.PERSONS[lang]
        name = f"{rng.choice(given)} {rng.choice(family)}"
    else:
        first, trade = wd.NAMES[lang]
        form = rng.choice(wd.LEGAL[country])
        a, b = rng.sample(first, 2)
        name = rng.choice(
            [f"{a} {rng.choice(trade)} {form}", f"{a} & {b} {form}", f"{rng.choice(trade)} {a} {form}"]
        )
    streets, towns = wd.ADDRESSES[country]
    postcode, city = rng.choice(towns)
    number_ = rng.randint(2, 160)
    p = Party(name, rng.choice(streets).format(n=number_), postcode, city, country)
    p.vat_id, p.vat_printed = vat_id(rng, country)
    p.iban = iban(rng, country)
    p.iban_printed = rng.choice(
        [" ".join(p.iban[i : i + 4] for i in range(0, len(p.iban), 4))] * 2 + [p.iban]
    )
    p.bank = rng.choice(wd.BANKS[country])
    p.bic = (
        "".join(rng.choice("ABCDEFGHKLMNPRSTUVWZ") for _ in range(4))
        + country
        + rng.choice(["2X", "MM", "PP", "22"])
    )
    plain = unicodedata.normalize("NFKD", name.split()[0].lower().replace("ł", "l"))
    slug = "".join(c for c in plain if c.isascii() and c.isalpha()) or "office"
    p.email = f"{rng.choice(['info', 'invoices', 'office', 'sales'])}@{slug}.{'co.uk' if country == 'GB' else country.lower()}"
    p.phone = f"+{CALLING[country]} {rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    return p


def invoice_number(rng: random.Random, lang: str, issued: date) -> str:
    seq, y, m = rng.randint(12, 4800), issued.year, issued.month
    shapes = [f"{y}-{seq:04d}", f"{y % 100}{m:02d}{seq:04d}", f"{seq:06d}", f"R{y}{seq:05d}"]
    shapes += {
        "en": [f"INV{seq:05d}", f"SI-{seq:05d}"], "de": [f"RE{y}-{seq:04d}", f"{y}/{seq:04d}"],
        "fr": [f"FAC-{y}-{seq:04d}", f"F{y}{m:02d}{seq:03d}"], "nl": [f"{y}.{seq:04d}", f"VF{seq:06d}"],
        "es": [f"FV-{y}/{seq:04d}", f"A {seq:05d}"], "it": [f"{seq}/{y}", f"{seq}/E"], "pt": [f"FT {y}/{seq}", f"FT A{y}/{seq}"],
        "pl": [f"FV/{seq}/{m:02d}/{y}", f"{seq}/{y}"], "sv": [f"{30000 + seq}"], "da": [f"{10000 + seq}"],
        "cs": [f"{y}{seq:05d}", f"FV-{seq:04d}/{y}"], "fi": [f"{1000 + seq}", f"{y}{seq:04d}"],
        "hu": [f"E-{y}-{seq:04d}", f"SZLA-{y}/{seq:05d}"], "ro": [f"BV {seq:05d}", f"FCT{y}{seq:04d}"],
    }[lang]  # fmt: skip
    return rng.choice(shapes)


def _price(rng: random.Random, currency: str, low: int, high: int, places: int) -> Decimal:
    scale = {"SEK": 10, "DKK": 7, "CZK": 25, "PLN": 4, "HUF": 390, "RON": 5, "CHF": 1, "GBP": 1}.get(
        currency, 1
    )
    return round_to(Decimal(rng.randint(low, high)) / 100 * scale, places)


def _lines(
    rng: random.Random, lang: str, layout: str, currency: str, places: int, rates: list[str]
) -> list[Line]:
    units = wd.PIECES[lang]
    lines: list[Line] = []
    count = {
        "twopage": rng.randint(30, 44),
        "statement": rng.randint(4, 10),
        "packing": rng.randint(2, 6),
    }.get(layout, rng.randint(1, 7))
    fixed_per = rng.choice([100, 1000]) if rng.random() < 0.5 else 0
    for _index in range(count):
        rate = rates[0] if rng.random() < 0.75 else rng.choice(rates)
        article = f"{rng.randint(100, 999)}-{rng.randint(1000, 9999)}"
        if layout == "hours":
            name = rng.choice(wd.SERVICES[lang])
            qty = Decimal(rng.choice(["0.5", "0.75", "1", "1.25", "2", "2.5", "3", "4", "6.5", "7.5", "8"]))
            price = _price(rng, currency, 6000, 14000, 0)
            lines.append(
                Line(name, qty, wd.LABELS["hours"][lang][0], price, rates[0], Decimal(0), article="")
            )
            continue
        if layout == "per100":
            per = fixed_per or rng.choice([100, 100, 1000, 1000, 1])
            qty = (
                Decimal(rng.choice([250, 500, 1000, 1500, 2000, 2500, 5000, 10000]))
                if per > 1
                else Decimal(rng.randint(1, 12))
            )
            low, high = (40, 2500) if per == 100 else (300, 9000) if per == 1000 else (500, 12000)
            name = rng.choice(wd.ITEMS[lang])
            lines.append(Line(name, qty, units[0], _price(rng, currency, low, high, places), rate, Decimal(0), per=per,
                              article=article))  # fmt: skip
            continue
        if layout == "units" and rng.random() < 0.7:
            name, unit = rng.choice(wd.BULK[lang])
            qty = Decimal(rng.randint(5, 4800)) / Decimal(rng.choice([10, 100, 4]))
            qty = qty.quantize(Decimal("0.001")).normalize()
            if qty != qty.to_integral() and len(format(qty, "f").split(".")[1]) > 2:
                qty = qty.quantize(Decimal("0.01"))
            lines.append(
                Line(
                    name,
                    qty,
                    unit,
                    _price(rng, currency, 90, 4800, places),
                    rate,
                    Decimal(0),
                    article=article,
                )
            )
            continue
        name = rng.choice(wd.ITEMS[lang])
        qty = Decimal(rng.choice([1, 1, 2, 3, 4, 5, 6, 8, 10, 12, 20, 24, 50, 100]))
        lines.append(Line(name, qty, rng.choice(units), _price(rng, currency, 60, 60000, places), rate, Decimal(0),
                          article=article))  # fmt: skip
    for line in lines:
        line.total = round_to(line.qty * line.price / line.per, places)
    return lines


def draw(rng: random.Random, layout: str, lang: str) -> Doc:
    """One invoice of ``layout`` in language ``lang``: its parties, lines and money, the forms it prints in."""
    country = rng.choice(wd.COUNTRIES[lang])
    home = wd.CURRENCY.get(country, "EUR")
    currency = home
    if layout == "fx":
        currency = "USD" if home == "EUR" else rng.choice(["EUR", "EUR", "USD"]) if home != "GBP" else "EUR"
    places = 0 if currency == "HUF" and rng.random() < 0.6 else 2
    hourly = layout == "hours"
    seller = party(rng, lang, country, person=hourly and rng.random() < 0.6)
    reverse = layout not in ("fx", "hours") and rng.random() < 0.12
    buyer_country = country
    if reverse:
        buyer_country = rng.choice([c for c in ("DE", "FR", "NL", "IT", "ES", "AT", "PL", "SE", "CZ", "FI", "HU", "RO")
                                    if c != country and c != "CH"])  # fmt: skip
        reverse = country not in ("GB", "CH")
        if not reverse:
            buyer_country = country
    buyer_lang = next(k for k, v in wd.COUNTRIES.items() if buyer_country in v)
    buyer = party(rng, buyer_lang, buyer_country)
    while buyer.name.split()[0] == seller.name.split()[0]:
        buyer = party(rng, buyer_lang, buyer_country)
    issued = TODAY - timedelta(days=rng.randint(5, 420))
    days = rng.choice([8, 10, 14, 14, 30, 30, 45, 60])
    rates = ["0"] if reverse else wd.RATES[country]
    lines = _lines(rng, lang, layout, currency, places, rates)
    notes: list[tuple[str, date]] = []
    if layout == "statement":
        count = rng.randint(2, min(4, len(lines)))
        start = issued - timedelta(days=rng.randint(20, 30))
        base = rng.randint(10000, 89999)
        prefix = rng.choice(["LS", "DN", "", "L-"])
        notes = [(f"{prefix}{base + 7 * i}", start + timedelta(days=6 * i + rng.randint(0, 4)))
                 for i in range(count)]  # fmt: skip
        cuts = sorted(rng.sample(range(1, len(lines)), count - 1))
        for index, line in enumerate(lines):
            line.group = sum(1 for cut in cuts if index >= cut)
    if hourly:
        for index, line in enumerate(lines):
            line.day = issued - timedelta(days=3 * (len(lines) - index) + rng.randint(0, 2))
        if rng.random() < 0.5:
            name, unit = wd.TRAVEL[lang]
            price = {"SEK": Decimal("2.50"), "DKK": Decimal("3.80"), "CZK": Decimal("5.80"), "PLN": Decimal("1.15"),
                     "HUF": Decimal("120"), "RON": Decimal("2.20"), "GBP": Decimal("0.45")}.get(currency, Decimal("0.42"))  # fmt: skip
            km = Decimal(rng.randint(18, 240))
            lines.append(
                Line(name, km, unit, price, rates[0], round_to(km * price, places), day=lines[-1].day)
            )
    vat: dict[str, tuple[Decimal, Decimal]] = {}
    for line in lines:
        base = vat.get(line.rate, (Decimal(0), Decimal(0)))[0] + line.total
        vat[line.rate] = (base, Decimal(0))
    vat = {
        rate: (base, round_to(base * Decimal(rate) / 100, places)) for rate, (base, _) in sorted(vat.items())
    }
    net = sum((line.total for line in lines), Decimal(0))
    tax = sum((t for _, t in vat.values()), Decimal(0))
    total = net + tax
    paid = Decimal(0)
    if layout in ("under", "logo", "units", "hours") and rng.random() < 0.2:
        paid = round_to(total * Decimal(rng.choice(["0.25", "0.3", "0.5"])), 0)
    style = rng.choice(SWISS if country == "CH" else MONEY[lang])
    if layout == "fx":  # a foreign-currency invoice names its currency by the ISO code
        style = (style[0], style[1], style[2].replace("sym", "iso"))
    seq = rng.randint(10000, 99999)
    doc = Doc(
        lang=lang, layout=layout, country=country, currency=currency, places=places, seller=seller, buyer=buyer,
        number=invoice_number(rng, lang, issued), issued=issued, due=issued + timedelta(days=days), days=days,
        lines=lines, vat=vat, net=net, tax=tax, total=total, paid=paid, reverse=reverse, style=style,
        date_style=rng.choice(DATES[lang]),
        order_no=rng.choice([f"PO{seq}", f"{seq}", f"45{rng.randint(10000000, 99999999)}", f"B-{seq}/{issued.year % 100}"]),
        customer_no=rng.choice([f"{rng.randint(10000, 99999)}", f"K{rng.randint(1000, 9999)}", f"C-{rng.randint(100, 9999):04d}"]),
        note_no=rng.choice([f"LS{rng.randint(100000, 999999)}", f"{rng.randint(700000, 799999)}", f"DN-{rng.randint(1000, 9999)}"]),
        notes=notes,
    )  # fmt: skip
    if layout == "skonto" or (layout in ("per100", "units") and rng.random() < 0.3):
        pct = rng.choice(["2", "3", "1.5", "2"])
        off = round_to(total * Decimal(pct) / 100, places)
        doc.discount = (
            pct,
            issued + timedelta(days=min(rng.choice([7, 8, 10, 14]), days // 2)),
            off,
            total - off,
        )
    if layout == "fx":
        key = currency if home == "EUR" else home
        eur = Decimal(wd.TO_EUR[key]) * (1 + Decimal(rng.randint(-30, 30)) / 1000)
        rate = (1 / eur) if home == "EUR" else eur if currency == "EUR" else eur / Decimal(wd.TO_EUR["USD"])
        doc.home = (home, rate.quantize(Decimal("0.0001") if rate < 10 else Decimal("0.001")))
    for key in wd.LABELS:
        doc.words[key] = rng.choice(wd.LABELS[key][lang])
    for key in wd.PROSE:
        doc.words[key] = rng.choice(wd.PROSE[key][lang])
    return doc
