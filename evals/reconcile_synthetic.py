"""Generated ERP worlds and labelled invoices, for the reconciler-logic eval (evals/reconcile_logic.py:
a few hundred cases with known injected exceptions, handed to `reconcile_invoice` as extractions) and
the benchmark (evals/bench_reconcile.py: up to millions of PO lines). Seeded: the same seed gives the
same data. A test-data generator: it lives with the evals, not in the product package.

The generator writes realistic variation into every case (lines without SKUs, reworded
descriptions, PO numbers in other formats, names in other case or legal form), so the reconciler
is scored on the general case, not on the generator's own spelling.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from opsloop.domain.erp import (
    ExceptionType,
    PriorInvoiceRecord,
    PurchaseOrderLineRecord,
    PurchaseOrderRecord,
    ReceiptLineRecord,
    VendorRecord,
)
from opsloop.domain.invoices import DocumentType, InvoiceExtraction, InvoiceLineExtraction, VendorExtraction
from opsloop.reconcile.mirror import Mirror, gc_paused

CENT = Decimal("0.01")
_SYLLABLES = [
    "ka",
    "ro",
    "mi",
    "te",
    "su",
    "la",
    "ne",
    "vo",
    "ri",
    "da",
    "mo",
    "ze",
    "li",
    "po",
    "ta",
    "be",
    "ga",
    "nu",
    "fi",
    "sa",
    "ko",
]
_SUFFIXES = ["GmbH", "AG", "Ltd", "SA", "B.V.", "S.r.l.", "Inc.", "Oy", "KG", "SAS"]
_TRADES = [
    "Fasteners",
    "Logistik",
    "Chemicals",
    "Packaging",
    "Electronics",
    "Tools",
    "Textiles",
    "Metals",
    "Plastics",
    "Office Supply",
    "Industrial",
    "Foods",
    "Print",
    "Hydraulics",
    "Cables",
]
_NOUNS = [
    "bolt",
    "nut",
    "washer",
    "cable",
    "glove",
    "valve",
    "pump",
    "hose",
    "filter",
    "bearing",
    "label",
    "carton",
    "pallet",
    "sensor",
    "relay",
    "fuse",
    "switch",
    "gasket",
    "drill bit",
    "screw",
    "clamp",
    "bracket",
    "tape",
    "resin",
    "solvent",
    "toner",
    "paper",
    "motor",
    "belt",
    "chain",
]
_ADJECTIVES = [
    "steel",
    "brass",
    "nylon",
    "copper",
    "stainless",
    "heavy-duty",
    "galvanised",
    "black",
    "white",
    "industrial",
    "precision",
    "flexible",
    "insulated",
    "reinforced",
    "coated",
]
_SIZES = ["M6", "M8", "M10", "12 mm", "25 mm", "1/2 in", "size L", "size M", "500 ml", "5 kg", "10 m", "A4"]
_CATEGORIES = ["hardware", "hardware", "hardware", "bulk", "safety", "office", "energy", "services"]


def _vendor_name(rng: random.Random) -> str:
    stem = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    return f"{stem} {rng.choice(_TRADES)} {rng.choice(_SUFFIXES)}"


def _vat(rng: random.Random, index: int) -> str:
    return f"DE{100000000 + index * 7 + rng.randint(0, 6):09d}"


def _iban(index: int, salt: int = 0) -> str:
    return f"DE{(index * 31 + salt) % 97:02d}{370400440000000000 + index * 13 + salt * 100003:018d}"


def _description(rng: random.Random) -> str:
    return f"{rng.choice(_ADJECTIVES).capitalize()} {rng.choice(_NOUNS)} {rng.choice(_SIZES)}"


def _reword(rng: random.Random, text: str) -> str:
    """How a vendor's invoice might print the buyer's PO description."""
    choice = rng.random()
    if choice < 0.3:
        return text.upper()
    if choice < 0.6:
        return text.replace(" ", "  ").lower() + rng.choice(["", " pcs", ", zinc", " (pack)"])
    return text


def _vary_po_number(rng: random.Random, number: str) -> str:
    digits = number.split("-")[-1]
    return rng.choice([number, number.lower(), f"PO {digits}", f"PO-{int(digits)}", f"#{number}", digits])


def _vary_name(rng: random.Random, name: str) -> str:
    choice = rng.random()
    if choice < 0.3:
        return name.upper()
    if choice < 0.55:
        return name.rsplit(" ", 1)[0]
    if choice < 0.75:
        return name.replace(" ", "  ") + "."
    return name


def _typo(rng: random.Random, name: str) -> str:
    chars = list(name)
    positions = [i for i, c in enumerate(chars) if c.isalpha()]
    i = rng.choice(positions[2:]) if len(positions) > 3 else positions[0]
    if rng.random() < 0.5:
        del chars[i]
    else:
        chars[i], chars[i - 1] = chars[i - 1], chars[i]
    return "".join(chars)


def _money(rng: random.Random, low: int, high: int) -> Decimal:
    return (Decimal(rng.randint(low, high)) / 100).quantize(CENT)


@dataclass
class Scenario:
    """One labelled invoice: what it is, and which exceptions it must raise (none: it must pass)."""

    name: str
    invoice: InvoiceExtraction
    document_id: int
    expected: frozenset[ExceptionType]
    text_hash: str | None = None


@dataclass
class ScenarioSet:
    mirror: Mirror
    scenarios: list[Scenario] = field(default_factory=list)


CASE_KINDS: tuple[tuple[str, int], ...] = (
    ("exact_match", 6),
    ("price_within_tolerance", 3),
    ("fuzzy_vendor_name", 2),
    ("po_inferred", 2),
    ("po_number_reformatted", 2),
    ("partial_invoice", 2),
    ("price_variance", 3),
    ("over_invoiced", 2),
    ("not_received", 2),
    ("quantity_variance", 2),
    ("missing_po", 2),
    ("unknown_vendor", 2),
    ("iban_changed", 2),
    ("vat_mismatch", 1),
    ("duplicate_number", 2),
    ("duplicate_amount", 2),
    ("duplicate_text", 1),
    ("currency_mismatch", 2),
    ("total_variance", 2),
    ("credit_note_linked", 1),
    ("credit_note_unlinked", 1),
)


class _World:
    def __init__(self, rng: random.Random, vendors: int) -> None:
        self.rng = rng
        self.mirror = Mirror()
        self.names: set[str] = set()
        self.next_po = 1
        self.next_line = 1
        self.next_doc = 1
        for index in range(1, vendors + 1):
            self.add_vendor(index)

    def add_vendor(self, index: int) -> VendorRecord:
        name = _vendor_name(self.rng)
        while name in self.names:
            name = _vendor_name(self.rng)
        self.names.add(name)
        vendor = VendorRecord(index, f"V{index:06d}", name, _vat(self.rng, index), _iban(index), "EUR")
        self.mirror.add_vendor(vendor)
        return vendor

    def add_po(
        self, vendor: VendorRecord, lines: int, order_date: date, *, receipt: str = "full"
    ) -> tuple[PurchaseOrderRecord, list[PurchaseOrderLineRecord]]:
        rng = self.rng
        po = PurchaseOrderRecord(self.next_po, f"PO-{self.next_po:07d}", vendor.id, "EUR", "open", order_date)
        self.next_po += 1
        self.mirror.add_purchase_order(po)
        made: list[PurchaseOrderLineRecord] = []
        descriptions: set[str] = set()
        for line_no in range(1, lines + 1):
            description = _description(rng)
            while description in descriptions:
                description = _description(rng)
            descriptions.add(description)
            category = rng.choice(_CATEGORIES)
            quantity = Decimal(rng.randint(2, 200))
            line = PurchaseOrderLineRecord(
                self.next_line,
                po.id,
                line_no,
                quantity,
                _money(rng, 50, 50000),
                f"SKU-{rng.randint(10000, 99999)}-{line_no}",
                description,
                category,
                "C62",
            )
            self.next_line += 1
            self.mirror.add_po_line(line)
            made.append(line)
            if receipt == "full":
                self.mirror.add_receipt_line(
                    ReceiptLineRecord(line.id, quantity, order_date + timedelta(days=5))
                )
            elif receipt == "partial":
                got = max(Decimal(1), (quantity * Decimal(rng.randint(30, 80)) / 100).to_integral_value())
                self.mirror.add_receipt_line(ReceiptLineRecord(line.id, got, order_date + timedelta(days=5)))
        return po, made

    def doc(self) -> int:
        self.next_doc += 1
        return self.next_doc


def _invoice(
    rng: random.Random,
    vendor: VendorRecord,
    po: PurchaseOrderRecord,
    lines: list[PurchaseOrderLineRecord],
    number: str,
    invoice_date: date,
    *,
    quantities: list[Decimal] | None = None,
    prices: list[Decimal] | None = None,
    sku_rate: float = 0.75,
    name: str | None = None,
    vat: str | None = "same",
    iban: str | None = "same",
    po_numbers: list[str] | None = None,
    currency: str = "EUR",
    surcharge: Decimal = Decimal(0),
    document_type: DocumentType = DocumentType.INVOICE,
) -> InvoiceExtraction:
    invoice_lines = []
    for i, line in enumerate(lines):
        quantity = quantities[i] if quantities else line.quantity
        price = prices[i] if prices else line.unit_price
        invoice_lines.append(
            InvoiceLineExtraction(
                description=_reword(rng, line.description or ""),
                sku=line.sku if rng.random() < sku_rate else None,
                quantity=quantity,
                unit_price=price,
                amount=(quantity * price).quantize(CENT),
            )
        )
    subtotal = sum((x.amount for x in invoice_lines if x.amount is not None), Decimal(0)) + surcharge
    tax = (subtotal * Decimal("0.19")).quantize(CENT)
    return InvoiceExtraction(
        document_type=document_type,
        extraction_method="synthetic",
        vendor=VendorExtraction(
            name=name if name is not None else _vary_name(rng, vendor.name),
            vat_id=vendor.vat_id if vat == "same" else vat,
            iban=vendor.iban if iban == "same" else iban,
        ),
        invoice_number=number,
        invoice_date=invoice_date,
        po_numbers=po_numbers if po_numbers is not None else [_vary_po_number(rng, po.number)],
        currency=currency,
        subtotal=subtotal,
        tax_total=tax,
        total=subtotal + tax,
        lines=invoice_lines,
    )


def generate_scenarios(seed: int = 6, cases: int = 400, vendors: int = 250) -> ScenarioSet:
    """A mirror and `cases` labelled invoices; each case has its own PO, so cases do not interact."""
    rng = random.Random(seed)
    world = _World(rng, vendors)
    kinds = [k for k, weight in CASE_KINDS for _ in range(weight)]
    result = ScenarioSet(world.mirror)
    start = date(2026, 1, 5)
    E = ExceptionType
    for case in range(cases):
        kind = kinds[case % len(kinds)] if case < len(kinds) else rng.choice(kinds)
        vendor = world.mirror.vendors[rng.randint(1, vendors)]
        order_date = start + timedelta(days=rng.randint(0, 300))
        invoice_date = order_date + timedelta(days=rng.randint(6, 20))
        receipt = {"not_received": "none", "quantity_variance": "partial"}.get(kind, "full")
        po, lines = world.add_po(vendor, rng.randint(1, 6), order_date, receipt=receipt)
        number = f"{rng.choice(['INV', 'RE', 'F', 'R'])}-{2026}-{case + 1:05d}"
        doc = world.doc()
        expected: set[ExceptionType] = set()
        args: dict[str, object] = {}
        text_hash = f"text-{seed}-{case}"
        if kind == "price_within_tolerance":
            args["prices"] = [(pl.unit_price * Decimal("1.01")).quantize(CENT) for pl in lines]
        elif kind == "fuzzy_vendor_name":
            args.update(name=_typo(rng, vendor.name), vat=None, iban=None)
        elif kind == "po_inferred":
            args["po_numbers"] = []
        elif kind == "po_number_reformatted":
            args["po_numbers"] = [po.number.replace("PO-", "po ").replace("-", "")]
        elif kind == "partial_invoice":
            args["quantities"] = [max(Decimal(1), (pl.quantity / 2).to_integral_value()) for pl in lines]
        elif kind == "price_variance":
            bump = Decimal(rng.choice(["1.15", "1.25", "1.5"]))  # beyond any category tolerance
            args["prices"] = [
                (pl.unit_price * (bump if i == 0 else 1)).quantize(CENT) for i, pl in enumerate(lines)
            ]
            if (args["prices"][0] - lines[0].unit_price) > 0:  # type: ignore[index]
                expected.add(E.PRICE_VARIANCE)
        elif kind == "over_invoiced":
            extra = (lines[0].quantity / 10).to_integral_value() + rng.randint(1, 20)  # beyond any tolerance
            args["quantities"] = [pl.quantity + (extra if i == 0 else 0) for i, pl in enumerate(lines)]
            expected.add(E.OVER_INVOICED)
        elif kind == "not_received":
            expected.add(E.NOT_RECEIVED)
        elif kind == "quantity_variance":
            expected.add(E.QUANTITY_VARIANCE)
        elif kind == "missing_po":
            args["po_numbers"] = [f"PO-{9000000 + case:07d}"]
            expected.add(E.MISSING_PO)
        elif kind == "unknown_vendor":
            stranger = _vendor_name(rng)
            while stranger in world.names:
                stranger = _vendor_name(rng)
            args.update(name=stranger, vat=f"FR{rng.randint(10**10, 10**11 - 1)}", iban=f"FR76{case:023d}")
            expected.add(E.UNKNOWN_VENDOR)
        elif kind == "iban_changed":
            args["iban"] = f"LT{case % 90 + 10:02d}{rng.randint(10**15, 10**16 - 1)}"
            expected.add(E.IBAN_CHANGED)
        elif kind == "vat_mismatch":
            args["vat"] = f"DE{rng.randint(900000000, 999999999)}"
            expected.add(E.VAT_MISMATCH)
        elif kind == "duplicate_number":
            world.mirror.add_invoice(
                PriorInvoiceRecord(
                    document_id=world.doc(),
                    vendor_id=vendor.id,
                    invoice_number=number.replace("-", " ").lower().replace("2026 ", "2026/000"),
                    invoice_date=invoice_date - timedelta(days=rng.randint(20, 60)),
                    total=_money(rng, 100, 99999),
                    currency="EUR",
                )
            )
            expected.add(E.DUPLICATE)
        elif kind == "duplicate_text":
            world.mirror.add_invoice(PriorInvoiceRecord(document_id=world.doc(), text_hash=text_hash))
            expected.add(E.DUPLICATE)
        elif kind == "currency_mismatch":
            args["currency"] = rng.choice(["USD", "GBP", "CHF"])
            expected.add(E.CURRENCY_MISMATCH)
        elif kind == "total_variance":
            args["surcharge"] = _money(rng, 1500, 20000)
            expected.add(E.TOTAL_VARIANCE)
        invoice = _invoice(rng, vendor, po, lines, number, invoice_date, **args)  # type: ignore[arg-type]
        if kind == "duplicate_amount":
            world.mirror.add_invoice(
                PriorInvoiceRecord(
                    document_id=world.doc(),
                    vendor_id=vendor.id,
                    invoice_number=f"OTHER-{case}",
                    invoice_date=invoice_date - timedelta(days=rng.randint(0, 5)),
                    total=invoice.total,
                    currency="EUR",
                )
            )
            expected.add(E.DUPLICATE)
        if kind.startswith("credit_note"):
            original = _invoice(rng, vendor, po, lines, f"{number}-O", invoice_date - timedelta(days=10))
            if kind == "credit_note_linked":
                world.mirror.add_invoice(
                    PriorInvoiceRecord(
                        document_id=world.doc(),
                        vendor_id=vendor.id,
                        invoice_number=original.invoice_number,
                        invoice_date=original.invoice_date,
                        total=original.total,
                        currency="EUR",
                        po_numbers=(po.number,),
                    )
                )
            else:
                expected.add(E.UNLINKED_CREDIT_NOTE)
            first = lines[0]
            credit_qty = -max(Decimal(1), (first.quantity / 10).to_integral_value())
            invoice = _invoice(
                rng,
                vendor,
                po,
                [first],
                f"CN-{case:05d}",
                invoice_date,
                quantities=[credit_qty],
                document_type=DocumentType.CREDIT_NOTE,
                po_numbers=[po.number] if kind == "credit_note_linked" else [],
            )
        result.scenarios.append(Scenario(kind, invoice, doc, frozenset(expected), text_hash))
    return result


# --------------------------------------------------------------------------- benchmark data


@dataclass
class BenchRecords:
    """The ERP records of a benchmark mirror, before they are indexed."""

    vendors: list[VendorRecord]
    orders: list[PurchaseOrderRecord]
    lines: list[PurchaseOrderLineRecord]
    order_vendors: list[tuple[int, int]]
    """(po id, vendor id) pairs, one invoice each."""

    def receipts(self) -> Iterator[ReceiptLineRecord]:
        """Every line received (one in ten only half), generated as the mirror reads them."""
        for line in self.lines:
            received = line.quantity if line.id % 10 else _HALVES[int(line.quantity)]
            yield ReceiptLineRecord(line.id, received)


_QUANTITIES = [Decimal(i) for i in range(201)]
"""One Decimal per quantity (a million lines share 199 values): the same numbers as Decimal(i)."""
_HALVES = [(q / 2).to_integral_value() for q in _QUANTITIES]


def generate_bench_records(po_lines: int, seed: int = 1) -> BenchRecords:
    """About `po_lines` PO lines (10 per PO on average, one vendor per 100 lines)."""
    rng = random.Random(seed)
    vendor_count = max(1, po_lines // 100)
    vendors = [
        VendorRecord(
            index,
            f"V{index:07d}",
            f"Vendor {index} {rng.choice(_TRADES)} GmbH",
            f"DE{index:09d}",
            _iban(index),
            "EUR",
        )
        for index in range(1, vendor_count + 1)
    ]
    orders: list[PurchaseOrderRecord] = []
    lines: list[PurchaseOrderLineRecord] = []
    order_vendors: list[tuple[int, int]] = []
    line_id = 0
    po_id = 0
    day0 = date(2025, 1, 1)
    days = [day0 + timedelta(days=d) for d in range(365)]
    prices = [_money(rng, 50, 50000) for _ in range(997)]
    randint = rng.randint
    with gc_paused():
        while line_id < po_lines:
            po_id += 1
            vendor_id = randint(1, vendor_count)
            orders.append(
                PurchaseOrderRecord(po_id, f"PO-{po_id:08d}", vendor_id, "EUR", "open", days[po_id % 365])
            )
            order_vendors.append((po_id, vendor_id))
            for line_no in range(1, randint(5, 15) + 1):
                line_id += 1
                lines.append(
                    PurchaseOrderLineRecord(
                        line_id,
                        po_id,
                        line_no,
                        _QUANTITIES[randint(2, 200)],
                        prices[line_id % 997],
                        f"S{line_id:08d}",
                        None,
                        "hardware",
                    )
                )
    return BenchRecords(vendors, orders, lines, order_vendors)


def generate_bench_mirror(po_lines: int, seed: int = 1) -> tuple[Mirror, list[tuple[int, int]]]:
    """A mirror with about `po_lines` PO lines (10 per PO on average, one vendor per 100 lines),
    every line received (one in ten only in part). Returns the mirror and (po id, vendor id) pairs."""
    records = generate_bench_records(po_lines, seed)
    mirror = Mirror.from_records(records.vendors, records.orders, records.lines, records.receipts())
    return mirror, records.order_vendors


def generate_bench_invoices(
    mirror: Mirror, orders: list[tuple[int, int]], seed: int = 2
) -> Iterator[tuple[InvoiceExtraction, int]]:
    """One invoice per PO (lazily, so 100k invoices need not sit in memory): every line at its PO
    price and received quantity; one in twenty with a price variance on its first line."""
    rng = random.Random(seed)
    for number, (po_id, vendor_id) in enumerate(orders, start=1):
        vendor = mirror.vendors[vendor_id]
        po = mirror.orders[po_id]
        lines = []
        for i, line in enumerate(mirror.po_lines(po_id)):
            quantity = mirror.received_qty(line.id)
            price = line.unit_price * Decimal("1.2") if (i == 0 and number % 20 == 0) else line.unit_price
            lines.append(
                InvoiceLineExtraction(
                    sku=line.sku, quantity=quantity, unit_price=price, amount=quantity * price
                )
            )
        subtotal = sum((x.amount for x in lines if x.amount is not None), Decimal(0))
        yield (
            InvoiceExtraction(
                vendor=VendorExtraction(name=vendor.name, vat_id=vendor.vat_id, iban=vendor.iban),
                invoice_number=f"B-{number:08d}",
                invoice_date=date(2026, 1, 1) + timedelta(days=rng.randint(0, 364)),
                po_numbers=[po.number],
                currency="EUR",
                subtotal=subtotal,
                total=subtotal,
                lines=lines,
            ),
            number,
        )
