"""What the reconciler does when the extraction read less than the page prints: an invoice with only a
total, a PO number read short, a unit left unread, a charge printed beside the totals, a VAT id read as
the invoice number, descriptions that differ in their sizes, lines that name no PO."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from opsloop.domain.erp import (
    ExceptionType,
    PriorInvoiceRecord,
    PurchaseOrderLineRecord,
    PurchaseOrderRecord,
    ReceiptLineRecord,
    ReconciliationStatus,
    TolerancePolicy,
    VendorRecord,
)
from opsloop.domain.invoices import InvoiceExtraction, InvoiceLineExtraction, VendorExtraction
from opsloop.reconcile import Mirror, reconcile_invoice
from opsloop.reconcile.reconciler import numbers_agree

D = Decimal
Factory = Callable[..., InvoiceExtraction]
VAT, IBAN = "DE111111111", "DE89370400440532013000"


def _mirror(rate: str = "19") -> Mirror:
    vendor = VendorRecord(1, "V-1", "ACME GmbH", VAT, IBAN, "EUR")
    orders = [PurchaseOrderRecord(10, "4500005069", 1, "EUR", "received", date(2026, 2, 1))]
    lines = [
        PurchaseOrderLineRecord(
            100, 10, 1, D(10), D("10.00"), "A-1", "Hex bolt M8 x 40", None, None, D(rate), "S"
        ),
        PurchaseOrderLineRecord(
            101, 10, 2, D(20), D("48.00"), "B-2", "Gloves", None, "BX", D(rate), "S", "PCE", D(12)
        ),
    ]
    receipts = [ReceiptLineRecord(100, D(10)), ReceiptLineRecord(101, D(20))]
    return Mirror.from_records([vendor], orders, lines, receipts)


def _invoice(**values: object) -> InvoiceExtraction:
    data: dict[str, object] = {
        "vendor": VendorExtraction(name="ACME GmbH", vat_id=VAT, iban=IBAN),
        "invoice_number": "R-100",
        "invoice_date": date(2026, 3, 1),
        "po_numbers": ["4500005069"],
        "currency": "EUR",
    }
    data.update(values)
    if "subtotal" in values and "total" not in values:  # the amounts add up, at the PO's 19 %
        net = values["subtotal"]
        assert isinstance(net, Decimal)
        data["tax_total"] = (net * D("0.19")).quantize(D("0.01"))
        data["total"] = net + data["tax_total"]  # type: ignore[operator]
    return InvoiceExtraction(**data)  # type: ignore[arg-type]


def test_an_invoice_showing_only_its_total_is_compared_at_the_pos_rate(policy: TolerancePolicy) -> None:
    # GIVEN an invoice without lines or net amount, whose total is the PO's open value with 19 % VAT
    right = reconcile_invoice(_invoice(total=D("1261.40")), _mirror(), policy, document_id=1)
    assert right.exceptions == []
    # WHEN the total carries 25 % VAT instead, or is 8 % above
    for total in ("1325.00", "1362.31"):
        wrong = reconcile_invoice(_invoice(total=D(total)), _mirror(), policy, document_id=1)
        # THEN it is held: the amount is more than was ordered
        assert wrong.status is ReconciliationStatus.EXCEPTION, total


def test_an_invoice_with_no_amount_to_compare_is_never_matched(policy: TolerancePolicy) -> None:
    rec = reconcile_invoice(_invoice(), _mirror(), policy, document_id=1)
    assert rec.exception_types() == {ExceptionType.TOTAL_VARIANCE}


def test_a_po_number_read_short_is_found_printed_in_the_text(policy: TolerancePolicy) -> None:
    invoice = _invoice(
        po_numbers=["4500"],
        lines=[InvoiceLineExtraction(sku="A-1", quantity=D(10), unit_price=D(10), amount=D(100))],
        subtotal=D(100),
    )
    text = "Bestellung: 4500 005 069\n"
    rec = reconcile_invoice(invoice, _mirror(), policy, document_id=1, document_text=text)
    assert rec.po_numbers == ["4500005069"] and rec.exceptions == [] and rec.po_resolution == "found_in_text"
    # AND without the text it stays a PO that is not in the ERP
    assert (
        ExceptionType.MISSING_PO
        in reconcile_invoice(invoice, _mirror(), policy, document_id=1).exception_types()
    )


def test_a_line_without_its_unit_is_converted_when_its_price_is_a_piece_price(
    policy: TolerancePolicy,
) -> None:
    # GIVEN gloves ordered as 20 boxes of 12 at 48.00, billed as 240 at 4.00 with no unit read
    invoice = _invoice(
        lines=[InvoiceLineExtraction(sku="B-2", quantity=D(240), unit_price=D(4), amount=D(960))],
        subtotal=D(960),
    )
    rec = reconcile_invoice(invoice, _mirror(), policy, document_id=1)
    assert rec.exceptions == [] and rec.lines[0].unit_factor == D(12)
    # AND a box price billed per box is not converted
    boxes = _invoice(
        lines=[InvoiceLineExtraction(sku="B-2", quantity=D(20), unit_price=D(48), amount=D(960))],
        subtotal=D(960),
    )
    assert reconcile_invoice(boxes, _mirror(), policy, document_id=1).lines[0].unit_factor is None


def test_a_charge_printed_beside_the_totals_explains_the_net_total(policy: TolerancePolicy) -> None:
    # GIVEN lines of 100.00 and a net total of 107.08: freight printed under the table, not read as a line
    invoice = _invoice(
        lines=[InvoiceLineExtraction(sku="A-1", quantity=D(10), unit_price=D(10), amount=D(100))],
        subtotal=D("107.08"),
        tax_total=D("20.35"),
        total=D("127.43"),
    )
    text = "Sous-total  100,00\nFrais de port  7,08\nTotal HT  107,08\n"
    rec = reconcile_invoice(invoice, _mirror(), policy, document_id=1, document_text=text)
    # THEN it is freight within the policy, and VAT on it is expected too
    assert rec.exceptions == [], rec.exceptions
    assert rec.status is ReconciliationStatus.MATCHED_WITHIN_TOLERANCE
    # AND without such a line the difference is a total variance
    plain = reconcile_invoice(invoice, _mirror(), policy, document_id=1, document_text="Total HT 107,08\n")
    assert ExceptionType.TOTAL_VARIANCE in plain.exception_types()


def test_an_invoice_number_that_is_the_vendors_vat_id_makes_no_duplicate(policy: TolerancePolicy) -> None:
    mirror = _mirror()
    mirror.add_invoice(PriorInvoiceRecord(document_id=1, vendor_id=1, invoice_number=VAT, total=D(5)))
    invoice = _invoice(
        invoice_number=VAT,
        lines=[InvoiceLineExtraction(sku="A-1", quantity=D(10), unit_price=D(10), amount=D(100))],
        subtotal=D(100),
    )
    rec = reconcile_invoice(invoice, mirror, policy, document_id=2)
    assert ExceptionType.DUPLICATE not in rec.exception_types()
    [check] = [c for c in rec.checks if c.name == "invoice_number_read"]
    assert check.passed is None and "VAT id" in check.sentence


def test_descriptions_with_other_sizes_do_not_match(policy: TolerancePolicy) -> None:
    assert not numbers_agree("Hex bolt M10 x 40", "Hex bolt M8 x 40")
    assert numbers_agree("Hex bolt M8 x 40, 100 pcs", "Hex bolt M8x40")
    assert numbers_agree("Kabel 3G1,5", "Kabel 3G1.5 50 m") and numbers_agree("Gloves", "Gloves size 9")
    invoice = _invoice(
        po_numbers=[],
        lines=[
            InvoiceLineExtraction(
                description="Hex bolt M10 x 40", quantity=D(10), unit_price=D(10), amount=D(100)
            )
        ],
        subtotal=D(100),
    )
    rec = reconcile_invoice(invoice, _mirror(), policy, document_id=1)
    assert rec.po_resolution == "none" and ExceptionType.MISSING_PO in rec.exception_types()


def test_lines_that_name_no_po_fall_back_to_the_po_whose_open_value_is_the_amount(
    policy: TolerancePolicy,
) -> None:
    invoice = _invoice(
        po_numbers=[],
        lines=[
            InvoiceLineExtraction(description="Wartung", quantity=D(1), unit_price=D(1060), amount=D(1060))
        ],
        subtotal=D(1060),
    )
    rec = reconcile_invoice(invoice, _mirror(), policy, document_id=1)
    # THEN the PO is inferred (a person confirms), and the line that matches nothing says so
    assert rec.po_resolution == "inferred" and rec.po_numbers == ["4500005069"]
    assert ExceptionType.UNMATCHED_LINE in rec.exception_types()


def test_an_unread_total_is_never_paid(policy: TolerancePolicy) -> None:
    # GIVEN an invoice whose lines match, but whose total was not read
    invoice = _invoice(
        lines=[InvoiceLineExtraction(sku="A-1", quantity=D(10), unit_price=D(10), amount=D(100))],
        subtotal=D(100),
    )
    invoice = invoice.model_copy(update={"total": None, "tax_total": None})
    rec = reconcile_invoice(invoice, _mirror(), policy, document_id=1)
    assert rec.exception_types() == {ExceptionType.TOTAL_VARIANCE}
    assert "amount to pay is unknown" in rec.exceptions[0].sentence


def test_amounts_that_do_not_add_up_are_held(policy: TolerancePolicy) -> None:
    invoice = _invoice(
        lines=[InvoiceLineExtraction(sku="A-1", quantity=D(10), unit_price=D(10), amount=D(100))],
        subtotal=D(100),
        tax_total=D(19),
        total=D("129.00"),
    )
    rec = reconcile_invoice(invoice, _mirror(), policy, document_id=1)
    assert ExceptionType.TOTAL_VARIANCE in rec.exception_types()
    [check] = [c for c in rec.checks if c.name == "amounts_add_up"]
    assert check.passed is False


def test_without_lines_only_the_whole_received_or_open_value_matches(policy: TolerancePolicy) -> None:
    # GIVEN no lines and a net amount that is neither what was received nor what is open (1,060.00)
    part = reconcile_invoice(
        _invoice(subtotal=D(60), tax_total=D("11.40"), total=D("71.40")), _mirror(), policy, document_id=1
    )
    # THEN a person assigns it; the whole open value matches
    assert part.exception_types() == {ExceptionType.TOTAL_VARIANCE}
    whole = reconcile_invoice(
        _invoice(subtotal=D(1060), tax_total=D("201.40"), total=D("1261.40")),
        _mirror(),
        policy,
        document_id=1,
    )
    assert whole.exceptions == []


def test_an_invoice_without_lines_bills_what_its_amount_matches(policy: TolerancePolicy) -> None:
    # GIVEN a first invoice without lines for the whole PO, recorded
    mirror = _mirror()
    first = _invoice(invoice_number="R-1", subtotal=D(1060), tax_total=D("201.40"), total=D("1261.40"))
    rec = reconcile_invoice(first, mirror, policy, document_id=1)
    assert rec.exceptions == [] and {b.po_line_id: b.quantity for b in rec.billed_by_amount} == {
        100: 10,
        101: 20,
    }
    mirror.record(first, rec)
    # WHEN a second one for the same PO comes weeks later under another number
    second = first.model_copy(update={"invoice_number": "R-2", "invoice_date": date(2026, 5, 1)})
    # THEN the PO is billed in full: it is held
    assert reconcile_invoice(second, mirror, policy, document_id=2).exception_types() == {
        ExceptionType.PO_FULLY_BILLED
    }
