"""What a sixth-generator document says, before any layout: parties, lines, taxes, totals — exact Decimal
arithmetic (each line rounded to the currency's places, each rate's tax rounded once) — and the
distractors a page prints beside them (the buyer's tax id, order and delivery dates and numbers,
a cash discount, the buyer's account in a direct-debit note, cash handed over and change)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from evals.synth6.ids import draw_bic, draw_iban, fill
from evals.synth6.locales import Locale

HUNDRED = Decimal(100)

RECEIPT_LAYOUTS = frozenset({"receipt_till", "receipt_card"})
ERP_LAYOUTS = frozenset({"erp_boxes", "erp_listing"})
LONG_LAYOUTS = frozenset({"multipage_carry"})
SERVICE_LAYOUTS = frozenset({"services_hours"})


def places(loc: Locale) -> Decimal:
    return Decimal(1).scaleb(-loc.places_decimals)


def money(value: Decimal, loc: Locale) -> Decimal:
    return value.quantize(places(loc), ROUND_HALF_UP)


@dataclass(frozen=True)
class Party:
    name: str
    street: str
    postcode: str
    city: str
    country: str
    vat_id: str | None
    iban: str | None = None
    bic: str | None = None
    phone: str = ""
    email: str = ""
    account: str = ""
    """A domestic bank account where the country prints no IBAN."""


@dataclass(frozen=True)
class Line:
    pos: int
    text: str
    sku: str
    quantity: Decimal
    unit: str
    price: Decimal
    discount: Decimal
    rate: Decimal
    net: Decimal
    """The amount the line prints: net of VAT on invoices, VAT included on receipts."""


@dataclass(frozen=True)
class TaxRow:
    label: str
    rate: Decimal
    base: Decimal
    tax: Decimal


@dataclass
class Document:
    kind: str
    """``invoice``, ``credit_note`` or ``receipt`` (a receipt is an invoice to the eval)."""
    locale: Locale
    number: str
    issue: date
    due: date | None
    currency: str
    seller: Party
    buyer: Party | None
    lines: list[Line]
    taxes: list[TaxRow]
    line_total: Decimal
    shipping: Decimal
    net_total: Decimal
    tax_total: Decimal
    grand_total: Decimal
    prepaid: Decimal
    amount_due: Decimal
    gross_lines: bool
    terms_days: int
    po: str | None = None
    order_date: date | None = None
    delivery_note: str | None = None
    delivery_date: date | None = None
    customer_no: str | None = None
    preceding: str | None = None
    preceding_date: date | None = None
    skonto_pct: Decimal | None = None
    skonto_date: date | None = None
    skonto_amount: Decimal | None = None
    debit_iban: str | None = None
    cash_given: Decimal | None = None
    change: Decimal | None = None
    card: str | None = None
    at: time | None = None
    till: str = ""
    period: tuple[date, date] | None = None
    weight: Decimal | None = None
    contact: str = ""
    extras: dict[str, str] = field(default_factory=dict)

    @property
    def credit(self) -> bool:
        return self.kind == "credit_note"

    @property
    def receipt(self) -> bool:
        return self.kind == "receipt"


BRAND_PARTS = (
    ("Nor", "Kest", "Vel", "Ari", "Lum", "Tor", "Sol", "Mar", "Bri", "Zen", "Oda", "Pra"),
    ("valt", "ra", "ion", "ex", "ora", "ix", "ent", "ano", "is", "eo", "una", "ar"),
)
FIRST_NAMES = ("A.", "B.", "C.", "D.", "E.", "J.", "K.", "L.", "M.", "N.", "P.", "S.", "T.")

NUMBER_FORMS = (
    "{y}-{n4}",
    "{y}/{n4}",
    "{p}-{y2}{n4}",
    "{p}{y}{n5}",
    "{n6}",
    "{p} {y2}/{n4}",
    "{y2}{mm}-{n3}",
    "{p}{n7}",
    "{n4}/{y}",
    "{y}.{n5}",
    "{p}-{n6}",
)
"""Invoice and receipt number shapes: ``{p}`` a letter prefix, ``{y}``/``{y2}`` the year, ``{mm}`` the month,
``{nK}`` K digits."""
PREFIXES = ("INV", "RE", "F", "FA", "R", "FV", "RG", "AR", "VF", "S", "FT", "RN")


def draw_number(rng: random.Random, issue: date, form: str | None = None) -> str:
    form = form or rng.choice(NUMBER_FORMS)
    values = {
        "p": rng.choice(PREFIXES),
        "y": str(issue.year),
        "y2": f"{issue.year % 100:02d}",
        "mm": f"{issue.month:02d}",
    }
    for k in range(3, 8):
        first = str(rng.randint(1, 9))
        values[f"n{k}"] = (
            (first + "".join(str(rng.randint(0, 9)) for _ in range(k - 1)))
            if k > 4
            else f"{rng.randint(1, 10**k - 1):0{k}d}"
        )
    return form.format(**values)


def company_name(loc: Locale, rng: random.Random, city: str) -> str:
    lang = loc.language
    surnames = list(lang.surnames)
    s, s2 = rng.sample(surnames, 2)
    brand = rng.choice(BRAND_PARTS[0]) + rng.choice(BRAND_PARTS[1])
    base = rng.choice(lang.name_patterns).format(s=s, s2=s2, t=rng.choice(lang.trades), b=brand, city=city)
    return f"{base} {rng.choice(loc.legal_forms)}" if loc.legal_forms else base


def shop_name(loc: Locale, rng: random.Random, city: str) -> str:
    lang = loc.language
    brand = rng.choice(BRAND_PARTS[0]) + rng.choice(BRAND_PARTS[1])
    base = rng.choice(
        (f"{brand} Market", f"{rng.choice(lang.surnames)} {brand}", f"{brand} {city}", f"{brand}")
    )
    return f"{base} {rng.choice(loc.legal_forms)}" if loc.legal_forms and rng.random() < 0.6 else base


def address(loc: Locale, rng: random.Random) -> tuple[str, str, str]:
    postcode, city = rng.choice(loc.places)
    street = rng.choice(loc.language.streets)
    no = str(rng.randint(1, 180)) + rng.choice(("", "", "", "a", "B"))
    return (f"{street} {no}" if loc.street_first else f"{no} {street}"), postcode, city


def party(
    loc: Locale, rng: random.Random, *, shop: bool = False, vat: bool = True, bank: bool = True
) -> Party:
    street, postcode, city = address(loc, rng)
    name = shop_name(loc, rng, city) if shop else company_name(loc, rng, city)
    vat_id = loc.tax_id.show(loc.tax_id.draw(rng), rng) if vat else None
    iban = draw_iban(loc.iban, rng) if bank and loc.iban else None
    domain = "".join(c for c in name.split(" ")[0].casefold() if c.isascii() and c.isalnum()) or "mail"
    return Party(
        name=name,
        street=street,
        postcode=postcode,
        city=city,
        country=loc.country,
        vat_id=vat_id,
        iban=iban,
        bic=draw_bic(loc.country, rng) if iban else None,
        phone=fill(loc.phone, rng),
        account=fill(loc.account, rng) if bank and loc.account else "",
        email=f"{rng.choice(('info', 'billing', 'office', 'accounts'))}@{domain}.example",
    )


def _quantity(rng: random.Random, kind: str) -> tuple[Decimal, str]:
    if kind == "hours":
        return Decimal(
            rng.choice(("0.5", "1", "1.5", "2", "2.5", "3", "4", "6", "7.5", "8", "12", "16"))
        ), "hrs"
    if kind == "weight":
        return Decimal(rng.randint(150, 2400)).scaleb(-3), "kg"
    return Decimal(rng.choice((1, 1, 1, 2, 2, 3, 4, 5, 6, 10, 12, 20, 24, 50))), "pcs"


def _price(rng: random.Random, loc: Locale, low: int, high: int) -> Decimal:
    scale = {
        "HUF": 350,
        "CZK": 24,
        "SEK": 11,
        "NOK": 11,
        "DKK": 7,
        "PLN": 4,
        "RON": 5,
        "TRY": 35,
        "ZAR": 19,
    }.get(loc.currency, 1)
    value = Decimal(rng.randint(low * 100, high * 100)) / HUNDRED * scale
    if loc.places_decimals == 0:
        return value.quantize(Decimal(10) if value > 1000 else Decimal(1), ROUND_HALF_UP)
    return value.quantize(
        Decimal("0.01") if value < 100 else rng.choice((Decimal("0.01"), Decimal("0.1"), Decimal(1))),
        ROUND_HALF_UP,
    )


def draw_document(layout: str, loc: Locale, rng: random.Random) -> Document:
    lang = loc.language
    receipt = layout in RECEIPT_LAYOUTS
    erp = layout in ERP_LAYOUTS
    kind = "receipt" if receipt else ("credit_note" if rng.random() < 0.13 else "invoice")
    issue = date(2025, 1, 2) + timedelta(days=rng.randint(0, 690))
    number = draw_number(rng, issue)
    seller = party(loc, rng, shop=receipt, vat=True, bank=not receipt)
    buyer = None if receipt else party(loc, rng, vat=rng.random() < 0.7 or erp, bank=False)
    if receipt:
        count = rng.randint(2, 9)
    elif layout in LONG_LAYOUTS:
        count = rng.randint(30, 44)
    elif kind == "credit_note":
        count = rng.randint(1, 3)
    else:
        count = rng.randint(1, 9)
    mixed = len(loc.rates) > 1 and rng.random() < 0.4
    discounts = not receipt and rng.random() < 0.3
    lines: list[Line] = []
    for pos in range(1, count + 1):
        service = layout in SERVICE_LAYOUTS or (not receipt and rng.random() < 0.25)
        if receipt:
            text = rng.choice(lang.shop)
            quantity, unit = _quantity(rng, "weight" if rng.random() < 0.15 else "count")
            if unit == "pcs":
                quantity = Decimal(rng.choice((1, 1, 1, 2, 3)))
            price = _price(rng, loc, 1, 12)
        elif service:
            text = rng.choice(lang.services)
            quantity, unit = _quantity(rng, "hours") if rng.random() < 0.7 else (Decimal(1), "pcs")
            price = _price(rng, loc, 40, 160) if unit == "hrs" else _price(rng, loc, 80, 1500)
        else:
            text = rng.choice(lang.goods)
            quantity, unit = _quantity(rng, "count")
            price = _price(rng, loc, 2, 250)
        rate = rng.choice(loc.rates) if mixed else loc.rates[0]
        if receipt and len(loc.rates) > 1:
            rate = loc.rates[-1] if rng.random() < 0.6 else loc.rates[0]
        discount = (
            Decimal(rng.choice(("5", "10", "15", "3", "20", "2.5")))
            if discounts and rng.random() < 0.5
            else Decimal(0)
        )
        net = money(quantity * price * (HUNDRED - discount) / HUNDRED, loc)
        if net <= 0:
            net = money(price, loc)
            quantity = Decimal(1)
        sku = fill(rng.choice(("#####", "@@-####", "###.###", "@####-##")), rng)
        lines.append(Line(pos, text, sku, quantity, unit, price, discount, rate, net))
    line_total = sum((ln.net for ln in lines), Decimal(0))
    shipping = Decimal(0)
    if not receipt and kind == "invoice" and rng.random() < 0.25:
        shipping = _price(rng, loc, 5, 40)
    label = loc.tax_label or str(
        lang.words["tax"] if isinstance(lang.words["tax"], str) else lang.words["tax"][0]
    )
    taxes: list[TaxRow] = []
    for rate in sorted({ln.rate for ln in lines} | ({loc.rates[0]} if shipping else set()), reverse=True):
        amount = sum((ln.net for ln in lines if ln.rate == rate), Decimal(0)) + (
            shipping if rate == loc.rates[0] else 0
        )
        if receipt:
            tax = money(amount * rate / (HUNDRED + rate), loc)
            taxes.append(TaxRow(label, rate, amount - tax, tax))
        else:
            taxes.append(TaxRow(label, rate, amount, money(amount * rate / HUNDRED, loc)))
    if loc.extra_tax and not receipt:
        name, rate = loc.extra_tax
        base = sum((t.base for t in taxes), Decimal(0))
        taxes.append(TaxRow(name, rate, base, money(base * rate / HUNDRED, loc)))
    net_total = sum((t.base for t in taxes if t.label == label), Decimal(0))
    tax_total = sum((t.tax for t in taxes), Decimal(0))
    grand = net_total + tax_total
    prepaid = Decimal(0)
    if kind == "invoice" and not erp and rng.random() < 0.1:
        prepaid = money(grand * Decimal(rng.choice(("0.2", "0.3", "0.5"))), loc)
    terms = (
        0
        if receipt or kind == "credit_note" or rng.random() < 0.1
        else rng.choice((7, 10, 14, 14, 21, 30, 30, 45, 60))
    )
    doc = Document(
        kind=kind,
        locale=loc,
        number=number,
        issue=issue,
        due=issue + timedelta(days=terms) if terms else None,
        currency=loc.currency,
        seller=seller,
        buyer=buyer,
        lines=lines,
        taxes=taxes,
        line_total=line_total,
        shipping=shipping,
        net_total=net_total,
        tax_total=tax_total,
        grand_total=grand,
        prepaid=prepaid,
        amount_due=grand - prepaid,
        gross_lines=receipt,
        terms_days=terms,
    )
    _distractors(doc, layout, rng)
    return doc


def _distractors(doc: Document, layout: str, rng: random.Random) -> None:
    """Numbers, dates and amounts a page prints that are not the document's own."""
    loc = doc.locale
    if doc.receipt:
        doc.at = time(rng.randint(7, 21), rng.randint(0, 59), rng.randint(0, 59))
        doc.till = f"{rng.randint(1, 12):02d}"
        if layout == "receipt_card" or rng.random() < 0.3:
            doc.card = "************" + fill("####", rng)
            doc.extras["auth"] = fill("######", rng)
            doc.extras["terminal"] = fill("########", rng)
        else:
            step = {0: Decimal(500), 2: Decimal(5)}.get(loc.places_decimals, Decimal(5))
            if doc.currency in ("EUR", "GBP", "CHF"):
                step = Decimal(10) if doc.grand_total > 10 else Decimal(5)
            given = (doc.grand_total / step).to_integral_value(rounding=ROUND_CEILING) * step
            if given == doc.grand_total:
                given += step
            doc.cash_given, doc.change = given, given - doc.grand_total
        return
    erp = layout in ERP_LAYOUTS
    doc.customer_no = (
        fill(rng.choice(("######", "K-#####", "D####", "1#####")), rng) if erp or rng.random() < 0.6 else None
    )
    if erp or rng.random() < 0.5:
        doc.po = fill(rng.choice(("45########", "PO-#####", "B####/##", "@@-######", "#####")), rng)
        doc.order_date = doc.issue - timedelta(days=rng.randint(3, 40))
    if erp or rng.random() < 0.35:
        doc.delivery_note = fill(rng.choice(("LS-######", "8#######", "DN#####", "#####/@")), rng)
        doc.delivery_date = doc.issue - timedelta(days=rng.randint(0, 6))
    if doc.credit:
        doc.preceding = draw_number(rng, doc.issue - timedelta(days=30))
        doc.preceding_date = doc.issue - timedelta(days=rng.randint(10, 90))
    if doc.due and (erp or rng.random() < 0.2):
        doc.skonto_pct = Decimal(rng.choice(("2", "3", "1.5")))
        doc.skonto_date = doc.issue + timedelta(days=min(10, doc.terms_days - 1))
        doc.skonto_amount = money(doc.grand_total * doc.skonto_pct / HUNDRED, loc)
    if not doc.credit and loc.iban and rng.random() < 0.12:
        doc.debit_iban = draw_iban(loc.iban, rng)
    if layout in SERVICE_LAYOUTS or rng.random() < 0.1:
        start = date(doc.issue.year, doc.issue.month, 1) - timedelta(days=rng.choice((1, 31)))
        doc.period = (date(start.year, start.month, 1), start)
    if erp:
        doc.weight = Decimal(rng.randint(5, 9000)).scaleb(-1)
    doc.contact = f"{rng.choice(FIRST_NAMES)} {rng.choice(loc.language.surnames)}"
