"""A ninth outsider's company: what an AP lead sees go wrong with money between the ERP and the suppliers' paper —
currencies, cash discounts, returns, price units, freight and foreign VAT — written from AP practice before
reading opsloop's reconciler. Classes, labels and the clerk's reasons are here (`CLASSES`, `Label.why`).

The buyer is decisions3's template company (Nordlicht Gerätebau GmbH, Hamburg, EUR). Four suppliers in Tryton:
a German fastener wholesaler (19 %, prices of small parts per 100 pieces, cash discount terms on every
invoice), a German electrical wholesaler sending XRechnung CII e-invoices (19 %), an Austrian hydraulics maker
(intra-EU, reverse charge, German wording of Austria, freight agreed on its orders) and a Spanish valve maker
writing Spanish (intra-EU, reverse charge). Each has three clean invoices of history (August – October 2026),
approved by a clerk; the test (November – December 2026) is a timeline of ERP events (orders, receipts, returns)
and arriving documents.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from evals.decisions.identifiers import iban, vat_id

Decision = Literal["approve", "person", "hold", "credit"]
CENT = Decimal("0.01")

BUYER = ("Nordlicht Gerätebau GmbH", "Hafenstraße 12", "20457 Hamburg", "DE136695976")
"""The template company as Tryton holds it."""


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Label:
    decision: Decision
    auto_ok: bool
    """For `approve`: an automatic approval is acceptable (else a person must look first)."""
    why: str


@dataclass(frozen=True)
class Vendor:
    key: str
    code: str
    name: str
    lang: str  # de / at / es (at: German as written in Austria)
    country: str
    vat: str
    iban: str
    street: str
    zip: str
    city: str
    tax: str  # "19" domestic, "rc" intra-EU reverse charge
    layout: str  # boxed / sidebar; "cii" sends XRechnung CII e-invoices


@dataclass(frozen=True)
class Item:
    sku: str
    vendor: str
    name: str
    price: Decimal
    """The supplier's price for `per` pieces (the order holds the price of one)."""
    per: int = 1
    kind: str = "goods"  # goods / service


@dataclass
class Line:
    sku: str | None
    description: str
    quantity: Decimal
    price: Decimal
    per: int = 1
    """The price unit printed: the price is for this many pieces."""

    @property
    def amount(self) -> Decimal:
        return money(self.quantity * self.price / self.per)


@dataclass
class Doc:
    number: str
    vendor: Vendor
    issued: date
    po: str | None
    """The order's key printed (its Tryton number once ordered)."""
    lines: list[Line]
    notes: list[str] = field(default_factory=list)
    """Sentences printed under the totals, in the supplier's language."""
    delivery: date | None = None
    currency: str = "EUR"
    rate_override: Decimal | None = None
    """A VAT rate charged other than the supplier's usual one (an Austrian 20 %)."""
    credit_for: str | None = None
    """A credit note: the number of the invoice it corrects (None: an invoice)."""
    discount: tuple[Decimal, int] | None = None
    """Cash discount terms printed (rate %, days), beside net 30."""

    @property
    def rate(self) -> Decimal:
        if self.rate_override is not None:
            return self.rate_override
        return Decimal(19) if self.vendor.tax == "19" else Decimal(0)

    @property
    def net(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))

    @property
    def tax(self) -> Decimal:
        return money(self.net * self.rate / 100)

    @property
    def total(self) -> Decimal:
        return self.net + self.tax


@dataclass
class OrderLine:
    sku: str
    description: str
    quantity: Decimal
    price: Decimal
    """The price of one piece (the ERP's unit)."""


@dataclass
class Order:
    key: str
    vendor: str
    issued: date
    lines: list[OrderLine]


@dataclass
class Event:
    """Goods-in books the order's delivery (`receive`: all of it), or sends goods back (`return`: per SKU the
    quantity returned)."""

    kind: str
    when: date
    order: str
    quantities: dict[str, Decimal] | None = None


@dataclass
class Case:
    id: str
    cls: str
    vendor: Vendor
    doc: Doc
    label: Label
    history: bool = False
    arrives: date | None = None

    @property
    def day(self) -> date:
        return self.arrives or self.doc.issued


CLASSES: dict[str, str] = {
    "control_de": "a clean German invoice of the fastener wholesaler (19 %, cash discount terms) on a received order",
    "control_at": "a clean Austrian invoice (intra-EU, 0 %, its legal wording) on a received order",
    "control_es": "a clean Spanish invoice (intra-EU, 0 %, its legal wording) on a received order",
    "control_cii": "a clean XRechnung CII e-invoice of the electrical wholesaler (19 %) on a received order",
    "price_per_hundred": "small parts priced per 100 pieces (a price-unit column), ordered at the price of one piece: the same amounts",
    "freight_agreed_on_order": "the order carries the supplier's flat freight as a line; the invoice bills the goods and that freight",
    "freight_above_agreed": "the order carries a flat freight; the invoice bills freight 40–80 % above it",
    "return_billed_in_full": "part of a line sent back to the supplier in the ERP (damaged) before the invoice, which bills everything delivered",
    "return_credit_note": "the supplier's credit note for the goods sent back, naming the invoice that billed them",
    "return_billed_what_kept": "part of a line sent back before the invoice; the invoice bills only what was kept",
    "foreign_vat_charged": "the Austrian supplier charges 20 % Austrian VAT on goods delivered to Germany (no reverse charge)",
    "currency_converted": "the Spanish supplier bills an EUR order in US dollars, its prices converted at a rate",
    "currency_code_same_amounts": "an e-invoice in Swiss francs (its currency code) with the EUR order's very amounts",
    "discount_chargeback": "the fastener wholesaler charges back the 2 % cash discount we deducted from an earlier invoice, saying we paid late",
}  # fmt: skip

_DE_CITIES = [("Neumünster", "24534"), ("Itzehoe", "25524"), ("Lüneburg", "21335"), ("Stade", "21680"),
              ("Bad Segeberg", "23795"), ("Elmshorn", "25335"), ("Heide", "25746")]  # fmt: skip
_DE_STREETS = [
    "Gewerbestraße",
    "Im Industriegebiet",
    "Am Hafenbecken",
    "Kanalstraße",
    "Lindenallee",
    "Werkstraße",
]
_FASTENERS = [("Sechskantschraube DIN 933 M8x30 8.8 verzinkt", "8.65", 100),
              ("Zylinderschraube ISO 4762 M6x20 12.9", "11.40", 100),
              ("Scheibe DIN 125 A 8,4 verzinkt", "1.95", 100),
              ("Sechskantmutter DIN 934 M10 8 verzinkt", "3.20", 100),
              ("Blindniet Alu/Stahl 4,8x12", "4.75", 100)]  # fmt: skip
_TOOLS_DE = [("Gewindeeinsatz-Sortiment M5–M12", "64.80", 1), ("Drehmomentschlüssel 20–100 Nm", "119.00", 1),
             ("Akku-Bohrschrauber 18 V, Koffer", "189.00", 1), ("Bit-Satz 32-tlg. Torsion", "24.90", 1)]  # fmt: skip
_ELECTRIC = [("Leitungsschutzschalter B16 1-polig", "4.85"), ("FI-Schutzschalter 40 A 30 mA 4-polig", "38.90"),
             ("Hutschienen-Netzteil 24 V 5 A", "52.40"), ("Schütz 3-polig 18,5 kW 24 V DC", "61.70"),
             ("Reihenklemme 4 mm² grau", "0.92")]  # fmt: skip
_HYDRAULIC = [("Hydraulikschlauch 2SN DN12, 1.000 mm, Pressarmatur", "38.60"),
              ("Kugelhahn 3-Wege G1/2, 350 bar", "84.50"), ("Druckfilter 160 l/min, 10 µm", "212.00"),
              ("Zahnradpumpe 11 cm³/U", "268.00"), ("Manometer 0–250 bar, Glycerin", "19.80")]  # fmt: skip
_VALVES = [("Válvula de bola DN25 acero inoxidable 316", "46.30"), ("Válvula de mariposa DN80 PN16", "128.00"),
           ("Válvula antirretorno DN40 latón", "22.70"), ("Electroválvula 2/2 NC 1/2\" 24 V", "71.50"),
           ("Filtro en Y DN50 fundición", "58.90")]  # fmt: skip
FREIGHT_AT = "Transportkostenpauschale Spedition AT–DE"

AT_NOTE = (
    "Steuerfreie innergemeinschaftliche Lieferung, Übergang der Steuerschuld auf den Leistungsempfänger."
)
ES_NOTE = "Entrega intracomunitaria exenta de IVA (art. 25 Ley 37/1992)."
RETURN_NOTE = "Gutschrift für die am {date} retournierten Waren (Rücksendung wegen Transportschaden)."
CHARGEBACK = ("Nachbelastung unberechtigter Skontoabzug zu Rechnung {number} vom {date}: Zahlungseingang am "
              "{paid}, Skontofrist bis {until}")  # fmt: skip
USD_NOTE = "Importes en dólares estadounidenses (USD)."


class Company:
    """One seed's suppliers, orders, receipts, returns and documents, each test document with its AP label."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.rng = random.Random(f"decisions9-{seed}")
        self.vendors: dict[str, Vendor] = {}
        self.items: dict[str, list[Item]] = {}
        self.orders: list[Order] = []
        self.events: list[Event] = []
        self.cases: list[Case] = []
        self._counters: dict[str, int] = {}
        self._vendors()
        self._build()
        self._renumber()

    # --------------------------------------------------------------------------- master data

    def _renumber(self) -> None:
        """Each supplier's numbers rising with its documents' dates (drawn while the year was built); a credit
        note keeps naming the invoice it corrects."""
        renamed: dict[tuple[str, str], str] = {}
        for vendor in self.vendors:
            docs = sorted((c.doc for c in self.cases if c.vendor.key == vendor), key=lambda d: d.issued)
            numbers = sorted((d.number for d in docs), key=lambda n: (len(n), n))
            for doc, number in zip(docs, numbers, strict=True):
                renamed[(vendor, doc.number)] = number
            for doc, number in zip(docs, numbers, strict=True):
                doc.number = number
        for case in self.cases:
            if case.doc.credit_for:
                case.doc.credit_for = renamed[(case.vendor.key, case.doc.credit_for)]

    def _vendors(self) -> None:
        rng = self.rng

        def de(key: str, i: int, name: str, layout: str) -> Vendor:
            city, zip_ = rng.choice(_DE_CITIES)
            return Vendor(key, f"S9{i:02d}", name, "de", "DE", vat_id(rng, "DE"), iban(rng, "DE"),
                          f"{rng.choice(_DE_STREETS)} {rng.randint(2, 90)}", zip_, city, "19", layout)  # fmt: skip

        self.vendors = {
            "de": de("de", 1, f"{rng.choice(['Schrauben', 'Befestigungstechnik', 'Verbindungstechnik'])} "
                     f"{rng.choice(['Janssen', 'Ohlsen', 'Wiese', 'Carstens'])} GmbH", "boxed"),
            "xr": de("xr", 2, f"Elektrogroßhandel {rng.choice(['Nordmark', 'Holstein', 'Weser'])} GmbH", "cii"),
            "at": Vendor("at", "S903", f"{rng.choice(['Alpen', 'Donau', 'Tauern'])}hydraulik "
                         f"{rng.choice(['Gruber', 'Huber', 'Pichler'])} GmbH", "at", "AT", vat_id(rng, "AT"),
                         iban(rng, "AT"), f"{rng.choice(['Industriezeile', 'Welser Straße', 'Gewerbepark Süd'])} "
                         f"{rng.randint(3, 60)}", rng.choice(["4020", "4600", "8020"]),
                         rng.choice(["Linz", "Wels", "Graz"]), "rc", "sidebar"),
            "es": Vendor("es", "S904", f"Válvulas {rng.choice(['Ebro', 'Cantábrico', 'Llobregat'])} S.L.", "es",
                         "ES", vat_id(rng, "ES"), iban(rng, "ES"),
                         f"Polígono Industrial {rng.choice(['Las Arenas', 'El Pla', 'Malpica'])}, nave {rng.randint(2, 40)}",
                         rng.choice(["50016", "08940", "48903"]), rng.choice(["Zaragoza", "Cornellà", "Barakaldo"]),
                         "rc", rng.choice(["boxed", "sidebar"])),
        }  # fmt: skip

        def items(vendor: str, pool: list[tuple[str, str, int]], kind: str = "goods") -> None:
            self.items[vendor] = [
                Item(f"{vendor.upper()}9-{n + 1:03d}", vendor, name, Decimal(price), per, kind)
                for n, (name, price, per) in enumerate(pool)
            ]

        items("de", [*_FASTENERS, *_TOOLS_DE])
        items("xr", [(name, price, 1) for name, price in _ELECTRIC])
        items("at", [(name, price, 1) for name, price in _HYDRAULIC])
        items("es", [(name, price, 1) for name, price in _VALVES])
        self.freight = Item("AT9-FR", "at", FREIGHT_AT, Decimal(rng.choice(["45.00", "58.00", "65.00"])), 1,
                            "service")  # fmt: skip

    # --------------------------------------------------------------------------- helpers

    def _number(self, vendor: str, issued: date) -> str:
        n = self._counters.get(vendor, self.rng.randint(1200, 8800))
        self._counters[vendor] = n + self.rng.randint(1, 4)
        return {
            "de": f"{issued:%y}-{n:05d}",
            "xr": f"ER{issued.year}{n:06d}",
            "at": f"AR/{issued.year}/{n:05d}",
            "es": f"F{issued:%y}/{n:05d}",
        }[vendor]

    def _goods(self, vendor: str, n: int, pool: list[Item] | None = None) -> list[Line]:
        chosen = self.rng.sample(pool or self.items[vendor], n)
        lines = []
        for x in chosen:
            if x.per == 100:
                quantity = Decimal(self.rng.randrange(500, 3000, 100))
            else:
                quantity = Decimal(self.rng.randrange(2, 16))
            lines.append(Line(x.sku, x.name, quantity, x.price, x.per))
        return lines

    def _order(self, key: str, vendor: str, issued: date, lines: list[Line]) -> Order:
        order = Order(key, vendor, issued,
                      [OrderLine(x.sku or "", x.description, x.quantity, x.price / x.per) for x in lines])  # fmt: skip
        self.orders.append(order)
        return order

    def _receive(self, order: str, when: date) -> None:
        self.events.append(Event("receive", when, order))

    def _doc(self, vendor: str, issued: date, po: str | None, lines: list[Line], **extra: object) -> Doc:
        v = self.vendors[vendor]
        notes = {"at": [AT_NOTE], "es": [ES_NOTE]}.get(vendor, [])
        doc = Doc(self._number(vendor, issued), v, issued, po, lines, notes=list(notes),
                  delivery=issued - timedelta(self.rng.randint(2, 5)),
                  discount=(Decimal(2), 10) if vendor == "de" else None)  # fmt: skip
        for name, value in extra.items():
            setattr(doc, name, value)
        return doc

    def _case(self, cls: str, doc: Doc, label: Label, *, history: bool = False, suffix: str = "") -> Case:
        case = Case(f"{cls}{suffix}-{doc.vendor.key}", cls, doc.vendor, doc, label, history)
        self.cases.append(case)
        return case

    def _day(self, month: int, first: int = 2, last: int = 26) -> date:
        return date(2026, month, self.rng.randint(first, last))

    def _per_piece(self, vendor: str) -> list[Item]:
        return [x for x in self.items[vendor] if x.per == 1]

    # --------------------------------------------------------------------------- the year

    def _build(self) -> None:
        rng = self.rng
        clean = Label("approve", True, "matches the order and what was received")

        def received_order(key: str, vendor: str, ordered: date, n: int = 3, pool: list[Item] | None = None,
                           freight: bool = False) -> list[Line]:  # fmt: skip
            lines = self._goods(vendor, n, pool)
            order_lines = [*lines, Line(self.freight.sku, self.freight.name, Decimal(1), self.freight.price)]
            self._order(key, vendor, ordered, order_lines if freight else lines)
            self._receive(key, ordered + timedelta(rng.randint(4, 8)))
            return order_lines if freight else lines

        # history: three clean invoices per supplier on their own received orders (per piece only)
        for vendor in ("de", "xr", "at", "es"):
            for n, month in enumerate((8, 9, 10)):
                ordered = self._day(month, 1, 8)
                key = f"H{vendor}{n}"
                lines = received_order(key, vendor, ordered, rng.randint(2, 3), self._per_piece(vendor))
                doc = self._doc(vendor, ordered + timedelta(rng.randint(12, 16)), key, lines)
                self._case("history", doc, clean, history=True, suffix=str(n))

        # controls
        for cls, vendor in (("control_de", "de"), ("control_at", "at"), ("control_es", "es"),
                            ("control_cii", "xr")):  # fmt: skip
            ordered = self._day(11, 2, 14)
            lines = received_order(f"C{vendor}", vendor, ordered, 3, self._per_piece(vendor))
            self._case(
                cls, self._doc(vendor, ordered + timedelta(rng.randint(10, 14)), f"C{vendor}", lines), clean
            )

        # small parts priced per 100 pieces
        ordered = self._day(11, 2, 14)
        hundreds = [x for x in self.items["de"] if x.per == 100]
        lines = received_order("Phundred", "de", ordered, 3, hundreds)
        self._case("price_per_hundred",
                   self._doc("de", ordered + timedelta(rng.randint(10, 14)), "Phundred", lines),
                   Label("approve", True, "prices per 100 pieces as the wholesaler prints them; quantities, "
                         "amounts and the total are the order's"))  # fmt: skip

        # freight agreed on the order
        ordered = self._day(11, 2, 10)
        lines = received_order("Ffreight", "at", ordered, 2, freight=True)
        self._case("freight_agreed_on_order",
                   self._doc("at", ordered + timedelta(rng.randint(10, 14)), "Ffreight", lines),
                   Label("approve", True, "goods and the flat freight as the order lists them"))  # fmt: skip
        ordered = self._day(11, 12, 24)
        lines = received_order("Fabove", "at", ordered, 2, freight=True)
        more = money(self.freight.price * Decimal(rng.randint(140, 180)) / 100)
        billed = [*lines[:-1], Line(self.freight.sku, self.freight.name, Decimal(1), more)]
        self._case("freight_above_agreed",
                   self._doc("at", ordered + timedelta(rng.randint(10, 14)), "Fabove", billed),
                   Label("hold", False, f"freight billed at {more} EUR where the order agrees a flat "
                         f"{self.freight.price} EUR: the buyer must accept the difference"))  # fmt: skip

        # goods sent back, billed in full, then credited
        ordered = self._day(11, 2, 8)
        lines = received_order("Rfull", "at", ordered, 3, self._per_piece("at"))
        received = next(e.when for e in self.events if e.order == "Rfull")
        back = lines[0]
        returned = max(Decimal(2), (back.quantity * Decimal(rng.choice([25, 50])) / 100).quantize(Decimal(1)))
        self.events.append(Event("return", received + timedelta(2), "Rfull", {back.sku or "": returned}))
        billed_full = self._doc("at", received + timedelta(rng.randint(5, 7)), "Rfull",
                                [Line(x.sku, x.description, x.quantity, x.price) for x in lines])  # fmt: skip
        self._case("return_billed_in_full", billed_full,
                   Label("hold", False, f"{returned} of the {back.quantity} × {back.description} went back to the "
                         "supplier before this invoice, which bills all of them: pay only what we kept (or after "
                         "the credit note)"))  # fmt: skip
        credit = self._doc("at", billed_full.issued + timedelta(rng.randint(8, 14)), "Rfull",
                           [Line(back.sku, back.description, returned, back.price)], credit_for=billed_full.number,
                           notes=[RETURN_NOTE.format(date=f"{received + timedelta(2):%d.%m.%Y}"), AT_NOTE])  # fmt: skip
        self._case("return_credit_note", credit,
                   Label("credit", False, "the supplier's credit note for the goods we sent back, naming the "
                         "invoice that billed them: booked as a credit, never paid"))  # fmt: skip

        # goods sent back, the invoice bills only what was kept
        ordered = self._day(11, 4, 12)
        lines = received_order("Rkept", "es", ordered, 3)
        received = next(e.when for e in self.events if e.order == "Rkept")
        back = lines[1]
        returned = max(Decimal(2), (back.quantity * Decimal(rng.choice([25, 50])) / 100).quantize(Decimal(1)))
        self.events.append(Event("return", received + timedelta(1), "Rkept", {back.sku or "": returned}))
        kept = [
            Line(x.sku, x.description, x.quantity - (returned if x is back else 0), x.price) for x in lines
        ]
        self._case("return_billed_what_kept",
                   self._doc("es", received + timedelta(rng.randint(6, 9)), "Rkept", kept),
                   Label("approve", True, f"bills what we kept: {returned} of the {back.quantity} went back "
                         "before the invoice and are not billed"))  # fmt: skip

        # Austrian VAT charged on an intra-EU delivery
        ordered = self._day(11, 10, 20)
        lines = received_order("Vforeign", "at", ordered, 2, self._per_piece("at"))
        self._case("foreign_vat_charged",
                   self._doc("at", ordered + timedelta(rng.randint(10, 14)), "Vforeign", lines,
                             rate_override=Decimal(20), notes=[]),
                   Label("hold", False, "20 % Austrian VAT charged on goods shipped from Austria to us: an "
                         "intra-EU supply is exempt there and taxed by us (reverse charge); the Austrian VAT is "
                         "not ours to reclaim — ask for a corrected invoice"))  # fmt: skip

        # an EUR order billed in US dollars
        ordered = self._day(11, 6, 16)
        lines = received_order("Xusd", "es", ordered, 2)
        fx = Decimal(rng.choice(["1.0850", "1.0920", "1.1040"]))
        usd = [Line(x.sku, x.description, x.quantity, money(x.price * fx)) for x in lines]
        self._case("currency_converted",
                   self._doc("es", ordered + timedelta(rng.randint(10, 14)), "Xusd", usd, currency="USD",
                             notes=[ES_NOTE, USD_NOTE]),
                   Label("hold", False, f"the order is in EUR, the invoice in USD (the prices converted at "
                         f"{fx}): we owe EUR as ordered; ask for an invoice in EUR"))  # fmt: skip

        # an e-invoice in Swiss francs with the order's amounts
        ordered = self._day(11, 8, 18)
        lines = received_order("Xchf", "xr", ordered, 3)
        self._case("currency_code_same_amounts",
                   self._doc("xr", ordered + timedelta(rng.randint(10, 14)), "Xchf", lines, currency="CHF"),
                   Label("hold", False, "the e-invoice's currency is CHF while the order is in EUR: the legal "
                         "invoice is in francs whatever its numbers; ask for a corrected e-invoice in EUR"))  # fmt: skip

        # a cash discount we took, charged back as paid late
        earlier = next(
            c.doc for c in self.cases if c.history and c.vendor.key == "de" and c.id.startswith("history2")
        )
        amount = money(earlier.net * Decimal("0.02"))
        until = earlier.issued + timedelta(10)
        paid = until + timedelta(rng.randint(3, 9))
        text = CHARGEBACK.format(number=earlier.number, date=f"{earlier.issued:%d.%m.%Y}",
                                 paid=f"{paid:%d.%m.%Y}", until=f"{until:%d.%m.%Y}")  # fmt: skip
        self._case("discount_chargeback",
                   self._doc("de", self._day(11, 16, 28), None, [Line(None, text, Decimal(1), amount)],
                             discount=None),
                   Label("hold", False, f"a charge-back of the cash discount ({amount} EUR net) taken on invoice "
                         f"{earlier.number}, no order: AP checks the payment date against the discount period "
                         "before accepting it"))  # fmt: skip
