"""What one evals/synth13 document says: a seller (a company with its legal form, a sole trader, or a trade
name over its owner), a buyer (a company or a person), a number, dates, lines and VAT, in one language —
and how the word processor's template presents it (the factors, drawn per document and recorded in its
truth as ``_synth.factors``). Money is Decimal."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from evals.synth13.words import LANGS, surname_for

CENT = Decimal("0.01")

FACTORS: dict[str, tuple[str, ...]] = {
    "seller_kind": ("company", "sole_trader", "trade_name"),
    # A company with its legal form; a person trading under their own name; a trade name with its owner
    # named under it ("Inhaber: …", "Proprietor: …").
    "name_style": ("bold_large", "serif_large", "letter_spaced", "small_caps", "caps", "plain"),
    # How the template sets the seller's name: larger and bold, larger in a serif face, in capitals spaced
    # apart (character spacing), in small capitals, in capitals (the caps attribute), or like the text.
    "borders": ("grid", "none", "rules"),
    # The item table's borders: a grid (Word's "Table Grid"), none at all, rules above and below the rows.
    "facts": ("lines", "tab_leaders", "table"),
    # Number, dates and terms: "Label: value" lines, a tab stop with a dot leader, or a two-column table.
    "totals": ("table", "tab_leaders", "tabs"),
    # The totals: a small table under the items, right tab stops with dot leaders, or plain right tabs.
    "footer_line": ("yes", "no"),
    # The page footer repeats the seller's name with its registry, VAT id and bank details.
    "document": ("invoice", "invoice", "invoice", "invoice", "invoice", "credit_note"),
    "due": ("label", "sentence_date", "net_days", "none"),
    # A due-date label, a payment sentence with the date, a term in days only (no date printed), nothing.
    "date_style": ("label", "place_date"),
    # "Date: 03/03/2025", or a letter's date line ("Lyon, le 3 mars 2025") with no label.
    "currency_sign": ("sign", "code", "header"),
    # Amounts with the sign, with the ISO code, or bare with the currency in the column header.
    "vat_id": ("yes", "yes", "no"),
    "iban": ("yes", "yes", "no"),
    "buyer_kind": ("company", "company", "person"),
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
    accepted: list[str] = field(default_factory=list)
    """Every name a reader may honestly give (the truth lists them)."""
    owner_line: str | None = None
    reg: str | None = None
    phone: str = ""

    @property
    def town(self) -> str:
        return (
            f"{self.postcode} {self.city}" if self.country not in ("GB",) else f"{self.city} {self.postcode}"
        )


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
class Doc13:
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
    vat_rate: Decimal
    family: str
    size: float
    preceding: str | None = None
    pick: dict[str, str] = field(default_factory=dict)
    """The wording drawn for each label, so the layout and the check read the same words."""

    @property
    def credit(self) -> bool:
        return self.factors["document"] == "credit_note"

    @property
    def currency(self) -> str:
        return str(self.w["currency"])

    @property
    def net(self) -> Decimal:
        return sum((line.net for line in self.lines), Decimal(0))

    @property
    def tax(self) -> Decimal:
        return (self.net * self.vat_rate / 100).quantize(CENT, ROUND_HALF_UP)

    @property
    def total(self) -> Decimal:
        return self.net + self.tax

    def short(self, day: date) -> str:
        return str(self.w["short"]).format(d=day.day, m=day.month, y=day.year)

    def long(self, day: date) -> str:
        return str(self.w["long"]).format(d=day.day, month=self.w["months"][day.month - 1], y=day.year)

    def bare(self, value: Decimal) -> str:
        whole, frac = f"{abs(value):.2f}".split(".")
        groups = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        return (
            ("-" if value < 0 else "")
            + str(self.w["group"]).join([whole, *groups])
            + str(self.w["decimal"])
            + frac
        )

    def money(self, value: Decimal) -> str:
        """An amount as the document prints it in its text (the currency-sign factor)."""
        number, w = self.bare(value), self.w
        style = self.factors["currency_sign"]
        if style == "header":
            return number
        mark = w["currency"] if style == "code" else w["sign"]
        if w["sign_before"]:
            return f"{mark}{number}" if mark == "£" else f"{mark} {number}"
        return f"{number} {mark}"


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


VAT_SHAPES = {"GB": "GB{9}", "DE": "DE{9}", "FR": "FR{11}", "IT": "IT{11}", "ES": "ESB{8}", "NL": "NL{9}B01",
              "PT": "PT5{8}", "PL": "PL{10}", "SE": "SE{10}01", "DK": "DK{8}", "CZ": "CZ{8}"}  # fmt: skip
BBAN_DIGITS = {"GB": 14, "DE": 18, "FR": 23, "IT": 22, "ES": 20, "NL": 10, "PT": 21, "PL": 24, "SE": 20, "DK": 14,
               "CZ": 20}  # fmt: skip
CALLING = {"GB": 44, "DE": 49, "FR": 33, "IT": 39, "ES": 34, "NL": 31, "PT": 351, "PL": 48, "SE": 46, "DK": 45,
           "CZ": 420}  # fmt: skip
BANK_LETTERS = {"GB": 4, "NL": 4, "IT": 1}


def draw_vat(country: str, rng: random.Random) -> str:
    """A VAT id of the country's shape with right check digits (drawn again until python-stdnum accepts
    it), as a registered business prints its own."""
    from stdnum.eu import vat as eu_vat
    from stdnum.gb import vat as gb_vat

    check = gb_vat.is_valid if country == "GB" else eu_vat.is_valid
    for _ in range(20000):
        number = _vat_shape(country, rng)
        if check(number):
            return number
    raise RuntimeError(f"no valid VAT id drawn for {country}")


def _vat_shape(country: str, rng: random.Random) -> str:
    shape = VAT_SHAPES[country]
    out, i = "", 0
    while i < len(shape):
        if shape[i] == "{":
            end = shape.index("}", i)
            out += _digits(rng, int(shape[i + 1 : end]))
            i = end + 1
        else:
            out += shape[i]
            i += 1
    return out


def iban_check(country: str, bban: str) -> str:
    moved = bban + country + "00"
    return f"{98 - int(''.join(str(int(c, 36)) for c in moved)) % 97:02d}"


def draw_iban(country: str, rng: random.Random) -> str:
    """An IBAN as copied from a bank's letter: the mod-97 check right, and the national check digits too
    (drawn again until python-stdnum accepts it)."""
    from stdnum import iban as iban_module

    for _ in range(20000):
        letters = BANK_LETTERS.get(country, 0)
        bban = "".join(rng.choice("ABCDEFGHKLMNPRSTUVWXZ") for _ in range(letters))
        bban += _digits(rng, BBAN_DIGITS[country])
        iban = country + iban_check(country, bban) + bban
        if iban_module.is_valid(iban):
            return iban
    raise RuntimeError(f"no valid IBAN drawn for {country}")


def _person(w: dict[str, Any], rng: random.Random) -> tuple[str, str]:
    first, last = rng.choice(w["first"]), rng.choice(w["last"])
    last = surname_for(str(w["country"]), first, last)
    return f"{first} {last}", last


def _address(w: dict[str, Any], rng: random.Random) -> tuple[str, str, str]:
    city, postcode = rng.choice(w["cities"])
    return str(rng.choice(w["streets"])).format(n=rng.randint(2, 96)), postcode, city


def _company(w: dict[str, Any], rng: random.Random) -> str:
    core = rng.choice(w["firm"])
    if rng.random() < 0.5:
        core = f"{core} {rng.choice(w['trade'])}"
    return f"{core} {rng.choice(w['legal'])}"


def draw_seller(w: dict[str, Any], f: dict[str, str], rng: random.Random) -> Party:
    person, last = _person(w, rng)
    street, postcode, city = _address(w, rng)
    owner_line = None
    if f["seller_kind"] == "company":
        name = _company(w, rng)
        accepted = [name]
    elif f["seller_kind"] == "sole_trader":
        name, accepted = person, [person]
    else:
        trade = rng.choice(w["trade"])
        name = f"{last} {trade}" if w["country"] == "GB" else f"{trade} {last}"
        owner_line = str(w["owner"]).format(person=person)
        accepted = [name, person]
    country = str(w["country"])
    return Party(
        name=name, street=street, postcode=postcode, city=city, country=country,
        vat_id=draw_vat(country, rng) if f["vat_id"] == "yes" else None,
        iban=draw_iban(country, rng) if f["iban"] == "yes" else None,
        accepted=accepted, owner_line=owner_line,
        reg=str(w["reg"]).format(n=_digits(rng, 5)) if f["seller_kind"] == "company" else None,
        phone=f"+{CALLING[country]} {_digits(rng, 3)} {_digits(rng, 4)} {_digits(rng, 3)}",
    )  # fmt: skip


def draw_buyer(w: dict[str, Any], f: dict[str, str], rng: random.Random) -> Party:
    person, _ = _person(w, rng)
    street, postcode, city = _address(w, rng)
    name = _company(w, rng) if f["buyer_kind"] == "company" else person
    return Party(name=name, street=street, postcode=postcode, city=city, country=str(w["country"]),
                 accepted=[name])  # fmt: skip


NUMBERS = ("{y}-{n:04d}", "{n}/{y}", "RE{y}{n:03d}", "INV-{n:05d}", "{yy}{n:04d}", "F{y}/{n:03d}", "{n}",
           "{y}.{n:03d}")  # fmt: skip
FAMILIES = ("Liberation Serif", "Liberation Sans", "DejaVu Serif", "DejaVu Sans")
LABELS = (
    "invoice",
    "credit",
    "number",
    "credit_number",
    "date",
    "due",
    "bill_to",
    "subtotal",
    "total",
    "bank",
)


def draw(
    lang: str, rng: random.Random, force: dict[str, str] | None = None, *, lines: int | None = None
) -> Doc13:
    """One document in ``lang``: every factor drawn (``force`` fixes some), then the parties, the dates and
    the lines; ``lines`` sets how many items (a multi-page document asks for many)."""
    w = LANGS[lang]
    factors = {name: rng.choice(values) for name, values in FACTORS.items()}
    factors.update(force or {})
    seller = draw_seller(w, factors, rng)
    buyer = draw_buyer(w, factors, rng)
    issue = date(rng.choice((2024, 2025, 2026)), rng.randint(1, 12), rng.randint(1, 28))
    n = rng.randint(1, 480)
    number = rng.choice(NUMBERS).format(y=issue.year, yy=issue.year % 100, n=n)
    days = rng.choice((8, 10, 14, 30, 30, 45, 60))
    items: list[Line] = []
    for pos in range(1, (lines or rng.randint(1, 6)) + 1):
        text = str(rng.choice(w["items"]))
        quantity = Decimal(rng.choice(("1", "1", "2", "3", "4", "5", "8", "12", "1.5", "2.5", "0.5")))
        price = Decimal(rng.randint(5, 2400)) + Decimal(rng.choice((0, 0, 50, 90, 25, 75))) / 100
        items.append(Line(pos, text, quantity, price))
    doc = Doc13(lang=lang, w=w, factors=factors, seller=seller, buyer=buyer, number=number, issue=issue,
                due=issue + timedelta(days=days), days=days, lines=items, vat_rate=Decimal(rng.choice(w["rates"])),
                family=rng.choice(FAMILIES), size=rng.choice((9.0, 9.5, 10.0, 10.5, 11.0, 12.0)))  # fmt: skip
    if doc.credit:  # a credit note states no due date
        factors["due"] = "none"
    if factors["due"] in ("net_days", "none"):
        doc.due = None
    if doc.credit:
        doc.preceding = rng.choice(NUMBERS).format(
            y=issue.year, yy=issue.year % 100, n=max(1, n - rng.randint(1, 40))
        )
        if doc.preceding == number:
            doc.preceding = f"{number}-0"
    for key in LABELS:
        doc.pick[key] = str(rng.choice(w[key]))
    return doc
