"""An eighth outsider's company: what an AP lead sees go wrong between the ERP and the suppliers' paper, written
from AP practice before reading opsloop's reconciler. Classes, labels and the clerk's reasons are here (`CLASSES`,
`Label.why`).

The buyer is decisions3's template company (Nordlicht Gerätebau GmbH, Hamburg, EUR). Five suppliers in Tryton: a
German tool wholesaler, a German cable maker (copper prices), a German engineering office billing time and
material against hour budgets ordered as services, a French supplier writing French and a Dutch one sending UBL
e-invoices in English (intra-EU, reverse charge). A sixth company, a compressor service firm, is in no master
at all. Each known supplier has three clean invoices of history (August – October 2026), approved by a clerk;
the test (November – December 2026) is a timeline of ERP events (orders, receipts) and arriving documents.
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
    """For `approve`: an automatic approval is acceptable (else a person must look first)."""
    why: str


@dataclass(frozen=True)
class Vendor:
    key: str
    code: str
    name: str
    lang: str  # de / fr / en
    country: str
    vat: str
    iban: str
    street: str
    zip: str
    city: str
    tax: str  # "19" domestic, "rc" intra-EU reverse charge
    layout: str  # band / columns; "ubl" sends e-invoices
    prefix: str
    in_erp: bool = True


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
    unit: str = "pc"  # pc / h

    @property
    def amount(self) -> Decimal:
        return money(self.quantity * self.price)


@dataclass
class Doc:
    number: str
    vendor: Vendor
    issued: date
    po: str | None
    """The order's key printed (its Tryton number once ordered; a key of no order: printed as is)."""
    lines: list[Line]
    notes: list[str] = field(default_factory=list)
    """Sentences printed under the totals, in the supplier's language."""
    vat: str | None = None
    """The seller's VAT id printed (None: the one in the master)."""
    period: str | None = None
    """The service period printed (time and material)."""
    delivery: date | None = None
    terms: bool = True
    """Print the payment terms (a direct-debit note says how it is paid instead)."""

    @property
    def rate(self) -> Decimal:
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

    @property
    def seller_vat(self) -> str:
        return self.vat or self.vendor.vat


@dataclass
class OrderLine:
    sku: str
    description: str
    quantity: Decimal
    price: Decimal


@dataclass
class Order:
    key: str
    vendor: str
    issued: date
    lines: list[OrderLine]


@dataclass
class Event:
    """Goods-in books the order's delivery (all of it) on a day."""

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

    @property
    def day(self) -> date:
        return self.arrives or self.doc.issued


CLASSES: dict[str, str] = {
    "control_de": "a clean German invoice on a received order (tool wholesaler, cable maker)",
    "control_fr": "a clean French invoice (intra-EU, 0 %, its legal wording) on a received order",
    "control_ubl": "a clean UBL e-invoice of the Dutch supplier (intra-EU, 0 %) on a received order",
    "hours_within_budget": "time and material: 60–85 % of the hours ordered as a service, billed at the order's rate with the period",
    "hours_beyond_order": "time and material: 20–30 % more hours billed than the order covers, at the order's rate",
    "hours_budget_used_up": "the second month on the same hour budget: each month below the budget, together beyond it",
    "overtime_premium": "the hours within the order, some billed as overtime at a 25–50 % premium the order does not provide for",
    "direct_debit_note": "a clean invoice saying the amount will be collected from our account by SEPA direct debit (no mandate given)",
    "billed_again_first": "a received order billed in full (paid)",
    "billed_again_new_number": "the same order billed again weeks later under the next number, new date, same lines",
    "order_of_other_supplier": "the tool wholesaler bills the goods of the cable maker's received order, printing that order's number",
    "substitute_article": "the Dutch supplier bills a replacement article (other article number and name) for the one ordered and received",
    "supplier_not_in_erp": "a service firm in no master of ours bills a repair without an order",
    "seller_vat_id_differs": "a clean invoice whose seller VAT id is not the one in the supplier's master (another legal entity?)",
    "copper_surcharge": "the cable maker adds a copper surcharge (metal price notation) of 2–4 % of the net that the order does not provide for",
}  # fmt: skip

_DE_CITIES = [("Neumünster", "24534"), ("Itzehoe", "25524"), ("Lüneburg", "21335"), ("Stade", "21680"),
              ("Bad Oldesloe", "23843"), ("Buxtehude", "21614"), ("Husum", "25813")]  # fmt: skip
_DE_STREETS = ["Industriestraße", "Gewerbepark", "Am Güterbahnhof", "Mühlenweg", "Ringstraße", "Hansestraße"]
_TOOLS = [("Spiralbohrer HSS-G 8,0 mm DIN 338", "2.35"), ("Schaftfräser VHM Ø10 Z4", "38.90"),
          ("Gewindebohrer M8 Satz", "14.60"), ("Trennscheibe 125 x 1,0 mm Inox", "1.18"),
          ("Fächerschleifscheibe K80 125 mm", "3.45"), ("Messschieber digital 150 mm", "42.00"),
          ("Drehmomentschlüssel 40–200 Nm", "129.00"), ("Schutzhandschuh Schnittschutz Gr. 9", "6.80")]  # fmt: skip
_CABLES = [("Steuerleitung YSLY-JZ 5x1,5 mm², Ring 100 m", "192.00"), ("Leistungskabel NYY-J 5x10 mm², Trommel 50 m", "620.00"),
           ("Servoleitung 4G2,5+2x(2x0,75), Ring 50 m", "317.50"), ("Schleppkettenleitung 7G1, Ring 100 m", "288.00"),
           ("Erdungsleitung H07V-K 16 mm² gn/ge, Ring 100 m", "310.00")]  # fmt: skip
_GOODS_FR = [("Roulement à billes 6205-2RS", "7.40"), ("Courroie trapézoïdale SPZ 1250", "11.85"),
             ("Palier applique UCF 206", "24.60"), ("Joint torique NBR 40 x 3", "0.62"),
             ("Accouplement élastique Ø 48", "36.20")]  # fmt: skip
_GOODS_NL = [("Inductive sensor M12 PNP NO", "29.80"), ("Safety relay 24 V DC 3NO", "118.00"),
             ("Push button 22 mm green", "4.90"), ("Power supply 24 V 10 A DIN rail", "86.50"),
             ("Cable gland M20 IP68", "1.35")]  # fmt: skip
_REPLACEMENTS = ["successor model", "replacement type", "new version"]
_SERVICE = ("Ingenieurleistung Konstruktion (Std.)", "Ingenieurleistung Inbetriebnahme (Std.)",
            "Ingenieurleistung Elektroplanung (Std.)")  # fmt: skip
_MONTHS_DE = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
              "November", "Dezember"]  # fmt: skip

FR_NOTE = "Autoliquidation – exonération de TVA, article 262 ter I du CGI (livraison intracommunautaire)."
EN_NOTE = "Reverse charge: intra-Community supply, VAT to be accounted for by the customer."
DIRECT_DEBIT = ("Der Rechnungsbetrag wird am {date} per SEPA-Lastschrift von Ihrem Konto {iban} eingezogen. "
                "Mandatsreferenz {mandate}, Gläubiger-ID {creditor}.")  # fmt: skip
SUBSTITUTE = "Article {old} is discontinued: delivered and invoiced as {new} ({why}), same function."
COPPER = "Kupferzuschlag lt. DEL-Notiz {del_} EUR/100 kg, Basis 150 EUR/100 kg, {kg} kg Cu-Zahl"


class Company:
    """One seed's suppliers, orders, receipts and documents, each test document with its AP label."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.rng = random.Random(f"decisions8-{seed}")
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
        """Each supplier's numbers rising with its documents' dates (drawn while the year was built)."""
        for vendor in self.vendors:
            docs = sorted((c.doc for c in self.cases if c.vendor.key == vendor), key=lambda d: d.issued)
            numbers = sorted((d.number for d in docs), key=lambda n: (len(n), n))
            for doc, number in zip(docs, numbers, strict=True):
                doc.number = number

    def _vendors(self) -> None:
        rng = self.rng

        def de(key: str, i: int, name: str, layout: str, prefix: str, in_erp: bool = True) -> Vendor:
            city, zip_ = rng.choice(_DE_CITIES)
            return Vendor(key, f"S8{i:02d}", name, "de", "DE", vat_id(rng, "DE"), iban(rng, "DE"),
                          f"{rng.choice(_DE_STREETS)} {rng.randint(2, 90)}", zip_, city, "19", layout, prefix,
                          in_erp)  # fmt: skip

        family = rng.choice(["Harms", "Kröger", "Lüders", "Thormählen", "Brodersen"])
        self.vendors = {
            "tools": de("tools", 1, f"{family} Werkzeughandel GmbH", rng.choice(["band", "columns"]), "RE"),
            "cable": de("cable", 2, f"{rng.choice(['Nordkabel', 'Elbkabel', 'Kabelwerk Geest'])} GmbH & Co. KG",
                        "columns", "K"),
            "eng": de("eng", 3, f"Ingenieurbüro {rng.choice(['Hansen', 'Petersen', 'Clausen'])} & Partner",
                      "band", "IB"),
            "fr": Vendor("fr", "S804", f"{rng.choice(['Mécanique', 'Transmissions', 'Roulements'])} "
                         f"{rng.choice(['Dubreuil', 'Lemaire', 'Garnier'])} SAS", "fr", "FR", vat_id(rng, "FR"),
                         iban(rng, "FR"), f"{rng.randint(3, 80)} rue de l'Industrie", "67100", "Strasbourg", "rc",
                         rng.choice(["band", "columns"]), "FA"),
            "nl": Vendor("nl", "S805", f"{rng.choice(['Van Dijk', 'De Groot', 'Bakker'])} Automation B.V.", "en", "NL",
                         vat_id(rng, "NL"), iban(rng, "NL"), f"Industrieweg {rng.randint(2, 60)}", "5651 GJ",
                         "Eindhoven", "rc", "ubl", "INV"),
            "new": de("new", 6, f"{rng.choice(['Druckluft', 'Kompressoren', 'Pneumatik'])}-Service "
                      f"{rng.choice(['Nord', 'Elbe', 'Küste'])} GmbH", "band", "R", in_erp=False),
        }  # fmt: skip

        def items(vendor: str, pool: list[tuple[str, str]], kind: str = "goods") -> None:
            self.items[vendor] = [
                Item(f"{vendor[:2].upper()}8-{n + 1:03d}", vendor, name, Decimal(price), kind)
                for n, (name, price) in enumerate(pool)
            ]

        items("tools", _TOOLS)
        items("cable", _CABLES)
        items("fr", _GOODS_FR)
        items("nl", _GOODS_NL)
        rate = Decimal(rng.choice(["96.00", "104.50", "112.00", "118.00"]))
        items("eng", [(name, format(rate, "f")) for name in _SERVICE], "service")

    # --------------------------------------------------------------------------- helpers

    def _number(self, vendor: str, issued: date) -> str:
        v = self.vendors[vendor]
        n = self._counters.get(vendor, self.rng.randint(1200, 8800))
        self._counters[vendor] = n + self.rng.randint(1, 4)
        return {
            "tools": f"RE-{issued.year}-{n:05d}",
            "cable": f"K{issued:%y}{n:06d}",
            "eng": f"{issued.year}/{n % 1000:03d}",
            "fr": f"FA{issued:%y}-{n:05d}",
            "nl": f"INV{issued:%y}{n:05d}",
        }.get(vendor, f"{v.prefix}-{n}")

    def _qty(self, low: int, high: int, step: int = 1) -> Decimal:
        return Decimal(self.rng.randrange(low, high, step))

    def _goods(self, vendor: str, n: int) -> list[Line]:
        chosen = self.rng.sample(self.items[vendor], n)
        low, high = (2, 14) if vendor == "cable" else (5, 60)
        return [
            Line(x.sku, x.name, self._qty(low, high, 1 if vendor == "cable" else 5), x.price) for x in chosen
        ]

    def _order(self, key: str, vendor: str, issued: date, lines: list[Line]) -> Order:
        order = Order(
            key, vendor, issued, [OrderLine(x.sku or "", x.description, x.quantity, x.price) for x in lines]
        )
        self.orders.append(order)
        return order

    def _receive(self, order: str, when: date) -> None:
        self.events.append(Event("receive", when, order))

    def _doc(self, vendor: str, issued: date, po: str | None, lines: list[Line], **extra: object) -> Doc:
        v = self.vendors[vendor]
        notes = {"fr": [FR_NOTE], "nl": [EN_NOTE]}.get(vendor, [])
        doc = Doc(
            self._number(vendor, issued),
            v,
            issued,
            po,
            lines,
            notes=list(notes),
            delivery=issued - timedelta(3),
        )
        for name, value in extra.items():
            setattr(doc, name, value)
        return doc

    def _case(self, cls: str, doc: Doc, label: Label, *, history: bool = False, suffix: str = "") -> Case:
        case = Case(f"{cls}{suffix}-{doc.vendor.key}", cls, doc.vendor, doc, label, history)
        self.cases.append(case)
        return case

    def _day(self, month: int, first: int = 2, last: int = 26) -> date:
        return date(2026, month, self.rng.randint(first, last))

    def _hours(self, eng: Item, quantity: Decimal, month: int) -> tuple[list[Line], str]:
        period = f"{_MONTHS_DE[month - 1]} 2026"
        return [Line(eng.sku, f"{eng.name} – {period} lt. Stundennachweis", quantity, eng.price, "h")], period

    # --------------------------------------------------------------------------- the year

    def _build(self) -> None:
        rng = self.rng
        clean = Label(
            "approve", True, "matches the order and what was received (or, for hours, within the order)"
        )
        # history: three clean invoices per supplier in the ERP, on their own orders, received
        for vendor in ("tools", "cable", "eng", "fr", "nl"):
            for n, month in enumerate((8, 9, 10)):
                ordered = self._day(month, 1, 8)
                key = f"H{vendor}{n}"
                if vendor == "eng":
                    eng = rng.choice(self.items["eng"])
                    hours = self._qty(16, 48, 4)
                    lines, period = self._hours(eng, hours, month)
                    self._order(key, vendor, ordered, lines)
                    doc = self._doc(
                        vendor, ordered + timedelta(rng.randint(18, 24)), key, lines, period=period
                    )
                else:
                    lines = self._goods(vendor, rng.randint(2, 4))
                    self._order(key, vendor, ordered, lines)
                    self._receive(key, ordered + timedelta(rng.randint(5, 9)))
                    doc = self._doc(vendor, ordered + timedelta(rng.randint(12, 16)), key, lines)
                self._case("history", doc, clean, history=True, suffix=str(n))

        def received_order(key: str, vendor: str, ordered: date, n: int = 3) -> list[Line]:
            lines = self._goods(vendor, n)
            self._order(key, vendor, ordered, lines)
            self._receive(key, ordered + timedelta(rng.randint(4, 8)))
            return lines

        # controls
        for i, vendor in enumerate(("tools", "cable")):
            ordered = self._day(11, 2, 12)
            lines = received_order(f"C{vendor}", vendor, ordered)
            self._case("control_de", self._doc(vendor, ordered + timedelta(rng.randint(10, 14)), f"C{vendor}", lines),
                       clean, suffix=str(i))  # fmt: skip
        for cls, vendor in (("control_fr", "fr"), ("control_ubl", "nl")):
            ordered = self._day(11, 2, 14)
            lines = received_order(f"C{vendor}", vendor, ordered)
            self._case(
                cls, self._doc(vendor, ordered + timedelta(rng.randint(10, 14)), f"C{vendor}", lines), clean
            )

        # time and material: an hour budget ordered as a service, billed month by month
        eng = rng.choice(self.items["eng"])
        budget = self._qty(40, 72, 8)
        self._order("Tbudget", "eng", date(2026, 11, 2), [Line(eng.sku, eng.name, budget, eng.price, "h")])
        november = (budget * Decimal(rng.randint(60, 85)) / 100).quantize(Decimal(1))
        lines, period = self._hours(eng, november, 11)
        self._case("hours_within_budget", self._doc("eng", date(2026, 12, 1), "Tbudget", lines, period=period),
                   Label("approve", True, f"{november} of the {budget} hours ordered, at the order's rate"))  # fmt: skip
        december = budget - november + (budget * Decimal(rng.randint(20, 35)) / 100).quantize(Decimal(1))
        lines, period = self._hours(eng, december, 12)
        self._case("hours_budget_used_up", self._doc("eng", date(2026, 12, 21), "Tbudget", lines, period=period),
                   Label("hold", False, f"with November's {november} h this bills {november + december} h against "
                         f"an order of {budget} h: the hour budget is used up; the buyer must extend the order "
                         "(change order) before we pay the excess"))  # fmt: skip

        eng2 = rng.choice([x for x in self.items["eng"] if x.sku != eng.sku])
        small = self._qty(16, 32, 4)
        self._order("Tover", "eng", date(2026, 11, 4), [Line(eng2.sku, eng2.name, small, eng2.price, "h")])
        beyond = (small * Decimal(rng.randint(120, 130)) / 100).quantize(Decimal(1))
        lines, period = self._hours(eng2, beyond, 11)
        self._case("hours_beyond_order", self._doc("eng", date(2026, 12, 3), "Tover", lines, period=period),
                   Label("hold", False, f"{beyond} hours billed where the order covers {small}: more hours than "
                         "ordered; ask for the timesheets and a change order"))  # fmt: skip

        hours = self._qty(16, 40, 4)
        self._order("Tovertime", "eng", date(2026, 11, 9), [Line(eng.sku, eng.name, hours, eng.price, "h")])
        extra = Decimal(rng.choice([4, 6, 8]))
        premium = Decimal(rng.choice([25, 50]))
        period = f"{_MONTHS_DE[10]} 2026"
        lines = [
            Line(eng.sku, f"{eng.name} – {period} lt. Stundennachweis", hours - extra, eng.price, "h"),
            Line(eng.sku, f"{eng.name} – Überstunden (Zuschlag {premium} %)", extra,
                 money(eng.price * (100 + premium) / 100), "h"),
        ]  # fmt: skip
        self._case("overtime_premium", self._doc("eng", date(2026, 12, 7), "Tovertime", lines, period=period),
                   Label("hold", False, f"{extra} of the hours billed with a {premium} % overtime premium the order "
                         "does not provide for: the rate is above the order's"))  # fmt: skip

        # a clean invoice, but the supplier says it will collect the amount itself
        ordered = self._day(11, 3, 12)
        lines = received_order("Ddebit", "tools", ordered)
        issued = ordered + timedelta(rng.randint(10, 14))
        note = DIRECT_DEBIT.format(date=f"{issued + timedelta(10):%d.%m.%Y}", iban="DE02 **** **** **** **68 00",
                                   mandate=f"M-{rng.randint(100000, 999999)}",
                                   creditor=f"DE{rng.randint(10, 99)}ZZZ0000{rng.randint(1000000, 9999999)}")  # fmt: skip
        self._case("direct_debit_note", self._doc("tools", issued, "Ddebit", lines, notes=[note], terms=False),
                   Label("hold", False, "the supplier will collect this by SEPA direct debit from our account: paying "
                         "it by transfer as well pays it twice, and we gave this supplier no mandate; AP checks "
                         "with the supplier, books it and blocks it for the payment run"))  # fmt: skip

        # a fully invoiced order billed again
        ordered = self._day(11, 2, 6)
        lines = received_order("Bagain", "fr", ordered)
        first = self._doc("fr", ordered + timedelta(rng.randint(8, 10)), "Bagain", lines)
        self._case("billed_again_first", first, clean)
        again = self._doc("fr", first.issued + timedelta(rng.randint(20, 28)), "Bagain",
                          [Line(x.sku, x.description, x.quantity, x.price) for x in lines])  # fmt: skip
        self._case("billed_again_new_number", again,
                   Label("hold", False, f"the order was delivered once and billed in full by invoice {first.number}, "
                         "already approved: the same goods billed a second time under a new number"))  # fmt: skip

        # the cable maker's received order, billed by the tool wholesaler
        ordered = self._day(11, 2, 10)
        cable_lines = received_order("Oother", "cable", ordered, 2)
        self._case("order_of_other_supplier",
                   self._doc("tools", ordered + timedelta(rng.randint(12, 16)), "Oother",
                             [Line(x.sku, x.description, x.quantity, x.price) for x in cable_lines]),
                   Label("hold", False, "the order printed was placed with another supplier (and that supplier "
                         "delivered); this supplier has no order of ours for these goods"))  # fmt: skip

        # a replacement article for the one ordered and received
        ordered = self._day(11, 4, 14)
        lines = received_order("Ssubst", "nl", ordered, 2)
        old = lines[0]
        new_sku = f"{old.sku}-R{rng.randint(2, 9)}"
        new_name = f"{old.description} ({rng.choice(['gen. 2', 'type B', 'rev. C'])})"
        billed = [Line(new_sku, new_name, old.quantity, old.price), *lines[1:]]
        self._case("substitute_article",
                   self._doc("nl", ordered + timedelta(rng.randint(10, 14)), "Ssubst", billed,
                             notes=[EN_NOTE, SUBSTITUTE.format(old=old.sku, new=new_sku, why=rng.choice(_REPLACEMENTS))]),
                   Label("hold", False, "an article billed that we did not order (a replacement for the one "
                         "ordered): purchasing accepts the substitute first, then AP pays"))  # fmt: skip

        # a company in no master of ours, no order
        repair = [Line(None, "Reparatur Schraubenkompressor, Austausch Ansaugregler", Decimal(1),
                       Decimal(rng.choice(["1480.00", "2265.00", "3190.00"]))),
                  Line(None, "Monteurstunden", Decimal(rng.choice([4, 6, 7])), Decimal("89.00"), "h")]  # fmt: skip
        self._case("supplier_not_in_erp",
                   self._doc("new", self._day(11, 10, 28), None, repair,
                             notes=["Auftrag telefonisch durch Ihre Instandhaltung."]),
                   Label("hold", False, "the supplier is in no master of ours and nothing was ordered: a new "
                         "supplier is set up and checked, and the order confirmed, before anything is paid"))  # fmt: skip

        # the seller's VAT id is not the master's
        ordered = self._day(11, 12, 20)
        lines = received_order("Vvat", "tools", ordered)
        self._case("seller_vat_id_differs",
                   self._doc("tools", ordered + timedelta(rng.randint(10, 14)), "Vvat", lines, vat=vat_id(rng, "DE")),
                   Label("hold", False, "the VAT id printed is not the one in this supplier's master: another legal "
                         "entity or a forged invoice; no input VAT and no payment until the master is confirmed"))  # fmt: skip

        # a copper surcharge the order does not provide for
        ordered = self._day(11, 10, 20)
        lines = received_order("Ucopper", "cable", ordered, 2)
        net = sum((x.amount for x in lines), Decimal(0))
        share = Decimal(rng.randint(20, 40)) / 1000
        surcharge = money(net * share)
        del_ = Decimal(rng.randint(780, 880)) + Decimal(rng.randint(0, 99)) / 100
        kg = (surcharge * 100 / (del_ - 150)).quantize(Decimal("0.1"))
        self._case("copper_surcharge",
                   self._doc("cable", ordered + timedelta(rng.randint(10, 14)), "Ucopper",
                             [*lines, Line(None, COPPER.format(del_=format(del_, "f").replace(".", ","),
                                                               kg=format(kg, "f").replace(".", ",")),
                                           Decimal(1), surcharge)]),
                   Label("hold", False, f"a copper surcharge of {surcharge} EUR ({share * 100:.1f} % of the goods) "
                         "the order does not provide for (no metal clause agreed): the buyer must accept it"))  # fmt: skip
