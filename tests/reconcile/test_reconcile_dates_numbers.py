"""Dates and numbers an AP clerk reads: an invoice dated before its PO or in the future waits for a
person; the same number from a vendor whose numbering restarted with the year is not a duplicate, a
re-issue under the same number in the same year still is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

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


def test_the_future_is_after_today_and_a_quiet_erp_only_says_so(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN an ERP whose newest record is a receipt of 2026-03-04 (the conftest mirror), and 10 May as today
    assert mirror.newest_date == date(2026, 3, 4)
    monkeypatch.setenv("OPSLOOP_TODAY", "2026-05-10")
    # WHEN an invoice is dated 4 May, two months after anything the ERP recorded
    rec = reconcile_invoice(invoice_factory(invoice_date=date(2026, 5, 4)), mirror, policy, document_id=3)
    # THEN it is not in the future: the check passes, saying how far behind the ERP is
    [check] = [c for c in rec.checks if c.name == "invoice_date_not_in_future"]
    assert check.passed is True and "the newest date the ERP recorded is 2026-03-04, 61 days earlier" in (
        check.sentence
    )
    # AND one dated 11 May is after today, however recent the ERP
    for newest in (date(2026, 3, 4), date(2026, 5, 10), None):
        mirror.newest_date = newest
        rec = reconcile_invoice(
            invoice_factory(invoice_date=date(2026, 5, 11)), mirror, policy, document_id=3
        )
        assert "invoice_date_not_in_future" in _failed(rec), newest
        assert "after today (2026-05-10)" in next(c.sentence for c in rec.checks if c.passed is False)


def test_an_old_invoice_far_past_the_erps_newest_date_is_a_persons_check(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN the ERP's newest record of 2026-03-04 and today 2026-09-30: the records lag half a year
    monkeypatch.setenv("OPSLOOP_TODAY", "2026-09-30")
    # WHEN an invoice is dated 2026-05-04, two months past the ERP's newest date and itself months old
    rec = reconcile_invoice(invoice_factory(invoice_date=date(2026, 5, 4)), mirror, policy, document_id=3)
    # THEN a person checks it (the ERP is behind, or the invoice belongs to another period), nothing is held
    assert "invoice_date_not_in_future" in _failed(rec)
    sentence = next(c.sentence for c in rec.checks if c.name == "invoice_date_not_in_future")
    assert "61 days after the newest date the ERP recorded (2026-03-04)" in sentence
    assert "149 days before today (2026-09-30)" in sentence
    assert rec.exception_types() == set()
    # AND the same invoice a month on from the ERP's last record, or current today, passes
    for today, dated in (("2026-09-30", date(2026, 4, 1)), ("2026-05-20", date(2026, 5, 4))):
        monkeypatch.setenv("OPSLOOP_TODAY", today)
        rec = reconcile_invoice(invoice_factory(invoice_date=dated), mirror, policy, document_id=3)
        assert "invoice_date_not_in_future" not in _failed(rec), (today, dated)


def test_today_is_the_machine_clock_unless_a_valid_date_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import UTC, datetime

    from opsloop import clock
    from opsloop.errors import ConfigError
    from opsloop.settings import load_settings

    monkeypatch.delenv("OPSLOOP_TODAY", raising=False)
    assert clock.today() == datetime.now(UTC).date()
    monkeypatch.setenv("OPSLOOP_TODAY", "2026-11-05")
    assert clock.today() == date(2026, 11, 5)
    # a malformed date is refused in one line when opsloop starts; the clock falls back to the machine's
    monkeypatch.setenv("OPSLOOP_TODAY", "5.11.2026")
    assert clock.today() == datetime.now(UTC).date()
    with pytest.raises(ConfigError, match=r"OPSLOOP_TODAY='5\.11\.2026' is not valid"):
        load_settings()
