"""What one evals/synth14 document says: a bill or statement from a billing run — a utility, a telecom
operator, a software subscription, an insurer, a hotel, a car-rental firm, a forwarder, a law firm or a
public body — with its ids (customer, account, contract, meter, policy …), a billing period beside the
invoice date, an account summary (previous balance, payments, this invoice, amount due), a remittance slip,
and a brand beside the legal entity that issues it. The factors are drawn per document and recorded in its
truth (``_synth.factors``). Money is Decimal."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from evals.synth14.words import LANGS, items

CENT = Decimal("0.01")

SECTORS: dict[str, dict[str, Any]] = {
    # the items a bill of the sector charges, the ids it prints beside the invoice number
    "electricity": {"items": ("energy", "standing", "network"), "ids": ("customer", "contract", "meter")},
    "water": {"items": ("water", "sewage", "standing"), "ids": ("customer", "account", "meter")},
    "telecom": {"items": ("plan", "calls", "data", "device"), "ids": ("customer", "account", "contract")},
    "saas": {"items": ("subscription", "seats", "storage", "support"), "ids": ("customer", "contract")},
    "insurance": {"items": ("premium", "policy_fee"), "ids": ("customer", "policy")},
    "hotel": {"items": ("room", "breakfast", "minibar", "parking"), "ids": ("room", "customer")},
    "car": {"items": ("rental", "mileage", "fuel", "cdw"), "ids": ("agreement", "customer")},
    "freight": {"items": ("freight", "customs", "handling", "docs"), "ids": ("shipment", "customer")},
    "law": {"items": ("fees", "disbursements", "court"), "ids": ("matter", "customer")},
    "public": {"items": ("admin", "permit", "copies"), "ids": ("file", "customer")},
}

FACTORS: dict[str, tuple[str, ...]] = {
    "sector": tuple(SECTORS),
    "brand": ("none", "contained", "different"),
    # The name in big type: the legal name itself, a brand the legal name contains ("Volta" / "Volta Energie
    # Vertrieb GmbH"), or a brand unrelated to it ("Volta" / "Nordlicht Energie GmbH", "Volta is a brand of").
    "legal_place": ("footer", "sender_line", "both"),
    # Where the legal entity's identity line stands: the fine print at the foot of the page, the sender line
    # over the address window, or both.
    "account": ("none", "settled", "settled", "arrears", "credit"),
    # The account summary: none; the previous balance paid in full (amount due = this invoice); part of it
    # unpaid (amount due > this invoice); a credit carried over (amount due < this invoice).
    "slip": ("none", "giro", "detach", "payment_part"),
    # The tear-off part: none, a bank-giro / SEPA transfer form, a "detach and return" stub, a payment part
    # beside a receipt (Swiss QR-bill style) — each repeating the amount and an account or reference number.
    "due": ("label", "label", "debit"),
    # A due-date label, or a direct-debit sentence with the collection date.
    "paper": ("a4", "a4", "letter"),
    "font": ("helvetica", "times", "courier", "mixed", "narrow"),
    "placement": ("strings", "strings", "words"),
    # How the composition system emits text: one show per string, or one per word at its own position.
    "currency_sign": ("sign", "code"),
    "vat_id": ("yes", "yes", "no"),
    "iban": ("yes", "yes", "no"),
    "buyer_kind": ("person", "company"),
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
    bic: str | None = None
    reg: str | None = None
    phone: str = ""

    @property
    def town(self) -> str:
        if self.country == "GB":
            return f"{self.city} {self.postcode}"
        if self.country == "US":
            return f"{self.city} {self.postcode}"
        return f"{self.postcode} {self.city}"


@dataclass
class Line:
    pos: int
    key: str
    text: str
    quantity: Decimal
    price: Decimal
    unit: str = ""

    @property
    def net(self) -> Decimal:
        return (self.quantity * self.price).quantize(CENT, ROUND_HALF_UP)


@dataclass
class Doc14:
    lang: str
    w: dict[str, Any]
    factors: dict[str, str]
    seller: Party
    brand: str | None
    buyer: Party
    number: str
    issue: date
    due: date
    start: date
    end: date
    ids: list[tuple[str, str]]
    lines: list[Line]
    vat_rate: Decimal | None
    previous: Decimal
    payments: Decimal
    reference: str
    family: str
    size: float
    readings: tuple[int, int] | None = None
    pick: dict[str, str] = field(default_factory=dict)
    """The wording drawn for each label with several (title, number, dates, totals), so the layout and the
    check read the same words."""

    @property
    def currency(self) -> str:
        return str(self.w["currency"])

    @property
    def taxed(self) -> bool:
        return self.vat_rate is not None

    @property
    def net(self) -> Decimal:
        return sum((line.net for line in self.lines), Decimal(0))

    @property
    def tax(self) -> Decimal:
        if self.vat_rate is None:
            return Decimal("0.00")
        return (self.net * self.vat_rate / 100).quantize(CENT, ROUND_HALF_UP)

    @property
    def total(self) -> Decimal:
        return self.net + self.tax

    @property
    def amount_due(self) -> Decimal:
        return self.previous - self.payments + self.total

    def short(self, day: date) -> str:
        return str(self.w["short"]).format(d=day.day, m=day.month, y=day.year)

    def period(self) -> str:
        return self.pick["period"].format(a=self.short(self.start), b=self.short(self.end))

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

    def price(self, value: Decimal) -> str:
        """A unit price as printed (up to four decimals for metered tariffs)."""
        text = f"{value:.4f}".rstrip("0")
        if len(text.split(".")[1]) < 2:
            text = f"{value:.2f}"
        whole, frac = text.split(".")
        return self.bare(Decimal(whole)).split(str(self.w["decimal"]))[0] + str(self.w["decimal"]) + frac

    def money(self, value: Decimal) -> str:
        number, w = self.bare(value), self.w
        mark = w["currency"] if self.factors["currency_sign"] == "code" else w["sign"]
        if w["sign_before"]:
            return f"{mark}{number}" if mark in ("£", "$") else f"{mark} {number}"
        return f"{number} {mark}"


def _digits(rng: random.Random, n: int) -> str:
    return str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in range(n - 1))


VAT_SHAPES = {"GB": "GB{9}", "DE": "DE{9}", "FR": "FR{11}", "IT": "IT{11}", "ES": "ESA{8}", "BE": "BE0{9}",
              "PT": "PT5{8}", "PL": "PL{10}", "SE": "SE{10}01", "DK": "DK{8}", "CZ": "CZ{8}", "FI": "FI{8}",
              "HU": "HU{8}", "RO": "RO{8}", "TR": "{10}"}  # fmt: skip
IBAN_SHAPES = {"GB": "4a14n", "DE": "18n", "FR": "23n", "IT": "1a22n", "ES": "20n", "BE": "12n", "PT": "21n",
               "PL": "24n", "SE": "20n", "DK": "14n", "CZ": "20n", "FI": "14n", "HU": "24n", "RO": "4a16n",
               "TR": "5n1z16n"}  # fmt: skip
BICS = {"GB": "NWBKGB2L", "DE": "COBADEFFXXX", "FR": "BNPAFRPPXXX", "IT": "BCITITMM", "ES": "CAIXESBBXXX",
        "BE": "GEBABEBB", "PT": "CGDIPTPL", "PL": "PKOPPLPW", "SE": "ESSESESS", "DK": "DABADKKK",
        "CZ": "KOMBCZPP", "FI": "NDEAFIHH", "HU": "OTPVHUHB", "RO": "BTRLRO22", "TR": "TCZBTR2A"}  # fmt: skip


def _vat_checker(country: str) -> Any:
    if country == "GB":
        from stdnum.gb import vat

        return vat.is_valid
    if country == "TR":
        from stdnum.tr import vkn

        return vkn.is_valid
    from stdnum.eu import vat as eu_vat

    return eu_vat.is_valid


def draw_vat(country: str, rng: random.Random) -> str | None:
    """A VAT id (Turkey: the tax number) of the country's shape with right check digits (drawn again until
    python-stdnum accepts it); none in the United States."""
    if country == "US":
        return None
    check = _vat_checker(country)
    shape = VAT_SHAPES[country]
    for _ in range(20000):
        out, i = "", 0
        while i < len(shape):
            if shape[i] == "{":
                end = shape.index("}", i)
                out += "".join(rng.choice("0123456789") for _ in range(int(shape[i + 1 : end])))
                i = end + 1
            else:
                out += shape[i]
                i += 1
        if check(out):
            return out
    raise RuntimeError(f"no valid VAT id drawn for {country}")


def iban_check(country: str, bban: str) -> str:
    moved = bban + country + "00"
    return f"{98 - int(''.join(str(int(c, 36)) for c in moved)) % 97:02d}"


def draw_iban(country: str, rng: random.Random) -> str | None:
    """An IBAN with its mod-97 and national check digits right (drawn again until python-stdnum accepts it)."""
    from stdnum import iban as iban_module

    if country == "US":
        return None
    for _ in range(20000):
        bban = ""
        for count, kind in _shape(IBAN_SHAPES[country]):
            pool = {"a": "ABCDEFGHKLMNPRSTUVWXZ", "n": "0123456789", "z": "0"}[kind]
            bban += "".join(rng.choice(pool) for _ in range(count))
        iban = country + iban_check(country, bban) + bban
        if iban_module.is_valid(iban):
            return iban
    raise RuntimeError(f"no valid IBAN drawn for {country}")


def _shape(text: str) -> list[tuple[int, str]]:
    out, number = [], ""
    for char in text:
        if char.isdigit():
            number += char
        else:
            out.append((int(number), char))
            number = ""
    return out


def reference(lang: str, rng: random.Random) -> str:
    """The payment reference a slip prints, in the country's scheme: a Belgian structured communication
    (+++123/4567/89012+++, mod 97), a Finnish or Swedish reference number with its check digit, else an
    ISO 11649 creditor reference (RF + two check digits)."""
    if lang == "nl":
        body = _digits(rng, 10)
        check = int(body) % 97 or 97
        digits = f"{body}{check:02d}"
        return f"+++{digits[:3]}/{digits[3:7]}/{digits[7:]}+++"
    if lang == "fi":  # 7-3-1 weights from the right
        body = _digits(rng, rng.randint(6, 12))
        total = sum(int(c) * (7, 3, 1)[i % 3] for i, c in enumerate(reversed(body)))
        digits, groups = body + str((10 - total % 10) % 10), []
        while digits:  # printed in groups of five from the right
            groups.insert(0, digits[-5:])
            digits = digits[:-5]
        return " ".join(groups)
    if lang == "sv":  # OCR: Luhn check digit
        body = _digits(rng, rng.randint(8, 14))
        return body + _luhn(body)
    body = _digits(rng, rng.randint(8, 16))
    check = 98 - int(body + "271500") % 97  # "RF" = 27 15
    return f"RF{check:02d} " + " ".join(body[i : i + 4] for i in range(0, len(body), 4))


def _luhn(body: str) -> str:
    total = 0
    for i, char in enumerate(reversed(body)):
        n = int(char) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return str((10 - total % 10) % 10)


def _person(w: dict[str, Any], rng: random.Random) -> str:
    first, last = rng.choice(w["first"]), rng.choice(w["last"])
    return f"{first} {_agree(str(w['country']), first, last)}"


FEMALE = {
    "PL": {"Anna", "Katarzyna", "Magdalena", "Agnieszka"},
    "CZ": {"Jana", "Lucie", "Tereza", "Veronika"},
}


def _agree(country: str, first: str, last: str) -> str:
    """A surname agreeing with a woman's first name where the language inflects it."""
    if first not in FEMALE.get(country, ()):
        return last
    if country == "PL":
        return last[:-1] + "a" if last.endswith(("ski", "cki")) else last
    if last.endswith("ý"):
        return last[:-1] + "á"
    if last.endswith("ec"):
        return last[:-2] + "cová"
    return (last[:-1] if last.endswith("a") else last) + "ová"


def _address(w: dict[str, Any], rng: random.Random) -> tuple[str, str, str]:
    city, postcode = rng.choice(w["cities"])
    return str(rng.choice(w["streets"])).format(n=rng.randint(2, 96)), postcode, city


BRANDS = ("Volta", "Lumio", "Nexa", "Aqualis", "Telvio", "Kubix", "Stayla", "Rodo", "Cargix", "Velora",
          "Primo", "Zenka", "Orbis", "Flowa", "Tarifo")  # fmt: skip


def draw_seller(w: dict[str, Any], f: dict[str, str], rng: random.Random) -> tuple[Party, str | None]:
    """The legal entity issuing the bill, and the brand it prints in big type (None: the legal name is
    printed big)."""
    street, postcode, city = _address(w, rng)
    country = str(w["country"])
    sector = f["sector"]
    core = rng.choice(w["firm"])
    if sector == "public":
        name = str(rng.choice(w["public"])).format(city=city)
        f["brand"] = "none"
    elif sector == "law":
        a, b = rng.sample(list(w["last"]), 2)
        name = f"{a} & {b} {w['law_legal']}"
    else:
        word = w["sector"][sector]
        name = f"{core} {word} {rng.choice(w['legal'])}".replace("  ", " ")
    brand = None
    if f["brand"] == "contained" and sector not in ("public", "law"):
        brand = core
    elif f["brand"] == "different" and sector != "public":
        brand = rng.choice([b for b in BRANDS if b.casefold() not in name.casefold()])
    else:
        f["brand"] = "none"
    vat = draw_vat(country, rng) if f["vat_id"] == "yes" and sector != "public" else None
    if vat is None:
        f["vat_id"] = "no"
    iban = draw_iban(country, rng) if f["iban"] == "yes" else None
    if iban is None:
        f["iban"] = "no"
    return (
        Party(name=name, street=street, postcode=postcode, city=city, country=country, vat_id=vat, iban=iban,
              bic=BICS.get(country) if iban else None,
              reg=str(w["reg"]).format(n=_digits(rng, 6)) if sector != "public" else None,
              phone=f"{_digits(rng, 3)} {_digits(rng, 3)} {_digits(rng, 4)}"),
        brand,
    )  # fmt: skip


def draw_buyer(w: dict[str, Any], f: dict[str, str], rng: random.Random, seller: str = "") -> Party:
    street, postcode, city = _address(w, rng)
    if f["buyer_kind"] == "company":  # never named like the seller
        core = rng.choice([c for c in w["firm"] if c not in seller])
        name = f"{core} {rng.choice(w['legal'])}"
    else:
        name = _person(w, rng)
    return Party(name=name, street=street, postcode=postcode, city=city, country=str(w["country"]))


NUMBERS = ("{d10}", "{y}{d6}", "INV-{y}-{d6}", "R{d8}", "{d3}-{d7}", "FA{yy}/{d5}", "{d12}", "BL{y}{d5}")


def _number(rng: random.Random, issue: date) -> str:
    shape = rng.choice(NUMBERS)
    values = {f"d{n}": _digits(rng, n) for n in (3, 5, 6, 7, 8, 10, 12)}
    return shape.format(y=issue.year, yy=f"{issue.year % 100:02d}", **values)


ID_SHAPES = {"customer": ("{d8}", "{d10}", "K{d7}"), "account": ("{d12}", "{d4} {d4} {d4}", "{d9}"),
             "contract": ("{d10}", "V-{d8}", "{d6}/{d2}"), "meter": ("{d8}", "1ESY{d7}", "{d9}"),
             "policy": ("{d3}/{d7}", "P{d9}", "{d2}.{d6}.{d3}"), "room": ("{room}",),
             "agreement": ("{d9}", "RA{d7}"), "shipment": ("{d4}-{d6}", "SE{d8}"), "matter": ("{d4}/{yy}", "{d5}-{d3}"),
             "file": ("{d3}/{d4}/{yy}", "{d2}.{d3}-{d4}")}  # fmt: skip


def _id(kind: str, rng: random.Random, issue: date) -> str:
    values = {f"d{n}": _digits(rng, n) for n in (2, 3, 4, 5, 6, 7, 8, 9, 10, 12)}
    return rng.choice(ID_SHAPES[kind]).format(
        yy=f"{issue.year % 100:02d}", room=rng.randint(101, 518), **values
    )


def draw_lines(d: Doc14, rng: random.Random, many: int | None) -> None:
    """The charges: metered ones as consumption x tariff (prices to four decimals), standing charges per
    month, the rest in small quantities; ``many`` asks for a long bill (several subscriptions or stays)."""
    sector = d.factors["sector"]
    words = items(d.lang)
    keys = list(SECTORS[sector]["items"])
    count = many or rng.randint(2, len(keys) + 1)
    out: list[Line] = []
    months = max(1, round((d.end - d.start).days / 30))
    for pos in range(1, count + 1):
        key = keys[(pos - 1) % len(keys)]
        text = words[key]
        if many and pos > len(keys):  # a long bill: one line per phone number, or per dated entry
            if sector == "telecom":
                text = f"{text} {_digits(rng, 3)} {_digits(rng, 3)} {_digits(rng, 4)}"
            else:
                day = d.start + timedelta(days=rng.randint(0, max(0, (d.end - d.start).days)))
                text = f"{text} {d.short(day)}"
        if key in ("energy", "water"):
            used = d.readings[1] - d.readings[0] if d.readings and pos == 1 else rng.randint(40, 4000)
            quantity, price = Decimal(used), Decimal(rng.randint(800, 4200)) / 10000
            unit = "kWh" if key == "energy" else "m³"
        elif key in ("standing", "plan", "subscription", "premium"):
            quantity = Decimal(months)
            price = Decimal(rng.randint(8, 240)) + Decimal(rng.choice((0, 50, 90, 99, 25))) / 100
            unit = ""
        elif key in ("room", "rental"):
            quantity = Decimal(max(1, (d.end - d.start).days))
            price = Decimal(rng.randint(49, 320)) + Decimal(rng.choice((0, 50, 90))) / 100
            unit = ""
        elif key == "fees":
            quantity = Decimal(rng.choice(("1.5", "2", "3.25", "4.5", "6", "0.75")))
            price = Decimal(rng.choice((180, 220, 250, 295, 320, 375)))
            unit = "h"
        else:
            quantity = Decimal(rng.choice(("1", "1", "2", "3", "5")))
            price = Decimal(rng.randint(3, 380)) + Decimal(rng.choice((0, 50, 90, 25, 75))) / 100
            unit = ""
        out.append(Line(pos, key, text, quantity, price, unit))
    d.lines = out


LABELS = ("invoice", "number", "date", "period_l", "due", "total", "balance", "period")


def draw(
    lang: str, rng: random.Random, force: dict[str, str] | None = None, *, many: int | None = None
) -> Doc14:
    """One document in ``lang``: every factor drawn (``force`` fixes some), then the parties, the dates,
    the ids, the lines and the account."""
    w = LANGS[lang]
    factors = {name: rng.choice(values) for name, values in FACTORS.items()}
    factors.update(force or {})
    if lang == "en-US":
        factors["paper"] = "letter"
    seller, brand = draw_seller(w, factors, rng)
    buyer = draw_buyer(w, factors, rng, f"{seller.name} {brand or ''}")
    end = date(rng.choice((2024, 2025, 2026)), rng.randint(1, 12), 1) - timedelta(days=1)
    sector = factors["sector"]
    if sector in ("hotel", "car"):
        start = end - timedelta(days=rng.randint(1, 9))
    elif sector in ("insurance", "saas") and rng.random() < 0.4:
        start, end = end + timedelta(days=1), end + timedelta(days=365)
    else:
        start = (end.replace(day=1) - timedelta(days=rng.choice((0, 0, 31, 62)))).replace(day=1)
    issue = (end if end < start + timedelta(days=40) else start) + timedelta(days=rng.randint(1, 9))
    due = issue + timedelta(days=rng.choice((10, 14, 14, 21, 30)))
    ids = [(kind, _id(kind, rng, issue)) for kind in SECTORS[sector]["ids"]]
    readings = None
    if sector in ("electricity", "water"):
        first = rng.randint(1000, 90000)
        readings = (first, first + rng.randint(40, 4000))
    rate = None if sector == "public" else Decimal(rng.choice(w["rates"]))
    d = Doc14(lang=lang, w=w, factors=factors, seller=seller, brand=brand, buyer=buyer,
              number=_number(rng, issue), issue=issue, due=due, start=start, end=end, ids=ids, lines=[],
              vat_rate=rate, previous=Decimal(0), payments=Decimal(0), reference=reference(lang, rng),
              family=factors["font"], size=rng.choice((8.0, 8.5, 9.0, 9.5, 10.0)), readings=readings)  # fmt: skip
    draw_lines(d, rng, many)
    previous = (Decimal(rng.randint(20, 900)) + Decimal(rng.randint(0, 99)) / 100).quantize(CENT)
    if factors["account"] == "settled":
        d.previous, d.payments = previous, previous
    elif factors["account"] == "arrears":
        d.previous, d.payments = (
            previous,
            (previous * Decimal(rng.choice(("0", "0.5", "0.25")))).quantize(CENT),
        )
    elif factors["account"] == "credit":
        credit = min(previous, (d.total / 2).quantize(CENT))
        d.previous, d.payments = previous, previous + credit
    if d.amount_due == d.total and factors["account"] in ("arrears", "credit"):
        factors["account"] = "settled"
    for key in LABELS:
        d.pick[key] = str(rng.choice(w[key] if key != "period" else w["period"]))
    return d
