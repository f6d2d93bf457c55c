"""The cases: AP exceptions an experienced AP lead knows from practice, each labelled from that practice
before opsloop ever saw it.

Labels: `approve` (pay; `auto_ok` says whether paying with no person is acceptable), `person` (a
person must look: proposed to a person or held are both right, an automatic approval is wrong),
`hold` (not payable as it is), `credit` (book as a credit note or hold; never pay). A document that is
not an invoice at all must never be paid: held, left without a payment proposal, or refused are right.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Literal

from evals.decisions2.model import (
    AUTO_LIMIT,
    NEW_YEAR_DAY,
    NOT_INVOICES,
    Company,
    Doc,
    Line,
    Party,
    Vendor,
    money,
)

Decision = Literal["approve", "person", "hold", "credit"]


@dataclass(frozen=True)
class Label:
    decision: Decision
    auto_ok: bool = False
    why: str = ""


@dataclass
class Case:
    id: str
    cls: str
    day: int
    vendor: Vendor
    doc: Doc
    label: Label
    history: bool = False
    fmt: str = "pdf"

    @property
    def not_invoice(self) -> bool:
        return self.doc.kind in NOT_INVOICES


CLASSES: dict[str, str] = {
    "history": "three clean invoices per vendor in the old year, approved by a clerk",
    "control_clean": "a clean invoice (PO printed, received, right tax): shows the documents are readable",
    "buyer_sister_entity": "addressed to a sister company of the group (its name, address and VAT id)",
    "buyer_missing": "no buyer printed at all (above the small-invoice limit)",
    "buyer_vat_not_ours": "our name and address, but a buyer VAT id that is not ours",
    "reissue_same_number": "a number already paid, re-issued with another amount (a correction sent as an invoice)",
    "number_restarted_new_year": "numbering restarted on 1 January: a number used last year, new goods, PO and date",
    "resent_new_number": "a paid invoice's very content sent again under its number plus a suffix (-1, /A)",
    "dated_before_po": "the invoice is dated weeks before the PO was raised (an after-the-fact PO)",
    "future_dated": "the invoice date lies weeks in the future",
    "terms_differ_overdue": "payment terms shorter than the master's, the due date already passed",
    "vendor_deactivated": "the vendor was deactivated in the ERP (gone from the vendor export) after its history",
    "factoring_assignment": "an assignment notice: pay only to a factoring company's account",
    "total_gap": "the gross printed is more than net plus VAT (a real gap)",
    "vat_rounding_cent": "VAT rounded per line: one cent off the VAT of the net total",
    "net_above_lines": "the net printed is above the sum of the lines; VAT and gross follow the inflated net",
    "tax_inclusive_prices": "unit prices printed including VAT (net and VAT below right)",
    "unit_without_pack_size": "ordered in cartons, billed in pieces, the ERP knows no pack size",
    "po_billed_by_sister_vendor": "our PO with vendor A, billed by A's sister company (another legal entity, not in the ERP)",
    "credit_larger_than_invoice": "a credit note for more than the invoice it names",
    "credit_unknown_invoice": "a credit note naming an invoice we never received",
    "discount_line_hides_price_rise": "unit prices above the PO, hidden by a negative goodwill line",
    "prepayment_request": "an advance-payment invoice for 30 % of an order nothing of which arrived",
    "final_after_prepayment": "the final invoice, deducting an advance payment",
    "paid_by_card": "an invoice already paid by card: amount due 0.00",
    "quote": "a quotation (not an invoice)",
    "order_confirmation": "an order confirmation with prices and totals (not an invoice)",
    "delivery_note": "a delivery note with quantities and prices (not an invoice)",
    "payment_reminder": "a payment reminder listing an invoice already approved",
    "statement_of_account": "a statement of account with open items and a balance",
    "proforma": "a pro-forma invoice (not an invoice for VAT or payment)",
}


def _pick(rng: random.Random, vendors: list[Vendor], **want: object) -> Vendor:
    fitting = [v for v in vendors if all(getattr(v, k) == val for k, val in want.items())]
    return rng.choice(fitting or vendors)


def build_cases(company: Company) -> list[Case]:
    rng = random.Random(f"decisions2-cases-{company.seed}")
    cases: list[Case] = []
    vendors = company.vendors
    history: dict[str, list[Case]] = {}

    # ---------------------------------------------------------------- history: days 1-30
    for index, vendor in enumerate([*vendors, company.blocked]):
        for k in range(3):
            order = 2 + k * 9 + index
            po = company.new_po(vendor, order)
            company.receive(po, order + 3)
            doc = company.invoice_for(po, order + 4)
            case = Case(
                f"h-{vendor.erp_id}-{k}",
                "history",
                order + 5,
                vendor,
                doc,
                Label("approve", True, "clean"),
                history=True,
                fmt=vendor.fmt,
            )
            cases.append(case)
            history.setdefault(vendor.erp_id, []).append(case)

    day = NEW_YEAR_DAY + 3

    def add(
        cls: str, vendor: Vendor, doc: Doc, label: Label, *, fmt: str | None = None, at: int | None = None
    ) -> Case:
        nonlocal day
        day += 1
        case = Case(f"{cls}-{vendor.erp_id}", cls, at if at is not None else day, vendor, doc, label)
        case.fmt = fmt or (vendor.fmt if doc.kind in ("invoice", "credit") else "pdf")
        cases.append(case)
        return case

    def clean(vendor: Vendor, *, received: bool = True, order_day: int | None = None) -> tuple[Doc, object]:
        po = company.new_po(vendor, order_day if order_day is not None else day - 8)
        if received:
            company.receive(po, (order_day if order_day is not None else day - 8) + 3)
        return company.invoice_for(po, day), po

    domestic = [v for v in vendors if v.regime == "domestic"]

    # ---------------------------------------------------------------- controls
    for vendor in rng.sample(vendors, 3):
        doc, _ = clean(vendor)
        add("control_clean", vendor, doc, Label("approve", True, "PO printed, received, tax right"))

    # ---------------------------------------------------------------- the buyer
    v = rng.choice(vendors)
    doc, _ = clean(v)
    doc.buyer = company.sister
    add(
        "buyer_sister_entity",
        v,
        doc,
        Label("hold", why="addressed to another legal entity: not our invoice, not our input VAT"),
    )

    v = rng.choice(vendors)
    doc, _ = clean(v)
    doc.buyer = None
    add(
        "buyer_missing",
        v,
        doc,
        Label("hold", why="no recipient: not a valid invoice for input VAT, ask for a correct one"),
    )

    v = rng.choice(vendors)
    doc, _ = clean(v)
    assert company.buyer.vat_id is not None
    doc.buyer = replace(company.buyer, vat_id=company.sister.vat_id)
    add(
        "buyer_vat_not_ours",
        v,
        doc,
        Label("hold", why="the buyer VAT id is another entity's: the invoice must be corrected"),
    )

    # ---------------------------------------------------------------- numbers
    v = rng.choice(domestic)
    original = rng.choice(history[v.erp_id]).doc
    doc = replace(original, day=day, lines=[replace(ln) for ln in original.lines])
    doc.lines[0] = replace(doc.lines[0], unit_price=money(doc.lines[0].unit_price * Decimal("1.08")))
    add(
        "reissue_same_number",
        v,
        doc,
        Label("hold", why="the number was paid already; a correction needs a credit note"),
    )

    v = next(x for x in vendors if x.restarts_yearly)
    # A number from last year only: a case above (the reissue) may already have sent one of them again this
    # year, and a third invoice with that number in one year is a real duplicate, not a restarted numbering.
    reused = {c.doc.number for c in cases if not c.history and c.vendor is v}
    old_numbers = [c.doc.number for c in history[v.erp_id] if c.doc.number not in reused]
    doc, _ = clean(v)
    doc.number = rng.choice(old_numbers)
    add(
        "number_restarted_new_year",
        v,
        doc,
        Label("approve", True, "another year, other goods, PO and receipt: not a duplicate"),
    )

    v = rng.choice(vendors)
    original = rng.choice(history[v.erp_id]).doc
    doc = replace(
        original, number=original.number + rng.choice(("-1", "/A", "-A")), lines=list(original.lines)
    )
    add("resent_new_number", v, doc, Label("hold", why="the same goods, PO, date and amount already paid"))

    # ---------------------------------------------------------------- dates
    v = rng.choice(vendors)
    po = company.new_po(v, day - 5)
    company.receive(po, day - 2)
    doc = company.invoice_for(po, day - 40)
    add(
        "dated_before_po",
        v,
        doc,
        Label("person", why="billed before it was ordered: an after-the-fact PO needs a look"),
    )

    v = rng.choice(vendors)
    doc, _ = clean(v)
    doc.day = day + 45
    add("future_dated", v, doc, Label("person", why="an invoice date in the future cannot be booked now"))

    v = rng.choice(vendors)
    po = company.new_po(v, day - 50)
    company.receive(po, day - 46)
    doc = company.invoice_for(po, day - 45)
    doc.terms_days = 7
    add("terms_differ_overdue", v, doc, Label("approve", True, "right goods and amount; pay on our terms"))

    # ---------------------------------------------------------------- the vendor
    v = rng.choice(vendors)
    doc, _ = clean(v)
    factor_iban = _other_iban(rng, v)
    doc.payee = Party(
        _factor_name(v.lang, rng),
        "Hauptwache 3" if v.lang == "de" else "1 Main Street",
        "60313 Frankfurt am Main",
        "DE",
        iban=factor_iban,
        bic="HELADEF1822",
    )
    doc.notes.append(_ASSIGNMENT[v.lang].format(factor=doc.payee.name))
    add(
        "factoring_assignment",
        v,
        doc,
        Label("hold", why="paying another account needs the assignment verified with the vendor"),
    )

    # ---------------------------------------------------------------- arithmetic
    v = rng.choice(domestic)
    doc, _ = clean(v)
    doc.gross_override = doc.net + doc.tax + Decimal(rng.choice(("50.00", "100.00", "12.40")))
    add("total_gap", v, doc, Label("hold", why="the total does not add up"))

    v = rng.choice(domestic)
    doc, po = clean(v)
    per_line = sum((money(ln.amount * ln.rate / 100) for ln in doc.lines), Decimal(0))
    delta = Decimal("0.01") if per_line == doc.tax else per_line - doc.tax
    doc.tax_override = doc.tax + (delta if abs(delta) == Decimal("0.01") else Decimal("0.01"))
    doc.gross_override = doc.net + doc.tax_override
    add("vat_rounding_cent", v, doc, Label("approve", True, "one cent of rounding is no reason to hold"))

    v = rng.choice(domestic)
    doc, _ = clean(v)
    lines_net = doc.net
    doc.net_override = lines_net + Decimal(rng.choice(("80.00", "150.00", "35.00")))
    doc.tax_override = money(doc.net_override * doc.lines[0].rate / 100)
    doc.gross_override = doc.net_override + doc.tax_override
    add("net_above_lines", v, doc, Label("hold", why="the lines do not add up to the net billed"))

    v = rng.choice(domestic)
    doc, _ = clean(v)
    doc.prices_gross = True
    doc.lines = [replace(ln, unit_price=money(ln.unit_price * (1 + ln.rate / 100))) for ln in doc.lines]
    add(
        "tax_inclusive_prices",
        v,
        doc,
        Label("approve", True, "the same net as ordered, printed gross"),
        fmt="pdf",
    )

    # ---------------------------------------------------------------- units and POs
    v = rng.choice(vendors)
    po = company.new_po(v, day - 8, lines=1, budget=Decimal("900"), unit="CT")
    pack = rng.choice((10, 12, 24))
    for ln in po.lines:
        ln.unit_price = money(ln.unit_price * pack)
        ln.quantity = max(Decimal(1), (ln.quantity // pack))
    company.receive(po, day - 5)
    doc = company.invoice_for(po, day)
    doc.lines = [
        replace(ln, quantity=ln.quantity * pack, unit="C62", unit_price=money(ln.unit_price / pack))
        for ln in doc.lines
    ]
    add(
        "unit_without_pack_size",
        v,
        doc,
        Label(
            "person",
            why="cartons ordered, pieces billed, no pack size known: someone must check the quantity",
        ),
        fmt="pdf",
    )

    v = rng.choice([x for x in vendors if x.lang == "de"] or vendors)
    doc, _ = clean(v)
    sister_street, sister_city = "Gewerbering 12", v.party.city
    doc.seller = Party(
        _sister_vendor_name(v.party.name),
        sister_street,
        sister_city,
        v.party.country,
        vat_id=_other_vat(rng, v),
        iban=_other_iban(rng, v),
        bic=v.party.bic,
    )
    add(
        "po_billed_by_sister_vendor",
        v,
        doc,
        Label("hold", why="the PO is with another legal entity than the one billing"),
        fmt="pdf",
    )

    # ---------------------------------------------------------------- credits
    v = rng.choice(vendors)
    original = rng.choice(history[v.erp_id]).doc
    doc = replace(
        original, kind="credit", number="G" + original.number[-5:], day=day, reference=original.number
    )
    doc.lines = [replace(ln, quantity=ln.quantity * 2) for ln in original.lines]  # twice what was billed
    add(
        "credit_larger_than_invoice",
        v,
        doc,
        Label("credit", why="never paid; the vendor is asked why it credits more than it billed"),
    )

    v = rng.choice(vendors)
    doc, _ = clean(v)
    doc.kind = "credit"
    doc.reference = v.number_format.format(n=7, year=2025)
    doc.number = "GS-" + doc.number[-5:]
    doc.lines = doc.lines[:1]
    add(
        "credit_unknown_invoice",
        v,
        doc,
        Label("credit", why="a credit note is never paid; no invoice to link it to"),
    )

    # ---------------------------------------------------------------- amounts
    v = rng.choice(domestic)
    doc, _ = clean(v)
    extra = Decimal(0)
    raised = []
    for ln in doc.lines:
        new = money(ln.unit_price * Decimal("1.10"))
        extra += money(ln.quantity * new) - ln.amount
        raised.append(replace(ln, unit_price=new))
    doc.lines = [*raised, Line(_GOODWILL[v.lang], None, Decimal(1), "C62", -extra, doc.lines[0].rate)]
    add(
        "discount_line_hides_price_rise",
        v,
        doc,
        Label("person", why="unit prices 10 % above the PO: the rise must be agreed"),
        fmt="pdf",
    )

    v = rng.choice(vendors)
    po = company.new_po(v, day - 3, budget=Decimal("1800"))
    pre = company.invoice_for(po, day, kind="prepayment")
    share = money(po.net() * Decimal("0.30"))
    rate = po.lines[0].tax_rate
    pre.lines = [Line(_ADVANCE[v.lang].format(po=po.number), None, Decimal(1), "C62", share, rate)]
    add(
        "prepayment_request",
        v,
        pre,
        Label("person", why="nothing received: an advance payment needs a contract and a person"),
        fmt="pdf",
    )
    company.receive(po, day + 2)
    final = company.invoice_for(po, day + 4)
    final.deductions = [(_DEDUCT[v.lang].format(number=pre.number), share)]
    final.reference = pre.number
    add(
        "final_after_prepayment",
        v,
        final,
        Label("person", why="the deduction must match what was paid in advance"),
        fmt="pdf",
    )
    day += 3

    v = rng.choice(vendors)
    doc, _ = clean(v)
    doc.prepaid = doc.gross
    doc.notes.append(_CARD[v.lang])
    add("paid_by_card", v, doc, Label("hold", why="already paid by card: paying it again pays twice"))

    # ---------------------------------------------------------------- not invoices
    for kind, cls in (
        ("quote", "quote"),
        ("order_confirmation", "order_confirmation"),
        ("delivery_note", "delivery_note"),
        ("proforma", "proforma"),
    ):
        v = rng.choice(vendors)
        po = company.new_po(v, day - 4)
        # the goods arrive, the day before a delivery note, days after a quote, confirmation or pro forma
        company.receive(po, day - 1 if kind == "delivery_note" else day + 3)
        doc = company.invoice_for(po, day, kind=kind)  # type: ignore[arg-type]
        doc.number = f"{_NOT_INVOICE_PREFIX[kind]}-{rng.randint(10000, 99999)}"
        add(cls, v, doc, Label("hold", why="not an invoice: never paid"), fmt="pdf")

    v = rng.choice(vendors)
    paid = rng.choice(history[v.erp_id]).doc
    doc = replace(
        paid, kind="reminder", number=f"M-{rng.randint(1000, 9999)}", day=day, reference=paid.number
    )
    doc.statement_rows = [(paid.number, paid.day, paid.gross)]
    add(
        "payment_reminder",
        v,
        doc,
        Label("hold", why="a reminder of an invoice already approved: never paid again"),
        fmt="pdf",
    )

    v = rng.choice(vendors)
    rows = [(c.doc.number, c.doc.day, c.doc.gross) for c in history[v.erp_id]]
    doc = replace(history[v.erp_id][-1].doc, kind="statement", number=f"KA-{rng.randint(100, 999)}", day=day)
    doc.statement_rows = rows
    add(
        "statement_of_account",
        v,
        doc,
        Label("hold", why="a statement lists invoices: none is paid from it"),
        fmt="pdf",
    )

    # last: the vendor leaves the export two days before its invoice arrives
    v = company.blocked
    doc, _ = clean(v)
    case = add("vendor_deactivated", v, doc, Label("hold", why="the vendor is blocked in the ERP"))
    v.active_until = case.day - 2

    for case in cases:
        if case.label.decision == "approve" and case.label.auto_ok and case.doc.gross > AUTO_LIMIT:
            case.label = replace(case.label, auto_ok=False)
    return cases


def _other_iban(rng: random.Random, vendor: Vendor) -> str:
    from evals.decisions.identifiers import iban

    value = iban(rng, "DE")
    while value == vendor.party.iban:
        value = iban(rng, "DE")
    return value


def _other_vat(rng: random.Random, vendor: Vendor) -> str:
    from evals.decisions.identifiers import vat_id

    value = vat_id(rng, vendor.party.country)
    while value == vendor.party.vat_id:
        value = vat_id(rng, vendor.party.country)
    return value


def _sister_vendor_name(name: str) -> str:
    base, _, form = name.rpartition(" ")
    return f"{base} Vertrieb {form}" if base else f"{name} Vertrieb"


def _factor_name(lang: str, rng: random.Random) -> str:
    return rng.choice(("Nordbank Factoring GmbH", "CrediFact Finanz GmbH", "Rhein Factoring AG"))


_ASSIGNMENT = {
    "de": "Wir haben unsere Forderungen an die {factor} abgetreten. Zahlungen mit schuldbefreiender Wirkung "
    "können nur an die {factor} auf das unten genannte Konto geleistet werden.",
    "en": "We have assigned our receivables to {factor}. Payment discharging your debt can only be made to "
    "{factor}, to the account below.",
    "fr": "Nous avons cédé nos créances à {factor}. Pour être libératoire, le paiement doit être effectué "
    "uniquement à {factor} sur le compte ci-dessous.",
}
_GOODWILL = {"de": "Sondernachlass", "en": "Goodwill discount", "fr": "Remise exceptionnelle"}
_ADVANCE = {
    "de": "Anzahlung 30 % auf Ihre Bestellung {po}",
    "en": "Advance payment 30 % of your order {po}",
    "fr": "Acompte 30 % sur votre commande {po}",
}
_DEDUCT = {
    "de": "abzüglich Anzahlung Rechnung {number}",
    "en": "less advance payment invoice {number}",
    "fr": "déduction acompte facture {number}",
}
_CARD = {
    "de": "Der Rechnungsbetrag wurde bereits per Kreditkarte beglichen.",
    "en": "This invoice has already been paid by credit card.",
    "fr": "Cette facture a déjà été réglée par carte bancaire.",
}
_NOT_INVOICE_PREFIX = {"quote": "ANG", "order_confirmation": "AB", "delivery_note": "LS", "proforma": "PF"}


def summary(cases: list[Case]) -> dict[str, int]:
    out: dict[str, int] = {}
    for case in cases:
        out[case.cls] = out.get(case.cls, 0) + 1
    return out


__all__ = ["CLASSES", "Case", "Label", "build_cases", "field", "summary"]
