"""GIVEN an approval's payload WHEN a connector reads its invoice lines THEN every connector reads the
same lines, PO references and fallbacks (opsloop.erp.writeback)."""

from decimal import Decimal

import pytest

from opsloop.erp.protocol import PushRejected
from opsloop.erp.writeback import invoice_lines, net_line, po_numbers


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
