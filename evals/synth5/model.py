"""An invoice drawn at random (deterministic by its random stream): parties, lines and amounts in Decimal
(rounded half up to the cent per line and per tax rate), and the Writer that prints numbers, money,
dates and labels the way one document of a locale does."""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from evals.synth5 import ids
from evals.synth5.locales import COUNTRY_NAMES, FIRST, LOCALES, NAMES, PLACES, Locale
from evals.synth5.words import DETAILS, GOODS, MONTHS, REGION, SERVICES, UNITS, WORDS

CENT = Decimal("0.01")
UNIT_CODES = ("C62", "HUR", "KGM", "MTR", "DAY", "SET", "LTR")


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _pattern(rng: random.Random, pattern: str) -> str:
    return "".join(
        rng.choice(string.digits) if c == "#" else rng.choice(string.ascii_uppercase) if c == "A" else c
        for c in pattern
    )


@dataclass
class Party:
    name: str
    street: str
    postcode: str
    city: str
    region: str
    country: str
    vat_id: str | None
    regs: list[tuple[str, str]] = field(default_factory=list)
    iban: str | None = None
    bic: str | None = None
    bank: str = ""
    account: list[tuple[str, str]] = field(default_factory=list)
    """national bank details where there is no IBAN: (label, value)"""
    contact: str = ""
    phone: str = ""
    email: str = ""
    web: str = ""


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
    net: Decimal
    staff: str = ""
    day: date | None = None


@dataclass
class Tax:
    rate: Decimal
    base: Decimal
    tax: Decimal


@dataclass
class Invoice:
    locale: str
    credit: bool
    number: str
    issue: date
    due: date | None
    delivery: date | None
    period: tuple[date, date] | None
    po: str | None
    order_no: str | None
    customer_no: str | None
    our_ref: str | None
    seller: Party
    buyer: Party
    currency: str
    lines: list[Line]
    shipping: Decimal
    prepaid: Decimal
    terms_days: int
    preceding: str | None
    preceding_date: date | None
    other_date: date
    other_amount: Decimal
    early: tuple[Decimal, date] | None
    taxes: list[Tax] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return "credit_note" if self.credit else "invoice"

    @property
    def line_total(self) -> Decimal:
        return sum((line.net for line in self.lines), Decimal("0"))

    @property
    def net_total(self) -> Decimal:
        return self.line_total + self.shipping

    @property
    def tax_total(self) -> Decimal:
        return sum((t.tax for t in self.taxes), Decimal("0"))

    @property
    def grand_total(self) -> Decimal:
        return self.net_total + self.tax_total

    @property
    def amount_due(self) -> Decimal:
        return self.grand_total - self.prepaid


# ------------------------------------------------------------------ parties

BANKS = {
    "en": ["Meridian Commercial Bank", "Harbour Trust Bank", "Northfield Savings Bank"],
    "de": ["Sparkasse Nordtal", "Volksbank Rheinau eG", "Raiffeisenbank Oberland"],
    "fr": ["Banque Régionale de l'Ouest", "Crédit Coopératif du Rhône", "Banque des Alpes"],
    "nl": ["Polderbank", "Coöperatieve Spaarbank Oost", "Handelsbank Noord"],
    "it": ["Banca Popolare di Valsesia", "Cassa di Risparmio del Tirreno", "Banca del Lago"],
    "es": ["Banco del Cantábrico", "Caja Rural del Ebro", "Banca Meridional"],
    "pt": ["Banco Atlântico Português", "Caixa de Crédito do Douro", "Banco do Vale"],
    "pl": ["Bank Spółdzielczy w Nadwiślu", "Bank Regionalny Pomorze", "Bank Handlowy Mazur"],
    "sv": ["Sparbanken Norrland", "Handelsbanken Väst", "Kustbanken"],
    "da": ["Sparekassen Vestjylland", "Andelsbanken Fyn", "Kystbanken"],
    "nb": ["Sparebanken Nordvest", "Fjordbanken", "Handelsbanken Midt"],
    "fi": ["Osuuspankki Pohjola-Häme", "Säästöpankki Itä", "Rannikkopankki"],
    "cs": ["Moravská spořitelna", "Česká obchodní banka Východ", "Komerční banka Jih"],
}


def company_name(rng: random.Random, loc: Locale) -> str:
    parts = NAMES[loc.lang]
    form = rng.choice(loc.forms)
    style = rng.randrange(5)
    if style == 0:
        base = f"{rng.choice(parts['family'])} {rng.choice(parts['trade'])}"
    elif style == 1:
        base = f"{rng.choice(parts['stem'])} {rng.choice(parts['trade'])}"
    elif style == 2:
        a, b = rng.sample(parts["family"], 2)
        base = f"{a} & {b}"
    elif style == 3:
        base = f"{rng.choice(parts['stem'])}"
    else:
        base = f"{rng.choice(parts['trade'])} {rng.choice(parts['family'])}"
    if loc.country == "SE" and form == "Aktiebolag":
        return f"{form}et {base}" if rng.random() < 0.3 else f"{base} AB"
    return f"{base} {form}"


def place(rng: random.Random, country: str) -> tuple[str, str, str, str]:
    spec = PLACES[country]
    city, code, region = rng.choice(spec["cities"])
    street = _pattern(rng, rng.choice(spec["streets"]).replace("{n}", str(rng.randint(1, 240))))
    return street, _pattern(rng, code), city, region


def bank_details(rng: random.Random, loc: Locale, party: Party) -> None:
    party.bank = rng.choice(BANKS[loc.lang])
    if loc.country in ids.BBAN:
        party.iban = ids.iban(loc.country, rng)
        party.bic = ids.bic(loc.country, rng)
        return
    if loc.country == "US":
        from stdnum.us import rtn

        routing = ids._until(rng, lambda r: "0" + ids._digits(r, 8, "12356789"), rtn.is_valid)
        party.account = [("routing", routing), ("account", ids._digits(rng, 10))]
    elif loc.country == "IN":
        party.account = [
            ("account", ids._digits(rng, 14)),
            (
                "ifsc",
                f"{''.join(rng.choice(string.ascii_uppercase) for _ in range(4))}0{ids._digits(rng, 6, string.digits)}",
            ),
        ]
    elif loc.country == "AU":
        party.account = [
            ("bsb", f"{ids._digits(rng, 3)}-{ids._digits(rng, 3, string.digits)}"),
            ("account", ids._digits(rng, 9)),
        ]
    elif loc.country == "MX":
        body = ids._digits(rng, 17, "0")
        weights = [3, 7, 1] * 6
        check = (10 - sum((int(d) * weights[i]) % 10 for i, d in enumerate(body)) % 10) % 10
        party.account = [("clabe", body + str(check))]
    elif loc.country == "BR":
        party.account = [("banco", rng.choice(["001", "237", "341", "104"])), ("agencia", ids._digits(rng, 4)),
                         ("conta", f"{ids._digits(rng, 5)}-{rng.randint(0, 9)}")]  # fmt: skip


PHONES = {"US": "(###) ###-####", "GB": "0113 ### ####", "IN": "+91 ##### #####", "AU": "(02) #### ####",
                             "DE": "+49 40 #######", "AT": "+43 1 ### ## ##", "CH": "+41 44 ### ## ##", "FR": "04 ## ## ## ##",
                             "BE": "+32 2 ### ## ##", "NL": "030 ### ####", "IT": "02 ########", "ES": "91 ### ## ##",
                             "MX": "55 #### ####", "PT": "21 ### ####", "BR": "(11) ####-####", "PL": "+48 22 ### ## ##",
                             "SE": "08-### ## ##", "DK": "+45 ## ## ## ##", "NO": "+47 ## ## ## ##", "FI": "09 ### ####",
                             "CZ": "+420 2## ### ###", "IE": "01 ### ####"}  # fmt: skip


def draw_party(rng: random.Random, loc: Locale, *, seller: bool) -> Party:
    street, postcode, city, region = place(rng, loc.country)
    name = company_name(rng, loc)
    if seller:
        vat, regs = ids.vat_id(loc.country, rng)
    else:
        vat, regs = (ids.buyer_vat_id(loc.country, rng) if loc.country != "US" else ""), []
    slug = "".join(c for c in name.split(" ")[0].lower() if c.isascii() and c.isalnum()) or "firma"
    tld = {"US": "com", "GB": "co.uk", "IN": "in", "AU": "com.au", "MX": "com.mx", "BR": "com.br"}.get(
        loc.country, loc.country.lower()
    )
    party = Party(
        name=name,
        street=street,
        postcode=postcode,
        city=city,
        region=region,
        country=loc.country,
        vat_id=vat or None,
        regs=regs,
        contact=f"{rng.choice(FIRST[loc.lang])} {rng.choice(NAMES[loc.lang]['family'])}",
        phone=_pattern(rng, PHONES[loc.country]),
        email=f"{rng.choice(['billing', 'accounts', 'info', 'office', 'invoice'])}@{slug}.{tld}",
        web=f"www.{slug}.{tld}",
    )
    if seller:
        bank_details(rng, loc, party)
    return party


# ------------------------------------------------------------------ lines and amounts


def _number(rng: random.Random, loc: Locale, issue: date) -> str:
    n = rng.randint(12, 99999)
    y, yy, mm = issue.year, issue.year % 100, issue.month
    generic = [
        f"INV-{y}-{n:05d}",
        f"{y}-{n:04d}",
        f"{n + 100000}",
        f"{y}{n:05d}",
        f"A{n:06d}",
        f"{yy}/{n:04d}",
    ]
    own = {
        "de": [f"RE-{y}-{n:04d}", f"R{yy}{n:05d}", f"{y}/{n:04d}"],
        "fr": [f"FA{y}-{n:05d}", f"F-{y}{mm:02d}-{n:04d}"],
        "nl": [f"F{y}-{n:04d}", f"{y}.{n:04d}"],
        "it": [f"{n}/{y}", f"{n}/PA", f"FT {n}/{yy}"],
        "es": [f"F{yy}-{n:05d}", f"{y}/A/{n:04d}", f"FRA-{n:05d}"],
        "pt": [f"FT {y}/{n}", f"FT A{y}/{n}", f"FR {y}A1/{n}"],
        "pl": [f"FV/{n}/{mm:02d}/{y}", f"{n}/{mm:02d}/{y}", f"FS {n}/{y}"],
        "sv": [f"{n + 10000}", f"F{n:06d}"],
        "da": [f"{n + 1000}", f"F-{n}"],
        "nb": [f"{n + 10000}", f"{y}{n:04d}"],
        "fi": [f"{n + 1000}", f"{y}-{n:04d}"],
        "cs": [f"{y}{n:04d}", f"FV{y}{n:05d}"],
        "en": [f"INV{n:06d}", f"SI-{n:05d}", f"{y}-{mm:02d}-{n:03d}"],
    }[loc.lang]
    if loc.country == "MX":
        own = [f"A{n}", f"F-{n:05d}", f"A-{n:04d}"]
    if loc.country == "IN":
        own = [f"INV/{yy}-{yy + 1}/{n:04d}", f"GST/{y}/{n:05d}"]
    return rng.choice(own + generic[:3])


def _po(rng: random.Random) -> str:
    return rng.choice([f"PO-{rng.randint(10000, 99999)}", f"45{rng.randint(10000000, 99999999)}", f"PO{rng.randint(100000, 999999)}",
                       f"BE-{rng.randint(2024, 2026)}-{rng.randint(100, 999)}", f"ORD/{rng.randint(1000, 9999)}", f"{rng.randint(100000, 999999)}"])  # fmt: skip


def rounded_price(rng: random.Random, low: float, high: float) -> Decimal:
    value = Decimal(str(round(rng.uniform(low, high), 2)))
    if rng.random() < 0.4:
        value = value.quantize(Decimal("1")) + rng.choice(
            [Decimal("0"), Decimal("0.50"), Decimal("0.90"), Decimal("0.95")]
        )
    return value.quantize(CENT)


def draw_lines(rng: random.Random, loc: Locale, count: int, *, service: bool, discount: bool, mixed_rates: bool,
               long_text: bool, issue: date) -> list[Line]:  # fmt: skip
    lang = loc.lang
    scale = {"INR": 60, "MXN": 17, "CZK": 23, "SEK": 10, "NOK": 10, "DKK": 7, "PLN": 4, "BRL": 5}.get(
        loc.currency, 1
    )
    out: list[Line] = []
    goods = rng.sample(GOODS[lang], min(count, len(GOODS[lang])))
    for pos in range(1, count + 1):
        if service:
            text = rng.choice(SERVICES[lang])
            unit = rng.choice(["HUR", "HUR", "HUR", "DAY"])
            quantity = Decimal(
                rng.choice(["1", "2", "3.5", "4", "6.25", "7.5", "8", "12", "16", "0.75", "22.5"])
            )
            price = rounded_price(rng, 45, 180) * scale
            staff = f"{rng.choice(FIRST[lang])} {rng.choice(NAMES[lang]['family'])}"
        else:
            text = goods[(pos - 1) % len(goods)]
            if pos > len(goods):
                text = f"{text} ({rng.choice(['B', 'C', 'XL', '2'])})"
            unit = "C62" if rng.random() < 0.85 else rng.choice(["KGM", "MTR", "SET"])
            quantity = (
                Decimal(rng.choice(["1", "2", "3", "5", "6", "10", "12", "20", "24", "50", "100"]))
                if unit in ("C62", "SET")
                else Decimal(rng.choice(["1.5", "2.25", "12.5", "40", "7.8", "125"]))
            )
            price = rounded_price(rng, 0.8, 420) * scale
            staff = ""
        price = price.quantize(CENT)
        if long_text:
            text = f"{text} – {rng.choice(DETAILS[lang])}" + (
                f"; {rng.choice(DETAILS[lang])}" if rng.random() < 0.5 else ""
            )
        disc = (
            Decimal(rng.choice(["0", "0", "5", "10", "12.5", "15", "20", "3"])) if discount else Decimal("0")
        )
        rate = rng.choice(loc.rates) if mixed_rates else loc.rates[0]
        net = cents(quantity * price * (Decimal(100) - disc) / Decimal(100))
        sku = _pattern(rng, rng.choice(["###-###", "AA-####", "######", "A####-##"]))
        out.append(Line(pos, sku, text, quantity, unit, price, disc, rate, net, staff,
                        issue - timedelta(days=rng.randint(1, 25)) if service else None))  # fmt: skip
    return out


def compute_taxes(inv: Invoice, standard: Decimal) -> None:
    bases: dict[Decimal, Decimal] = {}
    for line in inv.lines:
        bases[line.rate] = bases.get(line.rate, Decimal("0")) + line.net
    if inv.shipping:
        bases[standard] = bases.get(standard, Decimal("0")) + inv.shipping
    inv.taxes = [
        Tax(rate, base, cents(base * rate / Decimal(100)))
        for rate, base in sorted(bases.items(), reverse=True)
    ]


def _previous_month(issue: date) -> tuple[date, date]:
    end = issue.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def draw_invoice(rng: random.Random, tag: str, *, lines: tuple[int, int], credit: bool = False, service: bool = False,
                 discount: bool = False, mixed_rates: bool = False, long_text: bool = False, prepaid: bool = False,
                 shipping: float = 0.3, po: float = 0.7, due: float = 0.9) -> Invoice:  # fmt: skip
    loc = LOCALES[tag]
    issue = date(2024, 6, 1) + timedelta(days=rng.randint(0, 880))
    days = rng.choice([7, 10, 14, 14, 20, 30, 30, 30, 45, 60])
    seller = draw_party(rng, loc, seller=True)
    buyer = draw_party(rng, loc, seller=False)
    while buyer.name.split()[0] == seller.name.split()[0]:
        buyer = draw_party(rng, loc, seller=False)
    items = draw_lines(rng, loc, rng.randint(*lines), service=service, discount=discount, mixed_rates=mixed_rates,
                       long_text=long_text, issue=issue)  # fmt: skip
    scale = {"INR": 60, "MXN": 17, "CZK": 23, "SEK": 10, "NOK": 10, "DKK": 7, "PLN": 4, "BRL": 5}.get(
        loc.currency, 1
    )
    ship = (
        (rounded_price(rng, 4, 60) * scale).quantize(CENT)
        if (not service and not credit and rng.random() < shipping)
        else Decimal("0")
    )
    inv = Invoice(
        locale=tag,
        credit=credit,
        number=_number(rng, loc, issue),
        issue=issue,
        due=issue + timedelta(days=days) if (rng.random() < due or (prepaid and not credit)) else None,
        delivery=issue - timedelta(days=rng.randint(0, 6)) if not service else None,
        period=_previous_month(issue) if service else None,
        po=_po(rng) if rng.random() < po else None,
        order_no=f"{rng.choice(['SO', 'AB', 'OC', ''])}{rng.randint(10000, 99999)}"
        if rng.random() < 0.5
        else None,
        customer_no=f"{rng.choice(['K', 'C', 'D', ''])}{rng.randint(1000, 99999)}"
        if rng.random() < 0.7
        else None,
        our_ref=_pattern(rng, rng.choice(["P-####", "####/AA", "AA-###"])) if rng.random() < 0.35 else None,
        seller=seller,
        buyer=buyer,
        currency=loc.currency,
        lines=items,
        shipping=ship,
        prepaid=Decimal("0"),
        terms_days=days,
        preceding=None,
        preceding_date=None,
        other_date=issue - timedelta(days=rng.randint(8, 40)),
        other_amount=(rounded_price(rng, 50, 900) * scale).quantize(CENT),
        early=None,
    )
    if credit:
        inv.preceding = _number(rng, loc, issue - timedelta(days=30))
        inv.preceding_date = issue - timedelta(days=rng.randint(10, 60))
    compute_taxes(inv, loc.rates[0])
    if prepaid:
        inv.prepaid = cents(inv.grand_total * Decimal(rng.choice(["0.2", "0.25", "0.3", "0.5"])))
    if inv.due and rng.random() < 0.35:
        pct = Decimal(rng.choice(["2", "3", "1.5"]))
        inv.early = (
            pct,
            inv.issue + timedelta(days=min(10, inv.terms_days - 1) if inv.terms_days > 1 else 1),
        )
    return inv


# ------------------------------------------------------------------ writing one document's way


class Writer:
    """How one document prints: its separators, money placement, date pattern and its labels."""

    def __init__(self, tag: str, rng: random.Random, *, negative: bool = False) -> None:
        self.loc = LOCALES[tag]
        self.rng = rng
        self.group = rng.choice(self.loc.groups)
        self.money_pattern = rng.choice(self.loc.money)
        self.date_pattern = rng.choice(self.loc.dates)
        self.words = {**WORDS[self.loc.lang], **REGION.get(tag, {})}
        self.months = MONTHS.get(tag, MONTHS[self.loc.lang])
        self.units = UNITS[self.loc.lang]
        self.negative = negative
        self._chosen: dict[str, str] = {}
        # a sign that is not unique (kr, $ outside the US) or a bare number: the ISO code is printed elsewhere
        self.code_shown = "{c}" in self.money_pattern

    def label(self, key: str) -> str:
        if key not in self._chosen:
            self._chosen[key] = self.rng.choice(self.words[key].split("|"))
        return self._chosen[key]

    def text(self, key: str, **values: str) -> str:
        return self.label(key).format(**values)

    def number(self, value: Decimal, places: int = 2) -> str:
        text = f"{abs(value):.{places}f}"
        whole, _, fraction = text.partition(".")
        if self.loc.indian and len(whole) > 3:
            head, tail = whole[:-3], whole[-3:]
            groups = [head[max(0, i - 2) : i] for i in range(len(head), 0, -2)][::-1]
            whole = ",".join([*groups, tail])
        else:
            whole = (
                self.group.join(whole[max(0, i - 3) : i] for i in range(len(whole), 0, -3)[::-1])
                if len(whole) > 3
                else whole
            )
        out = whole + (self.loc.decimal + fraction if places else "")
        return ("-" if value < 0 else "") + out

    def quantity(self, value: Decimal) -> str:
        places = max(0, -value.normalize().as_tuple().exponent)  # type: ignore[operator]
        return self.number(value, places)

    def money(self, value: Decimal, *, signed: bool = False) -> str:
        n = self.number(-value if (signed and self.negative) else value)
        return self.money_pattern.format(n=n, s=self.loc.sign, c=self.loc.currency)

    def percent(self, rate: Decimal) -> str:
        text = f"{rate.normalize():f}".replace(".", self.loc.decimal)
        return self.loc.percent.format(r=text)

    def date(self, value: date) -> str:
        month = self.months[value.month - 1]
        mon = MONTHS["en"][value.month - 1][:3] if self.loc.lang == "en" else month[:3]
        return self.date_pattern.format(d=value.day, dd=f"{value.day:02d}", m=value.month, mm=f"{value.month:02d}",
                                        yyyy=value.year, yy=f"{value.year % 100:02d}", month=month, mon=mon)  # fmt: skip

    def country(self, code: str) -> str:
        return COUNTRY_NAMES[self.loc.lang].get(code, code)
