"""The abstract e-invoice of evals/einvoices and its arithmetic (EN 16931 for UBL; the FatturaPA's own
for FatturaPA), drawn at random: its own code, sharing nothing with opsloop's readers.

Every figure is a Decimal computed here; the renderers only write them down, and the truth is these
figures (dataset.py), so the eval never asks the reader what the right answer is.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Party:
    legal_name: str
    trading_name: str | None
    """A brand (UBL PartyName) beside the legal name (PartyLegalEntity/RegistrationName), or None."""
    street: str
    house: str
    postcode: str
    city: str
    province: str | None
    country: str
    vat_id: str | None
    iban: str | None = None
    bic: str | None = None
    person: tuple[str, str] | None = None
    """(first name, surname) of a sole trader (FatturaPA Nome/Cognome instead of Denominazione)."""


@dataclass
class Line:
    description: str
    sku: str | None
    quantity: Decimal
    unit: str
    price: Decimal
    """UBL: the net price for `base_quantity` units; FatturaPA: PrezzoUnitario (per unit)."""
    base_quantity: Decimal
    category: str
    """UNCL 5305 (S, Z, E, AE, K, G, O)."""
    rate: Decimal
    natura: str | None = None
    """FatturaPA's nature code of a line without VAT."""
    gross_price: Decimal | None = None
    """UBL: the price before a price discount (Price/AllowanceCharge/BaseAmount)."""
    allowance: Decimal | None = None
    """UBL: a line allowance (amount); FatturaPA: a line discount percentage (ScontoMaggiorazione SC)."""
    charge: Decimal | None = None
    """UBL only: a line charge (amount)."""
    po_line: str | None = None

    def ubl_amount(self) -> Decimal:
        return (
            cents(self.quantity * self.price / self.base_quantity)
            - (self.allowance or 0)
            + (self.charge or 0)
        )

    def fatturapa_amount(self) -> Decimal:
        price = self.price
        if self.allowance is not None:
            price = price * (100 - self.allowance) / 100
        return cents(self.quantity * price)


@dataclass
class DocCharge:
    charge: bool
    reason: str
    reason_code: str
    amount: Decimal
    category: str
    rate: Decimal
    percent: Decimal | None = None
    base: Decimal | None = None


@dataclass
class TaxGroup:
    category: str
    rate: Decimal
    natura: str | None
    taxable: Decimal
    tax: Decimal
    reason: str | None


@dataclass
class EInvoice:
    syntax: str
    """ubl or fatturapa."""
    credit: bool
    credit_root: bool
    """UBL: a CreditNote root (else an Invoice typed 381)."""
    number: str
    issued: date
    due: date | None
    currency: str
    seller: Party
    buyer: Party
    lines: list[Line]
    charges: list[DocCharge] = field(default_factory=list)
    tax_currency: str | None = None
    tax_currency_rate: Decimal | None = None
    tax_currency_first: bool = False
    buyer_reference: str | None = None
    order: str | None = None
    prepaid: Decimal = Decimal(0)
    rounding: Decimal = Decimal(0)
    note: str | None = None
    terms: str | None = None
    withholding: Decimal | None = None
    """FatturaPA: a withholding (ritenuta d'acconto) percentage on the taxable amount."""
    instalments: int = 1
    state_total: bool = True
    """FatturaPA: whether ImportoTotaleDocumento is written (it is optional)."""
    type_code: str = "380"
    due_place: str = "root"
    """UBL: where the due date is written — root (DueDate), means (PaymentMeans/PaymentDueDate) or terms
    (PaymentTerms/PaymentDueDate)."""
    tax_number_first: bool = False
    """UBL: a German/Austrian seller's tax number (scheme FC) written before its VAT id."""
    card_means_first: bool = False
    """UBL: a card payment means without an account written before the credit transfer."""
    fund: Decimal | None = None
    alternatives: bool = False
    """FatturaPA: one full payment (TP02) offered two ways, each detail the whole amount."""
    """FatturaPA: a professional's pension-fund contribution percentage (DatiCassaPrevidenziale)."""

    def unit_price(self, line: Line) -> Decimal:
        """The net price of one unit, as the truth holds it: UBL's PriceAmount over its BaseQuantity; a
        FatturaPA's PrezzoUnitario less its line discount percentage."""
        if self.syntax == "ubl":
            return line.price / line.base_quantity
        return line.price * (100 - line.allowance) / 100 if line.allowance is not None else line.price

    def line_amount(self, line: Line) -> Decimal:
        return line.ubl_amount() if self.syntax == "ubl" else line.fatturapa_amount()

    @property
    def line_total(self) -> Decimal:
        return sum((self.line_amount(line) for line in self.lines), Decimal(0))

    @property
    def allowance_total(self) -> Decimal:
        return sum((c.amount for c in self.charges if not c.charge), Decimal(0))

    @property
    def charge_total(self) -> Decimal:
        return sum((c.amount for c in self.charges if c.charge), Decimal(0))

    @property
    def taxable_total(self) -> Decimal:
        return self.line_total - self.allowance_total + self.charge_total

    @property
    def groups(self) -> list[TaxGroup]:
        keys: dict[tuple[str, Decimal, str | None], Decimal] = {}
        for line in self.lines:
            key = (line.category, line.rate, line.natura)
            keys[key] = keys.get(key, Decimal(0)) + self.line_amount(line)
        for charge in self.charges:
            key = next((k for k in keys if k[0] == charge.category and k[1] == charge.rate), None)
            key = key or (charge.category, charge.rate, None)
            keys[key] = keys.get(key, Decimal(0)) + (charge.amount if charge.charge else -charge.amount)
        return [
            TaxGroup(category, rate, natura, taxable, cents(taxable * rate / 100), EXEMPTION.get(category))
            for (category, rate, natura), taxable in keys.items()
        ]

    @property
    def tax_total(self) -> Decimal:
        return sum((group.tax for group in self.groups), Decimal(0))

    @property
    def total(self) -> Decimal:
        """Total with VAT (UBL TaxInclusiveAmount; FatturaPA ImportoTotaleDocumento, before rounding)."""
        return self.taxable_total + self.tax_total

    @property
    def stated_total(self) -> Decimal:
        """The total the document states: UBL's TaxInclusiveAmount (rounding is applied to the payable
        amount only); FatturaPA's ImportoTotaleDocumento, its Arrotondamento included."""
        return self.total if self.syntax == "ubl" else self.total + self.rounding

    @property
    def withheld(self) -> Decimal:
        if self.withholding is None:
            return Decimal(0)
        return cents(self.taxable_total * self.withholding / 100)

    @property
    def payable(self) -> Decimal:
        if self.syntax == "ubl":
            return self.total - self.prepaid + self.rounding
        return self.total + self.rounding - self.withheld

    @property
    def instalment_amounts(self) -> list[Decimal]:
        due = self.payable
        if self.instalments <= 1:
            return [due]
        part = cents(due / self.instalments)
        return [part] * (self.instalments - 1) + [due - part * (self.instalments - 1)]

    @property
    def instalment_dates(self) -> list[date]:
        first = self.due or self.issued
        return [first + timedelta(days=30 * k) for k in range(self.instalments)]


EXEMPTION = {
    "E": "Exempt from VAT",
    "AE": "Reverse charge",
    "K": "Intra-community supply",
    "G": "Export outside the EU",
    "O": "Not subject to VAT",
    "Z": None,
}

NATURA = {"E": "N4", "AE": "N6.3", "K": "N3.2", "G": "N3.1", "O": "N2.2", "Z": "N3.5"}
"""A FatturaPA nature for each category without VAT (the generator's own table, from the SDI's
technical specification)."""
NATURA_REFERENCE = {
    "N4": "Esente art. 10 DPR 633/72",
    "N6.3": "Inversione contabile art. 17 c. 6 DPR 633/72",
    "N3.2": "Non imponibile art. 41 DL 331/93",
    "N3.1": "Non imponibile art. 8 c. 1 lett. a DPR 633/72",
    "N2.2": "Non soggetta art. 7-ter DPR 633/72",
    "N3.5": "Non imponibile a seguito di dichiarazione d'intento",
}

# --- drawing ---------------------------------------------------------------------------------------

STEMS = (
    "Adler", "Borealis", "Castello", "Delta Nord", "Elbtal", "Fjordline", "Garonne", "Helvetia Werk",
    "Isarblick", "Jura Tech", "Kvarn", "Lagune", "Marisol", "Nordstern", "Oceania", "Po Valley", "Quercia",
    "Rhein-Main", "Sole Alto", "Tramonto", "Umbria Food", "Vesuvio", "Waldkraft", "Xenon Data", "Ypsilon",
    "Zephyr", "Alpina", "Brenta", "Dolomiti", "Etna", "Fiordaliso", "Gardena", "Ligure", "Maremma",
)  # fmt: skip
TRADES = (
    "Logistics", "Software", "Components", "Foods", "Textiles", "Engineering", "Office Supply", "Print",
    "Consulting", "Metalwork", "Packaging", "Energy", "Furniture", "Optics", "Tools",
)  # fmt: skip
FORMS = {
    "DE": ("GmbH", "AG", "GmbH & Co. KG"), "AT": ("GmbH",), "NL": ("B.V.",), "BE": ("NV", "BV"),
    "FR": ("SAS", "SARL"), "ES": ("S.L.", "S.A."), "IT": ("S.r.l.", "S.p.A.", "S.n.c."),
    "SE": ("AB",), "DK": ("ApS", "A/S"), "NO": ("AS",), "FI": ("Oy",), "IE": ("Ltd",),
}  # fmt: skip
ITALIAN_TRADES = (
    "Logistica", "Informatica", "Componenti", "Alimentari", "Tessuti", "Ingegneria", "Forniture Ufficio",
    "Tipografia", "Consulenza", "Carpenteria", "Imballaggi", "Energia", "Arredamenti", "Ottica",
)  # fmt: skip
FIRST = ("Giulia", "Marco", "Francesca", "Luca", "Chiara", "Alessandro", "Sofia", "Matteo", "Elena", "Paolo")
LAST = ("Rossi", "Bianchi", "Esposito", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo")
STREETS = {
    "DE": ("Hauptstraße", "Industriestraße", "Am Hafen", "Lindenallee"), "AT": ("Ringstraße", "Gewerbepark"),
    "NL": ("Keizersgracht", "Havenweg"), "BE": ("Rue de la Loi", "Kerkstraat"), "FR": ("Rue du Port", "Avenue Foch"),
    "ES": ("Calle Mayor", "Avenida del Puerto"), "IT": ("Via Roma", "Corso Garibaldi", "Viale Monza", "Via Dante"),
    "SE": ("Storgatan", "Hamngatan"), "DK": ("Vestergade", "Havnegade"), "NO": ("Storgata", "Kirkegata"),
    "FI": ("Mannerheimintie", "Satamakatu"), "IE": ("Main Street", "Harbour Road"),
}  # fmt: skip
CITIES = {
    "DE": (("10115", "Berlin"), ("80331", "München"), ("20095", "Hamburg")), "AT": (("1010", "Wien"), ("8010", "Graz")),
    "NL": (("1012 AB", "Amsterdam"), ("3011 AA", "Rotterdam")), "BE": (("1000", "Bruxelles"), ("2000", "Antwerpen")),
    "FR": (("75002", "Paris"), ("69002", "Lyon")), "ES": (("28013", "Madrid"), ("08002", "Barcelona")),
    "IT": (("20121", "Milano", "MI"), ("00184", "Roma", "RM"), ("10121", "Torino", "TO"), ("40121", "Bologna", "BO")),
    "SE": (("111 52", "Stockholm"), ("411 06", "Göteborg")), "DK": (("1050", "København"),), "NO": (("0150", "Oslo"),),
    "FI": (("00100", "Helsinki"),), "IE": (("D02 X285", "Dublin"),),
}  # fmt: skip
CURRENCY = {"SE": "SEK", "DK": "DKK", "NO": "NOK"}
RATES = {
    "DE": ("19", "7"), "AT": ("20", "10"), "NL": ("21", "9"), "BE": ("21", "6"), "FR": ("20", "5.5"),
    "ES": ("21", "10"), "IT": ("22", "10", "4"), "SE": ("25", "12"), "DK": ("25",), "NO": ("25", "15"),
    "FI": ("25.5", "14"), "IE": ("23", "13.5"),
}  # fmt: skip
ITEMS = (
    ("Steel bracket", "Staffa in acciaio", "C62"), ("Consulting hours", "Ore di consulenza", "HUR"),
    ("Printer paper A4", "Carta per stampante A4", "C62"), ("Olive oil 5 l", "Olio d'oliva 5 l", "C62"),
    ("Cable 3x1.5 mm²", "Cavo 3x1,5 mm²", "MTR"), ("Software licence", "Licenza software", "C62"),
    ("Pallet transport", "Trasporto pallet", "C62"), ("Screws M6", "Viti M6", "C62"),
    ("Cleaning service", "Servizio di pulizia", "HUR"), ("Wood panels", "Pannelli in legno", "MTK"),
    ("Coffee beans", "Caffè in grani", "KGM"), ("Safety gloves", "Guanti di sicurezza", "PR"),
)  # fmt: skip


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def _italian_vat(rng: random.Random) -> str:
    """A partita IVA with its check digit (Luhn over the first ten digits)."""
    body = _digits(rng, 7) + rng.choice(("001", "015", "037", "058", "096"))
    total = 0
    for index, char in enumerate(body):
        digit = int(char)
        if index % 2 == 1:
            digit *= 2
            digit = digit - 9 if digit > 9 else digit
        total += digit
    return body + str((10 - total % 10) % 10)


def _vat(rng: random.Random, country: str) -> str:
    if country == "IT":
        return "IT" + _italian_vat(rng)
    prefix = "EL" if country == "GR" else country
    body = {
        "NL": lambda: _digits(rng, 9) + "B01", "BE": lambda: "0" + _digits(rng, 9), "FR": lambda: _digits(rng, 11),
        "SE": lambda: _digits(rng, 10) + "01", "DK": lambda: _digits(rng, 8), "NO": lambda: _digits(rng, 9),
        "FI": lambda: _digits(rng, 8), "AT": lambda: "U" + _digits(rng, 8), "ES": lambda: "B" + _digits(rng, 8),
        "IE": lambda: _digits(rng, 7) + "WH",
    }.get(country, lambda: _digits(rng, 9))()  # fmt: skip
    return prefix + body + ("MVA" if country == "NO" else "")


BBAN = {
    "DE": "18n", "AT": "16n", "NL": "4a10n", "BE": "12n", "FR": "23n", "ES": "20n", "IT": "1a22n",
    "SE": "20n", "DK": "14n", "NO": "11n", "FI": "14n", "IE": "4a14n",
}  # fmt: skip


def _iban(rng: random.Random, country: str) -> str:
    spec = BBAN[country]
    bban = ""
    for count, kind in (
        (int(part[:-1]), part[-1]) for part in spec.replace("n", "n ").replace("a", "a ").split()
    ):
        bban += "".join(
            rng.choice(string.ascii_uppercase if kind == "a" else string.digits) for _ in range(count)
        )
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    check = 98 - int(numeric) % 97
    return f"{country}{check:02d}{bban}"


def draw_party(rng: random.Random, country: str, *, seller: bool, italian_person: bool = False) -> Party:
    city = rng.choice(CITIES[country])
    person = None
    if italian_person:
        person = (rng.choice(FIRST), rng.choice(LAST))
        legal = f"{person[0]} {person[1]}"
        trading = None
    else:
        trade = rng.choice(ITALIAN_TRADES if country == "IT" else TRADES)
        stem = rng.choice(STEMS)
        legal = f"{stem} {trade} {rng.choice(FORMS[country])}"
        trading = rng.choice(
            (None, None, f"{stem} {trade}", f"{stem.split()[0]}{rng.choice(('Pro', 'Line', 'Direct'))}")
        )
    return Party(
        legal_name=legal,
        trading_name=trading,
        street=rng.choice(STREETS[country]),
        house=str(rng.randint(1, 180)),
        postcode=city[0],
        city=city[1],
        province=city[2] if len(city) > 2 else None,
        country=country,
        vat_id=_vat(rng, country),
        iban=_iban(rng, country) if seller else None,
        bic="".join(rng.choice(string.ascii_uppercase) for _ in range(4)) + country + "XX"
        if seller
        else None,
        person=person,
    )


def _price(rng: random.Random) -> Decimal:
    return Decimal(rng.choice((rng.randint(50, 99999), rng.randint(100, 2500), rng.randint(5, 99)))) / 100


def draw_ubl(rng: random.Random, index: int) -> EInvoice:
    country = rng.choice(tuple(BBAN))
    buyer_country = country if rng.random() < 0.7 else rng.choice(tuple(BBAN))
    seller = draw_party(rng, country, seller=True)
    buyer = draw_party(rng, buyer_country, seller=False)
    currency = CURRENCY.get(country, "EUR") if rng.random() < 0.85 else rng.choice(("USD", "GBP", "CHF"))
    mix = rng.choice(("S", "S", "SS", "SZ", "SE", "AE", "K", "O", "G"))
    rates = [Decimal(r) for r in RATES[country]]
    credit = rng.random() < 0.3
    issued = date(2025, 1, 1) + timedelta(days=rng.randint(0, 600))
    lines: list[Line] = []
    for position in range(rng.randint(1, 7)):
        english, _italian, unit = rng.choice(ITEMS)
        if mix in ("S", "SS", "SZ", "SE"):
            category = "S" if mix == "S" or position % 2 == 0 else ("S" if mix == "SS" else mix[1])
        else:
            category = mix
        rate = (rates[position % len(rates)] if mix == "SS" else rates[0]) if category == "S" else Decimal(0)
        base = rng.choice((Decimal(1), Decimal(1), Decimal(1), Decimal(10), Decimal(100), Decimal(1000)))
        price = _price(rng) if base == 1 else _price(rng) * base / 100
        quantity = Decimal(rng.choice((1, 2, 3, 5, 10, 12, 25, 100))) * (
            Decimal("0.5") if unit == "HUR" and rng.random() < 0.3 else 1
        )
        gross = price + cents(price * Decimal("0.1")) if rng.random() < 0.15 else None
        allowance = cents(quantity * price / base * Decimal("0.05")) if rng.random() < 0.2 else None
        charge = Decimal(rng.randint(100, 2000)) / 100 if rng.random() < 0.1 else None
        lines.append(
            Line(
                english,
                f"ART-{rng.randint(1000, 99999)}" if rng.random() < 0.7 else None,
                quantity,
                unit,
                price,
                base,
                category,
                rate,
                gross_price=gross,
                allowance=allowance,
                charge=charge,
                po_line=str(position + 1) if rng.random() < 0.3 else None,
            )
        )
    charges: list[DocCharge] = []
    first = lines[0]
    if rng.random() < 0.35:
        base_amount = sum((line.ubl_amount() for line in lines), Decimal(0))
        percent = Decimal(rng.choice((2, 3, 5)))
        charges.append(DocCharge(False, "Discount", "95", cents(base_amount * percent / 100), first.category,
                                 first.rate, percent, base_amount))  # fmt: skip
    if rng.random() < 0.35:
        charges.append(
            DocCharge(
                True, "Freight", "FC", Decimal(rng.randint(500, 9000)) / 100, first.category, first.rate
            )
        )
    invoice = EInvoice(
        syntax="ubl",
        credit=credit,
        credit_root=credit and rng.random() < 0.8,
        number=rng.choice(("INV-", "", "RE", "F")) + f"{issued.year}-{rng.randint(1, 99999):05d}",
        issued=issued,
        due=issued + timedelta(days=rng.choice((14, 30, 60))) if rng.random() < 0.85 else None,
        currency=currency,
        seller=seller,
        buyer=buyer,
        lines=lines,
        charges=charges,
        buyer_reference=rng.choice(
            (None, f"04011000-{rng.randint(10000, 99999)}-{rng.randint(10, 99)}", "REF " + _digits(rng, 5))
        ),
        order=f"PO-{rng.randint(10000, 99999)}" if rng.random() < 0.6 else None,
        note=rng.choice((None, "Thank you for your business.", "Delivery per our order confirmation.")),
        terms=rng.choice((None, "Net 30 days", "Payable within 14 days, 2% discount within 8 days")),
    )
    if not credit and rng.random() < 0.25:
        invoice.prepaid = cents(invoice.total * Decimal(rng.choice(("0.1", "0.3", "0.5"))))
    if rng.random() < 0.2:
        invoice.rounding = Decimal(rng.choice(("0.01", "-0.01", "0.02", "-0.02", "0.03", "-0.04")))
    if (currency != "EUR" and rng.random() < 0.5) or rng.random() < 0.1:
        invoice.tax_currency = "EUR" if currency != "EUR" else rng.choice(("SEK", "DKK", "PLN", "HUF"))
        invoice.tax_currency_rate = Decimal(rng.randint(800, 120000)) / 10000
        invoice.tax_currency_first = rng.random() < 0.5
    invoice.type_code = "381" if credit else rng.choice(("380", "380", "380", "384"))
    if invoice.type_code == "384" and rng.random() < 0.5:
        invoice.type_code = "380"
    invoice.due_place = rng.choice(
        ("means", "means", "terms") if invoice.credit_root else ("root",) * 3 + ("means", "terms")
    )
    invoice.tax_number_first = rng.random() < 0.5
    invoice.card_means_first = rng.random() < 0.15
    return invoice


def draw_fatturapa(rng: random.Random, index: int) -> EInvoice:
    professional = rng.random() < 0.25
    seller = draw_party(rng, "IT", seller=True, italian_person=professional)
    buyer_country = "IT" if rng.random() < 0.8 else rng.choice(("DE", "FR", "AT"))
    buyer = draw_party(rng, buyer_country, seller=False)
    credit = rng.random() < 0.25
    issued = date(2025, 1, 1) + timedelta(days=rng.randint(0, 600))
    foreign = buyer_country != "IT"
    lines: list[Line] = []
    for _position in range(rng.randint(1, 6)):
        _english, italian, _unit = rng.choice(ITEMS)
        if professional:
            category, rate = "S", Decimal(22)  # professional services: the standard rate
        elif foreign and rng.random() < 0.6:
            category, rate = "K", Decimal(0)
        elif rng.random() < 0.15:
            category, rate = rng.choice(("E", "AE", "O", "Z")), Decimal(0)
        else:
            category, rate = "S", Decimal(rng.choice(("22", "22", "10", "4")))
        places = rng.choice((2, 2, 4, 6, 8))
        price = (Decimal(rng.randint(5, 500000)) / 100).quantize(Decimal(1).scaleb(-places))
        quantity = Decimal(rng.choice(("1.00", "2.00", "3.00", "10.00", "0.50", "12.50", "1.00")))
        lines.append(
            Line(
                italian,
                f"{rng.randint(100, 99999)}" if rng.random() < 0.5 else None,
                quantity,
                rng.choice(("PZ", "NR", "KG", "ORE")),
                price,
                Decimal(1),
                category,
                rate,
                natura=NATURA[category] if category != "S" else None,
                allowance=Decimal(rng.choice((5, 10, 15))) if rng.random() < 0.2 else None,
            )
        )
    invoice = EInvoice(
        syntax="fatturapa",
        credit=credit,
        credit_root=False,
        number=rng.choice(("", "FPR ", "A/", "2025/"))
        + str(rng.randint(1, 9999))
        + rng.choice(("", "/E", "-PA")),
        issued=issued,
        due=issued + timedelta(days=rng.choice((30, 60, 90))) if rng.random() < 0.85 else None,
        currency="EUR" if rng.random() < 0.9 else rng.choice(("USD", "CHF")),
        seller=seller,
        buyer=buyer,
        lines=lines,
        order=f"{rng.randint(1, 999)}/{issued.year}" if rng.random() < 0.5 else None,
        note=rng.choice((None, "Fornitura come da ordine", "Servizi di consulenza del mese")),
        withholding=Decimal(20) if professional and not credit and rng.random() < 0.8 else None,
        instalments=rng.choice((1, 1, 1, 2, 3)),
        state_total=rng.random() < 0.8,
        type_code="TD04" if credit else rng.choice(("TD01", "TD01", "TD06" if professional else "TD24")),
    )
    if professional and rng.random() < 0.6:
        # the contribution (rivalsa, 4 % of the fees) is taxable at the fees' rate and part of the VAT summary
        invoice.fund = Decimal(4)
        contribution = cents(invoice.line_total * invoice.fund / 100)
        invoice.charges.append(
            DocCharge(
                True,
                "Cassa previdenziale",
                "TC22",
                contribution,
                "S",
                Decimal(22),
                invoice.fund,
                invoice.line_total,
            )
        )
    if rng.random() < 0.1:
        invoice.rounding = Decimal(rng.choice(("0.01", "-0.01", "0.02")))
        invoice.state_total = True
    invoice.alternatives = invoice.instalments == 1 and rng.random() < 0.2
    return invoice


def draw(seed: int, index: int, syntax: str | None = None) -> EInvoice:
    """Document ``index`` of ``seed``, from its own random stream (a set of 20 is the first 20 of 200)."""
    rng = random.Random(f"einvoices:{seed}:{index}")
    chosen = syntax or ("fatturapa" if rng.random() < 0.45 else "ubl")
    return draw_fatturapa(rng, index) if chosen == "fatturapa" else draw_ubl(rng, index)
