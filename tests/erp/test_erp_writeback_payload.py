"""GIVEN an approval's payload WHEN a connector reads its invoice lines THEN every connector reads the
same lines, PO references and fallbacks (opsloop.erp.writeback)."""

from decimal import Decimal

import pytest

from opsloop.erp.protocol import PushRejected
from opsloop.erp.writeback import (
    invoice_lines,
    line_gaps,
    net_line,
    po_numbers,
    printed_amounts,
    rounding_gap,
    rounding_limit,
)
from opsloop.reconcile.policies import default_policy


def test_lines_are_read_with_their_po_references_and_computed_amounts() -> None:
    payload = {
        "po_numbers": ["PO-2"],
        "lines": [
            {"position": 1, "description": "Bolts", "quantity": "10", "unit_price": "0.45",
             "po_line": {"po_number": "PO-1", "line_no": 2}},
            {"position": 2, "sku": "FRT", "amount": "12.50", "tax_rate": "19", "po_line": None},
        ],
    }  # fmt: skip
    lines = invoice_lines(payload)
    assert lines is not None
    bolts, freight = lines
    assert (bolts.amount, bolts.po_ref, bolts.price_per(Decimal(10), None)) == (
        Decimal("4.50"),
        ("PO-1", 2),
        Decimal("0.45"),
    )
    assert (freight.description, freight.unmatched_amount(), freight.tax_rate) == (
        "FRT",
        Decimal("12.50"),
        19,
    )
    assert po_numbers(payload, lines) == ["PO-2", "PO-1"]


def test_a_payload_without_lines_falls_back_and_a_malformed_one_is_refused() -> None:
    assert invoice_lines({"po_numbers": ["PO-1"]}) is None
    with pytest.raises(PushRejected, match="not a list of invoice lines"):
        invoice_lines({"lines": "Bolts 4.50"})
    [blank] = invoice_lines({"lines": [{"description": "Service"}]}) or []
    with pytest.raises(PushRejected, match=r"invoice line 1 \(Service\) has no amount"):
        blank.unmatched_amount()


def test_an_invoice_without_extracted_lines_is_one_net_line_at_its_tax_rate() -> None:
    whole = net_line({"invoice_number": "RE-7", "net_amount": "100.00", "tax_amount": "19.00"})
    assert whole is not None and (whole.amount, whole.tax_rate) == (Decimal("100.00"), Decimal("19.00"))
    assert "RE-7" in whole.description and net_line({"invoice_number": "RE-8"}) is None


def test_the_erps_figure_is_brought_to_the_printed_one_within_the_policys_rounding_only() -> None:
    # GIVEN the policy's five cents of rounding (the outbox puts it on the payload)
    payload = {"erp_rounding_abs": "0.05", "net_amount": "167.87", "tax_amount": "31.90", "amount": "199.77"}
    limit = rounding_limit(payload)
    printed = printed_amounts(payload, credit_note=False)
    # WHEN the ERP books a cent less (no four-place price reproduces 465 at 0.38 less 5 %)
    # THEN the gap is the cent to add
    assert rounding_gap("Tryton", "net", Decimal("167.86"), printed.net, limit) == Decimal("0.01")
    # WHEN it books another amount
    # THEN the push is refused with both figures, in one line a reviewer reads
    with pytest.raises(
        PushRejected, match=r"net of 167\.47 where the invoice prints 167\.87 \(\+0\.40"
    ) as refused:
        rounding_gap("Tryton", "net", Decimal("167.47"), printed.net, limit)
    assert "\n" not in str(refused.value) and "approve again" in str(refused.value)
    # a figure the page does not print is not compared
    assert rounding_gap("Tryton", "tax", Decimal("3.00"), None, limit) == 0


def test_a_credit_notes_printed_figures_are_negative_whatever_sign_the_page_prints() -> None:
    printed = printed_amounts(
        {"net_amount": "20.00", "tax_amount": "-3.80", "amount": None}, credit_note=True
    )
    assert (printed.net, printed.tax, printed.total) == (Decimal("-20.00"), Decimal("-3.80"), None)
    # an invoice paid together with its credit note: the invoice's own total is what the ERP books
    pair = {"net_amount": "100.00", "tax_amount": "19.00", "amount": "95.20", "invoice_amount": "119.00"}
    assert printed_amounts(pair, credit_note=False).total == Decimal("119.00")
    # a payload pushed without the policy's figure gets the packaged policy's
    assert rounding_limit({}) == Decimal("0.05") == default_policy().erp_rounding_abs


def test_line_gaps_pair_the_written_lines_with_the_printed_amounts() -> None:
    assert line_gaps(
        [Decimal("167.87"), None, Decimal("5.00")], [Decimal("167.86"), Decimal("4"), Decimal("5")]
    ) == [
        Decimal("0.01"),
        Decimal(0),
        Decimal(0),
    ]


def test_a_line_without_its_quantity_writes_the_amount_over_the_price() -> None:
    from opsloop.erp.writeback import invoice_lines

    deduction = {"position": 4, "description": "goods sent back", "quantity": None, "unit_price": "48.10",
                 "amount": "-96.20", "po_line": {"po_number": "B-1", "line_no": 1}}  # fmt: skip
    uneven = {"position": 5, "description": "lot", "quantity": None, "unit_price": "3.33", "amount": "10.00"}
    lines = invoice_lines({"lines": [deduction, uneven]}) or []
    assert [line.quantity for line in lines] == [Decimal(-2), None]
    assert lines[0].po_quantity == Decimal(-2)
