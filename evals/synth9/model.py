"""What one evals/synth9 document says: parties, lines, taxes, payments and every other number and date it
prints, drawn from a seeded random stream; money in Decimal, half up."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from evals.synth7.ids import draw_bic, draw_iban, draw_vat  # check-digit helpers, shared (not the engine's)
from evals.synth9.locales import LOCALES, Locale, company_name
from evals.synth9.words import ADDONS, ITEMS, PLANS, WORDS

GENERIC = ("erp_report", "erp_credit", "erp_partial", "erp_multipage", "saas_subscription", "saas_proration",
           "acct_tax_invoice", "acct_balance", "shop_order", "multicurrency")  # fmt: skip
LOCAL: dict[str, tuple[str, ...]] = {
    "de_tool": ("de-DE", "de-AT"),
    "de_kleinunternehmer": ("de-DE", "de-AT"),
    "fr_tool": ("fr-FR", "fr-BE"),
    "fr_micro": ("fr-FR",),
    "es_irpf": ("es-ES",),
    "it_ritenuta": ("it-IT",),
    "it_forfettario": ("it-IT",),
    "nordic_giro": ("sv-SE", "fi-FI", "nb-NO", "da-DK"),
    "pt_certified": ("pt-PT",),
}
LAYOUT_LOCALES: dict[str, tuple[str, ...]] = {**{name: tuple(LOCALES) for name in GENERIC}, **LOCAL}
NO_VAT = ("de_kleinunternehmer", "fr_micro", "it_forfettario")
"""Small-business invoices that charge no VAT (a note on the page says why) and print no VAT id of the seller."""


@dataclass
class Party:
    name: str
    street: str
    postcode: str
    city: str
    country: str
    vat_id: str | None
    tax_no: str | None = None
    iban: str | None = None
    bic: str | None = None

    def city_line(self) -> str:
        if self.country in ("US", "CA"):
            return self.postcode
        if self.country == "GB" or self.country == "IE":
            return f"{self.city} {self.postcode}"
        if self.country == "AU":
            return f"{self.city} {self.postcode}"
        return f"{self.postcode} {self.city}"


@dataclass
class Line:
    pos: int
    text: str
    quantity: Decimal
    unit: str
    price: Decimal
    rate: Decimal
    net: Decimal
    """What the line prints as its amount (net; tax-inclusive on shop orders)."""
    detail: str = ""
    """A second, smaller row under the description (a period, an item code); not part of the name."""


@dataclass
class Tax:
    rate: Decimal
    base: Decimal
    tax: Decimal


def cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass
class Doc:
    layout: str
    kind: str
    loc: Locale
    w: dict[str, str]
    seller: Party
    buyer: Party
    number: str
    issue: date
    due: date | None
    currency: str
    sign: str
    show_code: bool
    lines: list[Line]
    shipping: Decimal
    allowance: Decimal
    taxes: list[Tax]
    net_total: Decimal
    tax_total: Decimal
    grand_total: Decimal
    paid: Decimal
    retention: Decimal
    amount_due: Decimal
    date_pattern: str
    tax_inclusive: bool = False
    values: dict[str, object] = field(default_factory=dict)

    @property
    def credit(self) -> bool:
        return self.kind == "credit_note"

    def d(self, day: date) -> str:
        return self.loc.date(day, self.date_pattern)

    def n(self, value: Decimal) -> str:
        return self.loc.number(value)

    def m(self, value: Decimal) -> str:
        if self.values.get("negative") and value > 0:  # a credit note printed with negative amounts
            value = -value
        if self.sign in ("$", "€", "£", "R$", "zł", "Kč", "kr", "kr.") or len(self.sign) < 3:
            return self.loc.money(value, self.sign)
        return (
            f"{self.n(value)}\u00a0{self.sign}"
            if not self.loc.sign_before
            else f"{self.sign}\u00a0{self.n(value)}"
        )


PREFIX = {"en": "INV", "de": "RE", "fr": "FAC", "nl": "FACT", "es": "FAC", "it": "FATT", "pt": "FT", "pl": "FV",
          "sv": "F", "da": "F", "cs": "FV", "fi": "L", "nb": "F"}  # fmt: skip


def _number(layout: str, loc: Locale, rng: random.Random, year: int, credit: bool) -> str:
    seq = rng.randint(1, 2400)
    lang = loc.lang
    if layout.startswith("erp_"):
        prefix = PREFIX[lang]
        return (
            f"{'R' if credit else ''}{prefix}/{year}/{seq:05d}"
            if rng.random() < 0.7
            else f"{prefix}{year % 100:02d}-{seq:05d}"
        )
    if layout.startswith("saas_"):
        head = "".join(rng.choice("0123456789ABCDEF") for _ in range(8))
        return (
            f"{head}-{rng.randint(1, 30):04d}"
            if rng.random() < 0.6
            else f"{year}-{rng.randint(100000, 999999)}"
        )
    if layout.startswith("acct_"):
        return rng.choice((f"INV-{seq:04d}", str(1000 + seq), f"{year % 100:02d}{seq:04d}"))
    if layout == "shop_order":
        return rng.choice((f"{year}-{seq:06d}", f"{1000 + seq}", f"SI-{seq:05d}"))
    if layout.startswith("de_"):
        return rng.choice((f"RE-{year}-{seq:04d}", f"{year}-{seq:03d}", f"RE{year}{seq:04d}"))
    if layout.startswith("fr_"):
        return rng.choice((f"F-{year}-{seq:03d}", f"FA{year}-{seq:04d}", f"{year}{seq:04d}"))
    if layout == "es_irpf":
        return rng.choice((f"{year}/{seq:03d}", f"A-{year}-{seq:03d}", f"F{year % 100:02d}{seq:04d}"))
    if layout.startswith("it_"):
        return rng.choice((f"{seq}/{year}", f"FPR {seq}/{year % 100:02d}", f"{year}/{seq:04d}"))
    if layout == "pt_certified":
        return rng.choice((f"FT {year}/{seq}", f"FT A/{seq}", f"FR {year}A1/{seq}"))
    if lang == "pl":
        return rng.choice((f"FV/{seq}/{rng.randint(1, 12):02d}/{year}", f"{seq}/{year}"))
    if lang == "cs":
        return f"{year}{seq:06d}"
    return rng.choice((str(10000 + seq), f"{year}{seq:04d}", f"{PREFIX[lang]}-{seq:05d}"))


def _party(loc: Locale, rng: random.Random, name: str, bank: bool) -> Party:
    postcode, city = rng.choice(loc.places)
    street = rng.choice(loc.streets)
    number = str(rng.randint(1, 240))
    vat = None if loc.country in ("US", "BR") else draw_vat(loc.country, rng) if loc.country != "CA" else None
    if loc.country == "CA":
        from stdnum import luhn

        body = f"{rng.randint(10000000, 99999999)}"
        vat = f"{body}{luhn.calc_check_digit(body)} RT0001"
    return Party(
        name=name,
        street=f"{number} {street}" if loc.street_number_first else f"{street} {number}",
        postcode=postcode,
        city=city,
        country=loc.country,
        vat_id=vat,
        iban=draw_iban(loc.country, rng) if bank and loc.country not in ("US", "CA", "AU", "BR") else None,
        bic=draw_bic(loc.country, rng) if bank and loc.country not in ("US", "CA", "AU", "BR") else None,
    )


def _tax_no(loc: Locale, rng: random.Random) -> str:
    c = loc.country
    if c == "DE":
        return f"{rng.randint(10, 99)}/{rng.randint(100, 999)}/{rng.randint(10000, 99999)}"
    if c == "AT":
        return f"{rng.randint(10, 99)} {rng.randint(100, 999)}/{rng.randint(1000, 9999)}"
    if c == "FR":
        from stdnum import luhn

        siren = f"{rng.randint(10000000, 99999999)}"
        siren += luhn.calc_check_digit(siren)
        nic = f"{rng.randint(1000, 9999)}"
        nic += luhn.calc_check_digit(siren + nic)
        return f"{siren[:3]} {siren[3:6]} {siren[6:]} {nic}"  # a SIRET: the SIREN and the site number, Luhn-valid
    if c == "US":
        return f"{rng.randint(10, 99)}-{rng.randint(1000000, 9999999)}"
    if c == "BR":
        from stdnum.br import cnpj

        body = f"{rng.randint(10000000, 99999999)}0001"
        digits = body + cnpj.calc_check_digits(body)
        return f"{digits[:2]}.{digits[2:5]}.{digits[5:8]}/{digits[8:12]}-{digits[12:]}"
    return f"{rng.randint(1000000, 9999999)}"


def draw_doc(layout: str, tag: str, rng: random.Random) -> Doc:
    loc = LOCALES[tag]
    w = dict(WORDS[loc.lang])
    if loc.country == "AU":
        w.update(vat_id="ABN", tax="GST", taxes="GST")
    if loc.country in ("US", "CA"):
        w.update(tax="Sales Tax" if loc.country == "US" else "GST/HST", taxes="Tax",
                 vat_id="Tax ID" if loc.country == "US" else "GST/HST No.")  # fmt: skip
    credit = layout == "erp_credit"
    year = rng.choice((2025, 2026))
    issue = date(year, 1, 1) + timedelta(days=rng.randint(0, 360))
    names = set()

    def fresh() -> str:
        while True:
            name = company_name(loc, rng.choice(loc.surnames), rng.choice(loc.trades), rng.choice(loc.legal),
                                rng.random() < 0.5)  # fmt: skip
            if not {name.split()[0]} & names:
                names.add(name.split()[0])
                return name

    seller = _party(loc, rng, fresh(), True)
    buyer = _party(loc, rng, fresh(), False)
    seller.tax_no = _tax_no(loc, rng)
    if layout in NO_VAT:
        seller.vat_id = None
    if layout == "shop_order" and rng.random() < 0.5:  # a consumer: a person, no VAT id
        first = rng.choice(
            ("Anna", "Tomas", "Laura", "Piotr", "Sofie", "Marco", "Elin", "Jean", "Carla", "Mikko")
        )
        buyer.name, buyer.vat_id = f"{first} {rng.choice(loc.surnames)}", None
    currency, sign = loc.currency, loc.sign
    if layout == "multicurrency":
        currency, sign = ("USD", "USD") if loc.currency == "EUR" else ("EUR", "€")
    rates = loc.rates or (Decimal(0),)
    if layout in NO_VAT:
        rates = (Decimal(0),)
    tax_inclusive = layout == "shop_order"

    lines: list[Line] = []
    pool = ITEMS[loc.lang]
    if layout.startswith("saas_"):
        start = issue
        end = start + timedelta(days=rng.choice((30, 31, 364)))
        seats = Decimal(rng.choice((1, 3, 5, 12, 25)))
        plan = rng.choice(PLANS)
        price = cents(
            Decimal(rng.choice((9, 12, 15, 29, 49, 79)))
            * (Decimal(10) if loc.currency in ("SEK", "NOK", "DKK", "CZK") else 1)
        )
        lines.append(Line(1, plan, seats, "", price, rates[0], cents(seats * price),
                          f"{loc.date(start, loc.dates[-1])} – {loc.date(end, loc.dates[-1])}"))  # fmt: skip
        if layout == "saas_proration":
            used = rng.randint(5, 25)
            unused = cents(-seats * price * Decimal(30 - used) / 30)
            lines.append(Line(2, f"Unused time on {plan} after {loc.date(start - timedelta(days=30 - used), loc.dates[-1])}",
                              Decimal(1), "", unused, rates[0], unused))  # fmt: skip
            newer = rng.choice([p for p in PLANS if p != plan])
            remain = cents(seats * price * Decimal(2) * Decimal(30 - used) / 30)
            lines.append(Line(3, f"Remaining time on {newer}", Decimal(1), "", remain, rates[0], remain))
        if rng.random() < 0.6:
            addon = rng.choice(ADDONS)
            q = Decimal(rng.choice((1, 2, 10)))
            p = cents(Decimal(rng.randint(200, 2500)) / 100)
            lines.append(Line(len(lines) + 1, addon, q, "", p, rates[0], cents(q * p)))
    else:
        count = rng.randint(26, 38) if layout == "erp_multipage" else rng.randint(1, 6)
        texts = [pool[i % len(pool)] + (f" ({i // len(pool) + 1})" if i >= len(pool) else "") for i in
                 (range(count) if count > len(pool) else rng.sample(range(len(pool)), count))]  # fmt: skip
        scale = Decimal(10) if loc.currency in ("SEK", "NOK", "DKK", "CZK") else Decimal(1)
        for pos, text in enumerate(texts, 1):
            hours = rng.random() < 0.3
            quantity = (
                Decimal(rng.choice(("1", "1.5", "2", "4", "7.5", "8", "12")))
                if hours
                else Decimal(rng.choice((1, 1, 2, 3, 5, 10, 20)))
            )
            price = cents(Decimal(rng.randint(900, 60000)) / 100 * scale)
            rate = rates[0] if len(rates) == 1 or rng.random() < 0.8 else rates[1]
            lines.append(
                Line(
                    pos,
                    text,
                    quantity,
                    w["hours"] if hours else w["pcs"],
                    price,
                    rate,
                    cents(quantity * price),
                )
            )
        if layout == "it_forfettario":
            lines.append(
                Line(
                    len(lines) + 1,
                    "Rimborso imposta di bollo",
                    Decimal(1),
                    "",
                    Decimal("2.00"),
                    Decimal(0),
                    Decimal("2.00"),
                )
            )
    shipping = Decimal(0)
    allowance = Decimal(0)
    if layout == "shop_order":
        shipping = cents(Decimal(rng.choice((390, 490, 595, 699, 1250))) / 100)
        if rng.random() < 0.6:
            allowance = cents(
                sum((x.net for x in lines), Decimal(0)) * Decimal(rng.choice((5, 10, 15))) / 100
            )
    taxes: list[Tax] = []
    if tax_inclusive:
        gross = sum((x.net for x in lines), Decimal(0)) + shipping - allowance
        rate = rates[0]
        tax = cents(gross * rate / (100 + rate))
        taxes.append(Tax(rate, gross - tax, tax))
    else:
        for rate in sorted({x.rate for x in lines}, reverse=True):
            base = sum((x.net for x in lines if x.rate == rate), Decimal(0))
            taxes.append(Tax(rate, base, cents(base * rate / 100)))
    net_total = sum((t.base for t in taxes), Decimal(0))
    tax_total = sum((t.tax for t in taxes), Decimal(0))
    grand = net_total + tax_total
    paid = Decimal(0)
    if layout in ("erp_partial", "fr_tool", "acct_balance") and (
        layout == "erp_partial" or rng.random() < 0.5
    ):
        paid = cents(grand * Decimal(rng.choice((20, 30, 40, 50))) / 100)
    if layout == "saas_proration":
        paid = cents(min(grand, Decimal(rng.randint(500, 4000)) / 100))
    if layout == "shop_order" and rng.random() < 0.5:
        paid = cents(min(grand - 1, Decimal(rng.choice((10, 20, 25, 50)))))
    retention = Decimal(0)
    if layout == "es_irpf":
        retention = cents(net_total * Decimal(rng.choice((15, 7))) / 100)
    if layout == "it_ritenuta":
        retention = cents(net_total * Decimal(20) / 100)
    due_days = rng.choice((7, 10, 14, 15, 30, 30, 45, 60))
    due = None if credit and rng.random() < 0.5 else issue + timedelta(days=due_days)
    show_code = sign in ("$", "kr", "kr.") or currency != loc.currency or rng.random() < 0.5
    doc = Doc(
        layout=layout, kind="credit_note" if credit else "invoice", loc=loc, w=w, seller=seller, buyer=buyer,
        number=_number(layout, loc, rng, year, credit), issue=issue, due=due, currency=currency, sign=sign,
        show_code=show_code, lines=lines, shipping=shipping, allowance=allowance, taxes=taxes,
        net_total=net_total, tax_total=tax_total, grand_total=grand, paid=paid, retention=retention,
        amount_due=grand - paid - retention, date_pattern=rng.choice(loc.dates), tax_inclusive=tax_inclusive,
    )  # fmt: skip
    doc.values = {
        "due_days": due_days,
        "order_no": f"{rng.choice(('SO', 'S', 'PO-', '#'))}{rng.randint(10000, 99999)}",
        "order_date": issue - timedelta(days=rng.randint(1, 20)),
        "delivery_date": issue - timedelta(days=rng.randint(0, 5)),
        "period": (issue.replace(day=1) - timedelta(days=1)).replace(day=1),
        "period_end": issue.replace(day=1) - timedelta(days=1),
        "reference": f"{rng.choice(('PO', 'BE', 'REF', ''))}{rng.randint(1000, 99999)}",
        "customer_no": f"{rng.choice(('C', 'K', 'D', ''))}{rng.randint(10000, 99999)}",
        "original": _number(layout, loc, rng, year, False),
        "original_date": issue - timedelta(days=rng.randint(10, 80)),
        "paid_date": issue + timedelta(days=rng.randint(1, 6)),
        "card": f"{rng.choice(('Visa', 'Mastercard', 'Amex'))} •••• {rng.randint(1000, 9999)}",
        "rate": Decimal(rng.randint(10000, 99999)) / 10000 * (Decimal(4) if currency == "EUR" and loc.currency in ("PLN",) else
                                                            Decimal(25) if loc.currency == "CZK" else
                                                            Decimal(11) if loc.currency in ("SEK", "NOK") else
                                                            Decimal("7.4") if loc.currency == "DKK" else Decimal(1)),
        "phone": f"+{rng.randint(30, 49)} {rng.randint(100, 999)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
        "web": "www." + seller.name.split()[0].lower().replace("'", "").replace("ö", "o").replace("ä", "a") + ".example",
        "ocr": str(rng.randint(10**9, 10**11)),
        "gift": f"{rng.randint(1000, 9999)}",
        "code": rng.choice(("WELCOME10", "SPRING", "LOYAL15", "NEWS5")),
        "negative": credit and rng.random() < 0.5,
        "atcud": f"J{rng.randint(100, 999)}{rng.choice('ABCDEFGH')}{rng.randint(10, 99)}-{rng.randint(1, 2400)}",
    }  # fmt: skip
    return doc
