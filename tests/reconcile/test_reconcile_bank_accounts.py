"""A supplier with several bank accounts in the ERP (a new account, a factoring account, one per
currency): an invoice paying to any of them is the vendor's, one paying to none of them is held and the
sentence names the accounts on file by their last four characters; an account that is another
vendor's stays a hold."""

from __future__ import annotations

from opsloop.domain.erp import ExceptionType, TolerancePolicy, VendorRecord
from opsloop.domain.invoices import VendorExtraction
from opsloop.reconcile import Mirror, reconcile_invoice
from tests.reconcile.conftest import ACME_IBAN, ACME_VAT, build_mirror, make_invoice

FACTORING = "DE75512108001245126199"
"""ACME's second account in the ERP (its factoring company's)."""
USD_ACCOUNT = "GB33BUKB20201555555555"
NORD_IBAN = "DE02120300000000202051"


def _mirror(*ibans: str) -> Mirror:
    """The shared mirror, ACME's master holding `ibans` (the first is the one the ERP pays on)."""
    base = build_mirror()
    vendors = [
        VendorRecord(1, "V-ACME", "ACME Fasteners GmbH", ACME_VAT, ibans[0], "EUR", ibans=tuple(ibans))
        if v.id == 1
        else v
        for v in base.vendors.values()
    ]
    return Mirror.from_records(vendors, base.orders.values(), base.lines.values(), [], base.invoices.values())


def _bank_check(rec: object) -> tuple[bool | None, str]:
    [check] = [c for c in rec.checks if c.name == "bank_details_unchanged"]  # type: ignore[attr-defined]
    return check.passed, check.sentence


def test_an_invoice_paying_to_the_vendors_second_account_is_not_a_change(policy: TolerancePolicy) -> None:
    # GIVEN ACME with two bank accounts in the ERP, and its invoice asking for payment to the second
    mirror = _mirror(ACME_IBAN, FACTORING)
    invoice = make_invoice(
        vendor=VendorExtraction(name="ACME Fasteners GmbH", vat_id=ACME_VAT, iban=FACTORING)
    )
    # WHEN reconciled
    rec = reconcile_invoice(invoice, mirror, policy)
    # THEN the bank details are the vendor's: no iban_changed
    passed, sentence = _bank_check(rec)
    assert ExceptionType.IBAN_CHANGED not in rec.exception_types()
    assert passed is True and "one of the vendor's 2 bank accounts" in sentence


def test_the_second_account_alone_identifies_the_vendor(policy: TolerancePolicy) -> None:
    # GIVEN an invoice that shows only an IBAN: ACME's second account
    mirror = _mirror(ACME_IBAN, FACTORING)
    invoice = make_invoice(vendor=VendorExtraction(iban=FACTORING))
    # WHEN reconciled
    rec = reconcile_invoice(invoice, mirror, policy)
    # THEN ACME is identified by that IBAN
    assert rec.vendor.erp_id == "V-ACME" and rec.vendor.method == "iban"
    assert ExceptionType.UNKNOWN_VENDOR not in rec.exception_types()


def test_an_iban_on_none_of_the_accounts_is_held_naming_them_by_their_last_four(
    policy: TolerancePolicy,
) -> None:
    # GIVEN ACME with three accounts on file, and its invoice asking for payment to a fourth
    mirror = _mirror(ACME_IBAN, FACTORING, USD_ACCOUNT)
    invoice = make_invoice(
        vendor=VendorExtraction(name="ACME Fasteners GmbH", vat_id=ACME_VAT, iban="NL91ABNA0417164300")
    )
    # WHEN reconciled
    rec = reconcile_invoice(invoice, mirror, policy)
    # THEN held as changed bank details; the sentence shows the new IBAN and the three on file by last four
    assert ExceptionType.IBAN_CHANGED in rec.exception_types()
    passed, sentence = _bank_check(rec)
    assert passed is False
    assert "NL91ABNA0417164300" in sentence
    assert "3 bank accounts in the ERP end in 3000, 6199 and 5555" in sentence
    assert FACTORING not in sentence and ACME_IBAN not in sentence


def test_another_vendors_account_stays_a_hold_for_a_vendor_with_several(policy: TolerancePolicy) -> None:
    # GIVEN ACME with two accounts, and an invoice by ACME (its VAT id) asking for payment to Nordwind's
    mirror = _mirror(ACME_IBAN, FACTORING)
    invoice = make_invoice(
        vendor=VendorExtraction(name="ACME Fasteners GmbH", vat_id=ACME_VAT, iban=NORD_IBAN)
    )
    # WHEN reconciled
    rec = reconcile_invoice(invoice, mirror, policy)
    # THEN held, and the sentence says whose account it is
    assert ExceptionType.IBAN_CHANGED in rec.exception_types()
    _, sentence = _bank_check(rec)
    assert "belongs to another vendor, Nordwind Logistik AG (V-NORD)" in sentence


def test_an_account_two_vendors_have_on_file_identifies_the_one_the_invoice_names(
    policy: TolerancePolicy,
) -> None:
    # GIVEN a factoring account that the ERP keeps for ACME and for Nordwind
    base = build_mirror()
    vendors = [
        VendorRecord(v.id, v.erp_id, v.name, v.vat_id, v.iban, v.currency, ibans=(v.iban or "", FACTORING))
        if v.id in (1, 2)
        else v
        for v in base.vendors.values()
    ]
    mirror = Mirror.from_records(vendors, base.orders.values(), base.lines.values())
    # WHEN an invoice without VAT id, paying to it, is reconciled under Nordwind's name
    rec = reconcile_invoice(
        make_invoice(
            vendor=VendorExtraction(name="Nordwind Logistik AG", iban=FACTORING), po_numbers=["PO-2001"]
        ),
        mirror,
        policy,
    )
    # THEN Nordwind is the vendor and the account is on its file
    assert rec.vendor.erp_id == "V-NORD"
    assert ExceptionType.IBAN_CHANGED not in rec.exception_types()
