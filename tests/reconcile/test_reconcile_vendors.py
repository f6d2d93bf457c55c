"""Vendor resolution: normal forms and fuzzy names."""

from __future__ import annotations

from importlib.resources import files

import pytest

from opsloop.domain.erp import TolerancePolicy, VendorRecord
from opsloop.domain.invoices import VendorExtraction
from opsloop.errors import ConfigError
from opsloop.reconcile import Mirror, resolve_vendor
from opsloop.reconcile.normalise import normalise_invoice_number, normalise_name, normalise_po_number
from opsloop.reconcile.policies import parse_policy


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("INV-00042", "inv 42"),
        ("lNV-OO42", "INV-0042"),
        ("2024/000123", "2024-123"),
        ("RE 0007001", "re-7001"),
    ],
)
def test_invoice_numbers_that_are_the_same(left: str, right: str) -> None:
    # GIVEN two spellings of one invoice number, THEN they normalise alike
    assert normalise_invoice_number(left) == normalise_invoice_number(right)


def test_invoice_numbers_that_differ() -> None:
    # GIVEN numbers that differ in a real digit, THEN they stay apart
    assert normalise_invoice_number("INV-0042") != normalise_invoice_number("INV-0043")
    assert normalise_invoice_number("2024-10") != normalise_invoice_number("2024-100")


def test_names_and_po_numbers() -> None:
    assert normalise_name("Müller Maschinenbau GmbH & Co. KG") == normalise_name("MUELLER MASCHINENBAU")
    assert normalise_po_number("PO-0001001") == normalise_po_number("po 1001")


def test_a_policy_of_an_earlier_version_with_the_retired_vector_threshold_still_loads() -> None:
    text = (files("opsloop.reconcile.policy") / "default.toml").read_text(encoding="utf-8")
    policy = parse_policy("vector_vendor_min_score = 0.7\n" + text, source="an earlier file")
    assert policy.fuzzy_vendor_min_score == 0.9 and "vector_vendor_min_score" not in policy.model_dump()
    # AND a key that never existed is still refused
    with pytest.raises(ConfigError):
        parse_policy("vendor_min_scroe = 0.7\n" + text, source="a typo")


def test_a_name_too_far_for_fuzzy_matching_leaves_the_vendor_to_a_person(policy: TolerancePolicy) -> None:
    vendors = [VendorRecord(1, "V1", "Nordwind Logistik AG"), VendorRecord(2, "V2", "Kappa Chemicals Ltd")]
    mirror = Mirror.from_records(vendors)
    strict = policy.model_copy(update={"fuzzy_vendor_min_score": 0.99})
    resolution, vendor = resolve_vendor(VendorExtraction(name="NORDWIND LOGISTICS"), mirror, strict)
    # THEN no vendor is chosen, and the nearest names are offered
    assert vendor is None and resolution.method == "none"
    assert resolution.candidates[0].erp_id == "V1" and resolution.candidates[0].method == "fuzzy_name"


def test_same_name_with_another_vat_id_is_another_company(mirror: Mirror, policy: TolerancePolicy) -> None:
    # GIVEN ACME's exact name but a VAT id the ERP has never seen
    resolution, vendor = resolve_vendor(
        VendorExtraction(name="ACME Fasteners GmbH", vat_id="AT U99999999"), mirror, policy
    )
    # THEN it is not taken for ACME (a different legal entity), but ACME is the nearest candidate
    assert vendor is None
    assert resolution.candidates[0].erp_id == "V-ACME"


@pytest.mark.parametrize(
    ("printed", "same"),
    [
        ("CHE528984281", True),
        ("CHE-528.984.281 MWST", True),
        ("CHE528984281TVA", True),
        ("CHE205548861MWST", False),
    ],
)
def test_a_swiss_uid_is_one_vat_id_with_or_without_its_mwst_suffix(
    policy: TolerancePolicy, printed: str, same: bool
) -> None:
    from opsloop.domain.erp import ExceptionType
    from opsloop.reconcile import reconcile_invoice
    from tests.reconcile.conftest import make_invoice

    vendors = [VendorRecord(1, "V-ALP", "Alpina Elektrotechnik SA", "CHE-528.984.281 MWST", None, "CHF")]
    mirror = Mirror.from_records(vendors)
    vendor = VendorExtraction(name="Alpina Elektrotechnik SA", vat_id=printed)
    resolution, found = resolve_vendor(vendor, mirror, policy)
    # THEN the same UID finds the vendor by VAT id; another is another legal entity, held
    assert (found is not None and resolution.method == "vat_id") is same
    rec = reconcile_invoice(make_invoice(vendor=vendor, currency="CHF"), mirror, policy, document_id=1)
    held = {ExceptionType.VAT_MISMATCH, ExceptionType.UNKNOWN_VENDOR} & rec.exception_types()
    assert bool(held) is not same
