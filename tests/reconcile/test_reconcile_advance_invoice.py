"""An advance-payment invoice (a deposit asked before delivery) bills no goods: it goes to a person, is not
matched against receipts, and counts nothing as billed on the PO — so the final invoice, billing the goods in
full less the advance, is not taken for a second bill of them (evals/decisions5: a machine's 30 % deposit,
then its final invoice held as `po_fully_billed`)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from opsloop.domain.erp import ExceptionType, TolerancePolicy
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.reconcile import Mirror, propose_invoice_action, reconcile_invoice

D = Decimal
Factory = Callable[..., InvoiceExtraction]
GOODS = [("A-100", "Steel bolts M8 x 40", "100", "0.50"), ("B-200", "Hex nuts M8", "100", "0.20")]


def _failed(rec: object) -> set[str]:
    return {c.name for c in rec.checks if c.passed is False}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("title", "line"),
    [
        ("ANZAHLUNGSRECHNUNG", "Anzahlung 30 % auf Ihre Bestellung PO-1001"),
        ("Facture d'acompte N° FA-12", "Commande PO-1001 : 30 %"),
        ("Invoice INV-77", "Down payment 30 % as per your order PO-1001"),
    ],
)
def test_an_advance_invoice_goes_to_a_person_and_bills_nothing_on_the_po(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory, title: str, line: str
) -> None:
    # GIVEN a deposit of 21.00 (30 % of PO-1001's 70.00), titled so or billing an advance on its only line
    deposit = invoice_factory(
        lines=[(None, line, "1", "21.00")], invoice_number="AZ-7", extraction_method="rules"
    )
    text = f"ACME Fasteners GmbH\n\n{title}\nNr. AZ-7\n{line}   21,00\n"
    rec = reconcile_invoice(deposit, mirror, policy, document_id=3, document_text=text)
    # THEN nothing holds it, a check sends it to a person, and it bills none of the PO's goods
    assert rec.exceptions == []
    assert "not_an_advance_invoice" in _failed(rec)
    assert "21.00 (30 % of PO-1001" in next(
        c.sentence for c in rec.checks if c.name == "not_an_advance_invoice"
    )
    assert rec.billed_lines() == ()
    assert propose_invoice_action(rec, deposit).payload.get("action") == "approve_payment"
    mirror.record(deposit, rec)
    # AND the final invoice — the goods in full less the advance — is no second bill of them
    final = invoice_factory(
        lines=[*GOODS, (None, "Less advance payment, advance invoice AZ-7", "1", "-21.00")],
        invoice_number="INV-78",
        subtotal=D("49.00"),
        extraction_method="rules",
    )
    text = "INVOICE INV-78\nLess advance payment, advance invoice AZ-7   -21.00\nNet 49.00\n"
    rec = reconcile_invoice(final, mirror, policy, document_id=4, document_text=text)
    assert ExceptionType.PO_FULLY_BILLED not in rec.exception_types()
    assert rec.exceptions == []
    assert "no_advance_payment_deducted" in _failed(rec)  # a person matches it with the advance paid


def test_an_invoice_for_goods_is_no_advance_invoice(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    invoice = invoice_factory(extraction_method="rules")
    text = "RECHNUNG INV-0042\nBei Aufträgen über 5.000 EUR bitten wir um eine Anzahlung.\n"
    rec = reconcile_invoice(invoice, mirror, policy, document_id=3, document_text=text)
    assert "not_an_advance_invoice" not in _failed(rec)
    assert rec.exceptions == [] and len(rec.billed_lines()) == 2


def test_an_advance_above_the_orders_value_is_over_invoiced(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    deposit = invoice_factory(
        lines=[(None, "Anzahlung auf PO-1001", "1", "90.00")], extraction_method="rules"
    )
    rec = reconcile_invoice(deposit, mirror, policy, document_id=3, document_text="Anzahlungsrechnung 12\n")
    assert ExceptionType.OVER_INVOICED in rec.exception_types()
    assert propose_invoice_action(rec, deposit).payload.get("action") != "approve_payment"


def test_a_deposits_approval_says_what_the_deposit_is_and_never_that_it_matches_the_po(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN a deposit of 21.00 on PO-1001, titled an advance-payment invoice
    deposit = invoice_factory(
        lines=[(None, "Anzahlung 30 % auf Ihre Bestellung PO-1001", "1", "21.00")],
        invoice_number="AZ-7",
        extraction_method="rules",
    )
    text = "ACME Fasteners GmbH\n\nANZAHLUNGSRECHNUNG\nNr. AZ-7\nAnzahlung   21,00\n"
    rec = reconcile_invoice(deposit, mirror, policy, document_id=3, document_text=text)
    # WHEN its approval is proposed
    summary = propose_invoice_action(rec, deposit).summary
    # THEN the review text says it is a deposit, what share of the PO it asks, and that nothing was matched
    assert "matches PO" not in summary and "exactly" not in summary
    assert summary.startswith("Invoice AZ-7 is a deposit on PO PO-1001, not a bill for goods.")
    assert "21.00 (30 % of PO-1001's net 70.00) asked before delivery" in summary
