"""GIVEN extractions WHEN the self-checks run THEN arithmetic, dates and checksums are judged."""

from datetime import date
from decimal import Decimal

from opsloop.domain.invoices import (
    AllowanceChargeExtraction,
    InvoiceExtraction,
    InvoiceLineExtraction,
    VendorExtraction,
)
from opsloop.extract.checks import run_checks
from opsloop.extract.rules.layout import Line, split_cells
from opsloop.extract.rules.parties import find_ibans, find_vat_ids


def _line(text: str, index: int = 0) -> Line:
    return Line(page=1, index=index, text=text, cells=split_cells(text))


def _by_name(extraction: InvoiceExtraction) -> dict[str, bool | None]:
    return {c.name: c.passed for c in run_checks(extraction, today=date(2024, 1, 1))}


def test_a_consistent_invoice_passes_every_check() -> None:
    extraction = InvoiceExtraction(
        vendor=VendorExtraction(iban="DE08700901001234567890", vat_id="DE136695976"),
        invoice_date=date(2018, 3, 5),
        due_date=date(2018, 4, 4),
        subtotal=Decimal("473.00"),
        tax_total=Decimal("56.87"),
        total=Decimal("529.87"),
        lines=[
            InvoiceLineExtraction(quantity=Decimal(20), unit_price=Decimal("9.90"), amount=Decimal("198.00")),
            InvoiceLineExtraction(quantity=Decimal(50), unit_price=Decimal("5.50"), amount=Decimal("275.00")),
        ],
    )
    assert set(_by_name(extraction).values()) == {True}


def test_broken_arithmetic_and_checksums_fail() -> None:
    extraction = InvoiceExtraction(
        vendor=VendorExtraction(iban="DE08700901001234567891", vat_id="DE123456789"),
        invoice_date=date(2018, 3, 5),
        due_date=date(2017, 1, 1),
        subtotal=Decimal("100.00"),
        tax_total=Decimal("19.00"),
        total=Decimal("120.00"),
        lines=[
            InvoiceLineExtraction(quantity=Decimal(2), unit_price=Decimal("40.00"), amount=Decimal("90.00"))
        ],
    )
    assert _by_name(extraction) == {
        "lines_sum_to_subtotal": False,
        "subtotal_plus_tax_is_total": False,
        "line_arithmetic": False,
        "dates_plausible": False,
        "iban_checksum": False,
        "vat_id_checksum": False,
    }


def test_checks_that_cannot_run_say_so() -> None:
    assert set(_by_name(InvoiceExtraction()).values()) == {None}


def test_ibans_are_found_with_spaces_and_validated() -> None:
    lines = [
        _line("IBAN : FR76 1010 7002 4500 6170 5231 739 - BIC : BREDFRPP"),
        _line("IBAN-Nr.:   DE08 7009 0100 1234 5678 90   Handelsreg.: H A 123", 1),
        _line("IBAN DE08 7009 0100 1234 5678 91", 2),
    ]
    assert [f.value for f in find_ibans(lines)] == ["FR7610107002450061705231739", "DE08700901001234567890"]


def test_vat_ids_are_validated_and_never_taken_from_an_iban() -> None:
    ibans_line = _line("IBAN DE08700901001234567890", 0)
    lines = [
        ibans_line,
        _line("USt.-Id.-Nr.: DE136695976   BTW NL810433941B01", 1),
        _line("TVA F63530848134   USt-IdNr. DE123456789", 2),
    ]
    found = find_vat_ids(lines, find_ibans(lines))
    assert [f.value for f in found if f.checked] == ["DE136695976", "NL810433941B01"]
    # a labelled id in its country's shape whose check digits fail is read as printed, unchecked
    assert [f.value for f in found if not f.checked] == ["DE123456789"]


def test_an_iban_whose_label_and_check_digits_close_a_wrapped_line_is_read_whole() -> None:
    # GIVEN a paragraph wrapped right after the IBAN's country and check digits
    lines = [
        _line("Splatnost 14 dní. Bankovní spojení: IBAN CZ42", 0),
        _line("4801 7569 5802 9637 1990, BIC RLYNCZMM. DIČ CZ08395748.", 1),
    ]
    # THEN the IBAN is read whole from both lines (its checksum passes); a bare code with no label is not
    assert [f.value for f in find_ibans(lines)] == ["CZ4248017569580296371990"]
    assert find_ibans([_line("Ref. CZ42", 0), _line("4801 7569 5802 9637 1990", 1)]) == []


def test_a_vat_id_wrapped_after_its_country_prefix_is_read_whole() -> None:
    # GIVEN a footer paragraph wrapped right after the VAT label and the id's country prefix
    lines = [
        _line("Vervaldatum: 23/02/2025 Bankgegevens: BIC GZRBBEXX. Btw-nummer BE", 0),
        _line("0376.837.179.", 1),
    ]
    # THEN the id is read whole (its checksum passes); two capitals closing a line with no VAT label
    # before them open none
    assert [f.value for f in find_vat_ids(lines, [])] == ["BE0376837179"]
    assert find_vat_ids([_line("Antwerpen BE", 0), _line("0376.837.179.", 1)], []) == []


def test_allowances_and_charges_explain_a_lines_amount_and_the_subtotal() -> None:
    # GIVEN an e-invoice's reading (EN 16931): a line's own allowances and charges netted into its amount
    # (3 x 10.00 - 5.00 + 3.00 = 28.00), the document's into the subtotal (95.00 + 14.00 - 9.00 = 100.00)
    extraction = InvoiceExtraction(
        subtotal=Decimal("100.00"),
        lines=[
            InvoiceLineExtraction(quantity=Decimal(1), unit_price=Decimal("67.00"), amount=Decimal("67.00")),
            InvoiceLineExtraction(quantity=Decimal(3), unit_price=Decimal("10.00"), amount=Decimal("28.00")),
        ],
        charges=[
            AllowanceChargeExtraction(kind="allowance", amount=Decimal("5.00"), line=2),
            AllowanceChargeExtraction(kind="charge", amount=Decimal("3.00"), line=2),
            AllowanceChargeExtraction(kind="charge", amount=Decimal("14.00")),
            AllowanceChargeExtraction(kind="allowance", amount=Decimal("9.00")),
        ],
    )
    checks = _by_name(extraction)
    # THEN the arithmetic holds; a line no allowance explains still fails
    assert checks["line_arithmetic"] is True and checks["lines_sum_to_subtotal"] is True
    extraction.charges = extraction.charges[2:]
    assert _by_name(extraction)["line_arithmetic"] is False
