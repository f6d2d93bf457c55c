"""GIVEN each fixture invoice beside its expected JSON WHEN extracted (auto engine) THEN every field
agrees: exact for ids, dates, amounts and codes; vendor and buyer names as printed."""

from decimal import Decimal
from pathlib import Path

import pytest

from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_file

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
CASES = sorted(p for p in (FIXTURES / "expected").glob("*.json")) if (FIXTURES / "expected").is_dir() else []


def _document(expected: Path) -> Path:
    for suffix in (".pdf", ".xml"):
        candidate = FIXTURES / "inbox" / (expected.stem + suffix)
        if candidate.exists():
            return candidate
    raise FileNotFoundError(expected.stem)


def _differences(got: InvoiceExtraction, want: InvoiceExtraction) -> list[str]:
    problems: list[str] = []
    scalar = (
        "document_type",
        "invoice_number",
        "invoice_date",
        "due_date",
        "currency",
        "subtotal",
        "tax_total",
        "total",
        "amount_due",
    )
    for name in scalar:
        if getattr(got, name) != getattr(want, name):
            problems.append(f"{name}: got {getattr(got, name)!r}, want {getattr(want, name)!r}")
    for name in ("name", "vat_id", "iban"):
        if getattr(got.vendor, name) != getattr(want.vendor, name):
            problems.append(
                f"vendor.{name}: got {getattr(got.vendor, name)!r}, want {getattr(want.vendor, name)!r}"
            )
    if got.buyer.name != want.buyer.name:
        problems.append(f"buyer.name: got {got.buyer.name!r}, want {want.buyer.name!r}")
    if sorted(got.po_numbers) != sorted(want.po_numbers):
        problems.append(f"po_numbers: got {got.po_numbers}, want {want.po_numbers}")
    got_amounts = [line.amount for line in got.lines]
    want_amounts = [line.amount for line in want.lines]
    if got_amounts != want_amounts:
        problems.append(f"line amounts: got {got_amounts}, want {want_amounts}")
    else:
        for number, (a, b) in enumerate(zip(got.lines, want.lines, strict=True), start=1):
            for name in ("quantity", "unit_price", "sku"):
                if getattr(a, name) != getattr(b, name):
                    problems.append(
                        f"line {number} {name}: got {getattr(a, name)!r}, want {getattr(b, name)!r}"
                    )
    return problems


@pytest.mark.skipif(not CASES, reason="fixtures/expected is empty (run fixtures/generate.py)")
@pytest.mark.parametrize("expected", CASES, ids=[p.stem for p in CASES])
def test_fixture_invoice_matches_its_expected_json(expected: Path) -> None:
    want = InvoiceExtraction.model_validate_json(expected.read_text(encoding="utf-8"))
    got = extract_file(_document(expected))
    assert got.total is None or isinstance(got.total, Decimal)
    assert _differences(got, want) == []
