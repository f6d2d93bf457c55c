"""An article number printed in the description's cell ("A-100 Schrauben verzinkt") or a whole cell read as the
SKU ("B-200 Muttern") names the PO line it bills, where the PO's wording is another (decisions seed 71: such
lines were held as `unmatched_line`)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from opsloop.domain.erp import ExceptionType, TolerancePolicy
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.reconcile import Mirror, reconcile_invoice

D = Decimal
Factory = Callable[..., InvoiceExtraction]


@pytest.mark.parametrize(
    "lines",
    [
        # the code opens the description; no SKU read
        [(None, "A-100 Schrauben verzinkt", "100", "0.50"), (None, "Muttern (B-200)", "100", "0.20")],
        # the glued cell read whole as the SKU
        [
            ("A-100 Schrauben verzinkt", "A-100 Schrauben verzinkt", "100", "0.50"),
            ("B-200 Muttern", None, "100", "0.20"),
        ],
    ],
)
def test_a_po_lines_code_in_the_description_cell_matches_it(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory, lines: list[tuple[str | None, ...]]
) -> None:
    # GIVEN PO-1001's A-100 (100 at 0.50) and B-200 (100 at 0.20), billed in other words than the PO's
    invoice = invoice_factory(lines=lines, subtotal=D("70.00"), extraction_method="rules")
    # WHEN it is reconciled
    rec = reconcile_invoice(invoice, mirror, policy, document_id=3)
    # THEN each line is the PO line its code names
    assert rec.exceptions == []
    assert [m.method for m in rec.lines] == ["sku", "sku"]


def test_a_code_no_po_line_carries_matches_nothing(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN a line whose description names an article the PO does not order
    lines = [(None, "Z-900 Dübel", "100", "0.50"), ("B-200", "Hex nuts M8", "100", "0.20")]
    invoice = invoice_factory(lines=lines, subtotal=D("70.00"), extraction_method="rules")
    rec = reconcile_invoice(invoice, mirror, policy, document_id=3)
    # THEN it stays unmatched
    assert ExceptionType.UNMATCHED_LINE in rec.exception_types()
