"""Vendor resolution: normal forms, fuzzy names, and the offline chromadb fallback."""

from __future__ import annotations

from pathlib import Path

import pytest

from opsloop.domain.erp import TolerancePolicy, VendorRecord
from opsloop.domain.invoices import VendorExtraction
from opsloop.reconcile import Mirror, resolve_vendor
from opsloop.reconcile.normalise import normalise_invoice_number, normalise_name, normalise_po_number
from opsloop.reconcile.vectors import ChromaVendorIndex, embed_ngrams


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


def test_ngram_embedding_is_unit_length_and_spelling_aware() -> None:
    # GIVEN two spellings of one name and an unrelated one
    a, b, c = (embed_ngrams(x) for x in ("Nordwind Logistik AG", "Nordwind Logistics", "Kappa Chemicals"))
    dot = lambda u, v: sum(x * y for x, y in zip(u, v, strict=True))  # noqa: E731
    # THEN vectors are normalised and the spellings are far closer to each other than to the other name
    assert abs(dot(a, a) - 1.0) < 1e-9
    assert dot(a, b) > 0.6 > 0.2 > dot(a, c)


def test_vendor_found_through_chromadb_when_fuzzy_names_fail(tmp_path: Path, policy: TolerancePolicy) -> None:
    # GIVEN vendors in a persistent chromadb collection (offline embedding), reopened from disk
    vendors = [
        VendorRecord(1, "V1", "Nordwind Logistik AG"),
        VendorRecord(2, "V2", "Kappa Chemicals Ltd"),
        VendorRecord(3, "V3", "Sud Packaging SA"),
    ]
    ChromaVendorIndex(tmp_path / "vectors").sync(vendors)
    index = ChromaVendorIndex(tmp_path / "vectors")
    assert index.count() == 3
    mirror = Mirror.from_records(vendors, vendor_index=index)
    strict = policy.model_copy(update={"fuzzy_vendor_min_score": 0.99, "vector_vendor_min_score": 0.7})
    # WHEN a name too different for the fuzzy threshold is resolved
    resolution, vendor = resolve_vendor(VendorExtraction(name="NORDWIND LOGISTICS"), mirror, strict)
    # THEN the vector index finds it and says so
    assert vendor is not None and vendor.erp_id == "V1"
    assert resolution.method == "vector" and 0.7 <= resolution.score <= 1.0
    # AND an unrelated name stays unknown, with candidates
    resolution, vendor = resolve_vendor(VendorExtraction(name="Zebra Office Supply"), mirror, strict)
    assert vendor is None and resolution.candidates


def test_same_name_with_another_vat_id_is_another_company(mirror: Mirror, policy: TolerancePolicy) -> None:
    # GIVEN ACME's exact name but a VAT id the ERP has never seen
    resolution, vendor = resolve_vendor(
        VendorExtraction(name="ACME Fasteners GmbH", vat_id="AT U99999999"), mirror, policy
    )
    # THEN it is not taken for ACME (a different legal entity), but ACME is the nearest candidate
    assert vendor is None
    assert resolution.candidates[0].erp_id == "V-ACME"
