"""The company kept in Tryton and the cases an AP lead knows from the ERP side (pure, seeded).

A German buyer (the template's, EUR) and eight suppliers: a German goods supplier, an Austrian and a French
one (intra-EU supplies at 0 %, reverse charge), a Dutch one writing English, a US one invoicing in USD, a
German service provider (maintenance, rent, licences), a German supplier whose master is entered twice, and
a German one the buyer deactivates. History (September–November 2026): three clean invoices per supplier,
each on its own PO, received, approved by a clerk. Test (late November – early December): one case per class
below, each labelled from AP practice before opsloop ran.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Literal

from evals.decisions.identifiers import iban, vat_id

Decision = Literal["approve", "person", "hold", "credit"]
CENT = Decimal("0.01")


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Label:
    decision: Decision
    auto_ok: bool
    why: str


@dataclass(frozen=True)
class Vendor:
    key: str
    code: str
    name: str
    lang: str
    country: str
    vat: str | None
    iban: str | None
    street: str
    zip: str
    city: str
    currency: str
    tax: str  # "19" domestic, "rc" intra-EU reverse charge, "none" import without VAT
    prefix: str


@dataclass(frozen=True)
class Item:
    sku: str
    vendor: str
    name: str
    price: Decimal
    category: str  # goods19 / goods7 / service
    unit: str = "Unit"  # purchase unit: Unit or "Box of 12"


@dataclass
class Line:
    sku: str
    description: str
    quantity: Decimal
    price: Decimal
    unit: str = "Unit"
    list_price: Decimal | None = None
    """Printed before a discount (the PO's price is the net)."""
    discount: Decimal | None = None

    @property
    def amount(self) -> Decimal:
        return money(self.quantity * self.price)


@dataclass
class Doc:
    number: str
    vendor: Vendor
    issued: date
    po: str | None
    """The PO's key (its Tryton number is known once ordered)."""
    lines: list[Line]
    currency: str
    terms_days: int = 30

    @property
    def net(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))

    @property
    def tax_rate(self) -> Decimal:
        return Decimal(19) if self.vendor.tax == "19" else Decimal(0)

    @property
    def tax(self) -> Decimal:
        return money(self.net * self.tax_rate / 100)

    @property
    def total(self) -> Decimal:
        return self.net + self.tax


@dataclass
class Order:
    key: str
    vendor: str
    """The party key it is placed with (a vendor key, or the duplicate party's)."""
    issued: date
    currency: str
    lines: list[Line]
    tax: str
    phase: str = "setup"


@dataclass
class Event:
    """Something done in Tryton: receive / return / cancel_open / deactivate / duplicate_party / key_in."""

    kind: str
    phase: str
    order: str | None = None
    when: date | None = None
    share: dict[str, Decimal] | None = None
    vendor: str | None = None
    reference: str | None = None


@dataclass
class Case:
    id: str
    cls: str
    vendor: Vendor
    doc: Doc
    label: Label
    history: bool = False
    party: str | None = None
    """The party the invoice belongs to in Tryton (write-back check); the vendor's own by default."""


CLASSES: dict[str, str] = {
    "control_domestic": "a clean invoice of the German supplier: PO printed, received, 19 %",
    "control_reverse_charge": "a clean intra-EU invoice at 0 % with its legal wording",
    "partial_receipt_full_bill": "60 % received in Tryton, the whole PO billed",
    "returned_to_supplier": "received, then the whole receipt sent back to the supplier (a supplier return, done); the invoice bills it",
    "po_rest_cancelled": "PO confirmed, nothing received, its moves cancelled in Tryton (shipment exception); the invoice bills it",
    "foreign_currency_po": "a USD PO of the US supplier, received, invoiced in USD (no VAT: import)",
    "duplicate_party_new": "the supplier entered twice (same name and VAT id); the PO with the new master",
    "duplicate_party_old": "the supplier entered twice; the PO with the old (established) master",
    "keyed_in_by_hand": "the invoice already keyed in and posted in Tryton (its number as reference) before it reaches opsloop",
    "box_of_12": "ordered in boxes of 12 (Tryton's unit), billed in pieces",
    "discount_printed": "the PO's price is the net; the invoice prints the list price less a discount",
    "supplier_deactivated": "the supplier set inactive in Tryton after its history; a received PO billed",
    "service_no_receipt": "a maintenance service ordered (no goods receipt exists for services)",
    "recurring_month": "rent ordered for three months on one PO, billed month by month",
    "recurring_exhausted": "a fourth month billed on the three-month rent PO",
    "tolerance_cent": "one cent above the PO on one line",
    "tolerance_2pct": "one unit price 2 % above the PO",
    "tolerance_3pct": "one unit price 3 % above the PO",
    "iban_changed_new": "the supplier's bank account changed in the ERP last week (old closed, new opened); the invoice prints the new IBAN",
    "iban_changed_old": "the same supplier, after that change, on an invoice printing the OLD IBAN",
    "iban_unknown": "a clean invoice printing an IBAN the supplier's master in the ERP does not have",
    "amended_price_new": "a PO line's price raised by an amendment after confirmation; billed at the amended price",
    "amended_price_old": "a PO line's price lowered by an amendment after confirmation; billed at the old price",
    "amended_qty_new": "a PO line cut by an amendment to what was delivered; billed at the amended quantity",
    "amended_qty_old": "a PO line cut by an amendment to what was delivered; billed at the ordered quantity",
}

_DE_NAMES = [
    "Hansen",
    "Krüger",
    "Weidmann",
    "Brandt",
    "Lorenz",
    "Vogt",
    "Seidel",
    "Kessler",
    "Albrecht",
    "Pohl",
]
_DE_TRADES = [
    "Industriebedarf",
    "Werkzeugtechnik",
    "Verpackungen",
    "Elektrotechnik",
    "Hydraulik",
    "Arbeitsschutz",
]
_DE_CITIES = [
    ("Bremen", "28195"),
    ("Hannover", "30159"),
    ("Kassel", "34117"),
    ("Bielefeld", "33602"),
    ("Lübeck", "23552"),
]
_DE_STREETS = ["Industriestraße", "Am Gewerbepark", "Lindenallee", "Hauptstraße", "Mühlenweg"]

_GOODS_DE = [("Schutzhandschuhe Nitril Gr. 9", "7.40"), ("Sechskantschraube M10x40 verzinkt", "0.38"),
             ("Kabelbinder 300 mm schwarz", "0.12"), ("Druckluftschlauch 10 m", "34.90"),
             ("Schleifscheibe 125 mm K80", "2.15"), ("Warnweste gelb EN 471", "5.60"),
             ("Dichtungsring 32 mm NBR", "0.84"), ("Gehörschutzstöpsel 200 Paar", "38.50")]  # fmt: skip
_GOODS_FR = [("Gants de protection cuir T10", "6.80"), ("Ruban adhésif toilé 50 mm", "4.25"),
             ("Embout de vissage PZ2", "0.95"), ("Chiffons d'essuyage 10 kg", "27.00"),
             ("Lunettes de sécurité incolores", "3.90")]  # fmt: skip
_GOODS_EN = [("Stainless hose clamp 40-60 mm", "1.15"), ("Nitrile O-ring kit 386 pcs", "42.00"),
             ("LED work light 20 W", "29.50"), ("Cable gland M20 IP68", "0.92"),
             ("Thread sealant 50 ml", "8.75")]  # fmt: skip
_SERVICES = [("Wartung Kompressoranlage", "480.00"), ("Softwarelizenz Lagerverwaltung (Monat)", "390.00"),
             ("Prüfung ortsveränderlicher Geräte", "620.00"), ("Reinigung Produktionshalle", "540.00")]  # fmt: skip


def _pick(rng: random.Random, pool: list[tuple[str, str]], n: int) -> list[tuple[str, str]]:
    return rng.sample(pool, n)


class Company:
    def __init__(self, seed: int) -> None:
        self.seed = seed
        rng = random.Random(f"decisions3-{seed}")
        self.rng = rng
        names = rng.sample(_DE_NAMES, 6)
        trades = rng.sample(_DE_TRADES, 6)
        cities = [rng.choice(_DE_CITIES) for _ in range(6)]

        def de(key: str, i: int, prefix: str) -> Vendor:
            city, zip_ = cities[i]
            return Vendor(key, f"L{rng.randint(10000, 99999)}", f"{names[i]} {trades[i]} GmbH", "de", "DE",
                          vat_id(rng, "DE"), iban(rng, "DE"), f"{rng.choice(_DE_STREETS)} {rng.randint(1, 140)}",
                          zip_, city, "EUR", "19", prefix)  # fmt: skip

        self.vendors: dict[str, Vendor] = {
            "de": de("de", 0, "RE-"),
            "svc": de("svc", 1, "DL"),
            "dup": de("dup", 2, "R"),
            "off": de("off", 3, "AR-"),
            "at": Vendor("at", f"L{rng.randint(10000, 99999)}", f"{rng.choice(['Steiner', 'Gruber', 'Huber'])} Technik GmbH",
                         "de", "AT", vat_id(rng, "AT"), iban(rng, "AT"), f"Wiener Straße {rng.randint(2, 90)}", "4020",
                         "Linz", "EUR", "rc", "AT-"),
            "fr": Vendor("fr", f"L{rng.randint(10000, 99999)}", f"{rng.choice(['Durand', 'Lefèvre', 'Moreau'])} Fournitures SARL",
                         "fr", "FR", vat_id(rng, "FR"), iban(rng, "FR"), f"{rng.randint(3, 80)} rue de la Gare", "69003",
                         "Lyon", "EUR", "rc", "FA"),
            "nl": Vendor("nl", f"L{rng.randint(10000, 99999)}", f"{rng.choice(['Van Dijk', 'De Vries', 'Bakker'])} Industrial B.V.",
                         "en", "NL", vat_id(rng, "NL"), iban(rng, "NL"), f"Havenweg {rng.randint(2, 60)}", "3011 AB",
                         "Rotterdam", "EUR", "rc", "INV"),
            "us": Vendor("us", f"L{rng.randint(10000, 99999)}", f"{rng.choice(['Carter', 'Miller', 'Hudson'])} Instruments Inc.",
                         "en", "US", None, None, f"{rng.randint(100, 990)} Commerce Drive", "OH 44114",
                         "Cleveland", "USD", "none", "US"),
        }  # fmt: skip
        self.duplicate_code = f"L{rng.randint(10000, 99999)}"
        self.items: dict[str, list[Item]] = {}
        pools = {"de": _GOODS_DE, "dup": _GOODS_DE, "off": _GOODS_DE, "at": _GOODS_DE, "fr": _GOODS_FR,
                 "nl": _GOODS_EN, "us": _GOODS_EN, "svc": _SERVICES}  # fmt: skip
        sku_no = rng.randint(1000, 8000)
        for key in self.vendors:
            chosen = _pick(rng, pools[key], 4 if key != "svc" else 3)
            items = []
            for name, price in chosen:
                sku_no += rng.randint(3, 40)
                category = "service" if key == "svc" else "goods19"
                items.append(Item(f"{sku_no:05d}", key, name, Decimal(price), category))
            self.items[key] = items
        rent = Item(f"{sku_no + 7:05d}", "svc", rng.choice(["Miete Lagerfläche Halle 3", "Miete Außenlager"]),
                    Decimal(rng.choice(["1450.00", "1275.00", "980.00"])), "service")  # fmt: skip
        self.items["svc"].append(rent)
        box = Item(f"{sku_no + 11:05d}", "at", rng.choice(["Kartuschen Silikon transparent", "Montageschaum 750 ml"]),
                   Decimal(rng.choice(["30.00", "27.60", "33.00"])), "goods19", unit="Box of 12")  # fmt: skip
        self.items["at"].append(box)
        self.orders: list[Order] = []
        self.events: list[Event] = []
        self.cases: list[Case] = []
        self._numbers: dict[str, int] = {k: rng.randint(1000, 9000) for k in self.vendors}
        self._build()

    # ------------------------------------------------------------------ helpers

    def _number(self, vendor: Vendor, issued: date) -> str:
        self._numbers[vendor.key] += self.rng.randint(1, 30)
        n = self._numbers[vendor.key]
        return {"RE-": f"RE-{issued.year}-{n}", "DL": f"DL{n:06d}", "R": f"R{issued:%y}{n}",
                "AR-": f"AR-{n}", "AT-": f"AT-{n}/{issued:%y}", "FA": f"FA{issued:%Y%m}-{n}",
                "INV": f"INV-{n}", "US": f"{n}{self.rng.randint(10, 99)}"}[vendor.prefix]  # fmt: skip

    def _lines(self, key: str, n: int, *, skus: list[Item] | None = None) -> list[Line]:
        items = skus or self.rng.sample(
            [i for i in self.items[key] if i.unit == "Unit" and "Miete" not in i.name], n
        )
        lines = []
        for item in items:
            if item.category == "service":
                qty = Decimal(1)
            else:
                target = Decimal(self.rng.randint(120, 520))
                qty = max(Decimal(1), (target / item.price / 5).quantize(Decimal(1)) * 5)
            lines.append(Line(item.sku, item.name, qty, item.price, item.unit))
        return lines

    def _order(self, key: str, vendor: str, issued: date, lines: list[Line], phase: str = "setup") -> Order:
        v = self.vendors[vendor if vendor in self.vendors else "dup"]
        order = Order(key, vendor, issued, v.currency, [Line(**vars(line)) for line in lines], v.tax, phase)
        self.orders.append(order)
        return order

    def _case(self, cls: str, vendor: str, doc: Doc, label: Label, *, history: bool = False,
              party: str | None = None, suffix: str = "") -> Case:  # fmt: skip
        case = Case(f"{cls}{suffix}-{vendor}", cls, self.vendors[vendor], doc, label, history, party)
        self.cases.append(case)
        return case

    def _doc(self, vendor: str, issued: date, po: str | None, lines: list[Line]) -> Doc:
        v = self.vendors[vendor]
        return Doc(self._number(v, issued), v, issued, po, lines, v.currency)

    # ------------------------------------------------------------------ the timeline

    def _build(self) -> None:
        rng = self.rng
        approve = Label("approve", True, "clean: PO printed, received, prices and tax as ordered")
        for vendor in self.vendors:
            for n in range(3):
                ordered = date(2026, 9, 1) + timedelta(days=7 * n + rng.randint(0, 4))
                key = f"hist-{vendor}-{n}"
                lines = self._lines(vendor, rng.randint(1, 2))
                self._order(key, vendor, ordered, lines)
                if vendor != "svc":
                    self.events.append(
                        Event("receive", "setup", key, ordered + timedelta(days=rng.randint(4, 9)))
                    )
                issued = ordered + timedelta(days=rng.randint(10, 16))
                self._case(
                    "history",
                    vendor,
                    self._doc(vendor, issued, key, lines),
                    approve,
                    history=True,
                    suffix=str(n),
                )

        def test_order(key: str, vendor: str, lines: list[Line], received: bool | dict[str, Decimal] = True,
                       party: str | None = None) -> Order:  # fmt: skip
            ordered = date(2026, 11, 2) + timedelta(days=rng.randint(0, 10))
            phase = "test" if party else "setup"  # a duplicate master is created after the history
            order = self._order(key, party or vendor, ordered, lines, phase)
            if received is True:
                self.events.append(Event("receive", phase, key, ordered + timedelta(days=rng.randint(5, 9))))
            elif isinstance(received, dict):
                self.events.append(Event("receive", phase, key, ordered + timedelta(days=7), share=received))
            return order

        def issued() -> date:
            return date(2026, 11, 24) + timedelta(days=rng.randint(0, 9))

        def simple(cls: str, vendor: str, label: Label, *, received: bool | dict[str, Decimal] = True,
                   n: int = 2, bill: list[Line] | None = None) -> Case:  # fmt: skip
            lines = self._lines(vendor, n)
            test_order(cls, vendor, lines, received)
            return self._case(cls, vendor, self._doc(vendor, issued(), cls, bill or lines), label)

        simple("control_domestic", "de", approve)
        simple("control_reverse_charge", "fr", approve)
        lines = self._lines("at", 2)
        test_order(
            "partial_receipt_full_bill",
            "at",
            lines,
            {lines[0].sku: Decimal("0.6"), lines[1].sku: Decimal("0.6")},
        )
        self._case("partial_receipt_full_bill", "at", self._doc("at", issued(), "partial_receipt_full_bill", lines),
                   Label("hold", False, "60 % received: the rest is billed before it arrived"))  # fmt: skip
        case = simple(
            "returned_to_supplier",
            "de",
            Label(
                "hold",
                False,
                "the goods went back to the supplier: nothing received to pay for; wait for their credit or a new delivery",
            ),
        )
        self.events.append(
            Event("return", "test", "returned_to_supplier", case.doc.issued + timedelta(days=1))
        )
        simple(
            "po_rest_cancelled",
            "nl",
            Label("hold", False, "the order was cancelled in the ERP and nothing arrived"),
            received=False,
        )
        self.events.append(Event("cancel_open", "test", "po_rest_cancelled"))
        simple("foreign_currency_po", "us", approve)
        # the supplier entered twice: a second master with the same name and VAT id, created last month
        self.events.append(Event("duplicate_party", "test", vendor="dup"))
        lines = self._lines("dup", 2)
        test_order("duplicate_party_new", "dup", lines, party="dup2")
        self._case("duplicate_party_new", "dup", self._doc("dup", issued(), "duplicate_party_new", lines),
                   Label("approve", False, "clean against its PO; the PO's master is a duplicate nobody approved yet: a person looks"),
                   party="dup2")  # fmt: skip
        simple(
            "duplicate_party_old",
            "dup",
            Label(
                "approve",
                False,
                "clean against its PO; two masters share the VAT id: a person looks before paying",
            ),
        )
        case = simple(
            "keyed_in_by_hand",
            "de",
            Label("hold", False, "the same invoice is already booked in the ERP: paying it again pays twice"),
        )
        self.events.append(
            Event(
                "key_in",
                "test",
                "keyed_in_by_hand",
                case.doc.issued + timedelta(days=2),
                reference=case.doc.number,
            )
        )
        box = next(i for i in self.items["at"] if i.unit == "Box of 12")
        boxes = Decimal(rng.randint(4, 12))
        test_order("box_of_12", "at", [Line(box.sku, box.name, boxes, box.price, "Box of 12")])
        piece = (box.price / 12).quantize(Decimal("0.0001"))
        self._case(
            "box_of_12",
            "at",
            self._doc("at", issued(), "box_of_12", [Line(box.sku, box.name, boxes * 12, piece)]),
            approve,
        )
        lines = sorted(self._lines("de", 2), key=lambda line: -line.price)
        rate = Decimal(rng.choice(["10", "5", "15"]))
        net_price = lines[0].price * (100 - rate) / 100  # exact to 4 places, as Tryton keeps purchase prices
        ordered_lines = [Line(lines[0].sku, lines[0].description, lines[0].quantity, net_price), lines[1]]
        test_order("discount_printed", "de", ordered_lines)
        billed = [Line(lines[0].sku, lines[0].description, lines[0].quantity, ordered_lines[0].price,
                       list_price=lines[0].price, discount=rate), lines[1]]  # fmt: skip
        self._case("discount_printed", "de", self._doc("de", issued(), "discount_printed", billed), approve)
        simple(
            "supplier_deactivated",
            "off",
            Label(
                "hold",
                False,
                "the supplier is inactive in the ERP: blocked for payment until someone reactivates it",
            ),
        )
        self.events.append(Event("deactivate", "test", vendor="off"))
        svc = [i for i in self.items["svc"] if "Miete" not in i.name]
        lines = self._lines("svc", 1, skus=[rng.choice(svc)])
        test_order("service_no_receipt", "svc", lines, received=False)
        self._case("service_no_receipt", "svc", self._doc("svc", issued(), "service_no_receipt", lines),
                   Label("approve", True, "a service ordered: there is no goods receipt for services; PO and price agree"))  # fmt: skip
        rent = next(i for i in self.items["svc"] if "Miete" in i.name)
        self._order("rent", "svc", date(2026, 8, 24), [Line(rent.sku, rent.name, Decimal(3), rent.price)])
        for month in range(4):
            when = date(2026, 9 + month, 1) if month < 3 else date(2026, 12, 1)
            text = f"{rent.name} {['September', 'Oktober', 'November', 'Dezember'][month]} 2026"
            doc = self._doc("svc", when, "rent", [Line(rent.sku, text, Decimal(1), rent.price)])
            if month < 3:
                self._case(
                    "recurring_month",
                    "svc",
                    doc,
                    Label("approve", True, "one month of the ordered three"),
                    suffix=str(month + 1),
                )
            else:
                self._case(
                    "recurring_exhausted",
                    "svc",
                    doc,
                    Label("hold", False, "the PO's three months are billed: a fourth needs a new order"),
                )
        for cls, vendor, bump, label in (
            ("tolerance_cent", "fr", "cent", approve),
            (
                "tolerance_2pct",
                "nl",
                Decimal("1.02"),
                Label("approve", True, "2 % above: within the usual price tolerance"),
            ),
            (
                "tolerance_3pct",
                "at",
                Decimal("1.03"),
                Label("hold", False, "3 % above the PO price: beyond tolerance, ask for a credit"),
            ),
        ):
            # the dearest line is raised: on a price of a few cents a 3 % rise vanishes in the rounding
            # (0.12 x 1.03 bills 0.12, the PO's price: seed 10 labelled that hold)
            lines = sorted(self._lines(vendor, 2), key=lambda line: -line.price)
            test_order(cls, vendor, lines)
            first = lines[0]
            if bump == "cent":
                bill = [Line(first.sku, first.description, Decimal(1), first.price + CENT), *lines[1:]]
                lines[0] = Line(first.sku, first.description, Decimal(1), first.price)
            else:
                # rounded down to the cent: "2 %" is at most 2 % (8.75 × 1.02 = 8.925 bills 8.92, not 8.93)
                raised = (first.price * bump).quantize(CENT, rounding=ROUND_DOWN)
                bill = [Line(first.sku, first.description, first.quantity, raised), *lines[1:]]
            self._case(cls, vendor, self._doc(vendor, issued(), cls, bill), label)
        # Tryton's bank module (drawn last: the cases above stay as they were for every seed). Last week AP
        # changed the French supplier's bank details in the ERP after confirming them with the supplier
        # (old account closed, new one opened); every invoice it issues since prints the new account.
        fr = self.vendors["fr"]
        moved = replace(fr, iban=iban(rng, "FR"))
        self.events.append(
            Event("change_iban", "test", vendor="fr", when=date(2026, 11, 17), reference=moved.iban)
        )
        simple("iban_changed_new", "fr",
               Label("approve", True, "the IBAN printed is the supplier's account in the ERP, changed there last week after AP confirmed it"))  # fmt: skip
        old = simple("iban_changed_old", "fr",
                     Label("person", False, "the invoice asks for payment to the account the ERP closed last week: a stale "
                           "template or a forged master change; confirm with the supplier through a known contact"))  # fmt: skip
        for case in self.cases:
            if not case.history and case.vendor.key == "fr" and case is not old:
                case.doc.vendor = moved
        unknown = simple("iban_unknown", "de",
                         Label("hold", False, "the invoice asks for payment to an account the supplier's master does not have: "
                               "the bank-detail fraud pattern; confirm through a known contact before paying"))  # fmt: skip
        unknown.doc.vendor = replace(unknown.doc.vendor, iban=iban(rng, "DE"))

        # Tryton's purchase_amendment: a confirmed PO changed afterwards, as agreed with the supplier (an
        # amendment validated in the ERP, the purchase's revision raised), before the invoice arrives
        def amended(cls: str, vendor: str, label: Label, *, price: Decimal | None = None,
                    keep: Decimal | None = None, bill_amended: bool) -> None:  # fmt: skip
            lines = sorted(self._lines(vendor, 2), key=lambda line: -line.price)
            first = lines[0]
            received: bool | dict[str, Decimal] = True
            change: dict[str, Decimal] = {}
            after = first
            if price is not None:
                change["price"] = (first.price * price).quantize(CENT)
                after = Line(first.sku, first.description, first.quantity, change["price"])
            if keep is not None:
                # the supplier delivers part and cannot deliver the rest: the line is cut to what came
                part = (first.quantity * keep).quantize(Decimal(1), rounding=ROUND_DOWN)
                received = {first.sku: part / first.quantity, lines[1].sku: Decimal(1)}
                change["quantity"] = part
                after = Line(first.sku, first.description, part, first.price)
            order = test_order(cls, vendor, lines, received)
            self.events.append(
                Event("amend", "test", cls, order.issued + timedelta(days=10), change, reference=first.sku)
            )
            bill = [after if bill_amended else first, lines[1]]
            self._case(cls, vendor, self._doc(vendor, issued(), cls, bill), label)

        amended("amended_price_new", "nl", Label("approve", True, "billed at the price the PO was amended to in the ERP"),
                price=Decimal("1.08"), bill_amended=True)  # fmt: skip
        amended("amended_price_old", "at",
                Label("hold", False, "billed at the price the PO had before it was amended down: 10 % above the PO now"),
                price=Decimal("0.90"), bill_amended=False)  # fmt: skip
        amended("amended_qty_new", "de", Label("approve", True, "billed for what was delivered, the quantity the PO was amended to"),
                keep=Decimal("0.5"), bill_amended=True)  # fmt: skip
        amended("amended_qty_old", "nl",
                Label("hold", False, "bills the ordered quantity; the PO was cut to the half delivered: the rest never came"),
                keep=Decimal("0.5"), bill_amended=False)  # fmt: skip
