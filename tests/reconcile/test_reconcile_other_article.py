"""An invoice line printing an article number no PO line has, matched to a PO line only by its alike description,
while the invoice's other lines name the ordered articles by their numbers: another article than ordered (a
substitute, a successor model) that the buyer accepts first (decisions8 `substitute_article`: approved on its own
as "matches PO exactly")."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from opsloop.domain.erp import ExceptionType, TolerancePolicy
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.reconcile import Mirror, reconcile_invoice

D = Decimal
Factory = Callable[..., InvoiceExtraction]


def test_another_article_number_beside_the_ordered_ones_is_held(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN PO-1001's A-100 billed as article A-100-R2 (its successor, described alike) beside B-200 by its number
    lines = [
        ("A-100-R2", "Steel bolts M8 x 40 (gen. 2)", "100", "0.50"),
        ("B-200", "Hex nuts M8", "100", "0.20"),
    ]
    invoice = invoice_factory(lines=lines, subtotal=D("70.00"))
    # WHEN it is reconciled
    rec = reconcile_invoice(invoice, mirror, policy, document_id=3)
    # THEN the line is held as another article than ordered, both numbers named
    assert rec.exception_types() == {ExceptionType.UNMATCHED_LINE}
    sentence = rec.exceptions[0].sentence
    assert "A-100-R2" in sentence and "article A-100" in sentence and "another article" in sentence
    # AND a vendor whose own article numbers are on every line (none of them ours), described as ordered, is not
    # held: its numbers are its own, not another article
    lines = [("V-77101", "Steel bolts M8 x 40", "100", "0.50"), ("V-77102", "Hex nuts M8", "100", "0.20")]
    rec = reconcile_invoice(invoice_factory(lines=lines, subtotal=D("70.00")), mirror, policy, document_id=3)
    assert rec.exceptions == []
    assert [m.method for m in rec.lines] == ["description", "description"]
