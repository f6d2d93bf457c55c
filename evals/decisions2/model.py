"""An outsider's AP exceptions: a generated company, its ERP export and the documents its vendors send.

Seeded and deterministic. Written from AP practice, not from opsloop's code: the only things taken
from opsloop are the documented folder-export columns (docs/erp.md) and the documented autonomy limit
(an automatic approval only from an established vendor, a printed PO, up to 2,000.00).
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Literal

from evals.decisions.identifiers import iban, vat_id

BASE_DATE = date(2025, 11, 17)
"""Day 0. Day 45 is 1 January 2026: the history is in the old year, the test in the new one."""
NEW_YEAR_DAY = 45
AUTO_LIMIT = Decimal("2000.00")

Lang = Literal["de", "en", "fr"]
Regime = Literal["domestic", "intra_eu"]
DocKind = Literal[
    "invoice",
    "credit",
    "prepayment",
    "quote",
    "order_confirmation",
    "delivery_note",
    "reminder",
    "statement",
    "proforma",
]
NOT_INVOICES: frozenset[str] = frozenset(
    {"quote", "order_confirmation", "delivery_note", "reminder", "statement", "proforma"}
)

EXPORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "vendors": ("erp_id", "name", "vat_id", "iban", "address", "currency", "payment_terms_days"),
    "items": ("erp_id", "sku", "name", "unit", "unit_cost", "pack_size", "preferred_vendor_erp_id"),
    "purchase_orders": ("erp_id", "number", "vendor_erp_id", "order_date", "currency", "status"),
    "purchase_order_lines": (
        "po_number",
        "line_no",
        "sku",
        "description",
        "quantity",
        "unit",
        "unit_price",
        "tax_rate",
        "tax_code",
        "stock_unit",
        "conversion_factor",
    ),
    "goods_receipts": ("erp_id", "number", "po_number", "received_date"),
    "goods_receipt_lines": ("receipt_erp_id", "po_line_no", "quantity"),
    "companies": ("erp_id", "name", "aliases", "vat_ids", "address"),
}
"""The folder connector's documented export columns (docs/erp.md)."""


def day_date(day: int) -> date:
    return BASE_DATE + timedelta(days=day)


def money(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------------------- master data


@dataclass
class Party:
    name: str
    street: str
    city: str
    """Postcode and town."""
    country: str
    vat_id: str | None = None
    iban: str | None = None
    bic: str | None = None


@dataclass
class Item:
    sku: str
    names: dict[str, str]
    unit: str
    """The ERP's order unit code (C62 piece, CT carton, ...)."""
    price: Decimal
    rate: Decimal


@dataclass
class Vendor:
    erp_id: str
    party: Party
    lang: Lang
    regime: Regime
    fmt: Literal["pdf", "ubl"]
    number_format: str
    restarts_yearly: bool
    terms_days: int
    items: list[Item] = field(default_factory=list)
    counter: int = 0
    year: int = 0
    active_until: int | None = None
    """Last day the vendor is in the ERP export (deactivated afterwards)."""

    def next_number(self, day: int) -> str:
        d = day_date(day)
        if self.restarts_yearly and d.year != self.year:
            self.counter = 0
        self.year = d.year
        self.counter += 1 + (self.counter % 3)
        return self.number_format.format(n=self.counter, year=d.year)

    def tax(self, item: Item) -> tuple[Decimal, str]:
        if self.regime == "domestic":
            return item.rate, "S"
        return Decimal(0), "K"


@dataclass
class POLine:
    line_no: int
    item: Item
    quantity: Decimal
    unit_price: Decimal
    tax_rate: Decimal
    tax_code: str
    unit: str


@dataclass
class PurchaseOrder:
    number: str
    vendor: Vendor
    day: int
    lines: list[POLine]
    receipts: list[tuple[int, dict[int, Decimal]]] = field(default_factory=list)

    def net(self) -> Decimal:
        return money(sum((ln.quantity * ln.unit_price for ln in self.lines), Decimal(0)))

    def status(self, day: int) -> str:
        got = {ln.line_no: Decimal(0) for ln in self.lines}
        for rday, quantities in self.receipts:
            if rday <= day:
                for no, qty in quantities.items():
                    got[no] += qty
        if all(got[ln.line_no] >= ln.quantity for ln in self.lines):
            return "received"
        if any(v > 0 for v in got.values()):
            return "partially_received"
        return "open"


# ---------------------------------------------------------------------------- documents


@dataclass
class Line:
    description: str
    sku: str | None
    quantity: Decimal
    unit: str
    unit_price: Decimal
    rate: Decimal

    @property
    def amount(self) -> Decimal:
        return money(self.quantity * self.unit_price)


@dataclass
class Doc:
    """What a document prints. Totals follow from the lines unless a case overrides them."""

    kind: DocKind
    number: str
    day: int
    seller: Party
    buyer: Party | None
    lang: Lang
    lines: list[Line]
    po_number: str | None = None
    currency: str = "EUR"
    terms_days: int | None = 30
    regime: Regime = "domestic"
    notes: list[str] = field(default_factory=list)
    reference: str | None = None
    """The invoice a credit note, reminder or final invoice refers to."""
    prices_gross: bool = False
    """Unit prices and line amounts include VAT (the totals still show net and VAT)."""
    deductions: list[tuple[str, Decimal]] = field(default_factory=list)
    """Amounts deducted below the totals (a prepayment): label, net amount (VAT deducted with it)."""
    prepaid: Decimal | None = None
    """Already paid (by card): the amount due is the gross less this."""
    net_override: Decimal | None = None
    tax_override: Decimal | None = None
    gross_override: Decimal | None = None
    payee: Party | None = None
    """Bank details printed when someone else than the seller is paid (a factor)."""
    statement_rows: list[tuple[str, int, Decimal]] = field(default_factory=list)
    """A statement's or reminder's rows: document number, day, amount."""

    def tax_by_rate(self) -> dict[Decimal, tuple[Decimal, Decimal]]:
        """rate -> (net, VAT) of the lines, VAT on each rate's net."""
        out: dict[Decimal, tuple[Decimal, Decimal]] = {}
        for rate in sorted({ln.rate for ln in self.lines}, reverse=True):
            if self.prices_gross:
                gross = sum((ln.amount for ln in self.lines if ln.rate == rate), Decimal(0))
                net = money(gross / (1 + rate / 100))
                out[rate] = (net, gross - net)
            else:
                net = sum((ln.amount for ln in self.lines if ln.rate == rate), Decimal(0))
                out[rate] = (net, money(net * rate / 100))
        for _label, amount in self.deductions:
            rate = max(out) if out else Decimal(0)
            n, t = out.get(rate, (Decimal(0), Decimal(0)))
            out[rate] = (n - amount, t - money(amount * rate / 100))
        return out

    @property
    def net(self) -> Decimal:
        if self.net_override is not None:
            return self.net_override
        return sum((n for n, _ in self.tax_by_rate().values()), Decimal(0))

    @property
    def tax(self) -> Decimal:
        if self.tax_override is not None:
            return self.tax_override
        return sum((t for _, t in self.tax_by_rate().values()), Decimal(0))

    @property
    def gross(self) -> Decimal:
        if self.gross_override is not None:
            return self.gross_override
        return self.net + self.tax

    @property
    def due(self) -> Decimal:
        return self.gross - (self.prepaid or Decimal(0))


# ---------------------------------------------------------------------------- the company

_CATALOGUE: list[tuple[str, str, str, str, str]] = [
    # (de, en, fr, unit, price range) -- generic goods an SME buys
    (
        "Kabelbinder 200 mm schwarz",
        "Cable ties 200 mm black",
        "Colliers de serrage 200 mm noirs",
        "C62",
        "0.20-0.60",
    ),
    (
        "Schutzhandschuhe Nitril Gr. 9",
        "Nitrile safety gloves size 9",
        "Gants de protection nitrile T9",
        "C62",
        "2-6",
    ),
    ("Druckerpapier A4 80 g", "Printer paper A4 80 gsm", "Papier imprimante A4 80 g", "C62", "3-7"),
    (
        "Sechskantschraube M8x40 verzinkt",
        "Hex bolt M8x40 zinc plated",
        "Vis tête hexagonale M8x40 zinguée",
        "C62",
        "0.08-0.30",
    ),
    ("Kupferrohr 15 mm, 5 m", "Copper pipe 15 mm, 5 m", "Tube cuivre 15 mm, 5 m", "C62", "18-40"),
    ("Akku-Bohrschrauber 18 V", "Cordless drill 18 V", "Perceuse-visseuse sans fil 18 V", "C62", "90-180"),
    ("Klebeband 50 mm x 66 m", "Packing tape 50 mm x 66 m", "Ruban adhésif 50 mm x 66 m", "C62", "1.5-4"),
    ("LED-Röhre 120 cm 18 W", "LED tube 120 cm 18 W", "Tube LED 120 cm 18 W", "C62", "6-14"),
    (
        "Reinigungstücher Spender",
        "Cleaning wipes dispenser",
        "Lingettes nettoyantes distributeur",
        "C62",
        "5-12",
    ),
    (
        "Sicherheitsschuhe S3 Gr. 43",
        "Safety shoes S3 size 43",
        "Chaussures de sécurité S3 T43",
        "C62",
        "45-90",
    ),
    ("Kaffee Bohnen 1 kg", "Coffee beans 1 kg", "Café en grains 1 kg", "C62", "12-22"),
    (
        "Fachbuch Elektroinstallation",
        "Handbook electrical installation",
        "Manuel installation électrique",
        "C62",
        "25-60",
    ),
    ("Silikon transparent 310 ml", "Silicone clear 310 ml", "Silicone transparent 310 ml", "C62", "3-8"),
    ("Wasserpumpenzange 250 mm", "Water pump pliers 250 mm", "Pince multiprise 250 mm", "C62", "12-28"),
    ("Lagerregal 2000x1000x500", "Shelving unit 2000x1000x500", "Rayonnage 2000x1000x500", "C62", "80-160"),
    ("Isolierband 19 mm", "Insulating tape 19 mm", "Ruban isolant 19 mm", "C62", "0.8-2"),
]
_REDUCED = {"Kaffee Bohnen 1 kg", "Fachbuch Elektroinstallation"}
"""Goods at the German reduced rate (food, books)."""

_VENDOR_NAMES: dict[str, list[str]] = {
    "DE": [
        "Brandt Industriebedarf GmbH",
        "Hoffmann & Söhne KG",
        "Weber Technik GmbH",
        "Schulte Bürowelt e.K.",
        "Krämer Werkzeughandel GmbH",
        "Lindner Elektro GmbH & Co. KG",
    ],
    "AT": ["Huber Handels GmbH", "Gruber Technik GmbH", "Steiner Industriebedarf GesmbH"],
    "FR": ["Fournitures Durand SARL", "Martin Équipements SAS", "Outillage Lefèvre SA"],
    "NL": ["De Vries Supplies B.V.", "Jansen Tools B.V.", "Bakker Industrial B.V."],
}
_STREETS = {
    "DE": (
        "Industriestraße {n}",
        "{pc} Bielefeld",
        ["Lagerweg {n}", "Am Hafen {n}"],
        ["{pc} Dortmund", "{pc} Kassel"],
    ),
    "AT": ("Gewerbepark {n}", "{pc} Linz", ["Hauptstraße {n}"], ["{pc} Graz"]),
    "FR": ("{n} rue de l'Industrie", "{pc} Lyon", ["{n} avenue Jean Jaurès"], ["{pc} Lille"]),
    "NL": ("Havenweg {n}", "{pc} Utrecht", ["Industrieweg {n}"], ["{pc} Eindhoven"]),
}
_BICS = {"DE": "COBADEFFXXX", "AT": "BKAUATWWXXX", "FR": "BNPAFRPPXXX", "NL": "INGBNL2AXXX"}
_BUYERS = [
    ("Kessler Haustechnik GmbH", "Kessler Haustechnik Service GmbH", "Kessler Gebäudetechnik GmbH"),
    ("Vogel Anlagenbau GmbH", "Vogel Anlagenbau Montage GmbH", "Vogel Maschinenbau GmbH"),
    ("Richter Logistik GmbH", "Richter Logistik Nord GmbH", "Richter Spedition GmbH"),
]
"""(our name, a sister company's name, our former name)."""


def _postcode(rng: random.Random, country: str) -> str:
    if country in ("DE", "FR"):
        return f"{rng.randint(10000, 99999)}"
    if country == "NL":
        return f"{rng.randint(1000, 9999)} {rng.choice('ABCDEFGH')}{rng.choice('JKLMNPRS')}"
    return f"{rng.randint(1000, 9999)}"


def _address(rng: random.Random, country: str, *, other: bool = False) -> tuple[str, str]:
    street, city, streets, cities = _STREETS[country]
    if other:
        street, city = rng.choice(streets), rng.choice(cities)
    return street.format(n=rng.randint(1, 180)), city.format(pc=_postcode(rng, country))


class Company:
    """The buyer, six vendors with items, and every PO and receipt the cases add."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.rng = random.Random(f"decisions2-{seed}")
        rng = self.rng
        ours, sister, former = rng.choice(_BUYERS)
        street, city = _address(rng, "DE")
        self.buyer = Party(ours, street, city, "DE", vat_id=vat_id(rng, "DE"))
        s_street, s_city = _address(rng, "DE", other=True)
        self.sister = Party(sister, s_street, s_city, "DE", vat_id=vat_id(rng, "DE"))
        """A sister company: another legal entity of the group, its own VAT id and address."""
        self.former_name = former
        self.vendors: list[Vendor] = []
        plan: list[tuple[str, Lang, Regime, Literal["pdf", "ubl"], str, bool]] = [
            ("DE", "de", "domestic", "pdf", "RE-{year}-{n:05d}", False),
            ("DE", "de", "domestic", "ubl", "{year}{n:06d}", False),
            ("DE", "de", "domestic", "pdf", "R{n:03d}", True),
            ("AT", "de", "intra_eu", "pdf", "AR{n:05d}", False),
            ("FR", "fr", "intra_eu", "pdf", "FA-{n:06d}", False),
            ("NL", "en", "intra_eu", "pdf", "INV{year}-{n:04d}", False),
            ("DE", "de", "domestic", "pdf", "{year}-{n:04d}", False),
        ]
        catalogue = list(_CATALOGUE)
        rng.shuffle(catalogue)
        for index, (country, lang, regime, fmt, numbering, restarts) in enumerate(plan):
            name = rng.choice(_VENDOR_NAMES[country])
            while any(v.party.name == name for v in self.vendors):
                name = rng.choice(_VENDOR_NAMES[country])
            street, city = _address(rng, country)
            party = Party(
                name,
                street,
                city,
                country,
                vat_id=vat_id(rng, country),
                iban=iban(rng, country),
                bic=_BICS[country],
            )
            vendor = Vendor(
                erp_id=f"V{20100 + index * 7}",
                party=party,
                lang=lang,
                regime=regime,
                fmt=fmt,
                number_format=numbering,
                restarts_yearly=restarts,
                terms_days=rng.choice((14, 30, 30, 45)),
                counter=rng.randint(40, 400) if not restarts else rng.randint(30, 60),
                year=BASE_DATE.year,
            )
            for k in range(3):
                de, en, fr, unit, prices = catalogue[(index * 3 + k) % len(catalogue)]
                low, high = (Decimal(x) for x in prices.split("-"))
                price = money(low + (high - low) * Decimal(rng.randint(0, 100)) / 100)
                rate = Decimal(7) if de in _REDUCED else Decimal(19)
                vendor.items.append(
                    Item(
                        f"M-{rng.randint(100000, 999999)}", {"de": de, "en": en, "fr": fr}, unit, price, rate
                    )
                )
            self.vendors.append(vendor)
        self.blocked = self.vendors.pop()
        """A vendor with a clean history that the ERP deactivates later; no other case uses it (a vendor
        gone from the export takes its POs with it)."""
        self.pos: list[PurchaseOrder] = []
        self._po_seq = rng.randint(1000, 5000)
        self.carton_items: dict[str, int] = {}
        """SKU -> pieces per carton, for items the ERP orders in cartons without a conversion factor."""

    # -------------------------------------------------------------- purchasing

    def new_po(
        self,
        vendor: Vendor,
        day: int,
        *,
        lines: int = 2,
        budget: Decimal = Decimal("1400"),
        unit: str | None = None,
    ) -> PurchaseOrder:
        """A PO of 1-3 of the vendor's items whose net stays under `budget`."""
        self._po_seq += 1 + self.rng.randint(0, 3)
        items = self.rng.sample(vendor.items, min(lines, len(vendor.items)))
        po_lines: list[POLine] = []
        share = budget / len(items)
        for no, item in enumerate(items, start=1):
            most = max(1, int(share * Decimal("0.8") / item.price))
            qty = Decimal(self.rng.randint(max(1, most // 3), max(1, most)))
            rate, code = vendor.tax(item)
            po_lines.append(POLine(no * 10, item, qty, item.price, rate, code, unit or item.unit))
        po = PurchaseOrder(f"45{self._po_seq:08d}", vendor, day, po_lines)
        self.pos.append(po)
        return po

    def receive(self, po: PurchaseOrder, day: int) -> None:
        po.receipts.append((day, {ln.line_no: ln.quantity for ln in po.lines}))

    # -------------------------------------------------------------- the export

    def export(self, day: int) -> dict[str, list[dict[str, str]]]:
        vendors = [
            v for v in [*self.vendors, self.blocked] if v.active_until is None or day <= v.active_until
        ]
        active = {v.erp_id for v in vendors}
        pos = [po for po in self.pos if po.day <= day and po.vendor.erp_id in active]
        receipts = [(po, i, r) for po in pos for i, r in enumerate(po.receipts) if r[0] <= day]
        tables: dict[str, list[dict[str, str]]] = {
            "vendors": [
                {
                    "erp_id": v.erp_id,
                    "name": v.party.name,
                    "vat_id": v.party.vat_id or "",
                    "iban": v.party.iban or "",
                    "address": f"{v.party.street}, {v.party.city}, {v.party.country}",
                    "currency": "EUR",
                    "payment_terms_days": str(v.terms_days),
                }
                for v in vendors
            ],
            "items": [
                {
                    "erp_id": f"I-{i.sku}",
                    "sku": i.sku,
                    "name": i.names["de"],
                    "unit": i.unit,
                    "unit_cost": format(i.price, "f"),
                    "pack_size": "",
                    "preferred_vendor_erp_id": v.erp_id,
                }
                for v in vendors
                for i in v.items
            ],
            "purchase_orders": [
                {
                    "erp_id": f"PO-{po.number}",
                    "number": po.number,
                    "vendor_erp_id": po.vendor.erp_id,
                    "order_date": day_date(po.day).isoformat(),
                    "currency": "EUR",
                    "status": po.status(day),
                }
                for po in pos
            ],
            "purchase_order_lines": [
                {
                    "po_number": po.number,
                    "line_no": str(ln.line_no),
                    "sku": ln.item.sku,
                    "description": ln.item.names["de"],
                    "quantity": format(ln.quantity, "f"),
                    "unit": ln.unit,
                    "unit_price": format(ln.unit_price, "f"),
                    "tax_rate": format(ln.tax_rate, "f"),
                    "tax_code": ln.tax_code,
                    "stock_unit": "",
                    "conversion_factor": "",
                }
                for po in pos
                for ln in po.lines
            ],
            "goods_receipts": [
                {
                    "erp_id": f"GR-{po.number}-{i}",
                    "number": f"WE{po.number[-6:]}{i}",
                    "po_number": po.number,
                    "received_date": day_date(r[0]).isoformat(),
                }
                for po, i, r in receipts
            ],
            "goods_receipt_lines": [
                {"receipt_erp_id": f"GR-{po.number}-{i}", "po_line_no": str(no), "quantity": format(qty, "f")}
                for po, i, r in receipts
                for no, qty in r[1].items()
            ],
            "companies": [  # the ERP's company record: who we are (our former name as an alias)
                {
                    "erp_id": "C1",
                    "name": self.buyer.name,
                    "aliases": self.former_name,
                    "vat_ids": self.buyer.vat_id or "",
                    "address": f"{self.buyer.street}, {self.buyer.city}, {self.buyer.country}",
                }
            ],
        }
        return tables

    def write_export(self, folder: Path, day: int) -> bool:
        folder.mkdir(parents=True, exist_ok=True)
        changed = False
        for name, rows in self.export(day).items():
            out = io.StringIO()
            writer = csv.DictWriter(out, fieldnames=list(EXPORT_COLUMNS[name]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
            path = folder / f"{name}.csv"
            if not path.exists() or path.read_text(encoding="utf-8") != out.getvalue():
                path.write_text(out.getvalue(), encoding="utf-8")
                changed = True
        return changed

    # -------------------------------------------------------------- documents

    def invoice_for(
        self, po: PurchaseOrder, day: int, *, kind: DocKind = "invoice", number: str | None = None
    ) -> Doc:
        """The vendor's correct invoice for the whole PO."""
        vendor = po.vendor
        lines = [
            Line(ln.item.names[vendor.lang], ln.item.sku, ln.quantity, ln.unit, ln.unit_price, ln.tax_rate)
            for ln in po.lines
        ]
        return Doc(
            kind=kind,
            number=number or vendor.next_number(day),
            day=day,
            seller=vendor.party,
            buyer=self.buyer,
            lang=vendor.lang,
            lines=lines,
            po_number=po.number,
            terms_days=vendor.terms_days,
            regime=vendor.regime,
        )
