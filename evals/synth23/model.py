"""The invoice evals/synth23 draws: parties with their country's legal forms, tax ids (valid check digits where
the id has one, checked by python-stdnum), bank details (an IBAN where the country uses one, else an account with
its bank code), lines, VAT per rate, an advance paid, and the forms each language prints numbers, dates and money
in. Money is Decimal, rounded half up (whole krónur where an Icelandic invoice prints no decimals)."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from evals.synth23 import words as wd

TODAY = date(2026, 12, 7)
"""The drawn dates fall in the thirteen months before this day (never the clock's)."""
EURO_IN_BULGARIA = date(2026, 1, 1)


@dataclass
class Party:
    name: str
    street: str
    postcode: str
    city: str
    country: str
    town: str
    """The town line as the country prints it ("125009, г. Москва", "Rīga, LV-1010", "LT-01103 Vilnius")."""
    tax_label: str = ""
    vat_id: str = ""
    """The seller's tax id as the truth records it (the printed form's letters and digits)."""
    vat_printed: str = ""
    second: tuple[str, str] | None = None
    """A second registry or tax-office line the page prints: (label, value) — never the truth's tax id."""
    iban: str = ""
    iban_printed: str = ""
    account: str = ""
    """The domestic account where no IBAN is printed (Russia, Malaysia, Iceland's bank-branch-account)."""
    code: str = ""
    """The bank code printed beside a domestic account (БИК, SWIFT) or the IBAN (BIC)."""
    corr: str = ""
    """A Russian bank's correspondent account (к/с)."""
    bank: str = ""
    phone: str = ""
    email: str = ""


@dataclass
class Line:
    name: str
    qty: Decimal
    unit: str
    price: Decimal
    rate: str
    total: Decimal
    day: date | None = None
    note: str = ""
    """The delivery note a statement's line was delivered with."""


@dataclass
class Doc:
    lang: str
    layout: str
    country: str
    currency: str
    places: int
    seller: Party
    buyer: Party
    number: str
    issued: date
    due: date
    lines: list[Line]
    vat: dict[str, tuple[Decimal, Decimal]]
    net: Decimal
    tax: Decimal
    total: Decimal
    paid: Decimal
    style: tuple[str, str, str, str]
    """(thousands mark, decimal mark, currency placement: after / before / tight, currency mark)."""
    date_style: str
    order_no: str
    words: dict[str, str] = field(default_factory=dict)
    english: dict[str, str] = field(default_factory=dict)
    factors: dict[str, str] = field(default_factory=dict)
    shown: set[str] = field(default_factory=set)
    """The optional truths the layout printed (due_date, vendor_vat_id, vendor_iban, po_number)."""

    @property
    def due_amount(self) -> Decimal:
        return self.total - self.paid

    def word(self, key: str, **fill: str) -> str:
        text = self.words[key]
        return text.format(**fill) if fill else text

    def num(self, amount: Decimal, places: int | None = None) -> str:
        return number(amount, self.style, self.places if places is None else places)

    def money(self, amount: Decimal) -> str:
        text = self.num(amount)
        mark = self.style[3]
        return {"after": f"{text} {mark}", "before": f"{mark} {text}", "tight": f"{mark}{text}"}[
            self.style[2]
        ]

    @property
    def mark(self) -> str:
        return self.style[3]

    def date(self, value: date) -> str:
        return day(value, self.date_style, self.lang)

    def qty(self, value: Decimal) -> str:
        text = (
            format(value.normalize(), "f") if value == value.to_integral() else format(value, "f").rstrip("0")
        )
        return text.replace(".", self.style[1])

    def rate(self, rate: str) -> str:
        text = rate.replace(".", self.style[1])
        return (
            f"%{text}"
            if self.lang == "tr"
            else f"{text}%"
            if self.lang in ("ms", "el", "ca")
            else f"{text} %"
        )

    def vat_label(self, rate: str) -> str:
        return self.word("vat", rate=self.rate(rate), bare=rate.replace(".", self.style[1]))


def round_to(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def number(amount: Decimal, style: tuple[str, ...], places: int = 2) -> str:
    group, decimal = style[0], style[1]
    sign = "-" if amount < 0 else ""
    whole, _, frac = f"{abs(amount):.{places}f}".partition(".")
    parts = []
    while len(whole) > 3:
        parts.insert(0, whole[-3:])
        whole = whole[:-3]
    parts.insert(0, whole)
    return sign + group.join(parts) + (decimal + frac if places else "")


def day(value: date, style: str, lang: str) -> str:
    """A date in the form ``style`` of language ``lang`` (long forms with the month in the case dates use)."""
    if style == "d. m. Y":
        return f"{value.day}. {value.month}. {value.year}"
    if style == "quoted":  # Russian and Ukrainian forms: «07» декабря 2026 г.
        month = wd.MONTHS[lang].split()[value.month - 1]
        return f"«{value.day:02d}» {month} {value.year} {'г.' if lang == 'ru' else 'р.'}"
    if style != "long":
        return value.strftime(style)
    month = wd.MONTHS[lang].split()[value.month - 1]
    d, y = value.day, value.year
    if lang == "ru":
        return f"{d} {month} {y} г."
    if lang == "uk":
        return f"{d} {month} {y} р."
    if lang == "bg":
        return f"{d} {month} {y} г."
    if lang == "lv":
        return f"{y}. gada {d}. {month}"
    if lang == "lt":
        return f"{y} m. {month} {d} d."
    if lang == "hr":
        return f"{d}. {month} {y}."
    if lang in ("et", "sl", "sk", "is"):
        return f"{d}. {month} {y}"
    if lang == "ca":
        return f"{d} {'d’' if month[0] in 'ao' else 'de '}{month} de {y}"
    return f"{d} {month} {y}"


# ---------------------------------------------------------------- tax ids and bank accounts


def _digits(rng: random.Random, count: int, first: str = "123456789") -> str:
    return rng.choice(first) + "".join(rng.choice("0123456789") for _ in range(count - 1))


def _valid(rng: random.Random, module: str, make: object) -> str:
    from stdnum import get_cc_module

    country, name = module.split(".")
    checker = get_cc_module(country, name)
    for _ in range(20000):
        candidate = make()  # type: ignore[operator]
        if checker.is_valid(candidate):
            return str(candidate)
    raise RuntimeError(f"no valid {module} drawn")


def tax_id(rng: random.Random, country: str) -> tuple[str, str, str, tuple[str, str] | None]:
    """(the id the truth records, its printed form, its label, a second (label, value) line or None)."""
    labels, seconds = wd.TAX_LABELS[country]
    label = rng.choice(labels)
    second_label = rng.choice(seconds) if seconds else ""
    second: tuple[str, str] | None = None
    if country == "RU":
        inn = _valid(rng, "ru.inn", lambda: _digits(rng, 10, "1234567"))
        printed = inn
        second = (second_label, f"{inn[:4]}01001")
    elif country == "UA":
        printed = _valid(rng, "ua.edrpou", lambda: _digits(rng, 8, "234"))
    elif country == "BG":
        eik = _valid(rng, "bg.vat", lambda: _digits(rng, 9, "12"))
        printed = rng.choice([f"BG{eik}", f"BG {eik}"])
        second = (second_label, eik)
    elif country == "GR":
        afm = _valid(rng, "gr.vat", lambda: _digits(rng, 9, "089"))
        printed = rng.choice([afm, afm, f"EL{afm}"])
        second = (second_label, rng.choice(wd.TAX_OFFICES["GR"]))
    elif country in ("EE", "LV", "LT", "SI", "SK"):
        module, length, first = {"EE": ("ee.kmkr", 9, "1"), "LV": ("lv.pvn", 11, "4"), "LT": ("lt.pvm", 9, "12"),
                                 "SI": ("si.ddv", 8, "123456789"), "SK": ("sk.dph", 10, "2")}[country]  # fmt: skip
        body = _valid(rng, module, lambda: _digits(rng, length, first))
        printed = f"{country}{body}"
        registry = {"EE": lambda: _valid(rng, "ee.registrikood", lambda: _digits(rng, 8, "1")),
                    "LV": lambda: body, "LT": lambda: _digits(rng, 9, "13"), "SI": lambda: _digits(rng, 7) + "000",
                    "SK": lambda: _digits(rng, 8, "345")}[country]  # fmt: skip
        second = (second_label, registry())
    elif country == "HR":
        oib = _valid(rng, "hr.oib", lambda: _digits(rng, 11))
        printed = rng.choice([oib, oib, f"HR{oib}"])
        second = (second_label, _digits(rng, 8, "0"))
    elif country == "ES":
        cif = _valid(
            rng, "es.cif", lambda: rng.choice("AB") + _digits(rng, 7, "0123456789") + rng.choice("0123456789")
        )
        printed = rng.choice([cif, f"ES{cif}", f"{cif[0]}-{cif[1:]}"])
        second = (second_label, f"Barcelona, T. {rng.randint(30000, 48000)}, F. {rng.randint(1, 220)}, "
                                f"H. B {rng.randint(100000, 599999)}")  # fmt: skip
    elif country == "IS":
        printed = str(rng.randint(10000, 140000))
        kt = _valid(rng, "is_.kennitala", lambda: f"{rng.randint(41, 68):02d}{rng.randint(1, 12):02d}"
                                                  f"{rng.randint(60, 99):02d}{rng.randint(10, 99)}{rng.randint(0, 9)}9")  # fmt: skip
        second = (second_label, f"{kt[:6]}-{kt[6:]}")
    elif country == "MY":
        printed = f"{rng.choice('BWJ')}{rng.randint(10, 24)}-{rng.randint(1800, 2312)}-{rng.randint(31000000, 32999999)}"
        second = (
            second_label,
            f"{rng.randint(2005, 2022)}0{rng.randint(10000000, 19999999)} ({rng.randint(100000, 1499999)}-{rng.choice('ADHKPTUVWX')})",
        )
    elif country == "TR":
        printed = _valid(rng, "tr.vkn", lambda: _digits(rng, 10))
        second = (second_label, rng.choice(wd.TAX_OFFICES["TR"]))
    else:
        raise ValueError(country)
    compact = "".join(c for c in printed if c.isalnum())
    return compact, printed, label, second


IBAN_BBAN = {  # country: the BBAN's shape ('#' a digit, 'A' a capital letter)
    "UA": "#" * 25, "BG": "AAAA" + "#" * 14, "GR": "#" * 23, "EE": "#" * 16, "LV": "AAAA" + "#" * 13, "LT": "#" * 16,
    "SI": "#" * 15, "SK": "#" * 20, "HR": "#" * 17, "ES": "#" * 20, "IS": "#" * 22, "TR": "#####0" + "#" * 16,
}  # fmt: skip


def iban(rng: random.Random, country: str, bank_code: str) -> str:
    """An IBAN of ``country`` with valid check digits (ISO 13616 mod 97, checked again by python-stdnum)."""
    from stdnum import iban as iban_module

    pools = {"#": "0123456789", "A": "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
    for _ in range(20000):
        bban = "".join(rng.choice(pools[c]) if c in pools else c for c in IBAN_BBAN[country])
        if country in ("BG", "LV"):
            bban = bank_code + bban[4:]
        digits = int("".join(str(int(c, 36)) for c in bban + country + "00"))
        candidate = f"{country}{98 - digits % 97:02d}{bban}"
        if iban_module.is_valid(candidate):
            return candidate
    raise RuntimeError(f"no valid IBAN of {country} drawn")


def party(rng: random.Random, lang: str, country: str, *, seller: bool) -> Party:
    form, before = rng.choice(wd.LEGAL[country])
    words = wd.NAMES[lang]
    base = rng.choice(words)
    if rng.random() < 0.3 and lang not in ("ms",):
        other = rng.choice([w for w in words if w != base])
        base = f"{base.split()[0]} {other.split()[-1]}" if " " in other else base
    if before:
        left, right = wd.QUOTES.get(country, ("", ""))
        name = f"{form} {left}{base}{right}" if rng.random() < 0.8 else f"{form} {base}"
    else:
        name = f"{base} {form}"
    streets, towns, town_form = wd.ADDRESSES[country]
    postcode, city = rng.choice(towns)
    p = Party(name, rng.choice(streets).format(n=rng.randint(2, 140)), postcode, city, country,
              town_form.format(postcode=postcode, city=city))  # fmt: skip
    p.vat_id, p.vat_printed, p.tax_label, p.second = tax_id(rng, country)
    bank, prefix = rng.choice(wd.BANKS[country])
    p.bank = bank
    p.code = f"{prefix}{country}{rng.choice(['22', '2X', 'KL', 'IS', 'XX'])}"
    if country == "RU":
        p.account = "40702810" + _digits(rng, 12, "0123456789")
        p.code = "04" + _digits(rng, 7, "0123456789")
        p.corr = "30101810" + _digits(rng, 9, "0123456789") + p.code[-3:]
    elif country == "MY":
        p.account = rng.choice([f"{rng.randint(5100, 5699)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}",
                                f"{rng.randint(8000000000, 8999999999)}"])  # fmt: skip
        p.code = f"{prefix}MYKL"
    else:
        p.iban = iban(rng, country, prefix)
        grouped = " ".join(p.iban[i : i + 4] for i in range(0, len(p.iban), 4))
        p.iban_printed = rng.choice([grouped, grouped, p.iban])
        if country == "IS":
            p.account = f"{rng.randint(101, 599):04d}-26-{rng.randint(1000, 999999):06d}"
    plain = unicodedata.normalize("NFKD", base.split()[0].lower())
    slug = "".join(c for c in plain if c.isascii() and c.isalpha()) or rng.choice(["office", "info", "firma"])
    domain = {"UA": "com.ua", "GR": "gr", "TR": "com.tr", "MY": "com.my"}.get(country, country.lower())
    p.email = f"{rng.choice(['info', 'office', 'buh', 'invoice', 'sales'])}@{slug}.{domain}"
    p.phone = (
        f"+{wd.CALLING[country]} {rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    )
    if not seller:
        p.iban = p.iban_printed = p.account = p.corr = ""
    return p


def invoice_number(rng: random.Random, lang: str, issued: date) -> str:
    seq, y, m = rng.randint(7, 4800), issued.year, issued.month
    shapes = [f"{seq}", f"{y}-{seq:04d}", f"{y % 100}{m:02d}-{seq:03d}"]
    shapes += {
        "ru": [f"{seq}", f"СЧ-{seq:05d}", f"{seq}/{y % 100}"], "uk": [f"{seq}", f"СФ-{seq:06d}", f"{seq}/{m:02d}"],
        "bg": [f"{rng.randint(1, 9999999999):010d}", f"000{rng.randint(1000000, 9999999)}"],
        "el": [f"Α{seq:05d}", f"ΤΠΥ {seq}", f"{seq:06d}"], "et": [f"{y}{seq:04d}", f"A-{seq}"],
        "lv": [f"PR{seq:05d}", f"{m:02d}/{seq}"], "lt": [f"ABC {seq:06d}", f"VS{seq:05d}"],
        "sl": [f"{y}-{seq:05d}", f"{seq:04d}-{y}"], "sk": [f"{y}{seq:06d}", f"FA{y}{seq:04d}"],
        "hr": [f"{seq}/1/1", f"{seq}-POS1-1"], "ca": [f"F{y % 100}/{seq:04d}", f"A-{seq}"],
        "is": [f"{rng.randint(100000, 999999)}", f"R-{seq:05d}"], "ms": [f"INV-{seq:05d}", f"IV{y % 100}{seq:05d}"],
        "tr": [f"GIB{y}{seq:09d}", f"ABC{y}{seq:09d}", f"A-{seq:06d}"],
    }[lang]  # fmt: skip
    return rng.choice(shapes)


def draw(rng: random.Random, layout: str, lang: str) -> Doc:
    """One invoice of ``layout`` in language ``lang``: its parties, lines and money, the forms it prints in."""
    country = wd.COUNTRY[lang]
    issued = TODAY - timedelta(days=rng.randint(3, 400))
    currency = wd.CURRENCY[country]
    styles = wd.MONEY[lang]
    if country == "BG" and issued >= EURO_IN_BULGARIA:
        currency, styles = "EUR", wd.EURO_MONEY_BG
    style = rng.choice(styles)
    places = 0 if currency == "ISK" and rng.random() < 0.8 else 2
    seller = party(rng, lang, country, seller=True)
    buyer = party(rng, lang, country, seller=False)
    while buyer.name.split()[1:2] == seller.name.split()[1:2] or buyer.name == seller.name:
        buyer = party(rng, lang, country, seller=False)
    rates = wd.RATES[country]
    scale = wd.PRICE_SCALE.get(currency, 1)
    count = {"statement": rng.randint(4, 9), "receipt": rng.randint(1, 5)}.get(layout, rng.randint(1, 8))
    lines = []
    start = issued - timedelta(days=rng.randint(20, 31))
    for index in range(count):
        rate = rates[0] if rng.random() < 0.75 else rng.choice(rates)
        qty = Decimal(rng.choice([1, 1, 2, 3, 4, 5, 6, 10, 12, 20, 25, 50, 100]))
        if rng.random() < 0.12:
            qty = Decimal(rng.choice(["0.5", "1.5", "2.25", "7.5", "12.8"]))
        cents = rng.randint(80, 4000) if qty >= 10 else rng.randint(150, 60000)
        price = round_to(Decimal(cents) / 100 * scale, places)
        line = Line(rng.choice(wd.ITEMS[lang]), qty, rng.choice(wd.UNITS[lang]), price, rate, Decimal(0))
        line.total = round_to(qty * price, places)
        if layout == "statement":
            line.day = start + timedelta(days=3 * index + rng.randint(0, 2))
            line.note = f"{rng.choice(['', 'DN-', 'N'])}{rng.randint(10000, 99999)}"
        lines.append(line)
    vat: dict[str, tuple[Decimal, Decimal]] = {}
    for line in lines:
        vat[line.rate] = (vat.get(line.rate, (Decimal(0), Decimal(0)))[0] + line.total, Decimal(0))
    vat = {
        r: (base, round_to(base * Decimal(r) / 100, places))
        for r, (base, _) in sorted(vat.items(), key=lambda kv: -Decimal(kv[0]))
    }
    net = sum((line.total for line in lines), Decimal(0))
    tax = sum((t for _, t in vat.values()), Decimal(0))
    total = net + tax
    paid = Decimal(0)
    if layout == "statement" or (layout in ("plain", "letterhead", "twocol") and rng.random() < 0.15):
        paid = round_to(total * Decimal(rng.choice(["0.2", "0.3", "0.5"])), 0)
    days = rng.choice([5, 7, 10, 14, 15, 30, 30, 45, 60])
    seq = rng.randint(1000, 99999)
    doc = Doc(
        lang=lang, layout=layout, country=country, currency=currency, places=places, seller=seller, buyer=buyer,
        number=invoice_number(rng, lang, issued), issued=issued, due=issued + timedelta(days=days), lines=lines,
        vat=vat, net=net, tax=tax, total=total, paid=paid, style=style, date_style=rng.choice(wd.DATES[lang]),
        order_no=rng.choice([f"{seq}", f"PO-{seq}", f"{issued.year}/{seq}", f"Z{seq:06d}"]),
    )  # fmt: skip
    for key, forms in wd.LABELS[lang].items():
        doc.words[key] = rng.choice(forms)
    for key, forms in wd.ENGLISH.items():
        doc.english[key] = rng.choice(forms)
    return doc
