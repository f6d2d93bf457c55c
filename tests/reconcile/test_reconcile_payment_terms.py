"""The due date an AP lead can trust: the printed due date against the printed terms (a warning, never a
hold), both against the terms agreed with the vendor (payment on the agreed date, never earlier), and
the early-payment discount shown without changing the amount posted."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from opsloop.domain.erp import (
    ExceptionType,
    ReconciliationStatus,
)
from opsloop.domain.invoices import PaymentTermsExtraction
from opsloop.domain.proposals import ProposalKind
from opsloop.reconcile import Mirror, default_policy, propose_invoice_action, reconcile_invoice
from tests.reconcile.conftest import build_mirror, make_invoice

D = Decimal
ISSUED = date(2026, 3, 5)


def _mirror(agreed_days: int | None) -> Mirror:
    return build_mirror(acme_terms_days=agreed_days)


def _terms(text: str, **values: object) -> PaymentTermsExtraction:
    return PaymentTermsExtraction.model_validate({"text": text, **values})


def test_a_due_date_the_printed_terms_contradict_is_a_warning_in_plain_words_not_a_hold() -> None:
    # GIVEN an invoice that says 30 days net but prints a due date 14 days after its date
    invoice = make_invoice(due_date=date(2026, 3, 19), payment_terms=_terms("Net 30", net_days=30))
    # WHEN reconciled (no agreed term in the ERP)
    rec = reconcile_invoice(invoice, _mirror(None), default_policy(), document_id=1)
    # THEN it is still matched and proposed for payment, with the contradiction said in words
    assert rec.status is ReconciliationStatus.MATCHED, rec.exceptions
    [warning] = rec.warnings
    assert warning.type is ExceptionType.PAYMENT_TERMS
    assert warning.sentence.startswith(
        "The invoice says 30 days net but prints a due date 14 days after the invoice date (2026-03-19)"
    )
    proposal = propose_invoice_action(rec, invoice)
    assert proposal.kind is ProposalKind.INVOICE_APPROVE
    assert warning.sentence in proposal.summary
    # AND with no agreed term nothing is invented: the printed due date is the payment date
    assert rec.payment is not None and rec.payment.agreed_due_date is None
    assert proposal.payload["payment_date"] == "2026-03-19"


def test_terms_that_agree_with_the_due_date_say_nothing() -> None:
    invoice = make_invoice(due_date=date(2026, 4, 4), payment_terms=_terms("Net 30", net_days=30))
    rec = reconcile_invoice(invoice, _mirror(30), default_policy(), document_id=1)
    assert rec.warnings == [] and rec.payment is not None
    assert rec.payment.payment_date == date(2026, 4, 4) and rec.payment.agreed_due_date == date(2026, 4, 4)


def test_a_due_date_sooner_than_the_agreed_terms_is_paid_on_the_agreed_date() -> None:
    # GIVEN 30 days agreed with the vendor in the ERP, and an invoice asking for payment in 14
    invoice = make_invoice(due_date=date(2026, 3, 19), payment_terms=_terms("14 Tage netto", net_days=14))
    # WHEN reconciled and proposed
    rec = reconcile_invoice(invoice, _mirror(30), default_policy(), document_id=1)
    proposal = propose_invoice_action(rec, invoice)
    # THEN payment is scheduled on the agreed date (never earlier) and the proposal says so
    assert rec.status is ReconciliationStatus.MATCHED
    assert rec.payment is not None and rec.payment.payment_date == date(2026, 4, 4)
    assert proposal.payload["payment_date"] == "2026-04-04"
    assert proposal.payload["due_date"] == "2026-03-19"
    [warning] = rec.warnings
    assert warning.sentence == (
        "The invoice asks for payment by 2026-03-19, 14 days after the invoice date, sooner than the 30 days "
        "agreed with ACME Fasteners GmbH: payment is scheduled for 2026-04-04, the agreed date."
    )
    assert proposal.summary.count("scheduled for 2026-04-04") == 1  # said once, by the warning
    assert proposal.working["payment"]["agreed_days"] == 30


def test_terms_without_a_printed_due_date_give_the_due_date_and_a_later_one_is_kept() -> None:
    # GIVEN only printed terms (60 days) and 30 days agreed: the invoice's own later date stands
    invoice = make_invoice(payment_terms=_terms("Net 60", net_days=60))
    rec = reconcile_invoice(invoice, _mirror(30), default_policy(), document_id=1)
    assert rec.warnings == [] and rec.payment is not None
    assert (rec.payment.invoice_due_date, rec.payment.due_date_from) == (date(2026, 5, 4), "terms")
    assert rec.payment.payment_date == date(2026, 5, 4)
    # AND an invoice printing neither is paid on the agreed date
    bare = reconcile_invoice(make_invoice(), _mirror(30), default_policy(), document_id=1)
    assert bare.payment is not None and bare.payment.payment_date == date(2026, 4, 4) and bare.warnings == []
    assert "Payment is scheduled for 2026-04-04." in propose_invoice_action(bare).summary


def test_an_early_payment_discount_is_shown_and_never_changes_the_amount_posted() -> None:
    # GIVEN 2 % discount within 10 days on an invoice of 83.30
    invoice = make_invoice(
        payment_terms=_terms(
            "2 % Skonto bei Zahlung binnen 10 Tagen, 30 Tage netto",
            net_days=30,
            discount_percent=D(2),
            discount_days=10,
        )
    )
    rec = reconcile_invoice(invoice, _mirror(30), default_policy(), document_id=1)
    proposal = propose_invoice_action(rec, invoice)
    # THEN the discount's amount (Decimal, to the cent) and last day are shown
    assert rec.payment is not None and rec.payment.discount is not None
    assert rec.payment.discount.amount == D("1.67") and isinstance(rec.payment.discount.amount, Decimal)
    assert rec.payment.discount.last_day == date(2026, 3, 15)
    assert proposal.payload["early_payment_discount"] == {
        "percent": "2",
        "amount": "1.67",
        "last_day": "2026-03-15",
    }
    assert "2 % early-payment discount (1.67 EUR) if paid by 2026-03-15" in proposal.summary
    # AND the amount posted is the invoice's total
    assert proposal.payload["amount"] == str(invoice.total) == "83.30"
    assert proposal.amount == invoice.total


def test_a_credit_note_gets_no_payment_schedule() -> None:
    invoice = make_invoice(document_type="credit_note", payment_terms=_terms("Net 30", net_days=30))
    rec = reconcile_invoice(invoice, _mirror(30), default_policy(), document_id=1)
    assert rec.payment is None
    assert all(w.type is not ExceptionType.PAYMENT_TERMS for w in rec.warnings)
