"""The scenario catalogue: what arrives in a generated company's inbox, and what a careful AP clerk
would do with each document.

Every class writes its own purchasing into the company (POs, receipts, closings, cancellations on
the days they happen) and one or more invoices as `SynthInvoice`s, each labelled in the eval's own
words (vocabulary.py). The labels come from the issue text and AP practice; nothing here reads how
opsloop reconciles.

A company's timeline: days 1-20 are its history (three clean invoices per established vendor,
approved by a clerk, so the autonomy policy knows them); days 24-60 are the test.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Literal

from evals.decisions.company import (
    FX,
    LANGS,
    WORDS,
    Company,
    Format,
    Item,
    POLine,
    PurchaseOrder,
    Vendor,
    day_date,
    q,
)
from evals.decisions.identifiers import COUNTRIES_WITH_VAT, format_iban, iban, vat_id
from evals.decisions.vocabulary import AUTO_LIMIT, Label
from evals.synth.model import AllowanceCharge, Line, SynthInvoice, TaxCategory

D = Decimal
HISTORY_DAYS = (1, 20)
TEST_DAYS = (24, 60)
HISTORY_PER_VENDOR = 3


@dataclass
class Case:
    id: str
    cls: str
    group: str
    vendor: Vendor
    day: int
    label: Label
    invoice: SynthInvoice
    fmt: Format
    layout_slot: int
    """Which of the renderer's layouts (modulo their number): the vendor's own unless re-rendered."""
    layout_feature: str | None = None
    """A PDF layout that prints this (`buyer_sku` column, `pos` column, `recipient_label` above the
    buyer's address) instead of the vendor's own, when the point of the case is how it is printed."""
    resend_of: str | None = None
    """Send the very file of this earlier case again (same bytes)."""
    history: bool = False
    """Part of the company's history: a clerk approves what opsloop proposes for payment."""
    observe: Literal["arrival", "end"] = "end"
    """Score what opsloop decided when the document was processed, or at the end of the timeline
    (after later receipts, credit notes and syncs)."""


@dataclass(frozen=True)
class ScenarioClass:
    name: str
    group: str
    what: str
    build: Callable[[Story], list[Case]]
    quick: bool = False
    """Part of the `--quick` smoke set."""


@dataclass
class _History:
    vendor: Vendor
    po: PurchaseOrder
    case: Case


@dataclass
class Story:
    """Builds the cases of one company: picks vendors, orders, receives and bills."""

    company: Company
    rng: random.Random
    cases: list[Case] = field(default_factory=list)
    history: list[_History] = field(default_factory=list)
    _count: int = 0
    unordered: list[tuple[Case, PurchaseOrder]] = field(default_factory=list)
    """Cases billing goods no PO in the ERP orders (the PO they came from was never entered), with it."""
    billed: dict[str, list[str]] = field(default_factory=dict)
    """Case id -> the POs its invoice bills (printed or not)."""
    _pos_of: dict[int, tuple[SynthInvoice, list[str]]] = field(default_factory=dict)

    # ------------------------------------------------------------------ choosing

    def test_day(self, room: int = 0) -> int:
        return self.rng.randint(TEST_DAYS[0], TEST_DAYS[1] - room)

    def vendor(self, where: Callable[[Vendor], bool] | None = None) -> Vendor:
        """An established vendor (one with approved history), preferring those `where` accepts."""
        pool = self.company.established_vendors()
        fitting = [v for v in pool if where is None or where(v)]
        return self.rng.choice(fitting or pool)

    def new_vendor(self) -> Vendor:
        return next(v for v in self.company.vendors if v.in_erp and not v.established)

    def take_history(self, where: Callable[[_History], bool] | None = None) -> _History:
        """An unused history invoice (and its PO), removed from the pool."""
        fitting = [h for h in self.history if where is None or where(h)] or self.history
        chosen = self.rng.choice(fitting)
        self.history.remove(chosen)
        return chosen

    # ------------------------------------------------------------------ purchasing

    def quantity(self, item: Item, price: Decimal, target: Decimal) -> Decimal:
        """A round order quantity worth about `target`."""
        raw = (target / price).to_integral_value()
        if raw < 4:  # dear items (a training day, a drill): one to four of them, not always one
            return D(self.rng.randint(1, 4))
        for step in (D(1000), D(500), D(100), D(50), D(10), D(5)):
            if raw >= step * 4:
                return max(step, (raw / step).to_integral_value() * step)
        return raw

    def order(
        self,
        vendor: Vendor,
        day: int,
        *,
        lines: tuple[int, int] = (1, 3),
        size: Literal["small", "large"] = "small",
        receive: Literal["all", "none", "half"] = "all",
        items: list[Item] | None = None,
    ) -> PurchaseOrder:
        """A PO of `vendor` ordered before `day`, received (all, half or nothing) before `day`."""
        rng = self.rng
        chosen = items or rng.sample(vendor.items, min(len(vendor.items), rng.randint(*lines)))
        low, high = (D(60), D(380)) if size == "small" else (D(2600), D(4200))
        ordered = []
        for item in chosen:
            price = self.company.price_of(vendor, item)
            target = q(low + (high - low) * D(rng.random()))
            quantity = self.quantity(item, price, target)
            if receive == "half":
                quantity = max(quantity, D(2))  # half of a single unit is not a part delivery
            ordered.append((item, quantity))
        po = self.company.new_po(vendor, ordered, order_day=day - rng.randint(9, 25))
        if receive != "none":
            received_day = day - rng.randint(1, 6)
            quantities = None
            if receive == "half":
                quantities = {
                    line.line_no: max(D(1), (line.quantity / 2).to_integral_value()) for line in po.lines
                }
            self.company.receive(po, max(received_day, po.order_day + 1), quantities)
        return po

    # ------------------------------------------------------------------ billing

    def line(
        self,
        vendor: Vendor,
        po: PurchaseOrder | None,
        pol: POLine,
        quantity: Decimal,
        index: int,
        *,
        price: Decimal | None = None,
        tax: tuple[Decimal, TaxCategory] | None = None,
    ) -> Line:
        """An invoice line for `quantity` of PO line `pol`, as this vendor writes it."""
        item = pol.item
        rate, category = tax or vendor.tax_for(item)
        seller_sku: str | None = None
        buyer_sku: str | None = None
        if vendor.sku_style == "our_sku":
            description, seller_sku = item.name_in(vendor.lang), item.sku
        elif vendor.sku_style == "buyer_column":
            description, seller_sku, buyer_sku = item.name_in(vendor.lang), item.vendor_article, item.sku
        else:
            description = pol.description
        refs = vendor.line_po_refs and po is not None
        return Line(
            description=description,
            quantity=quantity,
            unit_price=pol.unit_price if price is None else price,
            tax_rate=rate,
            tax_category=category,
            unit=item.unit_code,
            seller_sku=seller_sku,
            buyer_sku=buyer_sku,
            position=str(index * vendor.positions) if vendor.positions else None,
            po_number=po.number if refs and po is not None else None,
            po_line_ref=str(pol.line_no) if refs else None,
        )

    def lines_of(
        self, vendor: Vendor, po: PurchaseOrder, quantities: dict[int, Decimal] | None = None
    ) -> list[Line]:
        """Lines billing `quantities` by PO line number (default: every line in full)."""
        wanted = quantities if quantities is not None else {pol.line_no: pol.quantity for pol in po.lines}
        return [
            self.line(vendor, po, pol, wanted[pol.line_no], index)
            for index, pol in enumerate((pol for pol in po.lines if pol.line_no in wanted), start=1)
        ]

    def invoice(
        self,
        vendor: Vendor,
        day: int,
        lines: list[Line],
        pos: list[PurchaseOrder],
        *,
        print_po: bool = True,
        doc_type: Literal["invoice", "credit_note"] = "invoice",
        notes: list[str] | None = None,
        number: str | None = None,
        **changes: object,
    ) -> SynthInvoice:
        lang = vendor.lang
        categories = {line.tax_category for line in lines}
        exemption = {c: WORDS["exemption"][c][lang] for c in categories if c in WORDS["exemption"]}
        if not print_po:
            lines = [replace(line, po_number=None, po_line_ref=None) for line in lines]
        invoice = SynthInvoice(
            doc_type=doc_type,
            number=number or vendor.next_number(day),
            issue_date=day_date(day),
            due_date=day_date(day + vendor.terms_days),
            currency=vendor.currency,
            seller=vendor.party,
            buyer=self.company.buyer,
            lines=lines,
            po_numbers=[po.number for po in pos] if print_po else [],
            notes=list(notes or []),
            payment_terms=WORDS["terms"][lang].format(days=vendor.terms_days),
            locale=vendor.locales[0],
            exemption_reasons=exemption,  # type: ignore[arg-type]
        )
        made = replace(invoice, **changes) if changes else invoice  # type: ignore[arg-type]
        self._pos_of[id(made)] = (made, [po.number for po in pos])  # the invoice kept: its id stays its own
        return made

    # ------------------------------------------------------------------ labelling

    def approve(self, vendor: Vendor, invoice: SynthInvoice, why: str, *, printed_po: bool = True) -> Label:
        """A clean invoice: paid; automatically only from an established vendor, with its PO printed,
        up to our automatic-approval limit."""
        auto = vendor.established and printed_po and invoice.amount_due <= AUTO_LIMIT
        return Label("approve", why, auto_ok=auto)

    def add(
        self,
        cls: ScenarioClass,
        vendor: Vendor,
        day: int,
        invoice: SynthInvoice,
        label: Label,
        *,
        fmt: Format | None = None,
        layout_slot: int | None = None,
        resend_of: str | None = None,
        history: bool = False,
        observe: Literal["arrival", "end"] = "end",
        layout_feature: str | None = None,
    ) -> Case:
        self._count += 1
        case = Case(
            id=f"{cls.name}-{self._count}",
            cls=cls.name,
            group=cls.group,
            vendor=vendor,
            day=day,
            label=label,
            invoice=invoice,
            fmt=fmt or vendor.fmt,
            layout_slot=vendor.layout_slot if layout_slot is None else layout_slot,
            resend_of=resend_of,
            history=history,
            observe=observe,
            layout_feature=layout_feature,
        )
        self.cases.append(case)
        self.billed[case.id] = list(self._pos_of.get(id(invoice), (invoice, invoice.po_numbers))[1])
        return case


# ============================================================================ the classes

CLASSES: list[ScenarioClass] = []


def scenario(
    name: str, group: str, what: str, *, quick: bool = False
) -> Callable[[Callable[[Story, ScenarioClass], list[Case]]], None]:
    def register(build: Callable[[Story, ScenarioClass], list[Case]]) -> None:
        cls: ScenarioClass

        def run(story: Story) -> list[Case]:
            return build(story, cls)

        cls = ScenarioClass(name=name, group=group, what=what, build=run, quick=quick)
        CLASSES.append(cls)

    return register


def _is_pdf(v: Vendor) -> bool:
    return v.fmt == "pdf"


def _is_xml(v: Vendor) -> bool:
    return v.fmt != "pdf"


def _domestic(v: Vendor) -> bool:
    return v.regime == "domestic"


def _intra_eu(v: Vendor) -> bool:
    return v.regime == "intra_eu"


def _fine_price(item: Item) -> bool:
    return item.decimals >= 3


# ---------------------------------------------------------------------------- history


@scenario(
    "history", "history", "three clean invoices per established vendor, approved by a clerk", quick=True
)
def _history(story: Story, cls: ScenarioClass) -> list[Case]:
    out = []
    span = HISTORY_DAYS[1] - HISTORY_DAYS[0]
    for vendor in story.company.established_vendors():
        days = sorted(story.rng.sample(range(span + 1), HISTORY_PER_VENDOR))
        for offset in days:
            day = HISTORY_DAYS[0] + offset
            po = story.order(vendor, day)
            invoice = story.invoice(vendor, day, story.lines_of(vendor, po), [po])
            label = Label(
                "approve", "clean invoice from a vendor people have not approved before", auto_ok=False
            )
            case = story.add(cls, vendor, day, invoice, label, history=True, observe="arrival")
            story.history.append(_History(vendor, po, case))
            out.append(case)
    return out


# ---------------------------------------------------------------------------- clean invoices


@scenario("clean_exact", "clean", "PO printed, every line as ordered and received, tax right", quick=True)
def _clean_exact(story: Story, cls: ScenarioClass) -> list[Case]:
    out = []
    for _ in range(3):
        vendor = story.vendor()
        day = story.test_day()
        po = story.order(vendor, day)
        invoice = story.invoice(vendor, day, story.lines_of(vendor, po), [po])
        out.append(
            story.add(cls, vendor, day, invoice, story.approve(vendor, invoice, "matches PO and receipt"))
        )
    return out


@scenario(
    "clean_within_tolerance", "clean", "one unit price about 1 % above the PO (within a usual tolerance)"
)
def _clean_tolerance(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor()
    day = story.test_day()
    po = story.order(vendor, day)
    lines = story.lines_of(vendor, po)
    costly = max(range(len(lines)), key=lambda i: lines[i].unit_price)
    line = lines[costly]
    bumped = q(line.unit_price * D("1.01"), 2)
    if bumped <= line.unit_price:
        bumped = line.unit_price + D("0.01")
    if bumped - line.unit_price > D("4") or (bumped - line.unit_price) / line.unit_price > D("0.015"):
        bumped = line.unit_price  # too cheap an item to move by a cent within tolerance: exact
    lines[costly] = replace(line, unit_price=bumped)
    invoice = story.invoice(vendor, day, lines, [po])
    return [story.add(cls, vendor, day, invoice, story.approve(vendor, invoice, "price within tolerance"))]


@scenario("clean_large_amount", "clean", "a clean invoice above the automatic-approval limit")
def _clean_large(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor()
    day = story.test_day()
    po = story.order(vendor, day, lines=(2, 2), size="large")
    invoice = story.invoice(vendor, day, story.lines_of(vendor, po), [po])
    label = story.approve(vendor, invoice, "clean, but large amounts are approved by a person")
    return [story.add(cls, vendor, day, invoice, label)]


@scenario(
    "clean_new_vendor", "clean", "a clean invoice from a vendor in the ERP that nobody has approved yet"
)
def _clean_new_vendor(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.new_vendor()
    day = story.test_day()
    po = story.order(vendor, day)
    invoice = story.invoice(vendor, day, story.lines_of(vendor, po), [po])
    label = story.approve(vendor, invoice, "clean; a new vendor's first invoices are approved by a person")
    return [story.add(cls, vendor, day, invoice, label)]


@scenario(
    "clean_partial_delivery", "clean", "half the PO received; the invoice bills exactly what was received"
)
def _clean_partial(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor()
    day = story.test_day()
    po = story.order(vendor, day, receive="half")
    received = {pol.line_no: po.received(pol.line_no, day) for pol in po.lines}
    invoice = story.invoice(vendor, day, story.lines_of(vendor, po, received), [po])
    return [story.add(cls, vendor, day, invoice, story.approve(vendor, invoice, "bills what was received"))]


@scenario(
    "clean_second_partial",
    "clean",
    "partial delivery billed, the rest received later and billed by a second invoice",
)
def _clean_second_partial(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor()
    day = story.test_day(room=8)
    po = story.order(vendor, day, receive="half")
    first = {pol.line_no: po.received(pol.line_no, day) for pol in po.lines}
    invoice1 = story.invoice(vendor, day, story.lines_of(vendor, po, first), [po])
    story.company.receive(po, day + 3)
    rest = {
        pol.line_no: pol.quantity - first[pol.line_no]
        for pol in po.lines
        if pol.quantity > first[pol.line_no]
    }
    invoice2 = story.invoice(vendor, day + 5, story.lines_of(vendor, po, rest), [po])
    return [
        story.add(cls, vendor, day, invoice1, story.approve(vendor, invoice1, "bills the first delivery")),
        story.add(
            cls, vendor, day + 5, invoice2, story.approve(vendor, invoice2, "bills the rest, now received")
        ),
    ]


@scenario(
    "receipt_after_invoice", "clean", "the invoice arrives before the goods; the receipt is posted days later"
)
def _receipt_later(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor()
    day = story.test_day(room=6)
    po = story.order(vendor, day, receive="none")
    story.company.receive(po, day + 4)
    invoice = story.invoice(vendor, day, story.lines_of(vendor, po), [po])
    label = story.approve(vendor, invoice, "held until the goods arrive, then payable")
    return [story.add(cls, vendor, day, invoice, label)]


@scenario("mixed_tax_rates", "clean", "a domestic invoice with 19 % and 7 % lines, each as on the PO")
def _mixed_tax(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor(_domestic)
    day = story.test_day()
    reduced = [i for i in vendor.items if i.rate != D(19)]
    if not reduced:
        spec = next(s for s in WORDS["items"] if s["key"] == "book")
        reduced = [story.company._item(vendor, spec)]
        vendor.items.append(reduced[0])
    standard = [i for i in vendor.items if i.rate == D(19)]
    po = story.order(vendor, day, items=[*story.rng.sample(standard, 1), reduced[0]])
    invoice = story.invoice(vendor, day, story.lines_of(vendor, po), [po])
    return [story.add(cls, vendor, day, invoice, story.approve(vendor, invoice, "each line at its PO rate"))]


@scenario(
    "reverse_charge_clean",
    "clean",
    "an EU vendor's invoice at 0 % with the reverse-charge / intra-EU wording",
)
def _reverse_charge_clean(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor(lambda v: v.regime != "domestic")
    day = story.test_day()
    po = story.order(vendor, day)
    invoice = story.invoice(vendor, day, story.lines_of(vendor, po), [po])
    return [
        story.add(
            cls, vendor, day, invoice, story.approve(vendor, invoice, "0 % with the legal wording, as agreed")
        )
    ]


# ---------------------------------------------------------------------------- tax


@scenario(
    "tax_wrong_rate",
    "tax",
    "a domestic vendor charges 7 %, 16 % or 21 % on goods ordered at 19 %",
    quick=True,
)
def _tax_wrong_rate(story: Story, cls: ScenarioClass) -> list[Case]:
    out = []
    for rate in (D(7), D(16), D(21)):
        vendor = story.vendor(_domestic)
        day = story.test_day()
        standard = [i for i in vendor.items if i.rate == D(19)] or vendor.items
        po = story.order(vendor, day, items=story.rng.sample(standard, min(2, len(standard))))
        lines = [replace(line, tax_rate=rate, tax_category="S") for line in story.lines_of(vendor, po)]
        invoice = story.invoice(vendor, day, lines, [po], exemption_reasons={})
        label = Label("hold", f"charges {rate} % VAT on goods ordered at 19 %", frozenset({"wrong_tax"}))
        out.append(story.add(cls, vendor, day, invoice, label))
    return out


@scenario("tax_reduced_item_full_rate", "tax", "19 % charged on an item ordered at the reduced 7 %")
def _tax_reduced_full(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor(_domestic)
    day = story.test_day()
    reduced = [i for i in vendor.items if i.rate == D(7)]
    if not reduced:
        spec = next(s for s in WORDS["items"] if s["key"] == "book")
        reduced = [story.company._item(vendor, spec)]
        vendor.items.append(reduced[0])
    po = story.order(vendor, day, items=[reduced[0]])
    lines = [replace(line, tax_rate=D(19), tax_category="S") for line in story.lines_of(vendor, po)]
    invoice = story.invoice(vendor, day, lines, [po])
    label = Label("hold", "19 % VAT on an item ordered at 7 %", frozenset({"wrong_tax"}))
    return [story.add(cls, vendor, day, invoice, label)]


@scenario(
    "tax_reverse_charge_charged",
    "tax",
    "an EU vendor that must invoice at 0 % (reverse charge) charges its home VAT",
    quick=True,
)
def _tax_reverse_charged(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor(_intra_eu)
    day = story.test_day()
    po = story.order(vendor, day)
    rate = vendor.home_rate if vendor.regime == "intra_eu" else D(20)
    lines = [replace(line, tax_rate=rate, tax_category="S") for line in story.lines_of(vendor, po)]
    invoice = story.invoice(vendor, day, lines, [po], exemption_reasons={})
    label = Label(
        "hold",
        f"{rate} % VAT charged where the PO and the law say 0 % (reverse charge)",
        frozenset({"wrong_tax"}),
    )
    return [story.add(cls, vendor, day, invoice, label)]


# ---------------------------------------------------------------------------- PO status


@scenario("po_closed", "po", "the PO was closed in the ERP before the invoice came", quick=True)
def _po_closed(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor()
    day = story.test_day()
    po = story.order(vendor, day)
    po.closed_day = day - 1
    invoice = story.invoice(vendor, day, story.lines_of(vendor, po), [po])
    label = Label("hold", "the PO is closed: the ERP takes no more invoices on it", frozenset({"po_closed"}))
    return [story.add(cls, vendor, day, invoice, label)]


@scenario("po_cancelled", "po", "the PO was cancelled; nothing was delivered")
def _po_cancelled(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor()
    day = story.test_day()
    po = story.order(vendor, day, receive="none")
    po.cancelled_day = po.order_day + story.rng.randint(1, 5)
    invoice = story.invoice(vendor, day, story.lines_of(vendor, po), [po])
    label = Label(
        "hold", "the PO is cancelled", frozenset({"po_closed"}), tolerated=frozenset({"not_received"})
    )
    return [story.add(cls, vendor, day, invoice, label)]


@scenario(
    "po_fully_billed",
    "po",
    "a new invoice (new number) on a PO that earlier invoices billed in full",
    quick=True,
)
def _po_fully_billed(story: Story, cls: ScenarioClass) -> list[Case]:
    past = story.take_history()
    vendor, po = past.vendor, past.po
    day = story.test_day()
    pol = po.lines[0]
    part = max(D(1), (pol.quantity / 2).to_integral_value())
    invoice = story.invoice(vendor, day, [story.line(vendor, po, pol, part, 1)], [po])
    label = Label(
        "hold",
        f"PO {po.number} was billed in full by {past.case.invoice.number}",
        frozenset({"po_fully_billed"}),
        tolerated=frozenset({"not_received", "over_ordered"}),
    )
    return [story.add(cls, vendor, day, invoice, label)]


# ---------------------------------------------------------------------------- PO references


@scenario("po_other_vendor", "po", "the invoice quotes a PO of another vendor", quick=True)
def _po_other_vendor(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor()
    other = story.vendor(lambda v: v is not vendor)
    day = story.test_day()
    own = story.order(vendor, day)
    theirs = story.order(other, day)
    lines = [
        replace(line, po_number=theirs.number if line.po_number else None)
        for line in story.lines_of(vendor, own)
    ]
    invoice = story.invoice(vendor, day, lines, [theirs])
    label = Label(
        "hold",
        f"PO {theirs.number} belongs to {other.master_name}",
        frozenset({"po_other_vendor"}),
        tolerated=frozenset({"unmatched_line"}),
    )
    return [story.add(cls, vendor, day, invoice, label)]


@scenario("po_not_printed", "po", "no PO printed; the lines fit one received PO of the vendor", quick=True)
def _po_not_printed(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor()
    day = story.test_day()
    po = story.order(vendor, day)
    invoice = story.invoice(vendor, day, story.lines_of(vendor, po), [po], print_po=False)
    label = story.approve(vendor, invoice, "payable, but an inferred PO is a person's call", printed_po=False)
    return [story.add(cls, vendor, day, invoice, label)]


@scenario(
    "po_not_printed_prefers_open",
    "po",
    "no PO printed; an older PO with the same items is billed in full, a newer one is open",
)
def _po_prefers_open(story: Story, cls: ScenarioClass) -> list[Case]:
    past = story.take_history()
    vendor, old = past.vendor, past.po
    day = story.test_day()
    po = story.order(vendor, day, items=[line.item for line in old.lines])
    invoice = story.invoice(vendor, day, story.lines_of(vendor, po), [po], print_po=False)
    label = story.approve(
        vendor, invoice, f"fits the open PO {po.number}, not the billed {old.number}", printed_po=False
    )
    return [story.add(cls, vendor, day, invoice, label)]


def _spaced(number: str) -> str:
    """How people group a long number when they type it: 4700 020 141, 2601 2345, PO 26 04417."""
    if number.isdigit() and len(number) == 10:
        return f"{number[:4]} {number[4:7]} {number[7:]}"
    if number.isdigit():
        return f"{number[:4]} {number[4:]}"
    return number.replace("-", " ")


@scenario("po_printed_with_spaces", "po", 'the PO number printed in groups ("4700 020 141")')
def _po_spaces(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor(_is_pdf)
    day = story.test_day()
    po = story.order(vendor, day)
    invoice = story.invoice(vendor, day, story.lines_of(vendor, po), [po], po_print=_spaced(po.number))
    return [
        story.add(
            cls, vendor, day, invoice, story.approve(vendor, invoice, "same PO, printed in groups"), fmt="pdf"
        )
    ]


@scenario(
    "po_printed_with_item_suffix",
    "po",
    'the PO number printed with the ERP\'s item suffix ("4700020145/00010")',
)
def _po_suffix(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor(_is_pdf)
    day = story.test_day()
    po = story.order(vendor, day, lines=(1, 1))
    printed = f"{po.number}/{po.lines[0].line_no * (10 if po.lines[0].line_no < 10 else 1):05d}"
    invoice = story.invoice(vendor, day, story.lines_of(vendor, po), [po], po_print=printed)
    return [
        story.add(
            cls,
            vendor,
            day,
            invoice,
            story.approve(vendor, invoice, "same PO, with its item suffix"),
            fmt="pdf",
        )
    ]


@scenario("po_several", "po", "one invoice bills two POs of the vendor, both printed")
def _po_several(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor(_is_pdf)
    day = story.test_day()
    items = story.rng.sample(vendor.items, min(len(vendor.items), 4))
    half = max(1, len(items) // 2)
    first = story.order(vendor, day, items=items[:half])
    second = story.order(vendor, day, items=items[half:] or items[:1])
    lines = story.lines_of(vendor, first) + story.lines_of(vendor, second)
    lines = [
        replace(line, position=str(i) if line.position else None) for i, line in enumerate(lines, start=1)
    ]
    separator = story.rng.choice((", ", " / ", " + ", "; "))
    invoice = story.invoice(
        vendor, day, lines, [first, second], po_print=f"{first.number}{separator}{second.number}"
    )
    return [
        story.add(
            cls,
            vendor,
            day,
            invoice,
            story.approve(vendor, invoice, "both POs printed, both match"),
            fmt="pdf",
        )
    ]


@scenario("po_printed_unknown", "po", "the printed PO number does not exist in the ERP")
def _po_unknown(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor()
    day = story.test_day()
    po = story.order(vendor, day)
    story.company.pos.remove(po)  # ordered by phone, never entered: the ERP has no such PO
    invoice = story.invoice(vendor, day, story.lines_of(vendor, po), [po])
    label = Label(
        "hold",
        f"there is no PO {po.number}",
        frozenset({"po_missing"}),
        tolerated=frozenset({"unmatched_line"}),
    )
    return [story.add(cls, vendor, day, invoice, label)]


@scenario("no_po_nothing_fits", "po", "no PO printed and nothing on order fits the lines")
def _no_po(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor()
    day = story.test_day()
    po = story.order(vendor, day)
    story.company.pos.remove(po)
    invoice = story.invoice(vendor, day, story.lines_of(vendor, po), [po], print_po=False)
    label = Label(
        "hold",
        "nothing was ordered for these lines",
        frozenset({"po_missing"}),
        tolerated=frozenset({"unmatched_line"}),
    )
    case = story.add(cls, vendor, day, invoice, label)
    story.unordered.append((case, po))
    return [case]


def _check_nothing_fits(story: Story) -> None:
    """A case billing goods nobody entered a PO for assumes nothing on order fits its lines. Another
    class's PO of the same vendor (a decoy another invoice quotes wrongly, say) may order the very same
    items in the very same quantities, received and billed by no invoice a clerk pays: then the lines
    do fit that PO in the ERP, and a clerk would match them to it — payable, an inferred PO being a
    person's call. Such a case is labelled so (the premise is the eval's, not opsloop's; found on
    decisions seed 64, session 23, where a `po_other_vendor` decoy ordered 6 pallets of the vendor)."""
    paid = {
        number
        for case in story.cases
        if case.label.decision == "approve"
        for number in story.billed.get(case.id, [])
    }
    for case, unentered in story.unordered:
        wanted = sorted((line.item.sku, line.quantity) for line in unentered.lines)
        for po in story.company.pos:
            if (
                po.vendor is not case.vendor
                or po.number in paid
                or po.status(case.day) in ("cancelled", "closed")
            ):
                continue
            received = {
                (line.item.sku, line.quantity)
                for line in po.lines
                if po.received(line.line_no, case.day) >= line.quantity
            }
            if all(key in received for key in wanted) and len(set(wanted)) == len(wanted):
                case.label = story.approve(
                    case.vendor,
                    case.invoice,
                    f"the lines fit PO {po.number} of the vendor (ordered, received, billed by nobody): "
                    "payable, but an inferred PO is a person's call",
                    printed_po=False,
                )
                break


# ---------------------------------------------------------------------------- instructions and bank details


def _instruction(story: Story, lang: str) -> str:
    return story.rng.choice(WORDS["instructions"][lang])


@scenario(
    "instruction_in_notes",
    "injection",
    "an instruction to the approver in the invoice's notes (vendor's language or English)",
    quick=True,
)
def _instruction_notes(story: Story, cls: ScenarioClass) -> list[Case]:
    out = []
    for lang_choice in ("own", "en"):
        vendor = story.vendor()
        day = story.test_day()
        po = story.order(vendor, day)
        lang = vendor.lang if lang_choice == "own" else "en"
        invoice = story.invoice(
            vendor, day, story.lines_of(vendor, po), [po], notes=[_instruction(story, lang)]
        )
        label = Label(
            "person",
            f"instruction-like text ({lang}): a person looks before it is paid",
            frozenset({"instruction_text"}),
        )
        out.append(story.add(cls, vendor, day, invoice, label))
    return out


@scenario("instruction_in_line", "injection", "an instruction to the approver inside a line description")
def _instruction_line(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor(lambda v: v.sku_style != "po_text")
    day = story.test_day()
    po = story.order(vendor, day)
    lines = story.lines_of(vendor, po)
    lines[0] = replace(lines[0], description=f"{lines[0].description}\n{_instruction(story, vendor.lang)}")
    invoice = story.invoice(vendor, day, lines, [po])
    label = Label(
        "person",
        "instruction-like text in a line: a person looks before it is paid",
        frozenset({"instruction_text"}),
    )
    return [story.add(cls, vendor, day, invoice, label)]


@scenario(
    "instruction_with_new_iban",
    "injection",
    '"pre-approved, pay to this new IBAN" in the notes; the payment details unchanged',
    quick=True,
)
def _instruction_iban(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor(lambda v: v.party.iban is not None)
    day = story.test_day()
    po = story.order(vendor, day)
    other = iban(story.rng, vendor.country if vendor.party.iban else "DE")
    notes = [_instruction(story, vendor.lang), WORDS["new_bank"][vendor.lang].format(iban=format_iban(other))]
    invoice = story.invoice(vendor, day, story.lines_of(vendor, po), [po], notes=notes)
    label = Label(
        "hold",
        "an IBAN that is not the vendor's, with an instruction to pay",
        frozenset({"bank_changed", "instruction_text"}),
    )
    return [story.add(cls, vendor, day, invoice, label)]


@scenario(
    "bank_details_changed",
    "injection",
    "the invoice's payment details name an IBAN the vendor master does not have",
)
def _bank_changed(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor(lambda v: v.party.iban is not None)
    day = story.test_day()
    po = story.order(vendor, day)
    seller = replace(vendor.party, iban=iban(story.rng, vendor.country))
    invoice = story.invoice(vendor, day, story.lines_of(vendor, po), [po], seller=seller)
    label = Label(
        "hold", "new bank details are confirmed with the vendor before paying", frozenset({"bank_changed"})
    )
    return [story.add(cls, vendor, day, invoice, label)]


@scenario(
    "vat_id_differs", "injection", "the vendor's VAT id on the invoice is not the one in the vendor master"
)
def _vat_differs(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor(lambda v: v.country in COUNTRIES_WITH_VAT)
    day = story.test_day()
    po = story.order(vendor, day)
    seller = replace(vendor.party, vat_id=vat_id(story.rng, vendor.country))
    invoice = story.invoice(vendor, day, story.lines_of(vendor, po), [po], seller=seller)
    label = Label(
        "hold", "another legal entity's VAT id: check who is billing", frozenset({"vat_id_differs"})
    )
    return [story.add(cls, vendor, day, invoice, label)]


# ---------------------------------------------------------------------------- credit notes


def _credit(
    story: Story, cls: ScenarioClass, negative: bool, where: Callable[[_History], bool] | None = None
) -> list[Case]:
    past = story.take_history(where)
    vendor, po = past.vendor, past.po
    day = story.test_day()
    pol = po.lines[0]
    back = max(D(1), (pol.quantity / 5).to_integral_value())
    line = story.line(vendor, po, pol, -back if negative else back, 1)
    invoice = story.invoice(
        vendor,
        day,
        [line],
        [po],
        doc_type="credit_note",
        preceding_invoice=past.case.invoice.number,
    )
    sign = "negative" if negative else "positive"
    label = Label(
        "credit", f"credit note ({sign} amounts) for goods returned from {past.case.invoice.number}"
    )
    return [story.add(cls, vendor, day, invoice, label)]


@scenario("credit_note_negative", "credit", "a credit note for returned goods, amounts negative", quick=True)
def _credit_negative(story: Story, cls: ScenarioClass) -> list[Case]:
    return _credit(story, cls, negative=True)


@scenario(
    "credit_note_positive", "credit", "a credit note for returned goods, amounts positive (EN 16931 style)"
)
def _credit_positive(story: Story, cls: ScenarioClass) -> list[Case]:
    return _credit(story, cls, negative=False)


@scenario(
    "credit_note_after_invoice_to",
    "credit",
    'a credit note whose layout prints a buyer block labelled like "Invoice to" above the title',
)
def _credit_invoice_to(story: Story, cls: ScenarioClass) -> list[Case]:
    cases = _credit(story, cls, negative=story.rng.random() < 0.5, where=lambda h: h.vendor.lang == "en")
    for case in cases:
        case.fmt = "pdf"
        case.layout_feature = "recipient_label"
    return cases


@scenario(
    "overbilled_then_credited",
    "credit",
    "an invoice above the PO price, then the vendor's credit note for the difference",
)
def _overbilled_credited(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor()
    day = story.test_day(room=7)
    po = story.order(vendor, day, lines=(1, 2))
    lines = story.lines_of(vendor, po)
    pol = po.lines[0]
    dearer = q(pol.unit_price * D("1.10") + D("0.01"), max(2, pol.item.decimals))
    lines[0] = replace(lines[0], unit_price=dearer)
    invoice = story.invoice(vendor, day, lines, [po])
    credit_line = replace(
        story.line(vendor, po, pol, lines[0].quantity, 1, price=dearer - pol.unit_price),
        description=f"{lines[0].description.splitlines()[0]} – {_price_correction(vendor.lang)}",
    )
    credit = story.invoice(
        vendor, day + 4, [credit_line], [po], doc_type="credit_note", preceding_invoice=invoice.number
    )
    return [
        story.add(
            cls,
            vendor,
            day,
            invoice,
            Label("approve", "payable once the credit note for the overcharge is in (a person decides)"),
        ),
        story.add(cls, vendor, day + 4, credit, Label("credit", "credit note for the overcharge")),
    ]


def _price_correction(lang: str) -> str:
    words = {
        "de": "Preiskorrektur",
        "en": "price correction",
        "fr": "correction de prix",
        "nl": "prijscorrectie",
        "da": "priskorrektion",
        "es": "corrección de precio",
        "it": "rettifica prezzo",
    }
    return words[lang]


# ---------------------------------------------------------------------------- lines that should match


@scenario(
    "buyer_item_id_xml",
    "lines",
    "e-invoice lines with the vendor's article number and our item id as BuyerAssignedID / BuyersItemIdentification",
    quick=True,
)
def _buyer_id_xml(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor(_is_xml)
    day = story.test_day()
    po = story.order(vendor, day)
    lines = [
        replace(
            story.line(vendor, po, pol, pol.quantity, i),
            description=pol.item.name_in(vendor.lang),
            seller_sku=pol.item.vendor_article,
            buyer_sku=pol.item.sku,
        )
        for i, pol in enumerate(po.lines, start=1)
    ]
    fmt: Format = vendor.fmt if vendor.fmt != "pdf" else story.rng.choice(("ubl", "cii"))
    invoice = story.invoice(vendor, day, lines, [po])
    return [
        story.add(
            cls, vendor, day, invoice, story.approve(vendor, invoice, "our item ids on every line"), fmt=fmt
        )
    ]


@scenario(
    "buyer_item_id_pdf",
    "lines",
    'a PDF with the vendor\'s article number and our item id in its own column ("Ihre Mat.-Nr.")',
)
def _buyer_id_pdf(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor(_is_pdf)
    day = story.test_day()
    po = story.order(vendor, day)
    lines = [
        replace(
            story.line(vendor, po, pol, pol.quantity, i),
            description=pol.item.name_in(vendor.lang),
            seller_sku=pol.item.vendor_article,
            buyer_sku=pol.item.sku,
        )
        for i, pol in enumerate(po.lines, start=1)
    ]
    invoice = story.invoice(vendor, day, lines, [po])
    return [
        story.add(
            cls,
            vendor,
            day,
            invoice,
            story.approve(vendor, invoice, "our item ids in their own column"),
            fmt="pdf",
        )
    ]


@scenario("position_column", "lines", "a position column (10, 20, 30) beside the article numbers")
def _positions(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor(_is_pdf)
    day = story.test_day()
    po = story.order(vendor, day, lines=(2, 3))
    lines = [
        replace(line, position=str(10 * i)) for i, line in enumerate(story.lines_of(vendor, po), start=1)
    ]
    invoice = story.invoice(vendor, day, lines, [po])
    return [
        story.add(
            cls,
            vendor,
            day,
            invoice,
            story.approve(vendor, invoice, "positions are not article numbers"),
            fmt="pdf",
        )
    ]


@scenario("wrapped_description", "lines", "no article numbers; the PO text printed over two lines")
def _wrapped(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor(_is_pdf)
    day = story.test_day()
    po = story.order(vendor, day, lines=(2, 3))
    lines = [
        replace(
            story.line(vendor, po, pol, pol.quantity, i),
            description=f"{pol.item.names[0]}\n{pol.item.spec}",
            seller_sku=None,
            buyer_sku=None,
        )
        for i, pol in enumerate(po.lines, start=1)
    ]
    invoice = story.invoice(vendor, day, lines, [po])
    return [
        story.add(
            cls, vendor, day, invoice, story.approve(vendor, invoice, "the PO's own text, wrapped"), fmt="pdf"
        )
    ]


@scenario("split_line", "lines", "one PO line billed as two invoice lines (two deliveries)")
def _split(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor()
    day = story.test_day()
    po = story.order(vendor, day, lines=(1, 2))
    pol = po.lines[0]
    if pol.quantity < 2:
        pol.quantity = D(2)
        po.receipts[-1].quantities[pol.line_no] = D(2)
    first = max(D(1), (pol.quantity * D("0.6")).to_integral_value())
    lines = [
        story.line(vendor, po, pol, first, 1),
        story.line(vendor, po, pol, pol.quantity - first, 2),
        *[story.line(vendor, po, other, other.quantity, i) for i, other in enumerate(po.lines[1:], start=3)],
    ]
    invoice = story.invoice(vendor, day, lines, [po])
    return [
        story.add(
            cls, vendor, day, invoice, story.approve(vendor, invoice, "two lines add up to the PO line")
        )
    ]


@scenario(
    "rounded_unit_price", "lines", "a unit price kept to 3-4 decimals in the ERP, printed to 2 (amount exact)"
)
def _rounded(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor(lambda v: _is_pdf(v) and any(_fine_price(i) for i in v.items))
    day = story.test_day()
    fine = [i for i in vendor.items if _fine_price(i)]
    if fine:
        po = story.order(vendor, day, items=[story.rng.choice(fine)])
        pol = po.lines[0]
        if pol.unit_price == q(pol.unit_price, 2):  # the draw landed on whole cents: make it finer
            pol.unit_price = pol.unit_price + D("0.005")
        pol.quantity = D(1000) if pol.unit_price < 1 else D(200)
        po.receipts[-1].quantities[pol.line_no] = pol.quantity
    else:
        item = vendor.items[0]
        po = story.order(vendor, day, items=[item])
        pol = po.lines[0]
        pol.unit_price = q(pol.unit_price, 2) + D("0.005")
        pol.quantity = D(200)
        po.receipts[-1].quantities[pol.line_no] = pol.quantity
    lines = [replace(story.line(vendor, po, pol, pol.quantity, 1), unit_price_decimals=2)]
    invoice = story.invoice(vendor, day, lines, [po])
    label = story.approve(vendor, invoice, "the amount is exact; only the printed unit price is rounded")
    return [story.add(cls, vendor, day, invoice, label, fmt="pdf")]


@scenario("line_discount", "lines", "a discount on one line (the net is below the PO)", quick=True)
def _line_discount(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor()
    day = story.test_day()
    po = story.order(vendor, day)
    lines = story.lines_of(vendor, po)
    pct = story.rng.choice((D(2), D(3), D(5), D(10)))
    base = lines[0].gross
    reason = WORDS["reasons"]["discount"][LANGS.index(vendor.lang)]
    ac = AllowanceCharge(False, q(base * pct / 100), f"{reason} {pct} %", "95", percent=pct, base=base)
    lines[0] = replace(lines[0], allowances_charges=(ac,))
    invoice = story.invoice(vendor, day, lines, [po])
    return [
        story.add(
            cls, vendor, day, invoice, story.approve(vendor, invoice, "a discount only lowers the price")
        )
    ]


@scenario("header_discount", "lines", "a discount on the whole invoice")
def _header_discount(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor()
    day = story.test_day()
    treatment = vendor.tax_for(vendor.items[0])
    same_rate = [i for i in vendor.items if vendor.tax_for(i) == treatment]
    po = story.order(
        vendor, day, items=story.rng.sample(same_rate, min(len(same_rate), story.rng.randint(1, 3)))
    )
    lines = story.lines_of(vendor, po)
    base = sum((line.net for line in lines), D(0))
    pct = story.rng.choice((D(2), D(3), D(5)))
    reason = WORDS["reasons"]["discount"][LANGS.index(vendor.lang)]
    rate, category = treatment
    ac = AllowanceCharge(
        False,
        q(base * pct / 100),
        f"{reason} {pct} %",
        "95",
        percent=pct,
        base=base,
        tax_rate=rate,
        tax_category=category,
    )
    invoice = story.invoice(vendor, day, lines, [po], allowances_charges=[ac])
    return [
        story.add(
            cls, vendor, day, invoice, story.approve(vendor, invoice, "a discount only lowers the price")
        )
    ]


@scenario("freight_charge", "lines", "a small freight charge on the invoice (under 2 % of the net)")
def _freight(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor(lambda v: v.currency == "EUR")
    day = story.test_day()
    po = story.order(vendor, day, lines=(2, 3))
    lines = story.lines_of(vendor, po)
    base = sum((line.net for line in lines), D(0))
    amount = min(q(base * D("0.015")), D("19.90") * FX[vendor.currency])
    rates = {(line.tax_rate, line.tax_category) for line in lines}
    rate, category = sorted(rates)[0]
    reason = WORDS["reasons"]["freight"][LANGS.index(vendor.lang)]
    ac = AllowanceCharge(True, max(q(amount), D("4.90")), reason, "FC", tax_rate=rate, tax_category=category)
    invoice = story.invoice(vendor, day, lines, [po], allowances_charges=[ac])
    return [
        story.add(
            cls,
            vendor,
            day,
            invoice,
            story.approve(vendor, invoice, "small freight: within what AP lets pass"),
        )
    ]


@scenario("freight_large", "lines", "a freight charge of about 15 % of the net that no PO line covers")
def _freight_large(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor()
    day = story.test_day()
    treatment = vendor.tax_for(vendor.items[0])
    same_rate = [i for i in vendor.items if vendor.tax_for(i) == treatment]
    po = story.order(vendor, day, items=story.rng.sample(same_rate, min(len(same_rate), 2)))
    lines = story.lines_of(vendor, po)
    base = sum((line.net for line in lines), D(0))
    amount = max(q(base * D("0.15")), q(D(60) * FX[vendor.currency]))
    reason = WORDS["reasons"]["freight"][LANGS.index(vendor.lang)]
    rate, category = treatment
    ac = AllowanceCharge(True, amount, reason, "FC", tax_rate=rate, tax_category=category)
    invoice = story.invoice(vendor, day, lines, [po], allowances_charges=[ac])
    label = Label(
        "hold", f"freight of {amount} {vendor.currency} nobody agreed to", frozenset({"unexpected_charge"})
    )
    return [story.add(cls, vendor, day, invoice, label)]


@scenario(
    "unit_of_measure", "lines", "ordered in cartons of N, billed in pieces (the ERP knows the pack size)"
)
def _unit_of_measure(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor(lambda v: any(i.unit_code == "C62" for i in v.items))
    day = story.test_day()
    base = next((i for i in vendor.items if i.unit_code == "C62"), vendor.items[0])
    pack = story.rng.choice((10, 12, 20, 50))
    piece_price = q(story.company.price_of(vendor, base), 2)
    carton = Item(
        erp_id=f"{base.erp_id}K",
        sku=f"{base.sku}-K{pack}",
        key=base.key,
        spec=f"{base.spec} ({pack})",
        names=base.names,
        unit_word="Karton",
        unit_code="XCT",
        price_eur=q(piece_price * pack / FX[vendor.currency], 2),
        decimals=2,
        rate=base.rate,
        service=False,
        category=base.category,
        vendor_erp_id=vendor.erp_id,
        vendor_article=base.vendor_article,
        pack_size=pack,
    )
    vendor.items.append(carton)
    cartons = D(story.rng.randint(2, 8))
    po = story.company.new_po(vendor, [(carton, cartons)], day - 12, prices={0: piece_price * pack})
    story.company.receive(po, day - 3)
    line = replace(
        story.line(vendor, po, po.lines[0], cartons * pack, 1, price=piece_price),
        unit="C62",
    )
    invoice = story.invoice(vendor, day, [line], [po])
    return [
        story.add(
            cls,
            vendor,
            day,
            invoice,
            story.approve(vendor, invoice, f"{cartons} cartons of {pack} = {cartons * pack} pieces"),
        )
    ]


# ---------------------------------------------------------------------------- duplicates


@scenario(
    "duplicate_same_file",
    "duplicates",
    "an invoice already paid is sent again (the very same file)",
    quick=True,
)
def _dup_same_file(story: Story, cls: ScenarioClass) -> list[Case]:
    past = story.take_history()
    day = story.test_day()
    label = Label(
        "hold",
        "the same invoice again",
        frozenset({"duplicate"}),
        tolerated=frozenset({"po_fully_billed", "over_ordered", "not_received", "same_amount_nearby"}),
        may_drop=True,
    )
    return [
        story.add(cls, past.vendor, day, past.case.invoice, label, fmt=past.case.fmt, resend_of=past.case.id)
    ]


@scenario(
    "duplicate_rerendered",
    "duplicates",
    "an invoice already paid, sent again as a new rendering (other layout or format)",
    quick=True,
)
def _dup_rerendered(story: Story, cls: ScenarioClass) -> list[Case]:
    past = story.take_history()
    day = story.test_day()
    original: Format = past.case.fmt
    fmt: Format = original
    if (
        original != "pdf" or story.rng.random() < 0.5
    ):  # an e-invoice renders the same bytes again: change format
        fmt = story.rng.choice([f for f in ("pdf", "ubl", "cii") if f != original])
    label = Label(
        "hold",
        "the same invoice number and amounts again",
        frozenset({"duplicate"}),
        tolerated=frozenset({"po_fully_billed", "over_ordered", "not_received", "same_amount_nearby"}),
    )
    return [
        story.add(
            cls, past.vendor, day, past.case.invoice, label, fmt=fmt, layout_slot=past.case.layout_slot + 1
        )
    ]


@scenario("duplicate_marked_copy", "duplicates", "a test-period invoice re-sent days later marked as a copy")
def _dup_copy(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor()
    day = story.test_day(room=5)
    po = story.order(vendor, day)
    original = story.invoice(vendor, day, story.lines_of(vendor, po), [po])
    copy_note = WORDS["reasons"]["copy"][LANGS.index(vendor.lang)]
    copy = replace(original, notes=[*original.notes, copy_note])
    later = day + story.rng.randint(2, 5)
    label = Label(
        "hold",
        "a copy of an invoice already received",
        frozenset({"duplicate"}),
        tolerated=frozenset({"po_fully_billed", "over_ordered", "not_received", "same_amount_nearby"}),
    )
    return [
        story.add(cls, vendor, day, original, story.approve(vendor, original, "the original")),
        story.add(cls, vendor, later, copy, label, layout_slot=vendor.layout_slot),
    ]


@scenario(
    "not_duplicate_same_amount",
    "duplicates",
    "a repeat order: same amount within days, different number, PO and receipt",
    quick=True,
)
def _not_duplicate(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor()
    day = story.test_day(room=5)
    first = story.order(vendor, day)
    later = day + story.rng.randint(1, 4)
    second = story.company.new_po(
        vendor, [(line.item, line.quantity) for line in first.lines], order_day=first.order_day + 2
    )
    story.company.receive(second, later - 1)
    invoice1 = story.invoice(vendor, day, story.lines_of(vendor, first), [first])
    invoice2 = story.invoice(vendor, later, story.lines_of(vendor, second), [second])
    return [
        story.add(cls, vendor, day, invoice1, story.approve(vendor, invoice1, "first of two repeat orders")),
        story.add(
            cls,
            vendor,
            later,
            invoice2,
            replace(
                story.approve(vendor, invoice2, "second repeat order: its own number, PO and receipt"),
                tolerated=frozenset({"same_amount_nearby"}),
            ),
        ),
    ]


# ---------------------------------------------------------------------------- classic exceptions


@scenario("price_over", "exceptions", "a unit price 6-12 % above the PO", quick=True)
def _price_over(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor()
    day = story.test_day()
    po = story.order(vendor, day)
    lines = story.lines_of(vendor, po)
    pct = D(story.rng.choice((6, 8, 10, 12)))
    lines[0] = replace(
        lines[0],
        unit_price=q(lines[0].unit_price * (100 + pct) / 100 + D("0.01"), max(2, po.lines[0].item.decimals)),
    )
    invoice = story.invoice(vendor, day, lines, [po])
    label = Label("hold", f"billed {pct} % above the agreed price", frozenset({"price_over"}))
    return [story.add(cls, vendor, day, invoice, label)]


@scenario("over_ordered", "exceptions", "more billed than ordered (and received)")
def _over_ordered(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor()
    day = story.test_day()
    po = story.order(vendor, day)
    lines = story.lines_of(vendor, po)
    extra = max(D(1), (lines[0].quantity * D("0.2")).to_integral_value())
    lines[0] = replace(lines[0], quantity=lines[0].quantity + extra)
    invoice = story.invoice(vendor, day, lines, [po])
    label = Label(
        "hold",
        f"{extra} more than ordered",
        frozenset({"over_ordered"}),
        tolerated=frozenset({"not_received"}),
    )
    return [story.add(cls, vendor, day, invoice, label)]


@scenario("not_received", "exceptions", "nothing received yet (and no receipt comes)", quick=True)
def _not_received(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor()
    day = story.test_day()
    po = story.order(vendor, day, receive="none")
    invoice = story.invoice(vendor, day, story.lines_of(vendor, po), [po])
    return [
        story.add(
            cls, vendor, day, invoice, Label("hold", "nothing has arrived", frozenset({"not_received"}))
        )
    ]


@scenario("partly_received_billed_in_full", "exceptions", "half received, the whole PO billed")
def _partly_received(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor()
    day = story.test_day()
    po = story.order(vendor, day, receive="half")
    invoice = story.invoice(vendor, day, story.lines_of(vendor, po), [po])
    return [
        story.add(
            cls, vendor, day, invoice, Label("hold", "only part has arrived", frozenset({"not_received"}))
        )
    ]


@scenario(
    "unknown_vendor",
    "exceptions",
    "a vendor the ERP does not know, quoting a PO that does not exist",
    quick=True,
)
def _unknown_vendor(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.company.outsider
    day = story.test_day()
    po = story.order(vendor, day)
    invoice = story.invoice(vendor, day, story.lines_of(vendor, po), [po])
    label = Label(
        "hold",
        "not a vendor of ours",
        frozenset({"unknown_vendor"}),
        tolerated=frozenset({"po_missing", "unmatched_line"}),
    )
    return [story.add(cls, vendor, day, invoice, label)]


@scenario("currency_mismatch", "exceptions", "the invoice is in another currency than the PO (same figures)")
def _currency(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor()
    day = story.test_day()
    po = story.order(vendor, day)
    other = "USD" if vendor.currency != "USD" else "EUR"
    invoice = story.invoice(vendor, day, story.lines_of(vendor, po), [po], currency=other)
    label = Label(
        "hold", f"billed in {other}, ordered in {vendor.currency}", frozenset({"currency_mismatch"})
    )
    # XML: the shared PDF layouts print money with the locale's currency symbol, whatever the invoice's
    # currency, so only the e-invoice states the other currency (a renderer limitation, not opsloop's)
    fmt: Format = vendor.fmt if vendor.fmt in ("ubl", "cii") else "ubl"
    return [story.add(cls, vendor, day, invoice, label, fmt=fmt)]


@scenario("unmatched_line", "exceptions", "an extra line for goods that were not ordered")
def _unmatched(story: Story, cls: ScenarioClass) -> list[Case]:
    vendor = story.vendor(lambda v: len(v.items) >= 3)
    day = story.test_day()
    po = story.order(vendor, day, lines=(1, 2))
    ordered = {line.item.sku for line in po.lines}
    spare = [i for i in vendor.items if i.sku not in ordered]
    lines = story.lines_of(vendor, po)
    if spare:
        item = story.rng.choice(spare)
        rate, code = vendor.tax_for(item)
        phantom = POLine(0, item, D(1), story.company.price_of(vendor, item), rate, code, item.unit_word)
        quantity = story.quantity(item, phantom.unit_price, D(90))
        lines.append(
            replace(
                story.line(vendor, None, phantom, quantity, len(lines) + 1), po_number=None, po_line_ref=None
            )
        )
    invoice = story.invoice(vendor, day, lines, [po])
    label = Label("hold", "bills goods nobody ordered", frozenset({"unmatched_line"}))
    return [story.add(cls, vendor, day, invoice, label)]


# ============================================================================ building a company


def build_cases(company: Company, *, quick: bool = False) -> list[Case]:
    """Every class's cases for `company` (the history first: later classes reuse its POs)."""
    rng = random.Random(f"scenarios-{company.seed}")
    story = Story(company, rng)
    for cls in CLASSES:
        if quick and not cls.quick:
            continue
        cls.build(story)
    _check_nothing_fits(story)
    story.cases.sort(key=lambda c: (c.day, not c.history))
    return story.cases


def class_names() -> list[str]:
    return [c.name for c in CLASSES]
