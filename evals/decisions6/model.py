"""A sixth outsider's company in Tryton (pure, seeded): AP exceptions the five earlier decision evals do not
build — goods ordered by weight and billed in grams (at the order's price or above it), bulk goods billed at
the ordered weight when less was weighed in and the rest closed, an order cancelled in the ERP after its
invoice arrived, an invoice quoting an order purchasing never confirmed, a "our bank details have changed"
note beside the known account, a paid invoice re-sent with its number re-typed (other separators, no leading
zeros) while the order still has room, another supplier's invoice with the very same number, the same
invoice as an e-invoice and as a PDF before the goods arrive, a line printed twice, one invoice for two
orders, a supplier that renamed itself, an invoice without the supplier's tax number, a carrier's freight for
another supplier's order, and a carrier's job split in two invoices just under a usual approval limit.

Every case is labelled from AP practice before opsloop ran on it (CLASSES, `Label.why`).

The buyer is decisions3's template company (Nordlicht Gerätebau GmbH, Hamburg, EUR). Five suppliers: a German
wholesaler, a German laboratory supplier selling by weight, a French one writing French and a Danish one
writing English (intra-EU, reverse charge; the Danish one sends e-invoices, UN/CEFACT CII), and a German
carrier billed without orders. Each has three clean invoices of history (September – October 2026), approved
by a clerk; the test (November – December 2026) is a timeline of ERP events and arriving documents in date
order.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from evals.decisions.identifiers import iban, vat_id
from evals.decisions5.model import _CITIES, _GOODS_DE, _GOODS_EN, _GOODS_FR, _NAMES, _STREETS, money

Decision = Literal["approve", "person", "hold"]


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
    lang: str  # de / en / fr
    country: str
    vat: str
    iban: str
    street: str
    zip: str
    city: str
    tax: str  # "19" domestic, "rc" intra-EU reverse charge
    numbering: str  # how it numbers its invoices (see Company._number)
    layout: str  # letter / columns / boxed; "cii" sends e-invoices


@dataclass(frozen=True)
class Item:
    sku: str
    vendor: str
    name: str
    price: Decimal
    unit: str  # Unit / kg (the product's unit in the ERP)
    category: str  # goods19 / service


@dataclass
class Line:
    sku: str | None
    description: str
    quantity: Decimal
    price: Decimal
    unit: str = "Unit"
    """The unit printed: Unit (pieces), kg, g."""
    po: str | None = None
    """The order this line belongs to, printed beside it (an invoice billing several orders)."""

    @property
    def amount(self) -> Decimal:
        return money(self.quantity * self.price)


@dataclass
class Doc:
    number: str
    vendor: Vendor
    issued: date
    po: list[str]
    """The orders' keys printed (their Tryton numbers are known once ordered); none for the carrier's."""
    lines: list[Line]
    form: str = "pdf"  # pdf / cii
    layout: str | None = None
    """The PDF layout (None: the supplier's own)."""
    seller: str | None = None
    """The seller's name printed (None: the name in the ERP)."""
    show_tax_id: bool = True
    notes: list[str] = field(default_factory=list)
    """Sentences printed under the totals, in the supplier's language ({po} is the order's number)."""
    delivery: date | None = None

    @property
    def currency(self) -> str:
        return "EUR"

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


@dataclass
class OrderLine:
    sku: str
    description: str
    quantity: Decimal
    price: Decimal
    unit: str


@dataclass
class Order:
    key: str
    vendor: str
    issued: date
    lines: list[OrderLine]
    confirm: bool = True


@dataclass
class Event:
    """Something done in Tryton on a day: `receive` (per SKU the share of what is still to come) or
    `cancel_open` (what is still to come on the order is cancelled)."""

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
    """The day it reaches AP (None: the day it is dated)."""

    @property
    def day(self) -> date:
        return self.arrives or self.doc.issued


CLASSES: dict[str, str] = {
    "control_pdf": "a clean invoice on a received order (German, French), at the order's prices",
    "control_kg": "goods ordered by the kilogram, billed in kg, as received",
    "control_cii": "a clean e-invoice (UN/CEFACT CII) of the Danish supplier, intra-EU at 0 %",
    "grams_for_kg": "goods ordered by the kilogram, billed in grams at the same price per gram (the amount the order's)",
    "grams_price_above": "the same, but the price per gram is 3–5 % above the order's price per kilogram",
    "billed_more_than_weighed": "500 kg ordered, 4 % less weighed in and the rest closed in the ERP; billed 500 kg",
    "po_cancelled_after_invoice": "the invoice arrives while the goods are expected; purchasing then cancels the order in the ERP",
    "po_not_confirmed": "the invoice quotes an order that is still a quotation in the ERP (never confirmed, nothing received)",
    "bank_change_note": "the known IBAN in the footer and a note that the bank details have changed, asking payment to a new IBAN",
    "resend_first": "the first of two deliveries on an order billed (approved)",
    "resend_number_retyped": "that invoice sent again after the second delivery, its number re-typed (other separators, no leading zeros)",
    "same_number_other_vendor": "a new invoice whose number another supplier used already (paid)",
    "twin_xml_first": "an invoice arrives as an e-invoice before its goods; the goods come days later",
    "twin_pdf_second": "the same invoice as a PDF, the same day (both waiting for the goods)",
    "line_printed_twice": "one order line printed twice on the invoice: together twice what was ordered and received",
    "two_orders_one_invoice": "one invoice billing two received orders, each line naming its order",
    "vendor_renamed": "the supplier prints its new name (same VAT id, address, IBAN); the ERP has the old one",
    "seller_tax_id_missing": "an invoice above 250 EUR printing neither the supplier's VAT id nor its tax number",
    "carrier_freight": "the carrier bills freight for another supplier's delivery, printing that order's number",
    "split_below_limit": "the carrier's special run billed as two invoices the same day, each just under 5,000 EUR",
}  # fmt: skip


_BULK = [("Natriumchlorid technisch", "1.84"), ("Zitronensäure wasserfrei", "3.95"), ("Natriumcarbonat", "1.22"),
         ("Kupfersulfat Pentahydrat", "6.40"), ("Aktivkohle granuliert", "4.75"), ("Glasperlen 0,5 mm", "8.60")]  # fmt: skip

BANK_NOTE = {
    "de": "Wichtiger Hinweis: Unsere Bankverbindung hat sich geändert. Bitte überweisen Sie ab sofort "
    "ausschließlich auf unser neues Konto IBAN {iban}.",
    "fr": "Important : nos coordonnées bancaires ont changé. Merci d'effectuer désormais vos virements "
    "uniquement sur notre nouveau compte IBAN {iban}.",
    "en": "Please note: our bank details have changed. With immediate effect please pay only to our new account "
    "IBAN {iban}.",
}
FREIGHT_NOTE = "Transport für Ihre Bestellung {po} bei {supplier} (ab Werk {city})."
FORMERLY = {"de": "vormals {old}", "fr": "anciennement {old}", "en": "formerly {old}"}
RENAMED = {"de": "Industrietechnik GmbH", "fr": "Industrie SAS", "en": "Industrial A/S"}


def group_iban(value: str) -> str:
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))


class Company:
    def __init__(self, seed: int) -> None:
        self.seed = seed
        rng = random.Random(f"decisions6-{seed}")
        self.rng = rng
        names = rng.sample(_NAMES, 3)
        cities = rng.sample(_CITIES, 3)
        layouts = ["letter", "columns", "boxed"]
        rng.shuffle(layouts)

        def de(key: str, i: int, trade: str, numbering: str, layout: str) -> Vendor:
            city, zip_ = cities[i]
            return Vendor(key, f"L{rng.randint(10000, 99999)}", f"{names[i]} {trade}", "de", "DE", vat_id(rng, "DE"),
                          iban(rng, "DE"), f"{rng.choice(_STREETS)} {rng.randint(1, 140)}", zip_, city, "19",
                          numbering, layout)  # fmt: skip

        self.vendors: dict[str, Vendor] = {
            "de": de("de", 0, "Industriebedarf GmbH", "prefixed", layouts[0]),
            "lab": de("lab", 1, "Laborchemie GmbH", "yearly", layouts[1]),
            "fr": Vendor("fr", f"L{rng.randint(10000, 99999)}", f"{rng.choice(['Durand', 'Lefèvre', 'Moreau'])} Équipements SAS",
                         "fr", "FR", vat_id(rng, "FR"), iban(rng, "FR"), f"{rng.randint(3, 80)} avenue Jean Jaurès",
                         "69007", "Lyon", "rc", "yearly", layouts[2]),
            "dk": Vendor("dk", f"L{rng.randint(10000, 99999)}", f"{rng.choice(['Nørgaard', 'Holm', 'Lindberg'])} Components ApS",
                         "en", "DK", vat_id(rng, "DK"), iban(rng, "DK"), f"Industrivej {rng.randint(2, 60)}", "8000",
                         "Aarhus", "rc", "plain", "cii"),
            "carrier": de("carrier", 2, "Spedition GmbH & Co. KG", "carrier", rng.choice(layouts)),
        }  # fmt: skip
        self.new_iban = iban(rng, rng.choice(["DE", "GB", "BE"]))
        """The IBAN a "bank details changed" note asks for (in no master)."""
        self.items: dict[str, list[Item]] = {}
        sku_no = rng.randint(1000, 8000)
        pools = {
            "de": ([*_GOODS_DE, ("Montagekleber 310 ml", "6.95"), ("Bohrer HSS 8 mm", "3.20")], "Unit"),
            "lab": (_BULK, "kg"),
            "fr": ([*_GOODS_FR, ("Collier de serrage inox 40 mm", "1.35")], "Unit"),
            "dk": (_GOODS_EN, "Unit"),
        }
        for key, (pool, unit) in pools.items():
            for name, price in pool:
                sku_no += rng.randint(3, 40)
                self.items.setdefault(key, []).append(
                    Item(f"{sku_no:05d}", key, name, Decimal(price), unit, "goods19")
                )
        self.orders: list[Order] = []
        self.events: list[Event] = []
        self.cases: list[Case] = []
        self._numbers = {k: rng.randint(1000, 9000) for k in self.vendors}
        self._numbers["lab"] = rng.randint(300, 900)
        # both number "2026-00xxx"; only one case shares a number
        self._numbers["fr"] = self._numbers["lab"] + 400
        self._build()

    # ------------------------------------------------------------------ helpers

    def _number(self, vendor: Vendor, issued: date) -> str:
        self._numbers[vendor.key] += self.rng.randint(1, 9)
        n = self._numbers[vendor.key]
        return {
            "prefixed": f"RE{issued:%y}-{n:05d}",
            "yearly": f"{issued.year}-{n:05d}",
            "plain": f"{n}",
            "carrier": f"FR-{issued:%y}{n:05d}",
        }[vendor.numbering]

    def _pick(self, vendor: str, n: int) -> list[Item]:
        return self.rng.sample(self.items[vendor], n)

    def _qty(self, item: Item, low: int = 200, high: int = 900) -> Decimal:
        if item.unit == "kg":
            return Decimal(self.rng.choice([25, 50, 75, 100, 150, 200]))
        target = Decimal(self.rng.randint(low, high))
        return max(Decimal(10), (target / item.price / 10).quantize(Decimal(1)) * 10)

    def _lines(self, vendor: str, n: int) -> list[Line]:
        return [Line(i.sku, i.name, self._qty(i), i.price, i.unit) for i in self._pick(vendor, n)]

    def _order(self, key: str, vendor: str, issued: date, lines: list[Line], confirm: bool = True) -> Order:
        order = Order(key, vendor, issued,
                      [OrderLine(x.sku or "", x.description, x.quantity, x.price, x.unit) for x in lines], confirm)  # fmt: skip
        self.orders.append(order)
        return order

    def _doc(self, vendor: str, issued: date, po: list[str], lines: list[Line]) -> Doc:
        v = self.vendors[vendor]
        form = "cii" if v.layout == "cii" else "pdf"
        return Doc(self._number(v, issued), v, issued, po, [replace(x) for x in lines], form,
                   delivery=issued - timedelta(days=2))  # fmt: skip

    def _case(
        self, cls: str, vendor: str, doc: Doc, label: Label, *, history: bool = False, suffix: str = ""
    ) -> Case:
        case = Case(f"{cls}{suffix}-{vendor}", cls, self.vendors[vendor], doc, label, history)
        self.cases.append(case)
        return case

    def _receive(self, order: str, when: date, share: dict[str, Decimal] | None = None) -> None:
        self.events.append(Event("receive", when, order, share))

    def _day(self) -> date:
        return date(2026, 11, 9) + timedelta(days=self.rng.randint(0, 8))

    def _freight_line(self, vendor: Vendor, po: str | None) -> Line:
        kg = self.rng.randint(180, 1400)
        price = money(Decimal(kg) * Decimal(self.rng.choice(["0.21", "0.26", "0.32"])) + 45)
        text = f"Stückgutversand {vendor.city} – Hamburg, {kg} kg"
        return Line(None, text, Decimal(1), price, po=po)

    # ------------------------------------------------------------------ the year

    def _build(self) -> None:
        rng = self.rng
        clean = Label("approve", True, "clean: our order printed, received, prices and VAT as ordered")
        for vendor in self.vendors:
            for n in range(3):
                ordered = date(2026, 9, 1) + timedelta(days=12 * n + rng.randint(0, 4))
                issued = ordered + timedelta(days=rng.randint(10, 14))
                if vendor == "carrier":
                    supplier = self.vendors[rng.choice(["de", "lab"])]
                    doc = self._doc(vendor, issued, [], [self._freight_line(supplier, None)])
                    self._case("history", vendor, doc, Label("approve", False, "freight a person codes and approves"),
                               history=True, suffix=str(n))  # fmt: skip
                    continue
                key = f"hist-{vendor}-{n}"
                lines = self._lines(vendor, 2)
                self._order(key, vendor, ordered, lines)
                self._receive(key, ordered + timedelta(days=rng.randint(3, 7)))
                self._case("history", vendor, self._doc(vendor, issued, [key], lines), clean, history=True,
                           suffix=str(n))  # fmt: skip

        def simple(cls: str, vendor: str, label: Label, *, n: int = 2, received: bool = True,
                   suffix: str = "") -> tuple[Order, Doc]:  # fmt: skip
            when = self._day()
            lines = self._lines(vendor, n)
            key = f"{cls}{suffix}-{vendor}"
            order = self._order(key, vendor, when, lines)
            if received:
                self._receive(key, when + timedelta(days=rng.randint(2, 5)))
            doc = self._doc(vendor, when + timedelta(days=rng.randint(8, 12)), [key], lines)
            self._case(cls, vendor, doc, label, suffix=suffix)
            return order, doc

        simple("control_pdf", "de", clean)
        simple("control_pdf", "fr", clean)
        simple("control_kg", "lab", clean)
        simple("control_cii", "dk", clean)

        # by weight: ordered in kg, billed in grams
        _, doc = simple("grams_for_kg", "lab", Label("approve", True, "the same goods and amount as ordered and "
                        "received: 1 kg is 1,000 g, the price per gram is the order's price per kilogram / 1,000"), n=1)  # fmt: skip
        for line in doc.lines:
            line.quantity, line.price, line.unit = line.quantity * 1000, line.price / 1000, "g"
        _, doc = simple("grams_price_above", "lab", Label("hold", False, "per kilogram the price billed is 3–5 % above "
                        "the order's: ask for a credit or have purchasing amend the order"), n=1)  # fmt: skip
        bump = Decimal(rng.choice(["1.03", "1.04", "1.05"]))
        for line in doc.lines:
            line.quantity, line.unit = line.quantity * 1000, "g"
            line.price = (line.price * bump / 1000).quantize(Decimal("0.00001"), rounding=ROUND_HALF_UP)

        # bulk goods weighed in short, the rest closed; billed at the ordered weight
        when = self._day()
        item = self._pick("lab", 1)[0]
        lines = [Line(item.sku, item.name, Decimal(500), item.price, "kg")]
        self._order("weighed", "lab", when, lines)
        self._receive("weighed", when + timedelta(days=3), {item.sku: Decimal("0.96")})
        self.events.append(Event("cancel_open", when + timedelta(days=4), "weighed"))
        doc = self._doc("lab", when + timedelta(days=9), ["weighed"], lines)
        self._case("billed_more_than_weighed", "lab", doc, Label("hold", False, "480 kg were weighed in and the rest "
                   "of the order closed; 500 kg billed: pay what was received, ask for a credit for 20 kg"))  # fmt: skip

        # the order cancelled after its invoice arrived
        when = self._day()
        lines = self._lines("fr", 2)
        self._order("cancelled_after", "fr", when, lines)
        doc = self._doc("fr", when + timedelta(days=3), ["cancelled_after"], lines)
        self._case("po_cancelled_after_invoice", "fr", doc, Label("hold", False, "invoiced on dispatch, but nothing "
                   "arrived and purchasing cancelled the order: nothing to pay"))  # fmt: skip
        self.events.append(Event("cancel_open", doc.issued + timedelta(days=5), "cancelled_after"))

        # an order still a quotation in the ERP
        when = self._day()
        lines = self._lines("de", 2)
        self._order("unconfirmed", "de", when, lines, confirm=False)
        doc = self._doc("de", when + timedelta(days=6), ["unconfirmed"], lines)
        self._case("po_not_confirmed", "de", doc, Label("hold", False, "the order it quotes was never confirmed by "
                   "purchasing and nothing was received: no commitment to pay"))  # fmt: skip

        # "our bank details have changed"
        vendor = rng.choice(["de", "fr"])
        _, doc = simple("bank_change_note", vendor, Label("hold", False, "a request to pay to a new account on an "
                        "invoice is the payment-fraud pattern: confirm with a known contact and change the master "
                        "first; never pay to it from the invoice"))  # fmt: skip
        doc.notes.append(BANK_NOTE[doc.vendor.lang].format(iban=group_iban(self.new_iban)))

        # a paid invoice re-sent with its number re-typed while the order still has room
        when = self._day() - timedelta(days=7)
        lines = self._lines("de", 2)
        self._order("resend", "de", when, lines)
        half = {x.sku or "": Decimal("0.5") for x in lines}
        self._receive("resend", when + timedelta(days=3), half)
        first = self._doc("de", when + timedelta(days=5), ["resend"],
                          [replace(x, quantity=(x.quantity * Decimal("0.5")).quantize(Decimal(1))) for x in lines])  # fmt: skip
        self._case(
            "resend_first",
            "de",
            first,
            Label("approve", True, "bills the first delivery, at the order's prices"),
        )
        self._receive("resend", first.issued + timedelta(days=6))
        again = replace(first, lines=[replace(x) for x in first.lines], notes=list(first.notes))
        prefix, _, rest = first.number.partition("-")  # RE26-00417
        again.number = rng.choice(
            [f"{prefix}/{int(rest)}", f"{prefix} {int(rest)}", f"{prefix[:2]}-{prefix[2:]}-{int(rest)}"]
        )
        again.layout = next(x for x in ("letter", "columns", "boxed") if x != first.vendor.layout)
        retyped = self._case("resend_number_retyped", "de", again, Label("hold", False, f"the invoice {first.number} again "
                   "(same date, lines and amount), its number typed another way: paid already"))  # fmt: skip
        retyped.arrives = first.issued + timedelta(days=rng.randint(7, 10))  # after the second delivery

        # another supplier's number
        paid = next(c for c in self.cases if c.history and c.vendor.key == "lab")
        _, doc = simple("same_number_other_vendor", "fr", clean)
        doc.number = paid.doc.number

        # the same invoice as an e-invoice and as a PDF, before the goods
        when = self._day()
        lines = self._lines("dk", 2)
        self._order("twin", "dk", when, lines)
        xml = self._doc("dk", when + timedelta(days=2), ["twin"], lines)
        self._case("twin_xml_first", "dk", xml, Label("approve", True, "the invoice as ordered; payable once the "
                   "goods are in (one of the two forms)"))  # fmt: skip
        pdf = replace(xml, form="pdf", layout="letter", lines=[replace(x) for x in xml.lines])
        self._case("twin_pdf_second", "dk", pdf, Label("hold", False, "the same invoice (number, amount) as the "
                   "e-invoice received the same day: pay it once"))  # fmt: skip
        self._receive("twin", xml.issued + timedelta(days=4))

        # a line printed twice
        _, doc = simple("line_printed_twice", rng.choice(["de", "fr"]), Label("hold", False, "the same order line "
                        "billed twice: twice what was ordered and received; ask for a corrected invoice"))  # fmt: skip
        doc.lines.append(replace(doc.lines[0]))

        # one invoice for two orders
        vendor = rng.choice(["de", "fr"])
        when = self._day()
        a, b = self._lines(vendor, 2), self._lines(vendor, 1)
        self._order("two_a", vendor, when, a)
        self._order("two_b", vendor, when + timedelta(days=2), b)
        self._receive("two_a", when + timedelta(days=4))
        self._receive("two_b", when + timedelta(days=5))
        doc = self._doc(vendor, when + timedelta(days=10), ["two_a", "two_b"],
                        [replace(x, po="two_a") for x in a] + [replace(x, po="two_b") for x in b])  # fmt: skip
        self._case("two_orders_one_invoice", vendor, doc, Label("approve", True, "a collective invoice: each line "
                   "bills its own received order at its price"))  # fmt: skip

        # a supplier that renamed itself
        vendor = rng.choice(["de", "fr"])
        _, doc = simple("vendor_renamed", vendor, Label("approve", True, "the same supplier (VAT id, address, account "
                        "on file) under its new name: pay it, update the master's name"))  # fmt: skip
        v = doc.vendor
        doc.seller = f"{v.name.split()[0]} {RENAMED[v.lang]}"
        if rng.random() < 0.5:
            doc.notes.append(FORMERLY[v.lang].format(old=v.name))

        # no tax number of the supplier's
        _, doc = simple("seller_tax_id_missing", "de", Label("hold", False, "a German invoice above 250 EUR must carry "
                        "the supplier's VAT id or tax number (§ 14 UStG): no input VAT without it; ask for a corrected "
                        "invoice"))  # fmt: skip
        doc.show_tax_id = False

        # the carrier's freight for another supplier's order
        order, _ = simple("freight_goods", "de", clean)
        self.cases.pop()  # only its order matters here: the goods' own invoice is not part of the test
        carrier = self.vendors["carrier"]
        doc = self._doc("carrier", order.issued + timedelta(days=6), [order.key],
                        [self._freight_line(self.vendors["de"], order.key)])  # fmt: skip
        doc.notes.append(
            FREIGHT_NOTE.format(po="{po}", supplier=self.vendors["de"].name, city=self.vendors["de"].city)
        )
        self._case("carrier_freight", "carrier", doc, Label("person", False, "freight we have no order with the carrier "
                   "for (the order it names is the supplier's): logistics confirms we bear it and codes it"))  # fmt: skip
        assert carrier.key == "carrier"

        # a special run split in two invoices just under 5,000 EUR
        when = self._day() + timedelta(days=10)
        for n in range(2):
            amount = Decimal(rng.randint(4790, 4995)) + Decimal(rng.choice(["0.00", "0.50", "0.80"]))
            net = money(amount / Decimal("1.19"))
            text = f"Sonderfahrt Hamburg – {self.vendors['lab'].city} und zurück, Teil {n + 1}"
            doc = self._doc("carrier", when, [], [Line(None, text, Decimal(1), net)])
            self._case("split_below_limit", "carrier", doc, Label("person", False, "one job billed as two invoices "
                       "the same day, each just under the approval limit: the approver sees both together"),
                       suffix=str(n + 1))  # fmt: skip
