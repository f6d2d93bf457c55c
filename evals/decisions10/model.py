"""A tenth outsider's company: what an AP lead sees slip through three-way matching when every single check looks
fine — an invoice re-sent under a re-formatted number and a new date for a delivery already billed, prices raised
on one line and cut on another so that the total is the order's, a lookalike of a known supplier billing our
order, a lump sum "as per your order", the wrong order quoted, a deposit deducted short, gross prices taxed again,
a domestic delivery billed as tax-free intra-EU — and the clean ones beside them that must still be paid (a lower
price than ordered, a return netted on the invoice, cartons billed for pieces ordered, two call-offs of one order
at the same amount). Written from AP practice before reading opsloop's reconciler or its autonomy policy; the
classes, labels and the clerk's reasons are here (`CLASSES`, `Label.why`).

The buyer is decisions3's template company (Nordlicht Gerätebau GmbH, Hamburg, EUR). Three suppliers in Tryton:
a German technical wholesaler (19 %), a German machine builder (19 %, deposits on machines) and a Dutch supplier
writing English (intra-EU, reverse charge); a fourth company, not in any master, copies the wholesaler's name
and layout. Each supplier has three clean invoices of history (August – October 2026), approved by a clerk; the
test (November – December 2026) is a timeline of ERP events (orders, receipts, returns) and arriving documents.
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
    clerk_pays: bool = False
    """For `person`: the clerk, having checked, approves what opsloop proposes (a deposit the order agreed)."""


@dataclass(frozen=True)
class Vendor:
    key: str
    code: str
    name: str
    lang: str  # de / en
    country: str
    vat: str
    iban: str
    street: str
    zip: str
    city: str
    tax: str  # "19" domestic, "rc" intra-EU reverse charge
    layout: str  # ledger / letter
    in_erp: bool = True


@dataclass(frozen=True)
class Item:
    sku: str
    vendor: str
    name: str
    price: Decimal
    pack: int = 1
    """Pieces in the carton the supplier sells (the order counts pieces)."""


@dataclass
class Line:
    sku: str | None
    description: str
    quantity: Decimal
    price: Decimal
    unit: str = "pc"
    """pc (a piece) / box (a carton of the item's pack) / lump (a lump sum)."""

    @property
    def amount(self) -> Decimal:
        return money(self.quantity * self.price)


@dataclass
class Doc:
    number: str
    vendor: Vendor
    issued: date
    po: str | None
    """The order's key printed (its Tryton number once ordered)."""
    lines: list[Line]
    notes: list[str] = field(default_factory=list)
    """Sentences printed under the totals, in the supplier's language; "{ref}" is the number of `refers`."""
    delivery: date | None = None
    delivery_note: str | None = None
    rate_override: Decimal | None = None
    """A VAT rate charged other than the supplier's usual one."""
    refers: Doc | None = None
    """Another document this one names (a deposit invoice deducted): its number fills "{ref}" in lines and notes."""
    copy_of: Doc | None = None
    """A re-issue: its number is that document's, re-formatted (`reformat`)."""
    kind: str = "invoice"  # invoice / deposit / final

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
    """Goods-in books the order's waiting goods (`receive`: all of it, or per SKU the share given in `share`), or
    sends goods back (`return`: per SKU the quantity returned)."""

    kind: str
    when: date
    order: str
    quantities: dict[str, Decimal] | None = None
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
    "control_de": "a clean German invoice of the technical wholesaler (19 %) on a received order",
    "control_en": "a clean English invoice of the Dutch supplier (intra-EU, 0 %, its legal wording) on a received order",
    "calloff_first": "an order delivered in two halves: the first half billed, its delivery note printed",
    "resent_redated": "the first half's invoice sent again after the second half arrived: a new invoice date, its number re-formatted, the same delivery note, delivery date, lines and amount",
    "calloff_second": "the second half billed under the next number with its own delivery note and date: the same amount as the first",
    "offsetting_prices": "one line's price 6–9 % above the order, another's cut so that the invoice's total is the order's",
    "price_below_order": "one line billed 4–7 % below the order's price (the supplier's old price)",
    "return_netted": "part of a line sent back in the ERP before the invoice, which bills the full delivery and deducts the return on a negative line",
    "cartons_for_pieces": "ordered in pieces, billed in cartons (\"Karton à 12 St.\") at twelve pieces' price: the same goods and amount",
    "lump_sum_order": "one line \"delivery as per your order …\" billing the order's net as a lump sum; the order is received",
    "lookalike_vendor": "a company not in our masters, named like the wholesaler (a letter changed), its layout copied, another VAT id and IBAN, bills the wholesaler's received order",
    "real_after_lookalike": "the wholesaler's own invoice for that order, days after the lookalike's",
    "wrong_order_quoted": "the wholesaler prints an order already billed in full while its lines are another received order's",
    "domestic_exempt_claimed": "the wholesaler bills a delivery within Germany at 0 % as a tax-free intra-EU supply",
    "gross_prices_taxed": "the Dutch supplier's unit prices include 21 % Dutch VAT, billed as net prices (intra-EU, 0 %)",
    "deposit_invoice": "a 30 % deposit invoice for a machine (the order agreed a deposit), nothing delivered yet",
    "deposit_deducted_short": "the machine delivered; the final invoice deducts a smaller deposit than the one invoiced and paid",
}  # fmt: skip

_CITIES = [("Neumünster", "24534"), ("Itzehoe", "25524"), ("Lüneburg", "21335"), ("Stade", "21680"),
           ("Bad Segeberg", "23795"), ("Elmshorn", "25335"), ("Heide", "25746"), ("Buxtehude", "21614")]  # fmt: skip
_STREETS = [
    "Gewerbering",
    "Am Güterbahnhof",
    "Industriestraße",
    "Robert-Bosch-Straße",
    "Moorweg",
    "Kieler Straße",
]
_NAMES = [("Janssen", "Jansen"), ("Carstens", "Karstens"), ("Ohlsen", "Olsen"), ("Petersen", "Peterssen"),
          ("Hinrichs", "Hinrichsen")]  # fmt: skip
_WHOLESALE = [("Kugellager 6205-2RS C3", "7.85", 1), ("Keilriemen SPZ 1250", "12.40", 1),
              ("Rollenkette 08B-1 5 m", "48.90", 1), ("Hydraulik-Dichtungssatz Zylinder 50/28", "36.70", 1),
              ("Spannrollenlager Riementrieb", "54.20", 1), ("Kupplungsstern 24/32 Shore 92", "9.60", 1),
              ("Flanschlager UCF 205", "21.30", 1)]  # fmt: skip
_PACKED = [("Kabelbinder 300x4,8 schwarz, Beutel 100 St.", "4.15", 12), ("Sprühfett weiß 400 ml", "6.85", 12),
           ("Bremsenreiniger 500 ml", "3.95", 12), ("Schneidöl-Spray 400 ml", "7.20", 12)]  # fmt: skip
_SPARES = [("Steuerplatine Vorschubachse X", "412.00"), ("Linearführung 30 mm, 1.200 mm", "286.50"),
           ("Spindelmotor-Lagersatz", "198.00"), ("Schutzabdeckung Teleskop 900 mm", "164.00")]  # fmt: skip
_MACHINES = [("CNC-Fräszentrum VMC 850, Steuerung Typ 8", "48600.00"), ("Bandsäge BS 320 DG, halbautomatisch", "16800.00"),
             ("Richtpresse 40 t, hydraulisch", "23400.00")]  # fmt: skip
_DUTCH = [("Pneumatic cylinder ISO 15552 63x200", "118.40"), ("Solenoid valve 5/2 G1/4 24 V DC", "64.90"),
          ("Air preparation unit G1/2 with gauge", "92.30"), ("Polyurethane tubing 8x6 mm, 50 m", "38.75"),
          ("Push-in fitting straight 8 mm G1/4 (pack of 10)", "14.60")]  # fmt: skip

EN_NOTE = "Intra-Community supply, VAT reverse charged (Article 196 Directive 2006/112/EC)."
EXEMPT_NOTE = ("Steuerfreie innergemeinschaftliche Lieferung gemäß § 4 Nr. 1b i. V. m. § 6a UStG; die Steuerschuld "
               "trägt der Leistungsempfänger.")  # fmt: skip
DEPOSIT_NOTE = (
    "Anzahlungsrechnung gemäß Auftragsbestätigung: 30 % bei Auftragserteilung, Rest nach Lieferung."
)
RETURN_LINE = "Returned goods, RMA {rma} of {date:%d %b %Y}: {name}"
LUMP_LINE = "Lieferung gemäß Ihrer Bestellung {po} vom {date:%d.%m.%Y}, {n} Positionen komplett"


def reformat(number: str) -> str:
    """A number as the supplier's new billing system prints it: "VR26-04117" as "VR 4117/2026"."""
    prefix, _, rest = number.partition("-")
    return f"{prefix[:-2]} {int(rest)}/20{prefix[-2:]}"


class Company:
    """One seed's suppliers, orders, receipts, returns and documents, each test document with its AP label."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.rng = random.Random(f"decisions10-{seed}")
        self.vendors: dict[str, Vendor] = {}
        self.items: dict[str, list[Item]] = {}
        self.orders: list[Order] = []
        self.events: list[Event] = []
        self.cases: list[Case] = []
        self._vendors()
        self._build()
        self._number()

    # --------------------------------------------------------------------------- master data

    def _vendors(self) -> None:
        rng = self.rng
        real, fake = rng.choice(_NAMES)
        trade = rng.choice(["Technischer Handel", "Industriebedarf", "Antriebstechnik"])

        def de(key: str, code: str, name: str, in_erp: bool = True) -> Vendor:
            city, zip_ = rng.choice(_CITIES)
            return Vendor(key, code, name, "de", "DE", vat_id(rng, "DE"), iban(rng, "DE"),
                          f"{rng.choice(_STREETS)} {rng.randint(2, 90)}", zip_, city, "19", "ledger", in_erp)  # fmt: skip

        self.vendors = {
            "de": de("de", "S1001", f"{trade} {real} GmbH"),
            "mb": de("mb", "S1002", f"{rng.choice(['Holsten', 'Stormarn', 'Alster'])} Maschinenbau GmbH"),
            "en": Vendor("en", "S1003", f"{rng.choice(['Van Dijk', 'De Boer', 'Bakker'])} Pneumatics B.V.", "en",
                         "NL", vat_id(rng, "NL"), iban(rng, "NL"),
                         f"{rng.choice(['Industrieweg', 'Havenstraat', 'Energieweg'])} {rng.randint(3, 80)}",
                         rng.choice(["7324 AB", "3542 DP", "5928 LN"]), rng.choice(["Apeldoorn", "Utrecht", "Venlo"]),
                         "rc", "letter"),
            "im": de("im", "-", f"{trade} {fake} GmbH", in_erp=False),
        }  # fmt: skip
        self.items = {
            "de": [Item(f"DE10-{n + 1:03d}", "de", name, Decimal(price), pack)
                   for n, (name, price, pack) in enumerate([*_WHOLESALE, *_PACKED])],
            "mb": [Item(f"MB10-{n + 1:03d}", "mb", name, Decimal(price))
                   for n, (name, price) in enumerate([*_SPARES, *_MACHINES])],
            "en": [Item(f"NL10-{n + 1:03d}", "en", name, Decimal(price)) for n, (name, price) in enumerate(_DUTCH)],
        }  # fmt: skip

    # --------------------------------------------------------------------------- helpers

    def _number(self) -> None:
        """Each supplier's numbers rising with its documents' dates; a re-issue carries its original's number
        re-formatted; "{ref}" names the document referred to."""
        formats = {
            "de": "VR{yy}-{n:05d}",
            "im": "VR{yy}-{n:05d}",
            "mb": "AR-{year}-{n:04d}",
            "en": "INV{n:06d}",
        }
        for vendor, pattern in formats.items():
            docs = sorted((c.doc for c in self.cases if c.vendor.key == vendor and c.doc.copy_of is None),
                          key=lambda d: d.issued)  # fmt: skip
            n = self.rng.randint(1200, 8800)
            for doc in docs:
                doc.number = pattern.format(yy=f"{doc.issued:%y}", year=doc.issued.year, n=n)
                n += self.rng.randint(1, 4)
        for case in self.cases:
            doc = case.doc
            if doc.copy_of is not None:
                doc.number = reformat(doc.copy_of.number)
            if doc.refers is not None:
                ref = doc.refers.number
                doc.notes = [text.replace("{ref}", ref) for text in doc.notes]
                for line in doc.lines:
                    line.description = line.description.replace("{ref}", ref)

    def _goods(self, vendor: str, n: int, pool: list[Item] | None = None) -> list[Line]:
        chosen = self.rng.sample(pool or self._loose(vendor), n)
        return [Line(x.sku, x.name, Decimal(self.rng.randrange(2, 16)), x.price) for x in chosen]

    def _loose(self, vendor: str) -> list[Item]:
        """What the supplier sells by the piece (no cartons, no machines)."""
        return [x for x in self.items[vendor] if x.pack == 1 and x.price < 1000]

    def _order(self, key: str, vendor: str, issued: date, lines: list[Line]) -> Order:
        order = Order(
            key, vendor, issued, [OrderLine(x.sku or "", x.description, x.quantity, x.price) for x in lines]
        )
        self.orders.append(order)
        return order

    def _receive(self, order: str, when: date, share: dict[str, Decimal] | None = None) -> None:
        self.events.append(Event("receive", when, order, share=share))

    def _doc(self, vendor: str, issued: date, po: str | None, lines: list[Line], **extra: object) -> Doc:
        v = self.vendors[vendor]
        notes = [EN_NOTE] if v.tax == "rc" else []
        delivery = issued - timedelta(self.rng.randint(2, 5))
        doc = Doc("", v, issued, po, lines, notes=list(notes), delivery=delivery,
                  delivery_note=f"LS{self.rng.randint(100000, 999999)}")  # fmt: skip
        for name, value in extra.items():
            setattr(doc, name, value)
        return doc

    def _case(self, cls: str, doc: Doc, label: Label, *, history: bool = False, suffix: str = "") -> Case:
        case = Case(f"{cls}{suffix}-{doc.vendor.key}", cls, doc.vendor, doc, label, history)
        self.cases.append(case)
        return case

    def _day(self, month: int, first: int = 2, last: int = 26) -> date:
        return date(2026, month, self.rng.randint(first, last))

    def _received_order(self, key: str, vendor: str, ordered: date, n: int = 3,
                        pool: list[Item] | None = None) -> tuple[list[Line], date]:  # fmt: skip
        lines = self._goods(vendor, n, pool)
        self._order(key, vendor, ordered, lines)
        received = ordered + timedelta(self.rng.randint(4, 8))
        self._receive(key, received)
        return lines, received

    # --------------------------------------------------------------------------- the year

    def _build(self) -> None:
        rng = self.rng
        clean = Label("approve", True, "matches the order and what was received")

        # history: three clean invoices per supplier on their own received orders
        for vendor in ("de", "mb", "en"):
            for n, month in enumerate((8, 9, 10)):
                ordered = self._day(month, 1, 8)
                key = f"H{vendor}{n}"
                lines, received = self._received_order(key, vendor, ordered, rng.randint(2, 3))
                doc = self._doc(vendor, received + timedelta(rng.randint(3, 6)), key, lines)
                self._case("history", doc, clean, history=True, suffix=str(n))

        # controls
        for cls, vendor in (("control_de", "de"), ("control_en", "en")):
            lines, received = self._received_order(f"C{vendor}", vendor, self._day(11, 2, 8), 3)
            self._case(
                cls, self._doc(vendor, received + timedelta(rng.randint(3, 6)), f"C{vendor}", lines), clean
            )

        # an order delivered in two halves: billed half by half; the first half's invoice re-sent in between
        ordered = self._day(11, 2, 6)
        halves = self._goods("de", 2)
        for x in halves:
            x.quantity = Decimal(2 * rng.randint(3, 8))
        self._order("Half", "de", ordered, halves)
        first_in = ordered + timedelta(rng.randint(3, 5))
        self._receive("Half", first_in, {x.sku or "": Decimal("0.5") for x in halves})
        half = [Line(x.sku, x.description, x.quantity / 2, x.price) for x in halves]
        first = self._doc("de", first_in + timedelta(rng.randint(1, 3)), "Half", half, delivery=first_in)
        self._case(
            "calloff_first", first, Label("approve", True, "bills the first half as delivered and received")
        )
        second_in = first.issued + timedelta(rng.randint(6, 10))
        self._receive("Half", second_in)
        again = self._doc("de", second_in + timedelta(rng.randint(1, 2)), "Half",
                          [Line(x.sku, x.description, x.quantity, x.price) for x in half], delivery=first.delivery,
                          delivery_note=first.delivery_note, copy_of=first)  # fmt: skip
        self._case("resent_redated", again,
                   Label("hold", False, "the same delivery (its delivery note and date), the same lines and amount as "
                         "the invoice already approved for the first half: a second bill for it under a re-formatted "
                         "number and a new date, whatever room the order has; pay once"))  # fmt: skip
        second = self._doc("de", again.issued + timedelta(rng.randint(2, 4)), "Half",
                           [Line(x.sku, x.description, x.quantity, x.price) for x in half], delivery=second_in)  # fmt: skip
        self._case("calloff_second", second,
                   Label("approve", True, "bills the second half: its own delivery note and date, received; the "
                         "same amount as the first half because the halves are equal"))  # fmt: skip

        # a price up on one line, another cut: the order's total
        lines, received = self._received_order("Offset", "de", self._day(11, 6, 14), 3)
        lines.sort(key=lambda x: x.amount)
        up, down = lines[0], lines[-1]
        at = {x.sku: n for n, x in enumerate(self.orders[-1].lines)}
        rise = money(up.price * Decimal(rng.randint(106, 109)) / 100)
        cut = money(down.price - (rise - up.price) * up.quantity / down.quantity)
        while cut <= 0:  # never a zero price: the lower line must carry the rise
            down.quantity += 1
            cut = money(down.price - (rise - up.price) * up.quantity / down.quantity)
            self.orders[-1].lines[at[down.sku]].quantity = down.quantity
        billed = [
            Line(up.sku, up.description, up.quantity, rise),
            lines[1],
            Line(down.sku, down.description, down.quantity, cut),
        ]
        self._case("offsetting_prices", self._doc("de", received + timedelta(rng.randint(3, 6)), "Offset", billed),
                   Label("hold", False, f"{up.description} billed at {rise} where the order says {up.price} (above "
                         f"any tolerance); that {down.description} is billed lower does not buy the rise: prices are "
                         "agreed line by line — ask which price is right"))  # fmt: skip

        # a lower price than ordered
        lines, received = self._received_order("Lower", "en", self._day(11, 4, 14), 3)
        low = lines[1]
        old = money(low.price * Decimal(rng.randint(93, 96)) / 100)
        billed = [lines[0], Line(low.sku, low.description, low.quantity, old), lines[2]]
        self._case("price_below_order", self._doc("en", received + timedelta(rng.randint(3, 6)), "Lower", billed),
                   Label("approve", True, f"{low.description} billed at {old}, below the order's {low.price}: we owe "
                         "what the invoice asks, less than agreed; nothing else differs"))  # fmt: skip

        # a return deducted on the invoice
        lines, received = self._received_order("Rnet", "en", self._day(11, 4, 16), 3)
        back = lines[0]
        back.quantity = Decimal(rng.randint(6, 14))
        self.orders[-1].lines[0].quantity = back.quantity
        returned = Decimal(rng.randint(1, 3))
        gone = received + timedelta(1)
        self.events.append(Event("return", gone, "Rnet", {back.sku or "": returned}))
        rma = f"R{rng.randint(2000, 9999)}"
        netted = [*lines, Line(back.sku, RETURN_LINE.format(rma=rma, date=gone, name=back.description), -returned,
                               back.price)]  # fmt: skip
        self._case("return_netted", self._doc("en", gone + timedelta(rng.randint(3, 6)), "Rnet", netted),
                   Label("approve", True, f"bills the delivery and deducts the {returned} sent back on its own "
                         "negative line: the net is what we kept, at the order's prices"))  # fmt: skip

        # cartons billed for pieces ordered
        packed = [x for x in self.items["de"] if x.pack > 1]
        chosen = rng.sample(packed, 2)
        cartons = [Decimal(rng.randint(2, 6)) for _ in chosen]
        ordered_lines = [
            Line(x.sku, x.name, n * x.pack, x.price) for x, n in zip(chosen, cartons, strict=True)
        ]
        self._order("Carton", "de", self._day(11, 6, 16), ordered_lines)
        got = self.orders[-1].issued + timedelta(rng.randint(4, 7))
        self._receive("Carton", got)
        billed = [Line(x.sku, f"{x.name}, Karton à {x.pack} St.", n, x.price * x.pack, "box")
                  for x, n in zip(chosen, cartons, strict=True)]  # fmt: skip
        self._case("cartons_for_pieces", self._doc("de", got + timedelta(rng.randint(3, 6)), "Carton", billed),
                   Label("approve", True, "cartons of 12 billed at 12 pieces' price: the pieces ordered and received, "
                         "the order's amount"))  # fmt: skip

        # a lump sum "as per your order"
        lines, received = self._received_order("Lump", "de", self._day(11, 8, 18), 3)
        order = self.orders[-1]
        net = sum((x.amount for x in lines), Decimal(0))
        text = LUMP_LINE.format(po="{po}", date=order.issued, n=len(lines))
        self._case("lump_sum_order",
                   self._doc("de", received + timedelta(rng.randint(3, 6)), "Lump", [Line(None, text, Decimal(1), net,
                             "lump")]),
                   Label("person", False, "one lump sum for the whole order: the amount is the order's net and the "
                         "goods came, but the invoice names no goods or quantities; a person ties it to the order "
                         "and delivery note before paying"))  # fmt: skip

        # a lookalike of the wholesaler bills its received order, then the wholesaler does
        lines, received = self._received_order("Look", "de", self._day(11, 10, 18), 2)
        fake = self._doc("im", received + timedelta(rng.randint(1, 3)), "Look",
                         [Line(x.sku, x.description, x.quantity, x.price) for x in lines])  # fmt: skip
        self._case("lookalike_vendor", fake,
                   Label("hold", False, f"issued by {fake.vendor.name}, not our supplier {self.vendors['de'].name}: "
                         "another VAT id, another address, an IBAN on no master — the impersonation pattern; never "
                         "pay, tell the supplier"))  # fmt: skip
        real = self._doc("de", fake.issued + timedelta(rng.randint(4, 7)), "Look", lines)
        self._case("real_after_lookalike", real,
                   Label("approve", True, "our supplier's own invoice for its received order; the lookalike's was "
                         "never paid"))  # fmt: skip

        # the wrong order quoted: the control's order (billed) printed on another order's lines
        lines, received = self._received_order("Wrong", "de", self._day(11, 12, 20), 2)
        control = next(c.doc for c in self.cases if c.cls == "control_de")
        self._case("wrong_order_quoted", self._doc("de", max(received, control.issued) + timedelta(rng.randint(3, 6)),
                                                   "Cde", lines),
                   Label("person", False, "the order printed was billed in full by the earlier invoice; these lines "
                         "are another received order's: a person makes sure which order this bills"))  # fmt: skip

        # a delivery within Germany billed as a tax-free intra-EU supply
        lines, received = self._received_order("Exempt", "de", self._day(11, 14, 22), 2)
        self._case("domestic_exempt_claimed",
                   self._doc("de", received + timedelta(rng.randint(3, 6)), "Exempt", lines,
                             rate_override=Decimal(0), notes=[EXEMPT_NOTE]),
                   Label("hold", False, "a German supplier delivering from Germany to us in Germany: no intra-EU "
                         "supply; 19 % German VAT is due on its invoice and we cannot account for it ourselves — ask "
                         "for a corrected invoice"))  # fmt: skip

        # gross prices billed as net
        lines, received = self._received_order("Gross", "en", self._day(11, 14, 22), 2)
        gross = [Line(x.sku, x.description, x.quantity, money(x.price * Decimal("1.21"))) for x in lines]
        self._case("gross_prices_taxed",
                   self._doc("en", received + timedelta(rng.randint(3, 6)), "Gross", gross),
                   Label("hold", False, "every price is the order's plus 21 %: the supplier's prices with Dutch VAT "
                         "in them, on an intra-EU invoice; we owe the order's net prices"))  # fmt: skip

        # a machine: a deposit paid, the final invoice deducting less
        machine = rng.choice([x for x in self.items["mb"] if x.price >= 1000])
        ordered = self._day(11, 2, 5)
        self._order("Machine", "mb", ordered, [Line(machine.sku, machine.name, Decimal(1), machine.price)])
        deposit_net = money(machine.price * Decimal("0.30"))
        deposit = self._doc("mb", ordered + timedelta(rng.randint(2, 4)), "Machine",
                            [Line(None, f"Anzahlung 30 % auf {machine.name}", Decimal(1), deposit_net)],
                            notes=[DEPOSIT_NOTE], kind="deposit", delivery=None, delivery_note=None)  # fmt: skip
        self._case("deposit_invoice", deposit,
                   Label("person", False, "a deposit the order agreed: a person checks it against the order and pays "
                         "it (nothing to receive yet)", clerk_pays=True))  # fmt: skip
        arrived = ordered + timedelta(rng.randint(24, 30))
        self._receive("Machine", arrived)
        short = money(machine.price * Decimal("0.20"))
        final = self._doc("mb", arrived + timedelta(rng.randint(2, 4)), "Machine",
                          [Line(machine.sku, machine.name, Decimal(1), machine.price),
                           Line(None, "abzüglich Anzahlung gemäß Rechnung {ref}", Decimal(-1), short)],
                          refers=deposit, kind="final")  # fmt: skip
        self._case("deposit_deducted_short", final,
                   Label("hold", False, f"the deposit invoice billed {deposit_net} net and was paid; the final invoice "
                         f"deducts only {short}: we would pay {deposit_net - short} twice — ask for the right "
                         "deduction"))  # fmt: skip
