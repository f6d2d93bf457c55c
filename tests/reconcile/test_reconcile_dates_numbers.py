"""Dates and numbers an AP clerk reads: an invoice dated before its PO or in the future waits for a
person; the same number from a vendor whose numbering restarted with the year is not a duplicate, a
re-issue under the same number in the same year still is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from opsloop.domain.erp import BilledLine, ExceptionType, PriorInvoiceRecord, TolerancePolicy
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.reconcile import Mirror, propose_invoice_action, reconcile_invoice

D = Decimal
Factory = Callable[..., InvoiceExtraction]


def _failed(rec: object) -> set[str]:
    return {c.name for c in rec.checks if c.passed is False}  # type: ignore[attr-defined]


def test_an_invoice_dated_before_its_po_fails_a_check_and_is_not_held(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN PO-1001 raised on 2026-03-01
    mirror.orders[10] = replace(mirror.orders[10], order_date=date(2026, 3, 1))
    # WHEN its invoice is dated weeks before the order
    invoice = invoice_factory(invoice_date=date(2026, 2, 1))
    rec = reconcile_invoice(invoice, mirror, policy, document_id=3)
    # THEN a check fails (a person decides) but nothing is held: the goods and amounts match
    assert "invoice_dated_after_order" in _failed(rec) and not rec.exceptions
    assert propose_invoice_action(rec, invoice).payload["action"] == "approve_payment"
    # AND an invoice dated on or after the order passes
    rec = reconcile_invoice(invoice_factory(invoice_date=date(2026, 3, 5)), mirror, policy, document_id=3)
    assert "invoice_dated_after_order" not in _failed(rec)


def test_an_invoice_dated_in_the_future_fails_a_check(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    mirror.newest_date = date.today()  # an ERP synced today
    future = date.today() + timedelta(days=30)
    rec = reconcile_invoice(invoice_factory(invoice_date=future), mirror, policy, document_id=3)
    assert "invoice_date_not_in_future" in _failed(rec)
    rec = reconcile_invoice(invoice_factory(invoice_date=date.today()), mirror, policy, document_id=3)
    assert "invoice_date_not_in_future" not in _failed(rec)


def _prior(total: Decimal, day: date, po_line: int = 120) -> PriorInvoiceRecord:
    return PriorInvoiceRecord(
        document_id=4,
        vendor_id=1,
        invoice_number="INV-0042",
        invoice_date=day,
        total=total,
        billed=(BilledLine(po_line, D(20)),),
    )


def test_the_same_number_last_year_for_another_po_and_amount_is_not_a_duplicate(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN invoice INV-0042 of last December billed PO-1003 (line 120) for 95.20
    mirror.add_invoice(_prior(D("95.20"), date(2025, 12, 10)))
    # WHEN INV-0042 of March bills PO-1001 for 83.30 (the vendor's numbering restarted in January)
    rec = reconcile_invoice(invoice_factory(), mirror, policy, document_id=5)
    # THEN it is no duplicate
    assert ExceptionType.DUPLICATE not in rec.exception_types()


def test_the_same_number_stays_a_duplicate_in_the_same_year_or_for_the_same_po_or_amount(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    invoice = invoice_factory()
    assert invoice.total == D("83.30")
    for prior in (
        _prior(D("95.20"), date(2026, 1, 10)),  # the same year: a corrected re-issue
        _prior(D("83.30"), date(2025, 12, 10)),  # the same amount
        _prior(D("95.20"), date(2025, 12, 10), po_line=100),  # the same PO
    ):
        local = Mirror.from_records(
            mirror.vendors.values(), mirror.orders.values(), mirror.lines.values(), (), [prior]
        )
        rec = reconcile_invoice(invoice, local, policy, document_id=5)
        assert ExceptionType.DUPLICATE in rec.exception_types(), prior


def test_an_invoice_dated_a_month_past_anything_the_erp_recorded_fails_the_future_check(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN an ERP whose newest record is a receipt of 2026-03-04 (the conftest mirror)
    assert mirror.newest_date == date(2026, 3, 4)
    # THEN an invoice dated two months later is in the future as the ERP knows it; one a week later is not
    rec = reconcile_invoice(invoice_factory(invoice_date=date(2026, 5, 4)), mirror, policy, document_id=3)
    assert "invoice_date_not_in_future" in _failed(rec)
    rec = reconcile_invoice(invoice_factory(invoice_date=date(2026, 3, 11)), mirror, policy, document_id=3)
    assert "invoice_date_not_in_future" not in _failed(rec)
