"""A charge without an order that a person approved and asked to remember as recurring (a software
subscription billed monthly): the vendor's invoice for the next month, same legal entity, account, currency and
amount, passes instead of being held for want of a PO; anything else stays held and the hold says how it
differs from what was agreed (evals/decisions7: the subscription held as missing_po every month although the
budget owner approved the same amount each month before)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from opsloop.domain.erp import (
    ExceptionType,
    ReconciliationStatus,
    RecurringAgreementRecord,
    VendorRecord,
)
from opsloop.domain.invoices import InvoiceExtraction, InvoiceLineExtraction, VendorExtraction
from opsloop.reconcile import Mirror, default_policy, reconcile_invoice
from opsloop.reconcile.proposals import propose_invoice_action

D = Decimal
VAT, IBAN = "BE0123456749", "BE71096123456769"
NAME = "Cloudnote SRL"


def _agreement(**changes: object) -> RecurringAgreementRecord:
    agreed = RecurringAgreementRecord(
        id=7, vendor_id=1, vendor_name=NAME, vendor_vat_id=VAT, iban=IBAN, currency="EUR",
        net=D("480.00"), tax=D("0.00"), total=D("480.00"), cadence_months=1, period="2026-10",
        approved_by="rita", approved_on=date(2026, 10, 3), document_id=1, invoice_number="CN-1010",
    )  # fmt: skip
    return replace(agreed, **changes)  # type: ignore[arg-type]


def _mirror(agreement: RecurringAgreementRecord | None = None, *, active: bool = True) -> Mirror:
    vendor = VendorRecord(1, "V-CN", NAME, VAT, IBAN, "EUR", active=active)
    mirror = Mirror.from_records([vendor])
    if agreement is not None:
        mirror.agreements[1].append(agreement)
    return mirror


def _invoice(
    number: str = "CN-1111",
    month: str = "November 2026",
    issued: date = date(2026, 11, 1),
    seats: str = "12",
    price: str = "40.00",
    **vendor: str | None,
) -> InvoiceExtraction:
    amount = D(seats) * D(price)
    line = InvoiceLineExtraction(description=f"Team plan, {seats} users, {month}", quantity=D(seats),
                                 unit_price=D(price), amount=amount)  # fmt: skip
    return InvoiceExtraction(
        vendor=VendorExtraction(**{"name": NAME, "vat_id": VAT, "iban": IBAN, **vendor}),
        invoice_number=number,
        invoice_date=issued,
        currency="EUR",
        subtotal=amount,
        tax_total=D("0.00"),
        total=amount,
        lines=[line],
    )


def _held_because(rec_sentences: list[str], words: str) -> bool:
    return any("not covered by the recurring charge rita approved" in s and words in s for s in rec_sentences)


def test_next_month_at_the_agreed_amount_passes_without_a_po_and_names_the_agreement() -> None:
    mirror, policy = _mirror(_agreement()), default_policy()
    rec = reconcile_invoice(_invoice(), mirror, policy, document_id=2)
    assert rec.status is ReconciliationStatus.MATCHED, [e.sentence for e in rec.exceptions]
    assert rec.po_resolution == "agreement"
    [agreed] = [c for c in rec.checks if c.name == "recurring_charge_agreed"]
    assert agreed.passed is True and agreed.compared == {"agreement": "7", "period": "2026-11"}
    draft = propose_invoice_action(rec)
    assert draft.payload["action"] == "approve_payment"
    assert draft.payload["recurring_agreement"] == 7 and draft.payload["recurring_covered"] is True
    assert "agreement #7" in draft.summary and "rita" in draft.summary


def test_without_an_agreement_it_is_held_for_want_of_a_po_as_before() -> None:
    rec = reconcile_invoice(_invoice(), _mirror(), default_policy(), document_id=2)
    assert rec.exception_types() == {ExceptionType.MISSING_PO}
    assert not any(c.name == "recurring_charge_agreed" for c in rec.checks)


def test_one_cent_over_the_agreed_amount_is_held_saying_by_how_much() -> None:
    rec = reconcile_invoice(_invoice(seats="1", price="480.01"), _mirror(_agreement()), default_policy(),
                            document_id=2)  # fmt: skip
    assert rec.exception_types() == {ExceptionType.MISSING_PO}
    sentences = [e.sentence for e in rec.exceptions]
    assert _held_because(sentences, "its total is 480.01 EUR, 0.01 above the agreed 480.00"), sentences


def test_a_price_within_the_stated_tolerance_passes_and_beyond_it_is_held() -> None:
    policy = default_policy().model_copy(update={"recurring_amount_pct": D("2")})
    mirror = _mirror(_agreement())
    assert reconcile_invoice(_invoice(price="40.80"), mirror, policy, document_id=2).status is (
        ReconciliationStatus.MATCHED
    )
    rec = reconcile_invoice(_invoice(price="48.00"), mirror, policy, document_id=2)
    assert _held_because(
        [e.sentence for e in rec.exceptions], "96.00 above the agreed 480.00, 20.0 % (tolerance 2 %)"
    )


def test_a_new_bank_account_is_held_naming_both_accounts() -> None:
    other = "BE68539007547034"
    rec = reconcile_invoice(_invoice(iban=other), _mirror(_agreement()), default_policy(), document_id=2)
    assert rec.status is ReconciliationStatus.EXCEPTION
    sentences = [e.sentence for e in rec.exceptions]
    assert _held_because(sentences, f"it asks for payment to {other}, the approved invoice to {IBAN}"), (
        sentences
    )


def test_another_legal_entity_is_held() -> None:
    rec = reconcile_invoice(
        _invoice(vat_id="BE0999999950"), _mirror(_agreement()), default_policy(), document_id=2
    )
    assert _held_because([e.sentence for e in rec.exceptions], "another legal entity")


def test_a_vendor_blocked_in_the_erp_is_held_even_with_an_agreement() -> None:
    rec = reconcile_invoice(_invoice(), _mirror(_agreement(), active=False), default_policy(), document_id=2)
    assert rec.status is ReconciliationStatus.EXCEPTION
    assert _held_because([e.sentence for e in rec.exceptions], "is blocked in the ERP")


def test_the_same_period_twice_is_held_naming_the_invoice_that_billed_it() -> None:
    mirror, policy = _mirror(_agreement()), default_policy()
    first = _invoice("CN-1111")
    mirror.record(first, reconcile_invoice(first, mirror, policy, document_id=2))
    rec = reconcile_invoice(_invoice("CN-1112", issued=date(2026, 11, 20)), mirror, policy, document_id=3)
    assert rec.status is ReconciliationStatus.EXCEPTION
    assert _held_because(
        [e.sentence for e in rec.exceptions], "November 2026 was billed already under it (invoice CN-1111)"
    )
    # the approved month itself is billed already, too
    again = reconcile_invoice(_invoice("CN-1113", month="October 2026"), mirror, policy, document_id=4)
    assert _held_because([e.sentence for e in again.exceptions], "October 2026 was billed already")


def test_a_missing_month_then_the_next_is_held_as_a_gap_and_the_month_after_passes_in_turn() -> None:
    mirror, policy = _mirror(_agreement()), default_policy()
    rec = reconcile_invoice(
        _invoice(month="December 2026", issued=date(2026, 12, 1)), mirror, policy, document_id=2
    )
    assert _held_because([e.sentence for e in rec.exceptions], "the invoice for November 2026 has not come")
    november = _invoice("CN-1111")
    mirror.record(november, reconcile_invoice(november, mirror, policy, document_id=3))
    december = _invoice("CN-1212", month="December 2026", issued=date(2026, 12, 1))
    assert reconcile_invoice(december, mirror, policy, document_id=4).status is ReconciliationStatus.MATCHED


def test_a_revoked_agreement_holds_saying_who_revoked_it() -> None:
    revoked = _agreement(revoked_by="tom", revoked_on=date(2026, 10, 20), revoked_reason="contract cancelled")
    rec = reconcile_invoice(_invoice(), _mirror(revoked), default_policy(), document_id=2)
    assert rec.exception_types() == {ExceptionType.MISSING_PO}
    assert _held_because(
        [e.sentence for e in rec.exceptions], "tom revoked it on 20 Oct 2026 (contract cancelled)"
    )


def test_an_agreement_unused_past_the_expiry_holds() -> None:
    agreement = _agreement(period="2025-09")
    rec = reconcile_invoice(_invoice(), _mirror(agreement), default_policy(), document_id=2)
    assert _held_because([e.sentence for e in rec.exceptions], "unused for 13 months, it expired after 13")
    within = _agreement(period="2025-10")  # 13 months: the gap is what holds it, not the expiry
    sentences = [
        e.sentence
        for e in reconcile_invoice(_invoice(), _mirror(within), default_policy(), document_id=2).exceptions
    ]
    assert not _held_because(sentences, "expired") and _held_because(sentences, "has not come")


def test_a_quarterly_charge_expects_the_period_three_months_on() -> None:
    mirror = _mirror(_agreement(cadence_months=3, period="2026-08"))
    assert reconcile_invoice(_invoice(), mirror, default_policy(), document_id=2).status is (
        ReconciliationStatus.MATCHED
    )
