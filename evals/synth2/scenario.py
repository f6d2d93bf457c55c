"""What one generated document is: a SynthInvoice (evals/synth/model.py, the EN 16931 arithmetic the
truth is projected from) and a Sheet, everything its template prints, formatted once in the
document's own conventions.

Each template names the kind of business that sends it (sector), the countries it is drawn for, and
its line counts. Invoices are drawn from the country's data (countries.toml) and the language's words
(words/*.toml): a freelancer's hours, a utility's kWh over a billing period, a wholesaler's 25-70
article lines over several pages, a craftsman's labour and material with a deposit paid, …
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from evals.synth.model import AllowanceCharge, Line, SynthInvoice, TaxCategory, cents
from evals.synth2 import identifiers
from evals.synth2.formats import Style
from evals.synth2.knowledge import Labels, Locale
from evals.synth2.parties import PrintedParty, consumer, fill, make_party, person_name
from evals.synth2.spelled import indian_words, polish_words

ZERO = Decimal("0")
FIRST_DAY = date(2024, 9, 2)
LAST_DAY = date(2025, 7, 25)
EU = frozenset({"AT", "BE", "CZ", "ES", "FI", "HU", "IE", "IT", "NL", "PL", "PT", "RO"})


@dataclass(frozen=True)
class Template:
    name: str
    sectors: tuple[str, ...]
    countries: tuple[str, ...]
    lines: tuple[int, int]
    seller_person: float = 0.0
    buyer_person: float = 0.0
    cross_border: float = 0.0
    credit: float = 0.06


TEMPLATES: dict[str, Template] = {
    t.name: t
    for t in (
        Template("freelancer", ("services",), ("AT", "NL", "BE", "ES", "IT", "PT", "PL", "CZ", "FI", "IE", "CA",
                 "HU", "RO", "NO", "CH"), (1, 4), seller_person=1.0, cross_border=0.15),
        Template("saas", ("saas",), ("US", "IE", "AU", "CH", "CA", "NL", "FI", "NO", "IN", "PL"), (1, 4),
                 cross_border=0.3, credit=0.04),
        Template("utility", ("utility",), ("AT", "NL", "IT", "ES", "PT", "PL", "CZ", "RO", "HU", "FI", "NO", "BE",
                 "AU", "US"), (4, 7), buyer_person=0.7, credit=0.0),
        Template("wholesale", ("goods",), ("AT", "CH", "NL", "PL", "CZ", "IT", "ES", "BE", "PT", "RO", "HU", "US",
                 "IE"), (26, 70), cross_border=0.15),
        Template("craftsman", ("craft",), ("AT", "CH", "NO", "FI", "HU", "NL", "CZ", "PL", "CA", "BE", "AU", "IT",
                 "ES", "RO", "PT"), (4, 10), buyer_person=0.5),
        Template("billship", ("goods",), ("US", "CA", "AU", "IE"), (2, 9)),
        Template("nordic", ("services", "goods", "craft"), ("NO", "FI"), (1, 7), buyer_person=0.2, credit=0.03),
        Template("factura_es", ("goods", "services"), ("ES",), (2, 10), cross_border=0.1),
        Template("fattura_it", ("goods", "services"), ("IT",), (2, 10), cross_border=0.1),
        Template("swiss_qr", ("services", "craft", "goods"), ("CH",), (1, 6), buyer_person=0.3, credit=0.0),
        Template("gst_india", ("goods", "services"), ("IN",), (2, 10)),
        Template("au_tax", ("services", "goods", "craft"), ("AU",), (1, 8), buyer_person=0.2),
        Template("faktura_pl", ("goods", "services"), ("PL",), (1, 10), cross_border=0.1),
        Template("formal_boxed", ("goods", "services", "craft"), ("CZ", "RO", "HU"), (2, 10), cross_border=0.1),
        Template("fatura_pt", ("goods", "services"), ("PT",), (1, 10), cross_border=0.1),
        Template("agency", ("services",), ("NL", "IE", "BE", "AT", "IT", "ES", "AU", "US", "CA", "FI"), (2, 6),
                 cross_border=0.15),
    )
}  # fmt: skip


@dataclass
class PrintedLine:
    line: Line
    pos: str
    sku: str | None
    name: str
    detail: str | None
    qty: str
    unit: str
    price: str
    discount: str | None
    total: str
    rate: str
    tax: str
    gross: str
    """The line's amount with its tax (a column some layouts print)."""
    hsn: str | None = None
    group: str | None = None
    """Craftsman: labour or material; wholesale: the delivery note the line was shipped on."""


@dataclass
class TaxRow:
    label: str
    rate: str
    base: str
    tax: str


@dataclass
class Sheet:
    """Everything a template prints, formatted."""

    template: str
    locale: Locale
    L: Labels
    f: Style
    rng: random.Random
    invoice: SynthInvoice
    credit: bool
    title: str
    number_label: str
    seller: PrintedParty
    buyer: PrintedParty
    ship_to: PrintedParty | None
    issue: str
    due: str | None
    delivery: str | None
    period: tuple[str, str] | None
    customer_no: str | None
    po_text: str | None
    delivery_note: str | None
    preceding: str | None
    lines: list[PrintedLine]
    adjustments: list[tuple[str, str, bool]]
    """Header allowances and charges: (reason, amount, is_charge)."""
    line_total: str
    net_total: str
    taxes: list[TaxRow]
    tax_total: str
    grand_total: str
    prepaid: str | None
    amount_due: str
    grand_money: str
    due_money: str
    terms: str
    notes: list[str]
    exemption: str | None
    stamp: str | None
    currency_note: str | None
    payment_reference: str | None
    payment_reference_label: str
    iban_printed: str | None
    extras: dict[str, Any] = field(default_factory=dict)

    def money(self, value: Decimal) -> str:
        return self.f.money(value)


# ------------------------------------------------------------------------------------------ drawing


def _issue_date(rng: random.Random) -> date:
    span = (LAST_DAY - FIRST_DAY).days
    day = FIRST_DAY + timedelta(days=rng.randrange(span))
    while day.weekday() >= 5 and rng.random() < 0.85:
        day -= timedelta(days=1)
    return day


def _price(rng: random.Random, locale: Locale, low: float, high: float) -> tuple[Decimal, int | None]:
    """(net unit price, printed decimals) in the country's currency."""
    factor = Decimal(str(locale.get("price_factor", "1")))
    value = Decimal(str(rng.uniform(low, high))) * factor
    if locale.get("whole_prices"):
        if locale.minor_digits == 0 and value >= 100:
            return max(Decimal(100), (value / 100).quantize(Decimal(1)) * 100), 0
        return max(Decimal(1), value.quantize(Decimal(1))), (0 if locale.minor_digits == 0 else None)
    if high * float(factor) < 1:
        return value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP), 4
    if value >= 20 and rng.random() < 0.5:
        ending = rng.choice([Decimal("0"), Decimal("0.90"), Decimal("0.50"), Decimal("0.95")])
        return value.quantize(Decimal(1)) + ending, 2
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), None


def _quantity(rng: random.Random, unit: str, sector: str, hint: list[int] | None, whole: bool) -> Decimal:
    if hint:
        return Decimal(rng.randint(hint[0], hint[1]))
    if unit == "HUR":
        if whole:
            return Decimal(rng.randint(1, 24))
        return Decimal(rng.randint(1, 64)) / 2 if sector != "services" else Decimal(rng.randint(2, 120)) / 4
    if unit in ("LS", "ANN", "SET"):
        return Decimal(1)
    if unit == "DAY":
        return Decimal(rng.randint(1, 12))
    if unit == "MON":
        return Decimal(rng.choice([1, 1, 1, 3, 6, 12]))
    if unit in ("MTR",):
        return Decimal(rng.randint(2, 120)) / (1 if whole else 2)
    if unit == "MTK":
        return Decimal(rng.randint(40, 1800)) / (1 if whole else 10)
    if unit == "KWH":
        return Decimal(rng.randint(80, 4500))
    if unit == "MTQ":
        return Decimal(rng.randint(5, 180))
    if unit in ("KGM",):
        return Decimal(rng.randint(10, 2500)) / (1 if whole else 10)
    if sector == "goods":
        return Decimal(rng.choice([1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 24, 25, 30, 40, 50, 100]))
    return Decimal(rng.randint(1, 12))


def _whole_hundreds(locale: Locale, price: Decimal, quantity: Decimal) -> Decimal:
    """A currency without minor units: every line total a multiple of 100 so each tax is whole."""
    if locale.minor_digits != 0 or price % 100 == 0:
        return quantity
    return max(Decimal(100), (quantity / 100).quantize(Decimal(1)) * 100)


def _invoice_number(rng: random.Random, locale: Locale, issue: date, credit: bool) -> str:
    patterns = (
        locale.get("credit_numbers") if credit and locale.get("credit_numbers") else locale.get("numbers")
    )
    fy_start = issue.year if issue.month >= 4 else issue.year - 1
    values = {"yyyy": str(issue.year), "yy": f"{issue.year % 100:02d}", "mm": f"{issue.month:02d}",
              "fy": f"{fy_start % 100:02d}-{(fy_start + 1) % 100:02d}"}  # fmt: skip
    return fill(rng, rng.choice(patterns), **values)


def _po_number(rng: random.Random, locale: Locale) -> str:
    pattern = rng.choice(
        ["4500{n6}", "PO-{n5}", "{n6}", "PO{yyyy}-{n4}", "B{n7}", "{A}{A}-{n5}", "PO/{n4}/{yy}"]
    )
    return fill(rng, pattern, yyyy="2025", yy="25")


def _items(locale: Locale, sector: str) -> list[list[Any]]:
    block = locale.words["sectors"][sector]
    if sector == "craft":
        return [*block["labour"], *block["material"]]
    return list(block["items"])


def _goods(locale: Locale, index: int) -> tuple[str, str]:
    block = locale.words["sectors"]["goods"]
    spec = block["specs"][index]
    return block["nouns"][index], spec


def _tax(
    locale: Locale, seller: PrintedParty, buyer: PrintedParty, kind: str, sector: str
) -> tuple[Decimal, TaxCategory]:
    """(rate, category) for a line: reverse charge / intra-EU supply abroad, sales tax by the buyer's place."""
    if buyer.foreign_country:
        return ZERO, ("K" if sector == "goods" else "AE")
    if locale.get("sales_tax"):
        rate = Decimal(buyer.local_rate or seller.local_rate or "0")
        return rate, ("S" if rate else "O")
    if kind == "outside":
        return ZERO, "O"
    if kind == "zero":
        return ZERO, "Z"
    return locale.rate(kind), "S"


@dataclass
class _Draft:
    description: str
    unit: str
    quantity: Decimal
    price: Decimal
    decimals: int | None
    kind: str = "standard"
    sku: str | None = None
    group: str | None = None
    hsn: str | None = None
    discount_percent: Decimal | None = None


def _draft_lines(rng: random.Random, locale: Locale, template: Template, sector: str) -> list[_Draft]:
    whole = bool(locale.get("whole_prices"))
    low, high = template.lines
    count = rng.randint(low, high)
    drafts: list[_Draft] = []
    if sector == "utility":
        return _utility_lines(rng, locale)
    if sector == "goods":
        deliveries = [fill(rng, rng.choice(["LS-{n6}", "{n7}", "DN{n6}", "{yy}{n5}"]), yy="25")
                      for _ in range(rng.choice([1, 1, 2, 3]))]  # fmt: skip
        sku_pattern = rng.choice(["{A}{A}-{n5}", "{n6}", "{n3}.{n3}.{n2}", "{A}{n7}"])
        pool = len(locale.words["sectors"]["goods"]["nouns"])
        picks = rng.sample(range(pool), min(count, pool)) + [rng.randrange(pool) for _ in range(count - pool)]
        for index in range(count):
            noun, spec = _goods(locale, picks[index])
            price, decimals = _price(rng, locale, 0.8, 95)
            quantity = _quantity(rng, "C62", "goods", None, whole)
            drafts.append(
                _Draft(
                    description=f"{noun} {spec}" if rng.random() < 0.6 else f"{noun}\n{spec}",
                    unit=rng.choice(["C62", "C62", "C62", "XBX", "SET"]),
                    quantity=_whole_hundreds(locale, price, quantity),
                    price=price,
                    decimals=decimals,
                    sku=fill(rng, sku_pattern),
                    group=deliveries[min(len(deliveries) - 1, index * len(deliveries) // count)],
                    discount_percent=(
                        Decimal(rng.choice([3, 5, 10, 15])) if rng.random() < 0.12 and not whole else None
                    ),
                )
            )
        return drafts
    items = _items(locale, sector)
    chosen = rng.sample(items, min(count, len(items)))
    labour = {str(x[0]) for x in locale.words["sectors"]["craft"]["labour"]}
    if sector == "craft":
        chosen.sort(key=lambda i: i[0] not in labour)
    for item in chosen:
        name, unit, low_price, high_price = item[0], item[1], float(item[2]), float(item[3])
        options: dict[str, Any] = item[4] if len(item) > 4 else {}
        price, decimals = _price(rng, locale, low_price, high_price)
        quantity = _quantity(rng, unit, sector, options.get("qty"), whole)
        group = None
        if sector == "craft":
            group = "labour" if name in labour else "material"
        drafts.append(
            _Draft(
                description=name,
                unit=unit,
                quantity=_whole_hundreds(locale, price, quantity),
                price=price,
                decimals=decimals,
                kind=str(options.get("rate", "standard")),
                group=group,
                discount_percent=(Decimal(rng.choice([5, 10])) if sector == "craft" and group == "material"
                                  and rng.random() < 0.15 and not whole else None),
            )
        )  # fmt: skip
    return drafts


def _utility_lines(rng: random.Random, locale: Locale) -> list[_Draft]:
    items = list(locale.words["sectors"]["utility"]["items"])
    months = rng.choice([1, 1, 2, 3, 12])
    days = months * 30 + rng.randint(-2, 2)
    kwh = Decimal(rng.randint(150, 450) * months)
    if locale.minor_digits == 0:
        kwh = max(Decimal(100), (kwh / 100).quantize(Decimal(1)) * 100)
    chosen = rng.sample(items, min(len(items), rng.randint(4, 7)))
    drafts = []
    for item in chosen:
        name, unit, low_price, high_price = item[0], item[1], float(item[2]), float(item[3])
        options: dict[str, Any] = item[4] if len(item) > 4 else {}
        price, decimals = _price(rng, locale, low_price, high_price)
        if unit == "KWH":
            quantity = kwh
        elif unit == "MON":
            quantity = Decimal(months)
        elif unit == "DAY":
            quantity = Decimal(days)
        elif unit == "MTQ":
            quantity = Decimal(rng.randint(8, 40) * months)
        else:
            quantity = Decimal(1)
        if locale.minor_digits == 0 and price % 100 and quantity % 100:
            price = max(Decimal(100), (price / 100).quantize(Decimal(1)) * 100)
            decimals = 0
        drafts.append(_Draft(name, unit, quantity, price, decimals, kind=str(options.get("rate", "utility"))))
    return drafts


def _dated(rng: random.Random) -> dict[str, date]:
    issue = _issue_date(rng)
    return {"issue": issue, "delivery": issue - timedelta(days=rng.choice([0, 0, 1, 2, 3, 5, 7, 12]))}


def draw_sheet(template_name: str, country: str, rng: random.Random) -> Sheet:
    """One document: its invoice (the truth) and everything its page prints."""
    template = TEMPLATES[template_name]
    locale = Locale(country)
    sector = rng.choice(template.sectors)
    trade = rng.choice(locale.words["sectors"][sector]["trades"])
    credit = rng.random() < template.credit
    dates = _dated(rng)
    issue = dates["issue"]

    seller = make_party(
        rng,
        locale,
        trade=trade,
        person=rng.random() < template.seller_person,
        utility=sector == "utility",
        with_bank=True,
        qr_iban=template_name == "swiss_qr" and rng.random() < 0.6,
    )
    exempt_seller = (template_name == "freelancer" and country not in ("US", "CA", "AU", "IN", "CH", "NO")
                     and rng.random() < 0.2)  # fmt: skip
    foreign = (
        country in EU
        and rng.random() < template.cross_border
        and not exempt_seller
        and not rng.random() < template.buyer_person
    )
    if foreign:
        buyer_country = rng.choice(sorted(EU - {country}))
        buyer_locale = Locale(buyer_country)
        other_trade = rng.choice(
            buyer_locale.words["sectors"][rng.choice(["goods", "services", "craft"])]["trades"]
        )
        buyer = make_party(rng, buyer_locale, trade=other_trade)
        buyer.foreign_country = locale.country_name(buyer_country)
        buyer.address = [*buyer.address, buyer.foreign_country]
    elif rng.random() < template.buyer_person:
        buyer = consumer(rng, locale)
    else:
        other_sector = rng.choice(["goods", "services", "craft", "saas"])
        buyer = make_party(rng, locale, trade=rng.choice(locale.words["sectors"][other_sector]["trades"]))
    if exempt_seller:
        seller.party = _replace(seller.party, vat_id=None)
    if foreign and seller.eu_vat:
        # a Hungarian seller quotes its EU VAT id (közösségi adószám) to a buyer abroad
        seller.party = _replace(seller.party, vat_id=seller.eu_vat)

    L = Labels(locale, rng)
    if foreign and seller.eu_vat:
        L.use("vat_id", rng.choice(locale.labels("vat_id_eu")))
    f = Style.draw(locale, rng, credit=credit)
    drafts = _draft_lines(rng, locale, template, sector)
    if credit:
        drafts = drafts[: max(1, min(len(drafts), rng.randint(1, 3)))]

    lines: list[Line] = []
    hsn_pool = [
        "8471",
        "8517",
        "3923",
        "7318",
        "4819",
        "9403",
        "8536",
        "3402",
        "6203",
        "998314",
        "998361",
        "998596",
    ]
    for index, d in enumerate(drafts, start=1):
        kind = d.kind
        if kind == "utility":
            kind = str(locale.get("utility_rate", "standard"))
        if country == "IN" and kind == "standard" and rng.random() < 0.2:
            kind = rng.choice(["reduced", "high"])
        rate, category = _tax(locale, seller, buyer, kind, sector)
        if exempt_seller:
            rate, category = ZERO, "E"
        allowances: tuple[AllowanceCharge, ...] = ()
        if d.discount_percent:
            gross = cents(d.quantity * d.price)
            allowances = (
                AllowanceCharge(
                    is_charge=False,
                    amount=cents(gross * d.discount_percent / 100),
                    reason=L.discount,
                    reason_code="95",
                    percent=d.discount_percent,
                    base=gross,
                ),
            )
        if country == "IN":
            d.hsn = rng.choice(hsn_pool[:9] if sector == "goods" else hsn_pool[9:])
        lines.append(
            Line(
                description=d.description,
                quantity=d.quantity,
                unit_price=d.price,
                tax_rate=rate,
                tax_category=category,
                unit=d.unit,
                seller_sku=d.sku,
                position=str(index) if template_name not in ("saas", "utility") else None,
                allowances_charges=allowances,
                unit_price_decimals=d.decimals,
            )
        )

    header: list[AllowanceCharge] = []
    first_rate, first_category = lines[0].tax_rate, lines[0].tax_category
    single_rate = len({(x.tax_rate, x.tax_category) for x in lines}) == 1
    whole = bool(locale.get("whole_prices"))
    if sector == "goods" and single_rate and not credit and rng.random() < 0.35 and not whole:
        line_total = sum((x.net for x in lines), ZERO)
        percent = Decimal(rng.choice([2, 3, 5]))
        header.append(AllowanceCharge(False, cents(line_total * percent / 100), L.discount, "95", percent,
                                      line_total, first_rate, first_category))  # fmt: skip
    if sector == "goods" and single_rate and not credit and rng.random() < 0.4:
        amount = Decimal(rng.choice([690, 990, 1250, 1490, 1990, 2500, 3900, 4900])) / 100
        amount *= Decimal(str(locale.get("eur", "1")))
        if locale.minor_digits == 0:
            amount = max(Decimal(100), (amount / 100).quantize(Decimal(1)) * 100)
        amount = amount.quantize(Decimal(1)) if whole else cents(amount)
        freight = {"de": "Fracht", "fr": "Frais de port", "nb": "Frakt", "fi": "Rahti", "hu": "Szállítási díj",
                   "ro": "Transport", "es": "Portes", "it": "Spese di trasporto", "nl": "Verzendkosten",
                   "pt": "Portes", "pl": "Transport", "cs": "Doprava", "en": "Freight"}[locale.language]  # fmt: skip
        header.append(AllowanceCharge(True, amount, freight, "FC", None, None, first_rate, first_category))

    due_days = rng.choice([7, 10, 14, 14, 15, 20, 30, 30, 30, 45, 60])
    if template_name == "utility":
        due_days = rng.choice([14, 15, 20, 21])
    no_due = rng.random() < 0.08 and template_name not in ("swiss_qr", "nordic", "utility")
    due = None if no_due else issue + timedelta(days=due_days)
    po_numbers = [] if buyer.is_person or rng.random() < 0.45 else [_po_number(rng, locale)]
    if po_numbers and rng.random() < 0.08:
        po_numbers.append(_po_number(rng, locale))
    delivery_note = None
    if sector == "goods" and lines and lines[0].seller_sku and rng.random() < 0.6:
        groups = sorted({d.group for d in drafts if d.group})
        delivery_note = groups[0] if len(groups) == 1 else None
    number = _invoice_number(rng, locale, issue, credit)
    preceding = (
        _invoice_number(rng, locale, issue - timedelta(days=rng.randint(5, 60)), False) if credit else None
    )
    exemptions: dict[TaxCategory, str] = {}
    categories = {x.tax_category for x in lines}
    for category in sorted(categories & {"AE", "K"}):
        exemptions[category] = L.reverse_charge
    if "E" in categories:
        exemptions["E"] = L.exempt

    terms = L.terms_now if due is None else L.pick("terms_days", days=due_days)
    notes: list[str] = []
    if rng.random() < 0.5:
        notes.append(rng.choice(locale.words["notes"]["general"]).format(currency=locale.currency))
    invoice = SynthInvoice(
        doc_type="credit_note" if credit else "invoice",
        number=number,
        issue_date=issue,
        currency=locale.currency,
        seller=seller.party,
        buyer=buyer.party,
        lines=lines,
        due_date=due,
        po_numbers=po_numbers,
        delivery_note=delivery_note,
        preceding_invoice=preceding,
        allowances_charges=header,
        notes=notes,
        payment_terms=terms,
        locale=locale.tag,
        exemption_reasons=exemptions,
    )
    prepaid = ZERO
    if not credit:
        if template_name in ("saas", "agency") and rng.random() < 0.3 and template_name == "saas":
            prepaid = invoice.grand_total
        elif template_name in ("craftsman", "wholesale") and rng.random() < 0.2:
            share = Decimal(rng.choice([20, 30, 40, 50])) / 100
            step = Decimal(100) if locale.minor_digits == 0 else Decimal(10)
            prepaid = max(step, (invoice.grand_total * share / step).quantize(Decimal(1)) * step)
        elif template_name == "utility" and rng.random() < 0.4:
            instalments = rng.randint(1, 3)
            step = Decimal(100) if locale.minor_digits == 0 else Decimal(1)
            each = (invoice.grand_total * Decimal("0.3") / step).quantize(Decimal(1)) * step
            prepaid = each * instalments if each * instalments < invoice.grand_total else each
    invoice.prepaid = prepaid
    if template_name == "saas" and prepaid and prepaid == invoice.grand_total:
        # paid by card when issued: such an invoice prints no bank account
        invoice.seller = seller.party = _replace(seller.party, iban=None, bic=None)
        seller.bank, seller.account_lines = None, []

    sheet = _sheet(
        template=template,
        sector=sector,
        locale=locale,
        rng=rng,
        L=L,
        f=f,
        invoice=invoice,
        seller=seller,
        buyer=buyer,
        drafts=drafts,
        delivery=dates["delivery"],
        credit=credit,
    )
    sheet.extras["trade"] = trade
    return sheet


def _replace(party: Any, **changes: Any) -> Any:
    from dataclasses import replace

    return replace(party, **changes)


# ------------------------------------------------------------------------------------------ the sheet


def _sheet(
    *,
    template: Template,
    sector: str,
    locale: Locale,
    rng: random.Random,
    L: Labels,
    f: Style,
    invoice: SynthInvoice,
    seller: PrintedParty,
    buyer: PrintedParty,
    drafts: list[_Draft],
    delivery: date,
    credit: bool,
) -> Sheet:
    country = locale.code
    printed: list[PrintedLine] = []
    for index, (line, draft) in enumerate(zip(invoice.lines, drafts, strict=True), start=1):
        name, _, detail = line.description.partition("\n")
        discount = None
        if line.allowances_charges:
            discount = f.percent(line.allowances_charges[0].percent or ZERO)
        tax = cents(line.net * line.tax_rate / 100)
        printed.append(
            PrintedLine(
                line=line,
                pos=str(index),
                sku=line.seller_sku,
                name=name,
                detail=detail or None,
                qty=f.quantity(line.quantity),
                unit=rng.choice(locale.units(line.unit)) if index == 1 else locale.units(line.unit)[0],
                price=f.price(line.unit_price, line.unit_price_decimals),
                discount=discount,
                total=f.amount(line.net),
                rate=f.percent(line.tax_rate),
                tax=f.amount(tax),
                gross=f.amount(line.net + tax),
                hsn=draft.hsn,
                group=draft.group,
            )
        )
    # one unit wording per unit code per document
    units: dict[str, str] = {}
    for pl in printed:
        units.setdefault(pl.line.unit, pl.unit)
        pl.unit = units[pl.line.unit]

    vat_word = L.vat
    taxes = [
        TaxRow(
            label=f"{vat_word} {f.percent(t.rate)}"
            if t.category == "S"
            else (t.exemption_reason or f"{vat_word} 0 %"),
            rate=f.percent(t.rate),
            base=f.amount(t.base),
            tax=f.amount(t.tax),
        )
        for t in invoice.tax_subtotals
    ]
    adjustments = [(ac.reason + (f" {f.percent(ac.percent)}" if ac.percent else ""), f.amount(ac.amount), ac.is_charge)
                   for ac in invoice.allowances_charges]  # fmt: skip

    currency_note = None
    if locale.get("currency_note") and not f.currency_code_shown:
        currency_note = rng.choice(locale.words["notes"]["general"][:1]).format(currency=locale.currency)
    if locale.minor_digits == 0 and not f.currency_code_shown and rng.random() < 0.3:
        currency_note = locale.words["notes"]["general"][0].format(currency=locale.currency)

    reference, reference_label = _payment_reference(rng, locale, invoice, L)
    stamp = None
    if invoice.prepaid and invoice.prepaid == invoice.grand_total:
        stamp = L.paid_stamp
    elif rng.random() < 0.1 and template.name not in ("utility", "swiss_qr"):
        stamp = L.original if country in ("IN", "PT", "PL", "RO", "CZ", "HU") else None

    ship_to = None
    if template.name in ("billship", "gst_india") or (template.name == "wholesale" and rng.random() < 0.3):
        if rng.random() < 0.7 and not buyer.is_person:
            ship_to = make_party(rng, Locale(buyer.party.country), trade="", with_vat=False)
            ship_to.party = _replace(ship_to.party, name=buyer.party.name)
        else:
            ship_to = buyer

    po_text = None
    if invoice.po_numbers:
        po_text = invoice.po_print or ", ".join(invoice.po_numbers)
    period = None
    issued = invoice.issue_date
    if template.name == "utility":
        days = int(next((x.quantity for x in invoice.lines if x.unit == "DAY"), ZERO)) or 30 * int(
            next((x.quantity for x in invoice.lines if x.unit == "MON"), Decimal(1))
        )
        end = issued - timedelta(days=rng.randint(3, 12))
        period = (f.date(end - timedelta(days=days - 1)), f.date(end))
    elif template.name == "saas":
        days = 365 if any(x.unit == "ANN" for x in invoice.lines) else 30
        period = (f.date(issued), f.date(issued + timedelta(days=days - 1)))
    elif sector == "services" and rng.random() < 0.4:
        end = issued.replace(day=1) - timedelta(days=1)
        period = (f.date(end.replace(day=1)), f.date(end))
    extras = _extras(template, rng, locale, L, f, invoice, seller, buyer)
    due_amount = invoice.amount_due
    iban_printed = None
    if seller.party.iban:
        iban_printed = (
            identifiers.grouped_iban(seller.party.iban) if rng.random() < 0.7 else seller.party.iban
        )
    return Sheet(
        template=template.name,
        locale=locale,
        L=L,
        f=f,
        rng=rng,
        invoice=invoice,
        credit=credit,
        title=L.credit_note if credit else L.invoice,
        number_label=L.credit_number if credit else L.number,
        seller=seller,
        buyer=buyer,
        ship_to=ship_to,
        issue=f.date(invoice.issue_date),
        due=f.date(invoice.due_date) if invoice.due_date else None,
        delivery=f.date(delivery) if rng.random() < 0.6 else None,
        period=period,
        customer_no=fill(rng, rng.choice(["{n5}", "K{n5}", "{n3}-{n4}", "C{n6}", "{n8}"]))
        if rng.random() < 0.6
        else None,
        po_text=po_text,
        delivery_note=invoice.delivery_note,
        preceding=invoice.preceding_invoice,
        lines=printed,
        adjustments=adjustments,
        line_total=f.amount(invoice.line_total),
        net_total=f.amount(invoice.net_total),
        taxes=taxes,
        tax_total=f.amount(invoice.tax_total),
        grand_total=f.amount(invoice.grand_total),
        prepaid=f.amount(invoice.prepaid, signed=False) if invoice.prepaid else None,
        amount_due=f.amount(due_amount),
        grand_money=f.money(invoice.grand_total),
        due_money=f.money(due_amount),
        terms=invoice.payment_terms or "",
        notes=list(invoice.notes),
        exemption=next(iter(invoice.exemption_reasons.values()), None),
        stamp=stamp,
        currency_note=currency_note,
        payment_reference=reference,
        payment_reference_label=reference_label,
        iban_printed=iban_printed,
        extras=extras,
    )


def _payment_reference(
    rng: random.Random, locale: Locale, invoice: SynthInvoice, L: Labels
) -> tuple[str | None, str]:
    country = locale.code
    if country == "NO":
        return identifiers.kid(rng, invoice.number + fill(rng, "{n4}")), "KID"
    if country == "FI":
        return identifiers.finnish_reference(rng, invoice.number + fill(rng, "{n3}")), L.payment_ref
    if country == "CH":
        qr_iban = bool(invoice.seller.iban) and 30000 <= int(str(invoice.seller.iban)[4:9]) <= 31999
        return (identifiers.qr_reference(rng) if qr_iban else identifiers.creditor_reference(rng)), "Referenz"
    if country == "BE" and rng.random() < 0.7:
        return identifiers.structured_communication(rng), L.payment_ref
    if country == "CZ":
        digits = "".join(c for c in invoice.number if c.isdigit())[-10:]
        return digits, L.payment_ref
    if country == "AU" and rng.random() < 0.4:
        return fill(rng, "{n8}"), "BPAY Ref"
    return None, L.payment_ref


def _extras(
    template: Template,
    rng: random.Random,
    locale: Locale,
    L: Labels,
    f: Style,
    invoice: SynthInvoice,
    seller: PrintedParty,
    buyer: PrintedParty,
) -> dict[str, Any]:
    extras: dict[str, Any] = {}
    name = template.name
    if name == "utility":
        kwh = next((x.quantity for x in invoice.lines if x.unit == "KWH"), Decimal(rng.randint(400, 3000)))
        start_reading = Decimal(rng.randint(10000, 90000))
        extras.update(
            account=fill(rng, rng.choice(["{n10}", "{n3} {n3} {n3}", "{n12}"])),
            meter=fill(rng, rng.choice(["{n8}", "{A}{A}{n7}", "{n2}-{n6}"])),
            reading_prev=f.quantity(start_reading),
            reading_now=f.quantity(start_reading + kwh),
            consumption=f"{f.quantity(kwh)} kWh",
            direct_debit=rng.random() < 0.5,
            supply_address=buyer.address if buyer.is_person else None,
        )
    if name == "craftsman":
        extras.update(job=fill(rng, rng.choice(["{n4}", "{yy}-{n3}", "A{n5}"]), yy="25"),
                      site=None if rng.random() < 0.5 else [buyer.address[0], buyer.address[1] if len(buyer.address) > 1 else ""])  # fmt: skip
    if name == "billship":
        extras.update(ship_via=rng.choice(["UPS Ground", "FedEx", "Purolator", "Canpar", "StarTrack", "An Post", "Best Way"]),
                      rep=person_name(rng, locale).split()[0])  # fmt: skip
    if name == "gst_india":
        seller_state, buyer_state = seller.state_code or "27", buyer.state_code or seller.state_code or "27"
        intra = seller_state == buyer_state
        split = []
        for t in invoice.tax_subtotals:
            half = cents(t.tax / 2)
            if intra:
                split.append(
                    (f.percent(t.rate / 2), f.amount(t.base), f.amount(half), f.amount(t.tax - half))
                )
            else:
                split.append((f.percent(t.rate), f.amount(t.base), f.amount(t.tax), ""))
        extras.update(
            intra=intra,
            place=f"{buyer_state}-{buyer.region or ''}",
            split=split,
            words=indian_words(invoice.amount_due if invoice.amount_due else invoice.grand_total),
            eway=fill(rng, "{n12}") if rng.random() < 0.3 else None,
        )
    if name == "faktura_pl":
        extras.update(words=polish_words(invoice.amount_due), split=rng.random() < 0.2)
    if name == "fatura_pt":
        extras.update(atcud=fill(rng, "{A}{A}{n2}{A}{A}{n2}-{n3}"), certificate=fill(rng, "{n4}/AT"))
    if name == "fattura_it":
        extras.update(sdi=fill(rng, "{A}{n2}{A}{A}{n2}") if rng.random() < 0.7 else "0000000",
                      pec=f"{seller.brand.split()[0].lower()}@pec.it", esigibilita=rng.choice(["I", "D", "S"]))  # fmt: skip
    if name == "swiss_qr":
        extras.update(qr=_qr_cells(rng), additional=L.pick("number") + " " + invoice.number)
    if name == "nordic":
        extras.update(penalty=rng.choice(["8,5 %", "11,5 %", "12,25 %"]))
    if name == "au_tax":
        extras.update(biller=fill(rng, "{n6}"))
    if name == "saas":
        extras.update(card=rng.choice(["Visa", "Mastercard", "Amex"]) + " •••• " + fill(rng, "{n4}"),
                      plan=invoice.lines[0].description)  # fmt: skip
    if name == "fatura_pt" or (name == "swiss_qr"):
        extras.setdefault("qr", _qr_cells(rng))
    return extras


def _qr_cells(rng: random.Random, size: int = 29) -> list[list[int]]:
    """A QR-looking module grid (finder squares in three corners, the rest random): a picture, no data."""
    grid = [[rng.randint(0, 1) for _ in range(size)] for _ in range(size)]
    for top, left in ((0, 0), (0, size - 7), (size - 7, 0)):
        for y in range(7):
            for x in range(7):
                edge = y in (0, 6) or x in (0, 6)
                core = 2 <= y <= 4 and 2 <= x <= 4
                grid[top + y][left + x] = 1 if edge or core else 0
    return grid
