"""A fifth outsider's company in Tryton (pure, seeded): the exceptions of a purchasing year that the earlier
decision evals do not build — orders delivered and billed in parts, a framework order called off, deposits
and the final invoice that deducts one, invoices addressed to the wrong legal entity or an old name, a price
list raised, an invoice older than its order, a second bank account, the wrong VAT rate for a reduced-rate
article, one month of a service billed twice, VAT rounded per line, a discount as a negative line.

Every case is labelled from AP practice before opsloop ran on it (CLASSES, `Label.why`).

The buyer is decisions3's template company (Nordlicht Gerätebau GmbH, Hamburg, EUR). Six suppliers: a German
goods wholesaler, a German machine builder (deposits), a German cleaning contractor (a monthly service on a
twelve-month order), a German canteen supplier (food at 7 %), a Dutch one writing English and a French one
writing French (intra-EU supplies at 0 %, reverse charge). Each has three clean invoices of history, on
their own orders (the cleaning contractor's September and October months among them), received where goods,
approved by a clerk. The test period (mid November – December 2026) is a timeline of ERP events (orders,
deliveries in parts) and arriving documents, in date order.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
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
    why: str
    clerk_pays: bool = False
    """For `person`: the clerk, having checked, approves what opsloop proposes (a deposit agreed in the order)."""
    at_arrival: bool = False
    """Judged on what opsloop decided when the document arrived (ERP events after it may change the facts)."""


@dataclass(frozen=True)
class Vendor:
    key: str
    code: str
    name: str
    lang: str  # de / en / fr
    country: str
    vat: str
    iban: str
    street: str
    zip: str
    city: str
    tax: str  # "19" domestic, "7" domestic reduced, "rc" intra-EU reverse charge
    prefix: str
    layout: str  # letter / grid / ledger: the supplier's own invoice template


@dataclass(frozen=True)
class Item:
    sku: str
    vendor: str
    name: str
    price: Decimal
    category: str  # goods19 / goods7 / service


@dataclass
class Line:
    sku: str | None
    description: str
    quantity: Decimal
    price: Decimal
    rate: Decimal | None = None
    """The VAT rate printed for the line (None: the document's)."""

    @property
    def amount(self) -> Decimal:
        return money(self.quantity * self.price)


@dataclass
class Doc:
    kind: str  # invoice / deposit / final
    number: str
    vendor: Vendor
    issued: date
    po: str | None
    """The order's key (its Tryton number is known once ordered)."""
    lines: list[Line]
    addressee: tuple[str, str, str, str] = BUYER
    """Name, street, town, VAT id of the customer printed."""
    iban: str | None = None
    """The IBAN printed (None: the supplier's usual one)."""
    vat_per_line: bool = False
    """VAT rounded line by line and summed (the supplier's ERP does so) rather than per rate on the net."""
    notes: list[str] = field(default_factory=list)
    """Sentences printed under the lines, already in the supplier's language."""
    delivery: date | None = None
    """The delivery (or service) date printed."""
    period: str | None = None
    """A service period printed ("November 2026")."""
    terms_days: int = 30

    @property
    def currency(self) -> str:
        return "EUR"

    @property
    def printed_iban(self) -> str:
        return self.iban or self.vendor.iban

    def line_rate(self, line: Line) -> Decimal:
        if line.rate is not None:
            return line.rate
        return {"19": Decimal(19), "7": Decimal(7), "rc": Decimal(0)}[self.vendor.tax]

    @property
    def net(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))

    def tax_groups(self) -> dict[Decimal, tuple[Decimal, Decimal]]:
        """Rate -> (base, VAT) as printed."""
        groups: dict[Decimal, tuple[Decimal, Decimal]] = {}
        for line in self.lines:
            rate = self.line_rate(line)
            base, vat = groups.get(rate, (Decimal(0), Decimal(0)))
            groups[rate] = (base + line.amount, vat + money(line.amount * rate / 100))
        if not self.vat_per_line:
            groups = {rate: (base, money(base * rate / 100)) for rate, (base, _) in groups.items()}
        return groups

    @property
    def tax(self) -> Decimal:
        return sum((vat for _, vat in self.tax_groups().values()), Decimal(0))

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
    """Something done in Tryton on a day: receive (share of what is still to come, per SKU) / bank_account."""

    kind: str
    when: date
    order: str | None = None
    share: dict[str, Decimal] | None = None
    vendor: str | None = None
    iban: str | None = None


@dataclass
class Case:
    id: str
    cls: str
    vendor: Vendor
    doc: Doc
    label: Label
    history: bool = False
    arrives: date | None = None
    """The day it reaches AP (None: the day it is dated)."""

    @property
    def day(self) -> date:
        return self.arrives or self.doc.issued


CLASSES: dict[str, str] = {
    "control_de": "a clean German invoice (19 %) on a received order",
    "control_en": "a clean English invoice of the Dutch supplier (intra-EU, 0 %, reverse charge)",
    "control_fr": "a clean French invoice (intra-EU, 0 %, reverse charge)",
    "control_reduced_rate": "a clean invoice of the canteen supplier at 7 % on food ordered at 7 %",
    "partial_delivery_billed": "an order delivered in parts, each delivery billed on its own invoice for what came (a framework order's call-offs among them)",
    "cumulative_over_ordered": "the second invoice of a twice-delivered order bills again the quantity of the first: each invoice is within the order, together they bill more than ordered and received",
    "receipt_pending_rest": "half of the order received when the invoice for all of it arrives; the rest arrives days later",
    "deposit_invoice": "a deposit (advance payment) invoice of 30 % of a machine ordered, nothing delivered",
    "final_invoice_deposit_deducted": "the machine delivered; the final invoice bills it in full less the deposit invoiced before (a negative line naming that invoice)",
    "sister_company": "a clean invoice on our order but addressed to our sister company (its name, address and VAT id)",
    "former_name": "a clean invoice addressed to our former company name (same address and VAT id)",
    "price_list_raised": "prices raised 5–8 % 'as per our price list valid from' a date (before or after the order); the order has the old prices",
    "invoice_before_po": "an invoice dated days before the order it names was raised (goods received after the order)",
    "second_bank_account": "the French supplier has two bank accounts in the ERP; the invoice asks for payment to the second",
    "tax_19_on_reduced_item": "the canteen supplier charges 19 % on a food line ordered at 7 %",
    "recurring_period_first": "the cleaning contractor's November on the twelve-month order",
    "recurring_period_twice": "November billed again under another number a few days later (same service period)",
    "rounding_per_line": "many lines with four-decimal prices, VAT rounded per line: the VAT differs from 19 % of the net by a cent or two",
    "discount_negative_line": "list prices on the lines and a negative 'special discount' line; the order has the discounted prices",
}  # fmt: skip

_NAMES = ["Hansen", "Krüger", "Weidmann", "Brandt", "Lorenz", "Vogt", "Seidel", "Kessler", "Albrecht", "Pohl"]
_CITIES = [("Bremen", "28195"), ("Hannover", "30159"), ("Kassel", "34117"), ("Bielefeld", "33602"),
           ("Lübeck", "23552"), ("Osnabrück", "49074")]  # fmt: skip
_STREETS = ["Industriestraße", "Am Gewerbepark", "Lindenallee", "Hauptstraße", "Mühlenweg", "Kanalstraße"]

_GOODS_DE = [("Schutzhandschuhe Nitril Gr. 9", "7.40"), ("Sechskantschraube M10x40 verzinkt", "0.38"),
             ("Druckluftschlauch 10 m", "34.90"), ("Schleifscheibe 125 mm K80", "2.15"),
             ("Warnweste gelb EN 471", "5.60"), ("Dichtungsring 32 mm NBR", "0.84"),
             ("Gehörschutzstöpsel 200 Paar", "38.50"), ("Kabelbinder 300 mm", "0.12")]  # fmt: skip
_FINE_DE = [("Unterlegscheibe DIN 125 M8", "0.0385"), ("Blindniete 4x10 Alu", "0.0462"),
            ("Mutter DIN 934 M6", "0.0217"), ("Spannstift 3x20", "0.0691"), ("Splint 2x25", "0.0318"),
            ("Federring M10", "0.0545"), ("Holzschraube 4x40", "0.0273"), ("Gewindestift M5x8", "0.0839"),
            ("Kabelschuh 6 mm²", "0.1175")]  # fmt: skip
_MACH = [("Ersatzteilsatz Hydraulikaggregat", "486.00"), ("Spindellager 7014", "312.50"),
         ("Keilriemen SPZ 1250", "18.40"), ("Filterelement 10 µm", "64.80")]  # fmt: skip
_MACHINES = [("Bandsäge BS 360 Automatik", "9850.00"), ("Säulenbohrmaschine SB 40", "6420.00"),
             ("Drehmaschine D 560 x 1500", "14300.00")]  # fmt: skip
_FOOD = [("Kaffeebohnen Crema 1 kg", "16.90"), ("Mineralwasser still 12 x 0,75 l", "6.40"),
         ("Milch 3,5 % 1 l", "1.19"), ("Würfelzucker 1 kg", "2.35"), ("Kekse Gebäckmischung 2 kg", "14.80")]  # fmt: skip
_GOODS_EN = [("Stainless hose clamp 40-60 mm", "1.15"), ("Nitrile O-ring kit 386 pcs", "42.00"),
             ("LED work light 20 W", "29.50"), ("Cable gland M20 IP68", "0.92"),
             ("Thread sealant 50 ml", "8.75"), ("Pallet stretch film 500 mm", "13.60")]  # fmt: skip
_GOODS_FR = [("Gants de protection cuir T10", "6.80"), ("Ruban adhésif toilé 50 mm", "4.25"),
             ("Embout de vissage PZ2", "0.95"), ("Chiffons d'essuyage 10 kg", "27.00"),
             ("Lunettes de sécurité incolores", "3.90")]  # fmt: skip
_SERVICES = [("Grundreinigung Sozialräume", "380.00"), ("Fensterreinigung Verwaltung", "265.00")]

PRICE_NOTE = {
    "de": "Preise gemäß unserer Preisliste gültig ab {date}.",
    "en": "Prices as per our price list valid from {date}.",
    "fr": "Prix selon notre tarif en vigueur à compter du {date}.",
}
CALL_OFF = {
    "de": "Abruf {n} aus Rahmenauftrag {po}",
    "en": "Call-off {n} against blanket order {po}",
    "fr": "Appel de livraison {n} sur commande cadre {po}",
}
PART_DELIVERY = {"de": "Teillieferung {n}", "en": "Part delivery {n}", "fr": "Livraison partielle {n}"}
DEPOSIT_LINE = {
    "de": "Anzahlung {rate} % auf {item} gem. Ihrer Bestellung",
    "en": "Advance payment {rate} % on {item} as per your order",
    "fr": "Acompte de {rate} % sur {item} selon votre commande",
}
DEDUCT_LINE = {
    "de": "abzüglich Anzahlung gem. Anzahlungsrechnung {number} vom {date}",
    "en": "less advance payment as per advance invoice {number} of {date}",
    "fr": "déduction de l'acompte facturé par facture {number} du {date}",
}
DISCOUNT_LINE = {
    "de": "Sonderrabatt {rate} %",
    "en": "Special discount {rate} %",
    "fr": "Remise exceptionnelle {rate} %",
}

SISTER = ("Nordlicht Service GmbH", "Billwerder Neuer Deich 40", "20539 Hamburg")
FORMER = "Nordlicht Apparatebau GmbH"
"""The buyer's name until its renaming (same company, address and VAT id)."""


def short_date(value: date, lang: str) -> str:
    """A date as the supplier's notes print it."""
    return (
        f"{value:%d.%m.%Y}" if lang == "de" else f"{value:%d/%m/%Y}" if lang == "fr" else f"{value:%d %b %Y}"
    )


class Company:
    def __init__(self, seed: int) -> None:
        self.seed = seed
        rng = random.Random(f"decisions5-{seed}")
        self.rng = rng
        names = rng.sample(_NAMES, 4)
        cities = rng.sample(_CITIES, 4)
        layouts = ["letter", "grid", "ledger"]

        def de(key: str, i: int, trade: str, tax: str, prefix: str) -> Vendor:
            city, zip_ = cities[i]
            return Vendor(key, f"L{rng.randint(10000, 99999)}", f"{names[i]} {trade}", "de", "DE", vat_id(rng, "DE"),
                          iban(rng, "DE"), f"{rng.choice(_STREETS)} {rng.randint(1, 140)}", zip_, city, tax, prefix,
                          rng.choice(layouts))  # fmt: skip

        self.vendors: dict[str, Vendor] = {
            "de": de("de", 0, "Industriebedarf GmbH", "19", "RE"),
            "mach": de("mach", 1, "Maschinenbau GmbH & Co. KG", "19", "MB"),
            "svc": de("svc", 2, "Gebäudedienste GmbH", "19", "GD"),
            "food": de("food", 3, "Großverbraucher-Service GmbH", "7", "KV"),
            "nl": Vendor("nl", f"L{rng.randint(10000, 99999)}", f"{rng.choice(['Van Dijk', 'De Vries', 'Bakker'])} Supplies B.V.",
                         "en", "NL", vat_id(rng, "NL"), iban(rng, "NL"), f"Havenweg {rng.randint(2, 60)}", "3011 AB",
                         "Rotterdam", "rc", "INV", rng.choice(layouts)),
            "fr": Vendor("fr", f"L{rng.randint(10000, 99999)}", f"{rng.choice(['Durand', 'Lefèvre', 'Moreau'])} Équipements SAS",
                         "fr", "FR", vat_id(rng, "FR"), iban(rng, "FR"), f"{rng.randint(3, 80)} avenue Jean Jaurès", "69007",
                         "Lyon", "rc", "F", rng.choice(layouts)),
        }  # fmt: skip
        self.second_iban = iban(rng, "FR")
        """The French supplier's second bank account, in the ERP since before the history."""
        self.sister_vat = vat_id(rng, "DE")
        pools = {
            "de": _GOODS_DE,
            "mach": _MACH,
            "food": _FOOD,
            "nl": _GOODS_EN,
            "fr": _GOODS_FR,
            "svc": _SERVICES,
        }
        sku_no = rng.randint(1000, 8000)
        self.items: dict[str, list[Item]] = {}

        def item(vendor: str, name: str, price: str, category: str) -> Item:
            nonlocal sku_no
            sku_no += rng.randint(3, 40)
            made = Item(f"{sku_no:05d}", vendor, name, Decimal(price), category)
            self.items.setdefault(vendor, []).append(made)
            return made

        for key, pool in pools.items():
            category = {"food": "goods7", "svc": "service"}.get(key, "goods19")
            for name, price in pool:
                item(key, name, price, category)
        for name, price in rng.sample(_FINE_DE, 7):
            item("de", name, price, "goods19")
        machine = rng.choice(_MACHINES)
        self.machine = item("mach", machine[0], machine[1], "goods19")
        self.cleaning = item("svc", "Unterhaltsreinigung Büro und Sozialräume (monatlich)",
                             rng.choice(["1840.00", "2260.00", "1575.00"]), "service")  # fmt: skip
        self.orders: list[Order] = []
        self.events: list[Event] = [
            Event("bank_account", date(2026, 8, 3), vendor="fr", iban=self.second_iban)
        ]
        self.cases: list[Case] = []
        self._numbers = {k: rng.randint(1000, 9000) for k in self.vendors}
        self._build()

    # ------------------------------------------------------------------ helpers

    def _number(self, vendor: Vendor, issued: date) -> str:
        self._numbers[vendor.key] += self.rng.randint(1, 25)
        n = self._numbers[vendor.key]
        return {"RE": f"RE{issued:%y}-{n:05d}", "MB": f"MB-{issued.year}-{n}", "GD": f"GD{n:06d}",
                "KV": f"KV/{n}/{issued:%y}", "INV": f"INV{issued:%y}{n}", "F": f"F{issued:%Y}-{n}"}[vendor.prefix]  # fmt: skip

    def _pick(self, vendor: str, n: int, *, fine: bool = False) -> list[Item]:
        pool = [
            i
            for i in self.items[vendor]
            if i not in (self.machine, self.cleaning) and (i.price < Decimal("0.20")) == fine
        ]
        return self.rng.sample(pool, n)

    def _qty(self, item: Item, low: int = 150, high: int = 600) -> Decimal:
        if item.category == "service":
            return Decimal(1)
        target = Decimal(self.rng.randint(low, high))
        return max(Decimal(10), (target / item.price / 10).quantize(Decimal(1)) * 10)

    def _order(self, key: str, vendor: str, issued: date, lines: list[Line]) -> Order:
        tax = self.vendors[vendor].tax
        order = Order(key, vendor, issued, [OrderLine(x.sku or "", x.description, x.quantity, x.price, tax)
                                            for x in lines])  # fmt: skip
        self.orders.append(order)
        return order

    def _doc(
        self, vendor: str, issued: date, po: str | None, lines: list[Line], kind: str = "invoice"
    ) -> Doc:
        v = self.vendors[vendor]
        return Doc(kind, self._number(v, issued), v, issued, po, lines, delivery=issued - timedelta(days=3))

    def _case(
        self, cls: str, vendor: str, doc: Doc, label: Label, *, history: bool = False, suffix: str = ""
    ) -> Case:
        case = Case(f"{cls}{suffix}-{vendor}", cls, self.vendors[vendor], doc, label, history)
        self.cases.append(case)
        return case

    def _receive(self, order: str, when: date, share: dict[str, Decimal] | None = None) -> None:
        self.events.append(Event("receive", when, order, share))

    # ------------------------------------------------------------------ the year

    def _build(self) -> None:
        rng = self.rng
        clean = Label("approve", True, "clean: our order printed, received, prices and VAT as ordered")
        for vendor in self.vendors:
            for n in range(3):
                ordered = date(2026, 9, 1) + timedelta(days=9 * n + rng.randint(0, 4))
                key = f"hist-{vendor}-{n}"
                if vendor == "svc" and n > 0:
                    continue  # the cleaning months below are its history
                items = self._pick(vendor, 1 if vendor in ("svc", "mach") else 2)
                lines = [Line(i.sku, i.name, self._qty(i), i.price) for i in items]
                self._order(key, vendor, ordered, lines)
                if vendor != "svc":
                    self._receive(key, ordered + timedelta(days=rng.randint(3, 8)))
                issued = ordered + timedelta(days=rng.randint(10, 16))
                self._case("history", vendor, self._doc(vendor, issued, key, lines), clean, history=True,
                           suffix=str(n))  # fmt: skip
        # the cleaning contractor: twelve months ordered from September, billed month by month
        c = self.cleaning
        self._order("cleaning", "svc", date(2026, 8, 20), [Line(c.sku, c.name, Decimal(12), c.price)])
        months = {9: "September 2026", 10: "Oktober 2026", 11: "November 2026"}
        for month in (9, 10):
            doc = self._doc("svc", date(2026, month + 1, 2), "cleaning",
                            [Line(c.sku, f"{c.name} – {months[month]}", Decimal(1), c.price)])  # fmt: skip
            doc.period = months[month]
            self._case("history", "svc", doc, clean, history=True, suffix=f"m{month}")

        def ordered_on() -> date:
            return date(2026, 11, 9) + timedelta(days=rng.randint(0, 6))

        def simple(
            cls: str, vendor: str, label: Label, *, n: int = 2, received: bool = True
        ) -> tuple[Order, Doc]:
            when = ordered_on()
            lines = [Line(i.sku, i.name, self._qty(i), i.price) for i in self._pick(vendor, n)]
            order = self._order(cls, vendor, when, lines)
            if received:
                self._receive(cls, when + timedelta(days=rng.randint(2, 6)))
            doc = self._doc(
                vendor, when + timedelta(days=rng.randint(9, 14)), cls, [Line(**vars(x)) for x in lines]
            )
            self._case(cls, vendor, doc, label)
            return order, doc

        simple("control_de", "de", clean)
        simple("control_en", "nl", clean)
        simple("control_fr", "fr", clean)
        simple("control_reduced_rate", "food", clean)

        # a framework order called off in two deliveries, each billed for what came
        when = date(2026, 11, 2) + timedelta(days=rng.randint(0, 3))
        items = self._pick("de", 2)
        frame = [Line(i.sku, i.name, self._qty(i, 900, 1800), i.price) for i in items]
        self._order("frame", "de", when, frame)
        first = Decimal(rng.choice(["0.4", "0.5", "0.3"]))
        split = [(first, when + timedelta(days=5)), (Decimal(1), when + timedelta(days=16))]
        done = {x.sku: Decimal(0) for x in frame}
        for n, (share, arrived) in enumerate(split, start=1):
            self._receive("frame", arrived, {x.sku or "": share for x in frame})
            bill = []
            for x in frame:
                qty = (x.quantity * first).quantize(Decimal(1)) if n == 1 else x.quantity - done[x.sku or ""]
                done[x.sku or ""] += qty
                bill.append(Line(x.sku, x.description, qty, x.price))
            doc = self._doc("de", arrived + timedelta(days=rng.randint(1, 3)), "frame", bill)
            doc.delivery = arrived
            doc.notes.append(CALL_OFF["de"].format(n=n, po="{po}"))
            self._case("partial_delivery_billed", "de", doc,
                       Label("approve", True, f"call-off {n}: bills what that delivery brought, at the order's prices"),
                       suffix=str(n))  # fmt: skip
        # an order delivered twice; the first delivery billed, then the second invoice bills the first's quantity again
        when = date(2026, 11, 3) + timedelta(days=rng.randint(0, 3))
        items = self._pick("nl", 2)
        lines = [Line(i.sku, i.name, self._qty(i, 400, 900), i.price) for i in items]
        self._order("twice", "nl", when, lines)
        share = Decimal("0.6")
        self._receive("twice", when + timedelta(days=4), {x.sku or "": share for x in lines})
        bill = [Line(x.sku, x.description, (x.quantity * share).quantize(Decimal(1)), x.price) for x in lines]
        doc = self._doc("nl", when + timedelta(days=6), "twice", bill)
        doc.notes.append(PART_DELIVERY["en"].format(n=1))
        self._case("partial_delivery_billed", "nl", doc,
                   Label("approve", True, "bills what the first delivery brought, at the order's prices"), suffix="1")  # fmt: skip
        self._receive("twice", when + timedelta(days=15), {x.sku or "": Decimal(1) for x in lines})
        again = self._doc("nl", when + timedelta(days=18), "twice", [Line(**vars(x)) for x in bill])
        again.notes.append(PART_DELIVERY["en"].format(n=2))
        self._case("cumulative_over_ordered", "nl", again,
                   Label("hold", False, "with the first part invoice this bills 120 % of what was ordered and received: "
                         "the second delivery was 40 %, not 60 %; ask for a corrected invoice"))  # fmt: skip

        # half received when the invoice for all of it arrives; the rest comes after
        when = ordered_on()
        lines = [Line(i.sku, i.name, self._qty(i), i.price) for i in self._pick("de", 2)]
        self._order("pending_rest", "de", when, lines)
        self._receive("pending_rest", when + timedelta(days=3), {x.sku or "": Decimal("0.5") for x in lines})
        doc = self._doc("de", when + timedelta(days=6), "pending_rest", [Line(**vars(x)) for x in lines])
        self._case("receipt_pending_rest", "de", doc,
                   Label("hold", False, "only half of it was received when the invoice came: not due before the rest "
                         "arrives (then it may be paid)", at_arrival=True))  # fmt: skip
        self._receive("pending_rest", doc.issued + timedelta(days=4))

        # a machine: 30 % deposit invoiced on order, the final invoice deducts it after delivery
        m = self.machine
        when = date(2026, 10, 26) + timedelta(days=rng.randint(0, 4))
        self._order("machine", "mach", when, [Line(m.sku, m.name, Decimal(1), m.price)])
        rate = Decimal(30)
        deposit_net = money(m.price * rate / 100)
        deposit = self._doc("mach", when + timedelta(days=3), "machine",
                            [Line(None, DEPOSIT_LINE["de"].format(rate=rate, item=m.name), Decimal(1), deposit_net)],
                            kind="deposit")  # fmt: skip
        deposit.delivery = None
        self._case("deposit_invoice", "mach", deposit,
                   Label("person", False, "a deposit before delivery: nothing received to match; a person checks the "
                         "order's terms provide for it, then pays it as an advance", clerk_pays=True))  # fmt: skip
        arrived = date(2026, 11, 25) + timedelta(days=rng.randint(0, 3))
        self._receive("machine", arrived)
        deduct = DEDUCT_LINE["de"].format(number=deposit.number, date=short_date(deposit.issued, "de"))
        final = self._doc("mach", arrived + timedelta(days=2), "machine",
                          [Line(m.sku, m.name, Decimal(1), m.price), Line(None, deduct, Decimal(1), -deposit_net)],
                          kind="final")  # fmt: skip
        final.delivery = arrived
        self._case("final_invoice_deposit_deducted", "mach", final,
                   Label("approve", False, "the machine as ordered and received, less the deposit we were invoiced "
                         "before: a person checks that deposit was paid"))  # fmt: skip

        # the wrong legal entity, and our former name
        _, doc = simple("sister_company", "nl", Label("hold", False, "addressed to our sister company (another legal "
                        "entity and VAT id): no input VAT for us; ask the supplier to re-issue it to us"))  # fmt: skip
        doc.addressee = (*SISTER, self.sister_vat)
        _, doc = simple("former_name", "fr", Label("person", False, "addressed to our name before the renaming (same "
                        "VAT id and address): a person decides whether to accept it or ask for a corrected invoice"))  # fmt: skip
        doc.addressee = (FORMER, *BUYER[1:])

        # a price list raised
        _, doc = simple("price_list_raised", "de", Label("hold", False, "prices 5–8 % above the order's: the order is "
                        "the agreed price, whatever the supplier's new list; ask for a credit or amend the order"))  # fmt: skip
        order = self.orders[-1]
        bump = Decimal(rng.choice(["1.05", "1.06", "1.08"]))
        for line in doc.lines:
            line.price = (
                money(line.price * bump)
                if line.price >= 1
                else (line.price * bump).quantize(Decimal("0.0001"))
            )
        valid = order.issued + timedelta(days=rng.choice([-12, -5, 3, 6]))
        doc.notes.append(PRICE_NOTE["de"].format(date=short_date(valid, "de")))

        # an invoice older than its order
        _, doc = simple("invoice_before_po", "nl", Label("person", False, "the invoice is dated before the order was "
                        "raised: bought without an order and the order raised afterwards; the budget holder signs off"))  # fmt: skip
        order = self.orders[-1]
        doc.issued = order.issued - timedelta(days=rng.randint(3, 8))
        doc.delivery = doc.issued - timedelta(days=1)
        # it reaches AP by post after the order was raised and the goods booked in
        self.cases[-1].arrives = order.issued + timedelta(days=8)

        # the second bank account the ERP knows
        _, doc = simple("second_bank_account", "fr", Label("approve", True, "the IBAN printed is the supplier's second "
                        "account on file in the ERP"))  # fmt: skip
        doc.iban = self.second_iban

        # VAT: the full rate on a food line ordered at 7 %
        _, doc = simple("tax_19_on_reduced_item", "food", Label("hold", False, "19 % charged on food ordered at 7 %: the "
                        "VAT is wrong (too high); ask for a corrected invoice"))  # fmt: skip
        doc.lines[0].rate = Decimal(19)

        # the cleaning contractor's November, then November again under another number
        nov = [Line(c.sku, f"{c.name} – {months[11]}", Decimal(1), c.price)]
        doc = self._doc("svc", date(2026, 12, 1), "cleaning", nov)
        doc.period = months[11]
        self._case("recurring_period_first", "svc", doc,
                   Label("approve", True, "the month of November on the twelve-month order"))  # fmt: skip
        doc = self._doc("svc", date(2026, 12, 1) + timedelta(days=rng.randint(4, 9)), "cleaning",
                        [Line(**vars(x)) for x in nov])  # fmt: skip
        doc.period = months[11]
        self._case("recurring_period_twice", "svc", doc,
                   Label("hold", False, "November was billed already (invoice of 1 December): the same month twice "
                         "under another number"))  # fmt: skip

        # VAT rounded per line on many fine-priced lines
        for _ in range(50):
            items = self._pick("de", 7, fine=True)
            lines = [
                Line(i.sku, i.name, Decimal(rng.randint(7, 60) * 25 + rng.randint(1, 24)), i.price)
                for i in items
            ]
            probe = Doc(
                "invoice", "x", self.vendors["de"], date(2026, 11, 20), None, lines, vat_per_line=True
            )
            on_net = money(probe.net * 19 / 100)
            if Decimal("0.01") <= abs(probe.tax - on_net) <= Decimal("0.03"):
                break
        when = ordered_on()
        self._order("rounding_per_line", "de", when, lines)
        self._receive("rounding_per_line", when + timedelta(days=3))
        doc = self._doc(
            "de", when + timedelta(days=10), "rounding_per_line", [Line(**vars(x)) for x in lines]
        )
        doc.vat_per_line = True
        self._case("rounding_per_line", "de", doc,
                   Label("approve", True, "VAT rounded line by line: a cent or two from 19 % of the net, as the law allows"))  # fmt: skip

        # a discount printed as a negative line; the order holds the discounted prices
        items = self._pick("nl", 3)
        rate = Decimal(rng.choice(["3", "5"]))
        listed = [Line(i.sku, i.name, self._qty(i), i.price) for i in items]
        when = ordered_on()
        net_lines = [Line(x.sku, x.description, x.quantity, (x.price * (100 - rate) / 100).quantize(Decimal("0.0001")))
                     for x in listed]  # fmt: skip
        self._order("discount_negative_line", "nl", when, net_lines)
        self._receive("discount_negative_line", when + timedelta(days=4))
        gross = sum((x.amount for x in listed), Decimal(0))
        bill = [
            *listed,
            Line(None, DISCOUNT_LINE["en"].format(rate=rate), Decimal(1), -money(gross * rate / 100)),
        ]
        doc = self._doc("nl", when + timedelta(days=11), "discount_negative_line", bill)
        self._case("discount_negative_line", "nl", doc,
                   Label("approve", True, "list prices less the agreed discount on its own line: the net is the "
                         "order's to the cent or two"))  # fmt: skip
