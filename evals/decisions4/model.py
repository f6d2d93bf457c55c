"""A second outsider's company in Tryton (pure, seeded): suppliers writing eight languages, and the documents
that reach an AP inbox besides clean invoices — papers that are not invoices, one invoice in two forms, tax
traps and money traps. Every case is labelled from AP practice before opsloop ran (see CLASSES).

The buyer is decisions3's template company (German, EUR). Nine suppliers, each with three clean invoices
of history on their own POs, received, approved by a clerk: a German one (19 % and 7 % goods), an Austrian
one writing German, French, Dutch, Spanish, Italian, Polish and Swedish ones (intra-EU supplies at 0 %,
reverse charge), and a US one (USD, no VAT).
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal

from evals.decisions.identifiers import iban, vat_id
from evals.decisions3.model import Label, money
from evals.decisions3.model import Vendor as _Vendor
from stdnum import iban as _iban
from stdnum.pl import nip as _pl_nip
from stdnum.se import vat as _se_vat


@dataclass(frozen=True)
class Vendor(_Vendor):
    """decisions3's supplier, with its home country's VAT rate."""

    home_rate: Decimal = Decimal(0)
    """The supplier's own country's standard VAT rate (what it would charge at home)."""


@dataclass(frozen=True)
class Item:
    sku: str
    vendor: str
    name: str
    price: Decimal
    category: str  # goods19 / goods7
    unit: str = "Unit"


@dataclass
class Line:
    sku: str
    description: str
    quantity: Decimal
    price: Decimal
    """The price of one unit."""
    rate: Decimal | None = None
    """The VAT rate printed on the line (None: the document's rate)."""
    per: int = 1
    """The price printed per this many units (100, 1000)."""
    amount_override: Decimal | None = None
    """A printed line amount that is not quantity × price (a trap)."""
    charge: bool = False
    """A charge line (freight, packaging, surcharge) with no article."""
    tax: str | None = None
    """The PO line's tax ('19' / '7'); the order's when None."""

    @property
    def amount(self) -> Decimal:
        if self.amount_override is not None:
            return self.amount_override
        return money(self.quantity * self.price)


@dataclass
class Doc:
    """A document as the supplier prints it. kind: invoice / credit / reminder / proforma / quote / confirmation /
    statement / delivery."""

    kind: str
    number: str
    vendor: Vendor
    issued: date
    po: str | None
    lines: list[Line]
    currency: str
    fmt: str = "pdf"  # pdf / ubl / cii / facturx / scan
    rate: Decimal | None = None
    """The document's VAT rate (None: by the vendor's treatment)."""
    rc_note: bool | None = None
    """Print the reverse-charge wording (None: when the vendor's treatment is reverse charge)."""
    tax_override: Decimal | None = None
    total_override: Decimal | None = None
    refers: list[tuple[str, date, Decimal]] = field(default_factory=list)
    """Invoices the document names (number, date, amount): a reminder's, a statement's, a credit note's."""
    fee: Decimal | None = None
    """A dunning fee on a reminder."""
    skonto: Decimal | None = None
    """An early-payment discount offered (percent, 10 days)."""
    copy: bool = False
    """Marked as a copy."""
    title: str | None = None
    """A title of the supplier's own instead of its language's usual one for the kind."""
    invoice_no: str | None = None
    """A reminder reprinting an invoice: that invoice's number (its lines are the document's lines)."""
    terms_days: int = 30

    def line_rate(self, line: Line) -> Decimal:
        if line.rate is not None:
            return line.rate
        if self.rate is not None:
            return self.rate
        return Decimal(19) if self.vendor.tax == "19" else Decimal(0)

    @property
    def net(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))

    def tax_groups(self) -> dict[Decimal, Decimal]:
        groups: dict[Decimal, Decimal] = {}
        for line in self.lines:
            rate = self.line_rate(line)
            groups[rate] = groups.get(rate, Decimal(0)) + line.amount
        return groups

    @property
    def tax(self) -> Decimal:
        if self.tax_override is not None:
            return self.tax_override
        return sum((money(base * rate / 100) for rate, base in self.tax_groups().items()), Decimal(0))

    @property
    def total(self) -> Decimal:
        if self.total_override is not None:
            return self.total_override
        return self.net + self.tax


@dataclass
class Order:
    key: str
    vendor: str
    issued: date
    currency: str
    lines: list[Line]
    tax: str
    phase: str = "setup"


@dataclass
class Event:
    kind: str  # receive
    phase: str
    order: str | None = None
    when: date | None = None
    share: dict[str, Decimal] | None = None


@dataclass
class Case:
    id: str
    cls: str
    vendor: Vendor
    doc: Doc
    label: Label
    history: bool = False
    group: str = "control"


CLASSES: dict[str, tuple[str, str]] = {
    # class: (group, what arrives)
    "control_language": ("control", "a clean invoice of each supplier in its own language, PO printed, received"),
    "control_ubl": ("control", "a clean UBL 2.1 e-invoice (XRechnung-style) of an established supplier"),
    "twin_original": ("control", "the first form of an invoice that arrives twice (paid after it)"),
    "reminder_paid": ("not_invoice", "a payment reminder (dunning letter) for a history invoice already paid, in the supplier's language, 'reminder for invoice N' inside"),
    "reminder_queued": ("not_invoice", "a reminder for an invoice of this period already received (in the queue)"),
    "proforma_local": ("not_invoice", "a pro-forma invoice titled in the supplier's language, PO printed, goods not yet delivered"),
    "quotation_local": ("not_invoice", "a quotation in the supplier's language, with prices and a total"),
    "order_confirmation_local": ("not_invoice", "an order confirmation with prices and total, our PO printed, goods not yet delivered"),
    "statement_local": ("not_invoice", "a statement of account listing three invoices (paid) and a balance"),
    "delivery_note_priced": ("not_invoice", "a delivery note with prices and a total for a PO that was received"),
    "twin_ubl_of_pdf": ("twin", "an invoice paid as a PDF arrives again as its UBL e-invoice"),
    "twin_cii_of_pdf": ("twin", "an invoice paid as a PDF arrives again as its CII (XRechnung) e-invoice"),
    "twin_pdf_of_facturx": ("twin", "an invoice paid as a Factur-X hybrid arrives again as a plain PDF"),
    "twin_copy_new_date": ("twin", "an invoice paid arrives again marked as a copy in the supplier's language, printed today"),
    "tax_full_item_reduced_rate": ("tax", "a 19 % item billed at the reduced 7 % (VAT too low)"),
    "tax_rc_note_with_vat": ("tax", "an intra-EU supplier prints the reverse-charge note and still charges its home VAT"),
    "tax_not_rate_times_base": ("tax", "the printed VAT is not the rate times the net (total = net + that VAT)"),
    "line_amount_not_qty_price": ("tax", "one line amount above quantity × price; the net sums the lines"),
    "skonto_offer": ("money", "a clean invoice offering 2 % early-payment discount within 10 days"),
    "surcharge_not_on_po": ("money", "a packaging / small-quantity / handling surcharge (over 5 % of the net) no PO line covers"),
    "price_per_100": ("money", "prices printed per 100 units (amounts exact, as ordered)"),
    "price_per_1000_over": ("money", "prices printed per 1000 units, 10 % above the PO"),
    "credit_note_local": ("credit", "a credit note titled in the supplier's language (some with the invoice word: rectificativa, korygująca), naming a paid invoice"),
    "credit_note_unreferenced": ("credit", "a credit note naming no invoice"),
    "currency_converted": ("money", "a EUR PO invoiced in USD at a converted price"),
    "twin_scan_of_pdf": ("twin", "an invoice paid as a PDF arrives again as a scan of its print (image only, read by OCR)"),
    "credit_titled_invoice_word": ("credit", "a credit note with positive amounts titled with the invoice word (Factura rectificativa, Faktura korygująca, Rechnungskorrektur), the original PO printed"),
    "deposit_deducted_unknown": ("money", "the PO billed in full less an advance payment 'per invoice N' that we never received or paid"),
    "reminder_with_invoice_copy": ("not_invoice", "a reminder that reprints the invoice (number, PO, lines, totals) of an invoice already in the queue"),
    "proforma_after_delivery": ("not_invoice", "a pro-forma invoice for a PO already received"),
    "ubl_line_amount_not_qty_price": ("tax", "a UBL e-invoice whose line amount is above quantity × price (totals follow the lines)"),
    "ubl_tax_reduced_rate": ("tax", "a UBL e-invoice charging 7 % on an item ordered at 19 %"),
}  # fmt: skip

_PEOPLE = {
    "de": (["Hansen", "Krüger", "Brandt", "Vogt", "Seidel", "Kessler"], ["Industriebedarf GmbH", "Werkzeughandel GmbH", "Technik GmbH & Co. KG"]),
    "at": (["Steiner", "Gruber", "Huber", "Leitner"], ["Handels GmbH", "Technik GmbH"]),
    "fr": (["Durand", "Lefèvre", "Moreau", "Girard"], ["Fournitures SARL", "Industrie SAS"]),
    "nl": (["Van Dijk", "De Vries", "Bakker", "Visser"], ["Techniek B.V.", "Handel B.V."]),
    "es": (["García", "Martínez", "Navarro", "Ruiz"], ["Suministros S.L.", "Industrial S.A."]),
    "it": (["Rossi", "Bianchi", "Ferrari", "Galli"], ["Forniture S.r.l.", "Industriale S.p.A."]),
    "pl": (["Kowalski", "Nowak", "Wiśniewski", "Zieliński"], ["Technika Sp. z o.o.", "Dostawy Sp. z o.o."]),
    "se": (["Lindqvist", "Berg", "Holm", "Ekström"], ["Verktyg AB", "Industri AB"]),
    "us": (["Carter", "Miller", "Hudson", "Barnes"], ["Instruments Inc.", "Supply Co."]),
}  # fmt: skip

_PLACES = {
    "de": ("DE", "de", "Industriestraße {n}", "28195", "Bremen", "19", "RE-", Decimal(19)),
    "at": ("AT", "de", "Wiener Straße {n}", "4020", "Linz", "rc", "AT-", Decimal(20)),
    "fr": ("FR", "fr", "{n} rue de la Gare", "69003", "Lyon", "rc", "FA", Decimal(20)),
    "nl": ("NL", "nl", "Havenweg {n}", "3011 AB", "Rotterdam", "rc", "F", Decimal(21)),
    "es": ("ES", "es", "Calle Mayor {n}", "28013", "Madrid", "rc", "FV", Decimal(21)),
    "it": ("IT", "it", "Via Roma {n}", "20121", "Milano", "rc", "FT", Decimal(22)),
    "pl": ("PL", "pl", "ul. Przemysłowa {n}", "61-001", "Poznań", "rc", "FV/", Decimal(23)),
    "se": ("SE", "sv", "Industrigatan {n}", "211 20", "Malmö", "rc", "F", Decimal(25)),
    "us": ("US", "en", "{n} Commerce Drive", "OH 44114", "Cleveland", "none", "US", Decimal(0)),
}

_GOODS = {
    "de": [("Schutzhandschuhe Nitril Gr. 9", "7.40"), ("Kabelbinder 300 mm schwarz", "0.12"),
           ("Druckluftschlauch 10 m", "34.90"), ("Schleifscheibe 125 mm K80", "2.15"),
           ("Warnweste gelb EN 471", "5.60"), ("Gehörschutzstöpsel 200 Paar", "38.50")],
    "fr": [("Gants de protection cuir T10", "6.80"), ("Ruban adhésif toilé 50 mm", "4.25"),
           ("Embout de vissage PZ2", "0.95"), ("Chiffons d'essuyage 10 kg", "27.00"),
           ("Lunettes de sécurité incolores", "3.90")],
    "nl": [("Slangklem RVS 40-60 mm", "1.15"), ("O-ring assortiment 386 st", "42.00"),
           ("LED werklamp 20 W", "29.50"), ("Kabelwartel M20 IP68", "0.92"), ("Schroefdraadafdichting 50 ml", "8.75")],
    "es": [("Guantes de nitrilo talla 9", "6.90"), ("Cinta americana 50 mm", "4.10"),
           ("Tornillo hexagonal M8x30", "0.21"), ("Trapos de limpieza 10 kg", "24.50"), ("Gafas de seguridad", "3.75")],
    "it": [("Guanti in nitrile taglia 9", "7.10"), ("Nastro isolante 19 mm", "0.85"),
           ("Fascetta in acciaio 40-60", "1.05"), ("Lampada da lavoro LED 30 W", "31.40"), ("Sigillante filetti 50 ml", "9.20")],
    "pl": [("Rękawice nitrylowe rozmiar 9", "6.40"), ("Opaska kablowa 300 mm", "0.11"),
           ("Wąż pneumatyczny 10 m", "32.80"), ("Tarcza szlifierska 125 mm", "2.05"), ("Kamizelka ostrzegawcza", "5.20")],
    "sv": [("Skyddshandskar nitril stl 9", "7.20"), ("Buntband 300 mm svart", "0.13"),
           ("Tryckluftsslang 10 m", "35.60"), ("Slipskiva 125 mm K80", "2.25"), ("Hörselproppar 200 par", "39.00")],
    "en": [("Stainless hose clamp 40-60 mm", "1.15"), ("Nitrile O-ring kit 386 pcs", "42.00"),
           ("LED work light 20 W", "29.50"), ("Cable gland M20 IP68", "0.92"), ("Thread sealant 50 ml", "8.75")],
}  # fmt: skip
_REDUCED_DE = [("Fachbuch Arbeitssicherheit", "24.80"), ("Erste-Hilfe-Broschüre (Druckerzeugnis)", "3.40")]
# small-priced goods sold by the hundred / thousand
_SMALL = {
    "de": [("Unterlegscheibe M8 DIN 125", "0.0380"), ("Sechskantmutter M6 verzinkt", "0.0210")],
    "at": [("Unterlegscheibe M10 DIN 125", "0.0460"), ("Blindniete 4x10 Alu", "0.0290")],
    "fr": [("Rondelle plate M8", "0.0360"), ("Écrou hexagonal M6", "0.0190")],
    "nl": [("Sluitring M8 verzinkt", "0.0370"), ("Zeskantmoer M6", "0.0200")],
    "es": [("Arandela plana M8", "0.0350"), ("Tuerca hexagonal M6", "0.0180")],
    "it": [("Rondella piana M8", "0.0390"), ("Dado esagonale M6", "0.0230")],
    "pl": [("Podkładka płaska M8", "0.0310"), ("Nakrętka sześciokątna M6", "0.0170")],
    "se": [("Planbricka M8 förzinkad", "0.0410"), ("Sexkantmutter M6", "0.0240")],
}  # fmt: skip

# VAT ids and IBANs the shared helpers do not draw
_EXTRA_VAT = {
    "PL": (lambda r: "PL" + r.choice("123456789") + "".join(r.choice(string.digits) for _ in range(9)),
           lambda v: _pl_nip.is_valid(v[2:])),
    "SE": (lambda r: "SE" + "".join(r.choice(string.digits) for _ in range(10)) + "01", _se_vat.is_valid),
}  # fmt: skip
_EXTRA_BBAN = {
    "PL": lambda r: "".join(r.choice(string.digits) for _ in range(24)),
    "SE": lambda r: "".join(r.choice(string.digits) for _ in range(20)),
}


def _vat(rng: random.Random, country: str) -> str | None:
    if country == "US":
        return None
    if country in _EXTRA_VAT:
        make, valid = _EXTRA_VAT[country]
        for _ in range(20000):
            candidate = make(rng)
            if valid(candidate):
                return candidate
        raise RuntimeError(f"no {country} VAT id")
    return vat_id(rng, country)


def _iban_of(rng: random.Random, country: str) -> str | None:
    if country == "US":
        return None
    if country in _EXTRA_BBAN:
        for _ in range(20000):
            body = _EXTRA_BBAN[country](rng)
            candidate = country + _iban.calc_check_digits(country + "00" + body) + body
            if _iban.is_valid(candidate):
                return candidate
        raise RuntimeError(f"no {country} IBAN")
    return iban(rng, country)


class Company:
    """The company's suppliers, items, orders, receipts and documents for one seed."""

    duplicate_code = ""  # decisions3's _apply protocol: no duplicate masters here

    def __init__(self, seed: int) -> None:
        self.seed = seed
        rng = random.Random(f"decisions4-{seed}")
        self.rng = rng
        self.vendors: dict[str, Vendor] = {}
        for key, (country, lang, street, zip_, city, tax, prefix, home) in _PLACES.items():
            names, forms = _PEOPLE[key]
            self.vendors[key] = Vendor(
                key, f"L{rng.randint(10000, 99999)}", f"{rng.choice(names)} {rng.choice(forms)}", lang, country,
                _vat(rng, country), _iban_of(rng, country), street.format(n=rng.randint(2, 140)), zip_, city,
                "USD" if country == "US" else "EUR", tax, prefix, home,
            )  # fmt: skip
        self.items: dict[str, list[Item]] = {}
        sku_no = rng.randint(1000, 8000)
        for key, vendor in self.vendors.items():
            pool = _GOODS["de" if key == "at" else vendor.lang]
            items = []
            for name, price in rng.sample(pool, 4):
                sku_no += rng.randint(3, 40)
                items.append(Item(f"{sku_no:05d}", key, name, Decimal(price), "goods19"))
            if key == "de":
                for name, price in _REDUCED_DE:
                    sku_no += rng.randint(3, 40)
                    items.append(Item(f"{sku_no:05d}", key, name, Decimal(price), "goods7"))
            if key in _SMALL:
                for name, price in _SMALL[key]:
                    sku_no += rng.randint(3, 40)
                    items.append(Item(f"{sku_no:05d}", key, name, Decimal(price), "small"))
            self.items[key] = items
        self.orders: list[Order] = []
        self.events: list[Event] = []
        self.cases: list[Case] = []
        self._numbers: dict[str, int] = {k: rng.randint(1000, 9000) for k in self.vendors}
        self._build()

    # ------------------------------------------------------------------ helpers

    def _number(self, vendor: Vendor, issued: date) -> str:
        self._numbers[vendor.key] += self.rng.randint(1, 30)
        n = self._numbers[vendor.key]
        return {"RE-": f"RE-{issued.year}-{n}", "AT-": f"AT-{n}/{issued:%y}", "FA": f"FA{issued:%Y%m}-{n}",
                "F": f"F{issued:%Y}{n:05d}", "FV": f"FV-{issued:%y}/{n}", "FT": f"{n}/{issued:%Y}",
                "FV/": f"FV/{n}/{issued:%m}/{issued:%Y}", "US": f"{n}{self.rng.randint(10, 99)}"}[vendor.prefix]  # fmt: skip

    def _lines(self, key: str, n: int, category: str = "goods19") -> list[Line]:
        pool = [i for i in self.items[key] if i.category == category]
        lines = []
        for item in self.rng.sample(pool, n):
            if category == "small":
                qty = Decimal(self.rng.choice([2000, 3000, 5000, 8000]))
            else:
                target = Decimal(self.rng.randint(120, 520))
                qty = max(Decimal(1), (target / item.price / 5).quantize(Decimal(1)) * 5)
            tax = "7" if category == "goods7" else None
            lines.append(Line(item.sku, item.name, qty, item.price, tax=tax))
        return lines

    def _order(self, key: str, vendor: str, issued: date, lines: list[Line], received: bool = True) -> Order:
        v = self.vendors[vendor]
        order = Order(key, vendor, issued, v.currency, [replace(line) for line in lines], v.tax)
        self.orders.append(order)
        if received:
            self.events.append(
                Event("receive", "setup", key, issued + timedelta(days=self.rng.randint(4, 8)))
            )
        return order

    def _doc(
        self, vendor: str, issued: date, po: str | None, lines: list[Line], kind: str = "invoice"
    ) -> Doc:
        v = self.vendors[vendor]
        number = self._number(v, issued)
        if kind in _OTHER_NUMBERS:  # papers that are not invoices have numbers of their own kind
            number = f"{_OTHER_NUMBERS[kind]}{self.rng.randint(10000, 99999)}"
        return Doc(kind, number, v, issued, po, lines, v.currency)

    def _case(
        self, cls: str, vendor: str, doc: Doc, label: Label, suffix: str = "", history: bool = False
    ) -> Case:
        group = "history" if history else CLASSES[cls][0]
        case = Case(f"{cls}{suffix}-{vendor}", cls, self.vendors[vendor], doc, label, history, group)
        self.cases.append(case)
        return case

    def _test_order(self, key: str, vendor: str, lines: list[Line], received: bool = True) -> Order:
        return self._order(
            key, vendor, date(2026, 11, 2) + timedelta(days=self.rng.randint(0, 8)), lines, received
        )

    def _issued(self, lo: int = 0, hi: int = 5) -> date:
        return date(2026, 11, 24) + timedelta(days=self.rng.randint(lo, hi))

    def _pick(self, keys: list[str]) -> str:
        return self.rng.choice(keys)

    # ------------------------------------------------------------------ the timeline

    def _build(self) -> None:
        rng = self.rng
        approve = Label("approve", True, "clean: PO printed, received, prices and tax as ordered")
        history: dict[str, list[Case]] = {}
        for vendor in self.vendors:
            for n in range(3):
                ordered = date(2026, 9, 1) + timedelta(days=9 * n + rng.randint(0, 4))
                key = f"hist-{vendor}-{n}"
                lines = self._lines(vendor, rng.randint(1, 2))
                self._order(key, vendor, ordered, lines)
                issued = ordered + timedelta(days=rng.randint(10, 14))
                case = self._case("history", vendor, self._doc(vendor, issued, key, lines), approve,
                                  suffix=str(n), history=True)  # fmt: skip
                history.setdefault(vendor, []).append(case)
        eu = ["at", "fr", "nl", "es", "it", "pl", "se"]
        everyone = ["de", *eu]
        not_invoice = "not an invoice: nothing to pay from this paper"

        # controls: each supplier once in its own language; one UBL e-invoice
        controls: dict[str, Case] = {}
        for vendor in self.vendors:
            lines = self._lines(vendor, 2)
            self._test_order(f"control-{vendor}", vendor, lines)
            controls[vendor] = self._case("control_language", vendor,
                                          self._doc(vendor, self._issued(0, 2), f"control-{vendor}", lines), approve)  # fmt: skip
        v = self._pick(["de", "nl", "at"])
        lines = self._lines(v, 2)
        self._test_order("control_ubl", v, lines)
        doc = self._doc(v, self._issued(), "control_ubl", lines)
        doc.fmt = "ubl"
        self._case("control_ubl", v, doc, approve)

        # papers that are not invoices
        v = self._pick(everyone)
        paid = rng.choice(history[v])
        doc = self._doc(v, self._issued(3, 8), None, [], "reminder")
        doc.refers = [(paid.doc.number, paid.doc.issued, paid.doc.total)]
        doc.fee = rng.choice([None, Decimal("5.00"), Decimal("10.00")])
        self._case(
            "reminder_paid", v, doc, Label("hold", False, f"{not_invoice}; the invoice it names was paid")
        )
        v = self._pick([k for k in everyone if k != "de"])
        queued = controls[v]
        doc = self._doc(v, queued.doc.issued + timedelta(days=rng.randint(3, 6)), None, [], "reminder")
        doc.refers = [(queued.doc.number, queued.doc.issued, queued.doc.total)]
        self._case("reminder_queued", v, doc,
                   Label("hold", False, f"{not_invoice}; the invoice it names is already in the queue"))  # fmt: skip
        for cls, kind, received in (
            ("proforma_local", "proforma", False),
            ("order_confirmation_local", "confirmation", False),
            ("delivery_note_priced", "delivery", True),
        ):
            v = self._pick(everyone)
            lines = self._lines(v, 2)
            self._test_order(cls, v, lines, received)
            self._case(
                cls, v, self._doc(v, self._issued(), cls, lines, kind), Label("hold", False, not_invoice)
            )
        v = self._pick(everyone)
        self._case("quotation_local", v, self._doc(v, self._issued(), None, self._lines(v, 2), "quote"),
                   Label("hold", False, not_invoice))  # fmt: skip
        v = self._pick(everyone)
        doc = self._doc(v, self._issued(4, 8), None, [], "statement")
        doc.refers = [(c.doc.number, c.doc.issued, c.doc.total) for c in history[v]]
        self._case(
            "statement_local", v, doc, Label("hold", False, f"{not_invoice}; every invoice it lists was paid")
        )

        # one invoice in two forms: the first is paid, the second must not be
        twin = Label(
            "hold",
            False,
            "the same invoice (number, amount) already received in another form: paying it pays twice",
        )
        for cls, first, second, pool in (
            ("twin_ubl_of_pdf", "pdf", "ubl", everyone),
            ("twin_cii_of_pdf", "pdf", "cii", ["de", "at", "fr"]),
            ("twin_pdf_of_facturx", "facturx", "pdf", ["fr", "de"]),
            ("twin_copy_new_date", "pdf", "pdf", everyone),
        ):
            v = self._pick(pool)
            lines = self._lines(v, 2)
            self._test_order(cls, v, lines)
            doc = self._doc(v, self._issued(0, 2), cls, lines)
            doc.fmt = first
            self._case("twin_original", v, doc, approve, suffix=f"-{cls}")
            again = replace(doc, fmt=second, lines=[replace(line) for line in lines])
            if cls == "twin_copy_new_date":
                again.copy = True
                again.issued = doc.issued + timedelta(days=rng.randint(5, 9))
            self._case(cls, v, again, twin)

        # tax traps
        lines = [*self._lines("de", 1), *self._lines("de", 1, "goods7")]
        self._test_order("tax_full_item_reduced_rate", "de", lines)
        billed = [replace(lines[0], rate=Decimal(7)), replace(lines[1], rate=Decimal(7))]
        self._case("tax_full_item_reduced_rate", "de", self._doc("de", self._issued(), "tax_full_item_reduced_rate", billed),
                   Label("hold", False, "VAT 7 % on an item ordered at 19 %: a wrong tax invoice, ask for a corrected one"))  # fmt: skip
        v = self._pick(["at", "fr", "es", "it", "pl", "se", "nl"])
        lines = self._lines(v, 2)
        self._test_order("tax_rc_note_with_vat", v, lines)
        doc = self._doc(v, self._issued(), "tax_rc_note_with_vat", lines)
        doc.rate = self.vendors[v].home_rate
        doc.rc_note = True
        self._case("tax_rc_note_with_vat", v, doc,
                   Label("hold", False, "home VAT charged on an intra-EU supply (reverse charge): not payable, ask for a corrected invoice"))  # fmt: skip
        v = "de"
        lines = self._lines(v, 2)
        self._test_order("tax_not_rate_times_base", v, lines)
        doc = self._doc(v, self._issued(), "tax_not_rate_times_base", lines)
        right = money(doc.net * Decimal(19) / 100)
        doc.tax_override = money(right * Decimal(rng.choice(["1.19", "1.10", "1.25"])))
        self._case("tax_not_rate_times_base", v, doc,
                   Label("hold", False, "VAT printed is not 19 % of the net: the total is too high"))  # fmt: skip
        v = self._pick(everyone)
        lines = self._lines(v, 2)
        self._test_order("line_amount_not_qty_price", v, lines)
        billed = [replace(line) for line in lines]
        billed[0].amount_override = money(billed[0].amount * Decimal(rng.choice(["1.10", "1.20", "2"])))
        self._case("line_amount_not_qty_price", v, self._doc(v, self._issued(), "line_amount_not_qty_price", billed),
                   Label("hold", False, "a line amount is more than its quantity times its price: overbilled"))  # fmt: skip

        # money traps
        v = self._pick(["de", "at"])
        lines = self._lines(v, 2)
        self._test_order("skonto_offer", v, lines)
        doc = self._doc(v, self._issued(), "skonto_offer", lines)
        doc.skonto = Decimal(2)
        self._case("skonto_offer", v, doc,
                   Label("approve", True, "clean; the early-payment discount is an offer (pay the discounted amount within 10 days)"))  # fmt: skip
        v = self._pick(everyone)
        lines = self._lines(v, 1)
        self._test_order("surcharge_not_on_po", v, lines)
        net = sum((line.amount for line in lines), Decimal(0))
        charge = money(max(Decimal("15.00"), net * Decimal(rng.choice(["0.08", "0.12"]))))
        billed = [
            *lines,
            Line(
                "", rng.choice(["packaging", "small_quantity", "handling"]), Decimal(1), charge, charge=True
            ),
        ]
        self._case("surcharge_not_on_po", v, self._doc(v, self._issued(), "surcharge_not_on_po", billed),
                   Label("hold", False, "a surcharge no PO line covers, above what AP lets pass"))  # fmt: skip
        v = self._pick(list(_SMALL_KEYS))
        lines = self._lines(v, 1, "small")
        self._test_order("price_per_100", v, lines)
        billed = [replace(line, per=100) for line in lines]
        self._case("price_per_100", v, self._doc(v, self._issued(), "price_per_100", billed),
                   Label("approve", True, "clean: the price per 100 is the PO's price"))  # fmt: skip
        v = self._pick([k for k in _SMALL_KEYS if k != v])
        lines = self._lines(v, 1, "small")
        self._test_order("price_per_1000_over", v, lines)
        billed = [replace(line, per=1000, price=line.price * Decimal("1.10")) for line in lines]
        self._case("price_per_1000_over", v, self._doc(v, self._issued(), "price_per_1000_over", billed),
                   Label("hold", False, "10 % above the PO price (printed per 1000)"))  # fmt: skip
        credited = Label("credit", False, "a credit note: book it, never pay it")
        v = self._pick(["es", "pl", "it", "de", "fr", "nl", "se"])
        paid = rng.choice(history[v])
        back = [
            replace(
                paid.doc.lines[0],
                quantity=max(Decimal(1), (paid.doc.lines[0].quantity / 5).quantize(Decimal(1))),
            )
        ]
        doc = self._doc(v, self._issued(), paid.doc.po, back, "credit")
        doc.refers = [(paid.doc.number, paid.doc.issued, paid.doc.total)]
        self._case("credit_note_local", v, doc, credited)
        v = self._pick([k for k in everyone if k != v])
        paid = rng.choice(history[v])
        back = [
            replace(
                paid.doc.lines[0],
                quantity=max(Decimal(1), (paid.doc.lines[0].quantity / 4).quantize(Decimal(1))),
            )
        ]
        self._case(
            "credit_note_unreferenced", v, self._doc(v, self._issued(), None, back, "credit"), credited
        )
        self._more(history, controls)
        v = self._pick(["de", "nl", "fr"])
        lines = self._lines(v, 2)
        self._test_order("currency_converted", v, lines)
        rate = Decimal(rng.choice(["1.0550", "1.0820", "1.1140"]))
        billed = [replace(line, price=(line.price * rate).quantize(Decimal("0.01"))) for line in lines]
        doc = self._doc(v, self._issued(), "currency_converted", billed)
        doc.currency = "USD"
        self._case("currency_converted", v, doc,
                   Label("hold", False, "invoiced in USD on a EUR order: not what was agreed"))  # fmt: skip

    def _more(self, history: dict[str, list[Case]], controls: dict[str, Case]) -> None:
        rng = self.rng
        everyone = ["de", "at", "fr", "nl", "es", "it", "pl", "se"]
        twin = Label("hold", False, "the same invoice already received: paying it pays twice")
        v = self._pick(everyone)
        lines = self._lines(v, 2)
        self._test_order("twin_scan_of_pdf", v, lines)
        doc = self._doc(v, self._issued(0, 2), "twin_scan_of_pdf", lines)
        self._case("twin_original", v, doc, Label("approve", True, "clean"), suffix="-twin_scan_of_pdf")
        self._case(
            "twin_scan_of_pdf", v, replace(doc, fmt="scan", lines=[replace(line) for line in lines]), twin
        )
        v = self._pick(["es", "pl", "de"])
        paid = rng.choice(history[v])
        back = [
            replace(
                paid.doc.lines[0],
                quantity=max(Decimal(1), (paid.doc.lines[0].quantity / 5).quantize(Decimal(1))),
            )
        ]
        doc = self._doc(v, self._issued(), paid.doc.po, back, "credit")
        doc.refers = [(paid.doc.number, paid.doc.issued, paid.doc.total)]
        if v == "de":
            doc.title = "Rechnungskorrektur"
        self._case(
            "credit_titled_invoice_word",
            v,
            doc,
            Label("credit", False, "a credit note (a correction of a paid invoice): never pay it"),
        )
        v = self._pick(["de", "at", "fr", "nl"])
        lines = self._lines(v, 2)
        self._test_order("deposit_deducted_unknown", v, lines)
        net = sum((line.amount for line in lines), Decimal(0))
        deposit = money(net * Decimal(rng.choice(["0.3", "0.5"])))
        fake = f"{self.vendors[v].prefix}{rng.randint(100, 999)}"
        doc = self._doc(
            v,
            self._issued(),
            "deposit_deducted_unknown",
            [*lines, Line("", "deposit", Decimal(1), -deposit, charge=True)],
        )
        doc.refers = [(fake, date(2026, 11, 3), deposit)]
        self._case("deposit_deducted_unknown", v, doc,
                   Label("person", False, "an advance payment we have no record of is deducted: a person checks before paying the rest"))  # fmt: skip
        v = self._pick([k for k in everyone if k in controls])
        queued = controls[v]
        doc = self._doc(v, queued.doc.issued + timedelta(days=rng.randint(3, 6)), queued.doc.po,
                        [replace(line) for line in queued.doc.lines], "reminder")  # fmt: skip
        doc.refers = [(queued.doc.number, queued.doc.issued, queued.doc.total)]
        doc.invoice_no = queued.doc.number
        self._case("reminder_with_invoice_copy", v, doc,
                   Label("hold", False, "a reminder for an invoice already in the queue: not a second invoice"))  # fmt: skip
        v = self._pick(everyone)
        lines = self._lines(v, 2)
        self._test_order("proforma_after_delivery", v, lines)
        self._case("proforma_after_delivery", v, self._doc(v, self._issued(), "proforma_after_delivery", lines, "proforma"),
                   Label("hold", False, "a pro forma is not an invoice: the invoice for the delivered goods will follow"))  # fmt: skip
        v = self._pick(["de", "at", "nl", "fr"])
        lines = self._lines(v, 2)
        self._test_order("ubl_line_amount_not_qty_price", v, lines)
        billed = [replace(line) for line in lines]
        billed[0].amount_override = money(billed[0].amount * Decimal(rng.choice(["1.10", "1.20", "2"])))
        doc = self._doc(v, self._issued(), "ubl_line_amount_not_qty_price", billed)
        doc.fmt = "ubl"
        self._case("ubl_line_amount_not_qty_price", v, doc,
                   Label("hold", False, "a line amount above its quantity times its price: overbilled"))  # fmt: skip
        lines = self._lines("de", 2)
        self._test_order("ubl_tax_reduced_rate", "de", lines)
        billed = [replace(lines[0], rate=Decimal(7)), lines[1]]
        doc = self._doc("de", self._issued(), "ubl_tax_reduced_rate", billed)
        doc.fmt = "ubl"
        self._case("ubl_tax_reduced_rate", "de", doc,
                   Label("hold", False, "7 % VAT on an item ordered at 19 %: a wrong tax invoice"))  # fmt: skip


_SMALL_KEYS = tuple(_SMALL)
_OTHER_NUMBERS = {
    "reminder": "M",
    "proforma": "PF",
    "quote": "Q",
    "confirmation": "OC",
    "statement": "S",
    "delivery": "D",
}
