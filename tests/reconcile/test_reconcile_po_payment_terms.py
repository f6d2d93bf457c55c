"""A payment term agreed on the purchase order wins over the vendor's default: the invoice is scheduled
by the term its own PO carries, the warning names that PO, and POs that disagree are said in words."""

from __future__ import annotations

from datetime import date

from opsloop.domain.erp import ExceptionType, ReconciliationStatus
from opsloop.domain.invoices import PaymentTermsExtraction
from opsloop.domain.proposals import ProposalKind
from opsloop.reconcile import default_policy, propose_invoice_action, reconcile_invoice
from tests.reconcile.conftest import build_mirror, make_invoice

ISSUED = date(2026, 3, 5)


def _terms(text: str, days: int) -> PaymentTermsExtraction:
    return PaymentTermsExtraction.model_validate({"text": text, "net_days": days})


def test_the_term_agreed_on_the_po_wins_over_the_vendors_default() -> None:
    # GIVEN 14 days agreed with ACME by default, 45 days negotiated on PO-1001, an invoice asking for 30
    mirror = build_mirror(acme_terms_days=14, po_terms_days={"PO-1001": 45})
    invoice = make_invoice(payment_terms=_terms("Net 30", 30))
    # WHEN reconciled and proposed
    rec = reconcile_invoice(invoice, mirror, default_policy(), document_id=1)
    proposal = propose_invoice_action(rec, invoice)
    # THEN payment waits for the PO's 45 days (never the vendor's 14), and the warning names the PO
    assert rec.status is ReconciliationStatus.MATCHED and proposal.kind is ProposalKind.INVOICE_APPROVE
    assert rec.payment is not None
    assert (rec.payment.agreed_days, rec.payment.agreed_on) == (45, "PO-1001")
    assert rec.payment.payment_date == date(2026, 4, 19)
    [warning] = rec.warnings
    assert warning.type is ExceptionType.PAYMENT_TERMS
    assert warning.sentence == (
        "The invoice asks for 30 days net (due 2026-04-04), sooner than the 45 days agreed on PO PO-1001: "
        "payment is scheduled for 2026-04-19, the agreed date."
    )
    assert proposal.payload["payment_date"] == "2026-04-19"


def test_a_po_without_its_own_term_keeps_the_vendors_default() -> None:
    mirror = build_mirror(acme_terms_days=30, po_terms_days={"PO-1002": 60})
    rec = reconcile_invoice(make_invoice(), mirror, default_policy(), document_id=1)
    assert rec.payment is not None
    assert (rec.payment.agreed_days, rec.payment.agreed_on) == (30, None)
    assert rec.payment.payment_date == date(2026, 4, 4) and rec.warnings == []


def test_a_shorter_term_on_the_po_lets_the_invoice_be_paid_on_its_own_due_date() -> None:
    # GIVEN 60 days by default but 10 days agreed on PO-1001: an invoice due in 10 days is not pushed out
    mirror = build_mirror(acme_terms_days=60, po_terms_days={"PO-1001": 10})
    invoice = make_invoice(due_date=date(2026, 3, 15), payment_terms=_terms("10 Tage netto", 10))
    rec = reconcile_invoice(invoice, mirror, default_policy(), document_id=1)
    assert rec.warnings == [] and rec.payment is not None
    assert rec.payment.payment_date == date(2026, 3, 15)


def test_pos_with_different_terms_are_paid_by_the_longest_and_said_in_words() -> None:
    # GIVEN one invoice billing PO-1001 (30 days) and PO-1003 (60 days)
    mirror = build_mirror(po_terms_days={"PO-1001": 30, "PO-1003": 60})
    invoice = make_invoice(
        lines=[
            ("A-100", "Steel bolts M8 x 40", "100", "0.50"),
            ("D-400", "Safety gloves, size L", "20", "4.00"),
        ],
        po_numbers=["PO-1001", "PO-1003"],
    )
    rec = reconcile_invoice(invoice, mirror, default_policy(), document_id=1)
    assert rec.payment is not None and rec.payment.agreed_days == 60
    assert rec.payment.agreed_on == "PO-1003"
    sentences = [w.sentence for w in rec.warnings if w.type is ExceptionType.PAYMENT_TERMS]
    assert sentences == [
        "The invoice bills purchase orders with different agreed payment terms (60 days on PO-1003; "
        "30 days on PO-1001): payment is scheduled by the longest, 60 days. A person checks which term "
        "applies."
    ]
