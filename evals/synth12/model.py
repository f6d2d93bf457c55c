"""What one evals/synth12 document says: an invoice a person wrote in a word processor — the seller a
person, a trade name over its owner or a small company, with taglines and titles; the buyer a company
(with a form of address and an attention line) or a private person; identifiers typed as people type them
(check digits right or wrong); withholding, contributions, deposits, no-VAT notes; payment terms in prose.
Every choice is a factor, drawn per document and recorded in its truth (``_synth.factors``)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from evals.synth12.words import LANGS

CENT = Decimal("0.01")

FACTORS: dict[str, tuple[str, ...]] = {
    "seller_kind": ("person", "trade_name", "company"),
    # Who sells: a person (freelancer, sole trader), a trade name with its owner under it, a small company.
    "tagline": ("yes", "no"),
    # A line under the seller's name saying what they do ("Elektromeister", "Freelance Translator").
    "seller_title": ("yes", "no"),
    # An academic or professional title before a person's name ("Dott. Ing.", "Dr.", "ir.").
    "seller_emphasis": ("large_bold", "bold", "plain", "caps"),
    # The seller's name larger and bold, bold, in the text's size, or typed in capitals.
    "buyer_kind": ("company", "company", "person"),
    "salutation": ("none", "own_line", "inline"),
    # A form of address ("Herrn", "Spett.le", "Mme", "Messrs") alone on a line above the name, or before it.
    "attention": ("none", "line"),
    # An attention line under the buyer's company ("z. Hd.", "T.a.v.", "Attn:", "Alla c.a. di").
    "label_style": ("block", "inline", "tabbed", "none"),
    # The recipient labelled above the block, with one space ("To: Name"), at a tab stop, or not at all.
    "vat_id": ("valid", "invalid", "typed", "none"),
    # The seller's VAT id: random with a right check, random with a wrong one, typed as a pattern
    # ("DE123456789"), or none printed.
    "iban": ("valid", "valid", "valid", "invalid", "none"),
    "currency_sign": ("before", "after", "code", "header", "none"),
    # Amounts with the sign before or after, the ISO code, the sign only in the column header, or no
    # currency at all (the locale's currency is the truth).
    "regime": ("standard", "standard", "no_vat", "withholding"),
    # VAT charged; no VAT (small business, note why); withholding tax and contributions where the language's
    # country has them (Italian ritenuta d'acconto and contributo integrativo, Spanish IRPF, Portuguese IRS).
    "deposit": ("none", "none", "paid"),
    "due": ("label", "sentence_date", "sentence_plain", "none"),
    # A due-date label, a payment sentence with the date in it, one without a date, or nothing.
    "date_style": ("label_short", "label_long", "date_line"),
    # "Date: 12/03/2024", "Date: 12 March 2024", or a letter's "Torino, 12 aprile 2024".
    "intro": ("none", "prose"),
    "grouping": ("yes", "no"),
    # Thousands grouped or typed without separators.
}


@dataclass
class Party:
    name: str
    street: str
    postcode: str
    city: str
    country: str
    vat_id: str | None = None
    iban: str | None = None
    lines: list[str] = field(default_factory=list)
    """The block as printed (forms of address, names, attention line; address lines come after)."""
    accepted: list[str] = field(default_factory=list)
    """Every name a reader may honestly give (the truth lists them)."""
    header: list[tuple[str, str]] = field(default_factory=list)
    """A seller's letterhead lines: (text, role) with role name, owner, tagline."""
    reg: str | None = None
    person: str = ""


@dataclass
class Line:
    pos: int
    text: str
    quantity: Decimal
    price: Decimal

    @property
    def net(self) -> Decimal:
        return (self.quantity * self.price).quantize(CENT, ROUND_HALF_UP)


@dataclass
class Doc12:
    lang: str
    w: dict[str, Any]
    factors: dict[str, str]
    seller: Party
    buyer: Party
    number: str
    issue: date
    due: date | None
    days: int
    lines: list[Line]
    vat_rate: Decimal | None
    contribution_rate: Decimal | None
    withholding_rate: Decimal | None
    deposit: Decimal
    family: str
    pick: dict[str, str] = field(default_factory=dict)
    """The wording drawn for each label (so the layout and the check read the same words)."""

    @property
    def currency(self) -> str:
        return str(self.w["currency"])

    @property
    def net(self) -> Decimal:
        return sum((line.net for line in self.lines), Decimal(0))

    @property
    def contribution(self) -> Decimal:
        rate = self.contribution_rate or Decimal(0)
        return (self.net * rate / 100).quantize(CENT, ROUND_HALF_UP)

    @property
    def base(self) -> Decimal:
        return self.net + self.contribution

    @property
    def tax(self) -> Decimal:
        rate = self.vat_rate or Decimal(0)
        return (self.base * rate / 100).quantize(CENT, ROUND_HALF_UP)

    @property
    def total(self) -> Decimal:
        return self.base + self.tax

    @property
    def withheld(self) -> Decimal:
        rate = self.withholding_rate or Decimal(0)
        return (self.net * rate / 100).quantize(CENT, ROUND_HALF_UP)

    @property
    def amount_due(self) -> Decimal:
        return self.total - self.withheld - self.deposit

    def short(self, day: date) -> str:
        return str(self.w["short_date"]).format(d=day.day, m=day.month, y=day.year)

    def long(self, day: date) -> str:
        return str(self.w["long_date"]).format(d=day.day, month=self.w["months"][day.month - 1], y=day.year)

    def day(self, day: date) -> str:
        return self.long(day) if self.factors["date_style"] != "label_short" else self.short(day)

    def money(self, value: Decimal, *, sign: bool = True) -> str:
        """An amount as this document types it (grouping and the currency-sign factor)."""
        w = self.w
        whole, frac = f"{abs(value):.2f}".split(".")
        if self.factors["grouping"] == "yes":
            groups = []
            while len(whole) > 3:
                groups.insert(0, whole[-3:])
                whole = whole[:-3]
            whole = str(w["group"]).join([whole, *groups])
        number = ("-" if value < 0 else "") + whole + str(w["decimal"]) + frac
        style = self.factors["currency_sign"]
        if not sign or style in ("header", "none"):
            return number
        if style == "code":
            return f"{number} {w['currency']}" if not w["sign_before"] else f"{w['currency']} {number}"
        if style == "before":
            return f"{w['sign']}{number}" if w["sign"] == "£" else f"{w['sign']} {number}"
        return f"{number} {w['sign']}"

    def bare(self, value: Decimal) -> str:
        return self.money(value, sign=False)


def _price(text: str) -> Decimal:
    return Decimal(text.replace(" ", "").replace(".", "").replace(",", ".")) if "," in text else Decimal(text)


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _vat_valid(country: str, number: str) -> bool:
    from stdnum.cz import dic as cz
    from stdnum.de import vat as de
    from stdnum.es import nif as es
    from stdnum.fr import tva as fr
    from stdnum.gb import vat as gb
    from stdnum.it import iva as it
    from stdnum.nl import btw as nl
    from stdnum.pl import nip as pl
    from stdnum.pt import nif as pt
    from stdnum.se import vat as se

    module: Any = {
        "DE": de,
        "ES": es,
        "FR": fr,
        "GB": gb,
        "IT": it,
        "NL": nl,
        "PL": pl,
        "PT": pt,
        "SE": se,
        "CZ": cz,
    }[country]
    return bool(module.is_valid(number))


TYPED = {"DE": "DE123456789", "FR": "FR12345678901", "IT": "IT12345678901", "ES": "ESB12345678",
         "NL": "NL123456789B01", "PT": "PT123456789", "GB": "GB123456789", "PL": "PL1234567890",
         "SE": "SE123456789001", "CZ": "CZ12345678"}  # fmt: skip


def _random_vat(country: str, rng: random.Random) -> str:
    body = {
        "DE": lambda: _digits(rng, 9), "FR": lambda: _digits(rng, 11), "IT": lambda: _digits(rng, 11),
        "ES": lambda: rng.choice("ABEGH") + _digits(rng, 8), "NL": lambda: _digits(rng, 9) + "B01",
        "PT": lambda: rng.choice("125") + _digits(rng, 8), "GB": lambda: _digits(rng, 9),
        "PL": lambda: _digits(rng, 10), "SE": lambda: rng.choice("25") + _digits(rng, 9) + "01",
        "CZ": lambda: rng.choice("2456") + _digits(rng, 7),
    }[country]()  # fmt: skip
    return country + body


def draw_vat(country: str, kind: str, rng: random.Random) -> str | None:
    """A VAT id as people type it: ``valid`` (right check digits), ``invalid`` (wrong ones), ``typed``
    (a pattern such as DE123456789; valid or not as it happens)."""
    if kind == "none":
        return None
    if kind == "typed":
        return TYPED[country]
    for _ in range(5000):
        number = _random_vat(country, rng)
        if _vat_valid(country, number) == (kind == "valid"):
            return number
    raise RuntimeError(f"no {kind} VAT id drawn for {country}")


IBAN_BBAN = {"DE": "n18", "FR": "n23", "IT": "a1n22", "ES": "n20", "NL": "A4n10", "PT": "n21", "GB": "A4n14",
             "PL": "n24", "SE": "n20", "CZ": "n20"}  # fmt: skip


def _iban_check(country: str, bban: str) -> str:
    moved = bban + country + "00"
    number = int("".join(str(int(c, 36)) for c in moved))
    return f"{98 - number % 97:02d}"


def draw_iban(country: str, kind: str, rng: random.Random) -> str | None:
    """An IBAN: ``valid`` (mod 97 right, as copied from a bank letter) or ``invalid`` (a typo in the check)."""
    if kind == "none":
        return None
    spec, bban = IBAN_BBAN[country], ""
    if spec.startswith("a1"):
        bban = rng.choice("ABCDEFGHKLMNPRSTUVXZ") + _digits(rng, 22)
    elif spec.startswith("A4"):
        bban = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4)) + _digits(
            rng, int(spec[3:])
        )
    else:
        bban = _digits(rng, int(spec[1:]))
    check = _iban_check(country, bban)
    if kind == "valid" and not _bank_valid(country + check + bban):  # national check digits (ES, FR …) too
        return draw_iban(country, kind, rng)
    if kind == "invalid":
        check = f"{(int(check) + rng.randint(1, 9)) % 100:02d}"
        if check == _iban_check(country, bban):
            check = f"{(int(check) + 1) % 100:02d}"
    return country + check + bban


def _bank_valid(iban: str) -> bool:
    from stdnum import iban as iban_module

    return bool(iban_module.is_valid(iban))


def iban_valid(iban: str) -> bool:
    return _iban_check(iban[:2], iban[4:]) == iban[2:4]


def _person(w: dict[str, Any], rng: random.Random) -> tuple[str, str, str]:
    first, last = rng.choice(w["first"]), rng.choice(w["last"])
    if w.get("gendered_last"):  # surnames that agree with the first name (-ska/-ski, -ová/-ák)
        last = rng.choice([x for x in w["last"] if x.endswith(("a", "á")) == first.endswith("a")])
    return first, last, f"{first} {last}"


def _address(w: dict[str, Any], rng: random.Random) -> tuple[str, str, str]:
    city, postcode = rng.choice(w["cities"])
    return rng.choice(w["streets"]).format(n=rng.randint(2, 88)), postcode, city


def _company(w: dict[str, Any], rng: random.Random) -> str:
    core = rng.choice(w["company_words"])
    kind = rng.choice(w["company_kinds"])
    return (
        f"{core} {kind} {rng.choice(w['legal'])}"
        if rng.random() < 0.7
        else f"{kind} {core} {rng.choice(w['legal'])}"
    )


def draw_seller(w: dict[str, Any], f: dict[str, str], rng: random.Random) -> Party:
    first, last, person = _person(w, rng)
    street, postcode, city = _address(w, rng)
    titled = f"{rng.choice(w['titles'])} {person}" if f["seller_title"] == "yes" else person
    header: list[tuple[str, str]] = []
    if f["seller_kind"] == "person":
        name, accepted = titled, [titled, person]
        header.append((titled, "name"))
    elif f["seller_kind"] == "trade_name":
        trade = rng.choice(w["trade"]).format(last=last, LAST=last.upper())
        owner = rng.choice(w["owner"])
        owner_line = owner.format(person=titled, last=last, firstname=first, trade=trade)
        if "{trade}" in owner:  # "Jane Smith t/a Smith Plumbing": the person heads the page
            header += [(titled, "name"), (owner_line, "owner")]
            name, accepted = titled, [titled, person, trade]
        else:
            header += [(trade, "name"), (owner_line, "owner")]
            name, accepted = trade, [trade, titled, person]
            if "&" in owner:  # "di Rossi Marco & C. s.a.s.": the partnership's own name is honest too
                accepted.append(owner_line.split(" ", 1)[1])
    else:
        name = _company(w, rng)
        accepted = [name]
        header.append((name, "name"))
    if f["tagline"] == "yes":
        header.insert(1, (rng.choice(w["taglines"]), "tagline"))
    country = str(w["country"])
    vat = draw_vat(country, f["vat_id"], rng)
    iban = draw_iban(country, f["iban"], rng)
    reg = (
        f"{rng.choice(w['reg_label'])} {_digits(rng, 2)}/{_digits(rng, 3)}/{_digits(rng, 5)}"
        if rng.random() < 0.5
        else None
    )
    party = Party(name=name, street=street, postcode=postcode, city=city, country=country, vat_id=vat, iban=iban,
                  accepted=list(dict.fromkeys(accepted)), header=header, reg=reg, person=person)  # fmt: skip
    return party


def draw_buyer(w: dict[str, Any], f: dict[str, str], rng: random.Random) -> Party:
    person = _person(w, rng)[2]
    street, postcode, city = _address(w, rng)
    lines: list[str] = []
    if f["buyer_kind"] == "company":
        name = _company(w, rng)
        form = rng.choice(w["firm_forms"]) if w["firm_forms"] and f["salutation"] != "none" else ""
        if form and f["salutation"] == "inline":
            lines.append(f"{form} {name}")
        else:
            lines += [x for x in (form, name) if x]
        if f["attention"] == "line":
            contact = f"{rng.choice(w['first'])} {rng.choice(w['last'])}"
            lines.append(rng.choice(w["attn"]).format(p=contact))
    else:
        name = person
        form = rng.choice(w["person_forms"]) if f["salutation"] != "none" else ""
        if form and f["salutation"] == "inline":
            lines.append(f"{form} {name}")
        else:
            lines += [x for x in (form, name) if x]
    return Party(name=name, street=street, postcode=postcode, city=city, country=str(w["country"]), lines=lines,
                 accepted=[name], person=person)  # fmt: skip


NUMBERS = ("{y}-{n:03d}", "{n}/{y}", "R{y}{n:03d}", "INV-{n:04d}", "{n:02d}-{yy}", "F{y}-{n:02d}", "{y}/{n}",
           "{yy}{n:03d}")  # fmt: skip

FAMILIES = ("DejaVu Sans", "Liberation Sans", "Liberation Serif", "DejaVu Serif")


def draw_factors(lang: str, rng: random.Random) -> dict[str, str]:
    f = {name: rng.choice(options) for name, options in FACTORS.items()}
    w = LANGS[lang]
    if f["regime"] == "withholding" and not w["withholding"]:
        f["regime"] = "standard"
    if f["buyer_kind"] == "person":
        f["attention"] = "none"
    elif not w["firm_forms"] and f["salutation"] != "none":
        f["salutation"] = "none"
    if f["seller_kind"] == "company":
        f["seller_title"] = "no"
    return f


def draw(lang: str, rng: random.Random, force: dict[str, str] | None = None) -> Doc12:
    """One document; ``force`` sets some factors (tests), the rest drawn as always."""
    w = LANGS[lang]
    factors = {**draw_factors(lang, rng), **(force or {})}
    seller = draw_seller(w, factors, rng)
    buyer = draw_buyer(w, factors, rng)
    issue = date(2023, 1, 1) + timedelta(days=rng.randint(0, 1090))
    days = rng.choice((7, 10, 14, 14, 30, 30, 60))
    n = rng.randint(1, 148)
    number = rng.choice(NUMBERS).format(y=issue.year, yy=issue.year % 100, n=n)
    picks = rng.sample(w["services"], rng.randint(1, min(5, len(w["services"]))))
    lines = []
    for pos, (text, price) in enumerate(picks, 1):
        p = _price(price)
        if p < 1:
            qty = Decimal(rng.randint(8, 40) * 100)
        elif "," in price or "." in price:
            qty = Decimal(rng.choice((1, 1, 2, 3, 4, 6, 8))) if p < 150 else Decimal(1)
        else:
            qty = Decimal(1)
        if rng.random() < 0.2 and p < 150 and p >= 1:
            qty = Decimal(rng.choice(("1.5", "2.5", "3.5", "7.5")))
        lines.append(Line(pos, text, qty, p))
    regime = factors["regime"]
    vat_rate = None if regime == "no_vat" else Decimal(rng.choice(w["vat_rates"]))
    contribution = None
    withholding = None
    if regime == "withholding":
        withholding = Decimal(w["withholding_rate"])
        if w["contribution"] and rng.random() < 0.6:
            contribution = Decimal(w["contribution_rate"])
    doc = Doc12(lang=lang, w=w, factors=factors, seller=seller, buyer=buyer, number=number, issue=issue,
                due=issue + timedelta(days=days), days=days, lines=lines, vat_rate=vat_rate,
                contribution_rate=contribution, withholding_rate=withholding, deposit=Decimal(0),
                family=rng.choice(FAMILIES))  # fmt: skip
    if factors["deposit"] == "paid":
        doc.deposit = (
            (doc.total * Decimal(rng.choice(("0.3", "0.5", "0.25")))).quantize(Decimal(1)).quantize(CENT)
        )
        if doc.deposit <= 0 or doc.deposit >= doc.total - doc.withheld:
            doc.deposit = Decimal(0)
            factors["deposit"] = "none"
    if factors["due"] in ("sentence_plain", "none"):
        doc.due = None
    for key in ("title", "number", "date", "due", "to_block", "to_inline", "subtotal", "vat", "total", "deposit",
                "due_amount", "withholding", "contribution", "no_vat", "intro", "pay_due", "pay_plain", "bank",
                "thanks", "vat_label", "date_line", "work", "from"):  # fmt: skip
        options = w[key]
        doc.pick[key] = rng.choice(options) if options else ""
    doc.pick["date_line_form"] = rng.choice(("long", "long", "short"))  # "Dortmund, den 15.01.2025"
    doc.pick["work"] = doc.pick["work"].format(d=doc.short(issue - timedelta(days=rng.randint(3, 20))),
                                               m=w["months"][(issue.month - 2) % 12])  # fmt: skip
    return doc
