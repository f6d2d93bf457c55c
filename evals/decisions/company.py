"""A generated company: the buyer, its vendors and items, purchase orders and goods receipts over
time, and the ERP export the folder connector reads (docs/erp.md, "Folder connector").

Seeded and deterministic. Everything is written from AP practice, not from opsloop's code: the
only thing taken from opsloop is the documented export format, and that lives in `EXPORT_COLUMNS`
(one place: a new column is one entry there and one value in the row it belongs to).
"""

from __future__ import annotations

import csv
import io
import random
import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Literal

from evals.decisions.identifiers import COUNTRIES_WITH_IBAN, COUNTRIES_WITH_VAT, iban, vat_id
from evals.synth.model import Party, TaxCategory

WORDS: dict[str, Any] = tomllib.loads((Path(__file__).parent / "words.toml").read_text(encoding="utf-8"))
LANGS = ("de", "en", "fr", "nl", "da", "es", "it")
BASE_DATE = date(2026, 3, 2)
"""Day 0 of every generated company's timeline."""
FX = {
    "EUR": Decimal(1),
    "CHF": Decimal("0.95"),
    "GBP": Decimal("0.86"),
    "USD": Decimal("1.08"),
    "DKK": Decimal("7.46"),
}
"""Units of the vendor's currency per euro (the ERP keeps EUR standard costs; POs are in the vendor's currency)."""

Regime = Literal["domestic", "intra_eu", "export"]
SkuStyle = Literal["our_sku", "buyer_column", "po_text"]
"""How a vendor identifies our items on its invoices: our material number as its article number,
its own article number plus ours in a second column (CII BuyerAssignedID / UBL BuyersItemIdentification),
or no number at all but our PO text copied."""
Format = Literal["pdf", "ubl", "cii", "facturx"]

# The folder connector's documented columns (docs/erp.md). One place: add a column here and its value
# in the matching `_row_*` function below.
EXPORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "vendors": ("erp_id", "name", "vat_id", "iban", "address", "currency", "payment_terms_days"),
    "items": (
        "erp_id",
        "sku",
        "name",
        "category",
        "unit",
        "unit_cost",
        "pack_size",
        "preferred_vendor_erp_id",
    ),
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


def day_date(day: int) -> date:
    return BASE_DATE + timedelta(days=day)


def q(value: Decimal, decimals: int = 2) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _text(value: Decimal) -> str:
    return format(value, "f")


# ---------------------------------------------------------------------------- master data


@dataclass
class Item:
    erp_id: str
    sku: str
    key: str
    spec: str
    names: tuple[str, ...]
    unit_word: str
    unit_code: str
    price_eur: Decimal
    decimals: int
    rate: Decimal
    """The German VAT rate of the goods (19 or 7)."""
    service: bool
    category: str
    vendor_erp_id: str
    vendor_article: str
    """The vendor's own article number."""
    pack_size: int | None = None

    @property
    def erp_name(self) -> str:
        return f"{self.names[0]} {self.spec}"

    def name_in(self, lang: str) -> str:
        return f"{self.names[LANGS.index(lang)]} {self.spec}"


@dataclass
class Vendor:
    erp_id: str
    country: str
    currency: str
    locales: tuple[str, ...]
    lang: str
    party: Party
    """The vendor as it prints itself."""
    master_name: str
    """The vendor as the ERP knows it (legal form written out or abbreviated differently)."""
    regime: Regime
    home_rate: Decimal
    fmt: Format
    layout_slot: int
    sku_style: SkuStyle
    number_format: str
    terms_days: int
    trade: str
    positions: int
    """Prints a position column counting in this step (1: 1, 2, 3; 10: 10, 20, 30), or none (0)."""
    line_po_refs: bool
    """Names the PO (and PO line) on each invoice line, as e-invoices can."""
    items: list[Item] = field(default_factory=list)
    established: bool = True
    """Has earlier invoices approved by people (the company's history)."""
    in_erp: bool = True
    counter: int = 0

    @property
    def master_vat(self) -> str | None:
        return self.party.vat_id

    @property
    def master_iban(self) -> str | None:
        return self.party.iban

    def next_number(self, day: int) -> str:
        self.counter += self.counter % 7 + 1  # vendors invoice other customers in between
        d = day_date(day)
        return self.number_format.format(n=self.counter, year=d.year, yy=d.year % 100)

    def tax_for(self, item: Item) -> tuple[Decimal, TaxCategory]:
        """The correct VAT treatment of `item` sold by this vendor to the German buyer."""
        if self.regime == "domestic":
            return item.rate, "S"
        if item.service:
            return Decimal(0), "AE"
        if self.regime == "intra_eu":
            return Decimal(0), "K"
        return Decimal(0), "G"


# ---------------------------------------------------------------------------- purchasing


@dataclass
class POLine:
    line_no: int
    item: Item
    quantity: Decimal
    unit_price: Decimal
    tax_rate: Decimal
    tax_code: str
    """UNCL5305 category: S, K (intra-EU supply), AE (reverse charge), G (export)."""
    unit_word: str

    @property
    def description(self) -> str:
        return self.item.erp_name


@dataclass
class Receipt:
    erp_id: str
    number: str
    day: int
    quantities: dict[int, Decimal]
    """PO line number -> quantity received."""


@dataclass
class PurchaseOrder:
    erp_id: str
    number: str
    vendor: Vendor
    order_day: int
    lines: list[POLine]
    receipts: list[Receipt] = field(default_factory=list)
    cancelled_day: int | None = None
    closed_day: int | None = None

    @property
    def currency(self) -> str:
        return self.vendor.currency

    def line(self, line_no: int) -> POLine:
        return next(line for line in self.lines if line.line_no == line_no)

    def received(self, line_no: int, day: int) -> Decimal:
        return sum((r.quantities.get(line_no, Decimal(0)) for r in self.receipts if r.day <= day), Decimal(0))

    def status(self, day: int) -> str:
        if self.cancelled_day is not None and self.cancelled_day <= day:
            return "cancelled"
        if self.closed_day is not None and self.closed_day <= day:
            return "closed"
        received = [self.received(line.line_no, day) for line in self.lines]
        if not any(received):
            return "open"
        if all(r >= line.quantity for r, line in zip(received, self.lines, strict=True)):
            return "received"
        return "partially_received"


# ---------------------------------------------------------------------------- the company


_PO_STYLES = ("47000{n:05d}", "450{n:07d}", "PO-{yy}-{n:05d}", "{yy}0{n:05d}")
_VENDOR_ID_STYLES = ("V-{n:05d}", "K{n:06d}", "70{n:04d}")
_SKU_STYLES = ("MAT-{n:06d}", "{a:03d}-{b:04d}", "A{n:05d}")
_NUMBER_STYLES = (
    "RE-{year}-{n:05d}",
    "F{year}-{n:04d}",
    "INV-{n:06d}",
    "{year}/{n:04d}",
    "{n:07d}",
    "FA{yy}{n:05d}",
    "{yy}-{n:05d}",
    "R{n:06d}",
    "{year}-INV-{n:04d}",
)
_BUYERS = (
    "Nordwerk Anlagenbau GmbH",
    "Helmholtz Präzisionsteile GmbH",
    "Rhein-Ruhr Fördertechnik GmbH",
    "Elbtal Maschinenbau AG",
    "Südhang Gerätebau GmbH",
)
_BUYER_ADDRESSES = (
    ("Werftstraße 14", "24143", "Kiel"),
    ("Gutenbergring 3", "22848", "Norderstedt"),
    ("Am Messeplatz 7", "45131", "Essen"),
    ("Friedrichstraße 88", "01067", "Dresden"),
)
# Country mix of the vendors (the outside test had DE, FR, GB, US, NL, DK, CH; more join them).
_DIALLING = {
    "DE": 49,
    "AT": 43,
    "CH": 41,
    "FR": 33,
    "BE": 32,
    "NL": 31,
    "DK": 45,
    "GB": 44,
    "US": 1,
    "ES": 34,
    "IT": 39,
}
_COUNTRY_POOL = ("DE", "DE", "DE", "FR", "GB", "US", "NL", "DK", "CH", "AT", "BE", "ES", "IT", "DE", "FR")
_FORMATS: tuple[Format, ...] = ("ubl", "cii", "facturx", "ubl", "cii", "facturx")
_SKU_STYLE_CHOICES: tuple[SkuStyle, ...] = ("our_sku", "our_sku", "buyer_column", "po_text")


class Company:
    """The buyer, its vendors and its purchasing, built incrementally by the scenario catalogue."""

    def __init__(self, seed: int, *, vendors: int = 12) -> None:
        self.seed = seed
        self.rng = random.Random(f"company-{seed}")
        rng = self.rng
        self._po_style = rng.choice(_PO_STYLES)
        self._vendor_id_style = rng.choice(_VENDOR_ID_STYLES)
        self._sku_style = rng.choice(_SKU_STYLES)
        self.line_step = rng.choice((1, 10))
        """PO line numbering: 1, 2, 3 or 10, 20, 30 (SAP)."""
        self._po_counter = rng.randint(100, 20000)
        self._receipt_counter = rng.randint(1000, 90000)
        self._item_counter = rng.randint(1000, 80000)
        street, postcode, city = rng.choice(_BUYER_ADDRESSES)
        self.buyer = Party(
            name=rng.choice(_BUYERS),
            street=street,
            postcode=postcode,
            city=city,
            country="DE",
            vat_id=vat_id(rng, "DE"),
            email="rechnungseingang@example.com",
        )
        self.vendors: list[Vendor] = []
        self.pos: list[PurchaseOrder] = []
        countries = list(_COUNTRY_POOL[: max(vendors, 3)])
        while len(countries) < vendors:
            countries.append(rng.choice(_COUNTRY_POOL))
        rng.shuffle(countries)
        formats: list[Format] = [
            *_FORMATS[: max(2, vendors // 2)],
            *(["pdf"] * vendors),
        ][:vendors]
        rng.shuffle(formats)
        slots = rng.sample(range(64), vendors + 2)
        self._stems = rng.sample(WORDS["names"]["stems"], vendors + 1)
        trades = list(WORDS["names"]["trades"])
        rng.shuffle(trades)
        for index, (country, fmt) in enumerate(zip(countries, formats, strict=True)):
            self.vendors.append(self._vendor(index, country, fmt, slots[index], trades[index % len(trades)]))
        # one vendor the ERP knows with no history yet, one the ERP does not know at all
        self.vendors[-1].established = False
        outsider = self._vendor(vendors, rng.choice(("DE", "NL", "GB")), "pdf", slots[-1], trades[0])
        outsider.in_erp = False
        outsider.established = False
        self.outsider = outsider

    # ------------------------------------------------------------------ master data

    def _vendor(self, index: int, country: str, fmt: Format, slot: int, trade: str) -> Vendor:
        rng = self.rng
        info = WORDS["countries"][country]
        locales = tuple(info["locales"])
        lang = locales[0][:2]
        trade_word = WORDS["names"]["trades"][trade][LANGS.index(lang)]
        stem = self._stems[index]
        form = rng.choice(info["forms"])
        name = f"{stem} {trade_word} {form}"
        postcode, city = rng.choice(info["cities"])
        street = f"{rng.choice(info['streets'])} {rng.randint(1, 180)}"
        if country in ("FR", "BE", "ES", "IT") and not street[0].isdigit():
            street = f"{rng.randint(1, 180)} {rng.choice(info['streets'])}"
        party = Party(
            name=name,
            street=street,
            postcode=postcode,
            city=city,
            country=country,
            vat_id=vat_id(rng, country) if country in COUNTRIES_WITH_VAT else None,
            iban=iban(rng, country) if country in COUNTRIES_WITH_IBAN else None,
            email=f"billing@{stem.lower().replace('ø', 'o').replace('è', 'e')}.example",
            phone=f"+{_DIALLING[country]} {rng.randint(10, 999)} {rng.randint(100000, 9999999)}",
            registration=f"{rng.choice(('HRB', 'RCS', 'KvK', 'CVR', 'Company No.'))} {rng.randint(10000, 999999)}",
        )
        vendor = Vendor(
            erp_id=self._vendor_id_style.format(n=rng.randint(100, 999) * 100 + index),
            country=country,
            currency=info["currency"],
            locales=locales,
            lang=lang,
            party=party,
            master_name=_master_name(name, rng),
            regime=info["regime"],
            home_rate=Decimal(info["home_rate"]),
            fmt=fmt,
            layout_slot=slot,
            sku_style=rng.choice(_SKU_STYLE_CHOICES),
            number_format=rng.choice(_NUMBER_STYLES),
            terms_days=rng.choice((14, 30, 30, 45, 60)),
            trade=trade,
            positions=rng.choice((0, 0, 0, 1, 10)),
            line_po_refs=fmt != "pdf" and rng.random() < 0.5,
            counter=rng.randint(100, 9000),
        )
        specs = [s for s in WORDS["items"] if s["trade"] == trade]
        for spec in rng.sample(specs, min(len(specs), rng.randint(4, 6))):
            vendor.items.append(self._item(vendor, spec))
        return vendor

    def _item(self, vendor: Vendor, spec: dict[str, Any]) -> Item:
        rng = self.rng
        self._item_counter += rng.randint(1, 40)
        n = self._item_counter
        low, high = (Decimal(v) for v in spec["price"])
        price = q(low + (high - low) * Decimal(rng.random()), int(spec["decimals"]))
        unit_word, unit_code = spec["unit"]
        return Item(
            erp_id=f"I{n}",
            sku=self._sku_style.format(n=n, a=n // 10000 + 100, b=n % 10000),
            key=spec["key"],
            spec=rng.choice(spec["specs"]),
            names=tuple(spec["names"]),
            unit_word=unit_word,
            unit_code=unit_code,
            price_eur=max(price, Decimal(1).scaleb(-int(spec["decimals"]))),
            decimals=int(spec["decimals"]),
            rate=Decimal(spec["rate"]),
            service=bool(spec.get("service", False)),
            category=spec["trade"],
            vendor_erp_id=vendor.erp_id,
            vendor_article=f"{rng.choice(('A-', 'Art. ', '', 'BX-', ''))}{rng.randint(10000, 99999)}",
        )

    def price_of(self, vendor: Vendor, item: Item) -> Decimal:
        """The agreed PO price in the vendor's currency (as many decimals as the ERP keeps)."""
        return q(item.price_eur * FX[vendor.currency], item.decimals)

    def established_vendors(self) -> list[Vendor]:
        return [v for v in self.vendors if v.established and v.in_erp]

    # ------------------------------------------------------------------ purchasing

    def new_po(
        self,
        vendor: Vendor,
        lines: list[tuple[Item, Decimal]],
        order_day: int,
        *,
        prices: dict[int, Decimal] | None = None,
    ) -> PurchaseOrder:
        """A PO of `vendor` for `lines` (item, quantity) at the agreed prices (`prices` by index overrides)."""
        self._po_counter += self.rng.randint(1, 30)
        d = day_date(order_day)
        number = self._po_style.format(n=self._po_counter, yy=d.year % 100)
        po_lines = []
        for index, (item, quantity) in enumerate(lines):
            rate, category = vendor.tax_for(item)
            price = (prices or {}).get(index, self.price_of(vendor, item))
            po_lines.append(
                POLine(
                    line_no=(index + 1) * self.line_step,
                    item=item,
                    quantity=quantity,
                    unit_price=price,
                    tax_rate=rate,
                    tax_code=category,
                    unit_word=item.unit_word,
                )
            )
        po = PurchaseOrder(
            erp_id=f"PO{self._po_counter}", number=number, vendor=vendor, order_day=order_day, lines=po_lines
        )
        self.pos.append(po)
        return po

    def receive(self, po: PurchaseOrder, day: int, quantities: dict[int, Decimal] | None = None) -> Receipt:
        """A goods receipt on `day` (default: everything still open on the PO)."""
        if quantities is None:
            quantities = {
                line.line_no: line.quantity - po.received(line.line_no, 10**6)
                for line in po.lines
                if line.quantity > po.received(line.line_no, 10**6)
            }
        self._receipt_counter += self.rng.randint(1, 20)
        receipt = Receipt(
            erp_id=f"GR{self._receipt_counter}",
            number=f"50000{self._receipt_counter}",
            day=day,
            quantities=dict(quantities),
        )
        po.receipts.append(receipt)
        return receipt

    # ------------------------------------------------------------------ the export

    def export(self, day: int) -> dict[str, list[dict[str, str]]]:
        """The ERP's complete export as of the end of `day` (POs ordered and receipts posted by then)."""
        vendors = [v for v in [*self.vendors, self.outsider] if v.in_erp]
        pos = [po for po in self.pos if po.order_day <= day and po.vendor.in_erp]
        tables: dict[str, list[dict[str, str]]] = {
            "vendors": [_row_vendor(v) for v in vendors],
            "items": [_row_item(i) for v in vendors for i in v.items],
            "purchase_orders": [_row_po(po, day) for po in pos],
            "purchase_order_lines": [_row_po_line(po, line) for po in pos for line in po.lines],
            "goods_receipts": [_row_receipt(po, r) for po in pos for r in po.receipts if r.day <= day],
            "goods_receipt_lines": [
                _row_receipt_line(r, line_no, quantity)
                for po in pos
                for r in po.receipts
                if r.day <= day
                for line_no, quantity in r.quantities.items()
            ],
            "companies": [  # the ERP's company record: who we are
                {
                    "erp_id": "C1",
                    "name": self.buyer.name,
                    "vat_ids": self.buyer.vat_id or "",
                    "address": f"{self.buyer.street}, {self.buyer.postcode} {self.buyer.city}, {self.buyer.country}",
                }
            ],
        }
        return {
            name: [{c: row.get(c, "") for c in EXPORT_COLUMNS[name]} for row in rows]
            for name, rows in tables.items()
        }

    def write_export(self, folder: Path, day: int) -> bool:
        """Write the export of `day` into `folder`; True when any file changed."""
        folder.mkdir(parents=True, exist_ok=True)
        changed = False
        for name, rows in self.export(day).items():
            path = folder / f"{name}.csv"
            text = _csv_text(EXPORT_COLUMNS[name], rows)
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
                changed = True
        return changed


def _csv_text(columns: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _master_name(printed: str, rng: random.Random) -> str:
    """How an ERP clerk typed the vendor in: sometimes in capitals, sometimes without the legal form."""
    choice = rng.random()
    if choice < 0.2:
        return printed.upper()
    if choice < 0.35:
        return printed.rsplit(" ", 1)[0]
    return printed


def _row_vendor(v: Vendor) -> dict[str, str]:
    p = v.party
    return {
        "erp_id": v.erp_id,
        "name": v.master_name,
        "vat_id": p.vat_id or "",
        "iban": p.iban or "",
        "address": f"{p.street}, {p.postcode} {p.city}, {p.country}",
        "currency": v.currency,
        "payment_terms_days": str(v.terms_days),
    }


def _row_item(i: Item) -> dict[str, str]:
    return {
        "erp_id": i.erp_id,
        "sku": i.sku,
        "name": i.erp_name,
        "category": i.category,
        "unit": i.unit_word,
        "unit_cost": _text(i.price_eur),
        "pack_size": "" if i.pack_size is None else str(i.pack_size),
        "preferred_vendor_erp_id": i.vendor_erp_id,
    }


def _row_po(po: PurchaseOrder, day: int) -> dict[str, str]:
    return {
        "erp_id": po.erp_id,
        "number": po.number,
        "vendor_erp_id": po.vendor.erp_id,
        "order_date": day_date(po.order_day).isoformat(),
        "currency": po.currency,
        "status": po.status(day),
    }


def _row_po_line(po: PurchaseOrder, line: POLine) -> dict[str, str]:
    return {
        "po_number": po.number,
        "line_no": str(line.line_no),
        "sku": line.item.sku,
        "description": line.description,
        "quantity": _text(line.quantity),
        "unit": line.unit_word,
        "unit_price": _text(line.unit_price),
        "tax_rate": _text(line.tax_rate),
        "tax_code": line.tax_code,
        "stock_unit": "Stk" if line.item.pack_size else "",
        "conversion_factor": str(line.item.pack_size) if line.item.pack_size else "",
    }


def _row_receipt(po: PurchaseOrder, r: Receipt) -> dict[str, str]:
    return {
        "erp_id": r.erp_id,
        "number": r.number,
        "po_number": po.number,
        "received_date": day_date(r.day).isoformat(),
    }


def _row_receipt_line(r: Receipt, line_no: int, quantity: Decimal) -> dict[str, str]:
    return {"receipt_erp_id": r.erp_id, "po_line_no": str(line_no), "quantity": _text(quantity)}
