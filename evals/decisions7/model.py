"""A seventh outsider's company in Tryton (pure, seeded): AP exceptions the six earlier decision evals do not
build — a final invoice that forgets the deposit already paid, goods delivered beyond the order and billed as
delivered, an invoice rejected by AP and followed by a cancellation (Storno) and a corrected invoice under a
new number or under the same number, a supplier whose invoice prints another supplier's bank account, an
invoice addressed to a stranger (another customer of the supplier), a domestic goods supplier claiming the
reverse charge (§ 13b UStG) beside a builder for whom it is right, a small business that charges no VAT
(§ 19 UStG), every price of a large order a little above the order (each within a usual tolerance), an
invoice of two pages with line discounts and a carried-forward subtotal, an e-invoice printing list prices
less a line allowance, and a subscription billed monthly without an order (the same amount, then a price
rise).

Every case is labelled from AP practice before opsloop ran on it (CLASSES, `Label.why`).

The buyer is decisions3's template company (Nordlicht Gerätebau GmbH, Hamburg, EUR). Seven suppliers: a German
fastener wholesaler, a German machine builder (deposits), an Italian supplier writing Italian and a Dutch
one sending UBL e-invoices in English (intra-EU, reverse charge), a German carpenter (a small business
under § 19 UStG: no VAT, ordered without tax), a German builder (construction services, § 13b UStG: the
order carries the reverse charge) and a Belgian software company billing a subscription monthly in
English without an order (reverse charge on services). Each has three clean invoices of history
(August – October 2026), approved by a clerk; the test (November – December 2026) is a timeline of ERP
events and arriving documents in date order.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Literal

from evals.decisions.identifiers import iban, vat_id

Decision = Literal["approve", "person", "hold"]
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
    clerk_pays: bool = False
    """For `person`: the clerk, having checked, approves what opsloop proposes (a deposit the order agreed)."""
    clerk_rejects: bool = False
    """AP rejects the invoice once it is held and asks the supplier for a corrected one."""
    at_arrival: bool = False
    """Judged on what opsloop decided when it arrived (the clerk's own decision follows), unless opsloop proposed
    it for payment again after the rejection."""


@dataclass(frozen=True)
class Vendor:
    key: str
    code: str
    name: str
    lang: str  # de / it / en
    country: str
    vat: str
    iban: str
    street: str
    zip: str
    city: str
    tax: str  # "19" domestic, "none" small business (§ 19 UStG), "rc" reverse charge (intra-EU or § 13b)
    layout: str  # classic / grid / sidebar; "ubl" sends e-invoices
    numbering: str


@dataclass(frozen=True)
class Item:
    sku: str
    vendor: str
    name: str
    price: Decimal
    kind: str  # goods / service


@dataclass
class Line:
    sku: str | None
    description: str
    quantity: Decimal
    price: Decimal
    """The net unit price billed (after any discount)."""
    list_price: Decimal | None = None
    """A list price printed with a discount (`discount` %) that brings it to `price`."""
    discount: Decimal | None = None

    @property
    def amount(self) -> Decimal:
        return money(self.quantity * self.price)


@dataclass
class Doc:
    kind: str  # invoice / deposit / final / storno
    number: str
    vendor: Vendor
    issued: date
    po: str | None
    """The order's key (its Tryton number is known once ordered); None: no order of ours printed."""
    lines: list[Line]
    rate: Decimal = Decimal(19)
    """The VAT rate charged on every line."""
    tax_note: str | None = None
    """Why no VAT is charged, in the supplier's words (reverse charge, small business)."""
    addressee: tuple[str, str, str, str] = BUYER
    their_order: str | None = None
    """The addressee's own order reference, printed where no order of ours is."""
    iban: str | None = None
    """The IBAN printed (None: the supplier's own)."""
    notes: list[str] = field(default_factory=list)
    refers_to: str | None = None
    """The invoice number a cancellation or a corrected invoice names."""
    period: str | None = None
    form: str = "pdf"  # pdf / ubl
    layout: str | None = None
    delivery: date | None = None

    @property
    def currency(self) -> str:
        return "EUR"

    @property
    def printed_iban(self) -> str:
        return self.iban or self.vendor.iban

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
    tax: str


@dataclass
class Order:
    key: str
    vendor: str
    issued: date
    lines: list[OrderLine]


@dataclass
class Event:
    """Something done in Tryton on a day: `receive` (per SKU the share of the ordered quantity that comes in;
    above 1 where more came than was ordered and goods-in booked it)."""

    kind: str
    when: date
    order: str
    share: dict[str, Decimal] | None = None


@dataclass
class Case:
    id: str
    cls: str
    vendor: Vendor
    doc: Doc
    label: Label
    history: bool = False
    arrives: date | None = None
    remember: bool = False
    """A history invoice without an order that the budget owner approves and tells AP to remember as a
    recurring charge (the clerk releases it with "remember as a recurring charge")."""

    @property
    def day(self) -> date:
        return self.arrives or self.doc.issued


CLASSES: dict[str, str] = {
    "control_de": "a clean German invoice on a received order",
    "control_it": "a clean Italian invoice (intra-EU, 0 %, its legal wording) on a received order",
    "control_ubl": "a clean UBL e-invoice of the Dutch supplier (intra-EU, 0 %)",
    "ubl_line_allowance": "a UBL e-invoice printing list prices less a line allowance; the order holds the net prices",
    "long_two_pages": "30–36 lines over two pages with a discount column and a carried-forward subtotal, as ordered and received",
    "uniform_price_creep": "a large order billed with every unit price 1.5–1.9 % above the order's (hundreds of euros together)",
    "over_delivery_billed": "goods-in booked 10–15 % more than ordered on one line; the invoice bills what came",
    "deposit_invoice": "a 30 % deposit invoice for a machine ordered (the order agreed a deposit), nothing delivered yet",
    "final_deposit_not_deducted": "the machine delivered; the final invoice bills all of it and forgets the deposit paid",
    "rejected_price": "one unit price 8–12 % above the order: held, and AP rejects it and asks for a corrected invoice",
    "storno_of_rejected": "the supplier's cancellation (Storno) of that rejected invoice, negative amounts",
    "corrected_new_number": "the corrected invoice under a new number, naming the one it replaces, at the order's prices",
    "rejected_quantity": "more billed than ordered and received: held, AP rejects it",
    "corrected_same_number": "the corrected invoice under the rejected invoice's own number, marked corrected",
    "small_business_no_vat": "a small business (§ 19 UStG) bills without VAT, with its note; the order carries no tax",
    "iban_of_other_vendor": "a clean invoice printing the bank account another supplier has on file",
    "construction_reverse_charge": "a builder's construction service at 0 % under § 13b UStG; the order carries the reverse charge",
    "goods_reverse_charge_claimed": "the German wholesaler bills ordinary goods at 0 % citing § 13b UStG; the order has 19 %",
    "addressed_to_stranger": "the wholesaler's invoice to another customer (its name, address, VAT id and order reference)",
    "subscription_same_amount": "the software subscription's next month, no order, the amount of every month before (remembered as a recurring charge in August)",
    "subscription_price_up": "the month after, the price per user 20–30 % higher, no order",
}  # fmt: skip


_NAMES = ["Behrens", "Tiedemann", "Rasmussen", "Ohlsen", "Carstens", "Wulff", "Harms", "Petersen", "Jessen"]
_CITIES = [("Neumünster", "24534"), ("Itzehoe", "25524"), ("Lüneburg", "21335"), ("Stade", "21680"),
           ("Rendsburg", "24768"), ("Elmshorn", "25335")]  # fmt: skip
_STREETS = ["Gewerbering", "Am Hafen", "Kieler Straße", "Birkenweg", "Ziegeleiweg", "Lange Reihe"]
_STRANGERS = [("Hollmann Anlagenbau GmbH", "Am Wall 40", "28195 Bremen"),
              ("Sievers Fördertechnik KG", "Robert-Bosch-Straße 7", "30989 Gehrden"),
              ("Marten Metallbau GmbH", "Schulstraße 3", "24558 Henstedt-Ulzburg")]  # fmt: skip

# the wholesaler's catalogue: fasteners drawn from norms, sizes and finishes (enough for a two-page order)
_NORMS = [("Sechskantschraube DIN 933", "0.060"), ("Zylinderschraube DIN 912", "0.085"),
          ("Senkschraube DIN 7991", "0.072"), ("Gewindestange DIN 976 1 m", "1.450"),
          ("Sechskantmutter DIN 934", "0.021"), ("Scheibe DIN 125", "0.012")]  # fmt: skip
_SIZES = [("M6", "1.0"), ("M8", "1.6"), ("M10", "2.5"), ("M12", "3.6"), ("M16", "6.5")]
_FINISH = [("verzinkt", "1.0"), ("A2", "2.8"), ("8.8 blank", "1.2")]
_MACHINES = [("Bandsäge BS 420 Automatik", "16850.00"), ("Bearbeitungszentrum VC 600", "48900.00"),
             ("Drehmaschine D 460 x 1000", "21400.00"), ("Kantenbiegemaschine KB 2500", "19750.00")]  # fmt: skip
_MACH_PARTS = [("Spannfutter 250 mm", "684.00"), ("Kühlmittelpumpe 0,25 kW", "218.50"),
               ("Linearführung 1200 mm", "356.00"), ("Werkzeughalter SK40", "94.80")]  # fmt: skip
_GOODS_IT = [("Valvola a sfera 1/2\" ottone", "6.85"), ("Raccordo a T 3/4\" zincato", "2.40"),
             ("Guarnizione piana DN50", "0.95"), ("Manometro 0-10 bar Ø63", "14.20"),
             ("Tubo flessibile inox 500 mm", "11.60"), ("Filtro a Y 1\" ghisa", "23.90")]  # fmt: skip
_GOODS_NL = [("Proximity sensor M18 PNP", "38.40"), ("Cable carrier chain 25 mm", "17.90"),
             ("Pneumatic cylinder 32x100", "64.50"), ("Solenoid valve 5/2 24 V", "47.20"),
             ("Signal tower LED 3-tier", "58.00"), ("Terminal block 4 mm² grey", "0.74")]  # fmt: skip
_CARPENTRY = [("Werkbank Buche massiv 2000 x 750 mm, Anfertigung", "1240.00"),
              ("Regalsystem Lager Fichte, Anfertigung und Montage je lfm", "310.00"),
              ("Schrankelement Werkzeugausgabe, Anfertigung", "865.00"),
              ("Trennwand Pausenraum, Montage je m²", "142.00")]  # fmt: skip
_BUILDING = [("Hallenboden Beschichtung Epoxid je m²", "38.50"), ("Mauerwerksdurchbruch Halle 2 herstellen", "1860.00"),
             ("Brandschutztür T30 einbauen", "2340.00"), ("Dachrinne erneuern je lfm", "64.00")]  # fmt: skip

TAX_NOTES = {
    "it": "Operazione non imponibile art. 41 D.L. 331/1993 – inversione contabile (reverse charge).",
    "en": "Reverse charge: intra-Community supply, VAT to be accounted for by the customer (Art. 138 / 196 Directive 2006/112/EC).",
    "de13b": "Steuerschuldnerschaft des Leistungsempfängers gemäß § 13b UStG.",
    "services": "Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive 2006/112/EC).",
    "de19": "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet (Kleinunternehmer).",
}  # fmt: skip
CORRECTED = {
    "de": "Korrigierte Rechnung – ersetzt unsere Rechnung {ref} vom {date}.",
    "it": "Fattura corretta – sostituisce la nostra fattura {ref} del {date}.",
    "en": "Corrected invoice – replaces our invoice {ref} of {date}.",
}
STORNO = {
    "de": "Storno unserer Rechnung {ref} vom {date}.",
    "it": "Storno della nostra fattura {ref} del {date}.",
    "en": "Cancellation of our invoice {ref} of {date}.",
}
PRICE_RISE = "New pricing effective 1 December 2026, as announced in our e-mail of 2 November 2026."


class Company:
    def __init__(self, seed: int) -> None:
        self.seed = seed
        rng = random.Random(f"decisions7-{seed}")
        self.rng = rng
        names = rng.sample(_NAMES, 4)
        cities = rng.sample(_CITIES, 4)
        layouts = ["classic", "grid", "sidebar"]
        rng.shuffle(layouts)

        def de(key: str, i: int, trade: str, tax: str, layout: str, numbering: str) -> Vendor:
            city, zip_ = cities[i]
            return Vendor(key, f"K{rng.randint(10000, 99999)}", f"{names[i]} {trade}", "de", "DE", vat_id(rng, "DE"),
                          iban(rng, "DE"), f"{rng.choice(_STREETS)} {rng.randint(1, 90)}", zip_, city, tax, layout,
                          numbering)  # fmt: skip

        self.vendors: dict[str, Vendor] = {
            "de": de("de", 0, "Befestigungstechnik GmbH", "19", layouts[0], "prefixed"),
            "mach": de("mach", 1, "Werkzeugmaschinen GmbH", "19", layouts[1], "yearly"),
            "carp": de("carp", 2, "Tischlerei", "none", layouts[2], "plain"),
            "bau": de("bau", 3, "Bau GmbH & Co. KG", "rc", rng.choice(layouts), "yearly"),
            "it": Vendor("it", f"K{rng.randint(10000, 99999)}",
                         f"{rng.choice(['Bertolini', 'Ferraro', 'Galli'])} Idraulica S.r.l.", "it", "IT", vat_id(rng, "IT"),
                         iban(rng, "IT"), f"Via {rng.choice(['Roma', 'Garibaldi', 'dell’Industria'])} {rng.randint(2, 120)}",
                         "25124", "Brescia", "rc", rng.choice(layouts), "slash"),
            "nl": Vendor("nl", f"K{rng.randint(10000, 99999)}",
                         f"{rng.choice(['Van Dijk', 'De Vries', 'Bakker'])} Automation B.V.", "en", "NL", vat_id(rng, "NL"),
                         iban(rng, "NL"), f"Industrieweg {rng.randint(2, 80)}", "5651 GJ", "Eindhoven", "rc", "ubl",
                         "plain"),
            "saas": Vendor("saas", f"K{rng.randint(10000, 99999)}",
                           f"{rng.choice(['Clouddesk', 'Planwise', 'Shiftly'])} Software NV", "en", "BE",
                           vat_id(rng, "BE"), iban(rng, "BE"), f"Kortrijksesteenweg {rng.randint(10, 400)}", "9000",
                           "Gent", "rc", rng.choice(layouts), "saas"),
        }  # fmt: skip
        self.items: dict[str, list[Item]] = {}
        sku_no = rng.randint(20000, 60000)

        def add(vendor: str, pool: list[tuple[str, str]], kind: str = "goods") -> None:
            nonlocal sku_no
            for name, price in pool:
                sku_no += rng.randint(3, 40)
                self.items.setdefault(vendor, []).append(
                    Item(f"{sku_no:06d}", vendor, name, Decimal(price), kind)
                )

        fasteners = []
        for norm, base in _NORMS:
            for size, size_factor in _SIZES:
                for finish, finish_factor in _FINISH:
                    price = (Decimal(base) * Decimal(size_factor) * Decimal(finish_factor)).quantize(CENT)
                    fasteners.append((f"{norm} {size} {finish}", str(max(price, Decimal("0.05")))))
        add("de", fasteners)
        add("mach", _MACH_PARTS)
        add("it", _GOODS_IT)
        add("nl", _GOODS_NL)
        add("carp", _CARPENTRY, "service")
        add("bau", _BUILDING, "service")
        self.machines = [
            Item(f"M{sku_no + i:06d}", "mach", n, Decimal(p), "goods") for i, (n, p) in enumerate(_MACHINES)
        ]
        self.items["mach"] += self.machines
        self.orders: list[Order] = []
        self.events: list[Event] = []
        self.cases: list[Case] = []
        self._numbers = {k: rng.randint(1000, 9000) for k in self.vendors}
        self.seats = rng.choice([18, 25, 32, 40])
        self.seat_price = Decimal(rng.choice(["34.00", "39.00", "42.50"]))
        self.support = Decimal(rng.choice(["120.00", "150.00", "180.00"]))
        self.stranger = rng.choice(_STRANGERS)
        self.stranger_vat = vat_id(rng, "DE")
        self._build()

    # ------------------------------------------------------------------ helpers

    def _number(self, vendor: Vendor, issued: date) -> str:
        self._numbers[vendor.key] += self.rng.randint(1, 9)
        n = self._numbers[vendor.key]
        return {
            "prefixed": f"RG-{issued:%y}{n:05d}",
            "yearly": f"{issued.year}/{n:04d}",
            "plain": f"{n}",
            "slash": f"{n}/{issued:%y}",
            "saas": f"INV-{issued:%Y%m}-{n:05d}",
        }[vendor.numbering]

    def _qty(self, item: Item, low: int = 150, high: int = 900) -> Decimal:
        if item.kind == "service":
            return Decimal(self.rng.choice([1, 1, 2, 4, 8, 12]))
        target = Decimal(self.rng.randint(low, high))
        step = 100 if item.price < 1 else 10 if item.price < 20 else 1
        return max(Decimal(step), (target / item.price / step).quantize(Decimal(1)) * step)

    def _lines(self, vendor: str, n: int) -> list[Line]:
        pool = [i for i in self.items[vendor] if i not in self.machines]
        return [Line(i.sku, i.name, self._qty(i), i.price) for i in self.rng.sample(pool, n)]

    def _order(self, key: str, vendor: str, issued: date, lines: list[Line]) -> Order:
        tax = self.vendors[vendor].tax
        order = Order(
            key,
            vendor,
            issued,
            [OrderLine(x.sku or "", x.description, x.quantity, x.price, tax) for x in lines],
        )
        self.orders.append(order)
        return order

    def _doc(
        self, vendor: str, issued: date, po: str | None, lines: list[Line], kind: str = "invoice"
    ) -> Doc:
        v = self.vendors[vendor]
        rate = Decimal(19) if v.tax == "19" else Decimal(0)
        rc = {"de": "de13b", "it": "it", "en": "services" if vendor == "saas" else "en"}[v.lang]
        note = {"rc": TAX_NOTES[rc], "none": TAX_NOTES["de19"]}.get(v.tax)
        return Doc(kind, self._number(v, issued), v, issued, po, [replace(x) for x in lines], rate, note,
                   form="ubl" if v.layout == "ubl" else "pdf",
                   delivery=None if vendor == "saas" else issued - timedelta(days=2))  # fmt: skip

    def _case(
        self, cls: str, vendor: str, doc: Doc, label: Label, *, history: bool = False, suffix: str = ""
    ) -> Case:
        case = Case(f"{cls}{suffix}-{vendor}", cls, self.vendors[vendor], doc, label, history)
        self.cases.append(case)
        return case

    def _receive(self, order: str, when: date, share: dict[str, Decimal] | None = None) -> None:
        self.events.append(Event("receive", when, order, share))

    def _day(self, first: int = 0, span: int = 10) -> date:
        return date(2026, 11, 2) + timedelta(days=first + self.rng.randint(0, span))

    def _subscription(self, month: date, price: Decimal) -> list[Line]:
        last = (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        period = f"{month:%d %b %Y} – {last:%d %b %Y}"
        return [Line("PLAN-TEAM", f"Team plan, {self.seats} users, {period}", Decimal(self.seats), price),
                Line("SUP-STD", f"Standard support, {period}", Decimal(1), self.support)]  # fmt: skip

    # ------------------------------------------------------------------ the year

    def _build(self) -> None:
        rng = self.rng
        clean = Label("approve", True, "clean: our order printed, received, prices and VAT as ordered")
        for vendor in self.vendors:
            for n in range(3):
                ordered = date(2026, 8, 3) + timedelta(days=21 * n + rng.randint(0, 5))
                issued = ordered + timedelta(days=rng.randint(9, 13))
                if vendor == "saas":
                    month = date(2026, 8 + n, 1)
                    doc = self._doc(vendor, month, None, self._subscription(month, self.seat_price))
                    doc.period = f"{month:%B %Y}"
                    why = (
                        "the subscription the budget owner approved in August and told AP to remember as a "
                        "recurring charge (no order): the same plan at the same price each month is covered"
                    )
                    case = self._case("history", vendor, doc, Label("approve", False, why), history=True,
                                      suffix=str(n))  # fmt: skip
                    case.remember = n == 0
                    continue
                key = f"hist-{vendor}-{n}"
                lines = self._lines(vendor, 2)
                self._order(key, vendor, ordered, lines)
                if vendor not in ("carp", "bau"):
                    self._receive(key, ordered + timedelta(days=rng.randint(3, 6)))
                self._case("history", vendor, self._doc(vendor, issued, key, lines), clean, history=True,
                           suffix=str(n))  # fmt: skip

        def simple(cls: str, vendor: str, label: Label, *, n: int = 2, received: bool = True, first: int = 0,
                   suffix: str = "") -> tuple[Order, Doc]:  # fmt: skip
            when = self._day(first)
            lines = self._lines(vendor, n)
            key = f"{cls}{suffix}-{vendor}"
            order = self._order(key, vendor, when, lines)
            if received and self.vendors[vendor].key not in ("carp", "bau"):
                self._receive(key, when + timedelta(days=rng.randint(2, 5)))
            doc = self._doc(vendor, when + timedelta(days=rng.randint(7, 11)), key, lines)
            self._case(cls, vendor, doc, label, suffix=suffix)
            return order, doc

        simple("control_de", "de", clean, n=3)
        simple("control_it", "it", clean)
        simple("control_ubl", "nl", clean)

        # an e-invoice printing list prices less a line allowance; the order has the net price
        _, doc = simple("ubl_line_allowance", "nl", Label("approve", True, "list price less the agreed allowance is "
                        "the order's price on every line: as ordered and received"))  # fmt: skip
        for line in doc.lines:
            pct = Decimal(rng.choice([5, 10, 15, 20]))
            line.list_price, line.discount = line.price, pct
            line.price = line.price * (100 - pct) / 100
        # the order's prices are the net ones: rewrite the order to the allowance's net prices
        order = next(o for o in self.orders if o.key == doc.po)
        for ol, line in zip(order.lines, doc.lines, strict=True):
            ol.price = line.price

        # two pages, a discount column, a carried-forward subtotal
        when = self._day()
        pool = rng.sample(self.items["de"], rng.randint(30, 36))
        lines = []
        for item in pool:
            pct = Decimal(rng.choice([0, 5, 10, 15, 20, 25, 30]))
            net = item.price * (100 - pct) / 100
            lines.append(Line(item.sku, item.name, self._qty(item, 40, 300), net, item.price, pct))
        self._order("long-de", "de", when, lines)
        self._receive("long-de", when + timedelta(days=rng.randint(3, 5)))
        doc = self._doc("de", when + timedelta(days=rng.randint(7, 10)), "long-de", lines)
        self._case("long_two_pages", "de", doc, Label("approve", True, "every line as ordered and received; the "
                   "discounts bring the list prices to the order's; page 2 carries page 1's subtotal forward"))  # fmt: skip

        # every price of a large order a little above the order's
        when = self._day()
        dear = [i for i in self.items["it"] if i.price >= 2]
        lines = [Line(i.sku, i.name, self._qty(i, 3000, 6000), i.price) for i in rng.sample(dear, 4)]
        self._order("creep-it", "it", when, lines)
        self._receive("creep-it", when + timedelta(days=4))
        doc = self._doc("it", when + timedelta(days=9), "creep-it", lines)
        bump = Decimal(rng.choice(["1.015", "1.017", "1.019"]))
        for line in doc.lines:
            line.price = (line.price * bump).quantize(CENT, rounding=ROUND_DOWN)
        self._case("uniform_price_creep", "it", doc, Label("person", False, "every line above the order's price: not "
                   "rounding but a price rise worth hundreds of euros nobody agreed; purchasing confirms or the "
                   "supplier credits it"))  # fmt: skip

        # goods-in booked more than was ordered; the invoice bills what came
        vendor = rng.choice(["de", "it"])
        when = self._day()
        lines = self._lines(vendor, 2)
        self._order("over-delivery", vendor, when, lines)
        extra = Decimal(rng.choice(["1.10", "1.12", "1.15"]))
        self._receive("over-delivery", when + timedelta(days=4), {lines[0].sku or "": extra})
        billed = [
            replace(lines[0], quantity=(lines[0].quantity * extra).quantize(Decimal(1))),
            replace(lines[1]),
        ]
        doc = self._doc(vendor, when + timedelta(days=8), "over-delivery", billed)
        self._case("over_delivery_billed", vendor, doc, Label("hold", False, "more billed than ordered: goods-in took "
                   "the surplus, but nobody ordered it; purchasing amends the order or the surplus goes back"))  # fmt: skip

        # a machine: the deposit, then the final invoice forgetting it
        when = self._day(first=-1, span=3)
        machine = rng.choice(self.machines)
        self._order("machine", "mach", when, [Line(machine.sku, machine.name, Decimal(1), machine.price)])
        deposit_net = money(machine.price * Decimal("0.30"))
        deposit = self._doc("mach", when + timedelta(days=3), "machine",
                            [Line(None, f"Anzahlung 30 % auf {machine.name} gemäß Auftragsbestätigung", Decimal(1),
                                  deposit_net)], kind="deposit")  # fmt: skip
        self._case("deposit_invoice", "mach", deposit, Label("person", False, "a deposit the order agreed: a person "
                   "checks it against the order and pays it (nothing to receive yet)", clerk_pays=True))  # fmt: skip
        self._receive("machine", when + timedelta(days=24))
        final = self._doc("mach", when + timedelta(days=27), "machine",
                          [Line(machine.sku, machine.name, Decimal(1), machine.price)], kind="final")  # fmt: skip
        self._case("final_deposit_not_deducted", "mach", final, Label("hold", False, f"the deposit invoice "
                   f"{deposit.number} ({deposit_net} net) was paid; the final invoice bills the whole machine "
                   "without deducting it: we would pay 130 %; ask for a final invoice less the deposit"))  # fmt: skip

        # rejected for its price, cancelled, corrected under a new number
        when = self._day(first=-1, span=4)
        lines = self._lines("de", 2)
        self._order("rejected-price", "de", when, lines)
        self._receive("rejected-price", when + timedelta(days=3))
        wrong = self._doc("de", when + timedelta(days=7), "rejected-price", lines)
        wrong.lines[0].price = (
            wrong.lines[0].price * Decimal(rng.choice(["1.08", "1.10", "1.12"]))
        ).quantize(CENT)
        self._case("rejected_price", "de", wrong, Label("hold", False, "one price 8–12 % above the order: AP rejects "
                   "it and asks for a corrected invoice", clerk_rejects=True, at_arrival=True))  # fmt: skip
        storno = self._doc("de", wrong.issued + timedelta(days=6), "rejected-price",
                           [replace(x, quantity=-x.quantity) for x in wrong.lines], kind="storno")  # fmt: skip
        storno.refers_to = wrong.number
        storno.notes.append(STORNO["de"].format(ref=wrong.number, date=f"{wrong.issued:%d.%m.%Y}"))
        self._case("storno_of_rejected", "de", storno, Label("hold", False, "cancels an invoice AP rejected and never "
                   "booked: file it with the rejected one; booking it would make the supplier owe us money we never "
                   "paid"))  # fmt: skip
        right = self._doc("de", wrong.issued + timedelta(days=6), "rejected-price", lines)
        right.refers_to = wrong.number
        right.notes.append(CORRECTED["de"].format(ref=wrong.number, date=f"{wrong.issued:%d.%m.%Y}"))
        self._case("corrected_new_number", "de", right, Label("approve", True, "the corrected invoice: as ordered and "
                   "received; the one it replaces was rejected and cancelled"))  # fmt: skip

        # rejected for its quantity, corrected under the same number
        vendor = rng.choice(["it", "nl"])
        when = self._day(first=-1, span=4)
        lines = self._lines(vendor, 2)
        self._order("rejected-qty", vendor, when, lines)
        self._receive("rejected-qty", when + timedelta(days=3))
        wrong = self._doc(vendor, when + timedelta(days=7), "rejected-qty", lines)
        wrong.lines[1].quantity = wrong.lines[1].quantity * 2
        self._case("rejected_quantity", vendor, wrong, Label("hold", False, "bills twice the quantity ordered and "
                   "received on a line: AP rejects it and asks for a corrected invoice", clerk_rejects=True,
                   at_arrival=True))  # fmt: skip
        again = replace(
            wrong, lines=[replace(x) for x in lines], issued=wrong.issued + timedelta(days=8), notes=[]
        )
        again.refers_to = wrong.number
        fmt = f"{wrong.issued:%d/%m/%Y}" if vendor == "it" else f"{wrong.issued:%d %b %Y}"
        again.notes.append(CORRECTED[again.vendor.lang].format(ref=wrong.number, date=fmt))
        self._case("corrected_same_number", vendor, again, Label("approve", True, "the corrected invoice under the "
                   "number of the one AP rejected (never booked nor paid): as ordered and received"))  # fmt: skip

        # a small business without VAT; the order carries no tax
        simple("small_business_no_vat", "carp", Label("approve", True, "a small business under § 19 UStG charges no "
               "VAT and says so; the order was raised without tax: as ordered"), n=1)  # fmt: skip

        # the carpenter's invoice printing the builder's bank account
        _, doc = simple("iban_of_other_vendor", "carp", Label("hold", False, "the IBAN printed is the builder's, "
                        "another supplier on file, not the carpenter's: two suppliers paid into one account is the "
                        "shell-company pattern; verify with a known contact before paying"), n=1, first=12)  # fmt: skip
        doc.iban = self.vendors["bau"].iban

        # a builder's construction service under § 13b: right at 0 %
        simple("construction_reverse_charge", "bau", Label("approve", True, "construction services from a German "
               "builder: the customer owes the VAT (§ 13b UStG), the order carries the reverse charge"), n=2)  # fmt: skip

        # ordinary goods billed at 0 % citing § 13b
        _, doc = simple("goods_reverse_charge_claimed", "de", Label("hold", False, "§ 13b does not cover ordinary "
                        "goods sold in Germany: 19 % is owed on the invoice, and we cannot account for it ourselves; "
                        "ask for a corrected invoice with VAT"))  # fmt: skip
        doc.rate, doc.tax_note = Decimal(0), TAX_NOTES["de13b"]

        # an invoice to a stranger
        when = self._day(first=8)
        lines = self._lines("de", 2)
        doc = self._doc("de", when, None, lines)
        doc.addressee = (*self.stranger, self.stranger_vat)
        doc.their_order = f"45000{rng.randint(10000, 99999)}"
        self._case("addressed_to_stranger", "de", doc, Label("hold", False, "addressed to another company (its name, "
                   "address, VAT id and order number): not ours; send it back to the supplier"))  # fmt: skip

        # the subscription's next months
        nov = date(2026, 11, 1)
        doc = self._doc("saas", nov, None, self._subscription(nov, self.seat_price))
        doc.period = f"{nov:%B %Y}"
        self._case("subscription_same_amount", "saas", doc, Label("approve", True, "the month's subscription at the "
                   "price of every month before, same account, no order: the budget owner's standing approval, "
                   "remembered as a recurring charge in August, covers it; it may pass untouched"))  # fmt: skip
        dec = date(2026, 12, 1)
        rise = Decimal(rng.choice(["1.20", "1.25", "1.30"]))
        doc = self._doc("saas", dec, None, self._subscription(dec, (self.seat_price * rise).quantize(CENT)))
        doc.period = f"{dec:%B %Y}"
        doc.notes.append(PRICE_RISE)
        self._case("subscription_price_up", "saas", doc, Label("person", False, "the price per user 20–30 % above "
                   "every month before, no order or contract change on file: the budget owner confirms the new "
                   "price before it is paid"))  # fmt: skip
