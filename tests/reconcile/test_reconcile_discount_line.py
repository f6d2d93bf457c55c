"""A discount printed as a line of its own ("Special discount 5 %") under lines at list prices, where the PO
holds the prices net of it: the lines' prices less that discount are the PO's, not a price variance
(evals/decisions5: held as `price_variance` on every line before)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from opsloop.domain.erp import ExceptionType, TolerancePolicy
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.reconcile import Mirror, propose_invoice_action, reconcile_invoice

D = Decimal
Factory = Callable[..., InvoiceExtraction]


def _listed(
    a: str, b: str, off_line: tuple[str | None, str, str, str]
) -> list[tuple[str | None, str, str, str]]:
    return [("A-100", "Steel bolts M8 x 40", "100", a), ("B-200", "Hex nuts M8", "100", b), off_line]


@pytest.mark.parametrize("words", ["Special discount 5 %", "Sonderrabatt 5 %", "Remise exceptionnelle 5 %"])
def test_list_prices_less_a_discount_line_are_the_pos_prices(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory, words: str
) -> None:
    # GIVEN PO-1001 at 0.50 and 0.20; the invoice prints list prices 0.5263 and 0.2105 (5 % more) and a
    # negative line taking 5 % of the goods (73.68) off: net 70.00, the PO's
    lines = _listed("0.5263", "0.2105", (None, words, "1", "-3.68"))
    invoice = invoice_factory(lines=lines, subtotal=D("70.00"), extraction_method="rules")
    rec = reconcile_invoice(invoice, mirror, policy, document_id=3)
    # THEN it matches within tolerance, the check saying why
    assert rec.exceptions == []
    [check] = [c for c in rec.checks if c.name == "list_prices_less_discount"]
    assert check.passed is True and "Lines 1, 2" in check.sentence
    assert propose_invoice_action(rec, invoice).payload.get("action") == "approve_payment"


@pytest.mark.parametrize(
    ("a", "b", "off_line"),
    [
        # the same list prices less an advance payment deducted: no discount on the prices
        ("0.5263", "0.2105", (None, "Less advance payment, invoice AZ-7", "1", "-3.68")),
        # prices 10 % above the PO, a 5 % discount does not bring them down to it
        ("0.55", "0.22", (None, "Special discount 5 %", "1", "-3.85")),
    ],
)
def test_a_discount_line_explains_no_other_price_variance(
    mirror: Mirror,
    policy: TolerancePolicy,
    invoice_factory: Factory,
    a: str,
    b: str,
    off_line: tuple[str | None, str, str, str],
) -> None:
    invoice = invoice_factory(lines=_listed(a, b, off_line), extraction_method="rules")
    rec = reconcile_invoice(invoice, mirror, policy, document_id=3)
    assert ExceptionType.PRICE_VARIANCE in rec.exception_types()
