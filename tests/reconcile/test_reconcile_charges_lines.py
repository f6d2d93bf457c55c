"""Allowances and charges by policy; lines that should match: the buyer's item id, one PO line billed
as two lines, a unit price printed rounded, and a unit the ERP converts."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from opsloop.domain.erp import (
    ExceptionType,
    PurchaseOrderLineRecord,
    ReceiptLineRecord,
    ReconciliationStatus,
    TolerancePolicy,
)
from opsloop.domain.invoices import AllowanceChargeExtraction, InvoiceExtraction, InvoiceLineExtraction
from opsloop.domain.proposals import ProposalKind
from opsloop.reconcile import Mirror, propose_invoice_action, reconcile_invoice
from opsloop.reconcile.charges import classify_line
from opsloop.reconcile.lexicons import LANGUAGES, charge_lexicon, unit_code

D = Decimal
Factory = Callable[..., InvoiceExtraction]
BOLTS = ("A-100", "Steel bolts M8 x 40", "100", "0.50")
NUTS = ("B-200", "Hex nuts M8", "100", "0.20")


def _with_line(
    invoice: InvoiceExtraction, description: str, amount: str, quantity: str | None = None
) -> InvoiceExtraction:
    line = InvoiceLineExtraction(
        description=description, amount=D(amount), quantity=D(quantity) if quantity else None
    )
    subtotal = (invoice.subtotal or D(0)) + D(amount)
    tax = (subtotal * D("0.19")).quantize(D("0.01"))
    return invoice.model_copy(
        update={
            "lines": [*invoice.lines, line],
            "subtotal": subtotal,
            "tax_total": tax,
            "total": subtotal + tax,
        }
    )


# --------------------------------------------------------------------------- allowances and charges


@pytest.mark.parametrize("description", ["Rabatt 3 %", "Discount", "Remise 5%", "Korting", "Sconto"])
def test_a_printed_discount_line_is_an_allowance_not_an_unmatched_line(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory, description: str
) -> None:
    rec = reconcile_invoice(
        _with_line(invoice_factory(), description, "-2.10"), mirror, policy, document_id=1
    )
    assert rec.exceptions == [] and rec.status is ReconciliationStatus.MATCHED
    assert rec.lines[-1].method == "charge" and rec.lines[-1].charge_kind == "allowance"


def test_freight_within_the_policy_passes_as_a_tolerance(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    rec = reconcile_invoice(
        _with_line(invoice_factory(), "Frachtkosten", "12.50"), mirror, policy, document_id=1
    )
    assert rec.exceptions == [] and rec.status is ReconciliationStatus.MATCHED_WITHIN_TOLERANCE
    assert rec.lines[-1].charge_kind == "freight"


def test_freight_over_the_policy_is_an_unexpected_charge_never_a_credit_note_request(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    rec = reconcile_invoice(_with_line(invoice_factory(), "Shipping", "80.00"), mirror, policy, document_id=1)
    assert rec.exception_types() == {ExceptionType.UNEXPECTED_CHARGE}
    assert rec.exceptions[0].amount == D("80.00")
    assert propose_invoice_action(rec).kind is ProposalKind.INVOICE_HOLD


@pytest.mark.parametrize(("amount", "passes"), [("3.00", True), ("6.00", False)])
def test_packaging_passes_only_when_small_against_the_goods_too(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory, amount: str, passes: bool
) -> None:
    # GIVEN 70.00 of goods and packaging no PO line covers, well under the policy's 25.00: 4.3 % or 8.6 % of
    # the goods (the second a small-order surcharge by another name)
    rec = reconcile_invoice(
        _with_line(invoice_factory(), "Verpackungskosten", amount), mirror, policy, document_id=1
    )
    assert rec.lines[-1].charge_kind == "packaging"
    # THEN the small share passes as a tolerance; the larger waits for a person
    assert (rec.exception_types() == set()) is passes
    assert passes or rec.exception_types() == {ExceptionType.UNEXPECTED_CHARGE}


def test_a_surcharge_no_policy_covers_waits_for_a_person(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    rec = reconcile_invoice(
        _with_line(invoice_factory(), "Energiezuschlag", "4.00"), mirror, policy, document_id=1
    )
    assert rec.exception_types() == {ExceptionType.UNEXPECTED_CHARGE}


def test_goods_named_like_a_charge_stay_goods(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN an unordered item billed 100 times whose name contains a freight word
    rec = reconcile_invoice(
        _with_line(invoice_factory(), "Versandkarton 40x30 cm", "45.00", "100"), mirror, policy, document_id=1
    )
    assert rec.exception_types() == {ExceptionType.UNMATCHED_LINE}


def test_freight_covered_by_a_po_freight_line_needs_no_tolerance(policy: TolerancePolicy) -> None:
    from tests.reconcile.conftest import build_mirror, make_invoice

    mirror = build_mirror()
    mirror.add_po_line(PurchaseOrderLineRecord(102, 10, 3, D(1), D("15.00"), None, "Freight / carriage"))
    mirror.add_receipt_line(ReceiptLineRecord(102, D(1)))
    invoice = make_invoice()
    invoice = invoice.model_copy(
        update={
            "charges": [
                AllowanceChargeExtraction(kind="charge", reason="Fracht", reason_code="FC", amount=D(15))
            ],
            "subtotal": D("85.00"),
            "tax_total": D("16.15"),
            "total": D("101.15"),
        }
    )
    rec = reconcile_invoice(invoice, mirror, policy, document_id=1)
    assert rec.exceptions == [] and rec.status is ReconciliationStatus.MATCHED


def test_document_level_allowances_and_charges_count_in_the_net_total(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN an e-invoice: lines 70.00, a 10 % discount (7.00) and freight 5.00 on the document: net 68.00
    invoice = invoice_factory(
        subtotal=D("68.00"),
        charges=[
            AllowanceChargeExtraction(
                kind="allowance", reason="Rabatt", reason_code="95", amount=D(7), percent=D(10)
            ),
            AllowanceChargeExtraction(kind="charge", reason="Versand", reason_code="FC", amount=D(5)),
        ],
    )
    rec = reconcile_invoice(invoice, mirror, policy, document_id=1)
    assert rec.exceptions == []
    [total] = [c for c in rec.checks if c.name == "total_matches_lines"]
    assert total.passed is True


def test_a_net_total_below_the_lines_never_requests_a_credit_note(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN a discount printed only under the lines: the net total is 10.00 less than the lines
    rec = reconcile_invoice(invoice_factory(subtotal=D("60.00")), mirror, policy, document_id=1)
    # THEN the vendor bills less: no total variance, no request for a 0.00 credit note
    assert rec.exceptions == []
    assert propose_invoice_action(rec).kind is ProposalKind.INVOICE_APPROVE


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_names_its_discounts_and_freight(language: str) -> None:
    data = charge_lexicon()
    assert data.patterns and "allowance" in data.kinds and "freight" in data.kinds
    import tomllib
    from importlib.resources import files

    raw = tomllib.loads((files("opsloop.reconcile") / "lexicon" / "charges.toml").read_text(encoding="utf-8"))
    assert raw[language]["allowance"] and raw[language]["freight"], language


def test_charge_words_are_classified_as_whole_words() -> None:
    assert classify_line(InvoiceLineExtraction(description="Frais de port"), D(9)) == "freight"
    assert classify_line(InvoiceLineExtraction(description="Verpackungspauschale"), D(9)) == "packaging"
    assert classify_line(InvoiceLineExtraction(description="Transportbox blau", quantity=D(20)), D(9)) is None
    assert classify_line(InvoiceLineExtraction(description="anything"), D(-1)) == "allowance"


# --------------------------------------------------------------------------- line matching


def test_the_buyers_item_id_matches_our_sku(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    invoice = invoice_factory()
    for line, ours in zip(invoice.lines, ("A-100", "B-200"), strict=True):
        line.sku, line.buyer_sku = f"VENDOR-{ours}", ours
    rec = reconcile_invoice(invoice, mirror, policy, document_id=1)
    assert rec.exceptions == [] and {m.method for m in rec.lines} == {"buyer_sku"}


def test_one_po_line_billed_as_two_invoice_lines(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    invoice = invoice_factory(
        lines=[
            (None, "Steel bolts M8 x 40", "60", "0.50"),
            (None, "Steel bolts M8 x 40 (rest)", "40", "0.50"),
            NUTS,
        ]
    )
    rec = reconcile_invoice(invoice, mirror, policy, document_id=1)
    assert rec.exceptions == []
    assert [m.po_line_id for m in rec.lines] == [100, 100, 101]


def test_a_unit_price_printed_rounded_is_not_a_price_variance(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN a PO price of 0.125 printed as 0.13, the amount exact (100 x 0.125 = 12.50)
    mirror.add_po_line(PurchaseOrderLineRecord(101, 10, 2, D(100), D("0.125"), "B-200", "Hex nuts M8"))
    invoice = invoice_factory(lines=[BOLTS, ("B-200", "Hex nuts M8", "100", "0.13")])
    invoice.lines[1].amount = D("12.50")
    invoice.subtotal, invoice.tax_total, invoice.total = D("62.50"), D("11.88"), D("74.38")
    rec = reconcile_invoice(invoice, mirror, policy, document_id=1)
    assert rec.exceptions == [] and rec.status is ReconciliationStatus.MATCHED
    assert rec.lines[1].price_variance == 0 and rec.lines[1].invoiced_unit_price == D("0.13")


def test_a_price_really_above_the_po_is_still_a_variance(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    rec = reconcile_invoice(
        invoice_factory(lines=[BOLTS, ("B-200", "Hex nuts M8", "100", "0.25")]), mirror, policy
    )
    assert ExceptionType.PRICE_VARIANCE in rec.exception_types()


def test_a_price_of_fractions_of_a_cent_is_quoted_as_precisely_as_it_is_known(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN screws ordered at 0.0440 a piece (44.00 per 1000) and invoiced at 0.0462 (46.20 per 1000)
    mirror.add_po_line(PurchaseOrderLineRecord(101, 10, 2, D(5000), D("0.0440"), "B-200", "Hex nuts M8"))
    mirror.add_receipt_line(ReceiptLineRecord(101, D(5000)))
    invoice = invoice_factory(lines=[BOLTS, ("B-200", "Hex nuts M8", "5000", "0.0462")])
    invoice.lines[1].amount = D("231.00")
    invoice.subtotal, invoice.tax_total, invoice.total = D("281.00"), D("53.39"), D("334.39")
    rec = reconcile_invoice(invoice, mirror, policy, document_id=1)
    # THEN the hold quotes both prices to the tenth of a cent, not as 0.05 against 0.04
    found = [e for e in rec.exceptions if e.type is ExceptionType.PRICE_VARIANCE]
    assert (
        found and "unit price 0.0462 is 0.0022 (5.00%) above the PO-1001 price 0.0440" in found[0].sentence
    ), found


def test_a_unit_the_erp_converts_is_compared_in_po_units(
    policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    from tests.reconcile.conftest import build_mirror

    # GIVEN gloves ordered in boxes of 12 (20 boxes at 48.00), the ERP converting boxes into pieces
    mirror = build_mirror()
    mirror.add_po_line(
        PurchaseOrderLineRecord(
            120, 12, 1, D(20), D("48.00"), "D-400", "Safety gloves", None, "BX", None, None, "PCE", D(12)
        )
    )
    mirror.add_receipt_line(ReceiptLineRecord(120, D(20)))
    # WHEN the vendor invoices 240 pieces at 4.00
    invoice = invoice_factory(po_numbers=["PO-1003"], lines=[("D-400", "Safety gloves", "240", "4.00")])
    invoice.lines[0].unit = "Stk"
    rec = reconcile_invoice(invoice, mirror, policy, document_id=1)
    # THEN 240 pieces are 20 boxes at 48.00: no variance, the conversion recorded
    assert rec.exceptions == [], rec.exceptions
    assert rec.lines[0].invoiced_qty == D(20) and rec.lines[0].unit_factor == D(12)


def test_units_are_known_by_their_printed_names() -> None:
    assert unit_code("Stk") == unit_code("pcs") == unit_code("H87") == "C62"
    assert unit_code("Karton") == unit_code("BX") == "XBX"
    assert unit_code("kg") == "KGM" and unit_code("Widget") == "WIDGET"


def test_a_line_amount_above_its_quantity_at_the_po_price_is_a_price_variance(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Callable[..., InvoiceExtraction]
) -> None:
    # GIVEN PO-1001's lines billed at the PO's unit prices, one line's amount twice quantity x price (the
    # net, VAT and total follow the amounts: what would be paid is the amount)
    invoice = invoice_factory()
    doubled = invoice.lines[0].model_copy(update={"amount": D("100.00")})
    net = D("120.00")
    invoice = invoice.model_copy(
        update={
            "lines": [doubled, invoice.lines[1]],
            "subtotal": net,
            "tax_total": D("22.80"),
            "total": D("142.80"),
        }
    )
    rec = reconcile_invoice(invoice, mirror, policy, document_id=3)
    # THEN the line is a price variance: never approved as matching
    assert ExceptionType.PRICE_VARIANCE in rec.exception_types()
    # AND an amount that is the quantity at the PO price (a unit price printed rounded) is no variance
    exact = invoice_factory(
        lines=[("A-100", "Steel bolts M8 x 40", "100", "0.495"), ("B-200", "Hex nuts M8", "100", "0.20")]
    )
    exact = exact.model_copy(
        update={"lines": [exact.lines[0].model_copy(update={"amount": D("50.00")}), exact.lines[1]]}
    )
    assert (
        ExceptionType.PRICE_VARIANCE
        not in reconcile_invoice(exact, mirror, policy, document_id=3).exception_types()
    )
